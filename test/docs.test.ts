/** Every rule has its docs page, and the page is what the metadata generates (run `npm run docs:rules`). */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules as configRules } from '../src/compare/rules/index.js';
import { stateRules } from '../src/state/rules/index.js';
import { ruleDocPage } from '../src/report/rule-docs.js';
import { ROOT } from './helpers.js';

describe('docs/rules', () => {
  for (const r of [...configRules, ...stateRules]) {
    it(`${r.id}.md is up to date`, () => {
      const dir = join(ROOT, 'docs', 'rules');
      const notesFile = join(dir, `notes.${r.id}.md`);
      const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8').trim() : '';
      expect(readFileSync(join(dir, `${r.id}.md`), 'utf8'), 'run `npm run docs:rules`').to.equal(ruleDocPage(r, notes));
    });
  }
});
