/** A compact, exact summary of a parsed device: what a network engineer checks against the file by hand. */
import type { ChildProposal, Device, IkeProposal, Setting } from '../../src/model/types.js';

/** '' when the device wrote it; otherwise how the value came about, and whether it rests on an unconfirmed default */
const o = (s: Setting<unknown> | undefined): string => {
  if (s === undefined) return '-';
  const parts = [...(s.origin === 'explicit' ? [] : [s.origin]), ...(s.assumed ? ['assumed'] : [])];
  return parts.length ? `(${parts.join(', ')})` : '';
};

function ike(p: IkeProposal): string {
  return `${p.encryption.join('/')}-${p.integrity.join('/') || 'aead'}${p.prf.length ? `-${p.prf.join('/')}` : ''}-g${p.dhGroups.join('/')}`;
}

function child(p: ChildProposal): string {
  return `${p.protocol} ${p.encryption.join('/') || 'none'}-${p.integrity.join('/') || 'aead'}`;
}

/** One line per tunnel, one per phase 2. */
export function digest(d: Device): string[] {
  const out: string[] = [];
  for (const t of d.tunnels) {
    out.push(
      [
        `${t.name}${t.enabled ? '' : ' (disabled)'}`,
        `v${t.ikeVersion.value}${o(t.ikeVersion)}`,
        `${t.localGateway?.value ?? '?'}>${t.remoteGateway.value}`,
        `auth ${t.auth.method.value}${t.auth.psk ? (t.auth.psk.value === 'unknown' ? ' psk:unknown' : ' psk:fp') : ''}`,
        `p1 [${t.phase1.proposals.value.map(ike).join(' ')}]${o(t.phase1.proposals)}`,
        `life ${t.phase1.lifetimeSeconds.value}${o(t.phase1.lifetimeSeconds)}`,
        `natt ${t.natt.mode.value}${o(t.natt.mode)}/${t.natt.keepaliveSeconds?.value ?? '-'}${o(t.natt.keepaliveSeconds)}`,
        `dpd ${t.dpd.mode.value}${o(t.dpd.mode)}/${t.dpd.delaySeconds?.value ?? '-'}`,
      ].join(' | '),
    );
    for (const p of t.phase2)
      out.push(
        [
          `  p2 ${p.name}`,
          `${p.localSelectors.value.join(',')}>${p.remoteSelectors.value.join(',')}${p.ipProtocol && p.ipProtocol.value !== 0 ? ` proto ${p.ipProtocol.value}` : ''}`,
          `${p.mode.value}`,
          `[${p.proposals.value.map(child).join(' ')}]${o(p.proposals)}`,
          `pfs ${p.pfsGroups.value.join('/')}${o(p.pfsGroups)}`,
          `life ${p.lifetimeSeconds.value}s${o(p.lifetimeSeconds)} ${p.lifetimeKilobytes.value}KB${o(p.lifetimeKilobytes)}`,
        ].join(' | '),
      );
  }
  return out;
}
