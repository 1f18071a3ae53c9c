/**
 * One AWS tunnel (read from describe-vpn-connections JSON, its customer-gateway XML, or the
 * "Generic" text) → a TunnelEnd. What the input did not say is AWS's default (defaults.ts).
 */
import { awsDeadPeerAction } from './recovery.js';
import { withOutsideAddressIdentity } from '../cloud-common/identity.js';
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { ChildProposal, IkeProposal, Phase2, Setting, SourceRef, TunnelEnd } from '../../src/model/types.js';
import { ALLOWED, DEFAULTS, ENCRYPTION, INTEGRITY, PHASE1_DH, PHASE2_DH, REDUNDANCY_SOURCE } from './defaults.js';

/** A value read from the input: `raw` is the text as exported, `at` its line. */
export interface Read<T> {
  value: T;
  raw: string;
  at?: SourceRef;
  /** explicit: a tunnel option; inferred: from the sample configuration AWS generated */
  origin: 'explicit' | 'inferred';
}

export interface AwsTunnel {
  connectionId: string;
  /** 1 or 2, the service's order */
  index: number;
  at?: SourceRef;
  enabled: boolean;
  outsideIp: Read<string>;
  customerGatewayIp?: Read<string>;
  /** the customer gateway id, when its address is not in the input */
  customerGatewayId?: string;
  /** fingerprint of the pre-shared key, never the key */
  psk?: Read<string>;
  ikeVersions?: Read<Array<1 | 2>>;
  /** IKE version the sample configuration was generated for (Generic text) */
  sampleIkeVersion?: Read<1 | 2>;
  phase1Encryption?: Read<string[]>;
  phase1Integrity?: Read<string[]>;
  phase1Dh?: Read<number[]>;
  phase2Encryption?: Read<string[]>;
  phase2Integrity?: Read<string[]>;
  phase2Dh?: Read<number[]>;
  phase1Lifetime?: Read<number>;
  phase2Lifetime?: Read<number>;
  exchangeMode?: Read<'main' | 'aggressive'>;
  dpdTimeout?: Read<number>;
  dpdAction?: Read<string>;
  startupAction?: Read<string>;
  rekeyMargin?: Read<number>;
  /** the customer side's network (AWS "local") and the AWS side's (AWS "remote") */
  customerCidr?: Read<string>;
  awsCidr?: Read<string>;
}

function setting<T>(r: Read<T> | undefined, fallback: T, defaultRaw: string, unit?: 'seconds'): Setting<T> {
  if (!r) return byDefault(fallback, defaultRaw, unit);
  return r.origin === 'explicit' ? explicit(r.value, r.raw, r.at, unit) : inferred(r.value, r.raw, r.at, unit);
}

const allEnc = Object.values(ENCRYPTION);
const allInteg = Object.values(INTEGRITY);

/** `vpn-0a1b.tunnel1`: unique across connections in one file, no `:` (the --tunnel separator). */
export function tunnelName(connectionId: string, index: number): string {
  return `${connectionId}.tunnel${index}`;
}

