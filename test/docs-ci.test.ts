/**
 * README's Quick start and docs/ci.md describe only what works from a fresh clone (issue 14):
 * the Quick start's command runs with nothing installed and prints what the README shows; the
 * GitLab job's command runs and writes the reports its artifacts name; the GitHub workflow uses
 * only inputs action.yml has, the pre-commit config only a hook .pre-commit-hooks.yaml declares;
 * and no command outside "After the package is published" needs the npm package.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CI = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
const BUNDLE = 'dist-action/ipsec-drift.mjs';

/** The text of a `## ` / `### ` section, up to the next heading of that level or above. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}\n`);
  expect(start, heading).to.be.greaterThan(-1);
  const level = heading.split(' ')[0].length;
  const rest = md.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

function yamlBlocks(text: string): unknown[] {
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
}

describe('README Quick start and docs/ci.md, from a fresh clone', function () {
  this.timeout(120_000);

  it('the Quick start command runs with nothing installed and prints what the README shows', () => {
    const quick = section(README, '## Quick start');
    const commands = quick.split('\n').filter((l) => l.startsWith(`    node ${BUNDLE} `));
    expect(commands).to.have.length(1);
    const argv = commands[0].trim().split(/\s+/).slice(1);
    const r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, COLUMNS: '100' } });
    expect(r.status, r.stderr).to.equal(0);
    const shown = quick.slice(quick.indexOf('What it prints in a 100-column terminal'));
    const block = shown
      .split('\n')
      .slice(2)
      .join('\n')
      .replace(/\n\n(?! {4})[\s\S]*$/, '');
    expect(`${block.replace(/^ {4}/gm, '')}\n`).to.equal(r.stdout);
  });

  it('no command needs the npm package, but after "After the package is published"', () => {
    const before = CI.slice(0, CI.indexOf('## After the package is published'));
    expect(before).not.to.match(/\bnpx\b|npm (install|i|exec) |@latest/);
    expect(section(README, '## Quick start')).not.to.match(/\bnpx\b|npm install|@latest/);
  });

  it('the GitHub workflow uses only inputs action.yml declares', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const [workflow] = yamlBlocks(section(CI, '### GitHub Actions')) as Array<{
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    }>;
    const step = workflow.jobs['ipsec-drift'].steps.find((s) => s.uses?.startsWith('ipsec-drift/ipsec-drift@'));
    expect(step).to.not.equal(undefined);
    expect(Object.keys(step!.with ?? {}).filter((k) => !(k in action.inputs))).to.deep.equal([]);
    expect(step!.uses).not.to.match(/@(latest|main|master)$/);
  });

  it('the pre-commit config names the hook .pre-commit-hooks.yaml declares', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>;
    const [config] = yamlBlocks(section(CI, '### pre-commit')) as Array<{ repos: Array<{ hooks: Array<{ id: string }> }> }>;
    expect(config.repos[0].hooks.map((h) => h.id)).to.deep.equal(hooks.map((h) => h.id));
  });

  it('the GitLab job runs the committed file and writes the JUnit and Code Quality reports its artifacts name', () => {
    const [job] = yamlBlocks(section(CI, '### GitLab CI')) as Array<Record<string, { script: string[]; artifacts: { reports: Record<string, string> } }>>;
    const { script, artifacts } = job['ipsec-drift'];
    const run = script.find((l) => l.startsWith('node '))!;
    // the clone of this repository at the pinned ref is this checkout
    const argv = run.replace('/tmp/ipsec-drift/', `${ROOT}/`).split(/\s+/).slice(1);
    expect(argv[0]).to.equal(join(ROOT, BUNDLE));
    const work = mkdtempSync(join(tmpdir(), 'ipsec-drift-gitlab-'));
    cpSync(join(ROOT, 'fixtures/audit-repo'), work, { recursive: true });
    const r = spawnSync(process.execPath, argv, { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH, CI: 'true', GITLAB_CI: 'true' } });
    expect(r.status, r.stderr).to.equal(1);
    for (const report of Object.values(artifacts.reports)) expect(existsSync(join(work, report)), report).to.equal(true);
    expect(readFileSync(join(work, artifacts.reports.junit), 'utf8')).to.match(/^<\?xml/);
    const issues = JSON.parse(readFileSync(join(work, artifacts.reports.codequality), 'utf8'));
    const ok = new Ajv().compile({
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['description', 'check_name', 'fingerprint', 'severity', 'location'] },
    });
    expect(ok(issues)).to.equal(true);
  });
});
