/**
 * From what netsh and the NetSecurity cmdlets printed to tunnel ends. One connection security
 * rule is one tunnel end with one phase 2 entry (Endpoint1 = local side, Endpoint2 = remote
 * side, as the WFAS wizard names them). What a rule does not say comes from the global main mode
 * settings, then from the Windows defaults (origin `default`).
 */
import type { AuthMethod, ChildProposal, IkeProposal, NattMode, Phase2, Setting, TunnelEnd } from '../../src/model/types.js';
import { assumedDefault, byDefault, explicit, inferred } from '../../src/model/setting.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { addressItem } from './ranges.js';
import { at, note, warn, type ReadContext } from './context.js';
import { ADVFIREWALL, NATT_REGISTRY } from './defaults.js';
import { netshDh } from './crypto.js';
import type { RegNatt } from './registry.js';
import { text, type PsField } from './psrecord.js';
import {
  ESSENTIAL_KEYS,
  endpointSelectors,
  mainModeLifetime,
  mainModeProposals,
  portRanges,
  protocolNumber,
  quickModeProposals,
  singleHost,
  type ConsecField,
  type ConsecRule,
  type NetshGlobal,
} from './netsh-read.js';
import {
  DEFAULT_MM_SET,
  DEFAULT_P1_AUTH_SET,
  DEFAULT_QM_SET,
  addresses,
  setMatches,
  type MainModeSet,
  type NetIPsecRule,
  type QuickModeSet,
} from './netsecurity-read.js';
import { PFS_SAME_AS_MAIN_MODE } from './crypto.js';

export interface NetshInputs {
  globals: NetshGlobal[];
  /** `Set-NetIPsecRule -DisplayName X -KeyModule …` on a rule only netsh showed, by lower-case name */
  keyModules: Map<string, PsField>;
  firewallNatt?: Setting<NattMode>;
  registry?: RegNatt;
  mmSets: MainModeSet[];
  qmSets: QuickModeSet[];
  consec: ConsecRule[];
  netIPsecRules: NetIPsecRule[];
}

/** The machine-wide settings every rule inherits. */
interface Machine {
  natt: Setting<NattMode>;
  mmLifetime: Setting<number>;
  mmProposals: Setting<IkeProposal[]>;
  qmDefault?: QuickModeSet;
}

export function netshTunnels(input: NetshInputs, ctx: ReadContext): TunnelEnd[] {
  const machine = machineSettings(input, ctx);
  const tunnels: TunnelEnd[] = [];
  const consecNames = new Map(input.consec.map((r) => [r.name.toLowerCase(), r]));
  const psByName = new Map(input.netIPsecRules.map((r) => [r.name.toLowerCase(), r]));
  for (const rule of input.consec) {
    const n = rule.name.toLowerCase();
    const t = consecTunnel(rule, machine, input.keyModules.get(n) ?? psByName.get(n)?.field('KeyModule'), ctx);
    if (t) tunnels.push(t);
  }
  for (const ps of input.netIPsecRules) {
    const same = consecNames.get(ps.name.toLowerCase());
    if (same) {
      note(ctx, `Get-NetIPsecRule "${ps.name}" is the consec rule already read at line ${same.line}; only its KeyModule is taken from here`, ps.line);
      continue;
    }
    tunnels.push(netIPsecTunnel(ps, machine, input.qmSets, ctx));
  }
  return tunnels;
}

// ---------------------------------------------------------------------------------------------
// machine-wide

