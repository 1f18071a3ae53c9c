/**
 * Fixes as PAN-OS configure-mode commands, then `commit` (nothing takes effect before it):
 *
 *   set network ike crypto-profiles ipsec-crypto-profiles IPSEC-HQ lifetime seconds 28800
 *   commit
 *
 * On Panorama the path starts `set template <T> config …` (then push to the devices). Units are the
 * profile's own where the value divides evenly (`lifetime hours 8`), else the next that does.
 * A crypto profile used by other gateways or tunnels, or a factory one (`default`, Suite-B-GCM-…), is not edited
 * in place (the change would reach them too): the fix makes a copy named after this gateway or
 * tunnel and points it at the copy.
 * Lists are replaced (`delete` then `set … [ … ]`), never merged. The pre-shared key is never
 * written: the fix says where to type it. A target PAN-OS cannot express gives undefined.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import { parseCidr } from '../../src/model/net.js';
import type { ChildProposal, Device, Identity, IkeProposal, Phase2, Setting, TunnelEnd } from '../../src/model/types.js';
import { dhGroupName } from '../../src/model/vocab.js';
import { ENCRYPTION_KEYWORD, INTEGRITY_KEYWORD } from './crypto.js';
import { FACTORY_PROFILES, RANGES } from './defaults.js';
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
  if (r.ikev1Profile) loc.ikev1Profile = r.ikev1Profile;
  if (r.ikev2Profile) loc.ikev2Profile = r.ikev2Profile;
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

/** PAN-OS `local-id`/`peer-id` `type` for an identity type (parse.ts ID_TYPES, read the other way). */
const PANOS_ID_TYPE: Record<Identity['type'], string> = { ipv4: 'ipaddr', ipv6: 'ipaddr', fqdn: 'fqdn', 'user-fqdn': 'ufqdn', 'key-id': 'keyid', dn: 'dn' };

const GW = (loc: Location) => ['network', 'ike', 'gateway', loc.gateway];
const IKE_PROFILE_BASE = ['network', 'ike', 'crypto-profiles', 'ike-crypto-profiles'];
const IPSEC_PROFILE_BASE = ['network', 'ike', 'crypto-profiles', 'ipsec-crypto-profiles'];
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

/** One leaf of a crypto profile: a member list (replaced: `delete` then `set`), a value, or a removal. */
interface Leaf {
  path: string[];
  value?: string | string[];
  list?: boolean;
  remove?: boolean;
}

/**
 * Change a crypto profile: in place when only this gateway/tunnel uses it, else in a copy that
 * holds the current values with the changes over them, which the gateway/tunnel is pointed at.
 */
function profileEdit(
  loc: Location,
  base: string[],
  name: string,
  copyName: string,
  inPlace: boolean,
  current: () => Leaf[] | undefined,
  changes: Leaf[],
  point: string[],
): string | undefined {
  if (inPlace) {
    const lines: string[] = [];
    for (const c of changes) {
      if (c.remove || c.list) lines.push(cmd(loc, 'delete', [...base, name, ...c.path]));
      if (!c.remove) lines.push(cmd(loc, 'set', [...base, name, ...c.path], c.value));
    }
    return done(lines);
  }
  const now = current();
  if (!now) return undefined;
  const changed = new Set(changes.map((c) => c.path[0]));
  const leaves = [...now.filter((l) => !changed.has(l.path[0])), ...changes.filter((c) => !c.remove)];
  return done([...leaves.map((l) => cmd(loc, 'set', [...base, copyName, ...l.path], l.value)), cmd(loc, 'set', point, copyName)]);
}

