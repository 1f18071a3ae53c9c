import type { NattMode } from '../../model/types.js';
import type { PairRule, Severity } from '../types.js';
import { endName, side, withChanges } from '../finding.js';
import { endBehindNat } from '../negotiation.js';
import { S } from './symptoms.js';

const SHOW: Record<NattMode, string> = { auto: 'NAT-T on (when NAT is detected)', forced: 'NAT-T forced (always UDP 4500)', disabled: 'NAT-T off' };

export const rule: PairRule = {
  id: 'natt-mismatch',
  title: 'NAT traversal settings differ',
  severity: 'warning',
  scope: 'pair',
  symptoms: [S.TIMED_OUT, S.BAD_SPI, 'ESP packets dropped by a NAT device; IKE up but no traffic', 'FortiGate: "NAT detected" then no ESP'],
  explain:
    'NAT-T (RFC 3947/3948) wraps ESP in UDP 4500 when a NAT is detected between the ends. An end with NAT-T off cannot build a tunnel through NAT: IKE may come up and ESP then dies at the NAT, or phase 1 times out on port 4500. An end that forces encapsulation talks UDP 4500 to a peer that may not expect it. Without NAT in the path, "on" vs "off" changes nothing and is reported as info.',
  check(pair) {
    const ma = pair.a.tunnel.natt.mode;
    const mb = pair.b.tunnel.natt.mode;
    const nat = endBehindNat(pair.a, pair.b);
    const off = ma.value === 'disabled' || mb.value === 'disabled';
    if (ma.value === mb.value && !(nat && off)) return [];
    let severity: Severity;
    let effect: string;
    if (nat && off) {
      severity = 'error';
      effect = `${endName(nat)} sits behind NAT (its own address ${nat.tunnel.localGateway?.value} differs from the address its peer uses); with NAT-T off on ${ma.value === 'disabled' ? endName(pair.a) : endName(pair.b)} ESP cannot cross the NAT: the tunnel will not pass traffic.`;
    } else if ((ma.value === 'forced' && mb.value === 'disabled') || (mb.value === 'forced' && ma.value === 'disabled')) {
      severity = 'error';
      effect =
        'One end always encapsulates ESP in UDP 4500, the other does not do NAT-T at all: phase 1 moves to port 4500 and the other end never answers, or ESP-in-UDP is dropped.';
    } else if (off) {
      severity = 'info';
      effect = 'No NAT is visible between the ends, so this changes nothing today; if either end moves behind NAT the tunnel stops passing traffic.';
    } else {
      severity = 'info';
      effect = 'One end forces UDP encapsulation; the other accepts it. Works, with 8 extra bytes per packet.';
    }
    const a = side(pair.a, ma, SHOW[ma.value]);
    const b = side(pair.b, mb, SHOW[mb.value]);
    // aim both ends at "auto" where one is off; keep the forced/auto pair as it is
    const target: NattMode = 'auto';
    withChanges(a, b, 'natt.mode', ma.value === 'disabled' ? target : undefined, mb.value === 'disabled' ? target : undefined);
    return [{ rule: 'natt-mismatch', severity, setting: 'natt.mode', message: `NAT-T differs: ${SHOW[ma.value]} vs ${SHOW[mb.value]}`, effect, a, b }];
  },
};
