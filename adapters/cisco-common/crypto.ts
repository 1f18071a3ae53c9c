/**
 * The crypto vocabulary ASA and IOS share: transform sets, IKEv2 IPsec proposals (ASA), IKE
 * policies (IKEv1 `crypto ikev1|isakmp policy`, IKEv2 `crypto ikev2 policy|proposal`), and the
 * `set …` commands that crypto map entries and IPsec profiles have in common.
 *
 * Spellings (all checked against the real files under ../shared/real-configs):
 * - IKEv1 transform set: ASA `esp-aes-256 esp-sha-hmac`; IOS `esp-aes 256 esp-sha-hmac` — the key
 *   length is a separate word after `esp-aes`/`esp-gcm`/`esp-gmac`; `esp-aes` alone is AES-128.
 * - ASA IKEv2 IPsec proposal: `protocol esp encryption aes-256 aes` / `protocol esp integrity sha-256 sha-1`.
 * - IKE policy: `encryption aes-256` (ASA) or `encr aes 256` (IOS), `hash sha`, `group 2`,
 *   `lifetime 86400` (IKEv1) or `lifetime seconds 86400` (ASA IKEv2); `none` = no rekey.
 */
import type { AuthMethod, ChildProposal, IkeProposal } from '../../src/model/types.js';
import { canonicalEncryption, canonicalIntegrity, canonicalPrf, dhGroupNumber, isAead } from '../../src/model/vocab.js';
import { parseWholeNumber } from '../../src/model/units.js';
import type { Block } from './blocks.js';
import { type Ctx, type Located, fail, note, warn } from './context.js';
import { type CiscoLine, safeText } from './lines.js';

// --- transform sets and IKEv2 IPsec proposals -------------------------------------------------

export interface TransformSet {
  name: string;
  at: CiscoLine;
  proposal: ChildProposal;
  mode: Located<'tunnel' | 'transport'> | undefined;
}

const KEY_LENGTH_FOLLOWS = new Set(['esp-aes', 'esp-gcm', 'esp-gmac']);

/** `esp-aes 256 esp-sha-hmac` / `esp-aes-256 esp-sha-hmac` / `ah-sha-hmac` → one ChildProposal. */
export function readTransforms(ctx: Ctx, line: CiscoLine, from: number): ChildProposal {
  const enc: string[] = [];
  const integ: string[] = [];
  let ah = false;
  let esp = false;
  const keys = line.keys;
  for (let i = from; i < keys.length; i++) {
    let t = keys[i];
    if (t.startsWith('comp-')) continue; // IP compression (comp-lzs): no bearing on the SA match
    if (KEY_LENGTH_FOLLOWS.has(t) && /^(128|192|256)$/.test(keys[i + 1] ?? '')) {
      t = `${t}-${keys[i + 1]}`;
      i++;
    }
    if (t.startsWith('ah-')) {
      const name = canonicalIntegrity(t.replace(/^ah-/, 'esp-'));
      if (!name) fail(ctx, line, `expected an AH transform (ah-sha-hmac, ah-sha256-hmac, ah-md5-hmac), found "${line.words[i]}"`);
      ah = true;
      integ.push(name);
      continue;
    }
    const e = canonicalEncryption(t);
    const h = e === undefined ? canonicalIntegrity(t) : undefined;
    if (e !== undefined && t.startsWith('esp-')) {
      esp = true;
      enc.push(e);
    } else if (h !== undefined && t.startsWith('esp-')) {
      esp = true;
      integ.push(h);
    } else {
      fail(
        ctx,
        line,
        `expected an ESP transform (esp-aes [128|192|256], esp-aes-256, esp-gcm 256, esp-3des, esp-sha-hmac, esp-sha256-hmac, …), found "${line.words[i]}"`,
      );
    }
  }
  if (!esp && !ah) fail(ctx, line, 'expected at least one ESP or AH transform after the transform-set name');
  if (ah && esp) note(ctx, 'AH+ESP bundle: only the ESP part is compared (the model has one protocol per proposal)', line);
  if (!esp) return { protocol: 'ah', encryption: [], integrity: integ };
  return { protocol: 'esp', encryption: enc, integrity: stripNullForAead(enc, integ) };
}

function stripNullForAead(enc: string[], integ: string[]): string[] {
  return enc.length > 0 && enc.every(isAead) ? integ.filter((i) => i !== 'null') : integ;
}

