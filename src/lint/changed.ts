/**
 * Which specs to lint when only some files changed: `spec lint --staged` (the index, for pre-commit hooks)
 * and `spec lint --changed-since <ref>` (a pull request). A changed spec is linted; a changed PRD re-lints
 * every spec whose `**PRD:**` header names it; a change under the migrations directory re-lints every spec
 * that carries goose migrations (their versions may now collide); a change to the config re-lints all.
 * File names that are not specs (or are ignored) are dropped silently, as pre-commit and lint-staged pass
 * whatever matched their own patterns.
 */
import { execFile, execFileSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { LIMITS, openInside, readOpened } from '../fs/access.js';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import type { EffectiveConfig } from './config.js';
import { CONFIG_FILE } from './config.js';
import { isIgnoredBy } from './glob.js';
import { listRepositoryFiles } from './repo.js';
import { readGitIndex } from './git-index.js';
import { isSpecFileName } from './discover.js';
import { afterFileNameChar, versionCandidates, type VersionCandidates } from './crossspec.js';

export interface GitChange {
  /** One letter: A, C, M, R, D, T, U, or `?` for an untracked file. */
  status: string;
  /** Path relative to the git top level, forward slashes. */
  path: string;
  /** The previous path of a rename or copy. */
  oldPath?: string;
}

function git(cwd: string, args: string[], input?: string | Buffer): Buffer {
  return execFileSync('git', args, {
    cwd,
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
}

function gitError(err: unknown): string {
  const stderr = (err as { stderr?: Buffer }).stderr?.toString('utf8').trim();
  return stderr ? stderr.split('\n')[0]! : (err as Error).message;
}

/**
 * The work tree's top level, the git directory's `spec-cache` path and the index file ($GIT_INDEX_FILE when
 * set, as in a hook of `git commit <paths>`), for a directory (one git call, kept).
 */
const gitPaths = new Map<string, { top: string; cacheDir: string; indexFile: string } | null>();

const REV_PARSE = ['rev-parse', '--show-toplevel', '--git-path', 'spec-cache', '--git-path', 'index'];
const STAGED_DIFF = ['diff', '--cached', '--name-status', '-z', '-M', '--diff-filter=ACMRDT', '--no-ext-diff', '--'];

function parseGitPaths(cwd: string, out: string): { top: string; cacheDir: string; indexFile: string } | null {
  const [top, cacheDir, indexFile] = out.split('\n');
  return top && cacheDir && indexFile ? { top: top.trim(), cacheDir: resolve(cwd, cacheDir.trim()), indexFile: resolve(cwd, indexFile.trim()) } : null;
}

function gitPathsOf(cwd: string): { top: string; cacheDir: string; indexFile: string } | null {
  const key = resolve(cwd);
  if (!gitPaths.has(key)) {
    let found: { top: string; cacheDir: string; indexFile: string } | null = null;
    try {
      found = parseGitPaths(cwd, git(cwd, REV_PARSE).toString('utf8'));
    } catch {
      found = null;
    }
    gitPaths.set(key, found);
  }
  return gitPaths.get(key)!;
}

/** The staged changes git listed ahead of time (prefetchStaged), by top level. */
const stagedDiffs = new Map<string, string>();

/**
 * Starts the two git calls `spec lint --staged` begins with (the repository's paths, and the staged changes
 * unless `diff: false`: file names given stand for them) in the background, in `cwd`, and resolves once both
 * are in and kept where gitPathsOf and stagedChanges look: the caller loads its configuration meanwhile, and
 * on two cores the calls cost it nearly nothing. A call that fails is simply not kept (the synchronous path
 * then runs it again and reports what went wrong).
 */
export function prefetchStaged(cwd: string, options: { diff?: boolean } = {}): Promise<void> {
  const run = (args: string[]) =>
    new Promise<string | null>((done) => {
      execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (err, stdout) => done(err ? null : stdout));
    });
  const paths = run(REV_PARSE);
  // from `cwd`, which may be below the top level: --no-relative keeps the paths top-level-relative even
  // under `diff.relative` (a git too old for the option fails here, and the synchronous path runs instead)
  const diff = options.diff === false ? Promise.resolve(null) : run([...STAGED_DIFF.slice(0, -1), '--no-relative', '--']);
  return Promise.all([paths, diff]).then(([p, d]) => {
    const found = p === null ? null : parseGitPaths(cwd, p);
    if (!found) return;
    if (!gitPaths.has(resolve(cwd))) gitPaths.set(resolve(cwd), found);
    // the diff lists paths from the top level wherever it runs in the work tree
    if (d !== null) stagedDiffs.set(found.top, d);
  });
}

/** The git work tree's top level containing `cwd`; a usage error when there is none. */
export function gitTopLevel(cwd: string, what = 'this option'): string {
  const paths = gitPathsOf(cwd);
  if (!paths) throw new UsageError(`${what} needs a git repository, and ${cwd} is not inside one`, 'Run it inside a git work tree, or name the specs to lint.');
  return paths.top;
}

/**
 * Where `spec lint --staged --cache` keeps its cache when not told (`--cache-location`): in the git
 * directory (`git rev-parse --git-path spec-cache`), which git never tracks or lists, so a pre-commit hook
 * leaves nothing in the work tree and needs no .gitignore entry. One file per config root (`lint.json` for
 * the top level). Null outside a git repository.
 */
export function stagedCacheFile(config: EffectiveConfig): string | null {
  const paths = gitPathsOf(config.root);
  if (!paths) return null;
  let realRoot = resolve(config.root);
  try {
    realRoot = realpathSync(realRoot);
  } catch {
    // keep the path as given
  }
  const sub = relative(paths.top, realRoot).split(sep).join('/');
  const name = sub === '' ? 'lint.json' : `lint-${createHash('sha256').update(sub).digest('hex').slice(0, 12)}.json`;
  return join(paths.cacheDir, name);
}

/** Parses `git diff --name-status -z` output. */
export function parseNameStatus(out: string): GitChange[] {
  const parts = out.split('\0');
  const changes: GitChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++];
    if (!code) continue;
    const status = code[0]!;
    if (status === 'R' || status === 'C') {
      const oldPath = parts[i++]!;
      const path = parts[i++]!;
      changes.push({ status, path, oldPath });
    } else {
      changes.push({ status, path: parts[i++]! });
    }
  }
  return changes;
}

