/**
 * `npm run bench [-- --devices N --tunnels T]`: the audit over a synthetic config repo of N
 * devices and T tunnel pairs (bench/generate.ts, written by a child process so its memory is not
 * counted), run in-process as CI runs it (`audit DIR --format sarif --output … --format json
 * --output …`). Prints files, MB, tunnels, wall time, MB/s, peak RSS, the floor — the time this
 * process needs just to read every file and split it into lines — and audit ÷ floor; with
 * `--breakdown`, where the time goes (detection and parsing per vendor, the rest).
 * The last line is machine-readable:
 *   bench: devices=N tunnels=T mb=X wall_s=X floor_s=X ratio=X rss_mb=X
 * Targets (issue 5) at 2,000 devices / 10,000 tunnel pairs on 2 cores: wall ≤ 5 s, peak RSS ≤
 * 500 MB, ratio ≤ 10. Profile with `node --import tsx --cpu-prof bench/audit.ts …`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { run } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { discover } from '../src/audit/discover.js';
import { detectAll } from '../src/read/detect.js';
import { MAX_INPUT_BYTES, readInput } from '../src/read/input.js';
import type { Report } from '../src/report/report.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string' },
    tunnels: { type: 'string' },
    seed: { type: 'string' },
    /** keep the generated repository (printed at the end) / reuse one kept earlier */
    keep: { type: 'boolean' },
    dir: { type: 'string' },
    breakdown: { type: 'boolean' },
  },
  strict: true,
});
// (--dir DIR reuses the repository an earlier --keep left in DIR, with the sizes it was made with)
const base = values.dir ?? mkdtempSync(join(tmpdir(), 'ipsec-drift-bench-'));
const repo = join(base, 'repo');
const out = join(base, 'out');
const made = existsSync(join(base, 'bench.json'))
  ? (JSON.parse(readFileSync(join(base, 'bench.json'), 'utf8')) as { devices: number; tunnels: number; seed: number })
  : undefined;
// small enough by default that `npm run bench` takes well under a minute
const DEVICES = made?.devices ?? Number(values.devices ?? 200);
const TUNNELS = made?.tunnels ?? Number(values.tunnels ?? 1000);
const SEED = made?.seed ?? Number(values.seed ?? 1);
if (!Number.isInteger(DEVICES) || DEVICES < 2 || !Number.isInteger(TUNNELS) || TUNNELS < 1) throw new Error('--devices N (≥ 2) --tunnels T (≥ 1)');

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

// 1. the repository, written by a child process (its strings are not this process's memory)
if (!made) {
  const generator = fileURLToPath(new URL('./generate.ts', import.meta.url));
  const g = spawnSync(
    process.execPath,
    [...process.execArgv, generator, '--out', repo, '--devices', String(DEVICES), '--tunnels', String(TUNNELS), '--seed', String(SEED)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (g.status !== 0) throw new Error(`generating the repository failed (exit ${g.status})`);
  process.stdout.write(g.stdout);
  writeFileSync(join(base, 'bench.json'), `${JSON.stringify({ devices: DEVICES, tunnels: TUNNELS, seed: SEED })}\n`);
}
mkdirSync(out, { recursive: true });

// 2. the floor: read every file and split it into lines, nothing else
const files = discover([repo], [], MAX_INPUT_BYTES).files;
let bytes = 0;
let lines = 0;
const floorStart = performance.now();
for (const f of files) {
  const buf = readFileSync(f);
  bytes += buf.length;
  lines += buf.toString('utf8').split('\n').length;
}
const floorMs = performance.now() - floorStart;

// 3. the audit, as CI runs it
// the reports go to files; what the audit prints on stdout (its summary) is not measured
const io: Io = {
  stdout: () => {},
  stderr: (t) => process.stderr.write(t),
  color: false,
  width: 200,
  env: {},
  now: () => new Date(),
};
const auditStart = performance.now();
const code = await run(
  ['audit', repo, '--fail-on', 'none', '--format', 'sarif', '--output', join(out, 'results.sarif'), '--format', 'json', '--output', join(out, 'report.json')],
  io,
);
const wallMs = performance.now() - auditStart;
const rssMb = process.resourceUsage().maxRSS / 1024;
if (code !== 0) throw new Error(`audit exited ${code}`);
const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
const unreadable = report.findings.filter((f) => f.rule === 'unreadable-config').length;
const byRule = new Map<string, number>();
for (const f of report.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`,
);
console.log(`files: ${files.length} (${report.inputs.length} devices read, ${unreadable} unreadable), ${mb(bytes)} MB, ${lines} lines`);
console.log(
  `tunnels: ${report.pairs.length} pairs found (${TUNNELS} generated), ${report.findings.length} findings: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`,
);
console.log(`audit: wall ${seconds(wallMs)} s, ${(bytes / 1048576 / (wallMs / 1000)).toFixed(1)} MB/s, peak RSS ${rssMb.toFixed(0)} MB`);
console.log(
  `floor (read + split into lines): ${seconds(floorMs)} s, ${(bytes / 1048576 / (floorMs / 1000)).toFixed(1)} MB/s; audit ÷ floor = ${(wallMs / floorMs).toFixed(1)}`,
);

// 4. optionally, where the time goes (after the measurement: it does not count in it)
if (values.breakdown) {
  const per = new Map<string, { files: number; bytes: number; detectMs: number; parseMs: number }>();
  let readMs = 0;
  for (const f of files) {
    let t = performance.now();
    const text = readInput(f);
    readMs += performance.now() - t;
    t = performance.now();
    const best = detectAll(text, f)[0];
    const detectMs = performance.now() - t;
    if (!best) continue;
    t = performance.now();
    try {
      best.adapter.parse(text, f);
    } catch {
      // unreadable: counted in the audit's findings already
    }
    const e = per.get(best.adapter.id) ?? { files: 0, bytes: 0, detectMs: 0, parseMs: 0 };
    per.set(best.adapter.id, { files: e.files + 1, bytes: e.bytes + text.length, detectMs: e.detectMs + detectMs, parseMs: e.parseMs + performance.now() - t });
  }
  let parseTotal = 0;
  console.log(`breakdown: read + decode ${seconds(readMs)} s`);
  for (const [id, e] of [...per].sort((x, y) => y[1].parseMs - x[1].parseMs)) {
    parseTotal += e.parseMs + e.detectMs;
    console.log(
      `  ${id.padEnd(14)} ${String(e.files).padStart(5)} files ${mb(e.bytes).padStart(7)} MB  detect ${seconds(e.detectMs)} s  parse ${seconds(e.parseMs)} s  ${(e.bytes / 1048576 / (e.parseMs / 1000)).toFixed(1)} MB/s`,
    );
  }
  console.log(`  pairing, rules and output: ≈ ${seconds(Math.max(0, wallMs - readMs - parseTotal))} s (the wall minus the above)`);
}

if (!values.keep && !values.dir) rmSync(base, { recursive: true, force: true });
else console.log(`kept: ${base}`);
console.log(
  `bench: devices=${DEVICES} tunnels=${TUNNELS} mb=${mb(bytes)} wall_s=${seconds(wallMs)} floor_s=${seconds(floorMs)} ratio=${(wallMs / floorMs).toFixed(1)} rss_mb=${rssMb.toFixed(0)}`,
);
