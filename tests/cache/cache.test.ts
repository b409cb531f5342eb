/**
 * `spec lint --cache`: a stale entry is impossible by construction. Each input a result depends on is
 * changed in turn — the spec, the config, the PRD, the repository's files, the migrations directory, another
 * spec's migration versions, the staged content, the environment, the installed code — and the cached run
 * must then give exactly what a run without the cache gives, and something different from before.
 * A corrupt or unwritable cache is ignored, never an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_ID_FILE, blobTable, cacheFilePath, codeFingerprint, type ToolSection, existingMigrationList, lintCached, prdFingerprint, readCache, runKey } from '../../src/lint/cache.js';
import { lintRun } from '../../src/lint/workers.js';
import { existingMigrations, PrdLoader } from '../../src/lint/engine.js';
import { mergeConfig, type RawConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import type { FileResult } from '../../src/lint/types.js';

const fixtureRepo = resolve(fileURLToPath(import.meta.url), '..', '..', 'fixtures', 'repo');
const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const SPEC = 'tech-specs/workspace-invites.md';
const OTHER = 'tech-specs/member-lookup-index.md';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spec-cache-'));
  dirs.push(dir);
  cpSync(fixtureRepo, dir, { recursive: true });
  return dir;
}

interface Ctx {
  dir: string;
  raw: RawConfig;
  files: string[];
  contents?: Map<string, string>;
  cacheFile: string;
}

function ctx(dir: string): Ctx {
  return { dir, raw: {}, files: [SPEC, OTHER].map((r) => join(dir, r)), cacheFile: join(dir, '.spec-cache', 'lint.json') };
}

function options(c: Ctx) {
  return {
    config: mergeConfig(c.raw, c.dir, null),
    files: c.files,
    repo: createRepoIndex(c.dir),
    jobs: 0,
    ...(c.contents ? { contents: c.contents } : {}),
  };
}

async function cached(c: Ctx): Promise<{ results: FileResult[]; hits: number }> {
  const r = await lintCached({ ...options(c), cacheFile: c.cacheFile });
  return { results: r.results, hits: r.hits };
}

async function fresh(c: Ctx): Promise<FileResult[]> {
  return (await lintRun(options(c))).results;
}

const write = (dir: string, rel: string, text: string) => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');
const edit = (dir: string, rel: string, from: string, to: string) => {
  const t = read(dir, rel);
  if (!t.includes(from)) throw new Error(`edit: ${from} not in ${rel}`);
  write(dir, rel, t.replace(from, to));
};

/**
 * Primes the cache, checks that an unchanged run is served from it, applies `change`, and checks that the
 * cached run equals a run without the cache and differs from the run before the change.
 */
async function expectChangeSeen(change: (c: Ctx) => void, setup?: (c: Ctx) => void): Promise<void> {
  const c = ctx(fixture());
  setup?.(c);
  const before = await cached(c);
  expect(before.hits).toBe(0);
  const again = await cached(c);
  expect(again.hits).toBe(c.files.length);
  expect(again.results).toEqual(before.results);
  change(c);
  const after = await cached(c);
  expect(after.results).toEqual(await fresh(c));
  expect(after.results).not.toEqual(before.results);
  // and the new entry is reused from now on
  const warm = await cached(c);
  expect(warm.hits).toBe(c.files.length);
  expect(warm.results).toEqual(after.results);
}

