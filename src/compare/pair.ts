/**
 * Pairing: which tunnel end on device A is the other end of which tunnel on device B.
 * In order of evidence: mirrored gateway addresses (A's peer is one of B's addresses and vice
 * versa, or one way when the other end is a dial-up responder or behind NAT), then mirrored
 * selectors, then "each side has exactly one tunnel". `--tunnel A[:B]` overrides.
 */
import type { Device, Phase2, TunnelEnd } from '../model/types.js';
import { addressIn, isIpAddress, selectorRelation } from '../model/net.js';
import type { Phase2Pair, TunnelPair } from './types.js';
import { isPrivateAddress } from './negotiation.js';
import { UsageError } from '../model/errors.js';

export interface PairingResult {
  pairs: TunnelPair[];
  unmatchedA: TunnelEnd[];
  unmatchedB: TunnelEnd[];
}

const addressCache = new WeakMap<Device, Set<string>>();

/**
 * Every address a device answers on: interface addresses and the local gateways its tunnels name.
 * Devices are not changed after parsing, so it is computed once per device (a hub is asked once
 * per spoke and per rule).
 */
export function deviceAddresses(device: Device): Set<string> {
  const cached = addressCache.get(device);
  if (cached) return cached;
  const out = new Set<string>();
  addressCache.set(device, out);
  for (const i of device.interfaces) out.add(i.address);
  for (const t of device.tunnels) {
    const lg = t.localGateway?.value;
    if (lg && isIpAddress(lg)) out.add(lg);
  }
  return out;
}

/**
 * Say what deviceAddresses(`view`) is, when the caller made `view` from a device whose addresses it
 * already has (the fleet pairing's view of a device on one link: the same addresses, fewer
 * tunnels), so they are not gathered again for each of its links.
 */
export function sameAddresses(view: Device, addresses: Set<string>): void {
  addressCache.set(view, addresses);
}

/** Does a peer setting name one of these addresses? A peer may be a subnet (RouterOS `address=10.1.0.0/24`). */
export function peerMatches(peer: string, addrs: Set<string>): boolean {
  if (addrs.has(peer)) return true;
  return peer.includes('/') && addrs.size > 0 && addressInAny(peer, addrs);
}

function addressInAny(cidr: string, addrs: Set<string>): boolean {
  for (const a of addrs) if (addressIn(a, [cidr])) return true;
  return false;
}

/**
 * Could `end` be seen by its peer under another (public) address than its own? Only when NAT is
 * plausible: its own address is private, or it has none we know of.
 */
function mayBeBehindNat(end: TunnelEnd, addrs: Set<string>): boolean {
  const own = end.localGateway?.value;
  if (own && isIpAddress(own)) return isPrivateAddress(own);
  return addrs.size === 0 || [...addrs].every(isPrivateAddress);
}

/** How strongly the gateways say "these two ends belong together" (0 = not at all). */
function gatewayScore(a: TunnelEnd, addrsA: Set<string>, b: TunnelEnd, addrsB: Set<string>): number {
  const aToB = peerMatches(a.remoteGateway.value, addrsB);
  const bToA = peerMatches(b.remoteGateway.value, addrsA);
  if (aToB && bToA) return 3;
  const aAny = a.remoteGateway.value === 'any';
  const bAny = b.remoteGateway.value === 'any';
  // one side points at the other; the other is a dial-up responder, or behind NAT
  // (its peer address is the public address of a box we only see the private side of)
  if ((aToB && bAny) || (bToA && aAny)) return 2;
  if ((aToB && mayBeBehindNat(a, addrsA)) || (bToA && mayBeBehindNat(b, addrsB))) return 1;
  return 0;
}

/** An adapter leaves a selector list empty when it could not resolve it (a DHCP LAN): unknown, not "nothing". */
export function selectorsUnknown(p: Phase2): boolean {
  return p.localSelectors.value.length === 0 || p.remoteSelectors.value.length === 0;
}

function selectorsMirrored(a: Phase2, b: Phase2): 'mirrored' | 'overlapping' | undefined {
  if (selectorsUnknown(a) || selectorsUnknown(b)) return 'overlapping';
  const l = selectorRelation(a.localSelectors.value, b.remoteSelectors.value);
  const r = selectorRelation(a.remoteSelectors.value, b.localSelectors.value);
  if (l === 'equal' && r === 'equal') return 'mirrored';
  if (l !== 'disjoint' && r !== 'disjoint') return 'overlapping';
  return undefined;
}

