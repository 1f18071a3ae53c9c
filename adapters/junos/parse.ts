/**
 * Junos configuration (brace or set form, or a saved session of either) → Device. One TunnelEnd
 * per `security ipsec vpn` with an `ike` gateway: phase 1 from the IKE gateway, its IKE policy
 * and the policy's proposals (or proposal-set); phase 2 from the IPsec policy and its proposals,
 * one entry per traffic-selector, or the proxy-identity, or — route-based without either —
 * 0.0.0.0/0 both ways; policy-based VPNs take their selectors from the security policies that
 * tunnel into them. Interfaces resolve the local gateway (`external-interface`). An inactive
 * VPN (`deactivate …`, `inactive:`) is read and kept as a disabled end: the device ignores it.
 * Defaults: defaults.ts and README.md.
 */
import { note as noteAt, warn as warnAt } from '../../src/model/diagnostics.js';
import { ParseError } from '../../src/model/errors.js';
import { canonicalCidr, isIpAddress } from '../../src/model/net.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { assumedDefault, byDefault, explicit, inferred, inferredFromAssumed } from '../../src/model/setting.js';
import type {
  AuthMethod,
  ChildProposal,
  Device,
  Diagnostic,
  DpdMode,
  IdType,
  Identity,
  IdentityMatch,
  IkeProposal,
  InterfaceAddress,
  Phase2,
  Setting,
  SourceRef,
  TunnelEnd,
} from '../../src/model/types.js';
import {
  AUTH_METHOD,
  dhGroup,
  IKE_ENCRYPTION,
  IKE_INTEGRITY,
  IKE_PROPOSAL_SETS,
  IPSEC_ENCRYPTION,
  IPSEC_INTEGRITY,
  IPSEC_PROPOSAL_SETS,
  type ProposalSet,
  UNKNOWN_SETS,
} from './crypto.js';
import { DEFAULTS, type DefaultValue, RANGES } from './defaults.js';
import { applyGroups } from './groups.js';
import { junosDeadPeerAction } from './recovery.js';
import { isEncryptedSecret, REDACTED } from './secrets.js';
import { quoteWord, readJunosText } from './syntax.js';
import { active, anyChild, at, child, choice, type JNode, lineOf, rawOf, value, values } from './tree.js';

export const VENDOR = 'junos';

interface Ctx {
  file: string;
  /** how raws of defaults are written: as set lines or brace statements */
  set: boolean;
  diagnostics: Diagnostic[];
}

/** The shared diagnostics helper, at a line of this file. */
const where = (ctx: Ctx, line: number | undefined): SourceRef | undefined => (line === undefined ? undefined : { file: ctx.file, line });
const warn = (ctx: Ctx, message: string, line?: number) => warnAt(ctx, message, where(ctx, line));
const note = (ctx: Ctx, message: string, line?: number) => noteAt(ctx, message, where(ctx, line));

/** Where a tunnel's settings live, as plain strings for fixes (vendorRefs survive JSON and workers). */
export interface Location {
  /** `logical-systems LS` prefix, when the VPN is in one */
  lsys?: string;
  vpn: string;
  gateway: string;
  ikePolicy: string;
  ipsecPolicy: string;
  /** IKE / IPsec proposals, space separated ('' when the policy names a proposal-set) */
  ikeProposals: string;
  ipsecProposals: string;
  ikeProposalSet?: string;
  ipsecProposalSet?: string;
  /** route-based (bind-interface) or policy-based */
  bind?: string;
}

const TOP_LEVEL = new Set([
  'version',
  'system',
  'security',
  'interfaces',
  'routing-options',
  'protocols',
  'policy-options',
  'groups',
  'apply-groups',
  'logical-systems',
  'firewall',
  'snmp',
  'chassis',
  'routing-instances',
  'applications',
  'services',
  'forwarding-options',
  'class-of-service',
  'access',
  'event-options',
  'vlans',
]);

export function parseJunos(text: string, file: string): Device {
  if (text.trim() === '') throw new ParseError(file, 1, 'expected a Junos configuration (show configuration, or | display set), found an empty file');
  const read = readJunosText(text, file);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const root = read.root;
  if (!root.children.some((c) => TOP_LEVEL.has(c.name))) {
    const first = root.children[0];
    throw new ParseError(
      file,
      first?.line ?? 1,
      `expected a Junos configuration (system, interfaces, security … statements), found ${first ? JSON.stringify(first.name) : 'none'} at the top`,
    );
  }
  applyGroups(root, file, diagnostics);
  const ctx: Ctx = {
    file,
    set: read.form !== 'brace',
    diagnostics,
  };
  const interfaces: InterfaceAddress[] = [];
  const tunnels: TunnelEnd[] = [];
  const scopes: Array<{ lsys?: string; node: JNode }> = [{ node: root }];
  for (const ls of active(child(root, 'logical-systems'))) scopes.push({ lsys: ls.name, node: ls });
  for (const scope of scopes) {
    const own = readInterfaces(ctx, scope.node);
    interfaces.push(...own);
    tunnels.push(...readVpns(ctx, scope.node, own, scope.lsys));
  }
  const device: Device = { vendor: VENDOR, origin: file, interfaces, tunnels, diagnostics };
  const host = value(root, 'system/host-name');
  if (host) device.hostname = host;
  return device;
}

// --- small readers --------------------------------------------------------------------------

const ref = (ctx: Ctx, line: number): SourceRef => ({ file: ctx.file, line });

/** How the device would print a statement it does not: a set line, or `leaf value;`. */
function would(ctx: Ctx, path: readonly string[], leaf: readonly string[]): string {
  return ctx.set ? ['set', ...path, ...leaf].map(quoteWord).join(' ') : `${leaf.map(quoteWord).join(' ')};`;
}

function defaultOf<T>(d: DefaultValue<T>, raw: string, unit?: Setting<T>['unit']): Setting<T> {
  return d.assumed ? assumedDefault(d.value, raw, unit) : byDefault(d.value, raw, unit);
}

