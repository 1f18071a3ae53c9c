/**
 * The explicit list of adapters (no directory scanning). Adding a vendor: copy a neighbour's
 * folder, then add its import and its place in `adapters` here (docs/writing-an-adapter.md).
 * test/adapters/registry.test.ts checks every folder is listed.
 */
import type { Adapter } from '../src/model/adapter.js';
import { adapter as fortigate } from './fortigate/index.js';
import { adapter as routeros } from './routeros/index.js';
import { adapter as windowsNetsh } from './windows-netsh/index.js';
import { adapter as windowsRras } from './windows-rras/index.js';
import { adapter as asa } from './asa/index.js';
import { adapter as ios } from './ios/index.js';
import { adapter as strongswan } from './strongswan/index.js';
import { adapter as pfsense } from './pfsense/index.js';
import { adapter as opnsense } from './opnsense/index.js';
import { adapter as awsVpn } from './aws-vpn/index.js';
import { adapter as panos } from './panos/index.js';
import { adapter as gcpVpn } from './gcp-vpn/index.js';
import { adapter as junos } from './junos/index.js';
import { adapter as azureVpngw } from './azure-vpngw/index.js';

export const adapters: readonly Adapter[] = [
  fortigate,
  routeros,
  windowsNetsh,
  windowsRras,
  asa,
  ios,
  strongswan,
  pfsense,
  opnsense,
  awsVpn,
  panos,
  gcpVpn,
  junos,
  azureVpngw,
];

export function adapterById(id: string): Adapter | undefined {
  return adapters.find((a) => a.id === id);
}
