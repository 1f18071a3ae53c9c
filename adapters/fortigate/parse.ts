/**
 * FortiOS configuration text → Device. scan.ts finds the entries of the wanted tables; this file
 * reads their values: phase1(-interface) → TunnelEnd, phase2(-interface) → Phase2 (linked by
 * `set phase1name`), `config system interface` → interfaces and the local gateway, address
 * objects → selectors. What `show` leaves out is filled with the FortiOS default (defaults.ts).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ParseError } from '../../src/model/errors.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { assumedDefault, byDefault, explicit, inferred } from '../../src/model/setting.js';
import type {
  AuthMethod,
  ChildProposal,
  Device,
  Diagnostic,
  DpdMode,
  FieldUnit,
  IkeProposal,
  InterfaceAddress,
  NattMode,
  Phase2,
  Setting,
  SourceRef,
  TunnelEnd,
} from '../../src/model/types.js';
import { childProposalFromToken, dhGroups, ikeProposalFromToken, type TokenResult } from './crypto.js';
import { type Default, type FortiOSDefaults, fortiosDefaults, RANGES, releaseOf } from './defaults.js';
import { scan, type Entry, type SetLine } from './scan.js';
import { fortigateLocalIdentity, fortigatePeerIdentity } from './identity.js';
import { deadPeerAction } from './recovery.js';
import { dottedPrefix } from '../../src/model/net.js';
import { addressBooks, lazyAddressBook, selectorSetting, type AddressBook } from './selectors.js';

export const VENDOR = 'fortigate';

/** Where a tunnel lives on the device, for fixes (the normalized model has no place for it). */
export interface TunnelLocation {
  vdom: string;
  /** the device has several VDOMs: a fix must enter `config vdom` / `edit <vdom>` first */
  multiVdom: boolean;
  /** route-based (`phase1-interface`) or policy-based (`phase1`) */
  mode: 'interface' | 'policy';
  /** the phase1 name as FortiOS knows it (TunnelEnd.name may carry a `vdom/` prefix) */
  phase1: string;
}

/** The location as plain strings in the model's `vendorRefs`, so it survives JSON and worker threads. */
export function locationRefs(l: TunnelLocation): Record<string, string> {
  return { vdom: l.vdom, multiVdom: l.multiVdom ? 'yes' : 'no', mode: l.mode, phase1: l.phase1 };
}

/** The location parse recorded, or undefined for a Device built without it. */
export function locationOf(t: TunnelEnd): TunnelLocation | undefined {
  const r = t.vendorRefs;
  if (!r || r.vdom === undefined || r.phase1 === undefined || (r.mode !== 'interface' && r.mode !== 'policy')) return undefined;
  return { vdom: r.vdom, multiVdom: r.multiVdom === 'yes', mode: r.mode, phase1: r.phase1 };
}

type Ref = (f: SetLine) => SourceRef;

/** A default as a Setting: marked `assumed` when no source confirms it for the file's release. */
function dflt<T>(d: Default<unknown>, value: T, raw: string, unit?: FieldUnit): Setting<T> {
  return d.assumed ? assumedDefault(value, raw, unit) : byDefault(value, raw, unit);
}

/** `${var}` (Terraform) or `<NAME>` (guides): a template, not a device value. */
function isPlaceholder(v: string): boolean {
  return /^\$\{[^}]*\}$/.test(v) || /^<[^<>]+>$/.test(v);
}

// --- value readers -----------------------------------------------------------------------------

function wholeNumber(file: string, f: SetLine, range: readonly [number, number], what: string): number {
  const text = f.values[0] ?? '';
  const n = /^\d+$/.test(text) && f.values.length === 1 ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < range[0] || n > range[1]) {
    throw new ParseError(file, f.line, `expected ${f.key} as ${what} from ${range[0]} to ${range[1]}, found '${f.values.join(' ')}'`);
  }
  return n;
}

function oneOf<T>(file: string, f: SetLine, choices: Record<string, T>): T {
  const v = f.values[0] ?? '';
  if (f.values.length !== 1 || !Object.hasOwn(choices, v)) {
    throw new ParseError(file, f.line, `expected ${f.key} ${Object.keys(choices).join('|')}, found '${f.values.join(' ')}'`);
  }
  return choices[v];
}

