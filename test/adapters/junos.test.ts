/** Junos adapter: both forms and sessions, exact values and lines, groups, inactive, bad input, secrets, the real configs, fixes. */
import { expect } from 'chai';
import { join, relative } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import { adapter } from '../../adapters/junos/index.js';
import { fixJunos } from '../../adapters/junos/fix.js';
import { compareDevices } from '../../src/compare/compare.js';
import type { FixRequest } from '../../src/model/adapter.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { Device } from '../../src/model/types.js';
import { detectAll } from '../../src/read/detect.js';
import { entryPoints, inputsFor, MAX_RATIO, verdict } from '../hostile/linear.js';
import { PLACEMENTS, SHAPES } from '../hostile/shapes.js';
import { at, expectValid, filesUnder, fixturePath, parseErrorOf, REAL_CONFIGS, ROOT, readText, tunnelNamed as tunnel } from '../helpers.js';

const HQ = 'fixtures/junos/srx-hq-22.4-show-configuration.conf';
const HQ_SET = 'fixtures/junos/srx-hq-22.4-display-set.txt';
const DC = 'fixtures/junos/srx-dc-21.4-cluster-session.txt';

function parsed(rel: string): Device {
  return expectValid(adapter.parse(readText(join(ROOT, rel)), rel));
}

function inline(lines: string[], file = 'inline.txt'): Device {
  return expectValid(adapter.parse(`${lines.join('\n')}\n`, file));
}

/** The device without where each value came from: what two forms of one configuration share. */
function values(d: Device): unknown {
  return JSON.parse(JSON.stringify({ t: d.tunnels, i: d.interfaces, h: d.hostname }, (k, v) => (k === 'raw' || k === 'at' || k === 'origin' ? undefined : v)));
}

const diags = (d: Device) => d.diagnostics.map((g) => `${g.level} ${g.at?.line ?? '-'} ${g.message}`);

/** A minimal set-form tunnel, for semantics tests. */
const BASE = [
  'set system host-name t1',
  'set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24',
  'set security ike proposal P1 authentication-method pre-shared-keys',
  'set security ike proposal P1 dh-group group14',
  'set security ike proposal P1 authentication-algorithm sha-256',
  'set security ike proposal P1 encryption-algorithm aes-128-cbc',
  'set security ike policy POL proposals P1',
  'set security ike policy POL pre-shared-key ascii-text "$9$abcdefghijk"',
  'set security ike gateway GW ike-policy POL',
  'set security ike gateway GW address 198.51.100.1',
  'set security ike gateway GW external-interface ge-0/0/0.0',
  'set security ipsec proposal E1 protocol esp',
  'set security ipsec proposal E1 authentication-algorithm hmac-sha1-96',
  'set security ipsec proposal E1 encryption-algorithm aes-128-cbc',
  'set security ipsec policy IP proposals E1',
  'set security ipsec vpn V bind-interface st0.0',
  'set security ipsec vpn V ike gateway GW',
  'set security ipsec vpn V ike ipsec-policy IP',
];

