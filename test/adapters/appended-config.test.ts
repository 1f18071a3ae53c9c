/**
 * Config appended to a configuration is later configuration (ASA, IOS, FortiGate): each fix the
 * adapter writes, pasted after the file's last line, is read back as the device would apply it —
 * the value changes to the target, and the file still reads. Also the forms a fix uses to take
 * something back (`no crypto map … set pfs`, `no set pfs`, `clear configure access-list`,
 * `no ip access-list extended`, `unset`) and blocks entered a second time.
 */
import { expect } from 'chai';
import { adapter as asa } from '../../adapters/asa/index.js';
import { adapter as fortigate } from '../../adapters/fortigate/index.js';
import { adapter as ios } from '../../adapters/ios/index.js';
import type { Adapter, FixRequest } from '../../src/model/adapter.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { Device, TunnelEnd } from '../../src/model/types.js';
import { fixturePath, readText, tunnelNamed as tunnel } from '../helpers.js';

function appended(a: Adapter, file: string, extra: string): Device {
  const text = readText(fixturePath(...file.split('/')));
  return a.parse(`${text.replace(/\s*$/, '')}\n${extra}\n`, file);
}

function fixText(a: Adapter, d: Device, req: Omit<FixRequest, 'device'>): string {
  const text = a.fix({ ...req, device: d } as FixRequest);
  if (text === undefined) throw new Error(`no fix for ${req.field}`);
  return text;
}

/** Apply `fix(field → target)` to `file`, re-read, return the same tunnel. */
function roundTrip(a: Adapter, file: string, name: string, req: (t: TunnelEnd) => Omit<FixRequest, 'device'>): { text: string; t: TunnelEnd } {
  const d = a.parse(readText(fixturePath(...file.split('/'))), file);
  const text = fixText(a, d, req(tunnel(d, name)));
  return { text, t: tunnel(appended(a, file, text), name) };
}

