/**
 * The keys written in fixture texts, found by each vendor's own syntax, so that a new fixture's key
 * is covered without listing it. A new vendor adds its key syntax here.
 */
export const SECRET_PATTERNS: RegExp[] = [
  /<pre-shared-key>([^<]+)<\/pre-shared-key>/g, // pfSense / OPNsense legacy
  /<Key>([^<]+)<\/Key>/g, // OPNsense preSharedKeys
  /set psksecret (?!ENC )"?([^"\s]+)"?/g, // FortiOS plain text
  /\bsecret=(?:"([^"]+)"|([^"\s]+))/g, // RouterOS (quoted values may hold spaces)
  /\bsecret\s*=\s*(?:"([^"]+)"|([^"\s#]+))/g, // swanctl
  /:\s*PSK\s+"?([^"\n]+?)"?\s*$/gm, // ipsec.secrets
  /pre-shared-key (?!\*|address|hostname|local|remote|ascii-text|hexadecimal)(?:0 |6 |8 )?(\S+)/g, // ASA tunnel-group / IOS ikev2 keyring
  /crypto isakmp key (?:0 |6 )?(\S+) address/g, // IOS
  /pre-shared-key (?:address \S+ )?key (?:0 |6 )?(\S+)/g, // IOS keyring
  /Auth1PSK:\s*(\S+)/g, // netsh
  /-SharedSecret\s+"?([^"\s]+)"?/g, // RRAS command lines in transcripts
  /<key>([^<]+)<\/key>/g, // PAN-OS XML (IKE gateway pre-shared-key, manual-key keys; lower case)
  /\bpre-shared-key key (?:"((?:[^"\\]|\\.)+)"|([^"\s]+))/g, // PAN-OS set form
  /^\s*key (?:"((?:[^"\\]|\\.)+)"|([^";\s]+));/gm, // PAN-OS default form (`key -AQ==…;`)
  /\bpre-shared-key (?:ascii-text|hexadecimal) (?:"((?:[^"\\]|\\.)+)"|([^";\s]+))/g, // Junos, both forms (`$9$…` or a key typed in clear)
  /\bencrypted-password (?:"((?:[^"\\]|\\.)+)"|([^";\s]+))/g, // Junos password hashes ($1$/$5$/$6$)
];

export function secretsIn(text: string): string[] {
  const out = new Set<string>();
  for (const re of SECRET_PATTERNS)
    for (const m of text.matchAll(re)) {
      const s = (m[1] ?? m[2] ?? '').trim();
      // placeholders and markers are not secrets
      if (s.length >= 5 && !/^(<redacted>|\*+|ENC|\$\{.*\}|xxxx+)$/i.test(s)) out.add(s);
    }
  return [...out];
}