/** Changes staged in the index, relative to HEAD (or to nothing on an unborn branch), renames detected. */
export function stagedChanges(top: string): GitChange[] {
  const ahead = stagedDiffs.get(top);
  if (ahead !== undefined) {
    stagedDiffs.delete(top); // once: a later call asks git again
    return parseNameStatus(ahead);
  }
  try {
    return parseNameStatus(git(top, STAGED_DIFF).toString('utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the staged changes: ${gitError(err)}`);
  }
}

/** Resolves a ref to the commit to diff against: the merge base of the ref and HEAD when there is one. */
export function diffBase(top: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`invalid git ref "${ref}"`);
  try {
    git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(
      `unknown git ref "${ref}"`,
      'Fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0), or pass a branch, tag or commit that exists.',
    );
  }
  try {
    return git(top, ['merge-base', ref, 'HEAD']).toString('utf8').trim();
  } catch {
    return ref; // no common ancestor (or no HEAD): compare with the ref itself
  }
}

/** Files changed since `ref` (committed, staged, unstaged) plus untracked files. */
export function changesSince(top: string, ref: string): GitChange[] {
  const base = diffBase(top, ref);
  let changes: GitChange[];
  try {
    changes = parseNameStatus(git(top, ['diff', '--name-status', '-z', '-M', '--diff-filter=ACMRDT', '--no-ext-diff', base, '--']).toString('utf8'));
  } catch (err) {
    throw new UsageError(`cannot list the changes since ${ref}: ${gitError(err)}`);
  }
  try {
    for (const p of git(top, ['ls-files', '-z', '--others', '--exclude-standard']).toString('utf8').split('\0')) {
      if (p) changes.push({ status: '?', path: p });
    }
  } catch {
    // untracked files are a bonus
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------------------
// What is a spec, a PRD, a migration

function norm(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

function under(rel: string, dir: string): boolean {
  if (dir === '' || dir === '.') return !rel.startsWith('../');
  return rel === dir || rel.startsWith(`${dir}/`);
}

/** Whether a config-root-relative path is a spec this run would lint: a `.md` file under the specs (or completed) directory, not ignored. */
export function isSpecPath(rel: string, config: EffectiveConfig): boolean {
  const p = norm(rel);
  if (p.startsWith('../') || isAbsolute(p)) return false;
  if (!isSpecFileName(p)) return false;
  if (!under(p, config.paths.specs) && !under(p, config.paths.completed)) return false;
  return !isIgnoredBy(p, config.ignores);
}

function isPrdPath(rel: string, config: EffectiveConfig): boolean {
  return /\.md$/i.test(rel) && under(rel, config.paths.prds) && !isIgnoredBy(rel, config.ignores);
}

function isMigrationPath(rel: string, config: EffectiveConfig): boolean {
  return under(rel, config.paths.migrations);
}

function isConfigPath(rel: string, config: EffectiveConfig): boolean {
  if (config.configPath) return resolve(config.root, rel) === resolve(config.configPath);
  return rel === CONFIG_FILE;
}

/**
 * Keeps the paths (as given on the command line: relative to `cwd`, or absolute) that are specs, as
 * absolute paths without duplicates; everything else is dropped silently.
 */
export function filterSpecPaths(paths: readonly string[], config: EffectiveConfig, cwd: string = process.cwd()): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const rel = relative(config.root, abs).split(sep).join('/');
    if (isSpecPath(rel, config)) out.add(abs);
  }
  return [...out];
}

/** The PRD path a spec's header names (`**PRD:** prds/x.md`), as candidate root-relative paths. */
export function prdReferences(specText: string, specRel: string): string[] {
  // the header stands before the first `## ` section
  const head = specText.slice(0, 8000).split(/\r?\n##\s/)[0]!;
  const m = /^\s*(?:[-*]\s+)?\*\*PRD:?\*\*:?\s*(.+?)\s*$/im.exec(head);
  if (!m) return [];
  let v = m[1]!.trim();
  const link = /\[([^\]]*)\]\(\s*<?([^)>\s]+)>?[^)]*\)/.exec(v);
  // a link's text may be the path itself (`[prds/x.md](../prds/x.md)`, or a URL target): a candidate too
  const text = link ? link[1]!.replace(/`/g, '').trim() : '';
  const textPath = link && /^[^\s:]+\/[^\s]+$/.test(text) ? [posix.normalize(text.replace(/^\/+/, '').replace(/^\.\//, ''))] : [];
  if (link) v = link[2]!;
  v = v.replace(/^[`<"']+|[`>"']+$/g, '').replace(/[?#].*$/, '').trim();
  try {
    v = decodeURIComponent(v);
  } catch {
    // keep it as written
  }
  if (!v || /^[a-z][a-z0-9+.-]*:/i.test(v)) return textPath.filter((p) => !p.startsWith('../'));
  const fromRoot = posix.normalize(v.replace(/^\/+/, '').replace(/^\.\//, ''));
  const fromSpec = posix.normalize(posix.join(posix.dirname(specRel), v));
  return [...new Set([...textPath, fromRoot, fromSpec])].filter((p) => !p.startsWith('../'));
}

/** Whether a spec carries goose migrations (so a change in the migrations directory may affect it). */
export function hasMigrations(specText: string, config: EffectiveConfig): boolean {
  if (/--\s*\+goose\s+(?:Up|Down)\b/i.test(specText)) return true;
  const dir = config.paths.migrations.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s\`(/])${dir}/\\d{5,}`).test(specText);
}

export interface AffectedInput {
  config: EffectiveConfig;
  /** Changed paths relative to the config root (renames give both names; deleted files count). */
  changed: readonly string[];
  /** Every spec in the repository (config-root-relative). */
  allSpecs: readonly string[];
  /** Reads a spec's text (from the index or the work tree); null when it cannot. */
  read: (rel: string) => string | null;
}

/** The specs (config-root-relative, sorted) that a set of changes asks to lint. */
export function affectedSpecs({ config, changed, allSpecs, read }: AffectedInput): string[] {
  const specSet = new Set(allSpecs.map(norm));
  const out = new Set<string>();
  const prds = new Set<string>();
  let migrations = false;
  let everything = false;
  for (const c of changed.map(norm)) {
    if (c.startsWith('../')) continue;
    if (isSpecPath(c, config)) {
      if (specSet.has(c)) out.add(c);
    } else if (isPrdPath(c, config)) prds.add(posix.normalize(c));
    else if (isMigrationPath(c, config)) migrations = true;
    else if (isConfigPath(c, config)) everything = true;
  }
  if (everything) return [...specSet].sort();
  if (prds.size > 0 || migrations) {
    for (const spec of specSet) {
      if (out.has(spec)) continue;
      const text = read(spec);
      if (text === null) continue;
      if (prds.size > 0 && prdReferences(text, spec).some((p) => prds.has(p))) out.add(spec);
      else if (migrations && hasMigrations(text, config)) out.add(spec);
    }
  }
  return [...out].sort();
}

// ---------------------------------------------------------------------------------------------------------
// Reading the index

/** Reads blobs from the index (`:path`, top-level-relative) in one `git cat-file --batch`; missing ones are absent. */
export function readIndex(top: string, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const simple = paths.filter((p) => !/[\n\r]/.test(p));
  if (simple.length > 0) {
    let buf: Buffer;
    try {
      buf = git(top, ['cat-file', '--batch'], simple.map((p) => `:${p}\n`).join(''));
    } catch {
      buf = Buffer.alloc(0);
    }
    let pos = 0;
    for (const p of simple) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      const header = buf.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!m) continue; // "<object> missing" or ambiguous
      const size = Number(m[2]);
      if (m[1] === 'blob') out.set(p, buf.subarray(pos, pos + size).toString('utf8'));
      pos += size + 1;
    }
  }
  for (const p of paths.filter((q) => /[\n\r]/.test(q))) {
    try {
      out.set(p, git(top, ['show', `:${p}`]).toString('utf8'));
    } catch {
      // not in the index
    }
  }
  return out;
}

