/** Reading charon (list-sas, logs), predicting with the rules, judging, and the oracle's cases (pure). */
import { expect } from 'chai';
import { pairOf, p2, set } from '../builders.js';
import { classify, isNarrowed, notifiesIn, parseListSas, reasonsIn } from '../../src/lab/outcome.js';
import { agrees, judge, predict } from '../../src/lab/predict.js';
import { caseById, generateCases } from '../../src/lab/mutate.js';
import { knownBugFor } from '../../src/lab/known.js';
import type { DirectionResult } from '../../src/lab/types.js';

// swanctl 5.9.8 `--list-sas --pretty` after a CHILD_SA rekey with PFS (trimmed to the fields read)
const LIST_SAS = `list-sa event {
  lab {
    uniqueid = 2
    version = 2
    state = ESTABLISHED
    initiator = yes
    encr-alg = AES_CBC
    encr-keysize = 256
    integ-alg = HMAC_SHA2_256_128
    prf-alg = PRF_HMAC_SHA2_256
    dh-group = MODP_2048
    child-sas {
      p2-1-3 {
        name = p2-1
        uniqueid = 3
        state = DELETED
        protocol = ESP
        encr-alg = AES_CBC
        encr-keysize = 256
        integ-alg = HMAC_SHA2_256_128
        local-ts = [
          10.1.0.0/24
        ]
        remote-ts = [
          10.2.0.0/25
        ]
      }
      p2-1-4 {
        name = p2-1
        uniqueid = 4
        state = INSTALLED
        protocol = ESP
        encr-alg = AES_CBC
        encr-keysize = 256
        integ-alg = HMAC_SHA2_256_128
        dh-group = MODP_2048
        local-ts = [
          10.1.0.0/24
        ]
        remote-ts = [
          10.2.0.0/25
        ]
      }
    }
  }
}
list-sas reply {
}
`;

const LOG = `1795339110 15[CFG] received proposals: ESP:AES_CBC_256/HMAC_SHA2_256_128/MODP_2048/NO_EXT_SEQ
1795339110 15[CFG] configured proposals: ESP:AES_CBC_256/HMAC_SHA2_256_128/NO_EXT_SEQ
1795339110 15[IKE] no acceptable proposal found
1795339110 15[ENC] generating CREATE_CHILD_SA response 2 [ N(NO_PROP) ]
1795339110 16[IKE] received FRAGMENTATION_SUPPORTED notify
1795339111 16[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built`;

function dir(over: Partial<DirectionResult>): DirectionResult {
  return {
    initiator: 'a',
    ikeEstablished: true,
    children: [{ child: 'p2-1', established: true }],
    rekeys: [],
    notifies: [],
    reasons: [],
    setupMs: 30,
    totalMs: 300,
    ...over,
  };
}

describe('lab outcome reader', () => {
  it('parses list-sas: IKE proposal, CHILD_SAs with state, proposal, PFS group and installed selectors', () => {
    const [ike] = parseListSas(LIST_SAS);
    expect(ike).to.include({
      name: 'lab',
      uniqueid: 2,
      state: 'ESTABLISHED',
      version: 2,
      initiator: true,
      proposal: 'AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048',
    });
    expect(ike.children.map((c) => [c.uniqueid, c.state, c.proposal, c.dhGroup])).to.deep.equal([
      [3, 'DELETED', 'ESP:AES_CBC-256/HMAC_SHA2_256_128', undefined],
      [4, 'INSTALLED', 'ESP:AES_CBC-256/HMAC_SHA2_256_128/MODP_2048', 'MODP_2048'],
    ]);
    expect(ike.children[1].remoteTs).to.deep.equal(['10.2.0.0/25']);
    expect(parseListSas('list-sas reply {\n}\n')).to.deep.equal([]);
  });

  it('reads error notifies (long and short forms) and the reasons, not informational notifies', () => {
    expect(notifiesIn(LOG)).to.deep.equal(['NO_PROPOSAL_CHOSEN']);
    expect(reasonsIn(LOG)).to.deep.equal([
      'received proposals: ESP:AES_CBC_256/HMAC_SHA2_256_128/MODP_2048/NO_EXT_SEQ',
      'configured proposals: ESP:AES_CBC_256/HMAC_SHA2_256_128/NO_EXT_SEQ',
      'no acceptable proposal found',
      'received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built',
    ]);
  });

  it('narrowed: installed selectors differ from the configured ones (order aside)', () => {
    expect(isNarrowed({ local: ['10.1.0.0/24'], remote: ['10.2.0.0/24'] }, { local: ['10.1.0.0/24'], remote: ['10.2.0.0/25'] })).to.equal(true);
    expect(isNarrowed({ local: ['a', 'b'], remote: ['c'] }, { local: ['b', 'a'], remote: ['c'] })).to.equal(false);
  });

  it('classifies runs: works, one-way, breaks-at-rekey, fails-at-setup', () => {
    const ok = dir({ rekeys: [{ by: 'a', child: 'p2-1', ok: true, notifies: [] }] });
    const refused = dir({ initiator: 'b', ikeEstablished: false, children: [{ child: 'p2-1', established: false }] });
    const badRekey = dir({ rekeys: [{ by: 'b', child: 'p2-1', ok: false, notifies: ['NO_PROPOSAL_CHOSEN'] }] });
    expect(classify([ok, { ...ok, initiator: 'b' }])).to.equal('works');
    expect(classify([ok, refused])).to.equal('one-way');
    expect(classify([badRekey])).to.equal('breaks-at-rekey');
    expect(classify([refused])).to.equal('fails-at-setup');
    expect(classify([])).to.equal('fails-at-setup');
  });
});

