/**
 * The `<ipsec>` section shared by pfSense and OPNsense (legacy tunnels): `<phase1>` entries, each
 * with the `<phase2>` entries of the same `<ikeid>`, → TunnelEnd. Semantics follow the code that
 * turns this section into strongSwan configuration (pfSense ipsec.inc `ipsec_setup_tunnels`,
 * OPNsense plugins.inc.d/ipsec.inc); see README.md for each rule and its source.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ParseError } from '../../src/model/errors.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { answersBothVersions, byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { AuthMethod, DpdMode, Identity, IdentityMatch, NattMode, RekeyTiming, Setting, TunnelEnd } from '../../src/model/types.js';
import { addressType } from '../../src/model/identity.js';
import { strongswanId } from '../strongswan/identity.js';
import { ipsecConfTiming } from '../strongswan/timing.js';
import { flag, fromElement, lifetimeSetting, note, ref, warn, wholeNumber, type ReadContext, type WrittenTimers } from './context.js';
import { interfaceAddress, type Family } from './interfaces.js';
import { mobilePool, readPhase2s, type Phase1View } from './legacy-phase2.js';
import { readPhase1Proposals } from './legacy-proposals.js';
import { deadPeerAction, ikeRenewal } from './recovery.js';
import {
  IPSEC_CONF_IKELIFETIME,
  type OpnsensePhase1Fields,
  opnsensePhase1Lifetime,
  opnsensePhase1Rekey,
  opnsensePhase1Timers,
  pfsensePhase1Lifetime,
  pfsensePhase1Rekey,
} from './timers.js';
import { child, childText, childrenNamed, nonEmptyText, rawElement, type XNode } from './xml-tree.js';

/** strongSwan's NAT-T keepalive (charon.keep_alive, conf/options/charon.opt): neither GUI changes it. */
export const CHARON_KEEP_ALIVE = 20;

export function readLegacyTunnels(ctx: ReadContext, ipsec: XNode): TunnelEnd[] {
  const phase1s = childrenNamed(ipsec, 'phase1');
  const phase2s = childrenNamed(ipsec, 'phase2');
  const byIkeid = new Map<string, XNode[]>();
  for (const p2 of phase2s) {
    const id = childText(p2, 'ikeid') ?? '';
    byIkeid.set(id, [...(byIkeid.get(id) ?? []), p2]);
  }
  const known = new Set(phase1s.map((p1) => childText(p1, 'ikeid') ?? ''));
  for (const p2 of phase2s) {
    const id = childText(p2, 'ikeid') ?? '';
    if (!known.has(id)) warn(ctx, `phase 2 refers to <ikeid>${id}</ikeid>, but no phase 1 has that ikeid: it is not used`, p2);
  }
  const pool = mobilePool(child(ipsec, 'client'));
  return phase1s.map((p1) => readPhase1(ctx, p1, byIkeid.get(childText(p1, 'ikeid') ?? '') ?? [], pool));
}

