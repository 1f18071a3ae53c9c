/**
 * pfSense live collection: the whole configuration is one file, read with `cat` over an SSH exec
 * channel; in a snapshot every secret element is emptied to `&lt;redacted&gt;`. OPNsense (same
 * lineage, same config.xml secrets) shares the dialect and the redaction.
 */
import type { ExecDialect, LineRule, Live } from '../../src/model/live.js';
import { xmlSecretRedactor } from '../../src/model/xml-secrets.js';

/** One exec channel per command; `cat: …` is the refusal. */
export const CAT_DIALECT: ExecDialect = { kind: 'exec', errorLine: /^cat: .*$/, plan: (commands) => commands.map((c) => [c]) };

/**
 * config.xml elements holding PSKs, password hashes, private keys, API secrets, communities.
 * Beyond IPsec: WireGuard (pfSense-pkg-WireGuard `<privatekey>`/`<presharedkey>` — the package's
 * vpn_wg_tunnels_edit.php / vpn_wg_peers_edit.php fields; OPNsense os-wireguard `<privkey>`/`<psk>`,
 * its Server.xml/Client.xml models), the LDAP bind password of an authentication server
 * (`<authserver><ldap_bindpw>`, pfSense system_authservers.php), the SNMP read community and trap
 * community (`<snmpd><rocommunity>`/`<trapstring>`, pfSense services_snmp.php).
 */
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
  'privatekey',
  'privkey',
  'presharedkey',
  'ldap_bindpw',
  'rocommunity',
  'trapstring',
];

/** In XML the marker is written escaped (`&lt;redacted&gt;`), so the file stays well-formed and reads back as `<redacted>`. */
const XML_REDACTED = '&lt;redacted&gt;';

/**
 * The content of every `<tag>…</tag>` on a line replaced, whatever it holds: plain text, a CDATA
 * section (pfSense writes a value with `<`, `>` or `&` as `<![CDATA[…]]>`), or markup. An element
 * that does not close on its line loses the rest of the line. A scan with indexOf (linear: a
 * regex looking for the close tag from every open tag would be quadratic on a line of open tags).
 */
function redactElement(tag: string): LineRule {
  const open = `<${tag}>`;
  // the end tag as sax reads it: blanks after `</` and before `>` (redactXmlSecrets leaves it so)
  const close = new RegExp(`</\\s*${tag}\\s*>`, 'g');
  return (l) => {
    let at = l.indexOf(open);
    if (at < 0) return l;
    let out = '';
    let from = 0;
    while (at >= 0) {
      const start = at + open.length;
      out += l.slice(from, start) + XML_REDACTED;
      close.lastIndex = start;
      const end = close.exec(l);
      if (!end) return out;
      from = end.index;
      at = l.indexOf(open, close.lastIndex);
    }
    return out + l.slice(from);
  };
}

export const CONFIG_XML_REDACT: LineRule[] = XML_SECRET_TAGS.map(redactElement);

/** The secret elements' content over the whole text, in every form the reader accepts (src/model/xml-secrets.ts). */
export const redactXmlSecrets = xmlSecretRedactor(XML_SECRET_TAGS);

/** Live collection of a config.xml product: `cat` the file, redact by element, drop the revision lines (`<time>` as the product writes it). */
export function configXmlLive(revisionTime: RegExp): Live {
  return {
    // read-only: the whole configuration lives in one file (contains secrets: pull redacts them)
    commands: ['cat /conf/config.xml'],
    dialect: CAT_DIALECT,
    snapshot: {
      extension: '.xml',
      redactText: redactXmlSecrets,
      redact: CONFIG_XML_REDACT,
      volatile: [revisionTime, /^\s*<lastchange>.*<\/lastchange>\s*$/],
    },
  };
}

export const live: Live = configXmlLive(/^\s*<time>\d+<\/time>\s*$/);
