/**
 * Issue 16 part 2, per vendor form: what each end does when its peer is declared dead, and how it
 * renews its IKE SA — table-driven, each firing case beside a quiet near twin. The inputs are written
 * in the printed forms of the strongSwan testing scenarios (../shared/real-configs/pairs/strongswan-
 * testing-*: swanctl.conf and ipsec.conf as strongSwan's own test harness installs them), the RouterOS
 * 7 exports of fixtures/pairs/x-ios-routeros-vti and the FortiOS show output of fixtures/pairs/fgt-fgt-match.
 * The other vendors' rows read the pair fixtures they are cited in, each with one or two lines
 * changed the way that vendor prints them: the ASA `show running-config` of
 * fixtures/pairs/x-strongswan-asa-ikev1-lifetime (modelled on the netengsam ASA CML pair), the Junos
 * brace form of fixtures/pairs/x-junos-strongswan-natt, the PAN-OS `show config running` of
 * fixtures/pairs/x-panos-strongswan-ike-version, the IOS-XE hub of fixtures/ios/hub-xe-ikev2.cfg and
 * the describe-vpn-connections JSON of fixtures/aws-vpn/describe-vpn-connections-one-tunnel-customized.json
 * and the Windows netsh / PAN-OS XML pair fixtures/pairs/x-panos-netsh-agree (each file cites the real
 * output it is modelled on).
 */
import { expect } from 'chai';
import { compareDevices } from '../../src/compare/compare.js';
import type { Finding } from '../../src/compare/types.js';
import { loadDevice, parseText } from '../../src/read/load.js';
import type { DpdTarget } from '../../src/model/adapter.js';
import { adapterById } from '../../adapters/index.js';
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

/** the RouterOS peer of moon with its profile's dpd-interval and lifetime replaced */
function rosProfile(dpd: string, lifetime: string): [string, string, string] {
  return [routeros(false).replace('dpd-interval=30s', `${dpd} ${lifetime}`), 'sun.rsc', 'routeros'];
}

const AWS_JSON = fixturePath('aws-vpn', 'describe-vpn-connections-one-tunnel-customized.json');
/** tunnel 1 of the AWS fixture (StartupAction start, DpdTimeoutAction restart) with options replaced */
function aws(options: Record<string, string>): [string, string, string] {
  let text = readText(AWS_JSON);
  for (const [k, v] of Object.entries(options)) text = text.replace(new RegExp(`"${k}": "[a-z]+"`), `"${k}": "${v}"`);
  return [text, 'aws/describe-vpn-connections.json', 'aws-vpn'];
}
/** a RouterOS 7 customer gateway for AWS tunnel 1 (198.51.100.20 → 203.0.113.17), the form of office-77.rsc */
function rosAws(passive: boolean): [string, string, string] {
  const text = `# 2024-05-02 17:12:40 by RouterOS 7.14.2
# software id = R2T5-X8QW
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 lifetime=8h \\
    name=aws-vpn
/ip ipsec peer
add address=203.0.113.17/32 exchange-mode=ike2 local-address=198.51.100.20 \\
    name=aws-tunnel1${passive ? ' passive=yes' : ''} profile=aws-vpn
/ip ipsec proposal
add auth-algorithms=sha256 enc-algorithms=aes-256-cbc lifetime=30m name=aws-vpn \\
    pfs-group=modp2048
/ip ipsec identity
add peer=aws-tunnel1 secret=not-a-real-key
/ip ipsec policy
add dst-address=0.0.0.0/0 peer=aws-tunnel1 proposal=aws-vpn src-address=\\
    0.0.0.0/0 tunnel=yes
/ip address
add address=198.51.100.20/24 interface=ether1 network=198.51.100.0
`;
  return [text, 'office.rsc', 'routeros'];
}

