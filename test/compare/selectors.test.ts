/**
 * Traffic selectors as IKE negotiates them (issue 11, defects 2, 7 and 8): protocol and ports,
 * the responder's narrowing, many-to-one phase 2 pairing, and fixes that mirror the other end.
 */
import { expect } from 'chai';
import { checkPair } from '../../src/compare/compare.js';
import { pairPhase2 } from '../../src/compare/pair.js';
import { phase2Relation, selectorFixPlan } from '../../src/compare/selectors.js';
import type { TunnelPair } from '../../src/compare/types.js';
import type { Device, Phase2, TunnelEnd } from '../../src/model/types.js';
import { device, end, p2, pairOf, phase2, set } from '../builders.js';

const narrows = { behaviour: { selectorNarrowing: set<'narrows'>('narrows', 'charon narrows') } };
const udp53 = { ipProtocol: set(17, 'protocol udp', 26), remotePorts: set([{ from: 53, to: 53 }], 'dst-port 53', 27) };
const selectorFindings = (pair: TunnelPair) => checkPair(pair).filter((f) => f.rule === 'traffic-selector-mismatch');
const ids = (pair: TunnelPair) => selectorFindings(pair).map((f) => [f.rule, f.severity]);

describe('traffic selectors: protocol and ports (defect 2)', () => {
  it('TCP against UDP is disjoint: error', () => {
    const pair = pairOf({ phase2: p2({ ipProtocol: set(6, 'protocol tcp', 26) }) }, { phase2: p2({ ipProtocol: set(17, 'protocol udp', 26) }, true) });
    const [f, ...rest] = selectorFindings(pair);
    expect([f.severity, rest.length]).to.deep.equal(['error', 0]);
    expect(f.message).to.contain('different protocols: tcp vs udp');
    expect(f.message).to.contain('10.1.0.0/24[tcp] ↔ 10.2.0.0/24[tcp]');
  });

  it('one end restricted to UDP/53, the other any protocol: a subset, which no longer passes as clean', () => {
    const pair = pairOf({ phase2: p2(udp53) });
    expect(ids(pair)).to.deep.equal([['traffic-selector-mismatch', 'warning']]);
    expect(selectorFindings(pair)[0].message).to.contain("to-b's selectors are a subset of the other side's");
    expect(selectorFindings(pair)[0].effect).to.contain('Comes up only when to-b initiates');
  });

  it('the same when the narrower end narrows: info (comes up whoever initiates)', () => {
    // what matters is the narrower end (to-b) narrowing the wider end's proposal
    expect(ids(pairOf({ phase2: p2(udp53) }, narrows))).to.deep.equal([['traffic-selector-mismatch', 'warning']]);
    expect(ids(pairOf({ ...narrows, phase2: p2(udp53) }))).to.deep.equal([['traffic-selector-mismatch', 'info']]);
  });

  it('ports that do not overlap are disjoint', () => {
    const a = phase2({ ipProtocol: set(17, 'udp'), remotePorts: set([{ from: 53, to: 53 }], '53') });
    const b = phase2({ ipProtocol: set(17, 'udp'), localPorts: set([{ from: 123, to: 123 }], '123') }, true);
    expect(phase2Relation(a, b)).to.equal('disjoint');
    const c = phase2({ ipProtocol: set(17, 'udp'), localPorts: set([{ from: 53, to: 53 }], '53') }, true);
    expect(phase2Relation(a, c)).to.equal('equal');
  });

  it('ports set to the whole range are any', () => {
    const a = phase2({ localPorts: set([{ from: 0, to: 65535 }], '0-65535') });
    expect(phase2Relation(a, phase2({}, true))).to.equal('equal');
  });
});

