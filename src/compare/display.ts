/** Normalized values as a network engineer reads them, for messages and the "normalized" column. */
import type { ChildProposal, IkeProposal } from '../model/types.js';
import { describeSeconds } from '../model/units.js';
import { dhGroupName } from '../model/vocab.js';

export function showIkeProposal(p: IkeProposal): string {
  const parts = [p.encryption.join('/'), ...(p.integrity.length ? [p.integrity.join('/')] : []), ...(p.prf.length ? [p.prf.join('/')] : [])];
  const dh = p.dhGroups.map(dhGroupName).join('/');
  return parts.join('-') + (dh ? `-${dh}` : '');
}

export function showIkeProposals(ps: IkeProposal[]): string {
  return ps.length ? ps.map(showIkeProposal).join(', ') : '(none)';
}

export function showChildProposals(ps: ChildProposal[]): string {
  return ps.length ? ps.map((p) => `${p.protocol} ${[p.encryption.join('/'), p.integrity.join('/')].filter(Boolean).join('-')}`).join(', ') : '(none)';
}

export function showPfs(groups: number[]): string {
  if (groups.length === 0 || (groups.length === 1 && groups[0] === 0)) return 'no PFS';
  return groups.map((g) => (g === 0 ? 'no PFS' : `${dhGroupName(g)} (${g})`)).join(' or ');
}

export function showSeconds(s: number): string {
  return describeSeconds(s);
}

export function showKilobytes(kb: number): string {
  return kb === 0 ? 'no volume limit' : `${kb} KB`;
}

export function showSelectors(local: string[], remote: string[]): string {
  return `${local.join(', ') || '(none)'} ↔ ${remote.join(', ') || '(none)'}`;
}