/** A number setting: explicit from its line (validated against the FortiOS range) or the default. */
function numberSetting(
  file: string,
  ref: Ref,
  e: Entry,
  key: keyof typeof RANGES,
  def: Default<number>,
  unit: FieldUnit | undefined,
  what: string,
): Setting<number> {
  const f = e.fields.get(key);
  if (!f) return dflt(def, def.value, `set ${key} ${def.value}`, unit);
  return explicit(wholeNumber(file, f, RANGES[key], what), f.raw, ref(f), unit);
}

/**
 * Same as numberSetting for ranges not confirmed in a Fortinet parameter table: a value outside
 * the assumed range is kept and flagged rather than refused.
 */
function looseNumberSetting(
  file: string,
  ref: Ref,
  e: Entry,
  key: keyof typeof RANGES,
  def: Default<number>,
  unit: FieldUnit | undefined,
  diagnostics: Diagnostic[],
): Setting<number> {
  const f = e.fields.get(key);
  if (!f) return dflt(def, def.value, `set ${key} ${def.value}`, unit);
  const text = f.values[0] ?? '';
  if (!/^\d+$/.test(text)) throw new ParseError(file, f.line, `expected ${key} as a whole number, found '${f.values.join(' ')}'`);
  const n = Number(text);
  const [lo, hi] = RANGES[key];
  if (n < lo || n > hi) diagnostics.push({ level: 'warning', message: `${key} ${n} is outside ${lo}–${hi}`, at: ref(f) });
  if (f.values.length > 1) diagnostics.push({ level: 'info', message: `${key}: only the first value (${n}) is read`, at: ref(f) });
  return explicit(n, f.raw, ref(f), unit);
}

function enumSetting<T>(file: string, ref: Ref, e: Entry, key: string, choices: Record<string, T>, def: Default<string>): Setting<T> {
  const f = e.fields.get(key);
  if (!f) return dflt(def, choices[def.value], `set ${key} ${def.value}`);
  return explicit(oneOf(file, f, choices), f.raw, ref(f));
}

/** Every token a proposal; unknown tokens are reported, and none readable is an error. */
function tokens<T>(file: string, f: SetLine, read: (t: string) => TokenResult<T>, diagnostics: Diagnostic[], ref: Ref): T[] {
  const out: T[] = [];
  for (const t of f.values) {
    const r = read(t);
    if (r.ok) out.push(r.value);
    else diagnostics.push({ level: 'warning', message: `unknown ${f.key} token '${t}' ignored`, at: ref(f) });
  }
  if (!out.length) throw new ParseError(file, f.line, `expected ${f.key} tokens such as aes256-sha256 or aes256gcm, found '${f.values.join(' ')}'`);
  return out;
}

function dhSetting(file: string, e: Entry, def: Default<string>): { groups: number[]; raw: string; line?: SetLine; assumed?: boolean } {
  const f = e.fields.get('dhgrp');
  if (!f) {
    return { groups: def.value.split(' ').map(Number), raw: `set dhgrp ${def.value}`, assumed: def.assumed };
  }
  const r = dhGroups(f.values);
  if (!r.ok) throw new ParseError(file, f.line, `expected dhgrp as DH group numbers (1 2 5 14 … 32), found '${r.token || f.values.join(' ')}'`);
  return { groups: r.value, raw: f.raw, line: f };
}

// --- interfaces --------------------------------------------------------------------------------

function interfaceAddress(e: Entry, file: string, diagnostics: Diagnostic[]): InterfaceAddress | undefined {
  const f = e.fields.get('ip');
  if (!f) return undefined;
  const [addr, mask] = f.values;
  const at = { file, line: f.line };
  if (addr === undefined) return undefined;
  if (isPlaceholder(addr)) {
    diagnostics.push({ level: 'warning', message: `interface "${e.name}": ip is a template placeholder, not an address`, at });
    return undefined;
  }
  const slash = addr.indexOf('/');
  const ip = slash < 0 ? addr : addr.slice(0, slash);
  const prefix = slash < 0 ? (mask === undefined ? 32 : dottedPrefix(mask)) : Number(addr.slice(slash + 1));
  if (!isIPv4(ip) || prefix === undefined || !Number.isInteger(prefix) || prefix > 32) {
    diagnostics.push({ level: 'warning', message: `interface "${e.name}": expected ip as an address and netmask, found '${f.values.join(' ')}'`, at });
    return undefined;
  }
  if (ip === '0.0.0.0') return undefined; // DHCP/PPPoE or unnumbered: no static address
  return { name: e.name, address: ip, prefixLength: prefix, at };
}

