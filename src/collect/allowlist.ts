/**
 * Read-only by construction. The collector sends a command only when (1) the adapter declares it
 * in `live.commands` (or it is one of the few session-only commands below) and (2) it has the
 * shape of a command that reads, in one of the command grammars network devices and hosts share:
 * show/get with output filters, a menu path ending in print/export, `cat` of a file, a query
 * cmdlet piped into formatting, `netsh … show`, `reg query`. Nothing that changes configuration
 * passes, not even temporarily (paging is never turned off in the configuration: a pager is
 * answered with a keystroke instead). This gate is deliberately not an adapter's to widen: a new
 * vendor whose read commands fit none of these grammars adds one here, reviewed as such.
 */

/**
 * Commands that only change the current session (paging, privilege level), never the device's
 * configuration: `terminal pager 0` affects this session only (unlike `pager lines 0` in config
 * mode), `terminal length 0` likewise, `enable` raises this session's privilege. PAN-OS
 * `set cli pager off` is an operational-mode (`>`) CLI setting of this session: PAN-OS changes its
 * configuration only in configure mode and on commit (Oxidized and Netmiko send it at every login).
 */
export const SESSION_COMMANDS = ['terminal pager 0', 'terminal length 0', 'enable', 'set cli pager off'] as const;

/** Words that start a change on some vendor's CLI: never sent, whatever an adapter declares. */
const CHANGE_VERBS = new Set([
  'config',
  'configure',
  'conf',
  'set',
  'unset',
  'write',
  'wr',
  'copy',
  'clear',
  'reload',
  'delete',
  'del',
  'no',
  'erase',
  'edit',
  'append',
  'purge',
  'rename',
  'move',
  'execute',
  'exec',
  'diagnose',
  'debug',
  'undebug',
  'crypto',
  'username',
  'add',
  'remove',
  'disable',
  'reboot',
  'shutdown',
  'reset',
  'import',
  'run',
  'restore',
  'format',
  'rm',
  'mv',
  'cp',
  'tee',
  'dd',
  'chmod',
  'chown',
  'kill',
  'sudo',
  'sh',
  'bash',
  'php',
  'sed',
  'echo',
]);

/** Output filters that only narrow what is printed (`| redirect`, `| tee`, `| append` write files). */
const OUTPUT_FILTER = /^\s*(include|exclude|begin|section|grep|i|e|b|s)\s+\S.*$/i;

/** PowerShell: what a Get-* cmdlet may be piped into (formatting only). */
const PS_FORMATTERS = /^\s*(Format-List|Format-Table|ConvertTo-Json|Select-Object|Out-String)(\s+[-\w* ,.]+)?\s*$/i;

