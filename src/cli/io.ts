/** What a command needs from the outside world, passed in so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** colours: see colorWanted */
  color: boolean;
  width: number;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** stderr is a terminal a person watches: progress lines may be drawn there (never in CI, never with --quiet) */
  progress?: boolean;
}

/**
 * Colour as Node itself decides it (tty.WriteStream#hasColors): FORCE_COLOR wins (0 or false turn it
 * off, anything else on), then NO_COLOR (any non-empty value), then TERM=dumb; otherwise only on a TTY.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** Off a terminal (a pipe, a CI log) without COLUMNS: wide enough for the table in a CI log, narrow enough to read. */
export const PIPE_WIDTH = 120;

/**
 * The width to fit: COLUMNS when set (a person who sets it means it, on a terminal or not), else the
 * terminal's, else PIPE_WIDTH.
 */
export function widthOf(env: NodeJS.ProcessEnv, ttyColumns: number | undefined): number {
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(columns) && columns > 0) return columns;
  return ttyColumns || PIPE_WIDTH;
}

/**
 * A stream whose reader went away (`ipsec-drift audit … | head`): the write fails with EPIPE,
 * which Node raises as an unhandled 'error' event with a stack trace. The rest of the output has
 * nowhere to go, so it is dropped quietly; the run finishes and exits with its own code.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function processIo(): Io {
  return {
    stdout: quietOnClosedPipe(process.stdout),
    stderr: quietOnClosedPipe(process.stderr),
    color: colorWanted(process.env, Boolean(process.stdout.isTTY)),
    width: widthOf(process.env, process.stdout.isTTY ? process.stdout.columns : undefined),
    env: process.env,
    now: () => new Date(),
    progress: Boolean(process.stderr.isTTY),
  };
}

/** Exit codes (DESIGN.md): 0 clean, 1 findings at or above --fail-on, 2 usage/input error, 3 live source failed. */
export const EXIT = { OK: 0, FINDINGS: 1, INPUT: 2, COLLECT: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