describe('traffic selectors: who can initiate', () => {
  it('a subset whose narrower end never initiates, to a responder that does not narrow: error', () => {
    const pair = pairOf({ initiates: set(false, 'passive=yes', 30), phase2: p2({ localSelectors: set(['10.1.0.0/25'], 'x', 20) }) });
    expect(ids(pair)).to.deep.equal([['traffic-selector-mismatch', 'error']]);
  });

  it('partial overlap between two narrowing ends: warning (only the common part is carried)', () => {
    const pair = pairOf(
      { ...narrows, phase2: p2({ localSelectors: set(['10.1.0.0/24', '10.5.0.0/24'], 'x', 20) }) },
      { ...narrows, phase2: p2({ remoteSelectors: set(['10.1.0.0/24', '10.6.0.0/24'], 'x', 21) }, true) },
    );
    expect(ids(pair)).to.deep.equal([['traffic-selector-mismatch', 'warning']]);
    expect(selectorFindings(pair)[0].effect).to.contain('common part');
  });

  it('says when it assumes an end refuses because its vendor is not known to narrow', () => {
    const [f] = selectorFindings(pairOf({ phase2: p2({ localSelectors: set(['10.1.0.0/25'], 'x', 20) }) }));
    expect(f.effect).to.contain('Whether to-b narrows a wider proposal is not known for its vendor');
  });
});

describe('phase 2 pairing: many to one (defect 8, strongSwan ikev2/net2net-route-narrow)', () => {
  it("pairs each of one end's narrower entries with the other end's single wide one", () => {
    const moon = end({
      ...narrows,
      initiates: set(false, 'start_action = none'),
      phase2: [
        phase2({ name: 'net-1', localSelectors: set(['10.1.0.0/28'], 'x', 1), remoteSelectors: set(['10.2.0.0/16'], 'x', 2) }),
        phase2({ name: 'net-2', localSelectors: set(['10.1.0.16/28'], 'x', 3), remoteSelectors: set(['10.2.0.0/16'], 'x', 4) }),
      ],
    });
    const sun = end(
      { ...narrows, phase2: [phase2({ name: 'net-net', localSelectors: set(['10.2.0.0/16'], 'x', 5), remoteSelectors: set(['10.1.0.0/16'], 'x', 6) })] },
      true,
    );
    const paired = pairPhase2(moon, sun);
    expect(paired.phase2.map((p) => [p.a.name, p.b.name])).to.deep.equal([
      ['net-1', 'net-net'],
      ['net-2', 'net-net'],
    ]);
    expect([paired.unpairedA, paired.unpairedB]).to.deep.equal([[], []]);
    const pair: TunnelPair = {
      a: { device: device([moon], 'strongswan', 'moon.swanctl.conf'), tunnel: moon },
      b: { device: device([sun], 'strongswan', 'sun.swanctl.conf'), tunnel: sun },
      how: 'test',
      ...paired,
    };
    // both come up (moon narrows sun's /16 proposal): no error, no warning
    expect(ids(pair)).to.deep.equal([
      ['traffic-selector-mismatch', 'info'],
      ['traffic-selector-mismatch', 'info'],
    ]);
  });

  it('an entry that only partly overlaps a paired one stays unpaired', () => {
    const a = end({
      phase2: [phase2({ name: 'x', localSelectors: set(['10.1.0.0/24'], 'x', 1) }), phase2({ name: 'y', localSelectors: set(['10.9.0.0/24'], 'x', 3) })],
    });
    const b = end({}, true);
    const paired = pairPhase2(a, b);
    expect(paired.phase2.map((p) => p.a.name)).to.deep.equal(['x']);
    expect(paired.unpairedA.map((p) => p.name)).to.deep.equal(['y']);
  });
});

function withInterfaces(d: Device, ifs: Array<[string, number]>): Device {
  d.interfaces = ifs.map(([address, prefixLength], i) => ({ name: `if${i}`, address, prefixLength }));
  return d;
}

function pairWith(a: TunnelEnd, b: TunnelEnd, aIfs: Array<[string, number]>, bIfs: Array<[string, number]>): TunnelPair {
  return {
    a: { device: withInterfaces(device([a], 'test', 'a.conf'), aIfs), tunnel: a },
    b: { device: withInterfaces(device([b], 'test', 'b.conf'), bIfs), tunnel: b },
    how: 'test',
    ...pairPhase2(a, b),
  };
}

