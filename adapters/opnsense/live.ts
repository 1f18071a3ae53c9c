/** OPNsense live collection: `cat /conf/config.xml`, redacted as pfSense's (../pfsense/live.ts). */
import type { Live } from '../../src/model/live.js';
import { CAT_DIALECT, CONFIG_XML_REDACT } from '../pfsense/live.js';

export const live: Live = {
  // read-only: the whole configuration lives in one file (contains secrets: pull redacts them)
  commands: ['cat /conf/config.xml'],
  dialect: CAT_DIALECT,
  snapshot: {
    extension: '.xml',
    redact: CONFIG_XML_REDACT,
    // OPNsense writes revision times with a fraction
    volatile: [/^\s*<time>[\d.]+<\/time>\s*$/, /^\s*<lastchange>.*<\/lastchange>\s*$/],
  },
};
