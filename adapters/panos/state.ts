/**
 * PAN-OS SA listings, as a saved CLI session, a live collection or XML API answers:
 *
 * - `show vpn ike-sa`: an "IKEv1 phase-1 SAs" table (`GwID/client IP  Peer-Address  Gateway Name
 *   Role Mode Algorithm Established Expiration V ST Xt Phase2`), an "IKEv1 phase-2 SAs" table (the
 *   same SAs `show vpn ipsec-sa` lists, read from there), and the IKEv2 part;
 * - `show vpn ipsec-sa`: one row per tunnel (`GwID/client IP  TnID  Peer-Address  Tunnel(Gateway)
 *   Algorithm SPI(in) SPI(out) life(Sec/KB) remain-time(Sec)`);
 * - the XML API answers to `<show><vpn><ike-sa/></vpn></show>` and `<show><vpn><ipsec-sa/></vpn></show>`
 *   (`<response status="success"><result>` with one `<entry>` per gateway / per tunnel, SPIs in decimal).
 *
 * The real shapes: the CLI tables printed by a PA-VM on PAN-OS 11.0 in the VyOS documentation
 * (docs/configexamples/ipsec-pa-route-based.rst, fixtures/state/panos/), and the XML answers in
 * gregfoletta/Device-Firewall-PaloAlto's tests (real-configs/state/panos/). No real sample of an
 * IKEv2 SA row or of `show vpn flow` was found: IKEv2 rows are reported as not read, never guessed.
 * Keys are never printed by these commands. Mapping and assumptions: README.md ("Runtime state").
 */
import { note, warn } from '../../src/model/diagnostics.js';
import { ParseError } from '../../src/model/errors.js';
import {
  type ChildSa,
  type ClearTarget,
  emptyState,
  type IkeSa,
  type NegotiatedProposal,
  normalizeSpi,
  type SaState,
  type StateReader,
} from '../../src/model/state.js';
import { lineAt, observe, promptCommand } from '../../src/model/state-text.js';

type Kind = 'ike' | 'ipsec';

const COMMAND: Record<Kind, string> = { ike: 'show vpn ike-sa', ipsec: 'show vpn ipsec-sa' };

/** The listing's own lines, for pastes without the prompt. */
const BARE: Array<[Kind, RegExp]> = [
  ['ike', /^\s*(?:IKEv1 phase-1 SAs|There is no IKEv1 phase-1 SA found\.?)\s*$/],
  ['ipsec', /^\s*GwID\/client IP\s+TnID\s+Peer-Address\s+Tunnel\(Gateway\)/],
];

interface Listing {
  kind: Kind;
  cmdAt: number;
  from: number;
  to: number;
}

function kindOf(command: string): Kind | undefined {
  if (/^show vpn ike-sa(?:\s|$)/.test(command)) return 'ike';
  if (/^show vpn ipsec-sa(?:\s|$)/.test(command)) return 'ipsec';
  return undefined;
}

function cut(lines: string[]): { listings: Listing[]; hosts: string[] } {
  const starts: Array<{ kind: Kind | 'other'; cmdAt: number; from: number }> = [];
  const hosts: string[] = [];
  lines.forEach((line, i) => {
    const p = /@/.test(line) ? promptCommand(line) : undefined;
    if (p && /^[\w.-]+@[\w.-]+(?:\([\w-]+\))?>/.test(line.trim())) {
      if (p.host) hosts.push(p.host);
      starts.push({ kind: kindOf(p.command) ?? 'other', cmdAt: i, from: i + 1 });
      return;
    }
    const bare = BARE.find(([, re]) => re.test(line));
    if (!bare) return;
    const prev = starts[starts.length - 1];
    if (prev && (prev.kind === bare[0] || prev.kind === 'other')) return;
    starts.push({ kind: bare[0], cmdAt: i, from: i });
  });
  const listings: Listing[] = [];
  starts.forEach((s, k) => {
    if (s.kind !== 'other') listings.push({ kind: s.kind, cmdAt: s.cmdAt, from: s.from, to: starts[k + 1]?.cmdAt ?? lines.length });
  });
  return { listings, hosts };
}

// --- algorithms as the listings print them ----------------------------------------------------

/** `A128`, `A192`, `A256`, `3DES`, `DES` (the CLI and XML short forms); `AES` without its size is not guessed */
function encryptionName(token: string): string | undefined {
  const t = token.trim().toUpperCase();
  const aes = /^A(128|192|256)$/.exec(t);
  if (aes) return `aes${aes[1]}`;
  if (t === '3DES') return '3des';
  if (t === 'DES') return 'des';
  return undefined;
}

