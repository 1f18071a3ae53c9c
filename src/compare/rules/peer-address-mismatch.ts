import type { Finding, PairRule } from '../types.js';
import { endName, side, withChanges } from '../finding.js';
import { deviceAddresses } from '../pair.js';
import { isPrivateAddress } from '../negotiation.js';
import { isIpAddress } from '../../model/net.js';
import type { EndRef } from '../types.js';
import { S } from './symptoms.js';

/** Does `from`'s peer address point at `to`? undefined when it cannot be known (FQDN, no addresses). */
function pointsAt(from: EndRef, to: EndRef): boolean | undefined {
  const peer = from.tunnel.remoteGateway.value;
  if (peer === 'any' || !isIpAddress(peer)) return undefined;
  const addrs = deviceAddresses(to.device);
  if (addrs.size === 0) return undefined;
  if (addrs.has(peer)) return true;
  const own = to.tunnel.localGateway?.value;
  // the other end sends from an interface whose address the input does not show: not checkable
  if (own && !isIpAddress(own)) return undefined;
  // the other end only knows its private address: it is behind NAT and `peer` is its public face
  if (own && isIpAddress(own) && isPrivateAddress(own) && !isPrivateAddress(peer)) return undefined;
  return false;
}

export const rule: PairRule = {
  id: 'peer-address-mismatch',
  title: 'The peer address does not point at the other end',
  severity: 'error',
  scope: 'pair',
  symptoms: [
    S.TIMED_OUT,
    'FortiGate: "negotiation timeout" / no response',
    'ASA: "No valid authentication type found for peer" / "IKE Initiator unable to find policy"',
  ],
  explain:
    "Each end sends IKE to the address configured as its peer and accepts IKE only from the peer address it expects (or any, for a dial-up responder). When A's peer address is not one of B's addresses, A sends its proposals elsewhere and B drops A's packets as coming from an unknown peer. Through NAT the peer address must be the other end's public (translated) address; that case is not reported.",
  check(pair) {
    const out: Finding[] = [];
    for (const [from, to, which] of [
      [pair.a, pair.b, 'a'],
      [pair.b, pair.a, 'b'],
    ] as const) {
      if (pointsAt(from, to) !== false) continue;
      const own = to.tunnel.localGateway;
      const s = side(from, from.tunnel.remoteGateway, from.tunnel.remoteGateway.value);
      const t = side(to, own, own?.value ?? [...deviceAddresses(to.device)].join(', '));
      const target = own?.value ?? [...deviceAddresses(to.device)][0];
      if (which === 'a') withChanges(s, t, 'remoteGateway', target, undefined);
      else withChanges(t, s, 'remoteGateway', undefined, target);
      out.push({
        rule: 'peer-address-mismatch',
        severity: 'error',
        setting: `remoteGateway(${which})`,
        message: `${endName(from)} sends IKE to ${from.tunnel.remoteGateway.value}, which is not an address of ${to.device.hostname ?? to.device.origin} (${[...deviceAddresses(to.device)].join(', ')})`,
        effect: 'The tunnel will not come up when this end initiates, and its peer rejects IKE from an unexpected address.',
        ...(which === 'a' ? { a: s, b: t } : { a: t, b: s }),
      });
    }
    return out;
  },
};
