/**
 * Cisco IOS / IOS-XE SA listings: `show crypto ipsec sa [detail]` (SPIs, timers, the detail
 * counters: invalid SA, replay failed, verify failed), `show crypto isakmp sa [detail]` (IKEv1),
 * `show crypto ikev2 sa [detail]`, `show crypto session detail` (sessions and flows, no SPIs).
 * Parsers shared with the ASA in ../cisco-common/state-*.ts. Mapping and assumptions: README.md.
 */
import { ParseError } from '../../src/model/errors.js';
import { type ClearTarget, emptyState, type SaState, type StateReader } from '../../src/model/state.js';
import { lineAt } from '../../src/model/state-text.js';
import { readIkev2Sa, readIosCryptoSession, readIosIsakmpSa } from '../cisco-common/state-ike.js';
import { readCiscoIpsecSa } from '../cisco-common/state-ipsec.js';
import { cutListings, hostOf, type ListingKind, newestOfEach } from '../cisco-common/state-session.js';

type Kind = 'show crypto ipsec sa' | 'show crypto isakmp sa' | 'show crypto ikev2 sa' | 'show crypto session detail';

const KINDS: ReadonlyArray<ListingKind<Kind>> = [
  { kind: 'show crypto ipsec sa', command: /^sh(o(w)?)? cry(p(t(o)?)?)? ips(e(c)?)? sa\b/i, bare: /^\s*interface: \S+\s*$/ },
  { kind: 'show crypto isakmp sa', command: /^sh(o(w)?)? cry(p(t(o)?)?)? isa(k(mp)?)? sa\b/i, bare: /^\s*IPv[46] Crypto ISAKMP SA\s*$/ },
  {
    kind: 'show crypto ikev2 sa',
    command: /^sh(o(w)?)? cry(p(t(o)?)?)? ikev2 sa\b/i,
    bare: /^\s*(IPv[46] Crypto IKEv2\s+SA|Tunnel-id\s+Local\s+Remote\s+fvrf\/ivrf)/,
  },
  {
    kind: 'show crypto session detail',
    command: /^sh(o(w)?)? cry(p(t(o)?)?)? ses(s(i(o(n)?)?)?)? det(a(i(l)?)?)?\b/i,
    bare: /^\s*Crypto session current status\s*$/,
  },
];

export function readIosState(text: string, file: string): SaState {
  const lines = text.split('\n');
  const state = emptyState('ios', file);
  const { chosen, repeated } = newestOfEach(cutListings(lines, KINDS), KINDS);
  if (chosen.length === 0) {
    throw new ParseError(
      file,
      1,
      'expected the output of `show crypto ipsec sa [detail]`, `show crypto isakmp sa`, `show crypto ikev2 sa` or `show crypto session detail`, found none of them',
    );
  }
  const has = (k: Kind) => chosen.some((c) => c.kind === k);
  for (const k of repeated) state.diagnostics.push({ level: 'info', message: `\`${k}\` appears more than once: the last one is read` });
  for (const l of chosen) {
    state.listings.push({ command: l.kind, at: lineAt(file, l.cmdAt) });
    if (l.kind === 'show crypto ipsec sa') readCiscoIpsecSa(lines, l.from, l.to, file, state, 'ios');
    else if (l.kind === 'show crypto isakmp sa') readIosIsakmpSa(lines, l.from, l.to, file, state);
    else if (l.kind === 'show crypto ikev2 sa') readIkev2Sa(lines, l.from, l.to, file, state, false);
    else readIosCryptoSession(lines, l.from, l.to, file, state, !has('show crypto ipsec sa'));
  }
  const host = hostOf(lines);
  if (host) state.hostname = host;
  orientIsakmp(state);
  for (const c of state.childSas) {
    if (c.ike) continue;
    const ike = state.ikeSas.find((i) => i.established && (i.remoteAddress === c.remoteAddress || i.localAddress === c.remoteAddress));
    if (ike) c.ike = ike.id;
  }
  const ikeListed = has('show crypto isakmp sa') || has('show crypto ikev2 sa') || has('show crypto session detail');
  const childListed = has('show crypto ipsec sa') || has('show crypto session detail');
  if (!has('show crypto ipsec sa'))
    state.missing.push({
      command: 'show crypto ipsec sa detail',
      consequence: 'no SPIs listed: stale-sa, rekey overlaps and the SA counters cannot be checked on this end',
    });
  if (!ikeListed)
    state.missing.push({
      command: 'show crypto isakmp sa / show crypto ikev2 sa',
      consequence: 'no IKE SAs listed: ike-sa-missing is not checked on this end',
    });
  state.shows = { spis: has('show crypto ipsec sa'), selectors: childListed, ikeSas: ikeListed, childSas: childListed };
  return state;
}

