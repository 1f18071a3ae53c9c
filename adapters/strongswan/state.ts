/**
 * strongSwan SA listings (also what pfSense and OPNsense run underneath): `swanctl --list-sas`
 * (vici; format from src/swanctl/commands/list_sas.c, strongswan/strongswan @ 3b902ea5) and the
 * legacy `ipsec statusall` (stroke; its "Security Associations" section). Saved sessions hold
 * prompts, pings and other output around them; a file may hold several captures, of which the
 * last one is read (it is the newest). No keys are printed by either command.
 *
 * Mapping and what is assumed: README.md ("Runtime state").
 */
import { STRONGSWAN_REDACT } from './redact.js';
import { ParseError } from '../../src/model/errors.js';
import {
  type ChildSa,
  type ClearTarget,
  emptyState,
  type IkeSa,
  type NegotiatedProposal,
  normalizeSpi,
  type SaState,
  type SaTimers,
  type StateReader,
} from '../../src/model/state.js';
import { lineAt, observe, promptCommand, wordsPrecision, wordsToSeconds } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';
import { canonicalCidr } from '../../src/model/net.js';
import { dhGroupNumber } from '../../src/model/vocab.js';

const LIST_SAS = 'swanctl --list-sas';
const STATUSALL = 'ipsec statusall';

// --- algorithm names as charon prints them (AES_CBC-256, AES_CBC_256, HMAC_SHA2_256_128, MODP_2048…) ---

const ENCR: Array<[RegExp, (bits: string) => string]> = [
  [/^AES_CBC[-_](\d+)$/, (b) => `aes${b}`],
  [/^AES_GCM_(8|12|16)[-_](\d+)$/, (b) => b],
  [/^AES_CTR[-_](\d+)$/, (b) => `aes${b}ctr`],
  [/^AES_CCM_(8|12|16)[-_](\d+)$/, (b) => b],
  [/^CAMELLIA_CBC[-_](\d+)$/, (b) => `camellia${b}`],
  [/^3DES_CBC$/, () => '3des'],
  [/^DES_CBC$/, () => 'des'],
  [/^CHACHA20_POLY1305(?:[-_]256)?$/, () => 'chacha20poly1305'],
  [/^NULL$/, () => 'null'],
];

function encryptionName(token: string): string | undefined {
  const gcm = /^AES_(GCM|CCM)_(8|12|16)[-_](\d+)$/.exec(token);
  if (gcm) return `aes${gcm[3]}${gcm[1].toLowerCase()}${gcm[2]}`;
  for (const [re, f] of ENCR) {
    const m = re.exec(token);
    if (m) return f(m[1] ?? '');
  }
  return undefined;
}

const INTEG: Record<string, string> = {
  HMAC_MD5_96: 'md5',
  HMAC_MD5_128: 'md5',
  HMAC_SHA1_96: 'sha1',
  HMAC_SHA1_160: 'sha1',
  HMAC_SHA2_256_128: 'sha256',
  HMAC_SHA2_256_96: 'sha256',
  HMAC_SHA2_384_192: 'sha384',
  HMAC_SHA2_512_256: 'sha512',
  AES_XCBC_96: 'aesxcbc',
  AES_CMAC_96: 'aescmac',
};

const PRF: Record<string, string> = {
  PRF_HMAC_MD5: 'prfmd5',
  PRF_HMAC_SHA1: 'prfsha1',
  PRF_HMAC_SHA2_256: 'prfsha256',
  PRF_HMAC_SHA2_384: 'prfsha384',
  PRF_HMAC_SHA2_512: 'prfsha512',
  PRF_AES128_XCBC: 'prfaesxcbc',
  PRF_AES128_CMAC: 'prfaescmac',
};

function dhName(token: string): number | undefined {
  if (/^KE\d_/.test(token)) return undefined; // additional key exchanges (ML-KEM…): not a DH group
  return dhGroupNumber(
    token
      .replace(/_/g, '')
      .toLowerCase()
      .replace(/^curve/, 'curve'),
  );
}

