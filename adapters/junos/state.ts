/**
 * Junos SRX SA listings, as a saved session or a live collection:
 *
 * - `show security ike security-associations` (`… sa`), brief: `Index State Initiator cookie
 *   Responder cookie Mode Remote Address` rows; `detail`: one `IKE peer A, Index N, Gateway Name: G`
 *   block per SA (role, state, cookies, exchange type, local/remote address:port, lifetime,
 *   algorithms);
 * - `show security ipsec security-associations` (`… sa`), brief: a `<ID` (inbound) and a `>ID`
 *   (outbound) row per SA (`ESP:aes-cbc-256/sha1 SPI life-sec/kb Mon lsys Port Gateway`);
 *   `detail`: one `ID: N Virtual-system: root, VPN Name: V` block (gateways, identities, version,
 *   and per direction the SPI, hard/soft lifetime, lifesize, state, algorithms);
 * - `show security ipsec inactive-tunnels`: tunnels configured but down, with the reason.
 *
 * Chassis clusters print `node0:` and a dashed line above each listing, and `{primary:node0}` above
 * the prompt. The real shapes: the IBM vSRX capture in real-configs/state/junos (brief forms, a
 * cluster), the "Azure IPSec VPN Ups and Downs" capture (2018, brief and detail, index file id
 * 65808742168) and an SRX4700 capture (2025, IPsec detail, index file id 70984774422). Keys are
 * never printed by these commands. Mapping and assumptions: README.md ("Runtime state").
 */
import { note, warn } from '../../src/model/diagnostics.js';
import { ParseError } from '../../src/model/errors.js';
import { canonicalCidr, rangeToCidrs } from '../../src/model/net.js';
import {
  type ChildSa,
  type ClearTarget,
  type DirectionalSa,
  emptyState,
  type IkeSa,
  type NegotiatedProposal,
  normalizeIkeSpi,
  normalizeSpi,
  type SaState,
  type StateReader,
} from '../../src/model/state.js';
import { lineAt, observe } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';

type Kind = 'ike' | 'ipsec' | 'inactive';

const COMMAND: Record<Kind, string> = {
  ike: 'show security ike security-associations',
  ipsec: 'show security ipsec security-associations',
  inactive: 'show security ipsec inactive-tunnels',
};

/** The command as typed: Junos takes any unique abbreviation (`sh sec ike sa`). */
const TYPED: Array<[Kind, RegExp]> = [
  ['ike', /^sh(?:o(?:w)?)? sec(?:u(?:r(?:i(?:t(?:y)?)?)?)?)? ike (?:sa|security-associations)\b/],
  ['ipsec', /^sh(?:o(?:w)?)? sec(?:u(?:r(?:i(?:t(?:y)?)?)?)?)? ipsec (?:sa|security-associations)\b/],
  ['inactive', /^sh(?:o(?:w)?)? sec(?:u(?:r(?:i(?:t(?:y)?)?)?)?)? ipsec inactive-tunnels\b/],
];

/** A listing's own first lines, for pastes without the prompt. */
const BARE: Array<[Kind, RegExp]> = [
  ['ike', /^\s*(?:Index\s+State\s+Initiator cookie\s+Responder cookie|IKE peer \S+, Index \d+)/],
  ['ipsec', /^\s*(?:Total active tunnels: \d+|ID: \d+ Virtual-system: )/],
  ['inactive', /^\s*Total inactive tunnels: \d+/],
];

const PROMPT = /^(?:\{[\w:-]+\}\s*)?([\w.+-]+)@([\w.-]+)>\s?(.*)$/;

interface Listing {
  kind: Kind;
  cmdAt: number;
  from: number;
  to: number;
}

