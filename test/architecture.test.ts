/** The layering the design promises, checked on the source text: what may import what. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

  it('adapter folders import each other without a cycle, and a *-common folder imports no adapter', () => {
    const folderOf = (p: string) => relative(join(ROOT, 'adapters'), p).split('/')[0];
    const edges = new Map<string, Set<string>>();
    for (const p of filesUnder(join(ROOT, 'adapters')).filter((f) => f.endsWith('.ts') && relative(join(ROOT, 'adapters'), f).includes('/'))) {
      for (const s of importsOf(p).filter((x) => x.startsWith('.'))) {
        const target = folderOf(join(dirname(p), s));
        if (target !== folderOf(p) && !target.startsWith('..') && target !== 'index.js')
          edges.set(folderOf(p), (edges.get(folderOf(p)) ?? new Set()).add(target));
      }
    }
    const commonsImportingAdapters = [...edges].flatMap(([from, to]) =>
      from.endsWith('-common') ? [...to].filter((t) => !t.endsWith('-common')).map((t) => `${from} → ${t}`) : [],
    );
    expect(commonsImportingAdapters).to.deep.equal([]);
    // depth-first: a folder met again while still on the path closes a cycle
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (path.includes(f)) return void cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
      for (const t of edges.get(f) ?? []) visit(t, [...path, f]);
    };
    for (const f of edges.keys()) visit(f, []);
    expect(cycles).to.deep.equal([]);
  });
});
