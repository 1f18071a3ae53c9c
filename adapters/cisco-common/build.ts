/**
 * The parts of a TunnelEnd that ASA and IOS build the same way: phase 1 from the global IKE
 * policies, phase 2 from a crypto map entry or an IPsec profile, lifetimes with their precedence
 * (entry → global → platform default), PFS, and the IKEv1 negotiation behaviour. What differs
 * between the platforms (defaults) comes in a `CiscoDefaults` record.
 */
import type { AuthMethod, ChildProposal, FieldUnit, IkeProposal, LifetimeResponderPolicy, Phase2, Setting, TunnelEnd } from '../../src/model/types.js';
import { assumedDefault, byDefault, explicit, inferred, inferredFromAssumed } from '../../src/model/setting.js';
import { dhGroupNumber } from '../../src/model/vocab.js';
import type { CiscoConfig } from './config.js';
import { type Ctx, type Located, at, note, warn } from './context.js';
import { type IpsecSettings, type Ikev1Policy, ikeProposal } from './crypto.js';
import type { CiscoLine, Release } from './lines.js';
import type { MapEntry } from './cryptomap.js';
import type { Iface } from './interfaces.js';
import { entrySelectors, type Selectors } from './selectors.js';

/** The defaults a platform fills in, by name, so each can be marked as confirmed or assumed. */
export type DefaultName =
  | 'p2Lifetime'
  | 'pfsWithoutGroup'
  | 'ikev1Parameters'
  | 'ikev1Lifetime'
  | 'ikev1DefaultPolicies'
  | 'ikev2Parameters'
  | 'ikev2Lifetime'
  | 'p2DefaultProposals';

/** A built-in IKEv1 policy used when the configuration has none (IOS-XE `Default protection suite`). */
export interface DefaultIkev1Policy {
  priority: number;
  authentication: AuthMethod;
  encryption: string;
  hash: string;
  group: number;
  lifetime: number;
}

export interface CiscoDefaults {
  platform: 'ASA' | 'IOS';
  /** the release the file says it is from; undefined when it does not say (the defaults then may not hold) */
  release?: Release;
  /** defaults no vendor source confirms for this release: their Settings carry `assumed` (README tables) */
  assumed: ReadonlySet<DefaultName>;
  /** the built-in IKEv2 proposal offered when no IKEv2 policy is configured (IOS `crypto ikev2 proposal default`) */
  ikev2DefaultProposal?: IkeProposal;
  /** built-in IKEv1 policies used when none is configured; undefined = none (ASA: "New ASA configurations do not have a default IKEv1 or IKEv2 policy") */
  ikev1DefaultPolicies?: DefaultIkev1Policy[];
  /** `crypto ipsec security-association lifetime seconds|kilobytes` when nothing is written */
  p2LifetimeSeconds: number;
  p2LifetimeKilobytes: number;
  /** the DH group a bare `set pfs` asks for */
  pfsWithoutGroup: number;
  ikev1: { authentication: AuthMethod; encryption: string; hash: string; group: number; lifetime: number };
  ikev2: { encryption: string[]; integrity: string[]; prf: string[]; groups: number[]; lifetime: number };
  /** what an entry without transform set offers (IOS ≥ 15.2 default transform set); undefined = nothing */
  p2DefaultProposals?: ChildProposal[];
}

const ref = (ctx: Ctx, line: CiscoLine) => at(ctx, line);

/** A value the platform fills in: marked `assumed` when no vendor source confirms it for this release. */
export function platformDefault<T>(d: CiscoDefaults, name: DefaultName, value: T, raw: string, unit?: FieldUnit): Setting<T> {
  return d.assumed.has(name) ? assumedDefault(value, raw, unit) : byDefault(value, raw, unit);
}

const AUTH_WORD: Record<AuthMethod, string> = {
  psk: 'pre-share',
  certificate: 'rsa-sig',
  eap: 'eap',
  kerberos: 'kerberos',
  'xauth-psk': 'pre-share',
  'xauth-certificate': 'rsa-sig',
  unknown: 'unknown',
};