/** `AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519/KE1_…` → the negotiated transforms. */
export function charonProposal(text: string): NegotiatedProposal {
  const p: NegotiatedProposal = { raw: text };
  for (const token of text.split('/')) {
    const t = token.trim();
    const enc = encryptionName(t);
    if (enc && p.encryption === undefined) {
      p.encryption = enc;
      if (/gcm|ccm|poly1305/.test(enc)) p.integrity = 'none';
      continue;
    }
    if (INTEG[t]) {
      p.integrity = INTEG[t];
      continue;
    }
    if (PRF[t]) {
      p.prf = PRF[t];
      continue;
    }
    const g = dhName(t);
    if (g !== undefined && p.dhGroup === undefined) p.dhGroup = g;
  }
  return p;
}

// --- traffic selectors -------------------------------------------------------------------------

/** `10.1.0.0/16`, `10.1.0.0/16[tcp/http]`, `0.0.0.0/0 ::/0`, `10.1.0.1` → CIDRs and the protocol. */
function selectors(text: string): { cidrs: string[]; protocol?: number } {
  const cidrs: string[] = [];
  let protocol: number | undefined;
  for (const ts of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([^[\]]+?)(?:\[([^\]/]*)(?:\/[^\]]*)?\])?$/.exec(ts);
    if (!m) continue;
    const [addr, prefix] = m[1].split('/');
    const c = canonicalCidr(addr, prefix === undefined ? undefined : Number(prefix));
    cidrs.push(c ?? m[1]);
    if (m[2]) protocol = PROTOCOLS[m[2].toLowerCase()] ?? (/^\d+$/.test(m[2]) ? Number(m[2]) : protocol);
  }
  return protocol === undefined ? { cidrs } : { cidrs, protocol };
}

const PROTOCOLS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58 };

// --- swanctl --list-sas --------------------------------------------------------------------------

const IKE_HEADER = /^\s*(\S.*?): #(\d+), ([A-Z_]+), IKEv([12]), ([0-9a-f]{16})_i(\*?) ([0-9a-f]{16})_r(\*?)\s*$/;
const IKE_LOCAL = /^\s*(local|remote)\s+'([^']*)' @ (\S+?)\[(\d+)\](.*)$/;
const CHILD_HEADER = /^\s*(\S.*?): #(\d+), reqid (\d+)(?:, cpu \S+)?, ([A-Z_]+), ([A-Z]+)(-in-UDP)?, (ESP|AH|IPCOMP):(\S*)\s*$/;
const CHILD_SPI = /^\s*(in|out)\s+([0-9a-f]{8})(?:\/\S+)?(?: \([^)]*\))?,\s*(\d+) bytes,\s*(\d+) packets(?:,\s*(\d+)s ago)?\s*$/;
const CHILD_TS = /^\s*(local|remote)\s+((?:[0-9a-fA-F.:]+(?:\/\d+)?(?:\[[^\]]*\])?\s*)+)$/;

function secondsAfter(text: string, key: string): number | undefined {
  const m = new RegExp(`${key} (\\d+)s`).exec(text);
  return m ? Number(m[1]) : undefined;
}

function timersFrom(line: string, at: SourceRef, agoKey: string): SaTimers {
  const t: SaTimers = {};
  const age = new RegExp(`${agoKey} (\\d+)s ago`).exec(line);
  if (age) t.ageSeconds = observe(Number(age[1]), `${agoKey} ${age[1]}s ago`, at);
  const rekey = secondsAfter(line, 'rekeying in');
  if (rekey !== undefined) t.rekeySeconds = observe(rekey, `rekeying in ${rekey}s`, at);
  const expire = secondsAfter(line, 'expires in');
  if (expire !== undefined) t.expireSeconds = observe(expire, `expires in ${expire}s`, at);
  return t;
}

