/**
 * RouterOS CLI for a fix: `/ip ipsec <menu> set [ find <entry> ] <property>=<value>`, with the
 * value in RouterOS's own spelling (time strings, `aes-256-cbc`, `modp2048`). A setting RouterOS
 * has no knob for (forced NAT-T, NAT keepalive, phase 2 lifebytes) gets no fix.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { ChildProposal, Identity, IkeProposal, Phase2, TunnelEnd } from '../../src/model/types.js';
import { isIpAddress } from '../../src/model/net.js';
import { formatTimeString } from '../../src/model/units.js';
import { dhGroupName } from '../../src/model/vocab.js';
import { printed } from './read.js';
import { refsOfPhase2, refsOfTunnel, type Phase2Refs, type TunnelRefs } from './refs.js';

const IKE_ENC: Record<string, string> = {
  des: 'des',
  '3des': '3des',
  aes128: 'aes-128',
  aes192: 'aes-192',
  aes256: 'aes-256',
  blowfish: 'blowfish',
  camellia128: 'camellia-128',
  camellia192: 'camellia-192',
  camellia256: 'camellia-256',
};

const ESP_ENC: Record<string, string> = {
  null: 'null',
  des: 'des',
  '3des': '3des',
  aes128: 'aes-128-cbc',
  aes192: 'aes-192-cbc',
  aes256: 'aes-256-cbc',
  aes128ctr: 'aes-128-ctr',
  aes192ctr: 'aes-192-ctr',
  aes256ctr: 'aes-256-ctr',
  aes128gcm16: 'aes-128-gcm',
  aes192gcm16: 'aes-192-gcm',
  aes256gcm16: 'aes-256-gcm',
  blowfish: 'blowfish',
  twofish: 'twofish',
  camellia128: 'camellia-128',
  camellia192: 'camellia-192',
  camellia256: 'camellia-256',
};

const HASH: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', null: 'null' };
const PRF: Record<string, string> = { prfsha1: 'sha1', prfsha256: 'sha256', prfsha384: 'sha384', prfsha512: 'sha512' };
/** IP protocol names RouterOS prints in a policy's protocol= */
const ROS_PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 47: 'gre', 50: 'ipsec-esp', 51: 'ipsec-ah', 58: 'icmpv6', 132: 'sctp' };
/** DH groups RouterOS offers (dh-group / pfs-group). */
const ROS_DH = new Set([1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21]);

/** Map every name through `table`; undefined if RouterOS has no spelling for one of them. */
function spell(names: string[], table: Record<string, string>): string | undefined {
  const out = names.map((n) => table[n]);
  return out.every((x) => x !== undefined) ? out.join(',') : undefined;
}

function dhList(groups: number[]): string | undefined {
  if (!groups.every((g) => g === 0 || ROS_DH.has(g))) return undefined;
  return groups.map((g) => (g === 0 ? 'none' : dhGroupName(g))).join(',');
}

/**
 * An identity as `my-id`/`remote-id` take it (README "Identities": `address:`, `fqdn:`,
 * `user-fqdn:`, `key-id:`, `dn:`), quoted when RouterOS would split it; undefined without a value.
 */
function routerosIdText(id: Identity): string | undefined {
  if (!id.value || id.value.includes('"')) return undefined;
  const word = { ipv4: 'address', ipv6: 'address', fqdn: 'fqdn', 'user-fqdn': 'user-fqdn', 'key-id': 'key-id', dn: 'dn' }[id.type];
  const text = `${word}:${id.value}`;
  return /[\s;=]/.test(text.slice(word.length + 1)) ? `"${text}"` : text;
}

/** The entries of a tunnel, from the parser, or selected through the peer when the Device came from elsewhere. */
function tunnelRefs(t: TunnelEnd): TunnelRefs {
  const known = refsOfTunnel(t);
  if (known) return known;
  const peer = printed('name', t.name);
  return {
    peer,
    profileMenu: 'ip ipsec profile',
    profile: `name=[ /ip ipsec peer get [ find ${peer} ] profile ]`,
    identityMenu: 'ip ipsec identity',
    identity: printed('peer', t.name),
  };
}

