/**
 * OPNsense adapter: config.xml backups (System › Configuration › Backups, or /conf/config.xml),
 * legacy `<ipsec>` tunnels and `<OPNsense><Swanctl>` connections. README.md says what it reads.
 * The XML tree and the legacy `<ipsec>` reader are shared with adapters/pfsense (same lineage).
 */
import type { Adapter } from '../../src/model/adapter.js';
import { opnsenseState } from './state.js';
import { detectConfigXml } from '../pfsense/index.js';
import { fixOpnsense } from './fix.js';
import { live } from './live.js';
import { parseOpnsense } from './parse.js';

export const adapter: Adapter = {
  id: 'opnsense',
  label: 'OPNsense (config.xml backup: legacy tunnels and Connections)',
  detect: (text) => detectConfigXml(text, 'opnsense'),
  announcedBy: (start) => /<opnsense[\s>]/.test(start),
  parse: parseOpnsense,
  live,
  fix: fixOpnsense,
  state: opnsenseState,
};
