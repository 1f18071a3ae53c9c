/**
 * Collection over a device's own API (an adapter's `live.api`): the adapter's client logs in and
 * answers requests; what is asked, the read-only gate, the time limits and which refusals are only
 * warnings are decided here, as for SSH. The replies become the text `parse` reads through the
 * adapter's `live.api.text`, so the live path and a saved export go through the same parser.
 */
import { type ApiRow, type ApiTarget, type ApiTransport, CollectError, within } from '../model/live.js';
import { assertAllowed } from './allowlist.js';
import type { Credentials } from './credentials.js';
import type { Budget, Collected } from './ssh.js';

export async function collectApi(
  target: ApiTarget,
  transport: ApiTransport,
  commands: readonly string[],
  creds: Credentials,
  budget: Budget,
  connectMs: number,
): Promise<Collected> {
  const session = await transport.open(target, creds.password, { connectMs, commandMs: budget.commandMs, deadline: budget.deadline });
  const replies: Record<string, ApiRow[]> = {};
  const warnings: string[] = [];
  try {
    for (const cmd of transport.plan(commands)) {
      assertAllowed(cmd, commands);
      const ms = Math.min(budget.commandMs, budget.deadline - Date.now());
      try {
        replies[cmd] = await within(session.run(cmd), ms, () => new CollectError('timeout', `\`${cmd}\`: no answer within ${ms / 1000} s`));
      } catch (e) {
        if (e instanceof CollectError) throw e;
        const words = (e as Error).message;
        if (transport.optional?.(cmd)) warnings.push(`\`${cmd}\`: the device answered: ${words}`);
        else throw new CollectError('device-error', `\`${cmd}\`: the device answered: ${words}`);
      }
    }
  } finally {
    session.close();
  }
  return { text: transport.text(replies), warnings };
}
