/** Writes docs/rules/<id>.md for every rule from its metadata, keeping a hand-written `notes.<id>.md` beside it. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules as configRules } from '../src/compare/rules/index.js';
import { stateRules } from '../src/state/rules/index.js';
import { ruleDocPage } from '../src/report/rule-docs.js';

const dir = join(import.meta.dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
for (const r of [...configRules, ...stateRules]) {
  const notesFile = join(dir, `notes.${r.id}.md`);
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8').trim() : '';
  writeFileSync(join(dir, `${r.id}.md`), ruleDocPage(r, notes));
}
console.log(`wrote ${configRules.length + stateRules.length} rule pages to docs/rules/`);
