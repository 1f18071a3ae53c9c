/**
 * The linear-time harness: every text-reading entry point of every adapter in the registry
 * (adapters/index.ts), each fed the adversarial shapes of shapes.ts at two sizes. The verdict is
 * the ratio of the times, not a time: a linear function takes about 4× as long for 4× the text, a
 * quadratic one 16×. Absolute times only decide what is too small to measure.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { relative, sep } from 'node:path';
import { adapters } from '../../adapters/index.js';
import { snapshotText } from '../../src/collect/snapshot.js';
import type { Adapter } from '../../src/model/adapter.js';
import { ParseError } from '../../src/model/errors.js';
import { decodeText } from '../../src/read/decode.js';
import { filesUnder, ROOT } from '../helpers.js';
import { adversarial, PLACEMENTS, type Placement, repeatedSeed, SHAPES, type Shape } from './shapes.js';

/** One entry point of an adapter that reads text an attacker may have written. */
export interface EntryPoint {
  adapter: string;
  name: string;
  run(text: string): unknown;
  /** a real file this entry point accepts, the shapes are planted into */
  seed: string;
  seedFile: string;
}

interface Fixture {
  path: string;
  text: string;
}

let fixtureCache: Fixture[] | undefined;
function fixtures(): Fixture[] {
  fixtureCache ??= filesUnder(`${ROOT}${sep}fixtures`).flatMap((path) => {
    try {
      return [{ path: relative(ROOT, path), text: decodeText(readFileSync(path), path) }];
    } catch {
      return [];
    }
  });
  return fixtureCache;
}

/** The adapter's own folder first (fixtures/<id>/, fixtures/state/<id>/), then any fixture. */
function seedOf(id: string, accepts: (f: Fixture) => boolean, state: boolean): Fixture | undefined {
  const own = state ? `fixtures${sep}state${sep}${id}${sep}` : `fixtures${sep}${id}${sep}`;
  const all = fixtures();
  const ordered = [...all.filter((f) => f.path.startsWith(own) && !/\bbad\b/.test(f.path)), ...all];
  return ordered.find((f) => {
    try {
      return accepts(f);
    } catch {
      return false;
    }
  });
}

/** A real file an adapter reads, to mutate: its path (relative to the repository) and text. */
export interface Seed {
  path: string;
  text: string;
}

/**
 * Every fixture of the adapter's own folder (fixtures/<id>/, or fixtures/state/<id>/ for the SA
 * reader; deliberately bad inputs left out) that it detects and reads: each form the adapter reads
 * (PAN-OS XML, set and brace; Junos brace and set; JSON and printed objects) gets mutated, not
 * only the first. Empty when the folder has none (entryPoints then seeds from any fixture).
 */
export function ownSeeds(a: Adapter, state = false): Seed[] {
  const own = state ? `fixtures${sep}state${sep}${a.id}${sep}` : `fixtures${sep}${a.id}${sep}`;
  const reads = (f: Fixture) => {
    try {
      if (state) return a.state !== undefined && a.state.detect(f.text, f.path) >= 0.5 && a.state.read(f.text, f.path) !== undefined;
      return a.detect(f.text, f.path) >= 0.5 && a.parse(f.text, f.path) !== undefined;
    } catch {
      return false;
    }
  };
  return fixtures().filter((f) => f.path.startsWith(own) && !/\bbad\b/.test(f.path) && reads(f));
}

/** Every entry point of one adapter that reads hostile text, each with its seed. Throws when an adapter has no fixture to seed from. */
export function entryPoints(a: Adapter): EntryPoint[] {
  const config = seedOf(a.id, (f) => a.detect(f.text, f.path) >= 0.5 && a.parse(f.text, f.path) !== undefined, false);
  if (!config) throw new Error(`${a.id}: no fixture under fixtures/ that it detects and parses, to plant the shapes in`);
  const points: EntryPoint[] = [
    { adapter: a.id, name: 'detect', run: (t) => a.detect(t, 'hostile.conf'), seed: config.text, seedFile: config.path },
    { adapter: a.id, name: 'parse', run: (t) => a.parse(t, 'hostile.conf'), seed: config.text, seedFile: config.path },
  ];
  // detection asks only this once another adapter is nearly sure (src/read/detect.ts): every file of an audit can reach it
  const certain = a.detectCertain?.bind(a);
  if (certain) points.push({ adapter: a.id, name: 'certain detect', run: (t) => certain(t, 'hostile.conf'), seed: config.text, seedFile: config.path });
  if (a.companions) {
    const companions = a.companions.bind(a);
    points.push({ adapter: a.id, name: 'companions', run: (t) => companions(t, '/nonexistent/hostile.conf'), seed: config.text, seedFile: config.path });
  }
  if (a.live) points.push({ adapter: a.id, name: 'snapshot redaction', run: (t) => snapshotText(t, a.id), seed: config.text, seedFile: config.path });
  const state = a.state;
  if (state) {
    const s = seedOf(a.id, (f) => state.detect(f.text, f.path) >= 0.5 && state.read(f.text, f.path) !== undefined, true);
    if (!s) throw new Error(`${a.id}: has a state reader but no fixture it detects and reads`);
    points.push({ adapter: a.id, name: 'state.detect', run: (t) => state.detect(t, 'hostile.txt'), seed: s.text, seedFile: s.path });
    points.push({ adapter: a.id, name: 'state.read', run: (t) => state.read(t, 'hostile.txt'), seed: s.text, seedFile: s.path });
  }
  return points;
}