describe('a cached result is reused only while every input it depends on is unchanged', () => {
  it('the spec text', async () => {
    await expectChangeSeen((c) => edit(c.dir, SPEC, '  - _Implements:_ US-001, US-003\n', '  - _Implements:_ US-001, US-009\n'));
  });

  it('the effective config (a rule turned off, its severity, an override)', async () => {
    const noPrd = (c: Ctx) => rmSync(join(c.dir, 'prds', 'workspace-invites.md'));
    for (const raw of [
      { rules: { 'trace/prd-exists': 'off' } },
      { rules: { 'trace/prd-exists': 'warn' } },
      { overrides: [{ files: 'tech-specs/workspace-*.md', rules: { 'trace/prd-exists': 'off' } }] },
    ] as RawConfig[]) {
      await expectChangeSeen((c) => {
        c.raw = raw;
      }, noPrd);
    }
  });

  it('the PRD the spec names (edited, removed, or through a root-anchored path)', async () => {
    await expectChangeSeen((c) => edit(c.dir, 'prds/workspace-invites.md', '### US-003: Revoke a pending invite', '### US-004: Revoke a pending invite'));
    await expectChangeSeen((c) => rmSync(join(c.dir, 'prds', 'workspace-invites.md')));
    await expectChangeSeen(
      (c) => edit(c.dir, 'prds/workspace-invites.md', '### US-003: Revoke a pending invite', '### US-004: Revoke a pending invite'),
      (c) => edit(c.dir, SPEC, '**PRD:** prds/workspace-invites.md', '**PRD:** /prds/workspace-invites.md'),
    );
  });

  it('the repository file list (a Modify: target removed, a Create: target added)', async () => {
    await expectChangeSeen((c) => rmSync(join(c.dir, 'internal', 'api', 'router.go')));
    await expectChangeSeen((c) => write(c.dir, 'internal/api/invites.go', 'package api\n'));
  });

  it('the migrations directory', async () => {
    await expectChangeSeen((c) => write(c.dir, 'migrations/20261102120000_other.sql', '-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n'));
  });

  it('a directory a rule listed (a Go migration added beside the SQL ones)', async () => {
    // the goose schema rules know the whole schema only while every migration is SQL: a reference to an
    // unknown table is an error until a Go migration (which may create it) appears in the directory
    await expectChangeSeen(
      (c) => write(c.dir, 'migrations/20261101000000_backfill_workspaces.go', 'package migrations\n'),
      (c) => edit(c.dir, SPEC, 'REFERENCES workspaces(id)', 'REFERENCES workspacez(id)'),
    );
  });

  it("another spec's migration versions (the spec itself unchanged)", async () => {
    await expectChangeSeen((c) => {
      // the other spec takes the version of this spec's migration
      const t = read(c.dir, OTHER).split('20261028100000').join('20261102120000');
      write(c.dir, OTHER, t);
    });
  });

  it('a spec linted for context only (--staged, --changed-since)', async () => {
    const c = ctx(fixture());
    const run = async () =>
      lintCached({ ...options(c), files: [join(c.dir, SPEC)], contextFiles: [join(c.dir, OTHER)], cacheFile: c.cacheFile });
    const before = await run();
    expect((await run()).hits).toBe(1);
    write(c.dir, OTHER, read(c.dir, OTHER).split('20261028100000').join('20261102120000'));
    const after = await run();
    expect(after.hits).toBe(0);
    const plain = await lintRun({ ...options(c), files: [join(c.dir, SPEC)], contextFiles: [join(c.dir, OTHER)] });
    expect(after.results).toEqual(plain.results);
    expect(after.results).not.toEqual(before.results);
  });

  it('the staged content (the file on disk unchanged)', async () => {
    await expectChangeSeen((c) => {
      c.contents = new Map([[join(c.dir, SPEC), read(c.dir, SPEC).replace('**Status:** Draft', '**Status:** Drafty')]]);
    });
  });

  it('the environment that changes the report (SPEC_DOCS_BASE_URL)', async () => {
    const old = process.env.SPEC_DOCS_BASE_URL;
    try {
      const c = ctx(fixture());
      edit(c.dir, SPEC, '**Author:** Dana Reyes\n', '');
      await cached(c);
      expect((await cached(c)).hits).toBe(2);
      process.env.SPEC_DOCS_BASE_URL = 'https://docs.example.invalid/rules';
      expect(runKey(mergeConfig({}, c.dir, null))).not.toBe(runKey(mergeConfig({}, c.dir, null), []));
      const after = await cached(c);
      expect(after.hits).toBe(0);
    } finally {
      if (old === undefined) delete process.env.SPEC_DOCS_BASE_URL;
      else process.env.SPEC_DOCS_BASE_URL = old;
    }
  });

  it('the installed code: its fingerprint follows every module, and another key empties the cache', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'spec-code-'));
    dirs.push(tree);
    mkdirSync(join(tree, 'src', 'lint'), { recursive: true });
    writeFileSync(join(tree, 'package.json'), '{"version":"1.0.0"}');
    writeFileSync(join(tree, 'src', 'lint', 'a.js'), 'export const a = 1;\n');
    const one = codeFingerprint(join(tree, 'src'));
    writeFileSync(join(tree, 'src', 'lint', 'a.js'), 'export const a = 2;\n');
    utimesSync(join(tree, 'src', 'lint', 'a.js'), new Date(2000, 1, 1), new Date(2000, 1, 1));
    const two = codeFingerprint(join(tree, 'src'));
    expect(two).not.toBe(one);
    writeFileSync(join(tree, 'package.json'), '{"version":"1.0.1"}');
    expect(codeFingerprint(join(tree, 'src'))).not.toBe(two);

    // a built tree records what it is (scripts/bundle.mjs writes dist/build-id.txt): that is read, not the tree
    writeFileSync(join(tree, 'src', BUILD_ID_FILE), `${'a'.repeat(64)}\n`);
    utimesSync(join(tree, 'src', BUILD_ID_FILE), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const built = codeFingerprint(join(tree, 'src'));
    expect(built).not.toBe(two);
    writeFileSync(join(tree, 'src', BUILD_ID_FILE), `${'b'.repeat(64)}\n`);
    utimesSync(join(tree, 'src', BUILD_ID_FILE), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(codeFingerprint(join(tree, 'src'))).not.toBe(built); // another build
    writeFileSync(join(tree, 'src', BUILD_ID_FILE), 'not an id\n');
    expect(codeFingerprint(join(tree, 'src'))).toBe(codeFingerprint(join(tree, 'src'))); // listed again
    expect(readFileSync(join(projectRoot, 'dist', BUILD_ID_FILE), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);

    const c = ctx(fixture());
    await cached(c);
    const file = JSON.parse(readFileSync(c.cacheFile, 'utf8'));
    file.key = 'written-by-another-version';
    writeFileSync(c.cacheFile, JSON.stringify(file));
    expect((await cached(c)).hits).toBe(0);
  });
});

