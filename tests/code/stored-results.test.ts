/**
 * Code-engine results kept by content in the `--cache` file (src/code/results.ts, src/lint/cache.ts): a spec
 * whose prose changed but whose code blocks did not is linted without loading TypeScript, libpg-query or
 * tree-sitter, with exactly the results a run without the cache gives. (As in lazy-engines.test.ts, the
 * loaded engines are per module registry: `vi.resetModules()` starts a fresh one, as a new process would.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import { lintRun } from '../../src/lint/workers.js';
import { packageVersion, packResult } from '../../src/code/results.js';
import { createRequire } from 'node:module';

const fixtureRepo = resolve(fileURLToPath(import.meta.url), '..', '..', 'fixtures', 'repo');
const fence = '```';
const SPEC = 'tech-specs/code-blocks.md';

/** The fixture spec with its migrations removed and TypeScript, Go and SQL blocks added (one with a syntax error each). */
function codeSpec(): string {
  const base = readFileSync(join(fixtureRepo, 'tech-specs', 'workspace-invites.md'), 'utf8').replace(/^```sql\n[\s\S]*?^```[ \t]*$/gm, '');
  return (
    base +
    `\n## 10. Assumptions\n\nThe shapes the clients see.\n\n` +
    `${fence}ts\nexport interface Invite {\n  id: string;\n  email: string;\n  payload: any;\n}\nconst broken = ;\n${fence}\n\n` +
    `${fence}go\ntype Invite struct {\n    ID string \`json:"id"\`\n    Email string \`json:"email"\`\n}\nfunc f( {\n${fence}\n\n` +
    `${fence}sql\nSELECT id, email FROM invites WHERE workspace_id = $1;\nSELEC 1;\n${fence}\n`
  );
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spec-stored-'));
  dirs.push(dir);
  cpSync(fixtureRepo, dir, { recursive: true });
  writeFileSync(join(dir, SPEC), codeSpec());
  return dir;
}

function options(dir: string) {
  return { config: mergeConfig({}, dir, null), files: [join(dir, SPEC)], repo: createRepoIndex(dir), jobs: 0 };
}

/** A cached run in a fresh module registry: what it found, and which engines it loaded. */
async function cachedRunFresh(dir: string, cacheFile: string) {
  vi.resetModules();
  const { lintCached } = await import('../../src/lint/cache.js');
  const { loadedEngines } = await import('../../src/code/timing.js');
  const run = await lintCached({ ...options(dir), cacheFile });
  return { results: run.results, hits: run.hits, engines: loadedEngines() };
}

const appendProse = (dir: string, line: string) => writeFileSync(join(dir, SPEC), readFileSync(join(dir, SPEC), 'utf8') + `\n${line}\n`);

describe('code results kept with --cache', () => {
  it('a prose-only edit loads no engine, with the results of a run without the cache', async () => {
    const dir = fixture();
    const cacheFile = join(dir, '.spec-cache', 'lint.json');
    const first = await cachedRunFresh(dir, cacheFile);
    expect(first.engines.sort()).toEqual(['libpg-query', 'tree-sitter', 'tree-sitter-bash', 'typescript']);
    const ids = first.results[0]!.messages.map((m) => m.ruleId);
    for (const id of ['code/ts-syntax', 'code/ts-no-any', 'code/go-syntax', 'code/sql-syntax']) expect(ids).toContain(id);
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { tool: { code: Record<string, unknown> } };
    expect(Object.keys(stored.tool.code).length).toBeGreaterThan(0);

    appendProse(dir, 'A line of prose added after the first run.');
    const second = await cachedRunFresh(dir, cacheFile);
    expect(second.hits).toBe(0);
    expect(second.engines).toEqual([]);
    expect(second.results).toEqual((await lintRun(options(dir))).results);
  });

  it('an edited block is computed again; its old result goes once no cached spec needs it', async () => {
    const dir = fixture();
    const cacheFile = join(dir, '.spec-cache', 'lint.json');
    await cachedRunFresh(dir, cacheFile);
    const codeKeys = () => Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { tool: { code: Record<string, unknown> } }).tool.code);
    const before = codeKeys();

    writeFileSync(join(dir, SPEC), readFileSync(join(dir, SPEC), 'utf8').replace('const broken = ;', 'const fixed = 1;'));
    const run = await cachedRunFresh(dir, cacheFile);
    expect(run.engines).toEqual(['typescript']);
    expect(run.results).toEqual((await lintRun(options(dir))).results);
    const after = codeKeys();
    expect(after.length).toBe(before.length);
    expect(after.filter((k) => !before.includes(k))).toHaveLength(1);

    // many edits: the stored results do not grow
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, SPEC), readFileSync(join(dir, SPEC), 'utf8').replace(/const fixed\d* = 1;/, `const fixed${i} = 1;`));
      await cachedRunFresh(dir, cacheFile);
    }
    expect(codeKeys().length).toBe(before.length);
  });

  it('a process that already has the results still stores them in another cache (a resident spare warmed up on a copy)', async () => {
    const dir = fixture();
    const copy = join(dir, '.spec-cache', 'copy.json');
    const cacheFile = join(dir, '.spec-cache', 'lint.json');
    // one process (one module registry): a run with one cache file, then a run with another
    vi.resetModules();
    const { lintCached } = await import('../../src/lint/cache.js');
    await lintCached({ ...options(dir), cacheFile: copy });
    appendProse(dir, 'An edit between the two runs.');
    await lintCached({ ...options(dir), cacheFile });
    const codeKeys = (f: string) => Object.keys((JSON.parse(readFileSync(f, 'utf8')) as { tool: { code: Record<string, unknown> } }).tool.code).sort();
    expect(codeKeys(cacheFile)).toEqual(codeKeys(copy));
    // so that the next process loads no engine
    appendProse(dir, 'An edit after the second run.');
    const next = await cachedRunFresh(dir, cacheFile);
    expect(next.engines).toEqual([]);
    expect(next.results).toEqual((await lintRun(options(dir))).results);
  });

  it('results stored under another tool key, or damaged, are not used', async () => {
    const dir = fixture();
    const cacheFile = join(dir, '.spec-cache', 'lint.json');
    await cachedRunFresh(dir, cacheFile);
    const body = JSON.parse(readFileSync(cacheFile, 'utf8')) as { tool: { key: string; code: Record<string, [number[], unknown]> } };
    for (const rec of Object.values(body.tool.code)) expect(typeof rec[1]).toBe('string'); // packed
    const foreign = structuredClone(body);
    foreign.tool.key = 'another tool';
    writeFileSync(cacheFile, JSON.stringify(foreign));
    appendProse(dir, 'Another line.');
    const other = await cachedRunFresh(dir, cacheFile);
    expect(other.engines.sort()).toEqual(['libpg-query', 'tree-sitter', 'tree-sitter-bash', 'typescript']);
    expect(other.results).toEqual((await lintRun(options(dir))).results);

    // damaged values under the right key are not served
    const fresh = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof body;
    Object.values(fresh.tool.code).forEach((rec, i) => {
      // not a packed value at all, or a well-packed value of the wrong shape
      rec[1] = i % 2 === 0 ? 'not packed at all' : packResult({ json: '{not json', diagnostics: 'no', error: 7 });
    });
    writeFileSync(cacheFile, JSON.stringify(fresh));
    appendProse(dir, 'One more line.');
    const damaged = await cachedRunFresh(dir, cacheFile);
    expect(damaged.engines.sort()).toEqual(['libpg-query', 'tree-sitter', 'tree-sitter-bash', 'typescript']);
    expect(damaged.results).toEqual((await lintRun(options(dir))).results);

    writeFileSync(cacheFile, '{"format":1,"key":"x","entries":{},"tool":{"key":"x","gen":"nope","code":7}}');
    appendProse(dir, 'And another.');
    const broken = await cachedRunFresh(dir, cacheFile);
    expect(broken.results).toEqual((await lintRun(options(dir))).results);
  });
});

