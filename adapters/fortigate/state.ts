/**
 * FortiGate SA listings: `diagnose vpn tunnel list` (the IPsec SAs, per tunnel and proxy-id),
 * `diagnose vpn ike gateway list` (the IKE SAs; `get vpn ike gateway NAME` prints the same
 * blocks) and `get vpn ipsec tunnel details` (tunnels, selectors and error counters; no SPIs).
 * Forms from real captures: the corpus' summerice7 pairs and ADVPN hub (FortiOS 7.x), Perimeter81
 * (a tunnel without SA), a FortiOS 7.2.3 blog capture with two SAs per proxy-id. README.md
 * ("Runtime state") maps each printed field.
 *
 * These listings print keys: `dec: spi=… esp=aes key=16 <hex>`, `ah=sha1 key=20 <hex>`,
 * `SK_ei: …` … `SK_ar: …`, IKEv1 `key: …`. They are skipped here and never stored.
 */
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
import { lineAt, observe, promptCommand } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';
import { canonicalEncryption, canonicalIntegrity } from '../../src/model/vocab.js';

const TUNNEL_LIST = 'diagnose vpn tunnel list';
const GATEWAY_LIST = 'diagnose vpn ike gateway list';
const TUNNEL_DETAILS = 'get vpn ipsec tunnel details';

/** The ESP cipher from `esp=aes key=16`: FortiOS prints the key length in bytes (GCM with its 4-byte salt). */
function espCipher(name: string, keyBytes: number): string | undefined {
  const n = name.toLowerCase();
  if (n === 'aes') return { 16: 'aes128', 24: 'aes192', 32: 'aes256' }[keyBytes];
  if (n === 'aes-gcm') return { 20: 'aes128gcm16', 28: 'aes192gcm16', 36: 'aes256gcm16' }[keyBytes];
  if (n === 'chacha20poly1305' || n === 'chacha20-poly1305') return 'chacha20poly1305';
  if (n === 'aria') return { 16: 'aria128', 24: 'aria192', 32: 'aria256' }[keyBytes];
  return canonicalEncryption(n);
}

/** `ah=sha1 key=20`: the HMAC; `null` for AEAD. */
function ahIntegrity(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n === 'null') return 'none';
  return canonicalIntegrity(n);
}