function readListSas(lines: string[], from: number, to: number, file: string, state: SaState): void {
  let ike: IkeSa | undefined;
  let child: ChildSa | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const at = lineAt(file, i);
    const h = IKE_HEADER.exec(line);
    if (h) {
      child = undefined;
      const initiator = h[6] === '*';
      ike = {
        id: `${h[1]}[${h[2]}]`,
        name: h[1],
        at,
        version: Number(h[4]) as 1 | 2,
        state: observe(h[3], h[3], at),
        established: h[3] === 'ESTABLISHED',
        initiator,
        spis: { initiator: h[5], responder: h[7] },
        timers: {},
      };
      state.ikeSas.push(ike);
      continue;
    }
    const c = CHILD_HEADER.exec(line);
    if (c) {
      const proposal = charonProposal(c[8]);
      child = {
        id: `${c[1]}{${c[2]}}`,
        name: c[1],
        at,
        localSelectors: [],
        remoteSelectors: [],
        mode: c[5] === 'TRANSPORT' ? 'transport' : 'tunnel',
        udpEncapsulation: observe(Boolean(c[6]), `${c[5]}${c[6] ?? ''}`, at),
        proposal: { ...proposal, raw: `${c[7]}:${c[8]}` },
        pfsGroup: observe(proposal.dhGroup ?? 0, c[8], at),
        state: observe(c[4], c[4], at),
        inbound: [],
        outbound: [],
        timers: {},
        reqid: c[3],
      };
      if (ike) {
        child.ike = ike.id;
        if (ike.name) child.tunnel = ike.name;
        if (ike.localAddress) child.localAddress = ike.localAddress;
        if (ike.remoteAddress) child.remoteAddress = ike.remoteAddress;
        if (ike.remotePort !== undefined) child.remotePort = ike.remotePort;
      }
      if (child.proposal) delete child.proposal.dhGroup;
      state.childSas.push(child);
      continue;
    }
    if (child) {
      if (/^\s*installed \d+s ago/.test(line)) {
        child.timers = timersFrom(line, at, 'installed');
        continue;
      }
      const s = CHILD_SPI.exec(line);
      if (s) {
        const dir = {
          spi: normalizeSpi(s[2]),
          raw: s[2],
          at,
          protocol: (child.proposal?.raw.startsWith('AH') ? 'ah' : 'esp') as 'esp' | 'ah',
          bytes: Number(s[3]),
          packets: Number(s[4]),
        };
        if (dir.spi === undefined) delete dir.spi;
        (s[1] === 'in' ? child.inbound : child.outbound).push(dir);
        continue;
      }
      const ts = CHILD_TS.exec(line);
      if (ts) {
        const sel = selectors(ts[2]);
        if (ts[1] === 'local') child.localSelectors = sel.cidrs;
        else child.remoteSelectors = sel.cidrs;
        if (sel.protocol !== undefined) child.ipProtocol = sel.protocol;
        continue;
      }
    }
    if (ike && !child) {
      const l = IKE_LOCAL.exec(line);
      if (l) {
        const [, side, id, host, port] = l;
        if (side === 'local') {
          ike.localId = id;
          ike.localAddress = host;
          ike.localPort = Number(port);
        } else {
          ike.remoteId = id;
          ike.remoteAddress = host;
          ike.remotePort = Number(port);
        }
        if (ike.localPort === 4500 || ike.remotePort === 4500) ike.natt = observe(true, `[${port}]`, at);
        continue;
      }
      if (/^\s*established \d+s ago/.test(line)) {
        ike.timers = timersFrom(line, at, 'established');
        const reauth = secondsAfter(line, 'reauth in');
        if (reauth !== undefined && ike.timers.rekeySeconds === undefined) ike.timers.rekeySeconds = observe(reauth, `reauth in ${reauth}s`, at);
        continue;
      }
      const p = /^\s*([A-Z0-9_]+(?:-\d+)?(?:\/[A-Z0-9_]+(?:-\d+)?)+)\s*$/.exec(line);
      if (p && !ike.proposal) ike.proposal = charonProposal(p[1]);
    }
  }
}

// --- ipsec statusall -------------------------------------------------------------------------------

/** `NAME[12]:` / `NAME{34}:` at the start of a statusall line (names may hold `:`; right-aligned with spaces). */
const SA_PREFIX = /^\s*(\S.*?)([[{])(\d+)[\]}]:\s+(.*)$/;