function wholeNumber(ctx: Ctx, leaf: JNode, what: string, range?: readonly [number, number]): number {
  const v = value(leaf) ?? '';
  if (!/^\d+$/.test(v)) throw new ParseError(ctx.file, lineOf(leaf), `expected ${what} as a whole number, found ${JSON.stringify(v)}`);
  const n = Number(v);
  if (range && (n < range[0] || n > range[1])) warn(ctx, `${what} ${n} is outside what Junos accepts (${range[0]}–${range[1]}); read as written`, lineOf(leaf));
  return n;
}

function keyword<T>(ctx: Ctx, leaf: JNode, table: Readonly<Record<string, T>>, what: string): T {
  const v = value(leaf) ?? '';
  const k = table[v];
  if (k === undefined) throw new ParseError(ctx.file, lineOf(leaf), `expected ${what} one of ${Object.keys(table).join(', ')}, found ${JSON.stringify(v)}`);
  return k;
}

// --- interfaces and addresses --------------------------------------------------------------

/** `interfaces IF unit N family inet|inet6 address A/L` → `IF.N` (the unit Junos names in external-interface). */
function readInterfaces(ctx: Ctx, scope: JNode): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const ifd of active(child(scope, 'interfaces'))) {
    if (ifd.name === 'interface-range' || ifd.name === 'apply-groups') continue;
    for (const unit of active(child(ifd, 'unit'))) {
      for (const fam of ['inet', 'inet6']) {
        for (const a of active(at(unit, `family/${fam}/address`))) {
          const [addr, len] = a.name.split('/');
          if (!isIpAddress(addr)) continue;
          const i: InterfaceAddress = { name: `${ifd.name}.${unit.name}`, address: addr, at: ref(ctx, a.line) };
          if (len !== undefined && /^\d+$/.test(len)) i.prefixLength = Number(len);
          out.push(i);
        }
      }
    }
  }
  return out;
}

/** Address-book entries (global and per zone, old and new style): name → CIDRs, or undefined. */
function addressBook(ctx: Ctx, security: JNode | undefined): (name: string, line: number, what: string) => string[] | undefined {
  const books: JNode[] = [];
  for (const b of active(child(security, 'address-book'))) books.push(b);
  for (const z of active(at(security, 'zones/security-zone'))) {
    const ab = child(z, 'address-book');
    if (ab) books.push(ab);
  }
  const resolve = (name: string, line: number, what: string, depth: number): string[] | undefined => {
    if (name === 'any' || name === 'any-ipv4') return ['0.0.0.0/0'];
    if (name === 'any-ipv6') return ['::/0'];
    const literal = canonicalCidr(name);
    if (literal) return [literal];
    for (const b of books) {
      const a = child(child(b, 'address'), name);
      if (a) {
        const v = active(a).find((c) => c.children.length === 0)?.name;
        const cidr = v === undefined ? undefined : canonicalCidr(v);
        if (cidr) return [cidr];
        warn(ctx, `${what}: address ${name} is not an IP prefix (dns-name, range or wildcard addresses are not read)`, a.line);
        return undefined;
      }
      const set = child(child(b, 'address-set'), name);
      if (set && depth < 8) {
        const out: string[] = [];
        for (const m of [...values(set, 'address'), ...values(set, 'address-set')]) {
          const r = resolve(m, set.line, what, depth + 1);
          if (!r) return undefined;
          out.push(...r);
        }
        return out;
      }
    }
    warn(ctx, `${what}: ${name} is neither a prefix nor an address-book entry of this file`, line);
    return undefined;
  };
  return (name, line, what) => resolve(name, line, what, 0);
}

// --- IKE -----------------------------------------------------------------------------------

interface Phase1 {
  proposals: Setting<IkeProposal[]>;
  lifetime: Setting<number>;
  method: Setting<AuthMethod>;
  names: string[];
  set?: string;
}

function ikePath(lsys: string | undefined, ...rest: string[]): string[] {
  return [...(lsys ? ['logical-systems', lsys] : []), 'security', ...rest];
}