/** `0:0.0.0.0-255.255.255.255:0`, `0:192.168.100.0/255.255.255.0:0`, `0:10.1.0.0/24:0` → CIDRs and protocol. */
function selector(text: string): { cidrs: string[]; protocol: number } | undefined {
  const m = /^(\d+):(.+):(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const body = m[2];
  const range = /^([0-9a-f.:]+)-([0-9a-f.:]+)$/i.exec(body);
  let cidrs: string[] | undefined;
  if (range) cidrs = rangeToCidrs(range[1], range[2]);
  else {
    const [addr, mask] = body.split('/');
    const c = canonicalCidr(addr, mask === undefined ? undefined : /^\d+$/.test(mask) ? Number(mask) : mask);
    cidrs = c ? [c] : undefined;
  }
  return cidrs ? { cidrs, protocol: Number(m[1]) } : undefined;
}

interface Ctx {
  file: string;
  state: SaState;
}

// --- diagnose vpn tunnel list --------------------------------------------------------------------

function readTunnelList(lines: string[], from: number, to: number, ctx: Ctx): void {
  const { file, state } = ctx;
  let tunnel: { name: string; local?: string; remote?: string; natt: boolean; nattRaw: string; remotePort?: number; at: SourceRef } | undefined;
  let proxy: { name: string; sel: { local?: string[]; remote?: string[]; protocol?: number } } | undefined;
  let sa: ChildSa | undefined;
  let saCount = 0;
  let pending: 'dec' | 'enc' | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const at = lineAt(file, i);
    const head = /^name=(\S+) ver=(\d) serial=\d+ ([0-9a-f.:]+?):(\d+)->([0-9a-f.:]+?):(\d+)/i.exec(line.trim());
    if (head) {
      tunnel = { name: head[1], local: head[3], remote: head[5], natt: false, nattRaw: 'natt: mode=none', at };
      proxy = undefined;
      sa = undefined;
      const listed = { name: head[1], at, remoteAddress: head[5] };
      state.tunnels.push(listed);
      continue;
    }
    if (!tunnel) continue;
    const natt = /^natt: mode=(\S+).*?remote_port=(\d+)/.exec(line.trim());
    if (natt) {
      tunnel.natt = natt[1] !== 'none';
      tunnel.nattRaw = line.trim();
      if (Number(natt[2]) > 0) tunnel.remotePort = Number(natt[2]);
      continue;
    }
    const p = /^proxyid=(\S+) proto=(\d+) sa=(\d+)/.exec(line.trim());
    if (p) {
      proxy = { name: p[1], sel: {} };
      sa = undefined;
      saCount = 0;
      continue;
    }
    if (!proxy) continue;
    const sel = /^(src|dst): (\S+)$/.exec(line.trim());
    if (sel) {
      const s = selector(sel[2]);
      if (s) {
        if (sel[1] === 'src') proxy.sel.local = s.cidrs;
        else proxy.sel.remote = s.cidrs;
        proxy.sel.protocol = s.protocol;
      } else state.diagnostics.push({ level: 'warning', message: `selector "${sel[2]}" not understood`, at });
      const listed = state.tunnels[state.tunnels.length - 1];
      if (listed && listed.name === tunnel.name) {
        if (sel[1] === 'src' && s) listed.localSelectors = s.cidrs;
        if (sel[1] === 'dst' && s) listed.remoteSelectors = s.cidrs;
      }
      continue;
    }
    const saHead = /^SA:\s+ref=\d+ .*?expire=(\d+)\/(\S+)(?: replaywin=(\d+))?/.exec(line.trim());
    if (saHead) {
      saCount++;
      sa = {
        id: `${tunnel.name} proxyid ${proxy.name} SA ${saCount}`,
        name: proxy.name,
        tunnel: tunnel.name,
        at,
        localSelectors: proxy.sel.local ?? [],
        remoteSelectors: proxy.sel.remote ?? [],
        mode: 'tunnel',
        udpEncapsulation: observe(tunnel.natt, tunnel.nattRaw, tunnel.at),
        inbound: [],
        outbound: [],
        timers: { rekeySeconds: observe(Number(saHead[1]), `expire=${saHead[1]}`, at) },
      };
      if (proxy.sel.protocol) sa.ipProtocol = proxy.sel.protocol;
      if (tunnel.local) sa.localAddress = tunnel.local;
      if (tunnel.remote) sa.remoteAddress = tunnel.remote;
      if (tunnel.remotePort) sa.remotePort = tunnel.remotePort;
      state.childSas.push(sa);
      if (saHead[3]) (sa as ChildSa & { replay?: number }).replay = Number(saHead[3]);
      continue;
    }
    if (!sa) continue;
    const life = /^life: type=\S+ bytes=(\d+)\/(\d+) timeout=(\d+)\/(\d+)/.exec(line.trim());
    if (life) {
      const [, used, limit, left, total] = life.map(Number);
      sa.timers.expireSeconds = observe(left, `timeout=${left}/${total}`, at);
      sa.timers.lifetimeSeconds = observe(total, `timeout=${left}/${total}`, at);
      // no age: the real captures show SAs whose timeout started below the lifetime (an SA 36 s old with 42903/43200 left)
      if (limit > 0) {
        // bytes=used/limit: FortiOS counts the volume lifetime in bytes
        sa.timers.lifetimeKilobytes = observe(Math.floor(limit / 1024), `bytes=${used}/${limit}`, at);
        sa.timers.remainingKilobytes = observe(Math.max(0, Math.floor((limit - used) / 1024)), `bytes=${used}/${limit}`, at);
      }
      continue;
    }
    const spi = /^(dec|enc): spi=([0-9a-f]+) esp=(\S+) key=(\d+)/i.exec(line.trim());
    if (spi) {
      const d: DirectionalSa = { spi: normalizeSpi(spi[2]), raw: `spi=${spi[2]}`, at, protocol: 'esp' };
      if (!d.spi) delete d.spi;
      const replay = (sa as ChildSa & { replay?: number }).replay;
      if (replay !== undefined) d.replayWindow = replay;
      (spi[1] === 'dec' ? sa.inbound : sa.outbound).push(d);
      const enc = espCipher(spi[3], Number(spi[4]));
      sa.proposal = { ...(sa.proposal ?? { raw: '' }), raw: `esp=${spi[3]} key=${spi[4]}` };
      if (enc) sa.proposal.encryption = enc;
      pending = spi[1] as 'dec' | 'enc';
      continue;
    }
    const ah = /^ah=(\S+) key=(\d+)/.exec(line.trim());
    if (ah && pending && sa.proposal) {
      const integ = ahIntegrity(ah[1]);
      if (integ) sa.proposal.integrity = integ;
      sa.proposal.raw = `${sa.proposal.raw.split(' ah=')[0]} ah=${ah[1]}`;
      pending = undefined;
      continue;
    }
    const counts = /^dec:pkts\/bytes=(\d+)\/(\d+), enc:pkts\/bytes=(\d+)\/(\d+)/.exec(line.trim());
    if (counts) {
      const [, dp, db, ep, eb] = counts.map(Number);
      for (const d of sa.inbound) Object.assign(d, { packets: dp, bytes: db });
      for (const d of sa.outbound) Object.assign(d, { packets: ep, bytes: eb });
    }
  }
  for (const c of state.childSas) delete (c as ChildSa & { replay?: number }).replay;
}