/**
 * The index's stage-0 entries: top-level-relative path → blob id (`git ls-files -s`). Conflicted paths
 * (stages 1–3) and submodules have no staged content and are left out, as `:path` reads leave them out.
 */
export function indexEntries(top: string): Map<string, string> {
  const { entries } = readIndexListing(top);
  return new Map([...entries.keys()].map((p) => [p, entries.get(p)!]));
}

/** The stage-0 entries of the index: top-level-relative path → blob id (a Map, or computed on lookup). */
export interface StagedBlobs {
  get(path: string): string | undefined;
  has(path: string): boolean;
  keys(): IterableIterator<string>;
}

/**
 * The index as `git ls-files -s` lists it: the stage-0 entries (indexEntries), and every path it holds
 * (conflicted and submodule ones too, once each: what `git ls-files --cached` lists), top-level-relative.
 * Read from the index file itself when it can be (git-index.ts), else from git. Null paths when git could
 * not list the index.
 */
export function readIndexListing(top: string): { entries: StagedBlobs; paths: string[] | null; unmerged: string[] } {
  const indexFile = gitPathsOf(top)?.indexFile;
  const read = indexFile ? readGitIndex(indexFile) : null;
  if (read) {
    // path → entry position; blob ids made hex on lookup (a run asks for a few dozen of thousands)
    const at = new Map<string, number>();
    const paths: string[] = [];
    const unmerged: string[] = [];
    let last = '';
    for (let i = 0; i < read.paths.length; i++) {
      const path = read.paths[i]!;
      if (path !== last) {
        paths.push((last = path));
        if (read.stages[i] !== 0) unmerged.push(path);
      }
      if (read.stages[i] === 0 && read.modes[i] !== 0o160000) at.set(path, i);
    }
    const oids = new Map<string, string>();
    const entries: StagedBlobs = {
      get(path) {
        let oid = oids.get(path);
        if (oid === undefined) {
          const i = at.get(path);
          if (i === undefined) return undefined;
          oids.set(path, (oid = read.oid(i)));
        }
        return oid;
      },
      has: (path) => at.has(path),
      keys: () => at.keys(),
    };
    return { entries, paths, unmerged };
  }
  const entries = new Map<string, string>();
  let raw: string;
  try {
    raw = git(top, ['ls-files', '-s', '-z']).toString('utf8');
  } catch {
    return { entries, paths: null, unmerged: [] };
  }
  const paths: string[] = [];
  const unmerged: string[] = [];
  let last = '';
  for (const rec of raw.split('\0')) {
    // "<mode> <object> <stage>\t<path>"
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const path = rec.slice(tab + 1);
    const [mode, oid, stage] = rec.slice(0, tab).split(' ');
    if (path !== last) {
      paths.push((last = path)); // a conflicted path's stages come together
      if (stage !== '0') unmerged.push(path);
    }
    if (stage !== '0' || mode === '160000' || !oid) continue;
    entries.set(path, oid);
  }
  return { entries, paths, unmerged };
}

