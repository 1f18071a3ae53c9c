/**
 * The state rules: one explicit list, in the order their findings are reported. Adding one: a
 * file beside these, one line here, `npm run docs:rules` for its page, tests in test/state/.
 */
import type { StateRule } from '../types.js';
import { rule as staleSa } from './stale-sa.js';
import { rule as orphanSa } from './orphan-sa.js';
import { rule as duplicateSa } from './duplicate-sa.js';
import { rule as ikeSaMissing } from './ike-sa-missing.js';
import { rule as negotiated } from './negotiated-vs-configured.js';
import { rule as counters } from './sa-error-counters.js';

export const stateRules: readonly StateRule[] = [staleSa, orphanSa, duplicateSa, ikeSaMissing, negotiated, counters];

export function stateRuleById(id: string): StateRule | undefined {
  return stateRules.find((r) => r.id === id);
}