function cut(lines: string[]): { listings: Listing[]; hosts: string[] } {
  const starts: Array<{ kind: Kind | 'other'; cmdAt: number; from: number }> = [];
  const hosts: string[] = [];
  lines.forEach((line, i) => {
    const p = PROMPT.exec(line.trim());
    if (p) {
      hosts.push(p[2]);
      const command = p[3].trim().replace(/\s+/g, ' ');
      const k = TYPED.find(([, re]) => re.test(command));
      starts.push({ kind: k ? k[0] : 'other', cmdAt: i, from: i + 1 });
      return;
    }
    const bare = BARE.find(([, re]) => re.test(line));
    if (!bare) return;
    const prev = starts[starts.length - 1];
    if (prev && (prev.kind === bare[0] || prev.kind === 'other')) {
      if (prev.kind === 'other' && prev.from === prev.cmdAt + 1) prev.kind = bare[0]; // a command we do not know, but its output is ours
      return;
    }
    starts.push({ kind: bare[0], cmdAt: i, from: i });
  });
  const listings: Listing[] = [];
  starts.forEach((s, k) => {
    if (s.kind === 'other') return;
    listings.push({ kind: s.kind, cmdAt: s.cmdAt, from: s.from, to: starts[k + 1]?.cmdAt ?? lines.length });
  });
  return { listings, hosts };
}

// --- algorithms as the listings print them ----------------------------------------------------

/** `aes256-cbc`, `aes-cbc-256`, `aes-cbc (256 bits)`, `aes-gcm (128 bits)`, `aes-gcm-128`, `aes256-gcm`, `3des-cbc`, `3des` */
function encryptionName(text: string): string | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s*\((\d+) bits\)/, '-$1');
  if (/^3des(-cbc)?$/.test(t)) return '3des';
  if (/^des(-cbc)?$/.test(t)) return 'des';
  if (/^chacha20-?poly1305$/.test(t)) return 'chacha20poly1305';
  const m = /^aes-?(?:(\d+)-?(cbc|gcm)|(cbc|gcm)-(\d+))$/.exec(t);
  if (!m) return undefined;
  const bits = m[1] ?? m[4];
  const mode = m[2] ?? m[3];
  return mode === 'gcm' ? `aes${bits}gcm16` : `aes${bits}`;
}

/** `hmac-sha1-96`, `sha1`, `hmac-sha-256-128`, `sha256`, `None`, `aes256-gcm` (an AEAD's own) */
function integrityName(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'none' || /gcm/.test(t)) return 'none';
  if (/^(hmac-)?md5(-96)?$/.test(t)) return 'md5';
  if (/^(hmac-)?sha-?1(-96)?$/.test(t)) return 'sha1';
  const m = /^(?:hmac-)?sha-?(256|384|512)(?:-(\d+))?$/.exec(t);
  if (m) return m[1] === '256' && m[2] === '96' ? 'sha256_96' : `sha${m[1]}`;
  return undefined;
}

function dhName(text: string): number | undefined {
  const m = /(?:DH-group-|group)(\d+)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** `ipv4_subnet(any:0,[0..7]=10.0.0.0/20)`, `ipv4(0.0.0.0-255.255.255.255)`, `ipv4(10.1.1.1)` → CIDRs */
function identityCidrs(text: string): string[] | undefined {
  const subnet = /=([0-9a-f.:]+\/\d+)\)\s*$/i.exec(text);
  if (subnet) {
    const c = canonicalCidr(subnet[1]);
    return c ? [c] : undefined;
  }
  const range = /\(([0-9a-f.:]+)-([0-9a-f.:]+)\)\s*$/i.exec(text);
  if (range) return rangeToCidrs(range[1], range[2]);
  const host = /\(([0-9a-f.:]+)\)\s*$/i.exec(text);
  if (host) {
    const c = canonicalCidr(host[1]);
    return c ? [c] : undefined;
  }
  return undefined;
}

// --- IKE --------------------------------------------------------------------------------------

