/**
 * The body of a read-pool worker (loaded by pool-worker.ts once it has said it started): reads its
 * share of the audit's files, then helps with the others' (src/read/shares.ts), and posts each outcome on the port it
 * was given, then raises the `done` flag the main thread is blocked on. It uses the main thread's
 * PSK fingerprint key, so fingerprints compare across threads.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { useRunKey } from '../model/secrets.js';
import { recordStageTimes, stageTimes } from '../audit/timing.js';
import { readJob, toWire } from './job.js';
import { claimer, type Shares } from './shares.js';

const DONE = 0;
const PROGRESS = 2;
const READY = 3;
const { shares, own, key, port, flag, timing } = workerData as {
  shares: Shares;
  /** the share this worker takes first (src/read/shares.ts) */
  own: number;
  key: Uint8Array;
  port: MessagePort;
  flag: Int32Array;
  timing: boolean;
};

try {
  useRunKey(key);
  recordStageTimes(timing);
  Atomics.store(flag, READY, 1);
  Atomics.notify(flag, READY);
  const take = claimer(shares, own);
  for (let k = take(); k >= 0; k = take()) {
    const { index, job } = shares.order[k];
    let outcome: unknown;
    try {
      outcome = toWire(readJob(job));
    } catch (e) {
      outcome = { crashed: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage({ index, outcome });
    Atomics.add(flag, PROGRESS, 1);
  }
  if (timing) port.postMessage({ timings: stageTimes() });
  Atomics.store(flag, DONE, 1);
} catch {
  Atomics.store(flag, DONE, 2);
} finally {
  // the port is not closed here: closing it could drop outcomes still in flight; the main thread closes its end
  Atomics.notify(flag, DONE);
}
