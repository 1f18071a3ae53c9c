/**
 * What a FortiGate does when DPD declares the peer dead (issue 16), from the phase 2 `auto-negotiate`:
 * - enable on any phase 2 of the tunnel → restart: "If the tunnel goes down, the auto-negotiate feature
 *   will attempt to re-establish it … repeating every five seconds until the SA is established"
 *   (FortiOS 5.0 Help, IPsec VPN › Phase 2 parameters › Auto-negotiate, help.fortinet.com
 *   fos50hlp/50/FortiOS 5.0 Help/phase2.112.08.html; Fortinet KB 189536 "Using the IPSec
 *   auto-negotiate and keepalive options", edited 2025);
 * - otherwise (the default, disable) → hold: "the phase 2 SA is not negotiated until a peer attempts
 *   to send data" (same pages), and a static gateway initiates on that traffic;
 * - a dial-up server (`set type dynamic`) cannot initiate at all → clear.
 * Set only when DPD is on. Renewal (`set reauth`) is not set: no source says whether FortiOS
 * reauthenticates make-before-break.
 */
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { DeadPeerAction, Setting, SourceRef, TunnelEnd } from '../../src/model/types.js';
import type { Entry, SetLine } from './scan.js';

export function deadPeerAction(t: TunnelEnd, p2s: Entry[], ref: (f: SetLine) => SourceRef): Setting<DeadPeerAction> | undefined {
  if (t.dpd.mode.value === 'off') return undefined;
  if (t.initiates?.value === false) return inferred<DeadPeerAction>('clear', `${t.initiates.raw} (a dial-up server does not initiate)`, t.initiates.at);
  const auto = firstAutoNegotiate(p2s, 'enable');
  if (auto) return explicit<DeadPeerAction>('restart', auto.raw, ref(auto));
  const off = firstAutoNegotiate(p2s, 'disable');
  return off
    ? explicit<DeadPeerAction>('hold', off.raw, ref(off))
    : byDefault<DeadPeerAction>('hold', 'set auto-negotiate disable (the phase 2 is negotiated when traffic arrives)');
}

/**
 * The first phase 2 `set auto-negotiate` with this value. A plain loop, not map+find: the mapped
 * array's elements kind differs between tunnels with and without phase 2s, and the `.find` on it
 * was parseFortiGate's repeated "wrong map" deoptimisation once inlined there (issue 13).
 */
function firstAutoNegotiate(p2s: Entry[], value: 'enable' | 'disable'): SetLine | undefined {
  for (const e of p2s) {
    const f = e.fields.get('auto-negotiate');
    if (f?.values[0] === value) return f;
  }
  return undefined;
}
