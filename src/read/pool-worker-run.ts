/**
 * The body of a read-pool worker (loaded by pool-worker.ts once it has said it started): reads its share of the audit's files and posts each outcome on the port it
 * was given, then raises the `done` flag the main thread is blocked on. It uses the main thread's
 * PSK fingerprint key, so fingerprints compare across threads.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { useRunKey } from '../model/secrets.js';
import { recordStageTimes, stageTimes } from '../audit/timing.js';
import { readJob, toWire, type ReadJob } from './job.js';

const DONE = 0;
const PROGRESS = 2;
const READY = 3;
const { order, next, key, port, flag, timing } = workerData as {
  order: Array<{ index: number; job: ReadJob }>;
  /** [0]: the position in `order` of the next file to take, shared with the other threads */
  next: Int32Array;
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
  for (let k = Atomics.add(next, 0, 1); k < order.length; k = Atomics.add(next, 0, 1)) {
    const { index, job } = order[k];
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
