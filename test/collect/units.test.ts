/** The collector's pure parts: source URLs, known_hosts matching, the terminal model, redaction, volatile lines, atomic writes. */
import { expect } from 'chai';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterById } from '../../adapters/index.js';
import {
  checkKnownHosts,
  fingerprint,
  hostFieldMatches,
  KnownHosts,
  keyTypeOf,
  parseKnownHosts,
  preferredHostKeyAlgorithms,
  verifyHostKey,
} from '../../src/collect/hostkeys.js';
import { redact, removeVolatile, snapshotName, snapshotText, writeAtomic } from '../../src/collect/snapshot.js';
import { isLiveSource, parseSource } from '../../src/collect/source.js';
import { TerminalLines } from '../../src/collect/terminal.js';
import { silenceLibraryDebug } from '../../adapters/routeros/api-session.js';
import { PSK_UNKNOWN } from '../../src/model/secrets.js';
import { UsageError } from '../../src/model/errors.js';
import { fixturePath, readText, ROOT } from '../helpers.js';
import { parseInventory } from '../../src/audit/inventory.js';
import { inventorySpecs } from '../../src/collect/live.js';

/** An SSH public key blob: string type, then key bytes (enough for matching and fingerprints). */
function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const b = Buffer.from(body);
  const out = Buffer.alloc(8 + t.length + b.length);
  out.writeUInt32BE(t.length, 0);
  t.copy(out, 4);
  out.writeUInt32BE(b.length, 4 + t.length);
  b.copy(out, 8 + t.length);
  return out;
}

describe('collect: live source URLs', () => {
  it('ssh with port and vendor; origin drops the query', () => {
    expect(parseSource('ssh://netops@198.51.100.1:2222?vendor=asa')).to.deep.equal({
      transport: 'ssh',
      user: 'netops',
      host: '198.51.100.1',
      port: 2222,
      vendor: 'asa',
      origin: 'ssh://netops@198.51.100.1:2222',
    });
    expect(parseSource('ssh://netops@asa-hq.example.net').origin).to.equal('ssh://netops@asa-hq.example.net');
    expect(parseSource('ssh://netops@asa-hq.example.net').port).to.equal(22);
  });

  it('RouterOS API ports and the implied vendor; IPv6 literal', () => {
    expect(parseSource('routeros://api@203.0.113.2')).to.include({ transport: 'routeros', port: 8728, vendor: 'routeros' });
    expect(parseSource('routeros+tls://api@203.0.113.2')).to.include({ transport: 'routeros+tls', port: 8729, origin: 'routeros+tls://api@203.0.113.2' });
    expect(parseSource('ssh://admin@[2001:db8::1]:2222?vendor=fortigate')).to.include({
      host: '2001:db8::1',
      port: 2222,
      origin: 'ssh://admin@[2001:db8::1]:2222',
    });
  });

  it('refuses a password in the URL without echoing it, and unknown parameters', () => {
    expect(() => parseSource('ssh://admin:hunter2@host')).to.throw(UsageError, 'ssh://admin@host: a password in the URL is refused');
    try {
      parseSource('ssh://admin:hunter2@host');
    } catch (e) {
      expect((e as Error).message).not.to.contain('hunter2');
    }
    expect(() => parseSource('ssh://admin@host?vendr=asa')).to.throw(UsageError, 'unknown parameter "vendr"');
    expect(() => parseSource('ssh://host')).to.throw(UsageError, 'expected a user name');
    expect(() => parseSource('routeros://api@h?vendor=asa')).to.throw(UsageError, 'always RouterOS');
    expect(isLiveSource('fixtures/asa/x.txt')).to.equal(false);
    expect(isLiveSource('SSH://a@b')).to.equal(true);
  });
});

