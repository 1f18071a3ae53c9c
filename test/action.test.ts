/**
 * The GitHub Action and its one-file CLI (issue 14 §1).
 *
 * - dist-action/ipsec-drift.mjs is what a fresh `npm run build:action` writes, byte for byte (the
 *   convention of JavaScript actions: the committed bundle is the source's).
 * - The bundle runs on its own: its audit reads files in worker threads started on the bundle.
 * - action.yml run as GitHub runs a composite action: its `run:` steps in bash (-eo pipefail) with
 *   `${{ … }}` expanded, INPUT_* / GITHUB_* / RUNNER_* set and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 *   files, from a copy of the committed files only (no node_modules, no dist/), with no network
 *   at all (a new network namespace when this machine allows one; the npm registry unreachable in
 *   any case), on a copy of fixtures/audit-repo as the workspace.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { BUNDLE, buildBundle } from '../scripts/build-action.js';
import { ROOT } from './helpers.js';
import { MessageChannel, Worker } from 'node:worker_threads';
import { auditTableChunks } from '../src/cli/audit-table.js';
import type { Report } from '../src/report/report.js';

const bundlePath = join(ROOT, BUNDLE);
const tmp = mkdtempSync(join(tmpdir(), 'ipsec-drift-action-'));

interface Step {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

/** The expression contexts a composite action's steps see (only those action.yml uses). */
interface Contexts {
  inputs: Record<string, string>;
  github: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

function lookup(path: string, ctx: Contexts): string {
  const [head, ...rest] = path.trim().split('.');
  let v: unknown = (ctx as unknown as Record<string, unknown>)[head];
  for (const k of rest) v = v === undefined ? undefined : (v as Record<string, unknown>)[k];
  if (head !== 'steps' && v === undefined) throw new Error(`action.yml uses \${{ ${path} }}, which this test does not know`);
  return v === undefined ? '' : String(v);
}

/** `${{ inputs.x }}` in a string. Anything more than a property path is an error (this test would not know how GitHub evaluates it). */
function expand(text: string, ctx: Contexts): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => {
    if (!/^\s*[a-z][\w.-]*\s*$/i.test(e)) throw new Error(`unsupported expression: ${e}`);
    return lookup(e, ctx);
  });
}

/** A step's `if:`: terms joined by &&, each always(), success(), or `path == 'x'` / `path != 'x'`. */
function condition(expr: string | undefined, ctx: Contexts, failed: boolean): boolean {
  if (expr === undefined) return !failed;
  const terms = expr.split('&&').map((t) => t.trim());
  const alwaysRuns = terms.includes('always()');
  const ok = terms.every((t) => {
    if (t === 'always()') return true;
    if (t === 'success()') return !failed;
    const m = /^([a-z][\w.-]*)\s*(==|!=)\s*'([^']*)'$/i.exec(t);
    if (!m) throw new Error(`unsupported condition term: ${t}`);
    return (lookup(m[1], ctx) === m[3]) === (m[2] === '==');
  });
  return ok && (alwaysRuns || !failed);
}

function parseOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Whether this machine lets us run a command in a new network namespace (no interface but a down loopback). */
const NO_NETWORK =
  spawnSync('unshare', ['-rn', 'true']).status === 0 ? ['unshare', '-rn'] : spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : undefined;

/** A copy of the repository holding only the files git tracks: what `uses: OWNER/ipsec-drift@ref` checks out. */
function checkoutCopy(): string {
  const dir = join(tmp, 'action');
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  return dir;
}

interface ActionRun {
  outputs: Record<string, string>;
  summary: string;
  log: string;
  failed: boolean;
  upload?: { uses: string; with: Record<string, string> };
}

