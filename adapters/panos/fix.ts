/**
 * Fixes as PAN-OS configure-mode commands, then `commit` (nothing takes effect before it):
 *
 *   set network ike crypto-profiles ipsec-crypto-profiles IPSEC-HQ lifetime seconds 28800
 *   commit
 *
 * On Panorama the path starts `set template <T> config …` (then push to the devices). Units are the
 * profile's own where the value divides evenly (`lifetime hours 8`), else the next that does.
 * A crypto profile used by other gateways or tunnels is not edited in place (the change would
 * reach them too): the fix makes a copy named after this tunnel and points the tunnel at it.
 * Lists are replaced (`delete` then `set … [ … ]`), never merged. The pre-shared key is never
 * written: the fix says where to type it. A target PAN-OS cannot express gives undefined.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import { parseCidr } from '../../src/model/net.js';
import type { ChildProposal, Device, IkeProposal, Phase2, Setting, TunnelEnd } from '../../src/model/types.js';
import { dhGroupName } from '../../src/model/vocab.js';
import { ENCRYPTION_KEYWORD, INTEGRITY_KEYWORD } from './crypto.js';
import { RANGES } from './defaults.js';
import type { Location } from './parse.js';
import { commandText, quoteWord } from './setformat.js';

function locationOf(t: TunnelEnd): Location | undefined {
  const r = t.vendorRefs;
  if (!r?.gateway || !r.tunnel || !r.ikeProfile || !r.ipsecProfile) return undefined;
  const loc: Location = {
    gateway: r.gateway,
    tunnel: r.tunnel,
    ikeProfile: r.ikeProfile,
    ipsecProfile: r.ipsecProfile,
    ikeVersion: r.ikeVersion === 'ikev2' || r.ikeVersion === 'ikev2-preferred' ? r.ikeVersion : 'ikev1',
  };
  if (r.template) {
    loc.template = r.template;
    loc.templateKind = r.templateKind === 'template-stack' ? 'template-stack' : 'template';
  }
  return loc;
}

/** `set <path>` with the Panorama template prefix when the tunnel came from one. */
function cmd(loc: Location, verb: 'set' | 'delete', path: string[], value?: string | string[]): string {
  const full = loc.template ? [loc.templateKind ?? 'template', loc.template, 'config', ...path] : path;
  const base = commandText(verb, full);
  if (value === undefined) return base;
  if (Array.isArray(value)) return value.length === 1 ? `${base} ${quoteWord(value[0])}` : `${base} [ ${value.map(quoteWord).join(' ')} ]`;
  return `${base} ${quoteWord(value)}`;
}

const done = (lines: string[]) => [...lines, 'commit'].join('\n');

const GW = (loc: Location) => ['network', 'ike', 'gateway', loc.gateway];
const IKE_PROFILE = (name: string) => ['network', 'ike', 'crypto-profiles', 'ike-crypto-profiles', name];
const IPSEC_PROFILE = (name: string) => ['network', 'ike', 'crypto-profiles', 'ipsec-crypto-profiles', name];
const TUNNEL = (loc: Location) => ['network', 'tunnel', 'ipsec', loc.tunnel];

/** `lifetime hours 8` in the unit already used if exact and in range, else the first that is. */
export function lifetimeWords(seconds: number, preferred?: string): string[] | undefined {
  const units: Array<[keyof typeof RANGES.lifetime, number]> = [
    ['seconds', 1],
    ['minutes', 60],
    ['hours', 3600],
    ['days', 86400],
  ];
  const order = [...units].sort((x, y) => (x[0] === preferred ? -1 : y[0] === preferred ? 1 : 0));
  for (const [unit, per] of order) {
    if (seconds % per !== 0) continue;
    const n = seconds / per;
    const [lo, hi] = RANGES.lifetime[unit];
    if (n >= lo && n <= hi) return ['lifetime', unit, String(n)];
  }
  return undefined;
}

function lifesizeWords(kb: number, preferred?: string): string[] | undefined {
  const units: Array<[keyof typeof RANGES.lifesize, number, string]> = [
    ['kb', 1, 'kilobytes'],
    ['mb', 1024, 'megabytes'],
    ['gb', 1024 * 1024, 'gigabytes'],
    ['tb', 1024 * 1024 * 1024, ''],
  ];
  const order = [...units].sort((x, y) => (x[2] === preferred ? -1 : y[2] === preferred ? 1 : 0));
  for (const [unit, per] of order) {
    if (kb % per !== 0) continue;
    const n = kb / per;
    const [lo, hi] = RANGES.lifesize[unit];
    if (n >= lo && n <= hi) return ['lifesize', unit, String(n)];
  }
  return undefined;
}

