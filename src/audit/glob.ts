/**
 * The small subset of .gitignore patterns an exclude list needs: `*`, `**`, `?`, a leading `/`
 * to anchor at the root, a trailing `/` for directories only, `#` comments, `!` to re-include.
 * Paths are repo-relative with `/` separators.
 *
 * A .gitignore comes with the pull request, so its patterns are matched by simulating all of a
 * pattern's positions at once (a Thompson NFA), never by a backtracking RegExp: `*a*a*a*a*b` or
 * `**` repeated cost time proportional to pattern × path length, not exponential in the stars.
 */
type Token = { t: 'lit'; c: string } | { t: 'one' } | { t: 'star' } | { t: 'all' } | { t: 'dirs' };

export interface Pattern {
  negate: boolean;
  dirOnly: boolean;
  tokens: readonly Token[];
}

/** No path is longer than this; a pattern needing more characters can never match. */
const MAX_PATH = 4096;

function tokenize(glob: string, anchored: boolean): Token[] {
  // unanchored patterns match at any depth, like git: an implicit leading `**/`
  const out: Token[] = anchored ? [] : [{ t: 'dirs' }];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      while (glob[i + 1] === '*') i++;
      // `**/` matches any number of directories, a trailing `**` everything below
      if (glob[i + 1] === '/') {
        out.push({ t: 'dirs' });
        i++;
      } else out.push({ t: 'all' });
    } else if (c === '*') out.push({ t: 'star' });
    else if (c === '?') out.push({ t: 'one' });
    else out.push({ t: 'lit', c });
  }
  return out;
}

const nullable = (k: Token) => k.t === 'star' || k.t === 'all' || k.t === 'dirs';

/**
 * Whether `path` (or a directory above it: a match of `dir` covers `dir/…`) matches. States are
 * 2p (before token p) and 2p+1 (inside a `**` directory run of token p); one pass per character.
 */
function matches(tokens: readonly Token[], path: string): boolean {
  const m = tokens.length;
  let cur = new Uint8Array(2 * m + 2);
  let next = new Uint8Array(2 * m + 2);
  const close = (set: Uint8Array) => {
    for (let p = 0; p < m; p++) if (set[2 * p] && nullable(tokens[p])) set[2 * p + 2] = 1;
  };
  cur[0] = 1;
  close(cur);
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    // the whole pattern matched a directory above the path: everything below it matches too
    if (cur[2 * m] && c === '/') return true;
    next.fill(0);
    let any = false;
    for (let p = 0; p < m; p++) {
      const at = cur[2 * p];
      const inside = cur[2 * p + 1];
      if (!at && !inside) continue;
      const k = tokens[p];
      if (k.t === 'dirs') {
        next[2 * p + 1] = 1;
        if (c === '/') next[2 * p + 2] = 1;
        any = true;
      } else if (!at) continue;
      else if (k.t === 'all' || (k.t === 'star' && c !== '/')) {
        next[2 * p] = 1;
        any = true;
      } else if ((k.t === 'lit' && c === k.c) || (k.t === 'one' && c !== '/')) {
        next[2 * p + 2] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    [cur, next] = [next, cur];
  }
  return cur[2 * m] === 1;
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
  const tokens = tokenize(text, anchored);
  // every token but a star consumes a character: a pattern needing more than a path has matches nothing
  if (tokens.filter((k) => !nullable(k)).length > MAX_PATH) return undefined;
  return { negate, dirOnly, tokens };
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
    // only a later re-include can change an exclusion, and only a later exclusion a re-include
    if (p.negate !== excluded) continue;
    if (matches(p.tokens, path)) excluded = !p.negate;
  }
  return excluded;
}
