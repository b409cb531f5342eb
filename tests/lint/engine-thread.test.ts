/**
 * The code engines in a thread of their own (src/lint/workers.ts, src/rules/engines.ts): a run over worker
 * threads gives exactly what `engine.lintFiles` gives in this thread — findings of every engine included —
 * also when the engine thread dies and the workers fall back to the main thread; and the questions asked
 * ahead (`engineRequests`) cover every question the rules ask.
 *
 * The workers run the built module (dist/lint/workers.js): `npm test` builds first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles, lintModel, loadSpec, PrdLoader, runFacts } from '../../src/lint/engine.js';
import { lintRun } from '../../src/lint/workers.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import { engineRequests, localEngines, type CodeEngines, type EngineRequest } from '../../src/rules/engines.js';
import type { FileResult } from '../../src/lint/types.js';
// @ts-expect-error: a plain .mjs module without types
import { writeCorpus } from '../../bench/corpus.mjs';
import { runCli } from '../helpers/cli.js';

let dir: string;
let files: string[];

const BROKEN_CODE = [
  '',
  '## Appendix: code under review',
  '',
  '```go',
  'func broken( {',
  '```',
  '',
  '```ts',
  'export const loose: any = JSON.parse("{}");',
  'let x = ;',
  '```',
  '',
  '```sql',
  'SELEC id FROM invites;',
  '```',
  '',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spec-engine-thread-'));
  (writeCorpus as (o: object) => unknown)({ out: dir, n: 26, seed: 11, git: false });
  files = readdirSync(join(dir, 'tech-specs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, 'tech-specs', f));
  // every engine has something to say: Go, TypeScript and SQL errors in a few specs, and a migration whose
  // Down no longer reverses its Up
  for (const i of [2, 9, 17]) writeFileSync(files[i]!, readFileSync(files[i]!, 'utf8') + BROKEN_CODE);
  const m = files[5]!;
  writeFileSync(m, readFileSync(m, 'utf8').replace(/(-- \+goose Down\n)[^`]*?(\n```)/, '$1SELECT 1;$2'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = (results: FileResult[]) => new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));

describe('code engines in their own thread', () => {
  it('give the results of a run in this thread, findings of every engine included', { timeout: 240_000 }, async () => {
    const config = mergeConfig({}, dir, null);
    const repo = createRepoIndex(dir);
    const expected = (await lintFiles({ config, files, repo, keepModels: false })).results;
    for (const id of ['code/go-syntax', 'code/ts-syntax', 'code/ts-no-any', 'code/sql-syntax', 'goose/down-reverses-up']) {
      expect(ids(expected), id).toContain(id);
    }
    const got = (await lintRun({ config, files, repo, jobs: 2 })).results;
    expect(got).toEqual(expected);
  });

  it('when the engine thread dies, the workers ask the main thread: the same results', { timeout: 240_000 }, async () => {
    const config = mergeConfig({}, dir, null);
    const repo = createRepoIndex(dir);
    const expected = (await lintFiles({ config, files, repo, keepModels: false })).results;
    // a heap far too small for the TypeScript compiler: the engine thread runs out of memory on first use
    const before = process.env.SPEC_ENGINE_OLD_MB;
    process.env.SPEC_ENGINE_OLD_MB = '2';
    try {
      const got = (await lintRun({ config, files, repo, jobs: 2 })).results;
      expect(got).toEqual(expected);
    } finally {
      if (before === undefined) delete process.env.SPEC_ENGINE_OLD_MB;
      else process.env.SPEC_ENGINE_OLD_MB = before;
    }
  });

  it('SPEC_DEBUG_MEMORY=1 reports every thread: each worker, the engine thread, then the main thread', { timeout: 120_000 }, () => {
    const r = runCli(['lint', 'tech-specs'], { cwd: dir, env: { SPEC_DEBUG_MEMORY: '1', SPEC_LINT_JOBS: '1', SPEC_REEXEC: '0' } });
    expect(r.status, r.stderr).toBeLessThan(2);
    const labels = [...r.stderr.matchAll(/^spec: memory: ([^:]+): heap used \d+ MB/gm)].map((m) => m[1]);
    expect(labels).toEqual([expect.stringMatching(/^lint worker \d+$/), 'engine thread', 'main thread']);
  });

  it('the questions asked ahead cover every question the rules ask', { timeout: 120_000 }, async () => {
    const config = mergeConfig({}, dir, null);
    const repo = createRepoIndex(dir);
    const key = (r: EngineRequest) => JSON.stringify(r);
    for (const file of files) {
      const model = loadSpec(file, file.slice(dir.length + 1));
      const asked = new Set<string>();
      const recording: CodeEngines = {
        analyzeGo: (text) => (asked.add(key(['analyzeGo', text])), localEngines.analyzeGo(text)),
        analyzeTs: (text, jsx) => (asked.add(key(['analyzeTs', text, jsx])), localEngines.analyzeTs(text, jsx)),
        checkSql: (text) => (asked.add(key(['checkSql', text])), localEngines.checkSql(text)),
        migrationFindings: (sql, parsed) => (asked.add(key(['migrationFindings', sql])), localEngines.migrationFindings(sql, parsed)),
      };
      const run = { ...runFacts(repo, config, [model], false), engines: recording };
      await lintModel(model, new PrdLoader(repo).load(model.prdPath?.value ?? null), repo, config, run);
      const ahead = new Set(engineRequests(model, config, () => true).map(key));
      // (the repository's existing migrations are asked about once per run, for the schema model: not per spec)
      for (const e of (await run.existingMigrationSources?.()) ?? []) ahead.add(key(['migrationFindings', e.sql]));
      // (goose/down-reverses-up's fix analyses each repaired Down it derives, on demand: a defect's repair, whose
      // text no spec holds, cannot be asked ahead)
      const candidates = new Set(model.codeBlocks.map((b) => b.text));
      const isFixCandidate = (q: string) => {
        const r = JSON.parse(q) as EngineRequest;
        return r[0] === 'migrationFindings' && !candidates.has(r[1] as string) && /-- \+goose Down/i.test(r[1] as string);
      };
      for (const q of asked) if (!isFixCandidate(q)) expect(ahead.has(q), `${file}: ${q.slice(0, 80)}`).toBe(true);
      // and nothing that no rule asks, but for section-4 checks that stop early (code/contract-alignment)
      expect(asked.size, file).toBeGreaterThan(0);
    }
  });
});
