/**
 * JSON Schemas (draft 2020-12 subset that ajv 8 checks) for the normalized Device and for the
 * JSON report. Tests validate every adapter's output and every report against these; they are
 * also published for users who consume `--format json`.
 */
import { Ajv, type ValidateFunction } from 'ajv';

const sourceRef = {
  type: 'object',
  required: ['file', 'line'],
  additionalProperties: false,
  properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 } },
} as const;

const fieldUnit = {
  enum: ['seconds', 'minutes', 'hours', 'days', 'time-string', 'kilobytes', 'bytes', 'megabytes', 'gigabytes', 'sessions'],
} as const;

function setting(value: object): object {
  return {
    type: 'object',
    required: ['value', 'raw', 'origin'],
    additionalProperties: false,
    properties: {
      value,
      raw: { type: 'string' },
      unit: fieldUnit,
      origin: { enum: ['explicit', 'default', 'inferred'] },
      assumed: { const: true },
      at: { $ref: '#/$defs/sourceRef' },
    },
  };
}

const names = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const groups = { type: 'array', items: { type: 'integer', minimum: 0 } } as const;
const seconds = { type: 'integer', minimum: 0 } as const;

const ikeProposal = {
  type: 'object',
  required: ['encryption', 'integrity', 'prf', 'dhGroups'],
  additionalProperties: false,
  properties: { encryption: names, integrity: names, prf: names, dhGroups: groups },
} as const;

const childProposal = {
  type: 'object',
  required: ['protocol', 'encryption', 'integrity'],
  additionalProperties: false,
  properties: { protocol: { enum: ['esp', 'ah'] }, encryption: names, integrity: names },
} as const;

const rekeyTiming = {
  type: 'object',
  required: ['lifetimeIs', 'marginSeconds', 'randSeconds', 'overSeconds', 'basis'],
  additionalProperties: false,
  properties: { lifetimeIs: { enum: ['rekey', 'hard'] }, marginSeconds: seconds, randSeconds: seconds, overSeconds: seconds, basis: { type: 'string' } },
} as const;

const portRanges = {
  type: 'array',
  items: {
    type: 'object',
    required: ['from', 'to'],
    additionalProperties: false,
    properties: { from: { type: 'integer', minimum: 0, maximum: 65535 }, to: { type: 'integer', minimum: 0, maximum: 65535 } },
  },
} as const;

const phase2 = {
  type: 'object',
  required: ['name', 'localSelectors', 'remoteSelectors', 'mode', 'proposals', 'pfsGroups', 'lifetimeSeconds', 'lifetimeKilobytes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    at: { $ref: '#/$defs/sourceRef' },
    localSelectors: setting(names),
    remoteSelectors: setting(names),
    ipProtocol: setting({ type: 'integer', minimum: 0, maximum: 255 }),
    localPorts: setting(portRanges),
    remotePorts: setting(portRanges),
    mode: setting({ enum: ['tunnel', 'transport'] }),
    proposals: setting({ type: 'array', items: childProposal }),
    pfsGroups: setting(groups),
    lifetimeSeconds: setting(seconds),
    lifetimeKilobytes: setting(seconds),
    rekey: rekeyTiming,
    vendorRefs: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const responderPolicy = { enum: ['accept', 'shorter', 'reject-longer', 'reject-shorter', 'exact'] } as const;

const range = {
  type: 'object',
  required: ['min', 'max'],
  additionalProperties: false,
  properties: { min: seconds, max: seconds },
} as const;

const allowedSettings = {
  type: 'object',
  required: ['source'],
  additionalProperties: false,
  properties: {
    source: { type: 'string', minLength: 1 },
    phase1LifetimeSeconds: range,
    phase2LifetimeSeconds: range,
    phase2LifetimeKilobytes: range,
    phase2BelowPhase1: { type: 'boolean' },
    phase1: {
      type: 'object',
      required: ['encryption', 'integrity', 'dhGroups'],
      additionalProperties: false,
      properties: { encryption: names, integrity: names, dhGroups: groups },
    },
    phase2: {
      type: 'object',
      required: ['encryption', 'integrity', 'pfsGroups'],
      additionalProperties: false,
      properties: { encryption: names, integrity: names, pfsGroups: groups },
    },
  },
} as const;

const idType = { enum: ['ipv4', 'ipv6', 'fqdn', 'user-fqdn', 'dn', 'key-id'] } as const;

const identity = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: { type: idType, value: { type: 'string', minLength: 1 } },
} as const;

const identityMatch = {
  type: 'object',
  additionalProperties: false,
  properties: { type: idType, value: { type: 'string', minLength: 1 } },
} as const;

const redundancyGroup = {
  type: 'object',
  required: ['id', 'members', 'source'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1 }, members: { type: 'array', items: { type: 'string' }, minItems: 1 }, source: { type: 'string' } },
} as const;

