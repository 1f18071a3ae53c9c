/**
 * What Windows uses when nothing is configured. Each value says where it comes from; the READMEs
 * repeat the sources and the assumptions. `raw` is what the device would print had it been set.
 */
import type { ChildProposal, IkeProposal } from '../../src/model/types.js';

/**
 * IKEEXT / Windows Firewall with Advanced Security (netsh advfirewall, NetSecurity cmdlets).
 * - main mode: `netsh advfirewall set global` help (a real usage capture): "The mmsecmethods
 *   keyword default sets the policy to: dhgroup2-aes128-sha1,dhgroup2-3des-sha1"; key lifetime
 *   480 min, 0 sessions (the puppet capture of `show global` on a box; New-NetIPsecMainModeCryptoSet
 *   help "eight hours").
 * - quick mode: 60 min / 100,000 KB (New-NetIPsecQuickModeCryptoProposal help: MaxMinutes default
 *   60, MaxKiloBytes default 100000). The proposals ESP SHA1 (no encryption), ESP SHA1-AES128,
 *   ESP SHA1-3DES, AH SHA1 are the KB 2855053 sample rule's: that they are the defaults is
 *   ASSUMED (the readers mark them assumed). PFS none: ASSUMED. Mode transport: New-NetIPsecRule
 *   help ("The default value is Transport").
 * - NAT-T: `ipsecthroughnat … (default=never)` (set global help); Set-NetFirewallSetting help
 *   "The default value is None".
 */
export const ADVFIREWALL = {
  mmLifetimeMinutes: 480,
  mmLifetimeRaw: '480min,0sess',
  mmProposals: [
    { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
    { encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] },
  ] as IkeProposal[],
  mmProposalsRaw: 'SecMethods DHGroup2-AES128-SHA1,DHGroup2-3DES-SHA1',
  qmProposals: [
    { protocol: 'esp', encryption: ['null'], integrity: ['sha1'] },
    { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
    { protocol: 'esp', encryption: ['3des'], integrity: ['sha1'] },
    { protocol: 'ah', encryption: [], integrity: ['sha1'] },
  ] as ChildProposal[],
  qmProposalsRaw: 'QuickModeSecMethods: ESP:SHA1-None+60min+100000kb,ESP:SHA1-AES128+60min+100000kb,ESP:SHA1-3DES+60min+100000kb,AH:SHA1+60min+100000kb',
  qmLifetimeMinutes: 60,
  qmLifetimeKilobytes: 100000,
  natt: 'IPsecThroughNAT Never',
  pfsRaw: 'QuickModePFS: None',
  modeRaw: 'Mode: Transport',
} as const;

/**
 * The Windows IKEv2 default policy (RRAS `CustomPolicy : False`/empty, a VPN connection without
 * IPsecCustomPolicy). Microsoft does not publish the list; strongSwan's interoperability notes
 * for Windows clients (docs.strongswan.org, "Windows Clients") give what Windows 7–11 propose:
 * `ike = 3des-aes128-aes192-aes256-sha1-sha256-sha384-modp1024`,
 * `esp = aes256-aes128-3des-des-null-sha1`, no PFS; Richard Hicks ("Always On VPN IKEv2 Security
 * Configuration") observes 3DES / SHA-1 / DH group 2 negotiated between a Windows client and RRAS
 * with defaults. We assume RRAS uses the same default set (same IKEEXT service).
 */
export const IKEV2_DEFAULT_POLICY = {
  ike: [{ encryption: ['3des', 'aes128', 'aes192', 'aes256'], integrity: ['sha1', 'sha256', 'sha384'], prf: [], dhGroups: [2] }] as IkeProposal[],
  esp: [{ protocol: 'esp', encryption: ['aes256', 'aes128', '3des', 'des', 'null'], integrity: ['sha1'] }] as ChildProposal[],
  raw: 'CustomPolicy : False (Windows default IKEv2 policy)',
} as const;

/**
 * RRAS lifetimes when a property is not shown — all ASSUMED (the readers mark them so): a new S2S
 * interface shows `SALifeTime(s) : 3600` and `SADataSizeForRenegotiation(KB) : 33553408` in the
 * Get-VpnS2SInterface help example 2, the server `SALifeTime(s) : 28800` and
 * `SADataSizeForRenegotiation(KB) : 102400` in the Get/Set-VpnServerConfiguration examples —
 * examples, not stated defaults. The main mode lifetime (`MMSALifeTime`, in no example) is taken
 * as the IKEEXT 480 minutes = 28800 s. MS-RRASM: the SA lifetime is 300–17,279,999 s, the data
 * size ≥ 1024 KB.
 */
export const RRAS_DEFAULTS = {
  s2s: { qmSeconds: 3600, qmKilobytes: 33553408, mmSeconds: 28800 },
  server: { qmSeconds: 28800, qmKilobytes: 102400, mmSeconds: 28800 },
  /** the Windows VPN client has no lifetime settings (Set-VpnConnectionIPsecConfiguration has none): IKEEXT defaults assumed */
  client: { qmSeconds: 3600, qmKilobytes: 100000, mmSeconds: 28800 },
  minLifetimeSeconds: 300,
  maxLifetimeSeconds: 17279999,
  minKilobytes: 1024,
} as const;

/** KB 947234 / KB 926179: HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent, 0 when absent. */
export const NATT_REGISTRY = {
  key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent',
  value: 'AssumeUDPEncapsulationContextOnSendRule',
  defaultRaw: 'AssumeUDPEncapsulationContextOnSendRule REG_DWORD 0x0 (value absent: 0)',
} as const;
