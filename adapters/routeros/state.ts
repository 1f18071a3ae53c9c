/**
 * MikroTik RouterOS SA listings: `/ip ipsec installed-sa print detail` (the SAs, one per
 * direction, without traffic selectors) and `/ip ipsec active-peers print [detail]` (the IKE SAs).
 * RouterOS 7 spells the menu `ip ipsec/installed-sa/print detail` too. Live over the API the same
 * menus answer `/ip/ipsec/installed-sa/print` and `/ip/ipsec/active-peers/print`; `fromApi` turns
 * the replies into the `print detail` text `read` reads (keys left out).
 * Real form: the corpus' RouterOS 7.20 captures (state/routeros/, transcribed from a blog).
 *
 * `print detail` prints `auth-key="…"` and `enc-key="…"` in clear, wrapped over two lines inside
 * the quotes: they are skipped while the entry is tokenized and never stored.
 */
import { ParseError } from '../../src/model/errors.js';
import {
  type ChildSa,
  type ClearTarget,
  type DirectionalSa,
  emptyState,
  type IkeSa,
  normalizeIkeSpi,
  normalizeSpi,
  type SaState,
  type StateReader,
} from '../../src/model/state.js';
import { compactToSeconds, lineAt, observe, promptCommand } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';

const INSTALLED = '/ip ipsec installed-sa print detail';
const PEERS = '/ip ipsec active-peers print detail';
/** values never read, not even into a temporary map */
const SECRET_KEYS = new Set(['auth-key', 'enc-key']);

/** One `N FLAGS key=value …` entry of `print detail`, its wrapped lines joined. */
interface Entry {
  index: string;
  flags: string;
  at: SourceRef;
  /** key → values in order (RouterOS repeats `port=` for local and remote) */
  values: Map<string, string[]>;
}

function tokenize(body: string, into: Map<string, string[]>): void {
  const re = /([a-z][a-z0-9-]*)=("(?:[^"\\]|\\.)*"?|\S*)/g;
  for (const m of body.matchAll(re)) {
    if (SECRET_KEYS.has(m[1])) continue;
    const v = m[2].startsWith('"') ? m[2].replace(/^"|"$/g, '') : m[2];
    into.set(m[1], [...(into.get(m[1]) ?? []), v]);
  }
}

