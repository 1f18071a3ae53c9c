/** The shared Cisco code: line cleaning, block grouping, objects/ACLs, transform sets, IKE policies. */
import { expect } from 'chai';
import fc from 'fast-check';
import { cleanLines, pastedIndent, safeText, secretIndexes, splitWords, stripPager } from '../../adapters/cisco-common/lines.js';
import { buildBlocks } from '../../adapters/cisco-common/blocks.js';
import { collectAddressBook, resolveAddress } from '../../adapters/cisco-common/addresses.js';
import { rangeToCidrs } from '../../src/model/net.js';
import { collectIkev1Policies, collectIkev2Policies, collectTransformSets, readTransforms } from '../../adapters/cisco-common/crypto.js';
import { collectCryptoMaps } from '../../adapters/cisco-common/cryptomap.js';
import { newCtx } from '../../adapters/cisco-common/context.js';
import { ciscoScores } from '../../adapters/cisco-common/detect.js';
import { adapter as asa } from '../../adapters/asa/index.js';
import { adapter as ios } from '../../adapters/ios/index.js';
import { ParseError } from '../../src/model/errors.js';

const blocksOf = (text: string) => buildBlocks(cleanLines(text));
const shape = (text: string) => blocksOf(text).map((b) => `${b.head.n}:${b.head.text}${b.children.length ? ` [${b.children.map((c) => c.n).join(',')}]` : ''}`);

