/**
 * RouterOS export → Device. A tunnel end is an `/ip ipsec peer` with
 *   - its phase 1 settings: the `/ip ipsec profile` it names (6.43: `/ip ipsec peer profile`;
 *     ≤ 6.42: properties of the peer itself),
 *   - its authentication: the `/ip ipsec identity` with `peer=<name>` (≤ 6.43: the peer),
 *   - its phase 2 entries: the encrypting policies with `peer=<name>` (v6 without `peer=`: the
 *     ones whose `sa-dst-address` the peer's address covers), each with its `/ip ipsec proposal`;
 *     plus, when the identity generates policies, the templates of its policy group.
 * Whatever the export leaves out is the RouterOS default of the version in the header.
 */
import { routerosLocalIdentity, routerosPeerIdentity } from './identity.js';
import { ParseError } from '../../src/model/errors.js';
import { addressIn, canonicalCidr, isIpAddress } from '../../src/model/net.js';
import { pskFingerprint, PSK_UNKNOWN } from '../../src/model/secrets.js';
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type {
  AuthMethod,
  Device,
  Diagnostic,
  DpdMode,
  InterfaceAddress,
  LifetimeResponderPolicy,
  NattMode,
  Setting,
  TunnelEnd,
} from '../../src/model/types.js';
import { eraOfVersion, IDENTITY_DEFAULTS, PEER_DEFAULTS, POLICY_DEFAULTS, PROFILE_KEYS, profileDefaults, type Era } from './defaults.js';
import { byName, entries, replay, type Item, type Items } from './items.js';
import { phase2OfPolicy, phase2OfTemplate, policyIsTemplate, proposalItem } from './policies.js';
import {
  printed,
  prop,
  readChoice,
  readDhGroups,
  readEncryption,
  readIntegrity,
  readPrf,
  readTime,
  readWhole,
  readYesNo,
  settingOf,
  settingOfAll,
  type Prop,
} from './read.js';
import { routerosDeadPeerAction, routerosIkeRenewal } from './recovery.js';
import { rememberTunnel, type TunnelRefs } from './refs.js';
import { at, MENU, note, READ_MENUS, selectorOf, warn, type Ctx } from './context.js';
import { isUnsetAddress, peerAddress, peerCovers, peerSpecificity, type PeerAddress } from './selectors.js';
import { parseScript, routerOsVersion, type Script } from './tokenize.js';

/** An export has menu lines; anything else (a strongSwan file, a show output, prose) is not ours. */
function assertExport(script: Script, text: string, file: string): void {
  if (script.menuLines > 0) return;
  const lines = text.split('\n');
  const firstLine = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const flags = lines.findIndex((l) => /^Flags: [A-Z] - /.test(l));
  if (flags >= 0) {
    throw new ParseError(file, flags + 1, 'expected a RouterOS export, found `print` output (Flags: …): save `/ip ipsec export` (or `/export`) instead');
  }
  throw new ParseError(
    file,
    firstLine < 0 ? 1 : firstLine + 1,
    'expected a RouterOS export: menu lines such as "/ip ipsec peer" followed by add/set commands, found none',
  );
}

/** v7 only: menus and properties that did not exist in v6. */
function looksLikeV7(text: string): boolean {
  return /^\/(routing (bgp connection|table|filter rule)|interface (wifi|wireguard)|ip\/)|\bprf-algorithm=|\blocal\.address=/m.test(text);
}

