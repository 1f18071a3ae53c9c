/**
 * Applying a fix to an input, the way a person would, for the fix round trip (issue 11):
 * - CLI vendors (FortiGate, ASA, IOS, RouterOS, netsh and RRAS transcripts): the fix is pasted
 *   after the last line — later configuration, as the device reads it;
 * - swanctl.conf: `connections.X.children.Y.key = value` lines set that key in that section;
 * - ipsec.conf: `conn NAME` blocks set their `key=value` lines in that conn;
 * - config.xml (pfSense, OPNsense): the `(<element>…</element>)` the GUI path names replaces the
 *   element of that name inside the tunnel's or phase 2's element (`remove <a> and <b>` removes).
 * Each editor is small, pure and tested (editors.test.ts).
 */

/** The fix pasted after the input's last line. */
export function appendFix(text: string, fix: string): string {
  return `${text.replace(/\s*$/, '')}\n${fix}\n`;
}

// --- swanctl.conf ---------------------------------------------------------------------------------

/** `path.to.key = value` lines of a swanctl fix (comments and "(then: …)" left out). */
export function swanctlAssignments(fix: string): Array<{ path: string[]; value: string }> {
  const out: Array<{ path: string[]; value: string }> = [];
  for (const line of fix.split('\n')) {
    const m = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line.trim());
    if (!m || line.trim().startsWith('#')) continue;
    out.push({ path: m[1].split('.'), value: m[2] });
  }
  return out;
}

interface Section {
  name: string;
  /** index of the line holding `name {` */
  open: number;
  /** index of the line holding its closing `}` */
  close: number;
  depth: number;
}

