/**
 * Legacy ipsec.conf (+ ipsec.secrets) → Device, following ipsec.conf(5) and the starter/stroke
 * code that hands it to charon:
 *
 * - sections start at column 0 (`config setup`, `conn NAME`, `ca NAME`); parameters are indented
 *   `key=value` lines; `#` after whitespace starts a comment; `include FILE` splices a file in;
 * - a conn's own parameters win over those it pulls in with `also=` (recursively, in order), which
 *   win over `conn %default`; an empty value means the built-in default;
 * - `left` is local by convention (strongSwan decides by matching local interface addresses, which
 *   a file cannot show); the one exception we can see: `right=%defaultroute` makes right local;
 * - conns with identical IKE settings share one IKE_SA in charon, so they become one tunnel end
 *   with one phase 2 entry per conn.
 */
import { ParseError } from '../../src/model/errors.js';
import { PSK_UNKNOWN } from '../../src/model/secrets.js';
import { answersBothVersions, byDefault, explicit, inferred } from '../../src/model/setting.js';
import type {
  AuthMethod,
  ChildProposal,
  DeadPeerAction,
  Device,
  DpdMode,
  IkeProposal,
  IkeRenewal,
  NattMode,
  Phase2,
  Setting,
  SourceRef,
  TunnelEnd,
} from '../../src/model/types.js';
import {
  DEFAULTS,
  bytesToKilobytesOrThrow,
  commaList,
  findSharedKey,
  fingerprintSecret,
  firstConcreteAddress,
  hasGlob,
  hostSelector,
  isAnyAddress,
  matchIncludes,
  parseSelectors,
  resolveIncludePath,
  timeOrThrow,
  yesNo,
  type SharedKey,
  type Diags,
} from './common.js';
import { note, warn } from '../../src/model/diagnostics.js';
import {
  defaultChildProposals,
  defaultIkeProposals,
  pfsGroupsOf,
  readChildProposals,
  readIkeProposals,
  stripChildToIkev1,
  stripToIkev1,
  type ParsedChild,
} from './proposals.js';
import { authMethodOf } from './swanctl.js';
import { ipsecConfTiming } from './timing.js';
import { strongswanId, swanLocalIdentity, swanPeerIdentity } from './identity.js';

// --- lines and includes -----------------------------------------------------------------------

interface Line {
  text: string;
  at: SourceRef;
}

interface IncludeNote {
  pattern: string;
  resolved: string;
  at: SourceRef;
  matched?: string[];
}

const MAX_INCLUDE_DEPTH = 10;

/** Drop a `#` comment (at line start or after whitespace, outside double quotes). */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

const INCLUDE = /^\s*include\s+(\S+)\s*$/;

/** The file's lines with every `include` replaced by the included files' lines (when provided). */
function expandLines(text: string, file: string, includes: Record<string, string> | undefined, notes: IncludeNote[], stack: string[]): Line[] {
  const out: Line[] = [];
  text.split('\n').forEach((raw, i) => {
    const at = { file, line: i + 1 };
    const m = INCLUDE.exec(stripComment(raw));
    if (!m) {
      out.push({ text: raw.replace(/\r$/, ''), at });
      return;
    }
    const pattern = m[1].replace(/^"(.*)"$/, '$1');
    const note: IncludeNote = { pattern, resolved: resolveIncludePath(pattern, file), at };
    notes.push(note);
    if (!includes) return;
    note.matched = matchIncludes(note.resolved, includes);
    for (const inc of note.matched) {
      if (stack.includes(inc)) throw new ParseError(file, at.line, `include of "${inc}" loops back to a file that includes it`);
      if (stack.length > MAX_INCLUDE_DEPTH) throw new ParseError(file, at.line, `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels`);
      out.push(...expandLines(includes[inc], inc, includes, notes, [...stack, inc]));
    }
  });
  return out;
}

function includeDiagnostics(notes: IncludeNote[], diags: Diags, what: string): void {
  for (const n of notes) {
    if (n.matched === undefined)
      warn(
        diags,
        `include ${n.pattern} was not read (${n.resolved}): ${what} in it are missing; read the included files and pass them to parseIpsecConf`,
        n.at,
      );
    else if (n.matched.length === 0 && !hasGlob(n.resolved)) warn(diags, `included file ${n.resolved} was not provided: ${what} in it are missing`, n.at);
  }
}

