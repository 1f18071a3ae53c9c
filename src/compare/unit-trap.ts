/**
 * The unit trap: two normalized values that differ by exactly the factor between two units
 * (×60 minutes/seconds, ×3600 hours/seconds; ×1000 or ×1024 for data sizes) are almost always a
 * number typed into a field of the wrong unit — `480` into a seconds field when 480 minutes
 * was meant. Which side erred is the one whose value is further from what people configure.
 */
import type { FieldUnit, Setting } from '../model/types.js';
import { formatTimeString } from '../model/units.js';

export type Quantity = 'p1-seconds' | 'p2-seconds' | 'p2-kilobytes';

const FACTORS: Record<Quantity, number[]> = {
  'p1-seconds': [3600, 60],
  'p2-seconds': [3600, 60],
  'p2-kilobytes': [1024, 1000],
};

/** The range people actually configure (vendor defaults and common guides span these). */
const TYPICAL: Record<Quantity, [number, number]> = {
  'p1-seconds': [3600, 86400],
  'p2-seconds': [1800, 28800],
  'p2-kilobytes': [50_000, 10_000_000],
};

export interface UnitTrap {
  factor: number;
  /** the side that most likely typed the value in the wrong unit */
  side: 'a' | 'b';
  /** the normalized value it most likely meant (the other side's value) */
  intended: number;
  /** that value written in the erring side's own unit */
  intendedText: string;
}

function distanceFromTypical(value: number, q: Quantity): number {
  const [lo, hi] = TYPICAL[q];
  if (value >= lo && value <= hi) return 0;
  return value < lo ? Math.log(lo / value) : Math.log(value / hi);
}

/** A value in the unit of the field it will be typed into. */
export function inFieldUnit(value: number, unit: FieldUnit | undefined, q: Quantity): string {
  if (q === 'p2-kilobytes') return unit === 'bytes' ? `${value * 1024} bytes` : `${value} KB`;
  switch (unit) {
    case 'minutes':
      return value % 60 === 0 ? `${value / 60}min` : `${value} s`;
    case 'hours':
      return value % 3600 === 0 ? `${value / 3600}h` : `${value} s`;
    case 'time-string':
      return formatTimeString(value);
    default:
      return `${value} s`;
  }
}

export function detectUnitTrap(a: Setting<number>, b: Setting<number>, q: Quantity): UnitTrap | undefined {
  const x = a.value;
  const y = b.value;
  if (x <= 0 || y <= 0 || x === y) return undefined;
  const [small, large] = x < y ? [x, y] : [y, x];
  const factor = FACTORS[q].find((f) => small * f === large);
  if (factor === undefined) return undefined;
  const da = distanceFromTypical(x, q);
  const db = distanceFromTypical(y, q);
  // ties: the smaller value is the suspect (480 s as a lifetime is rarer than 480 minutes)
  const wrong: 'a' | 'b' = da === db ? (x < y ? 'a' : 'b') : da > db ? 'a' : 'b';
  const intended = wrong === 'a' ? y : x;
  const unit = (wrong === 'a' ? a : b).unit;
  return { factor, side: wrong, intended, intendedText: inFieldUnit(intended, unit, q) };
}
