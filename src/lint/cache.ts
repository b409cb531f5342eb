/**
 * `spec lint --cache`: results of unchanged specs are reused, ESLint-style, from one JSON file
 * (default `.spec-cache/lint.json` under the config root; `--cache-location` names a file or a directory).
 *
 * A stale entry is impossible by construction. An entry is reused only when every input its result was
 * computed from is unchanged, and the run records those inputs while it lints (workers.ts, `recordDeps`):
 *   - the spec's bytes (or the staged content), by SHA-256;
 *   - the run key: tool version and a fingerprint of the installed code, Node's version, the effective
 *     config, the environment that changes output (SPEC_DOCS_BASE_URL), the rule subset;
 *   - the PRD the spec names: its bytes, or why it could not be read (missing, outside the repository …);
 *   - every repository path a rule asked about (`repo.exists`) and the answer; the whole file list when a
 *     rule listed it (`repo.files()`), or the listing of a directory a rule listed (`repo.filesUnder`);
 *   - the repository's existing migrations (the list rules see);
 *   - every migration version a cross-spec check asked about, with the run's answer (which other specs use
 *     it), recomputed on the next run from the other specs' current content;
 *   - every spec of the run, when a rule read `run.specs` as a whole.
 * `--exec` results are never cached (they depend on a database). The file is written atomically (a
 * temporary file renamed over it); a cache file that cannot be read or parsed is ignored, never an error.
 *
 * This module is light: a run where every spec hits loads no parser and no rule.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { FileAccessError, LIMITS, readInside, readRegularFile, referenceState, tryReadInside, writeFileAtomic } from '../fs/access.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { EffectiveConfig } from './config.js';
import type { FileResult } from './types.js';
import { existingMigrations, type RepoIndex } from './repo.js';
import type { SpecModel } from '../model/types.js';
import type { Rule } from '../rules/types.js';
import type { LintManyOptions } from './workers.js';
import { VersionIndex, versionCandidates, type VersionCandidates, type VersionUse } from './crossspec.js';
import type { FileDeps, FileOutcome, SpecSource } from './workers.js';
import type { CandidateLookup, WorktreeStamp } from './changed.js';
import { codeDir } from '../package-root.js';
import { relativeFrom } from './relpath.js';
import { closeCodeResults, openCodeResults, packResult, type StoredCodeResult } from '../code/results.js';

/** 2: version answers are stored by key (usesKey), not as lists. */
export const CACHE_FORMAT = 2;
export const DEFAULT_CACHE_DIR = '.spec-cache';
export const CACHE_FILE_NAME = 'lint.json';

const toPosix = (p: string) => p.split(sep).join('/');
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Where the cache lives: `--cache-location` (a file, or a directory when it ends with `/` or is one), else the default. */
export function cacheFilePath(config: EffectiveConfig, cwd: string, location?: string): string {
  if (!location) return join(config.root, DEFAULT_CACHE_DIR, CACHE_FILE_NAME);
  const abs = resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  if (!isDir) {
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      isDir = false;
    }
  }
  return isDir ? join(abs, CACHE_FILE_NAME) : abs;
}

// ----- what the cache file holds ---------------------------------------------------------------------------

interface StoredDeps {
  /** [PRD path, fingerprint]. */
  prd?: [string, string];
  exists?: Array<[string, boolean]>;
  /** Hash of the repository file list. */
  files?: string;
  /** [directory, hash of its listing] (`repo.filesUnder`): a pre-commit run lists those from the index. */
  under?: Array<[string, string]>;
  /** [version, usesKey of the run's answer]: a key, so that the file grows with the specs, not their square. */
  versions?: Array<[string, string]>;
  /** Hash of every spec of the run. */
  all?: string;
}

interface Entry {
  /** SHA-256 of the linted bytes. */
  hash: string;
  /** Hash of the repository's existing migrations list. */
  migrations: string;
  deps: StoredDeps;
  result: { messages: FileResult['messages']; errorCount: number; warningCount: number };
  /** The spec's migration paths (other specs' version questions are answered from these). */
  paths: string[];
  candidates: VersionCandidates;
  /** The generation (the cache's run counter) of the run that computed it: its code results are kept. */
  gen?: number;
}

