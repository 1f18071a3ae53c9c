/**
 * Traffic selectors as IKE negotiates them: addresses, IP protocol and ports (RFC 7296 §3.13.1 —
 * a TS is an address range, a protocol and a port range). How two phase 2 entries' selectors
 * relate, what the responder does with a proposal that is not exactly its own (narrow or refuse),
 * and what a fix should set: each end's selectors the mirror of the other's, with the half that
 * is wrong chosen by evidence where there is some.
 */
import { basename } from 'node:path';
import type { Device, Phase2, PortRange, SelectorNarrowing, TunnelEnd } from '../model/types.js';
import { parseCidr, selectorRelation, type SetRelation } from '../model/net.js';
import type { SelectorsTarget } from '../model/adapter.js';
import type { EndRef } from './types.js';
import { canInitiate, pairVersion } from './negotiation.js';

/** One side of a phase 2's selectors: the addresses, the protocol (0 = any) and the ports (empty = any). */
export interface Selector {
  cidrs: string[];
  protocol: number;
  ports: PortRange[];
}

const ANY_PORTS: PortRange = { from: 0, to: 65535 };

function isAnyPorts(ports: PortRange[] | undefined): boolean {
  return !ports || ports.length === 0 || ports.some((p) => p.from <= 0 && p.to >= 65535);
}

/** This entry's local (`'local'`) or remote selector, protocol and ports included. */
export function selectorOf(p: Phase2, which: 'local' | 'remote'): Selector {
  const ports = which === 'local' ? p.localPorts?.value : p.remotePorts?.value;
  return {
    cidrs: which === 'local' ? p.localSelectors.value : p.remoteSelectors.value,
    protocol: p.ipProtocol?.value ?? 0,
    ports: isAnyPorts(ports) ? [] : [...(ports ?? [])],
  };
}

function protocolRelation(a: number, b: number): SetRelation {
  if (a === b) return 'equal';
  if (a === 0) return 'superset';
  if (b === 0) return 'subset';
  return 'disjoint';
}

function rangeWithin(a: PortRange, b: PortRange): boolean {
  return a.from >= b.from && a.to <= b.to;
}

function portRelation(a: PortRange[], b: PortRange[]): SetRelation {
  const pa = a.length ? a : [ANY_PORTS];
  const pb = b.length ? b : [ANY_PORTS];
  const aInB = pa.every((x) => pb.some((y) => rangeWithin(x, y)));
  const bInA = pb.every((y) => pa.some((x) => rangeWithin(y, x)));
  if (aInB && bInA) return 'equal';
  if (aInB) return 'subset';
  if (bInA) return 'superset';
  return pa.some((x) => pb.some((y) => x.from <= y.to && y.from <= x.to)) ? 'overlap' : 'disjoint';
}

/**
 * The relation of a product of dimensions (addresses × protocol × ports): disjoint when any
 * dimension is, equal when all are, a subset (superset) when each is equal or a subset (superset),
 * otherwise a partial overlap.
 */
export function combine(relations: SetRelation[]): SetRelation {
  if (relations.includes('disjoint')) return 'disjoint';
  if (relations.every((r) => r === 'equal')) return 'equal';
  if (relations.every((r) => r === 'equal' || r === 'subset')) return 'subset';
  if (relations.every((r) => r === 'equal' || r === 'superset')) return 'superset';
  return 'overlap';
}

/** How selector `a` relates to selector `b`, protocol and ports included. */
export function relationOf(a: Selector, b: Selector): SetRelation {
  return combine([selectorRelation(a.cidrs, b.cidrs), protocolRelation(a.protocol, b.protocol), portRelation(a.ports, b.ports)]);
}

/**
 * How A's phase 2 relates to B's as traffic: A's local against B's remote and A's remote against
 * B's local. `equal` = mirror images; `subset` = A's traffic lies inside B's (A is the narrower).
 */
export function phase2Relation(a: Phase2, b: Phase2): SetRelation {
  return combine([relationOf(selectorOf(a, 'local'), selectorOf(b, 'remote')), relationOf(selectorOf(a, 'remote'), selectorOf(b, 'local'))]);
}

/** Does this end, as responder, narrow a proposal wider than (or partly outside) its own selectors? */
export function narrows(t: TunnelEnd, version: 1 | 2 | undefined): boolean {
  const n: SelectorNarrowing | undefined = t.behaviour?.selectorNarrowing?.value;
  return n === 'narrows' || (n === 'narrows-ikev2' && version === 2);
}

export interface SelectorOutcome {
  relation: SetRelation;
  /** the ends that can initiate, each with whether its proposal is accepted */
  directions: Array<{ initiator: EndRef; responder: EndRef; accepted: boolean }>;
}

