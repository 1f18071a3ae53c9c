/**
 * PAN-OS configuration (XML or set form) → Device. One TunnelEnd per auto-key IPsec tunnel
 * (`network tunnel ipsec`) and IKE gateway it names; phase 1 from the gateway and its IKE crypto
 * profile, one phase 2 per proxy ID (or 0.0.0.0/0 both ways when a route-based tunnel has none)
 * from the IPsec crypto profile. Interfaces and address objects resolve the local gateway and
 * address-object peers. What the configuration leaves out is the PAN-OS default (defaults.ts).
 */
import { ParseError } from '../../src/model/errors.js';
import { canonicalCidr, isIpAddress, parseCidr } from '../../src/model/net.js';
import { PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { answersBothVersions, assumedDefault, byDefault, explicit, inferred } from '../../src/model/setting.js';
import { addressType } from '../../src/model/identity.js';
import type {
  AuthMethod,
  Device,
  Diagnostic,
  IdType,
  Identity,
  IdentityMatch,
  InterfaceAddress,
  Phase2,
  Setting,
  SourceRef,
  TunnelEnd,
} from '../../src/model/types.js';
import { type Ctx, factoryIkeProfile, factoryIpsecProfile, type IkeProfile, type IpsecProfile, readProfiles } from './crypto.js';
import { GATEWAY, RANGES } from './defaults.js';
import { BRACE_OPEN, parseBraceConfig } from './brace.js';
import { type DeviceRoot, deviceRoots, hostnameOf } from './locate.js';
import { panosDeadPeerAction } from './recovery.js';
import { isEncryptedSecret, REDACTED } from './secrets.js';
import { applySetLines, isSetCommand, NOISE, PROMPT, parseSetConfig } from './setformat.js';
import { at, child, has, lineOf, names, type PNode, text } from './tree.js';
import { parseXmlConfig, xmlStartLine } from './xml.js';

export const VENDOR = 'panos';

export type Form = 'xml' | 'set' | 'brace';

/** Which form the text is in: whichever of `<…`, `set …` and `name {` starts first. */
export function formOf(text: string): Form {
  const lines = text.split('\n', 2000);
  const first: Array<[Form, number]> = [
    ['xml', xmlStartLine(lines) ?? -1],
    ['set', lines.findIndex((l) => isSetCommand(l) && !PROMPT.test(l))],
    ['brace', lines.findIndex((l) => BRACE_OPEN.test(l) && !PROMPT.test(l))],
  ];
  const found = first.filter(([, at]) => at >= 0).sort((a, b) => a[1] - b[1]);
  return found[0]?.[0] ?? 'set';
}

export function parsePanos(text: string, file: string): Device {
  if (text.trim() === '') throw new ParseError(file, 1, 'expected a PAN-OS configuration (XML or set commands), found an empty file');
  const diagnostics: Diagnostic[] = [];
  const form = formOf(text);
  const ctx: Ctx = {
    file,
    form,
    warn(line, message, level = 'warning') {
      diagnostics.push(line === undefined ? { level, message } : { level, message, at: { file, line } });
    },
  };
  let config: PNode;
  if (form === 'xml') {
    const xml = parseXmlConfig(text, file);
    config = xml.root;
    const rest = xml.rest.map((t, i) => ({ text: t, line: xml.restFromLine + i }));
    const applied = applySetLines(config, rest, file, xmlPaths(config));
    if (applied.commands)
      ctx.warn(
        rest.find((l) => isSetCommand(l.text))?.line,
        `${applied.commands} configure-mode command(s) after the XML applied to it, as a candidate configuration`,
        'info',
      );
    for (const u of applied.unknown.slice(0, 3))
      ctx.warn(u.line, 'text after the configuration ignored (expected set/delete commands or a CLI prompt)', 'info');
  } else if (form === 'brace') {
    const { body, rest } = trailingCommands(text);
    config = parseBraceConfig(body, file);
    const applied = applySetLines(config, rest, file, xmlPaths(config));
    if (applied.commands)
      ctx.warn(
        rest.find((l) => isSetCommand(l.text))?.line,
        `${applied.commands} configure-mode command(s) after the configuration applied to it, as a candidate configuration`,
        'info',
      );
  } else {
    const set = parseSetConfig(text, file);
    config = set.root;
    for (const u of set.applied.unknown.slice(0, 3)) ctx.warn(u.line, 'line ignored: expected a set/delete command, a CLI prompt or a # comment', 'info');
  }
  const roots = deviceRoots(config);
  if (!roots.length && !isPanosConfig(config)) {
    throw new ParseError(
      file,
      config.line,
      'expected a PAN-OS configuration (<config><devices><entry><network>, or set network/deviceconfig/template …), found none of it',
    );
  }
  const interfaces: InterfaceAddress[] = [];
  const tunnels: TunnelEnd[] = [];
  for (const root of roots) {
    const rootInterfaces = readInterfaces(ctx, root);
    interfaces.push(...rootInterfaces);
    tunnels.push(...readTunnels(ctx, root, rootInterfaces));
  }
  const device: Device = { vendor: VENDOR, origin: file, interfaces, tunnels, diagnostics };
  const hostname = hostnameOf(config);
  if (hostname) device.hostname = hostname;
  return device;
}

/**
 * The default form followed by configure-mode commands (a fix pasted under a saved configuration):
 * the trailing run of set/delete commands, prompts and blank lines, kept apart with their lines.
 */
function trailingCommands(text: string): { body: string; rest: Array<{ text: string; line: number }> } {
  const lines = text.split('\n');
  let from = lines.length;
  while (from > 0) {
    const t = lines[from - 1].trim();
    if (isSetCommand(t) || PROMPT.test(t) || NOISE.test(t)) from--;
    else break;
  }
  // only when commands are there: a prompt or blank tail alone stays with the body
  const rest = lines.slice(from).map((t, i) => ({ text: t, line: from + i + 1 }));
  if (!rest.some((l) => isSetCommand(l.text))) return { body: text, rest: [] };
  return { body: lines.slice(0, from).join('\n'), rest };
}

/**
 * Set-form paths as the XML nests them: the firewall's own `set network …` lives under
 * `devices/<entry>`, a single-vsys `set address …` under its vsys, and a Panorama
 * `set template T config network …` under the template's `devices/<entry>`.
 */
function xmlPaths(config: PNode): (w: string[]) => string[] {
  const device = child(config, 'devices')?.children[0];
  const dev = device?.name ?? 'localhost.localdomain';
  const vsys = child(device, 'vsys')?.children[0]?.name ?? 'vsys1';
  const TOP = ['mgt-config', 'shared', 'devices'];
  return (w) => {
    if (!w.length || TOP.includes(w[0])) return w;
    if ((w[0] === 'template' || w[0] === 'template-stack') && w[2] === 'config' && w[3] !== undefined && !TOP.includes(w[3])) {
      const inner = child(at(device, `${w[0]}/${w[1]}/config`), 'devices')?.children[0]?.name ?? 'localhost.localdomain';
      return ['devices', dev, w[0], w[1], 'config', 'devices', inner, ...w.slice(3)];
    }
    if (['address', 'address-group', 'zone', 'rulebase', 'service', 'import'].includes(w[0])) return ['devices', dev, 'vsys', vsys, ...w];
    return ['devices', dev, ...w];
  };
}

function isPanosConfig(config: PNode): boolean {
  return ['devices', 'shared', 'mgt-config', 'deviceconfig', 'network', 'template', 'device-group'].some((n) => child(config, n));
}

// --- addresses ------------------------------------------------------------------------------

interface Resolved {
  /** address without prefix, or an FQDN */
  value: string;
  prefix?: number;
  line: number;
}

/**
 * An address as PAN-OS lets one be written where an IP goes: `192.0.2.1`, `192.0.2.1/24`, an
 * address object name (`ip-netmask`, `fqdn`), or a Panorama template variable (`$wan-ip`).
 */
function resolveAddress(ctx: Ctx, root: DeviceRoot, value: string, line: number, what: string): Resolved | undefined {
  const literal = parseCidr(value.includes('/') ? value : `${value}/${value.includes(':') ? 128 : 32}`);
  if (literal) {
    const [addr, len] = value.split('/');
    return { value: addr, prefix: len === undefined ? undefined : Number(len), line };
  }
  if (value.startsWith('$')) {
    const v = child(root.variables, value);
    const t = text(at(v, 'type/ip-netmask')) ?? text(at(v, 'type/fqdn'));
    if (t === undefined) {
      ctx.warn(line, `${what}: template variable ${value} is not defined with an ip-netmask or fqdn in ${root.label || 'this file'}`);
      return undefined;
    }
    return resolveAddress(ctx, root, t, lineOf(at(v, 'type') as PNode), what);
  }
  for (const scope of root.addressScopes) {
    const obj = child(child(scope, 'address'), value);
    if (!obj) continue;
    const ipn = text(obj, 'ip-netmask');
    if (ipn !== undefined) return resolveAddress(ctx, root, ipn, obj.line, what);
    const fqdn = text(obj, 'fqdn');
    if (fqdn !== undefined) return { value: fqdn, line: obj.line };
    ctx.warn(line, `${what}: address object ${value} (line ${obj.line}) is not an ip-netmask or fqdn`);
    return undefined;
  }
  ctx.warn(line, `${what}: ${value} is neither an IP address nor an address object defined in this file`);
  return undefined;
}

/** Layer-3 addresses of ethernet, aggregate, loopback, tunnel and VLAN interfaces (and their units). */
function readInterfaces(ctx: Ctx, root: DeviceRoot): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  const iface = at(root.node, 'network/interface');
  const add = (name: string, ipList: PNode | undefined) => {
    for (const entry of names(ipList)) {
      const r = resolveAddress(ctx, root, entry, ipList?.children.find((c) => c.name === entry)?.line ?? lineOf(ipList as PNode), `interface ${name}`);
      if (!r || !isIpAddress(r.value)) continue;
      const a: InterfaceAddress = { name, address: r.value, at: { file: ctx.file, line: r.line } };
      if (r.prefix !== undefined) a.prefixLength = r.prefix;
      out.push(a);
    }
  };
  for (const kind of ['ethernet', 'aggregate-ethernet']) {
    for (const e of child(iface, kind)?.children ?? []) {
      const l3 = child(e, 'layer3');
      add(e.name, child(l3, 'ip'));
      for (const u of child(l3, 'units')?.children ?? []) add(u.name, child(u, 'ip'));
    }
  }
  for (const kind of ['loopback', 'tunnel', 'vlan']) {
    const k = child(iface, kind);
    if (child(k, 'ip')) add(kind, child(k, 'ip'));
    for (const u of child(k, 'units')?.children ?? []) add(u.name, child(u, 'ip'));
  }
  return out;
}

