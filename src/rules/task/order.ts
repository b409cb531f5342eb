/**
 * task/order: tasks run top to bottom, so (1) their phases follow the template's order — data model, backend
 * & API, real-time, frontend, integration, tests — and (2) no task's description or done condition refers
 * to a file that only a later task creates. (A `Modify:` of a file a later task creates is reported by
 * `path/modify-exists`.)
 */
import { defineRule } from '../types.js';
import type { Task } from '../../model/types.js';
import { normalizePath, isCheckablePath } from '../path/classify.js';

/** The template's phases, in order, with the words that identify each. */
export const TEMPLATE_PHASES: Array<{ name: string; exact: RegExp; words: RegExp }> = [
  { name: 'Data Model', exact: /^data model$/, words: /\b(data ?model|schema|migrations?|database)\b/ },
  { name: 'Backend Logic & API', exact: /^backend logic (&|and) api$/, words: /\b(backend|api|server|service|logic)\b/ },
  { name: 'Real-Time / Events', exact: /^real-?time \/ events$/, words: /\b(real-?time|events?|websockets?|streaming)\b/ },
  { name: 'Frontend', exact: /^frontend$/, words: /\b(frontend|front-end|ui|web)\b/ },
  { name: 'Integration', exact: /^integration$/, words: /\b(integration|wiring)\b/ },
  { name: 'Tests', exact: /^tests?$/, words: /\b(tests?|testing)\b/ },
];

/** Index (0-based) of a `Phase N: Name` heading in the template's order, or null when the name is not one of them. */
export function phaseRank(phase: string | null): number | null {
  if (!phase) return null;
  const name = phase.replace(/^phase\s*\d*\s*[:.—–-]?\s*/i, '').trim().toLowerCase();
  const exact = TEMPLATE_PHASES.findIndex((p) => p.exact.test(name));
  if (exact >= 0) return exact;
  // keyword fallback, most specific first (an "API integration" phase is integration, not backend)
  for (const i of [2, 4, 3, 5, 0, 1]) if (TEMPLATE_PHASES[i]!.words.test(name)) return i;
  return null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule({
  meta: {
    id: 'task/order',
    description: "Tasks follow the template's phase order, and no task refers to a file that only a later task creates.",
    defaultSeverity: 'error',
  },
  check(ctx) {
    const tasks = ctx.spec.tasks;

    // (1) phases in the template's order
    let best: { rank: number; task: Task } | null = null;
    let lastReportedPhase: string | null = null;
    for (const task of tasks) {
      const rank = phaseRank(task.phase);
      if (rank === null) continue;
      if (best && rank < best.rank) {
        if (task.phase !== lastReportedPhase) {
          lastReportedPhase = task.phase;
          ctx.report({
            message: `${task.id} is in "${task.phase}" but comes after ${best.task.id} in "${best.task.phase}"; order phases as the template does: ${TEMPLATE_PHASES.map((p) => p.name).join(' → ')}.`,
            loc: task.idLoc,
            key: `${task.id}:phase`,
          });
        }
        continue;
      }
      if (!best || rank > best.rank) best = { rank, task };
    }

    // (2) references to files only a later task creates
    const firstCreator = new Map<string, number>();
    tasks.forEach((t, i) => {
      for (const e of t.files?.entries ?? []) {
        if (e.action !== 'create' || !e.path || !isCheckablePath(e.path, ctx.repo)) continue;
        const p = normalizePath(e.path);
        if (!firstCreator.has(p)) firstCreator.set(p, i);
      }
    });
    tasks.forEach((task, i) => {
      const own = new Set((task.files?.entries ?? []).map((e) => normalizePath(e.path)));
      for (const field of [task.description, task.doneCondition]) {
        if (!field) continue;
        const reported = new Set<string>();
        for (const [path, creator] of firstCreator) {
          if (creator <= i || own.has(path) || reported.has(path)) continue;
          const re = new RegExp(`(?<![\\w./-])${escapeRe(path)}(?![\\w/-]|\\.\\w)`);
          if (!re.test(field.text)) continue;
          reported.add(path);
          const later = tasks[creator]!;
          ctx.report({
            message: `${task.id}'s ${field.label.toLowerCase()} refers to \`${path}\`, which ${later.id} only creates later; reorder the tasks so it exists first, or move the work that needs it into ${later.id}.`,
            loc: field.valueLoc,
            key: `${task.id}:refers:${path}`,
          });
        }
      }
    });
  },
});
