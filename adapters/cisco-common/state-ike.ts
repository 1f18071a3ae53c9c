/**
 * The IKE side of the Cisco listings, and the session summaries:
 * - `show crypto ikev2 sa [detail]` (ASA: with its CHILD_SAs and their SPIs; IOS-XE: with IKE SPIs)
 * - ASA `show crypto ikev1 sa [detail]`, IOS `show crypto isakmp sa [detail]`
 * - IOS `show crypto session detail`, ASA `show vpn-sessiondb detail l2l` (no SPIs in either)
 * Real forms: genieparser asa/iosxe ShowCryptoIkev2Sa…, ShowCryptoIsakmpSa…, ShowCryptoSessionDetail;
 * ntc-templates cisco_asa_show_crypto_ikev1_sa_detail, cisco_asa_show_vpn-sessiondb_detail_l2l*,
 * cisco_ios_show_crypto_session_detail; summerice7 captures (../shared/real-configs/SOURCES.md).
 */
import { canonicalCidr, maskToPrefix } from '../../src/model/net.js';
import type { ChildSa, IkeSa, NegotiatedProposal, SaState } from '../../src/model/state.js';
import { normalizeIkeSpi, normalizeSpi } from '../../src/model/state.js';
import { clockToSeconds, compactToSeconds, lineAt, observe } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';
import { canonicalEncryption, canonicalIntegrity, canonicalPrf } from '../../src/model/vocab.js';
import { addressPortRange } from './state-ipsec.js';

/** `Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:21, …` / ASA `Encr: 3DES, Hash: SHA96, DH Grp:2, …`. */
function encrLine(text: string): NegotiatedProposal {
  const p: NegotiatedProposal = { raw: text };
  const field = (name: string) => new RegExp(`${name}:\\s*([^,]+)`).exec(text)?.[1].trim();
  const encr = field('Encr');
  const keysize = field('keysize');
  if (encr) {
    const e = encr.toLowerCase();
    let name: string | undefined;
    if (e === 'aes-cbc') name = `aes${keysize ?? '128'}`;
    else if (e === 'aes-gcm') name = `aes${keysize ?? '128'}gcm16`;
    else name = canonicalEncryption(e);
    if (name) p.encryption = name;
  }
  const hash = field('Hash');
  if (hash) {
    const h = hash.toLowerCase();
    const integ =
      h === 'none'
        ? 'none'
        : canonicalIntegrity(
            h
              .replace(/96$/, '1')
              .replace(/^sha1$/, 'sha1')
              .replace(/^sha$/, 'sha1'),
          );
    if (integ) p.integrity = integ;
  }
  const prf = field('PRF');
  if (prf) {
    const f = canonicalPrf(prf.toLowerCase());
    if (f) p.prf = f;
  }
  const dh = /DH Grp:\s*(\d+)/.exec(text);
  if (dh) p.dhGroup = Number(dh[1]);
  return p;
}

function addrPort(text: string): { address: string; port: number } | undefined {
  const m = /^(\S+)\/(\d+)$/.exec(text.trim());
  return m ? { address: m[1], port: Number(m[2]) } : undefined;
}

