/**
 * Google Cloud VPN tunnels as an end: `gcloud compute vpn-tunnels describe` YAML (several documents
 * separated by `---`, optionally with `gcloud compute vpn-gateways describe` for the gateway's own
 * addresses) or the same with `--format=json`. Read from exports only: no live collection.
 */
import { withOutsideAddressIdentity } from '../cloud-common/identity.js';
import type { Adapter, FixRequest } from '../../src/model/adapter.js';
import { ParseError } from '../../src/model/errors.js';
import { assumedDefault, byDefault, explicit } from '../../src/model/setting.js';
import { PSK_UNKNOWN } from '../../src/model/secrets.js';
import { canonicalCidr } from '../../src/model/net.js';
import type { AllowedSettings, ChildProposal, Device, Diagnostic, IkeProposal, InterfaceAddress, Setting, TunnelEnd } from '../../src/model/types.js';
import { canonicalEncryption, canonicalIntegrity, canonicalPrf, dhGroupNumber } from '../../src/model/vocab.js';
import { entry, get, type Located, list, rawOf, readDocuments, str } from '../cloud-common/tree.js';
import { strayLine } from './read.js';

const SOURCE = 'Google Cloud VPN documentation, "Supported IKE ciphers" and "Cloud VPN cipher changes" (README.md says which values were verified)';
/** IANA groups GCP supports after its cipher-order change (group 22 dropped) */
const DH = [31, 19, 20, 21, 15, 16, 17, 18, 14, 23, 24, 5, 2];
const ENC = ['aes128', 'aes192', 'aes256', 'aes128gcm16', 'aes192gcm16', 'aes256gcm16'];
const INTEG = ['sha256', 'sha384', 'sha512', 'sha1', 'md5'];
const PHASE1_LIFETIME = 36000;
const PHASE2_LIFETIME = 10800;

export const ALLOWED: AllowedSettings = {
  source: SOURCE,
  phase1LifetimeSeconds: { min: PHASE1_LIFETIME, max: PHASE1_LIFETIME },
  phase2LifetimeSeconds: { min: PHASE2_LIFETIME, max: PHASE2_LIFETIME },
  phase1: { encryption: ENC, integrity: INTEG, dhGroups: DH },
  phase2: { encryption: ENC, integrity: INTEG, pfsGroups: [...DH, 0] },
};

const lastSegment = (url: string | undefined) => url?.split('/').pop();

/** `Group-14` → 14, `AES-CBC-256` → aes256, … (the cipherSuite spellings of the API). */
function names(node: Located | undefined, file: string, canon: (t: string) => string | number | undefined, what: string): Array<string | number> {
  return list(node).map((n) => {
    const v = str(n) ?? '';
    const c = canon(v.replace(/^Group-/i, ''));
    if (c === undefined) throw new ParseError(file, n.at.line, `expected a GCP ${what} name, found "${v}"`);
    return c;
  });
}

function cidrs(node: Located | undefined, file: string): string[] {
  return list(node).map((n) => {
    const c = canonicalCidr(str(n) ?? '');
    if (!c) throw new ParseError(file, n.at.line, `expected a CIDR, found "${str(n)}"`);
    return c;
  });
}

