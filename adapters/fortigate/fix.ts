/**
 * Fixes as FortiOS CLI blocks, pasted as-is into the CLI:
 *
 *   config vpn ipsec phase2-interface
 *       edit "to-hq"
 *           set keylifeseconds 28800
 *       next
 *   end
 *
 * wrapped in `config vdom` / `edit <vdom>` … `end` on a multi-VDOM device. Units are FortiOS's own
 * (seconds, kilobytes). A target FortiOS cannot express (out of range, AH, an unknown cipher)
 * gives undefined. The pre-shared key is never written: the fix says where to type it.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { PortRange, TunnelEnd } from '../../src/model/types.js';
import { isIPv4, isIPv6 } from 'node:net';
import { parseCidr } from '../../src/model/net.js';
import { childTokens, ikeTokens } from './crypto.js';
import { RANGES } from './defaults.js';
import { locationOf, type TunnelLocation } from './parse.js';
import { fortigateLocalIdSets, fortigatePeerIdSets } from './identity-fix.js';

function quote(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Where the tunnel lives; without the parse-time record, the name (`vdom/name` on multi-VDOM devices) tells. */
function locate(t: TunnelEnd): TunnelLocation {
  const known = locationOf(t);
  if (known) return known;
  const slash = t.name.indexOf('/');
  return slash > 0
    ? { vdom: t.name.slice(0, slash), multiVdom: true, mode: 'interface', phase1: t.name.slice(slash + 1) }
    : { vdom: 'root', multiVdom: false, mode: 'interface', phase1: t.name };
}

function block(loc: TunnelLocation, table: string, name: string, sets: string[], before: string[] = []): string {
  const body = [...before, `config vpn ipsec ${table}`, `    edit ${quote(name)}`, ...sets.map((s) => `        ${s}`), '    next', 'end'];
  return (loc.multiVdom ? ['config vdom', `edit ${loc.vdom}`, ...body, 'end'] : body).join('\n');
}

function inRange(n: number, key: keyof typeof RANGES): boolean {
  const [lo, hi] = RANGES[key];
  return Number.isInteger(n) && n >= lo && n <= hi;
}

function dottedMask(prefix: number): string {
  const n = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');
}

/**
 * One CIDR: `set src-addr-type subnet` + `set src-subnet A M`. Several: address objects and a
 * group named after the phase 2 (FortiOS selectors take one value or one name).
 */
function selectorChange(p2name: string, side: 'src' | 'dst', cidrs: string[]): { before: string[]; sets: string[] } | undefined {
  const parsed = cidrs.map(parseCidr);
  if (!parsed.length || parsed.some((c) => !c)) return undefined;
  const v6 = parsed[0]!.family === 6;
  if (parsed.some((c) => (c!.family === 6) !== v6)) return undefined;
  const sfx = v6 ? '6' : '';
  if (cidrs.length === 1) {
    const c = parsed[0]!;
    const [addr] = cidrs[0].split('/');
    const value = v6 ? cidrs[0] : `${addr} ${dottedMask(c.prefix)}`;
    return { before: [], sets: [`set ${side}-addr-type subnet${sfx}`, `set ${side}-subnet${sfx} ${value}`] };
  }
  const base = `${p2name}-${side === 'src' ? 'local' : 'remote'}`;
  const names = cidrs.map((_, i) => `${base}-${i + 1}`);
  const objects = [
    `config firewall address${sfx}`,
    ...cidrs.flatMap((cidr, i) => {
      const [addr, len] = cidr.split('/');
      return [`    edit ${quote(names[i])}`, v6 ? `        set ip6 ${cidr}` : `        set subnet ${addr} ${dottedMask(Number(len))}`, '    next'];
    }),
    'end',
    `config firewall addrgrp${sfx}`,
    `    edit ${quote(base)}`,
    `        set member ${names.map(quote).join(' ')}`,
    '    next',
    'end',
  ];
  return { before: objects, sets: [`set ${side}-addr-type name${sfx}`, `set ${side}-name${sfx} ${quote(base)}`] };
}

