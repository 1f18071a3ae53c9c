/** RouterOS (installed-sa / active-peers, CLI and API) and Windows (netsh monitor, Get-NetIPsec*SA) SA listings, exact values. */
import { expect } from 'chai';
import { routerosState, routerosStateFromApi } from '../../adapters/routeros/state.js';
import { windowsState } from '../../adapters/windows-netsh/state.js';
import { fixturePath, readText } from '../helpers.js';
import { readState, realState, spiTable } from './helpers.js';

const ros = (name: string) => realState('state', 'routeros', name)!;

describe('RouterOS state reader', () => {
  before(function () {
    if (!realState('x')) this.skip();
  });

  it('installed-sa print detail (RouterOS 7.20): six SAs, keys wrapped over two lines never kept, SPIs without leading zeros', () => {
    const s = readState(routerosState, ros('wahayu-ros7-installed-sa-print-detail-keys.txt'));
    expect(s.hostname).to.equal('Mikrotik-Hub');
    expect(spiTable(s)).to.deep.equal([['installed-sa 50.0.0.50 <-> 150.0.0.150', ['0e841441', '065b1a81', '073f97fa'], ['0e2829ea', '0ff2ba1c', '07166eef']]]);
    const c = s.childSas[0];
    expect(c.inbound.map((d) => [d.raw, d.state, d.replayWindow, d.timers?.lifetimeSeconds?.value, d.timers?.lifetimeSeconds?.raw])).to.deep.equal([
      ['0xE841441', 'mature', 128, 1829, 'add-lifetime=24m23s/30m29s'],
      ['0x65B1A81', 'mature', 128, 1827, 'add-lifetime=24m21s/30m27s'],
      ['0x73F97FA', 'mature', 128, 1812, 'add-lifetime=24m9s/30m12s'],
    ]);
    expect(c.proposal).to.deep.equal({ raw: 'enc-algorithm=aes256 auth-algorithm=sha256', encryption: 'aes256', integrity: 'sha256' });
    expect(s.diagnostics.map((d) => d.message)).to.deep.equal([
      "no active-peers listing: 50.0.0.50 (the destination of the first SA) is taken as this router's address, which decides inbound and outbound (assumed)",
    ]);
    expect(JSON.stringify(s)).not.to.match(/61a63f8976fa4d3f|642751166df78656|03"|enc-key|auth-key=/);
    expect(s.shows.selectors).to.equal(false);
  });

  it('active-peers print detail: the IKEv2 responder, NAT-T port 4500, `spii`/`spir` printed twice read once', () => {
    const s = readState(routerosState, ros('wahayu-ros7-active-peers-print-detail.txt'));
    const ike = s.ikeSas[0];
    expect([ike.id, ike.name, ike.localAddress, ike.localPort, ike.remoteAddress, ike.remotePort, ike.initiator, ike.natt?.value, ike.version]).to.deep.equal([
      'active-peer 0 spoke1',
      'spoke1',
      '50.0.0.50',
      4500,
      '150.0.0.150',
      4500,
      false,
      true,
      2,
    ]);
    expect([ike.spis, ike.timers.ageSeconds?.value]).to.deep.equal([{ initiator: '341c6d6330c59831', responder: '16c05dd1993caee0' }, 18554]);
  });

  it('active-peers print (table form): id, state, uptime, remote address', () => {
    const s = readState(routerosState, ros('wahayu-ros7-active-peers-print-table.txt'));
    expect(s.ikeSas.map((i) => [i.id, i.state.value, i.remoteAddress, i.timers.ageSeconds?.value, i.initiator])).to.deep.equal([
      ['active-peer 0 spoke1', 'established', '150.0.0.150', 11282, false],
    ]);
  });

  it('both listings in one session: direction from the peer’s local-address, the CHILD_SAs hang under it, NAT-T → ESP in UDP', () => {
    const text = `${readText(ros('wahayu-ros7-active-peers-print-detail.txt'))}${readText(ros('wahayu-ros7-installed-sa-print-detail-keys.txt'))}`;
    const s = readState(routerosState, 'hub-session.txt', text);
    expect(s.diagnostics).to.deep.equal([]);
    expect(s.childSas.map((c) => [c.ike, c.tunnel, c.udpEncapsulation?.value, c.inbound.length, c.outbound.length])).to.deep.equal([
      ['active-peer 0 spoke1', 'spoke1', true, 3, 3],
    ]);
    expect(routerosState.clear({ kind: 'child', sa: s.childSas[0], spi: '0e841441' }, s)).to.equal('/ip ipsec installed-sa remove [find where spi=0xE841441]');
    expect(routerosState.clear({ kind: 'ike', sa: s.ikeSas[0] }, s)).to.equal('/ip ipsec active-peers remove [find remote-address="150.0.0.150"]');
  });

  it('fixture in the printed form (a hub session, NAT-T peer): direction from local-address, the NAT-T peer makes ESP in UDP', () => {
    const s = readState(routerosState, fixturePath('state', 'routeros', 'hub-session-active-peers-installed-sa.txt'));
    expect(s.hostname).to.equal('ros-hub');
    expect(spiTable(s)).to.deep.equal([['installed-sa 198.51.100.60 <-> 203.0.113.44', ['09c1d2e3'], ['4a7b8c9d']]]);
    const c = s.childSas[0];
    expect([c.ike, c.tunnel, c.udpEncapsulation?.value, c.inbound[0].timers?.lifetimeSeconds?.value, c.inbound[0].raw]).to.deep.equal([
      'active-peer 0 br44',
      'br44',
      true,
      1806,
      '0x9C1D2E3',
    ]);
    expect(JSON.stringify(s)).not.to.match(/5c7e9a1b3d5f7092|1122334455667788/);
  });

  it('a policy listing is not an SA listing: a ParseError naming both commands', () => {
    expect(() => routerosState.read(readText(ros('wahayu-ros7-policy-print-detail-hub-dynamic.txt')), 'p.txt')).to.throw(
      'expected the output of `/ip ipsec installed-sa print detail` ("0 E spi=0x… src-address=…") or `/ip ipsec active-peers print detail`, found neither',
    );
  });

  it('API replies (every value a string, keys included) become the print detail text without the keys, and read the same', () => {
    const text = routerosStateFromApi({
      '/ip/ipsec/active-peers/print': [
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
          spii: '341c6d6330c59831',
          spir: '16c05dd1993caee0',
        },
      ],
      '/ip/ipsec/installed-sa/print': [
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
          'enc-algorithm': 'aes-cbc',
          'enc-key-size': '256',
          'auth-key': 'c249a95e4afe58ac2e35ff971753d1246cc9055f99b31488c398ecf0d9441da0',
          esp: 'true',
        },
      ],
    });
    expect(text).not.to.match(/61a63f89|642751166d|c249a95e|-key=/);
    const s = readState(routerosState, 'routeros://admin@hub', text);
    expect(spiTable(s)).to.deep.equal([['installed-sa 50.0.0.50 <-> 150.0.0.150', ['0e841441'], ['0e2829ea']]]);
    expect([s.ikeSas[0].localPort, s.ikeSas[0].remotePort, s.ikeSas[0].initiator, s.ikeSas[0].natt?.value]).to.deep.equal([4500, 4500, false, true]);
  });
});

