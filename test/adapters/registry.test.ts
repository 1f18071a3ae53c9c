/**
 * The adapter list is explicit (adapters/index.ts). Every adapter folder must be listed, shaped
 * like its neighbours (index.ts, README.md), and every adapter's own fixtures must be detected as
 * its own and parse into a Device that validates. Shared code lives in `*-common` folders.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { adapters } from '../../adapters/index.js';
import { detectAll } from '../../src/read/detect.js';
import { validateDevice } from '../../src/model/schema.js';
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { ROOT, filesUnder, readText } from '../helpers.js';
import { secretsIn } from '../secret-finder.js';
import { SESSION_COMMANDS } from '../../src/collect/allowlist.js';
import { snapshotText } from '../../src/collect/snapshot.js';
import { isComparablePsk } from '../../src/model/secrets.js';
import type { Live } from '../../src/model/live.js';

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

  describe("live collection is the adapter's own (adapters/<id>/live.ts)", () => {
    for (const a of adapters) {
      const file = join(ADAPTERS, a.id, 'live.ts');
      it(`${a.id}: ${existsSync(file) ? 'its live.ts is adapter.live, with commands, a dialect and snapshot rules' : 'has no live.ts and no adapter.live'}`, async () => {
        if (!existsSync(file)) {
          expect(a.live, `${a.id} declares live collection without adapters/${a.id}/live.ts`).to.equal(undefined);
          return;
        }
        // live.ts is loaded under another module instance here: compare what it declares
        const mod = (await import(file)) as { live?: Live };
        expect(mod.live, `adapters/${a.id}/live.ts exports \`live\``).to.not.equal(undefined);
        expect(a.live, `adapters/${a.id}/live.ts is not wired: set \`live\` on the adapter in index.ts`).to.not.equal(undefined);
        expect(a.live!.commands).to.deep.equal(mod.live!.commands);
        expect(a.live!.snapshot.extension).to.equal(mod.live!.snapshot.extension);
        const live = a.live!;
        expect(live.commands.length, 'read-only commands').to.be.greaterThan(0);
        expect(live.snapshot.extension).to.match(/^\.[a-z0-9]+$/);
        expect(live.snapshot.redact.length, 'secret rules').to.be.greaterThan(0);
        if (live.dialect.kind === 'shell')
          for (const c of live.dialect.setup) expect(SESSION_COMMANDS as readonly string[], `setup command ${c}`).to.include(c);
      });
    }
  });

  describe("no secret of any of an adapter's fixtures survives its own snapshot redaction", () => {
    // every fixture this adapter reads: its own folder, and the pairs, audit repo and others it is detected in
    const texts = new Map<string, string>();
    for (const p of filesUnder(join(ROOT, 'fixtures')).filter((f) => !/\.(md|json|png)$/.test(f))) {
      try {
        texts.set(p, readText(p));
      } catch (e) {
        if (!(e instanceof ParseError)) throw e; // a binary file is nobody's input
      }
    }
    let owners: Map<string, ReturnType<typeof detectAll>[number] | undefined> | undefined;
    const ownerOf = (p: string) => {
      owners ??= new Map([...texts].map(([f, t]) => [f, detectAll(t, f)[0]] as const));
      return owners.get(p);
    };
    for (const a of adapters) {
      const live = a.live;
      if (!live) continue;
      it(`${a.id}: the keys found by each vendor's syntax are gone, and the adapter reads no comparable key from the snapshot`, () => {
        const files = [...texts.keys()].filter(
          (p) =>
            !/(^|\/)not-/.test(relative(ROOT, p)) && // another vendor's file, kept to test detection
            (relative(join(ROOT, 'fixtures'), p).startsWith(`${a.id}/`) || (ownerOf(p)?.adapter === a && ownerOf(p)!.confidence >= 0.5)),
        );
        let keys = 0;
        let parsed = 0;
        for (const p of files) {
          const text = texts.get(p)!;
          const snapshot = snapshotText(text, a.id);
          const where = relative(ROOT, p);
          for (const secret of secretsIn(text)) {
            keys++;
            expect(snapshot.includes(secret), `${where}: a key survives the ${a.id} snapshot`).to.equal(false);
          }
          let device: Device;
          try {
            device = a.parse(snapshot, where);
          } catch (e) {
            if (e instanceof ParseError) continue; // a deliberately broken input, or another vendor's file in this folder
            throw e;
          }
          parsed++;
          const readable = device.tunnels.filter((t) => isComparablePsk(t.auth.psk?.value)).map((t) => t.name);
          expect(readable, `${where}: the ${a.id} adapter still reads a key from its snapshot`).to.deep.equal([]);
        }
        expect(parsed, `fixtures read by ${a.id}`).to.be.greaterThan(0);
        console.log(a.id, files.length, keys, parsed);
      });
    }
  });
});
