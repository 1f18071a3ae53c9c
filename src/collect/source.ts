/**
 * Live sources on the command line and in the inventory:
 *   ssh://user@host[:port][?vendor=ID]       any adapter with live collection
 *   <scheme>://user@host[:port]              a device API an adapter declares (`live.api.schemes`),
 *                                            always that adapter's vendor
 * A password in the URL is refused: it would sit in shell history and process lists.
 */
import { adapters } from '../../adapters/index.js';
import type { Adapter } from '../model/adapter.js';
import { UsageError } from '../model/errors.js';
import type { ApiScheme, ApiTransport } from '../model/live.js';

/** `ssh`, or a URL scheme of an adapter's API */
export type Transport = string;

/** The adapter whose API answers on `scheme`, with the scheme's port and TLS. */
export function apiOf(scheme: string): { owner: Adapter; transport: ApiTransport; scheme: ApiScheme } | undefined {
  for (const owner of adapters) {
    const transport = owner.live?.api;
    const s = transport?.schemes.find((x) => x.scheme === scheme);
    if (transport && s) return { owner, transport, scheme: s };
  }
  return undefined;
}

function apiSchemes(): string[] {
  return adapters.flatMap((a) => a.live?.api?.schemes.map((s) => s.scheme) ?? []);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `ssh://`, and every adapter API's scheme (longest first, so `x+tls` is not read as `x`). */
function schemeRe(): RegExp {
  const all = ['ssh', ...apiSchemes()].sort((a, b) => b.length - a.length);
  return new RegExp(`^(${all.map(escapeRe).join('|')}):\\/\\/`, 'i');
}

function defaultPort(transport: Transport): number {
  return transport === 'ssh' ? 22 : (apiOf(transport)?.scheme.port ?? 0);
}

export interface LiveSource {
  transport: Transport;
  user: string;
  host: string;
  port: number;
  /** adapter id from `?vendor=` (ssh); an API scheme's sources are always its adapter's */
  vendor?: string;
  /** the URL without credentials or query: the Device's origin and the name in every message */
  origin: string;
}

export function isLiveSource(text: string): boolean {
  return schemeRe().test(text);
}

/** `host`, `[v6]` → what the network layer wants (brackets off an IPv6 literal). */
function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function parseSource(text: string): LiveSource {
  const scheme = schemeRe();
  const m = scheme.exec(text);
  if (!m) {
    const forms = ['ssh', ...apiSchemes()].map((s) => `${s}://user@host[:port]`);
    throw new UsageError(`${text}: expected ${forms.length > 1 ? `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}` : forms[0]}`);
  }
  const transport = m[1].toLowerCase();
  let url: URL;
  try {
    // URL parses `ssh:` as an opaque scheme; give it a special one to get host/port parsing
    url = new URL(text.replace(scheme, 'http://'));
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
  const port = url.port ? Number(url.port) : defaultPort(transport);
  let vendor: string | undefined;
  for (const [k, v] of url.searchParams) {
    if (k !== 'vendor') throw new UsageError(`${safeText(text)}: unknown parameter "${k}" (only ?vendor=ID is understood)`);
    vendor = v;
  }
  const api = apiOf(transport);
  if (api) {
    if (vendor && vendor !== api.owner.id)
      throw new UsageError(`${safeText(text)}: a ${transport}:// source is always ${api.transport.product} (vendor=${vendor} makes no sense here)`);
    vendor = api.owner.id;
  }
  const hostPart = url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname;
  const origin = `${transport}://${url.username}@${hostPart}${port !== defaultPort(transport) ? `:${port}` : ''}`;
  return { transport, user, host, port, vendor, origin };
}

/** A URL as it may be echoed: any `user:password@` cut down to `user@`. */
export function safeText(text: string): string {
  return text.replace(/^([a-z+]+:\/\/[^:@/]*):[^@/]*@/i, '$1@');
}
