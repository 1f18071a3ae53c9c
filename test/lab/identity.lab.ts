/**
 * identity-mismatch against real IKE negotiations (root, namespaces, strongSwan): each identity
 * case of the oracle, in IKEv2 and IKEv1, negotiated both ways. A type or value the receiver does
 * not accept fails at setup (IKEv2: AUTHENTICATION_FAILED; charon: "no matching peer config"),
 * exactly where the rule says error; the near-twins come up.
 */
import { expect } from 'chai';
import { checkPair } from '../../src/compare/compare.js';
import type { FindingSide, TunnelPair } from '../../src/compare/types.js';
import { sweepLeftovers, type LabTools } from '../../src/lab/harness.js';
import { caseById } from '../../src/lab/mutate.js';
import { negotiatePair } from '../../src/lab/negotiate.js';
import { judge, predict } from '../../src/lab/predict.js';
import { labToolsOrSkip } from './helpers/skip.js';

const CASES: Array<[string, 'works' | 'fails-at-setup']> = [
  ['id-address-both', 'works'],
  ['id-fqdn-expected', 'works'],
  ['id-wildcard', 'works'],
  ['id-b-accepts-any', 'works'],
  ['id-type-mismatch', 'fails-at-setup'],
  ['id-value-mismatch', 'fails-at-setup'],
  ['id-user-fqdn-vs-fqdn', 'fails-at-setup'],
  ['id-nat-private-address', 'fails-at-setup'],
];

describe('lab: identity-mismatch (root, namespaces, strongSwan)', () => {
  let tools: LabTools;
  before(function () {
    tools = labToolsOrSkip(this);
    sweepLeftovers(tools);
  });

  for (const version of [2, 1] as const) {
    for (const [name, expected] of CASES) {
      it(`v${version}/${name}: the rule says ${expected === 'works' ? 'nothing' : 'error'}, the lab ${expected}`, async () => {
        const c = caseById(`v${version}/${name}`)!;
        const findings = checkPair(c.pair);
        const ids = findings.filter((f) => f.rule === 'identity-mismatch');
        expect(ids.map((f) => f.severity)).to.deep.equal(expected === 'works' ? [] : ['error']);
        const out = await negotiatePair(tools, c.pair);
        expect(out.verdict, JSON.stringify(out.directions.map((d) => [d.initiator, d.notifies, d.reasons]))).to.equal(expected);
        expect(judge(predict(c.pair, findings), out.verdict, out.limitations, findings)).to.equal('agree');
        if (expected === 'fails-at-setup') {
          // B refuses A's identity whichever end starts
          const all = out.directions.flatMap((d) => [...d.notifies, ...d.reasons]).join('\n');
          if (version === 2) expect(all).to.match(/AUTHENTICATION_FAILED/);
          expect(all, all).to.match(/no matching peer config|no peer config found|does not match|AUTHENTICATION_FAILED/i);
        }
      });
    }
  }

  // the rule's change, made on the side it names (the model the lab renders), brings the tunnel up
  for (const version of [2, 1] as const) {
    for (const [name] of CASES.filter(([, e]) => e === 'fails-at-setup')) {
      it(`v${version}/${name}: with the rule's identity change made, the lab comes up`, async () => {
        const c = caseById(`v${version}/${name}`)!;
        const fixed: TunnelPair = structuredClone(c.pair);
        const changes = checkPair(c.pair)
          .filter((f) => f.rule === 'identity-mismatch')
          .flatMap(
            (f) =>
              [
                ['a', f.a],
                ['b', f.b],
              ] as Array<['a' | 'b', FindingSide | undefined]>,
          )
          .filter(([, side]) => side?.change);
        expect(changes.length, 'one change per finding').to.equal(1);
        for (const [which, side] of changes) {
          const auth = fixed[which].tunnel.auth;
          const change = side!.change!;
          if (change.field === 'auth.peerIdentity') auth.peerIdentity = { raw: 'fix', origin: 'explicit', value: [change.target] };
          else if (change.field === 'auth.localIdentity') auth.localIdentity = { raw: 'fix', origin: 'explicit', value: change.target };
        }
        expect(checkPair(fixed).filter((f) => f.rule === 'identity-mismatch')).to.deep.equal([]);
        const out = await negotiatePair(tools, fixed);
        expect(out.verdict, JSON.stringify(out.directions.map((d) => [d.initiator, d.notifies, d.reasons]))).to.equal('works');
      });
    }
  }
});
