import type { Finding, PairRule } from '../types.js';
import { endName, side } from '../finding.js';
import { showSeconds } from '../display.js';
import { expiresAt, otherRenewsFirst, renewalOf, renewsAt } from '../renewal.js';
import { S } from './symptoms.js';

export const rule: PairRule = {
  id: 'ike-rekey-disabled',
  title: 'An end never renews its IKE SA and the peer does not renew it first: the tunnel drops at its lifetime',
  severity: 'warning',
  scope: 'pair',
  symptoms: [
    S.MM_EXPIRED,
    'The tunnel drops at the same interval after every set-up ("IKE_SA … expired" / "deleting IKE_SA"), then comes back only if an end initiates again',
  ],
  explain:
    "An end with rekeying turned off (strongSwan ipsec.conf rekey=no) never starts a renewal of its IKE SA: its lifetime is a hard expiry. That is harmless when the peer renews first — it answers the peer's rekey, and the new SA starts its timer again (ipsec.conf(5): rekey=no \"will be largely ineffective unless both ends agree\"). When the peer's own renewal comes later than this end's expiry, or the peer does not renew either, the IKE SA and its CHILD_SAs are deleted at this end's lifetime and traffic stops until an end initiates again (at once, on traffic, or by hand). Reported as a warning with both times; fix: rekey=yes, or a shorter IKE lifetime on the peer.",
  check(pair) {
    const out: Finding[] = [];
    for (const [e, other] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      if (renewalOf(e) !== 'none' || e.tunnel.phase1.lifetimeSeconds.value <= 0 || otherRenewsFirst(e, other)) continue;
      const r = e.tunnel.phase1.renewal!;
      const dies = showSeconds(expiresAt(e));
      const otherNever = renewalOf(other) === 'none';
      const mine = side(e, r, `never renews; the IKE SA expires ${dies} after set-up`);
      const theirs = side(other, other.tunnel.phase1.lifetimeSeconds, otherNever ? 'never renews either' : `renews at ${showSeconds(renewsAt(other))}`);
      out.push({
        rule: 'ike-rekey-disabled',
        severity: 'warning',
        setting: 'phase1.renewal',
        message: `${endName(e)} never renews its IKE SA (${r.raw}), and ${endName(other)} ${otherNever ? 'does not either' : `renews only at ${showSeconds(renewsAt(other))}`}`,
        effect: `${dies} after every set-up ${endName(e)} deletes the IKE SA and its CHILD_SAs, because ${otherNever ? 'neither end renews them' : `${endName(other)}'s renewal (${showSeconds(renewsAt(other))}) comes later`}: traffic stops until an end initiates again. Turn rekeying on at ${endName(e)}, or give ${endName(other)} an IKE lifetime shorter than ${dies}.`,
        ...(e === pair.a ? { a: mine, b: theirs } : { a: theirs, b: mine }),
      });
    }
    return out;
  },
};
