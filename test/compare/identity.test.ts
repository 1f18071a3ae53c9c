/**
 * identity-mismatch on the normalized model: what an end sends against what its peer accepts,
 * each firing case beside a near-twin that does not fire.
 */
import { expect } from 'chai';
import { checkPair } from '../../src/compare/compare.js';
import { identityVerdict, valueMatches } from '../../src/model/identity.js';
import type { Identity, IdentityMatch, TunnelEnd } from '../../src/model/types.js';
import { end, pairOf, set } from '../builders.js';

function ids(local?: Identity, peer?: IdentityMatch[], base: Partial<TunnelEnd> = {}): Partial<TunnelEnd> {
  const e = end(base);
  return {
    ...base,
    auth: {
      ...e.auth,
      ...(local ? { localIdentity: set(local, `local ${local.value ?? ''}`, 13) } : {}),
      ...(peer ? { peerIdentity: set(peer, 'peer id', 14) } : {}),
    },
  };
}

const A_ADDR: Identity = { type: 'ipv4', value: '198.51.100.1' };
const B_ADDR: Identity = { type: 'ipv4', value: '198.51.100.2' };

interface Case {
  name: string;
  a: Partial<TunnelEnd>;
  b: Partial<TunnelEnd>;
  expect: string[];
}

const cases: Case[] = [
  { name: 'each sends its address, each expects it', a: ids(A_ADDR, [B_ADDR]), b: ids(B_ADDR, [A_ADDR]), expect: [] },
  {
    name: 'type: A sends an FQDN, B expects its address',
    a: ids({ type: 'fqdn', value: 'a.example.com' }, [B_ADDR]),
    b: ids(B_ADDR, [A_ADDR]),
    expect: ['auth.identity(a)'],
  },
  {
    name: 'near-twin: A sends an FQDN, B expects that FQDN',
    a: ids({ type: 'fqdn', value: 'a.example.com' }, [B_ADDR]),
    b: ids(B_ADDR, [{ type: 'fqdn', value: 'A.example.com' }]),
    expect: [],
  },
  { name: 'near-twin: B accepts any identity', a: ids({ type: 'fqdn', value: 'a.example.com' }, [B_ADDR]), b: ids(B_ADDR, [{}]), expect: [] },
  {
    name: 'value: B expects another FQDN',
    a: ids({ type: 'fqdn', value: 'a.example.com' }, [B_ADDR]),
    b: ids(B_ADDR, [{ type: 'fqdn', value: 'x.example.com' }]),
    expect: ['auth.identity(a)'],
  },
  {
    name: 'user FQDN is not FQDN',
    a: ids({ type: 'user-fqdn', value: 'a@example.com' }),
    b: ids(B_ADDR, [{ type: 'fqdn', value: 'a@example.com' }]),
    expect: ['auth.identity(a)'],
  },
  { name: 'wildcard FQDN', a: ids({ type: 'fqdn', value: 'gw1.example.com' }), b: ids(B_ADDR, [{ type: 'fqdn', value: '*.example.com' }]), expect: [] },
  { name: 'value of any type (text compared)', a: ids({ type: 'fqdn', value: 'gw1' }), b: ids(B_ADDR, [{ value: 'gw1' }]), expect: [] },
  { name: 'value of any type, other text', a: ids({ type: 'fqdn', value: 'gw1' }), b: ids(B_ADDR, [{ value: 'gw2' }]), expect: ['auth.identity(a)'] },
  { name: 'certificate subject not in the input: type only', a: ids({ type: 'dn' }), b: ids(B_ADDR, [{ type: 'dn', value: 'CN=a' }]), expect: [] },
  { name: 'certificate subject against an address: type differs', a: ids({ type: 'dn' }), b: ids(B_ADDR, [A_ADDR]), expect: ['auth.identity(a)'] },
  {
    name: 'both directions',
    a: ids({ type: 'fqdn', value: 'a' }, [{ type: 'fqdn', value: 'b' }]),
    b: ids({ type: 'fqdn', value: 'c' }, [{ type: 'fqdn', value: 'd' }]),
    expect: ['auth.identity(a)', 'auth.identity(b)'],
  },
  { name: 'either side unknown: nothing', a: ids({ type: 'fqdn', value: 'a' }), b: ids(), expect: [] },
  { name: 'one of several accepted', a: ids({ type: 'fqdn', value: 'a' }), b: ids(B_ADDR, [A_ADDR, { type: 'fqdn', value: 'a' }]), expect: [] },
];

describe('identity-mismatch (table-driven)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const found = checkPair(pairOf(c.a, c.b)).filter((f) => f.rule === 'identity-mismatch');
      expect(found.map((f) => f.setting)).to.deep.equal(c.expect);
      for (const f of found) expect(f.severity).to.equal('error');
    });
  }

  it('the NAT case: a private address sent, the public one expected — says so, with both lines', () => {
    const a = ids({ type: 'ipv4', value: '10.0.0.5' }, undefined, { localGateway: set('10.0.0.5', 'local-gw 10.0.0.5', 2) });
    const b = ids(B_ADDR, [{ type: 'ipv4', value: '203.0.113.9' }], { remoteGateway: set('203.0.113.9', 'right=203.0.113.9', 3) });
    const [f] = checkPair(pairOf(a, b)).filter((x) => x.rule === 'identity-mismatch');
    expect(f.message).to.equal(
      'a.conf/to-b identifies itself as IPv4 address 10.0.0.5, but b.conf/to-a accepts only IPv4 address 203.0.113.9 (the identity value differs; a.conf/to-b: it is behind NAT: it sends its private address 10.0.0.5 as its identity, while the other end expects its public address 203.0.113.9)',
    );
    expect(f.a?.setting?.at).to.deep.equal({ file: 'test.conf', line: 13 });
    expect(f.b?.setting?.at).to.deep.equal({ file: 'test.conf', line: 14 });
    expect(f.a?.display).to.equal('IPv4 address 10.0.0.5');
    expect(f.b?.display).to.equal('IPv4 address 203.0.113.9');
  });
});

