/**
 * `aws ec2 describe-vpn-connections` JSON (also the `VpnConnection` object that create/modify
 * print), optionally with `aws ec2 describe-customer-gateways` output merged in (`CustomerGateways`)
 * for the customer gateway's address. The tunnel options in force are `Options.TunnelOptions`: a
 * field the user never set is absent there and AWS's default applies. The XML in
 * `CustomerGatewayConfiguration` is AWS's *sample* for the customer side: its addresses and key are
 * the tunnel's, its algorithms are not the tunnel options (README.md, "which source wins").
 */
import { ParseError } from '../../src/model/errors.js';
import { isIpAddress, parseCidr } from '../../src/model/net.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { Device, Diagnostic, InterfaceAddress, SourceRef } from '../../src/model/types.js';
import { entry, get, type Located, list, rawOf, readDocuments, str } from '../cloud-common/tree.js';
import { type AwsTunnel, buildTunnel, type Read, tunnelName } from './build.js';
import { ENCRYPTION, INTEGRITY, PHASE1_DH, PHASE2_DH } from './defaults.js';
import { readCustomerGatewayXml, type XmlTunnel } from './xml.js';

type Entry = { key: string; at: SourceRef; value: Located };

function readEntry<T>(map: Located, key: string, convert: (e: Entry) => T): Read<T> | undefined {
  const e = entry(map, key);
  if (!e) return undefined;
  return { value: convert(e), raw: rawOf(e, true), at: e.at, origin: 'explicit' };
}

function integer(file: string, min: number, max: number) {
  return (e: Entry): number => {
    const v = e.value.kind === 'scalar' ? e.value.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw new ParseError(
        file,
        e.at.line,
        `expected ${e.key} to be a whole number ${min}–${max}, found ${v === undefined ? 'a list or object' : JSON.stringify(v)}`,
      );
    return v;
  };
}

function text(file: string, allowed?: readonly string[]) {
  return (e: Entry): string => {
    const v = str(e.value);
    if (v === undefined) throw new ParseError(file, e.at.line, `expected ${e.key} to be a string`);
    if (allowed && !allowed.includes(v)) throw new ParseError(file, e.at.line, `expected ${e.key} to be one of ${allowed.join(', ')}, found "${v}"`);
    return v;
  };
}

/** `[{"Value": "AES128"}, …]` → canonical names, refusing a value AWS does not define. */
function valueList<T>(file: string, table: (v: string | number) => T | undefined, expected: string) {
  return (e: Entry): T[] => {
    if (e.value.kind !== 'list') throw new ParseError(file, e.at.line, `expected ${e.key} to be a list of {"Value": …}`);
    return e.value.items.map((item) => {
      const inner = item.kind === 'scalar' ? item : get(item, 'Value');
      const v = inner?.kind === 'scalar' ? inner.value : undefined;
      const out = v === undefined || v === null || typeof v === 'boolean' ? undefined : table(v);
      if (out === undefined)
        throw new ParseError(file, (inner ?? item).at.line, `expected ${e.key} values among ${expected}, found ${JSON.stringify(v ?? null)}`);
      return out;
    });
  };
}

const encryption = (v: string | number) => ENCRYPTION[String(v)];
const integrity = (v: string | number) => INTEGRITY[String(v)];
const dhFrom = (groups: number[]) => (v: string | number) => (groups.includes(Number(v)) ? Number(v) : undefined);
const ikeVersion = (v: string | number) => ({ ikev1: 1, ikev2: 2 })[String(v).toLowerCase()] as 1 | 2 | undefined;

