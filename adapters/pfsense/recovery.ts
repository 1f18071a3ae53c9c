/**
 * What a pfSense/OPNsense legacy tunnel does when DPD declares the peer dead, and how it renews its
 * IKE SA (issue 16): both are decided by the code that writes strongSwan's configuration, not by one
 * element, so this ports that code. Sources (README "Dead-peer action and IKE renewal"):
 * - pfSense ≥ 2.5: src/etc/inc/ipsec.inc `ipsec_setup_tunnels` (pfsense/pfsense @ 9363ac5b, same
 *   logic at RELENG_2_5_0): dpd_action = trap unless the tunnel is mobile (clear); an explicit
 *   `<closeaction>` trap|start|none → trap|restart|clear; a VTI child turns trap into restart.
 * - pfSense ≤ 2.4: src/etc/inc/vpn.inc @ RELENG_2_4_5: `dpdaction = restart` with auto=route (the
 *   default), `clear` with auto=add (mobile, `<responderonly/>`).
 * - OPNsense ≤ 22.7: plugins.inc.d/ipsec.inc @ 22.7: `<dpd_action>` as written, else restart when
 *   auto is route/start (the default), clear for add.
 * - OPNsense ≥ 23.1: plugins.inc.d/ipsec.inc @ 23.1 … HEAD f95e8151: dpd_action = start (restart)
 *   when `<dpd_action>` is empty and start_action is trap/start, or `<dpd_action>restart`; otherwise
 *   strongSwan's default clear.
 * strongSwan: a child whose start_action is trap keeps its trap policy, so `clear` there is hold
 * (swanctl.opt; the strongSwan adapter reads it the same way).
 */
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { DeadPeerAction, IkeRenewal, Setting } from '../../src/model/types.js';
import { flag, ref, type ReadContext } from './context.js';
import { pfsensePhase1Timers } from './timers.js';
import { child, childText, rawElement, type XNode } from './xml-tree.js';

const text = (p1: XNode, name: string): string => childText(p1, name) ?? '';

/** The element that decided, or a description of the generator's default. */
function decided(ctx: ReadContext, value: DeadPeerAction, node: XNode | undefined, why: string): Setting<DeadPeerAction> {
  return node ? inferred(value, `${rawElement(node)} (${why})`, ref(ctx, node)) : byDefault(value, why);
}

/** Set only when DPD is on (the caller checks). `p2s`: the phase 2 entries of this phase 1. */
export function deadPeerAction(ctx: ReadContext, p1: XNode, p2s: XNode[]): Setting<DeadPeerAction> {
  const mobile = flag(p1, 'mobile');
  if (ctx.timers === 'swanctl') return pfsenseSwanctlAction(ctx, p1, p2s, mobile);
  if (ctx.vendor === 'pfsense') {
    const responder = mobile ?? flag(p1, 'responderonly');
    return responder
      ? decided(ctx, 'clear', responder, 'vpn.inc 2.4: auto = add → dpdaction = clear')
      : byDefault('restart', 'vpn.inc 2.4: auto = route → dpdaction = restart');
  }
  // OPNsense: the start action both generators derive from <auto>
  const autoNode = child(p1, 'auto');
  const auto = text(p1, 'auto');
  const start = auto !== '' && auto !== 'add' ? auto : mobile || auto === 'add' ? 'none' : 'trap';
  const traps = start === 'trap' || start === 'route';
  const startNode = auto !== '' ? autoNode : mobile;
  const actionNode = child(p1, 'dpd_action');
  const written = text(p1, 'dpd_action');
  if (ctx.timers === 'ipsec.conf') {
    if (written === '')
      return start === 'none'
        ? decided(ctx, 'clear', startNode, 'auto = add → dpdaction = clear')
        : decided(ctx, 'restart', startNode, `auto = ${start === 'trap' ? 'route' : start} → dpdaction = restart`);
    const v: DeadPeerAction = written === 'restart' ? 'restart' : written === 'hold' ? 'hold' : 'clear';
    if (v === 'clear' && traps) return decided(ctx, 'hold', actionNode, 'auto = route keeps the trap policy');
    return explicit(v, rawElement(actionNode!), ref(ctx, actionNode!));
  }
  // opnsense-swanctl (≥ 23.1)
  if ((written === '' && (traps || start === 'start')) || written === 'restart')
    return decided(ctx, 'restart', actionNode ?? startNode, `dpd_action = start (start_action = ${start})`);
  if (traps) return decided(ctx, 'hold', actionNode ?? startNode, `dpd_action = clear, start_action = ${start} keeps the trap policy`);
  return decided(ctx, 'clear', actionNode ?? startNode, 'dpd_action = clear (strongSwan default)');
}

