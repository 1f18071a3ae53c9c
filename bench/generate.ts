/**
 * A synthetic firewall-config repository for the audit benchmark: N devices of every supported
 * vendor in the proportions of a mid-size estate, T tunnel pairs between them (hub-and-spoke
 * plus some branch-to-branch), a few deliberate drifts, partner tunnels, and files of the sizes
 * devices really export — a FortiGate or pfSense backup is mostly firewall policy, address
 * objects, NAT and system settings, the IPsec tables a small part of it.
 *
 * Deterministic for a seed. Usable alone: `tsx bench/generate.ts --out DIR [--devices N --tunnels T]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export type Vendor = 'fortigate' | 'pfsense' | 'opnsense' | 'routeros' | 'asa' | 'ios' | 'strongswan' | 'windows-netsh' | 'windows-rras';

/** Branch vendors, by share of the estate (weights). Hubs are FortiGate, ASA or strongSwan. */
const SPOKE_MIX: Array<[Vendor, number]> = [
  ['fortigate', 30],
  ['pfsense', 16],
  ['routeros', 18],
  ['opnsense', 8],
  ['ios', 10],
  ['asa', 5],
  ['strongswan', 5],
  ['windows-netsh', 4],
  ['windows-rras', 4],
];
const HUB_MIX: Array<[Vendor, number]> = [
  ['fortigate', 60],
  ['asa', 25],
  ['strongswan', 15],
];
/** hubs are few and large: 2 % of the estate carries most of the tunnels */
const HUB_SHARE = 0.02;

/**
 * Export sizes (KB, log-uniform between the bounds) — what a device with this many policies and
 * objects prints: FortiGate full backups start around 200 KB even for a small branch (default
 * objects, profiles); pfSense/OPNsense config.xml grows with rules, aliases and certificates.
 */
const SIZE_KB: Record<Vendor, { spoke: [number, number]; hub: [number, number] }> = {
  fortigate: { spoke: [100, 500], hub: [1000, 4000] },
  pfsense: { spoke: [40, 400], hub: [40, 400] },
  opnsense: { spoke: [40, 300], hub: [40, 300] },
  routeros: { spoke: [8, 60], hub: [8, 60] },
  asa: { spoke: [30, 200], hub: [500, 2000] },
  ios: { spoke: [12, 60], hub: [12, 60] },
  strongswan: { spoke: [2, 6], hub: [2, 6] },
  'windows-netsh': { spoke: [6, 12], hub: [6, 12] },
  'windows-rras': { spoke: [4, 10], hub: [4, 10] },
};

/** Where a phase 2 lifetime of 60 (seconds) can be written at all: FortiOS, Cisco and Windows refuse it. */
const UNIT_TRAP_VENDORS = new Set<Vendor>(['routeros', 'strongswan', 'pfsense', 'opnsense']);

/** A deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
function weighted<T>(rng: Rng, mix: Array<[T, number]>): T {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let rest = rng() * total;
  for (const [v, w] of mix) {
    rest -= w;
    if (rest < 0) return v;
  }
  return mix[mix.length - 1][0];
}

export interface Device {
  index: number;
  vendor: Vendor;
  hub: boolean;
  name: string;
  /** what tunnel names are made of (`hub3`, `br1207`): FortiOS allows 15 characters */
  short: string;
  /** the WAN address every peer dials (RFC 2544 benchmark range 198.18.0.0/15) */
  wan: string;
  /** the LAN behind it, a /24 (hubs a /16) */
  lan: [string, number];
  region: string;
  tunnels: Tunnel[];
  /** bytes to aim for */
  size: number;
}

/** One end of a tunnel, from its device's point of view. */
export interface Tunnel {
  name: string;
  peer: string;
  peerName: string;
  local: [string, number];
  remote: [string, number];
  suite: 'A' | 'B';
  p1Life: number;
  p2Life: number;
  /** 0 = no PFS */
  pfs: number;
  psk: string;
}

const SUITE = {
  A: { enc: 256, dh: 14 },
  B: { enc: 128, dh: 19 },
} as const;

const REGIONS = [
  'emea-north',
  'emea-south',
  'emea-east',
  'dach',
  'iberia',
  'benelux',
  'nordics',
  'uk-ie',
  'americas-east',
  'americas-west',
  'latam',
  'apac-north',
  'apac-south',
  'anz',
];
const CITIES = [
  'aarhus',
  'bilbao',
  'bremen',
  'brno',
  'cork',
  'dijon',
  'essen',
  'faro',
  'gent',
  'graz',
  'hull',
  'ibiza',
  'jena',
  'kosice',
  'lille',
  'linz',
  'malmo',
  'nancy',
  'odense',
  'porto',
  'reims',
  'split',
  'tartu',
  'turku',
  'utrecht',
  'varna',
  'wels',
  'york',
  'zadar',
];

/** 250 hosts per /24 (.251–.254 stay free for the upstream gateway), 64 000 per /16 */
function wanOf(i: number): string {
  const block = Math.floor(i / 250);
  return `198.${18 + Math.floor(block / 256)}.${block % 256}.${(i % 250) + 1}`;
}

function lanOf(i: number, hub: boolean): [string, number] {
  // 10.0.0.0/8 has room for 65 536 /24s; hubs take a /16 of 172.16.0.0/12 instead
  return hub ? [`172.${16 + ((i >> 8) & 15)}.${i & 255}.0`, 24] : [`10.${(i >> 8) & 255}.${i & 255}.0`, 24];
}

function pskOf(rng: Rng): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let s = '';
  for (let k = 0; k < 24; k++) s += chars[Math.floor(rng() * chars.length)];
  return s;
}

export interface Plan {
  devices: Device[];
  /** pairs written on both ends (some with a drift) */
  pairs: number;
  drifts: Record<string, number>;
  /** ends with no counterpart on a device in the repo */
  unmatched: number;
  /** ends towards partners outside the repo */
  external: number;
}