/** Entries of one `print detail` listing: a line `^\s*\d+ FLAGS key=…` starts one, indented lines continue it. */
function entries(lines: string[], from: number, to: number, file: string): Entry[] {
  const out: Array<{ e: Entry; text: string }> = [];
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const head = /^\s*(\d+)\s+([A-Z ]*?)\s*([a-z][a-z0-9-]*=.*)$/.exec(line);
    if (head) {
      out.push({ e: { index: head[1], flags: head[2].replace(/\s+/g, ''), at: lineAt(file, i), values: new Map() }, text: head[3] });
      continue;
    }
    const cur = out[out.length - 1];
    if (!cur || line.trim() === '' || !/^\s/.test(line)) continue;
    // a value wrapped inside its quotes continues without a space; a new key=value after one
    const open = (cur.text.match(/"/g)?.length ?? 0) % 2 === 1;
    cur.text += open ? line.trim() : ` ${line.trim()}`;
  }
  for (const o of out) tokenize(o.text, o.e.values);
  return out.map((o) => o.e);
}

const one = (e: Entry, key: string, n = 0) => e.values.get(key)?.[n];

type Installed = DirectionalSa & { src?: string; dst?: string; life?: string; enc?: string; auth?: string };

function readInstalled(lines: string[], from: number, to: number, file: string): Installed[] {
  const out: Installed[] = [];
  for (const e of entries(lines, from, to, file)) {
    const spiText = one(e, 'spi');
    if (!spiText) continue;
    const d: Installed = {
      raw: spiText,
      at: e.at,
      protocol: /A/.test(e.flags) && !/E/.test(e.flags) ? 'ah' : 'esp',
    };
    const spi = normalizeSpi(spiText);
    if (spi) d.spi = spi;
    const src = one(e, 'src-address');
    const dst = one(e, 'dst-address');
    if (src) d.src = src;
    if (dst) d.dst = dst;
    const st = one(e, 'state');
    if (st) d.state = st;
    const replay = one(e, 'replay');
    if (replay && /^\d+$/.test(replay)) d.replayWindow = Number(replay);
    const bytes = one(e, 'current-bytes');
    if (bytes && /^\d+$/.test(bytes)) d.bytes = Number(bytes);
    const packets = one(e, 'current-packets');
    if (packets && /^\d+$/.test(packets)) d.packets = Number(packets);
    d.timers = {};
    const life = one(e, 'add-lifetime');
    if (life) {
      d.life = life;
      const hard = compactToSeconds(life.split('/')[1] ?? '');
      if (hard !== undefined) d.timers.lifetimeSeconds = observe(hard, `add-lifetime=${life}`, e.at);
    }
    const expires = one(e, 'expires-in');
    const left = expires ? compactToSeconds(expires) : undefined;
    if (left !== undefined) d.timers.expireSeconds = observe(left, `expires-in=${expires}`, e.at);
    const encAlg = one(e, 'enc-algorithm');
    const size = one(e, 'enc-key-size');
    if (encAlg) d.enc = rosCipher(encAlg, size);
    const auth = one(e, 'auth-algorithm');
    if (auth) d.auth = auth;
    out.push(d);
  }
  return out;
}

function rosCipher(alg: string, size: string | undefined): string {
  const bits = size && /^\d+$/.test(size) ? size : '';
  if (alg === 'aes-cbc') return `aes${bits || '128'}`;
  if (alg === 'aes-gcm') return `aes${bits || '128'}gcm16`;
  if (alg === 'aes-ctr') return `aes${bits || '128'}ctr`;
  if (alg === 'des' || alg === '3des' || alg === 'null') return alg;
  return alg;
}

function readPeers(lines: string[], from: number, to: number, file: string, state: SaState): void {
  const detail = entries(lines, from, to, file);
  if (detail.length) {
    for (const e of detail) {
      const local = one(e, 'local-address');
      const remote = one(e, 'remote-address');
      const st = one(e, 'state') ?? '';
      const ike: IkeSa = {
        id: `active-peer ${e.index}${one(e, 'id') ? ` ${one(e, 'id')}` : ''}`,
        at: e.at,
        state: observe(st, `state=${st}`, e.at),
        established: st === 'established',
        timers: {},
      };
      const name = one(e, 'id');
      if (name) ike.name = name;
      if (local) ike.localAddress = local;
      if (remote) ike.remoteAddress = remote;
      const ports = e.values.get('port') ?? [];
      if (ports[0] && /^\d+$/.test(ports[0])) ike.localPort = Number(ports[0]);
      if (ports[1] && /^\d+$/.test(ports[1])) ike.remotePort = Number(ports[1]);
      const side = one(e, 'side');
      if (side) ike.initiator = side === 'initiator';
      else if (/R/.test(e.flags)) ike.initiator = false;
      if (/N/.test(e.flags) || ike.localPort === 4500) ike.natt = observe(true, /N/.test(e.flags) ? 'N - natt-peer' : `port=${ike.localPort}`, e.at);
      const up = one(e, 'uptime');
      const age = up ? compactToSeconds(up) : undefined;
      if (age !== undefined) ike.timers.ageSeconds = observe(age, `uptime=${up}`, e.at);
      const spii = normalizeIkeSpi(one(e, 'spii') ?? '');
      const spir = normalizeIkeSpi(one(e, 'spir') ?? '');
      if (spii && spir) ike.spis = { initiator: spii, responder: spir };
      const ver = one(e, 'exchange-mode');
      if (ver) ike.version = ver === 'ike2' ? 2 : 1;
      else if (spii) ike.version = 2; // IKEv2 peers print spii/spir; IKEv1 print cookies under other names (assumed)
      const ph2 = one(e, 'ph2-total');
      if (ph2) (ike as IkeSa & { ph2?: number }).ph2 = Number(ph2);
      state.ikeSas.push(ike);
    }
    return;
  }
  // table form: `Columns: ID, STATE, …` then `#   ID  STATE …` then rows
  let header: { names: string[]; starts: number[] } | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (/^#\s+/.test(line)) {
      const names = [...line.matchAll(/\S+/g)];
      header = { names: names.map((n) => n[0]), starts: names.map((n) => n.index!) };
      continue;
    }
    if (!header || !/^\s*\d+/.test(line)) continue;
    const at = lineAt(file, i);
    const cell = (name: string) => {
      const k = header!.names.indexOf(name);
      if (k < 0) return undefined;
      const v = line.slice(header!.starts[k] - (k > 0 && /^\s*\d/.test(line.slice(header!.starts[k])) ? 0 : 0), header!.starts[k + 1] ?? line.length).trim();
      return v || undefined;
    };
    // the flags column has no header: the ID column starts after it; numbers may be right-aligned
    const rowCells = line.trim().split(/\s+/);
    const st = cell('STATE') ?? '';
    const ike: IkeSa = { id: `active-peer ${rowCells[0]}`, at, state: observe(st, st, at), established: st === 'established', timers: {} };
    const id = cell('ID');
    if (id) {
      ike.name = id;
      ike.id = `active-peer ${rowCells[0]} ${id}`;
    }
    const remote = rowCells.find((c) => /^\d+\.\d+\.\d+\.\d+$|:/.test(c) && c !== cell('DYNAMIC-ADDRESS'));
    if (remote) ike.remoteAddress = remote;
    if (/\bR\b/.test(line.slice(0, header.starts[1]))) ike.initiator = false;
    const up = cell('UPTIME');
    const age = up ? compactToSeconds(up) : undefined;
    if (age !== undefined) ike.timers.ageSeconds = observe(age, `UPTIME ${up}`, at);
    state.ikeSas.push(ike);
  }
}

