/**
 * `ipsec-drift audit` end to end over fixtures/audit-repo (13 devices of 9 vendors, one broken
 * file, non-config files, a symlink loop and a huge file): the exact findings in every format —
 * JSON (report schema), table, SARIF (SARIF 2.1.0 schema and Microsoft's validator with the
 * GitHub rules) and JUnit (parsed) — and the exit codes.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseStringPromise } from 'xml2js';
import { validateReport } from '../../src/model/schema.js';
import { rules } from '../../src/compare/rules/index.js';
import type { Report, ReportFinding, ReportSide } from '../../src/report/report.js';
import { INFORMATION_URI } from '../../src/report/sarif.js';
import { VERSION } from '../../src/version.js';
import { ROOT } from '../helpers.js';
import { audit, copyRepo, type RepoCopy } from './repo.js';
import { type Expected, PAIRS_WITH_INVENTORY, type Side, SKIPPED, WITH_INVENTORY, WITHOUT_INVENTORY } from './expected.js';

const MULTITOOL_DIR = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');
const SARIF_SCHEMA = join(MULTITOOL_DIR, 'sarif-2.1.0.json');

function sideOf(s: ReportSide | undefined): Side | undefined {
  if (!s) return undefined;
  const at = s.setting?.at;
  return { end: `${s.end.device}/${s.end.tunnel}`, at: at ? `${at.file}:${at.line}` : '(none)', text: '' };
}

/** The report's findings in the expectations' shape (text left out: checked against the files). */
function compact(findings: ReportFinding[]): Expected[] {
  return findings.map((f) => {
    const e: Expected = { rule: f.rule, severity: f.severity, setting: f.setting ?? '' };
    const a = sideOf(f.a);
    const b = sideOf(f.b);
    if (a) e.a = a;
    if (b) e.b = b;
    return e;
  });
}

function withoutText(list: Expected[]): Expected[] {
  const side = ({ sarifAt: _, ...s }: Side): Side => ({ ...s, text: '' });
  return list.map((e) => ({ ...e, ...(e.a ? { a: side(e.a) } : {}), ...(e.b ? { b: side(e.b) } : {}) }));
}

/** Every expected file:line really holds the expected text (so line numbers are exact, not off by one). */
function expectLinesHold(root: string, list: Expected[]): void {
  for (const e of list)
    for (const s of [e.a, e.b]) {
      if (!s || s.at === '(none)') continue;
      const [file, line] = [s.at.slice(0, s.at.lastIndexOf(':')), Number(s.at.slice(s.at.lastIndexOf(':') + 1))];
      const text = readFileSync(join(root, file), 'utf8').split(/\r?\n/)[line - 1];
      expect(text, `${e.rule} ${s.at}`).to.contain(s.text);
    }
}

