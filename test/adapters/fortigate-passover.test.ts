/**
 * The FortiGate scanner passes over runs of plain lines (firewall policy, VIPs, whole address
 * entries) with one regular-expression match instead of reading them one by one (issue 13). The
 * reading must not change: each input here is scanned both ways (`lineByLine` is the line scanner
 * alone) and everything the scan answers is compared — entries with their lines and settings,
 * VDOMs, header, diagnostics, or the ParseError. The generated inputs mix what FortiOS prints with
 * what could make a run end in the wrong place: quoted values spanning lines with `end` and
 * `config vpn ipsec …` at column 0, escapes, single quotes, a quote inside a word, `# comments`,
 * pager remnants, CRLF, Unicode spaces, `edit` without `next`, sub-tables, names seen twice, VDOM
 * wrappers and files cut anywhere.
 */
import { expect } from 'chai';
import { scan } from '../../adapters/fortigate/scan.js';
import { ParseError } from '../../src/model/errors.js';
// seeded (mulberry32): a failing input can be made again from its seed
import { prng } from '../hostile/shapes.js';

/** Everything scan answers, as plain data (entries made, settings read). */
function reading(text: string, lineByLine: boolean): unknown {
  try {
    const s = scan(text, 'f.conf', { lineByLine });
    return {
      entries: s.entries.map((e) => ({ table: e.table, vdom: e.vdom, name: e.name, line: e.line, fields: [...e.fields.values()] })),
      kept: s.kept.map((e) => [e.table, e.vdom, e.name]),
      vdoms: s.vdoms,
      configVersion: s.configVersion,
      configBlocks: s.configBlocks,
      diagnostics: s.diagnostics,
    };
  } catch (e) {
    if (e instanceof ParseError) return { error: [e.line, e.message] };
    throw e;
  }
}

function expectSameReading(text: string): void {
  expect(reading(text, false)).to.deep.equal(reading(text, true));
}

/** Lines a table entry can hold: mostly what FortiOS prints, some made to end a run or fool it. */
const BODY: ((n: number) => string)[] = [
  (n) => `        set subnet 10.${n % 250}.0.0 255.255.0.0`,
  (n) => `        set uuid 78ea5ee9-b8e5-51ef-7aad-${String(n).padStart(12, '0')}`,
  (n) => `        set comment "asset ${n}"`,
  () => '        set member "lan" "dmz" "srv-1"',
  () => '        set srcintf "internal"',
  () => '        set comment "moved from\nend\nconfig vpn ipsec phase1-interface\n    edit "fake"\n        set remote-gw 1.1.1.1\nstill the comment"',
  () => '        set comment "two\n    next\n    edit "inside-quote"\n"',
  () => '        set comment "esc \\" quote"',
  () => '        set comment "ends in backslash \\\\"',
  () => "        set comment 'single \" quote'",
  () => '        set comment a" "b',
  () => '        set comment a"b c"',
  () => '        set comment "a""b"',
  () => '        set x "a" # note "open',
  () => '        set x y # comment',
  () => '        unset comment',
  () => '        append member "extra"',
  () => '        stray words',
  () => '        set subnet 10.2.0.0/16 --More--',
  () => ' --More-- \b\b\bset type ipmask',
  // a backspace inside quotes: cleaning it takes the quote before it, and the line opens a value
  () => '        set comment "\b" "x"',
  () => '        set type ipmask\r',
  () => '\u00a0       set type iprange',
  () => '        set\tstart-ip 10.0.0.1',
  () => '        set end-ip 10.0.0.9   ',
  () => '',
  () => '#config-version=FG100F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin',
  () => '        config tagging\n            edit "t"\n                set category "c"\n            next\n        end',
  () => '        config ipv6\n            set ip6-address ::/0\n        end',
];

const TABLES = [
  'firewall address',
  'firewall address',
  'firewall addrgrp',
  'firewall address6',
  'firewall policy',
  'firewall policy',
  'firewall vip',
  'vpn ipsec phase1-interface',
  'vpn ipsec phase2-interface',
  'system interface',
  'system global',
];

function entryLines(r: () => number, n: number, plain: boolean): string[] {
  const out: string[] = [];
  const count = Math.floor(r() * 5);
  for (let k = 0; k < count; k++) out.push(plain || r() < 0.7 ? BODY[Math.floor(r() * 5)](n + k) : BODY[Math.floor(r() * BODY.length)](n + k));
  return out;
}

