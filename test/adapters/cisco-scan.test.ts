/**
 * The scanner a parse uses (adapters/cisco-common/scan.ts) against the reference it replaces:
 * cleanLines + buildBlocks + collectAddressBook. Same blocks (ACL entries, objects and
 * object-groups set apart), same first line, same address book by name and listed whole, same
 * prompt hostname and release, on generated texts and on every Cisco file of the fixtures and
 * the real corpus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { type AddressBook, addressBookOf, collectAddressBook } from '../../adapters/cisco-common/addresses.js';
import { type Block, buildBlocks } from '../../adapters/cisco-common/blocks.js';
import { type CiscoLine, cleanLines, firstKey } from '../../adapters/cisco-common/lines.js';
import { scanCisco } from '../../adapters/cisco-common/scan.js';
import { parseAsa } from '../../adapters/asa/parse.js';
import { REAL_CONFIGS, ROOT, filesUnder } from '../helpers.js';

const line = (l: CiscoLine) => `${l.n}|${l.indent}|${l.text}`;
const block = (b: Block) => `${line(b.head)} [${b.children.map(line).join('; ')}]`;
/** the whole book, with every line written as number|indent|text */
const whole = (book: AddressBook) =>
  JSON.stringify({ o: [...book.objects], g: [...book.groups], s: [...book.serviceGroups].sort(), a: [...book.acls] }, (k, v) =>
    k === 'line' || k === 'at' ? line(v) : v,
  );
const marker = (l: CiscoLine) => l.keys[0] === 'crypto' || l.keys[0] === 'access-list' || l.keys[0] === 'object';

/** What the reference reads from a text, in the scanner's terms. */
function reference(text: string, names: string[]) {
  const cleaned = cleanLines(text);
  const all = buildBlocks(cleaned);
  const book = collectAddressBook(all);
  return {
    blocks: all.filter((b) => !['access-list', 'object', 'object-group'].includes(firstKey(b.head) as string)).map(block),
    first: cleaned.lines[0] && line(cleaned.lines[0]),
    marked: cleaned.lines.some((l) => l.indent === 0 && marker(l)),
    byName: names.map((n) =>
      [book.acls.get(n), book.objects.get(n), book.groups.get(n)].map((x) => x && JSON.stringify(x, (k, v) => (k === 'line' || k === 'at' ? line(v) : v))),
    ),
    whole: whole(collectAddressBook(all)),
    promptHostname: cleaned.promptHostname,
    release: cleaned.release,
  };
}

function scanned(text: string, names: string[]) {
  const s = scanCisco(text, marker);
  const book = addressBookOf(s.book);
  return {
    blocks: s.blocks.map(block),
    first: s.first && line(s.first),
    marked: s.marked,
    byName: names.map((n) =>
      [book.acls.get(n), book.objects.get(n), book.groups.get(n)].map((x) => x && JSON.stringify(x, (k, v) => (k === 'line' || k === 'at' ? line(v) : v))),
    ),
    whole: whole(addressBookOf(s.book)),
    promptHostname: s.promptHostname,
    release: s.release,
  };
}

/** Lines a hub has thousands of, and the ones that make the fast path step aside. */
const FRAGMENTS = [
  'access-list A extended permit ip object O object-group G',
  'access-list A extended permit ip 10.0.0.0 255.0.0.0 any4',
  'access-list A remark -- keep this -- ',
  'access-list B extended deny tcp any4 host 10.1.1.1 eq 22',
  'ACCESS-LIST A line 1 extended permit ip host 10.2.2.2 any4',
  'access-list 101 permit ip 10.0.0.0 0.255.255.255 any',
  'no access-list A extended permit ip 10.0.0.0 255.0.0.0 any4',
  'clear configure access-list B',
  'clear configure access-list',
  'object network O',
  'object network O2',
  'Object NETWORK O',
  'object service S',
  'object-group network G',
  'object-group service SVC tcp',
  'object-group network \u212aG',
  ' host 10.0.0.1',
  ' subnet 10.1.0.0 255.255.0.0',
  ' description asset 12 -- old',
  ' nat (inside,outside) dynamic interface',
  'nat (inside,outside) source static O O',
  ' network-object host 10.3.3.3',
  ' network-object object O',
  ' group-object G2',
  ' port-object eq 22',
  '\thost 10.0.0.9',
  ' 10 permit ip 10.0.0.0 0.0.0.255 any',
  '10 permit ip any any',
  ' permit ip host 1.1.1.1 any',
  ' remark x > y',
  ' no 10',
  'ip access-list extended A',
  'ipv6 access-list V6',
  'no ip access-list extended A',
  'crypto map M 10 match address A',
  'crypto map M 10 set peer 1.1.1.1',
  'interface GigabitEthernet0/0',
  ' ip address 1.1.1.2 255.255.255.0',
  ' crypto map M',
  'hostname fw1',
  'exit',
  ' EXIT',
  'banner motd ^C',
  'banner login # x',
  'body host 1.1.1.1 ^C',
  'asa-hq# show run access-list',
  'asa-hq(config)# access-list A extended permit ip any any',
  'r1(config-ext-nacl)# 20 permit ip any any',
  '<--- More --->\b\b\b\b\b\b\b\b\b\b\b\b\b\b              \b\b\b\b\b\b\b\b\b\b\b\b\b\b host 10.9.9.9',
  ' --More-- access-list A extended permit ip any any',
  'ASA Version 9.16(4)19',
  'version 17.3',
  ': Saved',
  '!',
  '',
  '   ',
  ' \u00a0host 10.0.0.2',
  'host 10.0.0.3',
  'description x',
  'access-list\u00a0A extended permit ip any any',
  'access-list A\u2003extended permit ip any any\r',
  '\u212aey x',
];

