/**
 * identity-mismatch fixes for FortiGate phase 1 (README "Identities"; FortiOS CLI reference
 * `config vpn ipsec phase1-interface`: `set localid`, `set localid-type [auto|fqdn|user-fqdn|keyid|
 * address|asn1dn]`, `set peertype [any|one|…]`, `set peerid`). The type is always written, so
 * FortiOS does not guess it from the text (`localid-type auto`). What it accepts: `peertype one`
 * with the peer's ID text (FortiOS compares the text, any type).
 */
import type { Identity } from '../../src/model/types.js';

const LOCALID_TYPE: Record<Identity['type'], string> = {
  ipv4: 'address',
  ipv6: 'address',
  fqdn: 'fqdn',
  'user-fqdn': 'user-fqdn',
  'key-id': 'keyid',
  dn: 'asn1dn',
};

/** The `set` lines of the phase 1 that send `id`; undefined without a value. */
export function fortigateLocalIdSets(id: Identity, quote: (s: string) => string): string[] | undefined {
  if (!id.value) return undefined;
  return [`set localid ${quote(id.value)}`, `set localid-type ${LOCALID_TYPE[id.type]}`];
}

/** The `set` lines of the phase 1 that accept the peer ID `id` (and only it). */
export function fortigatePeerIdSets(id: Identity, quote: (s: string) => string): string[] | undefined {
  if (!id.value) return undefined;
  return ['set peertype one', `set peerid ${quote(id.value)}`];
}
