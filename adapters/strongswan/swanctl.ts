/**
 * swanctl.conf → Device. One connection (connections.<conn>) is one tunnel end; each of its
 * children is a phase 2 entry. Defaults are strongSwan's (swanctl.opt, see README.md); PSKs come
 * from secrets.ike<suffix> sections matched to the connection by identity or address.
 */
import { ParseError } from '../../src/model/errors.js';
import { PSK_UNKNOWN } from '../../src/model/secrets.js';
import { answersBothVersions, byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { AuthMethod, DeadPeerAction, Device, DpdMode, IkeRenewal, NattMode, Phase2, RekeyTiming, Setting, TunnelEnd } from '../../src/model/types.js';
import {
  DEFAULTS,
  bytesToKilobytesOrThrow,
  commaList,
  findSharedKey,
  fingerprintSecret,
  firstConcreteAddress,
  formatStrongswanTime,
  hasGlob,
  hostSelector,
  isAnyAddress,
  parseSelectors,
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
import { parseConfTree, type ConfSection, type ConfValue } from './swanctl-syntax.js';
import { formatTimeString } from '../../src/model/units.js';
import { swanctlIkeTimers, swanctlTiming } from './timing.js';
import { swanLocalIdentity, swanPeerIdentity } from './identity.js';

function val(section: ConfSection | undefined, key: string): ConfValue | undefined {
  return section?.values.get(key);
}

interface Timed {
  seconds: number;
  cv: ConfValue;
}

function time(section: ConfSection, key: string): Timed | undefined {
  const cv = val(section, key);
  return cv ? { seconds: timeOrThrow(cv.value, key, cv.at.file, cv.at.line), cv } : undefined;
}

function flag(section: ConfSection, key: string): { on: boolean; cv: ConfValue } | undefined {
  const cv = val(section, key);
  if (!cv) return undefined;
  const on = yesNo(cv.value);
  if (on === undefined) throw new ParseError(cv.at.file, cv.at.line, `expected yes or no for ${key}, found "${cv.value}"`);
  return { on, cv };
}

// --- secrets ----------------------------------------------------------------------------------

/** secrets.ike<suffix> { id<suffix> = …; secret = … } → shared keys (the value stays here). */
function readSecrets(secrets: ConfSection | undefined, diags: Diags): SharedKey[] {
  const keys: SharedKey[] = [];
  for (const [name, section] of secrets?.sections ?? []) {
    if (!name.startsWith('ike')) continue; // eap, xauth, ntlm, private keys: not IKE PSKs
    const secret = val(section, 'secret');
    if (!secret) {
      warn(diags, `secret section "${name}" has no secret`, section.at);
      continue;
    }
    const owners = [...section.values].filter(([k]) => k.startsWith('id')).flatMap(([, v]) => commaList(v.value));
    keys.push({ owners, secret: secret.value, raw: 'secret = <redacted>', at: secret.at });
  }
  return keys;
}

// --- connection -------------------------------------------------------------------------------

/** Authentication rounds `local`, `local-2`, `local_xauth` … ordered by `round`, then as written. */
function rounds(conn: ConfSection, prefix: 'local' | 'remote'): ConfSection[] {
  const list = [...conn.sections.values()].filter((s) => s.name.startsWith(prefix));
  const roundOf = (s: ConfSection) => Number(val(s, 'round')?.value ?? 0) || 0;
  return list
    .map((s, i) => ({ s, i }))
    .sort((x, y) => roundOf(x.s) - roundOf(y.s) || x.i - y.i)
    .map((x) => x.s);
}

/** swanctl `auth` keywords → the model's method; a second XAuth round makes it xauth-*. */
export function authMethodOf(first: string, second?: string): AuthMethod {
  const a = first.trim().toLowerCase().replace(/^ike:/, '');
  const xauth = second?.trim().toLowerCase().startsWith('xauth');
  if (a === 'psk' || a === 'secret') return xauth ? 'xauth-psk' : 'psk';
  if (/^(pubkey|rsa|ecdsa|ed25519|ed448|bliss|rsasig|ecdsasig)/.test(a)) return xauth ? 'xauth-certificate' : 'certificate';
  if (a.startsWith('eap')) return 'eap';
  if (a.startsWith('xauth')) return 'xauth-certificate'; // hybrid: XAuth for the client, certificate for the server
  return 'unknown';
}

function ikeVersionOf(conn: ConfSection): Setting<1 | 2> {
  const cv = val(conn, 'version');
  if (!cv) return byDefault(2, 'version = 0');
  const n = cv.value.trim();
  // 0 initiates IKEv2 and accepts either as responder: the model keeps the version it initiates with
  if (n === '1') return explicit(1, cv.raw, cv.at);
  if (n === '2' || n === '0') return explicit(2, cv.raw, cv.at);
  throw new ParseError(cv.at.file, cv.at.line, `expected 0, 1 or 2 for version, found "${cv.value}"`);
}

/**
 * What this end does on a DPD timeout (swanctl.opt children.<child>.dpd_action): clear (the default)
 * closes the CHILD_SA and takes no further action, trap installs a trap policy, restart re-negotiates
 * at once (6.0 also spells it `start`). A start_action that includes trap keeps the trap policy
 * installed anyway ("redundant if start_action includes trap"), so a cleared child comes back with
 * the next packet. The first child decides (children of one connection share its IKE_SA and DPD).
 */
function deadPeerAction(children: ConfSection | undefined, starts: ConfValue[]): Setting<DeadPeerAction> {
  const child = children?.sections.values().next().value as ConfSection | undefined;
  const cv = child ? val(child, 'dpd_action') : undefined;
  const v = cv?.value.trim().toLowerCase() ?? 'clear';
  if (cv && !['clear', 'none', 'trap', 'restart', 'start'].includes(v))
    throw new ParseError(cv.at.file, cv.at.line, `expected clear, trap or restart for dpd_action, found "${cv.value}"`);
  const action: DeadPeerAction = v === 'trap' ? 'hold' : v === 'restart' || v === 'start' ? 'restart' : 'clear';
  const trap = starts.find((s) => /\btrap\b/i.test(s.value));
  if (action === 'clear' && trap) return inferred<DeadPeerAction>('hold', `${cv?.raw ?? 'dpd_action = clear'} (${trap.raw} keeps the trap policy)`, trap.at);
  return cv ? explicit(action, cv.raw, cv.at) : byDefault<DeadPeerAction>('clear', 'dpd_action = clear');
}

/**
 * How the IKE SA is renewed (swanctl.opt): IKEv2 rekeys every rekey_time (4h by default); a
 * reauth_time makes it reauthenticate (rekey_time then defaults to 0). Reauthentication is
 * make-before-break from 6.0.0 on (charon.make_before_break = yes, strongSwan commit a5e80cf5e4) and
 * break-before-make before: the release is not in the file, so this reads the current default,
 * make-before-break (assumed; swanctl.opt: "short connection interruptions, even when using
 * make-before-break" — and a full outage on 5.x).
 * rekey_time = 0 without a reauth_time: never renewed and never expires (undefined). IKEv1 always reauthenticates
 * with a new Main Mode beside the old ISAKMP SA: a rekey here.
 */
function ikeRenewal(conn: ConfSection, v1: boolean): Setting<IkeRenewal> | undefined {
  const rekey = time(conn, 'rekey_time');
  const reauth = time(conn, 'reauth_time');
  if (v1) return byDefault<IkeRenewal>('rekey', 'IKEv1: a new Main Mode before the old ISAKMP SA expires');
  if (reauth && reauth.seconds > 0)
    return inferred<IkeRenewal>('reauth-make-before-break', `${reauth.cv.raw} (make-before-break from 6.0.0; break-before-make on 5.x)`, reauth.cv.at);
  // rekey_time = 0 without a reauth_time: no rekey and no hard lifetime either (over_time is 10 % of
  // 0): the IKE_SA never expires on this end, the peer's rekeys renew it — nothing to report
  if (rekey && rekey.seconds === 0) return undefined;
  return rekey ? explicit<IkeRenewal>('rekey', rekey.cv.raw, rekey.cv.at) : byDefault<IkeRenewal>('rekey', 'rekey_time = 4h');
}

/**
 * Phase 1 lifetime. IKEv2: when this end first renews the IKE SA — the earlier of rekey_time and
 * reauth_time, both of which charon schedules (ike_sa.c; lifetimes are not negotiated, RFC 7296
 * §2.8). IKEv1: what charon proposes on the wire, which is reauth_time (or rekey_time) + over_time
 * (main_mode.c), since the peer judges that value.
 */
function ikeLifetime(conn: ConfSection, v1: boolean): Setting<number> {
  const rekey = time(conn, 'rekey_time');
  const reauth = time(conn, 'reauth_time');
  const over = time(conn, 'over_time');
  const t = swanctlIkeTimers(rekey?.seconds, reauth?.seconds, over?.seconds);
  if (!v1) {
    const written = t.first === 'reauth' ? reauth : t.first === 'rekey' ? rekey : (reauth ?? rekey);
    if (written) return explicit(t.first ? t.renewSeconds : written.seconds, written.cv.raw, written.cv.at, 'time-string');
    return byDefault(t.rekey, `rekey_time = ${formatStrongswanTime(t.rekey)}`, 'time-string');
  }
  const driving = t.reauth > 0 ? reauth : rekey;
  const base = t.reauth > 0 ? t.reauth : t.rekey;
  const total = base + t.over;
  const baseText = driving ? driving.cv.raw : `rekey_time = ${formatStrongswanTime(t.rekey)}`;
  const raw = `${baseText} + over_time ${formatStrongswanTime(t.over)} (IKEv1 proposes ${formatTimeString(total)})`;
  if (!driving && !over) return byDefault(total, raw, 'time-string');
  return inferred(total, raw, (driving ?? over)!.cv.at, 'time-string');
}

interface TunnelContext {
  file: string;
  diags: Diags;
  keys: SharedKey[];
}

function buildConnection(conn: ConfSection, ctx: TunnelContext): TunnelEnd {
  const { diags } = ctx;
  const ikeVersion = ikeVersionOf(conn);
  const v1 = ikeVersion.value === 1;

  // gateways
  const localAddrs = val(conn, 'local_addrs');
  const remoteAddrs = val(conn, 'remote_addrs');
  const localIp = localAddrs ? firstConcreteAddress(commaList(localAddrs.value)) : undefined;
  const remoteIp = remoteAddrs ? firstConcreteAddress(commaList(remoteAddrs.value)) : undefined;
  let remoteGateway: Setting<string>;
  if (remoteIp) remoteGateway = explicit(remoteIp, remoteAddrs!.raw, remoteAddrs!.at);
  else if (!remoteAddrs) remoteGateway = byDefault('any', 'remote_addrs = %any');
  else if (commaList(remoteAddrs.value).every(isAnyAddress)) remoteGateway = explicit('any', remoteAddrs.raw, remoteAddrs.at);
  else {
    // only subnets/ranges: a responder for peers in them
    remoteGateway = inferred('any', remoteAddrs.raw, remoteAddrs.at);
    note(diags, `connection "${conn.name}": remote_addrs lists only subnets or ranges, so it only responds (peer address taken as any)`, remoteAddrs.at);
  }

  // authentication
  const locals = rounds(conn, 'local');
  const remotes = rounds(conn, 'remote');
  const localAuth = val(locals[0], 'auth');
  const method: Setting<AuthMethod> = localAuth
    ? explicit(authMethodOf(localAuth.value, val(locals[1], 'auth')?.value), localAuth.raw, localAuth.at)
    : byDefault<AuthMethod>('certificate', 'auth = pubkey');
  const localIdCv = val(locals[0], 'id');
  const remoteIdCv = val(remotes[0], 'id');
  const auth: TunnelEnd['auth'] = { method };
  if (localIdCv) auth.localId = explicit(localIdCv.value, localIdCv.raw, localIdCv.at);
  if (remoteIdCv) auth.remoteId = explicit(remoteIdCv.value, remoteIdCv.raw, remoteIdCv.at);
  const certificate = method.value === 'certificate' || method.value === 'xauth-certificate';
  const localAddr = localIp ? { value: localIp, raw: localAddrs!.raw, at: localAddrs!.at } : undefined;
  auth.localIdentity = swanLocalIdentity(localIdCv, localAddr, certificate, 'local { id }');
  auth.peerIdentity = swanPeerIdentity(remoteIdCv, 'remote { id = %any }');
  if (method.value === 'psk' || method.value === 'xauth-psk') {
    // without an id, IKE uses the address as identity
    const localIds = [localIdCv?.value, ...(localAddrs ? commaList(localAddrs.value) : [])].filter((x): x is string => !!x);
    const remoteIds = [remoteIdCv?.value, ...(remoteAddrs ? commaList(remoteAddrs.value) : [])].filter((x): x is string => !!x);
    const key = findSharedKey(ctx.keys, localIds, remoteIds);
    if (key) auth.psk = explicit(fingerprintSecret(key.secret), key.raw, key.at);
    else {
      auth.psk = inferred(PSK_UNKNOWN, 'secrets { ike… } has no matching entry', conn.at);
      warn(
        diags,
        `connection "${conn.name}" uses a PSK but no secrets.ike… section matches its identities (${[...localIds, ...remoteIds].join(', ') || '%any'}): it may be in a file that was not read`,
        conn.at,
      );
    }
  }

  // phase 1
  const proposalsCv = val(conn, 'proposals');
  const parsed = proposalsCv ? readIkeProposals(proposalsCv.value) : { items: defaultIkeProposals(), strict: false, problems: [] };
  for (const p of parsed.problems) warn(diags, `connection "${conn.name}": ${p}`, proposalsCv?.at);
  if (!parsed.items.length)
    throw new ParseError(
      proposalsCv!.at.file,
      proposalsCv!.at.line,
      `expected at least one IKE proposal strongSwan accepts in proposals, found "${proposalsCv!.value}"`,
    );
  const ikeProposals = parsed.items;
  if (v1 && ikeProposals.map(stripToIkev1).some(Boolean) && proposalsCv) {
    note(diags, `connection "${conn.name}" is IKEv1: only the first algorithm of each kind in each IKE proposal is offered`, proposalsCv.at);
  }
  const phase1: TunnelEnd['phase1'] = {
    proposals: proposalsCv ? explicit(ikeProposals, proposalsCv.raw, proposalsCv.at) : byDefault(ikeProposals, 'proposals = default'),
    lifetimeSeconds: ikeLifetime(conn, v1),
  };
  const ikeRekey = ikeRekeyTiming(conn, v1);
  if (ikeRekey) phase1.rekey = ikeRekey;
  const renewal = ikeRenewal(conn, v1);
  if (renewal) phase1.renewal = renewal;
  if (v1) {
    const aggressive = flag(conn, 'aggressive');
    phase1.exchangeMode = aggressive
      ? explicit(aggressive.on ? 'aggressive' : 'main', aggressive.cv.raw, aggressive.cv.at)
      : byDefault('main', 'aggressive = no');
  }

  // NAT-T and DPD
  const encap = flag(conn, 'encap');
  const natt: TunnelEnd['natt'] = {
    mode: encap ? explicit<NattMode>(encap.on ? 'forced' : 'auto', encap.cv.raw, encap.cv.at) : byDefault<NattMode>('auto', 'encap = no'),
    keepaliveSeconds: byDefault(DEFAULTS.keepAlive, `charon.keep_alive = ${DEFAULTS.keepAlive}s (strongswan.conf)`, 'time-string'),
  };
  const dpdDelay = time(conn, 'dpd_delay');
  const dpd: TunnelEnd['dpd'] = dpdDelay
    ? {
        // charon checks liveness after dpd_delay without inbound traffic: closest to "periodic"
        mode: explicit<DpdMode>(dpdDelay.seconds > 0 ? 'periodic' : 'off', dpdDelay.cv.raw, dpdDelay.cv.at),
        delaySeconds: explicit(dpdDelay.seconds, dpdDelay.cv.raw, dpdDelay.cv.at, 'time-string'),
      }
    : { mode: byDefault<DpdMode>('off', 'dpd_delay = 0s') };

  // phase 2
  const children = conn.sections.get('children');
  const phase2: Phase2[] = [];
  const starts: ConfValue[] = [];
  for (const child of children?.sections.values() ?? []) {
    const p2 = buildChild(child, conn, { v1, localIp, remoteIp, localAddrs, remoteAddrs }, ctx);
    if (p2) phase2.push(p2);
    const start = val(child, 'start_action');
    if (start) starts.push(start);
  }
  if (!children || children.sections.size === 0)
    warn(diags, `connection "${conn.name}" has no children: no CHILD_SA (traffic selectors) is configured`, conn.at);

  if (dpd.mode.value !== 'off') dpd.action = deadPeerAction(children, starts);
  const active = starts.find((s) => /\b(start|trap|route)\b/i.test(s.value));
  const initiates = active
    ? explicit(true, active.raw, active.at)
    : starts.length
      ? explicit(false, starts[0].raw, starts[0].at)
      : byDefault(false, 'start_action = none');

  const tunnel: TunnelEnd = {
    name: conn.name,
    at: conn.at,
    enabled: true,
    remoteGateway,
    ikeVersion,
    ...answersBothVersions(ikeVersion, /=\s*0\s*$/.test(ikeVersion.raw)),
    auth,
    phase1,
    natt,
    dpd,
    phase2,
    initiates,
    behaviour: {
      // main_mode.c / quick_mode.c: as IKEv1 responder charon takes the lifetime the initiator proposes
      ikev1Phase1Lifetime: byDefault('accept', 'charon (IKEv1 responder) adopts the proposed ISAKMP SA lifetime'),
      ikev1Phase2Lifetime: byDefault('accept', 'charon (IKEv1 responder) adopts the proposed Quick Mode lifetime'),
      // charon as responder narrows proposed selectors to its own (IKEv2 RFC 7296 §2.9, and IKEv1 quick mode)
      selectorNarrowing: byDefault('narrows', 'charon (responder) narrows proposed traffic selectors to its own'),
    },
  };
  if (localIp) tunnel.localGateway = explicit(localIp, localAddrs!.raw, localAddrs!.at);
  return tunnel;
}

// --- children ---------------------------------------------------------------------------------

interface Gateways {
  v1: boolean;
  localIp?: string;
  remoteIp?: string;
  localAddrs?: ConfValue;
  remoteAddrs?: ConfValue;
}

function selectorsOf(
  child: ConfSection,
  conn: ConfSection,
  side: 'local' | 'remote',
  gw: Gateways,
  ctx: TunnelContext,
): { setting: Setting<string[]>; protocols: number[]; ports: boolean } {
  const key = side === 'local' ? 'local_ts' : 'remote_ts';
  const cv = val(child, key);
  const gatewayIp = side === 'local' ? gw.localIp : gw.remoteIp;
  const gatewayCv = side === 'local' ? gw.localAddrs : gw.remoteAddrs;
  const list = cv ? parseSelectors(cv.value, key, cv.at.file, cv.at.line) : { cidrs: [], dynamic: true, protocols: [], ports: false };
  const cidrs = [...list.cidrs];
  let resolved = true;
  if (list.dynamic) {
    // `dynamic` is the IKE address of that end (or its virtual IP), known here only when written
    const host = hostSelector(gatewayIp);
    if (host) {
      if (!cidrs.includes(host)) cidrs.push(host);
    } else {
      resolved = false;
      note(
        ctx.diags,
        `connection "${conn.name}" child "${child.name}": ${key} is dynamic (the ${side} IKE address) and ${side === 'local' ? 'local_addrs' : 'remote_addrs'} names no single address, so the ${side} selector is only known at runtime`,
        cv?.at ?? child.at,
      );
    }
  }
  let setting: Setting<string[]>;
  if (cv && !list.dynamic) setting = explicit(cidrs, cv.raw, cv.at);
  else if (cv) setting = inferred(cidrs, cv.raw, cv.at);
  else if (resolved) setting = inferred(cidrs, `${key} = dynamic`, gatewayCv?.at);
  else setting = byDefault(cidrs, `${key} = dynamic`);
  return { setting, protocols: list.protocols, ports: list.ports };
}

/**
 * IKEv2: the child's rekey time. Without one, strongSwan ≥ 5.9.9 derives it from a configured
 * life_time (life_time ÷ 1.1, vici_config.c check_lifetimes since a2b1e06f "Base default soft
 * lifetime on hard lifetime"), else 1h; before 5.9.9 it stayed 1h whatever life_time said.
 */
function childLifetime(child: ConfSection, v1: boolean): Setting<number> {
  const rekey = time(child, 'rekey_time');
  if (!v1) {
    if (rekey) return explicit(rekey.seconds, rekey.cv.raw, rekey.cv.at, 'time-string');
    const life = time(child, 'life_time');
    if (life) {
      const derived = Math.floor(life.seconds / 1.1);
      return inferred(derived, `${life.cv.raw} → rekey_time ${formatTimeString(derived)} (life_time ÷ 1.1, strongSwan ≥ 5.9.9)`, life.cv.at, 'time-string');
    }
    return byDefault(DEFAULTS.childRekey, 'rekey_time = 1h', 'time-string');
  }
  // IKEv1 Quick Mode proposes the hard lifetime: life_time, by default rekey_time + 10 %
  const life = time(child, 'life_time');
  if (life) return explicit(life.seconds, life.cv.raw, life.cv.at, 'time-string');
  const base = rekey ? rekey.seconds : DEFAULTS.childRekey;
  const total = Math.floor(base * 1.1);
  const raw = `${rekey ? rekey.cv.raw : 'rekey_time = 1h'} + 10% (life_time ${formatTimeString(total)})`;
  return rekey ? inferred(total, raw, rekey.cv.at, 'time-string') : byDefault(total, raw, 'time-string');
}

/**
 * IKEv2: the renewal that comes first, rekey or reauthentication, starts up to rand_time early
 * (peer_cfg.c applies the jitter to both) and the SA is deleted over_time after it. IKEv1 IKE SAs
 * are reauthenticated at the proposed lifetime: no timing. Neither timer running: none.
 */
function ikeRekeyTiming(conn: ConfSection, v1: boolean): RekeyTiming | undefined {
  if (v1) return undefined;
  const t = swanctlIkeTimers(
    time(conn, 'rekey_time')?.seconds,
    time(conn, 'reauth_time')?.seconds,
    time(conn, 'over_time')?.seconds,
    time(conn, 'rand_time')?.seconds,
  );
  return t.first ? swanctlTiming(t.renewSeconds, t.rand, t.over) : undefined;
}

/**
 * IKEv2: the lifetime is the rekey time. IKEv1: with a life_time of its own the lifetime is that
 * hard limit, drawn without a window (as the report did before the timing moved here); derived
 * from rekey_time + 10 %, the window is drawn around it as around a rekey time (also as before:
 * strongSwan really rekeys at rekey_time − rand_time before it — to be corrected with its own test).
 */
function childRekeyTiming(child: ConfSection, v1: boolean, lifetime: number): RekeyTiming | undefined {
  const rekey = time(child, 'rekey_time');
  const life = time(child, 'life_time');
  if (!v1) {
    const hard = life ? Math.max(0, life.seconds - (rekey?.seconds ?? DEFAULTS.childRekey)) : undefined;
    return swanctlTiming(lifetime, time(child, 'rand_time')?.seconds, hard);
  }
  return life ? undefined : swanctlTiming(lifetime);
}

function childLifebytes(child: ConfSection, v1: boolean): Setting<number> {
  const kb = (cv: ConfValue) => bytesToKilobytesOrThrow(cv.value, cv.raw.split('=')[0].trim(), cv.at.file, cv.at.line);
  const rekey = val(child, 'rekey_bytes');
  const life = val(child, 'life_bytes');
  if (v1 && life) return explicit(kb(life), life.raw, life.at, 'bytes');
  if (v1 && rekey) return inferred(Math.floor(kb(rekey) * 1.1), `${rekey.raw} + 10%`, rekey.at, 'bytes');
  if (rekey) return explicit(kb(rekey), rekey.raw, rekey.at, 'bytes');
  return byDefault(0, 'rekey_bytes = 0', 'bytes');
}

function childProposals(child: ConfSection, conn: ConfSection, v1: boolean, diags: Diags): { items: ParsedChild[]; cv?: ConfValue } {
  const esp = val(child, 'esp_proposals');
  const ah = val(child, 'ah_proposals');
  const items: ParsedChild[] = [];
  for (const [cv, protocol] of [
    [esp, 'esp'],
    [ah, 'ah'],
  ] as const) {
    if (!cv) continue;
    const parsed = readChildProposals(cv.value, protocol);
    for (const p of parsed.problems) warn(diags, `connection "${conn.name}" child "${child.name}": ${p}`, cv.at);
    if (!parsed.items.length)
      throw new ParseError(cv.at.file, cv.at.line, `expected at least one ${protocol.toUpperCase()} proposal strongSwan accepts, found "${cv.value}"`);
    items.push(...parsed.items);
  }
  // "If no algorithms are specified for AH nor ESP, the default set of algorithms for ESP is included"
  if (!esp && !ah) items.push(...defaultChildProposals('esp'));
  if (v1 && items.map(stripChildToIkev1).some(Boolean) && (esp ?? ah)) {
    note(
      diags,
      `connection "${conn.name}" child "${child.name}" is IKEv1: only the first algorithm of each kind in each ${esp ? 'ESP' : 'AH'} proposal is offered`,
      (esp ?? ah)!.at,
    );
  }
  return { items, cv: esp ?? ah };
}

function buildChild(child: ConfSection, conn: ConfSection, gw: Gateways, ctx: TunnelContext): Phase2 | undefined {
  const { diags } = ctx;
  const modeCv = val(child, 'mode');
  const modeText = modeCv?.value.trim().toLowerCase() ?? 'tunnel';
  if (modeText === 'pass' || modeText === 'drop') {
    note(diags, `connection "${conn.name}" child "${child.name}" is a ${modeText} shunt, not an IPsec SA: left out`, modeCv!.at);
    return undefined;
  }
  if (!['tunnel', 'transport', 'transport_proxy', 'beet'].includes(modeText)) {
    throw new ParseError(
      modeCv!.at.file,
      modeCv!.at.line,
      `expected tunnel, transport, transport_proxy, beet, pass or drop for mode, found "${modeCv!.value}"`,
    );
  }
  if (modeText === 'beet') note(diags, `connection "${conn.name}" child "${child.name}" uses BEET mode, compared as tunnel mode`, modeCv!.at);
  const mode: Setting<'tunnel' | 'transport'> = modeCv
    ? explicit(modeText.startsWith('transport') ? 'transport' : 'tunnel', modeCv.raw, modeCv.at)
    : byDefault('tunnel', 'mode = tunnel');

  const { items, cv } = childProposals(child, conn, gw.v1, diags);
  const proposals = items.map((i) => i.proposal);
  const pfs = pfsGroupsOf(items);

  const local = selectorsOf(child, conn, 'local', gw, ctx);
  const remote = selectorsOf(child, conn, 'remote', gw, ctx);
  const protocols = [...new Set([...local.protocols, ...remote.protocols])];
  if (local.ports || remote.ports)
    note(diags, `connection "${conn.name}" child "${child.name}": port restrictions in the traffic selectors are not compared`, child.at);

  const p2: Phase2 = {
    name: child.name,
    at: child.at,
    localSelectors: local.setting,
    remoteSelectors: remote.setting,
    mode,
    proposals: cv ? explicit(proposals, cv.raw, cv.at) : byDefault(proposals, 'esp_proposals = default'),
    // the DH group in esp_proposals is PFS; in IKEv2 it is used from the first CHILD_SA rekey on
    pfsGroups: cv ? explicit(pfs, cv.raw, cv.at) : byDefault(pfs, 'esp_proposals = default'),
    lifetimeSeconds: childLifetime(child, gw.v1),
    lifetimeKilobytes: childLifebytes(child, gw.v1),
  };
  const childRekey = childRekeyTiming(child, gw.v1, p2.lifetimeSeconds.value);
  if (childRekey) p2.rekey = childRekey;
  if (protocols.length === 1 && protocols[0] !== 0) {
    const at = val(child, 'local_ts') ?? val(child, 'remote_ts');
    p2.ipProtocol = explicit(protocols[0], at!.raw, at!.at);
  } else if (protocols.length > 1) {
    note(diags, `connection "${conn.name}" child "${child.name}": traffic selectors name different protocols, compared as any protocol`, child.at);
  }
  return p2;
}

// --- the file ---------------------------------------------------------------------------------

/**
 * Parse a swanctl.conf. `includes` maps the paths of files the text (or an included file)
 * includes — resolved relative to the including file, as `swanctlIncludePatterns` reports
 * them — to their text. Without it, each include is reported as not read.
 */
export function parseSwanctl(text: string, file: string, includes?: Record<string, string>): Device {
  if (text.trim() === '') throw new ParseError(file, 1, 'expected swanctl.conf sections such as "connections { … }", found an empty file');
  const tree = parseConfTree(text, file, includes);
  const diagnostics: Diags = [];
  for (const inc of tree.includes) {
    if (inc.matched === undefined) {
      warn(
        diagnostics,
        `include ${inc.pattern} was not read (${inc.resolved}): connections and secrets in it are missing; read the included files and pass them to parseSwanctl`,
        inc.at,
      );
    } else if (inc.matched.length === 0 && !hasGlob(inc.resolved)) {
      warn(diagnostics, `included file ${inc.resolved} was not provided: connections and secrets in it are missing`, inc.at);
    }
  }
  for (const p of tree.problems) warn(diagnostics, p.message, p.at);

  const connections = tree.root.sections.get('connections');
  const secrets = tree.root.sections.get('secrets');
  if (!connections && !secrets && tree.includes.length === 0) {
    throw new ParseError(file, 1, 'expected a swanctl.conf "connections { … }" section, found none (is this strongswan.conf?)');
  }
  const keys = readSecrets(secrets, diagnostics);
  const ctx: TunnelContext = { file, diags: diagnostics, keys };
  const tunnels = [...(connections?.sections.values() ?? [])].map((c) => buildConnection(c, ctx));
  if (!tunnels.length) warn(diagnostics, 'no connections are defined in what was read', connections?.at);
  return { vendor: 'strongswan', origin: file, interfaces: [], tunnels, diagnostics };
}
