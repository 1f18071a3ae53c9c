/** OPNsense live collection: `cat /conf/config.xml`, redacted as pfSense's (../pfsense/live.ts). */
import type { Live } from '../../src/model/live.js';
import { configXmlLive } from '../pfsense/live.js';

// OPNsense writes revision times with a fraction
export const live: Live = configXmlLive(/^\s*<time>[\d.]+<\/time>\s*$/);
