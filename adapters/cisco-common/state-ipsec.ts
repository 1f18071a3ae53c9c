/**
 * `show crypto ipsec sa [detail]` as the ASA and IOS print it: per interface and crypto map, one
 * block per pair of proxy identities ("ident"), with the inbound and outbound SAs of each and the
 * flow's counters. Read line by line on trimmed lines, so the unindented and the double-spaced
 * pastes of the corpus (genieparser golden outputs) read like the device's own output.
 * Real forms: ntc-templates `cisco_asa_show_crypto_ipsec_sa.raw`, `cisco_ios_show_crypto_ipsec_sa_detail*.raw`,
 * genieparser iosxe ShowCryptoIpsecSa… tests (see ../shared/real-configs/SOURCES.md).
 */
import { canonicalCidr, maskToPrefix, rangeToCidrs } from '../../src/model/net.js';
import type { ChildSa, DirectionalSa, ListedTunnel, NegotiatedProposal, SaCounters, SaState, SaTimers } from '../../src/model/state.js';
import { normalizeSpi } from '../../src/model/state.js';
import { lineAt, observe, wordsToSeconds } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';
import { canonicalEncryption, canonicalIntegrity, dhGroupNumber } from '../../src/model/vocab.js';

/** `esp-256-aes`, `esp-aes-256`, `esp-aes 256`, `esp-gcm 256`, `esp-gcm`, `esp-3des`, `esp-sha256-hmac` → the negotiated transforms. */
export function ciscoTransform(text: string): NegotiatedProposal {
  // trimEnd and a character test, not /\s*,\s*$/ (quadratic on a long run of blanks)
  const end = text.trimEnd();
  const raw = (end.endsWith(',') ? end.slice(0, -1) : end).trim();
  const p: NegotiatedProposal = { raw };
  const words = raw.split(/\s+/).filter((w) => !/^(no|compression)$/.test(w));
  for (let i = 0; i < words.length; i++) {
    let w = words[i].toLowerCase();
    if (/^\d+$/.test(words[i + 1] ?? '') && /^esp-(aes|gcm|gmac)$/.test(w)) w = `${w}-${words[++i]}`;
    const ios = /^esp-(\d+)-aes$/.exec(w);
    if (ios) w = `esp-aes-${ios[1]}`;
    if (w === 'esp-gcm') w = 'esp-gcm-128';
    const enc = canonicalEncryption(w);
    if (enc && p.encryption === undefined && !/hmac/.test(w)) {
      p.encryption = enc;
      if (/gcm|gmac/.test(enc)) p.integrity = 'none';
      continue;
    }
    const integ = canonicalIntegrity(w);
    if (integ) p.integrity = integ;
  }
  return p;
}

/** `(10.0.0.0/255.255.255.0/0/0)`, `(4180::56:0:1/128/0/12346)` → CIDR, protocol, port. */
function ident(text: string): { cidr: string; protocol: number; port: number } | undefined {
  const m = /^\((.+)\/([^/]+)\/(\d+)\/(\d+)\)$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = /^\d+$/.test(m[2]) ? Number(m[2]) : maskToPrefix(m[2]);
  const cidr = prefix === undefined ? undefined : canonicalCidr(m[1], prefix);
  return cidr ? { cidr, protocol: Number(m[3]), port: Number(m[4]) } : undefined;
}

/** `0.0.0.0/0 - 255.255.255.255/65535` (IKEv2 child selectors: address/port to address/port) → CIDRs. */
export function addressPortRange(text: string): string[] | undefined {
  const m = /^(\S+?)\/\d+ - (\S+?)\/\d+$/.exec(text.trim());
  return m ? rangeToCidrs(m[1], m[2]) : undefined;
}

const COUNTERS: Array<[RegExp, keyof SaCounters]> = [
  [/^pkts invalid sa \(rcv\)$/, 'invalidSpi'],
  [/^pkts replay failed \(rcv\)$/, 'replayFailed'],
  [/^pkts verify failed$/, 'authFailed'],
  [/^pkts decaps failed \(rcv\)$/, 'decapsFailed'],
  [/^recv errors$/, 'decapsFailed'],
  [/^pkts no sa \(send\)$/, 'noSa'],
];

