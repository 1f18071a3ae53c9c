/**
 * Emulated devices on 127.0.0.1, speaking the real protocols: ssh2's own `Server` playing an ASA,
 * an IOS router, a FortiGate and a Windows OpenSSH shell (and a RouterOS SSH exec target), and a
 * small RouterOS API server (length-prefixed words, `!re`/`!done`/`!trap`, `/login`). Faults are
 * switches on the script: silent, drop mid-output, error for a command, a delay per command.
 * Host keys are generated at test time; nothing private is committed.
 */
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';

const { Server, utils } = ssh2;

export type EmulatedVendor = 'asa' | 'ios' | 'fortigate' | 'windows' | 'routeros-ssh';

export interface Faults {
  /** log in, open the shell, then never print anything */
  silent?: boolean;
  /** close the connection half-way through this command's output */
  dropDuring?: string;
  /** answer this command with the device's error */
  errorFor?: string;
  /** wait this long before answering each command (the benchmark's 50 ms) */
  delayMs?: number;
}

export interface DeviceScript {
  vendor: EmulatedVendor;
  hostname: string;
  user: string;
  password?: string;
  /** an OpenSSH public key the device accepts for `user` */
  authorizedKey?: string;
  enablePassword?: string;
  /** FortiGate: the VDOM shown in the prompt */
  vdom?: string;
  /** command → what the device prints (lines, `\n`-separated); undefined → the device's error */
  answer: (command: string) => string | undefined;
  faults?: Faults;
  pageLines?: number;
}

export interface HostKey {
  private: string;
  public: string;
  /** the SSH wire blob of the public key */
  blob: Buffer;
}

