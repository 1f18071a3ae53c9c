/**
 * Cisco IOS / IOS-XE `show running-config` (whole or its crypto sections, or a typed session) →
 * Device. Pure.
 *
 * One TunnelEnd per crypto map entry applied to an interface (`mymap 20`), one per dynamic-map
 * entry reached from a crypto map (`dynamic-map DYN 5`, a responder for any peer), one per tunnel
 * interface protected by an IPsec profile (`Tunnel1`: a VTI with `tunnel mode ipsec ipv4`, or GRE
 * over IPsec when the tunnel mode is left at its GRE default). What is IOS-only (keys, keyrings,
 * ISAKMP/IKEv2 profiles, global DPD and NAT keepalive) is here and in keys.ts; the rest is
 * adapters/cisco-common.
 */
import { ciscoDeadPeerAction } from '../cisco-common/recovery.js';
import { identityGlobals, ikev1PeerIdentity, isakmpIdentity, type IdentityGlobals } from '../cisco-common/identity.js';
import type { AuthMethod, Device, Setting, TunnelEnd } from '../../src/model/types.js';
import { assumedDefault, byDefault, explicit, inferred } from '../../src/model/setting.js';
import { canonicalCidr, isIpAddress } from '../../src/model/net.js';
import { parseWholeNumber } from '../../src/model/units.js';
import {
  type CiscoDefaults,
  type DefaultName,
  buildPhase2,
  cryptoTunnels,
  isComparableStaticEntry,
  ikev1Behaviour,
  ikev1Phase1,
  ikev2Proposal,
  initiatesSetting,
  platformDefault,
  remoteGatewaySetting,
} from '../cisco-common/build.js';
import { type CiscoConfig, readCiscoConfig } from '../cisco-common/config.js';
import { type Ctx, type Located, at, fail, note, warn } from '../cisco-common/context.js';
import type { IpsecSettings } from '../cisco-common/crypto.js';
import type { MapEntry } from '../cisco-common/cryptomap.js';
import { findInterface, interfaceAddresses, type Iface } from '../cisco-common/interfaces.js';
import type { CiscoLine, Release } from '../cisco-common/lines.js';
import { anySelectors, entrySelectors, type Selectors } from '../cisco-common/selectors.js';
import {
  type Ikev2Keyring,
  type Ikev2Profile,
  type IsakmpProfile,
  type Keyring,
  type PeerKey,
  bestKey,
  collectGlobalKeys,
  collectIkev2Keyrings,
  collectIkev2Profiles,
  collectIsakmpProfiles,
  collectKeyrings,
  mostSpecific,
  readDpd,
} from './keys.js';

/**
 * IOS / IOS-XE defaults for the release the file names (`version 15.2`, `version 17.3`); sources,
 * releases and what is assumed: the Defaults table of adapters/ios/README.md. The built-in
 * objects (default IKEv2 proposal, default transform set, default ISAKMP policies) changed
 * between IOS 15.x and IOS-XE 16.x/17.x; a file without a `version` line (a `| section crypto`
 * excerpt) gets the IOS-XE ones, marked assumed.
 */
