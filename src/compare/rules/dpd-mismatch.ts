import type { DpdTarget } from '../../model/adapter.js';
import type { DpdMode } from '../../model/types.js';
import type { EndRef, Finding, PairRule, Severity, TunnelPair } from '../types.js';
import { endName, side, withChanges } from '../finding.js';
import { pairVersion } from '../negotiation.js';
import { S } from './symptoms.js';

/** known never to initiate: responder-only (passive, dynamic, start_action none) or a peer of any address */
const neverInitiates = (e: EndRef) => e.tunnel.initiates?.value === false || e.tunnel.remoteGateway.value === 'any';
const initiates = (e: EndRef) => e.tunnel.initiates?.value === true && e.tunnel.remoteGateway.value !== 'any';
/** an end that only responds by configuration, not because its peer's address is unknown */
const canInitiate = (e: EndRef) => e.tunnel.remoteGateway.value !== 'any';

/**
 * Who brings the tunnel back after one end restarts (loses its SAs without telling the other)?
 * The restarted end, if it initiates; otherwise the surviving end, which must notice (DPD) and then
 * re-initiate — at once (restart) or with the next packet (hold); an end that clears waits.
 */
function recoveryFinding(pair: TunnelPair): Finding | undefined {
  const { a, b } = pair;
  const dpdText = (e: EndRef) => {
    const d = e.tunnel.dpd;
    return `${show(d.mode.value, d.delaySeconds?.value, d.retries?.value)}${d.action ? `, on a dead peer: ${d.action.value}` : ''}`;
  };
  if (neverInitiates(a) && neverInitiates(b)) {
    const sa = side(a, a.tunnel.initiates ?? a.tunnel.remoteGateway, 'responds only');
    const sb = side(b, b.tunnel.initiates ?? b.tunnel.remoteGateway, 'responds only');
    // either end may be the one to start it; an end with a peer of any address cannot
    withChanges(sa, sb, 'initiates', canInitiate(a) ? true : undefined, canInitiate(b) ? true : undefined);
    return {
      rule: 'dpd-mismatch',
      severity: 'warning',
      setting: 'initiates',
      message: `Neither end initiates: ${endName(a)} and ${endName(b)} only respond`,
      effect: `Both ends wait for the other (${a.tunnel.initiates?.raw ?? a.tunnel.remoteGateway.raw}; ${b.tunnel.initiates?.raw ?? b.tunnel.remoteGateway.raw}): the tunnel is up only when someone initiates it by hand, and it stays down after a peer restart — or any drop — until someone initiates it again. Let one end start the tunnel (or start it on traffic).`,
      a: sa,
      b: sb,
    };
  }
  for (const [init, resp] of [
    [a, b],
    [b, a],
  ] as const) {
    const d = init.tunnel.dpd;
    if (!initiates(init) || !neverInitiates(resp) || d.mode.value === 'off' || d.action?.value !== 'clear') continue;
    const sides =
      init === a
        ? { a: side(a, d.action, dpdText(a)), b: side(b, b.tunnel.initiates ?? b.tunnel.remoteGateway, 'responds only') }
        : { a: side(a, a.tunnel.initiates ?? a.tunnel.remoteGateway, 'responds only'), b: side(b, d.action, dpdText(b)) };
    // the initiator re-initiates at once on a dead peer
    withChanges(sides.a, sides.b, 'dpd.action', init === a ? 'restart' : undefined, init === b ? 'restart' : undefined);
    return {
      rule: 'dpd-mismatch',
      severity: 'warning',
      setting: 'dpd.action',
      message: `The only initiator clears on a dead peer: ${endName(init)} (${d.action.raw}) against ${endName(resp)}, which only responds`,
      effect: `After ${endName(resp)} restarts, ${endName(init)}'s DPD declares it dead and clears the SAs without initiating again, and ${endName(resp)} never initiates: the tunnel stays down after a peer restart and comes back only when someone initiates it by hand (or ${endName(init)} itself restarts). Make ${endName(init)} re-initiate on a dead peer (restart, or hold/trap: with the next packet), or let ${endName(resp)} initiate too.`,
      ...sides,
    };
  }
  return undefined;
}

/**
 * DPD for the end that has none, as a whole: the other end's mode and interval (30 s when it says
 * none) — never the interval alone, which leaves DPD off on most products — and, when the other end
 * never initiates, restart on a dead peer: this end is then the only one that can bring the tunnel
 * back, and clearing would leave it down after a peer restart.
 */
function turnOn(off: EndRef, on: EndRef): DpdTarget {
  const mode = on.tunnel.dpd.mode.value === 'off' ? 'on-demand' : on.tunnel.dpd.mode.value;
  const target: DpdTarget = { mode, delaySeconds: on.tunnel.dpd.delaySeconds?.value ?? 30 };
  if (neverInitiates(on) && !neverInitiates(off)) target.action = 'restart';
  return target;
}

function show(mode: DpdMode, delay?: number, retries?: number): string {
  if (mode === 'off') return 'DPD off';
  return `DPD ${mode}${delay !== undefined ? `, every ${delay} s` : ''}${retries !== undefined ? `, ${retries} retries` : ''}`;
}

