/**
 * Windows SA listings: `netsh advfirewall monitor show mmsa` / `show qmsa` (real form: KB 949856's
 * samples in the corpus; they print no SPI) and PowerShell `Get-NetIPsecMainModeSA` /
 * `Get-NetIPsecQuickModeSA` as `Format-List` or `ConvertTo-Json`. No printed PowerShell sample was
 * found anywhere (see /work/research/windows-outputs.md): those forms are read by the documented
 * property names of the CIM classes MSFT_NetMainModeSA / MSFT_NetQuickModeSA (WFasCim class
 * reference) and their documented enum values, numbers or names — README.md says what is assumed.
 * A MSFT_NetQuickModeSA instance is one direction (`InboundDirection`, `SPI`).
 */
import { ParseError } from '../../src/model/errors.js';
import {
  type ChildSa,
  type ClearTarget,
  emptyState,
  type IkeSa,
  normalizeIkeSpi,
  normalizeSpi,
  type SaState,
  type StateReader,
} from '../../src/model/state.js';
import { lineAt, observe, promptCommand } from '../../src/model/state-text.js';
import type { SourceRef } from '../../src/model/types.js';
import { dhGroupNumber } from '../../src/model/vocab.js';

const NETSH_MM = 'netsh advfirewall monitor show mmsa';
const NETSH_QM = 'netsh advfirewall monitor show qmsa';
const PS_MM = 'Get-NetIPsecMainModeSA';
const PS_QM = 'Get-NetIPsecQuickModeSA';

// documented enum values (MSFT_NetQuickModeSA / MSFT_NetIKEQMCryptoProposal / MSFT_NetMainModeSA class reference)
const CIPHER: Record<string, string> = {
  '0': 'null',
  '2': 'des',
  '6': '3des',
  '65001': 'aes128',
  '65002': 'aes192',
  '65003': 'aes256',
  '65004': 'aes128gcm16',
  '65005': 'aes192gcm16',
  '65006': 'aes256gcm16',
  none: 'null',
  des: 'des',
  '3des': '3des',
  des3: '3des',
  'aes-128': 'aes128',
  'aes-192': 'aes192',
  'aes-256': 'aes256',
  aes128: 'aes128',
  aes192: 'aes192',
  aes256: 'aes256',
  'aes-gcm-128': 'aes128gcm16',
  'aes-gcm-192': 'aes192gcm16',
  'aes-gcm-256': 'aes256gcm16',
  aesgcm128: 'aes128gcm16',
  aesgcm192: 'aes192gcm16',
  aesgcm256: 'aes256gcm16',
};
const INTEGRITY: Record<string, string> = {
  '0': 'none',
  '2': 'md5',
  '3': 'sha1',
  '65001': 'sha256',
  '65002': 'sha384',
  '65003': 'aes128gmac',
  '65004': 'aes192gmac',
  '65005': 'aes256gmac',
  none: 'none',
  md5: 'md5',
  'sha-1': 'sha1',
  sha1: 'sha1',
  'sha-256': 'sha256',
  sha256: 'sha256',
  'sha-384': 'sha384',
  sha384: 'sha384',
  'aes-gmac-128': 'aes128gmac',
  'aes-gmac-192': 'aes192gmac',
  'aes-gmac-256': 'aes256gmac',
};

function pfsGroup(v: string): number | undefined {
  const t = v.trim().toLowerCase().replace(/\s+/g, '');
  if (t === '0' || t === 'none') return 0;
  if (t === '65535' || t === 'sameasmainmode') return undefined; // PFS from the main mode: no number of its own
  const m = /^(?:dhgroup|dh)?(\d+)$/.exec(t);
  return m ? Number(m[1]) : dhGroupNumber(t);
}

// --- records: Format-List and ConvertTo-Json -------------------------------------------------------

interface Rec {
  at: SourceRef;
  props: Map<string, { value: string; at: SourceRef }>;
}

function get(r: Rec, name: string): string | undefined {
  return r.props.get(name.toLowerCase())?.value;
}

