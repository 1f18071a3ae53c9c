/**
 * The side-by-side settings of one paired tunnel: one row per setting, each end's value as
 * written (raw, file:line, explicit or vendor default) and normalized, and which findings speak
 * about the row. Rows that must mirror (A's own address vs the address B sends to, A's local
 * selectors vs B's remote selectors) are laid out mirrored, so "same" always means "agrees".
 */
import type { Origin, Phase2, Setting, SourceRef, TunnelEnd } from '../../model/types.js';
import type { Severity, TunnelPair } from '../../compare/types.js';
import { SEVERITY_RANK } from '../../compare/types.js';
import { isComparablePsk, PSK_UNKNOWN } from '../../model/secrets.js';
import { formatIdentity, formatMatches } from '../../model/identity.js';
import { showChildProposals, showIkeProposals, showKilobytes, showPfs, showSeconds } from '../../compare/display.js';
import type { ReportFinding } from '../report.js';

export interface Cell {
  /** the normalized value as a person reads it */
  normalized: string;
  /** as the device wrote it; undefined when there is nothing to quote (not set, or a secret) */
  raw?: string;
  at?: SourceRef;
  origin?: Origin;
  /** a vendor default no source confirms (Setting.assumed) */
  assumed?: true;
  /** the value is a secret (PSK): its text is never shown */
  secret?: boolean;
  /** the end has no such setting at all */
  absent?: boolean;
}

export type RowStatus =
  | { kind: 'finding'; severity: Severity; rules: string[] }
  | { kind: 'same' }
  | { kind: 'differs' } // differs, but no rule found an effect
  | { kind: 'unknown'; why: string }
  | { kind: 'not-compared'; why: string };

export interface SettingRow {
  /** stable id (also the `data-setting` attribute): `phase1.lifetimeSeconds`, `phase2[to-hq-lan].pfsGroups` */
  id: string;
  group: string;
  label: string;
  a: Cell;
  b: Cell;
  status: RowStatus;
}

const ABSENT: Cell = { normalized: 'not set', absent: true };

function cell<T>(s: Setting<T> | undefined, show: (v: T) => string): Cell {
  if (!s) return ABSENT;
  const c: Cell = { normalized: show(s.value), raw: s.raw, origin: s.origin };
  if (s.at) c.at = s.at;
  if (s.assumed) c.assumed = true;
  return c;
}

const plain = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

function pskCell(s: Setting<string> | undefined): Cell {
  if (!s || s.value === 'absent') return { ...ABSENT, normalized: 'no pre-shared key' };
  const normalized = isComparablePsk(s.value)
    ? 'set (compared by fingerprint, not shown)'
    : s.value === PSK_UNKNOWN
      ? 'stored encrypted or masked: cannot be compared'
      : 'not readable';
  const c: Cell = { normalized, origin: s.origin, secret: true };
  if (s.at) c.at = s.at;
  return c;
}

/** A row's draft before its status is known: `keys` are the finding `setting` ids that describe it. */
interface Draft {
  id: string;
  group: string;
  label: string;
  a: Cell;
  b: Cell;
  keys: string[];
  /** undefined: compare normalized text; otherwise this decides (or says why it cannot) */
  compare?: 'not-compared' | ((a: Cell, b: Cell) => RowStatus);
  why?: string;
}

function sortedSet(text: string): string {
  return text
    .split(',')
    .map((s) => s.trim())
    .sort()
    .join(', ');
}

