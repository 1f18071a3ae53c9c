/**
 * Issue 13 (speed, peak memory): the large formats of an audit are written in pieces as they are
 * made (tableChunks, jsonChunks, sarifChunks → writeOutputChunks) and must be the same bytes as
 * the whole-string renderers; the fast paths of the terminal escaping and of cell measuring must
 * agree with the character classes they stand for, unit by unit.
 */
import { expect } from 'chai';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputChunks } from '../../src/cli/output.js';
import { UsageError } from '../../src/model/errors.js';
import { jsonChunks, LazyArray, renderJson, serialized } from '../../src/report/json.js';
import type { Report, ReportFinding } from '../../src/report/report.js';
import { forTerminal, jsonSafe } from '../../src/report/sanitize.js';
import { tableChunks } from '../../src/report/table.js';
import { isPlain, plainLines } from '../../src/report/text.js';

const joined = (chunks: Iterable<string>) => [...chunks].join('');

function finding(i: number, fix = 'config vpn ipsec phase2-interface\n    edit "to-hq"\n        set keylifeseconds 3600\n    next\nend'): ReportFinding {
  return {
    rule: 'p2-lifetime-mismatch',
    severity: 'warning',
    title: 'Phase 2 lifetimes differ',
    message: `Phase 2 lifetime differs on tunnel ${i} (28800 s ↔ 3600 s)`,
    effect: 'each end enforces its own',
    setting: 'p2.lifetime',
    a: {
      end: { device: `configs/site-${i}/fgt.conf`, vendor: 'fortigate', tunnel: `to-hq-${i}`, at: { file: `configs/site-${i}/fgt.conf`, line: 50 } },
      setting: { value: 28800, raw: 'set keylifeseconds 28800', origin: 'explicit', at: { file: `configs/site-${i}/fgt.conf`, line: 54 } },
      display: '28800 s (8h)',
      fix,
    },
    b: {
      end: { device: 'configs/hq/asa.txt', vendor: 'asa', tunnel: `MAP ${i}`, phase2: `MAP ${i}` },
      setting: { value: 3600, raw: '', origin: 'default' },
      display: '3600 s (1h)',
    },
  };
}

function report(n: number, f: (i: number) => ReportFinding = finding): Report {
  return {
    tool: 'ipsec-drift',
    version: '0',
    generatedAt: '2026-01-02T03:04:05.000Z',
    inputs: [{ origin: 'configs/hq/asa.txt', vendor: 'asa', hostname: 'hq' }],
    pairs: [],
    findings: Array.from({ length: n }, (_, i) => f(i)),
    summary: { error: 0, warning: n, info: 0 },
  };
}