/** Devices, their tunnels and the drifts, before any text is written. */
export function plan(devices: number, tunnels: number, seed = 1): Plan {
  const rng = prng(seed);
  const hubs = Math.max(1, Math.round(devices * HUB_SHARE));
  const list: Device[] = [];
  for (let i = 0; i < devices; i++) {
    const hub = i < hubs;
    const vendor = weighted(rng, hub ? HUB_MIX : SPOKE_MIX);
    const [lo, hi] = SIZE_KB[vendor][hub ? 'hub' : 'spoke'];
    const size = Math.round(1024 * lo * (hi / lo) ** rng());
    const region = REGIONS[i % REGIONS.length];
    const name = hub ? `hub-${region}-${String(i).padStart(2, '0')}` : `${pick(rng, CITIES)}-${String(i).padStart(4, '0')}`;
    list.push({ index: i, vendor, hub, name, short: hub ? `hub${i}` : `br${i}`, wan: wanOf(i), lan: lanOf(i, hub), region, tunnels: [], size });
  }
  const maxPairs = (devices * (devices - 1)) / 2;
  if (tunnels > maxPairs) throw new Error(`${tunnels} tunnel pairs do not fit between ${devices} devices (at most ${maxPairs})`);
  const seen = new Set<string>();
  const drifts: Record<string, number> = { 'pfs-mismatch': 0, 'lifetime-unit-trap': 0, 'traffic-selector-mismatch': 0, 'p1-lifetime-mismatch': 0 };
  let unmatched = 0;
  let pairs = 0;
  const spokes = devices - hubs;
  while (pairs < tunnels) {
    // every branch first gets its tunnel to a hub (a device with no tunnel has no place in an IPsec
    // audit); then 70 % of tunnels run to a hub, the rest between branches (regional meshes)
    const first = pairs < spokes;
    const toHub = first || spokes === 0 || rng() < 0.7;
    const a = toHub ? list[Math.floor(rng() * hubs)] : list[hubs + Math.floor(rng() * spokes)];
    const b = first ? list[hubs + pairs] : spokes === 0 ? list[Math.floor(rng() * hubs)] : list[hubs + Math.floor(rng() * spokes)];
    if (a === b) continue;
    const key = a.index < b.index ? `${a.index}-${b.index}` : `${b.index}-${a.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs++;
    // Windows ends speak one suite only
    const suite: 'A' | 'B' = a.vendor.startsWith('windows') || b.vendor.startsWith('windows') || rng() < 0.7 ? 'A' : 'B';
    const psk = pskOf(rng);
    const endA: Tunnel = {
      name: `to-${b.short}`,
      peer: b.wan,
      peerName: b.name,
      local: a.lan,
      remote: b.lan,
      suite,
      p1Life: 28800,
      p2Life: 3600,
      pfs: SUITE[suite].dh,
      psk,
    };
    const endB: Tunnel = { ...endA, name: `to-${a.short}`, peer: a.wan, peerName: a.name, local: b.lan, remote: a.lan };
    a.tunnels.push(endA);
    // about 5 % of the pairs drift (on the branch side), 1 % lost their other end altogether
    const r = rng();
    if (r < 0.01 && !first) {
      unmatched++;
      continue;
    } else if (r < 0.025) {
      endB.pfs = 0;
      drifts['pfs-mismatch']++;
    } else if (r < 0.035 && UNIT_TRAP_VENDORS.has(b.vendor)) {
      endB.p2Life = 60; // "60" typed where the field is seconds and minutes were meant
      drifts['lifetime-unit-trap']++;
    } else if (r < 0.05) {
      const [net] = b.lan;
      const parts = net.split('.');
      endB.local = [`${parts[0]}.${parts[1]}.${parts[2]}.128`, 25];
      drifts['traffic-selector-mismatch']++;
    } else if (r < 0.06 && !b.vendor.startsWith('windows')) {
      endB.p1Life = 86400;
      drifts['p1-lifetime-mismatch']++;
    }
    b.tunnels.push(endB);
  }
  // partners outside the repo: two per hub, never findings
  let external = 0;
  for (const h of list.slice(0, hubs)) {
    if (h.vendor === 'strongswan') continue;
    for (let k = 0; k < 2; k++) {
      const n = h.index * 2 + k;
      h.tunnels.push({
        name: `partner-${n}`,
        peer: `192.0.2.${(n % 250) + 1}`,
        peerName: `partner-${n}`,
        local: h.lan,
        remote: [`100.${64 + ((n >> 8) & 63)}.${n & 255}.0`, 24],
        suite: 'A',
        p1Life: 28800,
        p2Life: 3600,
        pfs: 14,
        psk: pskOf(rng),
      });
      external++;
    }
  }
  return { devices: list, pairs, drifts, unmatched, external };
}

// ——— shared helpers for the writers ———

const MASKS = (() => {
  const out: string[] = [];
  for (let p = 0; p <= 32; p++) {
    const m = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
    out.push([24, 16, 8, 0].map((s) => (m >>> s) & 255).join('.'));
  }
  return out;
})();
const mask = (p: number) => MASKS[p];
const wildcard = (p: number) =>
  mask(p)
    .split('.')
    .map((o) => 255 - Number(o))
    .join('.');
const cidr = ([a, p]: [string, number]) => `${a}/${p}`;
const hostIn = ([a]: [string, number], h: number) => a.replace(/\.0$/, `.${h}`);

/** Append blocks from `make(k)` until the text reaches `target` bytes. */
function pad(target: number, current: number, make: (k: number) => string): string {
  const parts: string[] = [];
  let size = current;
  for (let k = 0; size < target; k++) {
    const s = make(k);
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

const SERVICES: Array<[string, string, number]> = [
  ['HTTPS', 'tcp', 443],
  ['SSH', 'tcp', 22],
  ['RDP', 'tcp', 3389],
  ['SMB', 'tcp', 445],
  ['LDAPS', 'tcp', 636],
  ['SNMP', 'udp', 161],
  ['SYSLOG', 'udp', 514],
  ['NTP', 'udp', 123],
  ['DNS', 'udp', 53],
  ['SQL', 'tcp', 1433],
  ['SIP', 'udp', 5060],
  ['HTTP-ALT', 'tcp', 8080],
];
const ROLES = ['srv', 'db', 'app', 'web', 'prn', 'cam', 'pos', 'ap', 'voip', 'nas', 'dc', 'mail'];
const uuid = (rng: Rng) => 'xxxxxxxx-xxxx-51ef-xxxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(rng() * 16).toString(16));
const b64 = (rng: Rng, n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let k = 0; k < n; k++) s += chars[Math.floor(rng() * 64)];
  return s;
};

// ——— FortiGate ———

function fortigate(d: Device, rng: Rng): string {
  const fgt = (t: Tunnel) => (t.suite === 'A' ? 'aes256-sha256' : 'aes128-sha256');
  const head = [
    `#config-version=${d.hub ? 'FG600F' : 'FG100F'}-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=backup`,
    `#conf_file_ver=${Math.floor(rng() * 1e15)}`,
    '#buildno=1639',
    '#global_vdom=1',
    'config system global',
    `    set alias "${d.hub ? 'FortiGate-600F' : 'FortiGate-100F'}"`,
    `    set hostname "FGT-${d.name.toUpperCase()}"`,
    '    set timezone 28',
    '    set admintimeout 30',
    '    set gui-theme mariner',
    'end',
    'config system interface',
    '    edit "wan1"',
    '        set vdom "root"',
    `        set ip ${d.wan} 255.255.255.0`,
    '        set allowaccess ping https',
    '        set type physical',
    '        set role wan',
    '        set snmp-index 1',
    '    next',
    '    edit "internal"',
    '        set vdom "root"',
    `        set ip ${hostIn(d.lan, 1)} ${mask(d.lan[1])}`,
    '        set allowaccess ping https ssh fabric',
    '        set type hard-switch',
    '        set role lan',
    '        set snmp-index 3',
    '    next',
    ...d.tunnels.flatMap((t, k) => [
      `    edit "${t.name}"`,
      '        set vdom "root"',
      '        set type tunnel',
      `        set snmp-index ${10 + k}`,
      '        set interface "wan1"',
      '    next',
    ]),
    'end',
    '',
  ].join('\n');
  const vpn = [
    'config vpn ipsec phase1-interface',
    ...d.tunnels.flatMap((t) => [
      `    edit "${t.name}"`,
      '        set interface "wan1"',
      '        set ike-version 2',
      `        set keylife ${t.p1Life}`,
      '        set peertype any',
      '        set net-device disable',
      `        set proposal ${fgt(t)}`,
      `        set dhgrp ${SUITE[t.suite].dh}`,
      `        set remote-gw ${t.peer}`,
      `        set psksecret ENC ${b64(rng, 88)}`,
      '        set dpd on-idle',
      '        set dpd-retryinterval 10',
      '    next',
    ]),
    'end',
    'config vpn ipsec phase2-interface',
    ...d.tunnels.flatMap((t) => [
      `    edit "${t.name}-p2"`,
      `        set phase1name "${t.name}"`,
      `        set proposal ${fgt(t)}`,
      ...(t.pfs ? [`        set dhgrp ${t.pfs}`] : ['        set pfs disable']),
      '        set auto-negotiate enable',
      `        set keylifeseconds ${t.p2Life}`,
      `        set src-subnet ${t.local[0]} ${mask(t.local[1])}`,
      `        set dst-subnet ${t.remote[0]} ${mask(t.remote[1])}`,
      '    next',
    ]),
    'end',
    '',
  ].join('\n');
  const tail = [
    'config router static',
    '    edit 1',
    `        set gateway ${d.wan.replace(/\.\d+$/, '.254')}`,
    '        set device "wan1"',
    '    next',
    'end',
    '',
  ].join('\n');
  // the bulk of a backup: address objects, groups, services, policies, NAT (VIPs)
  const budget = d.size - head.length - vpn.length - tail.length;
  const addresses = pad(
    budget * 0.3,
    0,
    (k) =>
      `    edit "${pick(rng, ROLES)}-${k}"\n        set uuid ${uuid(rng)}\n        set subnet ${hostIn(d.lan, 2 + (k % 250))} 255.255.255.255\n        set comment "asset ${1000 + k}"\n    next\n`,
  );
  const nAddr = addresses.split('\n    edit ').length - 1;
  const groups = pad(
    budget * 0.08,
    0,
    (k) =>
      `    edit "grp-${pick(rng, ROLES)}-${k}"\n        set uuid ${uuid(rng)}\n        set member ${Array.from({ length: 4 }, () => `"${pick(rng, ROLES)}-${Math.floor(rng() * Math.max(nAddr, 1))}"`).join(' ')}\n    next\n`,
  );
  const vips = pad(
    budget * 0.07,
    0,
    (k) =>
      `    edit "vip-${k}"\n        set uuid ${uuid(rng)}\n        set extip ${d.wan}\n        set mappedip "${hostIn(d.lan, 2 + (k % 250))}"\n        set extintf "wan1"\n        set portforward enable\n        set extport ${20000 + k}\n        set mappedport ${pick(rng, SERVICES)[2]}\n    next\n`,
  );
  const policies = pad(budget - addresses.length - groups.length - vips.length, 0, (k) => {
    const svc = pick(rng, SERVICES);
    return `    edit ${k + 1}\n        set name "rule-${k + 1}-${svc[0].toLowerCase()}"\n        set uuid ${uuid(rng)}\n        set srcintf "internal"\n        set dstintf "wan1"\n        set action accept\n        set srcaddr "${pick(rng, ROLES)}-${Math.floor(rng() * Math.max(nAddr, 1))}"\n        set dstaddr "all"\n        set schedule "always"\n        set service "${svc[0]}"\n        set logtraffic all\n        set comments "ticket CHG-${10000 + k}"\n    next\n`;
  });
  return [
    head,
    'config firewall address\n',
    addresses,
    'end\n',
    'config firewall addrgrp\n',
    groups,
    'end\n',
    'config firewall vip\n',
    vips,
    'end\n',
    vpn,
    'config firewall policy\n',
    policies,
    'end\n',
    tail,
  ].join('');
}

