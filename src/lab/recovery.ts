/**
 * Issue 16's recovery verdicts, run with real strongSwan in the namespace lab: the tunnel brought up
 * by hand from A, then B killed without a DELETE (a crash, a power cut) and started again.
 * - both ends only respond (start_action none, what the lab renders): nothing brings the tunnel back;
 *   after the wait B holds no SA at all and A only its stale ones — "stays down after a peer restart".
 * - the same, but B comes back with start_action = start (an end that initiates): B sets the tunnel
 *   up again by itself.
 * Each run also returns what the rules say about the pair as the model describes it.
 */
import { checkPair } from '../compare/compare.js';
import type { Finding, TunnelPair } from '../compare/types.js';
import { type Lab, LabFault, type LabTools, withLab } from './harness.js';
import { LAB_ADDRESSES, renderPair } from './render.js';
import type { RenderedEnd, Side } from './types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One end's `swanctl --list-sas`, reduced to what the scenario asks: its IKE_SAs and CHILD_SAs by state. */
export interface Sas {
  text: string;
  ike: string[];
  child: string[];
}

/** An empty listing is a valid answer here (the restarted end holds nothing), so no SA reader is asked. */
async function sas(lab: Lab, side: Side): Promise<Sas> {
  const r = await lab.swanctl(side, ['--list-sas'], 3000);
  if (r.code !== 0) throw new LabFault(`swanctl --list-sas on ${side} failed: ${(r.stdout + r.stderr).trim().split('\n').pop()}`);
  const ike = [...r.stdout.matchAll(/^\S+: #\d+, (\w+), IKEv\d/gm)].map((m) => m[1]);
  const child = [...r.stdout.matchAll(/^\s+\S+: #\d+, reqid \d+, (\w+),/gm)].map((m) => m[1]);
  return { text: r.stdout, ike, child };
}

export interface RecoveryRun {
  /** B's listing after its restart and the wait, and A's */
  a: Sas;
  b: Sas;
  /** B holds an INSTALLED CHILD_SA again */
  recovered: boolean;
  /** the rules on the model pair (with each end's `initiates` as in the scenario) */
  findings: Finding[];
}

/** B's swanctl.conf with its children started on load (start_action = start). */
function initiating(end: RenderedEnd): RenderedEnd {
  const conf = end.swanctlConf.replace(/start_action = none/g, 'start_action = start');
  if (conf === end.swanctlConf) throw new LabFault('the rendered end has no start_action line to change');
  return { ...end, swanctlConf: conf };
}

function withInitiates(pair: TunnelPair, a: boolean, b: boolean): TunnelPair {
  const copy = structuredClone(pair);
  const set = (v: boolean) => ({ value: v, raw: v ? 'start_action = start' : 'start_action = none', origin: 'explicit' as const });
  copy.a.tunnel.initiates = set(a);
  copy.b.tunnel.initiates = set(b);
  return copy;
}

const installed = (l: Sas) => l.child.includes('INSTALLED');

/** Bring up from A by hand, kill B, restart it (initiating or not), wait `waitMs`, list both ends. */
export async function runRecoveryScenario(tools: LabTools, pair: TunnelPair, bInitiatesAfterRestart: boolean, waitMs = 6000): Promise<RecoveryRun> {
  const rendered = renderPair(pair);
  const findings = checkPair(withInitiates(pair, false, bInitiatesAfterRestart));
  return withLab(tools, LAB_ADDRESSES, async (lab: Lab) => {
    lab.addSelectorAddresses('a', rendered.a.selectorAddresses);
    lab.addSelectorAddresses('b', rendered.b.selectorAddresses);
    await Promise.all([lab.start('a', rendered.a, 'recovery-a'), lab.start('b', rendered.b, 'recovery-b')]);
    const ini = rendered.a;
    const r = await lab.swanctl('a', ['--initiate', '--ike', ini.ike, '--child', ini.children[0], '--timeout', '4'], 6000);
    if (r.code !== 0) throw new LabFault(`the tunnel did not come up from a: ${(r.stdout + r.stderr).trim().split('\n').slice(-2).join(' | ')}`);
    if (!installed(await sas(lab, 'b'))) throw new LabFault('b lists no INSTALLED CHILD_SA after the set-up');
    await lab.kill('b');
    await lab.start('b', bInitiatesAfterRestart ? initiating(rendered.b) : rendered.b, 'recovery-b-restarted');
    // poll: an initiating B is back within a second or two; a passive pair must still be down at the end
    let b = await sas(lab, 'b');
    for (const deadline = Date.now() + waitMs; Date.now() < deadline && !installed(b); ) {
      await sleep(200);
      b = await sas(lab, 'b');
    }
    if (!bInitiatesAfterRestart) await sleep(Math.max(0, waitMs - 200));
    b = await sas(lab, 'b');
    const a = await sas(lab, 'a');
    return { a, b, recovered: installed(b), findings };
  });
}
