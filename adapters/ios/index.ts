/**
 * Cisco IOS / IOS-XE: `show running-config` (or its crypto sections, or a saved terminal session)
 * → Device. Shared Cisco code: adapters/cisco-common.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { ciscoScores } from '../cisco-common/detect.js';
import { ciscoFix } from '../cisco-common/fix.js';
import { parseIos } from './parse.js';

export const adapter: Adapter = {
  id: 'ios',
  label: 'Cisco IOS / IOS-XE',
  detect: (text) => ciscoScores(text).ios,
  parse: parseIos,
  /**
   * Read-only. Keys print as written unless `service password-encryption` / type 6 encryption is
   * on. `terminal length 0` (session-only) is the collector's business, not a command listed here.
   */
  commands: [
    'show running-config | section crypto',
    'show running-config | section interface',
    'show running-config | section access-list',
    'show running-config | section object-group',
    'show running-config | include hostname',
  ],
  fix: (req) => ciscoFix('ios', req),
};