// --- phase 1 -----------------------------------------------------------------------------------

interface BuildContext {
  file: string;
  ref: Ref;
  interfaces: Map<string, InterfaceAddress>;
  /** `config system interface` entries by name (a route-based tunnel has one under its own name) */
  interfaceEntries: Map<string, Entry>;
  diagnostics: Diagnostic[];
  /** the defaults of the file's FortiOS release */
  d: FortiOSDefaults;
  /** the first entry that took a DH group default the release decides (said once, when the release is unknown) */
  releaseDependent?: SourceRef;
}

/** Remember an entry that relies on a release-dependent default (DH groups). */
function usedReleaseDefault(c: BuildContext, e: Entry, dh: { line?: SetLine }): void {
  if (!dh.line && !c.d.release) c.releaseDependent ??= { file: c.file, line: e.line };
}

function remoteGateway(c: BuildContext, p1: Entry): Setting<string> {
  const { file, ref, diagnostics } = c;
  const typeF = p1.fields.get('type');
  const type = typeF ? oneOf(file, typeF, { static: 'static', dynamic: 'dynamic', ddns: 'ddns' } as const) : 'static';
  if (type === 'dynamic') return inferred('any', typeF!.raw, ref(typeF!)); // dial-up server: any peer
  if (type === 'ddns') {
    const f = p1.fields.get('remotegw-ddns');
    if (!f?.values[0]) throw new ParseError(file, typeF!.line, `expected remotegw-ddns for type ddns in phase1 "${p1.name}"`);
    return explicit(f.values[0], f.raw, ref(f));
  }
  const v6 = p1.fields.get('ip-version')?.values[0] === '6';
  const key = v6 ? 'remote-gw6' : 'remote-gw';
  const f = p1.fields.get(key);
  if (!f) {
    diagnostics.push({
      level: 'warning',
      message: `phase1 "${p1.name}" is a static tunnel without ${key}: the peer address is 0.0.0.0`,
      at: { file, line: p1.line },
    });
    return byDefault(v6 ? '::' : '0.0.0.0', `set ${key} ${v6 ? '::' : '0.0.0.0'}`);
  }
  const v = f.values[0] ?? '';
  if (isPlaceholder(v)) {
    diagnostics.push({ level: 'warning', message: `phase1 "${p1.name}": ${key} is a template placeholder, not an address`, at: ref(f) });
    return explicit(v, f.raw, ref(f));
  }
  if (!(v6 ? isIPv6(v) : isIPv4(v))) throw new ParseError(file, f.line, `expected ${key} as an IPv${v6 ? 6 : 4} address, found '${f.values.join(' ')}'`);
  return explicit(v, f.raw, ref(f));
}

function localGateway(c: BuildContext, p1: Entry): Setting<string> | undefined {
  const v6 = p1.fields.get('ip-version')?.values[0] === '6';
  const gw = p1.fields.get(v6 ? 'local-gw6' : 'local-gw');
  const v = gw?.values[0];
  if (gw && v && v !== '0.0.0.0' && v !== '::') return explicit(v, gw.raw, c.ref(gw));
  const itf = p1.fields.get('interface');
  const name = itf?.values[0];
  if (!itf || !name) return undefined;
  const addr = v6 ? undefined : c.interfaces.get(name);
  // the interface's address when the file has it; else the interface name (DHCP, or not in this output)
  return inferred(addr?.address ?? name, itf.raw, c.ref(itf));
}