function readIke(lines: string[], l: Listing, file: string, state: SaState): void {
  let sa: IkeSa | undefined;
  let algorithms: Partial<Record<'enc' | 'integ' | 'prf' | 'dh', string>> | undefined;
  const finish = () => {
    if (sa && algorithms) {
      const p: NegotiatedProposal = { raw: [algorithms.enc, algorithms.integ, algorithms.prf, algorithms.dh].filter(Boolean).join(' / ') };
      const e = algorithms.enc ? encryptionName(algorithms.enc) : undefined;
      const i = algorithms.integ ? integrityName(algorithms.integ) : undefined;
      const f = algorithms.prf ? integrityName(algorithms.prf.replace(/^hmac-/, '')) : undefined;
      const g = algorithms.dh ? dhName(algorithms.dh) : undefined;
      if (e) p.encryption = e;
      if (i) p.integrity = i;
      if (f && f !== 'none') p.prf = `prf${f}`;
      if (g !== undefined) p.dhGroup = g;
      sa.proposal = p;
    }
    sa = undefined;
    algorithms = undefined;
  };
  for (let i = l.from; i < l.to; i++) {
    const line = lines[i];
    const at = lineAt(file, i);
    const row = /^\s*(\d+)\s+(UP|DOWN|\S+)\s+([0-9a-f]{16})\s+([0-9a-f]{16})\s+(Main|Aggressive|IKEv2|\S+)\s+(\S+)\s*$/i.exec(line);
    if (row) {
      finish();
      const [, index, st, ispi, rspi, mode, peer] = row;
      const s: IkeSa = {
        id: index,
        at,
        state: observe(st, st, at),
        established: st.toUpperCase() === 'UP',
        remoteAddress: peer,
        timers: {},
      };
      const version = /^ikev2$/i.test(mode) ? 2 : /^(main|aggressive)$/i.test(mode) ? 1 : undefined;
      if (version) s.version = version;
      const spis = { initiator: normalizeIkeSpi(ispi), responder: normalizeIkeSpi(rspi) };
      if (spis.initiator && spis.responder) s.spis = { initiator: spis.initiator, responder: spis.responder };
      state.ikeSas.push(s);
      continue;
    }
    const head = /^\s*IKE peer (\S+), Index (\d+),(?: Gateway Name: (\S+))?/.exec(line);
    if (head) {
      finish();
      sa = { id: head[2], at, state: observe('', '', at), established: false, remoteAddress: head[1], timers: {} };
      if (head[3]) sa.name = head[3];
      state.ikeSas.push(sa);
      continue;
    }
    if (!sa) continue;
    let m = /^\s*Role: (\w+), State: (\S+)/.exec(line);
    if (m) {
      sa.initiator = m[1].toLowerCase() === 'initiator';
      sa.state = observe(m[2], m[2], at);
      sa.established = m[2].toUpperCase() === 'UP';
      continue;
    }
    m = /^\s*Initiator cookie: ([0-9a-f]+), Responder cookie: ([0-9a-f]+)/i.exec(line);
    if (m) {
      const a = normalizeIkeSpi(m[1]);
      const b = normalizeIkeSpi(m[2]);
      if (a && b) sa.spis = { initiator: a, responder: b };
      continue;
    }
    m = /^\s*Exchange type: ([\w-]+)/.exec(line);
    if (m) {
      sa.version = /ikev2/i.test(m[1]) ? 2 : 1;
      continue;
    }
    m = /^\s*Local: ([^\s,]+):(\d+), Remote: ([^\s,]+):(\d+)/.exec(line);
    if (m) {
      sa.localAddress = m[1];
      sa.localPort = Number(m[2]);
      sa.remoteAddress = m[3];
      sa.remotePort = Number(m[4]);
      sa.natt = observe(m[2] === '4500' || m[4] === '4500', `Local: ${m[1]}:${m[2]}, Remote: ${m[3]}:${m[4]}`, at);
      continue;
    }
    m = /^\s*Lifetime: Expires in (\d+) seconds/.exec(line);
    if (m) {
      sa.timers.expireSeconds = observe(Number(m[1]), line.trim(), at);
      continue;
    }
    if (/^\s*Algorithms:\s*$/.test(line)) {
      algorithms = {};
      continue;
    }
    m = /^\s*(Authentication|Encryption|Pseudo random function|Diffie-Hellman group)\s*:\s*(\S+)/.exec(line);
    if (m && algorithms) {
      const key = m[1] === 'Authentication' ? 'integ' : m[1] === 'Encryption' ? 'enc' : m[1] === 'Pseudo random function' ? 'prf' : 'dh';
      algorithms[key] = m[2];
      continue;
    }
    m = /^\s*Peer ike-id: (\S+)/.exec(line);
    if (m) sa.remoteId = m[1];
    // `Negotiation type: Quick mode …` blocks describe phase 2 negotiations in progress, not this SA
    if (/^\s*Negotiation type: /.test(line)) finish();
  }
  finish();
}

