/**
 * How each vendor's SSH session is driven. Interactive shells (FortiGate, ASA, IOS, Windows) are
 * read by prompt detection: the line the cursor waits on is the prompt, a pager, or a password
 * question. Exec devices (RouterOS CLI, pfSense/OPNsense) run one command per SSH exec channel.
 * Nothing here decides *what* to send: that is the adapter's `commands`, gated by allowlist.ts.
 */

export interface ShellDialect {
  kind: 'shell';
  vendor: string;
  /** the prompt the device waits on (tested against the current line only) */
  prompt: RegExp;
  /** a pager prompt and what answers it (a keystroke, never a settings change) */
  pager?: { re: RegExp; answer: string };
  /** ASA/IOS: user EXEC (`>`) needs `enable` for `show running-config` */
  needsEnable?: (prompt: string) => boolean;
  /** session-only commands to send once at the privileged prompt (allowlist.ts SESSION_COMMANDS) */
  setup: readonly string[];
  /** a line of output meaning the device refused the command, quoted back as the device wrote it */
  errorLine: RegExp;
  /** line end to send (Windows' console host wants CR) */
  eol: string;
  /** the command as typed at this prompt (Windows cmd.exe runs a cmdlet through powershell) */
  typed?: (command: string, prompt: string) => string;
  /** the prompt line as written in the snapshot, so the adapter sees a saved session */
  echo?: (command: string, prompt: string) => string;
  /** commands whose failure is a warning, not a failed device */
  optional?: (command: string) => boolean;
}

export interface ExecDialect {
  kind: 'exec';
  vendor: string;
  errorLine: RegExp;
  /** groups of alternatives: the first that succeeds is kept (RouterOS 7 `show-sensitive`, else 6) */
  plan: (commands: readonly string[]) => string[][];
  optional?: (command: string) => boolean;
}

export type Dialect = ShellDialect | ExecDialect;

/** `asa-hq>`, `asa-hq#`, `rtr-1(config)#` (hostnames: letters, digits, . - _ /) */
const CISCO_PROMPT = /^[A-Za-z0-9][\w.\-/]*(?:\([\w\-/.]+\))?[>#] ?$/;

/** Cisco refusals: `ERROR: % Invalid input detected at '^' marker.` (ASA), `% Invalid input …` (IOS) */
const CISCO_ERROR = /^(ERROR: .*|% ?(Invalid|Incomplete|Ambiguous|Unknown|Unrecognized|Permission|Authorization|Command authorization).*)$/;

const ciscoEnable = (prompt: string) => prompt.trimEnd().endsWith('>');

export const DIALECTS: Record<string, Dialect> = {
  asa: {
    kind: 'shell',
    vendor: 'asa',
    prompt: CISCO_PROMPT,
    pager: { re: /^\s*<--- More --->\s*$/, answer: ' ' },
    needsEnable: ciscoEnable,
    setup: ['terminal pager 0'],
    errorLine: CISCO_ERROR,
    eol: '\n',
  },
  ios: {
    kind: 'shell',
    vendor: 'ios',
    prompt: CISCO_PROMPT,
    pager: { re: /^\s*--More--\s*$/, answer: ' ' },
    needsEnable: ciscoEnable,
    setup: ['terminal length 0'],
    errorLine: CISCO_ERROR,
    eol: '\n',
  },
  fortigate: {
    kind: 'shell',
    vendor: 'fortigate',
    // `FGT-HQ-01 # `, `FGT60F (root) # `, `FGT60F (global) $ ` (read-only admin)
    prompt: /^[A-Za-z0-9][\w.-]*(?: \([\w\-.]+\))? [#$] ?$/,
    // answered with a space: `config system console` / `set output standard` would change settings
    pager: { re: /^\s*--More--\s*$/, answer: ' ' },
    setup: [],
    errorLine: /^(Command fail\. Return code -?\d+|command parse error.*|Unknown action \d+|entry not found.*|Permission denied.*)$/,
    eol: '\n',
  },
  'windows-netsh': windowsDialect('windows-netsh'),
  'windows-rras': windowsDialect('windows-rras'),
  routeros: {
    kind: 'exec',
    vendor: 'routeros',
    errorLine: /^(expected end of command.*|bad command name.*|syntax error.*|no such (item|command).*|input does not match.*|failure: .*)$/,
    // over SSH only the CLI exports; RouterOS 6 rejects show-sensitive, so it falls back to plain verbose
    plan: (commands) => {
      const cli = commands.filter((c) => !/^\/[a-z0-9-]+(\/[a-z0-9-]+)*\/print$/.test(c));
      const out: string[][] = [];
      for (const c of cli) {
        if (c === '/ip ipsec export verbose' && cli.includes('/ip ipsec export verbose show-sensitive')) continue;
        out.push(c === '/ip ipsec export verbose show-sensitive' ? [c, '/ip ipsec export verbose'] : [c]);
      }
      return out;
    },
    optional: (c) => c.startsWith('/ipv6') || c.startsWith('/system identity'),
  },
  pfsense: catDialect('pfsense'),
  opnsense: catDialect('opnsense'),
};

function windowsDialect(vendor: string): ShellDialect {
  const isCmdlet = (c: string) => /^Get-/i.test(c);
  return {
    kind: 'shell',
    vendor,
    // cmd.exe `C:\Users\netops>`, PowerShell `PS C:\Users\netops> `
    prompt: /^(?:PS )?[A-Za-z]:\\[^<>|"\n]*> ?$/,
    setup: [],
    errorLine:
      /^(.+ : The term '.+' is not recognized.*|'.+' is not recognized as an internal or external command.*|The following command was not found: .*|ERROR: .*)$/,
    eol: '\r',
    typed: (c, prompt) => (isCmdlet(c) && !prompt.startsWith('PS ') ? `powershell -NoLogo -NoProfile -NonInteractive -Command "${c}"` : c),
    echo: (c, prompt) =>
      isCmdlet(c) && !prompt.startsWith('PS ') ? `PS ${prompt.replace(/>\s*$/, '')}> ${c}` : `${prompt.trimEnd()}${prompt.startsWith('PS ') ? ' ' : ''}${c}`,
    // a Windows box without RRAS has no RemoteAccess cmdlets: the adapter reads what there is
    optional: () => true,
  };
}

function catDialect(vendor: string): ExecDialect {
  return { kind: 'exec', vendor, errorLine: /^cat: .*$/, plan: (commands) => commands.map((c) => [c]) };
}
