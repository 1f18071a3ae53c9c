/**
 * Cisco ASA: `show running-config` (or its crypto, tunnel-group, access-list, object sections, or a
 * saved terminal session) → Device. Shared Cisco code: adapters/cisco-common.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { ciscoScores } from '../cisco-common/detect.js';
import { ciscoFix } from '../cisco-common/fix.js';
import { parseAsa } from './parse.js';

export const adapter: Adapter = {
  id: 'asa',
  label: 'Cisco ASA',
  detect: (text) => ciscoScores(text).asa,
  parse: parseAsa,
  /**
   * Read-only. `show running-config` masks pre-shared keys as `*****`; the collector's
   * `terminal pager 0` (session-only, not saved) is its business, not a command listed here.
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
  fix: (req) => ciscoFix('asa', req),
};