/** Run action.yml's steps the way GitHub runs a composite action. */
function runAction(actionDir: string, workspace: string, inputs: Record<string, string>): ActionRun {
  const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionYml;
  expect(action.runs.using).to.equal('composite');
  const given: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) given[name] = inputs[name] ?? spec.default ?? '';
  for (const name of Object.keys(inputs)) expect(action.inputs, `input ${name}`).to.have.property(name);
  const runnerTemp = mkdtempSync(join(tmp, 'runner-temp-'));
  const summaryFile = join(runnerTemp, 'step_summary.md');
  writeFileSync(summaryFile, '');
  const ctx: Contexts = { inputs: given, github: { action_path: actionDir, workspace }, steps: {} };
  let failed = false;
  let log = '';
  let upload: ActionRun['upload'];
  for (const [i, step] of action.runs.steps.entries()) {
    if (!condition(step.if, ctx, failed)) continue;
    if (step.uses) {
      // another action (the SARIF upload): record what it would be given; it needs GitHub itself
      upload = { uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx)])) };
      continue;
    }
    expect(step.shell, `step ${i} shell`).to.equal('bash');
    const outputFile = join(runnerTemp, `output-${i}`);
    writeFileSync(outputFile, '');
    const script = join(runnerTemp, `step-${i}.sh`);
    writeFileSync(script, expand(step.run ?? '', ctx));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: runnerTemp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runnerTemp,
      // nothing may come from a registry: any npm/npx call would fail here
      npm_config_registry: 'http://127.0.0.1:9',
      npm_config_offline: 'true',
      npm_config_cache: join(runnerTemp, 'npm-cache'),
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
    };
    for (const [k, v] of Object.entries(given)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), ctx);
    const argv = [...(NO_NETWORK ?? []), 'bash', '--noprofile', '--norc', '-eo', 'pipefail', script];
    const r = spawnSync(argv[0], argv.slice(1), { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
    log += r.stdout + r.stderr;
    if (step.id) ctx.steps[step.id] = { outputs: parseOutputs(outputFile) };
    if (r.status !== 0) failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, expand(o.value, ctx)]));
  return { outputs, summary: readFileSync(summaryFile, 'utf8'), log, failed, upload };
}

