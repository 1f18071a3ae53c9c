/**
 * The fix round trip (issue 11): for every finding with a fix, in every pair fixture
 * (fixtures/pairs/*) and every real pair (../shared/real-configs/pairs), apply that side's fix to
 * that side's input — pasted after the last line for the CLI vendors, the field edited for
 * swanctl.conf, ipsec.conf and config.xml — re-read it with the adapter, compare again with the
 * other side as it was: the finding is gone and no error or warning appears that was not there.
 * A fix that only says where to type something (a pre-shared key), and a CLI fix for a device read
 * from an XML export (PAN-OS), are applied as the model-level change they describe; the count of
 * fixes checked, and how many of them were applied to the model only, is printed.
 * Cloud ends are API objects: an AWS fix (`aws ec2 modify-vpn-tunnel-options … --tunnel-options
 * K=V`, `modify-vpn-connection-options`) is applied to the describe-vpn-connections JSON and an
 * Azure fix (`az network vpn-connection ipsec-policy clear` / `add …`) to the vpn-connection show
 * JSON, as each service would print the object afterwards; a GCP fix ("recreate" the tunnel:
 * delete + create with the changed flag), an AWS Generic text and a PowerShell-printed Azure
 * object are applied to the model (the documented API/CLI change, set on the end).
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareDevices } from '../../src/compare/compare.js';
import { parseTunnelOption } from '../../src/compare/pair.js';
import type { Finding, FindingSide } from '../../src/compare/types.js';
import type { AuthMethod, Device, Setting } from '../../src/model/types.js';
import { parseText } from '../../src/read/load.js';
import { readCompanions } from '../../src/read/companions.js';
import { pickAdapter } from '../../src/read/detect.js';
import { REAL_CONFIGS, ROOT, readText } from '../helpers.js';
import { appendFix, applyAwsFix, applyAzureFix, applyIpsecConfFix, applySwanctlFix, applyXmlFix } from './editors.js';

interface Input {
  file: string;
  text: string;
  vendor: string;
  companions?: Record<string, string>;
}

interface Case {
  name: string;
  a: Input;
  b: Input;
  tunnel?: { a: string; b?: string };
}

function input(path: string, companions?: Record<string, string>): Input {
  const text = readText(path);
  const adapter = pickAdapter(text, path);
  return { file: path, text, vendor: adapter.id, companions: companions ?? readCompanions(adapter, text, path)?.texts };
}

function read(i: Input, text = i.text): Device {
  return parseText(text, i.file, i.vendor, i.companions);
}

const PAIR_FIXTURES = join(ROOT, 'fixtures', 'pairs');
const fixtureCases: Case[] = readdirSync(PAIR_FIXTURES)
  .filter((d) => existsSync(join(PAIR_FIXTURES, d, 'expected.json')))
  .sort()
  .map((d) => {
    const e = JSON.parse(readFileSync(join(PAIR_FIXTURES, d, 'expected.json'), 'utf8')) as { a: string; b: string; tunnel?: string };
    return {
      name: `fixtures/pairs/${d}`,
      a: input(join(PAIR_FIXTURES, d, e.a)),
      b: input(join(PAIR_FIXTURES, d, e.b)),
      tunnel: e.tunnel ? parseTunnelOption(e.tunnel) : undefined,
    };
  });

/** The real pairs the adapters read, as in test/real-pairs.test.ts. */
const REAL: Array<[string, string, string]> = [
  ['20eung-fortigate-fg1-fg2-route-based', 'fg1.conf', 'fg2.conf'],
  ['batfish-ios-crypto-ipsec-3node', 'r1.cfg', 'r2.cfg'],
  ['batfish-ios-crypto-ipsec-3node', 'r1.cfg', 'r3.cfg'],
  ['batfish-ios-crypto-ipsec-3node', 'r2.cfg', 'r3.cfg'],
  ['netengsam-asa-cml-ikev2-l2l', 'asa1.cli', 'asa2.cli'],
  ['strongswan-testing-ikev1-net2net-psk', 'moon.swanctl.conf', 'sun.swanctl.conf'],
  ['strongswan-testing-ikev2-net2net-psk', 'moon.swanctl.conf', 'sun.swanctl.conf'],
  ['strongswan-testing-ikev2-net2net-psk-fail', 'moon.swanctl.conf', 'sun.swanctl.conf'],
  ['strongswan-testing-ikev2-net2net-rekey', 'moon.swanctl.conf', 'sun.swanctl.conf'],
  ['strongswan-testing-ikev2-net2net-route-narrow', 'moon.swanctl.conf', 'sun.swanctl.conf'],
  ['strongswan-testing-ikev2-stroke-net2net-psk', 'moon.ipsec.conf', 'sun.ipsec.conf'],
  ['summerice7-fortigate-cisco-asa-ikev2-vti', 'fortigate.conf', 'asa.cfg'],
  ['summerice7-fortigate-cisco-ios-ikev1-vti', 'fortigate.conf', 'ios.cfg'],
  ['tawfik0x00-fortigate-branch-a-b-ikev1', 'fgt-branch-a.conf', 'fgt-branch-b.conf'],
  ['vrnetlab-games-mikrotik-bgp-over-ipsec-ipip', 'r1-config.rsc', 'r2-config.rsc'],
  ['batfish-junos-srx-testbed-3node', 'junos-srx-1.cfg', 'junos-srx-2.cfg'],
  ['batfish-junos-srx-testbed-3node', 'junos-srx-1.cfg', 'junos-srx-3.cfg'],
  ['batfish-junos-srx-testbed-3node', 'junos-srx-2.cfg', 'junos-srx-3.cfg'],
  ['ibm-vsrx-junos-route-based-dallas-london', 'site-a-dallas-show.conf', 'site-b-london-show.conf'],
];

