/**
 * The effect of the RemoteAccess / VpnClient change commands in a transcript
 * (windows-common/changes.ts parses them) on the objects read before them: each parameter
 * replaces the property the readers look up (Set-VpnS2SInterface -SALifeTimeSeconds → the
 * interface's `SALifeTime(s)`, -CustomPolicy and its six enum parameters → the custom policy,
 * -RemoteVpnTrafficSelector (New-VpnTrafficSelector …) → the selector objects …). Parameter
 * names: Set-VpnS2SInterface, Set-VpnServerConfiguration, Set-VpnConnectionIPsecConfiguration,
 * Set-VpnConnection help (windows-powershell-docs). The shared secret is never read back: a key
 * typed into a fix is a placeholder, and RRAS never shows its key anyway.
 */
import type { ChangeArg } from './changes.js';
import { note, warn, type ReadContext } from './context.js';
import { field, text, upsertField, type PsRecord, type PsValue } from './psrecord.js';
import type { RegNatt } from './registry.js';
import type { RrasInputs } from './rras-tunnels.js';

/** parameter → the property names the readers accept for it (the first is the one written) */
const PARAMETER_PROPERTY: Record<string, string[]> = {
  salifetimeseconds: ['SALifeTime', 'SALifeTimeSeconds', 'SaLifeTimeSec', 'QMSALifeTimeSeconds'],
  mmsalifetimeseconds: ['MMSALifeTime', 'MMSALifeTimeSeconds', 'MMSaLifeTimeSec'],
  sadatasizeforrenegotiationkilobytes: ['SADataSizeForRenegotiation', 'SADataSizeForRenegotiationKilobytes', 'SaRenegotiationDataSizeKB'],
  destination: ['Destination', 'RemoteTunnelEndpoint'],
  sourceipaddress: ['SourceIpAddress'],
  authenticationmethod: ['AuthenticationMethod'],
  adminstatus: ['AdminStatus'],
  encryptionmethod: ['EncryptionMethod'],
  integritycheckmethod: ['IntegrityCheckMethod'],
  dhgroup: ['DHGroup'],
  ciphertransformconstants: ['CipherTransformConstants'],
  authenticationtransformconstants: ['AuthenticationTransformConstants'],
  pfsgroup: ['PfsGroup'],
  localvpntrafficselector: ['LocalVpnTrafficSelector'],
  remotevpntrafficselector: ['RemoteVpnTrafficSelector'],
  serveraddress: ['ServerAddress'],
  tunneltype: ['TunnelType'],
  protocol: ['Protocol'],
};

/**
 * Add-VpnConnection / Add-VpnS2SInterface: a new object with the typed properties (a `-Name`
 * already shown is replaced by the later one when the tunnels are built).
 */
export function applyNewObject(input: RrasInputs, kind: 'connection' | 's2s', name: string, args: ChangeArg[], line: number, ctx: ReadContext): void {
  const rec: PsRecord = { kind: 'record', fields: [{ name: 'Name', value: name, line, raw: `-Name ${name}` }], line, form: 'list' };
  const what = kind === 'connection' ? `Add-VpnConnection "${name}"` : `Add-VpnS2SInterface "${name}"`;
  applyArgs(rec, args, line, ctx, what);
  if (kind === 'connection') {
    // -L2tpPsk: the connection authenticates L2TP/IPsec with a key (which is never read back)
    if (args.some((a) => a.name.toLowerCase() === 'l2tppsk'))
      upsertField(rec, ['L2tpIPsecAuth'], { name: 'L2tpIPsecAuth', value: 'Psk', line, raw: '-L2tpPsk' });
    input.connections.push(rec);
  } else input.s2s.push(rec);
}

/** Switches and parameters that change nothing compared here. */
const NOT_COMPARED = new Set(['name', 'connectionname', 'force', 'passthru', 'confirm', 'whatif', 'alluserconnection', 'sharedsecret', 'l2tppsk']);

const POLICY_SIX = ['EncryptionMethod', 'IntegrityCheckMethod', 'DHGroup', 'CipherTransformConstants', 'AuthenticationTransformConstants', 'PfsGroup'];

/** `$true` / `$false` as typed; PowerShell prints them True / False. */
function typedValue(a: ChangeArg): PsValue {
  if (a.records) return a.records;
  const v = a.value ?? '';
  if (/^\$true$/i.test(v)) return true;
  if (/^\$false$/i.test(v)) return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v.includes(',')) return v.split(',').map((x) => x.trim());
  return v;
}

