/**
 * The benchmark's synthetic repository stays what it claims to be: every file is detected as the
 * vendor it was written for and parses with all its tunnels, and the audit pairs the generated
 * pairs (so `npm run bench` measures real work, not unreadable files).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRepo, pathOf, plan } from '../../bench/generate.js';
import { loadDevice } from '../../src/read/load.js';
import { runAudit } from '../../src/audit/audit.js';

describe('bench: generated config repository', function () {
  this.timeout(120_000);
  const DEVICES = 60;
  const TUNNELS = 200;
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ipsec-drift-bench-test-'));
    generateRepo(root, DEVICES, TUNNELS, 7);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is deterministic for a seed and covers every vendor', () => {
    const a = plan(DEVICES, TUNNELS, 7);
    expect(plan(DEVICES, TUNNELS, 7)).to.deep.equal(a);
    expect(new Set(a.devices.map((d) => d.vendor)).size).to.equal(9);
    expect(a.pairs).to.equal(TUNNELS);
    // every branch has its hub tunnel, every hub its branches
    expect(a.devices.filter((d) => d.tunnels.length === 0).map((d) => d.name)).to.deep.equal([]);
  });

  it('every file is detected as its vendor and yields every tunnel written into it', () => {
    const wrong: string[] = [];
    for (const d of plan(DEVICES, TUNNELS, 7).devices) {
      const device = loadDevice(join(root, pathOf(d)));
      if (device.vendor !== d.vendor || device.tunnels.length !== d.tunnels.length)
        wrong.push(`${pathOf(d)}: ${device.vendor} with ${device.tunnels.length} tunnels, expected ${d.vendor} with ${d.tunnels.length}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('the audit reads every file and pairs every pair written on both ends', () => {
    const p = plan(DEVICES, TUNNELS, 7);
    const r = runAudit({ roots: [root] });
    expect(r.unreadable).to.equal(0);
    expect(r.devices.length).to.equal(DEVICES);
    expect(r.pairs.length).to.equal(p.pairs - p.unmatched);
    expect(r.report.findings.filter((f) => f.rule === 'unmatched-tunnel').length).to.equal(p.unmatched);
  });
});
