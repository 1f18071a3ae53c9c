/**
 * Host key verification, the way OpenSSH does it: an OpenSSH known_hosts file (plain and hashed
 * `|1|salt|hash` host fields, `[host]:port` for ports other than 22, `*`/`?` wildcards, `!`
 * negation, `@revoked`), or a `SHA256:` fingerprint pinned in the inventory. An unknown key is
 * refused with its fingerprint; `--accept-new` records it (trust on first use); a key that differs
 * from the recorded one is always refused.
 */
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KnownHostsEntry {
  marker?: '@revoked' | '@cert-authority';
  hosts: string;
  type: string;
  /** the public key blob, base64 as in the file */
  key: string;
  line: number;
}

/** `SHA256:…` as `ssh-keygen -lf` and the OpenSSH client print it (base64, no padding). */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  return n > 0 && n < 64 && blob.length >= 4 + n ? blob.subarray(4, 4 + n).toString('latin1') : 'unknown';
}

export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const out: KnownHostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const words = t.split(/\s+/);
    let marker: KnownHostsEntry['marker'];
    if (words[0] === '@revoked' || words[0] === '@cert-authority') marker = words.shift() as KnownHostsEntry['marker'];
    if (words.length < 3) return; // not an entry OpenSSH would read either
    out.push({ marker, hosts: words[0], type: words[1], key: words[2], line: i + 1 });
  });
  return out;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Compiled wildcard patterns: a fleet's known_hosts is checked once per device, pattern by pattern. */
const GLOBS = new Map<string, RegExp>();

function globMatch(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === name.toLowerCase();
  let re = GLOBS.get(pattern);
  if (!re) {
    re = new RegExp(
      '^' +
        pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.') +
        '$',
      'i',
    );
    GLOBS.set(pattern, re);
  }
  return re.test(name);
}

function hashedMatch(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return mac === hash;
}

/** Does a host field (`a,b,!c`, `[h]:2222`, `|1|…|…`) name this host and port? */
export function hostFieldMatches(field: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (field.startsWith('|1|')) return hashedMatch(field, name);
  let hit = false;
  for (const p of field.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) hit = true;
  }
  return hit;
}

export type HostKeyVerdict =
  | { status: 'known'; line: number }
  | { status: 'unknown'; fingerprint: string }
  | { status: 'changed'; fingerprint: string; line: number }
  | { status: 'revoked'; fingerprint: string; line: number };

export function checkKnownHosts(entries: readonly KnownHostsEntry[], host: string, port: number, blob: Buffer): HostKeyVerdict {
  const b64 = blob.toString('base64');
  const fp = fingerprint(blob);
  const revoked = entries.find((e) => e.marker === '@revoked' && e.key === b64 && (e.hosts === '*' || hostFieldMatches(e.hosts, host, port)));
  if (revoked) return { status: 'revoked', fingerprint: fp, line: revoked.line };
  const forHost = entries.filter((e) => !e.marker && hostFieldMatches(e.hosts, host, port));
  const same = forHost.find((e) => e.key === b64);
  if (same) return { status: 'known', line: same.line };
  // any recorded key for this host that is not this one: refused, whatever its type
  if (forHost.length) return { status: 'changed', fingerprint: fp, line: forHost[0].line };
  return { status: 'unknown', fingerprint: fp };
}

/**
 * Host key algorithms to offer first, so the server proves the key type we have on record
 * (OpenSSH does the same); undefined when nothing is recorded for the host.
 */
export function preferredHostKeyAlgorithms(entries: readonly KnownHostsEntry[], host: string, port: number): string[] | undefined {
  const types = new Set(entries.filter((e) => !e.marker && hostFieldMatches(e.hosts, host, port)).map((e) => e.type));
  if (types.size === 0) return undefined;
  const algos: string[] = [];
  for (const t of types) {
    if (t === 'ssh-rsa') algos.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else algos.push(t);
  }
  return algos;
}

/** A known_hosts file read once per run; `--accept-new` appends to it (and to the in-memory copy). */
export class KnownHosts {
  private entries: KnownHostsEntry[];
  constructor(readonly file: string) {
    this.entries = existsSync(file) ? parseKnownHosts(readFileSync(file, 'utf8')) : [];
  }
  check(host: string, port: number, blob: Buffer): HostKeyVerdict {
    return checkKnownHosts(this.entries, host, port, blob);
  }
  preferred(host: string, port: number): string[] | undefined {
    return preferredHostKeyAlgorithms(this.entries, host, port);
  }
  /** Trust on first use: record the key in OpenSSH's own format. */
  record(host: string, port: number, blob: Buffer): void {
    const line = `${knownHostsName(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}`;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    let prefix = '';
    if (existsSync(this.file)) {
      const cur = readFileSync(this.file, 'utf8');
      if (cur !== '' && !cur.endsWith('\n')) prefix = '\n';
    }
    appendFileSync(this.file, `${prefix + line}\n`, { mode: 0o600 });
    this.entries.push({ hosts: knownHostsName(host, port), type: keyTypeOf(blob), key: blob.toString('base64'), line: -1 });
  }
}

/** How one device's key is checked: a pinned fingerprint wins over known_hosts. */
export interface HostKeyPolicy {
  knownHosts: KnownHosts;
  pinned?: string;
  acceptNew: boolean;
}

export class HostKeyError extends Error {
  constructor(
    readonly kind: 'unknown' | 'changed' | 'revoked' | 'pin-mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'HostKeyError';
  }
}

/** Decide on a presented key: undefined = accept, else the reason it is refused. */
export function verifyHostKey(policy: HostKeyPolicy, host: string, port: number, blob: Buffer): HostKeyError | undefined {
  const fp = fingerprint(blob);
  const type = keyTypeOf(blob);
  if (policy.pinned) {
    const pin = policy.pinned.replace(/=+$/, '');
    return pin === fp
      ? undefined
      : new HostKeyError(
          'pin-mismatch',
          `host key ${type} ${fp} does not match the pinned ${pin}: refused (if the device was re-keyed, update host-key in the inventory)`,
        );
  }
  const v = policy.knownHosts.check(host, port, blob);
  switch (v.status) {
    case 'known':
      return undefined;
    case 'revoked':
      return new HostKeyError('revoked', `host key ${type} ${fp} is marked @revoked in ${policy.knownHosts.file}:${v.line}: refused`);
    case 'changed':
      return new HostKeyError(
        'changed',
        `HOST KEY CHANGED: ${knownHostsName(host, port)} presented ${type} ${fp}, which differs from the key recorded in ${policy.knownHosts.file}:${v.line}: refused (someone may be intercepting; if the device was re-keyed, remove the old line)`,
      );
    case 'unknown':
      if (policy.acceptNew) {
        policy.knownHosts.record(host, port, blob);
        return undefined;
      }
      return new HostKeyError(
        'unknown',
        `unknown host key ${type} ${fp} for ${knownHostsName(host, port)} (not in ${policy.knownHosts.file}): refused; check the fingerprint on the device, then pin it (host-key: ${fp}) or run once with --accept-new`,
      );
  }
}