function readPhase1(ctx: ReadContext, p1: XNode, p2s: XNode[], pool: Phase1View['mobilePool']): TunnelEnd {
  const ikeid = childText(p1, 'ikeid') ?? '';
  const name = nonEmptyText(p1, 'descr') ?? `ikeid ${ikeid || '?'}`;
  const { setting: ikeVersion, ikev1 } = readIkeVersion(ctx, p1);
  const family: Family = childText(p1, 'protocol') === 'inet6' ? 'inet6' : 'inet';
  const local = localGateway(ctx, p1, family);
  const remoteGateway = readRemoteGateway(ctx, p1);
  const auth = readAuth(ctx, p1, local.setting, remoteGateway);
  const splitFlag = flag(p1, 'splitconn') ?? flag(p1, 'tunnel_isolation');
  const view: Phase1View = {
    ikev1,
    combined: combinedChildren(ctx, p1, ikev1, splitFlag !== undefined),
    localAddress: local.address,
    remoteAddress: isIPv4(remoteGateway.value) || isIPv6(remoteGateway.value) ? remoteGateway.value : undefined,
    localFrom: local.node,
    remoteFrom: child(p1, 'remote-gateway'),
    mobilePool: pool,
    rekeyDisabled: ctx.timers === 'opnsense-swanctl' && flag(p1, 'rekey_enable') !== undefined,
  };
  if (ctx.timers === 'opnsense-swanctl') {
    const f = opnsenseTimerFields(ctx, p1);
    if (f.margintime && f.rekeyfuzz) view.childMargin = { margintime: f.margintime, rekeyfuzz: f.rekeyfuzz };
  }
  const tunnel: TunnelEnd = {
    name,
    at: ref(ctx, p1),
    enabled: !flag(p1, 'disabled'),
    remoteGateway,
    ikeVersion,
    // OPNsense ≥ 23.1 writes version = 1 for auto: no longer both
    ...answersBothVersions(ikeVersion, ctx.timers !== 'opnsense-swanctl' && /<iketype>(auto|ike)</.test(ikeVersion.raw)),
    auth,
    phase1: {
      proposals: readPhase1Proposals(ctx, p1),
      lifetimeSeconds: phase1Lifetime(ctx, p1, ikev1),
    },
    natt: { mode: readNatt(ctx, p1), keepaliveSeconds: byDefault(CHARON_KEEP_ALIVE, 'charon.keep_alive = 20s', 'seconds') },
    dpd: readDpd(ctx, p1),
    phase2: readPhase2s(ctx, p2s, view),
    initiates: readInitiates(ctx, p1),
    // pfSense (since 2.2) and OPNsense run strongSwan's charon, which narrows proposed selectors
    behaviour: { selectorNarrowing: byDefault('narrows', 'charon (responder) narrows proposed traffic selectors to its own') },
  };
  if (local.setting) tunnel.localGateway = local.setting;
  if (tunnel.dpd.mode.value !== 'off') tunnel.dpd.action = deadPeerAction(ctx, p1, p2s);
  const renewal = ikeRenewal(ctx, p1, ikev1, ctx.makeBeforeBreak);
  if (renewal) tunnel.phase1.renewal = renewal;
  tunnel.vendorRefs = timerRefs(ctx, p1);
  const pfsenseWindow =
    ctx.timers === 'swanctl'
      ? pfsensePhase1Window(ctx, p1, ikev1)
      : ctx.timers === 'opnsense-swanctl'
        ? opnsensePhase1Rekey(opnsenseTimerFields(ctx, p1), ikev1, opnsensePhase1Lifetime(opnsenseTimerFields(ctx, p1), ikev1))
        : undefined;
  if (pfsenseWindow) tunnel.phase1.rekey = pfsenseWindow;
  const stroke = ipsecConfRekeyTiming(ctx, p1);
  if (stroke) {
    tunnel.phase1.rekey = stroke;
    for (const p2 of tunnel.phase2) p2.rekey = { ...stroke };
  }
  if (view.combined && tunnel.phase2.length > 1) tunnel.vendorRefs.combined = 'yes';
  if (ikev1) tunnel.phase1.exchangeMode = readExchangeMode(ctx, p1);
  if (!tunnel.enabled) note(ctx, `phase 1 '${name}' is disabled`, flag(p1, 'disabled'));
  // pfSense ≥ 2.5 "Custom Ports": remote_port = <ikeport> (no encapsulation) or <nattport> (ipsec.inc)
  for (const port of ['ikeport', 'nattport']) {
    const node = child(p1, port);
    if (node && node.text !== '')
      note(ctx, `phase 1 '${name}' talks to the peer's ${port === 'ikeport' ? 'IKE' : 'NAT-T'} port ${node.text}: ports are not compared`, node);
  }
  if (p2s.length === 0) note(ctx, `phase 1 '${name}' has no phase 2 entries`, p1);
  return tunnel;
}

/**
 * All phase 2s in one CHILD_SA unless the tunnel is split: pfSense ipsec.inc and OPNsense
 * ipsec.inc both split when `!mobile && (IKEv1 || split connections / tunnel isolation)`. A mobile
 * phase 1 is always one child. OPNsense tests the `<iketype>` text (`ike`/auto is not split, even
 * where 23.1+ runs it as IKEv1); pfSense tests the version it writes.
 */
