/**
 * Cisco IKE identities (ASA and IOS; README "Identities" in each adapter).
 * Sent: `crypto isakmp identity address|hostname|dn|key-id X|auto` (IOS default `address`; ASA
 * default `auto`: the address with a PSK, the certificate DN otherwise), an IOS ISAKMP profile's
 * `self-identity`, an IOS IKEv2 profile's `identity local address|fqdn|email|dn|key-id`.
 * Accepted: IKEv1 main mode with a PSK finds the peer (its key, its tunnel group) by its address
 * before any ID arrives — any ID is accepted; an IOS IKEv2 profile is chosen by the peer's ID, so
 * its `match identity remote …` lines are what it accepts.
 */
import { addressType } from '../../src/model/identity.js';
import { assumedDefault, byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { AuthMethod, Identity, IdentityMatch, Setting } from '../../src/model/types.js';
import type { Block } from './blocks.js';
import { at, type Ctx } from './context.js';
import type { CiscoLine } from './lines.js';

export interface IdentityGlobals {
  /** `crypto isakmp identity …` */
  isakmp?: CiscoLine;
  /** host name + domain (`ip domain name` / `ip domain-name` on IOS, `domain-name` on ASA) */
  fqdn?: string;
}

export function identityGlobals(blocks: Block[], hostname: string | undefined): IdentityGlobals {
  let isakmp: CiscoLine | undefined;
  let domain: string | undefined;
  for (const b of blocks) {
    const k = b.head.keys;
    if (k[0] === 'crypto' && k[1] === 'isakmp' && k[2] === 'identity') isakmp = b.head;
    else if (k[0] === 'no' && k[1] === 'crypto' && k[2] === 'isakmp' && k[3] === 'identity') isakmp = undefined;
    else if (k[0] === 'ip' && (k[1] === 'domain-name' || (k[1] === 'domain' && k[2] === 'name'))) domain = b.head.words[k[1] === 'domain-name' ? 2 : 3];
    else if (k[0] === 'domain-name' && b.head.words[1]) domain = b.head.words[1];
  }
  const out: IdentityGlobals = {};
  if (isakmp) out.isakmp = isakmp;
  if (hostname) out.fqdn = domain ? `${hostname}.${domain}` : hostname;
  return out;
}

const certificate = (m: AuthMethod) => m === 'certificate' || m === 'xauth-certificate';

/** The address this end sends IKE from, as an identity (unknown value when it is an interface name). */
function addressIdentity(local: Setting<string> | undefined, raw: string, assumed: boolean): Setting<Identity> {
  const t = local ? addressType(local.value) : undefined;
  if (local && t) {
    const s = inferred<Identity>({ type: t, value: local.value }, `${raw} (${local.raw})`, local.at);
    if (assumed) s.assumed = true;
    return s;
  }
  return assumed ? assumedDefault<Identity>({ type: 'ipv4' }, raw) : byDefault<Identity>({ type: 'ipv4' }, raw);
}

/**
 * `crypto isakmp identity` for an end: `defaultWord` is the platform's default (`address` on IOS,
 * `auto` on ASA).
 */
export function isakmpIdentity(
  ctx: Ctx,
  g: IdentityGlobals,
  method: AuthMethod,
  local: Setting<string> | undefined,
  defaultWord: 'address' | 'auto',
  defaultAssumed: boolean,
): Setting<Identity> | undefined {
  const line = g.isakmp;
  const word = line?.keys[3] ?? defaultWord;
  const raw = line?.text ?? `crypto isakmp identity ${defaultWord}`;
  const where = line ? at(ctx, line) : undefined;
  const dn = (): Setting<Identity> =>
    line ? inferred<Identity>({ type: 'dn' }, raw, where) : byDefault<Identity>({ type: 'dn' }, `${raw} (the certificate DN)`);
  switch (word) {
    case 'address': {
      const s = addressIdentity(local, raw, !line && defaultAssumed);
      if (line && s.origin !== 'inferred') return inferred<Identity>({ type: 'ipv4' }, raw, where);
      return s;
    }
    case 'auto':
      return certificate(method) ? dn() : addressIdentity(local, raw, !line && defaultAssumed);
    case 'hostname':
      return g.fqdn ? inferred<Identity>({ type: 'fqdn', value: g.fqdn }, raw, where) : inferred<Identity>({ type: 'fqdn' }, raw, where);
    case 'dn':
      return dn();
    case 'key-id': {
      const v = line?.words[4];
      return v ? explicit<Identity>({ type: 'key-id', value: v }, raw, where) : undefined;
    }
    default:
      return undefined;
  }
}

/** IKEv1 main mode with a PSK: the peer is found by its address, its ID is not checked. */
export function ikev1PeerIdentity(method: AuthMethod, mode: 'main' | 'aggressive'): Setting<IdentityMatch[]> | undefined {
  if (mode === 'main' && (method === 'psk' || method === 'xauth-psk'))
    return byDefault<IdentityMatch[]>([{}], '(IKEv1 main mode, pre-shared key: the peer is found by its address)');
  return undefined;
}

/** IOS IKEv2 profile ` identity local address A | fqdn N | email N | dn | key-id K`. */
export function readIdentityLocal(line: CiscoLine): Identity | undefined {
  const [, , kind] = line.keys;
  const v = line.words[3];
  switch (kind) {
    case 'address':
      return v ? { type: addressType(v) ?? 'ipv4', value: v } : undefined;
    case 'fqdn':
      return v ? { type: 'fqdn', value: v } : undefined;
    case 'email':
      return v ? { type: 'user-fqdn', value: v } : undefined;
    case 'dn':
      return { type: 'dn' };
    case 'key-id':
      return v ? { type: 'key-id', value: v } : undefined;
    default:
      return undefined;
  }
}

/** IOS IKEv2 profile ` match identity remote address A [MASK] | fqdn [domain] N | email [domain] N | key-id K | any`. */
export function readMatchRemote(line: CiscoLine, toCidr: (line: CiscoLine, i: number) => string | undefined): IdentityMatch | undefined {
  const k = line.keys;
  const kind = k[3];
  if (kind === 'any') return {};
  if (kind === 'address') {
    // `address 0.0.0.0` with no mask is the wildcard hubs and AWS's generated IOS configuration use to
    // accept any peer address (see the README: inferred from working configurations, not documented)
    if (line.words[4] === '0.0.0.0' && line.words[5] === undefined) return { type: 'ipv4', value: '0.0.0.0/0' };
    const c = toCidr(line, 4);
    if (!c) return undefined;
    const host = c.endsWith('/32') || c.endsWith('/128');
    const addr = c.replace(/\/\d+$/, '');
    return { type: addressType(addr) ?? 'ipv4', value: host ? addr : c };
  }
  if (kind === 'fqdn' || kind === 'email') {
    const type = kind === 'fqdn' ? 'fqdn' : 'user-fqdn';
    const domain = k[4] === 'domain';
    const v = line.words[domain ? 5 : 4];
    if (!v) return undefined;
    return { type, value: domain ? (kind === 'fqdn' ? `*.${v}` : `*@${v}`) : v };
  }
  if (kind === 'key-id' && line.words[4]) return { type: 'key-id', value: line.words[4] };
  return undefined;
}
