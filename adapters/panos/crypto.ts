/**
 * IKE and IPsec crypto profiles (`network ike crypto-profiles ike-crypto-profiles|ipsec-crypto-profiles`)
 * into normalized proposals, lifetimes and PFS groups. PAN-OS spells its algorithms one way in
 * both forms; the table below is every keyword of the PAN-OS 9.1–11.x schema (pan-os-codegen
 * specs/objects/profiles/*-crypto-profile.yaml) mapped to the canonical vocabulary.
 */
import { ParseError } from '../../src/model/errors.js';
import { byDefault, explicit } from '../../src/model/setting.js';
import type { ChildProposal, FieldUnit, IkeProposal, Setting } from '../../src/model/types.js';
import { dhGroupNumber } from '../../src/model/vocab.js';
import { DEFAULT_IKE_PROFILE, DEFAULT_IPSEC_PROFILE, IKE_LIFETIME_ABSENT, IPSEC_DH_ABSENT, IPSEC_LIFETIME_ABSENT, RANGES } from './defaults.js';
import { at, child, lineOf, text, type PNode } from './tree.js';

export interface Ctx {
  file: string;
  form: 'xml' | 'set' | 'brace';
  warn(line: number | undefined, message: string, level?: 'warning' | 'info'): void;
}

/** PAN-OS encryption keywords (IKE and ESP) → canonical names. */
export const ENCRYPTION: Readonly<Record<string, string>> = {
  des: 'des',
  '3des': '3des',
  'aes-128-cbc': 'aes128',
  'aes-192-cbc': 'aes192',
  'aes-256-cbc': 'aes256',
  'aes-128-ccm': 'aes128ccm16',
  'aes-128-gcm': 'aes128gcm16',
  'aes-256-gcm': 'aes256gcm16',
  null: 'null',
};

/** IKE `hash` and ESP/AH `authentication` keywords → canonical integrity; `none`/`non-auth` → none. */
export const INTEGRITY: Readonly<Record<string, string | null>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  none: null,
  'non-auth': null,
};

/** Canonical → PAN-OS keyword, for fixes. */
export const ENCRYPTION_KEYWORD: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ENCRYPTION).map(([k, v]) => [v, k]));
export const INTEGRITY_KEYWORD: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(INTEGRITY)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => [v, k]),
);

export interface Lifetime {
  seconds: number;
  unit: FieldUnit;
  amount: number;
}

const TIME_UNITS: Array<[string, FieldUnit, number]> = [
  ['seconds', 'seconds', 1],
  ['minutes', 'minutes', 60],
  ['hours', 'hours', 3600],
  ['days', 'days', 86400],
];

const SIZE_UNITS: Array<[string, FieldUnit | undefined, number]> = [
  ['kb', 'kilobytes', 1],
  ['mb', 'megabytes', 1024],
  ['gb', 'gigabytes', 1024 * 1024],
  // FieldUnit has no terabytes: the value is exact in KB, `raw` keeps the unit
  ['tb', undefined, 1024 * 1024 * 1024],
];

/** A leaf as the device wrote it, shortened to PAN-OS words for composite raws: `encryption [ a b ]`. */
function words(leaf: PNode): string {
  const v = leaf.values ?? [];
  if (v.length === 1) return `${leaf.name} ${v[0]}`;
  return `${leaf.name} [ ${v.join(' ')} ]`;
}

function wholeNumber(ctx: Ctx, leaf: PNode, what: string): number {
  const t = text(leaf) ?? '';
  if (!/^\d+$/.test(t)) throw new ParseError(ctx.file, lineOf(leaf), `expected ${what} as a whole number, found ${JSON.stringify(t)}`);
  return Number(t);
}

/** `<lifetime><hours>8</hours></lifetime>` / `lifetime hours 8` → seconds with its unit. */
export function readLifetime(ctx: Ctx, lifetime: PNode, owner: string): { value: Lifetime; leaf: PNode } | undefined {
  for (const [name, unit, per] of TIME_UNITS) {
    const leaf = child(lifetime, name);
    if (!leaf?.values) continue;
    const amount = wholeNumber(ctx, leaf, `${owner} lifetime in ${name}`);
    const [lo, hi] = RANGES.lifetime[name as keyof typeof RANGES.lifetime];
    if (amount < lo || amount > hi)
      ctx.warn(lineOf(leaf), `${owner}: lifetime ${name} ${amount} is outside what PAN-OS accepts (${lo}–${hi}); read as written`);
    return { value: { seconds: amount * per, unit, amount }, leaf };
  }
  ctx.warn(lifetime.line, `${owner}: <lifetime> without days, hours, minutes or seconds; the default applies`);
  return undefined;
}