// ——— pfSense / OPNsense (the same <ipsec> as OPNsense's legacy tunnels) ———

function pfsenseLike(d: Device, rng: Rng, root: 'pfsense' | 'opnsense'): string {
  const t1 = '\t';
  const phase1 = d.tunnels.map((t, k) =>
    [
      '\t\t<phase1>',
      `\t\t\t<ikeid>${k + 1}</ikeid>`,
      '\t\t\t<iketype>ikev2</iketype>',
      '\t\t\t<interface>wan</interface>',
      `\t\t\t<remote-gateway>${t.peer}</remote-gateway>`,
      '\t\t\t<protocol>inet</protocol>',
      '\t\t\t<myid_type>myaddress</myid_type>',
      '\t\t\t<myid_data></myid_data>',
      '\t\t\t<peerid_type>peeraddress</peerid_type>',
      '\t\t\t<peerid_data></peerid_data>',
      // pfSense ≥ 2.5 lists proposals as <encryption><item>; OPNsense's legacy tunnels keep the 2.4 fields
      ...(root === 'pfsense'
        ? [
            `\t\t\t<encryption>\n\t\t\t\t<item>\n\t\t\t\t\t<encryption-algorithm>\n\t\t\t\t\t\t<name>aes</name>\n\t\t\t\t\t\t<keylen>${SUITE[t.suite].enc}</keylen>\n\t\t\t\t\t</encryption-algorithm>`,
            `\t\t\t\t\t<hash-algorithm>sha256</hash-algorithm>\n\t\t\t\t\t<prf-algorithm>sha256</prf-algorithm>\n\t\t\t\t\t<dhgroup>${SUITE[t.suite].dh}</dhgroup>\n\t\t\t\t</item>\n\t\t\t</encryption>`,
          ]
        : [
            `\t\t\t<encryption-algorithm>\n\t\t\t\t<name>aes</name>\n\t\t\t\t<keylen>${SUITE[t.suite].enc}</keylen>\n\t\t\t</encryption-algorithm>`,
            '\t\t\t<hash-algorithm>sha256</hash-algorithm>',
            `\t\t\t<dhgroup>${SUITE[t.suite].dh}</dhgroup>`,
          ]),
      `\t\t\t<lifetime>${t.p1Life}</lifetime>`,
      `\t\t\t<pre-shared-key>${t.psk}</pre-shared-key>`,
      '\t\t\t<authentication_method>pre_shared_key</authentication_method>',
      `\t\t\t<descr><![CDATA[${t.peerName}]]></descr>`,
      '\t\t\t<nat_traversal>on</nat_traversal>',
      '\t\t\t<mobike>off</mobike>',
      '\t\t\t<dpd_delay>10</dpd_delay>',
      '\t\t\t<dpd_maxfail>5</dpd_maxfail>',
      '\t\t</phase1>',
    ].join('\n'),
  );
  const phase2 = d.tunnels.map((t, k) =>
    [
      '\t\t<phase2>',
      `\t\t\t<ikeid>${k + 1}</ikeid>`,
      `\t\t\t<uniqid>${b64(rng, 13)
        .replace(/[^a-z0-9]/gi, 'a')
        .toLowerCase()}</uniqid>`,
      '\t\t\t<mode>tunnel</mode>',
      `\t\t\t<reqid>${k + 1}</reqid>`,
      `\t\t\t<localid>\n\t\t\t\t<type>network</type>\n\t\t\t\t<address>${t.local[0]}</address>\n\t\t\t\t<netbits>${t.local[1]}</netbits>\n\t\t\t</localid>`,
      `\t\t\t<remoteid>\n\t\t\t\t<type>network</type>\n\t\t\t\t<address>${t.remote[0]}</address>\n\t\t\t\t<netbits>${t.remote[1]}</netbits>\n\t\t\t</remoteid>`,
      '\t\t\t<protocol>esp</protocol>',
      `\t\t\t<encryption-algorithm-option>\n\t\t\t\t<name>aes</name>\n\t\t\t\t<keylen>${SUITE[t.suite].enc}</keylen>\n\t\t\t</encryption-algorithm-option>`,
      '\t\t\t<hash-algorithm-option>hmac_sha256</hash-algorithm-option>',
      `\t\t\t<pfsgroup>${t.pfs}</pfsgroup>`,
      `\t\t\t<lifetime>${t.p2Life}</lifetime>`,
      `\t\t\t<descr><![CDATA[LAN to ${t.peerName}]]></descr>`,
      '\t\t</phase2>',
    ].join('\n'),
  );
  const head = [
    '<?xml version="1.0"?>',
    `<${root}>`,
    `${t1}<version>${root === 'pfsense' ? '23.3' : '24.1'}</version>`,
    `${t1}<system>`,
    '\t\t<optimization>normal</optimization>',
    `\t\t<hostname>fw-${d.name}</hostname>`,
    '\t\t<domain>branches.example.net</domain>',
    '\t\t<timezone>Etc/UTC</timezone>',
    '\t\t<timeservers>0.pool.ntp.org</timeservers>',
    '\t\t<webgui>\n\t\t\t<protocol>https</protocol>\n\t\t</webgui>',
    `${t1}</system>`,
    `${t1}<interfaces>`,
    `\t\t<wan>\n\t\t\t<enable></enable>\n\t\t\t<if>igb0</if>\n\t\t\t<descr><![CDATA[WAN]]></descr>\n\t\t\t<ipaddr>${d.wan}</ipaddr>\n\t\t\t<subnet>24</subnet>\n\t\t\t<gateway>WANGW</gateway>\n\t\t</wan>`,
    `\t\t<lan>\n\t\t\t<enable></enable>\n\t\t\t<if>igb1</if>\n\t\t\t<descr><![CDATA[LAN]]></descr>\n\t\t\t<ipaddr>${hostIn(d.lan, 1)}</ipaddr>\n\t\t\t<subnet>${d.lan[1]}</subnet>\n\t\t</lan>`,
    `${t1}</interfaces>`,
    '',
  ].join('\n');
  const ipsec = [`${t1}<ipsec>`, root === 'opnsense' ? '\t\t<enable>1</enable>' : '\t\t<client></client>', ...phase1, ...phase2, `${t1}</ipsec>`, ''].join(
    '\n',
  );
  const cert = `${t1}<cert>\n\t\t<refid>${b64(rng, 13)}</refid>\n\t\t<descr><![CDATA[webConfigurator default]]></descr>\n\t\t<crt>${b64(rng, 2400)}</crt>\n\t\t<prv>${b64(rng, 2200)}</prv>\n${t1}</cert>\n`;
  const tail = `</${root}>\n`;
  const budget = d.size - head.length - ipsec.length - cert.length - tail.length;
  const aliases = pad(
    budget * 0.2,
    0,
    (k) =>
      `\t\t<alias>\n\t\t\t<name>${pick(rng, ROLES).toUpperCase()}_${k}</name>\n\t\t\t<type>host</type>\n\t\t\t<address>${hostIn(d.lan, 2 + (k % 250))} ${hostIn(d.lan, 2 + ((k + 7) % 250))}</address>\n\t\t\t<descr><![CDATA[asset group ${k}]]></descr>\n\t\t\t<detail><![CDATA[primary||secondary]]></detail>\n\t\t</alias>\n`,
  );
  const nat = pad(budget * 0.15, 0, (k) => {
    const svc = pick(rng, SERVICES);
    return `\t\t<rule>\n\t\t\t<source>\n\t\t\t\t<any></any>\n\t\t\t</source>\n\t\t\t<destination>\n\t\t\t\t<network>wanip</network>\n\t\t\t\t<port>${20000 + k}</port>\n\t\t\t</destination>\n\t\t\t<protocol>${svc[1]}</protocol>\n\t\t\t<target>${hostIn(d.lan, 2 + (k % 250))}</target>\n\t\t\t<local-port>${svc[2]}</local-port>\n\t\t\t<interface>wan</interface>\n\t\t\t<descr><![CDATA[forward ${svc[0]} ${k}]]></descr>\n\t\t\t<associated-rule-id>nat_${b64(rng, 13).replace(/[^a-z0-9]/gi, 'a')}</associated-rule-id>\n\t\t</rule>\n`;
  });
  const filter = pad(budget - aliases.length - nat.length, 0, (k) => {
    const svc = pick(rng, SERVICES);
    return `\t\t<rule>\n\t\t\t<id></id>\n\t\t\t<tracker>${1700000000 + k}</tracker>\n\t\t\t<type>${rng() < 0.9 ? 'pass' : 'block'}</type>\n\t\t\t<interface>lan</interface>\n\t\t\t<ipprotocol>inet</ipprotocol>\n\t\t\t<statetype><![CDATA[keep state]]></statetype>\n\t\t\t<protocol>${svc[1]}</protocol>\n\t\t\t<source>\n\t\t\t\t<network>lan</network>\n\t\t\t</source>\n\t\t\t<destination>\n\t\t\t\t<any></any>\n\t\t\t\t<port>${svc[2]}</port>\n\t\t\t</destination>\n\t\t\t<descr><![CDATA[${svc[0]} out, ticket CHG-${10000 + k}]]></descr>\n\t\t\t<created>\n\t\t\t\t<time>${1690000000 + k * 60}</time>\n\t\t\t\t<username><![CDATA[admin@10.0.0.5 (Local Database)]]></username>\n\t\t\t</created>\n\t\t</rule>\n`;
  });
  return [
    head,
    `${t1}<aliases>\n`,
    aliases,
    `${t1}</aliases>\n`,
    `${t1}<filter>\n`,
    filter,
    `${t1}</filter>\n`,
    `${t1}<nat>\n`,
    nat,
    `${t1}</nat>\n`,
    ipsec,
    cert,
    tail,
  ].join('');
}

