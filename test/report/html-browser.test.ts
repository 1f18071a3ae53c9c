/**
 * The HTML report as a person sees it: rendered by headless Chromium (Debian's `chromium`, driven
 * by playwright-core), checked for the verdict text, the highlighted rows, the rekey marks at the
 * x their lifetimes give, no request leaving the page and no console error; screenshots land in
 * test-output/ (and the README's docs/images/report.png). Without /usr/bin/chromium the suite
 * skips with a message; every wait has a timeout, so it never hangs.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderHtml, type ReportSource } from '../../src/report/html.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { compareDevices } from '../../src/compare/compare.js';
import { ruleById } from '../../src/compare/rules/index.js';
import { adapterById } from '../../adapters/index.js';
import { ROOT, parseFile, fixturePath } from '../helpers.js';
import { auditLike, demoLike, NOW } from './html-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
const OUT = join(ROOT, 'test-output');
const README_IMAGE = join(ROOT, 'docs', 'images', 'report.png');
/** every single wait in this file is bounded by this (launch, navigation, locators, screenshots, PDF) */
const WAIT = 15_000;

/** The few DOM shapes the in-page callbacks use (the project's tsconfig has no DOM lib; types are erased). */
interface DomEl {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomEl | null;
  innerText: string;
  getBoundingClientRect(): { left: number; width: number };
}
interface DomWin {
  getComputedStyle(e: DomEl): { backgroundColor: string; breakBefore: string; display: string };
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

/** A promise that fails after `ms` instead of hanging (for calls without their own timeout). */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** The demo pair through the real adapters when they are registered, else undefined. */
function demoPair(): { report: Report; source: ReportSource } | undefined {
  const fgt = adapterById('fortigate');
  const pfs = adapterById('pfsense');
  if (!fgt || !pfs) return undefined;
  const a = parseFile(fgt, fixturePath('pairs', 'demo-fgt-pfsense', 'fgt-branch.conf'));
  const b = parseFile(pfs, fixturePath('pairs', 'demo-fgt-pfsense', 'pfsense-hq.xml'));
  const cmp = compareDevices(a, b);
  return { report: buildReport(cmp.devices, cmp.pairs, cmp.findings, (id) => ruleById(id)?.title ?? id, NOW), source: cmp };
}

interface Opened {
  page: Page;
  /** every request the page made other than loading its own file */
  requests: string[];
  /** console errors and uncaught page errors */
  errors: string[];
}

async function open(ctx: BrowserContext, name: string, html: string): Promise<Opened> {
  const file = join(OUT, `report-${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await within(WAIT, 'new page', ctx.newPage());
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => void (r.url() !== url && requests.push(r.url())));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.goto(url, { waitUntil: 'load', timeout: WAIT });
  return { page, requests, errors };
}

/** Centre x of an element, in CSS pixels of the page. */
async function centreX(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (els: DomEl[]) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return r.left + r.width / 2;
    }),
  );
}

/** The expected centre of the mark at time t, from the rendered 0 h and 24 h gridlines. */
function expectedX(t: number, x0: number, x24: number): number {
  return x0 + (t / 86400) * (x24 - x0);
}

describe('report/html in headless Chromium', function () {
  this.timeout(90_000);
  let ctx: BrowserContext | undefined;
  let profile: string | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: no browser at ${CHROMIUM}; install the Debian package "chromium" — .ci/run does — to run these)`);
      this.skip();
    }
    mkdirSync(OUT, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'ipsec-drift-chromium-'));
    // playwright passes the profile as --user-data-dir: a fresh one per run
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 30_000,
      viewport: { width: 1280, height: 900 },
    });
    ctx.setDefaultTimeout(WAIT);
    // nothing may leave the page: anything over the network is refused (and recorded by `open`)
    await ctx.route(/^(https?|wss?|ftp):/, (route) => route.abort());
  });

  after(async () => {
    await ctx?.close().catch(() => undefined);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  describe('a tunnel that breaks at rekey (hand-made pair: PFS off on one side, 8 h vs 1 h phase 2)', () => {
    let o: Opened;
    const { report, source } = demoLike();
    before(async () => {
      o = await open(ctx!, 'fixture', renderHtml(report, source));
    });

    it('says the verdict in words, in the summary and on the tunnel', async () => {
      expect(await o.page.locator('#lede').innerText()).to.equal('1 tunnel checked: 1 will break at rekey.');
      expect(await o.page.locator('#summary tbody tr').first().locator('.verdict').innerText()).to.equal('Will break at rekey');
      expect(await o.page.locator('#tunnel-1-h .verdict').isVisible()).to.equal(true);
    });

    it('highlights exactly the rows with findings, with the severity written in the row', async () => {
      const rows = await o.page.$$eval('table.sbs tbody tr.setting', (trs: DomEl[]) => {
        const w = globalThis as unknown as DomWin;
        return trs.map((tr) => ({
          id: tr.getAttribute('data-setting'),
          bg: w.getComputedStyle(tr.querySelector('td')!).backgroundColor,
          status: tr.querySelector('td.status')!.innerText,
        }));
      });
      const lit = rows.filter((r) => r.bg !== 'rgba(0, 0, 0, 0)');
      expect(lit.map((r) => r.id)).to.deep.equal(['phase2[to-hq-lan].pfsGroups', 'phase2[to-hq-lan].lifetimeSeconds']);
      expect(lit[0]).to.deep.include({ bg: 'rgb(253, 232, 232)' });
      expect(lit[0].status).to.match(/^ERROR differs\npfs-mismatch$/);
      expect(lit[1]).to.deep.include({ bg: 'rgb(231, 240, 251)' });
      expect(lit[1].status).to.match(/^INFO differs\np2-lifetime-mismatch$/);
      expect(rows.find((r) => r.id === 'phase1.lifetimeSeconds')?.status).to.equal('SAME');
    });

    it('draws each end’s rekey marks where its lifetimes put them, and no collision (1 h vs 8 h: the 1 h end always rekeys first)', async () => {
      const [x0] = await centreX(o.page, 'svg.timeline line[data-hour="0"]');
      const [x24] = await centreX(o.page, 'svg.timeline line[data-hour="24"]');
      const pair = source.pairs[0];
      const cases: Array<[string, number]> = [
        ['p1-a', pair.a.tunnel.phase1.lifetimeSeconds.value],
        ['p1-b', pair.b.tunnel.phase1.lifetimeSeconds.value],
        ['p2-0-a', pair.phase2[0].a.lifetimeSeconds.value],
        ['p2-0-b', pair.phase2[0].b.lifetimeSeconds.value],
      ];
      for (const [track, lifetime] of cases) {
        const xs = await centreX(o.page, `svg.timeline g[data-track="${track}"] g.mark line.tick`);
        const expected = Array.from({ length: Math.floor(86400 / lifetime) }, (_, k) => expectedX((k + 1) * lifetime, x0, x24));
        expect(xs, track).to.have.length(expected.length);
        for (const [i, x] of xs.entries()) expect(x, `${track} mark ${i + 1}`).to.be.closeTo(expected[i], 0.75);
      }
      // the 1 h side's 8th mark sits on the 8 h gridline
      const [x8] = await centreX(o.page, 'svg.timeline line[data-hour="8"]');
      expect((await centreX(o.page, 'svg.timeline g[data-track="p2-0-b"] g.mark line.tick'))[7]).to.be.closeTo(x8, 0.75);
      expect(await o.page.locator('svg.timeline g.collision').count()).to.equal(0);
      // the strongSwan end's randomized window is drawn; the FortiGate-like end has none
      expect(await o.page.locator('g[data-track="p2-0-b"] rect.window').count()).to.equal(24);
      expect(await o.page.locator('g[data-track="p2-0-a"] rect.window').count()).to.equal(0);
    });

    it('makes no request and logs no error', () => {
      expect(o.requests).to.deep.equal([]);
      expect(o.errors).to.deep.equal([]);
    });

    it('reflows at 200 % zoom (half the width) without a page-wide horizontal scroll', async () => {
      await o.page.setViewportSize({ width: 640, height: 450 });
      const { scroll, width } = await o.page.evaluate(() => {
        const w = globalThis as unknown as DomWin;
        return { scroll: w.document.documentElement.scrollWidth, width: w.innerWidth };
      });
      expect(scroll).to.be.at.most(width);
      expect(await o.page.locator('#summary .verdict').first().isVisible()).to.equal(true);
      await o.page.screenshot({ path: join(OUT, 'report-fixture-zoom200.png'), fullPage: false, timeout: WAIT });
      await o.page.setViewportSize({ width: 1280, height: 900 });
    });

    it('prints: each tunnel on a new page, header rows repeated, and a PDF comes out', async () => {
      await o.page.emulateMedia({ media: 'print' });
      const style = await o.page.$eval('section.tunnel', (s: DomEl) => {
        const w = globalThis as unknown as DomWin;
        return { breakBefore: w.getComputedStyle(s).breakBefore, thead: w.getComputedStyle(s.querySelector('thead')!).display };
      });
      expect(style).to.deep.equal({ breakBefore: 'page', thead: 'table-header-group' });
      const pdf = await within(WAIT, 'pdf', o.page.pdf({ path: join(OUT, 'report-fixture.pdf'), format: 'A4', printBackground: true }));
      expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
      await o.page.emulateMedia({ media: 'screen' });
      await o.page.screenshot({ path: join(OUT, 'report-fixture.png'), fullPage: true, timeout: WAIT });
    });
  });

  describe('an audit of several tunnels', () => {
    let o: Opened;
    before(async () => {
      const { report, source } = auditLike();
      o = await open(ctx!, 'audit', renderHtml(report, source, { title: 'IPsec audit: hq-fw and branches' }));
    });

    it('gives each tunnel its verdict, worst first', async () => {
      const rows = await o.page.$$eval('#summary tbody tr', (trs: DomEl[]) =>
        trs.map((tr) => [tr.querySelector('th')!.innerText, tr.querySelector('.verdict')!.innerText]),
      );
      expect(rows).to.deep.equal([
        ['hq-fw / to-br4 ↔ br4 / to-hq', 'Will not come up'],
        ['hq-fw / to-br5 (no counterpart)', 'Will not come up'],
        ['hq-fw / to-br3 ↔ br3 / to-hq', 'Will break at rekey'],
        ['hq-fw / to-br2 ↔ br2 / to-hq', 'Drifts'],
        ['hq-fw / to-br1 ↔ br1 / to-hq', 'Clean'],
      ]);
      expect(await o.page.title()).to.equal('IPsec audit: hq-fw and branches');
    });

    it('draws one timeline per paired tunnel; lifetimes far apart never collide', async () => {
      expect(await o.page.locator('svg.timeline').count()).to.equal(4);
      expect(await o.page.locator('#tunnel-4 g.collision').count()).to.equal(0);
      expect(await o.page.locator('#tunnel-5 g.collision').count()).to.equal(0);
    });

    it('makes no request and logs no error', async () => {
      await o.page.screenshot({ path: join(OUT, 'report-audit.png'), fullPage: true, timeout: WAIT });
      expect(o.requests).to.deep.equal([]);
      expect(o.errors).to.deep.equal([]);
    });
  });

  describe('the demo pair (FortiGate branch ↔ pfSense HQ, real adapters)', () => {
    let o: Opened | undefined;
    let demo: ReturnType<typeof demoPair>;
    before(async function () {
      demo = demoPair();
      if (!demo) {
        console.log('      (skipped: the fortigate and pfsense adapters are not registered yet)');
        this.skip();
      }
      o = await open(ctx!, 'demo', renderHtml(demo!.report, demo!.source));
    });

    it('shows the difference, the 8 h vs 1 h phase 2 timers and no collision; no request, no error', async () => {
      const p = o!.page;
      // IKEv2 lifetimes are each end's own (RFC 7296 §2.8): the difference is info, the tunnel clean
      expect(await p.locator('#summary tbody tr .verdict').innerText()).to.equal('Clean');
      expect(await p.locator('tr[data-setting="phase2[to-hq-lan].lifetimeSeconds"] td.status').innerText()).to.match(/^INFO differs/);
      const [x0] = await centreX(p, 'svg.timeline line[data-hour="0"]');
      const [x24] = await centreX(p, 'svg.timeline line[data-hour="24"]');
      const lifeA = demo!.source.pairs[0].phase2[0].a.lifetimeSeconds.value;
      const lifeB = demo!.source.pairs[0].phase2[0].b.lifetimeSeconds.value;
      expect([lifeA, lifeB]).to.deep.equal([28800, 3600]);
      const xs = await centreX(p, 'svg.timeline g[data-track="p2-0-a"] g.mark line.tick');
      expect(xs).to.have.length(3);
      for (const [i, x] of xs.entries()) expect(x).to.be.closeTo(expectedX((i + 1) * lifeA, x0, x24), 0.75);
      expect(await p.locator('svg.timeline g[data-track="p2-0-b"] g.mark').count()).to.equal(24);
      expect(await p.locator('svg.timeline g.collision').count()).to.equal(0);
      expect(o!.requests).to.deep.equal([]);
      expect(o!.errors).to.deep.equal([]);
    });

    it('saves the screenshots: the whole page in test-output/, the README picture in docs/images/', async () => {
      const p = o!.page;
      await p.screenshot({ path: join(OUT, 'report-demo.png'), fullPage: true, timeout: WAIT });
      // the README picture: from the phase 1 rows (the highlighted ones are below them) to the end
      // of the rekey schedule: differing rows, timeline with collisions, the schedule as text
      const from = await p.locator('#tunnel-1 table.sbs tr.group').nth(1).boundingBox({ timeout: WAIT });
      const to = await p.locator('#tunnel-1 table.schedule').boundingBox({ timeout: WAIT });
      if (!from || !to) throw new Error('the phase 1 rows or the rekey schedule are not laid out');
      // the committed README picture is only rewritten on request (UPDATE_SCREENSHOTS=1), so a
      // test run on another machine never leaves the work tree dirty; the run's own copy goes to test-output/
      const target = process.env.UPDATE_SCREENSHOTS ? README_IMAGE : join(OUT, 'report-readme.png');
      mkdirSync(dirname(target), { recursive: true });
      await p.screenshot({ path: target, clip: { x: 0, y: from.y, width: 1280, height: to.y + to.height + 12 - from.y }, fullPage: true, timeout: WAIT });
      expect(existsSync(target)).to.equal(true);
    });
  });
});
