/**
 * OPNsense config.xml (`<opnsense>` root) → Device: legacy tunnels in `<ipsec>` (read by the
 * pfSense code, same lineage) and "Connections" in `<OPNsense><Swanctl>`. Pure.
 */
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { note, warn, type ReadContext } from '../pfsense/context.js';
import { deviceInterfaces, readInterfaceIndex } from '../pfsense/interfaces.js';
import { readLegacyTunnels } from '../pfsense/legacy-ipsec.js';
import { hostnameOf, TIMERS_NOTE } from '../pfsense/parse.js';
import { READ_SECTIONS, child, childrenNamed, parseXmlTree, type XNode } from '../pfsense/xml-tree.js';
import { readSwanctlTunnels } from './swanctl.js';
import { withSwanctlRekeyTiming } from '../pfsense/timers.js';

/** Which generator a config.xml's release uses for legacy tunnels, and what says so. */
export interface OpnsenseRelease {
  generator: 'ipsec.conf' | 'swanctl';
  /** the releases this evidence points at, in words */
  evidence: string;
  /** no marker in the file: the generator is a guess */
  assumed: boolean;
  at?: XNode;
}

/**
 * OPNsense's config.xml carries no release number (its `<version>` is not written since the
 * pfSense days), but the MVC models it holds are versioned and every upgrade writes them
 * (BaseModel::runMigrations serializes each model at its current version):
 * `<OPNsense><Swanctl>` exists from 23.1 (Swanctl.xml, "VPN/IPsec add new MVC module", Dec 2022),
 * `<OPNsense><IPsec version>` is 1.0.0 from 21.1 to 22.7 and 1.0.1 and later from 23.1
 * (models/OPNsense/IPsec/IPsec.xml at the release tags). 23.1 is also the release that moved
 * legacy tunnels from ipsec.conf to swanctl.conf (opnsense/core 0adf843f, plugins.inc.d/ipsec.inc).
 */
export function opnsenseRelease(root: XNode): OpnsenseRelease {
  const mvc = child(root, 'OPNsense');
  const swanctl = child(mvc, 'Swanctl');
  if (swanctl)
    return { generator: 'swanctl', evidence: `<Swanctl version="${swanctl.attrs.version ?? ''}">: OPNsense 23.1 or later`, assumed: false, at: swanctl };
  const ipsec = child(mvc, 'IPsec');
  if (ipsec) {
    const v = ipsec.attrs.version ?? '';
    const [major, minor, patch] = v.split('.').map(Number);
    const newer = major > 1 || (major === 1 && (minor > 0 || patch >= 1));
    return newer
      ? { generator: 'swanctl', evidence: `<IPsec version="${v}">: OPNsense 23.1 or later`, assumed: false, at: ipsec }
      : { generator: 'ipsec.conf', evidence: `<IPsec version="${v}"> without <Swanctl>: OPNsense 22.7 or earlier`, assumed: false, at: ipsec };
  }
  // the versioned IPsec model (1.0.0) exists from 21.1 on: a config without it is older
  if (mvc) return { generator: 'ipsec.conf', evidence: '<OPNsense> without an <IPsec> model: OPNsense 20.7 or earlier', assumed: false, at: mvc };
  // not a complete backup (no MVC section at all): take the generator of current releases
  return { generator: 'swanctl', evidence: 'no <OPNsense> section to tell the release by: the generator of 23.1 and later', assumed: true };
}

export function parseOpnsense(text: string, file: string): Device {
  const root = parseXmlTree(text, file, 'an OPNsense config.xml (<opnsense> root element)', READ_SECTIONS);
  if (root.name !== 'opnsense') throw new ParseError(file, root.line, `expected an OPNsense config.xml (<opnsense> root element), found <${root.name}>`);
  const index = readInterfaceIndex(root);
  const release = opnsenseRelease(root);
  // legacy tunnels: written to ipsec.conf up to 22.7, to swanctl.conf from 23.1 (README "Releases")
  const ctx: ReadContext = { file, vendor: 'opnsense', timers: release.generator === 'swanctl' ? 'opnsense-swanctl' : 'ipsec.conf', index, diagnostics: [] };
  const device: Device = { vendor: 'opnsense', origin: file, interfaces: deviceInterfaces(index, file), tunnels: [], diagnostics: ctx.diagnostics };
  const hostname = hostnameOf(root);
  if (hostname) device.hostname = hostname;

  const ipsec = child(root, 'ipsec');
  const legacy = childrenNamed(ipsec, 'phase1');
  const mvc = child(root, 'OPNsense');
  // VPN › IPsec › Advanced Settings › Make before break (IPsec.xml charon.make_before_break, 25.1+; default 0)
  const mbb = child(child(child(mvc, 'IPsec'), 'charon'), 'make_before_break');
  if (mbb?.text === '1') ctx.makeBeforeBreak = mbb;
  const connections = childrenNamed(child(child(mvc, 'Swanctl'), 'Connections'), 'Connection');
  if (legacy.length === 0 && connections.length === 0) {
    note(ctx, 'no IPsec tunnels: neither legacy <ipsec><phase1> entries nor <OPNsense><Swanctl> connections', child(mvc, 'Swanctl') ?? ipsec ?? root);
    return device;
  }
  if (legacy.length > 0) {
    const semantics =
      release.generator === 'swanctl'
        ? 'OPNsense ≥ 23.1 (swanctl.conf) semantics: the phase 1 <lifetime> counts only with a <margintime> (else strongSwan rekeys after 4h), a phase 2 <lifetime> is the child life_time (1h rekey when empty), IKEv1 for anything but <iketype>ikev2'
        : 'OPNsense ≤ 22.7 (ipsec.conf) semantics: <lifetime> as written (3h / 1h when empty), the shortest phase 2 lifetime of a phase 1 applies to all its phase 2s';
    const where = release.assumed ? `${release.evidence}: assumed` : release.evidence;
    const message = `${TIMERS_NOTE} ${semantics} (${where})`;
    if (release.assumed) warn(ctx, message, release.at ?? legacy[0]);
    else note(ctx, message, release.at ?? legacy[0]);
    device.tunnels.push(...readLegacyTunnels(ctx, ipsec!));
  }
  device.tunnels.push(...readSwanctlTunnels(ctx, mvc));
  // VPN › IPsec › Connections › Enable IPsec writes <ipsec><enable> (IPsec.xml general.enabled links to it)
  if (!child(ipsec, 'enable')) note(ctx, 'IPsec is not enabled (no <ipsec><enable>): the tunnels are configured but not started', ipsec ?? root);
  return withSwanctlRekeyTiming(device);
}
