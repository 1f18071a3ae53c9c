/**
 * Several formats in one run (`--format X --output FILE`, as action.yml and docs/ci.md write
 * them), and what SARIF does with findings from a live source (no file in the repo).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputsOf } from '../../src/cli/commands/audit.js';
import { renderSarif } from '../../src/report/sarif.js';
import { rules } from '../../src/compare/rules/index.js';
import type { Report } from '../../src/report/report.js';
import { audit, copyRepo, type RepoCopy } from './repo.js';

const seq = (...args: string[]) => {
  const out: Array<{ option: 'format' | 'output'; value: string }> = [];
  for (let i = 0; i < args.length; i += 2) out.push({ option: args[i].slice(2) as 'format' | 'output', value: args[i + 1] });
  return out;
};

describe('audit: --format and --output', () => {
  it('each --output is for the --format right before it; the one without goes to standard output', () => {
    expect(
      outputsOf(
        ['table', 'sarif', 'junit'],
        ['r.sarif', 'j.xml'],
        seq('--format', 'table', '--format', 'sarif', '--output', 'r.sarif', '--format', 'junit', '--output', 'j.xml'),
      ),
    ).to.deep.equal([{ format: 'table' }, { format: 'sarif', output: 'r.sarif' }, { format: 'junit', output: 'j.xml' }]);
    expect(outputsOf(['sarif', 'table'], ['r.sarif'], seq('--format', 'sarif', '--output', 'r.sarif', '--format', 'table'))).to.deep.equal([
      { format: 'sarif', output: 'r.sarif' },
      { format: 'table' },
    ]);
    expect(outputsOf(undefined, ['audit.txt'], seq('--output', 'audit.txt'))).to.deep.equal([{ format: 'table', output: 'audit.txt' }]);
    expect(outputsOf(undefined, undefined, [])).to.deep.equal([{ format: 'table' }]);
  });

  it('refuses what it cannot pair', () => {
    expect(() => outputsOf(['json'], ['r.json'], seq('--output', 'r.json', '--format', 'json'))).to.throw(
      '--output r.json: put it right after the --format it is for (--format sarif --output r.json)',
    );
    expect(() => outputsOf(['json'], ['a', 'b'], seq('--format', 'json', '--output', 'a', '--output', 'b'))).to.throw('--output b: put it right after');
    expect(() => outputsOf(['json', 'table'], [], seq('--format', 'json', '--format', 'table'))).to.throw('only one --format may go to standard output');
    expect(() => outputsOf(['xml'], [], seq('--format', 'xml'))).to.throw('--format xml: expected table, json, sarif, junit, html');
  });

  describe('on the command line', function () {
    this.timeout(120_000);
    let repo: RepoCopy;
    before(() => (repo = copyRepo()));
    after(() => repo.dispose());

    it("action.yml's order: the table on standard output, SARIF and JUnit in their files", async () => {
      const sarif = join(repo.out, 'ipsec-drift.sarif');
      const junit = join(repo.out, 'junit.xml');
      const r = await audit(repo.root, [
        '.',
        '--fail-on',
        'warning',
        '--format',
        'table',
        '--format',
        'sarif',
        '--output',
        sarif,
        '--format',
        'junit',
        '--output',
        junit,
      ]);
      expect(r.code).to.equal(1);
      expect(r.out).to.contain('│ Severity');
      expect((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version).to.equal('2.1.0');
      expect(readFileSync(junit, 'utf8')).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ipsec-drift"/);
    });

    it('an --output before any --format: exit 2 with the fix', async () => {
      const r = await audit(repo.root, ['.', '--output', 'r.json', '--format', 'json']);
      expect([r.code, r.err]).to.deep.equal([2, 'ipsec-drift: --output r.json: put it right after the --format it is for (--format sarif --output r.json)\n']);
    });
  });
});

describe('audit: SARIF for a live source', () => {
  const url = 'ssh://netops@fw-zurich.corp.example';
  const report: Report = {
    tool: 'ipsec-drift',
    version: '0.1.0',
    generatedAt: '2026-03-02T08:00:00.000Z',
    inputs: [],
    pairs: [],
    summary: { error: 0, warning: 1, info: 0 },
    findings: [
      {
        rule: 'p2-lifetime-mismatch',
        severity: 'warning',
        title: 'Phase 2 lifetimes differ',
        message: 'Phase 2 lifetime differs: 3600 s (1h) vs 28800 s (8h)',
        effect: 'rekeys driven by one side',
        setting: 'phase2[zh].lifetimeSeconds',
        a: {
          end: { device: url, vendor: 'fortigate', tunnel: 'to-hq' },
          setting: { value: 3600, raw: 'set keylifeseconds 3600', origin: 'explicit', at: { file: url, line: 212 } },
        },
        b: {
          end: { device: 'configs/hq/fgt-hq.conf', vendor: 'fortigate', tunnel: 'to-zurich' },
          setting: { value: 28800, raw: 'set keylifeseconds 28800', origin: 'explicit', at: { file: 'configs/hq/fgt-hq.conf', line: 330 } },
        },
      },
    ],
  };
  const where = (l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) =>
    `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`;

  it('anchors the live side at its inventory entry, never at the URL', () => {
    const sarif = JSON.parse(renderSarif(report, rules, { anchors: new Map([[url, { file: 'tunnels.yaml', line: 7 }]]) }));
    const r = sarif.runs[0].results[0];
    expect(r.locations.map(where)).to.deep.equal(['tunnels.yaml:7']);
    expect(r.relatedLocations.map(where)).to.deep.equal(['configs/hq/fgt-hq.conf:330']);
    expect(JSON.stringify(r.locations)).not.to.contain('ssh:');
  });

  it('without an anchor the repo side becomes the primary location', () => {
    const r = JSON.parse(renderSarif(report, rules)).runs[0].results[0];
    expect(r.locations.map(where)).to.deep.equal(['configs/hq/fgt-hq.conf:330']);
    expect(r.relatedLocations).to.equal(undefined);
  });
});