/** The include patterns an ipsec.conf or ipsec.secrets names, resolved against its own path. */
export function ipsecIncludePatterns(text: string, file: string): string[] {
  return ipsecIncludeRefs(text, file).map((r) => r.path);
}

/** The same, each with the line of `file` that names it. */
export function ipsecIncludeRefs(text: string, file: string): Array<{ path: string; line: number }> {
  const notes: IncludeNote[] = [];
  expandLines(text, file, undefined, notes, [file]);
  return notes.map((n) => ({ path: n.resolved, line: n.at.line }));
}

// --- sections ---------------------------------------------------------------------------------

interface Param {
  value: string;
  /** `key=value` as written */
  raw: string;
  at: SourceRef;
}

interface Conn {
  name: string;
  at: SourceRef;
  params: Map<string, Param>;
  also: Param[];
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** Parameter synonyms (ipsec.conf(5)), stored under one name so that precedence works across them. */
const SYNONYMS: Record<string, string> = { keylife: 'lifetime', rekeymargin: 'margintime' };

/** Sections of an ipsec.conf; `conn %default` sections are merged into one. */
function readSections(lines: Line[], diags: Diags): { conns: Conn[]; defaults: Conn } {
  const conns: Conn[] = [];
  const defaults: Conn = { name: '%default', at: lines[0]?.at ?? { file: '', line: 1 }, params: new Map(), also: [] };
  let current: Conn | undefined; // undefined inside `config setup` / `ca` (read and ignored)
  let inSection = false;
  for (const line of lines) {
    const text = stripComment(line.text);
    if (text.trim() === '') continue;
    if (!/^\s/.test(text)) {
      const words = text.trim().split(/\s+/);
      const [kind, name] = words;
      if (kind === 'conn' && name && words.length === 2) {
        if (name === '%default') current = defaults;
        else {
          current = { name, at: line.at, params: new Map(), also: [] };
          if (conns.some((c) => c.name === name)) warn(diags, `conn ${name} is defined twice; strongSwan refuses the second`, line.at);
          conns.push(current);
        }
        inSection = true;
        continue;
      }
      if ((kind === 'config' && name === 'setup' && words.length === 2) || (kind === 'ca' && name && words.length === 2)) {
        current = undefined;
        inSection = true;
        continue;
      }
      if (kind === 'version' && words.length === 2) continue; // `version 2.0`, as strongSwan 4 files start
      throw new ParseError(
        line.at.file,
        line.at.line,
        `expected "conn NAME", "config setup", "ca NAME" or "include FILE" at the start of a line, found "${text.trim().slice(0, 60)}"`,
      );
    }
    if (!inSection) throw new ParseError(line.at.file, line.at.line, 'expected a section ("conn NAME" or "config setup") before indented parameters');
    const m = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/.exec(text);
    if (!m) throw new ParseError(line.at.file, line.at.line, `expected parameter=value, found "${text.trim().slice(0, 60)}"`);
    if (!current) continue;
    const [, written, rawValue] = m;
    const key = SYNONYMS[written] ?? written;
    const param: Param = { value: unquote(rawValue), raw: `${written}=${rawValue}`, at: line.at };
    if (key === 'also') {
      if (current === defaults) warn(diags, 'also= is not allowed in conn %default: ignored', line.at);
      else current.also.push(param);
      continue;
    }
    if (current.params.has(key)) note(diags, `conn ${current.name}: ${key} is set twice; the last value is used`, line.at);
    current.params.set(key, param);
  }
  return { conns, defaults };
}

/** Own parameters, then those of `also=` sections (recursively, in order), then %default. */
function effectiveParams(conn: Conn, byName: Map<string, Conn>, defaults: Conn, diags: Diags): Map<string, Param> {
  const out = new Map<string, Param>();
  const visit = (c: Conn, trail: string[]) => {
    for (const [k, v] of c.params) if (!out.has(k)) out.set(k, v);
    for (const ref of c.also) {
      const target = byName.get(ref.value);
      if (!target) {
        warn(diags, `conn ${c.name}: also=${ref.value} names a conn that is not defined: its parameters are missing`, ref.at);
        continue;
      }
      if (trail.includes(target.name)) {
        warn(diags, `conn ${c.name}: also=${ref.value} includes a conn that includes it back: ignored`, ref.at);
        continue;
      }
      visit(target, [...trail, target.name]);
    }
  };
  visit(conn, [conn.name]);
  for (const [k, v] of defaults.params) if (!out.has(k)) out.set(k, v);
  return out;
}

// --- ipsec.secrets ----------------------------------------------------------------------------

const SECRET_TYPES = 'PSK|RSA|ECDSA|ED25519|ED448|BLISS|PKCS8|PKCS12|P12|EAP|NTLM|XAUTH|PIN|PPK';
const ENTRY = new RegExp(`^(.*?)(?:^|\\s):\\s*(${SECRET_TYPES})\\b\\s*(.*)$`, 'is');

/** Whitespace-separated selectors; a "quoted DN, with spaces" is one. */
function selectorsOf(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/**
 * ipsec.secrets: `[ID …] : PSK "secret"` entries (continued on lines that start with whitespace).
 * Only PSKs matter here. Errors never quote the line: it may hold a secret.
 */
export function parseIpsecSecrets(lines: Line[]): SharedKey[] {
  const entries: Line[] = [];
  for (const line of lines) {
    const text = stripComment(line.text);
    if (text.trim() === '') continue;
    if (/^\s/.test(text) && entries.length) entries[entries.length - 1].text += ` ${text.trim()}`;
    else entries.push({ text: text.trim(), at: line.at });
  }
  const keys: SharedKey[] = [];
  for (const entry of entries) {
    const m = ENTRY.exec(entry.text);
    if (!m) throw new ParseError(entry.at.file, entry.at.line, 'expected an ipsec.secrets entry like `ID ID : PSK "secret"`');
    const [, selectorText, type, rest] = m;
    if (type.toUpperCase() !== 'PSK') continue;
    const value = rest.trim();
    if (value === '') throw new ParseError(entry.at.file, entry.at.line, 'expected the shared secret after ": PSK"');
    const secret = value.startsWith('"') ? value.slice(1, value.indexOf('"', 1) > 0 ? value.indexOf('"', 1) : undefined) : value.split(/\s+/)[0];
    const owners = selectorsOf(selectorText);
    keys.push({ owners, secret, raw: `${selectorText.trim() ? `${selectorText.trim()} ` : ''}: PSK <redacted>`, at: entry.at });
  }
  return keys;
}

// --- one conn → one tunnel end ----------------------------------------------------------------

interface ConnContext {
  diags: Diags;
  /** undefined: no ipsec.secrets was given */
  keys?: SharedKey[];
}

interface Reader {
  get(key: string): Param | undefined;
}

function reader(params: Map<string, Param>): Reader {
  // an empty value stands for the built-in default (ipsec.conf(5))
  return { get: (key) => (params.get(key)?.value.trim() ? params.get(key) : undefined) };
}

function time(r: Reader, ...keys: string[]): { seconds: number; p: Param } | undefined {
  for (const key of keys) {
    const p = r.get(key);
    if (p) return { seconds: timeOrThrow(p.value, key, p.at.file, p.at.line), p };
  }
  return undefined;
}

function flag(r: Reader, key: string): { on: boolean; p: Param } | undefined {
  const p = r.get(key);
  if (!p) return undefined;
  const on = yesNo(p.value);
  if (on === undefined) throw new ParseError(p.at.file, p.at.line, `expected yes or no for ${key}, found "${p.value}"`);
  return { on, p };
}

/**
 * `rekeyfuzz` is a percentage: starter (args.c ARG_PCNT) refuses a value without its `%` and does
 * not load the connection; absent, it is 100 % (confread.c SA_REPLACEMENT_FUZZ_DEFAULT).
 */
function rekeyfuzz(p: Param | undefined): number {
  if (!p) return 100;
  const m = /^(\d+)%$/.exec(p.value.trim());
  if (!m) throw new ParseError(p.at.file, p.at.line, `expected a percentage for rekeyfuzz like 100%, found "${p.value}"`);
  return Number(m[1]);
}

function oneOf(p: Param, key: string, allowed: string[]): string {
  const v = p.value.trim().toLowerCase();
  if (!allowed.includes(v)) throw new ParseError(p.at.file, p.at.line, `expected ${allowed.join(', ')} for ${key}, found "${p.value}"`);
  return v;
}

const LOCAL_ONLY = ['%defaultroute'];

/** Which of left/right is this host: left by convention; right when only right says %defaultroute. */
function localSide(r: Reader): 'left' | 'right' {
  const left = r.get('left')?.value.trim().toLowerCase();
  const right = r.get('right')?.value.trim().toLowerCase();
  return right && LOCAL_ONLY.includes(right) && !(left && LOCAL_ONLY.includes(left)) ? 'right' : 'left';
}

function authByMethod(p: Param): AuthMethod {
  const v = oneOf(p, 'authby', ['secret', 'psk', 'pubkey', 'rsasig', 'rsa', 'ecdsasig', 'ecdsa', 'xauthpsk', 'xauthrsasig', 'eap', 'never']);
  if (v === 'secret' || v === 'psk') return 'psk';
  if (v === 'xauthpsk') return 'xauth-psk';
  if (v === 'xauthrsasig') return 'xauth-certificate';
  if (v === 'eap') return 'eap';
  if (v === 'never') return 'unknown';
  return 'certificate';
}

function ikeProposals(r: Reader, name: string, v1: boolean, diags: Diags): Setting<IkeProposal[]> {
  const p = r.get('ike');
  // ipsec.conf(5): "Defaults to aes128-sha256-modp3072"; without `!` charon appends its default proposals
  let items: IkeProposal[];
  let strict = false;
  if (p) {
    const parsed = readIkeProposals(p.value);
    for (const problem of parsed.problems) warn(diags, `conn ${name}: ${problem}`, p.at);
    if (!parsed.items.length) throw new ParseError(p.at.file, p.at.line, `expected at least one IKE proposal strongSwan accepts in ike=, found "${p.value}"`);
    items = parsed.items;
    strict = parsed.strict;
  } else items = readIkeProposals('aes128-sha256-modp3072').items;
  if (!strict) items = [...items, ...defaultIkeProposals()];
  const list = items;
  if (v1 && list.map(stripToIkev1).some(Boolean) && p)
    note(diags, `conn ${name} is IKEv1: only the first algorithm of each kind in each IKE proposal is offered`, p.at);
  return p ? explicit(list, p.raw, p.at) : byDefault(list, 'ike=aes128-sha256-modp3072');
}

function childProposals(r: Reader, name: string, v1: boolean, diags: Diags): { proposals: Setting<ChildProposal[]>; pfs: Setting<number[]> } {
  const esp = r.get('esp');
  const ah = r.get('ah');
  const p = esp ?? ah;
  const protocol = esp || !ah ? 'esp' : 'ah';
  if (esp && ah) warn(diags, `conn ${name}: esp= and ah= together (an AH+ESP bundle) is not supported by charon; esp= is used`, ah.at);
  let items: ParsedChild[];
  let strict = false;
  if (p) {
    const parsed = readChildProposals(p.value, protocol);
    for (const problem of parsed.problems) warn(diags, `conn ${name}: ${problem}`, p.at);
    if (!parsed.items.length)
      throw new ParseError(p.at.file, p.at.line, `expected at least one ${protocol.toUpperCase()} proposal strongSwan accepts, found "${p.value}"`);
    items = parsed.items;
    strict = parsed.strict;
  } else items = readChildProposals('aes128-sha256', 'esp').items;
  if (!strict) items = [...items, ...defaultChildProposals(protocol)];
  if (v1 && items.map(stripChildToIkev1).some(Boolean) && p)
    note(diags, `conn ${name} is IKEv1: only the first algorithm of each kind in each ${protocol.toUpperCase()} proposal is offered`, p.at);
  const list = items.map((i) => i.proposal);
  const pfs = pfsGroupsOf(items);
  return p
    ? { proposals: explicit(list, p.raw, p.at), pfs: explicit(pfs, p.raw, p.at) }
    : { proposals: byDefault(list, 'esp=aes128-sha256'), pfs: byDefault(pfs, 'esp=aes128-sha256') };
}

function subnets(r: Reader, conn: Conn, side: 'left' | 'right', gateway: string | undefined, diags: Diags): Setting<string[]> {
  const key = `${side}subnet`;
  const p = r.get(key);
  const host = hostSelector(gateway);
  if (p) {
    const list = parseSelectors(p.value, key, p.at.file, p.at.line);
    if (list.ports) note(diags, `conn ${conn.name}: port restrictions in ${key} are not compared`, p.at);
    if (!list.dynamic) return explicit(list.cidrs, p.raw, p.at);
    if (host && !list.cidrs.includes(host)) list.cidrs.push(host);
    if (!host) note(diags, `conn ${conn.name}: ${key} contains %dynamic and ${side}= names no single address, so that selector is only known at runtime`, p.at);
    return inferred(list.cidrs, p.raw, p.at);
  }
  // "if omitted, essentially assumed to be left/32"
  const gw = r.get(side);
  if (host) return inferred([host], `${key}=${gateway}/${host.endsWith('/128') ? 128 : 32}`, gw?.at);
  note(
    diags,
    `conn ${conn.name}: no ${key} and ${side}= names no single address, so the ${side} selector (the ${side} host) is only known at runtime`,
    gw?.at ?? conn.at,
  );
  return byDefault([], `${key}=%dynamic`);
}

function buildConn(conn: Conn, params: Map<string, Param>, ctx: ConnContext): TunnelEnd | undefined {
  const { diags } = ctx;
  const r = reader(params);
  const L = localSide(r);
  const R = L === 'left' ? 'right' : 'left';
  if (L === 'right') note(diags, `conn ${conn.name}: right=%defaultroute, so right is taken as this host`, r.get('right')?.at);

  const type = r.get('type');
  const typeText = type ? oneOf(type, 'type', ['tunnel', 'transport', 'transport_proxy', 'passthrough', 'pass', 'drop', 'reject']) : 'tunnel';
  if (!['tunnel', 'transport', 'transport_proxy'].includes(typeText)) {
    note(diags, `conn ${conn.name} is a type=${typeText} shunt, not an IPsec tunnel: left out`, type!.at);
    return undefined;
  }

  const autoP = r.get('auto');
  const auto = autoP ? oneOf(autoP, 'auto', ['ignore', 'add', 'route', 'start']) : 'ignore';
  const enabled = auto !== 'ignore';
  const initiates = autoP ? explicit(auto === 'start' || auto === 'route', autoP.raw, autoP.at) : byDefault(false, 'auto=ignore');

  const kx = r.get('keyexchange');
  const kxText = kx ? oneOf(kx, 'keyexchange', ['ike', 'ikev1', 'ikev2']) : 'ike';
  // `ike` initiates IKEv2 and accepts either as responder: the model keeps the version it initiates with
  const ikeVersion: Setting<1 | 2> = kx ? explicit(kxText === 'ikev1' ? 1 : 2, kx.raw, kx.at) : byDefault(2, 'keyexchange=ike');
  const v1 = ikeVersion.value === 1;

  // gateways
  const localP = r.get(L);
  const remoteP = r.get(R);
  const localGw = localP ? firstConcreteAddress(commaList(localP.value)) : undefined;
  const remoteGw = remoteP ? firstConcreteAddress(commaList(remoteP.value)) : undefined;
  let remoteGateway: Setting<string>;
  if (remoteGw) remoteGateway = explicit(remoteGw, remoteP!.raw, remoteP!.at);
  else if (!remoteP) remoteGateway = byDefault('any', `${R}=%any`);
  else if (commaList(remoteP.value).every(isAnyAddress)) remoteGateway = explicit('any', remoteP.raw, remoteP.at);
  else {
    remoteGateway = inferred('any', remoteP.raw, remoteP.at);
    note(diags, `conn ${conn.name}: ${R}= lists only subnets or ranges, so it only responds (peer address taken as any)`, remoteP.at);
  }

  // authentication: leftauth (IKEv2 style) wins over the older authby
  const localAuth = r.get(`${L}auth`);
  const authby = r.get('authby');
  let method: Setting<AuthMethod>;
  if (localAuth) method = explicit(authMethodOf(localAuth.value, r.get(`${L}auth2`)?.value), localAuth.raw, localAuth.at);
  else if (authby) method = explicit(authByMethod(authby), authby.raw, authby.at);
  else method = byDefault<AuthMethod>('certificate', 'authby=pubkey');
  const localId = r.get(`${L}id`);
  const remoteId = r.get(`${R}id`);
  const auth: TunnelEnd['auth'] = { method };
  if (localId) auth.localId = explicit(localId.value, localId.raw, localId.at);
  if (remoteId) auth.remoteId = explicit(remoteId.value, remoteId.raw, remoteId.at);
  // leftid/rightid fall back to left/right as written (stroke_config.c), `%defaultroute` being `%any`
  const certificate = method.value === 'certificate' || method.value === 'xauth-certificate';
  const localAddr = localGw ? { value: localGw, raw: localP!.raw, at: localP!.at } : undefined;
  const leftAsId = !localId && localP && commaList(localP.value).length === 1 && !localGw && !localP.value.startsWith('%') ? strongswanId(localP.value) : 'any';
  auth.localIdentity =
    leftAsId !== 'any' && localP && !certificate ? inferred(leftAsId, localP.raw, localP.at) : swanLocalIdentity(localId, localAddr, certificate, `${L}id`);
  if (remoteId) auth.peerIdentity = swanPeerIdentity(remoteId, `${R}id=%any`);
  else if (!remoteP) auth.peerIdentity = swanPeerIdentity(undefined, `${R}id=%any`);
  else if (commaList(remoteP.value).length === 1 && (!remoteP.value.startsWith('%') || /^%any[46]?$/.test(remoteP.value)))
    auth.peerIdentity = swanPeerIdentity(remoteP, `${R}id=%any`, 'inferred');
  if (method.value === 'psk' || method.value === 'xauth-psk') {
    if (!ctx.keys) auth.psk = inferred(PSK_UNKNOWN, 'ipsec.secrets not read', (authby ?? localAuth)?.at);
    else {
      // the identities default to the addresses
      const ids = (idP: Param | undefined, addrP: Param | undefined) => [idP?.value, ...(addrP ? commaList(addrP.value) : [])].filter((x): x is string => !!x);
      const key = findSharedKey(ctx.keys, ids(localId, localP), ids(remoteId, remoteP));
      if (key) auth.psk = explicit(fingerprintSecret(key.secret), key.raw, key.at);
      else {
        auth.psk = inferred(PSK_UNKNOWN, 'no matching ipsec.secrets entry', conn.at);
        warn(diags, `conn ${conn.name} uses a PSK but no ipsec.secrets entry matches its identities`, conn.at);
      }
    }
  }

  // stroke renews each SA `margintime` (plus up to `rekeyfuzz` % of it) before its lifetime, the hard limit
  const margin = time(r, 'margintime');
  const timing = ipsecConfTiming(margin?.seconds ?? DEFAULTS.margintime, rekeyfuzz(r.get('rekeyfuzz')));

  // phase 1
  const ikelifetime = time(r, 'ikelifetime');
  const phase1: TunnelEnd['phase1'] = {
    proposals: ikeProposals(r, conn.name, v1, diags),
    // stroke: rekey/reauth at ikelifetime − margintime, hard limit (and IKEv1 proposal) = ikelifetime
    lifetimeSeconds: ikelifetime
      ? explicit(ikelifetime.seconds, ikelifetime.p.raw, ikelifetime.p.at, 'time-string')
      : byDefault(DEFAULTS.ikelifetime, 'ikelifetime=3h', 'time-string'),
    rekey: timing,
  };
  if (v1) {
    const aggressive = flag(r, 'aggressive');
    phase1.exchangeMode = aggressive ? explicit(aggressive.on ? 'aggressive' : 'main', aggressive.p.raw, aggressive.p.at) : byDefault('main', 'aggressive=no');
  }
  const rekey = flag(r, 'rekey');
  if (rekey && !rekey.on)
    note(diags, `conn ${conn.name}: rekey=no, this end never rekeys; its lifetimes are hard expiries and the peer must rekey`, rekey.p.at);
  phase1.renewal = ikeRenewal(rekey, flag(r, 'reauth'), v1);

  const force = flag(r, 'forceencaps');
  const natt: TunnelEnd['natt'] = {
    mode: force ? explicit<NattMode>(force.on ? 'forced' : 'auto', force.p.raw, force.p.at) : byDefault<NattMode>('auto', 'forceencaps=no'),
    keepaliveSeconds: byDefault(DEFAULTS.keepAlive, `charon.keep_alive = ${DEFAULTS.keepAlive}s (strongswan.conf)`, 'time-string'),
  };

  // stroke: dpdaction=none (the default) disables DPD whatever dpddelay says
  const dpdAction = r.get('dpdaction');
  const action = dpdAction ? oneOf(dpdAction, 'dpdaction', ['none', 'clear', 'hold', 'restart']) : 'none';
  const dpdDelay = time(r, 'dpddelay');
  let dpd: TunnelEnd['dpd'];
  if (action === 'none') dpd = { mode: dpdAction ? explicit<DpdMode>('off', dpdAction.raw, dpdAction.at) : byDefault<DpdMode>('off', 'dpdaction=none') };
  else {
    dpd = {
      mode: explicit<DpdMode>(dpdDelay?.seconds === 0 ? 'off' : 'periodic', dpdAction!.raw, dpdAction!.at),
      delaySeconds: dpdDelay
        ? explicit(dpdDelay.seconds, dpdDelay.p.raw, dpdDelay.p.at, 'time-string')
        : byDefault(DEFAULTS.dpddelay, 'dpddelay=30s', 'time-string'),
      action: deadPeerAction(action, dpdAction!, auto),
    };
  }

  // phase 2: the conn itself
  const { proposals, pfs } = childProposals(r, conn.name, v1, diags);
  const lifetime = time(r, 'lifetime');
  const lifebytes = r.get('lifebytes');
  const phase2: Phase2 = {
    name: conn.name,
    at: conn.at,
    localSelectors: subnets(r, conn, L, localGw, diags),
    remoteSelectors: subnets(r, conn, R, remoteGw, diags),
    mode: type ? explicit(typeText === 'tunnel' ? 'tunnel' : 'transport', type.raw, type.at) : byDefault('tunnel', 'type=tunnel'),
    proposals,
    pfsGroups: pfs,
    lifetimeSeconds: lifetime
      ? explicit(lifetime.seconds, lifetime.p.raw, lifetime.p.at, 'time-string')
      : byDefault(DEFAULTS.lifetime, 'lifetime=1h', 'time-string'),
    lifetimeKilobytes: lifebytes
      ? explicit(bytesToKilobytesOrThrow(lifebytes.value, 'lifebytes', lifebytes.at.file, lifebytes.at.line), lifebytes.raw, lifebytes.at, 'bytes')
      : byDefault(0, 'lifebytes=0', 'bytes'),
    rekey: timing,
  };

  const tunnel: TunnelEnd = {
    name: conn.name,
    at: conn.at,
    enabled,
    remoteGateway,
    ikeVersion,
    ...answersBothVersions(ikeVersion, kxText === 'ike'),
    auth,
    phase1,
    natt,
    dpd,
    phase2: [phase2],
    initiates,
    behaviour: {
      ikev1Phase1Lifetime: byDefault('accept', 'charon (IKEv1 responder) adopts the proposed ISAKMP SA lifetime'),
      ikev1Phase2Lifetime: byDefault('accept', 'charon (IKEv1 responder) adopts the proposed Quick Mode lifetime'),
      // charon as responder narrows proposed selectors to its own (IKEv2 RFC 7296 §2.9, and IKEv1 quick mode)
      selectorNarrowing: byDefault('narrows', 'charon (responder) narrows proposed traffic selectors to its own'),
    },
  };
  if (localGw) tunnel.localGateway = explicit(localGw, localP!.raw, localP!.at);
  return tunnel;
}

/**
 * What this end does on a DPD timeout (ipsec.conf(5) dpdaction): clear closes the connection, hold
 * installs a trap policy, restart re-negotiates at once. With auto=route the trap policy is installed
 * whatever happens to the SA, so a cleared connection still comes back with the next packet.
 */
function deadPeerAction(action: string, p: Param, auto: string): Setting<DeadPeerAction> {
  if (action === 'clear' && auto === 'route') return inferred<DeadPeerAction>('hold', `${p.raw} (auto=route keeps the trap policy)`, p.at);
  return explicit<DeadPeerAction>(action === 'restart' ? 'restart' : action === 'hold' ? 'hold' : 'clear', p.raw, p.at);
}

/**
 * How the IKE SA is renewed (ipsec.conf(5) rekey, reauth). rekey=no: never renewed by this end.
 * IKEv2 reauth=yes (the default) creates a new IKE_SA from scratch; charon.make_before_break was
 * `no` by default until 6.0.0 (strongSwan commit a5e80cf5e4), and 6.0 has no ipsec.conf (stroke)
 * any more, so an ipsec.conf end reauthenticates break-before-make. IKEv1 always reauthenticates
 * (a new Main Mode beside the old ISAKMP SA): no outage, so it is a rekey here.
 */
function ikeRenewal(rekey: { on: boolean; p: Param } | undefined, reauth: { on: boolean; p: Param } | undefined, v1: boolean): Setting<IkeRenewal> {
  if (rekey && !rekey.on) return explicit<IkeRenewal>('none', rekey.p.raw, rekey.p.at);
  if (v1) return byDefault<IkeRenewal>('rekey', 'IKEv1: a new Main Mode before the old ISAKMP SA expires');
  if (reauth) return explicit<IkeRenewal>(reauth.on ? 'reauth' : 'rekey', reauth.p.raw, reauth.p.at);
  return byDefault<IkeRenewal>('reauth', 'reauth=yes (charon.make_before_break = no before 6.0)');
}

/** What decides whether two conns share an IKE_SA: everything but the phase 2 and the name. */
function ikeSignature(t: TunnelEnd): string {
  const v = (s?: Setting<unknown>) => (s === undefined ? null : s.value);
  return JSON.stringify([
    t.enabled,
    v(t.localGateway),
    v(t.remoteGateway),
    v(t.ikeVersion),
    v(t.auth.method),
    v(t.auth.psk),
    v(t.auth.localId),
    v(t.auth.remoteId),
    v(t.phase1.proposals),
    v(t.phase1.lifetimeSeconds),
    v(t.phase1.exchangeMode),
    v(t.natt.mode),
    v(t.dpd.mode),
    v(t.dpd.delaySeconds),
  ]);
}

/** Conns that charon runs under one IKE_SA become one tunnel end (named after the first). */
function mergeSharedIkeSas(tunnels: TunnelEnd[]): TunnelEnd[] {
  const groups = new Map<string, TunnelEnd>();
  const out: TunnelEnd[] = [];
  for (const t of tunnels) {
    const key = ikeSignature(t);
    const first = t.enabled ? groups.get(key) : undefined;
    if (!first) {
      if (t.enabled) groups.set(key, t);
      out.push(t);
      continue;
    }
    first.phase2.push(...t.phase2);
    if (t.initiates?.value && !first.initiates?.value) first.initiates = t.initiates;
  }
  return out;
}

// --- the file ---------------------------------------------------------------------------------

export interface IpsecConfOptions {
  /** where the secrets text came from, for line references (default: ipsec.secrets next to the file) */
  secretsFile?: string;
  /** included files by resolved path (see `ipsecIncludePatterns`), for ipsec.conf and ipsec.secrets */
  includes?: Record<string, string>;
}

/**
 * Parse an ipsec.conf, with the ipsec.secrets text when the caller has it (PSKs are otherwise
 * not comparable). Pure: included files come in `options.includes`.
 */
export function parseIpsecConf(text: string, file: string, secretsText?: string, options: IpsecConfOptions = {}): Device {
  if (text.trim() === '') throw new ParseError(file, 1, 'expected ipsec.conf sections such as "conn NAME", found an empty file');
  const diagnostics: Diags = [];
  const notes: IncludeNote[] = [];
  const lines = expandLines(text, file, options.includes, notes, [file]);
  includeDiagnostics(notes, diagnostics, 'conns');
  const { conns, defaults } = readSections(lines, diagnostics);
  if (!conns.length && !defaults.params.size && !notes.length) {
    throw new ParseError(file, 1, 'expected ipsec.conf "conn NAME" sections, found none');
  }

  let keys: SharedKey[] | undefined;
  if (secretsText !== undefined) {
    const secretsFile = options.secretsFile ?? resolveIncludePath('ipsec.secrets', file);
    const secretNotes: IncludeNote[] = [];
    keys = parseIpsecSecrets(expandLines(secretsText, secretsFile, options.includes, secretNotes, [secretsFile]));
    includeDiagnostics(secretNotes, diagnostics, 'secrets');
  }

  const byName = new Map(conns.map((c) => [c.name, c]));
  const alsoTargets = new Set(conns.flatMap((c) => c.also.map((a) => a.value)));
  const ctx: ConnContext = { diags: diagnostics, keys };
  const tunnels: TunnelEnd[] = [];
  for (const conn of conns) {
    // a section pulled in by also= that does not say auto= itself is a template, not a tunnel
    // (starter would load it with a %default auto=, but it is never what the user compares)
    if (alsoTargets.has(conn.name) && !conn.params.get('auto')?.value.trim()) continue;
    const params = effectiveParams(conn, byName, defaults, diagnostics);
    const t = buildConn(conn, params, ctx);
    if (!t) continue;
    if (!t.enabled) note(diagnostics, `conn ${conn.name} has no auto= (or auto=ignore), so ipsec starter does not load it`, conn.at);
    tunnels.push(t);
  }
  if (!keys && tunnels.some((t) => t.auth.psk)) {
    note(diagnostics, 'ipsec.secrets was not read: pre-shared keys are not compared (pass its text to parseIpsecConf)', undefined);
  }
  return { vendor: 'strongswan', origin: file, interfaces: [], tunnels: mergeSharedIkeSas(tunnels), diagnostics: unique(diagnostics) };
}

/** A template pulled in by several conns reports its problems once. */
function unique(diags: Diags): Diags {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
