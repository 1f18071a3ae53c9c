/**
 * The same Windows Firewall IPsec store as netsh, read through the NetSecurity cmdlets:
 * Get-NetFirewallSetting (AllowIPsecThroughNAT, MaxSAIdleTimeSeconds), Get-NetIPsecMainModeCryptoSet
 * (proposals, MaxMinutes, MaxSessions), Get-NetIPsecQuickModeCryptoSet (proposals with MaxMinutes
 * and MaxKiloBytes, PerfectForwardSecrecyGroup) and Get-NetIPsecRule. Units stay minutes and KB.
 */
import type { ChildProposal, IkeProposal, NattMode, Setting } from '../../src/model/types.js';
import { explicit } from '../../src/model/setting.js';
import { parseWholeNumber } from '../../src/model/units.js';
import { at, note, warn, type ReadContext } from '../windows-common/context.js';
import { field, isRecord, list, text, type PsField, type PsRecord, type PsValue } from '../windows-common/psrecord.js';
import { type PFS_SAME_AS_MAIN_MODE, netSecurityDh, netSecurityEncryption, netSecurityHash } from '../windows-common/crypto.js';
import type { ConsecField } from './read-netsh.js';

export const DEFAULT_MM_SET = '{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE1}';
export const DEFAULT_QM_SET = '{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE2}';
export const DEFAULT_P1_AUTH_SET = '{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE3}';

/** NetSecurity prints enums by name; ConvertTo-Json (PowerShell 5.1) prints their numbers, which we do not guess. */
function enumText(f: PsField, ctx: ReadContext, what: string): string | undefined {
  if (typeof f.value === 'number') {
    warn(
      ctx,
      f.line,
      `${f.name} is the number ${f.value} (ConvertTo-Json writes NetSecurity enums as numbers); expected its name (${what}): use Format-List, or ConvertTo-Json -EnumsAsStrings (PowerShell 7)`,
    );
    return undefined;
  }
  return text(f.value);
}

// ---------------------------------------------------------------------------------------------
// Get-NetFirewallSetting

export function readFirewallSetting(rec: PsRecord, ctx: ReadContext): Setting<NattMode> | undefined {
  const f = field(rec, 'AllowIPsecThroughNAT');
  if (!f) return undefined;
  const v = typeof f.value === 'number' ? String(f.value) : text(f.value).toLowerCase();
  const modes: Record<string, NattMode | null> = {
    none: 'disabled',
    '0': 'disabled',
    server: 'auto',
    '1': 'auto',
    both: 'auto',
    '2': 'auto',
    notconfigured: null,
    '65535': null,
  };
  if (!(v in modes)) {
    warn(ctx, f.line, `expected AllowIPsecThroughNAT None, Server, Both or NotConfigured, found "${text(f.value)}"`);
    return undefined;
  }
  const mode = modes[v];
  return mode === null ? undefined : explicit(mode, f.raw, at(ctx, f.line));
}

// ---------------------------------------------------------------------------------------------
// crypto sets

export interface MainModeSet {
  names: string[];
  line: number;
  proposals?: Setting<IkeProposal[]>;
  lifetime?: Setting<number>;
}

export interface QuickModeSet {
  names: string[];
  line: number;
  proposals?: Setting<ChildProposal[]>;
  pfs?: Setting<Array<number | typeof PFS_SAME_AS_MAIN_MODE>>;
  lifetime?: Setting<number>;
  kilobytes?: Setting<number>;
}

function setNames(rec: PsRecord): string[] {
  return ['Name', 'DisplayName', 'InstanceID'].map((n) => text(field(rec, n)?.value)).filter(Boolean);
}

function proposalRecords(f: PsField | undefined, ctx: ReadContext): PsRecord[] | undefined {
  if (!f) return undefined;
  const items = list(f.value);
  const recs = items.filter(isRecord);
  if (recs.length === items.length && recs.length) return recs;
  warn(
    ctx,
    f.line,
    `expected ${f.name} to list its proposals (Format-List shows each between { and }); found "${text(f.value).slice(0, 60)}": the proposals of this set are not read`,
  );
  return undefined;
}

