/**
 * The HTML report as text and as data: escaping, secrets, self-containment, verdicts, the
 * side-by-side rows, the timeline model (mark times, windows, collisions, x positions) and the
 * CLI's `--format html`. What a reader sees in a browser is in html-browser.test.ts.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHtml } from '../../src/report/html.js';
import { esc, h, htmlString, withCode } from '../../src/report/html/markup.js';
import { settingRows } from '../../src/report/html/rows.js';
import { collisions, GEOMETRY, SPAN, timelineOf, xAt, type Track } from '../../src/report/html/timeline.js';
import { rekeyWindow } from '../../src/report/html/margins.js';
import { tunnelViews, verdictOf } from '../../src/report/html/tunnels.js';
import { adapterById } from '../../adapters/index.js';
import { run } from '../../src/cli/main.js';
import { device, end, phase2, set } from '../builders.js';
import { withSwanctlRekeyTiming } from '../../adapters/pfsense/timers.js';
import type { Phase2 } from '../../src/model/types.js';
import { parseFile, ROOT } from '../helpers.js';
import { auditLike, demoLike, FIXTURE_FINGERPRINT, FIXTURE_SECRET } from './html-fixtures.js';
import { captureIo } from '../io.js';

describe('report/html: markup', () => {
  it('escapes every interpolated string, passes only markup made by h', () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    expect(htmlString(h`<p title="${evil}">${evil}</p>`)).to.equal(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>',
    );
    expect(htmlString(h`<ul>${['<a>', h`<li>${'&'}</li>`, undefined, false, 3]}</ul>`)).to.equal('<ul>&lt;a&gt;<li>&amp;</li>3</ul>');
    expect(esc('<lifetime>3600</lifetime>')).to.equal('&lt;lifetime&gt;3600&lt;/lifetime&gt;');
  });

  it('turns `backtick` spans into <code> after escaping, and leaves an unbalanced backtick as text', () => {
    expect(htmlString(withCode('set `<lifetime>` & `a`'))).to.equal('set <code>&lt;lifetime&gt;</code> &amp; <code>a</code>');
    expect(htmlString(withCode('one ` only <b>'))).to.equal('one ` only &lt;b&gt;');
  });
});

describe('report/html: the document', () => {
  const { report, source } = demoLike();
  const html = renderHtml(report, source);

  it('escapes config text and diagnostics: no markup from an input survives', () => {
    expect(html).to.contain('proposals = aes256-sha256-modp2048 # &lt;b&gt;&quot;HQ&quot; &amp; branch&lt;/b&gt;');
    expect(html).to.contain('unknown key <code>foo &lt;bar&gt;</code> ignored');
    expect(html).not.to.contain('<b>"HQ"');
    expect(html).not.to.contain('<bar>');
  });

  it('holds no secret: neither the key a careless raw kept nor its fingerprint', () => {
    for (const needle of [FIXTURE_SECRET, esc(FIXTURE_SECRET), 'Fixture-PSK', FIXTURE_FINGERPRINT, 'hmac:', 'psksecret']) expect(html).not.to.contain(needle);
    expect(html).to.contain('(key not shown)');
  });

  it('is self-contained: no script, no external resource, a CSP that forbids any', () => {
    expect(html).to.match(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).to.contain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    for (const bad of ['<script', '<link', '<img', '<iframe', ' src=', 'url(', '@import', 'http://', 'https://']) expect(html, bad).not.to.contain(bad);
    expect(html).to.contain('<style>');
  });

  it('says when, with what and from which inputs', () => {
    expect(html).to.contain('<time datetime="2026-03-04T05:06:07.000Z">2026-03-04 05:06:07 UTC</time>');
    expect(html).to.contain(`<dt>Tool</dt><dd>ipsec-drift ${report.version}</dd>`);
    expect(html).to.contain('<th scope="row" class="mono">branch.conf</th>');
    expect(html).to.contain('<time datetime="2026-03-04T05:06:00.000Z">2026-03-04 05:06:00 UTC</time>');
    expect(html).to.contain('<p class="lede" id="lede">1 tunnel checked: 1 will break at rekey.</p>');
  });

  it('marks differing rows by severity, in text as well as colour', () => {
    expect(html).to.match(
      /<tr class="setting sev-error" data-setting="phase2\[to-hq-lan\]\.pfsGroups" data-status="error">.*<span class="badge error">ERROR<\/span> differs/,
    );
    // IKEv2 lifetimes are each end's own (RFC 7296 §2.8): a difference alone is info
    expect(html).to.match(
      /<tr class="setting sev-info" data-setting="phase2\[to-hq-lan\]\.lifetimeSeconds" data-status="info">.*<span class="badge info">INFO<\/span> differs/,
    );
    expect(html).to.match(/<tr class="setting same" data-setting="phase1\.lifetimeSeconds" data-status="same">/);
  });

  it('shows each finding with explanation, symptoms and a fix per side where the adapter writes one', () => {
    expect(html).to.contain('<article class="finding sev-error" id="t1-f1" data-rule="pfs-mismatch" data-severity="error">');
    expect(html).to.contain('<h5>Symptoms</h5>');
    expect(html).to.contain('ERROR_IPSEC_IKE_QM_EXPIRED (13895 / 0x00003647)');
    expect(html).to.contain('The tunnel comes up (the first CHILD_SA needs no DH exchange) and breaks at the first phase 2 rekey');
    if (adapterById('strongswan')) expect(html).to.match(/<pre><code>connections\.branch\.children\.hq-lan\.esp_proposals = aes256-sha256-modp2048/);
  });

  it('draws the timeline marks at the x of their times', () => {
    // B's phase 2 rekeys every hour: 24 marks, the 8th at 8 h
    const track = html.split('<g class="track side-b" data-track="p2-0-b" data-lifetime="3600">')[1].split(/data-track=|<\/svg>/)[0];
    const xs = [...track.matchAll(/<g class="mark" data-t="(\d+)" data-x="([\d.]+)">/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(xs.map(([t]) => t)).to.deep.equal(Array.from({ length: 24 }, (_, k) => (k + 1) * 3600));
    expect(xs[7]).to.deep.equal([28800, GEOMETRY.x0 + (GEOMETRY.x1 - GEOMETRY.x0) / 3]);
    // 1 h vs 8 h: the 1 h end always rekeys first and restarts both timers — nothing collides
    expect(html).not.to.match(/<g class="collision"/);
  });
});

describe('report/html: verdicts', () => {
  it('an IKEv2 PFS mismatch breaks at rekey; under IKEv1 the tunnel does not come up', () => {
    const { report, source } = demoLike();
    const [v] = tunnelViews(report, source);
    expect(v.verdict).to.equal('breaks-at-rekey');
    source.pairs[0].a.tunnel.ikeVersion = set<1 | 2>(1, 'ike-version 1');
    expect(verdictOf(v.findings, source.pairs[0], true)).to.equal('no-start');
  });

  it('an audit gets one verdict per tunnel, worst first, and an unpaired end will not come up', () => {
    const { report, source } = auditLike();
    const html = renderHtml(report, source);
    const rows = [...html.matchAll(/<tr data-tunnel="(\d)" data-verdict="([a-z-]+)">\s*<td>\d<\/td>\s*<th scope="row"><a href="#tunnel-\d">([^<]*)<\/a>/g)].map(
      (m) => [m[1], m[2], m[3]],
    );
    expect(rows).to.deep.equal([
      ['1', 'no-start', 'hq-fw / to-br4 ↔ br4 / to-hq'],
      ['2', 'no-start', 'hq-fw / to-br5 (no counterpart)'],
      ['3', 'breaks-at-rekey', 'hq-fw / to-br3 ↔ br3 / to-hq'],
      ['4', 'drifts', 'hq-fw / to-br2 ↔ br2 / to-hq'],
      ['5', 'clean', 'hq-fw / to-br1 ↔ br1 / to-hq'],
    ]);
    expect(html).to.contain('5 tunnels checked: 2 will not come up, 1 will break at rekey, 1 drifts, 1 clean.');
    expect(html).to.contain('This end points at another device in the comparison, but nothing there points back.');
    expect(html).to.contain('No differences: the ends agree on every compared setting.');
    // the weak-crypto note on br4's 3DES end stays with br4's tunnel, shown beside the verdict
    expect(/<section class="tunnel" id="tunnel-1".*?<\/section>/s.exec(html)?.[0]).to.contain('data-rule="weak-crypto"');
    expect(html).to.contain(
      '<td><span class="verdict no-start" data-verdict="no-start">Will not come up</span> <span class="badge info" data-weak-crypto="info">WEAK CRYPTO</span></td>',
    );
  });

  it('weak crypto is shown beside the verdict, not as drift', () => {
    const { source } = demoLike();
    const f = (rule: string, severity: 'warning' | 'info') => ({ rule, severity, title: '', message: '', effect: '' });
    expect(verdictOf([f('weak-crypto', 'warning')], source.pairs[0], true)).to.equal('clean');
    expect(verdictOf([f('weak-crypto', 'warning'), f('natt-mismatch', 'warning')], source.pairs[0], true)).to.equal('drifts');
    expect(verdictOf([f('unmatched-tunnel', 'warning')], undefined, false)).to.equal('no-start');
  });
});

describe('report/html: what an audit adds', () => {
  it('lists findings about no tunnel apart, and what the audit left out', () => {
    const { report, source } = auditLike();
    report.findings.push({
      rule: 'unreadable-config',
      severity: 'error',
      title: 'A configuration file could not be read',
      message: 'broken.conf:7: expected `end` before <EOF>',
      effect: 'The tunnels of this file are not checked.',
      setting: 'file',
      a: {
        end: { device: 'broken.conf', vendor: 'fortigate', tunnel: '(file)' },
        setting: { value: null, raw: 'expected `end`', origin: 'explicit', at: { file: 'broken.conf', line: 7 } },
      },
    });
    report.audit = {
      skipped: [{ path: 'notes.txt', reason: 'not a device configuration' }],
      suppressed: [{ rule: 'dpd-mismatch', message: 'DPD differs', reason: 'known & accepted' }],
      baselined: 2,
    };
    const html = renderHtml(report, source);
    expect(html).to.contain(
      '5 tunnels checked: 2 will not come up, 1 will break at rekey, 1 drifts, 1 clean. <a href="#other">1 finding about no single tunnel</a>.',
    );
    expect(html).to.contain('<h2 id="other-h">Findings about no single tunnel (1)</h2>');
    expect(html).to.contain('<p class="message">broken.conf:7: expected <code>end</code> before &lt;EOF&gt;</p>');
    expect(html).to.contain('<li>1 file skipped: <ul><li><span class="mono">notes.txt</span>: not a device configuration</li></ul></li>');
    expect(html).to.contain(
      '<li>1 finding ignored by the inventory: <ul><li><span class="mono">dpd-mismatch</span>: DPD differs — <em>known &amp; accepted</em></li></ul></li>',
    );
    expect(html).to.contain('<li>2 findings in the baseline (reported, not failing)</li>');
    expect([...html.matchAll(/<section class="tunnel"/g)]).to.have.length(5);
  });
});

describe('report/html: side-by-side rows', () => {
  const { report, source } = demoLike();
  const rows = settingRows(source.pairs[0], report.findings);
  const row = (id: string) => rows.find((r) => r.id === id)!;

  it('quotes each side as written, with file:line and origin', () => {
    expect(row('phase2[to-hq-lan].lifetimeSeconds')).to.deep.include({
      label: 'Lifetime',
      a: { normalized: '28800 s (8h)', raw: 'set keylifeseconds 28800', origin: 'explicit', at: { file: 'branch.conf', line: 44 } },
      b: { normalized: '3600 s (1h)', raw: 'rekey_time = 1h', origin: 'default' },
      status: { kind: 'finding', severity: 'info', rules: ['p2-lifetime-mismatch'] },
    });
    expect(row('phase2[to-hq-lan].pfsGroups').status).to.deep.equal({ kind: 'finding', severity: 'error', rules: ['pfs-mismatch'] });
  });

  it('lays mirrored settings side by side, so equal means agreeing', () => {
    expect(row('gateway.a')).to.deep.include({
      a: { normalized: '203.0.113.2', raw: 'set interface "wan1"', origin: 'explicit', at: { file: 'branch.conf', line: 31 } },
      status: { kind: 'same' },
    });
    expect(row('gateway.a').b.raw).to.equal('remote_addrs = 203.0.113.2');
    expect(row('phase2[to-hq-lan].selectors.b')).to.deep.include({ status: { kind: 'same' } });
    expect(row('phase2[to-hq-lan].selectors.b').a.normalized).to.equal('10.10.0.0/16');
  });

  it('never carries a PSK text, only whether the keys agree', () => {
    expect(row('auth.psk')).to.deep.equal({
      id: 'auth.psk',
      group: 'Tunnel',
      label: 'Pre-shared key',
      a: { normalized: 'set (compared by fingerprint, not shown)', origin: 'explicit', secret: true, at: { file: 'branch.conf', line: 33 } },
      b: { normalized: 'set (compared by fingerprint, not shown)', origin: 'explicit', secret: true, at: { file: 'swanctl.conf', line: 20 } },
      status: { kind: 'same' },
    });
  });
});

describe('report/html: rekey timeline', () => {
  const { source } = demoLike();
  const tl = timelineOf(source.pairs[0]);

  it('puts each end’s timer at every multiple of its lifetime within 24 h', () => {
    const [p1, p2] = tl.groups;
    expect(p1.a!.marks).to.deep.equal([28800, 57600, 86400]);
    expect(p1.b!.marks).to.deep.equal([28800, 57600, 86400]);
    expect(p2.label).to.equal('Phase 2: to-hq-lan ↔ hq-lan');
    expect(p2.b!.marks).to.have.length(24);
    expect(p2.b!.marks[23]).to.equal(SPAN);
  });

  it('marks no collision where the ends run one schedule, nor where one lifetime is far shorter', () => {
    expect(tl.groups[0].collisions).to.deep.equal([]);
    // 8 h vs 1 h: the 1 h end rekeys first every time and restarts both timers (RFC 7296 §2.8)
    expect(tl.groups[1].collisions).to.deep.equal([]);
    const t = (lifetime: number, window?: Track['window']): Track => ({
      id: 'x',
      side: 'a',
      phase: 2,
      label: '',
      lifetime,
      marks: Array.from({ length: Math.floor(SPAN / lifetime) }, (_, k) => (k + 1) * lifetime),
      dense: false,
      window,
    });
    // every rekey restarts both timers, so only an SA's first timers matter:
    // 1 h vs 50 min: the 50 min end always rekeys alone
    expect(collisions(t(3600), t(3000))).to.deep.equal([]);
    // 1 h vs 59 min 30 s: both start a rekey within a minute, at every cycle of the shorter
    expect(collisions(t(3600), t(3570))).to.deep.equal(Array.from({ length: 24 }, (_, k) => (k + 1) * 3570));
    // a randomized window widens the meeting: 1 h rekeying up to 6 min early meets 55 min
    expect(collisions(t(3600), t(3300))).to.deep.equal([]);
    expect(collisions(t(3600, { from: -360, to: 0, hard: 360, basis: '' }), t(3300)).slice(0, 2)).to.deep.equal([3300, 6600]);
  });

  it('draws the window where the configuration says which strongSwan timer the value is', () => {
    expect(tl.groups[1].b!.window).to.deep.include({ from: -360, to: 0, hard: 360 });
    expect(tl.groups[0].b!.window).to.deep.include({ from: -2880, to: 0, hard: 2880 });
    expect(tl.groups[0].a!.window).to.equal(undefined);
    // the adapters say which timer a lifetime is (RekeyTiming); the report only draws it
    const swan = adapterById('strongswan')!;
    const ipsecConf = (lifetime: string) =>
      swan.parse(
        `conn x\n    left=192.0.2.1\n    right=192.0.2.2\n    leftsubnet=10.1.0.0/24\n    rightsubnet=10.2.0.0/24\n    lifetime=${lifetime}\n    auto=start\n`,
        'ipsec.conf',
      ).tunnels[0].phase2[0];
    const window = (p: Phase2) => rekeyWindow(p.lifetimeSeconds, p.rekey);
    expect(window(ipsecConf('1h'))).to.deep.include({ from: -1080, to: -540, hard: 0 });
    expect(window(ipsecConf('10m'))).to.deep.include({ from: -600, to: -540, hard: 0 });
    const pfsenseP2 = (raw: string, value: number) =>
      withSwanctlRekeyTiming(device([end({ phase2: [phase2({ lifetimeSeconds: set(value, raw, 9) })] })], 'pfsense')).tunnels[0].phase2[0];
    expect(window(pfsenseP2('<lifetime>3600</lifetime>', 3600))).to.equal(undefined);
    expect(window(pfsenseP2('<rekey_time>3240</rekey_time>', 3240))).to.deep.include({ from: -324, to: 0, hard: 324 });
    const v1 = swan.parse(
      'connections {\n  gw {\n    version = 1\n    remote_addrs = 192.0.2.2\n    rekey_time = 4h\n    local {\n      auth = psk\n    }\n    remote {\n      auth = psk\n    }\n    children {\n      net {\n        local_ts = 10.1.0.0/24\n        remote_ts = 10.2.0.0/24\n      }\n    }\n  }\n}\n',
      'swanctl.conf',
    ).tunnels[0];
    expect(rekeyWindow(v1.phase1.lifetimeSeconds, v1.phase1.rekey)).to.equal(undefined);
    const fgt = parseFile(adapterById('fortigate')!, join(ROOT, 'fixtures', 'pairs', 'demo-fgt-pfsense', 'fgt-branch.conf')).tunnels[0].phase2[0];
    expect(fgt.lifetimeSeconds.raw).to.equal('set keylifeseconds 28800');
    expect(window(fgt)).to.equal(undefined);
  });

  it('maps 0:00 and 24:00 to the ends of the axis, linearly', () => {
    expect(xAt(0)).to.equal(GEOMETRY.x0);
    expect(xAt(SPAN)).to.equal(GEOMETRY.x1);
    expect(xAt(6 * 3600)).to.equal(GEOMETRY.x0 + (GEOMETRY.x1 - GEOMETRY.x0) / 4);
  });

  it('draws a lifetime too short to show mark by mark as a band with its count', () => {
    const { report, source: s } = demoLike();
    s.pairs[0].b.tunnel.phase2[0].lifetimeSeconds = set(600, 'rekey_time = 10m', 13, 'swanctl.conf');
    const tl2 = timelineOf(s.pairs[0]);
    expect(tl2.groups[1].b).to.deep.include({ dense: true, lifetime: 600 });
    expect(renderHtml(report, s)).to.contain('every 10m: 144 rekeys in 24 h');
  });
});

describe('report/html: compare --format html', () => {
  const demo = join(ROOT, 'fixtures', 'pairs', 'demo-fgt-pfsense');
  const ready = adapterById('fortigate') && adapterById('pfsense') && existsSync(demo);

  it('writes the demo pair report to --output, with no secret from the pfSense config in it', async function () {
    if (!ready) {
      console.log('      (skipped: the fortigate and pfsense adapters are not registered yet)');
      this.skip();
    }
    const out = join(mkdtempSync(join(tmpdir(), 'ipsec-drift-html-')), 'audit.html');
    const io = captureIo();
    const code = await run(['compare', join(demo, 'fgt-branch.conf'), join(demo, 'pfsense-hq.xml'), '--format', 'html', '--output', out], io);
    expect(code).to.equal(0); // the phase 2 lifetime difference is info under IKEv2 (RFC 7296 §2.8)
    expect(io.out).to.equal('');
    const html = readFileSync(out, 'utf8');
    expect(readFileSync(join(demo, 'pfsense-hq.xml'), 'utf8')).to.contain('<pre-shared-key>correct-horse-battery-staple</pre-shared-key>');
    expect(html).not.to.contain('correct-horse-battery-staple');
    expect(html).not.to.contain('hmac:');
    expect(html).to.contain('<span class="verdict drifts" data-verdict="drifts">Drifts</span>');
    expect(html).to.contain('<time datetime="2026-01-02T03:04:05.000Z">2026-01-02 03:04:05 UTC</time>');
    expect(html).to.match(/data-setting="phase2\[to-hq-lan\]\.lifetimeSeconds" data-status="info">/);
  });
});
