/**
 * Azure VPN gateway connections → tunnel ends. One end per connection document; the local network
 * gateway (the peer's address and prefixes), the virtual network gateway (route- or policy-based)
 * and its public IP are read from the other documents when the user exported them too.
 */
import { withOutsideAddressIdentity } from '../cloud-common/identity.js';
import { ParseError } from '../../src/model/errors.js';
import { canonicalCidr } from '../../src/model/net.js';
import { isMaskedSecret, PSK_UNKNOWN, pskFingerprint } from '../../src/model/secrets.js';
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type {
  AllowedSettings,
  ChildProposal,
  Device,
  Diagnostic,
  IkeProposal,
  InterfaceAddress,
  Phase2,
  Setting,
  SourceRef,
  TunnelEnd,
} from '../../src/model/types.js';
import { entry, get, type Located, list, rawOf, str } from '../cloud-common/tree.js';
import {
  ALLOWED,
  DEFAULT_POLICY,
  DEVICES_SOURCE,
  DH_GROUP,
  DPD_TIMEOUT,
  GCM_INTEGRITY,
  type GatewayKind,
  IKE_ENCRYPTION,
  IKE_INTEGRITY,
  IPSEC_ENCRYPTION,
  IPSEC_INTEGRITY,
  PFS_GROUP,
  PHASE1_LIFETIME,
} from './defaults.js';
import { idOf, kindOf, nameOfId, readResources } from './read.js';

type Entry = { key: string; at: SourceRef; value: Located };

/** The key and value as the user sees them: `"dpdTimeoutSeconds": 45` (JSON) or `DpdTimeoutSeconds : 45` (printed). */
function rawText(e: Entry, json: boolean): string {
  if (json) return rawOf(e, true);
  const v = e.value.kind === 'scalar' ? e.value.value : e.value.kind === 'list' ? '[…]' : '{…}';
  return `${e.key} : ${v ?? ''}`;
}

function pick<T>(file: string, table: Record<string, T>, e: Entry | undefined, node: Located | undefined, what: string): T {
  const v = str(node) ?? '';
  const hit = Object.entries(table).find(([k]) => k.toLowerCase() === v.toLowerCase());
  if (!hit) throw new ParseError(file, (node ?? e)?.at.line ?? 1, `expected ${what} among ${Object.keys(table).join(', ')}, found "${v}"`);
  return hit[1];
}

function cidrs(nodes: Located[], file: string): string[] {
  return nodes.map((n) => {
    const c = canonicalCidr(str(n) ?? '');
    if (!c) throw new ParseError(file, n.at.line, `expected an address prefix (CIDR), found "${str(n) ?? ''}"`);
    return c;
  });
}

function wholeNumber(file: string, e: Entry, min: number, max: number): number {
  const v = e.value.kind === 'scalar' ? e.value.value : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new ParseError(file, e.at.line, `expected ${e.key} to be a whole number ${min}–${max}, found ${JSON.stringify(v ?? null)}`);
  return v;
}

interface Context {
  file: string;
  json: boolean;
  docs: Array<{ doc: Located; kind: ReturnType<typeof kindOf> }>;
  diagnostics: Diagnostic[];
}

const named = (ctx: Context, kind: string, name: string | undefined) =>
  name ? ctx.docs.find((d) => d.kind === kind && str(get(d.doc, 'name'))?.toLowerCase() === name.toLowerCase())?.doc : undefined;

/** The gateway's public address: a public-ip document attached to it, else the tunnel addresses its BGP settings list. */
function gatewayAddress(ctx: Context, gw: Located | undefined, gwName: string | undefined): { ip: string; at: SourceRef; raw: string } | undefined {
  for (const { doc, kind } of ctx.docs) {
    if (kind !== 'public-ip') continue;
    const attached = nameOfId(idOf(get(doc, 'ipConfiguration'))?.split('/ipConfigurations/')[0]);
    const ip = entry(doc, 'ipAddress');
    const usedBy = list(get(gw, 'ipConfigurations')).some((c) => nameOfId(idOf(get(c, 'publicIpAddress'))) === str(get(doc, 'name')));
    if (ip && str(ip.value) && (usedBy || (gwName && attached?.toLowerCase() === gwName.toLowerCase())))
      return { ip: str(ip.value)!, at: ip.at, raw: rawText(ip, ctx.json) };
  }
  for (const p of list(get(get(gw, 'bgpSettings'), 'bgpPeeringAddresses'))) {
    const e = entry(p, 'tunnelIpAddresses');
    const first = list(e?.value)[0];
    if (e && str(first)) return { ip: str(first)!, at: first.at, raw: `${ctx.json ? `"${e.key}"` : e.key}: [${str(first)}]` };
  }
  return undefined;
}

