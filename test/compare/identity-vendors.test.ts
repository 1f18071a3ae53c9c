/**
 * identity-mismatch per vendor, through each adapter: a fixture pair that agrees, one end's
 * configuration edited the way people get identities wrong (a firing case), and a near-twin edit
 * that the real products accept (quiet). The edits are applied to the fixture text and re-read.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import { compareDevices } from '../../src/compare/compare.js';
import type { Device } from '../../src/model/types.js';
import { ROOT } from '../helpers.js';

interface EndSpec {
  vendor: string;
  file: string;
  /** [text as in the fixture, replacement]: each must be found */
  edits?: Array<[string, string]>;
}

interface Row {
  name: string;
  a: EndSpec;
  b: EndSpec;
  /** the identity-mismatch findings: [setting, message fragment] */
  expect: Array<[string, string]>;
}

function read(e: EndSpec): Device {
  const path = join(ROOT, 'fixtures', 'pairs', e.file);
  let text = readFileSync(path, 'utf8');
  for (const [from, to] of e.edits ?? []) {
    expect(text.includes(from), `${e.file} holds ${JSON.stringify(from)}`).to.equal(true);
    text = text.replace(from, to);
  }
  return adapterById(e.vendor)!.parse(text, `fixtures/pairs/${e.file}`);
}

const FGT_PFS = { a: 'demo-fgt-pfsense/fgt-branch.conf', b: 'demo-fgt-pfsense/pfsense-hq.xml' };
const SW = { a: 'sw-swanctl-ipsecconf-match/site-a.swanctl.conf', b: 'sw-swanctl-ipsecconf-match/site-b.ipsec.conf' };
const ROS = { a: 'ros-ros-ikev2-match/site-a.rsc', b: 'ros-ros-ikev2-match/site-b.rsc' };
const ASA_IOS = { a: 'asa-ios-match/asa-hq.txt', b: 'asa-ios-match/br2-rtr.cfg' };
const OPN = { a: 'opn-pfs-match/opnsense-lyon.xml', b: 'opn-pfs-match/pfsense-hq.xml' };

