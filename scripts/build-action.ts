/**
 * Builds the one self-contained CLI file that the GitHub Action, the GitLab template and the
 * pre-commit hook run: dist-action/ipsec-drift.mjs, committed, so nothing is fetched from a
 * package registry when they run (the convention of JavaScript actions). test/action.test.ts
 * rebuilds it into a temporary directory and compares the bytes with the committed file.
 *
 * Deterministic: no timestamp, no absolute path (esbuild names sources relative to the working
 * directory given), no minification whose output could vary, no source map.
 *
 *   npm run build:action      (after a change under src/ or adapters/, commit the result)
 */
import { chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = 'dist-action/ipsec-drift.mjs';

const BANNER = [
  '#!/usr/bin/env node',
  '// ipsec-drift: the command line in one file, built by scripts/build-action.ts from src/ and adapters/',
  '// (npm run build:action). Do not edit: test/action.test.ts checks that it equals a fresh build.',
  // the CommonJS dependencies (ssh2, xml2js…) call require(): give the ES module one
  "import { createRequire as __ipsecDriftCreateRequire } from 'node:module';",
  "import { fileURLToPath as __ipsecDriftFileURLToPath } from 'node:url';",
  'const require = __ipsecDriftCreateRequire(import.meta.url);',
  // and ssh2's WebAssembly loader (poly1305) reads __dirname
  'const __filename = __ipsecDriftFileURLToPath(import.meta.url);',
  "const __dirname = __ipsecDriftFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/** Build the bundle into `outFile` (absolute, or relative to the repository). */
export async function buildBundle(outFile = join(ROOT, BUNDLE)): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/bundle.ts'],
    outfile: resolve(ROOT, outFile),
    bundle: true,
    // paths in the bundle (its comments, its module keys) as seen from the repository, even when
    // node_modules is a symbolic link (a second worktree sharing the first one's)
    preserveSymlinks: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // src/read/pool.ts: in the bundle the read pool's workers start on this same file
    define: { IPSEC_DRIFT_BUNDLE: 'true' },
    // ssh2's native helpers are optional (it falls back to its JavaScript crypto when they are
    // absent, as they are here): a .node file cannot be inlined, so its require stays a run-time one.
    // node-routeros requires source-map-support only when ENV=testing (its own test runs).
    external: ['cpu-features', '*.node', 'source-map-support'],
    banner: { js: BANNER },
    legalComments: 'inline',
    charset: 'utf8',
    logLevel: 'warning',
  });
  // executable: the pre-commit hook (.pre-commit-hooks.yaml, language script) runs it by its path
  chmodSync(resolve(ROOT, outFile), 0o755);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle();
  console.log(`wrote ${BUNDLE}`);
}