// ——— RouterOS ———

function routeros(d: Device, rng: Rng): string {
  const ros = (t: Tunnel) => (t.suite === 'A' ? { enc: 'aes-256', cbc: 'aes-256-cbc', dh: 'modp2048' } : { enc: 'aes-128', cbc: 'aes-128-cbc', dh: 'ecp256' });
  const id = (t: Tunnel) => t.name.slice(3, 40);
  const head = [
    `# jan/12/2026 03:00:0${d.index % 10} by RouterOS 7.15.3`,
    `# software id = ${b64(rng, 4).toUpperCase()}-${b64(rng, 4).toUpperCase()}`,
    '#',
    '# model = RB5009UG+S+',
    `# serial number = HF${Math.floor(rng() * 1e9)}`,
    '/interface bridge',
    'add admin-mac=48:A9:8A:00:00:01 auto-mac=no comment=defconf name=bridge',
    '/ip ipsec profile',
    ...d.tunnels.map(
      (t) => `add dh-group=${ros(t).dh} enc-algorithm=${ros(t).enc} hash-algorithm=sha256 lifetime=${t.p1Life === 28800 ? '8h' : '1d'} name=${id(t)}`,
    ),
    '/ip ipsec peer',
    ...d.tunnels.map((t) => `add address=${t.peer}/32 exchange-mode=ike2 local-address=${d.wan} name=${id(t)} profile=${id(t)}`),
    '/ip ipsec proposal',
    ...d.tunnels.map(
      (t) =>
        `add auth-algorithms=sha256 enc-algorithms=${ros(t).cbc} lifetime=${t.p2Life === 3600 ? '1h' : t.p2Life} name=${id(t)} pfs-group=${t.pfs ? ros(t).dh : 'none'}`,
    ),
    '/ip address',
    `add address=${hostIn(d.lan, 1)}/${d.lan[1]} comment=defconf interface=bridge network=${d.lan[0]}`,
    `add address=${d.wan}/24 interface=ether1 network=${d.wan.replace(/\.\d+$/, '.0')}`,
    '',
  ].join('\n');
  const vpn = [
    '/ip ipsec identity',
    ...d.tunnels.map((t) => `add peer=${id(t)} secret="${t.psk}"`),
    '/ip ipsec policy',
    ...d.tunnels.map((t) => `add dst-address=${cidr(t.remote)} peer=${id(t)} proposal=${id(t)} src-address=${cidr(t.local)} tunnel=yes`),
    '',
  ].join('\n');
  const tail = [
    '/ip route',
    `add disabled=no dst-address=0.0.0.0/0 gateway=${d.wan.replace(/\.\d+$/, '.254')}`,
    '/system identity',
    `set name=${d.name}`,
    '',
  ].join('\n');
  const budget = d.size - head.length - vpn.length - tail.length;
  const lists = pad(budget * 0.4, 0, (k) => `add address=${hostIn(d.lan, 2 + (k % 250))} comment="${pick(rng, ROLES)} ${k}" list=${pick(rng, ROLES)}-hosts\n`);
  const leases = pad(
    budget * 0.2,
    0,
    (k) =>
      `add address=${hostIn(d.lan, 2 + (k % 250))} client-id=1:${b64(rng, 12)
        .toLowerCase()
        .replace(/[^a-f0-9]/g, 'a')} mac-address=DC:2C:6E:${(k >> 8) & 255}:${k & 255}:01 server=defconf\n`,
  );
  const filter = pad(budget - lists.length - leases.length, 0, (k) => {
    const svc = pick(rng, SERVICES);
    return `add action=accept chain=forward comment="${svc[0]} ${k}" dst-port=${svc[2]} protocol=${svc[1]} src-address-list=${pick(rng, ROLES)}-hosts\n`;
  });
  return [head, '/ip dhcp-server lease\n', leases, '/ip firewall address-list\n', lists, '/ip firewall filter\n', filter, vpn, tail].join('');
}