function lifetimeSetting(ctx: Ctx, lifetime: { value: Lifetime; leaf: PNode }): Setting<number> {
  const { value, leaf } = lifetime;
  const raw =
    ctx.form === 'xml' ? `<lifetime>${leaf.raw ?? ''}</lifetime>` : ctx.form === 'brace' ? `lifetime { ${leaf.raw ?? ''} }` : (leaf.raw ?? words(leaf));
  return explicit(value.seconds, raw, { file: ctx.file, line: lineOf(leaf) }, value.unit);
}

function defaultLifetime(d: { unit: string; amount: number }, form: Ctx['form']): Setting<number> {
  const [, unit, per] = TIME_UNITS.find(([n]) => n === d.unit) ?? TIME_UNITS[2];
  const raw = form === 'xml' ? `<lifetime><${d.unit}>${d.amount}</${d.unit}></lifetime>` : `lifetime ${d.unit} ${d.amount}`;
  return byDefault(d.amount * per, raw, unit);
}

function mapAll<T>(ctx: Ctx, leaf: PNode, table: Readonly<Record<string, T>>, what: string, owner: string): T[] {
  const out: T[] = [];
  for (const v of leaf.values ?? []) {
    if (!(v in table))
      throw new ParseError(ctx.file, lineOf(leaf), `expected a PAN-OS ${what} (${Object.keys(table).join(', ')}) in ${owner}, found ${JSON.stringify(v)}`);
    out.push(table[v]);
  }
  return out;
}

function dhNumber(ctx: Ctx, leaf: PNode, token: string, owner: string): number {
  const n = token === 'no-pfs' ? 0 : /^group\d+$/.test(token) ? dhGroupNumber(token) : undefined;
  if (n === undefined)
    throw new ParseError(
      ctx.file,
      lineOf(leaf),
      `expected a DH group (group1, group2, group5, group14, …, no-pfs) in ${owner}, found ${JSON.stringify(token)}`,
    );
  return n;
}

export interface IkeProfile {
  name: string;
  line?: number;
  proposals: Setting<IkeProposal[]>;
  lifetime: Setting<number>;
  /** IKEv2 reauthentication every N rekeys (0 = never); not in the model, kept for the README/tests */
  authenticationMultiple: number;
}

/** One `ike-crypto-profiles` entry: encryption × hash × dh-group is one proposal of alternatives. */
export function readIkeProfile(ctx: Ctx, entry: PNode): IkeProfile {
  const owner = `IKE crypto profile ${entry.name}`;
  const enc = child(entry, 'encryption');
  const hash = child(entry, 'hash');
  const dh = child(entry, 'dh-group');
  const encryption = enc?.values ? mapAll(ctx, enc, ENCRYPTION, 'encryption', owner) : [...DEFAULT_IKE_PROFILE.encryption].map((e) => ENCRYPTION[e]);
  const integrity = hash?.values ? mapAll(ctx, hash, INTEGRITY, 'hash', owner) : [...DEFAULT_IKE_PROFILE.hash].map((h) => INTEGRITY[h]);
  const groups = dh?.values ? dh.values.map((g) => dhNumber(ctx, dh, g, owner)) : DEFAULT_IKE_PROFILE.dhGroup.map((g) => dhGroupNumber(g) as number);
  if (!enc?.values || !hash?.values || !dh?.values)
    ctx.warn(
      entry.line,
      `${owner} has no ${[!enc?.values && 'encryption', !hash?.values && 'hash', !dh?.values && 'dh-group'].filter(Boolean).join(', ')}; PAN-OS requires them — the default profile's values are assumed`,
    );
  const proposal: IkeProposal = { encryption, integrity: integrity.filter((i): i is string => i !== null), prf: [], dhGroups: groups };
  const raw = [enc, hash, dh].filter((n): n is PNode => !!n?.values).map((n) => (ctx.form === 'xml' ? (n.raw ?? words(n)) : words(n)));
  const proposals = enc?.values
    ? explicit([proposal], `${raw.join(ctx.form === 'xml' ? ' ' : ', ')}`, { file: ctx.file, line: lineOf(enc) })
    : byDefault([proposal], 'encryption [ aes-128-cbc 3des ], hash sha1, dh-group group2');
  const lt = child(entry, 'lifetime');
  const read = lt ? readLifetime(ctx, lt, owner) : undefined;
  const am = child(entry, 'authentication-multiple');
  return {
    name: entry.name,
    line: entry.line,
    proposals,
    lifetime: read ? lifetimeSetting(ctx, read) : defaultLifetime(IKE_LIFETIME_ABSENT, ctx.form),
    authenticationMultiple: am?.values ? wholeNumber(ctx, am, `${owner} authentication-multiple`) : 0,
  };
}

