/**
 * Every real ASA, IOS and FortiGate configuration under ../shared/real-configs read with exact
 * values: each tunnel (version, gateways, authentication, phase 1 proposals and lifetime, NAT-T,
 * DPD) and each phase 2 (selectors, mode, proposals, PFS, lifetimes), with how each value came
 * about — written, default, inferred, and whether it rests on a default no source confirms
 * ("assumed"). Each line was checked against the file by hand; a change to any of them must be
 * a change in what the file says, not in what the parser guesses.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { REAL_CONFIGS, readText } from '../helpers.js';
import { digest } from './real-digest.js';

const EXPECTED: Record<string, string[]> = {
  'asa asa/azure-asa-9.2-show-running-config-ikev1-crypto-map.txt': [
    'azure-crypto-map 1 | v1(inferred) | outside>104.X.X.X | auth psk psk:unknown | p1 [aes256-sha1-g2] | life 28800 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 azure-crypto-map 1 | 192.168.1.0/24>10.0.0.0/24 | tunnel | [esp aes256-sha1] | pfs 0(default) | life 3600s 102400000KB',
  ],
  'asa asa/azure-asa-9.2-static-routing-ikev1-two-transform-sets.cfg': [
    'outside_map1 1 | v1(inferred) | outside>137.X.X.X | auth psk psk:unknown | p1 [aes256-sha1-g2] | life 28800 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 outside_map1 1 | 192.168.1.0/24>10.0.0.0/8 | tunnel | [esp aes256-sha1 esp aes256-md5] | pfs 0(default) | life 3600s 102400000KB',
  ],
  'asa asa/azure-docs-asa-9.2-ikev2-crypto-map-placeholders.cfg': [
    'Azure-<VNetName>-map 1 | v2(inferred) | outside><Azure_Gateway_Public_IP> | auth psk psk:unknown | p1 [aes256-sha384-prfsha384-g24] | life 86400 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 Azure-<VNetName>-map 1 | 10.51.0.0/16,10.52.0.0/16>10.11.0.0/16,10.12.0.0/16 | tunnel | [esp aes256-sha1] | pfs 24 | life 7200s 4608000KB(default)',
  ],
  'asa asa/batfish-asa-gh-6042-crypto-map-acl-object.cfg': [],
  'asa asa/fakenos-show-running-config-all-crypto-map-leading-space-quirks.txt': [
    'WAN1_CMAP 10 | v1(inferred) | WAN1>1.1.1.1 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'WAN1_CMAP 20 | v1(inferred) | WAN1>2.2.2.2 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'WAN1_CMAP 30 | v1(inferred) | WAN1>3.3.3.3 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'WAN1_CMAP 40 | v1(inferred) | WAN1>4.4.4.4 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'WAN1_CMAP 100 | v1(inferred) | WAN1>185.108.69.37 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'S2S_CMAP 10 | v1(inferred) | S2SVPN>10.0.10.1 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'S2S_CMAP 20 | v1(inferred) | S2SVPN>10.0.20.1 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'S2S_CMAP 30 | v1(inferred) | S2SVPN>10.0.30.1 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    'S2S_CMAP 40 | v1(inferred) | S2SVPN>10.0.40.1 | auth psk | p1 [](default) | life 86400(default, assumed) | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
  ],
  'asa asa/fakenos-show-running-config-crypto-ikev1-policies.txt': [],
  'asa asa/fwissue-asa-ikev2-azure-pfs24-snippet.cfg': [
    'dyn-map 10 | v2(inferred) | ?>66.66.66.66 | auth psk psk:fp | p1 [aes256-sha384-prfsha384-g24] | life 3600 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 dyn-map 10 | 10.0.0.0/16>10.1.0.0/16 | tunnel | [esp aes256-sha256] | pfs 24 | life 28800s(default) 4608000KB(default)',
  ],
  'asa asa/zabberoni-show-running-config-crypto-group-policy-tunnel-group.txt': [
    'outside_map 20 | v1(inferred) | Outside>1.2.3.4 | auth psk psk:fp | p1 [des-md5-g2 des-sha1-g2] | life 86400 | natt disabled/-- | dpd off/-',
  ],
  'asa pairs/netengsam-asa-cml-ikev2-l2l/asa1.cli': [
    '10-20 10 | v2(inferred) | 172.16.1.1>172.16.1.2 | auth psk psk:fp | p1 [aes256-sha256-prfsha256-g14] | life 86400 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 10-20 10 | 192.168.10.0/24>192.168.20.0/24 | tunnel | [esp aes256-sha256] | pfs 0(default) | life 28800s(default) 4608000KB(default)',
  ],
  'asa pairs/netengsam-asa-cml-ikev2-l2l/asa2.cli': [
    '20-10 10 | v2(inferred) | 172.16.1.2>172.16.1.1 | auth psk psk:fp | p1 [aes256-sha256-prfsha256-g14] | life 86400 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 20-10 10 | 192.168.20.0/24>192.168.10.0/24 | tunnel | [esp aes256-sha256] | pfs 0(default) | life 28800s(default) 4608000KB(default)',
  ],
  'asa pairs/summerice7-fortigate-cisco-asa-ikev2-vti/asa.cfg': [
    'Tunnel0 | v2(inferred) | 101.100.1.1>202.106.1.1 | auth psk psk:fp | p1 [aes256/aes192/aes128/3des-sha256/sha1/md5-prfsha256/prfsha1/prfmd5-g14/5] | life 86400 | natt auto(default)/20(default, assumed) | dpd periodic(default, assumed)/10',
    '  p2 Tunnel0 (ipsec profile MY_IPsec_Profile) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256/aes192/aes128/3des-sha256/sha1/md5] | pfs 5 | life 28800s(default) 4608000KB(default)',
  ],
  'asa other/batfish-cisco_crypto-mixed-ios-asa-parse-test.cfg': [
    'dynamic-map mydefaultcryptomap 65534 | v1(inferred) | outside>any | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt disabled/0 | dpd periodic(default, assumed)/10',
    '  p2 dynamic-map mydefaultcryptomap 65534 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp 3des-md5] | pfs 0(default) | life 28800s(default) 4608000KB(default)',
    'dynamic-map mydefaultcryptomap 65535 | v1(inferred) | outside>any | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt disabled/0 | dpd periodic(default, assumed)/10',
    '  p2 dynamic-map mydefaultcryptomap 65535 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp 3des-md5 esp aes256-md5] | pfs 1 | life 28800s 4608000KB',
    'VPN 5 | v1(inferred) | ?>1.2.3.4 | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt disabled/0 | dpd periodic(default, assumed)/10',
    'asacryptomap 10 | v1(inferred) | ?>1.2.3.4 | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt disabled/0 | dpd periodic(default, assumed)/10',
    'VPNMAP 2 | v1(inferred) | ?>1.2.3.4 | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt disabled/0 | dpd periodic(default, assumed)/10',
  ],
  'ios other/batfish-aws-generated-ios-customer-gateway-vpn-03701a53bba3c48b7.txt': [
    'Tunnel1 | v1(default) | 1.1.1.2>3.130.237.53 | auth psk psk:fp | p1 [aes128-sha1-g2 aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 Tunnel1 (ipsec profile ipsec-vpn-03701a53bba3c48b7-0) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes128-sha1] | pfs 2 | life 3600s 4608000KB(default)',
    'Tunnel2 | v1(default) | 1.1.1.2>18.217.248.9 | auth psk psk:fp | p1 [aes128-sha1-g2 aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 Tunnel2 (ipsec profile ipsec-vpn-03701a53bba3c48b7-1) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes128-sha1] | pfs 2 | life 3600s 4608000KB(default)',
  ],
  'ios other/batfish-cisco_crypto-mixed-ios-asa-parse-test.cfg': [
    'dynamic-map mydefaultcryptomap 65534 | v1(default) | ?>any | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt auto/30 | dpd periodic/10',
    '  p2 dynamic-map mydefaultcryptomap 65534 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp 3des-md5] | pfs 0(default) | life 3600s(default) 4608000KB(default)',
    'dynamic-map mydefaultcryptomap 65535 | v1(default) | ?>any | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt auto/30 | dpd periodic/10',
    '  p2 dynamic-map mydefaultcryptomap 65535 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp 3des-md5 esp aes256-md5] | pfs 1 | life 28800s 4608000KB',
    'VPN 5 | v1(default) | ?>1.2.3.4 | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt auto/30 | dpd on-demand/10',
    'asacryptomap 10 | v1(default) | ?>1.2.3.4 | auth psk | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt auto/30 | dpd on-demand/10',
    'VPNMAP 2 | v1(default) | ?>1.2.3.4 | auth psk psk:fp | p1 [3des-md5-g2 aes128-sha1-g2] | life 28800 | natt auto/30 | dpd periodic/10',
  ],
  'ios pairs/batfish-ios-crypto-ipsec-3node/r1.cfg': [
    'mymap 20 | v1(default) | 2.3.4.6>2.3.4.8 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 mymap 20 | 1.1.1.1/32>2.2.2.2/32 | tunnel | [esp aes256-md5 esp aes256-sha1] | pfs 2 | life 3600s(default) 4608000KB(default)',
    'mysecondmap 20 | v1(default) | 2.3.4.7>2.3.4.11 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 mysecondmap 20 | 1.1.1.1/32>2.2.2.2/32 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
    'Tunnel21 (disabled) | v1(default) | 2.3.4.6>2.3.4.8 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 Tunnel21 (ipsec profile ipsec-profile) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
  ],
  'ios pairs/batfish-ios-crypto-ipsec-3node/r2.cfg': [
    'mymap 20 | v1(default) | 2.3.4.8>2.3.4.6 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 mymap 20 | 1.1.1.1/32>2.2.2.2/32 | tunnel | [esp aes256-sha1] | pfs 2 | life 3600s(default) 4608000KB(default)',
    'mysecondmap 20 | v1(default) | 2.3.4.10>2.3.4.11 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 mysecondmap 20 | 1.1.1.1/32>2.2.2.2/32 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
    'Tunnel23 | v1(default) | 2.3.4.10>2.3.4.11 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 Tunnel23 (ipsec profile ipsec-profile) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
    'Tunnel21 | v1(default) | 2.3.4.8>2.3.4.6 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 Tunnel21 (ipsec profile ipsec-profile) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
  ],
  'ios pairs/batfish-ios-crypto-ipsec-3node/r3.cfg': [
    'dynamic-map mydynamicmap 5 | v1(default) | 2.3.4.11>any | auth psk | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd off(default)/-',
    '  p2 dynamic-map mydynamicmap 5 | 1.1.1.1/32>2.2.2.2/32 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
    'Tunnel23 | v1(default) | 2.3.4.11>2.3.4.10 | auth psk psk:fp | p1 [aes128-sha1-g2] | life 28800 | natt auto(default, assumed)/0(default, assumed) | dpd on-demand/10',
    '  p2 Tunnel23 (ipsec profile ipsec-profile) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-md5] | pfs 2 | life 3600s(default) 4608000KB(default)',
  ],
  'ios pairs/summerice7-fortigate-cisco-ios-ikev1-vti/ios.cfg': [
    'Tunnel0 | v1(default) | 101.100.1.1>202.106.1.1 | auth psk psk:fp | p1 [aes256-sha1-g5] | life 86400(default) | natt auto(default, assumed)/0(default, assumed) | dpd periodic/10',
    '  p2 Tunnel0 (ipsec profile MY-IPsec-Pro) | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes128-sha1] | pfs 5 | life 3600s(default) 4608000KB(default)',
  ],
  'fortigate fortigate/aviatrix-headend-single-fortios-6.2.3-template.conf': [
    'HEADEND-TG | v1 | port1>${transit_gw} | auth psk psk:unknown | p1 [aes256-sha256-g14/5] | life 28800 | natt auto(default)/10(default) | dpd on-demand(default, assumed)/5',
    '  p2 HEADEND-TG | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-sha256] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate fortigate/batfish-ipsec_basic-nested-vpn-ipsec.conf': [
    'vpn-tunnel-1 | v1(default) | 203.0.113.1>198.51.100.1 | auth psk psk:fp | p1 [aes256-sha256-g14] | life 28800 | natt auto(default)/10(default) | dpd on-demand(default)/20',
    '  p2 vpn-tunnel-1-p2 | 192.168.1.0/24>192.168.2.0/24 | tunnel | [esp aes256-sha256] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate fortigate/gdnuwanlakmal-dialup-forticlient-aggressive-modecfg.conf': [
    'ipsec-newgroup | v1(default) | port28>any | auth xauth-psk psk:unknown | p1 [aes128-sha256-g14/5 aes256-sha256-g14/5 aes128-sha1-g14/5 aes256-sha1-g14/5](assumed) | life 86400(default) | natt auto(default)/10(default) | dpd on-demand(default)/20',
    '  p2 ipsec-newgroup | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes128-sha1 esp aes256-sha1 esp aes128-sha256 esp aes256-sha256 esp aes128gcm16-aead esp aes256gcm16-aead esp chacha20poly1305-aead] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate fortigate/perimeter81-phase1-phase2-interface-ikev2-mode-cfg.conf': [
    'Perimeter81 | v2 | port1>131.226.32.161 | auth psk psk:unknown | p1 [aes256-sha256-g14] | life 86400(default) | natt auto(default)/10(default) | dpd periodic/30',
    '  p2 Perimeter81 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-sha256] | pfs 14 | life 43200s(default) 0KB(default)',
  ],
  'fortigate pairs/20eung-fortigate-fg1-fg2-route-based/fg1.conf': [
    'azvpn1 | v1(default) | 1.1.1.1>1.1.1.2 | auth psk psk:fp | p1 [aes256-sha1-g14/5](assumed) | life 86400(default) | natt auto(default)/10(default) | dpd on-demand(default)/20',
    '  p2 azvpn1 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-sha1] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate pairs/20eung-fortigate-fg1-fg2-route-based/fg2.conf': [
    'ipsecvpn | v1(default) | 1.1.1.2>1.1.1.1 | auth psk psk:fp | p1 [aes256-sha1-g14/5](assumed) | life 86400(default) | natt auto(default)/10(default) | dpd on-demand(default)/20',
    '  p2 ipsecvpn | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes256-sha1] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate pairs/summerice7-fortigate-cisco-asa-ikev2-vti/fortigate.conf': [
    'VPN-to-Side1 | v2 | port1>101.100.1.1 | auth psk psk:unknown | p1 [aes128-sha1-g14/5](assumed) | life 86400(default) | natt auto(default)/10(default) | dpd periodic/20',
    '  p2 VPN-to-Side1 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes128-sha1] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate pairs/summerice7-fortigate-cisco-ios-ikev1-vti/fortigate.conf': [
    'VPN-to-Side1 | v1(default) | port1>101.100.1.1 | auth psk psk:unknown | p1 [aes256-sha1-g14/5/2] | life 86400(default) | natt auto(default)/10(default) | dpd periodic/20',
    '  p2 VPN-to-Side1 | 0.0.0.0/0>0.0.0.0/0 | tunnel | [esp aes128-sha1] | pfs 14/5(default, assumed) | life 43200s(default) 0KB(default)',
  ],
  'fortigate pairs/tawfik0x00-fortigate-branch-a-b-ikev1/fgt-branch-a.conf': [
    'SITE-A-TO-B | v1 | port1>172.31.255.20 | auth psk psk:fp | p1 [aes256-sha256-g14] | life 86400 | natt auto(default)/10(default) | dpd on-demand(default)/20',
    '  p2 P2-A-TO-B | 10.10.0.0/16>10.20.0.0/16 | tunnel | [esp aes256-sha256] | pfs 14 | life 43200s 0KB',
  ],
  'fortigate pairs/tawfik0x00-fortigate-branch-a-b-ikev1/fgt-branch-b.conf': [
    'SITE-B-TO-A | v1 | port1>172.31.255.10 | auth psk psk:fp | p1 [aes256-sha256-g14] | life 86400 | natt auto(default)/10(default) | dpd on-demand(default)/20',
    '  p2 P2-B-TO-A | 10.20.0.0/16>10.10.0.0/16 | tunnel | [esp aes256-sha256] | pfs 14 | life 43200s 0KB',
  ],
};

describe('real configurations read with exact values (ASA, IOS, FortiGate)', () => {
  before(function () {
    if (!REAL_CONFIGS) {
      console.log('    (skipped: ../shared/real-configs not present)');
      this.skip();
    }
  });

  for (const [key, lines] of Object.entries(EXPECTED)) {
    const [id, rel] = key.split(' ');
    it(`${rel} (${id})`, () => {
      const f = join(REAL_CONFIGS!, rel);
      const d = adapterById(id)!.parse(readText(f), rel);
      expect(validateDevice(d)).to.deep.equal([]);
      expect(digest(d)).to.deep.equal(lines);
    });
  }
});
