/**
 * Pairing and peer checks the Junos real pairs showed (issue 11/12): a disabled counterpart keeps
 * its peer from being paired by a weaker guess, and an end sending from an interface whose address
 * the input does not show cannot be checked for its peer address.
 */
import { expect } from 'chai';
import { compareDevices } from '../../src/compare/compare.js';
import type { Device, TunnelEnd } from '../../src/model/types.js';
import { end, set } from '../builders.js';

function dev(origin: string, addrs: string[], tunnels: TunnelEnd[]): Device {
  return {
    vendor: 'test',
    origin,
    hostname: origin,
    interfaces: addrs.map((address, i) => ({ name: `ge-0/0/${i}`, address, prefixLength: 24 })),
    tunnels,
    diagnostics: [],
  };
}

const tunnel = (name: string, local: string, remote: string, over: Partial<TunnelEnd> = {}): TunnelEnd =>
  end({ name, localGateway: set(local, `external ${local}`, 2), remoteGateway: set(remote, `address ${remote}`, 3), ...over });

describe('a disabled counterpart (junos-srx-3: deactivate security ipsec vpn vpn-1)', () => {
  // srx-1 (10.12.0.1, 10.13.0.1) and srx-3 (10.13.0.3, 10.23.0.3): srx-3's vpn-1 to srx-1 is inactive
  const srx1 = dev('srx-1', ['10.12.0.1', '10.13.0.1'], [tunnel('vpn-3', '10.13.0.1', '10.13.0.3'), tunnel('vpn-2', '10.12.0.1', '10.12.0.2')]);
  const srx3 = dev(
    'srx-3',
    ['10.13.0.3', '10.23.0.3'],
    [tunnel('vpn-2', '10.23.0.3', '10.23.0.2'), tunnel('vpn-1', '10.13.0.3', '10.13.0.1', { enabled: false })],
  );

  it('the end it mirrors is not paired with another tunnel by the NAT guess; it is unmatched, naming the disabled end', () => {
    const c = compareDevices(srx1, srx3);
    expect(c.pairs.map((p) => [p.a.tunnel.name, p.b.tunnel.name])).to.deep.equal([]);
    const found = c.findings.filter((f) => f.rule !== 'weak-crypto').map((f) => [f.rule, f.severity, f.message]);
    expect(found).to.deep.equal([['unmatched-tunnel', 'warning', 'srx-1/vpn-3 (peer 10.13.0.3): its counterpart srx-3/vpn-1 is disabled']]);
  });
});

describe('an end that sends from an interface whose address is not shown (IBM vSRX excerpt: ge-0/0/1.0)', () => {
  it('its peer address cannot be checked: no peer-address-mismatch', () => {
    const dallas = dev(
      'dallas',
      ['10.0.0.1'],
      [tunnel('IPSEC-VPN', '10.0.0.1', '158.100.100.100', { localGateway: set('ge-0/0/1.0', 'external-interface ge-0/0/1.0', 2) })],
    );
    const london = dev(
      'london',
      ['10.0.1.1'],
      [tunnel('IPSEC-VPN', '10.0.1.1', '169.100.100.100', { localGateway: set('ge-0/0/1.0', 'external-interface ge-0/0/1.0', 2) })],
    );
    const c = compareDevices(dallas, london, { tunnel: { a: 'IPSEC-VPN', b: 'IPSEC-VPN' } });
    expect(c.findings.filter((f) => f.rule === 'peer-address-mismatch')).to.deep.equal([]);
  });
});
