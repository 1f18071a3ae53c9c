/** Cisco ASA live collection: `show running-config` sections over SSH, after `enable` and `terminal pager 0`. */
import type { Live } from '../../src/model/live.js';
import { CISCO_REDACT, ciscoDialect } from '../cisco-common/live.js';

export const live: Live = {
  /**
   * Read-only. `show running-config` masks pre-shared keys as `*****`; `terminal pager 0`
   * (session-only, not saved) is the dialect's setup, not a command listed here.
   */
  commands: [
    'show running-config crypto',
    'show running-config tunnel-group',
    'show running-config access-list',
    'show running-config object',
    'show running-config object-group',
    'show running-config interface',
    'show running-config hostname',
  ],
  dialect: ciscoDialect(/^\s*<--- More --->\s*$/, 'terminal pager 0'),
  snapshot: {
    extension: '.txt',
    redact: CISCO_REDACT,
    volatile: [/^: Written by .* at /, /^: Saved$/, /^Cryptochecksum:/, /^: Serial Number:/, /^: Hardware:/, /up \d+ (days?|hours?|mins?|secs?)/],
  },
};
