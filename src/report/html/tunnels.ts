/**
 * The report regrouped the way a reader walks it: one entry per tunnel (a paired tunnel, or an
 * end with no counterpart), each with its findings and a verdict. The `Report` is flat (findings
 * name their ends by device origin and tunnel name); the `TunnelPair`s it came from carry the
 * full settings, so both are joined here by those names.
 */
import type { Device } from '../../model/types.js';
import type { EndRef, Severity, TunnelPair } from '../../compare/types.js';
import { SEVERITY_RANK } from '../../compare/types.js';
import { pairVersion } from '../../compare/negotiation.js';
import type { Report, ReportEnd, ReportFinding } from '../report.js';

/** What the tunnel will do, worst first. */
export type Verdict = 'no-start' | 'breaks-at-rekey' | 'drifts' | 'clean';

export const VERDICT_RANK: Record<Verdict, number> = { 'no-start': 4, 'breaks-at-rekey': 3, drifts: 2, clean: 1 };

export const VERDICT_TEXT: Record<Verdict, string> = {
  'no-start': 'Will not come up',
  'breaks-at-rekey': 'Will break at rekey',
  drifts: 'Drifts',
  clean: 'Clean',
};

export const VERDICT_MEANING: Record<Verdict, string> = {
  'no-start': 'at least one difference stops the tunnel (or one of its phase 2 entries) from being established',
  'breaks-at-rekey': 'it comes up, then fails when its SAs are rekeyed',
  drifts: 'it comes up and stays up, but the ends disagree in ways that cause flaps, rekey collisions or stale SAs',
  clean: 'no difference with an effect on the tunnel (informational notes and weak-crypto findings are listed beside the verdict)',
};

/** What the report input to the renderer is: the report plus the devices and pairs it was built from. */
export interface ReportSource {
  devices: Device[];
  pairs: TunnelPair[];
}

export interface TunnelView {
  /** 1-based, in report order: the anchor `#tunnel-N` */
  index: number;
  a: ReportEnd;
  /** undefined for an end with no counterpart */
  b?: ReportEnd;
  how?: string;
  /** the pair with full settings, when the caller passed it */
  pair?: TunnelPair;
  /** the end alone (unpaired tunnels), when the caller passed its device */
  lone?: EndRef;
  findings: ReportFinding[];
  verdict: Verdict;
  counts: Record<Severity, number>;
}

function sameEnd(r: ReportEnd | undefined, e: EndRef): boolean {
  return r !== undefined && r.device === e.device.origin && r.tunnel === e.tunnel.name;
}

function sameReportEnd(x: ReportEnd | undefined, y: ReportEnd): boolean {
  return x !== undefined && x.device === y.device && x.tunnel === y.tunnel;
}

/** Does this finding belong to the tunnel between ends a and b? End findings (weak crypto) name one end only. */
function belongsTo(f: ReportFinding, a: ReportEnd, b: ReportEnd): boolean {
  const ends = [f.a?.end, f.b?.end].filter((e): e is ReportEnd => e !== undefined);
  if (ends.length === 0) return false;
  return ends.every((e) => sameReportEnd(e, a) || sameReportEnd(e, b));
}

/**
 * Errors mean "will not come up" except where the rule's own explanation says the tunnel comes up
 * first: a PFS mismatch under IKEv2, because the first CHILD_SA is created inside IKE_AUTH
 * without a DH exchange and only CREATE_CHILD_SA at the first rekey is refused (RFC 7296 §1.2,
 * see pfs-mismatch). Everything else that is an error fails at setup, at least when one of the
 * ends initiates — which a change board must read as "will not come up".
 */
function failsOnlyAtRekey(f: ReportFinding, pair: TunnelPair | undefined): boolean {
  if (f.rule !== 'pfs-mismatch' || !pair) return false;
  return pairVersion(pair.a.tunnel, pair.b.tunnel) === 2;
}

/**
 * Findings about one end's strength, not about the two ends disagreeing: they do not change what
 * the tunnel does, so they do not make a verdict (they are shown beside it).
 */
