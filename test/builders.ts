/**
 * Builders for normalized tunnel ends, for rule tests: a matching pair by default, and
 * `with…` overrides to change exactly one dimension (the near-identical pair that does not fire).
 */
import type { ChildProposal, Device, IkeProposal, Phase2, Setting, TunnelEnd } from '../src/model/types.js';
import type { TunnelPair } from '../src/compare/types.js';
import { pairPhase2 } from '../src/compare/pair.js';

export function set<T>(value: T, raw = String(value), line?: number, file = 'test.conf'): Setting<T> {
  return line === undefined ? { value, raw, origin: 'default' } : { value, raw, origin: 'explicit', at: { file, line } };
}

export const IKE_AES256: IkeProposal = { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] };
export const ESP_AES256: ChildProposal = { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] };

export function phase2(over: Partial<Phase2> = {}, mirror = false): Phase2 {
  const l = mirror ? '10.2.0.0/24' : '10.1.0.0/24';
  const r = mirror ? '10.1.0.0/24' : '10.2.0.0/24';
  return {
    name: 'p2',
    localSelectors: set([l], l, 20),
    remoteSelectors: set([r], r, 21),
    mode: set<'tunnel' | 'transport'>('tunnel'),
    proposals: set([ESP_AES256], 'aes256-sha256', 22),
    pfsGroups: set([14], 'dhgrp 14', 23),
    lifetimeSeconds: set(3600, 'keylifeseconds 3600', 24, 'test.conf'),
    lifetimeKilobytes: set(0, 'keylife-type seconds'),
    ...over,
  };
}

export function end(over: Partial<TunnelEnd> = {}, mirror = false): TunnelEnd {
  return {
    name: mirror ? 'to-a' : 'to-b',
    enabled: true,
    localGateway: set(mirror ? '198.51.100.2' : '198.51.100.1', 'local', 2),
    remoteGateway: set(mirror ? '198.51.100.1' : '198.51.100.2', 'remote-gw', 3),
    ikeVersion: set<1 | 2>(2, 'ike-version 2', 4),
    auth: { method: set<TunnelEnd['auth']['method']['value']>('psk', 'authmethod psk', 5), psk: set('hmac:0123456789abcdef', 'psksecret <redacted>', 6) },
    phase1: { proposals: set([IKE_AES256], 'aes256-sha256', 7), lifetimeSeconds: set(28800, 'keylife 28800', 8) },
    natt: { mode: set<'auto' | 'forced' | 'disabled'>('auto', 'nattraversal enable', 9), keepaliveSeconds: set(20, 'keepalive 20', 10) },
    dpd: { mode: set<'off' | 'on-demand' | 'periodic'>('on-demand', 'dpd on-demand', 11), delaySeconds: set(20, 'dpd-retryinterval 20', 12) },
    phase2: [phase2({}, mirror)],
    ...over,
  };
}

export function device(tunnels: TunnelEnd[], vendor = 'test', origin = 'a.conf'): Device {
  return { vendor, origin, interfaces: [], tunnels, diagnostics: [] };
}

/** A pair of ends that agree on everything; override either side. */
export function pairOf(a: Partial<TunnelEnd> = {}, b: Partial<TunnelEnd> = {}): TunnelPair {
  const ea = end(a);
  const eb = end(b, true);
  return {
    a: { device: device([ea], 'test', 'a.conf'), tunnel: ea },
    b: { device: device([eb], 'test', 'b.conf'), tunnel: eb },
    how: 'test',
    ...pairPhase2(ea, eb),
  };
}

/** Override phase 2 fields on both sides (keeping the mirrored selectors). */
export function p2(over: Partial<Phase2>, mirror = false): Phase2[] {
  return [phase2(over, mirror)];
}
