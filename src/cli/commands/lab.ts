/**
 * `ipsec-drift lab A B`: render both ends of each paired tunnel for strongSwan, negotiate them in
 * two network namespaces, and print what happened next to what `compare` predicted. Root only.
 * Exit 0: every pair came up and survived its rekeys in the lab; 1: some did not; 2: usage, input
 * or lab fault (not root, strongSwan missing, charon crashed), never a hang.
 */
import { compareDevices, checkPair } from '../../compare/compare.js';
import { parseTunnelOption } from '../../compare/pair.js';
import { endName } from '../../compare/finding.js';
import type { TunnelPair } from '../../compare/types.js';
import { UsageError } from '../../model/errors.js';
import { findTools, LabFault, type LabTools, LabUnavailable, probeNamespaces, sweepLeftovers } from '../../lab/harness.js';
import { negotiatePair } from '../../lab/negotiate.js';
import { agrees, judge, predict } from '../../lab/predict.js';
import { renderPair } from '../../lab/render.js';
import { knownBugFor } from '../../lab/known.js';
import type { DirectionResult, LabOutcome, Prediction } from '../../lab/types.js';
import { loadDevice } from '../../read/load.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { parseFormat } from '../options.js';

export interface LabArgs {
  positionals: string[];
  format?: string;
  tunnel?: string;
  vendor?: string[];
}

const PREDICTED: Record<Prediction['verdict'], string> = {
  works: 'comes up and survives rekey',
  'fails-at-setup': 'will not come up',
  'breaks-at-rekey': 'comes up, breaks at the first phase 2 rekey',
  fails: 'fails (at setup or at the first rekey)',
};

const OBSERVED: Record<LabOutcome['verdict'], string> = {
  works: 'came up and survived every rekey',
  'one-way': 'came up only when one end initiated',
  'breaks-at-rekey': 'came up, then a phase 2 rekey failed',
  'fails-at-setup': 'did not come up',
};

function directionLines(d: DirectionResult, names: Record<'a' | 'b', string>): string[] {
  const out: string[] = [];
  const who = `${names[d.initiator]} initiates`;
  if (!d.ikeEstablished) {
    out.push(`  ${who}: IKE_SA refused${d.notifies.length ? ` (${d.notifies.join(', ')})` : ''} after ${d.setupMs} ms`);
  } else {
    out.push(`  ${who}: IKE_SA up in ${d.setupMs} ms, ${d.ikeProposal}`);
    for (const c of d.children) {
      out.push(
        c.established
          ? `    CHILD_SA ${c.child} up, ${c.proposal}, ${c.localTs?.join(',')} === ${c.remoteTs?.join(',')}${c.narrowed ? ' (narrowed)' : ''}`
          : `    CHILD_SA ${c.child} refused${d.notifies.length ? ` (${d.notifies.join(', ')})` : ''}`,
      );
    }
  }
  const up = d.ikeEstablished && d.children.every((c) => c.established);
  if (!up) for (const reason of d.reasons.slice(0, 4)) out.push(`      charon: ${reason}`);
  for (const r of d.rekeys) {
    out.push(
      `    rekey by ${names[r.by]}: ${r.ok ? `ok${r.dhGroup ? ` (PFS ${r.dhGroup})` : ''}` : `FAILED${r.notifies.length ? ` (${r.notifies.join(', ')})` : ''}`}`,
    );
    if (!r.ok && r.reason) out.push(`      charon: ${r.reason}`);
  }
  return out;
}

interface PairReport {
  tunnel: string;
  how: string;
  prediction: Prediction;
  outcome: LabOutcome;
  agreement: string;
}

function textReport(r: PairReport, pair: TunnelPair): string {
  const names = { a: endName(pair.a), b: endName(pair.b) };
  const lines = [`${r.tunnel}  (paired by ${r.how})`];
  lines.push(`  compare predicts: ${PREDICTED[r.prediction.verdict]}`);
  for (const b of r.prediction.because) lines.push(`    ${b}`);
  lines.push(`  lab (strongSwan charon in two network namespaces): ${OBSERVED[r.outcome.verdict]}`);
  for (const d of r.outcome.directions) lines.push(...directionLines(d, names));
  for (const l of r.outcome.limitations) lines.push(`  cannot imitate${l.rule ? ` [${l.rule}]` : ''}: ${l.what}`);
  for (const rule of r.prediction.notExercised) lines.push(`  not exercised by the lab: ${rule} (the lab uses its own addresses, no NAT, no dead peers)`);
  lines.push(`  => ${r.agreement}`);
  return `${lines.join('\n')}\n`;
}

export async function runLab(args: LabArgs, io: Io): Promise<ExitCode> {
  if (args.positionals.length !== 2) throw new UsageError('lab takes two inputs: ipsec-drift lab A B');
  const format = parseFormat(args.format, ['table', 'json'] as const, 'table');
  const vendors = args.vendor ?? [];
  if (vendors.length > 2) throw new UsageError('--vendor: give it once (both inputs) or twice (A then B)');
  const a = loadDevice(args.positionals[0], vendors[0]);
  const b = loadDevice(args.positionals[1], vendors[1] ?? vendors[0]);
  const { pairs } = compareDevices(a, b, { tunnel: args.tunnel ? parseTunnelOption(args.tunnel) : undefined });
  if (!pairs.length) throw new UsageError(`no tunnel of ${a.origin} pairs with one of ${b.origin}; name them with --tunnel A_NAME:B_NAME`);

  let tools: LabTools;
  try {
    tools = findTools();
    probeNamespaces(tools);
    sweepLeftovers(tools);
  } catch (e) {
    if (e instanceof LabUnavailable) {
      io.stderr(`ipsec-drift lab: ${e.message}\n`);
      return EXIT.INPUT;
    }
    throw e;
  }

  const reports: PairReport[] = [];
  let allWork = true;
  for (const pair of pairs) {
    const findings = checkPair(pair);
    const prediction = predict(pair, findings);
    let outcome: LabOutcome;
    try {
      outcome = await negotiatePair(tools, pair, renderPair(pair));
    } catch (e) {
      if (e instanceof LabFault) {
        io.stderr(`ipsec-drift lab: ${endName(pair.a)} ↔ ${endName(pair.b)}: ${e.message}\n`);
        return EXIT.INPUT;
      }
      throw e;
    }
    const verdict = judge(prediction, outcome.verdict, outcome.limitations, findings);
    const bug = verdict === 'disagree' ? knownBugFor(pair) : undefined;
    const agreement = agrees(prediction, outcome.verdict)
      ? 'the lab agrees with compare'
      : verdict === 'explained'
        ? 'the lab differs from compare where strongSwan cannot imitate the device (see above)'
        : bug
          ? `the lab differs from compare: known rule bug ${bug.id} (${bug.rule}): ${bug.summary}`
          : 'the lab DIFFERS from compare: please report it with both files';
    const report: PairReport = { tunnel: `${endName(pair.a)} ↔ ${endName(pair.b)}`, how: pair.how, prediction, outcome, agreement };
    reports.push(report);
    if (outcome.verdict !== 'works') allWork = false;
    if (format === 'table') io.stdout(textReport(report, pair));
  }
  if (format === 'json') io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  return allWork ? EXIT.OK : EXIT.FINDINGS;
}