export function fixFortiGate(req: FixRequest): string | undefined {
  const loc = locate(req.tunnel);
  const p1table = loc.mode === 'interface' ? 'phase1-interface' : 'phase1';
  const p2table = loc.mode === 'interface' ? 'phase2-interface' : 'phase2';
  const p1 = (sets: string[]) => block(loc, p1table, loc.phase1, sets);
  const p2name = req.phase2?.name;
  const p2 = (sets: string[], before: string[] = []) => (p2name === undefined ? undefined : block(loc, p2table, p2name, sets, before));

  switch (req.field) {
    case 'ikeVersion':
      return p1([`set ike-version ${req.target}`]);
    case 'remoteGateway': {
      const gw = req.target;
      if (gw === 'any') return p1(['set type dynamic']);
      if (isIPv4(gw)) return p1(['set type static', `set remote-gw ${gw}`]);
      if (isIPv6(gw)) return p1(['set type static', 'set ip-version 6', `set remote-gw6 ${gw}`]);
      return p1(['set type ddns', `set remotegw-ddns ${quote(gw)}`]);
    }
    case 'auth.method':
      if (req.target === 'psk') return p1(['set authmethod psk', 'set psksecret <the pre-shared key, as on the peer>']);
      if (req.target === 'certificate') return p1(['set authmethod signature', 'set certificate <local certificate name>']);
      return undefined;
    case 'auth.psk':
      return p1(['set psksecret <the pre-shared key, as on the peer>']);
    case 'auth.localIdentity': {
      const sets = fortigateLocalIdSets(req.target, quote);
      return sets ? p1(sets) : undefined;
    }
    case 'auth.peerIdentity': {
      const sets = fortigatePeerIdSets(req.target, quote);
      return sets ? p1(sets) : undefined;
    }
    case 'phase1.proposals': {
      const tokens = ikeTokens(req.target);
      const groups = [...new Set(req.target.flatMap((p) => p.dhGroups))];
      if (!tokens || !groups.length) return undefined;
      return p1([`set proposal ${tokens.join(' ')}`, `set dhgrp ${groups.join(' ')}`]);
    }
    case 'phase1.lifetimeSeconds':
      return inRange(req.target, 'keylife') ? p1([`set keylife ${req.target}`]) : undefined;
    case 'natt.mode':
      return p1([`set nattraversal ${{ auto: 'enable', forced: 'forced', disabled: 'disable' }[req.target]}`]);
    case 'natt.keepaliveSeconds':
      return inRange(req.target, 'keepalive') ? p1([`set keepalive ${req.target}`]) : undefined;
    case 'dpd.delaySeconds':
      return inRange(req.target, 'dpd-retryinterval') ? p1([`set dpd-retryinterval ${req.target}`]) : undefined;
    case 'dpd':
      // DPD is off (`set dpd disable`): the interval alone would change nothing; on-idle probes an idle tunnel (periodic)
      return inRange(req.target.delaySeconds, 'dpd-retryinterval')
        ? p1([`set dpd ${req.target.mode === 'periodic' ? 'on-idle' : 'on-demand'}`, `set dpd-retryinterval ${req.target.delaySeconds}`])
        : undefined;
    case 'phase2.proposals': {
      const tokens = childTokens(req.target);
      return tokens ? p2([`set proposal ${tokens.join(' ')}`]) : undefined;
    }
    case 'phase2.pfsGroups': {
      const groups = req.target.filter((g) => g !== 0);
      if (req.target.length === 0) return undefined;
      return groups.length === 0 ? p2(['set pfs disable']) : p2(['set pfs enable', `set dhgrp ${groups.join(' ')}`]);
    }
    case 'phase2.lifetimeSeconds': {
      if (!inRange(req.target, 'keylifeseconds')) return undefined;
      // a kbs-only phase 2 (lifetimeSeconds 0) needs the time limit switched on as well
      const kbsOnly = req.phase2?.lifetimeSeconds.value === 0;
      return p2([...(kbsOnly ? ['set keylife-type both'] : []), `set keylifeseconds ${req.target}`]);
    }
    case 'phase2.lifetimeKilobytes': {
      if (req.target === 0) return p2(['set keylife-type seconds']);
      if (!inRange(req.target, 'keylifekbs')) return undefined;
      const timeToo = req.phase2?.lifetimeSeconds.value !== 0;
      return p2([`set keylife-type ${timeToo ? 'both' : 'kbs'}`, `set keylifekbs ${req.target}`]);
    }
    case 'phase2.selectors': {
      if (p2name === undefined) return undefined;
      const src = selectorChange(p2name, 'src', req.target.local);
      const dst = selectorChange(p2name, 'dst', req.target.remote);
      // FortiOS selectors take one protocol and one port per side (0 = any)
      const port = (rs: PortRange[] | undefined) => (!rs || rs.length === 0 ? 0 : rs.length === 1 && rs[0].from === rs[0].to ? rs[0].from : undefined);
      const sp = port(req.target.localPorts);
      const dp = port(req.target.remotePorts);
      if (!src || !dst || sp === undefined || dp === undefined) return undefined;
      const had = req.phase2;
      // addresses that already are the target keep their objects (only the protocol or ports change)
      const same = (x: string[], y: string[] | undefined) => y !== undefined && x.length === y.length && x.every((c) => y.includes(c));
      const keepSrc = same(req.target.local, had?.localSelectors.value);
      const keepDst = same(req.target.remote, had?.remoteSelectors.value);
      const sets = [...(keepSrc ? [] : src.sets), ...(keepDst ? [] : dst.sets)];
      if ((req.target.protocol ?? 0) !== (had?.ipProtocol?.value ?? 0)) sets.push(`set protocol ${req.target.protocol ?? 0}`);
      if (sp !== 0 || had?.localPorts) sets.push(`set src-port ${sp}`);
      if (dp !== 0 || had?.remotePorts) sets.push(`set dst-port ${dp}`);
      if (sets.length === 0) return undefined;
      return p2(sets, [...(keepSrc ? [] : src.before), ...(keepDst ? [] : dst.before)]);
    }
    case 'phase2.localSelectors':
    case 'phase2.remoteSelectors': {
      if (p2name === undefined) return undefined;
      const change = selectorChange(p2name, req.field === 'phase2.localSelectors' ? 'src' : 'dst', req.target);
      return change ? p2(change.sets, change.before) : undefined;
    }
  }
}