function authMethod(c: BuildContext, p1: Entry): Setting<AuthMethod> {
  const { file, ref } = c;
  const f = p1.fields.get('authmethod');
  const base = f ? oneOf(file, f, { psk: 'psk', signature: 'certificate' } as const) : 'psk';
  const xauth = p1.fields.get('xauthtype');
  const eap = p1.fields.get('eap');
  if (eap?.values[0] === 'enable') return explicit('eap', eap.raw, ref(eap));
  if (xauth && xauth.values[0] !== 'disable') {
    return explicit(base === 'psk' ? 'xauth-psk' : 'xauth-certificate', [f?.raw ?? `set authmethod psk`, xauth.raw].join('; '), ref(xauth));
  }
  return f ? explicit(base, f.raw, ref(f)) : dflt(c.d.phase1.authmethod, base, `set authmethod ${c.d.phase1.authmethod.value}`);
}

/** The PSK as a fingerprint; the secret never leaves this function (raw says `<redacted>`). */
function pskSetting(c: BuildContext, p1: Entry): Setting<string> | undefined {
  const f = p1.fields.get('psksecret');
  if (!f) return undefined;
  const at = c.ref(f);
  const first = f.values[0];
  if (first === 'ENC') return explicit(PSK_UNKNOWN, 'set psksecret ENC <redacted>', at);
  const raw = 'set psksecret <redacted>';
  if (first === undefined || first === '') {
    c.diagnostics.push({ level: 'warning', message: `phase1 "${p1.name}": psksecret has no readable value`, at });
    return explicit(PSK_UNKNOWN, raw, at);
  }
  if (/^\*+$/.test(first)) return explicit(PSK_UNKNOWN, raw, at);
  if (isPlaceholder(first)) {
    c.diagnostics.push({ level: 'warning', message: `phase1 "${p1.name}": psksecret is a template placeholder, not a key`, at });
    return explicit(PSK_UNKNOWN, raw, at);
  }
  return explicit(pskFingerprint(f.values.join(' ')), raw, at);
}

function idSetting(c: BuildContext, p1: Entry, key: string): Setting<string> | undefined {
  const f = p1.fields.get(key);
  const v = f?.values[0];
  return f && v ? explicit(v, f.raw, c.ref(f)) : undefined;
}

function phase1Proposals(c: BuildContext, p1: Entry): Setting<IkeProposal[]> {
  const { file, ref, diagnostics } = c;
  const { d } = c;
  const dh = dhSetting(file, p1, d.phase1.dhgrp);
  usedReleaseDefault(c, p1, dh);
  const f = p1.fields.get('proposal');
  const list = f
    ? tokens(file, f, (t) => ikeProposalFromToken(t, dh.groups), diagnostics, ref)
    : d.phase1.proposal.value.split(' ').map((t) => (ikeProposalFromToken(t, dh.groups) as { value: IkeProposal }).value);
  const raw = `${f?.raw ?? `set proposal ${d.phase1.proposal.value}`}; ${dh.raw}`;
  const line = f ?? dh.line;
  const s = line ? explicit(list, raw, ref(line)) : dflt(d.phase1.proposal, list, raw);
  // the proposal is written but its DH groups are the release's default, which the file cannot confirm
  if (line && dh.assumed) s.assumed = true;
  return s;
}

/**
 * `set status disable` on the phase1 when present; a route-based tunnel is also switched off by
 * `set status down` on its tunnel interface (the usual way in the GUI).
 */
function isEnabled(c: BuildContext, p1: Entry): boolean {
  const status = p1.fields.get('status');
  if (status) return oneOf(c.file, status, { enable: true, disable: false });
  if (p1.table !== 'vpn ipsec phase1-interface') return true;
  const down = c.interfaceEntries.get(p1.name)?.fields.get('status');
  if (down?.values[0] === 'down') {
    c.diagnostics.push({ level: 'info', message: `tunnel "${p1.name}" is disabled: its interface is set down`, at: c.ref(down) });
    return false;
  }
  return true;
}