function tunnelsOf(conn: Located, file: string, customerGateways: Map<string, Read<string>>, diagnostics: Diagnostic[]): AwsTunnel[] {
  const idEntry = entry(conn, 'VpnConnectionId');
  const id = str(idEntry?.value);
  if (!id) throw new ParseError(file, conn.at.line, 'expected a VPN connection with "VpnConnectionId"');
  const state = str(get(conn, 'State'));
  const options = get(conn, 'Options');
  const cgwId = str(get(conn, 'CustomerGatewayId'));
  const xmlEntry = entry(conn, 'CustomerGatewayConfiguration');
  const xml = xmlEntry ? readCustomerGatewayXml(str(xmlEntry.value) ?? '') : [];
  const tunnelOptions = list(get(options, 'TunnelOptions'));
  const telemetry = list(get(conn, 'VgwTelemetry'));
  const customerCidr = readEntry(options ?? conn, 'LocalIpv4NetworkCidr', cidrOf(file));
  const awsCidr = readEntry(options ?? conn, 'RemoteIpv4NetworkCidr', cidrOf(file));

  // the tunnels, in AWS's order: TunnelOptions when exported, else the XML, else telemetry
  type Source = { outside: Read<string>; options?: Located; xml?: XmlTunnel; at: SourceRef };
  const sources: Source[] = [];
  if (tunnelOptions.length) {
    for (const o of tunnelOptions) {
      const ip = readEntry(o, 'OutsideIpAddress', text(file));
      if (!ip) throw new ParseError(file, o.at.line, 'expected "OutsideIpAddress" in each TunnelOptions entry');
      sources.push({ outside: ip, options: o, xml: xml.find((x) => x.awsOutside === ip.value), at: o.at });
    }
  } else if (xml.length && xmlEntry) {
    for (const x of xml) {
      if (!x.awsOutside) throw new ParseError(file, xmlEntry.at.line, 'expected <vpn_gateway><tunnel_outside_address><ip_address> in each <ipsec_tunnel>');
      sources.push({
        outside: { value: x.awsOutside, raw: `<vpn_gateway>…<ip_address>${x.awsOutside}</ip_address>`, at: xmlEntry.at, origin: 'inferred' },
        xml: x,
        at: xmlEntry.at,
      });
    }
  } else {
    for (const t of telemetry) {
      const ip = readEntry(t, 'OutsideIpAddress', text(file));
      if (ip) sources.push({ outside: { ...ip, origin: 'inferred' }, at: t.at });
    }
  }
  if (!sources.length)
    throw new ParseError(file, conn.at.line, `expected the tunnels of ${id} (Options.TunnelOptions, CustomerGatewayConfiguration or VgwTelemetry), found none`);
  if (tunnelOptions.length && xml.length && sources.some((s) => !s.xml))
    diagnostics.push({
      level: 'warning',
      message: `${id}: the customer-gateway XML names other outside addresses than TunnelOptions; TunnelOptions used`,
      at: xmlEntry?.at,
    });

  return sources.map((s, i) => {
    const o = s.options;
    const x = s.xml;
    const fromXml = <T>(value: T | undefined, raw: string): Read<T> | undefined =>
      value === undefined || !xmlEntry ? undefined : { value, raw, at: xmlEntry.at, origin: 'inferred' };
    const psk = o ? readEntry(o, 'PreSharedKey', text(file)) : undefined;
    const pskSecret = psk?.value ?? x?.psk;
    const t: AwsTunnel = {
      connectionId: id,
      index: i + 1,
      at: s.at,
      enabled: state !== 'deleted' && state !== 'deleting',
      outsideIp: s.outside,
      customerGatewayIp:
        fromXml(x?.customerOutside, `<customer_gateway>…<ip_address>${x?.customerOutside}</ip_address>`) ?? (cgwId ? customerGateways.get(cgwId) : undefined),
      customerGatewayId: cgwId,
    };
    if (pskSecret !== undefined) {
      // the secret stops here: only its fingerprint and a redacted raw go on
      t.psk = psk
        ? { value: pskFingerprint(pskSecret), raw: '"PreSharedKey": "<redacted>"', at: psk.at, origin: 'explicit' }
        : { value: pskFingerprint(pskSecret), raw: '<pre_shared_key><redacted></pre_shared_key>', at: xmlEntry?.at, origin: 'inferred' };
    }
    if (o) {
      t.ikeVersions = readEntry(o, 'IkeVersions', valueList(file, ikeVersion, 'ikev1, ikev2'));
      t.phase1Encryption = readEntry(o, 'Phase1EncryptionAlgorithms', valueList(file, encryption, Object.keys(ENCRYPTION).join(', ')));
      t.phase1Integrity = readEntry(o, 'Phase1IntegrityAlgorithms', valueList(file, integrity, Object.keys(INTEGRITY).join(', ')));
      t.phase1Dh = readEntry(o, 'Phase1DHGroupNumbers', valueList(file, dhFrom(PHASE1_DH), PHASE1_DH.join(', ')));
      t.phase2Encryption = readEntry(o, 'Phase2EncryptionAlgorithms', valueList(file, encryption, Object.keys(ENCRYPTION).join(', ')));
      t.phase2Integrity = readEntry(o, 'Phase2IntegrityAlgorithms', valueList(file, integrity, Object.keys(INTEGRITY).join(', ')));
      t.phase2Dh = readEntry(o, 'Phase2DHGroupNumbers', valueList(file, dhFrom(PHASE2_DH), PHASE2_DH.join(', ')));
      t.phase1Lifetime = readEntry(o, 'Phase1LifetimeSeconds', integer(file, 900, 28800));
      t.phase2Lifetime = readEntry(o, 'Phase2LifetimeSeconds', integer(file, 900, 3600));
      t.rekeyMargin = readEntry(o, 'RekeyMarginTimeSeconds', integer(file, 60, 1800));
      readEntry(o, 'RekeyFuzzPercentage', integer(file, 0, 100));
      readEntry(o, 'ReplayWindowSize', integer(file, 64, 2048));
      t.dpdTimeout = readEntry(o, 'DpdTimeoutSeconds', integer(file, 30, 2 ** 31 - 1));
      t.dpdAction = readEntry(o, 'DpdTimeoutAction', text(file, ['clear', 'none', 'restart']));
      t.startupAction = readEntry(o, 'StartupAction', text(file, ['add', 'start']));
    }
    if (x?.ike?.mode === 'main' || x?.ike?.mode === 'aggressive') t.exchangeMode = fromXml(x.ike.mode, `<mode>${x.ike.mode}</mode>`);
    if (customerCidr) t.customerCidr = customerCidr;
    if (awsCidr) t.awsCidr = awsCidr;
    const p1 = t.phase1Lifetime?.value;
    const p2 = t.phase2Lifetime?.value;
    if (p1 !== undefined && p2 !== undefined && p2 >= p1)
      throw new ParseError(
        file,
        t.phase2Lifetime?.at?.line ?? s.at.line,
        `expected Phase2LifetimeSeconds (${p2}) below Phase1LifetimeSeconds (${p1}), as AWS requires`,
      );
    if (!t.customerGatewayIp)
      diagnostics.push({
        level: 'warning',
        message: `${tunnelName(id, i + 1)}: the customer gateway's address is not in this export (no CustomerGatewayConfiguration); add \`aws ec2 describe-customer-gateways\` output as "CustomerGateways" to pair by address`,
        at: s.at,
      });
    return t;
  });
}

