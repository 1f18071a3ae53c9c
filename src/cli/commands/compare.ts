/** `ipsec-drift compare A B`: pair the tunnel ends of two devices and report every difference. */
import { writeFileSync } from 'node:fs';
import { compareDevices } from '../../compare/compare.js';
import { parseTunnelOption } from '../../compare/pair.js';
import { ruleById } from '../../compare/rules/index.js';
import { UsageError } from '../../model/errors.js';
import { buildReport } from '../../report/report.js';
import { renderJson } from '../../report/json.js';
import { renderHtml } from '../../report/html.js';
import { renderTable } from '../../report/table.js';
import type { Device } from '../../model/types.js';
import { loadDevice } from '../../read/load.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { failsGate, parseFailOn, parseFormat } from '../options.js';

export interface CompareArgs {
  positionals: string[];
  format?: string;
  output?: string;
  failOn?: string;
  tunnel?: string;
  vendor?: string[];
  /** devices already collected from live sources (ssh://, routeros://), by the text as typed */
  live?: Map<string, Device>;
}

export const COMPARE_FORMATS = ['table', 'json', 'html'] as const;

export function runCompare(args: CompareArgs, io: Io): ExitCode {
  if (args.positionals.length !== 2) throw new UsageError('compare takes two inputs: ipsec-drift compare A B');
  const format = parseFormat(args.format, COMPARE_FORMATS, 'table');
  const failOn = parseFailOn(args.failOn);
  const vendors = args.vendor ?? [];
  if (vendors.length > 2) throw new UsageError('--vendor: give it once (both inputs) or twice (A then B)');
  const [pa, pb] = args.positionals;
  const readAt = io.now().toISOString(); // the HTML report says when its inputs were read
  const a = args.live?.get(pa) ?? loadDevice(pa, vendors[0]);
  const b = args.live?.get(pb) ?? loadDevice(pb, vendors[1] ?? vendors[0]);
  const result = compareDevices(a, b, { tunnel: args.tunnel ? parseTunnelOption(args.tunnel) : undefined });
  const report = buildReport(
    result.devices,
    result.pairs,
    result.findings,
    (id) => ruleById(id)?.title ?? id,
    io.now(),
    format === 'html'
      ? new Map([
          [a, readAt],
          [b, readAt],
        ])
      : undefined,
  );
  const text =
    format === 'json'
      ? renderJson(report)
      : format === 'html'
        ? renderHtml(report, result)
        : renderTable(report, { color: io.color && !args.output, width: io.width });
  if (args.output) writeFileSync(args.output, text);
  else io.stdout(text);
  return failsGate(result.findings, failOn) ? EXIT.FINDINGS : EXIT.OK;
}