function counters(line: string, at: SourceRef, into: SaCounters): void {
  for (const part of line.split(',')) {
    const m = /^#+\s*(.+?):?\s+(\d+)$/.exec(part.trim());
    if (!m) continue;
    const key = COUNTERS.find(([re]) => re.test(m[1]))?.[1];
    if (key && into[key] === undefined) into[key] = observe(Number(m[2]), part.trim(), at);
  }
}

/** `remaining key lifetime (k/sec): (4332650/3205)`, `(sec): 548`, `1 hours, 10 mins`, `is not applicable`. */
function saTiming(text: string, at: SourceRef): SaTimers | undefined {
  let m = /remaining key lifetime \((?:kB|k)\/sec\): \((\d+)\/(\d+)\)/i.exec(text);
  if (m) return { remainingKilobytes: observe(Number(m[1]), m[0], at), expireSeconds: observe(Number(m[2]), m[0], at) };
  m = /remaining key lifetime \(sec\): (\d+)/.exec(text);
  if (m) return { expireSeconds: observe(Number(m[1]), m[0], at) };
  m = /remaining key lifetime (\d+ .+)$/.exec(text);
  if (m) {
    const s = wordsToSeconds(m[1]);
    return s === undefined ? undefined : { expireSeconds: observe(s, `remaining key lifetime ${m[1]}`, at) };
  }
  return undefined;
}

interface Flow {
  child: ChildSa;
  dir?: 'in' | 'out';
  proto?: 'esp' | 'ah' | 'pcp';
  sa?: DirectionalSa;
  counters: SaCounters;
}

/**
 * Reads one `show crypto ipsec sa` listing (lines [from, to)) into `state.childSas` (flows with at
 * least one SA) and `state.tunnels` (every crypto map entry / interface shown, with or without SA).
 */