function tunnelRows(a: TunnelEnd, b: TunnelEnd): Draft[] {
  const g = 'Tunnel';
  const rows: Draft[] = [
    {
      id: 'tunnel.name',
      group: g,
      label: 'Tunnel name',
      a: { normalized: a.name, at: a.at, origin: 'explicit' },
      b: { normalized: b.name, at: b.at, origin: 'explicit' },
      keys: ['tunnel'],
      compare: 'not-compared',
      why: 'names are local',
    },
    {
      id: 'tunnel.enabled',
      group: g,
      label: 'Enabled',
      a: { normalized: a.enabled ? 'yes' : 'no (disabled)' },
      b: { normalized: b.enabled ? 'yes' : 'no (disabled)' },
      keys: [],
    },
    // mirrored: what A says its own address is, and where B sends IKE
    {
      id: 'gateway.a',
      group: g,
      label: "A's IKE address (A: local gateway · B: peer address)",
      a: cell(a.localGateway, plain),
      b: cell(b.remoteGateway, plain),
      keys: ['remoteGateway(b)'],
    },
    {
      id: 'gateway.b',
      group: g,
      label: "B's IKE address (A: peer address · B: local gateway)",
      a: cell(a.remoteGateway, plain),
      b: cell(b.localGateway, plain),
      keys: ['remoteGateway(a)'],
    },
    {
      id: 'ikeVersion',
      group: g,
      label: 'IKE version',
      a: cell(a.ikeVersion, (v) => `IKEv${v}`),
      b: cell(b.ikeVersion, (v) => `IKEv${v}`),
      keys: ['ikeVersion'],
    },
    { id: 'auth.method', group: g, label: 'Authentication', a: cell(a.auth.method, plain), b: cell(b.auth.method, plain), keys: ['auth.method'] },
    {
      id: 'auth.psk',
      group: g,
      label: 'Pre-shared key',
      a: pskCell(a.auth.psk),
      b: pskCell(b.auth.psk),
      keys: ['auth.psk'],
      compare: () => {
        const fa = a.auth.psk?.value;
        const fb = b.auth.psk?.value;
        if (isComparablePsk(fa) && isComparablePsk(fb)) return fa === fb ? { kind: 'same' } : { kind: 'differs' };
        if (!fa && !fb) return { kind: 'same' };
        return { kind: 'unknown', why: 'a key stored encrypted cannot be compared' };
      },
    },
  ];
  if (a.auth.localIdentity || a.auth.peerIdentity || b.auth.localIdentity || b.auth.peerIdentity) {
    // typed (identity-mismatch compares these): what each end sends beside what the other accepts
    const sent = (x: TunnelEnd) => cell(x.auth.localIdentity, (v) => formatIdentity(v));
    const accepted = (x: TunnelEnd) => cell(x.auth.peerIdentity, (v) => formatMatches(v));
    rows.push(
      { id: 'id.a', group: g, label: "A's identity (A: sends · B: accepts)", a: sent(a), b: accepted(b), keys: ['auth.identity(a)'] },
      { id: 'id.b', group: g, label: "B's identity (A: accepts · B: sends)", a: accepted(a), b: sent(b), keys: ['auth.identity(b)'] },
    );
  } else if (a.auth.localId || a.auth.remoteId || b.auth.localId || b.auth.remoteId) {
    rows.push(
      { id: 'id.a', group: g, label: "A's identity (A: local id · B: remote id)", a: cell(a.auth.localId, plain), b: cell(b.auth.remoteId, plain), keys: [] },
      { id: 'id.b', group: g, label: "B's identity (A: remote id · B: local id)", a: cell(a.auth.remoteId, plain), b: cell(b.auth.localId, plain), keys: [] },
    );
  }
  if (a.initiates || b.initiates) {
    rows.push({
      id: 'initiates',
      group: g,
      label: 'Initiates',
      a: cell(a.initiates, (v) => (v ? 'yes' : 'responds only')),
      b: cell(b.initiates, (v) => (v ? 'yes' : 'responds only')),
      keys: [],
      compare: 'not-compared',
      why: 'each end may differ',
    });
  }
  return rows;
}

function phase1Rows(a: TunnelEnd, b: TunnelEnd): Draft[] {
  const g = 'Phase 1 (IKE SA)';
  const rows: Draft[] = [
    {
      id: 'phase1.proposals',
      group: g,
      label: 'Proposals',
      a: cell(a.phase1.proposals, showIkeProposals),
      b: cell(b.phase1.proposals, showIkeProposals),
      keys: ['phase1.proposals'],
    },
    {
      id: 'phase1.lifetimeSeconds',
      group: g,
      label: 'Lifetime',
      a: cell(a.phase1.lifetimeSeconds, showSeconds),
      b: cell(b.phase1.lifetimeSeconds, showSeconds),
      keys: ['phase1.lifetimeSeconds'],
    },
  ];
  if (a.phase1.exchangeMode || b.phase1.exchangeMode) {
    rows.push({
      id: 'phase1.exchangeMode',
      group: g,
      label: 'IKEv1 exchange mode',
      a: cell(a.phase1.exchangeMode, plain),
      b: cell(b.phase1.exchangeMode, plain),
      keys: [],
    });
  }
  if (a.behaviour?.ikev1Phase1Lifetime || b.behaviour?.ikev1Phase1Lifetime) {
    rows.push({
      id: 'behaviour.ikev1Phase1Lifetime',
      group: g,
      label: 'As IKEv1 responder, a proposed lifetime is',
      a: cell(a.behaviour?.ikev1Phase1Lifetime, plain),
      b: cell(b.behaviour?.ikev1Phase1Lifetime, plain),
      keys: [],
      compare: 'not-compared',
      why: 'behaviour, not a value to match',
    });
  }
  rows.push(
    { id: 'natt.mode', group: g, label: 'NAT traversal', a: cell(a.natt.mode, plain), b: cell(b.natt.mode, plain), keys: ['natt.mode'] },
    {
      id: 'natt.keepaliveSeconds',
      group: g,
      label: 'NAT keepalive',
      a: cell(a.natt.keepaliveSeconds, (v) => (v === 0 ? 'none sent' : `every ${v} s`)),
      b: cell(b.natt.keepaliveSeconds, (v) => (v === 0 ? 'none sent' : `every ${v} s`)),
      keys: ['natt.keepaliveSeconds'],
    },
    { id: 'dpd.mode', group: g, label: 'Dead peer detection', a: cell(a.dpd.mode, plain), b: cell(b.dpd.mode, plain), keys: ['dpd'] },
    {
      id: 'dpd.delaySeconds',
      group: g,
      label: 'DPD interval',
      a: cell(a.dpd.delaySeconds, (v) => `${v} s`),
      b: cell(b.dpd.delaySeconds, (v) => `${v} s`),
      keys: ['dpd'],
    },
  );
  if (a.dpd.retries || b.dpd.retries)
    rows.push({ id: 'dpd.retries', group: g, label: 'DPD retries', a: cell(a.dpd.retries, plain), b: cell(b.dpd.retries, plain), keys: [] });
  return rows;
}

