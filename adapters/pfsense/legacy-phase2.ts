/**
 * `<phase2>` entries of the `<ipsec>` section → Phase2, then what the generated strongSwan config
 * does to them across one phase 1:
 * - IKEv2 without split connections: pfSense/OPNsense put all phase 2s of a phase 1 into one
 *   CHILD_SA: proposals are merged (union) and, with swanctl, the last phase 2 that sets a lifetime
 *   sets it for all (array_merge in ipsec_setup_tunnels);
 * - ipsec.conf generation (pfSense ≤ 2.4, OPNsense legacy): one `lifetime` per phase 1, the
 *   shortest of its phase 2 lifetimes.
 * Each entry keeps its own selectors (that is how peers pair them); a value changed by these rules
 * becomes `inferred`, pointing at the entry that supplied it, with a diagnostic.
 */
import type { ChildProposal, Phase2, RekeyTiming, Setting } from '../../src/model/types.js';
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import { canonicalCidr } from '../../src/model/net.js';
import { dhGroupNumber } from '../../src/model/vocab.js';
import { ParseError } from '../../src/model/errors.js';
import { compactElement, flag, fromElement, lifetimeSetting, note, ref, warn, wholeNumber, type ReadContext, type WrittenTimers } from './context.js';
import { interfaceNetwork, type Family } from './interfaces.js';
import { readPhase2Proposals } from './legacy-proposals.js';
import { IPSEC_CONF_KEYLIFE, STRONGSWAN_CHILD_REKEY, opnsensePhase2Lifetime, pfsensePhase2Lifetime } from './timers.js';
import { child, childText, nonEmptyText, rawElement, type XNode } from './xml-tree.js';

/** What a phase 2 needs from its phase 1. */
export interface Phase1View {
  ikev1: boolean;
  /** IKEv2 with all phase 2s in one CHILD_SA (no `<splitconn/>` / `<tunnel_isolation/>`) */
  combined: boolean;
  localAddress?: string;
  remoteAddress?: string;
  /** line of the phase 1 `<interface>` / `<remote-gateway>` the transport selectors come from */
  localFrom?: XNode;
  remoteFrom?: XNode;
  /** OPNsense "Disable Rekey" on the phase 1 (`<rekey_enable/>`): children get life_time = 0 */
  rekeyDisabled?: boolean;
  /** OPNsense ≥ 23.1: the phase 1's `<margintime>` and `<rekeyfuzz>` (both set), which the children's rekey_time and rand_time come from */
  childMargin?: { margintime: number; rekeyfuzz: number };
  /** `<ipsec><client>` pool, for mobile phase 2s */
  mobilePool?: { cidr: string; node: XNode };
}

interface Phase2Read {
  node: XNode;
  phase2: Phase2;
  /** the `<lifetime>` as written, for the cross-entry rules */
  lifetime?: { value: number; node: XNode };
}

export function readPhase2s(ctx: ReadContext, nodes: XNode[], p1: Phase1View): Phase2[] {
  const read: Phase2Read[] = [];
  nodes.forEach((n, i) => {
    if (flag(n, 'disabled')) {
      note(ctx, `phase 2 '${phase2Name(n, i)}' is disabled and not compared`, n);
      return;
    }
    read.push(readPhase2(ctx, n, i, p1));
  });
  if (p1.combined && read.length > 1) {
    const option = ctx.vendor === 'pfsense' ? '"Split connections"' : '"Tunnel isolation"';
    note(
      ctx,
      `IKEv2 without ${option}: the ${read.length} phase 2 entries form one CHILD_SA (every local × every remote network, proposals merged); enable ${option} for one CHILD_SA per entry`,
      nodes[0],
    );
    mergeProposals(read);
  }
  // ipsec.conf: one lifetime per phase 1; OPNsense ≥ 23.1: the smallest life_time of a merged child
  if (ctx.timers === 'ipsec.conf' || (ctx.timers === 'opnsense-swanctl' && p1.combined && !p1.rekeyDisabled)) shortestLifetime(ctx, read);
  else if (ctx.timers === 'swanctl' && p1.combined) lastLifetime(ctx, read, p1.ikev1);
  if (ctx.timers === 'opnsense-swanctl' && !p1.ikev1 && p1.childMargin && !p1.rekeyDisabled) {
    for (const r of read) {
      const window = opnsenseChildWindow(r.phase2.lifetimeSeconds.value, p1.childMargin);
      if (window) r.phase2.rekey = window;
    }
  }
  if (ctx.timers === 'swanctl' && !p1.ikev1) {
    const last = p1.combined ? [...read].reverse().find((r) => r.lifetime !== undefined) : undefined;
    for (const r of read) {
      const window = pfsenseChildWindow(ctx, last ?? r, r.phase2.lifetimeSeconds.value);
      if (window) r.phase2.rekey = window;
    }
  }
  return read.map((r) => r.phase2);
}

