/**
 * PAN-OS live collection against an emulated firewall on 127.0.0.1 (ssh2's own Server, no mocks):
 * the operational-mode prompt with the HA state (`admin@PA-BR1(active)> `), the CLI redrawing the
 * prompt line while a command is typed (`\r\x1b[K` + prompt + what was typed so far, as the
 * Netmiko issue #688/#1294 transcripts show), a pager that holds long output until this session's
 * `set cli pager off`, `Unknown command:` refusals. The snapshot holds no secret and reads back as
 * the same tunnels as the saved file.
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
import { type CliDevice, panosDialect, startCli } from './cli-emulator.js';
import { generateHostKey, type HostKey, knownHostsLine } from './emulators.js';

/** The saved session of PA-BR1 (default form): what `show config running` prints, without the prompt lines. */
const SESSION = readText(fixturePath('panos', 'pa-br1-11.1-show-config-default.txt'));
const OUTPUT = SESSION.split('\n')
  .filter((l) => !/^#|^admin@PA-BR1>/.test(l))
  .join('\n')
  .replace(/\n+$/, '');

type Firewall = CliDevice;

/** One emulated PAN-OS firewall: password login, operational mode only, pager on until switched off. */
function startFirewall(key: HostKey, opts: { pageLines?: number; refuse?: string } = {}): Promise<Firewall> {
  const dialect = panosDialect(
    'admin@PA-BR1(active)> ',
    'Last login: Mon Jun  2 09:14:07 2025 from 10.30.1.50\n\nNumber of failed attempts since last successful login: 0\n\n\n',
    opts.pageLines ?? 40,
  );
  const answer = (cmd: string) => (cmd === 'show config running' && cmd !== opts.refuse ? `${OUTPUT}\n\n` : undefined);
  return startCli(key, dialect, answer, { user: 'admin', password: 'Lab-Login-Pw-1' });
}

describe('collect: PAN-OS live on loopback', function () {
  this.timeout(30000);
  let key: HostKey;
  const started: Firewall[] = [];
  before(() => {
    key = generateHostKey();
  });
  after(async () => {
    for (const f of started) await f.close();
  });

  async function collect(fw: Firewall, timeouts = { connectMs: 5000, commandMs: 10000, overallMs: 20000 }): Promise<Outcome> {
    const kh = join(mkdtempSync(join(tmpdir(), 'ipsec-drift-panos-')), 'known_hosts');
    writeFileSync(kh, `${knownHostsLine(fw.port, key)}\n`);
    const source = parseSource(`ssh://admin@127.0.0.1:${fw.port}?vendor=panos`);
    return collectDevice(
      { name: source.origin, source },
      {
        knownHosts: new KnownHosts(kh),
        acceptNew: false,
        env: { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Login-Pw-1' },
        timeouts,
        retry: { attempts: 1, baseMs: 10 },
        concurrency: 1,
      },
    );
  }

  it('sends only `set cli pager off` and `show config running`, at the operational prompt; the text reads like the saved file', async () => {
    const fw = await startFirewall(key, { pageLines: 20 });
    started.push(fw);
    const o = await collect(fw);
    expect(o.ok, !o.ok ? o.error.message : '').to.equal(true);
    if (!o.ok) return;
    expect(fw.received).to.deep.equal(['set cli pager off', 'show config running']);
    expect(o.text.split('\n')[0]).to.equal('admin@PA-BR1(active)> show config running');
    const live = deviceOf(o);
    const file = adapterById('panos')!.parse(SESSION, 'pa-br1.txt');
    expect(live.hostname).to.equal('PA-BR1');
    expect(live.tunnels.map((t) => `${t.name} ${t.remoteGateway.value} ${t.phase1.lifetimeSeconds.value} ${t.phase2.length}`)).to.deep.equal(
      file.tunnels.map((t) => `${t.name} ${t.remoteGateway.value} ${t.phase1.lifetimeSeconds.value} ${t.phase2.length}`),
    );
  });

  it('the snapshot: every key redacted (lower-case <key> in XML too), the rest unchanged, no comparable key read back', async () => {
    const fw = await startFirewall(key);
    started.push(fw);
    const o = await collect(fw);
    expect(o.ok).to.equal(true);
    if (!o.ok) return;
    const snap = snapshotText(o.text, 'panos');
    const secrets = secretsIn(SESSION);
    expect(secrets.length).to.equal(5);
    for (const s of secrets) expect(snap.includes(s), s).to.equal(false);
    expect(snap).to.contain('key <redacted>;');
    expect(snap).to.contain('phash <redacted>;');
    const again = adapterById('panos')!.parse(snap, 'snapshot.txt');
    expect(again.tunnels.filter((t) => isComparablePsk(t.auth.psk?.value))).to.deep.equal([]);
    expect(again.tunnels.map((t) => t.name)).to.deep.equal(['TUN-HQ', 'TUN-PARTNER']);
    // the same rules for the XML and set forms
    const xml = snapshotText(readText(fixturePath('panos', 'pa-br1-11.1-running-config.xml')), 'panos');
    expect(xml).to.contain('<key>&lt;redacted&gt;</key>');
    expect(xml).not.to.contain('-AQ==');
    expect(xml).not.to.contain('$5$');
    const set = snapshotText(readText(fixturePath('panos', 'pa-br1-11.1-show-config-set.txt')), 'panos');
    expect(set).to.contain('set network ike gateway "GW PARTNER" authentication pre-shared-key key <redacted>\n');
    expect(set).not.to.contain('Partner shared key');
    expect(adapterById('panos')!.live!.snapshot.extension).to.equal('.txt');
  });

  it("a refused command is reported in the device's words", async () => {
    const fw = await startFirewall(key, { refuse: 'show config running' });
    started.push(fw);
    const o = await collect(fw);
    expect(o.ok).to.equal(false);
    if (o.ok) return;
    expect(o.error.kind).to.equal('device-error');
    expect(o.error.message).to.equal('`show config running`: the device answered: Unknown command: running');
  });
});
