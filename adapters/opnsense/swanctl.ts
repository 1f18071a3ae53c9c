/**
 * OPNsense "Connections" (`<OPNsense><Swanctl>`, 23.1+): Connection/local/remote/child records,
 * linked by the connection's uuid, written nearly verbatim to swanctl.conf (Swanctl.php getConfig:
 * empty fields are left out, booleans become yes/no). So swanctl semantics and strongSwan's
 * defaults apply to everything not set (swanctl.opt): proposals/esp_proposals `default`,
 * version 0 (IKEv2, answering IKEv1 too), IKE rekey 4h, child rekey 1h and life +10 %, DPD off,
 * encap no. PSKs are `<OPNsense><IPsec><preSharedKeys>`, matched to a connection by identities.
 */
import { swanLocalIdentity, swanPeerIdentity } from '../strongswan/identity.js';
import { swanctlIkeTimers } from '../strongswan/timing.js';
import { isIPv4, isIPv6 } from 'node:net';
import { ParseError } from '../../src/model/errors.js';
import { canonicalCidr } from '../../src/model/net.js';
import { parseChildProposals, parseIkeProposals } from '../../src/model/proposal-strings.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { answersBothVersions, byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { AuthMethod, ChildProposal, DeadPeerAction, DpdMode, IkeRenewal, NattMode, Phase2, Setting, TunnelEnd } from '../../src/model/types.js';
import { fromElement, note, ref, warn, wholeNumber, type ReadContext } from '../pfsense/context.js';
import { CHARON_KEEP_ALIVE } from '../pfsense/legacy-ipsec.js';
import { at, child, childText, childrenNamed, rawElement, type XNode } from '../pfsense/xml-tree.js';

const IKE_REKEY_DEFAULT = 14400; // swanctl.opt connections.<conn>.rekey_time = 4h
const CHILD_REKEY_DEFAULT = 3600; // children.<child>.rekey_time = 1h

interface Records {
  connections: Map<string, XNode>;
  locals: Map<string, XNode[]>;
  remotes: Map<string, XNode[]>;
  children: Map<string, XNode[]>;
  psks: XNode[];
  /** `<Pools><Pool>` by uuid and by name (a connection's `<pools>` may use either) */
  pools: Map<string, XNode>;
}

export function readSwanctlTunnels(ctx: ReadContext, opnsense: XNode | undefined): TunnelEnd[] {
  const swanctl = child(opnsense, 'Swanctl');
  const conns = childrenNamed(child(swanctl, 'Connections'), 'Connection');
  const records: Records = {
    connections: new Map(conns.map((c) => [c.attrs.uuid ?? '', c])),
    locals: byConnection(ctx, childrenNamed(child(swanctl, 'locals'), 'local'), conns),
    remotes: byConnection(ctx, childrenNamed(child(swanctl, 'remotes'), 'remote'), conns),
    children: byConnection(ctx, childrenNamed(child(swanctl, 'children'), 'child'), conns),
    psks: childrenNamed(at(opnsense, 'IPsec/preSharedKeys'), 'preSharedKey'),
    pools: new Map(childrenNamed(child(swanctl, 'Pools'), 'Pool').flatMap((p) => [[p.attrs.uuid ?? '', p] as const, [childText(p, 'name') ?? '', p] as const])),
  };
  return conns.map((c) => readConnection(ctx, c, records));
}

/** Group records by the connection uuid they name; a dangling reference is a diagnostic. */
function byConnection(ctx: ReadContext, items: XNode[], conns: XNode[]): Map<string, XNode[]> {
  const known = new Set(conns.map((c) => c.attrs.uuid ?? ''));
  const out = new Map<string, XNode[]>();
  for (const item of items) {
    const refNode = child(item, 'connection');
    const uuid = refNode?.text ?? '';
    if (!known.has(uuid)) {
      warn(ctx, `<${item.name}> refers to connection '${uuid}', which is not defined under <Connections>: it is not used`, refNode ?? item);
      continue;
    }
    out.set(uuid, [...(out.get(uuid) ?? []), item]);
  }
  return out;
}

const enabled = (n: XNode): boolean => childText(n, 'enabled') !== '0';