/** The version from the header, else what the layout says, else v7 (said in a diagnostic). */
function eraOf(script: Script, items: Items, text: string, ctx: Pick<Ctx, 'file' | 'diagnostics'>): Era {
  const v = routerOsVersion(script.comments);
  if (v) return eraOfVersion(v.major, v.minor);
  const peers = entries(items, MENU.peer);
  if (entries(items, MENU.peerProfile).some((i) => i.line !== undefined)) {
    note(ctx, 'no "# … by RouterOS x.y" header: /ip ipsec peer profile means RouterOS 6.43; its defaults are used');
    return 'v6-peer-profile';
  }
  if (peers.some((p) => PROFILE_KEYS.some((k) => p.args.has(k)))) {
    note(ctx, 'no "# … by RouterOS x.y" header: phase 1 settings on /ip ipsec peer mean RouterOS ≤ 6.42; v6 defaults are used');
    return 'v6-peer-crypto';
  }
  if (looksLikeV7(text)) {
    note(ctx, 'no "# … by RouterOS x.y" header: menus of RouterOS 7 are present; v7 defaults are used (DPD 8s × 4)');
    return 'v7';
  }
  note(ctx, 'no "# … by RouterOS x.y" header: assuming RouterOS 7 defaults (DPD 8s × 4; v6 would be 2m × 5)');
  return 'v7';
}

function interfacesOf(ctx: Ctx): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const item of [...entries(ctx.items, MENU.address), ...entries(ctx.items, MENU.address6)]) {
    if (item.args.get('disabled')?.value === 'yes') continue;
    const a = item.args.get('address');
    if (!a) continue;
    const [ip, len] = a.value.split('/');
    if (!isIpAddress(ip) || (len !== undefined && !/^\d+$/.test(len))) {
      warn(ctx, `${item.menu === MENU.address ? '/ip' : '/ipv6'} address ${a.value}: not an address/prefix; ignored`, a.line);
      continue;
    }
    const entry: InterfaceAddress = { name: item.args.get('interface')?.value ?? '', address: ip };
    if (len !== undefined) entry.prefixLength = Number(len);
    entry.at = { file: ctx.file, line: a.line };
    out.push(entry);
  }
  return out;
}

/** The name a tunnel end goes by: the peer's name, else its comment or address (v6 peers have no name). */
function peerName(peer: Item): string {
  return peer.args.get('name')?.value || peer.args.get('comment')?.value || peer.args.get('address')?.value || `peer at line ${peer.line}`;
}

/** Where the phase 1 settings of a peer live. */
function profileSource(ctx: Ctx, peer: Item): { item: Item; menu: string } {
  if (ctx.era === 'v6-peer-crypto' || PROFILE_KEYS.some((k) => peer.args.has(k))) return { item: peer, menu: MENU.peer };
  const name = prop(peer, 'profile', PEER_DEFAULTS, ctx.file);
  const menus = ctx.era === 'v6-peer-profile' ? [MENU.peerProfile, MENU.profile] : [MENU.profile, MENU.peerProfile];
  for (const menu of menus) {
    const item = byName(ctx.items, menu, name.value);
    if (item && (item.line !== undefined || menu === menus[0])) return { item, menu };
  }
  warn(
    ctx,
    `peer ${peerName(peer)} uses profile "${name.value}", which this export does not define; the default profile is assumed`,
    name.at?.line ?? peer.line,
  );
  return { item: byName(ctx.items, menus[0], 'default')!, menu: menus[0] };
}

const identityIndex = new WeakMap<Ctx, Map<string, Item[]>>();

/** The enabled identities of each peer name, in export order: built once, not scanned per peer. */
function identitiesByPeer(ctx: Ctx): Map<string, Item[]> {
  let index = identityIndex.get(ctx);
  if (!index) {
    index = new Map();
    for (const i of entries(ctx.items, MENU.identity)) {
      const p = i.args.get('peer')?.value;
      if (p === undefined || i.args.get('disabled')?.value === 'yes') continue;
      const list = index.get(p);
      if (list) list.push(i);
      else index.set(p, [i]);
    }
    identityIndex.set(ctx, index);
  }
  return index;
}

