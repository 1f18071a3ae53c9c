/**
 * Fixes for RRAS and the Windows VPN client, in PowerShell and in seconds / kilobytes:
 *   Set-VpnS2SInterface -Name "X" -SALifeTimeSeconds 28800
 *   Set-VpnS2SInterface -Name "X" -CustomPolicy -EncryptionMethod … -IntegrityCheckMethod … -DHGroup …
 *     -CipherTransformConstants … -AuthenticationTransformConstants … -PfsGroup …
 *   Set-VpnServerConfiguration -SALifeTimeSeconds … / -CustomPolicy …
 *   Set-VpnConnectionIPsecConfiguration -ConnectionName "X" … -Force
 * Parameter names and accepted values: the RemoteAccess/VpnClient cmdlet help
 * (Set-VpnS2SInterface, Set-VpnServerConfiguration, Set-VpnConnectionIPsecConfiguration). A custom
 * policy is one proposal: all six values are always written, the phase not being fixed keeps
 * its current first choice.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { ChildProposal, IkeProposal, TunnelEnd } from '../../src/model/types.js';
import { isAead } from '../../src/model/vocab.js';
import { RRAS_AUTH_TRANSFORM, RRAS_CIPHER, RRAS_DH, RRAS_ENCRYPTION, RRAS_INTEGRITY, RRAS_PFS, toEnum } from './crypto.js';
import { NATT_REGISTRY, RRAS_DEFAULTS } from './defaults.js';
import { cidrBounds } from './ranges.js';
import type { WindowsEndKind } from './kind.js';

const SHARED_KEY = '<the shared key>';

function q(name: string): string {
  return `"${name.replace(/"/g, '`"')}"`;
}

function target(kind: WindowsEndKind, t: TunnelEnd): string | undefined {
  if (kind === 's2s') return `Set-VpnS2SInterface -Name ${q(t.name)}`;
  if (kind === 'vpn-server') return 'Set-VpnServerConfiguration';
  return undefined;
}

interface Six {
  enc: string;
  integ: string;
  dh: number;
  cipher: string;
  auth: string;
  pfs: number;
}

function sixFrom(ike: IkeProposal[], esp: ChildProposal[], pfs: number[]): Six | undefined {
  const i = ike[0];
  const e = esp.find((p) => p.protocol === 'esp');
  if (!i || !e) return undefined;
  const enc = i.encryption[0];
  const integ = i.integrity[0] ?? i.prf[0]?.replace(/^prf/, '');
  const cipher = e.encryption[0] ?? 'null';
  const auth = isAead(cipher) ? cipher : e.integrity[0];
  if (!enc || !integ || i.dhGroups[0] === undefined || !auth || pfs[0] === undefined) return undefined;
  return { enc, integ, dh: i.dhGroups[0], cipher, auth, pfs: pfs[0] };
}

/** The six custom policy parameters, or undefined when Windows has no value for one of them. */
function policyParameters(s: Six, kind: WindowsEndKind): string | undefined {
  const enc = toEnum(RRAS_ENCRYPTION, s.enc);
  // RRAS (S2S, server) accepts DES…AES256 for IKE; GCM for IKE exists only on the VPN client
  if (!enc || (kind !== 'vpn-client' && enc.startsWith('GCM'))) return undefined;
  const integ = toEnum(RRAS_INTEGRITY, s.integ);
  const dh = toEnum(RRAS_DH, s.dh);
  const cipher = toEnum(RRAS_CIPHER, s.cipher);
  const auth = toEnum(RRAS_AUTH_TRANSFORM, s.auth);
  const pfs = toEnum(RRAS_PFS, s.pfs);
  if (!integ || !dh || !cipher || !auth || !pfs || dh === 'None') return undefined;
  return `-EncryptionMethod ${enc} -IntegrityCheckMethod ${integ} -DHGroup ${dh} -CipherTransformConstants ${cipher} -AuthenticationTransformConstants ${auth} -PfsGroup ${pfs}`;
}

function policyFix(kind: WindowsEndKind, t: TunnelEnd, s: Six | undefined): string | undefined {
  if (!s) return undefined;
  const params = policyParameters(s, kind);
  if (!params) return undefined;
  if (kind === 'vpn-client') return `Set-VpnConnectionIPsecConfiguration -ConnectionName ${q(t.name)} ${params} -Force`;
  const cmd = target(kind, t);
  return cmd && `${cmd} -CustomPolicy ${params}`;
}

