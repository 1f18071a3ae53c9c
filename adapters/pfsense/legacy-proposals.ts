/**
 * Phase 1 and phase 2 algorithms of the `<ipsec>` section, as pfSense/OPNsense turn them into
 * strongSwan proposals (ipsec.inc `ipsec_setup_proposal_algo`, `ipsec_setup_proposal_entry`):
 * the keyword is `<name>` + `<keylen>` (`aes`+`256` → aes256, `aes128gcm`+`128` → aes128gcm128,
 * i.e. a 16-byte ICV), hashes lose their `hmac_` prefix, DH groups become modpNNNN.
 */
import type { ChildProposal, IkeProposal, Setting } from '../../src/model/types.js';
import { explicit, inferred } from '../../src/model/setting.js';
import { prfFromIntegrity, strongswanEncryption, strongswanIntegrity } from '../../src/model/proposal-strings.js';
import { dhGroupNumber, isAead } from '../../src/model/vocab.js';
import { compactElement, note, ref, warn, type ReadContext } from './context.js';
import { at, child, childText, childrenNamed, nonEmptyText, type XNode } from './xml-tree.js';

/** Key lengths pfSense tries, highest first, for `<keylen>auto</keylen>` (ipsec.inc $p2_ealgos keysel). */
const AUTO_KEYLENS: Record<string, number[]> = {
  aes: [256, 192, 128],
  aes128gcm: [128, 96, 64],
  aes192gcm: [128, 96, 64],
  aes256gcm: [128, 96, 64],
  blowfish: [256, 192, 128],
  camellia: [256, 192, 128],
};

/** `<name>` + `<keylen>` → canonical cipher names (several for `auto`), or undefined when unknown. */
export function cipherNames(name: string, keylen: string | undefined): string[] | undefined {
  const n = name.trim().toLowerCase();
  if (keylen === 'auto') {
    const lens = AUTO_KEYLENS[n];
    if (!lens) return undefined;
    const out = lens.map((l) => strongswanEncryption(`${n}${l}`));
    return out.every((c): c is string => c !== undefined) ? out : undefined;
  }
  const c = strongswanEncryption(`${n}${keylen ?? ''}`);
  return c === undefined ? undefined : [c];
}

/** `sha256`, `hmac_sha256`, `aesxcbc` → canonical integrity. */
export function hashName(text: string): string | undefined {
  return strongswanIntegrity(
    text
      .trim()
      .toLowerCase()
      .replace(/^hmac_/, ''),
  );
}

function dhGroup(text: string): number | undefined {
  const g = dhGroupNumber(text);
  return g !== undefined && g > 0 ? g : undefined;
}

// --- phase 1 --------------------------------------------------------------------------------

/**
 * Phase 1 proposals: `<encryption><item>` (pfSense ≥ 2.4.4, one strongSwan proposal per item) or
 * the older single `<encryption-algorithm>` with comma lists in `<hash-algorithm>`/`<dhgroup>`
 * (pfSense ≤ 2.4.3, OPNsense legacy: every hash × every group, i.e. one proposal with lists).
 */
export function readPhase1Proposals(ctx: ReadContext, p1: XNode): Setting<IkeProposal[]> {
  const items = child(p1, 'encryption');
  if (items) return itemProposals(ctx, p1, items);
  const single = child(p1, 'encryption-algorithm');
  if (single) return listProposal(ctx, p1, single);
  warn(ctx, `phase 1 has no <encryption> proposals: ${ctx.vendor === 'pfsense' ? 'pfSense' : 'OPNsense'} does not load this tunnel`, p1);
  return inferred([], '(no <encryption> element)', ref(ctx, p1));
}

function itemProposals(ctx: ReadContext, p1: XNode, encryption: XNode): Setting<IkeProposal[]> {
  const prfSelect = childText(p1, 'prfselect_enable') === 'yes';
  const out: IkeProposal[] = [];
  for (const item of childrenNamed(encryption, 'item')) {
    const name = at(item, 'encryption-algorithm/name')?.text ?? '';
    const hash = childText(item, 'hash-algorithm') ?? '';
    // ipsec.inc skips items without a cipher or a hash
    if (name === '' || hash === '') {
      warn(ctx, 'phase 1 proposal item without an encryption or hash algorithm is ignored by pfSense', item);
      continue;
    }
    const keylen = nonEmptyText(at(item, 'encryption-algorithm'), 'keylen');
    const ciphers = cipherNames(name, keylen);
    const integrity = hashName(hash);
    const dhText = childText(item, 'dhgroup') ?? '';
    const group = dhGroup(dhText);
    if (!ciphers || !integrity || group === undefined) {
      const what = !ciphers ? `encryption '${name}${keylen ? ` ${keylen}` : ''}'` : !integrity ? `hash '${hash}'` : `DH group '${dhText}'`;
      warn(ctx, `phase 1 proposal item with unknown ${what} is left out`, item);
      continue;
    }
    const prfText = nonEmptyText(item, 'prf-algorithm');
    const chosenPrf = prfSelect && prfText ? prfFromIntegrity(hashName(prfText) ?? '') : undefined;
    if (prfSelect && prfText && !chosenPrf) warn(ctx, `unknown PRF '${prfText}' in phase 1 proposal`, item);
    const aead = ciphers.every(isAead);
    out.push({
      encryption: ciphers,
      integrity: aead ? [] : [integrity],
      // with an AEAD cipher strongSwan derives the PRF from the hash, which it then drops
      prf: chosenPrf ? [chosenPrf] : aead ? [prfFromIntegrity(integrity)].filter((p): p is string => p !== undefined) : [],
      dhGroups: [group],
    });
  }
  return explicit(out, compactElement(encryption), ref(ctx, encryption));
}

