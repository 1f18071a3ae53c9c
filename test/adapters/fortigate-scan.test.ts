/**
 * The FortiGate scanner inside blocks that hold no table it reads (firewall policy, an entry's
 * own sub-table…): only their block structure and quotes matter, and these inputs put there what
 * could fool a scanner that skips them — a multi-line quoted value holding `end` and `config`
 * lines, a pager remnant before `end`, an entry's sub-table, a file cut inside a skipped table.
 * Any faster skipping of such blocks must keep every value and line number asserted here.
 */
import { expect } from 'chai';
import { scan } from '../../adapters/fortigate/scan.js';
import { ParseError } from '../../src/model/errors.js';

const lines = (...l: string[]) => l.join('\n');

describe('fortigate scanner: blocks it does not read', () => {
  it('a quoted value spanning lines in a skipped table hides its `end` and `config` lines', () => {
    const s = scan(
      lines(
        '#config-version=FG100F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin',
        'config firewall policy',
        '    edit 1',
        '        set name "p1"',
        '        set comments "first line',
        'end',
        'config vpn ipsec phase1-interface',
        '    edit "fake"',
        '        set remote-gw 1.1.1.1',
        '    next',
        'end',
        'still the comment"',
        '        set action accept',
        '    next',
        'end',
        'config vpn ipsec phase1-interface',
        '    edit "real"',
        '        set remote-gw 192.0.2.1',
        '    next',
        'end',
      ),
      'f.conf',
    );
    expect(s.entries.map((e) => [e.table, e.name, e.line])).to.deep.equal([['vpn ipsec phase1-interface', 'real', 17]]);
    expect(s.entries[0].fields.get('remote-gw')).to.deep.include({ values: ['192.0.2.1'], line: 18 });
    expect(s.configVersion).to.deep.equal({ text: 'FG100F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin', line: 1 });
    // the `config` inside the quoted value is not a block
    expect(s.configBlocks).to.equal(2);
  });

  it('a pager remnant before `end` in a skipped table still closes it', () => {
    const s = scan(
      lines(
        'config firewall address6',
        'end',
        'config firewall policy',
        '    edit 7',
        '    next',
        ' --More-- \b\b\bend',
        'config vpn ipsec phase2-interface',
        '    edit "p2"',
        '        set phase1name "real"',
        '    next',
        'end',
      ),
      'f.conf',
    );
    expect(s.entries.map((e) => [e.table, e.name, e.line])).to.deep.equal([['vpn ipsec phase2-interface', 'p2', 8]]);
    expect(s.diagnostics).to.deep.equal([]);
  });

  it("an entry's own sub-table is skipped and the entry's settings after it are kept", () => {
    const s = scan(
      lines(
        'config vpn ipsec phase1-interface',
        '    edit "t1"',
        '        set interface "wan1"',
        '        config ipv4-exclude-range',
        '            edit 1',
        '                set start-ip 10.0.0.1',
        '            next',
        '        end',
        '        set remote-gw 198.51.100.7',
        '    next',
        'end',
      ),
      'f.conf',
    );
    expect(s.entries).to.have.length(1);
    expect([...s.entries[0].fields.keys()]).to.deep.equal(['interface', 'remote-gw']);
    expect(s.entries[0].fields.get('remote-gw')?.line).to.equal(9);
  });

  it('a file cut inside a skipped table: a warning at its last line, the tunnels before it kept', () => {
    const s = scan(
      lines('config vpn ipsec phase1-interface', '    edit "t1"', '    next', 'end', 'config firewall policy', '    edit 1', '        set name "x"', ''),
      'f.conf',
    );
    expect(s.entries.map((e) => e.name)).to.deep.equal(['t1']);
    expect(s.diagnostics).to.deep.equal([
      {
        level: 'warning',
        message: 'the file ends inside `config firewall policy` (line 5) without `end` (truncated?); nothing IPsec-related was cut',
        at: { file: 'f.conf', line: 8 },
      },
    ]);
  });

  it('a quoted value left open in a skipped table is a warning at the line it opened', () => {
    const s = scan(lines('config firewall policy', '    edit 1', '        set comments "never closed', 'end'), 'f.conf');
    expect(s.diagnostics[0]).to.deep.include({ level: 'warning', at: { file: 'f.conf', line: 3 } });
    expect(s.diagnostics[0].message).to.match(/closing quote of the value opened at line 3/);
  });

  it('a file cut inside a wanted table is still an error at its last line', () => {
    let error: unknown;
    try {
      scan(lines('config firewall policy', 'end', 'config vpn ipsec phase1-interface', '    edit "t1"', '        set remote-gw 192.0.2.1'), 'f.conf');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ParseError);
    expect((error as ParseError).line).to.equal(5);
  });
});