// ——— Cisco ASA ———

function asa(d: Device, rng: Rng): string {
  const head = [
    ': Saved',
    '',
    ':',
    `: Serial Number: FCH${Math.floor(rng() * 1e7)}`,
    ': Hardware:   FPR-2130, 13702 MB RAM, CPU MIPS 1400 MHz, 1 CPU (12 cores)',
    ':',
    'ASA Version 9.16(4)57',
    '!',
    `hostname asa-${d.name}`,
    'domain-name example.net',
    'names',
    '!',
    'interface Ethernet1/1',
    ' nameif outside',
    ' security-level 0',
    ` ip address ${d.wan} 255.255.255.0`,
    '!',
    'interface Ethernet1/2',
    ' nameif inside',
    ' security-level 100',
    ` ip address ${hostIn(d.lan, 1)} ${mask(d.lan[1])}`,
    '!',
    '',
  ].join('\n');
  const acls = d.tunnels.map((t, k) => `access-list CM-${k + 1} extended permit ip ${t.local[0]} ${mask(t.local[1])} ${t.remote[0]} ${mask(t.remote[1])}`);
  const crypto = [
    ...acls,
    'crypto ipsec ikev2 ipsec-proposal P-AES256',
    ' protocol esp encryption aes-256',
    ' protocol esp integrity sha-256',
    'crypto ipsec ikev2 ipsec-proposal P-AES128',
    ' protocol esp encryption aes',
    ' protocol esp integrity sha-256',
    ...d.tunnels.flatMap((t, k) => [
      `crypto map OUTSIDE_MAP ${k + 1} match address CM-${k + 1}`,
      ...(t.pfs ? [`crypto map OUTSIDE_MAP ${k + 1} set pfs group${t.pfs}`] : []),
      `crypto map OUTSIDE_MAP ${k + 1} set peer ${t.peer}`,
      `crypto map OUTSIDE_MAP ${k + 1} set ikev2 ipsec-proposal ${t.suite === 'A' ? 'P-AES256' : 'P-AES128'}`,
      `crypto map OUTSIDE_MAP ${k + 1} set security-association lifetime seconds ${t.p2Life}`,
    ]),
    'crypto map OUTSIDE_MAP interface outside',
    'crypto ikev2 policy 10',
    ' encryption aes-256',
    ' integrity sha256',
    ' group 14',
    ' prf sha256',
    ' lifetime seconds 28800',
    'crypto ikev2 policy 20',
    ' encryption aes',
    ' integrity sha256',
    ' group 19',
    ' prf sha256',
    ' lifetime seconds 28800',
    'crypto ikev2 enable outside',
    'group-policy GP-L2L internal',
    'group-policy GP-L2L attributes',
    ' vpn-tunnel-protocol ikev2',
    ...d.tunnels.flatMap((t) => [
      `tunnel-group ${t.peer} type ipsec-l2l`,
      `tunnel-group ${t.peer} general-attributes`,
      ' default-group-policy GP-L2L',
      `tunnel-group ${t.peer} ipsec-attributes`,
      ' ikev2 remote-authentication pre-shared-key *****',
      ' ikev2 local-authentication pre-shared-key *****',
    ]),
    '',
  ].join('\n');
  const tail = [
    '!',
    'class-map inspection_default',
    ' match default-inspection-traffic',
    '!',
    'service-policy global_policy global',
    'prompt hostname context',
    `Cryptochecksum:${b64(rng, 32)
      .toLowerCase()
      .replace(/[^a-f0-9]/g, 'e')}`,
    ': end',
    '',
  ].join('\n');
  const budget = d.size - head.length - crypto.length - tail.length;
  const objects = pad(
    budget * 0.35,
    0,
    (k) => `object network ${pick(rng, ROLES).toUpperCase()}-${k}\n host ${hostIn(d.lan, 2 + (k % 250))}\n description asset ${1000 + k}\n`,
  );
  const nObj = objects.split('\nobject network ').length;
  const nat = pad(
    budget * 0.1,
    0,
    (k) =>
      `object network ${pick(rng, ROLES).toUpperCase()}-${Math.floor(rng() * nObj)}\n nat (inside,outside) static interface service tcp ${pick(rng, SERVICES)[2]} ${20000 + k}\n`,
  );
  const access = pad(budget - objects.length - nat.length, 0, (k) => {
    const svc = pick(rng, SERVICES);
    return `access-list outside_access_in extended permit ${svc[1]} any object ${pick(rng, ROLES).toUpperCase()}-${Math.floor(rng() * nObj)} eq ${svc[2]}\naccess-list outside_access_in remark ticket CHG-${10000 + k}\n`;
  });
  return [head, objects, access, nat, 'route outside 0.0.0.0 0.0.0.0 ', d.wan.replace(/\.\d+$/, '.254'), ' 1\n', crypto, tail].join('');
}

