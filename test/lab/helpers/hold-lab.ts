/** Child process for the teardown tests: start a lab with both charons, say where, then wait to be killed. */
import { findTools, withLab } from '../../../src/lab/harness.js';
import { LAB_ADDRESSES, renderPair } from '../../../src/lab/render.js';
import { caseById } from '../../../src/lab/mutate.js';

const tools = findTools();
const rendered = renderPair(caseById('v2/matching')!.pair);
await withLab(tools, LAB_ADDRESSES, async (lab) => {
  await Promise.all([lab.start('a', rendered.a, 'hold'), lab.start('b', rendered.b, 'hold')]);
  process.stdout.write(`ready ${lab.ns.a} ${lab.ns.b} ${lab.dir}\n`);
  await new Promise((r) => setTimeout(r, 60000));
});
