/**
 * A peer contract: the parameters a partner agreed to (the sheet two companies exchange before a
 * B2B VPN), for a tunnel whose other end is not in the repo. It becomes a synthetic tunnel end:
 * what the contract states is taken from it (with the inventory line as its location), and what
 * it leaves out mirrors the repo end, so only agreed parameters are compared.
 */
import type { Device, Setting, SourceRef, TunnelEnd } from '../model/types.js';
import { ParseError } from '../model/errors.js';
import { parseTimeString } from '../model/units.js';
import { dhGroupNumber } from '../model/vocab.js';
import { canonicalCidr } from '../model/net.js';
import { parseChildProposals, parseIkeProposals } from '../model/proposal-strings.js';
import type { ContractSpec } from './inventory.js';

function stated<T>(value: T, raw: string, at: SourceRef): Setting<T> {
  return { value, raw, origin: 'explicit', at };
}

function seconds(v: string | number, file: string, line: number, what: string): number {
  const n = typeof v === 'number' ? v : parseTimeString(v);
  if (n === undefined) throw new ParseError(file, line, `${what}: expected a duration such as 8h, 3600 or 1h30m, found "${v}"`);
  return n;
}

export function contractDevice(spec: ContractSpec & { line: number }, repoEnd: TunnelEnd, file: string): Device {
  const at = { file, line: spec.line };
  const t: TunnelEnd = structuredClone(repoEnd);
  t.name = spec.name;
  t.at = at;
  // the contract end is the mirror of the repo end…
  [t.localGateway, t.remoteGateway] = [repoEnd.remoteGateway, repoEnd.localGateway ?? repoEnd.remoteGateway];
  t.phase2 = repoEnd.phase2.map((p) => ({ ...structuredClone(p), localSelectors: p.remoteSelectors, remoteSelectors: p.localSelectors }));
  // …except for what it states
  if (spec['local-address']) t.localGateway = stated(spec['local-address'], `local-address: ${spec['local-address']}`, at);
  if (spec['ike-version']) t.ikeVersion = stated(spec['ike-version'], `ike-version: ${spec['ike-version']}`, at);
  if (spec.phase1?.proposals) {
    const r = parseIkeProposals(spec.phase1.proposals.join(','));
    if (!r.ok) throw new ParseError(file, spec.line, `contract ${spec.name}: phase1 proposal "${r.proposal}": ${r.reason}`);
    t.phase1.proposals = stated(r.value, `phase1.proposals: ${spec.phase1.proposals.join(', ')}`, at);
  }
  if (spec.phase1?.lifetime !== undefined)
    t.phase1.lifetimeSeconds = stated(seconds(spec.phase1.lifetime, file, spec.line, 'phase1.lifetime'), `phase1.lifetime: ${spec.phase1.lifetime}`, at);
  if (spec['nat-t']) t.natt = { mode: stated(spec['nat-t'], `nat-t: ${spec['nat-t']}`, at) };
  const p2 = spec.phase2;
  if (p2) {
    for (const entry of t.phase2) {
      if (p2.proposals) {
        const r = parseChildProposals(p2.proposals.join(','), 'esp');
        if (!r.ok) throw new ParseError(file, spec.line, `contract ${spec.name}: phase2 proposal "${r.proposal}": ${r.reason}`);
        entry.proposals = stated(r.value.proposals, `phase2.proposals: ${p2.proposals.join(', ')}`, at);
        if (p2.pfs === undefined && r.value.pfsGroups.some((g) => g !== 0))
          entry.pfsGroups = stated(r.value.pfsGroups, `phase2.proposals: ${p2.proposals.join(', ')}`, at);
      }
      if (p2.pfs !== undefined) {
        const g = typeof p2.pfs === 'number' ? p2.pfs : dhGroupNumber(p2.pfs);
        if (g === undefined)
          throw new ParseError(file, spec.line, `contract ${spec.name}: phase2.pfs: expected a DH group (14, modp2048, none), found "${p2.pfs}"`);
        entry.pfsGroups = stated([g], `phase2.pfs: ${p2.pfs}`, at);
      }
      if (p2.lifetime !== undefined)
        entry.lifetimeSeconds = stated(seconds(p2.lifetime, file, spec.line, 'phase2.lifetime'), `phase2.lifetime: ${p2.lifetime}`, at);
      if (p2['lifetime-kb'] !== undefined) entry.lifetimeKilobytes = stated(p2['lifetime-kb'], `phase2.lifetime-kb: ${p2['lifetime-kb']}`, at);
      const cidrs = (list: string[], key: string) =>
        list.map((c) => {
          const v = canonicalCidr(c);
          if (!v) throw new ParseError(file, spec.line, `contract ${spec.name}: phase2.${key}: expected a CIDR such as 10.1.0.0/24, found "${c}"`);
          return v;
        });
      if (p2.local) entry.localSelectors = stated(cidrs(p2.local, 'local'), `phase2.local: ${p2.local.join(', ')}`, at);
      if (p2.remote) entry.remoteSelectors = stated(cidrs(p2.remote, 'remote'), `phase2.remote: ${p2.remote.join(', ')}`, at);
    }
  }
  if (spec.dpd !== undefined) {
    const d = seconds(spec.dpd, file, spec.line, 'dpd');
    t.dpd =
      d === 0
        ? { mode: stated('off', `dpd: ${spec.dpd}`, at) }
        : { mode: stated('periodic', `dpd: ${spec.dpd}`, at), delaySeconds: stated(d, `dpd: ${spec.dpd}`, at) };
  }
  // the partner's key is not in the repo: never compare it
  t.auth = { ...t.auth, psk: undefined };
  delete t.auth.psk;
  const interfaces = t.localGateway ? [{ name: 'contract', address: t.localGateway.value }] : [];
  return { vendor: 'contract', hostname: spec.name, origin: file, interfaces, tunnels: [t], diagnostics: [] };
}
