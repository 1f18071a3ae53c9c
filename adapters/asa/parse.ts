/**
 * Cisco ASA `show running-config` (whole, or its crypto / tunnel-group / access-list / object
 * sections, or a saved terminal session) → Device. Pure.
 *
 * One TunnelEnd per crypto map entry (`outside_map 10`), one per dynamic-map entry reached from a
 * crypto map (`dynamic-map DYN 10`, a responder for any peer), one per VTI (`Tunnel1`).
 * What is ASA-only lives here: tunnel-groups (PSK, DPD), `crypto isakmp nat-traversal`, which
 * IKE versions are enabled on which interface; the rest is adapters/cisco-common.
 */
import { ciscoDeadPeerAction } from '../cisco-common/recovery.js';
import { identityGlobals, isakmpIdentity, type IdentityGlobals } from '../cisco-common/identity.js';
import type { AuthMethod, Device, Setting, TunnelEnd } from '../../src/model/types.js';
import { assumedDefault, byDefault, explicit, inferred, inferredFromAssumed } from '../../src/model/setting.js';
import {
  type CiscoDefaults,
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
import { pskAt } from '../cisco-common/psk.js';
import { anySelectors, entrySelectors, type Selectors } from '../cisco-common/selectors.js';
import { parseWholeNumber } from '../../src/model/units.js';

/**
 * ASA defaults (8.4 and later: `crypto ikev1|ikev2 …` syntax). Sources, releases and what is
 * assumed: the Defaults table of adapters/asa/README.md. No ASA release changes a value here that
 * a source confirms, so the release read from `ASA Version …` is only carried along.
 */
export function asaDefaults(release?: Release): CiscoDefaults {
  return {
    platform: 'ASA',
    ...(release ? { release } : {}),
    // confirmed: the 28800 s / 4608000 KB SA lifetimes (CLI configuration guide, "Changing IPsec SA Lifetimes")
    assumed: new Set(['pfsWithoutGroup', 'ikev1Parameters', 'ikev1Lifetime', 'ikev2Parameters', 'ikev2Lifetime']),
    p2LifetimeSeconds: 28800,
    p2LifetimeKilobytes: 4608000,
    pfsWithoutGroup: 2,
    ikev1: { authentication: 'psk', encryption: '3des', hash: 'sha1', group: 2, lifetime: 86400 },
    // prf sha is the documented default (ASA 5500 CLI guide, IKEv2 policy table); the rest assumed
    ikev2: { encryption: ['3des'], integrity: ['sha1'], prf: ['prfsha1'], groups: [2], lifetime: 86400 },
  };
}

/** NAT keepalive a bare `crypto isakmp nat-traversal` (and the default) uses — assumed (README). */
const NATT_KEEPALIVE_DEFAULT = 20;
/** `isakmp keepalive threshold 10 retry 2` as the L2L default — assumed (README). */
const DPD_THRESHOLD_DEFAULT = 10;

interface TunnelGroup {
  name: string;
  at: CiscoLine;
  psk?: { ikev1?: Setting<string>; ikev2Local?: Setting<string>; ikev2Remote?: Setting<string> };
  certificate?: CiscoLine;
  keepalive?: Located<{ mode: 'off' | 'periodic'; threshold?: number; retry?: number }>;
}

function collectTunnelGroups(cfg: CiscoConfig): Map<string, TunnelGroup> {
  const { ctx } = cfg;
  const out = new Map<string, TunnelGroup>();
  for (const b of cfg.blocks) {
    const k = b.head.keys;
    const name = b.head.words[1];
    if (k[0] !== 'tunnel-group' || name === undefined) continue;
    const tg = out.get(name) ?? { name, at: b.head };
    out.set(name, tg);
    if (k[2] !== 'ipsec-attributes') continue;
    for (const c of b.children) readIpsecAttribute(ctx, tg, c);
  }
  return out;
}

function readIpsecAttribute(ctx: Ctx, tg: TunnelGroup, c: CiscoLine): void {
  const k = c.keys;
  tg.psk ??= {};
  if (k[0] === 'ikev1' && k[1] === 'pre-shared-key') tg.psk.ikev1 = pskAt(ctx, c, 2);
  else if (k[0] === 'pre-shared-key')
    tg.psk.ikev1 = pskAt(ctx, c, 1); // ASA ≤ 8.3
  else if (k[0] === 'ikev2' && k[2] === 'pre-shared-key') {
    const s = pskAt(ctx, c, 3);
    if (k[1] === 'local-authentication') tg.psk.ikev2Local = s;
    else if (k[1] === 'remote-authentication') tg.psk.ikev2Remote = s;
  } else if ((k[0] === 'ikev1' && k[1] === 'trust-point') || k[0] === 'trust-point' || (k[0] === 'ikev2' && k[2] === 'certificate')) {
    tg.certificate = c;
  } else if (k[0] === 'isakmp' && k[1] === 'keepalive') {
    if (k[2] === 'disable' || k[3] === 'infinite') {
      tg.keepalive = { value: { mode: 'off' }, line: c };
      return;
    }
    const threshold = k[2] === 'threshold' ? parseWholeNumber(k[3] ?? '') : undefined;
    const retry = k[4] === 'retry' ? parseWholeNumber(k[5] ?? '') : undefined;
    if (threshold === undefined || threshold < 10 || threshold > 3600)
      fail(ctx, c, `expected "isakmp keepalive threshold <10-3600> retry <2-10>" or "isakmp keepalive disable", found "${c.text}"`);
    tg.keepalive = { value: { mode: 'periodic', threshold, retry }, line: c };
  }
}

// --- NAT-T and DPD ------------------------------------------------------------------------------

interface Natt {
  mode: TunnelEnd['natt']['mode'];
  keepalive: Setting<number>;
}

/** `crypto isakmp nat-traversal [N]` / `no crypto isakmp nat-traversal`; on (keepalive 20 s) by default since 7.2(1). */
function globalNatt(cfg: CiscoConfig): Natt {
  const { ctx } = cfg;
  let out: Natt = {
    mode: byDefault('auto', `crypto isakmp nat-traversal ${NATT_KEEPALIVE_DEFAULT}`),
    keepalive: assumedDefault(NATT_KEEPALIVE_DEFAULT, `crypto isakmp nat-traversal ${NATT_KEEPALIVE_DEFAULT}`, 'seconds'),
  };
  for (const b of cfg.blocks) {
    const h = b.head;
    const k = h.keys[0] === 'no' ? h.keys.slice(1) : h.keys;
    if (!(k[0] === 'crypto' && k[1] === 'isakmp' && k[2] === 'nat-traversal')) continue;
    const ref = at(ctx, h);
    if (h.keys[0] === 'no') {
      out = { mode: explicit('disabled', h.text, ref), keepalive: explicit(0, h.text, ref, 'seconds') };
      continue;
    }
    const n = k[3] === undefined ? NATT_KEEPALIVE_DEFAULT : parseWholeNumber(k[3]);
    if (n === undefined || n < 10 || n > 3600)
      fail(ctx, h, `expected a NAT keepalive in seconds (10–3600) after "crypto isakmp nat-traversal", found "${h.words[3]}"`);
    out = {
      mode: explicit('auto', h.text, ref),
      keepalive: k[3] === undefined ? inferredFromAssumed(n, h.text, ref, 'seconds') : explicit(n, h.text, ref, 'seconds'),
    };
  }
  return out;
}

function natt(ctx: Ctx, global: Natt, s: IpsecSettings): TunnelEnd['natt'] {
  // with NAT-T off this entry never sends NAT keepalives: the global interval does not apply to it
  if (s.nattDisabled) return { mode: explicit('disabled', s.nattDisabled.text, at(ctx, s.nattDisabled)) };
  return { mode: global.mode, keepaliveSeconds: global.keepalive };
}

/**
 * The ASA sends R-U-THERE after `threshold` seconds without traffic from the peer, whether or not
 * it has anything to send (closer to periodic than to IOS on-demand); `retry` is the interval
 * between retransmissions, not a count, so `dpd.retries` is left unset.
 */
function dpd(ctx: Ctx, tg: TunnelGroup | undefined): TunnelEnd['dpd'] {
  const k = tg?.keepalive;
  if (!k) {
    const raw = `isakmp keepalive threshold ${DPD_THRESHOLD_DEFAULT} retry 2`;
    return { mode: assumedDefault('periodic', raw), delaySeconds: assumedDefault(DPD_THRESHOLD_DEFAULT, raw, 'seconds') };
  }
  const ref = at(ctx, k.line);
  if (k.value.mode === 'off') return { mode: explicit('off', k.line.text, ref) };
  return { mode: explicit('periodic', k.line.text, ref), delaySeconds: explicit(k.value.threshold!, k.line.text, ref, 'seconds') };
}

// --- credentials --------------------------------------------------------------------------------

interface Credentials {
  method?: Setting<AuthMethod>;
  psk?: Setting<string>;
  tg?: TunnelGroup;
}

/** The tunnel-group named by the peer address, else DefaultL2LGroup (which the ASA falls back to). */
function credentials(cfg: CiscoConfig, tgs: Map<string, TunnelGroup>, peer: Located<string> | undefined, version: 1 | 2, what: string): Credentials {
  const { ctx } = cfg;
  let tg = peer ? tgs.get(peer.value) : undefined;
  if (!tg) {
    tg = tgs.get('DefaultL2LGroup');
    if (peer && tgs.size > 0)
      note(
        ctx,
        `${what}: no tunnel-group ${peer.value}${tg ? ', so the ASA uses DefaultL2LGroup' : ' (and no DefaultL2LGroup): no pre-shared key or certificate is configured for this peer'}`,
        peer.line,
      );
  }
  if (!tg) return {};
  let psk: Setting<string> | undefined;
  if (version === 1) psk = tg.psk?.ikev1;
  else {
    const { ikev2Local: l, ikev2Remote: r } = tg.psk ?? {};
    if (l && r && l.value !== r.value)
      ctx.diagnostics.push({
        level: 'warning',
        message: `tunnel-group ${tg.name}: the IKEv2 local and remote pre-shared keys differ; the local one is compared`,
        ...(l.at ? { at: l.at } : {}),
      });
    psk = l ?? r;
  }
  if (psk) return { method: explicit<AuthMethod>('psk', psk.raw, psk.at), psk, tg };
  if (tg.certificate) return { method: explicit<AuthMethod>('certificate', tg.certificate.text, at(ctx, tg.certificate)), tg };
  return { tg };
}

// --- tunnels ------------------------------------------------------------------------------------

interface Env {
  cfg: CiscoConfig;
  d: CiscoDefaults;
  tgs: Map<string, TunnelGroup>;
  natt: Natt;
  /** "no IKE policy" is said once per version, not once per tunnel */
  warnedNoPolicy: Set<number>;
  ids: IdentityGlobals;
}

/** IKEv2 when the entry names IKEv2 proposals (the ASA tries IKEv2 first when both are set). */
function entryVersion(ctx: Ctx, s: IpsecSettings, what: string, line: CiscoLine): 1 | 2 {
  if (s.ikev2Proposals && s.transformSets)
    note(ctx, `${what} offers both IKEv2 proposals and IKEv1 transform sets: compared as IKEv2 (the ASA initiates with IKEv2 first)`, line);
  return s.ikev2Proposals ? 2 : 1;
}

function ikev2Phase1(cfg: CiscoConfig, d: CiscoDefaults): { proposals: Setting<TunnelEnd['phase1']['proposals']['value']>; lifetime: Setting<number> } {
  const { ctx } = cfg;
  const policies = cfg.ikev2Policies;
  const defaultLifetime = () => platformDefault(d, 'ikev2Lifetime', d.ikev2.lifetime, `lifetime seconds ${d.ikev2.lifetime}`, 'seconds');
  if (policies.length === 0) return { proposals: byDefault([], 'no crypto ikev2 policy'), lifetime: defaultLifetime() };
  for (const p of policies) {
    const missing = [
      p.encryption ? '' : `encryption ${d.ikev2.encryption.join(' ')}`,
      p.integrity ? '' : `integrity ${d.ikev2.integrity.join(' ')}`,
      p.groups ? '' : `group ${d.ikev2.groups.join(' ')}`,
    ].filter((m) => m !== '');
    if (missing.length)
      note(
        ctx,
        `crypto ikev2 policy ${p.name} does not say its ${missing.map((m) => m.split(' ')[0]).join(', ')}: the ASA default${missing.length > 1 ? 's' : ''} (${missing.join(', ')}) ${missing.length > 1 ? 'are' : 'is'} assumed (no vendor source confirms ${missing.length > 1 ? 'them' : 'it'})`,
        p.at,
      );
  }
  const first = policies[0];
  const lifetimes = new Set(policies.map((p) => p.lifetime?.value ?? d.ikev2.lifetime));
  if (lifetimes.size > 1)
    note(
      ctx,
      `IKEv2 policies have different lifetimes (${[...lifetimes].join(', ')} s): the highest-priority one (policy ${first.name}) is the one compared`,
      first.at,
    );
  return {
    proposals: explicit(
      policies.map((p) => ikev2Proposal(d, p)),
      policies.map((p) => p.at.text).join('; '),
      at(ctx, first.at),
    ),
    lifetime: first.lifetime ? explicit(first.lifetime.value, first.lifetime.line.text, at(ctx, first.lifetime.line), 'seconds') : defaultLifetime(),
  };
}

/** Everything of a TunnelEnd that follows from version, credentials and settings. */
function assemble(
  env: Env,
  base: { name: string; what: string; at: CiscoLine; enabled: boolean; remote: Setting<string>; local?: Setting<string>; initiates: Setting<boolean> },
  version: 1 | 2,
  creds: Credentials,
  s: IpsecSettings,
  selectors: Selectors | undefined,
): TunnelEnd {
  const { cfg } = env;
  const { ctx } = cfg;
  const { d } = env;
  const p1 = version === 1 ? ikev1Phase1(cfg, d, creds.method?.value) : { ...ikev2Phase1(cfg, d), method: undefined };
  if (p1.proposals.value.length === 0 && !env.warnedNoPolicy.has(version)) {
    env.warnedNoPolicy.add(version);
    warn(
      ctx,
      `there is no crypto ikev${version} policy in this file (first needed by ${base.name}); if this is the whole configuration, phase 1 cannot be negotiated`,
      base.at,
    );
  }
  const method: Setting<AuthMethod> = creds.method ?? p1.method ?? byDefault<AuthMethod>('unknown', `ikev${version} authentication (not configured)`);
  const tunnel: TunnelEnd = {
    name: base.name,
    at: at(ctx, base.at),
    enabled: base.enabled,
    remoteGateway: base.remote,
    ikeVersion: inferred(
      version,
      version === 2 ? (s.ikev2Proposals?.line.text ?? base.at.text) : (s.transformSets?.line.text ?? base.at.text),
      at(ctx, (version === 2 ? s.ikev2Proposals?.line : s.transformSets?.line) ?? base.at),
    ),
    auth: { method },
    phase1: { proposals: p1.proposals, lifetimeSeconds: p1.lifetime },
    natt: natt(ctx, env.natt, s),
    dpd: dpd(ctx, creds.tg),
    phase2: [],
    initiates: base.initiates,
  };
  const p2 = buildPhase2(cfg, d, base.name, base.at, selectors, s, version === 2 ? 'ipsec-proposal' : 'transform-set', base.what);
  if (p2) tunnel.phase2.push(p2);
  const action = ciscoDeadPeerAction(tunnel, { text: base.at.text, at: at(ctx, base.at), viaInterface: base.what.startsWith('crypto ipsec profile') });
  if (action) tunnel.dpd.action = action;
  if (base.local) tunnel.localGateway = base.local;
  if (creds.psk) tunnel.auth.psk = creds.psk;
  if (version === 1) {
    tunnel.phase1.exchangeMode = s.phase1Mode
      ? explicit(s.phase1Mode.value, s.phase1Mode.line.text, at(ctx, s.phase1Mode.line))
      : byDefault('main', 'set ikev1 phase1-mode main');
    tunnel.behaviour = ikev1Behaviour();
  }
  // sent: `crypto isakmp identity` (default auto: the address with a PSK, the certificate DN
  // otherwise); accepted: a LAN-to-LAN PSK peer's tunnel group is named by its address, so its ID
  // is not what selects it (README "Identities")
  const sent = isakmpIdentity(ctx, env.ids, method.value, base.local, 'auto', true);
  if (sent) tunnel.auth.localIdentity = sent;
  if (method.value === 'psk' && base.remote.value !== 'any')
    tunnel.auth.peerIdentity = byDefault([{}], '(LAN-to-LAN pre-shared key: the tunnel group is found by the peer address)');
  return tunnel;
}

/** The interface a crypto map is applied to, and its address as the local gateway. */
function mapBinding(env: Env, map: string): { local?: Setting<string>; iface?: Iface; nameif?: string; line?: CiscoLine } {
  const { cfg } = env;
  const { ctx } = cfg;
  const bindings = cfg.maps.bindings.filter((b) => b.map === map);
  if (bindings.length === 0) return {};
  const b = bindings[0];
  if (bindings.length > 1)
    note(ctx, `crypto map ${map} is applied to ${bindings.length} interfaces; the first (${b.iface}) is taken as the local gateway`, b.line);
  const iface = findInterface(cfg.ifs, b.iface);
  const ip = iface?.address?.value.ip;
  return { local: inferred(ip ?? b.iface, b.line.text, at(ctx, b.line)), iface, nameif: b.iface, line: b.line };
}

function checkEnabled(env: Env, version: 1 | 2, nameif: string | undefined, what: string, line: CiscoLine): void {
  const { cfg } = env;
  const enables = version === 1 ? cfg.enables.v1 : cfg.enables.v2;
  if (nameif === undefined || cfg.enables.v1.length + cfg.enables.v2.length === 0) return;
  if (!enables.some((e) => e.value === nameif))
    warn(
      cfg.ctx,
      `${what} is IKEv${version} on interface ${nameif}, but there is no "crypto ikev${version} enable ${nameif}": the ASA will not negotiate it`,
      line,
    );
}

function staticEntryTunnel(env: Env, e: MapEntry): TunnelEnd | undefined {
  const { cfg } = env;
  const { ctx } = cfg;
  const name = `${e.map} ${e.seq}`;
  if (!isComparableStaticEntry(cfg, e, 'the ASA')) return undefined;
  const version = entryVersion(ctx, e, `crypto map ${name}`, e.at);
  const binding = mapBinding(env, e.map);
  if (!binding.line)
    warn(
      ctx,
      `crypto map ${e.map} is not applied to an interface ("crypto map ${e.map} interface IF"): if this is the whole configuration, the ASA does not use it`,
      e.at,
    );
  checkEnabled(env, version, binding.nameif, `crypto map ${name}`, e.at);
  const remote = remoteGatewaySetting(ctx, e.peers, `crypto map ${name}`);
  const creds = credentials(cfg, env.tgs, e.peers[0], version, `crypto map ${name}`);
  return assemble(
    env,
    { name, what: `crypto map ${name}`, at: e.at, enabled: true, remote, local: binding.local, initiates: initiatesSetting(ctx, e) },
    version,
    creds,
    e,
    entrySelectors(ctx, e, cfg.book, cfg.ifs),
  );
}

function dynamicTunnels(env: Env, ref: MapEntry, entries: MapEntry[]): TunnelEnd[] {
  const { cfg } = env;
  const { ctx } = cfg;
  const dyn = ref.dynamicRef!;
  const binding = mapBinding(env, ref.map);
  const out: TunnelEnd[] = [];
  for (const e of entries) {
    const name = `dynamic-map ${e.map} ${e.seq}`;
    const version = entryVersion(ctx, e, `crypto ${name}`, e.at);
    checkEnabled(env, version, binding.nameif, `crypto ${name}`, e.at);
    const remote = e.peers.length ? remoteGatewaySetting(ctx, e.peers, `crypto ${name}`) : inferred('any', dyn.line.text, at(ctx, dyn.line));
    const creds = credentials(cfg, env.tgs, e.peers[0], version, `crypto ${name}`);
    out.push(
      assemble(
        env,
        { name, what: `crypto ${name}`, at: e.at, enabled: true, remote, local: binding.local, initiates: inferred(false, dyn.line.text, at(ctx, dyn.line)) },
        version,
        creds,
        e,
        entrySelectors(ctx, e, cfg.book, cfg.ifs),
      ),
    );
  }
  return out;
}

/** `interface TunnelN` with `tunnel protection ipsec profile P` (ASA ≥ 9.7 VTI). */
function vtiTunnel(env: Env, iface: Iface): TunnelEnd | undefined {
  const { cfg } = env;
  const { ctx } = cfg;
  const prot = iface.tunnelProtection!;
  const profile = cfg.ipsecProfiles.get(prot.value);
  if (!profile) {
    warn(ctx, `interface ${iface.name} (line ${prot.line.n}) is protected by ipsec profile ${prot.value}, which is not defined in this file`, prot.line);
    return undefined;
  }
  if (!iface.tunnelDestination) {
    warn(ctx, `interface ${iface.name} has no "tunnel destination": not compared`, iface.at);
    return undefined;
  }
  if (!iface.tunnelMode?.value.startsWith('ipsec')) note(ctx, `interface ${iface.name}: a VTI needs "tunnel mode ipsec ipv4"`, iface.at);
  const version = entryVersion(ctx, profile, `crypto ipsec profile ${profile.name}`, profile.at);
  const dest = iface.tunnelDestination;
  const remote = explicit(dest.value, dest.line.text, at(ctx, dest.line));
  let local: Setting<string> | undefined;
  const src = iface.tunnelSource;
  if (src) {
    const srcIf = findInterface(cfg.ifs, src.value);
    local = inferred(srcIf?.address?.value.ip ?? src.value, src.line.text, at(ctx, src.line));
    checkEnabled(env, version, srcIf?.nameif?.value ?? src.value, `interface ${iface.name}`, iface.at);
  }
  const creds = credentials(cfg, env.tgs, dest, version, `interface ${iface.name}`);
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
    version,
    creds,
    profile,
    anySelectors(ctx, prot.line.text, prot.line),
  );
  for (const p of t.phase2) p.name = `${iface.name} (ipsec profile ${profile.name})`;
  return t;
}

export function parseAsa(text: string, file: string): Device {
  const cfg = readCiscoConfig(text, file, 'a Cisco ASA configuration (show running-config)');
  const { ctx } = cfg;
  const env: Env = {
    cfg,
    d: asaDefaults(cfg.release),
    tgs: collectTunnelGroups(cfg),
    natt: globalNatt(cfg),
    warnedNoPolicy: new Set(),
    ids: identityGlobals(cfg.blocks, cfg.hostname),
  };
  const tunnels = cryptoTunnels(cfg, {
    staticEntry: (e) => staticEntryTunnel(env, e),
    dynamicEntries: (ref, entries) => dynamicTunnels(env, ref, entries),
    tunnelInterface: (iface) => vtiTunnel(env, iface),
  });
  const device: Device = { vendor: 'asa', origin: file, interfaces: interfaceAddresses(ctx, cfg.ifs), tunnels, diagnostics: ctx.diagnostics };
  if (cfg.hostname) device.hostname = cfg.hostname;
  return device;
}
