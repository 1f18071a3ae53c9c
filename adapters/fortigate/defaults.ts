/**
 * FortiOS defaults for what `show` leaves out (it prints only values that differ from the default;
 * `show full-configuration` prints everything). Each default is the value FortiOS would print for
 * it, the first release a source confirms it for, and — where FortiOS changed it — the release it
 * changed in. Sources: README.md ("Defaults"); research notes in /work/research/cisco-fgt-facts.md.
 */

/** Value ranges FortiOS accepts (CLI reference, `keylife [120 – 172800]` …). */
export const RANGES = {
  keylife: [120, 172800],
  keylifeseconds: [120, 172800],
  keylifekbs: [5120, 4294967295],
  keepalive: [5, 900],
  'dpd-retryinterval': [1, 3600],
  'dpd-retrycount': [0, 10],
  protocol: [0, 255],
  'src-port': [0, 65535],
  'dst-port': [0, 65535],
} as const satisfies Record<string, readonly [number, number]>;

/** A FortiOS release as a backup's `#config-version=` header names it. */
export interface FortiOSRelease {
  major: number;
  minor: number;
  patch?: number;
  /** the header text after `#config-version=` */
  text: string;
  line: number;
}

/**
 * `FG100D-5.04-FW-build1064-160608:opmode=1…` (5.x: zero-padded minor) or
 * `FGTAWS-6.2.3-FW-build1066-200327:opmode=0…` (6.x and later) → the release.
 */
export function releaseOf(configVersion: { text: string; line: number } | undefined): FortiOSRelease | undefined {
  if (!configVersion) return undefined;
  const m = /-(\d+)\.(\d+)(?:\.(\d+))?-FW-build/i.exec(configVersion.text);
  if (!m) return undefined;
  const r: FortiOSRelease = { major: Number(m[1]), minor: Number(m[2]), text: configVersion.text, line: configVersion.line };
  if (m[3] !== undefined) r.patch = Number(m[3]);
  return r;
}

type Version = readonly [number, number, number?];

function atLeast(r: FortiOSRelease, v: Version): boolean {
  if (r.major !== v[0]) return r.major > v[0];
  if (r.minor !== v[1]) return r.minor > v[1];
  return (r.patch ?? 0) >= (v[2] ?? 0);
}

/** One default: its value, and from which release a source confirms it (undefined: no source at all). */
interface Known<T> {
  value: T;
  confirmedFrom?: Version;
}

/** What a release fills in; `assumed` when no source confirms the value for this release. */
export interface Default<T> {
  value: T;
  assumed: boolean;
}

const PHASE1 = {
  'ike-version': { value: '1', confirmedFrom: [5, 6] },
  type: { value: 'static', confirmedFrom: [7, 2] },
  mode: { value: 'main', confirmedFrom: [7, 2] },
  authmethod: { value: 'psk', confirmedFrom: [7, 2] },
  keylife: { value: 86400, confirmedFrom: [5, 6] },
  // no source: FortiOS prints `proposal` always (the schema has no default); the list a new phase1 gets in the GUI
  proposal: { value: 'aes128-sha256 aes256-sha256 aes128-sha1 aes256-sha1' },
  nattraversal: { value: 'enable', confirmedFrom: [5, 6] },
  keepalive: { value: 10, confirmedFrom: [5, 6] },
  dpd: { value: 'on-demand', confirmedFrom: [7, 0] },
  'dpd-retrycount': { value: 3, confirmedFrom: [5, 4] },
  'dpd-retryinterval': { value: 20, confirmedFrom: [5, 4] },
} as const satisfies Record<string, Known<string | number>>;