// --- diagnose vpn ike gateway list / get vpn ike gateway ---------------------------------------------

function ikeProposal(text: string): NegotiatedProposal {
  // `aes256-sha1`, `aes-256-sha512` (7.2 gateway view), `aes128gcm-prfsha256`
  const p: NegotiatedProposal = { raw: text };
  const m = /^(.+?)-((?:prf)?(?:sha\d*|md5))$/.exec(text);
  if (!m) return p;
  const enc = canonicalEncryption(m[1]);
  if (enc) p.encryption = enc;
  if (m[2].startsWith('prf')) {
    p.integrity = 'none';
    p.prf = m[2];
  } else {
    const integ = canonicalIntegrity(m[2]);
    if (integ) p.integrity = integ;
  }
  return p;
}

function readGatewayList(lines: string[], from: number, to: number, ctx: Ctx): void {
  const { file, state } = ctx;
  let gw: { name: string; version?: 1 | 2; local?: string; localPort?: number; remote?: string; remotePort?: number } | undefined;
  let ike: IkeSa | undefined;
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    const at = lineAt(file, i);
    let m = /^name: (.+)$/.exec(t);
    if (m) {
      gw = { name: m[1].replace(/^'(.*)'$/, '$1') };
      ike = undefined;
      continue;
    }
    if (!gw) continue;
    m = /^version: ([12])$/.exec(t);
    if (m) {
      gw.version = Number(m[1]) as 1 | 2;
      continue;
    }
    m = /^addr: ([0-9a-f.:]+?):(\d+) -> ([0-9a-f.:]+?):(\d+)$/i.exec(t);
    if (m) {
      Object.assign(gw, { local: m[1], localPort: Number(m[2]), remote: m[3], remotePort: Number(m[4]) });
      continue;
    }
    m = /^id\/spi: (\d+) ([0-9a-f]{1,16})\/([0-9a-f]{1,16})$/i.exec(t);
    if (m) {
      ike = {
        id: `${gw.name} id ${m[1]}`,
        name: gw.name,
        at,
        state: observe('', '', at),
        established: false,
        timers: {},
      };
      if (gw.version) ike.version = gw.version;
      const si = normalizeIkeSpi(m[2]);
      const sr = normalizeIkeSpi(m[3]);
      if (si && sr) ike.spis = { initiator: si, responder: sr };
      if (gw.local) Object.assign(ike, { localAddress: gw.local, localPort: gw.localPort });
      if (gw.remote) Object.assign(ike, { remoteAddress: gw.remote, remotePort: gw.remotePort });
      if (gw.localPort === 4500 || gw.remotePort === 4500) ike.natt = observe(true, `addr: …:${gw.localPort} -> …:${gw.remotePort}`, at);
      state.ikeSas.push(ike);
      continue;
    }
    if (!ike) continue;
    m = /^direction: (initiator|responder)$/.exec(t);
    if (m) {
      ike.initiator = m[1] === 'initiator';
      continue;
    }
    m = /^status: (\S+) (\d+)-(\d+)s ago/.exec(t);
    if (m) {
      ike.state = observe(m[1], `status: ${m[1]}`, at);
      ike.established = m[1] === 'established';
      ike.timers.ageSeconds = observe(Number(m[3]), `${m[1]} ${m[2]}-${m[3]}s ago`, at);
      continue;
    }
    m = /^proposal: (\S+)$/.exec(t);
    if (m) {
      ike.proposal = ikeProposal(m[1]);
      continue;
    }
    m = /^lifetime\/rekey: (\d+)\/(\d+)$/.exec(t);
    if (m) {
      ike.timers.lifetimeSeconds = observe(Number(m[1]), t, at);
      ike.timers.rekeySeconds = observe(Number(m[2]), t, at);
    }
    // SK_ei/SK_er/SK_ai/SK_ar/key: key material, never read
  }
}