export const rule: PairRule = {
  id: 'dpd-mismatch',
  title: 'Dead peer detection and recovery differ, or leave the tunnel down after a restart',
  severity: 'info',
  scope: 'pair',
  symptoms: [S.BAD_SPI, 'After the far end reboots, traffic blackholes until the SA expires'],
  explain:
    "Dead peer detection (RFC 3706 for IKEv1, liveness checks in IKEv2) is each end's own business: an end answers the other's DPD requests whatever its own setting, and timers need not match, so a difference in timers is info. What matters is whether the tunnel comes back after one end restarts (and loses its SAs without telling the other): the restarted end brings it back if it initiates; otherwise the surviving end must notice (DPD) and initiate again — at once (strongSwan dpd_action restart) or with the next packet (trap/hold). Reported as a warning, with the scenario spelled out: both ends only respond (passive, responder-only, dynamic, start_action none) — the tunnel is up only when someone initiates it by hand and stays down after a peer restart; and the only end that initiates clears its SAs on a dead peer (strongSwan's dpd_action default clear) — it stays down after the other end restarts. Under IKEv1 DPD on one side only is a warning too when the end without it can initiate: IKEv1 has no liveness check of its own, so that end keeps sending into a dead SA until its lifetime ends (stale SPI, STATUS_IPSEC_BAD_SPI on Windows) instead of setting up new SAs (a responder-only end without DPD is info: it would only wait for its peer anyway). Under IKEv2 an end without DPD still notices at its next rekey, so that difference is info. A very aggressive timer can tear tunnels down on a lossy link. The fix for the end without DPD turns it on as a whole — the other end's mode and interval, never the interval alone (most products keep DPD off until it is enabled: FortiOS set dpd, pfSense's maximum failures, ipsec.conf dpdaction) — and, when the other end never initiates, restart on a dead peer, so the end that gets DPD does not become an only initiator that clears. The recovery warnings have fixes too: restart on a dead peer at the only initiator; for two responders, a way to start the tunnel at each end that can (on traffic where the product has it). What each vendor does on a dead peer is read from its configuration (strongSwan dpd_action/dpdaction and start_action, pfSense/OPNsense close and DPD actions, FortiGate auto-negotiate and dial-up, RouterOS policies and passive, Cisco crypto maps, answer-only and tunnel interfaces, Junos establish-tunnels, PAN-OS tunnel monitor and passive mode, AWS DPDTimeoutAction and StartupAction); Windows, Azure and GCP give none, and an end whose action is not known is not judged on it.",
  check(pair) {
    const recovery = recoveryFinding(pair);
    if (recovery) return [recovery];
    const da = pair.a.tunnel.dpd;
    const db = pair.b.tunnel.dpd;
    const sameMode = da.mode.value === db.mode.value;
    const sameDelay = da.delaySeconds?.value === db.delaySeconds?.value || da.mode.value === 'off';
    if (sameMode && sameDelay) return [];
    const oneSided = (da.mode.value === 'off') !== (db.mode.value === 'off');
    // IKEv1 has no liveness in the protocol: an end without DPD never learns that its peer is gone
    // — which matters when that end could bring the tunnel back by initiating: a responder-only end
    // that noticed would only clear and wait for its peer, which is what it does anyway
    const blind = da.mode.value === 'off' ? pair.a : pair.b;
    const v1OneSided = oneSided && pairVersion(pair.a.tunnel, pair.b.tunnel) === 1 && !neverInitiates(blind);
    const severity: Severity = v1OneSided ? 'warning' : 'info';
    const a = side(pair.a, da.mode, show(da.mode.value, da.delaySeconds?.value, da.retries?.value));
    const b = side(pair.b, db.mode, show(db.mode.value, db.delaySeconds?.value, db.retries?.value));
    if (!sameMode && (da.mode.value === 'off' || db.mode.value === 'off')) {
      withChanges(a, b, 'dpd', da.mode.value === 'off' ? turnOn(pair.a, pair.b) : undefined, db.mode.value === 'off' ? turnOn(pair.b, pair.a) : undefined);
    }
    const offEnd = da.mode.value === 'off' ? pair.a : db.mode.value === 'off' ? pair.b : undefined;
    return [
      {
        rule: 'dpd-mismatch',
        severity,
        setting: 'dpd',
        message: `DPD differs: ${a.display} vs ${b.display}`,
        effect: v1OneSided
          ? `IKEv1 has no liveness check of its own (RFC 3706 DPD is an extension): ${offEnd!.tunnel.name} has DPD off, so when its peer restarts it keeps sending into the dead SA until that SA's lifetime ends (up to ${offEnd!.tunnel.phase2[0]?.lifetimeSeconds.value ?? '?'} s) unless the peer sets up new SAs first. Turn DPD on at ${offEnd!.tunnel.name} where it has it.`
          : offEnd
            ? `No effect on negotiation. ${offEnd.tunnel.name} will not notice when its peer dies and keeps sending into a dead SA until the lifetime ends.`
            : 'No effect on negotiation: each end probes at its own pace.',
        a,
        b,
      },
    ];
  },
};
