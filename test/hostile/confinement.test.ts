/**
 * Issue 13, Security 1 and 2: nothing outside the audited tree is read because a file said so
 * (inventory `devices[].file`, strongSwan `include`, ipsec.secrets beside ipsec.conf), errors quote
 * little and never quote a file whose vendor was named but not recognised, and only regular files
 * are read, with the byte limit enforced while reading.
 *
 * The configurations written here are the project's own fixtures
 * (fixtures/pairs/sw-swanctl-ipsecconf-match/site-b.ipsec.conf, fixtures/audit-repo/configs/dc/
 * strongswan-bern/swanctl.conf) with one `include` line added, as strongSwan's ipsec.conf(5) and
 * swanctl.conf(5) define it ("include <pattern>", relative to the including file, globs allowed).
 */
import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { capExcerpts, MAX_EXCERPT, ParseError } from '../../src/model/errors.js';
import { loadDevice } from '../../src/read/load.js';
import { FileRefused, readRegularFile } from '../../src/read/regular-file.js';
import { fixturePath } from '../helpers.js';
import { captureIo } from '../io.js';

/** What an attacker would like to see in an uploaded report: stands for /etc/passwd or ~/.npmrc. */
const SECRET_LINE = 'root:x:0:0:root:/root:/bin/bash //registry.npmjs.org/:_authToken=npm_LEAKEDTOKEN0123456789';
const SECRET_CONN = 'conn stolen-from-outside';

function ipsecConf(): string {
  return readFileSync(fixturePath('pairs', 'sw-swanctl-ipsecconf-match', 'site-b.ipsec.conf'), 'utf8');
}

/** 1-based line of the first line equal to `line` (the fixtures' source-comment header moves them). */
function lineOf(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  if (i < 0) throw new Error(`not in the text: ${line}`);
  return i + 1;
}

function swanctlConf(): string {
  return readFileSync(fixturePath('audit-repo', 'configs', 'dc', 'strongswan-bern', 'swanctl.conf'), 'utf8');
}

/** Every output format of one audit, joined: what CI would upload. */
async function auditOutputs(
  args: string[],
  cwd: string,
): Promise<{
  code: number;
  all: string;
  json: { inputs: unknown[]; findings: Array<{ rule: string; message: string; a?: { setting?: { at?: { file: string; line: number } } } }> };
}> {
  const outs = ['json', 'sarif', 'junit', 'html'].map((f) => join(cwd, `out.${f}`));
  const io = captureIo();
  const here = process.cwd();
  process.chdir(cwd);
  let code: number;
  try {
    code = await run(
      [
        'audit',
        ...args,
        '--jobs',
        '1',
        '--fail-on',
        'none',
        ...['json', 'sarif', 'junit', 'html'].flatMap((f, i) => ['--format', f, '--output', outs[i]]),
        '--format',
        'table',
      ],
      io,
    );
  } finally {
    process.chdir(here);
  }
  const files = outs.map((o) => {
    try {
      return readFileSync(o, 'utf8');
    } catch {
      return '';
    }
  });
  return { code, all: [io.out, io.err, ...files].join('\n'), json: files[0] ? JSON.parse(files[0]) : { inputs: [], findings: [] } };
}

