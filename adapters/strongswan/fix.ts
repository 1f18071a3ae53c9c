/**
 * Fix snippets in the syntax of the file the end was read from. The form is told by the raw text
 * of the IKE version setting, which both parsers always fill in their own syntax
 * (`version = …` in swanctl.conf, `keyexchange=…` in ipsec.conf): the model has no field for it.
 *
 * swanctl.conf settings are written in the dot notation of swanctl.conf(5)
 * (`connections.NAME.children.CHILD.rekey_time = 1h`: the same keys nested as sections);
 * ipsec.conf settings as a `conn NAME` block with indented parameters.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { AuthMethod, NattMode, Phase2, PortRange, TunnelEnd } from '../../src/model/types.js';
import { formatStrongswanTime } from './common.js';
import { formatChildProposals, formatIkeProposals } from './proposals.js';
import { strongswanIdText } from './identity-fix.js';

export type Form = 'swanctl' | 'ipsec.conf';

export function formOf(tunnel: TunnelEnd): Form {
  return /^keyexchange\s*=/.test(tunnel.ikeVersion.raw) ? 'ipsec.conf' : 'swanctl';
}

/**
 * IKEv1 proposes rekey + over time (swanctl) as the lifetime: split a target into the two, the
 * margin about a tenth, in whole minutes when the target allows.
 */
function splitIkev1(total: number): { rekey: number; over: number } {
  let over = Math.floor(total / 11);
  if (over >= 60) over -= over % 60;
  return { rekey: total - over, over };
}

const t = formatStrongswanTime;

// --- swanctl.conf -----------------------------------------------------------------------------

function swanctlAuth(method: string): string[] | undefined {
  const m = method as AuthMethod;
  if (m === 'psk') return ['local.auth = psk', 'remote.auth = psk'];
  if (m === 'certificate') return ['local.auth = pubkey', 'remote.auth = pubkey'];
  if (m === 'eap') return ['local.auth = eap'];
  if (m === 'xauth-psk') return ['local.auth = psk', 'remote.auth = psk', 'local-xauth.auth = xauth'];
  if (m === 'xauth-certificate') return ['local.auth = pubkey', 'remote.auth = pubkey', 'local-xauth.auth = xauth'];
  return undefined;
}

const PROTOCOL_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 47: 'gre', 58: 'ipv6-icmp', 132: 'sctp' };

/**
 * Traffic selectors in strongSwan's notation: `10.0.0.0/24`, or with a protocol and port
 * `10.0.0.0/24[udp/53]`, `[tcp/1000-2000]`; one selector per address and port range.
 */
function tsList(cidrs: string[], protocol: number | undefined, ports: PortRange[] | undefined): string {
  const proto = protocol ? (PROTOCOL_NAMES[protocol] ?? String(protocol)) : '';
  const ranges = ports?.length ? ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)) : [''];
  return cidrs.flatMap((c) => ranges.map((p) => (proto || p ? `${c}[${proto || '%any'}${p ? `/${p}` : ''}]` : c))).join(', ');
}