/**
 * One CHILD_SA entry per peer: RouterOS lists SAs one direction at a time and without selectors, and
 * nothing in the listing says which inbound SA goes with which outbound one (pairing them by install
 * time or lifetime would invent a structure the device does not print). Direction comes from which
 * end is this router: the active-peers' local-address, else (said so) the destination of the first SA.
 */
function groupByPeer(sas: ReturnType<typeof readInstalled>, localKnown: Set<string>, state: SaState, file: string): void {
  if (sas.length === 0) return;
  const local = new Set(localKnown);
  if (local.size === 0) {
    const guess = sas[0].dst;
    if (guess) local.add(guess);
    state.diagnostics.push({
      level: 'info',
      message: `no active-peers listing: ${guess ?? '?'} (the destination of the first SA) is taken as this router's address, which decides inbound and outbound (assumed)`,
      at: sas[0].at,
    });
  }
  const groups = new Map<string, ChildSa>();
  for (const d of sas) {
    const inbound = local.has(d.dst ?? '');
    const remote = inbound ? d.src : d.dst;
    const mine = inbound ? d.dst : d.src;
    const key = `${mine}>${remote}`;
    let child = groups.get(key);
    if (!child) {
      child = {
        id: `installed-sa ${mine} <-> ${remote}`,
        at: d.at ?? lineAt(file, 0),
        localSelectors: [],
        remoteSelectors: [],
        inbound: [],
        outbound: [],
        timers: {},
      };
      if (mine) child.localAddress = mine;
      if (remote) child.remoteAddress = remote;
      if (d.enc || d.auth) {
        child.proposal = { raw: `enc-algorithm=${d.enc ?? '?'} auth-algorithm=${d.auth ?? '?'}` };
        if (d.enc) child.proposal.encryption = d.enc;
        if (d.auth) child.proposal.integrity = d.auth === 'null' ? 'none' : d.auth;
      }
      groups.set(key, child);
      state.childSas.push(child);
    }
    const { src: _s, dst: _d, life: _l, enc: _e, auth: _a, ...rest } = d;
    (inbound ? child.inbound : child.outbound).push(rest);
  }
}

type Kind = typeof INSTALLED | typeof PEERS;

function kindOf(command: string): Kind | 'other' {
  const c = command.replace(/^\//, '').replace(/\//g, ' ').replace(/\s+/g, ' ').trim();
  if (/^ip ipsec installed-sa print\b/.test(c)) return INSTALLED;
  if (/^ip ipsec active-peers print\b/.test(c)) return PEERS;
  return 'other';
}

export function readRouterosState(text: string, file: string): SaState {
  const lines = text.split('\n');
  const state = emptyState('routeros', file);
  const starts: Array<{ kind: Kind | 'other'; cmdAt: number }> = [];
  lines.forEach((l, i) => {
    // only RouterOS's own prompt: `#   ID  STATE …` table headers look like a shell prompt to promptCommand
    const p = /^\[[^\]]+@[^\]]+\]/.test(l) ? promptCommand(l) : undefined;
    if (p) {
      starts.push({ kind: kindOf(p.command), cmdAt: i });
      if (p.host) state.hostname = p.host;
      return;
    }
    // the API form `fromApi` writes, and pastes without a prompt
    const bare = /^# (\/ip ipsec (installed-sa|active-peers) print detail)$/.exec(l.trim());
    if (bare) starts.push({ kind: kindOf(bare[1]), cmdAt: i });
  });
  if (starts.length === 0 && /^[ \t]*\d+\s+[A-Z ]*\bspi=0x/m.test(text)) starts.push({ kind: INSTALLED, cmdAt: -1 });
  const blocks = starts.flatMap((s, k) => (s.kind === 'other' ? [] : [{ kind: s.kind, cmdAt: s.cmdAt, to: starts[k + 1]?.cmdAt ?? lines.length }]));
  if (blocks.length === 0) {
    throw new ParseError(file, 1, `expected the output of \`${INSTALLED}\` ("0 E spi=0x… src-address=…") or \`${PEERS}\`, found neither`);
  }
  let installed: ReturnType<typeof readInstalled> = [];
  for (const kind of [PEERS, INSTALLED] as const) {
    const of = blocks.filter((b) => b.kind === kind);
    if (!of.length) continue;
    const b = of[of.length - 1];
    state.listings.push({ command: kind, at: lineAt(file, Math.max(0, b.cmdAt)) });
    if (kind === PEERS) readPeers(lines, b.cmdAt + 1, b.to, file, state);
    else installed = readInstalled(lines, b.cmdAt + 1, b.to, file);
  }
  const local = new Set(state.ikeSas.map((i) => i.localAddress).filter((x): x is string => !!x));
  groupByPeer(installed, local, state, file);
  for (const c of state.childSas) {
    const ike = state.ikeSas.find((i) => i.established && i.remoteAddress === c.remoteAddress);
    if (ike) {
      c.ike = ike.id;
      if (ike.name) c.tunnel = ike.name;
      if (ike.remotePort === 4500 || ike.natt?.value) c.udpEncapsulation = observe(true, ike.natt?.raw ?? 'port=4500', ike.at);
    }
  }
  const has = (k: Kind) => state.listings.some((l) => l.command === k);
  if (!has(INSTALLED)) state.missing.push({ command: INSTALLED, consequence: 'no IPsec SAs listed: SPIs cannot be checked on this end' });
  if (!has(PEERS))
    state.missing.push({ command: PEERS, consequence: 'no IKE SAs listed: ike-sa-missing is not checked, and which address is this router is assumed' });
  state.shows = { spis: has(INSTALLED), selectors: false, ikeSas: has(PEERS), childSas: has(INSTALLED) };
  for (const i of state.ikeSas) delete (i as IkeSa & { ph2?: number }).ph2;
  return state;
}