describe('hostile: paths named by files stay inside the audited tree', () => {
  let base: string;
  let repo: string;
  let outside: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'ipsec-drift-confine-'));
    repo = join(base, 'repo');
    outside = join(base, 'outside');
    mkdirSync(join(repo, 'configs'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'passwd'), `${SECRET_LINE}\n`);
    // a config outside, so that reading it would visibly add a tunnel
    writeFileSync(join(outside, 'extra.conf'), `${SECRET_CONN}\n    left=192.0.2.1\n    right=192.0.2.2\n    authby=secret\n`);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('an inventory file: ../ or absolute, or a symlink inside the tree that leads out, is an outside-audited-tree finding naming the path, never read', async () => {
    writeFileSync(join(repo, 'configs', 'gw-b.ipsec.conf'), ipsecConf());
    symlinkSync(join(outside, 'passwd'), join(repo, 'configs', 'innocent.conf'));
    writeFileSync(
      join(repo, 'tunnels.yaml'),
      [
        'devices:',
        '  - name: gw-b',
        '    file: configs/gw-b.ipsec.conf',
        '  - name: dotdot',
        '    file: ../outside/passwd',
        '    vendor: fortigate',
        `  - name: absolute`,
        `    file: ${join(outside, 'passwd')}`,
        '  - name: via-link',
        '    file: configs/innocent.conf',
        '    vendor: strongswan',
        '',
      ].join('\n'),
    );
    const r = await auditOutputs(['--inventory', 'tunnels.yaml'], repo);
    expect(r.code).to.equal(0);
    const outsideFindings = r.json.findings.filter((f) => f.rule === 'outside-audited-tree');
    expect(outsideFindings.map((f) => f.message)).to.deep.equal([
      // paths are shown relative to the working directory (the repository), as every path is
      'tunnels.yaml:4: ../outside/passwd lies outside the audited tree (after symbolic links): not read',
      'tunnels.yaml:7: ../outside/passwd lies outside the audited tree (after symbolic links): not read',
      'tunnels.yaml:9: configs/innocent.conf lies outside the audited tree (after symbolic links): not read',
    ]);
    expect(outsideFindings.map((f) => f.a?.setting?.at)).to.deep.equal([
      { file: 'tunnels.yaml', line: 4 },
      { file: 'tunnels.yaml', line: 7 },
      { file: 'tunnels.yaml', line: 9 },
    ]);
    expect(r.all).not.to.contain('root:x');
    expect(r.all).not.to.contain('LEAKEDTOKEN');
  });

  it('a strongSwan include (plain, glob, or through a symlinked folder) that leads out is a finding at the include line; nothing of it is read', async () => {
    mkdirSync(join(repo, 'configs', 'gw'));
    symlinkSync(outside, join(repo, 'configs', 'gw', 'shared'));
    const lines = ipsecConf().split('\n');
    const text = [
      ...lines.slice(0, 4),
      'include ../../../outside/extra.conf',
      `include /NOPE/../${outside.slice(1)}/*.conf`,
      'include shared/extra.conf',
      ...lines.slice(4),
    ].join('\n');
    writeFileSync(join(repo, 'configs', 'gw', 'gw-b.ipsec.conf'), text);
    const r = await auditOutputs(['configs'], repo);
    const outsideFindings = r.json.findings.filter((f) => f.rule === 'outside-audited-tree');
    expect(outsideFindings.map((f) => f.a?.setting?.at?.line)).to.deep.equal([5, 6, 7]);
    for (const f of outsideFindings) expect(f.message).to.match(/^configs\/gw\/gw-b\.ipsec\.conf:[567]: .* lies outside the audited tree/);
    expect(r.all).not.to.contain('stolen-from-outside');
    // the device itself is read
    expect(r.json.inputs).to.deep.equal([{ origin: 'configs/gw/gw-b.ipsec.conf', vendor: 'strongswan' }]);
  });

  it('an ipsec.secrets beside ipsec.conf that is a symlink out is refused (the PSK fingerprint stays unknown)', async () => {
    writeFileSync(join(repo, 'configs', 'gw-b.ipsec.conf'), ipsecConf());
    writeFileSync(join(outside, 'ipsec.secrets'), ': PSK "stolen-secret-value"\n');
    symlinkSync(join(outside, 'ipsec.secrets'), join(repo, 'configs', 'gw-b.ipsec.secrets'));
    const r = await auditOutputs(['configs'], repo);
    const f = r.json.findings.filter((x) => x.rule === 'outside-audited-tree');
    expect(f.map((x) => x.message)).to.deep.equal([
      'configs/gw-b.ipsec.conf:1: configs/gw-b.ipsec.secrets lies outside the audited tree (after symbolic links): not read',
    ]);
  });

  it('a swanctl include of an outside folder is refused before the folder is listed', async () => {
    const text = swanctlConf().replace('connections {', `include ${outside}/*.conf\n\nconnections {`);
    writeFileSync(join(repo, 'configs', 'swanctl.conf'), text);
    const r = await auditOutputs(['configs'], repo);
    const f = r.json.findings.filter((x) => x.rule === 'outside-audited-tree');
    const includeLine = lineOf(text, `include ${outside}/*.conf`);
    expect(f).to.have.length(1);
    expect(f[0].message).to.equal(`configs/swanctl.conf:${includeLine}: ../outside/*.conf lies outside the audited tree (after symbolic links): not read`);
    expect(r.all).not.to.contain('extra.conf'); // the folder's content was never listed
  });

  it('compare: an include out of the file’s folder is a warning on the device, not read', () => {
    const dir = join(repo, 'configs');
    const text = ipsecConf().replace('config setup', `include ${outside}/extra.conf\n\nconfig setup`);
    writeFileSync(join(dir, 'gw-b.ipsec.conf'), text);
    const d = loadDevice(join(dir, 'gw-b.ipsec.conf'));
    expect(d.tunnels.map((t) => t.name)).to.deep.equal(['to-site-a']);
    expect(d.diagnostics.filter((x) => x.message.includes('lies outside the folder')).map((x) => x.at?.line)).to.deep.equal([
      lineOf(text, `include ${outside}/extra.conf`),
    ]);
  });

  it('a forced vendor on a file that is not that vendor’s: the error says where, and quotes nothing of it', async () => {
    writeFileSync(join(repo, 'configs', 'notes.conf'), `${SECRET_LINE}\n`);
    writeFileSync(join(repo, 'tunnels.yaml'), 'devices:\n  - name: x\n    file: configs/notes.conf\n    vendor: strongswan\n');
    const r = await auditOutputs(['--inventory', 'tunnels.yaml'], repo);
    expect(r.code).to.equal(2); // nothing could be read
    expect(r.all).to.match(/configs\/notes\.conf:1: not readable as strongSwan \(swanctl\.conf \/ ipsec\.conf\), and its content does not look like one/);
    expect(r.all).not.to.contain('root:x');
    // the same through compare --vendor
    const io = captureIo();
    expect(await run(['show', join(repo, 'configs', 'notes.conf'), '--vendor', 'fortigate'], io)).to.equal(2);
    expect(io.err).not.to.contain('root:x');
  });
});

