/**
 * Entry of the self-contained CLI file the GitHub Action, the GitLab template and the pre-commit
 * hook run (dist-action/ipsec-drift.mjs, built by scripts/build-action.mjs). The audit's read pool
 * and its table worker start their worker threads on this same file: a worker runs the entry its
 * role names (read-pool, table), the main thread runs the command line.
 */
import { isMainThread, workerData } from 'node:worker_threads';

const role = isMainThread ? undefined : (workerData as { role?: string } | null)?.role;
if (role === 'read-pool') await import('../read/pool-worker.js');
else if (role === 'table') await import('./table-worker-entry.js');
else await import('./main.js');
