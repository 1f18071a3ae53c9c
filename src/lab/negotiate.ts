/**
 * One lab run of a rendered pair: for each end that can initiate, start both charons fresh, bring
 * every CHILD_SA up from that end, then force one rekey of each CHILD_SA from each end (a PFS
 * mismatch in IKEv2 shows only then), read the outcome, stop the charons. Every wait has a timeout.
 */
import type { TunnelPair } from '../compare/types.js';
import { canInitiate } from '../compare/negotiation.js';
import { renderPair, LAB_ADDRESSES, type RenderedPair } from './render.js';
import { type Lab, type LabTools, withLab } from './harness.js';
import { classify, directionUp, isNarrowed, notifiesIn, parseListSas, reasonsIn, type IkeSa } from './outcome.js';
import type { ChildResult, DirectionResult, LabOutcome, Limitation, RekeyResult, Side } from './types.js';

const OTHER: Record<Side, Side> = { a: 'b', b: 'a' };
/** Longer than charon's own give-up time (retransmits: 0.3 s × 1.4^n, 2 tries ≈ 1.3 s). */
const INITIATE_TIMEOUT_S = 4;
const REKEY_TIMEOUT_MS = 3000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function listSas(lab: Lab, side: Side): Promise<IkeSa[]> {
  const r = await lab.swanctl(side, ['--list-sas', '--pretty'], 3000);
  return parseListSas(r.stdout);
}

/** The phase 2 entries of the initiating end that the pairing gave a counterpart (index into phase2). */
function childrenToInitiate(pair: TunnelPair, side: Side): number[] {
  const end = side === 'a' ? pair.a.tunnel : pair.b.tunnel;
  const paired = new Set(pair.phase2.map((p) => (side === 'a' ? p.a : p.b)));
  const idx = end.phase2.map((p, i) => (paired.has(p) ? i : -1)).filter((i) => i >= 0);
  // nothing paired (no phase 2 on the other end): still try the first, to show what happens
  return idx.length ? idx : end.phase2.length ? [0] : [];
}

/** Rekey one CHILD_SA from `by` and wait for the new one, or a failure in either log. */
async function rekeyChild(lab: Lab, by: Side, child: { name: string; uniqueid: number }): Promise<RekeyResult> {
  const logFrom = { a: lab.logSize('a'), b: lab.logSize('b') };
  const result: RekeyResult = { by, child: child.name, ok: false, notifies: [] };
  const cmd = await lab.swanctl(by, ['--rekey', '--child-id', String(child.uniqueid)], 3000);
  if (cmd.code !== 0) {
    result.reason = `swanctl --rekey failed: ${(cmd.stdout + cmd.stderr).trim().split('\n').pop()}`;
    return result;
  }
  const deadline = Date.now() + REKEY_TIMEOUT_MS;
  for (;;) {
    await sleep(10);
    const own = lab.readLog(by, logFrom[by]);
    const logs = `${own}\n${lab.readLog(OTHER[by], logFrom[OTHER[by]])}`;
    // the log says it first; list-sas then tells which DH group the new CHILD_SA used
    if (new RegExp(`CHILD_SA ${child.name}\\{\\d+\\} established`).test(own)) {
      const fresh = (await listSas(lab, by))
        .flatMap((s) => s.children)
        .find((c) => c.name === child.name && c.uniqueid !== child.uniqueid && c.state === 'INSTALLED');
      result.ok = true;
      if (fresh?.dhGroup) result.dhGroup = fresh.dhGroup;
      result.notifies = notifiesIn(logs);
      return result;
    }
    const failed =
      /no CHILD_SA built|CHILD_SA rekeying failed|failed to establish CHILD_SA|error notify|giving up after|unable to install|no acceptable proposal|no matching proposal/.test(
        logs,
      );
    if (failed || Date.now() > deadline) {
      result.notifies = notifiesIn(logs);
      result.reason = failed ? reasonsIn(logs, 3).join('; ') || 'rekey refused' : `no new CHILD_SA within ${REKEY_TIMEOUT_MS / 1000} s`;
      return result;
    }
  }
}

