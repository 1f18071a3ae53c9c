/**
 * identity-mismatch fixes in Cisco CLI (README "Identities" of asa and ios; identity.ts reads the
 * same commands back):
 * - what an end sends: an IOS IKEv2 profile's ` identity local address|fqdn|email|key-id …`; else
 *   the global `crypto isakmp identity address` (the address IKE leaves from) or, on the ASA,
 *   `crypto isakmp identity key-id K` — global, so every peer of the device sees the change;
 * - what an end accepts: an IOS IKEv2 profile's ` match identity remote …`, added beside the lines
 *   it has (the profile is chosen by any one of them; other peers matched by the others keep
 *   working). An IKEv1 PSK peer is found by its address and accepts any ID: nothing to change.
 * A change these commands cannot say (an FQDN other than the device's own host name, a DN, which
 * comes from the certificate) gives no fix.
 */
import type { Identity, TunnelEnd } from '../../src/model/types.js';

export type CiscoStyle = 'asa' | 'ios';

/** The IKEv2 profile word for an identity type (`identity local …` / `match identity remote …`). */
function profileWords(id: Identity): string | undefined {
  if (!id.value || /\s/.test(id.value)) return undefined;
  switch (id.type) {
    case 'ipv4':
    case 'ipv6':
      return `address ${id.value}`;
    case 'fqdn':
      return `fqdn ${id.value}`;
    case 'user-fqdn':
      return `email ${id.value}`;
    case 'key-id':
      return `key-id ${id.value}`;
    default:
      return undefined;
  }
}

function profileHead(t: TunnelEnd): string {
  const peer = t.remoteGateway.value === 'any' ? 'DefaultL2LGroup' : t.remoteGateway.value;
  return `crypto ikev2 profile ${t.vendorRefs?.ikev2Profile ?? `<the profile matching ${peer}>`}`;
}

export function ciscoLocalIdentityFix(style: CiscoStyle, t: TunnelEnd, id: Identity): string | undefined {
  if (style === 'ios' && t.ikeVersion.value === 2) {
    const words = profileWords(id);
    return words ? `${profileHead(t)}\n identity local ${words}` : undefined;
  }
  if ((id.type === 'ipv4' || id.type === 'ipv6') && id.value !== undefined && id.value === t.localGateway?.value) return 'crypto isakmp identity address';
  if (style === 'asa' && id.type === 'key-id' && id.value && !/\s/.test(id.value)) return `crypto isakmp identity key-id ${id.value}`;
  return undefined;
}

export function ciscoPeerIdentityFix(style: CiscoStyle, t: TunnelEnd, id: Identity): string | undefined {
  if (style !== 'ios' || t.ikeVersion.value !== 2) return undefined;
  const words = profileWords(id);
  return words ? `${profileHead(t)}\n match identity remote ${words}` : undefined;
}
