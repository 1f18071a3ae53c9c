/**
 * Every fixtures/pairs/<case>/ with an expected.json: compare both ends and check the exact
 * {rule, severity} list (order-insensitive). New cases are picked up without editing this file.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareDevices } from '../src/compare/compare.js';
import { parseTunnelOption } from '../src/compare/pair.js';
import { loadDevice } from '../src/read/load.js';
import { buildReport } from '../src/report/report.js';
import { validateReport } from '../src/model/schema.js';
import { ruleById } from '../src/compare/rules/index.js';
import { ROOT } from './helpers.js';

interface Expected {
  description: string;
  a: string;
  b: string;
  tunnel?: string;
  findings: Array<{ rule: string; severity: string }>;
}

const PAIRS = join(ROOT, 'fixtures', 'pairs');
const cases = existsSync(PAIRS)
  ? readdirSync(PAIRS)
      .filter((d) => existsSync(join(PAIRS, d, 'expected.json')))
      .sort()
  : [];

const key = (f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`;

describe('fixture pairs (fixtures/pairs/*/expected.json)', () => {
  it('there are fixture pairs', () => expect(cases.length).to.be.greaterThan(0));
  for (const c of cases) {
    it(c, () => {
      const exp = JSON.parse(readFileSync(join(PAIRS, c, 'expected.json'), 'utf8')) as Expected;
      const a = loadDevice(relative(process.cwd(), join(PAIRS, c, exp.a)));
      const b = loadDevice(relative(process.cwd(), join(PAIRS, c, exp.b)));
      const result = compareDevices(a, b, { tunnel: exp.tunnel ? parseTunnelOption(exp.tunnel) : undefined });
      expect(result.pairs.length, `${c}: paired tunnels`).to.be.greaterThan(0);
      expect(result.findings.map(key).sort(), exp.description).to.deep.equal(exp.findings.map(key).sort());
      const report = buildReport(result.devices, result.pairs, result.findings, (id) => ruleById(id)?.title ?? id);
      expect(validateReport(JSON.parse(JSON.stringify(report)))).to.deep.equal([]);
    });
  }
});
