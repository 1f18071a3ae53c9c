/** Cisco IOS / IOS-XE live collection: `show running-config | section …` over SSH, after `enable` and `terminal length 0`. */
import type { Live } from '../../src/model/live.js';
import { CISCO_REDACT, ciscoDialect } from '../cisco-common/live.js';

export const live: Live = {
  /**
   * Read-only. Keys print as written unless `service password-encryption` / type 6 encryption is
   * on. `terminal length 0` (session-only) is the dialect's setup, not a command listed here.
   */
  commands: [
    'show running-config | section crypto',
    'show running-config | section interface',
    'show running-config | section access-list',
    'show running-config | section object-group',
    'show running-config | include hostname',
  ],
  dialect: ciscoDialect(/^\s*--More--\s*$/, 'terminal length 0'),
  snapshot: {
    extension: '.txt',
    redact: CISCO_REDACT,
    volatile: [
      /^! Last configuration change at /,
      /^! NVRAM config last updated at /,
      /^! No configuration change since last restart/,
      /^Building configuration\.\.\.$/,
      /^Current configuration : \d+ bytes$/,
      /uptime is /,
    ],
  },
};
