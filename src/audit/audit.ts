/**
 * `audit`: every config in a tree (or the inventory's device list), vendor detected, tunnel ends
 * paired across all devices, every rule run, inventory overrides and ignores applied. A file that
 * cannot be read is a finding of its own (`unreadable-config`); the rest of the audit goes on.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Device, SourceRef, TunnelEnd } from '../model/types.js';
import { ParseError } from '../model/errors.js';
import { checkEnd, checkPair, checkUnmatched } from '../compare/compare.js';
import { pairPhase2 } from '../compare/pair.js';
import { pairFleet } from '../compare/pair-all.js';
import { rules as catalog, ruleById } from '../compare/rules/index.js';
import type { EndRef, Finding, Severity, TunnelPair } from '../compare/types.js';
import { buildReport, type Report, type ReportFinding } from '../report/report.js';
import { MAX_INPUT_BYTES } from '../cli/load.js';
import { displayPath, releaseText, type Loaded, type ReadJob } from './read.js';
import { readAll } from './read-pool.js';
import { discover } from './discover.js';
import { contractDevice } from './contract.js';
import type { Inventory } from './inventory.js';

export interface AuditOptions {
  roots: string[];
  /** threads that read and parse files (default: the cores there are; 1 = this thread only) */
  jobs?: number;
  excludes?: string[];
  inventory?: Inventory;
  now?: Date;
  /** devices already read from live sources (issue 6), by inventory name */
  liveDevices?: Map<string, Device>;
}

export { displayPath, releaseText };

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
 * A discovered file is named in the inventory by its path relative to the inventory's folder (so
 * `configs/hq.conf/to-x` means the same wherever the audit is run from), or as the audit shows it
 * (relative to the working directory).
 */
function deviceNames(path: string, inv: Inventory | undefined): string[] {
  const shown = displayPath(path);
  if (!inv) return [shown];
  const fromInventory = relative(dirname(inv.file), path).split(sep).join('/');
  return fromInventory === shown ? [shown] : [fromInventory, shown];
}

/** `device/tunnel` where the device part may itself contain `/` (a path): longest known device name wins. */
function resolveEnd(ref: string, byName: Map<string, Device>, inv: Inventory, line: number): EndRef {
  let best: { device: Device; tunnel: string } | undefined;
  for (const [name, device] of byName) {
    if (ref.startsWith(`${name}/`) && (!best || name.length > ref.length - best.tunnel.length - 1)) best = { device, tunnel: ref.slice(name.length + 1) };
  }
  if (!best) {
    // name each device once, by the first (inventory-relative) of its names
    const known = [...new Map([...byName].reverse().map(([n, d]) => [d, n])).values()].reverse();
    throw new ParseError(inv.file, line, `"${ref}": no device of that name (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})`);
  }
  const tunnel = best.device.tunnels.find((t) => t.name === best!.tunnel);
  if (!tunnel)
    throw new ParseError(
      inv.file,
      line,
      `"${ref}": ${best.device.origin} has no tunnel "${best.tunnel}" (it has: ${best.device.tunnels.map((t) => t.name).join(', ') || 'none'})`,
    );
  return { device: best.device, tunnel };
}

function endKey(d: Device, t: TunnelEnd): string {
  return `${d.origin}\u0000${t.name}`;
}

function makePair(a: EndRef, b: EndRef, how: string): TunnelPair {
  return { a, b, how, ...pairPhase2(a.tunnel, b.tunnel) };
}

function overrideSeverity(f: ReportFinding, inv: Inventory | undefined): ReportFinding | undefined {
  const o = inv?.rules[f.rule];
  if (!o) return f;
  if (o === 'off') return undefined;
  return { ...f, severity: o as Severity };
}

interface Ignore {
  rule: string;
  reason: string;
  /** the tunnel end the ignore is limited to (resolved from `tunnel:`), as reports name it */
  end?: { device: string; tunnel: string };
}

function matchesIgnore(f: ReportFinding, ig: Ignore): boolean {
  if (ig.rule !== f.rule && ig.rule !== '*') return false;
  if (!ig.end) return true;
  return [f.a?.end, f.b?.end].some((e) => e && e.device === ig.end!.device && e.tunnel === ig.end!.tunnel);
}

