/**
 * Issue 13, Robustness: every parser and detector is linear. For each adapter in the registry
 * (adapters/index.ts — a new adapter is covered the day it is listed), each entry point that reads
 * text a pull request may hold (detect, parse, companions, snapshot redaction, the SA-state
 * reader's detect and read) gets each adversarial shape of shapes.ts planted right after a value
 * inside a real file of that vendor, at two sizes 4× apart. It must answer (a value or a
 * ParseError, never another exception) and the big time may be at most MAX_RATIO× the small one
 * (4× is linear, 16× quadratic): a ratio of CPU times, so a busy machine does not fail it, and a
 * pair too short to trust is measured again at 4× the sizes (linear.ts).
 *
 * `npm test` runs 128 KB vs 32 KB of one shape of each kind in one placement (the whole matrix is
 * many minutes of CPU on a shared 2-core machine); `npm run test:fuzz` runs 1 MB vs 256 KB of every
 * shape in every placement (alone, on its own line, right after a value) and the real file
 * repeated to 1 MB (scale in tunnels). `HOSTILE_ADAPTERS=id,id` limits a run to those adapters.
 */
import { appendFileSync } from 'node:fs';
import { expect } from 'chai';
import { entryPoints, inputsFor, MAX_RATIO, selectedAdapters, type Verdict, verdict } from './linear.js';
import { PLACEMENTS, SHAPES } from './shapes.js';

const FULL = process.env.HOSTILE_FULL === '1';
const BIG = Number(process.env.HOSTILE_BIG ?? (FULL ? 1 << 20 : 1 << 17));
const SMALL = BIG / 4;
/**
 * Detectors read only the head of a text (64 KB: `text.slice(0, 65536)`), so at 128 KB a quadratic
 * detector costs what it costs at 64 KB and the ratio hides it (32 KB of blank lines took 0.7 s in
 * an SA-listing detector, its 64 KB head 3.2 s: ratio 4.6). They are measured below that head.
 */
const DETECT_BIG = FULL ? 1 << 16 : 1 << 15;
const sizesOf = (name: string) => (name.endsWith('detect') ? [DETECT_BIG / 4, DETECT_BIG] : [SMALL, BIG]);
const placements = FULL ? PLACEMENTS : PLACEMENTS.filter((p) => p.name === 'right after a value inside a real file');
/** In `npm test`, one shape of each kind the issue names (long lines, many lines, nesting, unclosed constructs, Unicode spaces, backslash runs, NUL, UTF-16 junk); every shape in test:fuzz. */
const QUICK = [
  'one long line of words',
  'blank lines',
  'every Unicode space, one per line',
  'value followed by Unicode spaces',
  'quoted backslash run',
  'continuation lines',
  'nested blocks',
  'nested config sections',
  'unclosed XML comments',
  'unclosed double quotes',
  'NUL bytes',
  'UTF-16 junk',
];
const shapes = FULL ? SHAPES : SHAPES.filter((s) => QUICK.includes(s.name));
const kb = (n: number) => `${n / 1024} KB`;
/**
 * HOSTILE_TIMES=FILE appends one JSON line per measured input (adapter, entry point, input, CPU ms
 * at both sizes): the figures a before/after comparison needs, which the pass/fail output hides.
 */
const TIMES = process.env.HOSTILE_TIMES;
const logged = (adapter: string, entry: string, v: Verdict) => {
  if (TIMES) appendFileSync(TIMES, `${JSON.stringify({ adapter, entry, input: v.input, smallMs: v.smallMs, bigMs: v.bigMs, ok: v.ok })}\n`);
  return v;
};

describe(`hostile: every adapter’s parsers and detectors are linear (${kb(BIG)} vs ${kb(SMALL)} of each adversarial shape; detectors ${kb(DETECT_BIG)} vs ${kb(DETECT_BIG / 4)})`, function () {
  this.timeout(0);
  for (const a of selectedAdapters()) {
    describe(a.id, () => {
      for (const p of entryPoints(a)) {
        const [small, big] = sizesOf(p.name);
        it(`${p.name}, ${kb(big)} vs ${kb(small)} (shapes planted in ${p.seedFile})`, () => {
          const bad = inputsFor(p, placements, shapes, FULL)
            .map((input) => logged(a.id, p.name, verdict(p, input, small, big)))
            .filter((v) => !v.ok)
            .map(
              (v) =>
                `${v.input}: ${v.threw ?? (Number.isNaN(v.bigMs) ? `${v.smallMs.toFixed(0)} ms at ${kb(small)} already` : `${v.smallMs.toFixed(1)} ms → ${v.bigMs.toFixed(1)} ms, ratio ${v.ratio.toFixed(1)} > ${MAX_RATIO}`)}`,
            );
          expect(bad, `${a.id} ${p.name}`).to.deep.equal([]);
        });
      }
    });
  }
});
