/**
 * Reading one property of one entry: the explicit value with its line, or the RouterOS default
 * as `export verbose` would print it. Then the typed readers (time strings, algorithm lists, DH
 * groups, yes/no) that turn the text into model values or a ParseError naming the line.
 */
import { ParseError } from '../../src/model/errors.js';
import { assumedDefault, byDefault, explicit } from '../../src/model/setting.js';
import type { FieldUnit, Setting, SourceRef } from '../../src/model/types.js';
import { parseTimeString } from '../../src/model/units.js';
import { canonicalEncryption, canonicalIntegrity, canonicalPrf, dhGroupNumber } from '../../src/model/vocab.js';
import { quoteRos } from './tokenize.js';
import type { Item } from './items.js';
import { isAssumedDefaults } from './defaults.js';

/** One property's text, where it came from, and how it was written. */
export interface Prop {
  key: string;
  value: string;
  /** `key=value` as written, or as `export verbose` prints the default */
  raw: string;
  origin: 'explicit' | 'default';
  /** a default no source confirms for this release (README "Defaults") */
  assumed?: boolean;
  at?: SourceRef;
}

/** `key=value`, quoting the value the way the export does when it needs quotes. */
export function printed(key: string, value: string): string {
  return `${key}=${quoteRos(value)}`;
}

/** A property of `item` (first of `keys` present: aliases), else the default from `defaults[keys[0]]`. */
export function prop(item: Item | undefined, keys: string | string[], defaults: Record<string, string>, file: string): Prop {
  const names = Array.isArray(keys) ? keys : [keys];
  for (const key of names) {
    const a = item?.args.get(key);
    if (a) return { key, value: a.value, raw: a.raw, origin: 'explicit', at: { file, line: a.line } };
  }
  const key = names[0];
  const value = defaults[key] ?? '';
  const p: Prop = { key, value, raw: printed(key, value), origin: 'default' };
  if (isAssumedDefaults(defaults)) p.assumed = true;
  return p;
}

export function isExplicit(item: Item | undefined, key: string): boolean {
  return item?.args.has(key) ?? false;
}

/** A Setting from a property and the value read from it. */
export function settingOf<T>(p: Prop, value: T, unit?: FieldUnit): Setting<T> {
  if (p.origin === 'explicit') return explicit(value, p.raw, p.at, unit);
  return p.assumed ? assumedDefault(value, p.raw, unit) : byDefault(value, p.raw, unit);
}

/** A Setting built from several properties (an IKE proposal is dh-group + enc-algorithm + hash-algorithm). */
export function settingOfAll<T>(props: Prop[], value: T): Setting<T> {
  const raw = props.map((p) => p.raw).join(' ');
  const written = props.filter((p) => p.origin === 'explicit');
  if (written.length === 0) return props.some((p) => p.assumed) ? assumedDefault(value, raw) : byDefault(value, raw);
  // the latest line that set any part of it: where the effective combination was decided
  const at = written.reduce((x, y) => ((y.at?.line ?? 0) > (x.at?.line ?? 0) ? y : x)).at;
  return explicit(value, raw, at);
}

function fail(p: Prop, file: string, expected: string): never {
  throw new ParseError(file, p.at?.line, `expected ${expected} for ${p.key}, found "${p.value}"`);
}

/** `1d`, `8h`, `30m`, `1h30m`, `00:30:00`, bare seconds → seconds. */
export function readTime(p: Prop, file: string): number {
  const s = parseTimeString(p.value);
  if (s === undefined) fail(p, file, 'a RouterOS time (1d, 8h, 30m, 1h30m, 00:30:00 or seconds)');
  return s;
}

export function readWhole(p: Prop, file: string, min: number, max: number): number {
  const n = /^\d+$/.test(p.value) ? Number(p.value) : NaN;
  if (!(n >= min && n <= max)) fail(p, file, `a whole number from ${min} to ${max}`);
  return n;
}

export function readYesNo(p: Prop, file: string): boolean {
  if (p.value === 'yes' || p.value === 'true') return true;
  if (p.value === 'no' || p.value === 'false') return false;
  fail(p, file, 'yes or no');
}

export function readChoice<T extends string>(p: Prop, file: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(p.value)) return p.value as T;
  fail(p, file, `one of ${choices.join(', ')}`);
}

/** Comma-separated list; an empty value (`auth-algorithms=""`) is an empty list. */
export function listOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function readNames(p: Prop, file: string, canon: (t: string) => string | undefined, what: string): string[] {
  const out: string[] = [];
  for (const token of listOf(p.value)) {
    const c = canon(token);
    if (c === undefined) throw new ParseError(file, p.at?.line, `expected ${what} in ${p.key}, found "${token}"`);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

export function readEncryption(p: Prop, file: string): string[] {
  return readNames(p, file, canonicalEncryption, 'an encryption algorithm (aes-128, aes-256, aes-256-cbc, aes-256-gcm, 3des, …)');
}

export function readIntegrity(p: Prop, file: string): string[] {
  return readNames(p, file, canonicalIntegrity, 'a hash algorithm (sha1, sha256, sha512, md5, null)');
}

export function readPrf(p: Prop, file: string): string[] {
  if (p.value === 'auto') return [];
  return readNames(p, file, canonicalPrf, 'a PRF algorithm (auto, sha1, sha256, sha384, sha512)');
}

/** `modp2048,ecp256` → [14, 19]; `none` → [0]. */
export function readDhGroups(p: Prop, file: string): number[] {
  const out: number[] = [];
  for (const token of listOf(p.value)) {
    const n = dhGroupNumber(token);
    if (n === undefined)
      throw new ParseError(file, p.at?.line, `expected a Diffie-Hellman group (modp1024, modp2048, ecp256, none, …) in ${p.key}, found "${token}"`);
    if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) fail(p, file, 'at least one Diffie-Hellman group');
  return out;
}
