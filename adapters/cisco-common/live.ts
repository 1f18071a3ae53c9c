/**
 * What Cisco ASA and IOS share for live collection: the prompt, the refusal lines, `enable` from
 * user EXEC, and how keys, passwords and secrets are redacted from a snapshot.
 */
import { type LineRule, redactAfter, type ShellDialect } from '../../src/model/live.js';

/** `asa-hq>`, `asa-hq#`, `rtr-1(config)#` (hostnames: letters, digits, . - _ /) */
const CISCO_PROMPT = /^[A-Za-z0-9][\w.\-/]*(?:\([\w\-/.]+\))?[>#] ?$/;

/** Cisco refusals: `ERROR: % Invalid input detected at '^' marker.` (ASA), `% Invalid input …` (IOS) */
const CISCO_ERROR = /^(ERROR: .*|% ?(Invalid|Incomplete|Ambiguous|Unknown|Unrecognized|Permission|Authorization|Command authorization).*)$/;

/** An interactive Cisco shell with its pager and its session-only setup (`terminal pager 0`, `terminal length 0`). */
export function ciscoDialect(pager: RegExp, setup: string): ShellDialect {
  return {
    kind: 'shell',
    prompt: CISCO_PROMPT,
    pager: { re: pager, answer: ' ' },
    // user EXEC (`>`) needs `enable` for `show running-config`
    needsEnable: (prompt) => prompt.trimEnd().endsWith('>'),
    setup: [setup],
    errorLine: CISCO_ERROR,
    eol: '\n',
  };
}

/** Keys, passwords, secrets, communities (an encryption-type digit is kept). */
export const CISCO_REDACT: LineRule[] = [
  redactAfter(
    /^(\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key\s+(?:address\s+\S+(?:\s+\S+)?\s+key\s+)?(?:local\s+|remote\s+)?(?:[0-9]\s+)?)/i,
  ),
  redactAfter(/^(\s*pre-shared-key\s+(?:address|hostname)\s+\S+(?:\s+\S+)?\s+key\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*crypto isakmp key\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*(?:enable (?:password|secret)|passwd)\s+(?:level\s+\d+\s+)?(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*username\s+\S+(?:\s+privilege\s+\d+)?\s+(?:password|secret)\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*(?:snmp-server community|key-string|tacacs-server key|radius-server key|server-key)\s+(?:[0-9]\s+)?)/i),
  redactAfter(/^(\s*(?:ikev2 )?(?:local|remote)-authentication pre-shared-key\s+(?:[0-9]\s+)?)/i),
];
