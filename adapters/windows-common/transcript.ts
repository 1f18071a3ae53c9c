/**
 * One reader for every Windows transcript, used by both adapters. A file may mix netsh,
 * NetSecurity and RRAS output (scripts/collect-windows.ps1 writes all of them into one file), so
 * whichever adapter `detect` picks reads every block it recognises: netsh-store blocks become
 * connection security rule ends, RRAS blocks become S2S interface / VPN connection / server
 * ends. The adapter id only names the Device's vendor; fixes are chosen per tunnel end
 * (windows-common/fix.ts), so a mixed file loses nothing whichever adapter read it.
 */
import { withWindowsIdentity } from './identity.js';
import type { Device, TunnelEnd } from '../../src/model/types.js';
import { ParseError } from '../../src/model/errors.js';
import { family, hostFromBanner, lineLabel, redactCommand, splitBlocks, toLines, type Block } from './blocks.js';
import { newContext, note, warn, type ReadContext } from './context.js';
import { englishOnlyMessage, localizedHint } from './language.js';
import { errorRecord, JsonSyntaxError, looksLikeJson, parseFormatList, parseJson, parseTable, type PsRecord } from './psrecord.js';
import { readRegistryNatt, readRegistryNattPs, type RegNatt } from './registry.js';
import { englishUi, readHeader, type CollectHeader } from './header.js';
import { changeFailure, parseChange } from './changes.js';
import { applyConsecRuleChange, applyGlobalChange, applyNetIPsecRuleChange } from './netsh-changes.js';
import { applyConnectionChange, applyConnectionIPsecChange, applyNewObject, applyS2sChange, applyServerChange, registryChange } from './rras-changes.js';
import { readConsecRules, readGlobal } from './netsh-read.js';
import { readFirewallSetting, readMainModeSet, readNetIPsecRule, readQuickModeSet } from './netsecurity-read.js';
import { netshTunnels, type NetshInputs } from './netsh-tunnels.js';
import { rrasTunnels, type RrasInputs } from './rras-tunnels.js';

export const READ_COMMANDS =
  'netsh advfirewall show global, netsh advfirewall consec show rule name=all verbose, Get-VpnS2SInterface, Get-VpnServerConfiguration, Get-VpnConnection, Get-NetIPsecRule, Get-NetIPsecMainModeCryptoSet, Get-NetIPsecQuickModeCryptoSet, Get-NetFirewallSetting, Get-ItemProperty/reg query …\\PolicyAgent';

