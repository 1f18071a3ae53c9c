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
import type { Finding, FindingSide, TunnelPair } from '../../src/compare/types.js';
import type { AuthMethod, Device, Identity, Setting, TunnelEnd } from '../../src/model/types.js';
import { checkPair } from '../../src/compare/compare.js';
import { withFixes } from '../../src/compare/fixes.js';
import { pairPhase2, parseTunnelOption } from '../../src/compare/pair.js';
import { acceptsAny } from '../../src/model/identity.js';
import { end as buildEnd, set } from '../builders.js';
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
    case 'auth.localIdentity':
      t.auth.localIdentity = to(t.auth.localIdentity, change.target);
      break;
    case 'auth.peerIdentity':
      t.auth.peerIdentity = to(t.auth.peerIdentity, [change.target]);
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
    case 'dpd.action':
      t.dpd.action = to(t.dpd.action, change.target);
      break;
    case 'initiates':
      t.initiates = to(t.initiates, true);
      break;
    case 'dpd':
      t.dpd = {
        mode: to(t.dpd.mode, change.target.mode),
        delaySeconds: to(t.dpd.delaySeconds, change.target.delaySeconds),
        ...(change.target.action ? { action: to(t.dpd.action, change.target.action) } : {}),
      };
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

/**
 * identity-mismatch fixes, per adapter: a fixture end against a built peer, the rule's change on
 * the fixture's side, the adapter's fix applied to the fixture's text and re-read — the finding is
 * gone. (The pair fixtures and real pairs above have no identity mismatch to fix.) Two directions:
 * accept — the peer sends an FQDN the fixture end does not accept (its accepted list set to one
 * address in the model first when it accepts any, so that the rule asks it to change); send — the
 * peer accepts only `send`, and the fixture end's sent value is made unknown in the model (a
 * certificate subject), the one case where the rule changes the sender.
 */
interface IdentityFixCase {
  fixture: string;
  /** the identity the fixture end is asked to send; undefined: its adapter writes no such fix */
  send?: Identity;
  /** false: its adapter writes no fix for what it accepts (it finds the peer by address) */
  accept: boolean;
}

const SENT_BY_PEER: Identity = { type: 'fqdn', value: 'peer-x.example.net' };
const FQDN: Identity = { type: 'fqdn', value: 'gw-x.example.net' };

const identityCases: IdentityFixCase[] = [
  { fixture: 'strongswan/rekey-before-reauth.swanctl.conf', send: FQDN, accept: true },
  { fixture: 'strongswan/legacy/ipsec.conf', send: FQDN, accept: true },
  { fixture: 'strongswan/hq/swanctl.conf', send: FQDN, accept: true },
  { fixture: 'fortigate/hq-show-full-session.txt', send: FQDN, accept: true },
  { fixture: 'routeros/v7-two-peers.rsc', send: FQDN, accept: true },
  { fixture: 'pfsense/hq-2.7.xml', send: FQDN, accept: true },
  { fixture: 'opnsense/legacy-25.1.xml', send: FQDN, accept: true },
  { fixture: 'junos/srx-hq-22.4-display-set.txt', send: FQDN, accept: true },
  { fixture: 'panos/pa-br1-11.1-show-config-set.txt', send: FQDN, accept: true },
  { fixture: 'ios/hub-xe-ikev2.cfg', send: FQDN, accept: true },
  // IKEv1 with a PSK finds the peer by its address: no ID to accept; the global identity command says an address or a key ID
  { fixture: 'ios/br1-rtr-running-config.cfg', send: undefined, accept: false },
  { fixture: 'asa/asa-hq-running-config.txt', send: { type: 'key-id', value: 'gw-x' }, accept: false },
];

function identityPair(fixture: TunnelEnd, fixtureDevice: Device, peer: TunnelEnd): TunnelPair {
  return {
    a: { device: fixtureDevice, tunnel: fixture },
    b: { device: { vendor: 'test', origin: 'peer.conf', interfaces: [], tunnels: [peer], diagnostics: [] }, tunnel: peer },
    how: 'test',
    ...pairPhase2(fixture, peer),
  };
}