function combinedChildren(ctx: ReadContext, p1: XNode, ikev1: boolean, split: boolean): boolean {
  if (flag(p1, 'mobile')) return true;
  const v1 = ctx.vendor === 'opnsense' ? (childText(p1, 'iketype') || 'ikev1') === 'ikev1' : ikev1;
  return !(v1 || split);
}

/**
 * pfSense ≤ 2.4 (vpn.inc @ RELENG_2_4_5) and OPNsense ≤ 22.7 (plugins.inc.d/ipsec.inc @ 22.7) write
 * ipsec.conf: `rekey = yes` with `margintime = <margintime>s` when it is not empty (OPNsense also
 * `rekeyfuzz = <rekeyfuzz>%`; pfSense never writes rekeyfuzz), or `rekey = no` for "Disable Rekey"
 * (`<rekey_enable/>`). charon (stroke_config.c) renews the IKE and CHILD SAs margintime (starter
 * default 9m) plus up to rekeyfuzz % (default 100 %) of it before the lifetime, which is the hard
 * limit (confread.c defaults). With `rekey = no` nothing is renewed early: no window is drawn.
 */
function ipsecConfRekeyTiming(ctx: ReadContext, p1: XNode): RekeyTiming | undefined {
  if (ctx.timers !== 'ipsec.conf' || flag(p1, 'rekey_enable')) return undefined;
  const margin = wholeNumber(ctx, p1, 'margintime')?.value;
  const fuzz = ctx.vendor === 'opnsense' ? wholeNumber(ctx, p1, 'rekeyfuzz')?.value : undefined;
  // PHP !empty(): 0 is not written either
  return ipsecConfTiming(margin || undefined, fuzz || undefined);
}

/**
 * What the fix writers need to know about the timers: which generator wrote strongSwan's
 * configuration, and (OPNsense ≥ 23.1) which of the margin elements are already set.
 */
function timerRefs(ctx: ReadContext, p1: XNode): Record<string, string> {
  const refs: Record<string, string> = { timers: ctx.timers };
  if (ctx.timers !== 'opnsense-swanctl') return refs;
  const f = opnsenseTimerFields(ctx, p1);
  if (f.margintime) refs.margintime = String(f.margintime);
  if (f.rekeyfuzz) refs.rekeyfuzz = String(f.rekeyfuzz);
  if (f.rekeyDisabled) refs.rekeyDisabled = 'yes';
  if (f.reauthDisabled) refs.reauthDisabled = 'yes';
  return refs;
}

// --- IKE version, gateways -------------------------------------------------------------------

function readIkeVersion(ctx: ReadContext, p1: XNode): { setting: Setting<1 | 2>; ikev1: boolean } {
  const node = child(p1, 'iketype');
  const t = node?.text ?? '';
  if (ctx.timers === 'opnsense-swanctl') return opnsenseIkeVersion(ctx, node);
  // ipsec.inc: an empty iketype is IKEv1
  if (!node || t === '') return { setting: byDefault(1, '<iketype>ikev1</iketype>'), ikev1: true };
  if (t === 'ikev1') return { setting: fromElement(ctx, node, 1), ikev1: true };
  if (t === 'ikev2') return { setting: fromElement(ctx, node, 2), ikev1: false };
  if (t === 'auto' || t === 'ike') {
    note(ctx, `<iketype>${t}</iketype>: initiates with IKEv2 and also answers IKEv1; compared as IKEv2`, node);
    return { setting: fromElement(ctx, node, 2), ikev1: false };
  }
  throw new ParseError(ctx.file, node.line, `expected <iketype> ikev1, ikev2 or auto, found '${t}'`);
}

/**
 * OPNsense ≥ 23.1 writes `version = 2` for `<iketype>ikev2` and `version = 1` for anything else
 * (plugins.inc.d/ipsec.inc `ipsec_configure_do`): "auto" (`ike`) became IKEv1 only.
 */
