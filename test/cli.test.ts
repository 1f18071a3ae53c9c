/** The CLI in-process (argument handling, exit codes, formats) and as a real process (no stack traces). */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/main.js';
import { rules } from '../src/compare/rules/index.js';
import { ROOT } from './helpers.js';
import { captureIo } from './io.js';

const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-cli-'));

describe('cli', () => {
  it('rules --format json lists every rule with metadata', async () => {
    const io = captureIo();
    expect(await run(['rules', '--format', 'json'], io)).to.equal(0);
    const list = JSON.parse(io.out) as Array<{ id: string; symptoms: string[]; docs: string }>;
    // the configuration rules, then the runtime state rules
    expect(list.map((r) => r.id)).to.deep.equal([
      ...rules.map((r) => r.id),
      'stale-sa',
      'orphan-sa',
      'duplicate-sa',
      'ike-sa-missing',
      'negotiated-vs-configured',
      'sa-error-counters',
    ]);
    expect(list.find((r) => r.id === 'p2-lifetime-mismatch')?.docs).to.equal('docs/rules/p2-lifetime-mismatch.md');
  });

  it('explain 0x00003647 points at the lifetime rules and the Windows settings', async () => {
    const io = captureIo();
    expect(await run(['explain', '0x00003647'], io)).to.equal(0);
    expect(io.out).to.contain('ERROR_IPSEC_IKE_QM_EXPIRED');
    for (const id of ['p2-lifetime-mismatch', 'lifetime-unit-trap', 'pfs-mismatch']) expect(io.out).to.contain(`- ${id}:`);
    expect(io.out).to.contain('QuickModeSecMethods');
    expect(io.out).to.contain('SALifeTimeSeconds');
  });

  it('explain 0xC0360001 points at lifetimes, NAT-T and DPD, and names the state rules next to them', async () => {
    const io = captureIo();
    expect(await run(['explain', '0xC0360001'], io)).to.equal(0);
    expect(io.out).to.contain('STATUS_IPSEC_BAD_SPI');
    for (const id of ['p2-lifetime-mismatch', 'natt-mismatch', 'dpd-mismatch']) expect(io.out).to.contain(`- ${id}:`);
    const [config, state] = io.out.split('Runtime state rules that show it (ipsec-drift state, compare --state):');
    expect(config).to.contain('Configuration rules that cause it (ipsec-drift compare):');
    expect(
      state
        .split('\n\n')[0]
        .trim()
        .split('\n')
        .map((l) => l.trim().split(':')[0]),
    ).to.deep.equal(['- stale-sa', '- orphan-sa', '- duplicate-sa', '- sa-error-counters']);
    expect(io.out).to.contain('`ipsec-drift state <this end> <other end>`');
  });

  it('explain a rule id prints its explanation', async () => {
    const io = captureIo();
    expect(await run(['explain', 'lifetime-unit-trap'], io)).to.equal(0);
    expect(io.out).to.match(/^lifetime-unit-trap — /);
  });

  it('explain knows every rule of the catalogue, the managed-end (cloud) rules among them', async () => {
    for (const id of ['lifetime-out-of-range', 'unsupported-proposal', 'redundant-tunnel-missing', 'redundant-tunnels-differ'])
      expect(rules.map((r) => r.id)).to.include(id);
    for (const r of rules) {
      const io = captureIo();
      expect(await run(['explain', r.id], io), r.id).to.equal(0);
      expect(io.out.startsWith(`${r.id} — ${r.title}\n`), r.id).to.equal(true);
      expect(io.out).to.include(`docs/rules/${r.id}.md`);
    }
  });

  it('unknown command, unknown option, unknown code: exit 2 with a message', async () => {
    for (const argv of [['frobnicate'], ['compare', '--bogus', 'a', 'b'], ['explain', '0x1234'], ['compare', 'only-one']]) {
      const io = captureIo();
      expect(await run(argv, io), argv.join(' ')).to.equal(2);
      expect(io.err).to.match(/^ipsec-drift: /);
      expect(io.err).not.to.contain('    at ');
    }
  });

  it('a missing file, an empty file, a binary file, an unknown format: exit 2 with file: message', async () => {
    const empty = join(tmp, 'empty.conf');
    writeFileSync(empty, '  \n');
    const bin = join(tmp, 'blob.bin');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0]));
    const unknown = join(tmp, 'notes.txt');
    writeFileSync(unknown, 'shopping list\neggs\nmilk\n');
    const missing = join(tmp, 'nope.conf');
    const expectations: Array<[string, RegExp]> = [
      [missing, /nope\.conf: cannot read the file/],
      [empty, /empty\.conf: the file is empty/],
      [bin, /blob\.bin: this is a binary file/],
      [unknown, /notes\.txt:1: unknown format: expected/],
    ];
    for (const [file, re] of expectations) {
      const io = captureIo();
      expect(await run(['show', file], io), file).to.equal(2);
      expect(io.err).to.match(re);
    }
  });

  it('the real binary prints errors without a stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'compare', join(tmp, 'nope.conf'), join(tmp, 'nope2.conf')], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/nope\.conf: cannot read the file/);
    expect(r.stderr).not.to.match(/\bat .*\.ts:\d+/);
  });
});
