/**
 * `npm run bench:pull [-- --devices N --concurrency C --delay-ms D]`: N emulated FortiGates on
 * loopback (a child process, so the devices' CPU is not the collector's), each answering every
 * command after D ms (default 50), pulled by `pull` with the default concurrency. Prints the wall
 * time, the ideal time (devices × one device's time alone ÷ concurrency), their ratio, and the
 * collector's peak RSS. The last line is machine-readable:
 *   bench:pull: devices=N concurrency=C wall_s=X ideal_s=X ratio=X rss_mb=X
 * Targets (issue 6): ratio ≤ 1.3 at 200 devices, RSS < 300 MB.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runPull } from '../src/cli/commands/pull.js';
import type { Io } from '../src/cli/io.js';
import { DEFAULT_CONCURRENCY } from '../src/collect/collect.js';
import { fortigateScript } from '../test/collect/devices.js';
import { type Emulated, generateHostKey, knownHostsLine, startSshDevice } from '../test/collect/emulators.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string' },
    servers: { type: 'string' },
    concurrency: { type: 'string' },
    'delay-ms': { type: 'string' },
    serve: { type: 'boolean' },
  },
  strict: true,
});
const DEVICES = Number(values.devices ?? 200);
const CONCURRENCY = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
const DELAY = Number(values['delay-ms'] ?? 50);
const SERVERS = Number(values.servers ?? 2);

interface Ready {
  ports: number[];
  publicBlob: string;
}

/** Child: start the devices, report their ports and the host key, stay up until told to stop. */
async function serve(): Promise<void> {
  const key = process.env.BENCH_HOST_KEY ? (JSON.parse(process.env.BENCH_HOST_KEY) as { private: string; public: string; blob: string }) : undefined;
  const hostKey = key ? { ...key, blob: Buffer.from(key.blob, 'base64') } : generateHostKey();
  const devices: Emulated[] = [];
  for (let i = 0; i < DEVICES; i++) devices.push(await startSshDevice(fortigateScript({ faults: { delayMs: DELAY } }), hostKey));
  process.send!({ ports: devices.map((d) => d.port), publicBlob: hostKey.blob.toString('base64') } satisfies Ready);
  process.on('message', async () => {
    for (const d of devices) await d.close();
    process.exit(0);
  });
}

const quietIo = (): Io => ({
  stdout: () => undefined,
  stderr: () => undefined,
  color: false,
  width: 160,
  env: { IPSEC_DRIFT_SSH_PASSWORD: 'Lab-Login-Pw-1' },
  now: () => new Date(),
});

async function pull(ports: number[], knownHosts: string, concurrency: number): Promise<{ seconds: number; files: number; code: number }> {
  const out = mkdtempSync(join(tmpdir(), 'bench-pull-out-'));
  const urls = ports.map((p) => `ssh://admin@127.0.0.1:${p}?vendor=fortigate`);
  const t0 = process.hrtime.bigint();
  const code = await runPull({ positionals: urls, out, knownHosts, concurrency: String(concurrency) }, quietIo());
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const files = readdirSync(out).length;
  rmSync(out, { recursive: true, force: true });
  return { seconds, files, code };
}

async function main(): Promise<void> {
  const hk = generateHostKey();
  process.env.BENCH_HOST_KEY = JSON.stringify({ private: hk.private, public: hk.public, blob: hk.blob.toString('base64') });
  // the devices live in child processes, so their CPU is not counted as the collector's
  const children = Array.from({ length: SERVERS }, (_, i) =>
    fork(
      fileURLToPath(import.meta.url),
      ['--serve', '--devices', String(Math.floor(DEVICES / SERVERS) + (i < DEVICES % SERVERS ? 1 : 0)), '--delay-ms', String(DELAY)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    ),
  );
  const parts = await Promise.all(
    children.map(
      (child) =>
        new Promise<Ready>((resolve, reject) => {
          child.once('message', (m) => resolve(m as Ready));
          child.once('exit', (c) => reject(new Error(`device process exited with ${c}`)));
        }),
    ),
  );
  const ready: Ready = { ports: parts.flatMap((p) => p.ports), publicBlob: parts[0].publicBlob };
  const dir = mkdtempSync(join(tmpdir(), 'bench-pull-'));
  const knownHosts = join(dir, 'known_hosts');
  const key = { blob: Buffer.from(ready.publicBlob, 'base64') } as Parameters<typeof knownHostsLine>[1];
  writeFileSync(knownHosts, `${ready.ports.map((p) => knownHostsLine(p, key)).join('\n')}\n`);
  try {
    // one device alone, three times (the first warms up): the per-device work
    const singles: number[] = [];
    for (let i = 0; i < 3; i++) singles.push((await pull([ready.ports[i % ready.ports.length]], knownHosts, 1)).seconds);
    const perDevice = Math.min(...singles.slice(1));
    const cpu0 = process.cpuUsage();
    const run = await pull(ready.ports, knownHosts, CONCURRENCY);
    const cpu = process.cpuUsage(cpu0);
    console.log(`collector CPU: user ${(cpu.user / 1e6).toFixed(2)} s, system ${(cpu.system / 1e6).toFixed(2)} s`);
    if (run.code !== 0 || run.files !== DEVICES) throw new Error(`pull wrote ${run.files} of ${DEVICES} snapshots (exit ${run.code})`);
    const ideal = (DEVICES * perDevice) / CONCURRENCY;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`devices: ${DEVICES}, concurrency: ${CONCURRENCY}, ${DELAY} ms per command`);
    console.log(`one device alone: ${perDevice.toFixed(3)} s`);
    console.log(`wall: ${run.seconds.toFixed(2)} s, ideal: ${ideal.toFixed(2)} s, ratio ${(run.seconds / ideal).toFixed(2)} (target ≤ 1.3)`);
    console.log(`peak RSS of the collector: ${rssMb.toFixed(0)} MB (target < 300)`);
    console.log(
      `bench:pull: devices=${DEVICES} concurrency=${CONCURRENCY} wall_s=${run.seconds.toFixed(2)} ideal_s=${ideal.toFixed(2)} ratio=${(run.seconds / ideal).toFixed(2)} rss_mb=${rssMb.toFixed(0)}`,
    );
  } finally {
    for (const child of children) child.send('stop');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.serve) await serve();
else await main();