describe('Windows state reader', () => {
  it('netsh advfirewall monitor show mmsa (KB 949856 sample): main mode SA, cookies, ECDH P-384, the capture time it prints', function () {
    const file = realState('windows-netsh', 'mssupport-kb949856-monitor-show-mmsa-sample.txt');
    if (!file) this.skip();
    const s = readState(windowsState, file!);
    expect(s.capturedAt).to.deep.include({ iso: '2008-01-04T13:10:09.000Z', source: 'listing', raw: 'Main Mode SA at 01/04/2008 13:10:09' });
    const ike = s.ikeSas[0];
    expect([ike.localAddress, ike.remoteAddress, ike.localId, ike.spis, ike.proposal]).to.deep.equal([
      '157.59.24.101',
      '157.59.24.119',
      undefined,
      { initiator: '0000000203d57505', responder: '000000005d088705' },
      { raw: 'ECDHAP384-3DES-SHA256', encryption: '3des', integrity: 'sha256', dhGroup: 20 },
    ]);
    expect(s.shows).to.deep.equal({ spis: false, selectors: false, ikeSas: true, childSas: false });
  });

  it('netsh advfirewall monitor show qmsa (KB 949856 sample, headed "Main Mode SA" by mistake): no SPI, AES-GCM-256, 60 min / 100000 KB', function () {
    const file = realState('windows-netsh', 'mssupport-kb949856-monitor-show-qmsa-sample.txt');
    if (!file) this.skip();
    const s = readState(windowsState, file!);
    expect(s.listings.map((l) => l.command)).to.deep.equal(['netsh advfirewall monitor show qmsa']);
    const c = s.childSas[0];
    expect([
      c.localAddress,
      c.remoteAddress,
      c.inbound,
      c.outbound,
      c.proposal?.encryption,
      c.timers.lifetimeSeconds?.value,
      c.timers.lifetimeKilobytes?.value,
    ]).to.deep.equal(['157.59.24.101', '157.59.24.119', [], [], 'aes256gcm16', 3600, 100000]);
    expect(s.missing.map((m) => m.consequence)).to.deep.equal([
      'netsh prints no SPI: stale-sa cannot be checked on this end without the PowerShell listing',
      'no main mode SAs listed: ike-sa-missing is not checked on this end',
    ]);
  });

  it('Get-NetIPsecMainModeSA / Get-NetIPsecQuickModeSA | Format-List * (modelled on the documented CIM classes): one SA per direction, decimal SPIs', () => {
    const s = readState(windowsState, fixturePath('state', 'windows-netsh', 'gw-get-netipsec-sa-format-list.txt'));
    const ike = s.ikeSas[0];
    expect([ike.id, ike.version, ike.localAddress, ike.remoteAddress, ike.spis, ike.timers.lifetimeSeconds?.value, ike.natt?.value]).to.deep.equal([
      'main mode SA 71',
      2,
      '198.51.100.7',
      '203.0.113.40',
      { initiator: 'cdcdd6b2a35b6410', responder: '1fffffffffffffff' },
      28800,
      false,
    ]);
    expect(ike.proposal).to.deep.include({ encryption: 'aes256', integrity: 'sha256', dhGroup: 14 });
    expect(spiTable(s)).to.deep.equal([['quick mode SA 1182', ['c0f5a040'], ['acc4fc00']]]);
    const c = s.childSas[0];
    expect([c.ike, c.localAddress, c.remoteAddress, c.localSelectors, c.remoteSelectors, c.pfsGroup?.value, c.timers.lifetimeSeconds?.value]).to.deep.equal([
      'main mode SA 71',
      '198.51.100.7',
      '203.0.113.40',
      ['10.50.0.0/32'],
      ['172.20.0.0/32'],
      14,
      3600,
    ]);
    expect(windowsState.clear({ kind: 'child', sa: c, spi: 'acc4fc00' }, s)).to.equal(
      'Get-NetIPsecQuickModeSA | Where-Object { $_.SPI -eq 2898590720 } | Remove-NetIPsecQuickModeSA',
    );
    expect(windowsState.clear({ kind: 'ike', sa: ike }, s)).to.equal(
      "Get-NetIPsecMainModeSA | Where-Object { $_.RemoteEndpoint -eq '203.0.113.40' } | Remove-NetIPsecMainModeSA",
    );
  });

  it('Get-NetIPsecQuickModeSA | ConvertTo-Json reads like the Format-List form', () => {
    const s = readState(windowsState, fixturePath('state', 'windows-netsh', 'gw-get-netipsecquickmodesa-json.txt'));
    expect(spiTable(s)).to.deep.equal([['quick mode SA 1182', ['c0f5a040'], ['acc4fc00']]]);
    expect([s.childSas[0].pfsGroup?.value, s.childSas[0].proposal?.encryption, s.childSas[0].inbound[0].at?.line]).to.deep.equal([14, 'aes256', 15]);
  });
});
