/**
 * The one-pass config.xml reader (adapters/pfsense/xml-scan.ts, issue 13) against the passes it
 * stands in for: on every file it reads it must build exactly their tree, and everything else it
 * must leave to them (undefined), so each error keeps its file:line message.
 */
import { expect } from 'chai';
import { basename, join } from 'node:path';
import { scanConfig } from '../../adapters/pfsense/xml-scan.js';
import { parseInPasses, parseXmlTree, READ_SECTIONS, type XNode } from '../../adapters/pfsense/xml-tree.js';
import { filesUnder, fixturePath, parseErrorOf, readText, REAL_CONFIGS } from '../helpers.js';

/** What the passes make of a text: the tree, or the error's line and message. */
function inPasses(text: string, keep: ReadonlySet<string> = READ_SECTIONS): XNode | string {
  try {
    return parseInPasses(text, 'f.xml', 'a config.xml', keep);
  } catch (e) {
    const error = parseErrorOf(() => {
      throw e;
    });
    return `${error.line}: ${error.message}`;
  }
}

/** The scan's answer on a text: the same tree as the passes, or undefined. Fails on anything else. */
function scanAgreeing(text: string, keep: ReadonlySet<string> = READ_SECTIONS): XNode | undefined {
  const scanned = scanConfig(text, keep);
  if (scanned !== undefined) expect(scanned, text).to.deep.equal(inPasses(text, keep));
  return scanned;
}

const leaf = (name: string, line: number, text: string, attrs: Record<string, string> = {}): XNode => ({ name, line, text, attrs, children: [] });

