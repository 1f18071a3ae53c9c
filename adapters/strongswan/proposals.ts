/**
 * The strongSwan files' proposal lists, read with the shared parser (src/model/proposal-strings.ts,
 * which also holds strongSwan's `default` sets) plus what only these files have:
 *
 * - a trailing `!` (ipsec.conf) makes the list strict; without it charon appends its defaults;
 * - one bad proposal does not sink the list: it is reported (for a diagnostic with the line) and
 *   left out, as charon would refuse it; only a list with nothing usable is an input error;
 * - `modpnone` (explicitly no PFS) and strongSwan 6 `keN_…` additional key exchanges (RFC 9370,
 *   not in the model) are taken out before parsing;
 * - IKEv1 keeps one algorithm of each kind per proposal (swanctl.conf(5): "more algorithms get
 *   implicitly stripped").
 */
import type { ChildProposal, IkeProposal } from '../../src/model/types.js';
import {
  childProposalString,
  parseChildProposal,
  parseIkeProposal,
  splitProposalList,
  strongswanDefaultAh,
  strongswanDefaultEsp,
  strongswanDefaultIke,
} from '../../src/model/proposal-strings.js';
import { dhGroupName } from '../../src/model/vocab.js';

export interface ParsedChild {
  proposal: ChildProposal;
  /** DH groups this proposal lists (its PFS groups); empty = no PFS */
  dhGroups: number[];
}

/** What a proposal list said, and messages for what could not be used. */
export interface ProposalList<T> {
  items: T[];
  /** ipsec.conf trailing `!`: no defaults appended */
  strict: boolean;
  problems: string[];
}

function splitStrict(text: string): { parts: string[]; strict: boolean } {
  const body = text.trim();
  const strict = body.endsWith('!');
  return { parts: splitProposalList(strict ? body.slice(0, -1) : body), strict };
}

/** Drop the keywords the model has no place for; say so when it matters. */
function withoutExtras(proposal: string, problems: string[]): string {
  const kept: string[] = [];
  for (const kw of proposal.split('-')) {
    const k = kw.trim().toLowerCase();
    if (k === 'modpnone') continue; // "no DH group", which is what leaving it out says
    if (/^ke[1-7]_/.test(k)) {
      problems.push(`additional key exchange "${kw.trim()}" (RFC 9370) in "${proposal}" is not compared`);
      continue;
    }
    kept.push(kw);
  }
  return kept.join('-');
}

export function defaultIkeProposals(): IkeProposal[] {
  return strongswanDefaultIke();
}

export function defaultChildProposals(protocol: 'esp' | 'ah'): ParsedChild[] {
  return (protocol === 'esp' ? strongswanDefaultEsp() : strongswanDefaultAh()).map((proposal) => ({ proposal, dhGroups: [] }));
}

export function readIkeProposals(text: string): ProposalList<IkeProposal> {
  const { parts, strict } = splitStrict(text);
  const problems: string[] = [];
  const items: IkeProposal[] = [];
  for (const part of parts) {
    if (part.toLowerCase() === 'default') {
      items.push(...defaultIkeProposals());
      continue;
    }
    const r = parseIkeProposal(withoutExtras(part, problems));
    if (r.ok) items.push(r.value);
    else problems.push(`IKE proposal "${part}" is not usable (${r.reason}): charon refuses it, left out`);
  }
  return { items, strict, problems };
}

export function readChildProposals(text: string, protocol: 'esp' | 'ah'): ProposalList<ParsedChild> {
  const { parts, strict } = splitStrict(text);
  const problems: string[] = [];
  const items: ParsedChild[] = [];
  for (const part of parts) {
    if (part.toLowerCase() === 'default') {
      items.push(...defaultChildProposals(protocol));
      continue;
    }
    const r = parseChildProposal(withoutExtras(part, problems), protocol);
    if (r.ok) items.push(r.value);
    else problems.push(`${protocol.toUpperCase()} proposal "${part}" is not usable (${r.reason}): charon refuses it, left out`);
  }
  return { items, strict, problems };
}

function keepFirst(list: Array<string | number>): boolean {
  if (list.length <= 1) return false;
  list.splice(1);
  return true;
}

/** IKEv1: one algorithm of each kind. Returns whether anything was dropped. */
export function stripToIkev1(p: IkeProposal): boolean {
  return [p.encryption, p.integrity, p.prf, p.dhGroups].map(keepFirst).some(Boolean);
}

export function stripChildToIkev1(p: ParsedChild): boolean {
  return [p.proposal.encryption, p.proposal.integrity, p.dhGroups].map(keepFirst).some(Boolean);
}

/** PFS groups a child accepts: every group its proposals list, 0 for a proposal without one. */
export function pfsGroupsOf(items: ParsedChild[]): number[] {
  const out = new Set<number>();
  for (const item of items) for (const g of item.dhGroups.length ? item.dhGroups : [0]) out.add(g);
  return out.size ? [...out] : [0];
}

// --- back to text, for fixes ------------------------------------------------------------------

export function formatIkeProposals(list: IkeProposal[]): string {
  return list.map((p) => [...p.encryption, ...p.integrity, ...p.prf, ...p.dhGroups.filter((g) => g > 0).map(dhGroupName)].join('-')).join(',');
}

/**
 * Child proposals with PFS groups: several groups go into one proposal (IKEv2 offers them as
 * alternatives); group 0 among them adds the proposal once more without a group.
 */
export function formatChildProposals(list: ChildProposal[], pfsGroups: number[]): string {
  const groups = pfsGroups.filter((g) => g > 0).map(dhGroupName);
  const withoutPfs = groups.length === 0 || pfsGroups.includes(0);
  const out: string[] = [];
  for (const p of list) {
    const base = childProposalString(p);
    if (groups.length) out.push([base, ...groups].join('-'));
    if (withoutPfs) out.push(base);
  }
  return [...new Set(out)].join(',');
}
