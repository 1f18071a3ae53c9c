/**
 * Reading an audit's files on every core. Parsing is most of an audit's time and each file is
 * independent, so a large audit parses on `jobs` threads: this one and `jobs - 1` worker threads.
 * Each thread has its own share of the files (src/read/shares.ts: by kind, so that each V8 isolate
 * compiles the parsers of fewer vendors) and helps the others once its own is done.
 * Why this thread parses too rather than only collecting: a device parsed in a worker must be
 * serialised there, deserialised and its strings interned here. Measured at 2,000 devices on 2
 * cores (read-stage CPU of all threads, 4 runs each, load 8–13): two workers and this thread
 * collecting 15.4–16.7 s, one worker and this thread parsing 12.4–16.6 s.
 * The audit stays synchronous: between its own files this thread takes the outcomes the workers
 * posted so far off their ports (receiveMessageOnPort); then it blocks on each worker's shared
 * flag until the worker is done. Outcomes come back in file order, identical to a serial read; if
 * a worker cannot start, dies, or stops making progress, the files it did not deliver are read here.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { addStageTime, progress, recordingStageTimes, timed } from '../audit/timing.js';
import { runKey } from '../model/secrets.js';
import { fromWire, internStrings, readJob, readJobInterned, type ReadJob, type ReadOutcome } from './job.js';
import { claimed, claimer, planShares } from './shares.js';
import { bootScript } from './worker-boot.js';

/** Below this many files (or bytes) a worker's start-up (loading every adapter) costs more than it saves. */
const MIN_FILES = 64;
const MIN_BYTES = 16 * 1024 * 1024;
/** How long a worker may take to start (load its modules), and to read its share, before its files are read here instead. */
const WORKER_START_MS = 15 * 1000;
/** A worker that finishes no file for this long is taken for dead (out of memory, killed): it
 *  cannot say so itself, and this thread, blocked waiting, would not hear its exit event. */
const WORKER_STALL_MS = 2 * 60 * 1000;
/**
 * A worker's young generation (MB; V8 sizes it from the heap limit otherwise, 16 MB semi-spaces
 * on a 64-bit machine). Parsing a 2 MB backup keeps tens of MB of lines and words alive for the
 * length of the parse, which small semi-spaces copy again and again before promoting them: at
 * 2,000 devices the workers spent about a quarter of their time in scavenges. 64 MB costs the
 * same CPU as 96 MB at 2,000 devices and about 40 MB less peak RSS (two runs each, load 5).
 */
const WORKER_YOUNG_MB = 64;
/** Int32 slots of a worker's shared flag: [done (1 ok, 2 failed), started, files finished, ready (modules loaded)] */
const DONE = 0;
const STARTED = 1;
const PROGRESS = 2;
const READY = 3;

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

/** Outcomes a worker posted so far, taken off its port into `results` (its timings added to this thread's). */
function drain(port: MessagePort, results: Array<ReadOutcome | undefined>, strings: Map<string, string>, stats?: { fromWorkers: number }): void {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const msg = m.message as { index: number; outcome: unknown } | { timings: Array<[string, number]> };
    if ('timings' in msg) {
      for (const [stage, ms] of msg.timings) addStageTime(stage, ms);
      continue;
    }
    if ((msg.outcome as { crashed?: string }).crashed) continue;
    const outcome = fromWire(msg.outcome);
    // its strings shared with the devices already here
    if ('loaded' in outcome && outcome.loaded.device) timed('intern strings', () => internStrings(outcome.loaded.device, strings));
    results[msg.index] = outcome;
    if (stats) stats.fromWorkers++;
  }
}

/**
 * `parallel`: the threads that parse (this one and `parallel - 1` workers). `small`: what counts
 * as too small to be worth a worker (tests lower it to exercise the pool, and set
 * `waitForWorkers` so that this thread waits for the workers to start before it takes its share,
 * leaving theirs to them).
 */
