/** Settings: the constructors, and the "assumed" marker on a vendor default no source confirms. */
import { expect } from 'chai';
import { assumedDefault, byDefault, defaultLabel, describeOrigin, explicit } from '../../src/model/setting.js';
import { validateDevice } from '../../src/model/schema.js';
import type { Device } from '../../src/model/types.js';

function deviceWith(keepalive: unknown): Device {
  return {
    vendor: 'asa',
    origin: 'x.txt',
    interfaces: [],
    diagnostics: [],
    tunnels: [
      {
        name: 't',
        enabled: true,
        remoteGateway: explicit('192.0.2.1', 'set peer 192.0.2.1', { file: 'x.txt', line: 1 }),
        ikeVersion: byDefault(1, 'ikev1'),
        auth: { method: byDefault('psk', 'authentication pre-share') },
        phase1: { proposals: byDefault([], 'none'), lifetimeSeconds: byDefault(86400, 'lifetime 86400', 'seconds') },
        natt: { mode: byDefault('auto', 'crypto isakmp nat-traversal'), keepaliveSeconds: keepalive as never },
        dpd: { mode: byDefault('off', 'none') },
        phase2: [],
        initiates: byDefault(true, 'bidirectional'),
      },
    ],
  } as Device;
}

describe('model: settings', () => {
  it('an assumed default is a default with the marker; reports name it "vendor default (assumed)"', () => {
    const s = assumedDefault(20, 'crypto isakmp nat-traversal 20', 'seconds');
    expect(s).to.deep.equal({ value: 20, raw: 'crypto isakmp nat-traversal 20', unit: 'seconds', origin: 'default', assumed: true });
    expect(describeOrigin(s)).to.equal('vendor default (assumed)');
    expect(describeOrigin(byDefault(28800, 'crypto ipsec security-association lifetime seconds 28800'))).to.equal('vendor default');
    expect(defaultLabel(s)).to.equal('vendor default (assumed)');
    expect(describeOrigin(explicit(1, 'x', { file: 'a.cfg', line: 3 }))).to.equal('a.cfg:3');
  });

  it('the Device schema accepts the marker as `true` only', () => {
    expect(validateDevice(deviceWith(assumedDefault(20, 'crypto isakmp nat-traversal 20', 'seconds')))).to.deep.equal([]);
    expect(validateDevice(deviceWith({ value: 20, raw: 'x', origin: 'default', assumed: false }))).to.not.deep.equal([]);
  });
});
