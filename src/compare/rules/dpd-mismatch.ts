import type { DpdMode } from '../../model/types.js';
import type { PairRule, Severity } from '../types.js';
import { side, withChanges } from '../finding.js';
import { S } from './symptoms.js';

function show(mode: DpdMode, delay?: number, retries?: number): string {
  if (mode === 'off') return 'DPD off';
  return `DPD ${mode}${delay !== undefined ? `, every ${delay} s` : ''}${retries !== undefined ? `, ${retries} retries` : ''}`;
}

export const rule: PairRule = {
  id: 'dpd-mismatch',
  title: 'Dead peer detection settings differ',
  severity: 'info',
  scope: 'pair',
  symptoms: [S.BAD_SPI, 'After the far end reboots, traffic blackholes until the SA expires'],
  explain:
    "Dead peer detection (RFC 3706 for IKEv1, liveness checks in IKEv2) is each end's own business: an end answers the other's DPD requests whatever its own setting, and timers need not match. A difference is therefore info. It is worth knowing that an end with DPD off keeps a dead SA until its lifetime ends after the other end restarts (stale SPI, STATUS_IPSEC_BAD_SPI on Windows) — and that a very aggressive timer can tear tunnels down on a lossy link.",
  check(pair) {
    const da = pair.a.tunnel.dpd;
    const db = pair.b.tunnel.dpd;
    const sameMode = da.mode.value === db.mode.value;
    const sameDelay = da.delaySeconds?.value === db.delaySeconds?.value || da.mode.value === 'off';
    if (sameMode && sameDelay) return [];
    const severity: Severity = 'info';
    const a = side(pair.a, da.mode, show(da.mode.value, da.delaySeconds?.value, da.retries?.value));
    const b = side(pair.b, db.mode, show(db.mode.value, db.delaySeconds?.value, db.retries?.value));
    if (!sameMode && (da.mode.value === 'off' || db.mode.value === 'off')) {
      withChanges(
        a,
        b,
        'dpd.delaySeconds',
        da.mode.value === 'off' ? (db.delaySeconds?.value ?? 30) : undefined,
        db.mode.value === 'off' ? (da.delaySeconds?.value ?? 30) : undefined,
      );
    }
    const offEnd = da.mode.value === 'off' ? pair.a : db.mode.value === 'off' ? pair.b : undefined;
    return [
      {
        rule: 'dpd-mismatch',
        severity,
        setting: 'dpd',
        message: `DPD differs: ${a.display} vs ${b.display}`,
        effect: offEnd
          ? `No effect on negotiation. ${offEnd.tunnel.name} will not notice when its peer dies and keeps sending into a dead SA until the lifetime ends.`
          : 'No effect on negotiation: each end probes at its own pace.',
        a,
        b,
      },
    ];
  },
};
