/**
 * FortiGate: what an end does when DPD declares the peer dead (issue 16 part 2), read from the phase 2
 * `auto-negotiate` and the phase 1 `type` (adapters/fortigate/recovery.ts cites the Fortinet pages):
 * a fixture, a real config, each firing value beside its quiet near-twin.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter } from '../../adapters/fortigate/index.js';
import { at, fixturePath, parseFile, readText, REAL_CONFIGS, tunnelNamed } from '../helpers.js';

const BRANCH = 'fixtures/fortigate/branch-vdom-backup.conf';

describe('FortiGate dead-peer action (issue 16)', () => {
  const d = parseFile(adapter, fixturePath('fortigate', 'branch-vdom-backup.conf'));

  it('set auto-negotiate enable on the phase 2 → restart, at that line', () => {
    expect(tunnelNamed(d, 'root/to-hq').dpd.action).to.deep.equal({
      value: 'restart',
      raw: 'set auto-negotiate enable',
      origin: 'explicit',
      at: at(BRANCH, 200),
    });
  });
  it('quiet twin: no auto-negotiate line (the default, disable) → hold: negotiated again when traffic arrives', () => {
    expect(tunnelNamed(d, 'root/old-hq').dpd.action).to.deep.equal({
      value: 'hold',
      raw: 'set auto-negotiate disable (the phase 2 is negotiated when traffic arrives)',
      origin: 'default',
    });
  });
  it('a dial-up server (set type dynamic) clears: it cannot initiate', () => {
    expect(tunnelNamed(d, 'root/dialup-tech').dpd.action).to.deep.equal({
      value: 'clear',
      raw: 'set type dynamic (a dial-up server does not initiate)',
      origin: 'inferred',
      at: at(BRANCH, 168),
    });
  });
  it('DPD off (set dpd disable): no action', () => {
    const hq = parseFile(adapter, fixturePath('fortigate', 'hq-show-full-session.txt'));
    expect(tunnelNamed(hq, 'lab-spare').dpd.mode.value).to.equal('off');
    expect(tunnelNamed(hq, 'lab-spare').dpd.action).to.equal(undefined);
  });
  it('real configs: Perimeter81 (auto-negotiate enable) restarts, the Aviatrix template (none) holds', function () {
    if (!REAL_CONFIGS) this.skip();
    const p81 = join(REAL_CONFIGS!, 'fortigate', 'perimeter81-phase1-phase2-interface-ikev2-mode-cfg.conf');
    expect(tunnelNamed(adapter.parse(readText(p81), p81), 'Perimeter81').dpd.action).to.deep.equal({
      value: 'restart',
      raw: 'set auto-negotiate enable',
      origin: 'explicit',
      at: at(p81, 24),
    });
    const avx = join(REAL_CONFIGS!, 'fortigate', 'aviatrix-headend-single-fortios-6.2.3-template.conf');
    expect(tunnelNamed(adapter.parse(readText(avx), avx), 'HEADEND-TG').dpd.action?.value).to.equal('hold');
  });
});