// --- gateways and tunnels -------------------------------------------------------------------

const ref = (ctx: Ctx, line: number): SourceRef => ({ file: ctx.file, line });

/**
 * A leaf as written: the set line, or the XML element inside the parents that say what it is
 * (`<nat-traversal><enable>no</enable></nat-traversal>` rather than a bare `<enable>no</enable>`).
 */
function rawOf(ctx: Ctx, leaf: PNode, parents: string[], fallback: string): string {
  if (!leaf.raw) return fallback;
  if (ctx.form === 'set') return leaf.raw;
  if (ctx.form === 'brace') return parents.reduceRight((inner, p) => `${p} { ${inner} }`, leaf.raw);
  return parents.reduceRight((inner, p) => `<${p}>${inner}</${p}>`, leaf.raw);
}

function yesNo(ctx: Ctx, leaf: PNode | undefined, what: string): boolean | undefined {
  const v = text(leaf);
  if (v === undefined) return undefined;
  if (v !== 'yes' && v !== 'no') throw new ParseError(ctx.file, lineOf(leaf as PNode), `expected ${what} yes or no, found ${JSON.stringify(v)}`);
  return v === 'yes';
}

function intIn(ctx: Ctx, leaf: PNode, what: string, [lo, hi]: readonly [number, number]): number {
  const t = text(leaf) ?? '';
  if (!/^\d+$/.test(t)) throw new ParseError(ctx.file, lineOf(leaf), `expected ${what} as a whole number, found ${JSON.stringify(t)}`);
  const n = Number(t);
  if (n < lo || n > hi) ctx.warn(lineOf(leaf), `${what} ${n} is outside what PAN-OS accepts (${lo}–${hi}); read as written`);
  return n;
}

