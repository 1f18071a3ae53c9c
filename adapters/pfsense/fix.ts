/**
 * Fixes for tunnels of the `<ipsec>` section, in the words of the GUI and of config.xml:
 * `VPN › IPsec › Tunnels › Edit Phase 2 "LAN" › Life Time: 3600  (<lifetime>3600</lifetime>)`.
 * Shared by pfSense and OPNsense (legacy tunnels); values in the field's own unit (seconds).
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { ChildProposal, Device, IkeProposal, TunnelEnd } from '../../src/model/types.js';
import { parseCidr } from '../../src/model/net.js';
import { isAead } from '../../src/model/vocab.js';
import { TIMERS_NOTE } from './parse.js';
import { legacyIdentityFix } from './identity-fix.js';

export interface LegacyGui {
  vendor: 'pfsense' | 'opnsense';
  phase1: string;
  phase2: string;
}

export const PFSENSE_GUI: LegacyGui = { vendor: 'pfsense', phase1: 'VPN › IPsec › Tunnels › Edit Phase 1', phase2: 'VPN › IPsec › Tunnels › Edit Phase 2' };

/** Which generator's timer rules the parser applied (context.ts `TimerSemantics`). */
function timersOf(tunnel: TunnelEnd, device: Device): string {
  const t = tunnel.vendorRefs?.timers;
  if (t) return t;
  // a Device read before vendorRefs carried it: the parser's diagnostic says the same
  const d = device.diagnostics.find((x) => x.message.startsWith(TIMERS_NOTE));
  return d?.message.includes('(swanctl') ? (d.message.includes('OPNsense') ? 'opnsense-swanctl' : 'swanctl') : 'ipsec.conf';
}

export function legacyFix(req: FixRequest, gui: LegacyGui): string | undefined {
  const p1 = `${gui.phase1} "${req.tunnel.name}"`;
  const p2 = `${gui.phase2} "${req.phase2?.name ?? '…'}"`;
  const line = (where: string, field: string, xml: string): string => `${where} › ${field}  (${xml})`;
  switch (req.field) {
    case 'ikeVersion':
      return line(p1, `Key Exchange version: IKEv${req.target}`, `<iketype>ikev${req.target}</iketype>`);
    case 'remoteGateway':
      return line(p1, `Remote Gateway: ${req.target}`, `<remote-gateway>${req.target}</remote-gateway>`);
    case 'auth.method': {
      const m = authMethod(req.target, gui.vendor);
      return m ? line(p1, `Authentication Method: ${m.label}`, `<authentication_method>${m.xml}</authentication_method>`) : undefined;
    }
    case 'auth.psk':
      return line(p1, 'Pre-Shared Key: enter the same key as on the peer', '<pre-shared-key>…</pre-shared-key>');
    case 'auth.localIdentity':
    case 'auth.peerIdentity':
      return legacyIdentityFix(p1, req.field, req.target);
    case 'phase1.proposals':
      return phase1Proposals(p1, req.target, gui.vendor);
    case 'phase1.lifetimeSeconds':
      return lifetimeFix(p1, req.target, req.tunnel, req.device, gui, 1, req.tunnel.phase1.lifetimeSeconds.raw);
    case 'natt.mode':
      if (req.target === 'disabled') return undefined; // strongSwan always detects NAT
      return line(
        p1,
        `NAT Traversal: ${req.target === 'forced' ? 'Force' : 'Auto'}`,
        `<nat_traversal>${req.target === 'forced' ? 'force' : 'on'}</nat_traversal>`,
      );
    case 'natt.keepaliveSeconds':
      return undefined; // charon.keep_alive, not exposed per tunnel
    case 'dpd':
      // ipsec.inc turns DPD on only when both are set; 5 failures is the GUI's default (assumed, README)
      return line(
        p1,
        `Dead Peer Detection: Enable DPD, Delay: ${req.target.delaySeconds}, Max failures: ${req.tunnel.dpd.retries?.value ?? 5}`,
        `<dpd_delay>${req.target.delaySeconds}</dpd_delay><dpd_maxfail>${req.tunnel.dpd.retries?.value ?? 5}</dpd_maxfail>`,
      );
    case 'dpd.delaySeconds':
      return req.target > 0
        ? line(p1, `Dead Peer Detection: Enable DPD, Delay: ${req.target}`, `<dpd_delay>${req.target}</dpd_delay>`)
        : line(p1, 'Dead Peer Detection: uncheck Enable DPD', 'remove <dpd_delay> and <dpd_maxfail>');
    case 'phase2.proposals':
      return phase2Proposals(p2, req.target);
    case 'phase2.pfsGroups': {
      const g = req.target[0] ?? 0;
      return line(p2, `PFS key group: ${g === 0 ? 'off' : g}`, `<pfsgroup>${g}</pfsgroup>`);
    }
    case 'phase2.lifetimeSeconds':
      return lifetimeFix(p2, req.target, req.tunnel, req.device, gui, 2, req.phase2?.lifetimeSeconds.raw);
    case 'phase2.lifetimeKilobytes':
      return undefined; // no data-volume lifetime in either GUI
    case 'phase2.localSelectors':
      return selectorFix(p2, 'Local Network', 'localid', req.target);
    case 'phase2.remoteSelectors':
      return selectorFix(p2, 'Remote Network', 'remoteid', req.target);
    case 'phase2.selectors': {
      // a pfSense phase 2 has no protocol or port: only an any-protocol target can be written
      if ((req.target.protocol ?? 0) !== 0 || req.target.localPorts?.length || req.target.remotePorts?.length) return undefined;
      const l = selectorFix(p2, 'Local Network', 'localid', req.target.local);
      const r = selectorFix(p2, 'Remote Network', 'remoteid', req.target.remote);
      return l && r ? `${l}\n${r}` : undefined;
    }
  }
}