/**
 * The adapters a run covers: every adapter of the registry, or those named in HOSTILE_ADAPTERS
 * (`HOSTILE_ADAPTERS=ios,junos npm run test:hostile`, to replay one adapter's findings). A name
 * that is not an adapter id fails the run rather than silently testing nothing.
 */
export function selectedAdapters(): readonly Adapter[] {
  const only = process.env.HOSTILE_ADAPTERS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only?.length) return adapters;
  const unknown = only.filter((id) => !adapters.some((a) => a.id === id));
  if (unknown.length) throw new Error(`HOSTILE_ADAPTERS: not adapter ids: ${unknown.join(', ')} (known: ${adapters.map((a) => a.id).join(', ')})`);
  return adapters.filter((a) => only.includes(a.id));
}

export function allEntryPoints(): EntryPoint[] {
  return adapters.flatMap(entryPoints);
}

/** The inputs of one check: a shape in a placement, or the seed repeated. */
export interface Input {
  name: string;
  make(n: number): string;
}

export function inputsFor(p: EntryPoint, placements: readonly Placement[] = PLACEMENTS, shapes: readonly Shape[] = SHAPES, repeated = true): Input[] {
  const out: Input[] = repeated ? [{ name: 'the real file repeated', make: (n) => repeatedSeed(p.seed, n) }] : [];
  for (const shape of shapes) for (const pl of placements) out.push({ name: `${shape.name} / ${pl.name}`, make: (n) => adversarial(p.seed, shape, pl, n) });
  return out;
}

/**
 * A full garbage collection before each measurement, so that one run does not pay for the garbage
 * of the previous one (in a long test process that decided ratios more than the code measured).
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Milliseconds one call takes; an answer is a value or a ParseError, anything else is reported. */
export function timed(run: (t: string) => unknown, text: string, clean = false): { ms: number; threw?: string } {
  // CPU time, not wall time: on a machine shared with other test runs the process waits for a core
  // for as long as the others want, and that would decide the ratio
  if (clean) collectGarbage();
  const start = process.cpuUsage();
  let threw: string | undefined;
  try {
    run(text);
  } catch (e) {
    if (!(e instanceof ParseError)) threw = e instanceof Error ? `${e.name}: ${e.message.slice(0, 120)}` : String(e);
  }
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, threw };
}

export interface Verdict {
  input: string;
  smallMs: number;
  bigMs: number;
  ratio: number;
  ok: boolean;
  threw?: string;
}

/**
 * Below this many milliseconds at the big size, a call is too short to measure: a timer tick, a
 * garbage collection or another process on a shared core would decide the ratio. 40 ms for 1 MB
 * is 40 ns a character, far from any quadratic cost at that size.
 */
export const NOISE_MS = 40;
/**
 * 4× the text: 4× the time when linear, 16× when quadratic. Measured linear code on the shared
 * 2-core machine spread up to ~9× (JIT tiers and collection differ between the two sizes), so 10
 * is the bound: it still fails every quadratic cost (16× and up) this test has found.
 */
export const MAX_RATIO = 10;
/** 256 KB in more than this is pathological whatever the ratio (8 µs a character): the 1 MB run, minutes long if quadratic, is skipped. */
export const SMALL_LIMIT_MS = 2000;

/**
 * The ratio check for one input at sizes `small` and `big` (4× apart). A failing ratio is measured
 * up to three times more, each call after a full collection, and the best kept; if it still fails
 * it is measured once more at 4× both sizes (`escalations` times at most), where a quadratic cost
 * is 16× again but a scavenge or a JIT tier-up is not: FortiGate's SA reader went 1.7 → 18.6 ms
 * for 32 → 128 KB (linear from 128 KB to 8 MB), FortiGate parse 11 → 224 ms for 256 KB → 1 MB
 * (129/300/724 ms from 256 KB to 4 MB).
 * Once: windows-netsh parse of nested blocks once failed the escalation too (11.0 → 110.6 ms at
 * 128 → 512 KB, linear alone: 25, 108, 494 ms for 128 KB, 512 KB, 2 MB), and a second escalation was
 * added; the cause was a retry that kept the first, skewed small time in its minimum (measure).
 * FortiGate parse of Unicode spaces after a value (256 KB → 1 MB), twelve verdicts without any
 * escalation: 6 failed before that change (ratios up to 20.1), none after (at most 9.9).
 */
