/**
 * The README of an adapter lists every default its code assumes (issue 11: "a default in code that
 * the README does not list is a gap"). For the adapters whose defaults are a table in code, each
 * entry must appear on a row of the README's tables with its value.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_DEFAULTS, PEER_DEFAULTS, POLICY_DEFAULTS, PROPOSAL_DEFAULTS, profileDefaults } from '../../adapters/routeros/defaults.js';
import { DEFAULTS as SWAN } from '../../adapters/strongswan/common.js';
import { CHARON_KEEP_ALIVE } from '../../adapters/pfsense/legacy-ipsec.js';
import {
  IPSEC_CONF_IKELIFETIME,
  IPSEC_CONF_KEYLIFE,
  STRONGSWAN_CHILD_LIFE,
  STRONGSWAN_CHILD_REKEY,
  STRONGSWAN_IKE_REKEY,
} from '../../adapters/pfsense/timers.js';
import { ROOT } from '../helpers.js';

/** The table rows of a README (lines starting with `|`). */
function rows(adapter: string): string[] {
  return readFileSync(join(ROOT, 'adapters', adapter, 'README.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|'));
}

/** Entries no row names together with their value. */
function unlisted(adapter: string, entries: [string, string][]): string[] {
  const table = rows(adapter);
  return entries.filter(([k, v]) => !table.some((r) => r.includes(k) && r.includes(v))).map(([k, v]) => `${k}=${v}`);
}

describe('adapter READMEs list every default their code assumes', () => {
  it('routeros: every property of every default set (v6 and v7 profiles, proposal, peer, identity, policy), with its value', () => {
    const sets = [profileDefaults('v6'), profileDefaults('v7'), PROPOSAL_DEFAULTS, PEER_DEFAULTS, IDENTITY_DEFAULTS, POLICY_DEFAULTS];
    const entries = sets.flatMap((s) => Object.entries(s));
    expect(entries.length).to.be.greaterThan(40);
    expect(unlisted('routeros', entries)).to.deep.equal([]);
  });

  it('strongswan: every DEFAULTS constant, in the units the README writes', () => {
    const entries: [string, string][] = [
      ['IKE `rekey_time`', `${SWAN.ikeRekey / 3600}h`],
      ['child `rekey_time`', `${SWAN.childRekey / 3600}h`],
      ['`ikelifetime`', `${SWAN.ikelifetime / 3600}h`],
      ['`lifetime`/`keylife`', `${SWAN.lifetime / 3600}h`],
      ['`margintime`', `${SWAN.margintime / 60}m`],
      ['`dpddelay`', `${SWAN.dpddelay}s`],
      ['NAT keepalive', `${SWAN.keepAlive}s`],
    ];
    expect(unlisted('strongswan', entries)).to.deep.equal([]);
  });

  it('pfsense: the strongSwan defaults an empty element falls back to, per generator', () => {
    const entries: [string, string][] = [
      ['phase 1 `<lifetime>`', `rekey ${STRONGSWAN_IKE_REKEY}`],
      ['phase 1 `<lifetime>`', `3h (${IPSEC_CONF_IKELIFETIME})`],
      ['phase 2 `<lifetime>`', `rekey ${STRONGSWAN_CHILD_REKEY / 3600}h`],
      ['phase 2 `<lifetime>`', `\`lifetime\` ${IPSEC_CONF_KEYLIFE / 3600}h`],
      ['NAT-T keepalive', `${CHARON_KEEP_ALIVE} s`],
    ];
    expect(unlisted('pfsense', entries)).to.deep.equal([]);
    expect(unlisted('opnsense', [['phase 2 `<lifetime>`', `${STRONGSWAN_CHILD_LIFE}`]])).to.deep.equal([]);
  });

  it('the check itself: a default missing from the README is reported', () => {
    expect(unlisted('routeros', [['dpd-interval', '17s']])).to.deep.equal(['dpd-interval=17s']);
  });
});