function tunnelFrom(c: BuildContext, p1: Entry, displayName: string): TunnelEnd {
  const { file, ref, diagnostics } = c;
  const ikeVersion = enumSetting(file, ref, p1, 'ike-version', { '1': 1, '2': 2 } as const, c.d.phase1['ike-version']);
  const v1 = ikeVersion.value === 1;
  const typeF = p1.fields.get('type');
  const nattMode = enumSetting<NattMode>(file, ref, p1, 'nattraversal', { enable: 'auto', disable: 'disabled', forced: 'forced' }, c.d.phase1.nattraversal);
  // `enable` is the FortiOS 5.x spelling (a real 5.x `show full-configuration` prints `set dpd enable`)
  const dpdMode = enumSetting<DpdMode>(
    file,
    ref,
    p1,
    'dpd',
    { disable: 'off', 'on-idle': 'periodic', 'on-demand': 'on-demand', enable: 'periodic' },
    c.d.phase1.dpd,
  );
  const dpdF = p1.fields.get('dpd');
  if (dpdF?.values[0] === 'enable')
    diagnostics.push({
      level: 'info',
      message: `phase1 "${p1.name}": "set dpd enable" (FortiOS 5.x) is read as on-idle, probing an idle tunnel (assumed: later releases print on-idle or on-demand)`,
      at: ref(dpdF),
    });
  const psk = pskSetting(c, p1);
  const localId = idSetting(c, p1, 'localid');
  const remoteId = idSetting(c, p1, 'peerid');
  const local = localGateway(c, p1);

  const method = authMethod(c, p1);
  const v1MainMode = v1 && (p1.fields.get('mode')?.values[0] ?? c.d.phase1.mode.value) !== 'aggressive';
  const localIdentity = fortigateLocalIdentity(p1, ref, method.value, local);
  const peerIdentity = fortigatePeerIdentity(p1, ref, method.value, v1MainMode);

  const tunnel: TunnelEnd = {
    name: displayName,
    at: { file, line: p1.line },
    enabled: isEnabled(c, p1),
    ...(local ? { localGateway: local } : {}),
    remoteGateway: remoteGateway(c, p1),
    ikeVersion,
    auth: {
      method,
      ...(psk ? { psk } : {}),
      ...(localId ? { localId } : {}),
      ...(remoteId ? { remoteId } : {}),
      ...(localIdentity ? { localIdentity } : {}),
      ...(peerIdentity ? { peerIdentity } : {}),
    },
    phase1: {
      proposals: phase1Proposals(c, p1),
      lifetimeSeconds: numberSetting(file, ref, p1, 'keylife', c.d.phase1.keylife, 'seconds', 'whole seconds'),
      ...(v1 ? { exchangeMode: enumSetting(file, ref, p1, 'mode', { main: 'main', aggressive: 'aggressive' } as const, c.d.phase1.mode) } : {}),
    },
    natt: {
      mode: nattMode,
      // no keepalives are sent when NAT-T is off, so the setting is left out rather than misreported
      ...(nattMode.value !== 'disabled'
        ? { keepaliveSeconds: looseNumberSetting(file, ref, p1, 'keepalive', c.d.phase1.keepalive, 'seconds', diagnostics) }
        : {}),
    },
    dpd: {
      mode: dpdMode,
      ...(dpdMode.value !== 'off'
        ? {
            delaySeconds: looseNumberSetting(file, ref, p1, 'dpd-retryinterval', c.d.phase1['dpd-retryinterval'], 'seconds', diagnostics),
            retries: looseNumberSetting(file, ref, p1, 'dpd-retrycount', c.d.phase1['dpd-retrycount'], undefined, diagnostics),
          }
        : {}),
    },
    phase2: [],
  };
  if (typeF?.values[0] === 'dynamic') tunnel.initiates = inferred(false, typeF.raw, ref(typeF));
  if (v1) {
    // ASSUMED (README): a FortiGate IKEv1 responder takes the initiator's lifetime; no CLI knob.
    // A real capture (summerice7 IOS pair) shows a FortiGate responder with keylifeseconds 43200
    // running the IOS initiator's 3600: consistent with "accept" (and with "shorter").
    const raw = '(FortiOS IKEv1 responder: accepts the proposed lifetime; not configurable)';
    tunnel.behaviour = { ikev1Phase1Lifetime: assumedDefault('accept', raw), ikev1Phase2Lifetime: assumedDefault('accept', raw) };
  }
  return tunnel;
}

// --- phase 2 -----------------------------------------------------------------------------------