const sel = (local: string, remote: string, name = 'p2'): Phase2[] => [
  phase2({ name, localSelectors: set([local], local, 20), remoteSelectors: set([remote], remote, 21) }),
];

describe('selector fixes mirror the other end (defect 7)', () => {
  it("identical ACLs on both routers (Batfish 3-node r1 vs r2): each end's fix is the mirror of the other, never source = destination", () => {
    const a = end({ phase2: sel('1.1.1.1/32', '2.2.2.2/32') });
    const b = end({ phase2: sel('1.1.1.1/32', '2.2.2.2/32') }, true);
    const pair = pairWith(a, b, [['2.3.4.6', 24]], [['2.3.4.8', 24]]);
    const plan = selectorFixPlan(pair.a, pair.phase2[0].a, pair.b, pair.phase2[0].b);
    expect(plan.a).to.deep.include({ local: ['2.2.2.2/32'], remote: ['1.1.1.1/32'] });
    expect(plan.b).to.deep.include({ local: ['2.2.2.2/32'], remote: ['1.1.1.1/32'] });
    expect(plan.wrong).to.equal(undefined);
  });

  it('a typo on one end (the audit-repo Hamburg router): only that end is fixed, and the finding says why', () => {
    // Hamburg: 10.70.0.0/24 → 10.101.0.0/16 (typo); DC: 10.100.0.0/16 → 10.70.0.0/24, inside interface 10.100.0.1/16
    const hamburg = end({ name: 'CM-WAN 10', phase2: sel('10.70.0.0/24', '10.101.0.0/16') });
    const dc = end({ name: 'OUTSIDE_MAP 10', phase2: sel('10.100.0.0/16', '10.70.0.0/24') }, true);
    const pair = pairWith(
      hamburg,
      dc,
      [
        ['203.0.113.70', 29],
        ['10.70.0.1', 24],
      ],
      [
        ['198.51.100.20', 24],
        ['10.100.0.1', 16],
      ],
    );
    const plan = selectorFixPlan(pair.a, pair.phase2[0].a, pair.b, pair.phase2[0].b);
    expect(plan.a).to.deep.include({ local: ['10.70.0.0/24'], remote: ['10.100.0.0/16'] });
    expect(plan.b).to.equal(undefined);
    expect(plan.wrong?.side).to.equal('a');
    const [f] = selectorFindings(pair);
    expect(f.severity).to.equal('error');
    expect(f.effect).to.contain('The configs point at CM-WAN 10: it selects 10.101.0.0/16 for b.conf');
  });

  it('the typo on the other end of the same pair: the other end is fixed', () => {
    const hamburg = end({ phase2: sel('10.70.0.0/24', '10.100.0.0/16') });
    const dc = end({ phase2: sel('10.100.0.0/16', '10.71.0.0/24') }, true);
    const pair = pairWith(hamburg, dc, [['10.70.0.1', 24]], [['10.100.0.1', 16]]);
    const plan = selectorFixPlan(pair.a, pair.phase2[0].a, pair.b, pair.phase2[0].b);
    expect([plan.a, plan.b?.local, plan.b?.remote, plan.wrong?.side]).to.deep.equal([undefined, ['10.100.0.0/16'], ['10.70.0.0/24'], 'b']);
  });

  it('protocol and ports mirror the other end', () => {
    const a = end({ phase2: [phase2({ ipProtocol: set(17, 'udp'), localPorts: set([{ from: 5060, to: 5060 }], '5060') })] });
    const b = end({ phase2: [phase2({}, true)] }, true);
    const pair = pairWith(a, b, [], []);
    const plan = selectorFixPlan(pair.a, pair.phase2[0].a, pair.b, pair.phase2[0].b);
    expect(plan.a).to.deep.equal({ local: ['10.1.0.0/24'], remote: ['10.2.0.0/24'], protocol: 0, localPorts: [], remotePorts: [] });
    expect(plan.b).to.deep.equal({ local: ['10.2.0.0/24'], remote: ['10.1.0.0/24'], protocol: 17, localPorts: [], remotePorts: [{ from: 5060, to: 5060 }] });
  });
});
