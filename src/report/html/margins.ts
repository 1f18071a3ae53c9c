/**
 * When, around its configured lifetime, an end actually starts a rekey — drawn only where the
 * configuration says which timer the lifetime is. The model keeps one number per lifetime (what
 * the comparison uses); the margin is vendor behaviour, shown on the timeline as a window and
 * used by no rule.
 *
 * Known (from the raw text the adapter kept, since strongSwan's two config forms and pfSense's
 * generations share adapter ids):
 * - `rekey_time` (strongSwan swanctl.conf; pfSense ≥ 2.5 / OPNsense `<rekey_time>`, which become
 *   swanctl.conf): the value is the rekey time; strongSwan subtracts a random value up to
 *   `rand_time` from each rekey and deletes the SA at the hard limit if the rekey fails.
 *   swanctl.opt defaults: children `life_time = rekey_time + 10 %`, `rand_time = life_time −
 *   rekey_time`; connections `over_time = 10 % of rekey_time`, `rand_time = over_time`. So the
 *   rekey starts in [0.9 L, L] and the hard limit is 1.1 L. The configured rand/over times are not
 *   in the model: the defaults are assumed. IKEv1 has no IKE SA rekey (strongSwan reauthenticates),
 *   so phase 1 of an IKEv1 end gets no window.
 * - strongSwan ipsec.conf `ikelifetime=` / `lifetime=` / `keylife=`: the value is the hard limit;
 *   the rekey starts `margintime` (default 9m) plus up to `rekeyfuzz` (default 100 %) of it
 *   earlier: in [L − 18 min, L − 9 min], hard limit at L (ipsec.conf(5), defaults assumed).
 * Everything else, including pfSense's `<lifetime>` (its meaning differs between the ipsec.conf
 * and swanctl generations, which the model does not record): the mark alone.
 */
import type { Setting, TunnelEnd } from '../../model/types.js';

/** Offsets in seconds relative to the lifetime mark: the rekey starts within [from, to]; the SA dies at `hard`. */
export interface RekeyWindow {
  from: number;
  to: number;
  hard: number;
  /** where the margin comes from, for the legend */
  basis: string;
}

const STRONGSWAN_FAMILY = new Set(['strongswan', 'pfsense', 'opnsense']);
const SWANCTL_REKEY = /\brekey_time\b/;
const IPSEC_CONF_LIFETIME = /\b(?:ikelifetime|lifetime|keylife|salifetime)\s*=/;
const MARGINTIME = 9 * 60;

export const SWANCTL_BASIS = 'strongSwan rekey_time: the rekey starts up to rand_time (default 10 %) early; the SA is deleted at life_time (default +10 %)';
export const IPSEC_CONF_BASIS =
  'strongSwan ipsec.conf: the rekey starts margintime (9m) plus up to 100 % rekeyfuzz before the lifetime, which is the hard limit';

export function rekeyWindow(vendor: string, end: TunnelEnd, lifetime: Setting<number>, phase: 1 | 2): RekeyWindow | undefined {
  const L = lifetime.value;
  if (!(L > 0) || !STRONGSWAN_FAMILY.has(vendor)) return undefined;
  if (SWANCTL_REKEY.test(lifetime.raw)) {
    if (phase === 1 && end.ikeVersion.value === 1) return undefined;
    const tenth = Math.round(L / 10);
    return { from: -tenth, to: 0, hard: tenth, basis: SWANCTL_BASIS };
  }
  if (vendor === 'strongswan' && IPSEC_CONF_LIFETIME.test(lifetime.raw)) {
    // a lifetime shorter than the margins rekeys right after the SA is set up, never before it
    return { from: -Math.min(L, 2 * MARGINTIME), to: -Math.min(L, MARGINTIME), hard: 0, basis: IPSEC_CONF_BASIS };
  }
  return undefined;
}
