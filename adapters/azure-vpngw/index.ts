/**
 * Azure VPN gateway connections as a tunnel end: `az network vpn-connection show` JSON (with
 * `local-gateway show`, `vnet-gateway show`, `public-ip show` documents beside it) and
 * `Get-AzVirtualNetworkGatewayConnection` (ConvertTo-Json, or the printed object). Read from
 * exports only: no live collection (README.md).
 */
import type { Adapter } from '../../src/model/adapter.js';
import { azureFix } from './fix.js';
import { parseAzure } from './parse.js';
import { looksFormatList } from './read.js';
import { azureState } from './state.js';

function looksAzureJson(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^\s*([[{]|---)/.test(head) && (/"type"\s*:\s*"Microsoft\.Network\/connections"/i.test(head) || /"virtualNetworkGateway1"\s*:/i.test(head));
}

export const adapter: Adapter = {
  id: 'azure-vpngw',
  label: 'Azure VPN gateway connection (az network vpn-connection show, Get-AzVirtualNetworkGatewayConnection)',
  detectCeiling: 0.95,
  detect(text) {
    if (looksAzureJson(text)) return 0.95;
    return looksFormatList(text) ? 0.9 : 0;
  },
  parse: parseAzure,
  // No `live`: the Azure end is an API object, exported by the user with `az` or Az PowerShell.
  fix: azureFix,
  // Get-AzVirtualNetworkGatewayConnectionIkeSa: IKE SAs only (state.ts)
  state: azureState,
};

export default adapter;
