/**
 * Issue 16 part 2, per vendor form: what each end does when its peer is declared dead, and how it
 * renews its IKE SA — table-driven, each firing case beside a quiet near twin. The inputs are written
 * in the printed forms of the strongSwan testing scenarios (../shared/real-configs/pairs/strongswan-
 * testing-*: swanctl.conf and ipsec.conf as strongSwan's own test harness installs them), the RouterOS
 * 7 exports of fixtures/pairs/x-ios-routeros-vti and the FortiOS show output of fixtures/pairs/fgt-fgt-match.
 */
import { expect } from 'chai';
import { compareDevices } from '../../src/compare/compare.js';
import type { Finding } from '../../src/compare/types.js';
import { parseText } from '../../src/read/load.js';
import { fixturePath, readText } from '../helpers.js';

/** moon (192.168.0.1) in swanctl.conf; `extra` goes into the connection, `child` into its child */
function swanctl(host: 'moon' | 'sun', extra = '', child = ''): string {
  const [me, peer, mine, theirs] =
    host === 'moon' ? ['192.168.0.1', '192.168.0.2', '10.1.0.0/16', '10.2.0.0/16'] : ['192.168.0.2', '192.168.0.1', '10.2.0.0/16', '10.1.0.0/16'];
  return `connections {

   gw-gw {
      local_addrs  = ${me}
      remote_addrs = ${peer}

      local {
         auth = psk
         id = ${host}.strongswan.org
      }
      remote {
         auth = psk
         id = ${host === 'moon' ? 'sun' : 'moon'}.strongswan.org
      }
      children {
         net-net {
            local_ts  = ${mine}
            remote_ts = ${theirs}
            esp_proposals = aes128gcm128-x25519
${child}         }
      }
      version = 2
      mobike = no
      proposals = aes128-sha256-x25519
${extra}   }
}
`;
}

/** sun (192.168.0.2) in ipsec.conf, the stroke scenario's %default with `conn` lines added to net-net */
function ipsecConf(conn: string, ikelifetime = '60m'): string {
  return `# /etc/ipsec.conf - strongSwan IPsec configuration file

config setup

conn %default
	ikelifetime=${ikelifetime}
	keylife=20m
	rekeymargin=3m
	keyingtries=1
	authby=secret
	keyexchange=ikev2
	mobike=no

conn net-net
	left=192.168.0.2
	leftsubnet=10.2.0.0/16
	leftid=@sun.strongswan.org
	right=192.168.0.1
	rightsubnet=10.1.0.0/16
	rightid=@moon.strongswan.org
${conn}`;
}

/** RouterOS 7 export of the peer of moon (192.168.0.2), passive=yes or not */
function routeros(passive: boolean): string {
  return `# 2024-10-08 14:40:12 by RouterOS 7.16
# software id = 9WQX-3RTB
#
/ip ipsec profile
add dh-group=ecp256 dpd-interval=30s enc-algorithm=aes-128 hash-algorithm=sha256 name=moon
/ip ipsec peer
add address=192.168.0.1/32 exchange-mode=ike2 local-address=192.168.0.2 name=moon${passive ? ' passive=yes' : ''} profile=moon
/ip ipsec proposal
add auth-algorithms="" enc-algorithms=aes-128-gcm lifetime=1h name=moon pfs-group=none
/ip address
add address=192.168.0.2/24 interface=ether1 network=192.168.0.0
/ip ipsec identity
add peer=moon secret=not-a-real-key
/ip ipsec policy
add dst-address=10.1.0.0/16 peer=moon proposal=moon src-address=10.2.0.0/16 tunnel=yes
`;
}

function findings(a: [string, string, string], b: [string, string, string]): Array<[string, string]> {
  const A = parseText(a[0], a[1], a[2]);
  const B = parseText(b[0], b[1], b[2]);
  return compareDevices(A, B)
    .findings.filter((f: Finding) => ['dpd-mismatch', 'ike-reauth-outage', 'ike-rekey-disabled'].includes(f.rule))
    .map((f) => [f.rule, f.severity]);
}
function effects(a: [string, string, string], b: [string, string, string], rule: string): string[] {
  return compareDevices(parseText(a[0], a[1], a[2]), parseText(b[0], b[1], b[2]))
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.effect);
}

