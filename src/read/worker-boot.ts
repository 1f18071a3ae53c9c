/**
 * Starting a worker thread on one of our modules, from source (tests, `npm run bench`: .ts under
 * tsx), built (.js) or in the one-file bundle (the bundle itself, whose entry src/cli/bundle.ts
 * runs the worker a `role` in its workerData names). Used by the read pool (src/read/pool.ts) and
 * the table worker (src/cli/table-worker.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Set (to true) by esbuild in the one-file bundle (scripts/build-action.ts). */
declare const IPSEC_DRIFT_BUNDLE: boolean | undefined;
const BUNDLED = typeof IPSEC_DRIFT_BUNDLE !== 'undefined' && IPSEC_DRIFT_BUNDLE === true;

/**
 * The worker's first script (`eval: true`) for the entry module `name` (no extension) beside the
 * module whose `import.meta.url` is `from`. On Node 20 module hooks registered by `--import tsx` do
 * not reach a worker's modules, so from source the worker registers tsx itself before importing
 * its entry.
 */
export function bootScript(from: string, name: string): string {
  if (BUNDLED) return `import(${JSON.stringify(from)})`;
  const source = from.endsWith('.ts');
  const entry = JSON.stringify(new URL(`./${name}${source ? '.ts' : '.js'}`, from).href);
  if (!source) return `import(${entry})`;
  // require.resolve rather than import.meta.resolve: under a CJS transform (mocha + tsx) the latter
  // is missing (and the ESM build of tsx's API: its CJS build resolves its own hooks file wrongly from a worker)
  const cjs = createRequire(from).resolve('tsx/esm/api');
  const tsx = JSON.stringify(pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href);
  return `import(${tsx}).then((m) => { m.register(); return import(${entry}); })`;
}