/**
 * What depends on the tool alone, not on the config: kept under its own key (toolKey) so that a config
 * change does not drop it.
 */
export interface ToolSection {
  key: string;
  /** The cache's run counter, one up on every write. */
  gen: number;
  /** Version candidates (crossspec.ts) of staged specs by git blob id (`--staged` reads no spec twice). */
  blobs?: Record<string, VersionCandidates>;
  /** Work-tree files last found to hold their staged blob, by top-level-relative path (changed.ts WorktreeStamp). */
  worktree?: Record<string, WorktreeStamp>;
  /** Code-engine results by content key (src/code/results.ts): [generations that used it, packed value]. */
  code?: Record<string, [number[], string]>;
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, Entry>;
  tool?: ToolSection;
}

/** Everything a cache file holds, parsed once per process per version of the file. */
let lastRead: { file: string; stamp: string; parsed: Partial<CacheFile> | null } | undefined;

function parseCacheFile(file: string): Partial<CacheFile> | null {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return null;
  }
  if (lastRead && lastRead.file === file && lastRead.stamp === stamp) return lastRead.parsed;
  let parsed: Partial<CacheFile> | null = null;
  try {
    const value = JSON.parse(readRegularFile(file, { maxBytes: LIMITS.cache }).toString('utf8')) as unknown;
    parsed = value && typeof value === 'object' && (value as CacheFile).format === CACHE_FORMAT ? (value as Partial<CacheFile>) : null;
  } catch {
    parsed = null;
  }
  lastRead = { file, stamp, parsed };
  return parsed;
}

/** Reads a cache file; anything unreadable, unparsable or from another run key is an empty cache. */
export function readCache(file: string, key: string): Map<string, Entry> {
  const c = parseCacheFile(file);
  if (!c || c.key !== key || !c.entries || typeof c.entries !== 'object') return new Map();
  const out = new Map<string, Entry>();
  for (const [rel, e] of Object.entries(c.entries)) if (isEntry(e)) out.set(rel, e);
  return out;
}

/** The tool section of a cache file when it was written by this tool (toolKey); else an empty one. */
function readTool(file: string): ToolSection {
  const t = parseCacheFile(file)?.tool;
  const key = toolKey();
  if (!t || typeof t !== 'object' || t.key !== key || typeof t.gen !== 'number' || !Number.isSafeInteger(t.gen)) return { key, gen: 0 };
  return {
    key,
    gen: t.gen,
    ...(t.blobs && typeof t.blobs === 'object' ? { blobs: t.blobs } : {}),
    ...(t.worktree && typeof t.worktree === 'object' ? { worktree: t.worktree } : {}),
    ...(t.code && typeof t.code === 'object' ? { code: t.code } : {}),
  };
}

/**
 * What a cache file knows about staged specs, for `spec lint --staged --cache`: the version candidates of
 * blobs (git object id → candidates) and the work-tree stamps (changed.ts StagedReader.trusted); the
 * selection then reads no spec it already knows.
 */
export function readStagedFacts(file: string): { candidates: CandidateLookup; stamps: Map<string, WorktreeStamp> } {
  const stamps = new Map<string, WorktreeStamp>();
  const tool = readTool(file);
  // looked up, and checked, blob by blob: a run asks about every staged spec, but a pass over the table to
  // copy it into a Map costs more than the lookups
  const table = tool.blobs;
  const candidates: CandidateLookup = {
    get(oid) {
      if (!table || !Object.prototype.hasOwnProperty.call(table, oid)) return undefined;
      const c = table[oid];
      return c === null || (Array.isArray(c) && c.every((v) => typeof v === 'string')) ? c : undefined;
    },
  };
  if (tool.worktree) {
    for (const [path, st] of Object.entries(tool.worktree)) {
      if (Array.isArray(st) && st.length === 7 && typeof st[0] === 'string' && st.slice(1).every((n) => typeof n === 'number')) stamps.set(path, st);
    }
  }
  return { candidates, stamps };
}

