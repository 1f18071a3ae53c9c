/**
 * The two audit formats made for CI (issue 14 §1): GitLab Code Quality and the Markdown job
 * summary. The Code Quality schema below is GitLab's documented report format
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array of
 * issues; `description`, `check_name`, `fingerprint`, `severity` and `location.path` with
 * `location.lines.begin` (or `location.positions.begin.line`) required; severity one of info,
 * minor, major, critical, blocker; each fingerprint unique (GitLab shows one issue per fingerprint).
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { md, renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { audit, copyRepo, type RepoCopy } from '../audit/repo.js';

const GITLAB_CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path'],
        properties: {
          path: { type: 'string', minLength: 1 },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
          positions: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'object', required: ['line'], properties: { line: { type: 'integer', minimum: 1 } } } },
          },
        },
        anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
      },
    },
  },
};

describe('CI formats of the audit', () => {
  let repo: RepoCopy;
  before(() => {
    repo = copyRepo();
  });
  after(() => repo.dispose());

  it('codequality: valid against GitLab’s documented format, unique fingerprints, paths of files in the repository', async () => {
    const r = await audit(repo.root, ['configs', '--inventory', 'tunnels.yaml', '--format', 'codequality']);
    expect(r.code, r.err).to.equal(1);
    const issues = JSON.parse(r.out) as Array<{
      check_name: string;
      severity: string;
      fingerprint: string;
      location: { path: string; lines: { begin: number } };
    }>;
    const validate = new Ajv({ allErrors: true }).compile(GITLAB_CODE_QUALITY);
    expect(validate(issues), JSON.stringify(validate.errors)).to.equal(true);
    expect(new Set(issues.map((i) => i.fingerprint)).size).to.equal(issues.length);
    for (const i of issues) expect(existsSync(join(repo.root, i.location.path)), i.location.path).to.equal(true);
    // the same findings as the SARIF, with GitLab's severities: error critical, warning minor, info info
    const sarif = JSON.parse((await audit(repo.root, ['configs', '--inventory', 'tunnels.yaml', '--format', 'sarif'])).out);
    expect(issues.length).to.equal(sarif.runs[0].results.length);
    expect(issues.map((i) => i.severity).sort()).to.deep.equal([...Array(6).fill('critical'), ...Array(2).fill('info'), ...Array(6).fill('minor')]);
    expect(issues.find((i) => i.check_name === 'pfs-mismatch')).to.deep.include({
      severity: 'critical',
      location: { path: 'configs/branches/opnsense-graz.xml', lines: { begin: 97 } },
    });
    expect(issues.find((i) => i.check_name === 'lifetime-unit-trap')?.location).to.deep.equal({
      path: 'configs/branches/routeros-oslo.rsc',
      lines: { begin: 23 },
    });
  });

  it('markdown: text from the files cannot make a link, a cell, HTML or a workflow command', () => {
    expect(md('a|b <img src=x> [x](http://e) `c` *d* _e_ \\f')).to.equal('a\\|b \\<img src=x\\> \\[x\\](http://e) \\`c\\` \\*d\\* \\_e\\_ \\\\f');
    // a newline or an escape is shown as forTerminal shows it, its backslash escaped: the reader sees \n, \u001b
    expect(md('x\n::error::y\u001b[2J')).to.equal(String.raw`x\\n::error::y\\u001b\[2J`);
    const report: Report = {
      tool: 'ipsec-drift',
      version: '0',
      generatedAt: '',
      inputs: [{ origin: 'a|b.conf', vendor: 'fortigate' }],
      pairs: [{ a: { device: 'a|b.conf', vendor: 'fortigate', tunnel: 'x' }, b: { device: 'c.conf', vendor: 'fortigate', tunnel: 'y' }, how: 'addresses' }],
      findings: [],
      summary: { error: 0, warning: 0, info: 0 },
    };
    expect(renderMarkdown(report, 'warning')).to.equal(
      [
        '### ipsec-drift audit: ✅ nothing at or above the gate (--fail-on warning)',
        '',
        '0 errors, 0 warnings, 0 info in 1 device and 1 tunnel pair.',
        '',
        '| Verdict | A | B | Errors | Warnings | Info |',
        '|---|---|---|---:|---:|---:|',
        '| ✅ passes | a\\|b.conf/x | c.conf/y | 0 | 0 | 0 |',
        '',
      ].join('\n'),
    );
  });
});
