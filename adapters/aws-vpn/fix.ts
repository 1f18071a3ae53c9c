/**
 * Fixes on the AWS side are AWS CLI commands (parameter names from the AWS CLI reference of
 * `modify-vpn-tunnel-options` — `--vpn-connection-id`, `--vpn-tunnel-outside-ip-address`,
 * `--tunnel-options` in shorthand — and the member names of ModifyVpnTunnelOptionsSpecification).
 * A target AWS cannot take (outside the allowed range or values) gets no fix here: the
 * lifetime-out-of-range / unsupported-proposal findings say the other end must change.
 * Never a key: the pre-shared key fix names the option, not the value.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { TunnelEnd } from '../../src/model/types.js';
import { ALLOWED, awsSpelling, ENCRYPTION, INTEGRITY } from './defaults.js';

function modify(tunnel: TunnelEnd, options: string): string {
  const id = tunnel.vendorRefs?.vpnConnectionId ?? '<vpn-connection-id>';
  const ip = tunnel.vendorRefs?.outsideIpAddress ?? tunnel.localGateway?.value ?? '<outside-ip>';
  return `aws ec2 modify-vpn-tunnel-options --vpn-connection-id ${id} --vpn-tunnel-outside-ip-address ${ip} --tunnel-options ${options}`;
}

const values = (items: Array<string | number>) => `[${items.map((v) => `{Value=${v}}`).join(',')}]`;

function spellAll(table: Record<string, string>, names: string[]): string[] | undefined {
  const out = names.map((n) => awsSpelling(table, n));
  return out.every((x): x is string => x !== undefined) && out.length > 0 ? [...new Set(out)] : undefined;
}

function inRange(v: number, r: { min: number; max: number } | undefined): boolean {
  return !r || (v >= r.min && v <= r.max);
}

export function awsFix(req: FixRequest): string | undefined {
  const t = req.tunnel;
  const phase1Lifetime = t.phase1.lifetimeSeconds.value;
  switch (req.field) {
    case 'ikeVersion':
      return modify(t, `IKEVersions=${values([`ikev${req.target}`])}`);
    case 'dpd.action':
      // DPDTimeoutAction has no "on traffic": restart or clear only
      return req.target === 'hold' ? undefined : modify(t, `DPDTimeoutAction=${req.target}`);
    case 'initiates':
      // StartupAction start is IKEv2 only (README)
      if (!(t.ikeVersionsAccepted?.value ?? [t.ikeVersion.value]).includes(2)) return undefined;
      // an AWS end that starts the tunnel but clears on a dead peer would leave it down after the
      // customer gateway restarts: restart with it
      return modify(t, t.dpd.action?.value === 'clear' ? 'StartupAction=start,DPDTimeoutAction=restart' : 'StartupAction=start');
    case 'phase1.lifetimeSeconds': {
      const p2 = Math.max(...t.phase2.map((p) => p.lifetimeSeconds.value));
      if (!inRange(req.target, ALLOWED.phase1LifetimeSeconds) || req.target <= p2) return undefined;
      return modify(t, `Phase1LifetimeSeconds=${req.target}`);
    }
    case 'phase2.lifetimeSeconds':
      if (!inRange(req.target, ALLOWED.phase2LifetimeSeconds) || req.target >= phase1Lifetime) return undefined;
      return modify(t, `Phase2LifetimeSeconds=${req.target}`);
    case 'phase1.proposals': {
      const enc = spellAll(
        ENCRYPTION,
        req.target.flatMap((p) => p.encryption),
      );
      const integ = req.target.every((p) => p.integrity.length === 0)
        ? []
        : spellAll(
            INTEGRITY,
            req.target.flatMap((p) => p.integrity),
          );
      const dh = [...new Set(req.target.flatMap((p) => p.dhGroups))];
      if (!enc || !integ || !dh.length || !dh.every((g) => ALLOWED.phase1?.dhGroups.includes(g))) return undefined;
      const parts = [`Phase1EncryptionAlgorithms=${values(enc)}`];
      if (integ.length) parts.push(`Phase1IntegrityAlgorithms=${values(integ)}`);
      parts.push(`Phase1DHGroupNumbers=${values(dh)}`);
      return modify(t, parts.join(','));
    }
    case 'phase2.proposals': {
      if (req.target.some((p) => p.protocol !== 'esp')) return undefined;
      const enc = spellAll(
        ENCRYPTION,
        req.target.flatMap((p) => p.encryption),
      );
      const integ = req.target.every((p) => p.integrity.length === 0)
        ? []
        : spellAll(
            INTEGRITY,
            req.target.flatMap((p) => p.integrity),
          );
      if (!enc || !integ) return undefined;
      const parts = [`Phase2EncryptionAlgorithms=${values(enc)}`];
      if (integ.length) parts.push(`Phase2IntegrityAlgorithms=${values(integ)}`);
      return modify(t, parts.join(','));
    }
    case 'phase2.pfsGroups':
      if (!req.target.length || !req.target.every((g) => ALLOWED.phase2?.pfsGroups.includes(g))) return undefined;
      return modify(t, `Phase2DHGroupNumbers=${values(req.target)}`);
    case 'auth.psk':
      return `${modify(t, 'PreSharedKey=<the key the customer gateway uses>')}\n(the key itself is not shown here)`;
    case 'phase2.localSelectors':
    case 'phase2.remoteSelectors': {
      if (req.target.length !== 1) return undefined;
      // AWS's "local" is the customer side, "remote" the AWS side: the opposite of this end's view
      const flag = req.field === 'phase2.localSelectors' ? '--remote-ipv4-network-cidr' : '--local-ipv4-network-cidr';
      return `aws ec2 modify-vpn-connection-options --vpn-connection-id ${t.vendorRefs?.vpnConnectionId ?? '<vpn-connection-id>'} ${flag} ${req.target[0]}`;
    }
    default:
      return undefined;
  }
}
