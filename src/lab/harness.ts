/**
 * The namespace harness: two network namespaces joined by a veth pair, one charon in each with its
 * own strongswan.conf, swanctl.conf, vici socket, log and private /run, driven with swanctl.
 *
 * Isolation and cleanup, because a lab that leaks is worse than none:
 * - names carry this process's pid and a random tag (`ipsdrift-<pid>-<tag>-<n>-a`), so parallel
 *   runs never collide and a later run can sweep what a crashed one left (its pid is gone);
 * - the veth is created directly inside the namespaces, so deleting them removes it;
 * - each charon runs under `setpriv --pdeathsig KILL` (dies with us even on SIGKILL) inside a mount
 *   namespace with a tmpfs on /run (`ip netns exec` gives each command its own mount namespace),
 *   so pid files never clash;
 * - teardown runs in `finally`, on SIGINT/SIGTERM and at exit; every wait has a timeout.
 * The IPsec data plane is strongSwan's userspace backend (kernel-libipsec: one TUN device per
 * namespace), so the lab does not depend on the kernel's ESP support.
 */
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { LabAddresses, RenderedEnd, Side } from './types.js';

/** The lab cannot run here at all (not root, no namespaces, strongSwan missing): skip or exit 2. */
export class LabUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabUnavailable';
  }
}

/** Something broke while the lab ran (charon crashed, a wait timed out, a command failed): exit 2. */
export class LabFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabFault';
  }
}

export interface LabTools {
  ip: string;
  charon: string;
  swanctl: string;
  /** util-linux setpriv, for --pdeathsig; without it charon is still killed in teardown */
  setpriv?: string;
}

const NAME_PREFIX = 'ipsdrift-';
const CHARON_CANDIDATES = ['/usr/sbin/charon-systemd', '/usr/lib/ipsec/charon', '/usr/libexec/ipsec/charon', '/usr/libexec/strongswan/charon'];
const PLUGIN_DIRS = ['/usr/lib/ipsec/plugins', '/usr/lib/x86_64-linux-gnu/ipsec/plugins', '/usr/lib64/ipsec/plugins', '/usr/libexec/ipsec/plugins'];
const INSTALL_HINT = 'install strongSwan: apt-get install strongswan-swanctl charon-systemd libcharon-extra-plugins';

function which(name: string, extra: string[] = []): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin', ...extra]) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function run(cmd: string, args: string[], timeoutMs = 5000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? r.error.message : '') };
}

/** Everything the lab needs, found or refused with the reason (and how to fix it). */
export function findTools(): LabTools {
  if (process.platform !== 'linux') throw new LabUnavailable('the IKE lab needs Linux network namespaces');
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    throw new LabUnavailable('the IKE lab must run as root (it creates network namespaces and runs charon)');
  const ip = which('ip');
  if (!ip) throw new LabUnavailable('`ip` (iproute2) not found');
  const charon = CHARON_CANDIDATES.find((p) => existsSync(p));
  if (!charon) throw new LabUnavailable(`charon not found (looked for ${CHARON_CANDIDATES.join(', ')}); ${INSTALL_HINT}`);
  const swanctl = which('swanctl');
  if (!swanctl) throw new LabUnavailable(`swanctl not found; ${INSTALL_HINT}`);
  if (!PLUGIN_DIRS.some((d) => existsSync(join(d, 'libstrongswan-kernel-libipsec.so')))) {
    throw new LabUnavailable(`strongSwan's kernel-libipsec plugin not found (the lab's userspace IPsec data plane); ${INSTALL_HINT}`);
  }
  if (!existsSync('/dev/net/tun')) throw new LabUnavailable('/dev/net/tun is missing (kernel-libipsec needs a TUN device)');
  return { ip, charon, swanctl, setpriv: which('setpriv') };
}

/** Create and delete a namespace: some containers refuse it even to root. */
export function probeNamespaces(tools: LabTools): void {
  const name = `${NAME_PREFIX}${process.pid}-probe-${randomBytes(3).toString('hex')}`;
  const add = run(tools.ip, ['netns', 'add', name]);
  if (add.status !== 0) throw new LabUnavailable(`cannot create a network namespace: ${add.stderr.trim() || 'ip netns add failed'}`);
  run(tools.ip, ['netns', 'del', name]);
}

