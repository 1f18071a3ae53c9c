/**
 * Fixes as Junos configure-mode commands, then `commit` (nothing takes effect before it):
 *
 *   set security ipsec proposal IPSEC-PROP lifetime-seconds 28800
 *   commit
 *
 * They are set commands whatever form the configuration was read from: Junos accepts them in
 * configure mode (`configure`, then the lines, then `commit`), and parse.ts applies them when
 * they follow a saved configuration in either form, so a fix re-reads as the value it sets.
 *
 * Objects are shared in Junos (one IKE policy or proposal serves many gateways; one IPsec policy
 * many VPNs). A fix never edits one under other tunnels: when another tunnel of the device uses
 * the policy, the fix copies it for this tunnel (`copy security ike policy P to policy P-GW`, the
 * pre-shared key travels with the copy and is never written) and points the gateway (or VPN) at
 * the copy; new or changed proposals get names of their own (`GW-ike-1`, `VPN-esp-1`). A policy
 * that names a proposal-set gets explicit proposals with the set's algorithms. The pre-shared key
 * itself is never written: the fix says where to type it.
 */
import type { FixRequest, SelectorsTarget } from '../../src/model/adapter.js';
import { isIpAddress, parseCidr } from '../../src/model/net.js';
import type { ChildProposal, Device, Identity, IkeProposal, Phase2, TunnelEnd } from '../../src/model/types.js';
import { IKE_ENCRYPTION_KEYWORD, IKE_INTEGRITY_KEYWORD, IPSEC_ENCRYPTION_KEYWORD, IPSEC_INTEGRITY_KEYWORD } from './crypto.js';
import { RANGES } from './defaults.js';
import type { Location } from './parse.js';
import { quoteWord } from './syntax.js';

const done = (lines: string[]) => [...lines, 'commit'].join('\n');

function locationOf(t: TunnelEnd): Location | undefined {
  const r = t.vendorRefs;
  if (!r?.vpn || !r.gateway || !r.ikePolicy || !r.ipsecPolicy) return undefined;
  const loc: Location = {
    vpn: r.vpn,
    gateway: r.gateway,
    ikePolicy: r.ikePolicy,
    ipsecPolicy: r.ipsecPolicy,
    ikeProposals: r.ikeProposals ?? '',
    ipsecProposals: r.ipsecProposals ?? '',
  };
  if (r.lsys) loc.lsys = r.lsys;
  if (r.ikeProposalSet) loc.ikeProposalSet = r.ikeProposalSet;
  if (r.ipsecProposalSet) loc.ipsecProposalSet = r.ipsecProposalSet;
  if (r.bind) loc.bind = r.bind;
  return loc;
}

/** `set security …` (under `logical-systems LS` when the VPN is in one). */
function cmd(loc: Location, verb: 'set' | 'delete' | 'copy', path: string[], value?: string | string[]): string {
  const full = [...(loc.lsys ? ['logical-systems', loc.lsys] : []), 'security', ...path];
  const base = [verb, ...full.map(quoteWord)].join(' ');
  if (value === undefined) return base;
  if (Array.isArray(value)) return value.length === 1 ? `${base} ${quoteWord(value[0])}` : `${base} [ ${value.map(quoteWord).join(' ')} ]`;
  return `${base} ${quoteWord(value)}`;
}

const GW = (loc: Location) => ['ike', 'gateway', loc.gateway];

/**
 * The gateway's `local-identity`/`remote-identity` kind for an identity (README "Identities"; Junos
 * CLI reference local-identity: inet, hostname, user-at-hostname, distinguished-name; inet6 and
 * key-id as the parser reads them). A DN comes from the certificate: no value to write.
 */
function junosIdKind(id: Identity): string | undefined {
  return { ipv4: 'inet', ipv6: 'inet6', fqdn: 'hostname', 'user-fqdn': 'user-at-hostname', 'key-id': 'key-id', dn: undefined }[id.type];
}
const IKE_POLICY = (name: string) => ['ike', 'policy', name];
const IKE_PROPOSAL = (name: string) => ['ike', 'proposal', name];
const IPSEC_POLICY = (name: string) => ['ipsec', 'policy', name];
const IPSEC_PROPOSAL = (name: string) => ['ipsec', 'proposal', name];
const VPN = (loc: Location) => ['ipsec', 'vpn', loc.vpn];

