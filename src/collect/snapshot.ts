/**
 * Snapshots: the collected text as `show`/`compare`/`audit` read it, with secrets replaced by
 * `<redacted>` in each vendor's own syntax and volatile lines (timestamps, build numbers, uptime,
 * checksums) removed — both as the vendor's adapter says in `live.snapshot` — so a nightly commit
 * of the snapshot directory shows real change only. Written to a temporary file in the same
 * directory and renamed: a reader sees the old snapshot or the new one, never half of one.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { adapterById, adapters } from '../../adapters/index.js';
import { type LineRule, REDACTED, type SnapshotRules } from '../model/live.js';

export { REDACTED } from '../model/live.js';

/** The snapshot rules of a vendor, or undefined when no adapter of that id collects live. */
function rulesOf(vendor: string): SnapshotRules | undefined {
  return adapterById(vendor)?.live?.snapshot;
}

/** Every adapter's secret rules, for text whose vendor is not known (a device's words in an error, a group's session). */
function everyRedaction(): LineRule[] {
  return [...new Set(adapters.flatMap((a) => [...(a.live?.snapshot.redact ?? []), ...(a.state?.redact ?? [])]))];
}

/**
 * Multi-line secrets (PEM private keys): the key material goes, whatever the vendor, and nothing
 * else changes — the same lines, the same quotes — so that redaction never changes what a parser
 * reads (FortiOS reads a line with an odd count of quotes as opening a value that runs on; XML and
 * brace formats read their tags and braces).
 *
 * After `-----BEGIN … PRIVATE KEY-----`, up to its END marker, each line of key material (one
 * word, no markup: base64) has every run of characters other than quotes, backslashes and blanks
 * replaced by `<redacted>` (`&lt;redacted&gt;` in a text with XML end tags). Any other line — words with blanks between (`set …`, `edit "x"`), a
 * tag, a brace, a block keyword alone (`end`, `next`) — is no key material and is left to the line
 * rules: in a mangled file it is configuration. PEM headers (Proc-Type, DEK-Info) stay. A BEGIN
 * whose END never comes (a truncated file) ends at the first line that is not key material. A
 * scan, not a lazy `[\s\S]*?` up to a back-reference: thousands of BEGIN lines without an END
 * would make that quadratic.
 */
function redactPemBlocks(text: string): string {
  // in XML (PAN-OS <private-key>, a pfSense export) a bare <redacted> would be read as a tag
  const token = text.includes('</') ? '&lt;redacted&gt;' : REDACTED;
  const scrub = (s: string) => s.replace(/[^"\\\s]+/g, token);
  const begin = /-----BEGIN ([A-Z ]*PRIVATE KEY)-----/g;
  let out = '';
  let from = 0;
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    const endMark = `-----END ${m[1]}-----`;
    let at = m.index + m[0].length;
    out += text.slice(from, at);
    const ends = text.indexOf(endMark, at) >= 0;
    for (let first = true; at < text.length; first = false) {
      const nl = text.indexOf('\n', at);
      const line = text.slice(at, nl < 0 ? text.length : nl);
      const mark = line.indexOf(endMark);
      const body = mark < 0 ? line : line.slice(0, mark);
      // the start of the END line is the key's; on the BEGIN line, the key runs up to any markup
      // (`…-----BEGIN…-----MIIE</t>` in a mangled XML keeps its `</t>`)
      const key = mark >= 0 || isKeyLine(line);
      if (first) out += body.replace(/^[^<>{};\s]+/, (k) => scrub(k));
      else if (!key && !ends && !PEM_HEADER.test(line)) break;
      else out += key ? scrub(body) : body;
      at += body.length;
      if (mark >= 0) {
        out += endMark;
        at += endMark.length;
        break;
      }
      if (nl < 0) break;
      out += '\n';
      at = nl + 1;
    }
    from = at;
    begin.lastIndex = at;
  }
  return out + text.slice(from);
}

const PEM_HEADER = /^\s*(?:Proc-Type|DEK-Info):/;

/** One word without markup, and not a block keyword (FortiOS `end`/`next`/`abort`, Cisco `exit`): base64 key material. */
const isKeyLine = (line: string) => !/\S\s+\S/.test(line.trim()) && !/[<>{};]/.test(line) && !/^\s*(?:end|next|abort|exit)\s*$/.test(line);

/** The text with exactly one newline at its end (a scan: `/\n*$/` is quadratic on a long run of blank lines inside the text). */
function oneNewlineAtEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return `${text.slice(0, end)}\n`;
}

/** Every adapter's whole-text rules, for text whose vendor is not known. */
function everyTextRedaction(): Array<(text: string) => string> {
  return [...new Set(adapters.flatMap((a) => (a.live?.snapshot.redactText ? [a.live.snapshot.redactText] : [])))];
}

export function redact(text: string, vendor: string): string {
  const known = rulesOf(vendor);
  const rules = known?.redact ?? everyRedaction();
  const wholeText = known ? (known.redactText ? [known.redactText] : []) : everyTextRedaction();
  // line rules end at `$`: a CR left at a line end would let a secret through
  return wholeText
    .reduce((t, r) => r(t), redactPemBlocks(text.replace(/\r\n?/g, '\n')))
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
  return oneNewlineAtEnd(removeVolatile(redact(text, vendor), vendor));
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
  await writeSnapshot(dirname(path), basename(path), text);
}

/**
 * A snapshot name (from the command line or an inventory's `snapshot:`) as a path below --out:
 * relative, naming a file, never `..`. `""`, `.` and `a/..` name --out itself, whose atomic write
 * would go into the folder above it.
 */
export function snapshotRelative(name: string): string | undefined {
  const rel = normalize(name);
  if (name.trim() === '' || isAbsolute(rel) || rel === '.' || rel === '..' || rel.startsWith(`..${sep}`) || rel.endsWith(sep)) return undefined;
  return rel;
}

/**
 * Write a snapshot at `rel` below `out`, confined to it: `out` is the user's (followed as typed),
 * but every folder between it and the file must be a real folder — a symbolic link there (which
 * anyone who can commit to the snapshot repository can plant) would carry the write anywhere. Missing
 * folders are made one at a time; the temporary file is created exclusively and without following
 * a link (O_EXCL | O_NOFOLLOW), and the rename replaces a link at the name rather than writing
 * through it.
 */
export async function writeSnapshot(out: string, rel: string, text: string): Promise<string> {
  const checked = snapshotRelative(rel);
  if (checked === undefined) throw new Error(`snapshot "${rel}" is not a file name inside the output folder`);
  await mkdir(out, { recursive: true });
  const root = await realpath(out);
  const parts = checked.split(sep);
  const name = parts.pop()!;
  let dir = root;
  for (const part of parts) {
    dir = join(dir, part);
    const st = await lstat(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
      return undefined;
    });
    if (!st) await mkdir(dir, { mode: 0o755 });
    else if (st.isSymbolicLink()) throw new Error(`${dir} is a symbolic link: a snapshot is not written through it`);
    else if (!st.isDirectory()) throw new Error(`${dir} is not a folder`);
  }
  // the folders were checked one by one; what they resolve to now must still be below --out
  if ((await realpath(dir)) !== dir) throw new Error(`${dir} changed while it was written to: not written`);
  const path = join(dir, name);
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
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
  return path;
}
