import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { mergeConfig } from '../../src/lint/config.js';
import { extractSpec } from '../../src/model/extract.js';
import type { SpecModel, Task } from '../../src/model/types.js';
import { packageRoot } from '../../src/rules/index.js';
import { buildTaskGraph, formatTaskGraphMarkdown } from '../../src/workflow/graph.js';
import { cleanup, fixtures, runCli, tempDir } from './helpers.js';

async function schemaValidator() {
  const { default: Ajv } = await import('ajv');
  const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'task-graph.schema.json'), 'utf8'));
  const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } })({ allErrors: true });
  return ajv.compile(schema);
}

const checks = readFileSync(join(fixtures, 'checks.md'), 'utf8');
const config = mergeConfig({}, '/repo');

const loc = { line: 1, column: 1, endLine: 1, endColumn: 1 };
/** A hand-built task: only the fields the graph reads. */
function task(id: string, deps: string[], files: string[]): Task {
  return {
    id,
    idLoc: loc,
    number: Number(id.slice(2)),
    title: `task ${id}`,
    phase: null,
    form: 'list',
    loc,
    implements: null,
    description: null,
    files: { label: 'Files', text: '', loc, valueLoc: loc, entries: files.map((p) => ({ action: 'modify', actionText: 'Modify', path: p, quoted: true, note: '', loc, lineLoc: loc })) },
    doneCondition: null,
    dependencies: { label: 'Dependencies', text: deps.join(', ') || 'None', loc, valueLoc: loc, none: deps.length === 0, refs: deps.map((d) => ({ id: d, loc })) },
    fields: [],
  };
}
function model(tasks: Task[]): SpecModel {
  return { ...extractSpec('# Tech Spec: X\n', 'x.md'), tasks };
}

afterEach(cleanup);