function authMethod(target: string, vendor: 'pfsense' | 'opnsense'): { label: string; xml: string } | undefined {
  switch (target) {
    case 'psk':
      return { label: 'Mutual PSK', xml: 'pre_shared_key' };
    case 'xauth-psk':
      return { label: 'Mutual PSK + Xauth', xml: 'xauth_psk_server' };
    case 'certificate':
      return vendor === 'pfsense' ? { label: 'Mutual Certificate', xml: 'cert' } : { label: 'Mutual RSA', xml: 'rsasig' };
    default:
      return undefined;
  }
}

/**
 * Lifetimes in seconds, as the parser reads them: `<lifetime>` is the value unless `<rekey_time>`
 * is set (pfSense ≥ 2.5, IKEv2), so the fix sets Life Time and, when a rekey time is set, empties it.
 */
function lifetimeFix(where: string, seconds: number, tunnel: TunnelEnd, device: Device, gui: LegacyGui, phase: 1 | 2, current?: string): string {
  const timers = timersOf(tunnel, device);
  if (timers === 'opnsense-swanctl') return opnsenseLifetimeFix(where, seconds, tunnel, gui, phase);
  const rekeySet = gui.vendor === 'pfsense' && timers === 'swanctl' && tunnel.ikeVersion.value === 2 && (current ?? '').startsWith('<rekey_time>');
  if (rekeySet) return `${where} › Life Time: ${seconds}, Rekey Time: (empty)  (<lifetime>${seconds}</lifetime> <rekey_time></rekey_time>)`;
  const shared = phase === 2 && timers === 'ipsec.conf' ? '; set it on every phase 2 of this phase 1, the shortest one applies to all' : '';
  return `${where} › Life Time: ${seconds}  (<lifetime>${seconds}</lifetime>)${shared}`;
}

/** ipsec.conf's margintime (9m), the margin OPNsense ≤ 22.7 tunnels were renewed with. */
const IPSEC_CONF_MARGIN = 540;

