/**
 * What the audit of fixtures/audit-repo must find, exactly: rule, severity, the compared setting,
 * and for each side the tunnel end, the file:line of its setting and a piece of that line's text
 * (the tests read the line back, so a line number that drifts by one fails). See the fixture's
 * README for why each finding is there.
 */

export interface Side {
  /** `device/tunnel` as the report names it (device = repo-relative file) */
  end: string;
  /** `file:line` of the side's setting, or `(none)` for a vendor default (it has no line) */
  at: string;
  /** text the line at `at` contains */
  text: string;
  /** where SARIF puts a side with no line of its own (the tunnel end's line) */
  sarifAt?: string;
}

export interface Expected {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  setting: string;
  a?: Side;
  b?: Side;
}

const HQ = 'configs/hq/fgt-hq.conf';
const BERN = 'configs/dc/strongswan-bern/swanctl.conf';
const TALLINN = 'configs/branches/routeros-tallinn.rsc';

// the same drifts whether or not the inventory is used
const graz: Expected = {
  rule: 'pfs-mismatch',
  severity: 'error',
  setting: 'phase2[Graz LAN to HQ].pfsGroups',
  a: { end: 'configs/branches/opnsense-graz.xml/HQ FortiGate', at: '(none)', text: '', sarifAt: 'configs/branches/opnsense-graz.xml:97' },
  b: { end: `${HQ}/to-graz`, at: `${HQ}:320`, text: 'set dhgrp 14' },
};
const hamburg: Expected = {
  rule: 'traffic-selector-mismatch',
  severity: 'error',
  setting: 'phase2[CM-WAN 10].selectors',
  a: {
    end: 'configs/branches/ios-hamburg.cfg/CM-WAN 10',
    at: 'configs/branches/ios-hamburg.cfg:95',
    text: '10 permit ip 10.70.0.0 0.0.0.255 10.101.0.0 0.0.255.255',
  },
  b: {
    end: 'configs/dc/asa-dc.txt/OUTSIDE_MAP 10',
    at: 'configs/dc/asa-dc.txt:52',
    text: 'access-list CM-HAMBURG extended permit ip object DC-NETS object HAMBURG-LAN',
  },
};
const lyonVoice: Expected = {
  rule: 'traffic-selector-mismatch',
  severity: 'error',
  setting: 'phase2[to-lyon-voice].selectors',
  b: { end: `${HQ}/to-lyon`, at: `${HQ}:314`, text: 'set src-name "hq-voice"' },
};
const oslo: Expected = {
  rule: 'lifetime-unit-trap',
  severity: 'warning',
  setting: 'phase2[10.30.0.0/24 → 10.0.0.0/16].lifetimeSeconds',
  a: { end: 'configs/branches/routeros-oslo.rsc/hq', at: 'configs/branches/routeros-oslo.rsc:23', text: 'lifetime=60 name=hq' },
  b: { end: `${HQ}/to-oslo`, at: `${HQ}:333`, text: 'set keylifeseconds 3600' },
};
// IKEv1, RouterOS proposal-check obey and charon both accept the other's proposal: the SA gets the
// negotiated value (RFC 2407 §4.5.4), no effect on whether it comes up — info
const tallinnP1: Expected = {
  rule: 'p1-lifetime-mismatch',
  severity: 'info',
  setting: 'phase1.lifetimeSeconds',
  a: { end: `${TALLINN}/bern-dc`, at: `${TALLINN}:13`, text: 'lifetime=8h' },
  b: { end: `${BERN}/tallinn`, at: `${BERN}:11`, text: 'rekey_time = 8h' },
};
const tallinnP2: Expected = {
  rule: 'p2-lifetime-mismatch',
  severity: 'info',
  setting: 'phase2[10.60.0.0/24 → 10.110.0.0/24].lifetimeSeconds',
  a: { end: `${TALLINN}/bern-dc`, at: `${TALLINN}:19`, text: 'lifetime=1h name=bern-dc' },
  b: { end: `${BERN}/tallinn`, at: `${BERN}:28`, text: 'rekey_time = 1h' },
};
const tallinnNatt: Expected = {
  rule: 'natt-mismatch',
  severity: 'error',
  setting: 'natt.mode',
  // RouterOS anchors a value at the first line of its `add` command (nat-traversal=no is on the continuation)
  a: { end: `${TALLINN}/bern-dc`, at: `${TALLINN}:13`, text: 'add dh-group=modp2048' },
  b: { end: `${BERN}/tallinn`, at: `${BERN}:12`, text: 'encap = yes' },
};
const weakNantes = (severity: 'warning' | 'info'): Expected => ({
  rule: 'weak-crypto',
  severity,
  setting: 'crypto',
  a: { end: 'configs/branches/pfsense-nantes.xml/DC ASA', at: 'configs/branches/pfsense-nantes.xml:138', text: '<encryption>' },
});
const weakAsa = (severity: 'warning' | 'info'): Expected => ({
  rule: 'weak-crypto',
  severity,
  setting: 'crypto',
  a: { end: 'configs/dc/asa-dc.txt/OUTSIDE_MAP 20', at: 'configs/dc/asa-dc.txt:111', text: 'crypto ikev1 policy 10' },
});
const tallinnLeftover: Expected = {
  rule: 'unmatched-tunnel',
  severity: 'warning',
  setting: 'tunnel',
  a: { end: `${HQ}/to-tallinn`, at: `${HQ}:289`, text: 'set remote-gw 203.0.113.60' },
};
const madrid: Expected = {
  rule: 'unreadable-config',
  severity: 'error',
  setting: 'file',
  a: { end: 'configs/broken/fgt-madrid.conf/(file)', at: 'configs/broken/fgt-madrid.conf:46', text: 'set keylifeseconds 36' },
};
// OPNsense ≤ 22.7 writes ipsec.conf `reauth = yes`: IKEv2 break-before-make, and Graz comes due first (issue 16)
const grazReauth: Expected = {
  rule: 'ike-reauth-outage',
  severity: 'warning',
  setting: 'phase1.renewal',
  a: { end: 'configs/branches/opnsense-graz.xml/HQ FortiGate', at: '(none)', text: '', sarifAt: 'configs/branches/opnsense-graz.xml:97' },
  b: { end: `${HQ}/to-graz`, at: `${HQ}:207`, text: '' },
};
const dpd = (a: Side, b: Side): Expected => ({ rule: 'dpd-mismatch', severity: 'info', setting: 'dpd', a, b });

