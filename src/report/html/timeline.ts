/**
 * The rekey timeline: for each end, when its phase 1 and phase 2 timers fire over the first 24 h
 * of a tunnel brought up at 0:00, from its own lifetimes. This is each end's schedule as if it
 * alone drove the SA — which is what makes a 1 h vs 8 h mismatch visible at a glance. It is not
 * what happens on the wire: every rekey, by either end, makes a new SA and restarts both ends'
 * timers (RFC 7296 §2.8: the end with the shorter lifetime always starts the rekey), so the longer
 * end's marks after the shorter end's first one are never reached. Both ends start a rekey at
 * once only when their timers for the same SA fall together (within the randomized window, or a
 * minute): lifetimes that differ but nearly agree. That is a rekey collision, marked; lifetimes
 * far apart never collide.
 *
 * The model here is pure data (`timelineOf`); `timelineSvg` draws it. Tests compute the expected
 * mark positions from the lifetimes with `xAt` and the exported geometry.
 */
import type { Phase2, RekeyTiming, Setting } from '../../model/types.js';
import type { TunnelPair } from '../../compare/types.js';
import { formatTimeString } from '../../model/units.js';
import { h, type Html } from './markup.js';
import { rekeyWindow, type RekeyWindow } from './margins.js';

/** The span drawn, in seconds. */
export const SPAN = 24 * 3600;

/** Timers closer than this count as firing together even without a randomized window. */
export const COLLISION_SLACK = 60;

/** Above this many marks in a row they are drawn as a band, not individually (a 2-minute lifetime is a smear). */
export const MAX_MARKS = 96;

export const GEOMETRY = {
  width: 960,
  /** x of 0:00 and of 24:00 */
  x0: 220,
  x1: 940,
  /** y of the first row's top */
  top: 36,
  rowHeight: 30,
  /** gap between a tunnel's phase groups */
  groupGap: 14,
} as const;

/** The x of time t (seconds since 0:00), rounded to 1/100 px so the SVG text is stable. */
export function xAt(t: number): number {
  return Math.round((GEOMETRY.x0 + (t / SPAN) * (GEOMETRY.x1 - GEOMETRY.x0)) * 100) / 100;
}

export interface Track {
  /** `p1-a`, `p1-b`, `p2-0-a`, … (the `data-track` attribute) */
  id: string;
  side: 'a' | 'b';
  phase: 1 | 2;
  label: string;
  /** seconds; undefined or 0 = no time limit */
  lifetime?: number;
  lifetimeRaw?: string;
  window?: RekeyWindow;
  /** multiples of the lifetime within the span */
  marks: number[];
  /** too many marks to draw one by one */
  dense: boolean;
}

export interface TrackGroup {
  label: string;
  a?: Track;
  b?: Track;
  /** times (the later of the two coinciding marks) where both ends' timers fire together */
  collisions: number[];
}

export interface Timeline {
  groups: TrackGroup[];
}

function marksOf(lifetime: number | undefined): number[] {
  if (!lifetime || lifetime <= 0) return [];
  const out: number[] = [];
  for (let k = 1; k * lifetime <= SPAN; k++) out.push(k * lifetime);
  return out;
}

function track(id: string, side: 'a' | 'b', phase: 1 | 2, label: string, lifetime: Setting<number>, timing: RekeyTiming | undefined): Track {
  const marks = marksOf(lifetime.value);
  const t: Track = { id, side, phase, label, lifetime: lifetime.value, lifetimeRaw: lifetime.raw, marks, dense: marks.length > MAX_MARKS };
  const w = rekeyWindow(lifetime, timing);
  if (w) t.window = w;
  return t;
}

/** The interval in which a timer at `t` may start its rekey. */
function span(t: number, w: RekeyWindow | undefined): [number, number] {
  return w ? [t + w.from, t + w.to] : [t, t];
}

/**
 * Where both ends' timers fire together. Each rekey restarts both timers, so only the first timers
 * of an SA matter: when they fall together (within the windows, or COLLISION_SLACK), every cycle of
 * the shorter one collides; otherwise the shorter end always rekeys alone and nothing collides.
 * Exactly equal lifetimes are not marked: the ends then run one schedule (the comparator reports
 * no difference) and whether they collide depends on each vendor's rekey jitter, which the model
 * does not hold for most vendors.
 */
