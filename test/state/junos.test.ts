/** Junos SRX SA listings: the real IBM vSRX capture and fixtures in the printed detail and brief forms, exact values. */
import { expect } from 'chai';
import { join, relative } from 'node:path';
import { adapter } from '../../adapters/junos/index.js';
import { junosState } from '../../adapters/junos/state.js';
import type { CaptureTime } from '../../src/model/state.js';
import { checkState } from '../../src/state/check.js';
import { fixturePath, parseFile, ROOT } from '../helpers.js';
import { readState, realState, spiTable } from './helpers.js';

const HQ = fixturePath('state', 'junos', 'srx-hq-22.4-ike-ipsec-sa-detail.txt');
const DC = fixturePath('state', 'junos', 'srx-dc-21.4-ike-ipsec-sa-brief.txt');
const AT: CaptureTime = { iso: '2024-11-18T10:00:00Z', source: 'given' };

describe('Junos state reader', () => {
  it('the real IBM vSRX capture: two IKE listings and two inactive-tunnel listings (the last of each read), the brief IPsec SAs of a cluster', function () {
    const path = realState('state', 'junos', 'ibm-vsrx-show-security-ike-ipsec-sa-and-inactive-tunnels.txt');
    if (!path) this.skip();
    const s = readState(junosState, path!);
    expect(s.listings.map((l) => [l.command, l.at.line])).to.deep.equal([
      ['show security ike security-associations', 24],
      ['show security ipsec security-associations', 7],
      ['show security ipsec inactive-tunnels', 31],
    ]);
    expect(s.ikeSas).to.have.length(1);
    const [ike] = s.ikeSas;
    expect([ike.id, ike.state.value, ike.established, ike.version, ike.remoteAddress, ike.spis, ike.at.line]).to.deep.equal([
      '2859309',
      'DOWN',
      false,
      2,
      '128.168.104.229',
      { initiator: 'e7753a11ff890094', responder: '0000000000000000' },
      28,
    ]);
    expect(spiTable(s)).to.deep.equal([['131073', ['ec78f80e'], ['c674a8ac']]]);
    const [c] = s.childSas;
    expect([c.remoteAddress, c.proposal, c.udpEncapsulation?.value, c.localSelectors, c.ike]).to.deep.equal([
      '128.168.104.229',
      { raw: 'ESP:aes-gcm-128/None', encryption: 'aes128gcm16', integrity: 'none' },
      false,
      [],
      undefined, // its IKE SA is listed DOWN
    ]);
    expect(c.inbound[0].timers).to.deep.equal({
      expireSeconds: { value: 2528, raw: '2528/ unlim', at: { file: relative(ROOT, path!), line: 12 } },
    });
    expect(s.tunnels.map((t) => [t.name, t.remoteAddress, t.at.line])).to.deep.equal([['131073', '128.168.104.229', 37]]);
    expect(s.hostname).to.equal('sifergu0-vsrx-vsrx-vSRX');
    expect(s.diagnostics.map((d) => `${d.level} ${d.at?.line ?? '-'} ${d.message}`)).to.deep.equal([
      'info - `show security ike security-associations` appears 2 times (lines 1, 24): the last one is read',
      'info - `show security ipsec inactive-tunnels` appears 2 times (lines 17, 31): the last one is read',
      'warning 37 inactive tunnel 131073 to 128.168.104.229 (1 pending SA): No response from peer. Negotiation failed (130 times)',
      'info - the prompts name 2 hosts (siferg0-vsrx-vsrx-vSRX, sifergu0-vsrx-vsrx-vSRX): the last is taken',
    ]);
    expect(s.shows).to.deep.equal({ spis: true, selectors: false, ikeSas: true, childSas: true });
    expect(s.missing).to.deep.equal([
      {
        command: 'show security ipsec security-associations detail',
        consequence: 'the brief listing shows no traffic selectors: selectors are not checked on this end',
      },
    ]);
  });

  it('the detail listings (srx-hq): the IKE SA with its role, cookies, algorithms and expiry; the CHILD_SA with selectors, PFS, hard and soft timers', () => {
    const s = readState(junosState, HQ);
    const [ike] = s.ikeSas;
    expect(ike).to.deep.include({
      id: '5518342',
      name: 'GW-DC',
      established: true,
      initiator: true,
      version: 2,
      localAddress: '203.0.113.10',
      localPort: 500,
      remoteAddress: '198.51.100.20',
      remotePort: 500,
      remoteId: '198.51.100.20',
      spis: { initiator: '3f9a1c2e7b6d4508', responder: 'c81e5a0f92d4b731' },
      proposal: { raw: 'aes256-cbc / hmac-sha256-128 / hmac-sha256 / DH-group-14', encryption: 'aes256', integrity: 'sha256', prf: 'prfsha256', dhGroup: 14 },
    });
    expect(ike.timers.expireSeconds?.value).to.equal(21514);
    expect(spiTable(s)).to.deep.equal([['VPN-DC 131073', ['7c2e9d41'], ['0a93f6d2']]]);
    const [c] = s.childSas;
    expect([c.name, c.tunnel, c.localAddress, c.remoteAddress, c.localSelectors, c.remoteSelectors, c.mode, c.pfsGroup?.value, c.ike, c.reqid]).to.deep.equal([
      'VPN-DC',
      'VPN-DC',
      '203.0.113.10',
      '198.51.100.20',
      ['10.10.0.0/16'],
      ['10.20.0.0/16'],
      'tunnel',
      14,
      '5518342',
      '131073',
    ]);
    const d = c.inbound[0];
    expect([d.raw, d.spi, d.state, d.replayWindow, d.timers?.expireSeconds?.value, d.timers?.rekeySeconds?.value, d.at?.line]).to.deep.equal([
      '0x7c2e9d41',
      '7c2e9d41',
      'installed',
      64,
      2843,
      2236,
      49,
    ]);
    expect(c.proposal).to.deep.equal({
      raw: 'Protocol: ESP, Authentication: hmac-sha-256-128, Encryption: aes-cbc (256 bits)',
      encryption: 'aes256',
      integrity: 'sha256',
    });
    expect([s.hostname, s.diagnostics, s.missing]).to.deep.equal(['srx-hq', [], []]);
  });

  it('the peer (srx-dc, brief, abbreviated commands on a cluster) mirrors the SPIs: no state finding between the two ends', () => {
    const hq = readState(junosState, HQ);
    const dc = readState(junosState, DC);
    expect(spiTable(dc)).to.deep.equal([['131073', ['0a93f6d2'], ['7c2e9d41']]]);
    expect(dc.ikeSas.map((i) => [i.id, i.state.value, i.remoteAddress, i.spis?.initiator])).to.deep.equal([
      ['4182113', 'UP', '203.0.113.10', '3f9a1c2e7b6d4508'],
    ]);
    expect(dc.childSas[0].ike).to.equal('4182113');
    const withConfig = (state: typeof hq, file: string) => ({ state, capturedAt: AT, device: parseFile(adapter, join(ROOT, file)) });
    const r = checkState(
      withConfig(hq, 'fixtures/junos/srx-hq-22.4-show-configuration.conf'),
      withConfig(dc, 'fixtures/junos/srx-dc-21.4-cluster-session.txt'),
    );
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).to.deep.equal([]);
  });

  it('detect: the listings, not the configurations; clear names one SA', () => {
    expect(junosState.detect(`x\n  <131073 ESP:aes-gcm-128/None ec78f80e 2528/ unlim - root 500 128.168.104.229\n`, 'x')).to.equal(0.95);
    expect(junosState.detect('Index   State  Initiator cookie  Responder cookie  Mode           Remote Address\n', 'x')).to.equal(0.9);
    expect(junosState.detect('security {\n    ike {\n', 'x')).to.equal(0);
    const s = readState(junosState, HQ);
    expect(junosState.clear({ kind: 'child', sa: s.childSas[0] }, s)).to.equal('clear security ipsec security-associations index 131073');
    expect(junosState.clear({ kind: 'ike', sa: s.ikeSas[0] }, s)).to.equal('clear security ike security-associations 198.51.100.20');
  });

  it('text without any listing is a ParseError at line 1 saying what was expected', () => {
    expect(() => junosState.read('admin@srx> show version\nJunos: 22.4R3\n', 'v.txt')).to.throw(
      'expected the output of `show security ike security-associations`, `show security ipsec security-associations` or `show security ipsec inactive-tunnels` (or `… sa`), found none of them',
    );
  });
});
