import type { Finding, PairRule } from '../types.js';
import { endName, side, withChanges } from '../finding.js';
import { endBehindNat } from '../negotiation.js';
import type { EndRef } from '../types.js';
import { S } from './symptoms.js';

/** UDP mappings on common NATs and firewalls live 30–60 s without traffic; RFC 3948 suggests 20 s. */
const MAX_SAFE_KEEPALIVE = 60;

/**
 * Periodic DPD from the end behind NAT leaves through the same UDP 4500 mapping as its ESP-in-UDP
 * (IKE floats to 4500 once NAT is detected, RFC 3947/7296 §2.23) and is sent while the tunnel is idle,
 * so at an interval under the NAT's timeout it holds the mapping open as a keepalive would.
 * On-demand DPD sends only when there is traffic to send and nothing came back: not while idle.
 */
function dpdHoldsMapping(e: EndRef): boolean {
  const d = e.tunnel.dpd;
  return d.mode.value === 'periodic' && d.delaySeconds !== undefined && d.delaySeconds.value > 0 && d.delaySeconds.value <= MAX_SAFE_KEEPALIVE;
}

function showKeepalive(s: number | undefined): string {
  return s === undefined ? 'unknown' : s === 0 ? 'no keepalives' : `every ${s} s`;
}

/** what the end's DPD does while idle, when it could have held the mapping open */
function idleDpd(e: EndRef): string {
  const d = e.tunnel.dpd;
  if (d.mode.value === 'off') return ' and has DPD off';
  if (d.mode.value === 'on-demand') return ' and its DPD is on-demand (it probes only when it has traffic to send, not while idle)';
  return ` and its periodic DPD (every ${d.delaySeconds?.value ?? '?'} s) is too rare to hold the mapping`;
}

export const rule: PairRule = {
  id: 'natt-keepalive-mismatch',
  title: 'NAT-T keepalive intervals differ',
  severity: 'info',
  scope: 'pair',
  symptoms: [S.BAD_SPI, 'Tunnel goes quiet after idle periods and recovers only when the far side sends traffic', S.TIMED_OUT],
  explain:
    "NAT-T keepalives (one byte in UDP 4500) keep the NAT mapping of the end behind NAT open while the tunnel is idle. Each end sets its own interval; two different intervals that both stay under the NAT's UDP timeout do nothing (info, and only reported when NAT is in the path). It matters when NAT is in the path and the end behind it sends none, or sends them less often than about 60 s: the mapping expires and the far end's packets are dropped until the near end sends again. What is known about the end behind NAT counts even when the far end's interval is unknown. Periodic DPD from the end behind NAT every 60 s or less holds the mapping open as well (it leaves through the same UDP 4500 mapping, also while idle), so then nothing is reported; on-demand DPD does not, as it probes only when there is traffic to send.",
  check(pair) {
    const ka = pair.a.tunnel.natt.keepaliveSeconds;
    const kb = pair.b.tunnel.natt.keepaliveSeconds;
    const nat = endBehindNat(pair.a, pair.b);
    const natInUse = nat !== undefined || pair.a.tunnel.natt.mode.value === 'forced' || pair.b.tunnel.natt.mode.value === 'forced';
    // keepalives are only sent through a NAT: without one in sight a difference does nothing at all
    if (!natInUse) return [];
    // an end is weak when what it is known to send (its setting or its vendor's default) cannot
    // hold a NAT mapping open; an unknown interval on one end does not hide a known one on the other
    // — unless its periodic DPD holds the mapping open instead
    const weak = (e: EndRef, k: typeof ka) =>
      k !== undefined && (nat === undefined || nat === e) && (k.value === 0 || k.value > MAX_SAFE_KEEPALIVE) && !dpdHoldsMapping(e);
    const aWeak = weak(pair.a, ka);
    const bWeak = weak(pair.b, kb);
    if (!aWeak && !bWeak) {
      // nothing to compare when one end's interval is unknown; with the NAT located only the end
      // behind it sends keepalives, so the other end's interval is moot
      if (!ka || !kb || ka.value === kb.value || nat) return [];
    }
    const a = side(pair.a, ka, showKeepalive(ka?.value));
    const b = side(pair.b, kb, showKeepalive(kb?.value));
    if (aWeak || bWeak) {
      withChanges(a, b, 'natt.keepaliveSeconds', aWeak ? 20 : undefined, bWeak ? 20 : undefined);
      const culprit = aWeak ? pair.a : pair.b;
      const f: Finding = {
        rule: 'natt-keepalive-mismatch',
        severity: 'warning',
        setting: 'natt.keepaliveSeconds',
        message: `NAT-T keepalive: ${showKeepalive(ka?.value)} vs ${showKeepalive(kb?.value)}, with NAT-T in use`,
        effect: `${endName(culprit)} ${culprit.tunnel.natt.keepaliveSeconds?.value === 0 ? 'sends no keepalives' : 'sends keepalives less often than common NAT UDP timeouts (30–60 s)'}${idleDpd(culprit)}: while the tunnel is idle the NAT mapping expires and traffic from the far end is dropped until ${endName(culprit)} sends again.`,
        a,
        b,
      };
      return [f];
    }
    return [
      {
        rule: 'natt-keepalive-mismatch',
        severity: 'info',
        setting: 'natt.keepaliveSeconds',
        message: `NAT-T keepalive intervals differ: ${showKeepalive(ka!.value)} vs ${showKeepalive(kb!.value)}`,
        effect: 'None: each end keeps its own NAT mapping open at its own pace and both intervals are short enough.',
        a,
        b,
      },
    ];
  },
};