export function readAll(
  jobs: ReadJob[],
  parallel = defaultJobs(),
  small: { files: number; bytes: number; waitForWorkers?: boolean } = { files: MIN_FILES, bytes: MIN_BYTES },
  stats?: { fromWorkers: number },
): ReadOutcome[] {
  const serial = () =>
    jobs.map((job, i) => {
      const outcome = readJob(job);
      progress('read', i + 1, jobs.length);
      return outcome;
    });
  if (parallel <= 1 || jobs.length < small.files) return serial();
  const sizes = jobs.map((j) => sizeOf(j.path));
  const total = sizes.reduce((n, size) => n + size, 0);
  if (total < small.bytes && jobs.length < small.files * 4) return serial();

  const shares = planShares(jobs, sizes, parallel);
  const { order } = shares;
  const timing = recordingStageTimes();
  // shares 0 … parallel - 2 are the workers', the last is this thread's
  const mine = parallel - 1;
  const started = Array.from({ length: parallel - 1 }, (_, own) => {
    const flag = new Int32Array(new SharedArrayBuffer(16));
    const { port1, port2 } = new MessageChannel();
    let worker: Worker | undefined;
    try {
      worker = new Worker(bootScript(import.meta.url, 'pool-worker'), {
        eval: true,
        workerData: { role: 'read-pool', shares, own, key: runKey(), port: port2, flag, timing },
        transferList: [port2],
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
      // a worker that fails is covered below (its files are read here): its error is not the audit's
      worker.on('error', () => undefined);
    } catch {
      worker = undefined;
    }
    return { flag, port: port1, worker };
  });
  if (small.waitForWorkers)
    for (const w of started) {
      const by = Date.now() + WORKER_START_MS;
      while (w.worker && Atomics.load(w.flag, READY) === 0 && Atomics.load(w.flag, DONE) === 0 && Date.now() < by) Atomics.wait(w.flag, READY, 0, 200);
    }

  const results: Array<ReadOutcome | undefined> = new Array(jobs.length);
  const counted = stats ?? { fromWorkers: 0 };
  /** every distinct string of the devices read (here or sent by the workers), once */
  const strings = new Map<string, string>();
  // this thread's share, then help with the workers' (their smallest files first)
  const take = claimer(shares, mine);
  for (let k = take(); k >= 0; k = take()) {
    results[order[k].index] = readJobInterned(order[k].job, strings);
    progress('read', claimed(shares), jobs.length);
    // what the workers sent so far is taken here between files (a queued outcome is a second copy of its device)
    for (const w of started) drain(w.port, results, strings, counted);
  }

  for (const w of started) {
    if (w.worker) {
      const startBy = Date.now() + WORKER_START_MS;
      while (Atomics.load(w.flag, STARTED) === 0 && Atomics.load(w.flag, DONE) === 0 && Date.now() < startBy) Atomics.wait(w.flag, STARTED, 0, 200);
      let seen = -1;
      let since = Date.now();
      if (Atomics.load(w.flag, STARTED) === 1)
        while (Atomics.load(w.flag, DONE) === 0) {
          const finished = Atomics.load(w.flag, PROGRESS);
          if (finished !== seen) [seen, since] = [finished, Date.now()];
          else if (Date.now() - since > WORKER_STALL_MS) break;
          // every worker's outcomes, not only this one's: a queued outcome is a second copy of its device
          for (const x of started) drain(x.port, results, strings, counted);
          progress('read', claimed(shares), jobs.length);
          Atomics.wait(w.flag, DONE, 0, 50);
        }
      drain(w.port, results, strings, counted);
      void w.worker.terminate();
    }
    w.port.close();
  }
  // whatever a worker did not deliver (it could not start, crashed, or ran out of time): here
  for (let i = 0; i < jobs.length; i++) if (results[i] === undefined) results[i] = readJobInterned(jobs[i], strings);
  // how the read was shared, for whoever debugs a slow audit (and the test that the bundled CLI's workers load)
  if (process.env.IPSEC_DRIFT_DEBUG) {
    const ran = started.filter((w) => Atomics.load(w.flag, DONE) === 1).length;
    process.stderr.write(
      `ipsec-drift: read pool: ${ran} of ${started.length} worker thread(s) ran, ${counted.fromWorkers} of ${jobs.length} file(s) read by them\n`,
    );
  }
  return results as ReadOutcome[];
}
