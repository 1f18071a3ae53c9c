/**
 * RouterOS API transport (node-routeros): log in, run the adapter's API `print`s, hand the
 * replies to the adapter's own `apiRepliesToExport`, so the live path and a saved export go
 * through the same parser. Plain API on 8728, TLS on 8729 (`routeros+tls://`): with a pinned
 * `host-key: SHA256:…` the certificate must have that fingerprint, else it must verify against the
 * system's CAs for the host name.
 */
import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type PeerCertificate, type TlsOptions } from 'node:tls';
import { RouterOSAPI } from 'node-routeros';
import { apiRepliesToExport, type ApiReplies } from '../../adapters/routeros/index.js';
import { assertAllowed } from './allowlist.js';
import type { Credentials } from './credentials.js';
import { CollectError, connectionError } from './errors.js';
import type { Budget, Collected } from './ssh.js';

/**
 * node-routeros logs every word it writes and reads through the `debug` package when
 * DEBUG=routeros-api:* is set — the login password and every `secret=` included. Whatever DEBUG
 * says, its namespaces stay off (`-routeros-api:*` added to the enabled set of the very `debug`
 * instance node-routeros uses).
 */
export function silenceLibraryDebug(): void {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('node-routeros'));
    const debug = req('debug') as { enable(ns: string): void; disable(): string };
    const current = debug.disable();
    debug.enable([current, '-routeros-api:*'].filter(Boolean).join(','));
  } catch {
    // no separate `debug` to reach: nothing is logged through it either
  }
}

export interface RouterOsTarget {
  host: string;
  port: number;
  user: string;
  tls: boolean;
  /** `SHA256:…` of the API certificate (base64, as for SSH keys) or hex with colons */
  pinned?: string;
}

/** Menus that exist only on some versions or packages: a trap there is a note, not a failure. */
const OPTIONAL = new Set(['/ip/ipsec/peer/profile/print', '/ipv6/address/print', '/ip/ipsec/policy/group/print', '/system/resource/print']);

/** The API form of the adapter's commands (`/menu/…/print`). */
export function apiCommands(commands: readonly string[]): string[] {
  return commands.filter((c) => /^(\/[a-z0-9-]+)+\/print$/.test(c));
}

function certFingerprint(raw: Buffer): { b64: string; hex: string } {
  const x = new X509Certificate(raw);
  const hex = x.fingerprint256;
  return { hex, b64: `SHA256:${Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64').replace(/=+$/, '')}` };
}

function pinMatches(pin: string, raw: Buffer): boolean {
  const fp = certFingerprint(raw);
  const p = pin.trim().replace(/=+$/, '');
  return p === fp.b64 || p.toUpperCase() === fp.hex || p.toUpperCase().replace(/^SHA256:/, '') === fp.hex;
}

/**
 * With a pin, fetch the certificate once, check its fingerprint, then let node-routeros connect
 * trusting exactly that certificate (and re-checking the fingerprint on its own connection), so
 * the password is only ever sent to the pinned server.
 */
async function tlsOptions(t: RouterOsTarget, connectMs: number): Promise<ConnectionOptions> {
  // SNI carries names only (RFC 6066); an address is checked against the certificate's IP SANs
  const servername = isIP(t.host) ? undefined : t.host;
  if (!t.pinned) return { servername, rejectUnauthorized: true };
  const cert = await new Promise<PeerCertificate>((resolve, reject) => {
    const s = tlsConnect({ host: t.host, port: t.port, rejectUnauthorized: false, servername });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new CollectError('timeout', `routeros+tls: no TLS handshake within ${connectMs / 1000} s`));
    }, connectMs);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      const c = s.getPeerCertificate();
      s.end();
      resolve(c);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(connectionError(e, 'routeros+tls'));
    });
  });
  if (!cert.raw || !pinMatches(t.pinned, cert.raw)) {
    throw new CollectError('host-key', `certificate ${cert.raw ? certFingerprint(cert.raw).b64 : '(none)'} does not match the pinned ${t.pinned}: refused`);
  }
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  return {
    ca: [pem],
    servername,
    rejectUnauthorized: true,
    checkServerIdentity: (_host, c) => (c.raw && pinMatches(t.pinned!, c.raw) ? undefined : new Error('certificate changed between checks')),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => CollectError): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
    p.finally(() => clearTimeout(timer)).then(resolve, reject);
  });
}