// ——— Cisco IOS (XE) ———

function ios(d: Device, rng: Rng): string {
  const head = `${[
    'Building configuration...',
    '',
    `Current configuration : ${d.size} bytes`,
    '!',
    'version 17.6',
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'service password-encryption',
    '!',
    `hostname rtr-${d.name}`,
    '!',
    'no aaa new-model',
    '!',
  ].join('\n')}\n`;
  const crypto = [
    'crypto ikev2 proposal PROP-A',
    ' encryption aes-cbc-256',
    ' integrity sha256',
    ' group 14',
    '!',
    'crypto ikev2 proposal PROP-B',
    ' encryption aes-cbc-128',
    ' integrity sha256',
    ' group 19',
    '!',
    ...d.tunnels.flatMap((t, k) => [`crypto ikev2 policy POL-${k + 1}`, ` match address local ${d.wan}`, ` proposal PROP-${t.suite}`, '!']),
    ...d.tunnels.flatMap((t, k) => [
      `crypto ikev2 keyring KR-${k + 1}`,
      ` peer P${k + 1}`,
      `  address ${t.peer}`,
      `  pre-shared-key 6 ${b64(rng, 28)}`,
      ' !',
      '!',
    ]),
    ...d.tunnels.flatMap((t, k) => [
      `crypto ikev2 profile PRF-${k + 1}`,
      ` match identity remote address ${t.peer} 255.255.255.255`,
      ' authentication remote pre-share',
      ' authentication local pre-share',
      ` keyring local KR-${k + 1}`,
      ` lifetime ${t.p1Life}`,
      ' dpd 10 2 periodic',
      '!',
    ]),
    'crypto ipsec transform-set TS-A esp-aes 256 esp-sha256-hmac',
    ' mode tunnel',
    'crypto ipsec transform-set TS-B esp-aes esp-sha256-hmac',
    ' mode tunnel',
    '!',
    ...d.tunnels.flatMap((t, k) => [
      `crypto map CM-WAN ${10 * (k + 1)} ipsec-isakmp`,
      ` description ${t.peerName}`,
      ` set peer ${t.peer}`,
      ` set security-association lifetime seconds ${t.p2Life}`,
      ` set transform-set TS-${t.suite}`,
      ...(t.pfs ? [` set pfs group${t.pfs}`] : []),
      ` set ikev2-profile PRF-${k + 1}`,
      ` match address ACL-VPN-${k + 1}`,
      '!',
    ]),
    'interface GigabitEthernet0/0/0',
    ' description WAN',
    ` ip address ${d.wan} 255.255.255.0`,
    ' crypto map CM-WAN',
    '!',
    'interface GigabitEthernet0/0/1',
    ' description LAN',
    ` ip address ${hostIn(d.lan, 1)} ${mask(d.lan[1])}`,
    '!',
    ...d.tunnels.flatMap((t, k) => [
      `ip access-list extended ACL-VPN-${k + 1}`,
      ` 10 permit ip ${t.local[0]} ${wildcard(t.local[1])} ${t.remote[0]} ${wildcard(t.remote[1])}`,
    ]),
    '!',
    '',
  ].join('\n');
  const tail = ['line con 0', ' transport input none', 'line vty 0 4', ' login local', ' transport input ssh', '!', 'end', ''].join('\n');
  const budget = d.size - head.length - crypto.length - tail.length;
  const acl = pad(budget * 0.7, 0, (k) => {
    const svc = pick(rng, SERVICES);
    return `${k % 40 === 0 ? `ip access-list extended ACL-LAN-IN-${k / 40}\n` : ''} ${10 * ((k % 40) + 1)} permit ${svc[1]} ${hostIn(d.lan, 2 + (k % 250))} 0.0.0.0 any eq ${svc[2]}\n`;
  });
  const routes = pad(
    budget - acl.length,
    0,
    (k) => `ip route 10.${200 + (k % 50)}.${k & 255}.0 255.255.255.0 ${hostIn(d.lan, 254)} name ${pick(rng, ROLES)}-${k}\n`,
  );
  return [head, crypto, acl, '!\n', routes, '!\n', tail].join('');
}