// --- IPsec -------------------------------------------------------------------------------------

function proposalOf(text: string): NegotiatedProposal {
  // brief: `ESP:aes-cbc-256/sha1`, `ESP:aes-gcm-128/None`
  const m = /^(ESP|AH):([^/]+)\/(\S+)$/i.exec(text.trim());
  const p: NegotiatedProposal = { raw: text.trim() };
  if (!m) return p;
  const e = encryptionName(m[2]);
  const i = integrityName(m[3]);
  if (e) p.encryption = e;
  if (i) p.integrity = e && /gcm/.test(e) ? 'none' : i;
  return p;
}

function childOf(state: SaState, id: string, remote: string, at: SourceRef): ChildSa {
  let c = state.childSas.find((x) => x.reqid === id && x.remoteAddress === remote);
  if (!c) {
    c = { id, reqid: id, at, remoteAddress: remote, localSelectors: [], remoteSelectors: [], inbound: [], outbound: [], timers: {} };
    state.childSas.push(c);
  }
  return c;
}

function readIpsecBrief(line: string, at: SourceRef, state: SaState): boolean {
  // `<131073 ESP:aes-gcm-128/None ec78f80e 2528/ unlim - root 500 128.168.104.229`
  const m = /^\s*([<>])(\d+)\s+((?:ESP|AH):\S+)\s+([0-9a-f]{1,8})\s+((\d+|-)\/\s*(\d+|unlim|-))\s+(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s*$/i.exec(line);
  if (!m) return false;
  const [, dir, id, algo, spi, life, sec, kb, mon, lsys, port, gw] = m;
  const c = childOf(state, id, gw, at);
  c.name ??= `${lsys}:${id}`;
  const proposal = proposalOf(algo);
  c.proposal ??= proposal;
  c.udpEncapsulation = observe(port === '4500', `Port ${port}`, at);
  const d: DirectionalSa = { raw: spi, at, protocol: /^AH/i.test(algo) ? 'ah' : 'esp' };
  const n = normalizeSpi(spi);
  if (n) d.spi = n;
  const timers: DirectionalSa['timers'] = {};
  if (/^\d+$/.test(sec)) timers.expireSeconds = observe(Number(sec), life, at);
  if (/^\d+$/.test(kb)) timers.remainingKilobytes = observe(Number(kb), life, at);
  d.timers = timers;
  if (mon !== '-') d.state = `vpn-monitor ${mon}`;
  (dir === '<' ? c.inbound : c.outbound).push(d);
  return true;
}

function readIpsec(lines: string[], l: Listing, file: string, state: SaState): { detail: boolean } {
  let c: ChildSa | undefined;
  let d: DirectionalSa | undefined;
  let detail = false;
  let pending: { id: string; vpn: string; at: SourceRef; lsys: string } | undefined;
  for (let i = l.from; i < l.to; i++) {
    const line = lines[i];
    const at = lineAt(file, i);
    if (readIpsecBrief(line, at, state)) continue;
    let m = /^\s*ID: (\d+) Virtual-system: ([^,]+), VPN Name: (\S+)/.exec(line);
    if (m) {
      detail = true;
      d = undefined;
      c = undefined;
      pending = { id: m[1], lsys: m[2], vpn: m[3], at };
      continue;
    }
    m = /^\s*Local Gateway: ([^\s,]+), Remote Gateway: (\S+)/.exec(line);
    if (m && pending) {
      c = childOf(state, pending.id, m[2], pending.at);
      c.id = `${pending.vpn} ${pending.id}`;
      c.name = pending.vpn;
      c.tunnel = pending.vpn;
      c.localAddress = m[1];
      continue;
    }
    if (!c) continue;
    m = /^\s*(Local|Remote) Identity: (.+)$/.exec(line);
    if (m) {
      const cidrs = identityCidrs(m[2]);
      if (cidrs) {
        if (m[1] === 'Local') c.localSelectors = cidrs;
        else c.remoteSelectors = cidrs;
      } else note(state, `${m[1].toLowerCase()} identity ${m[2].trim()} is not a prefix or range: selectors not read`, at);
      continue;
    }
    m = /^\s*PFS group: ([^,]+)/.exec(line);
    if (m) {
      const g = /none|disabled/i.test(m[1]) ? 0 : dhName(m[1]);
      if (g !== undefined) c.pfsGroup = observe(g, m[1].trim(), at);
      continue;
    }
    m = /^\s*Direction: (inbound|outbound), SPI: ((?:0x)?[0-9a-f]+)/i.exec(line);
    if (m) {
      d = { raw: m[2], at, protocol: 'esp', timers: {} };
      const n = normalizeSpi(m[2]);
      if (n) d.spi = n;
      (m[1] === 'inbound' ? c.inbound : c.outbound).push(d);
      continue;
    }
    if (!d) continue;
    const timers = d.timers as NonNullable<DirectionalSa['timers']>;
    m = /^\s*Hard lifetime: Expires in (\d+) seconds/.exec(line);
    if (m) {
      timers.expireSeconds = observe(Number(m[1]), line.trim(), at);
      continue;
    }
    m = /^\s*Soft lifetime: Expires in (\d+) seconds/.exec(line);
    if (m) {
      timers.rekeySeconds = observe(Number(m[1]), line.trim(), at);
      continue;
    }
    m = /^\s*Lifesize Remaining:\s+(\d+) kilobytes/.exec(line);
    if (m) {
      timers.remainingKilobytes = observe(Number(m[1]), line.trim(), at);
      continue;
    }
    m = /^\s*Mode: (Tunnel|Transport)\b.*State: ([\w ]+?)\s*$/.exec(line);
    if (m) {
      c.mode = m[1] === 'Tunnel' ? 'tunnel' : 'transport';
      d.state = m[2];
      continue;
    }
    m = /^\s*Protocol: (ESP|AH), Authentication: ([^,]+), Encryption: (.+?)\s*$/.exec(line);
    if (m) {
      d.protocol = m[1] === 'AH' ? 'ah' : 'esp';
      const p: NegotiatedProposal = { raw: line.trim() };
      const e = encryptionName(m[3]);
      const a = integrityName(m[2]);
      if (e) p.encryption = e;
      if (a) p.integrity = e && /gcm/.test(e) ? 'none' : a;
      c.proposal ??= p;
      continue;
    }
    m = /Replay window size: (\d+)/.exec(line);
    if (m) d.replayWindow = Number(m[1]);
  }
  return { detail };
}

function readInactive(lines: string[], l: Listing, file: string, state: SaState): void {
  for (let i = l.from; i < l.to; i++) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(.+?)\s*$/.exec(lines[i]);
    if (!m) continue;
    const at = lineAt(file, i);
    state.tunnels.push({ name: m[1], at, remoteAddress: m[3] });
    warn(state, `inactive tunnel ${m[1]} to ${m[3]} (${m[4]} pending SA): ${m[5]}`, at);
  }
}

