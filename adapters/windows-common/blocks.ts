/**
 * A Windows transcript is the console output of several commands, one after the other. Prompt
 * lines (`C:\Windows\system32>netsh …`, `PS C:\> Get-…`) separate them; a file without prompts
 * is one command's output, recognised by its content. This module cuts the text into blocks and
 * says what each block is; the adapters read the blocks they understand.
 */

/** One physical line: its 1-based number and its text without trailing whitespace. */
export interface Line {
  n: number;
  text: string;
}

export type BlockKind =
  | 'netsh-global' // netsh advfirewall show global
  | 'netsh-consec' // netsh advfirewall consec show rule name=all verbose
  | 'netsh-usage' // netsh's usage/error text (the command was mistyped)
  | 'netsh-sa' // netsh advfirewall monitor show mmsa|qmsa, Get-NetIPsec*SA: live SAs, read by the state command
  | 'change' // a command that changes the configuration (the fixes ipsec-drift writes): applied in order
  | 'ps-natt-registry' // Get-ItemProperty …\PolicyAgent -Name AssumeUDPEncapsulationContextOnSendRule
  | 'netsh-other' // another netsh command: not read
  | 'reg-query' // reg query …\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule
  | 'hostname'
  | 'ps-vpns2s' // Get-VpnS2SInterface (and Set/Add-… -PassThru)
  | 'ps-vpnserver' // Get-VpnServerConfiguration / Get-VpnServerIPsecConfiguration
  | 'ps-vpnconnection' // Get-VpnConnection
  | 'ps-vpnconnection-policy' // Get-VpnConnection -Name X | Select-Object -ExpandProperty IPsecCustomPolicy
  | 'ps-netipsecrule' // Get-NetIPsecRule
  | 'ps-mmcrypto' // Get-NetIPsecMainModeCryptoSet
  | 'ps-qmcrypto' // Get-NetIPsecQuickModeCryptoSet
  | 'ps-fwsetting' // Get-NetFirewallSetting
  | 'ps-other' // a PowerShell command this project does not read
  | 'quiet' // cls, chcp, echo off…: nothing to read, nothing to report
  | 'unknown';

export interface Block {
  kind: BlockKind;
  /** the command after the prompt, as typed; undefined when the file has no prompt lines */
  command?: string;
  /** line of the prompt (undefined for a block recognised by content) */
  promptLine?: number;
  /** the output lines (the prompt line excluded) */
  lines: Line[];
  /** for ps-vpnconnection-policy: the connection named in the command */
  connectionName?: string;
}

/** `C:\Windows\system32>netsh …` (cmd.exe), optionally `[host]: ` for a remote session. */
const CMD_PROMPT = /^(?:\[[^\]]+\]: )?[A-Za-z]:\\[^<>|"\n]*>\s?(.*)$/;
/** `PS C:\> Get-…`, `PS C:\Users\me>Get-…`, `[host]: PS C:\> …` */
const PS_PROMPT = /^(?:\[[^\]]+\]: )?PS [^>\s][^>]*>\s?(.*)$/;
/** PowerShell's continuation prompt for a command typed over several lines */
const PS_CONTINUATION = /^>> ?(.*)$/;
/**
 * A change command written on a line of its own, without a prompt: how a fix printed by
 * ipsec-drift is pasted back under a transcript (the fix round-trip). Only the commands the
 * Windows fix writers emit; nothing any read command prints starts this way.
 */
const BARE_CHANGE =
  /^\s*((?:netsh(?:\.exe)?\s+advfirewall\s+(?:consec\s+set\s+rule|set\s+global)\s|Set-(?:VpnS2SInterface|VpnServerConfiguration|VpnConnectionIPsecConfiguration|VpnConnection|NetIPsecRule|VpnAuthProtocol)\s+(?!:)|reg(?:\.exe)?\s+add\s).*)$/i;

/**
 * Lines of the text, trailing whitespace removed. A leading `> ` (a transcript pasted into an
 * e-mail or a Markdown quote) is dropped: no Windows command prints a line starting that way.
 */
export function toLines(text: string): Line[] {
  return text.split('\n').map((raw, i) => {
    let t = raw.trimEnd();
    if (t.startsWith('> ')) t = t.slice(2);
    return { n: i + 1, text: t };
  });
}