/** `show crypto ikev2 sa [detail]` (ASA and IOS forms). */
export function readIkev2Sa(lines: string[], from: number, to: number, file: string, state: SaState, withChildren: boolean): void {
  let ike: IkeSa | undefined;
  let child: ChildSa | undefined;
  let childN = 0;
  const newIke = (id: string, at: SourceRef, status: string): IkeSa => {
    const sa: IkeSa = { id: `tunnel-id ${id}`, at, version: 2, state: observe(status, status, at), established: /^READY$/i.test(status), timers: {} };
    state.ikeSas.push(sa);
    child = undefined;
    return sa;
  };
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    if (t === '') continue;
    const at = lineAt(file, i);
    // ASA: `38557965 101.100.1.1/500  202.106.1.1/500  READY  RESPONDER`
    let m = /^(\d+)\s+(\S+\/\d+)\s+(\S+\/\d+)\s+([A-Z-]+)\s+(INITIATOR|RESPONDER)$/i.exec(t);
    if (m) {
      ike = newIke(m[1], at, m[4]);
      const l = addrPort(m[2]);
      const r = addrPort(m[3]);
      if (l) Object.assign(ike, { localAddress: l.address, localPort: l.port });
      if (r) Object.assign(ike, { remoteAddress: r.address, remotePort: r.port });
      ike.initiator = /^INITIATOR$/i.test(m[5]);
      continue;
    }
    // IOS: `1  10.146.0.154/500  107.90.29.85/500  gre/gre  READY`
    m = /^(\d+)\s+(\S+\/\d+)\s+(\S+\/\d+)\s+(\S+\/\S+)\s+([A-Z-]+)$/.exec(t);
    if (m) {
      ike = newIke(m[1], at, m[5]);
      const l = addrPort(m[2]);
      const r = addrPort(m[3]);
      if (l) Object.assign(ike, { localAddress: l.address, localPort: l.port });
      if (r) Object.assign(ike, { remoteAddress: r.address, remotePort: r.port });
      continue;
    }
    // IOS IPv6: `1  none/none  READY`, then `Local  addr/port`, `Remote  addr/port`
    m = /^(\d+)\s+(\S+\/\S+)\s+([A-Z-]+)$/.exec(t);
    if (m) {
      ike = newIke(m[1], at, m[3]);
      continue;
    }
    if (!ike) continue;
    m = /^(Local|Remote)\s+(\S+\/\d+)$/.exec(t);
    if (m) {
      const a = addrPort(m[2]);
      if (a && m[1] === 'Local') Object.assign(ike, { localAddress: a.address, localPort: a.port });
      if (a && m[1] === 'Remote') Object.assign(ike, { remoteAddress: a.address, remotePort: a.port });
      continue;
    }
    if (/^Encr: /.test(t)) {
      ike.proposal = encrLine(t);
      continue;
    }
    m = /^Life\/Active Time: (\d+)\/(\d+) sec$/.exec(t);
    if (m) {
      ike.timers.lifetimeSeconds = observe(Number(m[1]), t, at);
      ike.timers.ageSeconds = observe(Number(m[2]), t, at);
      continue;
    }
    m = /^Local spi: ([0-9A-F]{16})\s+Remote spi: ([0-9A-F]{16})$/i.exec(t);
    if (m) {
      const l = normalizeIkeSpi(m[1]);
      const r = normalizeIkeSpi(m[2]);
      // IOS prints its own SPI first: which is the initiator's follows `Initiator of SA`
      if (l && r) ike.spis = { initiator: l, responder: r };
      continue;
    }
    m = /^Initiator of SA : (Yes|No)$/.exec(t);
    if (m) {
      ike.initiator = m[1] === 'Yes';
      if (ike.spis && !ike.initiator) ike.spis = { initiator: ike.spis.responder, responder: ike.spis.initiator };
      continue;
    }
    m = /^Local id: (.+)$/.exec(t);
    if (m) {
      ike.localId = m[1];
      continue;
    }
    m = /^Remote id: (.+)$/.exec(t);
    if (m) {
      ike.remoteId = m[1];
      continue;
    }
    m = /^NAT-T is (not )?detected/.exec(t);
    if (m) {
      ike.natt = observe(!m[1], t, at);
      continue;
    }
    // ASA children: `Child sa: local selector  A/p - B/p`, `remote selector …`, `ESP spi in/out: 0x…/0x…`
    m = /^Child sa: local selector\s+(.+)$/.exec(t);
    if (m && withChildren) {
      childN++;
      child = {
        id: `${ike.id} child ${childN}`,
        ike: ike.id,
        tunnel: ike.remoteAddress ?? ike.id,
        at,
        localSelectors: addressPortRange(m[1]) ?? [],
        remoteSelectors: [],
        inbound: [],
        outbound: [],
        timers: {},
      };
      if (ike.localAddress) child.localAddress = ike.localAddress;
      if (ike.remoteAddress) child.remoteAddress = ike.remoteAddress;
      state.childSas.push(child);
      continue;
    }
    if (!child) continue;
    m = /^remote selector\s+(.+)$/.exec(t);
    if (m) {
      child.remoteSelectors = addressPortRange(m[1]) ?? [];
      continue;
    }
    m = /^(ESP|AH) spi in\/out: (0x[0-9a-f]+)\/(0x[0-9a-f]+)$/i.exec(t);
    if (m) {
      const protocol = m[1].toLowerCase() as 'esp' | 'ah';
      const inSpi = normalizeSpi(m[2]);
      const outSpi = normalizeSpi(m[3]);
      child.inbound.push(inSpi ? { spi: inSpi, raw: m[2], at, protocol } : { raw: m[2], at, protocol });
      child.outbound.push(outSpi ? { spi: outSpi, raw: m[3], at, protocol } : { raw: m[3], at, protocol });
    }
  }
}

