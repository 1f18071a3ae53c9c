/**
 * TunnelEnd → swanctl.conf: the configuration that makes charon behave like that end on the wire
 * (IKE version, IKE and ESP proposals with their DH/PFS groups, selectors, PSK, lifetimes), plus
 * the list of what charon cannot imitate about the vendor. Pure.
 *
 * Semantics relied on (strongSwan 5.9, swanctl.conf(5) and libcharon):
 * - `proposals` / `esp_proposals` are comma-separated lists of dash-joined keywords; a DH group in
 *   an ESP proposal is the PFS group, none means no PFS (src/model/proposal-strings.ts formats them);
 * - IKEv1 main mode proposes `reauth_time + over_time` as the phase 1 lifetime (main_mode.c
 *   build_i), quick mode proposes the CHILD_SA's hard `life_time`; as responder charon takes the
 *   initiator's value whatever it is (IKEv1 lifetime policy "accept");
 * - IKEv2 lifetimes are local: `rekey_time` is when this end rekeys.
 * Gateways are replaced by the lab's own addresses; identities that are IP addresses follow them.
 */
import type { ChildProposal, IkeProposal, Identity, IdentityMatch, LifetimeResponderPolicy, Phase2, TunnelEnd } from '../model/types.js';
import type { TunnelPair } from '../compare/types.js';
import { childProposalString, ikeProposalString } from '../model/proposal-strings.js';
import { dhGroupName, isAead } from '../model/vocab.js';
import { formatCidr, isIpAddress, parseCidr, selectorRelation } from '../model/net.js';
import { isComparablePsk } from '../model/secrets.js';
import type { LabAddresses, Limitation, RenderedEnd, Side } from './types.js';

/** The one IKE connection each lab end has. */
export const IKE_NAME = 'lab';

/** Vendors whose IPsec is strongSwan: the lab imitates their behaviour, not just their settings. */
const STRONGSWAN_BASED = new Set(['strongswan', 'pfsense', 'opnsense']);

// --- algorithms ------------------------------------------------------------------------------

/** Canonical names the lab's charon (openssl, aes, gcm, hmac, xcbc, gmp plugins) negotiates. */
const LAB_ENCRYPTION = new Set([
  'des',
  '3des',
  'blowfish',
  'cast128',
  'null',
  'aes128',
  'aes192',
  'aes256',
  'aes128ctr',
  'aes192ctr',
  'aes256ctr',
  'aes128gcm8',
  'aes128gcm12',
  'aes128gcm16',
  'aes192gcm8',
  'aes192gcm12',
  'aes192gcm16',
  'aes256gcm8',
  'aes256gcm12',
  'aes256gcm16',
  'aes128ccm8',
  'aes128ccm12',
  'aes128ccm16',
  'aes256ccm8',
  'aes256ccm12',
  'aes256ccm16',
  'camellia128',
  'camellia192',
  'camellia256',
  'chacha20poly1305',
]);
const LAB_INTEGRITY = new Set(['md5', 'md5_128', 'sha1', 'sha1_160', 'sha256', 'sha256_96', 'sha384', 'sha512', 'aesxcbc', 'camelliaxcbc']);
const LAB_PRF = new Set(['prfmd5', 'prfsha1', 'prfsha256', 'prfsha384', 'prfsha512', 'prfaesxcbc', 'prfcamelliaxcbc']);
const LAB_DH = new Set([1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]);
/** AEAD IKE proposals that name no PRF: the vendor picks one to match, so offer them all. */
const ANY_PRF = ['prfsha256', 'prfsha384', 'prfsha512', 'prfsha1'];

interface Kept<T> {
  kept: T;
  dropped: string[];
}

function keepKnown<T>(values: T[], known: (v: T) => boolean): Kept<T[]> {
  return { kept: values.filter(known), dropped: values.filter((v) => !known(v)).map(String) };
}

