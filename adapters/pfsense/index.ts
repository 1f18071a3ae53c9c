/**
 * pfSense adapter: the `<ipsec>` section of a config.xml backup (Diagnostics › Backup & Restore,
 * or /conf/config.xml). What it reads, units, defaults and what it cannot see: README.md.
 * The XML tree, the `<ipsec>` reader and the fixes are shared with adapters/opnsense.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { pfsenseState } from './state.js';
import { legacyFix, PFSENSE_GUI } from './fix.js';
import { live } from './live.js';
import { parsePfsense } from './parse.js';

const DETECT_WINDOW = 4096;

/** The root element decides: `<pfsense>` (after an optional XML declaration and comments). */
export function detectConfigXml(text: string, root: 'pfsense' | 'opnsense'): number {
  const head = text.slice(0, DETECT_WINDOW).replace(/^\uFEFF/, '');
  const first = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/.exec(head);
  if (first) return first[1] === root ? 1 : 0;
  // a cut-off head: the root tag may still be near the top
  return new RegExp(`<${root}[\\s>]`).test(head) ? 0.6 : 0;
}

export const adapter: Adapter = {
  id: 'pfsense',
  label: 'pfSense (config.xml backup, 2.4 and ≥ 2.5)',
  detect: (text) => detectConfigXml(text, 'pfsense'),
  announcedBy: (start) => /<pfsense[\s>]/.test(start),
  parse: parsePfsense,
  live,
  fix: (req) => legacyFix(req, PFSENSE_GUI),
  state: pfsenseState,
};
