/**
 * Reading netsh's own text: `netsh advfirewall show global` (the IPsec and Main Mode sections)
 * and `netsh advfirewall consec show rule name=all verbose` (one record per connection security
 * rule). Values keep netsh's units: minutes and kilobytes (`480min,0sess`, `+60min+100000kb`).
 */
import type { ChildProposal, IkeProposal, NattMode, PortRange, Setting } from '../../src/model/types.js';
import { explicit } from '../../src/model/setting.js';
import { lineLabel, type Line } from './blocks.js';
import { at, fail, note, warn, type ReadContext } from './context.js';
import { NETSH_MM_ENCRYPTION, NETSH_MM_INTEGRITY, NETSH_QM_ENCRYPTION, NETSH_QM_INTEGRITY, netshDh, netshEncryption, netshIntegrity } from './crypto.js';
import { addressItem } from './ranges.js';
import { englishOnlyMessage, localizedHint } from './language.js';
import { consecKey, foldWrapped, globalKey, isGlobalHeader, isSeparator } from './netsh-text.js';

// ---------------------------------------------------------------------------------------------
// show global

export interface NetshGlobal {
  natt?: Setting<NattMode>;
  /** main mode lifetime, seconds (netsh writes minutes) */
  mmLifetime?: Setting<number>;
  mmProposals?: Setting<IkeProposal[]>;
  line: number;
}

export function readGlobal(lines: Line[], ctx: ReadContext): NetshGlobal | undefined {
  const logical = foldWrapped(lines, (t) => globalKey(t) !== undefined || isGlobalHeader(t));
  const g: NetshGlobal = { line: lines[0]?.n ?? 1 };
  let seen = 0;
  for (const l of logical) {
    const kv = globalKey(l.text);
    if (!kv) continue;
    seen++;
    const raw = `${kv.key} ${kv.value}`;
    const unset = isUnset(kv.value);
    switch (kv.key.toLowerCase()) {
      case 'ipsecthroughnat': {
        if (unset) break;
        const mode = nattFromThroughNat(kv.value);
        if (mode === undefined) {
          const hint = localizedHint([l]);
          if (hint) warn(ctx, englishOnlyMessage(hint, '`netsh advfirewall show global` output'), l.n);
          else
            fail(
              ctx,
              l.n,
              `expected IPsecThroughNAT Never, Server behind NAT or Server and client behind NAT (or the keywords never, serverbehindnat, serverandclientbehindnat), found "${kv.value}"`,
            );
          break;
        }
        g.natt = explicit(mode, raw, at(ctx, l.n));
        break;
      }
      case 'keylifetime':
        if (!unset) g.mmLifetime = mainModeLifetime(kv.value, l, ctx);
        break;
      case 'secmethods':
        if (!unset) g.mmProposals = explicit(mainModeProposals(kv.value, l, ctx), raw, at(ctx, l.n));
        break;
    }
  }
  if (seen === 0) {
    const hint = localizedHint(lines);
    if (hint) warn(ctx, englishOnlyMessage(hint, '`netsh advfirewall show global` output'), hint.line.n);
    else if (lines.some((l) => l.text.trim() !== ''))
      warn(ctx, 'expected `netsh advfirewall show global` output (IPsecThroughNAT, KeyLifetime, SecMethods lines); none found in this block', lines[0].n);
    return undefined;
  }
  return g;
}

/**
 * IPsecThroughNAT as `show global` prints it — display text: `Never` (the puppet capture),
 * `Server and client behind NAT` (KB 949856), `Server behind NAT` (the firewall service's own
 * string for the same setting, mpssvc.dll message 0xd2000039) — or as the setter keyword a user
 * may have typed (`serverbehindnat`, `netsh advfirewall set global` help). Spaces and case are
 * dropped before comparing, as puppet-windows_firewall's parser does. Windows never forces UDP
 * encapsulation, so the modes are auto or disabled; undefined for anything else.
 */
export function nattFromThroughNat(value: string): NattMode | undefined {
  switch (value.replace(/\s+/g, '').toLowerCase()) {
    case 'never':
      return 'disabled';
    case 'serverbehindnat':
    case 'serverandclientbehindnat':
      return 'auto';
    default:
      return undefined;
  }
}

