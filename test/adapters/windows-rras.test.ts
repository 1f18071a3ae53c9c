/** windows-rras: RemoteAccess / VpnClient PowerShell output → Device; seconds, enums, JSON, bad input, real files, fixes. */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter } from '../../adapters/windows-rras/index.js';
import { adapter as netsh } from '../../adapters/windows-netsh/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { adapterById } from '../../adapters/index.js';
import { PSK_UNKNOWN } from '../../src/model/secrets.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Device } from '../../src/model/types.js';
import { windowsEndKind } from '../../adapters/windows-common/kind.js';
import { fromEnum, RRAS_PFS, RRAS_CIPHER, PFS_SAME_AS_MAIN_MODE } from '../../adapters/windows-common/crypto.js';
import { filesUnder, fixturePath, parseFile, readText, REAL_CONFIGS, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

function parsed(name: string): Device {
  const device = parseFile(adapter, fixturePath('windows-rras', name));
  expectValid(device);
  return device;
}

const S = 'fixtures/windows-rras/s2s-format-list.txt';

describe('windows-rras adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('windows-rras')).to.equal(adapter);
  });

  describe('detect', () => {
    it('claims RemoteAccess/VpnClient output, leaves netsh files to windows-netsh', () => {
      for (const f of ['s2s-format-list.txt', 's2s-json.txt', 's2s-utf16le-bom.txt', 'vpnserver-custom-passthru.txt', 'vpnconnection.txt']) {
        expect(adapter.detect(readText(fixturePath('windows-rras', f)), f), f).to.equal(0.9);
        expect(netsh.detect(readText(fixturePath('windows-rras', f)), f), f).to.equal(0);
      }
      expect(adapter.detect(readText(fixturePath('windows-netsh', 'gateway-transcript.txt')), 'g.txt')).to.equal(0);
    });
  });

  describe('enums (RemoteAccess names and ConvertTo-Json numbers)', () => {
    it('PFS2048 is group 14, PFSMM follows main mode, JSON numbers map the same', () => {
      expect(fromEnum(RRAS_PFS, 'PFS2048')).to.equal(14);
      expect(fromEnum(RRAS_PFS, 'pfs2048')).to.equal(14);
      expect(fromEnum(RRAS_PFS, 3)).to.equal(14);
      expect(fromEnum(RRAS_PFS, 'PFSMM')).to.equal(PFS_SAME_AS_MAIN_MODE);
      expect(fromEnum(RRAS_PFS, 'ECP384')).to.equal(20);
      expect(fromEnum(RRAS_CIPHER, 'GCMAES256')).to.equal('aes256gcm16');
      expect(fromEnum(RRAS_CIPHER, 8)).to.equal('aes256gcm16');
      expect(fromEnum(RRAS_PFS, 'PFS4096')).to.equal(undefined);
    });
  });

  describe('Get-VpnS2SInterface | Format-List * (fixtures/windows-rras/s2s-format-list.txt)', () => {
    const d = () => parsed('s2s-format-list.txt');

    it('two interfaces, the host name, one note for the second destination', () => {
      const dev = d();
      expect(dev.vendor).to.equal('windows-rras');
      expect(dev.hostname).to.equal('RRAS-HQ01');
      expect(dev.tunnels.map((t) => t.name)).to.deep.equal(['to-branch-fgt', 'to-lab']);
      expect(dev.diagnostics).to.deep.equal([
        { level: 'info', message: 'S2S interface "to-lab" lists 2 destinations; the first (192.0.2.50) is compared', at: at(S, 42) },
      ]);
    });

    it('custom policy interface: seconds with the unit-suffixed names as raw, GCM as AEAD, PFS2048 = 14', () => {
      const t = tunnel(d(), 'to-branch-fgt');
      expect(t.at).to.deep.equal(at(S, 7));
      expect(t.enabled).to.equal(true);
      expect(t.remoteGateway).to.deep.equal({ value: '198.51.100.7', raw: 'Destination : {198.51.100.7}', origin: 'explicit', at: at(S, 8) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.1', raw: 'SourceIpAddress : 203.0.113.1', origin: 'explicit', at: at(S, 39) });
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'Protocol : Ikev2', origin: 'explicit', at: at(S, 13) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'AuthenticationMethod : PSKOnly', origin: 'explicit', at: at(S, 15) });
      expect(t.auth.psk?.value).to.equal(PSK_UNKNOWN);
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }],
        raw: 'EncryptionMethod : AES256, IntegrityCheckMethod : SHA256, DHGroup : Group14',
        origin: 'explicit',
        at: at(S, 36),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'MMSALifeTime(s) : 28800', unit: 'seconds', origin: 'explicit', at: at(S, 24) });
      expect(t.phase1.exchangeMode).to.equal(undefined);
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'IKEv2 NAT traversal (built into Windows)', origin: 'default' });
      const p = t.phase2[0];
      expect(p.proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }],
        raw: 'CipherTransformConstants : GCMAES256, AuthenticationTransformConstants : GCMAES256',
        origin: 'explicit',
        at: at(S, 35),
      });
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: 'PfsGroup : PFS2048', origin: 'explicit', at: at(S, 38) });
      expect(p.lifetimeSeconds).to.deep.equal({ value: 27000, raw: 'SALifeTime(s) : 27000', unit: 'seconds', origin: 'explicit', at: at(S, 23) });
      expect(p.lifetimeKilobytes).to.deep.equal({
        value: 102400,
        raw: 'SADataSizeForRenegotiation(KB) : 102400',
        unit: 'kilobytes',
        origin: 'explicit',
        at: at(S, 22),
      });
      // route-based: no traffic selector printed = any ↔ any, as a default
      expect(p.localSelectors).to.deep.equal({ value: ['0.0.0.0/0'], raw: 'LocalVpnTrafficSelector : (none: any)', origin: 'default' });
      expect(p.mode).to.deep.equal({ value: 'tunnel', raw: 'IKEv2 (tunnel mode)', origin: 'default' });
    });

    it('CustomPolicy : False is the Windows default IKEv2 policy, marked default; MMSALifeTime absent = default', () => {
      const t = tunnel(d(), 'to-lab');
      expect(t.enabled).to.equal(false);
      expect(t.auth.method.value).to.equal('certificate');
      expect(t.auth.psk).to.equal(undefined);
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['3des', 'aes128', 'aes192', 'aes256'], integrity: ['sha1', 'sha256', 'sha384'], prf: [], dhGroups: [2] }],
        raw: 'CustomPolicy : False (Windows default IKEv2 policy)',
        origin: 'default',
        assumed: true,
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'MMSALifeTime(s) : 28800', unit: 'seconds', origin: 'default', assumed: true });
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256', 'aes128', '3des', 'des', 'null'], integrity: ['sha1'] }]);
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [0], raw: 'PfsGroup : None', origin: 'default', assumed: true });
      expect(t.phase2[0].lifetimeSeconds).to.deep.include({ value: 3600, unit: 'seconds', origin: 'explicit' });
    });

    it('UTF-16LE with BOM and CRLF reads the same, with the same line numbers', () => {
      const a = JSON.stringify(d().tunnels).replaceAll('s2s-format-list.txt', 'X');
      const b = JSON.stringify(parsed('s2s-utf16le-bom.txt').tunnels).replaceAll('s2s-utf16le-bom.txt', 'X');
      expect(b).to.equal(a);
    });
  });

  describe('Get-VpnS2SInterface | ConvertTo-Json (numbers for enums, traffic selectors, CIM noise)', () => {
    const J = 'fixtures/windows-rras/s2s-json.txt';
    it('reads the numeric custom policy and IPAddressRange selectors', () => {
      const d = parsed('s2s-json.txt');
      expect(d.diagnostics).to.deep.equal([]);
      const t = tunnel(d, 'to-azure');
      expect(t.remoteGateway).to.deep.equal({ value: '40.112.10.20', raw: '"Destination": ["40.112.10.20"]', origin: 'explicit', at: at(J, 5) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: '"MMSALifeTime": 28800', unit: 'seconds', origin: 'explicit', at: at(J, 35) });
      const p = t.phase2[0];
      expect(p.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }]);
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: '"PfsGroup": 3', origin: 'explicit', at: at(J, 72) });
      expect(p.lifetimeSeconds).to.deep.equal({ value: 27000, raw: '"SALifeTime": 27000', unit: 'seconds', origin: 'explicit', at: at(J, 12) });
      expect(p.localSelectors).to.deep.equal({ value: ['10.10.0.0/16'], raw: '"LocalVpnTrafficSelector": {…}', origin: 'explicit', at: at(J, 36) });
      expect(p.remoteSelectors.value).to.deep.equal(['10.200.0.0/16']);
    });
  });

  describe('Get-VpnServerConfiguration (Set-… -PassThru as the 2012 R2 help prints it: alphabetical, unit suffixes, PFSgroup, blank lines, WARNING line)', () => {
    const V = 'fixtures/windows-rras/vpnserver-custom-passthru.txt';
    it('the server is one responder end: any peer, PFSMM = the main mode group', () => {
      const d = parsed('vpnserver-custom-passthru.txt');
      expect(d.diagnostics).to.deep.equal([]);
      const t = tunnel(d, 'VpnServer');
      expect(t.remoteGateway.value).to.equal('any');
      expect(t.initiates?.value).to.equal(false);
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha384'], prf: [], dhGroups: [20] }]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'MMSALifeTime(s) : 86400', unit: 'seconds', origin: 'explicit', at: at(V, 23) });
      const p = t.phase2[0];
      expect(p.pfsGroups).to.deep.equal({ value: [20], raw: 'PFSgroup : PFSMM', origin: 'inferred', at: at(V, 25) });
      expect(p.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }]);
      expect(p.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'SALifeTime(s) : 28800', unit: 'seconds', origin: 'explicit', at: at(V, 29) });
      expect(windowsEndKind(t)).to.equal('vpn-server');
    });
  });

  describe('Get-VpnConnection (JSON with nested IPsecCustomPolicy, Format-List + -ExpandProperty, L2TP)', () => {
    const C = 'fixtures/windows-rras/vpnconnection.txt';
    const d = () => parsed('vpnconnection.txt');

    it('three client connections; the VPN client has no lifetime setting (defaults without a unit)', () => {
      const dev = d();
      expect(dev.tunnels.map((t) => t.name)).to.deep.equal(['HQ Always On', 'Branch IKEv2', 'Lab L2TP']);
      expect(dev.diagnostics).to.deep.equal([]);
      const t = tunnel(dev, 'HQ Always On');
      expect(t.remoteGateway).to.deep.equal({ value: 'vpn.contoso.com', raw: '"ServerAddress": "vpn.contoso.com"', origin: 'explicit', at: at(C, 5) });
      expect(t.auth.method.value).to.equal('certificate');
      // EncryptionMethod 6 = GCMAES256 (AEAD: the integrity choice is the PRF), DHGroup 5 = ECP384, PfsGroup 5 = ECP384
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20] }]);
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }]);
      expect(t.phase2[0].pfsGroups.value).to.deep.equal([20]);
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({ value: 3600, raw: '(no setting: IKEEXT default 60 min)', origin: 'default', assumed: true });
      expect(windowsEndKind(t)).to.equal('vpn-client');
    });

    it('IPsecCustomPolicy from a later -ExpandProperty block attaches to its connection', () => {
      const t = tunnel(d(), 'Branch IKEv2');
      expect(t.auth.method).to.deep.equal({ value: 'eap', raw: 'AuthenticationMethod : {Eap}', origin: 'explicit', at: at(C, 41) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [14] }]);
      expect(t.phase2[0].proposals.at).to.deep.equal(at(C, 76));
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [14], raw: 'PfsGroup : PFS2048', origin: 'explicit', at: at(C, 79) });
    });

    it('L2TP/IPsec: IKEv1, PSK never shown, transport to the server, NAT-T from the registry', () => {
      const t = tunnel(d(), 'Lab L2TP');
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'TunnelType : L2tp', origin: 'explicit', at: at(C, 57) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'L2tpIPsecAuth : Psk', origin: 'explicit', at: at(C, 60) });
      expect(t.auth.psk?.value).to.equal(PSK_UNKNOWN);
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'AssumeUDPEncapsulationContextOnSendRule REG_DWORD 0x2', origin: 'explicit', at: at(C, 88) });
      const p = t.phase2[0];
      expect(p.mode.value).to.equal('transport');
      expect(p.remoteSelectors).to.deep.equal({ value: ['192.0.2.80/32'], raw: 'ServerAddress : 192.0.2.80', origin: 'inferred', at: at(C, 54) });
      expect(p.ipProtocol?.value).to.equal(17);
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] }]);
    });
  });

  describe('bad input', () => {
    it('a failed cmdlet (error record) with nothing else readable: file:line of the error', () => {
      const e = parseErrorOf(() => parsed('bad-error-record.txt'));
      expect(e.located).to.match(
        /^fixtures\/windows-rras\/bad-error-record\.txt:3: `Get-VpnS2SInterface \| Format-List \*` failed: Get-VpnS2SInterface : The term 'Get-VpnS2SInterface' is not recognized/,
      );
    });

    it('an enum value RRAS does not have: the line and the accepted names', () => {
      const e = parseErrorOf(() => parsed('bad-unknown-enum.txt'));
      expect(e.located).to.equal(
        'fixtures/windows-rras/bad-unknown-enum.txt:38: expected PfsGroup to be one of None, PFS1, PFS2, PFS2048, ECP256, ECP384, PFSMM, PFS24, found "PFS4096"',
      );
    });

    it('a lifetime that is not a number: the line', () => {
      const text = readText(fixturePath('windows-rras', 's2s-format-list.txt')).replace(
        'SALifeTime(s)                    : 27000',
        'SALifeTime(s)                    : 8h',
      );
      expect(parseErrorOf(() => adapter.parse(text, 's.txt')).located).to.equal('s.txt:23: expected SALifeTime(s) in seconds as a whole number, found "8h"');
    });

    it('a custom policy with empty values falls back to the default, and says so', () => {
      const text =
        'PS C:\\> Get-VpnS2SInterface | Format-List *\nName : x\nDestination : {192.0.2.9}\nCustomPolicy : True\nEncryptionMethod : AES256\nIntegrityCheckMethod :\nDHGroup : Group14\nCipherTransformConstants : AES256\nAuthenticationTransformConstants : SHA256128\nPfsGroup : None\n';
      const d = adapter.parse(text, 'c.txt');
      expect(d.tunnels[0].phase1.proposals.origin).to.equal('default');
      expect(d.diagnostics).to.deep.equal([
        {
          level: 'warning',
          message: 'a custom IPsec policy needs all six values; IntegrityCheckMethod is empty, so the Windows default policy is assumed',
          at: at('c.txt', 4),
        },
      ]);
    });

    it('an unrelated cmdlet next to a good block is only a warning', () => {
      const text =
        readText(fixturePath('windows-rras', 's2s-json.txt')) +
        'PS C:\\> Get-NetAdapter\n\nName  InterfaceDescription  ifIndex Status\n----  --------------------  ------- ------\nWAN   Hyper-V Adapter             6 Up\n';
      const d = adapter.parse(text, 'j.txt');
      expect(d.tunnels).to.have.length(1);
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([['warning', 113]]);
    });
  });

  describe('a transcript with both netsh and RRAS output is read whole by either adapter', () => {
    const mixed = () => readText(fixturePath('windows-netsh', 'gateway-transcript.txt')) + readText(fixturePath('windows-rras', 's2s-format-list.txt'));
    it('all four ends, whichever adapter; fixes follow the end, not the adapter', () => {
      const byRras = adapter.parse(mixed(), 'm.txt');
      const byNetsh = netsh.parse(mixed(), 'm.txt');
      const names = ['Tunnel to Branch07', 'Backup server transport', 'to-branch-fgt', 'to-lab'];
      expect(byRras.tunnels.map((t) => t.name)).to.deep.equal(names);
      expect(byNetsh.tunnels.map((t) => t.name)).to.deep.equal(names);
      const rule = tunnel(byRras, 'Tunnel to Branch07');
      expect(adapter.fix({ field: 'phase2.lifetimeSeconds', device: byRras, tunnel: rule, target: 7200 })).to.match(
        /^netsh advfirewall consec set rule name="Tunnel to Branch07" new qmsecmethods=ESP:SHA256-AES256\+120min/,
      );
      const s2s = tunnel(byNetsh, 'to-branch-fgt');
      expect(netsh.fix({ field: 'phase2.lifetimeSeconds', device: byNetsh, tunnel: s2s, target: 28800 })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -SALifeTimeSeconds 28800',
      );
      expect(netsh.detect(mixed(), 'm.txt')).to.equal(0.9);
      expect(adapter.detect(mixed(), 'm.txt')).to.equal(0.5);
    });
  });

  describe('change commands in a transcript are read in order (the fix round-trip)', () => {
    it('every RRAS fix, pasted under the transcript it came from, reads back as its target', () => {
      const text = readText(fixturePath('windows-rras', 's2s-format-list.txt'));
      const d0 = parsed('s2s-format-list.txt');
      const t0 = tunnel(d0, 'to-branch-fgt');
      const L = text.replace(/\n$/, '').split('\n').length + 1;
      const back = (r: Omit<FixRequest, 'device' | 'tunnel'>) => {
        const fix = adapter.fix({ ...r, device: d0, tunnel: t0 } as FixRequest)!;
        return tunnel(adapter.parse(`${text.replace(/\n$/, '')}\n${fix}\n`, 's.txt'), 'to-branch-fgt');
      };
      expect(back({ field: 'phase2.lifetimeSeconds', target: 28800 }).phase2[0].lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: '-SALifeTimeSeconds 28800',
        unit: 'seconds',
        origin: 'explicit',
        at: at('s.txt', L),
      });
      expect(back({ field: 'phase1.lifetimeSeconds', target: 86400 }).phase1.lifetimeSeconds.value).to.equal(86400);
      expect(back({ field: 'phase2.lifetimeKilobytes', target: 4608000 }).phase2[0].lifetimeKilobytes.value).to.equal(4608000);
      expect(back({ field: 'phase2.pfsGroups', target: [20] }).phase2[0].pfsGroups).to.deep.equal({
        value: [20],
        raw: '-PfsGroup ECP384',
        origin: 'explicit',
        at: at('s.txt', L),
      });
      expect(
        back({ field: 'phase1.proposals', target: [{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] }] }).phase1.proposals.value,
      ).to.deep.equal([{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] }]);
      expect(back({ field: 'remoteGateway', target: '192.0.2.99' }).remoteGateway).to.deep.equal({
        value: '192.0.2.99',
        raw: '-Destination 192.0.2.99',
        origin: 'explicit',
        at: at('s.txt', L),
      });
      expect(back({ field: 'phase2.remoteSelectors', target: ['10.99.0.0/16', '10.98.0.0/24'] }).phase2[0].remoteSelectors.value).to.deep.equal([
        '10.99.0.0/16',
        '10.98.0.0/24',
      ]);
    });

    it("a failed Set-VpnS2SInterface (error record) is not applied; the help example's spaced array is one argument", () => {
      const text = readText(fixturePath('windows-rras', 's2s-format-list.txt')).replace(/\n$/, '');
      const failed = adapter.parse(
        `${text}\nPS C:\\> Set-VpnS2SInterface -Name to-branch-fgt -SALifeTimeSeconds 28800\nSet-VpnS2SInterface : The interface to-branch-fgt is connected.\n    + CategoryInfo          : InvalidOperation: (:) [Set-VpnS2SInterface], CimException\n`,
        'f.txt',
      );
      expect(tunnel(failed, 'to-branch-fgt').phase2[0].lifetimeSeconds.value).to.equal(27000);
      expect(failed.diagnostics.filter((x) => x.level === 'warning').map((x) => x.message)).to.deep.equal([
        '`Set-VpnS2SInterface -Name to-branch-fgt -SALifeTimeSeconds 28800` failed (Set-VpnS2SInterface : The interface to-branch-fgt is connected.): its change is not applied',
      ]);
      const spaced = adapter.parse(
        `${text}\nSet-VpnS2SInterface -Name to-branch-fgt -RemoteVpnTrafficSelector (New-VpnTrafficSelector -IPAddressRange 20.20.0.0, 20.20.255.255 -Type IPv4)\n`,
        'sp.txt',
      );
      expect(tunnel(spaced, 'to-branch-fgt').phase2[0].remoteSelectors.value).to.deep.equal(['20.20.0.0/16']);
    });
  });

  describe('fix: PowerShell, seconds', () => {
    const dev = () => parsed('s2s-format-list.txt');
    const fix = (name: string, r: Omit<FixRequest, 'device' | 'tunnel'>, d = dev()) => adapter.fix({ ...r, device: d, tunnel: tunnel(d, name) } as FixRequest);

    it('lifetimes in seconds and kilobytes, within what RRAS accepts', () => {
      expect(fix('to-branch-fgt', { field: 'phase2.lifetimeSeconds', target: 28800 })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -SALifeTimeSeconds 28800',
      );
      expect(fix('to-branch-fgt', { field: 'phase2.lifetimeSeconds', target: 120 })).to.equal(undefined);
      expect(fix('to-branch-fgt', { field: 'phase1.lifetimeSeconds', target: 86400 })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -MMSALifeTimeSeconds 86400',
      );
      expect(fix('to-branch-fgt', { field: 'phase2.lifetimeKilobytes', target: 4608000 })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -SADataSizeForRenegotiationKilobytes 4608000',
      );
    });

    it('the custom policy is written whole: the fixed phase from the target, the other as it is', () => {
      expect(fix('to-branch-fgt', { field: 'phase2.pfsGroups', target: [19] })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -CustomPolicy -EncryptionMethod AES256 -IntegrityCheckMethod SHA256 -DHGroup Group14 -CipherTransformConstants GCMAES256 -AuthenticationTransformConstants GCMAES256 -PfsGroup ECP256',
      );
      expect(fix('to-branch-fgt', { field: 'phase2.proposals', target: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }] })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -CustomPolicy -EncryptionMethod AES256 -IntegrityCheckMethod SHA256 -DHGroup Group14 -CipherTransformConstants AES256 -AuthenticationTransformConstants SHA256128 -PfsGroup PFS2048',
      );
      expect(fix('to-branch-fgt', { field: 'phase1.proposals', target: [{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] }] })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -CustomPolicy -EncryptionMethod AES128 -IntegrityCheckMethod SHA1 -DHGroup Group2 -CipherTransformConstants GCMAES256 -AuthenticationTransformConstants GCMAES256 -PfsGroup PFS2048',
      );
      // RRAS has no GCM for IKE, nor SHA-512
      expect(
        fix('to-branch-fgt', { field: 'phase1.proposals', target: [{ encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha256'], dhGroups: [14] }] }),
      ).to.equal(undefined);
      expect(fix('to-branch-fgt', { field: 'phase2.proposals', target: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha512'] }] })).to.equal(
        undefined,
      );
    });

    it('peer, selectors, PSK (never the key), method; nothing where RRAS has no knob', () => {
      expect(fix('to-branch-fgt', { field: 'remoteGateway', target: '198.51.100.8' })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -Destination 198.51.100.8',
      );
      expect(fix('to-branch-fgt', { field: 'phase2.remoteSelectors', target: ['10.70.7.0/24'] })).to.equal(
        'Set-VpnS2SInterface -Name "to-branch-fgt" -RemoteVpnTrafficSelector (New-VpnTrafficSelector -IPAddressRange 10.70.7.0,10.70.7.255 -Type IPv4)',
      );
      expect(fix('to-branch-fgt', { field: 'auth.psk', target: null })).to.equal('Set-VpnS2SInterface -Name "to-branch-fgt" -SharedSecret "<the shared key>"');
      expect(fix('to-lab', { field: 'auth.method', target: 'psk' })).to.equal('Set-VpnS2SInterface -Name "to-lab" -AuthenticationMethod PSKOnly');
      expect(fix('to-branch-fgt', { field: 'natt.mode', target: 'disabled' })).to.equal(undefined);
      expect(fix('to-branch-fgt', { field: 'ikeVersion', target: 1 })).to.equal(undefined);
    });

    it('server and VPN client ends get their own cmdlets', () => {
      const s = parsed('vpnserver-custom-passthru.txt');
      expect(adapter.fix({ field: 'phase2.lifetimeSeconds', device: s, tunnel: s.tunnels[0], target: 3600 })).to.equal(
        'Set-VpnServerConfiguration -SALifeTimeSeconds 3600',
      );
      const c = parsed('vpnconnection.txt');
      const branch = tunnel(c, 'Branch IKEv2');
      expect(adapter.fix({ field: 'phase2.pfsGroups', device: c, tunnel: branch, target: [0] })).to.equal(
        'Set-VpnConnectionIPsecConfiguration -ConnectionName "Branch IKEv2" -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -DHGroup Group14 -CipherTransformConstants AES128 -AuthenticationTransformConstants SHA256128 -PfsGroup None -Force',
      );
      expect(adapter.fix({ field: 'phase2.lifetimeSeconds', device: c, tunnel: branch, target: 3600 })).to.equal(undefined);
      const l2tp = tunnel(c, 'Lab L2TP');
      expect(adapter.fix({ field: 'natt.mode', device: c, tunnel: l2tp, target: 'auto' })).to.equal(
        'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule /t REG_DWORD /d 2 /f',
      );
    });
  });

  describe('commands', () => {
    it('only read-only commands', () => {
      for (const c of adapter.live!.commands) expect(c).to.match(/^(hostname|Get-|reg query )/);
    });
  });

  describe('real configs (../shared/real-configs/windows-rras)', () => {
    before(function () {
      if (!REAL_CONFIGS) {
        console.log('    (skipped: ../shared/real-configs not present)');
        this.skip();
      }
    });

    it('every file is read without a crash and validates', () => {
      const dir = join(REAL_CONFIGS!, 'windows-rras');
      const got: Record<string, string> = {};
      for (const f of filesUnder(dir)) {
        const name = f.slice(dir.length + 1);
        const text = readText(f);
        expect(adapter.detect(text, name), name).to.equal(0.9);
        const d = adapter.parse(text, name);
        expect(validateDevice(d), `${f}`).to.deep.equal([]);
        got[name] = d.tunnels
          .map((t) => `${t.name}:${t.phase2[0].lifetimeSeconds.value}s/${t.phase2[0].lifetimeKilobytes.value}KB/${t.phase2[0].pfsGroups.value}`)
          .join(',');
      }
      expect(got).to.deep.equal({
        'msdocs-2012r2-Set-VpnServerConfiguration-custompolicy-passthru.txt': 'VpnServer:28800s/102400KB/2',
        'msdocs-2012r2-Set-VpnServerConfiguration-idle-passthru.txt': 'VpnServer:28800s/102400KB/0',
        'msdocs-Get-VpnS2SInterface-format-list.txt': 'edge1:3600s/33553408KB/0',
        'msdocs-Get-VpnS2SInterface-table.txt': 'edge1:3600s/33553408KB/0',
        'msdocs-Get-VpnServerConfiguration-ipsec-blank-lines.txt': 'VpnServer:28800s/102400KB/0',
      });
    });

    it('custom policy -PassThru (PFSgroup casing, DHGroup Group2): exact values', () => {
      const f = join(REAL_CONFIGS!, 'windows-rras', 'msdocs-2012r2-Set-VpnServerConfiguration-custompolicy-passthru.txt');
      const t = adapter.parse(readText(f), 'cp.txt').tunnels[0];
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [2] }]);
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] }]);
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [2], raw: 'PFSgroup : PFS2', origin: 'explicit', at: at('cp.txt', 22) });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: 'SALifeTime(s) : 28800',
        unit: 'seconds',
        origin: 'explicit',
        at: at('cp.txt', 26),
      });
    });

    it('the table view is read, with a warning that it hides the IPsec properties', () => {
      const f = join(REAL_CONFIGS!, 'windows-rras', 'msdocs-Get-VpnS2SInterface-table.txt');
      const d = adapter.parse(readText(f), 'table.txt');
      expect(d.tunnels[0].remoteGateway).to.deep.equal({
        value: '131.107.0.2',
        raw: 'Destination : {131.107.0.2}',
        origin: 'explicit',
        at: at('table.txt', 4),
      });
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([['warning', 4]]);
      expect(d.tunnels[0].phase2[0].lifetimeSeconds.origin).to.equal('default');
    });

    it("the configuration captures of ../shared/real-configs/windows-state are read (the SA listings are the state readers')", () => {
      const dir = join(REAL_CONFIGS!, 'windows-state');
      const got: Record<string, string> = {};
      for (const f of filesUnder(dir)) {
        const name = f.slice(dir.length + 1);
        const text = readText(f);
        const reader = adapter.detect(text, name) >= netsh.detect(text, name) ? adapter : netsh;
        const d = reader.parse(text, name);
        expect(validateDevice(d), name).to.deep.equal([]);
        got[name] = `${reader.id}: ${d.tunnels.map((t) => `${t.name}/v${t.ikeVersion.value}/${t.auth.method.value}`).join(', ')}`;
      }
      expect(got).to.deep.equal({
        'msdocs-Find-NetIPsecRule-msit-transport-rule.txt': 'windows-netsh: External Traffic - Attempt IPsec/v1/unknown',
        'msdocs-Get-VpnConnection-user-and-allusers-phonebook.txt':
          'windows-rras: Test1/v2/eap, Test6/v2/certificate, Test7/v2/eap, Test5/v1/certificate, Test3/v1/certificate, Test4/v1/psk',
        // four help examples of one connection name: the last is its state
        'msdocs-Set-VpnConnectionIPsecConfiguration-passthru-4-examples.txt': 'windows-rras: Contoso/v2/eap',
      });
    });

    it('Set-VpnConnectionIPsecConfiguration -PassThru (help examples): GCM named in the authentication transform with cipher None is AES-GCM', () => {
      const F = 'msdocs-Set-VpnConnectionIPsecConfiguration-passthru-4-examples.txt';
      const text = readText(join(REAL_CONFIGS!, 'windows-state', F));
      const t = adapter.parse(text, F).tunnels[0];
      expect(t.remoteGateway).to.deep.equal({ value: '176.16.1.2', raw: '-ServerAddress 176.16.1.2', origin: 'explicit', at: at(F, 40) });
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha384'], prf: [], dhGroups: [20] }]);
      expect(t.phase2[0].proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }],
        raw: 'CipherTransformConstants : None, AuthenticationTransformConstants : GCMAES256',
        origin: 'explicit',
        at: at(F, 44),
      });
      expect(t.phase2[0].pfsGroups).to.deep.equal({ value: [0], raw: 'PfsGroup : None', origin: 'explicit', at: at(F, 50) });
      // the first example alone: AES256 cipher with no integrity transform (None)
      const first = text.split('\n').slice(0, 13).join('\n');
      expect(adapter.parse(first, F).tunnels[0].phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: [] }]);
    });

    it('Find-NetIPsecRule (help example): a Get-NetIPsecRule object, transport mode, key module Default', () => {
      const F = 'msdocs-Find-NetIPsecRule-msit-transport-rule.txt';
      const d = netsh.parse(readText(join(REAL_CONFIGS!, 'windows-state', F)), F);
      const t = d.tunnels[0];
      expect(t.enabled).to.equal(true);
      expect(t.phase2[0].mode).to.deep.equal({ value: 'transport', raw: 'Mode : Transport', origin: 'explicit', at: at(F, 10) });
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'KeyModule : Default', origin: 'inferred', at: at(F, 16) });
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: 'RemoteTunnelEndpoint : Any', origin: 'default' });
      // its quick mode set and authentication set are not in the file: said, and the defaults are marked
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([
        ['warning', 2],
        ['warning', 13],
        ['info', 14],
      ]);
      expect(t.phase2[0].proposals.origin).to.equal('default');
    });
  });
});

// issue 13 (hostile property test, FUZZ_RUNS=2000): a string with a bad escape or a control
// character made JSON.parse throw its SyntaxError out of the reader (a stack trace, no line)
describe('windows ConvertTo-Json: a malformed string is a file:line error (issue 13)', () => {
  const text = readText(fixturePath('windows-rras', 's2s-json.txt'));
  const MSG = 'expected a JSON string (escapes \\" \\\\ \\n \\uXXXX, no control characters) in ConvertTo-Json output, found another';
  it('a bad escape and a raw control character, at their lines, the string not quoted back', () => {
    expect(text).to.include('"InterfaceType":  "Custom",');
    for (const bad of ['"Cus\\qtom"', '"Cus\u0001tom"']) {
      const e = parseErrorOf(() => adapter.parse(text.replace('"Custom"', bad), 's2s.json.txt'));
      expect(e.located).to.equal(`s2s.json.txt:9: ${MSG}`);
      expect(e.located).to.not.include('Cus');
    }
  });
});