export function buildTunnel(t: AwsTunnel, siblings: string[]): TunnelEnd {
  const versions = setting(t.ikeVersions, [1, 2] as Array<1 | 2>, `IkeVersions: ${DEFAULTS.ikeVersions.join(', ')} (AWS default)`);
  // AWS answers every version it permits; it initiates only with IKEv2 (startup action `start`
  // and DPD `restart` are IKEv2 features), so the version it speaks first is v2 when permitted.
  const initiatingVersion: 1 | 2 = t.sampleIkeVersion?.value ?? (versions.value.includes(2) ? 2 : 1);
  const ikeVersion: Setting<1 | 2> = t.sampleIkeVersion
    ? inferred(t.sampleIkeVersion.value, t.sampleIkeVersion.raw, t.sampleIkeVersion.at)
    : { ...versions, value: initiatingVersion };
  const p1: IkeProposal = {
    encryption: (t.phase1Encryption?.value ?? allEnc).slice(),
    integrity: (t.phase1Integrity?.value ?? allInteg).slice(),
    prf: [],
    dhGroups: (t.phase1Dh?.value ?? PHASE1_DH).slice(),
  };
  const p1Read = t.phase1Encryption ?? t.phase1Integrity ?? t.phase1Dh;
  const p2: ChildProposal = {
    protocol: 'esp',
    encryption: (t.phase2Encryption?.value ?? allEnc).slice(),
    integrity: (t.phase2Integrity?.value ?? allInteg).slice(),
  };
  const p2Read = t.phase2Encryption ?? t.phase2Integrity;
  const startup = t.startupAction?.value ?? DEFAULTS.startupAction;
  const name = tunnelName(t.connectionId, t.index);
  const phase2: Phase2 = {
    name,
    localSelectors: setting(
      t.awsCidr ? { ...t.awsCidr, value: [t.awsCidr.value] } : undefined,
      [DEFAULTS.networkCidr],
      `RemoteIpv4NetworkCidr: ${DEFAULTS.networkCidr} (AWS default)`,
    ),
    remoteSelectors: setting(
      t.customerCidr ? { ...t.customerCidr, value: [t.customerCidr.value] } : undefined,
      [DEFAULTS.networkCidr],
      `LocalIpv4NetworkCidr: ${DEFAULTS.networkCidr} (AWS default)`,
    ),
    mode: byDefault('tunnel', 'tunnel mode (AWS supports tunnel mode only)'),
    proposals: p2Read
      ? setting({ ...p2Read, value: [p2] }, [p2], '')
      : byDefault([p2], 'Phase2EncryptionAlgorithms / Phase2IntegrityAlgorithms: all (AWS default)'),
    pfsGroups: setting(t.phase2Dh, PHASE2_DH.slice(), 'Phase2DHGroupNumbers: 2, 5, 14-24 (AWS default)'),
    lifetimeSeconds: setting(
      t.phase2Lifetime,
      DEFAULTS.phase2LifetimeSeconds,
      `Phase2LifetimeSeconds: ${DEFAULTS.phase2LifetimeSeconds} (AWS default)`,
      'seconds',
    ),
    lifetimeKilobytes: byDefault(0, 'no volume lifetime (AWS has no such tunnel option)', 'kilobytes'),
  };
  if (t.at) phase2.at = t.at;
  const timeout = t.dpdTimeout?.value ?? DEFAULTS.dpdTimeoutSeconds;
  const end: TunnelEnd = {
    name,
    enabled: t.enabled,
    localGateway: setting(t.outsideIp, t.outsideIp.value, ''),
    remoteGateway: t.customerGatewayIp
      ? setting(t.customerGatewayIp, t.customerGatewayIp.value, '')
      : inferred(t.customerGatewayId ?? 'unknown', `CustomerGatewayId: ${t.customerGatewayId ?? '(none)'} (its address is not in this export)`, t.at),
    ikeVersion,
    ikeVersionsAccepted: versions,
    auth: {
      method: byDefault('psk', 'pre-shared key (AWS default; certificate authentication uses a private certificate)'),
      ...(t.psk ? { psk: setting(t.psk, t.psk.value, '') } : {}),
    },
    phase1: {
      proposals: p1Read ? setting({ ...p1Read, value: [p1] }, [p1], '') : byDefault([p1], 'Phase1 algorithms: all (AWS default)'),
      lifetimeSeconds: setting(
        t.phase1Lifetime,
        DEFAULTS.phase1LifetimeSeconds,
        `Phase1LifetimeSeconds: ${DEFAULTS.phase1LifetimeSeconds} (AWS default)`,
        'seconds',
      ),
      ...(initiatingVersion === 1 ? { exchangeMode: setting(t.exchangeMode, 'main' as const, 'main mode (AWS)') } : {}),
    },
    // AWS detects NAT and encapsulates in UDP 4500 (the sample configuration asks to unblock it)
    natt: { mode: byDefault('auto', 'NAT-T: automatic (AWS)') },
    // AWS sends DPD and declares the peer dead after DpdTimeoutSeconds; the sample configuration's
    // interval (10 s) × retries gives that timeout (3 × 10 = the default 30 s)
    dpd: {
      mode: t.dpdTimeout
        ? explicit('on-demand', t.dpdTimeout.raw, t.dpdTimeout.at)
        : byDefault('on-demand', `DpdTimeoutSeconds: ${DEFAULTS.dpdTimeoutSeconds} (AWS default)`),
      delaySeconds: byDefault(10, 'DPD interval 10 s (AWS sample configuration)', 'seconds'),
      retries: t.dpdTimeout
        ? inferred(Math.max(1, Math.round(timeout / 10)), t.dpdTimeout.raw, t.dpdTimeout.at)
        : byDefault(3, 'DPD retries 3 (AWS sample configuration)'),
    },
    phase2: [phase2],
    initiates: t.startupAction
      ? setting({ ...t.startupAction, value: startup === 'start' }, false, '')
      : byDefault(false, 'StartupAction: add (AWS default: the customer gateway initiates)'),
    vendorRefs: {
      vpnConnectionId: t.connectionId,
      outsideIpAddress: t.outsideIp.value,
      tunnel: String(t.index),
      dpdTimeoutAction: t.dpdAction?.value ?? DEFAULTS.dpdTimeoutAction,
      phase1LifetimeSeconds: String(t.phase1Lifetime?.value ?? DEFAULTS.phase1LifetimeSeconds),
    },
    allowed: ALLOWED,
    redundancy: { id: t.connectionId, members: siblings, source: REDUNDANCY_SOURCE },
  };
  if (t.at) end.at = t.at;
  const action = awsDeadPeerAction(t.dpdAction);
  if (action) end.dpd.action = action;
  withOutsideAddressIdentity(end, true);
  return end;
}