function opnsenseIkeVersion(ctx: ReadContext, node: XNode | undefined): { setting: Setting<1 | 2>; ikev1: boolean } {
  const t = node?.text ?? '';
  if (!node || t === '') return { setting: byDefault(1, '<iketype>ikev1</iketype>'), ikev1: true };
  if (t === 'ikev2') return { setting: fromElement(ctx, node, 2), ikev1: false };
  if (t === 'ikev1') return { setting: fromElement(ctx, node, 1), ikev1: true };
  if (t === 'ike' || t === 'auto') {
    warn(
      ctx,
      `<iketype>${t}</iketype> ("auto"): OPNsense 23.1 and later write version = 1 for it in swanctl.conf, so this tunnel speaks IKEv1 only (choose V2 for IKEv2)`,
      node,
    );
    return { setting: inferred(1, rawElement(node), ref(ctx, node)), ikev1: true };
  }
  throw new ParseError(ctx.file, node.line, `expected <iketype> ikev1, ikev2 or ike, found '${t}'`);
}

interface LocalGateway {
  setting?: Setting<string>;
  address?: string;
  node?: XNode;
}

/** `<interface>` → its address (ipsec_get_phase1_src); an empty interface is wan. */
function localGateway(ctx: ReadContext, p1: XNode, family: Family): LocalGateway {
  const node = child(p1, 'interface');
  const name = node?.text || 'wan';
  const r = interfaceAddress(ctx.index, name, family);
  const raw = node ? rawElement(node) : '<interface>wan</interface>';
  const at = node ? ref(ctx, node) : undefined;
  if (r.ok) {
    const via = r.via[0];
    return { setting: inferred(r.value, via ? `${raw} → ${rawElement(via)}` : raw, at), address: r.value, node: node ?? via };
  }
  if (r.via.length > 0 && /gets its address by/.test(r.reason)) note(ctx, `local gateway: ${r.reason}`, node ?? p1);
  else warn(ctx, `local gateway: ${r.reason}`, node ?? p1);
  return { setting: inferred(name, raw, at), node };
}

function readRemoteGateway(ctx: ReadContext, p1: XNode): Setting<string> {
  const mobile = flag(p1, 'mobile');
  if (mobile) return inferred('any', '<mobile/>', ref(ctx, mobile));
  const node = child(p1, 'remote-gateway');
  if (!node || node.text === '') {
    warn(ctx, 'phase 1 has no <remote-gateway>', p1);
    return byDefault('any', '<remote-gateway/>');
  }
  // protocol "both" with 0.0.0.0 / :: is a responder for any peer (ipsec_setup_tunnels)
  if (node.text === '0.0.0.0' || node.text === '::') return fromElement(ctx, node, 'any');
  return fromElement(ctx, node, node.text);
}

// --- authentication --------------------------------------------------------------------------

const AUTH_METHODS: Record<string, AuthMethod> = {
  pre_shared_key: 'psk',
  xauth_psk_server: 'xauth-psk',
  rsasig: 'certificate',
  cert: 'certificate',
  pkcs11: 'certificate',
  pubkey: 'certificate',
  xauth_cert_server: 'xauth-certificate',
  xauth_rsa_server: 'xauth-certificate',
  hybrid_cert_server: 'xauth-certificate',
  hybrid_rsa_server: 'xauth-certificate',
  'eap-tls': 'eap',
  'psk_eap-tls': 'eap',
  'eap-mschapv2': 'eap',
  'rsa_eap-mschapv2': 'eap',
  'eap-radius': 'eap',
};

function readAuth(ctx: ReadContext, p1: XNode, localGw: Setting<string> | undefined, remoteGw: Setting<string>): TunnelEnd['auth'] {
  const node = child(p1, 'authentication_method');
  let method: Setting<AuthMethod>;
  if (!node || node.text === '') {
    warn(ctx, 'phase 1 has no <authentication_method>', p1);
    method = byDefault('unknown', '<authentication_method/>');
  } else if (AUTH_METHODS[node.text]) {
    method = fromElement(ctx, node, AUTH_METHODS[node.text]);
  } else {
    warn(ctx, `unknown <authentication_method> '${node.text}'`, node);
    method = fromElement(ctx, node, 'unknown');
  }
  const auth: TunnelEnd['auth'] = { method };
  if (method.value === 'psk' || method.value === 'xauth-psk') {
    const psk = readPsk(ctx, p1);
    if (psk) auth.psk = psk;
  }
  const localId = readId(ctx, p1, 'myid', localGw);
  const remoteId = readId(ctx, p1, 'peerid', remoteGw);
  if (localId) auth.localId = localId;
  if (remoteId) auth.remoteId = remoteId;
  const certificate = method.value === 'certificate' || method.value === 'xauth-certificate';
  const local = readIdentity(ctx, p1, 'myid', localGw, certificate);
  if (local) auth.localIdentity = local;
  const peer = readPeerIdentity(ctx, p1, remoteGw, method.value);
  if (peer) auth.peerIdentity = peer;
  return auth;
}