const PHASE2 = {
  pfs: { value: 'enable', confirmedFrom: [7, 0] },
  'keylife-type': { value: 'seconds', confirmedFrom: [5, 4] },
  keylifeseconds: { value: 43200, confirmedFrom: [5, 6] },
  keylifekbs: { value: 5120, confirmedFrom: [7, 4] },
  encapsulation: { value: 'tunnel-mode', confirmedFrom: [5, 4] },
  protocol: { value: 0, confirmedFrom: [5, 4] },
  'addr-type': { value: 'subnet', confirmedFrom: [5, 4] },
  subnet: { value: '0.0.0.0 0.0.0.0', confirmedFrom: [5, 4] },
  subnet6: { value: '::/0', confirmedFrom: [7, 6, 5] },
} as const satisfies Record<string, Known<string | number>>;

/** The DH groups a phase1 or phase2 without `set dhgrp` uses: FortiOS 7.6 changed them. */
function dhgrp(r: FortiOSRelease | undefined): Default<string> {
  if (!r) return { value: '14 5', assumed: true }; // the release is not in the file: 14 5 (5.6–7.4) or 20 (7.6)?
  if (atLeast(r, [7, 6])) return { value: '20', assumed: !atLeast(r, [7, 6, 5]) };
  return { value: '14 5', assumed: !atLeast(r, [5, 6]) };
}

/**
 * The phase2 proposal a new phase2 gets; no source for either list (FortiOS prints `proposal`
 * always). "Changed the initial proposal list when new phase2s are created" as of 6.0.1
 * (FortiOS 6.0 CLI reference, history table).
 */
function phase2Proposal(r: FortiOSRelease | undefined): Default<string> {
  const old = r !== undefined && !atLeast(r, [6, 0, 1]);
  return {
    value: old
      ? 'aes128-sha1 aes256-sha1 3des-sha1 aes128-sha256 aes256-sha256 3des-sha256'
      : 'aes128-sha1 aes256-sha1 aes128-sha256 aes256-sha256 aes128gcm aes256gcm chacha20poly1305',
    assumed: true,
  };
}

function pick<T>(k: Known<T>, r: FortiOSRelease | undefined): Default<T> {
  // a release older than the first confirmed one (or no source at all): assumed; an unknown
  // release takes the value the sources confirm (it did not change where a source says so)
  const assumed = k.confirmedFrom === undefined || (r !== undefined && !atLeast(r, k.confirmedFrom));
  return { value: k.value, assumed };
}

type Defaults<T extends Record<string, Known<string | number>>> = { [K in keyof T]: Default<T[K]['value']> };

export interface FortiOSDefaults {
  release?: FortiOSRelease;
  phase1: Defaults<typeof PHASE1> & { dhgrp: Default<string> };
  phase2: Defaults<typeof PHASE2> & { dhgrp: Default<string>; proposal: Default<string> };
}

function all<T extends Record<string, Known<string | number>>>(table: T, r: FortiOSRelease | undefined): Defaults<T> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, pick(v, r)])) as Defaults<T>;
}

/**
 * The phase 1 / phase 2 tables by release number: they depend on major.minor.patch only, and a
 * repository's files name a handful of releases (built once each, not once per file; issue 13).
 * Nothing mutates them: readers copy the values into settings.
 */
const TABLES_BY_RELEASE = new Map<string, Pick<FortiOSDefaults, 'phase1' | 'phase2'>>();

/** The defaults of the release the file names (its `#config-version=` header), or of 5.6–7.4 when it names none. */
export function fortiosDefaults(release?: FortiOSRelease): FortiOSDefaults {
  const key = release ? `${release.major}.${release.minor}.${release.patch ?? ''}` : '';
  let tables = TABLES_BY_RELEASE.get(key);
  if (!tables) {
    tables = {
      phase1: { ...all(PHASE1, release), dhgrp: dhgrp(release) },
      phase2: { ...all(PHASE2, release), dhgrp: dhgrp(release), proposal: phase2Proposal(release) },
    };
    TABLES_BY_RELEASE.set(key, tables);
  }
  return { ...(release ? { release } : {}), phase1: tables.phase1, phase2: tables.phase2 };
}

/** The 5.6–7.4 defaults (no release known), for code that has no file at hand. */
export const DEFAULTS = fortiosDefaults();