/**
 * `crypto ipsec transform-set NAME …` (IOS, ASA ≤ 8.3) and `crypto ipsec ikev1 transform-set NAME …`
 * (ASA ≥ 8.4), with `mode transport|tunnel` as a child (IOS) or as the one-line ASA form
 * `crypto ipsec ikev1 transform-set NAME mode transport`.
 */
export function collectTransformSets(ctx: Ctx, blocks: Block[]): Map<string, TransformSet> {
  const out = new Map<string, TransformSet>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (k[0] !== 'crypto' || k[1] !== 'ipsec') continue;
    const base = k[2] === 'transform-set' ? 3 : k[2] === 'ikev1' && k[3] === 'transform-set' ? 4 : -1;
    if (base < 0) continue;
    const name = b.head.words[base];
    if (name === undefined) fail(ctx, b.head, 'expected a transform-set name');
    if (k[base + 1] === 'mode') {
      const ts = out.get(name);
      const mode = readMode(ctx, b.head, base + 2);
      if (ts) ts.mode = mode;
      else note(ctx, `mode set for transform-set ${name} before it is defined`, b.head);
      continue;
    }
    const ts: TransformSet = { name, at: b.head, proposal: readTransforms(ctx, b.head, base + 1), mode: undefined };
    for (const c of b.children) if (c.keys[0] === 'mode') ts.mode = readMode(ctx, c, 1);
    out.set(name, ts);
  }
  return out;
}

function readMode(ctx: Ctx, line: CiscoLine, i: number): Located<'tunnel' | 'transport'> {
  const m = line.keys[i];
  if (m !== 'tunnel' && m !== 'transport') fail(ctx, line, `expected "mode tunnel" or "mode transport", found "${line.text}"`);
  return { value: m, line };
}

export interface IpsecProposal {
  name: string;
  at: CiscoLine;
  proposal: ChildProposal;
}

/** ASA `crypto ipsec ikev2 ipsec-proposal NAME` with `protocol esp encryption|integrity …` children. */
export function collectIkev2IpsecProposals(ctx: Ctx, blocks: Block[]): Map<string, IpsecProposal> {
  const out = new Map<string, IpsecProposal>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'ipsec' && k[2] === 'ikev2' && k[3] === 'ipsec-proposal')) continue;
    const name = b.head.words[4];
    if (name === undefined) fail(ctx, b.head, 'expected an ipsec-proposal name');
    // entered again (a fix appended to the file): a `protocol esp encryption|integrity` line replaces that list
    const before = out.get(name);
    let enc: string[] = before ? [...before.proposal.encryption] : [];
    let integ: string[] = before ? [...before.proposal.integrity] : [];
    let protocol: 'esp' | 'ah' = before?.proposal.protocol ?? 'esp';
    for (const c of b.children) {
      const ck = c.keys;
      if (ck[0] !== 'protocol') continue;
      if (ck[1] === 'ah') protocol = 'ah';
      const what = ck[2];
      if (what === 'encryption') enc = [];
      else if (what === 'integrity') integ = [];
      for (let i = 3; i < ck.length; i++) {
        if (what === 'encryption') {
          const e = canonicalEncryption(ck[i]);
          if (!e) fail(ctx, c, `expected an ESP encryption (aes, aes-192, aes-256, aes-gcm-256, 3des, des, null, …), found "${c.words[i]}"`);
          enc.push(e);
        } else if (what === 'integrity') {
          const h = canonicalIntegrity(ck[i]);
          if (!h) fail(ctx, c, `expected an ESP integrity (sha-1, sha-256, sha-384, sha-512, md5, null), found "${c.words[i]}"`);
          integ.push(h);
        }
      }
    }
    if (enc.length === 0 && protocol === 'esp') warn(ctx, `ipsec-proposal ${name} has no "protocol esp encryption" line: it offers nothing`, b.head);
    out.set(name, { name, at: before?.at ?? b.head, proposal: { protocol, encryption: enc, integrity: stripNullForAead(enc, integ) } });
  }
  return out;
}

// --- the `set …` commands of crypto map entries and IPsec profiles ----------------------------

