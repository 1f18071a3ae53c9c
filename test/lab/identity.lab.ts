/**
 * identity-mismatch against real IKE negotiations (root, namespaces, strongSwan): each identity
 * case of the oracle, in IKEv2 and IKEv1, negotiated both ways. A type or value the receiver does
 * not accept fails at setup (IKEv2: AUTHENTICATION_FAILED; charon: "no matching peer config"),
 * exactly where the rule says error; the near-twins come up.
 */
import { expect } from 'chai';
import { checkPair } from '../../src/compare/compare.js';
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
});
