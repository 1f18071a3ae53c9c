/**
 * Why a device could not be collected. The kind decides whether a retry can help: a refused or
 * reset connection may (the device was busy), a wrong password or a changed host key never will
 * (and retrying a password only locks the account).
 */
export type FailureKind =
  | 'host-key' // unknown, changed, revoked or pin mismatch: refused before any credential is sent
  | 'auth' // password, key or enable refused
  | 'connection' // refused, reset, unreachable, name not resolved
  | 'timeout' // no answer in time (connect, a command, or the whole device)
  | 'dropped' // the connection closed while output was being read
  | 'device-error' // the device answered a command with an error (quoted in its own words)
  | 'unreadable' // collected, but the adapter could not parse it
  | 'setup'; // nothing was tried: no vendor, no password variable, no commands for this vendor

export class CollectError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'CollectError';
  }
  get retryable(): boolean {
    return this.kind === 'connection' || this.kind === 'dropped';
  }
}

/** Network errors by their code: the words a network engineer expects. */
export function connectionError(e: unknown, where: string): CollectError {
  const err = e as { code?: string; message?: string; level?: string };
  const code = err.code ?? '';
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    EPIPE: 'connection closed',
  };
  if (words[code]) return new CollectError(code === 'ETIMEDOUT' ? 'timeout' : 'connection', `${where}: ${words[code]}`);
  return new CollectError('connection', `${where}: ${err.message ?? String(e)}`);
}