function swanctlFix(req: FixRequest): string | undefined {
  const tunnel = req.tunnel;
  const conn = `connections.${tunnel.name}`;
  const v1 = tunnel.ikeVersion.value === 1;
  const child = (p2: Phase2 | undefined) => (p2 ? `${conn}.children.${p2.name}` : undefined);
  const load = (lines: string[]) => [...lines, '(then: swanctl --load-conns)'].join('\n');
  switch (req.field) {
    case 'ikeVersion':
      return load([`${conn}.version = ${req.target}`]);
    case 'remoteGateway':
      return load([`${conn}.remote_addrs = ${req.target === 'any' ? '%any' : req.target}`]);
    case 'auth.method': {
      const lines = swanctlAuth(req.target);
      return lines ? load(lines.map((l) => `${conn}.${l}`)) : undefined;
    }
    case 'auth.psk': {
      const where = tunnel.auth.psk?.at
        ? `the secret at ${tunnel.auth.psk.at.file}:${tunnel.auth.psk.at.line}`
        : `secrets.ike-${tunnel.name}.secret (with id = the peer's identity)`;
      return `set ${where} to the key the peer uses (not shown here)\n(then: swanctl --load-creds)`;
    }
    case 'auth.localIdentity':
    case 'auth.peerIdentity': {
      const id = strongswanIdText(req.target);
      if (!id) return undefined;
      // charon picks the pre-shared key by the identities: a secret bound to the old one is no longer found
      const psk = tunnel.auth.psk ? ['# a secrets.ike… section that names the old id (id, id-local, id-remote) must name the new one'] : [];
      return load([`${conn}.${req.field === 'auth.localIdentity' ? 'local' : 'remote'}.id = ${id}`, ...psk]);
    }
    case 'phase1.proposals':
      return load([`${conn}.proposals = ${formatIkeProposals(req.target)}`]);
    case 'phase1.lifetimeSeconds': {
      if (!v1) return load([`${conn}.rekey_time = ${t(req.target)}`]);
      const { rekey, over } = splitIkev1(req.target);
      return load([`${conn}.rekey_time = ${t(rekey)}`, `${conn}.over_time = ${t(over)}`, `# IKEv1 proposes rekey_time + over_time = ${t(req.target)}`]);
    }
    case 'natt.mode':
      return (req.target as NattMode) === 'disabled' ? undefined : load([`${conn}.encap = ${req.target === 'forced' ? 'yes' : 'no'}`]);
    case 'natt.keepaliveSeconds':
      return `charon.keep_alive = ${t(req.target)}\n(strongswan.conf, applies to all connections; then restart charon)`;
    case 'dpd.delaySeconds':
      return load([`${conn}.dpd_delay = ${t(req.target)}`]);
    case 'dpd.action': {
      // per child; trap keeps the trap policy (hold)
      const action = { restart: 'restart', hold: 'trap', clear: 'clear' }[req.target];
      return tunnel.phase2.length ? load(tunnel.phase2.map((p) => `${child(p)}.dpd_action = ${action}`)) : undefined;
    }
    case 'initiates':
      // start on traffic: a trap policy also keeps the tunnel coming back after a dead peer (hold)
      return tunnel.phase2.length ? load(tunnel.phase2.map((p) => `${child(p)}.start_action = trap`)) : undefined;
    case 'dpd': {
      const action = req.target.action && { restart: 'restart', hold: 'trap', clear: 'clear' }[req.target.action];
      const kids = action ? tunnel.phase2.map((p) => `${child(p)}.dpd_action = ${action}`) : [];
      return load([`${conn}.dpd_delay = ${t(req.target.delaySeconds)}`, ...kids]);
    }
    case 'phase2.proposals': {
      const c = child(req.phase2);
      if (!c) return undefined;
      const ah = req.target.length > 0 && req.target.every((p) => p.protocol === 'ah');
      return load([`${c}.${ah ? 'ah' : 'esp'}_proposals = ${formatChildProposals(req.target, req.phase2!.pfsGroups.value)}`]);
    }
    case 'phase2.pfsGroups': {
      const c = child(req.phase2);
      if (!c) return undefined;
      const ah = req.phase2!.proposals.value.every((p) => p.protocol === 'ah');
      return load([`${c}.${ah ? 'ah' : 'esp'}_proposals = ${formatChildProposals(req.phase2!.proposals.value, req.target)}`]);
    }
    case 'phase2.lifetimeSeconds': {
      const c = child(req.phase2);
      if (!c) return undefined;
      if (!v1) return load([`${c}.rekey_time = ${t(req.target)}`]);
      const { rekey } = splitIkev1(req.target);
      return load([`${c}.rekey_time = ${t(rekey)}`, `${c}.life_time = ${t(req.target)}`]);
    }
    case 'phase2.lifetimeKilobytes': {
      const c = child(req.phase2);
      if (!c) return undefined;
      return load([`${c}.${v1 ? 'life_bytes' : 'rekey_bytes'} = ${req.target * 1024}`]);
    }
    case 'phase2.selectors': {
      const c = child(req.phase2);
      const l = tsList(req.target.local, req.target.protocol, req.target.localPorts);
      const r = tsList(req.target.remote, req.target.protocol, req.target.remotePorts);
      return c ? load([`${c}.local_ts = ${l}`, `${c}.remote_ts = ${r}`]) : undefined;
    }
    case 'phase2.localSelectors':
    case 'phase2.remoteSelectors': {
      const c = child(req.phase2);
      if (!c) return undefined;
      return load([`${c}.${req.field === 'phase2.localSelectors' ? 'local_ts' : 'remote_ts'} = ${req.target.join(', ')}`]);
    }
    default:
      return undefined;
  }
}

// --- ipsec.conf -------------------------------------------------------------------------------

/** Which of left/right the parser took as this host: the remote gateway's raw names the other. */
function sides(tunnel: TunnelEnd): { L: 'left' | 'right'; R: 'left' | 'right' } {
  return /^left\s*=/.test(tunnel.remoteGateway.raw) ? { L: 'right', R: 'left' } : { L: 'left', R: 'right' };
}

function connBlocks(names: string[], params: string[]): string {
  return [...names.flatMap((n) => [`conn ${n}`, ...params.map((p) => `    ${p}`)]), '(then: ipsec update)'].join('\n');
}

function ipsecAuth(method: string, L: string, viaLeftauth: boolean): string[] | undefined {
  const m = method as AuthMethod;
  if (viaLeftauth || m === 'eap') {
    const word = { psk: 'psk', certificate: 'pubkey', eap: 'eap' }[m as 'psk' | 'certificate' | 'eap'];
    return word ? [`${L}auth=${word}`] : undefined;
  }
  const authby = { psk: 'secret', certificate: 'pubkey', 'xauth-psk': 'xauthpsk', 'xauth-certificate': 'xauthrsasig' }[m as 'psk'];
  return authby ? [`authby=${authby}`] : undefined;
}

