/**
 * strongSwan's own testing scenarios (../shared/real-configs/pairs/strongswan-testing-*): every
 * value each host's file holds, read in place, and the outcome the scenario's evaltest.dat states.
 * Hosts: moon = 192.168.0.1 (10.1.0.0/16), sun = 192.168.0.2 (10.2.0.0/16).
 */
import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '../../adapters/strongswan/index.js';
import { adapter as routeros } from '../../adapters/routeros/index.js';
import { fingerprintSecret } from '../../adapters/strongswan/common.js';
import { compareDevices } from '../../src/compare/compare.js';
import type { Device, TunnelEnd } from '../../src/model/types.js';
import { at, expectValid, readText, REAL_CONFIGS, tunnelNamed } from '../helpers.js';

const PAIRS = REAL_CONFIGS ? join(REAL_CONFIGS, 'pairs') : undefined;

/** One host file, with its companions (ipsec.secrets) read the way the CLI reads them. */
function host(scenario: string, file: string): Device {
  const name = `${scenario}/${file}`;
  const text = readText(join(PAIRS!, name));
  const extra: Record<string, string> = {};
  for (const { path: p } of adapter.companions!(text, name)) if (existsSync(join(PAIRS!, p))) extra[p] = readText(join(PAIRS!, p));
  return expectValid(adapter.parse(text, name, extra));
}

const gw = (d: Device): TunnelEnd => tunnelNamed(d, 'gw-gw');
const errors = (a: Device, b: Device) => compareDevices(a, b).findings.filter((f) => f.severity === 'error');

