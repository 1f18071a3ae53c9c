/**
 * The terminal report fits the terminal: at 80 and 120 columns (`COLUMNS`, or a TTY's width) no
 * line of `compare`, `compare --state`, `state`, `audit`, `show` or `rules` is wider, counted in
 * terminal cells (a wide character takes two); below the table's width each finding is a block
 * carrying what the table row did. And the renderer is linear: thousands of findings render at
 * once (the old cli-table3 table took tens of seconds).
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import stringWidth from 'string-width';
import { run } from '../../src/cli/main.js';
import type { Report, ReportFinding } from '../../src/report/report.js';
import { renderTable, TABLE_MIN_WIDTH } from '../../src/report/table.js';
import { cellWidth, renderGrid, wrap } from '../../src/report/text.js';
import { copyRepo, NOW } from '../audit/repo.js';
import { fixturePath, ROOT } from '../helpers.js';
import { captureIo } from '../io.js';

const PAIRS = fixturePath('pairs');
const cases = readdirSync(PAIRS)
  .filter((d) => existsSync(join(PAIRS, d, 'expected.json')))
  .sort();

function tooWide(text: string, width: number): string[] {
  return text.split('\n').filter((l) => stringWidth(l) > width);
}

async function cli(argv: string[], width: number, cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ now: NOW });
  io.width = width;
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(argv, io);
    return { code, out: io.out, err: io.err };
  } finally {
    process.chdir(before);
  }
}

describe('terminal report width', () => {
  for (const width of [80, 120]) {
    describe(`at ${width} columns`, () => {
      for (const c of cases) {
        it(`compare ${c}`, async () => {
          const exp = JSON.parse(readFileSync(join(PAIRS, c, 'expected.json'), 'utf8')) as { a: string; b: string; tunnel?: string; findings: unknown[] };
          const argv = [
            'compare',
            relative(ROOT, join(PAIRS, c, exp.a)),
            relative(ROOT, join(PAIRS, c, exp.b)),
            ...(exp.tunnel ? ['--tunnel', exp.tunnel] : []),
          ];
          const r = await cli(argv, width);
          expect(r.err).to.equal('');
          expect(tooWide(r.out, width)).to.deep.equal([]);
          // every finding is there, as a block (severity and rule on its first line) with its tunnel, both sides and the effect
          // every finding is a block: severity and rule on its first line (then its tunnel, both sides and the effect)
          const heads = r.out
            .split('\n')
            .map((l) => /^\d+\. (error|warning|info) {2}(\S+)$/.exec(l))
            .flatMap((m) => (m ? [`${m[2]}:${m[1]}`] : []));
          expect(heads.sort()).to.deep.equal((exp.findings as Array<{ rule: string; severity: string }>).map((f) => `${f.rule}:${f.severity}`).sort());
          if (exp.findings.length) {
            expect(r.out).to.match(/^ {3}tunnel \S/m);
            expect(r.out).to.match(/^ {3}A {6}\S/m);
            expect(r.out).to.match(/^ {3}B {6}\S/m);
            expect(r.out).to.contain('→ ');
          }
        });
      }

      it('audit fixtures/audit-repo, with and without its inventory', async () => {
        const repo = copyRepo();
        try {
          for (const extra of [[], ['--inventory', 'tunnels.yaml']]) {
            const r = await cli(['audit', '.', ...extra], width, repo.root);
            expect(r.code).to.equal(1);
            expect(tooWide(r.out, width)).to.deep.equal([]);
            expect(r.out, r.out.slice(0, 600)).to.match(/^1\. (error|warning|info) {2}[a-z0-9-]+$/m);
          }
        } finally {
          repo.dispose();
        }
      });

      it('state and compare --state on the state fixtures', async () => {
        const dir = fixturePath('state', 'pairs', 'fgt-asa-stale-after-reboot');
        const stale = [join(dir, 'fgt-dc.txt'), join(dir, 'asa-br12.txt')].map((f) => relative(ROOT, f));
        const r = await cli(['state', ...stale], width);
        expect(r.code).to.equal(1);
        expect(tooWide(r.out, width)).to.deep.equal([]);
        expect(r.out).to.contain('0x4c1a77e2 ✗ STALE');
      });

      it('show and rules', async () => {
        for (const argv of [['show', 'fixtures/pairs/demo-fgt-pfsense/pfsense-hq.xml'], ['rules']]) {
          const r = await cli(argv, width);
          expect(r.code).to.equal(0);
          expect(tooWide(r.out, width)).to.deep.equal([]);
        }
      });
    });
  }

  it('at 160 columns the findings are a table with a row per finding', async () => {
    expect(TABLE_MIN_WIDTH).to.be.at.most(160);
    const r = await cli(['compare', 'fixtures/pairs/demo-fgt-pfsense/fgt-branch.conf', 'fixtures/pairs/demo-fgt-pfsense/pfsense-hq.xml'], 160);
    expect(tooWide(r.out, 160)).to.deep.equal([]);
    expect(r.out).to.match(/^│ 1\. info\s+│ p2-lifetime-mismatch\s+│ to-hq \[to-hq-lan\]\s+│ set\s+│ <lifetime>3600<\//m);
  });
});

describe('terminal text helpers', () => {
  it('count wide characters as two cells and escapes as none', () => {
    expect(cellWidth('abc')).to.equal(3);
    expect(cellWidth('東京')).to.equal(4);
    expect(cellWidth('\u001b[31;1merror\u001b[0m')).to.equal(5);
    expect(cellWidth('↔ ✓')).to.equal(3);
  });

  it('wrap at spaces, keep the indentation, cut only what has no space (paths at /)', () => {
    expect(wrap('    set keylifeseconds 3600 and more words here', 20)).to.deep.equal(['    set', '    keylifeseconds', '    3600 and more', '    words here']);
    expect(wrap('a long line that wraps', 12, { hang: '  ' })).to.deep.equal(['a long line', '  that wraps']);
    expect(wrap('configs/branches/routeros-kiel.rsc:22', 16)).to.deep.equal(['configs/', 'branches/', 'routeros-kiel.rs', 'c:22']);
    expect(wrap('東京東京東京', 5)).to.deep.equal(['東京', '東京', '東京']);
    expect(wrap('a\n\nb', 10)).to.deep.equal(['a', '', 'b']);
  });

  it('draw a grid whose every line is as wide as its columns', () => {
    const g = renderGrid([['東京 x', 'a b c d e f']], { colWidths: [6, 7], head: ['A', 'B'] });
    expect(g.split('\n').map((l) => stringWidth(l))).to.deep.equal(Array(6).fill(16));
    expect(g).to.equal(['┌──────┬───────┐', '│ A    │ B     │', '├──────┼───────┤', '│ 東京 │ a b c │', '│ x    │ d e f │', '└──────┴───────┘'].join('\n'));
  });

  it('measure without segmenting only characters string-width counts as one cell each', () => {
    // the fast path of cellWidth: every character it covers, alone and after ASCII
    const covered = [
      [0x20, 0x7e],
      [0xa0, 0xac],
      [0xae, 0x2ff],
      [0x2010, 0x2027],
      [0x2030, 0x205e],
      [0x2190, 0x21ff],
      [0x2200, 0x22ff],
      [0x2500, 0x259f],
    ];
    for (const [from, to] of covered)
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        expect(stringWidth(ch), `U+${c.toString(16)}`).to.equal(1);
        expect(cellWidth(`x${ch}`), `U+${c.toString(16)}`).to.equal(2);
      }
    // and just outside it: soft hyphen, zero-width space, a combining accent, an emoji, CJK
    expect(['a\u00ad', 'a\u200b', 'e\u0301', '✅', '東'].map(cellWidth)).to.deep.equal([1, 1, 1, 2, 2]);
  });

  it('render thousands of findings in linear time, as blocks and as a table', () => {
    const finding = (i: number): ReportFinding => ({
      rule: 'p2-lifetime-mismatch',
      severity: 'warning',
      title: 'Phase 2 lifetimes differ',
      message: `Phase 2 lifetime differs: 28800 s (8h) vs 3600 s (1h) on tunnel ${i}`,
      effect: 'IKEv2 does not negotiate lifetimes (RFC 7296 §2.8): each end enforces its own, so the shorter end rekeys first.',
      a: {
        end: { device: `configs/site-${i}/fgt.conf`, vendor: 'fortigate', tunnel: `to-hq-${i}` },
        setting: { value: 28800, raw: 'set keylifeseconds 28800', origin: 'explicit', at: { file: `configs/site-${i}/fgt.conf`, line: 54 } },
        display: '28800 s (8h)',
        fix: 'config vpn ipsec phase2-interface\n    edit "to-hq"\n        set keylifeseconds 3600\n    next\nend',
      },
      b: {
        end: { device: 'configs/hq/pfsense.xml', vendor: 'pfsense', tunnel: `branch-${i}` },
        setting: { value: 3600, raw: '<lifetime>3600</lifetime>', origin: 'explicit', at: { file: 'configs/hq/pfsense.xml', line: 76 + i } },
        display: '3600 s (1h)',
      },
    });
    const report = (n: number): Report => ({
      tool: 'ipsec-drift',
      version: '0',
      generatedAt: '',
      inputs: [],
      pairs: [],
      findings: Array.from({ length: n }, (_, i) => finding(i)),
      summary: { error: 0, warning: n, info: 0 },
    });
    const big = report(4000);
    for (const width of [80, 200]) {
      const t = performance.now();
      const text = renderTable(big, { color: false, width, fleet: true });
      const ms = performance.now() - t;
      expect(text.split('\n').filter((l) => l.startsWith('4000. warning') || l.startsWith('│ 4000.')).length, `width ${width}`).to.equal(1);
      // a generous bound (a loaded 2-core machine): cli-table3 took over a minute for this many rows
      expect(ms, `width ${width}`).to.be.below(10000);
    }
  });

  it('render 20,000 findings with fixes as blocks (more lines than a call takes arguments)', () => {
    const n = 20000;
    const finding = (i: number): ReportFinding => ({
      rule: 'p2-lifetime-mismatch',
      severity: 'warning',
      title: 'Phase 2 lifetimes differ',
      message: `Phase 2 lifetime differs on tunnel ${i}`,
      effect: 'each end enforces its own',
      a: {
        end: { device: `configs/site-${i}/fgt.conf`, vendor: 'fortigate', tunnel: `to-hq-${i}` },
        setting: { value: 28800, raw: 'set keylifeseconds 28800', origin: 'explicit', at: { file: `configs/site-${i}/fgt.conf`, line: 54 } },
        fix: 'config vpn ipsec phase2-interface\n    edit "to-hq"\n        set keylifeseconds 3600\n    next\nend',
      },
    });
    const report: Report = {
      tool: 'ipsec-drift',
      version: '0',
      generatedAt: '',
      inputs: [],
      pairs: [],
      findings: Array.from({ length: n }, (_, i) => finding(i)),
      summary: { error: 0, warning: n, info: 0 },
    };
    const lines = renderTable(report, { color: false, width: 80, fleet: true }).split('\n');
    expect(lines.filter((l) => l.startsWith('20000. warning'))).to.have.length(1);
    expect(lines.filter((l) => l.startsWith('20000. p2-lifetime-mismatch — fix on A'))).to.have.length(1);
    expect(lines.at(-2)).to.equal(`0 error(s), ${n} warning(s), 0 info`);
  });
});