function readConnection(ctx: ReadContext, c: XNode, records: Records): TunnelEnd {
  const uuid = c.attrs.uuid ?? '';
  const name = childText(c, 'description') || uuid || `connection line ${c.line}`;
  const { setting: ikeVersion, ikev1 } = version(ctx, c);
  const localAddr = firstAddress(child(c, 'local_addrs'));
  const remoteGateway = remoteGatewayOf(ctx, c);
  const locals = records.locals.get(uuid) ?? [];
  const remotes = records.remotes.get(uuid) ?? [];
  const tunnel: TunnelEnd = {
    name,
    at: ref(ctx, c),
    enabled: enabled(c),
    remoteGateway,
    ikeVersion,
    ...answersBothVersions(ikeVersion, /<version>0</.test(ikeVersion.raw)),
    auth: auth(ctx, c, locals, remotes, localAddr, remoteGateway, records.psks),
    phase1: { proposals: ikeProposals(ctx, c), lifetimeSeconds: ikeLifetime(ctx, c, ikev1) },
    natt: { mode: encap(ctx, c), keepaliveSeconds: byDefault(CHARON_KEEP_ALIVE, 'charon.keep_alive = 20s', 'seconds') },
    dpd: dpd(ctx, c),
    phase2: [],
    // OPNsense runs strongSwan's charon, which narrows proposed selectors to its own
    behaviour: { selectorNarrowing: byDefault('narrows', 'charon (responder) narrows proposed traffic selectors to its own') },
  };
  if (localAddr) tunnel.localGateway = fromElement(ctx, localAddr.node, localAddr.value);
  if (ikev1) tunnel.phase1.exchangeMode = aggressive(ctx, c);
  const kids = records.children.get(uuid) ?? [];
  const pool = poolSelectors(ctx, c, records.pools);
  tunnel.phase2 = kids.filter((k) => keepChild(ctx, k)).map((k) => readChild(ctx, k, ikev1, localAddr, pool ?? remoteGateway));
  const starts = kids
    .filter(enabled)
    .map((k) => child(k, 'start_action'))
    .filter((s): s is XNode => s !== undefined && s.text !== '');
  if (starts.length > 0) {
    const initiating = starts.find((s) => s.text !== 'none');
    tunnel.initiates = initiating ? fromElement(ctx, initiating, true) : fromElement(ctx, starts[0], false);
  }
  if (tunnel.dpd.mode.value !== 'off') tunnel.dpd.action = deadPeerAction(ctx, kids.filter(enabled)[0]);
  const renewal = ikeRenewal(ctx, c, ikev1);
  if (renewal) tunnel.phase1.renewal = renewal;
  if (kids.length === 0) note(ctx, `connection '${name}' has no children (phase 2)`, c);
  if (!tunnel.enabled) note(ctx, `connection '${name}' is disabled`, child(c, 'enabled'));
  if (pool)
    note(
      ctx,
      `connection '${name}' hands out addresses from pool(s) ${childText(c, 'pools')}: a remote-access server, its remote selectors are the pool`,
      child(c, 'pools'),
    );
  return tunnel;
}

/** A remote-access connection's `<pools>` → the pools' networks, the remote side of its children. */
function poolSelectors(ctx: ReadContext, c: XNode, pools: Map<string, XNode>): Setting<string[]> | undefined {
  const node = child(c, 'pools');
  if (!node || node.text === '') return undefined;
  const cidrs: string[] = [];
  const raws: string[] = [rawElement(node)];
  for (const name of node.text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')) {
    const pool = pools.get(name);
    const addrs = child(pool, 'addrs');
    const cidr = addrs ? canonicalCidr(addrs.text) : undefined;
    if (!pool || !addrs || !cidr) {
      // strongSwan's own pools (radius, dhcp) are not in the file
      warn(ctx, `pool '${name}' is not defined under <Pools> with an address range`, node);
      continue;
    }
    cidrs.push(cidr);
    raws.push(rawElement(addrs));
  }
  return cidrs.length ? inferred(cidrs, raws.join(' → '), ref(ctx, node)) : undefined;
}

// --- connection ----------------------------------------------------------------------------