describe('identity-mismatch: which end changes, and to what', () => {
  const changes = (a: Partial<TunnelEnd>, b: Partial<TunnelEnd>) =>
    checkPair(pairOf(a, b))
      .filter((f) => f.rule === 'identity-mismatch')
      .map((f) => [f.a?.change, f.b?.change]);
  const FQDN_A: Identity = { type: 'fqdn', value: 'a.example.com' };

  it('the receiver accepts the identity the sender sends (one setting, the sender untouched)', () => {
    expect(changes(ids(FQDN_A), ids(B_ADDR, [{ type: 'fqdn', value: 'x.example.com' }]))).to.deep.equal([
      [undefined, { field: 'auth.peerIdentity', target: FQDN_A }],
    ]);
    const [f] = checkPair(pairOf(ids(FQDN_A), ids(B_ADDR, [{ type: 'fqdn', value: 'x.example.com' }])));
    expect(f.effect).to.equal(
      'The tunnel will not come up: b.conf/to-a finds no peer configuration for that identity and refuses the authentication (AUTHENTICATION_FAILED / "no matching peer config found"). Smallest change: b.conf/to-a accepts FQDN a.example.com (the identity a.conf/to-b sends).',
    );
  });
  it('the NAT case too: the receiver accepts the private address the sender sends', () => {
    const sent: Identity = { type: 'ipv4', value: '10.0.0.5' };
    expect(changes(ids(sent), ids(B_ADDR, [A_ADDR]))).to.deep.equal([[undefined, { field: 'auth.peerIdentity', target: sent }]]);
  });
  it('the sent value not in the input (a certificate subject): the sender sends what the receiver accepts', () => {
    expect(changes(ids({ type: 'dn' }), ids(B_ADDR, [FQDN_A]))).to.deep.equal([[{ field: 'auth.localIdentity', target: FQDN_A }, undefined]]);
    const [f] = checkPair(pairOf(ids({ type: 'dn' }), ids(B_ADDR, [FQDN_A])));
    expect(f.effect).to.equal(
      'The tunnel will not come up: b.conf/to-a finds no peer configuration for that identity and refuses the authentication (AUTHENTICATION_FAILED / "no matching peer config found"). Smallest change: a.conf/to-b sends FQDN a.example.com (what b.conf/to-a accepts; the value a.conf/to-b sends now is not in the input). Where a.conf/to-b cannot choose what it sends (a certificate\'s subject, Windows, a cloud gateway), b.conf/to-a must accept that identity instead.',
    );
  });
  it('neither can be said: a pattern accepted, the sent value unknown — no change, no "smallest change"', () => {
    const a = ids({ type: 'dn' });
    const b = ids(B_ADDR, [
      { type: 'fqdn', value: '*.example.com' },
      { type: 'ipv4', value: '10.0.0.0/8' },
    ]);
    expect(changes(a, b)).to.deep.equal([[undefined, undefined]]);
    expect(checkPair(pairOf(a, b))[0].effect).not.to.contain('Smallest change');
  });
});

describe('identity matching', () => {
  it('compares DNs by RDN, attribute names case-insensitively, * as an RDN value', () => {
    expect(valueMatches('dn', 'C=CH, O=Example, CN=gw', 'c=CH,o=Example,cn=gw')).to.equal(true);
    expect(valueMatches('dn', 'C=CH, O=Example, CN=*', 'C=CH, O=Example, CN=gw')).to.equal(true);
    expect(valueMatches('dn', 'C=CH, O=Example, CN=gw', 'C=CH, O=Other, CN=gw')).to.equal(false);
    expect(valueMatches('dn', 'C=CH, CN=gw', 'C=CH, O=Example, CN=gw')).to.equal(false);
  });
  it('addresses by value and by range', () => {
    expect(valueMatches('ipv4', '10.0.0.0/8', '10.1.2.3')).to.equal(true);
    expect(valueMatches('ipv4', '10.0.0.0/8', '11.1.2.3')).to.equal(false);
    expect(valueMatches('ipv6', '2001:db8::1', '2001:DB8:0::1')).to.equal(true);
  });
  it('verdicts', () => {
    expect(identityVerdict({ type: 'fqdn', value: 'a' }, [{ type: 'ipv4', value: '1.2.3.4' }])).to.equal('type');
    expect(identityVerdict({ type: 'fqdn', value: 'a' }, [{ type: 'fqdn', value: 'b' }])).to.equal('value');
    expect(identityVerdict({ type: 'fqdn' }, [{ type: 'fqdn', value: 'b' }])).to.equal('unknown');
    expect(identityVerdict({ type: 'fqdn', value: 'a' }, [{ type: 'fqdn' }])).to.equal('accepted');
  });
});
