/**
 * What the comparator works on (a paired tunnel: one end from each device) and what rules
 * produce (findings). Rules are plain objects with one pure function: see src/compare/rules/.
 */
import type { FixField, FixTargets } from '../model/adapter.js';
import type { Device, Phase2, Setting, TunnelEnd } from '../model/types.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** One end of a tunnel and the device it lives on. */
export interface EndRef {
  device: Device;
  tunnel: TunnelEnd;
}

/** Two phase 2 entries that carry the same traffic (selectors mirrored or overlapping). */
export interface Phase2Pair {
  a: Phase2;
  b: Phase2;
  /** how the selectors relate (a's local vs b's remote, a's remote vs b's local): mirrored exactly,
   *  overlapping in both directions, or paired only because each side has a single entry */
  selectors: 'mirrored' | 'overlapping' | 'unrelated';
}

export interface TunnelPair {
  a: EndRef;
  b: EndRef;
  /** how the ends were paired, for the report: "mirrored gateways", "--tunnel", "only tunnel on each side" */
  how: string;
  phase2: Phase2Pair[];
  /** phase 2 entries with no counterpart on the other end */
  unpairedA: Phase2[];
  unpairedB: Phase2[];
}

/** What a rule wants changed on one side: the setting and the normalized value it should take. */
export type SettingChange = { [F in FixField]: { field: F; target: FixTargets[F] } }[FixField];

/** One side of a finding: the end, the setting (value, raw, file:line, origin), what to change, and the fix in that side's syntax. */
export interface FindingSide {
  end: EndRef;
  phase2?: Phase2;
  setting?: Setting<unknown>;
  /** the normalized value as a person reads it (`3600 s (1h)`, `aes256-sha256 / modp2048`) */
  display?: string;
  /** set by the rule: what would make this side agree (no vendor syntax) */
  change?: SettingChange;
  /** set by the engine after the rules ran: `change` in this side's own syntax, from its adapter */
  fix?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** what it will do to the tunnel */
  effect: string;
  /** the field compared, stable across line moves (baselines key on rule + tunnel pair + setting) */
  setting?: string;
  a?: FindingSide;
  b?: FindingSide;
  /** lifetime-unit-trap: the value the side most likely meant */
  likelyIntended?: { side: 'a' | 'b'; value: number; text: string };
}

export interface RuleMeta {
  /** stable, kebab-case, never renamed: CI configs and baselines name it */
  id: string;
  title: string;
  /** the usual severity; a check may raise or lower it per pair */
  severity: Severity;
  /** what a user sees when this goes wrong: Windows error codes, vendor log lines */
  symptoms: string[];
  explain: string;
}

/** A rule over one paired tunnel. */
export interface PairRule extends RuleMeta {
  scope: 'pair';
  check(pair: TunnelPair): Finding[];
}

/** A rule over one end alone (weak crypto). */
export interface EndRule extends RuleMeta {
  scope: 'end';
  check(end: EndRef): Finding[];
}

/** A rule over the ends the pairing could not match. */
export interface UnmatchedRule extends RuleMeta {
  scope: 'unmatched';
  check(end: EndRef, context: { otherDevices: Device[] }): Finding[];
}

/** A finding about the inputs themselves (audit: an unreadable file, an expired ignore); raised by the audit, not by a check. */
export interface InputRule extends RuleMeta {
  scope: 'input';
}

export type Rule = PairRule | EndRule | UnmatchedRule | InputRule;
