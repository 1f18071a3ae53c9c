/**
 * Entry of the table worker (table-worker.ts). It raises the `started` flag before loading the
 * renderer, so the main thread can tell a worker that could not load its modules (then it renders
 * the table itself) from one that is busy.
 */
import { workerData } from 'node:worker_threads';

const DONE = 0;
const STARTED = 1;
const { flag } = workerData as { flag: Int32Array };
Atomics.store(flag, STARTED, 1);
Atomics.notify(flag, STARTED);
try {
  await import('./table-worker-run.js');
} catch {
  Atomics.store(flag, DONE, 2);
  Atomics.notify(flag, DONE);
}
