/**
 * Baselines over fixtures/audit-repo: write one, re-run (passes, in every format), move lines
 * (still passes: no line numbers in the key), add a drift (only it fails), fix a drift (its entry
 * is reported stale).
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStringPromise } from 'xml2js';
import type { Report } from '../../src/report/report.js';
import type { Baseline } from '../../src/audit/baseline.js';
import { audit, copyRepo, type RepoCopy } from './repo.js';
import { WITH_INVENTORY } from './expected.js';

type Sarif = {
  runs: Array<{
    results: Array<{
      ruleId: string;
      baselineState?: string;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
  }>;
};

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${path}: no "${from}" to replace`);
  writeFileSync(path, text.replace(from, to));
}

describe('audit: baselines', function () {
  this.timeout(120_000);
  let repo: RepoCopy;
  let baselinePath: string;
  const out = (f: string) => join(repo.out, f);
  /** the audit with the baseline, in all three machine formats */
  const withBaseline = () =>
    audit(repo.root, [
      '.',
      '--inventory',
      'tunnels.yaml',
      '--baseline',
      baselinePath,
      '--format',
      'json',
      '--output',
      out('r.json'),
      '--format',
      'sarif',
      '--output',
      out('r.sarif'),
      '--format',
      'junit',
      '--output',
      out('r.xml'),
      '--format',
      'table',
    ]);
  const json = () => JSON.parse(readFileSync(out('r.json'), 'utf8')) as Report;
  const sarif = () => JSON.parse(readFileSync(out('r.sarif'), 'utf8')) as Sarif;
  const junitFailures = async () => {
    const x = await parseStringPromise(readFileSync(out('r.xml'), 'utf8'));
    return (x.testsuites.testsuite as Array<{ testcase: Array<{ $: { classname: string; name: string }; failure?: unknown }> }>).flatMap((s) =>
      s.testcase.filter((c) => c.failure).map((c) => `${c.$.classname} :: ${c.$.name}`),
    );
  };

  before(() => {
    repo = copyRepo();
    baselinePath = join(repo.out, 'baseline.json');
  });
  after(() => repo.dispose());

  it('--write-baseline records every finding by rule, ends and setting — no line numbers — and exits 0', async () => {
    const r = await audit(repo.root, ['.', '--inventory', 'tunnels.yaml', '--write-baseline', baselinePath, '--format', 'json']);
    expect(r.code).to.equal(0);
    const b = JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline;
    expect(b.version).to.equal(1);
    expect(b.entries.length).to.equal(WITH_INVENTORY.length);
    expect(b.entries.find((e) => e.rule === 'pfs-mismatch')).to.deep.equal({
      rule: 'pfs-mismatch',
      ends: ['configs/branches/opnsense-graz.xml/HQ FortiGate', 'configs/hq/fgt-hq.conf/to-graz'],
      setting: 'phase2[Graz LAN to HQ].pfsGroups',
      message: 'PFS differs: no PFS vs modp2048 (14)',
    });
    expect(JSON.stringify(b)).not.to.match(/"line"|:\d+"/);
  });

  let firstPrints: Map<string, string>;
  it('re-run with --baseline: exit 0; every format says the findings are known', async () => {
    const r = await withBaseline();
    expect([r.code, r.err]).to.deep.equal([0, '']);
    const report = json();
    expect(report.findings.length).to.equal(WITH_INVENTORY.length); // still reported…
    expect(report.audit!.baselined).to.equal(WITH_INVENTORY.length); // …as accepted
    expect(report.audit!.staleBaseline).to.deep.equal([]);
    expect(sarif().runs[0].results.map((x) => x.baselineState)).to.deep.equal(WITH_INVENTORY.map(() => 'unchanged'));
    expect(await junitFailures()).to.deep.equal([]);
    expect(r.out).to.contain(`${WITH_INVENTORY.length} finding(s) in the baseline (not failing)`);
    firstPrints = new Map(
      sarif().runs[0].results.map((x) => [
        `${x.ruleId}@${x.locations[0].physicalLocation.artifactLocation.uri}`,
        x.partialFingerprints['ipsecDriftFinding/v1'],
      ]),
    );
  });

  it('moving lines changes neither the baseline match nor the SARIF fingerprints', async () => {
    // a new address object above the VPN tables pushes every FortiGate VPN line down by 4
    edit(
      join(repo.root, 'configs/hq/fgt-hq.conf'),
      '    edit "erp-01"',
      '    edit "print-01"\n        set uuid 6a0f3d1e-4b2c-51ef-1d9e-7c2b4a5f6e32\n        set subnet 10.1.0.30 255.255.255.255\n    next\n    edit "erp-01"',
    );
    const r = await withBaseline();
    expect(r.code).to.equal(0);
    expect(json().audit!.staleBaseline).to.deep.equal([]);
    const results = sarif().runs[0].results;
    const unmatched = results.find((x) => x.ruleId === 'unmatched-tunnel')!;
    expect(unmatched.locations[0].physicalLocation.region.startLine).to.equal(293); // was 289
    for (const x of results)
      expect(x.partialFingerprints['ipsecDriftFinding/v1'], x.ruleId).to.equal(
        firstPrints.get(`${x.ruleId}@${x.locations[0].physicalLocation.artifactLocation.uri}`),
      );
  });

  it('a new drift fails, alone: exit 1, the only "new" SARIF result and the only JUnit failure', async () => {
    // Lyon's admin switches phase 2 PFS off (HQ keeps group 14): breaks at the first CHILD_SA rekey
    edit(join(repo.root, 'configs/branches/pfsense-lyon.xml'), '<pfsgroup>14</pfsgroup>', '<pfsgroup>0</pfsgroup>');
    const r = await withBaseline();
    expect(r.code).to.equal(1);
    const fresh = sarif().runs[0].results.filter((x) => x.baselineState === 'new');
    expect(fresh.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine])).to.deep.equal([
      ['pfs-mismatch', 'configs/branches/pfsense-lyon.xml', 184],
    ]);
    expect(await junitFailures()).to.deep.equal(['configs/branches/pfsense-lyon.xml/HQ FortiGate <-> configs/hq/fgt-hq.conf/to-lyon :: pfs-mismatch']);
    expect(json().audit!.baselined).to.equal(WITH_INVENTORY.length);
  });

  it('a fixed drift leaves a stale entry, reported so the file can be pruned', async () => {
    edit(join(repo.root, 'configs/branches/pfsense-lyon.xml'), '<pfsgroup>0</pfsgroup>', '<pfsgroup>14</pfsgroup>');
    // Graz turns PFS on (OPNsense writes no <pfsgroup> while PFS is off)
    edit(join(repo.root, 'configs/branches/opnsense-graz.xml'), '<mode>tunnel</mode>', '<mode>tunnel</mode>\n      <pfsgroup>14</pfsgroup>');
    const r = await withBaseline();
    expect(r.code).to.equal(0);
    expect(json().audit!.staleBaseline).to.deep.equal([
      {
        rule: 'pfs-mismatch',
        ends: ['configs/branches/opnsense-graz.xml/HQ FortiGate', 'configs/hq/fgt-hq.conf/to-graz'],
        setting: 'phase2[Graz LAN to HQ].pfsGroups',
      },
    ]);
    expect(r.out).to.contain(
      '1 baseline entry matches nothing any more (prune with --write-baseline):\n  pfs-mismatch configs/branches/opnsense-graz.xml/HQ FortiGate <-> configs/hq/fgt-hq.conf/to-graz phase2[Graz LAN to HQ].pfsGroups',
    );
  });

  it('an unreadable baseline is an input error (exit 2)', async () => {
    writeFileSync(out('broken.json'), '{"version": 1, "entries": [');
    const r = await audit(repo.root, ['.', '--baseline', out('broken.json')]);
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/broken\.json: not valid JSON: /);
  });
});
