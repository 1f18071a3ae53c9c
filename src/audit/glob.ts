/**
 * The small subset of .gitignore patterns an exclude list needs: `*`, `**`, `?`, a leading `/`
 * to anchor at the root, a trailing `/` for directories only, `#` comments, `!` to re-include.
 * Paths are repo-relative with `/` separators.
 */
export interface Pattern {
  negate: boolean;
  dirOnly: boolean;
  re: RegExp;
}

function toRegExp(glob: string, anchored: boolean): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of directories, a trailing `**` everything below
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // unanchored patterns without a slash match at any depth, like git
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
}

export function parsePattern(line: string): Pattern | undefined {
  let text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  const negate = text.startsWith('!');
  if (negate) text = text.slice(1);
  const dirOnly = text.endsWith('/');
  if (dirOnly) text = text.slice(0, -1);
  const anchored = text.startsWith('/') || text.slice(0, -1).includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  return { negate, dirOnly, re: toRegExp(text, anchored) };
}

export function parsePatterns(lines: string[]): Pattern[] {
  return lines.map(parsePattern).filter((p): p is Pattern => p !== undefined);
}

/** Last matching pattern wins, as in git. */
export function isExcluded(path: string, isDir: boolean, patterns: Pattern[]): boolean {
  let excluded = false;
  for (const p of patterns) {
    // excluded directories are never entered, so a directory-only pattern need only test directories
    if (p.dirOnly && !isDir) continue;
    if (p.re.test(path)) excluded = !p.negate;
  }
  return excluded;
}