/**
 * Who can bring this phase 2 up. A proposal equal to or inside the responder's selectors is
 * accepted by every implementation; a wider or partly overlapping one only by a responder that
 * narrows (RFC 7296 §2.9 in IKEv2; strongSwan also in IKEv1). Disjoint selectors are refused.
 * An end that never initiates (passive, dynamic, dial-up) is not a direction; when neither
 * initiates, both directions are considered.
 */
export function selectorOutcome(aEnd: EndRef, a: Phase2, bEnd: EndRef, b: Phase2): SelectorOutcome {
  const relation = phase2Relation(a, b);
  const version = pairVersion(aEnd.tunnel, bEnd.tunnel);
  // the relation of the initiator's proposal to the responder's own selectors
  const accepted = (rel: SetRelation, responder: EndRef) => rel === 'equal' || rel === 'subset' || (rel !== 'disjoint' && narrows(responder.tunnel, version));
  const flip: Record<SetRelation, SetRelation> = { equal: 'equal', subset: 'superset', superset: 'subset', overlap: 'overlap', disjoint: 'disjoint' };
  const all = [
    { initiator: aEnd, responder: bEnd, accepted: accepted(relation, bEnd) },
    { initiator: bEnd, responder: aEnd, accepted: accepted(flip[relation], aEnd) },
  ];
  const possible = all.filter((d) => canInitiate(d.initiator.tunnel));
  return { relation, directions: possible.length ? possible : all };
}

// --- which half is wrong, and the fix ------------------------------------------------------------

/** The networks a device is directly attached to (interface address and prefix), as CIDRs. */
export function connectedNetworks(device: Device): string[] {
  const out: string[] = [];
  for (const i of device.interfaces) {
    if (i.prefixLength === undefined) continue;
    const c = parseCidr(`${i.address}/${i.prefixLength}`);
    if (c) out.push(`${i.address}/${i.prefixLength}`);
  }
  return out;
}

function isAny(cidrs: string[]): boolean {
  return cidrs.some((c) => c === '0.0.0.0/0' || c === '::/0');
}

/**
 * Does this list name the networks of `device` (its own interfaces, or the local selectors of its
 * other tunnels)? The evidence for "this is that device's side of the tunnel".
 */
function namesNetworksOf(cidrs: string[], device: Device, except: Phase2): boolean {
  if (cidrs.length === 0 || isAny(cidrs)) return false;
  const own = connectedNetworks(device).filter((n) => !n.endsWith('/32') && !n.endsWith('/128'));
  if (own.length && selectorRelation(cidrs, own) !== 'disjoint') return true;
  const elsewhere = device.tunnels.flatMap((t) => t.phase2.filter((p) => p !== except).map((p) => p.localSelectors.value)).filter((l) => !isAny(l));
  return elsewhere.some((l) => selectorRelation(cidrs, l) === 'equal');
}

/**
 * Of two values that should be the same network — `mine` (the end's own local selectors) and
 * `theirs` (the other end's remote selectors for it) — which is right, if the configs say:
 * the one that names the device's networks while the other does not.
 */
function judgeHalf(mine: string[], theirs: string[], device: Device, p: Phase2): 'mine' | 'theirs' | 'unknown' {
  if (selectorRelation(mine, theirs) === 'equal') return 'mine';
  const m = namesNetworksOf(mine, device, p);
  const t = namesNetworksOf(theirs, device, p);
  if (m && !t) return 'mine';
  if (t && !m) return 'theirs';
  return 'unknown';
}

/** What a selector fix sets on one phase 2: both halves at once. */
export type SelectorTarget = SelectorsTarget;

export interface SelectorFixPlan {
  /** the selectors each end should have, or undefined when that end is right as it is */
  a?: SelectorTarget;
  b?: SelectorTarget;
  /** which end the evidence says is wrong, and why, for the message */
  wrong?: { side: 'a' | 'b'; why: string };
}

function sameList(x: string[], y: string[]): boolean {
  return selectorRelation(x, y) === 'equal' && x.length === y.length;
}

function sameTarget(p: Phase2, t: SelectorTarget): boolean {
  const l = selectorOf(p, 'local');
  const r = selectorOf(p, 'remote');
  return (
    sameList(l.cidrs, t.local) &&
    sameList(r.cidrs, t.remote) &&
    l.protocol === (t.protocol ?? 0) &&
    portRelation(l.ports, t.localPorts ?? []) === 'equal' &&
    portRelation(r.ports, t.remotePorts ?? []) === 'equal'
  );
}

/** A target whose source equals its destination would carry nothing sensible (Batfish 3-node r1 vs r2): never offered. */
function sensible(t: SelectorTarget): boolean {
  return t.local.length > 0 && t.remote.length > 0 && !sameList(t.local, t.remote);
}

/**
 * The fixes that make the two entries mirror images. Each address half (A's network: A's local =
 * B's remote; B's network: B's local = A's remote) is judged on its own: where the configs show
 * which value names that end's networks, both ends get it; where they do not, each end's fix
 * takes the other end's value (the mirror), so the user chooses. Protocol and ports always
 * mirror the other end. A fix never copies a value onto the end that already has it right, and
 * never proposes source = destination.
 */