export interface IpsecSettings {
  peers: Array<Located<string>>;
  /** IKEv1 transform sets (`set ikev1 transform-set`, `set transform-set`) */
  transformSets?: Located<string[]>;
  /** ASA IKEv2 IPsec proposals (`set ikev2 ipsec-proposal`) */
  ikev2Proposals?: Located<string[]>;
  /** `set pfs` with the group as written (undefined when the group was left to the default) */
  pfs?: Located<string | undefined>;
  lifetimeSeconds?: Located<number>;
  /** 0 = no volume limit (`kilobytes unlimited` on the ASA, `kilobytes disable` on IOS) */
  lifetimeKilobytes?: Located<number>;
  nattDisabled?: CiscoLine;
  connectionType?: Located<'answer-only' | 'originate-only' | 'bidirectional'>;
  phase1Mode?: Located<'main' | 'aggressive'>;
  isakmpProfile?: Located<string>;
  ikev2Profile?: Located<string>;
}

export function emptySettings(): IpsecSettings {
  return { peers: [] };
}

/** Apply one `set …` command (words from `set` on). Unknown ones are noted, harmless ones ignored. */
export function applySet(ctx: Ctx, s: IpsecSettings, line: CiscoLine, i: number, what: string): void {
  const k = line.keys;
  const w = line.words;
  const a = k[i + 1];
  if (a === 'peer') {
    const peers = w.slice(i + 2).filter((p) => p.toLowerCase() !== 'default');
    if (peers.length === 0) fail(ctx, line, 'expected a peer address after "set peer"');
    // the ASA one-liner (`crypto map X 10 set peer A B`) states the whole list, a later one
    // replaces it; an IOS entry's ` set peer` lines each add a (backup) peer
    if (i > 0) s.peers = [];
    for (const p of peers) if (!s.peers.some((x) => x.value === p)) s.peers.push({ value: p, line });
  } else if (a === 'transform-set' || (a === 'ikev1' && k[i + 2] === 'transform-set')) {
    const names = w.slice(i + (a === 'ikev1' ? 3 : 2));
    if (names.length === 0) fail(ctx, line, 'expected one or more transform-set names');
    s.transformSets = { value: names, line };
  } else if (a === 'ikev2' && k[i + 2] === 'ipsec-proposal') {
    const names = w.slice(i + 3);
    if (names.length === 0) fail(ctx, line, 'expected one or more ipsec-proposal names');
    s.ikev2Proposals = { value: names, line };
  } else if (a === 'ikev1' && k[i + 2] === 'phase1-mode') {
    const m = k[i + 3];
    if (m !== 'main' && m !== 'aggressive') fail(ctx, line, `expected "phase1-mode main" or "phase1-mode aggressive", found "${line.text}"`);
    s.phase1Mode = { value: m, line };
  } else if (a === 'pfs') {
    const g = k[i + 2];
    if (g !== undefined && dhGroupNumber(g) === undefined) fail(ctx, line, `expected a PFS group (group2, group5, group14, group19, …), found "${w[i + 2]}"`);
    s.pfs = { value: g, line };
  } else if (a === 'security-association' && k[i + 2] === 'lifetime') {
    readSaLifetime(ctx, s, line, i + 3);
  } else if (a === 'nat-t-disable') {
    s.nattDisabled = line;
  } else if (a === 'connection-type') {
    const t = k[i + 2];
    if (t !== 'answer-only' && t !== 'originate-only' && t !== 'bidirectional')
      fail(ctx, line, `expected connection-type answer-only, originate-only or bidirectional, found "${line.text}"`);
    s.connectionType = { value: t, line };
  } else if (a === 'isakmp-profile' && w[i + 2]) {
    s.isakmpProfile = { value: w[i + 2], line };
  } else if (a === 'ikev2-profile' && w[i + 2]) {
    s.ikev2Profile = { value: w[i + 2], line };
  } else if (
    ![
      'reverse-route',
      'ikev2',
      'trustpoint',
      'inheritance',
      'tfc-packets',
      'validate-icmp-errors',
      'df-bit',
      'security-association',
      'ikev1',
      'phase1-mode',
      'nat-t',
      'default',
    ].includes(a ?? '')
  ) {
    note(ctx, `${what}: "${safeText(line)}" is not read`, line);
  }
}

/**
 * Take back one `set …` (words from `set` on, after the `no`): `no set pfs`, `no set peer A`,
 * `no set security-association lifetime seconds`, `no set nat-t-disable`, … — what a fix appended
 * to the configuration writes, read as the device applies it.
 */