/** ASA `show crypto ikev1 sa [detail]`: the `N   IKE Peer: X` blocks and the detail table rows. */
export function readAsaIkev1Sa(lines: string[], from: number, to: number, file: string, state: SaState): void {
  let ike: IkeSa | undefined;
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    const at = lineAt(file, i);
    let m = /^(\d+)\s+IKE Peer: (\S+)$/.exec(t);
    if (m) {
      ike = { id: `ikev1 ${m[1]} ${m[2]}`, at, version: 1, remoteAddress: m[2], state: observe('', '', at), established: false, timers: {} };
      state.ikeSas.push(ike);
      continue;
    }
    // table: `1 209.165.200.225 User  Resp  No   AM_Active  3des    SHA   preshrd 86400`
    m = /^(\d+)\s+(\S+)\s+(User|L2L|\S+)\s+(Init|Resp)\s+(Yes|No)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)$/.exec(t);
    if (m) {
      ike = {
        id: `ikev1 ${m[1]} ${m[2]}`,
        at,
        version: 1,
        remoteAddress: m[2],
        initiator: m[4] === 'Init',
        state: observe(m[6], m[6], at),
        established: /^(MM|AM)_ACTIVE$/i.test(m[6]),
        timers: { lifetimeSeconds: observe(Number(m[10]), m[10], at) },
      };
      const enc = canonicalEncryption(m[7]);
      const integ = canonicalIntegrity(m[8]);
      ike.proposal = { raw: `${m[7]} ${m[8]}`, ...(enc ? { encryption: enc } : {}), ...(integ ? { integrity: integ } : {}) };
      state.ikeSas.push(ike);
      ike = undefined;
      continue;
    }
    if (!ike) continue;
    for (const pair of t.matchAll(/(Role|State|Rekey|Lifetime Remaining|Lifetime|Encrypt|Hash)\s*:\s*(\S+)/g)) {
      const [, key, value] = pair;
      if (key === 'Role') ike.initiator = value === 'initiator';
      else if (key === 'State') {
        ike.state = observe(value, value, at);
        ike.established = /^(MM|AM)_ACTIVE$/i.test(value);
      } else if (key === 'Lifetime') ike.timers.lifetimeSeconds = observe(Number(value), `Lifetime: ${value}`, at);
      else if (key === 'Lifetime Remaining') ike.timers.expireSeconds = observe(Number(value), `Lifetime Remaining: ${value}`, at);
    }
  }
}

/** IOS `show crypto isakmp sa [detail]`: dst/src or C-id/Local/Remote tables, IPv4 and IPv6. */
export function readIosIsakmpSa(lines: string[], from: number, to: number, file: string, state: SaState): void {
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    const at = lineAt(file, i);
    // `100.0.10.2      100.13.220.2    QM_IDLE          29609 ACTIVE (deleted)`
    let m = /^([0-9a-f.:]+)\s+([0-9a-f.:]+)\s+([A-Z_]+)\s+(\d+)\s+(ACTIVE|STDBY|\S+)(.*)$/i.exec(t);
    if (m && /[.:]/.test(m[1]) && !/^\d+$/.test(m[1])) {
      const deleted = /deleted/.test(m[6]);
      state.ikeSas.push({
        id: `conn-id ${m[4]}`,
        at,
        version: 1,
        // the table's dst/src are responder/initiator, not remote/local: oriented later from the local addresses
        remoteAddress: m[1],
        localAddress: m[2],
        state: observe(`${m[3]} ${m[5]}${m[6]}`.trim(), t, at),
        established: m[3] === 'QM_IDLE' && m[5] === 'ACTIVE' && !deleted,
        timers: {},
      });
      continue;
    }
    // detail: `29609 100.0.10.2  100.13.220.2  RED  ACTIVE aes sha psk 16 00:01:47 D`
    m = /^(\d+)\s+([0-9a-f.:]+)\s+([0-9a-f.:]+)\s+(?:(\S+)\s+)?(ACTIVE|STDBY|\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\d+:\d{2}:\d{2})\s*(\S*)$/i.exec(t);
    if (m) {
      const left = clockToSeconds(m[10]);
      const enc = canonicalEncryption(m[6]);
      const integ = canonicalIntegrity(m[7]);
      const proposal: NegotiatedProposal = { raw: `${m[6]} ${m[7]} ${m[8]} ${m[9]}`, dhGroup: Number(m[9]) };
      if (enc) proposal.encryption = enc;
      if (integ) proposal.integrity = integ;
      state.ikeSas.push({
        id: `conn-id ${m[1]}`,
        at,
        version: 1,
        localAddress: m[2],
        remoteAddress: m[3],
        state: observe(m[5], m[5], at),
        established: m[5] === 'ACTIVE',
        proposal,
        timers: left === undefined ? {} : { expireSeconds: observe(left, `Lifetime ${m[10]}`, at) },
      });
    }
  }
}

