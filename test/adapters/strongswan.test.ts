/** strongSwan adapter: swanctl.conf and ipsec.conf, exact values and lines, defaults, bad input, fixes. */
import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { adapter, ipsecIncludePatterns, parseIpsecConf, parseSwanctl, swanctlIncludePatterns } from '../../adapters/strongswan/index.js';
import { adapterById } from '../../adapters/index.js';
import type { FixRequest } from '../../src/model/adapter.js';
import { strongswanDefaultEsp, strongswanDefaultIke } from '../../src/model/proposal-strings.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import type { Device, Phase2, TunnelEnd } from '../../src/model/types.js';
import { entryPoints, inputsFor, MAX_RATIO, verdict } from '../hostile/linear.js';
import { PLACEMENTS, SHAPES } from '../hostile/shapes.js';
import { filesUnder, readText, REAL_CONFIGS, ROOT, parseErrorOf, tunnelNamed as tunnel, at, expectValid } from '../helpers.js';

function valid(d: Device): Device {
  expectValid(d);
  return d;
}

/** Fixture text by repo-relative path (the file name a user would type). */
const text = (rel: string) => readText(posix.join(ROOT, rel));

/**
 * What the CLI does for includes: read every file the patterns name (globs expanded), and the
 * files those include, into a map by the resolved path.
 */
