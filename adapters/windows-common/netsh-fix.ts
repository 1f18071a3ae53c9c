/**
 * Fixes for a connection security rule, in netsh syntax and netsh's units (minutes, KB):
 *   netsh advfirewall consec set rule name="X" new qmsecmethods=ESP:SHA256-AES256+480min+100000kb
 *   netsh advfirewall consec set rule name="X" new qmpfs=dhgroup14
 *   netsh advfirewall set global mainmode mmkeylifetime 480min,0sess
 *   netsh advfirewall set global mainmode mmsecmethods dhgroup14:aes256-sha256
 *   netsh advfirewall set global ipsec ipsecthroughnat serverandclientbehindnat
 * (syntax: netsh help for `consec set rule` and `set global`). The key module exists only in
 * PowerShell: Set-NetIPsecRule -KeyModule. Never a secret: the PSK fix names where to type it.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { ChildProposal, IkeProposal, Phase2, TunnelEnd } from '../../src/model/types.js';
import { isAead } from '../../src/model/vocab.js';
import { NETSH_MM_ENCRYPTION, NETSH_MM_INTEGRITY, NETSH_QM_INTEGRITY, netshDhName, netshEncryptionName, netshIntegrityName } from './crypto.js';

const SHARED_KEY = '<the shared key>';

function rule(t: TunnelEnd): string {
  return `netsh advfirewall consec set rule name="${t.name.replace(/"/g, '')}" new`;
}

/** Seconds in whole minutes, or undefined (netsh cannot express it). */
function minutes(seconds: number): number | undefined {
  return seconds % 60 === 0 && seconds > 0 ? seconds / 60 : undefined;
}

/** ChildProposal list → netsh qmsecmethods items, each with the given lifetimes. */
export function qmSecMethods(proposals: ChildProposal[], min: number, kb: number): string | undefined {
  const items: string[] = [];
  for (const p of proposals) {
    if (p.protocol === 'ah') {
      for (const i of p.integrity) {
        const n = netshIntegrityName(i);
        if (!n || !NETSH_QM_INTEGRITY.includes(n)) return undefined;
        items.push(`AH:${n}`);
      }
      continue;
    }
    for (const e of p.encryption.length ? p.encryption : ['null']) {
      if (isAead(e)) {
        const gcm = /^aes(128|192|256)gcm16$/.exec(e);
        const gmac = /^aes(128|192|256)gmac$/.exec(e);
        if (gcm) items.push(`ESP:AESGCM${gcm[1]}-AESGCM${gcm[1]}`);
        else if (gmac) items.push(`ESP:AESGMAC${gmac[1]}-None`);
        else return undefined;
        continue;
      }
      const en = netshEncryptionName(e);
      if (!en || !p.integrity.length) return undefined;
      for (const i of p.integrity) {
        const n = netshIntegrityName(i);
        if (!n || !NETSH_QM_INTEGRITY.includes(n)) return undefined;
        items.push(`ESP:${n}-${en}`);
      }
    }
  }
  return items.length ? items.map((x) => `${x}+${min}min+${kb}kb`).join(',') : undefined;
}

/** IkeProposal list → `dhgroup14:aes256-sha256,…` (netsh's input syntax). */
export function mmSecMethods(proposals: IkeProposal[]): string | undefined {
  const items: string[] = [];
  for (const p of proposals)
    for (const dh of p.dhGroups)
      for (const e of p.encryption)
        for (const i of p.integrity.length ? p.integrity : ['']) {
          const d = netshDhName(dh);
          const en = netshEncryptionName(e);
          const n = netshIntegrityName(i);
          if (!d || !en || !n || !NETSH_MM_ENCRYPTION.includes(en) || !NETSH_MM_INTEGRITY.includes(n)) return undefined;
          items.push(`${d}:${en}-${n}`.toLowerCase());
        }
  return items.length ? items.join(',') : undefined;
}

function endpoints(cidrs: string[]): string {
  return cidrs.map((c) => (c === '0.0.0.0/0' || c === '::/0' ? 'any' : c.replace(/\/(32|128)$/, ''))).join(',');
}

