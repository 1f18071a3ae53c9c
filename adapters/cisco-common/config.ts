/**
 * Everything ASA and IOS configurations have in common, read once from the text. Each adapter
 * then adds what is its own (ASA tunnel-groups; IOS keyrings and profiles) and builds tunnels.
 */
import { ParseError } from '../../src/model/errors.js';
import { type AddressBook, addressBookOf } from './addresses.js';
import { type Block, isInterfaceKeyword } from './blocks.js';
import { type Ctx, type Located, newCtx } from './context.js';
import {
  type IpsecProposal,
  type IpsecSettings,
  type Ikev1Policy,
  type Ikev2Policy,
  type Ikev2Proposal,
  type TransformSet,
  applySet,
  collectGlobalSaLifetime,
  collectIkeEnables,
  collectIkev1Policies,
  collectIkev2IpsecProposals,
  collectIkev2Policies,
  collectIkev2Proposals,
  collectTransformSets,
  emptySettings,
  unsetSetting,
} from './crypto.js';
import { type CryptoMaps, collectCryptoMaps } from './cryptomap.js';
import { type Interfaces, collectInterfaces } from './interfaces.js';
import { type CiscoLine, type Release, safeText } from './lines.js';
import { scanCisco } from './scan.js';

export interface IpsecProfile extends IpsecSettings {
  name: string;
  at: CiscoLine;
}

export interface CiscoConfig {
  ctx: Ctx;
  /** every block but ACL entries, objects and object-groups (those are in `book`) */
  blocks: Block[];
  hostname?: string;
  /** `ASA Version …` / `version …` as printed; undefined for excerpts without it */
  release?: Release;
  ifs: Interfaces;
  book: AddressBook;
  transformSets: Map<string, TransformSet>;
  ipsecProposals: Map<string, IpsecProposal>;
  ikev1Policies: Ikev1Policy[];
  ikev2Policies: Ikev2Policy[];
  ikev2Proposals: Map<string, Ikev2Proposal>;
  enables: { v1: Array<Located<string>>; v2: Array<Located<string>> };
  globalLifetime: Pick<IpsecSettings, 'lifetimeSeconds' | 'lifetimeKilobytes'>;
  maps: CryptoMaps;
  ipsecProfiles: Map<string, IpsecProfile>;
}

/** `crypto ipsec profile NAME` with `set …` children (VTI on ASA ≥ 9.7 and IOS). */
function collectIpsecProfiles(ctx: Ctx, blocks: Block[]): Map<string, IpsecProfile> {
  const out = new Map<string, IpsecProfile>();
  for (const b of blocks) {
    const k = b.head.keys;
    if (!(k[0] === 'crypto' && k[1] === 'ipsec' && k[2] === 'profile' && b.head.words[3])) continue;
    // a profile entered again (a fix appended to the file) changes the one already read
    const p: IpsecProfile = out.get(b.head.words[3]) ?? { ...emptySettings(), name: b.head.words[3], at: b.head };
    for (const c of b.children) {
      if (c.keys[0] === 'set') applySet(ctx, p, c, 0, `crypto ipsec profile ${p.name}`);
      else if (c.keys[0] === 'no' && c.keys[1] === 'set') unsetSetting(p, c, 1);
    }
    out.set(p.name, p);
  }
  return out;
}

/** Top-level commands every Cisco configuration (or crypto excerpt of one) has at least one of. */
function isCiscoMarker(keys: string[]): boolean {
  const [a, b] = keys;
  return (
    ['crypto', 'access-list', 'tunnel-group', 'hostname', 'object', 'object-group', 'group-policy'].includes(a) ||
    isInterfaceKeyword(a) ||
    (a === 'ip' && b === 'access-list')
  );
}

export function readCiscoConfig(text: string, file: string, expected: string): CiscoConfig {
  const ctx = newCtx(file);
  // ACL entries, objects and object-groups are the address book's alone (no other reader looks
  // at a head starting with these words): they are kept out of `blocks`, as places in the text,
  // so a hub's thousands of such lines are never split into words unless a crypto map names them
  const scanned = scanCisco(text, (l) => isCiscoMarker(l.keys));
  const first = scanned.first;
  // line 1: every input error is `file:line: …`, an empty file included (issue 13)
  if (first === undefined) throw new ParseError(file, 1, `expected ${expected}, found an empty file (or only comments)`);
  if (!scanned.marked) {
    throw new ParseError(
      file,
      first.n,
      `expected ${expected} (crypto, interface, access-list or tunnel-group commands), found "${safeText(first).slice(0, 60)}"`,
    );
  }
  const blocks = scanned.blocks;
  const hostnameLine = blocks.find((b) => b.head.keys[0] === 'hostname' && b.head.words[1]);
  return {
    ctx,
    blocks,
    hostname: hostnameLine?.head.words[1] ?? scanned.promptHostname,
    ...(scanned.release ? { release: scanned.release } : {}),
    ifs: collectInterfaces(ctx, blocks),
    book: addressBookOf(scanned.book),
    transformSets: collectTransformSets(ctx, blocks),
    ipsecProposals: collectIkev2IpsecProposals(ctx, blocks),
    ikev1Policies: collectIkev1Policies(ctx, blocks),
    ikev2Policies: collectIkev2Policies(ctx, blocks),
    ikev2Proposals: collectIkev2Proposals(ctx, blocks),
    enables: collectIkeEnables(blocks),
    globalLifetime: collectGlobalSaLifetime(ctx, blocks),
    maps: collectCryptoMaps(ctx, blocks),
    ipsecProfiles: collectIpsecProfiles(ctx, blocks),
  };
}

/** Top-level lines starting with the given lower-case words, in file order. */
export function linesStarting(cfg: CiscoConfig, ...words: string[]): CiscoLine[] {
  return cfg.blocks.map((b) => b.head).filter((h) => words.every((w, i) => h.keys[i] === w));
}