/** Shell metacharacters that could chain a second command or write a file. */
const CHAIN = /[;&`<>\n\r]|\$\(|\|\|/;

export type ReadOnlyVerdict = { ok: true } | { ok: false; why: string };

function refuse(why: string): ReadOnlyVerdict {
  return { ok: false, why };
}

/** `show …` / `get …`, piped only into filters that narrow the output. */
function showOrGet(cmd: string): ReadOnlyVerdict {
  const [head, ...filters] = cmd.split('|');
  if (!/^(show|get)\s+\S/i.test(head.trim())) return refuse('expected show … or get …');
  for (const f of filters) if (!OUTPUT_FILTER.test(f)) return refuse(`output filter "|${f.trim()}" is not a plain include/exclude/begin/section`);
  return { ok: true };
}

/** A menu path ending in `print` (API form, one word) or `export`/`print` with display arguments only. */
function menuPrintOrExport(cmd: string): ReadOnlyVerdict {
  const words = cmd.trim().split(/\s+/);
  // API form: /menu/sub/print ; CLI form: /menu sub export verbose
  if (words.length === 1 && /^(\/[a-z0-9-]+)+\/print$/.test(words[0])) return { ok: true };
  const verb = words.findIndex((w) => w === 'export' || w === 'print');
  if (verb < 1 || !words.slice(0, verb).every((w) => /^\/?[a-z0-9-]+$/.test(w))) return refuse('expected /menu … export or /menu/…/print');
  for (const arg of words.slice(verb + 1)) {
    if (!/^(verbose|show-sensitive|hide-sensitive|compact|terse|detail|without-paging)$/.test(arg))
      return refuse(`argument "${arg}" (export/print may only take verbose, show-sensitive, hide-sensitive, compact, terse, detail)`);
  }
  return { ok: true };
}

/** Host queries: `hostname`, `netsh advfirewall … show …`, `reg query …`, a `Get-*` cmdlet piped only into formatting. */
function hostQuery(cmd: string): ReadOnlyVerdict {
  const c = cmd.trim();
  if (/^hostname$/i.test(c)) return { ok: true };
  if (/^netsh\s+advfirewall\s+(consec\s+|monitor\s+)?show\s+[\w =]+$/i.test(c)) return { ok: true };
  if (/^reg\s+query\s+HK(LM|CU)\\[\w\\ -]+(\s+\/v\s+\w+)?$/i.test(c)) return { ok: true };
  const [head, ...pipes] = c.split('|');
  if (/^Get-[A-Za-z0-9]+(\s+(-[A-Za-z]+|[\w*.-]+|"[^"]*"))*\s*$/.test(head.trim()) && pipes.every((p) => PS_FORMATTERS.test(p))) return { ok: true };
  return refuse('expected hostname, netsh advfirewall … show …, reg query …, or a Get-* cmdlet piped only into formatting');
}

/** `cat /path/to/file`: reading one file. */
function catFile(cmd: string): ReadOnlyVerdict {
  return /^cat\s+\/[\w./-]+$/.test(cmd.trim()) ? { ok: true } : refuse('expected cat /path/to/file');
}

/**
 * SA listings whose first word is otherwise refused: FortiOS `diagnose` (which also restarts and
 * flushes) only in these exact listing forms, and strongSwan's `swanctl --list-sas`.
 */
const SA_LISTINGS = /^(diagnose vpn tunnel list|diagnose vpn ike gateway list|swanctl --list-sas|swanctl --list-conns)$/;

/** Is this a command that only reads? (shape check; the adapter's declaration is checked as well) */
export function readOnlyVerdict(cmd: string): ReadOnlyVerdict {
  if ((SESSION_COMMANDS as readonly string[]).includes(cmd)) return { ok: true };
  if (SA_LISTINGS.test(cmd)) return { ok: true };
  if (cmd.trim() === '' || cmd !== cmd.trim()) return refuse('empty or padded command');
  if (CHAIN.test(cmd)) return refuse('contains a character that chains or redirects commands');
  const first = cmd.split(/\s+/)[0].toLowerCase();
  if (
    CHANGE_VERBS.has(first) ||
    /^(set|new|remove|add|enable|disable|invoke|start|stop|restart|clear|import|install|uninstall|update|register|unregister|rename|move|copy|write|out-file)-/i.test(
      first,
    )
  ) {
    return refuse(`"${first}" changes configuration or state`);
  }
  if (cmd.startsWith('/')) return menuPrintOrExport(cmd);
  if (/^(show|get)\s/i.test(cmd)) return showOrGet(cmd);
  if (/^cat\s/.test(cmd)) return catFile(cmd);
  return hostQuery(cmd);
}

export function isReadOnly(cmd: string): boolean {
  return readOnlyVerdict(cmd).ok;
}

/** Thrown before anything is sent: a command outside the adapter's declaration or not read-only. */
export class NotAllowedError extends Error {
  constructor(
    readonly command: string,
    why: string,
  ) {
    super(`refusing to send "${command}": ${why}`);
    this.name = 'NotAllowedError';
  }
}

/** The gate every command passes before it is written to a session. */
export function assertAllowed(cmd: string, declared: readonly string[]): void {
  const session = (SESSION_COMMANDS as readonly string[]).includes(cmd);
  if (!session && !declared.includes(cmd)) throw new NotAllowedError(cmd, 'the adapter does not declare it');
  const v = readOnlyVerdict(cmd);
  if (!v.ok) throw new NotAllowedError(cmd, v.why);
}