const moon = (extra = '', child = ''): [string, string, string] => [swanctl('moon', extra, child), 'moon/swanctl.conf', 'strongswan'];
const sunSw = (extra = '', child = ''): [string, string, string] => [swanctl('sun', extra, child), 'sun/swanctl.conf', 'strongswan'];
const sunConf = (conn: string, ike?: string): [string, string, string] => [ipsecConf(conn, ike), 'sun/ipsec.conf', 'strongswan'];
const ros = (passive: boolean): [string, string, string] => [routeros(passive), 'sun.rsc', 'routeros'];

interface Row {
  name: string;
  a: [string, string, string];
  b: [string, string, string];
  expect: Array<[string, string]>;
}

const DPD = '      dpd_delay = 30s\n';
const rows: Row[] = [
  // both ends only respond
  { name: 'swanctl start_action none on both ends: warning', a: moon(DPD), b: sunSw(DPD), expect: [['dpd-mismatch', 'warning']] },
  {
    name: 'twin: both start_action = start (each brings the tunnel back after the other restarts): quiet',
    a: moon(DPD, '            start_action = start\n'),
    b: sunSw(DPD, '            start_action = start\n'),
    expect: [],
  },
  { name: 'swanctl start_action none ↔ RouterOS passive=yes: warning', a: moon(DPD), b: ros(true), expect: [['dpd-mismatch', 'warning']] },
  { name: 'twin: RouterOS initiates (no passive): quiet', a: moon(DPD), b: ros(false), expect: [] },
  {
    name: 'ipsec.conf auto=add ↔ swanctl start_action none: warning',
    a: moon(DPD),
    b: sunConf('\tauto=add\n\tdpdaction=restart\n\tdpddelay=30s\n'),
    expect: [
      ['dpd-mismatch', 'warning'],
      ['ike-reauth-outage', 'warning'],
    ],
  },
  // the only initiator clears on a dead peer
  {
    name: 'swanctl start_action = start, dpd_action default clear ↔ a passive RouterOS: warning',
    a: moon(DPD, '            start_action = start\n'),
    b: ros(true),
    expect: [['dpd-mismatch', 'warning']],
  },
  {
    name: 'twin: dpd_action = restart: quiet',
    a: moon(DPD, '            start_action = start\n            dpd_action = restart\n'),
    b: ros(true),
    expect: [],
  },
  {
    name: 'twin: start_action = trap keeps the trap policy (dpd_action clear is redundant): quiet',
    a: moon(DPD, '            start_action = trap\n'),
    b: ros(true),
    expect: [],
  },
  {
    name: 'ipsec.conf auto=start dpdaction=clear ↔ swanctl start_action none: warning',
    a: moon(DPD),
    b: sunConf('\tauto=start\n\tdpdaction=clear\n\tdpddelay=30s\n\treauth=no\n'),
    expect: [['dpd-mismatch', 'warning']],
  },
  {
    name: 'twin: auto=route dpdaction=clear (the trap policy stays): quiet',
    a: moon(DPD),
    b: sunConf('\tauto=route\n\tdpdaction=clear\n\tdpddelay=30s\n\treauth=no\n'),
    expect: [],
  },
  // reauthentication
  {
    name: 'ipsec.conf IKEv2 with the default reauth=yes, due first (60m − 3m): warning',
    a: moon(DPD, '            start_action = start\n'),
    b: sunConf('\tauto=route\n\tdpdaction=hold\n\tdpddelay=30s\n'),
    expect: [['ike-reauth-outage', 'warning']],
  },
  {
    name: 'twin: reauth=no: quiet',
    a: moon(DPD, '            start_action = start\n'),
    b: sunConf('\tauto=route\n\tdpdaction=hold\n\tdpddelay=30s\n\treauth=no\n'),
    expect: [],
  },
  {
    name: 'twin: the swanctl peer rekeys first (rekey_time = 30m): the reauthentication never comes due — quiet',
    a: moon(`${DPD}      rekey_time = 30m\n`, '            start_action = start\n'),
    b: sunConf('\tauto=route\n\tdpdaction=hold\n\tdpddelay=30s\n'),
    expect: [],
  },
  {
    name: 'swanctl reauth_time (make-before-break from 6.0): info',
    a: moon(`${DPD}      reauth_time = 1h\n`, '            start_action = trap\n'),
    b: sunSw(`${DPD}      rekey_time = 2h\n`, '            start_action = trap\n'),
    expect: [['ike-reauth-outage', 'info']],
  },
  // rekey=no
  {
    name: 'ipsec.conf rekey=no (ikelifetime 3h) ↔ swanctl rekey_time 4h: the IKE SA dies at 3h — warning',
    a: moon(`${DPD}      rekey_time = 4h\n`, '            start_action = trap\n'),
    b: sunConf('\tauto=route\n\tdpdaction=hold\n\tdpddelay=30s\n\trekey=no\n', '3h'),
    expect: [['ike-rekey-disabled', 'warning']],
  },
  {
    name: 'twin: the swanctl peer rekeys every 1h, before the 3h expiry: quiet',
    a: moon(`${DPD}      rekey_time = 1h\n`, '            start_action = trap\n'),
    b: sunConf('\tauto=route\n\tdpdaction=hold\n\tdpddelay=30s\n\trekey=no\n', '3h'),
    expect: [],
  },
];