/** `permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0`, `permit 47 host 2.2.2.2 host 1.1.1.1` → protocol and both sides. */
function flowSelectors(text: string): { protocol: number; local: string[]; remote: string[] } | undefined {
  const m = /^permit (\S+) (.+)$/.exec(text.trim());
  if (!m) return undefined;
  const protocol = m[1] === 'ip' ? 0 : /^\d+$/.test(m[1]) ? Number(m[1]) : ({ tcp: 6, udp: 17, gre: 47, icmp: 1 } as Record<string, number>)[m[1]];
  const words = m[2].split(/\s+/);
  const sides: string[] = [];
  for (let i = 0; i < words.length && sides.length < 2; i++) {
    if (words[i] === 'host') {
      const c = canonicalCidr(words[++i] ?? '');
      if (c) sides.push(c);
    } else if (words[i] === 'any') sides.push('0.0.0.0/0');
    else {
      const [addr, mask] = words[i].split('/');
      const c = mask === undefined ? canonicalCidr(addr) : canonicalCidr(addr, /^\d+$/.test(mask) ? Number(mask) : maskToPrefix(mask));
      if (c) sides.push(c);
    }
  }
  return protocol === undefined || sides.length < 2 ? undefined : { protocol, local: [sides[0]], remote: [sides[1]] };
}

