/** What the config.xml readers share while walking one file: where they are, and what they noticed. */
import { ParseError } from '../../src/model/errors.js';
import * as diagnostics from '../../src/model/diagnostics.js';
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { Diagnostic, FieldUnit, Setting, SourceRef } from '../../src/model/types.js';
import { parseWholeNumber } from '../../src/model/units.js';
import type { InterfaceIndex } from './interfaces.js';
import type { LifetimeChoice, TimerField } from './timers.js';
import { child, rawElement, type XNode } from './xml-tree.js';

/**
 * Which generator turned the `<ipsec>` section into strongSwan configuration, and so what an
 * empty or written timer element means (timers.ts):
 * - swanctl: pfSense ≥ 2.5 writes swanctl.conf (timers derived in ipsec.inc `ipsec_get_*_time`);
 * - ipsec.conf: pfSense ≤ 2.4 and OPNsense ≤ 22.7 (ikelifetime/lifetime, the shortest phase 2
 *   lifetime shared by the phase 1);
 * - opnsense-swanctl: OPNsense ≥ 23.1 writes swanctl.conf for legacy tunnels too
 *   (plugins.inc.d/ipsec.inc): the phase 1 `<lifetime>` only counts with a `<margintime>`.
 */
export type TimerSemantics = 'swanctl' | 'ipsec.conf' | 'opnsense-swanctl';

export interface ReadContext {
  file: string;
  vendor: 'pfsense' | 'opnsense';
  timers: TimerSemantics;
  index: InterfaceIndex;
  diagnostics: Diagnostic[];
  /** the GUI's global make-before-break option when on (recovery.ts `ikeRenewal`) */
  makeBeforeBreak?: XNode;
}

export function ref(ctx: ReadContext, node: XNode): SourceRef {
  return { file: ctx.file, line: node.line };
}

export function warn(ctx: ReadContext, message: string, node?: XNode): void {
  diagnostics.warn(ctx, message, node && ref(ctx, node));
}

export function note(ctx: ReadContext, message: string, node?: XNode): void {
  diagnostics.note(ctx, message, node && ref(ctx, node));
}

/** A value read from one element: raw is the element, at its line. */
export function fromElement<T>(ctx: ReadContext, node: XNode, value: T, unit?: FieldUnit): Setting<T> {
  return explicit(value, rawElement(node), ref(ctx, node), unit);
}

/**
 * A whole number in a child element; undefined when the element is absent or empty. Anything else
 * is an input error: a lifetime that cannot be read is a value that matters.
 */
export function wholeNumber(ctx: ReadContext, parent: XNode, name: string): { value: number; node: XNode } | undefined {
  const node = child(parent, name);
  if (!node || node.text === '') return undefined;
  const value = parseWholeNumber(node.text);
  if (value === undefined) throw new ParseError(ctx.file, node.line, `expected <${name}> to be a whole number, found '${node.text}'`);
  return { value, node };
}

/** `<disabled/>`, `<mobile/>`: PHP reads these with isset(), so presence is what counts. */
export function flag(parent: XNode, name: string): XNode | undefined {
  return child(parent, name);
}

/** An element with its children, on one line: raw for compound settings (proposals, ids). */
export function compactElement(node: XNode): string {
  if (node.children.length === 0) return rawElement(node);
  let out = `<${node.name}>`;
  for (const c of node.children) out += compactElement(c);
  return `${out}</${node.name}>`;
}

export type WrittenTimers = Partial<Record<TimerField, { value: number; node: XNode }>>;

/**
 * A lifetime Setting from the chosen timer: explicit at the element it was read from, inferred
 * (at the first timer written) when derived, default when no timer is written. Raw lists every
 * timer element written, the chosen one first, so a finding shows lifetime and rekey side by side.
 */
export function lifetimeSetting(ctx: ReadContext, written: WrittenTimers, choice: LifetimeChoice, defaultRaw: string): Setting<number> {
  const order: TimerField[] = ['lifetime', 'rekey', 'reauth', 'rand'];
  const principal = choice.from !== undefined ? written[choice.from] : undefined;
  const others = order.map((k) => written[k]).filter((w): w is { value: number; node: XNode } => w !== undefined && w !== principal);
  const all = principal ? [principal, ...others] : others;
  if (all.length === 0) return byDefault(choice.value, defaultRaw, 'seconds');
  const raw = all.map((w) => rawElement(w.node)).join(' ');
  return principal && principal.value === choice.value
    ? explicit(choice.value, raw, ref(ctx, principal.node), 'seconds')
    : inferred(choice.value, raw, ref(ctx, all[0].node), 'seconds');
}
