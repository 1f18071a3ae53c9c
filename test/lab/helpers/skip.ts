/** The lab tests need root, network namespaces and strongSwan: skip with the reason otherwise. */
import { findTools, LabUnavailable, probeNamespaces, type LabTools } from '../../../src/lab/harness.js';

export function labToolsOrSkip(ctx: Mocha.Context): LabTools {
  try {
    const tools = findTools();
    probeNamespaces(tools);
    return tools;
  } catch (e) {
    if (e instanceof LabUnavailable) {
      console.log(`      lab skipped: ${e.message}`);
      ctx.skip();
    }
    throw e;
  }
}
