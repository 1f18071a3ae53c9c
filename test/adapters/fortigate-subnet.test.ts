/**
 * `set src-subnet 10.1.2.0 255.255.255.0`: selectors.ts reads an address + dotted netmask in 32-bit
 * arithmetic (dottedCidr) instead of canonicalCidr's BigInt path (issue 13). It must answer what
 * canonicalCidr answers for every pair, and leave to it (undefined) every pair it does not read.
 */
import { expect } from 'chai';
import { dottedCidr, dottedPrefix, subnetValue } from '../../adapters/fortigate/selectors.js';
import { canonicalCidr, maskToPrefix } from '../../src/model/net.js';

describe('fortigate selectors: address + dotted netmask in 32-bit arithmetic', () => {
  it('reads the usual pairs exactly', () => {
    expect(dottedCidr('10.1.2.3', '255.255.255.0')).to.equal('10.1.2.0/24');
    expect(dottedCidr('192.168.77.129', '255.255.255.128')).to.equal('192.168.77.128/25');
    expect(dottedCidr('10.9.9.9', '255.255.255.255')).to.equal('10.9.9.9/32');
    expect(dottedCidr('172.16.5.4', '0.0.0.0')).to.equal('0.0.0.0/0');
    expect(dottedCidr('255.255.255.255', '128.0.0.0')).to.equal('128.0.0.0/1');
  });

  it('leaves to canonicalCidr what is not a plain address and a contiguous mask', () => {
    for (const [a, m] of [
      ['010.1.2.3', '255.255.255.0'],
      ['10.1.2.3', '255.0.255.0'],
      ['10.1.2.256', '255.255.255.0'],
      ['10.1.2.0/24', '255.255.255.0'],
      [' 10.1.2.3', '255.255.255.0'],
      ['10.1.2.3', '24'],
      ['2001:db8::', 'ffff::'],
      ['10.1.2', '255.255.0.0'],
    ]) {
      expect(dottedCidr(a, m), `${a} ${m}`).to.equal(undefined);
    }
  });

  it('answers what canonicalCidr and maskToPrefix answer for 20,000 pairs (every prefix, holes, junk)', () => {
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const octet = () => {
      const r = next() % 20;
      // mostly valid octets, some with a leading zero or out of range
      return r === 0 ? `0${next() % 100}` : r === 1 ? String(256 + (next() % 50)) : String(next() % 256);
    };
    const quad = () => `${octet()}.${octet()}.${octet()}.${octet()}`;
    const contiguous = (p: number) => {
      const n = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
      return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    };
    for (let k = 0; k < 20000; k++) {
      const address = quad();
      const mask = next() % 4 === 0 ? quad() : contiguous(next() % 33);
      expect(subnetValue([address, mask]), `${address} ${mask}`).to.equal(canonicalCidr(address, mask));
      // an interface's `set ip 10.0.0.1 255.255.255.0` (parse.ts) reads its mask the same way
      expect(dottedPrefix(mask), mask).to.equal(maskToPrefix(mask));
    }
  });
});
