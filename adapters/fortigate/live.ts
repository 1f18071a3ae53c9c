/**
 * FortiGate live collection: `show` over an interactive SSH shell, its `--More--` pager answered
 * with a space, and snapshots with every secret as `ENC <redacted>`.
 */
import { type LineRule, type Live, REDACTED } from '../../src/model/live.js';
import { togglesQuote } from './scan.js';

/**
 * FortiOS: `set psksecret ENC …`, `set password ENC …`, private keys. FortiOS always prints these
 * encrypted; `ENC <redacted>` keeps the form the FortiGate adapter reads as "not readable".
 * Every setting whose name ends in secret, password, passwd, passphrase, pwd, psk, key or
 * community (FortiOS CLI Reference: `vpn ipsec phase1-interface` psksecret/psksecret-remote/
 * ppk-secret, `user radius` secret/secondary-secret/tertiary-secret, `user tacacs+` key,
 * `user ldap` password, `router bgp` neighbor password, `router ospf` ospf-interface
 * authentication-key and md5-keys key-string, `system snmp user` auth-pwd/priv-pwd, `system ha`
 * password, `system ddns` ddns-password/ddns-key, `wireless-controller vap` passphrase/sae-password,
 * `system admin` password, `vpn certificate local` private-key/password).
 */
/**
 * A rule that never changes whether its line opens or closes a multi-line quoted value: FortiOS
 * reads every line after an odd count of quotes as part of the value, so one quote dropped with a
 * secret (`set password abc"def`) would shift every quote after it and redaction would change what
 * the snapshot parses to. The quote it dropped is given back at the end of the line.
 */
const keepingQuotes =
  (rule: LineRule): LineRule =>
  (l) => {
    const out = rule(l);
    if (out === l || togglesQuote(out) === togglesQuote(l)) return out;
    return `${out}${out.endsWith('\\') ? ' ' : ''}"`;
  };

const RULES: LineRule[] = [
  // a quoted value not closed on its line (`set private-key "-----BEGIN …`) goes on to the lines
  // below: its quote stays open, as in the original, so every later quote still pairs as it did
  // and redaction never changes what parses (the PEM body is redactPemBlocks')
  (l) =>
    l.replace(
      /^(\s*set (?:[\w-]*(?:secret|password|passwd|passphrase|pwd|psk|key|key-string|community)|psksecret-remote|keyword)\s+)(?:ENC\s+)?(?:"(?:[^"\\]|\\.)*"|("(?:[^"\\]|\\.)*)$|\S+)(.*)$/i,
      (_all, head: string, open: string | undefined) => (open === undefined ? `${head}ENC ${REDACTED}` : `${head}"${REDACTED}`),
    ),
  // the quote is closed only where the original closes it on this line: a PEM value spans lines up
  // to `-----END …-----"`, and a quote closed here would pair with that one and shift every quote
  // after it (a file missing one END line then parsed to other tunnels once redacted)
  (l) => l.replace(/^(\s*set (?:private-key|certificate)\s+)"-----BEGIN[^"]*("?).*$/i, `$1"${REDACTED}$2`),
  // SA listings print keys: `dec: spi=… esp=aes key=16 <hex>`, `ah=sha1 key=20 <hex>`, `SK_ei: …`, IKEv1 `key: …`
  (l) => l.replace(/(\bkey=\d+ )\S+/gi, `$1${REDACTED}`),
  (l) => l.replace(/^(\s*(?:SK_[a-z]+|key):\s*)\S.*$/i, `$1${REDACTED}`),
];

const REDACT: LineRule[] = RULES.map(keepingQuotes);

export const live: Live = {
  // read-only; the `--More--` pager is answered with a space (or the device has
  // `config system console` / `set output standard`)
  commands: [
    'show system global',
    'show full-configuration vpn ipsec phase1-interface',
    'show full-configuration vpn ipsec phase2-interface',
    'show full-configuration vpn ipsec phase1',
    'show full-configuration vpn ipsec phase2',
    'show system interface',
    'show firewall address',
    'show firewall addrgrp',
    'show firewall address6',
    'show firewall addrgrp6',
  ],
  dialect: {
    kind: 'shell',
    // `FGT-HQ-01 # `, `FGT60F (root) # `, `FGT60F (global) $ ` (read-only admin)
    prompt: /^[A-Za-z0-9][\w.-]*(?: \([\w\-.]+\))? [#$] ?$/,
    // answered with a space: `config system console` / `set output standard` would change settings
    pager: { re: /^\s*--More--\s*$/, answer: ' ' },
    setup: [],
    errorLine: /^(Command fail\. Return code -?\d+|command parse error.*|Unknown action \d+|entry not found.*|Permission denied.*)$/,
    eol: '\n',
  },
  snapshot: {
    extension: '.conf',
    redact: REDACT,
    volatile: [/^#conf_file_ver=/, /^#buildno=/, /^#global_vdom=/],
  },
};