function machineSettings(input: NetshInputs, ctx: ReadContext): Machine {
  // later outputs win, but only for the settings they print
  const g: Partial<NetshGlobal> = Object.assign({}, ...input.globals.map(definedOnly));
  const mm = input.mmSets.find((s) => setMatches(s.names, DEFAULT_MM_SET)) ?? (input.mmSets.length === 1 ? input.mmSets[0] : undefined);
  const qmDefault = input.qmSets.find((s) => setMatches(s.names, DEFAULT_QM_SET));
  return {
    natt: nattSetting(g.natt, input.firewallNatt, input.registry, ctx),
    mmLifetime: g.mmLifetime ?? mm?.lifetime ?? byDefault(ADVFIREWALL.mmLifetimeMinutes * 60, ADVFIREWALL.mmLifetimeRaw, 'minutes'),
    mmProposals: g.mmProposals ?? mm?.proposals ?? byDefault(ADVFIREWALL.mmProposals.map(copyIke), ADVFIREWALL.mmProposalsRaw),
    qmDefault,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * netsh `IPsecThroughNAT` and Get-NetFirewallSetting `AllowIPsecThroughNAT` are one setting;
 * the PolicyAgent registry value is read when neither was printed.
 */
function nattSetting(netsh: Setting<NattMode> | undefined, fw: Setting<NattMode> | undefined, reg: RegNatt | undefined, ctx: ReadContext): Setting<NattMode> {
  const fromReg = reg?.state === 'set' ? explicit<NattMode>(reg.value === 0 ? 'disabled' : 'auto', reg.raw, at(ctx, reg.line)) : undefined;
  const chosen = netsh ?? fw;
  if (chosen && fromReg && chosen.value !== fromReg.value) {
    note(ctx, `${NATT_REGISTRY.value} (${fromReg.raw}) disagrees with ${chosen.raw}; connection security rules follow the firewall setting`, reg!.line);
  }
  if (reg?.state === 'unreadable') warn(ctx, reg.why, reg.line);
  return chosen ?? fromReg ?? byDefault<NattMode>('disabled', ADVFIREWALL.natt);
}

function copyIke(p: IkeProposal): IkeProposal {
  return { encryption: [...p.encryption], integrity: [...p.integrity], prf: [...p.prf], dhGroups: [...p.dhGroups] };
}

function copyChild(p: ChildProposal): ChildProposal {
  return { protocol: p.protocol, encryption: [...p.encryption], integrity: [...p.integrity] };
}

// ---------------------------------------------------------------------------------------------
// one consec rule

function consecTunnel(rule: ConsecRule, m: Machine, km: PsField | undefined, ctx: ReadContext): TunnelEnd | undefined {
  const f = (k: string) => rule.fields.get(k);
  const missing = ESSENTIAL_KEYS.filter((k) => !f(k));
  if (rule.cut && (missing.length || !f('quickmodesecmethods'))) {
    warn(
      ctx,
      `rule "${rule.name}" (line ${rule.line}) is cut off: the output ends at line ${rule.last} before its ${[...missing.map(label), ...(f('quickmodesecmethods') ? [] : ['QuickModeSecMethods'])].join(', ')} line; expected the rest of the rule — it is not read`,
      rule.last,
    );
    return undefined;
  }
  if (missing.length) {
    warn(ctx, `rule "${rule.name}" has no ${missing.map(label).join(', ')} line; expected every rule to print them — it is not read`, rule.line);
    return undefined;
  }
  const action = f('action')!;
  if (/^noauthentication$/i.test(action.value.replace(/\s+/g, ''))) {
    note(ctx, `rule "${rule.name}" is an exemption (Action: ${action.value}): no IPsec is negotiated for it, so it is not a tunnel end`, action.line);
    return undefined;
  }
  const mode = modeSetting(f('mode'), ctx);
  const local = endpointSelectors(f('endpoint1')!, ctx, rule.name);
  const remote = endpointSelectors(f('endpoint2')!, ctx, rule.name);
  const phase1 = {
    proposals: f('mainmodesecmethods')
      ? explicit(
          mainModeProposals(f('mainmodesecmethods')!.value, lineOf(f('mainmodesecmethods')!), ctx),
          f('mainmodesecmethods')!.raw,
          at(ctx, f('mainmodesecmethods')!.line),
        )
      : m.mmProposals,
    lifetimeSeconds: f('mainmodekeylifetime') ? mainModeLifetime(f('mainmodekeylifetime')!.value, lineOf(f('mainmodekeylifetime')!), ctx) : m.mmLifetime,
  };
  const ikeVersion = keyModule(km, ctx);
  const tunnel: TunnelEnd = {
    name: rule.name,
    at: at(ctx, rule.line),
    enabled: f('enabled') ? !/^no$/i.test(f('enabled')!.value.trim()) : true,
    remoteGateway: remoteGateway(mode.value, f('remotetunnelendpoint'), remote.cidrs, f('endpoint2')!, ctx),
    ikeVersion,
    auth: auth(f('auth1'), f('auth1psk'), ctx),
    phase1: ikeVersion.value === 1 ? { ...phase1, exchangeMode: assumedDefault<'main' | 'aggressive'>('main', 'Main Mode') } : phase1,
    natt: { mode: m.natt },
    dpd: { mode: byDefault('off', 'no DPD setting in Windows IPsec policy') },
    phase2: [phase2Entry(rule, mode, local, remote, phase1.proposals, ctx)],
  };
  const lg = localGateway(mode.value, f('localtunnelendpoint'), local.cidrs, f('endpoint1')!, ctx);
  if (lg) tunnel.localGateway = lg;
  if (f('type') && /^dynamic$/i.test(f('type')!.value) && tunnel.remoteGateway.value === 'any') {
    tunnel.initiates = inferred(false, f('type')!.raw, at(ctx, f('type')!.line));
  }
  return tunnel;
}

function label(key: string): string {
  return { endpoint1: 'Endpoint1', endpoint2: 'Endpoint2', action: 'Action' }[key] ?? key;
}

function lineOf(f: ConsecField): { n: number; text: string } {
  return { n: f.line, text: f.raw };
}

function modeSetting(f: ConsecField | undefined, ctx: ReadContext): Setting<'tunnel' | 'transport'> {
  if (!f) return byDefault('transport', ADVFIREWALL.modeRaw);
  const v = f.value.toLowerCase();
  if (v !== 'tunnel' && v !== 'transport') {
    warn(ctx, `expected Mode: Tunnel or Transport, found "${f.value}"; read as Transport`, f.line);
    return inferred('transport', f.raw, at(ctx, f.line));
  }
  return explicit(v, f.raw, at(ctx, f.line));
}

function remoteGateway(mode: 'tunnel' | 'transport', rte: ConsecField | undefined, remote: string[], ep2: ConsecField, ctx: ReadContext): Setting<string> {
  if (mode === 'tunnel') {
    if (!rte) return byDefault('any', 'RemoteTunnelEndpoint: Any');
    const ip = firstAddress(rte.value);
    return explicit(ip ?? 'any', rte.raw, at(ctx, rte.line));
  }
  // transport mode: the peer is the remote endpoint itself
  const host = singleHost(remote);
  return inferred(host ?? 'any', ep2.raw, at(ctx, ep2.line));
}

function localGateway(
  mode: 'tunnel' | 'transport',
  lte: ConsecField | undefined,
  local: string[],
  ep1: ConsecField,
  ctx: ReadContext,
): Setting<string> | undefined {
  if (mode === 'tunnel') {
    const ip = lte ? firstAddress(lte.value) : undefined;
    return ip && lte ? explicit(ip, lte.raw, at(ctx, lte.line)) : undefined;
  }
  const host = singleHost(local);
  return host ? inferred(host, ep1.raw, at(ctx, ep1.line)) : undefined;
}

/** `198.51.100.20`, `Any`, `{198.51.100.20}` → the address, or undefined for Any. */
function firstAddress(value: string): string | undefined {
  const v = value.replace(/[{}]/g, '').split(',')[0]?.trim() ?? '';
  return v === '' || /^any$/i.test(v) ? undefined : v;
}

/**
 * KeyModule (Get-NetIPsecRule, or a Set-NetIPsecRule typed after it): names Default, IKEv1,
 * AuthIP, IKEv2 (NetSecurity help); in ConvertTo-Json the MSFT_NetConSecRule numbers (class
 * reference: IKEv1 0x1, AuthIP 0x2, IKEv2 0x4), 0 taken as Default (assumed: not documented).
 * Default means IKEv1 (+AuthIP) up to Windows 11 23H2 / Server 2022; from 24H2 / Server 2025 it is
 * IKEv1+IKEv2 (Set-NetIPsecRule help), which the model cannot say: read as 1, origin inferred.
 */
function keyModule(km: PsField | undefined, ctx: ReadContext): Setting<1 | 2> {
  if (!km) return byDefault<1 | 2>(1, 'KeyModule: Default (IKEv1/AuthIP)');
  if (typeof km.value === 'number') {
    if (km.value === 4) return explicit<1 | 2>(2, km.raw, at(ctx, km.line));
    if (km.value === 1 || km.value === 2 || km.value === 3) return explicit<1 | 2>(1, km.raw, at(ctx, km.line));
    if (km.value !== 0) warn(ctx, `expected KeyModule 0 (Default), 1 (IKEv1), 2 (AuthIP) or 4 (IKEv2), found ${km.value}; IKEv1 is assumed`, km.line);
    return inferred<1 | 2>(1, km.raw, at(ctx, km.line));
  }
  const v = text(km.value).toLowerCase();
  if (v === 'ikev2') return explicit<1 | 2>(2, km.raw, at(ctx, km.line));
  if (v === 'ikev1' || v === 'authip') return explicit<1 | 2>(1, km.raw, at(ctx, km.line));
  if (v !== 'default' && v !== '') warn(ctx, `expected KeyModule Default, IKEv1, AuthIP or IKEv2, found "${text(km.value)}"`, km.line);
  return inferred<1 | 2>(1, km.raw, at(ctx, km.line));
}

const AUTH: Array<[RegExp, AuthMethod]> = [
  [/^computerpsk$/i, 'psk'],
  [/^computercert/i, 'certificate'],
  [/^computerkerb$/i, 'kerberos'],
];

function auth(a1: ConsecField | undefined, psk: ConsecField | undefined, ctx: ReadContext): TunnelEnd['auth'] {
  if (!a1) return { method: assumedDefault<AuthMethod>('kerberos', 'Auth1: ComputerKerb') };
  const first = a1.value.split(',')[0].trim();
  const method = AUTH.find(([re]) => re.test(first))?.[1] ?? 'unknown';
  if (method === 'unknown') note(ctx, `Auth1 "${first}" is not compared (expected ComputerPSK, ComputerCert or ComputerKerb)`, a1.line);
  const out: TunnelEnd['auth'] = { method: explicit(method, a1.raw, at(ctx, a1.line)) };
  if (method === 'psk') {
    if (!psk) out.psk = inferred(PSK_UNKNOWN, 'Auth1PSK: (not printed)', at(ctx, a1.line));
    else {
      const secret = psk.value;
      // `<redacted>` (collect-windows.ps1), `***`, and the `<the shared key>` placeholder of a fix
      const masked = secret === '' || /^<[^<>]*>$/.test(secret) || /^\*+$/.test(secret);
      out.psk = explicit(masked ? PSK_UNKNOWN : pskFingerprint(secret), 'Auth1PSK: <redacted>', at(ctx, psk.line));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// phase 2 of a consec rule

function phase2Entry(
  rule: ConsecRule,
  mode: Setting<'tunnel' | 'transport'>,
  local: { cidrs: string[]; complete: boolean },
  remote: { cidrs: string[]; complete: boolean },
  mm: Setting<IkeProposal[]>,
  ctx: ReadContext,
): Phase2 {
  const f = (k: string) => rule.fields.get(k);
  const selectors = (field: ConsecField, s: { cidrs: string[]; complete: boolean }) =>
    s.cidrs.length
      ? s.complete
        ? explicit(s.cidrs, field.raw, at(ctx, field.line))
        : inferred(s.cidrs, field.raw, at(ctx, field.line))
      : inferred(['0.0.0.0/0'], field.raw, at(ctx, field.line));
  const p2: Phase2 = {
    name: rule.name,
    at: at(ctx, rule.line),
    localSelectors: selectors(f('endpoint1')!, local),
    remoteSelectors: selectors(f('endpoint2')!, remote),
    mode,
    ...quickMode(rule, ctx),
    pfsGroups: pfs(f('quickmodepfs'), mm, ctx),
  };
  const proto = f('protocol');
  if (proto) {
    const n = protocolNumber(proto.value);
    if (n === undefined) warn(ctx, `expected Protocol Any, TCP, UDP, ICMPv4, ICMPv6 or 0-255, found "${proto.value}"`, proto.line);
    else p2.ipProtocol = explicit(n, proto.raw, at(ctx, proto.line));
  }
  readPorts(p2, f('port1'), f('port2'), ctx);
  return p2;
}

/** Port1 (the local side's ports, as Endpoint1 is the local side) and Port2. */
function readPorts(p2: Phase2, port1: ConsecField | undefined, port2: ConsecField | undefined, ctx: ReadContext): void {
  for (const [f, side] of [
    [port1, 'localPorts'],
    [port2, 'remotePorts'],
  ] as const) {
    if (!f) continue;
    const r = portRanges(f.value);
    if (r === undefined)
      warn(ctx, `expected ${f.key} Any, a port, a range or a list of them (1701, 5000-5010), found "${f.value}"; any port is assumed`, f.line);
    else p2[side] = explicit(r, f.raw, at(ctx, f.line));
  }
}

function quickMode(rule: ConsecRule, ctx: ReadContext): Pick<Phase2, 'proposals' | 'lifetimeSeconds' | 'lifetimeKilobytes'> {
  const qm = rule.fields.get('quickmodesecmethods');
  if (!qm) {
    warn(
      ctx,
      `rule "${rule.name}" has no QuickModeSecMethods line (expected after MainModeKeyLifetime); the Windows default quick mode proposals are assumed (origin default)`,
      rule.line,
    );
    return {
      proposals: assumedDefault(ADVFIREWALL.qmProposals.map(copyChild), ADVFIREWALL.qmProposalsRaw),
      lifetimeSeconds: byDefault(ADVFIREWALL.qmLifetimeMinutes * 60, `+${ADVFIREWALL.qmLifetimeMinutes}min`, 'minutes'),
      lifetimeKilobytes: byDefault(ADVFIREWALL.qmLifetimeKilobytes, `+${ADVFIREWALL.qmLifetimeKilobytes}kb`, 'kilobytes'),
    };
  }
  return quickModeFrom(qm, rule.name, ctx);
}

/** A QuickModeSecMethods line (or a typed `qmsecmethods=`): proposals, and the first proposal's lifetimes. */
function quickModeFrom(qm: ConsecField, ruleName: string, ctx: ReadContext): Pick<Phase2, 'proposals' | 'lifetimeSeconds' | 'lifetimeKilobytes'> {
  const rule = { name: ruleName };
  const items = quickModeProposals(qm.value, { n: qm.line, text: qm.raw }, ctx, rule.name);
  const proposals = items.flatMap((q) => (q.proposal ? [q.proposal] : []));
  if (!proposals.length) warn(ctx, `rule "${rule.name}": none of its quick mode proposals is an ESP or AH proposal`, qm.line);
  const first = items[0];
  const where = at(ctx, qm.line);
  if (new Set(items.map((q) => `${q.minutes}/${q.kilobytes}`)).size > 1) {
    note(
      ctx,
      `rule "${rule.name}": its quick mode proposals carry different lifetimes; the first proposal's (${first.minutesRaw ?? 'default'}, ${first.kilobytesRaw ?? 'default'}) is compared`,
      qm.line,
    );
  }
  return {
    proposals: explicit(proposals, qm.raw, where),
    lifetimeSeconds:
      first.minutes !== undefined
        ? explicit(first.minutes * 60, first.minutesRaw!, where, 'minutes')
        : byDefault(ADVFIREWALL.qmLifetimeMinutes * 60, `+${ADVFIREWALL.qmLifetimeMinutes}min`, 'minutes'),
    lifetimeKilobytes:
      first.kilobytes !== undefined
        ? explicit(first.kilobytes, first.kilobytesRaw!, where, 'kilobytes')
        : byDefault(ADVFIREWALL.qmLifetimeKilobytes, `+${ADVFIREWALL.qmLifetimeKilobytes}kb`, 'kilobytes'),
  };
}

/** `QuickModePFS: None | DHGroup2 | DHGroup14 | ECDHP256 | MainMode …` → accepted groups. */
function pfs(f: ConsecField | undefined, mm: Setting<IkeProposal[]>, ctx: ReadContext): Setting<number[]> {
  if (!f) return assumedDefault([0], ADVFIREWALL.pfsRaw);
  const v = f.value.replace(/\s+/g, '');
  if (/^none$/i.test(v)) return explicit([0], f.raw, at(ctx, f.line));
  if (/^mainmode$/i.test(v)) return inferred(mainModeGroups(mm), f.raw, at(ctx, f.line));
  const g = netshDh(v);
  if (g === undefined) {
    warn(
      ctx,
      `expected QuickModePFS None, DHGroup1, DHGroup2, DHGroup14, DHGroup24, ECDHP256, ECDHP384 or MainMode, found "${v}"; PFS is not compared for this rule`,
      f.line,
    );
    return inferred([0], f.raw, at(ctx, f.line));
  }
  return explicit([g], f.raw, at(ctx, f.line));
}

function mainModeGroups(mm: Setting<IkeProposal[]>): number[] {
  return [...new Set(mm.value.flatMap((p) => p.dhGroups))];
}

// ---------------------------------------------------------------------------------------------
// a Get-NetIPsecRule with no netsh counterpart

function netIPsecTunnel(ps: NetIPsecRule, m: Machine, qmSets: QuickModeSet[], ctx: ReadContext): TunnelEnd {
  const where = at(ctx, ps.line);
  const fMode = ps.field('Mode');
  // ConvertTo-Json numbers: 2 Tunnel; Transport is 1 in the MSFT_NetConSecRule reference and 3 in
  // NetSecurity's NetIPsecRule CDXML — both are read as transport
  const modeText = typeof fMode?.value === 'number' ? ({ 1: 'transport', 2: 'tunnel', 3: 'transport' }[fMode.value] ?? '') : text(fMode?.value).toLowerCase();
  const mode: Setting<'tunnel' | 'transport'> =
    fMode && (modeText === 'tunnel' || modeText === 'transport')
      ? explicit(modeText, fMode.raw, at(ctx, fMode.line))
      : byDefault('transport', 'Mode : Transport');
  const lte = ps.field('LocalTunnelEndpoint');
  const rte = ps.field('RemoteTunnelEndpoint');
  const remoteIp = rte ? addresses(rte.value).find((a) => !/^any$/i.test(a)) : undefined;
  const localIp = lte ? addresses(lte.value).find((a) => !/^any$/i.test(a)) : undefined;
  const sel = (name: string): Setting<string[]> => {
    const f = ps.field(name);
    if (!f) return byDefault(['0.0.0.0/0'], `${name} : Any`);
    const items = addresses(f.value);
    const cidrs = items.flatMap((a) => addressItem(a) ?? []);
    const unread = items.filter((a) => !addressItem(a));
    if (unread.length)
      warn(
        ctx,
        `Get-NetIPsecRule "${ps.name}": ${name} ${unread.join(', ')} is a keyword or name Windows resolves at run time; the addresses behind it are not in this output`,
        f.line,
      );
    if (cidrs.length) return unread.length ? inferred([...new Set(cidrs)], f.raw, at(ctx, f.line)) : explicit([...new Set(cidrs)], f.raw, at(ctx, f.line));
    return byDefault(['0.0.0.0/0'], `${name} : Any`);
  };
  if (!ps.field('LocalAddress') || !ps.field('RemoteAddress')) {
    warn(
      ctx,
      `Get-NetIPsecRule "${ps.name}": Format-List does not show the rule's addresses; expected LocalAddress/RemoteAddress (Get-NetFirewallAddressFilter -AssociatedNetIPsecRule) — any ↔ any is assumed (origin default)`,
      ps.line,
    );
  }
  const qmRef = text(ps.field('QuickModeCryptoSet')?.value);
  const qm = qmSets.find((s) => qmRef !== '' && setMatches(s.names, qmRef)) ?? (qmRef === '' || qmRef === DEFAULT_QM_SET ? m.qmDefault : undefined);
  if (qmRef !== '' && !qm && qmRef !== DEFAULT_QM_SET)
    warn(
      ctx,
      `Get-NetIPsecRule "${ps.name}" uses quick mode crypto set ${qmRef}, which is not in this transcript (expected its Get-NetIPsecQuickModeCryptoSet output); Windows defaults are assumed`,
      ps.field('QuickModeCryptoSet')!.line,
    );
  const p1 = ps.field('Phase1AuthSet');
  const p1Ref = text(p1?.value);
  const authMethod: Setting<AuthMethod> =
    p1Ref === '' || p1Ref === DEFAULT_P1_AUTH_SET
      ? assumedDefault<AuthMethod>('kerberos', 'Phase1AuthSet : default (ComputerKerb)')
      : inferred<AuthMethod>('unknown', p1!.raw, at(ctx, p1!.line));
  if (authMethod.value === 'unknown')
    note(
      ctx,
      `Get-NetIPsecRule "${ps.name}": authentication set ${p1Ref} is not read (Get-NetIPsecPhase1AuthSet is not one of the collected commands)`,
      p1!.line,
    );
  const pfsGroups = qm?.pfs ? resolvePfs(qm.pfs, m.mmProposals) : assumedDefault([0], 'PerfectForwardSecrecyGroup : None');
  const enabled = ps.field('Enabled');
  const ikeVersion = keyModule(ps.field('KeyModule'), ctx);
  const tunnel: TunnelEnd = {
    name: ps.name,
    at: where,
    // True / False (Format-List), 1 / 2 in ConvertTo-Json (NetSecurity.Enabled: True=1, False=2)
    enabled: enabled ? !(/^false$/i.test(text(enabled.value)) || enabled.value === 2 || enabled.value === false) : true,
    remoteGateway: remoteIp && rte ? explicit(remoteIp, rte.raw, at(ctx, rte.line)) : byDefault('any', 'RemoteTunnelEndpoint : Any'),
    ikeVersion,
    auth: { method: authMethod },
    phase1: {
      proposals: m.mmProposals,
      lifetimeSeconds: m.mmLifetime,
      ...(ikeVersion.value === 1 ? { exchangeMode: assumedDefault<'main' | 'aggressive'>('main', 'Main Mode') } : {}),
    },
    natt: { mode: m.natt },
    dpd: { mode: byDefault('off', 'no DPD setting in Windows IPsec policy') },
    phase2: [
      {
        name: ps.name,
        at: where,
        localSelectors: sel('LocalAddress'),
        remoteSelectors: sel('RemoteAddress'),
        mode,
        proposals: qm?.proposals ?? assumedDefault(ADVFIREWALL.qmProposals.map(copyChild), ADVFIREWALL.qmProposalsRaw),
        pfsGroups,
        lifetimeSeconds: qm?.lifetime ?? byDefault(ADVFIREWALL.qmLifetimeMinutes * 60, 'MaxMinutes : 60', 'minutes'),
        lifetimeKilobytes: qm?.kilobytes ?? byDefault(ADVFIREWALL.qmLifetimeKilobytes, 'MaxKiloBytes : 100000', 'kilobytes'),
      },
    ],
  };
  if (localIp && lte) tunnel.localGateway = explicit(localIp, lte.raw, at(ctx, lte.line));
  if (ps.overrides.size) applyOverrides(tunnel, ps, m, ctx);
  return tunnel;
}

/**
 * netsh `consec set rule name=<DisplayName> new …` typed after a rule only the cmdlets showed:
 * the typed values replace what Get-NetIPsecRule and its crypto set said.
 */
function applyOverrides(t: TunnelEnd, ps: NetIPsecRule, m: Machine, ctx: ReadContext): void {
  const o = (k: string) => ps.overrides.get(k);
  const p2 = t.phase2[0];
  const mode = o('mode');
  if (mode) p2.mode = modeSetting(mode, ctx);
  const qm = o('quickmodesecmethods');
  if (qm) Object.assign(p2, quickModeFrom(qm, ps.name, ctx));
  const qpfs = o('quickmodepfs');
  if (qpfs) p2.pfsGroups = pfs(qpfs, m.mmProposals, ctx);
  for (const [key, side] of [
    ['endpoint1', 'localSelectors'],
    ['endpoint2', 'remoteSelectors'],
  ] as const) {
    const f = o(key);
    if (!f) continue;
    const sel = endpointSelectors(f, ctx, ps.name);
    p2[side] = sel.cidrs.length
      ? sel.complete
        ? explicit(sel.cidrs, f.raw, at(ctx, f.line))
        : inferred(sel.cidrs, f.raw, at(ctx, f.line))
      : inferred(['0.0.0.0/0'], f.raw, at(ctx, f.line));
  }
  const rte = o('remotetunnelendpoint');
  if (rte) t.remoteGateway = explicit(firstAddress(rte.value) ?? 'any', rte.raw, at(ctx, rte.line));
  const lte = o('localtunnelendpoint');
  const lip = lte && firstAddress(lte.value);
  if (lte && lip) t.localGateway = explicit(lip, lte.raw, at(ctx, lte.line));
  if (o('auth1') || o('auth1psk'))
    t.auth = auth(o('auth1') ?? { key: 'Auth1', value: 'ComputerPSK', line: o('auth1psk')!.line, raw: 'Auth1: ComputerPSK' }, o('auth1psk'), ctx);
  const proto = o('protocol');
  const n = proto && protocolNumber(proto.value);
  if (proto && n !== undefined) p2.ipProtocol = explicit(n, proto.raw, at(ctx, proto.line));
  readPorts(p2, o('port1'), o('port2'), ctx);
  const en = o('enabled');
  if (en) t.enabled = !/^no$/i.test(en.value.trim());
}

function resolvePfs(s: Setting<Array<number | typeof PFS_SAME_AS_MAIN_MODE>>, mm: Setting<IkeProposal[]>): Setting<number[]> {
  if (s.value.includes(PFS_SAME_AS_MAIN_MODE)) return inferred(mainModeGroups(mm), s.raw, s.at);
  return { ...s, value: s.value as number[] };
}