function policyOf(ctx: Context, conn: Located) {
  const e = entry(conn, 'ipsecPolicies');
  const items = list(e?.value);
  if (items.length > 1) throw new ParseError(ctx.file, items[1].at.line, 'expected at most one IPsec/IKE policy on a connection (Azure allows one)');
  const p = items[0];
  if (!p) return undefined;
  const field = (key: string) => {
    const f = entry(p, key);
    if (!f) throw new ParseError(ctx.file, p.at.line, `expected "${key}" in the IPsec/IKE policy (Azure policies are always complete)`);
    return f;
  };
  const f = (key: string) => field(key);
  const ikeEnc = pick(ctx.file, IKE_ENCRYPTION, f('ikeEncryption'), f('ikeEncryption').value, 'ikeEncryption');
  const ikeIntegRaw = str(f('ikeIntegrity').value) ?? '';
  const ikeInteg = GCM_INTEGRITY.has(ikeIntegRaw.toUpperCase())
    ? undefined
    : pick(ctx.file, IKE_INTEGRITY, f('ikeIntegrity'), f('ikeIntegrity').value, 'ikeIntegrity');
  const dh = pick(ctx.file, DH_GROUP, f('dhGroup'), f('dhGroup').value, 'dhGroup');
  const espEnc = pick(ctx.file, IPSEC_ENCRYPTION, f('ipsecEncryption'), f('ipsecEncryption').value, 'ipsecEncryption');
  const espIntegRaw = str(f('ipsecIntegrity').value) ?? '';
  const espGcm = GCM_INTEGRITY.has(espIntegRaw.toUpperCase());
  if (espGcm && espIntegRaw.toUpperCase() !== (str(f('ipsecEncryption').value) ?? '').toUpperCase())
    throw new ParseError(ctx.file, f('ipsecIntegrity').at.line, `expected ipsecIntegrity ${espIntegRaw} with the same GCM ipsecEncryption, as Azure requires`);
  const espInteg = espGcm ? undefined : pick(ctx.file, IPSEC_INTEGRITY, f('ipsecIntegrity'), f('ipsecIntegrity').value, 'ipsecIntegrity');
  const pfsRaw = pick(ctx.file, PFS_GROUP, f('pfsGroup'), f('pfsGroup').value, 'pfsGroup');
  const pfs = pfsRaw === 'main-mode' ? dh : pfsRaw;
  const seconds = entry(p, 'saLifeTimeSeconds');
  const kb = entry(p, 'saDataSizeKilobytes');
  return {
    at: { file: ctx.file, line: p.at.line },
    ike: { encryption: [ikeEnc], integrity: ikeInteg ? [ikeInteg] : [], prf: [], dhGroups: [dh] } as IkeProposal,
    esp: { protocol: 'esp', encryption: [espEnc], integrity: espInteg ? [espInteg] : [] } as ChildProposal,
    pfs,
    seconds: seconds ? { value: wholeNumber(ctx.file, seconds, 300, 172799), e: seconds } : undefined,
    kilobytes: kb ? { value: wholeNumber(ctx.file, kb, 0, 2 ** 31 - 1), e: kb } : undefined,
  };
}