function readStatusall(lines: string[], from: number, to: number, file: string, state: SaState): void {
  let section: 'connections' | 'routed' | 'sas' | undefined;
  const ikeByName = new Map<string, IkeSa>();
  const childById = new Map<string, ChildSa>();
  // statusall lists each IKE_SA, then its CHILD_SAs (which may belong to other connections of the same peer)
  let lastIke: IkeSa | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const at = lineAt(file, i);
    const trimmed = line.trim();
    if (/^Connections:$/.test(trimmed)) {
      section = 'connections';
      continue;
    }
    if (/^Routed Connections:$/.test(trimmed)) {
      section = 'routed';
      continue;
    }
    if (/^Security Associations \(/.test(trimmed)) {
      section = 'sas';
      continue;
    }
    if (/^Listening IP addresses:$/.test(trimmed)) {
      section = undefined;
      continue;
    }
    if (section === 'connections') {
      const conn = /^\s*(\S.*?):\s+(\S+)\.\.\.(\S+)\s+IKEv/.exec(line);
      if (conn) {
        state.tunnels.push({ name: conn[1], at, remoteAddress: conn[3] });
        continue;
      }
      const child = /^\s*(\S.*?):\s+child:\s+(.+?) === (.+?) (TUNNEL|TRANSPORT|BEET)/.exec(line);
      if (child) {
        const t = [...state.tunnels].reverse().find((x) => x.name === child[1]);
        if (t && !t.localSelectors) {
          t.localSelectors = selectors(child[2]).cidrs;
          t.remoteSelectors = selectors(child[3]).cidrs;
        }
      }
      continue;
    }
    if (section !== 'sas') continue;
    const m = SA_PREFIX.exec(line);
    if (!m) continue;
    const [, name, bracket, num, rest] = m;
    if (bracket === '[') {
      const id = `${name}[${num}]`;
      let ike = ikeByName.get(id);
      const est = /^([A-Z_]+) (.+?) ago, (\S+?)\[([^\]]*)\]\.\.\.(\S+?)\[([^\]]*)\]$/.exec(rest);
      if (est) {
        ike = {
          id,
          name,
          at,
          state: observe(est[1], est[1], at),
          established: est[1] === 'ESTABLISHED',
          localAddress: est[3],
          localId: est[4],
          remoteAddress: est[5],
          remoteId: est[6],
          timers: {},
        };
        const age = wordsToSeconds(est[2]);
        if (age !== undefined) ike.timers.ageSeconds = observe(age, `${est[2]} ago`, at);
        ikeByName.set(id, ike);
        state.ikeSas.push(ike);
        lastIke = ike;
        continue;
      }
      if (!ike) continue;
      const spis = /^IKEv([12]) SPIs: ([0-9a-f]{16})_i(\*?) ([0-9a-f]{16})_r(\*?)(?:, (.*))?$/.exec(rest);
      if (spis) {
        ike.version = Number(spis[1]) as 1 | 2;
        ike.spis = { initiator: spis[2], responder: spis[4] };
        ike.initiator = spis[3] === '*';
        const when = /(rekeying|reauthentication) in (.+)$/.exec(spis[6] ?? '');
        const secs = when ? wordsToSeconds(when[2]) : undefined;
        if (when && secs !== undefined) ike.timers.rekeySeconds = observe(secs, `${when[1]} in ${when[2]}`, at);
        continue;
      }
      const prop = /^IKE proposal: (\S+)$/.exec(rest);
      if (prop) ike.proposal = charonProposal(prop[1]);
      continue;
    }
    const id = `${name}{${num}}`;
    const inst =
      /^(INSTALLED|REKEYED|REKEYING|DELETING|DELETED|CREATED|ROUTED|INSTALLING|UPDATING|DESTROYING), (TUNNEL|TRANSPORT|BEET|PASS|DROP), reqid (\d+)(?:, (ESP|AH)( in UDP)? SPIs: ([0-9a-f]+)_i ([0-9a-f]+)_o)?/.exec(
        rest,
      );
    if (inst) {
      if (inst[1] === 'ROUTED' || !inst[4]) continue; // a trap policy, not an SA
      const owner = lastIke;
      const child: ChildSa = {
        id,
        name,
        tunnel: name,
        at,
        localSelectors: [],
        remoteSelectors: [],
        mode: inst[2] === 'TRANSPORT' ? 'transport' : 'tunnel',
        udpEncapsulation: observe(Boolean(inst[5]), `${inst[4]}${inst[5] ?? ''} SPIs`, at),
        state: observe(inst[1], inst[1], at),
        inbound: [{ spi: normalizeSpi(inst[6]), raw: `${inst[6]}_i`, at, protocol: inst[4] === 'AH' ? 'ah' : 'esp' }],
        outbound: [{ spi: normalizeSpi(inst[7]), raw: `${inst[7]}_o`, at, protocol: inst[4] === 'AH' ? 'ah' : 'esp' }],
        timers: {},
        reqid: inst[3],
      };
      if (owner) {
        child.ike = owner.id;
        if (owner.localAddress) child.localAddress = owner.localAddress;
        if (owner.remoteAddress) child.remoteAddress = owner.remoteAddress;
      }
      childById.set(id, child);
      state.childSas.push(child);
      continue;
    }
    const child = childById.get(id);
    if (!child) continue;
    const traffic =
      /^([A-Z0-9_/-]+), (\d+) bytes_i(?: \((\d+) pkts?, [^)]*\))?, (\d+) bytes_o(?: \((\d+) pkts?, [^)]*\))?(?:, (rekeying|expires) in (.+))?$/.exec(rest);
    if (traffic) {
      const p = charonProposal(traffic[1]);
      child.pfsGroup = observe(p.dhGroup ?? 0, traffic[1], at);
      delete p.dhGroup;
      child.proposal = { ...p, raw: traffic[1] };
      child.inbound[0].bytes = Number(traffic[2]);
      if (traffic[3]) child.inbound[0].packets = Number(traffic[3]);
      child.outbound[0].bytes = Number(traffic[4]);
      if (traffic[5]) child.outbound[0].packets = Number(traffic[5]);
      const secs = traffic[7] ? wordsToSeconds(traffic[7]) : undefined;
      if (traffic[6] && secs !== undefined) {
        const key = traffic[6] === 'rekeying' ? 'rekeySeconds' : 'expireSeconds';
        child.timers[key] = observe(secs, `${traffic[6]} in ${traffic[7]}`, at);
        if (wordsPrecision(traffic[7]) > 1)
          state.diagnostics.push({ level: 'info', message: `${id}: "${traffic[6]} in ${traffic[7]}" is rounded to ${wordsPrecision(traffic[7])} s`, at });
      }
      continue;
    }
    const ts = /^(.+?) === (.+)$/.exec(rest);
    if (ts) {
      const l = selectors(ts[1]);
      const r = selectors(ts[2]);
      child.localSelectors = l.cidrs;
      child.remoteSelectors = r.cidrs;
      if (l.protocol !== undefined) child.ipProtocol = l.protocol;
    }
  }
}

