/** The layering the design promises, checked on the source text: what may import what. */
import { expect } from 'chai';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { adapters } from '../adapters/index.js';
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

  describe('src/collect, src/read, src/compare and src/report name no vendor', () => {
    /**
     * What in a file could switch on a vendor: every string, template text and regex literal, from
     * the TypeScript syntax tree. A literal of several words is prose (a rule's explanation may say
     * what FortiGate logs or how strongSwan narrows — knowledge about vendors, not code that
     * switches on one) and is left out; comments are not in the tree.
     */
    function literalsOf(path: string): string[] {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const out: string[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isRegularExpressionLiteral(node)) out.push(node.text);
        // a table keyed by vendor (`fortigate: …`) names it as much as a string does
        else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) out.push(`'${node.name.text}'`);
        else if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
          if (!/\s/.test(node.text)) out.push(`'${node.text}'`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      return out;
    }
    /** Telltale vendor syntax: configuration keys, secret fields, prompts and pagers, snapshot markers. */
    const TELLTALES = [
      /rekey_?time|rand_time|reauth_time|over_time|life_time/,
      /ikelifetime|keylife|margintime|rekeyfuzz/,
      /psksecret|Auth1PSK|SharedSecret|PreSharedKey|pre-shared-key|<key>/i,
      /crypto (isakmp|ikev[12]|map|ipsec)|tunnel-group|\/ip[ /]ipsec/,
      /config vpn|conf_file_ver|Cryptochecksum|software id/,
      /--More--|<--- More --->|terminal (pager|length)|set cli pager/,
      /swanctl|ipsec\.conf|ipsec\.secrets|config\.xml|<phase[12]>/,
    ];
    // The read-only gate is central on purpose: an adapter declares its commands but cannot widen
    // what counts as read-only, so the command grammars (show/get, menu print/export, cat, host
    // queries) are written out here, once, and reviewed as such.
    const CENTRAL_GATE = 'src/collect/allowlist.ts';
    const ids = adapters.map((a) => a.id);
    for (const dir of ['collect', 'read', 'compare', 'report']) {
      it(`src/${dir}: no adapter id and no vendor syntax in code`, () => {
        const hits: string[] = [];
        for (const p of filesUnder(join(ROOT, 'src', dir)).filter((f) => f.endsWith('.ts'))) {
          const where = relative(ROOT, p);
          const literals = literalsOf(p);
          for (const id of ids) if (literals.includes(`'${id}'`)) hits.push(`${where}: the adapter id '${id}'`);
          const code = literals.join('\n');
          if (where === CENTRAL_GATE) continue;
          for (const t of TELLTALES) {
            const m = t.exec(code);
            if (m) hits.push(`${where}: vendor syntax "${m[0]}"`);
          }
        }
        expect(hits).to.deep.equal([]);
      });
    }
  });
});
