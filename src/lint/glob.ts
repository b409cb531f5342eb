/**
 * Globs for config `ignores` / `overrides[].files`, `--ignore-pattern` and glob arguments, matched with
 * picomatch (what micromatch, markdownlint-cli2 and fast-glob are built on). Paths are repository-relative
 * with `/`. As in ESLint and markdownlint-cli2: `*` and `**` do not match dot files or directories unless
 * the pattern spells the dot (`.drafts/**`); a pattern without `/` also matches the base name; a directory
 * pattern (`tech-specs/drafts`) matches everything below it; in a list of ignores, a `!pattern` takes back
 * what an earlier pattern ignored (the last matching pattern decides, as in .gitignore).
 */
import picomatch from 'picomatch';

const OPTIONS = { dot: false, strictBrackets: true } as const;
const cache = new Map<string, RegExp>();

/** Why a glob is invalid (an unclosed `{`, `[` or `(`, a reversed range), or null when it is valid. */
export function globError(glob: string): string | null {
  const g = glob.replace(/^!/, '');
  if (g.trim() === '') return 'empty pattern';
  try {
    const re = picomatch.makeRe(g.replace(/^\.\//, ''), OPTIONS);
    // picomatch turns a pattern whose regular expression would not compile ([z-a]) into one matching nothing
    if (re.source === '$^') return 'invalid character class or range';
  } catch (err) {
    return (err as Error).message.replace(/\s+-\s+use .*$/, '');
  }
  return null;
}

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    try {
      re = picomatch.makeRe(glob.replace(/^\.\//, ''), OPTIONS);
    } catch {
      // an invalid glob reached here without config validation (a command-line argument): take it literally
      re = new RegExp(`^${glob.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    }
    cache.set(glob, re);
  }
  return re;
}

/**
 * Whether a repository-relative path matches a glob; a glob without `/` matches the base name too, and a
 * directory glob its contents. A `!` prefix is not negation here (see `isIgnoredBy`).
 */
export function matchesGlob(path: string, glob: string): boolean {
  const re = globToRegExp(glob.replace(/\/+$/, ''));
  if (re.test(path)) return true;
  if (!glob.includes('/') && re.test(path.slice(path.lastIndexOf('/') + 1))) return true;
  // a directory name matches everything below it, but for dot files and directories (as `**` would not)
  const parts = path.split('/');
  for (let n = parts.length - 1; n > 0; n--) {
    if (parts[n]!.startsWith('.')) break;
    if (re.test(parts.slice(0, n).join('/'))) return true;
  }
  return false;
}

/** Whether a list of ignore patterns ignores a path: the last pattern that matches decides, `!` un-ignores. */
export function isIgnoredBy(path: string, patterns: readonly string[]): boolean {
  let ignored = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (ignored && matchesGlob(path, p.slice(1))) ignored = false;
    } else if (!ignored && matchesGlob(path, p)) ignored = true;
  }
  return ignored;
}

/** Whether any of a list of `files` patterns matches (a `!pattern` excludes what the others matched). */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  if (!positive.some((p) => matchesGlob(path, p))) return false;
  return !patterns.some((p) => p.startsWith('!') && matchesGlob(path, p.slice(1)));
}

export function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}
