/**
 * The same Windows Firewall IPsec store as netsh, read through the NetSecurity cmdlets:
 * Get-NetFirewallSetting (AllowIPsecThroughNAT, MaxSAIdleTimeSeconds), Get-NetIPsecMainModeCryptoSet
 * (proposals, MaxMinutes, MaxSessions), Get-NetIPsecQuickModeCryptoSet (proposals with MaxMinutes
 * and MaxKiloBytes, PerfectForwardSecrecyGroup) and Get-NetIPsecRule. Units stay minutes and KB.
 */
import type { ChildProposal, IkeProposal, NattMode, Setting } from '../../src/model/types.js';
import { explicit } from '../../src/model/setting.js';
import { parseWholeNumber } from '../../src/model/units.js';
import { at, note, warn, type ReadContext } from './context.js';
import { field, isRecord, list, text, type PsField, type PsRecord, type PsValue } from './psrecord.js';
import { type PFS_SAME_AS_MAIN_MODE, netSecurityDh, netSecurityEncryption, netSecurityHash } from './crypto.js';
import type { ConsecField } from './netsh-read.js';

export const DEFAULT_MM_SET = '{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE1}';
export const DEFAULT_QM_SET = '{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE2}';
export const DEFAULT_P1_AUTH_SET = '{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE3}';

/**
 * The numbers ConvertTo-Json writes for NetSecurity enums (Windows PowerShell 5.1 has no
 * -EnumsAsStrings) are the WFasCim class values — MicrosoftDocs/win32 MSFT_NetIKEQMCryptoProposal,
 * MSFT_NetIKEMMCryptoProposal, MSFT_NetIKEQMCryptoSet — which the CIM property itself holds;
 * that the NetSecurity enum of the same name uses the same numbers is assumed (the one
 * NetSecurity CDXML excerpt seen maps Enabled True=1/False=2 like the class does). Each number is
 * turned into the name the cmdlets print; an unknown number is reported, never guessed.
 */
export type NetSecurityEnum = 'cipher' | 'hash' | 'group' | 'encapsulation';
const CIM_NUMBERS: Record<NetSecurityEnum, Record<number, string>> = {
  cipher: { 0: 'None', 2: 'DES', 6: 'DES3', 65001: 'AES128', 65002: 'AES192', 65003: 'AES256', 65004: 'AESGCM128', 65005: 'AESGCM192', 65006: 'AESGCM256' },
  hash: { 0: 'None', 2: 'MD5', 3: 'SHA1', 65001: 'SHA256', 65002: 'SHA384', 65003: 'AESGMAC128', 65004: 'AESGMAC192', 65005: 'AESGMAC256' },
  group: { 0: 'None', 1: 'DH1', 2: 'DH2', 14: 'DH14', 19: 'DH19', 20: 'DH20', 24: 'DH24' },
  encapsulation: { 0: 'None', 1: 'AH', 2: 'ESP', 3: 'AH, ESP' },
};

function enumText(f: PsField, ctx: ReadContext, kind: NetSecurityEnum, what: string): string | undefined {
  if (typeof f.value === 'number') {
    const name = CIM_NUMBERS[kind][f.value];
    if (name === undefined)
      warn(ctx, `${f.name} is the number ${f.value}, which is none of the documented values (${what}); this proposal is not read`, f.line);
    return name;
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
    warn(ctx, `expected AllowIPsecThroughNAT None, Server, Both or NotConfigured, found "${text(f.value)}"`, f.line);
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
  return ['Name', 'DisplayName', 'InstanceID', 'ElementName'].map((n) => text(field(rec, n)?.value)).filter(Boolean);
}

function proposalRecords(f: PsField | undefined, ctx: ReadContext): PsRecord[] | undefined {
  if (!f) return undefined;
  const items = list(f.value);
  const recs = items.filter(isRecord);
  if (recs.length === items.length && recs.length) return recs;
  warn(
    ctx,
    `expected ${f.name} to list its proposals (Format-List shows each between { and }); found "${text(f.value).slice(0, 60)}": the proposals of this set are not read`,
    f.line,
  );
  return undefined;
}

function minutesSetting(f: PsField | undefined, ctx: ReadContext, max: number): Setting<number> | undefined {
  if (!f) return undefined;
  const n = typeof f.value === 'number' ? f.value : parseWholeNumber(text(f.value));
  if (n === undefined || n < 1 || n > max) {
    warn(ctx, `expected ${f.name} in whole minutes (1-${max}), found "${text(f.value)}"`, f.line);
    return undefined;
  }
  return explicit(n * 60, f.raw, at(ctx, f.line), 'minutes');
}

export function readMainModeSet(rec: PsRecord, ctx: ReadContext): MainModeSet {
  const set: MainModeSet = { names: setNames(rec), line: rec.line };
  // the cmdlets' names (Proposal, Encryption…) and, in ConvertTo-Json, the CIM ones (Proposals, CipherAlgorithm…)
  const pf = field(rec, 'Proposal', 'Proposals');
  const recs = proposalRecords(pf, ctx);
  if (recs && pf) {
    const proposals: IkeProposal[] = [];
    for (const p of recs) {
      const enc = field(p, 'Encryption', 'CipherAlgorithm');
      const hash = field(p, 'Hash', 'HashAlgorithm');
      const kx = field(p, 'KeyExchange', 'GroupID');
      const e = enc && enumText(enc, ctx, 'cipher', 'DES3, AES128, AES256…');
      const h = hash && enumText(hash, ctx, 'hash', 'SHA1, SHA256, SHA384…');
      const k = kx && enumText(kx, ctx, 'group', 'DH2, DH14, DH19…');
      // an unknown number was already reported by enumText
      if ((enc && e === undefined) || (hash && h === undefined) || (kx && k === undefined)) continue;
      const ce = e ? netSecurityEncryption(e) : undefined;
      const ch = h ? netSecurityHash(h) : undefined;
      const ck = k ? netSecurityDh(k) : undefined;
      if (!ce || !ch || typeof ck !== 'number') {
        warn(
          ctx,
          `main mode proposal not read: expected Encryption, Hash and KeyExchange (e.g. AES256, SHA256, DH14), found "${[e, h, k].join(', ')}"`,
          p.line,
        );
        continue;
      }
      proposals.push({ encryption: [ce], integrity: [ch], prf: [], dhGroups: [ck] });
    }
    if (proposals.length)
      set.proposals = explicit(proposals, pf.raw === `${pf.name} : {…}` ? `${pf.name} : ${recs.map(describeMm).join(', ')}` : pf.raw, at(ctx, pf.line));
  }
  set.lifetime = minutesSetting(field(rec, 'MaxMinutes', 'MaxLifetimeMinutes'), ctx, 2880);
  return set;
}

function describeMm(p: PsRecord): string {
  return [
    ['KeyExchange', 'GroupID'],
    ['Encryption', 'CipherAlgorithm'],
    ['Hash', 'HashAlgorithm'],
  ]
    .map((n) => text(field(p, ...n)?.value))
    .join('-');
}

export function readQuickModeSet(rec: PsRecord, ctx: ReadContext): QuickModeSet {
  const set: QuickModeSet = { names: setNames(rec), line: rec.line };
  const pf = field(rec, 'Proposal', 'Proposals');
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
        else if (kb) warn(ctx, `expected ${kb.name} in whole kilobytes, found "${text(kb.value)}"`, kb.line);
        first = false;
      }
    }
    if (proposals.length) set.proposals = explicit(proposals, `${pf.name} : ${recs.map(describeQm).join(', ')}`, at(ctx, pf.line));
  }
  const pfs = field(rec, 'PerfectForwardSecrecyGroup', 'PfsGroup', 'PfsGroupID');
  if (pfs) {
    const t = enumText(pfs, ctx, 'group', 'None, DH1, DH2, DH14, DH19, DH20, DH24, SameAsMainMode');
    const g = t !== undefined ? netSecurityDh(t) : undefined;
    if (g === undefined) {
      if (t !== undefined) warn(ctx, `expected PerfectForwardSecrecyGroup None, DH1, DH2, DH14, DH19, DH20, DH24 or SameAsMainMode, found "${t}"`, pfs.line);
    } else set.pfs = explicit([g], pfs.raw, at(ctx, pfs.line));
  }
  return set;
}