/** Phase 2 rows for a pair of entries; either may be missing (an entry with no counterpart). */
function phase2Rows(pa: Phase2 | undefined, pb: Phase2 | undefined): Draft[] {
  const name = pa?.name ?? pb!.name;
  const g = pa && pb ? `Phase 2 (IPsec SA): ${pa.name === pb.name ? pa.name : `${pa.name} ↔ ${pb.name}`}` : `Phase 2 (IPsec SA): ${name} (no counterpart)`;
  const k = (field: string) => `phase2[${name}].${field}`;
  const sel = (s: Setting<string[]> | undefined) => cell(s, (v) => v.join(', ') || '(none)');
  const selectorCompare = (x: Cell, y: Cell): RowStatus => (sortedSet(x.normalized) === sortedSet(y.normalized) ? { kind: 'same' } : { kind: 'differs' });
  const rows: Draft[] = [
    {
      id: k('selectors.a'),
      group: g,
      label: "Traffic on A's side (A: local · B: remote selectors)",
      a: sel(pa?.localSelectors),
      b: sel(pb?.remoteSelectors),
      keys: [k('selectors')],
      compare: selectorCompare,
    },
    {
      id: k('selectors.b'),
      group: g,
      label: "Traffic on B's side (A: remote · B: local selectors)",
      a: sel(pa?.remoteSelectors),
      b: sel(pb?.localSelectors),
      keys: [k('selectors')],
      compare: selectorCompare,
    },
  ];
  if (pa?.ipProtocol || pb?.ipProtocol) {
    // no protocol field means any protocol (0), the same thing a device that prints `protocol 0` says
    const proto = (p: Phase2 | undefined) =>
      p && !p.ipProtocol ? { normalized: 'any', origin: 'default' as const } : cell(p?.ipProtocol, (v) => (v === 0 ? 'any' : `IP protocol ${v}`));
    rows.push({ id: k('ipProtocol'), group: g, label: 'IP protocol', a: proto(pa), b: proto(pb), keys: [] });
  }
  rows.push(
    { id: k('mode'), group: g, label: 'Mode', a: cell(pa?.mode, plain), b: cell(pb?.mode, plain), keys: [] },
    {
      id: k('proposals'),
      group: g,
      label: 'Proposals',
      a: cell(pa?.proposals, showChildProposals),
      b: cell(pb?.proposals, showChildProposals),
      keys: [k('proposals')],
    },
    { id: k('pfsGroups'), group: g, label: 'PFS', a: cell(pa?.pfsGroups, showPfs), b: cell(pb?.pfsGroups, showPfs), keys: [k('pfsGroups')] },
    {
      id: k('lifetimeSeconds'),
      group: g,
      label: 'Lifetime',
      a: cell(pa?.lifetimeSeconds, showSeconds),
      b: cell(pb?.lifetimeSeconds, showSeconds),
      keys: [k('lifetimeSeconds')],
    },
    {
      id: k('lifetimeKilobytes'),
      group: g,
      label: 'Volume lifetime',
      a: cell(pa?.lifetimeKilobytes, showKilobytes),
      b: cell(pb?.lifetimeKilobytes, showKilobytes),
      keys: [k('lifetimeKilobytes')],
    },
  );
  return rows;
}

function statusOf(d: Draft, findings: ReportFinding[]): RowStatus {
  const hits = findings.filter((f) => f.setting !== undefined && d.keys.includes(f.setting));
  if (hits.length) {
    let severity: Severity = 'info';
    for (const f of hits) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[severity]) severity = f.severity;
    return { kind: 'finding', severity, rules: [...new Set(hits.map((f) => f.rule))] };
  }
  if (d.compare === 'not-compared') return { kind: 'not-compared', why: d.why ?? '' };
  if (d.compare) return d.compare(d.a, d.b);
  if (d.a.absent && d.b.absent) return { kind: 'same' };
  return d.a.normalized === d.b.normalized ? { kind: 'same' } : { kind: 'differs' };
}

/** Every row of a paired tunnel, with the status the findings give it. */
export function settingRows(pair: TunnelPair, findings: ReportFinding[]): SettingRow[] {
  const a = pair.a.tunnel;
  const b = pair.b.tunnel;
  const drafts = [
    ...tunnelRows(a, b),
    ...phase1Rows(a, b),
    ...pair.phase2.flatMap((p) => phase2Rows(p.a, p.b)),
    ...pair.unpairedA.flatMap((p) => phase2Rows(p, undefined)),
    ...pair.unpairedB.flatMap((p) => phase2Rows(undefined, p)),
  ];
  return drafts.map((d) => ({ id: d.id, group: d.group, label: d.label, a: d.a, b: d.b, status: statusOf(d, findings) }));
}
