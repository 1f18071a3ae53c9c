/**
 * What Cisco ASA and IOS share for live collection: the prompt, the refusal lines, `enable` from
 * user EXEC, and how keys, passwords and secrets are redacted from a snapshot.
 */
import { type LineRule, redactAfter, type ShellDialect } from '../../src/model/live.js';

/** `asa-hq>`, `asa-hq#`, `rtr-1(config)#` (hostnames: letters, digits, . - _ /) */
const CISCO_PROMPT = /^[A-Za-z0-9][\w.\-/]*(?:\([\w\-/.]+\))?[>#] ?$/;

/** Cisco refusals: `ERROR: % Invalid input detected at '^' marker.` (ASA), `% Invalid input …` (IOS) */
const CISCO_ERROR = /^(ERROR: .*|% ?(Invalid|Incomplete|Ambiguous|Unknown|Unrecognized|Permission|Authorization|Command authorization).*)$/;

/** An interactive Cisco shell with its pager and its session-only setup (`terminal pager 0`, `terminal length 0`). */
export function ciscoDialect(pager: RegExp, setup: string): ShellDialect {
  return {
    kind: 'shell',
    prompt: CISCO_PROMPT,
    pager: { re: pager, answer: ' ' },
    // user EXEC (`>`) needs `enable` for `show running-config`
    needsEnable: (prompt) => prompt.trimEnd().endsWith('>'),
    setup: [setup],
    errorLine: CISCO_ERROR,
    eol: '\n',
  };
}

/**
 * Keys, passwords, secrets, communities (an encryption-type digit is kept), in IOS and ASA syntax.
 * Beyond IPsec's: IKEv2 keyring `pre-shared-key [local|remote] [0|6] …` and profile
 * `authentication local|remote pre-share key …` (IOS Security Command Reference, `pre-shared-key
 * (IKEv2 keyring)`, `authentication (IKEv2 profile)`); EzVPN `crypto isakmp client configuration
 * group` ` key …` and every other `key …` line under a block (TACACS+/RADIUS `server`, ASA
 * `aaa-server … host`, key chains); `ppp chap|pap … password`; OSPF `ip ospf message-digest-key
 * N md5 …` / `ip ospf authentication-key …` / `message-digest-key` of a virtual link; BGP `neighbor
 * … password …`; `ntp authentication-key N md5 …`; `snmp-server host … [version 2c] <community>`,
 * `snmp-server user … auth … <pw> priv … <pw>`; line `password …`; `wpa-psk ascii|hex …`;
 * `key-string`, `authentication text|md5 key-string` (HSRP/VRRP), ISIS `area-password` /
 * `domain-password` / `isis password`, NHRP `ip nhrp authentication`, ASA `failover key`,
 * `ldap-login-password`, `ikev1|ikev2 … pre-shared-key`, `crypto isakmp key`.
 */
export const CISCO_REDACT: LineRule[] = [
  redactAfter(
    /^(\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key\s+(?:address\s+\S+(?:\s+\S+)?\s+key\s+)?(?:local\s+|remote\s+)?(?:[0-9]\s+)?)/i,
  ),
  redactAfter(/^(\s*pre-shared-key\s+(?:address|hostname)\s+\S+(?:\s+\S+)?\s+key\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*crypto isakmp key\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*(?:enable (?:password|secret)|passwd)\s+(?:level\s+\d+\s+)?(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*username\s+\S+(?:\s+privilege\s+\d+)?\s+(?:password|secret)\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*(?:snmp-server community|key-string|tacacs-server key|radius-server key|server-key)\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*(?:ikev2 )?(?:local|remote)-authentication pre-shared-key\s+(?:[0-9]\s+)?)/i),
  // IKEv2 profile: authentication local|remote pre-share key [0|6] KEY
  redactAfter(/^(\s*authentication\s+(?:local|remote)\s+pre-share\s+key\s+(?:[0-9]\s+)?)/i),
  // specific forms before the generic words below, which would take their `N md5` for the value
  // OSPF MD5: message-digest-key N md5 [0|7] KEY; NTP: ntp authentication-key N md5 KEY [7]
  redactAfter(/(message-digest-key\s+\d+\s+md5\s+(?:[0-9]\s+)?)/i),
  redactAfter(/(ntp authentication-key\s+\d+\s+md5\s+)/i),
  // snmp-server host ADDR [informs|traps] [version 1|2c|3 [auth|noauth|priv]] COMMUNITY (IOS; the ASA
  // form `snmp-server host IF ADDR community X` is the generic `community` below)
  redactAfter(
    /^(\s*snmp-server host\s+\S+\s+(?:(?:informs|traps)\s+)?(?:version\s+(?:1|2c|3(?:\s+(?:auth|noauth|priv))?)\s+)?)(?!community\b|\d+\.\d+\.\d+\.\d+\b|[0-9a-f]*:[0-9a-f:]*\b)/i,
  ),
  // snmp-server user NAME GROUP v3 auth md5|sha PW priv des|3des|aes [128|192|256] PW
  redactAfter(/(\sauth\s+(?:md5|sha)\s+)/i),
  redactAfter(/(\spriv\s+(?:des|3des|aes)(?:\s+(?:128|192|256))?\s+)/i),
  // wpa-psk ascii|hex [0|7] KEY; ip nhrp authentication KEY; VRRP text / HSRP plain-text authentication
  redactAfter(/(wpa-psk\s+(?:ascii|hex)\s+(?:[0-9]\s+)?)/i),
  redactAfter(/(ip nhrp authentication\s+)/i),
  redactAfter(/(\sauthentication\s+text\s+)/i),
  redactAfter(/(standby\s+(?:\d+\s+)?authentication\s+)(?!md5\b|text\b)/i),
  // a `key` line inside a block (EzVPN group, tacacs/radius server, aaa-server host, key chain)
  redactAfter(/^(\s+key\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*failover key\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*password\s+(?:[0-9]\s+)?)/i),
  // password / secret / key-string / community anywhere in a line (ppp chap|pap, neighbor … password,
  // snmp-server host … community, ldap-login-password, HSRP md5 key-string, ISIS, OSPF authentication-key)
  // (never `= value`: that is another vendor's syntax, redacted by its own rules when the vendor is unknown)
  redactAfter(/(\s(?:password|secret|key-string|ldap-login-password|community|area-password|domain-password)\s+(?:[0-9]\s+)?)(?![=:])/i),
  redactAfter(/(\sip ospf authentication-key\s+(?:[0-9]\s+)?)/i),
];
