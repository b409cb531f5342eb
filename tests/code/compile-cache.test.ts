/**
 * The V8 code cache for big CommonJS engines (src/code/compile-cache.ts): the module is the same whether
 * the cache is absent, present, corrupt, foreign, rejected by V8 or cannot be written; and `spec lint`
 * (the `typescript` compiler through the cache) gives the same report in each of those cases.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { spawnSync } from 'node:child_process';
import { readCacheEntry, readCacheFile, requireWithCodeCache, userCacheDir, writeCacheFile } from '../../src/code/compile-cache.js';
import { projectRoot, runCli, tempFixtureRepo } from '../helpers/cli.js';

// the built module (`npm test` builds first): child processes run it
const builtModule = join(projectRoot, 'dist', 'code', 'compile-cache.js');

let work: string;
let from: string;
const savedEnv = { dir: process.env.SPEC_CACHE_DIR, off: process.env.SPEC_COMPILE_CACHE };

/** A tiny CommonJS package with lazily compiled functions, in a fresh directory per test. */
function fixturePackage(version = '1.0.0'): void {
  const pkg = join(work, 'node_modules', 'cc-fixture');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'cc-fixture', version, main: 'index.js' }));
  writeFileSync(
    join(pkg, 'index.js'),
    [
      "'use strict';",
      "const path = require('node:path');",
      'let loads = (globalThis.__ccLoads = (globalThis.__ccLoads || 0) + 1);',
      'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }',
      'exports.fib = fib;',
      'exports.base = (p) => path.basename(p);',
      'exports.selfName = () => module.id === __filename && __dirname.endsWith("cc-fixture");',
      'exports.loads = () => loads;',
      '',
    ].join('\n'),
  );
}

type Loaded = { status: string; ok: boolean; key: string; file: string | null; saved: boolean };

/**
 * Loads the fixture package in a fresh Node process (V8 keeps compiled scripts in memory, so only a new
 * process shows whether its cache was accepted) through the built module, and optionally saves the cache.
 */
function load(opts: { save?: boolean; tag?: string; env?: Record<string, string> } = {}): Loaded {
  const script = `
    import { requireWithCodeCache } from ${JSON.stringify(builtModule)};
    const m = requireWithCodeCache('cc-fixture', ${JSON.stringify(from)});
    const ok = m.exports.fib(15) === 610 && m.exports.base('/a/b/c.txt') === 'c.txt' && m.exports.selfName() === true;
    const saved = ${opts.save ? `m.save(${opts.tag === undefined ? '' : JSON.stringify(opts.tag)})` : 'false'};
    process.stdout.write(JSON.stringify({ status: m.status, ok, key: m.key, file: m.file, saved }));
  `;
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Loaded;
}