describe('cisco scan (issue 13): the fast scanner reads what the reference reads', () => {
  it('generated texts (fast-check, seed 13, 400 runs): blocks, first line, marker, address book by name and whole, prompt, release', () => {
    const names = ['A', 'B', '101', 'O', 'O2', 'G', 'G2', 'V6', 'S'];
    const text = fc
      .tuple(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.constantFrom('', ' ', '  '), fc.constantFrom('\n', '\r\n'))
      .map(([lines, pad, eol]) => lines.map((l) => pad + l).join(eol));
    fc.assert(
      fc.property(text, (t) => {
        expect(scanned(t, names)).to.deep.equal(reference(t, names));
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('every Cisco file of the fixtures and the real corpus', () => {
    const files = [
      ...filesUnder(join(ROOT, 'fixtures', 'asa')),
      ...filesUnder(join(ROOT, 'fixtures', 'ios')),
      ...(REAL_CONFIGS ? filesUnder(REAL_CONFIGS) : []),
    ];
    let cisco = 0;
    for (const p of files) {
      const text = readFileSync(p, 'utf8');
      if (!/^(crypto|access-list|object-group|object) /m.test(text)) continue;
      cisco++;
      expect(scanned(text, ['A', 'outside_access_in']), p).to.deep.equal(reference(text, ['A', 'outside_access_in']));
    }
    // a clone without ../shared has the fixtures only (11 Cisco files)
    expect(cisco).to.be.greaterThan(REAL_CONFIGS ? 20 : 10);
  });

  it('decision (adapters/asa/README.md): a malformed line in an ACL no crypto map names, or in an object no read entry names, reports nothing; in a named ACL it is a warning at its line', () => {
    // `show running-config` lines as the ASA prints them (fixtures/asa/asa-hq-running-config.txt)
    const head = [
      'ASA Version 9.16(4)',
      'hostname fw1',
      'interface GigabitEthernet0/0',
      ' nameif outside',
      ' ip address 198.51.100.1 255.255.255.0',
      'access-list A extended permit ip 10.1.0.0 255.255.0.0 10.2.0.0 255.255.0.0',
    ];
    const tail = [
      'crypto ipsec ikev2 ipsec-proposal P',
      ' protocol esp encryption aes-256',
      ' protocol esp integrity sha-256',
      'crypto map M 10 match address A',
      'crypto map M 10 set peer 203.0.113.2',
      'crypto map M 10 set ikev2 ipsec-proposal P',
      'crypto map M interface outside',
      'crypto ikev2 policy 10',
      ' encryption aes-256',
      ' integrity sha256',
      ' group 14',
      ' prf sha256',
      ' lifetime seconds 86400',
      'crypto ikev2 enable outside',
      'tunnel-group 203.0.113.2 type ipsec-l2l',
      'tunnel-group 203.0.113.2 ipsec-attributes',
      ' ikev2 remote-authentication pre-shared-key k1',
      ' ikev2 local-authentication pre-shared-key k1',
    ];
    const unused = [
      'access-list OTHER extended permit ip host 999.1.1.1 any4',
      'access-list OTHER extended permit bogus',
      'object network X',
      ' subnet 999.0.0.0 255.0.0.0',
    ];
    const clean = parseAsa([...head, ...tail].join('\n'), 'fw1.txt');
    const withUnused = parseAsa([...head, ...unused, ...tail].join('\n'), 'fw1.txt');
    expect(clean.diagnostics).to.deep.equal([]);
    expect(withUnused.diagnostics).to.deep.equal([]);
    expect(withUnused.tunnels.map((t) => t.phase2[0].localSelectors.value)).to.deep.equal([['10.1.0.0/16']]);
    const used = parseAsa([...head, 'access-list A extended permit ip host 999.1.1.1 any4', ...tail].join('\n'), 'fw1.txt');
    expect(used.diagnostics.map((d) => `${d.level} ${d.at?.line}: ${d.message}`)).to.deep.equal([
      'warning 7: "host 999.1.1.1" in access-list A (used by crypto map M 10) is not an address this tool can read (fqdn or non-contiguous wildcard)',
    ]);
  });

  it('ACL entries are kept out of blocks; the book reads the ACL asked for, a malformed other one changes nothing', () => {
    const text = [
      'access-list OTHER extended permit ip any4 any4',
      'access-list A extended permit ip host 10.0.0.1 any4',
      'access-list OTHER extended bogus',
    ].join('\n');
    const s = scanCisco(text, marker);
    const book = addressBookOf(s.book);
    expect(book.acls.get('A')?.aces.map((a) => a.line.text)).to.deep.equal(['access-list A extended permit ip host 10.0.0.1 any4']);
    expect(s.blocks).to.deep.equal([]);
    expect(s.first?.text).to.equal('access-list OTHER extended permit ip any4 any4');
  });
});
