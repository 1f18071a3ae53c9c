/**
 * Explanations checked for truth against the negotiation model (issue 11): what a finding says it
 * does to the tunnel must match its severity, and no lifetime explanation may say that different
 * lifetimes collide (RFC 7296 §2.8: the shorter end rekeys; equal lifetimes without jitter are
 * what collide). Run over every pair fixture and the rule table's lifetime cases.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPair, compareDevices } from '../../src/compare/compare.js';
import { rules } from '../../src/compare/rules/index.js';
import type { Finding } from '../../src/compare/types.js';
import { loadDevice } from '../../src/read/load.js';
import { p2, pairOf, set } from '../builders.js';
import { ROOT } from '../helpers.js';

const PAIRS = join(ROOT, 'fixtures', 'pairs');
const fixtureFindings: Finding[] = readdirSync(PAIRS)
  .filter((d) => existsSync(join(PAIRS, d, 'expected.json')))
  .flatMap((d) => {
    const e = JSON.parse(readFileSync(join(PAIRS, d, 'expected.json'), 'utf8')) as { a: string; b: string };
    return compareDevices(loadDevice(join(PAIRS, d, e.a)), loadDevice(join(PAIRS, d, e.b))).findings;
  });

const v1 = { ikeVersion: set<1 | 2>(1, 'ike-version 1', 4) };
const lifetimeFindings: Finding[] = [
  pairOf({ phase2: p2({ lifetimeSeconds: set(28800, 'x', 24) }) }),
  pairOf({ phase2: p2({ lifetimeSeconds: set(3660, 'x', 24) }) }),
  pairOf({ phase1: { proposals: set([], 'x', 7), lifetimeSeconds: set(86400, 'x', 8) } }),
  pairOf({ ...v1, phase2: p2({ lifetimeSeconds: set(28800, 'x', 24) }) }, v1),
  pairOf({ ...v1, phase2: p2({ lifetimeSeconds: set(1800, 'x', 24) }) }, { ...v1, behaviour: { ikev1Phase2Lifetime: set<'exact'>('exact', 'x', 30) } }),
].flatMap((p) => checkPair(p).filter((f) => /lifetime/.test(f.rule)));

/**
 * A finding's effect as wording: the names it quotes (tunnel, phase 2 entry, hostname, file of
 * either end) replaced by «end», longest first. A tunnel called `initiator-gw` or a path under
 * `initiate/` is not the explanation speaking of who initiates.
 */
function wording(f: Finding): string {
  const names = [f.a, f.b]
    .flatMap((s) => (s ? [s.end.tunnel.name, s.phase2?.name, s.end.device.hostname, s.end.device.origin] : []))
    .filter((n): n is string => Boolean(n))
    .sort((x, y) => y.length - x.length);
  return names.reduce((text, n) => text.split(n).join('«end»'), f.effect);
}
/** initiate, initiates, initiated, initiating, initiator(s) as words of the explanation */
const INITIATION = /\binitiat(?:e[sd]?|ing|ors?)\b/i;

describe('explanations are true', () => {
  it('a finding that says the tunnel will not come up is an error; one that says it has no effect is not', () => {
    for (const f of [...fixtureFindings, ...lifetimeFindings]) {
      if (/will not come up|does not come up/i.test(f.effect) && !/only when|while/i.test(f.effect))
        expect(f.severity, `${f.rule}: ${f.effect}`).to.equal('error');
      if (/^No effect|No effect on its own|^None:/i.test(f.effect)) expect(f.severity, `${f.rule}: ${f.effect}`).to.equal('info');
    }
  });

  it('a warning that depends on who initiates names the end that must initiate', () => {
    // (lifetime-unit-trap is a warning for the mistyped value itself, whoever initiates)
    const dependent = [...fixtureFindings, ...lifetimeFindings].filter(
      (x) => x.severity === 'warning' && x.rule !== 'lifetime-unit-trap' && INITIATION.test(wording(x)),
    );
    // the pair fixtures hold such warnings (traffic selectors one end refuses, two responders)
    expect(dependent.map((f) => f.rule)).to.include.members(['traffic-selector-mismatch', 'dpd-mismatch']);
    for (const f of dependent) expect(wording(f), f.rule).to.match(/only when .+ initiates|must be the initiator/);
  });

  it('the initiation wording is read in the explanation, not in the names it quotes', () => {
    const end = (name: string, origin: string) => ({ end: { tunnel: { name }, device: { hostname: 'gw', origin } } });
    const f = {
      effect: "As written, initiator-gw's 480 s (8m) is read from /cfg/initiate/a.conf.",
      a: end('initiator-gw', '/cfg/initiate/a.conf'),
      b: end('peer', '/cfg/b.conf'),
    } as unknown as Finding;
    expect(wording(f)).to.equal("As written, «end»'s 480 s (8m) is read from «end».");
    expect(INITIATION.test(wording(f))).to.equal(false);
    expect(INITIATION.test(wording({ ...f, effect: 'Comes up only when initiator-gw initiates.' }))).to.equal(true);
  });

  it('no lifetime explanation says different lifetimes collide', () => {
    const texts = [...lifetimeFindings.map((f) => f.effect), ...rules.filter((r) => /lifetime|lifebytes/.test(r.id)).map((r) => r.explain)];
    expect(texts.length).to.be.greaterThan(5);
    for (const t of texts) {
      expect(t).not.to.match(/(rekeys|lifetimes) can collide|simultaneous rekeys can collide|different lifetimes (make|cause)/i);
      if (/collid/i.test(t)) expect(t).to.match(/do not collide|equal (ones|lifetimes)|lifetimes too close/i);
    }
  });

  it('IKEv2 lifetime differences say the shorter end rekeys (RFC 7296 §2.8) and are info', () => {
    const v2 = lifetimeFindings.filter((f) => f.effect.startsWith('IKEv2'));
    expect(v2).to.have.length(3);
    for (const f of v2) {
      expect(f.severity).to.equal('info');
      expect(f.effect).to.contain('RFC 7296 §2.8').and.to.contain('starts every rekey');
    }
  });
});
