/**
 * The oracle: a few hundred mutated pairs, predicted by the rules and negotiated in the lab.
 * Fails on a disagreement that is neither explained (strongSwan cannot imitate the vendor there)
 * nor a rule bug already reported (src/lab/known.ts). Prints `lab: N pairs, M agree`.
 */
import { expect } from 'chai';
import { cpus } from 'node:os';
import { sweepLeftovers, labNamespaces } from '../../src/lab/harness.js';
import { generateCases } from '../../src/lab/mutate.js';
import { formatReport, runOracle, summarize } from '../../src/lab/agreement.js';
import { labToolsOrSkip } from './helpers/skip.js';

describe('lab oracle: the rules against real IKE negotiations', () => {
  it('every pair agrees, is explained, or is a reported rule bug', async function () {
    const tools = labToolsOrSkip(this);
    sweepLeftovers(tools);
    const cases = generateCases();
    const concurrency = Number(process.env.LAB_CONCURRENCY ?? Math.max(2, cpus().length * 2));
    const t0 = Date.now();
    const results = await runOracle(tools, cases, concurrency);
    console.log(formatReport(results, Date.now() - t0));
    const s = summarize(results);
    expect(labNamespaces(tools).filter((n) => n.startsWith(`ipsdrift-${process.pid}-`))).to.deep.equal([]);
    expect(s.setupMs.median).to.be.below(2000);
    expect(results.filter((r) => r.agreement === 'disagree' && !r.knownBug).map((r) => r.id)).to.deep.equal([]);
  });
});
