/**
 * Traffic selectors of a crypto map entry: the permit entries of its `match address` ACL, source =
 * local, destination = remote. Cisco negotiates one SA pair per permit entry; the model has one
 * phase 2 per crypto map entry, so the entries are merged (union of sources, union of
 * destinations) and a note says so when that widens what an entry-by-entry reading would give.
 *
 * A name that cannot be resolved (ACL, object, object-group) is a warning naming both the
 * referencing line and the crypto map line; when nothing at all resolves, there is no selector
 * (never a silently empty one) and the caller leaves the phase 2 out.
 */
import type { PortRange, Setting } from '../../src/model/types.js';
import { explicit, inferred } from '../../src/model/setting.js';
import { type AddressBook, type Ace, type Ports, resolveAddress } from './addresses.js';
import { type Ctx, at, note, warn } from './context.js';
import type { Interfaces } from './interfaces.js';
import { findInterface } from './interfaces.js';
import type { MapEntry } from './cryptomap.js';

export interface Selectors {
  local: Setting<string[]>;
  remote: Setting<string[]>;
  protocol?: Setting<number>;
  /** source-side / destination-side ports, when every entry used says the same (absent = any) */
  localPorts?: Setting<PortRange[]>;
  remotePorts?: Setting<PortRange[]>;
}

/** The ports every entry agrees on: ranges, 'any', or undefined when they differ or cannot be read. */
function commonPorts(aces: Ace[], side: 'srcPorts' | 'dstPorts'): PortRange[] | 'any' | undefined {
  const key = (p: Ports | undefined) => (p === undefined ? 'any' : p.readable ? JSON.stringify(p.ranges) : '?');
  const keys = new Set(aces.map((a) => key(a[side])));
  if (keys.size !== 1 || keys.has('?')) return undefined;
  const first = aces[0][side];
  return first === undefined ? 'any' : first.ranges;
}

/** 0.0.0.0/0 ↔ 0.0.0.0/0 derived from a line (VTI, dynamic map without ACL). */
export function anySelectors(ctx: Ctx, raw: string, line: { n: number }): Selectors {
  const ref = { file: ctx.file, line: line.n };
  return { local: inferred(['0.0.0.0/0'], raw, ref), remote: inferred(['0.0.0.0/0'], raw, ref) };
}

export function entrySelectors(ctx: Ctx, entry: MapEntry, book: AddressBook, ifs: Interfaces): Selectors | undefined {
  const what = `${entry.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${entry.map} ${entry.seq}`;
  if (!entry.match) {
    if (entry.dynamic) return anySelectors(ctx, `${what} (no match address: accepts the selectors the peer proposes)`, entry.at);
    warn(ctx, `${what} has no "match address": the entry is incomplete and carries no traffic`, entry.at);
    return undefined;
  }
  const m = entry.match;
  const acl = book.acls.get(m.value);
  if (!acl) {
    warn(ctx, `${what} (line ${m.line.n}) matches access-list ${m.value}, which is not defined in this file: its traffic selectors are unknown`, m.line);
    return undefined;
  }
  const permits = acl.aces.filter((a) => a.action === 'permit' && !a.inactive);
  if (acl.aces.some((a) => a.action === 'deny' && !a.inactive))
    note(ctx, `access-list ${acl.name} has deny entries: they exclude traffic from ${what}, which the selectors here do not show`, m.line);
  if (permits.length === 0) {
    warn(ctx, `access-list ${acl.name} (used by ${what}, line ${m.line.n}) has no active permit entry: the entry carries no traffic`, m.line);
    return undefined;
  }
  const local: string[] = [];
  const remote: string[] = [];
  const protocols = new Set<number>();
  const used: typeof permits = [];
  const ifAddr = (name: string): string | undefined => findInterface(ifs, name)?.address?.value.ip;
  for (const ace of permits) {
    const src = resolveAddress(ace.src, ace.line, book, ifAddr);
    const dst = resolveAddress(ace.dst, ace.line, book, ifAddr);
    for (const miss of [...src.missing, ...dst.missing]) {
      const via = miss.line === ace.line ? '' : ` (through line ${miss.line.n}: ${miss.line.text})`;
      warn(
        ctx,
        `access-list ${acl.name} (line ${ace.line.n}), used by ${what} (line ${m.line.n}), references ${miss.what}${via}, which is not defined in this file`,
        ace.line,
      );
    }
    for (const bad of [...src.unreadable, ...dst.unreadable])
      warn(ctx, `"${bad.text}" in access-list ${acl.name} (used by ${what}) is not an address this tool can read (fqdn or non-contiguous wildcard)`, bad.line);
    if (src.cidrs.length === 0 || dst.cidrs.length === 0) continue;
    for (const c of src.cidrs) if (!local.includes(c)) local.push(c);
    for (const c of dst.cidrs) if (!remote.includes(c)) remote.push(c);
    protocols.add(ace.protocol);
    used.push(ace);
    if ((ace.srcPorts && !ace.srcPorts.readable) || (ace.dstPorts && !ace.dstPorts.readable) || (ace.ports && !ace.srcPorts && !ace.dstPorts))
      note(ctx, `access-list ${acl.name} entry narrows by a port name or service object this tool does not read; its ports are compared as any`, ace.line);
  }
  if (used.length === 0) {
    warn(
      ctx,
      `${what}: no entry of access-list ${acl.name} resolves to addresses, so its traffic selectors are unknown and its phase 2 is not compared`,
      m.line,
    );
    return undefined;
  }
  if (used.length > 1)
    note(
      ctx,
      `${what}: access-list ${acl.name} has ${used.length} permit entries; Cisco negotiates one SA pair per entry, compared here as one phase 2 (sources ↔ destinations)`,
      m.line,
    );
  // a named IOS ACL's entries do not carry its name: the header goes first so the raw says which ACL
  const header = acl.at.keys[0] === 'access-list' ? [] : [acl.at.text];
  const raw = [...header, ...used.map((a) => a.line.text)].join('; ');
  const ref = at(ctx, used[0].line);
  const out: Selectors = { local: explicit(local, raw, ref), remote: explicit(remote, raw, ref) };
  const proto = protocols.size === 1 ? [...protocols][0] : 0;
  if (protocols.size > 1) note(ctx, `${what}: access-list ${acl.name} mixes protocols; compared as any protocol`, m.line);
  if (proto !== 0) out.protocol = explicit(proto, raw, ref);
  const lp = commonPorts(used, 'srcPorts');
  const rp = commonPorts(used, 'dstPorts');
  if (Array.isArray(lp) && lp.length) out.localPorts = explicit(lp, raw, ref);
  if (Array.isArray(rp) && rp.length) out.remotePorts = explicit(rp, raw, ref);
  if (used.length > 1 && (lp === undefined || rp === undefined) && used.some((a) => a.srcPorts || a.dstPorts))
    note(ctx, `${what}: the entries of access-list ${acl.name} narrow to different ports; compared as any port`, m.line);
  return out;
}