function sectionsOf(lines: string[]): Section[] {
  const out: Section[] = [];
  const stack: Section[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    const open = /^([^={}]+?)\s*(?::\s*[^{]*)?\{\s*$/.exec(line);
    if (open) {
      const s: Section = { name: open[1].trim(), open: i, close: -1, depth: stack.length };
      stack.push(s);
      out.push(s);
    } else if (line === '}') {
      const s = stack.pop();
      if (s) s.close = i;
    }
  });
  return out;
}

/** Set `key = value` at `path` (sections, then the key) in a swanctl.conf text; the section must exist. */
export function setSwanctl(text: string, path: string[], value: string): string {
  const lines = text.split('\n');
  const key = path[path.length - 1];
  const sections = sectionsOf(lines);
  let within: Section | undefined;
  let from = 0;
  let to = lines.length;
  for (const [depth, name] of path.slice(0, -1).entries()) {
    within = sections.find((s) => s.depth === depth && s.name === name && s.open >= from && s.close <= to);
    if (!within) throw new Error(`swanctl.conf: no section ${path.slice(0, depth + 1).join('.')}`);
    from = within.open;
    to = within.close;
  }
  if (!within) throw new Error('swanctl.conf: a key outside any section');
  const inner = sections.filter((s) => s.open > within!.open && s.close < within!.close);
  const own = (i: number) => !inner.some((s) => i >= s.open && i <= s.close);
  for (let i = within.open + 1; i < within.close; i++) {
    const m = new RegExp(`^(\\s*)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).exec(lines[i]);
    if (m && own(i)) {
      lines[i] = `${m[1]}${key} = ${value}`;
      return lines.join('\n');
    }
  }
  const indent = `${/^\s*/.exec(lines[within.open])![0]}   `;
  lines.splice(within.close, 0, `${indent}${key} = ${value}`);
  return lines.join('\n');
}

export function applySwanctlFix(text: string, fix: string): string {
  return swanctlAssignments(fix).reduce((t, a) => setSwanctl(t, a.path, a.value), text);
}

// --- ipsec.conf -------------------------------------------------------------------------------------

/** `conn NAME` blocks of an ipsec.conf fix, with their `key=value` lines. */
export function ipsecConfBlocks(fix: string): Array<{ conn: string; params: Array<[string, string]> }> {
  const out: Array<{ conn: string; params: Array<[string, string]> }> = [];
  for (const line of fix.split('\n')) {
    const c = /^conn\s+(\S+)\s*$/.exec(line);
    if (c) out.push({ conn: c[1], params: [] });
    const p = /^\s+([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (p && out.length) out[out.length - 1].params.push([p[1], p[2]]);
  }
  return out;
}

/** Set `key=value` in `conn NAME` of an ipsec.conf text (replacing the conn's own line for the key). */
export function setIpsecConf(text: string, conn: string, key: string, value: string): string {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => new RegExp(`^conn\\s+${conn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`).test(l));
  if (head < 0) throw new Error(`ipsec.conf: no conn ${conn}`);
  let end = head + 1;
  while (end < lines.length && (/^\s+\S/.test(lines[end]) || lines[end].trim() === '' || /^\s*#/.test(lines[end]))) {
    if (lines[end].trim() === '' && end + 1 < lines.length && /^\S/.test(lines[end + 1])) break;
    end++;
  }
  for (let i = head + 1; i < end; i++) {
    const m = new RegExp(`^(\\s+)${key}\\s*=`).exec(lines[i]);
    if (m) {
      lines[i] = `${m[1]}${key}=${value}`;
      return lines.join('\n');
    }
  }
  const indent = /^(\s+)\S/.exec(lines[head + 1] ?? '')?.[1] ?? '\t';
  lines.splice(head + 1, 0, `${indent}${key}=${value}`);
  return lines.join('\n');
}

export function applyIpsecConfFix(text: string, fix: string): string {
  let out = text;
  for (const b of ipsecConfBlocks(fix)) for (const [k, v] of b.params) out = setIpsecConf(out, b.conn, k, v);
  return out;
}

// --- config.xml -------------------------------------------------------------------------------------

/** The XML the fix names: `(<a>…</a> <b>…</b>)` after a GUI path; one list per fix line. */
export function xmlSnippets(fix: string): { set: string[]; remove: string[] } {
  const set: string[] = [];
  const remove: string[] = [];
  for (const line of fix.split('\n')) {
    const rm = /\(remove ((?:<[^>]+>(?:,| and |\s)*)+)\)/.exec(line);
    if (rm) for (const m of rm[1].matchAll(/<([^>\s/]+)>/g)) remove.push(m[1]);
    const paren = /\(\s*(<.*>)\s*\)\s*$/.exec(line);
    if (paren && !rm) for (const m of paren[1].matchAll(/<([A-Za-z0-9_:-]+)>[\s\S]*?<\/\1>/g)) set.push(m[0]);
  }
  return { set, remove };
}

/** The [start, end) offsets of the element whose start tag is on `line` (1-based), matching nested tags of its name. */
function elementAt(text: string, line: number): { start: number; end: number; tag: string } {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  const open = /<([A-Za-z0-9_:-]+)(?:\s[^>]*)?>/g;
  open.lastIndex = offset;
  const m = open.exec(text);
  if (!m) throw new Error(`config.xml: no element at line ${line}`);
  const tag = m[1];
  const re = new RegExp(`<(/?)${tag}(?:\\s[^>]*)?>`, 'g');
  re.lastIndex = m.index;
  let depth = 0;
  for (let x = re.exec(text); x; x = re.exec(text)) {
    depth += x[1] ? -1 : 1;
    if (depth === 0) return { start: m.index, end: x.index + x[0].length, tag };
  }
  throw new Error(`config.xml: <${tag}> at line ${line} is not closed`);
}

/** Direct children of an element's inner text, by tag, with their offsets inside `inner`. */
function directChildren(inner: string): Array<{ tag: string; start: number; end: number }> {
  const out: Array<{ tag: string; start: number; end: number }> = [];
  const re = /<(\/?)([A-Za-z0-9_:-]+)(?:\s[^>]*?)?(\/?)>/g;
  let depth = 0;
  let current: { tag: string; start: number } | undefined;
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    const [, close, tag, selfClose] = m;
    if (!close && selfClose) {
      if (depth === 0) out.push({ tag, start: m.index, end: m.index + m[0].length });
      continue;
    }
    if (!close) {
      if (depth === 0) current = { tag, start: m.index };
      depth++;
    } else {
      depth--;
      if (depth === 0 && current) {
        out.push({ tag: current.tag, start: current.start, end: m.index + m[0].length });
        current = undefined;
      }
    }
  }
  return out;
}

/**
 * Set, inside the element starting on `line`, the child elements the snippets name: all direct
 * children of a snippet's tag are replaced by that tag's snippets (a list such as
 * `<encryption-algorithm-option>` is replaced as a whole); `remove` tags are taken out.
 */
export function editXmlElement(text: string, line: number, set: string[], remove: string[] = []): string {
  const el = elementAt(text, line);
  const openEnd = text.indexOf('>', el.start) + 1;
  const closeStart = text.lastIndexOf(`</${el.tag}>`, el.end);
  let inner = text.slice(openEnd, closeStart);
  const byTag = new Map<string, string[]>();
  for (const s of set) {
    const tag = /^<([A-Za-z0-9_:-]+)/.exec(s)![1];
    byTag.set(tag, [...(byTag.get(tag) ?? []), s]);
  }
  const indent = /\n([ \t]*)</.exec(inner)?.[1] ?? '';
  for (const tag of [...byTag.keys(), ...remove]) {
    const kids = directChildren(inner).filter((c) => c.tag === tag);
    const replacement = (byTag.get(tag) ?? []).join(`\n${indent}`);
    if (kids.length === 0) {
      if (replacement) inner = `${inner.replace(/\s*$/, '')}\n${indent}${replacement}${/\n[ \t]*$/.exec(inner)?.[0] ?? '\n'}`;
      continue;
    }
    // drop all but the first, then put the replacement where the first was
    for (const k of [...kids].reverse().slice(0, -1)) inner = inner.slice(0, k.start).replace(/\n[ \t]*$/, '') + inner.slice(k.end);
    const first = directChildren(inner).find((c) => c.tag === tag)!;
    inner = replacement
      ? inner.slice(0, first.start) + replacement + inner.slice(first.end)
      : inner.slice(0, first.start).replace(/\n[ \t]*$/, '') + inner.slice(first.end);
  }
  return text.slice(0, openEnd) + inner + text.slice(closeStart);
}

export function applyXmlFix(text: string, fix: string, line: number): string {
  const { set, remove } = xmlSnippets(fix);
  if (set.length === 0 && remove.length === 0) throw new Error(`config.xml: the fix names no element: ${fix}`);
  return editXmlElement(text, line, set, remove);
}

// --- cloud CLI commands against an exported API object ---------------------------------------------

/** `--flag value` pairs of one command line (values without spaces, as the fix writers print them). */
export function cliFlags(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const words = line.trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) if (words[i].startsWith('-') && i + 1 < words.length && !words[i + 1].startsWith('--')) out.set(words[i], words[++i]);
  return out;
}

/** AWS CLI shorthand `K=V,K=[{Value=a},{Value=b}]` → entries, list values as `[{Value: …}]` (numbers where numeric). */
export function awsShorthand(options: string): Array<[string, unknown]> {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of options) {
    if (ch === '[' || ch === '{') depth++;
    if (ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  const scalar = (v: string): unknown => (/^\d+$/.test(v) ? Number(v) : v);
  return parts.map((p) => {
    const eq = p.indexOf('=');
    const key = p.slice(0, eq);
    const value = p.slice(eq + 1);
    if (!value.startsWith('[')) return [key, scalar(value)];
    return [key, [...value.matchAll(/\{Value=([^}]*)\}/g)].map((m) => ({ Value: scalar(m[1]) }))];
  });
}

/**
 * `aws ec2 modify-vpn-tunnel-options` / `modify-vpn-connection-options` applied to a
 * describe-vpn-connections JSON export: the tunnel (by its outside address) gets the options, as
 * AWS would then print them. Undefined when the input is not that JSON (the Generic text).
 */
/** The parts of a describe-vpn-connections export the AWS fixes write (other fields pass through untouched). */
type AwsTunnelOptions = Record<string, unknown> & { OutsideIpAddress?: string };
interface AwsConnection {
  VpnConnectionId?: string;
  Options?: { LocalIpv4NetworkCidr?: string; RemoteIpv4NetworkCidr?: string; TunnelOptions?: AwsTunnelOptions[] };
}

export function applyAwsFix(text: string, fix: string): string | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  const doc = JSON.parse(text) as { VpnConnections?: AwsConnection[]; VpnConnection?: AwsConnection };
  const conns = doc.VpnConnections ?? (doc.VpnConnection ? [doc.VpnConnection] : []);
  for (const line of fix.split('\n').filter((l) => l.startsWith('aws ec2 '))) {
    const flags = cliFlags(line);
    const conn = conns.find((c) => c.VpnConnectionId === flags.get('--vpn-connection-id'));
    if (!conn) throw new Error(`no VPN connection ${flags.get('--vpn-connection-id')} in the export`);
    conn.Options ??= {};
    if (line.startsWith('aws ec2 modify-vpn-connection-options')) {
      if (flags.has('--local-ipv4-network-cidr')) conn.Options.LocalIpv4NetworkCidr = flags.get('--local-ipv4-network-cidr');
      if (flags.has('--remote-ipv4-network-cidr')) conn.Options.RemoteIpv4NetworkCidr = flags.get('--remote-ipv4-network-cidr');
      continue;
    }
    const ip = flags.get('--vpn-tunnel-outside-ip-address');
    conn.Options.TunnelOptions ??= [];
    let tunnel = conn.Options.TunnelOptions.find((t) => t.OutsideIpAddress === ip);
    if (!tunnel) {
      tunnel = { OutsideIpAddress: ip };
      conn.Options.TunnelOptions.push(tunnel);
    }
    // describe-vpn-connections prints the DPD options as DpdTimeout…, the request spells them DPDTimeout…
    for (const [k, v] of awsShorthand(flags.get('--tunnel-options') ?? '')) tunnel[k.replace(/^DPD/, 'Dpd')] = v;
  }
  return `${JSON.stringify(doc, null, 4)}\n`;
}

/**
 * `az network vpn-connection ipsec-policy clear` / `add` applied to an `az network vpn-connection
 * show` export (one object, or a list of documents): the connection's ipsecPolicies becomes what
 * Azure would then print. Undefined for PowerShell's printed object.
 */
/** The parts of an `az network vpn-connection show` export the Azure fixes read and write. */
interface AzureConnection {
  name?: unknown;
  Name?: unknown;
  ipsecPolicies?: unknown[];
}

export function applyAzureFix(text: string, fix: string): string | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  const doc = JSON.parse(text) as AzureConnection | AzureConnection[];
  const docs = Array.isArray(doc) ? doc : [doc];
  for (const line of fix.split('\n').filter((l) => l.startsWith('az network vpn-connection ipsec-policy '))) {
    const flags = cliFlags(line);
    const conn = docs.find((d) => String(d.name ?? d.Name) === flags.get('--connection-name'));
    if (!conn) throw new Error(`no connection ${flags.get('--connection-name')} in the export`);
    if (line.includes(' ipsec-policy clear ')) conn.ipsecPolicies = [];
    else {
      if ((conn.ipsecPolicies ?? []).length) throw new Error('ipsec-policy add on a connection that has a policy: Azure allows one (clear it first)');
      conn.ipsecPolicies = [
        {
          dhGroup: flags.get('--dh-group'),
          ikeEncryption: flags.get('--ike-encryption'),
          ikeIntegrity: flags.get('--ike-integrity'),
          ipsecEncryption: flags.get('--ipsec-encryption'),
          ipsecIntegrity: flags.get('--ipsec-integrity'),
          pfsGroup: flags.get('--pfs-group'),
          saDataSizeKilobytes: Number(flags.get('--sa-max-size')),
          saLifeTimeSeconds: Number(flags.get('--sa-lifetime')),
        },
      ];
    }
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}
