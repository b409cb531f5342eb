/**
 * The task graph of a spec, for an orchestrator or a person: tasks in dependency order, and which of them
 * can run at the same time.
 *
 * Algorithm (documented in docs/lifecycle.md):
 * 1. Nodes are the spec's tasks; an edge D → T for each id D in T's Dependencies that names a task of the
 *    spec (unknown ids are reported as warnings and ignored). A cycle is an error.
 * 2. Level (longest path from a root): level(T) = 0 without dependencies, else 1 + max(level(D)). Two tasks
 *    on one level have no dependency path between them (a path strictly increases the level).
 * 3. Two tasks conflict when they name a common file (Create / Modify / Delete … entries, compared as
 *    written after trimming `./`).
 * 4. `parallelWith(T)`: every other task with no dependency path either way (transitive closure) and no
 *    common file — the full "can run at the same time" relation, not only the task's own level.
 * 5. Batches (a schedule): levels in order; within a level, tasks in document order go into the first batch
 *    of that level none of whose tasks conflicts with them (greedy colouring), else a new batch. Running the
 *    batches one after the other, the tasks of a batch in parallel, respects every dependency and never
 *    gives one file to two tasks at once.
 * 6. `order`: the batches flattened — a topological order that keeps document order where it can.
 */
import type { Command, SpecModel, Task } from '../model/types.js';
import type { EffectiveConfig } from '../lint/config.js';
import { UsageError } from '../errors.js';
import { isRunnableCheck } from './profiles.js';

export interface GraphCommand {
  text: string;
  argv: string[];
  /** Whether the stack profile counts it as a runnable check. */
  runnable: boolean;
}

export interface GraphTask {
  id: string;
  title: string;
  phase: string | null;
  requirements: string[];
  files: { create: string[]; modify: string[]; delete: string[]; other: string[] };
  doneCondition: { text: string; commands: GraphCommand[] } | null;
  dependencies: string[];
  dependents: string[];
  level: number;
  batch: number;
  parallelWith: string[];
  line: number;
}

export interface TaskGraph {
  schemaVersion: 1;
  spec: string;
  title: string | null;
  status: string | null;
  profile: string;
  order: string[];
  levels: string[][];
  batches: Array<{ batch: number; level: number; tasks: string[] }>;
  tasks: GraphTask[];
  warnings: string[];
}

const normPath = (p: string) => p.trim().replace(/^\.\//, '').replace(/\\/g, '/');

/** Every file a task names (normalized), for conflict detection. */
export function taskFiles(task: Task): string[] {
  const out = new Set<string>();
  for (const e of task.files?.entries ?? []) if (e.path) out.add(normPath(e.path));
  return [...out];
}

/** Dependency ids of a task (as written, de-duplicated). */
export function taskDependencies(task: Task): string[] {
  if (!task.dependencies || task.dependencies.none) return [];
  return [...new Set(task.dependencies.refs.map((r) => r.id))];
}

export interface DependencyInfo {
  byId: Map<string, Task>;
  /** Known dependencies per task id. */
  deps: Map<string, string[]>;
  /** Tasks that depend on each task id. */
  dependents: Map<string, string[]>;
  level: Map<string, number>;
  warnings: string[];
}

/** Resolves dependencies, detects cycles (UsageError) and computes levels. */
export function analyseDependencies(tasks: readonly Task[]): DependencyInfo {
  const byId = new Map<string, Task>();
  const warnings: string[] = [];
  for (const t of tasks) {
    if (byId.has(t.id)) warnings.push(`${t.id} is defined more than once (line ${t.loc.line}); the first definition is used`);
    else byId.set(t.id, t);
  }
  const deps = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const t of byId.values()) dependents.set(t.id, []);
  for (const t of byId.values()) {
    const known: string[] = [];
    for (const d of taskDependencies(t)) {
      if (d === t.id) warnings.push(`${t.id} depends on itself; ignored`);
      else if (!byId.has(d)) warnings.push(`${t.id} depends on ${d}, which is not a task of this spec; ignored`);
      else known.push(d);
    }
    deps.set(t.id, known);
    for (const d of known) dependents.get(d)!.push(t.id);
  }
  const level = new Map<string, number>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): number => {
    const s = state.get(id);
    if (s === 'done') return level.get(id)!;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      throw new UsageError(`dependency cycle: ${cycle.join(' → ')}`, 'Fix the tasks’ Dependencies fields so that every task depends only on earlier work.');
    }
    state.set(id, 'visiting');
    stack.push(id);
    let l = 0;
    for (const d of deps.get(id)!) l = Math.max(l, visit(d) + 1);
    stack.pop();
    state.set(id, 'done');
    level.set(id, l);
    return l;
  };
  for (const id of byId.keys()) visit(id);
  return { byId, deps, dependents, level, warnings };
}

/** Ids reachable from `id` along dependency edges (its transitive dependencies). */
function ancestors(id: string, deps: Map<string, string[]>, memo: Map<string, Set<string>>): Set<string> {
  const cached = memo.get(id);
  if (cached) return cached;
  const out = new Set<string>();
  for (const d of deps.get(id) ?? []) {
    out.add(d);
    for (const a of ancestors(d, deps, memo)) out.add(a);
  }
  memo.set(id, out);
  return out;
}

function graphCommand(c: Command, config: EffectiveConfig): GraphCommand {
  return { text: c.text, argv: [...c.argv], runnable: isRunnableCheck(c, config) };
}