/** Say once per policy which parameters it leaves to an unconfirmed default. */
function noteAssumedParameters(ctx: Ctx, d: CiscoDefaults, p: Ikev1Policy): void {
  if (!d.assumed.has('ikev1Parameters')) return;
  const missing: string[] = [];
  if (!p.encryption) missing.push(`encryption ${d.ikev1.encryption}`);
  if (!p.hash) missing.push(`hash ${d.ikev1.hash}`);
  if (!p.group) missing.push(`group ${d.ikev1.group}`);
  if (missing.length === 0) return;
  const kw = d.platform === 'ASA' ? 'ikev1' : 'isakmp';
  note(
    ctx,
    `crypto ${kw} policy ${p.priority} does not say its ${missing.map((m) => m.split(' ')[0]).join(', ')}: the ${d.platform} default${missing.length > 1 ? 's' : ''} (${missing.join(', ')}) ${missing.length > 1 ? 'are' : 'is'} assumed (no vendor source confirms ${missing.length > 1 ? 'them' : 'it'} for this release)`,
    p.at,
  );
}

/** IKEv1 phase 1 from the platform's built-in policies (IOS-XE default protection suites). */
function defaultPoliciesPhase1(d: CiscoDefaults, credential: AuthMethod | undefined): Phase1Parts | undefined {
  const all = d.ikev1DefaultPolicies;
  if (!all?.length) return undefined;
  const usable = credential ? all.filter((p) => p.authentication === credential) : all;
  const list = usable.length ? usable : all;
  const first = list[0];
  const raw = list.map((p) => `crypto isakmp default policy ${p.priority}`).join('; ');
  return {
    proposals: platformDefault(
      d,
      'ikev1DefaultPolicies',
      list.map((p) => ikeProposal([p.encryption], [p.hash], [], [p.group])),
      raw,
    ),
    lifetime: platformDefault(d, 'ikev1DefaultPolicies', first.lifetime, `lifetime ${first.lifetime}`, 'seconds'),
    method: platformDefault(d, 'ikev1DefaultPolicies', first.authentication, `authentication ${AUTH_WORD[first.authentication]}`),
  };
}

// --- phase 1 ----------------------------------------------------------------------------------

export interface Phase1Parts {
  proposals: Setting<IkeProposal[]>;
  lifetime: Setting<number>;
  method: Setting<AuthMethod>;
}

/**
 * IKEv1 phase 1: the device's policies are global, offered to every peer in priority order. A
 * policy whose authentication differs from the tunnel's credential can never be chosen, so it is
 * left out when we know the credential (a PSK for this peer → pre-share policies only).
 */
export function ikev1Phase1(cfg: CiscoConfig, d: CiscoDefaults, credential: AuthMethod | undefined): Phase1Parts {
  const { ctx } = cfg;
  const policies = cfg.ikev1Policies;
  const authOf = (p: Ikev1Policy): AuthMethod => p.authentication?.value ?? d.ikev1.authentication;
  if (policies.length === 0) {
    const builtIn = defaultPoliciesPhase1(d, credential);
    if (builtIn) return builtIn;
    return {
      proposals: byDefault([], `no crypto ${d.platform === 'ASA' ? 'ikev1' : 'isakmp'} policy`),
      lifetime: platformDefault(d, 'ikev1Lifetime', d.ikev1.lifetime, `lifetime ${d.ikev1.lifetime}`, 'seconds'),
      method: credential
        ? byDefault(credential, `authentication ${AUTH_WORD[credential]}`)
        : platformDefault(d, 'ikev1Parameters', d.ikev1.authentication, `authentication ${AUTH_WORD[d.ikev1.authentication]}`),
    };
  }
  let usable = credential ? policies.filter((p) => authOf(p) === credential) : policies;
  if (usable.length === 0) {
    warn(
      ctx,
      `no IKEv1 policy uses ${credential === 'psk' ? 'pre-shared keys' : credential} authentication, which is what this tunnel is configured with: phase 1 cannot be negotiated`,
      policies[0].at,
    );
    usable = policies;
  }
  const first = usable[0];
  for (const p of usable) noteAssumedParameters(ctx, d, p);
  const proposals = usable.map((p) =>
    ikeProposal([p.encryption?.value ?? d.ikev1.encryption], [p.hash?.value ?? d.ikev1.hash], [], [p.group?.value ?? d.ikev1.group]),
  );
  const lifetimes = new Set(usable.map((p) => p.lifetime?.value ?? d.ikev1.lifetime));
  if (lifetimes.size > 1)
    note(
      ctx,
      `IKEv1 policies have different lifetimes (${[...lifetimes].join(', ')} s): the highest-priority one (policy ${first.priority}) is the one compared`,
      first.at,
    );
  const auth = authOf(first);
  return {
    proposals: explicit(proposals, usable.map((p) => p.at.text).join('; '), ref(ctx, first.at)),
    lifetime: first.lifetime
      ? explicit(first.lifetime.value, first.lifetime.line.text, ref(ctx, first.lifetime.line), 'seconds')
      : platformDefault(d, 'ikev1Lifetime', d.ikev1.lifetime, `lifetime ${d.ikev1.lifetime}`, 'seconds'),
    method: first.authentication
      ? explicit(auth, first.authentication.line.text, ref(ctx, first.authentication.line))
      : platformDefault(d, 'ikev1Parameters', auth, `authentication ${AUTH_WORD[auth]}`),
  };
}

