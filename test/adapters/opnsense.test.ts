/** OPNsense adapter: legacy tunnels (shared with pfSense) and Connections (Swanctl): values, lines, bad input, secrets, fixes. */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter } from '../../adapters/opnsense/index.js';
import { validateDevice } from '../../src/model/schema.js';
import { adapterById } from '../../adapters/index.js';
import { strongswanDefaultEsp, strongswanDefaultIke } from '../../src/model/proposal-strings.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { FixRequest } from '../../src/model/adapter.js';
import type { Device } from '../../src/model/types.js';
import { filesUnder, fixturePath, parseFile, readText, REAL_CONFIGS, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

const LEGACY = 'fixtures/opnsense/legacy-21.7.xml';
const CONN = 'fixtures/opnsense/connections-25.1.xml';

function parsed(name: string): Device {
  const device = parseFile(adapter, fixturePath('opnsense', name));
  expectValid(device);
  return device;
}

/** A minimal OPNsense config with one connection (inline cases). */
function swanctl(connection: string, children = '', locals = ''): string {
  return [
    '<?xml version="1.0"?>',
    '<opnsense>',
    '<ipsec><enable>1</enable></ipsec>',
    '<OPNsense><Swanctl version="1.0.0">',
    `<Connections><Connection uuid="c1"><enabled>1</enabled><local_addrs>203.0.113.10</local_addrs><remote_addrs>198.51.100.2</remote_addrs>${connection}</Connection></Connections>`,
    `<locals>${locals}</locals>`,
    `<children>${children}</children>`,
    '</Swanctl></OPNsense>',
    '</opnsense>',
    '',
  ].join('\n');
}

describe('opnsense adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('opnsense')).to.equal(adapter);
  });

  it('detects an <opnsense> root, and nothing else', () => {
    expect(adapter.detect(readText(fixturePath('opnsense', 'connections-25.1.xml')), 'config.xml')).to.equal(1);
    expect(adapter.detect(readText(fixturePath('pfsense', 'hq-2.7.xml')), 'config.xml')).to.equal(0);
    expect(adapter.detect('crypto map OUTSIDE 10 match address VPN\n', 'asa.txt')).to.equal(0);
  });

  describe('legacy tunnels (legacy-21.7.xml), read by the shared pfSense code', () => {
    const d = parsed('legacy-21.7.xml');

    it('says what it did, each with its line', () => {
      expect(d.vendor).to.equal('opnsense');
      expect(d.hostname).to.equal('opn-dc.corp.example');
      expect(d.diagnostics.map((x) => `${x.level} ${x.at?.line} ${x.message}`)).to.deep.equal([
        'info 157 lifetimes read with OPNsense ≤ 22.7 (ipsec.conf) semantics: <lifetime> as written (3h / 1h when empty), the shortest phase 2 lifetime of a phase 1 applies to all its phase 2s (<IPsec version="1.0.0"> without <Swanctl>: OPNsense 22.7 or earlier)',
        'info 87 IKEv2 without "Tunnel isolation": the 2 phase 2 entries form one CHILD_SA (every local × every remote network, proposals merged); enable "Tunnel isolation" for one CHILD_SA per entry',
        "info 87 phase 2 'DC to VPC' runs with lifetime 3600 s, the shortest phase 2 lifetime of its phase 1 (line 115), not its own 7200 s",
        "info 83 phase 1 'Old Cisco branch' is disabled",
      ]);
    });

    it('comma lists of hashes and DH groups are one proposal with alternatives', () => {
      const t = tunnel(d, 'AWS VPC');
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes256'], integrity: ['sha256', 'sha512'], prf: [], dhGroups: [14, 19] }],
        raw: '<encryption-algorithm><name>aes</name><keylen>256</keylen></encryption-algorithm> <hash-algorithm>sha256,sha512</hash-algorithm> <dhgroup>14,19</dhgroup>',
        origin: 'explicit',
        at: at(LEGACY, 46),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: '<lifetime>28800</lifetime>',
        unit: 'seconds',
        origin: 'explicit',
        at: at(LEGACY, 50),
      });
      expect(t.remoteGateway).to.deep.equal({
        value: '203.0.113.200',
        raw: '<remote-gateway>203.0.113.200</remote-gateway>',
        origin: 'explicit',
        at: at(LEGACY, 58),
      });
      expect(t.dpd.retries).to.deep.equal({ value: 3, raw: '<dpd_maxfail>3</dpd_maxfail>', origin: 'explicit', at: at(LEGACY, 60) });
    });

    it('one CHILD_SA for both phase 2s: proposals and PFS groups merged, the shortest lifetime for all', () => {
      const [dc, lab] = tunnel(d, 'AWS VPC').phase2;
      const merged = [
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
        { protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] },
      ];
      expect(dc.proposals.value).to.deep.equal(merged);
      expect(dc.proposals.origin).to.equal('inferred');
      expect(lab.proposals.value).to.deep.equal(merged);
      expect(dc.pfsGroups).to.deep.equal({ value: [14, 19], raw: '<pfsgroup>14</pfsgroup> <pfsgroup>19</pfsgroup>', origin: 'inferred', at: at(LEGACY, 91) });
      expect(dc.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '<lifetime>3600</lifetime>', unit: 'seconds', origin: 'inferred', at: at(LEGACY, 115) });
      expect(lab.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '<lifetime>3600</lifetime>', unit: 'seconds', origin: 'explicit', at: at(LEGACY, 115) });
      expect(dc.localSelectors.value).to.deep.equal(['10.1.0.0/16']);
      expect(lab.localSelectors.value).to.deep.equal(['10.2.0.0/16']);
    });

    it('a disabled phase 1 (<disabled>1</disabled>), <auto>add</auto> = responder only', () => {
      const t = tunnel(d, 'Old Cisco branch');
      expect(t.enabled).to.equal(false);
      expect(t.initiates).to.deep.equal({ value: false, raw: '<auto>add</auto>', origin: 'explicit', at: at(LEGACY, 80) });
      expect(t.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['3des'], integrity: ['md5'] }]);
    });
  });

  describe('legacy tunnels on 23.1 and later (legacy-25.1.xml): swanctl.conf, so strongSwan defaults and margins', () => {
    const L25 = 'fixtures/opnsense/legacy-25.1.xml';
    const d = parsed('legacy-25.1.xml');

    it('tells the release by its models and says which semantics it used', () => {
      expect(d.diagnostics[0]).to.deep.equal({
        level: 'info',
        message:
          'lifetimes read with OPNsense ≥ 23.1 (swanctl.conf) semantics: the phase 1 <lifetime> counts only with a <margintime> (else strongSwan rekeys after 4h), a phase 2 <lifetime> is the child life_time (1h rekey when empty), IKEv1 for anything but <iketype>ikev2 (<Swanctl version="1.0.0">: OPNsense 23.1 or later)',
        at: at(L25, 213),
      });
    });

    it('windows: IKEv2 with margintime and rekeyfuzz renews margintime plus up to rand_time before the lifetime (clamped to the rekey time)', () => {
      // the Partner phase 1 of this fixture as IKEv2: ipsec.inc writes rekey_time = reauth_time = 28800 − 540,
      // over_time 540, rand_time 540 × 100 = 54000, which charon clamps to the rekey time (peer_cfg.c)
      const v2 = adapter.parse(readText(fixturePath('opnsense', 'legacy-25.1.xml')).replace('<iketype>ikev1</iketype>', '<iketype>ikev2</iketype>'), L25);
      const t = tunnel(v2, 'Partner');
      expect(t.phase1.lifetimeSeconds.value).to.equal(28800);
      expect(t.phase1.rekey).to.include({ lifetimeIs: 'hard', marginSeconds: 540, randSeconds: 28260, overSeconds: 0 });
      // the child: life_time 3600, rekey_time 3060, rand_time 54000 clamped to 3060 (child_cfg.c)
      expect(t.phase2.map((p) => [p.lifetimeSeconds.value, p.rekey?.lifetimeIs, p.rekey?.marginSeconds, p.rekey?.randSeconds])).to.deep.equal([
        [3600, 'hard', 540, 3060],
      ]);
      // without margins (Cloud): strongSwan's 4h rekey and its default window
      expect(tunnel(d, 'Cloud').phase1.rekey).to.include({ lifetimeIs: 'rekey', randSeconds: 1440, overSeconds: 1440 });
      expect(tunnel(d, 'Cloud').phase2.map((p) => p.rekey)).to.deep.equal([undefined, undefined]);
    });

    it('a <lifetime> without <margintime> is not written: strongSwan rekeys the IKE SA after 4h (defect 4)', () => {
      const t = tunnel(d, 'Cloud');
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 14400,
        raw: '<lifetime>28800</lifetime> (not used without <margintime>: strongSwan rekey_time 14400s)',
        unit: 'seconds',
        origin: 'inferred',
        at: at(L25, 48),
      });
      expect(d.diagnostics.filter((x) => x.at?.line === 48).map((x) => x.level)).to.deep.equal(['warning']);
    });

    it('with <margintime> and <rekeyfuzz> the lifetime is used (IKEv1 proposes rekey + over = the lifetime); rand_time = margin × fuzz is noted', () => {
      const t = tunnel(d, 'Partner');
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 28800,
        raw: '<lifetime>28800</lifetime> <margintime>540</margintime> <rekeyfuzz>100</rekeyfuzz>',
        unit: 'seconds',
        origin: 'explicit',
        at: at(L25, 72),
      });
      expect(d.diagnostics.find((x) => x.at?.line === 71)?.message).to.equal(
        'rand_time = <margintime> × <rekeyfuzz> = 54000s (OPNsense multiplies by the percentage), more than the rekey time: strongSwan rekeys at a random moment anywhere before 28260s',
      );
    });

    it('<iketype>ike</iketype> ("auto") is IKEv1 from 23.1 on; with no timer at all IKEv1 proposes 4h + 10 %', () => {
      const t = tunnel(d, 'Shop');
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: '<iketype>ike</iketype>', origin: 'inferred', at: at(L25, 84) });
      expect(t.ikeVersionsAccepted).to.equal(undefined);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 15840,
        raw: 'strongSwan rekey_time 14400s + over_time 1440s (OPNsense writes no IKE timer)',
        unit: 'seconds',
        origin: 'default',
      });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({ value: 3960, raw: 'life_time = 3960s (strongSwan)', unit: 'seconds', origin: 'default' });
    });

    it('phase 2: <lifetime> is the child life_time; a merged IKEv2 child takes the smallest written one', () => {
      const [lan, servers] = tunnel(d, 'Cloud').phase2;
      expect(lan.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '<lifetime>3600</lifetime>', unit: 'seconds', origin: 'explicit', at: at(L25, 107) });
      expect(servers.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '<lifetime>3600</lifetime>', unit: 'seconds', origin: 'inferred', at: at(L25, 107) });
    });

    it('fix: the phase 1 lifetime comes with the margin the generator needs, and re-read it is the target', () => {
      const t = tunnel(d, 'Cloud');
      const text = adapter.fix({ field: 'phase1.lifetimeSeconds', device: d, tunnel: t, target: 28800 });
      expect(text).to.equal(
        'VPN › IPsec › Tunnel Settings [legacy] › Phase 1 "Cloud" › Lifetime: 28800, Margintime: 360, Rekeyfuzz: 1  (<lifetime>28800</lifetime> <margintime>360</margintime> <rekeyfuzz>1</rekeyfuzz>) — OPNsense 23.1 and later use the lifetime only together with a margin',
      );
      // apply the three elements to the Cloud phase 1 and read the file again
      const fixed = readText(fixturePath('opnsense', 'legacy-25.1.xml')).replace(
        '      <lifetime>28800</lifetime>\n      <pre-shared-key>cloud',
        '      <margintime>360</margintime>\n      <rekeyfuzz>1</rekeyfuzz>\n      <lifetime>28800</lifetime>\n      <pre-shared-key>cloud',
      );
      const again = tunnel(adapter.parse(fixed, 'fixed.xml'), 'Cloud');
      expect(again.phase1.lifetimeSeconds.value).to.equal(28800);
      expect(again.phase1.lifetimeSeconds.origin).to.equal('explicit');
      // the phase 2 values do not move: their rekey comes 360 s before the same life_time
      expect(again.phase2.map((p) => p.lifetimeSeconds.value)).to.deep.equal([3600, 3600]);
      const partner = tunnel(d, 'Partner');
      expect(adapter.fix({ field: 'phase1.lifetimeSeconds', device: d, tunnel: partner, target: 86400 })).to.equal(
        'VPN › IPsec › Tunnel Settings [legacy] › Phase 1 "Partner" › Lifetime: 86400  (<lifetime>86400</lifetime>)',
      );
    });

    it('the release markers: <Swanctl>, <IPsec version>, or nothing (assumed, a warning)', () => {
      const legacy = (mvc: string) =>
        `<?xml version="1.0"?>\n<opnsense>\n<ipsec><enable>1</enable><phase1><ikeid>1</ikeid><iketype>ikev2</iketype><remote-gateway>192.0.2.1</remote-gateway><authentication_method>pre_shared_key</authentication_method><pre-shared-key>k</pre-shared-key><encryption-algorithm><name>aes256gcm16</name></encryption-algorithm><hash-algorithm>sha256</hash-algorithm><dhgroup>14</dhgroup></phase1></ipsec>\n${mvc}</opnsense>\n`;
      const life = (mvc: string) => adapter.parse(legacy(mvc), 'x.xml').tunnels[0].phase1.lifetimeSeconds;
      expect(life('<OPNsense><IPsec version="1.0.1"/></OPNsense>\n')).to.deep.include({ value: 14400, origin: 'default' });
      expect(life('<OPNsense><IPsec version="1.0.0"/></OPNsense>\n')).to.deep.include({ value: 10800, origin: 'default' });
      expect(life('<OPNsense><Interfaces/></OPNsense>\n')).to.deep.include({ value: 10800, origin: 'default' });
      const bare = adapter.parse(legacy(''), 'x.xml');
      expect(bare.tunnels[0].phase1.lifetimeSeconds).to.deep.include({ value: 14400, origin: 'default' });
      expect(bare.diagnostics[0].level).to.equal('warning');
      expect(bare.diagnostics[0].message).to.contain('no <OPNsense> section to tell the release by: the generator of 23.1 and later: assumed');
    });
  });

  describe('Connections (connections-25.1.xml)', () => {
    const d = parsed('connections-25.1.xml');

    it('IKEv2: the earlier of <rekey_time> and <reauth_time> renews the IKE SA; a lone <reauth_time>0 turns both off', () => {
      const text = readText(fixturePath('opnsense', 'connections-25.1.xml'));
      const earlier = adapter.parse(
        text.replace('<reauth_time/>\n          <rekey_time>25200</rekey_time>', '<reauth_time>7200</reauth_time>\n          <rekey_time>25200</rekey_time>'),
        CONN,
      );
      expect(tunnel(earlier, 'HQ').phase1.lifetimeSeconds).to.deep.include({ value: 7200, origin: 'explicit', at: at(CONN, 91) });
      const later = adapter.parse(
        text.replace('<reauth_time/>\n          <rekey_time>25200</rekey_time>', '<reauth_time>86400</reauth_time>\n          <rekey_time>25200</rekey_time>'),
        CONN,
      );
      expect(tunnel(later, 'HQ').phase1.lifetimeSeconds).to.deep.include({ value: 25200, origin: 'explicit', at: at(CONN, 92) });
      const off = adapter.parse(
        text.replace('<reauth_time/>\n          <rekey_time>25200</rekey_time>', '<reauth_time>0</reauth_time>\n          <rekey_time/>'),
        CONN,
      );
      expect(tunnel(off, 'HQ').phase1.lifetimeSeconds.value).to.equal(0);
    });

    it('lists connections in order and says what it did', () => {
      expect(d.hostname).to.equal('opn-lyon.corp.example');
      expect(d.tunnels.map((t) => `${t.name}:${t.phase2.map((p) => p.name).join(',')}`)).to.deep.equal([
        'HQ:Lyon LAN to HQ',
        'Road warriors:RW full tunnel',
        'Supplier (paused):Supplier EDI',
      ]);
      expect(d.diagnostics.map((x) => `${x.level} ${x.at?.line} ${x.message}`)).to.deep.equal([
        "warning 277 <child> refers to connection '0f0f0f0f-dead-4bee-8f00-000000000000', which is not defined under <Connections>: it is not used",
        "info 252 child 'bypass LAN' is a pass policy, not an IPsec SA: not compared",
        "info 119 connection 'Road warriors' hands out addresses from pool(s) rw-pool: a remote-access server, its remote selectors are the pool",
        "warning 125 no pre-shared key under <preSharedKeys> names this connection's identities (203.0.113.10, 192.0.2.99)",
        "info 126 connection 'Supplier (paused)' is disabled",
      ]);
    });

    it('HQ: addresses, version, strongSwan proposal strings, rekey time, DPD, encap', () => {
      const t = tunnel(d, 'HQ');
      expect(t.at).to.deep.equal(at(CONN, 79));
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: '<version>2</version>', origin: 'explicit', at: at(CONN, 84) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.10', raw: '<local_addrs>203.0.113.10</local_addrs>', origin: 'explicit', at: at(CONN, 86) });
      expect(t.remoteGateway).to.deep.equal({ value: '198.51.100.2', raw: '<remote_addrs>198.51.100.2</remote_addrs>', origin: 'explicit', at: at(CONN, 88) });
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
          { encryption: ['aes128gcm16'], integrity: [], prf: ['prfsha256'], dhGroups: [19] },
        ],
        raw: '<proposals>aes256-sha256-modp2048,aes128gcm16-prfsha256-ecp256</proposals>',
        origin: 'explicit',
        at: at(CONN, 81),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 25200,
        raw: '<rekey_time>25200</rekey_time>',
        unit: 'seconds',
        origin: 'explicit',
        at: at(CONN, 92),
      });
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: '<encap>0</encap>', origin: 'explicit', at: at(CONN, 90) });
      expect(t.dpd).to.deep.equal({
        mode: { value: 'periodic', raw: '<dpd_delay>10</dpd_delay>', origin: 'explicit', at: at(CONN, 94) },
        delaySeconds: { value: 10, raw: '<dpd_delay>10</dpd_delay>', unit: 'seconds', origin: 'explicit', at: at(CONN, 94) },
        action: { value: 'restart', raw: '<dpd_action>start</dpd_action>', origin: 'explicit', at: at(CONN, 219) },
      });
      expect(t.initiates).to.deep.equal({ value: true, raw: '<start_action>start</start_action>', origin: 'explicit', at: at(CONN, 217) });
    });

    it('HQ: PSK auth; the key is found under <preSharedKeys> by local and remote identity', () => {
      const t = tunnel(d, 'HQ');
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: '<auth>psk</auth>', origin: 'explicit', at: at(CONN, 154) });
      expect(t.auth.psk).to.deep.equal({ value: pskFingerprint('Lyon-PSK-9f2e!x&42'), raw: '<Key><redacted></Key>', origin: 'explicit', at: at(CONN, 65) });
      expect(t.auth.localId).to.deep.equal({ value: '203.0.113.10', raw: '<local_addrs>203.0.113.10</local_addrs>', origin: 'inferred', at: at(CONN, 86) });
      expect(t.auth.remoteId).to.deep.equal({ value: '198.51.100.2', raw: '<id>198.51.100.2</id>', origin: 'explicit', at: at(CONN, 190) });
    });

    it('HQ child: CIDR lists, PFS from the DH group in esp_proposals, rekey time', () => {
      const p = tunnel(d, 'HQ').phase2[0];
      expect(p.at).to.deep.equal(at(CONN, 211));
      expect(p.localSelectors).to.deep.equal({ value: ['10.50.0.0/16'], raw: '<local_ts>10.50.0.0/16</local_ts>', origin: 'explicit', at: at(CONN, 222) });
      expect(p.remoteSelectors).to.deep.equal({
        value: ['192.168.10.0/24', '172.16.20.0/24'],
        raw: '<remote_ts>192.168.10.0/24,172.16.20.0/24</remote_ts>',
        origin: 'explicit',
        at: at(CONN, 223),
      });
      expect(p.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
        { protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] },
      ]);
      expect(p.pfsGroups).to.deep.equal({
        value: [14],
        raw: '<esp_proposals>aes256-sha256-modp2048,aes128gcm16-modp2048</esp_proposals>',
        origin: 'explicit',
        at: at(CONN, 215),
      });
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '<rekey_time>3600</rekey_time>', unit: 'seconds', origin: 'explicit', at: at(CONN, 224) });
      // Swanctl.xml children have no byte limits (rekey_bytes/life_bytes are not fields in 23.1 – 26.7)
      expect(p.lifetimeKilobytes).to.deep.equal({ value: 0, raw: '(no data-volume lifetime in OPNsense Connections)', unit: 'bytes', origin: 'default' });
    });

    it('Road warriors: `default` proposals expand to strongSwan’s set, EAP, the pool is the remote side', () => {
      const t = tunnel(d, 'Road warriors');
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: '<remote_addrs>%any</remote_addrs>', origin: 'default' });
      expect(t.phase1.proposals).to.deep.equal({ value: strongswanDefaultIke(), raw: '<proposals>default</proposals>', origin: 'explicit', at: at(CONN, 104) });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 14400, raw: '<rekey_time>14400</rekey_time>', unit: 'seconds', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'eap', raw: '<auth>pubkey</auth> <auth>eap-mschapv2</auth>', origin: 'explicit', at: at(CONN, 165) });
      expect(t.auth.psk).to.equal(undefined);
      expect(t.auth.localId?.value).to.equal('vpn.lyon.corp.example');
      expect(t.initiates?.value).to.equal(false);
      const p = t.phase2[0];
      expect(p.remoteSelectors).to.deep.equal({
        value: ['10.99.0.0/24'],
        raw: '<remote_ts/> → <pools>rw-pool</pools> → <addrs>10.99.0.0/24</addrs>',
        origin: 'inferred',
        at: at(CONN, 119),
      });
      expect(p.proposals.value).to.deep.equal(strongswanDefaultEsp());
      expect(p.pfsGroups.value).to.deep.equal([0]);
      // Swanctl.xml: a child's rekey_time is Required with default 3600, so the GUI always writes it
      expect(p.lifetimeSeconds).to.deep.equal({ value: 3600, raw: '<rekey_time>3600</rekey_time>', unit: 'seconds', origin: 'explicit', at: at(CONN, 240) });
    });

    it('Supplier (IKEv1, disabled): aggressive, forced encapsulation, lifetimes as proposed (rekey + 10 %)', () => {
      const t = tunnel(d, 'Supplier (paused)');
      expect(t.enabled).to.equal(false);
      expect(t.ikeVersion.value).to.equal(1);
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'aggressive', raw: '<aggressive>1</aggressive>', origin: 'explicit', at: at(CONN, 129) });
      expect(t.natt.mode).to.deep.equal({ value: 'forced', raw: '<encap>1</encap>', origin: 'explicit', at: at(CONN, 136) });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 3960,
        raw: '<rekey_time>3600</rekey_time>',
        unit: 'seconds',
        origin: 'inferred',
        at: at(CONN, 138),
      });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({
        value: 1980,
        raw: '<rekey_time>1800</rekey_time>',
        unit: 'seconds',
        origin: 'inferred',
        at: at(CONN, 272),
      });
      expect(t.auth.psk).to.deep.equal({ value: 'absent', raw: '<preSharedKeys/>', origin: 'inferred', at: at(CONN, 125) });
    });
  });

  describe('inline cases', () => {
    const psk = '<local uuid="l1"><enabled>1</enabled><connection>c1</connection><round>0</round><auth>psk</auth><id/></local>';

    it('empty fields take strongSwan’s defaults: IKEv2+IKEv1, `default` proposals, 4h rekey, DPD off, local/remote_ts dynamic', () => {
      const d = adapter.parse(swanctl('', '<child uuid="k1"><enabled>1</enabled><connection>c1</connection></child>', psk), 's.xml');
      const t = d.tunnels[0];
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: '<version>0</version>', origin: 'default' });
      expect(t.phase1.proposals.origin).to.equal('default');
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 14400, raw: '<rekey_time>14400</rekey_time>', unit: 'seconds', origin: 'default' });
      expect(t.dpd).to.deep.equal({ mode: { value: 'off', raw: '<dpd_delay>0</dpd_delay>', origin: 'default' } });
      const p = t.phase2[0];
      expect(p.localSelectors).to.deep.equal({
        value: ['203.0.113.10/32'],
        raw: '<local_ts>dynamic</local_ts> → <local_addrs>203.0.113.10</local_addrs>',
        origin: 'inferred',
        at: at('s.xml', 5),
      });
      expect(p.remoteSelectors.value).to.deep.equal(['198.51.100.2/32']);
      expect(p.proposals.origin).to.equal('default');
    });

    it('sha256_96 turns SHA-256 into its truncated variant (not interoperable with sha256)', () => {
      const d = adapter.parse(
        swanctl(
          '<version>2</version>',
          '<child uuid="k1"><enabled>1</enabled><connection>c1</connection><esp_proposals>aes256-sha256</esp_proposals><sha256_96>1</sha256_96></child>',
          psk,
        ),
        's.xml',
      );
      expect(d.tunnels[0].phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256_96'] }]);
    });

    it('an unreadable proposal is a warning with its line, not a guess', () => {
      const d = adapter.parse(swanctl('<proposals>aes256-sha256-modp9999</proposals>', '', psk), 's.xml');
      expect(d.tunnels[0].phase1.proposals.value).to.deep.equal([]);
      expect(d.diagnostics.find((x) => x.message.startsWith('IKE proposal'))).to.deep.equal({
        level: 'warning',
        message: "IKE proposal 'aes256-sha256-modp9999' cannot be read: unknown algorithm keyword 'modp9999'; strongSwan refuses to load this connection",
        at: at('s.xml', 5),
      });
    });

    it('two keys for the same identities with different secrets: the fingerprint is unknown', () => {
      const keys = (k: string) =>
        `<preSharedKey uuid="${k}"><ident>203.0.113.10</ident><remote_ident>198.51.100.2</remote_ident><keyType>PSK</keyType><Key>${k}-secret</Key></preSharedKey>`;
      const text = swanctl('<version>2</version>', '', psk).replace(
        '<OPNsense>',
        `<OPNsense><IPsec><preSharedKeys>${keys('a')}${keys('b')}</preSharedKeys></IPsec>`,
      );
      const d = adapter.parse(text, 's.xml');
      expect(d.tunnels[0].auth.psk?.value).to.equal('unknown');
      expect(JSON.stringify(d)).to.not.include('-secret');
    });
  });

  describe('bad input', () => {
    it('a pfSense file, an empty file, a truncated file, a bad number, a bad traffic selector', () => {
      expect(parseErrorOf(() => parseFile(adapter, fixturePath('pfsense', 'hq-2.7.xml'))).located).to.equal(
        'fixtures/pfsense/hq-2.7.xml:2: expected an OPNsense config.xml (<opnsense> root element), found <pfsense>',
      );
      expect(parseErrorOf(() => adapter.parse('', 'e.xml')).located).to.equal(
        'e.xml:1: expected an OPNsense config.xml (<opnsense> root element), found an empty file',
      );
      const cut = readText(fixturePath('opnsense', 'connections-25.1.xml')).split('\n').slice(0, 90).join('\n');
      expect(parseErrorOf(() => adapter.parse(cut, 'cut.xml')).located).to.equal(
        'cut.xml:90: expected well-formed XML, found the end of the file inside <OPNsense> (line 42) › <Swanctl> (line 77) › <Connections> (line 78) › <Connection> (line 79): is the file truncated?',
      );
      expect(parseErrorOf(() => adapter.parse(swanctl('<rekey_time>4h</rekey_time>'), 's.xml')).located).to.equal(
        "s.xml:5: expected <rekey_time> to be a whole number, found '4h'",
      );
      expect(
        parseErrorOf(() => adapter.parse(swanctl('', '<child uuid="k"><connection>c1</connection><local_ts>10.0.0.0/33</local_ts></child>'), 's.xml')).located,
      ).to.equal("s.xml:7: expected <local_ts> to list networks (10.0.1.0/24, 2001:db8::/64), found '10.0.0.0/33'");
    });
  });

  describe('secrets', () => {
    it('no key appears in any Device, raw or diagnostic', () => {
      const text = JSON.stringify(parsed('legacy-21.7.xml')) + JSON.stringify(parsed('connections-25.1.xml'));
      for (const s of ['aws-tunnel1-Xk93Lq', 'cisco-legacy-psk', 'Lyon-PSK-9f2e!x&42', 'Lyon-PSK-9f2e!x&amp;42', 'not-an-ike-key'])
        expect(text, s).to.not.include(s);
    });
  });

  describe('fix', () => {
    const conn = parsed('connections-25.1.xml');
    const legacy = parsed('legacy-21.7.xml');
    const fix = (device: Device, req: Omit<FixRequest, 'device'>): string | undefined => adapter.fix({ ...req, device } as FixRequest);

    it('Connections: the form field and the <Swanctl> element, strongSwan proposal strings', () => {
      const hq = tunnel(conn, 'HQ');
      const child = hq.phase2[0];
      expect(fix(conn, { field: 'phase2.lifetimeSeconds', tunnel: hq, phase2: child, target: 28800 })).to.equal(
        'VPN › IPsec › Connections › "HQ" › Children › "Lyon LAN to HQ" › Rekey time: 28800  (<rekey_time>28800</rekey_time>)',
      );
      expect(fix(conn, { field: 'phase2.pfsGroups', tunnel: hq, phase2: child, target: [0] })).to.equal(
        'VPN › IPsec › Connections › "HQ" › Children › "Lyon LAN to HQ" › ESP proposals: aes256-sha256,aes128gcm16  (<esp_proposals>aes256-sha256,aes128gcm16</esp_proposals>)',
      );
      expect(
        fix(conn, { field: 'phase1.proposals', tunnel: hq, target: [{ encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20] }] }),
      ).to.equal('VPN › IPsec › Connections › "HQ" › Proposals: aes256gcm16-prfsha384-ecp384  (<proposals>aes256gcm16-prfsha384-ecp384</proposals>)');
      expect(fix(conn, { field: 'natt.mode', tunnel: hq, target: 'forced' })).to.equal(
        'VPN › IPsec › Connections › "HQ" › UDP encapsulation: checked  (<encap>1</encap>)',
      );
      // the old fix wrote <rekey_bytes>, a field no release has: nothing to set
      expect(fix(conn, { field: 'phase2.lifetimeKilobytes', tunnel: hq, phase2: child, target: 1000 })).to.equal(undefined);
      // IKEv1 proposes rekey_time + 10 %: the rekey time whose life time is the target (the child has no life_time field)
      const supplier = tunnel(conn, 'Supplier (paused)');
      expect(fix(conn, { field: 'phase2.lifetimeSeconds', tunnel: supplier, phase2: supplier.phase2[0], target: 3600 })).to.equal(
        `VPN › IPsec › Connections › "Supplier (paused)" › Children › "${supplier.phase2[0].name}" › Rekey time: 3273  (<rekey_time>3273</rekey_time>)`,
      );
      expect(fix(conn, { field: 'auth.psk', tunnel: hq, target: null })).to.not.include('Lyon');
    });

    it('legacy tunnels: the legacy tunnel pages and elements', () => {
      const aws = tunnel(legacy, 'AWS VPC');
      expect(
        fix(legacy, { field: 'phase1.proposals', tunnel: aws, target: [{ encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [14] }] }),
      ).to.equal(
        'VPN › IPsec › Tunnel Settings [legacy] › Phase 1 "AWS VPC" › Encryption algorithm: AES 128 bits, Hash algorithm: sha256, DH key group: 14  (<encryption-algorithm><name>aes</name><keylen>128</keylen></encryption-algorithm><hash-algorithm>sha256</hash-algorithm><dhgroup>14</dhgroup>)',
      );
      expect(fix(legacy, { field: 'phase1.lifetimeSeconds', tunnel: aws, target: 86400 })).to.equal(
        'VPN › IPsec › Tunnel Settings [legacy] › Phase 1 "AWS VPC" › Life Time: 86400  (<lifetime>86400</lifetime>)',
      );
    });
  });

  describe('real configs (../shared/real-configs/opnsense)', () => {
    before(function () {
      if (!REAL_CONFIGS) {
        console.log('    (skipped: ../shared/real-configs not present)');
        this.skip();
      }
    });

    it('every file parses and validates; the empty Swanctl sample says it has no tunnels', () => {
      const dir = join(REAL_CONFIGS!, 'opnsense');
      const got: Record<string, string[]> = {};
      for (const f of filesUnder(dir)) {
        const d = adapter.parse(readText(f), f);
        expect(validateDevice(d), `${f}`).to.deep.equal([]);
        expect(adapter.detect(readText(f), f), f).to.equal(1);
        got[f.slice(dir.length + 1)] = d.tunnels.length ? d.tunnels.map((t) => t.name) : d.diagnostics.map((x) => `${x.at?.line} ${x.message}`);
      }
      expect(got).to.deep.equal({
        'opndossier-sample-config-5-empty-ipsec-swanctl.xml': [
          '556 no IPsec tunnels: neither legacy <ipsec><phase1> entries nor <OPNsense><Swanctl> connections',
        ],
      });
    });
  });
});
