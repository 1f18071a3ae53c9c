/**
 * The adapter list is explicit (adapters/index.ts). Every adapter folder must be listed, shaped
 * like its neighbours (index.ts, README.md), and every adapter's own fixtures must be detected as
 * its own and parse into a Device that validates. Shared code lives in `*-common` folders.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { adapters } from '../../adapters/index.js';
import { detectAll } from '../../src/cli/load.js';
import { validateDevice } from '../../src/model/schema.js';
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { ROOT, filesUnder, readText } from '../helpers.js';

const ADAPTERS = join(ROOT, 'adapters');
const folders = readdirSync(ADAPTERS).filter((n) => statSync(join(ADAPTERS, n)).isDirectory());

describe('adapter registry', () => {
  it('every adapter folder (not *-common) is in adapters/index.ts, and every listed adapter has a folder', () => {
    const own = folders.filter((f) => !f.endsWith('-common')).sort();
    expect(adapters.map((a) => a.id).sort()).to.deep.equal(own);
  });

  for (const f of folders) {
    it(`${f}/ has a README.md${f.endsWith('-common') ? '' : ' and an index.ts'}`, () => {
      expect(existsSync(join(ADAPTERS, f, 'README.md')), 'README.md').to.equal(true);
      if (!f.endsWith('-common')) expect(existsSync(join(ADAPTERS, f, 'index.ts')), 'index.ts').to.equal(true);
    });
  }

  it('ids are unique and kebab-case; labels are set', () => {
    expect(new Set(adapters.map((a) => a.id)).size).to.equal(adapters.length);
    for (const a of adapters) {
      expect(a.id).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(a.label.length).to.be.greaterThan(3);
    }
  });

  // fixtures/<id>/ good files: detected as <id>, parse, validate. Bad inputs live in files or
  // folders named bad* (or not-* for another vendor's file); companion files (includes, secrets) are read through their main file.
  for (const a of adapters) {
    const dir = join(ROOT, 'fixtures', a.id);
    if (!existsSync(dir)) continue;
    const files = filesUnder(dir).filter((p) => !/(^|\/)(bad|not-)/.test(relative(dir, p)) && !/\.(md|json|secrets)$/.test(p));
    it(`fixtures/${a.id}: each parsable fixture is detected as ${a.id} and validates`, () => {
      let checked = 0;
      for (const p of files) {
        const text = readText(p);
        const best = detectAll(text, p)[0];
        if (!best || best.confidence < 0.5) continue; // an include fragment or a companion file
        expect(best.adapter.id, relative(ROOT, p)).to.equal(a.id);
        let device: Device;
        try {
          device = best.adapter.parse(text, relative(ROOT, p));
        } catch (e) {
          if (e instanceof ParseError) continue; // a deliberately broken fixture not named bad*
          throw e;
        }
        expect(validateDevice(device), relative(ROOT, p)).to.deep.equal([]);
        checked++;
      }
      expect(checked, `fixtures/${a.id}`).to.be.greaterThan(0);
    });
  }
});