/** statusall's header: `uptime: 2 minutes, since Jan 02 10:14:36 2019` → the capture time (when minutes or finer). */
function statusallCapture(lines: string[], from: number, to: number, file: string, state: SaState): void {
  for (let i = from; i < Math.min(to, from + 4); i++) {
    const m = /^\s*uptime: (.+?), since ([A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} \d{4})\s*$/.exec(lines[i]);
    if (!m) continue;
    const up = wordsToSeconds(m[1]);
    const since = Date.parse(`${m[2]} UTC`);
    if (up === undefined || Number.isNaN(since)) return;
    if (wordsPrecision(m[1]) > 60) {
      state.diagnostics.push({
        level: 'info',
        message: `the capture time is not taken from "uptime: ${m[1]}" (too coarse); the file time or --captured-at is used`,
        at: lineAt(file, i),
      });
      return;
    }
    // charon prints local time without a zone: read as UTC, said so
    state.capturedAt = { iso: new Date(since + up * 1000).toISOString(), source: 'listing', raw: lines[i].trim(), at: lineAt(file, i) };
    state.diagnostics.push({
      level: 'info',
      message: `capture time from "uptime: ${m[1]}, since ${m[2]}" (charon's local time, read as UTC; ±${wordsPrecision(m[1])} s)`,
      at: lineAt(file, i),
    });
    return;
  }
}

// --- the reader --------------------------------------------------------------------------------------

interface Block {
  kind: typeof LIST_SAS | typeof STATUSALL;
  from: number;
  to: number;
}