describe('lab prediction and judgement', () => {
  it('IKEv2 PFS mismatch: breaks at rekey; IKEv1: fails (setup or rekey); PSK: fails at setup', () => {
    expect(predict(pairOf({}, { phase2: p2({ pfsGroups: set([0]) }, true) })).verdict).to.equal('breaks-at-rekey');
    expect(predict(pairOf({ ikeVersion: set<1 | 2>(1) }, { ikeVersion: set<1 | 2>(1), phase2: p2({ pfsGroups: set([0]) }, true) })).verdict).to.equal('fails');
    const psk = predict(pairOf({}, { auth: { method: set('psk'), psk: set('hmac:ffffffffffffffff') } }));
    expect(psk.verdict).to.equal('fails-at-setup');
    expect(psk.decidedBy).to.deep.equal(['psk-mismatch']);
  });

  it('a selector subset is a warning: a one-way lab result agrees with it', () => {
    const p = predict(pairOf({ phase2: p2({ localSelectors: set(['10.1.0.0/25']) }) }));
    expect([p.verdict, p.oneWayAllowed]).to.deep.equal(['works', true]);
    expect(agrees(p, 'one-way')).to.equal(true);
    expect(agrees(predict(pairOf()), 'one-way')).to.equal(false);
  });

  it('an IKEv1 PFS first group refused one way is a warning: the lab may see it one-way or refused at a rekey the other end starts', () => {
    const v1 = { ikeVersion: set<1 | 2>(1) };
    const p = predict(pairOf({ ...v1, phase2: p2({ pfsGroups: set([14, 19]) }) }, { ...v1, phase2: p2({ pfsGroups: set([19]) }, true) }));
    expect([p.verdict, p.oneWayAllowed]).to.deep.equal(['works', true]);
    expect(agrees(p, 'breaks-at-rekey')).to.equal(true);
    expect(agrees(p, 'fails-at-setup')).to.equal(false);
    expect(agrees(predict(pairOf()), 'breaks-at-rekey')).to.equal(false);
  });

  it('a lenient limitation explains only a better lab result on the rule that decided the prediction', () => {
    const pair = pairOf(
      { ikeVersion: set<1 | 2>(1), phase1: { proposals: set([]), lifetimeSeconds: set(86400) } },
      // a passive strict responder: the longer end is the only initiator and is refused (an error), where charon accepts any lifetime
      { ikeVersion: set<1 | 2>(1), initiates: set(false), behaviour: { ikev1Phase1Lifetime: set<'reject-longer'>('reject-longer') } },
    );
    pair.a.tunnel.phase1 = { ...pair.b.tunnel.phase1, lifetimeSeconds: set(86400) };
    const p = predict(pair);
    expect(p.decidedBy).to.deep.equal(['p1-lifetime-mismatch']);
    const lim = [{ side: 'b' as const, rule: 'p1-lifetime-mismatch', bends: 'lenient' as const, what: 'x' }];
    expect(judge(p, 'works', lim, [])).to.equal('explained');
    expect(judge(predict(pairOf()), 'fails-at-setup', lim, [])).to.equal('disagree');
  });
});

describe('lab oracle cases', () => {
  const cases = generateCases();

  it('a few hundred deterministic cases with unique ids, the same on every run', () => {
    expect(cases.length).to.be.within(200, 400);
    expect(new Set(cases.map((c) => c.id)).size).to.equal(cases.length);
    expect(generateCases().map((c) => c.id)).to.deep.equal(cases.map((c) => c.id));
  });

  it('starts from a matching pair the rules predict to work, and every id reproduces its case', () => {
    expect(predict(caseById('v2/matching')!.pair).verdict).to.equal('works');
    expect(predict(caseById('v1/matching')!.pair).verdict).to.equal('works');
    for (const c of cases.slice(0, 40)) expect(caseById(c.id)?.mutations).to.deep.equal(c.mutations);
    expect(caseById('v2/no-such-mutation')).to.equal(undefined);
  });

  it('no rule bug is outstanding: the IKEv1 first-PFS-group case is now predicted by pfs-mismatch itself', () => {
    expect(knownBugFor(caseById('v1/pfs-list-overlap')!.pair)).to.equal(undefined);
    expect(caseById('v1/pfs-list-overlap')!.pair.phase2.length).to.be.greaterThan(0);
  });
});
