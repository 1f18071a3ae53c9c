/**
 * ipsec-drift as a library (the package's `exports`): read a configuration into a Device, compare
 * two Devices, render the report in any of the CLI's formats.
 *
 *   import { readDevice, compare, renderReport } from 'ipsec-drift';
 *   const report = compare(readDevice('fgt-branch.conf'), readDevice('pfsense-hq.xml'));
 *   process.stdout.write(renderReport(report, 'table'));
 *
 * Errors: a file that cannot be read as its vendor throws ParseError (`file:line: message` in
 * `.located`); a wrong argument (an unknown vendor) throws UsageError.
 */
import { compareDevices } from './compare/compare.js';
import { parseTunnelOption } from './compare/pair.js';
import { ruleById, rules } from './compare/rules/index.js';
import type { Severity } from './compare/types.js';
import type { Device } from './model/types.js';
import { loadDevice } from './read/load.js';
import { renderCodeQuality } from './report/codequality.js';
import type { ReportSource } from './report/html.js';
import { renderHtml } from './report/html.js';
import { renderJson } from './report/json.js';
import { renderJunit } from './report/junit.js';
import { renderMarkdown } from './report/markdown.js';
import { buildReport, type Report } from './report/report.js';
import { renderSarif } from './report/sarif.js';
import { renderTable } from './report/table.js';

export type { Device, TunnelEnd, Phase1, Phase2, Setting, SourceRef } from './model/types.js';
export type { Report, ReportFinding, ReportEnd, ReportSide } from './report/report.js';
export type { Severity } from './compare/types.js';
export { ParseError, UsageError } from './model/errors.js';
export { VERSION } from './version.js';

/** Read one configuration file (any supported vendor, detected unless `vendor` names its adapter id). */
export function readDevice(path: string, vendor?: string): Device {
  return loadDevice(path, vendor);
}

export interface CompareOptions {
  /** the tunnels to compare: `A_NAME` or `A_NAME:B_NAME` (default: paired automatically) */
  tunnel?: string;
  /** the report's time (default: now) */
  now?: Date;
}

/** What the HTML report needs besides the report: the devices and pairs it was built from. */
const sources = new WeakMap<Report, ReportSource>();

/** Pair the tunnel ends of two devices and check every rule: the report the CLI's `compare` prints. */
export function compare(a: Device, b: Device, options: CompareOptions = {}): Report {
  const result = compareDevices(a, b, { tunnel: options.tunnel ? parseTunnelOption(options.tunnel) : undefined });
  const report = buildReport(result.devices, result.pairs, result.findings, (id) => ruleById(id)?.title ?? id, options.now ?? new Date());
  sources.set(report, result);
  return report;
}

export const REPORT_FORMATS = ['table', 'json', 'html', 'sarif', 'junit', 'markdown', 'codequality'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** table: ANSI colours (default false) */
  color?: boolean;
  /** table: the width to fit, in terminal cells (default 100) */
  width?: number;
  /** junit and markdown: the lowest severity that fails (default warning) */
  failOn?: Severity | 'none';
}

/** The report as text in one of the CLI's formats. */
export function renderReport(report: Report, format: ReportFormat, options: RenderOptions = {}): string {
  const failOn = options.failOn ?? 'warning';
  switch (format) {
    case 'table':
      return renderTable(report, { color: options.color ?? false, width: options.width ?? 100 });
    case 'json':
      return renderJson(report);
    case 'html': {
      const source = sources.get(report);
      if (!source) throw new TypeError('renderReport(report, "html"): the report must come from compare() in this process');
      return renderHtml(report, source);
    }
    case 'sarif':
      return renderSarif(report, rules);
    case 'junit':
      return renderJunit(report, rules, failOn);
    case 'markdown':
      return renderMarkdown(report, failOn);
    case 'codequality':
      return renderCodeQuality(report);
    default:
      throw new TypeError(`renderReport: unknown format ${String(format)}; expected ${REPORT_FORMATS.join(', ')}`);
  }
}