const ASA_PAIR = fixturePath('pairs', 'x-strongswan-asa-ikev1-lifetime');
const SRX_PAIR = fixturePath('pairs', 'x-junos-strongswan-natt');
const PA_PAIR = fixturePath('pairs', 'x-panos-strongswan-ike-version');
/** the pair's gw-lnx swanctl.conf with its child's start_action replaced */
function lnx(pair: string, start: string): [string, string, string] {
  return [readText(`${pair}/gw-lnx.swanctl.conf`).replace('start_action = trap', `start_action = ${start}`), 'gw-lnx/swanctl.conf', 'strongswan'];
}
/** the ASA of the pair with `extra` after its crypto map entry's peer line */
function asa(extra: string): [string, string, string] {
  const text = readText(`${ASA_PAIR}/asa-branch.txt`).replace('crypto map outside_map 30 set peer 198.51.100.120\n', (m) => m + extra);
  return [text, 'asa-branch.txt', 'asa'];
}
/** the SRX of the pair, its IKE gateway's peer address replaced by `peer` */
function srx(peer = 'address 198.51.100.120;'): [string, string, string] {
  return [readText(`${SRX_PAIR}/srx-fra01.conf`).replace('address 198.51.100.120;', peer), 'srx-fra01.conf', 'junos'];
}
/** the PA of the pair, with `passive-mode yes;` in its gateway's protocol-common or not */
function pa(passive: boolean): [string, string, string] {
  const text = readText(`${PA_PAIR}/pa-fra01.txt`);
  return [passive ? text.replace('protocol-common {\n', 'protocol-common {\n                passive-mode yes;\n') : text, 'pa-fra01.txt', 'panos'];
}

