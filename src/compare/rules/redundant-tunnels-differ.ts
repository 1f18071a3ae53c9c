import type { Setting, TunnelEnd } from '../../model/types.js';
import { showChildProposals, showIkeProposals, showPfs, showSeconds } from '../display.js';
import { side } from '../finding.js';
import { childProposalKey, ikeProposalKey, sameOffers } from '../negotiation.js';
import { counterpartOn, siblings } from '../redundancy.js';
import type { EndRef, Finding, PairRule, SettingChange } from '../types.js';
import { S } from './symptoms.js';

/** One setting compared across two tunnels of the same device. */
interface Aspect {
  setting: string;
  what: string;
  get(t: TunnelEnd): Setting<unknown> | undefined;
  same(x: unknown, y: unknown): boolean;
  show(v: unknown): string;
  change(v: unknown): SettingChange | undefined;
}

const eq = (x: unknown, y: unknown) => x === y;
const ASPECTS: Aspect[] = [
  {
    setting: 'ikeVersion',
    what: 'IKE version',
    get: (t) => t.ikeVersion,
    same: eq,
    show: (v) => `IKEv${v}`,
    change: (v) => ({ field: 'ikeVersion', target: v as 1 | 2 }),
  },
  {
    setting: 'phase1.proposals',
    what: 'IKE proposals',
    get: (t) => t.phase1.proposals,
    same: (x, y) => sameOffers(x as never[], y as never[], ikeProposalKey),
    show: (v) => showIkeProposals(v as never[]),
    change: (v) => ({ field: 'phase1.proposals', target: v as never[] }),
  },
  {
    setting: 'phase1.lifetimeSeconds',
    what: 'phase 1 lifetime',
    get: (t) => t.phase1.lifetimeSeconds,
    same: eq,
    show: (v) => showSeconds(v as number),
    change: (v) => ({ field: 'phase1.lifetimeSeconds', target: v as number }),
  },
  {
    setting: 'phase2.proposals',
    what: 'ESP proposals',
    get: (t) => t.phase2[0]?.proposals,
    same: (x, y) => sameOffers(x as never[], y as never[], childProposalKey),
    show: (v) => showChildProposals(v as never[]),
    change: (v) => ({ field: 'phase2.proposals', target: v as never[] }),
  },
  {
    setting: 'phase2.pfsGroups',
    what: 'PFS',
    get: (t) => t.phase2[0]?.pfsGroups,
    same: (x, y) => sameOffers(x as number[], y as number[], String),
    show: (v) => showPfs(v as number[]),
    change: (v) => ({ field: 'phase2.pfsGroups', target: v as number[] }),
  },
  {
    setting: 'phase2.lifetimeSeconds',
    what: 'phase 2 lifetime',
    get: (t) => t.phase2[0]?.lifetimeSeconds,
    same: eq,
    show: (v) => showSeconds(v as number),
    change: (v) => ({ field: 'phase2.lifetimeSeconds', target: v as number }),
  },
];

/** Differences between two tunnels of one device that should be alike; the fix makes the second like the first. */
function differences(first: EndRef, second: EndRef, group: string, whose: string): Finding[] {
  const out: Finding[] = [];
  for (const asp of ASPECTS) {
    const s1 = asp.get(first.tunnel);
    const s2 = asp.get(second.tunnel);
    if (!s1 || !s2 || asp.same(s1.value, s2.value)) continue;
    const a = side(first, s1, asp.show(s1.value), asp.setting.startsWith('phase2') ? first.tunnel.phase2[0] : undefined);
    const b = side(second, s2, asp.show(s2.value), asp.setting.startsWith('phase2') ? second.tunnel.phase2[0] : undefined);
    const change = asp.change(s1.value);
    if (change) b.change = change;
    out.push({
      rule: 'redundant-tunnels-differ',
      severity: 'warning',
      setting: `redundancy[${group}].${asp.setting}`,
      message: `${whose} tunnels of ${group} differ in ${asp.what}: ${asp.show(s1.value)} (${first.tunnel.name}) vs ${asp.show(s2.value)} (${second.tunnel.name})`,
      effect: `The connection behaves differently after a failover between its tunnels (another cipher, rekey timing or MTU), and one of the two is likely to mismatch its peer. Configure both alike.`,
      a,
      b,
    });
  }
  return out;
}

export const rule: PairRule = {
  id: 'redundant-tunnels-differ',
  title: 'The redundant tunnels of one connection are configured differently',
  severity: 'warning',
  scope: 'pair',
  symptoms: [
    S.NO_PROPOSAL_CHOSEN,
    'the connection works until a failover to the other tunnel',
    'cloud console: one tunnel UP, the other DOWN after maintenance',
  ],
  explain:
    'AWS gives every VPN connection two tunnels and Google asks that both tunnels of an HA VPN pair use "the same cipher and IKE Phase 2 lifetime values". A customer gateway often has them configured from two copies that drift apart — or one cloud tunnel was modified (modify-vpn-tunnel-options changes one tunnel at a time) and the other not. Checked once per connection, on the tunnel pair of its first configured member: the cloud tunnels against each other, and the other end’s two tunnels against each other.',
  check(pair) {
    for (const [x, y] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      const g = x.tunnel.redundancy;
      if (!g) continue;
      // report once per connection: from the first member that the other device configures
      const firstAnswered = g.members.find((m) => {
        const t = x.device.tunnels.find((tt) => tt.name === m);
        return t && counterpartOn(y.device, t);
      });
      if (firstAnswered !== x.tunnel.name) continue;
      const out: Finding[] = [];
      for (const sib of siblings(x)) {
        const ySib = counterpartOn(y.device, sib);
        out.push(...differences(x, { device: x.device, tunnel: sib }, g.id, `${x.device.hostname ?? x.device.origin}'s`));
        if (ySib && ySib !== y.tunnel) out.push(...differences(y, { device: y.device, tunnel: ySib }, g.id, `${y.device.hostname ?? y.device.origin}'s`));
      }
      return out;
    }
    return [];
  },
};