describe('fortigate scanner: address tables, read only when a phase 2 names an entry', () => {
  const backup = lines(
    'config firewall address',
    '    edit "lan"',
    '        set comment "moved from',
    '    next',
    'end',
    '        set subnet 10.9.9.0 255.255.255.0"',
    '        set subnet 10.1.0.0 255.255.0.0',
    '    next',
    '    edit "we\\"ird"',
    '        set subnet 10.2.0.0/16 --More--',
    '        config tagging',
    '            edit "t"',
    '                set subnet 10.3.0.0/16',
    '            next',
    '        end',
    '        set allow-routing enable',
    '        stray words',
    '    next',
    '    edit "lan"',
    '        unset comment',
    '        set type ipmask',
    '    next',
    'end',
  );

  it('keeps every set line of an entry, in order, with its line, from each run of lines it is made of', () => {
    const s = scan(backup, 'f.conf');
    expect(s.entries.map((e) => [e.table, e.name, e.line])).to.deep.equal([
      ['firewall address', 'lan', 2],
      ['firewall address', 'we"ird', 9],
    ]);
    // the quoted comment hides a `next`, an `end` and a `set subnet`; the second `edit "lan"` adds to the first
    expect([...s.entries[0].fields.values()].map((f) => [f.key, f.values, f.line])).to.deep.equal([
      ['subnet', ['10.1.0.0', '255.255.0.0'], 7],
      ['type', ['ipmask'], 21],
    ]);
    // the pager remnant is cut, the sub-table's set line is not the entry's
    expect([...s.entries[1].fields.values()].map((f) => [f.key, f.values, f.line])).to.deep.equal([
      ['subnet', ['10.2.0.0/16'], 10],
      ['allow-routing', ['enable'], 16],
    ]);
  });

  it('says which stray line it ignored without reading the entry', () => {
    const s = scan(backup, 'f.conf');
    expect(s.diagnostics).to.deep.equal([
      { level: 'info', message: 'ignored a line FortiOS does not print inside `edit "we"ird"`', at: { file: 'f.conf', line: 17 } },
    ]);
  });

  it('a quoted value left open in an address entry is an error at the last line', () => {
    let error: unknown;
    try {
      scan(lines('config firewall address', '    edit "a"', '        set comment "open', '    next', 'end', ''), 'f.conf');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ParseError);
    expect((error as ParseError).line).to.equal(6);
    expect((error as ParseError).message).to.match(/closing quote of the value opened at line 3/);
  });

  it('finds tables behind a VDOM wrapper and the nested spelling after a skipped table', () => {
    const s = scan(
      lines(
        'config vdom',
        'edit root',
        'config firewall policy',
        '    edit 1',
        '        set srcaddr "lan"',
        '    next',
        'end',
        'config firewall',
        '    config addrgrp',
        '        edit "g"',
        '            set member "lan" "dmz"',
        '        next',
        '    end',
        'end',
        'end',
      ),
      'f.conf',
    );
    expect(s.vdoms).to.deep.equal(['root']);
    expect(s.entries.map((e) => [e.table, e.vdom, e.name, e.line])).to.deep.equal([['firewall addrgrp', 'root', 'g', 10]]);
    expect(s.entries[0].fields.get('member')).to.deep.equal({ key: 'member', values: ['lan', 'dmz'], raw: 'set member "lan" "dmz"', line: 11 });
  });
});
