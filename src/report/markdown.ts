/**
 * The audit as Markdown for a CI job summary (GitHub's `$GITHUB_STEP_SUMMARY`, a merge request
 * note): the verdict of every tunnel pair against the gate, the counts, and the findings that
 * fail it, each at its file:line. Text from the audited files is escaped: control characters are
 * shown (as in the terminal) and Markdown's punctuation cannot start a link, a table cell or HTML.
 */
import type { Severity } from '../compare/types.js';
import { SEVERITY_RANK } from '../compare/types.js';
import type { FailOn } from '../cli/options.js';
import type { Report, ReportEnd, ReportFinding, ReportSide } from './report.js';
import { forTerminal } from './sanitize.js';

/** GitHub caps a step summary at 1 MiB: past this many failing findings the list says how many more. */
const MAX_LISTED = 100;

/** One line of text from a file, safe in a Markdown paragraph or table cell. */
export function md(text: string): string {
  return forTerminal(text).replace(/[\\`*_[\]<>|~#!&]/g, '\\$&');
}

const endLabel = (e: ReportEnd) => `${e.device}/${e.tunnel}`;

function counts(findings: readonly ReportFinding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The line of the setting: `(line 95)` in the device's own file, else `(file:line)`. */
function where(s: ReportSide): string {
  const at = s.setting?.at ?? s.end.at;
  if (!at) return '';
  return at.file === s.end.device ? ` (line ${at.line})` : ` (${md(`${at.file}:${at.line}`)})`;
}

export interface MarkdownOptions {
  /** findings a baseline accepted: shown in the counts, never failing */
  baselined?: ReadonlySet<ReportFinding>;
}

export function renderMarkdown(report: Report, failOn: FailOn, options: MarkdownOptions = {}): string {
  const fails = (f: ReportFinding) => failOn !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn] && !options.baselined?.has(f);
  // a finding belongs to the pair of either of its ends (junit.ts groups the same way)
  const pairOfEnd = new Map<string, number>();
  report.pairs.forEach((p, i) => {
    pairOfEnd.set(endLabel(p.a), i);
    pairOfEnd.set(endLabel(p.b), i);
  });
  const byPair = report.pairs.map(() => [] as ReportFinding[]);
  const loose: ReportFinding[] = [];
  for (const f of report.findings) {
    const i = [f.a, f.b].map((s) => s && pairOfEnd.get(endLabel(s.end))).find((n) => n !== undefined);
    if (i === undefined) loose.push(f);
    else byPair[i].push(f);
  }
  const failing = report.findings.filter(fails);
  const failingPairs = byPair.filter((fs) => fs.some(fails)).length;
  const total = counts(report.findings);
  const gate = failOn === 'none' ? 'no gate (--fail-on none)' : `--fail-on ${failOn}`;
  const out: string[] = [];
  out.push(
    failing.length
      ? `### ipsec-drift audit: ❌ ${plural(failing.length, 'finding')} at or above the gate (${gate})`
      : `### ipsec-drift audit: ✅ nothing at or above the gate (${gate})`,
    '',
    `${plural(total.error, 'error')}, ${plural(total.warning, 'warning')}, ${total.info} info in ${plural(report.inputs.length, 'device')} and ${plural(report.pairs.length, 'tunnel pair')}` +
      `${failingPairs ? `; ${plural(failingPairs, 'pair')} failing` : ''}` +
      `${report.audit?.baselined ? `; ${plural(report.audit.baselined, 'finding')} in the baseline` : ''}` +
      `${report.audit?.suppressed.length ? `; ${plural(report.audit.suppressed.length, 'finding')} ignored by the inventory` : ''}.`,
  );
  if (report.pairs.length) {
    out.push('', '| Verdict | A | B | Errors | Warnings | Info |', '|---|---|---|---:|---:|---:|');
    report.pairs.forEach((p, i) => {
      const fs = byPair[i];
      const c = counts(fs);
      const verdict = fs.some(fails) ? '❌ fails' : fs.length ? '⚠️ findings below the gate' : '✅ passes';
      out.push(`| ${verdict} | ${md(endLabel(p.a))} | ${md(endLabel(p.b))} | ${c.error} | ${c.warning} | ${c.info} |`);
    });
  }
  if (loose.length) {
    const c = counts(loose);
    out.push('', `Not tied to a tunnel pair (unmatched ends, unreadable files): ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info.`);
  }
  if (failing.length) {
    out.push('', '#### Findings that fail', '');
    for (const f of failing.slice(0, MAX_LISTED)) {
      const ends = [f.a, f.b].filter((s): s is ReportSide => s !== undefined).map((s) => `${md(endLabel(s.end))}${where(s)}`);
      out.push(`- **${f.severity}** \`${f.rule}\` ${ends.join(' ↔ ')}: ${md(f.message)}`);
    }
    if (failing.length > MAX_LISTED) out.push(`- … and ${failing.length - MAX_LISTED} more (the SARIF or JSON report lists every one)`);
  }
  return `${out.join('\n')}\n`;
}
