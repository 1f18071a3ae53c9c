/**
 * pfSense live collection: the whole configuration is one file, read with `cat` over an SSH exec
 * channel; in a snapshot every secret element is emptied to `&lt;redacted&gt;`. OPNsense (same
 * lineage, same config.xml secrets) shares the dialect and the redaction.
 */
import type { ExecDialect, LineRule, Live } from '../../src/model/live.js';

/** One exec channel per command; `cat: …` is the refusal. */
export const CAT_DIALECT: ExecDialect = { kind: 'exec', errorLine: /^cat: .*$/, plan: (commands) => commands.map((c) => [c]) };

/** config.xml elements holding PSKs, password hashes, private keys, API secrets. */
const XML_SECRET_TAGS = [
  'pre-shared-key',
  'Key',
  'password',
  'bcrypt-hash',
  'sha512-hash',
  'md5-hash',
  'prv',
  'ipsecpsk',
  'secret',
  'authorizedkeys',
  'api_secret',
  'radius_secret',
  'passwd',
  'shared_key',
  'tls',
  'psk',
  'PrivateKey',
  'privateKey',
];

/** In XML the marker is written escaped (`&lt;redacted&gt;`), so the file stays well-formed and reads back as `<redacted>`. */
const XML_REDACTED = '&lt;redacted&gt;';

export const CONFIG_XML_REDACT: LineRule[] = XML_SECRET_TAGS.map(
  (tag) => (l: string) => l.replace(new RegExp(`(<${tag}>)[^<]*(</${tag}>)`, 'g'), `$1${XML_REDACTED}$2`),
);

/** Live collection of a config.xml product: `cat` the file, redact by element, drop the revision lines (`<time>` as the product writes it). */
export function configXmlLive(revisionTime: RegExp): Live {
  return {
    // read-only: the whole configuration lives in one file (contains secrets: pull redacts them)
    commands: ['cat /conf/config.xml'],
    dialect: CAT_DIALECT,
    snapshot: { extension: '.xml', redact: CONFIG_XML_REDACT, volatile: [revisionTime, /^\s*<lastchange>.*<\/lastchange>\s*$/] },
  };
}

export const live: Live = configXmlLive(/^\s*<time>\d+<\/time>\s*$/);