const tunnelEnd = {
  type: 'object',
  required: ['name', 'enabled', 'remoteGateway', 'ikeVersion', 'auth', 'phase1', 'natt', 'dpd', 'phase2'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    at: { $ref: '#/$defs/sourceRef' },
    enabled: { type: 'boolean' },
    localGateway: setting({ type: 'string' }),
    remoteGateway: setting({ type: 'string' }),
    ikeVersion: setting({ enum: [1, 2] }),
    ikeVersionsAccepted: setting({ type: 'array', items: { enum: [1, 2] }, minItems: 1 }),
    auth: {
      type: 'object',
      required: ['method'],
      additionalProperties: false,
      properties: {
        method: setting({ enum: ['psk', 'certificate', 'eap', 'kerberos', 'xauth-psk', 'xauth-certificate', 'unknown'] }),
        // a fingerprint or a marker, never a secret: see src/model/secrets.ts
        psk: setting({ type: 'string', pattern: '^(hmac:[0-9a-f]{16}|unknown|absent)$' }),
        localId: setting({ type: 'string' }),
        remoteId: setting({ type: 'string' }),
        localIdentity: setting(identity),
        peerIdentity: setting({ type: 'array', minItems: 1, items: identityMatch }),
      },
    },
    phase1: {
      type: 'object',
      required: ['proposals', 'lifetimeSeconds'],
      additionalProperties: false,
      properties: {
        proposals: setting({ type: 'array', items: ikeProposal }),
        lifetimeSeconds: setting(seconds),
        exchangeMode: setting({ enum: ['main', 'aggressive'] }),
        rekey: rekeyTiming,
        renewal: setting({ enum: ['rekey', 'reauth', 'reauth-make-before-break', 'none'] }),
      },
    },
    natt: {
      type: 'object',
      required: ['mode'],
      additionalProperties: false,
      properties: { mode: setting({ enum: ['auto', 'forced', 'disabled'] }), keepaliveSeconds: setting(seconds) },
    },
    dpd: {
      type: 'object',
      required: ['mode'],
      additionalProperties: false,
      properties: {
        mode: setting({ enum: ['off', 'on-demand', 'periodic'] }),
        delaySeconds: setting(seconds),
        retries: setting({ type: 'integer', minimum: 0 }),
        action: setting({ enum: ['clear', 'hold', 'restart'] }),
      },
    },
    phase2: { type: 'array', items: phase2 },
    initiates: setting({ type: 'boolean' }),
    vendorRefs: { type: 'object', additionalProperties: { type: 'string' } },
    allowed: allowedSettings,
    redundancy: redundancyGroup,
    behaviour: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ikev1Phase1Lifetime: setting(responderPolicy),
        ikev1Phase2Lifetime: setting(responderPolicy),
        selectorNarrowing: setting({ enum: ['narrows', 'narrows-ikev2', 'refuses'] }),
      },
    },
  },
} as const;

export const deviceSchema = {
  $id: 'https://ipsec-drift.dev/schema/device.json',
  type: 'object',
  required: ['vendor', 'origin', 'interfaces', 'tunnels', 'diagnostics'],
  additionalProperties: false,
  properties: {
    vendor: { type: 'string', minLength: 1 },
    hostname: { type: 'string' },
    origin: { type: 'string' },
    interfaces: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'address'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          address: { type: 'string' },
          prefixLength: { type: 'integer', minimum: 0, maximum: 128 },
          at: { $ref: '#/$defs/sourceRef' },
        },
      },
    },
    tunnels: { type: 'array', items: { $ref: '#/$defs/tunnelEnd' } },
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
  $defs: { sourceRef, tunnelEnd },
} as const;

