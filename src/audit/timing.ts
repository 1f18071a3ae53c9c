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

/** `fn()`, its time added to `stage` when recording. */
export function timed<T>(stage: string, fn: () => T): T {
  if (!times) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    addStageTime(stage, performance.now() - start);
  }
}
