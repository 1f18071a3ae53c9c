/**
 * The published package works when installed (issue 14 §2): `npm pack` (which builds dist/),
 * then the tarball installed into an empty directory with no network — `npm ci --offline`
 * against a lockfile made of the tarball and this repository's locked production dependencies,
 * whose tarballs `npm ci` left in the npm cache. (`npm install --offline <tarball>` is not
 * enough: it needs each dependency's registry metadata, which `npm ci` does not cache.) From
 * there: the library API imported by its package name with its types present, and the CLI run
 * through its bin link.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the npm package, packed and installed offline', function () {
  this.timeout(600_000);
  const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-pack-'));
  const app = join(tmp, 'app');
  let files: string[] = [];
  let tarball = '';

  before(() => {
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
    files = (packed[0].files as Array<{ path: string }>).map((f) => f.path);
    tarball = join(tmp, packed[0].filename);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const spec = `file:../${packed[0].filename}`;
    const packages: Record<string, unknown> = {
      '': { name: 'app', dependencies: { 'ipsec-drift': spec } },
      'node_modules/ipsec-drift': {
        version: pkg.version,
        resolved: spec,
        integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    for (const [path, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean; link?: boolean }>))
      if (path && !entry.dev && !entry.link) packages[path] = entry;
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { 'ipsec-drift': spec } }));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }));
    const install = spawnSync(NPM, ['ci', '--offline', '--no-audit', '--no-fund'], {
      cwd: app,
      encoding: 'utf8',
      // --offline: npm makes no request at all (a tarball missing from the cache is ENOTCACHED, not a download).
      // The registry stays the one `npm ci` used: the cache is keyed by its URLs.
      env: { ...process.env, npm_config_offline: 'true' },
    });
    expect(install.status, install.stderr).to.equal(0);
  });

  it('holds the built library and CLI with their types, the docs and adapter READMEs; no tests, scripts of ours, bundle or screenshot', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/main.js',
      'docs/ci.md',
      'adapters/fortigate/README.md',
    ])
      expect(files, f).to.include(f);
    // every adapter README the README points at
    for (const m of readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/adapters\/([a-z0-9-]+)\/README\.md/g)) expect(files).to.include(m[0]);
    const unwanted = files.filter((f) =>
      /^(test|bench|fixtures|lab|dist-action|dist\/test)\/|^docs\/images\/|^scripts\/(?!collect-windows\.ps1$)|\.test\.|^src\//.test(f),
    );
    expect(unwanted).to.deep.equal([]);
  });

  it('imports the library API by its name: read two files, compare, render', async () => {
    const script = join(app, 'use.mjs');
    writeFileSync(
      script,
      `import { readDevice, compare, renderReport, VERSION, ParseError } from 'ipsec-drift';
const dir = ${JSON.stringify(join(ROOT, 'fixtures/pairs/demo-fgt-pfsense'))};
const report = compare(readDevice(dir + '/fgt-branch.conf'), readDevice(dir + '/pfsense-hq.xml'));
let bad;
try { readDevice(${JSON.stringify(join(ROOT, 'fixtures/audit-repo/configs/broken/fgt-madrid.conf'))}); } catch (e) { bad = e instanceof ParseError ? e.located : String(e); }
console.log(JSON.stringify({ VERSION, rules: report.findings.map((f) => f.rule), sarif: JSON.parse(renderReport(report, 'sarif')).version, table: renderReport(report, 'table', { width: 80 }).split('\\n')[0], bad }));
`,
    );
    const r = spawnSync(process.execPath, [script], { cwd: app, encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out.VERSION).to.equal(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(out.rules).to.deep.equal(['p2-lifetime-mismatch']);
    expect(out.sarif).to.equal('2.1.0');
    expect(out.table).to.equal(`A: ${join(ROOT, 'fixtures/pairs/demo-fgt-pfsense/fgt-branch.conf')} (fortigate, fgt-branch)`.slice(0, out.table.length));
    expect(out.bad).to.match(/fgt-madrid\.conf:46: expected `end` closing `config vpn ipsec phase2-interface`/);
    // the types the exports point at exist
    const types = readFileSync(join(app, 'node_modules/ipsec-drift/dist/src/index.d.ts'), 'utf8');
    expect(types).to.contain('export declare function readDevice(path: string, vendor?: string): Device;');
    expect(existsSync(join(app, 'node_modules/ipsec-drift/dist/src/model/types.d.ts'))).to.equal(true);
  });

  it('runs the CLI through its bin link', () => {
    const bin = join(app, 'node_modules/.bin/ipsec-drift');
    const version = spawnSync(bin, ['--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).to.equal(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const cmp = spawnSync(
      bin,
      [
        'compare',
        join(ROOT, 'fixtures/pairs/demo-fgt-pfsense/fgt-branch.conf'),
        join(ROOT, 'fixtures/pairs/demo-fgt-pfsense/pfsense-hq.xml'),
        '--format',
        'json',
        '--fail-on',
        'info',
      ],
      {
        cwd: app,
        encoding: 'utf8',
      },
    );
    expect(cmp.status, cmp.stderr).to.equal(1);
    expect(JSON.parse(cmp.stdout).findings.map((f: { rule: string }) => f.rule)).to.deep.equal(['p2-lifetime-mismatch']);
    const help = spawnSync(bin, ['help', 'audit'], { cwd: app, encoding: 'utf8' });
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain('--format <format>');
  });
});