/** The cache files in a cache directory (of one name prefix: `typescript`, `spec-cli`, the fixture's). */
function cacheFiles(dir: string, prefix = ''): string[] {
  const v8 = join(dir, 'v8');
  return existsSync(v8) ? readdirSync(v8).filter((f) => f.startsWith(prefix) && f.endsWith('.bin')).map((f) => join(v8, f)) : [];
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'spec-cc-'));
  from = join(work, 'entry.js');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  for (const [k, v] of [['SPEC_CACHE_DIR', savedEnv.dir], ['SPEC_COMPILE_CACHE', savedEnv.off]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function freshCacheDir(): string {
  const dir = mkdtempSync(join(work, 'cache-'));
  process.env.SPEC_CACHE_DIR = dir;
  return dir;
}

function forget(): void {
  const req = createRequire(from);
  delete req.cache[req.resolve('cc-fixture')];
}

describe('requireWithCodeCache', () => {
  it('absent: compiles, works, and writes the cache on save(); present: V8 accepts it', () => {
    fixturePackage();
    const dir = freshCacheDir();
    const first = load();
    expect(first).toMatchObject({ status: 'miss', ok: true, saved: false });
    expect(cacheFiles(dir)).toEqual([]);
    expect(load({ save: true })).toMatchObject({ status: 'miss', ok: true, saved: true });
    const [file] = cacheFiles(dir);
    expect(file).toBeDefined();
    if (process.platform !== 'win32') expect(statSync(file!).mode & 0o077).toBe(0);
    const written = readFileSync(file!);

    expect(load({ save: true })).toMatchObject({ status: 'hit', ok: true, saved: false }); // nothing to write
    expect(readFileSync(file!).equals(written)).toBe(true);
    expect(cacheFiles(dir)).toEqual([file]);
  });

  it('in this process: registers the module, so a later require() gets the same exports', () => {
    fixturePackage();
    freshCacheDir();
    forget();
    const m = requireWithCodeCache<{ fib(n: number): number }>('cc-fixture', from);
    expect(m.exports.fib(10)).toBe(55);
    expect(createRequire(from)('cc-fixture')).toBe(m.exports);
    expect(requireWithCodeCache('cc-fixture', from).exports).toBe(m.exports); // already loaded: as it is
    forget();
  });

  it('corrupt, truncated or foreign cache files are ignored, and replaced on save()', () => {
    fixturePackage();
    const dir = freshCacheDir();
    load({ save: true });
    const [file] = cacheFiles(dir);
    const good = readFileSync(file!);
    const variants: Array<[string, Buffer]> = [
      ['a flipped payload byte', Buffer.from(good.map((b, i) => (i === good.length - 10 ? b ^ 0xff : b)))],
      ['truncated', good.subarray(0, Math.floor(good.length / 2))],
      ['empty', Buffer.alloc(0)],
      ['not a cache', Buffer.from('hello, world\n'.repeat(100))],
    ];
    for (const [what, bytes] of variants) {
      writeFileSync(file!, bytes);
      expect(load({ save: true }), what).toMatchObject({ status: 'miss', ok: true, saved: true });
      expect(readFileSync(file!).equals(bytes), what).toBe(false);
      expect(load().status, what).toBe('hit');
    }
  });

  it('tags: a save for a use the cache does not cover rewrites it (its tags joined); a covered one does not', () => {
    fixturePackage();
    const dir = freshCacheDir();
    expect(load({ save: true, tag: 'lint' })).toMatchObject({ status: 'miss', saved: true });
    const [file] = cacheFiles(dir);
    const tagsOf = () => readCacheEntry(file!, load().key)?.tags;
    expect(tagsOf()).toEqual(['lint']);
    const ino = statSync(file!).ino;
    expect(load({ save: true, tag: 'lint' })).toMatchObject({ status: 'hit', saved: false });
    expect(load({ save: true })).toMatchObject({ status: 'hit', saved: false }); // no tag: nothing new
    expect(statSync(file!).ino).toBe(ino);
    expect(load({ save: true, tag: 'tasks --format' })).toMatchObject({ status: 'hit', saved: true });
    expect(statSync(file!).ino).not.toBe(ino);
    expect(tagsOf()).toEqual(['lint', 'tasks --format']);
    expect(load({ save: true, tag: 'lint' })).toMatchObject({ status: 'hit', saved: false });
  });

  it('a cache file written for another key is not read', () => {
    const dir = mkdtempSync(join(work, 'keys-'));
    const file = join(dir, 'x.bin');
    expect(writeCacheFile(file, 'key A', Buffer.from('payload'))).toBe(true);
    expect(readCacheFile(file, 'key A')?.toString()).toBe('payload');
    expect(readCacheFile(file, 'key B')).toBeNull();
  });

  it('a cache V8 rejects (well-formed, compiled from other code) still gives the right module', () => {
    fixturePackage();
    const dir = freshCacheDir();
    const { key } = load({ save: true });
    const [file] = cacheFiles(dir);
    // V8 data of another script, under this file's key: our checks pass, V8's do not
    const other = new Script('function other() { return 42; }\nother();\n');
    other.runInThisContext();
    expect(writeCacheFile(file!, key, other.createCachedData())).toBe(true);
    expect(readCacheFile(file!, key)).not.toBeNull();
    expect(load({ save: true })).toMatchObject({ status: 'rejected', ok: true, saved: true });
    expect(load().status).toBe('hit');
  });

  it('a new version of the package does not use the old cache', () => {
    fixturePackage('1.0.0');
    const dir = freshCacheDir();
    load({ save: true });
    expect(cacheFiles(dir)).toHaveLength(1);
    fixturePackage('2.0.0');
    expect(load({ save: true })).toMatchObject({ status: 'miss', ok: true, saved: true });
    expect(cacheFiles(dir)).toHaveLength(2);
  });

  it('other Node flags do not use the cache written under these', () => {
    fixturePackage();
    const dir = freshCacheDir();
    load({ save: true });
    expect(load({ env: { NODE_OPTIONS: '--max-old-space-size=300' } })).toMatchObject({ status: 'miss', ok: true });
    expect(cacheFiles(dir)).toHaveLength(1);
  });

  it('keeps the four most recently used cache files of a package', () => {
    fixturePackage();
    const dir = freshCacheDir();
    const sizes = [300, 301, 302, 303, 304, 305];
    for (const mb of sizes) load({ save: true, env: { NODE_OPTIONS: `--max-old-space-size=${mb}` } });
    expect(cacheFiles(dir)).toHaveLength(4);
    // the newest are kept: their runs still hit
    expect(load({ env: { NODE_OPTIONS: '--max-old-space-size=305' } }).status).toBe('hit');
    expect(load({ env: { NODE_OPTIONS: '--max-old-space-size=302' } }).status).toBe('hit');
    expect(load({ env: { NODE_OPTIONS: '--max-old-space-size=300' } }).status).toBe('miss');
  });

  it('an unwritable or unusable directory: plain compile, no error', () => {
    fixturePackage();
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'x');
    // mkdir fails (ENOTDIR), even as root
    expect(load({ save: true, env: { SPEC_CACHE_DIR: join(blocker, 'cache') } })).toMatchObject({ status: 'miss', ok: true, file: null, saved: false });
  });

  it('a directory others can write to is not used', () => {
    if (process.platform === 'win32') return;
    fixturePackage();
    const dir = mkdtempSync(join(work, 'shared-'));
    mkdirSync(join(dir, 'v8'));
    chmodSync(join(dir, 'v8'), 0o777);
    expect(load({ save: true, env: { SPEC_CACHE_DIR: dir } })).toMatchObject({ ok: true, file: null, saved: false });
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('SPEC_COMPILE_CACHE=0 turns it off', () => {
    fixturePackage();
    const dir = freshCacheDir();
    expect(load({ save: true, env: { SPEC_COMPILE_CACHE: '0' } })).toMatchObject({ status: 'off', ok: true, saved: false });
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('a missing package throws as require does', () => {
    freshCacheDir();
    expect(() => requireWithCodeCache('no-such-package-here', from)).toThrow();
  });

  it('the default directory is per user', () => {
    expect(userCacheDir({ SPEC_CACHE_DIR: '/x/y' })).toBe('/x/y');
    if (process.platform === 'linux') {
      expect(userCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/spec');
      expect(userCacheDir({})).toMatch(/spec/);
    }
  });
});

describe('spec lint through the code cache: same report in every case', () => {
  it('absent, present, corrupt and unwritable give the same output', () => {
    const repo = tempFixtureRepo();
    try {
      const cacheDir = mkdtempSync(join(work, 'cli-'));
      const run = (env: Record<string, string>) => runCli(['lint', '--format', 'json', 'tech-specs/workspace-invites.md'], { cwd: repo.dir, env });
      const off = run({ SPEC_COMPILE_CACHE: '0', SPEC_CACHE_DIR: cacheDir });
      expect(off.status).toBeLessThan(2);
      expect(cacheFiles(cacheDir)).toEqual([]);

      const absent = run({ SPEC_CACHE_DIR: cacheDir });
      expect(absent.stdout).toBe(off.stdout);
      expect(absent.status).toBe(off.status);
      expect(cacheFiles(cacheDir, 'spec-cli-')).toHaveLength(1); // the CLI bundle's (bin/spec)
      const files = cacheFiles(cacheDir, 'typescript-');
      expect(files).toHaveLength(1);
      const written = statSync(files[0]!).ino;

      const present = run({ SPEC_CACHE_DIR: cacheDir });
      expect(present.stdout).toBe(off.stdout);
      expect(statSync(files[0]!).ino).toBe(written); // accepted, not rewritten (a rewrite renames a new file over it)

      const bytes = readFileSync(files[0]!);
      writeFileSync(files[0]!, bytes.subarray(0, bytes.length - 1000));
      const corrupt = run({ SPEC_CACHE_DIR: cacheDir });
      expect(corrupt.stdout).toBe(off.stdout);
      expect(corrupt.stderr).toBe(off.stderr);
      expect(readFileSync(files[0]!).length).toBeGreaterThan(bytes.length - 1000); // replaced

      const blocker = join(cacheDir, 'blocker');
      writeFileSync(blocker, 'x');
      const unwritable = run({ SPEC_CACHE_DIR: join(blocker, 'sub') });
      expect(unwritable.stdout).toBe(off.stdout);
      expect(unwritable.stderr).toBe(off.stderr);
    } finally {
      repo.cleanup();
    }
  });
});
