/**
 * The Azure end's IKE SAs: `Get-AzVirtualNetworkGatewayConnectionIkeSa -ResourceGroupName RG -Name
 * CONN`, printed (Format-List, camelCase names: the real msdocs example in
 * ../shared/real-configs/state/azure) or `| ConvertTo-Json`. One block per IKE SA: endpoints,
 * cookies in decimal, the negotiated algorithms, lifetime and age, who initiated. The cmdlet prints
 * the quick mode SAs of an IKE SA in `quickModeSa`; the only real sample shows it empty (`{}`), so
 * their fields are not known and not read (README.md). Azure lists no SPIs: the SPI rules cannot
 * check this end, which `missing` says.
 */
import { ParseError } from '../../src/model/errors.js';
import { type ClearTarget, emptyState, type IkeSa, normalizeIkeSpi, type SaState, type StateReader } from '../../src/model/state.js';
import { lineAt, observe } from '../../src/model/state-text.js';
import { get, type Located, list, readDocuments, str } from '../cloud-common/tree.js';
import { DH_GROUP, IKE_ENCRYPTION, IKE_INTEGRITY } from './defaults.js';
import { readFormatList } from './read.js';

const CMDLET = 'Get-AzVirtualNetworkGatewayConnectionIkeSa';

const lookup = <T>(table: Record<string, T>, v: string | undefined) =>
  v === undefined ? undefined : Object.entries(table).find(([k]) => k.toLowerCase() === v.toLowerCase())?.[1];