describe('config.xml one-pass reader (issue 13)', () => {
  const xmlFiles = [...filesUnder(fixturePath('pfsense')), ...filesUnder(fixturePath('opnsense'))];
  if (REAL_CONFIGS) for (const dir of ['pfsense', 'opnsense']) xmlFiles.push(...filesUnder(join(REAL_CONFIGS, dir)));

  it('reads every fixture and real config.xml as the passes do, and leaves only the broken fixtures to them', () => {
    const left: string[] = [];
    for (const file of xmlFiles) if (scanAgreeing(readText(file)) === undefined) left.push(basename(file));
    expect(left).to.deep.equal(['bad-mismatched-tag.xml', 'truncated.xml']);
    // the corpus is there: 6 pfSense and 1 OPNsense real backups besides the fixtures
    const real = REAL_CONFIGS;
    if (real) expect(xmlFiles.filter((f) => f.startsWith(real)).length).to.be.at.least(7);
  });

  it('builds the tree of the kept sections only: lines, text and CDATA joined and trimmed, the five entities, attributes in order', () => {
    const text = [
      '<?xml version="1.0"?>',
      '<!-- a backup -->',
      '<r a="1">',
      '  <filter><rule><descr><![CDATA[x & y]]></descr></rule></filter>',
      '  <ipsec>',
      '    <phase1 uuid="u-1" x = \'2\'><descr>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</descr>',
      '      <k><![CDATA[ <v> ]]> w </k><e/><f></f>',
      '    </phase1 >',
      '  </ipsec>',
      '</r>',
      '<!-- after -->',
      '',
    ].join('\n');
    expect(scanAgreeing(text, new Set(['ipsec']))).to.deep.equal({
      name: 'r',
      line: 3,
      text: '',
      attrs: { a: '1' },
      children: [
        {
          name: 'ipsec',
          line: 5,
          text: '',
          attrs: {},
          children: [
            {
              name: 'phase1',
              line: 6,
              text: '',
              attrs: { uuid: 'u-1', x: '2' },
              children: [leaf('descr', 6, `a & b <c> "d" 'e'`), leaf('k', 7, '<v>  w'), leaf('e', 7, ''), leaf('f', 7, '')],
            },
          ],
        },
      ],
    });
  });

  it('steps over skipped sections as the section skipper does: nested same-name elements, end tags in comments, CDATA and instructions', () => {
    const text = [
      '<r>',
      '<filter a="x>y"><rule><descr><![CDATA[</filter> <ipsec>]]></descr></rule>',
      '<!-- </filter> --><?pi </filter>?>',
      '<filter><filter/></filter>',
      '</filter >',
      '<nat/><natx></natx>',
      '<ipsec><p>1</p></ipsec>',
      '</r>',
    ].join('\n');
    expect(scanAgreeing(text, new Set(['ipsec']))).to.deep.equal({
      name: 'r',
      line: 1,
      text: '',
      attrs: {},
      children: [{ name: 'ipsec', line: 7, text: '', attrs: {}, children: [leaf('p', 7, '1')] }],
    });
    // decision (issue 13): a skipped section is not checked inside
    expect(scanAgreeing('<r>\n<filter><rule></descr></rule></filter>\n<ipsec><p>1</p></ipsec>\n</r>', new Set(['ipsec']))).to.not.equal(undefined);
  });

  it('leaves every error to the passes, which report it at its line', () => {
    const errors: Array<[string, string]> = [
      ['<r>\n<filter>\n<!FOO></filter>\n</r>', '3: expected <!--, <![CDATA[ or <!DOCTYPE after "<!", found another declaration'],
      ['<r>\n<ipsec><p>1\n</q>\n</ipsec>\n</r>', '3: expected </p> (opened at line 2), found </q>'],
      ['<r>\n<filter><rule>\n<ipsec><p>1</p></ipsec>\n</r>', '4: expected </rule> (opened at line 2), found </r>'],
      ['<r>\n<ipsec><p>&bogus;</p></ipsec>\n</r>', '2: expected well-formed XML, found: Invalid character entity'],
      ['<r>\n<ipsec><!-- a -- b --></ipsec>\n</r>', '2: expected well-formed XML, found: Malformed comment'],
    ];
    for (const [text, error] of errors) {
      expect(scanConfig(text, READ_SECTIONS), text).to.equal(undefined);
      expect(inPasses(text), text).to.equal(error);
    }
    // a lost `]]>`: the CDATA holds its element's end tag — in a skipped section too
    const lost = '<r>\n<filter><descr><![CDATA[a</descr>\n<x/>]]></descr></filter>\n</r>';
    expect(scanConfig(lost, READ_SECTIONS)).to.equal(undefined);
    expect(parseErrorOf(() => parseXmlTree(lost, 'f.xml', 'a config.xml', READ_SECTIONS)).line).to.equal(2);
  });

  it('leaves to the passes what sax or xml2js read their own way, and what the passes would see differently', () => {
    const others = [
      '<r><ipsec><p>&nbsp;</p></ipsec></r>', // an HTML entity sax knows
      '<r><ipsec><p>&#65;</p></ipsec></r>', // a character reference
      '<r><ipsec><p a="&amp;"/></ipsec></r>', // an entity in an attribute
      '<r><ipsec><p a="<b"/></ipsec></r>', // `<` in an attribute: the position scan would see a tag
      '<r><filter a="<!--"/><ipsec/></r>', // the same in a skipped section's tag
      '<r><ipsec><p a="1" a="2"/></ipsec></r>', // a repeated attribute (sax keeps the first)
      '<r><ipsec><p constructor="1"/></ipsec></r>',
      '<r><ipsec><_>x</_></ipsec></r>', // xml2js's text key
      '<r><ipsec><toString/></ipsec></r>',
      '<!DOCTYPE r><r><ipsec/></r>',
      '<r><filter><!DOCTYPE x></filter><ipsec/></r>',
      '<r><ipsec><?pi x?></ipsec></r>',
      '<r>text<ipsec/></r>', // text in the root
      '<r><![CDATA[x]]><ipsec/></r>',
      '<r><ipsec/></r><r2/>', // after the root
      '<r><ipsec/></r>trailing',
      '<r><ipsec>< p/></ipsec></r>', // sax reads `< p` as a tag, the position scan does not
      '<r><ipsec><p\u00e9/></ipsec></r>', // a name character beyond ASCII
      '<r><ipsec><p x/></ipsec></r>', // an attribute without value
      '\ufeff<r><ipsec/></r>',
      '<r/>',
    ];
    for (const text of others) expect(scanConfig(text, READ_SECTIONS), text).to.equal(undefined);
  });

  it('agrees with the passes on a fixture mutated at random (or leaves it to them)', () => {
    // inserts of what the scan must give up on or read exactly, at pseudo-random places (fixed seed)
    const bits = [
      '<',
      '>',
      '&',
      '&amp;',
      '&lt;',
      '--',
      '-->',
      '<!--',
      ']]>',
      '<![CDATA[',
      '<!',
      '<?',
      '?>',
      '"',
      "'",
      '/',
      '=',
      ' ',
      '\n',
      '</ipsec>',
      '<ipsec>',
      '</filter>',
      '<filter>',
      'é',
    ];
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let read = 0;
    for (const name of ['hq-2.7.xml', 'store-2.4.xml']) {
      const text = readText(fixturePath('pfsense', name));
      for (let i = 0; i < 150; i++) {
        let mutated = text;
        for (let k = 0; k <= random(3); k++) {
          const at = random(mutated.length);
          mutated =
            random(4) === 0 ? mutated.slice(0, at) + mutated.slice(at + 1 + random(8)) : mutated.slice(0, at) + bits[random(bits.length)] + mutated.slice(at);
        }
        if (scanAgreeing(mutated) !== undefined) read++;
      }
    }
    // most mutations land in text or skipped sections the scan still reads; the rest it leaves
    expect(read).to.be.greaterThan(30).and.lessThan(300);
  });
});