function table(r: () => number, path: string, entries: number, plain: boolean): string[] {
  const out = [`config ${path}`];
  if (path === 'system global') return [...out, '    set hostname "FGT-1"', '    set alias "x"', 'end'];
  for (let k = 0; k < entries; k++) {
    // a few names come back (a later edit of the same name adds to the entry)
    const name = r() < 0.1 ? `obj-${Math.floor(r() * 3)}` : `obj-${k}`;
    out.push(r() < 0.5 ? `    edit "${name}"` : `    edit ${name}`);
    out.push(...entryLines(r, k, plain));
    const close = plain ? 0 : r();
    if (close < 0.9) out.push('    next');
    else if (close < 0.95) out.push('    end'); // `end` closing the edit, the table left
  }
  out.push('end');
  return out;
}

function document(seed: number): string {
  const r = prng(seed);
  const lines: string[] = [];
  if (r() < 0.7) lines.push('#config-version=FG100F-7.2.8-FW-build1639-240313:opmode=0:vdom=1:user=admin');
  const vdom = r() < 0.3;
  if (vdom) lines.push('config vdom', `edit ${r() < 0.5 ? 'root' : 'branch'}`);
  const blocks = 1 + Math.floor(r() * 6);
  for (let b = 0; b < blocks; b++) {
    const path = TABLES[Math.floor(r() * TABLES.length)];
    lines.push(...table(r, path, Math.floor(r() * 40), r() < 0.4));
  }
  if (vdom) lines.push('end');
  let text = lines.join(r() < 0.1 ? '\r\n' : '\n');
  if (r() < 0.8) text += '\n';
  // a file cut anywhere: inside a quoted value, an entry, a run
  if (r() < 0.15) text = text.slice(0, Math.floor(r() * text.length));
  return text;
}

describe('fortigate scanner: passing over plain lines reads what the line scanner reads', () => {
  it('the same reading on 400 generated configurations', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const text = document(seed);
      try {
        expectSameReading(text);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message.slice(0, 2000)}`);
      }
    }
  });

  it('a large backup: runs longer than one match, address entries made only when asked for', () => {
    const r = prng(7);
    const text = `${[
      ...table(r, 'firewall address', 3000, true),
      ...table(r, 'firewall policy', 1500, true),
      ...table(r, 'vpn ipsec phase1-interface', 3, true),
      ...table(r, 'firewall address', 20, false),
    ].join('\n')}\n`;
    expectSameReading(text);
    const s = scan(text, 'f.conf');
    // the VPN entries are there without making a single address entry
    expect(s.kept.map((e) => e.table)).to.deep.equal(['vpn ipsec phase1-interface', 'vpn ipsec phase1-interface', 'vpn ipsec phase1-interface']);
    const last = text.split('\n').findIndex((l) => /^ {4}edit "?obj-2999"?$/.test(l)) + 1;
    expect(s.entries.find((e) => e.name === 'obj-2999')).to.deep.include({ table: 'firewall address', line: last });
  });

  it('an address named again after a run passed over: one entry, its settings in file order', () => {
    const text = [
      'config firewall address',
      '    edit "lan"',
      '        set subnet 10.1.0.0 255.255.0.0',
      '        set comment "first"',
      '    next',
      '    edit "dmz"',
      '        set subnet 10.2.0.0 255.255.0.0',
      '    next',
      'end',
      'config firewall address',
      '    edit "lan"',
      "        set comment 'second'",
      '    next',
      'end',
      '',
    ].join('\n');
    expectSameReading(text);
    const s = scan(text, 'f.conf');
    expect(s.entries.map((e) => [e.name, e.line])).to.deep.equal([
      ['lan', 2],
      ['dmz', 6],
    ]);
    expect([...s.entries[0].fields.values()].map((f) => [f.key, f.values, f.line])).to.deep.equal([
      ['subnet', ['10.1.0.0', '255.255.0.0'], 3],
      ['comment', ['second'], 12],
    ]);
  });

  it('a line too long for one match (4 million words) is read line by line, not an exception', () => {
    const text = ['config firewall policy', '    edit 1', `        set srcaddr${' a'.repeat(4_200_000)}`, '    next', 'end', ''].join('\n');
    expectSameReading(text);
    expect(scan(text, 'f.conf').configBlocks).to.equal(1);
  });
});
