/** What a command needs from the outside world, passed in so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** colors only on a TTY and never with NO_COLOR */
  color: boolean;
  width: number;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export function processIo(): Io {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    color: Boolean(process.stdout.isTTY) && !noColor,
    // off a terminal (a pipe, a CI log) a wide table reads better than a cramped one
    width: process.stdout.columns || 200,
    env: process.env,
    now: () => new Date(),
  };
}

/** Exit codes (DESIGN.md): 0 clean, 1 findings at or above --fail-on, 2 usage/input error, 3 live source failed. */
export const EXIT = { OK: 0, FINDINGS: 1, INPUT: 2, COLLECT: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