/** The identity-mismatch finding about what `sender` sends ('a' the fixture end, 'b' the peer), with fixes. */
function identityFinding(pair: TunnelPair, sender: 'a' | 'b'): Finding | undefined {
  return withFixes(checkPair(pair)).find((f) => f.rule === 'identity-mismatch' && f.setting === `auth.identity(${sender})`);
}

/** Errors and warnings after the fix that were not there before (a pre-shared key no longer found by the new identity, say). */
function freshProblems(before: TunnelPair, after: TunnelPair): string[] {
  const had = new Set(checkPair(before).map((f) => `${f.rule}|${f.setting ?? ''}|${f.severity}`));
  return checkPair(after)
    .filter((f) => f.severity !== 'info' && f.rule !== 'identity-mismatch' && !had.has(`${f.rule}|${f.setting ?? ''}|${f.severity}`))
    .map((f) => `${f.rule} ${f.severity}: ${f.message}`);
}

describe('fix round trip: identity-mismatch fixes, applied to each adapter’s input and re-read, remove the finding', () => {
  for (const c of identityCases) {
    const i = () => input(join(ROOT, 'fixtures', c.fixture));
    const endOf = (d: Device) => d.tunnels[0];
    const apply = (inp: Input, side: FindingSide) => applied(inp, side) ?? appendFix(inp.text, side.fix!);

    it(`${c.fixture}: accepts what the peer sends`, () => {
      const inp = i();
      const device = read(inp);
      const t = structuredClone(endOf(device));
      // an end that accepts any ID is told to accept one address, so that the rule has something to change
      if (t.auth.peerIdentity && acceptsAny(t.auth.peerIdentity.value))
        t.auth.peerIdentity = { ...t.auth.peerIdentity, value: [{ type: 'ipv4', value: '192.0.2.254' }] };
      const peer = buildEnd({ auth: { ...buildEnd().auth, localIdentity: set(SENT_BY_PEER, 'id', 13) } }, true);
      const f = identityFinding(identityPair(t, device, peer), 'b');
      expect(f?.a?.change).to.deep.equal({ field: 'auth.peerIdentity', target: SENT_BY_PEER });
      if (!c.accept) return expect(f?.a?.fix).to.equal(undefined);
      expect(f?.a?.fix, 'a fix').to.be.a('string');
      const after = endOf(read(inp, apply(inp, f!.a!)));
      expect(identityFinding(identityPair(after, device, peer), 'b')?.message, f!.a!.fix).to.equal(undefined);
      expect(freshProblems(identityPair(t, device, peer), identityPair(after, device, peer)), f!.a!.fix).to.deep.equal([]);
    });

    it(`${c.fixture}: sends what the peer accepts`, () => {
      const inp = i();
      const device = read(inp);
      const t = structuredClone(endOf(device));
      const target = c.send ?? FQDN;
      // the sent value unknown (a certificate subject): the one case where the rule changes the sender
      t.auth.localIdentity = set<Identity>({ type: 'dn' }, '(the certificate subject)');
      const peer = buildEnd({ auth: { ...buildEnd().auth, peerIdentity: set([target], 'remote id', 14) } }, true);
      const f = identityFinding(identityPair(t, device, peer), 'a');
      expect(f?.a?.change).to.deep.equal({ field: 'auth.localIdentity', target });
      if (!c.send) return expect(f?.a?.fix).to.equal(undefined);
      expect(f?.a?.fix, 'a fix').to.be.a('string');
      const after = endOf(read(inp, apply(inp, f!.a!)));
      expect(after.auth.localIdentity?.value, f!.a!.fix).to.deep.equal(target);
      expect(identityFinding(identityPair(after, device, peer), 'a')?.message, f!.a!.fix).to.equal(undefined);
      expect(freshProblems(identityPair(t, device, peer), identityPair(after, device, peer)), f!.a!.fix).to.deep.equal([]);
    });
  }
});
