/**
 * MikroTik RouterOS live collection: the CLI exports over SSH (one exec channel each), or the API
 * `print`s (`routeros://`, `routeros+tls://`) whose replies `apiRepliesToExport` turns into export
 * text, so both paths and a saved export go through the same parser.
 */
import { type LineRule, type Live, REDACTED } from '../../src/model/live.js';
import { apiRepliesToExport } from './api.js';

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

/** The API form of the commands (`/menu/…/print`). */
export function apiCommands(commands: readonly string[]): string[] {
  return commands.filter((c) => /^(\/[a-z0-9-]+)+\/print$/.test(c));
}

/** Menus that exist only on some versions or packages: a trap there is a note, not a failure. */
const OPTIONAL_API = new Set(['/ip/ipsec/peer/profile/print', '/ipv6/address/print', '/ip/ipsec/policy/group/print', '/system/resource/print']);

/** `# 2024-03-03 10:00:00 by RouterOS 7.12.1` keeps only the version (the parser reads it). */
function stableHeader(line: string): string {
  const m = /^#\s+\S+\s+\d{2}:\d{2}:\d{2}\s+by (RouterOS .*)$/.exec(line);
  return m ? `# by ${m[1]}` : line;
}

/** `secret=`, `password=`, `passphrase=`, `private-key=` in exports and API replies */
const RULES: LineRule[] = [
  // RouterOS reference (help.mikrotik.com): /ip ipsec identity secret=, /ppp secret password=, /user password=,
  // /interface wireless security-profiles wpa-/wpa2-pre-shared-key= static-key-0..3=, /interface wireguard
  // private-key= and peers preshared-key=, /routing bgp connection tcp-md5-key=, /routing ospf
  // interface-template auth-key=, /snmp community authentication-password= encryption-password=,
  // /interface l2tp-server server ipsec-secret=, /radius secret=, /interface ovpn-client password=
  (l) =>
    l.replace(
      /(\b(?:secret|password|passphrase|private-key|psk|preshared-key|wpa2?-pre-shared-key|authentication-key|tcp-md5-key|static-key-[0-3]|authentication-password|encryption-password)=)("(?:[^"\\]|\\.)*"|\S*)/g,
      `$1${REDACTED}`,
    ),
  // OSPF/BGP auth-key=, and SA listings' keys when not quoted
  (l) => l.replace(/(\b(?:auth-key|enc-key)=)(?!")\S*/g, `$1${REDACTED}`),
  // SA listings (`installed-sa print detail`) print keys, wrapped inside their quotes over two lines:
  // the opening line loses everything after `key="`, the tail line (hex and the closing quote) goes too
  (l) => l.replace(/(\b(?:auth-key|enc-key)=)"[^"]*("?)/g, `$1"${REDACTED}$2`),
  (l) => l.replace(/^(\s+)[0-9a-f]+"\s*$/i, `$1${REDACTED}"`),
];

/**
 * Whether a line leaves a quote open, as the RouterOS tokenizer reads it (tokenize.ts readToken):
 * `"` opens and closes, a backslash escapes only inside quotes.
 */
function opensQuote(line: string): boolean {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
  }
  return quoted;
}

/**
 * A rule that never changes whether its line leaves a quote open: a secret taken with its quotes
 * (`add {"peer=hq secret="a b \\"c\\""`, a mangled line) left the line's first quote unclosed and
 * the redacted export no longer parsed. The quote it changed is given back at the end of the line.
 */
const keepingQuotes =
  (rule: LineRule): LineRule =>
  (l) => {
    const out = rule(l);
    return out === l || opensQuote(out) === opensQuote(l) ? out : `${out}"`;
  };

const REDACT: LineRule[] = RULES.map(keepingQuotes);

export const live: Live = {
  commands: [...CLI_COMMANDS, ...API_COMMANDS],
  dialect: {
    kind: 'exec',
    errorLine: /^(expected end of command.*|bad command name.*|syntax error.*|no such (item|command).*|input does not match.*|failure: .*)$/,
    // over SSH only the CLI exports; RouterOS 6 rejects show-sensitive, so it falls back to plain verbose
    plan: (commands) => {
      const cli = commands.filter((c) => !/^\/[a-z0-9-]+(\/[a-z0-9-]+)*\/print$/.test(c));
      const out: string[][] = [];
      for (const c of cli) {
        if (c === '/ip ipsec export verbose' && cli.includes('/ip ipsec export verbose show-sensitive')) continue;
        out.push(c === '/ip ipsec export verbose show-sensitive' ? [c, '/ip ipsec export verbose'] : [c]);
      }
      return out;
    },
    optional: (c) => c.startsWith('/ipv6') || c.startsWith('/system identity'),
  },
  api: {
    product: 'RouterOS',
    schemes: [
      { scheme: 'routeros', port: 8728, tls: false },
      { scheme: 'routeros+tls', port: 8729, tls: true },
    ],
    plan: apiCommands,
    optional: (c) => OPTIONAL_API.has(c),
    text: apiRepliesToExport,
    open: async (target, password, limits) => (await import('./api-session.js')).openRouterOsApi(target, password, limits),
  },
  snapshot: {
    extension: '.rsc',
    /** `secret=`, `password=`, `passphrase=`, `private-key=` in exports and API replies */
    redact: REDACT,
    volatile: [/^# software id = /],
    stabilize: stableHeader,
  },
};
