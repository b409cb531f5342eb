/**
 * Which files `spec lint` lints: explicit files, directories (every `*.md` below them except README.md) and
 * globs, relative to the working directory; default the configured specs directory. Files git ignores (or
 * that config `ignores`) are skipped, and so are specs deleted from the work tree that git still lists
 * (tracked, the deletion not yet committed): a deleted spec is not linted.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve, relative, sep, isAbsolute } from 'node:path';
import { UsageError } from '../errors.js';
import type { EffectiveConfig } from './config.js';
import { isGlob, globToRegExp, isIgnoredBy } from './glob.js';
import type { RepoIndex } from './repo.js';

const toPosix = (p: string) => p.split(sep).join('/');

export interface DiscoverOptions {
  /** Where relative patterns are resolved from. */
  cwd: string;
  /** Skip, rather than reject, explicit files that are not specs (pre-commit passes every changed file). */
  lenient?: boolean;
}

export function isSpecFileName(rel: string): boolean {
  return rel.toLowerCase().endsWith('.md') && !/(^|\/)readme\.md$/i.test(rel);
}

export function isIgnored(rel: string, config: EffectiveConfig): boolean {
  return isIgnoredBy(rel, config.ignores);
}

/** Absolute paths of the specs to lint, sorted, without duplicates. */
export function discoverSpecs(config: EffectiveConfig, repo: RepoIndex, patterns: string[], opts: DiscoverOptions): string[] {
  const root = config.root;
  const found = new Set<string>();
  // the whole list only for globs and directories: a named file is asked about alone (repo.ts)
  const files = () => repo.files();
  // git lists a tracked file deleted from the work tree (deleted, or staged as deleted) until the commit
  const onDisk = (rel: string) => existsSync(resolve(root, rel));
  const list = patterns.length ? patterns : [config.paths.specs];
  for (const pattern of list) {
    if (isGlob(pattern)) {
      const absPattern = toPosix(relative(root, resolve(opts.cwd, pattern)));
      const re = globToRegExp(absPattern);
      let n = 0;
      for (const f of files()) if (re.test(f) && isSpecFileName(f) && !isIgnored(f, config) && onDisk(f)) (found.add(f), n++);
      if (n === 0 && !opts.lenient) throw new UsageError(`no specs match "${pattern}"`, 'Check the pattern, or run `spec lint` with no arguments to lint the specs directory.');
      continue;
    }
    const abs = resolve(opts.cwd, pattern);
    const rel = toPosix(relative(root, abs));
    if (!existsSync(abs)) {
      if (opts.lenient) continue;
      const hint = patterns.length ? 'Check the path; spec lint takes spec files, directories or globs.' : `Create ${config.paths.specs}/ (spec init does), or set paths.specs in spec.config.json.`;
      throw new UsageError(`no such file or directory: ${pattern}`, hint);
    }
    if (rel.startsWith('..') || isAbsolute(rel)) {
      if (opts.lenient) continue;
      throw new UsageError(`${pattern} is outside the repository root ${root}`, 'Run spec from inside the repository, or pass --config to choose the root.');
    }
    const st = statSync(abs);
    if (!st.isDirectory() && !st.isFile()) {
      // a FIFO, socket or device named on the command line: linted, so that the file-access layer reports
      // it (template/readable) instead of skipping it silently (it is never opened for a blocking read)
      if (!isIgnored(rel, config)) found.add(rel);
      continue;
    }
    if (st.isDirectory()) {
      const prefix = rel === '' ? '' : rel + '/';
      let n = 0;
      for (const f of files()) if (f.startsWith(prefix) && isSpecFileName(f) && !isIgnored(f, config) && onDisk(f)) (found.add(f), n++);
      if (n === 0 && !opts.lenient) throw new UsageError(`no specs (*.md) in ${pattern}`, 'Write one with `spec new`, or point spec lint at the directory that holds your specs.');
    } else {
      const known = repo.exists(rel) || files().length === 0;
      if (!known || isIgnored(rel, config)) continue; // ignored by git or config: skipped silently
      if (!rel.toLowerCase().endsWith('.md')) {
        if (opts.lenient) continue;
        throw new UsageError(`${pattern} is not a markdown file`, 'spec lint reads tech specs written in markdown (*.md).');
      }
      found.add(rel);
    }
  }
  return [...found].sort().map((r) => resolve(root, r));
}
