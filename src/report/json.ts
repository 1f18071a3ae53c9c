import type { Report } from './report.js';
import { jsonSafe } from './sanitize.js';

export function renderJson(report: Report): string {
  return `${jsonSafe(JSON.stringify(report, null, 2))}\n`;
}
