/** Cisco ASA adapter: exact values and lines from the fixtures, precedence, noise, bad input, real configs, fixes. */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter } from '../../adapters/asa/index.js';
import { adapter as ios } from '../../adapters/ios/index.js';
import { adapter as fortigate } from '../../adapters/fortigate/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { adapterById } from '../../adapters/index.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Device } from '../../src/model/types.js';
import { run } from '../../src/cli/main.js';
import { captureIo } from '../io.js';
import { anyTextAnswers } from './any-text.js';
import { filesUnder, fixturePath, parseFile, readText, REAL_CONFIGS, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

const HQ = 'fixtures/asa/asa-hq-running-config.txt';
const DC = 'fixtures/asa/asa-dc-terminal-session.txt';

function parsed(...parts: string[]): Device {
  const device = parseFile(adapter, fixturePath('asa', ...parts));
  expectValid(device);
  return device;
}

describe('asa adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('asa')).to.equal(adapter);
    expect(adapter.id).to.equal('asa');
  });

  describe('detect', () => {
    it('prefers ASA text over IOS text and ignores other vendors', () => {
      const hq = readText(fixturePath('asa', 'asa-hq-running-config.txt'));
      expect(adapter.detect(hq, 'x')).to.equal(0.95); // its header lies past the first 512 characters (the fixture's comment)
      expect(adapter.detect(hq, 'x')).to.be.greaterThan(ios.detect(hq, 'x'));
      const session = readText(fixturePath('asa', 'asa-dc-terminal-session.txt'));
      expect(adapter.detect(session, 'x')).to.be.greaterThan(ios.detect(session, 'x'));
      const router = readText(fixturePath('ios', 'br1-rtr-running-config.cfg'));
      expect(adapter.detect(router, 'x')).to.be.lessThan(ios.detect(router, 'x'));
      expect(adapter.detect('config vpn ipsec phase1-interface\n    edit "a"\n', 'fgt.conf')).to.equal(0);
      expect(adapter.detect('/ip ipsec profile\nset [ find default=yes ] dh-group=modp2048\n', 'r.rsc')).to.equal(0);
      expect(adapter.detect('connections {\n  hq {\n  }\n}\n', 'swanctl.conf')).to.equal(0);
    });
  });

  describe('asa-hq-running-config.txt (ASA 9.16 more system:running-config)', () => {
    const d = parsed('asa-hq-running-config.txt');

    it('reads hostname, interfaces by nameif, and one tunnel per crypto map entry, dynamic entry and VTI', () => {
      expect(d.vendor).to.equal('asa');
      expect(d.hostname).to.equal('asa-hq');
      expect(d.interfaces.map((i) => `${i.name}=${i.address}/${i.prefixLength}@${i.at?.line}`)).to.deep.equal([
        'outside=203.0.113.1/24@21',
        'inside=10.10.0.1/16@26',
        'dmz=172.16.50.1/24@31',
        'vti-aws=169.254.10.2/30@41',
      ]);
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['OUTSIDE_MAP 10', 'OUTSIDE_MAP 20', 'dynamic-map DYN-REMOTE 10', 'Tunnel1']);
    });

    it('IKEv1 entry 10: peer, local gateway from the interface the map is applied to, pre-share policies only', () => {
      const t = tunnel(d, 'OUTSIDE_MAP 10');
      expect(t.at).to.deep.equal(at(HQ, 115));
      expect(t.enabled).to.equal(true);
      expect(t.remoteGateway).to.deep.equal({
        value: '198.51.100.2',
        raw: 'crypto map OUTSIDE_MAP 10 set peer 198.51.100.2',
        origin: 'explicit',
        at: at(HQ, 117),
      });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.1', raw: 'crypto map OUTSIDE_MAP interface outside', origin: 'inferred', at: at(HQ, 126) });
      expect(t.ikeVersion.value).to.equal(1);
      expect(t.ikeVersion.at).to.deep.equal(at(HQ, 118));
      // policy 20 is rsa-sig: never chosen for a peer with a pre-shared key
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes256'], integrity: ['sha1'], prf: [], dhGroups: [14] },
        { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
      ]);
      expect(t.phase1.proposals.raw).to.equal('crypto ikev1 policy 10; crypto ikev1 policy 30');
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'lifetime 86400', unit: 'seconds', origin: 'explicit', at: at(HQ, 147) });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'main', raw: 'set ikev1 phase1-mode main', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'ikev1 pre-shared-key <redacted>', origin: 'explicit', at: at(HQ, 177) });
      expect(t.auth.psk?.value).to.equal(pskFingerprint('Br1-Pre-Shared-Key-2024'));
      expect(t.behaviour?.ikev1Phase1Lifetime?.value).to.equal('reject-shorter');
      expect(t.behaviour?.ikev1Phase2Lifetime?.value).to.equal('shorter');
      expect(t.initiates).to.deep.equal({ value: true, raw: 'set connection-type bidirectional', origin: 'default' });
    });

    it('NAT-T keepalive from crypto isakmp nat-traversal 30, DPD from the tunnel-group', () => {
      const t = tunnel(d, 'OUTSIDE_MAP 10');
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'crypto isakmp nat-traversal 30', origin: 'explicit', at: at(HQ, 160) });
      expect(t.natt.keepaliveSeconds).to.deep.equal({ value: 30, raw: 'crypto isakmp nat-traversal 30', unit: 'seconds', origin: 'explicit', at: at(HQ, 160) });
      expect(t.dpd).to.deep.equal({
        mode: { value: 'periodic', raw: 'isakmp keepalive threshold 15 retry 5', origin: 'explicit', at: at(HQ, 178) },
        delaySeconds: { value: 15, raw: 'isakmp keepalive threshold 15 retry 5', unit: 'seconds', origin: 'explicit', at: at(HQ, 178) },
        // a crypto map entry negotiates again on traffic (cisco-common/recovery.ts: assumed)
        action: {
          value: 'hold',
          raw: 'crypto map OUTSIDE_MAP 10 match address CM-BR1 (negotiated again when traffic matches the ACL)',
          origin: 'inferred',
          assumed: true,
          at: at(HQ, 115),
        },
      });
      // no keepalive line for 192.0.2.10: the L2L default threshold 10 retry 2, which no Cisco document confirms
      expect(tunnel(d, 'OUTSIDE_MAP 20').dpd.delaySeconds).to.deep.equal({
        value: 10,
        raw: 'isakmp keepalive threshold 10 retry 2',
        unit: 'seconds',
        origin: 'default',
        assumed: true,
      });
    });

    it('phase 2 of entry 10: object selectors, two transform sets in order, pfs, per-entry lifetime over the global one', () => {
      const p = tunnel(d, 'OUTSIDE_MAP 10').phase2;
      expect(p).to.have.length(1);
      expect(p[0].name).to.equal('OUTSIDE_MAP 10');
      expect(p[0].localSelectors).to.deep.equal({
        value: ['10.10.0.0/16'],
        raw: 'access-list CM-BR1 extended permit ip object HQ-LAN object BR1-LAN',
        origin: 'explicit',
        at: at(HQ, 72),
      });
      expect(p[0].remoteSelectors.value).to.deep.equal(['10.20.0.0/24']);
      expect(p[0].ipProtocol).to.equal(undefined);
      expect(p[0].proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha1'] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
      ]);
      expect(p[0].mode).to.deep.equal({ value: 'tunnel', raw: 'mode tunnel', origin: 'default' });
      expect(p[0].pfsGroups).to.deep.equal({ value: [14], raw: 'crypto map OUTSIDE_MAP 10 set pfs group14', origin: 'explicit', at: at(HQ, 116) });
      expect(p[0].lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: 'crypto map OUTSIDE_MAP 10 set security-association lifetime seconds 3600',
        unit: 'seconds',
        origin: 'explicit',
        at: at(HQ, 119),
      });
      expect(p[0].lifetimeKilobytes).to.deep.equal({
        value: 4608000,
        raw: 'crypto ipsec security-association lifetime kilobytes 4608000',
        unit: 'kilobytes',
        origin: 'explicit',
        at: at(HQ, 111),
      });
    });

    it('IKEv2 entry 20: nested object-groups with a range, bare set pfs, global seconds, unlimited kilobytes, both IKEv2 keys', () => {
      const t = tunnel(d, 'OUTSIDE_MAP 20');
      expect(t.ikeVersion.value).to.equal(2);
      expect(t.remoteGateway.value).to.equal('192.0.2.10');
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20, 19] },
        { encryption: ['aes256'], integrity: ['sha256'], prf: ['prfsha256'], dhGroups: [14] },
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'lifetime seconds 28800', unit: 'seconds', origin: 'explicit', at: at(HQ, 133) });
      expect(t.phase1.exchangeMode).to.equal(undefined);
      expect(t.behaviour).to.equal(undefined);
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('Partner-IKEv2-Key-2024'),
        raw: 'ikev2 local-authentication pre-shared-key <redacted>',
        origin: 'explicit',
        at: at(HQ, 184),
      });
      const p = t.phase2[0];
      expect(p.localSelectors.value).to.deep.equal(['10.10.0.0/16', '172.16.50.0/24']);
      expect(p.remoteSelectors.value).to.deep.equal(['192.168.77.10/32', '192.168.78.0/25', '192.168.80.0/20']);
      expect(p.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] },
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
      ]);
      // `set pfs` without a group: the ASA asks for group 2
      expect(p.pfsGroups).to.deep.equal({ value: [2], raw: 'crypto map OUTSIDE_MAP 20 set pfs', origin: 'inferred', at: at(HQ, 121), assumed: true });
      expect(p.lifetimeSeconds).to.deep.equal({
        value: 14400,
        raw: 'crypto ipsec security-association lifetime seconds 14400',
        unit: 'seconds',
        origin: 'explicit',
        at: at(HQ, 110),
      });
      expect(p.lifetimeKilobytes).to.deep.equal({
        value: 0,
        raw: 'crypto map OUTSIDE_MAP 20 set security-association lifetime kilobytes unlimited',
        unit: 'kilobytes',
        origin: 'explicit',
        at: at(HQ, 124),
      });
      expect(d.diagnostics).to.deep.include({
        level: 'info',
        message: 'crypto map OUTSIDE_MAP 20 has 2 peers (192.0.2.10, 192.0.2.11): the first is compared, the others are backups',
        at: at(HQ, 122),
      });
    });

    it('dynamic entry: a responder for any peer, DefaultL2LGroup key and DPD, dynamic-map lifetime, no ACL = accepts what is proposed', () => {
      const t = tunnel(d, 'dynamic-map DYN-REMOTE 10');
      expect(t.remoteGateway).to.deep.equal({
        value: 'any',
        raw: 'crypto map OUTSIDE_MAP 65535 ipsec-isakmp dynamic DYN-REMOTE',
        origin: 'inferred',
        at: at(HQ, 125),
      });
      expect(t.initiates).to.deep.equal({
        value: false,
        raw: 'crypto map OUTSIDE_MAP 65535 ipsec-isakmp dynamic DYN-REMOTE',
        origin: 'inferred',
        at: at(HQ, 125),
      });
      expect(t.localGateway?.value).to.equal('203.0.113.1');
      expect(t.auth.psk?.value).to.equal(pskFingerprint('Dyn-Default-L2L-Key'));
      expect(t.dpd).to.deep.equal({ mode: { value: 'off', raw: 'isakmp keepalive disable', origin: 'explicit', at: at(HQ, 190) } });
      const p = t.phase2[0];
      expect(p.localSelectors.value).to.deep.equal(['0.0.0.0/0']);
      expect(p.localSelectors.origin).to.equal('inferred');
      expect(p.lifetimeSeconds.value).to.equal(28800);
      expect(p.lifetimeSeconds.at).to.deep.equal(at(HQ, 114));
      expect(p.pfsGroups).to.deep.equal({ value: [0], raw: 'no set pfs', origin: 'default' });
    });

    it('VTI: tunnel source nameif → address, destination, ipsec profile, 0.0.0.0/0 selectors', () => {
      const t = tunnel(d, 'Tunnel1');
      expect(t.at).to.deep.equal(at(HQ, 39));
      expect(t.remoteGateway).to.deep.equal({ value: '192.0.2.200', raw: 'tunnel destination 192.0.2.200', origin: 'explicit', at: at(HQ, 43) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.1', raw: 'tunnel source interface outside', origin: 'inferred', at: at(HQ, 42) });
      expect(t.auth.psk?.value).to.equal(pskFingerprint('aws.Tunnel1.Key_x7Q'));
      const p = t.phase2[0];
      expect(p.name).to.equal('Tunnel1 (ipsec profile PROF-AWS)');
      expect(p.localSelectors).to.deep.equal({ value: ['0.0.0.0/0'], raw: 'tunnel protection ipsec profile PROF-AWS', origin: 'inferred', at: at(HQ, 45) });
      expect(p.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }]);
      expect(p.pfsGroups.value).to.deep.equal([14]);
      expect(p.lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: 'set security-association lifetime seconds 3600',
        unit: 'seconds',
        origin: 'explicit',
        at: at(HQ, 109),
      });
    });

    it('never keeps a secret: not in raw, diagnostics or anywhere in the Device', () => {
      const json = JSON.stringify(d);
      for (const secret of ['Br1-Pre-Shared-Key-2024', 'aws.Tunnel1.Key_x7Q', 'Dyn-Default-L2L-Key']) expect(json).to.not.include(secret);
    });
  });

  describe('asa-dc-terminal-session.txt (prompts, <--- More ---> with backspaces, show run all quirks)', () => {
    const d = parsed('asa-dc-terminal-session.txt');

    it('takes the hostname from the prompt and reads through the noise with the user’s line numbers', () => {
      expect(d.hostname).to.equal('asa-dc');
      expect(d.interfaces.map((i) => `${i.name}=${i.address}/${i.prefixLength}`)).to.deep.equal(['OUTSIDE=198.51.100.66/29', 'inside=10.30.0.1/16']);
      const t = tunnel(d, 'Outside_Map 5');
      expect(t.remoteGateway).to.deep.equal({
        value: '203.0.113.77',
        raw: 'crypto map Outside_Map 5 set peer 203.0.113.77',
        origin: 'explicit',
        at: at(DC, 33),
      });
      // the transform-set line follows a pager prompt erased with backspaces
      expect(t.phase2[0].proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha1'] }],
        raw: 'crypto map Outside_Map 5 set ikev1 transform-set ESP-AES256-SHA',
        origin: 'explicit',
        at: at(DC, 34),
      });
      // `authentication pre-share` also came after a pager prompt, its indentation kept
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha1'], prf: [], dhGroups: [5] }]);
      expect(t.phase1.lifetimeSeconds.value).to.equal(43200);
      expect(t.auth.method.value).to.equal('psk');
      expect(t.auth.psk?.value).to.equal(PSK_UNKNOWN);
    });

    it('inactive ACL entries, nat-t-disable (typed mixed case such as `crypto IPsec` is read in the netengsam real sessions)', () => {
      const t = tunnel(d, 'Outside_Map 5');
      const p = t.phase2[0];
      expect(p.pfsGroups.value).to.deep.equal([5]);
      expect(p.localSelectors.value).to.deep.equal(['10.30.0.0/16', '10.31.0.10/32']);
      expect(p.remoteSelectors.value).to.deep.equal(['10.40.0.0/22']);
      expect(p.lifetimeSeconds.value).to.equal(27000);
      expect(t.natt.mode).to.deep.equal({ value: 'disabled', raw: 'crypto map Outside_Map 5 set nat-t-disable', origin: 'explicit', at: at(DC, 36) });
      // NAT-T off on this entry: it sends no NAT keepalives whatever the global interval says
      expect(t.natt.keepaliveSeconds).to.equal(undefined);
      expect(t.dpd.delaySeconds?.value).to.equal(30);
      expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([]);
    });
  });

  it('a crypto ACL narrowed to ports gives the phase 2 its ports; entries that disagree are compared as any port, with a note', () => {
    const base = [
      'crypto ipsec ikev1 transform-set T esp-aes esp-sha-hmac',
      'crypto map M 10 match address A',
      'crypto map M 10 set peer 192.0.2.1',
      'crypto map M 10 set ikev1 transform-set T',
      'crypto map M interface outside',
    ];
    const one = adapter.parse(
      [...base, 'access-list A extended permit udp 10.1.0.0 255.255.0.0 eq 500 10.2.0.0 255.255.0.0 range 4500 4501'].join('\n'),
      'a.txt',
    );
    const p = one.tunnels[0].phase2[0];
    expect(p.ipProtocol?.value).to.equal(17);
    expect(p.localPorts?.value).to.deep.equal([{ from: 500, to: 500 }]);
    expect(p.remotePorts?.value).to.deep.equal([{ from: 4500, to: 4501 }]);
    const two = adapter.parse(
      [...base, 'access-list A extended permit tcp any4 any4 eq 22', 'access-list A extended permit tcp any4 any4 eq 443'].join('\n'),
      'b.txt',
    );
    expect(two.tunnels[0].phase2[0].remotePorts).to.equal(undefined);
    expect(two.diagnostics.map((x) => x.message)).to.include('crypto map M 10: the entries of access-list A narrow to different ports; compared as any port');
  });

  it('a bare `crypto isakmp nat-traversal` (as typed) is NAT-T on with the keepalive default, which no Cisco document confirms', () => {
    const d = adapter.parse(
      'crypto isakmp nat-traversal\ncrypto map M 10 match address A\ncrypto map M 10 set peer 192.0.2.1\ncrypto map M 10 set ikev1 transform-set T\ncrypto ipsec ikev1 transform-set T esp-aes esp-sha-hmac\naccess-list A extended permit ip any4 any4\n',
      'n.txt',
    );
    expect(d.tunnels[0].natt.keepaliveSeconds).to.deep.equal({
      value: 20,
      raw: 'crypto isakmp nat-traversal',
      unit: 'seconds',
      origin: 'inferred',
      at: at('n.txt', 1),
      assumed: true,
    });
  });

  describe('dangling references: diagnostics naming both lines, never a silently empty selector', () => {
    const F = 'fixtures/asa/bad/dangling-references.txt';
    const d = parsed('bad', 'dangling-references.txt');
    const warnings = d.diagnostics.filter((x) => x.level === 'warning');

    it('keeps what resolves and says what does not', () => {
      const t = tunnel(d, 'OUTSIDE_MAP 10');
      expect(t.phase2[0].localSelectors.value).to.deep.equal(['10.5.0.0/16']);
      expect(t.phase2[0].remoteSelectors.value).to.deep.equal(['10.9.0.0/16']);
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha1'] }]);
      expect(warnings).to.deep.include({
        level: 'warning',
        message:
          'access-list CM-10 (line 16), used by crypto map OUTSIDE_MAP 10 (line 19), references object LAN-OBJ (through line 13: network-object object LAN-OBJ), which is not defined in this file',
        at: at(F, 16),
      });
      expect(warnings).to.deep.include({
        level: 'warning',
        message: 'crypto map OUTSIDE_MAP 10 (line 21) uses transform-set TS-GONE, which is not defined in this file',
        at: at(F, 21),
      });
    });

    it('an undefined ACL or a missing match address leaves the entry without phase 2, with a warning', () => {
      expect(tunnel(d, 'OUTSIDE_MAP 20').phase2).to.deep.equal([]);
      expect(tunnel(d, 'OUTSIDE_MAP 30').phase2).to.deep.equal([]);
      expect(warnings.map((w) => `${w.at?.line}: ${w.message}`)).to.include.members([
        '22: crypto map OUTSIDE_MAP 20 (line 22) matches access-list CM-20-NOT-THERE, which is not defined in this file: its traffic selectors are unknown',
        '24: crypto map OUTSIDE_MAP 20 (line 24) uses ipsec-proposal PROP-GONE, which is not defined in this file',
        '22: crypto map OUTSIDE_MAP 20 is IKEv2 on interface outside, but there is no "crypto ikev2 enable outside": the ASA will not negotiate it',
        '25: crypto map OUTSIDE_MAP 30 has no "match address": the entry is incomplete and carries no traffic',
        '27: crypto map OUTSIDE_MAP 65535 (line 27) refers to dynamic map DYN-GONE, which is not defined in this file',
        '41: interface Tunnel5 (line 41) is protected by ipsec profile PROF-GONE, which is not defined in this file',
      ]);
    });
  });

  describe('bad input → file:line: expected …', () => {
    it('a lifetime with a unit', () => {
      const e = parseErrorOf(() => parsed('bad', 'lifetime-with-unit.txt'));
      expect(e.located).to.equal('fixtures/asa/bad/lifetime-with-unit.txt:11: expected a lifetime in seconds (120–2147483647), found "8h"');
    });
    it('an unknown transform', () => {
      const e = parseErrorOf(() => parsed('bad', 'unknown-transform.txt'));
      expect(e.line).to.equal(5);
      expect(e.message).to.match(/^expected an ESP transform .*found "esp-aes-512"$/);
    });
    it('a truncated `set peer`', () => {
      expect(parseErrorOf(() => parsed('bad', 'truncated-set-peer.txt')).located).to.equal(
        'fixtures/asa/bad/truncated-set-peer.txt:6: expected a peer address after "set peer"',
      );
    });
    it('another vendor’s file and an empty file', () => {
      expect(parseErrorOf(() => parsed('bad', 'fortigate-not-asa.conf')).located).to.equal(
        'fixtures/asa/bad/fortigate-not-asa.conf:1: expected a Cisco ASA configuration (show running-config) (crypto, interface, access-list or tunnel-group commands), found "# ipsec-drift fixture: bad input on purpose (see the test th"',
      );
      expect(parseErrorOf(() => parsed('bad', 'empty.txt')).located).to.equal(
        'fixtures/asa/bad/empty.txt:1: expected a Cisco ASA configuration (show running-config), found an empty file (or only comments)',
      );
    });
    it('any text (fast-check, seed 13, 40 runs) is a Device or a file:line ParseError: its counter-example was the empty text, then located nowhere', () => {
      expect(parseErrorOf(() => adapter.parse('', 'fuzz/in.conf')).located).to.equal(
        'fuzz/in.conf:1: expected a Cisco ASA configuration (show running-config), found an empty file (or only comments)',
      );
      expect(parseErrorOf(() => adapter.parse('! only a comment\n', 'fuzz/in.conf')).line).to.equal(1);
      expect(anyTextAnswers(adapter)).to.equal(undefined);
    });
    it('an out-of-range keepalive and nat-traversal', () => {
      const base = 'tunnel-group 1.2.3.4 type ipsec-l2l\ntunnel-group 1.2.3.4 ipsec-attributes\n isakmp keepalive threshold 5 retry 2\n';
      expect(parseErrorOf(() => adapter.parse(base, 'k.txt')).located).to.equal(
        'k.txt:3: expected "isakmp keepalive threshold <10-3600> retry <2-10>" or "isakmp keepalive disable", found "isakmp keepalive threshold 5 retry 2"',
      );
      expect(parseErrorOf(() => adapter.parse('crypto isakmp nat-traversal 5\n', 'n.txt')).line).to.equal(1);
    });
    it('no secret in an error message', () => {
      const e = parseErrorOf(() =>
        adapter.parse('tunnel-group 1.2.3.4 ipsec-attributes\n ikev1 pre-shared-key TopSecret99\ncrypto map M 1 set pfs group99\n', 'p.txt'),
      );
      expect(e.located).to.equal('p.txt:3: expected a PFS group (group2, group5, group14, group19, …), found "group99"');
      expect(e.located).to.not.include('TopSecret99');
    });
  });

  describe('fix (ASA CLI)', () => {
    const d = parsed('asa-hq-running-config.txt');
    const fix = (req: Omit<FixRequest, 'device'>) => adapter.fix({ ...req, device: d } as FixRequest);
    const t10 = tunnel(d, 'OUTSIDE_MAP 10');
    const t20 = tunnel(d, 'OUTSIDE_MAP 20');
    const dyn = tunnel(d, 'dynamic-map DYN-REMOTE 10');
    const vti = tunnel(d, 'Tunnel1');

    it('writes nothing the ASA would refuse: DPD threshold below 10 s, NAT keepalive above 3600 s, a lifetime below 120 s', () => {
      expect(fix({ field: 'dpd.delaySeconds', tunnel: t10, target: 5 })).to.equal(undefined);
      expect(fix({ field: 'natt.keepaliveSeconds', tunnel: t10, target: 7200 })).to.equal(undefined);
      expect(fix({ field: 'phase2.lifetimeSeconds', tunnel: t10, phase2: t10.phase2[0], target: 60 })).to.equal(undefined);
      expect(fix({ field: 'phase1.lifetimeSeconds', tunnel: t10, target: 60 })).to.equal(undefined);
      expect(fix({ field: 'dpd.delaySeconds', tunnel: t10, target: 0 })).to.equal('tunnel-group 198.51.100.2 ipsec-attributes\n isakmp keepalive disable');
    });

    it('phase 2 lifetimes, PFS: one-liners on the entry, the dynamic map, or the IPsec profile', () => {
      expect(fix({ field: 'phase2.lifetimeSeconds', tunnel: t10, phase2: t10.phase2[0], target: 28800 })).to.equal(
        'crypto map OUTSIDE_MAP 10 set security-association lifetime seconds 28800',
      );
      expect(fix({ field: 'phase2.lifetimeKilobytes', tunnel: t10, phase2: t10.phase2[0], target: 0 })).to.equal(
        'crypto map OUTSIDE_MAP 10 set security-association lifetime kilobytes unlimited',
      );
      expect(fix({ field: 'phase2.pfsGroups', tunnel: t10, phase2: t10.phase2[0], target: [0] })).to.equal('no crypto map OUTSIDE_MAP 10 set pfs');
      expect(fix({ field: 'phase2.pfsGroups', tunnel: dyn, phase2: dyn.phase2[0], target: [19] })).to.equal('crypto dynamic-map DYN-REMOTE 10 set pfs group19');
      expect(fix({ field: 'phase2.lifetimeSeconds', tunnel: vti, phase2: vti.phase2[0], target: 28800 })).to.equal(
        'crypto ipsec profile PROF-AWS\n set security-association lifetime seconds 28800',
      );
    });

    it('phase 1 lifetime on each policy the tunnel offers', () => {
      expect(fix({ field: 'phase1.lifetimeSeconds', tunnel: t10, target: 28800 })).to.equal(
        'crypto ikev1 policy 10\n lifetime 28800\ncrypto ikev1 policy 30\n lifetime 28800',
      );
      expect(fix({ field: 'phase1.lifetimeSeconds', tunnel: t20, target: 86400 })).to.equal(
        'crypto ikev2 policy 10\n lifetime seconds 86400\ncrypto ikev2 policy 20\n lifetime seconds 86400',
      );
    });

    it('proposals in ASA spelling', () => {
      expect(
        fix({
          field: 'phase2.proposals',
          tunnel: t10,
          phase2: t10.phase2[0],
          target: [{ protocol: 'esp', encryption: ['aes256', 'aes128'], integrity: ['sha1'] }],
        }),
      ).to.equal(
        'crypto ipsec ikev1 transform-set IPSEC-AES256-SHA1 esp-aes-256 esp-sha-hmac\ncrypto ipsec ikev1 transform-set IPSEC-AES128-SHA1 esp-aes esp-sha-hmac\ncrypto map OUTSIDE_MAP 10 set ikev1 transform-set IPSEC-AES256-SHA1 IPSEC-AES128-SHA1',
      );
      // IKEv1 transform sets on the ASA carry no SHA-2 (IKEv2 only): no fix rather than a command the ASA refuses
      expect(
        fix({ field: 'phase2.proposals', tunnel: t10, phase2: t10.phase2[0], target: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }] }),
      ).to.equal(undefined);
      expect(
        fix({ field: 'phase2.proposals', tunnel: t20, phase2: t20.phase2[0], target: [{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }] }),
      ).to.equal(
        'crypto ipsec ikev2 ipsec-proposal IPSEC-AES256GCM16\n protocol esp encryption aes-gcm-256\n protocol esp integrity null\ncrypto map OUTSIDE_MAP 20 set ikev2 ipsec-proposal IPSEC-AES256GCM16',
      );
    });

    it('NAT-T, DPD, PSK location (never the key), peer, selectors', () => {
      expect(fix({ field: 'natt.mode', tunnel: t10, target: 'disabled' })).to.equal('crypto map OUTSIDE_MAP 10 set nat-t-disable');
      expect(fix({ field: 'natt.mode', tunnel: t10, target: 'forced' })).to.equal(undefined);
      expect(fix({ field: 'natt.keepaliveSeconds', tunnel: t10, target: 20 })).to.equal('crypto isakmp nat-traversal 20');
      expect(fix({ field: 'dpd.delaySeconds', tunnel: t10, target: 10 })).to.equal(
        'tunnel-group 198.51.100.2 ipsec-attributes\n isakmp keepalive threshold 10 retry 2',
      );
      expect(fix({ field: 'auth.psk', tunnel: t10, target: null })).to.equal(
        'tunnel-group 198.51.100.2 ipsec-attributes\n ikev1 pre-shared-key <the shared key>',
      );
      expect(fix({ field: 'remoteGateway', tunnel: t10, target: '198.51.100.3' })).to.equal(
        'crypto map OUTSIDE_MAP 10 set peer 198.51.100.3\ntunnel-group 198.51.100.3 type ipsec-l2l',
      );
      expect(fix({ field: 'phase2.remoteSelectors', tunnel: t10, phase2: t10.phase2[0], target: ['10.20.0.0/23', '192.0.2.7/32'] })).to.equal(
        '! replace the entries of access-list CM-BR1 (crypto map OUTSIDE_MAP 10) with:\naccess-list CM-BR1 extended permit ip 10.10.0.0 255.255.0.0 10.20.0.0 255.255.254.0\naccess-list CM-BR1 extended permit ip 10.10.0.0 255.255.0.0 host 192.0.2.7',
      );
    });
  });

  describe('real configs (../shared/real-configs)', () => {
    before(function () {
      if (!REAL_CONFIGS) {
        console.log('    (skipped: ../shared/real-configs not present)');
        this.skip();
      }
    });

    it('every file under asa/ parses, validates, and yields the tunnels read by hand', () => {
      const dir = join(REAL_CONFIGS!, 'asa');
      const got: Record<string, string[]> = {};
      for (const f of filesUnder(dir)) {
        const d = adapter.parse(readText(f), f);
        expect(validateDevice(d), `${f}`).to.deep.equal([]);
        got[f.slice(dir.length + 1)] = d.tunnels.map(
          (t) =>
            `${t.name}|v${t.ikeVersion.value}|${t.remoteGateway.value}|${t.phase2.map((p) => `${p.localSelectors.value}>${p.remoteSelectors.value}`).join(',')}`,
        );
      }
      expect(got).to.deep.equal({
        'azure-asa-9.2-show-running-config-ikev1-crypto-map.txt': ['azure-crypto-map 1|v1|104.X.X.X|192.168.1.0/24>10.0.0.0/24'],
        'azure-asa-9.2-static-routing-ikev1-two-transform-sets.cfg': ['outside_map1 1|v1|137.X.X.X|192.168.1.0/24>10.0.0.0/8'],
        'azure-docs-asa-9.2-ikev2-crypto-map-placeholders.cfg': [
          'Azure-<VNetName>-map 1|v2|<Azure_Gateway_Public_IP>|10.51.0.0/16,10.52.0.0/16>10.11.0.0/16,10.12.0.0/16',
        ],
        // crypto map entries only (no ACL, transform set or policy in this excerpt): no phase 2, with warnings
        'batfish-asa-gh-6042-crypto-map-acl-object.cfg': [],
        'fakenos-show-running-config-all-crypto-map-leading-space-quirks.txt': [
          'WAN1_CMAP 10|v1|1.1.1.1|',
          'WAN1_CMAP 20|v1|2.2.2.2|',
          'WAN1_CMAP 30|v1|3.3.3.3|',
          'WAN1_CMAP 40|v1|4.4.4.4|',
          'WAN1_CMAP 100|v1|185.108.69.37|',
          'S2S_CMAP 10|v1|10.0.10.1|',
          'S2S_CMAP 20|v1|10.0.20.1|',
          'S2S_CMAP 30|v1|10.0.30.1|',
          'S2S_CMAP 40|v1|10.0.40.1|',
        ],
        'fakenos-show-running-config-crypto-ikev1-policies.txt': [],
        'fwissue-asa-ikev2-azure-pfs24-snippet.cfg': ['dyn-map 10|v2|66.66.66.66|10.0.0.0/16>10.1.0.0/16'],
        'zabberoni-show-running-config-crypto-group-policy-tunnel-group.txt': ['outside_map 20|v1|1.2.3.4|'],
      });
    });

    it('Azure ASA 9.2 capture: global 3600 s / 102400000 KB, masked PSK, sanitized outside address', () => {
      const f = join(REAL_CONFIGS!, 'asa', 'azure-asa-9.2-show-running-config-ikev1-crypto-map.txt');
      const d = adapter.parse(readText(f), 'azure.txt');
      const t = d.tunnels[0];
      expect(d.hostname).to.equal('ciscoasa');
      expect(t.localGateway).to.deep.equal({
        value: 'outside',
        raw: 'crypto map azure-crypto-map interface outside',
        origin: 'inferred',
        at: at('azure.txt', 100),
      });
      expect(t.auth.psk).to.deep.equal({ value: PSK_UNKNOWN, raw: 'ikev1 pre-shared-key <redacted>', origin: 'explicit', at: at('azure.txt', 128) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha1'], prf: [], dhGroups: [2] }]);
      expect(t.phase1.lifetimeSeconds.value).to.equal(28800);
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: 'crypto ipsec security-association lifetime seconds 3600',
        unit: 'seconds',
        origin: 'explicit',
        at: at('azure.txt', 94),
      });
      expect(t.phase2[0].lifetimeKilobytes.value).to.equal(102400000);
      expect(d.diagnostics).to.deep.include({
        level: 'info',
        message: 'interface Vlan2: "ip address 206.X.X.X 255.255.255.0" is not an IPv4 address; the interface name is used instead',
        at: at('azure.txt', 38),
      });
    });

    it('batfish gh-6042: an entry without a peer is not a tunnel, and its dangling objects are still named', () => {
      const f = join(REAL_CONFIGS!, 'asa', 'batfish-asa-gh-6042-crypto-map-acl-object.cfg');
      const d = adapter.parse(readText(f), 'gh.cfg');
      expect(d.tunnels).to.deep.equal([]);
      expect(d.diagnostics.map((x) => `${x.at?.line}: ${x.message}`)).to.deep.equal([
        '9: crypto map outside_map 1 has no "set peer": the entry is incomplete and the ASA does not use it',
        '7: access-list acl_name (line 7), used by crypto map outside_map 1 (line 9), references object X, which is not defined in this file',
        '7: access-list acl_name (line 7), used by crypto map outside_map 1 (line 9), references object Y, which is not defined in this file',
        '9: crypto map outside_map 1: no entry of access-list acl_name resolves to addresses, so its traffic selectors are unknown and its phase 2 is not compared',
      ]);
    });

    it('fakenos show run all: leading blanks on random lines do not swallow the next entries', () => {
      const f = join(REAL_CONFIGS!, 'asa', 'fakenos-show-running-config-all-crypto-map-leading-space-quirks.txt');
      const d = adapter.parse(readText(f), 'fakenos.txt');
      const t = tunnel(d, 'WAN1_CMAP 10');
      expect(t.phase1.exchangeMode).to.deep.equal({
        value: 'main',
        raw: 'crypto map WAN1_CMAP 10 set ikev1 phase1-mode main',
        origin: 'explicit',
        at: at('fakenos.txt', 4),
      });
      expect(tunnel(d, 'S2S_CMAP 20').localGateway?.value).to.equal('S2SVPN');
      expect(d.diagnostics).to.deep.include({
        level: 'warning',
        message: 'crypto map WAN1_CMAP 10 (line 1) matches access-list CMAP_RU16, which is not defined in this file: its traffic selectors are unknown',
        at: at('fakenos.txt', 1),
      });
      expect(d.diagnostics).to.deep.include({
        level: 'warning',
        message: 'crypto map WAN1_CMAP 65535 (line 38) refers to dynamic map SYSTEM_DEFAULT_CRYPTO_MAP, which is not defined in this file',
        at: at('fakenos.txt', 38),
      });
    });

    it('zabberoni session: prompts dropped, des policies, nat-t-disable, isakmp keepalive disable, objects not in the capture', () => {
      const f = join(REAL_CONFIGS!, 'asa', 'zabberoni-show-running-config-crypto-group-policy-tunnel-group.txt');
      const text = readText(f);
      const d = adapter.parse(text, 'z.txt');
      const t = d.tunnels[0];
      expect(d.hostname).to.equal('myAsaFw');
      expect(t.phase1.proposals.value.map((p) => `${p.encryption}-${p.integrity}-${p.dhGroups}`)).to.deep.equal(['des-md5-2', 'des-sha1-2']);
      expect(t.natt.mode.value).to.equal('disabled');
      expect(t.dpd.mode.value).to.equal('off');
      expect(t.auth.psk?.value).to.equal(pskFingerprint('SomeStrongPSK'));
      expect(JSON.stringify(d)).to.not.include('SomeStrongPSK');
      expect(t.phase2).to.deep.equal([]);
    });

    it('the mixed IOS/ASA batfish parse test and both netengsam typed sessions read without error', () => {
      const mixed = adapter.parse(readText(join(REAL_CONFIGS!, 'other', 'batfish-cisco_crypto-mixed-ios-asa-parse-test.cfg')), 'mixed.cfg');
      expect(validateDevice(mixed)).to.deep.equal([]);
      expect(mixed.tunnels.map((t) => t.name)).to.deep.equal([
        'dynamic-map mydefaultcryptomap 65534',
        'dynamic-map mydefaultcryptomap 65535',
        'VPN 5',
        'asacryptomap 10',
        'VPNMAP 2',
      ]);
      expect(tunnel(mixed, 'dynamic-map mydefaultcryptomap 65535').phase2[0].pfsGroups.value).to.deep.equal([1]);
      expect(tunnel(mixed, 'VPN 5').natt.mode.raw).to.equal('no crypto isakmp nat-traversal');
      for (const n of ['asa1.cli', 'asa2.cli']) {
        const d = adapter.parse(readText(join(REAL_CONFIGS!, 'pairs', 'netengsam-asa-cml-ikev2-l2l', n)), n);
        expect(validateDevice(d)).to.deep.equal([]);
        expect(d.tunnels).to.have.length(1);
        expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([]);
      }
    });

    it("runtime SA listings (every file under state/ and the pairs' state-* captures) are not claimed by the config adapters", () => {
      const files = [...filesUnder(join(REAL_CONFIGS!, 'state')), ...filesUnder(join(REAL_CONFIGS!, 'pairs')).filter((f) => /\/state-[^/]+$/.test(f))];
      expect(files.length).to.be.greaterThan(40);
      const claimed = files.flatMap((f) => {
        const text = readText(f);
        return [adapter, ios, fortigate].filter((a) => a.detect(text, f) > 0.1).map((a) => `${a.id}: ${f.slice(REAL_CONFIGS!.length + 1)}`);
      });
      expect(claimed).to.deep.equal([]);
    });

    it('summerice7 ASA (a VTI pasted from an article: every line indented by one blank) reads as the ASA printed it', () => {
      const f = join(REAL_CONFIGS!, 'pairs', 'summerice7-fortigate-cisco-asa-ikev2-vti', 'asa.cfg');
      const d = adapter.parse(readText(f), 'asa.cfg');
      expect(validateDevice(d)).to.deep.equal([]);
      expect(d.interfaces.map((i) => `${i.name}=${i.address}`)).to.deep.equal(['Outside=101.100.1.1', 'Inside=192.168.112.1', 'VPN=1.1.1.2']);
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['Tunnel0']);
      const t = d.tunnels[0];
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'set ikev2 ipsec-proposal MY_IPsec_Proposal', origin: 'inferred', at: at('asa.cfg', 44) });
      expect(t.localGateway).to.deep.equal({ value: '101.100.1.1', raw: 'tunnel source interface Outside', origin: 'inferred', at: at('asa.cfg', 50) });
      expect(t.remoteGateway).to.deep.equal({ value: '202.106.1.1', raw: 'tunnel destination 202.106.1.1', origin: 'explicit', at: at('asa.cfg', 51) });
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('Fortinet123#'),
        raw: 'ikev2 local-authentication pre-shared-key <redacted>',
        origin: 'explicit',
        at: at('asa.cfg', 37),
      });
      expect(t.phase1.proposals.value).to.deep.equal([
        {
          encryption: ['aes256', 'aes192', 'aes128', '3des'],
          integrity: ['sha256', 'sha1', 'md5'],
          prf: ['prfsha256', 'prfsha1', 'prfmd5'],
          dhGroups: [14, 5],
        },
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 86400,
        raw: 'lifetime seconds 86400',
        unit: 'seconds',
        origin: 'explicit',
        at: at('asa.cfg', 32),
      });
      const p2 = t.phase2[0];
      expect(p2.name).to.equal('Tunnel0 (ipsec profile MY_IPsec_Profile)');
      expect([p2.localSelectors.value, p2.remoteSelectors.value]).to.deep.equal([['0.0.0.0/0'], ['0.0.0.0/0']]);
      expect(p2.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256', 'aes192', 'aes128', '3des'], integrity: ['sha256', 'sha1', 'md5'] }]);
      expect(p2.pfsGroups).to.deep.equal({ value: [5], raw: 'set pfs group5', origin: 'explicit', at: at('asa.cfg', 45) });
      expect([p2.lifetimeSeconds.value, p2.lifetimeSeconds.origin, p2.lifetimeKilobytes.value, p2.lifetimeKilobytes.origin]).to.deep.equal([
        28800,
        'default',
        4608000,
        'default',
      ]);
      // nothing of the article's prose or of the policy-map nests under the tunnel interface
      expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([]);
      expect(JSON.stringify(d)).to.not.include('Fortinet123#');
    });

    it('summerice7 FortiGate ↔ ASA: the report says "assumed" beside an ASA default no source confirms', async () => {
      const dir = join(REAL_CONFIGS!, 'pairs', 'summerice7-fortigate-cisco-asa-ikev2-vti');
      const io = captureIo();
      await run(['compare', join(dir, 'fortigate.conf'), join(dir, 'asa.cfg'), '--format', 'json'], io);
      const report = JSON.parse(io.out) as { findings: Array<{ rule: string; b?: { setting?: { raw: string; origin: string; assumed?: true } } }> };
      const dpd = report.findings.find((f) => f.rule === 'dpd-mismatch');
      expect(dpd?.b?.setting).to.deep.include({ raw: 'isakmp keepalive threshold 10 retry 2', origin: 'default', assumed: true });
      const table = captureIo();
      await run(['compare', join(dir, 'fortigate.conf'), join(dir, 'asa.cfg')], table);
      // the table wraps the cell: "(vendor default" … "(assumed))"
      expect(table.out).to.match(/\(vendor default\s*│[^\n]*\n[^\n]*\(assumed\)\)/);
    });

    it('netengsam asa1 (typed session: unindented sub-commands, `int g0/0`, `crypto IPsec`)', () => {
      const d = adapter.parse(readText(join(REAL_CONFIGS!, 'pairs', 'netengsam-asa-cml-ikev2-l2l', 'asa1.cli')), 'asa1.cli');
      const t = d.tunnels[0];
      expect(d.interfaces.map((i) => `${i.name}=${i.address}`)).to.deep.equal(['outside=172.16.1.1', 'inside=192.168.10.1']);
      expect(t.name).to.equal('10-20 10');
      expect(t.localGateway?.value).to.equal('172.16.1.1');
      expect(t.remoteGateway.value).to.equal('172.16.1.2');
      expect(t.auth.psk?.value).to.equal(pskFingerprint('cisco'));
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha256'], prf: ['prfsha256'], dhGroups: [14] }]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 86400,
        raw: 'lifetime seconds 86400',
        unit: 'seconds',
        origin: 'explicit',
        at: at('asa1.cli', 27),
      });
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }]);
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: 'crypto ipsec security-association lifetime seconds 28800',
        unit: 'seconds',
        origin: 'default',
      });
    });
  });
});