// --- get vpn ipsec tunnel details -------------------------------------------------------------------

function readTunnelDetails(lines: string[], from: number, to: number, ctx: Ctx): void {
  const { file, state } = ctx;
  let name: string | undefined;
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    const at = lineAt(file, i);
    const n = /^name: '(.+)'$/.exec(t);
    if (n && !name) {
      name = n[1];
      if (!state.tunnels.some((x) => x.name === name)) state.tunnels.push({ name, at });
      continue;
    }
    if (t === 'gateway') name = undefined;
    const rgw = /^remote-gateway: ([0-9a-f.:]+?):\d+/.exec(t);
    if (rgw && name) {
      const listed = state.tunnels.find((x) => x.name === name);
      if (listed && !listed.remoteAddress) listed.remoteAddress = rgw[1];
      continue;
    }
    const err = /^(rx|tx)\s+packets: \d+\s+bytes: \d+\s+errors: (\d+)$/.exec(t);
    if (err && name && Number(err[2]) > 0) {
      state.diagnostics.push({ level: 'info', message: `${name}: ${err[1]} errors: ${err[2]} (get vpn ipsec tunnel details)`, at });
    }
  }
}

// --- the reader ----------------------------------------------------------------------------------------

type Kind = typeof TUNNEL_LIST | typeof GATEWAY_LIST | typeof TUNNEL_DETAILS;

function kindOf(command: string): Kind | 'other' {
  const c = command.toLowerCase().replace(/\s+/g, ' ');
  if (/^diag(nose)? vpn tunnel list\b/.test(c)) return TUNNEL_LIST;
  if (/^diag(nose)? vpn ike gateway list\b/.test(c) || /^get vpn ike gateway\b/.test(c)) return GATEWAY_LIST;
  if (/^get vpn ipsec tunnel details\b/.test(c)) return TUNNEL_DETAILS;
  return 'other';
}