function version(ctx: ReadContext, c: XNode): { setting: Setting<1 | 2>; ikev1: boolean } {
  const node = child(c, 'version');
  const t = node?.text ?? '';
  if (!node || t === '' || t === '0') {
    if (node && t === '0') note(ctx, '<version>0</version>: initiates with IKEv2 and also answers IKEv1; compared as IKEv2', node);
    return { setting: node && t === '0' ? fromElement(ctx, node, 2) : byDefault(2, '<version>0</version>'), ikev1: false };
  }
  if (t === '1' || t === '2') return { setting: fromElement(ctx, node, t === '1' ? 1 : 2), ikev1: t === '1' };
  throw new ParseError(ctx.file, node.line, `expected <version> 0, 1 or 2, found '${t}'`);
}

/** The first entry of an address list that is an address or a name (not a range or subnet). */
function firstAddress(node: XNode | undefined): { value: string; node: XNode } | undefined {
  if (!node || node.text === '') return undefined;
  const first = node.text
    .split(',')
    .map((a) => a.trim())
    .find((a) => a !== '' && !a.includes('/') && !a.includes('-') && a !== '%any');
  return first ? { value: first, node } : undefined;
}

function remoteGatewayOf(ctx: ReadContext, c: XNode): Setting<string> {
  const node = child(c, 'remote_addrs');
  const first = firstAddress(node);
  if (first) return fromElement(ctx, first.node, first.value);
  // empty, %any, a subnet or a range: a responder for peers it does not name
  return node && node.text !== '' ? fromElement(ctx, node, 'any') : byDefault('any', '<remote_addrs>%any</remote_addrs>');
}

function ikeProposals(ctx: ReadContext, c: XNode): Setting<TunnelEnd['phase1']['proposals']['value']> {
  const node = child(c, 'proposals');
  if (!node || node.text === '') {
    const d = parseIkeProposals('default');
    return byDefault(d.ok ? d.value : [], '<proposals>default</proposals>');
  }
  const r = parseIkeProposals(node.text);
  if (r.ok) return fromElement(ctx, node, r.value);
  warn(ctx, `IKE proposal '${r.proposal}' cannot be read: ${r.reason}; strongSwan refuses to load this connection`, node);
  return fromElement(ctx, node, []);
}

/**
 * IKEv2: whichever of `<rekey_time>` (4h by default) and `<reauth_time>` renews first; with only a
 * `<reauth_time>` strongSwan defaults rekeying to off (a lone 0 turns both off). IKEv1: the lifetime proposed in the SA
 * payload, reauth time (or rekey time) + over time, over time defaulting to 10 % (main_mode.c).
 */
function ikeLifetime(ctx: ReadContext, c: XNode, ikev1: boolean): Setting<number> {
  const rekey = wholeNumber(ctx, c, 'rekey_time');
  const reauth = wholeNumber(ctx, c, 'reauth_time');
  const over = wholeNumber(ctx, c, 'over_time');
  const rekeyValue = rekey?.value ?? (reauth ? 0 : IKE_REKEY_DEFAULT);
  const reauthValue = reauth?.value ?? 0;
  const written = [rekey, reauth, over].filter((w): w is { value: number; node: XNode } => w !== undefined);
  const raw = written.map((w) => rawElement(w.node)).join(' ');
  if (ikev1) {
    const base = reauthValue > 0 ? reauthValue : rekeyValue;
    const overValue = over?.value ?? Math.trunc(Math.max(rekeyValue, reauthValue) * 0.1);
    const value = base + overValue;
    if (written.length === 0) return byDefault(value, `<rekey_time>${IKE_REKEY_DEFAULT}</rekey_time> (+10 % over_time)`, 'seconds');
    return inferred(value, raw, ref(ctx, written[0].node), 'seconds');
  }
  // charon schedules both renewals and the earlier wins (ike_sa.c); a lone <reauth_time>0 turns both off (vici_config.c)
  const t = swanctlIkeTimers(rekey?.value, reauth?.value, over?.value);
  if (t.first === 'reauth' && reauth) return explicit(t.reauth, raw, ref(ctx, reauth.node), 'seconds');
  if (t.first === 'rekey')
    return rekey ? explicit(t.rekey, raw, ref(ctx, rekey.node), 'seconds') : byDefault(t.rekey, `<rekey_time>${IKE_REKEY_DEFAULT}</rekey_time>`, 'seconds');
  note(ctx, 'neither rekeying nor reauthentication is scheduled for this IKE SA', rekey?.node ?? c);
  return inferred(0, raw, rekey ? ref(ctx, rekey.node) : ref(ctx, c), 'seconds');
}

