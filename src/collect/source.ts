/**
 * Live sources on the command line and in the inventory:
 *   ssh://user@host[:port][?vendor=asa]      FortiGate, ASA, IOS, Windows OpenSSH (and RouterOS CLI)
 *   routeros://user@host[:port]              RouterOS API, plain (8728)
 *   routeros+tls://user@host[:port]          RouterOS API over TLS (8729)
 * A password in the URL is refused: it would sit in shell history and process lists.
 */
import { UsageError } from '../model/errors.js';

export type Transport = 'ssh' | 'routeros' | 'routeros+tls';

export interface LiveSource {
  transport: Transport;
  user: string;
  host: string;
  port: number;
  /** adapter id from `?vendor=` (ssh); RouterOS sources are always `routeros` */
  vendor?: string;
  /** the URL without credentials or query: the Device's origin and the name in every message */
  origin: string;
}

const DEFAULT_PORT: Record<Transport, number> = { ssh: 22, routeros: 8728, 'routeros+tls': 8729 };

const SCHEME = /^(ssh|routeros|routeros\+tls):\/\//i;

export function isLiveSource(text: string): boolean {
  return SCHEME.test(text);
}

/** `host`, `[v6]` → what the network layer wants (brackets off an IPv6 literal). */
function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function parseSource(text: string): LiveSource {
  const m = SCHEME.exec(text);
  if (!m) throw new UsageError(`${text}: expected ssh://user@host[:port], routeros://user@host[:port] or routeros+tls://user@host[:port]`);
  const transport = m[1].toLowerCase() as Transport;
  let url: URL;
  try {
    // URL parses `ssh:` as an opaque scheme; give it a special one to get host/port parsing
    url = new URL(text.replace(SCHEME, 'http://'));
  } catch {
    throw new UsageError(`${safeText(text)}: not a valid URL (expected ${transport}://user@host[:port])`);
  }
  if (url.password)
    throw new UsageError(
      `${transport}://${url.username}@${url.host}: a password in the URL is refused; set IPSEC_DRIFT_SSH_PASSWORD or name an environment variable with password-env in the inventory`,
    );
  if (!url.username) throw new UsageError(`${safeText(text)}: expected a user name (${transport}://user@host)`);
  if (url.pathname !== '/' && url.pathname !== '')
    throw new UsageError(`${safeText(text)}: a live source has no path (expected ${transport}://user@host[:port])`);
  const user = decodeURIComponent(url.username);
  const host = bareHost(url.hostname);
  if (!host) throw new UsageError(`${safeText(text)}: expected a host name or address`);
  const port = url.port ? Number(url.port) : DEFAULT_PORT[transport];
  let vendor: string | undefined;
  for (const [k, v] of url.searchParams) {
    if (k !== 'vendor') throw new UsageError(`${safeText(text)}: unknown parameter "${k}" (only ?vendor=ID is understood)`);
    vendor = v;
  }
  if (transport !== 'ssh') {
    if (vendor && vendor !== 'routeros')
      throw new UsageError(`${safeText(text)}: a ${transport}:// source is always RouterOS (vendor=${vendor} makes no sense here)`);
    vendor = 'routeros';
  }
  const hostPart = url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname;
  const origin = `${transport}://${url.username}@${hostPart}${port !== DEFAULT_PORT[transport] ? `:${port}` : ''}`;
  return { transport, user, host, port, vendor, origin };
}

/** A URL as it may be echoed: any `user:password@` cut down to `user@`. */
export function safeText(text: string): string {
  return text.replace(/^([a-z+]+:\/\/[^:@/]*):[^@/]*@/i, '$1@');
}
