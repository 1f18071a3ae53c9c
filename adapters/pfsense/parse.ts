/** pfSense config.xml (`<pfsense>` root, `<ipsec>` section) → Device. Pure. */
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { note, type ReadContext, type TimerSemantics } from './context.js';
import { deviceInterfaces, readInterfaceIndex } from './interfaces.js';
import { readLegacyTunnels } from './legacy-ipsec.js';
import { withSwanctlRekeyTiming } from './timers.js';
import { READ_SECTIONS, child, childText, childrenNamed, parseXmlTree, type XNode } from './xml-tree.js';

/** Diagnostics that say which lifetime semantics were applied start with this (fix.ts reads it). */
export const TIMERS_NOTE = 'lifetimes read with';

export function parsePfsense(text: string, file: string): Device {
  const root = parseXmlTree(text, file, 'a pfSense config.xml (<pfsense> root element)', READ_SECTIONS);
  if (root.name !== 'pfsense') throw new ParseError(file, root.line, `expected a pfSense config.xml (<pfsense> root element), found <${root.name}>`);
  const index = readInterfaceIndex(root);
  const ctx: ReadContext = { file, vendor: 'pfsense', timers: pfsenseTimers(root), index, diagnostics: [] };
  const device: Device = { vendor: 'pfsense', origin: file, interfaces: deviceInterfaces(index, file), tunnels: [], diagnostics: ctx.diagnostics };
  const hostname = hostnameOf(root);
  if (hostname) device.hostname = hostname;
  const ipsec = child(root, 'ipsec');
  if (!ipsec || childrenNamed(ipsec, 'phase1').length === 0) {
    note(ctx, ipsec ? 'the <ipsec> section has no <phase1> entries: no IPsec tunnels' : 'no <ipsec> section: this pfSense has no IPsec tunnels', ipsec ?? root);
    return device;
  }
  note(ctx, timersNote(ctx.timers, childText(root, 'version')), child(root, 'version') ?? ipsec);
  // Advanced Settings › Make before Break writes charon.make_before_break = yes (ipsec.inc)
  const mbb = child(ipsec, 'makebeforebreak');
  if (mbb) ctx.makeBeforeBreak = mbb;
  device.tunnels = readLegacyTunnels(ctx, ipsec);
  return withSwanctlRekeyTiming(device);
}

/**
 * pfSense 2.5 replaced ipsec.conf by swanctl.conf and added `<rekey_time>`/`<reauth_time>`/
 * `<rand_time>`. A config carrying any of them, or a config version of 20 or more, is read with
 * 2.5 semantics; 2.4.x configs are version ≤ 19.1 (assumption: 2.5.0 is the first release above 20).
 */
export function pfsenseTimers(root: XNode): TimerSemantics {
  const ipsec = child(root, 'ipsec');
  const entries = [...childrenNamed(ipsec, 'phase1'), ...childrenNamed(ipsec, 'phase2')];
  if (entries.some((e) => ['rekey_time', 'reauth_time', 'rand_time'].some((n) => child(e, n)))) return 'swanctl';
  const major = Number((childText(root, 'version') ?? '').split('.')[0]);
  return Number.isFinite(major) && major > 0 && major < 20 ? 'ipsec.conf' : 'swanctl';
}

function timersNote(timers: TimerSemantics, version: string | undefined): string {
  const v = version ? `config version ${version}` : 'no config <version>';
  return timers === 'swanctl'
    ? `${TIMERS_NOTE} pfSense ≥ 2.5 (swanctl) semantics (${v}): an IKEv2 lifetime is <rekey_time> when set, else <lifetime> (pfSense then rekeys at 90 % of it); an IKEv1 lifetime is the one proposed to the peer`
    : `${TIMERS_NOTE} pfSense ≤ 2.4 (ipsec.conf) semantics (${v}): <lifetime> as written (3h / 1h when empty), the shortest phase 2 lifetime of a phase 1 applies to all its phase 2s`;
}

export function hostnameOf(root: XNode): string | undefined {
  const system = child(root, 'system');
  const host = childText(system, 'hostname');
  if (!host) return undefined;
  const domain = childText(system, 'domain');
  return domain ? `${host}.${domain}` : host;
}