// --- leftovers and cleanup ----------------------------------------------------------------------

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Our namespaces that exist now: `ipsdrift-<pid>-…`. */
export function labNamespaces(tools: LabTools): string[] {
  const r = run(tools.ip, ['netns', 'list']);
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((n) => n?.startsWith(NAME_PREFIX));
}

function killNamespace(tools: LabTools, ns: string): void {
  const pids = run(tools.ip, ['netns', 'pids', ns]).stdout.split(/\s+/).filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  run(tools.ip, ['netns', 'del', ns]);
}

/** Remove namespaces and work directories left by lab runs whose process is gone (a crash, SIGKILL). */
export function sweepLeftovers(tools: LabTools): string[] {
  const swept: string[] = [];
  for (const ns of labNamespaces(tools)) {
    const pid = Number(ns.slice(NAME_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid)) {
      killNamespace(tools, ns);
      swept.push(ns);
    }
  }
  for (const name of readdirSync(tmpdir())) {
    const m = /^ipsdrift-lab-(\d+)-/.exec(name);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
      swept.push(name);
    }
  }
  return swept;
}

/** Live labs of this process, for the signal and exit handlers. */
const live = new Set<Lab>();
let handlersInstalled = false;

function teardownAllSync(): void {
  for (const lab of [...live]) lab.destroySync();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', teardownAllSync);
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(sig, () => {
      teardownAllSync();
      process.exit(code);
    });
  }
}

// --- strongswan.conf ---------------------------------------------------------------------------

/** Retransmission kept short: on a veth nothing is lost, and a peer that does not answer (IKE
 *  version mismatch, IKEv1 PSK mismatch) must fail within about a second, not after 165 s. */
export function strongswanConf(dir: string, logFile: string): string {
  const daemon = `{
  load_modular = no
  load = random nonce openssl aes sha1 sha2 md5 hmac gmp gcm xcbc kdf drbg pem pkcs1 x509 pubkey kernel-libipsec kernel-netlink socket-default vici
  install_routes = no
  install_virtual_ip = no
  retransmit_timeout = 0.3
  retransmit_base = 1.4
  retransmit_tries = 2
  retransmit_jitter = 0
  half_open_timeout = 5
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  plugins {
    vici {
      socket = unix://${dir}/charon.vici
    }
  }
  journal {
    default = -1
  }
  syslog {
    daemon {
      default = -1
    }
    auth {
      default = -1
    }
  }
  filelog {
    lab {
      path = ${logFile}
      time_format = %s
      default = 1
      ike = 2
      cfg = 2
      flush_line = yes
    }
  }
}`;
  // swanctl loads no credentials here (PSKs only): without crypto plugins each call is twice as fast
  return `# written by ipsec-drift lab\ncharon-systemd ${daemon}\ncharon ${daemon}\nswanctl {\n  load = random\n}\n`;
}

// --- the lab -----------------------------------------------------------------------------------

export interface SwanctlResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

interface Daemon {
  proc: ChildProcess;
  exited: boolean;
  stderr: string;
  logFile: string;
}

let seq = 0;
const RUN_TAG = randomBytes(3).toString('hex');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** One pair of namespaces with a charon in each. Create with `withLab`. */
export class Lab {
  readonly id: string;
  readonly dir: string;
  readonly ns: Record<Side, string>;
  private readonly daemons: Partial<Record<Side, Daemon>> = {};
  private destroyed = false;

  constructor(
    readonly tools: LabTools,
    readonly addresses: Record<Side, LabAddresses>,
  ) {
    this.id = `${process.pid}-${RUN_TAG}-${++seq}`;
    this.dir = mkdtempSync(join(tmpdir(), `ipsdrift-lab-${process.pid}-`));
    this.ns = { a: `${NAME_PREFIX}${this.id}-a`, b: `${NAME_PREFIX}${this.id}-b` };
  }

  sideDir(side: Side): string {
    return join(this.dir, side);
  }

  private ipOk(args: string[], what: string): void {
    const r = run(this.tools.ip, args);
    if (r.status !== 0) throw new LabFault(`${what}: ${r.stderr.trim() || `ip ${args.join(' ')} failed`}`);
  }