/**
 * pfSense ≥ 2.5, IKEv2: the child timers ipsec.inc writes for an entry with a `<lifetime>` L —
 * `life_time` L, `rekey_time` (written, else 90 % of L), `rand_time` (written, else L − rekey) —
 * around the lifetime compared: a chosen `<rekey_time>` is the rekey, the SA deleted at L; a
 * `<lifetime>` read as written is the hard limit, rekeyed L − rekey plus up to rand_time earlier.
 * Without a `<lifetime>` no child timer is written and strongSwan's defaults apply (timers.ts).
 */
function pfsenseChildWindow(ctx: ReadContext, source: Phase2Read, compared: number): RekeyTiming | undefined {
  if (!source.lifetime || source.lifetime.value <= 0) return undefined;
  const life = source.lifetime.value;
  const rekey = wholeNumber(ctx, source.node, 'rekey_time')?.value ?? Math.trunc(life * 0.9);
  // child_cfg.c apply_jitter: the jitter never exceeds the rekey time
  const rand = Math.min(wholeNumber(ctx, source.node, 'rand_time')?.value ?? life - rekey, rekey);
  if (rekey <= 0 || rekey >= life) return undefined;
  if (compared === rekey) return { lifetimeIs: 'rekey', marginSeconds: 0, randSeconds: rand, overSeconds: life - rekey, basis: PFSENSE_CHILD_BASIS };
  if (compared === life) return { lifetimeIs: 'hard', marginSeconds: life - rekey, randSeconds: rand, overSeconds: 0, basis: PFSENSE_CHILD_BASIS };
  return undefined;
}

/**
 * OPNsense ≥ 23.1 with the phase 1's margintime m and rekeyfuzz f (ipsec_parse_phase2): life_time =
 * `<lifetime>` L, rekey_time = L − m, rand_time = m × f — a hard limit L renewed m plus up to
 * rand_time earlier, the jitter clamped to the rekey time (child_cfg.c apply_jitter). Without both
 * margins only life_time is written and the rekey time depends on the strongSwan release (≥ 5.9.9:
 * L ÷ 1.1): no window is drawn.
 */
function opnsenseChildWindow(life: number, m: { margintime: number; rekeyfuzz: number }): RekeyTiming | undefined {
  const rekey = life - m.margintime;
  if (life <= 0 || rekey <= 0) return undefined;
  return {
    lifetimeIs: 'hard',
    marginSeconds: m.margintime,
    randSeconds: Math.min(m.margintime * m.rekeyfuzz, rekey),
    overSeconds: 0,
    basis:
      'OPNsense ipsec.inc writes the child life_time = lifetime, rekey_time = lifetime − margintime, rand_time = margintime × rekeyfuzz (clamped to the rekey time by charon)',
  };
}

const PFSENSE_CHILD_BASIS =
  'pfSense ipsec.inc writes the child life_time, rekey_time (90 % of it unless set) and rand_time (life − rekey unless set): charon rekeys up to rand_time before the rekey time and deletes the SA at the life time';

function phase2Name(n: XNode, index: number): string {
  return nonEmptyText(n, 'descr') ?? (nonEmptyText(n, 'reqid') ? `reqid ${childText(n, 'reqid')}` : `phase 2 #${index + 1}`);
}