function ikeProfileEdit(req: FixRequest, loc: Location, changes: Leaf[]): string | undefined {
  const t = req.tunnel;
  // a factory profile (`default` is every unconfigured gateway's) is never edited under its name
  const inPlace = !FACTORY_PROFILES.has(loc.ikeProfile) && !sharedBy(req.device, t, 'ikeProfile');
  const version = loc.ikeVersion === 'ikev1' ? 'ikev1' : 'ikev2';
  const current = (): Leaf[] | undefined => {
    const w = ikeProfileWords(t.phase1.proposals.value);
    const life = lifetimeWords(t.phase1.lifetimeSeconds.value, t.phase1.lifetimeSeconds.unit);
    if (!w || !life) return undefined;
    return [
      { path: ['encryption'], value: w.encryption },
      { path: ['hash'], value: w.hash },
      { path: ['dh-group'], value: w.dh },
      { path: life.slice(0, 2), value: life[2] },
    ];
  };
  return profileEdit(loc, IKE_PROFILE_BASE, loc.ikeProfile, `${loc.ikeProfile}-${loc.gateway}`, inPlace, current, changes, [
    ...GW(loc),
    'protocol',
    version,
    'ike-crypto-profile',
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

function ipsecProfileEdit(req: FixRequest, loc: Location, changes: Leaf[]): string | undefined {
  const t = req.tunnel;
  const inPlace = !FACTORY_PROFILES.has(loc.ipsecProfile) && !sharedBy(req.device, t, 'ipsecProfile');
  const current = (): Leaf[] | undefined => {
    const p2 = req.phase2 ?? t.phase2[0];
    if (!p2) return undefined;
    const proposal = ipsecProposalWords(p2.proposals.value);
    const life = lifetimeWords(p2.lifetimeSeconds.value, p2.lifetimeSeconds.unit);
    const size = p2.lifetimeKilobytes.value ? lifesizeWords(p2.lifetimeKilobytes.value, p2.lifetimeKilobytes.unit) : [];
    if (!proposal || !life || !size) return undefined;
    const pfs = p2.pfsGroups.value[0] ?? 0;
    return [
      ...proposal.map((w) => ({ path: w.slice(0, 2), value: w.slice(2) })),
      { path: ['dh-group'], value: pfs === 0 ? 'no-pfs' : `group${pfs}` },
      { path: life.slice(0, 2), value: life[2] },
      ...(size.length ? [{ path: size.slice(0, 2), value: size[2] }] : []),
    ];
  };
  return profileEdit(loc, IPSEC_PROFILE_BASE, loc.ipsecProfile, `${loc.ipsecProfile}-${loc.tunnel}`, inPlace, current, changes, [
    ...TUNNEL(loc),
    'auto-key',
    'ipsec-crypto-profile',
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
      const version = cmd(loc, 'set', [...GW(loc), 'protocol', 'version'], v);
      // a profile already named for that version stays; otherwise the one in use now moves with it
      if ((v === 'ikev1' ? loc.ikev1Profile : loc.ikev2Profile) !== undefined) return done([version]);
      return done([version, cmd(loc, 'set', [...GW(loc), 'protocol', v, 'ike-crypto-profile'], loc.ikeProfile)]);
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
    case 'auth.localIdentity':
    case 'auth.peerIdentity': {
      // the gateway's `local-id`/`peer-id` { type, id } (README "Identities"; types as pan-os-python's IkeGateway)
      const type = PANOS_ID_TYPE[req.target.type];
      if (!req.target.value) return undefined;
      const leaf = req.field === 'auth.localIdentity' ? 'local-id' : 'peer-id';
      return done([cmd(loc, 'set', [...GW(loc), leaf, 'type'], type), cmd(loc, 'set', [...GW(loc), leaf, 'id'], req.target.value)]);
    }
    case 'phase1.proposals': {
      const w = ikeProfileWords(req.target);
      if (!w) return undefined;
      return ikeProfileEdit(req, loc, [
        { path: ['encryption'], value: w.encryption, list: true },
        { path: ['hash'], value: w.hash, list: true },
        { path: ['dh-group'], value: w.dh, list: true },
      ]);
    }
    case 'phase1.lifetimeSeconds': {
      const life = lifetimeWords(req.target, unitOf(t.phase1.lifetimeSeconds));
      if (!life) return undefined;
      return ikeProfileEdit(req, loc, [{ path: life.slice(0, 2), value: life[2] }]);
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
    case 'dpd':
      return fixPanos({ ...req, field: 'dpd.delaySeconds', target: req.target.delaySeconds });
    case 'initiates':
      return t.remoteGateway.value === 'any' ? undefined : done([cmd(loc, 'set', [...GW(loc), 'protocol-common', 'passive-mode'], 'no')]);
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
      // the same protocol's lists are replaced; the other protocol is an alternative PAN-OS swaps out
      return ipsecProfileEdit(
        req,
        loc,
        w.map((words) => ({ path: words.slice(0, 2), value: words.slice(2), list: current === words[0] })),
      );
    }
    case 'phase2.pfsGroups': {
      const g = req.target[0];
      if (g === undefined || (g !== 0 && !/^modp|^ecp/.test(dhGroupName(g)))) return undefined;
      return ipsecProfileEdit(req, loc, [{ path: ['dh-group'], value: g === 0 ? 'no-pfs' : `group${g}` }]);
    }
    case 'phase2.lifetimeSeconds': {
      const p2 = req.phase2 ?? t.phase2[0];
      const life = lifetimeWords(req.target, p2 ? unitOf(p2.lifetimeSeconds) : undefined);
      if (!life) return undefined;
      return ipsecProfileEdit(req, loc, [{ path: life.slice(0, 2), value: life[2] }]);
    }
    case 'phase2.lifetimeKilobytes': {
      const p2 = req.phase2 ?? t.phase2[0];
      if (req.target === 0) return ipsecProfileEdit(req, loc, [{ path: ['lifesize'], remove: true }]);
      const size = lifesizeWords(req.target, p2 ? unitOf(p2.lifetimeKilobytes) : undefined);
      if (!size) return undefined;
      return ipsecProfileEdit(req, loc, [{ path: size.slice(0, 2), value: size[2] }]);
    }
    case 'phase2.localSelectors':
      return proxyIdFix(loc, req.phase2, 'local', req.target, t);
    case 'phase2.remoteSelectors':
      return proxyIdFix(loc, req.phase2, 'remote', req.target, t);
    default:
      return undefined;
  }
}
