/**
 * How the read pool's threads share an audit's files. Each worker has its own share: the files of
 * some vendors (guessed from the file's extension, see `kindOf`), largest first. A thread takes its
 * own share's files front to back, then helps the others from the back (their smallest files), so
 * that the threads finish together. Why shares and not one queue: each worker is its own V8 isolate
 * and compiles, for itself, the parser of every vendor it meets — at 2,000 devices the optimising
 * compiler's work is seconds of CPU per isolate, paid once per vendor per worker.
 * A file is claimed exactly once: its slot of `taken` goes from 0 to 1 by compare-and-exchange,
 * whichever thread gets there first.
 */
import { extname } from 'node:path';
import type { ReadJob } from './job.js';

export interface Shares {
  /** every file, share after share, each share largest first */
  order: Array<{ index: number; job: ReadJob }>;
  /** share s is order[bounds[2s]] up to (not including) order[bounds[2s + 1]] */
  bounds: number[];
  /** shared between threads: [i] 1 once order[i] is claimed; [order.length]: how many are claimed */
  taken: Int32Array;
}

/** Files alike enough to run the same parser (a guess: a wrong one costs time, never a result). */
export function kindOf(path: string): string {
  return extname(path).toLowerCase();
}

/**
 * `count` shares of `jobs` (`sizes[i]`: bytes of jobs[i]). The kinds go, largest first (in
 * bytes), each whole to the share with the fewest bytes so far.
 */
export function planShares(jobs: ReadJob[], sizes: number[], count: number): Shares {
  const kinds = new Map<string, number[]>();
  jobs.forEach((job, i) => {
    const k = kindOf(job.path);
    const list = kinds.get(k);
    if (list) list.push(i);
    else kinds.set(k, [i]);
  });
  const bytesOf = (list: number[]) => list.reduce((n, i) => n + sizes[i], 0);
  const byBytes = [...kinds.values()].map((list) => ({ list, bytes: bytesOf(list) })).sort((a, b) => b.bytes - a.bytes || a.list[0] - b.list[0]);
  const shares = Array.from({ length: count }, () => ({ files: [] as number[], bytes: 0 }));
  for (const kind of byBytes) {
    const least = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    least.files.push(...kind.list);
    least.bytes += kind.bytes;
  }
  const order: Shares['order'] = [];
  const bounds: number[] = [];
  for (const share of shares) {
    bounds.push(order.length);
    // largest first: the last files taken are small, and the threads finish together
    share.files.sort((a, b) => sizes[b] - sizes[a] || a - b);
    for (const index of share.files) order.push({ index, job: jobs[index] });
    bounds.push(order.length);
  }
  return { order, bounds, taken: new Int32Array(new SharedArrayBuffer(4 * (order.length + 1))) };
}

/**
 * The files one thread takes, one call each: positions in `order`, then -1 when none is left.
 * `own`: the share this thread takes front to back first (-1: none, it only helps).
 */
export function claimer(shares: Shares, own: number): () => number {
  const { bounds, taken } = shares;
  const n = bounds.length / 2;
  const total = taken.length - 1;
  let front = own >= 0 ? bounds[2 * own] : 0;
  // the other shares, from the next one round, each walked from its end
  const others = Array.from({ length: n }, (_, k) => (own + 1 + k + n) % n).filter((s) => s !== own);
  let other = 0;
  let back = others.length ? bounds[2 * others[0] + 1] - 1 : -1;
  const take = (i: number) => {
    if (Atomics.compareExchange(taken, i, 0, 1) !== 0) return false;
    Atomics.add(taken, total, 1);
    return true;
  };
  return () => {
    if (own >= 0) for (; front < bounds[2 * own + 1]; front++) if (take(front)) return front++;
    for (; other < others.length; other++, back = other < others.length ? bounds[2 * others[other] + 1] - 1 : -1)
      for (; back >= bounds[2 * others[other]]; back--) if (take(back)) return back--;
    return -1;
  };
}

/** How many files the threads have claimed so far. */
export function claimed(shares: Shares): number {
  return Atomics.load(shares.taken, shares.taken.length - 1);
}