/**
 * The strongSwan id string each GUI writes for `<myid_type>`/`<peerid_type>` + `_data`: pfSense
 * ipsec.inc `ipsec_find_id` + `ipsec_fixup_id`, OPNsense plugins.inc.d/ipsec.inc `ipsec_find_id`
 * (README "Identities"). `fqdn` is an FQDN identity although pfSense up to 2.5.2 labelled it
 * "Distinguished name" in the GUI (pfSense commit 021ffa0316, redmine #12044). undefined: the
 * address of the gateway (myaddress/peeraddress) or no id written (strongSwan's default).
 */
function idString(vendor: 'pfsense' | 'opnsense', type: string, data: string): string | undefined {
  if (type === 'any') return '%any';
  if (type === 'myaddress' || type === 'peeraddress') return undefined;
  if (data === '') return undefined;
  if (vendor === 'opnsense') {
    if (type === 'asn1dn' || type === 'fqdn') return `${type}:${data}`;
    if (type === 'keyid tag') return `keyid:${data}`;
    if (type === 'user_fqdn') return `userfqdn:${data}`;
    if (type === 'dyn_dns') return undefined; // resolved to an address when the configuration is written
    return data;
  }
  switch (type) {
    case 'address':
    case 'auto':
      return data;
    case 'asn1dn':
      return data.startsWith('#') ? `asn1dn:${data}` : data;
    case 'keyid tag':
      return `keyid:${data}`;
    case 'user_fqdn':
      return `userfqdn:${data}`;
    case 'dyn_dns':
      return `dns:${data}`;
    default:
      return `${type}:${data}`;
  }
}

function typeAndData(p1: XNode, prefix: 'myid' | 'peerid'): { type: string; data: string; typeNode?: XNode; dataNode?: XNode; raw: string } {
  const typeNode = child(p1, `${prefix}_type`);
  const dataNode = child(p1, `${prefix}_data`);
  const type = typeNode?.text || (prefix === 'myid' ? 'myaddress' : 'peeraddress');
  const typeRaw = typeNode ? rawElement(typeNode) : `<${prefix}_type>${type}</${prefix}_type>`;
  return {
    type,
    data: dataNode?.text.trim() ?? '',
    typeNode,
    dataNode,
    raw: dataNode && dataNode.text !== '' ? `${typeRaw} ${rawElement(dataNode)}` : typeRaw,
  };
}

/** What this end sends: the id written, or strongSwan's default (the certificate subject, else the address IKE leaves from). */
function readIdentity(ctx: ReadContext, p1: XNode, prefix: 'myid', gateway: Setting<string> | undefined, certificate: boolean): Setting<Identity> | undefined {
  const { type, data, typeNode, dataNode, raw } = typeAndData(p1, prefix);
  const text = idString(ctx.vendor, type, data);
  const at = dataNode && data !== '' ? ref(ctx, dataNode) : typeNode ? ref(ctx, typeNode) : undefined;
  const parsed = text === undefined ? 'any' : strongswanId(text);
  if (parsed !== 'any') return explicit(parsed, raw, at);
  const addr = gateway && addressType(gateway.value) ? gateway : undefined;
  const v: Identity = certificate ? { type: 'dn' } : addr ? { type: addressType(addr.value)!, value: addr.value } : { type: 'ipv4' };
  if (!typeNode && !certificate && addr) return inferred(v, addr.raw, addr.at);
  return typeNode ? inferred(v, raw, at) : byDefault(v, raw);
}

