/**
 * What both Windows adapters share for live collection: OpenSSH on Windows lands in cmd.exe or
 * PowerShell; cmdlets are run through powershell from cmd.exe and echoed as a PowerShell prompt,
 * so the snapshot reads like a saved session. `?vendor=windows` runs both adapters' commands in
 * one session (group `windows`) and the transcript goes to whichever adapter claims it.
 */
import { type LineRule, REDACTED, type ShellDialect, type SnapshotRules } from '../../src/model/live.js';

const isCmdlet = (c: string) => /^Get-/i.test(c);

export const WINDOWS_DIALECT: ShellDialect = {
  kind: 'shell',
  // cmd.exe `C:\Users\netops>`, PowerShell `PS C:\Users\netops> `
  prompt: /^(?:PS )?[A-Za-z]:\\[^<>|"\n]*> ?$/,
  setup: [],
  errorLine:
    /^(.+ : The term '.+' is not recognized.*|'.+' is not recognized as an internal or external command.*|The following command was not found: .*|ERROR: .*)$/,
  // the console host wants CR
  eol: '\r',
  typed: (c, prompt) => (isCmdlet(c) && !prompt.startsWith('PS ') ? `powershell -NoLogo -NoProfile -NonInteractive -Command "${c}"` : c),
  echo: (c, prompt) =>
    isCmdlet(c) && !prompt.startsWith('PS ') ? `PS ${prompt.replace(/>\s*$/, '')}> ${c}` : `${prompt.trimEnd()}${prompt.startsWith('PS ') ? ' ' : ''}${c}`,
  // a Windows box without RRAS has no RemoteAccess cmdlets: the adapter reads what there is
  optional: () => true,
};

/** netsh `Auth1PSK`, PowerShell `SharedSecret`/`PreSharedKey` in lists and JSON. */
const REDACT: LineRule[] = [
  (l) => l.replace(/^(\s*(?:Auth1PSK|Auth2PSK|PreSharedKey|SharedSecret|Psk|L2tpPsk|CustomIPsecPolicy\.PSK)\s*:\s*).+$/i, `$1${REDACTED}`),
  (l) => l.replace(/("(?:SharedSecret|PreSharedKey|Psk|L2tpPsk|Auth1PSK|Password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`),
];

export const WINDOWS_SNAPSHOT: SnapshotRules = {
  extension: '.txt',
  redact: REDACT,
  // transcript headers
  volatile: [/^(Start|End) time: \d{14}$/, /^Transcript (started|stopped), output file is /],
};

/** The session both Windows adapters share. */
export const WINDOWS_GROUP = 'windows';
