/**
 * One emulated operational-mode CLI on 127.0.0.1 (ssh2's own Server, no mocks) for the vendors whose
 * collection and state tests drive an interactive shell the same way — Junos and PAN-OS. What
 * differs between them is data (`CliDialect`): the prompt and the line printed above it, how typing
 * is echoed, the pager, the refusal of an unknown command. Each dialect is written from the vendor's
 * printed form, cited where it is built (test/collect/junos-live.test.ts, panos-live.test.ts).
 */
import ssh2, { type ServerChannel } from 'ssh2';
import { type HostKey, lineEditor } from './emulators.js';

const { Server } = ssh2;
const CRLF = '\r\n';

/**
 * The Junos pager: holds after `lines` lines with `---(more)---` (`---(more N%)---` with `percent`),
 * any key moves it on and it erases its own prompt with `\r\0`, blanks, `\r\0`; with `holdAtEnd` it
 * waits once more at 100 % before the prompt comes back.
 */
export interface MorePager {
  kind: 'more';
  lines: number;
  percent: boolean;
  holdAtEnd: boolean;
}

/**
 * The PAN-OS pager: output longer than `lines` stops after one screen (nothing in these tests
 * answers it) until the session sends `offCommand`.
 */
export interface HoldPager {
  kind: 'hold';
  lines: number;
  offCommand: string;
}

export interface CliDialect {
  /** the prompt itself (`admin@srx-hq> `), redrawn by `echo: 'redraw'` */
  prompt: string;
  /** a line the CLI prints above every prompt (Junos chassis cluster: `{primary:node0}`) */
  above?: string;
  /** what the CLI prints between login and the first prompt */
  banner: string;
  /** `char`: each typed character echoed; `redraw`: the whole prompt line redrawn per character */
  echo: 'char' | 'redraw';
  pager?: MorePager | HoldPager;
  /** what the CLI prints for a command it does not know (before the prompt) */
  refusal(command: string, prompt: string): string;
}

export interface CliDevice {
  port: number;
  /** every command line received, trimmed, in order */
  received: string[];
  /** keys sent to answer a `more` pager */
  readonly pagerAnswers: number;
  close(): Promise<void>;
}

export interface CliLogin {
  user: string;
  password: string;
}

const ERASE = `\r\0${' '.repeat(40)}\r\0`;

/** The shell of one session: reads typed lines, answers them in the dialect. */
function shell(
  stream: ServerChannel,
  dialect: CliDialect,
  answer: (command: string) => string | undefined,
  seen: { received: string[]; pagerAnswers: number },
): void {
  const out = (t: string) => stream.write(t.replace(/\r?\n/g, CRLF));
  const showPrompt = () => stream.write(dialect.above === undefined ? dialect.prompt : `${CRLF}${dialect.above}${CRLF}${dialect.prompt}`);
  let pagerOn = dialect.pager !== undefined;
  /** the rest of a `more`-paged output; `done` once the last page is out and the pager waits at 100 % */
  let paging: { rest: string[]; total: number; done: boolean } | undefined;

  const page = (pager: MorePager) => {
    if (!paging) return;
    const chunk = paging.rest.splice(0, pager.lines);
    out(`${chunk.join('\n')}\n`);
    if (!paging.rest.length && !pager.holdAtEnd) {
      paging = undefined;
      return showPrompt();
    }
    const shown = paging.total - paging.rest.length;
    const pct = Math.floor((shown * 100) / paging.total);
    stream.write(pager.percent && shown !== pager.lines ? `---(more ${pct}%)---` : '---(more)---');
    if (!paging.rest.length) paging.done = true;
  };

  const respond = (command: string) => {
    seen.received.push(command);
    if (command === '') return showPrompt();
    const pager = dialect.pager;
    if (pager?.kind === 'hold' && command === pager.offCommand) {
      pagerOn = false;
      return showPrompt();
    }
    const text = answer(command);
    if (text === undefined) {
      out(dialect.refusal(command, dialect.prompt));
      return showPrompt();
    }
    if (pager?.kind === 'more') {
      const lines = text.split('\n');
      paging = { rest: lines, total: lines.length, done: false };
      return page(pager);
    }
    const lines = text.replace(/\n+$/, '').split('\n');
    // a held pager stops after one screen and nothing here answers it
    if (pager?.kind === 'hold' && pagerOn && lines.length > pager.lines) return out(`${lines.slice(0, pager.lines).join('\n')}\n`);
    out(text);
    showPrompt();
  };

  const typed = lineEditor(
    (line) => {
      stream.write(CRLF);
      respond(line.trim());
    },
    (c, line) => stream.write(dialect.echo === 'redraw' ? `\r\x1b[K${dialect.prompt}${line}` : c),
  );
  stream.on('data', (d: Buffer) => {
    for (const c of d.toString('utf8')) {
      if (paging && dialect.pager?.kind === 'more') {
        // any key moves the pager on; it erases its own prompt first
        seen.pagerAnswers++;
        stream.write(ERASE);
        if (paging.done) {
          paging = undefined;
          out('\n');
          showPrompt();
        } else page(dialect.pager);
      } else typed(c);
    }
  });
  out(dialect.banner);
  showPrompt();
}

/**
 * Start one emulated device: password login, a pty and a shell in `dialect`, answering each command
 * with `answer(command)` (undefined: the dialect's refusal). Listens on an ephemeral loopback port.
 */
export function startCli(key: HostKey, dialect: CliDialect, answer: (command: string) => string | undefined, login: CliLogin): Promise<CliDevice> {
  const seen = { received: [] as string[], pagerAnswers: 0 };
  const server = new Server({ hostKeys: [key.private] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) =>
      ctx.method === 'password' && ctx.username === login.user && ctx.password === login.password ? ctx.accept() : ctx.reject(['password']),
    );
    client.on('ready', () =>
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('window-change', (ok) => ok?.());
        session.on('shell', (ok) => shell(ok(), dialect, answer, seen));
      }),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        received: seen.received,
        get pagerAnswers() {
          return seen.pagerAnswers;
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** Junos operational mode (as the IBM vSRX capture and a recorded Junos session show): `unknown command.` under a `^`. */
export function junosDialect(hostname: string, banner: string, pager: Omit<MorePager, 'kind'>): CliDialect {
  return {
    prompt: `admin@${hostname}> `,
    above: '{primary:node0}',
    banner,
    echo: 'char',
    pager: { kind: 'more', ...pager },
    refusal: (command, prompt) => {
      const word = command.split(' ').slice(-1)[0] ?? '';
      return `${' '.repeat(prompt.length + command.length - word.length)}^\nunknown command.\n`;
    },
  };
}

/** PAN-OS operational mode (Netmiko issue #688/#1294 transcripts): the prompt line redrawn as it echoes, `Unknown command:`. */
export function panosDialect(prompt: string, banner: string, pageLines: number): CliDialect {
  return {
    prompt,
    banner,
    echo: 'redraw',
    pager: { kind: 'hold', lines: pageLines, offCommand: 'set cli pager off' },
    refusal: (command) => `Unknown command: ${command.split(' ').slice(-1)[0]}\n`,
  };
}