function collectIncludes(patterns: string[], list: (t: string, f: string) => string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const queue = [...patterns];
  while (queue.length) {
    const pattern = queue.shift()!;
    const dir = posix.dirname(pattern);
    const re = new RegExp(`^${posix.basename(pattern).replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    if (!existsSync(posix.join(ROOT, dir))) continue;
    for (const name of readdirSync(posix.join(ROOT, dir)).sort()) {
      const rel = posix.join(dir, name);
      if (!re.test(name) || rel in out) continue;
      out[rel] = text(rel);
      queue.push(...list(out[rel], rel));
    }
  }
  return out;
}

const HQ = 'fixtures/strongswan/hq/swanctl.conf';
const ROADWARRIOR = 'fixtures/strongswan/hq/conf.d/roadwarrior.conf';
const PARTNER = 'fixtures/strongswan/hq/conf.d/partner-v1.conf';
const TEMPLATES = 'fixtures/strongswan/templates.swanctl.conf';
const LEGACY = 'fixtures/strongswan/legacy/ipsec.conf';
const SECRETS = 'fixtures/strongswan/legacy/ipsec.secrets';
const LAB = 'fixtures/strongswan/legacy/ipsec.d/lab.conf';

function hq(): Device {
  const t = text(HQ);
  return valid(parseSwanctl(t, HQ, collectIncludes(swanctlIncludePatterns(t, HQ), swanctlIncludePatterns)));
}

function legacy(): Device {
  const t = text(LEGACY);
  return valid(parseIpsecConf(t, LEGACY, text(SECRETS), { includes: collectIncludes(ipsecIncludePatterns(t, LEGACY), ipsecIncludePatterns) }));
}

function child(t: TunnelEnd, name: string): Phase2 {
  const p = t.phase2.find((x) => x.name === name);
  expect(p, `phase 2 ${name}`).to.not.equal(undefined);
  return p!;
}

/** A swanctl.conf with one connection around the given lines. */
function swanctl(connLines: string, childLines = 'local_ts = 10.0.0.0/24\nremote_ts = 10.9.0.0/24'): string {
  return `connections {\n  c {\n    remote_addrs = 192.0.2.1\n${connLines}\n    children {\n      net {\n${childLines}\n      }\n    }\n  }\n}\n`;
}

describe('strongswan adapter', () => {
  it('is registered under its id', () => {
    expect(adapterById('strongswan')).to.equal(adapter);
    expect(adapter.live).to.equal(undefined); // no read-only commands: strongSwan hosts are read from their files
  });

  describe('detect', () => {
    it('is confident for both forms, silent for ipsec.secrets and other vendors', () => {
      expect(adapter.detect(text(HQ), 'swanctl.conf')).to.equal(1);
      expect(adapter.detect(text(HQ), 'hq.txt')).to.equal(0.95);
      expect(adapter.detect(text(PARTNER), 'partner-v1.conf')).to.equal(0.95);
      expect(adapter.detect(text(LEGACY), 'ipsec.conf')).to.equal(1);
      expect(adapter.detect(text(LEGACY), 'legacy.txt')).to.equal(0.95);
      expect(adapter.detect(text(LAB), 'lab.conf')).to.equal(0.9);
      expect(adapter.detect('include conf.d/*.conf\n', 'swanctl.conf')).to.equal(0.65);
      expect(adapter.detect(text(SECRETS), 'ipsec.secrets')).to.equal(0);
      expect(adapter.detect('config vpn ipsec phase1-interface\n    edit "a"\n        set remote-gw 1.2.3.4\n    next\nend\n', 'fgt.conf')).to.equal(0);
      expect(adapter.detect('crypto map outside_map 1 set peer 192.0.2.1\n', 'asa.txt')).to.equal(0);
      expect(adapter.detect('/ip ipsec peer\nadd address=192.0.2.1/32 name=p\n', 'r.rsc')).to.equal(0);
      expect(adapter.detect('charon {\n    load_modular = yes\n}\n', 'strongswan.conf')).to.equal(0);
    });

    it('claims the strongSwan configs among the real files, and no other file', function () {
      if (!REAL_CONFIGS) this.skip();
      // strongSwan's own testing scenarios hold each host's swanctl.conf / ipsec.conf (renamed
      // <host>.<file>); their secrets, strongswan.conf, evaltest.dat and SA listings are not configs.
      const own = (f: string) => /\/pairs\/strongswan-testing-[^/]+\/\w+\.(swanctl|ipsec)\.conf$/.test(f);
      const files = filesUnder(REAL_CONFIGS!).filter((p) => !p.endsWith('.md'));
      expect(files.filter(own).map((f) => `${posix.basename(posix.dirname(f))}/${posix.basename(f)}`)).to.have.length(12);
      for (const f of files) {
        const confidence = adapter.detect(readText(f), posix.basename(f));
        if (own(f)) expect(confidence, f).to.be.at.least(0.9);
        else expect(confidence, f).to.be.below(0.5);
      }
    });
  });

  describe('swanctl.conf with its includes and secrets (hq)', () => {
    it('reads the connections of the main file and of conf.d/*.conf, in include order', () => {
      const d = hq();
      expect(d.vendor).to.equal('strongswan');
      expect(d.origin).to.equal(HQ);
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['branch-b', 'partner-v1', 'rw']);
      expect(d.tunnels.every((t) => t.enabled)).to.equal(true);
    });

    it('IKEv2 connection: explicit values with their lines', () => {
      const t = tunnel(hq(), 'branch-b');
      expect(t.at).to.deep.equal(at(HQ, 11));
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'version = 2', origin: 'explicit', at: at(HQ, 12) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.10', raw: 'local_addrs = 203.0.113.10', origin: 'explicit', at: at(HQ, 13) });
      expect(t.remoteGateway).to.deep.equal({ value: '198.51.100.20', raw: 'remote_addrs = 198.51.100.20', origin: 'explicit', at: at(HQ, 14) });
      expect(t.phase1.proposals).to.deep.equal({
        value: [
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [19] },
          { encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [14] },
        ],
        raw: 'proposals = aes256-sha256-ecp256, aes128-sha256-modp2048',
        origin: 'explicit',
        at: at(HQ, 15),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'rekey_time = 8h', unit: 'time-string', origin: 'explicit', at: at(HQ, 16) });
      expect(t.phase1.exchangeMode).to.equal(undefined);
      expect(t.dpd).to.deep.equal({
        mode: { value: 'periodic', raw: 'dpd_delay = 30s', origin: 'explicit', at: at(HQ, 17) },
        delaySeconds: { value: 30, raw: 'dpd_delay = 30s', unit: 'time-string', origin: 'explicit', at: at(HQ, 17) },
        // issue 16: the first child's dpd_action
        action: { value: 'restart', raw: 'dpd_action = restart', origin: 'explicit', at: at(HQ, 35) },
      });
      expect(t.phase1.renewal).to.deep.equal({ value: 'rekey', raw: 'rekey_time = 8h', origin: 'explicit', at: at(HQ, 16) });
      expect(t.natt).to.deep.equal({
        mode: { value: 'auto', raw: 'encap = no', origin: 'explicit', at: at(HQ, 18) },
        keepaliveSeconds: { value: 20, raw: 'charon.keep_alive = 20s (strongswan.conf)', unit: 'time-string', origin: 'default' },
      });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'auth = psk', origin: 'explicit', at: at(HQ, 21) });
      expect(t.auth.localId).to.deep.equal({ value: 'hq-gw01.example.com', raw: 'id = hq-gw01.example.com', origin: 'explicit', at: at(HQ, 22) });
      expect(t.auth.remoteId).to.deep.equal({ value: '198.51.100.20', raw: 'id = 198.51.100.20', origin: 'explicit', at: at(HQ, 26) });
      // the secret naming both identities (the partner key names neither)
      expect(t.auth.psk).to.deep.equal({ value: pskFingerprint('Br4nch-B uplink key #2024'), raw: 'secret = <redacted>', origin: 'explicit', at: at(HQ, 53) });
      expect(t.initiates).to.deep.equal({ value: true, raw: 'start_action = trap', origin: 'explicit', at: at(HQ, 34) });
      expect(t.behaviour).to.deep.equal({
        ikev1Phase1Lifetime: { value: 'accept', raw: 'charon (IKEv1 responder) adopts the proposed ISAKMP SA lifetime', origin: 'default' },
        ikev1Phase2Lifetime: { value: 'accept', raw: 'charon (IKEv1 responder) adopts the proposed Quick Mode lifetime', origin: 'default' },
        selectorNarrowing: { value: 'narrows', raw: 'charon (responder) narrows proposed traffic selectors to its own', origin: 'default' },
      });
    });

    it('children: selectors, PFS from esp_proposals, lifetimes and bytes', () => {
      const t = tunnel(hq(), 'branch-b');
      expect(t.phase2.map((p) => p.name)).to.deep.equal(['lan', 'voice']);
      const lan = child(t, 'lan');
      expect(lan.at).to.deep.equal(at(HQ, 29));
      expect(lan.localSelectors).to.deep.equal({ value: ['10.10.0.0/16'], raw: 'local_ts = 10.10.0.0/16', origin: 'explicit', at: at(HQ, 30) });
      expect(lan.remoteSelectors).to.deep.equal({ value: ['10.20.0.0/24'], raw: 'remote_ts = 10.20.0.0/24', origin: 'explicit', at: at(HQ, 31) });
      expect(lan.proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }],
        raw: 'esp_proposals = aes256gcm16-ecp256',
        origin: 'explicit',
        at: at(HQ, 32),
      });
      expect(lan.pfsGroups).to.deep.equal({ value: [19], raw: 'esp_proposals = aes256gcm16-ecp256', origin: 'explicit', at: at(HQ, 32) });
      expect(lan.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'rekey_time = 1h', unit: 'time-string', origin: 'explicit', at: at(HQ, 33) });
      expect(lan.lifetimeKilobytes).to.deep.equal({ value: 0, raw: 'rekey_bytes = 0', unit: 'bytes', origin: 'default' });
      expect(lan.mode).to.deep.equal({ value: 'tunnel', raw: 'mode = tunnel', origin: 'default' });

      const voice = child(t, 'voice');
      // the range 10.10.51.1-10.10.51.6 as its exact CIDR cover
      expect(voice.localSelectors.value).to.deep.equal(['10.10.50.0/24', '10.10.51.1/32', '10.10.51.2/31', '10.10.51.4/31', '10.10.51.6/32']);
      expect(voice.localSelectors.raw).to.equal('local_ts  = 10.10.50.0/24, 10.10.51.1-10.10.51.6');
      expect(voice.remoteSelectors.value).to.deep.equal(['10.20.50.0/24']);
      // one proposal with a DH group, one without: PFS group 14 or none
      expect(voice.pfsGroups.value).to.deep.equal([14, 0]);
      expect(voice.lifetimeSeconds.value).to.equal(1800);
      expect(voice.lifetimeKilobytes).to.deep.equal({ value: 500000, raw: 'rekey_bytes = 512000000', unit: 'bytes', origin: 'explicit', at: at(HQ, 42) });
      expect(voice.mode).to.deep.equal({ value: 'tunnel', raw: 'mode = tunnel', origin: 'explicit', at: at(HQ, 43) });
      expect(voice.ipProtocol).to.equal(undefined);
    });

    it('IKEv1 connection from an included file: the lifetimes charon proposes on the wire', () => {
      const t = tunnel(hq(), 'partner-v1');
      expect(t.at).to.deep.equal(at(PARTNER, 4));
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'version = 1', origin: 'explicit', at: at(PARTNER, 5) });
      // reauth/rekey 8h + over_time 10m
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 29400,
        raw: 'rekey_time = 8h + over_time 10m (IKEv1 proposes 8h10m)',
        unit: 'time-string',
        origin: 'inferred',
        at: at(PARTNER, 9),
      });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'main', raw: 'aggressive = no', origin: 'default' });
      // the key in the main file's secrets, written as hex, matched by the remote id
      expect(t.auth.psk).to.deep.equal({ value: pskFingerprint('MyPartnerKey'), raw: 'secret = <redacted>', origin: 'explicit', at: at(HQ, 57) });
      expect(t.auth.localId).to.equal(undefined);
      const p2 = child(t, 'partner-lan');
      // Quick Mode proposes life_time = rekey_time + 10 %
      expect(p2.lifetimeSeconds).to.deep.equal({
        value: 3960,
        raw: 'rekey_time = 1h + 10% (life_time 1h6m)',
        unit: 'time-string',
        origin: 'inferred',
        at: at(PARTNER, 23),
      });
      expect(p2.lifetimeKilobytes).to.deep.equal({ value: 4608000, raw: 'life_bytes = 4718592000', unit: 'bytes', origin: 'explicit', at: at(PARTNER, 24) });
      expect(p2.pfsGroups.value).to.deep.equal([14]);
      expect(t.initiates).to.deep.equal({ value: true, raw: 'start_action = start', origin: 'explicit', at: at(PARTNER, 25) });
    });

    it('road warrior: any peer, certificate auth, `default` appended to explicit proposals, dynamic remote selector', () => {
      const t = tunnel(hq(), 'rw');
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: 'remote_addrs = %any', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'certificate', raw: 'auth = pubkey', origin: 'explicit', at: at(ROADWARRIOR, 11) });
      expect(t.auth.psk).to.equal(undefined);
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
        { encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [2] },
        ...strongswanDefaultIke(),
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 14400, raw: 'rekey_time = 4h', unit: 'time-string', origin: 'default' });
      expect(t.initiates).to.deep.equal({ value: false, raw: 'start_action = none', origin: 'default' });
      const p2 = child(t, 'rw-net');
      expect(p2.remoteSelectors).to.deep.equal({ value: [], raw: 'remote_ts = dynamic', origin: 'default' });
      expect(p2.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
        ...strongswanDefaultEsp(),
      ]);
      expect(p2.pfsGroups.value).to.deep.equal([0]);
    });

    it('diagnostics: exactly the unmodelled port, mixed protocols and the runtime-only selector', () => {
      expect(hq().diagnostics).to.deep.equal([
        { level: 'info', message: 'connection "branch-b" child "voice": port restrictions in the traffic selectors are not compared', at: at(HQ, 37) },
        { level: 'info', message: 'connection "branch-b" child "voice": traffic selectors name different protocols, compared as any protocol', at: at(HQ, 37) },
        {
          level: 'info',
          message:
            'connection "rw" child "rw-net": remote_ts is dynamic (the remote IKE address) and remote_addrs names no single address, so the remote selector is only known at runtime',
          at: at(ROADWARRIOR, 20),
        },
      ]);
    });

    it('include helpers name the pattern relative to the including file', () => {
      expect(swanctlIncludePatterns(text(HQ), HQ)).to.deep.equal(['fixtures/strongswan/hq/conf.d/*.conf']);
      expect(swanctlIncludePatterns('include /etc/swanctl/conf.d/*.conf\nconnections {\n include "my dir/x.conf"\n}\n', 'swanctl.conf')).to.deep.equal([
        '/etc/swanctl/conf.d/*.conf',
        'my dir/x.conf',
      ]);
      expect(ipsecIncludePatterns(text(LEGACY), LEGACY)).to.deep.equal(['fixtures/strongswan/legacy/ipsec.d/*.conf']);
    });

    it('without the included files (adapter.parse): a warning at the include line, the rest read', () => {
      const d = valid(adapter.parse(text(HQ), HQ));
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['branch-b']);
      expect(d.diagnostics.filter((x) => x.level === 'warning')).to.deep.equal([
        {
          level: 'warning',
          message:
            'include conf.d/*.conf was not read (fixtures/strongswan/hq/conf.d/*.conf): connections and secrets in it are missing; read the included files and pass them to parseSwanctl',
          at: at(HQ, 62),
        },
      ]);
    });

    it('a named include missing from the provided files is a warning; an empty glob is not', () => {
      const t = 'include site-x.conf\ninclude conf.d/*.conf\nconnections {\n}\n';
      const d = parseSwanctl(t, 'etc/swanctl.conf', {});
      expect(d.diagnostics).to.deep.equal([
        {
          level: 'warning',
          message: 'included file etc/site-x.conf was not provided: connections and secrets in it are missing',
          at: at('etc/swanctl.conf', 1),
        },
        { level: 'warning', message: 'no connections are defined in what was read', at: at('etc/swanctl.conf', 3) },
      ]);
    });

    it('an include inside a section is parsed in that section, with its own file and lines', () => {
      const d = parseSwanctl('connections {\n  include peers/*.conf\n}\n', 'x/swanctl.conf', {
        'x/peers/b.conf': 'p2 {\n  remote_addrs = 192.0.2.2\n}\n',
        'x/peers/a.conf': 'p1 {\n  remote_addrs = 192.0.2.1\n}\n',
        'x/other/c.conf': 'p3 {\n}\n',
      });
      expect(d.tunnels.map((t) => [t.name, t.remoteGateway.value, t.remoteGateway.at])).to.deep.equal([
        ['p1', '192.0.2.1', at('x/peers/a.conf', 2)],
        ['p2', '192.0.2.2', at('x/peers/b.conf', 2)],
      ]);
    });

    it('an include that loops back is an input error at the include line', () => {
      const e = parseErrorOf(() => parseSwanctl('include a.conf\n', 'main.conf', { 'a.conf': 'include main.conf\n', 'main.conf': 'include a.conf\n' }));
      expect(e.located).to.equal('a.conf:1: include of "main.conf" loops back to a file that includes it');
    });
  });

  describe('swanctl.conf section references (templates)', () => {
    it('inherits settings and subsections from the referenced sections; own values win', () => {
      const d = valid(adapter.parse(text(TEMPLATES), TEMPLATES));
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['spoke-1', 'spoke-2', 'spoke-3']);
      const s1 = tunnel(d, 'spoke-1');
      expect(s1.ikeVersion).to.deep.equal({ value: 2, raw: 'version = 2', origin: 'explicit', at: at(TEMPLATES, 7) });
      expect(s1.localGateway?.at).to.deep.equal(at(TEMPLATES, 8));
      expect(s1.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20] }]);
      expect(s1.phase1.lifetimeSeconds).to.deep.equal({
        value: 43200,
        raw: 'rekey_time = 12h',
        unit: 'time-string',
        origin: 'explicit',
        at: at(TEMPLATES, 10),
      });
      expect(s1.auth.method).to.deep.equal({ value: 'psk', raw: 'auth = psk', origin: 'explicit', at: at(TEMPLATES, 13) });
      // a secret without id matches any peer
      expect(s1.auth.psk).to.deep.equal({
        value: pskFingerprint('spoke shared secret 7731'),
        raw: 'secret = <redacted>',
        origin: 'explicit',
        at: at(TEMPLATES, 61),
      });
      const net1 = child(s1, 'net');
      expect(net1.lifetimeSeconds).to.deep.equal({ value: 7200, raw: 'rekey_time = 2h', unit: 'time-string', origin: 'explicit', at: at(TEMPLATES, 22) });
      expect(net1.pfsGroups.value).to.deep.equal([20]);
      expect(s1.initiates).to.deep.equal({ value: true, raw: 'start_action = trap', origin: 'explicit', at: at(TEMPLATES, 23) });

      const s2 = tunnel(d, 'spoke-2');
      expect(s2.phase1.lifetimeSeconds).to.deep.equal({ value: 14400, raw: 'rekey_time = 4h', unit: 'time-string', origin: 'explicit', at: at(TEMPLATES, 38) });
      expect(child(s2, 'net').lifetimeSeconds.at).to.deep.equal(at(TEMPLATES, 43));
      expect(child(s2, 'net').remoteSelectors.value).to.deep.equal(['10.32.0.0/24']);
    });

    it('a reference to an undefined section is a warning naming the line', () => {
      const d = adapter.parse(text(TEMPLATES), TEMPLATES);
      expect(d.diagnostics).to.deep.equal([
        {
          level: 'warning',
          message: 'section "spoke-3" inherits from "spoke-defaults", which is not defined: its settings are missing',
          at: at(TEMPLATES, 47),
        },
      ]);
      expect(tunnel(d, 'spoke-3').phase1.lifetimeSeconds.value).to.equal(43200);
    });
  });

  describe('ipsec.conf with ipsec.secrets and includes (legacy)', () => {
    it('tunnels: conns sharing an IKE_SA merged, the also= template and the shunt left out', () => {
      const d = legacy();
      expect(d.tunnels.map((t) => [t.name, t.phase2.map((p) => p.name)])).to.deep.equal([
        ['fra-servers', ['fra-servers', 'fra-clients']],
        ['mikrotik-v1', ['mikrotik-v1']],
        ['rw-old', ['rw-old']],
        ['lab', ['lab']],
      ]);
    });

    it('own values, also= values and %default values, each with its own line', () => {
      const t = tunnel(legacy(), 'fra-servers');
      expect(t.at).to.deep.equal(at(LEGACY, 30));
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'keyexchange=ikev2', origin: 'explicit', at: at(LEGACY, 11) });
      expect(t.localGateway).to.deep.equal({ value: '203.0.113.10', raw: 'left=203.0.113.10', origin: 'explicit', at: at(LEGACY, 23) });
      expect(t.remoteGateway).to.deep.equal({ value: '198.51.100.77', raw: 'right=198.51.100.77', origin: 'explicit', at: at(LEGACY, 25) });
      expect(t.auth.method).to.deep.equal({ value: 'psk', raw: 'authby=secret', origin: 'explicit', at: at(LEGACY, 18) });
      expect(t.auth.localId).to.deep.equal({ value: '@gw-legacy.example.com', raw: 'leftid=@gw-legacy.example.com', origin: 'explicit', at: at(LEGACY, 24) });
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('Fr4nkfurt-tunnel-2019'),
        raw: '@gw-legacy.example.com 198.51.100.77 : PSK <redacted>',
        origin: 'explicit',
        at: at(SECRETS, 5),
      });
      // strict: exactly the configured proposal, no defaults appended
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }],
        raw: 'ike=aes256-sha256-modp2048!',
        origin: 'explicit',
        at: at(LEGACY, 27),
      });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'ikelifetime=8h', unit: 'time-string', origin: 'explicit', at: at(LEGACY, 12) });
      expect(t.dpd).to.deep.equal({
        mode: { value: 'periodic', raw: 'dpdaction=restart', origin: 'explicit', at: at(LEGACY, 16) },
        delaySeconds: { value: 30, raw: 'dpddelay=30s', unit: 'time-string', origin: 'explicit', at: at(LEGACY, 17) },
        action: { value: 'restart', raw: 'dpdaction=restart', origin: 'explicit', at: at(LEGACY, 16) },
      });
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'forceencaps=no', origin: 'default' });
      expect(t.initiates).to.deep.equal({ value: true, raw: 'auto=start', origin: 'explicit', at: at(LEGACY, 19) });

      const servers = child(t, 'fra-servers');
      expect(servers.localSelectors).to.deep.equal({ value: ['10.10.0.0/24'], raw: 'leftsubnet=10.10.0.0/24', origin: 'explicit', at: at(LEGACY, 32) });
      expect(servers.pfsGroups).to.deep.equal({ value: [14], raw: 'esp=aes256-sha256-modp2048!', origin: 'explicit', at: at(LEGACY, 28) });
      expect(servers.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'lifetime=1h', unit: 'time-string', origin: 'explicit', at: at(LEGACY, 13) });
      const clients = child(t, 'fra-clients');
      expect(clients.at).to.deep.equal(at(LEGACY, 35));
      expect(clients.remoteSelectors.value).to.deep.equal(['10.77.64.0/20', '10.77.80.0/24']);
      expect(clients.lifetimeSeconds).to.deep.equal({ value: 1800, raw: 'lifetime=30m', unit: 'time-string', origin: 'explicit', at: at(LEGACY, 39) });
    });

    it('IKEv1 without `!`: charon appends its defaults, one algorithm of each kind per proposal', () => {
      const t = tunnel(legacy(), 'mikrotik-v1');
      expect(t.ikeVersion).to.deep.equal({ value: 1, raw: 'keyexchange=ikev1', origin: 'explicit', at: at(LEGACY, 43) });
      expect(t.phase1.proposals.value).to.deep.equal([
        { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
        { encryption: ['aes128gcm16'], integrity: [], prf: ['prfsha256'], dhGroups: [19] },
        { encryption: ['aes128'], integrity: ['sha256'], prf: ['prfsha256'], dhGroups: [19] },
      ]);
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 86400, raw: 'ikelifetime=1d', unit: 'time-string', origin: 'explicit', at: at(LEGACY, 50) });
      expect(t.phase1.exchangeMode).to.deep.equal({ value: 'main', raw: 'aggressive=no', origin: 'explicit', at: at(LEGACY, 52) });
      // keylife (own) beats lifetime (%default): they are one parameter
      const p2 = child(t, 'mikrotik-v1');
      expect(p2.lifetimeSeconds).to.deep.equal({ value: 1800, raw: 'keylife=30m', unit: 'time-string', origin: 'explicit', at: at(LEGACY, 51) });
      expect(p2.proposals.value).to.deep.equal([
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
        { protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] },
        { protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] },
      ]);
      expect(p2.pfsGroups.value).to.deep.equal([0]);
      // 0s-prefixed base64 secret
      expect(t.auth.psk).to.deep.equal({
        value: pskFingerprint('MikroTik v1 key'),
        raw: '192.0.2.88 : PSK <redacted>',
        origin: 'explicit',
        at: at(SECRETS, 7),
      });
      expect(t.initiates).to.deep.equal({ value: false, raw: 'auto=add', origin: 'explicit', at: at(LEGACY, 53) });
    });

    it('auto=ignore is disabled; %defaultroute is no address; the %any secret matches', () => {
      const t = tunnel(legacy(), 'rw-old');
      expect(t.enabled).to.equal(false);
      expect(t.localGateway).to.equal(undefined);
      expect(t.remoteGateway).to.deep.equal({ value: 'any', raw: 'right=%any', origin: 'explicit', at: at(LEGACY, 59) });
      expect(t.auth.method).to.deep.equal({ value: 'xauth-psk', raw: 'authby=xauthpsk', origin: 'explicit', at: at(LEGACY, 61) });
      expect(t.auth.psk).to.deep.equal({ value: pskFingerprint('rw-group-secret'), raw: '%any : PSK <redacted>', origin: 'explicit', at: at(SECRETS, 9) });
    });

    it('right=%defaultroute makes right this host (included file)', () => {
      const t = tunnel(legacy(), 'lab');
      expect(t.at).to.deep.equal(at(LAB, 3));
      expect(t.remoteGateway).to.deep.equal({ value: '192.0.2.99', raw: 'left=192.0.2.99', origin: 'explicit', at: at(LAB, 4) });
      expect(t.localGateway).to.equal(undefined);
      const p2 = child(t, 'lab');
      expect(p2.localSelectors).to.deep.equal({ value: ['10.10.99.0/24'], raw: 'rightsubnet=10.10.99.0/24', origin: 'explicit', at: at(LAB, 7) });
      expect(p2.remoteSelectors).to.deep.equal({ value: ['172.31.0.0/24'], raw: 'leftsubnet=172.31.0.0/24', origin: 'explicit', at: at(LAB, 5) });
      // ike= not set: the documented default then charon's default proposals
      expect(t.phase1.proposals).to.deep.equal({
        value: [{ encryption: ['aes128'], integrity: ['sha256'], prf: [], dhGroups: [15] }, ...strongswanDefaultIke()],
        raw: 'ike=aes128-sha256-modp3072',
        origin: 'default',
      });
    });

    it('diagnostics: exactly the IKEv1 stripping, runtime selector, unloaded conn, shunt and side swap', () => {
      expect(legacy().diagnostics).to.deep.equal([
        { level: 'info', message: 'conn mikrotik-v1 is IKEv1: only the first algorithm of each kind in each IKE proposal is offered', at: at(LEGACY, 48) },
        { level: 'info', message: 'conn mikrotik-v1 is IKEv1: only the first algorithm of each kind in each ESP proposal is offered', at: at(LEGACY, 49) },
        {
          level: 'info',
          message: 'conn rw-old: no rightsubnet and right= names no single address, so the right selector (the right host) is only known at runtime',
          at: at(LEGACY, 59),
        },
        { level: 'info', message: 'conn rw-old has no auto= (or auto=ignore), so ipsec starter does not load it', at: at(LEGACY, 56) },
        { level: 'info', message: 'conn bypass-lan is a type=passthrough shunt, not an IPsec tunnel: left out', at: at(LEGACY, 67) },
        { level: 'info', message: 'conn lab: right=%defaultroute, so right is taken as this host', at: at(LAB, 6) },
      ]);
    });

    it('without ipsec.secrets and includes (adapter.parse): PSK not comparable, the include named', () => {
      const d = valid(adapter.parse(text(LEGACY), LEGACY));
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['fra-servers', 'mikrotik-v1', 'rw-old']);
      expect(tunnel(d, 'fra-servers').auth.psk).to.deep.equal({ value: PSK_UNKNOWN, raw: 'ipsec.secrets not read', origin: 'inferred', at: at(LEGACY, 18) });
      expect(d.diagnostics[0]).to.deep.equal({
        level: 'warning',
        message:
          'include ipsec.d/*.conf was not read (fixtures/strongswan/legacy/ipsec.d/*.conf): conns in it are missing; read the included files and pass them to parseIpsecConf',
        at: at(LEGACY, 70),
      });
      expect(d.diagnostics.at(-1)).to.deep.equal({
        level: 'info',
        message: 'ipsec.secrets was not read: pre-shared keys are not compared (pass its text to parseIpsecConf)',
      });
    });
  });

  describe('defaults (nothing written)', () => {
    it('IKEv2 child with only life_time: strongSwan ≥ 5.9.9 rekeys at life_time ÷ 1.1 (vici check_lifetimes)', () => {
      const d = valid(adapter.parse(swanctl('', 'local_ts = 10.0.0.0/24\nremote_ts = 10.9.0.0/24\nlife_time = 2h'), 'life.conf'));
      expect(d.tunnels[0].phase2[0].lifetimeSeconds).to.deep.equal({
        value: 6545,
        raw: 'life_time = 2h → rekey_time 1h49m5s (life_time ÷ 1.1, strongSwan ≥ 5.9.9)',
        unit: 'time-string',
        origin: 'inferred',
        at: at('life.conf', 9),
      });
    });

    it('swanctl.conf: strongSwan defaults, origin default, raw as it would be written', () => {
      const d = valid(adapter.parse('connections {\n  c {\n    remote_addrs = 192.0.2.1\n    children {\n      net {\n      }\n    }\n  }\n}\n', 'm.conf'));
      const t = d.tunnels[0];
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'version = 0', origin: 'default' });
      expect(t.localGateway).to.equal(undefined);
      expect(t.auth.method).to.deep.equal({ value: 'certificate', raw: 'auth = pubkey', origin: 'default' });
      expect(t.phase1.proposals).to.deep.equal({ value: strongswanDefaultIke(), raw: 'proposals = default', origin: 'default' });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 14400, raw: 'rekey_time = 4h', unit: 'time-string', origin: 'default' });
      expect(t.natt.mode).to.deep.equal({ value: 'auto', raw: 'encap = no', origin: 'default' });
      expect(t.dpd).to.deep.equal({ mode: { value: 'off', raw: 'dpd_delay = 0s', origin: 'default' } });
      const p2 = t.phase2[0];
      expect(p2.proposals).to.deep.equal({ value: strongswanDefaultEsp(), raw: 'esp_proposals = default', origin: 'default' });
      expect(p2.pfsGroups).to.deep.equal({ value: [0], raw: 'esp_proposals = default', origin: 'default' });
      expect(p2.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'rekey_time = 1h', unit: 'time-string', origin: 'default' });
      // dynamic: the remote IKE address
      expect(p2.remoteSelectors).to.deep.equal({ value: ['192.0.2.1/32'], raw: 'remote_ts = dynamic', origin: 'inferred', at: at('m.conf', 3) });
      expect(p2.localSelectors).to.deep.equal({ value: [], raw: 'local_ts = dynamic', origin: 'default' });
    });

    it('swanctl.conf IKEv1: rekey_time + over_time (10 %) and life_time (+10 %) by default', () => {
      const t = adapter.parse(swanctl('    version = 1'), 'v1.conf').tunnels[0];
      expect(t.phase1.lifetimeSeconds).to.deep.equal({
        value: 15840,
        raw: 'rekey_time = 4h + over_time 24m (IKEv1 proposes 4h24m)',
        unit: 'time-string',
        origin: 'default',
      });
      expect(t.phase2[0].lifetimeSeconds).to.deep.equal({ value: 3960, raw: 'rekey_time = 1h + 10% (life_time 1h6m)', unit: 'time-string', origin: 'default' });
      // reauth_time alone: rekey_time defaults to 0, the reauth time drives
      const r = adapter.parse(swanctl('    version = 1\n    reauth_time = 2h\n    over_time = 5m'), 'v1.conf').tunnels[0];
      expect(r.phase1.lifetimeSeconds.value).to.equal(7500);
      const v2 = adapter.parse(swanctl('    reauth_time = 2h'), 'v2.conf').tunnels[0];
      expect(v2.phase1.lifetimeSeconds).to.deep.equal({ value: 7200, raw: 'reauth_time = 2h', unit: 'time-string', origin: 'explicit', at: at('v2.conf', 4) });
    });

    it('IKEv2 lifetime is whichever of rekey_time and reauth_time renews first (ike_sa.c schedules both)', () => {
      const F = 'fixtures/strongswan/rekey-before-reauth.swanctl.conf';
      const d = valid(adapter.parse(text(F), F));
      // the real example: rekey_time = 8h, reauth_time = 24h: the IKE SA is rekeyed at 8h
      const real = tunnel(d, 'site1-to-site2');
      expect(real.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'rekey_time = 8h', unit: 'time-string', origin: 'explicit', at: at(F, 30) });
      // over_time = 10 % of the longer (24h), rand_time = over_time, at most half the shorter (vici_config.c)
      expect(real.phase1.rekey).to.include({ lifetimeIs: 'rekey', marginSeconds: 0, randSeconds: 8640, overSeconds: 8640 });
      const swapped = tunnel(d, 'reauth-first');
      expect(swapped.phase1.lifetimeSeconds).to.deep.equal({ value: 28800, raw: 'reauth_time = 8h', unit: 'time-string', origin: 'explicit', at: at(F, 49) });
      expect(swapped.phase1.rekey).to.include({ lifetimeIs: 'rekey', randSeconds: 8640, overSeconds: 8640 });
      // reauth_time = 0 alone: rekey_time is then 0 too, nothing renews the IKE SA
      const off = tunnel(d, 'reauth-off-only');
      expect(off.phase1.lifetimeSeconds).to.deep.equal({ value: 0, raw: 'reauth_time = 0', unit: 'time-string', origin: 'explicit', at: at(F, 66) });
      expect(off.phase1.rekey).to.equal(undefined);
    });

    it('ipsec.conf rekeyfuzz is a percentage: without its % starter does not load the conn (args.c ARG_PCNT)', () => {
      const conf = (fuzz: string) => `conn c\n    left=203.0.113.1\n    right=192.0.2.1\n    margintime=5m\n    rekeyfuzz=${fuzz}\n    auto=start\n`;
      expect(adapter.parse(conf('50%'), 'f.conf').tunnels[0].phase1.rekey).to.include({ lifetimeIs: 'hard', marginSeconds: 300, randSeconds: 150 });
      expect(parseErrorOf(() => adapter.parse(conf('50'), 'f.conf')).located).to.equal('f.conf:5: expected a percentage for rekeyfuzz like 100%, found "50"');
    });

    it('ipsec.conf: starter/charon defaults; no auto= means not loaded', () => {
      const d = valid(adapter.parse('conn c\n    left=203.0.113.1\n    right=192.0.2.1\n', 'ipsec.conf'));
      const t = d.tunnels[0];
      expect(t.enabled).to.equal(false);
      expect(t.initiates).to.deep.equal({ value: false, raw: 'auto=ignore', origin: 'default' });
      expect(t.ikeVersion).to.deep.equal({ value: 2, raw: 'keyexchange=ike', origin: 'default' });
      expect(t.auth.method).to.deep.equal({ value: 'certificate', raw: 'authby=pubkey', origin: 'default' });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 10800, raw: 'ikelifetime=3h', unit: 'time-string', origin: 'default' });
      expect(t.dpd).to.deep.equal({ mode: { value: 'off', raw: 'dpdaction=none', origin: 'default' } });
      const p2 = t.phase2[0];
      expect(p2.lifetimeSeconds).to.deep.equal({ value: 3600, raw: 'lifetime=1h', unit: 'time-string', origin: 'default' });
      expect(p2.proposals).to.deep.equal({
        value: [{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] }, ...strongswanDefaultEsp()],
        raw: 'esp=aes128-sha256',
        origin: 'default',
      });
      // no leftsubnet: the left host
      expect(p2.localSelectors).to.deep.equal({ value: ['203.0.113.1/32'], raw: 'leftsubnet=203.0.113.1/32', origin: 'inferred', at: at('ipsec.conf', 2) });
      expect(p2.lifetimeKilobytes).to.deep.equal({ value: 0, raw: 'lifebytes=0', unit: 'bytes', origin: 'default' });
    });

    it('ipsec.conf esp= without `!`: the DH group is one choice among the appended no-PFS defaults', () => {
      const t = adapter.parse('conn c\n    right=192.0.2.1\n    esp=aes256-sha256-modp2048\n    auto=add\n', 'ipsec.conf').tunnels[0];
      expect(t.phase2[0].pfsGroups.value).to.deep.equal([14, 0]);
      const strict = adapter.parse('conn c\n    right=192.0.2.1\n    esp=aes256-sha256-modp2048!\n    auto=add\n', 'ipsec.conf').tunnels[0];
      expect(strict.phase2[0].pfsGroups.value).to.deep.equal([14]);
    });
  });

  describe('syntax details', () => {
    it('swanctl: one-line sections, quoted values with spaces and #, comments, merged duplicate sections, last value wins', () => {
      const conf = [
        'connections {',
        '  c { remote_addrs = 192.0.2.1 }   # one line',
        '  c {',
        '    local { auth = psk }',
        '    local { id = "gw one #1" }',
        '    rekey_time = 1h',
        '    rekey_time = 2h',
        '    dpd_delay = 90',
        '  }',
        '}',
        'secrets { ike { secret = "a b # c" } }',
      ].join('\n');
      const t = valid(adapter.parse(conf, 's.conf')).tunnels[0];
      expect(t.remoteGateway).to.deep.equal({ value: '192.0.2.1', raw: 'remote_addrs = 192.0.2.1', origin: 'explicit', at: at('s.conf', 2) });
      expect(t.auth.method.at).to.deep.equal(at('s.conf', 4));
      expect(t.auth.localId).to.deep.equal({ value: 'gw one #1', raw: 'id = "gw one #1"', origin: 'explicit', at: at('s.conf', 5) });
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 7200, raw: 'rekey_time = 2h', unit: 'time-string', origin: 'explicit', at: at('s.conf', 7) });
      expect(t.dpd.delaySeconds?.value).to.equal(90);
      expect(t.auth.psk?.value).to.equal(pskFingerprint('a b # c'));
      expect(t.auth.psk?.at).to.deep.equal(at('s.conf', 11));
    });

    it('swanctl: a quoted value over several lines keeps the line of its key; escapes are read', () => {
      const conf = 'connections {\n  c {\n    remote_addrs = 192.0.2.1\n    local {\n      id = "CN=gw,\\\n O=Example"\n      auth = psk\n    }\n  }\n}\n';
      const t = adapter.parse(conf, 'q.conf').tunnels[0];
      expect(t.auth.localId?.value).to.equal('CN=gw, O=Example');
      expect(t.auth.localId?.at).to.deep.equal(at('q.conf', 5));
      expect(t.auth.method.at).to.deep.equal(at('q.conf', 7));
    });

    it('times: single unit or bare seconds, any other form is refused', () => {
      for (const [v, s] of [
        ['1d', 86400],
        ['30m', 1800],
        ['45', 45],
        ['90s', 90],
        ['2H', 7200],
      ] as const) {
        expect(adapter.parse(swanctl(`    rekey_time = ${v}`), 't.conf').tunnels[0].phase1.lifetimeSeconds.value, v).to.equal(s);
      }
      expect(parseErrorOf(() => adapter.parse(swanctl('    rekey_time = 1h30m'), 't.conf')).located).to.equal(
        't.conf:4: expected a time for rekey_time like 4h, 30m, 1d or plain seconds, found "1h30m"',
      );
    });

    it('selectors: hosts, %any, IPv6, protocol on every entry', () => {
      const t = adapter.parse(swanctl('', 'local_ts = 10.0.0.1, 2001:db8::/48\nremote_ts = 0.0.0.0/0[tcp], %any6[tcp/443]'), 'ts.conf').tunnels[0];
      expect(t.phase2[0].localSelectors.value).to.deep.equal(['10.0.0.1/32', '2001:db8::/48']);
      expect(t.phase2[0].remoteSelectors.value).to.deep.equal(['0.0.0.0/0', '::/0']);
      expect(t.phase2[0].ipProtocol).to.equal(undefined); // local entries carry no protocol: mixed
      const tcp = adapter.parse(swanctl('', 'local_ts = 10.0.0.0/24[tcp]\nremote_ts = 10.9.0.0/24[tcp/22]'), 'ts.conf').tunnels[0];
      expect(tcp.phase2[0].ipProtocol).to.deep.equal({ value: 6, raw: 'local_ts = 10.0.0.0/24[tcp]', origin: 'explicit', at: at('ts.conf', 7) });
    });

    it('unusable proposals are diagnostics; a list with none usable is an input error', () => {
      const d = adapter.parse(swanctl('    proposals = aes256-sha256-modp2048, aes256-sha999-modp2048, aes256-sha256-ke1_mlkem768-ecp256'), 'p.conf');
      expect(d.tunnels[0].phase1.proposals.value).to.deep.equal([
        { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
        { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [19] },
      ]);
      expect(d.diagnostics.map((x) => [x.level, x.at?.line])).to.deep.equal([
        ['warning', 4],
        ['warning', 4],
      ]);
      expect(d.diagnostics[0].message).to.equal(
        'connection "c": IKE proposal "aes256-sha999-modp2048" is not usable (unknown algorithm keyword \'sha999\'): charon refuses it, left out',
      );
      expect(d.diagnostics[1].message).to.include('additional key exchange "ke1_mlkem768"');
      expect(parseErrorOf(() => adapter.parse(swanctl('    proposals = aes256-sha999-modp2048'), 'p.conf')).located).to.equal(
        'p.conf:4: expected at least one IKE proposal strongSwan accepts in proposals, found "aes256-sha999-modp2048"',
      );
    });

    it('ipsec.conf: comments after whitespace, quoted values, `version 2.0`, empty value = built-in default', () => {
      const conf =
        'version 2.0\n\nconn %default\n    ikelifetime=8h\n\nconn c   # main tunnel\n    right=192.0.2.1   # peer\n    rightid="CN=peer, O=Example"\n    ikelifetime=\n    auto=add\n';
      const t = adapter.parse(conf, 'ipsec.conf').tunnels[0];
      expect(t.name).to.equal('c');
      expect(t.remoteGateway.value).to.equal('192.0.2.1');
      expect(t.auth.remoteId?.value).to.equal('CN=peer, O=Example');
      expect(t.phase1.lifetimeSeconds).to.deep.equal({ value: 10800, raw: 'ikelifetime=3h', unit: 'time-string', origin: 'default' });
    });

    it('ipsec.conf: also= chains, an undefined also= target is a warning naming the line', () => {
      const conf = 'conn a\n    also=b\n    auto=add\n\nconn b\n    also=c\n    also=missing\n\nconn c\n    right=192.0.2.7\n    ikelifetime=2h\n';
      const d = adapter.parse(conf, 'ipsec.conf');
      expect(d.tunnels.map((t) => t.name)).to.deep.equal(['a']);
      expect(d.tunnels[0].remoteGateway.at).to.deep.equal(at('ipsec.conf', 10));
      expect(d.tunnels[0].phase1.lifetimeSeconds.value).to.equal(7200);
      expect(d.diagnostics).to.deep.equal([
        { level: 'warning', message: 'conn b: also=missing names a conn that is not defined: its parameters are missing', at: at('ipsec.conf', 7) },
        {
          level: 'info',
          message: 'conn a: no leftsubnet and left= names no single address, so the left selector (the left host) is only known at runtime',
          at: at('ipsec.conf', 1),
        },
      ]);
    });
  });

  describe('bad input', () => {
    const bad = (name: string) => `fixtures/strongswan/bad/${name}`;

    it('a truncated swanctl.conf names the line of the section left open', () => {
      const e = parseErrorOf(() => adapter.parse(text(bad('truncated.swanctl.conf')), bad('truncated.swanctl.conf')));
      expect(e.located).to.equal(
        'fixtures/strongswan/bad/truncated.swanctl.conf:6: expected "}" to close section "net" opened on this line, found the end of the file',
      );
    });

    it('a stray closing brace', () => {
      const e = parseErrorOf(() => adapter.parse(text(bad('stray-brace.swanctl.conf')), bad('stray-brace.swanctl.conf')));
      expect(e.located).to.equal('fixtures/strongswan/bad/stray-brace.swanctl.conf:12: unexpected "}": no section is open here');
    });

    it('an unknown time unit', () => {
      const e = parseErrorOf(() => adapter.parse(text(bad('unknown-time-unit.swanctl.conf')), bad('unknown-time-unit.swanctl.conf')));
      expect(e.located).to.equal(
        'fixtures/strongswan/bad/unknown-time-unit.swanctl.conf:5: expected a time for rekey_time like 4h, 30m, 1d or plain seconds, found "4x"',
      );
    });

    it('ipsec.conf: a compound duration starter refuses, and a parameter outside any section', () => {
      expect(parseErrorOf(() => adapter.parse(text(bad('compound-duration.ipsec.conf')), bad('compound-duration.ipsec.conf'))).located).to.equal(
        'fixtures/strongswan/bad/compound-duration.ipsec.conf:5: expected a time for ikelifetime like 4h, 30m, 1d or plain seconds, found "1h30m"',
      );
      expect(parseErrorOf(() => adapter.parse(text(bad('unindented.ipsec.conf')), bad('unindented.ipsec.conf'))).located).to.equal(
        'fixtures/strongswan/bad/unindented.ipsec.conf:6: expected "conn NAME", "config setup", "ca NAME" or "include FILE" at the start of a line, found "left=203.0.113.10"',
      );
    });

    it('a garbled ipsec.secrets entry: file and line, never the line itself', () => {
      const e = parseErrorOf(() =>
        parseIpsecConf('conn c\n    right=192.0.2.81\n    authby=secret\n    auto=add\n', 'etc/ipsec.conf', text(bad('garbled.ipsec.secrets'))),
      );
      expect(e.located).to.equal('etc/ipsec.secrets:2: expected an ipsec.secrets entry like `ID ID : PSK "secret"`');
      expect(e.message).to.not.include('Sup3r');
    });

    it('values that matter: selector, mode, yes/no, version, keyexchange', () => {
      expect(parseErrorOf(() => adapter.parse(swanctl('', 'local_ts = 10.0.0/24'), 'b.conf')).located).to.equal(
        'b.conf:7: expected a subnet, address, range or dynamic in local_ts, found "10.0.0/24"',
      );
      expect(parseErrorOf(() => adapter.parse(swanctl('', 'mode = tunel'), 'b.conf')).located).to.equal(
        'b.conf:7: expected tunnel, transport, transport_proxy, beet, pass or drop for mode, found "tunel"',
      );
      expect(parseErrorOf(() => adapter.parse(swanctl('    encap = maybe'), 'b.conf')).located).to.equal(
        'b.conf:4: expected yes or no for encap, found "maybe"',
      );
      expect(parseErrorOf(() => adapter.parse(swanctl('    version = 3'), 'b.conf')).located).to.equal('b.conf:4: expected 0, 1 or 2 for version, found "3"');
      // vici takes no unit suffix on byte counts
      expect(parseErrorOf(() => adapter.parse(swanctl('', 'rekey_bytes = 500m'), 'b.conf')).located).to.equal(
        'b.conf:7: expected a number of bytes for rekey_bytes like 500000000, found "500m"',
      );
      expect(adapter.parse(swanctl('', 'rekey_bytes = 0x100000'), 'b.conf').tunnels[0].phase2[0].lifetimeKilobytes.value).to.equal(1024);
      expect(parseErrorOf(() => adapter.parse('conn c\n    keyexchange=ikev3\n', 'ipsec.conf')).located).to.equal(
        'ipsec.conf:2: expected ike, ikev1, ikev2 for keyexchange, found "ikev3"',
      );
    });

    it('syntax errors: a setting without "=", an unterminated string', () => {
      expect(parseErrorOf(() => adapter.parse('connections {\n  c {\n    remote_addrs 192.0.2.1\n  }\n}\n', 'b.conf')).located).to.equal(
        'b.conf:3: expected "=" or "{" after "remote_addrs", found "1"',
      );
      expect(parseErrorOf(() => adapter.parse('connections {\n  c {\n    local { id = "open\n  }\n}\n', 'b.conf')).located).to.equal(
        'b.conf:3: expected a closing `"` for the string that starts here',
      );
    });

    it('empty, strongswan.conf, ipsec.secrets alone: not a configuration to compare', () => {
      expect(parseErrorOf(() => adapter.parse('', 'e.conf')).located).to.equal('e.conf:1: expected swanctl.conf or ipsec.conf content, found an empty file');
      expect(parseErrorOf(() => parseSwanctl('  \n', 'e.conf')).located).to.equal(
        'e.conf:1: expected swanctl.conf sections such as "connections { … }", found an empty file',
      );
      expect(parseErrorOf(() => parseSwanctl('charon {\n  load_modular = yes\n}\n', 'strongswan.conf')).located).to.equal(
        'strongswan.conf:1: expected a swanctl.conf "connections { … }" section, found none (is this strongswan.conf?)',
      );
      const e = parseErrorOf(() => adapter.parse(text(SECRETS), SECRETS));
      expect(e.located).to.equal(
        'fixtures/strongswan/legacy/ipsec.secrets:1: this is an ipsec.secrets file: compare the ipsec.conf (its secrets are read together with it)',
      );
    });
  });

  describe('secrets', () => {
    it('no secret appears in any Device, diagnostic or raw', () => {
      const devices = [hq(), legacy(), adapter.parse(text(TEMPLATES), TEMPLATES), adapter.parse(text(HQ), HQ)];
      const json = JSON.stringify(devices);
      for (const secret of [
        'Br4nch-B uplink key',
        '4d79506172746e65724b6579',
        'MyPartnerKey',
        'spoke shared secret',
        'Fr4nkfurt-tunnel-2019',
        'TWlrcm9UaWsgdjEga2V5',
        'MikroTik v1 key',
        'rw-group-secret',
      ]) {
        expect(json).to.not.include(secret);
      }
    });

    it('the same key written as text, hex and base64 has one fingerprint', () => {
      const conf = (s: string) => `connections {\n  c {\n    remote_addrs = 192.0.2.1\n    local { auth = psk }\n  }\n}\nsecrets { ike { secret = ${s} } }\n`;
      const fp = (s: string) => adapter.parse(conf(s), 'k.conf').tunnels[0].auth.psk?.value;
      expect(fp('"MyPartnerKey"')).to.equal(pskFingerprint('MyPartnerKey'));
      expect(fp('0x4d79506172746e65724b6579')).to.equal(pskFingerprint('MyPartnerKey'));
      expect(fp('0sTXlQYXJ0bmVyS2V5')).to.equal(pskFingerprint('MyPartnerKey'));
    });

    it('a PSK connection without a matching secret: not comparable, and said so', () => {
      const d = adapter.parse(
        'connections {\n  c {\n    remote_addrs = 192.0.2.1\n    local { auth = psk }\n  }\n}\nsecrets { ike-x { id = 192.0.2.200\n secret = k } }\n',
        'n.conf',
      );
      expect(d.tunnels[0].auth.psk).to.deep.equal({
        value: PSK_UNKNOWN,
        raw: 'secrets { ike… } has no matching entry',
        origin: 'inferred',
        at: at('n.conf', 2),
      });
      expect(d.diagnostics.map((x) => x.message)).to.deep.equal([
        'connection "c" uses a PSK but no secrets.ike… section matches its identities (192.0.2.1): it may be in a file that was not read',
        'connection "c" has no children: no CHILD_SA (traffic selectors) is configured',
      ]);
    });
  });

  describe('fix', () => {
    const fix = (d: Device, tunnelName: string, req: Omit<FixRequest, 'device' | 'tunnel'> & { phase2Name?: string }) => {
      const t = tunnel(d, tunnelName);
      const phase2 = req.phase2Name ? child(t, req.phase2Name) : undefined;
      return adapter.fix({ ...req, device: d, tunnel: t, phase2 } as FixRequest);
    };

    it('swanctl.conf: dot-notation settings in the connection or child, then swanctl --load-conns', () => {
      const d = hq();
      expect(fix(d, 'branch-b', { field: 'phase1.lifetimeSeconds', target: 28800 } as never)).to.equal(
        'connections.branch-b.rekey_time = 8h\n(then: swanctl --load-conns)',
      );
      expect(fix(d, 'branch-b', { field: 'phase2.lifetimeSeconds', target: 5400, phase2Name: 'lan' } as never)).to.equal(
        'connections.branch-b.children.lan.rekey_time = 90m\n(then: swanctl --load-conns)',
      );
      expect(
        fix(d, 'branch-b', {
          field: 'phase1.proposals',
          target: [{ encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20] }],
        } as never),
      ).to.equal('connections.branch-b.proposals = aes256gcm16-prfsha384-ecp384\n(then: swanctl --load-conns)');
      expect(fix(d, 'branch-b', { field: 'phase2.pfsGroups', target: [14], phase2Name: 'lan' } as never)).to.equal(
        'connections.branch-b.children.lan.esp_proposals = aes256gcm16-modp2048\n(then: swanctl --load-conns)',
      );
      expect(fix(d, 'branch-b', { field: 'phase2.remoteSelectors', target: ['10.20.0.0/16'], phase2Name: 'lan' } as never)).to.equal(
        'connections.branch-b.children.lan.remote_ts = 10.20.0.0/16\n(then: swanctl --load-conns)',
      );
      expect(fix(d, 'branch-b', { field: 'natt.mode', target: 'forced' } as never)).to.equal('connections.branch-b.encap = yes\n(then: swanctl --load-conns)');
      expect(fix(d, 'branch-b', { field: 'natt.mode', target: 'disabled' } as never)).to.equal(undefined);
      expect(fix(d, 'branch-b', { field: 'auth.psk', target: null } as never)).to.equal(
        'set the secret at fixtures/strongswan/hq/swanctl.conf:53 to the key the peer uses (not shown here)\n(then: swanctl --load-creds)',
      );
    });

    it('swanctl.conf IKEv1: rekey_time + over_time make the proposed lifetime', () => {
      const d = hq();
      expect(fix(d, 'partner-v1', { field: 'phase1.lifetimeSeconds', target: 28800 } as never)).to.equal(
        'connections.partner-v1.rekey_time = 437m\nconnections.partner-v1.over_time = 43m\n# IKEv1 proposes rekey_time + over_time = 8h\n(then: swanctl --load-conns)',
      );
      expect(fix(d, 'partner-v1', { field: 'phase2.lifetimeKilobytes', target: 4608000, phase2Name: 'partner-lan' } as never)).to.equal(
        'connections.partner-v1.children.partner-lan.life_bytes = 4718592000\n(then: swanctl --load-conns)',
      );
    });

    it('ipsec.conf: a conn block in every conn sharing the IKE_SA, strict proposals, then ipsec update', () => {
      const d = legacy();
      expect(fix(d, 'fra-servers', { field: 'phase1.lifetimeSeconds', target: 86400 } as never)).to.equal(
        'conn fra-servers\n    ikelifetime=1d\nconn fra-clients\n    ikelifetime=1d\n(then: ipsec update)',
      );
      expect(fix(d, 'fra-servers', { field: 'phase2.lifetimeSeconds', target: 3600, phase2Name: 'fra-clients' } as never)).to.equal(
        'conn fra-clients\n    lifetime=1h\n(then: ipsec update)',
      );
      expect(
        fix(d, 'mikrotik-v1', { field: 'phase1.proposals', target: [{ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] }] } as never),
      ).to.equal('conn mikrotik-v1\n    ike=aes256-sha256-modp2048!\n(then: ipsec update)');
      expect(
        fix(d, 'mikrotik-v1', {
          field: 'phase2.proposals',
          target: [{ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }],
          phase2Name: 'mikrotik-v1',
        } as never),
      ).to.equal('conn mikrotik-v1\n    esp=aes256-sha256!\n(then: ipsec update)');
      // right is this host in `lab`: the peer side is left
      expect(fix(d, 'lab', { field: 'phase2.localSelectors', target: ['10.10.98.0/23'], phase2Name: 'lab' } as never)).to.equal(
        'conn lab\n    rightsubnet=10.10.98.0/23\n(then: ipsec update)',
      );
      expect(fix(d, 'lab', { field: 'remoteGateway', target: '192.0.2.100' } as never)).to.equal('conn lab\n    left=192.0.2.100\n(then: ipsec update)');
      expect(fix(d, 'fra-servers', { field: 'dpd.delaySeconds', target: 10 } as never)).to.equal(
        'conn fra-servers\n    dpddelay=10s\nconn fra-clients\n    dpddelay=10s\n(then: ipsec update)',
      );
      expect(fix(d, 'fra-servers', { field: 'auth.psk', target: null } as never)).to.equal(
        'set the PSK entry at fixtures/strongswan/legacy/ipsec.secrets:5 to the key the peer uses (not shown here)\n(then: ipsec rereadsecrets)',
      );
      expect(fix(d, 'fra-servers', { field: 'natt.keepaliveSeconds', target: 30 } as never)).to.equal(
        'charon.keep_alive = 30s\n(strongswan.conf, applies to all connections; then restart charon)',
      );
    });
  });
});