  /** Namespaces, veth, addresses. */
  setUp(): void {
    live.add(this);
    installHandlers();
    for (const side of ['a', 'b'] as const) {
      const add = run(this.tools.ip, ['netns', 'add', this.ns[side]]);
      if (add.status !== 0) throw new LabFault(`cannot create network namespace ${this.ns[side]}: ${add.stderr.trim()}`);
      mkdirSync(this.sideDir(side), { recursive: true });
    }
    this.ipOk(['link', 'add', 'lab0', 'netns', this.ns.a, 'type', 'veth', 'peer', 'name', 'lab0', 'netns', this.ns.b], 'cannot create the veth pair');
    for (const side of ['a', 'b'] as const) {
      this.ipOk(['-n', this.ns[side], 'link', 'set', 'lo', 'up'], 'cannot bring lo up');
      this.ipOk(['-n', this.ns[side], 'addr', 'add', `${this.addresses[side].local}/24`, 'dev', 'lab0'], 'cannot address the veth');
      this.ipOk(['-n', this.ns[side], 'link', 'set', 'lab0', 'up'], 'cannot bring the veth up');
    }
  }

  /** Addresses inside the end's selectors, on lo (see render.selectorAddresses). */
  addSelectorAddresses(side: Side, addresses: string[]): void {
    for (const a of addresses) {
      const r = run(this.tools.ip, ['-n', this.ns[side], 'addr', 'add', `${a}/${isIPv6(a) ? 128 : 32}`, 'dev', 'lo']);
      if (r.status !== 0 && !/File exists/.test(r.stderr)) throw new LabFault(`cannot add selector address ${a}: ${r.stderr.trim()}`);
    }
  }

  uri(side: Side): string {
    return `unix://${join(this.sideDir(side), 'charon.vici')}`;
  }

  logFile(side: Side): string | undefined {
    return this.daemons[side]?.logFile;
  }

  readLog(side: Side, from = 0): string {
    const f = this.logFile(side);
    if (!f || !existsSync(f)) return '';
    const text = readFileSync(f, 'utf8');
    return text.slice(from);
  }

  logSize(side: Side): number {
    const f = this.logFile(side);
    return f && existsSync(f) ? statSync(f).size : 0;
  }