/** `SHA1`, `SHA256`, `SHA384`, `SHA512`, `MD5` */
function integrityName(token: string): string | undefined {
  const t = token.trim().toUpperCase();
  if (t === 'MD5') return 'md5';
  const m = /^SHA(1|256|384|512)$/.exec(t);
  return m ? `sha${m[1]}` : undefined;
}

/** IKE `PSK/DH14/A128/SHA1` (CLI) or `PSK/ DH2/ AES/SHA1` (XML): authentication, group, cipher, hash. */
function ikeProposal(raw: string): NegotiatedProposal {
  const parts = raw.split('/').map((p) => p.trim());
  const p: NegotiatedProposal = { raw };
  const dh = parts.map((x) => /^DH(\d+)$/i.exec(x)).find(Boolean);
  if (dh) p.dhGroup = Number(dh[1]);
  const enc = parts.map(encryptionName).find(Boolean);
  if (enc) p.encryption = enc;
  const integ = parts.map(integrityName).find(Boolean);
  if (integ) p.integrity = integ;
  return p;
}

/** IPsec `ESP/A256/SHA256` (CLI) or `<enc>A128</enc>` + `<hash>SHA1</hash>` (XML). */
function childProposal(raw: string, enc: string | undefined, hash: string | undefined): NegotiatedProposal {
  const p: NegotiatedProposal = { raw };
  const e = enc ? encryptionName(enc) : undefined;
  const i = hash ? integrityName(hash) : undefined;
  if (e) p.encryption = e;
  if (i) p.integrity = i;
  return p;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jul.31 01:35:00` → seconds since Jan 1 of a year without a leap day (the listing prints no year). */
function stamp(text: string): number | undefined {
  const m = /^([A-Z][a-z]{2})\.(\d{1,2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]) : -1;
  if (!m || month < 0) return undefined;
  return Date.UTC(2001, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) / 1000 - Date.UTC(2001, 0, 1) / 1000;
}

/** The IKE SA's whole lifetime: Expiration − Established (across a new year: one year added). */
function ikeLifetime(established: string, expires: string): number | undefined {
  const a = stamp(established);
  const b = stamp(expires);
  if (a === undefined || b === undefined) return undefined;
  return b >= a ? b - a : b + 365 * 86400 - a;
}

// --- the CLI tables ---------------------------------------------------------------------------

const STAMP = String.raw`[A-Z][a-z]{2}\.\d{1,2} \d{2}:\d{2}:\d{2}`;
const IKE_V1_ROW = new RegExp(
  String.raw`^\s*(\S+)\s+(\S+)\s+(.+?)\s+(Init|Resp)\s+(\S+)\s+(\S+)\s+(${STAMP})\s+(${STAMP})\s+(v\d)\s+(\d+)\s+(\d+)\s+(\d+)\s*$`,
);
const IPSEC_ROW = /^\s*(\S+)\s+(\d+)\s+(\S+)\s+(.+)\(([^()]+)\)\s+((?:ESP|AH)\/(\S*)\/(\S*))\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})\s+(\d+)\/(\S+)\s+(\d+)\s*$/;

function readIkeCli(lines: string[], l: Listing, file: string, state: SaState): void {
  let section: 'v1p1' | 'v1p2' | 'v2' | undefined;
  for (let i = l.from; i < l.to; i++) {
    const line = lines[i];
    if (/^\s*IKEv1 phase-1 SAs\s*$/.test(line)) section = 'v1p1';
    else if (/^\s*IKEv1 phase-2 SAs\s*$/.test(line)) section = 'v1p2';
    else if (/^\s*IKEv2\b.*SAs?\s*$/.test(line) && !/no IKEv2 SA/i.test(line)) {
      section = 'v2';
      warn(state, 'IKEv2 SAs are listed but not read: no real sample of their rows was found to read them by', lineAt(file, i));
    }
    if (section !== 'v1p1') continue;
    const m = IKE_V1_ROW.exec(line);
    if (!m) continue;
    const at = lineAt(file, i);
    const [, gwid, peer, name, role, mode, algo, established, expires, , st] = m;
    const sa: IkeSa = {
      id: gwid,
      name: name.trim(),
      at,
      version: 1,
      // a phase-1 row with its Established time is an SA in use; ST is PAN-OS's own state code
      state: observe(`${mode} ST ${st}`, `ST ${st}`, at),
      established: true,
      remoteAddress: peer,
      initiator: role === 'Init',
      proposal: ikeProposal(algo),
      timers: {},
    };
    const life = ikeLifetime(established, expires);
    if (life !== undefined) sa.timers.lifetimeSeconds = observe(life, `${established} → ${expires}`, at);
    state.ikeSas.push(sa);
  }
}

function readIpsecCli(lines: string[], l: Listing, file: string, state: SaState): void {
  for (let i = l.from; i < l.to; i++) {
    const m = IPSEC_ROW.exec(lines[i]);
    if (!m) continue;
    const at = lineAt(file, i);
    const [, gwid, tnid, peer, tunnel, gateway, algo, enc, hash, spiIn, spiOut, life, kb, remain] = m;
    const protocol = algo.startsWith('AH') ? 'ah' : 'esp';
    const child: ChildSa = {
      id: `${tunnel.trim()} TnID ${tnid}`,
      name: tunnel.trim(),
      tunnel: tunnel.trim(),
      ike: gwid,
      at,
      remoteAddress: peer,
      localSelectors: [],
      remoteSelectors: [],
      proposal: childProposal(algo, enc, hash),
      inbound: [{ spi: normalizeSpi(spiIn), raw: spiIn, at, protocol }],
      outbound: [{ spi: normalizeSpi(spiOut), raw: spiOut, at, protocol }],
      timers: {
        lifetimeSeconds: observe(Number(life), `${life}/${kb}`, at),
        expireSeconds: observe(Number(remain), remain, at),
      },
      reqid: `${gateway}/${tnid}`,
    };
    // the SA was installed life − remain seconds before the capture (remain-time counts down the hard lifetime: assumed, README)
    if (Number(life) >= Number(remain)) child.timers.ageSeconds = observe(Number(life) - Number(remain), `${life} − ${remain}`, at);
    if (/^\d+$/.test(kb)) child.timers.lifetimeKilobytes = observe(Number(kb), kb, at);
    state.childSas.push(child);
  }
}

// --- the XML API answers ----------------------------------------------------------------------

interface XmlEntry {
  fields: Record<string, string>;
  line: number;
}

/** The flat `<entry>` elements of one `<response>`: each child element's text, trimmed. */
function xmlEntries(text: string, from: number, to: number): XmlEntry[] {
  const out: XmlEntry[] = [];
  const body = text.slice(from, to);
  for (const e of body.matchAll(/<entry>([\s\S]*?)<\/entry>/g)) {
    const fields: Record<string, string> = {};
    for (const f of e[1].matchAll(/<([\w-]+)>([^<]*)<\/\1>/g)) fields[f[1]] = f[2].trim();
    out.push({ fields, line: text.slice(0, from + (e.index ?? 0)).split('\n').length });
  }
  return out;
}

function readXml(text: string, file: string, state: SaState): Set<Kind> {
  const seen = new Set<Kind>();
  for (const r of text.matchAll(/<response\b[^>]*>[\s\S]*?<\/response>/g)) {
    const from = r.index ?? 0;
    const responseLine = text.slice(0, from).split('\n').length;
    const status = /<response\s[^>]*status="([^"]*)"/.exec(r[0])?.[1];
    if (status && status !== 'success') {
      warn(state, `an XML API answer with status="${status}" is not read`, { file, line: responseLine });
      continue;
    }
    const entries = xmlEntries(text, from, from + r[0].length);
    const kind: Kind | undefined = /<i_spi>/.test(r[0]) || /<ntun>/.test(r[0]) ? 'ipsec' : /<gwid>/.test(r[0]) && /<algo>/.test(r[0]) ? 'ike' : undefined;
    if (!kind) continue;
    seen.add(kind);
    state.listings.push({ command: COMMAND[kind], at: { file, line: responseLine } });
    for (const { fields: f, line } of entries) {
      const at = { file, line };
      if (kind === 'ike') {
        const sa: IkeSa = {
          id: f.gwid ?? f.name ?? String(line),
          name: f.name,
          at,
          state: observe(f.mode ?? '', f.mode ?? '', at),
          established: Boolean(f.created),
          initiator: f.role === 'Init',
          timers: {},
        };
        if (f.algo) sa.proposal = ikeProposal(f.algo);
        if (sa.proposal && !sa.proposal.encryption && /\bAES\b/i.test(f.algo ?? ''))
          note(state, `IKE SA ${sa.name}: \`${f.algo}\` names AES without its key size: the cipher is not compared`, at);
        const life = f.created && f.expires ? ikeLifetime(f.created, f.expires) : undefined;
        if (life !== undefined) sa.timers.lifetimeSeconds = observe(life, `${f.created} → ${f.expires}`, at);
        state.ikeSas.push(sa);
        continue;
      }
      const protocol = /^AH$/i.test(f.proto ?? '') ? 'ah' : 'esp';
      const child: ChildSa = {
        id: `${f.name} TnID ${f.tid}`,
        name: f.name,
        tunnel: f.name,
        ike: f.gwid,
        at,
        localSelectors: [],
        remoteSelectors: [],
        proposal: childProposal(`${f.proto ?? ''}/${f.enc ?? ''}/${f.hash ?? ''}`, f.enc, f.hash),
        inbound: [{ spi: f.i_spi ? normalizeSpi(f.i_spi, true) : undefined, raw: f.i_spi ?? '', at, protocol }],
        outbound: [{ spi: f.o_spi ? normalizeSpi(f.o_spi, true) : undefined, raw: f.o_spi ?? '', at, protocol }],
        timers: {},
        reqid: `${f.gateway}/${f.tid}`,
      };
      if (f.remote) child.remoteAddress = f.remote;
      // <life> and <kb> are the CLI's life(Sec/KB) column by name (assumed, README); 0 KB = unlimited
      if (f.life && /^\d+$/.test(f.life)) child.timers.lifetimeSeconds = observe(Number(f.life), f.life, at);
      if (f.kb && /^[1-9]\d*$/.test(f.kb)) child.timers.lifetimeKilobytes = observe(Number(f.kb), f.kb, at);
      state.childSas.push(child);
    }
  }
  return seen;
}

