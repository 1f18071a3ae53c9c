/**
 * The oracle: predict each case with the rules, negotiate it in the lab, judge. Cases run in
 * parallel (each in its own namespaces); the summary ends with `lab: N pairs, M agree`.
 */
import { checkPair } from '../compare/compare.js';
import type { Finding } from '../compare/types.js';
import { negotiatePair } from './negotiate.js';
import { judge, predict } from './predict.js';
import type { LabTools } from './harness.js';
import type { LabCase } from './mutate.js';
import { KNOWN_RULE_BUGS, knownBugFor, type KnownRuleBug } from './known.js';
import type { Agreement, LabOutcome, Prediction } from './types.js';

export interface CaseResult {
  id: string;
  prediction: Prediction;
  outcome: LabOutcome;
  agreement: Agreement;
  findings: Finding[];
  ms: number;
  /** a disagreement already reported as a rule bug (src/lab/known.ts) */
  knownBug?: KnownRuleBug;
}

/** Run `fn` over `items` with at most `limit` running at once, results in input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export async function runCase(tools: LabTools, c: LabCase): Promise<CaseResult> {
  const t0 = Date.now();
  const findings = checkPair(c.pair);
  const prediction = predict(c.pair, findings);
  const outcome = await negotiatePair(tools, c.pair);
  const agreement = judge(prediction, outcome.verdict, outcome.limitations, findings);
  const r: CaseResult = { id: c.id, prediction, outcome, agreement, findings, ms: Date.now() - t0 };
  if (agreement === 'disagree') {
    const bug = knownBugFor(c.pair);
    if (bug) r.knownBug = bug;
  }
  return r;
}

export async function runOracle(
  tools: LabTools,
  cases: LabCase[],
  concurrency: number,
  onResult?: (r: CaseResult, done: number) => void,
): Promise<CaseResult[]> {
  let done = 0;
  return pool(cases, concurrency, async (c) => {
    const r = await runCase(tools, c);
    onResult?.(r, ++done);
    return r;
  });
}

function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** What happened, per direction, in one line: `a→ up (rekey a ok, b NO_PROPOSAL_CHOSEN)`. */
export function describeOutcome(o: LabOutcome): string {
  return (
    o.directions
      .map((d) => {
        const up = d.ikeEstablished && d.children.every((c) => c.established);
        const head = `${d.initiator} initiates: ${up ? 'up' : d.ikeEstablished ? 'IKE up, CHILD refused' : 'IKE refused'}`;
        const why = !up && d.notifies.length ? ` (${d.notifies.join(', ')})` : '';
        const rekeys = d.rekeys.map((r) => `rekey by ${r.by} ${r.ok ? 'ok' : `failed${r.notifies.length ? ` (${r.notifies.join(', ')})` : ''}`}`);
        return head + why + (rekeys.length ? `; ${rekeys.join(', ')}` : '');
      })
      .join(' | ') || 'nothing negotiated'
  );
}

export interface OracleSummary {
  pairs: number;
  agree: number;
  explained: number;
  disagree: number;
  /** disagreements not explained by a known rule bug: these fail the suite */
  unknown: number;
  /** known rule bugs no case showed any more (fixed? then delete the entry) */
  stale: string[];
  setupMs: { median: number; p95: number; max: number };
  pairMs: { median: number; p95: number; max: number };
}

export function summarize(results: CaseResult[]): OracleSummary {
  const setups = results.flatMap((r) => r.outcome.directions.map((d) => d.setupMs));
  const pairs = results.map((r) => r.ms);
  return {
    pairs: results.length,
    agree: results.filter((r) => r.agreement === 'agree').length,
    explained: results.filter((r) => r.agreement === 'explained').length,
    disagree: results.filter((r) => r.agreement === 'disagree').length,
    unknown: results.filter((r) => r.agreement === 'disagree' && !r.knownBug).length,
    stale: KNOWN_RULE_BUGS.filter((b) => !results.some((r) => r.knownBug === b)).map((b) => b.id),
    setupMs: { median: percentile(setups, 50), p95: percentile(setups, 95), max: Math.max(0, ...setups) },
    pairMs: { median: percentile(pairs, 50), p95: percentile(pairs, 95), max: Math.max(0, ...pairs) },
  };
}

/** The report: every case that did not simply agree, then timings, then the agreement line. */
export function formatReport(results: CaseResult[], wallMs: number): string {
  const lines: string[] = [];
  for (const r of results.filter((x) => x.agreement !== 'agree')) {
    const label = r.agreement === 'explained' ? 'explained' : r.knownBug ? `rule bug [${r.knownBug.id}, reported]` : 'DISAGREE';
    lines.push(`${label} ${r.id}`);
    lines.push(`    rules predict: ${r.prediction.verdict}${r.prediction.because.length ? ` — ${r.prediction.because.join('; ')}` : ''}`);
    lines.push(`    lab: ${r.outcome.verdict} — ${describeOutcome(r.outcome)}`);
    for (const l of r.outcome.limitations) lines.push(`    cannot imitate${l.rule ? ` [${l.rule}]` : ''}: ${l.what}`);
  }
  const s = summarize(results);
  for (const b of KNOWN_RULE_BUGS) {
    const n = results.filter((r) => r.knownBug === b).length;
    if (n) lines.push(`known rule bug ${b.id} (${b.rule}), ${n} pairs: ${b.summary}`);
  }
  for (const id of s.stale) lines.push(`note: known rule bug ${id} showed in no pair (fixed?): remove it from src/lab/known.ts`);
  lines.push(
    `negotiation setup: median ${s.setupMs.median} ms, p95 ${s.setupMs.p95} ms, max ${s.setupMs.max} ms; per pair (both directions, rekeys, namespaces): median ${s.pairMs.median} ms, p95 ${s.pairMs.p95} ms; suite ${(wallMs / 1000).toFixed(1)} s`,
  );
  lines.push(
    `lab: ${s.pairs} pairs, ${s.agree} agree (${s.explained} explained by what strongSwan cannot imitate, ${s.disagree} disagree: ${s.disagree - s.unknown} known rule bugs, ${s.unknown} new)`,
  );
  return `${lines.join('\n')}\n`;
}