/**
 * `show crypto isakmp sa` prints dst and src (responder and initiator), not remote and local: with
 * this end's addresses known from the other listings, the peer is the other one; else dst is taken
 * as the peer (the end that initiated, as the corpus' summerice7 capture shows) and said so.
 */
function orientIsakmp(state: SaState): void {
  const local = new Set<string>();
  for (const c of state.childSas) if (c.localAddress) local.add(c.localAddress);
  for (const i of state.ikeSas) if (!i.id.startsWith('conn-id') && i.localAddress) local.add(i.localAddress);
  let assumed = false;
  for (const i of state.ikeSas) {
    if (!/^conn-id/.test(i.id) || i.proposal) continue; // the detail table names Local/Remote itself
    if (i.remoteAddress && local.has(i.remoteAddress)) [i.localAddress, i.remoteAddress] = [i.remoteAddress, i.localAddress];
    else if (!(i.localAddress && local.has(i.localAddress))) assumed = true;
  }
  if (assumed)
    state.diagnostics.push({
      level: 'info',
      message: '`show crypto isakmp sa` prints dst/src, not local/remote: without `show crypto ipsec sa` the dst column is taken as the peer',
    });
}

/** Advice text only (never sent): IOS clears the SAs of one peer, an ISAKMP SA by its conn-id. */
export function iosClear(target: ClearTarget): string | undefined {
  if (target.kind === 'ike') {
    const conn = /^conn-id (\d+)$/.exec(target.sa.id)?.[1];
    if (conn) return `clear crypto isakmp ${conn}`;
    return target.sa.remoteAddress ? `clear crypto ikev2 sa remote ${target.sa.remoteAddress}` : undefined;
  }
  return target.sa.remoteAddress ? `clear crypto sa peer ${target.sa.remoteAddress}` : undefined;
}

export function detectIosState(text: string): number {
  const head = text.slice(0, 65536);
  if (/^[ \t]*Crypto map tag: [^,]+, local addr [0-9a-f.:]+\s*$/im.test(head)) return 0.95;
  if (/^[ \t]*(IPv4 Crypto ISAKMP SA|Crypto session current status)\s*$/m.test(head)) return 0.95;
  if (/^[ \t]*IPv[46] Crypto IKEv2\s+SA\s*$/m.test(head) || /^[ \t]*Tunnel-id\s+Local\s+Remote\s+fvrf\/ivrf/m.test(head)) return 0.9;
  if (/^[ \t]*(local\s+ident \(addr\/mask\/prot\/port\)|current_peer \S+ port \d+)/m.test(head)) return 0.85;
  return 0;
}

export const iosState: StateReader = {
  commands: [
    { command: 'show crypto ipsec sa detail', lists: 'child' },
    { command: 'show crypto isakmp sa detail', lists: 'ike' },
    { command: 'show crypto ikev2 sa detail', lists: 'ike' },
  ],
  detect: (text) => detectIosState(text),
  read: readIosState,
  clear: (target) => iosClear(target),
};