describe('the GitHub Action and its one-file CLI', function () {
  this.timeout(180_000);

  it('dist-action/ipsec-drift.mjs is a fresh build of the sources, byte for byte (npm run build:action)', async () => {
    const fresh = join(tmp, 'fresh', 'ipsec-drift.mjs');
    await buildBundle(fresh);
    const committed = readFileSync(bundlePath);
    const built = readFileSync(fresh);
    expect(built.equals(committed), `${BUNDLE} is stale: run \`npm run build:action\` and commit it`).to.equal(true);
    // and twice the same: nothing in it depends on when or where it was built
    await buildBundle(join(tmp, 'fresh2', 'ipsec-drift.mjs'));
    expect(readFileSync(join(tmp, 'fresh2', 'ipsec-drift.mjs')).equals(built)).to.equal(true);
    expect(built.toString('utf8')).not.to.contain(ROOT);
  });

  it('the bundle runs alone: --version, and an audit whose files are read by worker threads started on the bundle', () => {
    const alone = join(tmp, 'alone');
    mkdirSync(alone);
    copyFileSync(bundlePath, join(alone, 'ipsec-drift.mjs'));
    const version = spawnSync(process.execPath, [join(alone, 'ipsec-drift.mjs'), '--version'], { cwd: alone, encoding: 'utf8' });
    expect(version.stdout).to.match(/^\d+\.\d+\.\d+\n$/);
    // the collector (ssh2 and its WebAssembly, node-routeros) loads from the bundle: a pull from a closed port fails as a collection, exit 3
    const pull = spawnSync(
      process.execPath,
      [join(alone, 'ipsec-drift.mjs'), 'pull', 'ssh://netops@127.0.0.1:9?vendor=fortigate', 'routeros://admin@127.0.0.1:9', '--out', alone, '--timeout', '5'],
      { cwd: alone, encoding: 'utf8', env: { ...process.env, IPSEC_DRIFT_SSH_PASSWORD: 'x' } },
    );
    expect(pull.status, pull.stderr).to.equal(3);
    expect(pull.stderr).not.to.contain('internal error');
    expect(pull.stderr).to.match(/pulled 0 of 2 device\(s\)/);
    // 256 files or more make the pool use its workers (src/read/pool.ts)
    const many = join(tmp, 'many');
    const sources = readdirSync(join(ROOT, 'fixtures/pairs'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /\.(conf|xml|rsc|cfg)$/.test(d.name))
      .map((d) => join(d.parentPath, d.name));
    mkdirSync(many);
    let n = 0;
    while (n < 300) for (const s of sources) copyFileSync(s, join(many, `${String(n++).padStart(3, '0')}-${s.split('/').pop()}`));
    const audit = (jobs: string) =>
      spawnSync(process.execPath, [join(alone, 'ipsec-drift.mjs'), 'audit', many, '--jobs', jobs, '--fail-on', 'none', '--format', 'json'], {
        cwd: alone,
        encoding: 'utf8',
        env: { ...process.env, IPSEC_DRIFT_DEBUG: '1' },
        maxBuffer: 256 * 1024 * 1024,
      });
    const two = audit('2');
    const one = audit('1');
    expect(two.status, two.stderr).to.equal(0);
    // the worker (two jobs: this thread and one worker) loaded the bundle and ran (how many files it
    // read rather than this thread depends on the machine's load)
    const pool = /read pool: 1 of 1 worker thread\(s\) ran, (\d+) of (\d+) file\(s\) read by them/.exec(two.stderr);
    expect(pool, two.stderr).to.not.equal(null);
    expect(Number(pool![2])).to.equal(n);
    // the same report but for the time and the per-run key of the secrets' HMACs (src/model/secrets.ts)
    const strip = (json: string) => ({ ...JSON.parse(json.replace(/"hmac:[0-9a-f]+"/g, '"hmac"')), generatedAt: undefined });
    expect(strip(two.stdout)).to.deep.equal(strip(one.stdout));
  });

  it("a worker started on the bundle as the audit's table worker renders the table (src/cli/table-worker.ts)", async () => {
    const report: Report = {
      tool: 'ipsec-drift',
      version: '0.1.0',
      generatedAt: '2026-03-02T08:00:00.000Z',
      inputs: [{ origin: 'configs/a.conf', vendor: 'fortigate' }],
      pairs: [],
      summary: { error: 0, warning: 1, info: 0 },
      findings: [{ rule: 'dpd-mismatch', severity: 'warning', title: '', message: 'DPD differs', effect: 'one end waits' }],
      audit: { skipped: [], suppressed: [] },
    };
    const terminal = { color: false, width: 200 };
    const flag = new Int32Array(new SharedArrayBuffer(12));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(bundlePath, { workerData: { role: 'table', port: port2, flag }, transferList: [port2] });
    try {
      const outcome = new Promise<{ text?: string }>((resolve) => port1.once('message', resolve));
      port1.postMessage({ report, terminal });
      expect((await outcome).text).to.equal([...auditTableChunks(report, terminal, false)].join(''));
      expect((await outcome).text).to.contain('DPD differs');
    } finally {
      port1.close();
      await worker.terminate();
    }
  });

  describe('action.yml run as GitHub runs it, offline, from the committed files', () => {
    let actionDir: string;
    let workspace: string;
    before(() => {
      actionDir = checkoutCopy();
      workspace = join(tmp, 'workspace');
      cpSync(join(ROOT, 'fixtures/audit-repo'), workspace, { recursive: true });
      // the run uses today's date: an ignore that expires in 2028 would change the counts then
      const inventory = join(workspace, 'tunnels.yaml');
      writeFileSync(inventory, readFileSync(inventory, 'utf8').replace('expires: 2028-06-30', 'expires: 9999-12-31'));
    });

    it('nothing in it calls a package registry, and it runs the committed bundle', () => {
      const text = readFileSync(join(actionDir, 'action.yml'), 'utf8');
      expect(text).not.to.match(/\bnpx\b|\bnpm (install|exec|ci)\b|@latest/);
      expect(text).to.contain('$GITHUB_ACTION_PATH/dist-action/ipsec-drift.mjs');
      expect(existsSync(join(actionDir, 'node_modules'))).to.equal(false);
      expect(existsSync(join(actionDir, 'dist'))).to.equal(false);
    });

    it('audits the configs with the inventory: outputs, SARIF, summary; fails the job; uploads the SARIF only when asked', () => {
      const r = runAction(actionDir, workspace, { paths: 'configs', inventory: 'tunnels.yaml', 'upload-sarif': 'true', junit: 'junit.xml' });
      expect(r.failed, r.log).to.equal(true);
      expect(r.outputs, r.log).to.deep.equal({ sarif: 'ipsec-drift.sarif', errors: '6', warnings: '6', info: '2', 'exit-code': '1' });
      const sarif = JSON.parse(readFileSync(join(workspace, 'ipsec-drift.sarif'), 'utf8'));
      const results = sarif.runs[0].results as Array<{
        ruleId: string;
        level: string;
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
      }>;
      expect(results.map((x) => x.level).sort()).to.deep.equal([...Array(6).fill('error'), ...Array(2).fill('note'), ...Array(6).fill('warning')]);
      const pfs = results.find((x) => x.ruleId === 'pfs-mismatch')!;
      expect(pfs.locations[0].physicalLocation).to.deep.equal({ artifactLocation: { uri: 'configs/branches/opnsense-graz.xml' }, region: { startLine: 97 } });
      expect(readFileSync(join(workspace, 'junit.xml'), 'utf8')).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ipsec-drift"/);
      expect(r.summary).to.equal(EXPECTED_SUMMARY);
      expect(r.upload).to.deep.equal({ uses: 'github/codeql-action/upload-sarif@v4', with: { sarif_file: 'ipsec-drift.sarif', category: 'ipsec-drift' } });
      // the table went to the log
      expect(r.log).to.contain('pfs-mismatch');
      const quiet = runAction(actionDir, workspace, { paths: 'configs', inventory: 'tunnels.yaml', 'fail-on': 'none', sarif: 'out/drift.sarif' });
      expect(quiet.failed, quiet.log).to.equal(true); // out/ does not exist: exit 2, named
      expect(quiet.outputs['exit-code']).to.equal('2');
      expect(quiet.outputs.sarif).to.equal('');
      expect(quiet.log).to.contain('out/drift.sarif');
      expect(quiet.upload).to.equal(undefined);
      const pass = runAction(actionDir, workspace, { paths: 'configs', inventory: 'tunnels.yaml', 'fail-on': 'none' });
      expect(pass.failed, pass.log).to.equal(false);
      expect(pass.outputs).to.deep.equal({ sarif: 'ipsec-drift.sarif', errors: '6', warnings: '6', info: '2', 'exit-code': '0' });
      expect(pass.upload).to.equal(undefined); // upload-sarif defaults to false
      expect(pass.summary.split('\n')[0]).to.equal('### ipsec-drift audit: ✅ nothing at or above the gate (no gate (--fail-on none))');
    });

    it('the pre-commit hook: a script entry of the committed copy, executable, run as pre-commit runs it', () => {
      const hooks = parse(readFileSync(join(actionDir, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
        id: string;
        entry: string;
        language: string;
        pass_filenames: boolean;
      }>;
      expect(hooks.map((h) => [h.id, h.language, h.pass_filenames])).to.deep.equal([['ipsec-drift-audit', 'script', false]]);
      const [script, ...fixed] = hooks[0].entry.split(' ');
      // git keeps the executable bit: pre-commit runs the entry by its path in its clone
      expect(execFileSync('git', ['ls-files', '-s', script], { cwd: ROOT, encoding: 'utf8' })).to.match(/^100755 /);
      const run = spawnSync(join(actionDir, script), [...fixed, 'configs', '--inventory', 'tunnels.yaml'], {
        cwd: workspace,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, PRE_COMMIT: '1', npm_config_offline: 'true' },
      });
      expect(run.status, run.stderr).to.equal(1);
      expect(run.stdout).to.contain('pfs-mismatch');
    });

    it('ran with no network at all', function () {
      if (!NO_NETWORK) this.skip(); // the registry is unreachable anyway (npm_config_registry); a new network namespace is not allowed here
      const probe = spawnSync(
        NO_NETWORK[0],
        [...NO_NETWORK.slice(1), process.execPath, '-e', "require('net').connect(443,'1.1.1.1').on('error',e=>{console.log(e.code)})"],
        {
          encoding: 'utf8',
          timeout: 10_000,
        },
      );
      expect(probe.stdout.trim()).to.equal('ENETUNREACH');
    });
  });
});

/** The job summary of the audit of fixtures/audit-repo with its inventory, as GitHub shows it (Markdown). */
const EXPECTED_SUMMARY = `${[
  '### ipsec-drift audit: ❌ 12 findings at or above the gate (--fail-on warning)',
  '',
  '6 errors, 6 warnings, 2 info in 13 devices and 10 tunnel pairs; 6 pairs failing; 1 finding ignored by the inventory.',
  '',
  '| Verdict | A | B | Errors | Warnings | Info |',
  '|---|---|---|---:|---:|---:|',
  '| ✅ passes | configs/hq/fgt-hq.conf/to-porto | configs/branches/fgt-porto.conf/to-hq | 0 | 0 | 0 |',
  '| ⚠️ findings below the gate | configs/hq/fgt-hq.conf/to-acme | tunnels.yaml/acme-corp | 0 | 0 | 1 |',
  '| ❌ fails | configs/branches/ios-hamburg.cfg/CM-WAN 10 | configs/dc/asa-dc.txt/OUTSIDE\\_MAP 10 | 1 | 0 | 0 |',
  '| ❌ fails | configs/branches/opnsense-graz.xml/HQ FortiGate | configs/hq/fgt-hq.conf/to-graz | 1 | 1 | 0 |',
  '| ❌ fails | configs/branches/pfsense-lyon.xml/HQ FortiGate | configs/hq/fgt-hq.conf/to-lyon | 1 | 0 | 0 |',
  '| ❌ fails | configs/branches/pfsense-nantes.xml/DC ASA | configs/dc/asa-dc.txt/OUTSIDE\\_MAP 20 | 0 | 2 | 0 |',
  '| ✅ passes | configs/branches/routeros-kiel.rsc/hq | configs/hq/fgt-hq.conf/to-kiel | 0 | 0 | 0 |',
  '| ❌ fails | configs/branches/routeros-oslo.rsc/hq | configs/hq/fgt-hq.conf/to-oslo | 0 | 1 | 0 |',
  '| ❌ fails | configs/branches/routeros-tallinn.rsc/bern-dc | configs/dc/strongswan-bern/swanctl.conf/tallinn | 1 | 0 | 1 |',
  '| ✅ passes | configs/windows/netsh-wien.txt/Tunnel to DC | configs/windows/rras-dc.txt/to-wien | 0 | 0 | 0 |',
  '',
  'Not tied to a tunnel pair (unmatched ends, unreadable files): 2 errors, 2 warnings, 0 info.',
  '',
  '#### Findings that fail',
  '',
  '- **error** `traffic-selector-mismatch` configs/branches/ios-hamburg.cfg/CM-WAN 10 (line 95) ↔ configs/dc/asa-dc.txt/OUTSIDE\\_MAP 10 (line 52): Traffic selectors are not mirrored (the selectors have no address in common): 10.70.0.0/24 ↔ 10.101.0.0/16 vs 10.100.0.0/16 ↔ 10.70.0.0/24',
  '- **error** `pfs-mismatch` configs/branches/opnsense-graz.xml/HQ FortiGate (line 97) ↔ configs/hq/fgt-hq.conf/to-graz (line 320): PFS differs: no PFS vs modp2048 (14)',
  '- **warning** `ike-reauth-outage` configs/branches/opnsense-graz.xml/HQ FortiGate (line 97) ↔ configs/hq/fgt-hq.conf/to-graz (line 207): opn-graz.branches.corp.example/HQ FortiGate reauthenticates the IKE SA instead of rekeying it (reauth = yes (ipsec.conf, break-before-make))',
  '- **error** `traffic-selector-mismatch` configs/hq/fgt-hq.conf/to-lyon (line 314): Phase 2 to-lyon-voice (10.2.0.0/24 ↔ 10.10.8.0/24) on to-lyon has no counterpart on the other end',
  '- **warning** `lifetime-unit-trap` configs/branches/routeros-oslo.rsc/hq (line 23) ↔ configs/hq/fgt-hq.conf/to-oslo (line 333): phase 2 lifetime differs by exactly ×60 (minutes vs seconds): 60 s (1m) vs 3600 s (1h); hq most likely meant 1h where it has \\`lifetime=60\\`',
  '- **error** `natt-mismatch` configs/branches/routeros-tallinn.rsc/bern-dc (line 13) ↔ configs/dc/strongswan-bern/swanctl.conf/tallinn (line 12): NAT-T differs: NAT-T off vs NAT-T forced (always UDP 4500)',
  '- **warning** `weak-crypto` configs/branches/pfsense-nantes.xml/DC ASA (line 138): DC ASA offers legacy algorithms: phase 1 sha1, phase 2 sha1',
  '- **warning** `weak-crypto` configs/dc/asa-dc.txt/OUTSIDE\\_MAP 20 (line 111): OUTSIDE\\_MAP 20 offers legacy algorithms: phase 1 sha1, phase 2 sha1',
  '- **warning** `unmatched-tunnel` configs/hq/fgt-hq.conf/to-tallinn (line 289): FGT-HQ/to-tallinn (peer 203.0.113.60) has no matching tunnel on ros-tallinn',
  '- **error** `unreadable-config` configs/broken/fgt-madrid.conf/(file) (line 46): configs/broken/fgt-madrid.conf:46: expected \\`end\\` closing \\`config vpn ipsec phase2-interface\\` (line 41); the file ends inside it (truncated?)',
  '- **error** `unreadable-config` configs/hq/fgt-hq.conf.bak/(file) (line 123): configs/hq/fgt-hq.conf.bak:123: expected \\`end\\` closing \\`config firewall address\\` (line 111); the file ends inside it (truncated?)',
  '- **warning** `expired-ignore` tunnels.yaml/configs/branches/routeros-tallinn.rsc/bern-dc (line 43): The ignore of natt-mismatch on configs/branches/routeros-tallinn.rsc/bern-dc expired on 2025-01-31 ("Tallinn\'s ISP dropped UDP 4500 until the fibre upgrade (NET-2140)")',
].join('\n')}\n`;