/** The IKE side of a policy: its proposals (or proposal-set), lifetime and authentication method. */
function readIkePolicy(ctx: Ctx, security: JNode, policy: JNode, lsys: string | undefined): Phase1 | undefined {
  const setLeaf = child(policy, 'proposal-set');
  const setName = value(setLeaf);
  if (setLeaf && setName !== undefined) {
    if (UNKNOWN_SETS.includes(setName)) {
      warn(ctx, `IKE policy ${policy.name} uses proposal-set ${setName}, whose contents no source read for this adapter gives: not compared`, lineOf(setLeaf));
      return undefined;
    }
    const set = IKE_PROPOSAL_SETS[setName];
    if (!set)
      throw new ParseError(
        ctx.file,
        lineOf(setLeaf),
        `expected proposal-set basic, compatible, standard, suiteb-gcm-128, suiteb-gcm-256, prime-128 or prime-256, found ${JSON.stringify(setName)}`,
      );
    const raw = rawOf(setLeaf, would(ctx, ikePath(lsys, 'ike', 'policy', policy.name), ['proposal-set', setName]));
    const at = ref(ctx, lineOf(setLeaf));
    const lifetime = defaultOf(DEFAULTS.ikeLifetimeSeconds, `proposal-set ${setName}: lifetime-seconds ${DEFAULTS.ikeLifetimeSeconds.value}`, 'seconds');
    lifetime.assumed = true; // the predefined proposals' lifetime is not given by the source of the sets
    return {
      proposals: set.assumed ? inferredFromAssumed(set.proposals, raw, at) : inferred(set.proposals, raw, at),
      lifetime,
      method: inferred<AuthMethod>('psk', raw, at),
      names: [],
      set: setName,
    };
  }
  const names = values(policy, 'proposals');
  if (!names.length) {
    warn(ctx, `IKE policy ${policy.name} names no proposals and no proposal-set: its tunnels are not compared`, policy.line);
    return undefined;
  }
  const proposals: IkeProposal[] = [];
  let lifetime: Setting<number> | undefined;
  let method: Setting<AuthMethod> | undefined;
  const lines: number[] = [];
  for (const name of names) {
    const p = child(at(security, 'ike/proposal'), name);
    if (!p) {
      warn(
        ctx,
        `IKE policy ${policy.name} names proposal ${name}, which is not defined in this file: its tunnels are not compared`,
        lineOf(child(policy, 'proposals') as JNode),
      );
      return undefined;
    }
    lines.push(p.line);
    const enc = child(p, 'encryption-algorithm');
    const integ = child(p, 'authentication-algorithm');
    const dh = child(p, 'dh-group');
    if (!enc) {
      warn(ctx, `IKE proposal ${name} has no encryption-algorithm (Junos refuses such a proposal at commit): its tunnels are not compared`, p.line);
      return undefined;
    }
    const e = keyword(ctx, enc, IKE_ENCRYPTION, 'encryption-algorithm');
    const aead = /gcm|poly1305/.test(e);
    const i = integ ? keyword(ctx, integ, IKE_INTEGRITY, 'authentication-algorithm') : undefined;
    if (!i && !aead) {
      warn(ctx, `IKE proposal ${name} has no authentication-algorithm: its tunnels are not compared`, p.line);
      return undefined;
    }
    let g: number | undefined;
    if (dh) {
      g = dhGroup(value(dh) ?? '');
      if (g === undefined)
        throw new ParseError(
          ctx.file,
          lineOf(dh),
          `expected dh-group group1, group2, group5, group14, group15, group16, group19, group20, group21 or group24, found ${JSON.stringify(value(dh))}`,
        );
    } else {
      warn(ctx, `IKE proposal ${name} has no dh-group: its tunnels are not compared`, p.line);
      return undefined;
    }
    // with an AEAD cipher the authentication-algorithm is the PRF
    proposals.push({ encryption: [e], integrity: aead || !i ? [] : [i], prf: aead && i ? [`prf${i}`] : [], dhGroups: [g] });
    const life = child(p, 'lifetime-seconds');
    const l = life
      ? explicit(
          wholeNumber(ctx, life, `IKE proposal ${name} lifetime-seconds`, RANGES.lifetimeSeconds),
          rawOf(life, `lifetime-seconds ${value(life)};`),
          ref(ctx, lineOf(life)),
          'seconds',
        )
      : defaultOf(
          DEFAULTS.ikeLifetimeSeconds,
          would(ctx, ikePath(lsys, 'ike', 'proposal', name), ['lifetime-seconds', String(DEFAULTS.ikeLifetimeSeconds.value)]),
          'seconds',
        );
    if (!lifetime) lifetime = l;
    else if (lifetime.value !== l.value)
      note(ctx, `IKE policy ${policy.name}: proposal ${name} has lifetime ${l.value} s, the first proposal ${lifetime.value} s: the first is compared`, p.line);
    const am = child(p, 'authentication-method');
    const m = am
      ? explicit(keyword(ctx, am, AUTH_METHOD, 'authentication-method'), rawOf(am, `authentication-method ${value(am)};`), ref(ctx, lineOf(am)))
      : undefined;
    if (!method && m) method = m;
  }
  if (!method) {
    const psk = child(policy, 'pre-shared-key');
    method = psk
      ? inferred<AuthMethod>('psk', 'pre-shared-key', ref(ctx, psk.line))
      : defaultOf(DEFAULTS.authMethod as DefaultValue<AuthMethod>, 'authentication-method pre-shared-keys');
  }
  const raw = rawOf(child(policy, 'proposals'), `proposals [ ${names.join(' ')} ];`);
  const firstLine = lineOf(child(policy, 'proposals') as JNode);
  return { proposals: explicit(proposals, raw, ref(ctx, firstLine)), lifetime: lifetime as Setting<number>, method, names };
}

function psk(ctx: Ctx, policy: JNode): Setting<string> | undefined {
  const pre = child(policy, 'pre-shared-key');
  if (!pre) return undefined;
  const form = choice(pre, ['ascii-text', 'hexadecimal']);
  const secret = value(form);
  const line = form ? lineOf(form) : pre.line;
  // the statement as written, its key already replaced by the reader
  const raw = rawOf(form ?? pre, form ? `pre-shared-key ${form.name} ${REDACTED}` : `pre-shared-key ${REDACTED}`);
  if (!form || secret === undefined) return explicit(PSK_UNKNOWN, raw, ref(ctx, line));
  if (isEncryptedSecret(secret)) return explicit(PSK_UNKNOWN, raw, ref(ctx, line));
  if (form.name === 'hexadecimal') {
    const hex = secret.replace(/^0x/i, '');
    if (!/^([0-9a-f]{2})+$/i.test(hex)) throw new ParseError(ctx.file, line, 'expected the hexadecimal pre-shared key as pairs of hex digits');
    const bytes = Buffer.from(hex, 'hex');
    const text = bytes.toString('utf8');
    // the same bytes as another end's text key compare equal
    return explicit(pskFingerprint(Buffer.from(text, 'utf8').equals(bytes) ? text : `0x${hex.toLowerCase()}`), raw, ref(ctx, line));
  }
  return explicit(pskFingerprint(secret), raw, ref(ctx, line));
}

function identity(ctx: Ctx, id: JNode | undefined): Setting<string> | undefined {
  if (!id) return undefined;
  const kind = choice(id, ['inet', 'inet6', 'hostname', 'user-at-hostname', 'distinguished-name', 'key-id']);
  if (!kind) return undefined;
  const v = value(kind) ?? (kind.name === 'distinguished-name' ? 'distinguished-name' : undefined);
  if (v === undefined) return undefined;
  return explicit(v, `${id.name} ${kind.name} ${quoteWord(v)}`, ref(ctx, lineOf(kind)));
}