export function readJunosState(text: string, file: string): SaState {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const state = emptyState('junos', file);
  const { listings, hosts } = cut(lines);
  if (!listings.length) {
    throw new ParseError(
      file,
      1,
      `expected the output of \`${COMMAND.ike}\`, \`${COMMAND.ipsec}\` or \`${COMMAND.inactive}\` (or \`… sa\`), found none of them`,
    );
  }
  const chosen: Listing[] = [];
  for (const kind of ['ike', 'ipsec', 'inactive'] as const) {
    const of = listings.filter((x) => x.kind === kind);
    if (!of.length) continue;
    chosen.push(of[of.length - 1]);
    if (of.length > 1) note(state, `\`${COMMAND[kind]}\` appears ${of.length} times (lines ${of.map((x) => x.cmdAt + 1).join(', ')}): the last one is read`);
  }
  let ipsecDetail = false;
  for (const l of chosen) {
    state.listings.push({ command: COMMAND[l.kind], at: lineAt(file, l.cmdAt) });
    if (l.kind === 'ike') readIke(lines, l, file, state);
    else if (l.kind === 'ipsec') ipsecDetail = readIpsec(lines, l, file, state).detail;
    else readInactive(lines, l, file, state);
  }
  const distinct = [...new Set(hosts)];
  if (distinct.length) state.hostname = distinct[distinct.length - 1];
  if (distinct.length > 1) note(state, `the prompts name ${distinct.length} hosts (${distinct.join(', ')}): the last is taken`);
  // a CHILD_SA hangs under the established IKE SA with the same peer
  for (const c of state.childSas) {
    const ike = state.ikeSas.find((s) => s.established && s.remoteAddress === c.remoteAddress);
    if (ike) c.ike = ike.id;
  }
  const has = (k: Kind) => chosen.some((c) => c.kind === k);
  if (!has('ike')) state.missing.push({ command: `${COMMAND.ike} detail`, consequence: 'no IKE SAs listed: ike-sa-missing is not checked on this end' });
  if (!has('ipsec')) state.missing.push({ command: `${COMMAND.ipsec} detail`, consequence: 'no IPsec SAs listed: stale-sa cannot be checked on this end' });
  else if (!ipsecDetail)
    state.missing.push({
      command: `${COMMAND.ipsec} detail`,
      consequence: 'the brief listing shows no traffic selectors: selectors are not checked on this end',
    });
  state.shows = { spis: has('ipsec'), selectors: ipsecDetail, ikeSas: has('ike'), childSas: has('ipsec') };
  return state;
}

