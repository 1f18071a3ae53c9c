/**
 * `npm run bench` runs `bench/audit.ts` compiled to JavaScript: src, adapters and bench are
 * transformed with esbuild (as `npm run build` would, without type checking: about a second) into
 * node_modules/.cache/ipsec-drift-bench and the bench runs there on plain node. The audit and its
 * worker threads then run the JavaScript a CI job runs; from source, each read worker would first
 * load tsx and transform every module (1–2 s before it reads its first file), which the built
 * CLI never pays. Arguments go to the bench unchanged.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'node_modules', '.cache', 'ipsec-drift-bench');
const [name = 'audit', ...args] = process.argv.slice(2);

const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src/*.ts', 'adapters/*.ts', 'bench/*.ts'], {
  cwd: ROOT,
  encoding: 'utf8',
});
if (files.status !== 0) throw new Error(`git ls-files failed: ${files.stderr}`);
const entryPoints = files.stdout
  .split('\n')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => join(ROOT, f));
await build({ entryPoints, outdir: OUT, outbase: ROOT, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
// ESM, and the name and version src/version.ts looks for one folder up from src/
const pkg = (await import(join(ROOT, 'package.json'), { with: { type: 'json' } })).default as { name: string; version: string };
writeFileSync(join(OUT, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true })}\n`);

const r = spawnSync(process.execPath, [join(OUT, 'bench', `${name}.js`), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
