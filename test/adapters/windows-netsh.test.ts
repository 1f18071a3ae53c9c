/** windows-netsh: netsh advfirewall and NetSecurity output → Device; exact values, bad input, real files, fixes. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '../../adapters/windows-netsh/index.js';
import { adapter as rras } from '../../adapters/windows-rras/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { adapterById } from '../../adapters/index.js';
import { ParseError } from '../../src/model/errors.js';
import { pskFingerprint, PSK_UNKNOWN } from '../../src/model/secrets.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Device } from '../../src/model/types.js';
import { lineLabel, splitBlocks, toLines } from '../../adapters/windows-common/blocks.js';
import { verdict } from '../hostile/linear.js';
import { newContext } from '../../adapters/windows-common/context.js';
import { readGlobal } from '../../adapters/windows-common/netsh-read.js';
import { readHeader } from '../../adapters/windows-common/header.js';
import { rangeToCidrs } from '../../src/model/net.js';
import { filesUnder, fixturePath, parseFile, readText, REAL_CONFIGS, ROOT, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

function parsed(name: string): Device {
  const device = parseFile(adapter, fixturePath('windows-netsh', name));
  expectValid(device);
  return device;
}

/** A Device without file/line positions, to compare two encodings of one transcript. */
function withoutLines(d: Device): unknown {
  return JSON.parse(JSON.stringify(d, (k, v) => (k === 'at' || (k === 'origin' && typeof v === 'string' && v.endsWith('.txt')) ? undefined : v)));
}

const G = 'fixtures/windows-netsh/gateway-transcript.txt';

