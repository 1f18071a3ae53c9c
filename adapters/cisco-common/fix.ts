/**
 * Fixes in Cisco CLI. The ASA writes crypto map entries as one-liners
 * (`crypto map OUTSIDE_MAP 10 set pfs group14`); IOS enters the entry and indents
 * (`crypto map OUTSIDE_MAP 10 ipsec-isakmp` / ` set pfs group14`). Which entry a tunnel is comes
 * from the names the parsers give: `MAP SEQ` (crypto map entry), `dynamic-map DYN SEQ`, or an
 * interface name (VTI) whose phase 2 is named `IF (ipsec profile P)`. Never a secret: the PSK fix
 * says where the key goes and leaves `<the shared key>` in its place.
 */
import type { FixRequest, SelectorsTarget } from '../../src/model/adapter.js';
import type { ChildProposal, Device, IkeProposal, Phase2, PortRange, TunnelEnd } from '../../src/model/types.js';
import { parseCidr, formatCidr } from '../../src/model/net.js';
import { ciscoLocalIdentityFix, ciscoPeerIdentityFix } from './identity-fix.js';

export type Style = 'asa' | 'ios';

type Entry = { kind: 'map'; map: string; seq: string } | { kind: 'dynamic'; map: string; seq: string } | { kind: 'profile'; profile: string; iface: string };

function entryOf(tunnel: TunnelEnd, phase2?: Phase2): Entry | undefined {
  const dyn = /^dynamic-map (\S+) (\d+)$/.exec(tunnel.name);
  if (dyn) return { kind: 'dynamic', map: dyn[1], seq: dyn[2] };
  const map = /^(\S+) (\d+)$/.exec(tunnel.name);
  if (map) return { kind: 'map', map: map[1], seq: map[2] };
  const p2 = phase2 ?? tunnel.phase2[0];
  const prof = p2 ? /\(ipsec profile (\S+)\)$/.exec(p2.name) : null;
  return prof ? { kind: 'profile', profile: prof[1], iface: tunnel.name } : undefined;
}

/** Entry-level commands (`set …`, `no set …`) in the style of the platform. */
function entryCommands(style: Style, e: Entry, cmds: string[]): string {
  if (e.kind === 'profile') return [`crypto ipsec profile ${e.profile}`, ...cmds.map((c) => ` ${c}`)].join('\n');
  const head = e.kind === 'map' ? `crypto map ${e.map} ${e.seq}` : `crypto dynamic-map ${e.map} ${e.seq}`;
  if (style === 'asa') return cmds.map((c) => (c.startsWith('no ') ? `no ${head} ${c.slice(3)}` : `${head} ${c}`)).join('\n');
  return [e.kind === 'map' ? `${head} ipsec-isakmp` : head, ...cmds.map((c) => ` ${c}`)].join('\n');
}

// --- algorithm spellings, canonical → Cisco ------------------------------------------------------