/**
 * OPNsense ≥ 23.1 (timers.ts `opnsensePhase1Timers`): a phase 1 `<lifetime>` reaches swanctl.conf
 * only with `<margintime>` (and, to be a rekey rather than a reauthentication, `<rekeyfuzz>`), and
 * "Disable Rekey" zeroes everything — so the fix sets what is missing. The rand_time OPNsense writes
 * is margintime × rekeyfuzz (seconds × the percentage), so rekeyfuzz 1 gives rand_time = margintime;
 * ipsec.conf's 100 would spread the rekey over the whole lifetime.
 */
function opnsenseLifetimeFix(where: string, seconds: number, tunnel: TunnelEnd, gui: LegacyGui, phase: 1 | 2): string {
  const refs = tunnel.vendorRefs ?? {};
  const p1 = `${gui.phase1} "${tunnel.name}"`;
  const rekeyOff = refs.rekeyDisabled === 'yes';
  if (phase === 2) {
    const shared = refs.combined === 'yes' ? '; set it on every phase 2 of this phase 1, the shortest one applies to all' : '';
    const enable = rekeyOff ? `; and ${p1} › uncheck Disable Rekey (remove <rekey_enable>): with it every child gets life_time 0` : '';
    return `${where} › Life Time: ${seconds}  (<lifetime>${seconds}</lifetime>)${shared}${enable}`;
  }
  const fields = [`Lifetime: ${seconds}`];
  const xml = [`<lifetime>${seconds}</lifetime>`];
  if (rekeyOff) {
    fields.push('uncheck Disable Rekey');
    xml.push('remove <rekey_enable>');
  }
  if (!refs.margintime) {
    const p2 = tunnel.phase2.map((p) => p.lifetimeSeconds.value).filter((v) => v > 0);
    const margin = Math.min(IPSEC_CONF_MARGIN, Math.floor(Math.min(seconds, ...p2) / 10));
    fields.push(`Margintime: ${margin}`);
    xml.push(`<margintime>${margin}</margintime>`);
  }
  if (!refs.rekeyfuzz) {
    fields.push('Rekeyfuzz: 1');
    xml.push('<rekeyfuzz>1</rekeyfuzz>');
  }
  const why = fields.length > 1 ? ' — OPNsense 23.1 and later use the lifetime only together with a margin' : '';
  return `${where} › ${fields.join(', ')}  (${xml.join(' ')})${why}`;
}

// --- algorithms back to GUI/XML --------------------------------------------------------------

interface XmlCipher {
  name: string;
  keylen?: number;
  label: string;
}

/** canonical cipher → pfSense `<name>`/`<keylen>` (AES-GCM keylen is the ICV in bits). */
function xmlCipher(c: string, vendor: 'pfsense' | 'opnsense'): XmlCipher | undefined {
  let m = /^aes(128|192|256)$/.exec(c);
  if (m) return { name: 'aes', keylen: Number(m[1]), label: `AES ${m[1]} bits` };
  m = /^aes(128|192|256)gcm(8|12|16)$/.exec(c);
  if (m) {
    return vendor === 'pfsense'
      ? { name: `aes${m[1]}gcm`, keylen: Number(m[2]) * 8, label: `AES${m[1]}-GCM ${Number(m[2]) * 8} bits` }
      : { name: `aes${m[1]}gcm${m[2]}`, label: `AES${m[1]}-GCM${m[2]}` };
  }
  m = /^blowfish(192|256)?$/.exec(c);
  if (m) return { name: 'blowfish', keylen: Number(m[1] ?? 128), label: `Blowfish ${m[1] ?? 128} bits` };
  if (c === '3des') return { name: '3des', label: '3DES' };
  if (c === 'cast128') return { name: 'cast128', label: 'CAST128' };
  if (c === 'chacha20poly1305') return { name: 'chacha20poly1305', label: 'ChaCha20-Poly1305' };
  return undefined;
}

function xmlAlgorithm(c: XmlCipher): string {
  return `<name>${c.name}</name>${c.keylen !== undefined ? `<keylen>${c.keylen}</keylen>` : ''}`;
}