/** One entry's traffic lies inside the other's (addresses, both directions), or the reverse. */
function contained(a: Phase2, b: Phase2): boolean {
  if (selectorsUnknown(a) || selectorsUnknown(b)) return false;
  const l = selectorRelation(a.localSelectors.value, b.remoteSelectors.value);
  const r = selectorRelation(a.remoteSelectors.value, b.localSelectors.value);
  const inside = (x: string) => x === 'equal' || x === 'subset';
  const around = (x: string) => x === 'equal' || x === 'superset';
  return (inside(l) && inside(r)) || (around(l) && around(r));
}

function isAnyToAny(p: Phase2): boolean {
  return p.localSelectors.value.includes('0.0.0.0/0') && p.remoteSelectors.value.includes('0.0.0.0/0');
}

function selectorScore(a: TunnelEnd, b: TunnelEnd): number {
  let best = 0;
  for (const pa of a.phase2)
    for (const pb of b.phase2) {
      const m = selectorsMirrored(pa, pb);
      // route-based ends (0/0 ↔ 0/0) belong with route-based ends, policy-based with policy-based:
      // a small bonus breaks ties between a crypto map and a VTI pointing at the same peer
      const sameShape = isAnyToAny(pa) === isAnyToAny(pb) ? 0.2 : 0;
      // 0/0 ↔ 0/0 mirrors everything: weak evidence
      if (m === 'mirrored') best = Math.max(best, (isAnyToAny(pa) && isAnyToAny(pb) ? 0.5 : 1) + sameShape);
      else if (m === 'overlapping') best = Math.max(best, 0.1 + sameShape);
      else best = Math.max(best, sameShape);
    }
  return best;
}

/** Pair the phase 2 entries of two paired tunnel ends. */
export function pairPhase2(a: TunnelEnd, b: TunnelEnd): Pick<TunnelPair, 'phase2' | 'unpairedA' | 'unpairedB'> {
  const phase2: Phase2Pair[] = [];
  const restB = [...b.phase2];
  const unpairedA: Phase2[] = [];
  for (const pass of ['mirrored', 'overlapping'] as const) {
    for (const pa of pass === 'mirrored' ? a.phase2 : [...unpairedA.splice(0)]) {
      const i = restB.findIndex((pb) => selectorsMirrored(pa, pb) === pass);
      if (i >= 0) phase2.push({ a: pa, b: restB.splice(i, 1)[0], selectors: pass });
      else unpairedA.push(pa);
    }
  }
  // a single entry on each side that does not match still carries "the" traffic of the tunnel:
  // compare it, and let traffic-selector-mismatch say how the selectors differ
  if (unpairedA.length === 1 && restB.length === 1 && phase2.length === 0) {
    phase2.push({ a: unpairedA.pop()!, b: restB.pop()!, selectors: 'unrelated' });
  }
  // many to one: one end's wide entry is narrowed by the other end's several narrower ones, each
  // its own SA (strongSwan's ikev2/net2net-route-narrow: sun's 10.2.0.0/16 ↔ 10.1.0.0/16 comes up
  // as two CHILD_SAs, moon's 10.1.0.0/28 and 10.1.0.16/28). A left-over entry inside (or around)
  // an entry already paired on the other side pairs with it too.
  const pairedB = [...new Set(phase2.map((p) => p.b))];
  for (const pa of [...unpairedA]) {
    const pb = pairedB.find((x) => contained(pa, x));
    if (pb) {
      phase2.push({ a: pa, b: pb, selectors: 'overlapping' });
      unpairedA.splice(unpairedA.indexOf(pa), 1);
    }
  }
  const pairedA = [...new Set(phase2.map((p) => p.a))];
  for (const pb of [...restB]) {
    const pa = pairedA.find((x) => contained(x, pb));
    if (pa) {
      phase2.push({ a: pa, b: pb, selectors: 'overlapping' });
      restB.splice(restB.indexOf(pb), 1);
    }
  }
  return { phase2, unpairedA, unpairedB: restB };
}

function makePair(da: Device, a: TunnelEnd, db: Device, b: TunnelEnd, how: string): TunnelPair {
  return { a: { device: da, tunnel: a }, b: { device: db, tunnel: b }, how, ...pairPhase2(a, b) };
}