const ESP_ENC: Record<Style, Record<string, string>> = {
  asa: { des: 'esp-des', '3des': 'esp-3des', aes128: 'esp-aes', aes192: 'esp-aes-192', aes256: 'esp-aes-256', null: 'esp-null' },
  ios: {
    des: 'esp-des',
    '3des': 'esp-3des',
    aes128: 'esp-aes',
    aes192: 'esp-aes 192',
    aes256: 'esp-aes 256',
    aes128gcm16: 'esp-gcm 128',
    aes256gcm16: 'esp-gcm 256',
    null: 'esp-null',
  },
};
const ESP_HASH: Record<Style, Record<string, string>> = {
  // ASA IKEv1 transform sets: MD5 and SHA-1 only (SHA-2 is for IKEv2 ipsec-proposals)
  asa: { md5: 'esp-md5-hmac', sha1: 'esp-sha-hmac', null: 'esp-none' },
  ios: { md5: 'esp-md5-hmac', sha1: 'esp-sha-hmac', sha256: 'esp-sha256-hmac', sha384: 'esp-sha384-hmac', sha512: 'esp-sha512-hmac', null: 'esp-none' },
};
/** ASA `protocol esp encryption|integrity` (IKEv2 ipsec-proposal) spellings */
const V2_ENC: Record<string, string> = {
  des: 'des',
  '3des': '3des',
  aes128: 'aes',
  aes192: 'aes-192',
  aes256: 'aes-256',
  aes128gcm16: 'aes-gcm',
  aes192gcm16: 'aes-gcm-192',
  aes256gcm16: 'aes-gcm-256',
  aes128gmac: 'aes-gmac',
  aes256gmac: 'aes-gmac-256',
  null: 'null',
};
const V2_INTEG: Record<string, string> = { md5: 'md5', sha1: 'sha-1', sha256: 'sha-256', sha384: 'sha-384', sha512: 'sha-512', null: 'null' };
/** IKE policy spellings: ASA / IOS IKEv1 */
const IKE_ENC: Record<Style, Record<string, string>> = {
  asa: {
    des: 'des',
    '3des': '3des',
    aes128: 'aes',
    aes192: 'aes-192',
    aes256: 'aes-256',
    aes128gcm16: 'aes-gcm',
    aes192gcm16: 'aes-gcm-192',
    aes256gcm16: 'aes-gcm-256',
  },
  ios: { des: 'des', '3des': '3des', aes128: 'aes', aes192: 'aes 192', aes256: 'aes 256' },
};
const IKE_HASH: Record<string, string> = { md5: 'md5', sha1: 'sha', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
/** ASA IKEv1 policies hash with MD5 or SHA-1 only */
const ASA_IKEV1_HASH: Record<string, string> = { md5: 'md5', sha1: 'sha' };
const IKEV2_ENC_IOS: Record<string, string> = {
  '3des': '3des',
  aes128: 'aes-cbc-128',
  aes192: 'aes-cbc-192',
  aes256: 'aes-cbc-256',
  aes128gcm16: 'aes-gcm-128',
  aes256gcm16: 'aes-gcm-256',
};

function mapAll(names: string[], table: Record<string, string>): string[] | undefined {
  const out = names.map((n) => table[n]);
  return out.every((x) => x !== undefined) ? out : undefined;
}

function proposalName(p: ChildProposal): string {
  return ['IPSEC', ...p.encryption, ...p.integrity].join('-').toUpperCase();
}

function childProposalFix(style: Style, version: 1 | 2, e: Entry, proposals: ChildProposal[]): string | undefined {
  const defs: string[] = [];
  const names: string[] = [];
  for (const p of proposals) {
    if (p.protocol !== 'esp') return undefined;
    if (style === 'asa' && version === 2) {
      const enc = mapAll(p.encryption, V2_ENC);
      const integ = mapAll(p.integrity.length ? p.integrity : ['null'], V2_INTEG);
      if (!enc || !integ) return undefined;
      const name = proposalName(p);
      names.push(name);
      defs.push(`crypto ipsec ikev2 ipsec-proposal ${name}`, ` protocol esp encryption ${enc.join(' ')}`, ` protocol esp integrity ${integ.join(' ')}`);
      continue;
    }
    // an IKEv1 transform set holds one cipher and one hash: one set per combination
    for (const enc of p.encryption)
      for (const integ of p.integrity.length ? p.integrity : [undefined]) {
        const cipher = ESP_ENC[style][enc];
        const hash = integ === undefined ? '' : ESP_HASH[style][integ];
        if (cipher === undefined || hash === undefined) return undefined;
        const name = proposalName({ protocol: 'esp', encryption: [enc], integrity: integ ? [integ] : [] });
        names.push(name);
        defs.push(`crypto ipsec ${style === 'asa' ? 'ikev1 ' : ''}transform-set ${name} ${[cipher, hash].filter(Boolean).join(' ')}`);
      }
  }
  if (names.length === 0) return undefined;
  const set =
    style === 'asa' && version === 2 ? `set ikev2 ipsec-proposal ${names.join(' ')}` : `set ${style === 'asa' ? 'ikev1 ' : ''}transform-set ${names.join(' ')}`;
  return [...defs, entryCommands(style, e, [set])].join('\n');
}

/** Priorities of the IKE policies a tunnel offers, from the raw of its phase 1 proposals. */
function policyNames(t: TunnelEnd): { kind: string; names: string[] } {
  const names: string[] = [];
  let kind = '';
  for (const m of t.phase1.proposals.raw.matchAll(/crypto (ikev1|isakmp|ikev2) policy ([^\s;]+)/gi)) {
    kind = m[1].toLowerCase();
    names.push(m[2]);
  }
  return { kind, names };
}

function ikeProposalFix(style: Style, t: TunnelEnd, proposals: IkeProposal[]): string | undefined {
  const version = t.ikeVersion.value;
  const { names } = policyNames(t);
  const used = names.map(Number).filter((n) => Number.isInteger(n));
  let prio = Math.max(1, (used.length ? Math.min(...used) : 11) - 1);
  const out: string[] = [];
  for (const p of proposals) {
    if (version === 1) {
      for (const enc of p.encryption)
        for (const integ of p.integrity)
          for (const g of p.dhGroups) {
            const e = IKE_ENC[style][enc];
            const h = (style === 'asa' ? ASA_IKEV1_HASH : IKE_HASH)[integ];
            if (!e || !h) return undefined;
            const kw = style === 'asa' ? 'crypto ikev1 policy' : 'crypto isakmp policy';
            out.push(
              `${kw} ${prio--}`,
              ' authentication pre-share',
              ` ${style === 'asa' ? 'encryption' : 'encr'} ${e}`,
              ` hash ${h}`,
              ` group ${g}`,
              ` lifetime ${t.phase1.lifetimeSeconds.value}`,
            );
          }
    } else if (style === 'asa') {
      const enc = mapAll(p.encryption, IKE_ENC.asa);
      const integ = mapAll(p.integrity.length ? p.integrity : ['null'], { ...IKE_HASH, null: 'null' });
      const prf = mapAll(p.prf.length ? p.prf.map((x) => x.replace(/^prf/, '')) : p.integrity, IKE_HASH);
      if (!enc || !integ || !prf) return undefined;
      out.push(
        `crypto ikev2 policy ${prio--}`,
        ` encryption ${enc.join(' ')}`,
        ` integrity ${integ.join(' ')}`,
        ` group ${p.dhGroups.join(' ')}`,
        ` prf ${prf.join(' ')}`,
        ` lifetime seconds ${t.phase1.lifetimeSeconds.value}`,
      );
    } else {
      const enc = mapAll(p.encryption, IKEV2_ENC_IOS);
      const integ = mapAll(p.integrity, IKE_HASH);
      if (!enc || !integ) return undefined;
      out.push(
        `crypto ikev2 proposal IKEV2-DRIFT-FIX`,
        ` encryption ${enc.join(' ')}`,
        ` integrity ${integ.map((i) => (i === 'sha' ? 'sha1' : i)).join(' ')}`,
        ` group ${p.dhGroups.join(' ')}`,
      );
      out.push('crypto ikev2 policy IKEV2-DRIFT-FIX', ' proposal IKEV2-DRIFT-FIX');
    }
    if (prio < 1) prio = 1;
  }
  return out.length ? out.join('\n') : undefined;
}

// --- selectors -------------------------------------------------------------------------------------

function asaAddress(cidr: string): string | undefined {
  const c = parseCidr(cidr);
  if (!c) return undefined;
  if (c.prefix === 0) return c.family === 4 ? 'any4' : 'any6';
  const base = formatCidr(c).split('/')[0];
  if (c.family === 6) return c.prefix === 128 ? `host ${base}` : formatCidr(c);
  if (c.prefix === 32) return `host ${base}`;
  return `${base} ${prefixToMask(c.prefix, false)}`;
}

function iosAddress(cidr: string): string | undefined {
  const c = parseCidr(cidr);
  if (c?.family !== 4) return undefined;
  if (c.prefix === 0) return 'any';
  const base = formatCidr(c).split('/')[0];
  if (c.prefix === 32) return `host ${base}`;
  return `${base} ${prefixToMask(c.prefix, true)}`;
}

function prefixToMask(prefix: number, wildcard: boolean): string {
  let n = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(32 - prefix);
  if (wildcard) n = ~n & 0xffffffffn;
  return [24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn)).join('.');
}

