import type { ChildSa, SaTimers } from '../../model/state.js';
import type { Phase2, TunnelEnd } from '../../model/types.js';
import { describeSeconds } from '../../model/units.js';
import { dhGroupName } from '../../model/vocab.js';
import { childRef, endLabel, flowText, ikeRef, other, sideOf } from '../display.js';
import { configuredFor } from '../match.js';
import type { StateEnd, StateHit, StatePair, StateRule } from '../types.js';
import { T } from './symptoms.js';

/** Platforms whose first CHILD_SA of an IKEv2 SA shows no DH group even with PFS configured (it is keyed from the IKE SA). */
const PFS_ONLY_AT_REKEY = new Set(['strongswan', 'pfsense', 'opnsense']);

/** The whole lifetime the SA runs with, from what the listing prints: its lifetime, else age + time to expiry. */
function runningLifetime(t: SaTimers): { seconds: number; how: string } | undefined {
  if (t.lifetimeSeconds) return { seconds: t.lifetimeSeconds.value, how: t.lifetimeSeconds.raw };
  if (t.ageSeconds && t.expireSeconds) return { seconds: t.ageSeconds.value + t.expireSeconds.value, how: `${t.ageSeconds.raw}, ${t.expireSeconds.raw}` };
  return undefined;
}

function timers(c: ChildSa): SaTimers {
  return Object.keys(c.timers).length ? c.timers : (c.inbound[0]?.timers ?? c.outbound[0]?.timers ?? {});
}

/** strongSwan's life_time is 110 % of rekey_time by default, other platforms print the lifetime itself: 15 % either way is the same lifetime. */
const TOLERANCE = 0.15;

function lifetimeHit(pair: StatePair, end: StateEnd, c: ChildSa, p2: Phase2): StateHit | undefined {
  const configured = p2.lifetimeSeconds.value;
  if (!configured) return undefined;
  const t = timers(c);
  const run = runningLifetime(t);
  const remaining = t.expireSeconds?.value;
  const near = (x: number, y: number) => Math.abs(x - y) <= y * TOLERANCE + pair.skewSeconds;
  let observed: number | undefined = run?.seconds;
  let how = run?.how;
  if (observed === undefined) {
    // only the time left is printed (Cisco): it can never exceed the lifetime the SA was created with
    if (remaining === undefined || remaining <= configured * (1 + TOLERANCE) + pair.skewSeconds) return undefined;
    observed = remaining;
    how = t.expireSeconds!.raw;
  }
  if (near(observed, configured)) return undefined;
  const there = pair[other(end.side)];
  const otherConf = there.device
    ? configuredFor(there, { ...c, remoteAddress: undefined, localSelectors: c.remoteSelectors, remoteSelectors: c.localSelectors })?.phase2?.lifetimeSeconds
        .value
    : undefined;
  const trap = Math.abs(observed - configured * 60) <= configured * 60 * TOLERANCE || Math.abs(observed * 60 - configured) <= configured * TOLERANCE;
  const otherWon = otherConf !== undefined && near(observed, otherConf);
  const message = `${endLabel(end)} ${c.id} [${flowText(c)}] runs with a lifetime of ${describeSeconds(observed)} (${how}), configured ${describeSeconds(configured)} (${p2.lifetimeSeconds.raw})`;
  return {
    finding: {
      severity: otherWon ? 'info' : 'warning',
      message: otherWon ? `${message}: the other end's ${describeSeconds(otherConf!)} won the negotiation` : message,
      effect: otherWon
        ? "IKEv1 negotiates the phase 2 lifetime (the responder takes the shorter or the proposed one): this end runs with the other end's value, so its own configuration is not what it does."
        : trap
          ? 'A factor of 60 between the running and the configured lifetime: seconds typed as minutes (or the reverse) somewhere on the path — the running state shows which value is really in force.'
          : 'The SA does not run with the configured lifetime: the configuration changed after the SA was installed, or a value on the path (the peer, a default) overrides it.',
      on: sideOf(end, childRef(c), `${describeSeconds(observed)} running vs ${describeSeconds(configured)} configured`),
      setting: 'lifetime',
    },
  };
}

