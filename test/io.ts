/** The CLI's Io captured in memory, for running commands in-process. */
import type { Io } from '../src/cli/io.js';

export type CapturedIo = Io & { out: string; err: string };

/** A fixed clock (reports print the time) and an empty environment unless a test gives its own. */
export function captureIo(options: { env?: NodeJS.ProcessEnv; now?: Date } = {}): CapturedIo {
  const now = options.now ?? new Date('2026-01-02T03:04:05Z');
  const io: CapturedIo = {
    out: '',
    err: '',
    stdout: (t) => {
      io.out += t;
    },
    stderr: (t) => {
      io.err += t;
    },
    color: false,
    width: 160,
    env: options.env ?? {},
    now: () => now,
  };
  return io;
}
