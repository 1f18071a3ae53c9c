/**
 * When strongSwan starts a rekey around the lifetime the comparison uses, for every adapter whose
 * IPsec is strongSwan (strongSwan itself, pfSense, OPNsense):
 * - swanctl `rekey_time` (pfSense ≥ 2.5 and OPNsense `<rekey_time>` become swanctl.conf too): the
 *   lifetime is the rekey time; strongSwan subtracts a random value up to `rand_time` from each
 *   rekey and deletes the SA at the hard limit if the rekey fails. swanctl.opt defaults: children
 *   `life_time = rekey_time + 10 %`, `rand_time = life_time − rekey_time`; connections
 *   `over_time = 10 % of rekey_time`, `rand_time = over_time`: the rekey starts in [0.9 L, L], the
 *   hard limit is 1.1 L. IKEv1 has no IKE SA rekey (strongSwan reauthenticates): no timing.
 * - ipsec.conf `ikelifetime=` / `lifetime=` / `keylife=`: the lifetime is the hard limit; the rekey
 *   starts `margintime` (default 9m) plus up to `rekeyfuzz` (default 100 %) of it earlier
 *   (ipsec.conf(5)).
 */
import type { RekeyTiming } from '../../src/model/types.js';

export const SWANCTL_BASIS = 'strongSwan rekey_time: the rekey starts up to rand_time (default 10 %) early; the SA is deleted at life_time (default +10 %)';
/** How the reader is told an ipsec.conf rekey window was drawn (the starter defaults when not written). */
export function ipsecConfBasis(margintime: number, rekeyfuzzPercent: number): string {
  const m = margintime % 60 === 0 ? `${margintime / 60}m` : `${margintime}s`;
  return `strongSwan ipsec.conf: the rekey starts margintime (${m}) plus up to ${rekeyfuzzPercent} % of it (rekeyfuzz) before the lifetime, which is the hard limit`;
}

/** A swanctl `rekey_time` of `lifetime` seconds, with its rand and over times when configured (else the 10 % defaults). */
export function swanctlTiming(lifetime: number, randSeconds?: number, overSeconds?: number): RekeyTiming {
  const tenth = Math.round(lifetime / 10);
  return { lifetimeIs: 'rekey', marginSeconds: 0, randSeconds: randSeconds ?? tenth, overSeconds: overSeconds ?? tenth, basis: SWANCTL_BASIS };
}

/**
 * An ipsec.conf hard lifetime, renewed `margintime` (plus up to `rekeyfuzz` % of it) before:
 * stroke_config.c `rekey = lifetime − margin`, `jitter = margin × fuzz / 100` for IKE and CHILD
 * SAs alike; starter defaults (confread.c) margintime 540 s, rekeyfuzz 100 %.
 */
export function ipsecConfTiming(margintime = 9 * 60, rekeyfuzzPercent = 100): RekeyTiming {
  return {
    lifetimeIs: 'hard',
    marginSeconds: margintime,
    randSeconds: Math.round((margintime * rekeyfuzzPercent) / 100),
    overSeconds: 0,
    basis: ipsecConfBasis(margintime, rekeyfuzzPercent),
  };
}

/** The IKE SA timers charon runs with for a swanctl connection (0 = that timer is off). */
export interface SwanctlIkeTimers {
  rekey: number;
  reauth: number;
  over: number;
  rand: number;
  /** Which timer renews the IKE SA first (IKEv2 schedules both), or undefined when neither runs. */
  first?: 'rekey' | 'reauth';
  /** Seconds to that renewal (before rand_time), 0 when neither runs. */
  renewSeconds: number;
}

/**
 * vici_config.c (same from 5.5.0 to 6.0.x, strongswan/strongswan @ 3b902ea5): with neither
 * rekey_time nor reauth_time given, rekey_time = 4h and no reauth; a time not given but the other
 * given is 0 (so `reauth_time = 0` alone turns both off); over_time defaults to 10 % of the longer,
 * rand_time to over_time but at most half the shorter non-zero one. ike_sa.c `set_state`
 * (IKE_ESTABLISHED) schedules a rekey and a reauthentication job for every non-zero time and deletes
 * the SA over_time after the earlier of them: under IKEv2 whichever renews first is the lifetime.
 * Arguments are the written values in seconds, undefined when not written.
 */
export function swanctlIkeTimers(rekeyW?: number, reauthW?: number, overW?: number, randW?: number): SwanctlIkeTimers {
  const neither = rekeyW === undefined && reauthW === undefined;
  const rekey = neither ? 4 * 3600 : (rekeyW ?? 0);
  const reauth = reauthW ?? 0;
  const over = overW ?? Math.floor(Math.max(rekey, reauth) / 10);
  const shorter = rekey && reauth ? Math.min(rekey, reauth) : Math.max(rekey, reauth);
  const rand = randW ?? Math.min(over, Math.floor(shorter / 2));
  const first = rekey && (!reauth || rekey <= reauth) ? 'rekey' : reauth ? 'reauth' : undefined;
  return { rekey, reauth, over, rand, first, renewSeconds: first === 'rekey' ? rekey : first === 'reauth' ? reauth : 0 };
}
