/**
 * How the `<lifetime>`, `<rekey_time>`, `<reauth_time>`, `<rand_time>` of a phase 1/2 become the
 * timers strongSwan runs with, and which of them is "the lifetime" compared with a peer.
 *
 * swanctl (pfSense ≥ 2.5): a port of ipsec.inc `ipsec_get_rekey_time`, `_reauth_time`,
 *   `_life_time`, `_over_time`, `_rand_time` (pfsense/pfsense src/etc/inc/ipsec.inc @ 005ac9d7):
 *   an empty field is derived from the others (rekey = 90 % of lifetime, …), with 14400/16000
 *   (phase 1) when nothing is set. A phase 2 with an empty `<lifetime>` gets no timers at all in
 *   swanctl.conf, so strongSwan's child defaults apply (rekey 1h, life +10 %).
 * ipsec.conf (pfSense ≤ 2.4, OPNsense legacy tunnels): `ikelifetime = <lifetime>` and
 *   `lifetime = <lifetime>` when set, else strongSwan's ipsec.conf defaults 3h / 1h.
 *
 * An undefined input is an absent or empty element; 0 is a value (PHP `strlen`, not `empty`).
 */
import type { Device, RekeyTiming, Setting } from '../../src/model/types.js';
import { swanctlTiming } from '../strongswan/timing.js';

export interface TimerFields {
  lifetime?: number;
  rekey?: number;
  reauth?: number;
  rand?: number;
}

export interface Phase1Timers {
  rekey: number;
  reauth: number;
  life: number;
  over: number;
  rand: number;
}

/** strongSwan swanctl defaults the generated config falls back to (swanctl.opt). */
export const STRONGSWAN_IKE_REKEY = 14400;
export const STRONGSWAN_CHILD_REKEY = 3600;
export const STRONGSWAN_CHILD_LIFE = 3960; // rekey_time + 10 %
/** strongSwan ipsec.conf defaults (ikelifetime 3h, lifetime/keylife 1h). */
export const IPSEC_CONF_IKELIFETIME = 10800;
export const IPSEC_CONF_KEYLIFE = 3600;

const pct90 = (n: number): number => Math.trunc(n * 0.9);

/** pfSense ≥ 2.5 phase 1 timers (ikev1 changes only the reauth derivation). */
export function pfsensePhase1Timers(f: TimerFields, ikev1: boolean): Phase1Timers {
  const lifetime = f.lifetime ?? 0;
  const rekey = f.rekey ?? (lifetime > 0 ? pct90(lifetime) : 14400);
  const reauth = f.reauth ?? (lifetime > 0 && ikev1 ? pct90(lifetime) : 0);
  const renewmax = Math.max(rekey, reauth);
  const life = lifetime > 0 ? lifetime : renewmax > 0 ? Math.trunc(renewmax / 0.9) : 16000;
  const over = life > 0 && renewmax > 0 ? life - renewmax : life > 0 ? Math.trunc(life * 0.1) : renewmax > 0 ? Math.trunc(renewmax * 0.1) : 0;
  return { rekey, reauth, life, over, rand: f.rand ?? over };
}

/**
 * The rekey window of a pfSense ≥ 2.5 IKEv2 phase 1 around the lifetime `pfsensePhase1Lifetime`
 * chose. ipsec.inc writes rekey_time (IKEv2/auto), reauth_time, over_time and rand_time from
 * `pfsensePhase1Timers`; charon renews at the earlier non-zero of rekey and reauth time minus up to
 * rand_time (clamped to each non-zero time, peer_cfg.c) and deletes the SA over_time after it.
 * `<lifetime>` as written is then the hard limit when the renewal is max(rekey, reauth) (over =
 * life − that); a rekey or reauth time chosen is the renewal itself. IKEv1: none.
 */