/** The identity that authenticates a peer (≤ 6.43: the peer itself). */
function identitySource(ctx: Ctx, peer: Item): { item?: Item; menu: string } {
  if (ctx.era === 'v6-peer-crypto' || ctx.era === 'v6-peer-profile' || peer.args.has('secret') || peer.args.has('auth-method')) {
    return { item: peer, menu: MENU.peer };
  }
  const name = peer.args.get('name')?.value;
  const mine = (name !== undefined && identitiesByPeer(ctx).get(name)) || [];
  if (mine.length > 1)
    note(ctx, `peer ${peerName(peer)} has ${mine.length} identities (lines ${mine.map((i) => i.line).join(', ')}); the first is read`, mine[1].line);
  if (mine.length === 0) warn(ctx, `peer ${peerName(peer)} has no /ip ipsec identity: RouterOS cannot authenticate it`, peer.line);
  return { item: mine[0], menu: MENU.identity };
}

function ikeVersionOf(ctx: Ctx, mode: Prop): 1 | 2 {
  const m = readChoice(mode, ctx.file, ['main', 'aggressive', 'base', 'ike2', 'main-l2tp'] as const);
  return m === 'ike2' ? 2 : 1;
}

const AUTH: Record<string, AuthMethod> = {
  'pre-shared-key': 'psk',
  'pre-shared-key-xauth': 'xauth-psk',
  'digital-signature': 'certificate',
  // a raw RSA public key is still a signature, not a shared secret
  'rsa-key': 'certificate',
  'rsa-signature': 'certificate',
  'rsa-signature-hybrid': 'xauth-certificate',
  eap: 'eap',
  'eap-radius': 'eap',
};

function authOf(ctx: Ctx, identity: Item | undefined): TunnelEnd['auth'] {
  if (!identity) return { method: byDefault<AuthMethod>('unknown', '(no /ip ipsec identity for this peer)') };
  const m = prop(identity, 'auth-method', IDENTITY_DEFAULTS, ctx.file);
  const method = AUTH[m.value];
  if (method === undefined)
    throw new ParseError(ctx.file, m.at?.line, `expected an auth-method (pre-shared-key, digital-signature, eap, …) for auth-method, found "${m.value}"`);
  const auth: TunnelEnd['auth'] = { method: settingOf(m, method) };
  if (method === 'psk' || method === 'xauth-psk') {
    const s = identity.args.get('secret');
    if (s && s.value !== '') auth.psk = explicit(secretFingerprint(s.value), 'secret=<redacted>', at(ctx, s.line));
    else {
      auth.psk = s ? explicit(PSK_UNKNOWN, 'secret=""', at(ctx, s.line)) : byDefault(PSK_UNKNOWN, '(secret not in this export)');
      if (s) warn(ctx, 'an identity with auth-method=pre-shared-key has an empty secret (or the export hid it): the PSK cannot be compared', s.line);
    }
  }
  for (const [key, field] of [
    ['my-id', 'localId'],
    ['remote-id', 'remoteId'],
  ] as const) {
    const id = identity.args.get(key);
    if (id && id.value !== 'auto' && id.value !== 'ignore' && id.value !== '') auth[field] = explicit(id.value, id.raw, at(ctx, id.line));
  }
  return auth;
}

/**
 * "If it starts with '0x', it is parsed as a hexadecimal value" (manual, Identities `secret`): the
 * key is those bytes, so it is fingerprinted as the bytes — text when they are text, as strongSwan's
 * `0x` keys are — and equals the same key written as text on another device.
 */
function secretFingerprint(secret: string): string {
  if (!/^0x(?:[0-9a-f]{2})+$/i.test(secret)) return pskFingerprint(secret);
  const bytes = Buffer.from(secret.slice(2), 'hex');
  const text = bytes.toString('utf8');
  return pskFingerprint(Buffer.from(text, 'utf8').equals(bytes) ? text : `bytes:${bytes.toString('hex')}`);
}