describe('buildTaskGraph', () => {
  it('orders the fixture spec and marks parallel tasks', async () => {
    const g = await buildTaskGraph(extractSpec(checks, 'tech-specs/checks.md'), config);
    expect(g.levels).toEqual([['T-001', 'T-002', 'T-006'], ['T-003', 'T-005'], ['T-004']]);
    // T-002 and T-006 share data/b.txt: not in the same batch
    expect(g.batches).toEqual([
      { batch: 1, level: 0, tasks: ['T-001', 'T-002'] },
      { batch: 2, level: 0, tasks: ['T-006'] },
      { batch: 3, level: 1, tasks: ['T-003', 'T-005'] },
      { batch: 4, level: 2, tasks: ['T-004'] },
    ]);
    expect(g.order).toEqual(['T-001', 'T-002', 'T-006', 'T-003', 'T-005', 'T-004']);
    const t = Object.fromEntries(g.tasks.map((x) => [x.id, x]));
    expect(t['T-001']!.parallelWith).toEqual(['T-002', 'T-006', 'T-005']);
    expect(t['T-002']!.parallelWith).not.toContain('T-006');
    expect(t['T-002']!.parallelWith).not.toContain('T-005'); // T-005 depends on it
    expect(t['T-004']!.parallelWith).toEqual(['T-002', 'T-006', 'T-005']);
    expect(t['T-003']).toMatchObject({
      title: 'Mark the first data file done',
      phase: 'Phase 2: Backend Logic & API',
      requirements: ['ER-002'],
      files: { create: [], modify: ['data/a.txt'], delete: [], other: [] },
      dependencies: ['T-001'],
      dependents: ['T-004'],
      level: 1,
      batch: 3,
    });
    expect(t['T-003']!.doneCondition!.commands.map((c) => c.argv[0])).toEqual(['test', 'grep']);
    expect(t['T-003']!.doneCondition!.commands.map((c) => [c.kind, c.verify])).toEqual([['status-query', 'run'], ['status-query', 'run']]);
    expect(t['T-003']!.doneCondition!.commands.every((c) => c.runnable)).toBe(true);
    expect(t['T-005']!.doneCondition!.commands).toEqual([]);
    expect(g.warnings).toEqual([]);
    const validate = await schemaValidator();
    expect(validate(g), JSON.stringify(validate.errors)).toBe(true);
  });

  it('never puts a task in a batch before one of its dependencies, and batches never share a file', async () => {
    const tasks = [
      task('T-001', [], ['a']),
      task('T-002', [], ['a']),
      task('T-003', ['T-001'], ['b']),
      task('T-004', ['T-002', 'T-003'], ['c']),
      task('T-005', [], ['b']),
      task('T-006', ['T-005'], []),
    ];
    const g = await buildTaskGraph(model(tasks), config);
    const batchOf = new Map(g.tasks.map((t) => [t.id, t.batch]));
    for (const t of g.tasks) for (const d of t.dependencies) expect(batchOf.get(d)!).toBeLessThan(t.batch);
    for (const b of g.batches) {
      const files = b.tasks.flatMap((id) => tasks.find((t) => t.id === id)!.files!.entries.map((e) => e.path));
      expect(new Set(files).size).toBe(files.length);
    }
    // transitive: T-004 depends on T-001 through T-003
    expect(g.tasks.find((t) => t.id === 'T-001')!.parallelWith).not.toContain('T-004');
  });

  it('reports unknown dependencies as warnings and rejects cycles naming them', async () => {
    const g = await buildTaskGraph(model([task('T-001', ['T-009'], [])]), config);
    expect(g.warnings).toEqual(['T-001 depends on T-009, which is not a task of this spec; ignored']);
    await expect(buildTaskGraph(model([task("T-001", ["T-002"], []), task("T-002", ["T-001"], [])]), config)).rejects.toThrow(/dependency cycle: T-001 → T-002 → T-001/);
  });

  it('builds a 4,000-task chain and a 500-wide diamond correctly (linear levels, bitset reachability)', async () => {
    const n = 4000;
    const id = (i: number) => `T-${String(i + 1).padStart(4, '0')}`;
    const chain = await buildTaskGraph(model(Array.from({ length: n }, (_, i) => task(id(i), i ? [id(i - 1)] : [], [`f${i}`]))), config);
    expect(chain.levels).toHaveLength(n);
    expect(chain.order).toEqual(Array.from({ length: n }, (_, i) => id(i)));
    expect(chain.tasks.every((t) => t.parallelWith.length === 0)).toBe(true);
    expect(chain.tasks[n - 1]!.level).toBe(n - 1);
    // a diamond at scale: every task of the middle layer runs with every other one, not with the ends
    const mid = 500;
    const tasks = [task('T-0001', [], []), ...Array.from({ length: mid }, (_, i) => task(id(i + 1), ['T-0001'], [`m${i}`])), task(id(mid + 1), Array.from({ length: mid }, (_, i) => id(i + 1)), [])];
    const d = await buildTaskGraph(model(tasks), config);
    expect(d.levels.map((l) => l.length)).toEqual([1, mid, 1]);
    expect(d.tasks[1]!.parallelWith).toHaveLength(mid - 1);
    expect(d.tasks[0]!.parallelWith).toEqual([]);
    expect(d.batches).toHaveLength(3);
  });

  it('reads done-condition commands with the command model (kind, directory, what verify does)', async () => {
    const spec = checks.replace('`test -d data` exits 0.', '`cd web && npx vitest run src/a.test.ts` passes, then `goose down` rolls it back.');
    const g = await buildTaskGraph(extractSpec(spec, 'x.md'), config);
    const cmds = g.tasks.find((t) => t.id === 'T-004')!.doneCondition!.commands;
    expect(cmds.map((c) => ({ kind: c.kind, program: c.program, cwd: c.cwd, runnable: c.runnable, verify: c.verify }))).toEqual([
      { kind: 'test', program: 'vitest', cwd: 'web', runnable: true, verify: 'run' },
      { kind: 'state-changing', program: 'goose', cwd: null, runnable: false, verify: 'skip' },
    ]);
    const md = formatTaskGraphMarkdown(g);
    expect(md).toContain('`cd web && npx vitest run src/a.test.ts` — test check (vitest in `web`); spec verify runs it');
    expect(md).toMatch(/`goose down` — changes state, not a check \(goose\); spec verify does not run it: it changes state/);
  });

  it('formats Markdown with the batches', async () => {
    const md = formatTaskGraphMarkdown(await buildTaskGraph(extractSpec(checks, 'tech-specs/checks.md'), config));
    expect(md).toContain('# Tasks: Verified data files');
    expect(md).toContain('1. T-001, T-002 (parallel)');
    expect(md).toContain('`test -f data/a.txt`');
    expect(md).toContain('(no command to run)');
  });
});

describe('spec tasks', () => {
  it('prints JSON that validates against schemas/task-graph.schema.json', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'tech-specs'));
    copyFileSync(join(fixtures, 'checks.md'), join(root, 'tech-specs', 'checks.md'));
    writeFileSync(join(root, 'spec.config.json'), '{}\n');
    const r = await runCli(root, ['tasks', 'tech-specs/checks.md', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    const validate = await schemaValidator();
    expect(validate(g), JSON.stringify(validate.errors)).toBe(true);
    expect(g.spec).toBe('tech-specs/checks.md');
    expect(g.tasks.find((t: { id: string }) => t.id === 'T-001').parallelWith).toContain('T-002');
  });

  it('prints Markdown by default and fails cleanly on a missing spec', async () => {
    const root = tempDir();
    copyFileSync(join(fixtures, 'checks.md'), join(root, 'checks.md'));
    const md = await runCli(root, ['tasks', 'checks.md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## Batches');
    const missing = await runCli(root, ['tasks', 'nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('spec not found: nope.md');
  });
});