export function pfsensePhase1Rekey(f: TimerFields, ikev1: boolean, chosen: LifetimeChoice): RekeyTiming | undefined {
  if (ikev1) return undefined;
  const t = pfsensePhase1Timers(f, false);
  const renewals = [t.rekey, t.reauth].filter((x) => x > 0);
  if (renewals.length === 0) return undefined;
  const first = Math.min(...renewals);
  const rand = Math.min(t.rand, ...renewals);
  if (chosen.from === 'lifetime' && chosen.value === t.life && first + t.over === t.life)
    return { lifetimeIs: 'hard', marginSeconds: t.over, randSeconds: rand, overSeconds: 0, basis: PFSENSE_BASIS };
  if (chosen.value !== first) return undefined;
  return { lifetimeIs: 'rekey', marginSeconds: 0, randSeconds: rand, overSeconds: t.over, basis: PFSENSE_BASIS };
}

export const PFSENSE_BASIS =
  'pfSense ipsec.inc writes rekey_time, reauth_time, over_time and rand_time: charon renews at the earlier of rekey and reauth time, up to rand_time early, and deletes the SA over_time later';

/** Which timer element a lifetime comes from; undefined when derived or defaulted. */
export type TimerField = keyof TimerFields;

export interface LifetimeChoice {
  value: number;
  /** the element whose written value this is (explicit), if any */
  from?: TimerField;
}

/**
 * The phase 1 lifetime compared with the peer's (see README "Lifetimes"):
 * IKEv2 — `<reauth_time>` when it comes before the rekey (charon runs both timers, the earlier
 *   renews), else `<rekey_time>` when set (the rekey the peer sees), else `<lifetime>` as written (the
 *   number every other vendor calls lifetime; pfSense rekeys at 90 % of it), else what pfSense
 *   derives (rekey 14400 s);
 * IKEv1 — the lifetime proposed in the SA payload: reauth time (or strongSwan's 4h rekey time,
 *   pfSense writes none for IKEv1) + over time (strongSwan main_mode.c), i.e. `<lifetime>` when set.
 */
export function pfsensePhase1Lifetime(f: TimerFields, ikev1: boolean): LifetimeChoice {
  const t = pfsensePhase1Timers(f, ikev1);
  if (ikev1) {
    const value = (t.reauth > 0 ? t.reauth : STRONGSWAN_IKE_REKEY) + t.over;
    return value === f.lifetime ? { value, from: 'lifetime' } : { value };
  }
  // charon schedules both a rekey and a reauthentication (ike_sa.c): the earlier renews the IKE SA
  if (f.reauth !== undefined && f.reauth > 0 && (t.rekey === 0 || f.reauth < t.rekey)) return { value: f.reauth, from: 'reauth' };
  if (f.rekey !== undefined && f.rekey > 0) return { value: f.rekey, from: 'rekey' };
  if (f.rekey === 0)
    return t.reauth > 0
      ? { value: t.reauth, from: f.reauth !== undefined ? 'reauth' : undefined }
      : { value: t.life, from: f.lifetime ? 'lifetime' : undefined };
  if (f.lifetime !== undefined && f.lifetime > 0) return { value: f.lifetime, from: 'lifetime' };
  return { value: t.rekey };
}

/**
 * Phase 2, same idea: IKEv2 — `<rekey_time>` when set (and honoured: only with a `<lifetime>`),
 * else `<lifetime>`; IKEv1 — `<lifetime>`, the hard life time quick mode proposes (quick_mode.c).
 * With no `<lifetime>` pfSense writes no child timers: strongSwan's rekey 1h (IKEv2) or its
 * life time 1h + 10 % (IKEv1, proposed) apply.
 */
export function pfsensePhase2Lifetime(f: TimerFields, ikev1: boolean): LifetimeChoice {
  const t = pfsensePhase2Timers(f);
  if (!t.fromConfig) return { value: ikev1 ? t.life : t.rekey };
  if (!ikev1 && f.rekey !== undefined && f.rekey > 0) return { value: f.rekey, from: 'rekey' };
  return { value: t.life, from: 'lifetime' };
}

export interface Phase2Timers {
  rekey: number;
  life: number;
  /** false when `<lifetime>` is empty: pfSense writes no child timers and strongSwan's apply */
  fromConfig: boolean;
}

export function pfsensePhase2Timers(f: TimerFields): Phase2Timers {
  const lifetime = f.lifetime ?? 0;
  if (lifetime <= 0) return { rekey: STRONGSWAN_CHILD_REKEY, life: STRONGSWAN_CHILD_LIFE, fromConfig: false };
  return { rekey: f.rekey ?? pct90(lifetime), life: lifetime, fromConfig: true };
}

