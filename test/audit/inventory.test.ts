/**
 * The inventory in an audit: a device list (names instead of paths), and every way it can be
 * wrong — each is exit 2 with `tunnels.yaml:LINE: …` naming the line to fix.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/report/report.js';
import { audit, copyRepo, type RepoCopy } from './repo.js';

describe('audit: inventory', function () {
  this.timeout(120_000);
  let repo: RepoCopy;
  let original: string;
  before(() => {
    repo = copyRepo();
    original = readFileSync(join(repo.root, 'tunnels.yaml'), 'utf8');
  });
  after(() => repo.dispose());

  /** the fixture's tunnels.yaml with one edit, audited */
  async function withEdit(from: string, to: string) {
    if (!original.includes(from)) throw new Error(`tunnels.yaml has no "${from}"`);
    writeFileSync(join(repo.root, 'broken.yaml'), original.replace(from, to));
    return audit(repo.root, ['.', '--inventory', 'broken.yaml', '--exclude', 'broken.yaml']);
  }

  it('resolves names relative to the inventory, wherever the audit runs from', async () => {
    // run from the repo's parent: findings name files from there, the inventory still resolves
    const r = await audit(join(repo.root, '..'), ['repo', '--inventory', 'repo/tunnels.yaml', '--format', 'json']);
    expect(r.err).to.equal('');
    const report = JSON.parse(r.out) as Report;
    expect(report.pairs[0]).to.deep.include({ how: 'inventory repo/tunnels.yaml:13' });
    expect(report.pairs[0].a.device).to.equal('repo/configs/hq/fgt-hq.conf');
    expect(report.audit!.suppressed.map((s) => s.rule)).to.deep.equal(['p1-lifetime-mismatch']);
  });

  it('a device list reads only those devices, by name in pairs and ignores', async () => {
    writeFileSync(
      join(repo.root, 'three.yaml'),
      [
        'devices:',
        '  - name: hq',
        '    file: configs/hq/fgt-hq.conf',
        '  - name: porto',
        '    file: configs/branches/fgt-porto.conf',
        '  - name: lyon',
        '    file: configs/branches/pfsense-lyon.xml',
        '    vendor: pfsense',
        'pairs:',
        '  - a: hq/to-porto',
        '    b: porto/to-hq',
        'ignore:',
        '  - rule: traffic-selector-mismatch',
        '    tunnel: hq/to-lyon',
        '    reason: the Lyon voice VLAN goes live with CHG-3502',
        '',
      ].join('\n'),
    );
    const r = await audit(repo.root, ['--inventory', 'three.yaml', '--format', 'json']);
    const report = JSON.parse(r.out) as Report;
    expect(report.inputs.map((i) => i.origin)).to.deep.equal([
      'configs/hq/fgt-hq.conf',
      'configs/branches/fgt-porto.conf',
      'configs/branches/pfsense-lyon.xml',
    ]);
    expect(report.pairs.map((p) => p.how)).to.deep.equal(['inventory three.yaml:10', 'mirrored gateways']);
    // HQ's other tunnels point at devices not in the list: partners, as far as this audit knows
    expect(report.findings).to.deep.equal([]);
    expect(report.audit!.suppressed.map((s) => s.message)).to.deep.equal([
      'Phase 2 to-lyon-voice (10.2.0.0/24 ↔ 10.10.8.0/24) on to-lyon has no counterpart on the other end',
    ]);
    expect(r.code).to.equal(0);
  });

  const cases: Array<[string, string, string, string]> = [
    [
      'a pair naming a tunnel that does not exist',
      'b: configs/branches/fgt-porto.conf/to-hq',
      'b: configs/branches/fgt-porto.conf/to-head-office',
      'broken.yaml:13: "configs/branches/fgt-porto.conf/to-head-office": configs/branches/fgt-porto.conf has no tunnel "to-head-office" (it has: to-hq)\n',
    ],
    [
      'a pair naming a device that does not exist',
      'a: configs/hq/fgt-hq.conf/to-porto',
      'a: configs/hq/fgt-hq-01.conf/to-porto',
      'broken.yaml:13: "configs/hq/fgt-hq-01.conf/to-porto": no device of that name (known: configs/branches/fgt-porto.conf, configs/branches/ios-hamburg.cfg, configs/branches/opnsense-graz.xml, configs/branches/pfsense-lyon.xml, configs/branches/pfsense-nantes.xml, configs/branches/routeros-kiel.rsc, configs/branches/routeros-oslo.rsc, configs/branches/routeros-tallinn.rsc, configs/dc/asa-dc.txt, configs/dc/strongswan-bern/swanctl.conf, …)\n',
    ],
    [
      'a contract for a tunnel that does not exist',
      'tunnel: configs/hq/fgt-hq.conf/to-acme',
      'tunnel: configs/hq/fgt-hq.conf/to-acme-corp',
      'broken.yaml:19: "configs/hq/fgt-hq.conf/to-acme-corp": configs/hq/fgt-hq.conf has no tunnel "to-acme-corp" (it has: to-lyon, to-graz, to-oslo, to-kiel, to-porto, to-acme, to-globex, to-tallinn)\n',
    ],
    ['a misspelt key', '      lifetime: 1h\n', '      lifetme: 1h\n', 'broken.yaml:29: /contracts/0/phase2: unknown key "lifetme"\n'],
    [
      'a contract selector that is not a CIDR',
      'remote: [10.1.0.20/32]',
      'remote: [10.1.0.20/33]',
      'broken.yaml:19: contract acme-corp: phase2.remote: expected a CIDR such as 10.1.0.0/24, found "10.1.0.20/33"\n',
    ],
    [
      'a contract lifetime that is not a duration',
      'lifetime: 8h',
      'lifetime: eight hours',
      'broken.yaml:19: phase1.lifetime: expected a duration such as 8h, 3600 or 1h30m, found "eight hours"\n',
    ],
    [
      'an ignore of a rule that does not exist',
      'rule: natt-mismatch',
      'rule: nat-t-mismatch',
      'broken.yaml:43: ignore: unknown rule "nat-t-mismatch" (ipsec-drift rules lists them; * for any)\n',
    ],
    [
      'an ignore of a tunnel that does not exist',
      'tunnel: configs/branches/routeros-tallinn.rsc/bern-dc',
      'tunnel: configs/branches/routeros-tallinn.rsc/bern',
      'broken.yaml:43: "configs/branches/routeros-tallinn.rsc/bern": configs/branches/routeros-tallinn.rsc has no tunnel "bern" (it has: bern-dc)\n',
    ],
    [
      'an ignore without a reason',
      "    reason: Tallinn's ISP dropped UDP 4500 until the fibre upgrade (NET-2140)\n",
      '',
      "broken.yaml:43: /ignore/1: must have required property 'reason'\n",
    ],
    [
      'an expiry that is not a date',
      'expires: 2025-01-31',
      'expires: end of January',
      'broken.yaml:46: /ignore/1/expires: must match pattern "^\\d{4}-\\d{2}-\\d{2}$"\n',
    ],
    [
      'a severity override of a rule that does not exist',
      'dpd-mismatch: off',
      'dead-peer-mismatch: off',
      'broken.yaml:36: rules: unknown rule "dead-peer-mismatch" (ipsec-drift rules lists them)\n',
    ],
    [
      'a severity that does not exist',
      'weak-crypto: warning',
      'weak-crypto: high',
      'broken.yaml:35: /rules/weak-crypto: must be equal to one of the allowed values\n',
    ],
    ['YAML that does not parse', '  - public: 203.0.113.40\n', '  - public: [203.0.113.40\n', 'broken.yaml:8: not valid YAML: '],
  ];
  for (const [what, from, to, message] of cases) {
    it(`${what}: exit 2 naming the line`, async () => {
      const r = await withEdit(from, to);
      expect(r.code).to.equal(2);
      if (message.endsWith('\n')) expect(r.err).to.equal(message);
      else expect(r.err.startsWith(message), r.err).to.equal(true);
      expect(r.out).to.equal('');
    });
  }

  it('a device file that does not exist: exit 2 naming the device line', async () => {
    writeFileSync(
      join(repo.root, 'missing.yaml'),
      'devices:\n  - name: hq\n    file: configs/hq/fgt-hq.conf\n  - name: madrid\n    file: configs/branches/fgt-madrid.conf\n',
    );
    const r = await audit(repo.root, ['--inventory', 'missing.yaml']);
    expect(r.code).to.equal(2);
    expect(r.err).to.equal('missing.yaml:4: device "madrid": configs/branches/fgt-madrid.conf does not exist (file: is relative to the inventory\'s folder)\n');
  });

  it('a device file that exists but does not parse is a finding, not an inventory error', async () => {
    writeFileSync(
      join(repo.root, 'broken-device.yaml'),
      'devices:\n  - name: hq\n    file: configs/hq/fgt-hq.conf\n  - name: madrid\n    file: configs/broken/fgt-madrid.conf\n',
    );
    const r = await audit(repo.root, ['--inventory', 'broken-device.yaml', '--format', 'json']);
    expect(r.code).to.equal(1);
    expect((JSON.parse(r.out) as Report).findings.map((f) => f.message)).to.deep.equal([
      'configs/broken/fgt-madrid.conf:46: expected `end` closing `config vpn ipsec phase2-interface` (line 41); the file ends inside it (truncated?)',
    ]);
  });

  it('an inventory that cannot be read: exit 2', async () => {
    const r = await audit(repo.root, ['.', '--inventory', 'no-such.yaml']);
    expect([r.code, r.err]).to.deep.equal([2, 'no-such.yaml: cannot read the inventory file: no such file\n']);
  });
});
