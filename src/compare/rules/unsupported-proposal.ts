import type { AllowedSettings, ChildProposal, IkeProposal } from '../../model/types.js';
import { isAead } from '../../model/vocab.js';
import { showChildProposals, showIkeProposals, showPfs } from '../display.js';
import { endName, side } from '../finding.js';
import type { EndRef, Finding, FindingSide, PairRule, TunnelPair } from '../types.js';
import { S } from './symptoms.js';

const has = <T>(list: T[], allowed: T[]) => list.some((x) => allowed.includes(x));

/** Could the limited end be set to accept this IKE proposal of its peer? */
function ikeSupportable(p: IkeProposal, a: NonNullable<AllowedSettings['phase1']>): boolean {
  const enc = p.encryption.filter((e) => a.encryption.includes(e));
  if (!enc.length || !has(p.dhGroups, a.dhGroups)) return false;
  return enc.every(isAead) || has(p.integrity, a.integrity);
}

function childSupportable(p: ChildProposal, a: NonNullable<AllowedSettings['phase2']>): boolean {
  if (p.protocol !== 'esp') return false;
  const enc = p.encryption.filter((e) => a.encryption.includes(e));
  if (!enc.length) return false;
  return enc.every(isAead) || has(p.integrity, a.integrity);
}

function inOrder(pair: TunnelPair, limited: EndRef, own: FindingSide, peer: FindingSide): { a: FindingSide; b: FindingSide } {
  return limited === pair.a ? { a: own, b: peer } : { a: peer, b: own };
}

function check(pair: TunnelPair, limited: EndRef, peer: EndRef): Finding[] {
  const allowed = limited.tunnel.allowed;
  if (!allowed) return [];
  const out: Finding[] = [];
  const name = endName(limited);
  const push = (setting: string, what: string, shown: string, o: FindingSide, p: FindingSide) =>
    out.push({
      rule: 'unsupported-proposal',
      severity: 'error',
      setting,
      message: `${endName(peer)} offers only ${what} that ${name} cannot be set to: ${shown}`,
      effect: `The tunnel will not come up, and only ${endName(peer)} can fix it: the service offers no setting that matches (${allowed.source}). Change ${endName(peer)} to ${name}'s ${what}.`,
      ...inOrder(pair, limited, o, p),
    });
  const peerP1 = peer.tunnel.phase1.proposals;
  if (allowed.phase1 && peerP1.value.length && !peerP1.value.some((p) => ikeSupportable(p, allowed.phase1!))) {
    const o = side(limited, limited.tunnel.phase1.proposals, showIkeProposals(limited.tunnel.phase1.proposals.value));
    const p = side(peer, peerP1, showIkeProposals(peerP1.value));
    p.change = { field: 'phase1.proposals', target: limited.tunnel.phase1.proposals.value };
    push('phase1.proposals', 'IKE proposals', showIkeProposals(peerP1.value), o, p);
  }
  for (const pp of pair.phase2) {
    const own = limited === pair.a ? pp.a : pp.b;
    const theirs = limited === pair.a ? pp.b : pp.a;
    if (allowed.phase2 && theirs.proposals.value.length && !theirs.proposals.value.some((p) => childSupportable(p, allowed.phase2!))) {
      const o = side(limited, own.proposals, showChildProposals(own.proposals.value), own);
      const p = side(peer, theirs.proposals, showChildProposals(theirs.proposals.value), theirs);
      p.change = { field: 'phase2.proposals', target: own.proposals.value };
      push(`phase2[${pp.a.name}].proposals`, 'ESP proposals', showChildProposals(theirs.proposals.value), o, p);
    }
    const groups = theirs.pfsGroups.value.length ? theirs.pfsGroups.value : [0];
    if (allowed.phase2 && !has(groups, allowed.phase2.pfsGroups)) {
      const o = side(limited, own.pfsGroups, showPfs(own.pfsGroups.value), own);
      const p = side(peer, theirs.pfsGroups, showPfs(groups), theirs);
      p.change = { field: 'phase2.pfsGroups', target: own.pfsGroups.value };
      push(`phase2[${pp.a.name}].pfsGroups`, 'PFS settings', showPfs(groups), o, p);
    }
  }
  return out;
}

export const rule: PairRule = {
  id: 'unsupported-proposal',
  title: 'The other end offers only algorithms the managed end can never use',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.NO_PROPOSAL_CHOSEN, S.POLICY_MATCH, S.ATTRIB_FAIL, S.INVALID_GROUP, S.FGT_NO_PROPOSAL],
  explain:
    'A managed VPN service supports a fixed set of algorithms (AWS: AES-CBC/GCM 128/256, SHA1/SHA2, DH 2 and 14–24, always PFS; Azure and GCP publish their own tables). When every proposal of the other end uses something outside that set — 3DES or MD5 against AWS, no PFS against AWS, DH group 5 in phase 1 — no change on the service can make them meet: the other end must propose something the service supports. The proposal-mismatch findings say the lists do not intersect; this one says which side can fix it.',
  check(pair) {
    return [...check(pair, pair.a, pair.b), ...check(pair, pair.b, pair.a)];
  },
};
