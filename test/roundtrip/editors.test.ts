/**
 * The round trip's editors (editors.ts), on text in the real forms: swanctl.conf as strongSwan's
 * testing scenarios write it (../shared/real-configs/pairs/strongswan-testing-*), ipsec.conf with
 * a tab-indented conn, and a pfSense config.xml phase 2 element.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixRequest } from '../../src/model/adapter.js';
import { ROOT } from '../helpers.js';
import {
  appendFix,
  applyAwsFix,
  applyAzureFix,
  applyIpsecConfFix,
  applySwanctlFix,
  applyXmlFix,
  editXmlElement,
  setSwanctl,
  swanctlAssignments,
  xmlSnippets,
} from './editors.js';

// the shape of strongswan-testing-ikev2-net2net-route-narrow/moon.swanctl.conf
const SWANCTL = `connections {

   gw-gw {
      local_addrs  = 192.168.0.1
      remote_addrs = 192.168.0.2

      children {
         net-1 {
            local_ts  = 10.1.0.0/28
            esp_proposals = aes128gcm128-x25519
         }
         net-2 : connections.gw-gw.children.net-1 {
            local_ts  = 10.1.0.16/28
         }
      }
      version = 2
   }
}
`;

describe('round-trip editors', () => {
  it('appends a CLI fix after the last line, whatever the file ends with', () => {
    expect(appendFix('a\nb\n\n', 'x\ny')).to.equal('a\nb\nx\ny\n');
    expect(appendFix('end  ', 'config vpn ipsec phase2-interface')).to.equal('end\nconfig vpn ipsec phase2-interface\n');
  });

  describe('swanctl.conf', () => {
    it('reads the assignments of a fix, leaving out comments and the reload hint', () => {
      expect(swanctlAssignments('connections.a.rekey_time = 1310m\n# IKEv1 proposes …\n(then: swanctl --load-conns)')).to.deep.equal([
        { path: ['connections', 'a', 'rekey_time'], value: '1310m' },
      ]);
    });

    it("replaces a key in its own section, not in a nested one's", () => {
      const out = setSwanctl(SWANCTL, ['connections', 'gw-gw', 'children', 'net-2', 'local_ts'], '10.1.0.32/28');
      expect(out).to.contain('            local_ts = 10.1.0.32/28');
      expect(out).to.contain('            local_ts  = 10.1.0.0/28');
    });

    it('adds a key the section does not have, before its closing brace (a section that inherits included)', () => {
      const out = applySwanctlFix(SWANCTL, 'connections.gw-gw.children.net-2.rekey_time = 1h\n(then: swanctl --load-conns)');
      expect(out.split('\n').slice(11, 15)).to.deep.equal([
        '         net-2 : connections.gw-gw.children.net-1 {',
        '            local_ts  = 10.1.0.16/28',
        '            rekey_time = 1h',
        '         }',
      ]);
      const top = applySwanctlFix(SWANCTL, 'connections.gw-gw.rekey_time = 4h');
      expect(top).to.match(/version = 2\n {6}rekey_time = 4h\n {3}\}/);
    });

    it('a section the fix names but the file lacks is an error, not a silent no-op', () => {
      expect(() => setSwanctl(SWANCTL, ['connections', 'nope', 'version'], '2')).to.throw('no section connections.nope');
    });
  });

  describe('ipsec.conf', () => {
    const CONF = 'conn %default\n\tikelifetime=60m\n\nconn net-net\n\tleft=PH_IP_MOON\n\tleftsubnet=10.1.0.0/16\n\tauto=add\n';

    it("sets a conn's key in place, or adds it under the conn header", () => {
      const out = applyIpsecConfFix(CONF, 'conn net-net\n    leftsubnet=10.1.0.0/24\n    lifetime=1h\n(then: ipsec update)');
      expect(out).to.equal('conn %default\n\tikelifetime=60m\n\nconn net-net\n\tlifetime=1h\n\tleft=PH_IP_MOON\n\tleftsubnet=10.1.0.0/24\n\tauto=add\n');
    });

    it('never edits %default when the fix names a conn', () => {
      expect(applyIpsecConfFix(CONF, 'conn net-net\n    ikelifetime=3h')).to.contain('conn %default\n\tikelifetime=60m\n');
    });
  });

  describe('config.xml', () => {
    const XML = [
      '<ipsec>',
      '\t<phase2>',
      '\t\t<ikeid>1</ikeid>',
      '\t\t<encryption-algorithm-option>',
      '\t\t\t<name>aes</name>',
      '\t\t\t<keylen>256</keylen>',
      '\t\t</encryption-algorithm-option>',
      '\t\t<encryption-algorithm-option>',
      '\t\t\t<name>aes128gcm</name>',
      '\t\t\t<keylen>128</keylen>',
      '\t\t</encryption-algorithm-option>',
      '\t\t<pfsgroup>14</pfsgroup>',
      '\t\t<lifetime>3600</lifetime>',
      '\t</phase2>',
      '\t<phase2>',
      '\t\t<ikeid>2</ikeid>',
      '\t\t<lifetime>3600</lifetime>',
      '\t</phase2>',
      '</ipsec>',
    ].join('\n');

    it('reads the elements a GUI-path fix names, and what it says to remove', () => {
      expect(xmlSnippets('VPN › IPsec › Tunnels › Edit Phase 2 "LAN" › Life Time: 28800  (<lifetime>28800</lifetime>)').set).to.deep.equal([
        '<lifetime>28800</lifetime>',
      ]);
      expect(xmlSnippets('… › Dead Peer Detection: uncheck Enable DPD  (remove <dpd_delay> and <dpd_maxfail>)').remove).to.deep.equal([
        'dpd_delay',
        'dpd_maxfail',
      ]);
      expect(
        xmlSnippets('… › Local Network: 10.0.0.0/24  (<localid><type>network</type><address>10.0.0.0</address><netbits>24</netbits></localid>)').set,
      ).to.have.length(1);
    });

    it('replaces the element in the phase 2 starting on the given line only', () => {
      const out = applyXmlFix(XML, '… › Life Time: 28800  (<lifetime>28800</lifetime>)', 15);
      expect(out.split('\n')[12]).to.equal('\t\t<lifetime>3600</lifetime>');
      expect(out.split('\n')[16]).to.equal('\t\t<lifetime>28800</lifetime>');
    });

    it('replaces a list element as a whole, and adds an element that is missing', () => {
      const out = editXmlElement(XML, 2, ['<encryption-algorithm-option><name>aes</name><keylen>128</keylen></encryption-algorithm-option>']);
      expect(out.match(/<encryption-algorithm-option>/g)).to.have.length(1);
      expect(out).to.contain(
        '<ikeid>1</ikeid>\n\t\t<encryption-algorithm-option><name>aes</name><keylen>128</keylen></encryption-algorithm-option>\n\t\t<pfsgroup>14</pfsgroup>',
      );
      const added = editXmlElement(XML, 15, ['<pfsgroup>0</pfsgroup>']);
      expect(added.split('\n').slice(14, 19)).to.deep.equal([
        '\t<phase2>',
        '\t\t<ikeid>2</ikeid>',
        '\t\t<lifetime>3600</lifetime>',
        '\t\t<pfsgroup>0</pfsgroup>',
        '\t</phase2>',
      ]);
    });

    it('removes what the fix says to remove', () => {
      expect(editXmlElement(XML, 2, [], ['pfsgroup'])).not.to.contain('<pfsgroup>14</pfsgroup>');
    });

    it('a fix that names no element is an error', () => {
      expect(() => applyXmlFix(XML, 'VPN › IPsec › something', 2)).to.throw('names no element');
    });
  });
});

describe('cloud editors: the CLI command applied to the exported API object', () => {
  it('aws ec2 modify-vpn-tunnel-options sets the tunnel option on the tunnel with that outside address', async () => {
    const { adapter } = await import('../../adapters/aws-vpn/index.js');
    const f = 'fixtures/aws-vpn/describe-vpn-connections-one-tunnel-customized.json';
    const text = readFileSync(join(ROOT, f), 'utf8');
    const d = adapter.parse(text, f);
    const t2 = d.tunnels[1];
    const fix = adapter.fix({ field: 'phase2.lifetimeSeconds', target: 1800, device: d, tunnel: t2, phase2: t2.phase2[0] } as FixRequest) ?? '';
    const pfs = adapter.fix({ field: 'phase2.pfsGroups', target: [14, 19], device: d, tunnel: t2, phase2: t2.phase2[0] } as FixRequest) ?? '';
    const after = adapter.parse(applyAwsFix(applyAwsFix(text, fix) ?? '', pfs) ?? '', f).tunnels[1];
    expect([after.phase2[0].lifetimeSeconds.value, after.phase2[0].lifetimeSeconds.origin]).to.deep.equal([1800, 'explicit']);
    expect(after.phase2[0].pfsGroups.value).to.deep.equal([14, 19]);
    expect(adapter.parse(applyAwsFix(text, fix) ?? '', f).tunnels[0].phase2[0].lifetimeSeconds.value).to.equal(d.tunnels[0].phase2[0].lifetimeSeconds.value);
    expect(applyAwsFix('IPSec Tunnel #1\n', fix)).to.equal(undefined);
  });
  it('az network vpn-connection ipsec-policy clear + add replaces the one policy of that connection', async () => {
    const { adapter } = await import('../../adapters/azure-vpngw/index.js');
    const f = 'fixtures/azure-vpngw/az-vpn-connection-show-custom-policy.json';
    const text = readFileSync(join(ROOT, f), 'utf8');
    const d = adapter.parse(text, f);
    const t = d.tunnels[0];
    const fix = adapter.fix({ field: 'phase2.lifetimeSeconds', target: 3600, device: d, tunnel: t, phase2: t.phase2[0] } as FixRequest) ?? '';
    const after = adapter.parse(applyAzureFix(text, fix) ?? '', f).tunnels[0];
    expect(after.phase2[0].lifetimeSeconds.value).to.equal(3600);
    expect(after.phase1.proposals.value).to.deep.equal(t.phase1.proposals.value);
    expect(() => applyAzureFix(text, fix.split('\n')[1])).to.throw('Azure allows one');
    expect(applyAzureFix('Name : x\n', fix)).to.equal(undefined);
  });
});