function readPhase2(ctx: ReadContext, n: XNode, index: number, p1: Phase1View): Phase2Read {
  const modeNode = child(n, 'mode');
  const modeText = modeNode?.text || 'tunnel';
  if (!['tunnel', 'tunnel6', 'transport', 'vti'].includes(modeText)) {
    throw new ParseError(ctx.file, modeNode?.line ?? n.line, `expected <mode> tunnel, tunnel6, transport or vti, found '${modeText}'`);
  }
  const family: Family = modeText === 'tunnel6' ? 'inet6' : 'inet';
  const mode: Setting<'tunnel' | 'transport'> = modeNode?.text
    ? fromElement(ctx, modeNode, modeText === 'transport' ? 'transport' : 'tunnel')
    : byDefault('tunnel', '<mode>tunnel</mode>');

  const { local, remote } = selectors(ctx, n, modeText, family, p1);
  const protoNode = child(n, 'protocol');
  const protocol = protoNode?.text === 'ah' ? 'ah' : 'esp';
  if (protoNode?.text && protoNode.text !== 'esp' && protoNode.text !== 'ah') {
    throw new ParseError(ctx.file, protoNode.line, `expected <protocol> esp or ah, found '${protoNode.text}'`);
  }
  const lifetime = wholeNumber(ctx, n, 'lifetime');
  const phase2: Phase2 = {
    name: phase2Name(n, index),
    at: ref(ctx, n),
    localSelectors: local,
    remoteSelectors: remote,
    mode,
    proposals: readPhase2Proposals(ctx, n, protocol),
    pfsGroups: pfs(ctx, n),
    lifetimeSeconds: ownLifetime(ctx, n, p1),
    lifetimeKilobytes: byDefault(0, '(no data-volume lifetime field)', 'kilobytes'),
  };
  return { node: n, phase2, lifetime };
}

// --- selectors ------------------------------------------------------------------------------

function selectors(ctx: ReadContext, n: XNode, mode: string, family: Family, p1: Phase1View): { local: Setting<string[]>; remote: Setting<string[]> } {
  if (mode === 'transport') {
    return {
      local: hostSelector(ctx, p1.localAddress, p1.localFrom, 'local', n),
      remote: hostSelector(ctx, p1.remoteAddress, p1.remoteFrom, 'remote', n),
    };
  }
  const natNode = mode === 'vti' ? undefined : child(n, 'natlocalid');
  const localNode = child(n, 'localid');
  let local = idSelector(ctx, localNode, family, mode, n, 'local');
  if (natNode) {
    const nat = idSelector(ctx, natNode, family, mode, n, 'NAT/BINAT local');
    note(
      ctx,
      `phase 2 translates its local network (NAT/BINAT): the peer sees ${nat.value.join(', ') || '(unresolved)'} instead of ${local.value.join(', ') || '(unresolved)'}`,
      natNode,
    );
    local = nat;
  }
  let remote: Setting<string[]>;
  const mobile = flag(n, 'mobile');
  if (mobile && !child(n, 'remoteid')) {
    remote = p1.mobilePool
      ? inferred([p1.mobilePool.cidr], compactElement(p1.mobilePool.node), ref(ctx, p1.mobilePool.node))
      : byDefault(['0.0.0.0/0'], '<remoteid><type>mobile</type></remoteid>');
  } else {
    remote = idSelector(ctx, child(n, 'remoteid'), family, mode, n, 'remote');
  }
  if (mode === 'vti') {
    // ipsec.inc ipsec_setup_vtireq() appends 0.0.0.0/0 to both sides of a VTI child SA: routed
    // traffic of any address uses it, so a peer with any ↔ any selectors matches it exactly
    note(ctx, 'VTI (routed) phase 2: selectors are the tunnel addresses plus 0.0.0.0/0 on both sides (pfSense adds it), so any routed traffic may use it', n);
    const withAny = (s: Setting<string[]>): Setting<string[]> =>
      s.value.length && !s.value.includes('0.0.0.0/0') ? { ...s, value: [...s.value, '0.0.0.0/0'] } : s;
    local = withAny(local);
    remote = withAny(remote);
  }
  return { local, remote };
}

function hostSelector(ctx: ReadContext, address: string | undefined, from: XNode | undefined, side: string, p2: XNode): Setting<string[]> {
  const cidr = address ? canonicalCidr(address) : undefined;
  if (cidr && from) return inferred([cidr], rawElement(from), ref(ctx, from));
  warn(ctx, `transport-mode phase 2: the ${side} address (from phase 1) is not known, so its selector is empty`, p2);
  return inferred([], '(transport mode: phase 1 address unknown)', ref(ctx, p2));
}