function phase2From(c: BuildContext, p2: Entry, book: AddressBook | undefined): Phase2 {
  const { file, ref, diagnostics } = c;
  const d = c.d.phase2;
  const propF = p2.fields.get('proposal');
  const proposals: Setting<ChildProposal[]> = propF
    ? explicit(tokens(file, propF, childProposalFromToken, diagnostics, ref), propF.raw, ref(propF))
    : dflt(
        d.proposal,
        d.proposal.value.split(' ').map((t) => (childProposalFromToken(t) as { value: ChildProposal }).value),
        `set proposal ${d.proposal.value}`,
      );

  const pfsF = p2.fields.get('pfs');
  const pfs = pfsF ? oneOf(file, pfsF, { enable: true, disable: false }) : d.pfs.value === 'enable';
  let pfsGroups: Setting<number[]>;
  if (!pfs) pfsGroups = pfsF ? explicit([0], pfsF.raw, ref(pfsF)) : dflt(d.pfs, [0], 'set pfs disable');
  else {
    const dh = dhSetting(file, p2, d.dhgrp);
    usedReleaseDefault(c, p2, dh);
    // PFS rests on two defaults when neither line is written: `pfs enable` and the release's `dhgrp`
    const assumed = (!dh.line && dh.assumed === true) || (!pfsF && d.pfs.assumed);
    pfsGroups = dh.line ? explicit(dh.groups, dh.raw, ref(dh.line)) : byDefault(dh.groups, dh.raw);
    if (assumed) pfsGroups.assumed = true;
  }

  const typeF = p2.fields.get('keylife-type');
  const type = typeF ? oneOf(file, typeF, { seconds: 'seconds', kbs: 'kbs', both: 'both' } as const) : d['keylife-type'].value;
  const seconds = numberSetting(file, ref, p2, 'keylifeseconds', d.keylifeseconds, 'seconds', 'whole seconds');
  const kbs = numberSetting(file, ref, p2, 'keylifekbs', d.keylifekbs, 'kilobytes', 'whole kilobytes');
  // keylife-type decides which limits count: the other value may be printed but is not used
  const typeSetting = (value: number, unit: FieldUnit): Setting<number> =>
    typeF ? explicit(value, typeF.raw, ref(typeF), unit) : dflt(d['keylife-type'], value, `set keylife-type ${d['keylife-type'].value}`, unit);
  const lifetimeSeconds = type === 'kbs' ? typeSetting(0, 'seconds') : seconds;
  const lifetimeKilobytes = type === 'seconds' ? typeSetting(0, 'kilobytes') : kbs;

  const out: Phase2 = {
    name: p2.name,
    at: { file, line: p2.line },
    localSelectors: selectorSetting(p2, 'src', book, file, diagnostics),
    remoteSelectors: selectorSetting(p2, 'dst', book, file, diagnostics),
    ipProtocol: numberSetting(file, ref, p2, 'protocol', d.protocol, undefined, 'an IP protocol number'),
    mode: enumSetting(file, ref, p2, 'encapsulation', { 'tunnel-mode': 'tunnel', 'transport-mode': 'transport' } as const, d.encapsulation),
    proposals,
    pfsGroups,
    lifetimeSeconds,
    lifetimeKilobytes,
  };
  // `set src-port N` / `set dst-port N`: one port (0, the default, = any)
  for (const [key, field] of [
    ['src-port', 'localPorts'],
    ['dst-port', 'remotePorts'],
  ] as const) {
    const f = p2.fields.get(key);
    if (!f) continue;
    const n = wholeNumber(file, f, RANGES[key], 'a port number');
    if (n !== 0) out[field] = explicit([{ from: n, to: n }], f.raw, ref(f));
  }
  return out;
}

// --- the device --------------------------------------------------------------------------------

function firstContentLine(text: string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() !== '');
  return i < 0 ? 1 : i + 1;
}

const PHASE1_TABLES = { 'vpn ipsec phase1-interface': 'interface', 'vpn ipsec phase1': 'policy' } as const;
const PHASE2_TABLES = { 'vpn ipsec phase2-interface': 'interface', 'vpn ipsec phase2': 'policy' } as const;

