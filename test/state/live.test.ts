/**
 * `ipsec-drift state` against live sources on 127.0.0.1: the loopback ssh2 servers (FortiGate, ASA,
 * IOS and Windows shells; RouterOS and a strongSwan host over SSH exec) and the RouterOS API test
 * server, each answering its SA-listing commands from fixtures or the real corpus. Only the
 * declared read-only listing commands reach a device; keys the listings print appear nowhere.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import { run } from '../../src/cli/main.js';
import { assertAllowed, isReadOnly } from '../../src/collect/allowlist.js';
import { sessionMap } from '../collect/devices.js';
import { type DeviceScript, type Emulated, generateHostKey, type HostKey, knownHostsLine, startRouterOsApi, startSshDevice } from '../collect/emulators.js';
import { fixturePath, readText, REAL_CONFIGS } from '../helpers.js';
import { captureIo } from '../io.js';

const ENV = { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Login-Pw-1', IPSEC_DRIFT_ENABLE_PASSWORD: 'Lab-Enable-Pw-1' };
const OVERLAP_FGT = fixturePath('state', 'fortigate', 'dc-rekey-overlap-session.txt');
const OVERLAP_ASA = fixturePath('state', 'asa', 'branch12-rekey-overlap-show-crypto-ipsec-sa.txt');

/** What a device prints for each command, from a saved session (the fixture's own prompts). */
function answers(file: string, prompt: RegExp, aliases: Record<string, string> = {}): (cmd: string) => string | undefined {
  const map = sessionMap(readText(file), prompt);
  return (cmd) => map.get(aliases[cmd] ?? cmd);
}