function parse(text: string, file: string): Device {
  const stray = strayLine(text);
  if (stray !== undefined)
    throw new ParseError(
      file,
      stray,
      'expected gcloud YAML: a line that starts at column 0 is a "key:", a "- " list item, "---" or a comment (a value continued on the next line is indented)',
    );
  const docs = readDocuments(text, file);
  const tunnelsDocs = docs.filter((d) => str(get(d, 'kind')) === 'compute#vpnTunnel');
  if (!tunnelsDocs.length) throw new ParseError(file, 1, 'expected `gcloud compute vpn-tunnels describe` output (kind: compute#vpnTunnel)');
  const gateways = docs.filter((d) => str(get(d, 'kind')) === 'compute#vpnGateway');
  const interfaces: InterfaceAddress[] = [];
  const gatewayIp = new Map<string, { ip: string; line: number }>();
  for (const g of gateways)
    for (const i of list(get(g, 'vpnInterfaces'))) {
      const ip = str(get(i, 'ipAddress'));
      if (!ip) continue;
      gatewayIp.set(`${str(get(g, 'name'))}#${str(get(i, 'id')) ?? '0'}`, { ip, line: i.at.line });
      interfaces.push({ name: `${str(get(g, 'name'))} interface ${str(get(i, 'id')) ?? '0'}`, address: ip, at: { file, line: i.at.line } });
    }
  const diagnostics: Diagnostic[] = [];
  // HA VPN: tunnels of one gateway to one peer gateway are a redundant pair
  const groupOf = (d: Located) => {
    const gw = lastSegment(str(get(d, 'vpnGateway')));
    const peer = lastSegment(str(get(d, 'peerExternalGateway')) ?? str(get(d, 'peerGcpGateway')));
    return gw && peer ? `${gw}→${peer}` : undefined;
  };
  const tunnels = tunnelsDocs.map((d): TunnelEnd => {
    const name = str(get(d, 'name'));
    if (!name) throw new ParseError(file, d.at.line, 'expected "name" in the VPN tunnel');
    const at = { file, line: d.at.line };
    const set = <T>(key: string, value: T, unit?: 'seconds'): Setting<T> | undefined => {
      const e = entry(d, key);
      return e ? explicit(value, rawOf(e, false), e.at, unit) : undefined;
    };
    const peer = entry(d, 'peerIp');
    if (!peer || !str(peer.value)) throw new ParseError(file, d.at.line, `expected "peerIp" in VPN tunnel ${name}`);
    const version = Number(str(get(d, 'ikeVersion')) ?? '2');
    if (version !== 1 && version !== 2)
      throw new ParseError(file, entry(d, 'ikeVersion')?.at.line ?? d.at.line, `expected ikeVersion 1 or 2, found ${version}`);
    const suite = get(d, 'cipherSuite');
    const p1 = get(suite, 'phase1');
    const p2s = get(suite, 'phase2');
    const ike: IkeProposal = p1
      ? {
          encryption: names(get(p1, 'encryption'), file, canonicalEncryption, 'encryption') as string[],
          integrity: names(get(p1, 'integrity'), file, canonicalIntegrity, 'integrity') as string[],
          prf: names(get(p1, 'prf'), file, (t) => canonicalPrf(t.replace(/^PRF-(HMAC-)?/i, '').replace(/^SHA2-/i, 'sha')), 'PRF') as string[],
          dhGroups: names(get(p1, 'dh'), file, dhGroupNumber, 'DH group') as number[],
        }
      : { encryption: ENC, integrity: INTEG, prf: [], dhGroups: DH };
    const esp: ChildProposal = p2s
      ? {
          protocol: 'esp',
          encryption: names(get(p2s, 'encryption'), file, canonicalEncryption, 'encryption') as string[],
          integrity: names(get(p2s, 'integrity'), file, canonicalIntegrity, 'integrity') as string[],
        }
      : { protocol: 'esp', encryption: ENC, integrity: INTEG };
    const pfs = p2s ? (names(get(p2s, 'pfs'), file, dhGroupNumber, 'PFS group') as number[]) : [...DH, 0];
    const gwKey = `${lastSegment(str(get(d, 'vpnGateway')))}#${str(get(d, 'vpnGatewayInterface')) ?? '0'}`;
    const own = gatewayIp.get(gwKey);
    if (!own)
      diagnostics.push({
        level: 'info',
        message: `${name}: the Cloud VPN gateway's own address is not in this export (add \`gcloud compute vpn-gateways describe\` output after a \`---\` line)`,
        at,
      });
    const group = groupOf(d);
    const members = group ? tunnelsDocs.filter((x) => groupOf(x) === group).map((x) => str(get(x, 'name')) ?? '') : [];
    const end: TunnelEnd = {
      name,
      at,
      enabled: true,
      ...(own ? { localGateway: explicit(own.ip, `ipAddress: ${own.ip}`, { file, line: own.line }) } : {}),
      remoteGateway: explicit(str(peer.value) ?? '', rawOf(peer, false), peer.at),
      ikeVersion: set('ikeVersion', version as 1 | 2) ?? assumedDefault(2 as const, 'ikeVersion: 2 (gcloud default)'),
      auth: {
        method: byDefault('psk', 'shared secret (Cloud VPN authenticates with a pre-shared key)'),
        // gcloud prints the secret masked and a hash that is not comparable with other devices' keys
        psk: {
          value: PSK_UNKNOWN,
          raw: "sharedSecret: '*************'",
          origin: 'explicit',
          ...(entry(d, 'sharedSecret') ? { at: entry(d, 'sharedSecret')!.at } : {}),
        },
      },
      phase1: {
        proposals: p1
          ? explicit([ike], 'cipherSuite.phase1', { file, line: suite!.at.line })
          : assumedDefault([ike], 'Cloud VPN supported IKE ciphers (no cipherSuite set)'),
        lifetimeSeconds: assumedDefault(PHASE1_LIFETIME, 'Phase 1 lifetime 36000 s (fixed by Cloud VPN)', 'seconds'),
      },
      natt: { mode: assumedDefault('auto', 'NAT-T: automatic (Cloud VPN)') },
      dpd: { mode: assumedDefault('on-demand', 'DPD (Cloud VPN)') },
      phase2: [
        {
          name,
          at,
          localSelectors:
            set('localTrafficSelector', cidrs(get(d, 'localTrafficSelector'), file)) ?? byDefault(['0.0.0.0/0'], 'localTrafficSelector: 0.0.0.0/0'),
          remoteSelectors:
            set('remoteTrafficSelector', cidrs(get(d, 'remoteTrafficSelector'), file)) ?? byDefault(['0.0.0.0/0'], 'remoteTrafficSelector: 0.0.0.0/0'),
          mode: byDefault('tunnel', 'IPsec ESP tunnel mode (Cloud VPN)'),
          proposals: p2s
            ? explicit([esp], 'cipherSuite.phase2', { file, line: suite!.at.line })
            : assumedDefault([esp], 'Cloud VPN supported ciphers (no cipherSuite set)'),
          pfsGroups: p2s ? explicit(pfs, 'cipherSuite.phase2.pfs', { file, line: p2s.at.line }) : assumedDefault(pfs, 'Cloud VPN supported PFS groups'),
          lifetimeSeconds: assumedDefault(PHASE2_LIFETIME, 'Phase 2 lifetime 10800 s (fixed by Cloud VPN)', 'seconds'),
          lifetimeKilobytes: assumedDefault(0, 'no volume lifetime', 'kilobytes'),
        },
      ],
      vendorRefs: { region: lastSegment(str(get(d, 'region'))) ?? '', router: lastSegment(str(get(d, 'router'))) ?? '' },
      allowed: ALLOWED,
    };
    if (group && members.length > 1)
      end.redundancy = {
        id: group,
        members,
        source:
          'Cloud VPN "Supported IKE ciphers": "configure both HA VPN tunnels on your peer VPN gateway to use the same cipher and IKE Phase 2 lifetime values"',
      };
    withOutsideAddressIdentity(end, true);
    return end;
  });
  return {
    vendor: 'gcp-vpn',
    hostname: lastSegment(str(get(tunnelsDocs[0], 'vpnGateway')) ?? str(get(tunnelsDocs[0], 'targetVpnGateway'))) ?? 'gcp',
    origin: file,
    interfaces,
    tunnels,
    diagnostics,
  };
}

