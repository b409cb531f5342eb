/**
 * The streaming runner and its worker threads give exactly what `engine.lintFiles` gives, in the same order,
 * on a generated corpus with cross-spec migration clashes — and the version index answers what scanning
 * every model would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles, loadSpec, migrationsWithVersionOf } from '../../src/lint/engine.js';
import { defaultJobs, lintMany, lintRun } from '../../src/lint/workers.js';
import { VersionIndex, migrationVersion, versionCandidates } from '../../src/lint/crossspec.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
// @ts-expect-error: a plain .mjs module without types
import { writeCorpus } from '../../bench/corpus.mjs';

let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spec-workers-'));
  (writeCorpus as (o: object) => unknown)({ out: dir, n: 30, seed: 5, git: false });
  files = readdirSync(join(dir, 'tech-specs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, 'tech-specs', f));
  expect(files).toHaveLength(30);
  // cross-spec clashes: spec 3 takes spec 1's first migration version; spec 5 writes one with an escape
  const version = (f: string) => /migrations\/(\d+)_/.exec(readFileSync(f, 'utf8'))![1]!;
  const v1 = version(files[1]!);
  const v3 = version(files[3]!);
  writeFileSync(files[3]!, readFileSync(files[3]!, 'utf8').split(v3).join(v1));
  const v5 = version(files[5]!);
  writeFileSync(files[5]!, readFileSync(files[5]!, 'utf8').split(v5).join(v1) + `\n#### &#x32;${v1.slice(1)}_entity.sql\n\n\`\`\`sql\n-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n\`\`\`\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lintMany equals engine.lintFiles', () => {
  it('in this thread and across worker threads, in the same order', { timeout: 240_000 }, async () => {
    const config = mergeConfig({}, dir, null);
    const repo = createRepoIndex(dir);
    const expected = (await lintFiles({ config, files, repo, keepModels: false })).results;
    expect(expected.some((r) => r.messages.some((m) => m.ruleId === 'goose/version-unique'))).toBe(true);
    for (const jobs of [0, 1, 2]) {
      const got = (await lintRun({ config, files, repo, jobs })).results;
      expect(got, `jobs=${jobs}`).toEqual(expected);
    }
  });

  it('with context specs (linted for cross-spec checks only) and a subset of files', { timeout: 240_000 }, async () => {
    const config = mergeConfig({}, dir, null);
    const repo = createRepoIndex(dir);
    const target = [files[1]!, files[4]!];
    const context = files.filter((f) => !target.includes(f));
    const expected = (await lintFiles({ config, files: target, contextFiles: context, repo, keepModels: false })).results;
    for (const jobs of [0, 2]) {
      expect((await lintRun({ config, files: target, contextFiles: context, repo, jobs })).results, `jobs=${jobs}`).toEqual(expected);
    }
    const some = await lintMany({ config, files, repo, jobs: 0, only: [2, 7] });
    expect(some.outcomes.map((o, i) => (o ? i : -1)).filter((i) => i >= 0)).toEqual([2, 7]);
  });
});

describe('the version index', () => {
  it('answers what scanning every model answers', () => {
    const rels = files.map((f) => f.slice(dir.length + 1));
    const models = files.map((f, i) => loadSpec(f, rels[i]!));
    const scan = migrationsWithVersionOf(models);
    const texts = files.map((f) => readFileSync(f, 'latin1'));
    let loads = 0;
    const index = new VersionIndex(rels, texts.map(versionCandidates), (i) => {
      loads++;
      return models[i]!.migrations.map((m) => m.path).filter((p): p is string => p !== null);
    });
    const versions = new Set(models.flatMap((m) => m.migrations.map((x) => (x.path ? migrationVersion(x.path) : null)).filter((v): v is string => v !== null)));
    versions.add('20200101000000');
    for (const v of versions) expect(index.uses(v), v).toEqual(scan(v));
    // a spec is read only when its text could hold a version asked about
    expect(loads).toBeLessThanOrEqual(files.length);
  });

  it('finds the digit runs a migration path could carry, and gives up (any) on character references', () => {
    expect(versionCandidates('#### `migrations/20261102120000_create.sql`\n- Create: `db/0001_init.sql` and 2026\\_x')).toEqual(['0001', '2026', '20261102120000']);
    expect(versionCandidates('no versions here: 42 and 1_000? no, 1_ is one')).toEqual(['1']);
    expect(versionCandidates('#### &#50;0261102120000_x.sql')).toBeNull();
    // a file name starts after `/`, punctuation or a space, never inside a name
    expect(versionCandidates('see p2_1.go, v20_x, `4_x.sql`, db/3_y.sql, *5_z.sql*, _6_w, é7_v, a_8_t, a\\_9_t, é_10_x')).toEqual(['10', '3', '4', '5', '6', '7', '9']);
    expect(migrationVersion('migrations/20261102120000_create_invites.sql')).toBe('20261102120000');
    expect(migrationVersion('migrations\\0002_x.sql')).toBe('0002');
    expect(migrationVersion('migrations/create.sql')).toBeNull();
  });
});

describe('how many workers', () => {
  it('one per core but one (the engine thread takes a core\'s share), at least 1, at most 7; none for a few specs; SPEC_LINT_JOBS decides when set', () => {
    const saved = process.env.SPEC_LINT_JOBS;
    try {
      delete process.env.SPEC_LINT_JOBS;
      expect(defaultJobs(1000)).toBe(Math.max(1, Math.min(availableParallelism(), 8) - 1));
      expect(defaultJobs(5)).toBe(0);
      process.env.SPEC_LINT_JOBS = '3';
      expect(defaultJobs(1000)).toBe(3);
      expect(defaultJobs(24)).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.SPEC_LINT_JOBS;
      else process.env.SPEC_LINT_JOBS = saved;
    }
  });
});
