/** Google Cloud VPN adapter: gcloud describe YAML (tunnels + gateway), HA VPN grouping, cipherSuite, bad input, fixes. */
import { expect } from 'chai';
import { join } from 'node:path';
import { adapter } from '../../adapters/gcp-vpn/index.js';
import { deepLine } from '../../adapters/cloud-common/tree.js';
import { strayLine } from '../../adapters/gcp-vpn/read.js';
import type { FixRequest } from '../../src/model/adapter.js';
import { at, expectValid, parseErrorOf, ROOT, readText, tunnelNamed as tunnel } from '../helpers.js';

const file = 'fixtures/gcp-vpn/ha-vpn-tunnels-and-gateway.yaml';
const d = expectValid(adapter.parse(readText(join(ROOT, file)), file));

describe('gcp-vpn adapter', () => {
  it('reads both HA VPN tunnels with the gateway interface addresses as local gateways', () => {
    expect(d.tunnels.map((t) => [t.name, t.localGateway?.value, t.remoteGateway.value])).to.deep.equal([
      ['onprem-tunnel-0', '203.0.113.70', '198.51.100.30'],
      ['onprem-tunnel-1', '203.0.113.71', '198.51.100.30'],
    ]);
    expect(tunnel(d, 'onprem-tunnel-0').remoteGateway).to.deep.include({ raw: 'peerIp: 198.51.100.30', at: at(file, 21) });
    expect(d.hostname).to.equal('ha-vpn-gw-a');
  });
  it('groups the two tunnels of one gateway to one peer gateway', () => {
    expect(tunnel(d, 'onprem-tunnel-1').redundancy?.members).to.deep.equal(['onprem-tunnel-0', 'onprem-tunnel-1']);
  });
  it('reads a cipherSuite; without one, the supported set (default)', () => {
    const t1 = tunnel(d, 'onprem-tunnel-1');
    expect(t1.phase1.proposals.value).to.deep.equal([{ encryption: ['aes256'], integrity: ['sha256'], prf: ['prfsha256'], dhGroups: [14] }]);
    expect(t1.phase2[0].proposals.value).to.deep.equal([{ protocol: 'esp', encryption: ['aes128'], integrity: ['sha256'] }]);
    expect(t1.phase2[0].pfsGroups.value).to.deep.equal([14]);
    expect(tunnel(d, 'onprem-tunnel-0').phase1.proposals.origin).to.equal('default');
  });
  it('fixed lifetimes, a masked secret (unknown, never compared)', () => {
    const t0 = tunnel(d, 'onprem-tunnel-0');
    expect([t0.phase1.lifetimeSeconds.value, t0.phase2[0].lifetimeSeconds.value]).to.deep.equal([36000, 10800]);
    // no Google page read here confirms these: marked assumed (README "Defaults and limits")
    expect(t0.phase1.lifetimeSeconds).to.deep.equal({
      value: 36000,
      raw: 'Phase 1 lifetime 36000 s (fixed by Cloud VPN)',
      unit: 'seconds',
      origin: 'default',
      assumed: true,
    });
    expect(
      [t0.phase2[0].lifetimeSeconds, t0.phase1.proposals, t0.phase2[0].proposals, t0.phase2[0].pfsGroups, t0.natt.mode, t0.dpd.mode].map((x) => x.assumed),
    ).to.deep.equal([true, true, true, true, true, true]);
    expect(t0.allowed?.phase2LifetimeSeconds).to.deep.equal({ min: 10800, max: 10800 });
    expect(t0.auth.psk?.value).to.equal('unknown');
  });
  it('bad input: not a tunnel describe, an unknown cipher name', () => {
    expect(parseErrorOf(() => adapter.parse('kind: compute#instance\nname: vm-1\n', 'x.yaml')).located).to.equal(
      'x.yaml:1: expected `gcloud compute vpn-tunnels describe` output (kind: compute#vpnTunnel)',
    );
    const bad = 'kind: compute#vpnTunnel\nname: t\npeerIp: 198.51.100.1\ncipherSuite:\n  phase1:\n    encryption:\n    - ROT13\n';
    expect(parseErrorOf(() => adapter.parse(bad, 'y.yaml')).located).to.equal('y.yaml:7: expected a GCP encryption name, found "ROT13"');
  });
  it('fixes say "recreate" and never hold a key; lifetimes have none', () => {
    const t0 = tunnel(d, 'onprem-tunnel-0');
    const f = adapter.fix({ field: 'ikeVersion', target: 1, device: d, tunnel: t0 } as FixRequest) ?? '';
    expect(f).to.match(
      /^recreate the tunnel \(Cloud VPN tunnels cannot be modified\): gcloud compute vpn-tunnels delete onprem-tunnel-0 --region=us-central1\n/,
    );
    expect(f).to.include('--ike-version=1').and.include('--shared-secret=<the key the peer uses>');
    expect(adapter.fix({ field: 'phase2.lifetimeSeconds', target: 3600, device: d, tunnel: t0, phase2: t0.phase2[0] } as FixRequest)).to.equal(undefined);
  });

  describe('deep nesting is refused before the YAML parser (cloud-common/tree.ts deepLine; issue 13)', () => {
    const seed = readText(join(ROOT, file));
    const lines = seed.split('\n');
    it('1 MB of `{` inside a flow value: a file:line error from one scan (the yaml package took 2.5 s and 590 MB to refuse it)', () => {
      const text = [...lines.slice(0, 9), `labels: {${'{'.repeat(1 << 20)}`, ...lines.slice(9)].join('\n');
      expect(parseErrorOf(() => adapter.parse(text, 'deep/in.yaml')).located).to.equal(
        'deep/in.yaml:10: expected JSON or YAML nested at most 1000 levels deep, found deeper nesting',
      );
    });
    it('counts only real openers: 1000 levels pass, the 1001st is refused at its line', () => {
      expect(deepLine(`a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`)).to.equal(undefined);
      expect(deepLine(`a: 1\nb: ${'['.repeat(1001)}\n`)).to.equal(2);
      expect(deepLine(`{"a":${'{"a":'.repeat(1000)}1}`)).to.equal(1);
      expect(deepLine(`${'- '.repeat(1001)}a\n`)).to.equal(1);
      expect(deepLine(`x: 1\n${'- '.repeat(1000)}a\n${'- '.repeat(1000)}b\n`)).to.equal(undefined);
    });
    it('`{` in a plain scalar, in a comment or in quotes is text, not nesting', () => {
      const braces = '{'.repeat(2000);
      expect(deepLine(`description: a${braces}\n`)).to.equal(undefined);
      expect(deepLine(`# ${braces}\nname: x\n`)).to.equal(undefined);
      expect(deepLine(`name: x # ${braces}\n`)).to.equal(undefined);
      expect(deepLine(`name: "${braces}"\n`)).to.equal(undefined);
      expect(deepLine(`name: '${braces}'\n`)).to.equal(undefined);
      // a quote inside a plain scalar does not open a string that would hide what follows
      expect(deepLine(`name: it's\nb: ${'['.repeat(1001)}\n`)).to.equal(2);
      // the real export: nothing deep
      expect(deepLine(seed)).to.equal(undefined);
    });
  });

  describe('a line gcloud never starts at column 0 is refused before the YAML parser (read.ts strayLine; issue 13)', () => {
    const seed = readText(join(ROOT, file));
    const lines = seed.split('\n');
    const tunnelsOf = (text: string) => adapter.parse(text, 'in.yaml').tunnels.map((t) => [t.name, t.remoteGateway.value, t.localGateway?.value]);
    const STRAY =
      'expected gcloud YAML: a line that starts at column 0 is a "key:", a "- " list item, "---" or a comment (a value continued on the next line is indented)';
    it('256 KB of `\\` lines after a value: the first is a file:line error (the yaml package took 3.4 s, one error per line)', () => {
      // line 31 is `vpnGatewayInterface: 0`: the shape the hostile suite plants "right after a value"
      expect(lines[30]).to.equal('vpnGatewayInterface: 0');
      const text = [...lines.slice(0, 30), `${lines[30]}\\`, ...'\\'.repeat(1 << 17).split(''), ...lines.slice(31)].join('\n');
      expect(parseErrorOf(() => adapter.parse(text, 'h/in.yaml')).located).to.equal(`h/in.yaml:32: ${STRAY}`);
      const blocks = [...lines.slice(0, 31), ...Array(1000).fill('a {'), ...lines.slice(31)].join('\n');
      expect(parseErrorOf(() => adapter.parse(blocks, 'h/in.yaml')).located).to.equal(`h/in.yaml:32: ${STRAY}`);
    });
    it('what the printer writes at column 0 passes: keys, top-level list items, ---, ..., %YAML, comments', () => {
      expect(strayLine(seed)).to.equal(undefined);
      const pair = readText(join(ROOT, 'fixtures/pairs/x-gcp-strongswan-ha-vpn/gcp-ha-vpn.yaml'));
      expect(strayLine(pair)).to.equal(undefined);
      expect(strayLine(`%YAML 1.2\n---\n${seed}\n...\n`)).to.equal(undefined);
      expect(strayLine('\'quoted key\': 1\n"a\\"b": 2\nkey:\r\n- item\r\n-\n  nested: 3\n\t\n')).to.equal(undefined);
      expect(strayLine(`\uFEFF${seed}`)).to.equal(undefined);
    });
    it('indented lines are never checked: a wrapped value and a literal block with blank lines read as before', () => {
      // ruamel wraps a long plain value at a space past column 80 and indents the rest by 2; a
      // string with newlines is a `|` block (yaml_printer.py)
      const words = 'Tunnel to the on-premises peer in the branch office, created by the network team for'.split(' ');
      const wrapped = `description: ${words.join(' ')}\n  the 2024 migration`;
      const literal = 'description: |-\n  first line\n\n  third line';
      const at2 = lines.indexOf("description: ''");
      expect(at2).to.equal(10);
      for (const d of [wrapped, literal]) {
        const text = [...lines.slice(0, at2), d, ...lines.slice(at2 + 1)].join('\n');
        expect(strayLine(text), d).to.equal(undefined);
        expect(tunnelsOf(text), d).to.deep.equal(tunnelsOf(seed));
      }
    });
    it('refuses at its line: `\\`, `a {`, a tab before text, `{` and `:` at column 0 in YAML; JSON text is left to the parser', () => {
      expect(strayLine('name: a\n\\\n')).to.equal(2);
      expect(strayLine('name: a\nb: 1\na {\n')).to.equal(3);
      expect(strayLine('name: a\n\tb: 1\n')).to.equal(2);
      expect(strayLine('name: a\n{\n')).to.equal(2);
      expect(strayLine('name: a\n: b\n')).to.equal(2);
      expect(strayLine('name: a\n-x\n')).to.equal(2);
      expect(strayLine('{\n"kind": "compute#vpnTunnel",\n\\\n}')).to.equal(undefined);
      expect(strayLine(' [\n\\\n]')).to.equal(undefined);
    });
  });
});
