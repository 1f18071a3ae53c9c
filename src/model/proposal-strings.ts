/**
 * strongSwan proposal strings (`aes256-sha256-modp2048`, `aes256gcm16-prfsha384-ecp384`,
 * `default`) to the normalized model, and back. Pure; shared by every adapter whose device speaks
 * swanctl/ipsec.conf syntax (OPNsense Swanctl, strongSwan, pfSense's generated proposals).
 *
 * Grammar and semantics follow strongSwan's docs (docs.strongswan.org "Algorithm Proposals",
 * swanctl.opt `proposals` / `esp_proposals`) and libstrongswan's proposal.c (`check_proposal`,
 * `proposal_create_default[_aead]`):
 * - a proposal is dash-separated keywords; several proposals are comma-separated;
 * - IKE: encryption + integrity + (optional) PRF + DH group; without a PRF strongSwan derives it
 *   from the integrity algorithm (the model then keeps `prf: []`); with an AEAD cipher the
 *   integrity keywords only serve to derive the PRF and are dropped;
 * - ESP/AH: a DH group inside a child proposal is the PFS group (none = no PFS);
 * - `default` is strongSwan's built-in set (see STRONGSWAN_DEFAULT_* below).
 * An unknown keyword is never guessed: the parse fails with the keyword, for the adapter to report
 * with its line.
 */
import type { ChildProposal, IkeProposal } from './types.js';
import { canonicalEncryption, canonicalIntegrity, dhGroupName, dhGroupNumber, isAead } from './vocab.js';

export type ProposalParse<T> = { ok: true; value: T } | { ok: false; proposal: string; reason: string };

export interface ParsedChildProposals {
  proposals: ChildProposal[];
  /** PFS groups accepted across the list; 0 stands for a proposal without a DH group (no PFS) */
  pfsGroups: number[];
}

type Kind = 'encryption' | 'integrity' | 'prf' | 'dh' | 'esn';

interface Token {
  kind: Kind;
  value: string | number;
}