/** The keyword of every algorithm, or undefined when one has none in PAN-OS. */
function keywords(names: string[], table: Readonly<Record<string, string>>): string[] | undefined {
  const out = names.map((n) => table[n]);
  return out.every((k) => k !== undefined) ? [...new Set(out)] : undefined;
}

function ikeProfileWords(proposals: IkeProposal[]): { encryption: string[]; hash: string[]; dh: string[] } | undefined {
  const encryption = keywords([...new Set(proposals.flatMap((p) => p.encryption))], ENCRYPTION_KEYWORD);
  const integ = [...new Set(proposals.flatMap((p) => p.integrity))];
  // AEAD-only proposals carry no integrity; PAN-OS then takes the hash as the PRF
  const prfAsHash = [...new Set(proposals.flatMap((p) => p.prf.map((f) => f.replace(/^prf/, ''))))];
  const hash = keywords(integ.length ? integ : prfAsHash.length ? prfAsHash : [], INTEGRITY_KEYWORD) ?? undefined;
  const groups = [...new Set(proposals.flatMap((p) => p.dhGroups))];
  if (!encryption?.length || !hash || !groups.length || groups.includes(0)) return undefined;
  return { encryption, hash: hash.length ? hash : ['non-auth'], dh: groups.map((g) => `group${g}`) };
}

/** Other tunnel ends on this device whose settings come from the same profile. */
function sharedBy(device: Device, t: TunnelEnd, key: 'ikeProfile' | 'ipsecProfile'): boolean {
  const loc = t.vendorRefs;
  return device.tunnels.some(
    (o) =>
      o !== t &&
      o.vendorRefs?.[key] === loc?.[key] &&
      o.vendorRefs?.template === loc?.template &&
      (key === 'ipsecProfile' ? o.vendorRefs?.tunnel !== loc?.tunnel : o.vendorRefs?.gateway !== loc?.gateway),
  );
}

/**
 * The IKE crypto profile to edit: the gateway's own, or — when it is shared — a copy holding the
 * tunnel's current values, which the gateway is pointed at.
 */
function ikeProfileEdit(req: FixRequest, loc: Location, change: (name: string) => string[]): string | undefined {
  const t = req.tunnel;
  if (!sharedBy(req.device, t, 'ikeProfile')) return done(change(loc.ikeProfile));
  const copy = `${loc.ikeProfile}-${loc.gateway}`;
  const current = ikeProfileWords(t.phase1.proposals.value);
  const life = lifetimeWords(t.phase1.lifetimeSeconds.value, t.phase1.lifetimeSeconds.unit);
  if (!current || !life) return undefined;
  const version = loc.ikeVersion === 'ikev1' ? 'ikev1' : 'ikev2';
  return done([
    cmd(loc, 'set', [...IKE_PROFILE(copy), 'encryption'], current.encryption),
    cmd(loc, 'set', [...IKE_PROFILE(copy), 'hash'], current.hash),
    cmd(loc, 'set', [...IKE_PROFILE(copy), 'dh-group'], current.dh),
    cmd(loc, 'set', [...IKE_PROFILE(copy), ...life.slice(0, 2)], life[2]),
    ...change(copy),
    cmd(loc, 'set', [...GW(loc), 'protocol', version, 'ike-crypto-profile'], copy),
  ]);
}

function ipsecProposalWords(proposals: ChildProposal[]): string[][] | undefined {
  if (!proposals.length) return undefined;
  const protocol = proposals[0].protocol;
  if (proposals.some((p) => p.protocol !== protocol)) return undefined;
  if (protocol === 'ah') {
    const auth = keywords([...new Set(proposals.flatMap((p) => p.integrity))], INTEGRITY_KEYWORD);
    return auth?.length ? [['ah', 'authentication', ...auth]] : undefined;
  }
  const enc = keywords([...new Set(proposals.flatMap((p) => p.encryption))], ENCRYPTION_KEYWORD);
  const integ = [...new Set(proposals.flatMap((p) => p.integrity))];
  const auth = integ.length ? keywords(integ, INTEGRITY_KEYWORD) : ['none'];
  if (!enc?.length || !auth?.length) return undefined;
  return [
    ['esp', 'encryption', ...enc],
    ['esp', 'authentication', ...auth],
  ];
}

