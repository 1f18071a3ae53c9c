/**
 * Issue 13, Robustness: an unreadable file or directory (EACCES) is an `unreadable-config`
 * finding and the audit goes on; a broken baseline entry, a symlink-to-file audit root, a
 * backtracking .gitignore pattern: clean errors or linear matching.
 *
 * EACCES as root: root reads everything (CAP_DAC_OVERRIDE), so the audit runs in a child process
 * whose uid and gid are dropped to nobody (65534) — Node's spawn `uid`/`gid` — over a temporary
 * tree the test made world-readable except for the file and folder chmod 000. As any other user
 * the same chmod 000 is unreadable to the test's own uid, and the child runs as that uid.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBaseline } from '../../src/audit/baseline.js';
import { discover } from '../../src/audit/discover.js';
import { isExcluded, parsePatterns } from '../../src/audit/glob.js';
import { ParseError } from '../../src/model/errors.js';
import { decodeText } from '../../src/read/decode.js';
import { run } from '../../src/cli/main.js';
import { fixturePath, ROOT } from '../helpers.js';
import { captureIo } from '../io.js';

const IPSEC_CONF = fixturePath('pairs', 'sw-swanctl-ipsecconf-match', 'site-b.ipsec.conf');
const SWANCTL = fixturePath('audit-repo', 'configs', 'dc', 'strongswan-bern', 'swanctl.conf');

/** The CLI from source in a child process, optionally as another user. */
function cli(args: string[], cwd: string, user?: { uid: number; gid: number }) {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return spawnSync(process.execPath, ['--import', tsx, join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    ...(user ?? {}),
  });
}