/** `notconfigured` / `Not Configured` / `default`: the setting is not set in this store. */
export function isUnset(value: string): boolean {
  return /^(notconfigured|default)$/i.test(value.replace(/\s+/g, ''));
}

/**
 * `480min,0sess` (or `480min`) → seconds, unit minutes, raw as written. AWS's Windows Server
 * 2008 R2 guide prints `480min,0sec`: the part after the comma is the session limit, whatever
 * its unit word.
 */
export function mainModeLifetime(value: string, l: Line, ctx: ReadContext): Setting<number> {
  const m = /^(\d+)\s*min(?:\s*,\s*(\d+)\s*(?:sess|sec|sessions?))?$/i.exec(value.trim());
  if (!m) fail(ctx, l.n, `expected a main mode key lifetime like 480min,0sess, found "${value}"`);
  const minutes = Number(m[1]);
  if (minutes < 1 || minutes > 2880) fail(ctx, l.n, `expected a main mode key lifetime of 1-2880 minutes, found ${minutes}min`);
  return explicit(minutes * 60, value.trim(), at(ctx, l.n), 'minutes');
}

/**
 * `DHGroup2-AES128-SHA256, DHGroup2-3DES-SHA1` (output) or `dhgroup14:aes256-sha256,…` (input
 * syntax) → IKE proposals.
 */
export function mainModeProposals(value: string, l: Line, ctx: ReadContext): IkeProposal[] {
  const out: IkeProposal[] = [];
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)[-:]([A-Za-z0-9]+)-([A-Za-z0-9]+)$/.exec(item);
    if (!m) fail(ctx, l.n, `expected a main mode proposal like DHGroup14-AES256-SHA256, found "${item}"`);
    const dh = netshDh(m[1]);
    const enc = netshEncryption(m[2], NETSH_MM_ENCRYPTION);
    const integ = netshIntegrity(m[3], NETSH_MM_INTEGRITY);
    if (dh === undefined)
      fail(ctx, l.n, `expected a key exchange (DHGroup1, DHGroup2, DHGroup14, DHGroup24, ECDHP256, ECDHP384), found "${m[1]}" in "${item}"`);
    if (!enc) fail(ctx, l.n, `expected a main mode encryption (${NETSH_MM_ENCRYPTION.join(', ')}), found "${m[2]}" in "${item}"`);
    if (!integ) fail(ctx, l.n, `expected a main mode integrity (${NETSH_MM_INTEGRITY.join(', ')}), found "${m[3]}" in "${item}"`);
    out.push({ encryption: [enc], integrity: [integ], prf: [], dhGroups: [dh] });
  }
  if (!out.length) fail(ctx, l.n, 'expected at least one main mode proposal (DHGroup14-AES256-SHA256, …), found none');
  return out;
}

// ---------------------------------------------------------------------------------------------
// quick mode proposals

export interface QuickModeProposal {
  proposal?: ChildProposal;
  /** minutes / kilobytes as written, when written */
  minutes?: number;
  kilobytes?: number;
  minutesRaw?: string;
  kilobytesRaw?: string;
  text: string;
}

/**
 * `ESP:SHA1-AES128+60min+100000kb,AH:SHA1+60min+100000kb,AH:SHA256+ESP:SHA256-AES256+…`.
 * `ESP:SHA1-None` is ESP without encryption; `AuthNoEncap:` has no IPsec SA to compare and is
 * reported; an AH+ESP bundle is compared as its ESP part.
 */