function minutesSetting(f: PsField | undefined, ctx: ReadContext, max: number): Setting<number> | undefined {
  if (!f) return undefined;
  const n = typeof f.value === 'number' ? f.value : parseWholeNumber(text(f.value));
  if (n === undefined || n < 1 || n > max) {
    warn(ctx, f.line, `expected ${f.name} in whole minutes (1-${max}), found "${text(f.value)}"`);
    return undefined;
  }
  return explicit(n * 60, f.raw, at(ctx, f.line), 'minutes');
}

export function readMainModeSet(rec: PsRecord, ctx: ReadContext): MainModeSet {
  const set: MainModeSet = { names: setNames(rec), line: rec.line };
  const pf = field(rec, 'Proposal');
  const recs = proposalRecords(pf, ctx);
  if (recs && pf) {
    const proposals: IkeProposal[] = [];
    for (const p of recs) {
      const enc = field(p, 'Encryption');
      const hash = field(p, 'Hash');
      const kx = field(p, 'KeyExchange');
      const e = enc && enumText(enc, ctx, 'DES3, AES128, AES256…');
      const h = hash && enumText(hash, ctx, 'SHA1, SHA256, SHA384…');
      const k = kx && enumText(kx, ctx, 'DH2, DH14, DH19…');
      // a number was already reported by enumText
      if ([enc, hash, kx].some((f) => typeof f?.value === 'number')) continue;
      const ce = e ? netSecurityEncryption(e) : undefined;
      const ch = h ? netSecurityHash(h) : undefined;
      const ck = k ? netSecurityDh(k) : undefined;
      if (!ce || !ch || typeof ck !== 'number') {
        warn(
          ctx,
          p.line,
          `main mode proposal not read: expected Encryption, Hash and KeyExchange (e.g. AES256, SHA256, DH14), found "${[e, h, k].join(', ')}"`,
        );
        continue;
      }
      proposals.push({ encryption: [ce], integrity: [ch], prf: [], dhGroups: [ck] });
    }
    if (proposals.length)
      set.proposals = explicit(proposals, pf.raw === `${pf.name} : {…}` ? `${pf.name} : ${recs.map(describeMm).join(', ')}` : pf.raw, at(ctx, pf.line));
  }
  set.lifetime = minutesSetting(field(rec, 'MaxMinutes'), ctx, 2880);
  return set;
}

function describeMm(p: PsRecord): string {
  return ['KeyExchange', 'Encryption', 'Hash'].map((n) => text(field(p, n)?.value)).join('-');
}

export function readQuickModeSet(rec: PsRecord, ctx: ReadContext): QuickModeSet {
  const set: QuickModeSet = { names: setNames(rec), line: rec.line };
  const pf = field(rec, 'Proposal');
  const recs = proposalRecords(pf, ctx);
  if (recs && pf) {
    const proposals: ChildProposal[] = [];
    let first = true;
    for (const p of recs) {
      const proposal = quickModeProposal(p, ctx);
      if (proposal) proposals.push(proposal);
      if (first) {
        set.lifetime = minutesSetting(field(p, 'MaxMinutes', 'MaxLifetimeMinutes'), ctx, 2879);
        const kb = field(p, 'MaxKiloBytes', 'MaxLifetimeKilobytes');
        const n = kb ? (typeof kb.value === 'number' ? kb.value : parseWholeNumber(text(kb.value))) : undefined;
        if (kb && n !== undefined) set.kilobytes = explicit(n, kb.raw, at(ctx, kb.line), 'kilobytes');
        else if (kb) warn(ctx, kb.line, `expected ${kb.name} in whole kilobytes, found "${text(kb.value)}"`);
        first = false;
      }
    }
    if (proposals.length) set.proposals = explicit(proposals, `${pf.name} : ${recs.map(describeQm).join(', ')}`, at(ctx, pf.line));
  }
  const pfs = field(rec, 'PerfectForwardSecrecyGroup', 'PfsGroup');
  if (pfs) {
    const t = enumText(pfs, ctx, 'None, DH2, DH14, DH19, DH20, DH24, SameAsMainMode');
    const g = t !== undefined ? netSecurityDh(t) : undefined;
    if (g === undefined) {
      if (t !== undefined) warn(ctx, pfs.line, `expected PerfectForwardSecrecyGroup None, DH1, DH2, DH14, DH19, DH20, DH24 or SameAsMainMode, found "${t}"`);
    } else set.pfs = explicit([g], pfs.raw, at(ctx, pfs.line));
  }
  return set;
}

