import type { Finding, PairRule } from '../types.js';
import { endName, side } from '../finding.js';
import { showSeconds } from '../display.js';
import { pairVersion } from '../negotiation.js';
import { otherRenewsFirst, renewalOf, renewsAt } from '../renewal.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'ike-reauth-outage',
  title: 'An end reauthenticates its IKE SA instead of rekeying it: an outage (break-before-make) or a short interruption every IKE lifetime',
  severity: 'warning',
  scope: 'pair',
  symptoms: [
    S.BAD_SPI,
    'A few seconds of lost traffic at regular intervals (every IKE lifetime), with "deleting IKE_SA" / "initiating IKE_SA" in the log at each',
  ],
  explain:
    "IKEv2 renews an IKE SA by rekeying it (CREATE_CHILD_SA, RFC 7296 §2.8: the new SA is made before the old one is deleted, traffic never stops) or by reauthenticating: building a new IKE_SA from scratch and its CHILD_SAs again. strongSwan's ipsec.conf does the latter by default (reauth=yes) and, before 6.0 (charon.make_before_break = no, the only choice for ipsec.conf, which 6.0 removed), deletes the old SAs first: traffic drops for the moments the new exchange takes, every IKE lifetime; a swanctl reauth_time does the same unless make-before-break is on. IKEv2 lifetimes are each end's own: the end that comes due first renews, and the other end's timer starts again with the new SA. So it is reported only when the reauthenticating end comes due first or at the same time as its peer; when the peer always rekeys first the reauthentication never happens and nothing is reported. Break-before-make is a warning; make-before-break (strongSwan 6.0's default for a swanctl reauth_time, assumed when the release is not known) is info — swanctl.opt still warns of short interruptions, and the peer must accept overlapping SAs. Fix: reauth=no (rekey instead), or make-before-break reauthentication, or a shorter IKE lifetime on the other end.",
  check(pair) {
    if (pairVersion(pair.a.tunnel, pair.b.tunnel) !== 2) return [];
    const out: Finding[] = [];
    for (const [e, other] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      const how = renewalOf(e);
      if ((how !== 'reauth' && how !== 'reauth-make-before-break') || otherRenewsFirst(e, other)) continue;
      const r = e.tunnel.phase1.renewal!;
      const when = showSeconds(renewsAt(e));
      const mbb = how === 'reauth-make-before-break';
      const mine = side(e, r, `reauthenticates (${mbb ? 'make-before-break' : 'break-before-make'}) ${when} after set-up`);
      const theirs = side(
        other,
        other.tunnel.phase1.lifetimeSeconds,
        `${renewalOf(other) === 'none' ? 'never renews' : renewalOf(other)} at ${showSeconds(renewsAt(other))}`,
      );
      if (mbb) {
        out.push({
          rule: 'ike-reauth-outage',
          severity: 'info',
          setting: 'phase1.renewal',
          message: `${endName(e)} reauthenticates the IKE SA instead of rekeying it (${r.raw})`,
          effect: `Every ${when} ${endName(e)} builds a new IKE_SA and CHILD_SAs from scratch before deleting the old ones (make-before-break): usually a very short interruption at most, provided ${endName(other)} accepts overlapping SAs; on releases that reauthenticate break-before-make it is a short outage every ${when}. ${endName(other)} would renew at ${showSeconds(renewsAt(other))}, not earlier.`,
          ...(e === pair.a ? { a: mine, b: theirs } : { a: theirs, b: mine }),
        });
        continue;
      }
      out.push({
        rule: 'ike-reauth-outage',
        severity: 'warning',
        setting: 'phase1.renewal',
        message: `${endName(e)} reauthenticates the IKE SA instead of rekeying it (${r.raw})`,
        effect: `Every ${when} ${endName(e)} deletes its IKE_SA and CHILD_SAs and builds them again from scratch (break-before-make): traffic through the tunnel drops for the moments that takes, every IKE lifetime. ${endName(other)} would renew at ${showSeconds(renewsAt(other))}, not earlier, so ${endName(e)}'s reauthentication is what happens. Rekey instead (reauth=no), reauthenticate make-before-break, or give ${endName(other)} the shorter IKE lifetime.`,
        ...(e === pair.a ? { a: mine, b: theirs } : { a: theirs, b: mine }),
      });
    }
    return out;
  },
};
