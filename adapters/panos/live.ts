/**
 * PAN-OS live collection over SSH: the operational-mode prompt (`admin@PA-VM>`, with the HA state
 * in parentheses on a pair: `admin@PA-VM(active)>`), `set cli pager off` for this session only,
 * then `show config running`. Configure mode (`#`) is never entered. Snapshots hold every secret
 * leaf as `<redacted>` in whichever form the device printed (default braces, XML or set).
 */
import type { LineRule, Live } from '../../src/model/live.js';
import { REDACTED, SECRET_LEAVES } from './secrets.js';

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
  (l) => l.replace(new RegExp(`^(\\s*set\\s.*?\\s(?:${NAMES})\\s+)(?:"(?:[^"\\\\]|\\\\.)*"|\\S+)\\s*$`), `$1${REDACTED}`),
];

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
    redact: REDACT,
    volatile: [],
  },
};
