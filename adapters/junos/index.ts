/**
 * Juniper Junos (SRX) adapter: `show configuration` in the brace form or `| display set`, a
 * saved session of either, and configure-mode commands typed under them. What it reads, units,
 * defaults and what it cannot see: README.md beside this file.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { fixJunos } from './fix.js';
import { live } from './live.js';
import { parseJunos, VENDOR } from './parse.js';
import { junosState } from './state.js';

const DETECT_WINDOW = 64 * 1024;

/** set form: Junos's own paths (an interface unit, the security hierarchy, the version line) */
const SET_CERTAIN = /^[ \t]*set (?:security (?:ike|ipsec) (?:proposal|policy|gateway|vpn) |interfaces \S+ unit \d+ |version \d+\.\d)/m;
const SET_LIKELY = /^[ \t]*set (?:system host-name |security (?:zones|policies|address-book|screen) |routing-options |protocols (?:bgp|ospf) )/m;
/** brace form: the commit header with a top-level block */
const COMMIT_HEADER = /^## Last (?:commit|changed): /m;
const TOP_BLOCK = /^[ \t]*(?:version \S+;|system \{|security \{|interfaces \{)\s*$/m;

export function detectJunos(text: string, _fileName: string): number {
  const head = text.length > DETECT_WINDOW ? text.slice(0, DETECT_WINDOW) : text;
  if (SET_CERTAIN.test(head)) return 1;
  if (SET_LIKELY.test(head)) return 0.9;
  // brace form: the version statement, the commit header, or the IPsec blocks with Junos's leaves
  if (COMMIT_HEADER.test(head) && TOP_BLOCK.test(head)) return 1;
  if (/^version \d+\.\d\S*;\s*$/m.test(head)) return 0.95;
  if (
    /^[ \t]*(?:authentication-method (?:pre-shared-keys|rsa-signatures)|encryption-algorithm (?:aes|3des|des)-[\w-]+|bind-interface st0\.\d+|perfect-forward-secrecy \{)\s*;?\s*$/m.test(
      head,
    )
  )
    return 0.9;
  if (/^[ \t]*(?:[\w.-]+@[\w.-]+# |# )show security (?:ike|ipsec)\b/m.test(head)) return 0.9;
  if (/^[ \t]*security \{\s*$/m.test(head) && /^[ \t]*(?:ike|ipsec|zones|policies) \{\s*$/m.test(head)) return 0.9;
  if (/^[ \t]*system \{\s*$/m.test(head) && /^[ \t]*host-name \S+;\s*$/m.test(head)) return 0.85;
  return 0;
}

export const adapter: Adapter = {
  id: VENDOR,
  label: 'Juniper Junos SRX (show configuration, brace or display set form)',
  detect: detectJunos,
  // detectJunos returns 1 only from its first and third tests (the second, 0.9, comes before the third)
  detectBelowCertain: 0.95,
  detectCertain(text) {
    const head = text.length > DETECT_WINDOW ? text.slice(0, DETECT_WINDOW) : text;
    if (SET_CERTAIN.test(head)) return true;
    return !SET_LIKELY.test(head) && COMMIT_HEADER.test(head) && TOP_BLOCK.test(head);
  },
  parse: parseJunos,
  fix: fixJunos,
  live,
  state: junosState,
};
