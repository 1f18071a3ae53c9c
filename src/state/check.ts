/**
 * The state comparison: build the pair (src/state/match.ts), run every state rule, then stamp
 * the rule id and ask each side's platform for the command that clears exactly the SA concerned
 * (the rules say what to clear; the readers know how). Pure: the same listings give the same findings.
 */
import { adapterById } from '../../adapters/index.js';
import { SEVERITY_RANK } from '../compare/types.js';
import { buildPair, configuredFor, type StateInput } from './match.js';
import { stateRules } from './rules/index.js';
import type { StateFinding, StateNote, StatePair, StateRule } from './types.js';

export interface StateResult {
  pair: StatePair;
  findings: StateFinding[];
  notes: StateNote[];
}

export interface StateOptions {
  skewSeconds?: number;
  rules?: readonly StateRule[];
}

export function checkState(a: StateInput, b: StateInput, options: StateOptions = {}): StateResult {
  const pair = buildPair(a, b, options.skewSeconds);
  const findings: StateFinding[] = [];
  const notes: StateNote[] = [];
  for (const rule of options.rules ?? stateRules) {
    const ctx = {
      note: (message: string, side?: 'a' | 'b') => {
        if (!notes.some((n) => n.rule === rule.id && n.message === message)) notes.push(side ? { rule: rule.id, side, message } : { rule: rule.id, message });
      },
      configured: configuredFor,
    };
    for (const hit of rule.check(pair, ctx)) {
      const f: StateFinding = { rule: rule.id, ...hit.finding };
      if (hit.clear) {
        const end = pair[f.on.side];
        try {
          const fix = adapterById(end.state.vendor)?.state?.clear(hit.clear, end.state);
          if (fix) f.on = { ...f.on, fix };
        } catch {
          // a fix is advice: a bug in one platform's fix writer must not take the comparison down
        }
      }
      findings.push(f);
    }
  }
  // an SA the other end has no tunnel for is reported once, as orphan-sa
  const orphans = new Set(findings.filter((f) => f.rule === 'orphan-sa').map((f) => `${f.on.side}|${f.on.sa?.id}`));
  const kept = findings.filter((f) => f.rule !== 'stale-sa' || !orphans.has(`${f.on.side}|${f.on.sa?.id}`));
  return { pair, findings: kept, notes };
}

export function worstStateSeverity(findings: readonly StateFinding[]): StateFinding['severity'] | undefined {
  let worst: StateFinding['severity'] | undefined;
  for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}
