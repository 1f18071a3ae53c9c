/**
 * Issue 13, Robustness: deep nesting gives a clear `file:line` error, never "Maximum call stack
 * size exceeded" without a line. Every adapter of the registry (and its SA-state reader) gets each
 * nesting shape — alone and on its own line inside a real file of its vendor — and must give a
 * Device (or SaState) or a ParseError located at `file:line` that does not speak of the stack.
 *
 * `npm test` uses 256 KB of each shape (a quarter of a million `{` is far past any stack);
 * `npm run test:fuzz` (HOSTILE_FULL=1) uses 1 MB. `HOSTILE_ADAPTERS=id,id` limits a run.
 */
import { expect } from 'chai';
import { ParseError } from '../../src/model/errors.js';
import { entryPoints, selectedAdapters } from './linear.js';
import { adversarial, PLACEMENTS, SHAPES } from './shapes.js';

const NESTING = [
  'open braces',
  'nested blocks',
  'open brackets',
  'nested JSON objects',
  'nested config sections',
  'nested edits',
  'nested YAML',
  'nested XML elements',
];
const SIZE = process.env.HOSTILE_FULL === '1' ? 1 << 20 : 1 << 18;

describe('hostile: deep nesting is a file:line error, never a stack overflow', function () {
  this.timeout(0);
  it('the nesting shapes are in shapes.ts', () => {
    expect(SHAPES.filter((s) => NESTING.includes(s.name)).map((s) => s.name)).to.deep.equal(NESTING);
  });
  for (const a of selectedAdapters()) {
    it(`${a.id}: parse${a.state ? ' and state.read' : ''} of ${SIZE >> 10} KB of each nesting shape`, () => {
      const bad: string[] = [];
      for (const p of entryPoints(a).filter((e) => e.name === 'parse' || e.name === 'state.read')) {
        const file = p.name === 'parse' ? 'deep/in.conf' : 'deep/in.txt';
        for (const shape of SHAPES.filter((s) => NESTING.includes(s.name))) {
          for (const pl of PLACEMENTS.filter((x) => x.name !== 'right after a value inside a real file')) {
            const text = adversarial(p.seed, shape, pl, SIZE);
            try {
              p.name === 'parse' ? a.parse(text, file) : a.state!.read(text, file);
            } catch (e) {
              const where = `${p.name} ${shape.name} / ${pl.name}`;
              if (!(e instanceof ParseError)) bad.push(`${where}: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 100)}` : String(e)}`);
              else if (!new RegExp(`^${file}:\\d+: \\S`).test(e.located) || /call stack/i.test(e.located)) bad.push(`${where}: ${e.located.slice(0, 160)}`);
            }
          }
        }
      }
      expect(bad).to.deep.equal([]);
    });
  }
});