export function readCiscoIpsecSa(lines: string[], from: number, to: number, file: string, state: SaState, platform: 'asa' | 'ios'): void {
  let iface: string | undefined;
  let tag: string | undefined;
  let localAddr: string | undefined;
  let flow: Flow | undefined;
  let n = 0;
  const flows: Flow[] = [];
  const finish = () => {
    if (!flow) return;
    if (Object.keys(flow.counters).length) flow.child.counters = flow.counters;
    flows.push(flow);
    flow = undefined;
  };
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    if (t === '') continue;
    const at = lineAt(file, i);
    let m = /^interface: (\S+)$/.exec(t);
    if (m) {
      finish();
      iface = m[1];
      tag = undefined;
      n = 0;
      continue;
    }
    m = /^Crypto map tag: ([^,]+)(?:, seq num: (\d+))?, local addr:? (\S+)$/.exec(t);
    if (m) {
      finish();
      tag = m[2] ? `${m[1]} ${m[2]}` : m[1];
      localAddr = m[3];
      continue;
    }
    m = /^local\s+ident \(addr\/mask\/prot\/port\): (\(.+\))$/.exec(t);
    if (m) {
      finish();
      n++;
      const l = ident(m[1]);
      const tunnel = platform === 'ios' && iface?.startsWith('Tunnel') ? iface : (tag ?? iface ?? 'crypto');
      flow = {
        child: {
          id: `${iface ?? '?'} ${tag ?? ''} ident ${n}`.replace(/\s+/g, ' '),
          tunnel,
          at,
          localSelectors: l ? [l.cidr] : [],
          remoteSelectors: [],
          inbound: [],
          outbound: [],
          timers: {},
        },
        counters: {},
      };
      if (tag) flow.child.name = tag;
      if (l?.protocol) flow.child.ipProtocol = l.protocol;
      if (localAddr) flow.child.localAddress = localAddr;
      if (!l) state.diagnostics.push({ level: 'warning', message: `local ident "${m[1]}" not understood`, at });
      continue;
    }
    if (!flow) continue;
    const child = flow.child;
    m = /^remote\s+ident \(addr\/mask\/prot\/port\): (\(.+\))$/.exec(t);
    if (m) {
      const r = ident(m[1]);
      if (r) child.remoteSelectors = [r.cidr];
      else state.diagnostics.push({ level: 'warning', message: `remote ident "${m[1]}" not understood`, at });
      continue;
    }
    m = /^current_peer:? (\S+)(?: port (\d+))?$/.exec(t);
    if (m) {
      child.remoteAddress = m[1];
      if (m[2]) child.remotePort = Number(m[2]);
      continue;
    }
    if (t.startsWith('#')) {
      counters(t, at, flow.counters);
      continue;
    }
    m = /^local crypto endpt\.: ([^,\s]+?)(?:\/(\d+))?,(?:\s*remote crypto endpt\.: ([^,\s]+?)(?:\/(\d+))?)?$/.exec(t);
    if (m) {
      child.localAddress = m[1];
      if (m[3]) child.remoteAddress = m[3];
      if (m[4]) child.remotePort = Number(m[4]);
      continue;
    }
    m = /^remote crypto endpt\.: ([^,\s]+?)(?:\/(\d+))?$/.exec(t);
    if (m) {
      child.remoteAddress = m[1];
      if (m[2]) child.remotePort = Number(m[2]);
      continue;
    }
    m = /^PFS \(Y\/N\): ([YN]), DH group: (\S+?)(?:,.*)?$/.exec(t);
    if (m) {
      const g = m[1] === 'N' || m[2] === 'none' ? 0 : dhGroupNumber(m[2]);
      if (g !== undefined) child.pfsGroup = observe(g, t, at);
      continue;
    }
    m = /^(inbound|outbound) (esp|ah|pcp) sas:$/.exec(t);
    if (m) {
      flow.dir = m[1] === 'inbound' ? 'in' : 'out';
      flow.proto = m[2] as 'esp' | 'ah' | 'pcp';
      flow.sa = undefined;
      continue;
    }
    m = /^spi: (?:(0x[0-9a-f]+)\s*\((\d+)\)|(\[Not Available\]))$/i.exec(t);
    if (m && flow.dir && flow.proto && flow.proto !== 'pcp') {
      const sa: DirectionalSa = { raw: m[1] ?? m[3], at, protocol: flow.proto };
      const spi = m[1] ? normalizeSpi(m[1]) : undefined;
      if (spi) sa.spi = spi;
      if (m[1] && m[2] && normalizeSpi(m[2], true) !== spi) {
        state.diagnostics.push({
          level: 'warning',
          message: `spi ${m[1]} is printed with the decimal ${m[2]}, which is not the same number: the hex is used`,
          at,
        });
      }
      (flow.dir === 'in' ? child.inbound : child.outbound).push(sa);
      flow.sa = sa;
      continue;
    }
    const sa = flow.sa;
    if (!sa) continue;
    m = /^transform: (.+)$/.exec(t);
    if (m) {
      if (!child.proposal) child.proposal = ciscoTransform(m[1]);
      continue;
    }
    m = /^in use settings =\{(.*)\}$/.exec(t);
    if (m) {
      const settings = m[1].split(',').map((x) => x.trim());
      child.mode = settings.some((x) => /^Transport\b/.test(x)) ? 'transport' : 'tunnel';
      const udp = settings.some((x) => /NAT-T-Encaps|UDP-Encaps/.test(x));
      child.udpEncapsulation = observe(udp, `{${m[1]}}`, at);
      continue;
    }
    const timing = /sa timing: (.+)$/.exec(t);
    if (timing) {
      const tm = saTiming(timing[1], at);
      if (tm) sa.timers = { ...(sa.timers ?? {}), ...tm };
      continue;
    }
    m = /replay window size: (\d+)/.exec(t);
    if (m) {
      sa.replayWindow = Number(m[1]);
      continue;
    }
    m = /^(?:Status|SA State): (\S+)$/.exec(t);
    if (m) {
      sa.state = m[1];
    }
  }
  finish();
  for (const f of flows) {
    const c = f.child;
    const listed: ListedTunnel = { name: c.tunnel ?? c.id, at: c.at, localSelectors: c.localSelectors, remoteSelectors: c.remoteSelectors };
    if (c.remoteAddress) listed.remoteAddress = c.remoteAddress;
    state.tunnels.push(listed);
    if (c.inbound.length || c.outbound.length) state.childSas.push(c);
  }
}

/** The whole `show crypto ipsec sa` vocabulary, for detection. */
export const IPSEC_SA_MARKERS = /^[ \t]*(?:local\s+ident \(addr\/mask\/prot\/port\)|current outbound spi:|inbound esp sas:)/m;
