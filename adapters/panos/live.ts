/**
 * PAN-OS live collection over SSH: the operational-mode prompt (`admin@PA-VM>`, with the HA state
 * in parentheses on a pair: `admin@PA-VM(active)>`), `set cli pager off` for this session only,
 * then `show config running`. Configure mode (`#`) is never entered. Snapshots hold every secret
 * leaf as `<redacted>` in whichever form the device printed (default braces, XML or set).
 */
import type { LineRule, Live } from '../../src/model/live.js';
import { REDACTED, SECRET_LEAVES } from './secrets.js';
import { xmlSecretRedactor } from '../../src/model/xml-secrets.js';

const NAMES = SECRET_LEAVES.join('|');

/** XML escapes the marker so the snapshot stays well-formed and reads back as `<redacted>`. */
const XML_REDACTED = '&lt;redacted&gt;';

/**
 * One rule per form. Lower-case `<key>` is PAN-OS's pre-shared key element (a redactor written for
 * config.xml's `<Key>` misses it); every name in secrets.ts is covered in all three forms.
 */
const REDACT: LineRule[] = [
  // XML: <key>-AQ==…</key>, <phash>…</phash>, <private-key>…</private-key>
  (l) => l.replace(new RegExp(`<(${NAMES})>[^<]*</\\1>`, 'g'), (_m, tag: string) => `<${tag}>${XML_REDACTED}</${tag}>`),
  // default form: `key -AQ==…;`, `phash "$5$…";`
  (l) => l.replace(new RegExp(`^(\\s*(?:${NAMES})\\s+)(?:"(?:[^"\\\\]|\\\\.)*"|[^;\\s]+)\\s*;`), `$1${REDACTED};`),
  // set form: `set … key -AQ==…`, `set … phash $5$…` (the value is the last word or quoted string)
  redactSetLine,
];

const SECRET = new Set(SECRET_LEAVES);

/**
 * Where each word of a set line starts and ends, as the reader splits it (setline-common, PAN-OS:
 * `"` and `'` quote, a backslash escapes inside `"`, a quote inside a bare word is part of it,
 * `[` and `]` are words). A quote left open runs to the end of the line: its value is still a
 * value to redact.
 */
function wordSpans(l: string): Array<{ start: number; end: number; quoted: boolean }> {
  const out: Array<{ start: number; end: number; quoted: boolean }> = [];
  let i = 0;
  while (i < l.length) {
    const c = l[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    if (c === '"' || c === "'") {
      while (j < l.length && l[j] !== c) j += l[j] === '\\' && c === '"' ? 2 : 1;
      j = Math.min(j + 1, l.length);
    } else if (c !== '[' && c !== ']') while (j < l.length && !/[\s[\]]/.test(l[j])) j++;
    out.push({ start: i, end: j, quoted: c === '"' || c === "'" });
    i = j;
  }
  return out;
}

/**
 * `set … <secret leaf> VALUE`: VALUE (the last word) becomes <redacted>. The leaf is found as a
 * word of the line, as the reader finds it: `description "rotate the key yearly"` holds the word
 * `key` only inside a quoted value, and a pattern that looked for it anywhere redacted `yearly"`
 * — the closing quote with it — so the snapshot no longer parsed (found by test:fuzz).
 */
function redactSetLine(l: string): string {
  if (!/^\s*set\s/.test(l)) return l;
  const w = wordSpans(l);
  const leaf = w[w.length - 2];
  if (w.length < 3 || leaf.quoted || !SECRET.has(l.slice(leaf.start, leaf.end))) return l;
  return `${l.slice(0, w[w.length - 1].start)}${REDACTED}`;
}

export const live: Live = {
  // read-only: the running configuration, in the session's output format (default: braces)
  commands: ['show config running'],
  dialect: {
    kind: 'shell',
    // operational mode only: `user@host>` / `user@host(active)>` (hostnames: letters, digits, . _ -)
    prompt: /^[\w.-]+@[\w.-]+(?:\([\w-]+\))?> ?$/,
    // `set cli pager off` changes this CLI session only (an operational-mode command: it writes
    // nothing to the candidate or running configuration); see README
    setup: ['set cli pager off'],
    // PAN-OS refusals, as its CLI prints them (scrapli-community paloalto_panos failed-when-contains)
    errorLine: /^(Unknown command: .*|Invalid [Ss]yntax\.?.*|Validation Error:.*|Server error ?: .*|Error: .*)$/,
    eol: '\n',
  },
  snapshot: {
    extension: '.txt',
    // the XML form's secret elements over the whole text (a key over two lines, in CDATA, `<key >`)
    redactText: xmlSecretRedactor(SECRET_LEAVES),
    redact: REDACT,
    volatile: [],
  },
};
