/**
 * Cisco IOS / IOS-XE: `show running-config` (or its crypto sections, or a saved terminal session)
 * → Device. Shared Cisco code: adapters/cisco-common.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { ciscoScores } from '../cisco-common/detect.js';
import { ciscoFix } from '../cisco-common/fix.js';
import { live } from './live.js';
import { iosState } from './state.js';
import { parseIos } from './parse.js';

export const adapter: Adapter = {
  id: 'ios',
  label: 'Cisco IOS / IOS-XE',
  detectCeiling: 0.95,
  detect: (text) => ciscoScores(text).ios,
  parse: parseIos,
  live,
  fix: (req) => ciscoFix('ios', req),
  state: iosState,
};
