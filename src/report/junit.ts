/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure): one testcase per tunnel pair × rule,
 * passing ones too, unique per file (GitLab drops duplicates); a failure for every finding at or
 * above the gate, the rest reported as passing with the finding in system-out.
 */
import type { Rule, Severity } from '../compare/types.js';
import { SEVERITY_RANK } from '../compare/types.js';
import type { Report, ReportFinding } from './report.js';

function esc(text: string): string {
  // XML 1.0 forbids most control characters even escaped: drop them
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function label(e: { device: string; tunnel: string }): string {
  return `${e.device}/${e.tunnel}`;
}

function detail(f: ReportFinding): string {
  const side = (n: string, s: ReportFinding['a']) => (s ? `${n}: ${label(s.end)}: ${s.setting?.raw ?? s.display ?? ''}${s.setting?.at ? ` (${s.setting.at.file}:${s.setting.at.line})` : s.setting?.origin === 'default' ? ' (vendor default)' : ''}` : '');
  return [`[${f.severity}] ${f.message}`, f.effect, side('A', f.a), side('B', f.b)].filter(Boolean).join('\n');
}

export function renderJunit(report: Report, rules: readonly Rule[], gate: Severity | 'none'): string {
  const fails = (f: ReportFinding) => gate !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[gate];
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
      const failure = bad.length ? `\n      <failure message="${esc(bad.map((f) => f.message).join('; '))}" type="${bad[0].severity}">${esc(bad.map(detail).join('\n\n'))}</failure>` : '';
      const out = rest.length ? `\n      <system-out>${esc(rest.map(detail).join('\n\n'))}</system-out>` : '';
      return `    <testcase classname="${esc(name)}" name="${esc(c.name)}">${failure}${out}${failure || out ? '\n    ' : ''}</testcase>`;
    });
    tests += cases.length;
    failures += sf;
    suites.push(`  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${sf}" errors="0" skipped="0">\n${body.join('\n')}\n  </testsuite>`);
  };
  const pairName = (a: { device: string; tunnel: string }, b: { device: string; tunnel: string }) => `${label(a)} <-> ${label(b)}`;
  const byPair = new Map<string, ReportFinding[]>();
  const other: ReportFinding[] = [];
  for (const f of report.findings) {
    if (f.a && f.b) {
      const k = pairName(f.a.end, f.b.end);
      if (!byPair.has(k)) byPair.set(k, []);
      byPair.get(k)!.push(f);
    } else other.push(f);
  }
  for (const p of report.pairs) {
    const name = pairName(p.a, p.b);
    const fs = byPair.get(name) ?? [];
    // end rules (weak crypto) report one side only: attribute them to the pair of that end
    const ends = [label(p.a), label(p.b)];
    const endFindings = other.filter((f) => f.a && !f.b && ends.includes(label(f.a.end)) && rules.find((r) => r.id === f.rule)?.scope === 'end');
    suite(
      name,
      checked.map((r) => ({ name: r.id, findings: [...fs, ...endFindings].filter((f) => f.rule === r.id) })),
    );
  }
  const loose = other.filter((f) => rules.find((r) => r.id === f.rule)?.scope !== 'end');
  if (loose.length) {
    const byCase = new Map<string, ReportFinding[]>();
    for (const f of loose) {
      const k = `${f.rule} ${f.a ? label(f.a.end) : f.b ? label(f.b.end) : ''}`;
      if (!byCase.has(k)) byCase.set(k, []);
      byCase.get(k)!.push(f);
    }
    suite('inputs', [...byCase].map(([name, findings]) => ({ name, findings })));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ipsec-drift" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
