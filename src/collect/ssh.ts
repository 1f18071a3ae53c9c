/**
 * SSH transport (ssh2): connect with the host key checked before any credential is sent, then
 * drive the device by its adapter's dialect (`live.dialect`) — an interactive shell read by prompt
 * detection, or one exec channel per command. Waiting is always for something the device prints
 * (a prompt, a pager, `Password:`), bounded by a timeout; never a sleep.
 */
import ssh2, { type Client, type ClientChannel, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { assertAllowed } from './allowlist.js';
import type { Credentials } from './credentials.js';
import { CollectError, connectionError, type ExecDialect, type ShellDialect } from '../model/live.js';
import { type HostKeyError, type HostKeyPolicy, verifyHostKey } from './hostkeys.js';
import { TerminalLines } from './terminal.js';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** the source as shown in messages */
  origin: string;
}

/** When the whole device must be done by (epoch ms), and how long one command may take. */
export interface Budget {
  deadline: number;
  commandMs: number;
}

export interface Collected {
  text: string;
  warnings: string[];
}

const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Offer the recorded key types first (as OpenSSH does), so a known host proves the key we have. */
function hostKeyOrder(preferred: string[] | undefined): ServerHostKeyAlgorithm[] {
  if (!preferred) return HOST_KEY_ALGORITHMS;
  const first = HOST_KEY_ALGORITHMS.filter((a) => preferred.includes(a));
  return [...first, ...HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}

/** Open an authenticated connection, or fail with why (host key, auth, network, timeout). */
export function connectSsh(target: SshTarget, creds: Credentials, policy: HostKeyPolicy, connectMs: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let refused: HostKeyError | undefined;
    let settled = false;
    const fail = (e: CollectError) => {
      if (settled) return;
      settled = true;
      client.end();
      client.destroy();
      reject(e);
    };
    client.on('ready', () => {
      settled = true;
      // interactive: a command or a pager keystroke is a few bytes that must leave now (OpenSSH does the same)
      client.setNoDelay(true);
      resolve(client);
    });
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
      // a password prompt gets the password; anything else (an OTP) cannot be answered unattended
      finish(prompts.map((p) => (creds.password !== undefined && /pass(word|code)?/i.test(p.prompt) ? creds.password : '')));
    });
    client.on('error', (e: Error & { level?: string }) => {
      if (refused) return fail(new CollectError('host-key', refused.message));
      if (e.level === 'client-authentication') {
        const tried = [creds.password !== undefined ? 'password' : '', creds.privateKey ? 'identity key' : '', creds.agent ? 'ssh-agent' : ''].filter(Boolean);
        return fail(
          new CollectError(
            'auth',
            `authentication refused for user ${target.user} (tried: ${tried.join(', ') || 'nothing — no password, key or agent was available'})`,
          ),
        );
      }
      if (e.level === 'client-timeout') return fail(new CollectError('timeout', `no SSH handshake within ${connectMs / 1000} s`));
      fail(connectionError(e, 'ssh'));
    });
    client.on('close', () => fail(new CollectError('connection', 'ssh: connection closed before login completed')));
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: connectMs,
      algorithms: { serverHostKey: hostKeyOrder(policy.knownHosts.preferred(target.host, target.port)) },
      hostVerifier: (key: Buffer) => {
        refused = verifyHostKey(policy, target.host, target.port, key);
        return refused === undefined;
      },
    };
    if (creds.password !== undefined) {
      config.password = creds.password;
      config.tryKeyboard = true;
    }
    if (creds.privateKey) config.privateKey = creds.privateKey;
    if (creds.agent) config.agent = creds.agent;
    try {
      client.connect(config);
    } catch (e) {
      // ssh2 throws synchronously for an unreadable private key
      fail(new CollectError('setup', `ssh: ${(e as Error).message}`));
    }
  });
}

/** An interactive session as a terminal shows it, with waits on what the device prints. */
class Shell {
  readonly term = new TerminalLines();
  private changed?: () => void;
  private closed = false;

