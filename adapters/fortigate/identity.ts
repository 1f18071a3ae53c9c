/**
 * FortiGate phase 1 identities (README "Identities"): `set localid` + `set localid-type` (what it
 * sends; default: its address, or the certificate's subject with `authmethod signature`) and
 * `set peertype` + `set peerid` (what it accepts). `peertype one` compares the peer's ID text
 * (`set peerid`); with IKEv1 it needs aggressive mode (main mode finds a PSK peer by its address
 * before any ID is sent), so a main-mode tunnel accepts any ID. `any`, and the certificate or
 * user-group types (`peer`, `peergrp`, `dialup`), check no ID value here.
 */
import { addressType } from '../../src/model/identity.js';
import { assumedDefault, explicit, inferred } from '../../src/model/setting.js';
import type { AuthMethod, IdType, Identity, IdentityMatch, Setting, SourceRef } from '../../src/model/types.js';
import type { Entry, SetLine } from './scan.js';

const LOCALID_TYPES: Record<string, IdType | 'auto'> = {
  auto: 'auto',
  fqdn: 'fqdn',
  'user-fqdn': 'user-fqdn',
  keyid: 'key-id',
  address: 'ipv4',
  asn1dn: 'dn',
};

/** `localid-type auto` (the default): the type FortiOS picks for the text — assumed from its content (README). */
function autoType(text: string): IdType {
  return addressType(text) ?? (text.includes('=') ? 'dn' : text.includes('@') ? 'user-fqdn' : 'fqdn');
}

export function fortigateLocalIdentity(
  p1: Entry,
  ref: (l: SetLine) => SourceRef,
  method: AuthMethod,
  local: Setting<string> | undefined,
): Setting<Identity> | undefined {
  const id = p1.fields.get('localid');
  const typeF = p1.fields.get('localid-type');
  const text = id?.values[0];
  if (id && text) {
    const written = typeF ? LOCALID_TYPES[typeF.values[0]] : 'auto';
    if (written === undefined) return undefined;
    const type = written === 'auto' ? autoType(text) : written === 'ipv4' ? (addressType(text) ?? 'ipv4') : written;
    const raw = typeF ? `${id.raw}; ${typeF.raw}` : id.raw;
    const s = explicit<Identity>({ type, value: type === 'key-id' ? text : text }, raw, ref(id));
    if (written === 'auto' && !addressType(text)) s.assumed = true;
    return s;
  }
  if (method === 'certificate' || method === 'xauth-certificate') return assumedDefault<Identity>({ type: 'dn' }, 'set localid "" (the certificate subject)');
  const t = local ? addressType(local.value) : undefined;
  if (local && t) return inferred<Identity>({ type: t, value: local.value }, local.raw, local.at);
  return assumedDefault<Identity>({ type: 'ipv4' }, 'set localid "" (the address IKE is sent from)');
}

export function fortigatePeerIdentity(
  p1: Entry,
  ref: (l: SetLine) => SourceRef,
  method: AuthMethod,
  v1MainMode: boolean,
): Setting<IdentityMatch[]> | undefined {
  const typeF = p1.fields.get('peertype');
  const idF = p1.fields.get('peerid');
  const peertype = typeF?.values[0];
  if (peertype === 'one') {
    const text = idF?.values[0];
    if (!idF || !text) return undefined;
    if (v1MainMode) return inferred<IdentityMatch[]>([{}], `${typeF!.raw}; ${idF.raw} (IKEv1 main mode: the peer is found by its address)`, ref(typeF!));
    return explicit<IdentityMatch[]>([{ value: text }], `${typeF!.raw}; ${idF.raw}`, ref(idF));
  }
  if (peertype === 'any') return explicit<IdentityMatch[]>([{}], typeF!.raw, ref(typeF!));
  if (peertype === undefined && (method === 'psk' || method === 'xauth-psk'))
    // the default `peer` names a certificate peer: a PSK tunnel checks no ID
    return assumedDefault<IdentityMatch[]>([{}], 'set peertype any');
  return undefined;
}
