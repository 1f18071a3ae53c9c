/**
 * Where an audit's time goes, stage by stage, for `npm run bench`: off unless a caller turns it
 * on (then each stage adds its milliseconds under its name). The read pool's workers keep their
 * own and send them back with their last file, so read, detect and parse times are summed over
 * the threads that did them (thread-seconds), the other stages are the main thread's.
 */
let times: Map<string, number> | undefined;

/** Start recording (clearing what was recorded), or stop (`false`). */
export function recordStageTimes(on: boolean): void {
  times = on ? new Map() : undefined;
}

export function recordingStageTimes(): boolean {
  return times !== undefined;
}

/** What was recorded, in the order stages first ran (ms). */
export function stageTimes(): Array<[string, number]> {
  return [...(times ?? [])];
}

export function addStageTime(stage: string, ms: number): void {
  if (times) times.set(stage, (times.get(stage) ?? 0) + ms);
}

/** Who hears of the audit's progress (the CLI's progress line on a terminal): a stage starting, or `done` of `total` in it. */
export type ProgressListener = (stage: string, done?: number, total?: number) => void;
let listener: ProgressListener | undefined;

/** Listen to the audit's progress (`undefined`: stop). */
export function onProgress(fn: ProgressListener | undefined): void {
  listener = fn;
}

/** `done` of `total` in `stage` (files read, pairs checked): nothing unless someone listens. */
export function progress(stage: string, done: number, total: number): void {
  listener?.(stage, done, total);
}

/** `fn()`, its time added to `stage` when recording; a progress listener hears that it starts. */
export function timed<T>(stage: string, fn: () => T): T {
  listener?.(stage);
  if (!times) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    addStageTime(stage, performance.now() - start);
  }
}
