/** How the read pool's threads share the files (src/read/shares.ts): by kind, each file claimed once. */
import { expect } from 'chai';
import type { ReadJob } from '../../src/read/job.js';
import { claimed, claimer, kindOf, planShares } from '../../src/read/shares.js';

const job = (path: string): ReadJob => ({ path, names: [path], mustBeConfig: false });

describe('read pool shares', () => {
  // sizes in bytes: the .conf files weigh 100 + 60 + 10, the .xml 90 + 30, the .rsc 20 + 5
  const jobs = ['a.conf', 'b.xml', 'c.conf', 'd.rsc', 'e.XML', 'f.conf', 'g.rsc'].map(job);
  const sizes = [100, 90, 60, 20, 30, 10, 5];

  it('groups files by extension, case aside', () => {
    expect(kindOf('configs/hq/FW-1.CONF')).to.equal('.conf');
    expect(kindOf('configs/hq/no-extension')).to.equal('');
  });

  it('gives each kind whole to the share with the fewest bytes, each share largest first', () => {
    const shares = planShares(jobs, sizes, 2);
    // .conf (170 bytes) to share 0, .xml (120) to share 1, .rsc (25) to share 1 (120 < 170)
    expect(shares.order.map((o) => o.index)).to.deep.equal([0, 2, 5, 1, 4, 3, 6]);
    expect(shares.bounds).to.deep.equal([0, 3, 3, 7]);
    expect(shares.taken.length).to.equal(8);
    expect(shares.order[3].job).to.equal(jobs[1]);
  });

  it('a thread takes its own share front to back, then the others from the back', () => {
    const shares = planShares(jobs, sizes, 2);
    const zero = claimer(shares, 0);
    expect([zero(), zero(), zero()]).to.deep.equal([0, 1, 2]);
    // share 1 is [b.xml, e.XML, d.rsc, g.rsc]: the helper takes its smallest first
    expect([zero(), zero()]).to.deep.equal([6, 5]);
    const one = claimer(shares, 1);
    expect([one(), one(), one()]).to.deep.equal([3, 4, -1]);
    expect(zero()).to.equal(-1);
    expect(claimed(shares)).to.equal(7);
  });

  it('a thread without a share (-1) only helps, and no file is claimed twice', () => {
    const shares = planShares(jobs, sizes, 3);
    const takers = [claimer(shares, 0), claimer(shares, 1), claimer(shares, 2), claimer(shares, -1)];
    const got: number[] = [];
    // round robin, as threads racing would interleave
    for (let live = true; live; ) {
      live = false;
      for (const t of takers) {
        const k = t();
        if (k >= 0) {
          got.push(k);
          live = true;
        }
      }
    }
    expect([...got].sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(claimed(shares)).to.equal(7);
  });

  it('more threads than kinds: the extra shares are empty and their threads help', () => {
    const shares = planShares([job('x.conf'), job('y.conf')], [5, 7], 3);
    expect(shares.bounds).to.deep.equal([0, 2, 2, 2, 2, 2]);
    const idle = claimer(shares, 2);
    expect(idle()).to.equal(1);
    expect(claimer(shares, 0)()).to.equal(0);
    expect(idle()).to.equal(-1);
  });
});
