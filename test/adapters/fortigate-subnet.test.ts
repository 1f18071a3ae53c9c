/**
 * `set src-subnet 10.1.2.0 255.255.255.0`, a Cisco `10.1.2.0 255.255.255.0` or wildcard `0.0.0.255`:
 * src/model/net.ts reads an address + dotted netmask in 32-bit arithmetic (dottedCidr, maskToPrefix)
 * instead of BigInt (issue 13). It must answer what the BigInt reading (below, as net.ts did it
 * until 2026-12) answers for every pair, and leave (undefined) every pair it does not read.
 */
import { isIPv4 } from 'node:net';
import { expect } from 'chai';
import { subnetValue } from '../../adapters/fortigate/selectors.js';
import { canonicalCidr, dottedCidr, dottedPrefix, maskToPrefix } from '../../src/model/net.js';

/** The BigInt reading net.ts had: a bit string that must be ones then zeros. */
const bigOf = (quad: string) => quad.split('.').reduce((n, x) => (n << 8n) | BigInt(x), 0n);
function referencePrefix(mask: string, wildcard = false): number | undefined {
  if (!isIPv4(mask)) return undefined;
  const n = wildcard ? ~bigOf(mask) & 0xffffffffn : bigOf(mask);
  const bits = n.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}
function referenceCidr(address: string, mask: string): string | undefined {
  const prefix = referencePrefix(mask);
  if (!isIPv4(address) || prefix === undefined) return undefined;
  const host = BigInt(32 - prefix);
  const base = (bigOf(address) >> host) << host;
  return `${[24n, 16n, 8n, 0n].map((s) => Number((base >> s) & 0xffn)).join('.')}/${prefix}`;
}

describe('address + dotted netmask in 32-bit arithmetic (src/model/net.ts, FortiGate selectors)', () => {
  it('reads the usual pairs exactly', () => {
    expect(dottedCidr('10.1.2.3', '255.255.255.0')).to.equal('10.1.2.0/24');
    expect(dottedCidr('192.168.77.129', '255.255.255.128')).to.equal('192.168.77.128/25');
    expect(dottedCidr('10.9.9.9', '255.255.255.255')).to.equal('10.9.9.9/32');
    expect(dottedCidr('172.16.5.4', '0.0.0.0')).to.equal('0.0.0.0/0');
    expect(dottedCidr('255.255.255.255', '128.0.0.0')).to.equal('128.0.0.0/1');
    // Cisco ACL wildcards
    expect(['0.0.0.255', '0.0.255.255', '255.255.255.255', '0.0.0.0', '0.0.0.3', '0.255.0.255'].map((w) => maskToPrefix(w, true))).to.deep.equal([
      24,
      16,
      0,
      32,
      30,
      undefined,
    ]);
    expect(canonicalCidr('10.1.2.3', 24)).to.equal('10.1.2.0/24');
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

  it('answers what the BigInt reading answers for 20,000 pairs (every prefix, holes, junk, wildcards)', () => {
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
      const expected = referenceCidr(address, mask);
      expect(canonicalCidr(address, mask), `${address} ${mask}`).to.equal(expected);
      expect(subnetValue([address, mask]), `${address} ${mask}`).to.equal(expected);
      // an interface's `set ip 10.0.0.1 255.255.255.0` (parse.ts) reads its mask the same way
      expect(dottedPrefix(mask), mask).to.equal(referencePrefix(mask));
      expect(maskToPrefix(mask), mask).to.equal(referencePrefix(mask));
      expect(maskToPrefix(mask, true), `wildcard ${mask}`).to.equal(referencePrefix(mask, true));
    }
  });
});