/** An IKE proposal reduced to what the lab's charon knows, or undefined when nothing usable is left. */
function labIkeProposal(p: IkeProposal, version: 1 | 2, dropped: string[]): IkeProposal | undefined {
  const enc = keepKnown(p.encryption, (e) => LAB_ENCRYPTION.has(e));
  const integ = keepKnown(
    p.integrity.filter((i) => i !== 'null'),
    (i) => LAB_INTEGRITY.has(i),
  );
  // charon negotiates AEAD IKE SAs only under IKEv2 (an IKEv1 phase 1 has no PRF transform to pair a
  // GCM/CCM cipher with, and charon refuses such a proposal): the lab leaves them out, a limitation
  if (version === 1) {
    const aead = keepKnown(enc.kept, (e) => !isAead(e));
    enc.kept = aead.kept;
    enc.dropped.push(...aead.dropped.map((e) => `${e} (IKEv1)`));
  }
  const prf = keepKnown(p.prf, (f) => LAB_PRF.has(f));
  const dh = keepKnown(p.dhGroups, (g) => LAB_DH.has(g));
  dropped.push(...enc.dropped, ...integ.dropped, ...prf.dropped, ...dh.dropped.map((g) => dhGroupName(Number(g))));
  if (!enc.kept.length || !dh.kept.length) return undefined;
  const aead = enc.kept.every(isAead);
  if (!aead && !integ.kept.length) return undefined;
  // IKEv1 has no PRF transform (the hash doubles as PRF): keywords would only confuse the reader
  const prfs = version === 1 ? [] : aead && !prf.kept.length ? ANY_PRF : prf.kept;
  return { encryption: enc.kept, integrity: aead ? [] : integ.kept, prf: prfs, dhGroups: dh.kept };
}

// --- swanctl.conf syntax ---------------------------------------------------------------------

/** swanctl.conf values are quoted when they hold anything but the plainest characters. */
function value(v: string): string {
  return /^[A-Za-z0-9_.:/%@,\-[\]]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface Block {
  name: string;
  lines: Array<[string, string] | Block>;
}

function block(name: string, lines: Block['lines']): Block {
  return { name, lines };
}

function printBlock(b: Block, indent = ''): string {
  const inner = b.lines.map((l) => (Array.isArray(l) ? `${indent}  ${l[0]} = ${l[1]}` : printBlock(l, `${indent}  `))).join('\n');
  return `${indent}${b.name} {\n${inner}\n${indent}}`;
}

// --- lifetimes -------------------------------------------------------------------------------

/** Rekey a tenth before the hard lifetime (what appliances do), at least one second. */
function margin(life: number): number {
  return Math.max(1, Math.floor(life / 10));
}

function ikeLifetimeLines(end: TunnelEnd): Array<[string, string]> {
  const life = end.phase1.lifetimeSeconds.value;
  if (!(life > 1)) return [];
  if (end.ikeVersion.value === 1) {
    // main mode proposes reauth_time + over_time: make the sum the device's lifetime exactly
    const over = margin(life);
    return [
      ['rekey_time', '0s'],
      ['reauth_time', `${life - over}s`],
      ['over_time', `${over}s`],
      ['rand_time', '0s'],
    ];
  }
  return [
    ['rekey_time', `${life}s`],
    ['rand_time', '0s'],
  ];
}

function childLifetimeLines(p: Phase2): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const life = p.lifetimeSeconds.value;
  if (life > 1) out.push(['life_time', `${life}s`], ['rekey_time', `${life - margin(life)}s`], ['rand_time', '0s']);
  const kb = p.lifetimeKilobytes.value;
  if (kb > 0) {
    const bytes = kb * 1024;
    out.push(['life_bytes', String(bytes)], ['rekey_bytes', String(bytes - Math.max(1, Math.floor(bytes / 10)))], ['rand_bytes', '0']);
  }
  return out;
}

// --- selectors -------------------------------------------------------------------------------

function tsList(cidrs: string[], proto: number | undefined): string {
  if (!cidrs.length) return 'dynamic';
  const suffix = proto ? `[${proto}]` : '';
  return cidrs.map((c) => c + suffix).join(',');
}