/** The git object id of `bytes` as a blob (SHA-1, or SHA-256 in a repository that uses it: `length` 64). */
export function blobId(bytes: Uint8Array, length = 40): string {
  return createHash(length === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * Staged content, read cheaply: a file whose bytes in the work tree are exactly the staged blob (its git
 * object id matches, so not a byte differs) is read from the work tree; the others come from the index in
 * one `git cat-file --batch`. Spawning git and piping every blob through it costs far more than reading
 * the files, which are usually unchanged.
 */
/**
 * What a work-tree file was when its bytes were last found to be a staged blob: [blob id, size, mtimeMs,
 * ctimeMs, inode, when it was checked (ms), 1 when the bytes are clean UTF-8 without NUL].
 */
export type WorktreeStamp = [oid: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, checkedAt: number, clean: 0 | 1];

/** How long before a check a file must have last changed for its stamp to be trusted (git's "racy" files). */
const RACY_MS = 2000;

export class StagedReader {
  private readonly bytes = new Map<string, Buffer | null>();
  /** Stamps of the files found (or trusted) to hold their staged blob in this run. */
  readonly stamps = new Map<string, WorktreeStamp>();

  constructor(
    readonly top: string,
    /** Stage-0 entries (readIndexListing). */
    readonly entries: StagedBlobs,
    /** Stamps from an earlier run (the cache's). */
    private readonly known?: ReadonlyMap<string, WorktreeStamp>,
  ) {}

  /** The work tree's bytes of a top-level-relative path when they are the staged blob; null otherwise. */
  worktreeBytes(path: string): Buffer | null {
    if (this.bytes.has(path)) return this.bytes.get(path)!;
    const oid = this.entries.get(path);
    let found: Buffer | null = null;
    if (oid) {
      try {
        // through the file-access layer: a work-tree file linked to /dev/zero, a FIFO or out of the work
        // tree is not read (the index has the staged content)
        const opened = openInside(join(this.top, path), this.top, { maxBytes: LIMITS.document, display: path });
        let b: Buffer;
        const st = opened.stat; // before the read: a change after it gives a stamp that will not match
        try {
          b = readOpened(opened, { maxBytes: LIMITS.document, name: path });
        } finally {
          closeSync(opened.fd);
        }
        if (blobId(b, oid.length) === oid) {
          found = b;
          this.stamps.set(path, [oid, st.size, st.mtimeMs, st.ctimeMs, st.ino, Date.now(), isUtf8(b) && !b.includes(0) ? 1 : 0]);
        }
      } catch {
        // not in the work tree: from the index
      }
    }
    this.bytes.set(path, found);
    return found;
  }

  /**
   * Whether the work-tree file is known, without reading it, to hold its staged blob as clean UTF-8: an
   * earlier run read it and its size, times and inode have not changed since (and had not changed for a
   * while before that run, so a change within the file system's clock tick cannot hide).
   */
  trusted(path: string): boolean {
    const oid = this.entries.get(path);
    const stamp = this.known?.get(path);
    if (!oid || !stamp || stamp[0] !== oid || stamp[6] !== 1) return false;
    try {
      const st = statSync(join(this.top, path));
      const ok = st.size === stamp[1] && st.mtimeMs === stamp[2] && st.ctimeMs === stamp[3] && st.ino === stamp[4] && Math.max(st.mtimeMs, st.ctimeMs) < stamp[5] - RACY_MS;
      if (ok) this.stamps.set(path, stamp);
      return ok;
    } catch {
      return false;
    }
  }

  /** The staged texts of these paths (absent: not staged). */
  texts(paths: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    const fromIndex: string[] = [];
    for (const p of paths) {
      if (!this.entries.has(p)) continue;
      const b = this.worktreeBytes(p);
      if (b) out.set(p, b.toString('utf8'));
      else fromIndex.push(p);
    }
    if (fromIndex.length > 0) for (const [p, t] of readIndex(this.top, fromIndex)) out.set(p, t);
    return out;
  }
}

/**
 * Whether the bytes hold a character reference (`&#50;`, `&#x32;`, `&amp;`): crossspec.ts's
 * CHARACTER_REFERENCE, `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`, on bytes.
 */
export function holdsCharacterReference(bytes: Uint8Array): boolean {
  const digit = (c: number) => c >= 0x30 && c <= 0x39;
  const hex = (c: number) => digit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
  const alpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const run = (from: number, ok: (c: number) => boolean, min: number, max: number): boolean => {
    let n = 0;
    while (n < max && from + n < bytes.length && ok(bytes[from + n]!)) n++;
    return n >= min && bytes[from + n] === 0x3b; // ';' right after a run of min..max
  };
  for (let at = bytes.indexOf(0x26); at >= 0; at = bytes.indexOf(0x26, at + 1)) {
    const c = bytes[at + 1];
    if (c === undefined) break;
    if (c === 0x23) {
      const x = bytes[at + 2];
      if (run(at + 2, digit, 1, 7)) return true;
      if ((x === 0x78 || x === 0x58) && run(at + 3, hex, 1, 6)) return true;
    } else if (alpha(c) && run(at + 2, (b) => alpha(b) || digit(b), 1, 31)) return true;
  }
  return false;
}

/**
 * `versionCandidates(text)` (crossspec.ts) from the bytes, without decoding them, restricted to the
 * versions in `asked` when given: the maximal digit runs right before `_` or `\_` and not inside a name
 * (afterFileNameChar), or null when the text holds a character reference. The same answer as on the
 * decoded text, because the scan only looks at ASCII and UTF-8 never uses ASCII bytes inside a multi-byte
 * character.
 */
export function candidatesAmong(bytes: Uint8Array, asked: ReadonlySet<string> | null = null): VersionCandidates {
  if (holdsCharacterReference(bytes)) return null;
  const out = new Set<string>();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let u = buf.indexOf(0x5f); u >= 0; u = buf.indexOf(0x5f, u + 1)) {
    let end = u;
    if (end > 0 && buf[end - 1] === 0x5c) end--; // `\_`
    let start = end;
    while (start > 0 && buf[start - 1]! >= 0x30 && buf[start - 1]! <= 0x39) start--;
    if (start === end || afterFileNameChar(start > 0 ? buf[start - 1]! : -1, start > 1 ? buf[start - 2]! : -1)) continue; // none, or inside a name
    const v = buf.toString('latin1', start, end);
    if (asked === null || asked.has(v)) out.add(v);
  }
  return [...out].sort();
}

interface Paths {
  top: string;
  /** top-level-relative → config-root-relative, or null when outside the root. */
  toRoot(p: string): string | null;
  toTop(rel: string): string;
  /**
   * When the root is inside the top level (the usual case): the root's top-level-relative prefix (`''` or
   * `sub/`) and the test for paths that map by plain prefix arithmetic; null otherwise.
   */
  simple: { prefix: string; plain(p: string): boolean } | null;
}

function pathMapper(config: EffectiveConfig, what: string): Paths {
  const top = gitTopLevel(config.root, what);
  let realRoot = resolve(config.root);
  try {
    realRoot = realpathSync(realRoot);
  } catch {
    // keep the path as given
  }
  const slowRoot = (p: string) => {
    const rel = relative(realRoot, join(top, p)).split(sep).join('/');
    return rel.startsWith('../') || rel === '..' || isAbsolute(rel) ? null : rel;
  };
  const slowTop = (rel: string) => relative(top, join(realRoot, rel)).split(sep).join('/');
  // the root inside the top level (the usual case): plain prefix arithmetic, for the index's thousands of paths
  const sub = relative(top, realRoot).split(sep).join('/');
  if (process.platform === 'win32' || sub.startsWith('..') || isAbsolute(sub)) return { top, toRoot: slowRoot, toTop: slowTop, simple: null };
  const prefix = sub === '' ? '' : `${sub}/`;
  const plain = (p: string) => !/(^|\/)\.\.?(\/|$)|\\|\/\/|^\//.test(p);
  return {
    top,
    toRoot: (p: string) => (!plain(p) ? slowRoot(p) : p.startsWith(prefix) ? p.slice(prefix.length) : null),
    toTop: (rel: string) => (plain(rel) ? prefix + rel : slowTop(rel)),
    simple: { prefix, plain },
  };
}

function changedNames(changes: GitChange[], paths: Paths): string[] {
  const names: string[] = [];
  for (const c of changes) {
    for (const p of [c.path, c.oldPath]) {
      if (!p) continue;
      const rel = paths.toRoot(p);
      if (rel !== null) names.push(rel);
    }
  }
  return names;
}

export interface LintSelection {
  /** Absolute paths of the specs to lint. */
  files: string[];
  /** Every other spec (absolute paths), whose models cross-file checks see without linting them. */
  contextFiles: string[];
  /** Content to use instead of the work tree, by absolute path (the index, for `--staged`). */
  contents?: Map<string, string>;
  /** PRD content to use instead of the work tree, by config-root-relative path (the index, for `--staged`). */
  prdTexts?: Map<string, string>;
  /**
   * Version candidates (crossspec.ts) by absolute path, for every spec of the run, when the selection knew
   * them without the caller reading the specs again (`--staged`; see selectStaged).
   */
  candidates?: Map<string, VersionCandidates>;
  /**
   * The index's paths relative to the config root (what `git ls-files --cached` there lists), computed on
   * first call; null when git could not list the index. For the repository index (repo.ts), which then
   * asks git nothing more to tell whether a path exists.
   */
  trackedPaths?: () => string[] | null;
  /**
   * `--staged`: the git blob id of every staged spec by absolute path, and the full version candidates of
   * the blobs the selection read or was told about (for the cache's table, StagedOptions.knownCandidates).
   */
  blobs?: { ids: Map<string, string>; candidates: Map<string, VersionCandidates>; stamps: Map<string, WorktreeStamp> };
}

function rootedConfig(root: string, config: EffectiveConfig): EffectiveConfig {
  return resolve(root) === resolve(config.root) ? config : { ...config, root };
}

/** Version candidates by git blob id (a Map will do). */
export interface CandidateLookup {
  get(oid: string): VersionCandidates | undefined;
}

export interface StagedOptions {
  /**
   * Read every spec of the index, not only the ones a version question can reach: for runs whose rules
   * read every spec's model (`RunFacts.specs`: `--exec`).
   */
  readAll?: boolean;
  /**
   * Version candidates of staged blobs already known (git object id → candidates; the cache keeps them):
   * a context spec whose blob is known is read only when a question can reach it.
   */
  knownCandidates?: CandidateLookup;
  /** Work-tree stamps from an earlier run (the cache's; StagedReader.trusted), by top-level-relative path. */
  worktreeStamps?: ReadonlyMap<string, WorktreeStamp>;
}

/**
 * What `spec lint --staged` lints: the changed specs and the specs that depend on a changed PRD, migration or
 * config, with their content (and their PRDs' content) read from the index, not the working tree; every
 * other spec in the index is context for cross-file checks.
 *
 * Only the staged content the run needs is read. Context specs matter to one question, "which other spec
 * uses migration version V" (crossspec.ts), and V is always a version the linted specs' own text can carry
 * (their candidates): a context spec is read — and handed over as staged content — only when its staged
 * bytes hold one of those versions (or could spell any), and its `candidates` are given restricted to them,
 * which answers every question the run can ask exactly as the full set would. Staged bytes come from the
 * work tree when they are the staged blob, byte for byte (StagedReader), else from the index. With
 * `readAll` every context spec's staged content is handed over, as a run that reads `RunFacts.specs` needs.
 *
 * `paths`, when given (file names passed by pre-commit or lint-staged, relative to `cwd` or absolute), is
 * the set of changed files instead of asking git; names that are not specs, PRDs or migrations are ignored.
 */
export function selectStaged(config: EffectiveConfig, paths?: readonly string[], cwd: string = process.cwd(), options: StagedOptions = {}): LintSelection {
 const pm = pathMapper(config, '--staged');
  const changed = paths
    ? paths.map((p) => relative(config.root, resolve(cwd, p)).split(sep).join('/'))
    : changedNames(stagedChanges(pm.top), pm);
 const listing = readIndexListing(pm.top);
  // an unmerged index (a merge, rebase or cherry-pick stopped on conflicts) has no staged content for the
  // conflicted paths: linting the rest would report on a state that cannot be committed, and say nothing
  if (listing.unmerged.length > 0) {
    const shown = listing.unmerged.slice(0, 5).map((p) => JSON.stringify(p).slice(1, -1)).join(', ');
    const more = listing.unmerged.length > 5 ? ` and ${listing.unmerged.length - 5} more` : '';
    throw new UsageError(
      `--staged: the index has unmerged paths (${shown}${more}): resolve the conflict first`,
      'Resolve the conflicts, stage the result (git add), then run spec lint --staged again.',
    );
  }
  const entries = listing.entries;
  const reader = new StagedReader(pm.top, entries, options.worktreeStamps);
  const allSpecs: string[] = [];
  // isSpecPath needs a path under the specs or completed directory: index paths that cannot be are
  // skipped by a prefix test (exact: for a plain path, toRoot only drops the root's prefix)
  const dirs = [config.paths.specs, config.paths.completed];
  const quick = pm.simple && !dirs.some((d) => d === '' || d === '.') ? { plain: pm.simple.plain, starts: dirs.map((d) => pm.simple!.prefix + d) } : null;
  for (const p of entries.keys()) {
    if (!/\.md$/i.test(p)) continue; // (isSpecPath's first test, before any path arithmetic)
    if (quick && !quick.starts.some((d) => p.startsWith(d)) && quick.plain(p)) continue;
    const rel = pm.toRoot(p);
    if (rel !== null && isSpecPath(rel, config)) allSpecs.push(rel);
  }
  // affectedSpecs reads every spec only when a PRD or a migration changed: then read them in one go
  const readsAll = changed.some((c) => {
    const n = norm(c);
    return !n.startsWith('../') && !isSpecPath(n, config) && (isPrdPath(n, config) || isMigrationPath(n, config));
  });
  const texts = readsAll ? reader.texts(allSpecs.map((s) => pm.toTop(s))) : new Map<string, string>();
  const textOf = (rel: string): string | null => {
    const top = pm.toTop(rel);
    if (!texts.has(top)) for (const [k, v] of reader.texts([top])) texts.set(k, v);
    return texts.get(top) ?? null;
  };
 const targets = affectedSpecs({ config, changed, allSpecs, read: textOf });
  const rootAbs = resolve(config.root);
  const rootSlash = rootAbs.endsWith(sep) ? rootAbs : rootAbs + sep;
  const absPaths = new Map<string, string>();
  // join() for a plain path (as pathMapper means it) is the root, a separator and the path
  const plainRel = pm.simple?.plain ?? (() => false);
  const abs = (rel: string): string => {
    let a = absPaths.get(rel);
    if (a === undefined) absPaths.set(rel, (a = sep === '/' && rel !== '' && plainRel(rel) ? rootSlash + rel : join(rootAbs, rel)));
    return a;
  };

  for (const [k, v] of reader.texts(targets.map((t) => pm.toTop(t)).filter((t) => !texts.has(t)))) texts.set(k, v);
  const contents = new Map<string, string>();
  const files: string[] = [];
  for (const rel of targets) {
    const text = texts.get(pm.toTop(rel));
    if (text === undefined) continue;
    contents.set(abs(rel), text);
    files.push(abs(rel));
  }
  // a file named on the command line that git does not track yet: lint what is on disk
  if (paths) {
    for (const c of changed) {
      if (!isSpecPath(c, config) || contents.has(abs(c)) || entries.has(pm.toTop(c)) || !existsSync(abs(c))) continue;
      contents.set(abs(c), readFileSync(abs(c), 'utf8'));
      files.push(abs(c));
    }
  }
  const linted = new Set(files);

  // the versions the linted specs can ask about (null: any), and what each context spec holds of them
  const candidates = new Map<string, VersionCandidates>();
  const blobIds = new Map<string, string>();
  const blobCandidates = new Map<string, VersionCandidates>();
  const noteBlob = (rel: string, c: VersionCandidates) => {
    const oid = entries.get(pm.toTop(rel));
    if (oid === undefined) return;
    blobIds.set(abs(rel), oid);
    blobCandidates.set(oid, c);
  };
  let asked: Set<string> | null = new Set<string>();
  for (const f of files) {
    const c = versionCandidates(contents.get(f)!);
    candidates.set(f, c);
    noteBlob(relative(config.root, f).split(sep).join('/'), c);
    if (c === null) asked = null;
    else for (const v of c) asked?.add(v);
  }
 const readAll = options.readAll === true;
  const known = options.knownCandidates;
  const contextRels = allSpecs.filter((rel) => !linted.has(abs(rel)));
  const fromIndex: string[] = [];
  const among = (c: VersionCandidates): VersionCandidates => (c === null || asked === null ? c : c.filter((v) => asked!.has(v)));
  for (const rel of contextRels) {
    const top = pm.toTop(rel);
    const oid = entries.get(top)!;
    const knownC = known?.get(oid);
    if (knownC !== undefined) noteBlob(rel, knownC);
    if (!readAll && asked !== null && (asked.size === 0 || (knownC !== undefined && knownC !== null && among(knownC)!.length === 0))) {
      candidates.set(abs(rel), []); // no question can reach it: not read at all
      continue;
    }
    if (knownC !== undefined && !readAll && reader.trusted(top)) {
      candidates.set(abs(rel), among(knownC)); // the engine reads it from the work tree if asked: the staged bytes
      continue;
    }
    const text = texts.get(top);
    if (text !== undefined) {
      const c = versionCandidates(text);
      noteBlob(rel, c);
      candidates.set(abs(rel), among(c));
      contents.set(abs(rel), text);
      continue;
    }
    const bytes = reader.worktreeBytes(top);
    if (!bytes) {
      fromIndex.push(rel);
      continue;
    }
    const c = candidatesAmong(bytes);
    noteBlob(rel, c);
    candidates.set(abs(rel), among(c));
    // the work tree holds exactly the staged bytes: the engine may read them there (as it reads any spec),
    // unless they are not clean UTF-8, which the engine reads differently from a file than from a string
    if (readAll || !isUtf8(bytes) || bytes.includes(0)) contents.set(abs(rel), bytes.toString('utf8'));
  }
  if (fromIndex.length > 0) {
    const read = readIndex(pm.top, fromIndex.map((rel) => pm.toTop(rel)));
    for (const rel of fromIndex) {
      const text = read.get(pm.toTop(rel));
      if (text === undefined) {
        candidates.set(abs(rel), []);
        continue;
      }
      const c = versionCandidates(text);
      noteBlob(rel, c);
      candidates.set(abs(rel), among(c));
      contents.set(abs(rel), text);
    }
  }

  // (stamps are kept for the files this run read or trusted only: a context spec a question reaches is
  // one that shares a version with a linted spec, the same few on the next commit; carrying every spec's
  // stamp over would cost each run more than reading those few again)

  // the PRDs the linted specs name, as staged
  const prdRels = new Set<string>();
  for (const f of files) {
    for (const p of prdReferences(contents.get(f) ?? '', relative(config.root, f).split(sep).join('/'))) prdRels.add(p);
  }
  const prdTexts = new Map<string, string>();
  const prdIndex = reader.texts([...prdRels].map((p) => pm.toTop(p)));
  for (const p of prdRels) {
    const text = prdIndex.get(pm.toTop(p));
    if (text !== undefined) prdTexts.set(p, text);
  }
  return {
    files: files.sort(),
    contextFiles: contextRels.map(abs).sort(),
    contents,
    prdTexts,
    candidates,
    blobs: { ids: blobIds, candidates: blobCandidates, stamps: reader.stamps },
    trackedPaths: () => {
      if (listing.paths === null) return null;
      // the root is the top level: git's paths are root-relative as they are (git stores no `.`, `..` or
      // leading `/`, so toRoot would keep each one)
      if (pm.simple?.prefix === '') return listing.paths;
      const out: string[] = [];
      for (const p of listing.paths) {
        const rel = pm.toRoot(p);
        if (rel !== null && rel !== '') out.push(rel);
      }
      return out;
    },
  };
}

/** The staged content of the specs `--staged` would lint, by absolute path. */
export function stagedSpecs(root: string, config: EffectiveConfig, paths?: readonly string[], cwd: string = process.cwd()): Map<string, string> {
  const sel = selectStaged(rootedConfig(root, config), paths, cwd);
  return new Map(sel.files.map((f) => [f, sel.contents!.get(f)!]));
}

/**
 * What `spec lint --changed-since <ref>` lints: the specs changed since the merge base of the ref and HEAD
 * (so a pull request's base branch moving on does not drag its changes in), committed or not, untracked
 * included, plus the dependants of changed PRDs, migrations and config. Work-tree content.
 */
export function selectChangedSince(config: EffectiveConfig, ref: string): LintSelection {
  const pm = pathMapper(config, '--changed-since');
  const changed = changedNames(changesSince(pm.top, ref), pm);
  const allSpecs = listRepositoryFiles(config.root).filter((f) => isSpecPath(f, config));
  const targets = affectedSpecs({
    config,
    changed,
    allSpecs,
    read: (rel) => {
      try {
        return readFileSync(join(config.root, rel), 'utf8');
      } catch {
        return null;
      }
    },
  });
  const abs = (rel: string) => join(resolve(config.root), rel);
  const files = targets.map(abs).filter((f) => existsSync(f));
  const linted = new Set(files);
  return { files, contextFiles: allSpecs.map(abs).filter((f) => !linted.has(f) && existsSync(f)) };
}

/** The specs (absolute paths) changed since `ref`; see selectChangedSince. */
export function changedSince(root: string, ref: string, config: EffectiveConfig): string[] {
  return selectChangedSince(rootedConfig(root, config), ref).files;
}

export interface SelectOptions {
  staged?: boolean;
  changedSince?: string;
  /** Paths from the command line. */
  paths: readonly string[];
  cwd: string;
  /** The specs the paths name (discoverSpecs, lenient), to narrow `--changed-since`. */
  narrow?: (paths: readonly string[]) => string[];
  /** See StagedOptions. */
  readAll?: boolean;
  knownCandidates?: CandidateLookup;
  worktreeStamps?: ReadonlyMap<string, WorktreeStamp>;
}

/** The selection for `spec lint --staged` / `--changed-since` (the CLI calls this). */
export function selectChanged(config: EffectiveConfig, opts: SelectOptions): LintSelection {
  if (opts.staged && opts.changedSince !== undefined) {
    throw new UsageError('--staged and --changed-since cannot be used together', 'Use --staged in a pre-commit hook, --changed-since <ref> in CI.');
  }
  if (opts.staged) return selectStaged(config, opts.paths.length ? opts.paths : undefined, opts.cwd, { readAll: opts.readAll ?? false, ...(opts.knownCandidates ? { knownCandidates: opts.knownCandidates } : {}), ...(opts.worktreeStamps ? { worktreeStamps: opts.worktreeStamps } : {}) });
  const sel = selectChangedSince(config, opts.changedSince!);
  if (opts.paths.length && opts.narrow) {
    const keep = new Set(opts.narrow(opts.paths));
    const files = sel.files.filter((f) => keep.has(f));
    const dropped = sel.files.filter((f) => !keep.has(f));
    return { ...sel, files, contextFiles: [...sel.contextFiles, ...dropped].sort() };
  }
  return sel;
}