/** What this end accepts: the peer id written; the peer's address (peeraddress, the default); any for a mobile PSK tunnel. */
function readPeerIdentity(ctx: ReadContext, p1: XNode, gateway: Setting<string>, method: AuthMethod): Setting<IdentityMatch[]> | undefined {
  const { type, data, typeNode, dataNode, raw } = typeAndData(p1, 'peerid');
  const at = dataNode && data !== '' ? ref(ctx, dataNode) : typeNode ? ref(ctx, typeNode) : undefined;
  // mobile tunnels: no remote id is written (pfSense for PSK only, OPNsense always): %any
  if (flag(p1, 'mobile') && (ctx.vendor === 'opnsense' || method === 'psk' || method === 'xauth-psk')) return byDefault([{}], '(mobile: remote id %any)');
  if (type === 'peeraddress') {
    const t = addressType(gateway.value);
    // a DNS name is resolved when the configuration is written: an address, which the input does not hold
    const v: IdentityMatch[] = [t ? { type: t, value: gateway.value } : { type: gateway.value.includes(':') ? 'ipv6' : 'ipv4' }];
    if (gateway.value === 'any') return undefined;
    return typeNode ? inferred(v, raw, at) : byDefault(v, raw);
  }
  const text = idString(ctx.vendor, type, data);
  // OPNsense writes %any when no peer id results; pfSense writes none, and swanctl's remote.id default is %any
  const parsed = text === undefined ? 'any' : strongswanId(text);
  return explicit([parsed === 'any' ? {} : parsed], raw, at);
}

/** The key is fingerprinted (pfSense trims it before use); raw never holds it. */
function readPsk(ctx: ReadContext, p1: XNode): Setting<string> | undefined {
  if (flag(p1, 'mobile')) return undefined; // mobile keys live in <mobilekey>, per user
  const node = child(p1, 'pre-shared-key');
  if (!node || node.text.trim() === '') {
    warn(ctx, 'phase 1 uses a pre-shared key but <pre-shared-key> is empty', node ?? p1);
    return inferred('absent', '<pre-shared-key/>', ref(ctx, node ?? p1));
  }
  const secret = node.text.trim();
  const masked = /^\*+$/.test(secret) || secret === '<redacted>';
  return explicit(masked ? PSK_UNKNOWN : pskFingerprint(secret), '<pre-shared-key><redacted></pre-shared-key>', ref(ctx, node));
}

/**
 * `<myid_type>`/`<myid_data>`, `<peerid_type>`/`<peerid_data>` (ipsec_find_id): myaddress and
 * peeraddress stand for the gateways, any for any peer, the other types carry their data.
 */
function readId(ctx: ReadContext, p1: XNode, prefix: 'myid' | 'peerid', gateway: Setting<string> | undefined): Setting<string> | undefined {
  const typeNode = child(p1, `${prefix}_type`);
  const type = typeNode?.text || (prefix === 'myid' ? 'myaddress' : 'peeraddress');
  const typeRaw = typeNode ? rawElement(typeNode) : `<${prefix}_type>${type}</${prefix}_type>`;
  if (type === 'myaddress' || type === 'peeraddress') {
    // the identity is the gateway's IP address; an unresolved interface or a DNS name says nothing
    if (!gateway || !(isIPv4(gateway.value) || isIPv6(gateway.value))) return undefined;
    return typeNode ? inferred(gateway.value, typeRaw, ref(ctx, typeNode)) : byDefault(gateway.value, typeRaw);
  }
  if (type === 'any') return typeNode ? fromElement(ctx, typeNode, '%any') : undefined;
  const dataNode = child(p1, `${prefix}_data`);
  const data = dataNode?.text ?? '';
  if (!dataNode || data === '') {
    warn(ctx, `<${prefix}_type>${type}</${prefix}_type> without <${prefix}_data>`, typeNode ?? p1);
    return undefined;
  }
  const value = type === 'keyid tag' ? `keyid:${data}` : data;
  return explicit(value, `${typeRaw} ${rawElement(dataNode)}`, ref(ctx, dataNode));
}

// --- timers, NAT-T, DPD ----------------------------------------------------------------------

