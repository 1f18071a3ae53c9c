/**
 * Issue 11's defects 3, 6 and 7 on input in the vendors' printed form (fixtures modelled on real
 * outputs, each citing its sources at its top): what the finding says, on which end, with which fix.
 * fixtures/pairs/*\/expected.json pins the rule ids and severities of the same pairs; this file pins
 * the words and the side a person acts on.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { compareDevices } from '../../src/compare/compare.js';
import type { Finding } from '../../src/compare/types.js';
import { loadDevice } from '../../src/read/load.js';
import { fixturePath } from '../helpers.js';

function compare(a: string, b: string): Finding[] {
  return compareDevices(loadDevice(fixturePath(a)), loadDevice(fixturePath(b))).findings;
}
const pair = (dir: string, a: string, b: string) => compare(join('pairs', dir, a), join('pairs', dir, b));

describe('issue 11 defects on printed input', () => {
  describe('defect 3: natt-keepalive-mismatch with the far end unknown', () => {
    it('IOS behind NAT, no `crypto ikev2 nat keepalive`, on-demand DPD ↔ RouterOS (prints no interval): warning on the IOS end, fix there', () => {
      const [f, ...rest] = pair('x-ios-routeros-natt-no-keepalive', 'rtr-ams.cfg', 'utr-ros.rsc').filter((x) => x.rule === 'natt-keepalive-mismatch');
      expect(rest).to.deep.equal([]);
      expect(f.severity).to.equal('warning');
      expect(f.message).to.equal('NAT-T keepalive: no keepalives vs unknown, with NAT-T in use');
      expect(f.a?.setting).to.include({ value: 0, origin: 'default' });
      expect(f.b?.setting).to.equal(undefined);
      expect(f.effect).to.equal(
        'rtr-ams/Tunnel10 sends no keepalives and its DPD is on-demand (it probes only when it has traffic to send, not while idle): while the tunnel is idle the NAT mapping expires and traffic from the far end is dropped until rtr-ams/Tunnel10 sends again.',
      );
      expect(f.a?.fix).to.equal('crypto ikev2 nat keepalive 20');
      expect(f.b?.fix).to.equal(undefined);
    });

    it('the same router with `dpd 10 3 periodic`: its DPD holds the mapping open — nothing', () => {
      expect(pair('x-ios-routeros-natt-periodic-dpd', 'rtr-ams.cfg', 'utr-ros.rsc')).to.deep.equal([]);
    });
  });

  describe('defect 6: a volume lifetime on one end only', () => {
    it('FortiOS 7.4.4 `keylife-type both` without keylifekbs (default 5120 KB) ↔ keylife-type seconds: info with the rekey rate at 10 and 100 Mbit/s', () => {
      const [f, ...rest] = pair('fgt-fgt-keylife-both', 'fgt-hq.conf', 'fgt-branch07.conf');
      expect(rest).to.deep.equal([]);
      expect([f.rule, f.severity]).to.deep.equal(['p2-lifebytes-mismatch', 'info']);
      expect(f.b?.setting).to.include({ value: 5120, origin: 'default' });
      expect(f.a?.setting).to.include({ value: 0, raw: 'set keylife-type seconds' });
      expect(f.effect).to.contain('to-hq also rekeys after 5120 KB, which under sustained load is every 4.2 s at 10 Mbit/s and every 0.4 s at 100 Mbit/s');
      expect(f.b?.fix).to.contain('set keylife-type seconds');
      expect(f.a?.fix).to.equal(undefined);
    });

    it('the same with `set keylifekbs 4608000` (6 min at 100 Mbit/s): nothing', () => {
      expect(pair('fgt-fgt-keylife-both-large', 'fgt-hq.conf', 'fgt-branch07.conf')).to.deep.equal([]);
    });
  });

  describe('defect 7: a selector fix makes its end the mirror of the other', () => {
    it('audit-repo Hamburg (IOS, typo 10.101.0.0/16) ↔ DC ASA: only Hamburg gets a fix, and it mirrors the ASA', () => {
      const [f, ...rest] = compare('audit-repo/configs/branches/ios-hamburg.cfg', 'audit-repo/configs/dc/asa-dc.txt');
      expect(rest).to.deep.equal([]);
      expect([f.rule, f.severity]).to.deep.equal(['traffic-selector-mismatch', 'error']);
      expect(f.a?.end.tunnel.name).to.equal('CM-WAN 10');
      expect(f.a?.fix).to.equal(
        'no ip access-list extended ACL-TO-DC\nip access-list extended ACL-TO-DC\n permit ip 10.70.0.0 0.0.0.255 10.100.0.0 0.0.255.255',
      );
      expect(f.b?.fix).to.equal(undefined);
      expect(f.effect).to.contain('The configs point at CM-WAN 10');
    });
  });
});
