/**
 * Entry of the self-contained CLI file the GitHub Action, the GitLab template and the pre-commit
 * hook run (dist-action/ipsec-drift.mjs, built by scripts/build-action.mjs). The audit's read pool
 * starts its worker threads on this same file: a worker (it carries the pool's shared flag) runs
 * the pool's worker entry, the main thread runs the command line.
 */
import { isMainThread, workerData } from 'node:worker_threads';

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'read-pool') await import('../read/pool-worker.js');
else await import('./main.js');
