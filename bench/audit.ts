/**
 * `npm run bench [-- --devices N --tunnels T]`: the audit over a synthetic config repo of N
 * devices and T tunnel pairs (bench/generate.ts, written by a child process so its memory is not
 * counted), run in-process as CI runs it (`audit DIR --format sarif --output … --format json
 * --output … --format table --output …`; `--formats sarif,json,table,junit,html` picks others). Prints files, MB, tunnels,
 * wall time, MB/s, peak RSS, the floor — the time this process needs just to read every file and
 * split it into lines — audit ÷ floor, and where the time went, stage by stage (src/audit/timing.ts:
 * read, detect and parse per vendor summed over the threads that did them; pair, check, report,
 * render and write per format on the main thread).
 * The last line is machine-readable:
 *   bench: devices=N tunnels=T mb=X wall_s=X floor_s=X ratio=X rss_mb=X
 * Targets (issue 13) at 2,000 devices / 10,000 tunnel pairs on 2 cores: wall ≤ 5 s, peak RSS ≤
 * 500 MB, ratio ≤ 10. `--keep` keeps the generated repository and `--dir DIR` reuses it (no
 * generation); `--jobs N` sets the audit's threads. Profile with
 * `node --import tsx --cpu-prof bench/audit.ts …`; check that a scanner change changes no adapter
 * output with `npm run bench:golden` (bench/golden.ts).
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
import { plan } from './generate.js';
import { MAX_INPUT_BYTES } from '../src/read/input.js';
import { recordStageTimes, stageTimes } from '../src/audit/timing.js';
import type { Report } from '../src/report/report.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string' },
    tunnels: { type: 'string' },
    seed: { type: 'string' },
    /** keep the generated repository (printed at the end) / reuse one kept earlier */
    keep: { type: 'boolean' },
    dir: { type: 'string' },
    jobs: { type: 'string' },
    // table: the terminal report, rendered into a file at 200 columns (its grid layout, slower than the blocks below 150)
    formats: { type: 'string', default: 'sarif,json,table' },
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
  const generator = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './generate.ts' : './generate.js', import.meta.url));
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
const formats = values.formats.split(',').filter(Boolean);
if (!formats.includes('json')) formats.push('json'); // the summary below reads it
const outputs = formats.flatMap((f) => ['--format', f, '--output', join(out, `report.${f}`)]);
recordStageTimes(true);
const cpuStart = process.cpuUsage();
const auditStart = performance.now();
const code = await run(['audit', repo, '--fail-on', 'none', ...(values.jobs ? ['--jobs', values.jobs] : []), ...outputs], io);
const wallMs = performance.now() - auditStart;
// CPU time of every thread of this process: steadier than the wall on a shared machine
const cpu = process.cpuUsage(cpuStart);
const stages = stageTimes();
recordStageTimes(false);
const rssMb = process.resourceUsage().maxRSS / 1024;
if (code !== 0) throw new Error(`audit exited ${code}`);
const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
const unreadable = report.findings.filter((f) => f.rule === 'unreadable-config').length;
// what the generator wrote (its plan is cheap to recompute): about 1 % of the pairs lost one end
const planned = plan(DEVICES, TUNNELS, SEED);
const byRule = new Map<string, number>();
for (const f of report.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`,
);
console.log(`files: ${files.length} (${report.inputs.length} devices read, ${unreadable} unreadable), ${mb(bytes)} MB, ${lines} lines`);
console.log(
  `tunnels: ${report.pairs.length} pairs found (${TUNNELS} generated, ${planned.unmatched} of them with one end removed on purpose: ${TUNNELS - planned.unmatched} pairs and ${planned.unmatched} unmatched-tunnel expected), ${report.findings.length} findings: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`,
);
console.log(
  `audit: wall ${seconds(wallMs)} s, ${(bytes / 1048576 / (wallMs / 1000)).toFixed(1)} MB/s, peak RSS ${rssMb.toFixed(0)} MB, CPU ${seconds((cpu.user + cpu.system) / 1000)} s (all threads)`,
);
console.log(
  `floor (read + split into lines): ${seconds(floorMs)} s, ${(bytes / 1048576 / (floorMs / 1000)).toFixed(1)} MB/s; audit ÷ floor = ${(wallMs / floorMs).toFixed(1)}`,
);

// 4. where the time went: each stage as recorded during the run above
const filesOf = new Map<string, number>();
for (const i of report.inputs) filesOf.set(i.vendor, (filesOf.get(i.vendor) ?? 0) + 1);
// (the table worker's render and write: on its own thread, beside this thread's other formats)
const threadStages = (stage: string) =>
  stage === 'read' || stage === 'detect' || stage === 'release text' || stage === 'intern strings' || stage.startsWith('parse ') || stage.endsWith('(worker)');
console.log('stages (read, detect, parse: seconds summed over the threads that did them; the others: main thread):');
for (const [stage, ms] of stages) {
  const vendorFiles = stage.startsWith('parse ') ? filesOf.get(stage.slice(6)) : undefined;
  console.log(
    `  ${threadStages(stage) ? '  ' : ''}${stage.padEnd(threadStages(stage) ? 20 : 22)} ${seconds(ms).padStart(7)} s${vendorFiles ? `  ${String(vendorFiles).padStart(5)} files` : ''}`,
  );
}
// 'read stage (CPU)': every thread's CPU during the read stage, not a share of the wall time
const accounted = stages.filter(([s]) => !threadStages(s) && !s.endsWith('(CPU)')).reduce((n, [, ms]) => n + ms, 0);
console.log(`  ${'(unaccounted)'.padEnd(22)} ${seconds(Math.max(0, wallMs - accounted)).padStart(7)} s`);
// the terminal report's share of the audit (issue 14: under 10 %). On the table worker (when
// there are other formats) it runs beside them: what it then costs the audit's wall is the copy
// handed to the worker and the wait for it, which is printed beside the worker's own time.
const stageMs = (name: string) => stages.find(([s]) => s === name)?.[1];
const pct = (ms: number) => `${((100 * ms) / wallMs).toFixed(1)} %`;
const tableHere = stageMs('render table');
const tableWorker = stageMs('render table (worker)');
if (tableHere !== undefined)
  console.log(`table render: ${seconds(tableHere)} s for ${report.findings.length} findings, ${pct(tableHere)} of the audit's wall time`);
else if (tableWorker !== undefined) {
  const added = (stageMs('render handoff') ?? 0) + (stageMs('render wait') ?? 0);
  console.log(
    `table render: ${seconds(tableWorker)} s for ${report.findings.length} findings on the table worker (${pct(tableWorker)} of the wall, beside the other formats); handoff + wait on the main thread ${seconds(added)} s, ${pct(added)} of the audit's wall time`,
  );
}

if (!values.keep && !values.dir) rmSync(base, { recursive: true, force: true });
else console.log(`kept: ${base}`);
console.log(
  `bench: devices=${DEVICES} tunnels=${TUNNELS} mb=${mb(bytes)} wall_s=${seconds(wallMs)} floor_s=${seconds(floorMs)} ratio=${(wallMs / floorMs).toFixed(1)} rss_mb=${rssMb.toFixed(0)}`,
);