describe('the cache file', () => {
  const garbage: Array<[string, string]> = [
    ['not JSON', 'this is not json {'],
    ['truncated', '{"format":1,"key":"'],
    ['another shape', '[1,2,3]'],
    ['null', 'null'],
    ['entries of the wrong types', ''],
    ['binary', '\u0000\u0001\u00ff'],
  ];

  for (const [name, text] of garbage) {
    it(`is ignored when corrupt (${name})`, async () => {
      const c = ctx(fixture());
      const expected = await fresh(c);
      mkdirSync(join(c.dir, '.spec-cache'), { recursive: true });
      if (name === 'entries of the wrong types') {
        await cached(c);
        const file = JSON.parse(readFileSync(c.cacheFile, 'utf8'));
        for (const e of Object.values(file.entries) as Array<Record<string, unknown>>) {
          e.result = { messages: 'nope' };
          e.paths = 7;
        }
        writeFileSync(c.cacheFile, JSON.stringify(file));
      } else {
        writeFileSync(c.cacheFile, text);
      }
      const r = await cached(c);
      expect(r.hits).toBe(0);
      expect(r.results).toEqual(expected);
      // and replaced by a good one
      expect((await cached(c)).hits).toBe(2);
    });
  }

  it('that cannot be written gives a warning and correct results', async () => {
    const c = ctx(fixture());
    mkdirSync(c.cacheFile, { recursive: true }); // a directory where the file should be
    const warnings: string[] = [];
    const r = await lintCached({ ...options(c), cacheFile: c.cacheFile, onWarning: (m) => warnings.push(m) });
    expect(r.results).toEqual(await fresh(c));
    expect(warnings.join('\n')).toMatch(/cannot write the cache/);
  });

  it('is written atomically: no temporary file is left, and readers see whole files', async () => {
    const c = ctx(fixture());
    await cached(c);
    edit(c.dir, SPEC, '**Status:** Draft', '**Status:** In Review');
    await cached(c);
    expect(readdirSync(join(c.dir, '.spec-cache'))).toEqual(['lint.json']);
    expect(readCache(c.cacheFile, runKey(mergeConfig({}, c.dir, null))).size).toBe(2);
  });

  it('forgets specs that are gone', async () => {
    const c = ctx(fixture());
    await cached(c);
    rmSync(join(c.dir, OTHER));
    c.files = [join(c.dir, SPEC)];
    edit(c.dir, SPEC, '**Status:** Draft', '**Status:** In Review');
    await cached(c);
    expect(Object.keys(JSON.parse(readFileSync(c.cacheFile, 'utf8')).entries)).toEqual([SPEC]);
  });

  it('lives where --cache-location says, ESLint style', () => {
    const dir = fixture();
    const config = mergeConfig({}, dir, null);
    expect(cacheFilePath(config, dir)).toBe(join(dir, '.spec-cache', 'lint.json'));
    expect(cacheFilePath(config, dir, 'tmp/cache/')).toBe(join(dir, 'tmp', 'cache', 'lint.json'));
    mkdirSync(join(dir, 'existing'));
    expect(cacheFilePath(config, dir, 'existing')).toBe(join(dir, 'existing', 'lint.json'));
    expect(cacheFilePath(config, dir, 'my-cache.json')).toBe(join(dir, 'my-cache.json'));
    expect(existsSync(join(dir, '.spec-cache'))).toBe(false);
  });
});