function cidrOf(file: string) {
  return (e: Entry): string => {
    const v = str(e.value);
    const c = v ? parseCidr(v) : undefined;
    if (!v || !c) throw new ParseError(file, e.at.line, `expected ${e.key} to be an IPv4 CIDR, found ${JSON.stringify(v ?? null)}`);
    return v;
  };
}

function customerGatewaysOf(root: Located, file: string): Map<string, Read<string>> {
  const out = new Map<string, Read<string>>();
  for (const g of list(get(root, 'CustomerGateways'))) {
    const id = str(get(g, 'CustomerGatewayId'));
    const ip = readEntry(g, 'IpAddress', text(file));
    if (id && ip && isIpAddress(ip.value)) out.set(id, ip);
  }
  return out;
}

export function parseDescribeJson(text: string, file: string): Device {
  const docs = readDocuments(text, file);
  const root = docs[0];
  if (root?.kind !== 'map') throw new ParseError(file, 1, 'expected `aws ec2 describe-vpn-connections` JSON (an object with "VpnConnections")');
  const conns = entry(root, 'VpnConnections') ? list(get(root, 'VpnConnections')) : get(root, 'VpnConnection') ? [get(root, 'VpnConnection') as Located] : [];
  if (!entry(root, 'VpnConnections') && !get(root, 'VpnConnection'))
    throw new ParseError(file, root.at.line, 'expected `aws ec2 describe-vpn-connections` JSON with "VpnConnections", found neither it nor "VpnConnection"');
  const diagnostics: Diagnostic[] = [];
  const cgws = customerGatewaysOf(root, file);
  const interfaces: InterfaceAddress[] = [];
  const tunnels = conns.flatMap((c) => {
    const ts = tunnelsOf(c, file, cgws, diagnostics);
    const names = ts.map((t) => tunnelName(t.connectionId, t.index));
    if (ts.length !== 2)
      diagnostics.push({ level: 'warning', message: `${ts[0]?.connectionId}: ${ts.length} tunnel(s) exported; an AWS VPN connection has two`, at: c.at });
    for (const t of ts)
      interfaces.push({ name: tunnelName(t.connectionId, t.index), address: t.outsideIp.value, ...(t.outsideIp.at ? { at: t.outsideIp.at } : {}) });
    return ts.map((t) => buildTunnel(t, names));
  });
  const only = conns.length === 1 ? conns[0] : undefined;
  const nameTag = only ? list(get(only, 'Tags')).find((tag) => str(get(tag, 'Key')) === 'Name') : undefined;
  const hostname = only ? (str(get(nameTag, 'Value')) ?? str(get(only, 'VpnConnectionId'))) : 'aws';
  return { vendor: 'aws-vpn', ...(hostname ? { hostname } : {}), origin: file, interfaces, tunnels, diagnostics };
}