/** `<localid>`/`<remoteid>`: address, network, none/mobile, or an interface name (its subnet). */
function idSelector(ctx: ReadContext, id: XNode | undefined, family: Family, _mode: string, p2: XNode, side: string): Setting<string[]> {
  if (!id) {
    warn(ctx, `phase 2 has no ${side} id (<${side === 'remote' ? 'remoteid' : 'localid'}>): its ${side} selector is empty`, p2);
    return inferred([], `(no ${side} id)`, ref(ctx, p2));
  }
  const raw = compactElement(id);
  const type = childText(id, 'type') ?? '';
  const address = childText(id, 'address') ?? '';
  const any = family === 'inet6' ? '::/0' : '0.0.0.0/0';
  switch (type) {
    case 'address': {
      const cidr = canonicalCidr(address);
      if (cidr) return explicit([cidr], raw, ref(ctx, id));
      break;
    }
    case 'network': {
      const bits = childText(id, 'netbits') ?? '';
      const cidr = /^\d+$/.test(bits) ? canonicalCidr(address, Number(bits)) : undefined;
      if (cidr) return explicit([cidr], raw, ref(ctx, id));
      // `1.2.3.4/24` in <address> plus <netbits>: ipsec.inc writes 1.2.3.4/24/24, which strongSwan rejects
      const written = canonicalCidr(address);
      if (written && address.includes('/')) {
        warn(
          ctx,
          `${side} network '${address}' already carries a prefix and <netbits>${bits}</netbits> is added to it: strongSwan rejects '${address}/${bits}', this phase 2 will not load`,
          id,
        );
        return explicit([written], raw, ref(ctx, id));
      }
      break;
    }
    case 'none':
    case 'mobile':
      return explicit([any], raw, ref(ctx, id));
    case '':
      break;
    default: {
      const r = interfaceNetwork(ctx.index, type, family);
      if (r.ok) return inferred([r.value], raw, ref(ctx, id));
      warn(ctx, `${side} network '${type}' cannot be resolved: ${r.reason}${r.via.length ? ` (line ${r.via[0].line})` : ''}; the selector is empty`, id);
      return inferred([], raw, ref(ctx, id));
    }
  }
  throw new ParseError(ctx.file, id.line, `expected <${id.name}> with <type> address, network, none or an interface and a valid address, found ${raw}`);
}

// --- PFS and lifetimes ----------------------------------------------------------------------

/** `<pfsgroup>`: absent, empty or 0 is no PFS (ipsec_convert_to_modp has no entry for 0). */
function pfs(ctx: ReadContext, n: XNode): Setting<number[]> {
  const node = child(n, 'pfsgroup');
  if (!node || node.text === '') return byDefault([0], '<pfsgroup>0</pfsgroup>');
  const g = node.text === '0' ? 0 : dhGroupNumber(node.text);
  if (g === undefined) throw new ParseError(ctx.file, node.line, `expected <pfsgroup> to be a DH group number (0 = off), found '${node.text}'`);
  return fromElement(ctx, node, [g]);
}

function ownLifetime(ctx: ReadContext, n: XNode, p1: Phase1View): Setting<number> {
  const ikev1 = p1.ikev1;
  if (ctx.timers === 'opnsense-swanctl') return opnsenseLifetime(ctx, n, p1);
  const written: WrittenTimers = {
    lifetime: wholeNumber(ctx, n, 'lifetime'),
    rekey: wholeNumber(ctx, n, 'rekey_time'),
    rand: wholeNumber(ctx, n, 'rand_time'),
  };
  if (ctx.timers === 'ipsec.conf') {
    const l = written.lifetime;
    return l ? fromElement(ctx, l.node, l.value, 'seconds') : byDefault(IPSEC_CONF_KEYLIFE, `<lifetime>${IPSEC_CONF_KEYLIFE}</lifetime>`, 'seconds');
  }
  if (!written.lifetime && written.rekey) {
    warn(
      ctx,
      `phase 2 <rekey_time> is ignored without a <lifetime>: pfSense writes no child timers and strongSwan rekeys after ${STRONGSWAN_CHILD_REKEY} s`,
      written.rekey.node,
    );
  }
  const choice = pfsensePhase2Lifetime({ lifetime: written.lifetime?.value, rekey: written.rekey?.value }, ikev1);
  if (!written.lifetime)
    return byDefault(choice.value, ikev1 ? `life_time = ${choice.value}s (strongSwan)` : `rekey_time = ${choice.value}s (strongSwan)`, 'seconds');
  return lifetimeSetting(ctx, written, choice, `<lifetime>${choice.value}</lifetime>`);
}

/**
 * OPNsense ≥ 23.1 (timers.ts `opnsensePhase2Lifetime`): life_time = `<lifetime>`, compared as
 * written; empty leaves strongSwan's child defaults; "Disable Rekey" on the phase 1 writes 0.
 */
