/**
 * FortiOS proposal tokens. Each `set proposal` token is one complete suite:
 *   phase 1: `<enc>-<hash>` (`aes256-sha256`; PRF = the hash) or `<aead>-prf<hash>` (`aes256gcm-prfsha384`)
 *   phase 2: `<enc>-<hash>` (`aes128-sha1`, `null-sha256` = no encryption, `aes128-null` = no
 *            authentication) or an AEAD alone (`aes256gcm`, `chacha20poly1305`)
 * so every token becomes its own proposal (listing them as alternatives inside one proposal would
 * accept combinations FortiOS never offers). DH groups (`set dhgrp 14 5`) apply to every phase 1 token.
 */
import type { ChildProposal, IkeProposal } from '../../src/model/types.js';
import { canonicalEncryption, canonicalIntegrity, canonicalPrf, dhGroupNumber, isAead } from '../../src/model/vocab.js';

export type TokenResult<T> = { ok: true; value: T } | { ok: false; token: string };

export function ikeProposalFromToken(token: string, dhGroups: number[]): TokenResult<IkeProposal> {
  const dash = token.indexOf('-');
  if (dash < 0) return { ok: false, token };
  const enc = canonicalEncryption(token.slice(0, dash));
  const tail = token.slice(dash + 1);
  if (!enc || enc === 'null') return { ok: false, token };
  if (isAead(enc)) {
    // AEAD suites name the PRF (`-prfsha256`); there is no integrity transform
    if (!tail.startsWith('prf')) return { ok: false, token };
    const prf = canonicalPrf(tail);
    return prf ? { ok: true, value: { encryption: [enc], integrity: [], prf: [prf], dhGroups } } : { ok: false, token };
  }
  const integrity = canonicalIntegrity(tail);
  if (!integrity || integrity === 'null') return { ok: false, token };
  // FortiOS derives the PRF from the hash for non-AEAD suites: leave prf empty (model convention)
  return { ok: true, value: { encryption: [enc], integrity: [integrity], prf: [], dhGroups } };
}

export function childProposalFromToken(token: string): TokenResult<ChildProposal> {
  const dash = token.indexOf('-');
  const encText = dash < 0 ? token : token.slice(0, dash);
  const enc = canonicalEncryption(encText);
  if (!enc) return { ok: false, token };
  if (dash < 0) {
    // only AEAD ciphers stand alone
    return isAead(enc) ? { ok: true, value: { protocol: 'esp', encryption: [enc], integrity: [] } } : { ok: false, token };
  }
  if (isAead(enc)) return { ok: false, token };
  const integrity = canonicalIntegrity(token.slice(dash + 1));
  if (!integrity) return { ok: false, token };
  if (enc === 'null' && integrity === 'null') return { ok: false, token };
  return { ok: true, value: { protocol: 'esp', encryption: [enc], integrity: [integrity] } };
}

/** `14 5 19` → [14, 5, 19]; undefined names the first token that is not a DH group number. */
export function dhGroups(tokens: string[]): TokenResult<number[]> {
  const out: number[] = [];
  for (const t of tokens) {
    if (!/^\d+$/.test(t)) return { ok: false, token: t };
    const g = dhGroupNumber(t);
    if (g === undefined || g === 0) return { ok: false, token: t };
    out.push(g);
  }
  return out.length ? { ok: true, value: out } : { ok: false, token: '' };
}

// --- the other way, for fixes ------------------------------------------------------------------

const FGT_ENC: Record<string, string> = {
  des: 'des',
  '3des': '3des',
  aes128: 'aes128',
  aes192: 'aes192',
  aes256: 'aes256',
  aes128gcm16: 'aes128gcm',
  aes256gcm16: 'aes256gcm',
  chacha20poly1305: 'chacha20poly1305',
  aria128: 'aria128',
  aria192: 'aria192',
  aria256: 'aria256',
  seed: 'seed',
  null: 'null',
};

const FGT_HASH: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', null: 'null' };

const FGT_PRF: Record<string, string> = { prfsha1: 'prfsha1', prfsha256: 'prfsha256', prfsha384: 'prfsha384', prfsha512: 'prfsha512' };

/** FortiOS phase 1 tokens for proposals, or undefined when one cannot be written in FortiOS. */
export function ikeTokens(proposals: IkeProposal[]): string[] | undefined {
  const out: string[] = [];
  for (const p of proposals)
    for (const e of p.encryption) {
      const enc = FGT_ENC[e];
      if (!enc || enc === 'null') return undefined;
      if (isAead(e)) {
        // FortiOS needs a PRF for AEAD suites; the peer's integrity list stands in when it names none
        const prfs = p.prf.length ? p.prf : p.integrity.length ? p.integrity.map((i) => `prf${i}`) : ['prfsha256'];
        for (const f of prfs) {
          if (!FGT_PRF[f]) return undefined;
          out.push(`${enc}-${FGT_PRF[f]}`);
        }
      } else {
        for (const i of p.integrity) {
          if (!FGT_HASH[i] || i === 'null') return undefined;
          out.push(`${enc}-${FGT_HASH[i]}`);
        }
      }
    }
  return out.length ? [...new Set(out)] : undefined;
}

export function childTokens(proposals: ChildProposal[]): string[] | undefined {
  const out: string[] = [];
  for (const p of proposals) {
    if (p.protocol !== 'esp') return undefined; // FortiOS has no AH
    for (const e of p.encryption) {
      const enc = FGT_ENC[e];
      if (!enc) return undefined;
      if (isAead(e)) {
        out.push(enc);
        continue;
      }
      for (const i of p.integrity.length ? p.integrity : ['null']) {
        if (!FGT_HASH[i]) return undefined;
        out.push(`${enc}-${FGT_HASH[i]}`);
      }
    }
  }
  return out.length ? [...new Set(out)] : undefined;
}
