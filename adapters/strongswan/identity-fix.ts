/**
 * identity-mismatch fixes for strongSwan: the identity an end sends (`local.id` in swanctl.conf,
 * `leftid` in ipsec.conf) and the one it accepts (`remote.id`, `rightid`), as strongSwan id strings
 * with the explicit type prefixes of identification.c (`fqdn:`, `userfqdn:`, `keyid:`, `asn1dn:`,
 * strongswan/strongswan 3b902ea; the same table identity.ts reads), so that the type is never left
 * to strongSwan's guess from the text. Addresses are written as they are (typed by content).
 */
import type { Identity } from '../../src/model/types.js';

const PREFIX: Record<Identity['type'], string> = { ipv4: '', ipv6: '', fqdn: 'fqdn:', 'user-fqdn': 'userfqdn:', dn: 'asn1dn:', 'key-id': 'keyid:' };

/** `fqdn:vpn.example.com`, `192.0.2.1`, `"asn1dn:C=CH, O=Example, CN=gw"` (quoted when it holds a space or a comma). */
export function strongswanIdText(id: Identity): string | undefined {
  if (id.value === undefined || id.value === '' || id.value.includes('"')) return undefined;
  const text = `${PREFIX[id.type]}${id.value}`;
  return /[\s,]/.test(text) ? `"${text}"` : text;
}