const ID_KINDS: Record<string, IdType> = {
  inet: 'ipv4',
  inet6: 'ipv6',
  hostname: 'fqdn',
  'user-at-hostname': 'user-fqdn',
  'distinguished-name': 'dn',
  'key-id': 'key-id',
};

/** `local-identity|remote-identity inet A | inet6 A | hostname H | user-at-hostname U | distinguished-name [S] | key-id K` → typed. */
function typedIdentity(id: JNode): { id: Identity; line: number } | undefined {
  const kind = choice(id, Object.keys(ID_KINDS));
  if (!kind) return undefined;
  const v = value(kind);
  const type = ID_KINDS[kind.name];
  if (v === undefined && type !== 'dn') return undefined;
  // `remote-identity distinguished-name { container …; wildcard …; }`: a DN pattern, any DN here
  return { id: v === undefined || type === 'dn' ? (v ? { type, value: v } : { type }) : { type, value: v }, line: lineOf(kind) };
}

/**
 * What the gateway sends: `local-identity`, else "the IP address corresponding to the local
 * endpoint" (Junos CLI reference, local-identity); the certificate DN with certificates (assumed).
 */
function localIdentity(ctx: Ctx, id: JNode | undefined, method: AuthMethod, local: Setting<string> | undefined): Setting<Identity> | undefined {
  if (id) {
    const t = typedIdentity(id);
    return t ? explicit(t.id, rawOf(id, `local-identity ${t.id.type} ${t.id.value ?? ''}`), ref(ctx, t.line)) : undefined;
  }
  if (method === 'certificate' || method === 'xauth-certificate') return assumedDefault<Identity>({ type: 'dn' }, 'local-identity (none: the certificate DN)');
  if (local && isIpAddress(local.value))
    return inferred<Identity>({ type: local.value.includes(':') ? 'ipv6' : 'ipv4', value: local.value }, `local-identity (none: ${local.raw})`, local.at);
  return byDefault<Identity>({ type: 'ipv4' }, 'local-identity (none: the local endpoint address)');
}

/**
 * What it accepts: `remote-identity`; `general-ikeid` turns the check off; else the peer's
 * address (assumed: README "Identities").
 */
function peerIdentity(ctx: Ctx, gw: JNode, remote: Setting<string>): Setting<IdentityMatch[]> | undefined {
  const general = child(gw, 'general-ikeid');
  if (general) return explicit<IdentityMatch[]>([{}], rawOf(general, 'general-ikeid;'), ref(ctx, lineOf(general)));
  const id = child(gw, 'remote-identity');
  if (id) {
    const t = typedIdentity(id);
    return t ? explicit<IdentityMatch[]>([t.id], rawOf(id, `remote-identity ${t.id.type} ${t.id.value ?? ''}`), ref(ctx, t.line)) : undefined;
  }
  if (!isIpAddress(remote.value)) return undefined;
  const s = inferredFromAssumed<IdentityMatch[]>(
    [{ type: remote.value.includes(':') ? 'ipv6' : 'ipv4', value: remote.value }],
    `remote-identity (none: ${remote.raw})`,
    remote.at,
  );
  return s;
}

function dpd(ctx: Ctx, gw: JNode, lsys: string | undefined): TunnelEnd['dpd'] {
  const d = child(gw, 'dead-peer-detection');
  if (!d) return { mode: byDefault<DpdMode>('off', 'no dead-peer-detection') };
  const kind = choice(d, ['always-send', 'optimized', 'probe-idle-tunnel']);
  const mode: Setting<DpdMode> = kind
    ? explicit<DpdMode>(kind.name === 'optimized' ? 'on-demand' : 'periodic', rawOf(kind, `dead-peer-detection ${kind.name}`), ref(ctx, kind.line))
    : inferred<DpdMode>('on-demand', 'dead-peer-detection (optimized: the default mode)', ref(ctx, d.line));
  const out: TunnelEnd['dpd'] = { mode };
  const interval = child(d, 'interval');
  out.delaySeconds = interval
    ? explicit(
        wholeNumber(ctx, interval, 'dead-peer-detection interval', RANGES.dpdInterval),
        rawOf(interval, `interval ${value(interval)};`),
        ref(ctx, lineOf(interval)),
        'seconds',
      )
    : defaultOf(DEFAULTS.dpd.interval, would(ctx, ikePath(lsys, 'ike', 'gateway', gw.name), ['dead-peer-detection', 'interval', '10']), 'seconds');
  const threshold = child(d, 'threshold');
  out.retries = threshold
    ? explicit(
        wholeNumber(ctx, threshold, 'dead-peer-detection threshold', RANGES.dpdThreshold),
        rawOf(threshold, `threshold ${value(threshold)};`),
        ref(ctx, lineOf(threshold)),
      )
    : defaultOf(DEFAULTS.dpd.threshold, would(ctx, ikePath(lsys, 'ike', 'gateway', gw.name), ['dead-peer-detection', 'threshold', '5']));
  return out;
}

function natt(ctx: Ctx, gw: JNode, lsys: string | undefined): TunnelEnd['natt'] {
  const off = child(gw, 'no-nat-traversal');
  if (off) return { mode: explicit<'disabled'>('disabled', off.raw ?? 'no-nat-traversal;', ref(ctx, off.line)) };
  const out: TunnelEnd['natt'] = {
    mode: byDefault<'auto'>('auto', ctx.set ? `(no "set ${ikePath(lsys, 'ike', 'gateway', gw.name).join(' ')} no-nat-traversal")` : '(no no-nat-traversal;)'),
  };
  const ka = child(gw, 'nat-keepalive');
  if (ka)
    out.keepaliveSeconds = explicit(
      wholeNumber(ctx, ka, 'nat-keepalive', RANGES.natKeepalive),
      rawOf(ka, `nat-keepalive ${value(ka)};`),
      ref(ctx, lineOf(ka)),
      'seconds',
    );
  return out;
}