/** Where each listing starts: a prompt echoing the command, or the listing's own first line. */
function blocks(lines: string[]): Block[] {
  const starts: Array<{ kind: Block['kind'] | 'other'; at: number }> = [];
  lines.forEach((line, i) => {
    const p = promptCommand(line);
    if (p) {
      const c = p.command.replace(/^sudo /, '');
      if (/^swanctl (--list-sas|-l)\b/.test(c)) starts.push({ kind: LIST_SAS, at: i + 1 });
      else if (/^(ipsec|strongswan) status(all)?\b/.test(c)) starts.push({ kind: STATUSALL, at: i + 1 });
      else starts.push({ kind: 'other', at: i + 1 });
      return;
    }
    if (/^\s*Status of IKE charon daemon \(/.test(line) && !starts.some((s) => s.at === i)) starts.push({ kind: STATUSALL, at: i });
  });
  // a listing pasted without its command line: the first IKE_SA line starts it
  if (!starts.some((s) => s.kind !== 'other')) {
    const first = lines.findIndex((l) => IKE_HEADER.test(l));
    if (first >= 0) starts.push({ kind: LIST_SAS, at: first });
    starts.sort((a, b) => a.at - b.at);
  }
  const out: Block[] = [];
  starts.forEach((s, k) => {
    if (s.kind === 'other') return;
    const next = starts.slice(k + 1).find((n) => n.at > s.at);
    out.push({ kind: s.kind, from: s.at, to: next ? (next.kind === 'other' ? next.at - 1 : next.at) : lines.length });
  });
  return out;
}

export function readStrongswanState(text: string, file: string, vendor = 'strongswan'): SaState {
  const lines = text.split('\n');
  const state = emptyState(vendor, file);
  // a command echoed with nothing after it (the session's last prompt) is no listing
  const found = blocks(lines).filter((b) => lines.slice(b.from, b.to).some((l) => l.trim() !== ''));
  if (found.length === 0) {
    throw new ParseError(
      file,
      1,
      `expected the output of \`${LIST_SAS}\` (lines like "name: #1, ESTABLISHED, IKEv2, …") or \`${STATUSALL}\` ("Status of IKE charon daemon"), found neither`,
    );
  }
  const last = found[found.length - 1];
  if (found.length > 1) {
    state.diagnostics.push({
      level: 'info',
      message: `${found.length} listings in this file: the last one (line ${last.from + 1}) is read, as the newest`,
      at: lineAt(file, last.from),
    });
  }
  state.listings.push({ command: last.kind, at: lineAt(file, Math.max(0, last.from - 1)) });
  for (let i = 0; i < Math.min(last.from, lines.length); i++) {
    const p = promptCommand(lines[i]);
    if (p?.host) state.hostname = p.host;
  }
  if (last.kind === LIST_SAS) readListSas(lines, last.from, last.to, file, state);
  else {
    statusallCapture(lines, last.from, last.to, file, state);
    readStatusall(lines, last.from, last.to, file, state);
  }
  state.shows = { spis: true, selectors: true, ikeSas: true, childSas: true };
  return state;
}

/** Advice text only (never sent): terminate exactly this SA, by its unique id. */
export function strongswanClear(target: ClearTarget, state: SaState): string | undefined {
  const stroke = state.listings.some((l) => l.command === STATUSALL);
  if (target.kind === 'ike') {
    const n = /\[(\d+)\]$/.exec(target.sa.id)?.[1];
    if (!n) return undefined;
    // --force: do not wait for a DELETE answer from a peer that no longer knows this SA
    return stroke ? `ipsec down '${target.sa.id}'` : `swanctl --terminate --ike-id ${n} --force`;
  }
  const n = /\{(\d+)\}$/.exec(target.sa.id)?.[1];
  if (!n) return undefined;
  return stroke ? `ipsec down '${target.sa.id}'` : `swanctl --terminate --child-id ${n}`;
}

export function detectStrongswanState(text: string): number {
  const head = text.slice(0, 65536);
  if (/^[ \t]*\S.*: #\d+, [A-Z_]+, IKEv[12], [0-9a-f]{16}_i\*? [0-9a-f]{16}_r/m.test(head)) return 0.95;
  if (/^[ \t]*Status of IKE charon daemon \(/m.test(head)) return 0.95;
  if (/(?:^|\s)(swanctl --list-sas|ipsec statusall)\s*$/m.test(head)) return 0.7;
  return 0;
}

/** The reader, for strongSwan itself and for the platforms that run charon underneath (pfSense, OPNsense). */
export function charonStateReader(vendor: string): StateReader {
  return {
    commands: [{ command: LIST_SAS, lists: 'both' }],
    detect: (text) => detectStrongswanState(text),
    read: (text, file) => readStrongswanState(text, file, vendor),
    clear: strongswanClear,
    // over SSH exec (strongSwan has no configuration pull: its files hold secrets in clear); swanctl's own refusals
    dialect: { kind: 'exec', errorLine: /^(Error: .*|connecting to '.*' failed.*|swanctl: .*)$/, plan: (commands) => commands.map((c) => [c]) },
    redact: STRONGSWAN_REDACT,
  };
}

export const strongswanState: StateReader = charonStateReader('strongswan');
