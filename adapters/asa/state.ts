/**
 * Cisco ASA SA listings: `show crypto ipsec sa` (the IPsec SAs, SPIs, timers, counters),
 * `show crypto ikev1 sa [detail]` and `show crypto ikev2 sa [detail]` (IKE SAs; IKEv2 also lists
 * each CHILD_SA with its SPIs), `show vpn-sessiondb detail l2l` (per peer, no SPIs). Parsers shared
 * with IOS in ../cisco-common/state-*.ts. Mapping and assumptions: README.md ("Runtime state").
 */
import { ParseError } from '../../src/model/errors.js';
import { type ClearTarget, emptyState, type SaState, type StateReader } from '../../src/model/state.js';
import { lineAt } from '../../src/model/state-text.js';
import { readAsaIkev1Sa, readAsaSessiondb, readIkev2Sa } from '../cisco-common/state-ike.js';
import { IPSEC_SA_MARKERS, readCiscoIpsecSa } from '../cisco-common/state-ipsec.js';
import { cutListings, hostOf, type ListingKind, newestOfEach } from '../cisco-common/state-session.js';

type Kind = 'show crypto ipsec sa' | 'show crypto ikev1 sa' | 'show crypto ikev2 sa' | 'show vpn-sessiondb detail l2l';

const KINDS: ReadonlyArray<ListingKind<Kind>> = [
  { kind: 'show crypto ipsec sa', command: /^sh(o(w)?)? cry(p(t(o)?)?)? ips(e(c)?)? sa\b/i, bare: /^\s*interface: \S+\s*$/ },
  { kind: 'show crypto ikev1 sa', command: /^sh(o(w)?)? cry(p(t(o)?)?)? (ikev1|isa(k(mp)?)?) sa\b/i, bare: /^\s*(IKEv1 SAs:|IKE Peer\s+Type\s+Dir)/ },
  { kind: 'show crypto ikev2 sa', command: /^sh(o(w)?)? cry(p(t(o)?)?)? ikev2 sa\b/i, bare: /^\s*(IKEv2 SAs:|There are no IKEv2 SAs)/ },
  { kind: 'show vpn-sessiondb detail l2l', command: /^sh(o(w)?)? vpn-sessiondb (detail )?l2l\b/i, bare: /^\s*Session Type: LAN-to-LAN/ },
];

export function readAsaState(text: string, file: string): SaState {
  const lines = text.split('\n');
  const state = emptyState('asa', file);
  const { chosen, repeated } = newestOfEach(cutListings(lines, KINDS), KINDS);
  if (chosen.length === 0) {
    throw new ParseError(
      file,
      1,
      'expected the output of `show crypto ipsec sa`, `show crypto ikev1 sa`, `show crypto ikev2 sa` or `show vpn-sessiondb detail l2l`, found none of them',
    );
  }
  const has = (k: Kind) => chosen.some((c) => c.kind === k);
  for (const k of repeated) state.diagnostics.push({ level: 'info', message: `\`${k}\` appears more than once: the last one is read` });
  for (const l of chosen) {
    state.listings.push({ command: l.kind, at: lineAt(file, l.cmdAt) });
    if (l.kind === 'show crypto ipsec sa') readCiscoIpsecSa(lines, l.from, l.to, file, state, 'asa');
    else if (l.kind === 'show crypto ikev1 sa') readAsaIkev1Sa(lines, l.from, l.to, file, state);
    else if (l.kind === 'show crypto ikev2 sa') readIkev2Sa(lines, l.from, l.to, file, state, !has('show crypto ipsec sa'));
    else readAsaSessiondb(lines, l.from, l.to, file, state, !has('show crypto ipsec sa') && !has('show crypto ikev2 sa'));
  }
  const host = hostOf(lines);
  if (host) state.hostname = host;
  // the CHILD_SAs of `show crypto ipsec sa` hang under the IKEv2 SA that lists the same SPIs
  for (const c of state.childSas) {
    if (c.ike) continue;
    const ike = state.ikeSas.find((i) => i.remoteAddress === c.remoteAddress && i.established);
    if (ike) c.ike = ike.id;
  }
  const ikeListed = has('show crypto ikev1 sa') || has('show crypto ikev2 sa') || has('show vpn-sessiondb detail l2l');
  const childListed = has('show crypto ipsec sa') || has('show crypto ikev2 sa') || has('show vpn-sessiondb detail l2l');
  const spis = has('show crypto ipsec sa') || has('show crypto ikev2 sa');
  if (!has('show crypto ipsec sa'))
    state.missing.push({
      command: 'show crypto ipsec sa',
      consequence: spis
        ? 'IKEv1 SAs and the SA counters (invalid SPI, replay) are not shown; IKEv2 CHILD_SAs are read from `show crypto ikev2 sa`'
        : 'no SPIs listed: stale-sa cannot be checked on this end',
    });
  if (!ikeListed) state.missing.push({ command: 'show crypto ikev2 sa', consequence: 'no IKE SAs listed: ike-sa-missing is not checked on this end' });
  state.shows = { spis, selectors: childListed, ikeSas: ikeListed, childSas: childListed };
  if (!IPSEC_SA_MARKERS.test(text) && has('show crypto ipsec sa')) state.diagnostics.push({ level: 'info', message: '`show crypto ipsec sa` lists no SA' });
  return state;
}

/** Advice text only (never sent): the ASA clears the SAs of one peer; an IKE SA by the peer's address. */
export function asaClear(target: ClearTarget): string | undefined {
  if (target.kind === 'ike') {
    const peer = target.sa.remoteAddress;
    if (!peer) return undefined;
    return target.sa.version === 1 ? `clear crypto ikev1 sa ${peer}` : `clear crypto ikev2 sa ${peer}`;
  }
  return target.sa.remoteAddress ? `clear crypto ipsec sa peer ${target.sa.remoteAddress}` : undefined;
}

export function detectAsaState(text: string): number {
  const head = text.slice(0, 65536);
  if (/^[ \t]*Crypto map tag: [^,]+, seq num: \d+, local addr: /m.test(head)) return 0.95;
  if (/^[ \t]*(IKEv1 SAs:|IKEv2 SAs:|Session Type: LAN-to-LAN)/m.test(head)) return 0.9;
  if (/^[ \t]*\d+\s+IKE Peer: \S+/m.test(head) || /^[ \t]*IKE Peer\s+Type\s+Dir\s+Rky/m.test(head)) return 0.9;
  if (/^[ \t]*Crypto map tag: [^,]+, local addr: /m.test(head) && /current_peer: /.test(head)) return 0.85;
  if (/^[ \t]*There are no IKEv2 SAs\s*$/m.test(head)) return 0.6;
  if (/^[ \t]*Connection\s+: .*\n\s*Index\s+: \d+\s+IP Addr\s+:/m.test(head)) return 0.85;
  return 0;
}

export const asaState: StateReader = {
  commands: [
    { command: 'show crypto ipsec sa', lists: 'child' },
    { command: 'show crypto ikev1 sa detail', lists: 'ike' },
    { command: 'show crypto ikev2 sa detail', lists: 'both' },
  ],
  detect: (text) => detectAsaState(text),
  read: readAsaState,
  clear: (target) => asaClear(target),
};