/** The factory `default` IKE profile, for a gateway naming `default` in a file that does not print it. */
export function factoryIkeProfile(form: Ctx['form']): IkeProfile {
  const proposal: IkeProposal = {
    encryption: DEFAULT_IKE_PROFILE.encryption.map((e) => ENCRYPTION[e]),
    integrity: DEFAULT_IKE_PROFILE.hash.map((h) => INTEGRITY[h] as string),
    prf: [],
    dhGroups: DEFAULT_IKE_PROFILE.dhGroup.map((g) => dhGroupNumber(g) as number),
  };
  return {
    name: 'default',
    proposals: byDefault([proposal], 'encryption [ aes-128-cbc 3des ], hash sha1, dh-group group2'),
    lifetime: defaultLifetime(DEFAULT_IKE_PROFILE.lifetime, form),
    authenticationMultiple: 0,
  };
}

export interface IpsecProfile {
  name: string;
  line?: number;
  proposals: Setting<ChildProposal[]>;
  pfsGroups: Setting<number[]>;
  lifetime: Setting<number>;
  lifesize: Setting<number>;
}

/** One `ipsec-crypto-profiles` entry: `esp` (encryption × authentication) or `ah` (authentication). */
export function readIpsecProfile(ctx: Ctx, entry: PNode): IpsecProfile {
  const owner = `IPsec crypto profile ${entry.name}`;
  const esp = child(entry, 'esp');
  const ah = child(entry, 'ah');
  let proposals: Setting<ChildProposal[]>;
  if (esp || !ah) {
    const enc = at(esp, 'encryption');
    const auth = at(esp, 'authentication');
    const encryption = enc?.values ? mapAll(ctx, enc, ENCRYPTION, 'ESP encryption', owner) : DEFAULT_IPSEC_PROFILE.encryption.map((e) => ENCRYPTION[e]);
    const integrity = auth?.values ? mapAll(ctx, auth, INTEGRITY, 'ESP authentication', owner) : DEFAULT_IPSEC_PROFILE.authentication.map((a) => INTEGRITY[a]);
    if (!esp) ctx.warn(entry.line, `${owner} has neither esp nor ah; PAN-OS requires one — the default profile's ESP values are assumed`);
    else if (!enc?.values || !auth?.values)
      ctx.warn(esp.line, `${owner}: esp without ${!enc?.values ? 'encryption' : 'authentication'}; the default profile's values are assumed`);
    const p: ChildProposal = { protocol: 'esp', encryption, integrity: integrity.filter((i): i is string => i !== null) };
    const raws = [enc, auth].filter((n): n is PNode => !!n?.values).map((n) => (ctx.form === 'xml' ? (n.raw ?? words(n)) : `esp ${words(n)}`));
    proposals = enc?.values
      ? explicit([p], ctx.form === 'xml' ? `<esp>${raws.join('')}</esp>` : raws.join(', '), { file: ctx.file, line: lineOf(enc) })
      : byDefault([p], 'esp encryption [ aes-128-cbc 3des ], esp authentication sha1');
  } else {
    const auth = child(ah, 'authentication');
    if (!auth?.values) throw new ParseError(ctx.file, ah.line, `expected ah authentication (md5, sha1, sha256, sha384, sha512) in ${owner}, found none`);
    const integrity = mapAll(ctx, auth, INTEGRITY, 'AH authentication', owner).filter((i): i is string => i !== null);
    proposals = explicit([{ protocol: 'ah', encryption: [], integrity }], ctx.form === 'xml' ? `<ah>${auth.raw ?? words(auth)}</ah>` : `ah ${words(auth)}`, {
      file: ctx.file,
      line: lineOf(auth),
    });
  }
  const dh = child(entry, 'dh-group');
  const dhToken = text(dh);
  const pfsGroups =
    dh && dhToken !== undefined
      ? explicit([dhNumber(ctx, dh, dhToken, owner)], dh.raw ?? words(dh), { file: ctx.file, line: lineOf(dh) })
      : byDefault([dhGroupNumber(IPSEC_DH_ABSENT) as number], ctx.form === 'xml' ? `<dh-group>${IPSEC_DH_ABSENT}</dh-group>` : `dh-group ${IPSEC_DH_ABSENT}`);
  const lt = child(entry, 'lifetime');
  const read = lt ? readLifetime(ctx, lt, owner) : undefined;
  return {
    name: entry.name,
    line: entry.line,
    proposals,
    pfsGroups,
    lifetime: read ? lifetimeSetting(ctx, read) : defaultLifetime(IPSEC_LIFETIME_ABSENT, ctx.form),
    lifesize: readLifesize(ctx, child(entry, 'lifesize'), owner),
  };
}