describe('junos adapter', () => {
  it('is registered under its id, with live collection and an SA-listing reader', () => {
    expect(adapterById('junos')).to.equal(adapter);
    expect(adapter.live?.commands).to.deep.equal(['show configuration']);
    expect(adapter.state?.commands.map((c) => c.command)).to.deep.equal([
      'show security ike security-associations detail',
      'show security ipsec security-associations detail',
      'show security ipsec inactive-tunnels',
    ]);
  });

  describe('detect', () => {
    it('is certain for both forms and sessions, and ranks Junos first', () => {
      for (const f of [HQ, HQ_SET, DC]) {
        const text = readText(join(ROOT, f));
        expect(adapter.detect(text, f), f).to.be.at.least(0.9);
        expect(detectAll(text, f)[0].adapter.id, f).to.equal('junos');
      }
    });

    it('every fixture of another vendor stays below 0.5', () => {
      const others = filesUnder(fixturePath()).filter((p) => !/\/junos\/|x-junos-|x-panos-junos-|\.(json|md|png|gz|secrets)$/.test(p));
      const claimed = others.filter((p) => adapter.detect(readText(p), p) >= 0.5).map((p) => relative(ROOT, p));
      expect(claimed).to.deep.equal([]);
    });

    it('the SA listings (for the state reader) are not configurations', function () {
      if (!REAL_CONFIGS) this.skip();
      const text = readText(join(REAL_CONFIGS!, 'state', 'junos', 'ibm-vsrx-show-security-ike-ipsec-sa-and-inactive-tunnels.txt'));
      expect(adapter.detect(text, 'x.txt')).to.equal(0);
    });
  });

  describe('srx-hq (brace form, 22.4): exact values and lines', () => {
    const d = parsed(HQ);

    it('reads the hostname and every interface address with its line', () => {
      expect(d.hostname).to.equal('srx-hq');
      expect(d.interfaces.map((i) => `${i.name} ${i.address}/${i.prefixLength} :${i.at?.line}`)).to.deep.equal([
        'ge-0/0/0.0 203.0.113.10/24 :64',
        'ge-0/0/1.0 10.10.0.1/16 :72',
        'st0.10 169.254.10.1/30 :79',
      ]);
    });

    it('the IKEv2 route-based VPN-DC: gateway, policy, proposal, traffic selector, PFS, lifetimes', () => {
      const t = tunnel(d, 'VPN-DC');
      expect(t.enabled).to.equal(true);
      expect(t.at).to.deep.equal(at(HQ, 170));
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'version v2-only;', origin: 'explicit', at: at(HQ, 122) });
      expect(t.remoteGateway).to.deep.equal({ value: '198.51.100.20', raw: 'address 198.51.100.20;', origin: 'explicit', at: at(HQ, 119) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.10', raw: 'external-interface ge-0/0/0.0; → 203.0.113.10', origin: 'inferred', at: at(HQ, 64) });
      expect(t.auth.localId).to.deep.equal({ value: '203.0.113.10', raw: 'local-identity inet 203.0.113.10', origin: 'explicit', at: at(HQ, 120) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'authentication-method pre-shared-keys;', origin: 'explicit', at: at(HQ, 101) });
      expect(t.auth.psk).to.deep.equal({ value: 'unknown', raw: 'pre-shared-key ascii-text <redacted>;', origin: 'explicit', at: at(HQ, 110) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }]);
      expect(t.phase1.proposals.at).to.deep.equal(at(HQ, 109));
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'lifetime-seconds 28800;', origin: 'explicit', unit: 'seconds', at: at(HQ, 105) });
      expect(t.phase1.exchangeMode).to.equal(undefined); // IKEv2
      expect(t.natt.mode).to.include({ value: 'auto', origin: 'default' });
      expect(t.initiates).to.deep.equal({ value: true, raw: 'establish-tunnels immediately;', origin: 'explicit', at: at(HQ, 180) });
      const [p2] = t.phase2;
      expect(p2.name).to.equal('TS-LAN');
      expect([p2.localSelectors.value, p2.localSelectors.at?.line, p2.remoteSelectors.value, p2.remoteSelectors.at?.line]).to.deep.equal([
        ['10.10.0.0/16'],
        177,
        ['10.20.0.0/16'],
        178,
      ]);
      expect(p2.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] },
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
      ]);
      expect(p2.pfsGroups).to.deep.equal({ value: [14], raw: 'keys group14;', origin: 'explicit', at: at(HQ, 163) });
      expect(p2.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'lifetime-seconds 3600;', origin: 'explicit', unit: 'seconds', at: at(HQ, 159) });
      // the first proposal (ESP-GCM256) has no volume limit; the second's 4608000 KB is not the one compared
      expect(p2.lifetimeKilobytes).to.include({ value: 0, origin: 'default' });
    });

    it('DPD comes from the group VPN-DPD (gateway "<GW-*>"), with the group’s lines', () => {
      const t = tunnel(d, 'VPN-DC');
      expect(t.dpd.mode).to.deep.equal({ value: 'on-demand', raw: 'optimized;', origin: 'explicit', at: at(HQ, 21) });
      expect(t.dpd.delaySeconds).to.deep.equal({ value: 10, raw: 'interval 10;', origin: 'explicit', unit: 'seconds', at: at(HQ, 22) });
      expect(t.dpd.retries).to.deep.equal({ value: 3, raw: 'threshold 3;', origin: 'explicit', at: at(HQ, 23) });
    });

    it('VPN-PARTNER: a local always-send and interval win over the group, its threshold comes from the group; proposal-set standard, aggressive mode, proxy identity', () => {
      const t = tunnel(d, 'VPN-PARTNER');
      expect([
        t.dpd.mode.value,
        t.dpd.mode.at?.line,
        t.dpd.delaySeconds?.value,
        t.dpd.delaySeconds?.at?.line,
        t.dpd.retries?.value,
        t.dpd.retries?.at?.line,
      ]).to.deep.equal(['periodic', 128, 20, 129, 3, 23]);
      expect(t.natt.mode).to.deep.equal({ value: 'disabled', raw: 'no-nat-traversal;', origin: 'explicit', at: at(HQ, 131) });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'aggressive', raw: 'mode aggressive;', origin: 'explicit', at: at(HQ, 113) });
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
          { encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] },
        ],
        raw: 'proposal-set standard;',
        origin: 'inferred',
        at: at(HQ, 114),
      });
      expect(t.phase1.lifetimeSeconds).to.include({ value: 28800, origin: 'default', assumed: true });
      expect([t.auth.localId?.value, t.auth.remoteId?.value]).to.deep.equal(['srx-hq.example.net', 'partner-gw.example.org']);
      const [p2] = t.phase2;
      expect([p2.name, p2.localSelectors.value, p2.remoteSelectors.value, p2.ipProtocol?.value]).to.deep.equal([
        'VPN-PARTNER',
        ['10.10.5.0/24'],
        ['172.16.40.0/24'],
        0,
      ]);
      expect(p2.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['3des'], integrity: ['sha1'] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
      ]);
      expect(p2.pfsGroups).to.deep.equal({ value: [2], raw: 'proposal-set standard; (g2- proposals)', origin: 'inferred', at: at(HQ, 168) });
      expect(p2.lifetimeSeconds).to.include({ value: 3600, origin: 'default', assumed: true });
      expect(t.initiates?.value).to.equal(true);
    });

    it('VPN-BRANCH: a dynamic peer only answers; policy-based selectors from the security policy and the address book', () => {
      const t = tunnel(d, 'VPN-BRANCH');
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: 'dynamic hostname branch.example.net', origin: 'explicit', at: at(HQ, 138) });
      expect(t.initiates).to.include({ value: false, origin: 'inferred' });
      expect(t.localGateway?.value).to.equal('203.0.113.10'); // `external-interface ge-0/0/0` is unit 0
      expect(t.natt.keepaliveSeconds).to.deep.equal({ value: 10, raw: 'nat-keepalive 10;', origin: 'explicit', unit: 'seconds', at: at(HQ, 140) });
      const [p2] = t.phase2;
      expect([p2.name, p2.localSelectors.value, p2.localSelectors.origin, p2.remoteSelectors.value, p2.at?.line]).to.deep.equal([
        'VPN-BRANCH (policy TO-BRANCH)',
        ['10.10.0.0/16'],
        'inferred',
        ['10.30.0.0/24'],
        210,
      ]);
    });

    it('inactive: VPN-OLD and its gateway are read as a disabled end, and said once', () => {
      const t = tunnel(d, 'VPN-OLD');
      expect(t.enabled).to.equal(false);
      expect(diags(d)).to.deep.equal([
        'warning 200 VPN VPN-OLD is inactive (deactivate/inactive:): Junos ignores it, so this end neither initiates nor answers phase 2',
      ]);
    });

    it('no secret is anywhere in the device', () => {
      const json = JSON.stringify(d);
      for (const s of ['$9$hq.DcKey', '$9$pArTnEr', '$6$Lx0a7Qe1', 'hq-ro-public']) expect(json).not.to.contain(s);
    });
  });

  describe('the set form and a saved session', () => {
    it('display set of srx-hq gives the same tunnels, interfaces and hostname as the brace form', () => {
      expect(values(parsed(HQ_SET))).to.deep.equal(values(parsed(HQ)));
      const s = parsed(HQ_SET);
      expect(tunnel(s, 'VPN-DC').phase2[0].lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: 'set security ipsec proposal ESP-GCM256 lifetime-seconds 3600',
        origin: 'explicit',
        unit: 'seconds',
        at: at(HQ_SET, 71),
      });
      expect(tunnel(s, 'VPN-DC').auth.psk?.raw).to.equal('set security ike policy IKE-POL-DC pre-shared-key ascii-text <redacted>');
      expect(diags(s)).to.deep.equal([
        'warning 89 VPN VPN-OLD is inactive (deactivate/inactive:): Junos ignores it, so this end neither initiates nor answers phase 2',
      ]);
    });

    it('a cluster session: each `show configuration <path>` lands at its path; the SA listing between is skipped', () => {
      const d = parsed(DC);
      expect(d.hostname).to.equal('srx-dc');
      expect(d.interfaces.map((i) => `${i.name} ${i.address}`)).to.deep.equal(['ge-0/0/0.0 198.51.100.20', 'ge-0/0/1.0 10.20.0.1', 'st0.10 169.254.10.2']);
      const t = tunnel(d, 'VPN-HQ');
      expect([t.remoteGateway.value, t.localGateway?.value, t.ikeVersion.value, t.phase1.lifetimeSeconds.at?.line]).to.deep.equal([
        '203.0.113.10',
        '198.51.100.20',
        2,
        51,
      ]);
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'lifetime-seconds 28800;', origin: 'explicit', unit: 'seconds', at: at(DC, 76) });
      expect(t.dpd.mode).to.deep.equal({ value: 'on-demand', raw: 'dead-peer-detection (optimized: the default mode)', origin: 'inferred', at: at(DC, 61) });
      expect(diags(d)).to.deep.equal([]);
    });
  });

  describe('set-form semantics (as the candidate configuration applies them)', () => {
    it('a later set replaces a leaf, delete removes, deactivate and activate toggle, copy makes a new object', () => {
      const d = inline([
        ...BASE,
        'set security ike proposal P1 dh-group group19',
        'set security ipsec proposal E1 lifetime-seconds 7200',
        'delete security ipsec proposal E1 lifetime-seconds',
        'set security ike gateway GW version v2-only',
        'deactivate security ipsec vpn V',
        'activate security ipsec vpn V',
        'copy security ike policy POL to policy POL2',
        'set security ike gateway GW ike-policy POL2',
        'set security ike policy POL2 mode aggressive',
      ]);
      const t = tunnel(d, 'V');
      expect(t.enabled).to.equal(true);
      expect(t.phase1.proposals.value[0].dhGroups).to.deep.equal([19]);
      expect(t.phase2[0].lifetimeSeconds).to.include({ value: 3600, origin: 'default', assumed: true });
      expect(t.ikeVersion.value).to.equal(2);
      expect(t.vendorRefs?.ikePolicy).to.equal('POL2');
      expect(t.auth.psk?.value).to.equal('unknown'); // the $9$ key travelled with the copy
    });

    it('brace statements and set commands in one file apply in order', () => {
      const d = expectValid(
        adapter.parse(
          `${readText(join(ROOT, HQ))}set security ipsec proposal ESP-GCM256 lifetime-seconds 1800\nset security ike gateway GW-DC no-nat-traversal\ncommit\n`,
          'mixed.conf',
        ),
      );
      expect(tunnel(d, 'VPN-DC').phase2[0].lifetimeSeconds).to.deep.equal({
        value: 1800,
        raw: 'set security ipsec proposal ESP-GCM256 lifetime-seconds 1800',
        origin: 'explicit',
        unit: 'seconds',
        at: at('mixed.conf', 250),
      });
      expect(tunnel(d, 'VPN-DC').natt.mode.value).to.equal('disabled');
    });

    it('a readable key is fingerprinted, never kept; a hexadecimal key equals the same bytes typed as text', () => {
      const a = inline(BASE.map((l) => l.replace('"$9$abcdefghijk"', '"Shared-Secret-1"')));
      const b = inline(BASE.map((l) => l.replace('ascii-text "$9$abcdefghijk"', `hexadecimal ${Buffer.from('Shared-Secret-1').toString('hex')}`)));
      expect(tunnel(a, 'V').auth.psk?.value).to.equal(pskFingerprint('Shared-Secret-1'));
      expect(tunnel(b, 'V').auth.psk?.value).to.equal(pskFingerprint('Shared-Secret-1'));
      expect(JSON.stringify(a)).not.to.contain('Shared-Secret-1');
    });

    it('groups: apply-groups at a lower level, the first group wins, a local value wins, an undefined group is said', () => {
      const d = inline([
        ...BASE.filter((l) => !l.includes('P1 dh-group')),
        'set groups G1 security ike proposal P1 dh-group group19',
        'set groups G2 security ike proposal P1 dh-group group20',
        'set groups G2 security ike proposal P1 lifetime-seconds 3600',
        'set security ike proposal P1 apply-groups [ G1 G2 ]',
        'set security ike gateway GW apply-groups NOPE',
        'set groups G3 security ipsec proposal E1 lifetime-seconds 600',
        'set security ipsec proposal E1 lifetime-seconds 900',
        'set apply-groups G3',
      ]);
      const t = tunnel(d, 'V');
      expect([t.phase1.proposals.value[0].dhGroups, t.phase1.lifetimeSeconds.value, t.phase1.lifetimeSeconds.at?.line]).to.deep.equal([[19], 3600, 20]);
      expect(t.phase2[0].lifetimeSeconds.value).to.equal(900);
      expect(diags(d)).to.deep.equal(['warning 22 apply-groups names group NOPE, which is not defined in this file: not applied']);
    });

    it('logical systems: tunnels named LS/VPN, fixes under logical-systems LS', () => {
      const d = inline(BASE.map((l) => (l.startsWith('set security') ? l.replace('set security', 'set logical-systems LS1 security') : l)));
      const t = tunnel(d, 'LS1/V');
      expect(fixJunos({ field: 'phase1.lifetimeSeconds', device: d, tunnel: t, target: 3600 })).to.equal(
        'set logical-systems LS1 security ike proposal P1 lifetime-seconds 3600\ncommit',
      );
    });
  });

  describe('bad input: file:line and what was expected, never a secret', () => {
    it('an empty file, something else, an unclosed quote, a stray }, a statement without ;', () => {
      expect(parseErrorOf(() => adapter.parse('\n \n', 'e.conf')).located).to.equal(
        'e.conf:1: expected a Junos configuration (show configuration, or | display set), found an empty file',
      );
      expect(parseErrorOf(() => adapter.parse('hello world\n', 'h.conf')).located).to.equal(
        'h.conf:1: expected Junos configuration (set commands or name { … } statements), found "hello world"',
      );
      expect(parseErrorOf(() => adapter.parse('foo {\n  bar 1;\n}\n', 'f.conf')).located).to.equal(
        'f.conf:1: expected a Junos configuration (system, interfaces, security … statements), found "foo" at the top',
      );
      expect(parseErrorOf(() => adapter.parse('set security ike policy P pre-shared-key ascii-text "s3cret\n', 'q.txt')).located).to.equal(
        'q.txt:1: expected a closing " for the value opened in column 53, found the end of the line',
      );
      expect(parseErrorOf(() => adapter.parse('system {\n    host-name x;\n}\n}\n', 's.conf')).located).to.equal(
        's.conf:4: expected a statement, found a } that closes nothing',
      );
      expect(parseErrorOf(() => adapter.parse('system {\n    host-name x\n}\n', 'n.conf')).located).to.equal(
        'n.conf:3: expected ; after "host-name x", found }',
      );
    });

    it('a file truncated inside security ike is an error; elsewhere a warning', () => {
      const cut = 'version 22.4R3;\nsecurity {\n    ike {\n        proposal P {\n            dh-group group14;\n';
      expect(parseErrorOf(() => adapter.parse(cut, 't.conf')).located).to.equal(
        't.conf:6: expected } for the block `security ike proposal P` opened at line 4, found the end of the file: is the file truncated?',
      );
      const d = adapter.parse('version 22.4R3;\nsystem {\n    host-name x;\n', 'w.conf');
      expect(diags(d)).to.deep.equal(['warning 2 the block `system {` opened here is not closed at the end of the file: read as closed']);
    });

    it('an unknown algorithm or group is an error at its line; an out-of-range value is read with a warning', () => {
      const e = parseErrorOf(() => inline([...BASE, 'set security ike proposal P1 encryption-algorithm aes-512-cbc']));
      expect(e.located).to.equal(
        'inline.txt:19: expected encryption-algorithm one of des-cbc, 3des-cbc, aes-128-cbc, aes-192-cbc, aes-256-cbc, aes-128-gcm, aes-256-gcm, chacha20-poly1305, found "aes-512-cbc"',
      );
      const g = parseErrorOf(() => inline([...BASE, 'set security ipsec policy IP perfect-forward-secrecy keys group99']));
      expect(g.located).to.equal('inline.txt:19: expected perfect-forward-secrecy keys group1 … group24, found "group99"');
      const d = inline([...BASE, 'set security ike proposal P1 lifetime-seconds 100']);
      expect(diags(d)).to.deep.equal(['warning 19 IKE proposal P1 lifetime-seconds 100 is outside what Junos accepts (180–86400); read as written']);
    });

    it('references to what is not defined are warnings naming both, and the tunnel is not compared', () => {
      const d = inline([...BASE.filter((l) => !l.startsWith('set security ike proposal')), 'set security ike gateway G2 ike-policy POL']);
      expect(d.tunnels).to.deep.equal([]);
      expect(diags(d)).to.deep.equal([
        'warning 3 IKE policy POL names proposal P1, which is not defined in this file: its tunnels are not compared',
        'info 15 IKE gateway G2 is used by no IPsec VPN in this file: not compared',
      ]);
    });

    it('prime-128 is not expanded: said, not compared', () => {
      const d = inline([...BASE.filter((l) => !l.includes('POL proposals')), 'set security ike policy POL proposal-set prime-128']);
      expect(d.tunnels).to.deep.equal([]);
      expect(diags(d)[0]).to.equal('warning 18 IKE policy POL uses proposal-set prime-128, whose contents no source read for this adapter gives: not compared');
    });
  });

  describe('the real configs in ../shared/real-configs/pairs', () => {
    const real = (...p: string[]) => {
      const path = join(REAL_CONFIGS ?? '', 'pairs', ...p);
      return { path, d: expectValid(adapter.parse(readText(path), p[p.length - 1])) };
    };
    before(function () {
      if (!REAL_CONFIGS) this.skip();
    });

    it('batfish srx-testbed (display set, 15.1X49): every tunnel end, exactly', () => {
      const rows = ['junos-srx-1.cfg', 'junos-srx-2.cfg', 'junos-srx-3.cfg'].flatMap((f) =>
        real('batfish-junos-srx-testbed-3node', f).d.tunnels.map(
          (t) =>
            `${f} ${t.name} ${t.enabled} ${t.remoteGateway.value}:${t.remoteGateway.at?.line} ${t.localGateway?.value} v${t.ikeVersion.value} ${t.phase2[0].localSelectors.value}>${t.phase2[0].remoteSelectors.value} pfs${t.phase2[0].pfsGroups.value}:${t.phase2[0].pfsGroups.at?.line} ${t.auth.psk?.value}`,
        ),
      );
      expect(rows).to.deep.equal([
        'junos-srx-1.cfg vpn-3 true 10.13.0.3:26 10.13.0.1 v1 0.0.0.0/0>0.0.0.0/0 pfs1:31 unknown',
        'junos-srx-1.cfg vpn-2 true 10.12.0.2:29 10.12.0.1 v1 0.0.0.0/0>0.0.0.0/0 pfs1:31 unknown',
        'junos-srx-2.cfg vpn-1 true 10.12.0.1:26 10.12.0.2 v1 0.0.0.0/0>0.0.0.0/0 pfs1:31 unknown',
        'junos-srx-2.cfg vpn-3 true 10.23.0.3:29 10.23.0.2 v1 0.0.0.0/0>0.0.0.0/0 pfs1:31 unknown',
        'junos-srx-3.cfg vpn-2 true 10.23.0.2:26 10.23.0.3 v1 0.0.0.0/0>0.0.0.0/0 pfs1:31 unknown',
        'junos-srx-3.cfg vpn-1 false 10.13.0.1:29 10.13.0.3 v1 0.0.0.0/0>0.0.0.0/0 pfs1:31 unknown',
      ]);
      const srx1 = real('batfish-junos-srx-testbed-3node', 'junos-srx-1.cfg').d;
      const t = tunnel(srx1, 'vpn-2');
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['des'], integrity: ['sha1'], prf: [], dhGroups: [1] },
          { encryption: ['des'], integrity: ['md5'], prf: [], dhGroups: [1] },
        ],
        raw: 'set security ike policy test-ike-policy proposal-set basic',
        origin: 'inferred',
        at: at('junos-srx-1.cfg', 23),
      });
      expect(t.phase2[0].proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['des'], integrity: ['sha1'] },
        { protocol: 'esp', encryption: ['des'], integrity: ['md5'] },
      ]);
      expect([
        t.phase1.lifetimeSeconds.value,
        t.phase1.lifetimeSeconds.assumed,
        t.phase2[0].lifetimeSeconds.value,
        t.phase2[0].lifetimeSeconds.assumed,
      ]).to.deep.equal([28800, true, 3600, true]);
      expect(t.localGateway).to.deep.equal({
        value: '10.12.0.1',
        raw: 'set security ike gateway gateway-2 external-interface ge-0/0/0.0 → 10.12.0.1',
        origin: 'inferred',
        at: at('junos-srx-1.cfg', 96),
      });
      expect(srx1.diagnostics).to.deep.equal([]);
    });

    it('batfish srx-3: `deactivate security ipsec vpn vpn-1` is a disabled end, and the warning says what it means', () => {
      const { d } = real('batfish-junos-srx-testbed-3node', 'junos-srx-3.cfg');
      expect(diags(d)).to.deep.equal([
        'warning 36 VPN vpn-1 is inactive (deactivate/inactive:): Junos ignores it, so this end neither initiates nor answers phase 2; its IKE gateway gateway-1 is still active, so phase 1 from 10.13.0.1 may come up but no IPsec SA will',
      ]);
    });

    it('IBM vSRX Dallas (brace form after `# show` lines): exact values, the cut-short blocks said', () => {
      const f = 'site-a-dallas-show.conf';
      const { d } = real('ibm-vsrx-junos-route-based-dallas-london', f);
      expect(d.interfaces.map((i) => `${i.name} ${i.address} :${i.at?.line}`)).to.deep.equal([
        'ge-0/0/0.0 10.184.108.158 :54',
        'ge-0/0/0.10 10.184.237.201 :60',
        'ge-0/0/0.20 10.185.48.9 :66',
        'st0.1 169.254.200.0 :73',
      ]);
      const t = tunnel(d, 'IPSEC-VPN');
      expect(t.at).to.deep.equal(at(f, 37));
      expect(t.remoteGateway).to.deep.equal({ value: '158.100.100.100', raw: 'address 158.100.100.100;', origin: 'explicit', at: at(f, 21) });
      // ge-0/0/1 is not in the excerpt: its address is unknown
      expect(t.localGateway).to.deep.equal({ value: 'ge-0/0/1.0', raw: 'external-interface ge-0/0/1.0;', origin: 'inferred', at: at(f, 22) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [5] }]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'lifetime-seconds 3600;', origin: 'explicit', unit: 'seconds', at: at(f, 12) });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'main', raw: 'mode main;', origin: 'explicit', at: at(f, 15) });
      expect(t.auth.psk).to.deep.equal({ value: 'unknown', raw: 'pre-shared-key ascii-text <redacted>;', origin: 'explicit', at: at(f, 17) });
      const [p2] = t.phase2;
      expect(p2.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }]);
      expect([p2.pfsGroups.value, p2.pfsGroups.at?.line, p2.lifetimeSeconds.value, p2.lifetimeSeconds.at?.line]).to.deep.equal([[5], 33, 3600, 29]);
      expect(t.initiates).to.deep.equal({ value: true, raw: 'establish-tunnels immediately;', origin: 'explicit', at: at(f, 44) });
      expect(diags(d)).to.deep.equal([
        'warning 70 the block `st0 {` opened here is not closed before line 76: closed there (a saved session cut short?)',
        'warning 89 the block `security policies from-zone VPN to-zone CUSTOMER-PRIVATE {` opened here is not closed at the end of the file: read as closed',
      ]);
    });

    it('IBM vSRX London: the unclosed `st0 {` before `# show security ike`, the command line with a leading space', () => {
      const f = 'site-b-london-show.conf';
      const { d } = real('ibm-vsrx-junos-route-based-dallas-london', f);
      expect(d.interfaces.map((i) => `${i.name} ${i.address}`)).to.deep.equal(['ge-0/0/0.0 10.45.165.140', 'ge-0/0/0.10 10.45.53.49', 'st0.1 169.254.200.1']);
      const t = tunnel(d, 'IPSEC-VPN');
      expect([t.remoteGateway.value, t.remoteGateway.at?.line, t.phase1.lifetimeSeconds.at?.line, t.phase2[0].pfsGroups.at?.line]).to.deep.equal([
        '169.100.100.100',
        40,
        31,
        52,
      ]);
      expect(diags(d)).to.deep.equal(['warning 19 the block `st0 {` opened here is not closed before line 25: closed there (a saved session cut short?)']);
    });

    it('the real pairs: srx-1 ↔ srx-2 and srx-2 ↔ srx-3 pair by mirrored gateways and differ in nothing but DES/MD5/group 1 on both ends', () => {
      for (const [a, b, names] of [
        ['junos-srx-1.cfg', 'junos-srx-2.cfg', 'vpn-2 ↔ vpn-1'],
        ['junos-srx-2.cfg', 'junos-srx-3.cfg', 'vpn-3 ↔ vpn-2'],
      ] as const) {
        const c = compareDevices(real('batfish-junos-srx-testbed-3node', a).d, real('batfish-junos-srx-testbed-3node', b).d);
        expect(c.pairs.map((p) => `${p.a.tunnel.name} ↔ ${p.b.tunnel.name} (${p.how})`)).to.deep.equal([`${names} (mirrored gateways)`]);
        expect(c.findings.map((f) => `${f.rule} ${f.severity}`)).to.deep.equal(['weak-crypto warning', 'weak-crypto warning']);
      }
    });
  });

  describe('fixes: set commands that re-read as the target, from the brace and the set form', () => {
    const req = (d: Device, name: string, field: FixRequest['field'], target: unknown): FixRequest => {
      const t = tunnel(d, name);
      return { field, device: d, tunnel: t, phase2: t.phase2[0], target } as FixRequest;
    };
    const reread = (file: string, fix: string | undefined): Device => {
      expect(fix).to.be.a('string');
      return expectValid(adapter.parse(`${readText(join(ROOT, file)).replace(/\n*$/, '\n')}${fix}\n`, file));
    };

    it('phase 2 lifetime: the policy and its proposals are shared with VPN-BRANCH, so VPN-DC gets a copy of its own', () => {
      for (const file of [HQ, HQ_SET]) {
        const d = parsed(file);
        const fix = fixJunos(req(d, 'VPN-DC', 'phase2.lifetimeSeconds', 28800));
        expect(fix).to.equal(
          [
            'copy security ipsec policy IPSEC-POL-DC to policy IPSEC-POL-DC-VPN-DC',
            'set security ipsec vpn VPN-DC ike ipsec-policy IPSEC-POL-DC-VPN-DC',
            'set security ipsec proposal VPN-DC-esp-1 protocol esp',
            'set security ipsec proposal VPN-DC-esp-1 encryption-algorithm aes-256-gcm',
            'set security ipsec proposal VPN-DC-esp-1 lifetime-seconds 28800',
            'set security ipsec proposal VPN-DC-esp-2 protocol esp',
            'set security ipsec proposal VPN-DC-esp-2 authentication-algorithm hmac-sha-256-128',
            'set security ipsec proposal VPN-DC-esp-2 encryption-algorithm aes-256-cbc',
            'set security ipsec proposal VPN-DC-esp-2 lifetime-seconds 28800',
            'delete security ipsec policy IPSEC-POL-DC-VPN-DC proposals',
            'set security ipsec policy IPSEC-POL-DC-VPN-DC proposals [ VPN-DC-esp-1 VPN-DC-esp-2 ]',
            'commit',
          ].join('\n'),
        );
        const after = reread(file, fix);
        const t = tunnel(after, 'VPN-DC');
        expect([t.phase2[0].lifetimeSeconds.value, t.phase2[0].pfsGroups.value, t.phase2[0].proposals.value]).to.deep.equal([
          28800,
          [14],
          tunnel(d, 'VPN-DC').phase2[0].proposals.value,
        ]);
        // the other tunnels of the shared policy keep their values
        expect(tunnel(after, 'VPN-BRANCH').phase2[0].lifetimeSeconds.value).to.equal(3600);
      }
    });

    it('an unshared proposal is edited in place; a proposal-set becomes explicit proposals with its PFS', () => {
      const d = inline(BASE);
      const fix = fixJunos(req(d, 'V', 'phase2.lifetimeSeconds', 28800));
      expect(fix).to.equal('set security ipsec proposal E1 lifetime-seconds 28800\ncommit');
      expect(tunnel(inline([...BASE, ...fix!.split('\n')]), 'V').phase2[0].lifetimeSeconds.value).to.equal(28800);

      const hq = parsed(HQ);
      const set = fixJunos(req(hq, 'VPN-PARTNER', 'phase2.lifetimeSeconds', 7200));
      expect(set).to.equal(
        [
          'set security ipsec proposal VPN-PARTNER-esp-1 protocol esp',
          'set security ipsec proposal VPN-PARTNER-esp-1 authentication-algorithm hmac-sha1-96',
          'set security ipsec proposal VPN-PARTNER-esp-1 encryption-algorithm 3des-cbc',
          'set security ipsec proposal VPN-PARTNER-esp-1 lifetime-seconds 7200',
          'set security ipsec proposal VPN-PARTNER-esp-2 protocol esp',
          'set security ipsec proposal VPN-PARTNER-esp-2 authentication-algorithm hmac-sha1-96',
          'set security ipsec proposal VPN-PARTNER-esp-2 encryption-algorithm aes-128-cbc',
          'set security ipsec proposal VPN-PARTNER-esp-2 lifetime-seconds 7200',
          'set security ipsec policy IPSEC-POL-PARTNER perfect-forward-secrecy keys group2',
          'delete security ipsec policy IPSEC-POL-PARTNER proposal-set',
          'delete security ipsec policy IPSEC-POL-PARTNER proposals',
          'set security ipsec policy IPSEC-POL-PARTNER proposals [ VPN-PARTNER-esp-1 VPN-PARTNER-esp-2 ]',
          'commit',
        ].join('\n'),
      );
      const p2 = tunnel(reread(HQ, set), 'VPN-PARTNER').phase2[0];
      expect([p2.lifetimeSeconds.value, p2.pfsGroups.value, p2.proposals.value]).to.deep.equal([
        7200,
        [2],
        tunnel(hq, 'VPN-PARTNER').phase2[0].proposals.value,
      ]);
    });

    it('IKE side: a shared IKE policy is copied for the gateway (its key travels with it), proposals of its own', () => {
      const hq = parsed(HQ);
      const target = [{ encryption: ['aes256', 'aes128'], integrity: ['sha256'], prf: [], dhGroups: [19] }];
      const fix = fixJunos(req(hq, 'VPN-DC', 'phase1.proposals', target));
      expect(fix).to.equal(
        [
          'copy security ike policy IKE-POL-DC to policy IKE-POL-DC-GW-DC',
          'set security ike gateway GW-DC ike-policy IKE-POL-DC-GW-DC',
          'set security ike proposal GW-DC-ike-1 authentication-method pre-shared-keys',
          'set security ike proposal GW-DC-ike-1 dh-group group19',
          'set security ike proposal GW-DC-ike-1 authentication-algorithm sha-256',
          'set security ike proposal GW-DC-ike-1 encryption-algorithm aes-256-cbc',
          'set security ike proposal GW-DC-ike-1 lifetime-seconds 28800',
          'set security ike proposal GW-DC-ike-2 authentication-method pre-shared-keys',
          'set security ike proposal GW-DC-ike-2 dh-group group19',
          'set security ike proposal GW-DC-ike-2 authentication-algorithm sha-256',
          'set security ike proposal GW-DC-ike-2 encryption-algorithm aes-128-cbc',
          'set security ike proposal GW-DC-ike-2 lifetime-seconds 28800',
          'delete security ike policy IKE-POL-DC-GW-DC proposals',
          'set security ike policy IKE-POL-DC-GW-DC proposals [ GW-DC-ike-1 GW-DC-ike-2 ]',
          'commit',
        ].join('\n'),
      );
      for (const file of [HQ, HQ_SET]) {
        const after = reread(file, fix);
        const t = tunnel(after, 'VPN-DC');
        expect(t.phase1.proposals.value).to.deep.equal([
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [19] },
          { encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [19] },
        ]);
        expect(t.auth.psk?.value).to.equal('unknown');
        expect(tunnel(after, 'VPN-BRANCH').phase1.proposals.value[0].dhGroups).to.deep.equal([14]);
      }
    });

    it('every other field: version, peer, NAT-T, keepalive, DPD, PFS, volume, selectors, the key never written', () => {
      const hq = parsed(HQ);
      const cases: Array<[string, FixRequest['field'], unknown, string, (d: Device) => unknown, unknown]> = [
        ['VPN-DC', 'ikeVersion', 1, 'set security ike gateway GW-DC version v1-only\ncommit', (d) => tunnel(d, 'VPN-DC').ikeVersion.value, 1],
        [
          'VPN-DC',
          'remoteGateway',
          '198.51.100.21',
          'delete security ike gateway GW-DC address\nset security ike gateway GW-DC address 198.51.100.21\ncommit',
          (d) => tunnel(d, 'VPN-DC').remoteGateway.value,
          '198.51.100.21',
        ],
        ['VPN-DC', 'natt.mode', 'disabled', 'set security ike gateway GW-DC no-nat-traversal\ncommit', (d) => tunnel(d, 'VPN-DC').natt.mode.value, 'disabled'],
        [
          'VPN-PARTNER',
          'natt.mode',
          'auto',
          'delete security ike gateway GW-PARTNER no-nat-traversal\ncommit',
          (d) => tunnel(d, 'VPN-PARTNER').natt.mode.value,
          'auto',
        ],
        [
          'VPN-PARTNER',
          'natt.keepaliveSeconds',
          20,
          'delete security ike gateway GW-PARTNER no-nat-traversal\nset security ike gateway GW-PARTNER nat-keepalive 20\ncommit',
          (d) => tunnel(d, 'VPN-PARTNER').natt.keepaliveSeconds?.value,
          20,
        ],
        [
          'VPN-DC',
          'dpd.delaySeconds',
          30,
          'set security ike gateway GW-DC dead-peer-detection interval 30\ncommit',
          (d) => tunnel(d, 'VPN-DC').dpd.delaySeconds?.value,
          30,
        ],
        [
          'VPN-PARTNER',
          'dpd.delaySeconds',
          0,
          'delete security ike gateway GW-PARTNER dead-peer-detection\ncommit',
          (d) => tunnel(d, 'VPN-PARTNER').dpd.mode.value,
          'on-demand',
        ],
        [
          'VPN-PARTNER',
          'phase2.pfsGroups',
          [14],
          'set security ipsec policy IPSEC-POL-PARTNER perfect-forward-secrecy keys group14\ncommit',
          (d) => tunnel(d, 'VPN-PARTNER').phase2[0].pfsGroups.value,
          [14],
        ],
        [
          'VPN-PARTNER',
          'phase2.remoteSelectors',
          ['172.16.41.0/24'],
          'set security ipsec vpn VPN-PARTNER ike proxy-identity remote 172.16.41.0/24\ncommit',
          (d) => tunnel(d, 'VPN-PARTNER').phase2[0].remoteSelectors.value,
          ['172.16.41.0/24'],
        ],
        [
          'VPN-DC',
          'phase2.localSelectors',
          ['10.10.0.0/17', '10.10.128.0/17'],
          [
            'delete security ipsec vpn VPN-DC traffic-selector TS-LAN',
            'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-1 local-ip 10.10.0.0/17',
            'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-1 remote-ip 10.20.0.0/16',
            'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-2 local-ip 10.10.128.0/17',
            'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-2 remote-ip 10.20.0.0/16',
            'commit',
          ].join('\n'),
          (d) => tunnel(d, 'VPN-DC').phase2.map((p) => `${p.name} ${p.localSelectors.value}>${p.remoteSelectors.value}`),
          ['TS-LAN-ts-1 10.10.0.0/17>10.20.0.0/16', 'TS-LAN-ts-2 10.10.128.0/17>10.20.0.0/16'],
        ],
      ];
      for (const [name, field, target, text, read, want] of cases) {
        const fix = fixJunos(req(hq, name, field, target));
        expect(fix, `${name} ${field}`).to.equal(text);
        for (const file of [HQ, HQ_SET]) expect(read(reread(file, fix)), `${file} ${name} ${field}`).to.deep.equal(want);
      }
      // the whole selector at once (the mirror of the other end's): traffic selectors, a proxy identity, back to 0.0.0.0/0
      const sel = (name: string, target: unknown) => fixJunos(req(hq, name, 'phase2.selectors', target));
      const both = sel('VPN-DC', { local: ['10.10.0.0/16'], remote: ['10.20.0.0/24', '10.21.0.0/24'] });
      expect(both).to.equal(
        [
          'delete security ipsec vpn VPN-DC traffic-selector TS-LAN',
          'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-1 local-ip 10.10.0.0/16',
          'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-1 remote-ip 10.20.0.0/24',
          'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-2 local-ip 10.10.0.0/16',
          'set security ipsec vpn VPN-DC traffic-selector TS-LAN-ts-2 remote-ip 10.21.0.0/24',
          'commit',
        ].join('\n'),
      );
      expect(tunnel(reread(HQ_SET, both), 'VPN-DC').phase2.map((p) => `${p.localSelectors.value}>${p.remoteSelectors.value}`)).to.deep.equal([
        '10.10.0.0/16>10.20.0.0/24',
        '10.10.0.0/16>10.21.0.0/24',
      ]);
      const any = sel('VPN-DC', { local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'] });
      expect(any).to.equal('delete security ipsec vpn VPN-DC traffic-selector TS-LAN\ncommit');
      const back = tunnel(reread(HQ, any), 'VPN-DC').phase2[0].localSelectors;
      expect([back.value, back.origin, back.assumed]).to.deep.equal([['0.0.0.0/0'], 'default', true]);
      expect(sel('VPN-PARTNER', { local: ['10.10.6.0/24'], remote: ['172.16.40.0/24'] })).to.equal(
        'set security ipsec vpn VPN-PARTNER ike proxy-identity local 10.10.6.0/24\nset security ipsec vpn VPN-PARTNER ike proxy-identity remote 172.16.40.0/24\nset security ipsec vpn VPN-PARTNER ike proxy-identity service any\ncommit',
      );
      // a protocol or ports need an application object: not written
      expect(sel('VPN-PARTNER', { local: ['10.10.6.0/24'], remote: ['172.16.40.0/24'], protocol: 17 })).to.equal(undefined);
      // the kilobytes of a shared policy: the copy
      const kb = fixJunos(req(hq, 'VPN-DC', 'phase2.lifetimeKilobytes', 102400));
      expect(tunnel(reread(HQ, kb), 'VPN-DC').phase2[0].lifetimeKilobytes.value).to.equal(102400);
      // the key: where to type it, never a key
      expect(fixJunos(req(hq, 'VPN-DC', 'auth.psk', null))).to.equal(
        'set security ike policy IKE-POL-DC pre-shared-key ascii-text <the pre-shared key, as on the peer>\ncommit',
      );
      // what Junos cannot express
      expect(fixJunos(req(hq, 'VPN-DC', 'natt.mode', 'forced'))).to.equal(undefined);
      expect(fixJunos(req(hq, 'VPN-DC', 'remoteGateway', 'any'))).to.equal(undefined);
      expect(fixJunos(req(hq, 'VPN-DC', 'phase1.lifetimeSeconds', 90000))).to.equal(undefined);
      expect(fixJunos(req(hq, 'VPN-DC', 'phase2.proposals', [{ protocol: 'esp', encryption: ['camellia128'], integrity: ['sha1'] }]))).to.equal(undefined);
    });
  });
});