/** Other tunnel ends of this device (in the same logical system) whose refs match. */
function others(device: Device, t: TunnelEnd, same: (r: Record<string, string>) => boolean): boolean {
  const lsys = t.vendorRefs?.lsys;
  return device.tunnels.some((o) => o !== t && o.vendorRefs?.lsys === lsys && o.vendorRefs !== undefined && same(o.vendorRefs));
}

const words = (s: string | undefined) => (s ? s.split(' ').filter(Boolean) : []);

// --- the IKE side ------------------------------------------------------------------------------

interface IkeChange {
  proposals?: IkeProposal[];
  lifetime?: number;
  method?: 'psk' | 'certificate';
}

/** Junos IKE proposals hold one of each: a proposal of alternatives becomes their product. */
function ikeCombos(proposals: IkeProposal[]): Array<{ enc: string; auth: string; dh: number }> | undefined {
  const out: Array<{ enc: string; auth: string; dh: number }> = [];
  for (const p of proposals) {
    const auths = p.integrity.length ? p.integrity : p.prf.map((f) => f.replace(/^prf/, ''));
    if (!p.encryption.length || !auths.length || !p.dhGroups.length) return undefined;
    for (const e of p.encryption) for (const a of auths) for (const g of p.dhGroups) out.push({ enc: e, auth: a, dh: g });
  }
  const ok = out.every((c) => IKE_ENCRYPTION_KEYWORD[c.enc] && IKE_INTEGRITY_KEYWORD[c.auth] && [1, 2, 5, 14, 15, 16, 19, 20, 21, 24].includes(c.dh));
  return ok && out.length ? out : undefined;
}

function ikeEdit(req: FixRequest, loc: Location, change: IkeChange): string | undefined {
  const t = req.tunnel;
  const lines: string[] = [];
  const sharedPolicy = others(req.device, t, (r) => r.ikePolicy === loc.ikePolicy && r.gateway !== loc.gateway);
  const current = words(loc.ikeProposals);
  const sharedProposals = current.some((n) => others(req.device, t, (r) => r.gateway !== loc.gateway && words(r.ikeProposals).includes(n)));
  let policy = loc.ikePolicy;
  if (sharedPolicy) {
    policy = `${loc.ikePolicy}-${loc.gateway}`;
    lines.push(cmd(loc, 'copy', [...IKE_POLICY(loc.ikePolicy), 'to', 'policy', policy]), cmd(loc, 'set', [...GW(loc), 'ike-policy'], policy));
  }
  const lifetime = change.lifetime ?? t.phase1.lifetimeSeconds.value;
  const method = change.method ?? (t.auth.method.value === 'certificate' ? 'certificate' : 'psk');
  const inPlace = !sharedProposals && !loc.ikeProposalSet && !change.proposals && current.length > 0;
  if (inPlace) {
    for (const n of current) {
      if (change.lifetime !== undefined) lines.push(cmd(loc, 'set', [...IKE_PROPOSAL(n), 'lifetime-seconds'], String(lifetime)));
      if (change.method) lines.push(cmd(loc, 'set', [...IKE_PROPOSAL(n), 'authentication-method'], methodWord(change.method)));
    }
    return done(lines);
  }
  // new proposals of this gateway's own, with every attribute
  const combos = ikeCombos(change.proposals ?? t.phase1.proposals.value);
  if (!combos) return undefined;
  const names = combos.map((_, i) => `${loc.gateway}-ike-${i + 1}`);
  combos.forEach((c, i) => {
    const p = IKE_PROPOSAL(names[i]);
    lines.push(
      cmd(loc, 'set', [...p, 'authentication-method'], methodWord(method)),
      cmd(loc, 'set', [...p, 'dh-group'], `group${c.dh}`),
      cmd(loc, 'set', [...p, 'authentication-algorithm'], IKE_INTEGRITY_KEYWORD[c.auth]),
      cmd(loc, 'set', [...p, 'encryption-algorithm'], IKE_ENCRYPTION_KEYWORD[c.enc]),
      cmd(loc, 'set', [...p, 'lifetime-seconds'], String(lifetime)),
    );
  });
  if (loc.ikeProposalSet) lines.push(cmd(loc, 'delete', [...IKE_POLICY(policy), 'proposal-set']));
  lines.push(cmd(loc, 'delete', [...IKE_POLICY(policy), 'proposals']), cmd(loc, 'set', [...IKE_POLICY(policy), 'proposals'], names));
  return done(lines);
}

