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
export const IPSEC_CONF_BASIS =
  'strongSwan ipsec.conf: the rekey starts margintime (9m) plus up to 100 % rekeyfuzz before the lifetime, which is the hard limit';

/** A swanctl `rekey_time` of `lifetime` seconds, with its rand and over times when configured (else the 10 % defaults). */
export function swanctlTiming(lifetime: number, randSeconds?: number, overSeconds?: number): RekeyTiming {
  const tenth = Math.round(lifetime / 10);
  return { lifetimeIs: 'rekey', marginSeconds: 0, randSeconds: randSeconds ?? tenth, overSeconds: overSeconds ?? tenth, basis: SWANCTL_BASIS };
}

/** An ipsec.conf hard lifetime, renewed `margintime` (plus up to `rekeyfuzz` % of it) before. */
export function ipsecConfTiming(margintime = 9 * 60, rekeyfuzzPercent = 100): RekeyTiming {
  return {
    lifetimeIs: 'hard',
    marginSeconds: margintime,
    randSeconds: Math.round((margintime * rekeyfuzzPercent) / 100),
    overSeconds: 0,
    basis: IPSEC_CONF_BASIS,
  };
}