// issue 13 (hostile suites): `^\s*X` under the m flag ran over every following blank line
// from each line start — 32 KB of blank lines took 0.5 s in state.detect, 128 KB 9 s (ratio 18)
describe('junos: detectors linear on blank lines (issue 13)', function () {
  this.timeout(0);
  const shapes = SHAPES.filter((s) => s.name === 'blank lines' || s.name === 'whitespace-only lines');
  const placements = PLACEMENTS.filter((p) => p.name !== 'alone');
  for (const p of entryPoints(adapter).filter((e) => e.name === 'detect' || e.name === 'state.detect')) {
    it(`${p.name}: 128 KB vs 32 KB of blank lines at most ${MAX_RATIO}× the time`, () => {
      const bad = inputsFor(p, placements, shapes, false)
        .map((input) => verdict(p, input, 1 << 15, 1 << 17))
        .filter((v) => !v.ok)
        .map((v) => `${v.input}: ${v.threw ?? `${v.smallMs.toFixed(1)} ms → ${v.bigMs.toFixed(1)} ms`}`);
      expect(bad).to.deep.equal([]);
    });
  }
});

// issue 13: each `a {` level copied its whole path (64 KB of `a {` lines: 0.4 s at 16 KB, seconds at 64 KB)
describe('junos: blocks nested deeper than 64 are a file:line error (issue 13)', () => {
  const nested = (n: number) => `${'a {\n'.repeat(n)}${'}\n'.repeat(n)}`;
  it('the 65th level is refused at its line, naming the bound', () => {
    expect(parseErrorOf(() => adapter.parse(nested(65), 'deep.conf')).located).to.equal(
      'deep.conf:65: expected blocks nested at most 64 deep, found a deeper one: a {',
    );
    expect(parseErrorOf(() => adapter.parse('a {\n'.repeat(1 << 18), 'deep.conf')).located).to.equal(
      'deep.conf:65: expected blocks nested at most 64 deep, found a deeper one: a {',
    );
  });
  it('64 levels are still read (the error is then about what the blocks hold)', () => {
    expect(parseErrorOf(() => adapter.parse(nested(64), 'deep.conf')).located).to.equal(
      'deep.conf:1: expected a Junos configuration (system, interfaces, security … statements), found "a" at the top',
    );
  });
});

