/**
 * The audit tests' world: a throw-away copy of fixtures/audit-repo with what cannot live in git
 * added at test time (a file over the size limit, a symlink loop, a symlinked config), and the
 * CLI run in-process from the copy's root — as CI runs it from the checkout's root, so every path
 * in the output is repo-relative.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { MAX_INPUT_BYTES } from '../../src/read/input.js';
import { fixturePath } from '../helpers.js';
import { captureIo } from '../io.js';

export const FIXTURE = fixturePath('audit-repo');

/** The audit's "today": the inventory's 2028 ignore is active, its 2025-01-31 one expired. */
export const NOW = new Date('2026-03-02T08:00:00Z');

export interface RepoCopy {
  root: string;
  /** a scratch folder outside the repo for reports and baselines (never discovered) */
  out: string;
  dispose(): void;
}

/** A fresh copy of the fixture repo, plus the generated cases. */
export function copyRepo(): RepoCopy {
  const base = mkdtempSync(join(tmpdir(), 'ipsec-drift-audit-'));
  const root = join(base, 'repo');
  const out = join(base, 'out');
  cpSync(FIXTURE, root, { recursive: true });
  mkdirSync(out);
  // a log export far over the size limit: sparse, so it costs no disk and must never be read
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'logs', 'fgt-hq-traffic.log'), '');
  truncateSync(join(root, 'logs', 'fgt-hq-traffic.log'), MAX_INPUT_BYTES + 1024 * 1024);
  // a symlink loop (configs/mirror → configs) and a symlinked config: neither is followed
  symlinkSync('.', join(root, 'configs', 'mirror'));
  symlinkSync(join('hq', 'fgt-hq.conf'), join(root, 'configs', 'current-hq.conf'));
  return { root, out, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `ipsec-drift audit …` in-process, from `cwd`, with the fixed clock. */
export async function audit(cwd: string, args: string[], now: Date = NOW): Promise<CliRun> {
  const io = captureIo({ now });
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(['audit', ...args], io);
    return { code, out: io.out, err: io.err };
  } finally {
    process.chdir(before);
  }
}