function listRecords(lines: string[], from: number, to: number, file: string): Rec[] {
  const out: Rec[] = [];
  let cur: Rec | undefined;
  for (let i = from; i < to; i++) {
    const m = /^([A-Za-z][\w.]*)\s*:\s?(.*)$/.exec(lines[i].trimEnd());
    if (!m || /^[A-Za-z]:\\/.test(lines[i])) {
      if (lines[i].trim() === '') cur = undefined;
      continue;
    }
    if (!cur || cur.props.has(m[1].toLowerCase())) {
      cur = { at: lineAt(file, i), props: new Map() };
      out.push(cur);
    }
    cur.props.set(m[1].toLowerCase(), { value: m[2].trim(), at: lineAt(file, i) });
  }
  return out;
}

function jsonRecords(lines: string[], from: number, to: number, file: string): Rec[] | undefined {
  const first = lines.slice(from, to).findIndex((l) => /^\s*[[{]/.test(l));
  if (first < 0) return undefined;
  const start = from + first;
  const text = lines.slice(start, to).join('\n');
  let data: unknown;
  // the JSON ends where the session goes on: try the longest prefix that parses
  for (let end = to; end > start; end--) {
    try {
      data = JSON.parse(lines.slice(start, end).join('\n'));
      break;
    } catch {
      // shorter
    }
  }
  if (data === undefined)
    throw new ParseError(
      file,
      start + 1,
      `expected ConvertTo-Json output (a JSON array or object) here, found text that does not parse as JSON (${text.length} characters)`,
    );
  const rows = Array.isArray(data) ? data : [data];
  return rows
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .map((r) => {
      const props = new Map<string, { value: string; at: SourceRef }>();
      for (const [k, v] of Object.entries(r)) {
        if (v === null || typeof v === 'object') continue;
        // where in the file: the line naming the property (first occurrence after the last one found)
        const idx = lines.findIndex((l, j) => j >= start && j < to && l.includes(`"${k}"`) && l.includes(String(v)));
        props.set(k.toLowerCase(), { value: String(v), at: lineAt(file, idx >= 0 ? idx : start) });
      }
      const nameAt = props.get('name')?.at ?? lineAt(file, start);
      return { at: nameAt, props };
    });
}

function psRecords(lines: string[], from: number, to: number, file: string): Rec[] {
  return jsonRecords(lines, from, to, file) ?? listRecords(lines, from, to, file);
}

function readMainModeRecords(recs: Rec[], state: SaState): void {
  for (const r of recs) {
    const name = get(r, 'Name') ?? String(state.ikeSas.length + 1);
    const cipher = CIPHER[(get(r, 'CipherAlgorithm') ?? '').toLowerCase()];
    const hash = INTEGRITY[(get(r, 'HashAlgorithm') ?? '').toLowerCase()];
    const group = pfsGroup(get(r, 'GroupId') ?? '');
    const key = (get(r, 'KeyModule') ?? '').toLowerCase();
    const ike: IkeSa = {
      id: `main mode SA ${name}`,
      name,
      at: r.at,
      state: observe('established', 'listed', r.at),
      established: true,
      timers: {},
    };
    if (key === '1' || key === 'ikev1') ike.version = 1;
    if (key === '4' || key === 'ikev2') ike.version = 2;
    const local = get(r, 'LocalEndpoint');
    const remote = get(r, 'RemoteEndpoint');
    if (local) ike.localAddress = local;
    if (remote) ike.remoteAddress = remote;
    const lid = get(r, 'LocalFirstId');
    const rid = get(r, 'RemoteFirstId');
    if (lid) ike.localId = lid;
    if (rid) ike.remoteId = rid;
    const ic = normalizeIkeSpi(get(r, 'InitiatorCookie') ?? '', true);
    const rc = normalizeIkeSpi(get(r, 'ResponderCookie') ?? '', true);
    if (ic && rc) ike.spis = { initiator: ic, responder: rc };
    const udp = Number(get(r, 'RemoteUdpEncapsulationPort') ?? '0');
    if (get(r, 'RemoteUdpEncapsulationPort') !== undefined)
      ike.natt = observe(udp > 0, `RemoteUdpEncapsulationPort : ${udp}`, r.props.get('remoteudpencapsulationport')?.at);
    if (cipher || hash || group !== undefined) {
      ike.proposal = { raw: `CipherAlgorithm ${get(r, 'CipherAlgorithm')} HashAlgorithm ${get(r, 'HashAlgorithm')} GroupId ${get(r, 'GroupId')}` };
      if (cipher) ike.proposal.encryption = cipher;
      if (hash) ike.proposal.integrity = hash;
      if (group !== undefined) ike.proposal.dhGroup = group;
    }
    const life = get(r, 'LifetimeSeconds');
    if (life && /^\d+$/.test(life) && Number(life) > 0)
      ike.timers.lifetimeSeconds = observe(Number(life), `LifetimeSeconds : ${life}`, r.props.get('lifetimeseconds')?.at);
    state.ikeSas.push(ike);
  }
}

function readQuickModeRecords(recs: Rec[], state: SaState): void {
  const flows = new Map<string, ChildSa>();
  for (const r of recs) {
    const local = get(r, 'LocalEndpoint') ?? '';
    const remote = get(r, 'RemoteEndpoint') ?? '';
    const mm = get(r, 'MmSaId') ?? '';
    const key = [mm, local, remote, get(r, 'LocalPort'), get(r, 'RemotePort'), get(r, 'IpProtocol')].join('|');
    let child = flows.get(key);
    if (!child) {
      child = {
        id: `quick mode SA ${get(r, 'Name') ?? flows.size + 1}`,
        at: r.at,
        localSelectors: [],
        remoteSelectors: [],
        inbound: [],
        outbound: [],
        timers: {},
      };
      if (local) child.localAddress = local;
      if (remote) child.remoteAddress = remote;
      if (mm) child.ike = `main mode SA ${mm}`;
      const proto = Number(get(r, 'IpProtocol') ?? '0');
      if (proto) child.ipProtocol = proto;
      const udpPort = Number(get(r, 'RemoteUdpEncapsulationPort') ?? '0');
      child.udpEncapsulation = observe(udpPort > 0, `RemoteUdpEncapsulationPort : ${udpPort}`, r.props.get('remoteudpencapsulationport')?.at);
      const cipher = CIPHER[(get(r, 'FirstCipherAlgorithm') ?? '').toLowerCase()];
      const integ = INTEGRITY[(get(r, 'FirstIntegrityAlgorithm') ?? '').toLowerCase()];
      if (cipher || integ) {
        child.proposal = { raw: `FirstCipherAlgorithm ${get(r, 'FirstCipherAlgorithm')} FirstIntegrityAlgorithm ${get(r, 'FirstIntegrityAlgorithm')}` };
        if (cipher) child.proposal.encryption = cipher;
        if (integ) child.proposal.integrity = /gcm/.test(cipher ?? '') ? 'none' : integ;
      }
      const pfs = get(r, 'PfsGroupId');
      const g = pfs === undefined ? undefined : pfsGroup(pfs);
      if (g !== undefined) child.pfsGroup = observe(g, `PfsGroupId : ${pfs}`, r.props.get('pfsgroupid')?.at);
      const life = get(r, 'LifetimeSeconds');
      if (life && /^\d+$/.test(life) && Number(life) > 0)
        child.timers.lifetimeSeconds = observe(Number(life), `LifetimeSeconds : ${life}`, r.props.get('lifetimeseconds')?.at);
      const kb = get(r, 'LifetimeKilobytes');
      if (kb && /^\d+$/.test(kb) && Number(kb) > 0)
        child.timers.lifetimeKilobytes = observe(Number(kb), `LifetimeKilobytes : ${kb}`, r.props.get('lifetimekilobytes')?.at);
      flows.set(key, child);
      state.childSas.push(child);
    }
    const spiText = get(r, 'SPI') ?? '';
    const inbound = /^(true|1)$/i.test(get(r, 'InboundDirection') ?? '');
    const d = {
      raw: spiText,
      at: r.props.get('spi')?.at ?? r.at,
      protocol: 'esp' as const,
      ...(normalizeSpi(spiText, true) ? { spi: normalizeSpi(spiText, true)! } : {}),
    };
    (inbound ? child.inbound : child.outbound).push(d);
  }
}

// --- netsh advfirewall monitor show mmsa / qmsa ------------------------------------------------------

/** `ECDHAP384-3DES-SHA256` (sic), `DHGroup2-AES128-SHA1`, `AH:AESGMAC256+ESP:AESGCM256-AESGCM256+60min +100000kb`. */
function netshOffer(text: string): { enc?: string; integ?: string; dh?: number; minutes?: number; kb?: number } {
  const out: { enc?: string; integ?: string; dh?: number; minutes?: number; kb?: number } = {};
  const t = text.replace(/\s+/g, '');
  const dh = /^(ECDHA?P(256|384)|DHGroup(\d+))-/i.exec(t);
  if (dh) out.dh = dh[2] ? (dh[2] === '256' ? 19 : 20) : Number(dh[3]);
  const esp = /ESP:([A-Z0-9]+)-([A-Z0-9]+)/i.exec(t);
  const parts = t.split('-');
  if (esp) {
    // netsh prints ESP:<integrity>-<encryption>
    out.integ = INTEGRITY[esp[1].toLowerCase()] ?? (/gcm/i.test(esp[1]) ? 'none' : undefined);
    out.enc = CIPHER[esp[2].toLowerCase()];
  } else if (dh && parts.length >= 3) {
    out.enc = CIPHER[parts[1].toLowerCase()];
    out.integ = INTEGRITY[parts[2].toLowerCase()];
  }
  const min = /\+(\d+)min/i.exec(t);
  if (min) out.minutes = Number(min[1]);
  const kb = /\+(\d+)kb/i.exec(t);
  if (kb) out.kb = Number(kb[1]);
  return out;
}

function netshBlocks(lines: string[], from: number, to: number, file: string): Rec[] {
  const out: Rec[] = [];
  let cur: Rec | undefined;
  for (let i = from; i < to; i++) {
    const t = lines[i].trim();
    if (/^(Main|Quick) Mode SA at /.test(t)) {
      cur = { at: lineAt(file, i), props: new Map([['header', { value: t, at: lineAt(file, i) }]]) };
      out.push(cur);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/.exec(t);
    if (m && cur) cur.props.set(m[1].toLowerCase(), { value: m[2], at: lineAt(file, i) });
  }
  return out;
}

function netshCapture(rec: Rec, state: SaState): void {
  const h = /^(?:Main|Quick) Mode SA at (\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(get(rec, 'header') ?? '');
  if (!h || state.capturedAt) return;
  // US date order and local time as netsh prints it on an en-US system: read as UTC (assumed)
  const iso = new Date(Date.UTC(Number(h[3]), Number(h[1]) - 1, Number(h[2]), Number(h[4]), Number(h[5]), Number(h[6]))).toISOString();
  state.capturedAt = { iso, source: 'listing', raw: h[0], at: rec.at };
}

function readNetshMm(recs: Rec[], state: SaState): void {
  recs.forEach((r, k) => {
    netshCapture(r, state);
    const ike: IkeSa = { id: `main mode SA ${k + 1}`, at: r.at, state: observe('established', 'listed', r.at), established: true, timers: {} };
    const local = get(r, 'local ip address');
    const remote = get(r, 'remote ip address');
    if (local) ike.localAddress = local;
    if (remote) ike.remoteAddress = remote;
    const my = get(r, 'my id');
    const peer = get(r, 'peer id');
    if (my) ike.localId = my;
    if (peer) ike.remoteId = peer;
    const offer = get(r, 'mm offer');
    if (offer) {
      const o = netshOffer(offer);
      ike.proposal = { raw: offer };
      if (o.enc) ike.proposal.encryption = o.enc;
      if (o.integ) ike.proposal.integrity = o.integ;
      if (o.dh !== undefined) ike.proposal.dhGroup = o.dh;
    }
    const cookies = /^([0-9a-f]+):([0-9a-f]+)$/i.exec(get(r, 'cookie pair') ?? '');
    if (cookies) {
      const i = normalizeIkeSpi(cookies[1]);
      const rr = normalizeIkeSpi(cookies[2]);
      if (i && rr) ike.spis = { initiator: i, responder: rr };
    }
    state.ikeSas.push(ike);
  });
}

function readNetshQm(recs: Rec[], state: SaState): void {
  recs.forEach((r, k) => {
    netshCapture(r, state);
    const child: ChildSa = { id: `quick mode SA ${k + 1}`, at: r.at, localSelectors: [], remoteSelectors: [], inbound: [], outbound: [], timers: {} };
    const local = get(r, 'local ip address');
    const remote = get(r, 'remote ip address');
    if (local) child.localAddress = local;
    if (remote) child.remoteAddress = remote;
    const offer = get(r, 'qm offer');
    if (offer) {
      const o = netshOffer(offer);
      child.proposal = { raw: offer };
      if (o.enc) child.proposal.encryption = o.enc;
      if (o.integ) child.proposal.integrity = o.integ;
      const at = r.props.get('qm offer')?.at;
      if (o.minutes) child.timers.lifetimeSeconds = observe(o.minutes * 60, offer, at);
      if (o.kb) child.timers.lifetimeKilobytes = observe(o.kb, offer, at);
    }
    state.childSas.push(child);
  });
}

// --- the reader --------------------------------------------------------------------------------------

type Kind = typeof NETSH_MM | typeof NETSH_QM | typeof PS_MM | typeof PS_QM;

function kindOf(command: string): Kind | 'other' {
  const c = command.replace(/^powershell(?:\.exe)?\s.*?-Command\s+"?/i, '').replace(/"$/, '');
  if (/^netsh\s+advfirewall\s+monitor\s+show\s+mmsa\b/i.test(c)) return NETSH_MM;
  if (/^netsh\s+advfirewall\s+monitor\s+show\s+qmsa\b/i.test(c)) return NETSH_QM;
  if (/^Get-NetIPsecMainModeSA\b/i.test(c)) return PS_MM;
  if (/^Get-NetIPsecQuickModeSA\b/i.test(c)) return PS_QM;
  return 'other';
}

export function readWindowsState(text: string, file: string): SaState {
  const lines = text.split('\n');
  const state = emptyState('windows-netsh', file);
  const starts: Array<{ kind: Kind | 'other'; cmdAt: number }> = [];
  lines.forEach((l, i) => {
    const p = /^(?:PS )?[A-Za-z]:\\[^>]*>/.test(l) ? promptCommand(l) : undefined;
    if (p) starts.push({ kind: kindOf(p.command), cmdAt: i });
    else if (/^\s*(Main|Quick) Mode SA at /.test(l) && !starts.some((s) => s.kind === NETSH_MM || s.kind === NETSH_QM)) {
      // a netsh listing pasted without its command: the header names it (the KB's qmsa sample says "Main" too)
      const quick = lines.slice(i, i + 8).some((x) => /^\s*(QM Offer|Direction)\s*:/.test(x));
      starts.push({ kind: quick ? NETSH_QM : NETSH_MM, cmdAt: i - 1 });
    }
  });
  const blocks = starts.flatMap((s, k) => (s.kind === 'other' ? [] : [{ kind: s.kind, cmdAt: s.cmdAt, to: starts[k + 1]?.cmdAt ?? lines.length }]));
  if (blocks.length === 0) {
    throw new ParseError(
      file,
      1,
      `expected the output of \`${PS_QM}\`, \`${PS_MM}\` (Format-List or ConvertTo-Json), \`${NETSH_QM}\` or \`${NETSH_MM}\`, found none of them`,
    );
  }
  for (const kind of [PS_MM, NETSH_MM, PS_QM, NETSH_QM] as const) {
    const of = blocks.filter((b) => b.kind === kind);
    if (!of.length) continue;
    const b = of[of.length - 1];
    state.listings.push({ command: kind, at: lineAt(file, Math.max(0, b.cmdAt)) });
    if (kind === PS_MM) readMainModeRecords(psRecords(lines, b.cmdAt + 1, b.to, file), state);
    else if (kind === PS_QM) readQuickModeRecords(psRecords(lines, b.cmdAt + 1, b.to, file), state);
    else if (kind === NETSH_MM) readNetshMm(netshBlocks(lines, b.cmdAt + 1, b.to, file), state);
    else readNetshQm(netshBlocks(lines, b.cmdAt + 1, b.to, file), state);
  }
  // the quick mode SAs name their main mode SA by its Name (MmSaId)
  for (const c of state.childSas) {
    if (c.ike && !state.ikeSas.some((i) => i.id === c.ike)) delete c.ike;
    const ike = c.ike ? state.ikeSas.find((i) => i.id === c.ike) : undefined;
    if (ike?.remoteAddress && ike.remoteAddress !== c.remoteAddress) {
      // tunnel mode: the quick mode endpoints are the traffic, the main mode endpoints the gateways
      c.localSelectors = c.localAddress ? [`${c.localAddress}${c.localAddress.includes(':') ? '/128' : '/32'}`] : [];
      c.remoteSelectors = c.remoteAddress ? [`${c.remoteAddress}${c.remoteAddress.includes(':') ? '/128' : '/32'}`] : [];
      if (ike.localAddress) c.localAddress = ike.localAddress;
      c.remoteAddress = ike.remoteAddress;
    }
  }
  const has = (k: Kind) => state.listings.some((l) => l.command === k);
  const spis = has(PS_QM);
  if (!has(PS_QM) && !has(NETSH_QM))
    state.missing.push({ command: `${PS_QM} | Format-List *`, consequence: 'no quick mode SAs listed: SPIs and lifetimes cannot be checked on this end' });
  else if (!spis)
    state.missing.push({
      command: `${PS_QM} | Format-List *`,
      consequence: 'netsh prints no SPI: stale-sa cannot be checked on this end without the PowerShell listing',
    });
  if (!has(PS_MM) && !has(NETSH_MM)) state.missing.push({ command: PS_MM, consequence: 'no main mode SAs listed: ike-sa-missing is not checked on this end' });
  state.shows = { spis, selectors: false, ikeSas: has(PS_MM) || has(NETSH_MM), childSas: has(PS_QM) || has(NETSH_QM) };
  return state;
}

/** Advice text only (never sent): remove exactly the SAs with this peer (and SPI, when one is named). */
export function windowsClear(target: ClearTarget): string | undefined {
  const peer = target.sa.remoteAddress;
  if (!peer) return undefined;
  if (target.kind === 'ike') return `Get-NetIPsecMainModeSA | Where-Object { $_.RemoteEndpoint -eq '${peer}' } | Remove-NetIPsecMainModeSA`;
  if (target.spi) return `Get-NetIPsecQuickModeSA | Where-Object { $_.SPI -eq ${Number.parseInt(target.spi, 16)} } | Remove-NetIPsecQuickModeSA`;
  return `Get-NetIPsecQuickModeSA | Where-Object { $_.RemoteEndpoint -eq '${peer}' } | Remove-NetIPsecQuickModeSA`;
}

export function detectWindowsState(text: string): number {
  const head = text.slice(0, 65536);
  if (/Get-NetIPsec(Main|Quick)ModeSA\b/.test(head)) return 0.9;
  if (/netsh\s+advfirewall\s+monitor\s+show\s+(mm|qm)sa/i.test(head)) return 0.9;
  if (/^[ \t]*(Main|Quick) Mode SA at \d/m.test(head) && /^[ \t]*(MM|QM) Offer\s*:/m.test(head)) return 0.9;
  return 0;
}

export const windowsState: StateReader = {
  commands: [
    { command: 'Get-NetIPsecMainModeSA | Format-List *', lists: 'ike' },
    { command: 'Get-NetIPsecQuickModeSA | Format-List *', lists: 'child' },
  ],
  detect: (text) => detectWindowsState(text),
  read: readWindowsState,
  clear: (target) => windowsClear(target),
};
