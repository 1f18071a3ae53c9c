/**
 * The RouterOS API client (node-routeros): log in, answer one `print` at a time. Plain API on
 * 8728, TLS on 8729 (`routeros+tls://`): with a pinned `host-key: SHA256:…` the certificate must
 * have that fingerprint, else it must verify against the system's CAs for the host name.
 * Loaded only when a device is collected (live.ts imports it lazily); what is sent, the read-only
 * gate and the time limits are the collector's (src/collect/api.ts).
 */
import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type PeerCertificate, type TlsOptions } from 'node:tls';
import { RouterOSAPI } from 'node-routeros';
import { type ApiRow, type ApiSession, type ApiTarget, CollectError, connectionError, within } from '../../src/model/live.js';

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
async function tlsOptions(t: ApiTarget, connectMs: number): Promise<ConnectionOptions> {
  // SNI carries names only (RFC 6066); an address is checked against the certificate's IP SANs
  const servername = isIP(t.host) ? undefined : t.host;
  if (!t.pinned) return { servername, rejectUnauthorized: true };
  const cert = await new Promise<PeerCertificate>((resolve, reject) => {
    const s = tlsConnect({ host: t.host, port: t.port, rejectUnauthorized: false, servername });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new CollectError('timeout', `${t.scheme}: no TLS handshake within ${connectMs / 1000} s`));
    }, connectMs);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      const c = s.getPeerCertificate();
      s.end();
      resolve(c);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(connectionError(e, t.scheme));
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

function rosError(e: unknown, where: string): CollectError {
  if (e instanceof CollectError) return e;
  const err = e as { errno?: string; message?: string; code?: string };
  if (err.errno === 'CANTLOGIN' || /invalid user name or password|cannot log in/i.test(err.message ?? ''))
    return new CollectError('auth', `${where}: login refused (user name or password)`);
  if (err.errno === 'SOCKTMOUT') return new CollectError('timeout', `${where}: no answer in time`);
  if (err.errno && /^E[A-Z]+$/.test(err.errno)) return connectionError({ code: err.errno, message: err.message }, where);
  return connectionError(e, where);
}

/** Log in; the session answers `print`s until closed. */
export async function openRouterOsApi(
  t: ApiTarget,
  password: string | undefined,
  limits: { connectMs: number; commandMs: number; deadline: number },
): Promise<ApiSession> {
  if (password === undefined)
    throw new CollectError('setup', 'the RouterOS API needs a password: set IPSEC_DRIFT_SSH_PASSWORD or name a variable with password-env');
  const where = t.scheme;
  silenceLibraryDebug();
  const tls = t.tls ? await tlsOptions(t, limits.connectMs) : undefined;
  const api = new RouterOSAPI({
    host: t.host,
    port: t.port,
    user: t.user,
    password,
    timeout: Math.max(1, Math.ceil(Math.min(limits.commandMs, limits.connectMs) / 1000)),
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
    await within(
      api.connect(),
      Math.min(limits.connectMs, limits.deadline - Date.now()),
      () => new CollectError('timeout', `${where}: no login within ${limits.connectMs / 1000} s`),
    );
  } catch (e) {
    close();
    throw rosError(e, where);
  }
  return {
    async run(cmd: string): Promise<ApiRow[]> {
      try {
        const rows = await Promise.race([api.write(cmd), dropped]);
        return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));
      } catch (e) {
        if (e instanceof CollectError) throw e;
        // the connection failed: nothing more can be read
        if (/^(SOCKTMOUT|ECONN|EPIPE|CLOSING)/.test((e as { errno?: string }).errno ?? '')) throw rosError(e, where);
        // the device refused this one request (a trap): its words
        throw new Error((e as Error).message);
      }
    },
    close,
  };
}
