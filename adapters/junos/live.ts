/**
 * Junos live collection over SSH: an interactive shell at the operational prompt (`user@host> `;
 * on a chassis cluster the line above it says `{primary:node0}`), then `show configuration` —
 * the brace form, which parse.ts reads whole. Configure mode (`#`) is never entered and nothing
 * is set: the Junos pager (`---(more)---`, `---(more 40%)---` … `---(more 100%)---`) is answered
 * with a space, as a person would, instead of `set cli screen-length 0` (a `set`: the collector's
 * read-only gate refuses it, and answering the pager needs no change of anything) or `| no-more`
 * (a pipe the gate does not admit either). Why not `| display set`: the same gate; the brace form
 * carries every statement the set form does.
 */
import type { LineRule, Live } from '../../src/model/live.js';
import { REDACTED, SECRET_WORDS } from './secrets.js';

const WORDS = [...SECRET_WORDS].join('|');

/**
 * Secrets as Junos prints them, in both forms. Every rule keeps the statement and its line, so the
 * snapshot parses as before and diffs stay readable; `ssh-rsa`/`ssh-ed25519` public keys are kept
 * (public, and they say who may log in).
 */
const REDACT: LineRule[] = [
  // brace form: Junos tags each secret with `## SECRET-DATA`; the value before `;` goes
  (l) =>
    /##\s*SECRET-DATA\s*$/.test(l) && !/\bssh-(?:rsa|dss|ecdsa|ed25519)\b/.test(l)
      ? l.replace(/("(?:[^"\\]|\\.)*"|[^\s";]+)(\s*;\s*##\s*SECRET-DATA\s*)$/, `${REDACTED}$2`)
      : l,
  // any `$9$…` (reversible), `$1$`/`$5$`/`$6$` hashes, quoted or not, wherever they stand
  (l) => l.replace(/"\$(?:9|1|5|6|sha1)\$(?:[^"\\]|\\.)*"/g, REDACTED).replace(/(^|[\s[])\$(?:9|1|5|6|sha1)\$[^\s;"\]]+/g, `$1${REDACTED}`),
  // the word after a secret keyword, both forms: `pre-shared-key ascii-text "k"`, `set … authentication-key k`
  (l) =>
    l.replace(new RegExp(`(\\b(?:${WORDS})\\s+)(?!ascii-text\\b|hexadecimal\\b)("(?:[^"\\\\]|\\\\.)*"|[^\\s;{"]+)`, 'g'), (_m, key: string, v: string) =>
      v === REDACTED ? `${key}${v}` : `${key}${REDACTED}`,
    ),
  // a password inside a URL (archive sites): scheme://user:secret@host
  (l) => l.replace(/(\b[a-z][\w+.-]*:\/\/[^/@\s":]+):[^@\s"/]+@/gi, `$1:${REDACTED}@`),
];

export const live: Live = {
  // read-only: the whole configuration in the brace form
  commands: ['show configuration'],
  dialect: {
    kind: 'shell',
    // operational mode only: `user@host> ` (user names may hold . + -; host names . _ -)
    prompt: /^[\w.+-]+@[\w.-]+> ?$/,
    // the Junos pager: answered with a keystroke, never switched off
    pager: { re: /^\s*---\((?:more(?: \d{1,3}%)?|Head of output truncated; more)\)---\s*$/, answer: ' ' },
    setup: [],
    // Junos refusals, as its CLI prints them (below a `^` line pointing at the word)
    errorLine: /^(error: .*|syntax error(?:, expecting .*)?\.?|unknown command\.?|invalid (?:numeric value|interface type|value).*)$/,
    eol: '\n',
  },
  snapshot: {
    extension: '.conf',
    redact: REDACT,
    // `## Last commit: 2024-12-06 11:41:05 UTC by root` changes on every commit, configuration or not
    volatile: [/^## Last (?:commit|changed): /],
  },
};