export function quickModeProposals(value: string, l: Line, ctx: ReadContext, rule: string): QuickModeProposal[] {
  const out: QuickModeProposal[] = [];
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    // `+60min+100000kb`, `+60 min+100000kb` (KB 949856 consec sample), `+60min +100000kb` (its qmsa sample)
    const m = /^(.+?)(\s*\+\s*(\d+)\s*min)?(\s*\+\s*(\d+)\s*kb)?$/i.exec(item);
    if (!m) fail(ctx, l.n, `expected a quick mode proposal like ESP:SHA256-AES256+60min+100000kb, found "${item}"`);
    const q: QuickModeProposal = { text: item };
    if (m[3] !== undefined) {
      q.minutes = Number(m[3]);
      q.minutesRaw = m[2].trim();
      if (q.minutes < 1 || q.minutes > 2879) fail(ctx, l.n, `expected a quick mode lifetime of 1-2879 minutes, found "${q.minutesRaw}" in "${item}"`);
    }
    if (m[5] !== undefined) {
      q.kilobytes = Number(m[5]);
      q.kilobytesRaw = m[4].trim();
    }
    const parts = m[1].split('+').map((s) => s.trim());
    const esp = parts.find((p) => /^esp:/i.test(p));
    const ah = parts.find((p) => /^ah:/i.test(p));
    const noEncap = parts.find((p) => /^authnoencap:/i.test(p));
    const unknown = parts.find((p) => !/^(esp|ah|authnoencap):/i.test(p));
    if (unknown) fail(ctx, l.n, `expected ESP:, AH: or AuthNoEncap: in quick mode proposal "${item}", found "${unknown}"`);
    if (esp) {
      const e = /^esp:([A-Za-z0-9]+)-([A-Za-z0-9]+)$/i.exec(esp);
      if (!e) fail(ctx, l.n, `expected ESP:<integrity>-<encryption> (ESP:SHA256-AES256), found "${esp}"`);
      const integ = netshIntegrity(e[1], NETSH_QM_INTEGRITY);
      const enc = netshEncryption(e[2], NETSH_QM_ENCRYPTION);
      if (!integ) fail(ctx, l.n, `expected an ESP integrity (${NETSH_QM_INTEGRITY.join(', ')}), found "${e[1]}" in "${item}"`);
      if (!enc) fail(ctx, l.n, `expected an ESP encryption (${NETSH_QM_ENCRYPTION.join(', ')}), found "${e[2]}" in "${item}"`);
      q.proposal = espProposal(integ, enc);
      if (ah) note(ctx, `rule "${rule}": proposal "${item}" bundles AH with ESP; it is compared as its ESP part`, l.n);
    } else if (ah) {
      const a = /^ah:([A-Za-z0-9]+)$/i.exec(ah);
      const integ = a ? netshIntegrity(a[1], NETSH_QM_INTEGRITY) : undefined;
      if (!integ) fail(ctx, l.n, `expected AH:<integrity> (${NETSH_QM_INTEGRITY.join(', ')}), found "${ah}"`);
      q.proposal = { protocol: 'ah', encryption: [], integrity: [integ] };
    } else if (noEncap) {
      warn(ctx, `rule "${rule}": proposal "${item}" authenticates without encapsulation (no ESP/AH SA); it is left out of the compared proposals`, l.n);
    }
    out.push(q);
  }
  if (!out.length) fail(ctx, l.n, 'expected at least one quick mode proposal (ESP:SHA256-AES256+60min+100000kb, …), found none');
  return out;
}

/** netsh writes integrity first: `ESP:SHA1-AES128`; AES-GCM names itself on both sides. */
function espProposal(integrity: string, encryption: string): ChildProposal {
  if (/gcm/.test(encryption)) return { protocol: 'esp', encryption: [encryption], integrity: [] };
  if (/gmac$/.test(integrity)) return { protocol: 'esp', encryption: [integrity], integrity: [] };
  return { protocol: 'esp', encryption: [encryption], integrity: [integrity] };
}

// ---------------------------------------------------------------------------------------------
// consec rules

export interface ConsecField {
  key: string;
  value: string;
  line: number;
  raw: string;
}

export interface ConsecRule {
  name: string;
  line: number;
  /** by lower-case key */
  fields: Map<string, ConsecField>;
  /** last physical line of the rule */
  last: number;
  /** the output ran out inside this rule (no following rule, no `Ok.`) */
  cut: boolean;
}