describe('the engine package versions in result keys', () => {
  it('are the versions of the packages require() loads, and ? for one that is not installed', () => {
    const req = createRequire(import.meta.url);
    for (const name of ['typescript', 'libpg-query', 'web-tree-sitter']) {
      const main = req.resolve(name);
      const version = (JSON.parse(readFileSync(join(main.slice(0, main.lastIndexOf(`node_modules/${name}/`)), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      expect(packageVersion(name), name).toBe(version);
    }
    expect(packageVersion('no-such-package-spec-lint')).toBe('?');
    expect(packageVersion('tree-sitter-go')).toMatch(/^\d+\.\d+\.\d+$/); // vendored
  });
});

describe('migration analysis from stored parses', () => {
  const migration = [
    '-- +goose Up',
    'CREATE TABLE invites (id uuid PRIMARY KEY, email text NOT NULL, workspace_id uuid REFERENCES workspaces (id));',
    'CREATE INDEX invites_email_idx ON invites (email);',
    '-- +goose StatementBegin',
    'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now() RETURN NEW; END $$;',
    '-- +goose StatementEnd',
    'SELEC 1;',
    '-- +goose Down',
    'DROP TABLE invites;',
    '',
  ].join('\n');

  it('gives the analysis of the real parser without loading it; a missing answer falls back to it', async () => {
    vi.resetModules();
    const results = await import('../../src/code/results.js');
    const { analyzeMigration: real } = await import('../../src/sql/analyze.js');
    results.openCodeResults(new Map());
    const expected = await real(migration);
    const records = results.closeCodeResults()!.records;
    expect(records.size).toBeGreaterThan(0);
    expect(expected.syntax.length).toBeGreaterThan(0); // the SQL and the PL/pgSQL errors are among the answers
    const stored = new Map(JSON.parse(JSON.stringify([...records])) as Array<[string, { value: unknown; gens: number[] }]>);

    vi.resetModules();
    const fresh = await import('../../src/code/results.js');
    const { analyzeMigration } = await import('../../src/code/migration.js');
    const { loadedEngines } = await import('../../src/code/timing.js');
    fresh.openCodeResults(stored);
    expect(await analyzeMigration(migration)).toEqual(expected);
    expect(loadedEngines()).toEqual([]);

    // one answer missing: computed with the real parser, same analysis
    const partial = new Map([...stored].slice(1));
    vi.resetModules();
    const again = await import('../../src/code/results.js');
    const wrapper = await import('../../src/code/migration.js');
    const timing = await import('../../src/code/timing.js');
    again.openCodeResults(partial);
    expect(await wrapper.analyzeMigration(migration)).toEqual(expected);
    expect(timing.loadedEngines()).toEqual(['libpg-query']);
    again.closeCodeResults();

    // a damaged answer: the same
    const damaged = new Map([...stored].map(([k, r]) => [k, { ...r, value: typeof (r.value as { json?: unknown }).json === 'string' ? { json: '{bad' } : r.value }]));
    vi.resetModules();
    const third = await import('../../src/code/results.js');
    const wrapper3 = await import('../../src/code/migration.js');
    third.openCodeResults(damaged);
    expect(await wrapper3.analyzeMigration(migration)).toEqual(expected);
    third.closeCodeResults();

    // no store open: the real analysis
    vi.resetModules();
    const plain = await import('../../src/code/migration.js');
    expect(await plain.analyzeMigration(migration)).toEqual(expected);
  });
});
