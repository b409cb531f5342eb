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
    const g = buildTaskGraph(extractSpec(checks, 'tech-specs/checks.md'), config);
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
    expect(t['T-003']!.doneCondition!.commands.map((c) => c.argv[0])).toEqual(['test', 'node']);
    expect(t['T-003']!.doneCondition!.commands.every((c) => c.runnable)).toBe(true);
    expect(t['T-005']!.doneCondition!.commands).toEqual([]);
    expect(g.warnings).toEqual([]);
    const validate = await schemaValidator();
    expect(validate(g), JSON.stringify(validate.errors)).toBe(true);
  });

  it('never puts a task in a batch before one of its dependencies, and batches never share a file', () => {
    const tasks = [
      task('T-001', [], ['a']),
      task('T-002', [], ['a']),
      task('T-003', ['T-001'], ['b']),
      task('T-004', ['T-002', 'T-003'], ['c']),
      task('T-005', [], ['b']),
      task('T-006', ['T-005'], []),
    ];
    const g = buildTaskGraph(model(tasks), config);
    const batchOf = new Map(g.tasks.map((t) => [t.id, t.batch]));
    for (const t of g.tasks) for (const d of t.dependencies) expect(batchOf.get(d)!).toBeLessThan(t.batch);
    for (const b of g.batches) {
      const files = b.tasks.flatMap((id) => tasks.find((t) => t.id === id)!.files!.entries.map((e) => e.path));
      expect(new Set(files).size).toBe(files.length);
    }
    // transitive: T-004 depends on T-001 through T-003
    expect(g.tasks.find((t) => t.id === 'T-001')!.parallelWith).not.toContain('T-004');
  });

  it('reports unknown dependencies as warnings and rejects cycles naming them', () => {
    const g = buildTaskGraph(model([task('T-001', ['T-009'], [])]), config);
    expect(g.warnings).toEqual(['T-001 depends on T-009, which is not a task of this spec; ignored']);
    expect(() => buildTaskGraph(model([task('T-001', ['T-002'], []), task('T-002', ['T-001'], [])]), config)).toThrow(/dependency cycle: T-001 → T-002 → T-001/);
  });

  it('formats Markdown with the batches', () => {
    const md = formatTaskGraphMarkdown(buildTaskGraph(extractSpec(checks, 'tech-specs/checks.md'), config));
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