function aggressive(ctx: ReadContext, c: XNode): Setting<'main' | 'aggressive'> {
  const node = child(c, 'aggressive');
  if (!node || node.text === '') return byDefault('main', '<aggressive>0</aggressive>');
  return fromElement(ctx, node, node.text === '1' ? 'aggressive' : 'main');
}

/** `<encap>1` fakes NAT detection so ESP is always in UDP (swanctl encap = yes). */
function encap(ctx: ReadContext, c: XNode): Setting<NattMode> {
  const node = child(c, 'encap');
  if (!node || node.text === '') return byDefault('auto', '<encap>0</encap>');
  return fromElement(ctx, node, node.text === '1' ? 'forced' : 'auto');
}

function dpd(ctx: ReadContext, c: XNode): TunnelEnd['dpd'] {
  const delay = wholeNumber(ctx, c, 'dpd_delay');
  if (delay && delay.value > 0)
    return { mode: fromElement<DpdMode>(ctx, delay.node, 'periodic'), delaySeconds: fromElement(ctx, delay.node, delay.value, 'seconds') };
  if (delay) return { mode: fromElement<DpdMode>(ctx, delay.node, 'off') };
  return { mode: byDefault<DpdMode>('off', '<dpd_delay>0</dpd_delay>') };
}

/**
 * The first enabled child's `<dpd_action>` (Swanctl.xml: clear | trap | start, default clear), written to
 * swanctl.conf as is: trap → hold, start → restart. Its `<start_action>` (default start) with trap or
 * route keeps the trap policy, so clear there is hold (swanctl.opt, as the strongSwan adapter reads it).
 */
function deadPeerAction(ctx: ReadContext, kid: XNode | undefined): Setting<DeadPeerAction> | undefined {
  if (!kid) return undefined;
  const node = child(kid, 'dpd_action');
  const v = node?.text || 'clear';
  const action: DeadPeerAction = v === 'trap' ? 'hold' : v === 'start' ? 'restart' : 'clear';
  const start = child(kid, 'start_action');
  if (action === 'clear' && start && /\b(trap|route)\b/.test(start.text))
    return inferred<DeadPeerAction>(
      'hold',
      `${node ? rawElement(node) : '<dpd_action>clear</dpd_action>'} (${rawElement(start)} keeps the trap policy)`,
      ref(ctx, start),
    );
  return node && node.text !== '' ? fromElement(ctx, node, action) : byDefault<DeadPeerAction>('clear', '<dpd_action>clear</dpd_action>');
}

/**
 * How the IKE SA is renewed (Swanctl.xml `<rekey_time>`, `<reauth_time>`, written as is): a reauth_time
 * > 0 that is not after the rekey_time (strongSwan's rekey_time defaults to 0 when only a reauth_time
 * is given, 4h otherwise) reauthenticates, make-before-break only with the global
 * `<IPsec><charon><make_before_break>1` (25.1+, default 0). Both 0: never renewed, never expires (not set).
 */
function ikeRenewal(ctx: ReadContext, c: XNode, ikev1: boolean): Setting<IkeRenewal> | undefined {
  if (ikev1) return byDefault<IkeRenewal>('rekey', 'IKEv1: a new Main Mode before the old ISAKMP SA expires');
  const rekey = wholeNumber(ctx, c, 'rekey_time');
  const reauth = wholeNumber(ctx, c, 'reauth_time');
  if (reauth && reauth.value > 0 && (!rekey || rekey.value === 0 || reauth.value <= rekey.value)) {
    const mbb = ctx.makeBeforeBreak;
    const how = mbb ? `${rawElement(mbb)}: make-before-break` : 'charon.make_before_break not set: break-before-make';
    return inferred<IkeRenewal>(mbb ? 'reauth-make-before-break' : 'reauth', `${rawElement(reauth.node)} (${how})`, ref(ctx, reauth.node));
  }
  if (rekey?.value === 0) return undefined;
  return rekey ? fromElement<IkeRenewal>(ctx, rekey.node, 'rekey') : byDefault<IkeRenewal>('rekey', '<rekey_time>14400</rekey_time>');
}

// --- authentication --------------------------------------------------------------------------

const AUTH: Record<string, AuthMethod> = { psk: 'psk', pubkey: 'certificate' };

