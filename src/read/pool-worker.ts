/**
 * Entry of a read-pool worker. It raises the `started` flag before loading anything heavy, so the
 * main thread (blocked, waiting) can tell a worker that could not load its modules from one that
 * is busy, and read that worker's files itself instead of waiting for it.
 */
import { workerData } from 'node:worker_threads';

const STARTED = 1;
const { flag } = workerData as { flag: Int32Array };
Atomics.store(flag, STARTED, 1);
Atomics.notify(flag, STARTED);
try {
  await import('./pool-worker-run.js');
} catch {
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
}