/** Parse `--tunnel A_NAME[:B_NAME]`. */
export function parseTunnelOption(text: string): { a: string; b?: string } {
  const i = text.indexOf(':');
  return i < 0 ? { a: text } : { a: text.slice(0, i), b: text.slice(i + 1) };
}

function findTunnel(device: Device, name: string): TunnelEnd {
  const t = device.tunnels.find((x) => x.name === name);
  if (!t) {
    const names = device.tunnels.map((x) => x.name).join(', ') || 'none';
    throw new UsageError(`--tunnel: ${device.origin} has no tunnel named "${name}" (it has: ${names})`);
  }
  return t;
}

/** Which ends may take part (the fleet pairing excludes ends whose peer is a third device). */
export type EndFilter = (device: Device, tunnel: TunnelEnd) => boolean;

export function pairDevices(da: Device, db: Device, explicit?: { a: string; b?: string }, eligible: EndFilter = () => true): PairingResult {
  if (explicit) {
    const a = findTunnel(da, explicit.a);
    const b = explicit.b !== undefined ? findTunnel(db, explicit.b) : undefined;
    const other = b ?? bestCounterpart(da, a, db);
    if (!other) throw new UsageError(`--tunnel: no tunnel on ${db.origin} pairs with "${a.name}"; name it: --tunnel ${a.name}:OTHER`);
    const pairs = [makePair(da, a, db, other, '--tunnel')];
    return { pairs, unmatchedA: [], unmatchedB: [] };
  }
  const endsA = da.tunnels.filter((t) => t.enabled && eligible(da, t));
  const endsB = db.tunnels.filter((t) => t.enabled && eligible(db, t));
  const addrsA = deviceAddresses(da);
  const addrsB = deviceAddresses(db);

  // an end whose gateways mirror a disabled end on the other device belongs to that end: it is
  // not paired by a weaker guess with another tunnel (junos-srx-1's vpn-3 with srx-3's vpn-2 while
  // srx-3's own vpn-1 to srx-1 is deactivated); it stays unmatched and unmatched-tunnel says why
  const disabledA = da.tunnels.filter((t) => !t.enabled && eligible(da, t));
  const disabledB = db.tunnels.filter((t) => !t.enabled && eligible(db, t));
  const claimedA = new Set(endsA.filter((a) => disabledB.some((d) => gatewayScore(a, addrsA, d, addrsB) === 3)));
  const claimedB = new Set(endsB.filter((b) => disabledA.some((d) => gatewayScore(d, addrsA, b, addrsB) === 3)));
  const candidates: Array<{ a: TunnelEnd; b: TunnelEnd; score: number; how: string }> = [];
  for (const a of endsA)
    for (const b of endsB) {
      const g = gatewayScore(a, addrsA, b, addrsB);
      if (g < 3 && (claimedA.has(a) || claimedB.has(b))) continue;
      const s = selectorScore(a, b);
      if (g > 0)
        candidates.push({
          a,
          b,
          score: 10 * g + s,
          how: g === 3 ? 'mirrored gateways' : g === 2 ? 'gateway (other end accepts any peer)' : 'gateway one way (NAT?)',
        });
      else if (s >= 1) candidates.push({ a, b, score: s, how: 'mirrored selectors' });
    }
  candidates.sort((x, y) => y.score - x.score);

  const usedA = new Set<TunnelEnd>();
  const usedB = new Set<TunnelEnd>();
  const pairs: TunnelPair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push(makePair(da, c.a, db, c.b, c.how));
  }
  if (pairs.length === 0 && endsA.length === 1 && endsB.length === 1) {
    pairs.push(makePair(da, endsA[0], db, endsB[0], 'only tunnel on each side'));
    usedA.add(endsA[0]);
    usedB.add(endsB[0]);
  }
  return {
    pairs,
    unmatchedA: endsA.filter((t) => !usedA.has(t)),
    unmatchedB: endsB.filter((t) => !usedB.has(t)),
  };
}

function bestCounterpart(da: Device, a: TunnelEnd, db: Device): TunnelEnd | undefined {
  const enabled = db.tunnels.filter((t) => t.enabled);
  const addrsA = deviceAddresses(da);
  const addrsB = deviceAddresses(db);
  const scored = enabled
    .map((b) => ({ b, score: 10 * gatewayScore(a, addrsA, b, addrsB) + selectorScore(a, b) }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score);
  if (scored.length) return scored[0].b;
  return enabled.length === 1 ? enabled[0] : undefined;
}