/** Where a tunnel lives, as plain strings for fixes (`vendorRefs` survives JSON and workers). */
export interface Location {
  template?: string;
  templateKind?: 'template' | 'template-stack';
  gateway: string;
  tunnel: string;
  ikeProfile: string;
  ipsecProfile: string;
  ikeVersion: 'ikev1' | 'ikev2' | 'ikev2-preferred';
  /** the crypto profile each version names, when the gateway names one (a version fix keeps it) */
  ikev1Profile?: string;
  ikev2Profile?: string;
}

function readTunnels(ctx: Ctx, root: DeviceRoot, interfaces: InterfaceAddress[]): TunnelEnd[] {
  const network = child(root.node, 'network');
  const profiles = readProfiles(ctx, at(network, 'ike/crypto-profiles'));
  const gateways = child(at(network, 'ike'), 'gateway');
  const used = new Set<string>();
  const out: TunnelEnd[] = [];
  const prefix = root.template ? `${root.template.name}/` : '';
  for (const tunnel of child(at(network, 'tunnel'), 'ipsec')?.children ?? []) {
    const autoKey = child(tunnel, 'auto-key');
    if (!autoKey) {
      const kind = has(tunnel, 'manual-key')
        ? 'a manual-key tunnel (no IKE)'
        : has(tunnel, 'global-protect-satellite')
          ? 'a GlobalProtect satellite tunnel'
          : 'a tunnel without auto-key';
      ctx.warn(tunnel.line, `IPsec tunnel ${tunnel.name} is ${kind}: not compared`, 'info');
      continue;
    }
    const gwRef = child(autoKey, 'ike-gateway');
    const gwNames = names(gwRef);
    if (!gwNames.length) {
      ctx.warn(autoKey.line, `IPsec tunnel ${tunnel.name} names no ike-gateway: not compared`);
      continue;
    }
    for (const gwName of gwNames) {
      const gw = child(gateways, gwName);
      if (!gw) {
        ctx.warn(
          gwRef ? lineOf(gwRef) : autoKey.line,
          `IPsec tunnel ${tunnel.name} (line ${tunnel.line}) uses ike-gateway ${gwName}, which is not defined in this file`,
        );
        continue;
      }
      used.add(gwName);
      const name = prefix + (gwNames.length > 1 ? `${tunnel.name} (${gwName})` : tunnel.name);
      out.push(tunnelEnd(ctx, root, name, tunnel, gw, profiles, interfaces));
    }
  }
  for (const gw of gateways?.children ?? []) {
    if (!used.has(gw.name)) ctx.warn(gw.line, `IKE gateway ${gw.name} is used by no IPsec tunnel in this file: not compared`, 'info');
  }
  return out;
}

