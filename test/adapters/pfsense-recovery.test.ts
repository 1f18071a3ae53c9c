/**
 * pfSense / OPNsense legacy tunnels: the dead-peer action and IKE renewal (issue 16 part 2), read as
 * the generators write strongSwan's configuration (adapters/pfsense/recovery.ts cites each source):
 * real configs, the fixtures, and inline phase 1s, each firing case beside its quiet near-twin.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter as opnsense } from '../../adapters/opnsense/index.js';
import { adapter as pfsense } from '../../adapters/pfsense/index.js';
import type { TunnelEnd } from '../../src/model/types.js';
import { at, expectValid, fixturePath, parseFile, readText, REAL_CONFIGS, tunnelNamed } from '../helpers.js';

const PSK = '<authentication_method>pre_shared_key</authentication_method><pre-shared-key>k1</pre-shared-key>';
const AES =
  '<encryption><item><encryption-algorithm><name>aes</name><keylen>256</keylen></encryption-algorithm><hash-algorithm>sha256</hash-algorithm><dhgroup>14</dhgroup></item></encryption>';
const DPD = '<dpd_delay>10</dpd_delay><dpd_maxfail>5</dpd_maxfail>';
const P2 = (mode: string) =>
  `<phase2><ikeid>1</ikeid><mode>${mode}</mode><localid><type>network</type><address>10.1.0.0</address><netbits>24</netbits></localid><remoteid><type>network</type><address>10.9.0.0</address><netbits>16</netbits></remoteid><protocol>esp</protocol><encryption-algorithm-option><name>aes</name><keylen>128</keylen></encryption-algorithm-option><hash-algorithm-option>hmac_sha256</hash-algorithm-option></phase2>`;

/** One phase 1 (line 6) in a pfSense 2.5+ config.xml; `ipsecExtra` goes inside <ipsec> after it. */
function pf(phase1: string, ipsecExtra = P2('tunnel')): TunnelEnd {
  const text = [
    '<?xml version="1.0"?>',
    '<pfsense>',
    '<version>23.3</version>',
    '<interfaces><wan><ipaddr>198.51.100.2</ipaddr><subnet>28</subnet></wan></interfaces>',
    '<ipsec>',
    `<phase1><ikeid>1</ikeid><interface>wan</interface><remote-gateway>203.0.113.10</remote-gateway><iketype>ikev2</iketype>${AES}${PSK}${phase1}</phase1>`,
    ipsecExtra,
    '</ipsec>',
    '</pfsense>',
    '',
  ].join('\n');
  const d = pfsense.parse(text, 'p.xml');
  expectValid(d);
  return d.tunnels[0];
}

/** One legacy phase 1 (line 5) in an OPNsense ≥ 23.1 config.xml (a <Swanctl> model says the release). */
function opn(phase1: string, mvc = ''): TunnelEnd {
  const text = [
    '<?xml version="1.0"?>',
    '<opnsense>',
    '<interfaces><wan><ipaddr>198.51.100.2</ipaddr><subnet>28</subnet></wan></interfaces>',
    '<ipsec><enable>1</enable>',
    `<phase1><ikeid>1</ikeid><interface>wan</interface><remote-gateway>203.0.113.10</remote-gateway><iketype>ikev2</iketype>${AES}${PSK}${phase1}</phase1>`,
    P2('tunnel'),
    '</ipsec>',
    `<OPNsense><Swanctl version="1.0.0"/>${mvc}</OPNsense>`,
    '</opnsense>',
    '',
  ].join('\n');
  const d = opnsense.parse(text, 'o.xml');
  expectValid(d);
  return d.tunnels[0];
}

/** One OPNsense Connection (line 5) with one child (line 7) — the swanctl model of 23.1+. */
function conn(connection: string, childFields: string): TunnelEnd {
  const text = [
    '<?xml version="1.0"?>',
    '<opnsense>',
    '<ipsec><enable>1</enable></ipsec>',
    '<OPNsense><Swanctl version="1.0.0">',
    `<Connections><Connection uuid="c1"><enabled>1</enabled><local_addrs>203.0.113.10</local_addrs><remote_addrs>198.51.100.2</remote_addrs><version>2</version>${connection}</Connection></Connections>`,
    '<locals><local uuid="l1"><enabled>1</enabled><connection>c1</connection><round>0</round><auth>psk</auth><id/></local></locals>',
    `<children><child uuid="k1"><enabled>1</enabled><connection>c1</connection>${childFields}</child></children>`,
    '</Swanctl></OPNsense>',
    '</opnsense>',
    '',
  ].join('\n');
  const d = opnsense.parse(text, 'c.xml');
  expectValid(d);
  return d.tunnels[0];
}

