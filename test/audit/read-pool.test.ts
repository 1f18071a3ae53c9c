/** The read pool: files parsed on worker threads come back identical, in order, to a serial read. */
import { expect } from 'chai';
import { join, relative } from 'node:path';
import { readAll } from '../../src/read/pool.js';
import { readJob, toWire, type ReadJob } from '../../src/read/job.js';
import { ROOT, filesUnder } from '../helpers.js';

describe('audit read pool (worker threads)', function () {
  this.timeout(120000);
  const jobs: ReadJob[] = filesUnder(join(ROOT, 'fixtures'))
    .filter((f) => !f.endsWith('.json'))
    .map((f) => ({ path: relative(process.cwd(), f), names: [f], mustBeConfig: false }));

  it('reads every fixture on 3 threads exactly as on one (devices, errors, skips, order, PSK fingerprints)', () => {
    const serial = jobs.map(readJob).map(toWire);
    const stats = { fromWorkers: 0 };
    const pooled = readAll(jobs, 3, { files: 0, bytes: 0, waitForWorkers: true }, stats).map(toWire);
    expect(jobs.length).to.be.greaterThan(100);
    // the workers took files from the shared counter too
    expect(stats.fromWorkers).to.be.greaterThan(0);
    expect(JSON.stringify(pooled)).to.equal(JSON.stringify(serial));
    // fingerprints made in a worker compare with ones made here: the key is shared
    const fps = JSON.stringify(pooled).match(/hmac:[0-9a-f]{16}/g) ?? [];
    expect(fps.length).to.be.greaterThan(5);
  });

  it('stays on this thread for a handful of files', () => {
    const few = jobs.slice(0, 5);
    expect(readAll(few, 4).map(toWire)).to.deep.equal(few.map(readJob).map(toWire));
  });
});
