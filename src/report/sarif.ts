/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with descriptions and help, each result at the
 * exact line of side A's setting (side B in relatedLocations), fingerprints from rule + tunnel
 * pair + setting — never line numbers, so moving a line does not make a "new" alert. Findings of a
 * live source anchor at its inventory entry; with a baseline, each result says whether it is new.
 */
import { createHash } from 'node:crypto';
import type { Rule, Severity } from '../compare/types.js';
import type { SourceRef } from '../model/types.js';
import type { Report, ReportFinding, ReportSide } from './report.js';
import { defaultLabel, lineLabel } from '../model/setting.js';
import { findingKey } from '../audit/baseline.js';
import { LazyArray, serialized } from './json.js';

export const INFORMATION_URI = 'https://github.com/ipsec-drift/ipsec-drift';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface Location {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  message?: { text: string };
  id?: number;
}

/** SARIF URIs are relative references with `/`; spaces and the like percent-encoded. */
function uri(path: string): string {
  // a fleet's results name the same few thousand files again and again: each is encoded once
  let encoded = uris.get(path);
  if (encoded === undefined) {
    encoded = path.split('/').map(encodeURIComponent).join('/');
    if (uris.size >= URIS_MAX) uris.clear();
    uris.set(path, encoded);
  }
  return encoded;
}

const uris = new Map<string, string>();
/** Bound of the table of encoded paths, so that a long run's memory does not grow with it. */
const URIS_MAX = 1 << 14;

export interface SarifOptions {
  /** live sources have no file in the repo: their findings anchor here (device origin → the inventory entry) */
  anchors?: ReadonlyMap<string, SourceRef>;
  /** with a baseline in use: the findings it accepted (baselineState "unchanged"; the others "new") */
  baselined?: ReadonlySet<ReportFinding>;
}

const isLive = (file: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(file);

function physical(at: SourceRef): Location {
  return { physicalLocation: { artifactLocation: { uri: uri(at.file) }, region: { startLine: at.line } } };
}

function locationOf(s: ReportSide | undefined, anchors: SarifOptions['anchors']): Location | undefined {
  if (!s) return undefined;
  const at = s.setting?.at ?? s.end.at;
  const file = at?.file ?? s.end.device;
  if (isLive(file) || isLive(s.end.device)) {
    const anchor = anchors?.get(s.end.device);
    return anchor ? physical(anchor) : undefined;
  }
  return physical({ file, line: at?.line ?? 1 });
}

function describeSide(label: string, s: ReportSide): string {
  const where = s.setting?.at
    ? lineLabel({ at: s.setting.at, assumed: s.setting.assumed })
    : s.setting?.origin === 'default'
      ? defaultLabel(s.setting)
      : s.end.device;
  return `${label} ${s.end.device} / ${s.end.tunnel}: ${s.setting?.raw ?? s.display ?? ''} (${where})`;
}

function resultOf(f: ReportFinding, ruleIndex: number, { anchors, baselined }: SarifOptions): Record<string, unknown> {
  // each side's location made once: A's is the primary one when there is one, B's then related
  const atA = locationOf(f.a, anchors);
  const atB = locationOf(f.b, anchors);
  const primary = atA ?? atB;
  const related: Location[] = [];
  const other = atA ? f.b : undefined;
  const otherLoc = atA ? atB : undefined;
  if (other && otherLoc) related.push({ id: 1, ...otherLoc, message: { text: describeSide('other end:', other) } });
  const text = [
    f.message,
    f.effect,
    f.a ? describeSide('A', f.a) : '',
    f.b ? describeSide('B', f.b) : '',
    f.a?.fix ? `Fix on A:\n${f.a.fix}` : '',
    f.b?.fix ? `Fix on B:\n${f.b.fix}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const r: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text },
    locations: primary ? [primary] : [],
    partialFingerprints: { 'ipsecDriftFinding/v1': createHash('sha256').update(findingKey(f)).digest('hex') },
  };
  if (related.length) r.relatedLocations = related;
  if (baselined) r.baselineState = baselined.has(f) ? 'unchanged' : 'new';
  return r;
}

export function renderSarif(report: Report, rules: readonly Rule[], options: SarifOptions = {}): string {
  return [...sarifChunks(report, rules, options)].join('');
}

/** renderSarif's text in pieces, a result at a time, each result made as it is written (a fleet's log is tens of MB). */
export function sarifChunks(report: Report, rules: readonly Rule[], options: SarifOptions = {}): Generator<string> {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ipsec-drift',
            version: report.version,
            semanticVersion: report.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.explain },
              helpUri: `${INFORMATION_URI}/blob/main/docs/rules/${r.id}.md`,
              help: {
                text: `${r.explain}\n\nSymptoms:\n${r.symptoms.map((s) => `- ${s}`).join('\n')}`,
                markdown: `${r.explain}\n\n**Symptoms**\n\n${r.symptoms.map((s) => `- ${s}`).join('\n')}\n\n[Rule documentation](${INFORMATION_URI}/blob/main/docs/rules/${r.id}.md)`,
              },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['ipsec', 'vpn', 'network-config'] },
            })),
          },
        },
        results: new LazyArray(report.findings.length, (i) => resultOf(report.findings[i], index.get(report.findings[i].rule) ?? 0, options)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  // log → runs → the run → results → each result whole
  return serialized(sarif, 4);
}