describe('strongswan: the strongSwan testing scenarios (../shared/real-configs/pairs)', () => {
  before(function () {
    if (!PAIRS || !existsSync(join(PAIRS, 'strongswan-testing-ikev2-net2net-psk'))) {
      console.log('    (skipped: ../shared/real-configs/pairs is not present)');
      this.skip();
    }
  });

  describe('ikev2/net2net-psk (UP)', () => {
    const S = 'strongswan-testing-ikev2-net2net-psk';
    it('moon: every value of the connection, its child and the key charon picks', () => {
      const moon = host(S, 'moon.swanctl.conf');
      const f = `${S}/moon.swanctl.conf`;
      const t = gw(moon);
      expect(moon.tunnels.map((x) => x.name)).to.deep.equal(['gw-gw']);
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'version = 2', origin: 'explicit', at: at(f, 27) });
      expect([t.localGateway?.value, t.remoteGateway.value]).to.deep.equal(['192.168.0.1', '192.168.0.2']);
      expect([t.auth.method.value, t.auth.localId?.value, t.auth.remoteId?.value]).to.deep.equal(['psk', 'moon.strongswan.org', 'sun.strongswan.org']);
      expect(t.phase1.proposals.value).to.deep.equal([{ encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [31] }]);
      // only reauth_time is set: rekeying is off and the IKE SA is renewed by reauthentication
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 10800, raw: 'reauth_time = 10800', unit: 'time-string', origin: 'explicit', at: at(f, 29) });
      expect([t.natt.mode.value, t.natt.keepaliveSeconds?.value, t.dpd.mode.value, t.initiates?.value]).to.deep.equal(['auto', 20, 'off', false]);
      const [net] = t.phase2;
      expect(net.name).to.equal('net-net');
      expect([net.localSelectors.value, net.remoteSelectors.value, net.mode.value]).to.deep.equal([['10.1.0.0/16'], ['10.2.0.0/16'], 'tunnel']);
      expect(net.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] }]);
      expect(net.pfsGroups.value).to.deep.equal([31]);
      expect(net.lifetimeSeconds).to.deep.equal({ value: 5400, raw: 'rekey_time = 5400', unit: 'time-string', origin: 'explicit', at: at(f, 21) });
      // rekey_bytes = 500000000 bytes
      expect(net.lifetimeKilobytes).to.deep.include({ value: 488281, origin: 'explicit' });
      // five secrets; ike-3 names both identities, so it wins (a base64 key)
      expect(t.auth.psk).to.deep.equal({
        value: fingerprintSecret('0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL'),
        raw: 'secret = <redacted>',
        origin: 'explicit',
        at: at(f, 46),
      });
    });

    it('0s (base64) and 0x (hex) keys fingerprint as the bytes they stand for', () => {
      const bytes = Buffer.from('v+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL', 'base64');
      expect(fingerprintSecret(`0x${bytes.toString('hex')}`)).to.equal(fingerprintSecret('0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL'));
      expect(fingerprintSecret('0x4142')).to.equal(fingerprintSecret('AB'));
      expect(fingerprintSecret('0sQUI=')).to.equal(fingerprintSecret('AB'));
    });

    it('moon and sun: the same key written the same way, mirrored selectors; compared clean but for recovery and reauthentication', () => {
      const moon = host(S, 'moon.swanctl.conf');
      const sun = host(S, 'sun.swanctl.conf');
      expect(gw(sun).auth.psk?.value).to.equal(gw(moon).auth.psk?.value);
      expect(gw(sun).phase2[0].localSelectors.value).to.deep.equal(['10.2.0.0/16']);
      // issue 16: neither starts the tunnel (the lab runs swanctl --initiate), both reauthenticate every 3h
      expect(gw(moon).phase1.renewal).to.deep.include({ value: 'reauth-make-before-break', origin: 'inferred' });
      expect(compareDevices(moon, sun).findings.map((f) => `${f.rule}:${f.severity}`)).to.deep.equal([
        'dpd-mismatch:warning',
        'ike-reauth-outage:info',
        'ike-reauth-outage:info',
      ]);
    });
  });

  describe('ikev2/net2net-psk-fail (DOWN: AUTHENTICATION_FAILED)', () => {
    it('the keys differ in their last four base64 characters: different fingerprints, psk-mismatch error', () => {
      const S = 'strongswan-testing-ikev2-net2net-psk-fail';
      const moon = host(S, 'moon.swanctl.conf');
      const sun = host(S, 'sun.swanctl.conf');
      expect(gw(moon).auth.psk?.value).to.equal(fingerprintSecret('0sv+NkxY9LLZvwj4qCC2o/gGrWDF2dxxxx'));
      expect(gw(sun).auth.psk?.value).to.equal(fingerprintSecret('0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL'));
      expect(errors(moon, sun).map((f) => f.rule)).to.deep.equal(['psk-mismatch']);
    });
  });

  describe('ikev1/net2net-psk (UP, version = 1)', () => {
    it('IKEv1 lifetimes are what charon proposes: reauth + over_time, child rekey + 10 %', () => {
      const S = 'strongswan-testing-ikev1-net2net-psk';
      const moon = host(S, 'moon.swanctl.conf');
      const sun = host(S, 'sun.swanctl.conf');
      const t = gw(moon);
      expect(t.ikeVersion.value).to.equal(1);
      expect(t.phase1.exchangeMode?.value).to.equal('main');
      expect(t.phase1.lifetimeSeconds).to.deep.include({ value: 11880, origin: 'inferred' });
      expect(t.phase2[0].lifetimeSeconds).to.deep.include({ value: 5940, origin: 'inferred' });
      expect(gw(sun).auth.psk?.value).to.equal(t.auth.psk?.value);
      // neither starts the tunnel (the lab runs swanctl --initiate): issue 16's recovery warning only
      expect(compareDevices(moon, sun).findings.map((f) => `${f.rule}:${f.severity}`)).to.deep.equal(['dpd-mismatch:warning']);
    });
  });

  describe('ikev2/net2net-rekey (UP, moon rekeys the CHILD_SA)', () => {
    it("moon's short child timers against sun's defaults: both IKEv2, no error", () => {
      const S = 'strongswan-testing-ikev2-net2net-rekey';
      const moon = host(S, 'moon.swanctl.conf');
      const sun = host(S, 'sun.swanctl.conf');
      expect(gw(moon).auth.method.value).to.equal('certificate');
      expect(gw(moon).phase2[0].lifetimeSeconds).to.deep.equal({
        value: 5,
        raw: 'rekey_time = 5s',
        unit: 'time-string',
        origin: 'explicit',
        at: at(`${S}/moon.swanctl.conf`, 22),
      });
      expect(gw(sun).phase2[0].lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'rekey_time = 1h', unit: 'time-string', origin: 'default' });
      expect([gw(moon).remoteGateway.value, gw(sun).remoteGateway.value]).to.deep.equal(['PH_IP_SUN', 'PH_IP_MOON']);
      expect(errors(moon, sun)).to.deep.equal([]);
    });
  });

  describe('ikev2/net2net-route-narrow (UP with narrowing)', () => {
    it('moon: net-2 inherits from net-1 (`net-2 : connections.gw-gw.children.net-1`) and overrides two keys', () => {
      const S = 'strongswan-testing-ikev2-net2net-route-narrow';
      const f = `${S}/moon.swanctl.conf`;
      const [net1, net2] = gw(host(S, 'moon.swanctl.conf')).phase2;
      expect([net1.name, net2.name]).to.deep.equal(['net-1', 'net-2']);
      expect(net1.localSelectors).to.deep.equal({ value: ['10.1.0.0/28'], raw: 'local_ts  = 10.1.0.0/28', origin: 'explicit', at: at(f, 18) });
      expect(net2.localSelectors).to.deep.equal({ value: ['10.1.0.16/28'], raw: 'local_ts  = 10.1.0.16/28', origin: 'explicit', at: at(f, 26) });
      // inherited from net-1, at net-1's line
      expect(net2.remoteSelectors).to.deep.equal({ value: ['10.2.0.0/16'], raw: 'remote_ts = 10.2.0.0/16', origin: 'explicit', at: at(f, 19) });
      expect(net1.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] }]);
      expect(net2.proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] }]);
      expect([net1.pfsGroups.value, net2.pfsGroups.value]).to.deep.equal([[31], [31]]);
    });

    it('sun: one wide child offering both ESP proposals, started on traffic (start_action = trap)', () => {
      const S = 'strongswan-testing-ikev2-net2net-route-narrow';
      const t = gw(host(S, 'sun.swanctl.conf'));
      expect(t.initiates?.value).to.equal(true);
      expect(t.phase2.map((p) => [p.name, p.localSelectors.value, p.remoteSelectors.value])).to.deep.equal([['net-net', ['10.2.0.0/16'], ['10.1.0.0/16']]]);
      expect(t.phase2[0].proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] },
      ]);
    });
  });

  describe('ikev2/stroke-net2net-psk (UP, ipsec.conf)', () => {
    it('conn %default timers; the per-host ipsec.secrets is found beside the per-host ipsec.conf; the keys agree', () => {
      const S = 'strongswan-testing-ikev2-stroke-net2net-psk';
      const moon = host(S, 'moon.ipsec.conf');
      const sun = host(S, 'sun.ipsec.conf');
      const t = tunnelNamed(moon, 'net-net');
      const f = `${S}/moon.ipsec.conf`;
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'keyexchange=ikev2', origin: 'explicit', at: at(f, 11) });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'ikelifetime=60m', unit: 'time-string', origin: 'explicit', at: at(f, 6) });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({ value: 1200, raw: 'keylife=20m', unit: 'time-string', origin: 'explicit', at: at(f, 7) });
      // rekeymargin=3m (margintime), rekeyfuzz not written (100 %): stroke_config.c renews IKE and CHILD
      // SAs 3m plus up to 3m before the lifetime, which is the hard limit
      const window = {
        lifetimeIs: 'hard',
        marginSeconds: 180,
        randSeconds: 180,
        overSeconds: 0,
        basis: 'strongSwan ipsec.conf: the rekey starts margintime (3m) plus up to 100 % of it (rekeyfuzz) before the lifetime, which is the hard limit',
      };
      expect(t.phase1.rekey).to.deep.equal(window);
      expect(t.phase2[0].rekey).to.deep.equal(window);
      // auto=add: both only answer (the harness runs `ipsec up` on moon)
      expect(t.initiates?.value).to.equal(false);
      // @moon @sun : PSK 0s… (line 3) beats the @moon %any hex key and the catch-alls
      expect(t.auth.psk).to.deep.include({ value: fingerprintSecret('0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL'), origin: 'explicit' });
      expect(tunnelNamed(sun, 'net-net').auth.psk?.value).to.equal(t.auth.psk?.value);
      expect(moon.diagnostics.map((d) => d.message)).to.not.include(
        'ipsec.secrets was not read: pre-shared keys are not compared (pass its text to parseIpsecConf)',
      );
      expect(errors(moon, sun)).to.deep.equal([]);
    });
  });

  it('SA listings (swanctl --list-sas, ipsec statusall, RouterOS print) are not configurations: detect stays 0', () => {
    const state = join(REAL_CONFIGS!, 'state');
    const files = ['strongswan', 'routeros'].flatMap((d) => readdirSync(join(state, d)).map((f) => join(state, d, f)));
    expect(files.length).to.be.greaterThan(8);
    for (const f of files) {
      const text = readText(f);
      expect([adapter.detect(text, f), routeros.detect(text, f)], f).to.deep.equal([0, 0]);
    }
  });
});
