/**
 * The task graph of a spec, for an orchestrator or a person: tasks in dependency order, and which of them
 * can run at the same time.
 *
 * Algorithm (documented in docs/lifecycle.md):
 * 1. Nodes are the spec's tasks; an edge D → T for each id D in T's Dependencies that names a task of the
 *    spec (unknown ids are reported as warnings and ignored). A cycle is an error.
 * 2. Level (longest path from a root): level(T) = 0 without dependencies, else 1 + max(level(D)), computed in
 *    one pass over a topological order (Kahn's algorithm: linear in tasks + edges, no recursion, so a
 *    10,000-task chain neither overflows the stack nor takes quadratic time). Two tasks on one level have no
 *    dependency path between them (a path strictly increases the level).
 * 3. Two tasks conflict when they name a common file (Create / Modify / Delete … entries, compared as
 *    written after trimming `./`).
 * 4. `parallelWith(T)`: every other task with no dependency path either way and no common file — the full
 *    "can run at the same time" relation, not only the task's own level. Reachability is one bitset per task
 *    (ancestors, filled in topological order; descendants, in reverse), n²/32 words in all: 10,000 tasks take
 *    25 MB and a few milliseconds, where a transitive closure of sets per task took minutes.
 * 5. Batches (a schedule): levels in order; within a level, tasks in document order go into the first batch
 *    of that level none of whose tasks conflicts with them (greedy colouring over each batch's file set),
 *    else a new batch. Running the
 *    batches one after the other, the tasks of a batch in parallel, respects every dependency and never
 *    gives one file to two tasks at once.
 * 6. `order`: the batches flattened — a topological order that keeps document order where it can.
 * 7. Done-condition commands are read by the command model (src/command/), the one task/done-condition and
 *    `spec verify` use: each command's kind, whether it is a check, and what verify does with it.
 */
import type { SpecModel, Task } from '../model/types.js';
import type { EffectiveConfig } from '../lint/config.js';
import { UsageError } from '../errors.js';
import { commandOptions, doneConditionCommands, escapeControl, prepareDoneConditions, verifyDecision, type DoneCommand, type VerifyAction } from '../command/index.js';

export interface GraphCommand {
  /** As written (control characters escaped). */
  text: string;
  /** Its words, steps joined by their operators (`cd`, `web`, `&&`, `npx` …). */
  argv: string[];
  /** Whether it is a programmatic check (the command model's verdict, the same as task/done-condition's). */
  runnable: boolean;
  /** What it is: test, build, lint, typecheck, status-query, project-script, setup, state-changing, helper, unknown. */
  kind: string;
  /** The program that does the work, after `cd`, `VAR=x`, `env`, `npx`, `docker compose exec` … */
  program: string;
  /** The directory it runs in, relative to the repository root (null: the root). */
  cwd: string | null;
  /** What spec verify does with it: run, shell (only with --allow-shell), refuse, skip. */
  verify: VerifyAction;
  /** Why verify does not simply run it (empty when it does). */
  why: string;
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
  // Kahn's algorithm: levels in one pass over a topological order
  const level = new Map<string, number>();
  const indegree = new Map<string, number>();
  for (const [id, ds] of deps) indegree.set(id, ds.length);
  const queue: string[] = [];
  for (const [id, n] of indegree) if (n === 0) queue.push(id);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    let l = 0;
    for (const d of deps.get(id)!) l = Math.max(l, level.get(d)! + 1);
    level.set(id, l);
    for (const t of dependents.get(id)!) {
      const n = indegree.get(t)! - 1;
      indegree.set(t, n);
      if (n === 0) queue.push(t);
    }
  }
  if (queue.length < byId.size) {
    // a cycle: walk dependencies from a task left over until one repeats
    let id = [...byId.keys()].find((k) => !level.has(k))!;
    const seen = new Map<string, number>();
    const path: string[] = [];
    while (!seen.has(id)) {
      seen.set(id, path.length);
      path.push(id);
      id = deps.get(id)!.find((d) => !level.has(d))!;
    }
    const cycle = [...path.slice(seen.get(id)!), id];
    throw new UsageError(`dependency cycle: ${cycle.join(' → ')}`, 'Fix the tasks’ Dependencies fields so that every task depends only on earlier work.');
  }
  return { byId, deps, dependents, level, warnings };
}

function graphCommand(c: DoneCommand): GraphCommand {
  const d = verifyDecision(c);
  const argv: string[] = [];
  c.steps.forEach((st, i) => {
    if (i > 0 && st.joiner) argv.push(st.joiner);
    argv.push(...st.argv.map(escapeControl));
  });
  const main = c.steps.find((st) => st.kind === c.kind) ?? c.steps[0];
  return { text: escapeControl(c.text), argv, runnable: c.check, kind: c.kind, program: main ? escapeControl(main.program) : '', cwd: main?.cwd ?? null, verify: d.action, why: d.why };
}

/** Bitset helpers for reachability. */
const words = (n: number) => (n + 31) >>> 5;

