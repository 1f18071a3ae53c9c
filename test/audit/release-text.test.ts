/** releaseText: a parsed device must not keep the file text it was cut from alive. */
import { expect } from 'chai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deserialize, serialize } from 'node:v8';
import { internStrings, releaseText } from '../../src/read/job.js';

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

describe('audit: internStrings', () => {
  it('keeps every value, leaves frozen objects alone, and shares equal strings across devices', () => {
    const shared = Object.freeze({ origin: 'default' });
    const a = { origin: 'configs/hq/fgt-hq.conf', at: [{ file: 'configs/hq/fgt-hq.conf', line: 1 }], d: shared, n: 3, none: null };
    const before = JSON.parse(JSON.stringify(a));
    const seen = new Map<string, string>();
    expect(internStrings(a, seen)).to.equal(a);
    expect(a).to.deep.equal(before);
    expect(a.d).to.equal(shared);
    expect([...seen.keys()]).to.deep.equal(['configs/hq/fgt-hq.conf']);
  });

  it('a device cloned from a worker holds each distinct string once after it', () => {
    // what structured clone hands over: every setting's file path its own copy
    const cloned = () =>
      deserialize(
        serialize(Array.from({ length: 200_000 }, (_, i) => ({ at: { file: 'configs/emea-north/fortigate-hub-emea-north-28.conf', line: i } }))),
      ) as Array<{
        at: { file: string; line: number };
      }>;
    const base = heapMb();
    const copies = cloned();
    const apart = heapMb() - base;
    internStrings(copies, new Map());
    const shared = heapMb() - base;
    expect(apart - shared, 'MB freed').to.be.greaterThan(8);
    expect(copies[123_456].at).to.deep.equal({ file: 'configs/emea-north/fortigate-hub-emea-north-28.conf', line: 123_456 });
  });
});