async function runDirection(lab: Lab, pair: TunnelPair, rendered: RenderedPair, initiator: Side, runNo: number): Promise<DirectionResult> {
  const started = Date.now();
  await Promise.all([lab.start('a', rendered.a, `a-run${runNo}`), lab.start('b', rendered.b, `b-run${runNo}`)]);
  const ini = rendered[initiator];
  const end = initiator === 'a' ? pair.a.tunnel : pair.b.tunnel;
  const t0 = Date.now();
  for (const i of childrenToInitiate(pair, initiator)) {
    // a failing child does not stop the others: each phase 2 has its own verdict
    await lab.swanctl(
      initiator,
      ['--initiate', '--ike', ini.ike, '--child', ini.children[i], '--timeout', String(INITIATE_TIMEOUT_S)],
      (INITIATE_TIMEOUT_S + 2) * 1000,
    );
  }
  const setupMs = Date.now() - t0;
  const sas = await listSas(lab, initiator);
  const ike = sas.find((s) => s.state === 'ESTABLISHED');
  const children: ChildResult[] = childrenToInitiate(pair, initiator).map((i) => {
    const name = ini.children[i];
    const sa = ike?.children.find((c) => c.name === name && c.state === 'INSTALLED');
    const p = end.phase2[i];
    const r: ChildResult = { child: name, established: Boolean(sa) };
    if (sa) {
      r.proposal = sa.proposal;
      r.localTs = sa.localTs;
      r.remoteTs = sa.remoteTs;
      r.narrowed = isNarrowed({ local: p.localSelectors.value, remote: p.remoteSelectors.value }, { local: sa.localTs, remote: sa.remoteTs });
    }
    return r;
  });
  const setupLogs = `${lab.readLog('a')}\n${lab.readLog('b')}`;
  const result: DirectionResult = {
    initiator,
    ikeEstablished: Boolean(ike),
    children,
    rekeys: [],
    notifies: notifiesIn(setupLogs),
    reasons: reasonsIn(setupLogs),
    setupMs,
    totalMs: 0,
  };
  if (ike) result.ikeProposal = ike.proposal;
  if (directionUp(result)) {
    for (const by of [initiator, OTHER[initiator]] as const) {
      const own = (await listSas(lab, by)).find((s) => s.state === 'ESTABLISHED');
      for (const c of own?.children.filter((x) => x.state === 'INSTALLED') ?? []) {
        result.rekeys.push(await rekeyChild(lab, by, c));
      }
    }
  }
  await lab.stopDaemons();
  result.totalMs = Date.now() - started;
  return result;
}

/** Which ends initiate in the lab: those that can (not a passive responder, not `any` peer). */
export function initiators(pair: TunnelPair): Side[] {
  return (['a', 'b'] as const).filter((s) => canInitiate(s === 'a' ? pair.a.tunnel : pair.b.tunnel));
}

/** Render, negotiate in a fresh lab, classify. Lab faults propagate (LabFault). */
export async function negotiatePair(tools: LabTools, pair: TunnelPair, rendered: RenderedPair = renderPair(pair)): Promise<LabOutcome> {
  const sides = initiators(pair);
  const limitations: Limitation[] = [...rendered.limitations];
  if (!sides.length) limitations.push({ side: 'both', what: 'neither end initiates (both are responders or accept any peer): nothing to negotiate' });
  const directions = await withLab(tools, LAB_ADDRESSES, async (lab) => {
    lab.addSelectorAddresses('a', rendered.a.selectorAddresses);
    lab.addSelectorAddresses('b', rendered.b.selectorAddresses);
    const out: DirectionResult[] = [];
    let n = 0;
    for (const s of sides) out.push(await runDirection(lab, pair, rendered, s, ++n));
    return out;
  });
  return { directions, verdict: classify(directions), limitations };
}
