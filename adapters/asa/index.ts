/**
 * Cisco ASA: `show running-config` (or its crypto, tunnel-group, access-list, object sections, or a
 * saved terminal session) → Device. Shared Cisco code: adapters/cisco-common.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { ciscoScores } from '../cisco-common/detect.js';
import { ciscoFix } from '../cisco-common/fix.js';
import { live } from './live.js';
import { asaState } from './state.js';
import { parseAsa } from './parse.js';

export const adapter: Adapter = {
  id: 'asa',
  label: 'Cisco ASA',
  detectCeiling: 0.95,
  detect: (text) => ciscoScores(text).asa,
  parse: parseAsa,
  live,
  fix: (req) => ciscoFix('asa', req),
  state: asaState,
};