function selector(cidrs: string[]): string | undefined {
  const parts: string[] = [];
  for (const c of cidrs) {
    const b = cidrBounds(c);
    if (!b) return undefined;
    parts.push(`(New-VpnTrafficSelector -IPAddressRange ${b[0]},${b[1]} -Type ${c.includes(':') ? 'IPv6' : 'IPv4'})`);
  }
  return parts.length === 1 ? parts[0] : `@(${parts.join(', ')})`;
}

export function rrasFix(req: FixRequest, kind: WindowsEndKind): string | undefined {
  const t = req.tunnel;
  const p2 = req.phase2 ?? t.phase2[0];
  const cmd = target(kind, t);
  const inRange = (n: number) => n >= RRAS_DEFAULTS.minLifetimeSeconds && n <= RRAS_DEFAULTS.maxLifetimeSeconds;
  switch (req.field) {
    case 'phase2.lifetimeSeconds':
      return cmd && inRange(req.target) ? `${cmd} -SALifeTimeSeconds ${req.target}` : undefined;
    case 'phase1.lifetimeSeconds':
      return cmd && inRange(req.target) ? `${cmd} -MMSALifeTimeSeconds ${req.target}` : undefined;
    case 'phase2.lifetimeKilobytes':
      return cmd && req.target >= RRAS_DEFAULTS.minKilobytes ? `${cmd} -SADataSizeForRenegotiationKilobytes ${req.target}` : undefined;
    case 'phase1.proposals':
      return p2 && policyFix(kind, t, sixFrom(req.target, p2.proposals.value, p2.pfsGroups.value));
    case 'phase2.proposals':
      return p2 && policyFix(kind, t, sixFrom(t.phase1.proposals.value, req.target, p2.pfsGroups.value));
    case 'phase2.pfsGroups':
      return p2 && policyFix(kind, t, sixFrom(t.phase1.proposals.value, p2.proposals.value, req.target));
    case 'remoteGateway':
      if (kind === 's2s' && req.target !== 'any') return `${cmd} -Destination ${req.target}`;
      if (kind === 'vpn-client' && req.target !== 'any') return `Set-VpnConnection -Name ${q(t.name)} -ServerAddress ${req.target}`;
      return undefined;
    case 'phase2.selectors': {
      // addresses only: an any-protocol target
      if (kind !== 's2s' || (req.target.protocol ?? 0) !== 0 || req.target.localPorts?.length || req.target.remotePorts?.length) return undefined;
      const l = selector(req.target.local);
      const r = selector(req.target.remote);
      return l && r ? `${cmd} -LocalVpnTrafficSelector ${l} -RemoteVpnTrafficSelector ${r}` : undefined;
    }
    case 'phase2.localSelectors':
    case 'phase2.remoteSelectors': {
      if (kind !== 's2s') return undefined;
      const sel = selector(req.target);
      return sel && `${cmd} -${req.field === 'phase2.localSelectors' ? 'Local' : 'Remote'}VpnTrafficSelector ${sel}`;
    }
    case 'auth.psk':
      if (kind === 's2s') return `${cmd} -SharedSecret "${SHARED_KEY}"`;
      if (kind === 'vpn-server') return `Set-VpnAuthProtocol -SharedSecret "${SHARED_KEY}"`;
      if (kind === 'vpn-client' && t.ikeVersion.value === 1) return `Set-VpnConnection -Name ${q(t.name)} -L2tpPsk "${SHARED_KEY}"`;
      return undefined;
    case 'auth.method': {
      if (kind !== 's2s') return undefined;
      const m: Record<string, string> = { psk: 'PSKOnly', certificate: 'MachineCertificates', eap: 'EAP' };
      return m[req.target] && `${cmd} -AuthenticationMethod ${m[req.target]}`;
    }
    case 'natt.mode':
      // IKEv2 always detects NAT; IKEv1 (L2TP/IPsec) follows the PolicyAgent registry value
      if (t.ikeVersion.value !== 1 || req.target === 'forced') return undefined;
      return `reg add ${NATT_REGISTRY.key} /v ${NATT_REGISTRY.value} /t REG_DWORD /d ${req.target === 'auto' ? 2 : 0} /f`;
    default:
      return undefined;
  }
}