function compare(pair: StatePair, end: StateEnd, c: ChildSa, tunnel: TunnelEnd, p2?: Phase2): StateHit[] {
  const hits: StateHit[] = [];
  const hit = (setting: string, message: string, effect: string, display: string) =>
    hits.push({
      finding: {
        severity: 'warning',
        message: `${endLabel(end)} ${c.id} [${flowText(c)}]: ${message}`,
        effect,
        on: sideOf(end, childRef(c), display),
        setting,
      },
    });
  const udp = c.udpEncapsulation;
  if (udp?.value && tunnel.natt.mode.value === 'disabled')
    hit(
      'udp-encapsulation',
      `ESP runs in UDP (${udp.raw}) although NAT-T is off in the configuration (${tunnel.natt.mode.raw})`,
      'The running SA does not match the configuration: the configuration changed since, or the listing belongs to another tunnel.',
      udp.raw,
    );
  if (udp && !udp.value && tunnel.natt.mode.value === 'forced')
    hit(
      'udp-encapsulation',
      `ESP is not encapsulated (${udp.raw}) although NAT-T is forced in the configuration (${tunnel.natt.mode.raw})`,
      'The peer did not agree to UDP encapsulation, or the configuration changed since the SA was installed.',
      udp.raw,
    );
  if (!p2) return hits;
  const l = lifetimeHit(pair, end, c, p2);
  if (l) hits.push(l);
  const enc = c.proposal?.encryption;
  if (enc && !p2.proposals.value.some((p) => p.encryption.includes(enc)))
    hit(
      'encryption',
      `negotiated ${enc} (${c.proposal!.raw}), which none of the configured proposals offers (${p2.proposals.raw})`,
      'The SA was negotiated with an algorithm this end no longer proposes: the next rekey will choose differently, or fail.',
      enc,
    );
  const integ = c.proposal?.integrity;
  if (integ && integ !== 'none' && !p2.proposals.value.some((p) => p.integrity.includes(integ)))
    hit(
      'integrity',
      `negotiated ${integ} (${c.proposal!.raw}), which none of the configured proposals offers (${p2.proposals.raw})`,
      'The next rekey will choose differently, or fail.',
      integ,
    );
  const pfs = c.pfsGroup;
  const groups = p2.pfsGroups.value;
  if (pfs && !(pfs.value === 0 && PFS_ONLY_AT_REKEY.has(end.state.vendor)) && !groups.includes(pfs.value) && !(pfs.value === 0 && groups.length === 0))
    hit(
      'pfs',
      `running with PFS ${pfs.value === 0 ? 'none' : dhGroupName(pfs.value)} (${pfs.raw}), configured ${groups.map((g) => (g === 0 ? 'none' : dhGroupName(g))).join(' or ')} (${p2.pfsGroups.raw})`,
      'The running SA was keyed with another PFS group than configured: the next rekey negotiates the configured one, and fails if the peer does not offer it.',
      `${pfs.value}`,
    );
  return hits;
}

export const rule: StateRule = {
  id: 'negotiated-vs-configured',
  title: 'What an SA runs with differs from what its end is configured for',
  severity: 'warning',
  scope: 'state',
  symptoms: [T.QM_EXPIRED, T.INVALID_GROUP, T.ATTRIB_FAIL, 'A tunnel that works until the first rekey after a change'],
  explain:
    "The listing shows what was really negotiated: the lifetime each SA runs with (its age plus the time to expiry, or the lifetime the platform prints), its PFS group, its algorithms, and whether ESP is wrapped in UDP. Compared with the same end's configuration, this proves which end's lifetime won an IKEv1 negotiation, catches the seconds/minutes trap in the running state (a factor of 60), and shows SAs left from a configuration that has since changed — they work until the next rekey, which then negotiates something else or fails. Checked when the configuration is given (compare --state, state --config). strongSwan shows no DH group for the first CHILD_SA of an IKEv2 SA (it is keyed from the IKE SA), so a missing group there is not a PFS difference.",
  check(pair, ctx) {
    const hits: StateHit[] = [];
    for (const end of [pair.a, pair.b]) {
      if (!end.device) {
        if (end.children.length)
          ctx.note(`${endLabel(end)}: no configuration given: negotiated-vs-configured is not checked (use compare --state, or state --config)`, end.side);
        continue;
      }
      for (const ike of end.ikeSas.filter((i) => i.established && i.proposal?.encryption)) {
        const tunnel =
          end.device.tunnels.find((t) => t.enabled && ike.remoteAddress !== undefined && t.remoteGateway.value === ike.remoteAddress) ??
          (end.device.tunnels.length === 1 ? end.device.tunnels[0] : undefined);
        const enc = ike.proposal!.encryption!;
        if (!tunnel || tunnel.phase1.proposals.value.some((p) => p.encryption.includes(enc))) continue;
        hits.push({
          finding: {
            severity: 'warning',
            message: `${endLabel(end)} IKE SA ${ike.id} with ${ike.remoteAddress ?? 'its peer'} negotiated ${enc} (${ike.proposal!.raw}), which none of its configured IKE proposals offers (${tunnel.phase1.proposals.raw})`,
            effect:
              'The IKE SA in use was not negotiated from this configuration: it was changed since, or the configuration read is not the one the device runs. The next IKE rekey or reconnection negotiates something else, or fails.',
            on: sideOf(end, ikeRef(ike), enc),
            setting: 'ike-encryption',
          },
        });
      }
      for (const c of end.children) {
        const conf = ctx.configured(end, c);
        if (!conf) {
          ctx.note(`${endLabel(end)} ${c.id}: no configured tunnel for ${c.remoteAddress ?? 'its peer'} in ${end.device.origin}`, end.side);
          continue;
        }
        hits.push(...compare(pair, end, c, conf.tunnel, conf.phase2));
      }
    }
    return hits;
  },
};
