/**
 * The body of the table worker (loaded by table-worker-entry.ts): renders the one table it is
 * sent, into its file or (standard output) as text it sends back, then raises the `done` flag the
 * main thread is blocked on. The result or the error is posted before the flag is raised.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { UsageError } from '../model/errors.js';
import { auditTableChunks } from './audit-table.js';
import { writeOutputChunks } from './output.js';
import type { TableJob, TableOutcome } from './table-worker.js';

const DONE = 0;
const PROGRESS = 2;
const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

/** The chunks as they are made, each one counted as progress (the main thread's sign of life). */
function* counted(chunks: Iterable<string>): Generator<string> {
  for (const c of chunks) {
    Atomics.add(flag, PROGRESS, 1);
    yield c;
  }
}

function render(job: TableJob): TableOutcome {
  const start = performance.now();
  let writeMs = 0;
  try {
    const chunks = counted(auditTableChunks(job.report, job.terminal, job.output !== undefined));
    if (job.output === undefined) return { text: [...chunks].join(''), renderMs: performance.now() - start, writeMs };
    writeOutputChunks(job.output, chunks, '--output', (ms) => (writeMs += ms));
    return { renderMs: performance.now() - start - writeMs, writeMs };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { error: { usage: error instanceof UsageError, message: error.message, stack: error.stack } };
  }
}

port.once('message', (job: TableJob) => {
  let code = 1;
  try {
    port.postMessage(render(job));
  } catch {
    code = 2;
  } finally {
    port.close();
    Atomics.store(flag, DONE, code);
    Atomics.notify(flag, DONE);
  }
});
