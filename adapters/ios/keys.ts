/**
 * IOS credentials and peer profiles: where the pre-shared key for a peer comes from, and which
 * ISAKMP / IKEv2 profile governs a peer.
 *
 * IKEv1: `crypto isakmp key K address A [MASK]` (the default keyring) and `crypto keyring NAME`
 * (`pre-shared-key address A [MASK] key K`, optional `local-address`); `crypto isakmp profile NAME`
 * ties a keyring to peers (`match identity address A [MASK]`) and may set `keepalive N retry R`,
 * `local-address`, `initiate mode aggressive`.
 * IKEv2: `crypto ikev2 keyring NAME` / ` peer X` / `  address A [MASK]` / `  pre-shared-key [local|remote] K`,
 * and `crypto ikev2 profile NAME` (`match identity remote address`, `authentication local|remote`,
 * `keyring local NAME`, `lifetime`, `dpd`, `nat keepalive`).
 * The most specific address wins, as on the router.
 */
import type { AuthMethod, Identity, IdentityMatch, Setting } from '../../src/model/types.js';
import { readIdentityLocal, readMatchRemote } from '../cisco-common/identity.js';
import { canonicalCidr, cidrWithin, maskToPrefix, parseCidr } from '../../src/model/net.js';
import { parseWholeNumber } from '../../src/model/units.js';
import type { Block } from '../cisco-common/blocks.js';
import { type Ctx, type Located, fail, note } from '../cisco-common/context.js';
import type { CiscoLine } from '../cisco-common/lines.js';
import { pskAt } from '../cisco-common/psk.js';

export interface PeerKey {
  /** CIDR the key applies to, or `host:NAME` for `hostname` keys */
  match: string;
  psk: Setting<string>;
  line: CiscoLine;
  /** `global` (crypto isakmp key) or the keyring name */
  source: string;
  localAddress?: string;
}

export interface Keyring {
  name: string;
  at: CiscoLine;
  localAddress?: Located<string>;
  keys: PeerKey[];
}

export interface IsakmpProfile {
  name: string;
  at: CiscoLine;
  keyrings: Array<Located<string>>;
  /** CIDRs from `match identity address A [MASK]` */
  matches: Array<Located<string>>;
  keepalive?: Located<{ delay: number; retry?: number }>;
  localAddress?: Located<string>;
  aggressive?: CiscoLine;
}

export interface Ikev2Keyring {
  name: string;
  at: CiscoLine;
  peers: Array<{ name: string; line: CiscoLine; matches: string[]; local?: Setting<string>; remote?: Setting<string> }>;
}

export interface Ikev2Profile {
  name: string;
  at: CiscoLine;
  matches: Array<Located<string>>;
  authLocal?: Located<AuthMethod>;
  authRemote?: Located<AuthMethod>;
  keyring?: Located<string>;
  lifetime?: Located<number>;
  dpd?: Located<{ delay: number; retry?: number; mode: 'on-demand' | 'periodic' }>;
  natKeepalive?: Located<number>;
  forceEncap?: CiscoLine;
  /** ` identity local …` */
  identityLocal?: Located<Identity>;
  /** every ` match identity remote …` (the profile is chosen by the peer's ID) */
  remoteIds: Array<Located<IdentityMatch>>;
}

/** `A [MASK]` (or `A/len`, `0.0.0.0 0.0.0.0`) at word i → canonical CIDR. */
function addressAt(line: CiscoLine, i: number): string | undefined {
  const a = line.words[i];
  if (a === undefined) return undefined;
  const mask = line.words[i + 1];
  if (mask !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(mask)) {
    const p = maskToPrefix(mask);
    return p === undefined ? undefined : canonicalCidr(a, p);
  }
  return canonicalCidr(a);
}

/** `crypto isakmp key [0|6|7] K address A [MASK] | hostname H` */
export function collectGlobalKeys(ctx: Ctx, blocks: Block[]): PeerKey[] {
  const out: PeerKey[] = [];
  for (const b of blocks) {
    const h = b.head;
    const k = h.keys;
    if (!(k[0] === 'crypto' && k[1] === 'isakmp' && k[2] === 'key')) continue;
    const psk = pskAt(ctx, h, 3);
    const where = k.findIndex((x, i) => i > 3 && (x === 'address' || x === 'hostname'));
    if (!psk || where < 0) fail(ctx, h, 'expected "crypto isakmp key KEY address A [MASK]" or "crypto isakmp key KEY hostname NAME"');
    const match = k[where] === 'hostname' ? `host:${h.words[where + 1]}` : addressAt(h, where + 1 + (k[where + 1] === 'ipv6' ? 1 : 0));
    if (!match) fail(ctx, h, `expected an address after "address", found "${h.words[where + 1] ?? ''}"`);
    // a later key for the same address replaces the earlier one, as on the router
    const same = out.findIndex((x) => x.match === match);
    if (same >= 0) out.splice(same, 1);
    out.push({ match, psk, line: h, source: 'global' });
  }
  return out;
}

