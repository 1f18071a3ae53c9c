/**
 * OPNsense config.xml (`<opnsense>` root) → Device: legacy tunnels in `<ipsec>` (read by the
 * pfSense code, same lineage) and "Connections" in `<OPNsense><Swanctl>`. Pure.
 */
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { note, type ReadContext } from '../pfsense/context.js';
import { deviceInterfaces, readInterfaceIndex } from '../pfsense/interfaces.js';
import { readLegacyTunnels } from '../pfsense/legacy-ipsec.js';
import { hostnameOf, TIMERS_NOTE } from '../pfsense/parse.js';
import { READ_SECTIONS, child, childrenNamed, parseXmlTree } from '../pfsense/xml-tree.js';
import { readSwanctlTunnels } from './swanctl.js';

export function parseOpnsense(text: string, file: string): Device {
  const root = parseXmlTree(text, file, 'an OPNsense config.xml (<opnsense> root element)', READ_SECTIONS);
  if (root.name !== 'opnsense') throw new ParseError(file, root.line, `expected an OPNsense config.xml (<opnsense> root element), found <${root.name}>`);
  const index = readInterfaceIndex(root);
  // legacy tunnels: OPNsense wrote them to ipsec.conf (plugins.inc.d/ipsec.inc), see README
  const ctx: ReadContext = { file, vendor: 'opnsense', timers: 'ipsec.conf', index, diagnostics: [] };
  const device: Device = { vendor: 'opnsense', origin: file, interfaces: deviceInterfaces(index, file), tunnels: [], diagnostics: ctx.diagnostics };
  const hostname = hostnameOf(root);
  if (hostname) device.hostname = hostname;

  const ipsec = child(root, 'ipsec');
  const legacy = childrenNamed(ipsec, 'phase1');
  const mvc = child(root, 'OPNsense');
  const connections = childrenNamed(child(child(mvc, 'Swanctl'), 'Connections'), 'Connection');
  if (legacy.length === 0 && connections.length === 0) {
    note(ctx, 'no IPsec tunnels: neither legacy <ipsec><phase1> entries nor <OPNsense><Swanctl> connections', child(mvc, 'Swanctl') ?? ipsec ?? root);
    return device;
  }
  if (legacy.length > 0) {
    note(
      ctx,
      `${TIMERS_NOTE} OPNsense legacy (ipsec.conf) semantics: <lifetime> as written (3h / 1h when empty), the shortest phase 2 lifetime of a phase 1 applies to all its phase 2s`,
      legacy[0],
    );
    device.tunnels.push(...readLegacyTunnels(ctx, ipsec!));
  }
  device.tunnels.push(...readSwanctlTunnels(ctx, mvc));
  // VPN › IPsec › Connections › Enable IPsec writes <ipsec><enable> (IPsec.xml general.enabled links to it)
  if (!child(ipsec, 'enable')) note(ctx, 'IPsec is not enabled (no <ipsec><enable>): the tunnels are configured but not started', ipsec ?? root);
  return device;
}