describe('the cache reads the inputs the engine reads', () => {
  it('the existing migrations list is the engine list', () => {
    const dir = fixture();
    write(dir, 'migrations/notes.md', 'x');
    write(dir, 'migrations/nested/20260101000000_x.sql', 'x');
    write(dir, 'other/20260101000000_y.sql', 'x');
    const repo = createRepoIndex(dir);
    for (const raw of [{}, { paths: { migrations: 'migrations/' } }, { paths: { migrations: 'other' } }] as RawConfig[]) {
      const config = mergeConfig(raw, dir, null);
      expect(existingMigrationList(repo, config)).toEqual(existingMigrations(repo, config));
    }
  });

  it('a listed directory is recorded as that directory: neither the run nor the next lists the whole repository', async () => {
    // listing every file (tracked and untracked) walks the work tree: a pre-commit run in a large repository
    // must not pay for it because a goose rule looked into the migrations directory
    const c = ctx(fixture());
    const calls = { files: 0, under: 0 };
    const counting = () => {
      const repo = createRepoIndex(c.dir);
      return { ...repo, files: () => (calls.files++, repo.files()), filesUnder: (d: string) => (calls.under++, repo.filesUnder(d)) };
    };
    const first = await lintCached({ ...options(c), repo: counting(), cacheFile: c.cacheFile });
    const again = await lintCached({ ...options(c), repo: counting(), cacheFile: c.cacheFile });
    expect(again.hits).toBe(c.files.length);
    expect(again.results).toEqual(first.results);
    expect(calls.under).toBeGreaterThan(0);
    expect(calls.files).toBe(0);
  });

  it('the PRD fingerprint changes whenever what the PRD loader finds does', () => {
    const dir = fixture();
    const paths = ['prds/workspace-invites.md', '/prds/workspace-invites.md', './prds/workspace-invites.md', 'prds/../prds/workspace-invites.md', 'prds/none.md', '../x.md', '/etc/hostname'];
    const snapshot = () => {
      const repo = createRepoIndex(dir);
      const loader = new PrdLoader(repo);
      return paths.map((p) => ({ p, print: prdFingerprint(repo, p), state: JSON.stringify(loader.load(p)) }));
    };
    const a = snapshot();
    edit(dir, 'prds/workspace-invites.md', 'US-003', 'US-033');
    const b = snapshot();
    for (let i = 0; i < paths.length; i++) {
      if (a[i]!.state !== b[i]!.state) expect(b[i]!.print, paths[i]).not.toBe(a[i]!.print);
    }
    expect(b[0]!.print).not.toBe(a[0]!.print);
    expect(b[1]!.print).not.toBe(a[1]!.print);
  });
});

describe('the staged blob table (--staged --cache)', () => {
  const ids = (n: number, from = 0) => new Map(Array.from({ length: n }, (_, i) => [`/r/tech-specs/s${i}.md`, (from + i).toString(16).padStart(40, '0')]));
  const blobsOf = (idMap: Map<string, string>) => ({ ids: idMap, candidates: new Map([...idMap.values()].map((oid) => [oid, [oid.slice(-4)]] as [string, string[]])), stamps: new Map() });

  it('keeps the table when every staged blob is in it, adds the new ones, and rebuilds it once it doubles', () => {
    const first = blobTable({ key: 'k', gen: 0 }, blobsOf(ids(10)))!;
    expect(Object.keys(first)).toHaveLength(10);
    const tool: ToolSection = { key: 'k', gen: 1, blobs: first };
    expect(blobTable(tool, blobsOf(ids(10)))).toBe(first); // nothing new: the same object, no rewrite needed
    // one spec edited: its new blob joins, the old one stays (still right for its content)
    const edited = ids(10);
    edited.set('/r/tech-specs/s3.md', 'f'.repeat(40));
    const second = blobTable(tool, blobsOf(edited))!;
    expect(Object.keys(second)).toHaveLength(11);
    expect(second['f'.repeat(40)]).toEqual(['ffff']);
    // many edits later the table is rebuilt from the staged blobs alone
    let table = second;
    for (let k = 0; k < 200; k++) {
      const now = ids(10, 1000 + k * 10);
      table = blobTable({ key: 'k', gen: 2, blobs: table }, blobsOf(now))!;
      expect(Object.keys(table).length).toBeLessThanOrEqual(2 * 10 + 64 + 10);
      for (const oid of now.values()) expect(table[oid]).toEqual([oid.slice(-4)]);
    }
  });
});
