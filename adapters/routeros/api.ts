/**
 * The live path: RouterOS API `print` replies (node-routeros: one object per entry, hyphenated
 * keys, every value a string, `.id`, booleans as `true`/`false`) → export text that `parse`
 * reads. The collector saves this text as the snapshot, so a finding from a live pull and one
 * from its snapshot come from the very same parser.
 */

import { quoteRos } from './tokenize.js';

/** Replies by menu: `/ip/ipsec/peer` (or `/ip/ipsec/peer/print`) → the entries `print` returned. */
export type ApiReplies = Record<string, Array<Record<string, string>>>;

/** Menus in the order an export prints them (what is referenced comes before what refers to it). */
const ORDER = [
  'system identity',
  'ip address',
  'ipv6 address',
  'ip ipsec policy group',
  'ip ipsec mode-config',
  'ip ipsec peer profile',
  'ip ipsec profile',
  'ip ipsec peer',
  'ip ipsec proposal',
  'ip ipsec identity',
  'ip ipsec policy',
];

/** Properties `print` shows that are state, not configuration (an export never prints them). */
const READ_ONLY = new Set(['default', 'dynamic', 'invalid', 'active', 'responder', 'ph2-count', 'ph2-state', 'ph2-total', 'actual-interface', 'slave']);

function menuOf(key: string): string {
  return key
    .replace(/^\/+/, '')
    .replace(/\/print$/, '')
    .split('/')
    .filter((w) => w !== '')
    .join(' ');
}

function apiValueText(v: string): string {
  return v === 'true' ? 'yes' : v === 'false' ? 'no' : v;
}

function argsOf(entry: Record<string, string>): string {
  return Object.keys(entry)
    .filter((k) => !k.startsWith('.') && !READ_ONLY.has(k))
    .sort()
    .map((k) => `${k}=${quoteRos(apiValueText(entry[k]))}`)
    .join(' ');
}

/** `/system/resource` → `# … by RouterOS 7.12.1` so the parser picks the right defaults. */
function header(replies: Map<string, Array<Record<string, string>>>): string[] {
  const version = replies.get('system resource')?.[0]?.version;
  const m = version ? /^(\d+\.\d+(?:\.\d+)?)/.exec(version) : null;
  return m ? [`# RouterOS API print replies by RouterOS ${m[1]}`] : ['# RouterOS API print replies (no /system/resource: version unknown)'];
}

function entryLines(menu: string, entries: Array<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const builtIn = e.default === 'true' || (menu === 'ip ipsec policy' && e['.id'] === '*0' && e.template === 'true');
    // generated policies, L2TP's peers: not configuration (an export leaves them out too)
    if (e.dynamic === 'true' && !builtIn && menu !== 'ip address' && menu !== 'ipv6 address') continue;
    const args = argsOf(e);
    if (menu === 'system identity') out.push(`set ${args}`);
    else if (builtIn) out.push(`set [ find default=yes ] ${args}`);
    else {
      // an address from DHCP/PPP is real for finding the local gateway, though /export omits it
      if (e.dynamic === 'true') out.push('# dynamic (DHCP, PPP …): not part of /export');
      out.push(`add ${args}`);
    }
  }
  return out;
}

export function apiRepliesToExport(menus: ApiReplies): string {
  const replies = new Map(Object.entries(menus).map(([k, v]) => [menuOf(k), v]));
  const lines = header(replies);
  const known = new Set(ORDER);
  const order = [...ORDER, ...[...replies.keys()].filter((m) => !known.has(m) && m !== 'system resource').sort()];
  for (const menu of order) {
    const entries = replies.get(menu);
    if (!entries || entries.length === 0) continue;
    lines.push(`/${menu}`, ...entryLines(menu, entries));
  }
  return `${lines.join('\n')}\n`;
}
