/**
 * `ipsec-drift state` with a live Junos SRX on 127.0.0.1 (ssh2's own Server, no mocks): the
 * operational prompt `admin@srx-hq> ` with `{primary:node0}` above it, the Junos pager
 * (`---(more N%)---`, erased with `\r\0` blanks `\r\0`) holding long output until a key is pressed,
 * `unknown command.` under a `^` line. It answers the two detail listings with the srx-hq fixture;
 * `show security ipsec inactive-tunnels` is refused here, to show that the optional third listing
 * missing is a warning, not a failure. The other end is srx-dc's saved brief listing.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { type CliDevice, junosDialect, startCli } from '../collect/cli-emulator.js';
import { sessionMap } from '../collect/devices.js';
import { generateHostKey, type HostKey, knownHostsLine } from '../collect/emulators.js';
import { fixturePath, readText } from '../helpers.js';
import { captureIo } from '../io.js';

const ENV = { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Login-Pw-1' };
const HQ = fixturePath('state', 'junos', 'srx-hq-22.4-ike-ipsec-sa-detail.txt');
const DC = fixturePath('state', 'junos', 'srx-dc-21.4-ike-ipsec-sa-brief.txt');

type Srx = CliDevice;

/** srx-hq answering the commands its fixture session holds, 12 lines a page. */
function startSrx(key: HostKey): Promise<Srx> {
  const listings = sessionMap(readText(HQ), /^admin@srx-hq> ?(.*)$/);
  const dialect = junosDialect('srx-hq', '--- JUNOS 22.4R3-S2.11 built 2024-05-10 20:45:39 UTC\n', { lines: 12, percent: false, holdAtEnd: false });
  return startCli(key, dialect, (cmd) => listings.get(cmd), { user: 'admin', password: ENV.IPSEC_DRIFT_SSH_PASSWORD });
}

describe('state: a live Junos SRX on loopback', function () {
  this.timeout(30000);
  let srx: Srx | undefined;
  after(async () => {
    await srx?.close();
  });

  it('sends the two detail listings and the inactive-tunnels one, answers the pager with keys; the SAs match srx-dc’s saved listing SPI for SPI', async () => {
    const key = generateHostKey();
    srx = await startSrx(key);
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-junos-state-'));
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, `${knownHostsLine(srx.port, key)}\n`);
    // the peer's listing saved just now: its file time is its capture time, seconds from the live one
    const peer = join(dir, 'srx-dc.txt');
    writeFileSync(peer, readText(DC));
    const io = captureIo({ env: ENV });
    const code = await run(['state', `ssh://admin@127.0.0.1:${srx.port}?vendor=junos`, peer, '--known-hosts', kh, '--format', 'json'], io);
    expect(code, io.err).to.equal(0);
    expect(srx.received).to.deep.equal([
      'show security ike security-associations detail',
      'show security ipsec security-associations detail',
      'show security ipsec inactive-tunnels',
    ]);
    expect(srx.pagerAnswers).to.equal(4);
    expect(io.err).to.match(/warning: `show security ipsec inactive-tunnels`/);
    const r = JSON.parse(io.out);
    expect([r.states.a.vendor, r.states.a.hostname]).to.deep.equal(['junos', 'srx-hq']);
    expect(r.ends[0].sas.map((s: { spis: Array<{ spi: string; status: string }> }) => s.spis.map((x) => `${x.spi} ${x.status}`))).to.deep.equal([
      ['7c2e9d41 matched', '0a93f6d2 matched'],
    ]);
    expect(r.findings).to.deep.equal([]);
  });
});