/** The certificate method is written as rsa-signatures (the model does not keep which signature). */
function methodWord(m: 'psk' | 'certificate'): string {
  return m === 'psk' ? 'pre-shared-keys' : 'rsa-signatures';
}

// --- the IPsec side ----------------------------------------------------------------------------

interface IpsecChange {
  proposals?: ChildProposal[];
  lifetime?: number;
  kilobytes?: number;
  pfs?: number;
}

function espCombos(proposals: ChildProposal[]): Array<{ protocol: 'esp' | 'ah'; enc?: string; auth?: string }> | undefined {
  const out: Array<{ protocol: 'esp' | 'ah'; enc?: string; auth?: string }> = [];
  for (const p of proposals) {
    if (p.protocol === 'ah') {
      for (const a of p.integrity) out.push({ protocol: 'ah', auth: a });
      continue;
    }
    const auths = p.integrity.length ? p.integrity : [undefined];
    for (const e of p.encryption) for (const a of auths) out.push({ protocol: 'esp', enc: e === 'null' ? undefined : e, auth: a });
  }
  const ok = out.every((c) => (c.enc === undefined || IPSEC_ENCRYPTION_KEYWORD[c.enc]) && (c.auth === undefined || IPSEC_INTEGRITY_KEYWORD[c.auth]));
  return ok && out.length ? out : undefined;
}

