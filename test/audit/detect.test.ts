/**
 * Detection as the audit runs it (detectBest: the fewest adapters asked) must pick what the full
 * ranking (detectAll) puts first, on every fixture and real config. detectBest skips an adapter
 * whose `detectCeiling` cannot beat the best so far: no file may score above its adapter's ceiling.
 */
import { expect } from 'chai';
import { basename, join, relative } from 'node:path';
import { adapters } from '../../adapters/index.js';
import { ciscoScores } from '../../adapters/cisco-common/detect.js';
import { detectAll, detectBest, detectHead } from '../../src/read/detect.js';
import { REAL_CONFIGS, ROOT, filesUnder, readText } from '../helpers.js';

const files = [...filesUnder(join(ROOT, 'fixtures')), ...(REAL_CONFIGS ? filesUnder(REAL_CONFIGS) : [])];

/** The text of a file, or undefined when it is not text detection would see (binary, refused). */
function textOf(path: string): string | undefined {
  try {
    return readText(path);
  } catch {
    return undefined;
  }
}

describe('audit: detection', function () {
  this.timeout(60000);

  it('no file scores above its adapter’s detectCeiling (fixtures and real configs)', () => {
    let scored = 0;
    for (const p of files) {
      const text = textOf(p);
      if (text === undefined) continue;
      const head = detectHead(text);
      for (const a of adapters) {
        if (a.detectCeiling === undefined) continue;
        const c = a.detect(head, p);
        if (c > 0) scored++;
        expect(c, `${a.id} on ${relative(ROOT, p)}`).to.be.at.most(a.detectCeiling);
      }
    }
    // fixtures alone (a clone without ../shared) score 71 times; the real corpus 20 more (ASA and
    // IOS, certain from their header, have no ceiling since 2026-12)
    expect(scored).to.equal(REAL_CONFIGS ? 91 : 71);
  });

  it('detectCertain is exactly `detect` returning 1, and below that no file scores above detectBelowCertain', () => {
    const withCertain = adapters.filter((a) => a.detectCertain);
    expect(withCertain.map((a) => [a.id, a.detectBelowCertain])).to.deep.equal([
      ['asa', 0.95],
      ['ios', 0.95],
      ['strongswan', 0.9 + 0.05],
      ['panos', 0.95],
      ['junos', 0.95],
    ]);
    // the files, and heads made to sit on each test's edge: a likely set line before the commit header
    const made = [
      'set system host-name fw1\n## Last commit: 2024-01-01 by admin\nversion 21.4R3;\n',
      '## Last commit: 2024-01-01 by admin\nversion 21.4R3;\n',
      'set security ike proposal p1 authentication-method pre-shared-keys\n',
      '<config version="11.0.0" urldb="paloaltonetworks">\n</config>\n',
      '<config version="11.0.0">\n<devices><entry name="localhost.localdomain">\n',
      // the Cisco headers: at the top, late (past the 512 characters looked at), IOS with an ASA header
      ': Saved\n:\nASA Version 9.16(4)57\n!\nhostname fw\ncrypto ikev2 enable outside\n',
      `${'!\n'.repeat(300)}ASA Version 9.16(4)57\nhostname fw\ncrypto ikev2 enable outside\n`,
      'Building configuration...\n\nCurrent configuration : 1265 bytes\n!\nversion 15.4\ncrypto keyring K\n',
      `${'!\n'.repeat(300)}Current configuration : 1265 bytes\nversion 15.4\ncrypto keyring K\n`,
      'Current configuration : 120 bytes\nASA Version 9.8(4)\n',
    ];
    let certain = 0;
    const named: Array<[string, string | undefined]> = [
      ...made.map((t): [string, string] => ['f', t]),
      ['swanctl.conf', 'connections {\n  hq {\n    remote_addrs = 192.0.2.1\n    children {\n      net { esp_proposals = aes256-sha256 }\n    }\n  }\n}\n'],
      ['moon.ipsec.conf', 'config setup\nconn hq\n  left=192.0.2.1\n  right=198.51.100.1\n'],
      ...files.map((p): [string, string | undefined] => [basename(p), textOf(p)]),
    ];
    for (const [name, text] of named) {
      if (text === undefined) continue;
      const head = detectHead(text);
      for (const a of withCertain) {
        const c = a.detect(head, name);
        expect(a.detectCertain?.(head, name), `${a.id} on ${name}`).to.equal(c === 1);
        if (c === 1) certain++;
        else expect(c).to.be.at.most(a.detectBelowCertain as number);
      }
    }
    expect(certain).to.be.greaterThan(5);
  });

  it('detectBest picks the adapter and confidence detectAll ranks first, on every file', () => {
    let detected = 0;
    for (const p of files) {
      const text = textOf(p);
      if (text === undefined) continue;
      const all = detectAll(text, p);
      const best = detectBest(text, p);
      expect(best?.adapter.id, relative(ROOT, p)).to.equal(all[0]?.adapter.id);
      expect(best?.confidence, relative(ROOT, p)).to.equal(all[0]?.confidence);
      if (best) detected++;
    }
    // fixtures alone detect 220; with the real corpus, over 250
    expect(detected).to.be.greaterThan(REAL_CONFIGS ? 250 : 200);
  });

  it('a RouterOS export is not scored by adapters that cannot beat its 0.98', () => {
    const text = '# 2024-01-01 12:00:00 by RouterOS 7.12\n/ip ipsec peer\nadd address=198.51.100.1/32 name=hq\n';
    expect(detectBest(text, 'r.rsc')).to.deep.include({ confidence: 0.98 });
    expect(detectBest(text, 'r.rsc')?.adapter.id).to.equal('routeros');
  });

  it('ciscoScores: asked again about the same text, the same scores; another text is scored afresh', () => {
    const asa = 'ASA Version 9.16(4)\nhostname fw\ninterface GigabitEthernet0/0\n nameif outside\n security-level 0\ntunnel-group 203.0.113.9 type ipsec-l2l\n';
    const ios = 'Building configuration...\nversion 17.3\nhostname r1\ncrypto isakmp key k address 203.0.113.9\nip route 0.0.0.0 0.0.0.0 192.0.2.1\n';
    const first = ciscoScores(asa);
    expect(first).to.deep.equal({ asa: 0.95, ios: 0.25 });
    first.asa = 0; // a caller changing its copy changes nothing remembered
    expect(ciscoScores(asa)).to.deep.equal({ asa: 0.95, ios: 0.25 });
    expect(ciscoScores(ios)).to.deep.equal({ asa: 0.1, ios: 0.95 });
    expect(ciscoScores(`${asa}`)).to.deep.equal({ asa: 0.95, ios: 0.25 });
  });
});