function auth(
  ctx: ReadContext,
  c: XNode,
  locals: XNode[],
  remotes: XNode[],
  localAddr: { value: string; node: XNode } | undefined,
  remoteGw: Setting<string>,
  psks: XNode[],
): TunnelEnd['auth'] {
  const byRound = (a: XNode, b: XNode): number => Number(childText(a, 'round') || 0) - Number(childText(b, 'round') || 0);
  const ls = locals.filter(enabled).sort(byRound);
  const rs = remotes.filter(enabled).sort(byRound);
  const first = ls[0] ?? rs[0];
  const firstAuth = first ? child(first, 'auth') : undefined;
  let method: Setting<AuthMethod>;
  if (!firstAuth || firstAuth.text === '') {
    warn(ctx, 'connection has no enabled local/remote authentication round', c);
    method = byDefault('unknown', '<auth/>');
  } else {
    const all = [...ls, ...rs].map((n) => childText(n, 'auth') ?? '');
    const base = AUTH[firstAuth.text];
    const value: AuthMethod = all.some((a) => a.startsWith('eap'))
      ? 'eap'
      : all.some((a) => a.startsWith('xauth'))
        ? base === 'psk'
          ? 'xauth-psk'
          : 'xauth-certificate'
        : (base ?? 'unknown');
    if (value === 'unknown') warn(ctx, `unknown authentication '${firstAuth.text}'`, firstAuth);
    const raw = [
      ...new Set(
        [...ls, ...rs]
          .map((n) => child(n, 'auth'))
          .filter((a): a is XNode => a !== undefined)
          .map((a) => rawElement(a)),
      ),
    ].join(' ');
    method = explicit(value, raw, ref(ctx, firstAuth));
  }
  const out: TunnelEnd['auth'] = { method };
  const localIdNode = ls.map((n) => child(n, 'id')).find((n) => n && n.text !== '');
  const remoteIdNode = rs.map((n) => child(n, 'id')).find((n) => n && n.text !== '');
  // swanctl: the local id defaults to the IKE address, the remote id to %any
  if (localIdNode) out.localId = fromElement(ctx, localIdNode, localIdNode.text);
  else if (localAddr && (isIPv4(localAddr.value) || isIPv6(localAddr.value)))
    out.localId = inferred(localAddr.value, rawElement(localAddr.node), ref(ctx, localAddr.node));
  if (remoteIdNode) out.remoteId = fromElement(ctx, remoteIdNode, remoteIdNode.text);
  else out.remoteId = byDefault('%any', '<id>%any</id>');
  // typed as strongSwan reads them (the GUI writes the text into swanctl.conf as entered)
  const certificate = method.value === 'certificate' || method.value === 'xauth-certificate';
  const written = (n: XNode | undefined) => (n ? { value: n.text, raw: rawElement(n), at: ref(ctx, n) } : undefined);
  const addr =
    localAddr && (isIPv4(localAddr.value) || isIPv6(localAddr.value))
      ? { value: localAddr.value, raw: rawElement(localAddr.node), at: ref(ctx, localAddr.node) }
      : undefined;
  out.localIdentity = swanLocalIdentity(written(localIdNode), addr, certificate, '<id/>');
  out.peerIdentity = swanPeerIdentity(written(remoteIdNode), '<id>%any</id>');
  if (method.value === 'psk' || method.value === 'xauth-psk') {
    out.psk = matchPsk(ctx, c, psks, out.localId?.value, remoteIdNode?.text ?? (remoteGw.value !== 'any' ? remoteGw.value : undefined));
  }
  return out;
}

/**
 * strongSwan picks the shared secret whose identities match ours and the peer's: a key for
 * (local id, remote id) beats one naming a single side. Several equally good keys → unknown.
 */