/** Phase 1 proposal: RouterOS offers every combination of its enc, hash and DH lists. */
function phase1Of(ctx: Ctx, profile: Item, version: 1 | 2, exchange: Prop): TunnelEnd['phase1'] {
  const d = profileDefaults(ctx.era);
  const enc = prop(profile, 'enc-algorithm', d, ctx.file);
  const hash = prop(profile, 'hash-algorithm', d, ctx.file);
  const dh = prop(profile, 'dh-group', d, ctx.file);
  const parts = [dh, enc, hash];
  let prf: string[] = [];
  if (version === 2 && (profile.args.has('prf-algorithm') || ctx.era === 'v7')) {
    const p = prop(profile, 'prf-algorithm', { 'prf-algorithm': 'auto' }, ctx.file);
    prf = readPrf(p, ctx.file);
    if (p.origin === 'explicit') parts.push(p);
  }
  const proposal = { encryption: readEncryption(enc, ctx.file), integrity: readIntegrity(hash, ctx.file), prf, dhGroups: readDhGroups(dh, ctx.file) };
  const life = prop(profile, 'lifetime', d, ctx.file);
  const phase1: TunnelEnd['phase1'] = {
    proposals: settingOfAll(parts, [proposal]),
    lifetimeSeconds: settingOf(life, readTime(life, ctx.file), 'time-string'),
  };
  if (version === 1) {
    if (exchange.value === 'aggressive') phase1.exchangeMode = settingOf(exchange, 'aggressive');
    else if (exchange.value === 'base')
      warn(ctx, 'exchange-mode=base (RFC 2408 base mode) has no equivalent in the model; the exchange mode is left out', exchange.at?.line);
    else phase1.exchangeMode = settingOf(exchange, 'main'); // main, and main-l2tp (main mode with relaxed PSK rules)
  }
  return phase1;
}

/** NAT-T: IKEv2 ignores `nat-traversal` (RouterOS manual) and always detects NAT. */
function nattOf(ctx: Ctx, profile: Item, version: 1 | 2, peerLabel: string): TunnelEnd['natt'] {
  const p = prop(profile, 'nat-traversal', profileDefaults(ctx.era), ctx.file);
  const on = readYesNo(p, ctx.file);
  if (version === 2) {
    if (!on) note(ctx, `peer ${peerLabel}: nat-traversal=no has no effect with exchange-mode=ike2 (IKEv2 always detects NAT)`, p.at?.line);
    return { mode: on ? settingOf<NattMode>(p, 'auto') : inferred<NattMode>('auto', p.raw, p.at) };
  }
  return { mode: settingOf<NattMode>(p, on ? 'auto' : 'disabled') };
}

/** DPD: `dpd-interval` (or disable-dpd); `dpd-maximum-failures` is IKEv1 only. */
function dpdOf(ctx: Ctx, profile: Item, version: 1 | 2): TunnelEnd['dpd'] {
  const d = profileDefaults(ctx.era);
  const interval = prop(profile, 'dpd-interval', d, ctx.file);
  if (interval.value === 'disable-dpd') return { mode: settingOf<DpdMode>(interval, 'off') };
  const dpd: TunnelEnd['dpd'] = {
    // ASSUMED (README): R-U-THERE is sent every interval while the peer is idle, i.e. periodic
    mode: settingOf<DpdMode>(interval, 'periodic'),
    delaySeconds: settingOf(interval, readTime(interval, ctx.file), 'time-string'),
  };
  if (version === 1) {
    const f = prop(profile, 'dpd-maximum-failures', d, ctx.file);
    dpd.retries = settingOf(f, readWhole(f, ctx.file, 1, 100));
  }
  return dpd;
}

const RESPONDER: Record<string, LifetimeResponderPolicy> = { obey: 'accept', claim: 'shorter', strict: 'reject-longer', exact: 'exact' };

/**
 * `proposal-check` — how this end, as IKEv1 responder, treats the initiator's lifetimes. The
 * manual documents it for phase 2; RouterOS's IKEv1 comes from racoon, whose proposal_check also
 * governs the phase 1 lifetime check, so it is applied to both. IKEv2 ignores it.
 */