/** `aes256-sha256-modp2048, aes128-sha1-modp1024` → the proposals, trimmed, empty ones dropped. */
export function splitProposalList(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

// --- keywords -------------------------------------------------------------------------------

/** strongSwan writes AEAD ICV lengths in bytes (16) or bits (128); canonical names use bytes. */
const ICV_BYTES: Record<string, string> = { '8': '8', '64': '8', '12': '12', '96': '12', '16': '16', '128': '16' };

/** Encryption keywords of the AES/Camellia families, which vocab.ts does not spell exhaustively. */
function blockCipherKeyword(kw: string): string | undefined {
  const m = /^(aes|camellia)(128|192|256)?(ctr|gcm|ccm|gmac)?(\d+)?$/.exec(kw);
  if (!m) return undefined;
  const [, family, bits = '128', mode = '', icv] = m;
  if (mode === 'gcm' || mode === 'ccm') {
    // `aes128gcm` alone is accepted by vocab as the 16-byte ICV variant
    const bytes = icv === undefined ? '16' : ICV_BYTES[icv];
    return bytes === undefined ? undefined : `${family}${bits}${mode}${bytes}`;
  }
  if (icv !== undefined) return undefined;
  return `${family}${bits}${mode}`;
}

/** One strongSwan encryption keyword (`aes256`, `aes128gcm128`, `3des`) → canonical name. */
export function strongswanEncryption(keyword: string): string | undefined {
  const kw = keyword.trim().toLowerCase();
  if (kw === 'blowfish') return 'blowfish';
  const bf = /^blowfish(128|192|256)$/.exec(kw);
  if (bf) return bf[1] === '128' ? 'blowfish' : `blowfish${bf[1]}`;
  return (
    blockCipherKeyword(kw) ??
    (['3des', 'des', 'cast128', 'null', 'chacha20poly1305', 'twofish', 'serpent128', 'serpent256'].includes(kw) ? (canonicalEncryption(kw) ?? kw) : undefined)
  );
}

/** strongSwan integrity keywords; `sha256_96` is the truncated Linux variant, not sha256. */
const INTEGRITY_KEYWORDS: Record<string, string> = {
  md5: 'md5',
  md5_128: 'md5_128',
  sha: 'sha1',
  sha1: 'sha1',
  sha1_160: 'sha1_160',
  sha256: 'sha256',
  sha2_256: 'sha256',
  sha256_96: 'sha256_96',
  sha2_256_96: 'sha256_96',
  sha384: 'sha384',
  sha2_384: 'sha384',
  sha512: 'sha512',
  sha2_512: 'sha512',
  aesxcbc: 'aesxcbc',
  aescmac: 'aescmac',
  camelliaxcbc: 'camelliaxcbc',
};

const PRF_KEYWORDS: Record<string, string> = {
  prfmd5: 'prfmd5',
  prfsha1: 'prfsha1',
  prfsha256: 'prfsha256',
  prfsha384: 'prfsha384',
  prfsha512: 'prfsha512',
  prfaesxcbc: 'prfaesxcbc',
  prfaescmac: 'prfaescmac',
  prfcamelliaxcbc: 'prfcamelliaxcbc',
};

/** One strongSwan integrity keyword (`sha256`, `sha2_256`, `sha256_96`, `aesxcbc`) → canonical name. */
export function strongswanIntegrity(keyword: string): string | undefined {
  return INTEGRITY_KEYWORDS[keyword.trim().toLowerCase()];
}

/** The PRF strongSwan derives from an integrity algorithm when a proposal names none. */
export function prfFromIntegrity(integrity: string): string | undefined {
  return PRF_FROM_INTEGRITY[integrity];
}

const PRF_FROM_INTEGRITY: Record<string, string> = {
  md5: 'prfmd5',
  sha1: 'prfsha1',
  sha256: 'prfsha256',
  sha384: 'prfsha384',
  sha512: 'prfsha512',
  aesxcbc: 'prfaesxcbc',
  aescmac: 'prfaescmac',
};

function classify(keyword: string): Token | { error: string } {
  const kw = keyword.trim().toLowerCase();
  if (kw === 'esn' || kw === 'noesn') return { kind: 'esn', value: kw };
  if (/^ke\d_/.test(kw)) return { error: `additional key exchange '${keyword}' (RFC 9370) is not supported` };
  if (PRF_KEYWORDS[kw]) return { kind: 'prf', value: PRF_KEYWORDS[kw] };
  if (INTEGRITY_KEYWORDS[kw]) return { kind: 'integrity', value: INTEGRITY_KEYWORDS[kw] };
  if (/^(modp|ecp|curve|x25519|x448)/.test(kw)) {
    const g = dhGroupNumber(kw);
    if (g !== undefined && g > 0) return { kind: 'dh', value: g };
  }
  const enc = strongswanEncryption(kw);
  if (enc !== undefined) return { kind: 'encryption', value: enc };
  // last resort: a spelling vocab knows (never a guess: vocab is an explicit table)
  const viaVocab = canonicalIntegrity(kw);
  if (viaVocab !== undefined && viaVocab !== 'null') return { kind: 'integrity', value: viaVocab };
  return { error: `unknown algorithm keyword '${keyword}'` };
}

function tokensOf(proposal: string): Token[] | { error: string } {
  const parts = proposal.split('-').map((p) => p.trim());
  if (parts.some((p) => p === '')) return { error: 'empty algorithm keyword (two dashes in a row?)' };
  const out: Token[] = [];
  for (const p of parts) {
    const t = classify(p);
    if ('error' in t) return t;
    out.push(t);
  }
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function valuesOf(tokens: Token[], kind: Kind): string[] {
  return uniq(tokens.filter((t) => t.kind === kind).map((t) => String(t.value)));
}

function groupsOf(tokens: Token[]): number[] {
  return uniq(tokens.filter((t) => t.kind === 'dh').map((t) => Number(t.value)));
}

// --- IKE ------------------------------------------------------------------------------------

/** One IKE proposal (no commas, not `default`). */
export function parseIkeProposal(text: string): ProposalParse<IkeProposal> {
  const proposal = text.trim();
  const fail = (reason: string): ProposalParse<IkeProposal> => ({ ok: false, proposal, reason });
  const tokens = tokensOf(proposal);
  if ('error' in tokens) return fail(tokens.error);
  const encryption = valuesOf(tokens, 'encryption');
  let integrity = valuesOf(tokens, 'integrity');
  let prf = valuesOf(tokens, 'prf');
  const dhGroups = groupsOf(tokens);
  if (encryption.length === 0) return fail('an IKE proposal needs an encryption algorithm');
  const aead = encryption.filter(isAead);
  if (aead.length > 0 && aead.length < encryption.length) return fail('an IKE proposal cannot mix AEAD and classic encryption algorithms');
  if (aead.length > 0) {
    // strongSwan derives the PRF from the integrity keywords, then drops them for AEAD
    if (prf.length === 0) prf = uniq(integrity.map((i) => PRF_FROM_INTEGRITY[i]).filter((p): p is string => p !== undefined));
    if (prf.length === 0) return fail('an AEAD IKE proposal needs a PRF (prfsha256, …)');
    integrity = [];
  } else if (integrity.length === 0) {
    return fail('a non-AEAD IKE proposal needs an integrity algorithm');
  }
  if (dhGroups.length === 0) return fail('an IKE proposal needs a DH group');
  return { ok: true, value: { encryption, integrity, prf, dhGroups } };
}

/** A comma-separated IKE proposal list; `default` expands to strongSwan's default set. */
export function parseIkeProposals(text: string): ProposalParse<IkeProposal[]> {
  const list = splitProposalList(text);
  if (list.length === 0) return { ok: false, proposal: text, reason: 'empty proposal list' };
  const out: IkeProposal[] = [];
  for (const p of list) {
    if (p.toLowerCase() === 'default') {
      out.push(...strongswanDefaultIke());
      continue;
    }
    const r = parseIkeProposal(p);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

// --- ESP / AH -------------------------------------------------------------------------------

/** One ESP or AH proposal; its DH groups (the PFS groups) are returned beside it. */
export function parseChildProposal(text: string, protocol: 'esp' | 'ah'): ProposalParse<{ proposal: ChildProposal; dhGroups: number[] }> {
  const proposal = text.trim();
  const fail = (reason: string): ProposalParse<{ proposal: ChildProposal; dhGroups: number[] }> => ({ ok: false, proposal, reason });
  const tokens = tokensOf(proposal);
  if ('error' in tokens) return fail(tokens.error);
  if (valuesOf(tokens, 'prf').length > 0) return fail(`a PRF has no place in an ${protocol.toUpperCase()} proposal`);
  const encryption = valuesOf(tokens, 'encryption');
  let integrity = valuesOf(tokens, 'integrity');
  const dhGroups = groupsOf(tokens);
  if (protocol === 'ah') {
    if (encryption.length > 0) return fail('an AH proposal cannot contain an encryption algorithm');
    if (integrity.length === 0) return fail('an AH proposal needs an integrity algorithm');
    return { ok: true, value: { proposal: { protocol, encryption: [], integrity }, dhGroups } };
  }
  if (encryption.length === 0) return fail('an ESP proposal needs an encryption algorithm');
  const aead = encryption.filter(isAead);
  if (aead.length > 0 && aead.length < encryption.length) return fail('an ESP proposal cannot mix AEAD and classic encryption algorithms');
  if (aead.length > 0) integrity = []; // strongSwan ignores integrity with AEAD ciphers
  return { ok: true, value: { proposal: { protocol, encryption, integrity }, dhGroups } };
}

/** A comma-separated ESP/AH proposal list; `default` expands to strongSwan's default ESP set (no PFS). */
export function parseChildProposals(text: string, protocol: 'esp' | 'ah'): ProposalParse<ParsedChildProposals> {
  const list = splitProposalList(text);
  if (list.length === 0) return { ok: false, proposal: text, reason: 'empty proposal list' };
  const proposals: ChildProposal[] = [];
  const pfs: number[] = [];
  for (const p of list) {
    if (p.toLowerCase() === 'default') {
      const d = protocol === 'esp' ? strongswanDefaultEsp() : strongswanDefaultAh();
      proposals.push(...d);
      pfs.push(0);
      continue;
    }
    const r = parseChildProposal(p, protocol);
    if (!r.ok) return r;
    proposals.push(r.value.proposal);
    pfs.push(...(r.value.dhGroups.length > 0 ? r.value.dhGroups : [0]));
  }
  return { ok: true, value: { proposals, pfsGroups: uniq(pfs) } };
}

// --- strongSwan's `default` ------------------------------------------------------------------

/**
 * `proposal_create_default(PROTO_IKE)` + `_aead` (libstrongswan proposal.c, 5.9/6.0): every
 * supported algorithm considered safe. The exact set depends on the crypto plugins loaded; this
 * is what an OpenSSL-backed build (pfSense, OPNsense, distro packages) offers. Camellia and
 * AES-CMAC are left out (no peer we compare with proposes them).
 */
export function strongswanDefaultIke(): IkeProposal[] {
  const prf = ['prfsha256', 'prfsha384', 'prfsha512', 'prfaesxcbc', 'prfsha1'];
  const dhGroups = [19, 20, 21, 28, 29, 30, 31, 32, 15, 16, 17, 18, 14];
  return [
    // round 1 (≥ 128-bit ICV) then round 2: AES-GCM with 12- and 8-byte ICVs (proposal_add_supported_ike, 5.8 – 6.0)
    {
      encryption: [
        'aes128gcm16',
        'aes192gcm16',
        'aes256gcm16',
        'chacha20poly1305',
        'aes128gcm12',
        'aes192gcm12',
        'aes256gcm12',
        'aes128gcm8',
        'aes192gcm8',
        'aes256gcm8',
      ],
      integrity: [],
      prf: [...prf],
      dhGroups: [...dhGroups],
    },
    {
      encryption: ['aes128', 'aes192', 'aes256', 'aes128ctr', 'aes192ctr', 'aes256ctr', '3des'],
      integrity: ['sha256', 'sha384', 'sha512', 'aesxcbc', 'sha1'],
      prf: [...prf],
      dhGroups: [...dhGroups],
    },
  ];
}

/** `proposal_create_default_aead(PROTO_ESP)` then `proposal_create_default(PROTO_ESP)`: no DH group, so no PFS. */
export function strongswanDefaultEsp(): ChildProposal[] {
  return [
    { protocol: 'esp', encryption: ['aes128gcm16', 'aes192gcm16', 'aes256gcm16'], integrity: [] },
    { protocol: 'esp', encryption: ['aes128', 'aes192', 'aes256'], integrity: ['sha256', 'sha384', 'sha512', 'sha1', 'aesxcbc'] },
  ];
}

export function strongswanDefaultAh(): ChildProposal[] {
  return [{ protocol: 'ah', encryption: [], integrity: ['sha256', 'sha384', 'sha512', 'sha1', 'aesxcbc'] }];
}

// --- back to strings (for fixes) -------------------------------------------------------------

/** `{aes256, sha256, -, 14}` → `aes256-sha256-modp2048` (strongSwan keyword order). */
export function ikeProposalString(p: IkeProposal): string {
  return [...p.encryption, ...p.integrity, ...p.prf, ...p.dhGroups.map(dhGroupName)].join('-');
}

/** A child proposal with an optional PFS group: `aes256-sha256-modp2048`; group 0 adds nothing. */
export function childProposalString(p: ChildProposal, pfsGroup = 0): string {
  const parts = [...p.encryption, ...p.integrity];
  if (pfsGroup > 0) parts.push(dhGroupName(pfsGroup));
  return parts.join('-');
}