export function parseWindowsTranscript(text: string, file: string, vendor: 'windows-netsh' | 'windows-rras'): Device {
  const ctx = newContext(file);
  const lines = toLines(text);
  if (lines.every((l) => l.text.trim() === '')) {
    throw new ParseError(
      file,
      1,
      `the file is empty: expected the output of Windows IPsec commands (${READ_COMMANDS}); scripts/collect-windows.ps1 collects them`,
    );
  }
  const header = readHeader(lines);
  // the header is the script's, not a command's output: read above, blanked for the block splitter
  if (header) lines[header.line - 1] = { n: header.line, text: '' };
  const netsh: NetshInputs = { globals: [], keyModules: new Map(), mmSets: [], qmSets: [], consec: [], netIPsecRules: [] };
  const rras: RrasInputs = { s2s: [], servers: [], connections: [], connectionPolicies: new Map() };
  let hostname: string | undefined = hostFromBanner(lines);
  let registry: RegNatt | undefined;
  let understood = 0;

  for (const block of splitBlocks(lines)) {
    const first = block.promptLine ?? block.lines[0]?.n ?? 1;
    const hasOutput = block.lines.some((l) => l.text.trim() !== '');
    switch (block.kind) {
      case 'quiet':
        break;
      case 'hostname': {
        const h = block.lines.find((l) => l.text.trim() !== '')?.text.trim();
        if (h && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(h)) hostname = h;
        break;
      }
      case 'reg-query': {
        const r = readRegistryNatt(block.lines);
        if (r) {
          registry = r;
          understood++;
        } else warn(ctx, 'expected the AssumeUDPEncapsulationContextOnSendRule value (or "unable to find") in this reg query output', first);
        break;
      }
      case 'netsh-global': {
        if (notEnglish(header, block, ctx)) break;
        const g = readGlobal(block.lines, ctx);
        if (g) {
          netsh.globals.push(g);
          understood++;
        }
        break;
      }
      case 'netsh-consec': {
        if (notEnglish(header, block, ctx)) break;
        const rules = readConsecRules(block.lines, ctx);
        for (const r of rules) {
          // shown again (after a change): the later listing is the rule's state
          const i = netsh.consec.findIndex((x) => x.name.toLowerCase() === r.name.toLowerCase());
          if (i >= 0) {
            note(ctx, `rule "${r.name}" was already listed at line ${netsh.consec[i].line}; this later listing is read`, r.line);
            netsh.consec.splice(i, 1);
          }
        }
        netsh.consec.push(...rules);
        if (rules.length) understood++;
        break;
      }
      case 'ps-natt-registry': {
        const r = readRegistryNattPs(block.lines, first);
        registry = r;
        understood++;
        break;
      }
      case 'netsh-sa':
        if (hasOutput) warn(ctx, SA_LISTING, block.lines.find((l) => l.text.trim() !== '')?.n ?? first);
        break;
      case 'change': {
        const r = applyChange(block, first, netsh, rras, ctx);
        if (r) registry = r;
        break;
      }
      case 'netsh-usage':
        warn(
          ctx,
          `netsh printed its usage text ("${block.lines
            .find((l) => l.text.trim() !== '')
            ?.text.trim()
            .slice(
              0,
              70,
            )}"): the command was not accepted; expected the output of \`netsh advfirewall show global\` or \`netsh advfirewall consec show rule name=all verbose\``,
          block.lines.find((l) => l.text.trim() !== '')?.n ?? first,
        );
        break;
      case 'netsh-other':
        if (hasOutput)
          note(
            ctx,
            `netsh output of \`${redactCommand(block.command ?? '')}\` is not read (only \`advfirewall show global\` and \`advfirewall consec show rule … verbose\` are)`,
            first,
          );
        break;
      case 'ps-other':
        if (hasOutput)
          warn(
            ctx,
            `PowerShell output of \`${redactCommand(block.command ?? '')}\` is not read; expected one of Get-VpnS2SInterface, Get-VpnServerConfiguration, Get-VpnConnection, Get-NetIPsecRule, Get-NetIPsecMainModeCryptoSet, Get-NetIPsecQuickModeCryptoSet, Get-NetFirewallSetting`,
            first,
          );
        break;
      case 'unknown':
        unknownBlock(block, ctx);
        break;
      default: {
        const records = psRecords(block, ctx);
        if (!records.length) break;
        understood++;
        switch (block.kind) {
          case 'ps-vpns2s':
            rras.s2s.push(...records);
            break;
          case 'ps-vpnserver':
            rras.servers.push(...records);
            break;
          case 'ps-vpnconnection':
            rras.connections.push(...records);
            break;
          case 'ps-vpnconnection-policy':
            rras.connectionPolicies.set((block.connectionName ?? '').toLowerCase(), records[0]);
            break;
          case 'ps-fwsetting':
            netsh.firewallNatt = readFirewallSetting(records[records.length - 1], ctx) ?? netsh.firewallNatt;
            break;
          case 'ps-mmcrypto':
            netsh.mmSets.push(...records.map((r) => readMainModeSet(r, ctx)));
            break;
          case 'ps-qmcrypto':
            netsh.qmSets.push(...records.map((r) => readQuickModeSet(r, ctx)));
            break;
          case 'ps-netipsecrule':
            netsh.netIPsecRules.push(...records.map(readNetIPsecRule));
            break;
        }
      }
    }
  }
  netsh.registry = registry;
  rras.registry = registry;
  const tunnels: TunnelEnd[] = [...netshTunnels(netsh, ctx), ...rrasTunnels(rras, ctx)];
  for (const t of tunnels) withWindowsIdentity(t);
  if (!tunnels.length) {
    if (understood === 0) throw nothingRead(ctx, file);
    note(ctx, 'no tunnel in this file: no connection security rule, S2S interface, VPN connection or VPN server configuration was found', undefined);
  }
  const device: Device = { vendor, origin: file, interfaces: [], tunnels, diagnostics: ctx.diagnostics };
  if (hostname) device.hostname = hostname;
  return device;
}

/**
 * A change command (windows-common/changes.ts): applied to what was read before it, unless its
 * output shows it failed. Returns the NAT-T registry value when the command set it.
 */