export function collisions(a: Track | undefined, b: Track | undefined): number[] {
  if (!a || !b || !a.lifetime || !b.lifetime || a.lifetime === b.lifetime) return [];
  const [s, l] = a.lifetime < b.lifetime ? [a, b] : [b, a];
  const [s0, s1] = span(s.lifetime!, s.window);
  const [l0, l1] = span(l.lifetime!, l.window);
  if (!(s0 <= l1 + COLLISION_SLACK && l0 <= s1 + COLLISION_SLACK)) return [];
  return [...s.marks];
}

function p2Label(p: Phase2 | undefined, q: Phase2 | undefined): string {
  const n = p?.name ?? q?.name ?? '';
  return p && q && p.name !== q.name ? `${p.name} ↔ ${q.name}` : n;
}

export function timelineOf(pair: TunnelPair): Timeline {
  const { a, b } = pair;
  const groups: TrackGroup[] = [];
  const p1a = track('p1-a', 'a', 1, 'A · phase 1', a.tunnel.phase1.lifetimeSeconds, a.tunnel.phase1.rekey);
  const p1b = track('p1-b', 'b', 1, 'B · phase 1', b.tunnel.phase1.lifetimeSeconds, b.tunnel.phase1.rekey);
  groups.push({ label: 'Phase 1 (IKE SA)', a: p1a, b: p1b, collisions: collisions(p1a, p1b) });
  const p2: Array<[Phase2 | undefined, Phase2 | undefined]> = [
    ...pair.phase2.map((p) => [p.a, p.b] as [Phase2, Phase2]),
    ...pair.unpairedA.map((p) => [p, undefined] as [Phase2, undefined]),
    ...pair.unpairedB.map((p) => [undefined, p] as [undefined, Phase2]),
  ];
  p2.forEach(([pa, pb], i) => {
    const ta = pa ? track(`p2-${i}-a`, 'a', 2, 'A · phase 2', pa.lifetimeSeconds, pa.rekey) : undefined;
    const tb = pb ? track(`p2-${i}-b`, 'b', 2, 'B · phase 2', pb.lifetimeSeconds, pb.rekey) : undefined;
    groups.push({ label: `Phase 2: ${p2Label(pa, pb)}${pa && pb ? '' : ' (no counterpart)'}`, a: ta, b: tb, collisions: collisions(ta, tb) });
  });
  return { groups };
}

// --- drawing --------------------------------------------------------------------------------------

/** SVG text does not wrap: a label longer than the drawing is cut (the schedule table has it whole). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function hourLabel(t: number): string {
  return `${Math.floor(t / 3600)}h`;
}

function every(t: Track): string {
  if (!t.lifetime) return 'no time limit';
  return `every ${formatTimeString(t.lifetime)}`;
}

/** A mark: a tick across the row, with a shape per side (A ▼, B ◆) so colour is not the only cue. */
function markSvg(t: Track, at: number, y: number): Html {
  const x = xAt(at);
  const mid = y + GEOMETRY.rowHeight / 2;
  const shape = t.side === 'a' ? h`<path d="M${x - 5} ${mid - 9}h10l-5 8z" class="shape"/>` : h`<path d="M${x} ${mid - 10}l5 5-5 5-5-5z" class="shape"/>`;
  const w = t.window;
  const band = w
    ? h`<rect class="window" x="${xAt(Math.max(0, at + w.from))}" y="${y + 4}" width="${Math.max(0.5, xAt(at + w.to) - xAt(Math.max(0, at + w.from)))}" height="${GEOMETRY.rowHeight - 8}"/>${w.hard !== 0 && at + w.hard <= SPAN ? h`<line class="hard" x1="${xAt(at + w.hard)}" x2="${xAt(at + w.hard)}" y1="${y + 4}" y2="${y + GEOMETRY.rowHeight - 4}"/>` : ''}`
    : '';
  return h`<g class="mark" data-t="${at}" data-x="${x}">${band}<line class="tick" x1="${x}" x2="${x}" y1="${y + 3}" y2="${y + GEOMETRY.rowHeight - 3}"/>${shape}<title>${t.side.toUpperCase()} · ${t.phase === 1 ? 'IKE SA' : 'IPsec SA'} timer at ${formatClock(at)}${w ? `; rekey starts between ${formatClock(Math.max(0, at + w.from))} and ${formatClock(at + w.to)}, SA deleted at ${formatClock(at + w.hard)} if it fails` : ''}</title></g>`;
}

export function formatClock(t: number): string {
  const hh = Math.floor(t / 3600);
  const mm = Math.floor((t % 3600) / 60);
  const ss = t % 60;
  return `${hh}:${String(mm).padStart(2, '0')}${ss ? `:${String(ss).padStart(2, '0')}` : ''}`;
}