/** The peer: the first `address` (the others are failover peers), or `dynamic …` (answers any address). */
function remote(ctx: Ctx, gw: JNode): { remote: Setting<string>; dynamic: boolean } | undefined {
  const addresses = active(child(gw, 'address'));
  const dyn = child(gw, 'dynamic');
  if (addresses.length) {
    if (addresses.length > 1)
      note(
        ctx,
        `IKE gateway ${gw.name} lists ${addresses.length} peer addresses: the first (${addresses[0].name}) is compared, the others are failover peers`,
        addresses[1].line,
      );
    const a = addresses[0];
    return { remote: explicit(a.name, a.raw ?? `address ${a.name};`, ref(ctx, a.line)), dynamic: false };
  }
  if (dyn) {
    const kind = active(dyn)[0];
    const raw = kind ? `dynamic ${kind.name}${value(kind) ? ` ${quoteWord(value(kind) as string)}` : ''}` : 'dynamic';
    return { remote: explicit('any', raw, ref(ctx, dyn.line)), dynamic: true };
  }
  warn(ctx, `IKE gateway ${gw.name} has neither address nor dynamic: its tunnels are not compared`, gw.line);
  return undefined;
}

function localGateway(ctx: Ctx, gw: JNode, interfaces: InterfaceAddress[]): Setting<string> | undefined {
  const la = child(gw, 'local-address');
  if (la && value(la)) return explicit(value(la) as string, rawOf(la, `local-address ${value(la)};`), ref(ctx, lineOf(la)));
  const ext = child(gw, 'external-interface');
  const name = value(ext);
  if (!ext || name === undefined) return undefined;
  const unit = name.includes('.') ? name : `${name}.0`;
  const addr = interfaces.find((i) => i.name === unit && isIpAddress(i.address) && !i.address.includes(':')) ?? interfaces.find((i) => i.name === unit);
  const raw = rawOf(ext, `external-interface ${name};`);
  if (addr) return inferred(addr.address, `${raw} → ${addr.address}`, addr.at ?? ref(ctx, lineOf(ext)));
  // not in this file, or DHCP/PPPoE: the address is not in the configuration
  return inferred(unit, raw, ref(ctx, lineOf(ext)));
}

// --- IPsec ----------------------------------------------------------------------------------

interface Phase2Side {
  proposals: Setting<ChildProposal[]>;
  pfs: Setting<number[]>;
  lifetime: Setting<number>;
  kilobytes: Setting<number>;
  names: string[];
  set?: string;
}