function ipsecProfileEdit(req: FixRequest, loc: Location, change: (name: string) => string[]): string | undefined {
  const t = req.tunnel;
  if (!sharedBy(req.device, t, 'ipsecProfile')) return done(change(loc.ipsecProfile));
  const p2 = req.phase2 ?? t.phase2[0];
  if (!p2) return undefined;
  const copy = `${loc.ipsecProfile}-${loc.tunnel}`;
  const proposal = ipsecProposalWords(p2.proposals.value);
  const life = lifetimeWords(p2.lifetimeSeconds.value, p2.lifetimeSeconds.unit);
  if (!proposal || !life) return undefined;
  const size = p2.lifetimeKilobytes.value ? lifesizeWords(p2.lifetimeKilobytes.value, p2.lifetimeKilobytes.unit) : [];
  if (!size) return undefined;
  const pfs = p2.pfsGroups.value[0] ?? 0;
  return done([
    ...proposal.map((w) => cmd(loc, 'set', [...IPSEC_PROFILE(copy), ...w.slice(0, 2)], w.slice(2))),
    cmd(loc, 'set', [...IPSEC_PROFILE(copy), 'dh-group'], pfs === 0 ? 'no-pfs' : `group${pfs}`),
    cmd(loc, 'set', [...IPSEC_PROFILE(copy), ...life.slice(0, 2)], life[2]),
    ...(size.length ? [cmd(loc, 'set', [...IPSEC_PROFILE(copy), ...size.slice(0, 2)], size[2])] : []),
    ...change(copy),
    cmd(loc, 'set', [...TUNNEL(loc), 'auto-key', 'ipsec-crypto-profile'], copy),
  ]);
}

function proxyIdFix(loc: Location, p2: Phase2 | undefined, side: 'local' | 'remote', target: string[], t: TunnelEnd): string | undefined {
  if (!p2 || !target.length || target.some((c) => !parseCidr(c))) return undefined;
  const other = side === 'local' ? p2.remoteSelectors.value : p2.localSelectors.value;
  const proxyId = p2.vendorRefs?.proxyId;
  const base = [...TUNNEL(loc), 'auto-key'];
  if (proxyId && target.length === 1) return done([cmd(loc, 'set', [...base, 'proxy-id', proxyId, side], target[0])]);
  // a route-based tunnel without proxy IDs, or several networks: one proxy ID per pair
  const name = proxyId ?? t.phase2[0]?.name ?? loc.tunnel;
  const pairs = target.flatMap((mine) => other.map((theirs) => (side === 'local' ? [mine, theirs] : [theirs, mine])));
  if (!pairs.length) return undefined;
  const protocol = p2.ipProtocol?.value ?? 0;
  const proto = protocol === 0 ? ['any'] : protocol === 6 ? ['tcp'] : protocol === 17 ? ['udp'] : ['number', String(protocol)];
  const lines: string[] = proxyId ? [cmd(loc, 'delete', [...base, 'proxy-id', proxyId])] : [];
  pairs.forEach(([local, remote], i) => {
    const id = pairs.length === 1 ? name : `${name}-${i + 1}`;
    lines.push(
      cmd(loc, 'set', [...base, 'proxy-id', id, 'local'], local),
      cmd(loc, 'set', [...base, 'proxy-id', id, 'remote'], remote),
      cmd(loc, 'set', [...base, 'proxy-id', id, 'protocol', ...proto.slice(0, -1)], proto[proto.length - 1]),
    );
  });
  return done(lines);
}

function unitOf(s: Setting<number>): string | undefined {
  return s.unit;
}