describe('cisco-common', () => {
  describe('lines: words split by hand (issue 13)', () => {
    it('splitWords is the /\\s+/ split: every JavaScript blank, runs of them, ends trimmed, a limit', () => {
      expect(splitWords(' access-list\u00a0OUT \t extended\u2003permit  ')).to.deep.equal(['access-list', 'OUT', 'extended', 'permit']);
      expect(splitWords('object network HOST-1 extra', 3)).to.deep.equal(['object', 'network', 'HOST-1']);
      expect(splitWords('a\ufeffb\u200bc')).to.deep.equal(['a', 'b\u200bc']); // U+200B is no blank for \s
      expect(splitWords('')).to.deep.equal([]);
      const blank = fc.constantFrom(
        ' ',
        '\t',
        '\v',
        '\f',
        '\r',
        '\n',
        '\u00a0',
        '\u1680',
        '\u2000',
        '\u200a',
        '\u2028',
        '\u202f',
        '\u205f',
        '\u3000',
        '\ufeff',
      );
      const text = fc.array(fc.oneof(blank, fc.constantFrom('a', 'B', '-', '1', 'é', '\u200b', '\ud83d\ude00')), { maxLength: 30 }).map((a) => a.join(''));
      fc.assert(
        fc.property(text, fc.integer({ min: 1, max: 6 }), (t, n) => {
          const all = t.split(/\s+/).filter((w) => w !== '');
          expect(splitWords(t)).to.deep.equal(all);
          expect(splitWords(t, n)).to.deep.equal(all.slice(0, n));
          if (t.trim() !== '') expect(splitWords(t.trim(), n)).to.deep.equal(t.trim().split(/\s+/, n));
        }),
        { seed: 13, numRuns: 500 },
      );
    });
  });

  describe('lines: noise as people save it', () => {
    it('removes pager prompts and the backspaces that erased them, keeping the real indentation', () => {
      const erase = '\b'.repeat(14) + ' '.repeat(14) + '\b'.repeat(14);
      expect(stripPager(`<--- More --->${erase} encryption aes-256`)).to.equal(' encryption aes-256');
      expect(stripPager(' --More-- crypto map X 10 set pfs')).to.equal(' crypto map X 10 set pfs');
      expect(stripPager('<--- More --->')).to.equal('');
      expect(stripPager('abcd\b\bX')).to.equal('abX');
    });

    it('drops prompts with show/terminal commands, keeps commands typed at a config prompt, takes the hostname', () => {
      const c = cleanLines(
        [
          'asa-hq# show run crypto',
          'crypto ikev1 enable outside',
          'asa-hq(config)# crypto ikev1 policy 10',
          'asa-hq(config-ikev1-policy)# exit',
          'asa-hq# ',
          'r1>enable',
        ].join('\n'),
      );
      expect(c.promptHostname).to.equal('asa-hq');
      expect(c.lines.map((l) => `${l.n}:${l.indent}:${l.text}`)).to.deep.equal(['2:0:crypto ikev1 enable outside', '3:0:crypto ikev1 policy 10', '4:0:exit']);
      expect([...c.exits]).to.deep.equal([4]);
    });

    it('drops headers, footers, comments and the IOS banner body; keeps the user’s line numbers', () => {
      const c = cleanLines(
        [
          ': Saved',
          'ASA Version 9.8(4)',
          'Cryptochecksum:abc',
          '! comment',
          'banner motd ^C',
          'crypto map EVIL 1 set peer 6.6.6.6',
          '^C',
          'hostname x   ',
          ': end',
        ].join('\n'),
      );
      expect(c.lines.map((l) => `${l.n}:${l.text}`)).to.deep.equal(['8:hostname x']);
    });

    it('knows where the secrets are, and quotes lines without them', () => {
      const kw = (t: string) => t.split(' ');
      expect(secretIndexes(kw('crypto isakmp key 6 ABCDEF address 1.2.3.4'))).to.deep.equal([4]);
      expect(secretIndexes(kw('pre-shared-key address 1.2.3.4 key s3cret'))).to.deep.equal([4]);
      expect(secretIndexes(kw('pre-shared-key local s3cret'))).to.deep.equal([2]);
      expect(secretIndexes(kw('ikev2 remote-authentication pre-shared-key 8 abc'))).to.deep.equal([4]);
      expect(safeText({ words: kw('ikev1 pre-shared-key Hunter2'), keys: kw('ikev1 pre-shared-key hunter2') })).to.equal('ikev1 pre-shared-key <redacted>');
    });
  });

  describe('blocks', () => {
    it('indented sub-commands belong to their head; `!` does not close a block, `exit` does', () => {
      expect(shape('crypto isakmp policy 10\n encr aes\n! note\n hash sha\nexit\n group 2\n')).to.deep.equal(['1:crypto isakmp policy 10 [2,4]', '6:group 2']);
    });

    it('typed sessions: unindented sub-commands join the open block when they are its sub-commands', () => {
      expect(
        shape(
          'int g0/0\nip address 1.1.1.1 255.255.255.0\nnameif outside\nno shutdown\nroute outside 0.0.0.0 0.0.0.0 1.1.1.2\ncrypto ikev2 policy 10\nencryption aes-256\nexit\n',
        ),
      ).to.deep.equal(['1:int g0/0 [2,3,4]', '5:route outside 0.0.0.0 0.0.0.0 1.1.1.2', '6:crypto ikev2 policy 10 [7]']);
    });

    it('show running-config all: an indented global command starts a new block, `crypto map NAME` under an interface stays', () => {
      expect(
        shape('crypto map M 10 set peer 1.1.1.1\n crypto map M 10 set pfs group14\ninterface Gi0/0\n ip address 1.1.1.2 255.255.255.0\n crypto map M\n'),
      ).to.deep.equal(['1:crypto map M 10 set peer 1.1.1.1', '2:crypto map M 10 set pfs group14', '3:interface Gi0/0 [4,5]']);
    });
  });

  describe("ACL entry ports (the selectors' port part)", () => {
    it('eq / range / gt / lt / neq with numbers and the port names Cisco prints; unreadable names and service groups kept apart', () => {
      const book = collectAddressBook(
        blocksOf(
          [
            'object-group service SVC tcp',
            ' port-object eq 22',
            'access-list A extended permit udp host 10.0.0.1 eq isakmp host 10.9.9.9 eq 500',
            'access-list A extended permit tcp 10.0.0.0 255.255.255.0 range 1000 2000 any4 gt 1023',
            'access-list A extended permit tcp any4 lt 1024 any4 neq www',
            'access-list A extended permit tcp any4 eq gopher any4 object-group SVC',
            'access-list 120 permit udp 10.1.0.0 0.0.255.255 eq domain any',
          ].join('\n'),
        ),
      );
      const ports = (acl: string) =>
        book.acls
          .get(acl)!
          .aces.map((a) =>
            [a.srcPorts, a.dstPorts].map((p) => (p ? (p.readable ? p.ranges.map((r) => `${r.from}-${r.to}`).join(',') : '?') : 'any')).join(' > '),
          );
      expect(ports('A')).to.deep.equal(['500-500 > 500-500', '1000-2000 > 1024-65535', '0-1023 > 0-79,81-65535', '? > ?']);
      expect(ports('120')).to.deep.equal(['53-53 > any']);
    });
  });

  describe('configs pasted from documents and e-mails (uniform indentation)', () => {
    // the form of ../shared/real-configs/pairs/summerice7-*: every line carries one blank, and an
    // interface's sub-commands sit at the same column as the interface (the article flattened them)
    const pasted = [
      ' interface GigabitEthernet0/0',
      ' nameif Outside',
      ' ip address 101.100.1.1 255.255.255.0',
      ' !',
      ' crypto ikev2 policy 10',
      '  encryption aes-256',
      '  group 14 5',
      ' tunnel-group 202.106.1.1 ipsec-attributes',
      '  ikev2 local-authentication pre-shared-key x',
      ' management-access Inside',
      ' route VPN 192.168.111.0 255.255.255.0 1.1.1.1',
    ].join('\n');

    it('finds the common indent; a plain show running-config has none', () => {
      expect(pastedIndent(pasted.split('\n'))).to.equal(1);
      expect(pastedIndent(['   crypto map M 10 set pfs', '   crypto map M interface outside', '    x'])).to.equal(3);
      expect(pastedIndent(['interface Gi0/0', ' ip address 1.1.1.1 255.0.0.0', ' crypto map M', 'crypto map M 10 set peer 2.2.2.2'])).to.equal(0);
      // show running-config all prints a few global lines with one blank: the unindented ones dominate
      expect(
        pastedIndent(['crypto map M 10 set peer 1.1.1.1', ' crypto map M 10 set pfs group14', 'crypto map M interface outside', 'crypto ikev1 enable outside']),
      ).to.equal(0);
      // a block's children alone are not a paste of a whole configuration
      expect(pastedIndent([' set peer 1.1.1.1', ' set pfs group14'])).to.equal(0);
      // a line left of the supposed margin: not uniform
      expect(pastedIndent(['  crypto map M 10 set pfs', ' nameif x', '  crypto map M interface outside'])).to.equal(0);
    });

    it('tolerates the first line of a pasted block at the margin (the IOS summerice7 file)', () => {
      const ios = [
        ' interface Ethernet0/0',
        ' ip address 101.100.1.1 255.255.255.0',
        ' ip route 0.0.0.0 0.0.0.0 101.100.1.254',
        ' access-list 101 permit ip any any',
        'crypto isakmp policy 10',
        ' encr aes 256',
        ' crypto isakmp key k address 202.106.1.1',
        ' crypto ipsec profile P',
        '  set pfs group5',
        ' interface Tunnel0',
        '  tunnel mode ipsec ipv4',
      ];
      expect(pastedIndent(ios)).to.equal(1);
      expect(shape(ios.join('\n'))).to.deep.equal([
        '1:interface Ethernet0/0 [2]',
        '3:ip route 0.0.0.0 0.0.0.0 101.100.1.254',
        '4:access-list 101 permit ip any any',
        '5:crypto isakmp policy 10 [6]',
        '7:crypto isakmp key k address 202.106.1.1',
        '8:crypto ipsec profile P [9]',
        '10:interface Tunnel0 [11]',
      ]);
    });

    it('reads it as the device printed it: sub-commands under their command, top-level commands on their own', () => {
      expect(shape(pasted)).to.deep.equal([
        '1:interface GigabitEthernet0/0 [2,3]',
        '5:crypto ikev2 policy 10 [6,7]',
        '8:tunnel-group 202.106.1.1 ipsec-attributes [9]',
        '10:management-access Inside',
        '11:route VPN 192.168.111.0 255.255.255.0 1.1.1.1',
      ]);
      expect(cleanLines(pasted).lines.map((l) => l.indent)).to.deep.equal([0, 0, 0, 0, 1, 1, 0, 1, 0, 0]);
    });
  });

  describe('addresses', () => {
    it('ranges become the exact CIDR cover', () => {
      expect(rangeToCidrs('192.168.78.0', '192.168.78.127')).to.deep.equal(['192.168.78.0/25']);
      expect(rangeToCidrs('10.0.0.1', '10.0.0.6')).to.deep.equal(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
      expect(rangeToCidrs('10.0.0.9', '10.0.0.1')).to.equal(undefined);
    });

    it('netmasks in ASA `extended` ACLs, wildcards in IOS numbered and named ACLs; ports and inactive entries flagged', () => {
      const book = collectAddressBook(
        blocksOf(
          [
            'access-list A line 1 extended permit ip 10.0.0.0 255.255.0.0 any4',
            'access-list A extended permit tcp host 10.1.1.1 eq 443 10.2.0.0 255.255.255.0 inactive',
            'access-list 101 permit ip 10.0.0.0 0.0.255.255 host 10.9.9.9',
            'ip access-list extended NAMED',
            ' 10 permit udp 10.0.0.0 0.0.0.255 any eq 500',
            ' remark x',
            'access-list 10 standard permit 1.1.1.1',
          ].join('\n'),
        ),
      );
      const acl = (n: string) =>
        book.acls
          .get(n)!
          .aces.map((a) => `${a.action} ${a.protocol} ${JSON.stringify(a.src)} ${JSON.stringify(a.dst)} ports=${a.ports} inactive=${a.inactive}`);
      expect(acl('A')).to.deep.equal([
        'permit 0 {"kind":"cidrs","cidrs":["10.0.0.0/16"]} {"kind":"cidrs","cidrs":["0.0.0.0/0"]} ports=false inactive=false',
        'permit 6 {"kind":"cidrs","cidrs":["10.1.1.1/32"]} {"kind":"cidrs","cidrs":["10.2.0.0/24"]} ports=true inactive=true',
      ]);
      expect(acl('101')).to.deep.equal([
        'permit 0 {"kind":"cidrs","cidrs":["10.0.0.0/16"]} {"kind":"cidrs","cidrs":["10.9.9.9/32"]} ports=false inactive=false',
      ]);
      expect(acl('NAMED')).to.deep.equal([
        'permit 17 {"kind":"cidrs","cidrs":["10.0.0.0/24"]} {"kind":"cidrs","cidrs":["0.0.0.0/0"]} ports=true inactive=false',
      ]);
      expect(book.acls.has('10')).to.equal(false);
    });

    it('nested groups resolve, cycles stop, missing names come back with the line that named them', () => {
      const text = [
        'object network A',
        ' subnet 10.1.0.0 255.255.0.0',
        'object-group network G1',
        ' network-object object A',
        ' group-object G2',
        'object-group network G2',
        ' network-object host 10.9.9.9',
        ' group-object G1',
        ' network-object object NOPE',
      ].join('\n');
      const book = collectAddressBook(blocksOf(text));
      const line = blocksOf(text)[0].head;
      const r = resolveAddress({ kind: 'group', name: 'G1' }, line, book, () => undefined);
      expect(r.cidrs).to.deep.equal(['10.1.0.0/16', '10.9.9.9/32']);
      expect(r.missing.map((m) => `${m.what}@${m.line.n}`)).to.deep.equal(['object NOPE@9']);
    });
  });

  describe('crypto', () => {
    const ctx = newCtx('t.cfg');
    const one = (text: string) => readTransforms(ctx, cleanLines(text).lines[0], 0);

    it('transform sets in every spelling', () => {
      expect(one('esp-aes 256 esp-sha-hmac')).to.deep.equal({ protocol: 'esp', encryption: ['aes256'], integrity: ['sha1'] });
      expect(one('esp-aes esp-md5-hmac')).to.deep.equal({ protocol: 'esp', encryption: ['aes128'], integrity: ['md5'] });
      expect(one('esp-aes-192 esp-sha-256-hmac')).to.deep.equal({ protocol: 'esp', encryption: ['aes192'], integrity: ['sha256'] });
      expect(one('esp-gcm 256')).to.deep.equal({ protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] });
      expect(one('esp-3des esp-sha512-hmac comp-lzs')).to.deep.equal({ protocol: 'esp', encryption: ['3des'], integrity: ['sha512'] });
      expect(one('ah-sha-hmac')).to.deep.equal({ protocol: 'ah', encryption: [], integrity: ['sha1'] });
      expect(() => one('esp-aes 512')).to.throw(ParseError, 'expected an ESP transform');
    });

    it('transform-set mode: IOS child line, ASA one-liner, last one wins', () => {
      const sets = collectTransformSets(
        ctx,
        blocksOf(
          'crypto ipsec transform-set T esp-des esp-md5-hmac\n mode transport\n mode tunnel\ncrypto ipsec ikev1 transform-set A esp-aes esp-sha-hmac\ncrypto ipsec ikev1 transform-set A mode transport\n',
        ),
      );
      expect(sets.get('T')!.mode?.value).to.equal('tunnel');
      expect(sets.get('A')!.mode?.value).to.equal('transport');
      expect(sets.get('A')!.mode?.line.n).to.equal(5);
    });

    it('IKEv1 policies sorted by priority; `encr aes 256` and `encryption aes-256` read alike; `lifetime none`', () => {
      const p = collectIkev1Policies(
        ctx,
        blocksOf('crypto isakmp policy 20\n encr aes 256\n lifetime none\ncrypto ikev1 policy 5\n encryption aes-256\n hash sha384\n group 21\n'),
      );
      expect(p.map((x) => `${x.priority}:${x.encryption?.value}:${x.hash?.value ?? '-'}:${x.group?.value ?? '-'}:${x.lifetime?.value ?? '-'}`)).to.deep.equal([
        '5:aes256:sha384:21:-',
        '20:aes256:-:-:0',
      ]);
    });

    it('a policy printed twice (show run and show run crypto pasted together) is one policy', () => {
      const p = collectIkev1Policies(ctx, blocksOf('crypto ikev1 policy 10\n encryption aes-256\ncrypto ikev1 policy 10\n encryption aes-256\n hash sha\n'));
      expect(p.map((x) => `${x.priority}:${x.encryption?.value}:${x.hash?.value}:${x.at.n}`)).to.deep.equal(['10:aes256:sha1:1']);
    });

    it('IKEv2 policies: ASA inline lists, IOS proposal references', () => {
      const p = collectIkev2Policies(
        ctx,
        blocksOf(
          'crypto ikev2 policy 10\n encryption aes-gcm-256 aes-256\n integrity null sha256\n group 20 14\n prf sha256\n lifetime seconds 3600\ncrypto ikev2 policy POL\n proposal A\n proposal B\n',
        ),
      );
      expect(p[0].encryption?.value).to.deep.equal(['aes256gcm16', 'aes256']);
      expect(p[0].integrity?.value).to.deep.equal(['null', 'sha256']);
      expect(p[0].groups?.value).to.deep.equal([20, 14]);
      expect(p[0].lifetime?.value).to.equal(3600);
      expect(p[1].proposalRefs.map((r) => r.value)).to.deep.equal(['A', 'B']);
    });

    it('crypto maps: ASA one-liners and IOS blocks fill the same entry; bindings and dynamic references', () => {
      const maps = collectCryptoMaps(
        ctx,
        blocksOf(
          [
            'crypto map M 10 match address A',
            'crypto map M 10 set peer 1.1.1.1 2.2.2.2',
            'crypto map M 10 set ikev2 ipsec-proposal P1 P2',
            'crypto map M 20 ipsec-isakmp',
            ' set peer 3.3.3.3',
            ' set transform-set T',
            ' set security-association lifetime seconds 1800',
            ' set security-association lifetime kilobytes disable',
            'crypto map M 65535 ipsec-isakmp dynamic D',
            'crypto dynamic-map D 5',
            ' set pfs group14',
            'crypto map M interface outside',
          ].join('\n'),
        ),
      );
      const [e10, e20, e65535] = maps.maps.get('M')!;
      expect(e10.peers.map((p) => p.value)).to.deep.equal(['1.1.1.1', '2.2.2.2']);
      expect(e10.ikev2Proposals?.value).to.deep.equal(['P1', 'P2']);
      expect(e20.transformSets?.value).to.deep.equal(['T']);
      expect(e20.lifetimeSeconds?.value).to.equal(1800);
      expect(e20.lifetimeKilobytes?.value).to.equal(0);
      expect(e65535.dynamicRef?.value).to.equal('D');
      expect(maps.dynamicMaps.get('D')![0].pfs?.value).to.equal('group14');
      expect(maps.bindings.map((b) => `${b.map}@${b.iface}`)).to.deep.equal(['M@outside']);
    });

    it('later lines change earlier ones: ASA `set peer` replaces, IOS adds; `no …` takes back a setting, an entry, a binding', () => {
      const maps = collectCryptoMaps(
        ctx,
        blocksOf(
          [
            'crypto map M 10 set peer 1.1.1.1 2.2.2.2',
            'crypto map M 10 set pfs group14',
            'crypto map M 10 set peer 9.9.9.9',
            'no crypto map M 10 set pfs',
            'no crypto map M 10 set tfc-packets',
            'crypto map M 30 set peer 4.4.4.4',
            'no crypto map M 30',
            'crypto map M 20 ipsec-isakmp',
            ' set peer 3.3.3.3',
            ' set peer 5.5.5.5',
            ' set security-association lifetime seconds 1800',
            'crypto map M 20 ipsec-isakmp',
            ' no set peer 3.3.3.3',
            ' no set security-association lifetime seconds',
            'crypto map M interface outside',
            'crypto map M interface dmz',
            'no crypto map M interface dmz',
          ].join('\n'),
        ),
      );
      const [e10, e20, ...rest] = maps.maps.get('M')!;
      expect(rest).to.deep.equal([]);
      expect(e10.peers.map((p) => p.value)).to.deep.equal(['9.9.9.9']);
      expect(e10.pfs).to.equal(undefined);
      expect(e20.peers.map((p) => p.value)).to.deep.equal(['5.5.5.5']);
      expect(e20.lifetimeSeconds).to.equal(undefined);
      expect(maps.bindings.map((b) => `${b.map}@${b.iface}`)).to.deep.equal(['M@outside']);
    });

    it('entries in sequence order whatever the file order; an entry taken back and written again starts afresh', () => {
      const maps = collectCryptoMaps(
        ctx,
        blocksOf(
          [
            'crypto map M 30 set peer 3.3.3.3',
            'crypto map M 10 set peer 1.1.1.1',
            'crypto dynamic-map M 5 set pfs group14',
            'crypto map M 20 set peer 2.2.2.2',
            'crypto map M 10 set pfs group19',
            'no crypto map M 10',
            'crypto map M 10 set peer 7.7.7.7',
            'no crypto map M 99',
          ].join('\n'),
        ),
      );
      const entries = maps.maps.get('M')!;
      expect(entries.map((e) => `${e.seq} ${e.peers.map((p) => p.value).join(',')} ${e.pfs?.value ?? '-'} ${e.at.n}`)).to.deep.equal([
        '10 7.7.7.7 - 7',
        '20 2.2.2.2 - 4',
        '30 3.3.3.3 - 1',
      ]);
      // a dynamic map of the same name is a map of its own
      expect(maps.dynamicMaps.get('M')!.map((e) => `${e.seq} ${e.pfs?.value}`)).to.deep.equal(['5 group14']);
    });

    it('ACL entries taken back as the device does: ASA one entry or the whole list, IOS the whole numbered list, a named list, one named entry', () => {
      const book = collectAddressBook(
        blocksOf(
          [
            'access-list A extended permit ip 10.0.0.0 255.0.0.0 any4',
            'access-list A line 2 extended permit ip host 10.1.1.1 any4',
            'no access-list A extended permit ip host 10.1.1.1 any4',
            'access-list B extended permit ip any4 any4',
            'clear configure access-list B',
            'access-list 101 permit ip any any',
            'access-list 101 permit ip host 1.1.1.1 any',
            'no access-list 101 permit ip host 1.1.1.1 any',
            'ip access-list extended N',
            ' permit ip 10.0.0.0 0.0.0.255 any',
            ' permit ip 10.0.1.0 0.0.0.255 any',
            ' permit ip 10.0.2.0 0.0.0.255 any',
            'ip access-list extended N',
            ' no 20',
            ' no permit ip 10.0.2.0 0.0.0.255 any',
            'ip access-list extended X',
            ' permit ip any any',
            'no ip access-list extended X',
          ].join('\n'),
        ),
      );
      expect([...book.acls.keys()]).to.deep.equal(['A', 'N']);
      expect(book.acls.get('A')!.aces.map((a) => a.line.n)).to.deep.equal([1]);
      expect(book.acls.get('N')!.aces.map((a) => a.line.n)).to.deep.equal([10]);
    });

    it('an ACL, object or group asked for by name is what reading the whole file gives (clear of every ACL included)', () => {
      const text = [
        'object network O',
        ' host 10.0.0.1',
        'access-list A extended permit ip 10.0.0.0 255.0.0.0 any4',
        'access-list B extended permit ip any4 any4',
        'clear configure access-list',
        'access-list A extended permit ip host 10.1.1.1 any4',
        'object-group network G',
        ' network-object object O',
        'object network O',
        ' nat (inside,outside) dynamic interface',
        'access-list A line 1 extended permit ip host 10.2.2.2 any4',
        'no access-list A extended permit ip host 10.1.1.1 any4',
      ].join('\n');
      const byName = collectAddressBook(blocksOf(text));
      const whole = collectAddressBook(blocksOf(text));
      const all = new Map(whole.acls); // lists the table: the whole file, in order
      const show = (acl: ReturnType<typeof byName.acls.get>) => acl?.aces.map((a) => `${a.line.n}:${JSON.stringify(a.src)}`);
      expect(show(byName.acls.get('A'))).to.deep.equal(['11:{"kind":"cidrs","cidrs":["10.2.2.2/32"]}']);
      expect(show(byName.acls.get('A'))).to.deep.equal(show(all.get('A')));
      expect(byName.acls.has('B')).to.equal(false);
      expect(all.has('B')).to.equal(false);
      expect(byName.objects.get('O')?.members.map((m) => m.line.n)).to.deep.equal([2]);
      expect(byName.groups.get('G')?.members.map((m) => m.line.n)).to.deep.equal([8]);
      expect(byName.objects.get('NOPE')).to.equal(undefined);
    });
  });

  it('detect scores: ASA marks vs IOS marks, nothing for non-Cisco text', () => {
    expect(ciscoScores('ASA Version 9.8(4)\ncrypto ikev1 enable outside\n')).to.deep.equal({ asa: 0.8, ios: 0.1 });
    expect(ciscoScores('version 15.4\ncrypto isakmp key k address 1.1.1.1\ncrypto keyring K\n')).to.deep.equal({ asa: 0.1, ios: 0.9 });
    expect(ciscoScores('crypto map M 10 set peer 1.1.1.1\n')).to.deep.equal({ asa: 0.3, ios: 0.3 });
    expect(ciscoScores('conn hq\n  left=1.2.3.4\n')).to.deep.equal({ asa: 0, ios: 0 });
  });

  it('detect: the platform header in the first 512 characters makes it certain, elsewhere it is only a mark', () => {
    const asaHead = ': Saved\n:\n: Serial Number: FCH21427XYZ\n:\nASA Version 9.16(4)57\n!\nhostname fw\n';
    const iosHead = 'Building configuration...\n\nCurrent configuration : 1265 bytes\n!\nversion 15.4\nhostname r1\n';
    expect([asa.detect(asaHead, 'f'), ios.detect(asaHead, 'f')]).to.deep.equal([1, 0.1]);
    expect([asa.detect(iosHead, 'f'), ios.detect(iosHead, 'f')]).to.deep.equal([0.1, 1]);
    // past 512 characters the header is one mark among the others, as before
    const late = `${'!\n'.repeat(300)}ASA Version 9.16(4)57\nhostname fw\n`;
    expect([asa.detect(late, 'f'), ios.detect(late, 'f')]).to.deep.equal([0.7, 0.1]);
    // an ASA header wins over an IOS one: one mark each, only ASA certain
    const both = 'Current configuration : 120 bytes\nASA Version 9.8(4)\nhostname fw\n';
    expect([asa.detect(both, 'f'), ios.detect(both, 'f')]).to.deep.equal([1, 0.7]);
    // a byte count is what IOS prints; Ruckus/Brocade print `Current configuration:` without one
    const ruckus = 'Current configuration:\n!\nver 08.0.30\nhostname sw\n';
    expect([asa.detect(ruckus, 'f'), ios.detect(ruckus, 'f')]).to.deep.equal([0.3, 0.3]);
  });
});