/** The listings in a text: after their command lines, or recognised by their first line when pasted bare. */
function blocks(lines: string[]): Array<{ kind: Kind; cmdAt: number; from: number; to: number }> {
  const starts: Array<{ kind: Kind | 'other'; cmdAt: number; from: number }> = [];
  lines.forEach((line, i) => {
    const p = promptCommand(line);
    if (p && !/^(name|vd|version|proxyid|natt|dpd|stat)[:=]/.test(p.command)) {
      starts.push({ kind: kindOf(p.command), cmdAt: i, from: i + 1 });
      return;
    }
    const t = line.trim();
    const prev = starts[starts.length - 1];
    const inside = prev && prev.kind !== 'other';
    if (!inside && /^list all ipsec tunnel in vd \d+$/.test(t)) starts.push({ kind: TUNNEL_LIST, cmdAt: i, from: i });
    else if (!inside && /^vd: \S+\/\d+$/.test(t) && /^name: /.test(lines[i + 1]?.trim() ?? '')) starts.push({ kind: GATEWAY_LIST, cmdAt: i, from: i });
    else if (!inside && t === 'gateway' && /^name: '/.test(lines[i + 1]?.trim() ?? '')) starts.push({ kind: TUNNEL_DETAILS, cmdAt: i, from: i });
  });
  return starts.flatMap((s, k) => (s.kind === 'other' ? [] : [{ kind: s.kind, cmdAt: s.cmdAt, from: s.from, to: starts[k + 1]?.cmdAt ?? lines.length }]));
}

export function readFortigateState(text: string, file: string): SaState {
  const lines = text.split('\n');
  const state = emptyState('fortigate', file);
  const found = blocks(lines).filter((b) => lines.slice(b.from, b.to).some((l) => l.trim() !== ''));
  if (found.length === 0) {
    throw new ParseError(
      file,
      1,
      `expected the output of \`${TUNNEL_LIST}\` ("name=… ver=… serial=…" lines), \`${GATEWAY_LIST}\` or \`${TUNNEL_DETAILS}\`, found none of them`,
    );
  }
  const ctx: Ctx = { file, state };
  // the newest of each listing counts (a session may run a command twice)
  for (const kind of [TUNNEL_LIST, GATEWAY_LIST, TUNNEL_DETAILS] as const) {
    const of = found.filter((b) => b.kind === kind);
    if (of.length === 0) continue;
    const b = of[of.length - 1];
    if (of.length > 1)
      state.diagnostics.push({ level: 'info', message: `\`${kind}\` appears ${of.length} times: the last one is read`, at: lineAt(file, b.cmdAt) });
    state.listings.push({ command: kind, at: lineAt(file, b.cmdAt) });
    if (kind === TUNNEL_LIST) readTunnelList(lines, b.from, b.to, ctx);
    else if (kind === GATEWAY_LIST) readGatewayList(lines, b.from, b.to, ctx);
    else readTunnelDetails(lines, b.from, b.to, ctx);
  }
  for (const line of lines) {
    const p = promptCommand(line);
    if (p?.host && p.host !== 'FortiGate') state.hostname = p.host;
    else if (p?.host && !state.hostname) state.hostname = p.host;
  }
  const has = (k: Kind) => state.listings.some((l) => l.command === k);
  if (!has(TUNNEL_LIST))
    state.missing.push({ command: TUNNEL_LIST, consequence: 'no IPsec SAs listed: SPIs, rekey overlaps and lifetimes cannot be checked on this end' });
  if (!has(GATEWAY_LIST)) state.missing.push({ command: GATEWAY_LIST, consequence: 'no IKE SAs listed: ike-sa-missing is not checked on this end' });
  // IKE SAs are linked to their tunnel by name (FortiOS prints no SPI link between the two listings)
  for (const c of state.childSas) {
    const ike = state.ikeSas.filter((x) => x.name === c.tunnel && x.established);
    if (ike.length) c.ike = ike[ike.length - 1].id;
  }
  state.shows = { spis: has(TUNNEL_LIST), selectors: has(TUNNEL_LIST), ikeSas: has(GATEWAY_LIST), childSas: has(TUNNEL_LIST) };
  return state;
}

/** Advice text only (never sent). FortiOS flushes per tunnel: the SAs of this phase1-interface are renegotiated. */
export function fortigateClear(target: ClearTarget): string | undefined {
  if (target.kind === 'ike') return target.sa.name ? `diagnose vpn ike gateway clear name ${target.sa.name}` : undefined;
  return target.sa.tunnel ? `diagnose vpn tunnel flush ${target.sa.tunnel}` : undefined;
}

export function detectFortigateState(text: string): number {
  const head = text.slice(0, 65536);
  if (/^name=\S+ ver=\d serial=\d+ /m.test(head) || /^list all ipsec tunnel in vd \d+\s*$/m.test(head)) return 0.95;
  if (/^[ \t]*id\/spi: \d+ [0-9a-f]+\/[0-9a-f]+\s*$/m.test(head) && /^lifetime\/rekey: /m.test(head.replace(/^[ \t]+/gm, ''))) return 0.9;
  if (/diag(nose)? vpn (tunnel|ike gateway) list/.test(head)) return 0.7;
  if (/^gateway\s*\n\s*name: '/m.test(head)) return 0.6;
  return 0;
}

export const fortigateState: StateReader = {
  commands: [
    { command: TUNNEL_LIST, lists: 'child' },
    { command: GATEWAY_LIST, lists: 'ike' },
  ],
  detect: (text) => detectFortigateState(text),
  read: readFortigateState,
  clear: (target) => fortigateClear(target),
};