describe('hostile: parse errors quote little', () => {
  it('a quoted excerpt is cut at MAX_EXCERPT characters; prose apostrophes and unclosed quotes are not excerpts', () => {
    const long = 'x'.repeat(200);
    expect(capExcerpts(`expected a time, found "${long}"`)).to.equal(`expected a time, found "${'x'.repeat(MAX_EXCERPT)}…"`);
    expect(capExcerpts(`the adapter's value 'abc' is bad, it's ${'y'.repeat(70)}`)).to.equal(`the adapter's value 'abc' is bad, it's ${'y'.repeat(70)}`);
    expect(new ParseError('f', 3, `found '${long}' here`).message).to.equal(`found '${'x'.repeat(MAX_EXCERPT)}…' here`);
    expect(new ParseError('f', 3, 'expected a closing " for the value opened in column 25, found the end of the line').message).to.equal(
      'expected a closing " for the value opened in column 25, found the end of the line',
    );
  });

  it('is linear: a 4 MB message of quotes is capped in milliseconds', () => {
    const start = process.hrtime.bigint();
    const m = capExcerpts(`found ${' "a'.repeat(1_400_000)}`);
    expect(Number(process.hrtime.bigint() - start) / 1e6).to.be.below(2000);
    expect(m.length).to.be.at.most(501);
  });

  it('an adapter bug never carries a runtime message (JSON.parse quotes its input) out', async () => {
    const { guardedParse } = await import('../../src/read/guard.js');
    const bad = {
      id: 'x',
      label: 'Broken',
      detect: () => 1,
      parse: () => JSON.parse('root:x:0:0'),
      fix: () => undefined,
    };
    const err = (() => {
      try {
        guardedParse(bad, 'root:x:0:0', 'f.conf', undefined, false);
      } catch (e) {
        return e as ParseError;
      }
    })();
    expect(err).to.be.instanceOf(ParseError);
    expect(err!.located).to.equal('f.conf: could not be read as Broken: the Broken reader failed (SyntaxError); please report it');
  });
});

