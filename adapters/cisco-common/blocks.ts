/**
 * Group clean lines into blocks: a top-level command and the sub-commands under it.
 *
 * `show running-config` indents sub-commands, but real files break that rule both ways:
 * - typed sessions (`conf t` … pasted into a README) write sub-commands unindented, so an
 *   unindented line that is a known sub-command of the open block belongs to it;
 * - `show running-config all` on some ASA releases prints random top-level lines with one leading
 *   blank, so an indented line that is plainly a global command (`crypto map X 10 set …`) and not
 *   a sub-command of the open block starts a new block.
 * `exit` closes the open block; `!` lines were already dropped and do not close anything (IOS
 * configs put `!` comments inside blocks).
 */
import { type CiscoLine, type CleanedText, firstKey, splitWords } from './lines.js';

export interface Block {
  head: CiscoLine;
  children: CiscoLine[];
}

const GLOBAL = ['crypto', 'access-list', 'tunnel-group', 'object', 'object-group', 'interface', 'hostname', 'group-policy', 'route'];

/** Commands that only exist at top level: seen indented, they are the `show run all` quirk. */
export function looksGlobal(line: CiscoLine): boolean {
  const first = firstKey(line);
  return GLOBAL.includes((first === 'no' ? line.keys[1] : first) as string);
}

/** `interface`, or the abbreviation people type in sessions (`int g0/0`). */
export function isInterfaceKeyword(word: string | undefined): boolean {
  return word !== undefined && /^int(e(r(f(a(ce?)?)?)?)?)?$/.test(word);
}

export type Kind =
  | 'interface'
  | 'ike-policy'
  | 'ipsec-proposal'
  | 'transform-set'
  | 'tunnel-group'
  | 'object'
  | 'object-group'
  | 'crypto-map'
  | 'ipsec-profile'
  | 'isakmp-profile'
  | 'keyring'
  | 'ikev2'
  | 'acl'
  | 'other';

/** First words of the heads of the kinds below: any other line opens an 'other' block (without being split). */
const KIND_FIRST = new Set(['crypto', 'tunnel-group', 'object', 'object-group', 'ip', 'ipv6']);

/** What kind of block a head line opens (only the kinds whose sub-commands we read). */
export function blockKind(keys: string[]): Kind {
  const [a, b, c, d] = keys;
  if (isInterfaceKeyword(a)) return 'interface';
  if (a === 'crypto' && (b === 'ikev1' || b === 'isakmp') && c === 'policy') return 'ike-policy';
  if (a === 'crypto' && b === 'ikev2' && c === 'policy') return 'ikev2';
  if (a === 'crypto' && b === 'ipsec' && c === 'ikev2' && d === 'ipsec-proposal') return 'ipsec-proposal';
  if (a === 'crypto' && b === 'ipsec' && (c === 'transform-set' || (c === 'ikev1' && d === 'transform-set'))) return 'transform-set';
  if (a === 'crypto' && b === 'ipsec' && c === 'profile') return 'ipsec-profile';
  if (a === 'crypto' && b === 'isakmp' && c === 'profile') return 'isakmp-profile';
  if (a === 'crypto' && b === 'keyring') return 'keyring';
  if (a === 'crypto' && b === 'ikev2' && (c === 'proposal' || c === 'profile' || c === 'keyring')) return 'ikev2';
  if (a === 'crypto' && (b === 'map' || b === 'dynamic-map') && keys.length <= 5) return 'crypto-map';
  if (a === 'tunnel-group') return 'tunnel-group';
  if (a === 'object' && b === 'network') return 'object';
  if (a === 'object-group' && b === 'network') return 'object-group';
  if (a === 'ip' && b === 'access-list') return 'acl';
  if (a === 'ipv6' && b === 'access-list') return 'acl';
  return 'other';
}

