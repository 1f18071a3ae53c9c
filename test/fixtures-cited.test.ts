/**
 * Every fixture names the real output it is modelled on (PROTOCOL: "Every fixture you write is
 * modelled on a real output you looked up and says where from in a comment at its top").
 *
 * A device input carries the citation in its leading comment block, in the comment form its vendor's
 * printed output allows (`!` for Cisco, `#` for FortiOS/strongSwan/RouterOS/PAN-OS/YAML, `<!-- -->`
 * for XML, a slash-star block for the Junos brace form, a `# …` line at the PowerShell prompt or `rem …` at
 * cmd.exe for Windows sessions). A
 * deliberately bad input may say so instead of naming a source, but must still say what it breaks.
 *
 * Formats that cannot carry a comment are listed below, each with where its source is written.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT, filesUnder, fixturePath, readText } from './helpers.js';

/** Phrases that say where a fixture comes from (or that it is broken on purpose). */
const CITATION =
  /\b(modell?ed on|modeled on|captured from|adapted from|bad input on purpose|deliberately (broken|bad)|broken on purpose|(after|as in) (a |the )?real\b|as in fixtures\/|reused (as it is )?from fixtures\/|no (real |printed |captured )?[\w ]{0,30}(sample|output)s? (was |were )?found)\b/i;

/** How far down the leading comment block may reach (FortiOS backups start with two header lines). */
const HEAD_LINES = 12;

/**
 * Files under fixtures/ that are not a device's printed output, so nothing is modelled: the audit
 * repository's own scaffolding (its README, ignore file, inventory and backup script are the user's
 * files in that scenario, written by the project) and the notes that carry sources.
 */
const NOT_DEVICE_OUTPUT: ReadonlyMap<string, string> = new Map([
  ['audit-repo/README.md', 'the fixture repository’s own README'],
  ['audit-repo/.ipsec-driftignore', 'an ipsec-drift ignore file (this project’s format)'],
  ['audit-repo/tunnels.yaml', 'an ipsec-drift inventory (this project’s format)'],
  ['audit-repo/scripts/pull-configs.sh', 'the fictional estate’s backup script, never parsed'],
  ['audit-repo/docs/topology.png', 'an image in the fictional estate, never parsed'],
  ['aws-vpn/SOURCES.md', 'the source note of the AWS fixtures'],
  ['azure-vpngw/SOURCES.md', 'the source note of the Azure fixtures'],
  ['pairs/aws-routeros-one-tunnel-no-pfs/SOURCES.md', 'the source note of that pair’s AWS file'],
  ['asa/bad/empty.txt', 'an empty file on purpose (asa.test.ts): a comment would make it not empty'],
]);

/**
 * Text formats with no comment syntax: the AWS "Generic" configuration download (its first line is
 * `Amazon Web Services`). Such a file is named, with its source, in a SOURCES.md beside it.
 */
const NO_COMMENT_SYNTAX: readonly RegExp[] = [/^Amazon Web Services\r?\n/];

/** The file is named on a "modelled on" row of the SOURCES.md in its folder. */
function inSourcesNote(rel: string): boolean {
  const note = join(dirname(fixturePath(rel)), 'SOURCES.md');
  if (!existsSync(note)) return false;
  const name = rel.split('/').pop() as string;
  const text = readFileSync(note, 'utf8');
  return /modell?ed on/i.test(text) && text.split('\n').some((l) => l.startsWith(`| ${name} |`) && l.length > name.length + 12);
}

/**
 * Formats that cannot carry a comment. JSON: a device's JSON (AWS describe-vpn-connections) names
 * its source in a top-level `"_source"` key (a list of documents: in its first document's), which the adapter ignores like every field it does not
 * read; a pair's expected.json is the test's expectation, not a device output.
 */
function jsonCited(rel: string, text: string): string | undefined {
  if (/^pairs\/[^/]+\/expected\.json$/.test(rel)) return undefined; // a test expectation
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  // a list of exported documents (`jq -s .` of several az/aws outputs) names it in its first document
  const first = Array.isArray(value) ? value[0] : value;
  const source = (first as Record<string, unknown>)?._source;
  if (typeof source === 'string' && CITATION.test(source)) return undefined;
  if (inSourcesNote(rel)) return undefined;
  return 'a JSON fixture names its source in a top-level "_source" key ("modelled on …") or a SOURCES.md beside it';
}

