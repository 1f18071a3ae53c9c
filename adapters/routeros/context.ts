/**
 * What every part of the RouterOS parse shares: the menus read, the replayed entries, the era
 * (which defaults apply), and the diagnostics being collected.
 */
import type { Diagnostic, InterfaceAddress, SourceRef } from '../../src/model/types.js';
import * as diagnostics from '../../src/model/diagnostics.js';
import type { Era } from './defaults.js';
import type { Item, Items } from './items.js';

export const MENU = {
  profile: 'ip ipsec profile',
  peerProfile: 'ip ipsec peer profile',
  peer: 'ip ipsec peer',
  identity: 'ip ipsec identity',
  proposal: 'ip ipsec proposal',
  policy: 'ip ipsec policy',
  address: 'ip address',
  address6: 'ipv6 address',
  systemIdentity: 'system identity',
  dhcpClient: 'ip dhcp-client',
} as const;

export const READ_MENUS = new Set<string>([...Object.values(MENU), 'ip ipsec policy group', 'ip ipsec mode-config']);

/** What every part of the parse needs. */
export interface Ctx {
  file: string;
  era: Era;
  items: Items;
  diagnostics: Diagnostic[];
  interfaces: InterfaceAddress[];
  /** phase 2s generated from policy templates so far (peers × templates: bounded, parse.ts) */
  generated?: number;
  /** the enabled policy templates of each group, listed once per parse */
  templatesByGroup?: Map<string, Item[]>;
}

export function at(ctx: Pick<Ctx, 'file'>, line: number | undefined): SourceRef | undefined {
  return line === undefined ? undefined : { file: ctx.file, line };
}

export function warn(ctx: Pick<Ctx, 'file' | 'diagnostics'>, message: string, line?: number): void {
  diagnostics.warn(ctx, message, at(ctx, line));
}

export function note(ctx: Pick<Ctx, 'file' | 'diagnostics'>, message: string, line?: number): void {
  diagnostics.note(ctx, message, at(ctx, line));
}

/** `name=x`, or for the v6 peers that have no name, `address=…`: the `[ find … ]` filter for the entry. */
export function selectorOf(item: Item): string {
  if (item.builtIn) return 'default=yes';
  const name = item.args.get('name');
  if (name) return name.raw;
  for (const key of ['peer', 'address', 'comment']) {
    const a = item.args.get(key);
    if (a) return a.raw;
  }
  return `*${item.line ?? 0}`;
}
