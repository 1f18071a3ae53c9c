/**
 * Issue 13, Security: `pull` writes only inside --out. A snapshot repository is a git repository
 * others commit to: a folder in it may be a symbolic link to anywhere, and an inventory's
 * `snapshot:` may be "" or "." (which named --out itself, so the atomic write's temporary file and
 * rename went into the folder above). Pulled over a real SSH server on 127.0.0.1 (the IOS emulator).
 */
import { expect } from 'chai';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { snapshotRelative, writeSnapshot } from '../../src/collect/snapshot.js';
import { iosScript } from '../collect/devices.js';
import { type Emulated, generateHostKey, type HostKey, knownHostsLine, startSshDevice } from '../collect/emulators.js';
import { captureIo } from '../io.js';

describe('hostile: pull writes only inside --out', function () {
  this.timeout(30000);
  let key: HostKey;
  let dev: Emulated;
  let dir: string;
  before(async () => {
    key = generateHostKey();
    dev = await startSshDevice(iosScript(), key);
  });
  after(async () => dev.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-pull-confine-'));
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'known_hosts'), `${knownHostsLine(dev.port, key)}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function pull(snapshot: string | undefined) {
    const inv = join(dir, 'devices.yaml');
    writeFileSync(
      inv,
      `devices:\n  - name: br1-rtr\n    url: ssh://netops@127.0.0.1:${dev.port}?vendor=ios\n    password-env: LAB_PW\n    enable-password-env: LAB_PW2\n${snapshot === undefined ? '' : `    snapshot: ${JSON.stringify(snapshot)}\n`}`,
    );
    const io = captureIo({ env: { LAB_PW: 'Lab-Login-Pw-1', LAB_PW2: 'Lab-Enable-Pw-1' } });
    const code = await run(['pull', '--inventory', inv, '--out', join(dir, 'out'), '--known-hosts', join(dir, 'known_hosts')], io);
    return { code, io };
  }

  it('a symlinked folder inside --out is not written through: the device fails, nothing lands where the link points', async () => {
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'ios'));
    const { code, io } = await pull('ios/br1-rtr.txt');
    expect(code, io.err).to.equal(3);
    expect(io.err).to.contain(
      `cannot write ${join(dir, 'out', 'ios', 'br1-rtr.txt')}: ${join(dir, 'out', 'ios')} is a symbolic link: a snapshot is not written through it`,
    );
    expect(readdirSync(join(dir, 'elsewhere'))).to.deep.equal([]);
  });

  it('a symlinked folder deeper down is refused too, and a missing folder is made inside --out', async () => {
    mkdirSync(join(dir, 'out', 'site'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'site', 'ios'));
    await writeSnapshot(join(dir, 'out'), 'site/ios/x.txt', 'x\n').then(
      () => expect.fail('wrote through a link'),
      (e: Error) => expect(e.message).to.equal(`${join(dir, 'out', 'site', 'ios')} is a symbolic link: a snapshot is not written through it`),
    );
    expect(readdirSync(join(dir, 'elsewhere'))).to.deep.equal([]);
    expect(await writeSnapshot(join(dir, 'out'), 'site/new/x.txt', 'x\n')).to.equal(join(dir, 'out', 'site', 'new', 'x.txt'));
    expect(readFileSync(join(dir, 'out', 'site', 'new', 'x.txt'), 'utf8')).to.equal('x\n');
  });

  it('a snapshot file that is a symlink is replaced by the snapshot, its target left alone', async () => {
    writeFileSync(join(dir, 'elsewhere', 'victim'), 'untouched\n');
    symlinkSync(join(dir, 'elsewhere', 'victim'), join(dir, 'out', 'br1-rtr.txt'));
    const { code, io } = await pull(undefined);
    expect(code, io.err).to.equal(0);
    expect(readFileSync(join(dir, 'elsewhere', 'victim'), 'utf8')).to.equal('untouched\n');
    expect(lstatSync(join(dir, 'out', 'br1-rtr.txt')).isFile()).to.equal(true);
    expect(readFileSync(join(dir, 'out', 'br1-rtr.txt'), 'utf8')).to.contain('crypto isakmp key <redacted> address 203.0.113.1');
  });

  for (const snapshot of ['', '.', ' ', 'a/..', './', '../out', '/tmp/x', 'ios/']) {
    it(`snapshot: ${JSON.stringify(snapshot)} is a usage error before any connection; nothing is written beside --out`, async () => {
      const connections = dev.connections;
      const { code, io } = await pull(snapshot);
      expect(code).to.equal(2);
      expect(io.err).to.contain(`br1-rtr: snapshot "${snapshot}" must name a file inside --out`);
      expect(readdirSync(dir).sort()).to.deep.equal(['devices.yaml', 'elsewhere', 'known_hosts', 'out']);
      expect(readdirSync(join(dir, 'out'))).to.deep.equal([]);
      expect(dev.connections).to.equal(connections);
    });
  }

  it('snapshotRelative keeps names below --out and refuses the rest', () => {
    expect(['a.txt', 'ios/a.txt', './a.txt', 'a/../b.txt'].map(snapshotRelative)).to.deep.equal(['a.txt', 'ios/a.txt', 'a.txt', 'b.txt']);
    expect(['', '.', '..', '../a', '/a', 'a/', 'a/..'].map(snapshotRelative)).to.deep.equal(Array(7).fill(undefined));
    expect(existsSync(join(dir, 'out'))).to.equal(true);
  });
});
