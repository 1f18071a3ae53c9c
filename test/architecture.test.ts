/** The layering the design promises, checked on the source text: what may import what. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, filesUnder } from './helpers.js';

/** `from '…'` specifiers of a TypeScript file (static and dynamic imports). */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);
}

describe('architecture', () => {
  it('rules are pure: no file under src/compare/rules imports an adapter', () => {
    const offenders = filesUnder(join(ROOT, 'src', 'compare', 'rules'))
      .filter((p) => p.endsWith('.ts'))
      .flatMap((p) =>
        importsOf(p)
          .filter((s) => /(^|\/)adapters\//.test(s))
          .map((s) => `${relative(ROOT, p)} imports ${s}`),
      );
    expect(offenders).to.deep.equal([]);
  });

  it('the audit does not reach into the command line: no file under src/audit imports src/cli', () => {
    const offenders = filesUnder(join(ROOT, 'src', 'audit'))
      .filter((p) => p.endsWith('.ts'))
      .flatMap((p) =>
        importsOf(p)
          .filter((s) => /(^|\/)cli\//.test(s))
          .map((s) => `${relative(ROOT, p)} imports ${s}`),
      );
    expect(offenders).to.deep.equal([]);
  });

  it('the stages that name no vendor reach adapters only through the registry (adapters/index.ts)', () => {
    const offenders = ['collect', 'read', 'compare', 'report']
      .flatMap((d) => filesUnder(join(ROOT, 'src', d)))
      .filter((p) => p.endsWith('.ts'))
      .flatMap((p) =>
        importsOf(p)
          .filter((s) => /(^|\/)adapters\/(?!index\.js$)/.test(s))
          .map((s) => `${relative(ROOT, p)} imports ${s}`),
      );
    expect(offenders).to.deep.equal([]);
  });
});
