/** The repository as rules see it: a root and an index of its files, computed once per run. */
import { execFileSync } from 'node:child_process';
import { readdirSync, lstatSync, realpathSync, readFileSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep, isAbsolute, resolve } from 'node:path';
import type { EffectiveConfig } from './config.js';

export interface RepoIndex {
  /** Absolute root directory. */
  root: string;
  /** Whether `path` (repository-relative, forward slashes) is a file or directory in the repository. */
  exists(path: string): boolean;
  /** Every file (repository-relative, forward slashes). */
  files(): readonly string[];
  /** `files()` under a directory (`dir/…`), in the same order, without listing the whole repository when it can. */
  filesUnder(dir: string): readonly string[];
  /** Whether a repository-relative path stays inside the root (no `..` escape, not absolute). */
  contains(path: string): boolean;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.spec-cache']);
const MAX_FILES = 200_000;

/** `git <args>` in `root` that lists paths with `-z`; null when git cannot (not a work tree, no git). */
function gitPaths(root: string, args: string[]): string[] | null {
  try {
    const out = execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
    return out.toString('utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Lists files with git when the root is in a work tree (tracked + untracked-not-ignored), else by walking. */
export function listRepositoryFiles(root: string): string[] {
  const files = gitPaths(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  // not a git work tree, git missing, or nothing listed: walk the directory instead
  return files && files.length > 0 ? files : walk(root);
}

/** The repository's existing goose migrations: the `.sql` files under the migrations directory. */
export function existingMigrations(repo: RepoIndex, config: EffectiveConfig): string[] {
  const dir = config.paths.migrations.replace(/\/+$/, '') + '/';
  return repo.filesUnder(dir).filter((f) => f.endsWith('.sql'));
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
      // a symbolic link is listed as git lists it (a file, whatever it points to): what reads it then goes
      // through the file-access layer, which refuses one that leads out of the repository, by name
      else if (st.isFile() || st.isSymbolicLink()) files.push(rel);
    }
  }
  return files.sort();
}

/** The index's paths (`git ls-files --cached`, relative to `root`); null when git cannot list them. */
const listTracked = (root: string) => gitPaths(root, ['ls-files', '-z', '--cached']);

/** listRepositoryFiles under one directory (a pathspec taken literally), in its order; null when git cannot. */
const listUnder = (root: string, dir: string) => gitPaths(root, ['--literal-pathspecs', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', dir]);

/** A file list as sets: the files, and (computed on first use) every directory that holds one. */
function fileSets(files: readonly string[]): { files: Set<string>; readonly dirs: Set<string> } {
  let dirs: Set<string> | undefined;
  return {
    files: new Set(files),
    get dirs() {
      if (!dirs) {
        dirs = new Set<string>();
        for (const f of files) {
          let i = f.lastIndexOf('/');
          while (i > 0) {
            const d = f.slice(0, i);
            if (dirs.has(d)) break;
            dirs.add(d);
            i = d.lastIndexOf('/');
          }
        }
      }
      return dirs;
    },
  };
}

export interface RepoIndexOptions {
  /**
   * The index's paths relative to the root (as `git ls-files --cached` run there gives them) when the caller
   * has them (null: git could not list them); undefined to have git asked.
   */
  tracked?: () => readonly string[] | null | undefined;
}

/**
 * The repository's files: tracked, plus untracked and not ignored (listRepositoryFiles), or `fileList`.
 *
 * Listing untracked files walks the whole work tree, the largest part of a one-spec run in a big
 * repository; a pre-commit run asks about a dozen paths. So without `fileList` the listing is made only
 * when needed, and `exists` answers from the index when it can, exactly as the full list would: a path the
 * index holds (or a directory of one) exists; a path not in the index and not on disk cannot be an untracked
 * file either (nor a directory of one), so it does not; only a path that is on disk but not in the index
 * needs the full list. `filesUnder(dir)` lists that directory alone: from the index when every file on disk
 * there is tracked, else with git.
 */
export function createRepoIndex(root: string, fileList?: string[], options: RepoIndexOptions = {}): RepoIndex {
  let all: string[] | null = fileList ?? null;
  let allSets: ReturnType<typeof fileSets> | null = null;
  const listAll = (): string[] => (all ??= listRepositoryFiles(root));
  const allIndex = () => (allSets ??= fileSets(listAll()));
  let tracked: (ReturnType<typeof fileSets> & { list: readonly string[] }) | null | undefined;
  const trackedIndex = () => {
    if (tracked === undefined) {
      let t = options.tracked?.();
      if (t === undefined) t = listTracked(root);
      // no index, or an empty one: listRepositoryFiles walks the directory instead, so must this
      tracked = t && t.length > 0 ? Object.assign(fileSets(t), { list: t }) : null;
    }
    return tracked;
  };
  /**
   * A directory's files as listRepositoryFiles gives them, from the index alone, when every file on disk
   * under it is tracked (untracked ones come first in git's list, then the index's in its order: with none,
   * the index's list is the answer); null when there is an untracked file (it may be ignored: git decides).
   */
  const underFromIndex = (prefix: string): string[] | null => {
    const t = trackedIndex();
    if (!t) return null;
    const stack = [prefix];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let items: Dirent[];
      try {
        items = readdirSync(join(root, dir), { withFileTypes: true });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        return null;
      }
      for (const item of items) {
        const rel = dir + item.name;
        if (item.isDirectory()) stack.push(`${rel}/`);
        else if (!t.files.has(rel)) return null;
      }
    }
    return t.list.filter((f) => f.startsWith(prefix));
  };
  const onDisk = (p: string): boolean => {
    try {
      lstatSync(join(root, p));
      return true;
    } catch {
      return false;
    }
  };
  const listed = new Map<string, string[]>();
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return {
    root,
    files: () => listAll(),
    filesUnder(dir: string) {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      let list = listed.get(prefix);
      if (list === undefined) {
        const plain = prefix.length > 1 && !prefix.startsWith('/') && !/(^|\/)\.\.?\/|\\|\/\//.test(prefix);
        const under = all === null && plain ? (underFromIndex(prefix) ?? listUnder(root, prefix)) : null;
        list = under !== null && (under.length > 0 || trackedIndex() !== null) ? under : listAll();
        list = list.filter((f) => f.startsWith(prefix));
        listed.set(prefix, list);
      }
      return list;
    },
    exists(path: string) {
      const p = norm(path);
      if (all === null) {
        const t = trackedIndex();
        if (t) {
          if (t.files.has(p) || t.dirs.has(p)) return true;
          if (!onDisk(p)) return false;
        }
      }
      const s = allIndex();
      return s.files.has(p) || s.dirs.has(p);
    },
    contains(path: string) {
      if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return false;
      const abs = resolve(root, path);
      const rel = relative(root, abs);
      return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
    },
  };
}