function phase2Refs(p: Phase2): Phase2Refs {
  const known = refsOfPhase2(p);
  if (known) return known;
  const policy = `${p.localSelectors.raw} ${p.remoteSelectors.raw}`;
  return { policy, proposal: `name=[ /ip ipsec policy get [ find ${policy} ] proposal ]` };
}

/** A peer address as RouterOS wants it: hosts as /32 or /128, `any` as 0.0.0.0/0, names as they are. */
function peerAddressText(target: string): string {
  if (target === 'any') return '0.0.0.0/0';
  if (target.includes('/') || !isIpAddress(target)) return target;
  return `${target}/${target.includes(':') ? 128 : 32}`;
}

function set(menu: string, selector: string, assignments: string[]): string {
  return `/${menu} set [ find ${selector} ] ${assignments.join(' ')}`;
}

function ikeProposal(p: IkeProposal, version: 1 | 2): string[] | undefined {
  const enc = spell(p.encryption, IKE_ENC);
  const hash = spell(p.integrity, HASH);
  const dh = dhList(p.dhGroups);
  if (!enc || !hash || !dh) return undefined;
  const out = [`dh-group=${dh}`, `enc-algorithm=${enc}`, `hash-algorithm=${hash}`];
  if (version === 2 && p.prf.length) {
    const prf = spell(p.prf, PRF);
    if (!prf) return undefined;
    out.push(`prf-algorithm=${prf}`);
  }
  return out;
}

function childProposal(p: ChildProposal): string[] | undefined {
  if (p.protocol === 'ah') {
    const auth = spell(p.integrity, HASH);
    return auth ? [`auth-algorithms=${auth}`] : undefined;
  }
  const enc = spell(p.encryption, ESP_ENC);
  const auth = p.integrity.length ? spell(p.integrity, HASH) : '""';
  return enc && auth ? [`auth-algorithms=${auth}`, `enc-algorithms=${enc}`] : undefined;
}

/** Several selectors need several policies: keep the first in this one, add the others. */
function selectorFix(refs: Phase2Refs, key: 'src-address' | 'dst-address', cidrs: string[]): string | undefined {
  if (!refs.policy || cidrs.length === 0) return undefined; // a generated policy: change the template instead
  const [first, ...rest] = cidrs;
  const lines = [set('ip ipsec policy', refs.policy, [`${key}=${first}`])];
  for (const c of rest) {
    lines.push(`# and one policy more per further selector (copy peer=, proposal=, tunnel= from the policy above):`, `/ip ipsec policy add ${key}=${c} …`);
  }
  return lines.join('\n');
}

