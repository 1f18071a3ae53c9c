/**
 * The one set-line tokenizer of Junos and PAN-OS (adapters/setline-common/words.ts): the same
 * lines through both dialects, each difference beside a line where they agree, the unclosed quote
 * as a file:line error, and the Unicode blank that used to loop the scan.
 */
import { expect } from 'chai';
import { JUNOS_WORDS, PANOS_WORDS, splitWords } from '../../adapters/setline-common/words.js';
import { commandWords } from '../../adapters/junos/syntax.js';
import { words } from '../../adapters/panos/setformat.js';
import { ParseError } from '../../src/model/errors.js';
import { parseText } from '../../src/read/load.js';
import { readText, ROOT } from '../helpers.js';
import { join } from 'node:path';

interface Case {
  text: string;
  junos: string[];
  panos: string[];
}

const cases: Case[] = [
  { text: 'set a b c', junos: ['set', 'a', 'b', 'c'], panos: ['set', 'a', 'b', 'c'] },
  { text: 'set a [ x y ]', junos: ['set', 'a', '[', 'x', 'y', ']'], panos: ['set', 'a', '[', 'x', 'y', ']'] },
  { text: 'set a [x y]', junos: ['set', 'a', '[', 'x', 'y', ']'], panos: ['set', 'a', '[', 'x', 'y', ']'] },
  { text: 'set d "two words"', junos: ['set', 'd', 'two words'], panos: ['set', 'd', 'two words'] },
  { text: 'set d "say \\"hi\\" \\\\ now"', junos: ['set', 'd', 'say "hi" \\ now'], panos: ['set', 'd', 'say "hi" \\ now'] },
  { text: 'set d ""', junos: ['set', 'd', ''], panos: ['set', 'd', ''] },
  // the differences: single quotes, a backslash inside them, a quote inside a bare word
  { text: "set d 'two words'", junos: ['set', 'd', "'two", "words'"], panos: ['set', 'd', 'two words'] },
  { text: "set d 'a\\b'", junos: ['set', 'd', "'a\\b'"], panos: ['set', 'd', 'a\\b'] },
  { text: 'set d a"b c"', junos: ['set', 'd', 'a', 'b c'], panos: ['set', 'd', 'a"b', 'c"'] },
  // any Unicode blank separates (it used to loop the scan until the reader ran out of memory)
  { text: 'set a\u00a0b\u2003c\vd', junos: ['set', 'a', 'b', 'c', 'd'], panos: ['set', 'a', 'b', 'c', 'd'] },
  { text: '\tset  a\t\tb ', junos: ['set', 'a', 'b'], panos: ['set', 'a', 'b'] },
];

describe('setline-common: one tokenizer, two dialects', () => {
  for (const c of cases)
    it(JSON.stringify(c.text), () => {
      expect(splitWords(c.text, 'f.conf', 3, JUNOS_WORDS), 'junos').to.deep.equal(c.junos);
      expect(splitWords(c.text, 'f.conf', 3, PANOS_WORDS), 'panos').to.deep.equal(c.panos);
      // the adapters' own names for it are the same function
      expect(commandWords(c.text, 'f.conf', 3)).to.deep.equal(c.junos);
      expect(words(c.text, 'f.conf', 3)).to.deep.equal(c.panos);
    });

  it('an unclosed quote is a ParseError at file:line naming the column', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof ParseError ? `${e.file}:${e.line}: ${e.message}` : `not a ParseError: ${e}`;
      }
      return 'no error';
    };
    expect(err(() => splitWords('set d "open', 'f.conf', 7, JUNOS_WORDS))).to.match(
      /^f\.conf:7: .*expected a closing " for the value opened in column 7, found the end of the line$/,
    );
    expect(err(() => splitWords("set d 'open", 'f.conf', 8, PANOS_WORDS))).to.match(
      /^f\.conf:8: .*expected a closing ' for the value opened in column 7, found the end of the line$/,
    );
    expect(err(() => splitWords("set d 'open", 'f.conf', 8, JUNOS_WORDS))).to.equal('no error');
  });

  for (const [vendor, fixture, gateway] of [
    ['junos', 'junos/srx-hq-22.4-display-set.txt', 'GW-DC'],
    ['panos', 'panos/pa-br1-11.1-show-config-set.txt', 'GW-HQ'],
  ] as const)
    it(`${vendor}: a set line with a non-breaking space in it reads like one with a space`, () => {
      const path = join(ROOT, 'fixtures', fixture);
      const text = readText(path);
      const nbsp = text.replace(`ike gateway ${gateway} `, `ike gateway\u00a0${gateway} `);
      expect(nbsp).not.to.equal(text);
      const strip = (d: ReturnType<typeof parseText>) => JSON.stringify(d.tunnels.map((t) => [t.name, t.remoteGateway.value, t.auth.localIdentity?.value]));
      expect(strip(parseText(nbsp, path, vendor))).to.equal(strip(parseText(text, path, vendor)));
    });
});