// --- OPNsense ≥ 23.1: legacy tunnels written to swanctl.conf -----------------------------------

/**
 * The phase 1 timer elements of an OPNsense legacy tunnel. `rekeyDisabled`/`reauthDisabled` are
 * the "Disable Rekey"/"Disable Reauth" checkboxes (`<rekey_enable>`/`<reauth_enable>`, read with
 * isset()). Numbers are undefined when the element is absent or empty, and 0 counts as empty: the
 * generator tests them with PHP `!empty()`.
 */
export interface OpnsensePhase1Fields {
  lifetime?: number;
  margintime?: number;
  rekeyfuzz?: number;
  rekeyDisabled: boolean;
  reauthDisabled: boolean;
}

/** The connection timers strongSwan runs with (undefined in `written` = not in swanctl.conf). */
export interface OpnsensePhase1Timers {
  written: { rekey?: number; reauth?: number; over?: number; rand?: number };
  rekey: number;
  reauth: number;
  over: number;
  rand: number;
  /** `<lifetime>` reaches swanctl.conf (only through `<margintime>`) */
  lifetimeUsed: boolean;
}

const given = (n: number | undefined): n is number => n !== undefined && n !== 0;

/**
 * opnsense/core src/etc/inc/plugins.inc.d/ipsec.inc (`ipsec_configure_do`, unchanged from 23.1 to
 * 26.7): reauth_time = lifetime − margintime unless reauth is disabled; rekey_time = lifetime −
 * margintime, over_time = margintime, rand_time = margintime × rekeyfuzz when all three are set;
 * "Disable Rekey" writes rekey_time = reauth_time = 0. Nothing else: without a margintime the
 * lifetime is not written at all. Then strongSwan's defaults (vici_config.c): with neither
 * rekey nor reauth time, rekey 4h; over_time 10 % of the longer; rand_time over_time, at most
 * half of the shorter non-zero time.
 */
export function opnsensePhase1Timers(f: OpnsensePhase1Fields): OpnsensePhase1Timers {
  const written: OpnsensePhase1Timers['written'] = {};
  const { lifetime: l, margintime: m, rekeyfuzz: fz } = f;
  if (!f.reauthDisabled && given(l) && given(m)) written.reauth = l - m;
  if (f.rekeyDisabled) {
    written.rekey = 0;
    written.reauth = 0;
  } else if (given(m) && given(fz) && given(l)) {
    written.rekey = l - m;
    written.over = m;
    written.rand = m * fz;
  }
  let rekey = written.rekey;
  let reauth = written.reauth;
  if (rekey === undefined && reauth === undefined) {
    rekey = STRONGSWAN_IKE_REKEY;
    reauth = 0;
  }
  rekey ??= 0;
  reauth ??= 0;
  const over = written.over ?? Math.floor(Math.max(rekey, reauth) / 10);
  const renew = rekey && reauth ? Math.min(rekey, reauth) : Math.max(rekey, reauth);
  const rand = written.rand ?? Math.min(over, Math.floor(renew / 2));
  const lifetimeUsed = written.reauth !== undefined ? written.reauth > 0 : written.rekey !== undefined && written.rekey > 0;
  return { written, rekey, reauth, over, rand, lifetimeUsed };
}

/**
 * The phase 1 lifetime compared with the peer's. IKEv2: `<lifetime>` as written when it reaches
 * swanctl.conf (the IKE SA is renewed `<margintime>` before it, as with ipsec.conf), else the
 * renewal strongSwan runs with (4h by default, 0 = never). IKEv1: what charon proposes (main_mode.c:
 * reauth time, else rekey time, + over time).
 */
export function opnsensePhase1Lifetime(f: OpnsensePhase1Fields, ikev1: boolean): LifetimeChoice {
  const t = opnsensePhase1Timers(f);
  if (ikev1) {
    const value = (t.reauth > 0 ? t.reauth : t.rekey) + t.over;
    return t.lifetimeUsed && value === f.lifetime ? { value, from: 'lifetime' } : { value };
  }
  if (t.lifetimeUsed && f.lifetime !== undefined) return { value: f.lifetime, from: 'lifetime' };
  if (t.rekey === 0 && t.reauth === 0) return { value: 0 };
  return { value: t.rekey > 0 && t.reauth > 0 ? Math.min(t.rekey, t.reauth) : Math.max(t.rekey, t.reauth) };
}

