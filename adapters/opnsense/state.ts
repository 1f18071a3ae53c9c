/**
 * OPNsense runs strongSwan's charon (swanctl since pfSense 2.5 / OPNsense 21.x): its SA listing is
 * strongSwan's, read by adapters/strongswan/state.ts with this adapter's id on the result.
 */
import { charonStateReader } from '../strongswan/state.js';

export const opnsenseState = charonStateReader('opnsense');
