/**
 * Every pair of configurations we have — fixtures/pairs/* (ours) and ../shared/real-configs/pairs/*
 * (written by others, read in place) — through the real adapters into one HTML report each: it
 * renders, has a section and a timeline per paired tunnel, and holds none of the pre-shared keys
 * written in those files.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadDevice } from '../../src/read/load.js';
import { compareDevices } from '../../src/compare/compare.js';
import { ruleById } from '../../src/compare/rules/index.js';
import type { Finding, TunnelPair } from '../../src/compare/types.js';
import type { Device } from '../../src/model/types.js';
import { renderHtml } from '../../src/report/html.js';
import { buildReport } from '../../src/report/report.js';
import { ROOT, REAL_CONFIGS } from '../helpers.js';

/** Key material as the vendors write it in clear; ENC/masked forms are not secrets we could leak. */
const SECRET_PATTERNS: RegExp[] = [
  /<pre-shared-key>([^<]+)<\/pre-shared-key>/g, // pfSense / OPNsense
  /set psksecret (?!ENC )"?([^"\s]+)"?/g, // FortiOS
  /\bsecret\s*=\s*"([^"]+)"/g, // strongSwan swanctl, RouterOS quoted
  /\bsecret=([^\s"]+)/g, // RouterOS unquoted
  /: PSK "([^"]+)"/g, // ipsec.secrets
  /pre-shared-key (?!address)(\S+)/g, // ASA tunnel-group
  /crypto isakmp key (?:\d )?(\S+)/g, // IOS
  /-SharedSecret\s+['"]?([^'"\s]+)/g, // RRAS PowerShell
];

function secretsIn(files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const re of SECRET_PATTERNS) for (const m of text.matchAll(re)) if (m[1].length >= 6) out.add(m[1]);
  }
  return [...out];
}

interface Case {
  name: string;
  files: string[];
}

function casesUnder(dir: string): Case[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      files: readdirSync(join(dir, name))
        .filter((f) => !f.endsWith('.json') && !f.endsWith('.md'))
        .map((f) => join(dir, name, f))
        .filter((f) => statSync(f).isFile()),
    }))
    .filter((c) => c.files.length >= 2);
}

/** Compare every two devices of a case, as an audit of that folder would. */
function auditOf(files: string[]): { devices: Device[]; pairs: TunnelPair[]; findings: Finding[]; unreadable: string[] } {
  const devices: Device[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    try {
      devices.push(loadDevice(relative(process.cwd(), f)));
    } catch (e) {
      unreadable.push(`${relative(ROOT, f)}: ${(e as Error).message}`);
    }
  }
  const pairs: TunnelPair[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < devices.length; i++)
    for (let j = i + 1; j < devices.length; j++) {
      const c = compareDevices(devices[i], devices[j]);
      pairs.push(...c.pairs);
      findings.push(...c.findings);
    }
  return { devices, pairs, findings, unreadable };
}

function check(c: Case): void {
  const { devices, pairs, findings, unreadable } = auditOf(c.files);
  if (unreadable.length) console.log(`      (${c.name}: not read: ${unreadable.join('; ')})`);
  const report = buildReport(devices, pairs, findings, (id) => ruleById(id)?.title ?? id, new Date('2026-01-01T00:00:00Z'));
  const html = renderHtml(report, { devices, pairs });
  expect(html).to.match(/^<!DOCTYPE html>/);
  expect(html.match(/<section class="tunnel"/g)?.length ?? 0).to.be.at.least(pairs.length);
  expect(html.match(/<svg class="timeline"/g)?.length ?? 0).to.equal(pairs.length);
  for (const tag of ['tr', 'table', 'section', 'article', 'svg'])
    expect(html.split(`<${tag}`).length, `<${tag}> opened and closed`).to.equal(html.split(`</${tag}>`).length);
  for (const p of pairs) {
    const L = p.a.tunnel.phase1.lifetimeSeconds.value;
    expect(html).to.contain(`data-track="p1-a" data-lifetime="${L}"`);
  }
  for (const s of secretsIn(c.files)) expect(html, `${c.name}: a pre-shared key from the input`).not.to.contain(s);
}

describe('report/html over every pair of configurations', () => {
  for (const c of casesUnder(join(ROOT, 'fixtures', 'pairs'))) it(`fixtures/pairs/${c.name}`, () => check(c));

  describe('real configurations (../shared/real-configs/pairs, read in place)', () => {
    const cases = REAL_CONFIGS ? casesUnder(join(REAL_CONFIGS, 'pairs')) : [];
    if (!REAL_CONFIGS)
      it('(skipped: ../shared/real-configs is not next to the checkout)', function () {
        this.skip();
      });
    for (const c of cases) it(c.name, () => check(c));
  });

  it('finds the keys it looks for (the check above is not vacuous)', () => {
    const demo = join(ROOT, 'fixtures', 'pairs', 'demo-fgt-pfsense');
    expect(secretsIn([join(demo, 'pfsense-hq.xml'), join(demo, 'fgt-branch.conf')])).to.deep.equal(['correct-horse-battery-staple']);
  });
});