/** Ignores are checked like pairs: a rule or tunnel that does not exist would silently ignore nothing. */
function resolveIgnores(inv: Inventory | undefined, byName: Map<string, Device>): Array<Ignore & { expires?: string }> {
  return (inv?.ignore ?? []).map((ig) => {
    if (ig.rule !== '*' && !ruleById(ig.rule))
      throw new ParseError(inv!.file, ig.line, `ignore: unknown rule "${ig.rule}" (ipsec-drift rules lists them; * for any)`);
    const out: Ignore & { expires?: string } = { rule: ig.rule, reason: ig.reason, expires: ig.expires };
    if (ig.tunnel) {
      const e = resolveEnd(ig.tunnel, byName, inv!, ig.line);
      out.end = { device: e.device.origin, tunnel: e.tunnel.name };
    }
    return out;
  });
}

export function runAudit(opts: AuditOptions): AuditResult {
  const now = opts.now ?? new Date();
  const inv = opts.inventory;
  const skipped: AuditResult['skipped'] = [];
  const loaded: Loaded[] = [];
  // in inventory order: a file to read, or a device already read live
  const slots: Array<{ job: ReadJob } | { loaded: Loaded }> = [];
  const anchors: AuditResult['anchors'] = new Map();
  if (inv?.devices.length) {
    const base = dirname(inv.file);
    for (const d of inv.devices) {
      if (d.url) {
        const live = opts.liveDevices?.get(d.name);
        if (live) {
          slots.push({ loaded: { names: [d.name], device: live, vendor: live.vendor } });
          anchors.set(live.origin, { file: inv.file, line: d.line });
        }
        continue;
      }
      const path = isAbsolute(d.file!) ? d.file! : join(base, d.file!);
      // a name in the inventory that points nowhere is the inventory's error, not a broken config
      if (!existsSync(path))
        throw new ParseError(inv.file, d.line, `device "${d.name}": ${displayPath(path)} does not exist (file: is relative to the inventory's folder)`);
      slots.push({ job: { path, names: [d.name], vendor: d.vendor, mustBeConfig: true } });
    }
  } else {
    const found = discover(opts.roots, opts.excludes ?? [], MAX_INPUT_BYTES);
    skipped.push(...found.skipped.map((s) => ({ path: displayPath(s.path), reason: s.reason })));
    for (const path of found.files) slots.push({ job: { path, names: deviceNames(path, inv), mustBeConfig: false } });
  }
  // read and parse every file (on every core for a large repo), keeping the order of the slots
  const outcomes = readAll(
    slots.flatMap((x) => ('job' in x ? [x.job] : [])),
    opts.jobs,
  );
  let next = 0;
  for (const slot of slots) {
    if (!('job' in slot)) {
      loaded.push(slot.loaded);
      continue;
    }
    const o = outcomes[next++];
    if ('skipped' in o) skipped.push(o.skipped);
    else loaded.push(o.loaded);
  }

  // a file another one includes is part of that device, not a device (or an unreadable config) of its own
  const consumed = new Set(loaded.flatMap((l) => l.companions ?? []));
  for (let i = loaded.length - 1; i >= 0; i--) {
    const l = loaded[i];
    const origin = l.device?.origin ?? l.error?.file;
    if (origin && consumed.has(origin) && !l.companions?.length) {
      skipped.push({ path: origin, reason: 'read as part of the configuration that includes it' });
      loaded.splice(i, 1);
    }
  }
  const devices = loaded.flatMap((l) => (l.device ? [l.device] : []));
  const byName = new Map<string, Device>();
  for (const l of loaded) if (l.device) for (const n of l.names) byName.set(n, l.device);
  const ignores = resolveIgnores(inv, byName);

  // explicit pairs and contracts first; the fleet pairing must not reuse those ends
  const pinned: TunnelPair[] = [];
  const pinnedEnds = new Set<string>();
  for (const p of inv?.pairs ?? []) {
    const a = resolveEnd(p.a, byName, inv!, p.line);
    const b = resolveEnd(p.b, byName, inv!, p.line);
    pinned.push(makePair(a, b, `inventory ${inv!.file}:${p.line}`));
    pinnedEnds.add(endKey(a.device, a.tunnel)).add(endKey(b.device, b.tunnel));
  }
  const contractDevices: Device[] = [];
  for (const c of inv?.contracts ?? []) {
    const a = resolveEnd(c.tunnel, byName, inv!, c.line);
    const cd = contractDevice(c, a.tunnel, inv!.file);
    contractDevices.push(cd);
    pinned.push(makePair(a, { device: cd, tunnel: cd.tunnels[0] }, `peer contract ${c.name} (${inv!.file}:${c.line})`));
    pinnedEnds.add(endKey(a.device, a.tunnel));
  }
  const fleet = pairFleet(
    devices.map((d) => (pinnedEnds.size ? { ...d, tunnels: d.tunnels.filter((t) => !pinnedEnds.has(endKey(d, t))) } : d)),
    inv?.nat ?? [],
  );
  // the fleet saw filtered copies: point its pairs back at the real devices
  const original = new Map(devices.map((d) => [d.origin, d]));
  for (const p of fleet.pairs) {
    p.a.device = original.get(p.a.device.origin)!;
    p.b.device = original.get(p.b.device.origin)!;
  }
  const pairs = [...pinned, ...fleet.pairs];

  const findings: Finding[] = [];
  for (const p of pairs) findings.push(...checkPair(p, catalog, false));
  const endsSeen = new Set<string>();
  for (const p of pairs)
    for (const e of [p.a, p.b]) {
      if (e.device.vendor === 'contract' || endsSeen.has(endKey(e.device, e.tunnel))) continue;
      endsSeen.add(endKey(e.device, e.tunnel));
      findings.push(...checkEnd(e));
    }
  const peerOf = new Map(
    fleet.unmatched.map((u) => [{ device: original.get(u.end.device.origin)!, tunnel: u.end.tunnel } as EndRef, original.get(u.peerDevice.origin)!]),
  );
  findings.push(...checkUnmatched([...peerOf.keys()], (e) => [peerOf.get(e)!]));

  const titleOf = (id: string) => ruleById(id)?.title ?? id;
  const report = buildReport(devices, pairs, findings, titleOf, now);
  const extra: ReportFinding[] = [];
  for (const l of loaded) {
    if (!l.error) continue;
    extra.push({
      rule: 'unreadable-config',
      severity: 'error',
      title: titleOf('unreadable-config'),
      message: l.error.located,
      effect: 'The tunnels of this file are not checked.',
      setting: 'file',
      a: {
        end: { device: l.error.file, vendor: l.vendor ?? 'unknown', tunnel: '(file)' },
        setting: { value: null, raw: l.error.message, origin: 'explicit', at: { file: l.error.file, line: l.error.line ?? 1 } },
      },
    });
  }

  // inventory: severity overrides, then ignores (an expired ignore suppresses nothing and is reported)
  const today = now.toISOString().slice(0, 10);
  const suppressed: AuditResult['suppressed'] = [];
  const kept: ReportFinding[] = [];
  const active = ignores.filter((ig) => !ig.expires || ig.expires >= today);
  for (const f0 of [...report.findings, ...extra]) {
    const f = overrideSeverity(f0, inv);
    if (!f) continue;
    const ig = active.find((i) => matchesIgnore(f, i));
    if (ig) suppressed.push({ finding: f, reason: ig.reason });
    else kept.push(f);
  }
  for (const ig of inv?.ignore ?? []) {
    if (!ig.expires || ig.expires >= today) continue;
    kept.push({
      rule: 'expired-ignore',
      severity: 'warning',
      title: titleOf('expired-ignore'),
      message: `The ignore of ${ig.rule}${ig.tunnel ? ` on ${ig.tunnel}` : ''} expired on ${ig.expires} ("${ig.reason}")`,
      effect: 'The findings it suppressed are reported again.',
      setting: `ignore:${ig.rule}:${ig.tunnel ?? '*'}`,
      a: {
        end: { device: inv!.file, vendor: 'inventory', tunnel: ig.tunnel ?? '*' },
        setting: { value: ig.expires, raw: `expires: ${ig.expires}`, origin: 'explicit', at: { file: inv!.file, line: ig.line } },
      },
    });
  }
  report.findings = kept;
  report.summary = { error: 0, warning: 0, info: 0 };
  for (const f of kept) report.summary[f.severity]++;
  return { report, devices, pairs, suppressed, skipped, unreadable: extra.length, anchors };
}
