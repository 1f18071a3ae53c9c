/**
 * The audit's progress line on stderr — `ipsec-drift: reading files 1200/2000` — for a person
 * at a terminal: drawn only once the audit has run for a second (a quick audit prints nothing),
 * redrawn at most ten times a second, erased at the end. The caller decides whether it is wanted
 * (a TTY, not --quiet, not CI).
 */
import type { ProgressListener } from '../audit/timing.js';

/** The stages of src/audit/audit.ts, as a person would say them, when they start… */
const STARTING: Record<string, string> = {
  inventory: 'finding files',
  'read stage (wall)': 'reading files',
  pair: 'pairing tunnel ends',
  check: 'checking tunnel pairs',
  report: 'building the report',
};
/** …and as they count (src/read/pool.ts, src/audit/stages/4-check.ts). Other stages (a file's read, detect, parse) keep the line. */
const COUNTING: Record<string, string> = { read: 'reading files', check: 'checking tunnel pairs' };

export interface ProgressLine {
  listener: ProgressListener;
  /** erase the line, if one was drawn */
  finish(): void;
}

export function progressLine(write: (text: string) => void, now: () => number = () => performance.now(), after = 1000, every = 100): ProgressLine {
  const start = now();
  let drawnAt: number | undefined;
  let text = '';
  const draw = () => {
    const t = now();
    if (t - start < after || (drawnAt !== undefined && t - drawnAt < every)) return;
    drawnAt = t;
    write(`\r\x1b[Kipsec-drift: ${text}`);
  };
  return {
    listener: (stage, done, total) => {
      const counted = done !== undefined && total !== undefined;
      const what = counted ? COUNTING[stage] : STARTING[stage];
      if (what === undefined) return;
      text = counted ? `${what} ${done}/${total}` : `${what}…`;
      draw();
    },
    finish: () => {
      if (drawnAt !== undefined) write('\r\x1b[K');
    },
  };
}