function realCases(): Case[] {
  if (!REAL_CONFIGS) return [];
  const P = join(REAL_CONFIGS, 'pairs');
  return REAL.map(([folder, a, b]) => {
    // strongSwan's harness installs <host>.ipsec.secrets as /etc/ipsec.secrets
    const secrets = (f: string) =>
      f.endsWith('.ipsec.conf') ? { [join(P, folder, 'ipsec.secrets')]: readText(join(P, folder, f.replace('.ipsec.conf', '.ipsec.secrets'))) } : undefined;
    return { name: `real-configs/pairs/${folder} ${a} ↔ ${b}`, a: input(join(P, folder, a), secrets(a)), b: input(join(P, folder, b), secrets(b)) };
  });
}

// Junos: set commands typed after a configuration in set or brace form are applied in order
const CLI = new Set(['fortigate', 'asa', 'ios', 'routeros', 'windows-netsh', 'windows-rras', 'junos']);

/** The fix applied to this side's input as a person would; undefined when it can only be applied to the model. */
function applied(i: Input, side: FindingSide): string | undefined {
  const fix = side.fix!;
  if (side.change?.field === 'auth.psk') return undefined; // says where to type the key, never the key
  if (CLI.has(i.vendor)) return appendFix(i.text, fix);
  // PAN-OS: `set` commands pasted after a configuration in set form; an XML export is not typed into
  if (i.vendor === 'panos') return i.text.trimStart().startsWith('<') ? undefined : appendFix(i.text, fix);
  if (i.vendor === 'strongswan') return /^conn /m.test(fix) ? applyIpsecConfFix(i.text, fix) : applySwanctlFix(i.text, fix);
  // cloud ends: the CLI command applied to the exported API object (README of each adapter)
  if (i.vendor === 'aws-vpn') return applyAwsFix(i.text, fix);
  if (i.vendor === 'azure-vpngw') return applyAzureFix(i.text, fix);
  if (i.vendor === 'pfsense' || i.vendor === 'opnsense') {
    const phase = side.change?.field.startsWith('phase2.') ? side.phase2?.at?.line : side.end.tunnel.at?.line;
    if (phase === undefined) throw new Error(`no line for the element of ${side.change?.field}`);
    return applyXmlFix(i.text, fix, phase);
  }
  return undefined;
}

/**
 * A model-level change: the setting the fix names, set to the target the rule gave (a PSK: the
 * peer's key). Used where the fix cannot be applied as text: a key the fix only says where to type,
 * and a CLI fix for a device whose input is an XML export (PAN-OS running-config.xml), where a
 * person types the `set` commands on the device.
 */
