/**
 * When, around its configured lifetime, an end actually starts a rekey — where that is documented.
 * The model keeps one number per lifetime (what the end rekeys or expires at); the margins are
 * vendor behaviour, drawn on the timeline as a window, not used by any rule.
 *
 * Known:
 * - strongSwan swanctl (and pfSense ≥ 2.5 / OPNsense, which generate swanctl.conf): the lifetime
 *   the model holds is the `rekey_time`; a random value up to `rand_time` is subtracted from each
 *   rekey, and the SA is deleted at the hard `life_time` / `over_time` if the rekey fails.
 *   Defaults (swanctl.opt): children `life_time = rekey_time + 10 %`, `rand_time = life_time -
 *   rekey_time`; connections `over_time = 10 % of rekey_time`, `rand_time = over_time`.
 *   So: rekey in [0.9 L, L], hard limit at 1.1 L. The configured rand/over times are not in the
 *   model, so the defaults are assumed.
 * - strongSwan ipsec.conf: `ikelifetime` / `lifetime` are the hard limits; the rekey starts
 *   `margintime` (default 9m) plus a random `rekeyfuzz` share of it (default 100 %) before:
 *   rekey in [L − 18 min, L − 9 min], hard limit at L (ipsec.conf(5)). Recognized by the raw text
 *   (`lifetime=`, `ikelifetime=`, `keylife=`), since both forms share an adapter id.
 * Everything else: the mark alone (the rekey margin is not modelled).
 */
import type { Setting, TunnelEnd } from '../../model/types.js';

/** Offsets in seconds relative to the lifetime mark: rekey starts within [from, to]; the SA dies at `hard`. */
export interface RekeyWindow {
  from: number;
  to: number;
  hard: number;
  /** where the margin comes from, for the legend */
  basis: string;
}

const SWANCTL_FAMILY = new Set(['strongswan', 'pfsense', 'opnsense']);
const IPSEC_CONF_KEYS = /\b(?:ikelifetime|lifetime|keylife|salifetime)\s*=/i;
const MARGINTIME = 9 * 60;

export function rekeyWindow(vendor: string, end: TunnelEnd, lifetime: Setting<number>): RekeyWindow | undefined {
  const L = lifetime.value;
  if (!(L > 0) || !SWANCTL_FAMILY.has(vendor)) return undefined;
  if (vendor === 'strongswan' && IPSEC_CONF_KEYS.test(lifetime.raw)) {
    // never before the SA's own start: a lifetime shorter than twice the margin rekeys at once
    return { from: -Math.min(L, 2 * MARGINTIME), to: -Math.min(L, MARGINTIME), hard: 0, basis: 'strongSwan ipsec.conf: rekey margintime 9m + up to 100 % rekeyfuzz before the lifetime (defaults assumed)' };
  }
  // swanctl semantics; IKEv1 phase 1 in swanctl is a reauthentication whose lifetime pfSense
  // derives differently, so only IKEv2 gets the window
  if (end.ikeVersion.value !== 2) return undefined;
  const tenth = Math.round(L / 10);
  return { from: -tenth, to: 0, hard: tenth, basis: 'strongSwan swanctl: rekey_time minus up to rand_time (default 10 %), hard life_time +10 % (defaults assumed)' };
}