/** First usable host of a CIDR (the network itself for /31, /32, /127, /128). */
export function firstHost(cidr: string): string | undefined {
  const c = parseCidr(cidr);
  if (!c) return undefined;
  const width = c.family === 4 ? 32 : 128;
  const base = c.prefix >= width - 1 ? c.base : c.base + 1n;
  return formatCidr({ family: c.family, base, prefix: width }).replace(/\/\d+$/, '');
}

// --- identities and secrets -------------------------------------------------------------------

/** An IP-address identity names the device's own gateway, which the lab replaces: let it follow. */
function labId(id: string | undefined): string | undefined {
  return id === undefined || id === '' || isIpAddress(id) ? undefined : id;
}

/**
 * A typed identity in strongSwan's syntax: addresses that name an end's own gateway or its peer
 * follow the lab addresses (any other address, e.g. the private one of an end behind NAT, is
 * kept: it is only an ID); names take the explicit type prefix so charon cannot retype them.
 * undefined: the value is not known (the lab then leaves charon's default).
 */
function labIdentity(id: Identity | IdentityMatch, end: TunnelEnd, addresses: LabAddresses): string | undefined {
  const v = id.value;
  if (v === undefined) return undefined;
  switch (id.type) {
    case undefined:
      return v;
    case 'ipv4':
    case 'ipv6':
      if (v === end.localGateway?.value) return addresses.local;
      if (v === end.remoteGateway.value) return addresses.remote;
      return v;
    case 'fqdn':
      return `fqdn:${v}`;
    case 'user-fqdn':
      return `userfqdn:${v}`;
    case 'dn':
      return v; // `=` in it: charon parses a DN (the asn1dn: prefix would take the text as DER)
    case 'key-id':
      return `keyid:${v}`;
  }
}

/** local.id and remote.id for an end: its typed identities when the adapter read them, else the raw strings. */
function labIds(end: TunnelEnd, addresses: LabAddresses): { local?: string; remote?: string } {
  const li = end.auth.localIdentity?.value;
  const pi = end.auth.peerIdentity?.value;
  const local = li ? labIdentity(li, end, addresses) : labId(end.auth.localId?.value);
  let remote: string | undefined;
  if (pi) remote = pi.length === 1 && (pi[0].type || pi[0].value) ? labIdentity(pi[0], end, addresses) : undefined;
  else remote = labId(end.auth.remoteId?.value);
  return { local, remote };
}

/** The lab never sees a device's PSK: equal, unknown or absent fingerprints share one lab secret;
 *  fingerprints that differ get different secrets. */
export function labSecrets(a: TunnelEnd, b: TunnelEnd): Record<Side, string> {
  const pa = a.auth.psk?.value;
  const pb = b.auth.psk?.value;
  const differ = isComparablePsk(pa) && isComparablePsk(pb) && pa !== pb;
  return { a: 'ipsec-drift-lab-shared-secret', b: differ ? 'ipsec-drift-lab-other-secret' : 'ipsec-drift-lab-shared-secret' };
}

// --- one end ---------------------------------------------------------------------------------

export interface RenderOptions {
  side: Side;
  addresses: LabAddresses;
  secret: string;
}

const POLICY_WORDS: Record<LifetimeResponderPolicy, string> = {
  accept: 'accepts',
  shorter: 'answers with the shorter lifetime (RESPONDER-LIFETIME)',
  'reject-longer': 'refuses a longer proposed lifetime',
  'reject-shorter': 'refuses a proposed lifetime shorter than its own',
  exact: 'accepts only an equal lifetime',
};

