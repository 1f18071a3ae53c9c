/**
 * `ipsec-drift state A B` and `compare A B --state` end to end: formats, exit codes, input errors
 * as file:line, the HTML state section with linked SPIs, detection of every real listing, and no
 * key printed by any listing (FortiGate, RouterOS) in any output or error.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { pickStateReader } from '../../src/cli/commands/state.js';
import { snapshotText } from '../../src/collect/snapshot.js';
import { validateSaState } from '../../src/model/state-schema.js';
import { validateReport } from '../../src/model/schema.js';
import { filesUnder, fixturePath, readText, REAL_CONFIGS } from '../helpers.js';
import { captureIo } from '../io.js';

const OVERLAP = [
  fixturePath('state', 'fortigate', 'dc-rekey-overlap-session.txt'),
  fixturePath('state', 'asa', 'branch12-rekey-overlap-show-crypto-ipsec-sa.txt'),
];
const STALE_DIR = fixturePath('state', 'pairs', 'fgt-asa-stale-after-reboot');
const STALE = [join(STALE_DIR, 'fgt-dc.txt'), join(STALE_DIR, 'asa-br12.txt')];
const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-state-'));

/** Every key a listing prints, by each platform's syntax: FortiGate ESP/AH keys and IKE SK_*, RouterOS auth-key/enc-key (joined over their wrap). */
function listingKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/\bkey=\d+ ([0-9a-f]{8,})/gi)) keys.add(m[1]);
  for (const m of text.matchAll(/^\s*(?:SK_[a-z]+|key):\s*([0-9a-f-]{16,})\s*$/gim)) for (const part of m[1].split('-')) keys.add(part);
  for (const m of text.matchAll(/\b(?:auth|enc)-key="([^"]*)"/g)) {
    const joined = m[1].replace(/\s+/g, '');
    keys.add(joined);
    for (const line of m[1].split('\n')) if (line.trim().length >= 8) keys.add(line.trim());
  }
  return [...keys].filter((k) => k.length >= 8);
}

