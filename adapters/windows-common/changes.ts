/**
 * A transcript is read in order, and a change command in it changes what was shown before it:
 * an admin who printed a rule, then ran `netsh advfirewall consec set rule … new …`, left the
 * machine in the changed state. These are exactly the commands the Windows fixes are made of
 * (windows-netsh/fix.ts, windows-rras/fix.ts), so a fix pasted under the transcript it was
 * computed from can be re-read (the fix round-trip). This module only parses the command line;
 * each adapter applies what it means to the objects it read (windows-netsh/changes.ts,
 * windows-rras/changes.ts). A command whose output shows it failed is not applied.
 *
 * Syntax: netsh help (`consec set rule ?`: "Values after the new keyword are updated in the
 * rule"; `set global ?`), the RemoteAccess / VpnClient / NetSecurity cmdlet help, `reg add /?`.
 */
import type { Line } from './blocks.js';
import { errorRecord, type PsField, type PsRecord, type PsValue } from './psrecord.js';

/** One `key=value` (netsh) or `-Parameter value` (PowerShell) as typed. */
export interface ChangeArg {
  name: string;
  /** the value as typed (quotes removed); undefined for a switch (`-CustomPolicy`, `-Force`) */
  value?: string;
  /** for a PowerShell value that is an expression: `(New-VpnTrafficSelector …)` or `@(…, …)` */
  records?: PsRecord[];
  /** `qmsecmethods=ESP:SHA256-AES256+480min+100000kb`, `-SALifeTimeSeconds 28800` */
  raw: string;
}

export type Change =
  | { target: 'consec-rule'; rule: string; args: ChangeArg[] }
  | { target: 'netsh-global'; section: 'mainmode' | 'ipsec'; args: ChangeArg[] }
  | { target: 'netipsec-rule'; rule: string; args: ChangeArg[] }
  | { target: 's2s'; name: string; args: ChangeArg[] }
  | { target: 'vpn-server'; args: ChangeArg[] }
  | { target: 'vpn-connection-ipsec'; name: string; args: ChangeArg[] }
  | { target: 'vpn-connection'; name: string; args: ChangeArg[] }
  | { target: 'vpn-auth'; args: ChangeArg[] }
  | { target: 'vpn-connection-new'; name: string; args: ChangeArg[] }
  | { target: 's2s-new'; name: string; args: ChangeArg[] }
  | { target: 'registry'; key: string; value: string; data?: string; type?: string; raw: string };

export interface ParsedChange {
  change?: Change;
  /** why the command is not understood (then nothing is applied) */
  why?: string;
}

// ---------------------------------------------------------------------------------------------
// did it work?

/**
 * The command's own output says it failed: a PowerShell error record, netsh's "No rules match
 * the specified criteria." or usage text, reg's "ERROR:". Success prints nothing (cmdlets without
 * -PassThru), `Updated N rule(s).` and/or `Ok.` (netsh), "The operation completed successfully."
 * (reg add).
 */
