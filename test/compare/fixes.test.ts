/** Rules say what to change; the engine asks each side's adapter for the fix afterwards. */
import { expect } from 'chai';
import { adapterById } from '../../adapters/index.js';
import { checkPair } from '../../src/compare/compare.js';
import { fixOf } from '../../src/compare/fixes.js';
import { rules } from '../../src/compare/rules/index.js';
import type { Adapter } from '../../src/model/adapter.js';
import { p2, pairOf, set } from '../builders.js';

describe('compare: fixes are stamped by the engine, not by rules', () => {
  const lifetimes = () => pairOf({ phase2: p2({ lifetimeSeconds: set(28800, 'set keylifeseconds 28800', 24) }) });

  it('a rule alone returns what to change on each side, and no vendor syntax', () => {
    const pair = lifetimes();
    const rule = rules.find((r) => r.id === 'p2-lifetime-mismatch');
    if (rule?.scope !== 'pair') throw new Error('p2-lifetime-mismatch is a pair rule');
    const [f] = rule.check(pair);
    expect(f.a?.change).to.deep.equal({ field: 'phase2.lifetimeSeconds', target: 3600 });
    expect(f.b?.change).to.deep.equal({ field: 'phase2.lifetimeSeconds', target: 28800 });
    expect([f.a?.fix, f.b?.fix]).to.deep.equal([undefined, undefined]);
  });

  it("checkPair stamps each side's fix from that side's adapter", () => {
    const pair = lifetimes();
    pair.a.device.vendor = 'fortigate';
    pair.b.device.vendor = 'routeros';
    const [f] = checkPair(pair);
    const fgt = adapterById('fortigate')!;
    const ros = adapterById('routeros')!;
    expect(f.a?.fix).to.equal(
      fgt.fix({ field: 'phase2.lifetimeSeconds', target: 3600, device: pair.a.device, tunnel: pair.a.tunnel, phase2: pair.a.tunnel.phase2[0] }),
    );
    expect(f.b?.fix).to.equal(
      ros.fix({ field: 'phase2.lifetimeSeconds', target: 28800, device: pair.b.device, tunnel: pair.b.tunnel, phase2: pair.b.tunnel.phase2[0] }),
    );
    expect(f.a?.fix).to.be.a('string').and.contain('3600');
  });

  it('no fix for a vendor without an adapter, nor when the adapter throws', () => {
    const pair = lifetimes();
    const [f] = checkPair(pair); // vendor "test": no adapter
    expect(f.a?.change).to.deep.equal({ field: 'phase2.lifetimeSeconds', target: 3600 });
    expect(f.a?.fix).to.equal(undefined);
    const broken = {
      fix: () => {
        throw new Error('bug in a fix writer');
      },
    } as unknown as Adapter;
    expect(fixOf(f.a!, () => broken)).to.equal(undefined);
  });
});
