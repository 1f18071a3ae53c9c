/**
 * The tunnel inventory (`tunnels.yaml`): devices, explicit pairs, NAT mappings, peer contracts for
 * tunnels whose other end is outside the repo, per-rule severity overrides, and ignores with a
 * reason and an optional expiry. Validated with a JSON Schema (ajv); every error names its line.
 */
import { Ajv } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { adapters } from '../../adapters/index.js';
import { ParseError } from '../model/errors.js';

/** How a live device is reached: `ssh`, or the URL scheme of an adapter's device API (`live.api.schemes`). */
const TRANSPORTS = ['ssh', ...adapters.flatMap((a) => a.live?.api?.schemes.map((s) => s.scheme) ?? [])];
import { ruleById } from '../compare/rules/index.js';

export type SeverityOverride = 'error' | 'warning' | 'info' | 'off';

export interface ContractSpec {
  name: string;
  /** `device/tunnel`: the end in the repo this contract is the other side of */
  tunnel: string;
  'ike-version'?: 1 | 2;
  'local-address'?: string;
  phase1?: { proposals?: string[]; lifetime?: string | number };
  phase2?: { proposals?: string[]; pfs?: string | number; lifetime?: string | number; 'lifetime-kb'?: number; local?: string[]; remote?: string[] };
  'nat-t'?: 'auto' | 'forced' | 'disabled';
  dpd?: string | number;
}

export interface Inventory {
  file: string;
  devices: Array<{
    name: string;
    file?: string;
    url?: string;
    vendor?: string;
    /** live sources (issue 6): pinned `SHA256:` host key, password variables, snapshot file name */
    'host-key'?: string;
    'password-env'?: string;
    'enable-password-env'?: string;
    snapshot?: string;
    line: number;
  }>;
  /** shared defaults for live devices */
  defaults?: { vendor?: string; 'password-env'?: string; 'enable-password-env'?: string };
  pairs: Array<{ a: string; b: string; line: number }>;
  nat: Array<{ public: string; private: string }>;
  contracts: Array<ContractSpec & { line: number }>;
  rules: Record<string, SeverityOverride>;
  ignore: Array<{ rule: string; tunnel?: string; reason: string; expires?: string; line: number }>;
}

const endName = { type: 'string', pattern: '^[^/]+/.+$' } as const;
const duration = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'integer', minimum: 0 },
  ],
} as const;

export const inventorySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: { vendor: { type: 'string' }, 'password-env': { type: 'string' }, 'enable-password-env': { type: 'string' } },
    },
    devices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, pattern: '^[^/]+$' },
          file: { type: 'string', minLength: 1 },
          url: { type: 'string', pattern: `^(${TRANSPORTS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})://` },
          vendor: { type: 'string' },
          'host-key': { type: 'string', pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$' },
          'password-env': { type: 'string' },
          'enable-password-env': { type: 'string' },
          snapshot: { type: 'string' },
          // a live device spelled out instead of a url (issue 6): becomes url ssh://user@host[:port]
          host: { type: 'string', minLength: 1 },
          port: { type: 'integer', minimum: 1, maximum: 65535 },
          user: { type: 'string', minLength: 1 },
          transport: { enum: TRANSPORTS },
        },
        oneOf: [{ required: ['file'] }, { required: ['url'] }, { required: ['host', 'user'] }],
      },
    },
    pairs: {
      type: 'array',
      items: { type: 'object', required: ['a', 'b'], additionalProperties: false, properties: { a: endName, b: endName } },
    },
    nat: {
      type: 'array',
      items: {
        type: 'object',
        required: ['public', 'private'],
        additionalProperties: false,
        properties: { public: { type: 'string' }, private: { type: 'string' } },
      },
    },
    contracts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'tunnel'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          tunnel: endName,
          'ike-version': { enum: [1, 2] },
          'local-address': { type: 'string' },
          phase1: {
            type: 'object',
            additionalProperties: false,
            properties: { proposals: { type: 'array', items: { type: 'string' }, minItems: 1 }, lifetime: duration },
          },
          phase2: {
            type: 'object',
            additionalProperties: false,
            properties: {
              proposals: { type: 'array', items: { type: 'string' }, minItems: 1 },
              pfs: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] },
              lifetime: duration,
              'lifetime-kb': { type: 'integer', minimum: 0 },
              local: { type: 'array', items: { type: 'string' } },
              remote: { type: 'array', items: { type: 'string' } },
            },
          },
          'nat-t': { enum: ['auto', 'forced', 'disabled'] },
          dpd: duration,
        },
      },
    },
    rules: { type: 'object', additionalProperties: { enum: ['error', 'warning', 'info', 'off'] } },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'reason'],
        additionalProperties: false,
        properties: {
          rule: { type: 'string' },
          tunnel: { type: 'string' },
          reason: { type: 'string', minLength: 3 },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: false }).compile(inventorySchema);

function pathSegments(instancePath: string): Array<string | number> {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `host:`/`user:`/`port:`/`transport:` of a live device, folded into its `url`. */
interface LiveParts {
  host?: string;
  port?: number;
  user?: string;
  /** `ssh`, or an adapter API's scheme */
  transport?: string;
}

function withUrl<T extends { url?: string } & LiveParts>(d: T): Omit<T, keyof LiveParts> {
  const { host, port, user, transport, ...rest } = d;
  if (rest.url || !host || !user) return rest;
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { ...rest, url: `${transport ?? 'ssh'}://${encodeURIComponent(user)}@${h}${port ? `:${port}` : ''}` };
}

/** Parse and validate; throws ParseError(file, line, …) naming the offending line. */
export function parseInventory(text: string, file: string): Inventory {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ParseError(file, lc.linePos(e.pos[0]).line, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const lineOf = (path: Array<string | number>): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
    }
    return 1;
  };
  if (!validate(data)) {
    const err = validate.errors![0];
    const path = pathSegments(err.instancePath);
    const unknownKey = err.keyword === 'additionalProperties' ? (err.params as { additionalProperty: string }).additionalProperty : undefined;
    const what = unknownKey !== undefined ? `unknown key "${unknownKey}"` : (err.message ?? 'invalid');
    // an unknown key is named at its own line, not at the start of the map holding it
    throw new ParseError(file, lineOf(unknownKey !== undefined ? [...path, unknownKey] : path), `${err.instancePath || 'inventory'}: ${what}`);
  }
  // a misspelt rule id would silently re-grade nothing
  for (const id of Object.keys((data.rules as Record<string, unknown> | undefined) ?? {})) {
    if (!ruleById(id)) throw new ParseError(file, lineOf(['rules', id]), `rules: unknown rule "${id}" (ipsec-drift rules lists them)`);
  }
  const list = <T>(key: string) => ((data[key] as T[] | undefined) ?? []).map((x, i) => ({ ...x, line: lineOf([key, i]) }));
  return {
    file,
    devices: list<Inventory['devices'][number] & LiveParts>('devices').map(withUrl),
    pairs: list<Inventory['pairs'][number]>('pairs'),
    nat: (data.nat as Inventory['nat'] | undefined) ?? [],
    contracts: list<Inventory['contracts'][number]>('contracts'),
    rules: (data.rules as Inventory['rules'] | undefined) ?? {},
    defaults: data.defaults as Inventory['defaults'],
    ignore: list<Inventory['ignore'][number]>('ignore'),
  };
}