export function fixRouterOs(req: FixRequest): string | undefined {
  const t = tunnelRefs(req.tunnel);
  const peer = (assignments: string[]) => set('ip ipsec peer', t.peer, assignments);
  const profile = (assignments: string[]) => set(t.profileMenu, t.profile, assignments);
  const version = req.tunnel.ikeVersion.value;
  switch (req.field) {
    case 'ikeVersion':
      return peer([`exchange-mode=${req.target === 2 ? 'ike2' : 'main'}`]);
    case 'remoteGateway':
      return peer([`address=${peerAddressText(req.target)}`]);
    case 'auth.method': {
      const m = {
        psk: 'pre-shared-key',
        certificate: 'digital-signature',
        eap: 'eap',
        'xauth-psk': 'pre-shared-key-xauth',
        'xauth-certificate': 'rsa-signature-hybrid',
      }[req.target];
      return m ? set(t.identityMenu, t.identity, [`auth-method=${m}`]) : undefined;
    }
    case 'auth.psk':
      // never the key itself: where to type it
      return set(t.identityMenu, t.identity, ['secret="<the pre-shared key agreed with the other end>"']);
    case 'auth.localIdentity':
    case 'auth.peerIdentity': {
      // my-id/remote-id live in /ip ipsec identity (RouterOS 6.44+); older peers have no such property here
      const id = routerosIdText(req.target);
      if (!id || t.identityMenu !== 'ip ipsec identity') return undefined;
      return set(t.identityMenu, t.identity, [`${req.field === 'auth.localIdentity' ? 'my-id' : 'remote-id'}=${id}`]);
    }
    case 'phase1.proposals': {
      const p = req.target[0];
      const a = p && ikeProposal(p, version);
      return a ? profile(a) : undefined;
    }
    case 'phase1.lifetimeSeconds':
      return profile([`lifetime=${formatTimeString(req.target)}`]);
    case 'natt.mode':
      if (version === 2) return undefined; // IKEv2 ignores nat-traversal
      return req.target === 'forced' ? undefined : profile([`nat-traversal=${req.target === 'disabled' ? 'no' : 'yes'}`]);
    case 'natt.keepaliveSeconds':
      return undefined;
    case 'dpd.delaySeconds':
      return profile([`dpd-interval=${req.target === 0 ? 'disable-dpd' : formatTimeString(req.target)}`]);
    case 'dpd':
      return profile([`dpd-interval=${formatTimeString(req.target.delaySeconds)}`]);
    case 'initiates':
      // a peer that is not passive initiates when its policy catches traffic
      return peer(['passive=no']);
    case 'phase2.proposals': {
      if (!req.phase2) return undefined;
      const p = req.target[0];
      const a = p && childProposal(p);
      return a ? set('ip ipsec proposal', phase2Refs(req.phase2).proposal, a) : undefined;
    }
    case 'phase2.pfsGroups': {
      if (!req.phase2) return undefined;
      const g = dhList(req.target.slice(0, 1));
      return g ? set('ip ipsec proposal', phase2Refs(req.phase2).proposal, [`pfs-group=${g}`]) : undefined;
    }
    case 'phase2.lifetimeSeconds':
      return req.phase2 ? set('ip ipsec proposal', phase2Refs(req.phase2).proposal, [`lifetime=${formatTimeString(req.target)}`]) : undefined;
    case 'phase2.lifetimeKilobytes':
      return undefined; // RouterOS proposals have no data-volume lifetime
    case 'phase2.localSelectors':
      return req.phase2 ? selectorFix(phase2Refs(req.phase2), 'src-address', req.target) : undefined;
    case 'phase2.remoteSelectors':
      return req.phase2 ? selectorFix(phase2Refs(req.phase2), 'dst-address', req.target) : undefined;
    case 'phase2.selectors': {
      const refs = req.phase2 && phase2Refs(req.phase2);
      const { local, remote, protocol, localPorts, remotePorts } = req.target;
      // one policy holds one source and one destination, one protocol and one port per side
      const port = (rs: typeof localPorts) => (!rs || rs.length === 0 ? 'any' : rs.length === 1 && rs[0].from === rs[0].to ? String(rs[0].from) : undefined);
      const sp = port(localPorts);
      const dp = port(remotePorts);
      if (!refs?.policy || local.length !== 1 || remote.length !== 1 || sp === undefined || dp === undefined) return undefined;
      const props = [`src-address=${local[0]}`, `dst-address=${remote[0]}`];
      const had = req.phase2!;
      if ((protocol ?? 0) !== (had.ipProtocol?.value ?? 0)) props.push(`protocol=${protocol ? (ROS_PROTOCOLS[protocol] ?? String(protocol)) : 'all'}`);
      if (sp !== 'any' || had.localPorts) props.push(`src-port=${sp}`);
      if (dp !== 'any' || had.remotePorts) props.push(`dst-port=${dp}`);
      return set('ip ipsec policy', refs.policy, props);
    }
  }
}
