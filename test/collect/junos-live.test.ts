/**
 * Junos live collection against an emulated SRX on 127.0.0.1 (ssh2's own Server, no mocks): the
 * operational prompt `admin@srx-hq> ` with `{primary:node0}` above it (a chassis cluster, as the
 * real IBM vSRX capture shows), the Junos pager `---(more N%)---` holding long output until a key
 * is pressed and erasing itself with `\r\0`, blanks and `\r\0` (as a recorded Junos session in a
 * telnet emulator's fixtures shows, index file id 19290558544), `unknown command.` below a `^` line
 * for a refused command. Nothing but `show configuration` is sent — no `set cli`, no `configure`.
 * The snapshot holds no secret, drops `## Last commit`, and reads back as the same tunnels.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import { collectDevice, deviceOf, type Outcome } from '../../src/collect/collect.js';
import { KnownHosts } from '../../src/collect/hostkeys.js';
import { snapshotText } from '../../src/collect/snapshot.js';
import { parseSource } from '../../src/collect/source.js';
import { isComparablePsk } from '../../src/model/secrets.js';
import { fixturePath, readText } from '../helpers.js';
import { secretsIn } from '../secret-finder.js';
import { type CliDevice, junosDialect, startCli } from './cli-emulator.js';
import { generateHostKey, type HostKey, knownHostsLine } from './emulators.js';

/** What `show configuration` prints on srx-hq: the fixture without the comment that cites its source. */
const FILE = readText(fixturePath('junos', 'srx-hq-22.4-show-configuration.conf'));
const OUTPUT = FILE.replace(/^\/\*[\s\S]*?\*\/\n/, '').replace(/\n+$/, '');

type Srx = CliDevice;

/** One emulated SRX: password login, operational mode, the pager on (nothing here switches it off). */
function startSrx(key: HostKey, opts: { pageLines?: number; refuse?: string } = {}): Promise<Srx> {
  const dialect = junosDialect('srx-hq', 'Last login: Mon Nov 18 09:31:07 2024 from 10.10.0.50\n--- JUNOS 22.4R3-S2.11 built 2024-05-10 20:45:39 UTC\n', {
    lines: opts.pageLines ?? 40,
    percent: true,
    holdAtEnd: true,
  });
  const answer = (cmd: string) => (cmd === 'show configuration' && cmd !== opts.refuse ? OUTPUT : undefined);
  return startCli(key, dialect, answer, { user: 'admin', password: 'Lab-Login-Pw-1' });
}

describe('collect: Junos live on loopback', function () {
  this.timeout(30000);
  let key: HostKey;
  const started: Srx[] = [];
  before(() => {
    key = generateHostKey();
  });
  after(async () => {
    for (const s of started) await s.close();
  });

  async function collect(srx: Srx): Promise<Outcome> {
    const kh = join(mkdtempSync(join(tmpdir(), 'ipsec-drift-junos-')), 'known_hosts');
    writeFileSync(kh, `${knownHostsLine(srx.port, key)}\n`);
    const source = parseSource(`ssh://admin@127.0.0.1:${srx.port}?vendor=junos`);
    return collectDevice(
      { name: source.origin, source },
      {
        knownHosts: new KnownHosts(kh),
        acceptNew: false,
        env: { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Login-Pw-1' },
        timeouts: { connectMs: 2000, commandMs: 4000, overallMs: 10000 },
        retry: { attempts: 1, baseMs: 10 },
        concurrency: 1,
      },
    );
  }

  it('sends only `show configuration` at the operational prompt, answers every pager page with a key, and reads what the file reads', async () => {
    const srx = await startSrx(key, { pageLines: 50 });
    started.push(srx);
    const o = await collect(srx);
    expect(o.ok, !o.ok ? o.error.message : '').to.equal(true);
    if (!o.ok) return;
    expect(srx.received).to.deep.equal(['show configuration']);
    // 235 lines in pages of 50: four `---(more N%)---`, then the one at 100 %
    expect(srx.pagerAnswers).to.equal(5);
    expect(o.text.split('\n')[0]).to.equal('admin@srx-hq> show configuration');
    expect(o.text).not.to.match(/---\(more/);
    const live = deviceOf(o);
    const file = adapterById('junos')!.parse(FILE, 'srx-hq.conf');
    const summary = (d: typeof live) =>
      d.tunnels.map(
        (t) =>
          `${t.name} ${t.enabled} ${t.remoteGateway.value} ${t.phase1.lifetimeSeconds.value} ${t.phase2.map((p) => p.lifetimeSeconds.value).join(',')} ${t.dpd.mode.value}`,
      );
    expect(live.hostname).to.equal('srx-hq');
    expect(summary(live)).to.deep.equal(summary(file));
    expect(summary(live)).to.have.length(4);
  });

  it('the snapshot: every secret redacted in the brace form, `## Last commit` dropped, SSH keys kept, no comparable key read back', async () => {
    const srx = await startSrx(key, { pageLines: 400 });
    started.push(srx);
    const o = await collect(srx);
    expect(o.ok).to.equal(true);
    if (!o.ok) return;
    const snap = snapshotText(o.text, 'junos');
    const secrets = secretsIn(FILE);
    expect(secrets.length).to.equal(4); // two $6$ hashes, two $9$ keys
    for (const s of [...secrets, 'hq-ro-public']) expect(snap.includes(s), s).to.equal(false);
    expect(snap).to.contain('pre-shared-key ascii-text <redacted>; ## SECRET-DATA');
    expect(snap).to.contain('community <redacted> {');
    expect(snap).to.contain('ssh-ed25519 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8mQv1yY2p3xN0Tq4Wc7oZb2Lr9Hs5Kd1Fj6Ae3Ug0V netops@jump"; ## SECRET-DATA');
    expect(snap).not.to.contain('## Last commit');
    const again = adapterById('junos')!.parse(snap, 'snapshot.conf');
    expect(again.tunnels.filter((t) => isComparablePsk(t.auth.psk?.value))).to.deep.equal([]);
    expect(again.tunnels.map((t) => t.name)).to.deep.equal(['VPN-DC', 'VPN-PARTNER', 'VPN-BRANCH', 'VPN-OLD']);
    expect(adapterById('junos')!.live!.snapshot.extension).to.equal('.conf');
  });

  it('the same rules redact the set form and keys typed in clear; an archive-site password in a URL', () => {
    const set = snapshotText(readText(fixturePath('junos', 'srx-hq-22.4-display-set.txt')), 'junos');
    expect(set).to.contain('set security ike policy IKE-POL-DC pre-shared-key ascii-text <redacted>\n');
    expect(set).to.contain('set system root-authentication encrypted-password <redacted>\n');
    expect(set).to.contain('set snmp community <redacted> authorization read-only\n');
    const typed = snapshotText(
      'set security ike policy P pre-shared-key ascii-text "Typed in clear 1"\nset system archival configuration archive-sites "pasvftp://demouser:CorrectHorseBattery@203.0.113.10/backup/"\n',
      'junos',
    );
    expect(typed).to.equal(
      'set security ike policy P pre-shared-key ascii-text <redacted>\nset system archival configuration archive-sites "pasvftp://demouser:<redacted>@203.0.113.10/backup/"\n',
    );
  });

  it("a refused command is reported in the device's words", async () => {
    const srx = await startSrx(key, { refuse: 'show configuration' });
    started.push(srx);
    const o = await collect(srx);
    expect(o.ok).to.equal(false);
    if (o.ok) return;
    expect(o.error.kind).to.equal('device-error');
    expect(o.error.message).to.equal('`show configuration`: the device answered: unknown command.');
  });
});
