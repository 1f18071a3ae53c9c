/**
 * strongSwan secrets, for any strongSwan text that reaches a snapshot, an error or a log (its
 * SA listings are collected live; its configuration files never are — they hold secrets in clear).
 * strongSwan has no `live` of its own, so these rules join every other adapter's in the rules used
 * for text of no known vendor (src/collect/snapshot.ts).
 *
 * Forms, from the strongSwan documentation:
 *   swanctl.conf `secrets { ike-x { secret = … } eap-x { secret = … } xauth-x { … } ntlm-x { … }
 *     private-x { file = …; secret = <passphrase> } token-x { pin = … } }`
 *     (https://docs.strongswan.org/docs/latest/swanctl/swanctlConf.html, "secrets section")
 *   ipsec.secrets `[ids] : PSK "…"`, `: EAP "…"`, `: XAUTH "…"`, `: NTLM "…"`, `: RSA|ECDSA|BLISS|PKCS8 file ["passphrase"|%prompt]`,
 *     `: P12 file "passphrase"`, `: PIN %smartcard… "pin"` (https://docs.strongswan.org/docs/latest/config/ipsecSecrets.html)
 *   strongswan.conf `charon.plugins.eap-radius.secret = …`, `… servers.x.secret = …` (its plugin reference)
 */
import { type LineRule, REDACTED } from '../../src/model/live.js';

/** `secret = value`, `pin = value` (swanctl.conf and strongswan.conf): everything after `=` is the value. */
const SWANCTL_SECRET = /^(\s*(?:secret|pin)\s*=\s*)\S.*$/i;
/** ipsec.secrets: after `: PSK`/`EAP`/`XAUTH`/`NTLM` the secret; after `RSA file`/`P12 file`/`PIN slot` the passphrase. */
const IPSEC_SECRET = /(:\s*(?:PSK|EAP|XAUTH|NTLM)\s+)("(?:[^"\\]|\\.)*"|0[xs]\S+|\S+)/i;
const IPSEC_KEYFILE = /(:\s*(?:RSA|ECDSA|BLISS|PKCS8|P12|PIN)\s+(?:"(?:[^"\\]|\\.)*"|\S+)\s+)("(?:[^"\\]|\\.)*"|[^%\s]\S*)/i;

export const STRONGSWAN_REDACT: readonly LineRule[] = [
  (l) => l.replace(SWANCTL_SECRET, `$1${REDACTED}`),
  (l) => l.replace(IPSEC_SECRET, `$1${REDACTED}`),
  (l) => l.replace(IPSEC_KEYFILE, `$1${REDACTED}`),
];
