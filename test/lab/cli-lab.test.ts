/** `ipsec-drift lab` argument handling (the negotiation itself is in harness.lab.ts, root only). */
import { expect } from 'chai';
import { run } from '../../src/cli/main.js';
import { captureIo } from '../io.js';

const io = () => captureIo({ now: new Date(0) });

describe('cli: lab', () => {
  it('takes exactly two inputs: exit 2 with a message otherwise', async () => {
    const x = io();
    expect(await run(['lab', 'only-one.conf'], x)).to.equal(2);
    expect(x.err).to.equal('ipsec-drift: lab takes two inputs: ipsec-drift lab A B\n');
  });

  it('an unreadable input is an input error before any namespace is made', async () => {
    const x = io();
    expect(await run(['lab', 'no/such/a.conf', 'no/such/b.conf'], x)).to.equal(2);
    expect(x.err).to.contain('no/such/a.conf');
  });

  it('is listed in the usage', async () => {
    const x = io();
    await run(['--help'], x);
    expect(x.out).to.contain('ipsec-drift lab A B');
  });
});