/** An IKEv2 proposal list with the platform defaults for what a policy leaves out. */
export function ikev2Proposal(
  d: CiscoDefaults,
  p: { encryption?: Located<string[]>; integrity?: Located<string[]>; prf?: Located<string[]>; groups?: Located<number[]> },
): IkeProposal {
  return ikeProposal(
    p.encryption?.value ?? d.ikev2.encryption,
    p.integrity?.value ?? d.ikev2.integrity,
    p.prf?.value ?? d.ikev2.prf,
    p.groups?.value ?? d.ikev2.groups,
  );
}

// --- phase 2 ----------------------------------------------------------------------------------

/** entry value → global `crypto ipsec security-association lifetime …` → platform default. */
export function p2Lifetime(
  ctx: Ctx,
  d: CiscoDefaults,
  own: Located<number> | undefined,
  global: Located<number> | undefined,
  unit: 'seconds' | 'kilobytes',
): Setting<number> {
  const hit = own ?? global;
  if (hit) return explicit(hit.value, hit.line.text, ref(ctx, hit.line), unit);
  const fallback = unit === 'seconds' ? d.p2LifetimeSeconds : d.p2LifetimeKilobytes;
  return platformDefault(d, 'p2Lifetime', fallback, `crypto ipsec security-association lifetime ${unit} ${fallback}`, unit);
}

export function pfsSetting(ctx: Ctx, d: CiscoDefaults, pfs: Located<string | undefined> | undefined): Setting<number[]> {
  if (!pfs) return byDefault([0], 'no set pfs');
  if (pfs.value === undefined)
    return (d.assumed.has('pfsWithoutGroup') ? inferredFromAssumed : inferred)([d.pfsWithoutGroup], pfs.line.text, ref(ctx, pfs.line));
  return explicit([dhGroupNumber(pfs.value)!], pfs.line.text, ref(ctx, pfs.line));
}