/**
 * The blank and whitespace-only line shapes, planted right after a value, that `p` does not read in
 * linear time between `small` and `big` characters, each as `input: small ms → big ms` (the
 * adapters' regression tests for detectors that once ran over every following blank line).
 */
export function nonLinearOnBlankLines(p: EntryPoint, small: number, big: number): string[] {
  const shapes = SHAPES.filter((x) => x.name === 'blank lines' || x.name === 'whitespace-only lines');
  const inside = PLACEMENTS.filter((x) => x.name === 'right after a value inside a real file');
  return inputsFor(p, inside, shapes, false)
    .map((input) => verdict(p, input, small, big))
    .filter((v) => !v.ok)
    .map((v) => `${v.input}: ${v.smallMs.toFixed(1)} ms → ${v.bigMs.toFixed(1)} ms`);
}

export function verdict(p: EntryPoint, input: Input, small: number, big: number, escalations = 1): Verdict {
  const v = measure(p, input, small, big);
  if (v.ok || v.threw || Number.isNaN(v.bigMs) || escalations <= 0) return v;
  // a detector is measured again at the same sizes: 4× would cross its 64 KB head (see isDetector)
  const [s, b] = isDetector(p) ? [small, big] : [small * 4, big * 4];
  const again = verdict(p, input, s, b, escalations - 1);
  return {
    ...again,
    input: `${input.name} (at ${small >> 10} vs ${big >> 10} KB: ${v.smallMs.toFixed(1)} → ${v.bigMs.toFixed(1)} ms; again at ${s >> 10} vs ${b >> 10} KB)`,
  };
}

/**
 * Detectors read a head of the text (64 KB), measured below it (linear.test.ts). Past the head
 * their cost steps, not grows (windows-rras detect: 0 ms up to 64 KB, 19 ms from 128 KB to 8 MB),
 * so a pair across it is no ratio. Below it a linear detector takes well under a millisecond at
 * 32 KB and the quadratic ones found took 530-570 ms: under DETECT_FLOOR_MS the big call passes.
 */
export const DETECT_FLOOR_MS = 50;
const isDetector = (p: EntryPoint) => p.name.endsWith('detect');

function measure(p: EntryPoint, input: Input, small: number, big: number): Verdict {
  const s = input.make(small);
  const b = input.make(big);
  let smallMs = Number.POSITIVE_INFINITY;
  let bigMs = Number.POSITIVE_INFINITY;
  let threw: string | undefined;
  const bound = Math.max(isDetector(p) ? DETECT_FLOOR_MS : 10, NOISE_MS * (big / (1 << 20)));
  const warm = timed(p.run, s); // warm-up: the first call pays the compilation of the code it reaches
  if (warm.ms > SMALL_LIMIT_MS * 2) return { input: input.name, smallMs: warm.ms, bigMs: Number.NaN, ratio: Number.NaN, ok: false, threw: warm.threw };
  for (let attempt = 0; attempt < 4; attempt++) {
    // The first pair as it comes (cheap, and enough for almost every input). A ratio that fails is
    // measured again from a full collection before each call, best of 3 per size, without the
    // first pair: a call runs in the heap the calls before it grew (FortiGate parse of 256 KB:
    // 18-56 ms right after another call, 71-117 ms after a collection), so the first small call
    // fitted in what its warm-up had grown while the big one paid for growing it; kept in the
    // minimum, that skew outlived every retry and linear readers failed the ratio.
    const clean = attempt > 0;
    if (attempt === 1) [smallMs, bigMs] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    const x = timed(p.run, s, clean);
    if (x.ms > SMALL_LIMIT_MS) return { input: input.name, smallMs: x.ms, bigMs: Number.NaN, ratio: Number.NaN, ok: false, threw: x.threw };
    const y = timed(p.run, b, clean);
    threw ??= x.threw ?? y.threw;
    smallMs = Math.min(smallMs, x.ms);
    bigMs = Math.min(bigMs, y.ms);
    if (threw || bigMs < bound || bigMs <= MAX_RATIO * smallMs) break;
  }
  const ratio = bigMs / Math.max(smallMs, 0.001);
  return { input: input.name, smallMs, bigMs, ratio, ok: !threw && (bigMs < bound || ratio <= MAX_RATIO), threw };
}