describe('report: written in pieces', () => {
  it('serialized() is JSON.stringify(value, null, 2) made safe, at every depth, with its rules for members', () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const values: unknown[] = [
      { a: [], b: {}, c: [[], {}, [1, [2, { d: 'x\ny' }]]], e: undefined, f: () => 1, g: Symbol('s'), h: null },
      [undefined, () => 1, { toJSON: () => 'j' }, date, 'C1 \u0085 and \u2028 and \ufffe', 0, false],
      { nested: { deeper: { deepest: [{ k: 'v' }, { k: ['w', { x: 1 }] }] } }, empty: [], only: { gone: undefined } },
      [],
      {},
      'a string',
      42,
      report(3),
    ];
    for (const v of values)
      for (const depth of [0, 1, 2, 3, 6])
        expect(joined(serialized(v, depth)), `depth ${depth}: ${JSON.stringify(v)}`).to.equal(`${jsonSafe(JSON.stringify(v, null, 2))}\n`);
  });

  it('a LazyArray serializes as the array of its items, each made only when it is reached', () => {
    const made: number[] = [];
    const lazy = new LazyArray(3, (i) => {
      made.push(i);
      return { i, text: `item ${i}` };
    });
    const pieces = serialized({ results: lazy }, 2);
    let text = '';
    for (const p of pieces) {
      text += p;
      // never more than the item being written has been made
      if (text.includes('"item 0"') && !text.includes('"item 1"')) expect(made).to.deep.equal([0]);
    }
    expect(made).to.deep.equal([0, 1, 2]);
    const eager = { results: [0, 1, 2].map((i) => ({ i, text: `item ${i}` })) };
    expect(text).to.equal(`${JSON.stringify(eager, null, 2)}\n`);
    expect(joined(serialized({ results: new LazyArray(0, () => 1) }, 2))).to.equal('{\n  "results": []\n}\n');
  });

  it('renderJson and jsonChunks give the report JSON.stringify gives', () => {
    const r = report(50);
    expect(renderJson(r)).to.equal(`${jsonSafe(JSON.stringify(r, null, 2))}\n`);
    expect(joined(jsonChunks(r))).to.equal(renderJson(r));
  });

  it('the table comes in chunks of whole lines, each neutralized: a `::` line far down is still made inert', () => {
    // block layout (80 columns): a fix line starting with `::` lands in a late chunk
    const r = report(3000, (i) => (i === 2900 ? finding(i, '::error file=x,line=1::owned') : finding(i)));
    const chunks = [...tableChunks(r, { color: false, width: 80, fleet: true })];
    expect(chunks.length).to.be.above(2);
    for (const c of chunks) expect(c.endsWith('\n'), 'each chunk ends a line').to.equal(true);
    const text = chunks.join('');
    expect(text).to.match(/^ {4}\\::error file=x,line=1::owned$/m);
    expect(text).not.to.match(/^[ \t]*::/m);
    expect(text.split('\n').filter((l) => l.startsWith('2901. p2-lifetime-mismatch — fix on A'))).to.have.length(1);
    expect(text.split('\n').at(-2)).to.equal('0 error(s), 3000 warning(s), 0 info');
    // the grid (200 columns): the same rows whatever the chunking
    const grid = joined(tableChunks(r, { color: false, width: 200, fleet: true }));
    expect(grid.split('\n').filter((l) => l.startsWith('│ 3000.   '))).to.have.length(1);
  });

  it('writeOutputChunks writes every piece; an unwritable path is a usage error, a renderer error is thrown as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-chunks-'));
    try {
      const path = join(dir, 'out.json');
      const big = 'x'.repeat(700_000);
      let writes = 0;
      const small = 'y'.repeat(20_000);
      writeOutputChunks(path, ['a', big, 'é', big, 'z\n', ...Array(60).fill(small), 'end\n'], '--output', () => writes++);
      expect(readFileSync(path, 'utf8')).to.equal(`a${big}é${big}z\n${small.repeat(60)}end\n`);
      // a large piece is written at once (with the small ones before it); small ones gather up to 2^20 units
      expect(writes).to.equal(4);
      expect(() => writeOutputChunks(join(dir, 'missing', 'out.json'), ['x'])).to.throw(UsageError, /the directory .* does not exist/);
      if (process.getuid?.() !== 0) {
        chmodSync(dir, 0o500);
        expect(() => writeOutputChunks(join(dir, 'ro.json'), ['x'])).to.throw(UsageError, /cannot be written \(permission denied\)/);
        chmodSync(dir, 0o700);
      }
      function* failing(): Generator<string> {
        yield 'partial';
        throw new RangeError('renderer broke');
      }
      expect(() => writeOutputChunks(path, failing())).to.throw(RangeError, 'renderer broke');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The character classes the fast paths stand for, as the regular expressions that defined them. */
const TERMINAL_LINE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\t\n\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TERMINAL_TEXT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const PLAIN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2200-\u22ff\u2500-\u259f]*$/;
const shown = (c: string) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('report: fast paths agree with their character classes', () => {
  it('forTerminal, one-line and multi-line, for every UTF-16 unit (alone, amid ASCII, twice: the cache)', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `ab ${ch} cd`]) {
        for (let twice = 0; twice < 2; twice++) {
          expect(forTerminal(text)).to.equal(text.replace(TERMINAL_LINE, shown));
          expect(forTerminal(text, true)).to.equal(text.replace(TERMINAL_TEXT, shown));
        }
      }
    }
    // a surrogate pair is a character, not two lone halves
    expect(forTerminal('a\ud83d\ude00b')).to.equal('a\ud83d\ude00b');
  });

  it('isPlain and plainLines, for every UTF-16 unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(isPlain(`ab${ch}`), c.toString(16)).to.equal(PLAIN.test(`ab${ch}`));
      expect(plainLines(`a\nb${ch}`), c.toString(16)).to.equal(c === 0x0a || PLAIN.test(`ab${ch}`));
    }
    expect(isPlain('')).to.equal(true);
    expect(isPlain('a\nb')).to.equal(false);
  });
});
