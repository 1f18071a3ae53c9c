/**
 * The state report: what `state --format json` prints (and `compare --state` nests under `state`),
 * and what the table and HTML render. It carries SPIs and timers, never a key (the model has none).
 * Each SA row says for each of its SPIs whether the other end has its partner: matched, stale
 * (a finding), not comparable (the other listing shows no SPIs) or outside the other listing's time.
 */
import type { Severity } from '../compare/types.js';
import type { CaptureTime, ChildSa, ListingMissing, ListingSeen, SaState } from '../model/state.js';
import { VERSION } from '../version.js';
import type { StateResult } from './check.js';
import { flowText } from './display.js';
import { stateRuleById } from './rules/index.js';
import type { Side, StateEnd, StateFinding, StateNote } from './types.js';

export type SpiStatus = 'matched' | 'stale' | 'unchecked';

export interface SpiCell {
  direction: 'in' | 'out';
  /** 8 hex digits, or undefined when the listing printed none (`[Not Available]`) */
  spi?: string;
  raw: string;
  status: SpiStatus;
}

export interface SaRow {
  id: string;
  at: { file: string; line: number };
  flow: string;
  peer?: string;
  state?: string;
  spis: SpiCell[];
  /** seconds: age, to rekey, to expiry, where printed */
  age?: number;
  rekey?: number;
  expire?: number;
  /** the rules that report this SA */
  rules: string[];
}

export interface StateReportEnd {
  side: Side;
  origin: string;
  vendor: string;
  hostname?: string;
  capturedAt: CaptureTime;
  listings: ListingSeen[];
  missing: ListingMissing[];
  shows: SaState['shows'];
  /** CHILD_SAs / IKE SAs in the listing, and those facing the other end */
  counts: { childSas: number; ikeSas: number; facingChildSas: number; facingIkeSas: number };
  configuration?: string;
  sas: SaRow[];
}

export interface StateReportFinding extends StateFinding {
  title: string;
}

export interface StateReport {
  tool: 'ipsec-drift';
  version: string;
  generatedAt: string;
  kind: 'state';
  ends: [StateReportEnd, StateReportEnd];
  /** seconds from A's capture to B's, and the tolerated skew */
  offsetSeconds: number;
  skewSeconds: number;
  how: string;
  findings: StateReportFinding[];
  notes: StateNote[];
  summary: Record<Severity, number>;
  /** the full state model of each end (src/model/state.ts, schema in src/model/state-schema.ts) */
  states: { a: SaState; b: SaState };
}

function rowsOf(end: StateEnd, result: StateResult): SaRow[] {
  const pair = result.pair;
  const there = pair[end.side === 'a' ? 'b' : 'a'];
  const stale = new Set(
    result.findings
      .filter((f) => f.rule === 'stale-sa' && f.on.side === end.side)
      .flatMap((f) => [...(f.on.sa?.spis?.in ?? []).map((s) => `in:${s}`), ...(f.on.sa?.spis?.out ?? []).map((s) => `out:${s}`)]),
  );
  const partners = pair.spis[there.side];
  const cell = (direction: 'in' | 'out', spi: string | undefined, raw: string): SpiCell => {
    let status: SpiStatus = 'unchecked';
    if (spi && stale.has(`${direction}:${spi}`)) status = 'stale';
    else if (spi && (direction === 'in' ? partners.out : partners.in).has(spi)) status = 'matched';
    return spi ? { direction, spi, raw, status } : { direction, raw, status };
  };
  return end.children.map((c: ChildSa) => {
    const t = Object.keys(c.timers).length ? c.timers : (c.inbound[0]?.timers ?? c.outbound[0]?.timers ?? {});
    const row: SaRow = {
      id: c.id,
      at: c.at,
      flow: flowText(c),
      spis: [...c.inbound.map((d) => cell('in', d.spi, d.raw)), ...c.outbound.map((d) => cell('out', d.spi, d.raw))],
      rules: [...new Set(result.findings.filter((f) => f.on.side === end.side && f.on.sa?.id === c.id).map((f) => f.rule))],
    };
    if (c.remoteAddress) row.peer = c.remoteAddress;
    if (c.state) row.state = c.state.value;
    if (t.ageSeconds) row.age = t.ageSeconds.value;
    if (t.rekeySeconds) row.rekey = t.rekeySeconds.value;
    if (t.expireSeconds) row.expire = t.expireSeconds.value;
    return row;
  });
}

function endOf(end: StateEnd, result: StateResult): StateReportEnd {
  const s = end.state;
  const e: StateReportEnd = {
    side: end.side,
    origin: s.origin,
    vendor: s.vendor,
    capturedAt: end.capturedAt,
    listings: s.listings,
    missing: s.missing,
    shows: s.shows,
    counts: { childSas: s.childSas.length, ikeSas: s.ikeSas.length, facingChildSas: end.children.length, facingIkeSas: end.ikeSas.length },
    sas: rowsOf(end, result),
  };
  if (s.hostname) e.hostname = s.hostname;
  if (end.device) e.configuration = end.device.origin;
  return e;
}

export function buildStateReport(result: StateResult, now: Date = new Date()): StateReport {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) summary[f.severity]++;
  return {
    tool: 'ipsec-drift',
    version: VERSION,
    generatedAt: now.toISOString(),
    kind: 'state',
    ends: [endOf(result.pair.a, result), endOf(result.pair.b, result)],
    offsetSeconds: result.pair.offsetSeconds,
    skewSeconds: result.pair.skewSeconds,
    how: result.pair.how,
    findings: result.findings.map((f) => ({ ...f, title: stateRuleById(f.rule)?.title ?? f.rule })),
    notes: result.notes,
    summary,
    states: { a: result.pair.a.state, b: result.pair.b.state },
  };
}
