/**
 * The three forms an Azure connection is exported in, all turned into the same Located maps (keys
 * looked up ignoring case, so `az`'s camelCase and PowerShell's PascalCase read alike):
 * - `az network vpn-connection show` JSON (flattened properties, camelCase), alone, as a JSON list
 *   (`jq -s . conn.json lgw.json …`), or several documents joined with `---` lines (gcp-vpn's
 *   convention), with `az network local-gateway show`, `vnet-gateway show`, `public-ip show`;
 * - `Get-AzVirtualNetworkGatewayConnection | ConvertTo-Json -Depth 5` (PascalCase; the local
 *   network gateway object nested in `LocalNetworkGateway2`);
 * - the same cmdlet's printed object (Format-List): `Name : value` lines; a value too long for the
 *   console continues on the next, indented line, hard-wrapped mid-word (the real msdocs example);
 *   values the Az.Network objects print as JSON text (IpsecPolicies, TunnelConnectionStatus) are
 *   read as JSON. Anything before the first `Name :` line (a Confirm prompt) is skipped.
 */
import { ParseError } from '../../src/model/errors.js';
import { get, type Located, list, readDocuments, str } from '../cloud-common/tree.js';

export type Kind = 'connection' | 'local-gateway' | 'vnet-gateway' | 'public-ip' | 'vnet';

const TYPES: Record<string, Kind> = {
  'microsoft.network/connections': 'connection',
  'microsoft.network/localnetworkgateways': 'local-gateway',
  'microsoft.network/virtualnetworkgateways': 'vnet-gateway',
  'microsoft.network/publicipaddresses': 'public-ip',
  'microsoft.network/virtualnetworks': 'vnet',
};

const has = (d: Located, key: string) => get(d, key) !== undefined;

/** What a document is: by its `type` (az), else by the keys only that object has (PowerShell objects have no type). */
export function kindOf(d: Located): Kind | undefined {
  const t = str(get(d, 'type'))?.toLowerCase();
  if (t && TYPES[t]) return TYPES[t];
  if (has(d, 'virtualNetworkGateway1') && (has(d, 'connectionType') || has(d, 'sharedKey') || has(d, 'routingWeight'))) return 'connection';
  if (has(d, 'gatewayIpAddress') || has(d, 'localNetworkAddressSpace')) return 'local-gateway';
  if (has(d, 'vpnType') || has(d, 'gatewayType')) return 'vnet-gateway';
  if (has(d, 'publicIpAllocationMethod')) return 'public-ip';
  if (has(d, 'addressSpace') && has(d, 'subnets')) return 'vnet';
  return undefined;
}

/** The last segment of a resource id: the resource's name. */
export const nameOfId = (id: string | undefined) => id?.split('/').filter(Boolean).pop();

/** `{ "id": "…" }`, a nested object with `Id`, or (PowerShell's printed form) the quoted id itself. */
export function idOf(node: Located | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'map') return str(get(node, 'id'));
  const s = str(node);
  return s ? s.replace(/^"|"$/g, '') : undefined;
}

const KEY_LINE = /^([A-Za-z][A-Za-z0-9]*)\s*:(?: (.*))?$/;

function scalarOf(text: string): string | number | boolean | null {
  const t = text.trim();
  if (t === '') return null;
  // 64-bit values (IKE cookies) stay text: a double would round them
  if (/^-?\d+$/.test(t)) return Number.isSafeInteger(Number(t)) ? Number(t) : t;
  if (t === 'True') return true;
  if (t === 'False') return false;
  return t.replace(/^"(.*)"$/, '$1');
}

/** A JSON value as Located, every node on the line of the Format-List key it came from. */
function locate(v: unknown, at: { file: string; line: number }): Located {
  if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => locate(x, at)), at };
  if (v && typeof v === 'object') return { kind: 'map', entries: Object.entries(v).map(([key, value]) => ({ key, at, value: locate(value, at) })), at };
  const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  return { kind: 'scalar', value, at };
}

/** PowerShell's printed objects (Format-List): one map per block of `Name : value` lines. */
export function readFormatList(text: string, file: string): Located[] {
  const lines = text.split('\n');
  const objects: Located[] = [];
  let entries: Array<{ key: string; line: number; text: string }> = [];
  const flush = () => {
    if (!entries.length) return;
    const mapEntries = entries.map((e) => {
      const at = { file, line: e.line };
      const t = e.text.trim();
      if (t.startsWith('[') || t.startsWith('{')) {
        try {
          return { key: e.key, at, value: locate(JSON.parse(t), at) };
        } catch {
          throw new ParseError(file, e.line, `expected ${e.key} to be JSON text as Az.Network prints it, found "${t.slice(0, 40)}"`);
        }
      }
      return { key: e.key, at, value: { kind: 'scalar', value: scalarOf(t), at } as Located };
    });
    objects.push({ kind: 'map', entries: mapEntries, at: { file, line: entries[0].line } });
    entries = [];
  };
  for (const [i, raw] of lines.entries()) {
    const line = raw.trimEnd(); // not /\s+$/: quadratic on a long run of blanks before a word
    const m = KEY_LINE.exec(line);
    const last = entries[entries.length - 1];
    if (line === '') flush();
    else if (m && !/^\s/.test(raw)) entries.push({ key: m[1], line: i + 1, text: m[2] ?? '' });
    // a continuation: the console wrapped the value (mid-word for long ids) or it is multi-line JSON text
    else if (last && /^\s/.test(raw)) last.text += line.trim();
  }
  flush();
  return objects;
}

export function looksFormatList(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^VirtualNetworkGateway1\s+:/m.test(head) && /^(ConnectionType|RoutingWeight|SharedKey)\s+:/m.test(head);
}

/** Every resource document in the text, JSON/YAML or printed; a JSON list is a list of documents. */
export function readResources(text: string, file: string): { docs: Located[]; printed: boolean } {
  if (!/^\s*[[{]/.test(text) && !/^---/m.test(text) && looksFormatList(text)) return { docs: readFormatList(text, file), printed: true };
  return { docs: readDocuments(text, file).flatMap((d) => (d.kind === 'list' ? list(d) : [d])), printed: false };
}
