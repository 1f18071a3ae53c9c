import type { PairRule, Severity } from '../types.js';
import type { TunnelEnd } from '../../model/types.js';
import { endName, side, withChanges } from '../finding.js';
import { canInitiate } from '../negotiation.js';
import { S } from './symptoms.js';

function accepts(t: TunnelEnd, version: 1 | 2): boolean {
  return (t.ikeVersionsAccepted?.value ?? [t.ikeVersion.value]).includes(version);
}

export const rule: PairRule = {
  id: 'ike-version-mismatch',
  title: 'The two ends speak different IKE versions',
  severity: 'error',
  scope: 'pair',
  symptoms: [S.TIMED_OUT, S.NO_PROPOSAL_CHOSEN, 'strongSwan: "received INVALID_MAJOR_VERSION"', 'FortiGate: "negotiation failure" with no reply from the peer'],
  explain:
    'IKEv1 and IKEv2 are different protocols on the same port. An IKEv1-only end drops or rejects IKEv2 messages and vice versa, so phase 1 never completes. Some ends initiate with IKEv2 but also answer IKEv1 (strongSwan `version = 0` / `keyexchange=ike`, pfSense `auto`): against an IKEv1-only peer such a tunnel comes up only when the IKEv1 end initiates — a warning, since it fails whenever the other end starts the negotiation or rekeys first. Set both ends to the same version (IKEv2 unless a device cannot do it).',
  check(pair) {
    const ta = pair.a.tunnel;
    const tb = pair.b.tunnel;
    const va = ta.ikeVersion;
    const vb = tb.ikeVersion;
    if (va.value === vb.value) return [];
    // which directions work: A initiating needs B to answer A's version, and vice versa
    const aInitWorks = accepts(tb, va.value);
    const bInitWorks = accepts(ta, vb.value);
    const aCan = canInitiate(ta);
    const bCan = canInitiate(tb);
    let severity: Severity = 'error';
    let effect = 'The tunnel will not come up: phase 1 fails whichever end initiates.';
    if (aInitWorks || bInitWorks) {
      const works = aInitWorks ? pair.a : pair.b;
      const fails = aInitWorks ? pair.b : pair.a;
      const failsCanInitiate = aInitWorks ? bCan : aCan;
      if (!failsCanInitiate) return []; // the end whose version is refused never initiates: it always works
      severity = 'warning';
      effect = `Comes up only when ${endName(works)} initiates (the other end also answers IKEv${works.tunnel.ikeVersion.value}); when ${endName(fails)} initiates or rekeys first with IKEv${fails.tunnel.ikeVersion.value}, the negotiation fails.`;
    }
    const a = side(pair.a, va, `IKEv${va.value}${ta.ikeVersionsAccepted ? ` (answers IKEv${ta.ikeVersionsAccepted.value.join('/v')})` : ''}`);
    const b = side(pair.b, vb, `IKEv${vb.value}${tb.ikeVersionsAccepted ? ` (answers IKEv${tb.ikeVersionsAccepted.value.join('/v')})` : ''}`);
    withChanges(a, b, 'ikeVersion', vb.value, va.value);
    return [
      { rule: 'ike-version-mismatch', severity, setting: 'ikeVersion', message: `IKE version differs: IKEv${va.value} vs IKEv${vb.value}`, effect, a, b },
    ];
  },
};