/** The ACL name: ASA/IOS numbered lines carry it (`access-list NAME …`), IOS named ACLs their header. */
function aclName(p2: Phase2): string | undefined {
  const m = /(?:^|; )(?:access-list ([^\s;]+)|ip access-list extended ([^\s;]+))/i.exec(p2.localSelectors.raw);
  return m ? (m[1] ?? m[2]) : undefined;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

const PROTOCOL_KEYWORDS: Record<number, string> = { 0: 'ip', 1: 'icmp', 6: 'tcp', 17: 'udp', 47: 'gre', 50: 'esp', 51: 'ahp', 132: 'sctp' };

/** `eq 53`, `range 1000 2000`, or '' for any port; undefined when Cisco cannot say it. */
function portSpec(r: PortRange | undefined): string | undefined {
  if (!r || (r.from <= 0 && r.to >= 65535)) return '';
  return r.from === r.to ? `eq ${r.from}` : `range ${r.from} ${r.to}`;
}

/** Other crypto map entries on the device that match the same ACL (a fix must not change them). */
function aclShared(device: Device, name: string, p2: Phase2): boolean {
  return device.tunnels.some((t) => t.phase2.some((q) => q !== p2 && aclName(q) === name));
}

/**
 * The crypto ACL of a map entry rewritten to exactly these selectors, as commands to paste: the
 * ACL is cleared and written again (`clear configure access-list` on the ASA, `no ip access-list
 * extended` on IOS); an ACL another entry also matches gets a new name and the entry is pointed at
 * it, so the other tunnel is left alone.
 */
function selectorsFix(style: Style, p2: Phase2 | undefined, target: SelectorsTarget, t: TunnelEnd, device: Device): string | undefined {
  if (!p2) return undefined;
  const e = entryOf(t, p2);
  if (!e || e.kind === 'profile') return undefined; // a VTI carries 0.0.0.0/0: route, don't select
  const proto = PROTOCOL_KEYWORDS[target.protocol ?? 0];
  if (proto === undefined) return undefined;
  const ports = (rs: PortRange[] | undefined) => (rs?.length ? rs : [undefined]);
  const hasPorts = (target.localPorts?.length ?? 0) + (target.remotePorts?.length ?? 0) > 0;
  if (hasPorts && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return undefined;
  const fmt = style === 'asa' ? asaAddress : iosAddress;
  const current = aclName(p2);
  const shared = current !== undefined && aclShared(device, current, p2);
  const name = current && !shared ? current : `${e.map}-${e.seq}-ACL`;
  const aces: string[] = [];
  for (const l of target.local)
    for (const r of target.remote)
      for (const lp of ports(target.localPorts))
        for (const rp of ports(target.remotePorts)) {
          const a = fmt(l);
          const b = fmt(r);
          const ps = portSpec(lp);
          const pd = portSpec(rp);
          if (!a || !b || ps === undefined || pd === undefined) return undefined;
          const body = [proto, a, ps, b, pd].filter(Boolean).join(' ');
          aces.push(style === 'asa' ? `access-list ${name} extended permit ${body}` : ` permit ${body}`);
        }
  const out: string[] = [];
  const reuse = name === current; // clear the old entries first; a new ACL has none
  if (style === 'asa') out.push(...(reuse ? [`clear configure access-list ${name}`] : []), ...aces);
  else out.push(...(reuse ? [`no ip access-list extended ${name}`] : []), `ip access-list extended ${name}`, ...aces);
  if (name !== current) out.push(entryCommands(style, e, [`match address ${name}`]));
  return out.join('\n');
}

function selectorFix(style: Style, p2: Phase2 | undefined, local: string[], remote: string[], t: TunnelEnd): string | undefined {
  if (!p2) return undefined;
  // nothing would change: no fix rather than a no-op one
  if (sameSet(local, p2.localSelectors.value) && sameSet(remote, p2.remoteSelectors.value)) return undefined;
  const e = entryOf(t, p2);
  if (!e || e.kind === 'profile') return undefined; // a VTI carries 0.0.0.0/0: route, don't select
  const name = aclName(p2) ?? `${e.map}-${e.seq}-ACL`;
  const lines: string[] = [];
  const fmt = style === 'asa' ? asaAddress : iosAddress;
  for (const l of local)
    for (const r of remote) {
      const a = fmt(l);
      const b = fmt(r);
      if (!a || !b) return undefined;
      lines.push(style === 'asa' ? `access-list ${name} extended permit ip ${a} ${b}` : ` permit ip ${a} ${b}`);
    }
  const head = `! replace the entries of access-list ${name} (crypto map ${e.map} ${e.seq}) with:`;
  return style === 'asa' ? [head, ...lines].join('\n') : [head, `ip access-list extended ${name}`, ...lines].join('\n');
}

// --- per field -----------------------------------------------------------------------------------

/**
 * What each platform's CLI accepts (command references; IOS ranges are those of IOS 15.x, which
 * IOS-XE widened for some): a target outside is not written, since the device would refuse it.
 */
const RANGES: Record<Style, Record<string, readonly [number, number]>> = {
  asa: {
    p2Seconds: [120, 2147483647],
    p2Kilobytes: [10, 2147483647],
    ikev1Lifetime: [120, 2147483647],
    ikev2Lifetime: [120, 2147483647],
    nattKeepalive: [10, 3600],
    dpd: [10, 3600],
  },
  ios: {
    p2Seconds: [120, 86400],
    p2Kilobytes: [2560, 4194303],
    ikev1Lifetime: [60, 86400],
    ikev2Lifetime: [120, 86400],
    nattKeepalive: [5, 3600],
    dpd: [10, 3600],
  },
};

function inRange(style: Style, what: string, n: number): boolean {
  const [lo, hi] = RANGES[style][what];
  return Number.isInteger(n) && n >= lo && n <= hi;
}

function peerOf(t: TunnelEnd): string {
  return t.remoteGateway.value === 'any' ? 'DefaultL2LGroup' : t.remoteGateway.value;
}

export function ciscoFix(style: Style, req: FixRequest): string | undefined {
  const t = req.tunnel;
  const e = entryOf(t, req.phase2);
  const v = t.ikeVersion.value;
  switch (req.field) {
    case 'phase2.lifetimeSeconds':
      if (!inRange(style, 'p2Seconds', req.target)) return undefined;
      return e && entryCommands(style, e, [`set security-association lifetime seconds ${req.target}`]);
    case 'phase2.lifetimeKilobytes': {
      if (req.target !== 0 && !inRange(style, 'p2Kilobytes', req.target)) return undefined;
      const kb = req.target === 0 ? (style === 'asa' ? 'unlimited' : 'disable') : String(req.target);
      return e && entryCommands(style, e, [`set security-association lifetime kilobytes ${kb}`]);
    }
    case 'phase2.pfsGroups': {
      const g = req.target.find((x) => x !== 0);
      return e && entryCommands(style, e, [g === undefined ? 'no set pfs' : `set pfs group${g}`]);
    }
    case 'phase2.proposals':
      return e && childProposalFix(style, v, e, req.target);
    case 'phase2.localSelectors':
      return selectorFix(style, req.phase2, req.target, req.phase2?.remoteSelectors.value ?? [], t);
    case 'phase2.remoteSelectors':
      return selectorFix(style, req.phase2, req.phase2?.localSelectors.value ?? [], req.target, t);
    case 'phase2.selectors':
      return selectorsFix(style, req.phase2, req.target, t, req.device);
    case 'phase1.lifetimeSeconds': {
      if (!inRange(style, v === 2 ? 'ikev2Lifetime' : 'ikev1Lifetime', req.target)) return undefined;
      // IOS IKEv2: the lifetime is the profile's (`crypto ikev2 policy` has none); the ASA's is the policy's
      if (style === 'ios' && v === 2)
        return `crypto ikev2 profile ${t.vendorRefs?.ikev2Profile ?? `<the profile matching ${peerOf(t)}>`}\n lifetime ${req.target}`;
      const { kind, names } = policyNames(t);
      if (names.length === 0) return undefined;
      const kw = v === 2 ? `lifetime seconds ${req.target}` : `lifetime ${req.target}`;
      return names.flatMap((n) => [`crypto ${kind} policy ${n}`, ` ${kw}`]).join('\n');
    }
    case 'phase1.proposals':
      return ikeProposalFix(style, t, req.target);
    case 'natt.mode':
      if (style === 'asa') {
        if (req.target === 'disabled') return e && entryCommands(style, e, ['set nat-t-disable']);
        if (req.target === 'auto')
          return ['crypto isakmp nat-traversal 20', e ? entryCommands(style, e, ['no set nat-t-disable']) : ''].filter(Boolean).join('\n');
        return undefined; // the ASA has no "always encapsulate" for LAN-to-LAN
      }
      if (req.target === 'disabled') return 'no crypto ipsec nat-transparency udp-encapsulation';
      if (req.target === 'auto') return 'crypto ipsec nat-transparency udp-encapsulation';
      return v === 2 ? `crypto ikev2 profile <the profile matching ${peerOf(t)}>\n nat force-encap` : undefined;
    case 'natt.keepaliveSeconds':
      if (!inRange(style, 'nattKeepalive', req.target)) return undefined;
      if (style === 'asa') return `crypto isakmp nat-traversal ${req.target}`;
      return v === 2 ? `crypto ikev2 nat keepalive ${req.target}` : `crypto isakmp nat keepalive ${req.target}`;
    case 'dpd.delaySeconds':
      if (req.target !== 0 && !inRange(style, 'dpd', req.target)) return undefined;
      if (style === 'asa')
        return [
          `tunnel-group ${peerOf(t)} ipsec-attributes`,
          req.target === 0 ? ' isakmp keepalive disable' : ` isakmp keepalive threshold ${req.target} retry 2`,
        ].join('\n');
      if (req.target === 0) return v === 2 ? 'no crypto ikev2 dpd' : 'no crypto isakmp keepalive';
      return v === 2 ? `crypto ikev2 dpd ${req.target} 2 on-demand` : `crypto isakmp keepalive ${req.target} 2`;
    case 'dpd': {
      const n = req.target.delaySeconds;
      if (!inRange(style, 'dpd', n)) return undefined;
      // the ASA's keepalive is periodic by nature (no keyword)
      if (style === 'asa') return [`tunnel-group ${peerOf(t)} ipsec-attributes`, ` isakmp keepalive threshold ${n} retry 2`].join('\n');
      const mode = req.target.mode === 'periodic' ? 'periodic' : 'on-demand';
      return v === 2 ? `crypto ikev2 dpd ${n} 2 ${mode}` : `crypto isakmp keepalive ${n} 2 ${mode}`;
    }
    case 'auth.psk':
      if (style === 'asa') {
        const lines =
          v === 2
            ? [' ikev2 local-authentication pre-shared-key <the shared key>', ' ikev2 remote-authentication pre-shared-key <the shared key>']
            : [' ikev1 pre-shared-key <the shared key>'];
        return [`tunnel-group ${peerOf(t)} ipsec-attributes`, ...lines].join('\n');
      }
      if (v === 2) return `crypto ikev2 keyring <the keyring of ${peerOf(t)}>\n peer ${peerOf(t)}\n  pre-shared-key <the shared key>`;
      return t.remoteGateway.value === 'any'
        ? 'crypto isakmp key <the shared key> address 0.0.0.0 0.0.0.0'
        : `crypto isakmp key <the shared key> address ${t.remoteGateway.value}`;
    case 'auth.localIdentity':
      return ciscoLocalIdentityFix(style, t, req.target);
    case 'auth.peerIdentity':
      return ciscoPeerIdentityFix(style, t, req.target);
    case 'remoteGateway':
      if (!e) return undefined;
      if (e.kind === 'profile') return `interface ${e.iface}\n tunnel destination ${req.target}`;
      // an IOS entry's ` set peer` adds a backup peer: the old one is taken out first (the ASA
      // one-liner replaces the list)
      return [
        entryCommands(style, e, [
          ...(style === 'ios' && t.remoteGateway.value !== 'any' && t.remoteGateway.value !== req.target ? [`no set peer ${t.remoteGateway.value}`] : []),
          `set peer ${req.target}`,
        ]),
        style === 'asa' ? `tunnel-group ${req.target} type ipsec-l2l` : '',
      ]
        .filter(Boolean)
        .join('\n');
    case 'ikeVersion':
      if (!e || style === 'ios') return undefined;
      return req.target === 2
        ? `${entryCommands(style, e, ['set ikev2 ipsec-proposal <an ikev2 ipsec-proposal>'])}\ncrypto ikev2 enable <the interface>`
        : `${entryCommands(style, e, ['set ikev1 transform-set <an ikev1 transform-set>'])}\ncrypto ikev1 enable <the interface>`;
    default:
      return undefined;
  }
}
