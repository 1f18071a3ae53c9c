/**
 * Issue 15, proven with real strongSwan in network namespaces: both ends' `swanctl --list-sas` read
 * by `ipsec-drift state` — clean when the tunnel is up, clean during a forced CHILD_SA rekey overlap,
 * and stale-sa on the right end with the right SPIs after one charon is killed without a DELETE.
 */
import { expect } from 'chai';
import { sweepLeftovers, type LabTools } from '../../src/lab/harness.js';
import { caseById } from '../../src/lab/mutate.js';
import { runStateScenarios, type StateRun } from '../../src/lab/state.js';
import { labToolsOrSkip } from './helpers/skip.js';

describe('lab: runtime state of two strongSwan ends (root, namespaces, strongSwan)', function () {
  this.timeout(120000);
  let tools: LabTools;
  let run: StateRun;
  before(async function () {
    tools = labToolsOrSkip(this);
    sweepLeftovers(tools);
    run = await runStateScenarios(tools, caseById('v2/matching')!.pair);
  });

  it('the tunnel up: one IKE_SA and one CHILD_SA on each end, every SPI has its partner, no finding', () => {
    const { a, b, result } = run.clean;
    expect([a.state.ikeSas.length, a.state.childSas.length, b.state.ikeSas.length, b.state.childSas.length]).to.deep.equal([1, 1, 1, 1]);
    const [ca, cb] = [a.state.childSas[0], b.state.childSas[0]];
    expect([ca.outbound[0].spi, ca.inbound[0].spi]).to.deep.equal([cb.inbound[0].spi, cb.outbound[0].spi]);
    expect(a.state.ikeSas[0].spis).to.deep.equal(b.state.ikeSas[0].spis);
    expect(result.pair.how).to.equal('peer addresses and SPIs');
    expect(result.findings).to.deep.equal([]);
  });

  it('a forced CHILD_SA rekey: both generations listed on both ends, the overlap is not a finding', () => {
    const { a, b, result } = run.overlap;
    expect(a.state.childSas.length).to.equal(2);
    expect(b.state.childSas.length).to.equal(2);
    expect(result.findings).to.deep.equal([]);
  });

  it('B killed without a DELETE and restarted: stale-sa on A with exactly the SPIs B lost, cleared by terminating A’s old IKE_SA', () => {
    const { a, b, result, lostSpis, lostIke } = run.stale;
    // A: the old IKE_SA and CHILD_SA plus the new ones; B: only the new ones
    expect([a.state.ikeSas.length, a.state.childSas.length, b.state.ikeSas.length, b.state.childSas.length]).to.deep.equal([2, 2, 1, 1]);
    expect(result.findings.map((f) => [f.rule, f.severity, f.on.side, f.on.sa?.spis])).to.deep.equal([['stale-sa', 'error', 'a', lostSpis]]);
    const n = /\[(\d+)\]$/.exec(lostIke)![1];
    expect(result.findings[0].on.fix).to.equal(`swanctl --terminate --ike-id ${n} --force`);
    expect(result.findings[0].effect).to.contain(`its IKE SA ${lostIke} is unknown to B`);
  });
});
