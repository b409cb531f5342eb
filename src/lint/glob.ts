/** A small glob matcher (`**`, `*`, `?`, `[…]`, `{a,b}`) for config overrides and ignores; paths use `/`. */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inGroup = 0;
  const g = glob.replace(/^\.\//, '');
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches any number of directories, `**` at the end anything
        if (g[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (c === '{') {
      inGroup++;
      re += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      re += ')';
    } else if (c === ',' && inGroup > 0) re += '|';
    else re += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

/** Whether a repository-relative path matches a glob; a glob without `/` matches the base name too, and a directory glob its contents. */
export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    re = globToRegExp(glob.replace(/\/+$/, ''));
    cache.set(glob, re);
  }
  if (re.test(path)) return true;
  if (!glob.includes('/') && re.test(path.slice(path.lastIndexOf('/') + 1))) return true;
  // a directory name matches everything below it
  const parts = path.split('/');
  for (let n = parts.length - 1; n > 0; n--) if (re.test(parts.slice(0, n).join('/'))) return true;
  return false;
}

export function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}