/** What about this end alone charon cannot reproduce. */
function endLimitations(end: TunnelEnd, side: Side): Limitation[] {
  const out: Limitation[] = [];
  const v1 = end.ikeVersion.value === 1;
  const p1 = end.behaviour?.ikev1Phase1Lifetime?.value;
  if (v1 && p1 && p1 !== 'accept') {
    out.push({
      side,
      rule: 'p1-lifetime-mismatch',
      bends: 'lenient',
      what: `${end.name} ${POLICY_WORDS[p1]} as IKEv1 responder in phase 1; charon accepts any proposed lifetime`,
    });
  }
  const p2 = end.behaviour?.ikev1Phase2Lifetime?.value;
  if (v1 && p2 && p2 !== 'accept') {
    out.push({
      side,
      rule: 'p2-lifetime-mismatch',
      bends: 'lenient',
      what: `${end.name} ${POLICY_WORDS[p2]} as IKEv1 responder in quick mode; charon accepts any proposed lifetime`,
    });
  }
  const accepts = end.auth.peerIdentity?.value;
  if (accepts && accepts.length > 1)
    out.push({
      side,
      rule: 'identity-mismatch',
      bends: 'lenient',
      what: `${end.name} accepts any of ${accepts.length} identities; charon takes one remote id, so the lab accepts any`,
    });
  if (accepts?.some((m) => !m.type && m.value))
    out.push({ side, rule: 'identity-mismatch', what: `${end.name} compares the peer's ID as text whatever its type; charon types the text by its content` });
  const method = end.auth.method.value;
  if (method !== 'psk') {
    out.push({ side, rule: 'auth-method-mismatch', what: `${end.name} authenticates with ${method}; the lab authenticates both ends with a pre-shared key` });
  }
  for (const p of end.phase2) {
    if (p.proposals.value.some((c) => c.protocol === 'ah')) {
      out.push({
        side,
        rule: 'p2-proposal-mismatch',
        bends: 'stricter',
        what: `${end.name}/${p.name} offers AH; the lab's userspace IPsec backend carries ESP only, so AH proposals are left out`,
      });
    }
    if (p.mode.value === 'transport') {
      out.push({ side, bends: 'stricter', what: `${end.name}/${p.name} is transport mode; the lab's userspace IPsec backend runs tunnel mode only` });
    }
    if (v1 && (p.localSelectors.value.length > 1 || p.remoteSelectors.value.length > 1)) {
      out.push({
        side,
        rule: 'traffic-selector-mismatch',
        bends: 'stricter',
        what: `${end.name}/${p.name} lists several subnets; IKEv1 quick mode carries one pair and charon offers only the first`,
      });
    }
  }
  return out;
}

/**
 * charon's IKEv1 code sends only the first algorithm of each kind of a proposal (IKEv1 transforms
 * carry one of each), so an IKEv1 proposal with alternatives becomes one proposal per combination,
 * in the vendor's order: what an IKEv1 appliance puts on the wire as a list of transforms.
 */
export function expandForIkev1(p: IkeProposal): IkeProposal[] {
  const out: IkeProposal[] = [];
  for (const encryption of p.encryption)
    for (const integrity of p.integrity.length ? p.integrity : [undefined])
      for (const dh of p.dhGroups) out.push({ encryption: [encryption], integrity: integrity ? [integrity] : [], prf: [], dhGroups: [dh] });
  return out;
}

function ikeLines(end: TunnelEnd, side: Side, limitations: Limitation[]): string {
  const version = end.ikeVersion.value;
  const dropped: string[] = [];
  const proposals = end.phase1.proposals.value
    .map((p) => labIkeProposal(p, version, dropped))
    .filter((p): p is IkeProposal => p !== undefined)
    .flatMap((p) => (version === 1 ? expandForIkev1(p) : [p]))
    .map(ikeProposalString);
  if (dropped.length) {
    limitations.push({
      side,
      rule: 'p1-proposal-mismatch',
      bends: 'stricter',
      what: `${end.name} phase 1 offers ${[...new Set(dropped)].join(', ')}, which the lab's charon does not implement: left out`,
    });
  }
  // an end with nothing the lab can offer still gets a proposal, one no peer accepts
  return proposals.length ? proposals.join(',') : 'null-aesxcbc-modp768';
}