describe('audit: fixtures/audit-repo end to end', function () {
  this.timeout(120_000);
  let repo: RepoCopy;
  let run: Awaited<ReturnType<typeof audit>>;
  let report: Report;

  before(async () => {
    repo = copyRepo();
    const out = (f: string) => join(repo.out, f);
    run = await audit(repo.root, [
      '.',
      '--inventory',
      'tunnels.yaml',
      '--format',
      'table',
      '--format',
      'json',
      '--output',
      out('report.json'),
      '--format',
      'sarif',
      '--output',
      out('results.sarif'),
      '--format',
      'junit',
      '--output',
      out('junit.xml'),
    ]);
    report = JSON.parse(readFileSync(out('report.json'), 'utf8')) as Report;
  });
  after(() => repo.dispose());

  it('exits 1 (errors and warnings at the default --fail-on warning) and prints no error', () => {
    expect(run.err).to.equal('');
    expect(run.code).to.equal(1);
  });

  describe('json', () => {
    it('validates against the report schema', () => {
      expect(validateReport(report)).to.deep.equal([]);
      expect(report.tool).to.equal('ipsec-drift');
      expect(report.generatedAt).to.equal('2026-03-02T08:00:00.000Z');
    });

    it('has exactly the expected findings: rule, severity, setting, both ends, file:line', () => {
      expect(compact(report.findings)).to.deep.equal(withoutText(WITH_INVENTORY));
      expectLinesHold(repo.root, WITH_INVENTORY);
      expect(report.summary).to.deep.equal({ error: 5, warning: 6, info: 2 });
    });

    it('reads 13 devices of 9 vendors and pairs them as the inventory and the addresses say', () => {
      expect(report.inputs.map((i) => i.vendor).sort()).to.deep.equal([
        'asa',
        'fortigate',
        'fortigate',
        'ios',
        'opnsense',
        'pfsense',
        'pfsense',
        'routeros',
        'routeros',
        'routeros',
        'strongswan',
        'windows-netsh',
        'windows-rras',
      ]);
      expect(report.pairs.map((p) => [`${p.a.device}/${p.a.tunnel}`, `${p.b.device}/${p.b.tunnel}`, p.how])).to.deep.equal(PAIRS_WITH_INVENTORY);
    });

    it('a tunnel to a partner outside the repo without a contract is not a finding', () => {
      const text = JSON.stringify(report.findings);
      expect(text).not.to.contain('to-globex');
      expect(text).not.to.contain('192.0.2.210');
    });

    it('notes every skipped file, and the ignore the inventory applied', () => {
      expect(report.audit!.skipped.map((s) => [s.path, s.reason]).sort()).to.deep.equal(SKIPPED);
      // archive/ and *.bak are excluded by .ipsec-driftignore: not even a note
      expect(JSON.stringify(report)).not.to.match(/archive\/|\.bak/);
      expect(report.audit!.suppressed).to.deep.equal([
        {
          rule: 'p1-lifetime-mismatch',
          message: 'Phase 1 lifetime differs: 28800 s (8h) vs 31680 s (8h48m)',
          reason: 'charon proposes rekey_time + over_time in IKEv1 and Tallinn accepts it (proposal-check obey); gone with the move to IKEv2 (NET-2291)',
        },
      ]);
    });

    it('never carries a pre-shared key', () => {
      const all =
        readFileSync(join(repo.out, 'report.json'), 'utf8') +
        readFileSync(join(repo.out, 'results.sarif'), 'utf8') +
        readFileSync(join(repo.out, 'junit.xml'), 'utf8') +
        run.out;
      for (const secret of [
        'Lyon-HQ:4f9c!e81b2d7',
        'Graz-HQ/2023-b7e0c1',
        'Oslo<->HQ 2024',
        'kiel-hq-2024!a1c9',
        'tallinn-bern-ikev1-2019',
        'Nantes-DC#2022-ikev1-9a0c',
      ])
        expect(all).not.to.contain(secret);
    });
  });

  describe('table', () => {
    it('lists every finding with its rule and severity, then the notes', () => {
      for (const [i, e] of WITH_INVENTORY.entries()) expect(run.out).to.match(new RegExp(`│ ${i + 1}\\.\\s+(${e.severity}\\s+)?│ ${e.rule}\\s`), e.rule);
      expect(run.out).to.contain('5 error(s), 6 warning(s), 2 info');
      expect(run.out).to.contain('skipped 8 file(s):');
      for (const [path, reason] of SKIPPED) expect(run.out).to.contain(`  ${path}: ${reason}`);
      expect(run.out).to.contain('1 finding(s) ignored by the inventory');
    });
  });

  describe('sarif', () => {
    /** The parts of SARIF 2.1.0 these tests read. */
    interface SarifLocation {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    }
    interface SarifRule {
      id: string;
      shortDescription: { text: string };
      fullDescription: { text: string };
      help: { text: string; markdown: string };
    }
    interface SarifResult {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: SarifLocation[];
      partialFingerprints: Record<string, string>;
    }
    let sarif: {
      $schema: string;
      version: string;
      runs: Array<{
        tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
        results: SarifResult[];
      }>;
    };
    before(() => {
      sarif = JSON.parse(readFileSync(join(repo.out, 'results.sarif'), 'utf8'));
    });

    it('validates against the SARIF 2.1.0 JSON schema', () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
      const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).to.equal(true);
    });

    it("passes Microsoft's SARIF validator with the SARIF and GitHub rules: zero results", function () {
      const tool = join(MULTITOOL_DIR, 'Sarif.Multitool');
      if (!existsSync(tool)) this.skip(); // @microsoft/sarif-multitool ships no binary for this platform
      chmodSync(tool, 0o755); // npm 11 does not run the package's postinstall, which would set it
      const log = join(repo.out, 'validation.sarif');
      const r = spawnSync(tool, ['validate', '--rule-kind', 'Sarif;Gh', join(repo.out, 'results.sarif'), '-o', log, '--log', 'ForceOverwrite'], {
        encoding: 'utf8',
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      });
      expect(r.status, r.stderr + r.stdout).to.equal(0);
      const results = (JSON.parse(readFileSync(log, 'utf8')) as typeof sarif).runs[0].results;
      expect(results.map((x) => `${x.ruleId}: ${JSON.stringify(x.message)}`)).to.deep.equal([]);
    });

    it('describes the tool and every rule as GitHub code scanning wants', () => {
      expect(sarif.version).to.equal('2.1.0');
      expect(sarif.$schema).to.match(/sarif-2\.1\.0/);
      const driver = sarif.runs[0].tool.driver;
      expect([driver.name, driver.version, driver.informationUri]).to.deep.equal(['ipsec-drift', VERSION, INFORMATION_URI]);
      expect(driver.rules.map((r) => r.id)).to.deep.equal(rules.map((r) => r.id));
      for (const r of driver.rules) {
        expect(r.shortDescription.text, r.id).to.be.a('string').and.not.equal('');
        expect(r.fullDescription.text, r.id).to.be.a('string').and.not.equal('');
        expect(r.help.text, r.id).to.be.a('string').and.not.equal('');
        expect(r.help.markdown, r.id).to.contain(`docs/rules/${r.id}.md`);
      }
    });

    it("puts each result at side A's line (B's when there is no A) with side B in relatedLocations", () => {
      const results = sarif.runs[0].results;
      const level = { error: 'error', warning: 'warning', info: 'note' } as const;
      const where = (l: SarifLocation) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`;
      expect(
        results.map((r) => ({ ruleId: r.ruleId, level: r.level, at: r.locations.map(where), related: (r.relatedLocations ?? []).map(where) })),
      ).to.deep.equal(
        WITH_INVENTORY.map((e) => ({
          ruleId: e.rule,
          level: level[e.severity],
          at: [(e.a ?? e.b)!.sarifAt ?? (e.a ?? e.b)!.at],
          related: e.a && e.b ? [e.b.at] : [],
        })),
      );
      for (const r of results) {
        expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).to.equal(r.ruleId);
        expect(r.message.text).to.be.a('string').and.not.equal('');
      }
      // one alert per finding: no two results share a fingerprint
      const prints = results.map((r) => r.partialFingerprints['ipsecDriftFinding/v1']);
      expect(new Set(prints).size).to.equal(results.length);
    });
  });

  describe('junit', () => {
    interface Case {
      $: { classname: string; name: string };
      failure?: Array<{ $: { message: string; type: string } }>;
    }
    let suites: Array<{ $: { name: string; tests: string; failures: string }; testcase: Case[] }>;
    let root: { $: { tests: string; failures: string } };
    before(async () => {
      const xml = await parseStringPromise(readFileSync(join(repo.out, 'junit.xml'), 'utf8'));
      root = xml.testsuites;
      suites = xml.testsuites.testsuite;
    });

    const FAILING = WITH_INVENTORY.filter((e) => e.severity !== 'info');
    const checked = rules.filter((r) => r.scope === 'pair' || r.scope === 'end').map((r) => r.id);

    it('has one suite per tunnel pair with one testcase per rule (passing ones too), then the inputs', () => {
      expect(suites.map((s) => s.$.name)).to.deep.equal([...PAIRS_WITH_INVENTORY.map(([a, b]) => `${a} <-> ${b}`), 'inputs']);
      for (const s of suites.slice(0, -1)) {
        expect(s.testcase.map((c) => c.$.name)).to.deep.equal(checked);
        expect(s.testcase.every((c) => c.$.classname === s.$.name)).to.equal(true);
      }
    });

    it('fails exactly the expected testcases', () => {
      const pairOf = new Map<string, string>();
      for (const [a, b] of PAIRS_WITH_INVENTORY) for (const e of [a, b]) pairOf.set(e, `${a} <-> ${b}`);
      // info findings do not fail (the gate is warning)
      const expected = FAILING.map((e) => {
        const end = (e.a ?? e.b)!.end;
        const pair = ['unmatched-tunnel', 'unreadable-config', 'expired-ignore'].includes(e.rule)
          ? undefined
          : (pairOf.get(e.a?.end ?? '') ?? pairOf.get(e.b!.end));
        return pair ? `${pair} :: ${e.rule}` : `inputs :: ${e.rule} ${end}`;
      });
      const failing = suites.flatMap((s) => s.testcase.filter((c) => c.failure).map((c) => `${c.$.classname} :: ${c.$.name}`));
      // both ends of the Nantes pair offer SHA-1: two findings, one failing testcase
      expect(failing.sort()).to.deep.equal([...new Set(expected)].sort());
      const nantes = suites.find((s) => s.$.name.startsWith('configs/branches/pfsense-nantes.xml'))!.testcase.find((c) => c.$.name === 'weak-crypto')!;
      expect(nantes.failure![0].$.message).to.equal(
        'DC ASA offers legacy algorithms: phase 1 sha1, phase 2 sha1; OUTSIDE_MAP 20 offers legacy algorithms: phase 1 sha1, phase 2 sha1',
      );
      const graz = suites.flatMap((s) => s.testcase).find((c) => c.$.name === 'pfs-mismatch' && c.failure)!;
      expect(graz.failure![0].$).to.deep.equal({ message: 'PFS differs: no PFS vs modp2048 (14)', type: 'error' });
    });

    it('classname + name is unique (GitLab drops duplicates) and the counts add up', () => {
      const keys = suites.flatMap((s) => s.testcase.map((c) => `${c.$.classname}\u0000${c.$.name}`));
      expect(new Set(keys).size).to.equal(keys.length);
      expect(Number(root.$.tests)).to.equal(keys.length);
      expect(Number(root.$.failures)).to.equal(FAILING.length - 1);
      for (const s of suites) expect(Number(s.$.failures)).to.equal(s.testcase.filter((c) => c.failure).length);
    });
  });
});

describe('audit: fixtures/audit-repo without an inventory', function () {
  this.timeout(120_000);
  let repo: RepoCopy;
  let report: Report;
  let code: number;
  before(async () => {
    repo = copyRepo();
    const r = await audit(repo.root, ['.', '--format', 'json']);
    code = r.code;
    report = JSON.parse(r.out) as Report;
  });
  after(() => repo.dispose());

  it('finds the drifts the configs alone show; partners (with or without a contract) and the DNS-named Porto pair are silent', () => {
    expect(code).to.equal(1);
    expect(compact(report.findings)).to.deep.equal(withoutText(WITHOUT_INVENTORY));
    expectLinesHold(repo.root, WITHOUT_INVENTORY);
    expect(JSON.stringify(report.findings)).not.to.match(/to-acme|to-globex|to-porto|fgt-porto/);
  });

  it('pairs Kiel (behind NAT) one way without the NAT map', () => {
    const kiel = report.pairs.find((p) => p.a.device === 'configs/branches/routeros-kiel.rsc')!;
    expect(kiel.how).to.equal('gateway one way (NAT?)');
  });
});

describe('audit: exit codes', function () {
  this.timeout(120_000);
  let repo: RepoCopy;
  before(() => (repo = copyRepo()));
  after(() => repo.dispose());

  it('0 when nothing reaches --fail-on, 1 when something does', async () => {
    expect((await audit(repo.root, ['.', '--inventory', 'tunnels.yaml', '--fail-on', 'none', '--format', 'json'])).code).to.equal(0);
    expect((await audit(repo.root, ['.', '--inventory', 'tunnels.yaml', '--fail-on', 'error', '--format', 'json'])).code).to.equal(1);
    const clean = await audit(repo.root, ['configs/windows']);
    expect(clean.code).to.equal(0);
    expect(clean.out).to.contain('No differences found.');
    // Kiel and HQ alone differ only in DPD timers (info): that fails --fail-on info, not the default
    const kielHq = ['configs/branches/routeros-kiel.rsc', 'configs/hq/fgt-hq.conf', '--format', 'json'];
    const info = await audit(repo.root, kielHq);
    expect((JSON.parse(info.out) as Report).findings.map((f) => `${f.rule}/${f.severity}`)).to.deep.equal(['dpd-mismatch/info']);
    expect(info.code).to.equal(0);
    expect((await audit(repo.root, [...kielHq, '--fail-on', 'info'])).code).to.equal(1);
  });

  it('2 when nothing at all could be read, naming the broken file and line', async () => {
    const r = await audit(repo.root, ['configs/broken']);
    expect(r.code).to.equal(2);
    expect(r.err).to.equal(
      'ipsec-drift: audit: nothing could be read (every configuration failed to parse):\nconfigs/broken/fgt-madrid.conf:46: expected `end` closing `config vpn ipsec phase2-interface` (line 41); the file ends inside it (truncated?)\n',
    );
    const none = await audit(repo.root, ['docs']);
    expect(none.code).to.equal(2);
    expect(none.err).to.equal('ipsec-drift: audit: nothing could be read (no device configuration was found)\n');
  });
});
