/**
 * Snapshots: the collected text as `show`/`compare`/`audit` read it, with secrets replaced by
 * `<redacted>` in each vendor's own syntax and volatile lines (timestamps, build numbers, uptime,
 * checksums) removed — both as the vendor's adapter says in `live.snapshot` — so a nightly commit
 * of the snapshot directory shows real change only. Written to a temporary file in the same
 * directory and renamed: a reader sees the old snapshot or the new one, never half of one.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { adapterById, adapters } from '../../adapters/index.js';
import { type LineRule, REDACTED, type SnapshotRules } from '../model/live.js';

export { REDACTED } from '../model/live.js';

/** The snapshot rules of a vendor, or undefined when no adapter of that id collects live. */
function rulesOf(vendor: string): SnapshotRules | undefined {
  return adapterById(vendor)?.live?.snapshot;
}

/** Every adapter's secret rules, for text whose vendor is not known (a device's words in an error, a group's session). */
function everyRedaction(): LineRule[] {
  return [...new Set(adapters.flatMap((a) => a.live?.snapshot.redact ?? []))];
}

/** Multi-line secrets (PEM private keys): the whole block goes, whatever the vendor. */
function redactPemBlocks(text: string): string {
  return text.replace(/-----BEGIN ([A-Z ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g, `-----BEGIN $1-----\n${REDACTED}\n-----END $1-----`);
}

export function redact(text: string, vendor: string): string {
  const rules = rulesOf(vendor)?.redact ?? everyRedaction();
  // line rules end at `$`: a CR left at a line end would let a secret through
  return redactPemBlocks(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((l) => rules.reduce((acc, r) => r(acc), l))
    .join('\n');
}

/** Without the lines that change on every pull without any configuration change (and with the ones the vendor rewrites to a stable form). */
export function removeVolatile(text: string, vendor: string): string {
  const rules = rulesOf(vendor);
  const drop = rules?.volatile ?? [];
  const stabilize = rules?.stabilize ?? ((l: string) => l);
  return text
    .split('\n')
    .filter((l) => !drop.some((re) => re.test(l)))
    .map(stabilize)
    .join('\n');
}

/** The snapshot text for collected text: secrets out, volatile lines out, one newline at the end. */
export function snapshotText(text: string, vendor: string): string {
  return removeVolatile(redact(text, vendor), vendor).replace(/\n*$/, '\n');
}

/** Default snapshot file name: the source, made a safe file name, with the extension the vendor's adapter expects. */
export function snapshotName(name: string, vendor: string): string {
  const safe = name
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '');
  return safe + (rulesOf(vendor)?.extension ?? '.txt');
}

/**
 * Write atomically: temp file in the same directory, fsync, rename over the old snapshot.
 * Asynchronous so that a slow disk (an fsync is milliseconds) never stalls the sessions still
 * being read on the event loop.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