/** Builds the task graph of a spec model. */
export async function buildTaskGraph(model: SpecModel, config: EffectiveConfig): Promise<TaskGraph> {
  const info = analyseDependencies(model.tasks);
  const tasks = [...info.byId.values()];
  const n = tasks.length;
  const index = new Map(tasks.map((t, i) => [t.id, i] as const));
  const files = tasks.map((t) => new Set(taskFiles(t)));
  const conflict = (a: number, b: number) => {
    const [small, big] = files[a]!.size <= files[b]!.size ? [files[a]!, files[b]!] : [files[b]!, files[a]!];
    for (const f of small) if (big.has(f)) return true;
    return false;
  };

  const maxLevel = tasks.reduce((m, t) => Math.max(m, info.level.get(t.id)!), -1);
  const levels: string[][] = Array.from({ length: maxLevel + 1 }, () => []);
  for (const t of tasks) levels[info.level.get(t.id)!]!.push(t.id);

  // reachability: ancestors in level order (dependencies first), descendants in reverse
  const topo = levels.flat().map((id) => index.get(id)!);
  const w = words(n);
  const anc = tasks.map(() => new Uint32Array(w));
  const desc = tasks.map(() => new Uint32Array(w));
  for (const i of topo) {
    const a = anc[i]!;
    for (const d of info.deps.get(tasks[i]!.id)!) {
      const j = index.get(d)!;
      const aj = anc[j]!;
      for (let k = 0; k < w; k++) a[k]! |= aj[k]!;
      a[j >>> 5]! |= 1 << (j & 31);
    }
  }
  for (let x = topo.length - 1; x >= 0; x--) {
    const i = topo[x]!;
    const dsc = desc[i]!;
    for (const t of info.dependents.get(tasks[i]!.id)!) {
      const j = index.get(t)!;
      const dj = desc[j]!;
      for (let k = 0; k < w; k++) dsc[k]! |= dj[k]!;
      dsc[j >>> 5]! |= 1 << (j & 31);
    }
  }

  const batches: Array<{ batch: number; level: number; tasks: string[] }> = [];
  const batchOf = new Map<string, number>();
  levels.forEach((ids, level) => {
    const mine: Array<{ b: { batch: number; level: number; tasks: string[] }; files: Set<string> }> = [];
    for (const id of ids) {
      const f = files[index.get(id)!]!;
      let target = mine.find((m) => ![...f].some((x) => m.files.has(x)));
      if (!target) {
        target = { b: { batch: batches.length + 1, level, tasks: [] }, files: new Set() };
        mine.push(target);
        batches.push(target.b);
      }
      target.b.tasks.push(id);
      for (const x of f) target.files.add(x);
      batchOf.set(id, target.b.batch);
    }
  });

  await prepareDoneConditions({ codeBlocks: model.codeBlocks, tasks });
  const options = commandOptions(config);
  const graphTasks: GraphTask[] = [];
  for (const [i, t] of tasks.entries()) {
    const entries = t.files?.entries ?? [];
    const pick = (action: string) => [...new Set(entries.filter((e) => e.path && e.action === action).map((e) => normPath(e.path)))];
    const other = [...new Set(entries.filter((e) => e.path && !['create', 'modify', 'delete'].includes(e.action)).map((e) => normPath(e.path)))];
    const parallelWith: string[] = [];
    const a = anc[i]!;
    const dsc = desc[i]!;
    for (let k = 0; k < w; k++) {
      let free = ~(a[k]! | dsc[k]!) >>> 0;
      while (free !== 0) {
        const bit = 31 - Math.clz32(free & -free);
        free &= free - 1;
        const j = (k << 5) + bit;
        if (j >= n || j === i) continue;
        if (!conflict(i, j)) parallelWith.push(tasks[j]!.id);
      }
    }
    const commands = t.doneCondition ? await doneConditionCommands(model, t, options) : [];
    graphTasks.push({
      id: t.id,
      title: t.title,
      phase: t.phase,
      requirements: [...new Set((t.implements?.ids ?? []).map((r) => r.id))],
      files: { create: pick('create'), modify: pick('modify'), delete: pick('delete'), other },
      doneCondition: t.doneCondition ? { text: escapeControl(t.doneCondition.text), commands: commands.map(graphCommand) } : null,
      dependencies: info.deps.get(t.id)!,
      dependents: info.dependents.get(t.id)!,
      level: info.level.get(t.id)!,
      batch: batchOf.get(t.id)!,
      parallelWith,
      line: t.loc.line,
    });
  }

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

/** One line on a command: its kind, where it runs, and what verify does with it. */
function describeCommand(c: GraphCommand): string {
  const where = c.cwd && c.cwd !== '.' ? ` in \`${c.cwd}\`` : '';
  const kind = c.runnable ? `${c.kind} check` : c.kind === 'state-changing' ? 'changes state, not a check' : `${c.kind}, not a check`;
  const verify = c.verify === 'run' ? 'spec verify runs it' : c.verify === 'shell' ? `spec verify runs it with --allow-shell: ${c.why}` : c.verify === 'refuse' ? `spec verify refuses it: ${c.why}` : `spec verify does not run it: ${c.why}`;
  return `${kind} (${c.program || 'no program'}${where}); ${verify}`;
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
        for (const c of t.doneCondition.commands) out.push(`  - ${code(c.text)} — ${describeCommand(c)}`);
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
