/**
 * A V8 code cache for large CommonJS files: the `typescript` compiler the code engines load on demand (one
 * 9 MB file that V8 otherwise parses and compiles again on every start, ~200 ms of a one-spec run), and the
 * CLI itself, bundled into dist/spec.cjs (bin/spec, scripts/bundle.mjs). Node 20 has no
 * `module.enableCompileCache()`, so the file is compiled here with `vm.Script` and `cachedData`, wrapped
 * exactly as Node wraps a CommonJS module (`Module.wrap`), and registered in `require.cache` so that a later
 * `require()` of it gets the same module.
 *
 * The cache file is written after the caller has used the module (`save()`): V8's cache then holds the
 * functions that were compiled lazily during that use too, which is where most of the time goes. It is
 * written again only for a use it does not cover yet (`save(tag)`: the CLI tags a run by its command and
 * options), so that a first run of `spec --version` does not leave `spec lint` uncached for good.
 *
 * Where: one directory per user, never shared (the cache holds bytecode that this process executes, so a
 * directory another user can write to would let them run code as you):
 *   - `SPEC_CACHE_DIR` when set (tests, CI caches);
 *   - else the platform's per-user cache directory: `$XDG_CACHE_HOME/spec` or `~/.cache/spec` (Linux and
 *     other Unixes), `~/Library/Caches/spec` (macOS), `%LOCALAPPDATA%\spec\Cache` (Windows);
 *   - else (no home directory) `<os.tmpdir()>/spec-cache-<uid>`, used only when this user owns it and no one
 *     else can write to it.
 * Not `node_modules/.cache`: a global or system install is shared by every user and often read-only.
 * Entries live under `v8/`, one file per package file, named by a hash of everything that makes compiled
 * code valid: the package's name and version, the file's path, size and modification time, Node's version
 * and architecture, and the V8/Node flags (`process.execArgv`, `NODE_OPTIONS`). A package keeps its four
 * most recently used files (a hit marks its file used); older ones go when a new one is written.
 *
 * Safety: a cache file carries its key and a SHA-256 of its payload; a file that is truncated, corrupt,
 * written for another key or rejected by V8 is ignored (and replaced once the module has been used).
 * Anything that goes wrong (no directory, unwritable, a vm error) falls back to a plain `require`: the
 * module, and so every result, is the same either way. `SPEC_COMPILE_CACHE=0` turns the cache off.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { userCacheDir, usableDir } from './cache-dir.js';

export { userCacheDir } from './cache-dir.js';

/** How the module was obtained: from a V8 cache V8 accepted, compiled without one, or by plain `require`. */
export type CompileCacheStatus = 'hit' | 'miss' | 'rejected' | 'off' | 'fallback';

export interface CachedModule<T> {
  exports: T;
  status: CompileCacheStatus;
  /** The cache file (null when the cache is off or unusable). */
  file: string | null;
  /** What the cache file must have been written for (empty when the cache is off or unusable). */
  key: string;
  /**
   * Writes the cache when there was none (or V8 rejected it), or when `tag` names a use of the module that
   * the cache does not cover yet. Call it after the module has done real work: the functions compiled by
   * then are cached too, along with every function the cache held (V8 serialises all compiled code of the
   * script), so a cache only grows towards the union of its tags' uses. Never throws; later calls do nothing.
   * Returns whether a cache file was written.
   */
  save(tag?: string): boolean;
}

const MAGIC = 'spec-v8-code-cache/2\n';
const HASH_LEN = 64;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Node's and V8's flags (V8 rejects code cached under other flags); an `-e` script's text is not a flag. */
function flagsHash(): string {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') i++;
    else if (!a.startsWith('--eval=') && !a.startsWith('--print=')) flags.push(a);
  }
  return sha256(JSON.stringify([flags, process.env.NODE_OPTIONS ?? '']));
}

/** The name and version of the package a file belongs to (the nearest package.json with a name). */
function packageOf(file: string): string {
  let dir = dirname(file);
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name) return `${pkg.name}@${pkg.version ?? ''}`;
    } catch {
      // keep looking upwards
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return '?';
}

/**
 * A cache file: MAGIC, the SHA-256 of its key, the SHA-256 of the rest, then the rest: a line of tags (JSON:
 * which uses of the module its code covers, see `save`) and V8's payload.
 */
export interface CacheEntry {
  payload: Buffer;
  tags: string[];
}

/** Reads a cache file when it is whole and was written for `key`; null otherwise. */
export function readCacheEntry(file: string, key: string): CacheEntry | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  const head = MAGIC.length + 2 * (HASH_LEN + 1);
  if (buf.length <= head || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const keyHash = buf.toString('latin1', MAGIC.length, MAGIC.length + HASH_LEN);
  const restHash = buf.toString('latin1', MAGIC.length + HASH_LEN + 1, MAGIC.length + 2 * HASH_LEN + 1);
  if (keyHash !== sha256(key)) return null;
  const rest = buf.subarray(head);
  if (sha256(rest) !== restHash) return null;
  const nl = rest.indexOf(0x0a);
  if (nl < 0) return null;
  let tags: unknown;
  try {
    tags = JSON.parse(rest.toString('utf8', 0, nl));
  } catch {
    return null;
  }
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) return null;
  const payload = rest.subarray(nl + 1);
  return payload.length > 0 ? { payload, tags } : null;
}

/** Reads a cache file's payload when it is whole and was written for `key`; null otherwise. */
export function readCacheFile(file: string, key: string): Buffer | null {
  return readCacheEntry(file, key)?.payload ?? null;
}

