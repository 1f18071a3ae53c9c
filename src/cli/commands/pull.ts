/**
 * `ipsec-drift pull [SOURCE…] [--inventory devices.yaml] --out DIR`: collect live devices and
 * write one snapshot per device (what show/compare/audit read), secrets redacted, volatile lines
 * removed, each written atomically. A device that fails keeps its previous snapshot; the run goes
 * on and exits 3 with a summary of what failed and why.
 */
import { join } from 'node:path';
import { parseInventory } from '../../audit/inventory.js';
import { readInventoryText } from '../../read/input.js';
import { collectAll, deviceOf, type DeviceSpec, type Failure, type Outcome } from '../../collect/collect.js';
import { CollectError } from '../../model/live.js';
import { collectOptions, failureSummary, inventorySpecs, type LiveArgs, progressReporter, urlSpec, warningLines } from '../../collect/live.js';
import { snapshotName, snapshotRelative, snapshotText, writeSnapshot } from '../../collect/snapshot.js';
import { isLiveSource } from '../../collect/source.js';
import { forTerminal, neutralizeCommands } from '../../report/sanitize.js';
import { ParseError, UsageError } from '../../model/errors.js';
import { EXIT, type ExitCode, type Io } from '../io.js';

export interface PullArgs extends LiveArgs {
  positionals: string[];
  inventory?: string;
  out?: string;
  vendor?: string[];
  /** --quiet: no count of the devices pulled on stderr (failures are still said) */
  quiet?: boolean;
}

function specsOf(args: PullArgs): DeviceSpec[] {
  const specs: DeviceSpec[] = [];
  if (args.vendor && args.vendor.length > 1)
    throw new UsageError('pull: give --vendor once (it applies to every source on the command line that does not say ?vendor=)');
  for (const p of args.positionals) {
    if (!isLiveSource(p))
      throw new UsageError(`pull: "${p}" is not a live source (expected ssh://user@host, routeros://user@host or routeros+tls://user@host)`);
    specs.push(urlSpec(p, args.vendor?.[0]));
  }
  if (args.inventory) {
    const inv = parseInventory(readInventoryText(args.inventory), args.inventory);
    const live = inventorySpecs(inv);
    if (live.length === 0) throw new UsageError(`pull: ${args.inventory} has no device with a url (live devices are listed as url: ssh://… or routeros://…)`);
    specs.push(...live);
  }
  if (specs.length === 0) throw new UsageError('pull: name the devices (ssh://user@host… or --inventory devices.yaml)');
  return specs;
}

/**
 * The snapshot path of each spec below --out (relative to it); two devices may not share one, none
 * may leave --out or name --out itself (`snapshot: ""` or `.`). Symbolic links inside --out are
 * refused when writing (writeSnapshot).
 */
function snapshotPaths(specs: readonly DeviceSpec[]): Map<DeviceSpec, string> {
  const paths = new Map<DeviceSpec, string>();
  const seen = new Map<string, string>();
  for (const s of specs) {
    const vendor = s.source.vendor ?? s.vendor ?? 'unknown';
    const name = s.snapshot ?? snapshotName(s.name, vendor);
    const path = snapshotRelative(name);
    if (path === undefined) throw new UsageError(`${s.name}: snapshot "${forTerminal(name)}" must name a file inside --out`);
    const other = seen.get(path);
    if (other) throw new UsageError(`${s.name} and ${other} would both write ${path}: give one of them a snapshot: name in the inventory`);
    seen.set(path, s.name);
    paths.set(s, path);
  }
  return paths;
}

export async function runPull(args: PullArgs, io: Io): Promise<ExitCode> {
  if (!args.out) throw new UsageError('pull: --out DIR is required (where the snapshots are written)');
  const specs = specsOf(args);
  const out = args.out;
  const paths = snapshotPaths(specs);
  const opts = collectOptions(args, io);
  const progress = progressReporter(io, Boolean(args.progress));
  const failures: Failure[] = [];
  const written: string[] = [];
  // each device is parsed and written as soon as it is in, while the others are still being read
  const settle = async (o: Outcome) => {
    if (!o.ok) {
      failures.push(o);
      return;
    }
    const path = join(out, paths.get(o.spec)!);
    try {
      // the snapshot must be readable by the same adapter, or the old one is worth more
      const device = deviceOf(o);
      await writeSnapshot(out, paths.get(o.spec)!, snapshotText(o.text, o.adapter.id));
      written.push(`${path}  ${o.adapter.id}  ${device.tunnels.length} tunnel(s)${o.attempts > 1 ? `  (attempt ${o.attempts})` : ''}`);
    } catch (e) {
      const why = e instanceof ParseError ? `collected, but not readable as ${o.adapter.label}: ${e.located}` : `cannot write ${path}: ${(e as Error).message}`;
      failures.push({
        ok: false,
        spec: o.spec,
        attempts: o.attempts,
        ms: o.ms,
        error: new CollectError(e instanceof ParseError ? 'unreadable' : 'setup', why),
      });
    }
  };
  const outcomes: Outcome[] = await collectAll(specs, {
    ...opts,
    onDone: async (o, done, total) => {
      await settle(o);
      await progress.onDone?.(o, done, total);
    },
  });
  progress.finish();
  // the summary in the order the devices were given
  const order = new Map(specs.map((s, i) => [s, i]));
  failures.sort((x, y) => order.get(x.spec)! - order.get(y.spec)!);
  if (written.length) io.stdout(`${neutralizeCommands(written.map((w) => `wrote ${forTerminal(w)}`).join('\n'))}\n`);
  io.stderr(warningLines(outcomes));
  if (!args.quiet) io.stderr(`pulled ${written.length} of ${specs.length} device(s)\n`);
  io.stderr(failureSummary(failures, specs.length));
  return failures.length ? EXIT.COLLECT : EXIT.OK;
}
