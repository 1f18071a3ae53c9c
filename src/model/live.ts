/**
 * Live collection, as an adapter describes it (`adapter.live`, in `adapters/<id>/live.ts`): the
 * read-only commands whose output `parse` reads, how a session with the device is driven, and how a
 * snapshot of what was read is made safe to commit. The collector (src/collect) knows no vendor: it
 * runs what these records say, and still refuses any command that is not read-only
 * (src/collect/allowlist.ts) whatever an adapter declares.
 */

/** The marker a secret is replaced by, in snapshots and in `raw`. */
export const REDACTED = '<redacted>';

/** One rewrite of one line (no line end in it). */
export type LineRule = (line: string) => string;

/**
 * `key value` / `key "quoted value"` → `key <redacted>`, for keys matched by `prefix` (whose first
 * group is kept): the value is one word or one quoted string.
 */
export function redactAfter(prefix: RegExp, replacement = REDACTED): LineRule {
  const re = new RegExp(prefix.source + /("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/.source, prefix.flags.includes('i') ? 'i' : '');
  return (l) => l.replace(re, (_m, ...groups) => `${groups[0]}${replacement}`);
}

/** An interactive shell read by prompt detection: the line the cursor waits on is the prompt, a pager, or a password question. */
export interface ShellDialect {
  kind: 'shell';
  /** the prompt the device waits on (tested against the current line only) */
  prompt: RegExp;
  /** a pager prompt and what answers it (a keystroke, never a settings change) */
  pager?: { re: RegExp; answer: string };
  /** user EXEC needs `enable` before the configuration can be shown */
  needsEnable?: (prompt: string) => boolean;
  /** session-only commands to send once at the privileged prompt (they must be in allowlist.ts SESSION_COMMANDS) */
  setup: readonly string[];
  /** a line of output meaning the device refused the command, quoted back as the device wrote it */
  errorLine: RegExp;
  /** line end to send (a console host may want CR) */
  eol: string;
  /** the command as typed at this prompt (e.g. a cmdlet run through powershell from cmd.exe) */
  typed?: (command: string, prompt: string) => string;
  /** the prompt line as written in the snapshot, so the adapter sees a saved session */
  echo?: (command: string, prompt: string) => string;
  /** commands whose failure is a warning, not a failed device */
  optional?: (command: string) => boolean;
}

/** One SSH exec channel per command. */
export interface ExecDialect {
  kind: 'exec';
  errorLine: RegExp;
  /** groups of alternatives: the first that succeeds is kept (a newer syntax, else the older) */
  plan: (commands: readonly string[]) => string[][];
  optional?: (command: string) => boolean;
}

export type Dialect = ShellDialect | ExecDialect;

/** A URL scheme a device's own API answers on (`routeros+tls://user@host`). */
export interface ApiScheme {
  scheme: string;
  port: number;
  tls: boolean;
}

export interface ApiTarget {
  host: string;
  port: number;
  user: string;
  /** the scheme it was reached by, as messages name the connection */
  scheme: string;
  tls: boolean;
  /** `SHA256:…` of the API's certificate (base64, as for SSH keys) or hex with colons */
  pinned?: string;
}

/** One row of an API reply: attribute → value. */
export type ApiRow = Record<string, string>;

/**
 * An open API session. `run` rejects with a CollectError when the connection failed (the device
 * cannot be collected) and with any other Error when the device refused that one command (its
 * words are the message).
 */
export interface ApiSession {
  run(command: string): Promise<ApiRow[]>;
  close(): void;
}

/** A device API other than SSH: the schemes it is reached by, what to ask, and the text `parse` reads from the replies. */
export interface ApiTransport {
  /** the product as messages name it (`a routeros:// source is always RouterOS`) */
  product: string;
  schemes: readonly ApiScheme[];
  /** the API requests among the adapter's commands, in the order they are sent */
  plan(commands: readonly string[]): string[];
  /** requests that exist only on some versions: a refusal there is a warning */
  optional?(command: string): boolean;
  /** the text `parse` reads, from the replies by request */
  text(replies: Record<string, ApiRow[]>): string;
  /** log in (I/O: load the client library lazily, so reading files never pays for it) */
  open(target: ApiTarget, password: string | undefined, limits: { connectMs: number; commandMs: number; deadline: number }): Promise<ApiSession>;
}

/** How a collected text becomes a snapshot fit for a git repository. */
export interface SnapshotRules {
  /** the file extension the adapter's users and detect() expect, with its dot (`.conf`, `.rsc`) */
  extension: string;
  /**
   * Optional, before the line rules: secrets over the whole text, where the syntax lets one span
   * lines or hide its end on another (config.xml elements): the lines after keep their numbers.
   */
  redactText?: (text: string) => string;
  /** per line: secrets replaced by REDACTED in the vendor's own syntax (PEM private key blocks go anyway) */
  redact: readonly LineRule[];
  /** lines that change on every pull without any configuration change: dropped */
  volatile: readonly RegExp[];
  /** lines kept but made stable (an export header keeps its version, not its time) */
  stabilize?: LineRule;
}

/** Everything about reading this vendor from a live device. */
export interface Live {
  /** the read-only commands whose output `parse` reads; the collector sends nothing else (but session commands) */
  commands: readonly string[];
  /** how an SSH session is driven */
  dialect: Dialect;
  snapshot: SnapshotRules;
  /** a device API besides SSH, with its own URL schemes */
  api?: ApiTransport;
  /**
   * adapters sharing one session: `?vendor=<group>` runs the commands of every adapter of the
   * group in one session (with the first one's dialect) and the text goes to whichever detects it
   */
  group?: string;
}

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

/** `p`, or the error `onTimeout` makes when `ms` pass first (whatever is pending: a library that never calls back included). */
export function within<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
    p.finally(() => clearTimeout(timer)).then(resolve, reject);
  });
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
