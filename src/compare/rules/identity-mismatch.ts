import type { EndRef, Finding, FindingSide, PairRule } from '../types.js';
import { endName, side } from '../finding.js';
import { isPrivateAddress } from '../negotiation.js';
import { formatIdentity, formatMatches, identityVerdict } from '../../model/identity.js';
import type { Identity, IdentityMatch } from '../../model/types.js';
import { S } from './symptoms.js';

/**
 * The classic NAT case: the sender sends its private address (the only one it knows) while the
 * receiver expects the address it sees, the public one it sends IKE to.
 */
function natCase(sent: Identity, accepts: IdentityMatch[], receiver: EndRef): string | undefined {
  if (sent.type !== 'ipv4' && sent.type !== 'ipv6') return undefined;
  if (sent.value === undefined || !isPrivateAddress(sent.value)) return undefined;
  const expected = accepts.find((m) => m.type === sent.type && m.value && !isPrivateAddress(m.value));
  if (!expected?.value) return undefined;
  const seenAs = receiver.tunnel.remoteGateway.value;
  return seenAs === expected.value || seenAs === 'any'
    ? `it is behind NAT: it sends its private address ${sent.value} as its identity, while the other end expects its public address ${expected.value}`
    : undefined;
}

/** A match that names one identity exactly (a type and a value that is no pattern): something an end can be told to send. */
function exactIdentity(m: IdentityMatch): Identity | undefined {
  if (!m.type || !m.value) return undefined;
  if (m.value.includes('*') || (m.value.includes('/') && (m.type === 'ipv4' || m.type === 'ipv6'))) return undefined;
  return { type: m.type, value: m.value };
}

/**
 * Which end should change, and to what. Preferred: the receiver accepts the identity the sender
 * already sends — one setting on one end, and nothing changes for the sender's other peers, which
 * may expect its identity as it is (cloud gateways and Windows cannot change what they send at
 * all). Only when the input does not hold the sent value (a certificate subject), the sender is
 * told to send one identity the receiver accepts. Never both: applied together the two changes
 * would miss each other again. Undefined: neither can be said from the input.
 */
function changeFor(sent: Identity, accepts: IdentityMatch[], sender: FindingSide, receiver: FindingSide): string | undefined {
  if (sent.value !== undefined) {
    const accept: Identity = { type: sent.type, value: sent.value };
    receiver.change = { field: 'auth.peerIdentity', target: accept };
    return `${endName(receiver.end)} accepts ${formatIdentity(accept)} (the identity ${endName(sender.end)} sends)`;
  }
  const send = accepts.map(exactIdentity).find((m) => m !== undefined);
  if (!send) return undefined;
  sender.change = { field: 'auth.localIdentity', target: send };
  return `${endName(sender.end)} sends ${formatIdentity(send)} (what ${endName(receiver.end)} accepts; the value ${endName(sender.end)} sends now is not in the input). Where ${endName(sender.end)} cannot choose what it sends (a certificate's subject, Windows, a cloud gateway), ${endName(receiver.end)} must accept that identity instead`;
}

function check(from: EndRef, to: EndRef, which: 'a' | 'b'): Finding | undefined {
  const sent = from.tunnel.auth.localIdentity;
  const accepts = to.tunnel.auth.peerIdentity;
  if (!sent || !accepts) return undefined;
  const verdict = identityVerdict(sent.value, accepts.value);
  if (verdict === 'accepted' || verdict === 'unknown') return undefined;
  const s = side(from, sent, formatIdentity(sent.value));
  const t = side(to, accepts, formatMatches(accepts.value));
  const nat = natCase(sent.value, accepts.value, to);
  const what = verdict === 'type' ? 'type' : 'value';
  const change = changeFor(sent.value, accepts.value, s, t);
  return {
    rule: 'identity-mismatch',
    severity: 'error',
    setting: `auth.identity(${which})`,
    message:
      `${endName(from)} identifies itself as ${formatIdentity(sent.value)}, but ${endName(to)} accepts only ${formatMatches(accepts.value)}` +
      ` (the identity ${what} differs${nat ? `; ${endName(from)}: ${nat}` : ''})`,
    effect: `The tunnel will not come up: ${endName(to)} finds no peer configuration for that identity and refuses the authentication (AUTHENTICATION_FAILED / "no matching peer config found").${change ? ` Smallest change: ${change}.` : ''}`,
    ...(which === 'a' ? { a: s, b: t } : { a: t, b: s }),
  };
}

export const rule: PairRule = {
  id: 'identity-mismatch',
  title: 'An end sends an identity the other end does not accept',
  severity: 'error',
  scope: 'pair',
  symptoms: [
    S.AUTHENTICATION_FAILED,
    S.AUTH_FAIL,
    'strongSwan: "no matching peer config found" / "looking for peer configs matching … [IDi]" with no match',
    'FortiGate: "peer ID does not match" / "ignoring request to establish IPsec SA, no policy configured"',
    'RouterOS: "identity not found for peer"',
    'Cisco IOS: "%IKEV2-3-NEG_ABORT … Failed to locate an item in the database" (no IKEv2 profile matches the peer identity)',
    'PAN-OS: "IKE phase-1 negotiation is failed … Peer ID mismatch"',
  ],
  explain:
    "Each end sends an identity in its ID payload (a type — IPv4 address, FQDN, user FQDN (email), distinguished name, key ID — and a value) and looks up the peer's configuration by the identity it receives. When the receiver expects another type (an FQDN where an address arrives) or another value, it finds no configuration for the peer and refuses the authentication, even when the keys and proposals agree. The usual case is NAT: an end behind NAT that sends its own (private) address as its identity while the other end expects the public address it sees. An end that accepts any identity (strongSwan `%any`, FortiGate `peertype any`, a Cisco IKEv1 main-mode PSK peer found by its address, RouterOS `remote-id=auto`) is never reported; nor is an identity whose value is not in the input (a certificate subject) unless its type already differs. The fix changes one end only: the receiver accepts the identity the sender already sends (one setting, and the sender's other peers are untouched; cloud gateways and Windows cannot change what they send); only when the sent value is not in the input is the sender told to send an identity the receiver accepts. Both changes applied together would miss each other again.",
  check(pair) {
    return [check(pair.a, pair.b, 'a'), check(pair.b, pair.a, 'b')].filter((f): f is Finding => f !== undefined);
  },
};
