/**
 * task/dependencies: a task's Dependencies name existing, earlier tasks (or say `None`); no task depends on
 * itself or on a later task, and dependencies form no cycle. Notes in parentheses are fine:
 * `T-001 (schema migration), T-002`.
 */
import { defineRule } from '../types.js';
import type { IdRef } from '../../model/types.js';

export default defineRule({
  meta: {
    id: 'task/dependencies',
    description: 'Dependencies name existing, earlier tasks or None: no unknown, self, forward or cyclic dependency.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const tasks = ctx.spec.tasks;
    const index = new Map<string, number>();
    tasks.forEach((t, i) => {
      if (!index.has(t.id)) index.set(t.id, i);
    });

    // edges to existing tasks (self excluded), for cycle detection
    const edges: Array<Array<{ to: number; ref: IdRef }>> = tasks.map(() => []);
    const forward: Array<{ from: number; to: number; ref: IdRef }> = [];

    tasks.forEach((task, i) => {
      const deps = task.dependencies;
      if (!deps) return; // task/fields reports the missing field
      if (deps.none) return;
      if (deps.refs.length === 0) {
        if (deps.text.trim() === '') return; // task/fields reports the empty field
        ctx.report({
          message: `${task.id}'s Dependencies ("${clip(deps.text)}") name no task; list the task ids it needs (e.g. \`T-001, T-002\`) or write \`None\`.`,
          loc: deps.valueLoc,
          key: `${task.id}:dependencies`,
        });
        return;
      }
      for (const ref of deps.refs) {
        const j = index.get(ref.id);
        if (ref.id === task.id) {
          ctx.report({
            message: `${task.id} depends on itself; remove ${ref.id} from its Dependencies.`,
            loc: ref.loc,
            key: `${task.id}:self`,
          });
          continue;
        }
        if (j === undefined) {
          ctx.report({
            message: `${task.id} depends on ${ref.id}, which does not exist; name an existing earlier task or write \`None\`.`,
            loc: ref.loc,
            key: `${task.id}:unknown:${ref.id}`,
          });
          continue;
        }
        edges[i]!.push({ to: j, ref });
        if (j > i) forward.push({ from: i, to: j, ref });
      }
    });

    // strongly connected components (Tarjan): one report per cycle
    const sccOf = stronglyConnected(tasks.length, (v) => edges[v]!.map((e) => e.to));
    const reportedScc = new Set<number>();
    for (const f of forward) {
      const c = sccOf[f.from]!;
      if (c === sccOf[f.to]) {
        if (reportedScc.has(c)) continue;
        reportedScc.add(c);
        const cycle = findCycle(f.from, f.to, edges, sccOf);
        const names = cycle.map((v) => tasks[v]!.id);
        ctx.report({
          message: `Dependency cycle: ${[...names, names[0]].join(' → ')}; a task can only depend on earlier tasks, so break the cycle.`,
          loc: f.ref.loc,
          key: `cycle:${[...names].sort().join(',')}`,
        });
        continue;
      }
      const from = tasks[f.from]!;
      const to = tasks[f.to]!;
      ctx.report({
        message: `${from.id} depends on ${to.id}, which comes later; dependencies must be earlier tasks — move ${to.id} before ${from.id} (and renumber) or drop the dependency.`,
        loc: f.ref.loc,
        key: `${from.id}:forward:${to.id}`,
      });
    }
  },
});

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** Tarjan's algorithm, iterative; returns the component number of each vertex. */
export function stronglyConnected(n: number, next: (v: number) => number[]): number[] {
  const idx = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let s = 0; s < n; s++) {
    if (idx[s] !== -1) continue;
    const work: Array<{ v: number; i: number; succ: number[] }> = [{ v: s, i: 0, succ: next(s) }];
    idx[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = true;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      if (top.i < top.succ.length) {
        const w = top.succ[top.i++]!;
        if (idx[w] === -1) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, i: 0, succ: next(w) });
        } else if (onStack[w]) {
          low[top.v] = Math.min(low[top.v]!, idx[w]!);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!;
        low[parent.v] = Math.min(low[parent.v]!, low[top.v]!);
      }
      if (low[top.v] === idx[top.v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp[w] = comps;
        } while (w !== top.v);
        comps++;
      }
    }
  }
  return comp;
}

/** A simple cycle through the edge from → to, inside one component (breadth-first path back from `to`). */
function findCycle(from: number, to: number, edges: Array<Array<{ to: number }>>, comp: number[]): number[] {
  const c = comp[from];
  const prev = new Map<number, number>([[to, -1]]);
  const queue = [to];
  while (queue.length > 0) {
    const v = queue.shift()!;
    if (v === from) break;
    for (const e of edges[v]!) {
      if (comp[e.to] !== c || prev.has(e.to)) continue;
      prev.set(e.to, v);
      queue.push(e.to);
    }
  }
  const path: number[] = [];
  for (let v: number | undefined = from; v !== undefined && v !== -1; v = prev.get(v)) path.unshift(v);
  // path runs to → … → from; the cycle is from → to → … → from
  return [from, ...path.slice(0, -1)];
}