function matchPsk(ctx: ReadContext, c: XNode, psks: XNode[], localId: string | undefined, remoteId: string | undefined): Setting<string> {
  const ids = [localId, remoteId].filter((i): i is string => i !== undefined);
  const scored = psks
    .filter((p) => (childText(p, 'keyType') || 'PSK') === 'PSK')
    .map((p) => {
      const owners = [childText(p, 'ident'), childText(p, 'remote_ident')].filter((o): o is string => o !== undefined && o !== '');
      const score = owners.length > 0 && owners.every((o) => ids.includes(o)) ? owners.length : 0;
      return { p, score };
    })
    .filter((s) => s.score > 0);
  const best = Math.max(0, ...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best).map((s) => s.p);
  if (winners.length === 0) {
    warn(ctx, `no pre-shared key under <preSharedKeys> names this connection's identities (${ids.join(', ') || 'none'})`, c);
    return inferred('absent', '<preSharedKeys/>', ref(ctx, c));
  }
  const keys = winners.map((w) => child(w, 'Key'));
  const secrets = new Set(keys.map((k) => (k?.text ?? '').trim()));
  const keyNode = keys[0] ?? winners[0];
  if (secrets.size > 1) {
    warn(ctx, `${winners.length} pre-shared keys match identities ${ids.join(', ')} equally well: which one strongSwan uses cannot be told`, winners[1]);
    return explicit(PSK_UNKNOWN, '<Key><redacted></Key>', ref(ctx, keyNode));
  }
  const secret = [...secrets][0];
  if (secret === '') {
    warn(ctx, 'the matching pre-shared key is empty', keyNode);
    return explicit('absent', '<Key/>', ref(ctx, keyNode));
  }
  return explicit(pskFingerprint(secret), '<Key><redacted></Key>', ref(ctx, keyNode));
}

// --- children --------------------------------------------------------------------------------

function keepChild(ctx: ReadContext, k: XNode): boolean {
  const name = childText(k, 'description') || k.attrs.uuid || `line ${k.line}`;
  if (!enabled(k)) {
    note(ctx, `child '${name}' is disabled and not compared`, k);
    return false;
  }
  const mode = childText(k, 'mode') ?? '';
  if (mode === 'pass' || mode === 'drop') {
    note(ctx, `child '${name}' is a ${mode} policy, not an IPsec SA: not compared`, child(k, 'mode'));
    return false;
  }
  return true;
}

function readChild(
  ctx: ReadContext,
  k: XNode,
  ikev1: boolean,
  localAddr: { value: string; node: XNode } | undefined,
  remote: Setting<string> | Setting<string[]>,
): Phase2 {
  const modeNode = child(k, 'mode');
  const modeText = modeNode?.text ?? '';
  if (modeText !== '' && modeText !== 'tunnel' && modeText !== 'transport') {
    throw new ParseError(ctx.file, modeNode?.line ?? k.line, `expected <mode> tunnel, transport, pass or drop, found '${modeText}'`);
  }
  const { proposals, pfsGroups } = espProposals(ctx, k);
  return {
    name: childText(k, 'description') || k.attrs.uuid || `child line ${k.line}`,
    at: ref(ctx, k),
    localSelectors: trafficSelectors(ctx, k, 'local_ts', localAddr ? fromElement(ctx, localAddr.node, localAddr.value) : undefined),
    remoteSelectors: trafficSelectors(ctx, k, 'remote_ts', Array.isArray(remote.value) || remote.value !== 'any' ? remote : undefined),
    mode: modeNode && modeText !== '' ? fromElement(ctx, modeNode, modeText as 'tunnel' | 'transport') : byDefault('tunnel', '<mode>tunnel</mode>'),
    proposals,
    pfsGroups,
    lifetimeSeconds: childLifetime(ctx, k, ikev1),
    lifetimeKilobytes: childBytes(),
  };
}

/**
 * `local_ts`/`remote_ts`: CIDR lists; empty or `dynamic` is the IKE address of that side, or for a
 * remote-access connection the address assigned from its pool.
 */
function trafficSelectors(
  ctx: ReadContext,
  k: XNode,
  name: 'local_ts' | 'remote_ts',
  address: Setting<string> | Setting<string[]> | undefined,
): Setting<string[]> {
  const node = child(k, name);
  const items = (node?.text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0 || (items.length === 1 && items[0] === 'dynamic')) {
    const written = node ? rawElement(node) : `<${name}>dynamic</${name}>`;
    if (address && Array.isArray(address.value)) return inferred(address.value, `${written} → ${address.raw}`, address.at);
    const host = address ? canonicalCidr(address.value as string) : undefined;
    if (host) return inferred([host], `${written} → ${address!.raw}`, address!.at);
    warn(ctx, `${name} is dynamic (the IKE address of that side), which is not known: the selector is empty`, node ?? k);
    return inferred([], node ? rawElement(node) : `<${name}/>`, ref(ctx, node ?? k));
  }
  const cidrs: string[] = [];
  for (const item of items) {
    const cidr = canonicalCidr(item.split('[')[0]);
    if (!cidr) throw new ParseError(ctx.file, node!.line, `expected <${name}> to list networks (10.0.1.0/24, 2001:db8::/64), found '${item}'`);
    if (item.includes('[')) note(ctx, `${name} '${item}' restricts protocol/port: only the address part is compared`, node);
    cidrs.push(cidr);
  }
  return fromElement(ctx, node!, cidrs);
}