describe('appended configuration is later configuration (fix round trip)', () => {
  describe('asa', () => {
    const F = 'asa/asa-hq-running-config.txt';
    const M = 'OUTSIDE_MAP 10';

    it('phase 2 lifetime, PFS group, PFS off, kilobytes unlimited: crypto map one-liners after the map', () => {
      expect(
        roundTrip(asa, F, M, (t) => ({ field: 'phase2.lifetimeSeconds', tunnel: t, phase2: t.phase2[0], target: 28800 })).t.phase2[0].lifetimeSeconds.value,
      ).to.equal(28800);
      expect(
        roundTrip(asa, F, M, (t) => ({ field: 'phase2.pfsGroups', tunnel: t, phase2: t.phase2[0], target: [19] })).t.phase2[0].pfsGroups.value,
      ).to.deep.equal([19]);
      const off = roundTrip(asa, F, M, (t) => ({ field: 'phase2.pfsGroups', tunnel: t, phase2: t.phase2[0], target: [0] }));
      expect(off.text).to.equal('no crypto map OUTSIDE_MAP 10 set pfs');
      expect(off.t.phase2[0].pfsGroups.value).to.deep.equal([0]);
      expect(
        roundTrip(asa, F, M, (t) => ({ field: 'phase2.lifetimeKilobytes', tunnel: t, phase2: t.phase2[0], target: 0 })).t.phase2[0].lifetimeKilobytes.value,
      ).to.equal(0);
    });

    it('phase 1 lifetime (the policy entered again), NAT-T keepalive, DPD (tunnel-group entered again), peer', () => {
      expect(roundTrip(asa, F, M, (t) => ({ field: 'phase1.lifetimeSeconds', tunnel: t, target: 28800 })).t.phase1.lifetimeSeconds.value).to.equal(28800);
      expect(roundTrip(asa, F, M, (t) => ({ field: 'natt.keepaliveSeconds', tunnel: t, target: 60 })).t.natt.keepaliveSeconds?.value).to.equal(60);
      expect(roundTrip(asa, F, M, (t) => ({ field: 'dpd.delaySeconds', tunnel: t, target: 30 })).t.dpd.delaySeconds?.value).to.equal(30);
      // the new peer replaces the entry's peer list: the tunnel is now the one to 192.0.2.99
      const d = asa.parse(readText(fixturePath('asa', 'asa-hq-running-config.txt')), F);
      const text = fixText(asa, d, { field: 'remoteGateway', tunnel: tunnel(d, M), target: '192.0.2.99' });
      expect(tunnel(appended(asa, F, text), M).remoteGateway.value).to.equal('192.0.2.99');
    });

    it('NAT-T off for the entry, then on again (`no crypto map … set nat-t-disable`)', () => {
      const off = roundTrip(asa, F, M, (t) => ({ field: 'natt.mode', tunnel: t, target: 'disabled' }));
      expect(off.t.natt.mode.value).to.equal('disabled');
      const back = tunnel(appended(asa, F, `${off.text}\nno crypto map OUTSIDE_MAP 10 set nat-t-disable`), M);
      expect(back.natt.mode.value).to.equal('auto');
    });

    it('the VTI profile entered again keeps its transform set and takes the new PFS group', () => {
      const r = roundTrip(asa, F, 'Tunnel1', (t) => ({ field: 'phase2.pfsGroups', tunnel: t, phase2: t.phase2[0], target: [20] }));
      expect(r.text).to.equal('crypto ipsec profile PROF-AWS\n set pfs group20');
      expect(r.t.phase2[0].pfsGroups.value).to.deep.equal([20]);
      expect(r.t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }]);
    });

    it('`clear configure access-list NAME` then new entries: the selectors are exactly the new ones', () => {
      const d = appended(asa, F, 'clear configure access-list CM-BR1\naccess-list CM-BR1 extended permit ip 10.10.0.0 255.255.0.0 10.20.0.0 255.255.254.0');
      expect(tunnel(d, M).phase2[0].remoteSelectors.value).to.deep.equal(['10.20.0.0/23']);
      // one entry taken back by `no access-list … extended …`
      const d2 = appended(
        asa,
        F,
        'access-list CM-BR1 extended permit ip 10.10.0.0 255.255.0.0 host 192.0.2.7\nno access-list CM-BR1 extended permit ip 10.10.0.0 255.255.0.0 host 192.0.2.7',
      );
      expect(tunnel(d2, M).phase2[0].remoteSelectors.value).to.deep.equal(
        tunnel(asa.parse(readText(fixturePath(...F.split('/'))), F), M).phase2[0].remoteSelectors.value,
      );
    });
  });

  describe('ios', () => {
    const F = 'ios/br1-rtr-running-config.cfg';
    const M = 'CM-WAN 10';

    it('crypto map entry entered again: lifetime, PFS group, `no set pfs`', () => {
      expect(
        roundTrip(ios, F, M, (t) => ({ field: 'phase2.lifetimeSeconds', tunnel: t, phase2: t.phase2[0], target: 28800 })).t.phase2[0].lifetimeSeconds.value,
      ).to.equal(28800);
      expect(
        roundTrip(ios, F, M, (t) => ({ field: 'phase2.pfsGroups', tunnel: t, phase2: t.phase2[0], target: [19] })).t.phase2[0].pfsGroups.value,
      ).to.deep.equal([19]);
      const off = roundTrip(ios, F, M, (t) => ({ field: 'phase2.pfsGroups', tunnel: t, phase2: t.phase2[0], target: [0] }));
      expect(off.text).to.equal('crypto map CM-WAN 10 ipsec-isakmp\n no set pfs');
      expect(off.t.phase2[0].pfsGroups.value).to.deep.equal([0]);
    });

    it('a new peer replaces the old one (` no set peer OLD` first: an IOS ` set peer` adds a backup)', () => {
      const r = roundTrip(ios, F, M, (t) => ({ field: 'remoteGateway', tunnel: t, target: '203.0.113.99' }));
      expect(r.text).to.equal('crypto map CM-WAN 10 ipsec-isakmp\n no set peer 203.0.113.1\n set peer 203.0.113.99');
      expect(r.t.remoteGateway.value).to.equal('203.0.113.99');
    });

    it('global DPD, NAT keepalive and NAT-T: set, taken back, set again — the last line wins', () => {
      const dpd = roundTrip(ios, F, M, (t) => ({ field: 'dpd.delaySeconds', tunnel: t, target: 30 }));
      expect(dpd.t.dpd.delaySeconds?.value).to.equal(30);
      const none = tunnel(appended(ios, F, `${dpd.text}\nno crypto isakmp keepalive`), M);
      expect(none.dpd.mode.value).to.equal('off');
      expect(roundTrip(ios, F, M, (t) => ({ field: 'natt.keepaliveSeconds', tunnel: t, target: 25 })).t.natt.keepaliveSeconds?.value).to.equal(25);
      const off = roundTrip(ios, F, M, (t) => ({ field: 'natt.mode', tunnel: t, target: 'disabled' }));
      expect(off.t.natt.mode.value).to.equal('disabled');
      expect(tunnel(appended(ios, F, `${off.text}\ncrypto ipsec nat-transparency udp-encapsulation`), M).natt.mode.value).to.equal('auto');
    });

    it('`no ip access-list extended NAME` then the list again: exactly the new entries', () => {
      const d = appended(ios, F, 'no ip access-list extended ACL-HQ\nip access-list extended ACL-HQ\n permit ip 10.20.0.0 0.0.0.255 10.10.0.0 0.0.255.255');
      expect(tunnel(d, M).phase2[0].localSelectors.value).to.deep.equal(['10.20.0.0/24']);
      expect(tunnel(d, M).phase2[0].remoteSelectors.value).to.deep.equal(['10.10.0.0/16']);
    });

    it('a key for the same address typed again replaces the first', () => {
      const d = appended(ios, F, 'crypto isakmp key Another-Key-2025 address 203.0.113.1');
      expect(tunnel(d, M).auth.psk).to.deep.include({ value: pskFingerprint('Another-Key-2025'), raw: 'crypto isakmp key <redacted> address 203.0.113.1' });
    });
  });

  describe('fortigate', () => {
    const F = 'pairs/fgt-fgt-p2-unit-trap/fgt-hq.conf';

    it('a second `config vpn ipsec phase2-interface` block editing an existing entry changes it', () => {
      const d = fortigate.parse(readText(fixturePath(...F.split('/'))), F);
      const t = d.tunnels[0];
      const text = fixText(fortigate, d, { field: 'phase2.lifetimeSeconds', tunnel: t, phase2: t.phase2[0], target: 3600 });
      expect(text).to.match(/^config vpn ipsec phase2-interface\n {4}edit ".+"\n {8}set keylifeseconds 3600\n {4}next\nend$/);
      const again = appended(fortigate, F, text);
      expect(again.tunnels[0].phase2[0].lifetimeSeconds).to.deep.include({ value: 3600, origin: 'explicit' });
      expect(again.tunnels[0].phase2[0].proposals).to.deep.equal(t.phase2[0].proposals);
    });

    it('`unset` in a later block returns a value to its default', () => {
      const d = fortigate.parse(readText(fixturePath(...F.split('/'))), F);
      const t = d.tunnels[0];
      const again = appended(fortigate, F, `config vpn ipsec phase2-interface\n    edit "${t.phase2[0].name}"\n        unset keylifeseconds\n    next\nend`);
      expect(again.tunnels[0].phase2[0].lifetimeSeconds).to.deep.include({ value: 43200, origin: 'default' });
    });
  });
});