describe('state command', () => {
  it('a clean rekey overlap: table, exit 0; the capture times and where they come from are said', async () => {
    const io = captureIo();
    expect(await run(['state', ...OVERLAP], io)).to.equal(0);
    expect(io.out).to.contain('captured ').and.to.contain("the file's modification time (the listing prints none)");
    expect(io.out).to.contain('0x4c1a77e3 ✓');
    expect(io.out).to.contain('No state findings.');
  });

  it('a stale SA: exit 1, the finding with its SPI and the fix, --fail-on none exits 0', async () => {
    const io = captureIo();
    expect(await run(['state', ...STALE], io)).to.equal(1);
    expect(io.out).to.contain('0x4c1a77e2 ✗ STALE');
    expect(io.out).to.contain('1. stale-sa — on A (');
    expect(io.out).to.contain('diagnose vpn tunnel flush to-branch12');
    expect(await run(['state', ...STALE, '--fail-on', 'none'], captureIo())).to.equal(0);
  });

  it('json: the report with both ends, their full state (valid against the state schema) and the findings', async () => {
    const io = captureIo();
    expect(await run(['state', ...STALE, '--format', 'json'], io)).to.equal(1);
    const r = JSON.parse(io.out);
    expect([r.kind, r.ends.map((e: { vendor: string }) => e.vendor), r.summary, r.skewSeconds]).to.deep.equal([
      'state',
      ['fortigate', 'asa'],
      { error: 1, warning: 0, info: 0 },
      60,
    ]);
    expect(validateSaState(r.states.a)).to.deep.equal([]);
    expect(validateSaState(r.states.b)).to.deep.equal([]);
    expect(r.findings.map((f: { rule: string; on: { sa: { spis: unknown } } }) => [f.rule, f.on.sa.spis])).to.deep.equal([
      ['stale-sa', { in: ['8d2f6a0f'], out: ['4c1a77e2'] }],
    ]);
    const row = r.ends[0].sas[0];
    expect(row.spis).to.deep.equal([
      { direction: 'in', spi: '8d2f6a0f', raw: 'spi=8d2f6a0f', status: 'stale' },
      { direction: 'out', spi: '4c1a77e2', raw: 'spi=4c1a77e2', status: 'stale' },
    ]);
  });

  it('html: both ends side by side, each matched SPI linked to its partner, the stale one marked in text', async () => {
    const out = join(tmp, 'state.html');
    expect(await run(['state', ...STALE, '--format', 'html', '--output', out], captureIo())).to.equal(1);
    const html = readFileSync(out, 'utf8');
    expect(html).to.contain('<h2 id="state-h">Runtime state</h2>');
    expect(html).to.contain('id="spi-a-out-0a5be2c4"');
    expect(html).to.contain('<a href="#spi-b-in-0a5be2c4">');
    expect(html).to.contain('<a href="#spi-a-out-0a5be2c4">');
    expect(html).to.match(
      /<span class="spi stale" id="spi-a-out-4c1a77e2" data-spi="4c1a77e2" data-status="stale">out <code>0x4c1a77e2<\/code> <span class="muted">\(STALE: no partner\)<\/span><\/span>/,
    );
    expect(html).to.contain('<pre>diagnose vpn tunnel flush to-branch12</pre>');
    expect(html).not.to.match(/<script/i);
  });

  it('--captured-at overrides the capture times (file times say nothing when files were copied): the time line decides what is compared', async () => {
    // the stale pair with the FortiGate listing taken 400 s after the ASA's: the FortiGate's SAs have no age in its listing, so they are still compared
    let io = captureIo();
    expect(await run(['state', ...STALE, '--captured-at', '2026-03-01T14:06:40Z', '--captured-at', '2026-03-01T14:00:00Z', '--format', 'json'], io)).to.equal(
      1,
    );
    const r = JSON.parse(io.out);
    expect(r.ends.map((e: { capturedAt: unknown }) => e.capturedAt)).to.deep.equal([
      { iso: '2026-03-01T14:06:40.000Z', source: 'given', raw: '2026-03-01T14:06:40Z' },
      { iso: '2026-03-01T14:00:00.000Z', source: 'given', raw: '2026-03-01T14:00:00Z' },
    ]);
    expect([r.offsetSeconds, r.findings[0].severity]).to.deep.equal([-400, 'error']);
    // more than ten skews apart: a stale SA is a warning (the listings are too far apart to be sure)
    io = captureIo();
    expect(await run(['state', ...STALE, '--captured-at', '2026-03-01T14:20:00Z', '--captured-at', '2026-03-01T14:00:00Z', '--format', 'json'], io)).to.equal(
      1,
    );
    expect(JSON.parse(io.out).findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`)).to.deep.equal(['stale-sa warning']);
    io = captureIo();
    expect(await run(['state', ...STALE, '--captured-at', 'yesterday'], io)).to.equal(2);
    expect(io.err).to.contain('--captured-at yesterday: expected an ISO 8601 time with its zone');
  });

  it('input errors: exit 2 with file:line and what was expected; usage errors', async () => {
    const bad = join(tmp, 'ping.txt');
    writeFileSync(bad, 'PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.1 ms\n');
    let io = captureIo();
    expect(await run(['state', bad, OVERLAP[1]], io)).to.equal(2);
    expect(io.err).to.match(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: not an SA listing any reader knows: expected the output of `));
    expect(io.err).not.to.match(/\n\s+at /);
    io = captureIo();
    expect(await run(['state', OVERLAP[0], OVERLAP[1], '--vendor', 'ios', '--vendor', 'asa'], io)).to.equal(2);
    expect(io.err).to.match(/dc-rekey-overlap-session\.txt:1: expected the output of `show crypto ipsec sa \[detail\]`/);
    io = captureIo();
    expect(await run(['state', OVERLAP[0]], io)).to.equal(2);
    expect(io.err).to.contain('state takes two inputs');
    io = captureIo();
    expect(await run(['state', ...OVERLAP, '--skew', 'soon'], io)).to.equal(2);
    expect(io.err).to.contain('--skew soon: expected whole seconds from 0 to 86400');
    io = captureIo();
    expect(await run(['state', ...OVERLAP, '--config', 'x.conf'], io)).to.equal(2);
    expect(io.err).to.contain('--config: give it twice');
    io = captureIo();
    expect(await run(['state', ...OVERLAP, '--vendor', 'aws-vpn'], io)).to.equal(2);
    expect(io.err).to.contain('has no SA-listing reader');
  });
});