describe('collect: known_hosts', () => {
  const ed = blob('ssh-ed25519', 'key-one');
  const ed2 = blob('ssh-ed25519', 'key-two');
  const rsa = blob('ssh-rsa', 'rsa-key');

  it('fingerprints as ssh-keygen prints them (SHA256:, base64 without padding) and reads the key type', () => {
    expect(fingerprint(ed)).to.equal(`SHA256:${createHash('sha256').update(ed).digest('base64').replace(/=+$/, '')}`);
    expect(fingerprint(ed)).not.to.match(/=$/);
    expect(keyTypeOf(ed)).to.equal('ssh-ed25519');
    expect(keyTypeOf(Buffer.alloc(2))).to.equal('unknown');
  });

  it('host fields: plain, lists, [host]:port, wildcards, negation, hashed', () => {
    expect(hostFieldMatches('fw1,198.51.100.1', '198.51.100.1', 22)).to.equal(true);
    expect(hostFieldMatches('198.51.100.1', '198.51.100.1', 2222)).to.equal(false); // a port other than 22 needs [host]:port
    expect(hostFieldMatches('[198.51.100.1]:2222', '198.51.100.1', 2222)).to.equal(true);
    expect(hostFieldMatches('*.example.net,!bad.example.net', 'fw.example.net', 22)).to.equal(true);
    expect(hostFieldMatches('*.example.net,!bad.example.net', 'bad.example.net', 22)).to.equal(false);
    expect(hostFieldMatches('fw?.example.net', 'fw7.example.net', 22)).to.equal(true);
    const salt = Buffer.from('0123456789abcdefghij');
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[fw.example.net]:2222').digest('base64')}`;
    expect(hostFieldMatches(hashed, 'fw.example.net', 2222)).to.equal(true);
    expect(hostFieldMatches(hashed, 'fw.example.net', 22)).to.equal(false);
  });

  it('verdicts: known, unknown, changed (also when only another key type is on record), revoked', () => {
    const entries = parseKnownHosts(
      `# comment\n\nfw1 ssh-ed25519 ${ed.toString('base64')}\nfw2 ssh-rsa ${rsa.toString('base64')}\n@revoked * ssh-ed25519 ${ed2.toString('base64')}\n@cert-authority *.example.net ssh-ed25519 AAAA\nbroken-line\n`,
    );
    expect(entries.map((e) => `${e.marker ?? ''}${e.hosts}:${e.line}`)).to.deep.equal(['fw1:3', 'fw2:4', '@revoked*:5', '@cert-authority*.example.net:6']);
    expect(checkKnownHosts(entries, 'fw1', 22, ed)).to.deep.equal({ status: 'known', line: 3 });
    expect(checkKnownHosts(entries, 'fw9', 22, ed).status).to.equal('unknown');
    expect(checkKnownHosts(entries, 'fw1', 22, blob('ssh-ed25519', 'other'))).to.include({ status: 'changed', line: 3 });
    expect(checkKnownHosts(entries, 'fw2', 22, ed)).to.include({ status: 'changed', line: 4 });
    expect(checkKnownHosts(entries, 'fw9', 22, ed2)).to.include({ status: 'revoked', line: 5 });
    expect(preferredHostKeyAlgorithms(entries, 'fw2', 22)).to.deep.equal(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferredHostKeyAlgorithms(entries, 'fw9', 22)).to.equal(undefined);
  });

  it('accept-new appends in OpenSSH form ([host]:port when not 22), with a newline before it when the file lacks one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-'));
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `fw1 ssh-ed25519 ${ed.toString('base64')}`);
    const kh = new KnownHosts(file);
    expect(verifyHostKey({ knownHosts: kh, acceptNew: true }, 'fw2', 2222, ed2)).to.equal(undefined);
    expect(readFileSync(file, 'utf8')).to.equal(`fw1 ssh-ed25519 ${ed.toString('base64')}\n[fw2]:2222 ssh-ed25519 ${ed2.toString('base64')}\n`);
    expect(kh.check('fw2', 2222, ed2).status).to.equal('known');
    // a changed key is never accepted, accept-new or not
    const refused = verifyHostKey({ knownHosts: kh, acceptNew: true }, 'fw1', 22, ed2);
    expect(refused?.kind).to.equal('changed');
    expect(refused?.message).to.contain(`${file}:1`);
  });
});