function behaviourOf(ctx: Ctx, profile: Item): TunnelEnd['behaviour'] {
  const p = prop(profile, 'proposal-check', profileDefaults(ctx.era), ctx.file);
  const policy = RESPONDER[readChoice(p, ctx.file, ['obey', 'claim', 'strict', 'exact'] as const)];
  return { ikev1Phase1Lifetime: settingOf(p, policy), ikev1Phase2Lifetime: settingOf(p, policy) };
}

function remoteGatewayOf(ctx: Ctx, peer: Item, label: string): { setting: Setting<string>; address: PeerAddress } {
  const p = prop(peer, 'address', PEER_DEFAULTS, ctx.file);
  const address = peerAddress(p.value);
  switch (address.kind) {
    case 'any':
      return { setting: settingOf(p, 'any'), address };
    case 'host':
      return { setting: settingOf(p, address.address), address };
    case 'subnet':
      // a responder for any peer inside this prefix; kept as the prefix (see README)
      return { setting: settingOf(p, address.cidr), address };
    case 'name':
      return { setting: settingOf(p, address.name), address };
    case 'unreadable':
      warn(ctx, `peer ${label}: address=${p.value} is not an IP prefix or DNS name; it is compared as written`, p.at?.line);
      return { setting: settingOf(p, address.text), address };
  }
}

const connectedAsked = new WeakMap<InterfaceAddress[], Map<string, InterfaceAddress | undefined>>();

/** The first /ip address whose subnet holds `target`, once per address (not a scan of every interface per peer). */
function connectedTo(ctx: Ctx, target: string): InterfaceAddress | undefined {
  let asked = connectedAsked.get(ctx.interfaces);
  if (!asked) {
    asked = new Map();
    connectedAsked.set(ctx.interfaces, asked);
  }
  if (!asked.has(target))
    asked.set(
      target,
      ctx.interfaces.find((i) => i.prefixLength !== undefined && addressIn(target, [`${i.address}/${i.prefixLength}`])),
    );
  return asked.get(target);
}

/** local-address, else the policies' sa-src-address, else the /ip address on the peer's subnet. */
function localGatewayOf(ctx: Ctx, peer: Item, policies: Item[], remote: PeerAddress): Setting<string> | undefined {
  const local = peer.args.get('local-address');
  if (local && !isUnsetAddress(local.value)) return explicit(local.value, local.raw, at(ctx, local.line));
  for (const pol of policies) {
    const sa = pol.args.get('sa-src-address');
    if (sa && !isUnsetAddress(sa.value)) return explicit(sa.value, sa.raw, at(ctx, sa.line));
  }
  if (remote.kind !== 'host' && remote.kind !== 'subnet') return undefined;
  const target = remote.kind === 'host' ? remote.address : remote.cidr.split('/')[0];
  const connected = connectedTo(ctx, target);
  if (!connected) return undefined;
  return inferred(connected.address, `/ip address add address=${connected.address}/${connected.prefixLength} interface=${connected.name}`, connected.at);
}

/** Which peer a policy belongs to: `peer=<name>`, or (v6) the most specific peer covering `sa-dst-address`. */
function policyPeer(ctx: Ctx, policy: Item, peers: Array<{ item: Item; address: PeerAddress }>): Item | undefined {
  const named = policy.args.get('peer');
  if (named) {
    // the first peer of that name, as peers.find did, from the name index (not a scan per policy)
    const p = byName(ctx.items, MENU.peer, named.value);
    if (!p) warn(ctx, `policy at line ${policy.line} uses peer "${named.value}", which this export does not define`, named.line);
    return p;
  }
  const dst = policy.args.get('sa-dst-address');
  if (!dst || isUnsetAddress(dst.value)) return undefined;
  return coveringPeer(peers, dst.value);
}

type PeerEntry = { item: Item; address: PeerAddress };