const HASHES = new Set(['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'aesxcbc']);

function phase1Proposals(where: string, proposals: IkeProposal[], vendor: 'pfsense' | 'opnsense'): string | undefined {
  const items: string[] = [];
  const labels: string[] = [];
  for (const p of proposals) {
    // an AEAD proposal still needs a hash in the GUI: it becomes the PRF
    const hashes = p.integrity.length ? p.integrity : p.prf.map((f) => f.replace(/^prf/, ''));
    for (const enc of p.encryption) {
      const c = xmlCipher(enc, vendor);
      if (!c) return undefined;
      for (const h of hashes) {
        if (!HASHES.has(h)) return undefined;
        for (const g of p.dhGroups) {
          items.push(
            `<item><encryption-algorithm>${xmlAlgorithm(c)}</encryption-algorithm><hash-algorithm>${h}</hash-algorithm><dhgroup>${g}</dhgroup></item>`,
          );
          labels.push(`${c.label} / ${h.toUpperCase()} / DH ${g}`);
        }
      }
    }
  }
  if (items.length === 0) return undefined;
  if (vendor === 'opnsense') {
    // legacy OPNsense: one cipher, lists of hashes and groups
    const p = proposals[0];
    const c = proposals.length === 1 && p.encryption.length === 1 ? xmlCipher(p.encryption[0], vendor) : undefined;
    if (!c) return undefined;
    const hashes = p.integrity.length ? p.integrity : p.prf.map((f) => f.replace(/^prf/, ''));
    return `${where} › Encryption algorithm: ${c.label}, Hash algorithm: ${hashes.join(', ')}, DH key group: ${p.dhGroups.join(', ')}  (<encryption-algorithm>${xmlAlgorithm(c)}</encryption-algorithm><hash-algorithm>${hashes.join(',')}</hash-algorithm><dhgroup>${p.dhGroups.join(',')}</dhgroup>)`;
  }
  return `${where} › Encryption Algorithm: ${labels.join('; ')}  (<encryption>${items.join('')}</encryption>)`;
}

function phase2Proposals(where: string, proposals: ChildProposal[]): string | undefined {
  const ciphers: XmlCipher[] = [];
  const hashes = new Set<string>();
  for (const p of proposals) {
    if (p.protocol !== 'esp') return undefined;
    for (const enc of p.encryption) {
      const c = xmlCipher(enc, 'pfsense');
      if (!c) return undefined;
      if (!ciphers.some((x) => x.name === c.name && x.keylen === c.keylen)) ciphers.push(c);
    }
    for (const h of p.integrity) {
      if (!HASHES.has(h)) return undefined;
      hashes.add(h);
    }
  }
  const hashXml = [...hashes].map((h) => `<hash-algorithm-option>${h === 'aesxcbc' ? h : `hmac_${h}`}</hash-algorithm-option>`).join('');
  const encXml = ciphers.map((c) => `<encryption-algorithm-option>${xmlAlgorithm(c)}</encryption-algorithm-option>`).join('');
  const hashLabel = hashes.size
    ? `; Hash Algorithms: ${[...hashes].map((h) => h.toUpperCase()).join(', ')}`
    : proposals.every((p) => p.encryption.every(isAead))
      ? ''
      : '; Hash Algorithms: none';
  return `${where} › Encryption Algorithms: ${ciphers.map((c) => c.label).join(', ')}${hashLabel}  (${encXml}${hashXml})`;
}

function selectorFix(where: string, label: string, element: 'localid' | 'remoteid', cidrs: string[]): string | undefined {
  const parts = cidrs.map(parseCidr);
  if (parts.length === 0 || parts.some((c) => c === undefined)) return undefined;
  const one = (cidr: string): string => {
    const [address, bits] = cidr.split('/');
    const host = (cidr.includes(':') && bits === '128') || (!cidr.includes(':') && bits === '32');
    return host
      ? `<${element}><type>address</type><address>${address}</address></${element}>`
      : `<${element}><type>network</type><address>${address}</address><netbits>${bits}</netbits></${element}>`;
  };
  const several = cidrs.length > 1 ? ' (one phase 2 per network)' : '';
  return `${where} › ${label}: ${cidrs.join(', ')}${several}  (${cidrs.map(one).join(' ')})`;
}