function ipsecEdit(req: FixRequest, loc: Location, change: IpsecChange): string | undefined {
  const t = req.tunnel;
  const p2: Phase2 | undefined = req.phase2 ?? t.phase2[0];
  if (!p2) return undefined;
  const lines: string[] = [];
  const sharedPolicy = others(req.device, t, (r) => r.ipsecPolicy === loc.ipsecPolicy && r.vpn !== loc.vpn);
  const current = words(loc.ipsecProposals);
  const sharedProposals = current.some((n) => others(req.device, t, (r) => r.vpn !== loc.vpn && words(r.ipsecProposals).includes(n)));
  let policy = loc.ipsecPolicy;
  if (sharedPolicy) {
    policy = `${loc.ipsecPolicy}-${loc.vpn}`;
    lines.push(cmd(loc, 'copy', [...IPSEC_POLICY(loc.ipsecPolicy), 'to', 'policy', policy]), cmd(loc, 'set', [...VPN(loc), 'ike', 'ipsec-policy'], policy));
  }
  if (change.pfs !== undefined) {
    if (change.pfs === 0) lines.push(cmd(loc, 'delete', [...IPSEC_POLICY(policy), 'perfect-forward-secrecy']));
    else lines.push(cmd(loc, 'set', [...IPSEC_POLICY(policy), 'perfect-forward-secrecy', 'keys'], `group${change.pfs}`));
    // the standard set carries PFS group 2 itself: no PFS needs explicit proposals
    if (!(change.pfs === 0 && loc.ipsecProposalSet === 'standard') && !change.proposals && change.lifetime === undefined && change.kilobytes === undefined)
      return done(lines);
  }
  const lifetime = change.lifetime ?? p2.lifetimeSeconds.value;
  const kilobytes = change.kilobytes ?? p2.lifetimeKilobytes.value;
  const inPlace = !sharedProposals && !loc.ipsecProposalSet && !change.proposals && current.length > 0;
  if (inPlace) {
    for (const n of current) {
      if (change.lifetime !== undefined) lines.push(cmd(loc, 'set', [...IPSEC_PROPOSAL(n), 'lifetime-seconds'], String(lifetime)));
      if (change.kilobytes !== undefined)
        lines.push(
          kilobytes === 0
            ? cmd(loc, 'delete', [...IPSEC_PROPOSAL(n), 'lifetime-kilobytes'])
            : cmd(loc, 'set', [...IPSEC_PROPOSAL(n), 'lifetime-kilobytes'], String(kilobytes)),
        );
    }
    return done(lines);
  }
  const combos = espCombos(change.proposals ?? p2.proposals.value);
  if (!combos) return undefined;
  const names = combos.map((_, i) => `${loc.vpn}-${combos[i].protocol}-${i + 1}`);
  combos.forEach((c, i) => {
    const p = IPSEC_PROPOSAL(names[i]);
    lines.push(cmd(loc, 'set', [...p, 'protocol'], c.protocol));
    if (c.auth) lines.push(cmd(loc, 'set', [...p, 'authentication-algorithm'], IPSEC_INTEGRITY_KEYWORD[c.auth]));
    if (c.enc) lines.push(cmd(loc, 'set', [...p, 'encryption-algorithm'], IPSEC_ENCRYPTION_KEYWORD[c.enc]));
    lines.push(cmd(loc, 'set', [...p, 'lifetime-seconds'], String(lifetime)));
    if (kilobytes > 0) lines.push(cmd(loc, 'set', [...p, 'lifetime-kilobytes'], String(kilobytes)));
  });
  // a set's own PFS goes with the set: keep the tunnel's current group explicit
  if (loc.ipsecProposalSet && change.pfs === undefined) {
    const g = p2.pfsGroups.value[0] ?? 0;
    if (g > 0 && p2.pfsGroups.origin !== 'explicit') lines.push(cmd(loc, 'set', [...IPSEC_POLICY(policy), 'perfect-forward-secrecy', 'keys'], `group${g}`));
  }
  if (loc.ipsecProposalSet) lines.push(cmd(loc, 'delete', [...IPSEC_POLICY(policy), 'proposal-set']));
  lines.push(cmd(loc, 'delete', [...IPSEC_POLICY(policy), 'proposals']), cmd(loc, 'set', [...IPSEC_POLICY(policy), 'proposals'], names));
  return done(lines);
}

// --- selectors -----------------------------------------------------------------------------------

function selectorFix(loc: Location, p2: Phase2 | undefined, side: 'local' | 'remote', target: string[]): string | undefined {
  if (!p2 || !target.length || target.some((c) => !parseCidr(c))) return undefined;
  const mine = side === 'local' ? target : p2.localSelectors.value;
  const theirs = side === 'remote' ? target : p2.remoteSelectors.value;
  const ts = p2.vendorRefs?.trafficSelector;
  if (p2.vendorRefs?.proxyIdentity || (!loc.bind && !ts)) {
    // one proxy identity per VPN: it holds one prefix each way
    if (mine.length !== 1 || theirs.length !== 1) return undefined;
    return done([cmd(loc, 'set', [...VPN(loc), 'ike', 'proxy-identity', side], side === 'local' ? mine[0] : theirs[0])]);
  }
  if (ts && mine.length === 1 && theirs.length === 1) return done([cmd(loc, 'set', [...VPN(loc), 'traffic-selector', ts, `${side}-ip`], target[0])]);
  // route-based: one traffic selector per pair of prefixes
  const pairs = mine.flatMap((l) => theirs.map((r) => [l, r]));
  if (!pairs.length) return undefined;
  const base = ts ?? loc.vpn;
  const lines: string[] = ts ? [cmd(loc, 'delete', [...VPN(loc), 'traffic-selector', ts])] : [];
  pairs.forEach(([l, r], i) => {
    const name = pairs.length === 1 ? `${base}-ts` : `${base}-ts-${i + 1}`;
    lines.push(
      cmd(loc, 'set', [...VPN(loc), 'traffic-selector', name, 'local-ip'], l),
      cmd(loc, 'set', [...VPN(loc), 'traffic-selector', name, 'remote-ip'], r),
    );
  });
  return done(lines);
}

