/**
 * MikroTik RouterOS: `/export`, `/export verbose`, `/ip ipsec export` (v6 and v7), and the API
 * `print` replies of a live pull (through `apiRepliesToExport`). See README.md.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { fixRouterOs } from './fix.js';
import { parseRouterOs } from './parse.js';

export { apiRepliesToExport, type ApiReplies } from './api.js';

/**
 * CLI (ssh): the exports `parse` reads. `verbose` prints every property, defaults included, so
 * nothing has to be assumed about the version. RouterOS 7 prints secrets only with
 * `show-sensitive` (they are fingerprinted on read and never leave the parser); RouterOS 6 has no
 * such flag and prints them unless `hide-sensitive`, so the collector tries the v7 form first.
 */
export const CLI_COMMANDS = [
  '/ip ipsec export verbose show-sensitive',
  '/ip ipsec export verbose',
  '/ip address export verbose',
  '/ipv6 address export verbose',
  '/system identity export',
] as const;

/**
 * API (node-routeros): the `print`s whose replies `apiRepliesToExport` turns into export text.
 * `/system/resource/print` gives the version (v6 and v7 defaults differ); `/ip/ipsec/peer/profile`
 * exists only on 6.43 and fails harmlessly elsewhere.
 */
export const API_COMMANDS = [
  '/system/resource/print',
  '/system/identity/print',
  '/ip/address/print',
  '/ipv6/address/print',
  '/ip/ipsec/profile/print',
  '/ip/ipsec/peer/profile/print',
  '/ip/ipsec/peer/print',
  '/ip/ipsec/identity/print',
  '/ip/ipsec/proposal/print',
  '/ip/ipsec/policy/print',
  '/ip/ipsec/policy/group/print',
] as const;

const MENU_LINE = /^\/(?:ip|ipv6|interface|system|routing|ppp|tool|user|queue|snmp|certificate|caps-man|radius|ip\/[a-z-]+)\b[^\n]*$/gm;

/** A RouterOS export: the `by RouterOS` header, else menu lines, `/ip ipsec` above all. */
export function detectRouterOs(text: string, fileName: string): number {
  const head = text.slice(0, 16384);
  if (/^#[^\n]*\bby RouterOS \d/m.test(head)) return 0.98;
  const menus = head.match(MENU_LINE)?.length ?? 0;
  if (menus === 0) return 0;
  let score = /^\/ip[ /]ipsec\b/m.test(head) ? 0.9 : menus >= 2 ? 0.75 : 0.6;
  if (/\.rsc$/i.test(fileName)) score = Math.min(0.95, score + 0.05);
  return score;
}

export const adapter: Adapter = {
  id: 'routeros',
  label: 'MikroTik RouterOS export',
  detect: detectRouterOs,
  parse: parseRouterOs,
  commands: [...CLI_COMMANDS, ...API_COMMANDS],
  fix: fixRouterOs,
};