function ipsecFix(req: FixRequest): string | undefined {
  const tunnel = req.tunnel;
  const { L, R } = sides(tunnel);
  // conns sharing this IKE_SA each carry the IKE settings: change them in every one
  const allConns = tunnel.phase2.map((p) => p.name);
  const ike = (params: string[]) => connBlocks(allConns.length ? allConns : [tunnel.name], params);
  const one = (params: string[]) => (req.phase2 ? connBlocks([req.phase2.name], params) : undefined);
  switch (req.field) {
    case 'ikeVersion':
      return ike([`keyexchange=ikev${req.target}`]);
    case 'remoteGateway':
      return ike([`${R}=${req.target === 'any' ? '%any' : req.target}`]);
    case 'auth.method': {
      const lines = ipsecAuth(req.target, L, /^(left|right)auth\s*=/.test(tunnel.auth.method.raw));
      return lines ? ike(lines) : undefined;
    }
    case 'auth.psk': {
      const where = tunnel.auth.psk?.at
        ? `the PSK entry at ${tunnel.auth.psk.at.file}:${tunnel.auth.psk.at.line}`
        : 'an ipsec.secrets entry `<local id> <peer id> : PSK "…"`';
      return `set ${where} to the key the peer uses (not shown here)\n(then: ipsec rereadsecrets)`;
    }
    case 'auth.localIdentity':
    case 'auth.peerIdentity': {
      const id = strongswanIdText(req.target);
      if (!id) return undefined;
      const lines = ike([`${req.field === 'auth.localIdentity' ? L : R}id=${id}`]);
      // ipsec.secrets selects the key by the identities too
      return tunnel.auth.psk ? `${lines}\n(ipsec.secrets: a PSK line that names the old id must name the new one; then ipsec rereadsecrets)` : lines;
    }
    case 'phase1.proposals':
      // `!` so that charon does not append its defaults: the list is then exactly this
      return ike([`ike=${formatIkeProposals(req.target)}!`]);
    case 'phase1.lifetimeSeconds':
      return ike([`ikelifetime=${t(req.target)}`]);
    case 'natt.mode':
      return (req.target as NattMode) === 'disabled' ? undefined : ike([`forceencaps=${req.target === 'forced' ? 'yes' : 'no'}`]);
    case 'natt.keepaliveSeconds':
      return `charon.keep_alive = ${t(req.target)}\n(strongswan.conf, applies to all connections; then restart charon)`;
    case 'dpd.delaySeconds':
      return ike(tunnel.dpd.mode.value === 'off' ? ['dpdaction=restart', `dpddelay=${t(req.target)}`] : [`dpddelay=${t(req.target)}`]);
    case 'dpd.action':
      return ike([`dpdaction=${req.target}`]);
    case 'initiates':
      // auto=route installs trap policies: negotiated on traffic, and again after a dead peer
      return ike(['auto=route']);
    case 'dpd':
      // dpdaction=none (the default) is DPD off: the action turns it on
      return ike([`dpdaction=${req.target.action ?? 'restart'}`, `dpddelay=${t(req.target.delaySeconds)}`]);
    case 'phase2.proposals': {
      const ah = req.target.length > 0 && req.target.every((p) => p.protocol === 'ah');
      return req.phase2 ? one([`${ah ? 'ah' : 'esp'}=${formatChildProposals(req.target, req.phase2.pfsGroups.value)}!`]) : undefined;
    }
    case 'phase2.pfsGroups':
      return req.phase2 ? one([`esp=${formatChildProposals(req.phase2.proposals.value, req.target)}!`]) : undefined;
    case 'phase2.lifetimeSeconds':
      return one([`lifetime=${t(req.target)}`]);
    case 'phase2.lifetimeKilobytes':
      return one([`lifebytes=${req.target * 1024}`]);
    case 'phase2.selectors':
      return one([
        `${L}subnet=${tsList(req.target.local, req.target.protocol, req.target.localPorts).replace(/, /g, ',')}`,
        `${R}subnet=${tsList(req.target.remote, req.target.protocol, req.target.remotePorts).replace(/, /g, ',')}`,
      ]);
    case 'phase2.localSelectors':
      return one([`${L}subnet=${req.target.join(',')}`]);
    case 'phase2.remoteSelectors':
      return one([`${R}subnet=${req.target.join(',')}`]);
    default:
      return undefined;
  }
}

export function strongswanFix(req: FixRequest): string | undefined {
  return formOf(req.tunnel) === 'ipsec.conf' ? ipsecFix(req) : swanctlFix(req);
}