function trackSvg(t: Track | undefined, side: 'a' | 'b', y: number): Html {
  const label = h`<text class="row-label" x="8" y="${y + GEOMETRY.rowHeight / 2 + 4}">${side.toUpperCase()} · ${t ? every(t) : 'no such SA'}</text>`;
  const base = h`<line class="baseline" x1="${GEOMETRY.x0}" x2="${GEOMETRY.x1}" y1="${y + GEOMETRY.rowHeight / 2}" y2="${y + GEOMETRY.rowHeight / 2}"/>`;
  if (!t) return h`<g class="track side-${side} empty">${label}${base}</g>`;
  const body = t.dense
    ? h`<rect class="dense" x="${GEOMETRY.x0}" y="${y + 6}" width="${GEOMETRY.x1 - GEOMETRY.x0}" height="${GEOMETRY.rowHeight - 12}"/><text class="dense-label" x="${(GEOMETRY.x0 + GEOMETRY.x1) / 2}" y="${y + GEOMETRY.rowHeight / 2 + 4}" text-anchor="middle">${every(t)}: ${t.marks.length} rekeys in 24 h</text>`
    : t.marks.map((m) => markSvg(t, m, y));
  return h`<g class="track side-${side}" data-track="${t.id}" data-lifetime="${t.lifetime ?? 0}">${label}${base}${body}</g>`;
}

/** The SVG height for a timeline. */
export function timelineHeight(tl: Timeline): number {
  return GEOMETRY.top + tl.groups.length * (2 * GEOMETRY.rowHeight + GEOMETRY.groupGap + 16) + 8;
}

export function timelineSvg(tl: Timeline, title: string): Html {
  const height = timelineHeight(tl);
  const grid: Html[] = [];
  for (let hr = 0; hr <= 24; hr++) {
    const x = xAt(hr * 3600);
    grid.push(h`<line class="${hr % 6 === 0 ? 'grid major' : 'grid'}" data-hour="${hr}" x1="${x}" x2="${x}" y1="${GEOMETRY.top - 6}" y2="${height - 8}"/>`);
    if (hr % 2 === 0) grid.push(h`<text class="axis" x="${x}" y="${GEOMETRY.top - 12}" text-anchor="middle">${hourLabel(hr * 3600)}</text>`);
  }
  const rows: Html[] = [];
  let y = GEOMETRY.top;
  tl.groups.forEach((g, gi) => {
    rows.push(h`<text class="group-label" x="8" y="${y + 11}">${clip(g.label, 110)}</text>`);
    y += 16;
    const top = y;
    rows.push(trackSvg(g.a, 'a', y));
    y += GEOMETRY.rowHeight;
    rows.push(trackSvg(g.b, 'b', y));
    y += GEOMETRY.rowHeight;
    for (const c of g.collisions) {
      const x = xAt(c);
      rows.push(
        h`<g class="collision" data-group="${gi}" data-t="${c}"><line x1="${x}" x2="${x}" y1="${top}" y2="${y}"/><circle cx="${x}" cy="${top + GEOMETRY.rowHeight}" r="7"/><path d="M${x - 4} ${top + GEOMETRY.rowHeight - 4}l8 8m0-8l-8 8" class="cross"/><title>Both ends' timers fire together at ${formatClock(c)}: rekey collision</title></g>`,
      );
    }
    y += GEOMETRY.groupGap;
  });
  return h`<svg class="timeline" role="img" aria-labelledby="${title}-t ${title}-d" viewBox="0 0 ${GEOMETRY.width} ${height}" width="${GEOMETRY.width}" height="${height}" preserveAspectRatio="xMinYMin meet"><title id="${title}-t">Rekey timeline over 24 hours</title><desc id="${title}-d">${describe(tl)}</desc><g class="axis-grid">${grid}</g><line class="axis-line" x1="${GEOMETRY.x0}" x2="${GEOMETRY.x1}" y1="${GEOMETRY.top - 6}" y2="${GEOMETRY.top - 6}"/>${rows}</svg>`;
}

/** The same content as text: the SVG's description and the table under it say what the picture shows. */
export function describe(tl: Timeline): string {
  return tl.groups
    .map((g) => {
      const side = (t: Track | undefined, n: string) => (t ? `${n} ${every(t)}` : `${n} has no such SA`);
      const c = g.collisions.length ? `; timers coincide at ${g.collisions.map(formatClock).join(', ')}` : '';
      return `${g.label}: ${side(g.a, 'A')}, ${side(g.b, 'B')}${c}.`;
    })
    .join(' ');
}
