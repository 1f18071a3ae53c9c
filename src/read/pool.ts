/**
 * Reading an audit's files on every core. Parsing is most of an audit's time and each file is
 * independent, so a large audit gives part of the files to worker threads while the main thread
 * reads the rest. The audit stays synchronous: the main thread, done with its share, blocks on a
 * shared flag until the workers have posted their outcomes, then drains their ports
 * (receiveMessageOnPort). Outcomes come back in file order, identical to a serial read; if a
 * worker cannot start, dies, or stops making progress, its remaining files are read on the main
 * thread.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { runKey } from '../model/secrets.js';
import { fromWire, readJob, type ReadJob, type ReadOutcome } from './job.js';

/** Below this many files (or bytes) a worker's start-up (loading every adapter) costs more than it saves. */
const MIN_FILES = 64;
const MIN_BYTES = 16 * 1024 * 1024;
/** How long a worker may take to start (load its modules), and to read its share, before its files are read here instead. */
const WORKER_START_MS = 15 * 1000;
/** A worker that finishes no file for this long is taken for dead (out of memory, killed): it
 *  cannot say so itself, and this thread, blocked waiting, would not hear its exit event. */
const WORKER_STALL_MS = 2 * 60 * 1000;
/** Int32 slots of the shared flag: [done (1 ok, 2 failed), started, files finished] */
const DONE = 0;
const STARTED = 1;
const PROGRESS = 2;

export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Split jobs into `n` shares of about equal bytes (largest first to the least loaded share). */
function shares(jobs: ReadJob[], n: number): Array<Array<{ index: number; job: ReadJob }>> {
  const out = Array.from({ length: n }, () => ({ bytes: 0, items: [] as Array<{ index: number; job: ReadJob }> }));
  const sized = jobs.map((job, index) => ({ index, job, size: sizeOf(job.path) })).sort((a, b) => b.size - a.size);
  for (const s of sized) {
    const target = out.reduce((min, x) => (x.bytes < min.bytes ? x : min));
    target.bytes += s.size;
    target.items.push({ index: s.index, job: s.job });
  }
  return out.map((x) => x.items.sort((a, b) => a.index - b.index));
}

/** Under tsx (tests, `npm run bench`) this module is .ts and so is its worker, which needs tsx too; built, both are .js. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

function workerUrl(): URL {
  return new URL(FROM_SOURCE ? './pool-worker.ts' : './pool-worker.js', import.meta.url);
}

/**
 * The worker's first script. On Node 20 module hooks registered by `--import tsx` do not reach a
 * worker's modules, so from source the worker registers tsx itself before importing its entry.
 */
function bootScript(): string {
  const entry = JSON.stringify(workerUrl().href);
  if (!FROM_SOURCE) return `import(${entry})`;
  // require.resolve rather than import.meta.resolve: under a CJS transform (mocha + tsx) the latter is missing
  // (and the ESM build of tsx's API: its CJS build resolves its own hooks file wrongly from a worker)
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = JSON.stringify(pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href);
  return `import(${tsx}).then((m) => { m.register(); return import(${entry}); })`;
}

/** `small`: what counts as too small to be worth a worker (tests lower it to exercise the pool). */
export function readAll(
  jobs: ReadJob[],
  parallel = defaultJobs(),
  small = { files: MIN_FILES, bytes: MIN_BYTES },
  stats?: { fromWorkers: number },
): ReadOutcome[] {
  const serial = () => jobs.map(readJob);
  if (parallel <= 1 || jobs.length < small.files) return serial();
  const total = jobs.reduce((n, j) => n + sizeOf(j.path), 0);
  if (total < small.bytes && jobs.length < small.files * 4) return serial();

  const [mine, ...theirs] = shares(jobs, parallel);
  const started = theirs.map((items) => {
    const flag = new Int32Array(new SharedArrayBuffer(12));
    const { port1, port2 } = new MessageChannel();
    let worker: Worker | undefined;
    try {
      worker = new Worker(bootScript(), { eval: true, workerData: { jobs: items, key: runKey(), port: port2, flag }, transferList: [port2] });
      // a worker that fails is covered below (its files are read here): its error is not the audit's
      worker.on('error', () => undefined);
    } catch {
      worker = undefined;
    }
    return { items, flag, port: port1, worker };
  });

  const results: Array<ReadOutcome | undefined> = new Array(jobs.length);
  for (const { index, job } of mine) results[index] = readJob(job);

  for (const w of started) {
    if (w.worker) {
      const startBy = Date.now() + WORKER_START_MS;
      while (Atomics.load(w.flag, STARTED) === 0 && Atomics.load(w.flag, DONE) === 0 && Date.now() < startBy) Atomics.wait(w.flag, STARTED, 0, 200);
      let seen = -1;
      let since = Date.now();
      if (Atomics.load(w.flag, STARTED) === 1)
        while (Atomics.load(w.flag, DONE) === 0) {
          const progress = Atomics.load(w.flag, PROGRESS);
          if (progress !== seen) [seen, since] = [progress, Date.now()];
          else if (Date.now() - since > WORKER_STALL_MS) break;
          Atomics.wait(w.flag, DONE, 0, 1000);
        }
      for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
        const { index, outcome } = m.message as { index: number; outcome: unknown };
        if ((outcome as { crashed?: string }).crashed) continue;
        results[index] = fromWire(outcome);
        if (stats) stats.fromWorkers++;
      }
      void w.worker.terminate();
    }
    w.port.close();
    // whatever the worker did not deliver (it could not start, crashed, or ran out of time): here
    for (const { index, job } of w.items) if (results[index] === undefined) results[index] = readJob(job);
  }
  return results as ReadOutcome[];
}