/**
 * The peers indexed once per parse for `coveringPeer`: those matched by equality (host, DNS name,
 * unreadable text: first of each key, in export order) and the prefixes (subnets, any) with the
 * answer of each address already asked. Scanning every peer per policy, each comparison parsing
 * CIDRs into BigInts, made a parse quadratic in peers (the real export repeated to 1 MB: 32 s).
 */
interface PeerIndex {
  exact: Map<string, { item: Item; order: number }>;
  prefixes: PeerEntry[];
  asked: Map<string, Item | undefined>;
}
const peerIndexes = new WeakMap<PeerEntry[], PeerIndex>();

function exactKey(p: PeerAddress): string | undefined {
  if (p.kind === 'host') return `host ${canonicalCidr(p.address)}`;
  if (p.kind === 'name') return `name ${p.name}`;
  if (p.kind === 'unreadable') return `text ${p.text}`;
  return undefined;
}

function peerIndexOf(peers: PeerEntry[]): PeerIndex {
  let index = peerIndexes.get(peers);
  if (!index) {
    index = { exact: new Map(), prefixes: [], asked: new Map() };
    for (const [order, p] of peers.entries()) {
      const key = exactKey(p.address);
      if (key === undefined) index.prefixes.push(p);
      else if (!index.exact.has(key)) index.exact.set(key, { item: p.item, order });
    }
    peerIndexes.set(peers, index);
  }
  return index;
}

/**
 * The most specific peer covering `ip`, the first in export order among equals — what filtering
 * every peer with peerCovers and a stable sort on peerSpecificity gave: an equality match (129)
 * beats any prefix.
 */
function coveringPeer(peers: PeerEntry[], ip: string): Item | undefined {
  const index = peerIndexOf(peers);
  if (index.asked.has(ip)) return index.asked.get(ip);
  const exact = [
    isIpAddress(ip) ? index.exact.get(`host ${canonicalCidr(ip)}`) : undefined,
    index.exact.get(`name ${ip.toLowerCase()}`),
    index.exact.get(`text ${ip}`),
  ].filter((x) => x !== undefined);
  const found = exact.length
    ? exact.sort((a, b) => a.order - b.order)[0].item
    : index.prefixes.filter((p) => peerCovers(p.address, ip)).sort((a, b) => peerSpecificity(b.address) - peerSpecificity(a.address))[0]?.item;
  index.asked.set(ip, found);
  return found;
}

/** The dead-peer action and IKE renewal (recovery.ts), from the peer's first static policy. */
function recoveryOf(ctx: Ctx, tunnel: TunnelEnd, policies: Item[]): void {
  // v6 binds a policy by `sa-dst-address` where it names no `peer=`
  const first = policies[0];
  const arg = first && (first.args.get('peer') ?? first.args.get('sa-dst-address'));
  const line = arg?.line ?? first?.line;
  const action = routerosDeadPeerAction(tunnel, first && { raw: arg?.raw ?? 'policy', at: line !== undefined ? { file: ctx.file, line } : undefined });
  if (action) tunnel.dpd.action = action;
  const renewal = routerosIkeRenewal(tunnel);
  if (renewal) tunnel.phase1.renewal = renewal;
}

/**
 * Each generate-policy peer gets a phase 2 per template of its group: peers × templates, by
 * design. A hub with 500 road-warrior peers and 20 templates is 10,000; past that a text (800
 * peers × 800 templates, 172 KB: 640,000 phase 2s, 12 s, 1.7 GB) is refused at the identity that
 * passes the bound, rather than running out of memory.
 */
export const MAX_GENERATED = 10_000;

/** The policy templates of a group (listed once per parse, not once per peer). */
function templatesOf(ctx: Ctx, group: string | undefined): Item[] {
  if (!ctx.templatesByGroup) {
    ctx.templatesByGroup = new Map();
    for (const p of entries(ctx.items, MENU.policy)) {
      if (!policyIsTemplate(p)) continue;
      const g = String(prop(p, 'group', POLICY_DEFAULTS, ctx.file).value);
      const list = ctx.templatesByGroup.get(g);
      if (list) list.push(p);
      else ctx.templatesByGroup.set(g, [p]);
    }
  }
  return ctx.templatesByGroup.get(String(group)) ?? [];
}

