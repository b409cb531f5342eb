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
 *     rule listed it (`repo.files()`);
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
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EffectiveConfig } from './config.js';
import type { FileResult } from './types.js';
import type { RepoIndex } from './repo.js';
import type { SpecModel } from '../model/types.js';
import type { Rule } from '../rules/types.js';
import type { LintManyOptions } from './workers.js';
import { VersionIndex, versionCandidates, type VersionCandidates, type VersionUse } from './crossspec.js';
import type { FileDeps, FileOutcome, SpecSource } from './workers.js';

export const CACHE_FORMAT = 1;
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
  versions?: Array<[string, VersionUse[]]>;
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
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, Entry>;
}

/** Reads a cache file; anything unreadable, unparsable or from another run key is an empty cache. */
export function readCache(file: string, key: string): Map<string, Entry> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
  const c = parsed as Partial<CacheFile> | null;
  if (!c || typeof c !== 'object' || c.format !== CACHE_FORMAT || c.key !== key || !c.entries || typeof c.entries !== 'object') return new Map();
  const out = new Map<string, Entry>();
  for (const [rel, e] of Object.entries(c.entries)) if (isEntry(e)) out.set(rel, e);
  return out;
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

/** Writes the cache atomically (temporary file + rename). Returns an error message, or null. */
export function writeCache(file: string, key: string, entries: Map<string, Entry>): string | null {
  const body: CacheFile = { format: CACHE_FORMAT, key, entries: Object.fromEntries([...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) };
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(body));
    renameSync(tmp, file);
    return null;
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

// ----- the run key ------------------------------------------------------------------------------------------

/**
 * The installed code: package.json (version) and the size and mtime of package-lock.json and of every
 * module of the code tree (by default dist/ or src/, the tree this module is in).
 */
export function codeFingerprint(tree = dirname(dirname(fileURLToPath(import.meta.url)))): string {
  const pkgRoot = dirname(tree);
  const h = createHash('sha256');
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
    names = (readdirSync(tree, { recursive: true }) as string[]).filter((n) => /\.(js|mjs|cjs|ts|json|wasm)$/.test(n)).sort();
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
  try {
    const real = realpathSync(abs);
    const realRoot = realpathSync(root);
    const r = relative(realRoot, real);
    if (r.startsWith('..') || isAbsolute(r)) return 'outside';
    if (!statSync(real).isFile()) return 'missing';
    return `bytes:${sha256(readFileSync(real))}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : `unreadable:${code ?? ''}`;
  }
}

/** The repository's existing migrations as the engine lists them (engine.existingMigrations; kept in step by a test). */
export function existingMigrationList(repo: RepoIndex, config: EffectiveConfig): string[] {
  const dir = config.paths.migrations.replace(/\/+$/, '') + '/';
  return repo.files().filter((f) => f.startsWith(dir) && f.endsWith('.sql'));
}

/** Reads what a spec will be linted from: its hash, and the text for the version scan. */
function readSource(s: SpecSource): { hash: string; latin1: string | null } {
  if (s.override !== undefined) return { hash: `text:${sha256(Buffer.from(s.override, 'utf8'))}`, latin1: s.override };
  try {
    const bytes = readFileSync(s.abs);
    return { hash: `bytes:${sha256(bytes)}`, latin1: bytes.toString('latin1') };
  } catch (err) {
    return { hash: `error:${(err as NodeJS.ErrnoException).code ?? 'unknown'}`, latin1: null };
  }
}

// ----- the cached run --------------------------------------------------------------------------------------

/** The runner's options (workers.ts), plus where the cache lives and how to report that it could not be written. */
export interface LintCachedOptions
  extends Pick<LintManyOptions, 'config' | 'files' | 'contextFiles' | 'contents' | 'prdTexts' | 'repo' | 'exec' | 'keepModels' | 'rules' | 'jobs' | 'onProgress'> {
  /** The cache file (cacheFilePath). */
  cacheFile: string;
  /** Told when the cache could not be written (the run still succeeds). */
  onWarning?: (message: string) => void;
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
  const specs: SpecSource[] = [...options.files, ...context].map((abs) => {
    const override = options.contents?.get(abs);
    return { abs, rel: toPosix(relative(config.root, abs)), ...(override !== undefined ? { override } : {}) };
  });
  const entries = readCache(options.cacheFile, key);

  // what every spec of the run is now
  const hashes: string[] = [];
  const candidates: VersionCandidates[] = [];
  for (const s of specs) {
    const src = readSource(s);
    hashes.push(src.hash);
    const e = entries.get(s.rel);
    candidates.push(e && e.hash === src.hash ? e.candidates : src.latin1 === null ? [] : versionCandidates(src.latin1));
  }

  // run-wide inputs, computed when first needed
  let filesHash: string | undefined;
  const repoFilesHash = () => (filesHash ??= sha256(repo.files().join('\0')));
  const migrationsHash = sha256(existingMigrationList(repo, config).join('\0'));
  let allHash: string | undefined;
  const allSpecsHash = () => (allHash ??= sha256(specs.map((s, i) => `${s.rel}\0${hashes[i]}`).join('\0')));
  const prdPrints = new Map<string, string>();
  const prdPrint = (p: string) => {
    let v = prdPrints.get(p);
    if (v === undefined) prdPrints.set(p, (v = prdFingerprint(repo, p, options.prdTexts)));
    return v;
  };
  // other specs' migration paths: from their entries when unchanged, else from their models (parsed here)
  let loadSpec: ((abs: string, rel: string, override?: string) => SpecModel) | undefined;
  const index = new VersionIndex(
    specs.map((s) => s.rel),
    candidates,
    (i) => {
      const e = entries.get(specs[i]!.rel);
      if (e && e.hash === hashes[i]) return e.paths;
      if (!loadSpec) throw new NeedsEngine();
      const s = specs[i]!;
      return loadSpec(s.abs, s.rel, s.override)
        .migrations.map((m) => m.path)
        .filter((p): p is string => p !== null);
    },
  );

  const valid = (e: Entry, i: number): boolean => {
    if (e.hash !== hashes[i] || e.migrations !== migrationsHash) return false;
    const d = e.deps;
    if (d.prd && prdPrint(d.prd[0]) !== d.prd[1]) return false;
    if (d.exists) for (const [p, answer] of d.exists) if (repo.exists(p) !== answer) return false;
    if (d.files !== undefined && d.files !== repoFilesHash()) return false;
    if (d.all !== undefined && d.all !== allSpecsHash()) return false;
    if (d.versions) for (const [v, uses] of d.versions) if (!sameUses(index.uses(v), uses)) return false;
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
  if (misses.length > 0) {
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
      if (!exec && o.deps) entries.set(specs[i]!.rel, toEntry(o, o.deps, hashes[i]!, migrationsHash, candidates[i]!, repoFilesHash, allSpecsHash));
    }
  }

  if (!exec && misses.length > 0) {
    // forget specs that are gone
    for (const rel of [...entries.keys()]) if (!existsSync(join(config.root, rel))) entries.delete(rel);
    const problem = writeCache(options.cacheFile, key, entries);
    if (problem) options.onWarning?.(`cannot write the cache ${options.cacheFile} (${problem}); the results are correct, the next run will not be faster`);
  }
  return { results: results as FileResult[], models, hits: options.files.length - misses.length };
}

class NeedsEngine extends Error {}

function toEntry(
  o: FileOutcome,
  d: FileDeps,
  hash: string,
  migrations: string,
  candidates: VersionCandidates,
  repoFilesHash: () => string,
  allSpecsHash: () => string,
): Entry {
  const deps: StoredDeps = {};
  if (d.prd !== null) deps.prd = d.prd;
  if (d.exists.length) deps.exists = dedupe(d.exists);
  if (d.files) deps.files = repoFilesHash();
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

function sameUses(a: readonly VersionUse[], b: readonly VersionUse[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.filePath !== b[i]!.filePath || a[i]!.path !== b[i]!.path) return false;
  return true;
}