/** Cloud VPN tunnels cannot be edited: every change is delete + create (gcloud reference, vpn-tunnels). */
function fix(req: FixRequest): string | undefined {
  const t = req.tunnel;
  const recreate = (flags: string) =>
    `recreate the tunnel (Cloud VPN tunnels cannot be modified): gcloud compute vpn-tunnels delete ${t.name} --region=${t.vendorRefs?.region ?? 'REGION'}\n` +
    `then gcloud compute vpn-tunnels create ${t.name} --region=${t.vendorRefs?.region ?? 'REGION'} --peer-address=${t.remoteGateway.value} --shared-secret=<the key the peer uses> ${flags} (with the tunnel's other options as before)`;
  switch (req.field) {
    case 'ikeVersion':
      return recreate(`--ike-version=${req.target}`);
    case 'phase2.localSelectors':
      return recreate(`--local-traffic-selector=${req.target.join(',')}`);
    case 'phase2.remoteSelectors':
      return recreate(`--remote-traffic-selector=${req.target.join(',')}`);
    case 'auth.psk':
      return recreate('');
    default:
      // lifetimes are fixed; cipher flags are left to the peer side (one cipher per role)
      return undefined;
  }
}

export const adapter: Adapter = {
  id: 'gcp-vpn',
  label: 'Google Cloud VPN (gcloud compute vpn-tunnels describe)',
  detectCeiling: 0.95,
  detect(text) {
    return /compute#vpnTunnel/.test(text.slice(0, 65536)) ? 0.95 : 0;
  },
  parse,
  // No `live`: exported by the user with `gcloud compute vpn-tunnels describe`, never collected here.
  fix,
};

export default adapter;