function readIpsecPolicy(ctx: Ctx, security: JNode, policy: JNode, lsys: string | undefined): Phase2Side | undefined {
  const path = ikePath(lsys, 'ipsec', 'policy', policy.name);
  const keys = at(policy, 'perfect-forward-secrecy/keys');
  let pfs: Setting<number[]> | undefined;
  if (keys) {
    const g = dhGroup(value(keys) ?? '');
    if (g === undefined)
      throw new ParseError(ctx.file, lineOf(keys), `expected perfect-forward-secrecy keys group1 … group24, found ${JSON.stringify(value(keys))}`);
    pfs = explicit([g], rawOf(keys, `keys ${value(keys)};`), ref(ctx, lineOf(keys)));
  }
  const setLeaf = child(policy, 'proposal-set');
  const setName = value(setLeaf);
  if (setLeaf && setName !== undefined) {
    if (UNKNOWN_SETS.includes(setName)) {
      warn(
        ctx,
        `IPsec policy ${policy.name} uses proposal-set ${setName}, whose contents no source read for this adapter gives: not compared`,
        lineOf(setLeaf),
      );
      return undefined;
    }
    const set: ProposalSet<ChildProposal> | undefined = IPSEC_PROPOSAL_SETS[setName];
    if (!set)
      throw new ParseError(
        ctx.file,
        lineOf(setLeaf),
        `expected proposal-set basic, compatible, standard, suiteb-gcm-128, suiteb-gcm-256, prime-128 or prime-256, found ${JSON.stringify(setName)}`,
      );
    const raw = rawOf(setLeaf, would(ctx, path, ['proposal-set', setName]));
    const at = ref(ctx, lineOf(setLeaf));
    if (!pfs)
      pfs = set.pfs ? inferred([set.pfs], `${raw} (g${set.pfs}- proposals)`, at) : defaultOf({ value: [0], assumed: false }, `${raw} (nopfs- proposals)`);
    const lifetime = assumedDefault(
      DEFAULTS.ipsecLifetimeSeconds.value,
      `proposal-set ${setName}: lifetime-seconds ${DEFAULTS.ipsecLifetimeSeconds.value}`,
      'seconds',
    );
    return {
      proposals: set.assumed ? inferredFromAssumed(set.proposals, raw, at) : inferred(set.proposals, raw, at),
      pfs,
      lifetime,
      kilobytes: defaultOf(DEFAULTS.ipsecLifetimeKilobytes, `proposal-set ${setName}: no lifetime-kilobytes`, 'kilobytes'),
      names: [],
      set: setName,
    };
  }
  if (!pfs)
    pfs = defaultOf(
      { value: [DEFAULTS.pfs.value], assumed: false },
      ctx.set ? `(no "set ${path.join(' ')} perfect-forward-secrecy")` : '(no perfect-forward-secrecy)',
    );
  const names = values(policy, 'proposals');
  if (!names.length) {
    warn(ctx, `IPsec policy ${policy.name} names no proposals and no proposal-set: its tunnels are not compared`, policy.line);
    return undefined;
  }
  const proposals: ChildProposal[] = [];
  let lifetime: Setting<number> | undefined;
  let kilobytes: Setting<number> | undefined;
  for (const name of names) {
    const p = child(at(security, 'ipsec/proposal'), name);
    if (!p) {
      warn(
        ctx,
        `IPsec policy ${policy.name} names proposal ${name}, which is not defined in this file: its tunnels are not compared`,
        lineOf(child(policy, 'proposals') as JNode),
      );
      return undefined;
    }
    const pp = ['security', 'ipsec', 'proposal', name];
    const protoLeaf = child(p, 'protocol');
    const proto = protoLeaf
      ? keyword(ctx, protoLeaf, { esp: 'esp', ah: 'ah', bundle: 'bundle' } as Record<string, string>, 'protocol')
      : DEFAULTS.ipsecProtocol.value;
    if (proto === 'bundle') note(ctx, `IPsec proposal ${name} is an AH+ESP bundle: compared as its ESP part`, lineOf(protoLeaf as JNode));
    const enc = child(p, 'encryption-algorithm');
    const integ = child(p, 'authentication-algorithm');
    const e = enc ? keyword(ctx, enc, IPSEC_ENCRYPTION, 'encryption-algorithm') : undefined;
    const i = integ ? keyword(ctx, integ, IPSEC_INTEGRITY, 'authentication-algorithm') : undefined;
    if (proto === 'ah') {
      if (!i) {
        warn(ctx, `IPsec proposal ${name} (AH) has no authentication-algorithm: its tunnels are not compared`, p.line);
        return undefined;
      }
      proposals.push({ protocol: 'ah', encryption: [], integrity: [i] });
    } else {
      const aead = e !== undefined && /gcm|poly1305/.test(e);
      proposals.push({ protocol: 'esp', encryption: e ? [e] : ['null'], integrity: aead ? [] : i ? [i] : [] });
    }
    const life = child(p, 'lifetime-seconds');
    const l = life
      ? explicit(
          wholeNumber(ctx, life, `IPsec proposal ${name} lifetime-seconds`, RANGES.lifetimeSeconds),
          rawOf(life, `lifetime-seconds ${value(life)};`),
          ref(ctx, lineOf(life)),
          'seconds',
        )
      : defaultOf(
          DEFAULTS.ipsecLifetimeSeconds,
          would(ctx, [...(lsys ? ['logical-systems', lsys] : []), ...pp], ['lifetime-seconds', String(DEFAULTS.ipsecLifetimeSeconds.value)]),
          'seconds',
        );
    const kb = child(p, 'lifetime-kilobytes');
    const k = kb
      ? explicit(
          wholeNumber(ctx, kb, `IPsec proposal ${name} lifetime-kilobytes`, RANGES.lifetimeKilobytes),
          rawOf(kb, `lifetime-kilobytes ${value(kb)};`),
          ref(ctx, lineOf(kb)),
          'kilobytes',
        )
      : defaultOf(DEFAULTS.ipsecLifetimeKilobytes, ctx.set ? `(no "set ${pp.join(' ')} lifetime-kilobytes")` : '(no lifetime-kilobytes)', 'kilobytes');
    if (!lifetime) lifetime = l;
    else if (lifetime.value !== l.value)
      note(
        ctx,
        `IPsec policy ${policy.name}: proposal ${name} has lifetime ${l.value} s, the first proposal ${lifetime.value} s: the first is compared`,
        p.line,
      );
    if (!kilobytes) kilobytes = k;
  }
  const list = child(policy, 'proposals') as JNode;
  return {
    proposals: explicit(proposals, rawOf(list, `proposals [ ${names.join(' ')} ];`), ref(ctx, lineOf(list))),
    pfs,
    lifetime: lifetime as Setting<number>,
    kilobytes: kilobytes as Setting<number>,
    names,
  };
}

/** `local-ip`, `remote`, `local` … as a canonical prefix. */
function prefix(ctx: Ctx, leaf: JNode, what: string): string {
  const v = value(leaf) ?? '';
  const c = canonicalCidr(v);
  if (!c) throw new ParseError(ctx.file, lineOf(leaf), `expected ${what} as an IP prefix (10.0.0.0/24), found ${JSON.stringify(v)}`);
  return c;
}

type Common = Pick<Phase2, 'mode' | 'proposals' | 'pfsGroups' | 'lifetimeSeconds' | 'lifetimeKilobytes'>;

function phase2s(ctx: Ctx, security: JNode, vpn: JNode, common: Common, refs: Record<string, string>, lsys: string | undefined): Phase2[] {
  const out: Phase2[] = [];
  for (const ts of active(child(vpn, 'traffic-selector'))) {
    const l = child(ts, 'local-ip');
    const r = child(ts, 'remote-ip');
    if (!l || !r) {
      warn(ctx, `VPN ${vpn.name} traffic-selector ${ts.name} lacks ${l ? 'remote-ip' : 'local-ip'}: not compared`, ts.line);
      continue;
    }
    out.push({
      name: ts.name,
      at: ref(ctx, ts.line),
      localSelectors: explicit([prefix(ctx, l, 'local-ip')], rawOf(l, `local-ip ${value(l)};`), ref(ctx, lineOf(l))),
      remoteSelectors: explicit([prefix(ctx, r, 'remote-ip')], rawOf(r, `remote-ip ${value(r)};`), ref(ctx, lineOf(r))),
      ipProtocol: byDefault(0, 'traffic-selector: any protocol'),
      ...common,
      vendorRefs: { ...refs, trafficSelector: ts.name },
    });
  }
  if (out.length) return out;
  const pid = at(vpn, 'ike/proxy-identity');
  if (pid) {
    const l = child(pid, 'local');
    const r = child(pid, 'remote');
    const svc = child(pid, 'service');
    const any = byDefault(['0.0.0.0/0'], 'proxy-identity: 0.0.0.0/0');
    const p: Phase2 = {
      name: vpn.name,
      at: ref(ctx, pid.line),
      localSelectors: l ? explicit([prefix(ctx, l, 'proxy-identity local')], rawOf(l, `local ${value(l)};`), ref(ctx, lineOf(l))) : any,
      remoteSelectors: r ? explicit([prefix(ctx, r, 'proxy-identity remote')], rawOf(r, `remote ${value(r)};`), ref(ctx, lineOf(r))) : { ...any },
      ...common,
      vendorRefs: { ...refs, proxyIdentity: 'yes' },
    };
    const s = value(svc);
    if (svc && s !== 'any')
      note(ctx, `VPN ${vpn.name} proxy-identity service ${s}: the protocol is not resolved from the application (compared as any)`, lineOf(svc));
    p.ipProtocol = svc ? explicit(0, rawOf(svc, `service ${s};`), ref(ctx, lineOf(svc))) : byDefault(0, 'service any');
    return [p];
  }
  const bind = value(vpn, 'bind-interface');
  if (bind) {
    const raw = `bind-interface ${bind} (route-based, no traffic-selector or proxy-identity): 0.0.0.0/0`;
    const any = assumedDefault([DEFAULTS.routeBasedSelectors.value], raw);
    const p: Phase2 = { name: vpn.name, at: ref(ctx, vpn.line), localSelectors: any, remoteSelectors: { ...any }, ...common, vendorRefs: refs };
    p.ipProtocol = assumedDefault(0, 'service any');
    return [p];
  }
  return policyBased(ctx, security, vpn, common, refs, lsys);
}