function tunnelOf(ctx: Ctx, peer: Item, policies: Item[]): TunnelEnd {
  const label = peerName(peer);
  const profile = profileSource(ctx, peer);
  const identity = identitySource(ctx, peer);
  const exchange = prop(peer, 'exchange-mode', PEER_DEFAULTS, ctx.file);
  const version = ikeVersionOf(ctx, exchange);
  const remote = remoteGatewayOf(ctx, peer, label);
  const passive = prop(peer, 'passive', PEER_DEFAULTS, ctx.file);

  const tunnel: TunnelEnd = {
    name: label,
    enabled: prop(peer, 'disabled', PEER_DEFAULTS, ctx.file).value !== 'yes',
    remoteGateway: remote.setting,
    ikeVersion: settingOf(exchange, version),
    auth: authOf(ctx, identity.item),
    phase1: phase1Of(ctx, profile.item, version, exchange),
    natt: nattOf(ctx, profile.item, version, label),
    dpd: dpdOf(ctx, profile.item, version),
    phase2: [],
    initiates: settingOf(passive, !readYesNo(passive, ctx.file)),
  };
  const where = at(ctx, peer.line);
  if (where) tunnel.at = where;
  const local = localGatewayOf(ctx, peer, policies, remote.address);
  if (local) tunnel.localGateway = local;
  else {
    const dhcp = entries(ctx.items, MENU.dhcpClient)
      .map((c) => c.args.get('interface')?.value)
      .filter((i) => i !== undefined);
    if (dhcp.length)
      note(
        ctx,
        `peer ${label}: its local address is not in the export (no local-address; ${dhcp.join(', ')} ${dhcp.length > 1 ? 'get their addresses' : 'gets its address'} by DHCP)`,
        peer.line,
      );
  }
  if (identity.item) {
    const cert = tunnel.auth.method.value === 'certificate' || tunnel.auth.method.value === 'xauth-certificate';
    const mine = routerosLocalIdentity(prop(identity.item, 'my-id', IDENTITY_DEFAULTS, ctx.file), cert, local);
    if (mine) tunnel.auth.localIdentity = mine;
    const theirs = routerosPeerIdentity(
      prop(identity.item, 'remote-id', IDENTITY_DEFAULTS, ctx.file),
      prop(identity.item, 'match-by', IDENTITY_DEFAULTS, ctx.file),
      version,
    );
    if (theirs) tunnel.auth.peerIdentity = theirs;
  }
  if (version === 1) tunnel.behaviour = behaviourOf(ctx, profile.item);

  const l2tp = exchange.value === 'main-l2tp';
  tunnel.phase2 = policies.map((pol) => phase2OfPolicy(ctx, pol));
  recoveryOf(ctx, tunnel, policies);
  const generate = identity.item ? prop(identity.item, 'generate-policy', IDENTITY_DEFAULTS, ctx.file) : undefined;
  if (generate && generate.value !== 'no') {
    const group = prop(identity.item, 'policy-template-group', IDENTITY_DEFAULTS, ctx.file).value;
    const templates = templatesOf(ctx, group);
    if (templates.length === 0 && group !== 'none')
      warn(ctx, `peer ${label} generates policies from template group "${group}", which has no templates: no phase 2 can be established`, generate.at?.line);
    const enabled = templates.filter((t) => t.args.get('disabled')?.value !== 'yes');
    ctx.generated = (ctx.generated ?? 0) + enabled.length;
    if (ctx.generated > MAX_GENERATED)
      throw new ParseError(
        ctx.file,
        generate.at?.line ?? identity.item?.line ?? peer.line ?? 1,
        `expected at most ${MAX_GENERATED} phase 2s generated from policy templates (each generate-policy peer × each template of its group), found more by this identity`,
      );
    for (const t of enabled) tunnel.phase2.push(phase2OfTemplate(ctx, t, generate, l2tp));
  }
  if (tunnel.phase2.length === 0 && tunnel.enabled) {
    note(ctx, `peer ${label} has no encrypting policy (peer=${label}) and generates none: phase 1 only`, peer.line);
  }

  const refs: TunnelRefs = {
    peer: selectorOf(peer),
    profileMenu: profile.menu,
    profile: selectorOf(profile.item),
    identityMenu: identity.menu,
    identity: identity.item ? selectorOf(identity.item) : printed('peer', label),
  };
  rememberTunnel(tunnel, refs);
  return tunnel;
}

