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

// A path is referred to where it stands alone: not preceded by [\w./-], not followed by [\w/-] or by `.` and a
// word character — `(?<![\w./-])PATH(?![\w/-]|\.\w)` (code units, no `u` flag).
const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const precedesPath = (c: number) => isWordCode(c) || c === 46 || c === 47 || c === 45; // \w . / -
const continuesPath = (c: number) => isWordCode(c) || c === 47 || c === 45; // \w / -

interface TrieNode {
  next: Map<number, TrieNode>;
  path?: string;
}

/**
 * Finds which of many paths a text refers to, in one pass: a trie of the paths walked from every position
 * where a reference can start. The same answers as testing each path's regex (above) on the text, in time
 * that grows with the text (times the length of the longest path), not with the number of paths.
 */
export class PathReferences {
  private readonly root: TrieNode = { next: new Map() };
  /** Paths with no characters: tested with the regex (never a checkable path; kept exact anyway). */
  private readonly empty: string[] = [];

  constructor(paths: Iterable<string>) {
    for (const path of paths) {
      if (path.length === 0) {
        this.empty.push(path);
        continue;
      }
      let node = this.root;
      for (let i = 0; i < path.length; i++) {
        const c = path.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map() }));
        node = child;
      }
      node.path = path;
    }
  }

  /** The paths `text` refers to. */
  in(text: string): Set<string> {
    const found = new Set<string>();
    const n = text.length;
    for (let i = 0; i < n; i++) {
      if (i > 0 && precedesPath(text.charCodeAt(i - 1))) continue;
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < n; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.path === undefined || found.has(node.path)) continue;
        const after = j + 1 < n ? text.charCodeAt(j + 1) : -1;
        if (continuesPath(after)) continue;
        if (after === 46 && j + 2 < n && isWordCode(text.charCodeAt(j + 2))) continue;
        found.add(node.path);
      }
    }
    for (const path of this.empty) {
      if (new RegExp(`(?<![\\w./-])${escapeRe(path)}(?![\\w/-]|\\.\\w)`).test(text)) found.add(path);
    }
    return found;
  }
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
    if (firstCreator.size === 0) return;
    // each path's place in firstCreator's order: findings come in that order, as they always have
    const order = new Map<string, number>();
    for (const path of firstCreator.keys()) order.set(path, order.size);
    const references = new PathReferences(firstCreator.keys());
    tasks.forEach((task, i) => {
      const own = new Set((task.files?.entries ?? []).map((e) => normalizePath(e.path)));
      for (const field of [task.description, task.doneCondition]) {
        if (!field) continue;
        const referred = [...references.in(field.text)].sort((a, b) => order.get(a)! - order.get(b)!);
        for (const path of referred) {
          const creator = firstCreator.get(path)!;
          if (creator <= i || own.has(path)) continue;
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