export function parseFortiGate(text: string, file: string): Device {
  if (text.trim() === '') {
    throw new ParseError(file, 1, 'expected FortiOS configuration text (config … / edit … / set … / next / end), found an empty file');
  }
  const s = scan(text, file);
  if (s.configBlocks === 0) {
    throw new ParseError(
      file,
      firstContentLine(text),
      "expected FortiOS configuration text (`config …` blocks with edit/set/next/end), found none: is this another vendor's file?",
    );
  }
  const diagnostics: Diagnostic[] = [...s.diagnostics];
  const ref: Ref = (f) => ({ file, line: f.line });

  const interfaces: InterfaceAddress[] = [];
  const interfaceEntries = new Map<string, Entry>();
  for (const e of s.kept) {
    if (e.table !== 'system interface') continue;
    interfaceEntries.set(e.name, e);
    const a = interfaceAddress(e, file, diagnostics);
    if (a) interfaces.push(a);
  }
  const release = releaseOf(s.configVersion);
  const c: BuildContext = {
    file,
    ref,
    interfaces: new Map(interfaces.map((i) => [i.name, i])),
    interfaceEntries,
    diagnostics,
    d: fortiosDefaults(release),
  };
  // address objects are looked at only when a phase 2 names one (most name none): s.entries is
  // read, and the address entries made, only then
  let books: Map<string, AddressBook> | undefined;
  const booksNow = () => {
    books ??= addressBooks(s.entries);
    return books;
  };
  const multiVdom = s.vdoms.length > 1;

  const tunnels: TunnelEnd[] = [];
  const byPhase1 = new Map<string, TunnelEnd>();
  const p2Entries = new Map<TunnelEnd, Entry[]>();
  for (const e of s.kept) {
    const mode = (PHASE1_TABLES as Record<string, 'interface' | 'policy'>)[e.table];
    if (!mode) continue;
    const t = tunnelFrom(c, e, multiVdom ? `${e.vdom}/${e.name}` : e.name);
    tunnels.push(t);
    byPhase1.set(`${e.vdom}\u0000${mode}\u0000${e.name}`, t);
    t.vendorRefs = locationRefs({ vdom: e.vdom, multiVdom, mode, phase1: e.name });
  }

  for (const e of s.kept) {
    const mode = (PHASE2_TABLES as Record<string, 'interface' | 'policy'>)[e.table];
    if (!mode) continue;
    const what = `${e.table.slice(10)} "${e.name}" (line ${e.line})`;
    const link = e.fields.get('phase1name');
    if (!link?.values[0]) {
      diagnostics.push({ level: 'warning', message: `${what} has no phase1name: it belongs to no tunnel`, at: { file, line: e.line } });
      continue;
    }
    const t = byPhase1.get(`${e.vdom}\u0000${mode}\u0000${link.values[0]}`);
    if (!t) {
      const p1table = mode === 'interface' ? 'phase1-interface' : 'phase1';
      diagnostics.push({
        level: 'warning',
        message: `${what}: phase1name "${link.values[0]}" (line ${link.line}) is not defined in config vpn ipsec ${p1table}${multiVdom ? ` of VDOM ${e.vdom}` : ''}`,
        at: ref(link),
      });
      continue;
    }
    t.phase2.push(phase2From(c, e, lazyAddressBook(booksNow, e.vdom)));
    p2Entries.set(t, [...(p2Entries.get(t) ?? []), e]);
  }
  for (const t of tunnels) {
    const action = deadPeerAction(t, p2Entries.get(t) ?? [], ref);
    if (action) t.dpd.action = action;
  }
  if (c.releaseDependent)
    diagnostics.push({
      level: 'info',
      message:
        'the file does not name its FortiOS release (a backup starts with #config-version=…): a phase1 or phase2 without "set dhgrp" is read with the default of FortiOS 5.6–7.4, 14 5 (7.6 uses 20), marked assumed',
      at: c.releaseDependent,
    });
  for (const t of tunnels) {
    if (t.phase2.length === 0) diagnostics.push({ level: 'info', message: `phase1 "${t.name}" has no phase2: no traffic can use it`, at: t.at });
  }

  const hostname = s.kept.find((e) => e.table === 'system global')?.fields.get('hostname')?.values[0];
  return {
    vendor: VENDOR,
    ...(hostname ? { hostname } : {}),
    origin: file,
    interfaces,
    tunnels,
    diagnostics,
  };
}
