/**
 * task/id-sequence: task ids are T-001, T-002 … in document order, without gaps or repeats, and the spec has
 * at least one task.
 */
import { defineRule } from '../types.js';
import type { Loc } from '../../model/types.js';

export function canonicalTaskId(n: number): string {
  return `T-${String(n).padStart(3, '0')}`;
}

export default defineRule({
  meta: {
    id: 'task/id-sequence',
    description: 'Task ids are unique and sequential (T-001, T-002 … in document order), and the spec has at least one task.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.tasks.length === 0) {
      if (spec.readErrors.length > 0) return;
      const heading = spec.outline.find((h) => h.depth === 2 && /implementation tasks/i.test(h.text));
      const loc: Loc = heading?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
      ctx.report({
        message: heading
          ? `"${heading.text}" has no tasks; write each task as \`- **T-001:** Title\` followed by its Implements, Description, Files, Done condition and Dependencies items.`
          : 'The spec has no implementation tasks; add a "## 6. Implementation Tasks" section with tasks written as `- **T-001:** Title`.',
        loc,
        key: 'no-tasks',
      });
      return;
    }
    const seen = new Map<string, number>();
    let expected = 1;
    for (const task of spec.tasks) {
      const first = seen.get(task.id);
      if (first !== undefined) {
        ctx.report({
          message: `${task.id} is used twice (first at line ${first}); give each task its own id, numbered in order.`,
          loc: task.idLoc,
          key: `${task.id}:duplicate`,
        });
        expected++; // the copy takes a place in the sequence (T-001, T-002, T-002, T-004: only the copy is wrong)
        continue;
      }
      seen.set(task.id, task.idLoc.line);
      const canonical = canonicalTaskId(task.number);
      if (task.number !== expected) {
        const why =
          task.number < expected
            ? `${task.id} comes after ${canonicalTaskId(expected - 1)}`
            : `${task.id} should be ${canonicalTaskId(expected)}`;
        ctx.report({
          message: `${why}: task ids run T-001, T-002 … in document order without gaps (renumber the tasks and the references to them).`,
          loc: task.idLoc,
          key: `${task.id}:sequence`,
        });
        expected = Math.max(expected, task.number) + 1;
        continue;
      }
      if (task.id !== canonical) {
        ctx.report({
          message: `Write ${task.id} as ${canonical}: task ids have three digits, as in T-001.`,
          loc: task.idLoc,
          key: `${task.id}:format`,
        });
      }
      expected++;
    }
  },
});
