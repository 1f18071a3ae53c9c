/**
 * Stage 1 — what to read: the inventory's device list (files, and devices already read live), or
 * every file found under the roots. In inventory order; a file named in the inventory that does
 * not exist is the inventory's error (its line), not a broken config.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { ParseError } from '../../model/errors.js';
import type { Device, SourceRef } from '../../model/types.js';
import { resolveIn, treeOf } from '../../read/confine.js';
import { MAX_INPUT_BYTES } from '../../read/input.js';
import { displayPath, type Loaded, type ReadJob } from '../../read/job.js';
import { discover } from '../discover.js';
import type { Inventory } from '../inventory.js';

/** A file to read, or a device already read live. */
export type Slot = { job: ReadJob } | { loaded: Loaded };

export interface Inputs {
  slots: Slot[];
  skipped: Array<{ path: string; reason: string }>;
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

export function auditInputs(roots: string[], excludes: string[], inv: Inventory | undefined, liveDevices: Map<string, Device> | undefined): Inputs {
  const slots: Slot[] = [];
  const skipped: Inputs['skipped'] = [];
  const anchors: Inputs['anchors'] = new Map();
  if (inv?.devices.length) {
    const base = dirname(inv.file);
    // the inventory names files: they must lie in the audited tree (the roots, and the inventory's folder)
    const tree = treeOf([...roots, base], isFile);
    for (const d of inv.devices) {
      if (d.url) {
        const live = liveDevices?.get(d.name);
        if (live) {
          slots.push({ loaded: { names: [d.name], device: live, vendor: live.vendor } });
          anchors.set(live.origin, { file: inv.file, line: d.line });
        }
        continue;
      }
      const path = isAbsolute(d.file!) ? d.file! : join(base, d.file!);
      if (!resolveIn(tree, path).inside) {
        slots.push({ loaded: { names: [d.name], outside: [{ file: inv.file, line: d.line, path: displayPath(path) }] } });
        continue;
      }
      if (!existsSync(path))
        throw new ParseError(inv.file, d.line, `device "${d.name}": ${displayPath(path)} does not exist (file: is relative to the inventory's folder)`);
      slots.push({ job: { path, names: [d.name], vendor: d.vendor, mustBeConfig: true, tree } });
    }
  } else {
    // each root is its own tree: what a file found under it names must lie under it
    for (const root of roots) {
      const found = discover([root], excludes, MAX_INPUT_BYTES);
      const tree = treeOf([root], isFile);
      skipped.push(...found.skipped.map((s) => ({ path: displayPath(s.path), reason: s.reason })));
      for (const u of found.unreadable) {
        const shown = displayPath(u.path);
        slots.push({ loaded: { names: [shown], error: new ParseError(shown, undefined, u.reason) } });
      }
      for (const path of found.files) slots.push({ job: { path, names: deviceNames(path, inv), mustBeConfig: false, tree } });
    }
  }
  return { slots, skipped, anchors };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
