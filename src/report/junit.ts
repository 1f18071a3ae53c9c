/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure): one testcase per tunnel pair × rule,
 * passing ones too, unique per file (GitLab drops duplicates); a failure for every finding at or
 * above the gate that no baseline accepted, the rest reported as passing with the finding in
 * system-out. Findings of an unmatched end, an unreadable file or an expired ignore have no pair:
 * they go to the `inputs` suite.
 */
import type { Rule, Severity } from '../compare/types.js';
import { SEVERITY_RANK } from '../compare/types.js';
import type { Report, ReportFinding } from './report.js';
import { defaultLabel, lineLabel } from '../model/setting.js';
import { forXml } from './sanitize.js';

/** XML 1.0 forbids most control characters even escaped, and U+FFFE/U+FFFF and lone surrogates: forXml shows them instead. */
const esc = forXml;

function label(e: { device: string; tunnel: string }): string {
  return `${e.device}/${e.tunnel}`;
}

function describe(f: ReportFinding): string {
  const side = (n: string, s: ReportFinding['a']) =>
    s
      ? `${n}: ${label(s.end)}: ${s.setting?.raw ?? s.display ?? ''}${s.setting?.at ? ` (${lineLabel({ at: s.setting.at, assumed: s.setting.assumed })})` : s.setting?.origin === 'default' ? ` (${defaultLabel(s.setting)})` : ''}`
      : '';
  return [`[${f.severity}] ${f.message}`, f.effect, side('A', f.a), side('B', f.b)].filter(Boolean).join('\n');
}

export interface JunitOptions {
  /** findings a baseline accepted: reported, never failing */
  accepted?: ReadonlySet<ReportFinding>;
}

export function renderJunit(report: Report, rules: readonly Rule[], gate: Severity | 'none', options: JunitOptions = {}): string {
  const accepted = (f: ReportFinding) => options.accepted?.has(f) ?? false;
  const fails = (f: ReportFinding) => gate !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[gate] && !accepted(f);
  const detail = (f: ReportFinding) => (accepted(f) ? `[in the baseline] ${describe(f)}` : describe(f));
  const checked = rules.filter((r) => r.scope === 'pair' || r.scope === 'end');
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  const suite = (name: string, cases: Array<{ name: string; findings: ReportFinding[] }>) => {
    let sf = 0;
    const body = cases.map((c) => {
      const bad = c.findings.filter(fails);
      const rest = c.findings.filter((f) => !fails(f));
      if (bad.length) sf++;
      const failure = bad.length
        ? `\n      <failure message="${esc(bad.map((f) => f.message).join('; '))}" type="${bad[0].severity}">${esc(bad.map(detail).join('\n\n'))}</failure>`
        : '';
      const out = rest.length ? `\n      <system-out>${esc(rest.map(detail).join('\n\n'))}</system-out>` : '';
      return `    <testcase classname="${esc(name)}" name="${esc(c.name)}">${failure}${out}${failure || out ? '\n    ' : ''}</testcase>`;
    });
    tests += cases.length;
    failures += sf;
    suites.push(`  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${sf}" errors="0" skipped="0">\n${body.join('\n')}\n  </testsuite>`);
  };
  const pairName = (a: { device: string; tunnel: string }, b: { device: string; tunnel: string }) => `${label(a)} <-> ${label(b)}`;
  // a finding of a pair or end rule belongs to the pair of its end(s) — also when it names one
  // side only (a phase 2 with no counterpart, weak crypto on one end)
  const pairOfEnd = new Map<string, string>();
  for (const p of report.pairs) for (const e of [p.a, p.b]) pairOfEnd.set(label(e), pairName(p.a, p.b));
  const scopeOf = (id: string) => rules.find((r) => r.id === id)?.scope;
  const byPair = new Map<string, ReportFinding[]>();
  const loose: ReportFinding[] = [];
  for (const f of report.findings) {
    const scope = scopeOf(f.rule);
    const pair = scope === 'pair' || scope === 'end' ? [f.a, f.b].map((s) => s && pairOfEnd.get(label(s.end))).find((n) => n !== undefined) : undefined;
    if (pair === undefined) loose.push(f);
    else {
      if (!byPair.has(pair)) byPair.set(pair, []);
      byPair.get(pair)!.push(f);
    }
  }
  for (const p of report.pairs) {
    const name = pairName(p.a, p.b);
    const fs = byPair.get(name) ?? [];
    suite(
      name,
      checked.map((r) => ({ name: r.id, findings: fs.filter((f) => f.rule === r.id) })),
    );
  }
  if (loose.length) {
    const byCase = new Map<string, ReportFinding[]>();
    for (const f of loose) {
      const k = `${f.rule} ${f.a ? label(f.a.end) : f.b ? label(f.b.end) : ''}`;
      if (!byCase.has(k)) byCase.set(k, []);
      byCase.get(k)!.push(f);
    }
    suite(
      'inputs',
      [...byCase].map(([name, findings]) => ({ name, findings })),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ipsec-drift" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
