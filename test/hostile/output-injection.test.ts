/**
 * Issue 13, Security: output injection. Names from input files (a file name, a tunnel name) with
 * ANSI/OSC/C1 sequences, a newline followed by `::error file=…::` (a GitHub Actions workflow
 * command), bidi overrides, U+FFFE/U+FFFF, lone surrogates and C0 controls must not reach a
 * terminal raw nor make a JUnit/SARIF/HTML/JSON output invalid: one sanitizing function per output
 * kind (src/report/sanitize.ts), tested on a hostile corpus, and an audit whose file name holds them.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { forHtml, forTerminal, forXml, jsonSafe, neutralizeCommands } from '../../src/report/sanitize.js';
import { fixturePath } from '../helpers.js';
import { captureIo } from '../io.js';

const CORPUS = [
  '\u001b[2J\u001b[31mred',
  '\u001b]0;title\u0007',
  '\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\',
  '\u009b31m',
  'x\n::error file=a.ts,line=1::owned',
  '\u202eevil\u202c',
  '\ufffe\uffff',
  'lone \ud800 surrogate \udc00',
  '\u0000\u0001\u0008\u000b\u000c\u001f\u007f',
  '\u2028\u2029',
];
/** What no output may hold raw (tab, LF, CR excepted where a format allows them). */
const RAW =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('hostile: output injection', () => {
  it('each output kind escapes the hostile corpus (shown as \\uXXXX, not dropped)', () => {
    for (const s of CORPUS) {
      for (const [kind, out] of [
        ['terminal', forTerminal(s)],
        ['xml', forXml(s)],
        ['html', forHtml(s)],
        ['json', jsonSafe(JSON.stringify(s))],
      ] as const) {
        expect(RAW.test(out), `${kind} ${JSON.stringify(s)} → ${JSON.stringify(out)}`).to.equal(false);
        // XML and HTML keep a newline (valid there); a terminal line never carries one from a name
        if (kind === 'terminal') expect(out, kind).not.to.contain('\n');
      }
      expect(JSON.parse(jsonSafe(JSON.stringify(s)))).to.equal(s);
    }
    expect(forTerminal('\u001b[31m')).to.equal('\\u001b[31m');
    expect(forXml('<a>&')).to.equal('&lt;a&gt;&amp;');
    expect(neutralizeCommands('ok\n::error file=x::y\n  ::warning::z')).to.equal('ok\n\\::error file=x::y\n  \\::warning::z');
  });

  it('an audit of a file whose name holds ESC, a newline with ::error, U+FFFE and a bidi override: every format stays valid and inert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-drift-inject-'));
    try {
      mkdirSync(join(dir, 'configs'));
      const name = 'gw\u001b[2J\n::error file=x,line=1::pwned\ufffe\u202e.conf';
      writeFileSync(join(dir, 'configs', name), readFileSync(fixturePath('pairs', 'sw-swanctl-ipsecconf-match', 'site-b.ipsec.conf')));
      writeFileSync(join(dir, 'configs', 'junk\u001b]0;t\u0007.conf'), 'not a config \u0000\n');
      for (const format of ['table', 'json', 'sarif', 'junit', 'html']) {
        const io = captureIo();
        await run(['audit', join(dir, 'configs'), '--format', format, '--fail-on', 'none', '--jobs', '1'], io);
        for (const out of [io.out, io.err]) {
          expect(RAW.test(out), `${format}: ${JSON.stringify(out.match(RAW)?.[0])}`).to.equal(false);
          expect(/^[ \t]*::/m.test(out), format).to.equal(false);
        }
        if (format === 'json' || format === 'sarif') JSON.parse(io.out);
        if (format === 'json') expect(io.out).to.contain('configs/gw\\u001b[2J\\n::error');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
