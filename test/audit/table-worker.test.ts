/**
 * The audit's table rendered on a worker thread (src/cli/table-worker.ts) beside the other
 * formats: the same bytes as rendered here, in its file or on standard output, and its errors
 * thrown here as they would be here.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditTableChunks } from '../../src/cli/audit-table.js';
import { startTableWorker, TABLE_WORKER_MIN } from '../../src/cli/table-worker.js';
import { UsageError } from '../../src/model/errors.js';
import type { Report } from '../../src/report/report.js';
import { recordStageTimes, stageTimes } from '../../src/audit/timing.js';
import { audit, copyRepo, type RepoCopy } from './repo.js';

describe('audit: the table on a worker thread', function () {
  this.timeout(120_000);
  let repo: RepoCopy;
  let report: Report;
  const saved = { ...TABLE_WORKER_MIN };
  before(async () => {
    repo = copyRepo();
    const json = join(repo.out, 'report.json');
    const r = await audit(repo.root, ['.', '--inventory', 'tunnels.yaml', '--fail-on', 'none', '--format', 'json', '--output', json]);
    expect(r.code, r.err).to.equal(0);
    report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  });
  after(() => {
    Object.assign(TABLE_WORKER_MIN, saved);
    repo.dispose();
  });

  it('renders the text the table renders here, colored for a terminal, and sends it back', () => {
    const terminal = { color: true, width: 200 };
    const here = [...auditTableChunks(report, terminal, false)].join('');
    expect(report.findings.length).to.be.greaterThan(10);
    expect(here).to.contain('\u001b[90m┌');
    const worker = startTableWorker();
    expect(worker).to.not.equal(undefined);
    worker!.post({ report, terminal });
    const done = worker!.result();
    expect(done?.text).to.equal(here);
    expect(done!.renderMs).to.be.greaterThan(0);
  });

  it('writes the table into its file, uncolored', () => {
    const terminal = { color: true, width: 120 };
    const file = join(repo.out, 'worker.table');
    const worker = startTableWorker()!;
    worker.post({ report, terminal, output: file });
    expect(worker.result()?.text).to.equal(undefined);
    expect(readFileSync(file, 'utf8')).to.equal([...auditTableChunks(report, terminal, true)].join(''));
    expect(readFileSync(file, 'utf8')).not.to.contain('\u001b');
  });

  it("throws a write error here as the usage error it is, with the option's message", () => {
    const worker = startTableWorker()!;
    worker.post({ report, terminal: { color: false, width: 200 }, output: join(repo.out, 'gone', 'audit.table') });
    expect(() => worker.result())
      .to.throw(UsageError)
      .with.property('message', `--output ${join(repo.out, 'gone', 'audit.table')}: the directory ${join(repo.out, 'gone')} does not exist`);
  });

  it('a report that cannot be copied to the worker is not posted (the caller renders the table itself)', () => {
    const worker = startTableWorker()!;
    const uncopyable = { ...report, findings: [{ ...report.findings[0], explain: () => 'a function' }] } as unknown as Report;
    expect(worker.post({ report: uncopyable, terminal: { color: false, width: 200 } })).to.equal(false);
    worker.stop();
  });

  it('the CLI writes the same bytes with the table on the worker as without it (stdout and files)', async () => {
    const runWith = async (min: number, tag: string) => {
      Object.assign(TABLE_WORKER_MIN, { devices: min, findings: min });
      const sarif = join(repo.out, `${tag}.sarif`);
      const table = join(repo.out, `${tag}.table`);
      const args = ['.', '--inventory', 'tunnels.yaml', '--fail-on', 'warning'];
      const first = await audit(repo.root, [...args, '--format', 'table', '--format', 'sarif', '--output', sarif]);
      const second = await audit(repo.root, [...args, '--format', 'json', '--format', 'table', '--output', table]);
      return { first, second, sarif: readFileSync(sarif, 'utf8'), table: readFileSync(table, 'utf8') };
    };
    recordStageTimes(true);
    const beside = await runWith(0, 'beside');
    const besideStages = stageTimes().map(([s]) => s);
    recordStageTimes(false);
    const alone = await runWith(Number.MAX_SAFE_INTEGER, 'alone');
    expect(beside.first.out).to.contain('│ Severity');
    expect(beside.table).to.contain('│ Severity');
    expect(beside).to.deep.equal(alone);
    expect(beside.first.code).to.equal(1);
    // the worker did render them (its stages are named apart)
    expect(besideStages).to.include.members(['render handoff', 'render wait', 'render table (worker)', 'write table (worker)']);
    expect(besideStages).not.to.include('render table');
  });

  it('--jobs 1: the table is rendered on this thread, as every format', async () => {
    Object.assign(TABLE_WORKER_MIN, { devices: 0, findings: 0 });
    recordStageTimes(true);
    const r = await audit(repo.root, [
      '.',
      '--jobs',
      '1',
      '--fail-on',
      'none',
      '--format',
      'table',
      '--format',
      'json',
      '--output',
      join(repo.out, 'one.json'),
    ]);
    const stages = stageTimes().map(([s]) => s);
    recordStageTimes(false);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain('│ Severity');
    expect(stages).to.include.members(['render table', 'render json']);
    expect(stages.filter((s) => s.endsWith('(worker)') || s.startsWith('render handoff'))).to.deep.equal([]);
  });
});