function pfsenseSwanctlAction(ctx: ReadContext, p1: XNode, p2s: XNode[], mobile: XNode | undefined): Setting<DeadPeerAction> {
  const vti = p2s.find((p2) => childText(p2, 'mode') === 'vti');
  const closeNode = child(p1, 'closeaction');
  const close = text(p1, 'closeaction');
  let action: 'trap' | 'restart' | 'clear' = mobile ? 'clear' : 'trap';
  if (close !== '') action = close === 'trap' ? 'trap' : close === 'start' ? 'restart' : 'clear';
  if (vti && action === 'trap') action = 'restart';
  // the children's start_action: <startaction> overrides the default, except trap on a VTI child
  const start = text(p1, 'startaction');
  const childStart = start !== '' && !(vti && start === 'trap') ? start : mobile ? 'none' : vti ? 'start' : 'trap';
  const node = close !== '' ? closeNode : vti ? child(vti, 'mode') : mobile;
  const why =
    close !== '' ? `dpd_action from <closeaction>` : vti ? 'a VTI child: dpd_action = restart' : mobile ? 'mobile: dpd_action = clear' : 'dpd_action = trap';
  if (action === 'trap') return decided(ctx, 'hold', node, why);
  if (action === 'restart') return decided(ctx, 'restart', node, why);
  if (childStart === 'trap') return decided(ctx, 'hold', node, `${why}, start_action = trap keeps the trap policy`);
  return decided(ctx, 'clear', node, why);
}

/**
 * How the IKE SA is renewed. ipsec.conf generators: `<rekey_enable/>` ("Disable Rekey") writes
 * rekey = no → none; `<reauth_enable/>` ("Disable Reauth") reauth = no; else reauth = yes, which with
 * IKEv2 is break-before-make under stroke (strongSwan README). swanctl generators: IKEv2 reauthenticates
 * when a reauth_time is written that comes before the rekey_time; make-before-break only when the
 * GUI's global option is on (`makeBeforeBreak`: pfSense `<ipsec><makebeforebreak/>`, OPNsense ≥ 25.1
 * `<OPNsense><IPsec><charon><make_before_break>1`), strongSwan 5.9's default being no.
 * IKEv1 always reauthenticates with a new Main Mode beside the old one: read as rekey (no outage).
 */
export function ikeRenewal(ctx: ReadContext, p1: XNode, ikev1: boolean, makeBeforeBreak: XNode | undefined): Setting<IkeRenewal> | undefined {
  const rekeyOff = flag(p1, 'rekey_enable');
  const reauthOff = flag(p1, 'reauth_enable');
  if (ctx.timers === 'ipsec.conf') {
    if (rekeyOff) return explicit<IkeRenewal>('none', rawElement(rekeyOff), ref(ctx, rekeyOff));
    if (ikev1) return byDefault<IkeRenewal>('rekey', 'IKEv1: a new Main Mode before the old ISAKMP SA expires');
    if (reauthOff) return explicit<IkeRenewal>('rekey', `${rawElement(reauthOff)} (reauth = no)`, ref(ctx, reauthOff));
    return byDefault<IkeRenewal>('reauth', 'reauth = yes (ipsec.conf, break-before-make)');
  }
  if (ikev1) return byDefault<IkeRenewal>('rekey', 'IKEv1: a new Main Mode before the old ISAKMP SA expires');
  const reauth = (at: XNode | undefined, why: string): Setting<IkeRenewal> => {
    const v: IkeRenewal = makeBeforeBreak ? 'reauth-make-before-break' : 'reauth';
    const how = makeBeforeBreak ? `${rawElement(makeBeforeBreak)}: make-before-break` : 'charon.make_before_break not set: break-before-make';
    return at ? inferred(v, `${rawElement(at)} (${why}; ${how})`, ref(ctx, at)) : byDefault(v, `${why}; ${how}`);
  };
  if (ctx.timers === 'opnsense-swanctl') {
    // rekey_time = reauth_time = 0: never renewed and never expires on this end (strongSwan README)
    if (rekeyOff) return undefined;
    const lifetime = Number(text(p1, 'lifetime')) || 0;
    const margin = Number(text(p1, 'margintime')) || 0;
    if (!reauthOff && lifetime > 0 && margin > 0) return reauth(child(p1, 'margintime'), `reauth_time = lifetime − margintime`);
    return reauthOff
      ? explicit<IkeRenewal>('rekey', `${rawElement(reauthOff)} (reauth_time not written)`, ref(ctx, reauthOff))
      : byDefault<IkeRenewal>('rekey', 'rekey_time (no reauth_time written)');
  }
  const num = (name: string): number | undefined => (text(p1, name) === '' ? undefined : Number(text(p1, name)));
  const t = pfsensePhase1Timers({ lifetime: num('lifetime'), rekey: num('rekey_time'), reauth: num('reauth_time') }, false);
  if (t.reauth > 0 && (t.rekey === 0 || t.reauth <= t.rekey)) return reauth(child(p1, 'reauth_time'), `reauth_time = ${t.reauth}`);
  if (t.rekey === 0) return undefined;
  const rekeyNode = child(p1, 'rekey_time');
  return rekeyNode && text(p1, 'rekey_time') !== ''
    ? explicit<IkeRenewal>('rekey', rawElement(rekeyNode), ref(ctx, rekeyNode))
    : byDefault<IkeRenewal>('rekey', `rekey_time = ${t.rekey}`);
}