/** Writes a cache file atomically (a temporary file renamed over it). Returns whether it was written. */
export function writeCacheFile(file: string, key: string, payload: Uint8Array, tags: readonly string[] = []): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const rest = Buffer.concat([Buffer.from(`${JSON.stringify(tags)}\n`, 'utf8'), payload]);
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${sha256(key)}\n${sha256(rest)}\n`, 'latin1'), rest]), { mode: 0o600 });
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    return false;
  }
}

const prefixOf = (specifier: string) => specifier.replace(/[^A-Za-z0-9._-]+/g, '_');

export interface RequireOptions {
  /** The cache files' name prefix (default: the specifier, made safe for a file name). */
  name?: string;
}

/** Tags a cache file keeps at most: past that, a new tag no longer rewrites it. */
const MAX_TAGS = 24;

/** Cache files kept per package: one per Node version, package version and set of flags in recent use. */
const KEEP_PER_PACKAGE = 4;

/** Marks a cache file as used (its modification time), so that pruning keeps the ones in use. */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // read-only: nothing to mark
  }
}

/** Deletes the package's least recently used cache files beyond KEEP_PER_PACKAGE (old versions, old flags). */
function prune(kept: string, prefix: string): void {
  try {
    const dir = dirname(kept);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.bin'))
      .map((f) => join(dir, f))
      .filter((f) => f !== kept)
      .map((f) => ({ f, t: statSync(f).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(KEEP_PER_PACKAGE - 1)) unlinkSync(f);
  } catch {
    // another process pruned first, or the directory is read-only
  }
}

/**
 * `require(specifier)` (resolved from `from`, a module URL or path) through a V8 code cache. Falls back to
 * a plain `require` on any problem; a module already loaded is returned as it is.
 */
export function requireWithCodeCache<T>(specifier: string, from: string, options: RequireOptions = {}): CachedModule<T> {
  const req = createRequire(from);
  const plain = (status: CompileCacheStatus): CachedModule<T> => ({ exports: req(specifier) as T, status, file: null, key: '', save: () => false });
  if (process.env.SPEC_COMPILE_CACHE === '0' || process.env.SPEC_COMPILE_CACHE === 'off') return plain('off');
  let file: string;
  try {
    file = req.resolve(specifier);
  } catch {
    return plain('fallback'); // let require report what is missing
  }
  if (!file.endsWith('.js') && !file.endsWith('.cjs')) return plain('fallback');
  if (req.cache[file]) return plain('fallback');
  const dir = userCacheDir();
  const prefix = prefixOf(options.name ?? specifier);
  let prepared: { source: string; key: string; cacheFile: string | null; cached: CacheEntry | null } | null = null;
  try {
    const st = statSync(file);
    const bytes = readFileSync(file);
    // an ASCII file decodes as latin1 to the same string, at half the cost of UTF-8 (dist/spec.cjs is ASCII)
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const key = JSON.stringify([MAGIC, packageOf(file), file, st.size, st.mtimeMs, st.ino, process.version, process.arch, flagsHash()]);
    const v8Dir = dir ? join(dir, 'v8') : null;
    const cacheFile = v8Dir && usableDir(v8Dir) ? join(v8Dir, `${prefix}-${sha256(key).slice(0, 24)}.bin`) : null;
    prepared = { source, key, cacheFile, cached: cacheFile ? readCacheEntry(cacheFile, key) : null };
  } catch {
    prepared = null;
  }
  if (!prepared) return plain('fallback');
  const { source, key, cacheFile, cached } = prepared;

  let script: vm.Script;
  let fn: (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  try {
    const scriptOptions: vm.ScriptOptions = { filename: file, ...(cached ? { cachedData: cached.payload } : {}) };
    const dynamic = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
    if (dynamic) (scriptOptions as { importModuleDynamically?: unknown }).importModuleDynamically = dynamic;
    script = new vm.Script(Module.wrap(source), scriptOptions);
    fn = script.runInThisContext();
  } catch {
    return plain('fallback');
  }
  // the module as Node's CommonJS loader builds it, registered first (as Node does, for cycles)
  const mod = new Module(file, undefined) as Module & { filename: string; paths: string[]; loaded: boolean };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths?: (d: string) => string[] })._nodeModulePaths?.(dirname(file)) ?? [];
  const modRequire = createRequire(file);
  req.cache[file] = mod;
  try {
    fn.call(mod.exports, mod.exports, modRequire, mod, file, dirname(file));
    mod.loaded = true;
  } catch {
    delete req.cache[file];
    return plain('fallback');
  }
  const status: CompileCacheStatus = cached ? (script.cachedDataRejected ? 'rejected' : 'hit') : 'miss';
  if (status === 'hit' && cacheFile) touch(cacheFile);
  const held = status === 'hit' ? cached!.tags : null;
  let saved = false;
  return {
    exports: mod.exports as T,
    status,
    file: cacheFile,
    key: cacheFile ? key : '',
    save(tag?: string): boolean {
      if (saved || !cacheFile) return false;
      if (held && (tag === undefined || held.includes(tag) || held.length >= MAX_TAGS)) return false;
      saved = true;
      try {
        const tags = [...new Set([...(held ?? []), ...(tag === undefined ? [] : [tag])])].sort();
        const written = writeCacheFile(cacheFile, key, script.createCachedData(), tags);
        if (written) prune(cacheFile, `${prefix}-`);
        return written;
      } catch {
        return false;
      }
    },
  };
}
