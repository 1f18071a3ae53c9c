/**
 * Cisco IOS / IOS-XE: `show running-config` (or its crypto sections, or a saved terminal session)
 * → Device. Shared Cisco code: adapters/cisco-common.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { iosCertain, ciscoScores } from '../cisco-common/detect.js';
import { ciscoFix } from '../cisco-common/fix.js';
import { live } from './live.js';
import { iosState } from './state.js';
import { parseIos } from './parse.js';

export const adapter: Adapter = {
  id: 'ios',
  label: 'Cisco IOS / IOS-XE',
  // a header only IOS prints makes it certain (and spares the Cisco score); short of it, 0.95 at most
  announcedBy: iosCertain,
  detectBelowCertain: 0.95,
  detectCertain: iosCertain,
  detect: (text) => (iosCertain(text) ? 1 : ciscoScores(text).ios),
  parse: parseIos,
  live,
  fix: (req) => ciscoFix('ios', req),
  state: iosState,
};
