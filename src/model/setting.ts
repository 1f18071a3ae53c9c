/** Constructors for `Setting`s, so adapters read as "explicit(value, raw, at)" rather than object soup. */
import type { FieldUnit, Setting, SourceRef } from './types.js';

export function explicit<T>(value: T, raw: string, at: SourceRef | undefined, unit?: FieldUnit): Setting<T> {
  return withUnit({ value, raw, origin: 'explicit', at }, unit);
}

/** The vendor default: `raw` is what the device would print had it been explicit. */
export function byDefault<T>(value: T, raw: string, unit?: FieldUnit): Setting<T> {
  return withUnit({ value, raw, origin: 'default' }, unit);
}

/**
 * A vendor default that no vendor source confirms for this release: used like `byDefault`, and
 * reports say "vendor default (assumed)". The adapter README names what was assumed and why.
 */
export function assumedDefault<T>(value: T, raw: string, unit?: FieldUnit): Setting<T> {
  const s = byDefault(value, raw, unit);
  s.assumed = true;
  return s;
}

/** How reports name a value the device did not print: "vendor default" or "vendor default (assumed)". */
export function defaultLabel(s: Pick<Setting<unknown>, 'assumed'>): string {
  return s.assumed ? 'vendor default (assumed)' : 'vendor default';
}

/** An inferred value that rests on an unconfirmed default (see `Setting.assumed`). */
export function inferredFromAssumed<T>(value: T, raw: string, at: SourceRef | undefined, unit?: FieldUnit): Setting<T> {
  const s = inferred(value, raw, at, unit);
  s.assumed = true;
  return s;
}

/** "file:line", with " (assumed default)" when the value rests on an unconfirmed default. */
export function lineLabel(s: Pick<Setting<unknown>, 'assumed'> & { at: SourceRef }): string {
  return `${s.at.file}:${s.at.line}${s.assumed ? ' (assumed default)' : ''}`;
}

/** Derived from other settings; `at` points at the setting it was derived from. */
export function inferred<T>(value: T, raw: string, at: SourceRef | undefined, unit?: FieldUnit): Setting<T> {
  return withUnit({ value, raw, origin: 'inferred', at }, unit);
}

function withUnit<T>(s: Setting<T>, unit: FieldUnit | undefined): Setting<T> {
  if (unit !== undefined) s.unit = unit;
  if (s.at === undefined) delete s.at;
  return s;
}

/**
 * For an end that initiates with IKEv2 but answers IKEv1 too (strongSwan `version = 0` or
 * `keyexchange=ike`, pfSense/OPNsense `auto`): spread into the TunnelEnd when `either` holds.
 */
export function answersBothVersions(version: Setting<1 | 2>, either: boolean): { ikeVersionsAccepted?: Setting<Array<1 | 2>> } {
  if (!either) return {};
  const s: Setting<Array<1 | 2>> = { value: [1, 2], raw: version.raw, origin: version.origin === 'default' ? 'default' : 'inferred' };
  if (version.at) s.at = version.at;
  return { ikeVersionsAccepted: s };
}

/** "file:line" or "vendor default" — how reports say where a value came from. */
export function describeOrigin(s: Setting<unknown>): string {
  if (s.at) return lineLabel({ at: s.at, assumed: s.assumed });
  return s.origin === 'default' ? defaultLabel(s) : s.origin;
}
