/**
 * Code-engine results kept across runs, by content: with `spec lint --cache`, the result of an engine on a
 * code block (TypeScript syntax and declarations, Go syntax and types, SQL syntax, PostgreSQL parse trees)
 * is stored in the cache file (src/lint/cache.ts) under a key made of the engine's name, the versions of the
 * packages that make it, a variant (`ts`/`tsx`, `parse`/`plpgsql`) and a hash of the block's text. A spec
 * whose prose changed but whose code did not is then linted without loading TypeScript, libpg-query or
 * tree-sitter at all: the wrappers in this directory ask here before loading their engine.
 *
 * The results are plain data (what the wrappers return), stored as JSON; the cache file is dropped whole
 * when the tool's code changes (its key holds the code fingerprint), so a stored result is always what this
 * code would compute. Nothing is stored or read unless a run opened the store (`openCodeResults`).
 *
 * This module is light (no engine): the wrappers import it statically.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** The engines whose results are kept, and the packages whose versions their results depend on. */
const ENGINE_PACKAGES = {
  typescript: ['typescript'],
  'tree-sitter': ['web-tree-sitter', 'tree-sitter-go'],
  'libpg-query': ['libpg-query'],
  'tree-sitter-bash': ['web-tree-sitter', 'tree-sitter-bash'],
} as const;

export type StoredEngine = keyof typeof ENGINE_PACKAGES;

/**
 * One stored result and the cache generations (runs) that used it (see cache.ts). In the cache file a
 * result is packed (`packed`: its JSON, deflated, base64): a file of thousands of parse trees then stays
 * small and cheap to read, and only the results a run asks for are unpacked.
 */
export interface StoredCodeResult {
  value?: unknown;
  packed?: string;
  gens: number[];
}

/** Packs a value for the cache file. */
export function packResult(value: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

/** The value of a stored result (unpacked on first use); undefined when it cannot be unpacked. */
export function resultValue(r: StoredCodeResult): unknown {
  if (r.value === undefined && r.packed !== undefined) {
    try {
      r.value = JSON.parse(inflateRawSync(Buffer.from(r.packed, 'base64')).toString('utf8')) as unknown;
    } catch {
      r.value = undefined;
    }
  }
  return r.value;
}

interface Store {
  records: Map<string, StoredCodeResult>;
  /** Keys read or written during this run. */
  used: Set<string>;
  /** Keys written during this run. */
  added: number;
}

let active: Store | null = null;
const versions = new Map<string, string>();

/** Grammars shipped in vendor/ rather than installed as packages, and their versions (vendor/tree-sitter-go/README.md, vendor/tree-sitter-bash/README.md). */
const VENDORED_VERSIONS: Record<string, string> = { 'tree-sitter-go': '0.25.0', 'tree-sitter-bash': '0.25.1' };

/**
 * The version of an installed package (`?` when it cannot be found): read once per process, from the
 * package.json in the first `node_modules/<name>` up from this module, the directory `require` resolves
 * the package in (without `require.resolve`, which loads Node's package-exports resolver: a few
 * milliseconds of every pre-commit run).
 */
export function packageVersion(name: string): string {
  if (VENDORED_VERSIONS[name]) return VENDORED_VERSIONS[name];
  let v = versions.get(name);
  if (v !== undefined) return v;
  v = '?';
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (basename(dir) !== 'node_modules') {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) {
          v = pkg.version ?? '?';
          break;
        }
      } catch {
        // not installed here: keep looking upwards
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  versions.set(name, v);
  return v;
}

/** The key of an engine's result on a text. */
export function codeResultKey(engine: StoredEngine, variant: string, text: string): string {
  const h = createHash('sha256');
  h.update(engine);
  for (const p of ENGINE_PACKAGES[engine]) h.update(`\0${p}@${packageVersion(p)}`);
  h.update(`\0${variant}\0`);
  h.update(text);
  return `${engine}:${h.digest('base64url')}`;
}

/** Starts serving and recording results for a run, from the records a cache file held. */
export function openCodeResults(records: Map<string, StoredCodeResult>): void {
  active = { records, used: new Set(), added: 0 };
}

/** Ends the run's store: its records (old and new) and the keys the run used. Null when none was open. */
export function closeCodeResults(): { records: Map<string, StoredCodeResult>; used: Set<string>; added: number } | null {
  const s = active;
  active = null;
  return s;
}

/** Whether a run has a store open (results are looked up and recorded). */
export function codeResultsOpen(): boolean {
  return active !== null;
}

/**
 * The stored result of `engine` on `text`, or undefined. `valid` checks its shape: a value that does not
 * pass (a damaged cache file) is not served, and is replaced by the engine's answer.
 */
export function storedResult<T>(engine: StoredEngine, variant: string, text: string, valid: (value: unknown) => boolean): T | undefined {
  if (!active) return undefined;
  const key = codeResultKey(engine, variant, text);
  const r = active.records.get(key);
  if (!r) return undefined;
  const value = resultValue(r);
  if (value === undefined || !valid(value)) {
    active.records.delete(key);
    return undefined;
  }
  active.used.add(key);
  return value as T;
}

/** Shape checks for stored values: an object with these array / string / other fields. */
export function hasFields(value: unknown, arrays: readonly string[], strings: readonly string[] = []): boolean {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return arrays.every((k) => Array.isArray(v[k])) && strings.every((k) => typeof v[k] === 'string');
}

/** Records the result of `engine` on `text` (plain JSON data) for later runs. */
export function recordResult(engine: StoredEngine, variant: string, text: string, value: unknown): void {
  if (!active) return;
  const key = codeResultKey(engine, variant, text);
  active.used.add(key);
  if (!active.records.has(key)) {
    active.records.set(key, { value, gens: [] });
    active.added++;
  }
}