describe('hostile: only regular files, read with a byte limit', () => {
  let dir: string;
  let server: Server | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-special-'));
  });
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (path: string, max = 1024) => {
    try {
      readRegularFile(path, max);
    } catch (e) {
      if (e instanceof FileRefused) return `${e.kind}: ${e.message}`;
      throw e;
    }
    return 'read';
  };

  it('/dev/zero, /dev/stdin, a FIFO, a socket and a directory are refused without reading', async () => {
    expect(refusal('/dev/zero')).to.equal('not-regular: is a character device, not a regular file: refused');
    expect(refusal('/dev/null')).to.equal('not-regular: is a character device, not a regular file: refused');
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).to.equal('not-regular: is a FIFO (named pipe), not a regular file: refused');
    const sock = join(dir, 'sock');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(sock, resolve));
    expect(refusal(sock)).to.match(/^(not-regular: is a socket|io: cannot be read \(ENXIO\))/);
    expect(refusal(dir)).to.equal('directory: is a directory');
  });

  it('/dev/stdin is refused in a real process whose stdin is a pipe that never ends (no hang)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'show', '/dev/stdin'], {
      cwd: fixturePath('..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).to.equal(2);
    // node gives a child's stdin as a socket pair (a shell would give a FIFO): refused either way
    expect(err).to.match(/^\/dev\/stdin: is a (socket|FIFO \(named pipe\)), not a regular file: refused/);
  });

  it('the limit holds while reading: procfs files say size 0 and are still cut at the limit', () => {
    // /proc/self/maps is a regular file of size 0 whose content is kilobytes long
    expect(refusal('/proc/self/maps', 16)).to.equal('too-large: is larger than 16 bytes: refused');
    const f = join(dir, 'big');
    writeFileSync(f, 'x'.repeat(5000));
    expect(refusal(f, 4999)).to.equal('too-large: is larger than 5 KB: refused');
    expect(readRegularFile(f, 5000).length).to.equal(5000);
  });

  it('audit: a FIFO in the tree is skipped with a note, a FIFO named by the inventory is an unreadable-config finding, and neither hangs', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'configs'), { recursive: true });
    writeFileSync(join(repo, 'configs', 'gw-b.ipsec.conf'), ipsecConf());
    execFileSync('mkfifo', [join(repo, 'configs', 'pipe.conf')]);
    let r = await auditOutputs(['configs'], repo);
    expect(r.all).to.contain('configs/pipe.conf: not a regular file (a FIFO, socket or device): not read');
    writeFileSync(join(repo, 'tunnels.yaml'), 'devices:\n  - name: b\n    file: configs/gw-b.ipsec.conf\n  - name: p\n    file: configs/pipe.conf\n');
    r = await auditOutputs(['--inventory', 'tunnels.yaml'], repo);
    expect(r.json.findings.filter((f) => f.rule === 'unreadable-config').map((f) => f.message)).to.deep.equal([
      'configs/pipe.conf: is a FIFO (named pipe), not a regular file: refused (expected a configuration file)',
    ]);
  });
});