describe('hostile: an unreadable file or directory is a finding, and the audit goes on', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-eacces-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'configs', 'locked'), { recursive: true });
    writeFileSync(join(dir, 'configs', 'gw-b.ipsec.conf'), readFileSync(IPSEC_CONF));
    writeFileSync(join(dir, 'configs', 'locked', 'inside.conf'), readFileSync(SWANCTL));
    writeFileSync(join(dir, 'configs', 'secret.conf'), readFileSync(SWANCTL));
    for (const d of [dir, join(dir, 'configs')]) chmodSync(d, 0o755);
    chmodSync(join(dir, 'configs', 'gw-b.ipsec.conf'), 0o644);
    chmodSync(join(dir, 'configs', 'secret.conf'), 0o000);
    chmodSync(join(dir, 'configs', 'locked'), 0o000);
  });
  after(() => {
    chmodSync(join(dir, 'configs', 'locked'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('EACCES on a file and on a folder: two unreadable-config findings, the readable device still audited (run as nobody when root)', () => {
    const asRoot = process.getuid?.() === 0;
    const r = cli(['audit', 'configs', '--format', 'json', '--fail-on', 'none', '--jobs', '1'], dir, asRoot ? { uid: 65534, gid: 65534 } : undefined);
    expect(r.stderr).not.to.contain('internal error');
    expect(r.status).to.equal(0);
    const report = JSON.parse(r.stdout) as { inputs: Array<{ origin: string }>; findings: Array<{ rule: string; message: string }> };
    expect(report.inputs.map((i) => i.origin)).to.deep.equal(['configs/gw-b.ipsec.conf']);
    expect(report.findings.filter((f) => f.rule === 'unreadable-config').map((f) => f.message)).to.deep.equal([
      'configs/locked: directory permission denied: the configurations in it are not checked',
      'configs/secret.conf: cannot read the file: permission denied',
    ]);
  });
});

describe('hostile: audit roots, ignore files and baselines from the repository', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-roots-'));
    mkdirSync(join(dir, 'configs'));
    writeFileSync(join(dir, 'configs', 'gw-b.ipsec.conf'), readFileSync(IPSEC_CONF));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a root that is a symlink to a file is audited as that file (not "internal error"); a dangling one is a note', async () => {
    symlinkSync(join(dir, 'configs', 'gw-b.ipsec.conf'), join(dir, 'link.conf'));
    symlinkSync(join(dir, 'nothing'), join(dir, 'dangling'));
    const found = discover([join(dir, 'link.conf'), join(dir, 'dangling')], [], 1 << 20);
    expect(found.files).to.deep.equal([join(dir, 'link.conf')]);
    expect(found.skipped).to.deep.equal([{ path: join(dir, 'dangling'), reason: 'is a symbolic link to nothing' }]);
    const io = captureIo();
    expect(await run(['audit', join(dir, 'link.conf'), '--format', 'json', '--fail-on', 'none', '--jobs', '1'], io)).to.equal(0);
    expect(io.err).to.equal('');
  });

  it('a .gitignore that is a symlink or a FIFO is not read (a note), and the walk goes on', () => {
    symlinkSync('/etc/passwd', join(dir, '.gitignore'));
    spawnSync('mkfifo', [join(dir, '.ipsec-driftignore')]);
    const found = discover([dir], [], 1 << 20);
    expect(found.files).to.deep.equal([join(dir, 'configs', 'gw-b.ipsec.conf')]);
    expect(found.skipped.map((s) => s.reason)).to.deep.equal([
      'ignore file not read: is a symbolic link that loops or is not followed',
      'ignore file not read: is a FIFO (named pipe), not a regular file: refused',
      'symbolic link (not followed)',
      'not a regular file (a FIFO, socket or device): not read',
    ]);
  });

  it('.gitignore patterns that backtrack in a RegExp engine match in linear time, with git’s answers', () => {
    const stars = `${'*a'.repeat(30)}*b`;
    const path = `${'a'.repeat(200)}/${'a'.repeat(200)}`;
    const globs = [`${'**/'.repeat(50)}x`, stars, `/${'*'.repeat(5000)}c`, `${'?'.repeat(300)}`];
    const start = process.hrtime.bigint();
    for (const g of globs) expect(isExcluded(path, false, parsePatterns([g])), g.slice(0, 20)).to.equal(false);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // a backtracking matcher takes hours on the second pattern; this one microseconds per character pair
    expect(ms).to.be.below(3000);
    expect(isExcluded(`${'a'.repeat(20)}b`, false, parsePatterns([stars.slice(2)]))).to.equal(false);
    expect(isExcluded(`${'a'.repeat(40)}b`, false, parsePatterns([stars.slice(2)]))).to.equal(true);
    expect(isExcluded(`${'a'.repeat(40)}b`, false, parsePatterns(['*a*a*a*b']))).to.equal(true);
    expect(isExcluded('x/y/z/keep.conf', false, parsePatterns(['**/**/**/keep.conf']))).to.equal(true);
    expect(isExcluded('keep.conf', false, parsePatterns(['**/**/keep.conf']))).to.equal(true);
    expect(isExcluded('akeep.conf', false, parsePatterns(['**/keep.conf']))).to.equal(false);
    expect(isExcluded('configs/old/a.conf', false, parsePatterns(['configs/old']))).to.equal(true);
    expect(isExcluded('configs/older', true, parsePatterns(['configs/old']))).to.equal(false);
    // an unclosed bracket is a character, not a broken expression
    expect(isExcluded('a[b', false, parsePatterns(['a[b']))).to.equal(true);
  });

  it('a baseline entry that is null, a number or has non-string ends is a clean file:line error', () => {
    const f = join(dir, 'baseline.json');
    const cases: Array<[string, string]> = [
      ['{"version":1,"entries":[null]}', `${f}:1: entries[0]: expected an ipsec-drift baseline: {"version": 1, "entries": [{"rule", "ends", "setting"}]}`],
      [
        '{\n  "version": 1,\n  "entries": [\n    {"rule": "a", "ends": [], "setting": ""},\n    7\n  ]\n}',
        `${f}:5: entries[1]: expected an ipsec-drift baseline: {"version": 1, "entries": [{"rule", "ends", "setting"}]}`,
      ],
      [
        '{"version":1,"entries":[{"rule":"a","ends":[null],"setting":""}]}',
        `${f}:1: entries[0]: expected an ipsec-drift baseline: {"version": 1, "entries": [{"rule", "ends", "setting"}]}`,
      ],
      ['null', `${f}:1: expected an ipsec-drift baseline: {"version": 1, "entries": [{"rule", "ends", "setting"}]}`],
      ['root:x:0:0:root', `${f}: not valid JSON: expected an ipsec-drift baseline`],
    ];
    for (const [text, expected] of cases) {
      writeFileSync(f, text);
      let err: unknown;
      try {
        readBaseline(f);
      } catch (e) {
        err = e;
      }
      expect(err, text).to.be.instanceOf(ParseError);
      expect((err as ParseError).located, text).to.equal(expected);
    }
    expect(() => readBaseline('/dev/zero')).to.throw(ParseError, 'is a character device');
  });

  it('a tiny ASCII file is not taken for UTF-16 (4–7 bytes without a NUL)', () => {
    expect(decodeText(Buffer.from('null'), 'x')).to.equal('null');
    expect(decodeText(Buffer.from('a=b\n'), 'x')).to.equal('a=b\n');
  });
});

describe('hostile: a closed output pipe (`… | head`)', () => {
  /** The CLI in a child process whose stdout reader is gone before it writes (or not). */
  function runClosed(args: string[], closeStdout: boolean): Promise<{ code: number | null; err: string }> {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    if (closeStdout) child.stdout.destroy();
    else child.stdout.resume();
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    return new Promise((done) => child.on('exit', (code) => done({ code, err })));
  }

  it('exits quietly with the code the run would have had: no EPIPE, no stack trace', async function () {
    this.timeout(120_000);
    for (const args of [
      ['rules'],
      ['show', 'fixtures/ios/br1-rtr-running-config.cfg', '--format', 'json'],
      ['audit', 'fixtures/audit-repo', '--format', 'json'],
    ]) {
      const [closed, open] = await Promise.all([runClosed(args, true), runClosed(args, false)]);
      expect(closed.err, args.join(' ')).to.equal('');
      expect(closed.code, args.join(' ')).to.equal(open.code);
    }
  });
});
