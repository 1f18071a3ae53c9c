/**
 * Cisco ASA: `show running-config` (or its crypto, tunnel-group, access-list, object sections, or a
 * saved terminal session) → Device. Shared Cisco code: adapters/cisco-common.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { asaCertain, ciscoScores } from '../cisco-common/detect.js';
import { ciscoFix } from '../cisco-common/fix.js';
import { live } from './live.js';
import { asaState } from './state.js';
import { parseAsa } from './parse.js';

export const adapter: Adapter = {
  id: 'asa',
  label: 'Cisco ASA',
  // a header only ASA prints makes it certain (and spares the Cisco score); short of it, 0.95 at most
  announcedBy: asaCertain,
  detectBelowCertain: 0.95,
  detectCertain: asaCertain,
  detect: (text) => (asaCertain(text) ? 1 : ciscoScores(text).asa),
  parse: parseAsa,
  live,
  fix: (req) => ciscoFix('asa', req),
  state: asaState,
};
