/**
 * Table-driven rule tests: for each rule, a pair that triggers it (exact rule id and severity)
 * and a near-identical pair that does not.
 */
import { expect } from 'chai';
import { checkPair } from '../../src/compare/compare.js';
import { rules } from '../../src/compare/rules/index.js';
import type { TunnelPair } from '../../src/compare/types.js';
import { pairPhase2 } from '../../src/compare/pair.js';
import { device, end, ESP_AES256, IKE_AES256, p2, pairOf, set } from '../builders.js';

interface Case {
  name: string;
  pair: TunnelPair;
  /** exact [rule, severity] list expected (weak-crypto excluded unless named) */
  expect: Array<[string, string]>;
}

const v1 = { ikeVersion: set<1 | 2>(1, 'ike-version 1', 4) };
const strict = {
  behaviour: {
    ikev1Phase2Lifetime: set<'reject-longer'>('reject-longer', 'proposal-check=strict', 30),
    ikev1Phase1Lifetime: set<'reject-longer'>('reject-longer', 'proposal-check=strict', 30),
  },
};

/** A managed device with two member tunnels, the second with another phase 2 lifetime, paired on the first. */
function redundantPair(): TunnelPair {
  const members = ['vpn-1.tunnel1', 'vpn-1.tunnel2'];
  const group = { id: 'vpn-1', members, source: 'test' };
  const t1 = end({ name: members[0], localGateway: set('203.0.113.1', 'x', 2), redundancy: group });
  const t2 = end({ name: members[1], localGateway: set('203.0.113.2', 'x', 2), redundancy: group, phase2: p2({ lifetimeSeconds: set(1800, 'x', 24) }) });
  const peer = end({ remoteGateway: set('203.0.113.1', 'x', 3) }, true);
  return { a: { device: device([t1, t2]), tunnel: t1 }, b: { device: device([peer], 'test', 'b.conf'), tunnel: peer }, how: 'test', ...pairPhase2(t1, peer) };
}