export const NOT_ABOUT_THE_TUNNEL_WORKING = new Set(['weak-crypto']);

export function verdictOf(all: ReportFinding[], pair: TunnelPair | undefined, paired: boolean): Verdict {
  const findings = all.filter((f) => !NOT_ABOUT_THE_TUNNEL_WORKING.has(f.rule));
  // an end whose counterpart is missing: its rule is a warning (nothing may be wrong with this
  // end), but the tunnel cannot come up
  if (!paired && findings.some((f) => f.rule === 'unmatched-tunnel')) return 'no-start';
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) return errors.every((f) => failsOnlyAtRekey(f, pair)) ? 'breaks-at-rekey' : 'no-start';
  if (findings.some((f) => f.severity === 'warning')) return 'drifts';
  return 'clean';
}

function countsOf(findings: ReportFinding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Worst first, then catalog order (the report keeps rule order within a tunnel). */
function bySeverity(fs: ReportFinding[]): ReportFinding[] {
  return fs
    .map((f, i) => ({ f, i }))
    .sort((x, y) => SEVERITY_RANK[y.f.severity] - SEVERITY_RANK[x.f.severity] || x.i - y.i)
    .map((x) => x.f);
}

function findEnd(devices: Device[], e: ReportEnd): EndRef | undefined {
  const device = devices.find((d) => d.origin === e.device);
  const tunnel = device?.tunnels.find((t) => t.name === e.tunnel);
  return device && tunnel ? { device, tunnel } : undefined;
}

export interface Grouped {
  tunnels: TunnelView[];
  /** findings about no tunnel of a device that was read: an unreadable file, an expired ignore */
  other: ReportFinding[];
}

/**
 * One view per paired tunnel in report order, then one per end (of a device that was read) whose
 * findings fit no pair; findings that name no such end are returned apart.
 */
export function groupFindings(report: Report, source: ReportSource): Grouped {
  const views: TunnelView[] = [];
  const used = new Set<ReportFinding>();
  for (const p of report.pairs) {
    const pair = source.pairs.find((tp) => sameEnd(p.a, tp.a) && sameEnd(p.b, tp.b));
    const findings = report.findings.filter((f) => !used.has(f) && belongsTo(f, p.a, p.b));
    for (const f of findings) used.add(f);
    views.push({
      index: 0,
      a: p.a,
      b: p.b,
      how: p.how,
      pair,
      findings: bySeverity(findings),
      verdict: verdictOf(findings, pair, true),
      counts: countsOf(findings),
    });
  }
  // what is left names ends no pair holds: group by that end
  const lone = new Map<string, ReportFinding[]>();
  const endOf = new Map<string, ReportEnd>();
  const other: ReportFinding[] = [];
  for (const f of report.findings) {
    if (used.has(f)) continue;
    const e = f.a?.end ?? f.b?.end;
    if (!e || !findEnd(source.devices, e)) {
      other.push(f);
      continue;
    }
    const key = `${e.device}\u0000${e.tunnel}`;
    endOf.set(key, { device: e.device, vendor: e.vendor, tunnel: e.tunnel });
    lone.set(key, [...(lone.get(key) ?? []), f]);
  }
  for (const [key, findings] of lone) {
    const a = endOf.get(key)!;
    views.push({
      index: 0,
      a,
      lone: findEnd(source.devices, a),
      findings: bySeverity(findings),
      verdict: verdictOf(findings, undefined, false),
      counts: countsOf(findings),
    });
  }
  for (const [i, v] of views.entries()) v.index = i + 1;
  return { tunnels: views, other: bySeverity(other) };
}

export function tunnelViews(report: Report, source: ReportSource): TunnelView[] {
  return groupFindings(report, source).tunnels;
}

export function worstVerdict(views: TunnelView[]): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const v of views) if (!worst || VERDICT_RANK[v.verdict] > VERDICT_RANK[worst]) worst = v.verdict;
  return worst;
}