function applyChange(block: Block, line: number, netsh: NetshInputs, rras: RrasInputs, ctx: ReadContext): RegNatt | undefined {
  const shown = redactCommand(block.command ?? '');
  const failed = changeFailure(block.lines);
  if (failed) {
    warn(ctx, `\`${shown}\` failed (${redactCommand(failed.text.trim().slice(0, 100))}): its change is not applied`, failed.n);
    return undefined;
  }
  const { change, why } = parseChange(block.command ?? '');
  if (!change) {
    warn(ctx, `\`${shown}\` is not read: ${why}`, line);
    return undefined;
  }
  switch (change.target) {
    case 'consec-rule':
      applyConsecRuleChange(netsh, change.rule, change.args, line, ctx);
      break;
    case 'netsh-global':
      for (const a of change.args) applyGlobalChange(netsh, change.section, a, line, ctx);
      break;
    case 'netipsec-rule':
      applyNetIPsecRuleChange(netsh, change.rule, change.args, line, ctx);
      break;
    case 's2s':
      applyS2sChange(rras, change.name, change.args, line, ctx);
      break;
    case 'vpn-server':
      applyServerChange(rras, change.args, line, ctx);
      break;
    case 'vpn-connection-ipsec':
      applyConnectionIPsecChange(rras, change.name, change.args, line, ctx);
      break;
    case 'vpn-connection':
      applyConnectionChange(rras, change.name, change.args, line, ctx);
      break;
    case 'vpn-connection-new':
      applyNewObject(rras, 'connection', change.name, change.args, line, ctx);
      break;
    case 's2s-new':
      applyNewObject(rras, 's2s', change.name, change.args, line, ctx);
      break;
    case 'vpn-auth':
      note(ctx, `\`${shown}\`: the server's authentication settings are not read (Get-VpnAuthProtocol is not collected)`, line);
      break;
    case 'registry':
      return registryChange(change.key, change.value, change.data, redactCommand(change.raw), line, ctx);
  }
  return undefined;
}

/** netsh and Get-NetIPsec*SA listings are live state, not configuration. */
const SA_LISTING =
  'expected configuration, found a security association listing (`netsh advfirewall monitor show mmsa|qmsa` or Get-NetIPsecMainModeSA/QuickModeSA: "Main Mode SA at …", "MM Offer", "QM Offer"): SA listings are live state, read by the `state` command (SA-state matching of both ends), not by compare, audit or show; for the configuration collect `netsh advfirewall consec show rule name=all verbose` and `netsh advfirewall show global` (scripts/collect-windows.ps1)';

/**
 * netsh prints in the Windows display language: when the collection header says it was not
 * English, netsh blocks are not read at all (a German `Ja`/`Nein` must never become a value);
 * the PowerShell blocks are, their property names being English in every language.
 */
function notEnglish(header: CollectHeader | undefined, block: Block, ctx: ReadContext): boolean {
  if (englishUi(header) !== false) return false;
  warn(
    ctx,
    `\`${redactCommand(block.command ?? 'netsh')}\` was printed in ${header!.uiCulture} (ui-culture on line ${header!.line}): netsh writes its labels and values in the Windows display language and only English netsh output is read; the PowerShell blocks of this file are read (their property names are English in every language) — to read netsh too, collect on an English display language (e.g. run the script as a user whose display language is English)`,
    block.promptLine ?? block.lines[0]?.n ?? header!.line,
  );
  return true;
}

/** Nothing could be read: the most telling diagnostic becomes the error. */
function nothingRead(ctx: ReadContext, file: string): ParseError {
  const d = ctx.diagnostics.find((x) => x.level === 'warning' && x.at) ?? ctx.diagnostics.find((x) => x.at);
  if (d?.at) return new ParseError(file, d.at.line, d.message);
  return new ParseError(file, 1, `expected Windows IPsec command output (${READ_COMMANDS}); nothing in this file was recognised`);
}

function unknownBlock(block: Block, ctx: ReadContext): void {
  const text = block.lines.filter((l) => l.text.trim() !== '');
  if (!text.length) return;
  const hint = localizedHint(text);
  if (hint) {
    warn(ctx, englishOnlyMessage(hint, 'netsh output (Rule Name:, IPsecThroughNAT …)'), hint.line.n);
    return;
  }
  if (block.command !== undefined) note(ctx, `output of \`${redactCommand(block.command)}\` is not read`, block.promptLine);
  else warn(ctx, `expected Windows IPsec command output (${READ_COMMANDS}); line ${text[0].n} is not (${lineLabel(text[0].text)})`, text[0].n);
}

