/**
 * strongSwan identities: the type rules of `identification_create_from_string`
 * (src/libstrongswan/utils/identification.c, strongswan/strongswan 3b902ea, unchanged in 5.9/6.0)
 * and the defaults of swanctl.conf (`local.id` → the address IKE is sent from, or the subject of
 * the certificate; `remote.id = %any`) and ipsec.conf (`leftid`/`rightid` fall back to `left`/`right`
 * as written: stroke_config.c "leftid/rightid fallback to address"; `%defaultroute` is `%any`).
 * Shared with pfSense and OPNsense, which write strongSwan configurations.
 */
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import { addressType } from '../../src/model/identity.js';
import type { IdType, Identity, IdentityMatch, Setting, SourceRef } from '../../src/model/types.js';

/** The explicit type prefixes strongSwan knows (identification.c `prefixes`), by the types the model has. */
const PREFIXES: Array<[string, IdType]> = [
  ['ipv4:', 'ipv4'],
  ['ipv6:', 'ipv6'],
  ['ipv4net:', 'ipv4'],
  ['ipv6net:', 'ipv6'],
  ['ipv4range:', 'ipv4'],
  ['ipv6range:', 'ipv6'],
  ['rfc822:', 'user-fqdn'],
  ['email:', 'user-fqdn'],
  ['userfqdn:', 'user-fqdn'],
  ['fqdn:', 'fqdn'],
  ['dns:', 'fqdn'],
  ['asn1dn:', 'dn'],
  ['keyid:', 'key-id'],
];

/** `'any'`: strongSwan's ID_ANY (`%any`, `*`, empty, `0.0.0.0`, `::`). */
export type SwanId = Identity | 'any';

/** An IPv4/IPv6 address, subnet (`10.0.0.0/8`) or range (`10.0.0.1-10.0.0.9`) as strongSwan parses one. */
function addressLike(text: string): 'ipv4' | 'ipv6' | undefined {
  const first = text.split(/[/-]/)[0];
  const t = addressType(first);
  if (!t) return undefined;
  const rest = text.slice(first.length);
  if (rest === '') return t;
  if (/^\/\d{1,3}$/.test(rest)) return t;
  if (rest.startsWith('-') && addressType(rest.slice(1)) === t) return t;
  return undefined;
}

/** The identity a strongSwan id string stands for (`@gw` FQDN, `@@u@x` user FQDN, `@#0a0b` key ID, `C=CH, CN=x` DN, an address). */
export function strongswanId(text: string): SwanId {
  const s = text.trim();
  const lower = s.toLowerCase();
  for (const [prefix, type] of PREFIXES) {
    if (lower.startsWith(prefix)) {
      const v = s.slice(prefix.length);
      // `fqdn:^vpn[0-9]+\.example\.com$`: a regular expression (remote ids only); any value of the type
      if (v.startsWith('^') && v.endsWith('$')) return { type };
      if (v.startsWith('#')) return type === 'key-id' ? { type, value: v.slice(1).toLowerCase() } : { type };
      return v === '' ? { type } : { type, value: v };
    }
  }
  if (s.includes('=')) return { type: 'dn', value: s };
  if (!s.includes('@')) {
    if (['', '%any', '%any6', '0.0.0.0', '*', '::', '0::0'].includes(s)) return 'any';
    const t = addressLike(s);
    if (t) return { type: t, value: s };
    // not an address: an FQDN without ':' in it, a key ID with one
    return s.includes(':') ? { type: 'key-id', value: s } : { type: 'fqdn', value: s };
  }
  if (s.startsWith('@#')) return { type: 'key-id', value: s.slice(2).toLowerCase() };
  if (s.startsWith('@@')) return { type: 'user-fqdn', value: s.slice(2) };
  if (s.startsWith('@')) return { type: 'fqdn', value: s.slice(1) };
  return { type: 'user-fqdn', value: s };
}

interface Written {
  value: string;
  raw: string;
  at?: SourceRef;
}

/**
 * What a strongSwan end sends: its id (when not `%any`), else charon's default (ike_auth.c
 * `determine_default_id`): the subject of its certificate, else the address it sends IKE from.
 * `address` is that address when the configuration holds it (unknown value otherwise);
 * `certificate`: the end authenticates with a certificate (its subject is not in the input).
 */
export function swanLocalIdentity(id: Written | undefined, address: Written | undefined, certificate: boolean, defaultRaw: string): Setting<Identity> {
  const parsed = id ? strongswanId(id.value) : 'any';
  if (id && parsed !== 'any') return explicit(parsed, id.raw, id.at);
  if (certificate) {
    const v: Identity = { type: 'dn' };
    return id ? inferred(v, id.raw, id.at) : byDefault(v, `${defaultRaw} (the certificate's subject)`);
  }
  const t = address ? addressType(address.value) : undefined;
  if (address && t) return inferred({ type: t, value: address.value }, address.raw, address.at);
  const v: Identity = { type: address?.value.includes(':') ? 'ipv6' : 'ipv4' };
  return id ? inferred(v, id.raw, id.at) : byDefault(v, `${defaultRaw} (the address IKE is sent from)`);
}

/** What a strongSwan end accepts: its remote id, `%any` (any identity) when none; a `%` prefix (loose) changes nothing here. */
export function swanPeerIdentity(id: Written | undefined, defaultRaw: string, origin: 'explicit' | 'inferred' = 'explicit'): Setting<IdentityMatch[]> {
  if (!id) return byDefault([{}], defaultRaw);
  const text = id.value.startsWith('%') && !/^%any6?$/.test(id.value) ? id.value.slice(1) : id.value;
  const parsed = strongswanId(text);
  const v: IdentityMatch[] = [parsed === 'any' ? {} : parsed];
  return origin === 'explicit' ? explicit(v, id.raw, id.at) : inferred(v, id.raw, id.at);
}