export function unsetSetting(s: IpsecSettings, line: CiscoLine, i: number): void {
  const k = line.keys;
  const a = k[i + 1];
  if (a === 'pfs') delete s.pfs;
  else if (a === 'peer') {
    const gone = new Set(line.words.slice(i + 2).map((x) => x.toLowerCase()));
    s.peers = gone.size === 0 ? [] : s.peers.filter((p) => !gone.has(p.value.toLowerCase()));
  } else if (a === 'transform-set' || (a === 'ikev1' && k[i + 2] === 'transform-set')) delete s.transformSets;
  else if (a === 'ikev2' && k[i + 2] === 'ipsec-proposal') delete s.ikev2Proposals;
  else if (a === 'nat-t-disable') delete s.nattDisabled;
  else if (a === 'connection-type') delete s.connectionType;
  else if (a === 'ikev1' && k[i + 2] === 'phase1-mode') delete s.phase1Mode;
  else if (a === 'isakmp-profile') delete s.isakmpProfile;
  else if (a === 'ikev2-profile') delete s.ikev2Profile;
  else if (a === 'security-association' && k[i + 2] === 'lifetime') {
    const unit = k[i + 3];
    if (unit === 'seconds' || unit === undefined) delete s.lifetimeSeconds;
    if (unit === 'kilobytes' || unit === undefined) delete s.lifetimeKilobytes;
  }
}

/**
 * `security-association lifetime seconds N | kilobytes N | kilobytes unlimited | kilobytes disable`,
 * possibly both on one line. Cisco's own ranges: seconds 120–2147483647, kilobytes 10–2147483647.
 */
export function readSaLifetime(ctx: Ctx, s: Pick<IpsecSettings, 'lifetimeSeconds' | 'lifetimeKilobytes'>, line: CiscoLine, from: number): void {
  const k = line.keys;
  let i = from;
  if (k[i] === undefined) fail(ctx, line, 'expected "seconds N" or "kilobytes N" after "lifetime"');
  while (i < k.length) {
    const unit = k[i];
    const raw = line.words[i + 1];
    if (unit === 'seconds') {
      const n = raw === undefined ? undefined : parseWholeNumber(raw);
      if (n === undefined || n < 120) fail(ctx, line, `expected a lifetime in seconds (120–2147483647), found "${raw ?? ''}"`);
      s.lifetimeSeconds = { value: n, line };
    } else if (unit === 'kilobytes') {
      const r = raw?.toLowerCase();
      const n = r === 'unlimited' || r === 'disable' ? 0 : raw === undefined ? undefined : parseWholeNumber(raw);
      if (n === undefined || (n !== 0 && n < 10))
        fail(ctx, line, `expected a lifetime in kilobytes (10–2147483647, unlimited or disable), found "${raw ?? ''}"`);
      s.lifetimeKilobytes = { value: n, line };
    } else if (unit === 'days') {
      note(ctx, `"${line.text}" is not read`, line);
    } else {
      fail(ctx, line, `expected "seconds" or "kilobytes", found "${line.words[i]}"`);
    }
    i += 2;
  }
}

// --- IKE policies --------------------------------------------------------------------------------

export interface Ikev1Policy {
  priority: number;
  at: CiscoLine;
  authentication?: Located<AuthMethod>;
  encryption?: Located<string>;
  hash?: Located<string>;
  group?: Located<number>;
  /** seconds; 0 = `lifetime none` */
  lifetime?: Located<number>;
}

const AUTH: Record<string, AuthMethod> = {
  'pre-share': 'psk',
  'rsa-sig': 'certificate',
  'ecdsa-sig': 'certificate',
  'rsa-encr': 'certificate',
  crack: 'unknown',
};

