/** Stage 6 — summary: the report holds what was kept, counted by severity. */
import type { Report, ReportFinding } from '../../report/report.js';

export function withFindings(report: Report, kept: ReportFinding[]): Report {
  report.findings = kept;
  report.summary = { error: 0, warning: 0, info: 0 };
  for (const f of kept) report.summary[f.severity]++;
  return report;
}
