/** Walking a config repo: the exclude patterns (gitignore subset), symlinks, the size limit. */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isExcluded, parsePatterns } from '../../src/audit/glob.js';
import { discover } from '../../src/audit/discover.js';

describe('audit: exclude patterns', () => {
  const excluded = (patterns: string[], path: string, dir = false) => isExcluded(path, dir, parsePatterns(patterns));

  it('follows the .gitignore rules it supports', () => {
    // no slash: any depth; trailing slash: directories only
    expect(excluded(['*.bak'], 'configs/hq/fgt.conf.bak')).to.equal(true);
    expect(excluded(['archive/'], 'configs/archive', true)).to.equal(true);
    expect(excluded(['archive/'], 'configs/archive')).to.equal(false);
    // a leading or inner slash anchors at the root
    expect(excluded(['/old.conf'], 'old.conf')).to.equal(true);
    expect(excluded(['/old.conf'], 'configs/old.conf')).to.equal(false);
    expect(excluded(['configs/lab'], 'configs/lab', true)).to.equal(true);
    expect(excluded(['configs/lab'], 'x/configs/lab', true)).to.equal(false);
    // ** spans directories; ? is one character
    expect(excluded(['configs/**/tmp'], 'configs/a/b/tmp', true)).to.equal(true);
    expect(excluded(['fw-??.conf'], 'fw-01.conf')).to.equal(true);
    expect(excluded(['fw-??.conf'], 'fw-001.conf')).to.equal(false);
    // the last match wins; ! re-includes; comments and blank lines are nothing
    expect(excluded(['*.bak', '!keep.bak'], 'configs/keep.bak')).to.equal(false);
    expect(excluded(['# *.conf', '', '  '], 'a.conf')).to.equal(false);
  });
});

describe('audit: discovery', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ipsec-drift-discover-'));
    for (const d of ['configs/a', 'configs/b', 'archive', '.git', 'node_modules/x']) mkdirSync(join(root, d), { recursive: true });
    for (const f of [
      'configs/a/fw.conf',
      'configs/b/fw.xml',
      'configs/b/fw.xml.orig',
      'archive/old.conf',
      '.git/config',
      'node_modules/x/index.js',
      'notes.txt',
      'results.sarif',
      'junit.xml',
    ])
      writeFileSync(join(root, f), 'x\n');
    writeFileSync(join(root, '.ipsec-driftignore'), 'archive/\n*.orig\n');
    writeFileSync(join(root, '.gitignore'), 'notes.txt\n');
    symlinkSync('..', join(root, 'configs', 'a', 'up')); // a loop
    writeFileSync(join(root, 'configs', 'big.log'), '');
    truncateSync(join(root, 'configs', 'big.log'), 3 * 1048576);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists the files left after excludes; skips symlinks and files over the limit with a note', () => {
    const found = discover([root], ['configs/b/'], 2 * 1048576);
    const rel = (p: string) => relative(root, p).split('\\').join('/');
    expect(found.files.map(rel)).to.deep.equal(['.gitignore', '.ipsec-driftignore', 'configs/a/fw.conf']);
    expect(found.skipped.map((s) => [rel(s.path), s.reason])).to.deep.equal([
      ['configs/a/up', 'symbolic link (not followed)'],
      ['configs/big.log', '3 MB, over the 2 MB limit for a configuration'],
    ]);
  });

  it('takes a file given directly, and notes a path that does not exist', () => {
    const found = discover([join(root, 'configs/b/fw.xml'), join(root, 'nope')], [], 1048576);
    expect(found.files).to.deep.equal([join(root, 'configs/b/fw.xml')]);
    expect(found.skipped).to.deep.equal([{ path: join(root, 'nope'), reason: 'does not exist' }]);
  });
});