/** `audit . --inventory tunnels.yaml` at NOW, in report order. */
export const WITH_INVENTORY: Expected[] = [
  {
    // IKEv2: not negotiated, the contract's shorter end rekeys (RFC 7296 §2.8)
    rule: 'p2-lifetime-mismatch',
    severity: 'info',
    setting: 'phase2[to-acme-api].lifetimeSeconds',
    a: { end: `${HQ}/to-acme`, at: `${HQ}:365`, text: 'set keylifeseconds 28800' },
    // the peer contract's end, anchored at its inventory entry
    b: { end: 'tunnels.yaml/acme-corp', at: 'tunnels.yaml:19', text: '- name: acme-corp' },
  },
  hamburg,
  graz,
  grazReauth,
  lyonVoice,
  oslo,
  // tallinnP1 is ignored by the inventory until 2028-06-30
  tallinnP2,
  tallinnNatt,
  weakNantes('warning'),
  weakAsa('warning'),
  tallinnLeftover,
  madrid,
  {
    rule: 'expired-ignore',
    severity: 'warning',
    setting: 'ignore:natt-mismatch:configs/branches/routeros-tallinn.rsc/bern-dc',
    a: { end: 'tunnels.yaml/configs/branches/routeros-tallinn.rsc/bern-dc', at: 'tunnels.yaml:43', text: '- rule: natt-mismatch' },
  },
];

/** `audit .` without the inventory: no contract, no Porto pair, no overrides, DPD and SHA-1 notes as info. */
export const WITHOUT_INVENTORY: Expected[] = [
  hamburg,
  graz,
  grazReauth,
  lyonVoice,
  // RouterOS 7 probes every 8 s by default, FortiOS on-idle every 10 s here: info
  dpd({ end: 'configs/branches/routeros-kiel.rsc/hq', at: '(none)', text: '' }, { end: `${HQ}/to-kiel`, at: `${HQ}:240`, text: 'set dpd on-idle' }),
  oslo,
  dpd({ end: 'configs/branches/routeros-oslo.rsc/hq', at: '(none)', text: '' }, { end: `${HQ}/to-oslo`, at: `${HQ}:227`, text: 'set dpd on-idle' }),
  tallinnP1,
  tallinnP2,
  tallinnNatt,
  dpd({ end: `${TALLINN}/bern-dc`, at: '(none)', text: '' }, { end: `${BERN}/tallinn`, at: `${BERN}:13`, text: 'dpd_delay = 30s' }),
  weakNantes('info'),
  weakAsa('info'),
  tallinnLeftover,
  madrid,
];

/** Tunnel pairs `audit . --inventory tunnels.yaml` finds, with how. */
export const PAIRS_WITH_INVENTORY: Array<[string, string, string]> = [
  [`${HQ}/to-porto`, 'configs/branches/fgt-porto.conf/to-hq', 'inventory tunnels.yaml:13'],
  [`${HQ}/to-acme`, 'tunnels.yaml/acme-corp', 'peer contract acme-corp (tunnels.yaml:19)'],
  ['configs/branches/ios-hamburg.cfg/CM-WAN 10', 'configs/dc/asa-dc.txt/OUTSIDE_MAP 10', 'mirrored gateways'],
  ['configs/branches/opnsense-graz.xml/HQ FortiGate', `${HQ}/to-graz`, 'mirrored gateways'],
  ['configs/branches/pfsense-lyon.xml/HQ FortiGate', `${HQ}/to-lyon`, 'mirrored gateways'],
  ['configs/branches/pfsense-nantes.xml/DC ASA', 'configs/dc/asa-dc.txt/OUTSIDE_MAP 20', 'mirrored gateways'],
  // the inventory's NAT map makes Kiel's public address its own: both gateways mirror
  ['configs/branches/routeros-kiel.rsc/hq', `${HQ}/to-kiel`, 'mirrored gateways'],
  ['configs/branches/routeros-oslo.rsc/hq', `${HQ}/to-oslo`, 'mirrored gateways'],
  [`${TALLINN}/bern-dc`, `${BERN}/tallinn`, 'mirrored gateways'],
  ['configs/windows/netsh-wien.txt/Tunnel to DC', 'configs/windows/rras-dc.txt/to-wien', 'mirrored gateways'],
];

/** What discovery skips, with the note (the repo copy adds the huge log and the two symlinks). */
export const SKIPPED: Array<[string, string]> = [
  ['.ipsec-driftignore', 'not a device configuration (no adapter recognised it)'],
  ['README.md', 'not a device configuration (no adapter recognised it)'],
  ['configs/current-hq.conf', 'symbolic link (not followed)'],
  ['configs/mirror', 'symbolic link (not followed)'],
  ['docs/topology.png', 'this is a binary file, not a configuration text or command output'],
  ['logs/fgt-hq-traffic.log', '65 MB, over the 64 MB limit for a configuration'],
  ['scripts/pull-configs.sh', 'not a device configuration (no adapter recognised it)'],
  ['tunnels.yaml', 'not a device configuration (no adapter recognised it)'],
];
