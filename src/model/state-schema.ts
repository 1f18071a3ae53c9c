/**
 * JSON Schema of the runtime state model (src/model/state.ts): every reader's output validates
 * against it in the tests, and `ipsec-drift state --format json` publishes it (its `ends[].state`).
 * No key material has a place in it: an SA carries SPIs, never keys.
 */
import { Ajv, type ValidateFunction } from 'ajv';

const sourceRef = {
  type: 'object',
  required: ['file', 'line'],
  additionalProperties: false,
  properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 } },
} as const;

function observed(value: object): object {
  return {
    type: 'object',
    required: ['value', 'raw'],
    additionalProperties: false,
    properties: { value, raw: { type: 'string' }, at: { $ref: '#/$defs/sourceRef' } },
  };
}

const count = { type: 'integer', minimum: 0 } as const;
/** seconds relative to the capture: an expiry may already be past (negative) */
const seconds = { type: 'integer' } as const;
const spi = { type: 'string', pattern: '^[0-9a-f]{8}$' } as const;
const ikeSpi = { type: 'string', pattern: '^[0-9a-f]{16}$' } as const;
const cidrs = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

const timers = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ageSeconds: observed(seconds),
    rekeySeconds: observed(seconds),
    expireSeconds: observed(seconds),
    lifetimeSeconds: observed(count),
    remainingKilobytes: observed(count),
    lifetimeKilobytes: observed(count),
  },
} as const;

const proposal = {
  type: 'object',
  required: ['raw'],
  additionalProperties: false,
  properties: {
    encryption: { type: 'string' },
    integrity: { type: 'string' },
    prf: { type: 'string' },
    dhGroup: count,
    raw: { type: 'string' },
  },
} as const;

const ikeSa = {
  type: 'object',
  required: ['id', 'at', 'state', 'established', 'timers'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    at: { $ref: '#/$defs/sourceRef' },
    version: { enum: [1, 2] },
    state: observed({ type: 'string' }),
    established: { type: 'boolean' },
    localAddress: { type: 'string' },
    localPort: count,
    remoteAddress: { type: 'string' },
    remotePort: count,
    localId: { type: 'string' },
    remoteId: { type: 'string' },
    initiator: { type: 'boolean' },
    spis: {
      type: 'object',
      required: ['initiator', 'responder'],
      additionalProperties: false,
      properties: { initiator: ikeSpi, responder: ikeSpi },
    },
    natt: observed({ type: 'boolean' }),
    proposal,
    timers,
  },
} as const;

const directional = {
  type: 'object',
  required: ['raw', 'protocol'],
  additionalProperties: false,
  properties: {
    spi,
    raw: { type: 'string' },
    at: { $ref: '#/$defs/sourceRef' },
    protocol: { enum: ['esp', 'ah'] },
    bytes: count,
    packets: count,
    timers,
    state: { type: 'string' },
    replayWindow: count,
  },
} as const;

const counters = {
  type: 'object',
  additionalProperties: false,
  properties: {
    invalidSpi: observed(count),
    replayFailed: observed(count),
    authFailed: observed(count),
    decapsFailed: observed(count),
    noSa: observed(count),
    dropped: observed(count),
  },
} as const;

const childSa = {
  type: 'object',
  required: ['id', 'at', 'localSelectors', 'remoteSelectors', 'inbound', 'outbound', 'timers'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    tunnel: { type: 'string' },
    ike: { type: 'string' },
    at: { $ref: '#/$defs/sourceRef' },
    localAddress: { type: 'string' },
    remoteAddress: { type: 'string' },
    remotePort: count,
    localSelectors: cidrs,
    remoteSelectors: cidrs,
    ipProtocol: { type: 'integer', minimum: 0, maximum: 255 },
    mode: { enum: ['tunnel', 'transport'] },
    udpEncapsulation: observed({ type: 'boolean' }),
    proposal,
    pfsGroup: observed(count),
    state: observed({ type: 'string' }),
    inbound: { type: 'array', items: directional },
    outbound: { type: 'array', items: directional },
    timers,
    counters,
    reqid: { type: 'string' },
  },
} as const;

export const saStateSchema = {
  $id: 'https://ipsec-drift.dev/schema/sa-state.json',
  type: 'object',
  required: ['vendor', 'origin', 'listings', 'missing', 'ikeSas', 'childSas', 'tunnels', 'shows', 'diagnostics'],
  additionalProperties: false,
  properties: {
    vendor: { type: 'string', minLength: 1 },
    origin: { type: 'string' },
    hostname: { type: 'string' },
    capturedAt: {
      type: 'object',
      required: ['iso', 'source'],
      additionalProperties: false,
      properties: {
        iso: { type: 'string' },
        source: { enum: ['listing', 'collected', 'file-mtime', 'given'] },
        raw: { type: 'string' },
        at: { $ref: '#/$defs/sourceRef' },
      },
    },
    listings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['command', 'at'],
        additionalProperties: false,
        properties: { command: { type: 'string' }, at: { $ref: '#/$defs/sourceRef' } },
      },
    },
    missing: {
      type: 'array',
      items: {
        type: 'object',
        required: ['command', 'consequence'],
        additionalProperties: false,
        properties: { command: { type: 'string' }, consequence: { type: 'string' } },
      },
    },
    ikeSas: { type: 'array', items: ikeSa },
    childSas: { type: 'array', items: childSa },
    tunnels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'at'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          at: { $ref: '#/$defs/sourceRef' },
          remoteAddress: { type: 'string' },
          localSelectors: cidrs,
          remoteSelectors: cidrs,
        },
      },
    },
    shows: {
      type: 'object',
      required: ['spis', 'selectors', 'ikeSas', 'childSas'],
      additionalProperties: false,
      properties: { spis: { type: 'boolean' }, selectors: { type: 'boolean' }, ikeSas: { type: 'boolean' }, childSas: { type: 'boolean' } },
    },
    diagnostics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['level', 'message'],
        additionalProperties: false,
        properties: { level: { enum: ['warning', 'info'] }, message: { type: 'string' }, at: { $ref: '#/$defs/sourceRef' } },
      },
    },
  },
  $defs: { sourceRef },
} as const;

let compiled: ValidateFunction | undefined;

/** Validation errors as readable lines (empty when valid). */
export function validateSaState(state: unknown): string[] {
  if (!compiled) compiled = new Ajv({ allErrors: true, strict: true }).compile(saStateSchema);
  return compiled(state) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
