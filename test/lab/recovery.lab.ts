/**
 * Issue 16 part 2 in the lab: "both ends passive after a restart → stays down" with real strongSwan
 * (root, namespaces). The verdict of dpd-mismatch on the model pair is checked beside what charon does.
 */
import { expect } from 'chai';
import { sweepLeftovers, type LabTools } from '../../src/lab/harness.js';
import { caseById } from '../../src/lab/mutate.js';
import { runRecoveryScenario } from '../../src/lab/recovery.js';
import { labToolsOrSkip } from './helpers/skip.js';

describe('lab: dead-peer recovery after a restart (root, namespaces, strongSwan)', function () {
  this.timeout(120000);
  let tools: LabTools;
  before(function () {
    tools = labToolsOrSkip(this);
    sweepLeftovers(tools);
  });

  it('both ends passive: B restarted holds no SA after 6 s, A only its stale one — and the rules said so (warning)', async () => {
    const run = await runRecoveryScenario(tools, caseById('v2/matching')!.pair, false);
    expect(run.recovered).to.equal(false);
    expect([run.b.ike, run.b.child], run.b.text).to.deep.equal([[], []]);
    // A was not told (no DELETE) and has no DPD: it still holds the old SAs, which lead nowhere
    expect(run.a.child, run.a.text).to.include('INSTALLED');
    const dpd = run.findings.filter((f) => f.rule === 'dpd-mismatch');
    expect(dpd.map((f) => f.severity)).to.deep.equal(['warning']);
    expect(dpd[0].effect).to.contain('stays down after a peer restart');
  });

  it('the near twin, B initiating after its restart (start_action = start): the tunnel is back on its own — and no recovery finding', async () => {
    const run = await runRecoveryScenario(tools, caseById('v2/matching')!.pair, true);
    expect(run.recovered, run.b.text).to.equal(true);
    expect(run.findings.filter((f) => f.rule === 'dpd-mismatch')).to.deep.equal([]);
  });
});