/** Policy-based: each security policy that tunnels into the VPN is one phase 2 (its addresses are the proxy IDs). */
function policyBased(ctx: Ctx, security: JNode, vpn: JNode, common: Common, refs: Record<string, string>, _lsys: string | undefined): Phase2[] {
  const lookup = addressBook(ctx, security);
  const out: Phase2[] = [];
  const pols = child(security, 'policies');
  for (const from of active(child(pols, 'from-zone'))) {
    for (const to of active(child(from, 'to-zone'))) {
      for (const pol of active(child(to, 'policy'))) {
        const tun = at(pol, 'then/permit/tunnel');
        if (value(tun, 'ipsec-vpn') !== vpn.name) continue;
        const what = `VPN ${vpn.name} policy ${pol.name}`;
        const src = values(pol, 'match/source-address');
        const dst = values(pol, 'match/destination-address');
        const srcLine = (at(pol, 'match/source-address') as JNode | undefined)?.line ?? pol.line;
        const dstLine = (at(pol, 'match/destination-address') as JNode | undefined)?.line ?? pol.line;
        const local = src.flatMap((a) => lookup(a, srcLine, what) ?? []);
        const remoteSel = dst.flatMap((a) => lookup(a, dstLine, what) ?? []);
        out.push({
          name: `${vpn.name} (policy ${pol.name})`,
          at: ref(ctx, pol.line),
          localSelectors: inferred(local, `policy ${pol.name} match source-address ${src.join(' ')}`, ref(ctx, srcLine)),
          remoteSelectors: inferred(remoteSel, `policy ${pol.name} match destination-address ${dst.join(' ')}`, ref(ctx, dstLine)),
          ipProtocol: byDefault(0, 'application any'),
          ...common,
          vendorRefs: { ...refs, policy: `${from.name} ${to.name} ${pol.name}` },
        });
      }
    }
  }
  if (!out.length) warn(ctx, `VPN ${vpn.name} has no bind-interface and no security policy tunnels into it: its selectors are unknown`, vpn.line);
  return out;
}

// --- VPNs -----------------------------------------------------------------------------------