/**
 * The whole selector at once (the mirror of the other end's). Route-based: traffic selectors, one per
 * pair of prefixes, or none for 0.0.0.0/0 both ways (the route-based default); proxy identity or
 * policy-based: one prefix each way. Junos's proxy identity names an application for the protocol
 * and ports, so only "any" is written here.
 */
function selectorsFix(loc: Location, p2: Phase2 | undefined, target: SelectorsTarget): string | undefined {
  if (!p2 || !target.local.length || !target.remote.length || [...target.local, ...target.remote].some((c) => !parseCidr(c))) return undefined;
  if ((target.protocol ?? 0) !== 0 || target.localPorts?.length || target.remotePorts?.length) return undefined;
  const ts = p2.vendorRefs?.trafficSelector;
  if (p2.vendorRefs?.proxyIdentity || (!loc.bind && !ts)) {
    if (target.local.length !== 1 || target.remote.length !== 1) return undefined;
    return done([
      cmd(loc, 'set', [...VPN(loc), 'ike', 'proxy-identity', 'local'], target.local[0]),
      cmd(loc, 'set', [...VPN(loc), 'ike', 'proxy-identity', 'remote'], target.remote[0]),
      cmd(loc, 'set', [...VPN(loc), 'ike', 'proxy-identity', 'service'], 'any'),
    ]);
  }
  const lines: string[] = ts ? [cmd(loc, 'delete', [...VPN(loc), 'traffic-selector', ts])] : [];
  const anyToAny = target.local.length === 1 && target.remote.length === 1 && target.local[0] === '0.0.0.0/0' && target.remote[0] === '0.0.0.0/0';
  if (anyToAny) return ts ? done(lines) : undefined;
  const pairs = target.local.flatMap((l) => target.remote.map((r) => [l, r]));
  const base = ts ?? loc.vpn;
  pairs.forEach(([l, r], i) => {
    const name = pairs.length === 1 ? (ts ?? `${base}-ts`) : `${base}-ts-${i + 1}`;
    lines.push(
      cmd(loc, 'set', [...VPN(loc), 'traffic-selector', name, 'local-ip'], l),
      cmd(loc, 'set', [...VPN(loc), 'traffic-selector', name, 'remote-ip'], r),
    );
  });
  return done(lines);
}

const PSK_PLACEHOLDER = '<the pre-shared key, as on the peer>';