function espProposals(ctx: ReadContext, k: XNode): { proposals: Setting<ChildProposal[]>; pfsGroups: Setting<number[]> } {
  const node = child(k, 'esp_proposals');
  const text = node && node.text !== '' ? node.text : 'default';
  const r = parseChildProposals(text, 'esp');
  if (!r.ok) {
    warn(ctx, `ESP proposal '${r.proposal}' cannot be read: ${r.reason}; strongSwan refuses to load this child`, node ?? k);
    return {
      proposals: node ? fromElement(ctx, node, []) : byDefault([], '<esp_proposals>default</esp_proposals>'),
      pfsGroups: byDefault([0], '(no ESP proposal)'),
    };
  }
  let proposals = r.value.proposals;
  const truncated = child(k, 'sha256_96');
  if (truncated && truncated.text === '1') {
    // sha256_96 = yes: HMAC-SHA-256 truncated to 96 bits (old Linux), not interoperable with sha256
    proposals = proposals.map((p) => ({ ...p, integrity: p.integrity.map((i) => (i === 'sha256' ? 'sha256_96' : i)) }));
    note(ctx, '<sha256_96>1</sha256_96>: SHA-256 is truncated to 96 bits, which standard peers reject', truncated);
  }
  if (!node || node.text === '')
    return {
      proposals: byDefault(proposals, '<esp_proposals>default</esp_proposals>'),
      pfsGroups: byDefault(r.value.pfsGroups, '<esp_proposals>default</esp_proposals>'),
    };
  return { proposals: fromElement(ctx, node, proposals), pfsGroups: fromElement(ctx, node, r.value.pfsGroups) };
}

/**
 * A child has one timer in OPNsense: `<rekey_time>` (Swanctl.xml, every release 23.1 – 26.7; no
 * life_time, rand_time or byte limits). IKEv2: the rekey time. IKEv1: the life time quick mode
 * proposes, strongSwan's rekey_time + 10 % (vici_config.c check_lifetimes; quick_mode.c).
 * 0 turns rekeying off and, with no life_time, the SA never expires.
 */
function childLifetime(ctx: ReadContext, k: XNode, ikev1: boolean): Setting<number> {
  const rekey = wholeNumber(ctx, k, 'rekey_time');
  if (rekey && rekey.value === 0) {
    note(ctx, 'child rekeying is off (<rekey_time>0</rekey_time>): the SA is never renewed', rekey.node);
    return fromElement(ctx, rekey.node, 0, 'seconds');
  }
  if (!ikev1)
    return rekey
      ? fromElement(ctx, rekey.node, rekey.value, 'seconds')
      : byDefault(CHILD_REKEY_DEFAULT, `<rekey_time>${CHILD_REKEY_DEFAULT}</rekey_time>`, 'seconds');
  const base = rekey?.value ?? CHILD_REKEY_DEFAULT;
  const life = childLifeOf(base);
  const raw = rekey ? rawElement(rekey.node) : `<rekey_time>${CHILD_REKEY_DEFAULT}</rekey_time>`;
  return rekey ? inferred(life, raw, ref(ctx, rekey.node), 'seconds') : byDefault(life, raw, 'seconds');
}

/** strongSwan's hard child lifetime for a rekey time: `rekey * 1.1`, truncated (vici_config.c). */
export function childLifeOf(rekey: number): number {
  return Math.floor(rekey * 1.1);
}

/** OPNsense Connections have no data-volume limit for children (no rekey_bytes / life_bytes field). */
function childBytes(): Setting<number> {
  return byDefault(0, '(no data-volume lifetime in OPNsense Connections)', 'bytes');
}