function quickModeProposal(p: PsRecord, ctx: ReadContext): ChildProposal | undefined {
  const encap = text(field(p, 'Encapsulation')?.value).toLowerCase().replace(/\s+/g, '');
  const enc = field(p, 'Encryption');
  const esph = field(p, 'ESPHash');
  const ahh = field(p, 'AHHash');
  const e = enc ? enumText(enc, ctx, 'None, AES128, AES256, AESGCM256…') : undefined;
  const eh = esph ? enumText(esph, ctx, 'None, SHA1, SHA256…') : undefined;
  const ah = ahh ? enumText(ahh, ctx, 'None, SHA1, SHA256…') : undefined;
  // a number was already reported by enumText; never read it as "None"
  if ([enc, esph, ahh].some((f) => typeof f?.value === 'number')) return undefined;
  if (encap.includes('esp')) {
    const ce = e ? netSecurityEncryption(e) : undefined;
    const ch = eh ? netSecurityHash(eh) : undefined;
    if (!ce || !ch) {
      warn(ctx, p.line, `quick mode proposal not read: expected ESP Encryption and ESPHash names, found "${e}", "${eh}"`);
      return undefined;
    }
    if (encap.includes('ah')) note(ctx, p.line, 'an AH+ESP quick mode proposal is compared as its ESP part');
    if (/gcm/.test(ce)) return { protocol: 'esp', encryption: [ce], integrity: [] };
    if (/gmac$/.test(ch) && ce === 'null') return { protocol: 'esp', encryption: [ch], integrity: [] };
    return { protocol: 'esp', encryption: [ce], integrity: ch === 'null' ? [] : [ch] };
  }
  if (encap === 'ah') {
    const ch = ah ? netSecurityHash(ah) : undefined;
    if (!ch) {
      warn(ctx, p.line, `quick mode proposal not read: expected AHHash, found "${ah}"`);
      return undefined;
    }
    return { protocol: 'ah', encryption: [], integrity: [ch] };
  }
  warn(ctx, p.line, `quick mode proposal not read: expected Encapsulation ESP, AH or "AH, ESP", found "${encap}"`);
  return undefined;
}

function describeQm(p: PsRecord): string {
  const parts = ['Encapsulation', 'ESPHash', 'Encryption', 'AHHash', 'MaxMinutes', 'MaxKiloBytes'].map((n) => {
    const f = field(p, n);
    return f ? `${n}=${text(f.value)}` : '';
  });
  return `{${parts.filter(Boolean).join(' ')}}`;
}

export function setMatches(names: string[], ref: string): boolean {
  const r = ref.trim().toLowerCase();
  return names.some((n) => n.toLowerCase() === r);
}

// ---------------------------------------------------------------------------------------------
// Get-NetIPsecRule

export interface NetIPsecRule {
  record: PsRecord;
  name: string;
  line: number;
  field: (name: string) => PsField | undefined;
  /** netsh `consec set rule name=<DisplayName> new …` changes typed after it (by netsh label, lower case) */
  overrides: Map<string, ConsecField>;
}

export function readNetIPsecRule(rec: PsRecord): NetIPsecRule {
  const name = text(field(rec, 'DisplayName')?.value) || text(field(rec, 'Name', 'IPsecRuleName')?.value) || `(unnamed IPsec rule at line ${rec.line})`;
  return { record: rec, name, line: rec.line, field: (n) => field(rec, n), overrides: new Map() };
}

/** `{10.0.0.1}`, `["10.0.0.1"]`, `Any` → the addresses as text. */
export function addresses(v: PsValue | undefined): string[] {
  return list(v)
    .map((x) => text(x))
    .filter(Boolean);
}