  constructor(
    private readonly ch: ClientChannel,
    private readonly dialect: ShellDialect,
  ) {
    const onData = (d: Buffer) => {
      this.term.write(d);
      const pager = this.dialect.pager;
      if (pager?.re.test(this.term.currentLine())) {
        // answer the pager with a keystroke; the prompt text is not part of the output
        this.term.clearCurrentLine();
        this.ch.write(pager.answer);
      }
      this.changed?.();
    };
    ch.on('data', onData);
    ch.stderr.on('data', onData);
    ch.on('close', () => {
      this.closed = true;
      this.changed?.();
    });
  }

  send(line: string): void {
    this.ch.write(line + this.dialect.eol);
  }

  /** Resolve with the first non-undefined `test()` after each change; fail on close or timeout. */
  waitFor<T>(test: () => T | undefined, budget: Budget, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const left = budget.deadline - Date.now();
      const ms = Math.max(0, Math.min(budget.commandMs, left));
      const overall = left <= budget.commandMs;
      const timer = setTimeout(() => {
        this.changed = undefined;
        const got = this.term.committedCount;
        reject(
          new CollectError(
            'timeout',
            `${what}: no prompt within ${ms / 1000} s${overall ? ' (the per-device time limit)' : ''}${got ? ` (${got} line(s) received)` : ', nothing received'}`,
          ),
        );
      }, ms);
      const check = () => {
        const v = test();
        if (v !== undefined) {
          clearTimeout(timer);
          this.changed = undefined;
          resolve(v);
        } else if (this.closed) {
          clearTimeout(timer);
          this.changed = undefined;
          reject(
            new CollectError(
              'dropped',
              `${what}: the device closed the connection${this.term.committedCount ? ` after ${this.term.committedCount} line(s) of output` : ''}`,
            ),
          );
        }
      };
      this.changed = check;
      check();
    });
  }
}

function openShell(client: Client): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    // a wide, tall window: lines are not wrapped (console settings on the device are not touched)
    client.shell({ term: 'vt100', cols: 511, rows: 0, width: 0, height: 0 }, (err, ch) => (err ? reject(connectionError(err, 'ssh shell')) : resolve(ch)));
  });
}

const PASSWORD_PROMPT = /^\s*Password: ?$/i;

/** First line of the device's complaint, as it wrote it, and the line after when it explains. */
function deviceWords(lines: string[], re: RegExp): string | undefined {
  const i = lines.findIndex((l) => re.test(l.trim()));
  if (i === -1) return undefined;
  return lines[i].trim();
}

/**
 * Run the adapter's commands in an interactive shell: learn the prompt, `enable` when the
 * dialect needs it, send the session-only setup, then each command, reading up to the prompt.
 */
