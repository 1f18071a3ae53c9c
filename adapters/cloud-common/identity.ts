/**
 * What a cloud VPN gateway sends as its IKE identity: its public (outside) address, IPv4. No
 * provider lets it be set; what it accepts from the customer gateway is not documented and is
 * left out, so identity-mismatch never names the cloud end as the one that refuses.
 * Azure: its own device samples select the Azure peer by address (Azure/Azure-vpn-config-samples
 * f9e3962, Cisco/Current/ISR/cisco-isr-ios-15.1-Route_Based.txt: `match identity remote address
 * <Azure gateway IP>`). AWS and GCP: assumed (not stated in a source read here).
 */
import { addressType } from '../../src/model/identity.js';
import { inferred } from '../../src/model/setting.js';
import type { Identity, Setting, TunnelEnd } from '../../src/model/types.js';

export function withOutsideAddressIdentity(t: TunnelEnd, assumed: boolean): void {
  const local: Setting<string> | undefined = t.localGateway;
  const type = local ? addressType(local.value) : undefined;
  if (!local || !type) return;
  const s = inferred<Identity>({ type, value: local.value }, `(its outside address: ${local.raw})`, local.at);
  if (assumed) s.assumed = true;
  t.auth.localIdentity = s;
}
