/** rangeToCidrs: the one address-range reader every adapter uses (FortiGate, Cisco, strongSwan, Windows, the state readers). */
import { expect } from 'chai';
import fc from 'fast-check';
import { formatCidr, parseCidr, rangeToCidrs } from '../../src/model/net.js';

describe('model/net: rangeToCidrs', () => {
  it('a single host is its own /32 (or /128)', () => {
    expect(rangeToCidrs('10.0.0.7', '10.0.0.7')).to.deep.equal(['10.0.0.7/32']);
    expect(rangeToCidrs('2001:db8::7', '2001:db8::7')).to.deep.equal(['2001:db8::7/128']);
  });

  it('the whole address space is /0', () => {
    expect(rangeToCidrs('0.0.0.0', '255.255.255.255')).to.deep.equal(['0.0.0.0/0']);
    expect(rangeToCidrs('::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).to.deep.equal(['::/0']);
  });

  it('an aligned range is one block; a non-aligned one the smallest exact cover', () => {
    expect(rangeToCidrs('10.10.0.0', '10.10.255.255')).to.deep.equal(['10.10.0.0/16']);
    expect(rangeToCidrs('10.0.0.5', '10.0.0.20')).to.deep.equal(['10.0.0.5/32', '10.0.0.6/31', '10.0.0.8/29', '10.0.0.16/30', '10.0.0.20/32']);
    expect(rangeToCidrs('10.0.0.255', '10.0.1.0')).to.deep.equal(['10.0.0.255/32', '10.0.1.0/32']);
    expect(rangeToCidrs('2001:db8::1', '2001:db8::4')).to.deep.equal(['2001:db8::1/128', '2001:db8::2/127', '2001:db8::4/128']);
  });

  it('refuses what is not a range of two plain addresses of one family, start first', () => {
    expect(rangeToCidrs('10.0.0.9', '10.0.0.1')).to.equal(undefined);
    expect(rangeToCidrs('10.0.0.1', '2001:db8::1')).to.equal(undefined);
    expect(rangeToCidrs('10.0.0.0/24', '10.0.1.0/24')).to.equal(undefined);
    expect(rangeToCidrs('10.0.0.1/32', '10.0.0.9')).to.equal(undefined);
    expect(rangeToCidrs('hq-lan', '10.0.0.9')).to.equal(undefined);
    expect(rangeToCidrs('', '')).to.equal(undefined);
  });

  it('covers exactly the range, with blocks that do not overlap, for any IPv4 range', () => {
    const toNum = (ip: string) => Number(parseCidr(ip)!.base);
    const ip = (n: number) => formatCidr({ family: 4, base: BigInt(n), prefix: 32 }).split('/')[0];
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.nat(0x3ffff), (start, length) => {
        const end = Math.min(0xffffffff, start + length);
        const cidrs = rangeToCidrs(ip(start), ip(end))!;
        let next = start;
        for (const c of cidrs) {
          const p = parseCidr(c)!;
          const size = 2 ** (32 - p.prefix);
          expect(Number(p.base), c).to.equal(next);
          expect(Number(p.base) % size, `${c} is aligned`).to.equal(0);
          next += size;
        }
        expect(next - 1).to.equal(end);
        expect(toNum(cidrs[0].split('/')[0])).to.equal(start);
        // at most two blocks of each size: the cover is the smallest
        expect(cidrs.length).to.be.at.most(62);
      }),
      { numRuns: 300 },
    );
  });
});
