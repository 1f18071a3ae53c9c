/**
 * What Windows uses when nothing is configured. Each value says where it comes from; the READMEs
 * repeat the sources and the assumptions. `raw` is what the device would print had it been set.
 */
import type { ChildProposal, IkeProposal } from '../../src/model/types.js';

/**
 * IKEEXT / Windows Firewall with Advanced Security (netsh advfirewall, NetSecurity cmdlets).
 * - main mode: `netsh advfirewall set global mainmode` help: "The mmsecmethods keyword default sets
 *   the policy to: dhgroup2-aes128-sha1,dhgroup2-3des-sha1"; key lifetime 480 min, 0 sessions
 *   (help text range 1–2880 min; KB 2855053 sample `MainModeKeyLifetime: 480min,0sess`).
 * - quick mode: ESP SHA1 (no encryption), ESP SHA1-AES128, ESP SHA1-3DES, AH SHA1, each
 *   60 min / 100,000 KB — the four proposals of the KB 2855053 sample rule, which match the WFAS
 *   "Data protection" defaults (assumed to be the defaults: the sample rule does not say it
 *   uses them). PFS none (`qmpfs` help: "standard=none"). Mode transport (`mode` help).
 * - NAT-T: `ipsecthroughnat` help "(default=never)".
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
 * RRAS lifetimes when a property is not shown. Assumed from Microsoft's own examples: a new
 * S2S interface shows `SALifeTime(s) : 3600` and `SADataSizeForRenegotiation(KB) : 33553408`
 * (Get-VpnS2SInterface help, example 2); the server shows `SALifeTime(s) : 28800` and
 * `SADataSizeForRenegotiation(KB) : 102400` (Get-VpnServerConfiguration help). The main mode
 * lifetime (`MMSALifeTime`, absent from older output) is assumed to be the IKEEXT default of
 * 480 minutes = 28800 s. MS-RRASM: the SA lifetime is 300–17,279,999 s, the data size ≥ 1024 KB.
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