function tunnelEnd(
  ctx: Ctx,
  root: DeviceRoot,
  name: string,
  tunnel: PNode,
  gw: PNode,
  profiles: { ike: Map<string, IkeProfile>; ipsec: Map<string, IpsecProfile> },
  interfaces: InterfaceAddress[],
): TunnelEnd {
  const protocol = child(gw, 'protocol');
  const versionLeaf = child(protocol, 'version');
  const versionText = text(versionLeaf) ?? GATEWAY.version;
  if (versionText !== 'ikev1' && versionText !== 'ikev2' && versionText !== 'ikev2-preferred') {
    throw new ParseError(
      ctx.file,
      lineOf(versionLeaf as PNode),
      `expected the IKE gateway ${gw.name} version ikev1, ikev2 or ikev2-preferred, found ${JSON.stringify(versionText)}`,
    );
  }
  const v = versionText === 'ikev1' ? 1 : 2;
  const ikeVersion: Setting<1 | 2> = versionLeaf?.values
    ? explicit(v, rawOf(ctx, versionLeaf, ['protocol'], `protocol version ${versionText}`), ref(ctx, lineOf(versionLeaf)))
    : byDefault(1, ctx.form === 'xml' ? '<version>ikev1</version>' : 'protocol version ikev1');
  const proto = v === 1 ? 'ikev1' : 'ikev2';
  const ikeProfileLeaf = at(protocol, `${proto}/ike-crypto-profile`);
  const ikeProfileName = text(ikeProfileLeaf) ?? GATEWAY.ikeCryptoProfile;
  const ike = lookupProfile(
    ctx,
    profiles.ike,
    ikeProfileName,
    () => factoryIkeProfile(ctx.form),
    `IKE gateway ${gw.name}`,
    ikeProfileLeaf,
    'IKE crypto profile',
    gw,
  );

  const autoKey = child(tunnel, 'auto-key') as PNode;
  const ipsecLeaf = child(autoKey, 'ipsec-crypto-profile');
  const ipsecName = text(ipsecLeaf) ?? 'default';
  const ipsec = lookupProfile(
    ctx,
    profiles.ipsec,
    ipsecName,
    () => factoryIpsecProfile(ctx.form),
    `IPsec tunnel ${tunnel.name}`,
    ipsecLeaf,
    'IPsec crypto profile',
    child(tunnel, 'auto-key') as PNode,
  );

  const location: Location = { gateway: gw.name, tunnel: tunnel.name, ikeProfile: ikeProfileName, ipsecProfile: ipsecName, ikeVersion: versionText };
  const v1 = text(at(protocol, 'ikev1/ike-crypto-profile'));
  const v2 = text(at(protocol, 'ikev2/ike-crypto-profile'));
  if (v1 !== undefined) location.ikev1Profile = v1;
  if (v2 !== undefined) location.ikev2Profile = v2;
  if (root.template) {
    location.template = root.template.name;
    location.templateKind = root.template.kind;
  }

  const end: TunnelEnd = {
    name,
    at: ref(ctx, tunnel.line),
    enabled: !(yesNo(ctx, child(tunnel, 'disabled'), 'disabled') || yesNo(ctx, child(gw, 'disabled'), 'disabled')),
    remoteGateway: peerAddress(ctx, root, gw),
    ikeVersion,
    ...answersBothVersions(ikeVersion, versionText === 'ikev2-preferred'),
    auth: authentication(ctx, gw),
    phase1: { proposals: ike.proposals, lifetimeSeconds: ike.lifetime },
    natt: natTraversal(ctx, gw),
    dpd: deadPeerDetection(ctx, protocol, v),
    phase2: phase2s(ctx, tunnel, autoKey, ipsec),
    vendorRefs: Object.fromEntries(Object.entries(location).filter((e): e is [string, string] => e[1] !== undefined)),
  };
  if (v === 1) end.phase1.exchangeMode = exchangeMode(ctx, protocol);
  const local = localGateway(ctx, root, gw, interfaces);
  if (local) end.localGateway = local;
  const lid = identity(ctx, child(gw, 'local-id'));
  const rid = identity(ctx, child(gw, 'peer-id'));
  if (lid) end.auth.localId = lid;
  if (rid) end.auth.remoteId = rid;
  const sent = localIdentity(ctx, child(gw, 'local-id'), end.auth.method.value, local);
  if (sent) end.auth.localIdentity = sent;
  const accepted = peerIdentity(ctx, child(gw, 'peer-id'));
  if (accepted) end.auth.peerIdentity = accepted;
  const initiates = initiator(ctx, gw, end.remoteGateway);
  if (initiates) end.initiates = initiates;
  const monitorLeaf = at(tunnel, 'tunnel-monitor/enable');
  const action = panosDeadPeerAction(
    end,
    yesNo(ctx, monitorLeaf, 'tunnel-monitor enable')
      ? { raw: rawOf(ctx, monitorLeaf as PNode, ['tunnel-monitor'], 'tunnel-monitor enable yes'), at: ref(ctx, lineOf(monitorLeaf as PNode)) }
      : undefined,
  );
  if (action) end.dpd.action = action;
  return end;
}

