/**
 * identity-mismatch fixes, word for word, per adapter (the round trip in
 * test/roundtrip/fix-roundtrip.test.ts proves each is read back; this pins what is printed), and
 * the ends that get none: a DN (it comes from the certificate) where the syntax takes no value,
 * what a Cisco IKEv1 end accepts (it finds the peer by address), Windows and cloud ends.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Identity } from '../../src/model/types.js';
import { readCompanions } from '../../src/read/companions.js';
import { pickAdapter } from '../../src/read/detect.js';
import { parseText } from '../../src/read/load.js';
import { readText, ROOT } from '../helpers.js';

function fixFor(fixture: string, field: 'auth.localIdentity' | 'auth.peerIdentity', target: Identity): string | undefined {
  const path = join(ROOT, 'fixtures', fixture);
  const text = readText(path);
  const adapter = pickAdapter(text, path);
  const device = parseText(text, path, adapter.id, readCompanions(adapter, text, path)?.texts);
  return adapterById(adapter.id)!.fix({ field, target, device, tunnel: device.tunnels[0] } as FixRequest);
}

const FQDN: Identity = { type: 'fqdn', value: 'peer-x.example.net' };
const EMAIL: Identity = { type: 'user-fqdn', value: 'vpn@x.example.net' };
const DN: Identity = { type: 'dn', value: 'C=CH, O=Example, CN=gw' };

const cases: Array<[string, 'auth.localIdentity' | 'auth.peerIdentity', Identity, string | undefined]> = [
  [
    'strongswan/hq/swanctl.conf',
    'auth.peerIdentity',
    FQDN,
    'connections.branch-b.remote.id = fqdn:peer-x.example.net\n# a secrets.ike… section that names the old id (id, id-local, id-remote) must name the new one\n(then: swanctl --load-conns)',
  ],
  [
    'strongswan/rekey-before-reauth.swanctl.conf',
    'auth.localIdentity',
    DN,
    'connections.site1-to-site2.local.id = "asn1dn:C=CH, O=Example, CN=gw"\n# a secrets.ike… section that names the old id (id, id-local, id-remote) must name the new one\n(then: swanctl --load-conns)',
  ],
  [
    'strongswan/legacy/ipsec.conf',
    'auth.localIdentity',
    EMAIL,
    'conn fra-servers\n    leftid=userfqdn:vpn@x.example.net\nconn fra-clients\n    leftid=userfqdn:vpn@x.example.net\n(then: ipsec update)\n(ipsec.secrets: a PSK line that names the old id must name the new one; then ipsec rereadsecrets)',
  ],
  [
    'fortigate/hq-show-full-session.txt',
    'auth.peerIdentity',
    FQDN,
    'config vpn ipsec phase1-interface\n    edit "to-branch07"\n        set peertype one\n        set peerid "peer-x.example.net"\n    next\nend',
  ],
  [
    'fortigate/hq-show-full-session.txt',
    'auth.localIdentity',
    EMAIL,
    'config vpn ipsec phase1-interface\n    edit "to-branch07"\n        set localid "vpn@x.example.net"\n        set localid-type user-fqdn\n    next\nend',
  ],
  ['routeros/v7-two-peers.rsc', 'auth.peerIdentity', FQDN, '/ip ipsec identity set [ find peer=hq ] remote-id=fqdn:peer-x.example.net'],
  ['routeros/v7-two-peers.rsc', 'auth.localIdentity', DN, '/ip ipsec identity set [ find peer=hq ] my-id="dn:C=CH, O=Example, CN=gw"'],
  // RouterOS ≤ 6.43 keeps the secret on the peer and has no identity menu
  ['routeros/v6.42-peer-crypto.rsc', 'auth.peerIdentity', FQDN, undefined],
  [
    'pfsense/hq-2.7.xml',
    'auth.peerIdentity',
    FQDN,
    'VPN › IPsec › Tunnels › Edit Phase 1 "Branch Lyon" › Peer identifier: fqdn peer-x.example.net  (<peerid_type>fqdn</peerid_type> <peerid_data>peer-x.example.net</peerid_data>)',
  ],
  [
    'opnsense/legacy-25.1.xml',
    'auth.localIdentity',
    EMAIL,
    'VPN › IPsec › Tunnel Settings [legacy] › Phase 1 "Cloud" › My identifier: user_fqdn vpn@x.example.net  (<myid_type>user_fqdn</myid_type> <myid_data>vpn@x.example.net</myid_data>)',
  ],
  // OPNsense Connections: the pre-shared keys are chosen by the ids (README)
  ['opnsense/connections-25.1.xml', 'auth.peerIdentity', FQDN, undefined],
  ['junos/srx-hq-22.4-display-set.txt', 'auth.peerIdentity', FQDN, 'set security ike gateway GW-DC remote-identity hostname peer-x.example.net\ncommit'],
  [
    'junos/srx-hq-22.4-display-set.txt',
    'auth.localIdentity',
    EMAIL,
    'delete security ike gateway GW-DC local-identity\nset security ike gateway GW-DC local-identity user-at-hostname vpn@x.example.net\ncommit',
  ],
  ['junos/srx-hq-22.4-display-set.txt', 'auth.localIdentity', DN, undefined],
  [
    'panos/pa-br1-11.1-show-config-set.txt',
    'auth.peerIdentity',
    FQDN,
    'set network ike gateway GW-HQ peer-id type fqdn\nset network ike gateway GW-HQ peer-id id peer-x.example.net\ncommit',
  ],
  ['ios/hub-xe-ikev2.cfg', 'auth.peerIdentity', FQDN, 'crypto ikev2 profile PROF-SPOKES\n match identity remote fqdn peer-x.example.net'],
  ['ios/hub-xe-ikev2.cfg', 'auth.localIdentity', EMAIL, 'crypto ikev2 profile PROF-SPOKES\n identity local email vpn@x.example.net'],
  ['ios/hub-xe-ikev2.cfg', 'auth.localIdentity', DN, undefined],
  ['ios/br1-rtr-running-config.cfg', 'auth.peerIdentity', FQDN, undefined],
  ['ios/br1-rtr-running-config.cfg', 'auth.localIdentity', { type: 'ipv4', value: '198.51.100.2' }, 'crypto isakmp identity address'],
  ['asa/asa-hq-running-config.txt', 'auth.localIdentity', { type: 'key-id', value: 'gw-x' }, 'crypto isakmp identity key-id gw-x'],
  ['asa/asa-hq-running-config.txt', 'auth.localIdentity', FQDN, undefined],
  ['windows-netsh/gateway-transcript.txt', 'auth.localIdentity', FQDN, undefined],
  ['windows-rras/s2s-json.txt', 'auth.peerIdentity', FQDN, undefined],
  ['aws-vpn/describe-vpn-connections-one-tunnel-customized.json', 'auth.localIdentity', FQDN, undefined],
  ['azure-vpngw/az-vpn-connection-show-custom-policy.json', 'auth.peerIdentity', FQDN, undefined],
  ['gcp-vpn/ha-vpn-tunnels-and-gateway.yaml', 'auth.localIdentity', FQDN, undefined],
];

describe('identity fixes, word for word', () => {
  for (const [fixture, field, target, expected] of cases)
    it(`${fixture}: ${field} ${target.type} ${target.value}`, () => {
      expect(fixFor(fixture, field, target)).to.equal(expected);
    });
});