export function collectKeyrings(ctx: Ctx, blocks: Block[]): Map<string, Keyring> {
  const out = new Map<string, Keyring>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'keyring' && b.head.words[2])) continue;
    // a keyring entered again (a fix appended to the file) adds to it; a key for the same address replaces
    const ring: Keyring = out.get(b.head.words[2]) ?? { name: b.head.words[2], at: b.head, keys: [] };
    for (const c of b.children) {
      const ck = c.keys;
      if (ck[0] === 'local-address' && c.words[1]) ring.localAddress = { value: c.words[1], line: c };
      else if (ck[0] === 'pre-shared-key') {
        const keyAt = ck.indexOf('key');
        const psk = keyAt > 0 ? pskAt(ctx, c, keyAt + 1) : undefined;
        const match = ck[1] === 'hostname' ? `host:${c.words[2]}` : ck[1] === 'address' ? addressAt(c, 2 + (ck[2] === 'ipv6' ? 1 : 0)) : undefined;
        if (!psk || !match) fail(ctx, c, 'expected "pre-shared-key address A [MASK] key KEY" or "pre-shared-key hostname NAME key KEY"');
        ring.keys = ring.keys.filter((x) => x.match !== match);
        ring.keys.push({ match, psk, line: c, source: ring.name });
      }
    }
    for (const key of ring.keys) if (ring.localAddress) key.localAddress = ring.localAddress.value;
    out.set(ring.name, ring);
  }
  return out;
}

export function collectIsakmpProfiles(ctx: Ctx, blocks: Block[]): Map<string, IsakmpProfile> {
  const out = new Map<string, IsakmpProfile>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'isakmp' && k[2] === 'profile' && b.head.words[3])) continue;
    const p: IsakmpProfile = out.get(b.head.words[3]) ?? { name: b.head.words[3], at: b.head, keyrings: [], matches: [] };
    for (const c of b.children) {
      const ck = c.keys;
      if (ck[0] === 'keyring' && c.words[1]) p.keyrings.push({ value: c.words[1], line: c });
      else if (ck[0] === 'match' && ck[1] === 'identity' && ck[2] === 'address') {
        const m = addressAt(c, 3);
        if (m) p.matches.push({ value: m, line: c });
      } else if (ck[0] === 'keepalive') {
        const delay = parseWholeNumber(ck[1] ?? '');
        if (delay === undefined) fail(ctx, c, `expected "keepalive SECONDS retry SECONDS", found "${c.text}"`);
        p.keepalive = { value: { delay, retry: ck[2] === 'retry' ? parseWholeNumber(ck[3] ?? '') : undefined }, line: c };
      } else if (ck[0] === 'local-address' && c.words[1]) p.localAddress = { value: c.words[1], line: c };
      else if (ck[0] === 'initiate' && ck[1] === 'mode' && ck[2] === 'aggressive') p.aggressive = c;
    }
    out.set(p.name, p);
  }
  return out;
}

export function collectIkev2Keyrings(ctx: Ctx, blocks: Block[]): Map<string, Ikev2Keyring> {
  const out = new Map<string, Ikev2Keyring>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'ikev2' && k[2] === 'keyring' && b.head.words[3])) continue;
    const ring: Ikev2Keyring = out.get(b.head.words[3]) ?? { name: b.head.words[3], at: b.head, peers: [] };
    let peer: Ikev2Keyring['peers'][number] | undefined;
    for (const c of b.children) {
      const ck = c.keys;
      if (ck[0] === 'peer') {
        // ` peer NAME` entered again edits that peer
        peer = ring.peers.find((x) => x.name === (c.words[1] ?? ''));
        if (!peer) {
          peer = { name: c.words[1] ?? '', line: c, matches: [] };
          ring.peers.push(peer);
        }
      } else if (!peer) {
      } else if (ck[0] === 'address') {
        const m = addressAt(c, 1);
        if (m) peer.matches.push(m);
      } else if (ck[0] === 'hostname' && c.words[1]) {
        peer.matches.push(`host:${c.words[1]}`);
      } else if (ck[0] === 'pre-shared-key') {
        const side = ck[1] === 'local' || ck[1] === 'remote' ? ck[1] : undefined;
        const psk = pskAt(ctx, c, side ? 2 : 1);
        if (!psk) fail(ctx, c, 'expected "pre-shared-key [local|remote] KEY"');
        if (side !== 'remote') peer.local = psk;
        if (side !== 'local') peer.remote = psk;
      }
    }
    out.set(ring.name, ring);
  }
  return out;
}

const AUTH: Record<string, AuthMethod> = { 'pre-share': 'psk', 'rsa-sig': 'certificate', 'ecdsa-sig': 'certificate', eap: 'eap' };