export function netshFix(req: FixRequest): string | undefined {
  const t = req.tunnel;
  const p2: Phase2 | undefined = req.phase2 ?? t.phase2[0];
  switch (req.field) {
    case 'phase2.lifetimeSeconds': {
      const m = minutes(req.target);
      if (!p2 || m === undefined) return undefined;
      const q = qmSecMethods(p2.proposals.value, m, p2.lifetimeKilobytes.value);
      return q && `${rule(t)} qmsecmethods=${q}`;
    }
    case 'phase2.lifetimeKilobytes': {
      const m = p2 && minutes(p2.lifetimeSeconds.value);
      if (!p2 || m === undefined || req.target <= 0) return undefined;
      const q = qmSecMethods(p2.proposals.value, m, req.target);
      return q && `${rule(t)} qmsecmethods=${q}`;
    }
    case 'phase2.proposals': {
      const m = p2 && minutes(p2.lifetimeSeconds.value);
      if (!p2 || m === undefined) return undefined;
      const q = qmSecMethods(req.target, m, p2.lifetimeKilobytes.value);
      return q && `${rule(t)} qmsecmethods=${q}`;
    }
    case 'phase2.pfsGroups': {
      const g = req.target[0];
      if (g === undefined) return undefined;
      const name = g === 0 ? 'none' : netshDhName(g)?.toLowerCase();
      return name && `${rule(t)} qmpfs=${name}`;
    }
    case 'phase1.lifetimeSeconds': {
      const m = minutes(req.target);
      if (m === undefined || m > 2880) return undefined;
      const sess = /,(\d+)\s*sess/i.exec(t.phase1.lifetimeSeconds.raw)?.[1] ?? '0';
      return `netsh advfirewall set global mainmode mmkeylifetime ${m}min,${sess}sess`;
    }
    case 'phase1.proposals': {
      const mm = mmSecMethods(req.target);
      return mm && `netsh advfirewall set global mainmode mmsecmethods ${mm}`;
    }
    case 'natt.mode':
      if (req.target === 'forced') return undefined;
      return `netsh advfirewall set global ipsec ipsecthroughnat ${req.target === 'auto' ? 'serverandclientbehindnat' : 'never'}`;
    case 'remoteGateway': {
      const tunnelMode = p2?.mode.value === 'tunnel';
      const addr = req.target === 'any' ? 'any' : req.target;
      return `${rule(t)} ${tunnelMode ? 'remotetunnelendpoint' : 'endpoint2'}=${addr}`;
    }
    case 'phase2.localSelectors':
      return `${rule(t)} endpoint1=${endpoints(req.target)}`;
    case 'phase2.remoteSelectors':
      return `${rule(t)} endpoint2=${endpoints(req.target)}`;
    case 'phase2.selectors': {
      const { local, remote, protocol, localPorts, remotePorts } = req.target;
      const ports = (rs: typeof localPorts) =>
        !rs || rs.length === 0 ? 'any' : rs.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(',');
      const hasPorts = (localPorts?.length ?? 0) + (remotePorts?.length ?? 0) > 0;
      if (hasPorts && protocol !== 6 && protocol !== 17) return undefined; // netsh takes ports with tcp or udp only
      const params = [`endpoint1=${endpoints(local)}`, `endpoint2=${endpoints(remote)}`];
      const had = p2;
      if ((protocol ?? 0) !== (had?.ipProtocol?.value ?? 0))
        params.push(`protocol=${protocol === 6 ? 'tcp' : protocol === 17 ? 'udp' : protocol === 1 ? 'icmpv4' : protocol ? String(protocol) : 'any'}`);
      if (hasPorts || had?.localPorts || had?.remotePorts) params.push(`port1=${ports(localPorts)}`, `port2=${ports(remotePorts)}`);
      return `${rule(t)} ${params.join(' ')}`;
    }
    case 'auth.psk':
      return `${rule(t)} auth1=computerpsk auth1psk="${SHARED_KEY}"`;
    case 'auth.method':
      if (req.target === 'psk') return `${rule(t)} auth1=computerpsk auth1psk="${SHARED_KEY}"`;
      if (req.target === 'certificate') return `${rule(t)} auth1=computercert auth1ca="<issuing CA distinguished name>"`;
      if (req.target === 'kerberos') return `${rule(t)} auth1=computerkerb`;
      return undefined;
    case 'ikeVersion':
      return `Set-NetIPsecRule -DisplayName "${t.name.replace(/"/g, '')}" -KeyModule ${req.target === 2 ? 'IKEv2' : 'IKEv1'}`;
    default:
      return undefined;
  }
}