/** Phase 2 proposals named by an entry, in its order; undefined names are warnings naming both lines. */
export function childProposals(
  cfg: CiscoConfig,
  d: CiscoDefaults,
  settings: IpsecSettings,
  what: string,
  use: 'transform-set' | 'ipsec-proposal',
  atLine: CiscoLine,
): { proposals: Setting<ChildProposal[]>; mode: Setting<'tunnel' | 'transport'> } {
  const { ctx } = cfg;
  const named = use === 'transform-set' ? settings.transformSets : settings.ikev2Proposals;
  const mode = byDefault<'tunnel' | 'transport'>('tunnel', 'mode tunnel');
  if (!named && d.p2DefaultProposals && use === 'transform-set') {
    const spelled = d.p2DefaultProposals.map(
      (p) => `esp-${p.encryption[0] === 'aes128' ? 'aes' : p.encryption[0]} esp-${p.integrity[0] === 'sha1' ? 'sha' : p.integrity[0]}-hmac`,
    );
    note(ctx, `${what} has no "set transform-set": IOS uses its default transform set${spelled.length > 1 ? 's' : ''} (${spelled.join(', ')})`, atLine);
    return { proposals: platformDefault(d, 'p2DefaultProposals', d.p2DefaultProposals, `crypto ipsec transform-set default ${spelled[0]}`), mode };
  }
  if (!named) {
    const cmd =
      use === 'transform-set'
        ? cfg.ipsecProposals.size > 0 || cfg.enables.v2.length
          ? 'set ikev1 transform-set'
          : 'set transform-set'
        : 'set ikev2 ipsec-proposal';
    warn(ctx, `${what} has no "${cmd}": it offers no phase 2 proposal`, atLine);
    return { proposals: byDefault([], `no ${cmd}`), mode };
  }
  const out: ChildProposal[] = [];
  let modeSetting = mode;
  const modes = new Set<string>();
  for (const name of named.value) {
    if (use === 'transform-set') {
      const ts = cfg.transformSets.get(name);
      if (!ts) {
        warn(ctx, `${what} (line ${named.line.n}) uses transform-set ${name}, which is not defined in this file`, named.line);
        continue;
      }
      out.push(ts.proposal);
      modes.add(ts.mode?.value ?? 'tunnel');
      if (ts.mode && modeSetting.origin === 'default') modeSetting = explicit(ts.mode.value, ts.mode.line.text, ref(ctx, ts.mode.line));
    } else {
      const p = cfg.ipsecProposals.get(name);
      if (!p) {
        warn(ctx, `${what} (line ${named.line.n}) uses ipsec-proposal ${name}, which is not defined in this file`, named.line);
        continue;
      }
      out.push(p.proposal);
    }
  }
  if (modes.size > 1) note(ctx, `${what}: its transform sets mix tunnel and transport mode; the first one's mode is compared`, named.line);
  return { proposals: explicit(out, named.line.text, ref(ctx, named.line)), mode: modeSetting };
}

/**
 * The phase 2 of an entry. Its proposals are read (and undefined names reported) even when the
 * selectors are unknown; then there is no phase 2 to compare and the result is undefined.
 */
export function buildPhase2(
  cfg: CiscoConfig,
  d: CiscoDefaults,
  name: string,
  atLine: CiscoLine,
  selectors: Selectors | undefined,
  settings: IpsecSettings,
  use: 'transform-set' | 'ipsec-proposal',
  /** how diagnostics name the entry (`crypto map X 10`, `crypto ipsec profile P`) */
  what: string = name,
): Phase2 | undefined {
  const { ctx } = cfg;
  const { proposals, mode } = childProposals(cfg, d, settings, what, use, atLine);
  if (!selectors) return undefined;
  const p2: Phase2 = {
    name,
    at: ref(ctx, atLine),
    localSelectors: selectors.local,
    remoteSelectors: selectors.remote,
    mode,
    proposals,
    pfsGroups: pfsSetting(ctx, d, settings.pfs),
    lifetimeSeconds: p2Lifetime(ctx, d, settings.lifetimeSeconds, cfg.globalLifetime.lifetimeSeconds, 'seconds'),
    lifetimeKilobytes: p2Lifetime(ctx, d, settings.lifetimeKilobytes, cfg.globalLifetime.lifetimeKilobytes, 'kilobytes'),
  };
  if (selectors.protocol) p2.ipProtocol = selectors.protocol;
  if (selectors.localPorts) p2.localPorts = selectors.localPorts;
  if (selectors.remotePorts) p2.remotePorts = selectors.remotePorts;
  return p2;
}

// --- the rest ---------------------------------------------------------------------------------

/**
 * Cisco IKEv1 as responder: a phase 1 policy matches only when its own lifetime is ≤ the one the
 * initiator proposed (then the shorter, its own, is used) — ASA CLI configuration guide: "the
 * remote peer policy must also specify a lifetime less than or equal to the lifetime in the policy
 * the initiator sent"; the IOS guide says the same with "remote peer" the responder. Phase 2 takes
 * the shorter of proposed and local.
 */