export function changeFailure(lines: Line[]): Line | undefined {
  const err = errorRecord(lines);
  if (err) return err;
  for (const l of lines) {
    const t = l.text.trim();
    if (t === '' || /^Ok\.$/i.test(t) || /^Updated \d+ rule\(s\)\.$/i.test(t) || /^The operation completed successfully\.$/i.test(t)) continue;
    return l;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// netsh

/** netsh splits its arguments at spaces outside double quotes; `name="Tunnel to X"` is one argument. */
export function netshTokens(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of command.trim()) {
    if (ch === '"') {
      quoted = !quoted;
      cur += ch;
    } else if (/\s/.test(ch) && !quoted) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

function netshArg(token: string): ChangeArg | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0) return undefined;
  const name = token.slice(0, eq).toLowerCase();
  const value = unquote(token.slice(eq + 1));
  return { name, value, raw: `${name}=${token.slice(eq + 1)}` };
}

function parseNetsh(command: string): ParsedChange {
  const t = netshTokens(command);
  const words = t.map((x) => x.toLowerCase());
  // netsh advfirewall consec set rule name="X" new k=v …
  if (words[2] === 'consec' && words[3] === 'set' && words[4] === 'rule') {
    const newAt = words.indexOf('new');
    const selectors = t.slice(5, newAt < 0 ? undefined : newAt).map(netshArg);
    const name = selectors.find((a) => a?.name === 'name')?.value;
    if (!name) return { why: 'expected name="<rule>" before new (group= selects several rules and is not read)' };
    if (newAt < 0) return { why: 'no "new" keyword: netsh changes nothing (consec set rule help)' };
    const args = t.slice(newAt + 1).map(netshArg);
    if (args.some((a) => !a)) return { why: 'expected key=value pairs after new' };
    return { change: { target: 'consec-rule', rule: name, args: args as ChangeArg[] } };
  }
  // netsh advfirewall set global mainmode mmkeylifetime 480min,0sess | ipsec ipsecthroughnat never
  if (words[2] === 'set' && words[3] === 'global' && (words[4] === 'mainmode' || words[4] === 'ipsec') && t.length >= 7) {
    const name = words[5];
    const value = unquote(t.slice(6).join(' '));
    return { change: { target: 'netsh-global', section: words[4], args: [{ name, value, raw: `${words[4]} ${name} ${t.slice(6).join(' ')}` }] } };
  }
  return { why: 'expected `netsh advfirewall consec set rule name=… new …` or `netsh advfirewall set global mainmode|ipsec <setting> <value>`' };
}

// ---------------------------------------------------------------------------------------------
// PowerShell

/**
 * PowerShell tokens: `"…"` (backtick escapes), `'…'`, `(…)` and `@(…)` expressions kept whole
 * (their nesting followed), the rest split at spaces. `a,b` stays one token (an array).
 */
export function psTokens(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      cur += ch;
      if (ch === '`' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  // `-IPAddressRange 10.10.0.0, 10.10.255.255` (the New-VpnTrafficSelector help example): an
  // array written with spaces after its commas is one argument
  const joined: string[] = [];
  for (const t of out) {
    const prev = joined[joined.length - 1];
    if (prev !== undefined && (prev.endsWith(',') || t.startsWith(','))) joined[joined.length - 1] = prev + t;
    else joined.push(t);
  }
  return joined;
}

function psUnquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/`(.)/g, '$1');
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/** `(New-VpnTrafficSelector -IPAddressRange 10.0.0.0,10.0.0.255 -Type IPv4)` → a record. */
function trafficSelector(expr: string): PsRecord | undefined {
  const inner = /^\(\s*New-VpnTrafficSelector\b(.*)\)$/is.exec(expr.trim());
  if (!inner) return undefined;
  const args = psArgs(psTokens(inner[1]));
  const fields: PsField[] = [];
  for (const a of args) {
    if (a.value === undefined) continue;
    const n = a.name.toLowerCase();
    // -Protocol (the help example's spelling) is a prefix of -ProtocolId
    const name = n === 'protocol' ? 'ProtocolId' : a.name;
    const value: PsValue =
      n === 'ipaddressrange'
        ? a.value.split(',').map((x) => psUnquote(x.trim()))
        : n === 'portrange'
          ? a.value.split(',').map((x) => Number(x.trim()))
          : /^\d+$/.test(a.value)
            ? Number(a.value)
            : a.value;
    fields.push({ name, value, line: 0, raw: a.raw });
  }
  return { kind: 'record', fields, line: 0, form: 'json' };
}

/** `(…)` or `@((…), (…))` → the traffic selector records, or undefined. */
function expressionRecords(value: string): PsRecord[] | undefined {
  const v = value.trim();
  const arr = /^@\((.*)\)$/s.exec(v);
  const parts = arr ? splitTopLevel(arr[1]) : [v];
  const recs = parts.map(trafficSelector);
  return recs.every((r) => r) ? (recs as PsRecord[]) : undefined;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** `-Name "X" -SALifeTimeSeconds 28800 -CustomPolicy -Force` → args (a switch has no value). */
export function psArgs(tokens: string[]): ChangeArg[] {
  const out: ChangeArg[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const p = /^-([A-Za-z][A-Za-z0-9]*)(?::(.*))?$/.exec(tokens[i]);
    if (!p) continue;
    const name = p[1];
    if (p[2] !== undefined) {
      out.push({ name, value: psUnquote(p[2]), raw: tokens[i] });
      continue;
    }
    const next = tokens[i + 1];
    if (next === undefined || /^-[A-Za-z]/.test(next)) {
      out.push({ name, raw: `-${name}` });
      continue;
    }
    i++;
    const arg: ChangeArg = { name, value: psUnquote(next), raw: `-${name} ${next}` };
    if (next.startsWith('(') || next.startsWith('@(')) {
      arg.records = expressionRecords(next);
      arg.value = next;
    }
    out.push(arg);
  }
  return out;
}

function parsePowerShell(command: string): ParsedChange {
  const tokens = psTokens(command);
  const cmdlet = tokens[0].toLowerCase();
  const args = psArgs(tokens.slice(1));
  const named = (n: string) => args.find((a) => a.name.toLowerCase() === n.toLowerCase())?.value;
  // a name typed as the first positional argument (`Set-VpnS2SInterface edge1 …`)
  const positional = tokens[1] && !tokens[1].startsWith('-') ? psUnquote(tokens[1]) : undefined;
  switch (cmdlet) {
    case 'set-vpns2sinterface': {
      const name = named('Name') ?? positional;
      return name ? { change: { target: 's2s', name, args } } : { why: 'expected -Name <interface>' };
    }
    case 'set-vpnserverconfiguration':
      return { change: { target: 'vpn-server', args } };
    case 'set-vpnconnectionipsecconfiguration': {
      const name = named('ConnectionName') ?? positional;
      return name ? { change: { target: 'vpn-connection-ipsec', name, args } } : { why: 'expected -ConnectionName <connection>' };
    }
    case 'set-vpnconnection': {
      const name = named('Name') ?? positional;
      return name ? { change: { target: 'vpn-connection', name, args } } : { why: 'expected -Name <connection>' };
    }
    case 'set-netipsecrule': {
      const name = named('DisplayName');
      return name
        ? { change: { target: 'netipsec-rule', rule: name, args } }
        : { why: 'expected -DisplayName <rule> (-Name/-IPsecRuleName select by id and are not read)' };
    }
    case 'set-vpnauthprotocol':
      return { change: { target: 'vpn-auth', args } };
    // creating a connection or an interface (the VpnClient help examples start with Add-VpnConnection)
    case 'add-vpnconnection': {
      const name = named('Name') ?? positional;
      return name ? { change: { target: 'vpn-connection-new', name, args } } : { why: 'expected -Name <connection>' };
    }
    case 'add-vpns2sinterface': {
      const name = named('Name') ?? positional;
      return name ? { change: { target: 's2s-new', name, args } } : { why: 'expected -Name <interface>' };
    }
    default:
      return { why: 'not a change command the Windows adapters write' };
  }
}

// ---------------------------------------------------------------------------------------------
// reg add <key> /v <value> /t <type> /d <data> /f

function parseRegAdd(command: string): ParsedChange {
  const t = netshTokens(command).map(unquote);
  const key = t[2];
  const opt = (o: string) => {
    const i = t.findIndex((x) => x.toLowerCase() === o);
    return i >= 0 ? t[i + 1] : undefined;
  };
  const value = opt('/v');
  if (!key || !value) return { why: 'expected reg add <key> /v <value> /t REG_DWORD /d <data>' };
  return { change: { target: 'registry', key, value, type: opt('/t'), data: opt('/d'), raw: command.trim() } };
}

/** What a change command (as `isChangeCommand` recognised it) sets. */
export function parseChange(command: string): ParsedChange {
  const c = command.trim();
  if (/^netsh(\.exe)?\s/i.test(c)) return parseNetsh(c);
  if (/^reg(\.exe)?\s+add\s/i.test(c)) return parseRegAdd(c);
  return parsePowerShell(c);
}