export function detectJunosState(text: string): number {
  const head = text.slice(0, 65536);
  if (/^[ \t]*ID: \d+ Virtual-system: \S+, VPN Name: /m.test(head) || /^[ \t]*IKE peer \S+, Index \d+, Gateway Name: /m.test(head)) return 0.95;
  if (/^[ \t]*[<>]\d+\s+(?:ESP|AH):\S+\s+[0-9a-f]{8}\s/im.test(head)) return 0.95;
  if (/^[ \t]*Index\s+State\s+Initiator cookie\s+Responder cookie\s+Mode\s+Remote Address/m.test(head)) return 0.9;
  if (/^[ \t]*Total inactive tunnels: \d+/m.test(head)) return 0.85;
  return 0;
}

/** Advice only (never sent): Junos clears one IPsec SA by its ID, one IKE SA by its peer or index. */
export function junosClear(target: ClearTarget): string | undefined {
  if (target.kind === 'ike') {
    const sa = target.sa;
    return sa.remoteAddress ? `clear security ike security-associations ${sa.remoteAddress}` : `clear security ike security-associations index ${sa.id}`;
  }
  const id = target.sa.reqid;
  return id ? `clear security ipsec security-associations index ${id}` : undefined;
}

export const junosState: StateReader = {
  commands: [
    { command: `${COMMAND.ike} detail`, lists: 'ike' },
    { command: `${COMMAND.ipsec} detail`, lists: 'child' },
    { command: COMMAND.inactive, lists: 'child', optional: true },
  ],
  detect: (text) => detectJunosState(text),
  read: readJunosState,
  clear: (target) => junosClear(target),
};
