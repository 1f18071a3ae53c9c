/**
 * The round trip's editors (editors.ts), on text in the real forms: swanctl.conf as strongSwan's
 * testing scenarios write it (../shared/real-configs/pairs/strongswan-testing-*), ipsec.conf with
 * a tab-indented conn, and a pfSense config.xml phase 2 element.
 */
import { expect } from 'chai';
import { appendFix, applyIpsecConfFix, applySwanctlFix, applyXmlFix, editXmlElement, setSwanctl, swanctlAssignments, xmlSnippets } from './editors.js';

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
