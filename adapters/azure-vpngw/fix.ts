/**
 * Fixes on the Azure side are Azure CLI commands. An IPsec/IKE policy is all or nothing ("You must
 * specify all algorithms and parameters for both IKE (Main Mode) and IPsec (Quick Mode). Partial
 * policy specification isn't allowed"), so every cryptographic fix states a whole policy with
 * `az network vpn-connection ipsec-policy add` (parameter names: the azure-cli command; values:
 * the API enums of the custom-policy table): the changed part from the request, every other part
 * the first of this end's current values the peer also accepts. A connection holds one policy: an
 * existing one is cleared first (`ipsec-policy clear`). A value Azure cannot take gets no fix here:
 * lifetime-out-of-range / unsupported-proposal say the other end must change. Never a key.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import type { ChildProposal, IkeProposal, TunnelEnd } from '../../src/model/types.js';
import {
  ALLOWED,
  azureSpelling,
  CUSTOM_P2_KILOBYTES,
  CUSTOM_P2_SECONDS,
  DH_SPELLING,
  IKE_ENCRYPTION,
  IKE_INTEGRITY,
  IPSEC_ENCRYPTION,
  IPSEC_INTEGRITY,
  PFS_SPELLING,
} from './defaults.js';

interface Ike {
  encryption: string;
  integrity?: string;
  dh: number;
}
interface Esp {
  encryption: string;
  integrity?: string;
}

const ikeChoices = (ps: IkeProposal[]): Ike[] =>
  ps.flatMap((p) =>
    p.encryption.flatMap((encryption) =>
      (p.integrity.length ? p.integrity : [undefined]).flatMap((integrity) => p.dhGroups.map((dh) => ({ encryption, integrity, dh }))),
    ),
  );
const espChoices = (ps: ChildProposal[]): Esp[] =>
  ps
    .filter((p) => p.protocol === 'esp')
    .flatMap((p) => p.encryption.flatMap((encryption) => (p.integrity.length ? p.integrity : [undefined]).map((integrity) => ({ encryption, integrity }))));

const sameIke = (a: Ike, b: Ike) => a.encryption === b.encryption && (a.integrity ?? '') === (b.integrity ?? '') && a.dh === b.dh;
const sameEsp = (a: Esp, b: Esp) => a.encryption === b.encryption && (a.integrity ?? '') === (b.integrity ?? '');

/** The first choice the peer also has, else the first one. */
function firstShared<T>(mine: T[], theirs: T[] | undefined, same: (a: T, b: T) => boolean): T | undefined {
  return (theirs && mine.find((m) => theirs.some((t) => same(m, t)))) ?? mine[0];
}

function policyCommand(t: TunnelEnd, ike: Ike, esp: Esp, pfs: number, seconds: number, kilobytes: number): string | undefined {
  const ikeEnc = azureSpelling(IKE_ENCRYPTION, ike.encryption);
  // a GCM IKE cipher carries its own integrity: the API then takes the same GCM name as integrity
  const ikeInteg = ike.integrity ? azureSpelling(IKE_INTEGRITY, ike.integrity) : ike.encryption.endsWith('gcm16') ? ikeEnc : undefined;
  const espEnc = azureSpelling(IPSEC_ENCRYPTION, esp.encryption);
  const espInteg = esp.integrity ? azureSpelling(IPSEC_INTEGRITY, esp.integrity) : esp.encryption.endsWith('gcm16') ? espEnc : undefined;
  const dh = DH_SPELLING[ike.dh];
  const pfsName = PFS_SPELLING[pfs];
  const inRange = (v: number, r: { min: number; max: number }) => v >= r.min && v <= r.max;
  if (!ikeEnc || !ikeInteg || !espEnc || !espInteg || !dh || ike.dh === 0 || !pfsName) return undefined;
  if (!inRange(seconds, CUSTOM_P2_SECONDS) || !inRange(kilobytes, CUSTOM_P2_KILOBYTES)) return undefined;
  const rg = t.vendorRefs?.resourceGroup || '<resource-group>';
  const conn = t.vendorRefs?.connection ?? t.name;
  const target = `-g ${rg} --connection-name ${conn}`;
  const add =
    `az network vpn-connection ipsec-policy add ${target} --ike-encryption ${ikeEnc} --ike-integrity ${ikeInteg} --dh-group ${dh} ` +
    `--ipsec-encryption ${espEnc} --ipsec-integrity ${espInteg} --pfs-group ${pfsName} --sa-lifetime ${seconds} --sa-max-size ${kilobytes}`;
  // one policy per connection: replace, never append
  return t.vendorRefs?.customPolicy === 'yes' ? `az network vpn-connection ipsec-policy clear ${target}\n${add}` : add;
}

export function azureFix(req: FixRequest): string | undefined {
  const t = req.tunnel;
  const peer = req.peer;
  const p2 = req.phase2 ?? t.phase2[0];
  if (!p2) return undefined;
  const peerP2 = peer?.phase2.find((p) => p.name === p2.name) ?? peer?.phase2[0];
  const ike = () => firstShared(ikeChoices(t.phase1.proposals.value), peer ? ikeChoices(peer.phase1.proposals.value) : undefined, sameIke);
  const esp = () => firstShared(espChoices(p2.proposals.value), peerP2 ? espChoices(peerP2.proposals.value) : undefined, sameEsp);
  const pfs = () => firstShared(p2.pfsGroups.value, peerP2?.pfsGroups.value, (a, b) => a === b);
  const seconds = p2.lifetimeSeconds.value;
  const kilobytes = p2.lifetimeKilobytes.value;
  const whole = (i = ike(), e = esp(), g = pfs(), s = seconds, k = kilobytes) => (i && e && g !== undefined ? policyCommand(t, i, e, g, s, k) : undefined);
  switch (req.field) {
    case 'phase1.proposals': {
      const wanted = ikeChoices(req.target).filter((c) => ALLOWED.phase1?.encryption.includes(c.encryption));
      return wanted.length ? whole(firstShared(wanted, ikeChoices(t.phase1.proposals.value), sameIke)) : undefined;
    }
    case 'phase2.proposals': {
      const wanted = espChoices(req.target);
      return wanted.length ? whole(undefined, firstShared(wanted, espChoices(p2.proposals.value), sameEsp)) : undefined;
    }
    case 'phase2.pfsGroups':
      return req.target.length
        ? whole(
            undefined,
            undefined,
            firstShared(req.target, p2.pfsGroups.value, (a, b) => a === b),
          )
        : undefined;
    case 'phase2.lifetimeSeconds':
      return whole(undefined, undefined, undefined, req.target);
    case 'phase2.lifetimeKilobytes':
      return whole(undefined, undefined, undefined, seconds, req.target);
    case 'auth.psk':
      return `az network vpn-connection shared-key update -g ${t.vendorRefs?.resourceGroup || '<resource-group>'} --connection-name ${t.vendorRefs?.connection ?? t.name} --value <the key the peer uses>\n(the key itself is not shown here)`;
    default:
      return undefined;
  }
}
