/**
 * `path.relative(root, file)` with forward slashes, for the thousands of spec paths a run turns from
 * absolute to root-relative: a plain prefix cut when `file` is a normalised path inside `root` (what
 * `path.relative` would return anyway), `path.relative` for everything else (another drive, `..`, `.`, a
 * doubled or back slash, a file outside the root).
 */
import { relative, resolve, sep } from 'node:path';

const UNNORMAL = /[\\/]\.\.?(?:[\\/]|$)|[\\/][\\/]/;

/** A function giving paths relative to `root` (resolved once). */
export function relativeFrom(root: string): (file: string) => string {
  const base = resolve(root);
  const prefix = base.endsWith(sep) ? base : base + sep;
  const slow = (file: string) => relative(base, file).split(sep).join('/');
  // Windows paths compare case-insensitively in path.relative: leave them to it
  if (sep !== '/') return slow;
  return (file) => (file.startsWith(prefix) && !UNNORMAL.test(file) ? file.slice(prefix.length) : slow(file));
}
