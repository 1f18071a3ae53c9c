/**
 * What an AWS tunnel endpoint does when DPD declares the customer gateway dead (issue 16), from the
 * tunnel option DPDTimeoutAction (README "Dead-peer action"). AWS Site-to-Site VPN User Guide,
 * "Tunnel initiation options" (docs.aws.amazon.com/vpn/latest/s2svpn/initiate-vpn-tunnels.html): "By
 * default, the IKE session is stopped, the tunnel goes down, and the routes are removed. You can
 * specify that AWS must restart the IKE session when DPD timeout occurs, or you can specify that AWS
 * must take no action"; EC2 API ModifyVpnTunnelOptionsSpecification: "Valid Values: clear | none |
 * restart", "Default: clear".
 * - clear → clear (AWS does not initiate again: the customer gateway must);
 * - restart → restart;
 * - none → not modelled: AWS keeps its SAs, which is none of clear/hold/restart (undefined).
 */
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { DeadPeerAction, Setting } from '../../src/model/types.js';
import type { Read } from './build.js';
import { DEFAULTS } from './defaults.js';

export function awsDeadPeerAction(action: Read<string> | undefined): Setting<DeadPeerAction> | undefined {
  if (!action) return byDefault<DeadPeerAction>('clear', `DPDTimeoutAction: ${DEFAULTS.dpdTimeoutAction} (AWS default)`);
  if (action.value !== 'clear' && action.value !== 'restart') return undefined;
  return action.origin === 'explicit'
    ? explicit<DeadPeerAction>(action.value, action.raw, action.at)
    : inferred<DeadPeerAction>(action.value, action.raw, action.at);
}