function lookupProfile<T>(
  ctx: Ctx,
  table: Map<string, T>,
  name: string,
  factory: () => T,
  user: string,
  leaf: PNode | undefined,
  kind: string,
  owner: PNode,
): T {
  const found = table.get(name);
  if (found) return found;
  if (name === 'default') {
    // every firewall ships it; a partial export may leave it out
    ctx.warn(
      leaf ? lineOf(leaf) : owner.line,
      `${user} uses the ${kind} default, which this file does not print: the factory default profile is assumed`,
      'info',
    );
    return factory();
  }
  ctx.warn(
    leaf ? lineOf(leaf) : owner.line,
    `${user} uses ${kind} ${name}, which is not defined in this file: the factory default profile's values are shown in its place`,
  );
  return factory();
}

function peerAddress(ctx: Ctx, root: DeviceRoot, gw: PNode): Setting<string> {
  const pa = child(gw, 'peer-address');
  if (!pa) throw new ParseError(ctx.file, gw.line, `expected a peer-address (ip, fqdn or dynamic) in IKE gateway ${gw.name}, found none`);
  if (has(pa, 'dynamic')) return explicit('any', ctx.form === 'xml' ? '<peer-address><dynamic/></peer-address>' : 'peer-address dynamic', ref(ctx, pa.line));
  const ip = child(pa, 'ip');
  const fqdn = child(pa, 'fqdn');
  const leaf = ip ?? fqdn;
  const value = text(leaf);
  if (!leaf || value === undefined) throw new ParseError(ctx.file, pa.line, `expected peer-address ip, fqdn or dynamic in IKE gateway ${gw.name}`);
  const raw = rawOf(ctx, leaf, ['peer-address'], `peer-address ${leaf.name} ${value}`);
  if (fqdn) return explicit(value, raw, ref(ctx, lineOf(leaf)));
  const r = resolveAddress(ctx, root, value, lineOf(leaf), `IKE gateway ${gw.name} peer-address`);
  if (!r) return explicit(value, raw, ref(ctx, lineOf(leaf)));
  const literal = r.value === value.split('/')[0];
  return literal ? explicit(r.value, raw, ref(ctx, lineOf(leaf))) : inferred(r.value, `${raw} → ${r.value}`, ref(ctx, r.line));
}

function localGateway(ctx: Ctx, root: DeviceRoot, gw: PNode, interfaces: InterfaceAddress[]): Setting<string> | undefined {
  const la = child(gw, 'local-address');
  if (!la) return undefined;
  const ip = child(la, 'ip') ?? child(la, 'floating-ip');
  const ipText = text(ip);
  if (ip && ipText !== undefined) {
    const r = resolveAddress(ctx, root, ipText, lineOf(ip), `IKE gateway ${gw.name} local-address`);
    const raw = rawOf(ctx, ip, ['local-address'], `local-address ${ip.name} ${ipText}`);
    if (r) return r.value === ipText.split('/')[0] ? explicit(r.value, raw, ref(ctx, lineOf(ip))) : inferred(r.value, `${raw} → ${r.value}`, ref(ctx, r.line));
    return undefined;
  }
  const ifLeaf = child(la, 'interface');
  const ifName = text(ifLeaf);
  if (!ifLeaf || ifName === undefined) return undefined;
  const addr = interfaces.find((i) => i.name === ifName);
  const raw = rawOf(ctx, ifLeaf, ['local-address'], `local-address interface ${ifName}`);
  if (addr) return inferred(addr.address, `${raw} → ${addr.address}`, addr.at ?? ref(ctx, lineOf(ifLeaf)));
  // a DHCP or PPPoE interface: the address is not in the configuration
  return inferred(ifName, raw, ref(ctx, lineOf(ifLeaf)));
}

