/**
 * Snapshots: the collected text as `show`/`compare`/`audit` read it, with secrets replaced by
 * `<redacted>` in each vendor's own syntax and volatile lines (timestamps, `#conf_file_ver=`,
 * uptime, checksums) removed, so a nightly commit of the snapshot directory shows real change
 * only. Written to a temporary file in the same directory and renamed: a reader sees the old
 * snapshot or the new one, never half of one.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export const REDACTED = '<redacted>';

type LineRule = (line: string) => string;

/** `key value` / `key "quoted value"` → `key <redacted>`: the value is one word or one quoted string. */
function after(prefix: RegExp, replacement = REDACTED): LineRule {
  const re = new RegExp(prefix.source + /("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/.source, prefix.flags.includes('i') ? 'i' : '');
  return (l) => l.replace(re, (_m, ...groups) => `${groups[0]}${replacement}`);
}

/**
 * FortiOS: `set psksecret ENC …`, `set password ENC …`, private keys. FortiOS always prints these
 * encrypted; `ENC <redacted>` keeps the form the FortiGate adapter reads as "not readable".
 */
const FORTIGATE: LineRule[] = [
  (l) =>
    l.replace(
      /^(\s*set (?:psksecret|psksecret-remote|password|passwd|secret|ppk-secret|auth-password|auth-pwd|passphrase|key|private-key|sslvpn-password|radius-secret|server-key|keyword|auth-key|md5-key|snmp-community)\s+)(?:ENC\s+)?(?:"(?:[^"\\]|\\.)*"|\S+)(.*)$/i,
      `$1ENC ${REDACTED}`,
    ),
  (l) => l.replace(/^(\s*set (?:private-key|certificate)\s+)"-----BEGIN[^"]*"?.*$/i, `$1"${REDACTED}"`),
];

/** Cisco ASA and IOS: keys, passwords, secrets, communities (an encryption-type digit is kept). */
const CISCO: LineRule[] = [
  after(/^(\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key\s+(?:address\s+\S+(?:\s+\S+)?\s+key\s+)?(?:local\s+|remote\s+)?(?:[0-9]\s+)?)/i),
  after(/^(\s*pre-shared-key\s+(?:address|hostname)\s+\S+(?:\s+\S+)?\s+key\s+(?:[0-9]\s+)?)/i),
  after(/^(\s*crypto isakmp key\s+(?:[0-9]\s+)?)/i),
  after(/^(\s*(?:enable (?:password|secret)|passwd)\s+(?:level\s+\d+\s+)?(?:[0-9]\s+)?)/i),
  after(/^(\s*username\s+\S+(?:\s+privilege\s+\d+)?\s+(?:password|secret)\s+(?:[0-9]\s+)?)/i),
  after(/^(\s*(?:snmp-server community|key-string|tacacs-server key|radius-server key|server-key)\s+(?:[0-9]\s+)?)/i),
  after(/^(\s*(?:ikev2 )?(?:local|remote)-authentication pre-shared-key\s+(?:[0-9]\s+)?)/i),
];

/** RouterOS: `secret=`, `password=`, `passphrase=`, `private-key=` in exports and API replies. */
const ROUTEROS: LineRule[] = [
  (l) => l.replace(/(\b(?:secret|password|passphrase|private-key|psk|wpa2?-pre-shared-key|authentication-key)=)("(?:[^"\\]|\\.)*"|\S*)/g, `$1${REDACTED}`),
];

/** Windows: netsh `Auth1PSK`, PowerShell `SharedSecret`/`PreSharedKey` in lists and JSON. */
const WINDOWS: LineRule[] = [
  (l) => l.replace(/^(\s*(?:Auth1PSK|Auth2PSK|PreSharedKey|SharedSecret|Psk|L2tpPsk|CustomIPsecPolicy\.PSK)\s*:\s*).+$/i, `$1${REDACTED}`),
  (l) => l.replace(/("(?:SharedSecret|PreSharedKey|Psk|L2tpPsk|Auth1PSK|Password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`),
];

/** pfSense/OPNsense config.xml: PSKs, password hashes, private keys, API secrets. */
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
const XML: LineRule[] = XML_SECRET_TAGS.map((tag) => (l: string) => l.replace(new RegExp(`(<${tag}>)[^<]*(</${tag}>)`, 'g'), `$1${XML_REDACTED}$2`));

const REDACTION: Record<string, LineRule[]> = {
  fortigate: FORTIGATE,
  asa: CISCO,
  ios: CISCO,
  routeros: ROUTEROS,
  'windows-netsh': WINDOWS,
  'windows-rras': WINDOWS,
  pfsense: XML,
  opnsense: XML,
};

/** Multi-line secrets (PEM private keys): the whole block goes. */
function redactPemBlocks(text: string): string {
  return text.replace(/-----BEGIN ([A-Z ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g, `-----BEGIN $1-----\n${REDACTED}\n-----END $1-----`);
}

export function redact(text: string, vendor: string): string {
  const rules = REDACTION[vendor] ?? [...FORTIGATE, ...CISCO, ...ROUTEROS, ...WINDOWS, ...XML];
  // line rules end at `$`: a CR left at a line end would let a secret through
  return redactPemBlocks(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((l) => rules.reduce((acc, r) => r(acc), l))
    .join('\n');
}

/** Lines that change on every pull without any configuration change. */
const VOLATILE: Record<string, RegExp[]> = {
  fortigate: [/^#conf_file_ver=/, /^#buildno=/, /^#global_vdom=/],
  asa: [/^: Written by .* at /, /^: Saved$/, /^Cryptochecksum:/, /^: Serial Number:/, /^: Hardware:/, /up \d+ (days?|hours?|mins?|secs?)/],
  ios: [
    /^! Last configuration change at /,
    /^! NVRAM config last updated at /,
    /^! No configuration change since last restart/,
    /^Building configuration\.\.\.$/,
    /^Current configuration : \d+ bytes$/,
    /uptime is /,
  ],
  routeros: [/^# software id = /],
  'windows-netsh': [/^(Start|End) time: \d{14}$/, /^Transcript (started|stopped), output file is /],
  'windows-rras': [/^(Start|End) time: \d{14}$/, /^Transcript (started|stopped), output file is /],
  pfsense: [/^\s*<time>\d+<\/time>\s*$/, /^\s*<lastchange>.*<\/lastchange>\s*$/],
  opnsense: [/^\s*<time>[\d.]+<\/time>\s*$/, /^\s*<lastchange>.*<\/lastchange>\s*$/],
};

/** RouterOS export header: `# 2024-03-03 10:00:00 by RouterOS 7.12.1` keeps only the version (the parser reads it). */
function stableRouterOsHeader(line: string): string {
  const m = /^#\s+\S+\s+\d{2}:\d{2}:\d{2}\s+by (RouterOS .*)$/.exec(line);
  return m ? `# by ${m[1]}` : line;
}

export function removeVolatile(text: string, vendor: string): string {
  const res = VOLATILE[vendor] ?? [];
  return text
    .split('\n')
    .filter((l) => !res.some((re) => re.test(l)))
    .map((l) => (vendor === 'routeros' ? stableRouterOsHeader(l) : l))
    .join('\n');
}

/** The snapshot text for collected text: secrets out, volatile lines out, one newline at the end. */
export function snapshotText(text: string, vendor: string): string {
  return removeVolatile(redact(text, vendor), vendor).replace(/\n*$/, '\n');
}

/** Default snapshot file name by vendor (the extension the file adapters and users expect). */
export function snapshotName(name: string, vendor: string): string {
  const ext: Record<string, string> = {
    fortigate: '.conf',
    routeros: '.rsc',
    pfsense: '.xml',
    opnsense: '.xml',
    asa: '.txt',
    ios: '.txt',
    'windows-netsh': '.txt',
    'windows-rras': '.txt',
  };
  const safe = name
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '');
  return safe + (ext[vendor] ?? '.txt');
}

/**
 * Write atomically: temp file in the same directory, fsync, rename over the old snapshot.
 * Asynchronous so that a slow disk (an fsync is milliseconds) never stalls the sessions still
 * being read on the event loop.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