export function fixPanos(req: FixRequest): string | undefined {
  const t = req.tunnel;
  const loc = locationOf(t);
  if (!loc) return undefined;
  const version = loc.ikeVersion === 'ikev1' ? 'ikev1' : 'ikev2';
  switch (req.field) {
    case 'ikeVersion': {
      const v = req.target === 1 ? 'ikev1' : 'ikev2';
      return done([
        cmd(loc, 'set', [...GW(loc), 'protocol', 'version'], v),
        cmd(loc, 'set', [...GW(loc), 'protocol', v, 'ike-crypto-profile'], loc.ikeProfile),
      ]);
    }
    case 'remoteGateway': {
      const target = req.target;
      if (target === 'any') return done([cmd(loc, 'set', [...GW(loc), 'peer-address'], 'dynamic')]);
      const ip = parseCidr(`${target}/${target.includes(':') ? 128 : 32}`);
      return done([cmd(loc, 'set', [...GW(loc), 'peer-address', ip ? 'ip' : 'fqdn'], target)]);
    }
    case 'auth.method':
      if (req.target === 'psk')
        return done([`${cmd(loc, 'set', [...GW(loc), 'authentication', 'pre-shared-key', 'key'])} <the pre-shared key, as on the peer>`]);
      if (req.target === 'certificate')
        return done([`${cmd(loc, 'set', [...GW(loc), 'authentication', 'certificate', 'local-certificate', 'name'])} <local certificate name>`]);
      return undefined;
    case 'auth.psk':
      return done([`${cmd(loc, 'set', [...GW(loc), 'authentication', 'pre-shared-key', 'key'])} <the pre-shared key, as on the peer>`]);
    case 'phase1.proposals': {
      const w = ikeProfileWords(req.target);
      if (!w) return undefined;
      return ikeProfileEdit(req, loc, (name) => [
        cmd(loc, 'delete', [...IKE_PROFILE(name), 'encryption']),
        cmd(loc, 'set', [...IKE_PROFILE(name), 'encryption'], w.encryption),
        cmd(loc, 'delete', [...IKE_PROFILE(name), 'hash']),
        cmd(loc, 'set', [...IKE_PROFILE(name), 'hash'], w.hash),
        cmd(loc, 'delete', [...IKE_PROFILE(name), 'dh-group']),
        cmd(loc, 'set', [...IKE_PROFILE(name), 'dh-group'], w.dh),
      ]);
    }
    case 'phase1.lifetimeSeconds': {
      const life = lifetimeWords(req.target, unitOf(t.phase1.lifetimeSeconds));
      if (!life) return undefined;
      return ikeProfileEdit(req, loc, (name) => [cmd(loc, 'set', [...IKE_PROFILE(name), ...life.slice(0, 2)], life[2])]);
    }
    case 'natt.mode':
      if (req.target === 'forced') return undefined; // PAN-OS has no forced UDP encapsulation
      return done([cmd(loc, 'set', [...GW(loc), 'protocol-common', 'nat-traversal', 'enable'], req.target === 'auto' ? 'yes' : 'no')]);
    case 'natt.keepaliveSeconds': {
      const [lo, hi] = RANGES.natKeepAlive;
      if (!Number.isInteger(req.target) || req.target < lo || req.target > hi) return undefined;
      return done([
        cmd(loc, 'set', [...GW(loc), 'protocol-common', 'nat-traversal', 'enable'], 'yes'),
        cmd(loc, 'set', [...GW(loc), 'protocol-common', 'nat-traversal', 'keep-alive-interval'], String(req.target)),
      ]);
    }
    case 'dpd.delaySeconds': {
      const [lo, hi] = RANGES.dpdInterval;
      if (!Number.isInteger(req.target) || req.target < lo || req.target > hi) return undefined;
      return done([
        cmd(loc, 'set', [...GW(loc), 'protocol', version, 'dpd', 'enable'], 'yes'),
        cmd(loc, 'set', [...GW(loc), 'protocol', version, 'dpd', 'interval'], String(req.target)),
      ]);
    }
    case 'phase2.proposals': {
      const w = ipsecProposalWords(req.target);
      if (!w) return undefined;
      const current = (req.phase2 ?? t.phase2[0])?.proposals.value[0]?.protocol;
      return ipsecProfileEdit(req, loc, (name) => [
        // the same protocol's lists are replaced; the other protocol is an alternative PAN-OS swaps out
        ...(current === w[0][0] ? [cmd(loc, 'delete', [...IPSEC_PROFILE(name), w[0][0]])] : []),
        ...w.map((words) => cmd(loc, 'set', [...IPSEC_PROFILE(name), ...words.slice(0, 2)], words.slice(2))),
      ]);
    }
    case 'phase2.pfsGroups': {
      const g = req.target[0];
      if (g === undefined || (g !== 0 && !/^modp|^ecp/.test(dhGroupName(g)))) return undefined;
      return ipsecProfileEdit(req, loc, (name) => [cmd(loc, 'set', [...IPSEC_PROFILE(name), 'dh-group'], g === 0 ? 'no-pfs' : `group${g}`)]);
    }
    case 'phase2.lifetimeSeconds': {
      const p2 = req.phase2 ?? t.phase2[0];
      const life = lifetimeWords(req.target, p2 ? unitOf(p2.lifetimeSeconds) : undefined);
      if (!life) return undefined;
      return ipsecProfileEdit(req, loc, (name) => [cmd(loc, 'set', [...IPSEC_PROFILE(name), ...life.slice(0, 2)], life[2])]);
    }
    case 'phase2.lifetimeKilobytes': {
      const p2 = req.phase2 ?? t.phase2[0];
      if (req.target === 0) return ipsecProfileEdit(req, loc, (name) => [cmd(loc, 'delete', [...IPSEC_PROFILE(name), 'lifesize'])]);
      const size = lifesizeWords(req.target, p2 ? unitOf(p2.lifetimeKilobytes) : undefined);
      if (!size) return undefined;
      return ipsecProfileEdit(req, loc, (name) => [cmd(loc, 'set', [...IPSEC_PROFILE(name), ...size.slice(0, 2)], size[2])]);
    }
    case 'phase2.localSelectors':
      return proxyIdFix(loc, req.phase2, 'local', req.target, t);
    case 'phase2.remoteSelectors':
      return proxyIdFix(loc, req.phase2, 'remote', req.target, t);
    default:
      return undefined;
  }
}
