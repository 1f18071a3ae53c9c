/**
 * What a Windows IPsec end sends as its IKE identity (README "Identities"): with a pre-shared key
 * the address it sends IKE from (ID_IPV4_ADDR), with a computer certificate the certificate's
 * subject; with Kerberos (AuthIP/IKEv1 between domain members) a Kerberos principal, not a
 * standard ID type — left out. Both assumed: Microsoft documents the authentication methods, not
 * the ID payload. What Windows accepts from the peer is not documented either: left out, so
 * identity-mismatch never reports a Windows end as the refusing side.
 */
import { addressType } from '../../src/model/identity.js';
import { assumedDefault, inferredFromAssumed } from '../../src/model/setting.js';
import type { Identity, TunnelEnd } from '../../src/model/types.js';

export function withWindowsIdentity(t: TunnelEnd): void {
  const method = t.auth.method.value;
  if (method === 'certificate' || method === 'xauth-certificate') {
    t.auth.localIdentity = assumedDefault<Identity>({ type: 'dn' }, '(the computer certificate subject)');
    return;
  }
  if (method !== 'psk' && method !== 'xauth-psk') return;
  const local = t.localGateway;
  const type = local ? addressType(local.value) : undefined;
  t.auth.localIdentity =
    local && type
      ? inferredFromAssumed<Identity>({ type, value: local.value }, `(pre-shared key: the local address, ${local.raw})`, local.at)
      : assumedDefault<Identity>({ type: 'ipv4' }, '(pre-shared key: the local address)');
}