function quickModeProposal(p: PsRecord, ctx: ReadContext): ChildProposal | undefined {
  const encapF = field(p, 'Encapsulation');
  const encapT = encapF ? enumText(encapF, ctx, 'encapsulation', 'AH, ESP, "AH, ESP"') : undefined;
  const encap = (encapT ?? '').toLowerCase().replace(/[\s/]+/g, '');
  const enc = field(p, 'Encryption', 'CipherAlgorithm');
  const esph = field(p, 'ESPHash', 'HashAlgorithmESP');
  const ahh = field(p, 'AHHash', 'HashAlgorithmAH');
  const e = enc ? enumText(enc, ctx, 'cipher', 'None, AES128, AES256, AESGCM256…') : undefined;
  const eh = esph ? enumText(esph, ctx, 'hash', 'None, SHA1, SHA256…') : undefined;
  const ah = ahh ? enumText(ahh, ctx, 'hash', 'None, SHA1, SHA256…') : undefined;
  // an unknown number was already reported by enumText; never read it as "None"
  if ((encapF && encapT === undefined) || (enc && e === undefined) || (esph && eh === undefined) || (ahh && ah === undefined)) return undefined;
  if (encap.includes('esp')) {
    const ce = e ? netSecurityEncryption(e) : undefined;
    const ch = eh ? netSecurityHash(eh) : undefined;
    if (!ce || !ch) {
      warn(ctx, `quick mode proposal not read: expected ESP Encryption and ESPHash names, found "${e}", "${eh}"`, p.line);
      return undefined;
    }
    if (encap.includes('ah')) note(ctx, 'an AH+ESP quick mode proposal is compared as its ESP part', p.line);
    if (/gcm/.test(ce)) return { protocol: 'esp', encryption: [ce], integrity: [] };
    if (/gmac$/.test(ch) && ce === 'null') return { protocol: 'esp', encryption: [ch], integrity: [] };
    return { protocol: 'esp', encryption: [ce], integrity: ch === 'null' ? [] : [ch] };
  }
  if (encap === 'ah') {
    const ch = ah ? netSecurityHash(ah) : undefined;
    if (!ch) {
      warn(ctx, `quick mode proposal not read: expected AHHash, found "${ah}"`, p.line);
      return undefined;
    }
    return { protocol: 'ah', encryption: [], integrity: [ch] };
  }
  warn(ctx, `quick mode proposal not read: expected Encapsulation ESP, AH or "AH, ESP", found "${encap}"`, p.line);
  return undefined;
}

function describeQm(p: PsRecord): string {
  const parts = [
    ['Encapsulation'],
    ['ESPHash', 'HashAlgorithmESP'],
    ['Encryption', 'CipherAlgorithm'],
    ['AHHash', 'HashAlgorithmAH'],
    ['MaxMinutes', 'MaxLifetimeMinutes'],
    ['MaxKiloBytes', 'MaxLifetimeKilobytes'],
  ].map(([n, ...alt]) => {
    const f = field(p, n, ...alt);
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