describe('collect: terminal lines', () => {
  it('CR returns to the line start (pager erase), backspaces, ANSI and OSC sequences, split escapes', () => {
    const t = new TerminalLines();
    t.write('line one\r\n<--- More --->');
    t.clearCurrentLine();
    t.write('\r              \rline two\r\n');
    t.write('abc\b\b\bxyz\r\n');
    t.write('\x1b]0;cmd.exe\x07\x1b[?25lhid');
    t.write('den\x1b[');
    t.write('?25h\r\nprompt> ');
    expect(t.takeLines()).to.deep.equal(['line one', 'line two', 'xyz', 'hidden']);
    expect(t.currentLine()).to.equal('prompt> ');
  });

  it('ESC[K erases to the end of the line; multi-byte UTF-8 split across chunks', () => {
    const t = new TerminalLines();
    t.write('12345\r\x1b[Kab\n');
    const euro = Buffer.from('€ ok\n');
    t.write(euro.subarray(0, 1));
    t.write(euro.subarray(1));
    expect(t.takeLines()).to.deep.equal(['ab', '€ ok']);
  });
});

describe('collect: snapshots', () => {
  it('FortiGate: psksecret and passwords become ENC <redacted>, which the adapter reads as not readable', () => {
    const text = readText(fixturePath('fortigate', 'hq-show-full-session.txt'));
    const snap = redact(text, 'fortigate');
    expect(snap).not.to.contain('5fH0kR2pZ2xIbWc4dUR6b0JjV1pGdmJ5Q0x0a3ZKc3p6bW9sY0VxR1JlWkpnS2lzT1NqZ0VnPT0=');
    expect(snap).to.contain('        set psksecret ENC <redacted>\n');
    const d = adapterById('fortigate')!.parse(snap, 'snap.conf');
    expect(d.tunnels.every((t) => t.auth.psk === undefined || t.auth.psk.value === PSK_UNKNOWN)).to.equal(true);
  });

  it('Cisco: every pre-shared-key form, isakmp keys, enable/username secrets, keyring keys', () => {
    const lines = [
      ' ikev1 pre-shared-key Br1-Key',
      ' ikev2 remote-authentication pre-shared-key 0 Rem-Key',
      ' ikev2 local-authentication pre-shared-key Loc-Key',
      'crypto isakmp key 0 Isakmp-Key address 203.0.113.1',
      '  pre-shared-key address 192.0.2.50 key Ring-Key',
      '  pre-shared-key local Local-Ring',
      'enable secret 9 $9$hash',
      'username netops privilege 15 secret 9 $9$userhash',
      'snmp-server community Comm-Str RO',
      ' crypto map OUTSIDE_MAP 10 set peer 198.51.100.2',
    ];
    expect(redact(lines.join('\n'), 'ios').split('\n')).to.deep.equal([
      ' ikev1 pre-shared-key <redacted>',
      ' ikev2 remote-authentication pre-shared-key 0 <redacted>',
      ' ikev2 local-authentication pre-shared-key <redacted>',
      'crypto isakmp key 0 <redacted> address 203.0.113.1',
      '  pre-shared-key address 192.0.2.50 key <redacted>',
      '  pre-shared-key local <redacted>',
      'enable secret 9 <redacted>',
      'username netops privilege 15 secret 9 <redacted>',
      'snmp-server community <redacted> RO',
      ' crypto map OUTSIDE_MAP 10 set peer 198.51.100.2',
    ]);
  });

  it('RouterOS, Windows (netsh, Format-List, JSON), pfSense XML and PEM private keys', () => {
    expect(redact('add auth-method=pre-shared-key peer=hq secret="a b c" comment=x', 'routeros')).to.equal(
      'add auth-method=pre-shared-key peer=hq secret=<redacted> comment=x',
    );
    expect(redact('Auth1PSK:                             Br4nch-07!shared', 'windows-netsh')).to.equal('Auth1PSK:                             <redacted>');
    expect(redact('SharedSecret           : s3cret', 'windows-rras')).to.equal('SharedSecret           : <redacted>');
    expect(redact('  "SharedSecret":  "s3cret",', 'windows-rras')).to.equal('  "SharedSecret":  "<redacted>",');
    expect(redact('\t<pre-shared-key>s3cret</pre-shared-key>\n<bcrypt-hash>$2y$10$x</bcrypt-hash>', 'pfsense')).to.equal(
      '\t<pre-shared-key>&lt;redacted&gt;</pre-shared-key>\n<bcrypt-hash>&lt;redacted&gt;</bcrypt-hash>',
    );
    // CRLF text (a transcript saved on Windows): the CR must not shield the secret from the line rules
    expect(redact('Auth1PSK:                             Br4nch-07!shared\r\nAuth2: None\r\n', 'windows-netsh')).to.equal(
      'Auth1PSK:                             <redacted>\nAuth2: None\n',
    );
    // line for line (a parser counting lines or quotes reads the same structure): each key line is <redacted>
    expect(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIE\nabcd\n-----END RSA PRIVATE KEY-----', 'unknown-vendor')).to.equal(
      '-----BEGIN RSA PRIVATE KEY-----\n<redacted>\n<redacted>\n-----END RSA PRIVATE KEY-----',
    );
  });

  it('every fixture of every vendor, redacted, still parses; Windows and pfSense then read the PSK as unknown', () => {
    const cases: Array<[string, string]> = [
      ['windows-netsh', fixturePath('windows-netsh', 'gateway-transcript.txt')],
      ['pfsense', fixturePath('pfsense', 'hq-2.7.xml')],
      ['opnsense', fixturePath('opnsense', 'connections-25.1.xml')],
      ['fortigate', fixturePath('fortigate', 'hq-show-full-session.txt')],
      ['routeros', fixturePath('routeros', 'v7-two-peers.rsc')],
      ['asa', fixturePath('asa', 'asa-hq-running-config.txt')],
      ['ios', fixturePath('ios', 'br1-rtr-running-config.cfg')],
    ];
    for (const [vendor, file] of cases) {
      const raw = readFileSync(file, 'utf8');
      const d = adapterById(vendor)!.parse(snapshotText(raw, vendor), 'snap');
      expect(d.tunnels.length, vendor).to.equal(adapterById(vendor)!.parse(readText(file), 'file').tunnels.length);
      if (vendor === 'windows-netsh' || vendor === 'pfsense' || vendor === 'fortigate') {
        for (const t of d.tunnels) if (t.auth.psk) expect(t.auth.psk.value, `${vendor} ${t.name}`).to.be.oneOf([PSK_UNKNOWN, 'absent']);
      }
    }
  });

  it('volatile lines go, the RouterOS version stays (its parser needs it)', () => {
    expect(
      removeVolatile(
        '#config-version=FGT60F-7.2.5-FW-build1517:opmode=0:vdom=0:user=admin\n#conf_file_ver=123456789\n#buildno=1517\nconfig system global\n',
        'fortigate',
      ),
    ).to.equal('#config-version=FGT60F-7.2.5-FW-build1517:opmode=0:vdom=0:user=admin\nconfig system global\n');
    expect(
      removeVolatile(
        '! Last configuration change at 10:01:02 UTC Mon Mar 4 2024 by netops\n! NVRAM config last updated at 10:01:05 UTC Mon Mar 4 2024\nCurrent configuration : 4312 bytes\nhostname r1',
        'ios',
      ),
    ).to.equal('hostname r1');
    expect(removeVolatile(': Written by enable_15 at 10:23:11.123 UTC Tue Mar 3 2024\nCryptochecksum:0a1b2c3d 4e5f6a7b\nhostname asa-hq', 'asa')).to.equal(
      'hostname asa-hq',
    );
    expect(removeVolatile('# 2024-03-11 14:02:17 by RouterOS 7.12.1\n# software id = 4QZT-8VNM\n/ip ipsec peer', 'routeros')).to.equal(
      '# by RouterOS 7.12.1\n/ip ipsec peer',
    );
    expect(removeVolatile('# mar/11/2024 14:02:17 by RouterOS 6.49.7\n/ip ipsec peer', 'routeros')).to.equal('# by RouterOS 6.49.7\n/ip ipsec peer');
    expect(removeVolatile('\t\t<time>1700000000</time>\n\t<hostname>fw</hostname>', 'pfsense')).to.equal('\t<hostname>fw</hostname>');
  });

  it('two pulls of an unchanged RouterOS export give byte-identical snapshots', () => {
    const base = readText(fixturePath('routeros', 'v7-two-peers.rsc'));
    const later = base.replace('# 2024-03-11 14:02:17', '# 2024-03-12 02:00:03');
    expect(snapshotText(later, 'routeros')).to.equal(snapshotText(base, 'routeros'));
    expect(adapterById('routeros')!.parse(snapshotText(base, 'routeros'), 'snap.rsc').tunnels.length).to.equal(
      adapterById('routeros')!.parse(base, 'x.rsc').tunnels.length,
    );
  });

  it('snapshot names and atomic writes (no temp file left, old content replaced whole)', async () => {
    expect(snapshotName('ssh://netops@asa-hq.example.net:2222', 'asa')).to.equal('netops_asa-hq.example.net_2222.txt');
    expect(snapshotName('fgt-branch', 'fortigate')).to.equal('fgt-branch.conf');
    expect(snapshotName('ros', 'routeros')).to.equal('ros.rsc');
    const dir = mkdtempSync(join(tmpdir(), 'snap-'));
    const path = join(dir, 'a', 'b.conf');
    await writeAtomic(path, 'one\n');
    await writeAtomic(path, 'two\n');
    expect(readFileSync(path, 'utf8')).to.equal('two\n');
    expect(readdirSync(join(dir, 'a'))).to.deep.equal(['b.conf']);
    let refused = false;
    await writeAtomic(join(path, 'not-a-dir'), 'x').catch(() => (refused = true));
    expect(refused).to.equal(true);
    expect(existsSync(path)).to.equal(true);
  });
});

