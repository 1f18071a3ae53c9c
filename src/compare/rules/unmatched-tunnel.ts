import type { Device } from '../../model/types.js';
import type { EndRef, UnmatchedRule } from '../types.js';
import { deviceAddresses, peerMatches } from '../pair.js';
import { endName, side } from '../finding.js';
import { answeredSibling } from '../redundancy.js';
import { S } from './symptoms.js';

/** A disabled tunnel on the other devices whose gateways mirror this end's. */
function disabledCounterpart(end: EndRef, others: Device[]): EndRef | undefined {
  const mine = deviceAddresses(end.device);
  for (const device of others) {
    const theirs = deviceAddresses(device);
    const t = device.tunnels.find((x) => !x.enabled && peerMatches(x.remoteGateway.value, mine) && peerMatches(end.tunnel.remoteGateway.value, theirs));
    if (t) return { device, tunnel: t };
  }
  return undefined;
}

export const rule: UnmatchedRule = {
  id: 'unmatched-tunnel',
  title: 'A tunnel end has no counterpart on the other device',
  severity: 'warning',
  scope: 'unmatched',
  symptoms: [S.TIMED_OUT, S.NO_POLICY, 'FortiGate/ASA: IKE from this peer is dropped as unknown'],
  explain:
    "The tunnel points at the other device (its peer address is one of that device's addresses), but nothing on that device points back: no tunnel end with mirrored gateways or selectors. Either the other end is missing, disabled, or configured with a different peer address. A tunnel whose peer is a device not being compared is not reported, nor one of a connection's redundant tunnels whose sibling the other device does configure (redundant-tunnel-missing says that).",
  check(end, context) {
    if (answeredSibling(end, context.otherDevices)) return [];
    const disabled = disabledCounterpart(end, context.otherDevices);
    return [
      {
        rule: 'unmatched-tunnel',
        severity: 'warning',
        setting: 'tunnel',
        message: disabled
          ? `${endName(end)} (peer ${end.tunnel.remoteGateway.value}): its counterpart ${endName(disabled)} is disabled`
          : `${endName(end)} (peer ${end.tunnel.remoteGateway.value}) has no matching tunnel on ${context.otherDevices.map((d) => d.hostname ?? d.origin).join(', ')}`,
        effect: disabled
          ? `This tunnel will not come up: ${endName(disabled)} points back at it but is disabled (inactive), so it neither initiates nor answers.`
          : 'This tunnel will not come up: the other end has no configuration for it.',
        a: side(end, end.tunnel.remoteGateway, end.tunnel.remoteGateway.value),
      },
    ];
  },
};