export function selectorFixPlan(aEnd: EndRef, a: Phase2, bEnd: EndRef, b: Phase2): SelectorFixPlan {
  // both ends claiming one network as their own (the same ACL copied to both routers) is no evidence
  const contradictory = selectorRelation(a.localSelectors.value, b.localSelectors.value) !== 'disjoint';
  const halfA = contradictory ? 'unknown' : judgeHalf(a.localSelectors.value, b.remoteSelectors.value, aEnd.device, a);
  const halfB = contradictory ? 'unknown' : judgeHalf(b.localSelectors.value, a.remoteSelectors.value, bEnd.device, b);
  // A's network as each end should write it
  const aNetForA = halfA === 'theirs' ? b.remoteSelectors.value : halfA === 'mine' ? a.localSelectors.value : b.remoteSelectors.value;
  const aNetForB = halfA === 'theirs' ? b.remoteSelectors.value : a.localSelectors.value;
  const bNetForB = halfB === 'theirs' ? a.remoteSelectors.value : halfB === 'mine' ? b.localSelectors.value : a.remoteSelectors.value;
  const bNetForA = halfB === 'theirs' ? a.remoteSelectors.value : b.localSelectors.value;
  const sa = selectorOf(a, 'local');
  const sb = selectorOf(b, 'local');
  const ra = selectorOf(a, 'remote');
  const rb = selectorOf(b, 'remote');
  const forA: SelectorTarget = { local: aNetForA, remote: bNetForA, protocol: sb.protocol, localPorts: rb.ports, remotePorts: sb.ports };
  const forB: SelectorTarget = { local: bNetForB, remote: aNetForB, protocol: sa.protocol, localPorts: ra.ports, remotePorts: sa.ports };
  const plan: SelectorFixPlan = {};
  if (!sameTarget(a, forA) && sensible(forA)) plan.a = forA;
  if (!sameTarget(b, forB) && sensible(forB)) plan.b = forB;
  // name the wrong end when the evidence puts every wrong half on one end
  const aWrong = halfA === 'theirs' || (halfB === 'mine' && !sameList(a.remoteSelectors.value, b.localSelectors.value));
  const bWrong = halfB === 'theirs' || (halfA === 'mine' && !sameList(b.remoteSelectors.value, a.localSelectors.value));
  const dev = (e: EndRef) => e.device.hostname ?? basename(e.device.origin);
  // the wrong end selects `wrongNet` for `owner`'s side, where `owner` has `rightNet`
  const why = (owner: EndRef, rightNet: string[], wrongNet: string[]) =>
    `it selects ${wrongNet.join(', ')} for ${dev(owner)}'s side, which is none of ${dev(owner)}'s networks, while ${rightNet.join(', ')} is (on its interfaces or its other tunnels)`;
  if (aWrong && !bWrong) {
    // A names B's network wrongly (its remote), or its own wrongly (its local)
    plan.wrong = {
      side: 'a',
      why:
        halfB === 'mine' && !sameList(a.remoteSelectors.value, b.localSelectors.value)
          ? why(bEnd, b.localSelectors.value, a.remoteSelectors.value)
          : why(aEnd, b.remoteSelectors.value, a.localSelectors.value),
    };
    delete plan.b;
  } else if (bWrong && !aWrong) {
    plan.wrong = {
      side: 'b',
      why:
        halfA === 'mine' && !sameList(b.remoteSelectors.value, a.localSelectors.value)
          ? why(aEnd, a.localSelectors.value, b.remoteSelectors.value)
          : why(bEnd, a.remoteSelectors.value, b.localSelectors.value),
    };
    delete plan.a;
  }
  return plan;
}

// --- display ---------------------------------------------------------------------------------------

const PROTOCOL_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 47: 'gre', 50: 'esp', 58: 'ipv6-icmp', 132: 'sctp' };

/** `tcp`, `udp`, `any`, or the number. */
export function protocolName(p: number): string {
  return p === 0 ? 'any' : (PROTOCOL_NAMES[p] ?? String(p));
}

function showPorts(ports: PortRange[]): string {
  return ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(',');
}

/** `10.1.0.0/24`, or with a protocol and ports in strongSwan's notation: `10.1.0.0/24[udp/53]`. */
export function showSelector(s: Selector): string {
  const addrs = s.cidrs.join(', ') || '(none)';
  if (s.protocol === 0 && s.ports.length === 0) return addrs;
  const proto = protocolName(s.protocol);
  return `${addrs}[${proto}${s.ports.length ? `/${showPorts(s.ports)}` : ''}]`;
}

/** A phase 2's selectors as `local ↔ remote`, protocol and ports included where set. */
export function showPhase2Selectors(p: Phase2): string {
  return `${showSelector(selectorOf(p, 'local'))} ↔ ${showSelector(selectorOf(p, 'remote'))}`;
}
