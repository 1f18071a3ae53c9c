/**
 * Issue 13, Security: snapshot redaction. For each vendor, every secret-bearing statement of that
 * vendor — not only IPsec's — written in the vendor's own syntax, with the reference it follows;
 * `redact(text, vendor)` (what pull and live error messages use) must leave none of the secrets.
 * Each secret is a distinct marker `Zq9…`, so a leak names the statement.
 */
import { expect } from 'chai';
import { adapters } from '../../adapters/index.js';
import { redact, snapshotText } from '../../src/collect/snapshot.js';

/** statement with `@` where the secret goes */
type Statements = readonly string[];

const LISTS: Record<string, { ref: string; statements: Statements }> = {
  // FortiOS 7.x CLI Reference (docs.fortinet.com/document/fortigate/7.4.0/cli-reference): the `config …` tables named
  fortigate: {
    ref: 'FortiOS CLI Reference 7.4: vpn ipsec phase1-interface, user radius/tacacs+/ldap, router bgp/ospf, system snmp user/community, system ha/ddns/admin, wireless-controller vap, vpn certificate local',
    statements: [
      '    set psksecret ENC @',
      '    set psksecret-remote ENC @',
      '    set ppk-secret ENC @',
      '        set passwd ENC @',
      '        set password ENC @',
      '        set secret ENC @',
      '        set secondary-secret ENC @',
      '        set tertiary-secret ENC @',
      '        set key ENC @',
      '        set auth-pwd ENC @',
      '        set priv-pwd ENC @',
      '        set authentication-key ENC @',
      '                set key-string ENC @',
      '        set ddns-password ENC @',
      '        set ddns-key ENC @',
      '        set passphrase ENC @',
      '        set sae-password ENC @',
      '        set auth-password ENC @',
      '        set md5-key ENC @',
      '        set snmp-community "@"',
      '        set password "@"',
      '        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\n@\n-----END ENCRYPTED PRIVATE KEY-----"',
      // SA listings (diagnose vpn tunnel list): keys printed in hex
      '  dec: spi=ca646445 esp=aes key=16 @',
      '  ah=sha1 key=20 @',
    ],
  },
  // Cisco IOS/IOS XE Security and IP Routing Command References; IOS IKEv2 keyring/profile; EzVPN
  ios: {
    ref: 'Cisco IOS Security Command Reference (crypto isakmp key, pre-shared-key (IKEv2 keyring), authentication (IKEv2 profile), crypto isakmp client configuration group key, tacacs server key, radius server key, key-string, username, enable), IP Routing (ip ospf message-digest-key, ip ospf authentication-key, neighbor password, isis password), ppp chap password, ntp authentication-key, snmp-server community/host/user, line password, wpa-psk, standby authentication, vrrp authentication text, ip nhrp authentication',
    statements: [
      'crypto isakmp key @ address 203.0.113.1',
      'crypto isakmp key 6 @ address 203.0.113.1',
      'crypto keyring KR\n pre-shared-key address 192.0.2.50 key @',
      'crypto ikev2 keyring KR2\n peer hub\n  address 198.51.100.1\n  pre-shared-key @',
      ' peer hub\n  pre-shared-key local @',
      ' peer hub\n  pre-shared-key remote 6 @',
      'crypto ikev2 profile P\n authentication local pre-share key @',
      'crypto ikev2 profile P\n authentication remote pre-share key 6 @',
      'crypto isakmp client configuration group EZ\n key @',
      'crypto isakmp client configuration group EZ\n key 6 @',
      'interface Dialer1\n ppp chap password 0 @',
      'interface Dialer1\n ppp pap sent-username u password 0 @',
      'interface Gi0/1\n ip ospf message-digest-key 1 md5 @',
      'interface Gi0/1\n ip ospf message-digest-key 1 md5 7 @',
      'interface Gi0/1\n ip ospf authentication-key 7 @',
      'router ospf 1\n area 0 virtual-link 10.0.0.2 message-digest-key 1 md5 @',
      'router bgp 65000\n neighbor 192.0.2.1 password 7 @',
      'router isis\n area-password @\n',
      'router isis\n domain-password @',
      'interface Gi0/1\n isis password @',
      'ntp authentication-key 1 md5 @ 7',
      'snmp-server community @ RO',
      'snmp-server host 192.0.2.9 version 2c @',
      'snmp-server host 192.0.2.9 traps version 2c @ udp-port 162',
      'snmp-server user ops OPS v3 auth sha @ priv aes 128 Zq9-second',
      'tacacs server T1\n address ipv4 192.0.2.7\n key 7 @',
      'tacacs-server key @',
      'radius server R1\n key 7 @',
      'radius-server key @',
      'key chain K\n key 1\n  key-string @',
      'username admin privilege 15 secret 9 @',
      'username admin password 0 @',
      'enable secret 9 @',
      'enable password @',
      'line vty 0 4\n password 7 @',
      'dot11 ssid S\n wpa-psk ascii 0 @',
      'interface Gi0/1\n standby 1 authentication md5 key-string 7 @',
      'interface Gi0/1\n standby 1 authentication @',
      'interface Gi0/1\n vrrp 1 authentication text @',
      'interface Tunnel0\n ip nhrp authentication @',
      'l2tp-class C\n password 0 @',
      'ip ftp password @',
    ],
  },
  // Cisco ASA Series Command Reference
  asa: {
    ref: 'Cisco Secure Firewall ASA Series Command Reference (tunnel-group ipsec-attributes ikev1 pre-shared-key, ikev2 local/remote-authentication pre-shared-key, crypto isakmp key, passwd, enable password, username password, aaa-server host key, ldap-login-password, snmp-server community/host, failover key, ntp authentication-key)',
    statements: [
      'tunnel-group 203.0.113.1 ipsec-attributes\n ikev1 pre-shared-key @',
      'tunnel-group 203.0.113.1 ipsec-attributes\n ikev2 local-authentication pre-shared-key @',
      'tunnel-group 203.0.113.1 ipsec-attributes\n ikev2 remote-authentication pre-shared-key 8 @',
      'passwd @ encrypted',
      'enable password @ encrypted',
      'username admin password @ pbkdf2 privilege 15',
      'aaa-server TAC (inside) host 192.0.2.7\n key @',
      'aaa-server LDAP (inside) host 192.0.2.8\n ldap-login-password @',
      'snmp-server community @',
      'snmp-server host inside 192.0.2.9 community @ version 2c',
      'failover key @',
      'ntp authentication-key 1 md5 @',
    ],
  },
  // RouterOS reference, help.mikrotik.com (IPsec, PPP, User, Wireless, WireGuard, BGP, OSPF, SNMP, L2TP, RADIUS)
  routeros: {
    ref: 'MikroTik RouterOS manual (help.mikrotik.com): /ip ipsec identity, /ppp secret, /user, /interface wireless security-profiles, /interface wireguard (+ peers), /routing bgp connection, /routing ospf interface-template, /snmp community, /interface l2tp-server server, /radius, /interface ovpn-client, /ip ipsec installed-sa print',
    statements: [
      '/ip ipsec identity add peer=p1 secret=@',
      '/ip ipsec identity add peer=p1 secret="@"',
      '/ip ipsec peer add name=p1 passphrase=@',
      '/ppp secret add name=u1 password=@',
      '/user add name=ops group=full password=@',
      '/interface wireless security-profiles add name=s1 wpa-pre-shared-key=@ wpa2-pre-shared-key=Zq9-second',
      '/interface wireless security-profiles add name=s2 static-key-0=@',
      '/interface wireguard add name=wg1 private-key="@"',
      '/interface wireguard peers add interface=wg1 preshared-key="@"',
      '/routing bgp connection add name=b1 tcp-md5-key=@',
      '/routing ospf interface-template add auth=md5 auth-key=@',
      '/snmp community add name=ops authentication-password=@ encryption-password=Zq9-second',
      '/interface l2tp-server server set ipsec-secret=@ use-ipsec=yes',
      '/radius add address=192.0.2.7 secret=@ service=ppp',
      '/interface ovpn-client add name=o1 password=@',
      ' 0 E  spi=0xCA646445 src-address=203.0.113.1 auth-key="@" enc-key="Zq9-second"',
    ],
  },
  // Windows: netsh advfirewall consec show rule (Auth1PSK), Get-VpnS2SInterface / Add-VpnConnection (-SharedSecret / PreSharedKey)
  'windows-netsh': {
    ref: 'netsh advfirewall consec (learn.microsoft.com, netsh advfirewall consec commands: auth1psk), Get-VpnS2SInterface (SharedSecret), ConvertTo-Json',
    statements: [
      'Auth1PSK:                             @',
      'Auth2PSK: @',
      'SharedSecret          : @',
      '"SharedSecret": "@",',
      '"PreSharedKey":  "@"',
      'Psk : @',
    ],
  },
  'windows-rras': {
    ref: 'RemoteAccess cmdlets (learn.microsoft.com): Get-VpnS2SInterface SharedSecret, Add-VpnConnection L2tpPsk, Set-VpnServerConfiguration CustomPolicy',
    statements: ['SharedSecret          : @', '"SharedSecret": "@"', 'L2tpPsk : @', '"L2tpPsk": "@"'],
  },
  // pfSense / OPNsense config.xml (the products' own config.xml schema: pfSense /conf/config.xml, OPNsense /conf/config.xml)
  pfsense: {
    ref: 'pfSense config.xml (ipsec phase1 pre-shared-key, ipsec mobilekey, system user bcrypt-hash, authserver ldap_bindpw, snmpd rocommunity/trapstring, cert prv, openvpn shared_key/tls, installedpackages wireguard privatekey/presharedkey, dyndns password, ppp password, captiveportal radius_secret)',
    statements: [
      '\t\t<pre-shared-key>@</pre-shared-key>',
      '\t\t<pre-shared-key><![CDATA[@]]></pre-shared-key>',
      '\t\t<pre-shared-key><![CDATA[a<b&@]]></pre-shared-key>',
      '\t\t<ipsecpsk>@</ipsecpsk>',
      '\t\t<bcrypt-hash>@</bcrypt-hash>',
      '\t\t<ldap_bindpw>@</ldap_bindpw>',
      '\t\t<rocommunity>@</rocommunity>',
      '\t\t<trapstring>@</trapstring>',
      '\t\t<prv>@</prv>',
      '\t\t<shared_key>@</shared_key>',
      '\t\t<tls>@</tls>',
      '\t\t\t<privatekey>@</privatekey>',
      '\t\t\t<presharedkey>@</presharedkey>',
      '\t\t<password>@</password>',
      '\t\t<radius_secret>@</radius_secret>',
      '<phase1><pre-shared-key>@</pre-shared-key><pre-shared-key>Zq9-second</pre-shared-key></phase1>',
      // forms the products never write but the config.xml reader (sax, strict) accepts: a file written by hand
      '\t\t<pre-shared-key >@</pre-shared-key>',
      '\t\t<pre-shared-key id="a">@</pre-shared-key>',
      '\t\t<pre-shared-key>@</\tpre-shared-key>',
      '\t\t<pre-shared-key>@</pre-shared-key >',
      '\t\t<pre-shared-key\n>@</pre-shared-key>',
      '\t\t<pre-shared-key>\n@\n</pre-shared-key>',
      '\t\t<pre-shared-key><!-- </pre-shared-key> -->@</pre-shared-key>',
      '\t\t<pre-shared-key><![CDATA[</pre-shared-key>@]]></pre-shared-key>',
      '\t\t<pre-shared-key><pre-shared-key>x</pre-shared-key>@</pre-shared-key>',
      '\t\t<pre-shared-key>@',
    ],
  },
  opnsense: {
    ref: 'OPNsense config.xml (legacy ipsec pre-shared-key, Swanctl preSharedKeys Key, os-wireguard Server privkey / Client psk, system user password, apikeys secret, OpenVPN tls)',
    statements: [
      '\t\t<pre-shared-key>@</pre-shared-key>',
      '\t\t\t<Key>@</Key>',
      '\t\t\t<privkey>@</privkey>',
      '\t\t\t<psk>@</psk>',
      '\t\t<secret>@</secret>',
      '\t\t<password>@</password>',
      '\t\t<privateKey>@</privateKey>',
    ],
  },
  // PAN-OS: the configuration schema's secret leaves (adapters/panos/secrets.ts cites real exports), in its three forms
  panos: {
    ref: 'PAN-OS XML API / configuration (ike gateway authentication pre-shared-key key, mgt-config users phash, certificate private-key, server-profile radius/tacacs secret, ldap bind-password, snmp community)',
    statements: [
      '              <key>@</key>',
      '          <phash>@</phash>',
      '              <private-key>@</private-key>',
      '                <secret>@</secret>',
      '              <bind-password>@</bind-password>',
      // XML forms PAN-OS never writes but an XML reader accepts: a file written by hand
      '              <key><![CDATA[@]]></key>',
      '              <key >@</key>',
      '              <key>\n@\n</key>',
      '          <phash>@</ phash>',
      '            key @;',
      '        phash "@";',
      'set network ike gateway gw1 authentication pre-shared-key key @',
      'set mgt-config users admin phash @',
    ],
  },
  // Junos: the CLI User Guide / configuration statements; the brace form marks secrets `## SECRET-DATA`
  junos: {
    ref: 'Junos configuration statements (juniper.net/documentation): security ike policy pre-shared-key ascii-text/hexadecimal, system root-authentication encrypted-password, login user authentication encrypted-password, radius-server/tacplus-server secret, protocols ospf authentication-key / bgp authentication-key, snmp community, ntp authentication-key, archival archive-sites password, security ipsec manual authentication key',
    statements: [
      '            pre-shared-key ascii-text "$9$@"; ## SECRET-DATA',
      '            pre-shared-key hexadecimal @; ## SECRET-DATA',
      '        encrypted-password "$6$@"; ## SECRET-DATA',
      '    secret "$9$@"; ## SECRET-DATA',
      '                authentication-key "$9$@"; ## SECRET-DATA',
      'set security ike policy ike-pol pre-shared-key ascii-text "$9$@"',
      'set system root-authentication encrypted-password "$6$@"',
      'set system radius-server 192.0.2.7 secret @',
      'set protocols bgp group ext authentication-key @',
      'set snmp community @ authorization read-only',
      'set system ntp authentication-key 1 type md5 value "$9$@"',
      'set system archival configuration archive-sites "scp://ops:@@192.0.2.9/archive"',
      'set security ipsec vpn v1 manual authentication key ascii-text @',
    ],
  },
  // strongSwan: swanctl.conf secrets section, ipsec.secrets(5), strongswan.conf eap-radius
  strongswan: {
    ref: 'docs.strongswan.org: swanctl.conf secrets (ike/eap/xauth/ntlm secret, private passphrase, token pin), ipsec.secrets (PSK, EAP, XAUTH, NTLM, RSA/ECDSA/P12 passphrase, PIN), strongswan.conf eap-radius secret',
    statements: [
      '    ike-1 {\n        secret = @\n    }',
      '    eap-carol {\n        id = carol\n        secret = "@"\n    }',
      '    private-1 {\n        file = key.pem\n        secret = @\n    }',
      '    token-1 {\n        pin = @\n    }',
      '192.0.2.1 203.0.113.1 : PSK "@"',
      ': PSK @',
      'carol : EAP "@"',
      'carol : XAUTH "@"',
      'carol : NTLM @',
      ': RSA moonKey.pem "@"',
      ': ECDSA key.pem @',
      ': P12 cert.p12 "@"',
      ': PIN %smartcard:4@0 "Zq9-second"'.replace('4@0', '40'),
      '        secret = @',
    ],
  },
};

