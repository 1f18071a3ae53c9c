/**
 * Stage 2 — read: every file decoded, detected and parsed (on every core for a large repo:
 * src/read/pool.ts), in the order of the slots. A file another one includes is part of that
 * device, not a device (or an unreadable config) of its own.
 */
import type { Loaded } from '../../read/job.js';
import { readAll } from '../../read/pool.js';
import { addStageTime } from '../timing.js';
import type { Slot } from './1-inventory.js';

export interface ReadStage {
  loaded: Loaded[];
  skipped: Array<{ path: string; reason: string }>;
}

export function readSlots(slots: Slot[], jobs: number | undefined): ReadStage {
  // CPU of every thread, as well as the wall time audit.ts records: on a shared machine the wall
  // says little about what the read pool costs
  const cpu = process.cpuUsage();
  const outcomes = readAll(
    slots.flatMap((x) => ('job' in x ? [x.job] : [])),
    jobs,
  );
  const used = process.cpuUsage(cpu);
  addStageTime('read stage (CPU)', (used.user + used.system) / 1000);
  const loaded: Loaded[] = [];
  const skipped: ReadStage['skipped'] = [];
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
  const consumed = new Set(loaded.flatMap((l) => l.companions ?? []));
  for (let i = loaded.length - 1; i >= 0; i--) {
    const l = loaded[i];
    const origin = l.device?.origin ?? l.error?.file;
    if (origin && consumed.has(origin) && !l.companions?.length) {
      skipped.push({ path: origin, reason: 'read as part of the configuration that includes it' });
      loaded.splice(i, 1);
    }
  }
  return { loaded, skipped };
}