describe('state: live sources on loopback', function () {
  this.timeout(30000);
  let key: HostKey;
  const started: Emulated[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-state-live-'));
  before(() => {
    key = generateHostKey();
  });
  after(async () => {
    for (const s of started) await s.close();
  });

  async function device(script: DeviceScript): Promise<Emulated> {
    const em = await startSshDevice(script, key);
    started.push(em);
    return em;
  }
  function knownHosts(...ems: Emulated[]): string {
    const file = join(tmp, `kh-${ems.map((e) => e.port).join('-')}`);
    writeFileSync(file, `${ems.map((e) => knownHostsLine(e.port, key)).join('\n')}\n`);
    return file;
  }

  it('every state listing command of every reader is read-only and declared; a clear command never is', () => {
    for (const a of [
      adapterById('fortigate'),
      adapterById('asa'),
      adapterById('ios'),
      adapterById('routeros'),
      adapterById('windows-netsh'),
      adapterById('strongswan'),
    ]) {
      const commands = a!.state!.commands.map((c) => c.command);
      for (const c of commands) {
        expect(isReadOnly(c), `${a!.id}: ${c}`).to.equal(true);
        expect(() => assertAllowed(c, commands)).not.to.throw();
      }
    }
    for (const c of [
      'diagnose vpn tunnel flush to-hq',
      'diagnose vpn ike gateway clear name to-hq',
      'clear crypto ipsec sa peer 192.0.2.1',
      'clear crypto sa peer 192.0.2.1',
      'swanctl --terminate --ike-id 3 --force',
      '/ip ipsec installed-sa flush',
      'Get-NetIPsecQuickModeSA | Remove-NetIPsecQuickModeSA',
      'netsh advfirewall monitor delete mmsa',
    ])
      expect(isReadOnly(c), c).to.equal(false);
  });

  it('a live FortiGate and a live ASA in a rekey overlap: their listing commands only, clean, exit 0; the keys the FortiGate prints appear nowhere', async () => {
    const fgt = await device({
      vendor: 'fortigate',
      hostname: 'FGT-DC',
      vdom: 'root',
      user: 'admin',
      password: ENV.IPSEC_DRIFT_SSH_PASSWORD,
      pageLines: 20,
      answer: answers(OVERLAP_FGT, /^FGT-DC \(root\) # (.*)$/, { 'diagnose vpn tunnel list': 'diagnose vpn tunnel list name to-branch12' }),
    });
    const asa = await device({
      vendor: 'asa',
      hostname: 'asa-br12',
      user: 'netops',
      password: ENV.IPSEC_DRIFT_SSH_PASSWORD,
      enablePassword: ENV.IPSEC_DRIFT_ENABLE_PASSWORD,
      pageLines: 20,
      // this ASA has no IKEv1: `show crypto ikev1 sa detail` is refused, a warning only
      answer: answers(OVERLAP_ASA, /^asa-br12# (.*)$/, { 'show crypto ikev2 sa detail': 'show crypto ikev2 sa' }),
    });
    const io = captureIo({ env: ENV });
    const code = await run(
      [
        'state',
        `ssh://admin@127.0.0.1:${fgt.port}?vendor=fortigate`,
        `ssh://netops@127.0.0.1:${asa.port}?vendor=asa`,
        '--known-hosts',
        knownHosts(fgt, asa),
        '--format',
        'json',
      ],
      io,
    );
    expect(code, io.err).to.equal(0);
    expect(fgt.received).to.deep.equal(['diagnose vpn tunnel list', 'diagnose vpn ike gateway list']);
    expect(asa.received).to.deep.equal(['enable', 'terminal pager 0', 'show crypto ipsec sa', 'show crypto ikev1 sa detail', 'show crypto ikev2 sa detail']);
    expect(io.err).to.match(/warning: `show crypto ikev1 sa detail`/);
    const r = JSON.parse(io.out);
    expect(r.ends.map((e: { origin: string; capturedAt: { source: string } }) => [e.origin.replace(/:\d+$/, ''), e.capturedAt.source])).to.deep.equal([
      ['ssh://admin@127.0.0.1', 'collected'],
      ['ssh://netops@127.0.0.1', 'collected'],
    ]);
    expect(r.ends[0].sas.map((s: { spis: Array<{ spi: string; status: string }> }) => s.spis.map((x) => `${x.spi} ${x.status}`))).to.deep.equal([
      ['8d2f6a10 matched', '4c1a77e3 matched'],
      ['8d2f6a11 matched', '0a5be2c4 matched'],
    ]);
    expect(r.findings).to.deep.equal([]);
    for (const k of ['5a1c9e0b7d3f24a6', 'e3c5a7b9d1f30254', '7d1f0c2a9b8e4d13', 'b0d2f4a6c8e0b2d4']) expect(io.out + io.err).not.to.contain(k);
  });

  it('a live IOS router (show crypto ipsec sa detail, isakmp) and a live Windows gateway (cmdlets through powershell) against saved files', async function () {
    if (!REAL_CONFIGS) this.skip();
    const gre = readText(join(REAL_CONFIGS!, 'state', 'cisco-ios', 'ntc-show-crypto-ipsec-sa-detail-gre-transport.raw'));
    const isakmp = readText(join(REAL_CONFIGS!, 'state', 'cisco-ios', 'genie-show-crypto-isakmp-sa-detail.txt'));
    const ios = await device({
      vendor: 'ios',
      hostname: 'br1-rtr',
      user: 'netops',
      password: ENV.IPSEC_DRIFT_SSH_PASSWORD,
      enablePassword: ENV.IPSEC_DRIFT_ENABLE_PASSWORD,
      pageLines: 30,
      answer: (c) => ({ 'show crypto ipsec sa detail': gre, 'show crypto isakmp sa detail': isakmp })[c],
    });
    const io = captureIo({ env: ENV });
    const code = await run(['state', `ssh://netops@127.0.0.1:${ios.port}?vendor=ios`, OVERLAP_ASA, '--known-hosts', knownHosts(ios), '--format', 'json'], io);
    expect(code, io.err).to.be.oneOf([0, 1]);
    expect(ios.received).to.deep.equal([
      'enable',
      'terminal length 0',
      'show crypto ipsec sa detail',
      'show crypto isakmp sa detail',
      'show crypto ikev2 sa detail',
    ]);
    const r = JSON.parse(io.out);
    expect(r.states.a.childSas.map((c: { id: string }) => c.id)).to.deep.equal(['Tunnel1 Tunnel1-head-0 ident 1', 'Tunnel2 Tunnel2-head-0 ident 1']);
    expect(r.states.a.ikeSas).to.have.length(4);

    const winMap = sessionMap(readText(fixturePath('state', 'windows-netsh', 'gw-get-netipsec-sa-format-list.txt')), /^PS C:\\Users\\netops> (.*)$/);
    const win = await device({ vendor: 'windows', hostname: 'WIN-GW01', user: 'netops', password: ENV.IPSEC_DRIFT_SSH_PASSWORD, answer: (c) => winMap.get(c) });
    const wio = captureIo({ env: ENV });
    const wcode = await run(
      ['state', `ssh://netops@127.0.0.1:${win.port}?vendor=windows-netsh`, OVERLAP_ASA, '--known-hosts', knownHosts(win), '--format', 'json'],
      wio,
    );
    expect(wcode, wio.err).to.be.oneOf([0, 1]);
    expect(win.received).to.deep.equal([
      'powershell -NoLogo -NoProfile -NonInteractive -Command "Get-NetIPsecMainModeSA | Format-List *"',
      'powershell -NoLogo -NoProfile -NonInteractive -Command "Get-NetIPsecQuickModeSA | Format-List *"',
    ]);
    const w = JSON.parse(wio.out);
    expect(w.states.a.childSas[0].inbound[0].spi).to.equal('c0f5a040');
  });

  it('RouterOS over its API (installed-sa and active-peers prints, keys in the replies) and a strongSwan host over SSH exec', async function () {
    if (!REAL_CONFIGS) this.skip();
    const ros = await startRouterOsApi({
      user: 'api',
      password: 'Lab-Api-Pw-1',
      menus: {
        '/ip/ipsec/active-peers': [
          {
            '.id': '*1',
            id: 'spoke1',
            'local-address': '50.0.0.50',
            'local-port': '4500',
            'remote-address': '150.0.0.150',
            'remote-port': '4500',
            state: 'established',
            side: 'responder',
            responder: 'true',
            'natt-peer': 'true',
            uptime: '5h9m14s',
            'ph2-total': '1',
            spii: '341c6d6330c59831',
            spir: '16c05dd1993caee0',
          },
        ],
        '/ip/ipsec/installed-sa': [
          {
            '.id': '*5',
            spi: '0xE841441',
            'src-address': '150.0.0.150',
            'dst-address': '50.0.0.50',
            state: 'mature',
            'auth-algorithm': 'sha256',
            'enc-algorithm': 'aes-cbc',
            'enc-key-size': '256',
            'auth-key': '61a63f8976fa4d3fae084cb927cc835b0a0c74a1b1d2fc6630198d1f15019903',
            'enc-key': '642751166df786565ca2e16a10ce4d7d647864354f4eca50490d58bde647ad9b',
            'add-lifetime': '24m23s/30m29s',
            replay: '128',
            esp: 'true',
          },
          {
            '.id': '*6',
            spi: '0xE2829EA',
            'src-address': '50.0.0.50',
            'dst-address': '150.0.0.150',
            state: 'mature',
            'auth-algorithm': 'sha256',
            'enc-algorithm': 'aes-cbc',
            'enc-key-size': '256',
            'auth-key': 'c249a95e4afe58ac2e35ff971753d1246cc9055f99b31488c398ecf0d9441da0',
            'enc-key': '3a53c91aaef317fb33ea80020286ec1abe07289564b70730f3045fb34ddf8588',
            esp: 'true',
          },
        ],
      },
    });
    started.push(ros);
    const io = captureIo({ env: { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Api-Pw-1' } });
    const kh = knownHosts();
    const code = await run(['state', `routeros://api@127.0.0.1:${ros.port}`, OVERLAP_ASA, '--known-hosts', kh, '--format', 'json'], io);
    expect(code, io.err).to.be.oneOf([0, 1]);
    expect(ros.received.filter((c) => c.endsWith('/print'))).to.deep.equal(['/ip/ipsec/active-peers/print', '/ip/ipsec/installed-sa/print']);
    const r = JSON.parse(io.out);
    expect(
      r.states.a.childSas.map((c: { inbound: Array<{ spi: string }>; outbound: Array<{ spi: string }>; ike: string }) => [
        c.inbound[0].spi,
        c.outbound[0].spi,
        c.ike,
      ]),
    ).to.deep.equal([['0e841441', '0e2829ea', 'active-peer 0 spoke1']]);
    for (const k of ['61a63f8976fa4d3f', '642751166df78656', 'c249a95e4afe58ac', '3a53c91aaef317fb']) expect(io.out + io.err).not.to.contain(k);

    const listSas = readText(join(REAL_CONFIGS!, 'state', 'strongswan', 'strongx509-pq-swanctl-list-sas-carol-two-children.txt'))
      .split('\n')
      .slice(1)
      .join('\n');
    // an exec-channel SSH server (the RouterOS exec emulator) answering as a strongSwan host
    const sw = await device({
      vendor: 'routeros-ssh',
      hostname: 'carol',
      user: 'root',
      password: ENV.IPSEC_DRIFT_SSH_PASSWORD,
      answer: (c) => (c === 'swanctl --list-sas' ? listSas : undefined),
    });
    const sio = captureIo({ env: ENV });
    const scode = await run(
      ['state', `ssh://root@127.0.0.1:${sw.port}?vendor=strongswan`, OVERLAP_ASA, '--known-hosts', knownHosts(sw), '--format', 'json'],
      sio,
    );
    expect(scode, sio.err).to.be.oneOf([0, 1]);
    expect(sw.received).to.deep.equal(['swanctl --list-sas']);
    expect(JSON.parse(sio.out).states.a.childSas.map((c: { id: string }) => c.id)).to.deep.equal(['net{1}', 'host{2}']);
  });

  it('RouterOS over SSH (exec: the CLI listings) and a pfSense over SSH exec (swanctl, read under its own id)', async function () {
    if (!REAL_CONFIGS) this.skip();
    const peers = readText(join(REAL_CONFIGS!, 'state', 'routeros', 'wahayu-ros7-active-peers-print-detail.txt'))
      .split('\n')
      .slice(1)
      .join('\n');
    const sas = readText(join(REAL_CONFIGS!, 'state', 'routeros', 'wahayu-ros7-installed-sa-print-detail-keys.txt'))
      .split('\n')
      .slice(1)
      .join('\n');
    const ros = await device({
      vendor: 'routeros-ssh',
      hostname: 'Mikrotik-Hub',
      user: 'admin',
      password: ENV.IPSEC_DRIFT_SSH_PASSWORD,
      answer: (c) => ({ '/ip ipsec active-peers print detail': peers, '/ip ipsec installed-sa print detail': sas })[c],
    });
    const io = captureIo({ env: ENV });
    const code = await run(
      ['state', `ssh://admin@127.0.0.1:${ros.port}?vendor=routeros`, OVERLAP_ASA, '--known-hosts', knownHosts(ros), '--format', 'json'],
      io,
    );
    expect(code, io.err).to.be.oneOf([0, 1]);
    expect(ros.received).to.deep.equal(['/ip ipsec active-peers print detail', '/ip ipsec installed-sa print detail']);
    const r = JSON.parse(io.out);
    expect(r.states.a.childSas[0].inbound.map((d: { spi: string }) => d.spi)).to.deep.equal(['0e841441', '065b1a81', '073f97fa']);
    expect(io.out + io.err).not.to.match(/61a63f8976fa4d3f|642751166df78656/);

    const listSas = readText(fixturePath('state', 'strongswan', 'lab-rekey-overlap-b.txt'))
      .split('\n')
      .slice(3)
      .join('\n');
    const pf = await device({
      vendor: 'routeros-ssh',
      hostname: 'pfsense-hq',
      user: 'admin',
      password: ENV.IPSEC_DRIFT_SSH_PASSWORD,
      answer: (c) => (c === 'swanctl --list-sas' ? listSas : undefined),
    });
    const pio = captureIo({ env: ENV });
    const pcode = await run(
      [
        'state',
        `ssh://admin@127.0.0.1:${pf.port}?vendor=pfsense`,
        fixturePath('state', 'strongswan', 'lab-rekey-overlap-a.txt'),
        '--known-hosts',
        knownHosts(pf),
        '--format',
        'json',
      ],
      pio,
    );
    expect(pcode, pio.err).to.equal(0);
    expect(pf.received).to.deep.equal(['swanctl --list-sas']);
    const p = JSON.parse(pio.out);
    expect([p.ends[0].vendor, p.states.a.childSas.length, p.findings]).to.deep.equal(['pfsense', 2, []]);
  });

  it('a device that cannot be collected: exit 3, the others are still read', async () => {
    const io = captureIo({ env: ENV });
    const code = await run(['state', 'ssh://admin@127.0.0.1:1?vendor=fortigate', OVERLAP_ASA, '--known-hosts', join(tmp, 'none'), '--timeout', '2'], io);
    expect(code).to.equal(3);
    expect(io.err).to.match(/1 of 1 device\(s\) could not be collected/);
  });
});
