/** AWS Site-to-Site VPN adapter: describe-vpn-connections JSON (real exports and fixtures), the Generic text, defaults, bad input, fixes. */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { adapter } from '../../adapters/aws-vpn/index.js';
import { detectAll } from '../../src/read/detect.js';
import type { FixRequest } from '../../src/model/adapter.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { Device } from '../../src/model/types.js';
import { verdict } from '../hostile/linear.js';
import { adversarial, PLACEMENTS, SHAPES } from '../hostile/shapes.js';
import { adapter as azure } from '../../adapters/azure-vpngw/index.js';
import { at, expectValid, parseErrorOf, REAL_CONFIGS, ROOT, readText, tunnelNamed as tunnel } from '../helpers.js';

const FIX = 'fixtures/aws-vpn';
const parse = (rel: string): Device => expectValid(adapter.parse(readText(join(ROOT, rel)), rel));

describe('aws-vpn adapter', () => {
  describe('describe-vpn-connections JSON (fixture: one tunnel customized, one on defaults)', () => {
    const file = `${FIX}/describe-vpn-connections-one-tunnel-customized.json`;
    const d = parse(file);
    const t1 = tunnel(d, 'vpn-0a1b2c3d4e5f60718.tunnel1');
    const t2 = tunnel(d, 'vpn-0a1b2c3d4e5f60718.tunnel2');

    it('is detected as aws-vpn and named after the Name tag', () => {
      expect(detectAll(readText(join(ROOT, file)), file)[0].adapter.id).to.equal('aws-vpn');
      expect(d.hostname).to.equal('branch-paris');
      expect(d.interfaces.map((i) => i.address)).to.deep.equal(['203.0.113.17', '203.0.113.145']);
    });

    it('reads the customized tunnel options with their lines', () => {
      expect(t1.localGateway).to.include({ value: '203.0.113.17', origin: 'explicit' });
      expect(t1.remoteGateway).to.include({ value: '198.51.100.20', origin: 'inferred' });
      expect(t1.phase2[0].lifetimeSeconds).to.deep.include({ value: 1800, raw: '"Phase2LifetimeSeconds": 1800', origin: 'explicit', at: at(file, 53) });
      expect(t1.phase1.lifetimeSeconds.value).to.equal(28800);
      expect(t1.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }]);
      expect(t1.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }]);
      expect(t1.phase2[0].pfsGroups.value).to.deep.equal([14]);
      expect(t1.ikeVersion.value).to.equal(2);
      expect(t1.ikeVersionsAccepted?.value).to.deep.equal([2]);
      expect(t1.initiates?.value).to.equal(true); // StartupAction start
      expect(t1.vendorRefs?.dpdTimeoutAction).to.equal('restart');
      expect(t1.auth.psk?.value).to.equal(pskFingerprint('tunnelOneTestKey_1'));
      expect(t1.auth.psk?.raw).to.equal('"PreSharedKey": "<redacted>"');
    });

    it('takes AWS defaults for what the untouched tunnel does not list', () => {
      expect(t2.phase2[0].lifetimeSeconds).to.include({ value: 3600, origin: 'default' });
      expect(t2.phase1.lifetimeSeconds).to.include({ value: 28800, origin: 'default' });
      expect(t2.phase1.proposals.value[0].dhGroups).to.deep.equal([2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
      expect(t2.phase2[0].pfsGroups.value).to.deep.equal([2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
      expect(t2.ikeVersionsAccepted?.value).to.deep.equal([1, 2]);
      expect(t2.initiates).to.include({ value: false, origin: 'default' });
      expect(t2.dpd.retries?.value).to.equal(3);
    });

    it('marks both tunnels as one redundancy group with the allowed ranges', () => {
      expect(t1.redundancy).to.deep.include({ id: 'vpn-0a1b2c3d4e5f60718', members: ['vpn-0a1b2c3d4e5f60718.tunnel1', 'vpn-0a1b2c3d4e5f60718.tunnel2'] });
      expect(t2.allowed?.phase2LifetimeSeconds).to.deep.equal({ min: 900, max: 3600 });
      expect(t2.allowed?.phase1LifetimeSeconds).to.deep.equal({ min: 900, max: 28800 });
    });

    it('never keeps a key: no secret in the device', () => {
      const json = JSON.stringify(d);
      for (const k of ['tunnelOneTestKey_1', 'tunnelTwoTestKey_2']) expect(json).to.not.include(k);
    });
  });

  describe('the Generic configuration text', () => {
    const file = `${FIX}/generic-config-static-routing.txt`;
    const d = parse(file);
    it('reads both tunnels: addresses, key fingerprint, the sample IKE version', () => {
      expect(detectAll(readText(join(ROOT, file)), file)[0].adapter.id).to.equal('aws-vpn');
      expect(d.tunnels.map((t) => [t.name, t.localGateway?.value, t.remoteGateway.value])).to.deep.equal([
        ['vpn-07e1d5c9a2b3f4e6d.tunnel1', '203.0.113.33', '198.51.100.77'],
        ['vpn-07e1d5c9a2b3f4e6d.tunnel2', '203.0.113.161', '198.51.100.77'],
      ]);
      const t1 = d.tunnels[0];
      expect(t1.ikeVersion).to.deep.include({ value: 1, origin: 'inferred', at: at(file, 29) });
      expect(t1.auth.psk?.value).to.equal(pskFingerprint('genericOneTestKey_A'));
      expect(t1.phase2[0].lifetimeSeconds).to.deep.include({ value: 3600, origin: 'inferred', at: at(file, 45) });
      expect(JSON.stringify(d)).to.not.include('genericOneTestKey_A');
    });
    it('takes the AWS end to accept the default algorithm sets, and says so', () => {
      expect(d.tunnels[0].phase1.proposals.origin).to.equal('default');
      expect(d.diagnostics.map((x) => x.level)).to.deep.equal(['info']);
    });
  });

  describe('real exports (../shared/real-configs/cloud/aws)', () => {
    if (!REAL_CONFIGS) return void it.skip('no ../shared/real-configs');
    const dir = posix.join(REAL_CONFIGS, 'cloud', 'aws');
    it('every real AWS export is listed here (a new one fails until it is read with exact values)', () => {
      expect(readdirSync(dir).sort()).to.deep.equal([
        'batfish-describe-vpn-connections-transit-gateway-ipsec-down.json',
        'batfish-describe-vpn-connections-tunneloptions-vgwtelemetry.json',
      ]);
      expect(readdirSync(posix.join(REAL_CONFIGS!, 'cloud')).sort(), 'cloud exports: aws and azure only (GCP: none found)').to.deep.equal(['aws', 'azure']);
    });
    const real = (name: string) => {
      const p = posix.join(dir, name);
      return expectValid(adapter.parse(readText(p), relative(ROOT, p)));
    };
    it('batfish VpnConnectionWithTunnelOptions: TunnelOptions win over the sample XML, keys never kept', () => {
      const d = real('batfish-describe-vpn-connections-tunneloptions-vgwtelemetry.json');
      const [t1, t2] = d.tunnels;
      expect(d.hostname).to.equal('GNS3-BGP-Test');
      expect([t1.localGateway?.value, t1.remoteGateway.value]).to.deep.equal(['52.27.166.152', '147.75.69.27']);
      // the XML suggests group2 for both; TunnelOptions (what AWS accepts) say 22/23 and 14/15/16
      expect(t2.phase1.proposals.value[0].dhGroups).to.deep.equal([22, 23]);
      expect(t2.phase2[0].pfsGroups.value).to.deep.equal([14, 15, 16]);
      expect(t1.phase1.proposals.value[0].encryption).to.deep.equal(['aes128', 'aes128gcm16']);
      expect(t1.phase2[0].lifetimeSeconds).to.include({ value: 3600, origin: 'default' });
      const text = readText(posix.join(dir, 'batfish-describe-vpn-connections-tunneloptions-vgwtelemetry.json'));
      const secrets = [...text.matchAll(/"PreSharedKey": "([^"]+)"/g)].map((m) => m[1]);
      expect(secrets.length).to.equal(2);
      for (const s of secrets) expect(JSON.stringify(d)).to.not.include(s);
    });
    it('batfish transit-gateway connection without TunnelOptions: tunnels from the XML, defaults elsewhere', () => {
      const d = real('batfish-describe-vpn-connections-transit-gateway-ipsec-down.json');
      expect(d.tunnels.map((t) => t.localGateway?.value)).to.deep.equal(['3.130.56.250', '3.133.183.196']);
      expect(d.tunnels[0].localGateway?.origin).to.equal('inferred');
      expect(d.tunnels[0].phase1.proposals.origin).to.equal('default');
    });
  });

  describe('bad input', () => {
    it('Phase 2 not below phase 1: an error at the Phase2LifetimeSeconds line', () => {
      const f = `${FIX}/bad-phase2-not-below-phase1.json`;
      const e = parseErrorOf(() => adapter.parse(readText(join(ROOT, f)), f));
      expect(e.located).to.equal(`${f}:53: expected Phase2LifetimeSeconds (3600) below Phase1LifetimeSeconds (1800), as AWS requires`);
    });
    it('an algorithm AWS does not define: an error at its line', () => {
      const f = `${FIX}/bad-unknown-algorithm.json`;
      const e = parseErrorOf(() => adapter.parse(readText(join(ROOT, f)), f));
      expect(e.located).to.equal(`${f}:27: expected Phase1EncryptionAlgorithms values among AES128, AES256, AES128-GCM-16, AES256-GCM-16, found "3DES"`);
    });
    it('JSON that is not a describe output, broken JSON, an empty file', () => {
      expect(parseErrorOf(() => adapter.parse('{"Reservations": []}', 'x.json')).located).to.match(
        /^x\.json:1: expected `aws ec2 describe-vpn-connections` JSON/,
      );
      expect(parseErrorOf(() => adapter.parse('{"VpnConnections": [\n  {"VpnConnectionId": "vpn-1",\n', 'y.json')).located).to.match(
        /^y\.json:\d+: expected JSON or YAML/,
      );
      expect(parseErrorOf(() => adapter.parse('', 'z.json')).located).to.equal(
        'z.json:1: expected `aws ec2 describe-vpn-connections` JSON or an AWS Generic configuration, found an empty file',
      );
    });
  });

  describe('fixes are AWS CLI commands', () => {
    const d = parse(`${FIX}/describe-vpn-connections-one-tunnel-customized.json`);
    const t = d.tunnels[0];
    const fix = (req: Omit<FixRequest, 'device' | 'tunnel'>) => adapter.fix({ ...req, device: d, tunnel: t } as FixRequest);
    it('phase 2 lifetime, in range and below phase 1', () => {
      expect(fix({ field: 'phase2.lifetimeSeconds', target: 3600, phase2: t.phase2[0] })).to.equal(
        'aws ec2 modify-vpn-tunnel-options --vpn-connection-id vpn-0a1b2c3d4e5f60718 --vpn-tunnel-outside-ip-address 203.0.113.17 --tunnel-options Phase2LifetimeSeconds=3600',
      );
      expect(fix({ field: 'phase2.lifetimeSeconds', target: 28800, phase2: t.phase2[0] })).to.equal(undefined);
    });
    it('proposals in AWS spelling; none for an algorithm AWS lacks', () => {
      expect(fix({ field: 'phase1.proposals', target: [{ encryption: ['aes128gcm16'], integrity: [], prf: [], dhGroups: [20] }] })).to.equal(
        'aws ec2 modify-vpn-tunnel-options --vpn-connection-id vpn-0a1b2c3d4e5f60718 --vpn-tunnel-outside-ip-address 203.0.113.17 --tunnel-options Phase1EncryptionAlgorithms=[{Value=AES128-GCM-16}],Phase1DHGroupNumbers=[{Value=20}]',
      );
      expect(fix({ field: 'phase1.proposals', target: [{ encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] }] })).to.equal(undefined);
      expect(fix({ field: 'phase2.pfsGroups', target: [0], phase2: t.phase2[0] })).to.equal(undefined);
    });
    it('the key fix names the option, never a key', () => {
      const f = fix({ field: 'auth.psk', target: null }) ?? '';
      expect(f).to.include('PreSharedKey=<the key the customer gateway uses>');
      expect(f).to.not.include('tunnelOneTestKey_1');
    });
  });

  describe('hostile JSON/YAML (cloud-common/tree.ts, shared with azure-vpngw; issue 13)', () => {
    const seeds = [
      { a: adapter, file: 'fixtures/aws-vpn/describe-vpn-connections-one-tunnel-customized.json' },
      { a: azure, file: 'fixtures/azure-vpngw/az-vpn-connection-show-custom-policy.json' },
    ];
    const shape = (name: string) => SHAPES.find((s) => s.name === name)!;
    const inside = PLACEMENTS.find((p) => p.name === 'right after a value inside a real file')!;
    const ownLine = PLACEMENTS.find((p) => p.name === 'on its own line inside a real file')!;
    it('`: : : …` after a value is linear: one syntax error per colon no longer copies its whole line (was 1 s → 14 s for 32 → 128 KB)', () => {
      for (const { a, file } of seeds) {
        const p = { adapter: a.id, name: 'parse', run: (t: string) => a.parse(t, 'hostile.json'), seed: readText(join(ROOT, file)), seedFile: file };
        const v = verdict(p, { name: 'colon soup', make: (n) => adversarial(p.seed, shape('colon soup'), inside, n) }, 1 << 15, 1 << 17);
        expect(v.ok, `${a.id}: ${v.smallMs.toFixed(0)} ms → ${v.bigMs.toFixed(0)} ms, ratio ${v.ratio.toFixed(1)}`).to.equal(true);
      }
    });
    it('deep nesting (`- - - …`, `[[[…`, `{"a":{"a":…`) is a file:line error, never a stack overflow', () => {
      for (const { a, file } of seeds) {
        const seed = readText(join(ROOT, file));
        for (const name of ['nested YAML', 'open brackets', 'nested JSON objects']) {
          const e = parseErrorOf(() => a.parse(adversarial(seed, shape(name), ownLine, 1 << 16), 'deep/in.json'));
          expect(e.located, `${a.id} ${name}`).to.equal(
            `deep/in.json:${a === adapter ? 6 : 46}: expected JSON or YAML nested at most 1000 levels deep, found deeper nesting`,
          );
        }
      }
    });
  });
});