describe('dead-peer recovery and IKE renewal (issue 16 part 2), per vendor form', () => {
  for (const r of rows)
    it(r.name, () => {
      expect(findings(r.a, r.b).sort()).to.deep.equal([...r.expect].sort());
    });

  it('both ends passive: the warning spells out "stays down after a peer restart"', () => {
    const [e] = effects(moon(DPD), ros(true), 'dpd-mismatch');
    expect(e).to.contain('the tunnel is up only when someone initiates it by hand, and it stays down after a peer restart');
  });

  it('the only initiator clears: names it, its setting, and what would bring the tunnel back', () => {
    const [e] = effects(moon(DPD, '            start_action = start\n'), ros(true), 'dpd-mismatch');
    expect(e).to.match(/^After sun\S*\/moon restarts, moon\/swanctl\.conf\/gw-gw's DPD declares it dead and clears the SAs without initiating again/);
    expect(e).to.contain('the tunnel stays down after a peer restart');
    expect(e).to.contain('(restart, or hold/trap: with the next packet)');
  });

  it('rekey=no: says when the SA dies and why the peer does not save it', () => {
    const [e] = effects(
      moon(`${DPD}      rekey_time = 4h\n`, '            start_action = trap\n'),
      sunConf('\tauto=route\n\tdpdaction=hold\n\tdpddelay=30s\n\trekey=no\n', '3h'),
      'ike-rekey-disabled',
    );
    expect(e).to.equal(
      "10800 s (3h) after every set-up sun/ipsec.conf/net-net deletes the IKE SA and its CHILD_SAs, because moon/swanctl.conf/gw-gw's renewal (14400 s (4h)) comes later: traffic stops until an end initiates again. Turn rekeying on at sun/ipsec.conf/net-net, or give moon/swanctl.conf/gw-gw an IKE lifetime shorter than 10800 s (3h).",
    );
  });

  describe('pfSense 2.5+ (the swanctl generator): dpd_action as ipsec.inc writes it', () => {
    const HQ = fixturePath('pfsense', 'hq-2.7.xml');
    const action = (text: string, tunnel: string) => parseText(text, HQ, 'pfsense').tunnels.find((t) => t.name === tunnel)!.dpd.action;
    const withClose = (v: string) => readText(HQ).replace('<closeaction></closeaction>', `<closeaction>${v}</closeaction>`);

    it('DPD on, no close action: trap (hold), the generator default with start_action trap', () => {
      expect(action(readText(HQ), 'Branch Lyon')).to.deep.equal({
        value: 'hold',
        raw: 'dpd_action = trap',
        origin: 'default',
      });
    });
    it('<closeaction>none</closeaction>: dpd_action clear, but the default start_action trap keeps the trap policy (hold); start: restart', () => {
      expect(action(withClose('none'), 'Branch Lyon')).to.deep.include({
        value: 'hold',
        raw: '<closeaction>none</closeaction> (dpd_action from <closeaction>, start_action = trap keeps the trap policy)',
        origin: 'inferred',
      });
      expect(action(withClose('start'), 'Branch Lyon')).to.deep.include({ value: 'restart', origin: 'inferred' });
    });
    it('DPD off: no action at all', () => {
      expect(action(readText(HQ), 'Partner ACME')).to.equal(undefined);
    });
  });
});