function connectionEnd(ctx: Context, conn: Located, interfaces: InterfaceAddress[]): TunnelEnd {
  const { file, json } = ctx;
  const name = str(get(conn, 'name'));
  if (!name) throw new ParseError(file, conn.at.line, 'expected "name" in the connection');
  const at = { file, line: conn.at.line };
  const ex = <T>(e: Entry, value: T, unit?: 'seconds' | 'kilobytes'): Setting<T> => explicit(value, rawText(e, json), e.at, unit);
  const type = str(get(conn, 'connectionType')) ?? 'IPsec';
  if (!/^(IPsec|Vnet2Vnet)$/i.test(type))
    throw new ParseError(
      file,
      entry(conn, 'connectionType')?.at.line ?? conn.at.line,
      `expected connectionType IPsec or Vnet2Vnet, found "${type}" (not an IPsec tunnel)`,
    );

  // the virtual network gateway: route-based unless its document says policy-based
  const gwNode = get(conn, 'virtualNetworkGateway1');
  const gwName = nameOfId(idOf(gwNode));
  const gw = (gwNode?.kind === 'map' && get(gwNode, 'vpnType') ? gwNode : undefined) ?? named(ctx, 'vnet-gateway', gwName);
  const vpnTypeEntry = gw ? entry(gw, 'vpnType') : undefined;
  const kind: GatewayKind = /^policybased$/i.test(str(vpnTypeEntry?.value) ?? '') ? 'PolicyBased' : 'RouteBased';
  const def = DEFAULT_POLICY[kind];
  if (!vpnTypeEntry)
    ctx.diagnostics.push({
      level: 'info',
      message: `${name}: the gateway's VPN type is not in this export; route-based assumed (the az default, and the only type the portal creates) — add \`az network vnet-gateway show\` output`,
      at,
    });
  const own = gatewayAddress(ctx, gw, gwName);
  if (own) interfaces.push({ name: `${gwName ?? 'gateway'} public IP`, address: own.ip, at: own.at });
  else
    ctx.diagnostics.push({
      level: 'info',
      message: `${name}: the VPN gateway's public address is not in this export (add \`az network public-ip show\` or \`az network vnet-gateway show\` output)`,
      at,
    });

  // the peer: the local network gateway (nested in PowerShell's JSON, a separate document from az)
  const lngNode = get(conn, 'localNetworkGateway2');
  const lngName = nameOfId(idOf(lngNode));
  const lng =
    (lngNode?.kind === 'map' && (get(lngNode, 'gatewayIpAddress') || get(lngNode, 'localNetworkAddressSpace')) ? lngNode : undefined) ??
    named(ctx, 'local-gateway', lngName);
  const peerEntry = lng ? (entry(lng, 'gatewayIpAddress') ?? entry(lng, 'fqdn')) : undefined;
  const peerName = lngName ?? nameOfId(idOf(get(conn, 'virtualNetworkGateway2')));
  let remoteGateway: Setting<string>;
  if (peerEntry && str(peerEntry.value)) remoteGateway = ex(peerEntry, str(peerEntry.value)!);
  else {
    remoteGateway = inferred(
      peerName ?? 'unknown',
      `${lngName ? 'LocalNetworkGateway2' : 'VirtualNetworkGateway2'}: ${peerName ?? '(none)'} (its address is not in this export)`,
      at,
    );
    ctx.diagnostics.push({
      level: 'warning',
      message: `${name}: the peer's address is not in this export; add \`az network local-gateway show\` output (for a VNet-to-VNet connection, the other gateway's public IP) to pair by address`,
      at,
    });
  }
  const lngPrefixesEntry = lng ? entry(get(lng, 'localNetworkAddressSpace'), 'addressPrefixes') : undefined;
  const lngPrefixes = lngPrefixesEntry ? cidrs(list(lngPrefixesEntry.value), file) : undefined;

  // protocol, mode, DPD, key
  const protoEntry = entry(conn, 'connectionProtocol');
  const proto = str(protoEntry?.value);
  if (proto && !/^IKEv[12]$/i.test(proto)) throw new ParseError(file, protoEntry!.at.line, `expected connectionProtocol IKEv1 or IKEv2, found "${proto}"`);
  const version = (proto ? Number(proto.slice(-1)) : def.ikeVersion) as 1 | 2;
  const ikeVersion: Setting<1 | 2> =
    proto && protoEntry
      ? ex(protoEntry, version)
      : byDefault(version, kind === 'PolicyBased' ? 'IKEv1 (policy-based gateway)' : 'connectionProtocol: IKEv2 (default)');
  if (kind === 'PolicyBased' && version === 2)
    throw new ParseError(file, protoEntry?.at.line ?? at.line, 'expected IKEv1 on a policy-based gateway (Azure policy-based gateways support IKEv1 only)');
  const modeEntry = entry(conn, 'connectionMode');
  const mode = str(modeEntry?.value) ?? 'Default';
  if (!/^(Default|InitiatorOnly|ResponderOnly)$/i.test(mode))
    throw new ParseError(file, modeEntry!.at.line, `expected connectionMode Default, InitiatorOnly or ResponderOnly, found "${mode}"`);
  const dpdEntry = entry(conn, 'dpdTimeoutSeconds');
  const dpdValue = dpdEntry?.value.kind === 'scalar' ? dpdEntry.value.value : null;
  // az prints 0 (or null) for a connection whose timeout was never set: the default 45 s applies
  const dpdTimeout =
    dpdEntry && typeof dpdValue === 'number' && dpdValue !== 0 ? wholeNumber(file, dpdEntry, DPD_TIMEOUT.min, DPD_TIMEOUT.max) : DPD_TIMEOUT.default;
  const keyEntry = entry(conn, 'sharedKey');
  const key = keyEntry ? str(keyEntry.value) : undefined;
  const psk: Setting<string> =
    key && !isMaskedSecret(key) && !/^\*+$/.test(key)
      ? { value: pskFingerprint(key), raw: json ? `"${keyEntry!.key}": "<redacted>"` : `${keyEntry!.key} : <redacted>`, origin: 'explicit', at: keyEntry!.at }
      : {
          value: PSK_UNKNOWN,
          raw: keyEntry ? rawText(keyEntry, json) : 'sharedKey (not exported: `az network vpn-connection shared-key show`)',
          origin: 'explicit',
          ...(keyEntry ? { at: keyEntry.at } : {}),
        };

  // the policy: a custom one, or the gateway type's default set
  const policy = policyOf(ctx, conn);
  const policyEntry = entry(conn, 'ipsecPolicies');
  const policyRaw = policyEntry ? rawText(policyEntry, json) : 'ipsecPolicies: []';
  const dflt = `${kind} default policy (About VPN devices and IPsec/IKE parameters)`;

  // traffic selectors: custom policies, else policy-based (local network gateway prefixes ↔ the VNet), else any-to-any
  const tsEntry = entry(conn, 'trafficSelectorPolicies');
  const tsList = list(tsEntry?.value);
  const pbEntry = entry(conn, 'usePolicyBasedTrafficSelectors');
  const policyBased = kind === 'PolicyBased' || (pbEntry?.value.kind === 'scalar' && pbEntry.value.value === true);
  const vnet = ctx.docs.find((d) => d.kind === 'vnet')?.doc;
  const vnetPrefixes = vnet ? entry(get(vnet, 'addressSpace'), 'addressPrefixes') : undefined;
  let localSelectors: Setting<string[]>;
  let remoteSelectors: Setting<string[]>;
  if (tsList.length && tsEntry) {
    localSelectors = ex(
      tsEntry,
      cidrs(
        tsList.flatMap((t) => list(get(t, 'localAddressRanges'))),
        file,
      ),
    );
    remoteSelectors = ex(
      tsEntry,
      cidrs(
        tsList.flatMap((t) => list(get(t, 'remoteAddressRanges'))),
        file,
      ),
    );
  } else if (policyBased) {
    localSelectors = vnetPrefixes
      ? inferred(cidrs(list(vnetPrefixes.value), file), rawText(vnetPrefixes, json), vnetPrefixes.at)
      : inferred(['0.0.0.0/0'], 'the virtual network prefixes (not in this export: add `az network vnet show`)', at);
    remoteSelectors =
      lngPrefixes && lngPrefixesEntry
        ? inferred(lngPrefixes, rawText(lngPrefixesEntry, json), lngPrefixesEntry.at)
        : inferred(['0.0.0.0/0'], 'the local network gateway prefixes (not in this export)', at);
  } else {
    localSelectors = byDefault(['0.0.0.0/0'], 'any-to-any traffic selectors (route-based gateway)');
    remoteSelectors = byDefault(['0.0.0.0/0'], 'any-to-any traffic selectors (route-based gateway)');
  }

  const phase2: Phase2 = {
    name,
    at,
    localSelectors,
    remoteSelectors,
    mode: byDefault('tunnel', 'tunnel mode (Azure VPN gateway)'),
    proposals: policy ? explicit([policy.esp], policyRaw, policy.at) : byDefault(def.phase2, dflt),
    pfsGroups: policy ? explicit([policy.pfs], policyRaw, policy.at) : byDefault(def.pfs, dflt),
    lifetimeSeconds: policy?.seconds
      ? ex(policy.seconds.e, policy.seconds.value, 'seconds')
      : byDefault(def.p2Seconds, `quick mode SA lifetime ${def.p2Seconds} s (${kind} default)`, 'seconds'),
    lifetimeKilobytes: policy?.kilobytes
      ? ex(policy.kilobytes.e, policy.kilobytes.value, 'kilobytes')
      : byDefault(def.p2Kilobytes, `quick mode SA lifetime ${def.p2Kilobytes} KB (${kind} default)`, 'kilobytes'),
  };
  const allowed: AllowedSettings =
    kind === 'PolicyBased'
      ? {
          source: DEVICES_SOURCE,
          phase1LifetimeSeconds: { min: PHASE1_LIFETIME, max: PHASE1_LIFETIME },
          phase2LifetimeSeconds: { min: def.p2Seconds, max: def.p2Seconds },
          phase1: {
            encryption: [...new Set(def.phase1.flatMap((p) => p.encryption))],
            integrity: [...new Set(def.phase1.flatMap((p) => p.integrity))],
            dhGroups: [2],
          },
          phase2: {
            encryption: [...new Set(def.phase2.flatMap((p) => p.encryption))],
            integrity: [...new Set(def.phase2.flatMap((p) => p.integrity))],
            pfsGroups: [0],
          },
        }
      : ALLOWED;
  const rg = str(get(conn, 'resourceGroup')) ?? str(get(conn, 'resourceGroupName')) ?? idOf(get(conn, 'id'))?.match(/\/resourceGroups\/([^/]+)/i)?.[1];
  return {
    name,
    at,
    enabled: true,
    ...(own ? { localGateway: explicit(own.ip, own.raw, own.at) } : {}),
    remoteGateway,
    ikeVersion,
    auth: { method: byDefault('psk', 'pre-shared key (the only authentication of Azure site-to-site connections)'), psk },
    phase1: {
      proposals: policy ? explicit([policy.ike], policyRaw, policy.at) : byDefault(def.phase1, dflt),
      lifetimeSeconds: byDefault(PHASE1_LIFETIME, 'main mode SA lifetime 28800 s (fixed on Azure VPN gateways)', 'seconds'),
      ...(version === 1 ? { exchangeMode: byDefault('main' as const, 'main mode (Azure)') } : {}),
    },
    natt: { mode: byDefault('auto', 'NAT-T: automatic (assumed: Azure has no setting)') },
    dpd: {
      // "Dead Peer Detection (DPD): Not supported" on policy-based gateways ([D] in README.md)
      mode:
        kind === 'PolicyBased'
          ? byDefault('off' as const, 'no DPD (policy-based gateway)')
          : dpdEntry && dpdTimeout !== DPD_TIMEOUT.default
            ? ex(dpdEntry, 'on-demand' as const)
            : byDefault('on-demand' as const, `DPD timeout ${DPD_TIMEOUT.default} s (Azure default)`),
    },
    phase2: [phase2],
    ...(/^ResponderOnly$/i.test(mode) && modeEntry ? { initiates: ex(modeEntry, false) } : {}),
    behaviour: {
      // requirements include: "The Azure VPN gateway accepts whatever traffic selector is proposed by the remote VPN gateway"
      selectorNarrowing: byDefault('narrows', 'accepts whatever traffic selector the peer proposes (Azure VPN gateway)'),
    },
    vendorRefs: {
      resourceGroup: rg ?? '',
      connection: name,
      gatewayType: kind,
      connectionMode: mode,
      dpdTimeoutSeconds: String(dpdTimeout),
      customPolicy: policy ? 'yes' : 'no',
      ...(lngName ? { localNetworkGateway: lngName } : {}),
    },
    allowed,
  };
}

export function parseAzure(text: string, file: string): Device {
  const { docs, printed } = readResources(text, file);
  const ctx: Context = { file, json: !printed, docs: docs.map((doc) => ({ doc, kind: kindOf(doc) })), diagnostics: [] };
  const conns = ctx.docs.filter((d) => d.kind === 'connection');
  if (!conns.length)
    throw new ParseError(
      file,
      1,
      'expected `az network vpn-connection show` JSON or `Get-AzVirtualNetworkGatewayConnection` output (a connection with virtualNetworkGateway1), found none',
    );
  const interfaces: InterfaceAddress[] = [];
  const tunnels = conns.map((c) => connectionEnd(ctx, c.doc, interfaces));
  for (const t of tunnels) withOutsideAddressIdentity(t, false);
  const gwName = nameOfId(idOf(get(conns[0].doc, 'virtualNetworkGateway1')));
  return { vendor: 'azure-vpngw', hostname: gwName ?? 'azure', origin: file, interfaces, tunnels, diagnostics: ctx.diagnostics };
}
