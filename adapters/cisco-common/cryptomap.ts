/**
 * Crypto maps and dynamic maps, in both notations:
 * - ASA one-liners: `crypto map NAME SEQ match address ACL`, `crypto map NAME SEQ set …`,
 *   `crypto map NAME SEQ ipsec-isakmp dynamic DYN`, `crypto dynamic-map DYN SEQ set …`,
 *   `crypto map NAME interface IF`;
 * - IOS blocks: `crypto map NAME SEQ ipsec-isakmp [dynamic DYN]` / `crypto dynamic-map DYN SEQ`
 *   with `match address` and `set …` children; the map is applied under `interface … crypto map NAME`.
 * Both forms fill the same entry record, so a file mixing them (batfish's parser tests do) reads.
 */
import type { Block } from './blocks.js';
import { type Ctx, type Located, fail, note } from './context.js';
import { type IpsecSettings, applySet, emptySettings, unsetSetting } from './crypto.js';
import { parseWholeNumber } from '../../src/model/units.js';
import type { CiscoLine } from './lines.js';

export interface MapEntry extends IpsecSettings {
  map: string;
  seq: number;
  /** an entry of a `crypto dynamic-map` (answers any peer) */
  dynamic: boolean;
  at: CiscoLine;
  match?: Located<string>;
  /** `crypto map NAME SEQ ipsec-isakmp dynamic DYN`: this entry stands for dynamic map DYN */
  dynamicRef?: Located<string>;
  manual?: CiscoLine;
}

export interface MapBinding {
  map: string;
  /** ASA: the nameif; IOS: the interface name */
  iface: string;
  line: CiscoLine;
}

export interface CryptoMaps {
  /** static maps by name, entries in sequence order */
  maps: Map<string, MapEntry[]>;
  dynamicMaps: Map<string, MapEntry[]>;
  /** ASA `crypto map NAME interface IF` */
  bindings: MapBinding[];
  /** IOS `crypto map NAME local-address IF` */
  localAddress: Map<string, Located<string>>;
}

/**
 * The entry `map seq`, made when new. Entries are found through `seqs` and put in sequence order
 * once, when all are read (a hub's map has hundreds: a search and a sort per line was quadratic).
 */
function entryFor(
  list: Map<string, MapEntry[]>,
  seqs: Map<string, Map<number, MapEntry>>,
  map: string,
  seq: number,
  dynamic: boolean,
  line: CiscoLine,
): MapEntry {
  const key = `${dynamic ? 'd' : 's'} ${map}`;
  let bySeq = seqs.get(key);
  if (!bySeq) {
    bySeq = new Map();
    seqs.set(key, bySeq);
  }
  let e = bySeq.get(seq);
  if (!e) {
    e = { ...emptySettings(), map, seq, dynamic, at: line };
    bySeq.set(seq, e);
    const entries = list.get(map);
    if (entries) entries.push(e);
    else list.set(map, [e]);
  }
  return e;
}

/** One command of an entry: `match address ACL`, `set …`, or the IOS header keywords. */
function applyEntryCommand(ctx: Ctx, e: MapEntry, line: CiscoLine, i: number): void {
  const k = line.keys;
  const what = `${e.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${e.map} ${e.seq}`;
  if (k[i] === 'no') {
    if (k[i + 1] === 'set') unsetSetting(e, line, i + 1);
    else if (k[i + 1] === 'match' && k[i + 2] === 'address') delete e.match;
    return;
  }
  if (k[i] === 'match' && k[i + 1] === 'address') {
    const acl = line.words[i + 2];
    if (acl === undefined) fail(ctx, line, 'expected an access-list name after "match address"');
    e.match = { value: acl, line };
  } else if (k[i] === 'set') {
    applySet(ctx, e, line, i, what);
  } else if (k[i] === 'ipsec-isakmp') {
    if (k[i + 1] === 'dynamic') {
      const dyn = line.words[i + 2];
      if (dyn === undefined) fail(ctx, line, 'expected a dynamic-map name after "ipsec-isakmp dynamic"');
      e.dynamicRef = { value: dyn, line };
    }
  } else if (k[i] === 'ipsec-manual') {
    e.manual = line;
  } else if (k[i] !== undefined && !['description', 'reverse-route', 'gdoi', 'ipsec-isakmp'].includes(k[i])) {
    note(ctx, `${what}: "${line.words.slice(i).join(' ')}" is not read`, line);
  }
}

