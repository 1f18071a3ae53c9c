/** The renderer: TunnelEnd → swanctl.conf that makes charon behave like that end (pure). */
import { expect } from 'chai';
import { end, pairOf, p2, set } from '../builders.js';
import { expandForIkev1, firstHost, labSecrets, LAB_ADDRESSES, renderEnd, renderPair, selectorAddresses } from '../../src/lab/render.js';

const opts = { side: 'a' as const, addresses: LAB_ADDRESSES.a, secret: 'lab-secret' };
const line = (conf: string, key: string) =>
  conf
    .split('\n')
    .filter((l) => l.trim().startsWith(`${key} =`))
    .map((l) => l.trim());

describe('lab renderer', () => {
  it('renders IKEv2 proposals, ESP with the PFS group, selectors, lifetimes and the lab addresses', () => {
    const r = renderEnd(end(), opts);
    expect(line(r.swanctlConf, 'version')).to.deep.equal(['version = 2']);
    expect(line(r.swanctlConf, 'local_addrs')).to.deep.equal(['local_addrs = 198.18.0.1']);
    expect(line(r.swanctlConf, 'remote_addrs')).to.deep.equal(['remote_addrs = 198.18.0.2']);
    expect(line(r.swanctlConf, 'proposals')).to.deep.equal(['proposals = aes256-sha256-modp2048']);
    expect(line(r.swanctlConf, 'esp_proposals')).to.deep.equal(['esp_proposals = aes256-sha256-modp2048']);
    expect(line(r.swanctlConf, 'local_ts')).to.deep.equal(['local_ts = 10.1.0.0/24']);
    expect(line(r.swanctlConf, 'remote_ts')).to.deep.equal(['remote_ts = 10.2.0.0/24']);
    // IKEv2: the phase 1 lifetime is when this end rekeys; the child rekeys a tenth before its hard life
    expect(line(r.swanctlConf, 'rekey_time')).to.deep.equal(['rekey_time = 28800s', 'rekey_time = 3240s']);
    expect(line(r.swanctlConf, 'life_time')).to.deep.equal(['life_time = 3600s']);
    expect(line(r.swanctlConf, 'secret')).to.deep.equal(['secret = lab-secret']);
    expect(r.children).to.deep.equal(['p2-1']);
    expect(r.limitations).to.deep.equal([]);
  });

  it('renders no DH group in the ESP proposal when PFS is off ([0]), and one proposal per group', () => {
    expect(line(renderEnd(end({ phase2: p2({ pfsGroups: set([0]) }) }), opts).swanctlConf, 'esp_proposals')).to.deep.equal(['esp_proposals = aes256-sha256']);
    expect(line(renderEnd(end({ phase2: p2({ pfsGroups: set([14, 19]) }) }), opts).swanctlConf, 'esp_proposals')).to.deep.equal([
      'esp_proposals = aes256-sha256-modp2048,aes256-sha256-ecp256',
    ]);
  });

  it('IKEv1: version = 1, main mode proposes reauth_time + over_time = the device lifetime, quick mode its life_time', () => {
    const conf = renderEnd(end({ ikeVersion: set<1 | 2>(1) }), opts).swanctlConf;
    expect(line(conf, 'version')).to.deep.equal(['version = 1']);
    expect(line(conf, 'reauth_time')).to.deep.equal(['reauth_time = 25920s']);
    expect(line(conf, 'over_time')).to.deep.equal(['over_time = 2880s']);
    expect(line(conf, 'life_time')).to.deep.equal(['life_time = 3600s']);
  });

  it('IKEv1: a proposal with alternatives becomes one proposal per combination (charon sends one transform of each kind)', () => {
    expect(expandForIkev1({ encryption: ['aes256', 'aes128'], integrity: ['sha256'], prf: [], dhGroups: [14, 19] }).length).to.equal(4);
    const t = end({
      ikeVersion: set<1 | 2>(1),
      phase1: { proposals: set([{ encryption: ['aes256', 'aes128'], integrity: ['sha1'], prf: [], dhGroups: [14] }]), lifetimeSeconds: set(28800) },
    });
    expect(line(renderEnd(t, opts).swanctlConf, 'proposals')).to.deep.equal(['proposals = aes256-sha1-modp2048,aes128-sha1-modp2048']);
  });

  it('AEAD IKE proposals without a PRF offer every PRF (the vendor picks one to match)', () => {
    const t = end({ phase1: { proposals: set([{ encryption: ['aes256gcm16'], integrity: [], prf: [], dhGroups: [19] }]), lifetimeSeconds: set(28800) } });
    expect(line(renderEnd(t, opts).swanctlConf, 'proposals')).to.deep.equal(['proposals = aes256gcm16-prfsha256-prfsha384-prfsha512-prfsha1-ecp256']);
  });

  it('lists what charon cannot imitate instead of pretending', () => {
    const t = end({
      ikeVersion: set<1 | 2>(1),
      behaviour: { ikev1Phase1Lifetime: set<'reject-longer'>('reject-longer') },
      phase2: p2({
        proposals: set([
          { protocol: 'esp', encryption: ['aria128'], integrity: ['sha256'] },
          { protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] },
        ]),
      }),
    });
    const r = renderEnd(t, opts);
    expect(r.limitations.map((l) => [l.rule, l.bends])).to.deep.equal([
      ['p1-lifetime-mismatch', 'lenient'],
      ['p2-proposal-mismatch', 'stricter'],
    ]);
    expect(r.limitations[1].what).to.contain('aria128');
    expect(line(r.swanctlConf, 'esp_proposals')).to.deep.equal(['esp_proposals = aes128-sha256-modp2048']);
  });

  it('a passive end that accepts any peer listens on %any; FQDN identities are kept, IP identities follow the lab addresses', () => {
    const t = end({ remoteGateway: set('any'), auth: { method: set('psk'), localId: set('hq.example.net'), remoteId: set('198.51.100.2') } });
    const conf = renderEnd(t, opts).swanctlConf;
    expect(line(conf, 'remote_addrs')).to.deep.equal(['remote_addrs = %any']);
    expect(line(conf, 'id')).to.deep.equal(['id = hq.example.net', 'id = %any']);
  });

  it('PSKs: one lab secret when fingerprints are equal or unknown, different secrets when they differ; the fingerprint never appears', () => {
    const same = labSecrets(end(), end({}, true));
    expect(same.a).to.equal(same.b);
    const unknown = labSecrets(end({ auth: { method: set('psk'), psk: set('unknown') } }), end({}, true));
    expect(unknown.a).to.equal(unknown.b);
    const differ = pairOf({}, { auth: { method: set('psk'), psk: set('hmac:ffffffffffffffff') } });
    const r = renderPair(differ);
    expect(line(r.a.swanctlConf, 'secret')).to.not.deep.equal(line(r.b.swanctlConf, 'secret'));
    expect(r.a.swanctlConf + r.b.swanctlConf).to.not.contain('hmac:');
  });

  it('selector addresses: one host inside each local selector and inside what the peer calls remote', () => {
    expect(firstHost('10.1.0.0/24')).to.equal('10.1.0.1');
    expect(firstHost('10.1.0.5/32')).to.equal('10.1.0.5');
    expect(firstHost('2001:db8::/64')).to.equal('2001:db8::1');
    const a = end({ phase2: p2({ localSelectors: set(['10.1.0.0/24']) }) });
    const b = end({ phase2: p2({ remoteSelectors: set(['10.1.0.128/25']) }, true) }, true);
    expect(selectorAddresses(a, b)).to.deep.equal(['10.1.0.1', '10.1.0.129']);
    expect(selectorAddresses(end({ phase2: p2({ localSelectors: set(['0.0.0.0/0']) }) }), end({}, true))).to.deep.equal(['10.1.0.1']);
  });

  it('pair limitations: IKEv2 narrowing is strongSwan leniency when the vendors are appliances', () => {
    const pair = pairOf({ phase2: p2({ localSelectors: set(['10.1.0.0/25']) }) });
    expect(renderPair(pair).limitations.map((l) => [l.rule, l.bends])).to.deep.equal([['traffic-selector-mismatch', 'lenient']]);
    expect(renderPair(pairOf()).limitations).to.deep.equal([]);
  });
});