/** IOS `show crypto session detail`: IKE SAs (Active/Inactive) and flows with their SA count and drops. */
export function readIosCryptoSession(lines: string[], from: number, to: number, file: string, state: SaState, withChildren: boolean): void {
  let iface: string | undefined;
  let peer: { address: string; port: number } | undefined;
  let ike: IkeSa | undefined;
  let child: ChildSa | undefined;
  let n = 0;
  let flows = 0;
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    const at = lineAt(file, i);
    let m = /^Interface: (\S+)$/.exec(t);
    if (m) {
      iface = m[1];
      child = undefined;
      continue;
    }
    m = /^Peer: (\S+) port (\d+)/.exec(t);
    if (m) {
      peer = { address: m[1], port: Number(m[2]) };
      continue;
    }
    m = /^IKEv([12]) SA: local (\S+)\/(\d+) remote (\S+)\/(\d+) (Active|Inactive)$/.exec(t);
    if (m) {
      n++;
      ike = {
        id: `${iface ?? 'session'} IKEv${m[1]} SA ${n}`,
        name: iface,
        at,
        version: Number(m[1]) as 1 | 2,
        localAddress: m[2],
        localPort: Number(m[3]),
        remoteAddress: m[4],
        remotePort: Number(m[5]),
        state: observe(m[6], m[6], at),
        established: m[6] === 'Active',
        timers: {},
      };
      if (Number(m[3]) === 4500 || Number(m[5]) === 4500) ike.natt = observe(true, `${m[2]}/${m[3]}`, at);
      state.ikeSas.push(ike);
      continue;
    }
    m = /^Capabilities:(\S*) connid:(\d+) lifetime:(\S+)$/.exec(t);
    if (m && ike) {
      const left = compactToSeconds(m[3]);
      if (left !== undefined && m[3] !== '0') ike.timers.expireSeconds = observe(left, `lifetime:${m[3]}`, at);
      continue;
    }
    m = /^IPSEC FLOW: (.+)$/.exec(t);
    if (m && withChildren) {
      const sel = flowSelectors(m[1]);
      flows++;
      child = {
        id: `${iface ?? 'session'} flow ${flows}`,
        tunnel: iface ?? 'session',
        at,
        localSelectors: sel?.local ?? [],
        remoteSelectors: sel?.remote ?? [],
        inbound: [],
        outbound: [],
        timers: {},
      };
      if (sel?.protocol) child.ipProtocol = sel.protocol;
      if (ike) {
        child.ike = ike.id;
        if (ike.localAddress) child.localAddress = ike.localAddress;
      }
      if (peer) child.remoteAddress = peer.address;
      if (!sel) state.diagnostics.push({ level: 'warning', message: `IPSEC FLOW "${m[1]}" not understood`, at });
      continue;
    }
    if (!child) continue;
    m = /^Active SAs: (\d+)/.exec(t);
    if (m) {
      child.state = observe(`Active SAs: ${m[1]}`, t, at);
      if (m[1] === '0') {
        // no SA behind this flow: a policy, not an SA
        const k = state.childSas.indexOf(child);
        if (k >= 0) state.childSas.splice(k, 1);
      } else if (!state.childSas.includes(child)) state.childSas.push(child);
      continue;
    }
    m = /^(Inbound|Outbound):\s+#pkts (?:dec|enc)'ed (\d+) drop (\d+) life \(KB\/Sec\) (.+?)\/(\d+)$/.exec(t);
    if (m && state.childSas.includes(child)) {
      if (m[1] === 'Inbound' && Number(m[3]) > 0) child.counters = { ...(child.counters ?? {}), dropped: observe(Number(m[3]), t, at) };
      if (m[1] === 'Inbound') {
        child.timers.expireSeconds = observe(Number(m[5]), `life (KB/Sec) ${m[4]}/${m[5]}`, at);
        if (/^\d+$/.test(m[4])) child.timers.remainingKilobytes = observe(Number(m[4]), `life (KB/Sec) ${m[4]}/${m[5]}`, at);
      }
    }
  }
}

const SESSIONDB_KEYS =
  /(Connection|Index|IP Addr|Protocol|Encryption|Hashing|Tunnel ID|Session ID|Local Addr|Remote Addr|Encapsulation|PFS Group|Rekey Int \(T\)|Rekey Left\(T\)|Rekey Int \(D\)|Rekey Left\(D\)|D\/H Group|UDP Src Port|UDP Dst Port|Bytes Tx|Bytes Rx|Pkts Tx|Pkts Rx|IKE Neg Mode|Auth Mode|PRF|Idle Time Out|Idle TO Left|Login Time|Duration)\s*:/g;

/** One `Key : value   Key : value` line of vpn-sessiondb → pairs (values may hold single and double spaces). */
function sessiondbPairs(line: string): Array<[string, string]> {
  const hits = [...line.matchAll(SESSIONDB_KEYS)];
  return hits.map((h, k) => [h[1], line.slice(h.index! + h[0].length, hits[k + 1]?.index ?? line.length).trim()]);
}

function addrMask(text: string): string | undefined {
  const [addr, mask] = text.split('/');
  const prefix = mask === undefined ? undefined : /^\d+$/.test(mask) && !mask.includes('.') ? Number(mask) : maskToPrefix(mask);
  return prefix === undefined ? undefined : canonicalCidr(addr, prefix);
}

