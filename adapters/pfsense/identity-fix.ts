/**
 * identity-mismatch fixes for pfSense and OPNsense legacy tunnels: `<myid_type>`/`<myid_data>` (what
 * the end sends) and `<peerid_type>`/`<peerid_data>` (what it accepts), with the type words both GUIs
 * store and their ipsec.inc `ipsec_find_id` turns into strongSwan ids (README "Identities"):
 * `address`, `fqdn`, `user_fqdn`, `asn1dn`, `keyid tag`. The GUI shows them as the "My identifier" /
 * "Peer identifier" pair of fields of the phase 1.
 */
import type { Identity } from '../../src/model/types.js';

const ID_TYPE: Record<Identity['type'], string> = {
  ipv4: 'address',
  ipv6: 'address',
  fqdn: 'fqdn',
  'user-fqdn': 'user_fqdn',
  dn: 'asn1dn',
  'key-id': 'keyid tag',
};

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<where> › My identifier: fqdn gw.example.com  (<myid_type>fqdn</myid_type> <myid_data>gw.example.com</myid_data>)` */
export function legacyIdentityFix(where: string, field: 'auth.localIdentity' | 'auth.peerIdentity', id: Identity): string | undefined {
  if (!id.value) return undefined;
  const [label, prefix] = field === 'auth.localIdentity' ? ['My identifier', 'myid'] : ['Peer identifier', 'peerid'];
  const type = ID_TYPE[id.type];
  return `${where} › ${label}: ${type} ${id.value}  (<${prefix}_type>${type}</${prefix}_type> <${prefix}_data>${xml(id.value)}</${prefix}_data>)`;
}
