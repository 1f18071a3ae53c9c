/**
 * Which SAs of each end belong to the tunnel between the two: an SA faces the other end when its
 * peer address is one of the other end's own addresses, or when one of its SPIs appears in the
 * other end's listing (NAT rewrites addresses, not SPIs). When neither ties anything together and
 * each end has SAs with exactly one peer, those two are taken (and said so).
 */
import type { CaptureTime, ChildSa, IkeSa, SaState } from '../model/state.js';
import type { Device, Phase2, TunnelEnd } from '../model/types.js';
import { selectorRelation } from '../model/net.js';
import { captureMs, DEFAULT_SKEW_SECONDS } from './time.js';
import type { Side, StateEnd, StatePair } from './types.js';

export interface StateInput {
  state: SaState;
  capturedAt: CaptureTime;
  device?: Device;
}

function ownAddresses(s: SaState, device?: Device): Set<string> {
  const out = new Set<string>();
  for (const i of s.ikeSas) if (i.localAddress) out.add(i.localAddress);
  for (const c of s.childSas) if (c.localAddress) out.add(c.localAddress);
  if (device) {
    for (const i of device.interfaces) out.add(i.address);
    for (const t of device.tunnels) if (t.localGateway?.value) out.add(t.localGateway.value);
  }
  out.delete('');
  return out;
}

function spiSets(children: ChildSa[]): { in: Set<string>; out: Set<string> } {
  const r = { in: new Set<string>(), out: new Set<string>() };
  for (const c of children) {
    for (const d of c.inbound) if (d.spi) r.in.add(d.spi);
    for (const d of c.outbound) if (d.spi) r.out.add(d.spi);
  }
  return r;
}

function peers(s: SaState): Set<string> {
  const out = new Set<string>();
  for (const c of s.childSas) if (c.remoteAddress) out.add(c.remoteAddress);
  for (const i of s.ikeSas) if (i.remoteAddress) out.add(i.remoteAddress);
  return out;
}

export function buildPair(a: StateInput, b: StateInput, skewSeconds = DEFAULT_SKEW_SECONDS): StatePair {
  const localA = ownAddresses(a.state, a.device);
  const localB = ownAddresses(b.state, b.device);
  const allA = spiSets(a.state.childSas);
  const allB = spiSets(b.state.childSas);
  const ikeSpis = (s: SaState) => new Set(s.ikeSas.flatMap((i) => (i.spis ? [`${i.spis.initiator}/${i.spis.responder}`] : [])));
  const ikeA = ikeSpis(a.state);
  const ikeB = ikeSpis(b.state);

  const childFaces = (c: ChildSa, otherLocal: Set<string>, other: { in: Set<string>; out: Set<string> }) =>
    (c.remoteAddress !== undefined && otherLocal.has(c.remoteAddress)) ||
    c.outbound.some((d) => d.spi && other.in.has(d.spi)) ||
    c.inbound.some((d) => d.spi && other.out.has(d.spi));
  const ikeFaces = (i: IkeSa, otherLocal: Set<string>, otherIke: Set<string>) =>
    (i.remoteAddress !== undefined && otherLocal.has(i.remoteAddress)) || (i.spis !== undefined && otherIke.has(`${i.spis.initiator}/${i.spis.responder}`));

  let how = 'peer addresses and SPIs';
  let childrenA = a.state.childSas.filter((c) => childFaces(c, localB, allB));
  let childrenB = b.state.childSas.filter((c) => childFaces(c, localA, allA));
  let ikeSasA = a.state.ikeSas.filter((i) => ikeFaces(i, localB, ikeB));
  let ikeSasB = b.state.ikeSas.filter((i) => ikeFaces(i, localA, ikeA));
  // the peer addresses of what faces: NAT can hide the other's address, so widen to every SA with those peers
  const widen = (s: SaState, kids: ChildSa[], ikes: IkeSa[]) => {
    const p = new Set([...kids, ...ikes].map((x) => x.remoteAddress).filter((x): x is string => !!x));
    return {
      children: s.childSas.filter((c) => kids.includes(c) || (c.remoteAddress !== undefined && p.has(c.remoteAddress))),
      ikeSas: s.ikeSas.filter((i) => ikes.includes(i) || (i.remoteAddress !== undefined && p.has(i.remoteAddress))),
    };
  };
  ({ children: childrenA, ikeSas: ikeSasA } = widen(a.state, childrenA, ikeSasA));
  ({ children: childrenB, ikeSas: ikeSasB } = widen(b.state, childrenB, ikeSasB));
  const nothing = childrenA.length + childrenB.length + ikeSasA.length + ikeSasB.length === 0;
  if (nothing) {
    const pa = peers(a.state);
    const pb = peers(b.state);
    if (pa.size <= 1 && pb.size <= 1) {
      childrenA = a.state.childSas;
      childrenB = b.state.childSas;
      ikeSasA = a.state.ikeSas;
      ikeSasB = b.state.ikeSas;
      how = 'the only peer on each side (no address or SPI ties the two listings)';
    } else how = 'nothing ties the two listings (no shared address or SPI)';
  }
  const end = (side: Side, input: StateInput, local: Set<string>, children: ChildSa[], ikeSas: IkeSa[]): StateEnd => {
    const e: StateEnd = { side, state: input.state, capturedAt: input.capturedAt, localAddresses: local, children, ikeSas };
    if (input.device) e.device = input.device;
    return e;
  };
  const offset = Math.round((captureMs(b.capturedAt) - captureMs(a.capturedAt)) / 1000);
  return {
    a: end('a', a, localA, childrenA, ikeSasA),
    b: end('b', b, localB, childrenB, ikeSasB),
    offsetSeconds: Number.isFinite(offset) ? offset : 0,
    skewSeconds,
    how,
    spis: { a: spiSets(childrenA), b: spiSets(childrenB) },
  };
}

/**
 * The configured tunnel end a CHILD_SA runs on this end, and its phase 2 entry: the tunnel whose
 * peer is the SA's peer (or whose name is the SA's tunnel), then the phase 2 whose selectors are
 * the SA's (or the only one).
 */
export function configuredFor(end: StateEnd, child: ChildSa): { tunnel: TunnelEnd; phase2?: Phase2 } | undefined {
  const d = end.device;
  if (!d) return undefined;
  const tunnels = d.tunnels.filter((t) => t.enabled);
  const tunnel =
    tunnels.find((t) => child.remoteAddress !== undefined && t.remoteGateway.value === child.remoteAddress) ??
    tunnels.find((t) => child.tunnel !== undefined && t.name === child.tunnel) ??
    (tunnels.length === 1 ? tunnels[0] : undefined);
  if (!tunnel) return undefined;
  if (child.localSelectors.length === 0 || child.remoteSelectors.length === 0)
    return tunnel.phase2.length === 1 ? { tunnel, phase2: tunnel.phase2[0] } : { tunnel };
  const exact = tunnel.phase2.find(
    (p) =>
      selectorRelation(p.localSelectors.value, child.localSelectors) === 'equal' &&
      selectorRelation(p.remoteSelectors.value, child.remoteSelectors) === 'equal',
  );
  const within = tunnel.phase2.find((p) => {
    const l = selectorRelation(child.localSelectors, p.localSelectors.value);
    const r = selectorRelation(child.remoteSelectors, p.remoteSelectors.value);
    return (l === 'equal' || l === 'subset') && (r === 'equal' || r === 'subset');
  });
  const phase2 = exact ?? within ?? (tunnel.phase2.length === 1 ? tunnel.phase2[0] : undefined);
  return phase2 ? { tunnel, phase2 } : { tunnel };
}