export function fixJunos(req: FixRequest): string | undefined {
  const t = req.tunnel;
  const loc = locationOf(t);
  if (!loc) return undefined;
  switch (req.field) {
    case 'ikeVersion':
      return done([cmd(loc, 'set', [...GW(loc), 'version'], req.target === 2 ? 'v2-only' : 'v1-only')]);
    case 'remoteGateway': {
      const target = req.target;
      // a dynamic peer needs its IKE identity, which the model does not carry
      if (target === 'any' || !isIpAddress(target)) return undefined;
      const lines = [cmd(loc, 'delete', [...GW(loc), 'address'])];
      if (t.remoteGateway.value === 'any') lines.push(cmd(loc, 'delete', [...GW(loc), 'dynamic']));
      lines.push(cmd(loc, 'set', [...GW(loc), 'address'], target));
      return done(lines);
    }
    case 'auth.method':
      if (req.target !== 'psk' && req.target !== 'certificate') return undefined;
      if (req.target === 'psk') {
        const ike = ikeEdit(req, loc, { method: 'psk' });
        if (!ike) return undefined;
        return ike.replace(/\ncommit$/, `\n${cmd(loc, 'set', [...IKE_POLICY(loc.ikePolicy), 'pre-shared-key', 'ascii-text'])} ${PSK_PLACEHOLDER}\ncommit`);
      }
      return ikeEdit(req, loc, { method: 'certificate' });
    case 'auth.psk':
      return done([`${cmd(loc, 'set', [...IKE_POLICY(loc.ikePolicy), 'pre-shared-key', 'ascii-text'])} ${PSK_PLACEHOLDER}`]);
    case 'auth.localIdentity':
    case 'auth.peerIdentity': {
      const statement = req.field === 'auth.localIdentity' ? 'local-identity' : 'remote-identity';
      const current = req.field === 'auth.localIdentity' ? t.auth.localIdentity : t.auth.peerIdentity;
      const kind = junosIdKind(req.target);
      if (!kind || !req.target.value) return undefined;
      // one kind per statement: the one written is deleted first so that no other kind remains
      const lines = current?.origin === 'explicit' ? [cmd(loc, 'delete', [...GW(loc), statement])] : [];
      return done([...lines, cmd(loc, 'set', [...GW(loc), statement, kind], req.target.value)]);
    }
    case 'phase1.proposals':
      return ikeEdit(req, loc, { proposals: req.target });
    case 'phase1.lifetimeSeconds': {
      const [lo, hi] = RANGES.lifetimeSeconds;
      if (!Number.isInteger(req.target) || req.target < lo || req.target > hi) return undefined;
      return ikeEdit(req, loc, { lifetime: req.target });
    }
    case 'natt.mode':
      if (req.target === 'forced') return undefined; // no forced UDP encapsulation in the statements read here
      return done([req.target === 'disabled' ? cmd(loc, 'set', [...GW(loc), 'no-nat-traversal']) : cmd(loc, 'delete', [...GW(loc), 'no-nat-traversal'])]);
    case 'natt.keepaliveSeconds': {
      const [lo, hi] = RANGES.natKeepalive;
      if (!Number.isInteger(req.target) || req.target < lo || req.target > hi) return undefined;
      const lines = t.natt.mode.value === 'disabled' ? [cmd(loc, 'delete', [...GW(loc), 'no-nat-traversal'])] : [];
      return done([...lines, cmd(loc, 'set', [...GW(loc), 'nat-keepalive'], String(req.target))]);
    }
    case 'dpd.delaySeconds': {
      if (req.target === 0) return done([cmd(loc, 'delete', [...GW(loc), 'dead-peer-detection'])]);
      const [lo, hi] = RANGES.dpdInterval;
      if (!Number.isInteger(req.target) || req.target < lo || req.target > hi) return undefined;
      return done([cmd(loc, 'set', [...GW(loc), 'dead-peer-detection', 'interval'], String(req.target))]);
    }
    case 'dpd': {
      const [lo, hi] = RANGES.dpdInterval;
      const n = req.target.delaySeconds;
      if (!Number.isInteger(n) || n < lo || n > hi) return undefined;
      const mode = req.target.mode === 'periodic' ? [cmd(loc, 'set', [...GW(loc), 'dead-peer-detection', 'probe-idle-tunnel'])] : [];
      return done([...mode, cmd(loc, 'set', [...GW(loc), 'dead-peer-detection', 'interval'], String(n))]);
    }
    case 'phase2.proposals':
      return ipsecEdit(req, loc, { proposals: req.target });
    case 'phase2.pfsGroups': {
      const g = req.target[0];
      if (g === undefined || (g !== 0 && ![1, 2, 5, 14, 15, 16, 19, 20, 21, 24].includes(g))) return undefined;
      return ipsecEdit(req, loc, { pfs: g });
    }
    case 'phase2.lifetimeSeconds': {
      const [lo, hi] = RANGES.lifetimeSeconds;
      if (!Number.isInteger(req.target) || req.target < lo || req.target > hi) return undefined;
      return ipsecEdit(req, loc, { lifetime: req.target });
    }
    case 'phase2.lifetimeKilobytes': {
      const [lo, hi] = RANGES.lifetimeKilobytes;
      if (!Number.isInteger(req.target) || (req.target !== 0 && (req.target < lo || req.target > hi))) return undefined;
      return ipsecEdit(req, loc, { kilobytes: req.target });
    }
    case 'phase2.localSelectors':
      return selectorFix(loc, req.phase2, 'local', req.target);
    case 'phase2.remoteSelectors':
      return selectorFix(loc, req.phase2, 'remote', req.target);
    case 'phase2.selectors':
      return selectorsFix(loc, req.phase2 ?? t.phase2[0], req.target);
    default:
      return undefined;
  }
}
