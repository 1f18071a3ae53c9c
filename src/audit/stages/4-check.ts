/**
 * Stage 4 — check: every rule on every pair, the end rules once per end, the unmatched ends
 * against the device they point at; and a finding of its own for each file that could not be read.
 */
import { rules as catalog } from '../../compare/rules/index.js';
import { checkEnd, checkPair, checkUnmatched } from '../../compare/compare.js';
import type { EndRef, Finding } from '../../compare/types.js';
import type { Loaded } from '../../read/job.js';
import type { ReportFinding } from '../../report/report.js';
import type { Pairing } from './3-pair.js';
import { progress } from '../timing.js';

export function checkAll({ pairs, unmatched }: Pairing): Finding[] {
  const findings: Finding[] = [];
  for (const [i, p] of pairs.entries()) {
    for (const f of checkPair(p, catalog, false)) findings.push(f);
    progress('check', i + 1, pairs.length);
  }
  // tunnel names by device origin, as endKey names an end (without making that string per end)
  const endsSeen = new Map<string, Set<string>>();
  for (const p of pairs)
    for (const e of [p.a, p.b]) {
      if (e.device.vendor === 'contract') continue;
      let seen = endsSeen.get(e.device.origin);
      if (!seen) {
        seen = new Set();
        endsSeen.set(e.device.origin, seen);
      }
      if (seen.has(e.tunnel.name)) continue;
      seen.add(e.tunnel.name);
      for (const f of checkEnd(e)) findings.push(f);
    }
  const peerOf = new Map(unmatched.map((u) => [u.end as EndRef, u.peer]));
  findings.push(...checkUnmatched([...peerOf.keys()], (e) => [peerOf.get(e)!]));
  return findings;
}

/**
 * `unreadable-config` for each file that could not be read, `outside-audited-tree` for each path a
 * file named outside the tree: the rest of the audit goes on.
 */
export function unreadableFindings(loaded: Loaded[], titleOf: (rule: string) => string): ReportFinding[] {
  return [...loaded.flatMap((l) => outsideFindings(l, titleOf)), ...errorFindings(loaded, titleOf)];
}

function outsideFindings(l: Loaded, titleOf: (rule: string) => string): ReportFinding[] {
  return (l.outside ?? []).map((o) => ({
    rule: 'outside-audited-tree',
    severity: 'error' as const,
    title: titleOf('outside-audited-tree'),
    message: `${o.file}:${o.line}: ${o.path} lies outside the audited tree (after symbolic links): not read`,
    effect: l.device ? 'What that path holds is missing from this device.' : 'This device is not checked.',
    setting: 'file',
    a: {
      end: { device: l.device?.origin ?? l.names[0] ?? o.file, vendor: l.vendor ?? 'unknown', tunnel: '(file)' },
      setting: { value: null, raw: o.path, origin: 'explicit' as const, at: { file: o.file, line: o.line } },
    },
  }));
}

function errorFindings(loaded: Loaded[], titleOf: (rule: string) => string): ReportFinding[] {
  return loaded.flatMap((l) =>
    l.error
      ? [
          {
            rule: 'unreadable-config',
            severity: 'error' as const,
            title: titleOf('unreadable-config'),
            message: l.error.located,
            effect: 'The tunnels of this file are not checked.',
            setting: 'file',
            a: {
              end: { device: l.error.file, vendor: l.vendor ?? 'unknown', tunnel: '(file)' },
              setting: { value: null, raw: l.error.message, origin: 'explicit' as const, at: { file: l.error.file, line: l.error.line ?? 1 } },
            },
          },
        ]
      : [],
  );
}
