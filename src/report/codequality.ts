/**
 * GitLab Code Quality (a subset of Code Climate's issue format), for `artifacts: reports:
 * codequality:` in a merge request. The format as GitLab documents it
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array of
 * issues, each with `description`, `check_name`, `fingerprint` (unique: GitLab shows only the
 * first issue of a fingerprint), `severity` (info, minor, major, critical, blocker) and
 * `location.path` (relative to the repository) with `location.lines.begin`.
 *
 * Severity: an error (the tunnel does not come up, or not as written) is `critical`, a warning
 * `minor`, an info `info` — our choice, said in docs/ci.md. The fingerprint is that of the SARIF
 * result (rule + tunnel pair + setting, never a line number), so moving a line is not a new issue.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../compare/types.js';
import type { SourceRef } from '../model/types.js';
import { findingKey } from '../audit/baseline.js';
import type { Report, ReportFinding, ReportSide } from './report.js';
import { jsonSafe } from './sanitize.js';

export const CODE_QUALITY_SEVERITY: Record<Severity, 'info' | 'minor' | 'critical'> = { error: 'critical', warning: 'minor', info: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

const isLive = (file: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(file);

/** Where a side's setting is written; a live source's findings go to its inventory entry (or nowhere). */
function whereOf(s: ReportSide | undefined, anchors: ReadonlyMap<string, SourceRef> | undefined): SourceRef | undefined {
  if (!s) return undefined;
  const at = s.setting?.at ?? s.end.at;
  const file = at?.file ?? s.end.device;
  if (isLive(file) || isLive(s.end.device)) return anchors?.get(s.end.device);
  return { file, line: at?.line ?? 1 };
}

/** GitLab matches `path` against the repository's files: forward slashes, no leading `./`. */
function repoPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function description(f: ReportFinding): string {
  const side = (n: string, s: ReportSide | undefined) =>
    s ? `${n} ${s.end.device} / ${s.end.tunnel}: ${s.setting?.raw ?? s.display ?? ''}${s.setting?.at ? ` (line ${s.setting.at.line})` : ''}` : '';
  return [f.message, side('A', f.a), side('B', f.b)].filter(Boolean).join(' — ');
}

export function codeQualityIssues(report: Report, anchors?: ReadonlyMap<string, SourceRef>): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = [];
  for (const f of report.findings) {
    const at = whereOf(f.a, anchors) ?? whereOf(f.b, anchors);
    // an issue GitLab cannot place on a file (a live device without an inventory entry) it would reject
    if (!at) continue;
    const key = findingKey(f);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    issues.push({
      description: description(f),
      check_name: f.rule,
      fingerprint: createHash('sha256')
        .update(n ? `${key}\u0000${n}` : key)
        .digest('hex'),
      severity: CODE_QUALITY_SEVERITY[f.severity],
      location: { path: repoPath(at.file), lines: { begin: Math.max(1, at.line) } },
    });
  }
  return issues;
}

export function renderCodeQuality(report: Report, anchors?: ReadonlyMap<string, SourceRef>): string {
  return `${jsonSafe(JSON.stringify(codeQualityIssues(report, anchors), null, 2))}\n`;
}