function rosError(e: unknown, where: string): CollectError {
  if (e instanceof CollectError) return e;
  const err = e as { errno?: string; message?: string; code?: string };
  if (err.errno === 'CANTLOGIN' || /invalid user name or password|cannot log in/i.test(err.message ?? ''))
    return new CollectError('auth', `${where}: login refused (user name or password)`);
  if (err.errno === 'SOCKTMOUT') return new CollectError('timeout', `${where}: no answer in time`);
  if (err.errno && /^E[A-Z]+$/.test(err.errno)) return connectionError({ code: err.errno, message: err.message }, where);
  return connectionError(e, where);
}

export async function collectRouterOs(
  t: RouterOsTarget,
  commands: readonly string[],
  creds: Credentials,
  budget: Budget,
  connectMs: number,
): Promise<Collected> {
  if (creds.password === undefined)
    throw new CollectError('setup', 'the RouterOS API needs a password: set IPSEC_DRIFT_SSH_PASSWORD or name a variable with password-env');
  const where = t.tls ? 'routeros+tls' : 'routeros';
  silenceLibraryDebug();
  const tls = t.tls ? await tlsOptions(t, connectMs) : undefined;
  const api = new RouterOSAPI({
    host: t.host,
    port: t.port,
    user: t.user,
    password: creds.password,
    timeout: Math.max(1, Math.ceil(Math.min(budget.commandMs, connectMs) / 1000)),
    // node-routeros passes these straight to tls.connect (its type names the server-side options)
    tls: tls as TlsOptions | undefined,
  });
  // errors after login arrive as events; without a listener they would end the whole run
  api.on('error', () => undefined);
  let finished = false;
  // a connection that closes mid-reply leaves node-routeros' promise pending: fail it here
  const dropped = new Promise<never>((_, reject) => {
    api.once('close', () => {
      if (!finished) reject(new CollectError('dropped', `${where}: the device closed the connection while replies were being read`));
    });
  });
  dropped.catch(() => undefined);
  const close = () => {
    finished = true;
    api.close().catch(() => undefined);
  };
  try {
    await withTimeout(
      api.connect(),
      Math.min(connectMs, budget.deadline - Date.now()),
      () => new CollectError('timeout', `${where}: no login within ${connectMs / 1000} s`),
    );
  } catch (e) {
    close();
    throw rosError(e, where);
  }
  const replies: ApiReplies = {};
  const warnings: string[] = [];
  try {
    for (const cmd of apiCommands(commands)) {
      assertAllowed(cmd, commands);
      const ms = Math.min(budget.commandMs, budget.deadline - Date.now());
      try {
        const rows = await withTimeout(
          Promise.race([api.write(cmd), dropped]),
          ms,
          () => new CollectError('timeout', `\`${cmd}\`: no answer within ${ms / 1000} s`),
        );
        replies[cmd] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));
      } catch (e) {
        if (e instanceof CollectError) throw e;
        const words = (e as Error).message;
        if (/^(SOCKTMOUT|ECONN|EPIPE|CLOSING)/.test((e as { errno?: string }).errno ?? '')) throw rosError(e, where);
        if (OPTIONAL.has(cmd)) warnings.push(`\`${cmd}\`: the device answered: ${words}`);
        else throw new CollectError('device-error', `\`${cmd}\`: the device answered: ${words}`);
      }
    }
  } finally {
    close();
  }
  return { text: apiRepliesToExport(replies), warnings };
}