  /** swanctl against one side's charon; never waits longer than `timeoutMs`. */
  swanctl(side: Side, args: string[], timeoutMs = 8000): Promise<SwanctlResult> {
    const dir = this.sideDir(side);
    return new Promise((resolve) => {
      execFile(
        this.tools.swanctl,
        [...args, '--uri', this.uri(side)],
        {
          env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', STRONGSWAN_CONF: join(dir, 'strongswan.conf'), SWANCTL_DIR: dir },
          timeout: timeoutMs,
          killSignal: 'SIGKILL',
          encoding: 'utf8',
        },
        (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
          resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout: stdout ?? '', stderr: stderr ?? '', timedOut: Boolean(e?.killed) });
        },
      );
    });
  }

  /** Start charon on `side` with a fresh log, wait for its vici socket, load the rendered end. */
  async start(side: Side, rendered: RenderedEnd, logName: string): Promise<void> {
    if (this.daemons[side] && !this.daemons[side]!.exited) throw new LabFault(`charon on ${side} is already running`);
    const dir = this.sideDir(side);
    const logFile = join(dir, `${logName}.log`);
    writeFileSync(join(dir, 'strongswan.conf'), strongswanConf(dir, logFile));
    writeFileSync(join(dir, 'swanctl.conf'), rendered.swanctlConf, { mode: 0o600 });
    rmSync(join(dir, 'charon.vici'), { force: true });
    // a private /run: pid files of two charons never meet (charon-systemd writes none, plain charon does)
    const script = 'mount -t tmpfs -o size=4m,mode=755 lab-run /run 2>/dev/null; exec "$0"';
    const inner = this.tools.setpriv
      ? [this.tools.setpriv, '--pdeathsig', 'KILL', 'sh', '-c', script, this.tools.charon]
      : ['sh', '-c', script, this.tools.charon];
    const proc = spawn(this.tools.ip, ['netns', 'exec', this.ns[side], ...inner], {
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', STRONGSWAN_CONF: join(dir, 'strongswan.conf') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const daemon: Daemon = { proc, exited: false, stderr: '', logFile };
    this.daemons[side] = daemon;
    proc.stderr?.on('data', (d: Buffer) => {
      if (daemon.stderr.length < 4000) daemon.stderr += d.toString();
    });
    proc.on('exit', () => (daemon.exited = true));
    proc.on('error', () => (daemon.exited = true));

    const deadline = Date.now() + 5000;
    for (;;) {
      if (daemon.exited) throw new LabFault(`charon on ${side} exited during start-up: ${this.tail(side, daemon)}`);
      if (existsSync(join(dir, 'charon.vici'))) {
        const stats = await this.swanctl(side, ['--stats'], 2000);
        if (stats.code === 0) break;
      }
      if (Date.now() > deadline) throw new LabFault(`charon on ${side} did not open its vici socket within 5 s: ${this.tail(side, daemon)}`);
      await sleep(15);
    }
    const log = this.readLog(side);
    const bind = /(could not open socket|unable to (?:bind|open)[^\n]*|Address already in use)[^\n]*/.exec(log);
    if (bind) throw new LabFault(`charon on ${side} cannot use the IKE ports: ${bind[0]}`);
    const load = await this.swanctl(side, ['--load-all', '--noprompt', '--file', join(dir, 'swanctl.conf')], 5000);
    if (!/successfully loaded 1 connections/.test(load.stdout)) {
      const why = (load.stdout + load.stderr).split('\n').filter((l) => /fail|invalid|error/i.test(l) && !/opening directory/.test(l));
      throw new LabFault(`charon on ${side} refused the rendered swanctl.conf: ${why.join('; ') || 'no connection loaded'}`);
    }
  }

  private tail(side: Side, d: Daemon): string {
    const lines = `${this.readLog(side)}\n${d.stderr}`.split('\n').filter((l) => l.trim());
    return lines.slice(-4).join(' | ') || 'no output';
  }

  /** Stop the charons. SIGKILL at once: both ends go, so a graceful DELETE would tell nobody, and
   *  the TUN device and private /run vanish with the process. */
  async stopDaemons(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const side of ['a', 'b'] as const) {
      const d = this.daemons[side];
      if (!d || d.exited) continue;
      waits.push(
        new Promise<void>((resolve) => {
          d.proc.once('exit', () => resolve());
          if (d.exited) resolve();
          try {
            d.proc.kill('SIGKILL');
          } catch {
            resolve();
          }
        }),
      );
    }
    // the hard cap: never hang on a process that ignores even SIGKILL's delivery
    await Promise.race([Promise.all(waits), sleep(3000)]);
  }

  /**
   * Kill one end's charon at once, as a crash or a power cut would: no DELETE is sent, so the other
   * end keeps its SAs with this one (the stale-SA scenario). Waits for the process, never longer than 3 s.
   */
  async kill(side: Side): Promise<void> {
    const d = this.daemons[side];
    if (!d || d.exited) return;
    await Promise.race([
      new Promise<void>((resolve) => {
        d.proc.once('exit', () => resolve());
        try {
          d.proc.kill('SIGKILL');
        } catch {
          resolve();
        }
      }),
      sleep(3000),
    ]);
  }

  /** Everything gone: processes in the namespaces, namespaces (and with them the veth), files. */
  destroySync(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    for (const d of Object.values(this.daemons)) {
      if (d && !d.exited) {
        try {
          d.proc.kill('SIGKILL');
        } catch {
          // gone
        }
      }
    }
    for (const ns of Object.values(this.ns)) {
      if (existsSync(`/run/netns/${ns}`) || labNamespaces(this.tools).includes(ns)) killNamespace(this.tools, ns);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  async destroy(): Promise<void> {
    await this.stopDaemons();
    this.destroySync();
  }
}

/** Run `fn` in a fresh lab; the lab is torn down whatever happens. */
export async function withLab<T>(tools: LabTools, addresses: Record<Side, LabAddresses>, fn: (lab: Lab) => Promise<T>): Promise<T> {
  const lab = new Lab(tools, addresses);
  try {
    lab.setUp();
    return await fn(lab);
  } finally {
    await lab.destroy();
  }
}