/** The phase 1 lifetime compared with the peer's (timers.ts says which element it is). */
function phase1Lifetime(ctx: ReadContext, p1: XNode, ikev1: boolean): Setting<number> {
  const written: WrittenTimers = {
    lifetime: wholeNumber(ctx, p1, 'lifetime'),
    rekey: wholeNumber(ctx, p1, 'rekey_time'),
    reauth: wholeNumber(ctx, p1, 'reauth_time'),
    rand: wholeNumber(ctx, p1, 'rand_time'),
  };
  if (ctx.timers === 'ipsec.conf') {
    const l = written.lifetime;
    return l ? fromElement(ctx, l.node, l.value, 'seconds') : byDefault(IPSEC_CONF_IKELIFETIME, `<lifetime>${IPSEC_CONF_IKELIFETIME}</lifetime>`, 'seconds');
  }
  if (ctx.timers === 'opnsense-swanctl') return opnsensePhase1(ctx, p1, ikev1, written.lifetime);
  const fields = { lifetime: written.lifetime?.value, rekey: written.rekey?.value, reauth: written.reauth?.value, rand: written.rand?.value };
  const choice = pfsensePhase1Lifetime(fields, ikev1);
  if (ikev1 && written.rekey) note(ctx, 'phase 1 <rekey_time> is not used with IKEv1 (pfSense reauthenticates instead)', written.rekey.node);
  return lifetimeSetting(ctx, written, choice, ikev1 ? `<lifetime>${choice.value}</lifetime>` : `<rekey_time>${choice.value}</rekey_time>`);
}

/** pfSense ≥ 2.5: the rekey window of the phase 1 lifetime chosen above (timers.ts). */
function pfsensePhase1Window(ctx: ReadContext, p1: XNode, ikev1: boolean): RekeyTiming | undefined {
  const fields = {
    lifetime: wholeNumber(ctx, p1, 'lifetime')?.value,
    rekey: wholeNumber(ctx, p1, 'rekey_time')?.value,
    reauth: wholeNumber(ctx, p1, 'reauth_time')?.value,
    rand: wholeNumber(ctx, p1, 'rand_time')?.value,
  };
  return pfsensePhase1Rekey(fields, ikev1, pfsensePhase1Lifetime(fields, ikev1));
}

/** The OPNsense phase 1 timer inputs (ipsec.inc reads them with !empty() and isset()). */
export function opnsenseTimerFields(ctx: ReadContext, p1: XNode): OpnsensePhase1Fields {
  return {
    lifetime: wholeNumber(ctx, p1, 'lifetime')?.value,
    margintime: wholeNumber(ctx, p1, 'margintime')?.value,
    rekeyfuzz: wholeNumber(ctx, p1, 'rekeyfuzz')?.value,
    rekeyDisabled: flag(p1, 'rekey_enable') !== undefined,
    reauthDisabled: flag(p1, 'reauth_enable') !== undefined,
  };
}

/**
 * OPNsense ≥ 23.1 (timers.ts `opnsensePhase1Timers`): `<lifetime>` counts only with a
 * `<margintime>`; otherwise strongSwan's own 4h rekey applies, and a written lifetime is a trap
 * worth a warning (it was the value until 22.7).
 */
function opnsensePhase1(ctx: ReadContext, p1: XNode, ikev1: boolean, lifetime: { value: number; node: XNode } | undefined): Setting<number> {
  const f = opnsenseTimerFields(ctx, p1);
  const t = opnsensePhase1Timers(f);
  const choice = opnsensePhase1Lifetime(f, ikev1);
  const elements = ['lifetime', 'margintime', 'rekeyfuzz', 'rekey_enable', 'reauth_enable']
    .map((n) => child(p1, n))
    .filter((n): n is XNode => n !== undefined && (n.text !== '' || n.name.endsWith('_enable')));
  const written = elements.map((n) => rawElement(n)).join(' ');
  const strongswan = `strongSwan rekey_time ${t.rekey}s${ikev1 ? ` + over_time ${t.over}s` : ''}`;
  if (f.rekeyDisabled)
    note(ctx, '"Disable Rekey" (<rekey_enable/>): OPNsense writes rekey_time = reauth_time = 0, the IKE SA is never renewed', child(p1, 'rekey_enable'));
  if (t.written.rand !== undefined && t.written.rand > t.rekey)
    note(
      ctx,
      `rand_time = <margintime> × <rekeyfuzz> = ${t.written.rand}s (OPNsense multiplies by the percentage), more than the rekey time: strongSwan rekeys at a random moment anywhere before ${t.rekey}s`,
      child(p1, 'rekeyfuzz'),
    );
  if (choice.from === 'lifetime' && lifetime) return explicit(choice.value, written, ref(ctx, lifetime.node), 'seconds');
  if (lifetime && !t.lifetimeUsed && !f.rekeyDisabled) {
    warn(
      ctx,
      `phase 1 <lifetime>${lifetime.value}</lifetime> is not used: OPNsense 23.1 and later turn it into swanctl.conf timers only together with <margintime> (and <rekeyfuzz> when "Disable Reauth" is set), so strongSwan's default rekey_time of 4h applies (${ikev1 ? `proposed as ${choice.value} s with over_time` : `${choice.value} s`})`,
      lifetime.node,
    );
    return inferred(choice.value, `${written} (not used without <margintime>: ${strongswan})`, ref(ctx, lifetime.node), 'seconds');
  }
  if (elements.length) return inferred(choice.value, written, ref(ctx, elements[0]), 'seconds');
  return byDefault(choice.value, `${strongswan} (OPNsense writes no IKE timer)`, 'seconds');
}

