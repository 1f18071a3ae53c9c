/**
 * The report: the serializable form of a comparison (what `--format json` prints, what the
 * other formats render). It carries settings (value, raw, file:line, origin) but never a secret:
 * PSKs are fingerprints in the model already.
 */
import type { Device, Setting, SourceRef } from '../model/types.js';
import type { EndRef, Finding, FindingSide, Severity, TunnelPair } from '../compare/types.js';
import { VERSION } from '../version.js';
import type { StateReport } from '../state/report.js';

export interface ReportEnd {
  device: string;
  vendor: string;
  tunnel: string;
  phase2?: string;
  /** where the tunnel is defined (SARIF anchors a finding on a defaulted setting here) */
  at?: SourceRef;
}

export interface ReportSide {
  end: ReportEnd;
  setting?: Setting<unknown>;
  display?: string;
  fix?: string;
}

export interface ReportFinding {
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  effect: string;
  setting?: string;
  a?: ReportSide;
  b?: ReportSide;
  likelyIntended?: Finding['likelyIntended'];
}

export interface Report {
  tool: 'ipsec-drift';
  version: string;
  generatedAt: string;
  inputs: Array<{ origin: string; vendor: string; hostname?: string; readAt?: string }>;
  pairs: Array<{ a: ReportEnd; b: ReportEnd; how: string }>;
  findings: ReportFinding[];
  summary: Record<Severity, number>;
  /** compare --state: the runtime state of both ends (src/state/report.ts) */
  state?: StateReport;
  /** audit only: what was skipped, suppressed or baselined */
  audit?: {
    skipped: Array<{ path: string; reason: string }>;
    suppressed: Array<{ rule: string; message: string; reason: string }>;
    baselined?: number;
    staleBaseline?: Array<{ rule: string; ends: string[]; setting: string }>;
  };
}

export function endOf(end: EndRef, phase2?: string): ReportEnd {
  const e: ReportEnd = { device: end.device.origin, vendor: end.device.vendor, tunnel: end.tunnel.name };
  if (phase2 !== undefined) e.phase2 = phase2;
  if (end.tunnel.at) e.at = end.tunnel.at;
  return e;
}

function sideOf(s: FindingSide): ReportSide {
  const out: ReportSide = { end: endOf(s.end, s.phase2?.name) };
  if (s.setting) out.setting = s.setting;
  if (s.display !== undefined) out.display = s.display;
  if (s.fix !== undefined) out.fix = s.fix;
  return out;
}

export function reportFinding(f: Finding, title: string): ReportFinding {
  const r: ReportFinding = { rule: f.rule, severity: f.severity, title, message: f.message, effect: f.effect };
  if (f.setting !== undefined) r.setting = f.setting;
  if (f.a) r.a = sideOf(f.a);
  if (f.b) r.b = sideOf(f.b);
  if (f.likelyIntended) r.likelyIntended = f.likelyIntended;
  return r;
}

export function buildReport(
  devices: Device[],
  pairs: TunnelPair[],
  findings: Finding[],
  titleOf: (rule: string) => string,
  now: Date = new Date(),
  readAt: Map<Device, string> = new Map(),
): Report {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return {
    tool: 'ipsec-drift',
    version: VERSION,
    generatedAt: now.toISOString(),
    inputs: devices.map((d) => {
      const i: Report['inputs'][number] = { origin: d.origin, vendor: d.vendor };
      if (d.hostname) i.hostname = d.hostname;
      const at = readAt.get(d);
      if (at) i.readAt = at;
      return i;
    }),
    pairs: pairs.map((p) => ({ a: endOf(p.a), b: endOf(p.b), how: p.how })),
    findings: findings.map((f) => reportFinding(f, titleOf(f.rule))),
    summary,
  };
}
