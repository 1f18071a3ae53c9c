/** releaseText: a parsed device must not keep the file text it was cut from alive. */
import { expect } from 'chai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { releaseText } from '../../src/read/job.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

describe('audit: releaseText', () => {
  it('keeps every value and leaves frozen objects alone', () => {
    const shared = Object.freeze({ value: 'a frozen default setting', raw: 'set keylife 86400' });
    const device = {
      origin: 'configs/hq/fgt-hq.conf',
      tunnels: [{ name: 'to-lyon', at: { file: 'configs/hq/fgt-hq.conf', line: 42 }, lifetime: shared, tags: ['x', 'a longer tag value'] }],
      n: 3,
      none: null,
    };
    const before = JSON.parse(JSON.stringify(device));
    expect(releaseText(device)).to.equal(device);
    expect(device).to.deep.equal(before);
    expect(device.tunnels[0].lifetime).to.equal(shared);
  });

  it('lets go of the text its strings were cut from', () => {
    /** what an adapter keeps of a large backup: a few raw lines, cut from the file text */
    const parsed = () => {
      const file = Array.from({ length: 400_000 }, (_, i) => `    set comment "line ${i} of a large backup"`).join('\n');
      return {
        tunnels: file
          .split('\n')
          .filter((_, i) => i % 40_000 === 0)
          .map((raw) => ({ raw })),
      };
    };
    const base = heapMb();
    const device = parsed();
    const pinned = heapMb() - base;
    releaseText(device);
    const released = heapMb() - base;
    expect(pinned, 'the substrings pin the file').to.be.greaterThan(10);
    expect(released).to.be.lessThan(2);
    expect(device.tunnels[3].raw).to.equal('    set comment "line 120000 of a large backup"');
  });
});