function opnsenseLifetime(ctx: ReadContext, n: XNode, p1: Phase1View): Setting<number> {
  const l = wholeNumber(ctx, n, 'lifetime');
  const choice = opnsensePhase2Lifetime(l?.value, p1.rekeyDisabled === true, p1.ikev1);
  if (p1.rekeyDisabled) return inferred(0, `${l ? rawElement(l.node) : '<lifetime/>'} → life_time = 0 ("Disable Rekey")`, ref(ctx, l?.node ?? n), 'seconds');
  if (l && choice.from === 'lifetime') return fromElement(ctx, l.node, l.value, 'seconds');
  return byDefault(choice.value, p1.ikev1 ? `life_time = ${choice.value}s (strongSwan)` : `rekey_time = ${choice.value}s (strongSwan)`, 'seconds');
}

/** ipsec.conf generation: the phase 1's shortest phase 2 lifetime applies to all of them. */
function shortestLifetime(ctx: ReadContext, read: Phase2Read[]): void {
  // the generators skip an empty or 0 lifetime (PHP !empty())
  const set = read.filter((r) => r.lifetime !== undefined && r.lifetime.value > 0);
  if (set.length === 0) return;
  const min = set.reduce((a, b) => (b.lifetime!.value < a.lifetime!.value ? b : a));
  for (const r of read) {
    if (r === min || r.lifetime?.value === min.lifetime!.value) continue;
    const from = min.lifetime!.node;
    r.phase2.lifetimeSeconds = inferred(min.lifetime!.value, rawElement(from), ref(ctx, from), 'seconds');
    note(
      ctx,
      `phase 2 '${r.phase2.name}' runs with lifetime ${min.lifetime!.value} s, the shortest phase 2 lifetime of its phase 1 (line ${from.line}), not its own ${r.lifetime ? `${r.lifetime.value} s` : 'default'}`,
      r.node,
    );
  }
}

/** swanctl, one CHILD_SA: the last entry with a `<lifetime>` sets the timers of the merged child. */
function lastLifetime(ctx: ReadContext, read: Phase2Read[], ikev1: boolean): void {
  const last = [...read].reverse().find((r) => r.lifetime !== undefined);
  if (!last) return;
  for (const r of read) {
    if (r === last) continue;
    const mine = r.phase2.lifetimeSeconds.value;
    const theirs = last.phase2.lifetimeSeconds;
    if (mine === theirs.value) continue;
    r.phase2.lifetimeSeconds = inferred(theirs.value, theirs.raw, theirs.at, 'seconds');
    note(
      ctx,
      `phase 2 '${r.phase2.name}' shares its CHILD_SA timers with '${last.phase2.name}' (${theirs.value} s${ikev1 ? '' : ' rekey'}), not its own ${mine} s`,
      r.node,
    );
  }
}

function mergeProposals(read: Phase2Read[]): void {
  const proposals: ChildProposal[] = [];
  const seen = new Set<string>();
  const groups: number[] = [];
  for (const r of read) {
    for (const p of r.phase2.proposals.value) {
      const key = JSON.stringify(p);
      if (!seen.has(key)) {
        seen.add(key);
        proposals.push(p);
      }
    }
    for (const g of r.phase2.pfsGroups.value) if (!groups.includes(g)) groups.push(g);
  }
  const distinct = (raws: string[]): string => [...new Set(raws)].join(' ');
  const proposalsRaw = distinct(read.map((x) => x.phase2.proposals.raw));
  const groupsRaw = distinct(read.map((x) => x.phase2.pfsGroups.raw));
  for (const r of read) {
    const own = r.phase2;
    if (JSON.stringify(own.proposals.value) !== JSON.stringify(proposals)) own.proposals = inferred(proposals, proposalsRaw, own.proposals.at);
    if (JSON.stringify(own.pfsGroups.value) !== JSON.stringify(groups)) own.pfsGroups = inferred(groups, groupsRaw, own.pfsGroups.at);
  }
}

/** The mobile client pool (`<ipsec><client><pool_address>`/`<pool_netbits>`), if any. */
export function mobilePool(client: XNode | undefined): { cidr: string; node: XNode } | undefined {
  const addr = child(client, 'pool_address');
  const bits = childText(client, 'pool_netbits');
  if (!addr?.text || !bits) return undefined;
  const cidr = canonicalCidr(addr.text, Number(bits));
  return cidr ? { cidr, node: addr } : undefined;
}