/** The text of the comment lines among the first lines of a text fixture. */
function leadingComments(text: string): string {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, HEAD_LINES);
  const out: string[] = [];
  let inXml = false;
  let inBlock = false;
  for (const line of lines) {
    if (inXml || line.includes('<!--')) {
      inXml = !line.includes('-->') || line.lastIndexOf('<!--') > line.lastIndexOf('-->');
      out.push(line);
      continue;
    }
    // Junos brace form: a /* … */ block
    if (inBlock || line.trimStart().startsWith('/*')) {
      inBlock = !line.includes('*/');
      out.push(line);
      continue;
    }
    const t = line.trim();
    // Cisco `!`, shell-style `#`, a `# …` typed at a PowerShell prompt, `rem …` typed at cmd.exe
    const m = /^(?:[!#]|PS [^>]*> ?#|[A-Za-z]:\\[^>]*> ?rem\b|rem\b)(.*)$/i.exec(t);
    if (m) out.push(m[1]);
  }
  return out.join(' ');
}

/** Why a fixture fails the rule, or undefined when it names its source. */
function uncited(rel: string, text: string): string | undefined {
  if (NOT_DEVICE_OUTPUT.has(rel)) return undefined;
  if (rel.endsWith('.json')) return jsonCited(rel, text);
  if (NO_COMMENT_SYNTAX.some((re) => re.test(text))) {
    return inSourcesNote(rel) ? undefined : 'a format without comments: name it and its source in a SOURCES.md beside it';
  }
  const comments = leadingComments(text);
  if (!comments) return `no comment in its first ${HEAD_LINES} lines`;
  if (!CITATION.test(comments)) return 'its leading comment does not say what real output it is modelled on';
  return undefined;
}

describe('fixtures: each names the real output it is modelled on', () => {
  const files = filesUnder(fixturePath()).map((p) => relative(fixturePath(), p));

  it('every fixture file has a citing comment at its top (or is in the documented list of exceptions)', () => {
    const failures = files
      .filter((rel) => !NOT_DEVICE_OUTPUT.has(rel))
      .map((rel) => [rel, uncited(rel, readText(join(ROOT, 'fixtures', rel)))] as const)
      .filter(([, why]) => why !== undefined)
      .map(([rel, why]) => `fixtures/${rel}: ${why}`);
    expect(failures).to.deep.equal([]);
  });

  it('each listed exception exists (the list does not rot)', () => {
    for (const rel of NOT_DEVICE_OUTPUT.keys()) expect(files, rel).to.include(rel);
  });

  it('a fixture "adapted from", "reused from" or laid out "as in" another names one that exists', () => {
    const broken: string[] = [];
    for (const rel of files) {
      if (rel.endsWith('.json') || NOT_DEVICE_OUTPUT.has(rel)) continue;
      const c = leadingComments(readText(join(ROOT, 'fixtures', rel)));
      for (const m of c.matchAll(/(?:adapted from|reused (?:as it is )?from|as in) (fixtures\/[\w./#-]+\w)/gi)) {
        if (!existsSync(join(ROOT, m[1]))) broken.push(`fixtures/${rel}: ${m[1]}`);
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it('the rule itself: an uncited fixture, a bare comment and an uncited JSON are caught', () => {
    expect(uncited('ios/x.cfg', '! Last configuration change at 10:01:12 UTC Mon Mar 4 2024\nhostname r1\n')).to.equal(
      'its leading comment does not say what real output it is modelled on',
    );
    expect(uncited('fortigate/x.conf', 'config vpn ipsec phase1-interface\nend\n')).to.equal(`no comment in its first ${HEAD_LINES} lines`);
    expect(uncited('ios/x.cfg', '! Modelled on batfish/batfish ios-crypto-ipsec r1\nhostname r1\n')).to.equal(undefined);
    expect(uncited('pfsense/x.xml', '<?xml version="1.0"?>\n<!--\n  modelled on pfsense/pfsense\n-->\n<pfsense/>')).to.equal(undefined);
    expect(uncited('windows-rras/x.txt', 'PS C:\\> # modelled on the help example\nPS C:\\> hostname\n')).to.equal(undefined);
    expect(uncited('aws-vpn/none.json', '{"VpnConnections": []}')).to.match(/_source/);
  });
});