export async function collectShell(client: Client, dialect: ShellDialect, commands: readonly string[], creds: Credentials, budget: Budget): Promise<Collected> {
  const ch = await openShell(client);
  const sh = new Shell(ch, dialect);
  const warnings: string[] = [];
  const promptNow = () => {
    const cur = sh.term.currentLine();
    return dialect.prompt.test(cur) ? cur : undefined;
  };
  let prompt = await sh.waitFor(promptNow, budget, 'login');
  sh.term.takeLines(); // banner, message of the day

  if (dialect.needsEnable?.(prompt)) {
    assertAllowed('enable', commands);
    // after the echo (or the blank line a password prompt leaves), the device waits on one of these
    const answered = () => {
      const cur = sh.term.currentLine();
      if (PASSWORD_PROMPT.test(cur)) return 'password' as const;
      return sh.term.committedCount > 0 && dialect.prompt.test(cur) ? ('prompt' as const) : undefined;
    };
    sh.send('enable');
    let state = await sh.waitFor(answered, budget, 'enable');
    if (state === 'password') {
      sh.term.clearCurrentLine();
      sh.term.takeLines();
      sh.send(creds.enablePassword ?? ''); // never logged; some devices ship with an empty enable password
      state = await sh.waitFor(answered, budget, 'enable');
    }
    const said = sh.term.takeLines().map((l) => l.trim());
    prompt = sh.term.currentLine();
    // asked again, or back at `>`: the enable password was wrong; asking again would only lock it
    if (state === 'password' || dialect.needsEnable(prompt)) {
      const why = said.find((l) => /invalid|denied|bad|fail|incorrect/i.test(l));
      throw new CollectError(
        'auth',
        `enable refused${why ? `: ${why}` : ''}${creds.enablePassword === undefined ? ' (no enable password: set IPSEC_DRIFT_ENABLE_PASSWORD or enable-password-env)' : ''}`,
      );
    }
  }

  const run = async (cmd: string): Promise<string[]> => {
    const typed = dialect.typed?.(cmd, prompt) ?? cmd;
    sh.send(typed);
    const at = prompt;
    await sh.waitFor(() => (sh.term.committedCount > 0 && sh.term.currentLine() === at ? true : undefined), budget, `\`${cmd}\``);
    const lines = sh.term.takeLines();
    // the first line is the device's echo of what was typed
    if (lines.length && lines[0].includes(typed.slice(0, 40))) lines.shift();
    return lines;
  };

  for (const cmd of dialect.setup) {
    assertAllowed(cmd, commands);
    const out = await run(cmd);
    const err = deviceWords(out, dialect.errorLine);
    if (err) warnings.push(`\`${cmd}\`: ${err}`);
  }

  const parts: string[] = [];
  for (const cmd of commands) {
    assertAllowed(cmd, commands);
    const out = await run(cmd);
    const err = deviceWords(out, dialect.errorLine);
    if (err) {
      if (dialect.optional?.(cmd)) warnings.push(`\`${cmd}\`: ${err}`);
      else throw new CollectError('device-error', `\`${cmd}\`: the device answered: ${err}`);
    }
    const echo = dialect.echo?.(cmd, prompt) ?? `${prompt}${prompt.endsWith(' ') ? '' : ' '}${cmd}`;
    parts.push(echo, ...out, '');
  }
  ch.close();
  return { text: parts.join('\n'), warnings };
}

function execOnce(client: Client, cmd: string, budget: Budget): Promise<{ code: number | undefined; out: string }> {
  return new Promise((resolve, reject) => {
    const left = budget.deadline - Date.now();
    const ms = Math.max(0, Math.min(budget.commandMs, left));
    let out = '';
    let code: number | undefined;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new CollectError('timeout', `\`${cmd}\`: no answer within ${ms / 1000} s${left <= budget.commandMs ? ' (the per-device time limit)' : ''}`));
    }, ms);
    client.exec(cmd, (err, ch) => {
      if (err) {
        clearTimeout(timer);
        done = true;
        return reject(connectionError(err, `\`${cmd}\``));
      }
      ch.on('data', (d: Buffer) => (out += d.toString('utf8')));
      ch.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
      ch.on('exit', (c: number | null) => (code = c ?? undefined));
      ch.on('close', () => {
        if (done) return;
        clearTimeout(timer);
        if (code === undefined && out === '') return reject(new CollectError('dropped', `\`${cmd}\`: the device closed the channel without an answer`));
        const term = new TerminalLines();
        term.write(`${out}\n`);
        resolve({ code, out: term.takeLines().join('\n').replace(/\n+$/, '\n') });
      });
    });
  });
}

/** One exec channel per command; of a group of alternatives the first that succeeds is kept. */
export async function collectExec(client: Client, dialect: ExecDialect, commands: readonly string[], budget: Budget): Promise<Collected> {
  const warnings: string[] = [];
  const parts: string[] = [];
  for (const group of dialect.plan(commands)) {
    let lastErr = '';
    let got: string | undefined;
    for (const cmd of group) {
      assertAllowed(cmd, commands);
      const r = await execOnce(client, cmd, budget);
      const err = deviceWords(r.out.split('\n'), dialect.errorLine) ?? (r.code ? `exit status ${r.code}: ${r.out.trim().split('\n')[0] ?? ''}` : undefined);
      if (!err) {
        got = r.out;
        break;
      }
      lastErr = `\`${cmd}\`: the device answered: ${err}`;
    }
    if (got !== undefined) parts.push(got.endsWith('\n') ? got : `${got}\n`);
    else if (group.every((c) => dialect.optional?.(c))) warnings.push(lastErr);
    else throw new CollectError('device-error', lastErr);
  }
  return { text: parts.join(''), warnings };
}