const SUB: Record<Kind, readonly string[]> = {
  interface: [
    'nameif',
    'ip',
    'ipv6',
    'security-level',
    'shutdown',
    'no',
    'description',
    'tunnel',
    'speed',
    'duplex',
    'switchport',
    'vlan',
    'management-only',
    'crypto',
    'encapsulation',
  ],
  'ike-policy': ['authentication', 'encryption', 'encr', 'hash', 'group', 'lifetime'],
  ikev2: [
    'encryption',
    'integrity',
    'group',
    'prf',
    'proposal',
    'match',
    'authentication',
    'keyring',
    'identity',
    'lifetime',
    'dpd',
    'nat',
    'peer',
    'address',
    'pre-shared-key',
    'description',
    'hostname',
  ],
  'ipsec-proposal': ['protocol'],
  'transform-set': ['mode'],
  'tunnel-group': ['ikev1', 'ikev2', 'pre-shared-key', 'isakmp', 'peer-id-validate', 'chain', 'trust-point', 'default-group-policy'],
  object: ['host', 'subnet', 'range', 'fqdn', 'description', 'nat'],
  'object-group': ['network-object', 'group-object', 'description', 'host', 'range'],
  'crypto-map': ['set', 'match', 'description', 'reverse-route'],
  'ipsec-profile': ['set', 'responder-only', 'description'],
  'isakmp-profile': ['keyring', 'match', 'self-identity', 'keepalive', 'local-address', 'initiate', 'vrf', 'description'],
  keyring: ['pre-shared-key', 'local-address', 'description'],
  acl: ['permit', 'deny', 'remark'],
  other: [],
};

/** The kind of block a line opens, splitting it only when its first word can open a kind we read. */
export function kindOf(line: CiscoLine): Kind {
  const a = firstKey(line) as string;
  // an object or object-group (thousands on a hub) is told by its second word: the line is not split
  if (a === 'object' || a === 'object-group') {
    const b = splitWords(line.text, 2)[1]?.toLowerCase();
    return b === 'network' ? (a === 'object' ? 'object' : 'object-group') : 'other';
  }
  return KIND_FIRST.has(a) || isInterfaceKeyword(a) ? blockKind(line.keys) : 'other';
}

/** Is an unindented line (typed session) a sub-command of a block of this kind? */
function isSubcommand(kind: Kind, line: CiscoLine): boolean {
  const first = firstKey(line) as string;
  // nothing is a sub-command of a block we do not read (asked before the line is split)
  if (kind === 'other') return false;
  const keys = line.keys;
  // a typed `no set pfs` under a crypto map entry or an IPsec profile takes back one of its settings
  if (first === 'no' && (kind === 'crypto-map' || kind === 'ipsec-profile')) return keys[1] === 'set' || keys[1] === 'match';
  if (!SUB[kind].includes(first)) {
    // IOS object-group bodies and ACL lines can start with an address or a sequence number
    if (kind === 'object-group' && /^\d+\.\d+\.\d+\.\d+$/.test(first)) return true;
    if (kind === 'acl' && /^\d+$/.test(first) && (keys[1] === 'permit' || keys[1] === 'deny')) return true;
    return false;
  }
  if (kind === 'interface') {
    if (first === 'ip' || first === 'ipv6') return keys[1] === 'address';
    if (first === 'crypto') return keys[1] === 'map' && keys.length === 3;
    // `no ip address`, not `no ip access-list …` (a global command typed after the interface)
    if (first === 'no')
      return ['shutdown', 'nameif', 'security-level'].includes(keys[1]) || ((keys[1] === 'ip' || keys[1] === 'ipv6') && keys[2] === 'address');
  }
  return true;
}

/** An indented line that is a sub-command of the open block even though it looks global. */
function indentedChildOk(kind: Kind, line: CiscoLine): boolean {
  return kind === 'interface' && firstKey(line) === 'crypto' && line.keys[1] === 'map' && line.keys.length === 3;
}

/** Does a line belong to the open block of this kind (rather than start a block of its own)? */
export function belongsTo(kind: Kind, line: CiscoLine): boolean {
  return line.indent > 0 ? !looksGlobal(line) || indentedChildOk(kind, line) : isSubcommand(kind, line);
}

export function buildBlocks(cleaned: CleanedText): Block[] {
  const blocks: Block[] = [];
  let open: { block: Block; kind: Kind } | undefined;
  for (const line of cleaned.lines) {
    if (cleaned.exits.has(line.n)) {
      open = undefined;
      continue;
    }
    if (open && belongsTo(open.kind, line)) {
      open.block.children.push(line);
      continue;
    }
    const block: Block = { head: line, children: [] };
    blocks.push(block);
    open = { block, kind: kindOf(line) };
  }
  return blocks;
}
