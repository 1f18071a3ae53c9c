/** Azure VPN gateway adapter: az JSON with its companion documents, Az PowerShell JSON and printed objects, the real msdocs object, defaults, bad input, fixes. */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { adapter } from '../../adapters/azure-vpngw/index.js';
import type { FixRequest } from '../../src/model/adapter.js';
import { at, expectValid, parseErrorOf, REAL_CONFIGS, ROOT, readText } from '../helpers.js';

const FIX = 'fixtures/azure-vpngw';
const read = (name: string) => {
  const f = `${FIX}/${name}`;
  return { f, d: expectValid(adapter.parse(readText(join(ROOT, f)), f)) };
};

describe('azure-vpngw adapter', () => {
  describe('az network vpn-connection show + local-gateway, vnet-gateway, public-ip, vnet documents (custom policy)', () => {
    const { f, d } = read('az-vpn-connection-show-custom-policy.json');
    const t = d.tunnels[0];
    it('the connection, both addresses from the other documents, each with its line', () => {
      expect([d.hostname, t.name, t.localGateway?.value, t.remoteGateway.value]).to.deep.equal(['VNet1GW', 'VNet1toSite6', '203.0.113.40', '198.51.100.54']);
      expect(t.remoteGateway).to.deep.include({ raw: '"gatewayIpAddress": "198.51.100.54"', origin: 'explicit', at: at(f, 53) });
      expect(t.localGateway).to.deep.include({ raw: '"ipAddress": "203.0.113.40"', at: at(f, 96) });
      expect(d.interfaces).to.deep.equal([{ name: 'VNet1GW public IP', address: '203.0.113.40', at: at(f, 96) }]);
    });
    it('the custom policy is the only proposal, in both phases, with its lifetimes', () => {
      expect(t.ikeVersion).to.deep.include({ value: 2, raw: '"connectionProtocol": "IKEv2"', at: at(f, 6) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha384'], prf: [], dhGroups: [24] }]);
      expect(t.phase1.proposals.at).to.deep.equal(at(f, 17));
      expect(t.phase1.lifetimeSeconds).to.include({ value: 28800, origin: 'default' });
      const p2 = t.phase2[0];
      expect(p2.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }]);
      expect(p2.pfsGroups.value).to.deep.equal([0]);
      expect(p2.lifetimeSeconds).to.deep.include({ value: 30000, raw: '"saLifeTimeSeconds": 30000', at: at(f, 25) });
      expect(p2.lifetimeKilobytes).to.deep.include({ value: 102400000, at: at(f, 24) });
    });
    it('policy-based traffic selectors: the VNet prefixes ↔ the local network gateway prefixes', () => {
      const p2 = t.phase2[0];
      expect([p2.localSelectors.value, p2.remoteSelectors.value]).to.deep.equal([['10.1.0.0/16'], ['10.61.0.0/16', '10.62.0.0/16']]);
      expect(p2.remoteSelectors.at).to.deep.equal(at(f, 56));
      expect(t.behaviour?.selectorNarrowing?.value).to.equal('narrows');
    });
    it('a null sharedKey is unknown; the allowed ranges are the custom-policy table', () => {
      expect(t.auth.psk).to.deep.include({ value: 'unknown', raw: '"sharedKey": null', at: at(f, 38) });
      expect(t.allowed?.phase2LifetimeSeconds).to.deep.equal({ min: 300, max: 172799 });
      expect(t.allowed?.phase1LifetimeSeconds).to.deep.equal({ min: 28800, max: 28800 });
      expect(t.allowed?.phase2?.pfsGroups).to.deep.equal([0, 1, 2, 14, 19, 20, 24]);
      expect(d.diagnostics).to.deep.equal([]);
    });
  });

  describe('Get-AzVirtualNetworkGatewayConnection | ConvertTo-Json (nested gateways, default policy)', () => {
    const { f, d } = read('ps-Get-AzVirtualNetworkGatewayConnection-json.json');
    const t = d.tunnels[0];
    it('PascalCase keys, the nested local network gateway and the BGP tunnel address', () => {
      expect([t.name, t.localGateway?.value, t.remoteGateway.value]).to.deep.equal(['VNet1toSite7', '203.0.113.40', '198.51.100.77']);
      expect(t.localGateway?.raw).to.equal('"TunnelIpAddresses": [203.0.113.40]');
      expect(t.vendorRefs?.resourceGroup).to.equal('TestRG1');
    });
    it('no policy: the route-based default set (6 phase 1 offers, DH 2; the responder’s quick mode pairs and PFS groups; 27000 s / 102400000 KB)', () => {
      expect(t.phase1.proposals.origin).to.equal('default');
      expect(t.phase1.proposals.value.map((p) => `${p.encryption[0]}-${p.integrity[0]}-${p.dhGroups.join()}`)).to.deep.equal([
        'aes256-sha1-2',
        'aes256-sha256-2',
        'aes128-sha1-2',
        'aes128-sha256-2',
        '3des-sha1-2',
        '3des-sha256-2',
      ]);
      const p2 = t.phase2[0];
      expect(p2.proposals.value.map((p) => [...p.encryption, ...p.integrity].join('-'))).to.deep.equal([
        'aes256gcm16',
        'aes256-sha1',
        '3des-sha1',
        'aes256-sha256',
        'aes128-sha1',
        '3des-sha256',
        'des-sha1',
        'aes128-sha256',
      ]);
      expect(p2.pfsGroups.value).to.deep.equal([0, 1, 2, 14, 24]);
      expect([p2.lifetimeSeconds.value, p2.lifetimeKilobytes.value]).to.deep.equal([27000, 102400000]);
    });
    it('trafficSelectorPolicies are the selectors; a clear key becomes a fingerprint and is never kept', () => {
      expect([t.phase2[0].localSelectors.value, t.phase2[0].remoteSelectors.value]).to.deep.equal([['10.1.0.0/24'], ['10.71.1.0/24']]);
      expect(t.auth.psk?.value).to.match(/^hmac:/);
      expect(t.auth.psk).to.deep.include({ raw: '"SharedKey": "<redacted>"', at: at(f, 35) });
      expect(JSON.stringify(d)).to.not.include('site7TestKey');
    });
  });

  describe('the printed object (Format-List): wrapped ids, JSON-text policies', () => {
    const { f, d } = read('ps-Get-AzVirtualNetworkGatewayConnection-printed.txt');
    const t = d.tunnels[0];
    it('ids hard-wrapped mid-word are joined; the multi-line IpsecPolicies JSON is read', () => {
      expect([d.hostname, t.name, t.remoteGateway.value]).to.deep.equal(['VNet1GW', 'VNet1toSite6', 'Site6']);
      expect(t.ikeVersion).to.deep.include({ value: 1, raw: 'ConnectionProtocol : IKEv1', at: at(f, 27) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] }]);
      expect(t.phase1.exchangeMode?.value).to.equal('main');
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] }]);
      expect(t.phase2[0].pfsGroups.value).to.deep.equal([14]);
      expect(t.phase2[0].lifetimeSeconds).to.include({ value: 14400, origin: 'explicit' });
    });
    it('ResponderOnly: the end never initiates; DPD timeout kept; the missing addresses are said', () => {
      expect(t.initiates).to.deep.include({ value: false, raw: 'ConnectionMode : ResponderOnly', at: at(f, 30) });
      expect(t.vendorRefs?.dpdTimeoutSeconds).to.equal('30');
      expect(t.dpd.mode).to.deep.include({ value: 'on-demand', raw: 'DpdTimeoutSeconds : 30', at: at(f, 29) });
      expect(d.diagnostics.map((x) => `${x.level}: ${x.message.split(';')[0].split(' (')[0]}`)).to.deep.equal([
        "info: VNet1toSite6: the gateway's VPN type is not in this export",
        "info: VNet1toSite6: the VPN gateway's public address is not in this export",
        "warning: VNet1toSite6: the peer's address is not in this export",
      ]);
    });
  });

  describe('real exports (../shared/real-configs/cloud/azure)', () => {
    if (!REAL_CONFIGS) return void it.skip('no ../shared/real-configs');
    const dir = posix.join(REAL_CONFIGS, 'cloud', 'azure');
    it('every real Azure file is listed here', () => {
      expect(readdirSync(dir).sort()).to.deep.equal(['msdocs-Set-AzVirtualNetworkGatewayConnection-connected-vnet2vnet.txt']);
    });
    it('msdocs Set-AzVirtualNetworkGatewayConnection example: a Confirm prompt, ids wrapped mid-word, no policy line', () => {
      const p = posix.join(dir, 'msdocs-Set-AzVirtualNetworkGatewayConnection-connected-vnet2vnet.txt');
      const rel = relative(ROOT, p);
      const d = expectValid(adapter.parse(readText(p), rel));
      expect(adapter.detect(readText(p), p)).to.equal(0.9);
      const t = d.tunnels[0];
      expect([d.hostname, t.name, t.at?.line]).to.deep.equal(['myGateway', '1', 6]);
      // VNet-to-VNet: the peer is the other gateway, S2SConnGW (its id wrapped after "Mic")
      expect(t.remoteGateway).to.deep.include({ value: 'S2SConnGW', origin: 'inferred' });
      expect(t.auth.psk).to.deep.include({ value: 'unknown', raw: 'SharedKey : ', at: at(rel, 23) });
      expect(t.ikeVersion).to.include({ value: 2, origin: 'default' });
      expect(t.phase1.proposals.value.length).to.equal(6);
      expect([t.phase2[0].lifetimeSeconds.value, t.phase2[0].lifetimeKilobytes.value]).to.deep.equal([27000, 102400000]);
      expect(t.vendorRefs?.resourceGroup).to.equal('myRG');
    });
  });

  describe('bad input', () => {
    it('not a connection, an unknown algorithm, a second policy, an out-of-range lifetime', () => {
      expect(parseErrorOf(() => adapter.parse('{"name": "x", "type": "Microsoft.Network/virtualNetworks"}', 'x.json')).located).to.match(
        /^x\.json:1: expected `az network vpn-connection show` JSON or `Get-AzVirtualNetworkGatewayConnection` output/,
      );
      const conn = (policy: string) =>
        `{\n  "name": "c",\n  "type": "Microsoft.Network/connections",\n  "virtualNetworkGateway1": {"id": "/x/virtualNetworkGateways/gw"},\n  "ipsecPolicies": [\n${policy}\n  ]\n}`;
      const p = (over: Record<string, unknown>) =>
        JSON.stringify({
          dhGroup: 'DHGroup14',
          ikeEncryption: 'AES256',
          ikeIntegrity: 'SHA256',
          ipsecEncryption: 'AES256',
          ipsecIntegrity: 'SHA256',
          pfsGroup: 'None',
          saDataSizeKilobytes: 102400000,
          saLifeTimeSeconds: 27000,
          ...over,
        });
      expect(parseErrorOf(() => adapter.parse(conn(p({ ikeEncryption: 'ROT13' })), 'y.json')).located).to.equal(
        'y.json:6: expected ikeEncryption among GCMAES256, GCMAES128, AES256, AES192, AES128, DES3, DES, found "ROT13"',
      );
      expect(parseErrorOf(() => adapter.parse(conn(`${p({})},\n${p({})}`), 'z.json')).located).to.equal(
        'z.json:7: expected at most one IPsec/IKE policy on a connection (Azure allows one)',
      );
      expect(parseErrorOf(() => adapter.parse(conn(p({ saLifeTimeSeconds: 200 })), 'w.json')).located).to.equal(
        'w.json:6: expected saLifeTimeSeconds to be a whole number 300–172799, found 200',
      );
      expect(parseErrorOf(() => adapter.parse(conn(p({ ipsecIntegrity: 'GCMAES128' })), 'v.json')).located).to.equal(
        'v.json:6: expected ipsecIntegrity GCMAES128 with the same GCM ipsecEncryption, as Azure requires',
      );
    });
  });

  describe('fixes are az commands stating the whole policy, never a key', () => {
    const { d } = read('az-vpn-connection-show-custom-policy.json');
    const t = d.tunnels[0];
    const fix = (req: Partial<FixRequest>) => adapter.fix({ device: d, tunnel: t, phase2: t.phase2[0], ...req } as FixRequest);
    it('a quick mode lifetime: the current policy again with the new lifetime, the old one cleared first', () => {
      expect(fix({ field: 'phase2.lifetimeSeconds', target: 3600 })).to.equal(
        'az network vpn-connection ipsec-policy clear -g TestRG1 --connection-name VNet1toSite6\n' +
          'az network vpn-connection ipsec-policy add -g TestRG1 --connection-name VNet1toSite6 --ike-encryption AES256 --ike-integrity SHA384 --dh-group DHGroup24 ' +
          '--ipsec-encryption AES256 --ipsec-integrity SHA256 --pfs-group None --sa-lifetime 3600 --sa-max-size 102400000',
      );
    });
    it('a PFS group and a phase 1 proposal; out of range or unknown to Azure: no fix', () => {
      expect(fix({ field: 'phase2.pfsGroups', target: [14] })).to.include('--pfs-group PFS2048');
      expect(fix({ field: 'phase1.proposals', target: [{ encryption: ['aes128gcm16'], integrity: [], prf: [], dhGroups: [19] }] })).to.include(
        '--ike-encryption GCMAES128 --ike-integrity GCMAES128 --dh-group ECP256',
      );
      expect(fix({ field: 'phase2.lifetimeSeconds', target: 200000 })).to.equal(undefined);
      expect(fix({ field: 'phase2.proposals', target: [{ protocol: 'esp', encryption: ['chacha20poly1305'], integrity: [] }] })).to.equal(undefined);
    });
    it('the key: where to set it, never its value', () => {
      expect(fix({ field: 'auth.psk', target: null })).to.equal(
        'az network vpn-connection shared-key update -g TestRG1 --connection-name VNet1toSite6 --value <the key the peer uses>\n(the key itself is not shown here)',
      );
    });
  });
});