/** ASA `show vpn-sessiondb detail l2l`: per peer the IKE tunnel and the IPsec tunnels (one per selector pair), without SPIs. */
export function readAsaSessiondb(lines: string[], from: number, to: number, file: string, state: SaState, withChildren: boolean): void {
  let peer: string | undefined;
  let section: 'ike' | 'ipsec' | undefined;
  let ike: IkeSa | undefined;
  let child: ChildSa | undefined;
  // a block printed again (ntc's l2l sample repeats the listing) counts once
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    const at = lineAt(file, i);
    if (/^Session Type: /.test(t)) continue;
    const head = /^(IKE|IKEv1|IKEv2|IPsec|IPSec|IPsecOverNatT|NAC):$/.exec(t);
    if (head) {
      section = /^IKE/.test(head[1]) ? 'ike' : head[1] === 'NAC' ? undefined : 'ipsec';
      if (section === 'ike') {
        ike = {
          id: `${peer ?? '?'} ${head[1]}`,
          name: peer,
          at,
          state: observe('up', `${head[1]}:`, at),
          established: true,
          timers: {},
        };
        if (peer) ike.remoteAddress = peer;
        if (head[1] !== 'IKE') ike.version = head[1] === 'IKEv2' ? 2 : 1;
      }
      if (section === 'ipsec') {
        child = {
          id: `${peer ?? '?'} ${head[1]}`,
          tunnel: peer ?? '?',
          at,
          localSelectors: [],
          remoteSelectors: [],
          inbound: [],
          outbound: [],
          timers: {},
          udpEncapsulation: observe(head[1] === 'IPsecOverNatT', `${head[1]}:`, at),
        };
        if (peer) child.remoteAddress = peer;
        if (ike) child.ike = ike.id;
      }
      continue;
    }
    for (const [key, value] of sessiondbPairs(t)) {
      if (key === 'IP Addr') {
        peer = value;
        section = undefined;
        ike = undefined;
        child = undefined;
        continue;
      }
      const sa = section === 'ike' ? ike : section === 'ipsec' ? child : undefined;
      if (!sa) continue;
      if (key === 'Tunnel ID' || key === 'Session ID') {
        const id = `${peer ?? '?'} ${section} ${value}`;
        sa.id = id;
        if (seen.has(id)) {
          repeats++;
          if (section === 'ike') ike = undefined;
          else child = undefined;
          continue;
        }
        seen.add(id);
        if (section === 'ike') state.ikeSas.push(sa as IkeSa);
        else if (withChildren) state.childSas.push(sa as ChildSa);
        continue;
      }
      const secs = /^(\d+) Seconds$/.exec(value);
      const kb = /^(\d+) K-Bytes$/.exec(value);
      if (key === 'Rekey Int (T)' && secs) sa.timers.lifetimeSeconds = observe(Number(secs[1]), `${key}: ${value}`, at);
      else if (key === 'Rekey Left(T)' && secs) sa.timers.rekeySeconds = observe(Number(secs[1]), `${key}: ${value}`, at);
      else if (key === 'Rekey Int (D)' && kb) sa.timers.lifetimeKilobytes = observe(Number(kb[1]), `${key}: ${value}`, at);
      else if (key === 'Rekey Left(D)' && kb) sa.timers.remainingKilobytes = observe(Number(kb[1]), `${key}: ${value}`, at);
      else if (key === 'D/H Group' && section === 'ike' && /^\d+$/.test(value)) {
        (sa as IkeSa).proposal = { ...((sa as IkeSa).proposal ?? { raw: '' }), dhGroup: Number(value) };
      } else if (key === 'Encryption' || key === 'Hashing') {
        const e = value.toLowerCase().replace(/^aes-gcm-(\d+)$/, 'aes$1gcm16');
        const p = (sa as IkeSa | ChildSa).proposal ?? { raw: '' };
        p.raw = `${p.raw}${p.raw ? ' ' : ''}${value}`;
        if (key === 'Encryption') {
          const enc = canonicalEncryption(e);
          if (enc) p.encryption = enc;
        } else {
          const integ = e === 'none' ? 'none' : canonicalIntegrity(e);
          if (integ) p.integrity = integ;
        }
        (sa as IkeSa | ChildSa).proposal = p;
      } else if (key === 'UDP Src Port' && section === 'ike' && value === '4500') (sa as IkeSa).natt = observe(true, `${key}: ${value}`, at);
      else if (section === 'ipsec' && child) {
        if (key === 'Local Addr') {
          const c = addrMask(value);
          if (c) child.localSelectors = [c];
        } else if (key === 'Remote Addr') {
          const c = addrMask(value);
          if (c) child.remoteSelectors = [c];
        } else if (key === 'PFS Group' && /^\d+$/.test(value)) child.pfsGroup = observe(Number(value), `PFS Group: ${value}`, at);
        else if (key === 'Encapsulation') child.mode = /transport/i.test(value) ? 'transport' : 'tunnel';
      }
    }
  }
  if (repeats)
    state.diagnostics.push({ level: 'info', message: `${repeats} tunnel block(s) printed again in \`show vpn-sessiondb detail l2l\`: each is read once` });
}