const rows: Row[] = [
  // FortiGate ↔ pfSense (pfSense's default peer identifier: the peer's IP address)
  {
    name: 'FortiGate ↔ pfSense as shipped: addresses both ways',
    a: { vendor: 'fortigate', file: FGT_PFS.a },
    b: { vendor: 'pfsense', file: FGT_PFS.b },
    expect: [],
  },
  {
    name: 'FortiGate sends an FQDN localid; pfSense expects its address (type)',
    a: { vendor: 'fortigate', file: FGT_PFS.a, edits: [['        set peertype any', '        set peertype any\n        set localid "branch.example.net"']] },
    b: { vendor: 'pfsense', file: FGT_PFS.b },
    expect: [['auth.identity(a)', 'accepts only IPv4 address 203.0.113.2 (the identity type differs)']],
  },
  {
    name: 'near-twin: FortiGate localid is its own address',
    a: { vendor: 'fortigate', file: FGT_PFS.a, edits: [['        set peertype any', '        set peertype any\n        set localid "203.0.113.2"']] },
    b: { vendor: 'pfsense', file: FGT_PFS.b },
    expect: [],
  },
  {
    name: 'pfSense sends an FQDN; FortiGate peertype one expects another',
    a: {
      vendor: 'fortigate',
      file: FGT_PFS.a,
      edits: [['        set peertype any', '        set peertype one\n        set peerid "hq.example.net"']],
    },
    b: {
      vendor: 'pfsense',
      file: FGT_PFS.b,
      edits: [
        ['<myid_type>myaddress</myid_type>\n\t\t\t<myid_data></myid_data>', '<myid_type>fqdn</myid_type>\n\t\t\t<myid_data>hq-gw.example.net</myid_data>'],
      ],
    },
    expect: [['auth.identity(b)', 'identifies itself as FQDN hq-gw.example.net, but fgt-branch/to-hq accepts only the value hq.example.net (any type)']],
  },
  {
    name: 'near-twin: FortiGate peertype one names what pfSense sends (the GUI type "fqdn")',
    a: { vendor: 'fortigate', file: FGT_PFS.a, edits: [['        set peertype any', '        set peertype one\n        set peerid "hq-gw.example.net"']] },
    b: {
      vendor: 'pfsense',
      file: FGT_PFS.b,
      edits: [
        ['<myid_type>myaddress</myid_type>\n\t\t\t<myid_data></myid_data>', '<myid_type>fqdn</myid_type>\n\t\t\t<myid_data>hq-gw.example.net</myid_data>'],
      ],
    },
    expect: [],
  },
  // strongSwan swanctl.conf ↔ ipsec.conf
  { name: 'strongSwan swanctl ↔ ipsec.conf as shipped', a: { vendor: 'strongswan', file: SW.a }, b: { vendor: 'strongswan', file: SW.b }, expect: [] },
  {
    name: 'ipsec.conf leftid=@fqdn; swanctl remote id is the address (type)',
    a: { vendor: 'strongswan', file: SW.a },
    b: { vendor: 'strongswan', file: SW.b, edits: [['leftid=198.51.100.20', 'leftid=@site-b.example.net']] },
    expect: [['auth.identity(b)', 'identifies itself as FQDN site-b.example.net']],
  },
  {
    name: 'near-twin: swanctl expects that FQDN (remote id without @ is an FQDN too)',
    a: { vendor: 'strongswan', file: SW.a, edits: [['            id = 198.51.100.20', '            id = site-b.example.net']] },
    b: { vendor: 'strongswan', file: SW.b, edits: [['leftid=198.51.100.20', 'leftid=@site-b.example.net']] },
    expect: [],
  },
  {
    name: 'ipsec.conf without rightid expects right= (the address); swanctl sends @@user FQDN',
    a: { vendor: 'strongswan', file: SW.a, edits: [['            id = 203.0.113.10', '            id = @@ops@site-a.example.net']] },
    b: { vendor: 'strongswan', file: SW.b, edits: [['    rightid=203.0.113.10\n', '']] },
    expect: [
      [
        'auth.identity(a)',
        'identifies itself as user FQDN ops@site-a.example.net, but fixtures/pairs/sw-swanctl-ipsecconf-match/site-b.ipsec.conf/to-site-a accepts only IPv4 address 203.0.113.10',
      ],
    ],
  },
  {
    name: 'near-twin: rightid=%any accepts it',
    a: { vendor: 'strongswan', file: SW.a, edits: [['            id = 203.0.113.10', '            id = @@ops@site-a.example.net']] },
    b: { vendor: 'strongswan', file: SW.b, edits: [['    rightid=203.0.113.10', '    rightid=%any']] },
    expect: [],
  },
  // RouterOS ↔ RouterOS
  { name: 'RouterOS ↔ RouterOS as shipped (my-id/remote-id auto)', a: { vendor: 'routeros', file: ROS.a }, b: { vendor: 'routeros', file: ROS.b }, expect: [] },
  {
    name: 'RouterOS remote-id=fqdn: expects another FQDN than the peer my-id (value)',
    a: { vendor: 'routeros', file: ROS.a, edits: [['add peer=site-b secret=', 'add my-id=fqdn:site-a.example.net peer=site-b secret=']] },
    b: { vendor: 'routeros', file: ROS.b, edits: [['add peer=site-a secret=', 'add remote-id=fqdn:hq.example.net peer=site-a secret=']] },
    expect: [['auth.identity(a)', 'accepts only FQDN hq.example.net (the identity value differs)']],
  },
  {
    name: 'near-twin: remote-id=auto accepts any ID',
    a: { vendor: 'routeros', file: ROS.a, edits: [['add peer=site-b secret=', 'add my-id=fqdn:site-a.example.net peer=site-b secret=']] },
    b: { vendor: 'routeros', file: ROS.b },
    expect: [],
  },
  // OPNsense ↔ pfSense
  { name: 'OPNsense ↔ pfSense as shipped', a: { vendor: 'opnsense', file: OPN.a }, b: { vendor: 'pfsense', file: OPN.b }, expect: [] },
  {
    name: 'pfSense "User distinguished name"/user_fqdn against OPNsense expecting the address',
    a: { vendor: 'opnsense', file: OPN.a },
    b: {
      vendor: 'pfsense',
      file: OPN.b,
      edits: [
        [
          '<myid_type>myaddress</myid_type>\n\t\t\t<myid_data></myid_data>',
          '<myid_type>user_fqdn</myid_type>\n\t\t\t<myid_data>vpn@lyon.example.net</myid_data>',
        ],
      ],
    },
    expect: [['auth.identity(b)', 'identifies itself as user FQDN vpn@lyon.example.net']],
  },
  {
    name: 'near-twin: pfSense "IP address" type with its own address',
    a: { vendor: 'opnsense', file: OPN.a },
    b: {
      vendor: 'pfsense',
      file: OPN.b,
      edits: [['<myid_type>myaddress</myid_type>\n\t\t\t<myid_data></myid_data>', '<myid_type>address</myid_type>\n\t\t\t<myid_data>198.51.100.2</myid_data>']],
    },
    expect: [],
  },
  // ASA ↔ IOS (IKEv2: the IOS profile is chosen by `match identity remote`)
  { name: 'ASA ↔ IOS as shipped', a: { vendor: 'asa', file: ASA_IOS.a }, b: { vendor: 'ios', file: ASA_IOS.b }, expect: [] },
  {
    name: 'ASA crypto isakmp identity hostname; the IOS profile matches its address (type)',
    a: { vendor: 'asa', file: ASA_IOS.a, edits: [['hostname asa-hq\n', 'hostname asa-hq\ndomain-name example.net\ncrypto isakmp identity hostname\n']] },
    b: { vendor: 'ios', file: ASA_IOS.b },
    expect: [['auth.identity(a)', 'identifies itself as FQDN asa-hq.example.net, but br2-rtr/']],
  },
  {
    name: 'near-twin: crypto isakmp identity address',
    a: { vendor: 'asa', file: ASA_IOS.a, edits: [['hostname asa-hq\n', 'hostname asa-hq\ncrypto isakmp identity address\n']] },
    b: { vendor: 'ios', file: ASA_IOS.b },
    expect: [],
  },
  {
    name: 'IOS identity local fqdn; the ASA accepts any ID from a PSK peer (tunnel group by address)',
    a: { vendor: 'asa', file: ASA_IOS.a },
    b: {
      vendor: 'ios',
      file: ASA_IOS.b,
      edits: [
        [
          ' match identity remote address 203.0.113.1 255.255.255.255',
          ' match identity remote address 203.0.113.1 255.255.255.255\n identity local fqdn br2-rtr.example.net',
        ],
      ],
    },
    expect: [],
  },
  {
    name: 'IOS profile matches an FQDN domain the ASA does not send (value)',
    a: { vendor: 'asa', file: ASA_IOS.a, edits: [['hostname asa-hq\n', 'hostname asa-hq\ndomain-name example.net\ncrypto isakmp identity hostname\n']] },
    b: {
      vendor: 'ios',
      file: ASA_IOS.b,
      edits: [[' match identity remote address 203.0.113.1 255.255.255.255', ' match identity remote fqdn domain example.org']],
    },
    expect: [['auth.identity(a)', 'accepts only FQDN *.example.org (the identity value differs)']],
  },
  {
    name: 'near-twin: the IOS profile matches the ASA FQDN by domain',
    a: { vendor: 'asa', file: ASA_IOS.a, edits: [['hostname asa-hq\n', 'hostname asa-hq\ndomain-name example.net\ncrypto isakmp identity hostname\n']] },
    b: {
      vendor: 'ios',
      file: ASA_IOS.b,
      edits: [[' match identity remote address 203.0.113.1 255.255.255.255', ' match identity remote fqdn domain example.net']],
    },
    expect: [],
  },
];

describe('identity-mismatch per vendor (fixture pairs, edited)', () => {
  for (const r of rows) {
    it(r.name, () => {
      const cmp = compareDevices(read(r.a), read(r.b));
      expect(cmp.pairs.length).to.be.greaterThan(0);
      const found = cmp.findings.filter((f) => f.rule === 'identity-mismatch');
      expect(found.map((f) => f.setting)).to.deep.equal(r.expect.map(([s]) => s));
      found.forEach((f, i) => {
        expect(f.severity).to.equal('error');
        expect(f.message).to.contain(r.expect[i][1]);
      });
    });
  }
});