function listProposal(ctx: ReadContext, p1: XNode, algo: XNode): Setting<IkeProposal[]> {
  const name = childText(algo, 'name') ?? '';
  const keylen = nonEmptyText(algo, 'keylen');
  const hashNode = child(p1, 'hash-algorithm');
  const dhNode = child(p1, 'dhgroup');
  const raw = [algo, hashNode, dhNode]
    .filter((n): n is XNode => n !== undefined)
    .map(compactElement)
    .join(' ');
  const ciphers = cipherNames(name, keylen);
  const hashes = (hashNode?.text ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const groups = (dhNode?.text ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  const integrity = hashes.map(hashName);
  const dh = groups.map(dhGroup);
  if (!ciphers || hashes.length === 0 || integrity.some((i) => i === undefined) || dh.some((g) => g === undefined)) {
    const what = !ciphers
      ? `encryption '${name}'`
      : hashes.length === 0
        ? 'no hash algorithm'
        : integrity.some((i) => i === undefined)
          ? `hash '${hashNode?.text}'`
          : `DH group '${dhNode?.text}'`;
    warn(ctx, `phase 1 proposal cannot be read (${what}): no IKE proposal for this tunnel`, algo);
    return explicit([], raw, ref(ctx, algo));
  }
  if (groups.length === 0) note(ctx, 'phase 1 has no <dhgroup>: the proposal carries no DH group (strongSwan refuses it)', p1);
  const integ = integrity as string[];
  const aead = ciphers.every(isAead);
  return explicit(
    [
      {
        encryption: ciphers,
        integrity: aead ? [] : integ,
        prf: aead ? integ.map(prfFromIntegrity).filter((p): p is string => p !== undefined) : [],
        dhGroups: dh as number[],
      },
    ],
    raw,
    ref(ctx, algo),
  );
}

// --- phase 2 --------------------------------------------------------------------------------

/** ESP: one proposal per `<encryption-algorithm-option>` (with every `<hash-algorithm-option>` unless AEAD); AH: the hashes. */
export function readPhase2Proposals(ctx: ReadContext, p2: XNode, protocol: 'esp' | 'ah'): Setting<ChildProposal[]> {
  const hashNodes = childrenNamed(p2, 'hash-algorithm-option');
  // OPNsense may keep a comma list in one element; pfSense repeats the element
  const hashTexts = hashNodes
    .flatMap((h) => h.text.split(','))
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const hashes: string[] = [];
  for (const h of hashTexts) {
    const c = hashName(h);
    if (c) hashes.push(c);
    else warn(ctx, `unknown phase 2 hash '${h}' is left out`, hashNodes[0]);
  }
  const encNodes = childrenNamed(p2, 'encryption-algorithm-option');
  const raw = [...encNodes, ...hashNodes].map(compactElement).join(' ');
  const at0 = ref(ctx, encNodes[0] ?? hashNodes[0] ?? p2);
  if (protocol === 'ah') {
    return explicit(hashes.length ? [{ protocol: 'ah', encryption: [], integrity: hashes }] : [], raw || '(no hash algorithm)', at0);
  }
  const out: ChildProposal[] = [];
  for (const e of encNodes) {
    const name = childText(e, 'name') ?? '';
    const keylen = nonEmptyText(e, 'keylen');
    const ciphers = cipherNames(name, keylen);
    if (!ciphers) {
      warn(ctx, `unknown phase 2 encryption '${name}${keylen ? ` ${keylen}` : ''}' is left out`, e);
      continue;
    }
    // ipsec.inc drops hashes for GCM/ChaCha20 and lists AEAD ciphers first; order is kept as written here
    const aead = ciphers.every(isAead);
    out.push({ protocol: 'esp', encryption: ciphers, integrity: aead ? [] : [...hashes] });
  }
  if (encNodes.length === 0) warn(ctx, 'phase 2 ESP entry has no <encryption-algorithm-option>', p2);
  return explicit(out, raw || '(no encryption algorithm)', at0);
}