export function generateHostKey(): HostKey {
  // ssh2 now and then writes an ed25519 public key its own parser then calls malformed
  // ("Malformed OpenSSH public key", seen in full runs under load): draw another key
  let last: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    const k = utils.generateKeyPairSync('ed25519');
    try {
      const parsed = utils.parseKey(k.public);
      if (parsed instanceof Error) throw parsed;
      return { private: k.private, public: k.public, blob: parsed.getPublicSSH() };
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

export function knownHostsLine(port: number, key: HostKey, host = '127.0.0.1'): string {
  return `[${host}]:${port} ssh-ed25519 ${key.blob.toString('base64')}`;
}

export interface Emulated {
  port: number;
  /** every line the device received at a prompt (passwords excluded), in order */
  received: string[];
  connections: number;
  authAttempts: number;
  close(): Promise<void>;
}

const CRLF = '\r\n';

/** The pager of each vendor and how it erases itself once answered. */
const PAGERS: Record<string, { more: string; erase: string }> = {
  asa: { more: '<--- More --->', erase: '\r              \r' },
  ios: { more: ' --More-- ', erase: '\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b' },
  fortigate: { more: '--More-- ', erase: '\r         \r' },
};

function errorText(s: DeviceScript, cmd: string): string {
  switch (s.vendor) {
    case 'asa':
      return `${cmd}\n      ^\nERROR: % Invalid input detected at '^' marker.`;
    case 'ios':
      return `${cmd}\n     ^\n% Invalid input detected at '^' marker.`;
    case 'fortigate':
      return `command parse error before '${cmd.split(' ').slice(-1)[0]}'\nCommand fail. Return code -61`;
    case 'windows': {
      const word = cmd.split(' ')[0];
      return `${word} : The term '${word}' is not recognized as the name of a cmdlet, function, script file, or operable program.\n    + CategoryInfo          : ObjectNotFound: (${word}:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException`;
    }
    default:
      return 'expected end of command (line 1 column 25)';
  }
}

/**
 * Line editing as a terminal session sees it, one character at a time: Enter is CR or LF (CR LF
 * counted once, as a pty that sends both), `onLine` gets the line typed, `onChar` each other
 * character with the line so far (to echo it). Shared by every emulated shell here and in
 * cli-emulator.ts.
 */
export function lineEditor(onLine: (line: string) => void, onChar: (c: string, line: string) => void): (c: string) => void {
  let input = '';
  let lastCR = false;
  return (c) => {
    if (c === '\n' && lastCR) {
      lastCR = false;
      return;
    }
    lastCR = c === '\r';
    if (c === '\r' || c === '\n') {
      const line = input;
      input = '';
      return onLine(line);
    }
    input += c;
    onChar(c, input);
  };
}

/** One interactive session: echo, line editing, privilege, paging, faults. */
function runShell(stream: ServerChannel, s: DeviceScript, em: Emulated, drop: () => void): void {
  const cisco = s.vendor === 'asa' || s.vendor === 'ios';
  let privileged = !cisco;
  let askingPassword = false;
  let passwordTries = 0;
  let paging = s.vendor in PAGERS;
  let more: (() => void) | undefined;
  const out = (t: string) => stream.write(t.replace(/\r?\n/g, CRLF));
  const prompt = () => {
    if (s.vendor === 'fortigate') return `${s.hostname}${s.vdom ? ` (${s.vdom})` : ''} # `;
    if (s.vendor === 'windows') return `C:\\Users\\${s.user}>`;
    return `${s.hostname}${privileged ? '#' : '>'}${s.vendor === 'asa' ? ' ' : ''}`;
  };

  const printPaged = (lines: string[], then: () => void) => {
    const page = s.pageLines ?? 24;
    const pager = PAGERS[s.vendor];
    if (!paging || !pager || lines.length <= page) {
      if (lines.length) out(`${lines.join('\n')}\n`);
      return then();
    }
    out(`${lines.slice(0, page).join('\n')}\n`);
    stream.write(pager.more);
    more = () => {
      stream.write(pager.erase);
      printPaged(lines.slice(page), then);
    };
  };

  const answer = (line: string) => {
    const cmd = line.trim();
    const done = () => stream.write(prompt());
    if (cmd === '') return done();
    if (cisco && cmd === 'enable') {
      if (privileged) return done();
      askingPassword = true;
      return stream.write('Password: ');
    }
    if (cmd === 'exit' || cmd === 'quit') return stream.end();
    if ((s.vendor === 'asa' && cmd === 'terminal pager 0') || (s.vendor === 'ios' && cmd === 'terminal length 0')) {
      paging = false;
      return done();
    }
    let asked = cmd;
    if (s.vendor === 'windows') {
      const m = /^powershell -NoLogo -NoProfile -NonInteractive -Command "(.*)"$/.exec(cmd);
      if (m) asked = m[1];
    }
    const respond = () => {
      let text = cisco && !privileged && asked.startsWith('show running-config') ? undefined : asked === s.faults?.errorFor ? undefined : s.answer(asked);
      if (text === undefined) text = errorText(s, asked);
      let lines = text.split('\n');
      if (asked === s.faults?.dropDuring) {
        lines = lines.slice(0, Math.max(1, Math.floor(lines.length / 2)));
        out(`${lines.join('\n')}\n`);
        return drop();
      }
      if (s.vendor === 'windows') {
        // the console host's cursor hiding around output, as conpty sends it
        stream.write('\x1b[?25l');
        out(`${lines.join('\n')}\n\n`);
        stream.write('\x1b[?25h');
        return done();
      }
      printPaged(lines, done);
    };
    if (s.faults?.delayMs) setTimeout(respond, s.faults.delayMs);
    else respond();
  };

  const onPassword = (pw: string) => {
    askingPassword = false;
    stream.write(CRLF);
    if (pw === (s.enablePassword ?? '')) {
      privileged = true;
      return stream.write(prompt());
    }
    passwordTries++;
    if (passwordTries < 3) {
      out('Invalid password\n');
      askingPassword = true;
      return stream.write('Password: ');
    }
    out('Access denied.\n');
    passwordTries = 0;
    stream.write(prompt());
  };

  // echo what arrived in one write, as a pty does for a pasted line
  let echo = '';
  const flushEcho = () => {
    if (echo) stream.write(echo);
    echo = '';
  };
  const typed = lineEditor(
    (line) => {
      if (askingPassword) return onPassword(line);
      flushEcho();
      stream.write(CRLF);
      em.received.push(line);
      answer(line);
    },
    (c) => {
      if (!askingPassword) echo += c;
    },
  );
  stream.on('data', (d: Buffer) => {
    for (const c of d.toString('utf8')) {
      if (more) {
        const next = more;
        more = undefined;
        next();
      } else typed(c);
    }
    flushEcho();
  });

  if (s.faults?.silent) return;
  if (s.vendor === 'windows') {
    stream.write('\x1b]0;C:\\Windows\\system32\\cmd.exe\x07');
    out('Microsoft Windows [Version 10.0.20348.2340]\n(c) Microsoft Corporation. All rights reserved.\n\n');
  } else if (s.vendor === 'fortigate') {
    out('\n');
  } else {
    out(`\nType help or '?' for a list of available commands.\n`);
  }
  stream.write(prompt());
}

function runExec(ch: ServerChannel, command: string, s: DeviceScript, em: Emulated, drop: () => void): void {
  em.received.push(command);
  if (s.faults?.silent) return;
  const reply = () => {
    const text = command === s.faults?.errorFor ? undefined : s.answer(command);
    if (text === undefined) {
      ch.write(errorText(s, command).replace(/\n/g, CRLF) + CRLF);
      ch.exit(1);
      return ch.end();
    }
    if (command === s.faults?.dropDuring) {
      ch.write(text.slice(0, Math.floor(text.length / 2)).replace(/\n/g, CRLF));
      return drop();
    }
    ch.write(text.replace(/\n/g, CRLF));
    ch.exit(0);
    ch.end();
  };
  if (s.faults?.delayMs) setTimeout(reply, s.faults.delayMs);
  else reply();
}

/** Start one emulated SSH device on 127.0.0.1 (an ephemeral port unless one is given). */
export function startSshDevice(script: DeviceScript, hostKey: HostKey, port = 0): Promise<Emulated> {
  const authorized = script.authorizedKey ? utils.parseKey(script.authorizedKey) : undefined;
  if (authorized instanceof Error) throw authorized;
  const clients = new Set<Connection>();
  const em: Emulated = { port: 0, received: [], connections: 0, authAttempts: 0, close: async () => undefined };
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    em.connections++;
    clients.add(client);
    (client as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true); // as sshd does for interactive sessions (not in @types/ssh2)
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    const drop = () => client.end();
    client.on('authentication', (ctx) => {
      if (ctx.method === 'none') return ctx.reject(['password', 'publickey']);
      em.authAttempts++;
      if (ctx.username !== script.user) return ctx.reject(['password', 'publickey']);
      if (ctx.method === 'password' && script.password !== undefined && ctx.password === script.password) return ctx.accept();
      if (ctx.method === 'publickey' && authorized) {
        const k = authorized as Exclude<typeof authorized, undefined | Error>;
        if (ctx.key.algo !== k.type || !ctx.key.data.equals(k.getPublicSSH())) return ctx.reject(['password', 'publickey']);
        if (!ctx.signature) return ctx.accept(); // the "would this key do?" query
        return k.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(['password', 'publickey']);
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('window-change', (ok) => ok?.());
        session.on('shell', (ok) => runShell(ok(), script, em, drop));
        session.on('exec', (ok, _reject, info) => runExec(ok(), info.command, script, em, drop));
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      em.port = (server.address() as { port: number }).port;
      em.close = () =>
        new Promise((r) => {
          for (const c of clients) c.end();
          server.close(() => r());
        });
      resolve(em);
    });
  });
}

/** A port with nothing listening (bound, then released): connections to it are refused. */
export function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A TCP server that accepts and never says a word (not even an SSH banner). */
export function startMute(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const s = createServer((sock) => {
    sockets.add(sock);
    sock.on('error', () => undefined);
    sock.on('close', () => sockets.delete(sock));
  });
  return new Promise((resolve) => {
    s.listen(0, '127.0.0.1', () =>
      resolve({
        port: (s.address() as { port: number }).port,
        close: () =>
          new Promise((r) => {
            for (const k of sockets) k.destroy();
            s.close(() => r());
          }),
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// RouterOS API (the wire protocol node-routeros speaks)

export function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([(n >>> 24) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.from([0xf0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

function encodeSentence(words: string[]): Buffer {
  return Buffer.concat([...words.flatMap((w) => [encodeLength(Buffer.byteLength(w)), Buffer.from(w)]), Buffer.from([0])]);
}

/** Split a byte stream into sentences (arrays of words); returns the unconsumed rest. */
export function decodeSentences(buf: Buffer): { sentences: string[][]; rest: Buffer } {
  const sentences: string[][] = [];
  let words: string[] = [];
  let i = 0;
  let start = 0;
  while (i < buf.length) {
    const b = buf[i];
    let len: number;
    let hdr: number;
    if (b < 0x80) [len, hdr] = [b, 1];
    else if (b < 0xc0) [len, hdr] = [((b & 0x3f) << 8) | buf[i + 1], 2];
    else if (b < 0xe0) [len, hdr] = [((b & 0x1f) << 16) | (buf[i + 1] << 8) | buf[i + 2], 3];
    else if (b < 0xf0) [len, hdr] = [(b & 0x0f) * 0x1000000 + (buf[i + 1] << 16) + (buf[i + 2] << 8) + buf[i + 3], 4];
    else [len, hdr] = [buf.readUInt32BE(i + 1), 5];
    if (i + hdr + len > buf.length) break;
    if (len === 0) {
      sentences.push(words);
      words = [];
      i += 1;
      start = i;
      continue;
    }
    words.push(buf.subarray(i + hdr, i + hdr + len).toString('latin1'));
    i += hdr + len;
  }
  return { sentences, rest: buf.subarray(start) };
}

export interface RouterOsScript {
  user: string;
  password: string;
  /** menu (`/ip/ipsec/peer`) → entries as `print` returns them; a missing menu traps */
  menus: Record<string, Array<Record<string, string>>>;
  faults?: { silent?: boolean; dropDuring?: string; delayMs?: number };
  /** API-SSL (8729): the server's key and certificate, PEM */
  tls?: { key: string; cert: string };
}

export function startRouterOsApi(script: RouterOsScript): Promise<Emulated> {
  const em: Emulated = { port: 0, received: [], connections: 0, authAttempts: 0, close: async () => undefined };
  const sockets = new Set<Socket>();
  const onConnection = (sock: Socket) => {
    em.connections++;
    sockets.add(sock);
    sock.on('error', () => undefined);
    sock.on('close', () => sockets.delete(sock));
    let pending = Buffer.alloc(0);
    let loggedIn = false;
    sock.on('data', (d) => {
      pending = Buffer.concat([pending, d]);
      const { sentences, rest } = decodeSentences(pending);
      pending = Buffer.from(rest);
      for (const words of sentences) handle(words);
    });
    const send = (words: string[]) => sock.write(encodeSentence(words));
    const handle = (words: string[]) => {
      const [cmd, ...args] = words;
      const tag = args.find((w) => w.startsWith('.tag='));
      const attrs = Object.fromEntries(args.filter((w) => w.startsWith('=')).map((w) => [w.slice(1, w.indexOf('=', 1)), w.slice(w.indexOf('=', 1) + 1)]));
      const withTag = (ws: string[]) => (tag ? [...ws, tag] : ws);
      if (script.faults?.silent) return;
      if (cmd === '/login') {
        em.authAttempts++;
        if (attrs.name === script.user && attrs.password === script.password) {
          loggedIn = true;
          return send(withTag(['!done']));
        }
        send(withTag(['!trap', '=message=invalid user name or password (6)']));
        return send(withTag(['!done']));
      }
      em.received.push(cmd);
      if (!loggedIn) return send(withTag(['!fatal', 'not logged in']));
      const reply = () => {
        const menu = cmd.replace(/\/print$/, '');
        const rows = cmd.endsWith('/print') ? script.menus[menu] : undefined;
        if (!rows) {
          send(withTag(['!trap', '=message=no such command prefix']));
          return send(withTag(['!done']));
        }
        const list = cmd === script.faults?.dropDuring ? rows.slice(0, Math.ceil(rows.length / 2)) : rows;
        for (const r of list) send(withTag(['!re', ...Object.entries(r).map(([k, v]) => `=${k}=${v}`)]));
        if (cmd === script.faults?.dropDuring) return sock.destroy();
        send(withTag(['!done']));
      };
      if (script.faults?.delayMs) setTimeout(reply, script.faults.delayMs);
      else reply();
    };
  };
  const server: NetServer = script.tls ? createTlsServer({ key: script.tls.key, cert: script.tls.cert }, onConnection) : createServer(onConnection);
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      em.port = (server.address() as { port: number }).port;
      em.close = () =>
        new Promise((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        });
      resolve(em);
    });
  });
}
