/** The docs page of a rule, generated from its metadata (docs/rules/<id>.md; `npm run docs:rules`). */
import type { Rule } from '../compare/types.js';
import type { StateRule } from '../state/types.js';

export function ruleDocPage(r: Rule | StateRule, notes = ''): string {
  return [
    `# ${r.id}`,
    '',
    `**${r.title}** — default severity: \`${r.severity}\``,
    '',
    '## Why it matters',
    '',
    r.explain,
    '',
    '## Symptoms',
    '',
    ...r.symptoms.map((s) => `- ${s}`),
    '',
    '## Severity',
    '',
    '`error`: the tunnel will not come up or will break at rekey. `warning`: it comes up but will drift, flap or rekey-collide, or it works only when one named end initiates. `info`: a difference with no effect, or a weak-crypto note. The check raises or lowers the default per pair (IKE version, vendor negotiation behaviour, NAT in the path).',
    '',
    r.scope === 'state'
      ? 'A runtime state rule: it reads the SA listings of both ends, checked by `ipsec-drift state A B` and `ipsec-drift compare A B --state` (see docs/state.md); `--fail-on` decides the exit code.'
      : `Suppress or re-grade it in an inventory (\`rules: { ${r.id}: info }\`) or baseline it; see docs/ci.md.`,
    ...(notes ? ['', '## Notes', '', notes] : []),
    '',
  ].join('\n');
}