describe('hostile: snapshot redaction leaves no secret of any vendor', () => {
  it('there is a list for every adapter that collects live (and strongSwan, whose listings are collected)', () => {
    const live = adapters.filter((a) => a.live || a.state?.redact).map((a) => a.id);
    expect(live.filter((id) => !LISTS[id])).to.deep.equal([]);
  });

  for (const [vendor, { ref, statements }] of Object.entries(LISTS)) {
    it(`${vendor}: ${statements.length} statements (${ref.slice(0, 80)}…)`, () => {
      const leaks: string[] = [];
      statements.forEach((st, i) => {
        const secret = `Zq9-${vendor}-${i}`;
        const text = st.replace('@', secret);
        for (const out of [redact(text, vendor), snapshotText(text, vendor), redact(`${text}\r\n`, vendor)]) {
          for (const s of [secret, 'Zq9-second']) if (out.includes(s)) leaks.push(`${JSON.stringify(text)} → ${JSON.stringify(out)}`);
        }
      });
      expect([...new Set(leaks)]).to.deep.equal([]);
    });
  }

  it('redaction is per line and keeps the statement: the keyword stays, the value becomes <redacted>', () => {
    expect(redact(' ppp chap password 0 Zq9', 'ios')).to.equal(' ppp chap password 0 <redacted>');
    expect(redact(' ip ospf message-digest-key 1 md5 7 Zq9', 'ios')).to.equal(' ip ospf message-digest-key 1 md5 7 <redacted>');
    expect(redact('ntp authentication-key 1 md5 Zq9 7', 'ios')).to.equal('ntp authentication-key 1 md5 <redacted> 7');
    expect(redact(' authentication local pre-share key Zq9', 'ios')).to.equal(' authentication local pre-share key <redacted>');
    expect(redact('<pre-shared-key><![CDATA[Zq9]]></pre-shared-key>', 'pfsense')).to.equal('<pre-shared-key>&lt;redacted&gt;</pre-shared-key>');
    // config.xml over the whole text: line numbers kept, end tags as written, nothing else touched
    expect(redact('<a>\n<pre-shared-key\n>Zq9\nZq9</ pre-shared-key >\n<b>keep</b>\n<psk/><c>keep</c>', 'pfsense')).to.equal(
      '<a>\n<pre-shared-key\n>&lt;redacted&gt;\n</ pre-shared-key >\n<b>keep</b>\n<psk/><c>keep</c>',
    );
    expect(redact('<x><pre-shared-key><![CDATA[</pre-shared-key>Zq9]]></pre-shared-key><y>keep</y></x>', 'opnsense')).to.equal(
      '<x><pre-shared-key>&lt;redacted&gt;</pre-shared-key><y>keep</y></x>',
    );
    expect(redact('/routing bgp connection add tcp-md5-key=Zq9 name=b1', 'routeros')).to.equal('/routing bgp connection add tcp-md5-key=<redacted> name=b1');
    expect(redact('    set psksecret ENC Zq9', 'fortigate')).to.equal('    set psksecret ENC <redacted>');
    expect(redact('    set keylife 28800', 'fortigate')).to.equal('    set keylife 28800');
    expect(redact(': PSK "Zq9"', 'strongswan')).to.equal(': PSK <redacted>');
    expect(redact('snmp-server host 192.0.2.9 version 2c Zq9', 'ios')).to.equal('snmp-server host 192.0.2.9 version 2c <redacted>');
  });
});
