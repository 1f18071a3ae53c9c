/**
 * `npm run bench:golden -- --write FILE` / `--check FILE`: what every adapter reads, as data, so a
 * change to the scanning layer (section finding, line splitting, detection, the read pool) can be
 * shown to change nothing an adapter outputs. For every file under the given roots (default: the
 * fixtures, ../shared/real-configs and a synthetic bench repository generated with a fixed seed)
 * it records the detection ranking and the parsed Device JSON (or the ParseError) exactly as an
 * audit reads the file (src/read/job.ts, companions included), with a fixed PSK fingerprint key
 * so fingerprints compare across runs. `--audit DIR` also records the audit report of DIR
 * (pairs and findings; the run time left out). The snapshot is written outside the repository
 * (it holds fingerprints of the real corpus's keys): generate it from main before a change,
 * check the branch against it after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAudit } from '../src/audit/audit.js';
import { useRunKey } from '../src/model/secrets.js';
import { detectAll, detectBest } from '../src/read/detect.js';
import { readInput } from '../src/read/input.js';
import { readJob } from '../src/read/job.js';

const { values } = parseArgs({
  options: {
    write: { type: 'string' },
    check: { type: 'string' },
    root: { type: 'string', multiple: true },
    /** devices of the synthetic repository (0: none) */
    devices: { type: 'string', default: '120' },
  },
  strict: true,
});
const target = values.write ?? values.check;
if (!target || (values.write && values.check)) throw new Error('--write FILE or --check FILE');

useRunKey(new Uint8Array(32).fill(7));
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) out.push(...filesUnder(p));
    else if (s.isFile()) out.push(p);
  }
  return out;
}

const roots = values.root ?? [join(ROOT, 'fixtures'), resolve(ROOT, '..', 'shared', 'real-configs')].filter((d) => existsSync(d));
const devices = Number(values.devices);
let synthetic: string | undefined;
if (devices > 0) {
  synthetic = join(mkdtempSync(join(tmpdir(), 'ipsec-drift-golden-')), 'repo');
  const g = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      join(ROOT, 'bench', 'generate.ts'),
      '--out',
      synthetic,
      '--devices',
      String(devices),
      '--tunnels',
      String(devices * 5),
      '--seed',
      '1',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (g.status !== 0) throw new Error('generating the synthetic repository failed');
  roots.push(synthetic);
}

/** Paths as the root's label, absolute or relative to the working directory (as displayPath writes them). */
function stable(json: string, root: string, label: string): string {
  return json.split(root).join(`<${label}>`).split(relative(process.cwd(), root)).join(`<${label}>`);
}

/** One line per file: its name relative to its root, the detection ranking, what it reads as. */
const entries: string[] = [];
for (const root of roots) {
  const label = root === synthetic ? 'synthetic' : relative(ROOT, root);
  for (const path of filesUnder(root)) {
    let detection: Array<[string, number]> | string;
    try {
      const text = readInput(path);
      const all = detectAll(text, path);
      detection = all.map((d) => [d.adapter.id, d.confidence]);
      // what the audit uses (the search that stops early) is what the full ranking puts first
      const best = detectBest(text, path);
      if (best?.adapter !== all[0]?.adapter || best?.confidence !== all[0]?.confidence) {
        console.log(`detectBest differs from detectAll: ${path}: ${best?.adapter.id} ${best?.confidence} vs ${all[0]?.adapter.id} ${all[0]?.confidence}`);
        process.exitCode = 1;
      }
    } catch (e) {
      detection = (e as Error).message;
    }
    const outcome = readJob({ path, names: [path], mustBeConfig: false });
    const rel = `${label}/${relative(root, path)}`;
    // origins and messages name the absolute path of a temporary repository: make them stable
    const json = stable(JSON.stringify({ detection, outcome }), root, label);
    entries.push(`${rel}\t${json}`);
  }
}
if (synthetic) {
  const { report } = runAudit({ roots: [synthetic], jobs: 1, now: new Date(0) });
  entries.push(`synthetic/(audit report)\t${stable(JSON.stringify(report), synthetic, 'synthetic')}`);
}

if (values.write) {
  writeFileSync(values.write, `${entries.join('\n')}\n`);
  console.log(`golden: ${entries.length} entries written to ${values.write}`);
} else {
  const before = new Map(
    readFileSync(target, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)] as const),
  );
  const after = new Map(entries.map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)] as const));
  let differ = 0;
  for (const [k, v] of before) {
    const now = after.get(k);
    if (now === v) continue;
    differ++;
    if (differ > 20) continue;
    if (now === undefined) {
      console.log(`missing now: ${k}`);
      continue;
    }
    let i = 0;
    while (i < v.length && v[i] === now[i]) i++;
    console.log(`differs: ${k}\n  before: …${v.slice(Math.max(0, i - 80), i + 120)}\n  after:  …${now.slice(Math.max(0, i - 80), i + 120)}`);
  }
  for (const k of after.keys()) if (!before.has(k)) console.log(`new: ${k}`);
  console.log(`golden: ${before.size} entries, ${differ} differ`);
  if (differ) process.exitCode = 1;
}
