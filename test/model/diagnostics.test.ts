/** src/model/diagnostics.ts: the same note at the same place is said once, in time linear in a file's notes (issue 13). */
import { expect } from 'chai';
import { adapter as asa } from '../../adapters/asa/index.js';
import { note, noteOnce, warn, warnOnce } from '../../src/model/diagnostics.js';
import type { Diagnostic } from '../../src/model/types.js';
import { verdict } from '../hostile/linear.js';

describe('diagnostics: said once', () => {
  it('the same level, line and message once; any of the three different is another; warn/note pushes count', () => {
    const list: Diagnostic[] = [];
    const at = (line: number) => ({ file: 'f', line });
    warnOnce(list, 'a', at(1));
    warnOnce(list, 'a', at(1));
    noteOnce(list, 'a', at(1));
    warnOnce(list, 'a', at(2));
    warnOnce(list, 'b', at(1));
    warnOnce(list, 'a');
    warnOnce(list, 'a');
    warn(list, 'c', at(3));
    warnOnce(list, 'c', at(3));
    note(list, 'd');
    noteOnce(list, 'd');
    noteOnce(list, 'x\n1\ny');
    noteOnce(list, 'y', at(1)); // not the key of the message above
    expect(list.map((d) => [d.level, d.at?.line, d.message])).to.deep.equal([
      ['warning', 1, 'a'],
      ['info', 1, 'a'],
      ['warning', 2, 'a'],
      ['warning', 1, 'b'],
      ['warning', undefined, 'a'],
      ['warning', 3, 'c'],
      ['info', undefined, 'd'],
      ['info', undefined, 'x\n1\ny'],
      ['info', 1, 'y'],
    ]);
  });

  it('an ASA file of unread crypto map lines, one note each: 4 MB at most 10× 1 MB (was quadratic: 1 MB took 2.7 s)', function () {
    this.timeout(0);
    const head =
      'ASA Version 9.16(4)\nhostname fw\naccess-list CM extended permit ip 10.0.0.0 255.255.255.0 10.1.0.0 255.255.255.0\ncrypto map M 10 match address CM\ncrypto map M 10 set peer 192.0.2.1\ncrypto map M interface outside\n';
    const make = (n: number) => {
      const lines: string[] = [];
      for (let i = 0, size = head.length; size < n; i++) {
        const l = `crypto map M 10 set bogus-${i} x\n`;
        lines.push(l);
        size += l.length;
      }
      return head + lines.join('');
    };
    expect(asa.parse(make(1 << 12), 'x.txt').diagnostics.length).to.be.greaterThan(100);
    const p = { adapter: 'asa', name: 'parse', run: (t: string) => asa.parse(t, 'x.txt'), seed: '', seedFile: '' };
    const v = verdict(p, { name: 'unread crypto map lines', make }, 1 << 20, 1 << 22);
    expect(v.ok, `${v.smallMs.toFixed(0)} ms → ${v.bigMs.toFixed(0)} ms`).to.equal(true);
  });
});