export function collectIkev2Profiles(ctx: Ctx, blocks: Block[]): Map<string, Ikev2Profile> {
  const out = new Map<string, Ikev2Profile>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'ikev2' && k[2] === 'profile' && b.head.words[3])) continue;
    const p: Ikev2Profile = out.get(b.head.words[3]) ?? { name: b.head.words[3], at: b.head, matches: [], remoteIds: [] };
    for (const c of b.children) {
      const ck = c.keys;
      if (ck[0] === 'match' && ck[1] === 'identity' && ck[2] === 'remote') {
        const id = readMatchRemote(c, addressAt);
        if (id) p.remoteIds.push({ value: id, line: c });
        const m = ck[3] === 'address' ? addressAt(c, 4) : undefined;
        if (m) p.matches.push({ value: m, line: c });
      } else if (ck[0] === 'identity' && ck[1] === 'local') {
        const id = readIdentityLocal(c);
        if (id) p.identityLocal = { value: id, line: c };
      } else if (ck[0] === 'authentication' && (ck[1] === 'local' || ck[1] === 'remote')) {
        const m = AUTH[ck[2] ?? ''];
        if (!m) fail(ctx, c, `expected "authentication ${ck[1]} pre-share|rsa-sig|ecdsa-sig|eap", found "${c.text}"`);
        if (ck[1] === 'local') p.authLocal = { value: m, line: c };
        else p.authRemote = { value: m, line: c };
      } else if (ck[0] === 'keyring') {
        const name = ck[1] === 'local' ? c.words[2] : c.words[1];
        if (name) p.keyring = { value: name, line: c };
      } else if (ck[0] === 'lifetime') {
        const n = parseWholeNumber(ck[1] ?? '');
        if (n === undefined || n < 120) fail(ctx, c, `expected an IKEv2 SA lifetime in seconds (120–86400), found "${c.words[1] ?? ''}"`);
        p.lifetime = { value: n, line: c };
      } else if (ck[0] === 'dpd') {
        p.dpd = { value: readDpd(ctx, c, 1), line: c };
      } else if (ck[0] === 'nat' && ck[1] === 'keepalive') {
        const n = parseWholeNumber(ck[2] ?? '');
        if (n === undefined) fail(ctx, c, `expected "nat keepalive SECONDS", found "${c.text}"`);
        p.natKeepalive = { value: n, line: c };
      } else if (ck[0] === 'nat' && ck[1] === 'force-encap') p.forceEncap = c;
    }
    out.set(p.name, p);
  }
  return out;
}

/** `N [R] [periodic|on-demand]` from word i: DPD interval, retry interval, mode (on-demand when not said). */
export function readDpd(ctx: Ctx, line: CiscoLine, i: number): { delay: number; retry?: number; mode: 'on-demand' | 'periodic' } {
  const k = line.keys;
  const delay = parseWholeNumber(k[i] ?? '');
  if (delay === undefined || delay < 10) fail(ctx, line, `expected a DPD interval in seconds (10–3600), found "${line.words[i] ?? ''}"`);
  const retry = parseWholeNumber(k[i + 1] ?? '');
  const word = k[retry === undefined ? i + 1 : i + 2];
  if (word !== undefined && word !== 'periodic' && word !== 'on-demand') note(ctx, `"${line.text}": "${word}" is not read`, line);
  return { delay, retry, mode: word === 'periodic' ? 'periodic' : 'on-demand' };
}

/** The most specific key among candidates for an IP (ties: the first in the file). */
export function bestKey(keys: PeerKey[], ip: string): PeerKey | undefined {
  const peer = parseCidr(ip);
  if (!peer) return keys.find((k) => k.match === `host:${ip}`);
  let best: PeerKey | undefined;
  let bestLen = -1;
  for (const k of keys) {
    const c = parseCidr(k.match);
    if (!c || !cidrWithin(peer, c)) continue;
    if (c.prefix > bestLen) {
      best = k;
      bestLen = c.prefix;
    }
  }
  return best;
}

/** How specifically `matches` names the IP: the longest covering prefix (hostname = 129), -1 = not at all. */
export function specificity(matches: string[], ip: string): number {
  const peer = parseCidr(ip);
  let best = -1;
  for (const m of matches) {
    if (m === `host:${ip}`) return 129;
    const c = parseCidr(m);
    if (peer !== undefined && c !== undefined && cidrWithin(peer, c)) best = Math.max(best, c.prefix);
  }
  return best;
}

/** The entry whose matches name the IP most specifically (ties: the first in the file). */
export function mostSpecific<T>(items: T[], matchesOf: (x: T) => string[], ip: string): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const x of items) {
    const s = specificity(matchesOf(x), ip);
    if (s > bestScore) {
      best = x;
      bestScore = s;
    }
  }
  return best;
}

/** Does any CIDR in `matches` cover the IP (or name the host)? */
export function covers(matches: string[], ip: string): boolean {
  const peer = parseCidr(ip);
  return matches.some((m) => {
    if (m === `host:${ip}`) return true;
    const c = parseCidr(m);
    return peer !== undefined && c !== undefined && cidrWithin(peer, c);
  });
}
