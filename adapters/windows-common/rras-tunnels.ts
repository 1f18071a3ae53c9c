/**
 * RRAS and the Windows VPN client, as the RemoteAccess / VpnClient cmdlets print them:
 * Get-VpnS2SInterface (one tunnel end per interface), Get-VpnServerConfiguration (the server's
 * IKEv2 responder policy), Get-VpnConnection (a client connection and its IPsecCustomPolicy).
 * Lifetimes are seconds (`SALifeTime(s)`, `MMSALifeTime`), volumes kilobytes; the custom policy
 * is one proposal (EncryptionMethod/IntegrityCheckMethod/DHGroup for IKE,
 * CipherTransformConstants/AuthenticationTransformConstants/PfsGroup for ESP). Without it the
 * Windows default policy applies (windows-common/defaults.ts).
 */
import type { AuthMethod, ChildProposal, IkeProposal, NattMode, Phase2, PortRange, Setting, TunnelEnd } from '../../src/model/types.js';
import { assumedDefault, byDefault, explicit, inferred } from '../../src/model/setting.js';
import { PSK_UNKNOWN } from '../../src/model/secrets.js';
import { parseWholeNumber } from '../../src/model/units.js';
import { isAead } from '../../src/model/vocab.js';
import { canonicalCidr, isIpAddress } from '../../src/model/net.js';
import { at, fail, note, warn, type ReadContext } from './context.js';
import { IKEV2_DEFAULT_POLICY, NATT_REGISTRY, RRAS_DEFAULTS } from './defaults.js';
import { PFS_SAME_AS_MAIN_MODE, RRAS_AUTH_TRANSFORM, RRAS_CIPHER, RRAS_DH, RRAS_ENCRYPTION, RRAS_INTEGRITY, RRAS_PFS, enumNames, fromEnum } from './crypto.js';
import { bool, field, isRecord, list, text, type PsField, type PsRecord } from './psrecord.js';
import { rangeToCidrs } from '../../src/model/net.js';
import type { RegNatt } from './registry.js';

/** The tunnel end standing for the RRAS server's own responder policy. */
export const VPN_SERVER_END = 'VpnServer';

export interface RrasInputs {
  s2s: PsRecord[];
  servers: PsRecord[];
  connections: PsRecord[];
  /** `Get-VpnConnection -Name X | Select-Object -ExpandProperty IPsecCustomPolicy`, by connection name ('' = unnamed) */
  connectionPolicies: Map<string, PsRecord>;
  registry?: RegNatt;
}

/**
 * An object shown twice (Get-VpnS2SInterface, then Set-VpnS2SInterface -PassThru, or a second
 * Get after a change) is one object: the later listing is its state.
 */
function latestByName(records: PsRecord[], what: string, ctx: ReadContext, ...props: string[]): PsRecord[] {
  const out: PsRecord[] = [];
  for (const rec of records) {
    const name = text(field(rec, ...props)?.value).toLowerCase();
    const i = name ? out.findIndex((x) => text(field(x, ...props)?.value).toLowerCase() === name) : -1;
    if (i >= 0) {
      note(ctx, `${what} "${text(field(rec, ...props)?.value)}" was already shown at line ${out[i].line}; this later listing is read`, rec.line);
      out.splice(i, 1);
    }
    out.push(rec);
  }
  return out;
}