// ——— strongSwan (swanctl.conf) ———

function strongswan(d: Device): string {
  const conns = d.tunnels.map((t) =>
    [
      `    ${t.name} {`,
      '        version = 2',
      `        local_addrs = ${d.wan}`,
      `        remote_addrs = ${t.peer}`,
      `        proposals = aes${SUITE[t.suite].enc}-sha256-${t.suite === 'A' ? 'modp2048' : 'ecp256'}`,
      `        rekey_time = ${t.p1Life}s`,
      '        dpd_delay = 30s',
      '        local {',
      '            auth = psk',
      `            id = ${d.wan}`,
      '        }',
      '        remote {',
      '            auth = psk',
      `            id = ${t.peer}`,
      '        }',
      '        children {',
      `            ${t.name}-lan {`,
      `                local_ts = ${cidr(t.local)}`,
      `                remote_ts = ${cidr(t.remote)}`,
      `                esp_proposals = aes${SUITE[t.suite].enc}-sha256${t.pfs ? `-${t.pfs === 14 ? 'modp2048' : 'ecp256'}` : ''}`,
      `                rekey_time = ${t.p2Life}s`,
      '                start_action = trap',
      '            }',
      '        }',
      '    }',
    ].join('\n'),
  );
  const secrets = d.tunnels.map((t, k) => `    ike-${k + 1} {\n        id = ${t.peer}\n        secret = "${t.psk}"\n    }`);
  return `# /etc/swanctl/swanctl.conf on vpn-${d.name} (managed by ansible)\n\nconnections {\n${conns.join('\n\n')}\n}\n\nsecrets {\n${secrets.join('\n')}\n}\n`;
}

// ——— Windows (netsh transcript, RRAS Format-List transcript) ———