function authentication(ctx: Ctx, gw: PNode): TunnelEnd['auth'] {
  const auth = child(gw, 'authentication');
  const key = at(auth, 'pre-shared-key/key');
  if (has(auth, 'certificate')) {
    return {
      method: explicit<AuthMethod>(
        'certificate',
        ctx.form === 'xml' ? '<authentication><certificate>' : 'authentication certificate',
        ref(ctx, (child(auth, 'certificate') as PNode).line),
      ),
    };
  }
  if (!key) {
    const pre = child(auth, 'pre-shared-key');
    if (pre) return { method: explicit<AuthMethod>('psk', 'authentication pre-shared-key', ref(ctx, pre.line)) };
    return { method: byDefault<AuthMethod>('psk', 'authentication pre-shared-key') };
  }
  const secret = text(key) ?? '';
  // the set line's raw is already redacted by the reader (secrets.ts names `key`)
  const raw = ctx.form === 'xml' ? `<pre-shared-key><key>${REDACTED}</key></pre-shared-key>` : (key.raw ?? `authentication pre-shared-key key ${REDACTED}`);
  const fp = isEncryptedSecret(secret) ? PSK_UNKNOWN : pskFingerprint(secret);
  return {
    method: explicit<AuthMethod>('psk', raw, ref(ctx, lineOf(key))),
    psk: explicit(fp, raw, ref(ctx, lineOf(key))),
  };
}

function identity(ctx: Ctx, id: PNode | undefined): Setting<string> | undefined {
  const value = text(id, 'id');
  if (!id || value === undefined) return undefined;
  const type = text(id, 'type');
  const leaf = child(id, 'id') as PNode;
  return explicit(value, `${id.name} ${type ? `type ${type} ` : ''}id ${value}`, ref(ctx, lineOf(leaf)));
}

/** PAN-OS `local-id`/`peer-id` `type` (pan-os-python network.py IkeGateway: ipaddr, fqdn, ufqdn, keyid, dn). */
const ID_TYPES: Record<string, IdType> = { ipaddr: 'ipv4', fqdn: 'fqdn', ufqdn: 'user-fqdn', keyid: 'key-id', dn: 'dn' };

function typedId(id: PNode): Identity | undefined {
  const value = text(id, 'id');
  const type = ID_TYPES[text(id, 'type') ?? ''];
  if (!type || value === undefined) return undefined;
  return { type: type === 'ipv4' ? (addressType(value) ?? 'ipv4') : type, value };
}

/** What the gateway sends: `local-id`, else its local address (a PSK) or the certificate's subject (README "Identities"). */
function localIdentity(ctx: Ctx, id: PNode | undefined, method: AuthMethod, local: Setting<string> | undefined): Setting<Identity> | undefined {
  if (id) {
    const t = typedId(id);
    return t ? explicit(t, `local-id type ${text(id, 'type')} id ${t.value}`, ref(ctx, lineOf(id))) : undefined;
  }
  if (method === 'certificate' || method === 'xauth-certificate') return assumedDefault<Identity>({ type: 'dn' }, 'local-id (none: the certificate subject)');
  const t = local ? addressType(local.value) : undefined;
  if (local && t) {
    const s = inferred<Identity>({ type: t, value: local.value }, `local-id (none: ${local.raw})`, local.at);
    s.assumed = true;
    return s;
  }
  return assumedDefault<Identity>({ type: 'ipv4' }, 'local-id (none: the local address)');
}

/** What it accepts: `peer-id` (matching exact, or wildcard), else any ID (assumed: no peer-id, no check). */
function peerIdentity(ctx: Ctx, id: PNode | undefined): Setting<IdentityMatch[]> | undefined {
  if (!id) return assumedDefault<IdentityMatch[]>([{}], 'peer-id (none)');
  const t = typedId(id);
  return t ? explicit<IdentityMatch[]>([t], `peer-id type ${text(id, 'type')} id ${t.value}`, ref(ctx, lineOf(id))) : undefined;
}

