/**
 * `ipsec-drift state` with a live PAN-OS firewall on 127.0.0.1 (ssh2's own Server, no mocks): the
 * operational prompt with the HA state (`admin@PA-VM(active)> `), the CLI redrawing the prompt line
 * as it echoes, a pager that holds long output until this session's `set cli pager off`, and
 * `Unknown command:` for anything else. It answers `show vpn ike-sa` and `show vpn ipsec-sa` with the
 * real PA-VM capture (fixtures/state/panos); the other end is its mirrored peer, a saved file.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import { run } from '../../src/cli/main.js';
import { assertAllowed, isReadOnly } from '../../src/collect/allowlist.js';
import { type CliDevice, panosDialect, startCli } from '../collect/cli-emulator.js';
import { sessionMap } from '../collect/devices.js';
import { generateHostKey, type HostKey, knownHostsLine } from '../collect/emulators.js';
import { fixturePath, readText } from '../helpers.js';
import { captureIo } from '../io.js';

const ENV = { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Login-Pw-1' };
const VM = fixturePath('state', 'panos', 'pa-vm-11.0-vyos-docs-show-vpn-ike-sa-ipsec-sa.txt');
const PEER = fixturePath('state', 'panos', 'pa-peer-11.0-show-vpn-ike-sa-ipsec-sa.txt');

type Firewall = CliDevice;

/** One emulated PA-VM: password login, operational mode only, a 10-line pager until switched off. */
function startFirewall(key: HostKey): Promise<Firewall> {
  const listings = sessionMap(readText(VM), /^admin@PA-VM> (.*)$/);
  const dialect = panosDialect('admin@PA-VM(active)> ', 'Last login: Thu Jul 31 01:40:12 2025 from 10.0.2.50\n\n', 10);
  return startCli(
    key,
    dialect,
    (cmd) => {
      const text = listings.get(cmd);
      return text === undefined ? undefined : `${text}\n`;
    },
    { user: 'admin', password: ENV.IPSEC_DRIFT_SSH_PASSWORD },
  );
}

describe('state: a live PAN-OS firewall on loopback', function () {
  this.timeout(30000);
  let key: HostKey;
  let fw: Firewall | undefined;
  before(() => {
    key = generateHostKey();
  });
  after(async () => {
    await fw?.close();
  });

  it('the PAN-OS and Junos listing commands are read-only and declared; their clear commands never are', () => {
    for (const id of ['panos', 'junos']) {
      const commands = adapterById(id)!.state!.commands.map((c) => c.command);
      for (const c of commands) {
        expect(isReadOnly(c), `${id}: ${c}`).to.equal(true);
        expect(() => assertAllowed(c, commands)).not.to.throw();
      }
    }
    for (const c of [
      'clear vpn ipsec-sa tunnel VyOS-tunnel',
      'clear vpn ike-sa gateway VyOS',
      'clear security ipsec security-associations index 131073',
      'clear security ike security-associations 198.51.100.20',
      'request vpn ike-sa gateway VyOS',
    ])
      expect(isReadOnly(c), c).to.equal(false);
  });

  it('sends `set cli pager off`, `show vpn ike-sa`, `show vpn ipsec-sa` only; the SAs match the saved peer SPI for SPI', async () => {
    fw = await startFirewall(key);
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-panos-state-'));
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, `${knownHostsLine(fw.port, key)}\n`);
    // the peer's listing saved just now: its file time is its capture time, seconds from the live one
    const peer = join(dir, 'pa-peer.txt');
    writeFileSync(peer, readText(PEER));
    const io = captureIo({ env: ENV });
    const code = await run(['state', `ssh://admin@127.0.0.1:${fw.port}?vendor=panos`, peer, '--known-hosts', kh, '--format', 'json'], io);
    expect(code, io.err).to.equal(0);
    expect(fw.received).to.deep.equal(['set cli pager off', 'show vpn ike-sa', 'show vpn ipsec-sa']);
    const r = JSON.parse(io.out);
    expect(r.states.a.vendor).to.equal('panos');
    expect(
      r.states.a.childSas.map((c: { id: string; inbound: Array<{ spi: string }>; outbound: Array<{ spi: string }> }) => [
        c.id,
        c.inbound[0].spi,
        c.outbound[0].spi,
      ]),
    ).to.deep.equal([['VyOS-tunnel TnID 1', '8827a3d9', 'c204f4fa']]);
    expect(r.states.a.ikeSas.map((s: { name: string; initiator: boolean }) => [s.name, s.initiator])).to.deep.equal([['VyOS', false]]);
    expect(r.ends[0].sas.map((s: { spis: Array<{ spi: string; status: string }> }) => s.spis.map((x) => `${x.spi} ${x.status}`))).to.deep.equal([
      ['8827a3d9 matched', 'c204f4fa matched'],
    ]);
    expect(r.findings).to.deep.equal([]);
  });
});
