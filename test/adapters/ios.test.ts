/** Cisco IOS / IOS-XE adapter: exact values and lines from the fixtures, keys and profiles, VTI/GRE, bad input, real configs, fixes. */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter } from '../../adapters/ios/index.js';
import { adapter as asa } from '../../adapters/asa/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { adapterById } from '../../adapters/index.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Device } from '../../src/model/types.js';
import { anyTextAnswers } from './any-text.js';
import { fixturePath, parseFile, readText, REAL_CONFIGS, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

const BR1 = 'fixtures/ios/br1-rtr-running-config.cfg';
const HUB = 'fixtures/ios/hub-xe-ikev2.cfg';

function parsed(...parts: string[]): Device {
  const device = parseFile(adapter, fixturePath('ios', ...parts));
  expectValid(device);
  return device;
}

describe('ios adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('ios')).to.equal(adapter);
    expect(adapter.id).to.equal('ios');
  });

  it('detects IOS text over ASA text', () => {
    for (const f of ['br1-rtr-running-config.cfg', 'hub-xe-ikev2.cfg']) {
      const text = readText(fixturePath('ios', f));
      expect(adapter.detect(text, f), f).to.be.at.least(0.9);
      expect(adapter.detect(text, f), f).to.be.greaterThan(asa.detect(text, f));
    }
    expect(adapter.detect('config firewall address\n    edit "x"\n', 'f.conf')).to.equal(0);
  });

  describe('br1-rtr-running-config.cfg (IOS 15.7: isakmp policies, key, keyring + profile, crypto map, VTI, GRE over IPsec)', () => {
    const d = parsed('br1-rtr-running-config.cfg');

    it('reads the header-wrapped config; the banner body (which looks like a crypto map) is not configuration', () => {
      expect(d.vendor).to.equal('ios');
      expect(d.hostname).to.equal('br1-rtr');
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['CM-WAN 10', 'Tunnel10', 'Tunnel20']);
      expect(d.interfaces.map((i) => `${i.name}=${i.address}/${i.prefixLength}`)).to.deep.equal([
        'Loopback0=10.255.0.21/32',
        'Tunnel10=169.254.20.1/30',
        'Tunnel20=172.31.0.1/30',
        'GigabitEthernet0/0=198.51.100.2/30',
        'GigabitEthernet0/1=10.20.0.1/24',
      ]);
    });

    it('crypto map entry: peer, local gateway from the interface carrying the map, global key, isakmp policies with IOS defaults', () => {
      const t = tunnel(d, 'CM-WAN 10');
      expect(t.at).to.deep.equal(at(BR1, 73));
      expect(t.remoteGateway).to.deep.equal({ value: '203.0.113.1', raw: 'set peer 203.0.113.1', origin: 'explicit', at: at(BR1, 75) });
      expect(t.localGateway).to.deep.equal({ value: '198.51.100.2', raw: 'crypto map CM-WAN', origin: 'inferred', at: at(BR1, 106) });
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'set isakmp-profile (IKEv1)', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'crypto isakmp key <redacted> address 203.0.113.1', origin: 'explicit', at: at(BR1, 45) });
      expect(t.auth.psk?.value).to.equal(pskFingerprint('Br1-Pre-Shared-Key-2024'));
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
          { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
        ],
        raw: 'crypto isakmp policy 10; crypto isakmp policy 20',
        origin: 'explicit',
        at: at(BR1, 34),
      });
      // policy 10 writes no lifetime: the IOS default
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'lifetime 86400', unit: 'seconds', origin: 'default' });
      expect(t.dpd).to.deep.equal({
        mode: { value: 'periodic', raw: 'crypto isakmp keepalive 10 3 periodic', origin: 'explicit', at: at(BR1, 46) },
        delaySeconds: { value: 10, raw: 'crypto isakmp keepalive 10 3 periodic', unit: 'seconds', origin: 'explicit', at: at(BR1, 46) },
        action: {
          value: 'hold',
          raw: 'crypto map CM-WAN 10 ipsec-isakmp (negotiated again when traffic matches the ACL)',
          origin: 'inferred',
          assumed: true,
          at: at(BR1, 73),
        },
      });
      expect(t.natt).to.deep.equal({
        mode: { value: 'auto', raw: 'crypto ipsec nat-transparency udp-encapsulation', origin: 'default', assumed: true },
        keepaliveSeconds: { value: 20, raw: 'crypto isakmp nat keepalive 20', unit: 'seconds', origin: 'explicit', at: at(BR1, 47) },
      });
      expect(t.behaviour?.ikev1Phase1Lifetime?.value).to.equal('reject-shorter');
    });

    it('phase 2: wildcard ACL (named, header in raw), `esp-aes 256` key length as its own word, IOS default 3600 s, global kilobytes', () => {
      const p = tunnel(d, 'CM-WAN 10').phase2[0];
      expect(p.localSelectors).to.deep.equal({
        value: ['10.20.0.0/24'],
        raw: 'ip access-list extended ACL-HQ; permit ip 10.20.0.0 0.0.0.255 10.10.0.0 0.0.255.255',
        origin: 'explicit',
        at: at(BR1, 118),
      });
      expect(p.remoteSelectors.value).to.deep.equal(['10.10.0.0/16']);
      expect(p.proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }],
        raw: 'set transform-set TS-HQ',
        origin: 'explicit',
        at: at(BR1, 76),
      });
      expect(p.mode).to.deep.equal({ value: 'tunnel', raw: 'mode tunnel', origin: 'explicit', at: at(BR1, 56) });
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: 'set pfs group14', origin: 'explicit', at: at(BR1, 77) });
      expect(p.lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: 'crypto ipsec security-association lifetime seconds 3600',
        unit: 'seconds',
        origin: 'default',
      });
      expect(p.lifetimeKilobytes).to.deep.equal({
        value: 102400,
        raw: 'crypto ipsec security-association lifetime kilobytes 102400',
        unit: 'kilobytes',
        origin: 'explicit',
        at: at(BR1, 71),
      });
    });

    it('VTI: isakmp profile from the ipsec profile → keyring key, profile keepalive over the global one, tunnel source interface → address', () => {
      const t = tunnel(d, 'Tunnel10');
      expect(t.enabled).to.equal(true);
      expect(t.localGateway).to.deep.equal({ value: '198.51.100.2', raw: 'tunnel source GigabitEthernet0/0', origin: 'inferred', at: at(BR1, 87) });
      expect(t.remoteGateway.value).to.equal('192.0.2.50');
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('Partner-Key-Branch1'),
        raw: 'pre-shared-key address 192.0.2.50 key <redacted>',
        origin: 'explicit',
        at: at(BR1, 32),
      });
      expect(t.dpd.mode).to.deep.equal({ value: 'on-demand', raw: 'keepalive 30 retry 5', origin: 'explicit', at: at(BR1, 51) });
      const p = t.phase2[0];
      expect(p.name).to.equal('Tunnel10 (ipsec profile PROF-PARTNER)');
      expect(p.localSelectors.value).to.deep.equal(['0.0.0.0/0']);
      expect(p.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }]);
      expect(p.pfsGroups.value).to.deep.equal([19]);
    });

    it('GRE over IPsec (tunnel mode left at gre): GRE between the endpoints, transport mode, shutdown = disabled', () => {
      const t = tunnel(d, 'Tunnel20');
      expect(t.enabled).to.equal(false);
      const p = t.phase2[0];
      expect(p.localSelectors).to.deep.equal({
        value: ['198.51.100.2/32'],
        raw: 'tunnel protection ipsec profile PROF-GRE (tunnel mode gre ip by default)',
        origin: 'inferred',
        at: at(BR1, 98),
      });
      expect(p.remoteSelectors.value).to.deep.equal(['198.51.100.66/32']);
      expect(p.ipProtocol?.value).to.equal(47);
      expect(p.mode).to.deep.equal({ value: 'transport', raw: 'mode transport', origin: 'explicit', at: at(BR1, 60) });
      expect(p.lifetimeSeconds).to.deep.equal({
        value: 7200,
        raw: 'set security-association lifetime seconds 7200',
        unit: 'seconds',
        origin: 'explicit',
        at: at(BR1, 69),
      });
      expect(t.auth.psk).to.equal(undefined);
      expect(d.diagnostics).to.deep.include({
        level: 'info',
        message: 'Tunnel20: no pre-shared key for peer 198.51.100.66 in this file (crypto isakmp key, crypto keyring or ikev2 keyring)',
        at: at(BR1, 92),
      });
    });

    it('never keeps a secret', () => {
      const json = JSON.stringify(d);
      for (const s of ['Br1-Pre-Shared-Key-2024', 'Partner-Key-Branch1']) expect(json).to.not.include(s);
    });
  });

  describe('hub-xe-ikev2.cfg (IOS-XE 17: IKEv2 proposal/policy/keyring/profile, dynamic map, FlexVPN VTI)', () => {
    const d = parsed('hub-xe-ikev2.cfg');

    it('drops the prompt lines, takes IKEv2 from set ikev2-profile, proposals through the policy (unlinked proposal unused)', () => {
      expect(d.hostname).to.equal('hub-xe');
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['CM-INTERNET 10', 'dynamic-map DM-SPOKES 10', 'Tunnel100']);
      const t = tunnel(d, 'CM-INTERNET 10');
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'set ikev2-profile PROF-SPOKES', origin: 'explicit', at: at(HUB, 89) });
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes256', 'aes256gcm16'], integrity: ['sha384', 'sha256'], prf: ['prfsha384'], dhGroups: [20, 19, 14] },
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'lifetime 28800', unit: 'seconds', origin: 'explicit', at: at(HUB, 56) });
      expect(t.phase1.exchangeMode).to.equal(undefined);
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'authentication remote pre-share', origin: 'explicit', at: at(HUB, 53) });
      // local and remote keys differ on this peer: the local one is compared, and a note says so
      expect(t.auth.psk?.value).to.equal(pskFingerprint('Spoke7-Local-Key'));
      expect(t.dpd.mode).to.deep.equal({ value: 'on-demand', raw: 'dpd 30 5 on-demand', origin: 'explicit', at: at(HUB, 57) });
      expect(t.natt.keepaliveSeconds).to.deep.equal({ value: 25, raw: 'crypto ikev2 nat keepalive 25', unit: 'seconds', origin: 'explicit', at: at(HUB, 67) });
    });

    it('numbered ACL with two entries: merged with a note; IOS PFS off when not set', () => {
      const p = tunnel(d, 'CM-INTERNET 10').phase2[0];
      expect(p.localSelectors.value).to.deep.equal(['10.50.0.0/16']);
      expect(p.remoteSelectors.value).to.deep.equal(['10.70.0.0/24', '10.71.0.0/24']);
      expect(p.localSelectors.raw).to.equal(
        'access-list 110 permit ip 10.50.0.0 0.0.255.255 10.70.0.0 0.0.0.255; access-list 110 permit ip 10.50.0.0 0.0.255.255 10.71.0.0 0.0.0.255',
      );
      expect(p.pfsGroups).to.deep.equal({ value: [0], raw: 'no set pfs', origin: 'default' });
      expect(d.diagnostics).to.deep.include({
        level: 'info',
        message:
          'crypto map CM-INTERNET 10: access-list 110 has 2 permit entries; Cisco negotiates one SA pair per entry, compared here as one phase 2 (sources ↔ destinations)',
        at: at(HUB, 90),
      });
    });

    it('dynamic entry: responder for any peer, no single key, its own lifetime', () => {
      const t = tunnel(d, 'dynamic-map DM-SPOKES 10');
      expect(t.remoteGateway.value).to.equal('any');
      expect(t.initiates?.value).to.equal(false);
      expect(t.auth.psk).to.equal(undefined);
      expect(t.phase2[0].proposals.value.length).to.equal(2);
      expect(t.phase2[0].lifetimeSeconds.value).to.equal(7200);
      expect(t.phase2[0].pfsGroups.value).to.deep.equal([19]);
    });

    it('`match identity remote address 0.0.0.0` (no mask) accepts any IPv4 identity; with a host mask, that one address', () => {
      const spokes = tunnel(d, 'dynamic-map DM-SPOKES 10').auth.peerIdentity;
      expect(spokes?.value).to.deep.equal([{ type: 'ipv4', value: '0.0.0.0/0' }]);
      expect(spokes?.at).to.deep.equal(at(HUB, 52));
      expect(tunnel(d, 'Tunnel100').auth.peerIdentity?.value).to.deep.equal([{ type: 'ipv4', value: '198.51.100.66' }]);
    });

    it('FlexVPN VTI: the most specific keyring peer, profile DPD and NAT keepalive, IOS default IKE SA lifetime', () => {
      const t = tunnel(d, 'Tunnel100');
      expect(t.localGateway?.value).to.equal('192.0.2.1');
      expect(t.auth.psk?.value).to.equal(pskFingerprint('Hub-DC-Shared-Key'));
      expect(t.dpd.mode.value).to.equal('periodic');
      expect(t.dpd.delaySeconds?.value).to.equal(10);
      expect(t.natt.keepaliveSeconds).to.deep.equal({ value: 15, raw: 'nat keepalive 15', unit: 'seconds', origin: 'explicit', at: at(HUB, 65) });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'lifetime 86400', unit: 'seconds', origin: 'default', assumed: true });
      expect(t.phase2[0].pfsGroups.value).to.deep.equal([20]);
    });

    it('an encrypted (type 6) key is not comparable, and no secret leaves the adapter', () => {
      const d2 = adapter.parse(readText(fixturePath('ios', 'hub-xe-ikev2.cfg')).replace('set peer 203.0.113.70', 'set peer 203.0.113.71'), 'hub.cfg');
      expect(tunnel(d2, 'CM-INTERNET 10').auth.psk?.value).to.equal(PSK_UNKNOWN);
      const json = JSON.stringify(d);
      for (const s of ['Spoke7-Local-Key', 'Spoke7-Remote-Key', 'Hub-DC-Shared-Key', 'FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB']) expect(json).to.not.include(s);
    });
  });

  describe('dangling references and bad input', () => {
    it('any text (fast-check, seed 13, 40 runs) is a Device or a file:line ParseError: its counter-example was the empty text, then located nowhere', () => {
      expect(parseErrorOf(() => adapter.parse('', 'fuzz/in.conf')).located).to.equal(
        'fuzz/in.conf:1: expected a Cisco IOS / IOS-XE configuration (show running-config), found an empty file (or only comments)',
      );
      expect(anyTextAnswers(adapter)).to.equal(undefined);
    });
    it('undefined keyring, isakmp-profile, transform-set, ACL, object-group, ipsec profile: warnings naming both lines', () => {
      const F = 'fixtures/ios/bad/dangling-references.cfg';
      const d = parsed('bad', 'dangling-references.cfg');
      const w = d.diagnostics.filter((x) => x.level === 'warning').map((x) => `${x.at?.line}: ${x.message}`);
      expect(w).to.deep.equal([
        '29: crypto map CM 10 (line 29) matches access-list ACL-MISSING, which is not defined in this file: its traffic selectors are unknown',
        '16: isakmp-profile IKP-HQ (line 16) uses keyring KR-NOT-DEFINED, which is not defined in this file',
        '15: crypto map CM 10: isakmp-profile IKP-HQ matches peer 203.0.113.1, but its keyring has no pre-shared key for it',
        '27: crypto map CM 10 (line 27) uses transform-set TS-MISSING, which is not defined in this file',
        '53: access-list 120 (line 53), used by crypto map CM 20 (line 33), references object-group BR11-LAN, which is not defined in this file',
        '33: crypto map CM 20: no entry of access-list 120 resolves to addresses, so its traffic selectors are unknown and its phase 2 is not compared',
        '23: crypto ipsec profile PROF-VTI (line 23) uses isakmp-profile IKP-MISSING, which is not defined in this file',
        '47: interface Tunnel2 (line 47) is protected by ipsec profile PROF-NOT-DEFINED, which is not defined in this file',
      ]);
      expect(tunnel(d, 'CM 10').phase2).to.deep.equal([]);
      expect(tunnel(d, 'Tunnel1').phase2[0].localSelectors.value).to.deep.equal(['0.0.0.0/0']);
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['CM 10', 'CM 20', 'Tunnel1']);
      expect(d.diagnostics[0].at?.file).to.equal(F);
    });

    it('file:line: expected … for values that matter', () => {
      expect(parseErrorOf(() => parsed('bad', 'pfs-group-typo.cfg')).located).to.equal(
        'fixtures/ios/bad/pfs-group-typo.cfg:13: expected a PFS group (group2, group5, group14, group19, …), found "group41"',
      );
      expect(parseErrorOf(() => parsed('bad', 'keyring-without-key.cfg')).located).to.equal(
        'fixtures/ios/bad/keyring-without-key.cfg:5: expected "pre-shared-key address A [MASK] key KEY" or "pre-shared-key hostname NAME key KEY"',
      );
      expect(parseErrorOf(() => adapter.parse('crypto isakmp policy 1\n encr aes 512\n', 'p.cfg')).located).to.equal(
        'p.cfg:2: expected an IKE encryption (des, 3des, aes, aes 192, aes 256, aes-192, aes-256), found "aes 512"',
      );
      expect(parseErrorOf(() => adapter.parse('crypto isakmp keepalive 5\n', 'k.cfg')).located).to.equal(
        'k.cfg:1: expected a DPD interval in seconds (10–3600), found "5"',
      );
      expect(parseErrorOf(() => adapter.parse('crypto ipsec security-association lifetime seconds 60\n', 'l.cfg')).located).to.equal(
        'l.cfg:1: expected a lifetime in seconds (120–2147483647), found "60"',
      );
      expect(parseErrorOf(() => adapter.parse('/ip ipsec peer\nadd address=1.2.3.4\n', 'r.rsc')).line).to.equal(1);
    });

    const bare = (version?: string) =>
      [
        ...(version ? [`version ${version}`] : []),
        'hostname r9',
        'crypto isakmp key k9 address 192.0.2.9',
        'crypto map M 1 ipsec-isakmp',
        ' set peer 192.0.2.9',
        ' set pfs',
        ' match address 101',
        'access-list 101 permit ip host 10.9.9.9 any',
        'interface Gi0/0',
        ' ip address 192.0.2.1 255.255.255.0',
        ' crypto map M',
      ].join('\n');

    it('IOS 15.x defaults: no isakmp policy → a warning; bare set pfs → group 1; no transform set → both default transform sets (assumed)', () => {
      const d = adapter.parse(bare('15.2'), 'r9.cfg');
      const t = d.tunnels[0];
      expect(t.phase1.proposals).to.deep.equal({ value: [], raw: 'no crypto isakmp policy', origin: 'default' });
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [1], raw: 'set pfs', origin: 'inferred', at: at('r9.cfg', 6) });
      expect(t.phase2[0].proposals).to.deep.equal({
        value: [
          { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
          { protocol: 'esp', encryption: ['3des'], integrity: ['sha1'] },
        ],
        raw: 'crypto ipsec transform-set default esp-aes esp-sha-hmac',
        origin: 'default',
        assumed: true,
      });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: 'crypto ipsec security-association lifetime seconds 3600',
        unit: 'seconds',
        origin: 'default',
      });
      expect(t.phase2[0].localSelectors.value).to.deep.equal(['10.9.9.9/32']);
      expect(t.phase2[0].remoteSelectors.value).to.deep.equal(['0.0.0.0/0']);
      expect(d.diagnostics.map((x) => x.message)).to.include(
        'there is no crypto isakmp policy in this file (first needed by M 1): IOS then offers its built-in default policies, which are not modelled here',
      );
    });

    it('IOS-XE 17 defaults (genieparser iosxe outputs): default protection suite 65508 for a PSK peer, the one default transform set', () => {
      const d = adapter.parse(bare('17.3'), 'r9.cfg');
      const t = d.tunnels[0];
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [5] }],
        raw: 'crypto isakmp default policy 65508',
        origin: 'default',
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'lifetime 86400', unit: 'seconds', origin: 'default' });
      expect(t.phase2[0].proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }],
        raw: 'crypto ipsec transform-set default esp-aes esp-sha-hmac',
        origin: 'default',
      });
      // the group a bare `set pfs` asks for on IOS-XE is not confirmed: the report says so
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [1], raw: 'set pfs', origin: 'inferred', at: at('r9.cfg', 6), assumed: true });
      expect(d.diagnostics.map((x) => x.message)).to.include(
        'there is no crypto isakmp policy in this file (first needed by M 1): IOS-XE then offers its default protection suites 65507 and 65508 (aes 128, sha, group 5, 86400 s)',
      );
    });

    it('no version line (a `| section crypto` excerpt): the IOS-XE built-ins, each marked assumed', () => {
      const t = adapter.parse(bare(), 'r9.cfg').tunnels[0];
      expect(t.phase1.proposals.assumed).to.equal(true);
      expect(t.phase2[0].proposals.assumed).to.equal(true);
      expect(t.phase2[0].pfsGroups.assumed).to.equal(true);
      expect(t.phase2[0].lifetimeSeconds.assumed).to.equal(undefined);
    });
  });

  describe('fix (IOS CLI blocks)', () => {
    const d = parsed('br1-rtr-running-config.cfg');
    const fix = (req: Omit<FixRequest, 'device'>) => adapter.fix({ ...req, device: d } as FixRequest);
    const cm = tunnel(d, 'CM-WAN 10');
    const vti = tunnel(d, 'Tunnel10');

    it('enters the crypto map entry or the ipsec profile and indents', () => {
      expect(fix({ field: 'phase2.lifetimeSeconds', tunnel: cm, phase2: cm.phase2[0], target: 28800 })).to.equal(
        'crypto map CM-WAN 10 ipsec-isakmp\n set security-association lifetime seconds 28800',
      );
      expect(fix({ field: 'phase2.lifetimeKilobytes', tunnel: cm, phase2: cm.phase2[0], target: 0 })).to.equal(
        'crypto map CM-WAN 10 ipsec-isakmp\n set security-association lifetime kilobytes disable',
      );
      expect(fix({ field: 'phase2.pfsGroups', tunnel: cm, phase2: cm.phase2[0], target: [0] })).to.equal('crypto map CM-WAN 10 ipsec-isakmp\n no set pfs');
      expect(fix({ field: 'phase2.pfsGroups', tunnel: vti, phase2: vti.phase2[0], target: [14] })).to.equal(
        'crypto ipsec profile PROF-PARTNER\n set pfs group14',
      );
      expect(
        fix({ field: 'phase2.proposals', tunnel: cm, phase2: cm.phase2[0], target: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha1'] }] }),
      ).to.equal(
        'crypto ipsec transform-set IPSEC-AES256-SHA1 esp-aes 256 esp-sha-hmac\ncrypto map CM-WAN 10 ipsec-isakmp\n set transform-set IPSEC-AES256-SHA1',
      );
    });

    it('global commands for phase 1, NAT keepalive, DPD; the key’s place, never the key', () => {
      expect(fix({ field: 'phase1.lifetimeSeconds', tunnel: cm, target: 28800 })).to.equal(
        'crypto isakmp policy 10\n lifetime 28800\ncrypto isakmp policy 20\n lifetime 28800',
      );
      expect(fix({ field: 'natt.keepaliveSeconds', tunnel: cm, target: 30 })).to.equal('crypto isakmp nat keepalive 30');
      expect(fix({ field: 'dpd.delaySeconds', tunnel: cm, target: 15 })).to.equal('crypto isakmp keepalive 15 2');
      expect(fix({ field: 'auth.psk', tunnel: cm, target: null })).to.equal('crypto isakmp key <the shared key> address 203.0.113.1');
      expect(fix({ field: 'natt.mode', tunnel: cm, target: 'disabled' })).to.equal('no crypto ipsec nat-transparency udp-encapsulation');
      expect(fix({ field: 'phase2.localSelectors', tunnel: cm, phase2: cm.phase2[0], target: ['10.20.0.0/23'] })).to.equal(
        '! replace the entries of access-list ACL-HQ (crypto map CM-WAN 10) with:\nip access-list extended ACL-HQ\n permit ip 10.20.0.0 0.0.1.255 10.10.0.0 0.0.255.255',
      );
      expect(fix({ field: 'phase2.localSelectors', tunnel: cm, phase2: cm.phase2[0], target: ['10.20.0.0/24'] })).to.equal(undefined);
      expect(fix({ field: 'ikeVersion', tunnel: cm, target: 2 })).to.equal(undefined);
    });
  });

  describe('real configs (../shared/real-configs)', () => {
    before(function () {
      if (!REAL_CONFIGS) {
        console.log('    (skipped: ../shared/real-configs not present)');
        this.skip();
      }
    });

    it('AWS-generated customer gateway: two VTIs, keyrings and isakmp profiles per tunnel, `exit` lines and comments inside blocks', () => {
      const f = join(REAL_CONFIGS!, 'other', 'batfish-aws-generated-ios-customer-gateway-vpn-03701a53bba3c48b7.txt');
      const d = adapter.parse(readText(f), 'aws.txt');
      expect(validateDevice(d)).to.deep.equal([]);
      expect(d.tunnels.map((t) => `${t.name}|${t.localGateway?.value}>${t.remoteGateway.value}|${t.phase2[0].localSelectors.value}`)).to.deep.equal([
        'Tunnel1|1.1.1.2>3.130.237.53|0.0.0.0/0',
        'Tunnel2|1.1.1.2>18.217.248.9|0.0.0.0/0',
      ]);
      const t1 = d.tunnels[0];
      expect(t1.auth.psk).to.deep.equal({
        value: pskFingerprint('kmHkZujp_EWOqCVfMT87B1jTeU8hXUNK'),
        raw: 'pre-shared-key address 3.130.237.53 key <redacted>',
        origin: 'explicit',
        at: at('aws.txt', 51),
      });
      expect(d.tunnels[1].auth.psk?.value).to.equal(pskFingerprint('1.01G.S.btJoIozZ98JsfB5Gp4.7UAM_'));
      expect(t1.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'lifetime 28800', unit: 'seconds', origin: 'explicit', at: at('aws.txt', 42) });
      expect(t1.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }]);
      expect(t1.phase2[0].pfsGroups.value).to.deep.equal([2]);
      expect(t1.phase2[0].lifetimeSeconds.value).to.equal(3600);
      expect(t1.dpd.mode).to.deep.equal({ value: 'on-demand', raw: 'crypto isakmp keepalive 10 10 on-demand', origin: 'explicit', at: at('aws.txt', 254) });
      expect(JSON.stringify(d)).to.not.include('kmHkZujp_EWOqCVfMT87B1jTeU8hXUNK');
    });

    it('batfish 3-node IOS rig: the tunnels batfish names, with r1 Tunnel21 shut and r2/r3 keys chosen by profile', () => {
      const dir = join(REAL_CONFIGS!, 'pairs', 'batfish-ios-crypto-ipsec-3node');
      const read = (n: string) => adapter.parse(readText(join(dir, n)), n);
      const [r1, r2, r3] = ['r1.cfg', 'r2.cfg', 'r3.cfg'].map(read);
      for (const d of [r1, r2, r3]) expect(validateDevice(d)).to.deep.equal([]);
      const show = (d: Device) => d.tunnels.map((t) => `${t.name}|${t.enabled ? 'up' : 'shut'}|${t.localGateway?.value}>${t.remoteGateway.value}`);
      expect(show(r1)).to.deep.equal(['mymap 20|up|2.3.4.6>2.3.4.8', 'mysecondmap 20|up|2.3.4.7>2.3.4.11', 'Tunnel21|shut|2.3.4.6>2.3.4.8']);
      expect(show(r2)).to.deep.equal([
        'mymap 20|up|2.3.4.8>2.3.4.6',
        'mysecondmap 20|up|2.3.4.10>2.3.4.11',
        'Tunnel23|up|2.3.4.10>2.3.4.11',
        'Tunnel21|up|2.3.4.8>2.3.4.6',
      ]);
      expect(show(r3)).to.deep.equal(['dynamic-map mydynamicmap 5|up|2.3.4.11>any', 'Tunnel23|up|2.3.4.11>2.3.4.10']);
      // keys: r1↔r2 psk2 (ISAKMP-PROFIE, bound by local-address), r1→r3 psk3, r2↔r3 psk4
      expect(tunnel(r1, 'mymap 20').auth.psk?.value).to.equal(pskFingerprint('psk2'));
      expect(tunnel(r2, 'mymap 20').auth.psk?.value).to.equal(pskFingerprint('psk2'));
      expect(tunnel(r2, 'Tunnel21').auth.psk?.value).to.equal(pskFingerprint('psk2'));
      expect(tunnel(r1, 'mysecondmap 20').auth.psk?.value).to.equal(pskFingerprint('psk3'));
      expect(tunnel(r2, 'Tunnel23').auth.psk?.value).to.equal(pskFingerprint('psk4'));
      expect(tunnel(r3, 'Tunnel23').auth.psk?.value).to.equal(pskFingerprint('psk4'));
      // r1 offers ts1+ts2, r2 only ts2 on the static maps
      expect(tunnel(r1, 'mymap 20').phase2[0].proposals.value.map((p) => p.integrity[0])).to.deep.equal(['md5', 'sha1']);
      expect(tunnel(r2, 'mymap 20').phase2[0].proposals.value.map((p) => p.integrity[0])).to.deep.equal(['sha1']);
      // every router has the same ACL (1.1.1.1 → 2.2.2.2): not mirrored between peers
      expect(tunnel(r2, 'mymap 20').phase2[0].localSelectors.value).to.deep.equal(['1.1.1.1/32']);
    });

    it('summerice7 IOS (a VTI pasted from an article: every line but one indented by one blank) reads as IOS printed it', () => {
      const f = join(REAL_CONFIGS!, 'pairs', 'summerice7-fortigate-cisco-ios-ikev1-vti', 'ios.cfg');
      const d = adapter.parse(readText(f), 'ios.cfg');
      expect(validateDevice(d)).to.deep.equal([]);
      expect(d.interfaces.map((i) => `${i.name}=${i.address}`)).to.deep.equal(['Ethernet0/0=101.100.1.1', 'Ethernet0/1=192.168.112.1', 'Tunnel0=1.1.1.2']);
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['Tunnel0']);
      const t = d.tunnels[0];
      expect(t.ikeVersion.value).to.equal(1);
      expect(t.localGateway).to.deep.equal({ value: '101.100.1.1', raw: 'tunnel source Ethernet0/0', origin: 'inferred', at: at('ios.cfg', 34) });
      expect(t.remoteGateway).to.deep.equal({ value: '202.106.1.1', raw: 'tunnel destination 202.106.1.1', origin: 'explicit', at: at('ios.cfg', 36) });
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('Fortinet123#'),
        raw: 'crypto isakmp key <redacted> address 202.106.1.1',
        origin: 'explicit',
        at: at('ios.cfg', 21),
      });
      // line 15 is the block's one unindented line; its sub-commands (16–19) are still its own
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes256'], integrity: ['sha1'], prf: [], dhGroups: [5] }],
        raw: 'crypto isakmp policy 10',
        origin: 'explicit',
        at: at('ios.cfg', 15),
      });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'crypto isakmp key <redacted> address 202.106.1.1', origin: 'explicit', at: at('ios.cfg', 21) });
      expect(t.dpd).to.deep.equal({
        mode: { value: 'periodic', raw: 'crypto isakmp keepalive 10 periodic', origin: 'explicit', at: at('ios.cfg', 22) },
        delaySeconds: { value: 10, raw: 'crypto isakmp keepalive 10 periodic', unit: 'seconds', origin: 'explicit', at: at('ios.cfg', 22) },
        // a VTI brings its SA up again by itself (cisco-common/recovery.ts: assumed)
        action: {
          value: 'restart',
          raw: 'interface Tunnel0 (a protected tunnel interface brings its SA up again)',
          origin: 'inferred',
          assumed: true,
          at: at('ios.cfg', 31),
        },
      });
      const p2 = t.phase2[0];
      expect([p2.localSelectors.value, p2.remoteSelectors.value]).to.deep.equal([['0.0.0.0/0'], ['0.0.0.0/0']]);
      expect(p2.proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }],
        raw: 'set transform-set MY-Trans',
        origin: 'explicit',
        at: at('ios.cfg', 28),
      });
      expect(p2.mode).to.deep.equal({ value: 'tunnel', raw: 'mode tunnel', origin: 'explicit', at: at('ios.cfg', 25) });
      expect(p2.pfsGroups).to.deep.equal({ value: [5], raw: 'set pfs group5', origin: 'explicit', at: at('ios.cfg', 29) });
      expect([p2.lifetimeSeconds.value, p2.lifetimeSeconds.origin, p2.lifetimeKilobytes.value]).to.deep.equal([3600, 'default', 4608000]);
      expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([]);
    });

    it('the mixed IOS/ASA batfish parse test reads; a matching isakmp profile decides the keyring, even an undefined one', () => {
      const f = join(REAL_CONFIGS!, 'other', 'batfish-cisco_crypto-mixed-ios-asa-parse-test.cfg');
      const d = adapter.parse(readText(f), 'mixed.cfg');
      expect(validateDevice(d)).to.deep.equal([]);
      expect(d.tunnels.map((t) => t.name)).to.deep.equal([
        'dynamic-map mydefaultcryptomap 65534',
        'dynamic-map mydefaultcryptomap 65535',
        'VPN 5',
        'asacryptomap 10',
        'VPNMAP 2',
      ]);
      // the global key for 1.2.3.4 is not used: isakmp profile myprofile matches the peer and names a keyring the file lacks
      expect(tunnel(d, 'VPN 5').auth.psk).to.equal(undefined);
      expect(d.diagnostics).to.deep.include({
        level: 'warning',
        message: 'isakmp-profile myprofile (line 191) uses keyring VRF:MMS:RMT:UPM:1143, which is not defined in this file',
        at: at('mixed.cfg', 191),
      });
      expect(d.diagnostics).to.deep.include({
        level: 'warning',
        message: 'crypto map VPNMAP 2 (line 242) uses isakmp-profile myisakmpprofile, which is not defined in this file',
        at: at('mixed.cfg', 242),
      });
      expect(tunnel(d, 'VPNMAP 2').phase1.proposals.value[0]).to.deep.equal({ encryption: ['3des'], integrity: ['md5'], prf: [], dhGroups: [2] });
      expect(tunnel(d, 'VPNMAP 2').dpd.mode.value).to.equal('periodic');
      for (const secret of ['9Aa9#A%X9AaAAAAAa', '~99a9aaa_aaaa9aa|||aaaaaaa', 'somekey']) expect(JSON.stringify(d)).to.not.include(secret);
    });
  });
});
