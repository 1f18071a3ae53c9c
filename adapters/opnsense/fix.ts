/**
 * OPNsense fixes: legacy tunnels get the shared pfSense-lineage wording (VPN › IPsec › Tunnel
 * Settings); Connections get the Connections form field and the `<Swanctl>` element, with
 * strongSwan proposal strings. Values in the field's own unit (seconds, bytes).
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { TunnelEnd } from '../../src/model/types.js';
import { childProposalString, ikeProposalString } from '../../src/model/proposal-strings.js';
import { legacyFix, type LegacyGui } from '../pfsense/fix.js';
import { childLifeOf } from './swanctl.js';

export const OPNSENSE_GUI: LegacyGui = {
  vendor: 'opnsense',
  phase1: 'VPN › IPsec › Tunnel Settings [legacy] › Phase 1',
  phase2: 'VPN › IPsec › Tunnel Settings [legacy] › Phase 2',
};

/** The rekey time whose strongSwan life time (rekey × 1.1, truncated) is exactly `life`, if any. */
export function rekeyForLife(life: number): number | undefined {
  const guess = Math.round(life / 1.1);
  return [guess, guess - 1, guess + 1].find((r) => r >= 0 && childLifeOf(r) === life);
}

/** Connections are the tunnels whose proposals came from a `<proposals>` element (or its default). */
export function isSwanctlTunnel(tunnel: TunnelEnd): boolean {
  return tunnel.phase1.proposals.raw.startsWith('<proposals');
}

export function fixOpnsense(req: FixRequest): string | undefined {
  return isSwanctlTunnel(req.tunnel) ? swanctlFix(req) : legacyFix(req, OPNSENSE_GUI);
}

function swanctlFix(req: FixRequest): string | undefined {
  const conn = `VPN › IPsec › Connections › "${req.tunnel.name}"`;
  const kid = `${conn} › Children › "${req.phase2?.name ?? '…'}"`;
  const ikev1 = req.tunnel.ikeVersion.value === 1;
  const line = (where: string, field: string, xml: string): string => `${where} › ${field}  (${xml})`;
  switch (req.field) {
    case 'ikeVersion':
      return line(conn, `Version: IKEv${req.target}`, `<version>${req.target}</version>`);
    case 'remoteGateway':
      return line(conn, `Remote addresses: ${req.target}`, `<remote_addrs>${req.target}</remote_addrs>`);
    case 'auth.method': {
      const auth = req.target === 'psk' ? 'psk' : req.target === 'certificate' ? 'pubkey' : undefined;
      return auth
        ? line(conn, `Local and Remote Authentication › Authentication: ${auth === 'psk' ? 'Pre-Shared Key' : 'Public Key'}`, `<auth>${auth}</auth>`)
        : undefined;
    }
    case 'auth.psk':
      return line('VPN › IPsec › Pre-Shared Keys', `the key for this connection's identities: enter the same key as on the peer`, '<Key>…</Key>');
    case 'phase1.proposals': {
      const s = req.target.map(ikeProposalString).join(',');
      return line(conn, `Proposals: ${s}`, `<proposals>${s}</proposals>`);
    }
    case 'phase1.lifetimeSeconds':
      // IKEv1 proposes rekey (or reauth) time + over time
      return ikev1
        ? line(conn, `Rekey time: ${req.target}, Over time: 0`, `<rekey_time>${req.target}</rekey_time> <over_time>0</over_time>`)
        : line(conn, `Rekey time: ${req.target}`, `<rekey_time>${req.target}</rekey_time>`);
    case 'natt.mode':
      if (req.target === 'disabled') return undefined;
      return line(conn, `UDP encapsulation: ${req.target === 'forced' ? 'checked' : 'unchecked'}`, `<encap>${req.target === 'forced' ? 1 : 0}</encap>`);
    case 'natt.keepaliveSeconds':
      return undefined; // charon.keep_alive, not per connection
    case 'dpd.delaySeconds':
      return line(conn, `DPD delay: ${req.target}`, `<dpd_delay>${req.target}</dpd_delay>`);
    case 'dpd':
      // a delay turns DPD on (<dpd_delay>0 is off); the dead-peer action is per child, not written here
      return req.target.action ? undefined : line(conn, `DPD delay: ${req.target.delaySeconds}`, `<dpd_delay>${req.target.delaySeconds}</dpd_delay>`);
    case 'phase2.proposals': {
      const groups = (req.phase2?.pfsGroups.value ?? [0]).filter((g) => g > 0);
      const s = req.target.flatMap((p) => (groups.length ? groups.map((g) => childProposalString(p, g)) : [childProposalString(p)])).join(',');
      return line(kid, `ESP proposals: ${s}`, `<esp_proposals>${s}</esp_proposals>`);
    }
    case 'phase2.pfsGroups': {
      const current = req.phase2?.proposals.value ?? [];
      if (current.length === 0) return undefined;
      const groups = req.target.length ? req.target : [0];
      const s = current.flatMap((p) => groups.map((g) => childProposalString(p, g))).join(',');
      return line(kid, `ESP proposals: ${s}`, `<esp_proposals>${s}</esp_proposals>`);
    }
    case 'phase2.lifetimeSeconds': {
      if (!ikev1) return line(kid, `Rekey time: ${req.target}`, `<rekey_time>${req.target}</rekey_time>`);
      // a child has no life_time field: IKEv1 proposes rekey_time + 10 %, so pick the rekey time that gives the target
      const rekey = rekeyForLife(req.target);
      return rekey === undefined ? undefined : line(kid, `Rekey time: ${rekey}`, `<rekey_time>${rekey}</rekey_time>`);
    }
    case 'phase2.lifetimeKilobytes':
      return undefined; // Connections children have no data-volume limit
    case 'phase2.localSelectors':
      return line(kid, `Local: ${req.target.join(',')}`, `<local_ts>${req.target.join(',')}</local_ts>`);
    case 'phase2.remoteSelectors':
      return line(kid, `Remote: ${req.target.join(',')}`, `<remote_ts>${req.target.join(',')}</remote_ts>`);
    case 'phase2.selectors': {
      // OPNsense children take addresses only
      if ((req.target.protocol ?? 0) !== 0 || req.target.localPorts?.length || req.target.remotePorts?.length) return undefined;
      const l = line(kid, `Local: ${req.target.local.join(',')}`, `<local_ts>${req.target.local.join(',')}</local_ts>`);
      const r = line(kid, `Remote: ${req.target.remote.join(',')}`, `<remote_ts>${req.target.remote.join(',')}</remote_ts>`);
      return l && r ? `${l}\n${r}` : undefined;
    }
  }
}
