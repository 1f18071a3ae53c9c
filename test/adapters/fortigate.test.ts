/** FortiGate adapter: exact values from the fixtures, bad input, real configs, fixes. */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '../../adapters/fortigate/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { redact, snapshotText } from '../../src/collect/snapshot.js';
import { adapterById } from '../../adapters/index.js';
import { pskFingerprint, PSK_UNKNOWN } from '../../src/model/secrets.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Device } from '../../src/model/types.js';
import { filesUnder, fixturePath, parseFile, readText, REAL_CONFIGS, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

// the Device schema alone (src/model/schema.ts compiles it together with the report schema)

function parsed(...parts: string[]): Device {
  const device = parseFile(adapter, fixturePath('fortigate', ...parts));
  expectValid(device);
  return device;
}

function parseText(text: string, file = 'test.conf'): Device {
  return adapter.parse(text, file);
}

describe('fortigate adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('fortigate')).to.equal(adapter);
  });

  describe('detect', () => {
    it('is certain for a backup header, confident for VPN tables, silent for other vendors', () => {
      expect(adapter.detect(readText(fixturePath('fortigate', 'branch-vdom-backup.conf')), 'x.conf')).to.equal(1);
      expect(adapter.detect(readText(fixturePath('fortigate', 'hq-show-full-session.txt')), 'x.txt')).to.equal(0.95);
      expect(adapter.detect('config vpn ipsec\n    config phase1\n        edit "a"\n', 'x')).to.equal(0.9);
      expect(adapter.detect('config system interface\n    edit "port1"\n        set ip 10.0.0.1 255.255.255.0\n    next\nend\n', 'x')).to.equal(0.7);
      expect(adapter.detect(readText(fixturePath('fortigate', 'not-fortigate-swanctl.conf')), 'swanctl.conf')).to.equal(0);
      expect(adapter.detect('<?xml version="1.0"?>\n<pfsense><ipsec></ipsec></pfsense>\n', 'config.xml')).to.equal(0);
      expect(adapter.detect('crypto ikev1 policy 10\n encryption aes-256\n', 'asa.txt')).to.equal(0);
      expect(adapter.detect('/ip ipsec profile\nset [ find default=yes ] dh-group=modp2048\n', 'r.rsc')).to.equal(0);
    });
  });

  describe('multi-VDOM branch backup (fixtures/fortigate/branch-vdom-backup.conf)', () => {
    const F = 'fixtures/fortigate/branch-vdom-backup.conf';
    const d = parsed('branch-vdom-backup.conf');

    it('reads the hostname from config global and the interface addresses', () => {
      expect(d.vendor).to.equal('fortigate');
      expect(d.hostname).to.equal('FGT-BRANCH-07');
      expect(d.origin).to.equal(F);
      expect(d.interfaces).to.deep.equal([
        { name: 'wan1', address: '203.0.113.34', prefixLength: 29, at: at(F, 40) },
        { name: 'wan2', address: '198.51.100.66', prefixLength: 28, at: at(F, 48) },
        { name: 'internal', address: '10.27.0.1', prefixLength: 24, at: at(F, 56) },
        { name: 'to-hq', address: '169.254.27.2', prefixLength: 32, at: at(F, 65) },
      ]);
    });

    it('names tunnels vdom/phase1 on a multi-VDOM device, route- and policy-based', () => {
      expect(d.tunnels.map((t) => [t.name, t.at?.line])).to.deep.equal([
        ['root/to-hq', 153],
        ['root/dialup-tech', 167],
        ['root/old-hq', 186],
        ['PARTNERS/acme-legacy', 294],
      ]);
    });

    it('route-based IKEv2 tunnel: explicit values with their lines, defaults marked', () => {
      const t = tunnel(d, 'root/to-hq');
      expect(t.enabled).to.equal(true);
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'set ike-version 2', origin: 'explicit', at: at(F, 155) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.34', raw: 'set interface "wan1"', origin: 'inferred', at: at(F, 154) });
      expect(t.remoteGateway).to.deep.equal({ value: '192.0.2.10', raw: 'set remote-gw 192.0.2.10', origin: 'explicit', at: at(F, 163) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'set authmethod psk', origin: 'default' });
      expect(t.auth.psk).to.deep.equal({ value: PSK_UNKNOWN, raw: 'set psksecret ENC <redacted>', origin: 'explicit', at: at(F, 164) });
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20, 14] },
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [20, 14] },
        ],
        raw: 'set proposal aes256gcm-prfsha384 aes256-sha256; set dhgrp 20 14',
        origin: 'explicit',
        at: at(F, 159),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'set keylife 28800', origin: 'explicit', at: at(F, 156), unit: 'seconds' });
      expect(t.phase1.exchangeMode).to.equal(undefined); // IKEv2
      expect(t.natt.mode).to.deep.equal({ value: 'forced', raw: 'set nattraversal forced', origin: 'explicit', at: at(F, 162) });
      expect(t.natt.keepaliveSeconds).to.deep.equal({ value: 10, raw: 'set keepalive 10', origin: 'default', unit: 'seconds' });
      expect(t.dpd.mode).to.deep.equal({ value: 'periodic', raw: 'set dpd on-idle', origin: 'explicit', at: at(F, 160) });
      expect(t.dpd.delaySeconds).to.deep.equal({ value: 10, raw: 'set dpd-retryinterval 10', origin: 'explicit', at: at(F, 165), unit: 'seconds' });
      expect(t.dpd.retries).to.deep.equal({ value: 3, raw: 'set dpd-retrycount 3', origin: 'default' });
      expect(t.behaviour).to.equal(undefined);
      expect(t.initiates).to.equal(undefined);
    });

    it('phase 2 with named selectors: nested groups and an address range resolved to exact CIDRs', () => {
      const [data, voice] = tunnel(d, 'root/to-hq').phase2;
      expect(data.name).to.equal('to-hq-data');
      expect(data.at).to.deep.equal(at(F, 196));
      expect(data.localSelectors).to.deep.equal({
        value: ['10.27.0.0/24', '10.27.8.0/22'],
        raw: 'set src-name "branch-nets"',
        origin: 'explicit',
        at: at(F, 206),
      });
      expect(data.remoteSelectors).to.deep.equal({
        value: ['172.16.0.0/16', '172.18.10.10/31', '172.18.10.12/30', '172.18.10.16/30', '172.18.10.20/32'],
        raw: 'set dst-name "hq-nets"',
        origin: 'explicit',
        at: at(F, 207),
      });
      expect(data.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }]);
      expect(data.pfsGroups).to.deep.equal({ value: [20], raw: 'set dhgrp 20', origin: 'explicit', at: at(F, 199) });
      expect(data.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'set keylifeseconds 3600', origin: 'explicit', at: at(F, 204), unit: 'seconds' });
      // keylife-type both: the volume limit counts
      expect(data.lifetimeKilobytes).to.deep.equal({ value: 2097152, raw: 'set keylifekbs 2097152', origin: 'explicit', at: at(F, 205), unit: 'kilobytes' });
      expect(data.mode).to.deep.equal({ value: 'tunnel', raw: 'set encapsulation tunnel-mode', origin: 'default' });
      expect(data.ipProtocol).to.deep.equal({ value: 0, raw: 'set protocol 0', origin: 'default' });

      expect(voice.name).to.equal('to-hq-voice');
      expect(voice.localSelectors).to.deep.equal({
        value: ['10.27.8.0/22'],
        raw: 'set src-subnet 10.27.8.0 255.255.252.0',
        origin: 'explicit',
        at: at(F, 214),
      });
      expect(voice.remoteSelectors).to.deep.equal({
        value: ['172.16.50.0/24'],
        raw: 'set dst-subnet 172.16.50.0 255.255.255.0',
        origin: 'explicit',
        at: at(F, 215),
      });
      expect(voice.proposals).to.deep.equal({
        value: [
          { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] },
          { protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] },
        ],
        raw: 'set proposal aes256gcm aes128gcm',
        origin: 'explicit',
        at: at(F, 211),
      });
      expect(voice.pfsGroups).to.deep.equal({ value: [0], raw: 'set pfs disable', origin: 'explicit', at: at(F, 212) });
      expect(voice.lifetimeSeconds).to.deep.equal({ value: 43200, raw: 'set keylifeseconds 43200', origin: 'default', unit: 'seconds' });
      // keylife-type seconds (default): keylifekbs does not count
      expect(voice.lifetimeKilobytes).to.deep.equal({ value: 0, raw: 'set keylife-type seconds', origin: 'default', unit: 'kilobytes' });
    });

    it('dial-up server: remote gateway any, responder only, XAUTH, aggressive mode, IKEv1 behaviour', () => {
      const t = tunnel(d, 'root/dialup-tech');
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: 'set type dynamic', origin: 'inferred', at: at(F, 168) });
      expect(t.initiates).to.deep.equal({ value: false, raw: 'set type dynamic', origin: 'inferred', at: at(F, 168) });
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'set ike-version 1', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'xauth-psk', raw: 'set authmethod psk; set xauthtype auto', origin: 'explicit', at: at(F, 177) });
      expect(t.auth.remoteId).to.deep.equal({ value: 'tech-dialup', raw: 'set peerid "tech-dialup"', origin: 'explicit', at: at(F, 179) });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'aggressive', raw: 'set mode aggressive', origin: 'explicit', at: at(F, 170) });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'set keylife 86400', origin: 'default', unit: 'seconds' });
      expect(t.dpd.delaySeconds?.value).to.equal(60);
      // no Fortinet document says how a responder treats a proposed lifetime: assumed (README)
      const accept = { value: 'accept', raw: '(FortiOS IKEv1 responder: accepts the proposed lifetime; not configurable)', origin: 'default', assumed: true };
      expect(t.behaviour).to.deep.equal({ ikev1Phase1Lifetime: accept, ikev1Phase2Lifetime: accept });
      expect(t.phase2.map((p) => p.name)).to.deep.equal(['dialup-tech']);
      expect(t.phase2[0].localSelectors).to.deep.equal({ value: ['0.0.0.0/0'], raw: 'set src-subnet 0.0.0.0 0.0.0.0', origin: 'default' });
    });

    it('a tunnel whose interface is down is disabled; default dhgrp 14 5; unset returns a value to its default', () => {
      const t = tunnel(d, 'root/old-hq');
      expect(t.enabled).to.equal(false);
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14, 5] }],
        raw: 'set proposal aes128-sha1; set dhgrp 14 5',
        origin: 'explicit',
        at: at(F, 190),
      });
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [14, 5], raw: 'set dhgrp 14 5', origin: 'default' });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({ value: 43200, raw: 'set keylifeseconds 43200', origin: 'default', unit: 'seconds' });
    });

    it('policy-based tunnel in another VDOM: plain PSK fingerprinted, NAT-T off, kbs-only lifetime, ranges and hosts', () => {
      const t = tunnel(d, 'PARTNERS/acme-legacy');
      expect(t.localGateway).to.deep.equal({ value: '198.51.100.66', raw: 'set interface "wan2"', origin: 'inferred', at: at(F, 295) });
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('Acme-Legacy-Plain-Key-2019'),
        raw: 'set psksecret <redacted>',
        origin: 'explicit',
        at: at(F, 302),
      });
      expect(t.auth.localId).to.deep.equal({ value: 'fgt-branch07', raw: 'set localid "fgt-branch07"', origin: 'explicit', at: at(F, 301) });
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
        { encryption: ['3des'], integrity: ['md5'], prf: [], dhGroups: [2] },
      ]);
      expect(t.natt).to.deep.equal({ mode: { value: 'disabled', raw: 'set nattraversal disable', origin: 'explicit', at: at(F, 299) } });
      const [p2, apps] = t.phase2;
      expect(p2.localSelectors).to.deep.equal({
        value: ['10.99.1.10/31', '10.99.1.12/30', '10.99.1.16/30', '10.99.1.20/32'],
        raw: 'set src-start-ip 10.99.1.10; set src-end-ip 10.99.1.20',
        origin: 'explicit',
        at: at(F, 313),
      });
      expect(p2.remoteSelectors).to.deep.equal({ value: ['192.168.200.5/32'], raw: 'set dst-start-ip 192.168.200.5', origin: 'explicit', at: at(F, 316) });
      expect(p2.lifetimeSeconds).to.deep.equal({ value: 0, raw: 'set keylife-type kbs', origin: 'explicit', at: at(F, 310), unit: 'seconds' });
      expect(p2.lifetimeKilobytes).to.deep.equal({ value: 250000, raw: 'set keylifekbs 250000', origin: 'explicit', at: at(F, 311), unit: 'kilobytes' });
      // an undefined address object: the selector keeps what resolved (nothing) and a diagnostic names both lines
      expect(apps.localSelectors.value).to.deep.equal(['10.99.1.0/24']);
      expect(apps.remoteSelectors).to.deep.equal({ value: [], raw: 'set dst-name "acme-apps"', origin: 'explicit', at: at(F, 325) });
    });

    it('diagnostics: exactly the disabled interface and the undefined address', () => {
      expect(d.diagnostics).to.deep.equal([
        { level: 'info', message: 'tunnel "old-hq" is disabled: its interface is set down', at: at(F, 73) },
        {
          level: 'warning',
          message: 'phase2 "acme-legacy-apps" (line 318): dst-name "acme-apps" (line 325): "acme-apps" is not defined in config firewall address/addrgrp',
          at: at(F, 325),
        },
      ]);
    });

    it('multi-line quoted values (replacement message, private key) with `end`/`next` inside do not break the block structure', () => {
      // if they did, the root VDOM's VPN tables after them would be lost or misplaced
      expect(tunnel(d, 'root/to-hq').phase2.length).to.equal(2);
    });

    it('no secret appears anywhere in the Device', () => {
      const json = JSON.stringify(d);
      for (const secret of [
        'Acme-Legacy-Plain-Key-2019',
        'q2Vk8mRjQmF6',
        'bXlEaWFsdXBL',
        'T2xkSHFL',
        'SH2r0Y2Zk',
        'BEGIN ENCRYPTED PRIVATE KEY',
        'R2hvc3RQYXNz',
      ]) {
        expect(json).to.not.include(secret);
      }
    });
  });

  describe('show full-configuration session with prompts and a pager (fixtures/fortigate/hq-show-full-session.txt)', () => {
    const F = 'fixtures/fortigate/hq-show-full-session.txt';
    const d = parsed('hq-show-full-session.txt');

    it('reads through prompt lines and --More-- (mid-line, as FortiOS leaves it), everything explicit', () => {
      expect(d.hostname).to.equal('FGT-HQ-01');
      expect(d.interfaces).to.deep.equal([{ name: 'wan1', address: '192.0.2.10', prefixLength: 24, at: at(F, 178) }]);
      const t = tunnel(d, 'to-branch07');
      expect(t.localGateway).to.deep.equal({ value: '192.0.2.10', raw: 'set interface "wan1"', origin: 'inferred', at: at(F, 16) });
      expect(t.natt.mode).to.deep.equal({ value: 'forced', raw: 'set nattraversal forced', origin: 'explicit', at: at(F, 51) });
      expect(t.remoteGateway).to.deep.equal({ value: '203.0.113.34', raw: 'set remote-gw 203.0.113.34', origin: 'explicit', at: at(F, 66) });
      expect(t.natt.keepaliveSeconds).to.deep.equal({ value: 10, raw: 'set keepalive 10', origin: 'explicit', at: at(F, 70), unit: 'seconds' });
      expect(t.dpd.retries).to.deep.equal({ value: 3, raw: 'set dpd-retrycount 3', origin: 'explicit', at: at(F, 73) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'set authmethod psk', origin: 'explicit', at: at(F, 21) });
      expect(t.auth.localId).to.equal(undefined); // set localid ''
      const [p2] = t.phase2;
      expect(p2.localSelectors.value).to.deep.equal(['172.16.0.0/16', '172.18.10.10/31', '172.18.10.12/30', '172.18.10.16/30', '172.18.10.20/32']);
      expect(p2.remoteSelectors.value).to.deep.equal(['10.27.0.0/24', '10.27.8.0/22']);
      expect(p2.mode).to.deep.equal({ value: 'tunnel', raw: 'set encapsulation tunnel-mode', origin: 'explicit', at: at(F, 158) });
    });

    it('certificate authentication, DPD off (its retry fields hidden), disabled by its tunnel interface set down', () => {
      const t = tunnel(d, 'lab-spare');
      expect(t.enabled).to.equal(false);
      expect(t.auth).to.deep.equal({
        method: { value: 'certificate', raw: 'set authmethod signature', origin: 'explicit', at: at(F, 85) },
        // no localid: the certificate's subject, not in the file; no peertype printed: nothing known about the peer's id
        localIdentity: { value: { type: 'dn' }, raw: 'set localid "" (the certificate subject)', origin: 'default', assumed: true },
      });
      expect(t.dpd).to.deep.equal({ mode: { value: 'off', raw: 'set dpd disable', origin: 'explicit', at: at(F, 101) } });
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'set ike-version 1', origin: 'explicit', at: at(F, 81) });
      expect(d.diagnostics).to.deep.equal([
        { level: 'info', message: 'tunnel "lab-spare" is disabled: its interface is set down', at: at(F, 186) },
        { level: 'info', message: 'phase1 "lab-spare" has no phase2: no traffic can use it', at: at(F, 77) },
      ]);
    });
  });

  describe('undefined references (fixtures/fortigate/undefined-references.conf)', () => {
    const F = 'fixtures/fortigate/undefined-references.conf';
    const d = parsed('undefined-references.conf');

    it('keeps what resolves and names every line involved', () => {
      const [p2] = tunnel(d, 'to-dc').phase2;
      expect(p2.localSelectors.value).to.deep.equal(['10.40.12.0/24']);
      expect(p2.remoteSelectors.value).to.deep.equal([]);
      expect(tunnel(d, 'to-dc').phase1.proposals.value.length).to.equal(1);
      expect(d.diagnostics).to.deep.equal([
        { level: 'warning', message: "unknown proposal token 'aes256-sha999' ignored", at: at(F, 24) },
        {
          level: 'warning',
          message:
            'phase2 "to-dc-p2" (line 31): src-name "store-nets" (line 36): member "store-cctv" of address group "store-nets" (line 14) is not defined in config firewall address/addrgrp',
          at: at(F, 36),
        },
        {
          level: 'warning',
          message:
            'phase2 "to-dc-p2" (line 31): dst-name "dc-nets" (line 37): address "payments-api" (line 7) is of type fqdn, which cannot be an IPsec selector',
          at: at(F, 37),
        },
        {
          level: 'warning',
          message:
            'phase2 "to-dc-p2" (line 31): dst-name "dc-nets" (line 37): member "dc-core" of address group "dc-nets" (line 17) is not defined in config firewall address/addrgrp',
          at: at(F, 37),
        },
        {
          level: 'warning',
          message: 'phase2-interface "orphan-p2" (line 39): phase1name "to-dc-old" (line 40) is not defined in config vpn ipsec phase1-interface',
          at: at(F, 40),
        },
        {
          level: 'info',
          message:
            'the file does not name its FortiOS release (a backup starts with #config-version=…): a phase1 or phase2 without "set dhgrp" is read with the default of FortiOS 5.6–7.4, 14 5 (7.6 uses 20), marked assumed',
          at: at(F, 31),
        },
      ]);
    });
  });

  describe('defaults by FortiOS release (#config-version header)', () => {
    const backup = (header: string | undefined, p1extra: string[] = []) =>
      adapter.parse(
        [
          ...(header ? [`#config-version=${header}:opmode=0:vdom=0:user=admin`] : []),
          'config vpn ipsec phase1-interface',
          '    edit "to-hq"',
          '        set interface "wan1"',
          ...p1extra.map((l) => `        ${l}`),
          '        set proposal aes256-sha256',
          '        set remote-gw 203.0.113.1',
          '    next',
          'end',
          'config vpn ipsec phase2-interface',
          '    edit "to-hq"',
          '        set phase1name "to-hq"',
          '        set proposal aes256-sha256',
          '    next',
          'end',
        ].join('\n'),
        'b.conf',
      );

    it('the release is read from both header forms (5.x `5.04`, 6.x+ `6.2.3`)', async () => {
      const { releaseOf } = await import('../../adapters/fortigate/defaults.js');
      expect(releaseOf({ text: 'FG100D-5.04-FW-build1064-160608:opmode=1:vdom=0', line: 1 })).to.deep.include({ major: 5, minor: 4 });
      expect(releaseOf({ text: 'FGTAWS-6.2.3-FW-build1066-200327:opmode=0:vdom=0:user=admin', line: 1 })).to.deep.include({
        major: 6,
        minor: 2,
        patch: 3,
      });
      expect(releaseOf({ text: 'garbage', line: 1 })).to.equal(undefined);
    });

    it('7.4: phase 1 and PFS DH groups default to 14 5, confirmed', () => {
      const t = backup('FG100F-7.4.4-FW-build2662-240514').tunnels[0];
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14, 5] }],
        raw: 'set proposal aes256-sha256; set dhgrp 14 5',
        origin: 'explicit',
        at: at('b.conf', 5),
      });
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [14, 5], raw: 'set dhgrp 14 5', origin: 'default' });
    });

    it('7.6.5: the DH group default is 20 (FortiOS 7.6.5 API schema)', () => {
      const t = backup('FG100F-7.6.5-FW-build3651-251110').tunnels[0];
      expect(t.phase1.proposals.value[0].dhGroups).to.deep.equal([20]);
      expect(t.phase1.proposals.assumed).to.equal(undefined);
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [20], raw: 'set dhgrp 20', origin: 'default' });
    });

    it('no header (a `show` output): 14 5, assumed, and said once', () => {
      const d = backup(undefined);
      expect(d.tunnels[0].phase1.proposals.assumed).to.equal(true);
      expect(d.tunnels[0].phase2[0].pfsGroups).to.deep.equal({ value: [14, 5], raw: 'set dhgrp 14 5', origin: 'default', assumed: true });
      expect(d.diagnostics.filter((x) => x.message.startsWith('the file does not name its FortiOS release'))).to.have.length(1);
    });

    it('FortiOS 5.x `set dpd enable` is read as on-idle (periodic), with a note', () => {
      const d = backup('FG100D-5.04-FW-build1064-160608', ['set dpd enable']);
      expect(d.tunnels[0].dpd.mode).to.deep.equal({ value: 'periodic', raw: 'set dpd enable', origin: 'explicit', at: at('b.conf', 5) });
      expect(d.diagnostics.map((x) => x.message)).to.include(
        'phase1 "to-hq": "set dpd enable" (FortiOS 5.x) is read as on-idle, probing an idle tunnel (assumed: later releases print on-idle or on-demand)',
      );
      // 5.4 is older than the first release a source confirms `pfs enable` for (7.0): assumed
      expect(d.tunnels[0].phase2[0].pfsGroups.assumed).to.equal(true);
    });
  });

  it("phase 2 `src-port` / `dst-port` (0 = any) are the selectors' ports, with `protocol`", () => {
    const d = adapter.parse(
      [
        'config vpn ipsec phase1-interface',
        '    edit "p1"',
        '        set interface "wan1"',
        '        set proposal aes256-sha256',
        '        set remote-gw 203.0.113.1',
        '    next',
        'end',
        'config vpn ipsec phase2-interface',
        '    edit "dns"',
        '        set phase1name "p1"',
        '        set proposal aes256-sha256',
        '        set protocol 17',
        '        set src-port 0',
        '        set dst-port 53',
        '    next',
        'end',
      ].join('\n'),
      'ports.conf',
    );
    const p2 = d.tunnels[0].phase2[0];
    expect(p2.ipProtocol).to.deep.equal({ value: 17, raw: 'set protocol 17', origin: 'explicit', at: at('ports.conf', 12) });
    expect(p2.localPorts).to.equal(undefined);
    expect(p2.remotePorts).to.deep.equal({ value: [{ from: 53, to: 53 }], raw: 'set dst-port 53', origin: 'explicit', at: at('ports.conf', 14) });
  });

  describe('bad input', () => {
    it('keylifeseconds abc → file:line: expected …', () => {
      const e = parseErrorOf(() => parsed('bad-keylifeseconds-abc.conf'));
      expect(e.located).to.equal("fixtures/fortigate/bad-keylifeseconds-abc.conf:18: expected keylifeseconds as whole seconds from 120 to 172800, found 'abc'");
    });

    it('keylife out of range', () => {
      const e = parseErrorOf(() => parsed('bad-keylife-out-of-range.conf'));
      expect(e.located).to.equal("fixtures/fortigate/bad-keylife-out-of-range.conf:7: expected keylife as whole seconds from 120 to 172800, found '480000'");
    });

    it('a file truncated inside a VPN table', () => {
      const e = parseErrorOf(() => parsed('truncated-backup.conf'));
      expect(e.located).to.equal(
        'fixtures/fortigate/truncated-backup.conf:36: expected `end` closing `config vpn ipsec phase2-interface` (line 30); the file ends inside it (truncated?)',
      );
    });

    it('another vendor’s file, without quoting its content (it holds a secret)', () => {
      const e = parseErrorOf(() => parsed('not-fortigate-swanctl.conf'));
      expect(e.file).to.equal('fixtures/fortigate/not-fortigate-swanctl.conf');
      expect(e.line).to.equal(1);
      expect(e.message).to.match(/^expected FortiOS configuration text/);
      expect(e.message).to.not.include('swanctl-fixture-secret');
    });

    it('an empty or blank file', () => {
      expect(parseErrorOf(() => parseText('')).located).to.equal(
        'test.conf:1: expected FortiOS configuration text (config … / edit … / set … / next / end), found an empty file',
      );
      expect(parseErrorOf(() => parseText('\n   \n')).line).to.equal(1);
    });

    const p1 = (extra: string) => `config vpn ipsec phase1-interface\n    edit "t"\n        set remote-gw 192.0.2.1\n${extra}    next\nend\n`;
    const p2 = (extra: string) => `${p1('')}config vpn ipsec phase2-interface\n    edit "t2"\n        set phase1name "t"\n${extra}    next\nend\n`;
    const cases: Array<[string, string, string]> = [
      [p1('        set keylife 86400s\n'), "test.conf:4: expected keylife as whole seconds from 120 to 172800, found '86400s'", 'unit suffix'],
      [p1('        set keylife 119\n'), "test.conf:4: expected keylife as whole seconds from 120 to 172800, found '119'", 'below range'],
      [p1('        set ike-version 3\n'), "test.conf:4: expected ike-version 1|2, found '3'", 'IKE version'],
      [p1('        set dhgrp 14 abc\n'), "test.conf:4: expected dhgrp as DH group numbers (1 2 5 14 … 32), found 'abc'", 'DH group'],
      [p1('        set proposal foo-bar\n'), "test.conf:4: expected proposal tokens such as aes256-sha256 or aes256gcm, found 'foo-bar'", 'proposal'],
      [p1('        set nattraversal maybe\n'), "test.conf:4: expected nattraversal enable|disable|forced, found 'maybe'", 'NAT-T'],
      [p1('        set type dialup\n'), "test.conf:4: expected type static|dynamic|ddns, found 'dialup'", 'type'],
      [
        'config vpn ipsec phase1-interface\n    edit "t"\n        set remote-gw vpn.example.net\n    next\nend\n',
        "test.conf:3: expected remote-gw as an IPv4 address, found 'vpn.example.net'",
        'remote-gw',
      ],
      [p2('        set keylife-type sometimes\n'), "test.conf:9: expected keylife-type seconds|kbs|both, found 'sometimes'", 'keylife-type'],
      [p2('        set keylifekbs 1024\n'), "test.conf:9: expected keylifekbs as whole kilobytes from 5120 to 4294967295, found '1024'", 'keylifekbs'],
      [
        p2('        set src-subnet 10.0.0.0 255.0.255.0\n'),
        "test.conf:9: expected src-subnet as an address and netmask (10.0.0.0 255.255.255.0) or a prefix, found '10.0.0.0 255.0.255.0'",
        'mask',
      ],
      [
        p2('        set dst-addr-type range\n        set dst-start-ip 10.0.0.9\n        set dst-end-ip 10.0.0.1\n'),
        "test.conf:10: expected an ascending address range, found '10.0.0.9'–'10.0.0.1'",
        'range',
      ],
      [p2('        set src-addr-type name\n'), 'test.conf:9: expected src-name for src-addr-type name in phase2 "t2" (line 7)', 'missing name'],
    ];
    for (const [text, located, what] of cases) {
      it(`${what} → ${located}`, () => expect(parseErrorOf(() => parseText(text)).located).to.equal(located));
    }

    it('a multi-line value left open inside a VPN entry', () => {
      const text = 'config vpn ipsec phase1-interface\n    edit "t"\n        set comments "starts here\n        and never ends\n';
      expect(parseErrorOf(() => parseText(text)).located).to.equal(
        'test.conf:5: expected the closing quote of the value opened at line 3; the file ends inside it (truncated?)',
      );
    });

    it('a file cut in a block that does not matter still parses, with a diagnostic', () => {
      const d = parseText(`${p1('')}config firewall policy\n    edit 1\n        set name "x"\n`);
      expect(d.tunnels.length).to.equal(1);
      expect(d.diagnostics).to.deep.include({
        level: 'warning',
        message: 'the file ends inside `config firewall policy` (line 6) without `end` (truncated?); nothing IPsec-related was cut',
        at: at('test.conf', 9),
      });
    });
  });

  describe('scanner quirks', () => {
    it('`end` closing an edit, missing `next`, append/unselect, inline comments, a pager marker glued to a line', () => {
      const text = [
        'config system zone', // 1
        '    edit TRANSIT', // 2
        '        set interface HEADEND-TG', // 3
        '    end', // 4: end inside an edit leaves the table
        'end', // 5: stray
        'config vpn ipsec phase1-interface', // 6
        '    edit "a"', // 7
        '        set remote-gw 192.0.2.1   # the hub', // 8
        '        set proposal aes128-sha256', // 9
        '    edit "b"', // 10: `next` left out
        '--More--         set remote-gw 192.0.2.2', // 11
        '        set dhgrp 14', // 12
        '        append dhgrp 19', // 13
        '        unselect dhgrp 14', // 14
        '    next', // 15
        'end', // 16
      ].join('\n');
      const d = parseText(text);
      expect(d.tunnels.map((t) => [t.name, t.remoteGateway.value, t.remoteGateway.raw])).to.deep.equal([
        ['a', '192.0.2.1', 'set remote-gw 192.0.2.1'],
        ['b', '192.0.2.2', 'set remote-gw 192.0.2.2'],
      ]);
      expect(d.tunnels[1].phase1.proposals.value[0].dhGroups).to.deep.equal([19]);
      expect(d.tunnels[1].phase1.proposals.at).to.deep.equal(at('test.conf', 14));
    });

    it('a single-VDOM device keeps plain tunnel names; the VDOM wrapper is still understood', () => {
      const text = 'config vdom\nedit root\nconfig vpn ipsec phase1-interface\nedit "x"\nset remote-gw 192.0.2.1\nnext\nend\nend\n';
      expect(parseText(text).tunnels.map((t) => t.name)).to.deep.equal(['x']);
    });

    it('IPv6 tunnel, subnet6 and name6 selectors, ddns peer', () => {
      const text = [
        'config firewall address6',
        '    edit "hq6"',
        '        set ip6 2001:db8:10::/48',
        '    next',
        'end',
        'config vpn ipsec phase1-interface',
        '    edit "v6"',
        '        set ip-version 6',
        '        set interface "wan1"',
        '        set ike-version 2',
        '        set proposal aes256-sha256',
        '        set remote-gw6 2001:db8::2',
        '    next',
        '    edit "dyn"',
        '        set type ddns',
        '        set remotegw-ddns "branch9.example.net"',
        '        set proposal aes256-sha256',
        '    next',
        'end',
        'config vpn ipsec phase2-interface',
        '    edit "v6-p2"',
        '        set phase1name "v6"',
        '        set src-addr-type subnet6',
        '        set dst-addr-type name6',
        '        set src-subnet6 2001:db8:27::/48',
        '        set dst-name6 "hq6"',
        '    next',
        'end',
      ].join('\n');
      const d = parseText(text);
      const [v6, dyn] = d.tunnels;
      expect(v6.remoteGateway).to.deep.equal({ value: '2001:db8::2', raw: 'set remote-gw6 2001:db8::2', origin: 'explicit', at: at('test.conf', 12) });
      expect(v6.localGateway?.value).to.equal('wan1');
      expect(v6.phase2[0].localSelectors.value).to.deep.equal(['2001:db8:27::/48']);
      expect(v6.phase2[0].remoteSelectors.value).to.deep.equal(['2001:db8:10::/48']);
      expect(dyn.remoteGateway).to.deep.equal({
        value: 'branch9.example.net',
        raw: 'set remotegw-ddns "branch9.example.net"',
        origin: 'explicit',
        at: at('test.conf', 16),
      });
    });

    it('is fast on a large backup (firewall policy is skipped line by line)', () => {
      const policy = Array.from(
        { length: 20000 },
        (_, i) =>
          `    edit ${i + 1}\n        set name "p${i}"\n        set srcintf "internal"\n        set dstintf "wan1"\n        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n        set schedule "always"\n        set service "ALL"\n    next`,
      ).join('\n');
      const text = `config firewall policy\n${policy}\nend\n${readText(fixturePath('pairs', 'fgt-fgt-match', 'fgt-hq.conf'))}`;
      const start = performance.now();
      const d = parseText(text);
      const ms = performance.now() - start;
      expect(d.tunnels.length).to.equal(1);
      expect(ms, `${text.split('\n').length} lines in ${ms.toFixed(0)} ms`).to.be.below(1500);
    });
  });

  describe('pair fixtures read as intended', () => {
    it('fgt-fgt-p2-unit-trap: 28800 at HQ, 480 at the branch, both explicit seconds', () => {
      const hq = parseFile(adapter, fixturePath('pairs', 'fgt-fgt-p2-unit-trap', 'fgt-hq.conf'));
      const br = parseFile(adapter, fixturePath('pairs', 'fgt-fgt-p2-unit-trap', 'fgt-branch07.conf'));
      expect(hq.tunnels[0].phase2[0].lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: 'set keylifeseconds 28800',
        origin: 'explicit',
        at: at('fixtures/pairs/fgt-fgt-p2-unit-trap/fgt-hq.conf', 77),
        unit: 'seconds',
      });
      expect(br.tunnels[0].phase2[0].lifetimeSeconds).to.deep.equal({
        value: 480,
        raw: 'set keylifeseconds 480',
        origin: 'explicit',
        at: at('fixtures/pairs/fgt-fgt-p2-unit-trap/fgt-branch07.conf', 75),
        unit: 'seconds',
      });
    });
  });

  describe('fix', () => {
    const d = parsed('branch-vdom-backup.conf');
    const hq = parsed('hq-show-full-session.txt');
    const fix = (req: Omit<FixRequest, 'device'> & { device?: Device }) => adapter.fix({ device: d, ...req } as FixRequest);

    it('phase 2 lifetime on a single-VDOM device: a plain CLI block in seconds', () => {
      const t = tunnel(hq, 'to-branch07');
      expect(adapter.fix({ field: 'phase2.lifetimeSeconds', device: hq, tunnel: t, phase2: t.phase2[0], target: 28800 })).to.equal(
        ['config vpn ipsec phase2-interface', '    edit "to-branch07-data"', '        set keylifeseconds 28800', '    next', 'end'].join('\n'),
      );
    });

    it('policy-based tunnel in a VDOM: wrapped in config vdom, phase1/phase2 tables', () => {
      const t = tunnel(d, 'PARTNERS/acme-legacy');
      expect(fix({ field: 'natt.mode', tunnel: t, target: 'auto' })).to.equal(
        ['config vdom', 'edit PARTNERS', 'config vpn ipsec phase1', '    edit "acme-legacy"', '        set nattraversal enable', '    next', 'end', 'end'].join(
          '\n',
        ),
      );
      // kbs-only phase 2: a time limit needs keylife-type both
      expect(fix({ field: 'phase2.lifetimeSeconds', tunnel: t, phase2: t.phase2[0], target: 3600 })).to.equal(
        [
          'config vdom',
          'edit PARTNERS',
          'config vpn ipsec phase2',
          '    edit "acme-legacy-p2"',
          '        set keylife-type both',
          '        set keylifeseconds 3600',
          '    next',
          'end',
          'end',
        ].join('\n'),
      );
    });

    it('every field FortiOS has', () => {
      const t = tunnel(hq, 'to-branch07');
      const p2 = t.phase2[0];
      const body = (req: Omit<FixRequest, 'device' | 'tunnel'>) =>
        adapter
          .fix({ device: hq, tunnel: t, ...req } as FixRequest)
          ?.split('\n')
          .filter((l) => l.startsWith('        '))
          .map((l) => l.trim());
      expect(body({ field: 'ikeVersion', target: 1 })).to.deep.equal(['set ike-version 1']);
      expect(body({ field: 'remoteGateway', target: '198.51.100.9' })).to.deep.equal(['set type static', 'set remote-gw 198.51.100.9']);
      expect(body({ field: 'remoteGateway', target: 'any' })).to.deep.equal(['set type dynamic']);
      expect(body({ field: 'remoteGateway', target: 'vpn.example.net' })).to.deep.equal(['set type ddns', 'set remotegw-ddns "vpn.example.net"']);
      expect(body({ field: 'auth.method', target: 'certificate' })).to.deep.equal(['set authmethod signature', 'set certificate <local certificate name>']);
      expect(body({ field: 'auth.method', target: 'eap' })).to.equal(undefined);
      expect(body({ field: 'auth.psk', target: null })).to.deep.equal(['set psksecret <the pre-shared key, as on the peer>']);
      expect(
        body({
          field: 'phase1.proposals',
          target: [
            { encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20] },
            { encryption: ['aes128', 'aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
          ],
        }),
      ).to.deep.equal(['set proposal aes256gcm-prfsha384 aes128-sha256 aes256-sha256', 'set dhgrp 20 14']);
      expect(body({ field: 'phase1.proposals', target: [{ encryption: ['camellia128'], integrity: ['sha256'], prf: [], dhGroups: [14] }] })).to.equal(
        undefined,
      );
      expect(body({ field: 'phase1.lifetimeSeconds', target: 86400 })).to.deep.equal(['set keylife 86400']);
      expect(body({ field: 'phase1.lifetimeSeconds', target: 60 })).to.equal(undefined);
      expect(body({ field: 'natt.mode', target: 'disabled' })).to.deep.equal(['set nattraversal disable']);
      expect(body({ field: 'natt.keepaliveSeconds', target: 20 })).to.deep.equal(['set keepalive 20']);
      expect(body({ field: 'natt.keepaliveSeconds', target: 0 })).to.equal(undefined);
      expect(body({ field: 'dpd.delaySeconds', target: 30 })).to.deep.equal(['set dpd-retryinterval 30']);
      expect(
        body({
          field: 'phase2.proposals',
          phase2: p2,
          target: [
            { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256', 'sha1'] },
            { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] },
          ],
        }),
      ).to.deep.equal(['set proposal aes256-sha256 aes256-sha1 aes256gcm']);
      expect(body({ field: 'phase2.proposals', phase2: p2, target: [{ protocol: 'ah', encryption: [], integrity: ['sha256'] }] })).to.equal(undefined);
      expect(body({ field: 'phase2.pfsGroups', phase2: p2, target: [0] })).to.deep.equal(['set pfs disable']);
      expect(body({ field: 'phase2.pfsGroups', phase2: p2, target: [14, 19] })).to.deep.equal(['set pfs enable', 'set dhgrp 14 19']);
      expect(body({ field: 'phase2.lifetimeKilobytes', phase2: p2, target: 0 })).to.deep.equal(['set keylife-type seconds']);
      expect(body({ field: 'phase2.lifetimeKilobytes', phase2: p2, target: 4608000 })).to.deep.equal(['set keylife-type both', 'set keylifekbs 4608000']);
      expect(body({ field: 'phase2.localSelectors', phase2: p2, target: ['172.16.0.0/16'] })).to.deep.equal([
        'set src-addr-type subnet',
        'set src-subnet 172.16.0.0 255.255.0.0',
      ]);
      expect(body({ field: 'phase2.remoteSelectors', phase2: p2, target: ['2001:db8:27::/48'] })).to.deep.equal([
        'set dst-addr-type subnet6',
        'set dst-subnet6 2001:db8:27::/48',
      ]);
    });

    it('several selectors become address objects and a group, created before the phase 2', () => {
      const t = tunnel(hq, 'to-branch07');
      expect(adapter.fix({ field: 'phase2.remoteSelectors', device: hq, tunnel: t, phase2: t.phase2[0], target: ['10.27.0.0/24', '10.27.8.0/22'] })).to.equal(
        [
          'config firewall address',
          '    edit "to-branch07-data-remote-1"',
          '        set subnet 10.27.0.0 255.255.255.0',
          '    next',
          '    edit "to-branch07-data-remote-2"',
          '        set subnet 10.27.8.0 255.255.252.0',
          '    next',
          'end',
          'config firewall addrgrp',
          '    edit "to-branch07-data-remote"',
          '        set member "to-branch07-data-remote-1" "to-branch07-data-remote-2"',
          '    next',
          'end',
          'config vpn ipsec phase2-interface',
          '    edit "to-branch07-data"',
          '        set dst-addr-type name',
          '        set dst-name "to-branch07-data-remote"',
          '    next',
          'end',
        ].join('\n'),
      );
    });

    it('without the parse-time record (a Device read back from JSON) the vdom/name tells where the tunnel is', () => {
      const copy = JSON.parse(JSON.stringify(d)) as Device;
      const t = copy.tunnels.find((x) => x.name === 'root/to-hq')!;
      expect(adapter.fix({ field: 'ikeVersion', device: copy, tunnel: t, target: 2 })).to.equal(
        ['config vdom', 'edit root', 'config vpn ipsec phase1-interface', '    edit "to-hq"', '        set ike-version 2', '    next', 'end', 'end'].join('\n'),
      );
    });
  });

  describe('commands', () => {
    it('are read-only show commands for every table parse reads', () => {
      for (const c of adapter.live!.commands) expect(c).to.match(/^show /);
      expect(adapter.live!.commands).to.include('show full-configuration vpn ipsec phase1-interface');
      expect(adapter.live!.commands).to.include('show full-configuration vpn ipsec phase2');
      expect(adapter.live!.commands).to.include('show system interface');
      expect(adapter.live!.commands).to.include('show firewall addrgrp');
    });
  });

  describe('real configs (../shared/real-configs)', () => {
    before(function () {
      if (!REAL_CONFIGS) {
        console.log('    (skipped: ../shared/real-configs not present)');
        this.skip();
      }
    });

    it('every file under fortigate/ parses, validates and yields its tunnels', () => {
      const dir = join(REAL_CONFIGS!, 'fortigate');
      const got: Record<string, string[]> = {};
      for (const f of filesUnder(dir)) {
        const d = adapter.parse(readText(f), f);
        expect(validateDevice(d), `${f}`).to.deep.equal([]);
        expect(adapter.detect(readText(f), f), f).to.be.at.least(0.9);
        got[f.slice(dir.length + 1)] = d.tunnels.map((t) => `${t.name}:${t.phase2.map((p) => p.name).join(',')}`);
      }
      expect(got).to.deep.equal({
        'aviatrix-headend-single-fortios-6.2.3-template.conf': ['HEADEND-TG:HEADEND-TG'],
        'batfish-ipsec_basic-nested-vpn-ipsec.conf': ['vpn-tunnel-1:vpn-tunnel-1-p2'],
        'gdnuwanlakmal-dialup-forticlient-aggressive-modecfg.conf': ['ipsec-newgroup:ipsec-newgroup'],
        'perimeter81-phase1-phase2-interface-ikev2-mode-cfg.conf': ['Perimeter81:Perimeter81'],
      });
    });

    it('aviatrix template: Terraform placeholders are flagged, not taken as values', () => {
      const f = join(REAL_CONFIGS!, 'fortigate', 'aviatrix-headend-single-fortios-6.2.3-template.conf');
      const d = adapter.parse(readText(f), 'aviatrix.conf');
      const t = d.tunnels[0];
      expect(t.remoteGateway).to.deep.equal({ value: '${transit_gw}', raw: 'set remote-gw ${transit_gw}', origin: 'explicit', at: at('aviatrix.conf', 29) });
      expect(t.auth.psk?.value).to.equal(PSK_UNKNOWN);
      expect(t.localGateway?.value).to.equal('port1');
      expect(t.phase1.lifetimeSeconds.value).to.equal(28800);
      expect(t.dpd.delaySeconds?.value).to.equal(5);
      expect(d.diagnostics.map((x) => x.at?.line)).to.deep.equal([45, 27, 29]);
    });

    it('batfish nested `config vpn ipsec` / `config phase1`: policy-based, named selectors, plain PSK not leaked', () => {
      const f = join(REAL_CONFIGS!, 'fortigate', 'batfish-ipsec_basic-nested-vpn-ipsec.conf');
      const d = adapter.parse(readText(f), 'batfish.conf');
      const t = d.tunnels[0];
      expect([t.localGateway?.value, t.remoteGateway.value]).to.deep.equal(['203.0.113.1', '198.51.100.1']);
      expect(t.auth.psk?.value).to.equal(pskFingerprint('secret123'));
      expect(t.phase2[0].localSelectors.value).to.deep.equal(['192.168.1.0/24']);
      expect(t.phase2[0].remoteSelectors.value).to.deep.equal(['192.168.2.0/24']);
      expect(JSON.stringify(d)).to.not.include('secret123');
    });

    it('dial-up FortiClient server with inline comments: any peer, aggressive, XAUTH, 7 phase 2 proposals', () => {
      const f = join(REAL_CONFIGS!, 'fortigate', 'gdnuwanlakmal-dialup-forticlient-aggressive-modecfg.conf');
      const t = adapter.parse(readText(f), 'dialup.conf').tunnels[0];
      expect([t.remoteGateway.value, t.phase1.exchangeMode?.value, t.auth.method.value, t.auth.psk?.value]).to.deep.equal([
        'any',
        'aggressive',
        'xauth-psk',
        PSK_UNKNOWN,
      ]);
      expect(t.phase1.proposals.value.length).to.equal(4);
      expect(t.phase2[0].proposals.value.map((p) => p.encryption[0])).to.deep.equal([
        'aes128',
        'aes256',
        'aes128',
        'aes256',
        'aes128gcm16',
        'aes256gcm16',
        'chacha20poly1305',
      ]);
    });

    it('20eung pair: mirrored gateways, the same plain PSK on both ends', () => {
      const dir = join(REAL_CONFIGS!, 'pairs', '20eung-fortigate-fg1-fg2-route-based');
      if (!existsSync(dir)) return;
      const [a, b] = ['fg1.conf', 'fg2.conf'].map((n) => adapter.parse(readText(join(dir, n)), n));
      expect(a.tunnels.map((t) => [t.name, t.localGateway?.value, t.remoteGateway.value])).to.deep.equal([['azvpn1', '1.1.1.1', '1.1.1.2']]);
      expect(b.tunnels.map((t) => [t.name, t.localGateway?.value, t.remoteGateway.value])).to.deep.equal([['ipsecvpn', '1.1.1.2', '1.1.1.1']]);
      expect(a.tunnels[0].auth.psk?.value).to.equal(b.tunnels[0].auth.psk?.value).and.to.equal(pskFingerprint('PreSharedKey'));
      expect(a.tunnels[0].phase2.map((p) => [p.name, p.localSelectors.value, p.remoteSelectors.value])).to.deep.equal([
        ['azvpn1', ['0.0.0.0/0'], ['0.0.0.0/0']],
      ]);
      expect(a.interfaces.map((i) => `${i.name}=${i.address}/${i.prefixLength}`)).to.deep.equal(['wan1=1.1.1.1/24', 'azvpn1=2.2.1.1/32']);
      expect(JSON.stringify([a, b])).to.not.include('PreSharedKey');
    });

    it('tawfik0x00 pair: IKEv1, mirrored /16 selectors, PFS 14, keylifeseconds 43200', () => {
      const dir = join(REAL_CONFIGS!, 'pairs', 'tawfik0x00-fortigate-branch-a-b-ikev1');
      if (!existsSync(dir)) return;
      const [a, b] = ['fgt-branch-a.conf', 'fgt-branch-b.conf'].map((n) => adapter.parse(readText(join(dir, n)), n));
      for (const [d, name, p2, local, remote, peer] of [
        [a, 'SITE-A-TO-B', 'P2-A-TO-B', '10.10.0.0/16', '10.20.0.0/16', '172.31.255.20'],
        [b, 'SITE-B-TO-A', 'P2-B-TO-A', '10.20.0.0/16', '10.10.0.0/16', '172.31.255.10'],
      ] as const) {
        const t = d.tunnels[0];
        expect(d.tunnels.length).to.equal(1);
        expect([t.name, t.remoteGateway.value, t.ikeVersion.value, t.phase1.lifetimeSeconds.value]).to.deep.equal([name, peer, 1, 86400]);
        expect(t.phase2.map((p) => [p.name, p.localSelectors.value, p.remoteSelectors.value, p.pfsGroups.value, p.lifetimeSeconds.value])).to.deep.equal([
          [p2, [local], [remote], [14], 43200],
        ]);
      }
      expect(a.tunnels[0].auth.psk?.value).to.equal(b.tunnels[0].auth.psk?.value);
      expect(JSON.stringify([a, b])).to.not.include('Fortigate@NTI2025');
    });
  });
});

