/**
 * The runtime-state scenarios of issue 15, run with real strongSwan in the namespace lab: a tunnel
 * brought up and listed on both ends, a forced CHILD_SA rekey listed during its overlap, and one
 * charon killed without a DELETE and restarted so the other end keeps a stale SA. Each scenario
 * returns both ends' real `swanctl --list-sas` text and what `ipsec-drift state` makes of it.
 */
import { strongswanState } from '../../adapters/strongswan/state.js';
import type { TunnelPair } from '../compare/types.js';
import type { CaptureTime, SaState } from '../model/state.js';
import { checkState, type StateResult } from '../state/check.js';
import { type Lab, LabFault, type LabTools, withLab } from './harness.js';
import { LAB_ADDRESSES, type RenderedPair, renderPair } from './render.js';
import type { Side } from './types.js';

export interface Listing {
  text: string;
  state: SaState;
  capturedAt: CaptureTime;
}

export interface StateScenario {
  a: Listing;
  b: Listing;
  result: StateResult;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `swanctl --list-sas` on one end (the plain form a user saves), read by the strongSwan reader. */
export async function listing(lab: Lab, side: Side): Promise<Listing> {
  const r = await lab.swanctl(side, ['--list-sas'], 3000);
  if (r.code !== 0) throw new LabFault(`swanctl --list-sas on ${side} failed: ${(r.stdout + r.stderr).trim().split('\n').pop()}`);
  const capturedAt: CaptureTime = { iso: new Date().toISOString(), source: 'collected' };
  return { text: r.stdout, state: strongswanState.read(r.stdout, `lab-${side}`), capturedAt };
}

async function both(lab: Lab): Promise<StateScenario> {
  const [a, b] = await Promise.all([listing(lab, 'a'), listing(lab, 'b')]);
  return { a, b, result: checkState(a, b) };
}

async function up(lab: Lab, rendered: RenderedPair, from: Side): Promise<void> {
  const ini = rendered[from];
  const r = await lab.swanctl(from, ['--initiate', '--ike', ini.ike, '--child', ini.children[0], '--timeout', '4'], 6000);
  if (r.code !== 0) throw new LabFault(`the tunnel did not come up from ${from}: ${(r.stdout + r.stderr).trim().split('\n').slice(-2).join(' | ')}`);
}

/** The unique id of the only (or first) INSTALLED CHILD_SA of a listing. */
function childId(state: SaState): number {
  const c = state.childSas.find((x) => x.state?.value === 'INSTALLED');
  const n = c ? /\{(\d+)\}$/.exec(c.id)?.[1] : undefined;
  if (!n) throw new LabFault('no INSTALLED CHILD_SA to rekey');
  return Number(n);
}

export interface StateRun {
  /** the tunnel up, listed on both ends */
  clean: StateScenario;
  /** right after a forced CHILD_SA rekey: old and new SA on both ends */
  overlap: StateScenario;
  /** B killed without DELETE, restarted, a new SA from B: A keeps the old one */
  stale: StateScenario & { lostSpis: { in: string[]; out: string[] }; lostIke: string };
}

/** Run the three scenarios on one matching pair in a fresh lab (torn down whatever happens). */
export async function runStateScenarios(tools: LabTools, pair: TunnelPair): Promise<StateRun> {
  const rendered = renderPair(pair);
  return withLab(tools, LAB_ADDRESSES, async (lab) => {
    lab.addSelectorAddresses('a', rendered.a.selectorAddresses);
    lab.addSelectorAddresses('b', rendered.b.selectorAddresses);
    await Promise.all([lab.start('a', rendered.a, 'state-a'), lab.start('b', rendered.b, 'state-b')]);
    await up(lab, rendered, 'a');
    const clean = await both(lab);

    // rekey from A and list both ends at once, inside charon's delete_rekeyed_delay (5 s) overlap
    const old = childId(clean.a.state);
    const rekey = await lab.swanctl('a', ['--rekey', '--child-id', String(old)], 3000);
    if (rekey.code !== 0) throw new LabFault(`swanctl --rekey failed: ${(rekey.stdout + rekey.stderr).trim()}`);
    let overlap: StateScenario | undefined;
    for (let i = 0; i < 100 && !overlap; i++) {
      const s = await both(lab);
      if (s.a.state.childSas.length >= 2 && s.b.state.childSas.length >= 2) overlap = s;
      else await sleep(20);
    }
    if (!overlap) throw new LabFault('the rekeyed CHILD_SA and the old one were never listed together');

    // wait for the overlap to end (old SAs deleted), then kill B without a DELETE
    for (let i = 0; i < 200; i++) {
      const s = await both(lab);
      if (s.a.state.childSas.length === 1 && s.b.state.childSas.length === 1) break;
      await sleep(50);
    }
    const before = await listing(lab, 'a');
    const lostChild = before.state.childSas[0];
    const lostSpis = { in: lostChild.inbound.flatMap((d) => (d.spi ? [d.spi] : [])), out: lostChild.outbound.flatMap((d) => (d.spi ? [d.spi] : [])) };
    const lostIke = before.state.ikeSas[0].id;
    await lab.kill('b');
    await lab.start('b', rendered.b, 'state-b-restarted');
    // B, which lost everything, brings the tunnel up again; A (unique = never: INITIAL_CONTACT ignored) keeps its old SAs
    await up(lab, rendered, 'b');
    const stale = await both(lab);
    return { clean, overlap, stale: { ...stale, lostSpis, lostIke } };
  });
}