describe('collect: the inventory of docs/live.md', () => {
  it('validates, and gives one spec per url device with the defaults applied', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'live.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const specs = inventorySpecs(parseInventory(yaml, 'docs/live.md'));
    expect(
      specs.map((s) => `${s.name} ${s.source.origin} ${s.source.vendor ?? s.vendor} ${s.passwordEnv} ${s.enablePasswordEnv ?? '-'} ${s.snapshot ?? '-'}`),
    ).to.deep.equal([
      'asa-hq ssh://netops@asa-hq.example.net asa NETOPS_PW ASA_ENABLE -',
      'fgt-branch ssh://admin@10.0.0.1:2222 fortigate NETOPS_PW - fortigate/fgt-branch.conf',
      'ros-branch routeros://api@203.0.113.2 routeros ROS_API_PW - -',
      'fgt-dr ssh://admin@10.0.0.9 fortigate NETOPS_PW - -',
    ]);
    expect(specs[0].hostKey).to.equal('SHA256:mJ3yQ2n6f9Zy5k8oQ0m3b5J2xV7Ww1c4Yp8Tt6s2A0E');
  });

  it('host/user/port/transport instead of a url', () => {
    const inv = parseInventory(
      'devices:\n  - name: fgt\n    host: 10.0.0.1\n    port: 2222\n    user: admin\n    vendor: fortigate\n  - name: ros\n    host: 2001:db8::2\n    user: api\n    transport: routeros+tls\n',
      'inv.yaml',
    );
    expect(inv.devices.map((d) => d.url)).to.deep.equal(['ssh://admin@10.0.0.1:2222', 'routeros+tls://api@[2001:db8::2]']);
    expect(inventorySpecs(inv).map((s) => `${s.source.origin} ${s.source.vendor ?? s.vendor}`)).to.deep.equal([
      'ssh://admin@10.0.0.1:2222 fortigate',
      'routeros+tls://api@[2001:db8::2] routeros',
    ]);
  });

  it('a malformed host-key pin is an input error with its line', () => {
    try {
      parseInventory('devices:\n  - name: a\n    url: ssh://x@h?vendor=asa\n    host-key: md5:aa:bb\n', 'inv.yaml');
      expect.fail('accepted a malformed pin');
    } catch (e) {
      expect((e as { located: string }).located).to.match(/^inv\.yaml:4: \/devices\/0\/host-key: must match pattern/);
    }
  });
});

describe('collect: node-routeros debug output', () => {
  it('stays off even with DEBUG=routeros-api:* (it would print the login password and every secret=)', async () => {
    const { createRequire } = await import('node:module');
    const req = createRequire(createRequire(import.meta.url).resolve('node-routeros'));
    const debug = req('debug') as ((ns: string) => { enabled: boolean }) & { enable(ns: string): void; disable(): string };
    const before = debug.disable();
    try {
      debug.enable('routeros-api:*,other:*');
      expect(debug('routeros-api:connector:transmitter:info').enabled).to.equal(true);
      silenceLibraryDebug();
      expect(debug('routeros-api:connector:transmitter:info').enabled).to.equal(false);
      expect(debug('other:thing').enabled).to.equal(true);
    } finally {
      debug.enable(before);
    }
  });
});