// issue 13 (hostile property test: parse ∘ snapshot redaction keeps the tunnels, fast-check seeds
// 13 and 7): redaction changed how FortiOS's multi-line quoted values pair up, so a mutated backup
// parsed to other tunnels once redacted
describe('fortigate snapshot redaction never changes what parses (issue 13)', () => {
  const F = 'fixtures/fortigate/branch-vdom-backup.conf';
  const lines = () => readText(fixturePath('..', F)).split('\n');
  const names = (text: string) => adapter.parse(text, 'r.conf').tunnels.map((t) => t.name);
  const same = (text: string) => expect(names(snapshotText(text, 'fortigate'))).to.deep.equal(names(text));
  it('the backup itself, its key and certificate lines redacted line for line, quotes where they were', () => {
    const text = lines().join('\n');
    same(text);
    const red = snapshotText(text, 'fortigate').split('\n');
    const at = red.indexOf('        set private-key "<redacted>');
    // line for line: the key's base64 line is <redacted>; `end`/`next` inside the value stay; the certificate (public) stays
    expect(red.slice(at, at + 7)).to.deep.equal([
      '        set private-key "<redacted>',
      '<redacted>',
      'end',
      'next',
      '-----END ENCRYPTED PRIVATE KEY-----"',
      '        set certificate "<redacted>',
      'MIIDxTCCAq2gAwIBAgIIAAAAAAAAAAAwDQYJKoZIhvcNAQELBQAwgZ0xCzAJBgNV',
    ]);
    expect(red.join('\n')).to.not.include('MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIAAAAAAAAAAACAggA');
  });
  it("seed 13: without the certificate's `-----END CERTIFICATE-----\"` line (was: every VDOM's tunnels once redacted)", () => {
    const l = lines();
    expect(l.splice(l.indexOf('-----END CERTIFICATE-----"'), 1)).to.deep.equal(['-----END CERTIFICATE-----"']);
    expect(names(l.join('\n'))).to.deep.equal(['PARTNERS/acme-legacy']);
    same(l.join('\n'));
  });
  it('seed 7: the private-key line twice (was: no tunnel once redacted, the BEGIN…END block folded into three lines)', () => {
    const l = lines();
    const i = l.indexOf('        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----');
    l.splice(i, 0, l[i]);
    expect(names(l.join('\n'))).to.deep.equal(['root/to-hq', 'root/dialup-tech', 'root/old-hq', 'PARTNERS/acme-legacy']);
    same(l.join('\n'));
  });
  it('a redacted value gives back a quote it took, and keeps one still open', () => {
    expect(redact('        set password abc"def', 'fortigate')).to.equal('        set password ENC <redacted>"');
    expect(redact('        set psksecret "multi', 'fortigate')).to.equal('        set psksecret "<redacted>');
    expect(redact('  dec: spi=ca646445 esp=aes key=16 ab"cd', 'fortigate')).to.equal('  dec: spi=ca646445 esp=aes key=16 <redacted>"');
    expect(redact('        set psksecret ENC Zq9', 'fortigate')).to.equal('        set psksecret ENC <redacted>');
  });
  it('a private key cut short (no END) is redacted up to the first statement after it', () => {
    expect(redact('set private-key "-----BEGIN PRIVATE KEY-----\nMIIE\nAAAA\nnext\nend', 'fortigate')).to.equal(
      'set private-key "<redacted>\n<redacted>\n<redacted>\nnext\nend',
    );
  });
});
