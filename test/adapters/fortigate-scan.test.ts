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
