/**
 * `audit`: every config in a tree (or the inventory's device list), vendor detected, tunnel ends
 * paired across all devices, every rule run, inventory overrides and ignores applied. A file that
 * cannot be read is a finding of its own (`unreadable-config`); the rest of the audit goes on.
 */
import type { Device, SourceRef } from '../model/types.js';
import { ruleById } from '../compare/rules/index.js';
import type { TunnelPair } from '../compare/types.js';
import { buildReport, type Report, type ReportFinding } from '../report/report.js';
import type { Inventory } from './inventory.js';
import { auditInputs } from './stages/1-inventory.js';
import { readSlots } from './stages/2-read.js';
import { devicesByName, pairAll } from './stages/3-pair.js';
import { checkAll, unreadableFindings } from './stages/4-check.js';
import { applyInventory, resolveIgnores } from './stages/5-overrides.js';
import { withFindings } from './stages/6-summary.js';
import { timed } from './timing.js';

export interface AuditOptions {
  roots: string[];
  /** threads that read and parse files (default: the cores there are; 1 = this thread only) */
  jobs?: number;
  excludes?: string[];
  inventory?: Inventory;
  now?: Date;
  /** devices already read from live sources (issue 6), by inventory name */
  liveDevices?: Map<string, Device>;
  /** told how many devices were read, once they are (the CLI starts its table worker then) */
  afterRead?: (devices: number) => void;
}

export interface AuditResult {
  report: Report;
  devices: Device[];
  pairs: TunnelPair[];
  /** findings an inventory ignore suppressed (not in the report's findings) */
  suppressed: Array<{ finding: ReportFinding; reason: string }>;
  skipped: Array<{ path: string; reason: string }>;
  unreadable: number;
  /** live sources have no file in the repo: their findings anchor at the inventory entry (origin → inventory line) */
  anchors: Map<string, SourceRef>;
}

/**
 * The audit in data-path order; each stage is a file in stages/, numbered as it runs:
 * 1 inventory (what to read) → 2 read → 3 pair (pinned, contracts, fleet) → 4 check →
 * 5 inventory overrides and ignores → 6 summary.
 */
export function runAudit(opts: AuditOptions): AuditResult {
  const now = opts.now ?? new Date();
  const inv = opts.inventory;
  const inputs = timed('inventory', () => auditInputs(opts.roots, opts.excludes ?? [], inv, opts.liveDevices));
  const read = timed('read stage (wall)', () => readSlots(inputs.slots, opts.jobs));
  const devices = read.loaded.flatMap((l) => (l.device ? [l.device] : []));
  opts.afterRead?.(devices.length);
  const byName = devicesByName(read.loaded);
  // the inventory's references are all checked before any pairing (an error names its line)
  const ignores = resolveIgnores(inv, byName);
  const pairing = timed('pair', () => pairAll(devices, byName, inv));
  const findings = timed('check', () => checkAll(pairing));
  const titleOf = (id: string) => ruleById(id)?.title ?? id;
  const report = timed('report', () => buildReport(devices, pairing.pairs, findings, titleOf, now));
  const unreadable = unreadableFindings(read.loaded, titleOf);
  const { kept, suppressed } = timed('report', () => applyInventory([...report.findings, ...unreadable], inv, ignores, now, titleOf));
  return {
    report: withFindings(report, kept),
    devices,
    pairs: pairing.pairs,
    suppressed,
    skipped: [...inputs.skipped, ...read.skipped],
    unreadable: unreadable.length,
    anchors: inputs.anchors,
  };
}
