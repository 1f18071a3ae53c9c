/** Read-only by construction: every command any adapter can send passes the allowlist; changes never do. */
import { expect } from 'chai';
import { adapters } from '../../adapters/index.js';
import { assertAllowed, isReadOnly, NotAllowedError, readOnlyVerdict, SESSION_COMMANDS } from '../../src/collect/allowlist.js';

/** Everything the collector can put on the wire for an adapter: its commands, the dialect's setup, `enable`, the exec fallbacks, the API requests. */
function everyCommand(): Array<{ adapter: string; command: string }> {
  const out: Array<{ adapter: string; command: string }> = [];
  for (const a of adapters) {
    const live = a.live;
    if (!live) continue;
    for (const c of live.commands) out.push({ adapter: a.id, command: c });
    const d = live.dialect;
    if (d.kind === 'shell') for (const c of [...d.setup, ...(d.needsEnable ? ['enable'] : [])]) out.push({ adapter: a.id, command: c });
    if (d.kind === 'exec') for (const group of d.plan(live.commands)) for (const c of group) out.push({ adapter: a.id, command: c });
    for (const c of live.api?.plan(live.commands) ?? []) out.push({ adapter: a.id, command: c });
  }
  return out;
}

/** What a runtime-state collection sends: the SA-listing commands of each reader, through its adapter's dialect and API plan. */
function everyStateCommand(): Array<{ adapter: string; command: string; declared: string[] }> {
  const out: Array<{ adapter: string; command: string; declared: string[] }> = [];
  for (const a of adapters) {
    if (!a.state) continue;
    const declared = a.state.commands.map((c) => c.command);
    const d = a.state.dialect ?? a.live?.dialect;
    const sent = new Set<string>(d?.kind === 'exec' ? d.plan(declared).flat() : declared.filter((c) => !/^(\/[a-z0-9-]+)+\/print$/.test(c)));
    for (const c of a.live?.api?.plan(declared) ?? []) sent.add(c);
    for (const c of sent) out.push({ adapter: a.id, command: c, declared });
  }
  return out;
}

describe('collect: read-only allowlist', () => {
  it('every command every adapter declares (and every session command the collector adds) is read-only', () => {
    const all = everyCommand();
    expect(all.length).to.be.greaterThan(40);
    const refused = all.filter((x) => !isReadOnly(x.command)).map((x) => `${x.adapter}: ${x.command} (${(readOnlyVerdict(x.command) as { why: string }).why})`);
    expect(refused).to.deep.equal([]);
  });

  it('the collector sends only declared commands: each dialect command is declared or session-only', () => {
    for (const { adapter, command } of everyCommand()) {
      const a = adapters.find((x) => x.id === adapter)!;
      expect(() => assertAllowed(command, a.live!.commands), `${adapter}: ${command}`).not.to.throw();
    }
  });

  it('every SA-listing command a state reader declares is read-only and declared (FortiOS `diagnose` only in its listing forms)', () => {
    const all = everyStateCommand();
    expect(all.map((x) => `${x.adapter}: ${x.command}`)).to.include.members([
      'fortigate: diagnose vpn tunnel list',
      'fortigate: diagnose vpn ike gateway list',
      'strongswan: swanctl --list-sas',
      'routeros: /ip/ipsec/installed-sa/print',
      'windows-netsh: Get-NetIPsecQuickModeSA | Format-List *',
    ]);
    for (const { adapter, command, declared } of all) expect(() => assertAllowed(command, declared), `${adapter}: ${command}`).not.to.throw();
    for (const c of [
      'diagnose vpn ike restart',
      'diagnose vpn tunnel flush',
      'diagnose vpn tunnel list; diagnose vpn ike restart',
      'swanctl --terminate --ike-id 1',
    ])
      expect(isReadOnly(c), c).to.equal(false);
  });

  it('session-only commands are exactly paging and enable', () => {
    expect([...SESSION_COMMANDS]).to.deep.equal(['terminal pager 0', 'terminal length 0', 'enable', 'set cli pager off']);
  });

  it('of PAN-OS `set cli …` only the session pager switch passes; configuration `set` never does', () => {
    expect(isReadOnly('set cli pager off')).to.equal(true);
    for (const c of [
      'set cli pager on',
      'set cli config-output-format set',
      'set network ike gateway GW peer-address ip 1.2.3.4',
      'set deviceconfig system hostname x',
    ])
      expect(isReadOnly(c), c).to.equal(false);
  });

  it('refuses commands that change configuration, even when declared', () => {
    const changes = [
      'configure terminal',
      'config system console',
      'config vdom',
      'set output standard',
      'write memory',
      'wr',
      'copy running-config startup-config',
      'clear crypto ikev1 sa',
      'reload',
      'delete flash:/x',
      'no crypto map OUTSIDE_MAP 10',
      'crypto isakmp key abc address 0.0.0.0',
      'execute reboot',
      'diagnose vpn ike restart',
      'show running-config | redirect flash:run.txt',
      'show running-config | append disk0:x',
      'show run ; write mem',
      '/ip ipsec export file=backup',
      '/ip ipsec peer remove 0',
      '/system reboot',
      '/ip/ipsec/peer/set',
      'Set-VpnS2SInterface -Name x -SharedSecret y',
      'Get-VpnS2SInterface | Set-VpnS2SInterface -Destination 1.2.3.4',
      'Get-NetIPsecRule | Remove-NetIPsecRule',
      'Get-NetIPsecRule > C:\\out.txt',
      'netsh advfirewall set global ipsec ipsecthroughnat never',
      'netsh advfirewall consec add rule name=x',
      'reg add HKLM\\SYSTEM\\x /v y /d 1',
      'cat /conf/config.xml > /tmp/x',
      'cat /conf/config.xml; rm -rf /',
      'rm /conf/config.xml',
      'terminal width 0',
      'terminal monitor',
    ];
    for (const c of changes) {
      expect(isReadOnly(c), c).to.equal(false);
      expect(() => assertAllowed(c, [c]), c).to.throw(NotAllowedError);
    }
  });

  it('refuses a read-only command the adapter does not declare', () => {
    expect(() => assertAllowed('show version', ['show running-config crypto'])).to.throw(NotAllowedError, 'the adapter does not declare it');
  });
});
