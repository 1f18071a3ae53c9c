/**
 * What an AWS Site-to-Site VPN tunnel uses when its tunnel options do not say, and what it can be
 * set to at all. Sources (README.md has the discussion):
 * - AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection"
 *   (awsdocs/aws-site-to-site-vpn-user-guide doc_source/VPNTunnels.md @ 554788ee149c3dd2a19cd8afa7ecc6fae613e0da,
 *   the last revision before the guide left GitHub, June 2023);
 * - EC2 API Reference, ModifyVpnTunnelOptionsSpecification / VpnTunnelOptionsSpecification
 *   (valid values and constraints of each option).
 */
import type { AllowedSettings } from '../../src/model/types.js';

export const TUNNEL_OPTIONS_SOURCE =
  'AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection"; EC2 API Reference, ModifyVpnTunnelOptionsSpecification';

export const REDUNDANCY_SOURCE =
  'AWS Site-to-Site VPN User Guide: "Each Site-to-Site VPN connection has two tunnels … It is important to configure both tunnels for redundancy."';

/** AWS spelling → canonical name. Only these are valid values of the tunnel options. */
export const ENCRYPTION: Record<string, string> = {
  AES128: 'aes128',
  AES256: 'aes256',
  'AES128-GCM-16': 'aes128gcm16',
  'AES256-GCM-16': 'aes256gcm16',
};
export const INTEGRITY: Record<string, string> = { SHA1: 'sha1', 'SHA2-256': 'sha256', 'SHA2-384': 'sha384', 'SHA2-512': 'sha512' };

export const PHASE1_DH = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
export const PHASE2_DH = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

export const DEFAULTS = {
  phase1LifetimeSeconds: 28800,
  phase2LifetimeSeconds: 3600,
  /** the guide says 270 s (4.5 min); see README for the value the issue quoted */
  rekeyMarginTimeSeconds: 270,
  rekeyFuzzPercentage: 100,
  replayWindowSize: 1024,
  /** the guide and VpnTunnelOptionsSpecification say 30; ModifyVpnTunnelOptionsSpecification says 40 */
  dpdTimeoutSeconds: 30,
  dpdTimeoutAction: 'clear',
  startupAction: 'add',
  ikeVersions: ['ikev1', 'ikev2'],
  /** LocalIpv4NetworkCidr (customer side) and RemoteIpv4NetworkCidr (AWS side) */
  networkCidr: '0.0.0.0/0',
} as const;

export const ALLOWED: AllowedSettings = {
  source: TUNNEL_OPTIONS_SOURCE,
  phase1LifetimeSeconds: { min: 900, max: 28800 },
  phase2LifetimeSeconds: { min: 900, max: 3600 },
  phase2BelowPhase1: true,
  phase1: { encryption: Object.values(ENCRYPTION), integrity: Object.values(INTEGRITY), dhGroups: PHASE1_DH },
  // AWS always uses PFS in phase 2 (the tunnel options have no "none"): 0 is not a choice
  phase2: { encryption: Object.values(ENCRYPTION), integrity: Object.values(INTEGRITY), pfsGroups: PHASE2_DH },
};

/** The canonical name back to AWS's spelling, for fixes. */
export function awsSpelling(table: Record<string, string>, canonical: string): string | undefined {
  return Object.entries(table).find(([, c]) => c === canonical)?.[0];
}