export function iosDefaults(release?: Release): CiscoDefaults {
  const xe = release === undefined || release.major >= 16;
  const assumed = new Set<DefaultName>(['ikev1Parameters', 'ikev2Lifetime']);
  if (release === undefined) for (const n of ['ikev1DefaultPolicies', 'ikev2Parameters', 'p2DefaultProposals', 'pfsWithoutGroup'] as const) assumed.add(n);
  else if (xe) assumed.add('pfsWithoutGroup');
  else for (const n of ['ikev2Parameters', 'p2DefaultProposals'] as const) assumed.add(n);
  return {
    platform: 'IOS',
    ...(release ? { release } : {}),
    assumed,
    p2LifetimeSeconds: 3600,
    p2LifetimeKilobytes: 4608000,
    pfsWithoutGroup: 1,
    ikev1: { authentication: 'certificate', encryption: 'des', hash: 'sha1', group: 1, lifetime: 86400 },
    // IOS-XE `show crypto isakmp default policy` (genieparser iosxe golden output); IOS 15.x had more suites, not modelled
    ...(xe
      ? {
          ikev1DefaultPolicies: [
            { priority: 65507, authentication: 'certificate', encryption: 'aes128', hash: 'sha1', group: 5, lifetime: 86400 },
            { priority: 65508, authentication: 'psk', encryption: 'aes128', hash: 'sha1', group: 5, lifetime: 86400 },
          ],
        }
      : {}),
    // what a proposal leaves out: IOS refuses a proposal without encryption, integrity and group;
    // without `prf` the integrity algorithm is the PRF (prf [] = derived)
    ikev2: { encryption: [], integrity: [], prf: [], groups: [], lifetime: 86400 },
    // the built-in IKEv2 proposal `default` (used when no crypto ikev2 policy exists): IOS-XE
    // `show crypto ikev2 proposal` (genieparser); IOS 15.x smart defaults (assumed)
    ikev2DefaultProposal: xe
      ? { encryption: ['aes256'], integrity: ['sha512', 'sha384'], prf: ['prfsha512', 'prfsha384'], dhGroups: [19, 14, 21, 5] }
      : { encryption: ['aes256', 'aes192', 'aes128'], integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'], prf: [], dhGroups: [5, 2] },
    // the default transform set an entry without `set transform-set` uses: IOS-XE `show crypto ipsec
    // profile` prints `default: { esp-aes esp-sha-hmac }`; IOS 15.x also had esp-3des (assumed)
    p2DefaultProposals: xe
      ? [{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }]
      : [
          { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
          { protocol: 'esp', encryption: ['3des'], integrity: ['sha1'] },
        ],
  };
}

interface Globals {
  /** `crypto isakmp keepalive N [R] [periodic|on-demand]` */
  dpdV1?: Located<{ delay: number; retry?: number; mode: 'on-demand' | 'periodic' }>;
  /** `crypto ikev2 dpd N R on-demand|periodic` */
  dpdV2?: Located<{ delay: number; retry?: number; mode: 'on-demand' | 'periodic' }>;
  /** `crypto isakmp nat keepalive N` */
  natKeepaliveV1?: Located<number>;
  /** `crypto ikev2 nat keepalive N` */
  natKeepaliveV2?: Located<number>;
  /** `no crypto ipsec nat-transparency udp-encapsulation` */
  nattOff?: CiscoLine;
  /** `crypto ipsec nat-transparency udp-encapsulation` written out (the default, restated) */
  nattOn?: CiscoLine;
}

function collectGlobals(cfg: CiscoConfig): Globals {
  const { ctx } = cfg;
  const out: Globals = {};
  for (const b of cfg.blocks) {
    const h = b.head;
    const k = h.keys;
    // later lines win, `no …` takes a setting back: a fix appended to the file is read as the router applies it
    if (k[0] === 'no' && k[1] === 'crypto') {
      if (k[2] === 'isakmp' && k[3] === 'keepalive') delete out.dpdV1;
      else if (k[2] === 'ikev2' && k[3] === 'dpd') delete out.dpdV2;
      else if ((k[2] === 'isakmp' || k[2] === 'ikev2') && k[3] === 'nat' && k[4] === 'keepalive')
        delete out[k[2] === 'isakmp' ? 'natKeepaliveV1' : 'natKeepaliveV2'];
      else if (k[2] === 'ipsec' && k[3] === 'nat-transparency' && k[4] === 'udp-encapsulation') {
        out.nattOff = h;
        delete out.nattOn;
      }
      continue;
    }
    if (k[0] === 'crypto' && k[1] === 'ipsec' && k[2] === 'nat-transparency' && k[3] === 'udp-encapsulation') {
      out.nattOn = h;
      delete out.nattOff;
    } else if (k[0] === 'crypto' && k[1] === 'isakmp' && k[2] === 'keepalive') out.dpdV1 = { value: readDpd(ctx, h, 3), line: h };
    else if (k[0] === 'crypto' && k[1] === 'ikev2' && k[2] === 'dpd') out.dpdV2 = { value: readDpd(ctx, h, 3), line: h };
    else if (k[0] === 'crypto' && (k[1] === 'isakmp' || k[1] === 'ikev2') && k[2] === 'nat' && k[3] === 'keepalive') {
      const n = parseWholeNumber(k[4] ?? '');
      if (n === undefined || n < 5 || n > 3600) fail(ctx, h, `expected a NAT keepalive in seconds (5–3600), found "${h.words[4] ?? ''}"`);
      if (k[1] === 'isakmp') out.natKeepaliveV1 = { value: n, line: h };
      else out.natKeepaliveV2 = { value: n, line: h };
    }
  }
  return out;
}

interface Env {
  cfg: CiscoConfig;
  d: CiscoDefaults;
  globals: Globals;
  globalKeys: PeerKey[];
  keyrings: Map<string, Keyring>;
  isakmpProfiles: Map<string, IsakmpProfile>;
  ikev2Keyrings: Map<string, Ikev2Keyring>;
  ikev2Profiles: Map<string, Ikev2Profile>;
  warnedNoPolicy: Set<number>;
  ids: IdentityGlobals;
}

/** An address or interface name (`local-address Loopback0`) → IP, when the file says. */
function resolveIp(cfg: CiscoConfig, nameOrIp: string): string | undefined {
  if (isIpAddress(nameOrIp)) return nameOrIp;
  return findInterface(cfg.ifs, nameOrIp)?.address?.value.ip;
}

// --- IKEv1 --------------------------------------------------------------------------------------

interface Credentials {
  method?: Setting<AuthMethod>;
  psk?: Setting<string>;
  isakmp?: IsakmpProfile;
  ikev2?: Ikev2Profile;
}

function pskCredentials(key: PeerKey | undefined): Pick<Credentials, 'method' | 'psk'> {
  if (!key) return {};
  return { psk: key.psk, method: explicit<AuthMethod>('psk', key.psk.raw, key.psk.at) };
}

/**
 * IKEv1: the ISAKMP profile named by the entry, else the first whose `match identity address`
 * covers the peer (and whose local-address, if any, is ours); its keyrings, else the global keys
 * and every keyring bound to our local address. A dynamic entry (peer 'any') has no single key.
 */
function ikev1Credentials(env: Env, peer: string, named: Located<string> | undefined, localIp: string | undefined, what: string): Credentials {
  const { cfg } = env;
  const { ctx } = cfg;
  let profile: IsakmpProfile | undefined;
  if (named) {
    profile = env.isakmpProfiles.get(named.value);
    if (!profile) warn(ctx, `${what} (line ${named.line.n}) uses isakmp-profile ${named.value}, which is not defined in this file`, named.line);
  } else if (peer !== 'any') {
    const candidates = [...env.isakmpProfiles.values()].filter(
      (p) => !p.localAddress || localIp === undefined || resolveIp(cfg, p.localAddress.value) === localIp,
    );
    profile = mostSpecific(candidates, (p) => p.matches.map((m) => m.value), peer);
  }
  if (peer === 'any') return { isakmp: profile };
  let keys: PeerKey[];
  if (profile?.keyrings.length) {
    keys = [];
    for (const r of profile.keyrings) {
      const ring = env.keyrings.get(r.value);
      if (ring) keys.push(...ring.keys);
      else warn(ctx, `isakmp-profile ${profile.name} (line ${r.line.n}) uses keyring ${r.value}, which is not defined in this file`, r.line);
    }
    const key = bestKey(keys, peer);
    if (!key) warn(ctx, `${what}: isakmp-profile ${profile.name} matches peer ${peer}, but its keyring has no pre-shared key for it`, profile.at);
    return { ...pskCredentials(key), isakmp: profile };
  }
  keys = [...env.globalKeys];
  for (const ring of env.keyrings.values()) {
    const bound = ring.localAddress ? resolveIp(cfg, ring.localAddress.value) : undefined;
    if (!ring.localAddress || localIp === undefined || bound === localIp) keys.push(...ring.keys);
  }
  return { ...pskCredentials(bestKey(keys, peer)), isakmp: profile };
}

function ikev1Dpd(ctx: Ctx, env: Env, profile: IsakmpProfile | undefined): TunnelEnd['dpd'] {
  const k = profile?.keepalive;
  if (k) return { mode: explicit('on-demand', k.line.text, at(ctx, k.line)), delaySeconds: explicit(k.value.delay, k.line.text, at(ctx, k.line), 'seconds') };
  const g = env.globals.dpdV1;
  if (g) return { mode: explicit(g.value.mode, g.line.text, at(ctx, g.line)), delaySeconds: explicit(g.value.delay, g.line.text, at(ctx, g.line), 'seconds') };
  return { mode: byDefault('off', 'no crypto isakmp keepalive') };
}

// --- IKEv2 --------------------------------------------------------------------------------------

function ikev2Credentials(env: Env, peer: string, named: Located<string> | undefined, what: string, atLine: CiscoLine): Credentials {
  const { ctx } = env.cfg;
  if (!named) {
    warn(ctx, `${what} has no "set ikev2-profile": IOS cannot run IKEv2 for it`, atLine);
    return {};
  }
  const profile = env.ikev2Profiles.get(named.value);
  if (!profile) {
    warn(ctx, `${what} (line ${named.line.n}) uses ikev2-profile ${named.value}, which is not defined in this file`, named.line);
    return {};
  }
  const out: Credentials = { ikev2: profile };
  const auth = profile.authRemote ?? profile.authLocal;
  if (auth) out.method = explicit(auth.value, auth.line.text, at(ctx, auth.line));
  if (!profile.keyring || peer === 'any') return out;
  const ring = env.ikev2Keyrings.get(profile.keyring.value);
  if (!ring) {
    warn(
      ctx,
      `ikev2-profile ${profile.name} (line ${profile.keyring.line.n}) uses keyring ${profile.keyring.value}, which is not defined in this file`,
      profile.keyring.line,
    );
    return out;
  }
  const p = mostSpecific(ring.peers, (x) => x.matches, peer);
  if (!p) return out;
  if (p.local && p.remote && p.local.value !== p.remote.value)
    note(ctx, `ikev2 keyring ${ring.name} peer ${p.name}: the local and remote pre-shared keys differ; the local one is compared`, p.line);
  const psk = p.local ?? p.remote;
  if (psk) {
    out.psk = psk;
    out.method ??= explicit<AuthMethod>('psk', psk.raw, psk.at);
  }
  return out;
}

function ikev2Phase1(
  env: Env,
  profile: Ikev2Profile | undefined,
): { proposals: Setting<TunnelEnd['phase1']['proposals']['value']>; lifetime: Setting<number> } {
  const { cfg } = env;
  const { ctx } = cfg;
  const { d } = env;
  const lifetime = profile?.lifetime
    ? explicit(profile.lifetime.value, profile.lifetime.line.text, at(ctx, profile.lifetime.line), 'seconds')
    : platformDefault(d, 'ikev2Lifetime', d.ikev2.lifetime, `lifetime ${d.ikev2.lifetime}`, 'seconds');
  if (cfg.ikev2Policies.length === 0) {
    // proposals not linked to a policy are not used: the built-in default proposal is
    if (cfg.ikev2Proposals.size > 0)
      note(ctx, 'crypto ikev2 proposals exist but no crypto ikev2 policy uses them: IOS offers its default proposal', [...cfg.ikev2Proposals.values()][0].at);
    return {
      proposals: platformDefault(d, 'ikev2Parameters', d.ikev2DefaultProposal ? [d.ikev2DefaultProposal] : [], 'crypto ikev2 proposal default'),
      lifetime,
    };
  }
  const proposals = [];
  for (const pol of cfg.ikev2Policies) {
    if (pol.proposalRefs.length === 0) {
      // algorithms written in the policy itself (the ASA form batfish's parser test mixes in), else
      // a policy without a proposal offers the default one
      if (pol.encryption || pol.integrity || pol.groups) proposals.push(ikev2Proposal(d, pol));
      else if (d.ikev2DefaultProposal) proposals.push(d.ikev2DefaultProposal);
      continue;
    }
    for (const ref of pol.proposalRefs) {
      const p = cfg.ikev2Proposals.get(ref.value);
      if (p) proposals.push(ikev2Proposal(d, p));
      else warn(ctx, `crypto ikev2 policy ${pol.name} (line ${ref.line.n}) uses proposal ${ref.value}, which is not defined in this file`, ref.line);
    }
  }
  const first = cfg.ikev2Policies[0];
  return { proposals: explicit(proposals, linesText(cfg.ikev2Policies), at(ctx, first.at)), lifetime };
}

function ikev2Dpd(ctx: Ctx, env: Env, profile: Ikev2Profile | undefined): TunnelEnd['dpd'] {
  const k = profile?.dpd ?? env.globals.dpdV2;
  if (!k) return { mode: byDefault('off', 'no dpd') };
  return { mode: explicit(k.value.mode, k.line.text, at(ctx, k.line)), delaySeconds: explicit(k.value.delay, k.line.text, at(ctx, k.line), 'seconds') };
}

// --- tunnels ------------------------------------------------------------------------------------

function natt(ctx: Ctx, env: Env, version: 1 | 2, profile: Ikev2Profile | undefined): TunnelEnd['natt'] {
  const g = env.globals;
  let mode: Setting<TunnelEnd['natt']['mode']['value']> = g.nattOff
    ? explicit('disabled', g.nattOff.text, at(ctx, g.nattOff))
    : g.nattOn
      ? explicit('auto', g.nattOn.text, at(ctx, g.nattOn))
      : assumedDefault('auto', 'crypto ipsec nat-transparency udp-encapsulation');
  if (version === 2 && profile?.forceEncap) mode = explicit('forced', profile.forceEncap.text, at(ctx, profile.forceEncap));
  const ka = version === 1 ? g.natKeepaliveV1 : (profile?.natKeepalive ?? g.natKeepaliveV2);
  const keepalive = ka
    ? explicit(ka.value, ka.line.text, at(ctx, ka.line), 'seconds')
    : assumedDefault(0, version === 1 ? 'no crypto isakmp nat keepalive' : 'no crypto ikev2 nat keepalive', 'seconds');
  return { mode, keepaliveSeconds: keepalive };
}

function entryVersion(s: IpsecSettings): 1 | 2 {
  return s.ikev2Profile ? 2 : 1;
}

interface Base {
  name: string;
  /** how diagnostics name the entry */
  what: string;
  at: CiscoLine;
  enabled: boolean;
  remote: Setting<string>;
  local?: Setting<string>;
  initiates: Setting<boolean>;
}

function assemble(env: Env, base: Base, s: IpsecSettings, selectors: Selectors | undefined): TunnelEnd {
  const { cfg } = env;
  const { ctx } = cfg;
  const { d } = env;
  const version = entryVersion(s);
  const peer = base.remote.value;
  const localIp = base.local && isIpAddress(base.local.value) ? base.local.value : undefined;
  const creds =
    version === 1 ? ikev1Credentials(env, peer, s.isakmpProfile, localIp, base.what) : ikev2Credentials(env, peer, s.ikev2Profile, base.what, base.at);
  const p1 = version === 1 ? ikev1Phase1(cfg, d, creds.method?.value) : { ...ikev2Phase1(env, creds.ikev2), method: undefined };
  if (version === 1 && cfg.ikev1Policies.length === 0 && d.ikev1DefaultPolicies && !env.warnedNoPolicy.has(version)) {
    env.warnedNoPolicy.add(version);
    note(
      ctx,
      `there is no crypto isakmp policy in this file (first needed by ${base.name}): IOS-XE then offers its default protection suites ${d.ikev1DefaultPolicies.map((p) => p.priority).join(' and ')} (aes 128, sha, group 5, 86400 s)${d.assumed.has('ikev1DefaultPolicies') ? ', assumed: the file does not name its release' : ''}`,
      base.at,
    );
  }
  if (p1.proposals.value.length === 0 && !env.warnedNoPolicy.has(version)) {
    env.warnedNoPolicy.add(version);
    warn(
      ctx,
      `there is no crypto isakmp policy in this file (first needed by ${base.name}): IOS then offers its built-in default policies, which are not modelled here`,
      base.at,
    );
  }
  const method = creds.method ?? p1.method ?? byDefault<AuthMethod>('unknown', 'authentication (not configured)');
  if (!creds.psk && peer !== 'any' && method.value === 'psk')
    note(ctx, `${base.name}: no pre-shared key for peer ${peer} in this file (crypto isakmp key, crypto keyring or ikev2 keyring)`, base.at);
  const versionLine = version === 2 ? s.ikev2Profile?.line : undefined;
  const tunnel: TunnelEnd = {
    name: base.name,
    at: at(ctx, base.at),
    enabled: base.enabled,
    remoteGateway: base.remote,
    ikeVersion: versionLine ? explicit(2, versionLine.text, at(ctx, versionLine)) : byDefault(1, 'set isakmp-profile (IKEv1)'),
    auth: { method },
    phase1: { proposals: p1.proposals, lifetimeSeconds: p1.lifetime },
    natt: natt(ctx, env, version, creds.ikev2),
    dpd: version === 1 ? ikev1Dpd(ctx, env, creds.isakmp) : ikev2Dpd(ctx, env, creds.ikev2),
    phase2: [],
    initiates: base.initiates,
  };
  const p2 = buildPhase2(cfg, d, base.name, base.at, selectors, s, 'transform-set', base.what);
  if (p2) tunnel.phase2.push(p2);
  const action = ciscoDeadPeerAction(tunnel, { text: base.at.text, at: at(ctx, base.at), viaInterface: base.what.startsWith('crypto ipsec profile') });
  if (action) tunnel.dpd.action = action;
  if (base.local) tunnel.localGateway = base.local;
  if (creds.psk) tunnel.auth.psk = creds.psk;
  // the IKEv2 profile holds the IKE SA lifetime (and DPD): fixes name it
  if (version === 2 && creds.ikev2) tunnel.vendorRefs = { ...tunnel.vendorRefs, ikev2Profile: creds.ikev2.name };
  if (version === 1) {
    const aggr = creds.isakmp?.aggressive;
    tunnel.phase1.exchangeMode = aggr ? explicit('aggressive', aggr.text, at(ctx, aggr)) : byDefault('main', 'initiate mode main');
    tunnel.behaviour = ikev1Behaviour();
  }
  iosIdentities(env, tunnel, version, creds);
  return tunnel;
}

/**
 * IKEv1: `crypto isakmp identity` (default `address`, IOS security command reference) and, in
 * main mode with a PSK, any peer ID (the key is found by address). IKEv2: the profile's
 * `identity local` (default: the address with a PSK, the DN with certificates — assumed) and its
 * `match identity remote` lines, any one of which selects it.
 */
function iosIdentities(env: Env, tunnel: TunnelEnd, version: 1 | 2, creds: Credentials): void {
  const { ctx } = env.cfg;
  const method = tunnel.auth.method.value;
  if (version === 1) {
    const sent = isakmpIdentity(ctx, env.ids, method, tunnel.localGateway, 'address', false);
    if (sent) tunnel.auth.localIdentity = sent;
    const accepted = ikev1PeerIdentity(method, tunnel.phase1.exchangeMode?.value ?? 'main');
    if (accepted) tunnel.auth.peerIdentity = accepted;
    return;
  }
  const p = creds.ikev2;
  if (!p) return;
  if (p.identityLocal) tunnel.auth.localIdentity = explicit(p.identityLocal.value, p.identityLocal.line.text, at(ctx, p.identityLocal.line));
  else {
    const sent = isakmpIdentity(ctx, {}, method === 'certificate' ? 'certificate' : 'psk', tunnel.localGateway, 'auto', true);
    if (sent) tunnel.auth.localIdentity = sent;
  }
  if (p.remoteIds.length) {
    const first = p.remoteIds[0].line;
    tunnel.auth.peerIdentity = explicit(
      p.remoteIds.map((r) => r.value),
      p.remoteIds.map((r) => r.line.text).join('; '),
      at(ctx, first),
    );
  }
}

/** The interface carrying `crypto map NAME` (or `crypto map NAME local-address IF`) → local gateway. */
function mapLocal(env: Env, map: string): { local?: Setting<string>; applied: boolean } {
  const { cfg } = env;
  const { ctx } = cfg;
  const carriers = cfg.ifs.list.filter((i) => i.cryptoMap?.value === map);
  if (carriers.length === 0) return { applied: false };
  const la = cfg.maps.localAddress.get(map);
  if (la) return { local: inferred(resolveIp(cfg, la.value) ?? la.value, la.line.text, at(ctx, la.line)), applied: true };
  const i = carriers[0];
  if (carriers.length > 1)
    note(ctx, `crypto map ${map} is applied to ${carriers.length} interfaces; the first (${i.name}) is taken as the local gateway`, i.cryptoMap!.line);
  return { local: inferred(i.address?.value.ip ?? i.name, i.cryptoMap!.line.text, at(ctx, i.cryptoMap!.line)), applied: true };
}

function staticEntryTunnel(env: Env, e: MapEntry): TunnelEnd | undefined {
  const { cfg } = env;
  const { ctx } = cfg;
  const name = `${e.map} ${e.seq}`;
  if (!isComparableStaticEntry(cfg, e, 'IOS')) return undefined;
  const { local, applied } = mapLocal(env, e.map);
  if (!applied)
    warn(
      ctx,
      `crypto map ${e.map} is not applied to an interface ("crypto map ${e.map}" under an interface): if this is the whole configuration, IOS does not use it`,
      e.at,
    );
  const remote = remoteGatewaySetting(ctx, e.peers, `crypto map ${name}`);
  return assemble(
    env,
    { name, what: `crypto map ${name}`, at: e.at, enabled: true, remote, local, initiates: initiatesSetting(ctx, e) },
    e,
    entrySelectors(ctx, e, cfg.book, cfg.ifs),
  );
}

function dynamicTunnels(env: Env, ref: MapEntry, entries: MapEntry[]): TunnelEnd[] {
  const { cfg } = env;
  const { ctx } = cfg;
  const dyn = ref.dynamicRef!;
  const { local, applied } = mapLocal(env, ref.map);
  if (!applied) warn(ctx, `crypto map ${ref.map} is not applied to an interface: if this is the whole configuration, IOS does not use it`, ref.at);
  return entries.map((e) => {
    const name = `dynamic-map ${e.map} ${e.seq}`;
    const remote = e.peers.length ? remoteGatewaySetting(ctx, e.peers, `crypto ${name}`) : inferred('any', dyn.line.text, at(ctx, dyn.line));
    if (!e.peers.length) note(ctx, `crypto ${name} answers any peer: its pre-shared key is chosen per peer at negotiation, so it is not compared`, e.at);
    return assemble(
      env,
      { name, what: `crypto ${name}`, at: e.at, enabled: true, remote, local, initiates: inferred(false, dyn.line.text, at(ctx, dyn.line)) },
      e,
      entrySelectors(ctx, e, cfg.book, cfg.ifs),
    );
  });
}

/** A tunnel interface with `tunnel protection ipsec profile P`: VTI (`tunnel mode ipsec ipv4`) or GRE over IPsec. */
function tunnelInterface(env: Env, iface: Iface): TunnelEnd | undefined {
  const { cfg } = env;
  const { ctx } = cfg;
  const prot = iface.tunnelProtection!;
  const profile = cfg.ipsecProfiles.get(prot.value);
  if (!profile) {
    warn(ctx, `interface ${iface.name} (line ${prot.line.n}) is protected by ipsec profile ${prot.value}, which is not defined in this file`, prot.line);
    return undefined;
  }
  const dest = iface.tunnelDestination;
  if (!dest) {
    warn(ctx, `interface ${iface.name} has no "tunnel destination": not compared`, iface.at);
    return undefined;
  }
  const remote = explicit(dest.value, dest.line.text, at(ctx, dest.line));
  const src = iface.tunnelSource;
  const srcIp = src ? resolveIp(cfg, src.value) : undefined;
  const local = src ? inferred(srcIp ?? src.value, src.line.text, at(ctx, src.line)) : undefined;
  const mode = iface.tunnelMode?.value;
  let selectors: Selectors;
  if (mode?.startsWith('ipsec')) {
    selectors = anySelectors(ctx, prot.line.text, prot.line);
    if (mode === 'ipsec ipv6') {
      const ref = at(ctx, prot.line);
      selectors = { local: inferred(['::/0'], prot.line.text, ref), remote: inferred(['::/0'], prot.line.text, ref) };
    }
  } else {
    // GRE over IPsec (the tunnel mode default): the protected traffic is GRE between the endpoints
    const why = iface.tunnelMode ?? prot;
    const ref = at(ctx, why.line);
    const raw = iface.tunnelMode ? iface.tunnelMode.line.text : `${prot.line.text} (tunnel mode gre ip by default)`;
    const l = srcIp ? canonicalCidr(srcIp) : undefined;
    const r = canonicalCidr(dest.value);
    if (!l || !r) {
      warn(ctx, `interface ${iface.name}: GRE over IPsec needs IP addresses for tunnel source and destination to know its selectors`, iface.at);
      selectors = anySelectors(ctx, raw, why.line);
    } else {
      selectors = { local: inferred([l], raw, ref), remote: inferred([r], raw, ref), protocol: inferred(47, raw, ref) };
    }
  }
  const t = assemble(
    env,
    {
      name: iface.name,
      what: `crypto ipsec profile ${profile.name}`,
      at: iface.at,
      enabled: !iface.shutdown,
      remote,
      local,
      initiates: initiatesSetting(ctx, profile),
    },
    profile,
    selectors,
  );
  for (const p of t.phase2) p.name = `${iface.name} (ipsec profile ${profile.name})`;
  return t;
}

export function parseIos(text: string, file: string): Device {
  const cfg = readCiscoConfig(text, file, 'a Cisco IOS / IOS-XE configuration (show running-config)');
  const { ctx } = cfg;
  const env: Env = {
    cfg,
    d: iosDefaults(cfg.release),
    globals: collectGlobals(cfg),
    globalKeys: collectGlobalKeys(ctx, cfg.blocks),
    keyrings: collectKeyrings(ctx, cfg.blocks),
    isakmpProfiles: collectIsakmpProfiles(ctx, cfg.blocks),
    ikev2Keyrings: collectIkev2Keyrings(ctx, cfg.blocks),
    ikev2Profiles: collectIkev2Profiles(ctx, cfg.blocks),
    warnedNoPolicy: new Set(),
    ids: identityGlobals(cfg.blocks, cfg.hostname),
  };
  const tunnels = cryptoTunnels(cfg, {
    staticEntry: (e) => staticEntryTunnel(env, e),
    dynamicEntries: (ref, entries) => dynamicTunnels(env, ref, entries),
    tunnelInterface: (iface) => tunnelInterface(env, iface),
  });
  const device: Device = { vendor: 'ios', origin: file, interfaces: interfaceAddresses(ctx, cfg.ifs), tunnels, diagnostics: ctx.diagnostics };
  if (cfg.hostname) device.hostname = cfg.hostname;
  return device;
}

/**
 * The policies' lines as written, joined by "; ". A loop, not map+join: the .join on the mapped
 * array met more than one elements kind and was ikev2Phase1's "wrong map" deoptimisation (issue 13).
 */
function linesText(items: Array<{ at: { text: string } }>): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out += i > 0 ? `; ${items[i].at.text}` : items[i].at.text;
  return out;
}