const WIN_PAIR = fixturePath('pairs', 'x-panos-netsh-agree');
/** the PA of x-panos-netsh-agree (running-config.xml) with its IKEv1 DPD enable yes or no */
function paWin(enable: 'yes' | 'no'): [string, string, string] {
  const text = readText(`${WIN_PAIR}/pa-rot01.xml`).replace(
    '<dpd>\n                    <enable>yes</enable>',
    `<dpd>\n                    <enable>${enable}</enable>`,
  );
  return [text, 'pa-rot01.xml', 'panos'];
}
/** the Windows gateway of that pair, as `netsh advfirewall consec show rule name=all verbose` prints it */
const win = (): [string, string, string] => [readText(`${WIN_PAIR}/win-gw02.txt`), 'win-gw02.txt', 'windows-netsh'];

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
  // RouterOS: "Phase 1 is not re-keyed if DPD is disabled" (routeros/recovery.ts)
  {
    name: 'RouterOS dpd-interval=disable-dpd, lifetime=1h ↔ swanctl rekey_time 4h: phase 1 dies at 1h — warning',
    a: moon(`${DPD}      rekey_time = 4h\n`, '            start_action = trap\n'),
    b: rosProfile('dpd-interval=disable-dpd', 'lifetime=1h'),
    expect: [
      ['dpd-mismatch', 'info'],
      ['ike-rekey-disabled', 'warning'],
    ],
  },
  {
    name: 'twin: RouterOS lifetime=8h, the swanctl peer rekeys at 4h first: info only (timers)',
    a: moon(`${DPD}      rekey_time = 4h\n`, '            start_action = trap\n'),
    b: rosProfile('dpd-interval=disable-dpd', 'lifetime=8h'),
    expect: [['dpd-mismatch', 'info']],
  },
  // AWS: StartupAction and DPDTimeoutAction (aws-vpn/recovery.ts) ↔ a RouterOS 7 customer gateway
  {
    name: 'AWS StartupAction start, DpdTimeoutAction clear ↔ RouterOS passive=yes: the only initiator clears — warning',
    a: aws({ DpdTimeoutAction: 'clear' }),
    b: rosAws(true),
    expect: [['dpd-mismatch', 'warning']],
  },
  {
    name: 'twin: DpdTimeoutAction restart: timers differ only — info',
    a: aws({}),
    b: rosAws(true),
    expect: [['dpd-mismatch', 'info']],
  },
  {
    name: 'AWS StartupAction add (the default) ↔ RouterOS passive=yes: neither initiates — warning',
    a: aws({ StartupAction: 'add' }),
    b: rosAws(true),
    expect: [['dpd-mismatch', 'warning']],
  },
  {
    name: 'twin: the RouterOS customer gateway initiates: info',
    a: aws({ StartupAction: 'add' }),
    b: rosAws(false),
    expect: [['dpd-mismatch', 'info']],
  },
  // Cisco ASA: `set connection-type answer-only` never initiates (cisco-common/recovery.ts)
  {
    name: 'ASA crypto map answer-only ↔ swanctl start_action none: neither initiates — warning',
    a: asa('crypto map outside_map 30 set connection-type answer-only\n'),
    b: lnx(ASA_PAIR, 'none'),
    expect: [['dpd-mismatch', 'warning']],
  },
  { name: 'twin: the ASA crypto map initiates on traffic (bidirectional): quiet', a: asa(''), b: lnx(ASA_PAIR, 'none'), expect: [] },
  // Junos: a dynamic peer is never initiated to (junos/recovery.ts)
  {
    name: 'Junos dynamic hostname peer ↔ swanctl start_action none: neither initiates — warning',
    a: srx('dynamic hostname gw-lnx.example.net;'),
    b: lnx(SRX_PAIR, 'none'),
    expect: [['dpd-mismatch', 'warning']],
  },
  { name: 'twin: Junos address peer, establish-tunnels immediately: quiet', a: srx(), b: lnx(SRX_PAIR, 'none'), expect: [] },
  // PAN-OS: passive-mode yes (panos/recovery.ts)
  {
    name: 'PAN-OS passive-mode yes ↔ swanctl start_action none: neither initiates — warning',
    a: pa(true),
    b: lnx(PA_PAIR, 'none'),
    expect: [['dpd-mismatch', 'warning']],
  },
  { name: 'twin: PAN-OS initiates on traffic: timers differ only — info', a: pa(false), b: lnx(PA_PAIR, 'none'), expect: [['dpd-mismatch', 'info']] },
  // Windows has no DPD setting: against an IKEv1 peer with DPD, the Windows end keeps sending into a dead SA
  {
    name: 'Windows (netsh, IKEv1, no DPD) ↔ PAN-OS IKEv1 dpd enable yes: warning, no fix on either end',
    a: paWin('yes'),
    b: win(),
    expect: [['dpd-mismatch', 'warning']],
  },
  { name: 'twin: PAN-OS dpd enable no: neither end probes — quiet', a: paWin('no'), b: win(), expect: [] },
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

  describe('each vendor: the dead-peer action, where it came from, and the IKE renewal', () => {
    const read = (i: [string, string, string]) => parseText(i[0], i[1], i[2]);
    const end = (i: [string, string, string], name?: string) => {
      const d = read(i);
      return name ? d.tunnels.find((t) => t.name === name)! : d.tunnels[0];
    };

    it('RouterOS: a static policy → hold (its peer= line); passive=yes → clear (the peer line)', () => {
      expect(end(ros(false)).dpd.action).to.deep.equal({
        value: 'hold',
        raw: 'peer=moon (traffic this policy catches initiates again)',
        origin: 'inferred',
        at: { file: 'sun.rsc', line: 15 },
      });
      expect(end(ros(true)).dpd.action).to.deep.equal({
        value: 'clear',
        raw: 'passive=yes (a passive peer never initiates)',
        origin: 'inferred',
        at: { file: 'sun.rsc', line: 7 },
      });
    });
    it('RouterOS: a peer with only generate-policy (no static policy) → not known', () => {
      const text = routeros(false)
        .replace('add peer=moon secret=not-a-real-key', 'add generate-policy=port-strict peer=moon secret=not-a-real-key')
        .replace('/ip ipsec policy\nadd dst-address=10.1.0.0/16 peer=moon proposal=moon src-address=10.2.0.0/16 tunnel=yes\n', '');
      const t = end([text, 'sun.rsc', 'routeros']);
      expect(t.dpd.mode.value).to.equal('periodic');
      expect(t.dpd.action).to.equal(undefined);
    });
    it('RouterOS: dpd-interval=disable-dpd → no action, and phase 1 is never renewed (none)', () => {
      const t = end(rosProfile('dpd-interval=disable-dpd', 'lifetime=1h'));
      expect(t.dpd.action).to.equal(undefined);
      expect(t.phase1.renewal).to.deep.equal({
        value: 'none',
        raw: 'dpd-interval=disable-dpd (phase 1 is not re-keyed when DPD is disabled)',
        origin: 'inferred',
        at: { file: 'sun.rsc', line: 5 },
      });
      expect(end(ros(false)).phase1.renewal).to.equal(undefined);
    });
    it('AWS: DpdTimeoutAction as exported; absent → clear (AWS default); none → not modelled', () => {
      const [t1, t2] = read(aws({})).tunnels;
      expect(t1.dpd.action).to.deep.equal({
        value: 'restart',
        raw: '"DpdTimeoutAction": "restart"',
        origin: 'explicit',
        at: { file: 'aws/describe-vpn-connections.json', line: 58 },
      });
      expect(t2.dpd.action).to.deep.equal({ value: 'clear', raw: 'DPDTimeoutAction: clear (AWS default)', origin: 'default' });
      expect(read(aws({ DpdTimeoutAction: 'none' })).tunnels[0].dpd.action).to.equal(undefined);
    });
    it('ASA: a crypto map entry → hold (assumed), answer-only → clear from its line', () => {
      expect(end(asa('')).dpd.action).to.deep.include({ value: 'hold', origin: 'inferred', assumed: true, at: { file: 'asa-branch.txt', line: 62 } });
      expect(end(asa('crypto map outside_map 30 set connection-type answer-only\n')).dpd.action).to.deep.equal({
        value: 'clear',
        raw: 'crypto map outside_map 30 set connection-type answer-only (this end never initiates)',
        origin: 'inferred',
        at: { file: 'asa-branch.txt', line: 65 },
      });
    });
    it('IOS-XE: crypto map → hold, dynamic map → clear, tunnel protection → restart (assumed), each from its entry line', () => {
      const HUB = fixturePath('ios', 'hub-xe-ikev2.cfg');
      const d = parseText(readText(HUB), 'hub-xe-ikev2.cfg', 'ios');
      const action = (n: string) => d.tunnels.find((t) => t.name === n)!.dpd.action;
      expect(action('CM-INTERNET 10')).to.deep.include({ value: 'hold', assumed: true, at: { file: 'hub-xe-ikev2.cfg', line: 86 } });
      expect(action('dynamic-map DM-SPOKES 10')).to.deep.equal({
        value: 'clear',
        raw: 'crypto map CM-INTERNET 100 ipsec-isakmp dynamic DM-SPOKES (this end never initiates)',
        origin: 'inferred',
        at: { file: 'hub-xe-ikev2.cfg', line: 91 },
      });
      expect(action('Tunnel100')).to.deep.include({ value: 'restart', assumed: true, at: { file: 'hub-xe-ikev2.cfg', line: 93 } });
    });
    it('Junos: establish-tunnels immediately → restart, on-traffic → hold (its line), absent → hold (default, assumed), dynamic → clear', () => {
      expect(end(srx()).dpd.action).to.deep.include({ value: 'restart', assumed: true, at: { file: 'srx-fra01.conf', line: 84 } });
      const onTraffic = (t: string) => t.replace('establish-tunnels immediately;', 'establish-tunnels on-traffic;');
      const [text] = srx();
      expect(end([onTraffic(text), 'srx-fra01.conf', 'junos']).dpd.action).to.deep.equal({
        value: 'hold',
        raw: 'establish-tunnels on-traffic;',
        origin: 'explicit',
        at: { file: 'srx-fra01.conf', line: 84 },
      });
      expect(end([text.replace('            establish-tunnels immediately;\n', ''), 'srx-fra01.conf', 'junos']).dpd.action).to.deep.include({
        value: 'hold',
        origin: 'default',
        assumed: true,
      });
      expect(end(srx('dynamic hostname gw-lnx.example.net;')).dpd.action).to.deep.include({ value: 'clear', origin: 'inferred' });
    });
    it('Windows: no DPD setting, so no action — and no DPD fix for it (the PAN-OS side keeps its DPD)', () => {
      const t = end(win());
      expect(t.dpd).to.deep.equal({ mode: { value: 'off', raw: 'no DPD setting in Windows IPsec policy', origin: 'default' } });
      const f = compareDevices(parseText(...paWin('yes')), parseText(...win())).findings.find((x) => x.rule === 'dpd-mismatch')!;
      expect([f.a?.fix, f.b?.fix, f.b?.change]).to.deep.equal([undefined, undefined, { field: 'dpd', target: { mode: 'periodic', delaySeconds: 5 } }]);
    });
    it('PAN-OS: tunnel-monitor enable yes → restart (its line), else hold (assumed); passive-mode yes → clear', () => {
      const [text] = pa(false);
      const monitored = text.replace(
        '              tunnel-interface tunnel.5;\n',
        '              tunnel-interface tunnel.5;\n              tunnel-monitor {\n                enable yes;\n              }\n',
      );
      expect(end([monitored, 'pa-fra01.txt', 'panos']).dpd.action).to.deep.include({
        value: 'restart',
        origin: 'explicit',
        at: { file: 'pa-fra01.txt', line: 139 },
      });
      expect(end(pa(false)).dpd.action).to.deep.include({ value: 'hold', origin: 'default', assumed: true });
      expect(end(pa(true)).dpd.action).to.deep.include({ value: 'clear', origin: 'inferred', at: { file: 'pa-fra01.txt', line: 109 } });
    });
  });

  describe('a dpd-mismatch fix that turns DPD on carries the whole of it: mode, interval and, where needed, the action', () => {
    const pair = (d: string, a: string, b: string) =>
      compareDevices(loadDevice(fixturePath('pairs', d, a)), loadDevice(fixturePath('pairs', d, b))).findings.find((f) => f.rule === 'dpd-mismatch')!;

    it('FortiGate IKEv1 with set dpd disable: `set dpd on-idle` with the interval, not the interval alone', () => {
      const f = pair('fgt-fgt-ikev1-dpd-off', 'fgt-hq.conf', 'fgt-branch07.conf');
      expect(f.b?.change).to.deep.equal({ field: 'dpd', target: { mode: 'periodic', delaySeconds: 10 } });
      expect(f.b?.fix).to.equal(
        'config vpn ipsec phase1-interface\n    edit "to-hq"\n        set dpd on-idle\n        set dpd-retryinterval 10\n    next\nend',
      );
      expect(f.a?.fix).to.equal(undefined);
    });
    it('strongSwan, the only initiator, against a passive RouterOS: dpd_delay and dpd_action = restart in its child', () => {
      const f = pair('sw-ros-ikev1-dpd-off-passive', 'moon.swanctl.conf', 'sun.rsc');
      expect(f.a?.change).to.deep.equal({ field: 'dpd', target: { mode: 'periodic', delaySeconds: 30, action: 'restart' } });
      expect(f.a?.fix).to.equal('connections.gw-gw.dpd_delay = 30s\nconnections.gw-gw.children.net-net.dpd_action = restart\n(then: swanctl --load-conns)');
    });

    const recovery = (a: [string, string, string], b: [string, string, string]) =>
      compareDevices(parseText(a[0], a[1], a[2]), parseText(b[0], b[1], b[2])).findings.find((f) => f.rule === 'dpd-mismatch')!;
    it('the only initiator clears: its fix is restart on a dead peer (AWS, swanctl)', () => {
      const f = recovery(aws({ DpdTimeoutAction: 'clear' }), rosAws(true));
      expect(f.a?.change).to.deep.equal({ field: 'dpd.action', target: 'restart' });
      expect(f.a?.fix).to.equal(
        'aws ec2 modify-vpn-tunnel-options --vpn-connection-id vpn-0a1b2c3d4e5f60718 --vpn-tunnel-outside-ip-address 203.0.113.17 --tunnel-options DPDTimeoutAction=restart',
      );
      expect(f.b?.fix).to.equal(undefined);
      const g = recovery(moon(DPD, '            start_action = start\n'), ros(true));
      expect(g.a?.fix).to.equal('connections.gw-gw.children.net-net.dpd_action = restart\n(then: swanctl --load-conns)');
    });
    it('neither end initiates: a fix on each end that can start the tunnel (RouterOS passive=no, PAN-OS passive-mode no, swanctl trap)', () => {
      const f = recovery(moon(DPD), ros(true));
      expect(f.a?.fix).to.equal('connections.gw-gw.children.net-net.start_action = trap\n(then: swanctl --load-conns)');
      expect(f.b?.fix).to.equal('/ip ipsec peer set [ find name=moon ] passive=no');
      const g = recovery(pa(true), lnx(PA_PAIR, 'none'));
      expect(g.a?.fix).to.equal('set network ike gateway GW-LNX protocol-common passive-mode no\ncommit');
      // a dynamic peer (any address) cannot be the one to start it
      const h = recovery(srx('dynamic hostname gw-lnx.example.net;'), lnx(SRX_PAIR, 'none'));
      expect(h.a?.change).to.equal(undefined);
      expect(h.b?.change).to.deep.equal({ field: 'initiates', target: true });
    });

    const fixOf = (file: string, vendor: string, target: DpdTarget, name?: string) => {
      const d = parseText(readText(file), file, vendor);
      const t = name ? d.tunnels.find((x) => x.name === name)! : d.tunnels[0];
      return adapterById(vendor)!.fix({ field: 'dpd', device: d, tunnel: t, target });
    };
    const periodic: DpdTarget = { mode: 'periodic', delaySeconds: 20 };
    const onDemand: DpdTarget = { mode: 'on-demand', delaySeconds: 20, action: 'restart' };
    it('each writer turns DPD on as its product does', () => {
      expect(fixOf(fixturePath('ios', 'hub-xe-ikev2.cfg'), 'ios', periodic, 'CM-INTERNET 10')).to.equal('crypto ikev2 dpd 20 2 periodic');
      expect(fixOf(fixturePath('ios', 'hub-xe-ikev2.cfg'), 'ios', onDemand, 'CM-INTERNET 10')).to.equal('crypto ikev2 dpd 20 2 on-demand');
      expect(fixOf(`${ASA_PAIR}/asa-branch.txt`, 'asa', periodic)).to.equal(
        'tunnel-group 198.51.100.120 ipsec-attributes\n isakmp keepalive threshold 20 retry 2',
      );
      expect(fixOf(`${SRX_PAIR}/srx-fra01.conf`, 'junos', periodic)).to.equal(
        'set security ike gateway GW-LNX dead-peer-detection probe-idle-tunnel\nset security ike gateway GW-LNX dead-peer-detection interval 20\ncommit',
      );
      expect(fixOf(`${PA_PAIR}/pa-fra01.txt`, 'panos', periodic)).to.equal(
        'set network ike gateway GW-LNX protocol ikev1 dpd enable yes\nset network ike gateway GW-LNX protocol ikev1 dpd interval 20\ncommit',
      );
      // ipsec.inc turns DPD on only with both elements
      expect(fixOf(fixturePath('pfsense', 'hq-2.7.xml'), 'pfsense', periodic, 'Partner ACME')).to.equal(
        'VPN › IPsec › Tunnels › Edit Phase 1 "Partner ACME" › Dead Peer Detection: Enable DPD, Delay: 20, Max failures: 5  (<dpd_delay>20</dpd_delay><dpd_maxfail>5</dpd_maxfail>)',
      );
      expect(fixOf(fixturePath('pairs', 'sw-ros-ikev1-dpd-off-passive', 'sun.rsc'), 'routeros', periodic)).to.equal(
        '/ip ipsec profile set [ find name=moon ] dpd-interval=20s',
      );
      // ipsec.conf: dpdaction=none (the default) is DPD off, so the action is what turns it on
      const sun = parseText(sunConf('\tauto=start\n')[0], 'sun/ipsec.conf', 'strongswan');
      expect(adapterById('strongswan')!.fix({ field: 'dpd', device: sun, tunnel: sun.tunnels[0], target: onDemand })).to.equal(
        'conn net-net\n    dpdaction=restart\n    dpddelay=20s\n(then: ipsec update)',
      );
    });
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