function exchangeMode(ctx: Ctx, protocol: PNode | undefined): Setting<'main' | 'aggressive'> {
  const leaf = at(protocol, 'ikev1/exchange-mode');
  const mode = text(leaf) ?? GATEWAY.exchangeMode;
  if (mode !== 'auto' && mode !== 'main' && mode !== 'aggressive') {
    throw new ParseError(ctx.file, lineOf(leaf as PNode), `expected exchange-mode auto, main or aggressive, found ${JSON.stringify(mode)}`);
  }
  // auto: initiates in main mode and answers main or aggressive
  const value = mode === 'aggressive' ? 'aggressive' : 'main';
  if (!leaf) return byDefault(value, 'exchange-mode auto');
  const raw = rawOf(ctx, leaf, ['ikev1'], `exchange-mode ${mode}`);
  return mode === 'auto' ? inferred(value, raw, ref(ctx, lineOf(leaf))) : explicit(value, raw, ref(ctx, lineOf(leaf)));
}

function natTraversal(ctx: Ctx, gw: PNode): TunnelEnd['natt'] {
  const nt = at(gw, 'protocol-common/nat-traversal');
  const enableLeaf = child(nt, 'enable');
  const enabled = yesNo(ctx, enableLeaf, 'nat-traversal enable');
  const mode =
    enabled === undefined
      ? byDefault<'auto' | 'disabled'>(GATEWAY.natTraversal.enable ? 'auto' : 'disabled', 'nat-traversal enable no')
      : explicit<'auto' | 'disabled'>(
          enabled ? 'auto' : 'disabled',
          rawOf(ctx, enableLeaf as PNode, ['nat-traversal'], `nat-traversal enable ${enabled ? 'yes' : 'no'}`),
          ref(ctx, lineOf(enableLeaf as PNode)),
        );
  if (mode.value === 'disabled') return { mode };
  const ka = child(nt, 'keep-alive-interval');
  const keepaliveSeconds = ka?.values
    ? explicit(
        intIn(ctx, ka, 'nat-traversal keep-alive-interval', RANGES.natKeepAlive),
        rawOf(ctx, ka, ['nat-traversal'], `nat-traversal keep-alive-interval ${text(ka)}`),
        ref(ctx, lineOf(ka)),
        'seconds',
      )
    : byDefault(GATEWAY.natTraversal.keepAlive, `keep-alive-interval ${GATEWAY.natTraversal.keepAlive}`, 'seconds');
  return { mode, keepaliveSeconds };
}

/** IKEv1: `ikev1 dpd` (on by default, 5 s, 5 retries); IKEv2: `ikev2 dpd`, the liveness check (off by default). */
function deadPeerDetection(ctx: Ctx, protocol: PNode | undefined, version: 1 | 2): TunnelEnd['dpd'] {
  const dpd = at(protocol, version === 1 ? 'ikev1/dpd' : 'ikev2/dpd');
  const enableLeaf = child(dpd, 'enable');
  const enabled = yesNo(ctx, enableLeaf, 'dpd enable');
  const dflt = version === 1 ? GATEWAY.ikev1Dpd.enable : GATEWAY.ikev2Liveness.enable;
  const on = enabled ?? dflt;
  const word = version === 1 ? 'ikev1 dpd enable' : 'ikev2 dpd enable';
  const mode =
    enabled === undefined
      ? byDefault<'periodic' | 'off'>(on ? 'periodic' : 'off', `${word} ${on ? 'yes' : 'no'}`)
      : explicit<'periodic' | 'off'>(
          on ? 'periodic' : 'off',
          rawOf(ctx, enableLeaf as PNode, [version === 1 ? 'ikev1' : 'ikev2', 'dpd'], `${word} ${on ? 'yes' : 'no'}`),
          ref(ctx, lineOf(enableLeaf as PNode)),
        );
  if (!on) return { mode };
  const out: TunnelEnd['dpd'] = { mode };
  const interval = child(dpd, 'interval');
  const dflInterval = version === 1 ? GATEWAY.ikev1Dpd.interval : GATEWAY.ikev2Liveness.interval;
  out.delaySeconds = interval?.values
    ? explicit(
        intIn(ctx, interval, 'dpd interval', RANGES.dpdInterval),
        rawOf(ctx, interval, [version === 1 ? 'ikev1' : 'ikev2', 'dpd'], `dpd interval ${text(interval)}`),
        ref(ctx, lineOf(interval)),
        'seconds',
      )
    : byDefault(dflInterval, `dpd interval ${dflInterval}`, 'seconds');
  if (version === 1) {
    const retry = child(dpd, 'retry');
    out.retries = retry?.values
      ? explicit(intIn(ctx, retry, 'dpd retry', RANGES.dpdRetry), rawOf(ctx, retry, ['ikev1', 'dpd'], `dpd retry ${text(retry)}`), ref(ctx, lineOf(retry)))
      : byDefault(GATEWAY.ikev1Dpd.retry, `dpd retry ${GATEWAY.ikev1Dpd.retry}`);
  }
  return out;
}

