/**
 * RouterOS `/ip ipsec identity` identities (README "Identities", from the RouterOS IPsec manual,
 * help.mikrotik.com "IPsec" › Identities): `my-id` (auto | address:… | fqdn:… | user-fqdn:… |
 * key-id:… | dn:…, default auto: the address for a pre-shared key, the certificate's SAN or DN
 * otherwise) and `remote-id` (default auto: "accept all ID's"; fqdn, user-fqdn and key-id "only
 * supported in IKEv2"; `ignore` checks nothing), with `match-by=remote-id` (the default; with
 * `match-by=certificate` the certificate decides, not the ID).
 */
import { addressType } from '../../src/model/identity.js';
import { inferred } from '../../src/model/setting.js';
import type { IdType, Identity, IdentityMatch, Setting } from '../../src/model/types.js';
import { settingOf, type Prop } from './read.js';

const TYPES: Record<string, IdType> = { address: 'ipv4', fqdn: 'fqdn', 'user-fqdn': 'user-fqdn', 'key-id': 'key-id', dn: 'dn' };

/** `fqdn:vpn.example.com` → FQDN vpn.example.com; `address:192.0.2.1` → IPv4 (or IPv6) address. */
function typed(text: string): Identity | undefined {
  const i = text.indexOf(':');
  if (i < 0) return undefined;
  const type = TYPES[text.slice(0, i)];
  const value = text.slice(i + 1);
  if (!type || value === '') return undefined;
  return type === 'ipv4' ? { type: addressType(value) ?? 'ipv4', value } : { type, value };
}

export function routerosLocalIdentity(myId: Prop, certificate: boolean, local: Setting<string> | undefined): Setting<Identity> | undefined {
  if (myId.value !== 'auto') {
    const t = typed(myId.value);
    return t ? settingOf(myId, t) : undefined;
  }
  if (certificate) return settingOf<Identity>(myId, { type: 'dn' });
  const t = local ? addressType(local.value) : undefined;
  if (local && t) return inferred<Identity>({ type: t, value: local.value }, `${myId.raw} (${local.raw})`, local.at);
  return settingOf<Identity>(myId, { type: 'ipv4' });
}

export function routerosPeerIdentity(remoteId: Prop, matchBy: Prop, version: 1 | 2): Setting<IdentityMatch[]> | undefined {
  if (matchBy.value === 'certificate') return undefined;
  if (remoteId.value === 'auto' || remoteId.value === 'ignore') return settingOf<IdentityMatch[]>(remoteId, [{}]);
  const t = typed(remoteId.value);
  if (!t) return undefined;
  // fqdn, user-fqdn and key-id remote ids are IKEv2 only: IKEv1 does not check them
  if (version === 1 && t.type !== 'ipv4' && t.type !== 'ipv6' && t.type !== 'dn')
    return inferred<IdentityMatch[]>([{}], `${remoteId.raw} (IKEv1)`, remoteId.at);
  return settingOf<IdentityMatch[]>(remoteId, [t]);
}