/** The objects of a PowerShell block, whatever form they were printed in. */
function psRecords(block: Block, ctx: ReadContext): PsRecord[] {
  const first = block.promptLine ?? block.lines[0]?.n;
  const err = errorRecord(block.lines);
  if (err) {
    warn(ctx, `\`${redactCommand(block.command ?? 'the command')}\` failed: ${redactCommand(err.text.trim().slice(0, 120))}`, err.n);
    return [];
  }
  if (looksLikeJson(block.lines)) {
    try {
      const records = parseJson(block.lines);
      if (!records.length)
        warn(ctx, `expected \`${redactCommand(block.command ?? 'ConvertTo-Json')}\` to print objects ({ … } or [ { … } ]); found none`, first);
      return records;
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new ParseError(ctx.file, e.line, e.message);
      throw e;
    }
  }
  const list = parseFormatList(block.lines);
  if (list.records.length && list.records.some((r) => r.fields.length > 1)) {
    if (list.stray.length) note(ctx, `line not read (${lineLabel(list.stray[0].text)}): expected Name : value`, list.stray[0].n);
    return list.records;
  }
  const table = parseTable(block.lines);
  if (table?.length) return table;
  if (block.lines.some((l) => l.text.trim() !== '')) {
    warn(
      ctx,
      `expected \`${redactCommand(block.command ?? 'PowerShell')}\` objects as Format-List (Name : value) or ConvertTo-Json text; nothing readable found`,
      first,
    );
  }
  return [];
}

/**
 * The shapes every Windows block starts from (kindFromContent / STARTS, as Windows prints them): a
 * heading or netsh property at a line start, a PowerShell property (`Name : value`, `"Name": value`),
 * or a cmd/PowerShell prompt. Anchored at line starts so a firewall backup that merely mentions
 * "Destination" or "ssl-vpn" is not split into blocks for nothing.
 */
const WINDOWS_MARKERS =
  /^[ \t]*(?:Global Settings:|Rule Name:|HKEY_|IPsecThroughNAT\s|SecMethods|QuickModeSecMethods|Usage: |Main Mode SA at |Quick Mode SA at |# ipsec-drift collect-windows)|^[ \t]*"?(?:ServerAddress|Destination|Ikev2Ports|L2tpPorts|MaxSAIdleTimeSeconds|AllowIPsecThroughNAT|QuickModeCryptoSet|RemoteTunnelEndpoint|PerfectForwardSecrecyGroup|MaxSessions|ForceDiffieHellman|SALifeTime(?:\(s\))?|AuthenticationMethod)"?\s*:/m;
const WINDOWS_PROMPT = /^(?:PS [^>\n]*>|[A-Za-z]:\\[^>\n]*>)/m;

/** The text last counted and its counts: detection asks the netsh adapter, then the RRAS one, about the same text. */
let last: { text: string; counts: { netsh: number; rras: number; neutral: number } } | undefined;

/** For detect: how many blocks of each family the head of the file holds. */
export function familyCounts(text: string): { netsh: number; rras: number; neutral: number } {
  if (last?.text === text) return { ...last.counts };
  const counts = countFamilies(text);
  // a flat copy (at most 64 KB), not the caller's string: a slice of a file would keep the whole file alive
  const head = text.slice(0, 65536);
  last = head.length === text.length ? { text: ` ${head}`.slice(1), counts } : undefined;
  return { ...counts };
}

function countFamilies(text: string): { netsh: number; rras: number; neutral: number } {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const counts = { netsh: 0, rras: 0, neutral: 0 };
  // every block kind needs one of these words: without any, splitting the head into blocks (the
  // costly part, run for every file an audit meets) cannot find a Windows block
  if (!WINDOWS_MARKERS.test(head) && !WINDOWS_PROMPT.test(head)) return counts;
  for (const b of splitBlocks(toLines(head))) {
    // SA listings are the state readers' (a file of them alone scores 0 here); parse still refuses them clearly
    if (b.kind === 'unknown' || b.kind === 'quiet' || b.kind === 'ps-other' || b.kind === 'hostname' || b.kind === 'netsh-sa') continue;
    counts[family(b.kind)]++;
  }
  return counts;
}