const anySetting = {
  type: 'object',
  required: ['value', 'raw', 'origin'],
  properties: {
    value: {},
    raw: { type: 'string' },
    origin: { enum: ['explicit', 'default', 'inferred'] },
    assumed: { const: true },
    at: { $ref: '#/$defs/sourceRef' },
    unit: fieldUnit,
  },
} as const;

const endRef = {
  type: 'object',
  required: ['device', 'vendor', 'tunnel'],
  additionalProperties: false,
  properties: {
    device: { type: 'string' },
    vendor: { type: 'string' },
    tunnel: { type: 'string' },
    phase2: { type: 'string' },
    at: { $ref: '#/$defs/sourceRef' },
  },
} as const;

export const reportSchema = {
  $id: 'https://ipsec-drift.dev/schema/report.json',
  type: 'object',
  required: ['tool', 'version', 'generatedAt', 'inputs', 'pairs', 'findings', 'summary'],
  additionalProperties: false,
  properties: {
    tool: { const: 'ipsec-drift' },
    version: { type: 'string' },
    generatedAt: { type: 'string' },
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['origin', 'vendor'],
        additionalProperties: false,
        properties: { origin: { type: 'string' }, vendor: { type: 'string' }, hostname: { type: 'string' }, readAt: { type: 'string' } },
      },
    },
    pairs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['a', 'b', 'how'],
        additionalProperties: false,
        properties: { a: endRef, b: endRef, how: { type: 'string' } },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'severity', 'title', 'message', 'effect'],
        additionalProperties: false,
        properties: {
          rule: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          severity: { enum: ['error', 'warning', 'info'] },
          title: { type: 'string' },
          message: { type: 'string' },
          effect: { type: 'string' },
          setting: { type: 'string' },
          a: { $ref: '#/$defs/side' },
          b: { $ref: '#/$defs/side' },
          likelyIntended: {
            type: 'object',
            required: ['side', 'value', 'text'],
            additionalProperties: false,
            properties: { side: { enum: ['a', 'b'] }, value: { type: 'number' }, text: { type: 'string' } },
          },
        },
      },
    },
    summary: {
      type: 'object',
      required: ['error', 'warning', 'info'],
      additionalProperties: false,
      properties: { error: { type: 'integer' }, warning: { type: 'integer' }, info: { type: 'integer' } },
    },
    // compare --state: validated on its own by stateReportSchema (src/state/schema.ts)
    state: {
      type: 'object',
      required: ['kind', 'ends', 'findings', 'summary'],
      properties: { kind: { const: 'state' }, ends: { type: 'array', minItems: 2, maxItems: 2 }, findings: { type: 'array' }, summary: { type: 'object' } },
    },
    audit: {
      type: 'object',
      required: ['skipped', 'suppressed'],
      additionalProperties: false,
      properties: {
        skipped: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'reason'],
            additionalProperties: false,
            properties: { path: { type: 'string' }, reason: { type: 'string' } },
          },
        },
        suppressed: {
          type: 'array',
          items: {
            type: 'object',
            required: ['rule', 'message', 'reason'],
            additionalProperties: false,
            properties: { rule: { type: 'string' }, message: { type: 'string' }, reason: { type: 'string' } },
          },
        },
        baselined: { type: 'integer', minimum: 0 },
        staleBaseline: {
          type: 'array',
          items: {
            type: 'object',
            required: ['rule', 'ends', 'setting'],
            additionalProperties: false,
            properties: { rule: { type: 'string' }, ends: { type: 'array', items: { type: 'string' } }, setting: { type: 'string' } },
          },
        },
      },
    },
  },
  $defs: {
    sourceRef,
    side: {
      type: 'object',
      required: ['end'],
      additionalProperties: false,
      properties: { end: endRef, setting: anySetting, display: { type: 'string' }, fix: { type: 'string' } },
    },
  },
} as const;

let compiled: { device: ValidateFunction; report: ValidateFunction } | undefined;

function validators(): { device: ValidateFunction; report: ValidateFunction } {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    compiled = { device: ajv.compile(deviceSchema), report: ajv.compile(reportSchema) };
  }
  return compiled;
}

/** Validation errors as readable lines (empty when valid). */
export function validateDevice(device: unknown): string[] {
  const v = validators().device;
  return v(device) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

export function validateReport(report: unknown): string[] {
  const v = validators().report;
  return v(report) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