export function ikev1Behaviour(): NonNullable<TunnelEnd['behaviour']> {
  const p1: LifetimeResponderPolicy = 'reject-shorter';
  const p2: LifetimeResponderPolicy = 'shorter';
  return {
    ikev1Phase1Lifetime: byDefault(p1, 'IKEv1 policy match requires the policy lifetime ≤ the proposed lifetime (built in)'),
    ikev1Phase2Lifetime: byDefault(p2, 'IKEv1 quick mode uses the shorter of the proposed and local lifetimes (built in)'),
  };
}

/** `set peer A B C`: Cisco tries the peers in order; the first is the one compared. */
export function remoteGatewaySetting(ctx: Ctx, peers: Array<Located<string>>, what: string): Setting<string> {
  const first = peers[0];
  if (peers.length > 1)
    note(ctx, `${what} has ${peers.length} peers (${peers.map((p) => p.value).join(', ')}): the first is compared, the others are backups`, first.line);
  return explicit(first.value, first.line.text, ref(ctx, first.line));
}

export function initiatesSetting(ctx: Ctx, s: IpsecSettings): Setting<boolean> {
  const t = s.connectionType;
  if (t) return explicit(t.value !== 'answer-only', t.line.text, ref(ctx, t.line));
  return byDefault(true, 'set connection-type bidirectional');
}

/** How one Cisco platform turns each kind of crypto object into a tunnel end. */
export interface TunnelBuilders {
  staticEntry(e: MapEntry): TunnelEnd | undefined;
  /** the entries of the dynamic map that crypto map entry `ref` binds (`ipsec-isakmp dynamic NAME`) */
  dynamicEntries(ref: MapEntry, entries: MapEntry[]): TunnelEnd[];
  /** an `interface Tunnel…` with `tunnel protection ipsec profile` */
  tunnelInterface(iface: Iface): TunnelEnd | undefined;
}

/**
 * The tunnel ends of a Cisco configuration, ASA and IOS alike: static crypto map entries, the
 * dynamic maps they bind (a dynamic map no entry binds is unused, and said so), then protected
 * tunnel interfaces.
 */
export function cryptoTunnels(cfg: CiscoConfig, b: TunnelBuilders): TunnelEnd[] {
  const { ctx } = cfg;
  const tunnels: TunnelEnd[] = [];
  const used = new Set<string>();
  for (const entries of cfg.maps.maps.values())
    for (const e of entries) {
      if (!e.dynamicRef) {
        const t = b.staticEntry(e);
        if (t) tunnels.push(t);
        continue;
      }
      const dyn = e.dynamicRef;
      const list = cfg.maps.dynamicMaps.get(dyn.value);
      if (!list) {
        warn(ctx, `crypto map ${e.map} ${e.seq} (line ${dyn.line.n}) refers to dynamic map ${dyn.value}, which is not defined in this file`, dyn.line);
        continue;
      }
      used.add(dyn.value);
      tunnels.push(...b.dynamicEntries(e, list));
    }
  for (const [name, entries] of cfg.maps.dynamicMaps)
    if (!used.has(name))
      note(ctx, `dynamic map ${name} is not used by any crypto map entry ("crypto map NAME SEQ ipsec-isakmp dynamic ${name}"): not compared`, entries[0].at);
  for (const iface of cfg.ifs.list) {
    if (!iface.tunnelProtection) continue;
    const t = b.tunnelInterface(iface);
    if (t) tunnels.push(t);
  }
  return tunnels;
}

/**
 * Whether a static crypto map entry is a tunnel to compare: an ipsec-manual entry (no IKE) and an
 * entry without `set peer` are not (the platform does not use it); the latter's ACL is still read
 * so that names it references but nobody defines are reported.
 */
export function isComparableStaticEntry(cfg: CiscoConfig, e: MapEntry, platform: 'the ASA' | 'IOS'): boolean {
  const { ctx } = cfg;
  const name = `${e.map} ${e.seq}`;
  if (e.manual) {
    note(ctx, `crypto map ${name} is ipsec-manual (no IKE): not compared`, e.manual);
    return false;
  }
  if (e.peers.length === 0) {
    warn(ctx, `crypto map ${name} has no "set peer": the entry is incomplete and ${platform} does not use it`, e.at);
    entrySelectors(ctx, e, cfg.book, cfg.ifs);
    return false;
  }
  return true;
}