function applyArgs(rec: PsRecord, args: ChangeArg[], line: number, ctx: ReadContext, what: string): void {
  for (const a of args) {
    const key = a.name.toLowerCase();
    if (NOT_COMPARED.has(key)) continue;
    if (key === 'custompolicy') {
      upsertField(rec, ['CustomPolicy'], { name: 'CustomPolicy', value: true, line, raw: a.raw });
      continue;
    }
    const names = PARAMETER_PROPERTY[key];
    if (!names) {
      note(ctx, `${what}: -${a.name} is not part of what is compared; not applied`, line);
      continue;
    }
    if (a.value?.startsWith('(') && !a.records) {
      warn(
        ctx,
        `${what}: -${a.name} ${a.value} is not an expression ipsec-drift reads (expected (New-VpnTrafficSelector -IPAddressRange <first>,<last> -Type IPv4)); not applied`,
        line,
      );
      continue;
    }
    upsertField(rec, names, { name: names[0], value: typedValue(a), line, raw: a.raw });
  }
}

function lastNamed(records: PsRecord[], name: string, ...props: string[]): PsRecord | undefined {
  const n = name.toLowerCase();
  for (let i = records.length - 1; i >= 0; i--) if (text(field(records[i], ...props)?.value).toLowerCase() === n) return records[i];
  return undefined;
}

export function applyS2sChange(input: RrasInputs, name: string, args: ChangeArg[], line: number, ctx: ReadContext): void {
  const rec = lastNamed(input.s2s, name, 'Name', 'ElementName');
  if (!rec) {
    warn(ctx, `no S2S interface named "${name}" was shown before this command (Get-VpnS2SInterface): its change is not applied`, line);
    return;
  }
  applyArgs(rec, args, line, ctx, `Set-VpnS2SInterface "${name}"`);
}

export function applyServerChange(input: RrasInputs, args: ChangeArg[], line: number, ctx: ReadContext): void {
  const rec = input.servers[input.servers.length - 1];
  if (!rec) {
    warn(ctx, 'no VPN server configuration was shown before this command (Get-VpnServerConfiguration): its change is not applied', line);
    return;
  }
  applyArgs(rec, args, line, ctx, 'Set-VpnServerConfiguration');
}

/** Set-VpnConnectionIPsecConfiguration: the connection's whole custom policy (all six values are mandatory). */
export function applyConnectionIPsecChange(input: RrasInputs, name: string, args: ChangeArg[], line: number, ctx: ReadContext): void {
  if (args.some((a) => a.name.toLowerCase() === 'reverttodefault')) {
    note(ctx, `Set-VpnConnectionIPsecConfiguration "${name}" -RevertToDefault: the Windows default policy applies again`, line);
  }
  const policy: PsRecord = { kind: 'record', fields: [], line, form: 'list' };
  applyArgs(policy, args, line, ctx, `Set-VpnConnectionIPsecConfiguration "${name}"`);
  const conn = lastNamed(input.connections, name, 'Name');
  if (conn)
    upsertField(conn, ['IPsecCustomPolicy'], {
      name: 'IPsecCustomPolicy',
      value: POLICY_SIX.some((p) => field(policy, p)) ? policy : null,
      line,
      raw: `Set-VpnConnectionIPsecConfiguration -ConnectionName "${name}" …`,
    });
  else if (POLICY_SIX.some((p) => field(policy, p))) input.connectionPolicies.set(name.toLowerCase(), policy);
  else warn(ctx, `no VPN connection named "${name}" was shown before this command (Get-VpnConnection): its change is not applied`, line);
}

export function applyConnectionChange(input: RrasInputs, name: string, args: ChangeArg[], line: number, ctx: ReadContext): void {
  const rec = lastNamed(input.connections, name, 'Name');
  if (!rec) {
    warn(ctx, `no VPN connection named "${name}" was shown before this command (Get-VpnConnection): its change is not applied`, line);
    return;
  }
  applyArgs(rec, args, line, ctx, `Set-VpnConnection "${name}"`);
}

/**
 * `reg add HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule /t REG_DWORD /d 2 /f`
 * → the NAT-T registry value (decimal or 0x hex, as reg add accepts).
 */
export function registryChange(key: string, value: string, data: string | undefined, raw: string, line: number, ctx: ReadContext): RegNatt | undefined {
  if (!/\\Services\\PolicyAgent$/i.test(key) || value.toLowerCase() !== 'assumeudpencapsulationcontextonsendrule') {
    note(ctx, `reg add ${key} /v ${value} is not a value ipsec-drift reads; not applied`, line);
    return undefined;
  }
  const n = data === undefined ? NaN : /^0x[0-9a-f]+$/i.test(data) ? Number.parseInt(data, 16) : /^\d+$/.test(data) ? Number(data) : NaN;
  if (n !== 0 && n !== 1 && n !== 2) {
    warn(ctx, `expected /d 0, 1 or 2 for AssumeUDPEncapsulationContextOnSendRule, found "${data ?? ''}": not applied`, line);
    return undefined;
  }
  return { state: 'set', value: n, line, raw };
}