function isEntry(e: unknown): e is Entry {
  const x = e as Entry | null;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.hash === 'string' &&
    typeof x.migrations === 'string' &&
    !!x.deps &&
    typeof x.deps === 'object' &&
    !!x.result &&
    Array.isArray(x.result.messages) &&
    typeof x.result.errorCount === 'number' &&
    typeof x.result.warningCount === 'number' &&
    Array.isArray(x.paths) &&
    (x.candidates === null || Array.isArray(x.candidates))
  );
}

const byKey = <V>(a: [string, V], b: [string, V]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Writes the cache atomically (temporary file + rename, src/fs/access.ts). Under the config `root` the
 * cache's directory must resolve inside the repository (a `.spec-cache` committed as a symbolic link to
 * somewhere else is not written through); a location elsewhere (`--cache-location`, the git directory) is
 * the user's or git's. Returns an error message, or null.
 */
export function writeCache(file: string, key: string, entries: Map<string, Entry>, tool?: ToolSection, root?: string): string | null {
  const body: CacheFile = { format: CACHE_FORMAT, key, entries: Object.fromEntries([...entries].sort(byKey)), ...(tool ? { tool } : {}) };
  const abs = resolve(file);
  const rel = root === undefined ? '..' : relative(resolve(root), abs);
  const inRoot = !rel.startsWith('..') && !isAbsolute(rel);
  try {
    writeFileAtomic(abs, JSON.stringify(body), inRoot ? root! : dirname(abs), { durable: false, display: file });
    return null;
  } catch (err) {
    if (err instanceof FileAccessError) return err.code ?? err.reason;
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

// ----- the run key ------------------------------------------------------------------------------------------

/** The file in dist/ where the build records a hash of everything it wrote (scripts/bundle.mjs). */
export const BUILD_ID_FILE = 'build-id.txt';

/**
 * The installed code: package.json (version) and the size and mtime of package-lock.json, and then either
 * the build's own record of what it wrote (dist/build-id.txt: a hash of the content of every file of dist/,
 * written by the build's last step, with that file's size and mtime), or the size and mtime of every module
 * of the code tree (by default dist/ or src/, the tree this module is in). The build id saves a pre-commit
 * run from listing and stat-ing the whole tree; a tree without one (the sources, a partial build) is
 * listed.
 */
export function codeFingerprint(tree = codeDir): string {
  const pkgRoot = dirname(tree);
  const h = createHash('sha256');
  const built = buildId(tree);
  if (built !== null) h.update(`build:${built}\n`);
  for (const f of ['package.json', 'package-lock.json']) {
    try {
      const st = statSync(join(pkgRoot, f));
      h.update(`${f}:${st.size}:${st.mtimeMs}\n`);
      if (f === 'package.json') h.update(readFileSync(join(pkgRoot, f)));
    } catch {
      h.update(`${f}:-\n`);
    }
  }
  let names: string[] = [];
  try {
    if (built === null) names = (readdirSync(tree, { recursive: true }) as string[]).filter((n) => /\.(js|mjs|cjs|ts|json|wasm)$/.test(n)).sort();
  } catch {
    // no tree: the version alone
  }
  for (const n of names) {
    try {
      const st = statSync(join(tree, n));
      h.update(`${n}:${st.size}:${st.mtimeMs}\n`);
    } catch {
      h.update(`${n}:-\n`);
    }
  }
  return h.digest('hex');
}

/** The build id of a tree (its content, size and mtime), or null when it has none. */
function buildId(tree: string): string | null {
  try {
    const file = join(tree, BUILD_ID_FILE);
    const st = statSync(file);
    const id = readFileSync(file, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(id) ? `${id}:${st.size}:${st.mtimeMs}` : null;
  } catch {
    return null;
  }
}

let fingerprint: string | undefined;

/** Everything that changes every result at once. */
export function runKey(config: EffectiveConfig, rules?: readonly Rule[]): string {
  fingerprint ??= codeFingerprint();
  return sha256(
    JSON.stringify({
      format: CACHE_FORMAT,
      code: fingerprint,
      node: process.version,
      config,
      docs: process.env.SPEC_DOCS_BASE_URL ?? null,
      rules: rules ? rules.map((r) => r.meta.id) : null,
    }),
  );
}

/** What results that depend on the tool alone (code-engine results, blob candidates) are valid for. */
export function toolKey(): string {
  fingerprint ??= codeFingerprint();
  return sha256(JSON.stringify({ format: CACHE_FORMAT, code: fingerprint, node: process.version, tool: 1 }));
}

// ----- fingerprints of cross-file inputs ------------------------------------------------------------------

/**
 * What the PRD a spec names is, without parsing it: for every file the engine's PrdLoader could read for
 * `path` (the path as written and, for a root-anchored `/prds/x.md`, without its leading slash), whether it
 * is outside the repository, missing, unreadable, or the hash of its bytes (or of the staged text); and
 * the repository fact the loader decides between them on. Conservative on purpose: any change to anything
 * the loader could read changes the fingerprint. (A test keeps it in step with PrdLoader.)
 */
export function prdFingerprint(repo: RepoIndex, path: string, texts?: Map<string, string>): string {
  const parts = [onePrd(repo, path, texts)];
  const seg = /^\/([^/\\]+)\//.exec(path);
  if (path.startsWith('/')) parts.push(onePrd(repo, path.slice(1), texts));
  if (seg) parts.push(`dir:${seg[1]}:${repo.exists(seg[1]!)}`);
  return parts.join('|');
}

function onePrd(repo: RepoIndex, path: string, texts?: Map<string, string>): string {
  const root = repo.root;
  if (!repo.contains(path)) return 'outside';
  const rel = toPosix(relative(root, resolve(root, path)));
  const given = texts?.get(rel);
  if (given !== undefined) return `text:${sha256(Buffer.from(given, 'utf8'))}`;
  const abs = resolve(root, path);
  // what PrdLoader reads, read the same way (the file-access layer), so the two agree on every state
  const read = tryReadInside(abs, root, { maxBytes: LIMITS.document, display: rel });
  if (read.error) {
    const status = referenceState(read.error);
    return status === 'unreadable' ? `unreadable:${read.error.problem}:${read.error.code ?? ''}` : status;
  }
  return `bytes:${sha256(read.bytes)}`;
}

/** The repository's existing migrations as the engine lists them (one function, in repo.ts). */
export { existingMigrations as existingMigrationList } from './repo.js';

/** Reads what a spec will be linted from: its hash, and the text for the version scan. */
function readSource(s: SpecSource, root: string): { hash: string; latin1: string | null } {
  if (s.override !== undefined) return { hash: `text:${sha256(Buffer.from(s.override, 'utf8'))}`, latin1: s.override };
  try {
    const bytes = readInside(s.abs, root, { maxBytes: LIMITS.spec, display: s.rel });
    return { hash: `bytes:${sha256(bytes)}`, latin1: bytes.toString('latin1') };
  } catch (err) {
    if (err instanceof FileAccessError) return { hash: `refused:${err.problem}:${err.size ?? ''}:${err.code ?? ''}`, latin1: null };
    return { hash: `error:${(err as NodeJS.ErrnoException).code ?? 'unknown'}`, latin1: null };
  }
}

// ----- the cached run --------------------------------------------------------------------------------------

/** The runner's options (workers.ts), plus where the cache lives and how to report that it could not be written. */
export interface LintCachedOptions
  extends Pick<LintManyOptions, 'config' | 'files' | 'contextFiles' | 'contents' | 'prdTexts' | 'repo' | 'exec' | 'keepModels' | 'rules' | 'jobs' | 'onProgress' | 'candidates'> {
  /** The cache file (cacheFilePath). */
  cacheFile: string;
  /** Told when the cache could not be written (the run still succeeds). */
  onWarning?: (message: string) => void;
  /**
   * The staged blobs of the run (`--staged`): git object id by absolute path, and the version candidates
   * the selection knew for them, kept for the next run (readBlobCandidates).
   */
  blobs?: { ids: Map<string, string>; candidates: Map<string, VersionCandidates>; stamps: Map<string, WorktreeStamp> };
}

export interface CachedRun {
  results: FileResult[];
  models: Map<string, SpecModel>;
  /** How many results came from the cache. */
  hits: number;
}

/** Lints with the cache: reuses every entry whose inputs are unchanged, lints the rest, saves. */
export async function lintCached(options: LintCachedOptions): Promise<CachedRun> {
  const { config, repo } = options;
  const { lintMany } = await import('./workers.js');
  const exec = options.exec ?? config.exec;
  const key = runKey(config, options.rules);
  const linted = new Set(options.files);
  const context = (options.contextFiles ?? []).filter((f) => !linted.has(f));
  const rel = relativeFrom(config.root);
  const specs: SpecSource[] = [...options.files, ...context].map((abs) => {
    const override = options.contents?.get(abs);
    return { abs, rel: rel(abs), ...(override !== undefined ? { override } : {}) };
  });
  const entries = readCache(options.cacheFile, key);
  const tool = readTool(options.cacheFile);
  const gen = tool.gen + 1;

  // what every spec of the run is now: the linted ones are hashed now, the others (context for version
  // questions) only when a question reaches them or the whole run is asked for
  const hashes: Array<string | undefined> = [];
  const candidates: VersionCandidates[] = [];
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i]!;
    const given = options.candidates?.[i];
    if (given !== undefined) {
      candidates.push(given);
      continue;
    }
    const src = readSource(s, config.root);
    hashes[i] = src.hash;
    const e = entries.get(s.rel);
    candidates.push(e && e.hash === src.hash ? e.candidates : src.latin1 === null ? [] : versionCandidates(src.latin1));
  }
  const hashOf = (i: number): string => (hashes[i] ??= readSource(specs[i]!, config.root).hash);

  // run-wide inputs, computed when first needed
  let filesHash: string | undefined;
  const repoFilesHash = () => (filesHash ??= sha256(repo.files().join('\0')));
  const underHashes = new Map<string, string>();
  const underHash = (dir: string): string => {
    let h = underHashes.get(dir);
    if (h === undefined) underHashes.set(dir, (h = sha256(repo.filesUnder(dir).join('\0'))));
    return h;
  };
  const migrationsHash = sha256(existingMigrations(repo, config).join('\0'));
  let allHash: string | undefined;
  const allSpecsHash = () => (allHash ??= sha256(specs.map((s, i) => `${s.rel}\0${hashOf(i)}`).join('\0')));
  const prdPrints = new Map<string, string>();
  const prdPrint = (p: string) => {
    let v = prdPrints.get(p);
    if (v === undefined) prdPrints.set(p, (v = prdFingerprint(repo, p, options.prdTexts)));
    return v;
  };
  // other specs' migration paths: from their entries when unchanged, else from their models (parsed here)
  let loadSpec: ((abs: string, rel: string, override?: string, root?: string) => SpecModel) | undefined;
  const index = new VersionIndex(
    specs.map((s) => s.rel),
    candidates,
    (i) => {
      const e = entries.get(specs[i]!.rel);
      if (e && e.hash === hashOf(i)) return e.paths;
      if (!loadSpec) throw new NeedsEngine();
      const s = specs[i]!;
      return loadSpec(s.abs, s.rel, s.override, config.root)
        .migrations.map((m) => m.path)
        .filter((p): p is string => p !== null);
    },
  );

  // the run's answer to a version question, by key, once per version (every entry asks the same)
  const keys = new Map<string, string>();
  const currentKey = (v: string): string => {
    let k = keys.get(v);
    if (k === undefined) keys.set(v, (k = usesKey(index.uses(v))));
    return k;
  };
  const valid = (e: Entry, i: number): boolean => {
    if (e.hash !== hashOf(i) || e.migrations !== migrationsHash) return false;
    const d = e.deps;
    if (d.prd && prdPrint(d.prd[0]) !== d.prd[1]) return false;
    if (d.exists) for (const [p, answer] of d.exists) if (repo.exists(p) !== answer) return false;
    if (d.files !== undefined && d.files !== repoFilesHash()) return false;
    if (d.under) for (const [dir, h] of d.under) if (underHash(dir) !== h) return false;
    if (d.all !== undefined && d.all !== allSpecsHash()) return false;
    if (d.versions) for (const [v, key] of d.versions) if (currentKey(v) !== key) return false;
    return true;
  };

  const results: Array<FileResult | null> = options.files.map(() => null);
  const misses: number[] = [];
  const useCache = !exec && !options.keepModels;
  if (useCache) {
    for (let i = 0; i < options.files.length; i++) {
      const e = entries.get(specs[i]!.rel);
      let ok = false;
      if (e) {
        try {
          ok = valid(e, i);
        } catch (err) {
          if (!(err instanceof NeedsEngine)) throw err;
          // a changed spec must be parsed to answer a version question: load the engine and ask again
          loadSpec = (await import('./engine.js')).loadSpec;
          ok = valid(e, i);
        }
      }
      if (ok) results[i] = { filePath: specs[i]!.abs, relativePath: specs[i]!.rel, ...e!.result };
      else misses.push(i);
    }
  } else {
    for (let i = 0; i < options.files.length; i++) misses.push(i);
  }

  const models = new Map<string, SpecModel>();
  let code: ReturnType<typeof closeCodeResults> = null;
  if (misses.length > 0) {
    // code-engine results by content: a spec whose code blocks did not change loads no engine
    if (!exec) openCodeResults(storedCode(tool));
    try {
      const run = await lintMany({
        config,
        files: options.files,
        ...(options.contextFiles ? { contextFiles: options.contextFiles } : {}),
        ...(options.contents ? { contents: options.contents } : {}),
        ...(options.prdTexts ? { prdTexts: options.prdTexts } : {}),
        repo,
        exec,
        keepModels: options.keepModels ?? false,
        recordDeps: !exec,
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
        candidates,
        only: misses,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      for (const i of misses) {
        const o = run.outcomes[i] as FileOutcome;
        results[i] = o.result;
        if (o.model) models.set(o.model.filePath, o.model);
        if (!exec && o.deps) entries.set(specs[i]!.rel, { ...toEntry(o, o.deps, hashOf(i), migrationsHash, candidates[i]!, repoFilesHash, underHash, allSpecsHash), gen });
      }
    } finally {
      code = closeCodeResults();
    }
  }

  if (!exec) {
    const blobs = blobTable(tool, options.blobs);
    const worktree = options.blobs ? stampTable(tool, options.blobs.stamps) : tool.worktree;
    if (misses.length > 0 || blobs !== tool.blobs || worktree !== tool.worktree) {
      // forget specs that are gone
      for (const rel of [...entries.keys()]) if (!existsSync(join(config.root, rel))) entries.delete(rel);
      const next: ToolSection = { key: tool.key, gen, ...(blobs ? { blobs } : {}), ...(worktree ? { worktree } : {}) };
      const kept = keptCode(tool, code, entries, gen);
      if (kept) next.code = kept;
      const problem = writeCache(options.cacheFile, key, entries, next, config.root);
      if (problem) options.onWarning?.(`cannot write the cache ${options.cacheFile} (${problem}); the results are correct, the next run will not be faster`);
    }
  }
  return { results: results as FileResult[], models, hits: options.files.length - misses.length };
}

class NeedsEngine extends Error {}

/** The code results a cache file holds, for the run's store (results.ts). */
function storedCode(tool: ToolSection): Map<string, StoredCodeResult> {
  const out = new Map<string, StoredCodeResult>();
  if (tool.code) {
    for (const [k, rec] of Object.entries(tool.code)) {
      if (!Array.isArray(rec) || rec.length !== 2 || !Array.isArray(rec[0]) || typeof rec[1] !== 'string') continue;
      out.set(k, { packed: rec[1], gens: rec[0].filter((g): g is number => typeof g === 'number') });
    }
  }
  return out;
}

/**
 * The code results to keep: each is kept while a cached spec result computed in a run that used it is
 * (entries carry their run's generation), so a spec linted again after an edit of its prose finds its
 * blocks' results, and results nobody can need any more go.
 */
function keptCode(tool: ToolSection, code: ReturnType<typeof closeCodeResults>, entries: Map<string, Entry>, gen: number): Record<string, [number[], string]> | undefined {
  const live = new Set<number>();
  for (const e of entries.values()) if (typeof e.gen === 'number') live.add(e.gen);
  const records = code?.records ?? storedCode(tool);
  const out: Array<[string, [number[], string]]> = [];
  for (const [k, rec] of records) {
    const gens = new Set(rec.gens.filter((g) => live.has(g)));
    if (code?.used.has(k) && live.has(gen)) gens.add(gen);
    if (gens.size === 0) continue;
    const packed = rec.packed ?? (rec.value === undefined ? undefined : packResult(rec.value));
    if (packed !== undefined) out.push([k, [[...gens].sort((a, b) => a - b), packed]]);
  }
  return out.length > 0 ? Object.fromEntries(out.sort(byKey)) : undefined;
}

/**
 * The work-tree stamps to keep: this run's (the files it read or trusted); `tool.worktree` itself when
 * unchanged. In the order the run met them (the index's): no sort, which costs a pre-commit run more than
 * the rest of the table.
 */
function stampTable(tool: ToolSection, stamps: Map<string, WorktreeStamp>): Record<string, WorktreeStamp> | undefined {
  const old = tool.worktree ?? {};
  let same = stamps.size === Object.keys(old).length;
  if (same) {
    for (const [p, st] of stamps) {
      const o = old[p];
      if (!o || o.length !== st.length || o.some((v, i) => v !== st[i])) {
        same = false;
        break;
      }
    }
  }
  if (same) return tool.worktree;
  return stamps.size > 0 ? Object.fromEntries(stamps) : undefined;
}

/**
 * The blob candidates to keep: the table as it was, plus this run's staged blobs it did not hold; `tool.blobs`
 * itself when nothing was added. Candidates are a function of a blob's content, so an entry is never wrong,
 * only perhaps no longer staged: the table is rebuilt from this run's blobs alone once it holds more than
 * twice as many entries as there are staged specs (so it stays bounded, and a commit costs no pass over it).
 */
export function blobTable(tool: ToolSection, blobs: LintCachedOptions['blobs']): Record<string, VersionCandidates> | undefined {
  if (!blobs) return tool.blobs;
  const old = tool.blobs ?? {};
  const has = (oid: string) => Object.prototype.hasOwnProperty.call(old, oid);
  const added: Array<[string, VersionCandidates]> = [];
  for (const [oid, c] of blobs.candidates) if (!has(oid)) added.push([oid, c]);
  if (added.length === 0) return tool.blobs;
  const size = Object.keys(old).length + added.length;
  if (size <= 2 * blobs.ids.size + 64) return Object.assign({}, old, Object.fromEntries(added));
  const fresh: Array<[string, VersionCandidates]> = [];
  for (const oid of new Set(blobs.ids.values())) {
    const c = blobs.candidates.get(oid);
    if (c !== undefined) fresh.push([oid, c]);
  }
  return fresh.length > 0 ? Object.fromEntries(fresh) : undefined;
}

function toEntry(
  o: FileOutcome,
  d: FileDeps,
  hash: string,
  migrations: string,
  candidates: VersionCandidates,
  repoFilesHash: () => string,
  underHash: (dir: string) => string,
  allSpecsHash: () => string,
): Entry {
  const deps: StoredDeps = {};
  if (d.prd !== null) deps.prd = d.prd;
  if (d.exists.length) deps.exists = dedupe(d.exists);
  if (d.files) deps.files = repoFilesHash();
  else if (d.under.length) deps.under = d.under.map((dir) => [dir, underHash(dir)]);
  if (d.versions.length) deps.versions = d.versions;
  if (d.allSpecs) deps.all = allSpecsHash();
  const { messages, errorCount, warningCount } = o.result;
  return { hash, migrations, deps, result: { messages, errorCount, warningCount }, paths: o.migrationPaths, candidates };
}

function dedupe(pairs: Array<[string, boolean]>): Array<[string, boolean]> {
  const m = new Map<string, boolean>();
  for (const [p, a] of pairs) m.set(p, a);
  return [...m];
}

/**
 * A key for the answer to "which specs use migration version V" (VersionIndex.uses): a hash of the list,
 * so that a cached result records the answer it saw in constant space.
 */
export function usesKey(uses: readonly VersionUse[]): string {
  if (uses.length === 0) return '';
  const h = createHash('sha256');
  for (const u of uses) h.update(`${u.filePath}\0${u.path}\0`);
  return h.digest('hex').slice(0, 32);
}
