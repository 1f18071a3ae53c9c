/**
 * When each end of a pair renews its IKE SA (issue 16): the seconds after set-up at which an end
 * starts its rekey or reauthentication at the latest, and when an SA this end never renews dies.
 * IKEv2 lifetimes are each end's own (RFC 7296 §2.8): the end that comes due first does the renewal,
 * and the new SA restarts both ends' timers, so the other end's renewal never comes due.
 */
import type { IkeRenewal } from '../model/types.js';
import type { EndRef } from './types.js';

/** seconds after set-up by which this end starts renewing (latest, before any random part) */
export function renewsAt(e: EndRef): number {
  const p1 = e.tunnel.phase1;
  const t = p1.rekey;
  return t && t.lifetimeIs === 'hard' ? Math.max(0, p1.lifetimeSeconds.value - t.marginSeconds) : p1.lifetimeSeconds.value;
}

/** seconds after set-up at which this end deletes an IKE SA nobody renewed */
export function expiresAt(e: EndRef): number {
  const p1 = e.tunnel.phase1;
  const t = p1.rekey;
  return t && t.lifetimeIs === 'rekey' ? p1.lifetimeSeconds.value + t.overSeconds : p1.lifetimeSeconds.value;
}

export function renewalOf(e: EndRef): IkeRenewal {
  return e.tunnel.phase1.renewal?.value ?? 'rekey';
}

/** Does `other` renew the IKE SA before `e` would (so `e`'s own renewal never comes due)? */
export function otherRenewsFirst(e: EndRef, other: EndRef): boolean {
  if (renewalOf(other) === 'none' || other.tunnel.phase1.lifetimeSeconds.value <= 0) return false;
  const mine = renewalOf(e) === 'none' ? expiresAt(e) : renewsAt(e);
  return renewsAt(other) < mine;
}