const cases: Case[] = [
  { name: 'identical ends', pair: pairOf(), expect: [] },
  // ike-version-mismatch
  { name: 'IKEv1 vs IKEv2', pair: pairOf(v1), expect: [['ike-version-mismatch', 'error']] },
  // identity-mismatch (more in test/compare/identity.test.ts)
  {
    name: 'an FQDN identity where the peer expects the address',
    pair: pairOf(
      { auth: { ...end().auth, localIdentity: set({ type: 'fqdn' as const, value: 'a.example.com' }, 'localid a.example.com', 13) } },
      { auth: { ...end().auth, peerIdentity: set([{ type: 'ipv4' as const, value: '198.51.100.1' }], 'rightid=198.51.100.1', 14) } },
    ),
    expect: [['identity-mismatch', 'error']],
  },
  {
    name: 'near-twin: the peer expects that FQDN',
    pair: pairOf(
      { auth: { ...end().auth, localIdentity: set({ type: 'fqdn' as const, value: 'a.example.com' }, 'localid a.example.com', 13) } },
      { auth: { ...end().auth, peerIdentity: set([{ type: 'fqdn' as const, value: 'a.example.com' }], 'rightid=@a.example.com', 14) } },
    ),
    expect: [],
  },
  // p1-proposal-mismatch
  {
    name: 'no common IKE proposal',
    pair: pairOf({
      phase1: { proposals: set([{ ...IKE_AES256, encryption: ['aes128'] }], 'aes128-sha256', 7), lifetimeSeconds: set(28800, 'keylife 28800', 8) },
    }),
    expect: [['p1-proposal-mismatch', 'error']],
  },
  {
    name: 'IKE lists in a different order do not fire',
    pair: pairOf(
      { phase1: { proposals: set([IKE_AES256, { ...IKE_AES256, encryption: ['aes128'] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
      { phase1: { proposals: set([{ ...IKE_AES256, encryption: ['aes128'] }, IKE_AES256], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
    ),
    expect: [],
  },
  {
    name: 'IKE lists that overlap beyond the first entry are info',
    pair: pairOf({ phase1: { proposals: set([{ ...IKE_AES256, encryption: ['aes128'] }, IKE_AES256], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } }),
    expect: [['p1-proposal-mismatch', 'info']],
  },
  {
    name: 'different DH group only',
    pair: pairOf({ phase1: { proposals: set([{ ...IKE_AES256, dhGroups: [19] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } }),
    expect: [['p1-proposal-mismatch', 'error']],
  },
  // p1-lifetime-mismatch
  {
    // RFC 7296 §2.8: not negotiated, the shorter end rekeys — no effect on its own
    name: 'IKEv2 phase 1 lifetime 28800 vs 86400: info',
    pair: pairOf({ phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(86400, 'keylife 86400', 8) } }),
    expect: [['p1-lifetime-mismatch', 'info']],
  },
  {
    // refused only when the longer end initiates; the shorter (strict) end can initiate: depends on who initiates
    name: 'IKEv1 phase 1 lifetime longer than a reject-longer responder that initiates too: warning',
    pair: pairOf({ ...v1, phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(86400, 'keylife 86400', 8) } }, { ...v1, ...strict }),
    expect: [['p1-lifetime-mismatch', 'warning']],
  },
  {
    name: 'IKEv1 phase 1 lifetime longer than a reject-longer responder that never initiates: error',
    pair: pairOf(
      { ...v1, phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(86400, 'keylife 86400', 8) } },
      { ...v1, ...strict, initiates: set(false, 'passive=yes', 31) },
    ),
    expect: [['p1-lifetime-mismatch', 'error']],
  },
  {
    // Cisco IKEv1 phase 1: the responder's own lifetime must be ≤ the proposed one; the shorter end
    // is refused, and it is the end that starts the rekeys
    name: 'IKEv1 phase 1: the shorter end proposes to a reject-shorter responder: error',
    pair: pairOf(
      { ...v1, phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(14400, 'rekey_time = 4h', 8) } },
      { ...v1, behaviour: { ikev1Phase1Lifetime: set<'reject-shorter'>('reject-shorter', 'crypto ikev1 policy 10', 30) } },
    ),
    expect: [['p1-lifetime-mismatch', 'error']],
  },
  {
    // nobody refuses: the SA gets the negotiated value
    name: 'IKEv1 phase 1 lifetime shorter than a reject-longer responder: info',
    pair: pairOf({ ...v1, phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(14400, 'keylife 14400', 8) } }, { ...v1, ...strict }),
    expect: [['p1-lifetime-mismatch', 'info']],
  },
  // p2
  {
    name: 'no common ESP proposal',
    pair: pairOf({ phase2: p2({ proposals: set([{ ...ESP_AES256, integrity: ['sha384'] }], 'aes256-sha384', 22) }) }),
    expect: [['p2-proposal-mismatch', 'error']],
  },
  { name: 'PFS on vs off', pair: pairOf({ phase2: p2({ pfsGroups: set([0], 'pfs disable', 23) }) }), expect: [['pfs-mismatch', 'error']] },
  { name: 'PFS group 14 vs 14-or-none does not fire', pair: pairOf({ phase2: p2({ pfsGroups: set([14, 0], 'x', 23) }) }), expect: [] },
  {
    name: 'IKEv2 phase 2 lifetime 3600 vs 28800: info',
    pair: pairOf({ phase2: p2({ lifetimeSeconds: set(28800, 'keylifeseconds 28800', 24) }) }),
    expect: [['p2-lifetime-mismatch', 'info']],
  },
  {
    name: 'IKEv1 phase 2 lifetime to an exact responder: error',
    pair: pairOf(
      { ...v1, phase2: p2({ lifetimeSeconds: set(1800, 'x', 24) }) },
      { ...v1, behaviour: { ikev1Phase2Lifetime: set<'exact'>('exact', 'proposal-check=exact', 30) } },
    ),
    expect: [['p2-lifetime-mismatch', 'error']],
  },
  {
    name: 'volume lifetimes both set and different',
    pair: pairOf({ phase2: p2({ lifetimeKilobytes: set(4608000, 'x', 25) }) }, { phase2: p2({ lifetimeKilobytes: set(100000, 'x', 25) }, true) }),
    expect: [['p2-lifebytes-mismatch', 'info']],
  },
  { name: 'a large volume limit on one side only is not reported', pair: pairOf({ phase2: p2({ lifetimeKilobytes: set(4608000, 'x', 25) }) }), expect: [] },
  {
    name: 'a small volume limit on one side only (FortiOS keylife-type both, keylifekbs 5120): info',
    pair: pairOf({ phase2: p2({ lifetimeKilobytes: set(5120, 'set keylifekbs 5120', 25) }) }),
    expect: [['p2-lifebytes-mismatch', 'info']],
  },
  // unit trap
  {
    name: '480 s vs 480 min: unit trap, not a plain lifetime mismatch',
    pair: pairOf(
      { phase2: p2({ lifetimeSeconds: set(480, 'SALifeTimeSeconds 480', 24) }) },
      { phase2: p2({ lifetimeSeconds: { value: 28800, raw: '+480min', unit: 'minutes', origin: 'explicit', at: { file: 'b', line: 3 } } }, true) },
    ),
    expect: [['lifetime-unit-trap', 'warning']],
  },
  { name: '3600 vs 7200 is no trap', pair: pairOf({ phase2: p2({ lifetimeSeconds: set(7200, 'x', 24) }) }), expect: [['p2-lifetime-mismatch', 'info']] },
  // NAT-T
  {
    name: 'NAT-T off vs on without NAT: info',
    pair: pairOf({ natt: { mode: set<'disabled'>('disabled', 'nattraversal disable', 9), keepaliveSeconds: set(20, 'x', 10) } }),
    expect: [['natt-mismatch', 'info']],
  },
  {
    name: 'NAT-T off with one end behind NAT: error',
    pair: pairOf({ localGateway: set('10.0.0.1', 'x', 2), natt: { mode: set<'disabled'>('disabled', 'x', 9), keepaliveSeconds: set(20, 'x', 10) } }),
    expect: [['natt-mismatch', 'error']],
  },
  {
    name: 'NAT-T forced vs off: error',
    pair: pairOf(
      { natt: { mode: set<'forced'>('forced', 'x', 9), keepaliveSeconds: set(20, 'x', 10) } },
      { natt: { mode: set<'disabled'>('disabled', 'x', 9), keepaliveSeconds: set(20, 'x', 10) } },
    ),
    expect: [['natt-mismatch', 'error']],
  },
  // keepalive
  {
    name: 'keepalive 10 vs 20 s without NAT: nothing',
    pair: pairOf({ natt: { mode: set<'auto'>('auto', 'x', 9), keepaliveSeconds: set(10, 'keepalive 10', 10) } }),
    expect: [],
  },
  {
    name: 'keepalive 10 vs 20 s through NAT, both short enough: nothing (only the end behind NAT sends them)',
    pair: pairOf({ localGateway: set('10.0.0.1', 'x', 2), natt: { mode: set<'auto'>('auto', 'x', 9), keepaliveSeconds: set(10, 'keepalive 10', 10) } }),
    expect: [],
  },
  {
    name: 'keepalive 10 vs 20 s with NAT-T forced and no NAT located: info',
    pair: pairOf(
      { natt: { mode: set<'forced'>('forced', 'x', 9), keepaliveSeconds: set(10, 'keepalive 10', 10) } },
      { natt: { mode: set<'forced'>('forced', 'x', 9), keepaliveSeconds: set(20, 'x', 10) } },
    ),
    expect: [['natt-keepalive-mismatch', 'info']],
  },
  {
    name: 'no keepalives from the end behind NAT: warning',
    pair: pairOf({ localGateway: set('10.0.0.1', 'x', 2), natt: { mode: set<'auto'>('auto', 'x', 9), keepaliveSeconds: set(0, 'keepalive 0', 10) } }),
    expect: [['natt-keepalive-mismatch', 'warning']],
  },
  {
    // defect 3: the far end's interval unknown must not hide what the NATed end is known to send
    name: 'the end behind NAT sends no keepalives (its default), the far end has no known interval: warning',
    pair: pairOf(
      { localGateway: set('10.0.0.1', 'x', 2), natt: { mode: set<'auto'>('auto', 'x', 9), keepaliveSeconds: set(0, 'nat-t keepalive off (default)') } },
      { natt: { mode: set<'auto'>('auto', 'x', 9) } },
    ),
    expect: [['natt-keepalive-mismatch', 'warning']],
  },
  {
    // periodic DPD leaves through the same UDP 4500 mapping while idle: it holds the mapping open
    name: 'the end behind NAT sends no keepalives but probes with periodic DPD every 10 s: nothing',
    pair: pairOf(
      {
        localGateway: set('10.0.0.1', 'x', 2),
        natt: { mode: set<'auto'>('auto', 'x', 9), keepaliveSeconds: set(0, 'nat-t keepalive off (default)') },
        dpd: { mode: set<'periodic'>('periodic', 'dpd 10 3 periodic', 11), delaySeconds: set(10, 'dpd 10 3 periodic', 11) },
      },
      {
        natt: { mode: set<'auto'>('auto', 'x', 9) },
        dpd: { mode: set<'periodic'>('periodic', 'dpd-interval=10s', 11), delaySeconds: set(10, 'dpd-interval=10s', 11) },
      },
    ),
    expect: [],
  },
  {
    name: 'the same with periodic DPD every 120 s (longer than NAT UDP timeouts): warning',
    pair: pairOf(
      {
        localGateway: set('10.0.0.1', 'x', 2),
        natt: { mode: set<'auto'>('auto', 'x', 9), keepaliveSeconds: set(0, 'nat-t keepalive off (default)') },
        dpd: { mode: set<'periodic'>('periodic', 'dpd 120 3 periodic', 11), delaySeconds: set(120, 'dpd 120 3 periodic', 11) },
      },
      {
        natt: { mode: set<'auto'>('auto', 'x', 9) },
        dpd: { mode: set<'periodic'>('periodic', 'dpd-interval=120s', 11), delaySeconds: set(120, 'dpd-interval=120s', 11) },
      },
    ),
    expect: [['natt-keepalive-mismatch', 'warning']],
  },
  {
    name: 'the end behind NAT sends keepalives every 20 s, the far end unknown: nothing',
    pair: pairOf({ localGateway: set('10.0.0.1', 'x', 2) }, { natt: { mode: set<'auto'>('auto', 'x', 9) } }),
    expect: [],
  },
  {
    name: 'the end behind NAT has no known interval: nothing (unknown is not "none")',
    pair: pairOf({ localGateway: set('10.0.0.1', 'x', 2), natt: { mode: set<'auto'>('auto', 'x', 9) } }),
    expect: [],
  },
  // DPD
  { name: 'DPD off vs on-demand: info', pair: pairOf({ dpd: { mode: set<'off'>('off', 'dpd disable', 11) } }), expect: [['dpd-mismatch', 'info']] },
  // IKE renewal (issue 16)
  {
    name: 'an end that reauthenticates break-before-make, due no later than its peer: warning',
    pair: pairOf({ phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(28800, 'x', 8), renewal: set<'reauth'>('reauth', 'reauth=yes', 9) } }),
    expect: [['ike-reauth-outage', 'warning']],
  },
  {
    name: 'the same when the peer rekeys first (3600 s): nothing',
    pair: pairOf(
      { phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(28800, 'x', 8), renewal: set<'reauth'>('reauth', 'reauth=yes', 9) } },
      { phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(3600, 'x', 8) } },
    ),
    expect: [['p1-lifetime-mismatch', 'info']],
  },
  {
    name: 'an end that never renews, the peer renewing no earlier: warning',
    pair: pairOf({ phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(28800, 'x', 8), renewal: set<'none'>('none', 'rekey=no', 9) } }),
    expect: [['ike-rekey-disabled', 'warning']],
  },
  {
    name: 'the same when the peer rekeys first (3600 s): nothing',
    pair: pairOf(
      { phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(28800, 'x', 8), renewal: set<'none'>('none', 'rekey=no', 9) } },
      { phase1: { proposals: set([IKE_AES256], 'x', 7), lifetimeSeconds: set(3600, 'x', 8) } },
    ),
    expect: [['p1-lifetime-mismatch', 'info']],
  },
  {
    name: 'neither end initiates: warning',
    pair: pairOf({ initiates: set(false, 'passive=yes', 31) }, { initiates: set(false, 'start_action = none', 31) }),
    expect: [['dpd-mismatch', 'warning']],
  },
  // selectors
  {
    name: 'disjoint selectors',
    pair: pairOf({ phase2: p2({ remoteSelectors: set(['10.9.0.0/24'], 'x', 21) }) }),
    expect: [['traffic-selector-mismatch', 'error']],
  },
  {
    name: 'subset selectors',
    pair: pairOf({ phase2: p2({ remoteSelectors: set(['10.2.0.0/16'], 'x', 21) }) }),
    expect: [['traffic-selector-mismatch', 'warning']],
  },
  // peer address
  {
    name: 'peer address points elsewhere',
    pair: pairOf({ remoteGateway: set('203.0.113.9', 'remote-gw 203.0.113.9', 3) }),
    expect: [['peer-address-mismatch', 'error']],
  },
  // PSK / auth
  {
    name: 'PSKs differ',
    pair: pairOf({ auth: { method: set<'psk'>('psk', 'x', 5), psk: set('hmac:ffffffffffffffff', 'x', 6) } }),
    expect: [['psk-mismatch', 'error']],
  },
  {
    name: 'encrypted PSK is not compared',
    pair: pairOf({ auth: { method: set<'psk'>('psk', 'x', 5), psk: set('unknown', 'psksecret ENC <redacted>', 6) } }),
    expect: [],
  },
  {
    name: 'PSK vs certificate',
    pair: pairOf({ auth: { method: set<'certificate'>('certificate', 'authmethod signature', 5) } }),
    expect: [['auth-method-mismatch', 'error']],
  },
  // weak crypto
  {
    name: '3DES/SHA1/group 2 offered on both ends: info per end',
    pair: pairOf(
      { phase1: { proposals: set([{ encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
      { phase1: { proposals: set([{ encryption: ['3des'], integrity: ['sha1'], prf: [], dhGroups: [2] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
    ),
    expect: [
      ['weak-crypto', 'info'],
      ['weak-crypto', 'info'],
    ],
  },
  {
    name: 'DES offered: warning',
    pair: pairOf({ phase2: p2({ proposals: set([{ protocol: 'esp', encryption: ['des', 'aes256'], integrity: ['sha256'] }], 'x', 22) }) }),
    expect: [
      ['p2-proposal-mismatch', 'info'],
      ['weak-crypto', 'warning'],
    ],
  },
  // lifetime-out-of-range, unsupported-proposal, redundant-tunnels-differ: limits as data on the end
  {
    name: 'a managed end allowing 900–3600 s against a peer at 28800 s',
    pair: pairOf(
      { allowed: { source: 'test', phase2LifetimeSeconds: { min: 900, max: 3600 } } },
      { phase2: p2({ lifetimeSeconds: set(28800, 'x', 24) }, true) },
    ),
    expect: [
      // IKEv2: the difference alone is info (RFC 7296 §2.8); the managed end's limit is the warning
      ['p2-lifetime-mismatch', 'info'],
      ['lifetime-out-of-range', 'warning'],
    ],
  },
  {
    name: 'a managed end without ECP-521 against a peer offering only group 21',
    pair: pairOf(
      { allowed: { source: 'test', phase1: { encryption: ['aes256'], integrity: ['sha256'], dhGroups: [14, 19] } } },
      { phase1: { proposals: set([{ ...IKE_AES256, dhGroups: [21] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
    ),
    expect: [
      ['p1-proposal-mismatch', 'error'],
      ['unsupported-proposal', 'error'],
    ],
  },
  { name: 'redundant tunnels of a managed end configured differently', pair: redundantPair(), expect: [['redundant-tunnels-differ', 'warning']] },
];

describe('rules (table-driven)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = checkPair(c.pair).map((f) => [f.rule, f.severity]);
      expect(got).to.deep.equal(c.expect);
    });
  }

  it('every rule in the catalog has a triggering case above', () => {
    const fired = new Set(cases.flatMap((c) => c.expect.map(([r]) => r)));
    const missing = rules
      .filter((r) => r.scope === 'pair' || r.scope === 'end')
      .map((r) => r.id)
      .filter((id) => !fired.has(id));
    expect(missing).to.deep.equal([]);
  });

  it('the unit trap names the side that erred and the value it meant', () => {
    const pair = pairOf(
      {
        phase2: p2({
          lifetimeSeconds: { value: 480, raw: 'SALifeTimeSeconds : 480', unit: 'seconds', origin: 'explicit', at: { file: 'rras.txt', line: 12 } },
        }),
      },
      { phase2: p2({ lifetimeSeconds: { value: 28800, raw: '+480min', unit: 'minutes', origin: 'explicit', at: { file: 'netsh.txt', line: 30 } } }, true) },
    );
    const [f] = checkPair(pair);
    expect(f.rule).to.equal('lifetime-unit-trap');
    expect(f.likelyIntended).to.deep.equal({ side: 'a', value: 28800, text: '28800 s' });
    expect(f.a?.setting?.at).to.deep.equal({ file: 'rras.txt', line: 12 });
    expect(f.b?.setting?.raw).to.equal('+480min');
    expect(f.message).to.contain('×60');
  });

  it('a minutes value typed into a minutes field meaning seconds is caught on the large side', () => {
    const pair = pairOf(
      { phase2: p2({ lifetimeSeconds: { value: 3600 * 60, raw: '+3600min', unit: 'minutes', origin: 'explicit', at: { file: 'n', line: 1 } } }) },
      { phase2: p2({ lifetimeSeconds: set(3600, 'keylifeseconds 3600', 5) }, true) },
    );
    const [f] = checkPair(pair);
    expect(f.rule).to.equal('lifetime-unit-trap');
    expect(f.likelyIntended).to.deep.equal({ side: 'a', value: 3600, text: '60min' });
  });
});

describe('unresolved selectors', () => {
  it('an empty selector list (unresolved by the adapter) is not reported as a mismatch', () => {
    const pair = pairOf({ phase2: p2({ localSelectors: set([] as string[], '<localid><type>lan</type>', 20) }) });
    expect(checkPair(pair).map((f) => f.rule)).to.deep.equal([]);
  });
});

describe('PRF', () => {
  it('a PRF written out equal to the one derived from integrity is not a difference', () => {
    const pair = pairOf({
      phase1: { proposals: set([{ ...IKE_AES256, prf: ['prfsha256'] }], 'prf-algorithm=sha256', 7), lifetimeSeconds: set(28800, 'x', 8) },
    });
    expect(checkPair(pair).map((f) => f.rule)).to.deep.equal([]);
  });
  it('a different PRF with AEAD encryption is a difference', () => {
    const gcm = { encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [14] };
    const pair = pairOf(
      { phase1: { proposals: set([gcm], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
      { phase1: { proposals: set([{ ...gcm, prf: ['prfsha256'] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8) } },
    );
    expect(checkPair(pair).map((f) => [f.rule, f.severity])).to.deep.equal([['p1-proposal-mismatch', 'error']]);
  });
});

describe('IKE version with an end that answers both', () => {
  const either = { ikeVersion: set<1 | 2>(2, 'version = 0', 4), ikeVersionsAccepted: set<Array<1 | 2>>([1, 2], 'version = 0', 4) };
  it('IKEv1-only vs initiates-v2-answers-both: warning (works only when the IKEv1 end initiates)', () => {
    expect(checkPair(pairOf(either, v1)).map((f) => [f.rule, f.severity])).to.deep.equal([['ike-version-mismatch', 'warning']]);
  });
  it('the same, when the answers-both end never initiates: nothing', () => {
    expect(checkPair(pairOf({ ...either, initiates: set(false, 'start_action = none', 9) }, v1)).map((f) => f.rule)).to.deep.equal([]);
  });
});

describe('IKEv1 PFS with several groups (found by the IKE lab)', () => {
  const v1 = { ikeVersion: set<1 | 2>(1, 'ike-version 1', 4) };
  it('an initiator whose first PFS group the responder refuses: a warning naming the end that must initiate', () => {
    const pair = pairOf(
      { ...v1, phase2: p2({ pfsGroups: set([14, 19], 'set dhgrp 14 19', 23) }) },
      { ...v1, phase2: p2({ pfsGroups: set([19], 'set dhgrp 19', 23) }, true) },
    );
    const [f, ...rest] = checkPair(pair);
    expect([f.rule, f.severity, rest.length]).to.deep.equal(['pfs-mismatch', 'warning', 0]);
    expect(f.message).to.contain('to-b proposes modp2048 (14) first');
    expect(f.effect).to.contain('to-a must be the initiator');
  });
  it('the same when the other end never initiates: error', () => {
    const pair = pairOf(
      { ...v1, phase2: p2({ pfsGroups: set([14, 19], 'set dhgrp 14 19', 23) }) },
      { ...v1, initiates: set(false, 'passive=yes', 30), phase2: p2({ pfsGroups: set([19], 'set dhgrp 19', 23) }, true) },
    );
    expect(checkPair(pair).map((f) => [f.rule, f.severity])).to.deep.equal([['pfs-mismatch', 'error']]);
  });
  it('each end first proposes a group the other refuses: error', () => {
    const pair = pairOf(
      { ...v1, phase2: p2({ pfsGroups: set([14, 19], 'set dhgrp 14 19', 23) }) },
      { ...v1, phase2: p2({ pfsGroups: set([20, 19], 'set dhgrp 20 19', 23) }, true) },
    );
    expect(checkPair(pair).map((f) => [f.rule, f.severity])).to.deep.equal([['pfs-mismatch', 'error']]);
  });
  it('the same lists under IKEv2 are fine (INVALID_KE_PAYLOAD retry)', () => {
    const pair = pairOf({ phase2: p2({ pfsGroups: set([14, 19], 'x', 23) }) }, { phase2: p2({ pfsGroups: set([19], 'x', 23) }, true) });
    expect(checkPair(pair)).to.deep.equal([]);
  });
  it('IKEv1 when both ends put the shared group first: nothing', () => {
    const pair = pairOf({ ...v1, phase2: p2({ pfsGroups: set([19, 14], 'x', 23) }) }, { ...v1, phase2: p2({ pfsGroups: set([19], 'x', 23) }, true) });
    expect(checkPair(pair)).to.deep.equal([]);
  });
});

describe('IKEv1 aggressive mode: the initiator commits to its first DH group (found by the IKE lab)', () => {
  const v1 = { ikeVersion: set<1 | 2>(1, 'ike-version 1', 4) };
  const aggressive = set<'main' | 'aggressive'>('aggressive', 'set mode aggressive', 5);
  const main = set<'main' | 'aggressive'>('main', 'set mode main', 5);
  const p1 = (dhGroups: number[], mode = aggressive) => ({
    ...v1,
    phase1: { proposals: set([{ ...IKE_AES256, dhGroups }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8), exchangeMode: mode },
  });
  const passive = { initiates: set(false, 'passive=yes', 30) };
  interface AggCase {
    name: string;
    pair: TunnelPair;
    /** [severity, message, effect] of the one finding, or undefined for none */
    expect?: [string, string, string];
  }
  const cases: AggCase[] = [
    {
      name: 'to-b sends group 14 first, to-a accepts only 19: a warning naming to-a as the initiator',
      pair: pairOf(p1([14, 19]), p1([19])),
      expect: [
        'warning',
        "IKEv1 aggressive mode: to-b sends its key exchange in modp2048 (14), which to-a does not accept with any of to-b's offers (aes256-sha256-modp2048/ecp256 vs aes256-sha256-ecp256)",
        'Aggressive mode cannot negotiate the DH group (RFC 2409 §5): when to-b initiates — at setup, after a drop, or when it starts a rekey — phase 1 is refused although the lists share a suite. It works while to-a initiates: to-a must be the initiator, or put the shared group first on to-b.',
      ],
    },
    {
      name: 'the same when to-a never initiates: error',
      pair: pairOf(p1([14, 19]), { ...p1([19]), ...passive }),
      expect: [
        'error',
        "IKEv1 aggressive mode: to-b sends its key exchange in modp2048 (14), which to-a does not accept with any of to-b's offers (aes256-sha256-modp2048/ecp256 vs aes256-sha256-ecp256)",
        'Aggressive mode cannot negotiate the DH group (RFC 2409 §5): to-b is the only end that initiates and its key exchange group is refused, so phase 1 does not come up although the lists share a suite.',
      ],
    },
    {
      name: 'each end sends a group the other does not accept: error',
      pair: pairOf(p1([14, 19]), p1([20, 19])),
      expect: [
        'error',
        "IKEv1 aggressive mode: to-b sends its key exchange in modp2048 (14), which to-a does not accept with any of to-b's offers (aes256-sha256-modp2048/ecp256 vs aes256-sha256-ecp384/ecp256)",
        'Aggressive mode cannot negotiate the DH group (RFC 2409 §5): each end sends its key exchange in a group the other does not accept, so phase 1 is refused whoever initiates, although the lists share a suite.',
      ],
    },
    // near-twins: the same lists where the group is negotiable or the first one is shared
    { name: 'near-twin: the same lists in main mode stay info', pair: pairOf(p1([14, 19], main), p1([19], main)), expect: undefined },
    { name: 'near-twin: to-b puts the shared group first', pair: pairOf(p1([19, 14]), p1([19])), expect: undefined },
    { name: 'near-twin: the refused end never initiates', pair: pairOf({ ...p1([14, 19]), ...passive }, p1([19])), expect: undefined },
  ];
  for (const c of cases)
    it(c.name, () => {
      const found = checkPair(c.pair).filter((f) => f.rule === 'p1-proposal-mismatch');
      if (!c.expect) {
        // the lists still differ: the overlap is reported as info, nothing more
        expect(found.map((f) => f.severity)).to.deep.equal(['info']);
        return;
      }
      expect(found.map((f) => [f.severity, f.message, f.effect])).to.deep.equal([c.expect]);
    });

  it('the change puts an accepted offer with the shared group first on the refused end only', () => {
    const two = { ...IKE_AES256, encryption: ['aes128'], dhGroups: [14] };
    const pair = pairOf(
      {
        ...v1,
        phase1: { proposals: set([two, { ...IKE_AES256, dhGroups: [14, 19] }], 'x', 7), lifetimeSeconds: set(28800, 'x', 8), exchangeMode: aggressive },
      },
      p1([19]),
    );
    const [f] = checkPair(pair).filter((x) => x.rule === 'p1-proposal-mismatch');
    expect(f.a?.change).to.deep.equal({ field: 'phase1.proposals', target: [{ ...IKE_AES256, dhGroups: [19, 14] }, two] });
    expect(f.b?.change).to.equal(undefined);
  });
});
