/**
 * Command-line conventions (issue 14 §3), as ESLint, Trivy and actionlint users expect them:
 * per-command help, `help <command>`, -v/--version, --quiet, usage on stderr, options that do not
 * apply are errors, a missing output directory or audit path is a one-line error naming the path,
 * colour only on a TTY (NO_COLOR off, FORCE_COLOR on), COLUMNS honoured.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { colorWanted, PIPE_WIDTH, widthOf } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { progressLine } from '../src/cli/progress.js';
import { VERSION } from '../src/version.js';
import { ROOT } from './helpers.js';
import { captureIo } from './io.js';

const DEMO = ['fixtures/pairs/demo-fgt-pfsense/fgt-branch.conf', 'fixtures/pairs/demo-fgt-pfsense/pfsense-hq.xml'];
const STALE = ['fixtures/state/pairs/fgt-asa-stale-after-reboot/fgt-dc.txt', 'fixtures/state/pairs/fgt-asa-stale-after-reboot/asa-br12.txt'];
const COMMANDS = ['compare', 'state', 'audit', 'show', 'pull', 'rules', 'explain', 'lab'];
const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-conventions-'));

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('cli conventions', () => {
  it('-v and --version print the version alone, exit 0', async () => {
    for (const flag of ['-v', '--version']) expect(await cli([flag])).to.deep.equal({ code: 0, out: `${VERSION}\n`, err: '' });
  });

  it('--help and -h print the overview on stdout, exit 0; no command prints it on stderr, exit 2', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await cli([flag]);
      expect(r.code, flag).to.equal(0);
      expect(r.err).to.equal('');
      for (const c of COMMANDS) expect(r.out).to.contain(`ipsec-drift ${c} `);
      expect(r.out).to.contain('ipsec-drift help COMMAND');
    }
    const none = await cli([]);
    expect(none.code).to.equal(2);
    expect(none.out).to.equal('');
    expect(none.err).to.contain('Usage:\n  ipsec-drift compare A B');
  });

  it('every command has its own --help, the same as `help <command>`, listing only its options', async () => {
    const own: Record<string, string[]> = {
      compare: ['--format', '--output', '--fail-on', '--tunnel', '--vendor', '--state', '--sa', '--skew', '--known-hosts', '--quiet'],
      state: ['--format', '--output', '--fail-on', '--vendor', '--config', '--skew', '--known-hosts', '--quiet'],
      audit: ['--inventory', '--format', '--output', '--fail-on', '--baseline', '--write-baseline', '--exclude', '--jobs', '--quiet'],
      show: ['--format', '--vendor', '--known-hosts', '--quiet'],
      pull: ['--inventory', '--out', '--vendor', '--known-hosts', '--accept-new', '--concurrency', '--timeout', '--quiet'],
      rules: ['--format', '--quiet'],
      explain: ['--quiet'],
      lab: ['--format', '--tunnel', '--vendor', '--quiet'],
    };
    const notFor: Record<string, string[]> = {
      compare: ['--inventory', '--jobs', '--baseline', '--out'],
      show: ['--inventory', '--output', '--fail-on'],
      rules: ['--output', '--vendor'],
      explain: ['--format'],
      lab: ['--state', '--known-hosts'],
    };
    for (const c of COMMANDS) {
      const help = await cli([c, '--help']);
      expect(help.code, c).to.equal(0);
      expect(help.err).to.equal('');
      expect(help.out).to.match(new RegExp(`^Usage: ipsec-drift ${c} `));
      for (const o of own[c]) expect(help.out, `${c} ${o}`).to.match(new RegExp(`^  (-\\w, )?${o}\\b`, 'm'));
      for (const o of notFor[c] ?? []) expect(help.out, `${c} ${o}`).not.to.match(new RegExp(`^  (-\\w, )?${o}\\b`, 'm'));
      expect((await cli(['help', c])).out).to.equal(help.out);
    }
  });

  it('an option another command takes is an error that says which do (exit 2, usage on stderr)', async () => {
    const r = await cli(['show', DEMO[0], '--inventory', 'tunnels.yaml']);
    expect(r.code).to.equal(2);
    expect(r.out).to.equal('');
    expect(r.err).to.equal(
      "ipsec-drift: unknown option '--inventory': show does not take it (audit, pull do)\nusage: ipsec-drift show FILE [options]\n(ipsec-drift help show lists the options)\n",
    );
    const jobs = await cli(['compare', ...DEMO, '--jobs', '2']);
    expect(jobs.code).to.equal(2);
    expect(jobs.err.split('\n')[0]).to.equal("ipsec-drift: unknown option '--jobs': compare does not take it (audit does)");
    const out = await cli(['rules', '--out', tmp]);
    expect(out.code).to.equal(2);
    expect(out.err.split('\n')[0]).to.equal("ipsec-drift: unknown option '--out': rules does not take it (pull does)");
  });

  it('an unknown command suggests the nearest one', async () => {
    const r = await cli(['compre', ...DEMO]);
    expect(r.code).to.equal(2);
    expect(r.err).to.equal("ipsec-drift: unknown command 'compre'\n(Did you mean compare?)\n(ipsec-drift --help lists the commands)\n");
  });

  it('--output into a missing directory: one line naming the path, exit 2, before any work', async () => {
    const target = join('no-such-dir', 'report.json');
    for (const argv of [
      ['compare', ...DEMO, '--format', 'json', '--output', target],
      ['state', ...STALE, '--format', 'json', '--output', target],
      ['audit', 'fixtures/audit-repo/configs/hq', '--format', 'json', '--output', target],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv[0]).to.equal(2);
      expect(r.err).to.equal(`ipsec-drift: --output ${target}: the directory no-such-dir does not exist\n`);
      expect(r.out).to.equal('');
    }
    const dir = await cli(['compare', ...DEMO, '--output', tmp]);
    expect(dir.err).to.equal(`ipsec-drift: --output ${tmp}: is a directory; give a file name\n`);
    const baseline = await cli(['audit', 'fixtures/audit-repo/configs/hq', '--write-baseline', target]);
    expect(baseline.err).to.equal(`ipsec-drift: --write-baseline ${target}: the directory no-such-dir does not exist\n`);
  });

  it('an audit path that does not exist: one line naming it as typed, exit 2', async () => {
    const r = await cli(['audit', 'fixtures/audit-repo/configs/hq', './no/such/configs']);
    expect(r).to.deep.equal({ code: 2, out: '', err: 'ipsec-drift: audit: ./no/such/configs: no such file or directory\n' });
  });

  it('--quiet (-q) is taken by every command, before or after it', async () => {
    expect((await cli(['rules', '-q', '--format', 'json'])).code).to.equal(0);
    expect((await cli(['-q', 'explain', '0x00003647'])).code).to.equal(0);
    expect((await cli(['compare', ...DEMO, '--quiet'])).code).to.equal(0);
  });

  it('colour: FORCE_COLOR wins, then NO_COLOR, then TERM=dumb, else only on a TTY', () => {
    expect(colorWanted({}, true)).to.equal(true);
    expect(colorWanted({}, false)).to.equal(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).to.equal(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).to.equal(true);
    expect(colorWanted({ TERM: 'dumb' }, true)).to.equal(false);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).to.equal(true);
    expect(colorWanted({ FORCE_COLOR: '' }, false)).to.equal(true);
    expect(colorWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).to.equal(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).to.equal(false);
    expect(colorWanted({ FORCE_COLOR: 'false' }, true)).to.equal(false);
  });

  it('width: COLUMNS, else the terminal, else a pipe default', () => {
    expect(widthOf({ COLUMNS: '80' }, 200)).to.equal(80);
    expect(widthOf({ COLUMNS: '80' }, undefined)).to.equal(80);
    expect(widthOf({}, 132)).to.equal(132);
    expect(widthOf({ COLUMNS: 'wide' }, undefined)).to.equal(PIPE_WIDTH);
    expect(widthOf({}, undefined)).to.equal(PIPE_WIDTH);
  });

  it('progress: nothing in the first second, then the stage and its count at most ten times a second, erased at the end', () => {
    let t = 0;
    let err = '';
    const line = progressLine(
      (s) => {
        err += s;
      },
      () => t,
    );
    line.listener('read', 1, 2000);
    t = 999;
    line.listener('read', 900, 2000);
    expect(err).to.equal('');
    t = 1000;
    line.listener('read', 901, 2000);
    t = 1050;
    line.listener('read', 950, 2000); // within 100 ms of the last draw
    t = 1100;
    line.listener('pair');
    line.listener('a stage nobody names');
    t = 1300;
    line.listener('check', 7, 9);
    line.finish();
    expect(err).to.equal(
      '\r\u001b[Kipsec-drift: reading files 901/2000\r\u001b[Kipsec-drift: pairing tunnel ends…\r\u001b[Kipsec-drift: checking tunnel pairs 7/9\r\u001b[K',
    );
    let none = '';
    const quick = progressLine(
      (s) => {
        none += s;
      },
      () => 0,
    );
    quick.listener('read', 1, 1);
    quick.finish();
    expect(none).to.equal('');
  });

  it('progress of an audit: on stderr for a person at a terminal, never with --quiet, in CI or through a pipe', async () => {
    const audit = async (progress: boolean, env: NodeJS.ProcessEnv, extra: string[] = []) => {
      const io = captureIo({ env });
      // a clock that moves a second at every look: every progress event is past the first second
      let t = Date.parse('2026-03-02T08:00:00Z');
      io.now = () => {
        t += 1000;
        return new Date(t);
      };
      io.progress = progress;
      const code = await run(['audit', 'fixtures/audit-repo/configs', '--fail-on', 'none', '--format', 'json', ...extra], io);
      expect(code, io.err).to.equal(0);
      return io.err;
    };
    const shown = await audit(true, {});
    expect(shown).to.contain('\r\u001b[Kipsec-drift: finding files…');
    expect(shown).to.match(/ipsec-drift: reading files \d+\/15/);
    expect(shown).to.match(/ipsec-drift: checking tunnel pairs \d+\/8/);
    expect(shown.endsWith('\r\u001b[K')).to.equal(true);
    expect(await audit(true, {}, ['--quiet'])).not.to.contain('ipsec-drift: reading');
    expect(await audit(true, { CI: 'true' })).not.to.contain('ipsec-drift: reading');
    expect(await audit(false, {})).not.to.contain('ipsec-drift: reading');
  });

  it('the real process: through a pipe no colour unless FORCE_COLOR; COLUMNS=80 gives blocks of at most 80 columns', () => {
    const main = join(ROOT, 'src/cli/main.ts');
    const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined, COLUMNS: '80', CI: undefined };
    const plain = spawnSync(process.execPath, ['--import', 'tsx', main, 'compare', ...DEMO, '--fail-on', 'info'], { cwd: ROOT, encoding: 'utf8', env });
    expect(plain.status).to.equal(1);
    expect(plain.stdout).not.to.contain('\u001b[');
    expect(plain.stdout).to.contain('\n1. info  p2-lifetime-mismatch\n');
    expect(Math.max(...plain.stdout.split('\n').map((l) => [...l].length))).to.be.at.most(80);
    const forced = spawnSync(process.execPath, ['--import', 'tsx', main, 'compare', ...DEMO], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...env, FORCE_COLOR: '1' },
    });
    expect(forced.status).to.equal(0);
    expect(forced.stdout).to.contain('\u001b[36m1. info\u001b[0m  p2-lifetime-mismatch');
    const usage = spawnSync(process.execPath, ['--import', 'tsx', main], { cwd: ROOT, encoding: 'utf8', env });
    expect(usage.status).to.equal(2);
    expect(usage.stdout).to.equal('');
    expect(usage.stderr).to.contain('Usage:');
  });
});