/**
 * The rekey window of an OPNsense ≥ 23.1 IKEv2 phase 1 around the lifetime `opnsensePhase1Lifetime`
 * chose, from the timers ipsec.inc writes (`opnsensePhase1Timers`). With margintime and rekeyfuzz
 * the written `<lifetime>` is the hard limit: rekey_time = lifetime − margintime, over_time =
 * margintime, so the SA is deleted at the lifetime, renewed margintime plus up to rand_time earlier
 * (rand_time = margintime × rekeyfuzz, clamped by charon to the rekey time: peer_cfg.c). A chosen
 * renewal (strongSwan's defaults) is the rekey itself. Otherwise, and for IKEv1, none.
 */
export function opnsensePhase1Rekey(f: OpnsensePhase1Fields, ikev1: boolean, chosen: LifetimeChoice): RekeyTiming | undefined {
  if (ikev1) return undefined;
  const t = opnsensePhase1Timers(f);
  const renewals = [t.rekey, t.reauth].filter((x) => x > 0);
  if (renewals.length === 0) return undefined;
  const first = Math.min(...renewals);
  const rand = Math.min(t.rand, ...renewals);
  if (chosen.from === 'lifetime' && first + t.over === chosen.value)
    return { lifetimeIs: 'hard', marginSeconds: t.over, randSeconds: rand, overSeconds: 0, basis: OPNSENSE_BASIS };
  if (chosen.from === undefined && chosen.value === first)
    return { lifetimeIs: 'rekey', marginSeconds: 0, randSeconds: rand, overSeconds: t.over, basis: OPNSENSE_BASIS };
  return undefined;
}

export const OPNSENSE_BASIS =
  "OPNsense ipsec.inc writes rekey_time and reauth_time = lifetime − margintime, over_time = margintime, rand_time = margintime × rekeyfuzz (clamped to the rekey time by charon); without them strongSwan's defaults";

/**
 * An OPNsense ≥ 23.1 phase 2: life_time = `<lifetime>` (0 with "Disable Rekey" on the phase 1),
 * rekey_time = lifetime − margintime only with the phase 1's margintime and rekeyfuzz; otherwise
 * strongSwan derives the rekey time (≥ 5.9.9: life_time ÷ 1.1). Compared: `<lifetime>` as written
 * (the hard life; rekeying comes before it); empty: strongSwan's rekey 1h (IKEv2) or the life time
 * it proposes, 1h + 10 % (IKEv1).
 */
export function opnsensePhase2Lifetime(lifetime: number | undefined, rekeyDisabled: boolean, ikev1: boolean): LifetimeChoice {
  if (rekeyDisabled) return { value: 0 };
  if (lifetime !== undefined && lifetime > 0) return { value: lifetime, from: 'lifetime' };
  return { value: ikev1 ? STRONGSWAN_CHILD_LIFE : STRONGSWAN_CHILD_REKEY };
}

// --- rekey timing (the HTML report's windows) --------------------------------------------------

/**
 * Every lifetime this adapter read as a swanctl rekey time — its raw names the `rekey_time` it came
 * from, written or strongSwan's default — gets strongSwan's rekey window around it (timing.ts in
 * the strongSwan adapter). IKEv1 IKE SAs are reauthenticated, not rekeyed: none. Other lifetimes
 * (`<lifetime>`, ipsec.conf generations) keep the mark alone: which timer they are depends on the
 * release, and the model says no more.
 */
export function withSwanctlRekeyTiming(device: Device): Device {
  const isRekeyTime = (s: Setting<number>) => /\brekey_time\b/.test(s.raw);
  for (const t of device.tunnels) {
    if (!t.phase1.rekey && t.ikeVersion.value !== 1 && isRekeyTime(t.phase1.lifetimeSeconds)) t.phase1.rekey = swanctlTiming(t.phase1.lifetimeSeconds.value);
    for (const p of t.phase2) if (!p.rekey && isRekeyTime(p.lifetimeSeconds)) p.rekey = swanctlTiming(p.lifetimeSeconds.value);
  }
  return device;
}