/** Builds the task graph of a spec model. */
export function buildTaskGraph(model: SpecModel, config: EffectiveConfig): TaskGraph {
  const info = analyseDependencies(model.tasks);
  const tasks = [...info.byId.values()];
  const files = new Map(tasks.map((t) => [t.id, new Set(taskFiles(t))]));
  const conflict = (a: string, b: string) => {
    const fb = files.get(b)!;
    for (const f of files.get(a)!) if (fb.has(f)) return true;
    return false;
  };
  const memo = new Map<string, Set<string>>();
  const related = (a: string, b: string) => ancestors(a, info.deps, memo).has(b) || ancestors(b, info.deps, memo).has(a);

  const maxLevel = tasks.reduce((m, t) => Math.max(m, info.level.get(t.id)!), -1);
  const levels: string[][] = Array.from({ length: maxLevel + 1 }, () => []);
  for (const t of tasks) levels[info.level.get(t.id)!].push(t.id);

  const batches: Array<{ batch: number; level: number; tasks: string[] }> = [];
  const batchOf = new Map<string, number>();
  levels.forEach((ids, level) => {
    const mine: Array<{ batch: number; level: number; tasks: string[] }> = [];
    for (const id of ids) {
      let target = mine.find((b) => b.tasks.every((o) => !conflict(id, o)));
      if (!target) {
        target = { batch: batches.length + 1, level, tasks: [] };
        mine.push(target);
        batches.push(target);
      }
      target.tasks.push(id);
      batchOf.set(id, target.batch);
    }
  });

  const graphTasks: GraphTask[] = tasks.map((t) => {
    const entries = t.files?.entries ?? [];
    const pick = (action: string) => [...new Set(entries.filter((e) => e.path && e.action === action).map((e) => normPath(e.path)))];
    const other = [...new Set(entries.filter((e) => e.path && !['create', 'modify', 'delete'].includes(e.action)).map((e) => normPath(e.path)))];
    return {
      id: t.id,
      title: t.title,
      phase: t.phase,
      requirements: [...new Set((t.implements?.ids ?? []).map((r) => r.id))],
      files: { create: pick('create'), modify: pick('modify'), delete: pick('delete'), other },
      doneCondition: t.doneCondition ? { text: t.doneCondition.text, commands: t.doneCondition.commands.map((c) => graphCommand(c, config)) } : null,
      dependencies: info.deps.get(t.id)!,
      dependents: info.dependents.get(t.id)!,
      level: info.level.get(t.id)!,
      batch: batchOf.get(t.id)!,
      parallelWith: tasks.filter((o) => o.id !== t.id && !related(t.id, o.id) && !conflict(t.id, o.id)).map((o) => o.id),
      line: t.loc.line,
    };
  });

  return {
    schemaVersion: 1,
    spec: model.filePath,
    title: model.title?.name ?? null,
    status: model.header.byKey['status']?.value ?? null,
    profile: config.profile,
    order: batches.flatMap((b) => b.tasks),
    levels,
    batches,
    tasks: graphTasks,
    warnings: info.warnings,
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
/** An inline code span that survives back-ticks in its text. */
const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

/** The task graph as Markdown: the order with batches, then each task's files and done condition. */
export function formatTaskGraphMarkdown(g: TaskGraph): string {
  const byId = new Map(g.tasks.map((t) => [t.id, t]));
  const out: string[] = [];
  out.push(`# Tasks: ${g.title ?? g.spec}`, '');
  out.push(`Spec: ${code(g.spec)}${g.status ? ` · Status: ${g.status}` : ''} · Profile: ${g.profile}`, '');
  if (g.tasks.length === 0) {
    out.push('The spec has no tasks.', '');
    return out.join('\n');
  }
  out.push('## Order', '');
  out.push('| Batch | Task | Title | Phase | Implements | Depends on | Can run with |');
  out.push('|---|---|---|---|---|---|---|');
  for (const id of g.order) {
    const t = byId.get(id)!;
    out.push(
      `| ${t.batch} | ${t.id} | ${cell(t.title)} | ${cell(t.phase ?? '')} | ${t.requirements.join(', ')} | ${t.dependencies.join(', ') || '—'} | ${t.parallelWith.join(', ') || '—'} |`,
    );
  }
  out.push('');
  out.push('## Batches', '');
  out.push('Run the batches in order; the tasks of one batch have no dependency path between them and share no file, so they can run in parallel.', '');
  for (const b of g.batches) out.push(`${b.batch}. ${b.tasks.join(', ')}${b.tasks.length > 1 ? ' (parallel)' : ''}`);
  out.push('');
  out.push('## Tasks', '');
  for (const id of g.order) {
    const t = byId.get(id)!;
    out.push(`### ${t.id}: ${t.title}`, '');
    if (t.phase) out.push(`- Phase: ${t.phase}`);
    out.push(`- Implements: ${t.requirements.join(', ') || '—'}`);
    out.push(`- Depends on: ${t.dependencies.join(', ') || 'none'}`);
    const files = [
      ...t.files.create.map((f) => `Create ${code(f)}`),
      ...t.files.modify.map((f) => `Modify ${code(f)}`),
      ...t.files.delete.map((f) => `Delete ${code(f)}`),
      ...t.files.other.map((f) => code(f)),
    ];
    if (files.length) {
      out.push('- Files:');
      for (const f of files) out.push(`  - ${f}`);
    }
    if (t.doneCondition) {
      if (t.doneCondition.commands.length) {
        out.push('- Done when:');
        for (const c of t.doneCondition.commands) out.push(`  - ${code(c.text)}${c.runnable ? '' : ' (not a recognised check for this profile)'}`);
      } else {
        out.push(`- Done when: ${cell(t.doneCondition.text)} (no command to run)`);
      }
    } else {
      out.push('- Done when: (no done condition)');
    }
    out.push('');
  }
  if (g.warnings.length) {
    out.push('## Warnings', '');
    for (const w of g.warnings) out.push(`- ${w}`);
    out.push('');
  }
  return out.join('\n');
}
