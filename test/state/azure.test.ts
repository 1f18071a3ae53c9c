/** Azure IKE SA listing (Get-AzVirtualNetworkGatewayConnectionIkeSa): the real msdocs example, the JSON form, bad input. */
import { expect } from 'chai';
import { join, relative } from 'node:path';
import { adapter } from '../../adapters/azure-vpngw/index.js';
import { pickStateReader } from '../../src/cli/commands/state.js';
import { validateSaState } from '../../src/model/state-schema.js';
import { parseErrorOf, REAL_CONFIGS, ROOT, readText } from '../helpers.js';

describe('azure-vpngw state: Get-AzVirtualNetworkGatewayConnectionIkeSa', () => {
  it('the real msdocs example: one IKE SA, decimal cookies as SPIs, the negotiated algorithms, age and lifetime', function () {
    if (!REAL_CONFIGS) this.skip();
    const p = join(REAL_CONFIGS!, 'state', 'azure', 'msdocs-Get-AzVirtualNetworkGatewayConnectionIkeSa.txt');
    const file = relative(ROOT, p);
    const text = readText(p);
    expect(pickStateReader(text, file).id).to.equal('azure-vpngw');
    const s = adapter.state!.read(text, file);
    expect(validateSaState(s)).to.deep.equal([]);
    expect(s.ikeSas.length).to.equal(1);
    const sa = s.ikeSas[0];
    expect([sa.localAddress, sa.remoteAddress, sa.initiator, sa.established]).to.deep.equal(['52.180.160.154', '104.208.54.1', true, true]);
    expect(sa.spis).to.deep.equal({ initiator: '4c33013656259962', responder: 'd68d00443fb4f437' });
    expect(sa.proposal).to.deep.equal({ encryption: 'aes256', integrity: 'sha1', dhGroup: 2, raw: 'AES256/SHA1/DHGroup2' });
    expect(sa.timers.lifetimeSeconds).to.deep.include({ value: 28800, at: { file, line: 10 } });
    expect(sa.timers.ageSeconds?.value).to.equal(23092);
    expect(sa.natt?.value).to.equal(false);
    expect(s.childSas).to.deep.equal([]);
    expect(s.shows).to.deep.equal({ spis: false, selectors: false, ikeSas: true, childSas: false });
    expect(s.missing.map((m) => m.consequence)).to.deep.equal(['Azure lists no SPIs: stale-sa, orphan-sa and duplicate-sa cannot be checked on this end']);
  });
  it('the same object through ConvertTo-Json (assumed: the printed names)', () => {
    const json = JSON.stringify(
      [
        {
          localEndpoint: '203.0.113.40',
          remoteEndpoint: '198.51.100.54',
          initiatorCookie: 5490733703579933026n.toString(),
          responderCookie: '15460013388959380535',
          localUdpEncapsulationPort: 4500,
          remoteUdpEncapsulationPort: 4500,
          encryption: 'GCMAES256',
          integrity: 'SHA384',
          dhGroup: 'ECP384',
          lifeTimeSeconds: 28800,
          isSaInitiator: false,
          elapsedTimeInseconds: 60,
          quickModeSa: {},
        },
      ],
      null,
      2,
    );
    const s = adapter.state!.read(json, 'sas.json');
    expect(s.ikeSas[0]).to.deep.include({ localPort: 4500, remotePort: 4500, initiator: false });
    expect(s.ikeSas[0].proposal).to.deep.include({ encryption: 'aes256gcm16', dhGroup: 20 });
    expect(s.ikeSas[0].natt?.value).to.equal(true);
  });
  it('a text without an IKE SA: file:line and what was expected', () => {
    expect(parseErrorOf(() => adapter.state!.read('Name : x\n', 'x.txt')).located).to.equal(
      'x.txt:1: expected the output of `Get-AzVirtualNetworkGatewayConnectionIkeSa` (remoteEndpoint, initiatorCookie, … lines), found none',
    );
  });
});