/** `crypto ikev1 policy N` (ASA ≥ 8.4) and `crypto isakmp policy N` (IOS, ASA ≤ 8.3), ordered by priority. */
export function collectIkev1Policies(ctx: Ctx, blocks: Block[]): Ikev1Policy[] {
  // keyed by priority: the same policy printed twice (show run + show run crypto pasted together) is one policy
  const out = new Map<number, Ikev1Policy>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && (k[1] === 'ikev1' || k[1] === 'isakmp') && k[2] === 'policy')) continue;
    const priority = parseWholeNumber(k[3] ?? '');
    if (priority === undefined) fail(ctx, b.head, `expected a policy priority (1–65535), found "${b.head.words[3] ?? ''}"`);
    const p: Ikev1Policy = out.get(priority) ?? { priority, at: b.head };
    out.set(priority, p);
    for (const c of b.children) {
      const ck = c.keys;
      const value = ck.slice(1).join(' ');
      switch (ck[0]) {
        case 'authentication': {
          const m = AUTH[ck[1] ?? ''];
          if (!m) fail(ctx, c, `expected authentication pre-share, rsa-sig, rsa-encr or ecdsa-sig, found "${c.text}"`);
          p.authentication = { value: m, line: c };
          break;
        }
        case 'encryption':
        case 'encr': {
          const e = canonicalEncryption(value);
          if (!e) fail(ctx, c, `expected an IKE encryption (des, 3des, aes, aes 192, aes 256, aes-192, aes-256), found "${value}"`);
          p.encryption = { value: e, line: c };
          break;
        }
        case 'hash': {
          const h = canonicalIntegrity(value);
          if (!h) fail(ctx, c, `expected an IKE hash (sha, sha256, sha384, sha512, md5), found "${value}"`);
          p.hash = { value: h, line: c };
          break;
        }
        case 'group': {
          const g = dhGroupNumber(ck[1] ?? '');
          if (g === undefined) fail(ctx, c, `expected a Diffie-Hellman group number (1, 2, 5, 14, 15, 16, 19, 20, 21, 24), found "${value}"`);
          p.group = { value: g, line: c };
          break;
        }
        case 'lifetime':
          p.lifetime = { value: readIkeLifetime(ctx, c), line: c };
          break;
        default:
          break;
      }
    }
  }
  return [...out.values()].sort((a, b) => a.priority - b.priority);
}

/** `lifetime 86400`, `lifetime seconds 86400`, `lifetime none`, `lifetime seconds none` → seconds (0 = none). */
function readIkeLifetime(ctx: Ctx, line: CiscoLine): number {
  const k = line.keys;
  const v = k[1] === 'seconds' ? k[2] : k[1];
  if (v === 'none') return 0;
  const n = v === undefined ? undefined : parseWholeNumber(v);
  if (n === undefined || n < 60) fail(ctx, line, `expected an IKE lifetime in seconds (60–2147483647) or "none", found "${line.words.slice(1).join(' ')}"`);
  return n;
}

/** ASA `crypto ikev2 policy N` (algorithms inline) or IOS `crypto ikev2 policy NAME` (`proposal X` lines). */
export interface Ikev2Policy {
  name: string;
  /** ASA priority (the IOS policy order is the order in the file) */
  priority: number;
  at: CiscoLine;
  encryption?: Located<string[]>;
  integrity?: Located<string[]>;
  prf?: Located<string[]>;
  groups?: Located<number[]>;
  lifetime?: Located<number>;
  /** IOS: proposals referenced by name */
  proposalRefs: Array<Located<string>>;
}

function readList(ctx: Ctx, line: CiscoLine, what: string, canon: (t: string) => string | undefined, spellings: string): Located<string[]> {
  const out: string[] = [];
  for (let i = 1; i < line.keys.length; i++) {
    const v = canon(line.keys[i]);
    if (!v) fail(ctx, line, `expected ${what} (${spellings}), found "${line.words[i]}"`);
    out.push(v);
  }
  if (out.length === 0) fail(ctx, line, `expected ${what} after "${line.words[0]}"`);
  return { value: out, line };
}

function readGroups(ctx: Ctx, line: CiscoLine): Located<number[]> {
  const out: number[] = [];
  for (let i = 1; i < line.keys.length; i++) {
    const g = dhGroupNumber(line.keys[i]);
    if (g === undefined) fail(ctx, line, `expected Diffie-Hellman group numbers (2, 5, 14, 19, 20, 21, 24, …), found "${line.words[i]}"`);
    out.push(g);
  }
  if (out.length === 0) fail(ctx, line, 'expected one or more Diffie-Hellman group numbers');
  return { value: out, line };
}