/** Split `consec show rule … verbose` output into rules. */
export function readConsecRules(lines: Line[], ctx: ReadContext): ConsecRule[] {
  const logical = foldWrapped(lines, (t) => consecKey(t) !== undefined);
  const rules: ConsecRule[] = [];
  let rule: ConsecRule | undefined;
  let finished = false;
  for (const l of logical) {
    if (/^Ok\.$/.test(l.text.trim())) {
      finished = true;
      continue;
    }
    if (isSeparator(l.text) || l.text.trim() === '') continue;
    if (/^No rules match the specified criteria\.?$/i.test(l.text.trim())) {
      note(ctx, 'netsh found no connection security rules', l.n);
      finished = true;
      continue;
    }
    const kv = consecKey(l.text);
    if (kv && kv.key.toLowerCase() === 'rule name') {
      rule = { name: kv.value || `(unnamed rule at line ${l.n})`, line: l.n, fields: new Map(), last: l.last, cut: false };
      rules.push(rule);
      continue;
    }
    if (kv && rule) {
      rule.fields.set(kv.key.toLowerCase(), { key: kv.key, value: kv.value, line: l.n, raw: kv.raw });
      rule.last = l.last;
      continue;
    }
    if (!rule) {
      const hint = localizedHint([l]);
      if (hint) {
        warn(ctx, englishOnlyMessage(hint, '`netsh advfirewall consec show rule name=all verbose` output (Rule Name:, Mode:, QuickModeSecMethods: …)'), l.n);
        return rules;
      }
    }
    note(ctx, `line not read in consec output (${lineLabel(l.text)})`, l.n);
  }
  if (rules.length && !finished) rules[rules.length - 1].cut = true;
  if (!rules.length && !finished && lines.some((l) => l.text.trim() !== '')) {
    warn(ctx, 'expected `netsh advfirewall consec show rule name=all verbose` output starting with "Rule Name:"; none found in this block', lines[0].n);
  }
  return rules;
}

/** Does a cut-off rule still have everything a tunnel needs? */
export const ESSENTIAL_KEYS = ['endpoint1', 'endpoint2', 'action'];

// ---------------------------------------------------------------------------------------------
// selectors

export interface Selectors {
  cidrs: string[];
  /** every entry resolved to addresses */
  complete: boolean;
}

/**
 * `Any`, `10.1.0.0/24,10.2.0.5`, `10.3.0.1-10.3.0.9`, and keywords netsh cannot expand for us
 * (LocalSubnet, DNS, DHCP, WINS, DefaultGateway, …): those are reported and left out.
 */
export function endpointSelectors(f: ConsecField, ctx: ReadContext, rule: string): Selectors {
  const cidrs: string[] = [];
  let complete = true;
  for (const item of f.value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const one = addressItem(item);
    if (one) cidrs.push(...one);
    else {
      complete = false;
      warn(ctx, `rule "${rule}": ${f.key} "${item}" is a keyword or name netsh resolves at run time; the addresses behind it are not in this output`, f.line);
    }
  }
  return { cidrs: [...new Set(cidrs)], complete };
}

/** The single host of an endpoint list (`131.107.0.2/32`), or undefined. */
export function singleHost(cidrs: string[]): string | undefined {
  if (cidrs.length !== 1) return undefined;
  const m = /^(.+)\/(32|128)$/.exec(cidrs[0]);
  return m ? m[1] : undefined;
}

/**
 * `Port1:` / `Port2:` — `Any`, `1701` (KB 2855053); lists and ranges as `consec add rule` takes
 * them (`port1=0-65535|<port range>[,...]|any`). `Any` is every port (the empty list); undefined
 * when an item is not a port or a range.
 */
export function portRanges(value: string): PortRange[] | undefined {
  const v = value.trim();
  if (/^any$/i.test(v)) return [];
  const out: PortRange[] = [];
  for (const item of v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(item);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > 65535 || to > 65535 || from > to) return undefined;
    out.push({ from, to });
  }
  return out.length ? out : undefined;
}

export function protocolNumber(value: string): number | undefined {
  const t = value.replace(/\s+/g, '').toLowerCase();
  const named: Record<string, number> = { any: 0, tcp: 6, udp: 17, icmpv4: 1, icmp: 1, icmpv6: 58 };
  if (t in named) return named[t];
  return /^\d+$/.test(t) && Number(t) <= 255 ? Number(t) : undefined;
}