export function factoryIpsecProfile(form: Ctx['form']): IpsecProfile {
  return {
    name: 'default',
    proposals: byDefault(
      [
        {
          protocol: 'esp',
          encryption: DEFAULT_IPSEC_PROFILE.encryption.map((e) => ENCRYPTION[e]),
          integrity: DEFAULT_IPSEC_PROFILE.authentication.map((a) => INTEGRITY[a] as string),
        },
      ],
      'esp encryption [ aes-128-cbc 3des ], esp authentication sha1',
    ),
    pfsGroups: byDefault([dhGroupNumber(DEFAULT_IPSEC_PROFILE.dhGroup) as number], `dh-group ${DEFAULT_IPSEC_PROFILE.dhGroup}`),
    lifetime: defaultLifetime(DEFAULT_IPSEC_PROFILE.lifetime, form),
    lifesize: byDefault(0, '(no lifesize)'),
  };
}

function readLifesize(ctx: Ctx, lifesize: PNode | undefined, owner: string): Setting<number> {
  if (lifesize) {
    for (const [name, unit, per] of SIZE_UNITS) {
      const leaf = child(lifesize, name);
      if (!leaf?.values) continue;
      const amount = wholeNumber(ctx, leaf, `${owner} lifesize in ${name}`);
      const [lo, hi] = RANGES.lifesize[name as keyof typeof RANGES.lifesize];
      if (amount < lo || amount > hi)
        ctx.warn(lineOf(leaf), `${owner}: lifesize ${name} ${amount} is outside what PAN-OS accepts (${lo}–${hi}); read as written`);
      const raw =
        ctx.form === 'xml' ? `<lifesize>${leaf.raw ?? ''}</lifesize>` : ctx.form === 'brace' ? `lifesize { ${leaf.raw ?? ''} }` : (leaf.raw ?? words(leaf));
      return explicit(amount * per, raw, { file: ctx.file, line: lineOf(leaf) }, unit);
    }
    ctx.warn(lifesize.line, `${owner}: <lifesize> without kb, mb, gb or tb; read as no volume limit`);
  }
  // no lifesize: the SA has no data-volume limit
  return byDefault(0, '(no lifesize)');
}

/** Every profile of a `crypto-profiles` node, by name. */
export function readProfiles(ctx: Ctx, cryptoProfiles: PNode | undefined): { ike: Map<string, IkeProfile>; ipsec: Map<string, IpsecProfile> } {
  const ike = new Map<string, IkeProfile>();
  const ipsec = new Map<string, IpsecProfile>();
  for (const e of child(cryptoProfiles, 'ike-crypto-profiles')?.children ?? []) ike.set(e.name, readIkeProfile(ctx, e));
  for (const e of child(cryptoProfiles, 'ipsec-crypto-profiles')?.children ?? []) ipsec.set(e.name, readIpsecProfile(ctx, e));
  return { ike, ipsec };
}
