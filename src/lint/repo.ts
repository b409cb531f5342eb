/** The repository as rules see it: a root and an index of its files, computed once per run. */
import { execFileSync } from 'node:child_process';
import { readdirSync, lstatSync, realpathSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep, isAbsolute, resolve } from 'node:path';

export interface RepoIndex {
  /** Absolute root directory. */
  root: string;
  /** Whether `path` (repository-relative, forward slashes) is a file or directory in the repository. */
  exists(path: string): boolean;
  /** Every file (repository-relative, forward slashes). */
  files(): readonly string[];
  /** Whether a repository-relative path stays inside the root (no `..` escape, not absolute). */
  contains(path: string): boolean;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.spec-cache']);
const MAX_FILES = 200_000;

/** Lists files with git when the root is in a work tree (tracked + untracked-not-ignored), else by walking. */
export function listRepositoryFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    const files = out.toString('utf8').split('\0').filter(Boolean);
    if (files.length > 0) return files;
  } catch {
    // not a git work tree, or git missing: walk the directory instead
  }
  return walk(root);
}

type IgnoreMatcher = { ignores(path: string): boolean };

/** The root `.gitignore` as a matcher, for directories that are not git work trees. */
function rootGitignore(root: string): IgnoreMatcher | null {
  let text: string;
  try {
    text = readFileSync(join(root, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  const require = createRequire(import.meta.url);
  const ignore = require('ignore') as () => IgnoreMatcher & { add(p: string): IgnoreMatcher };
  return ignore().add(text);
}

function walk(root: string): string[] {
  const ig = rootGitignore(root);
  const files: string[] = [];
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0 && files.length < MAX_FILES) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue;
    }
    if (seen.has(real)) continue; // a symlink loop
    seen.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of entries) {
      if (SKIP_DIRS.has(name)) continue;
      const full = join(dir, name);
      let st;
      try {
        st = lstatSync(full);
      } catch {
        continue;
      }
      const rel = relative(root, full).split(sep).join('/');
      if (ig && ig.ignores(st.isDirectory() ? rel + '/' : rel)) continue;
      if (st.isDirectory()) stack.push(full);
      else if (st.isFile()) files.push(rel);
    }
  }
  return files.sort();
}

export function createRepoIndex(root: string, fileList?: string[]): RepoIndex {
  const files = fileList ?? listRepositoryFiles(root);
  const fileSet = new Set(files);
  const dirSet = new Set<string>();
  for (const f of files) {
    let i = f.lastIndexOf('/');
    while (i > 0) {
      const d = f.slice(0, i);
      if (dirSet.has(d)) break;
      dirSet.add(d);
      i = d.lastIndexOf('/');
    }
  }
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return {
    root,
    files: () => files,
    exists(path: string) {
      const p = norm(path);
      return fileSet.has(p) || dirSet.has(p);
    },
    contains(path: string) {
      if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return false;
      const abs = resolve(root, path);
      const rel = relative(root, abs);
      return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
    },
  };
}
