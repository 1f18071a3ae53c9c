/** `ipsec-drift rules`: the rule catalog. `ipsec-drift explain ID|CODE`: one rule, or what an error code points at. */
import { rules as configRules, ruleById as configRuleById } from '../../compare/rules/index.js';
import type { Rule } from '../../compare/types.js';
import { stateRules } from '../../state/rules/index.js';
import type { StateRule } from '../../state/types.js';
import { codesIn, lookupCode } from '../codes.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { parseFormat } from '../options.js';
import { UsageError } from '../../model/errors.js';
import { renderGrid } from '../../report/text.js';

export const DOCS_BASE = 'docs/rules';

/** Every rule: the configuration rules, then the runtime state rules (`state`, `compare --state`). */
export type CatalogRule = Rule | StateRule;
const rules: readonly CatalogRule[] = [...configRules, ...stateRules];

function ruleById(id: string): CatalogRule | undefined {
  return configRuleById(id) ?? stateRules.find((r) => r.id === id);
}

export function ruleDocsPath(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

export function ruleMeta(r: CatalogRule): { id: string; title: string; severity: string; symptoms: string[]; explain: string; docs: string } {
  return { id: r.id, title: r.title, severity: r.severity, symptoms: r.symptoms, explain: r.explain, docs: ruleDocsPath(r.id) };
}

export function runRules(args: { format?: string }, io: Io): ExitCode {
  const format = parseFormat(args.format, ['table', 'json'] as const, 'table');
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rules.map(ruleMeta), null, 2)}\n`);
    return EXIT.OK;
  }
  // the ids never wrap (the longest is 25 characters); the titles take what the terminal has left
  const widths = [27, 10, Math.max(20, io.width - 27 - 10 - 4)];
  io.stdout(
    `${renderGrid(
      rules.map((r) => [r.id, r.severity, r.title]),
      { colWidths: widths, head: ['Rule', 'Severity', 'Title'], color: io.color },
    )}\n`,
  );
  return EXIT.OK;
}

function explainRule(r: CatalogRule): string {
  return [
    `${r.id} — ${r.title}`,
    `default severity: ${r.severity}`,
    '',
    r.explain,
    '',
    'Symptoms:',
    ...r.symptoms.map((s) => `  - ${s}`),
    '',
    `Docs: ${ruleDocsPath(r.id)}`,
  ].join('\n');
}

/** Rules whose symptoms name this code (numerically) or this name. */
export function rulesForCode(codes: number[], name: string): CatalogRule[] {
  return rules.filter((r) => r.symptoms.some((s) => s.includes(name) || codesIn(s).some((c) => codes.includes(c))));
}

export function runExplain(args: { positionals: string[] }, io: Io): ExitCode {
  if (args.positionals.length !== 1) throw new UsageError('explain takes one rule id or error code: ipsec-drift explain p2-lifetime-mismatch | 0x00003647');
  const key = args.positionals[0];
  const rule = ruleById(key);
  if (rule) {
    io.stdout(`${explainRule(rule)}\n`);
    return EXIT.OK;
  }
  const code = lookupCode(key);
  if (!code) throw new UsageError(`explain ${key}: not a rule id (see \`ipsec-drift rules\`) nor a known error code (e.g. 0x00003647, 0xC0360001, 13868)`);
  const related = rulesForCode(code.codes, code.name);
  const config = related.filter((r) => r.scope !== 'state');
  const state = related.filter((r) => r.scope === 'state');
  const lines = [
    `${key}: ${code.name}`,
    code.meaning,
    '',
    'Configuration rules that cause it (ipsec-drift compare):',
    ...(config.length ? config.map((r) => `  - ${r.id}: ${r.title}`) : ['  (none)']),
    '',
    'Runtime state rules that show it (ipsec-drift state, compare --state):',
    ...(state.length ? state.map((r) => `  - ${r.id}: ${r.title}`) : ['  (none)']),
    '',
    'What to check:',
    ...code.check.map((c) => `  - ${c}`),
    '',
    state.length
      ? 'Run `ipsec-drift compare <this end> <other end>` to see which settings differ, and `ipsec-drift state <this end> <other end>` (saved SA listings or live) to see which SAs are stale.'
      : 'Run `ipsec-drift compare <this end> <other end>` to see which of these differ.',
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.OK;
}