describe('windows-netsh adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('windows-netsh')).to.equal(adapter);
  });

  describe('detect', () => {
    it('claims netsh and NetSecurity output, leaves RRAS-only files to windows-rras, takes ties', () => {
      expect(adapter.detect(readText(fixturePath('windows-netsh', 'gateway-transcript.txt')), 'x.txt')).to.equal(0.9);
      expect(adapter.detect(readText(fixturePath('windows-netsh', 'netipsec-powershell.txt')), 'x.txt')).to.equal(0.9);
      expect(adapter.detect(readText(fixturePath('windows-rras', 's2s-format-list.txt')), 'x.txt')).to.equal(0);
      expect(adapter.detect('config vpn ipsec phase1-interface\n    edit "a"\n', 'fgt.conf')).to.equal(0);
      const mixed =
        'PS C:\\> netsh advfirewall show global\nIPsecThroughNAT                       Never\nPS C:\\> Get-VpnS2SInterface | Format-List *\nName : a\nDestination : {192.0.2.1}\n';
      expect(adapter.detect(mixed, 'm.txt')).to.equal(0.9);
      expect(rras.detect(mixed, 'm.txt')).to.equal(0.5);
    });
  });

  describe('block splitter (windows-common)', () => {
    it('cuts at cmd and PowerShell prompts and names each block', () => {
      const text = [
        'C:\\Windows\\system32>netsh advfirewall show global',
        'IPsecThroughNAT                       Never',
        'PS C:\\Users\\admin> Get-VpnS2SInterface | Format-List *',
        'Name : a',
        '[rras01]: PS C:\\>Get-NetIPsecRule',
        'PS C:\\> Get-Service',
        'PS C:\\> Get-VpnConnection -Name "HQ VPN" | Select-Object -ExpandProperty IPsecCustomPolicy',
        'C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule',
      ].join('\n');
      const blocks = splitBlocks(toLines(text));
      expect(blocks.map((b) => [b.kind, b.promptLine])).to.deep.equal([
        ['netsh-global', 1],
        ['ps-vpns2s', 3],
        ['ps-netipsecrule', 5],
        ['ps-other', 6],
        ['ps-vpnconnection-policy', 7],
        ['reg-query', 8],
      ]);
      expect(blocks[4].connectionName).to.equal('HQ VPN');
    });

    it('address ranges become exact CIDR lists', () => {
      expect(rangeToCidrs('10.201.0.1', '10.201.0.6')).to.deep.equal(['10.201.0.1/32', '10.201.0.2/31', '10.201.0.4/31', '10.201.0.6/32']);
      expect(rangeToCidrs('10.10.0.0', '10.10.255.255')).to.deep.equal(['10.10.0.0/16']);
      expect(rangeToCidrs('10.0.0.9', '10.0.0.1')).to.equal(undefined);
    });
  });

  describe('gateway transcript: show global + consec show rule verbose + reg query (cmd prompts)', () => {
    const d = () => parsed('gateway-transcript.txt');

    it('reads the host name and both rules, no diagnostics but the AH+ESP note', () => {
      const dev = d();
      expect(dev.vendor).to.equal('windows-netsh');
      expect(dev.hostname).to.equal('WIN-GW01');
      expect(dev.tunnels.map((t) => t.name)).to.deep.equal(['Tunnel to Branch07', 'Backup server transport']);
      expect(dev.diagnostics).to.deep.equal([
        {
          level: 'info',
          message: 'rule "Backup server transport": proposal "AH:SHA256+ESP:SHA256-AES128+30min+50000kb" bundles AH with ESP; it is compared as its ESP part',
          at: at(G, 85),
        },
      ]);
    });

    it('tunnel-mode PSK rule: gateways, selectors, proposals, minutes kept in raw', () => {
      const t = tunnel(d(), 'Tunnel to Branch07');
      expect(t.at).to.deep.equal(at(G, 40));
      expect(t.enabled).to.equal(true);
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.10', raw: 'LocalTunnelEndpoint: 203.0.113.10', origin: 'explicit', at: at(G, 47) });
      expect(t.remoteGateway).to.deep.equal({ value: '198.51.100.7', raw: 'RemoteTunnelEndpoint: 198.51.100.7', origin: 'explicit', at: at(G, 48) });
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'KeyModule: Default (IKEv1/AuthIP)', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'Auth1: ComputerPSK', origin: 'explicit', at: at(G, 54) });
      expect(t.auth.psk).to.deep.equal({ value: pskFingerprint('Br4nch-07!shared'), raw: 'Auth1PSK: <redacted>', origin: 'explicit', at: at(G, 55) });
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
          { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] },
        ],
        raw: 'MainModeSecMethods: DHGroup14-AES256-SHA256, DHGroup14-AES128-SHA1',
        origin: 'explicit',
        at: at(G, 56),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: '480min,0sess', unit: 'minutes', origin: 'explicit', at: at(G, 57) });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'main', raw: 'Main Mode', origin: 'default', assumed: true });
      // "Server behind NAT" in show global (the registry says the same, 0x1)
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'IPsecThroughNAT Server behind NAT', origin: 'explicit', at: at(G, 16) });
      const p = t.phase2[0];
      expect(p.localSelectors).to.deep.equal({ value: ['10.10.0.0/16'], raw: 'Endpoint1: 10.10.0.0/16', origin: 'explicit', at: at(G, 50) });
      expect(p.remoteSelectors).to.deep.equal({ value: ['10.70.7.0/24'], raw: 'Endpoint2: 10.70.7.0/24', origin: 'explicit', at: at(G, 51) });
      expect(p.ipProtocol).to.deep.equal({ value: 0, raw: 'Protocol: Any', origin: 'explicit', at: at(G, 52) });
      expect(p.mode).to.deep.equal({ value: 'tunnel', raw: 'Mode: Tunnel', origin: 'explicit', at: at(G, 46) });
      expect(p.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
      ]);
      expect(p.proposals.raw).to.equal('QuickModeSecMethods: ESP:SHA256-AES256+60min+100000kb,ESP:SHA1-AES128+60min+100000kb');
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: 'QuickModePFS: DHGroup14', origin: 'explicit', at: at(G, 59) });
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '+60min', unit: 'minutes', origin: 'explicit', at: at(G, 58) });
      expect(p.lifetimeKilobytes).to.deep.equal({ value: 100000, raw: '+100000kb', unit: 'kilobytes', origin: 'explicit', at: at(G, 58) });
    });

    it('transport-mode certificate rule: hosts from the endpoints, AH+ESP as ESP, GCM as AEAD, PFS from main mode', () => {
      const t = tunnel(d(), 'Backup server transport');
      expect(t.enabled).to.equal(false);
      expect(t.remoteGateway).to.deep.equal({ value: '10.10.9.20', raw: 'Endpoint2: 10.10.9.20', origin: 'inferred', at: at(G, 72) });
      expect(t.localGateway).to.deep.equal({ value: '10.10.1.5', raw: 'Endpoint1: 10.10.1.5/32', origin: 'inferred', at: at(G, 71) });
      expect(t.auth.method.value).to.equal('certificate');
      expect(t.auth.psk).to.equal(undefined);
      const p = t.phase2[0];
      expect(p.ipProtocol?.value).to.equal(6);
      expect(p.mode.value).to.equal('transport');
      expect(p.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] },
        { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] },
      ]);
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: 'QuickModePFS: MainMode', origin: 'inferred', at: at(G, 86) });
      expect(p.lifetimeSeconds).to.deep.include({ value: 1800, raw: '+30min', unit: 'minutes' });
      expect(p.lifetimeKilobytes).to.deep.include({ value: 50000, raw: '+50000kb' });
    });

    it('no secret appears anywhere in the Device', () => {
      expect(JSON.stringify(d())).to.not.include('Br4nch-07!shared');
    });
  });

  describe('encodings and console wrapping read the same', () => {
    it('UTF-16LE with BOM and CRLF (Windows PowerShell 5.1 `>`) gives the same Device', () => {
      const plain = parsed('gateway-transcript.txt');
      const utf16 = parsed('gateway-utf16le-bom.txt');
      expect(withoutLines(utf16)).to.deep.equal(withoutLines(plain));
      expect(tunnel(utf16, 'Tunnel to Branch07').phase2[0].lifetimeSeconds.at).to.deep.equal(at('fixtures/windows-netsh/gateway-utf16le-bom.txt', 58));
    });

    it('lines cut at 80 columns are glued back (values equal, positions of the first piece)', () => {
      const W = 'fixtures/windows-netsh/gateway-wrapped-80col.txt';
      const wrapped = parsed('gateway-wrapped-80col.txt');
      expect(withoutLines(wrapped)).to.deep.equal(withoutLines(parsed('gateway-transcript.txt')));
      const t = tunnel(wrapped, 'Tunnel to Branch07');
      expect(t.phase2[0].proposals.raw).to.equal('QuickModeSecMethods: ESP:SHA256-AES256+60min+100000kb,ESP:SHA1-AES128+60min+100000kb');
      expect(t.phase2[0].proposals.at).to.deep.equal(at(W, 66));
      expect(t.phase1.proposals.at).to.deep.equal(at(W, 63));
      const b = tunnel(wrapped, 'Backup server transport');
      expect(b.phase2[0].proposals.value).to.have.length(2);
    });
  });

  describe('NetSecurity cmdlets (Format-List): same store, minutes from MaxMinutes', () => {
    const F = 'fixtures/windows-netsh/netipsec-powershell.txt';
    it('Get-NetIPsecRule + crypto sets + firewall setting → one IKEv2 tunnel', () => {
      const d = parsed('netipsec-powershell.txt');
      expect(d.hostname).to.equal('WIN-AZGW');
      const t = tunnel(d, 'Azure S2S');
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'KeyModule : IKEv2', origin: 'explicit', at: at(F, 104) });
      expect(t.phase1.exchangeMode).to.equal(undefined);
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.10', raw: 'LocalTunnelEndpoint : {203.0.113.10}', origin: 'explicit', at: at(F, 107) });
      expect(t.remoteGateway).to.deep.equal({ value: '40.112.10.20', raw: 'RemoteTunnelEndpoint : {40.112.10.20}', origin: 'explicit', at: at(F, 108) });
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'AllowIPsecThroughNAT : Both', origin: 'explicit', at: at(F, 18) });
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes256'], integrity: ['sha384'], prf: [], dhGroups: [20] },
        { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 14400, raw: 'MaxMinutes : 240', unit: 'minutes', origin: 'explicit', at: at(F, 43) });
      const p = t.phase2[0];
      expect(p.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] },
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
      ]);
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: 'PerfectForwardSecrecyGroup : DH14', origin: 'explicit', at: at(F, 78) });
      expect(p.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'MaxMinutes : 480', unit: 'minutes', origin: 'explicit', at: at(F, 68) });
      expect(p.lifetimeKilobytes.value).to.equal(102400000);
      // Format-List hides the address filter: said, and any ↔ any is a default, not a read value
      expect(p.localSelectors).to.deep.equal({ value: ['0.0.0.0/0'], raw: 'LocalAddress : Any', origin: 'default' });
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([
        ['warning', 90],
        ['info', 102],
      ]);
      expect(t.auth.method).to.deep.equal({ value: 'unknown', raw: 'Phase1AuthSet : Azure-P1', origin: 'inferred', at: at(F, 102) });
    });

    it('ConvertTo-Json: names read, ranges and masks become CIDRs, numbers read as the WFasCim values, an unknown number refused', () => {
      const J = 'fixtures/windows-netsh/netipsec-json.txt';
      const d = parsed('netipsec-json.txt');
      const t = tunnel(d, 'Azure S2S');
      const p = t.phase2[0];
      expect(p.localSelectors).to.deep.equal({ value: ['10.10.0.0/16'], raw: '"LocalAddress": ["10.10.0.0/16"]', origin: 'explicit', at: at(J, 31) });
      expect(p.remoteSelectors.value).to.deep.equal(['10.200.0.0/16', '10.201.0.1/32', '10.201.0.2/31', '10.201.0.4/31', '10.201.0.6/32']);
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '"MaxMinutes": 60', unit: 'minutes', origin: 'explicit', at: at(J, 13) });
      // the main mode set in Windows PowerShell 5.1 numbers: 65003 = AES-256, 65001 = SHA-256, 14 = DH group 14
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }]);
      // SameAsMainMode: the main mode groups
      expect(p.pfsGroups).to.deep.equal({ value: [14], raw: '"PerfectForwardSecrecyGroup": "SameAsMainMode"', origin: 'inferred', at: at(J, 16) });
      expect(t.phase1.lifetimeSeconds).to.deep.include({ value: 28800, raw: '"MaxMinutes": 480', origin: 'explicit' });
      // Encryption 5 is no MSFT_NetIKEMMCryptoProposal CipherAlgorithm value: that proposal is reported, not guessed
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([['warning', 49]]);
      expect(d.diagnostics[0].message).to.match(/^Encryption is the number 5, which is none of the documented values/);
    });
  });

  describe('bad input', () => {
    it('a transcript cut in the middle of a rule: the cut rule is named and left out, the rest is read', () => {
      const d = parsed('bad-cut-mid-rule.txt');
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['Tunnel to Branch07']);
      expect(d.diagnostics).to.deep.equal([
        {
          level: 'warning',
          message:
            'rule "Tunnel to Branch09" (line 26) is cut off: the output ends at line 40 before its QuickModeSecMethods line; expected the rest of the rule — it is not read',
          at: at('fixtures/windows-netsh/bad-cut-mid-rule.txt', 40),
        },
      ]);
    });

    it('a rule without QuickModeSecMethods: Windows defaults, marked default, and a warning naming the rule', () => {
      const d = parsed('bad-no-qmsecmethods.txt');
      const p = d.tunnels[0].phase2[0];
      expect(p.proposals.origin).to.equal('default');
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '+60min', unit: 'minutes', origin: 'default' });
      expect(d.diagnostics).to.have.length(1);
      expect(d.diagnostics[0]).to.deep.include({ level: 'warning', at: at('fixtures/windows-netsh/bad-no-qmsecmethods.txt', 4) });
      expect(d.diagnostics[0].message).to.include('has no QuickModeSecMethods line');
    });

    it('localized (German) netsh output: file:line and "only English output is read", no secret quoted', () => {
      const e = parseErrorOf(() => parsed('bad-german.txt'));
      expect(e.line).to.equal(4);
      expect(e.message).to.match(
        /^expected English `netsh advfirewall consec show rule name=all verbose` output .*found German output \("Regelname: +Tunnel zur Filiale 07"\): only English netsh output is read/,
      );
      expect(e.message).to.not.include('Filiale07-geheim');
    });

    it('PowerShell output of an unrelated cmdlet: names the line and the cmdlets that are read', () => {
      const e = parseErrorOf(() => parsed('bad-unrelated-cmdlet.txt'));
      expect(e.located).to.match(
        /^fixtures\/windows-netsh\/bad-unrelated-cmdlet\.txt:2: PowerShell output of `Get-NetAdapter -Name Ethernet0 \| Format-List \*` is not read; expected one of Get-VpnS2SInterface/,
      );
    });

    it('an unrelated cmdlet inside a good transcript is a diagnostic, not an error', () => {
      const text =
        readText(fixturePath('windows-netsh', 'gateway-transcript.txt')) +
        'PS C:\\> Get-Service IKEEXT\n\nStatus   Name               DisplayName\n------   ----               -----------\nRunning  IKEEXT             IKE and AuthIP IPsec Keying Modules\n';
      const d = adapter.parse(text, 'g.txt');
      expect(d.tunnels).to.have.length(2);
      expect(d.diagnostics.find((x) => x.level === 'warning')).to.deep.include({ at: at('g.txt', 98) });
    });

    it('an algorithm netsh does not have stops with the line and the accepted names', () => {
      const e = parseErrorOf(() => parsed('bad-unknown-algorithm.txt'));
      expect(e.located).to.equal(
        'fixtures/windows-netsh/bad-unknown-algorithm.txt:21: expected an ESP encryption (None, DES, 3DES, AES128, AES192, AES256, AESGCM128, AESGCM192, AESGCM256), found "AES512" in "ESP:SHA256-AES512+60min+100000kb"',
      );
    });

    it('an empty file, and text that is no Windows output at all', () => {
      expect(parseErrorOf(() => adapter.parse('\n\n', 'e.txt')).located).to.match(
        /^e\.txt:1: the file is empty: expected the output of Windows IPsec commands/,
      );
      expect(parseErrorOf(() => adapter.parse('hello\nworld\n', 'h.txt')).located).to.match(
        /^h\.txt:1: expected Windows IPsec command output .*; line 1 is not \(a line without a label\)$/,
      );
      // another vendor's file: named by its line, its content (which may hold a secret) not quoted
      const e = parseErrorOf(() => adapter.parse('connections {\n  secrets {\n    ike-hq { secret = swanctl-fixture-secret }\n  }\n}\n', 'swanctl.conf'));
      expect(e.message).to.not.include('swanctl-fixture-secret');
    });

    it('out-of-range and malformed lifetimes are errors with their line', () => {
      const rule = (lt: string) =>
        `Rule Name: r\nEndpoint1: Any\nEndpoint2: Any\nAction: RequireInRequireOut\nMainModeKeyLifetime: ${lt}\nQuickModeSecMethods: ESP:SHA1-AES128+60min+100000kb\nOk.\n`;
      expect(parseErrorOf(() => adapter.parse(rule('9000min,0sess'), 'r.txt')).located).to.equal(
        'r.txt:5: expected a main mode key lifetime of 1-2880 minutes, found 9000min',
      );
      expect(parseErrorOf(() => adapter.parse(rule('8h'), 'r.txt')).located).to.equal(
        'r.txt:5: expected a main mode key lifetime like 480min,0sess, found "8h"',
      );
    });

    it('secrets typed on a command line are not quoted back in diagnostics', () => {
      const text = [
        readText(fixturePath('windows-netsh', 'gateway-transcript.txt')),
        'PS C:\\> $p = New-NetIPsecAuthProposal -Machine -PreSharedKey "T0ps3cret-PSK"',
        'PS C:\\> Set-VpnS2SInterface -Name x -SharedSecret T0ps3cret-PSK -PassThru',
        "Set-VpnS2SInterface : The term 'Set-VpnS2SInterface' is not recognized as the name of a cmdlet.",
        'At line:1 char:1',
        '+ Set-VpnS2SInterface -Name x -SharedSecret T0ps3cret-PSK -PassThru',
        '    + CategoryInfo          : ObjectNotFound: (Set-VpnS2SInterface:String) [], CommandNotFoundException',
        'C:\\>netsh advfirewall consec set rule name=x new auth1psk=T0ps3cret-PSK',
        'Updated 1 rule(s).',
      ].join('\n');
      const d = adapter.parse(text, 's.txt');
      expect(JSON.stringify(d)).to.not.include('T0ps3cret-PSK');
      expect(JSON.stringify(d)).to.not.include('Br4nch-07!shared');
      expect(d.diagnostics.filter((x) => x.level === 'warning').map((x) => x.message)).to.deep.equal([
        "`Set-VpnS2SInterface -Name x -SharedSecret <redacted> -PassThru` failed: Set-VpnS2SInterface : The term 'Set-VpnS2SInterface' is not recognized as the name of a cmdlet.",
        // the netsh change is read (a transcript is read in order) but names no rule shown before it
        'no connection security rule named "x" was shown before this command: its change is not applied',
      ]);
    });

    it('a redacted PSK (collect-windows.ps1 default) is unknown, not a fingerprint of "<redacted>"', () => {
      const d = parsed('bad-no-qmsecmethods.txt');
      expect(d.tunnels[0].auth.psk?.value).to.equal(PSK_UNKNOWN);
    });
  });

  describe('robustness', () => {
    it('a transcript cut after any line, or missing any line: a valid Device or a ParseError, never a crash', function () {
      this.timeout(60000);
      const files = [fixturePath('windows-netsh', 'collect-script-output.txt'), fixturePath('windows-rras', 'vpnconnection.txt')];
      let devices = 0;
      for (const f of files) {
        const lines = readText(f).split('\n');
        for (let i = 0; i < lines.length; i++) {
          for (const variant of [lines.slice(0, i), lines.filter((_, k) => k !== i)]) {
            try {
              const d = adapter.parse(variant.join('\n'), 'cut.txt');
              expect(validateDevice(d), `${f} @${i}`).to.deep.equal([]);
              devices++;
            } catch (e) {
              expect(e, `${f} @${i}`).to.be.instanceOf(ParseError);
            }
          }
        }
      }
      expect(devices).to.be.greaterThan(400);
    });
  });

  describe('fix: netsh syntax, minutes and KB', () => {
    const t = () => tunnel(parsed('gateway-transcript.txt'), 'Tunnel to Branch07');
    const fix = (r: Omit<FixRequest, 'device' | 'tunnel'>, tt = t()) =>
      adapter.fix({ ...r, device: parsed('gateway-transcript.txt'), tunnel: tt } as FixRequest);

    it('phase 2 lifetime rewrites qmsecmethods in minutes, keeping every proposal and the KB', () => {
      expect(fix({ field: 'phase2.lifetimeSeconds', target: 28800 })).to.equal(
        'netsh advfirewall consec set rule name="Tunnel to Branch07" new qmsecmethods=ESP:SHA256-AES256+480min+100000kb,ESP:SHA1-AES128+480min+100000kb',
      );
      expect(fix({ field: 'phase2.lifetimeSeconds', target: 3601 })).to.equal(undefined);
      expect(fix({ field: 'phase2.lifetimeKilobytes', target: 4608000 })).to.equal(
        'netsh advfirewall consec set rule name="Tunnel to Branch07" new qmsecmethods=ESP:SHA256-AES256+60min+4608000kb,ESP:SHA1-AES128+60min+4608000kb',
      );
    });

    it('phase 1 lifetime and proposals are global main mode settings', () => {
      expect(fix({ field: 'phase1.lifetimeSeconds', target: 28800 })).to.equal('netsh advfirewall set global mainmode mmkeylifetime 480min,0sess');
      expect(fix({ field: 'phase1.proposals', target: [{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14, 19] }] })).to.equal(
        'netsh advfirewall set global mainmode mmsecmethods dhgroup14:aes256-sha256,ecdhp256:aes256-sha256',
      );
      expect(fix({ field: 'phase1.proposals', target: [{ encryption: ['aes256gcm16'], integrity: [], prf: [], dhGroups: [14] }] })).to.equal(undefined);
    });

    it('proposals, PFS, NAT-T, peer, selectors, PSK (never the key), key module', () => {
      expect(fix({ field: 'phase2.proposals', target: [{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }] })).to.equal(
        'netsh advfirewall consec set rule name="Tunnel to Branch07" new qmsecmethods=ESP:AESGCM256-AESGCM256+60min+100000kb',
      );
      expect(fix({ field: 'phase2.proposals', target: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha384'] }] })).to.equal(undefined);
      expect(fix({ field: 'phase2.pfsGroups', target: [0] })).to.equal('netsh advfirewall consec set rule name="Tunnel to Branch07" new qmpfs=none');
      expect(fix({ field: 'phase2.pfsGroups', target: [20] })).to.equal('netsh advfirewall consec set rule name="Tunnel to Branch07" new qmpfs=ecdhp384');
      expect(fix({ field: 'natt.mode', target: 'auto' })).to.equal('netsh advfirewall set global ipsec ipsecthroughnat serverandclientbehindnat');
      expect(fix({ field: 'natt.mode', target: 'forced' })).to.equal(undefined);
      expect(fix({ field: 'remoteGateway', target: '198.51.100.8' })).to.equal(
        'netsh advfirewall consec set rule name="Tunnel to Branch07" new remotetunnelendpoint=198.51.100.8',
      );
      expect(fix({ field: 'phase2.remoteSelectors', target: ['10.70.7.0/24', '10.70.8.5/32'] })).to.equal(
        'netsh advfirewall consec set rule name="Tunnel to Branch07" new endpoint2=10.70.7.0/24,10.70.8.5',
      );
      const psk = fix({ field: 'auth.psk', target: null });
      expect(psk).to.equal('netsh advfirewall consec set rule name="Tunnel to Branch07" new auth1=computerpsk auth1psk="<the shared key>"');
      expect(psk).to.not.include('Br4nch');
      expect(fix({ field: 'ikeVersion', target: 2 })).to.equal('Set-NetIPsecRule -DisplayName "Tunnel to Branch07" -KeyModule IKEv2');
      expect(fix({ field: 'dpd.delaySeconds', target: 30 })).to.equal(undefined);
    });
  });

  describe('change commands in a transcript are read in order (the fix round-trip)', () => {
    const G = () => readText(fixturePath('windows-netsh', 'gateway-transcript.txt'));
    const N = G().split('\n').length;
    const reread = (...cmds: string[]) => adapter.parse(`${G()}\n${cmds.join('\n')}\n`, 'g.txt');

    it('every netsh fix, pasted under the transcript it came from, reads back as its target (value, typed text, line)', () => {
      const d0 = parsed('gateway-transcript.txt');
      const t0 = tunnel(d0, 'Tunnel to Branch07');
      const fix = (r: Omit<FixRequest, 'device' | 'tunnel'>) => adapter.fix({ ...r, device: d0, tunnel: t0 } as FixRequest)!;
      const back = (r: Omit<FixRequest, 'device' | 'tunnel'>) => tunnel(reread(fix(r)), 'Tunnel to Branch07');
      const L = N + 1;
      expect(back({ field: 'phase2.lifetimeSeconds', target: 28800 }).phase2[0].lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: '+480min',
        unit: 'minutes',
        origin: 'explicit',
        at: at('g.txt', L),
      });
      expect(back({ field: 'phase2.lifetimeKilobytes', target: 4608000 }).phase2[0].lifetimeKilobytes.value).to.equal(4608000);
      expect(back({ field: 'phase2.pfsGroups', target: [20] }).phase2[0].pfsGroups).to.deep.equal({
        value: [20],
        raw: 'qmpfs=ecdhp384',
        origin: 'explicit',
        at: at('g.txt', L),
      });
      expect(
        back({ field: 'phase2.proposals', target: [{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }] }).phase2[0].proposals.value,
      ).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] }]);
      // main mode is machine-wide: the rule shown before prints the new value
      expect(back({ field: 'phase1.lifetimeSeconds', target: 3600 }).phase1.lifetimeSeconds).to.deep.equal({
        value: 3600,
        raw: '60min,0sess',
        unit: 'minutes',
        origin: 'explicit',
        at: at('g.txt', L),
      });
      expect(
        back({ field: 'phase1.proposals', target: [{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] }] }).phase1.proposals,
      ).to.deep.equal({
        value: [{ encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] }],
        raw: 'mainmode mmsecmethods dhgroup14:aes128-sha1',
        origin: 'explicit',
        at: at('g.txt', L),
      });
      expect(back({ field: 'natt.mode', target: 'disabled' }).natt.mode).to.deep.equal({
        value: 'disabled',
        raw: 'ipsec ipsecthroughnat never',
        origin: 'explicit',
        at: at('g.txt', L),
      });
      expect(back({ field: 'remoteGateway', target: '192.0.2.99' }).remoteGateway).to.deep.equal({
        value: '192.0.2.99',
        raw: 'remotetunnelendpoint=192.0.2.99',
        origin: 'explicit',
        at: at('g.txt', L),
      });
      expect(back({ field: 'phase2.remoteSelectors', target: ['10.99.0.0/16', '10.98.1.5/32'] }).phase2[0].remoteSelectors.value).to.deep.equal([
        '10.99.0.0/16',
        '10.98.1.5/32',
      ]);
      expect(back({ field: 'ikeVersion', target: 2 }).ikeVersion).to.deep.equal({ value: 2, raw: '-KeyModule IKEv2', origin: 'explicit', at: at('g.txt', L) });
      // the whole selector, with protocol and ports (netsh takes ports with tcp or udp only)
      const sel = back({
        field: 'phase2.selectors',
        target: {
          local: ['10.10.0.0/16'],
          remote: ['10.70.7.0/24'],
          protocol: 17,
          localPorts: [],
          remotePorts: [
            { from: 500, to: 500 },
            { from: 4500, to: 4500 },
          ],
        },
      }).phase2[0];
      expect([sel.ipProtocol?.value, sel.localPorts?.value, sel.remotePorts?.value]).to.deep.equal([
        17,
        [],
        [
          { from: 500, to: 500 },
          { from: 4500, to: 4500 },
        ],
      ]);
      expect(sel.remotePorts?.raw).to.equal('port2=500,4500');
      // the PSK fix carries a placeholder, never a key: it reads back as unknown
      expect(back({ field: 'auth.psk', target: null }).auth.psk?.value).to.equal(PSK_UNKNOWN);
    });

    it("with a prompt and netsh's answer; a failed command is not applied", () => {
      const ok = reread('C:\\Windows\\system32>netsh advfirewall consec set rule name="Tunnel to Branch07" new qmpfs=none', 'Updated 1 rule(s).', 'Ok.');
      expect(tunnel(ok, 'Tunnel to Branch07').phase2[0].pfsGroups.value).to.deep.equal([0]);
      const failed = reread(
        'C:\\Windows\\system32>netsh advfirewall consec set rule name="Tunnel to Branch07" new qmpfs=none',
        'No rules match the specified criteria.',
      );
      expect(tunnel(failed, 'Tunnel to Branch07').phase2[0].pfsGroups.value).to.deep.equal([14]);
      expect(failed.diagnostics.find((x) => x.level === 'warning')).to.deep.equal({
        level: 'warning',
        message:
          '`netsh advfirewall consec set rule name="Tunnel to Branch07" new qmpfs=none` failed (No rules match the specified criteria.): its change is not applied',
        at: at('g.txt', N + 2),
      });
    });
  });

  describe('commands and scripts/collect-windows.ps1', () => {
    it('only read-only commands', () => {
      for (const c of adapter.live!.commands) expect(c).to.match(/^(hostname|netsh advfirewall (show|consec show) |Get-|reg query )/);
      expect(adapter.live!.commands).to.include('netsh advfirewall consec show rule name=all verbose');
    });

    const script = () => readFileSync(join(ROOT, 'scripts', 'collect-windows.ps1'), 'utf8');
    /** `@{ Text = '…'; Needs = '…'; Run = { … } }` entries of the script's command list */
    const entries = () =>
      [...script().matchAll(/@\{ Text = (?:'([^']+)'|"([^"]+)"); Needs = [^;]+; Run = \{ (.+) \} \}/g)].map((m) => ({ text: m[1] ?? m[2], run: m[3] }));

    it("the script runs exactly the two adapters' commands (the registry through Get-ItemProperty), each as its prompt line says", () => {
      const got = entries();
      expect(got).to.have.length(12);
      // what the prompt line shows is what runs (the server cmdlet is chosen at run time)
      for (const e of got) expect(e.run.replace('& $serverConfig', '$serverConfig')).to.equal(e.text);
      const reg = 'reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule';
      const getItem =
        'Get-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent -Name AssumeUDPEncapsulationContextOnSendRule -ErrorAction SilentlyContinue | Format-List AssumeUDPEncapsulationContextOnSendRule';
      const expanded = got
        .map((e) => e.text)
        .flatMap((t) =>
          t.startsWith('$serverConfig') ? ['Get-VpnServerConfiguration', 'Get-VpnServerIPsecConfiguration'].map((n) => t.replace('$serverConfig', n)) : [t],
        )
        .map((t) => (t === getItem ? reg : t));
      expect(new Set(expanded)).to.deep.equal(new Set([...adapter.live!.commands, ...rras.live!.commands]));
      // issue 14: no `reg query … 2>&1` (a NativeCommandError under Windows PowerShell 5.1 when the value is absent)
      expect(got.filter((e) => /\breg(\.exe)?\s/.test(e.run))).to.deep.equal([]);
      // -OutFile resolved against the PowerShell location, before .NET writes it
      const resolve = script().indexOf('$OutFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)');
      expect(resolve).to.be.greaterThan(0);
      expect(resolve).to.be.lessThan(script().indexOf('[System.IO.File]::WriteAllText($OutFile'));
    });

    it('the script redacts keys by value whatever the label (its own regexes, run on a German-labelled rule)', () => {
      // the two -replace patterns of the script, as .NET runs them ((?m) is JavaScript's m flag)
      const byValue = /\$out -replace \('\(\?m\)(.+?)' \+ \[regex\]::Escape\(\$s\) \+ '(.+?)'\), '\$\{1\}<redacted>'/.exec(script());
      const byLabel = /\$out -replace '\(\?m\)(.+?)', '\$\{1\}<redacted>'/.exec(script());
      expect(byValue, 'value pattern').to.not.equal(null);
      expect(byLabel, 'label pattern').to.not.equal(null);
      const regexQuote = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const redact = (text: string, secrets: string[]) => {
        let out = text;
        for (const k of secrets) out = out.replace(new RegExp(byValue![1] + regexQuote(k) + byValue![2], 'gm'), '$1<redacted>');
        return out.replace(new RegExp(byLabel![1], 'gm'), '$1<redacted>');
      };
      const rule =
        'Rule Name: Tunnel\r\nAuth1: ComputerPSK\r\nAuth1-Schlüssel:     Br4nch-07!shared\r\nAuth1PSK:     another key\r\nDescription: not Br4nch-07!shared here\r\n';
      expect(redact(rule, ['Br4nch-07!shared'])).to.equal(
        'Rule Name: Tunnel\r\nAuth1: ComputerPSK\r\nAuth1-Schlüssel:     <redacted>\r\nAuth1PSK:     <redacted>\r\nDescription: not Br4nch-07!shared here\r\n',
      );
      // the keys come from the phase 1 authentication sets (property names are English in every language)
      expect(script()).to.include("$proposal.PSObject.Properties['PreSharedKey']");
      expect(script()).to.include('if (-not $IncludeSecrets) {');
    });

    it('the script is syntactically balanced (no PowerShell on this machine: brackets and quotes are counted)', () => {
      const text = script().replace(/<#[\s\S]*?#>/g, '');
      const stack: string[] = [];
      const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
      for (const line of text.split('\n')) {
        let i = 0;
        while (i < line.length) {
          const ch = line[i];
          if (ch === '#') break;
          if (ch === "'") {
            const end = line.indexOf("'", i + 1);
            expect(end, line).to.be.greaterThan(i);
            i = end + 1;
            continue;
          }
          if (ch === '"') {
            let j = i + 1;
            while (j < line.length && line[j] !== '"') j += line[j] === '`' ? 2 : 1;
            expect(j, line).to.be.lessThan(line.length);
            i = j + 1;
            continue;
          }
          if ('({['.includes(ch)) stack.push(ch);
          if (')}]'.includes(ch)) expect(stack.pop(), line).to.equal(pairs[ch]);
          i++;
        }
      }
      expect(stack).to.deep.equal([]);
    });

    it('the header line the script writes is read: which Windows, which display language', () => {
      const fmt = /\$header = '([^']+)'/.exec(script())![1];
      expect(fmt).to.equal('# ipsec-drift collect-windows.ps1 format 2; windows {0}.{1}.{2}.{3}; product {4}; ui-culture {5}; culture {6}; powershell {7}');
      const line = fmt.replace(
        /\{(\d)\}/g,
        (_, n) => ['10', '0', '26100', '2605', 'Windows Server 2025 Datacenter', 'de-DE', 'de-DE', '5.1.26100.2161'][Number(n)],
      );
      expect(readHeader(toLines(`${line}\n`))).to.deep.equal({
        line: 1,
        format: '2',
        windows: '10.0.26100.2605',
        product: 'Windows Server 2025 Datacenter',
        uiCulture: 'de-DE',
        culture: 'de-DE',
        powershell: '5.1.26100.2161',
      });
    });

    it('what the script writes (PS prompts, netsh + NetSecurity + RRAS, empty blocks) is read whole', () => {
      const C = 'fixtures/windows-netsh/collect-script-output.txt';
      const d = parsed('collect-script-output.txt');
      expect(adapter.detect(readText(fixturePath('windows-netsh', 'collect-script-output.txt')), C)).to.equal(0.9);
      expect(d.hostname).to.equal('WIN-GW01');
      expect(d.tunnels.map((t) => `${t.name}/v${t.ikeVersion.value}/${t.auth.psk?.value ?? '-'}`)).to.deep.equal([
        'Tunnel to Branch07/v1/unknown',
        'Backup server transport/v1/-',
        'to-branch-fgt/v2/unknown',
      ]);
      // the Get-NetIPsecRule twin of a consec rule adds its KeyModule, not a second tunnel
      expect(tunnel(d, 'Tunnel to Branch07').ikeVersion).to.deep.equal({ value: 1, raw: 'KeyModule : Default', origin: 'inferred', at: at(C, 193) });
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([
        ['info', 84],
        ['info', 179],
        ['info', 252],
      ]);
    });
  });

  describe('the collection header and the registry value as the script writes them', () => {
    const C = () => readText(fixturePath('windows-netsh', 'collect-script-output.txt'));

    it('ui-culture not English: netsh blocks are not read (a warning each), the PowerShell blocks are', () => {
      const d = adapter.parse(C().replace('ui-culture en-US', 'ui-culture de-DE'), 'de.txt');
      expect(d.diagnostics.filter((x) => x.level === 'warning').map((x) => [x.at?.line, x.message.slice(0, 110)])).to.deep.equal([
        [6, '`netsh advfirewall show global` was printed in de-DE (ui-culture on line 1): netsh writes its labels and value'],
        [37, '`netsh advfirewall consec show rule name=all verbose` was printed in de-DE (ui-culture on line 1): netsh write'],
        // without the netsh rule, the Get-NetIPsecRule object is a tunnel end of its own, whose addresses Format-List hides
        [179, 'Get-NetIPsecRule "Tunnel to Branch07": Format-List does not show the rule\'s addresses; expected LocalAddress/R'],
      ]);
      // Get-NetIPsecRule (English property names in every language) still gives the rule, and the RRAS interface is read
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['Tunnel to Branch07', 'to-branch-fgt']);
      expect(tunnel(d, 'Tunnel to Branch07').phase2[0].lifetimeSeconds).to.deep.include({ value: 3600, raw: '"MaxLifetimeMinutes": 60', origin: 'explicit' });
      // nothing but netsh output in another language: an error at the first netsh block, saying why
      const netshOnly = C().replace('ui-culture en-US', 'ui-culture fr-FR').split('\n').slice(0, 91).join('\n');
      const e = parseErrorOf(() => adapter.parse(netshOnly, 'fr.txt'));
      expect(e.located).to.match(/^fr\.txt:6: `netsh advfirewall show global` was printed in fr-FR \(ui-culture on line 1\)/);
    });

    it('AssumeUDPEncapsulationContextOnSendRule through Get-ItemProperty: the value, or nothing printed = not set (0)', () => {
      const d = parsed('collect-script-output.txt');
      // show global's IPsecThroughNAT wins; the registry agrees (1 = server behind NAT)
      expect(tunnel(d, 'Tunnel to Branch07').natt.mode).to.deep.include({ value: 'auto', raw: 'IPsecThroughNAT Server behind NAT' });
      const cmd =
        'PS C:\\> Get-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent -Name AssumeUDPEncapsulationContextOnSendRule -ErrorAction SilentlyContinue | Format-List AssumeUDPEncapsulationContextOnSendRule';
      const l2tp = readText(fixturePath('windows-rras', 'vpnconnection.txt')).split('\n');
      const withValue = rras.parse([...l2tp, cmd, '', '', 'AssumeUDPEncapsulationContextOnSendRule : 2', '', ''].join('\n'), 'v.txt');
      expect(tunnel(withValue, 'Lab L2TP').natt.mode).to.deep.equal({
        value: 'auto',
        raw: 'AssumeUDPEncapsulationContextOnSendRule : 2',
        origin: 'explicit',
        at: at('v.txt', l2tp.length + 4),
      });
      const absent = rras.parse([...l2tp, cmd, '', ''].join('\n'), 'a.txt');
      expect(tunnel(absent, 'Lab L2TP').natt.mode).to.deep.equal({
        value: 'disabled',
        raw: 'AssumeUDPEncapsulationContextOnSendRule (not set: Get-ItemProperty printed nothing)',
        origin: 'inferred',
        at: at('a.txt', l2tp.length + 1),
      });
    });

    it('reg query … 2>&1 under Windows PowerShell 5.1 (a NativeCommandError record) is still "value absent"', () => {
      const l2tp = readText(fixturePath('windows-rras', 'vpnconnection.txt')).replace(/\n$/, '').split('\n');
      const text = [
        ...l2tp,
        'PS C:\\> reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule 2>&1',
        'reg : ERROR: The system was unable to find the specified registry key or value.',
        'At line:1 char:1',
        '+ reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v Assu ...',
        '    + CategoryInfo          : NotSpecified: (ERROR: The syst...y key or value.:String) [], RemoteException',
        '    + FullyQualifiedErrorId : NativeCommandError',
      ].join('\n');
      const d = rras.parse(text, 'r.txt');
      expect(tunnel(d, 'Lab L2TP').natt.mode).to.deep.equal({
        value: 'disabled',
        raw: 'reg : ERROR: The system was unable to find the specified registry key or value.',
        origin: 'inferred',
        at: at('r.txt', l2tp.length + 2),
      });
      expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([]);
    });

    it('SA listings score 0 for both Windows adapters (the state readers take them)', () => {
      // the real listings where the corpus is beside the checkout (a fresh clone has none)
      const real = REAL_CONFIGS ? ['mssupport-kb949856-monitor-show-mmsa-sample.txt', 'mssupport-kb949856-monitor-show-qmsa-sample.txt'] : [];
      for (const f of real) {
        const text = readText(join(REAL_CONFIGS!, 'windows-netsh', f));
        expect([adapter.detect(text, f), rras.detect(text, f)], f).to.deep.equal([0, 0]);
      }
      const listed = 'PS C:\\> Get-NetIPsecQuickModeSA\n\nName : x\n';
      expect([adapter.detect(listed, 'q.txt'), rras.detect(listed, 'q.txt')]).to.deep.equal([0, 0]);
    });
  });

  describe('real configs (../shared/real-configs/windows-netsh)', () => {
    before(function () {
      if (!REAL_CONFIGS) {
        console.log('    (skipped: ../shared/real-configs not present)');
        this.skip();
      }
    });

    it('every file is read: tunnels from the rules, show global values, SA listings refused naming the state command', () => {
      const dir = join(REAL_CONFIGS!, 'windows-netsh');
      const got: Record<string, string> = {};
      for (const f of filesUnder(dir)) {
        const name = f.slice(dir.length + 1);
        try {
          const d = adapter.parse(readText(f), name);
          expect(validateDevice(d), `${f}`).to.deep.equal([]);
          got[name] = d.tunnels.map((t) => `${t.name}: ${t.phase2[0].proposals.value.length} QM proposals`).join(', ') || 'no tunnel';
        } catch (e) {
          expect(e, f).to.be.instanceOf(ParseError);
          got[name] = `error line ${(e as ParseError).line}: ${(e as ParseError).message.slice(0, 75)}`;
        }
      }
      expect(got).to.deep.equal({
        'mssupport-kb2855053-consec-rule-verbose-L2TP-manual-rule.txt': 'L2TP Manual Rule: 4 QM proposals',
        'mssupport-kb949856-consec-show-rule-suiteb-sample.txt': 'test: 1 QM proposals',
        'mssupport-kb949856-monitor-show-mmsa-sample.txt': 'error line 1: expected configuration, found a security association listing (`netsh advfir',
        'mssupport-kb949856-monitor-show-qmsa-sample.txt': 'error line 1: expected configuration, found a security association listing (`netsh advfir',
        // a show global alone has no rule: its values are checked below, with a rule beside them
        'mssupport-kb949856-show-global-sample-collapsed.txt': 'no tunnel',
        // Ruby source: the capture in its comment is read below, as a user would paste it
        'puppet-windows_firewall-global-type-with-show-global-output-comment.rb':
          'error line 1: expected Windows IPsec command output (netsh advfirewall show global, netsh',
        'puppet-windows_firewall-netsh-set-global-usage-error.txt': 'error line 1: netsh printed its usage text ("The number of arguments  provided is not val',
      });
    });

    it('SA listings (monitor show mmsa/qmsa) are refused with the command that reads them', () => {
      for (const f of ['mssupport-kb949856-monitor-show-mmsa-sample.txt', 'mssupport-kb949856-monitor-show-qmsa-sample.txt']) {
        const e = parseErrorOf(() => adapter.parse(readText(join(REAL_CONFIGS!, 'windows-netsh', f)), f));
        expect(e.message).to.include('live state, read by the `state` command');
        expect(e.message).to.include('netsh advfirewall consec show rule name=all verbose');
      }
    });

    it('KB 949856 show global (display text, collapsed columns): IPsecThroughNAT "Server and client behind NAT", KeyLifetime2min, SecMethods…', () => {
      const G = join(REAL_CONFIGS!, 'windows-netsh', 'mssupport-kb949856-show-global-sample-collapsed.txt');
      const ctx = newContext('g.txt');
      const g = readGlobal(toLines(readText(G)), ctx)!;
      expect(ctx.diagnostics).to.deep.equal([]);
      expect(g.natt).to.deep.equal({ value: 'auto', raw: 'IPsecThroughNAT Server and client behind NAT', origin: 'explicit', at: at('g.txt', 6) });
      expect(g.mmLifetime).to.deep.equal({ value: 120, raw: '2min,0sess', unit: 'minutes', origin: 'explicit', at: at('g.txt', 12) });
      expect(g.mmProposals).to.deep.equal({
        value: [
          { encryption: ['3des'], integrity: ['sha256'], prf: [], dhGroups: [1] },
          { encryption: ['3des'], integrity: ['sha384'], prf: [], dhGroups: [1] },
        ],
        raw: 'SecMethods DHGroup1-3DES-SHA256,DHGroup1-3DES-SHA384',
        origin: 'explicit',
        at: at('g.txt', 13),
      });
      // beside a rule (the KB 2855053 one), the NAT setting reaches the tunnel end; the rule's own main mode lines win
      const rule = readText(join(REAL_CONFIGS!, 'windows-netsh', 'mssupport-kb2855053-consec-rule-verbose-L2TP-manual-rule.txt'));
      const t = adapter.parse(`${readText(G)}\n${rule}`, 'gr.txt').tunnels[0];
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'IPsecThroughNAT Server and client behind NAT', origin: 'explicit', at: at('gr.txt', 6) });
      expect(t.phase1.lifetimeSeconds.value).to.equal(28800);
    });

    it('the puppet capture of show global (inside a Ruby comment): IPsecThroughNAT Never, 480min,0sess, the default SecMethods', () => {
      // the capture as a user would paste it: the comment marks removed, every other line blanked so lines stay the file's
      const F = join(REAL_CONFIGS!, 'windows-netsh', 'puppet-windows_firewall-global-type-with-show-global-output-comment.rb');
      const lines = readText(F).split('\n');
      const from = lines.findIndex((l) => l.includes('C:\\vagrant>netsh advfirewall show global'));
      const to = lines.findIndex((l, i) => i > from && /^\s*# Ok\.$/.test(l));
      expect([from, to]).to.deep.equal([172, 200]);
      const capture = lines.map((l, i) => (i >= from && i <= to ? l.replace(/^\s*#\s?/, '') : '')).join('\n');
      const d = adapter.parse(capture, 'puppet.rb');
      expect(d.tunnels).to.deep.equal([]);
      const ctx = newContext('puppet.rb');
      const g = readGlobal(toLines(capture).slice(from + 1, to + 1), ctx)!;
      expect(g.natt).to.deep.equal({ value: 'disabled', raw: 'IPsecThroughNAT Never', origin: 'explicit', at: at('puppet.rb', 181) });
      expect(g.mmLifetime).to.deep.include({ value: 28800, raw: '480min,0sess', unit: 'minutes', origin: 'explicit' });
      expect(g.mmProposals?.value).to.deep.equal([
        { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
        { encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] },
      ]);
      expect(g.mmProposals?.at).to.deep.equal(at('puppet.rb', 192));
    });

    it('KB 949856 consec sample: no colon after MainModeSecMethods, QuickModeSecMethods glued to its value, "60 min", Auth1PSK in clear', () => {
      const F = 'mssupport-kb949856-consec-show-rule-suiteb-sample.txt';
      const d = adapter.parse(readText(join(REAL_CONFIGS!, 'windows-netsh', F)), F);
      const t = d.tunnels[0];
      expect(t.name).to.equal('test');
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: 'Endpoint2: Any', origin: 'inferred', at: at(F, 7) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'Auth1: ComputerPSK', origin: 'explicit', at: at(F, 10) });
      expect(t.auth.psk).to.deep.equal({ value: pskFingerprint('12345'), raw: 'Auth1PSK: <redacted>', origin: 'explicit', at: at(F, 11) });
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['3des'], integrity: ['sha256'], prf: [], dhGroups: [20] },
          { encryption: ['3des'], integrity: ['sha384'], prf: [], dhGroups: [20] },
        ],
        raw: 'MainModeSecMethods ECDHP384-3DES-SHA256,ECDHP384-3DES-SHA384',
        origin: 'explicit',
        at: at(F, 12),
      });
      const p = t.phase2[0];
      expect(p.proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }],
        raw: 'QuickModeSecMethodsAH:AESGMAC256+ESP:AESGCM256-AESGCM256+60 min+100000kb',
        origin: 'explicit',
        at: at(F, 13),
      });
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '+60 min', unit: 'minutes', origin: 'explicit', at: at(F, 13) });
      expect(p.lifetimeKilobytes).to.deep.equal({ value: 100000, raw: '+100000kb', unit: 'kilobytes', origin: 'explicit', at: at(F, 13) });
      expect(p.ipProtocol).to.deep.equal({ value: 0, raw: 'Protocol: Any', origin: 'explicit', at: at(F, 8) });
      expect(JSON.stringify(d)).to.not.include('12345');
    });

    it('KB 2855053 rule: Markdown quote and trailing spaces tolerated, values exact', () => {
      const f = join(REAL_CONFIGS!, 'windows-netsh', 'mssupport-kb2855053-consec-rule-verbose-L2TP-manual-rule.txt');
      const d = adapter.parse(readText(f), 'kb.txt');
      const t = d.tunnels[0];
      expect(t.remoteGateway).to.deep.equal({ value: '131.107.0.2', raw: 'Endpoint2: 131.107.0.2/32', origin: 'inferred', at: at('kb.txt', 9) });
      expect(t.auth.method.value).to.equal('certificate');
      expect(t.phase1.proposals.value.map((p) => `${p.dhGroups}-${p.encryption}-${p.integrity}`)).to.deep.equal([
        '2-aes128-sha256',
        '2-aes128-sha1',
        '2-3des-sha1',
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: '480min,0sess', unit: 'minutes', origin: 'explicit', at: at('kb.txt', 21) });
      const p = t.phase2[0];
      expect(p.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['null'], integrity: ['sha1'] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
        { protocol: 'esp', encryption: ['3des'], integrity: ['sha1'] },
        { protocol: 'ah', encryption: [], integrity: ['sha1'] },
      ]);
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '+60min', unit: 'minutes', origin: 'explicit', at: at('kb.txt', 22) });
      expect(p.ipProtocol?.value).to.equal(17);
      // Port1 Any, Port2 1701: the rule protects L2TP to the server
      expect(p.localPorts).to.deep.equal({ value: [], raw: 'Port1: Any', origin: 'explicit', at: at('kb.txt', 10) });
      expect(p.remotePorts).to.deep.equal({ value: [{ from: 1701, to: 1701 }], raw: 'Port2: 1701', origin: 'explicit', at: at('kb.txt', 11) });
      expect(p.pfsGroups.value).to.deep.equal([0]);
    });

    it('the netsh usage text (puppet capture) is refused with what was expected', () => {
      const f = join(REAL_CONFIGS!, 'windows-netsh', 'puppet-windows_firewall-netsh-set-global-usage-error.txt');
      const e = parseErrorOf(() => adapter.parse(readText(f), 'usage.txt'));
      expect(e.located).to.match(/^usage\.txt:1: netsh printed its usage text .*expected the output of `netsh advfirewall show global`/);
    });
  });
});

// issue 13 (npm run test:fuzz, 256 KB of blanks before a word): `^\s*([^:]{1,40}?)\s*:` in the
// label of an unread line retried every split of the blanks: 32 KB took 28 s in netsh parse
describe('windows: the label of an unread line is found in linear time (issue 13)', function () {
  this.timeout(0);
  it('the label as before; blanks then a word: 128 KB at most 10× 32 KB', () => {
    expect(lineLabel('   Auth1PSK :  x')).to.equal('"Auth1PSK: …"');
    expect(lineLabel('no label here')).to.equal('a line without a label');
    const make = (n: number) => `${' '.repeat(n)}a\n`;
    const p = { adapter: 'windows-netsh', name: 'parse', run: (t: string) => adapter.parse(t, 'x.txt'), seed: '', seedFile: '' };
    const v = verdict(p, { name: 'deep indentation', make }, 1 << 15, 1 << 17);
    expect(v.ok, `${v.smallMs.toFixed(0)} ms → ${v.bigMs.toFixed(0)} ms`).to.equal(true);
  });
});