function numberOf(node: Located | undefined): number | undefined {
  const v = node?.kind === 'scalar' ? node.value : undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

function ikeSaOf(sa: Located, i: number, file: string, state: SaState): IkeSa {
  const at = { file, line: sa.at.line };
  const local = str(get(sa, 'localEndpoint'));
  const remote = str(get(sa, 'remoteEndpoint'));
  if (!remote) throw new ParseError(file, sa.at.line, `expected "remoteEndpoint" in each IKE SA of ${CMDLET}`);
  // a 64-bit cookie printed as a bare JSON number is beyond a double's precision: not used
  const cookie = (key: string) => {
    const n = get(sa, key);
    const v = n?.kind === 'scalar' ? n.value : undefined;
    if (typeof v === 'number' && !Number.isSafeInteger(v)) {
      state.diagnostics.push({ level: 'info', message: `${key} is a JSON number too large to read exactly: the IKE SPIs of this SA are not used`, at: n!.at });
      return undefined;
    }
    return str(n);
  };
  const ic = cookie('initiatorCookie');
  const rc = cookie('responderCookie');
  const spiI = ic ? normalizeIkeSpi(ic, true) : undefined;
  const spiR = rc ? normalizeIkeSpi(rc, true) : undefined;
  if (ic && !spiI) throw new ParseError(file, get(sa, 'initiatorCookie')!.at.line, `expected initiatorCookie as a decimal 64-bit number, found "${ic}"`);
  const enc = str(get(sa, 'encryption'));
  const integ = str(get(sa, 'integrity'));
  const dh = str(get(sa, 'dhGroup'));
  const encryption = lookup(IKE_ENCRYPTION, enc);
  const integrity = lookup(IKE_INTEGRITY, integ);
  const dhGroup = lookup(DH_GROUP, dh);
  const lifetime = numberOf(get(sa, 'lifeTimeSeconds'));
  const age = numberOf(get(sa, 'elapsedTimeInseconds')) ?? numberOf(get(sa, 'elapsedTimeInSeconds'));
  const initiator = get(sa, 'isSaInitiator');
  const encapLocal = numberOf(get(sa, 'localUdpEncapsulationPort'));
  const encapRemote = numberOf(get(sa, 'remoteUdpEncapsulationPort'));
  const quick = get(sa, 'quickModeSa');
  if (quick && ((quick.kind === 'map' && quick.entries.length) || (quick.kind === 'list' && list(quick).length)))
    state.diagnostics.push({
      level: 'info',
      message: `IKE SA with ${remote}: its quickModeSa entries are not read (no sample of their fields was found)`,
      at: quick.at,
    });
  const lineOf = (key: string) => get(sa, key)?.at ?? at;
  return {
    id: `${remote}#${i + 1}`,
    at,
    // the cmdlet lists the gateway's IKE SAs; it prints no state, so a listed SA is taken as up (README)
    state: observe('listed', `${CMDLET} (no state field)`, at),
    established: true,
    ...(local ? { localAddress: local } : {}),
    remoteAddress: remote,
    ...(encapLocal ? { localPort: encapLocal } : {}),
    ...(encapRemote ? { remotePort: encapRemote } : {}),
    ...(initiator?.kind === 'scalar' && typeof initiator.value === 'boolean' ? { initiator: initiator.value } : {}),
    ...(spiI && spiR ? { spis: { initiator: spiI, responder: spiR } } : {}),
    ...(encapLocal !== undefined || encapRemote !== undefined
      ? { natt: observe(Boolean(encapLocal || encapRemote), `localUdpEncapsulationPort : ${encapLocal ?? ''}`, lineOf('localUdpEncapsulationPort')) }
      : {}),
    ...(enc || integ || dh
      ? {
          proposal: {
            ...(encryption ? { encryption } : {}),
            ...(integrity ? { integrity } : {}),
            ...(dhGroup ? { dhGroup } : {}),
            raw: [enc, integ, dh].filter(Boolean).join('/'),
          },
        }
      : {}),
    timers: {
      ...(lifetime !== undefined ? { lifetimeSeconds: observe(lifetime, `lifeTimeSeconds : ${lifetime}`, lineOf('lifeTimeSeconds')) } : {}),
      ...(age !== undefined ? { ageSeconds: observe(age, `elapsedTimeInseconds : ${age}`, lineOf('elapsedTimeInseconds')) } : {}),
    },
  };
}

export function readAzureIkeSas(text: string, file: string): SaState {
  const state = emptyState('azure-vpngw', file);
  const json = /^\s*[[{]/.test(text);
  let blocks: Located[];
  const isSa = (b: Located) => get(b, 'remoteEndpoint') !== undefined || get(b, 'initiatorCookie') !== undefined;
  if (json)
    blocks = readDocuments(text, file)
      .flatMap((d) => (d.kind === 'list' ? list(d) : [d]))
      .filter(isSa);
  else blocks = readFormatList(text, file).filter(isSa);
  if (!blocks.length) throw new ParseError(file, 1, `expected the output of \`${CMDLET}\` (remoteEndpoint, initiatorCookie, … lines), found none`);
  state.listings.push({ command: CMDLET, at: lineAt(file, 0) });
  state.ikeSas = blocks.map((b, i) => ikeSaOf(b, i, file, state));
  state.missing.push({
    command: `${CMDLET} (quick mode SAs)`,
    consequence: 'Azure lists no SPIs: stale-sa, orphan-sa and duplicate-sa cannot be checked on this end',
  });
  state.shows = { spis: false, selectors: false, ikeSas: true, childSas: false };
  return state;
}

export const azureState: StateReader = {
  commands: [{ command: CMDLET, lists: 'ike' }],
  detect(text) {
    const head = text.slice(0, 65536);
    // `^[ \t]*`, not `^\s*`: under /m, \s* ran over every following blank line from each line start (quadratic)
    return /^[ \t]*"?initiatorCookie"?[ \t]*:/m.test(head) && /^[ \t]*"?remoteEndpoint"?[ \t]*:/m.test(head) && /quickModeSa/.test(head) ? 0.9 : 0;
  },
  read: readAzureIkeSas,
  // Azure has no per-SA clear; resetting the connection is disruptive advice we do not give
  clear(_target: ClearTarget) {
    return undefined;
  },
};