/**
 * A top-level `no crypto map …` as the device applies it: `no crypto map X 10 set pfs` (ASA
 * one-liner; `… set tfc-packets` from show run all restates a default and changes nothing),
 * `no crypto map X 10 match address A`, `no crypto map X 10` (the entry), `no crypto map X
 * interface IF` (the binding).
 */
function takeBack(out: CryptoMaps, seqs: Map<string, Map<number, MapEntry>>, line: CiscoLine): void {
  const k = line.keys.slice(1);
  const w = line.words.slice(1);
  if (k[0] !== 'crypto' || (k[1] !== 'map' && k[1] !== 'dynamic-map') || !w[2]) return;
  const list = k[1] === 'map' ? out.maps : out.dynamicMaps;
  if (k[1] === 'map' && k[3] === 'interface') {
    out.bindings = out.bindings.filter((b) => !(b.map === w[2] && (w[4] === undefined || b.iface === w[4])));
    return;
  }
  const seq = parseWholeNumber(k[3] ?? '');
  const entries = list.get(w[2]);
  if (seq === undefined || !entries) return;
  const bySeq = seqs.get(`${k[1] === 'map' ? 's' : 'd'} ${w[2]}`);
  const e = bySeq?.get(seq);
  if (!e) return;
  if (k.length === 4 || (k.length === 5 && (k[4] === 'ipsec-isakmp' || k[4] === 'ipsec-manual'))) {
    list.set(
      w[2],
      entries.filter((x) => x !== e),
    );
    bySeq?.delete(seq);
    return;
  }
  if (k[4] === 'set') unsetSetting(e, { ...line, keys: k, words: w }, 4);
  else if (k[4] === 'match' && k[5] === 'address') delete e.match;
}

export function collectCryptoMaps(ctx: Ctx, blocks: Block[]): CryptoMaps {
  const out: CryptoMaps = { maps: new Map(), dynamicMaps: new Map(), bindings: [], localAddress: new Map() };
  const seqs = new Map<string, Map<number, MapEntry>>();
  for (const b of blocks) {
    if (b.head.keys[0] === 'no') {
      takeBack(out, seqs, b.head);
      continue;
    }
    const k = b.head.keys;
    const w = b.head.words;
    if (k[0] !== 'crypto' || (k[1] !== 'map' && k[1] !== 'dynamic-map')) continue;
    const dynamic = k[1] === 'dynamic-map';
    const name = w[2];
    if (name === undefined) fail(ctx, b.head, `expected a ${dynamic ? 'dynamic-map' : 'crypto map'} name`);
    if (!dynamic && k[3] === 'interface') {
      if (w[4] === undefined) fail(ctx, b.head, 'expected an interface name after "interface"');
      out.bindings.push({ map: name, iface: w[4], line: b.head });
      continue;
    }
    if (!dynamic && k[3] === 'local-address' && w[4]) {
      out.localAddress.set(name, { value: w[4], line: b.head });
      continue;
    }
    const seq = parseWholeNumber(k[3] ?? '');
    if (seq === undefined) {
      // `crypto map X redundancy …`, `crypto map X client …`: not about an entry
      if (!['redundancy', 'client', 'isakmp', 'isakmp-profile', 'gdoi'].includes(k[3] ?? '')) note(ctx, `"${b.head.text}" is not read`, b.head);
      continue;
    }
    const e = entryFor(dynamic ? out.dynamicMaps : out.maps, seqs, name, seq, dynamic, b.head);
    if (k.length > 4) applyEntryCommand(ctx, e, b.head, 4);
    for (const c of b.children) applyEntryCommand(ctx, e, c, 0);
  }
  // (seq is unique in a map: this is the order sorting after each new entry gave)
  for (const list of [out.maps, out.dynamicMaps]) for (const entries of list.values()) entries.sort((a, b) => a.seq - b.seq);
  return out;
}