/** The API replies (every value a string) as the `print detail` text `read` reads, without the key fields. */
export function routerosStateFromApi(replies: Record<string, Array<Record<string, string>>>): string {
  const out: string[] = [];
  const menus: Array<[string, string]> = [
    ['/ip/ipsec/active-peers/print', PEERS],
    ['/ip/ipsec/installed-sa/print', INSTALLED],
  ];
  for (const [api, cli] of menus) {
    const rows = replies[api];
    if (!rows) continue;
    out.push(`# ${cli}`);
    rows.forEach((row, i) => {
      const flags = [row.responder === 'true' ? 'R' : '', row['natt-peer'] === 'true' ? 'N' : '', row.ah === 'true' ? 'A' : '', row.esp === 'true' ? 'E' : '']
        .join('')
        .padEnd(2);
      const pairs = Object.entries(row)
        .filter(([k]) => !k.startsWith('.') && !SECRET_KEYS.has(k) && !['responder', 'natt-peer', 'ah', 'esp', 'seen-traffic', 'hw-aead'].includes(k))
        .flatMap(([k, v]) => (k === 'local-port' || k === 'remote-port' ? [] : [`${k}=${/[\s"]/.test(v) || v === '' ? JSON.stringify(v) : v}`]));
      if (row['local-port'] !== undefined) pairs.push(`port=${row['local-port']}`);
      if (row['remote-port'] !== undefined) pairs.push(`port=${row['remote-port']}`);
      out.push(`${String(i).padStart(2)} ${flags} ${pairs.join(' ')}`);
    });
  }
  return `${out.join('\n')}\n`;
}

/** Advice text only (never sent): remove exactly these SAs, or the peer's IKE SA. */
export function routerosClear(target: ClearTarget): string | undefined {
  if (target.kind === 'ike') return target.sa.remoteAddress ? `/ip ipsec active-peers remove [find remote-address="${target.sa.remoteAddress}"]` : undefined;
  // the SA concerned when the rule names one, else every SA with this peer
  const chosen = target.spi ? [...target.sa.inbound, ...target.sa.outbound].filter((d) => d.spi === target.spi) : [...target.sa.inbound, ...target.sa.outbound];
  const spis = chosen.map((d) => d.raw);
  if (spis.length === 0) return undefined;
  return `/ip ipsec installed-sa remove [find where ${spis.map((s) => `spi=${s}`).join(' or ')}]`;
}

export function detectRouterosState(text: string): number {
  const head = text.slice(0, 65536);
  if (/^[ \t]*\d+\s+[A-Z ]*spi=0x[0-9A-Fa-f]+ src-address=/m.test(head)) return 0.95;
  if (/ip ipsec[ /](installed-sa|active-peers)[ /]print/.test(head)) return 0.9;
  if (/^[ \t]*\d+\s+[A-Z ]*id="[^"]*" local-address=\S+ port=\d+ remote-address=/m.test(head)) return 0.9;
  return 0;
}

export const routerosState: StateReader = {
  commands: [
    { command: '/ip ipsec active-peers print detail', lists: 'ike' },
    { command: '/ip ipsec installed-sa print detail', lists: 'child' },
    { command: '/ip/ipsec/active-peers/print', lists: 'ike' },
    { command: '/ip/ipsec/installed-sa/print', lists: 'child' },
  ],
  detect: (text) => detectRouterosState(text),
  read: readRouterosState,
  clear: (target) => routerosClear(target),
  fromApi: routerosStateFromApi,
};
