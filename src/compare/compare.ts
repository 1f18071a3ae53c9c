/**
 * The comparison of two devices: pair their tunnel ends, run every rule, collect findings.
 * Pure: the same devices give the same findings, whether they came from files or a live pull.
 */
import type { Device } from '../model/types.js';
import { pairDevices, deviceAddresses } from './pair.js';
import { rules as catalog } from './rules/index.js';
import type { EndRef, Finding, Rule, TunnelPair } from './types.js';
import { SEVERITY_RANK } from './types.js';
import { withFixes } from './fixes.js';

export interface Comparison {
  devices: Device[];
  pairs: TunnelPair[];
  findings: Finding[];
}

export interface CompareOptions {
  tunnel?: { a: string; b?: string };
  rules?: readonly Rule[];
}

/** Findings for one paired tunnel: pair rules, then (unless an audit runs them once per end) end rules on each of its ends. */
export function checkPair(pair: TunnelPair, rules: readonly Rule[] = catalog, withEndRules = true): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    if (r.scope === 'pair') pushAll(out, r.check(pair));
    else if (r.scope === 'end' && withEndRules) {
      pushAll(out, r.check(pair.a));
      pushAll(out, r.check(pair.b));
    }
  }
  return withFixes(out);
}

/** End rules (weak crypto) on one end. */
export function checkEnd(end: EndRef, rules: readonly Rule[] = catalog): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) if (r.scope === 'end') pushAll(out, r.check(end));
  return withFixes(out);
}

/** `out.push(...found)` without the spread call: a rule finds nothing for most pairs, and an audit checks tens of thousands. */
function pushAll(out: Finding[], found: Finding[]): void {
  for (let i = 0; i < found.length; i++) out.push(found[i]);
}

/** Findings for ends no tunnel on the other devices answers. */
export function checkUnmatched(ends: EndRef[], otherDevices: (end: EndRef) => Device[], rules: readonly Rule[] = catalog): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) if (r.scope === 'unmatched') for (const e of ends) out.push(...r.check(e, { otherDevices: otherDevices(e) }));
  return withFixes(out);
}

/** Does this end's peer address belong to `device` (so a missing counterpart there is a finding)? */
export function pointsInto(end: EndRef, device: Device): boolean {
  return deviceAddresses(device).has(end.tunnel.remoteGateway.value);
}

export function compareDevices(a: Device, b: Device, options: CompareOptions = {}): Comparison {
  const rules = options.rules ?? catalog;
  const { pairs, unmatchedA, unmatchedB } = pairDevices(a, b, options.tunnel);
  const findings: Finding[] = [];
  for (const pair of pairs) findings.push(...checkPair(pair, rules));
  // An end is reported when it points at the other device. With nothing paired and no end pointing
  // at the other device, every end is: the user asked about these two devices.
  const ends: EndRef[] = [...unmatchedA.map((tunnel) => ({ device: a, tunnel })), ...unmatchedB.map((tunnel) => ({ device: b, tunnel }))];
  const pointing = ends.filter((e) => pointsInto(e, e.device === a ? b : a));
  const unmatched = pairs.length === 0 && pointing.length === 0 ? ends : pointing;
  findings.push(...checkUnmatched(unmatched, (e) => [e.device === a ? b : a], rules));
  return { devices: [a, b], pairs, findings };
}

/** Highest severity present, for exit codes. */
export function worstSeverity(findings: Finding[]): Finding['severity'] | undefined {
  let worst: Finding['severity'] | undefined;
  for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}