export function rrasTunnels(input: RrasInputs, ctx: ReadContext): TunnelEnd[] {
  const out: TunnelEnd[] = [];
  input = {
    ...input,
    s2s: latestByName(input.s2s, 'S2S interface', ctx, 'Name', 'ElementName'),
    connections: latestByName(input.connections, 'VPN connection', ctx, 'Name'),
  };
  for (const rec of input.s2s) {
    const t = s2sTunnel(rec, input, ctx);
    if (t) out.push(t);
  }
  for (const rec of input.connections) {
    const t = connectionTunnel(rec, input, ctx);
    if (t) out.push(t);
  }
  const unnamed = input.connectionPolicies.get('');
  if (unnamed && input.connections.length !== 1) {
    warn(
      ctx,
      `an IPsecCustomPolicy printed without its connection's name (expected Get-VpnConnection -Name X | Select-Object -ExpandProperty IPsecCustomPolicy) cannot be matched to one of ${input.connections.length} connections: it is not used`,
      unnamed.line,
    );
  }
  if (input.servers.length) {
    const server = input.servers[input.servers.length - 1];
    if (out.length === 0) out.push(serverTunnel(server, ctx));
    else
      note(
        ctx,
        `the VPN server configuration is not compared as a tunnel of its own because this file also holds ${out.length} S2S interface(s)/connection(s); for interfaces authenticated by certificate or EAP it is the responder policy`,
        server.line,
      );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// pieces every form shares

function num(f: PsField, ctx: ReadContext, what: string): number | undefined {
  const n = typeof f.value === 'number' ? f.value : parseWholeNumber(text(f.value));
  if (n === undefined) {
    if (text(f.value) !== '') fail(ctx, f.line, `expected ${what} as a whole number, found "${text(f.value)}"`);
    return undefined;
  }
  return n;
}

interface Lifetimes {
  mm: Setting<number>;
  qm: Setting<number>;
  kb: Setting<number>;
}

/** RRAS lifetimes are seconds; older builds print no MMSALifeTime at all. */
function lifetimes(rec: PsRecord, defaults: { qmSeconds: number; qmKilobytes: number; mmSeconds: number }, ctx: ReadContext): Lifetimes {
  const sec = (names: string[], def: number, defRaw: string): Setting<number> => {
    const f = field(rec, ...names);
    const n = f ? num(f, ctx, `${f.name} in seconds`) : undefined;
    if (f && n !== undefined) {
      if (n < RRAS_DEFAULTS.minLifetimeSeconds || n > RRAS_DEFAULTS.maxLifetimeSeconds) {
        warn(
          ctx,
          `${f.name} ${n} is outside the ${RRAS_DEFAULTS.minLifetimeSeconds}-${RRAS_DEFAULTS.maxLifetimeSeconds} seconds RRAS accepts (MS-RRASM)`,
          f.line,
        );
      }
      return explicit(n, f.raw, at(ctx, f.line), 'seconds');
    }
    return assumedDefault(def, defRaw, 'seconds');
  };
  const kbField = field(rec, 'SADataSizeForRenegotiation', 'SADataSizeForRenegotiationKilobytes', 'SaRenegotiationDataSizeKB');
  const kbValue = kbField ? num(kbField, ctx, `${kbField.name} in kilobytes`) : undefined;
  return {
    mm: sec(['MMSALifeTime', 'MMSALifeTimeSeconds', 'MMSaLifeTimeSec'], defaults.mmSeconds, `MMSALifeTime(s) : ${defaults.mmSeconds}`),
    qm: sec(['SALifeTime', 'SALifeTimeSeconds', 'SaLifeTimeSec', 'QMSALifeTimeSeconds'], defaults.qmSeconds, `SALifeTime(s) : ${defaults.qmSeconds}`),
    kb:
      kbField && kbValue !== undefined
        ? explicit(kbValue, kbField.raw, at(ctx, kbField.line), 'kilobytes')
        : assumedDefault(defaults.qmKilobytes, `SADataSizeForRenegotiation(KB) : ${defaults.qmKilobytes}`, 'kilobytes'),
  };
}

interface Policy {
  ike: Setting<IkeProposal[]>;
  esp: Setting<ChildProposal[]>;
  pfs: Setting<number[]>;
}

function defaultPolicy(): Policy {
  return {
    ike: assumedDefault(
      IKEV2_DEFAULT_POLICY.ike.map((p) => ({ encryption: [...p.encryption], integrity: [...p.integrity], prf: [...p.prf], dhGroups: [...p.dhGroups] })),
      IKEV2_DEFAULT_POLICY.raw,
    ),
    esp: assumedDefault(
      IKEV2_DEFAULT_POLICY.esp.map((p) => ({ protocol: p.protocol, encryption: [...p.encryption], integrity: [...p.integrity] })),
      IKEV2_DEFAULT_POLICY.raw,
    ),
    pfs: assumedDefault([0], 'PfsGroup : None'),
  };
}

/** An enum property of the custom policy: its canonical value, or a ParseError naming what is accepted. */
function enumField<T>(rec: PsRecord, name: string, table: Parameters<typeof fromEnum<T>>[0], ctx: ReadContext): { value: T; f: PsField } | undefined {
  const f = field(rec, name);
  if (!f || text(f.value) === '') return undefined;
  const v = typeof f.value === 'number' ? fromEnum(table, f.value) : fromEnum(table, text(f.value));
  if (v === undefined) fail(ctx, f.line, `expected ${f.name} to be one of ${enumNames(table)}, found "${text(f.value)}"`);
  return { value: v, f };
}

/**
 * The custom policy, when the record has one: `CustomPolicy : True` (Format-List view), or the
 * six values themselves (ConvertTo-Json of the CIM object, and a VPN connection's
 * IPsecCustomPolicy, carry no CustomPolicy flag). `CustomPolicy : False` means the default policy.
 */
function customPolicy(rec: PsRecord, ctx: ReadContext): Policy | undefined {
  const flag = field(rec, 'CustomPolicy');
  const set = flag ? bool(flag.value) : undefined;
  if (set === false) return undefined;
  const enc = enumField(rec, 'EncryptionMethod', RRAS_ENCRYPTION, ctx);
  const integ = enumField(rec, 'IntegrityCheckMethod', RRAS_INTEGRITY, ctx);
  const dh = enumField(rec, 'DHGroup', RRAS_DH, ctx);
  const cipher = enumField(rec, 'CipherTransformConstants', RRAS_CIPHER, ctx);
  const authT = enumField(rec, 'AuthenticationTransformConstants', RRAS_AUTH_TRANSFORM, ctx);
  const pfs = enumField(rec, 'PfsGroup', RRAS_PFS, ctx);
  if (set === undefined && !enc && !cipher) return undefined;
  const missing = [
    ['EncryptionMethod', enc],
    ['IntegrityCheckMethod', integ],
    ['DHGroup', dh],
    ['CipherTransformConstants', cipher],
    ['AuthenticationTransformConstants', authT],
  ].filter(([, v]) => !v);
  if (missing.length) {
    warn(
      ctx,
      `a custom IPsec policy needs all six values; ${missing.map(([n]) => n).join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty, so the Windows default policy is assumed`,
      flag?.line ?? rec.line,
    );
    return undefined;
  }
  const def = defaultPolicy();
  const e = enc!.value;
  const ike: IkeProposal = isAead(e)
    ? { encryption: [e], integrity: [], prf: [`prf${integ!.value}`], dhGroups: [dh!.value] }
    : { encryption: [e], integrity: [integ!.value], prf: [], dhGroups: [dh!.value] };
  const c = cipher!.value;
  const a = authT!.value;
  let child: ChildProposal;
  if (isAead(c)) {
    if (a !== c)
      warn(
        ctx,
        `CipherTransformConstants ${text(cipher!.f.value)} needs the same GCM value in AuthenticationTransformConstants, found "${text(authT!.f.value)}"`,
        authT!.f.line,
      );
    child = { protocol: 'esp', encryption: [c], integrity: [] };
  } else if (isAead(a) && c === 'null') {
    // GCM named once, in the authentication transform, with the cipher None: how the
    // Set-VpnConnectionIPsecConfiguration help examples configure AES-GCM (examples 3 and 4)
    child = { protocol: 'esp', encryption: [a], integrity: [] };
  } else {
    if (isAead(a))
      warn(
        ctx,
        `AuthenticationTransformConstants ${text(authT!.f.value)} is a GCM value but the cipher ${text(cipher!.f.value)} is neither None nor the same GCM value`,
        authT!.f.line,
      );
    child = { protocol: 'esp', encryption: [c], integrity: a === 'null' ? [] : [a] };
  }
  const ikeRaw = [enc!.f, integ!.f, dh!.f].map((f) => f.raw).join(', ');
  const espRaw = [cipher!.f, authT!.f].map((f) => f.raw).join(', ');
  let pfsSetting = def.pfs;
  if (pfs) {
    pfsSetting =
      pfs.value === PFS_SAME_AS_MAIN_MODE
        ? inferred([dh!.value], pfs.f.raw, at(ctx, pfs.f.line))
        : explicit([pfs.value as number], pfs.f.raw, at(ctx, pfs.f.line));
  } else warn(ctx, 'the custom policy has no PfsGroup value; no PFS is assumed', flag?.line ?? rec.line);
  return {
    ike: explicit([ike], ikeRaw, at(ctx, enc!.f.line)),
    esp: explicit([child], espRaw, at(ctx, cipher!.f.line)),
    pfs: pfsSetting,
  };
}

/** IKEv2 always detects NAT; IKEv1 (L2TP/IPsec) follows the PolicyAgent registry value. */
function natt(ikeVersion: 1 | 2, reg: RegNatt | undefined, ctx: ReadContext): Setting<NattMode> {
  if (ikeVersion === 2) return byDefault<NattMode>('auto', 'IKEv2 NAT traversal (built into Windows)');
  if (reg?.state === 'set') return explicit<NattMode>(reg.value === 0 ? 'disabled' : 'auto', reg.raw, at(ctx, reg.line));
  if (reg?.state === 'absent') return inferred<NattMode>('disabled', reg.raw, at(ctx, reg.line));
  return byDefault<NattMode>('disabled', NATT_REGISTRY.defaultRaw);
}

/** RRAS is route-based: without traffic selectors it negotiates any ↔ any. */
function anySelectors(raw = '(no traffic selector: any)'): Setting<string[]> {
  return byDefault(['0.0.0.0/0'], raw);
}

/** LocalVpnTrafficSelector / RemoteVpnTrafficSelector (Windows Server 2016+): IPAddressRange start/end pairs. */
function trafficSelectors(rec: PsRecord, name: string, ctx: ReadContext): Setting<string[]> {
  const f = field(rec, name);
  if (!f) return anySelectors(`${name} : (none: any)`);
  const items = list(f.value);
  if (!items.length) return anySelectors(`${name} : (none: any)`);
  const cidrs: string[] = [];
  for (const item of items) {
    if (!isRecord(item)) {
      warn(ctx, `${name} is shown as "${text(f.value)}"; expected its IPAddressRange (use ConvertTo-Json -Depth 4): any is assumed`, f.line);
      return inferred(['0.0.0.0/0'], f.raw, at(ctx, f.line));
    }
    const range = list(field(item, 'IPAddressRange')?.value).map(text);
    const c = range.length === 2 ? rangeToCidrs(range[0], range[1]) : range.length === 1 ? rangeToCidrs(range[0], range[0]) : undefined;
    if (!c) fail(ctx, item.line, `expected IPAddressRange as a start and an end address, found "${range.join(', ')}"`);
    cidrs.push(...c);
  }
  return explicit(cidrs, f.raw, at(ctx, f.line));
}

/**
 * The protocol and ports of a traffic selector (`ProtocolId`, `PortRange` first, last — New-VpnTrafficSelector
 * help): `0` and `0, 65535` are any. Only the first selector's are read; a list whose selectors
 * differ is noted.
 */
function selectorScope(rec: PsRecord, name: string, ctx: ReadContext): { protocol?: Setting<number>; ports?: Setting<PortRange[]> } {
  const f = field(rec, name);
  const items = f ? list(f.value).filter(isRecord) : [];
  if (!f || !items.length) return {};
  const scope = (item: PsRecord) => {
    const proto = field(item, 'ProtocolId');
    const range = list(field(item, 'PortRange')?.value).map((x) => (typeof x === 'number' ? x : Number(text(x))));
    return { proto, range };
  };
  const first = scope(items[0]);
  if (items.some((i) => JSON.stringify(scope(i).range) !== JSON.stringify(first.range) || text(scope(i).proto?.value) !== text(first.proto?.value)))
    note(ctx, `${name} holds selectors with different protocols or ports; the first one's are compared`, f.line);
  const out: { protocol?: Setting<number>; ports?: Setting<PortRange[]> } = {};
  const pn = first.proto ? (typeof first.proto.value === 'number' ? first.proto.value : parseWholeNumber(text(first.proto.value))) : undefined;
  if (pn !== undefined && pn >= 0 && pn <= 255) out.protocol = explicit(pn, first.proto!.raw, at(ctx, first.proto!.line || f.line));
  if (first.range.length === 2 && first.range.every((x) => Number.isInteger(x) && x >= 0 && x <= 65535) && first.range[0] <= first.range[1]) {
    const [from, to] = first.range;
    out.ports = explicit(from === 0 && to === 65535 ? [] : [{ from, to }], `${f.name} PortRange ${from}, ${to}`, at(ctx, f.line));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Get-VpnS2SInterface

const S2S_AUTH: Record<string, AuthMethod> = { pskonly: 'psk', psk: 'psk', machinecertificates: 'certificate', eap: 'eap', mschapv2: 'eap' };

function s2sTunnel(rec: PsRecord, input: RrasInputs, ctx: ReadContext): TunnelEnd | undefined {
  const nameF = field(rec, 'Name', 'ElementName');
  const name = text(nameF?.value);
  if (!name) {
    warn(ctx, 'expected a Name property in Get-VpnS2SInterface output; this object is not read', rec.line);
    return undefined;
  }
  const protoF = field(rec, 'Protocol');
  const proto = text(protoF?.value).toLowerCase();
  if (proto && proto !== 'ikev2' && proto !== 'l2tp') {
    note(ctx, `S2S interface "${name}" uses ${text(protoF!.value)}, not IPsec: not compared`, protoF!.line);
    return undefined;
  }
  if (rec.form === 'table') {
    warn(
      ctx,
      `S2S interface "${name}" is shown as a table row; the table hides the IPsec properties (expected \`Get-VpnS2SInterface | Format-List *\`): protocol, policy and lifetimes are the Windows defaults (origin default)`,
      rec.line,
    );
  }
  const ikeVersion: Setting<1 | 2> =
    protoF && proto ? explicit<1 | 2>(proto === 'l2tp' ? 1 : 2, protoF.raw, at(ctx, protoF.line)) : assumedDefault<1 | 2>(2, 'Protocol : IKEv2');
  const dest = field(rec, 'Destination', 'RemoteTunnelEndpoint');
  const peers = dest ? list(dest.value).map(text).filter(Boolean) : [];
  if (peers.length > 1) note(ctx, `S2S interface "${name}" lists ${peers.length} destinations; the first (${peers[0]}) is compared`, dest!.line);
  if (!peers.length) warn(ctx, `S2S interface "${name}" has no Destination; expected the peer's address`, dest?.line ?? rec.line);
  const lt = lifetimes(rec, RRAS_DEFAULTS.s2s, ctx);
  const policy = customPolicy(rec, ctx) ?? defaultPolicy();
  const authF = field(rec, 'AuthenticationMethod');
  const method = S2S_AUTH[text(authF?.value).toLowerCase()];
  const adminF = field(rec, 'AdminStatus');
  const t: TunnelEnd = {
    name,
    at: at(ctx, rec.line),
    enabled: adminF ? bool(adminF.value) !== false : true,
    remoteGateway: peers.length
      ? explicit(peers[0], dest!.raw, at(ctx, dest!.line))
      : inferred('any', dest?.raw ?? 'Destination :', at(ctx, dest?.line ?? rec.line)),
    ikeVersion,
    auth: { method: method && authF ? explicit(method, authF.raw, at(ctx, authF.line)) : assumedDefault<AuthMethod>('psk', 'AuthenticationMethod : PSKOnly') },
    phase1: {
      proposals: policy.ike,
      lifetimeSeconds: lt.mm,
      ...(ikeVersion.value === 1 ? { exchangeMode: assumedDefault<'main' | 'aggressive'>('main', 'Main Mode') } : {}),
    },
    natt: { mode: natt(ikeVersion.value, input.registry, ctx) },
    dpd: { mode: byDefault('off', 'no DPD setting in RRAS') },
    phase2: [],
  };
  t.phase2.push(phase2(name, rec, ikeVersion.value, policy, lt, ctx, t.remoteGateway));
  if (t.auth.method.value === 'psk') {
    t.auth.psk = inferred(PSK_UNKNOWN, 'SharedSecret (Get-VpnS2SInterface never shows it)', authF ? at(ctx, authF.line) : at(ctx, rec.line));
  }
  const src = field(rec, 'SourceIpAddress');
  if (src && text(src.value)) t.localGateway = explicit(text(src.value), src.raw, at(ctx, src.line));
  return t;
}

function phase2(name: string, rec: PsRecord, ikeVersion: 1 | 2, policy: Policy, lt: Lifetimes, ctx: ReadContext, peer?: Setting<string>): Phase2 {
  const l2tp = ikeVersion === 1;
  // L2TP/IPsec protects UDP 1701 between the two hosts (transport mode)
  const host = l2tp && peer && isIpAddress(peer.value) ? peer : undefined;
  const p: Phase2 = {
    name,
    at: at(ctx, rec.line),
    localSelectors: trafficSelectors(rec, 'LocalVpnTrafficSelector', ctx),
    remoteSelectors: host ? inferred([canonicalCidr(host.value)!], host.raw, host.at) : trafficSelectors(rec, 'RemoteVpnTrafficSelector', ctx),
    mode: l2tp ? byDefault('transport', 'L2TP/IPsec (transport mode)') : byDefault('tunnel', 'IKEv2 (tunnel mode)'),
    proposals: policy.esp,
    pfsGroups: policy.pfs,
    lifetimeSeconds: lt.qm,
    lifetimeKilobytes: lt.kb,
  };
  if (l2tp) p.ipProtocol = byDefault(17, 'L2TP (UDP 1701)');
  else {
    const local = selectorScope(rec, 'LocalVpnTrafficSelector', ctx);
    const remote = selectorScope(rec, 'RemoteVpnTrafficSelector', ctx);
    const proto = local.protocol ?? remote.protocol;
    if (proto) p.ipProtocol = proto;
    if (local.ports) p.localPorts = local.ports;
    if (remote.ports) p.remotePorts = remote.ports;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Get-VpnServerConfiguration

function serverTunnel(rec: PsRecord, ctx: ReadContext): TunnelEnd {
  const lt = lifetimes(rec, RRAS_DEFAULTS.server, ctx);
  const policy = customPolicy(rec, ctx) ?? defaultPolicy();
  return {
    name: VPN_SERVER_END,
    at: at(ctx, rec.line),
    enabled: true,
    remoteGateway: byDefault('any', '(any client: incoming connections)'),
    ikeVersion: byDefault<1 | 2>(2, 'IKEv2 (Ikev2Ports)'),
    auth: { method: inferred<AuthMethod>('unknown', 'Get-VpnAuthProtocol (not collected)', at(ctx, rec.line)) },
    phase1: { proposals: policy.ike, lifetimeSeconds: lt.mm },
    natt: { mode: byDefault<NattMode>('auto', 'IKEv2 NAT traversal (built into Windows)') },
    dpd: { mode: byDefault('off', 'no DPD setting in RRAS') },
    initiates: byDefault(false, '(the server only answers)'),
    phase2: [
      {
        name: VPN_SERVER_END,
        at: at(ctx, rec.line),
        localSelectors: anySelectors(),
        remoteSelectors: anySelectors(),
        mode: byDefault('tunnel', 'IKEv2 (tunnel mode)'),
        proposals: policy.esp,
        pfsGroups: policy.pfs,
        lifetimeSeconds: lt.qm,
        lifetimeKilobytes: lt.kb,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Get-VpnConnection

/** L2TP/IPsec client defaults, KB 325158: 3DES, SHA-1, DH group 2, ESP, transport mode. */
const L2TP_CLIENT_DEFAULT: Policy = {
  ike: assumedDefault([{ encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] }], 'L2TP/IPsec client defaults (3DES, SHA1, DH group 2)'),
  esp: assumedDefault([{ protocol: 'esp', encryption: ['3des'], integrity: ['sha1'] }], 'L2TP/IPsec client defaults (ESP 3DES-SHA1)'),
  pfs: assumedDefault([0], 'PfsGroup : None'),
};

function connectionTunnel(rec: PsRecord, input: RrasInputs, ctx: ReadContext): TunnelEnd | undefined {
  const name = text(field(rec, 'Name')?.value);
  const server = field(rec, 'ServerAddress');
  const typeF = field(rec, 'TunnelType');
  const type = text(typeF?.value).toLowerCase();
  if (!name || !server) {
    warn(ctx, 'expected Name and ServerAddress in Get-VpnConnection output; this object is not read', rec.line);
    return undefined;
  }
  if (type === 'pptp' || type === 'sstp') {
    note(ctx, `VPN connection "${name}" uses ${text(typeF!.value)}, not IPsec: not compared`, typeF!.line);
    return undefined;
  }
  const l2tp = type === 'l2tp';
  const ikeVersion: Setting<1 | 2> = typeF
    ? type === 'automatic'
      ? inferred<1 | 2>(2, typeF.raw, at(ctx, typeF.line))
      : explicit<1 | 2>(l2tp ? 1 : 2, typeF.raw, at(ctx, typeF.line))
    : assumedDefault<1 | 2>(2, 'TunnelType : Ikev2');
  if (type === 'automatic') note(ctx, `VPN connection "${name}" is TunnelType Automatic: Windows tries IKEv2 first, which is what is compared`, typeF!.line);
  const nested = field(rec, 'IPsecCustomPolicy');
  const policyRec = isRecord(nested?.value)
    ? nested!.value
    : (input.connectionPolicies.get(name.toLowerCase()) ?? (input.connections.length === 1 ? input.connectionPolicies.get('') : undefined));
  if (nested && !policyRec && text(nested.value) !== '') {
    warn(
      ctx,
      `IPsecCustomPolicy of "${name}" is shown as "${text(nested.value)}"; expected its properties (Get-VpnConnection -Name "${name}" | Select-Object -ExpandProperty IPsecCustomPolicy): the Windows default policy is assumed`,
      nested.line,
    );
  }
  const policy = (policyRec && customPolicy(policyRec, ctx)) ?? (l2tp ? L2TP_CLIENT_DEFAULT : defaultPolicy());
  const d = RRAS_DEFAULTS.client;
  // no unit: the VPN client has no lifetime setting; these are the IKEEXT defaults
  const lt: Lifetimes = {
    mm: assumedDefault(d.mmSeconds, '(no setting: IKEEXT default 480 min)'),
    qm: assumedDefault(d.qmSeconds, '(no setting: IKEEXT default 60 min)'),
    kb: assumedDefault(d.qmKilobytes, '(no setting: IKEEXT default 100000 KB)'),
  };
  const remoteGateway = explicit(text(server.value), server.raw, at(ctx, server.line));
  return {
    name,
    at: at(ctx, rec.line),
    enabled: true,
    remoteGateway,
    ikeVersion,
    auth: connectionAuth(rec, l2tp, ctx),
    phase1: { proposals: policy.ike, lifetimeSeconds: lt.mm, ...(l2tp ? { exchangeMode: assumedDefault<'main' | 'aggressive'>('main', 'Main Mode') } : {}) },
    natt: { mode: natt(ikeVersion.value, input.registry, ctx) },
    dpd: { mode: byDefault('off', 'no DPD setting in the Windows VPN client') },
    phase2: [phase2(name, rec, ikeVersion.value, policy, lt, ctx, remoteGateway)],
  };
}

function connectionAuth(rec: PsRecord, l2tp: boolean, ctx: ReadContext): TunnelEnd['auth'] {
  if (l2tp) {
    const f = field(rec, 'L2tpIPsecAuth');
    const v = text(f?.value).toLowerCase();
    if (f && v === 'psk')
      return { method: explicit<AuthMethod>('psk', f.raw, at(ctx, f.line)), psk: inferred(PSK_UNKNOWN, 'L2tpPsk (never shown)', at(ctx, f.line)) };
    if (f && v === 'certificate') return { method: explicit<AuthMethod>('certificate', f.raw, at(ctx, f.line)) };
    return { method: assumedDefault<AuthMethod>('certificate', 'L2tpIPsecAuth : Certificate') };
  }
  const f = field(rec, 'AuthenticationMethod');
  const methods = list(f?.value).map((x) => text(x).toLowerCase());
  if (!f || !methods.length) return { method: assumedDefault<AuthMethod>('eap', 'AuthenticationMethod : {Eap}') };
  const m: AuthMethod = methods.includes('machinecertificate') ? 'certificate' : methods.some((x) => x === 'eap' || x === 'mschapv2') ? 'eap' : 'unknown';
  return { method: explicit(m, f.raw, at(ctx, f.line)) };
}