function childProposals(p: Phase2, end: TunnelEnd, side: Side, limitations: Limitation[]): string {
  const dropped: string[] = [];
  const out: string[] = [];
  const groups = p.pfsGroups.value.length ? p.pfsGroups.value : [0];
  for (const c of p.proposals.value) {
    if (c.protocol !== 'esp') continue;
    const enc = keepKnown(c.encryption, (e) => LAB_ENCRYPTION.has(e));
    const integ = keepKnown(
      c.integrity.filter((i) => i !== 'null'),
      (i) => LAB_INTEGRITY.has(i),
    );
    dropped.push(...enc.dropped, ...integ.dropped);
    if (!enc.kept.length) continue;
    const integrity = enc.kept.every(isAead) ? [] : integ.kept;
    // IKEv1: one algorithm of each kind per proposal (see expandForIkev1)
    const variants: ChildProposal[] =
      end.ikeVersion.value === 1
        ? enc.kept.flatMap((e) =>
            (integrity.length ? integrity : [undefined]).map((i) => ({ protocol: 'esp' as const, encryption: [e], integrity: i ? [i] : [] })),
          )
        : [{ protocol: 'esp', encryption: enc.kept, integrity }];
    for (const v of variants)
      for (const g of groups) {
        if (g !== 0 && !LAB_DH.has(g)) {
          dropped.push(dhGroupName(g));
          continue;
        }
        out.push(childProposalString(v, g));
      }
  }
  if (dropped.length) {
    limitations.push({
      side,
      rule: 'p2-proposal-mismatch',
      bends: 'stricter',
      what: `${end.name}/${p.name} offers ${[...new Set(dropped)].join(', ')}, which the lab's charon does not implement: left out`,
    });
  }
  return [...new Set(out)].join(',') || 'null-aesxcbc';
}

/** Child names: `p2-<n>` (1-based) — vendor names may hold characters swanctl.conf does not take. */
export function childName(index: number): string {
  return `p2-${index + 1}`;
}

/** swanctl.conf for one end, as the lab's charon on `side` loads it. */
export function renderEnd(end: TunnelEnd, options: RenderOptions): RenderedEnd {
  const { side, addresses, secret } = options;
  const limitations = endLimitations(end, side);
  const remoteAny = end.remoteGateway.value === 'any';
  const { local: localId, remote: remoteId } = labIds(end, addresses);

  const children = end.phase2.map((p, i) => {
    const proto = p.ipProtocol?.value;
    return block(childName(i), [
      ['local_ts', tsList(p.localSelectors.value, proto)],
      ['remote_ts', tsList(p.remoteSelectors.value, proto)],
      ['esp_proposals', childProposals(p, end, side, limitations)],
      ['mode', 'tunnel'],
      ...childLifetimeLines(p),
      ['start_action', 'none'],
      ['close_action', 'none'],
      ['dpd_action', 'none'],
    ]);
  });

  const conn = block(IKE_NAME, [
    ['version', String(end.ikeVersion.value)],
    ['local_addrs', addresses.local],
    ['remote_addrs', remoteAny ? '%any' : addresses.remote],
    ['proposals', ikeLines(end, side, limitations)],
    ...(end.ikeVersion.value === 1 && end.phase1.exchangeMode?.value === 'aggressive' ? [['aggressive', 'yes'] as [string, string]] : []),
    ...ikeLifetimeLines(end),
    ['mobike', 'no'],
    ['unique', 'never'],
    block('local', [['auth', 'psk'], ...(localId ? [['id', value(localId)] as [string, string]] : [])]),
    block('remote', [
      ['auth', 'psk'],
      ['id', remoteId ? value(remoteId) : '%any'],
    ]),
    block('children', children),
  ]);
  const secrets = block('secrets', [block(`ike-${IKE_NAME}`, [['secret', value(secret)]])]);
  const header = `# ${end.name} rendered by ipsec-drift lab (${side}); gateways replaced by lab addresses\n`;
  return {
    swanctlConf: `${header + printBlock(block('connections', [conn]))}\n${printBlock(secrets)}\n`,
    ike: IKE_NAME,
    children: end.phase2.map((_, i) => childName(i)),
    limitations,
    selectorAddresses: [],
  };
}

// --- a pair ----------------------------------------------------------------------------------