// --- the whole listing ------------------------------------------------------------------------

export function readPanosState(text: string, file: string): SaState {
  const state = emptyState('panos', file);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const kinds = new Set<Kind>();
  if (/<response\b/.test(text)) for (const k of readXml(text, file, state)) kinds.add(k);
  const { listings, hosts } = cut(lines);
  for (const kind of ['ike', 'ipsec'] as const) {
    const of = listings.filter((x) => x.kind === kind);
    if (!of.length) continue;
    const l = of[of.length - 1];
    if (of.length > 1) note(state, `\`${COMMAND[kind]}\` appears ${of.length} times (lines ${of.map((x) => x.cmdAt + 1).join(', ')}): the last one is read`);
    state.listings.push({ command: COMMAND[kind], at: lineAt(file, l.cmdAt) });
    kinds.add(kind);
    if (kind === 'ike') readIkeCli(lines, l, file, state);
    else readIpsecCli(lines, l, file, state);
  }
  if (!kinds.size) {
    throw new ParseError(file, 1, `expected the output of \`${COMMAND.ike}\` or \`${COMMAND.ipsec}\` (or their XML API answers), found neither`);
  }
  const distinct = [...new Set(hosts)];
  if (distinct.length) state.hostname = distinct[distinct.length - 1];
  if (!kinds.has('ike')) state.missing.push({ command: COMMAND.ike, consequence: 'no IKE SAs listed: ike-sa-missing is not checked on this end' });
  if (!kinds.has('ipsec')) state.missing.push({ command: COMMAND.ipsec, consequence: 'no IPsec SAs listed: stale-sa cannot be checked on this end' });
  // a child names its gateway's GwID: it hangs under that IKE SA only when the listing has it
  for (const c of state.childSas) if (c.ike && !state.ikeSas.some((s) => s.id === c.ike)) delete c.ike;
  // neither listing prints the proxy IDs (traffic selectors) of a tunnel
  state.shows = { spis: kinds.has('ipsec'), selectors: false, ikeSas: kinds.has('ike'), childSas: kinds.has('ipsec') };
  return state;
}