function netsh(d: Device, rng: Rng): string {
  const rules = d.tunnels.map((t) =>
    [
      `Rule Name:                            ${t.name}`,
      '----------------------------------------------------------------------',
      `Description:                          IKEv2 to ${t.peerName}`,
      'Enabled:                              Yes',
      'Profiles:                             Domain,Private,Public',
      'Type:                                 Static',
      'Mode:                                 Tunnel',
      `LocalTunnelEndpoint:                  ${d.wan}`,
      `RemoteTunnelEndpoint:                 ${t.peer}`,
      'InterfaceTypes:                       Any',
      `Endpoint1:                            ${cidr(t.local)}`,
      `Endpoint2:                            ${cidr(t.remote)}`,
      'Protocol:                             Any',
      'Action:                               RequireInRequireOut',
      'Auth1:                                ComputerPSK',
      'Auth1PSK:                             <redacted>',
      'MainModeSecMethods:                   DHGroup14-AES256-SHA256',
      'MainModeKeyLifetime:                  480min,0sess',
      `QuickModeSecMethods:                  ESP:SHA256-AES256+${t.p2Life / 60}min+100000kb`,
      `QuickModePFS:                         ${t.pfs ? 'DHGroup14' : 'None'}`,
      'ApplyAuthorization:                   No',
      'ExemptIPsecProtectedConnections:      No',
      'Rule source:                          Local Setting',
      '',
    ].join('\r\n'),
  );
  const ps = d.tunnels.map((t) =>
    [
      `Name                  : {${uuid(rng)}}`,
      `DisplayName           : ${t.name}`,
      `Description           : IKEv2 to ${t.peerName}`,
      'Enabled               : True',
      'Mode                  : Tunnel',
      'KeyModule             : IKEv2',
      `LocalTunnelEndpoint   : {${d.wan}}`,
      `RemoteTunnelEndpoint  : {${t.peer}}`,
      'PrimaryStatus         : OK',
      '',
      '',
    ].join('\r\n'),
  );
  return [
    'PS C:\\Users\\Administrator> hostname',
    `WIN-${d.name.toUpperCase().slice(0, 11)}`,
    '',
    'PS C:\\Users\\Administrator> netsh advfirewall show global',
    '',
    'Global Settings:',
    '----------------------------------------------------------------------',
    'IPsec:',
    'StrongCRLCheck                        0:Disabled',
    'SAIdleTimeMin                         5min',
    'DefaultExemptions                     NeighborDiscovery,DHCP',
    'IPsecThroughNAT                       ServerAndClientBehindNat',
    '',
    'Main Mode:',
    'KeyLifetime                           480min,0sess',
    'SecMethods                            DHGroup14-AES256-SHA256',
    'ForceDH                               Yes',
    '',
    'Ok.',
    '',
    'PS C:\\Users\\Administrator> netsh advfirewall consec show rule name=all verbose',
    '',
    ...rules,
    'Ok.',
    '',
    'PS C:\\Users\\Administrator> Get-NetIPsecRule | Format-List *',
    '',
    '',
    ...ps,
    '',
  ].join('\r\n');
}

function rras(d: Device): string {
  const items = d.tunnels.map((t) =>
    [
      `Name                             : ${t.name}`,
      `Destination                      : {${t.peer}}`,
      'AdminStatus                      : True',
      'ConnectionState                  : Connected',
      `IPv4Subnet                       : {${cidr(t.remote)}:100}`,
      'Protocol                         : IKEv2',
      'AuthenticationMethod             : PSKOnly',
      'ResponderAuthenticationMethod    : PSKOnly',
      'SADataSizeForRenegotiation(KB)   : 102400',
      `SALifeTime(s)                    : ${t.p2Life}`,
      `MMSALifeTime(s)                  : ${t.p1Life}`,
      'CustomPolicy                     : True',
      'AuthenticationTransformConstants : SHA256128',
      'DHGroup                          : Group14',
      'CipherTransformConstants         : AES256',
      'EncryptionMethod                 : AES256',
      'IntegrityCheckMethod             : SHA256',
      `PfsGroup                         : ${t.pfs ? 'PFS2048' : 'None'}`,
      `SourceIpAddress                  : ${d.wan}`,
      '',
    ].join('\r\n'),
  );
  return [
    'PS C:\\> hostname',
    `RRAS-${d.name.toUpperCase().slice(0, 10)}`,
    'PS C:\\> Get-VpnS2SInterface | Format-List *',
    '',
    '',
    ...items,
    '',
    'PS C:\\> ',
  ].join('\r\n');
}

// ——— the repository ———

const EXT: Record<Vendor, string> = {
  fortigate: 'conf',
  pfsense: 'xml',
  opnsense: 'xml',
  routeros: 'rsc',
  asa: 'txt',
  ios: 'cfg',
  strongswan: 'conf',
  'windows-netsh': 'txt',
  'windows-rras': 'txt',
};

export function render(d: Device, seed: number): string {
  const rng = prng(seed * 7919 + d.index);
  switch (d.vendor) {
    case 'fortigate':
      return fortigate(d, rng);
    case 'pfsense':
      return pfsenseLike(d, rng, 'pfsense');
    case 'opnsense':
      return pfsenseLike(d, rng, 'opnsense');
    case 'routeros':
      return routeros(d, rng);
    case 'asa':
      return asa(d, rng);
    case 'ios':
      return ios(d, rng);
    case 'strongswan':
      return strongswan(d);
    case 'windows-netsh':
      return netsh(d, rng);
    case 'windows-rras':
      return rras(d);
  }
}

export function pathOf(d: Device): string {
  return d.vendor === 'strongswan'
    ? join('configs', d.region, `${d.name}`, 'swanctl.conf')
    : join('configs', d.region, `${d.vendor}-${d.name}.${EXT[d.vendor]}`);
}

export interface Generated extends Plan {
  root: string;
  files: number;
  bytes: number;
  byVendor: Record<string, { files: number; bytes: number; tunnels: number }>;
}

/** Write the repository under `root` (which must exist or be creatable). */
export function generateRepo(root: string, devices: number, tunnels: number, seed = 1): Generated {
  const p = plan(devices, tunnels, seed);
  let bytes = 0;
  const byVendor: Generated['byVendor'] = {};
  for (const d of p.devices) {
    const text = render(d, seed);
    const file = join(root, pathOf(d));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const b = Buffer.byteLength(text);
    bytes += b;
    byVendor[d.vendor] ??= { files: 0, bytes: 0, tunnels: 0 };
    const v = byVendor[d.vendor];
    v.files++;
    v.bytes += b;
    v.tunnels += d.tunnels.length;
  }
  writeFileSync(
    join(root, 'README.md'),
    `# synthetic config repo\n\n${devices} devices, ${p.pairs} tunnel pairs (seed ${seed}), generated by bench/generate.ts.\n`,
  );
  return { ...p, root, files: p.devices.length, bytes, byVendor };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, devices: { type: 'string' }, tunnels: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  if (!values.out) throw new Error('usage: tsx bench/generate.ts --out DIR [--devices N] [--tunnels T] [--seed S]');
  const g = generateRepo(values.out, Number(values.devices ?? 200), Number(values.tunnels ?? 1000), Number(values.seed ?? 1));
  console.log(`generated ${g.files} files, ${(g.bytes / 1048576).toFixed(1)} MB, ${g.pairs} tunnel pairs in ${g.root}`);
}
