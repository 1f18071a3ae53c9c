import { endName, side } from '../finding.js';
import { answeredSibling } from '../redundancy.js';
import type { UnmatchedRule } from '../types.js';
import { S } from './symptoms.js';

export const rule: UnmatchedRule = {
  id: 'redundant-tunnel-missing',
  title: 'Only some of a connection’s redundant tunnels are configured on the other end',
  severity: 'warning',
  scope: 'unmatched',
  symptoms: [S.TIMED_OUT, 'the connection drops during the service’s maintenance of the configured tunnel', 'cloud console: one tunnel DOWN, the other UP'],
  explain:
    'A cloud VPN connection comes with redundant tunnels (AWS: two per connection, each with its own outside address; the service takes them down one at a time for maintenance). The other end answers one of them but has no tunnel for this one, so all traffic rides on a single tunnel and stops whenever that one is replaced or restarted. Configure every tunnel of the connection on the other end, with the same parameters. (An end whose whole connection is missing is reported as unmatched-tunnel instead.)',
  check(end, context) {
    const sibling = answeredSibling(end, context.otherDevices);
    if (!sibling) return [];
    const others = context.otherDevices.map((d) => d.hostname ?? d.origin).join(', ');
    return [
      {
        rule: 'redundant-tunnel-missing',
        severity: 'warning',
        setting: 'tunnel',
        message: `${endName(end)} (${end.tunnel.localGateway?.value ?? '?'}) is not configured on ${others}, which configures only its sibling ${sibling.name}`,
        effect: `No redundancy: traffic uses ${sibling.name} alone and stops while the service maintains or replaces it. Add a tunnel to ${end.tunnel.localGateway?.value ?? 'this address'} on ${others}.`,
        a: side(end, end.tunnel.localGateway ?? end.tunnel.remoteGateway, end.tunnel.localGateway?.value),
      },
    ];
  },
};