describe('pfSense/OPNsense dead-peer action and IKE renewal (issue 16)', () => {
  describe('pfSense ≥ 2.5 (ipsec.inc ipsec_setup_tunnels)', () => {
    it('DPD on, nothing else: dpd_action = trap → hold; quiet twin: DPD off sets no action', () => {
      expect(pf(DPD).dpd.action).to.deep.equal({ value: 'hold', raw: 'dpd_action = trap', origin: 'default' });
      expect(pf('').dpd.action).to.equal(undefined);
    });
    it('<closeaction>start</closeaction> → restart; <closeaction>none</closeaction> is clear, but the default trap start keeps the policy → hold', () => {
      expect(pf(`${DPD}<closeaction>start</closeaction>`).dpd.action).to.deep.equal({
        value: 'restart',
        raw: '<closeaction>start</closeaction> (dpd_action from <closeaction>)',
        origin: 'inferred',
        at: at('p.xml', 6),
      });
      expect(pf(`${DPD}<closeaction>none</closeaction>`).dpd.action?.value).to.equal('hold');
    });
    it('a responder-only end (<startaction>none</startaction>) with <closeaction>none</closeaction> clears; without the close action it still traps (hold)', () => {
      expect(pf(`${DPD}<startaction>none</startaction><closeaction>none</closeaction>`).dpd.action?.value).to.equal('clear');
      expect(pf(`${DPD}<startaction>none</startaction>`).dpd.action?.value).to.equal('hold');
    });
    it('a VTI phase 2 turns trap into restart; mobile clears', () => {
      expect(pf(DPD, P2('vti')).dpd.action).to.deep.equal({
        value: 'restart',
        raw: '<mode>vti</mode> (a VTI child: dpd_action = restart)',
        origin: 'inferred',
        at: at('p.xml', 7),
      });
      expect(pf(`${DPD}<mobile/>`).dpd.action?.value).to.equal('clear');
    });
    it('renewal: IKEv2 rekeys (rekey_time 14400 by default); a reauth_time before the rekey_time reauthenticates, make-before-break only with <makebeforebreak/>', () => {
      expect(pf('').phase1.renewal).to.deep.equal({ value: 'rekey', raw: 'rekey_time = 14400', origin: 'default' });
      expect(pf('<reauth_time>3600</reauth_time>').phase1.renewal).to.deep.equal({
        value: 'reauth',
        raw: '<reauth_time>3600</reauth_time> (reauth_time = 3600; charon.make_before_break not set: break-before-make)',
        origin: 'inferred',
        at: at('p.xml', 6),
      });
      expect(pf('<reauth_time>3600</reauth_time>', `${P2('tunnel')}<makebeforebreak/>`).phase1.renewal?.value).to.equal('reauth-make-before-break');
      // a reauth_time after the rekey_time: the rekey comes first
      expect(pf('<rekey_time>3000</rekey_time><reauth_time>3600</reauth_time>').phase1.renewal?.value).to.equal('rekey');
    });
  });

  describe('OPNsense ≥ 23.1 legacy (plugins.inc.d/ipsec.inc)', () => {
    it('DPD on with the default start (trap): dpd_action = start → restart; <auto>add</auto> → clear', () => {
      expect(opn(DPD).dpd.action).to.deep.equal({ value: 'restart', raw: 'dpd_action = start (start_action = trap)', origin: 'default' });
      expect(opn(`${DPD}<auto>add</auto>`).dpd.action).to.deep.equal({
        value: 'clear',
        raw: '<auto>add</auto> (dpd_action = clear (strongSwan default))',
        origin: 'inferred',
        at: at('o.xml', 5),
      });
    });
    it('<dpd_action>clear</dpd_action> with the trap start → hold; quiet twin with <auto>start</auto> → clear', () => {
      expect(opn(`${DPD}<dpd_action>clear</dpd_action>`).dpd.action?.value).to.equal('hold');
      expect(opn(`${DPD}<dpd_action>clear</dpd_action><auto>start</auto>`).dpd.action?.value).to.equal('clear');
    });
    it('renewal: lifetime + margintime write a reauth_time → reauth (break-before-make unless make_before_break = 1); <reauth_enable/> → rekey; <rekey_enable/> → none written', () => {
      const lm = '<lifetime>28800</lifetime><margintime>900</margintime>';
      expect(opn(lm).phase1.renewal).to.deep.equal({
        value: 'reauth',
        raw: '<margintime>900</margintime> (reauth_time = lifetime − margintime; charon.make_before_break not set: break-before-make)',
        origin: 'inferred',
        at: at('o.xml', 5),
      });
      expect(opn(lm, '<IPsec version="1.0.4"><charon><make_before_break>1</make_before_break></charon></IPsec>').phase1.renewal?.value).to.equal(
        'reauth-make-before-break',
      );
      expect(opn(`${lm}<reauth_enable/>`).phase1.renewal?.value).to.equal('rekey');
      expect(opn(`${lm}<rekey_enable/>`).phase1.renewal).to.equal(undefined);
      expect(opn('').phase1.renewal).to.deep.equal({ value: 'rekey', raw: 'rekey_time (no reauth_time written)', origin: 'default' });
    });
  });

  describe('OPNsense Connections (Swanctl.xml: written to swanctl.conf as is)', () => {
    it('connections-25.1.xml HQ: <dpd_action>start</dpd_action> → restart; <rekey_time>25200</rekey_time> → rekey', () => {
      const t = tunnelNamed(parseFile(opnsense, fixturePath('opnsense', 'connections-25.1.xml')), 'HQ');
      expect(t.dpd.action).to.deep.equal({
        value: 'restart',
        raw: '<dpd_action>start</dpd_action>',
        origin: 'explicit',
        at: at('fixtures/opnsense/connections-25.1.xml', 219),
      });
      expect(t.phase1.renewal).to.deep.equal({
        value: 'rekey',
        raw: '<rekey_time>25200</rekey_time>',
        origin: 'explicit',
        at: at('fixtures/opnsense/connections-25.1.xml', 92),
      });
    });
    it('<dpd_action>clear</dpd_action> with <start_action>trap</start_action> → hold; quiet twin with start → clear', () => {
      expect(conn('<dpd_delay>10</dpd_delay>', '<start_action>trap</start_action><dpd_action>clear</dpd_action>').dpd.action).to.deep.equal({
        value: 'hold',
        raw: '<dpd_action>clear</dpd_action> (<start_action>trap</start_action> keeps the trap policy)',
        origin: 'inferred',
        at: at('c.xml', 7),
      });
      expect(conn('<dpd_delay>10</dpd_delay>', '<start_action>start</start_action><dpd_action>clear</dpd_action>').dpd.action).to.deep.equal({
        value: 'clear',
        raw: '<dpd_action>clear</dpd_action>',
        origin: 'explicit',
        at: at('c.xml', 7),
      });
      expect(conn('<dpd_delay>0</dpd_delay>', '<dpd_action>start</dpd_action>').dpd.action).to.equal(undefined);
    });
    it('a <reauth_time> with no rekey_time reauthenticates (break-before-make); a shorter <rekey_time> beside it rekeys', () => {
      expect(conn('<reauth_time>3600</reauth_time>', '').phase1.renewal).to.deep.equal({
        value: 'reauth',
        raw: '<reauth_time>3600</reauth_time> (charon.make_before_break not set: break-before-make)',
        origin: 'inferred',
        at: at('c.xml', 5),
      });
      expect(conn('<reauth_time>3600</reauth_time><rekey_time>1800</rekey_time>', '').phase1.renewal?.value).to.equal('rekey');
    });
  });

  describe('ipsec.conf generators (pfSense ≤ 2.4, OPNsense ≤ 22.7)', () => {
    it('OPNsense 21.7 fixture: <dpd_action>restart</dpd_action> as written; IKEv2 reauth = yes (break-before-make)', () => {
      const t = tunnelNamed(parseFile(opnsense, fixturePath('opnsense', 'legacy-21.7.xml')), 'AWS VPC');
      expect(t.dpd.action).to.deep.equal({
        value: 'restart',
        raw: '<dpd_action>restart</dpd_action>',
        origin: 'explicit',
        at: at('fixtures/opnsense/legacy-21.7.xml', 61),
      });
      expect(t.phase1.renewal).to.deep.equal({ value: 'reauth', raw: 'reauth = yes (ipsec.conf, break-before-make)', origin: 'default' });
    });
    it('pfSense 2.4 fixture: auto = route → restart; an IKEv1 end rekeys; a tunnel without DPD has no action', () => {
      const d = parseFile(pfsense, fixturePath('pfsense', 'store-2.4.xml'));
      expect(tunnelNamed(d, 'HQ').dpd.action).to.deep.equal({ value: 'restart', raw: 'vpn.inc 2.4: auto = route → dpdaction = restart', origin: 'default' });
      expect(tunnelNamed(d, 'HQ').phase1.renewal?.value).to.equal('rekey');
      expect(tunnelNamed(d, 'Staff remote access').dpd.action).to.equal(undefined);
    });
  });

  describe('real configs (../shared/real-configs/pfsense)', () => {
    it('pfsensible 2.4 and 22.2 configs: restart / hold, and the 2.5.0 tunnel’s <reauth_time>1000 → reauth', function () {
      if (!REAL_CONFIGS) this.skip();
      const old = join(REAL_CONFIGS!, 'pfsense', 'pfsensible-ipsec-config-2.4-v18.9.xml');
      const t24 = tunnelNamed(pfsense.parse(readText(old), old), 'test_tunnel');
      expect([t24.dpd.action?.value, t24.phase1.renewal?.value]).to.deep.equal(['restart', 'reauth']);
      const f = join(REAL_CONFIGS!, 'pfsense', 'pfsensible-ipsec-config-v22.2.xml');
      const d = pfsense.parse(readText(f), f);
      expect(tunnelNamed(d, 'test_tunnel').dpd.action?.value).to.equal('hold');
      expect(tunnelNamed(d, 'test_tunnel').phase1.renewal).to.deep.equal({
        value: 'rekey',
        raw: '<rekey_time>25000</rekey_time>',
        origin: 'explicit',
        at: at(f, 1310),
      });
      const t25 = tunnelNamed(d, 'test_tunnel_2_5_0');
      expect(t25.phase1.renewal?.value).to.equal('reauth');
      expect(t25.phase1.renewal?.at).to.deep.equal(at(f, 1373));
    });
  });
});