/** The algorithm lines shared by ASA IKEv2 policies and IOS IKEv2 proposals. */
function readIkev2Algorithms(ctx: Ctx, target: Pick<Ikev2Policy, 'encryption' | 'integrity' | 'prf' | 'groups'>, c: CiscoLine): boolean {
  switch (c.keys[0]) {
    case 'encryption':
      target.encryption = readList(ctx, c, 'IKEv2 encryption', canonicalEncryption, 'aes, aes-256, aes-cbc-256, aes-gcm-256, 3des, …');
      return true;
    case 'integrity':
      target.integrity = readList(ctx, c, 'IKEv2 integrity', canonicalIntegrity, 'sha, sha256, sha384, sha512, md5, null');
      return true;
    case 'prf':
      target.prf = readList(ctx, c, 'an IKEv2 PRF', canonicalPrf, 'sha, sha256, sha384, sha512, md5');
      return true;
    case 'group':
      target.groups = readGroups(ctx, c);
      return true;
    default:
      return false;
  }
}

export function collectIkev2Policies(ctx: Ctx, blocks: Block[]): Ikev2Policy[] {
  const out = new Map<string, Ikev2Policy>();
  let order = 0;
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'ikev2' && k[2] === 'policy')) continue;
    const name = b.head.words[3];
    if (name === undefined) fail(ctx, b.head, 'expected an IKEv2 policy priority or name');
    const p: Ikev2Policy = out.get(name) ?? { name, priority: parseWholeNumber(name) ?? 100000 + order++, at: b.head, proposalRefs: [] };
    out.set(name, p);
    for (const c of b.children) {
      if (readIkev2Algorithms(ctx, p, c)) continue;
      if (c.keys[0] === 'lifetime') p.lifetime = { value: readIkeLifetime(ctx, c), line: c };
      else if (c.keys[0] === 'proposal' && c.words[1] && !p.proposalRefs.some((r) => r.value === c.words[1]))
        p.proposalRefs.push({ value: c.words[1], line: c });
    }
  }
  return [...out.values()].sort((a, b) => a.priority - b.priority);
}

export interface Ikev2Proposal {
  name: string;
  at: CiscoLine;
  encryption?: Located<string[]>;
  integrity?: Located<string[]>;
  prf?: Located<string[]>;
  groups?: Located<number[]>;
}

/** IOS `crypto ikev2 proposal NAME`. */
export function collectIkev2Proposals(ctx: Ctx, blocks: Block[]): Map<string, Ikev2Proposal> {
  const out = new Map<string, Ikev2Proposal>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'ikev2' && k[2] === 'proposal' && b.head.words[3])) continue;
    const p: Ikev2Proposal = out.get(b.head.words[3]) ?? { name: b.head.words[3], at: b.head };
    for (const c of b.children) readIkev2Algorithms(ctx, p, c);
    out.set(p.name, p);
  }
  return out;
}

/** An IkeProposal from lists, AEAD-aware (an AEAD cipher needs no integrity; `null` integrity is dropped). */
export function ikeProposal(encryption: string[], integrity: string[], prf: string[], groups: number[]): IkeProposal {
  return { encryption, integrity: stripNullForAead(encryption, integrity), prf, dhGroups: groups };
}

/** `crypto ikev1|ikev2|isakmp enable IF` lines (ASA): which interfaces (nameifs) speak which version. */
export function collectIkeEnables(blocks: Block[]): { v1: Array<Located<string>>; v2: Array<Located<string>> } {
  const out = { v1: [] as Array<Located<string>>, v2: [] as Array<Located<string>> };
  for (const b of blocks) {
    const k = b.head.keys;
    if (k[0] === 'crypto' && k[2] === 'enable' && b.head.words[3]) {
      if (k[1] === 'ikev1' || k[1] === 'isakmp') out.v1.push({ value: b.head.words[3], line: b.head });
      else if (k[1] === 'ikev2') out.v2.push({ value: b.head.words[3], line: b.head });
    }
  }
  return out;
}

/** Global `crypto ipsec security-association lifetime seconds|kilobytes` lines. */
export function collectGlobalSaLifetime(ctx: Ctx, blocks: Block[]): Pick<IpsecSettings, 'lifetimeSeconds' | 'lifetimeKilobytes'> {
  const out: Pick<IpsecSettings, 'lifetimeSeconds' | 'lifetimeKilobytes'> = {};
  for (const b of blocks) {
    const k = b.head.keys;
    if (k[0] === 'crypto' && k[1] === 'ipsec' && k[2] === 'security-association' && k[3] === 'lifetime') readSaLifetime(ctx, out, b.head, 4);
  }
  return out;
}