function appliedToModel(d: Device, side: FindingSide, other: FindingSide | undefined): Device {
  const copy = structuredClone(d);
  const t = copy.tunnels.find((x) => x.name === side.end.tunnel.name)!;
  const p = t.phase2.find((x) => x.name === side.phase2?.name);
  const change = side.change!;
  const to = <T>(s: Setting<T> | undefined, value: T): Setting<T> => ({ ...(s ?? { raw: 'fix', origin: 'explicit' }), value });
  const need = () => {
    if (!p) throw new Error(`${change.field}: no phase 2 ${side.phase2?.name} on ${t.name}`);
    return p;
  };
  switch (change.field) {
    case 'auth.psk':
      t.auth.psk = to(t.auth.psk, other!.end.tunnel.auth.psk!.value);
      break;
    case 'auth.method':
      t.auth.method = to(t.auth.method, change.target as AuthMethod);
      break;
    case 'ikeVersion':
      t.ikeVersion = to(t.ikeVersion, change.target);
      break;
    case 'remoteGateway':
      t.remoteGateway = to(t.remoteGateway, change.target);
      break;
    case 'phase1.proposals':
      t.phase1.proposals = to(t.phase1.proposals, change.target);
      break;
    case 'phase1.lifetimeSeconds':
      t.phase1.lifetimeSeconds = to(t.phase1.lifetimeSeconds, change.target);
      break;
    case 'natt.mode':
      t.natt.mode = to(t.natt.mode, change.target);
      break;
    case 'natt.keepaliveSeconds':
      t.natt.keepaliveSeconds = to(t.natt.keepaliveSeconds, change.target);
      break;
    case 'dpd.delaySeconds':
      t.dpd.delaySeconds = to(t.dpd.delaySeconds, change.target);
      if (change.target === 0) t.dpd.mode = to(t.dpd.mode, 'off');
      else if (t.dpd.mode.value === 'off') t.dpd.mode = to(t.dpd.mode, 'periodic');
      break;
    case 'phase2.proposals':
      need().proposals = to(need().proposals, change.target);
      break;
    case 'phase2.pfsGroups':
      need().pfsGroups = to(need().pfsGroups, change.target);
      break;
    case 'phase2.lifetimeSeconds':
      need().lifetimeSeconds = to(need().lifetimeSeconds, change.target);
      break;
    case 'phase2.lifetimeKilobytes':
      need().lifetimeKilobytes = to(need().lifetimeKilobytes, change.target);
      break;
    case 'phase2.localSelectors':
      need().localSelectors = to(need().localSelectors, change.target);
      break;
    case 'phase2.remoteSelectors':
      need().remoteSelectors = to(need().remoteSelectors, change.target);
      break;
    case 'phase2.selectors': {
      const q = need();
      q.localSelectors = to(q.localSelectors, change.target.local);
      q.remoteSelectors = to(q.remoteSelectors, change.target.remote);
      q.ipProtocol = to(q.ipProtocol, change.target.protocol ?? 0);
      q.localPorts = to(q.localPorts, change.target.localPorts ?? []);
      q.remotePorts = to(q.remotePorts, change.target.remotePorts ?? []);
      break;
    }
  }
  return copy;
}

/** The identity of a finding across two comparisons: rule, the setting compared, the tunnels. */
function key(f: Finding): string {
  return [f.rule, f.setting ?? '', f.a?.end.tunnel.name ?? '', f.b?.end.tunnel.name ?? ''].join('|');
}

let checked = 0;
let modelOnly = 0;

describe('fix round trip: every fix, applied to its input and re-read, removes its finding and adds no error or warning', function () {
  this.timeout(120_000);
  after(() => console.log(`\n      fix round trip: ${checked} fixes checked (${checked - modelOnly} applied to the input text, ${modelOnly} to the model)`));

  for (const c of [...fixtureCases, ...realCases()]) {
    it(c.name, () => {
      const A = read(c.a);
      const B = read(c.b);
      const before = compareDevices(A, B, { tunnel: c.tunnel });
      const serious = new Set(before.findings.filter((f) => f.severity !== 'info').map((f) => `${key(f)}|${f.severity}`));
      for (const f of before.findings)
        for (const which of ['a', 'b'] as const) {
          const side = f[which];
          if (!side?.fix) continue;
          // the input the side belongs to: a redundancy finding has both sides on one device
          const onA = side.end.device.origin === A.origin;
          const inputOf = onA ? c.a : c.b;
          const text = applied(inputOf, side);
          const fixedDevice = text === undefined ? appliedToModel(onA ? A : B, side, which === 'a' ? f.b : f.a) : read(inputOf, text);
          if (text === undefined) modelOnly++;
          const after = onA ? compareDevices(fixedDevice, B, { tunnel: c.tunnel }) : compareDevices(A, fixedDevice, { tunnel: c.tunnel });
          const label = `${f.rule} fixed on ${onA ? 'A' : 'B'} (${inputOf.vendor}):\n${side.fix}\n`;
          expect(
            after.findings.filter((g) => key(g) === key(f)).map((g) => g.message),
            `${label}the finding is still there`,
          ).to.deep.equal([]);
          const fresh = after.findings.filter((g) => g.severity !== 'info' && !serious.has(`${key(g)}|${g.severity}`));
          expect(
            fresh.map((g) => `${g.rule} ${g.severity}: ${g.message}`),
            `${label}new errors or warnings`,
          ).to.deep.equal([]);
          checked++;
        }
    });
  }

  it('checked fixes from every pair fixture that has one', () => expect(checked).to.be.greaterThan(0));
});