/**
 * A command line as it may be quoted in a message: values of secret-bearing parameters replaced
 * (`-SharedSecret x`, `-PreSharedKey x`, `-L2tpPsk x`, `-Password x`, netsh `auth1psk=x`).
 */
export function redactCommand(command: string): string {
  return command
    .replace(/(-(?:SharedSecret|PreSharedKey|L2tpPsk|Password|Psk)\b[\s:=]+)("[^"]*"|'[^']*'|\S+)/gi, '$1<redacted>')
    .replace(/(\bauth[12]psk\s*=\s*)("[^"]*"|\S+)/gi, '$1<redacted>');
}

/** A line named in a message by its label only (`Description:`), never by its value. */
export function lineLabel(text: string): string {
  // leading blanks trimmed and the line cut first: `^\s*` before a lazy label retried every split
  // of a long run of blanks (32 KB of blanks before a word: 28 s in netsh parse)
  const m = /^([^:]{1,40}?)\s*:/.exec(text.trimStart().slice(0, 200));
  return m ? `"${m[1]}: …"` : 'a line without a label';
}

export function promptCommand(text: string): string | undefined {
  const m = PS_PROMPT.exec(text) ?? CMD_PROMPT.exec(text) ?? BARE_CHANGE.exec(text);
  return m ? m[1].trim() : undefined;
}

/**
 * Console banners and Start-Transcript headers: printed by the shell, not by a command.
 * (`Machine: HOST (Microsoft Windows NT …)` in a transcript header names the host: see hostFromBanner.)
 */
const NOISE = [
  /^Microsoft Windows \[Version [\d.]+\]$/,
  /^\(c\) (\d{4} )?Microsoft Corporation\.( All rights reserved\.)?$/i,
  /^Copyright \(C\) Microsoft Corporation\.( All rights reserved\.)?$/i,
  /^Windows PowerShell$/,
  /^Install the latest PowerShell for new features and improvements!/,
  /^PowerShell \d+\.\d+(\.\d+)?$/,
  /^\*{10,}$/,
  /^Windows PowerShell transcript (start|end)$/,
  /^(Start|End) time: \d{14}$/,
  /^(Username|RunAs User|Configuration Name|Machine|Host Application|Process ID|PSVersion|PSEdition|PSCompatibleVersions|BuildVersion|CLRVersion|WSManStackVersion|PSRemotingProtocolVersion|SerializationVersion|GitCommitId|OS|Platform): /,
  /^Transcript (started|stopped), output file is /,
];

export function isNoise(text: string): boolean {
  return NOISE.some((re) => re.test(text));
}

/** `Machine: WIN-GW01 (Microsoft Windows NT 10.0.20348.0)` from a Start-Transcript header. */
export function hostFromBanner(lines: Line[]): string | undefined {
  for (const l of lines) {
    const m = /^Machine: ([A-Za-z0-9][A-Za-z0-9._-]*) \(Microsoft Windows/.exec(l.text);
    if (m) return m[1];
  }
  return undefined;
}

/** Cut the lines into blocks at prompt lines; prompt-less stretches are cut further by content. */
export function splitBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let current: { command?: string; promptLine?: number; lines: Line[] } = { lines: [] };
  const flush = () => {
    if (current.command === undefined) blocks.push(...splitByContent(current.lines));
    else blocks.push(classify(current.command, current.promptLine!, current.lines));
  };
  for (const line of lines) {
    if (isNoise(line.text)) continue;
    const cmd = promptCommand(line.text);
    if (cmd !== undefined) {
      flush();
      current = { command: cmd, promptLine: line.n, lines: [] };
      continue;
    }
    const more = current.command !== undefined && current.lines.length === 0 ? PS_CONTINUATION.exec(line.text) : null;
    if (more) {
      current.command = `${current.command} ${more[1].trim()}`;
      continue;
    }
    current.lines.push(line);
  }
  flush();
  return blocks.filter((b) => b.kind !== 'unknown' || b.lines.some((l) => l.text.trim() !== ''));
}

// ---------------------------------------------------------------------------------------------
// By command

const CMDLETS: Array<[RegExp, BlockKind]> = [
  [/^(get|set|add)-vpns2sinterface$/, 'ps-vpns2s'],
  [/^(get|set)-vpnserver(ipsec)?configuration$/, 'ps-vpnserver'],
  [/^(get|add|set)-vpnconnection$/, 'ps-vpnconnection'],
  [/^set-vpnconnectionipsecconfiguration$/, 'ps-vpnconnection'],
  [/^(get|find)-netipsecrule$/, 'ps-netipsecrule'],
  [/^get-netipsec(mainmode|quickmode)sa$/, 'netsh-sa'],
  [/^get-netipsecmainmodecryptoset$/, 'ps-mmcrypto'],
  [/^get-netipsecquickmodecryptoset$/, 'ps-qmcrypto'],
  [/^get-netfirewallsetting$/, 'ps-fwsetting'],
];

/** Nothing to read: shell housekeeping, and comments typed at the prompt (`# …`, `rem …`). */
const QUIET = /^(cls|clear|chcp(\.com)?(\s.*)?|echo(\s.*)?|@?echo off|exit|cd(\s.*)?|set-location(\s.*)?|whoami(\.exe)?|ver|#.*|rem(\s.*)?|)$/i;

/** The change commands ipsec-drift's Windows fixes are made of (windows-common/changes.ts reads them). */
const CHANGE =
  /^(netsh(\.exe)?\s+advfirewall\s+(consec\s+set\s+rule|set\s+global)\b|set-(vpns2sinterface|vpnserverconfiguration|vpnconnectionipsecconfiguration|vpnconnection|netipsecrule|vpnauthprotocol)\b|add-(vpnconnection|vpns2sinterface)\b|reg(\.exe)?\s+add\b)/i;

export function isChangeCommand(command: string): boolean {
  return CHANGE.test(command.replace(/\s+/g, ' ').trim());
}

/** What a command's output is, from the command line. */
export function classify(command: string, promptLine: number, lines: Line[]): Block {
  const c = command.replace(/\s+/g, ' ').trim().toLowerCase();
  const block: Block = { kind: 'unknown', command, promptLine, lines };
  // -PassThru prints the changed object: read it as the object (the later one wins); without it
  // the command's parameters are what changed
  if (isChangeCommand(c) && !/-passthru\b/.test(c)) return { ...block, kind: 'change' };
  if (/(^|[\s;(])netsh(\.exe)?\s/.test(c) || c === 'netsh') {
    if (/\badvfirewall\s+show\s+global\b/.test(c)) block.kind = 'netsh-global';
    else if (/\badvfirewall\s+monitor\s+show\s+(mmsa|qmsa)\b/.test(c)) block.kind = 'netsh-sa';
    else if (/\badvfirewall\s+consec\s+show\s+rule\b/.test(c)) block.kind = 'netsh-consec';
    else block.kind = 'netsh-other';
    if (isNetshUsage(lines)) block.kind = 'netsh-usage';
    return block;
  }
  if (/^reg(\.exe)?\s+query\b/.test(c)) return { ...block, kind: 'reg-query' };
  if (/^get-itemproperty\b.*\\policyagent\b/.test(c)) return { ...block, kind: 'ps-natt-registry' };
  if (/^hostname(\.exe)?$/.test(c) || c === '$env:computername') return { ...block, kind: 'hostname' };
  if (QUIET.test(c)) return { ...block, kind: 'quiet' };
  const cmdlet = /\b([a-z]+-[a-z0-9]+)\b/.exec(c)?.[1];
  if (cmdlet) {
    const hit = CMDLETS.find(([re]) => re.test(cmdlet));
    if (hit) {
      block.kind = hit[1];
      if (hit[1] === 'ps-vpnconnection' && /expandproperty\s+ipseccustompolicy/.test(c)) {
        block.kind = 'ps-vpnconnection-policy';
        const name = /-name\s+(?:"([^"]+)"|'([^']+)'|([^\s|]+))/i.exec(command);
        if (name) block.connectionName = name[1] ?? name[2] ?? name[3];
      }
      // Set-VpnConnectionIPsecConfiguration -PassThru prints the policy it set (the VpnClient help examples)
      if (cmdlet === 'set-vpnconnectionipsecconfiguration') {
        block.kind = 'ps-vpnconnection-policy';
        const name = /-connectionname\s+(?:"([^"]+)"|'([^']+)'|([^\s|]+))/i.exec(command) ?? /^\S+\s+(?:"([^"]+)"|'([^']+)'|([^\s|-][^\s|]*))/.exec(command);
        if (name) block.connectionName = name[1] ?? name[2] ?? name[3];
      }
      return block;
    }
    return { ...block, kind: 'ps-other' };
  }
  return block;
}

// ---------------------------------------------------------------------------------------------
// By content (files that hold one command's output without its prompt)

/** netsh prints this when the arguments are wrong, followed by the command's help text. */
export function isNetshUsage(lines: Line[]): boolean {
  return lines
    .slice(0, 5)
    .some((l) => /^The (number of arguments|syntax supplied)\b.*(not valid|incorrect)/i.test(l.text) || /^Usage: (set|show|add) /.test(l.text));
}

const STARTS: Array<[RegExp, BlockKind]> = [
  [/^Global Settings:\s*$/, 'netsh-global'],
  [/^(Main|Quick) Mode SA at /, 'netsh-sa'],
  [/^Rule Name:/, 'netsh-consec'],
  [/^HKEY_(LOCAL_MACHINE|CURRENT_USER)\\/, 'reg-query'],
];

/** A prompt-less stretch: split where a netsh or reg output visibly starts, classify the rest. */
function splitByContent(lines: Line[]): Block[] {
  const out: Block[] = [];
  let chunk: Line[] = [];
  let kind: BlockKind | undefined;
  const flush = () => {
    if (chunk.length) out.push({ kind: kind ?? kindFromContent(chunk), lines: chunk });
    chunk = [];
  };
  for (const line of lines) {
    const start = STARTS.find(([re]) => re.test(line.text))?.[1];
    // consecutive rules belong to one consec block; a new kind of output starts a new block
    if (start && start !== kind) {
      flush();
      kind = start;
    }
    chunk.push(line);
  }
  flush();
  return out;
}

/** PowerShell output without its command: recognised by the properties it lists. */
export function kindFromContent(lines: Line[]): BlockKind {
  if (isNetshUsage(lines)) return 'netsh-usage';
  const text = lines.map((l) => l.text).join('\n');
  const has = (name: string) => new RegExp(`(^|\\n)\\s*"?${name}"?\\s*:`, 'i').test(text);
  if (/^[ \t]*IPsecThroughNAT\s/m.test(text) || /^[ \t]*SecMethods\s/m.test(text)) return 'netsh-global';
  if (/^[ \t]*QuickModeSecMethods:/m.test(text)) return 'netsh-consec';
  if (/^[ \t]*(MM Offer|QM Offer|Cookie Pair)\s*:/m.test(text)) return 'netsh-sa';
  if (has('ServerAddress') && has('TunnelType')) return 'ps-vpnconnection';
  if (has('Destination') && (has('SALifeTime\\(s\\)') || has('SALifeTime') || has('AuthenticationMethod'))) return 'ps-vpns2s';
  if (/^Name\s+Destination\s+AdminStatus/m.test(text)) return 'ps-vpns2s';
  if (has('Ikev2Ports') || has('L2tpPorts')) return 'ps-vpnserver';
  if (has('AllowIPsecThroughNAT') || has('MaxSAIdleTimeSeconds')) return 'ps-fwsetting';
  if (has('QuickModeCryptoSet') || has('RemoteTunnelEndpoint')) return 'ps-netipsecrule';
  if (has('PerfectForwardSecrecyGroup')) return 'ps-qmcrypto';
  if (has('MaxSessions') || has('ForceDiffieHellman')) return 'ps-mmcrypto';
  return 'unknown';
}

/** Which product family a block belongs to: the adapters' detect compares these counts. */
export function family(kind: BlockKind): 'netsh' | 'rras' | 'neutral' {
  switch (kind) {
    case 'netsh-global':
    case 'netsh-consec':
    case 'ps-netipsecrule':
    case 'ps-mmcrypto':
    case 'ps-qmcrypto':
    case 'ps-fwsetting':
      return 'netsh';
    case 'ps-vpns2s':
    case 'ps-vpnserver':
    case 'ps-vpnconnection':
    case 'ps-vpnconnection-policy':
      return 'rras';
    default:
      return 'neutral';
  }
}