function readVpns(ctx: Ctx, scope: JNode, interfaces: InterfaceAddress[], lsys: string | undefined): TunnelEnd[] {
  const security = child(scope, 'security');
  const vpns = child(child(security, 'ipsec'), 'vpn');
  const out: TunnelEnd[] = [];
  if (!security || !vpns) return out;
  const prefix = lsys ? `${lsys}/` : '';
  const usedGateways = new Set<string>();
  for (const vpn of vpns.children) {
    const inactive = vpn.inactive === true;
    const ike = inactive ? anyChild(vpn, 'ike') : child(vpn, 'ike');
    if (!ike) {
      if (child(vpn, 'manual') || anyChild(vpn, 'manual')) note(ctx, `VPN ${vpn.name} is a manual-key SA (no IKE): not compared`, vpn.line);
      else warn(ctx, `VPN ${vpn.name} has no ike gateway: not compared`, vpn.line);
      continue;
    }
    const gwName = value(ike, 'gateway');
    const polName = value(ike, 'ipsec-policy');
    if (!gwName || !polName) {
      warn(ctx, `VPN ${vpn.name} names no ${gwName ? 'ipsec-policy' : 'ike gateway'}: not compared`, ike.line);
      continue;
    }
    const gwAny = anyChild(at(security, 'ike/gateway'), gwName);
    const gw = child(at(security, 'ike/gateway'), gwName);
    if (!inactive) usedGateways.add(gwName);
    if (!gwAny) {
      warn(ctx, `VPN ${vpn.name} uses IKE gateway ${gwName}, which is not defined in this file: not compared`, lineOf(child(ike, 'gateway') as JNode));
      continue;
    }
    const ipsecPolicy = child(at(security, 'ipsec/policy'), polName);
    if (!ipsecPolicy) {
      warn(
        ctx,
        `VPN ${vpn.name} uses IPsec policy ${polName}, which is not ${anyChild(at(security, 'ipsec/policy'), polName) ? 'active' : 'defined in this file'}: not compared`,
        lineOf(child(ike, 'ipsec-policy') as JNode),
      );
      continue;
    }
    const gateway = gw ?? gwAny;
    const ikePolName = value(gateway, 'ike-policy');
    const ikePolicy = ikePolName ? child(at(security, 'ike/policy'), ikePolName) : undefined;
    if (!ikePolName || !ikePolicy) {
      warn(
        ctx,
        ikePolName
          ? `IKE gateway ${gwName} uses IKE policy ${ikePolName}, which is not defined (or not active) in this file: not compared`
          : `IKE gateway ${gwName} names no ike-policy: not compared`,
        gateway.line,
      );
      continue;
    }
    const p1 = readIkePolicy(ctx, security, ikePolicy, lsys);
    const p2 = readIpsecPolicy(ctx, security, ipsecPolicy, lsys);
    const peer = remote(ctx, gateway);
    if (!p1 || !p2 || !peer) continue;

    const versionLeaf = child(gateway, 'version');
    const versionWord = value(versionLeaf);
    if (versionLeaf && versionWord !== 'v1-only' && versionWord !== 'v2-only') {
      throw new ParseError(ctx.file, lineOf(versionLeaf), `expected IKE gateway ${gwName} version v1-only or v2-only, found ${JSON.stringify(versionWord)}`);
    }
    const ikeVersion: Setting<1 | 2> = versionLeaf
      ? explicit(versionWord === 'v2-only' ? 2 : 1, rawOf(versionLeaf, `version ${versionWord};`), ref(ctx, lineOf(versionLeaf)))
      : defaultOf(DEFAULTS.ikeVersion, would(ctx, ikePath(lsys, 'ike', 'gateway', gwName), ['version', 'v1-only']));

    const location: Location = {
      vpn: vpn.name,
      gateway: gwName,
      ikePolicy: ikePolicy.name,
      ipsecPolicy: ipsecPolicy.name,
      ikeProposals: p1.names.join(' '),
      ipsecProposals: p2.names.join(' '),
    };
    if (lsys) location.lsys = lsys;
    if (p1.set) location.ikeProposalSet = p1.set;
    if (p2.set) location.ipsecProposalSet = p2.set;
    const bind = value(vpn, 'bind-interface');
    if (bind) location.bind = bind;
    const refs = Object.fromEntries(Object.entries(location).filter((e): e is [string, string] => e[1] !== undefined));

    const common: Common = {
      mode: byDefault<'tunnel' | 'transport'>('tunnel', 'tunnel mode'),
      proposals: p2.proposals,
      pfsGroups: p2.pfs,
      lifetimeSeconds: p2.lifetime,
      lifetimeKilobytes: p2.kilobytes,
    };
    const end: TunnelEnd = {
      name: prefix + vpn.name,
      at: ref(ctx, vpn.line),
      enabled: !inactive && gw !== undefined,
      remoteGateway: peer.remote,
      ikeVersion,
      auth: { method: p1.method },
      phase1: { proposals: p1.proposals, lifetimeSeconds: p1.lifetime },
      natt: natt(ctx, gateway, lsys),
      dpd: dpd(ctx, gateway, lsys),
      phase2: phase2s(ctx, security, vpn, common, refs, lsys),
      vendorRefs: refs,
    };
    const key = psk(ctx, ikePolicy);
    if (key) end.auth.psk = key;
    if (ikeVersion.value === 1) {
      const mode = child(ikePolicy, 'mode');
      const m = value(mode);
      if (mode && m !== 'main' && m !== 'aggressive')
        throw new ParseError(ctx.file, lineOf(mode), `expected IKE policy ${ikePolicy.name} mode main or aggressive, found ${JSON.stringify(m)}`);
      end.phase1.exchangeMode = mode
        ? explicit(m as 'main' | 'aggressive', rawOf(mode, `mode ${m};`), ref(ctx, lineOf(mode)))
        : defaultOf(DEFAULTS.exchangeMode, would(ctx, ikePath(lsys, 'ike', 'policy', ikePolicy.name), ['mode', 'main']));
    }
    const local = localGateway(ctx, gateway, interfaces);
    if (local) end.localGateway = local;
    const lid = identity(ctx, child(gateway, 'local-identity'));
    const rid = identity(ctx, child(gateway, 'remote-identity'));
    if (lid) end.auth.localId = lid;
    if (rid) end.auth.remoteId = rid;
    const sent = localIdentity(ctx, child(gateway, 'local-identity'), end.auth.method.value, local);
    if (sent) end.auth.localIdentity = sent;
    const accepted = peer.dynamic ? undefined : peerIdentity(ctx, gateway, end.remoteGateway);
    if (accepted) end.auth.peerIdentity = accepted;
    const establish = child(vpn, 'establish-tunnels');
    if (peer.dynamic) end.initiates = inferred(false, peer.remote.raw, peer.remote.at);
    else if (establish && value(establish))
      end.initiates = explicit(true, rawOf(establish, `establish-tunnels ${value(establish)};`), ref(ctx, lineOf(establish)));
    const action = junosDeadPeerAction(
      end,
      establish && value(establish)
        ? { value: value(establish)!, raw: rawOf(establish, `establish-tunnels ${value(establish)};`), at: ref(ctx, lineOf(establish)) }
        : undefined,
    );
    if (action) end.dpd.action = action;
    if (inactive) {
      const gwStill = gw && !usedByOther(vpns, vpn, gwName);
      const still = gwStill ? `; its IKE gateway ${gwName} is still active, so phase 1 from ${peer.remote.value} may come up but no IPsec SA will` : '';
      warn(ctx, `VPN ${vpn.name} is inactive (deactivate/inactive:): Junos ignores it, so this end neither initiates nor answers phase 2${still}`, vpn.line);
    } else if (!gw) {
      warn(ctx, `VPN ${vpn.name} uses IKE gateway ${gwName}, which is inactive: the tunnel cannot be negotiated`, gwAny.line);
    }
    out.push(end);
  }
  for (const gw of active(at(security, 'ike/gateway'))) {
    if (!usedGateways.has(gw.name) && !vpns.children.some((v) => value(anyChild(v, 'ike'), 'gateway') === gw.name)) {
      note(ctx, `IKE gateway ${gw.name} is used by no IPsec VPN in this file: not compared`, gw.line);
    }
  }
  return out;
}

function usedByOther(vpns: JNode, self: JNode, gateway: string): boolean {
  return active(vpns).some((v) => v !== self && value(child(v, 'ike'), 'gateway') === gateway);
}