// issue 13 (hostile suites): `a {` repeated gave "Maximum call stack size exceeded" with no line
describe('strongswan: deep nesting is a file:line error (issue 13)', () => {
  it('65 nested sections: the line of the 65th; 64 are still read', () => {
    const deep = (n: number) => `connections {\n${'a {\n'.repeat(n - 1)}${'}\n'.repeat(n)}`;
    expect(parseErrorOf(() => parseSwanctl(deep(65), 'deep.conf')).located).to.equal('deep.conf:65: nesting deeper than 64 sections: section "a"');
    expect(() => parseSwanctl(deep(64), 'deep.conf')).to.not.throw();
  });
  it('262,144 `a {` under connections: the same error, no stack overflow', () => {
    const e = parseErrorOf(() => adapter.parse(`connections {\n${'a {\n'.repeat(1 << 18)}`, 'deep.conf'));
    expect(e.located).to.equal('deep.conf:65: nesting deeper than 64 sections: section "a"');
  });
});

// issue 13 (hostile suites): state.read measured 8.6 s (Unicode spaces after a value) and
// 11.6 s (UTF-16 junk) at 32 KB in the first hostile run; not reproduced on main at 642c883 (ratio ≤ 2, < 1 ms) — kept so
describe('strongswan: the SA-state reader is linear on Unicode spaces and UTF-16 junk (issue 13)', function () {
  this.timeout(0);
  it(`state.read: 128 KB vs 32 KB of each, at most ${MAX_RATIO}× the time`, () => {
    const p = entryPoints(adapter).find((e) => e.name === 'state.read')!;
    const shapes = SHAPES.filter((s) => ['value followed by Unicode spaces', 'UTF-16 junk', 'every Unicode space, one per line'].includes(s.name));
    const bad = inputsFor(p, PLACEMENTS, shapes, false)
      .map((input) => verdict(p, input, 1 << 15, 1 << 17))
      .filter((v) => !v.ok)
      .map((v) => `${v.input}: ${v.threw ?? `${v.smallMs.toFixed(1)} ms → ${v.bigMs.toFixed(1)} ms`}`);
    expect(bad).to.deep.equal([]);
  });
});

// issue 13 (hostile property test, FUZZ_RUNS=2000, seed -1854180168): a repeated `conn-defaults {`
// line nests the spokes inside the section they inherit from; merging copied a section into
// itself and resolving the copy copied it again, until "Maximum call stack size exceeded"
describe('strongswan swanctl: a section inheriting from one that contains it (issue 13)', () => {
  it('is a warning naming the reference, never a stack overflow', () => {
    const lines = readText(`${ROOT}/fixtures/strongswan/templates.swanctl.conf`).split('\n');
    expect([lines[32], lines[5]]).to.deep.equal(['            }', 'conn-defaults {']);
    lines.splice(32, 0, lines[32]);
    lines.splice(5, 0, lines[5]);
    const d = adapter.parse(lines.join('\n'), 't.conf');
    expect(d.tunnels).to.deep.equal([]);
    expect(d.diagnostics.filter((x) => x.message.includes('which contains it'))).to.deep.equal(
      [28, 38, 49].map((line, i) => ({
        level: 'warning',
        message: `section "spoke-${i + 1}" inherits from "conn-defaults", which contains it: reference ignored`,
        at: { file: 't.conf', line },
      })),
    );
  });
});