function initiator(ctx: Ctx, gw: PNode, remote: Setting<string>): Setting<boolean> | undefined {
  const leaf = at(gw, 'protocol-common/passive-mode');
  const passive = yesNo(ctx, leaf, 'passive-mode');
  if (passive) return explicit(false, rawOf(ctx, leaf as PNode, ['protocol-common'], 'passive-mode yes'), ref(ctx, lineOf(leaf as PNode)));
  // a dynamic peer can only be answered
  if (remote.value === 'any') return inferred(false, remote.raw, remote.at);
  return undefined;
}

// --- phase 2 --------------------------------------------------------------------------------

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17 };

function phase2s(ctx: Ctx, tunnel: PNode, autoKey: PNode, ipsec: IpsecProfile): Phase2[] {
  const proxies = [...(child(autoKey, 'proxy-id')?.children ?? []), ...(child(autoKey, 'proxy-id-v6')?.children ?? [])];
  const common = {
    mode: byDefault<'tunnel' | 'transport'>('tunnel', 'tunnel mode'),
    proposals: ipsec.proposals,
    pfsGroups: ipsec.pfsGroups,
    lifetimeSeconds: ipsec.lifetime,
    lifetimeKilobytes: ipsec.lifesize,
  };
  const refs = { tunnel: tunnel.name, ipsecProfile: ipsec.name };
  if (!proxies.length) {
    // route-based without proxy IDs: PAN-OS proposes 0.0.0.0/0 both ways (README: PAN-OS 10.0 admin guide)
    const any = byDefault(['0.0.0.0/0'], 'no proxy-id: 0.0.0.0/0');
    const p: Phase2 = { name: tunnel.name, at: ref(ctx, tunnel.line), localSelectors: any, remoteSelectors: { ...any }, ...common, vendorRefs: refs };
    p.ipProtocol = byDefault(0, 'protocol any');
    return [p];
  }
  return proxies.map((px) => {
    const p: Phase2 = {
      name: px.name,
      at: ref(ctx, px.line),
      localSelectors: selector(ctx, px, 'local', tunnel.name),
      remoteSelectors: selector(ctx, px, 'remote', tunnel.name),
      ...common,
      vendorRefs: { ...refs, proxyId: px.name },
    };
    p.ipProtocol = proxyProtocol(ctx, px);
    return p;
  });
}

function selector(ctx: Ctx, px: PNode, side: 'local' | 'remote', tunnel: string): Setting<string[]> {
  const leaf = child(px, side);
  const value = text(leaf);
  if (!leaf || value === undefined) {
    // the schema gives no default; PAN-OS proposes 0.0.0.0/0 for an empty side (assumed)
    ctx.warn(px.line, `IPsec tunnel ${tunnel} proxy-id ${px.name} has no ${side} address: 0.0.0.0/0 assumed`);
    return byDefault(['0.0.0.0/0'], `${side} 0.0.0.0/0`);
  }
  const cidr = canonicalCidr(value.split('/')[0], value.includes('/') ? value.split('/')[1] : value.includes(':') ? 128 : 32);
  if (!cidr)
    throw new ParseError(ctx.file, lineOf(leaf), `expected proxy-id ${px.name} ${side} as an IP address or address/prefix, found ${JSON.stringify(value)}`);
  return explicit([cidr], rawOf(ctx, leaf, [], `${side} ${value}`), ref(ctx, lineOf(leaf)));
}

function proxyProtocol(ctx: Ctx, px: PNode): Setting<number> {
  const p = child(px, 'protocol');
  if (!p) return byDefault(0, 'protocol any');
  const line = p.line;
  if (has(p, 'any')) return explicit(0, ctx.form === 'xml' ? '<protocol><any/></protocol>' : 'protocol any', ref(ctx, line));
  const number = child(p, 'number');
  if (number) {
    const n = intIn(ctx, number, 'proxy-id protocol number', [1, 254]);
    return explicit(n, rawOf(ctx, number, ['protocol'], `protocol number ${n}`), ref(ctx, lineOf(number)));
  }
  for (const [name, n] of Object.entries(PROTOCOLS)) {
    const c = child(p, name);
    if (!c) continue;
    const ports = ['local-port', 'remote-port'].map((k) => (text(c, k) ? `${k} ${text(c, k)}` : '')).filter(Boolean);
    return explicit(n, `protocol ${name}${ports.length ? ` ${ports.join(' ')}` : ''}`, ref(ctx, c.line));
  }
  throw new ParseError(ctx.file, line, `expected proxy-id protocol any, tcp, udp or number, found ${JSON.stringify(names(p).join(' '))}`);
}