function readExchangeMode(ctx: ReadContext, p1: XNode): Setting<'main' | 'aggressive'> {
  const node = child(p1, 'mode');
  if (!node || node.text === '') return byDefault('main', '<mode>main</mode>');
  if (node.text === 'main' || node.text === 'aggressive') return fromElement(ctx, node, node.text);
  throw new ParseError(ctx.file, node.line, `expected <mode> main or aggressive, found '${node.text}'`);
}

/** on = detect NAT (swanctl encap = no), force = always encapsulate; strongSwan cannot turn NAT-T off. */
function readNatt(ctx: ReadContext, p1: XNode): Setting<NattMode> {
  const node = child(p1, 'nat_traversal');
  if (!node || node.text === '') return byDefault('auto', '<nat_traversal>on</nat_traversal>');
  if (node.text === 'on') return fromElement(ctx, node, 'auto');
  if (node.text === 'force') return fromElement(ctx, node, 'forced');
  if (node.text === 'off') {
    note(ctx, '<nat_traversal>off</nat_traversal> is not a setting strongSwan knows: NAT-T is still detected (auto)', node);
    return fromElement(ctx, node, 'auto');
  }
  throw new ParseError(ctx.file, node.line, `expected <nat_traversal> on or force, found '${node.text}'`);
}

/**
 * DPD is on when both `<dpd_delay>` and `<dpd_maxfail>` are set and non-zero (ipsec.inc). strongSwan
 * checks liveness when nothing was received for the delay, whether or not traffic waits: periodic.
 */
function readDpd(ctx: ReadContext, p1: XNode): TunnelEnd['dpd'] {
  const delay = wholeNumber(ctx, p1, 'dpd_delay');
  const maxfail = wholeNumber(ctx, p1, 'dpd_maxfail');
  if (delay && maxfail && delay.value > 0 && maxfail.value > 0) {
    const raw = `${rawElement(delay.node)} ${rawElement(maxfail.node)}`;
    return {
      mode: explicit<DpdMode>('periodic', raw, ref(ctx, delay.node)),
      delaySeconds: fromElement(ctx, delay.node, delay.value, 'seconds'),
      retries: fromElement(ctx, maxfail.node, maxfail.value),
    };
  }
  const written = delay ?? maxfail;
  if (written) return { mode: explicit<DpdMode>('off', rawElement(written.node), ref(ctx, written.node)) };
  return { mode: byDefault<DpdMode>('off', '<dpd_delay/> <dpd_maxfail/>') };
}

/** Responder only: pfSense `<startaction>none`, 2.4 `<responderonly/>`, OPNsense `<auto>add`, mobile. */
function readInitiates(ctx: ReadContext, p1: XNode): Setting<boolean> {
  const mobile = flag(p1, 'mobile');
  if (mobile) return inferred(false, '<mobile/>', ref(ctx, mobile));
  const responderOnly = flag(p1, 'responderonly');
  if (responderOnly) return fromElement(ctx, responderOnly, false);
  const start = child(p1, 'startaction') ?? child(p1, 'auto');
  if (start && start.text !== '') return fromElement(ctx, start, !(start.text === 'none' || start.text === 'add'));
  return byDefault(true, '<startaction/>');
}
