/**
 * No secret from any fixture reaches any output: every pair compared in table, JSON and HTML, and
 * every fixture shown with `show` (table and JSON). The secrets are found in the fixture texts by
 * each vendor's own syntax, so a new fixture's key is covered without listing it here.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../src/cli/main.js';
import { captureIo } from './io.js';
import { ROOT, filesUnder } from './helpers.js';
import { secretsIn } from './secret-finder.js';

const PAIRS = join(ROOT, 'fixtures', 'pairs');
const cases = readdirSync(PAIRS)
  .filter((d) => existsSync(join(PAIRS, d, 'expected.json')))
  .sort();
const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-secrets-'));

describe('no secret in any output', () => {
  it('the secret finder finds the keys of the fixtures (so the checks below check something)', () => {
    const all = filesUnder(join(ROOT, 'fixtures')).flatMap((f) => secretsIn(readFileSync(f, 'latin1')));
    expect(all.length).to.be.greaterThan(10);
    expect(all).to.include('correct-horse-battery-staple');
  });

  for (const c of cases) {
    it(`compare ${c}: table, json, html`, async () => {
      const exp = JSON.parse(readFileSync(join(PAIRS, c, 'expected.json'), 'utf8')) as { a: string; b: string };
      const files = [join(PAIRS, c, exp.a), join(PAIRS, c, exp.b)].map((p) => relative(process.cwd(), p));
      const secrets = files.flatMap((f) => secretsIn(readFileSync(f, 'latin1')));
      for (const format of ['table', 'json', 'html']) {
        const io = captureIo();
        const out = join(tmp, `${c}.${format}`);
        await run(['compare', ...files, '--format', format, ...(format === 'html' ? ['--output', out] : [])], io);
        const text = io.out + io.err + (format === 'html' ? readFileSync(out, 'utf8') : '');
        expect(text.length, `${c} ${format}`).to.be.greaterThan(100);
        for (const s of secrets) expect(text.includes(s), `${c} ${format} shows a key`).to.equal(false);
      }
    });
  }

  it('show (table and json) of every fixture file reveals no key', async () => {
    const files = filesUnder(join(ROOT, 'fixtures')).filter((f) => !f.endsWith('.json') && !f.endsWith('.md'));
    let shown = 0;
    for (const f of files) {
      const secrets = secretsIn(readFileSync(f, 'latin1'));
      if (!secrets.length) continue;
      for (const format of ['table', 'json']) {
        const io = captureIo();
        await run(['show', relative(process.cwd(), f), '--format', format], io);
        for (const s of secrets) expect((io.out + io.err).includes(s), `${relative(ROOT, f)} (${format}) shows a key`).to.equal(false);
      }
      shown++;
    }
    expect(shown).to.be.greaterThan(10);
  });
});
