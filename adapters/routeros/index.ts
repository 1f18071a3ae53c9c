/**
 * MikroTik RouterOS: `/export`, `/export verbose`, `/ip ipsec export` (v6 and v7), and the API
 * `print` replies of a live pull (through `apiRepliesToExport`). See README.md.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { fixRouterOs } from './fix.js';
import { live } from './live.js';
import { parseRouterOs } from './parse.js';
import { routerosState } from './state.js';

export { apiRepliesToExport, type ApiReplies } from './api.js';
export { API_COMMANDS, CLI_COMMANDS } from './live.js';

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
  detectCeiling: 0.98,
  detect: detectRouterOs,
  parse: parseRouterOs,
  live,
  fix: fixRouterOs,
  state: routerosState,
};