/** Proposals no policy or template uses are dead configuration: worth a note, they often are the intended ones. */
function noteUnusedProposals(ctx: Ctx): void {
  const used = new Set(entries(ctx.items, MENU.policy).map((p) => proposalItem(ctx, p, false)));
  for (const p of entries(ctx.items, MENU.proposal)) {
    if (p.builtIn || used.has(p)) continue;
    note(ctx, `proposal ${p.args.get('name')?.value ?? `at line ${p.line}`} is not used by any policy or policy template`, p.line);
  }
}

export function parseRouterOs(text: string, file: string): Device {
  const wanted = (m: string) => READ_MENUS.has(m);
  const script = parseScript(text, file, wanted);
  assertExport(script, text, file);
  const items = replay(script.commands, wanted);
  const diagnostics: Diagnostic[] = [];
  const era = eraOf(script, items, text, { file, diagnostics });
  const ctx: Ctx = { file, era, items, diagnostics, interfaces: [] };
  for (const p of items.problems) warn(ctx, p.message, p.line);
  ctx.interfaces = interfacesOf(ctx);

  const peers = entries(items, MENU.peer).map((item) => ({ item, address: peerAddress(prop(item, 'address', PEER_DEFAULTS, file).value) }));
  const byPeer = new Map<Item, Item[]>(peers.map((p) => [p.item, []]));
  for (const pol of entries(items, MENU.policy)) {
    if (policyIsTemplate(pol)) continue;
    if (prop(pol, 'action', POLICY_DEFAULTS, file).value !== 'encrypt') continue;
    if (pol.args.get('disabled')?.value === 'yes') {
      note(ctx, 'policy is disabled (disabled=yes): not part of any tunnel', pol.line);
      continue;
    }
    const owner = policyPeer(ctx, pol, peers);
    if (owner) byPeer.get(owner)!.push(pol);
    else if (!pol.args.has('peer')) warn(ctx, 'encrypting policy names no peer (peer=… or sa-dst-address=…): no tunnel negotiates its keys', pol.line);
  }
  const peerNames = new Set(peers.flatMap((x) => x.item.args.get('name')?.value ?? []));
  for (const id of entries(items, MENU.identity)) {
    const p = id.args.get('peer');
    if (p && !peerNames.has(p.value)) warn(ctx, `identity uses peer "${p.value}", which this export does not define`, p.line);
  }

  const tunnels = peers.map((p) => tunnelOf(ctx, p.item, byPeer.get(p.item)!));
  if (tunnels.length === 0) note(ctx, 'no /ip ipsec peer in this export: no tunnel ends (was it `/export` of another menu?)', undefined);
  noteUnusedProposals(ctx);
  if (tunnels.some((t) => t.auth.psk?.value === PSK_UNKNOWN && t.auth.psk.origin === 'default')) {
    note(ctx, 'pre-shared keys are not in this export (RouterOS 7 prints them only with `export show-sensitive`): they cannot be compared', undefined);
  }

  const device: Device = { vendor: 'routeros', origin: file, interfaces: ctx.interfaces, tunnels, diagnostics: ctx.diagnostics };
  const hostname = entries(items, MENU.systemIdentity)[0]?.args.get('name')?.value;
  if (hostname) device.hostname = hostname;
  return device;
}
