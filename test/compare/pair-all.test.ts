import { expect } from 'chai';
import { pairFleet } from '../../src/compare/pair-all.js';
import { pairDevices } from '../../src/compare/pair.js';
import { device, end, phase2, set } from '../builders.js';

describe('pairFleet (audit pairing across devices)', () => {
  const hq = device(
    [
      end({ name: 'to-b1', localGateway: set('198.51.100.1', 'x', 1), remoteGateway: set('198.51.100.2', 'x', 2) }),
      end({
        name: 'to-partner',
        localGateway: set('198.51.100.1', 'x', 1),
        remoteGateway: set('192.0.2.77', 'x', 2),
        phase2: [phase2({ remoteSelectors: set(['172.30.0.0/24'], 'x', 21) })],
      }),
      end({ name: 'to-b2', localGateway: set('198.51.100.1', 'x', 1), remoteGateway: set('203.0.113.9', 'x', 2) }),
    ],
    'test',
    'hq.conf',
  );
  const b1 = device([end({ name: 'to-hq', localGateway: set('198.51.100.2', 'x', 1), remoteGateway: set('198.51.100.1', 'x', 2) }, true)], 'test', 'b1.conf');
  // b2 sits behind NAT: configured 10.0.0.2, seen by HQ as 203.0.113.9
  const b2 = device([end({ name: 'to-hq', localGateway: set('10.0.0.2', 'x', 1), remoteGateway: set('198.51.100.1', 'x', 2) }, true)], 'test', 'b2.conf');

  it('pairs ends that point at each other and leaves partners outside the set alone', () => {
    const r = pairFleet([hq, b1, b2]);
    expect(r.pairs.map((p) => `${p.a.device.origin}/${p.a.tunnel.name}~${p.b.device.origin}/${p.b.tunnel.name}`)).to.deep.equal([
      'hq.conf/to-b1~b1.conf/to-hq',
      'hq.conf/to-b2~b2.conf/to-hq',
    ]);
    expect(r.external.map((e) => e.tunnel.name)).to.deep.equal(['to-partner']);
    expect(r.unmatched).to.deep.equal([]);
  });

  it('an end pointing at a device with no counterpart is unmatched', () => {
    const lonely = device(
      [end({ name: 'to-b1-old', localGateway: set('198.51.100.5', 'x', 1), remoteGateway: set('198.51.100.2', 'x', 2) })],
      'test',
      'old.conf',
    );
    const r = pairFleet([b1, lonely, hq]);
    expect(r.unmatched.map((u) => `${u.end.device.origin}/${u.end.tunnel.name}->${u.peerDevice.origin}`)).to.deep.equal(['old.conf/to-b1-old->b1.conf']);
  });

  it('a NAT map makes the public address count as the device behind it', () => {
    const b2nat = device([end({ name: 'to-hq', localGateway: set('10.0.0.2', 'x', 1), remoteGateway: set('198.51.100.9', 'x', 2) }, true)], 'test', 'b2.conf');
    const hq2 = device([end({ name: 'to-b2', localGateway: set('198.51.100.9', 'x', 1), remoteGateway: set('203.0.113.9', 'x', 2) })], 'test', 'hq2.conf');
    expect(pairFleet([hq2, b2nat]).pairs.length).to.equal(1); // b2 points at hq2: linked one way
    const r = pairFleet([hq2, b2nat], [{ public: '203.0.113.9', private: '10.0.0.2' }]);
    expect(r.pairs[0].how).to.equal('mirrored gateways');
  });
});

describe('pairDevices tie-breaks', () => {
  it('a one-way gateway match needs NAT to be plausible: a public end that points elsewhere is not paired', () => {
    // a points at a third device; b points at a; b's own address is public, so a cannot be seeing b through NAT
    const a = device([end({ name: 'to-c', localGateway: set('198.51.100.1', 'x', 1), remoteGateway: set('198.51.100.3', 'x', 2) })], 'test', 'a.conf');
    const b = device(
      [
        end(
          {
            name: 'to-a',
            localGateway: set('198.51.100.2', 'x', 1),
            remoteGateway: set('198.51.100.1', 'x', 2),
            phase2: [phase2({ localSelectors: set(['10.9.0.0/24'], 'x', 1) }, true)],
          },
          true,
        ),
      ],
      'test',
      'b.conf',
    );
    const r = pairDevices(a, b);
    // no evidence-based pairing; only the last resort (one tunnel on each side) applies
    expect(r.pairs.map((p) => p.how)).to.deep.equal(['only tunnel on each side']);
    // with mirrored selectors they are paired on those, and peer-address-mismatch then says a points elsewhere
    const b2 = device([end({ name: 'to-a', localGateway: set('198.51.100.2', 'x', 1), remoteGateway: set('198.51.100.1', 'x', 2) }, true)], 'test', 'b.conf');
    expect(pairDevices(a, b2).pairs.map((p) => p.how)).to.deep.equal(['mirrored selectors']);
  });
  it('a crypto map pairs with a crypto map, not with a VTI to the same peer', () => {
    const vti = phase2({ localSelectors: set(['0.0.0.0/0'], 'x', 1), remoteSelectors: set(['0.0.0.0/0'], 'x', 1) });
    const a = device([end({ name: 'map 10', localGateway: set('198.51.100.1', 'x', 1), remoteGateway: set('198.51.100.2', 'x', 2) })], 'test', 'a.conf');
    const b = device(
      [
        end({ name: 'Tunnel1', localGateway: set('198.51.100.2', 'x', 1), remoteGateway: set('198.51.100.1', 'x', 2), phase2: [vti] }, true),
        end(
          {
            name: 'map 20',
            localGateway: set('198.51.100.2', 'x', 1),
            remoteGateway: set('198.51.100.1', 'x', 2),
            phase2: [phase2({ localSelectors: set(['10.9.0.0/24'], 'x', 1) }, true)],
          },
          true,
        ),
      ],
      'test',
      'b.conf',
    );
    expect(pairDevices(a, b).pairs.map((p) => p.b.tunnel.name)).to.deep.equal(['map 20']);
  });
});