// issue 13 (fast-check, seed 13): the brace scanner skipped only ASCII blanks but ended a word at
// any \s, so a U+2005 inside a word made an empty word without advancing, forever (out of memory).
// Any blank now separates words, as in set lines (setline-common)
describe('junos: a Unicode space separates words, never a hang (issue 13)', () => {
  const edited = (rel: string, find: string, repl: string) => {
    const text = readText(join(ROOT, rel));
    expect(text).to.include(find);
    return adapter.parse(text.replace(find, repl), 'u.conf');
  };
  it('brace form: `gatew\u2005ay GW-HQ;` is an unknown statement `gatew ay`, and the VPN says it names no gateway', () => {
    const d = edited('fixtures/junos/srx-dc-21.4-cluster-session.txt', '        gateway GW-HQ;', '        gatew\u2005ay GW-HQ;');
    expect(d.tunnels).to.deep.equal([]);
    expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([
      { level: 'warning', message: 'VPN VPN-HQ names no ike gateway: not compared', at: { file: 'u.conf', line: 86 } },
    ]);
  });
  it('set form: the same in a set command', () => {
    const d = edited(
      'fixtures/junos/srx-hq-22.4-display-set.txt',
      'set security ipsec vpn VPN-DC ike gateway GW-DC',
      'set security ipsec vpn VPN-DC ike gatew\u2005ay GW-DC',
    );
    expect(d.tunnels.map((t) => t.name)).to.deep.equal(['VPN-PARTNER', 'VPN-BRANCH', 'VPN-OLD']);
    expect(d.diagnostics.find((x) => x.message.startsWith('VPN VPN-DC'))).to.deep.equal({
      level: 'warning',
      message: 'VPN VPN-DC names no ike gateway: not compared',
      at: { file: 'u.conf', line: 76 },
    });
  });
});