describe('compare --state', () => {
  const dir = REAL_CONFIGS ? join(REAL_CONFIGS, 'pairs', 'summerice7-fortigate-cisco-asa-ikev2-vti') : undefined;

  it('configuration drift and runtime state in one report: json (schema-valid), table with both, html with the state section; exit over both', async function () {
    if (!dir) this.skip();
    const args = [
      'compare',
      join(dir!, 'fortigate.conf'),
      join(dir!, 'asa.cfg'),
      '--state',
      '--sa',
      join(dir!, 'state-fortigate-diag-vpn-ike-gateway-and-tunnel-list.txt'),
      '--sa',
      join(dir!, 'state-asa-ping-and-show-crypto-ikev2-sa.txt'),
    ];
    let io = captureIo();
    const code = await run([...args, '--format', 'json'], io);
    const r = JSON.parse(io.out);
    expect(validateReport(r)).to.deep.equal([]);
    expect(r.state.findings.map((f: { rule: string; setting: string }) => [f.rule, f.setting])).to.deep.equal([['negotiated-vs-configured', 'ike-encryption']]);
    expect(code).to.equal(1);
    io = captureIo();
    await run(args, io);
    expect(io.out).to.contain('\nRuntime state\n');
    expect(io.out).to.contain('negotiated-vs-configured');
    io = captureIo();
    await run([...args, '--format', 'html'], io);
    expect(io.out).to.contain('<h2 id="state-h">Runtime state</h2>');
    expect(io.out).to.contain('id="spi-a-in-24c2ab68"');
  });

  it('without --sa, A and B must hold the SA listings themselves: a configuration alone says to give --sa', async () => {
    const io = captureIo();
    expect(
      await run(
        ['compare', fixturePath('pairs', 'fgt-fgt-p2-unit-trap', 'fgt-hq.conf'), fixturePath('pairs', 'fgt-fgt-p2-unit-trap', 'fgt-branch07.conf'), '--state'],
        io,
      ),
    ).to.equal(2);
    expect(io.err).to.match(/fgt-hq\.conf:1: not an SA listing any reader knows: .*; give the SA listings with --sa A_SAS --sa B_SAS\n$/);
  });

  it('--sa without --state is a usage error', async () => {
    const io = captureIo();
    expect(await run(['compare', OVERLAP[0], OVERLAP[1], '--sa', OVERLAP[0], '--sa', OVERLAP[1]], io)).to.equal(2);
    expect(io.err).to.contain('--sa, --skew and --captured-at go with --state');
  });
});

describe('state: every real listing of the corpus', () => {
  it('is claimed by its platform’s reader and read without error', function () {
    if (!REAL_CONFIGS) this.skip();
    const vendorOf: Record<string, string> = {
      'cisco-asa': 'asa',
      'cisco-ios': 'ios',
      fortigate: 'fortigate',
      routeros: 'routeros',
      strongswan: 'strongswan',
      junos: 'junos',
      panos: 'panos',
      azure: 'azure-vpngw',
    };
    const claimed: string[] = [];
    for (const file of filesUnder(join(REAL_CONFIGS!, 'state'))) {
      const dirName = file.split('/').slice(-2)[0];
      const expected = vendorOf[dirName];
      if (!expected) continue;
      if (/policy-print-detail/.test(file)) continue; // a policy listing, not SAs (a ParseError, tested with RouterOS)
      const a = pickStateReader(readText(file), file);
      claimed.push(`${dirName}:${a.id}`);
      expect(a.id, file).to.equal(expected);
      expect(validateSaState(a.state!.read(readText(file), file)), file).to.deep.equal([]);
    }
    expect(claimed.length).to.equal(41);
  });
});

describe('state: no key printed by a listing appears anywhere', () => {
  const files = () =>
    [
      ...filesUnder(fixturePath('state')),
      ...(REAL_CONFIGS
        ? [
            ...filesUnder(join(REAL_CONFIGS, 'state', 'fortigate')),
            ...filesUnder(join(REAL_CONFIGS, 'state', 'routeros')).filter((f) => !/policy/.test(f)),
            join(REAL_CONFIGS, 'pairs', 'summerice7-fortigate-cisco-asa-ikev2-vti', 'state-fortigate-diag-vpn-ike-gateway-and-tunnel-list.txt'),
            join(REAL_CONFIGS, 'pairs', 'summerice7-fortigate-cisco-ios-ikev1-vti', 'state-fortigate-diag-vpn-ike-gateway-and-tunnel-list.txt'),
          ]
        : []),
    ].filter((f) => listingKeys(readText(f)).length > 0);

  it('in table, json and html of state, in snapshots of the listing, and in errors', async () => {
    const all = files();
    // the fixtures alone hold two listings with keys; the real corpus, where present, more
    expect(all.length).to.be.greaterThan(REAL_CONFIGS ? 4 : 1);
    let keysSeen = 0;
    for (const file of all) {
      const keys = listingKeys(readText(file));
      keysSeen += keys.length;
      const outputs: string[] = [];
      for (const format of ['table', 'json', 'html']) {
        const io = captureIo();
        await run(['state', file, OVERLAP[1], '--format', format], io);
        outputs.push(io.out, io.err);
      }
      // errors: the listing read as another platform's
      const io = captureIo();
      await run(['state', file, OVERLAP[1], '--vendor', 'ios'], io);
      outputs.push(io.out, io.err);
      const vendor = /routeros/.test(file) ? 'routeros' : 'fortigate';
      outputs.push(snapshotText(readText(file), vendor));
      for (const k of keys) for (const o of outputs) expect(o.includes(k), `${file}: key ${k.slice(0, 6)}… in an output`).to.equal(false);
    }
    expect(keysSeen).to.be.greaterThan(REAL_CONFIGS ? 60 : 40);
  });
});
