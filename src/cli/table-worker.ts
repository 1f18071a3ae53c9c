/**
 * The audit's table rendered on a worker thread while this thread renders the other formats.
 * After the read stage the second core is idle, and the table is the costliest report to make
 * (2,000 devices, 10,347 findings: 1.15 s of 2.4 s of rendering). The report is plain data: it
 * is copied to the worker once (about 150 ms there), the worker writes the table's file itself
 * or sends its text back for standard output. Started once the files are read, so the worker
 * loads its modules while this thread pairs and checks.
 * The audit stays synchronous: this thread blocks on the worker's shared flag when it needs the
 * result. A worker that cannot start, dies, or stops making progress: the table is rendered here.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { UsageError } from '../model/errors.js';
import type { Report } from '../report/report.js';
import type { TableTerminal } from './audit-table.js';
import { bootScript } from '../read/worker-boot.js';

/** What the worker renders: the report, for that terminal, into `output` (undefined: sent back as text). */
export interface TableJob {
  report: Report;
  terminal: TableTerminal;
  output?: string;
}

/** What it sends back: the time it took (ms) and the text for standard output, or the error it met. */
export type TableOutcome = { text?: string; renderMs: number; writeMs: number } | { error: { usage: boolean; message: string; stack?: string } };

/**
 * Below these the table is rendered here: a worker's start and the copy of the report cost more
 * than the table (about 0.1 s per thousand findings). Tests lower them to exercise the worker.
 */
export const TABLE_WORKER_MIN = { devices: 64, findings: 1000 };

/** How long the worker may take to start, and go without finishing a chunk of the table, before it is taken for dead. */
const START_MS = 15 * 1000;
const STALL_MS = 2 * 60 * 1000;
/**
 * The worker's young generation (MB). What the table allocates dies young, row by row; the default
 * (sized from the heap limit) lets it grow to tens of MB the peak RSS of the audit pays for.
 */
const YOUNG_MB = 8;
/** Int32 slots of the shared flag: [done (1 ok, 2 failed), started, chunks made] */
const DONE = 0;
const STARTED = 1;
const PROGRESS = 2;

export interface TableWorker {
  /**
   * Hand the job over (the report is copied now; this thread may change it afterwards). False
   * when it cannot be copied (the worker is let go; the caller renders the table itself).
   */
  post(job: TableJob): boolean;
  /**
   * Block until the worker is done: its outcome (a render or write error is thrown as it would be
   * here), or undefined when the worker could not do it (then the caller renders the table itself).
   */
  result(): { text?: string; renderMs: number; writeMs: number } | undefined;
  /** Let the worker go (whether or not it was used). */
  stop(): void;
}

/** A table worker, starting; undefined if no worker thread can be made. */
export function startTableWorker(): TableWorker | undefined {
  const flag = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(bootScript(import.meta.url, 'table-worker-entry'), {
      eval: true,
      workerData: { role: 'table', port: port2, flag },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
    });
  } catch {
    port1.close();
    return undefined;
  }
  // a worker that fails is covered (the table is rendered here): its error is not the audit's
  worker.on('error', () => undefined);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    port1.close();
    void worker.terminate();
  };
  return {
    post(job) {
      try {
        port1.postMessage(job);
        return true;
      } catch {
        stop();
        return false;
      }
    },
    result() {
      const outcome = waitFor(flag, port1);
      stop();
      if (!outcome) return undefined;
      if ('error' in outcome) {
        const e = outcome.error;
        if (e.usage) throw new UsageError(e.message);
        const error = new Error(e.message);
        if (e.stack) error.stack = e.stack;
        throw error;
      }
      if (process.env.IPSEC_DRIFT_DEBUG) process.stderr.write('ipsec-drift: table worker: rendered the table\n');
      return outcome;
    },
    stop,
  };
}

/** The worker's outcome once its flag says done; undefined if it failed to start, died, or stalled. */
function waitFor(flag: Int32Array, port: MessagePort): TableOutcome | undefined {
  const startBy = Date.now() + START_MS;
  while (Atomics.load(flag, STARTED) === 0 && Atomics.load(flag, DONE) === 0 && Date.now() < startBy) Atomics.wait(flag, STARTED, 0, 200);
  if (Atomics.load(flag, STARTED) === 0 && Atomics.load(flag, DONE) === 0) return undefined;
  let seen = -1;
  let since = Date.now();
  while (Atomics.load(flag, DONE) === 0) {
    const made = Atomics.load(flag, PROGRESS);
    if (made !== seen) [seen, since] = [made, Date.now()];
    else if (Date.now() - since > STALL_MS) return undefined;
    Atomics.wait(flag, DONE, 0, 200);
  }
  if (Atomics.load(flag, DONE) !== 1) return undefined;
  return receiveMessageOnPort(port)?.message as TableOutcome | undefined;
}
