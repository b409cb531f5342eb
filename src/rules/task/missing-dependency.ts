/**
 * task/missing-dependency: a task that modifies or deletes a file an earlier task creates lists that task
 * among its dependencies (directly or through another dependency), so that the task graph — and any agent
 * that runs tasks in parallel from it — cannot start it before the file exists.
 */
import { defineRule } from '../types.js';
import { fileTimeline } from '../path/timeline.js';

export default defineRule({
  meta: {
    id: 'task/missing-dependency',
    description: 'A task that modifies a file an earlier task creates depends on that task (directly or transitively).',
    defaultSeverity: 'warn',
  },
  check(ctx) {
    const tasks = ctx.spec.tasks;
    const index = new Map<string, number>();
    tasks.forEach((t, i) => {
      if (!index.has(t.id)) index.set(t.id, i);
    });
    const direct = tasks.map((t) => (t.dependencies?.refs ?? []).map((r) => index.get(r.id)).filter((j): j is number => j !== undefined));
    const closure = new Map<number, Set<number>>();
    const reach = (i: number): Set<number> => {
      const cached = closure.get(i);
      if (cached) return cached;
      const seen = new Set<number>();
      const stack = [...direct[i]!];
      while (stack.length > 0) {
        const j = stack.pop()!;
        if (seen.has(j)) continue;
        seen.add(j);
        stack.push(...direct[j]!);
      }
      closure.set(i, seen);
      return seen;
    };
    const reported = new Set<string>();
    for (const t of fileTimeline(ctx.spec, ctx.repo, false)) {
      if (t.state.kind !== 'created-by') continue;
      const creator = t.state.by;
      const ci = tasks.indexOf(creator);
      if (ci === t.taskIndex || ci > t.taskIndex) continue;
      if (reach(t.taskIndex).has(ci)) continue;
      const key = `${t.task.id}:needs:${creator.id}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const verb = t.entry.action === 'delete' ? 'deletes' : 'modifies';
      ctx.report({
        message: `${t.task.id} ${verb} \`${t.path}\`, which ${creator.id} creates, but does not depend on ${creator.id}; add ${creator.id} to its Dependencies.`,
        loc: t.entry.loc,
        key,
      });
    }
  },
});