/** Lab addresses on the veth between the namespaces (RFC 2544 benchmarking range, never routed). */
export const LAB_ADDRESSES: Record<Side, LabAddresses> = {
  a: { local: '198.18.0.1', remote: '198.18.0.2' },
  b: { local: '198.18.0.2', remote: '198.18.0.1' },
};

/**
 * One address inside each subnet this end may find on its local side: its own local selectors and
 * the peer's remote selectors (their intersection is what narrowing leaves). The userspace backend
 * routes a CHILD_SA from a local address inside the local selector; without one it refuses it.
 */
export function selectorAddresses(end: TunnelEnd, peer: TunnelEnd): string[] {
  const cidrs = [...end.phase2.flatMap((p) => p.localSelectors.value), ...peer.phase2.flatMap((p) => p.remoteSelectors.value)];
  const out = new Set<string>();
  for (const c of cidrs) {
    const parsed = parseCidr(c);
    if (!parsed || parsed.prefix === 0) continue; // 0/0 already holds the veth address
    const host = firstHost(c);
    if (host) out.add(host);
  }
  return [...out];
}

export interface RenderedPair {
  a: RenderedEnd;
  b: RenderedEnd;
  /** every limitation of either end and of the pair, deduplicated */
  limitations: Limitation[];
}

/** What about the pair charon cannot reproduce (depends on both ends). */
function pairLimitations(pair: TunnelPair): Limitation[] {
  const out: Limitation[] = [];
  const a = pair.a.tunnel;
  const b = pair.b.tunnel;
  const vendors = [pair.a.device.vendor, pair.b.device.vendor];
  const notMirrored = pair.phase2.some((p) => p.selectors !== 'mirrored') || pair.unpairedA.length + pair.unpairedB.length > 0;
  if (notMirrored && a.ikeVersion.value === 2 && b.ikeVersion.value === 2 && vendors.some((v) => !STRONGSWAN_BASED.has(v))) {
    out.push({
      side: 'both',
      rule: 'traffic-selector-mismatch',
      bends: 'lenient',
      what: 'charon narrows traffic selectors to their intersection as IKEv2 responder (RFC 7296 §2.9); many appliances refuse instead, so the lab shows the most lenient outcome',
    });
  }
  const related = pair.phase2.some((p) => {
    const l = selectorRelation(p.a.localSelectors.value, p.b.remoteSelectors.value);
    const r = selectorRelation(p.a.remoteSelectors.value, p.b.localSelectors.value);
    return l !== 'equal' || r !== 'equal';
  });
  if (related && a.ikeVersion.value === 1 && b.ikeVersion.value === 1 && vendors.some((v) => !STRONGSWAN_BASED.has(v))) {
    out.push({
      side: 'both',
      rule: 'traffic-selector-mismatch',
      bends: 'lenient',
      what: 'charon narrows quick mode IDs as IKEv1 responder too (it answers with the intersection); appliances accept only proposals inside their own selectors, so the lab shows the most lenient outcome',
    });
  }
  return out;
}

function dedupe(list: Limitation[]): Limitation[] {
  const seen = new Set<string>();
  return list.filter((l) => {
    const k = `${l.side}|${l.rule ?? ''}|${l.what}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Both ends of a paired tunnel, rendered for the lab. */
export function renderPair(pair: TunnelPair): RenderedPair {
  const secrets = labSecrets(pair.a.tunnel, pair.b.tunnel);
  const a = renderEnd(pair.a.tunnel, { side: 'a', addresses: LAB_ADDRESSES.a, secret: secrets.a });
  const b = renderEnd(pair.b.tunnel, { side: 'b', addresses: LAB_ADDRESSES.b, secret: secrets.b });
  a.selectorAddresses = selectorAddresses(pair.a.tunnel, pair.b.tunnel);
  b.selectorAddresses = selectorAddresses(pair.b.tunnel, pair.a.tunnel);
  return { a, b, limitations: dedupe([...a.limitations, ...b.limitations, ...pairLimitations(pair)]) };
}