export function detectPanosState(text: string): number {
  const head = text.slice(0, 65536);
  // `^[ \t]*`, not `^\s*`: under /m, \s* ran over every following blank line from each line start (quadratic)
  if (/^[ \t]*GwID\/client IP\s+TnID\s+Peer-Address\s+Tunnel\(Gateway\)/m.test(head) || /^[ \t]*IKEv1 phase-1 SAs[ \t]*\r?$/m.test(head)) return 0.95;
  if (/<response\b[^>]*>/.test(head) && (/<i_spi>\d+<\/i_spi>/.test(head) || (/<gwid>\d+<\/gwid>/.test(head) && /<algo>/.test(head)))) return 0.95;
  if (/^[\w.-]+@[\w.-]+(?:\([\w-]+\))?> show vpn (?:ike|ipsec)-sa\b/m.test(head)) return 0.9;
  return 0;
}

/**
 * Advice only (never sent): PAN-OS clears the SAs of one IPsec tunnel or of one IKE gateway by name
 * (`clear vpn ipsec-sa tunnel NAME`, `clear vpn ike-sa gateway NAME`: the CLI form of the XML API
 * commands `<clear><vpn><ipsec-sa><tunnel>` / `<ike-sa><gateway>` PowerAlto sends).
 */
export function panosClear(target: ClearTarget): string | undefined {
  if (target.kind === 'ike') return target.sa.name ? `clear vpn ike-sa gateway ${target.sa.name}` : undefined;
  return target.sa.tunnel ? `clear vpn ipsec-sa tunnel ${target.sa.tunnel}` : undefined;
}

export const panosState: StateReader = {
  commands: [
    { command: COMMAND.ike, lists: 'ike' },
    { command: COMMAND.ipsec, lists: 'child' },
  ],
  detect: (text) => detectPanosState(text),
  read: readPanosState,
  clear: (target) => panosClear(target),
};
