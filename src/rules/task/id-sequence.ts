/**
 * task/id-sequence: task ids are T-001, T-002 … in document order, without gaps or repeats, and the spec has
 * at least one task.
 */
import { defineRule } from '../types.js';
import type { Loc, SpecModel } from '../../model/types.js';
import type { FixEdit, RuleFix } from '../../fix/types.js';
import { renameIn } from '../../fix/edits.js';

export function canonicalTaskId(n: number): string {
  return `T-${String(n).padStart(3, '0')}`;
}

/**
 * The fix: every task renumbered T-001, T-002 … in document order, and every reference to a renumbered id
 * (Implements, Dependencies, the mapping tables, prose, headings — anything outside code blocks) renamed
 * with it. None when that would guess: a reference to an id no task has that a renumbered task would take
 * over, or a repeated id whose first task changes number (which one do its references mean?).
 */
export function renumberFix(spec: SpecModel): RuleFix | undefined {
  const tasks = spec.tasks;
  const newIds = tasks.map((_, i) => canonicalTaskId(i + 1));
  const count = new Map<string, number>();
  for (const t of tasks) count.set(t.id, (count.get(t.id) ?? 0) + 1);
  const referenced = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(/(?<![\w-])T-\d+(?!\w)/g)) referenced.add(m[0]);
  };
  for (const p of spec.prose) scan(p.text);
  for (const t of spec.tables) for (const row of [t.header, ...t.rows]) for (const c of row) scan(c.text);
  for (const t of tasks) for (const f of t.fields) scan(f.text);
  for (const id of referenced) if (!count.has(id) && newIds.includes(id)) return undefined;
  const renames = new Map<string, string>();
  for (let i = 0; i < tasks.length; i++) {
    const id = tasks[i]!.id;
    if (id === newIds[i] || renames.has(id)) continue;
    if (count.get(id)! > 1) {
      if (tasks.findIndex((t) => t.id === id) === i) return undefined;
      continue; // a later copy: only its own id changes
    }
    renames.set(id, newIds[i]!);
  }
  const edits: FixEdit[] = [];
  tasks.forEach((t, i) => {
    if (t.id !== newIds[i]) edits.push(renameIn(t.idLoc, t.id, newIds[i]!));
  });
  // the document outside fenced code, in line ranges
  const regions: Loc[] = [];
  let from = 1;
  for (const b of [...spec.codeBlocks].sort((a, b) => a.loc.line - b.loc.line)) {
    if (b.loc.line > from) regions.push({ line: from, column: 1, endLine: b.loc.line, endColumn: 1 });
    from = Math.max(from, b.loc.endLine + 1);
  }
  if (from <= spec.lineCount) regions.push({ line: from, column: 1, endLine: spec.lineCount + 1, endColumn: 1 });
  for (const [oldId, newId] of renames) for (const r of regions) edits.push(renameIn(r, oldId, newId, true));
  return edits.length > 0 ? { edits } : undefined;
}

export default defineRule({
  meta: {
    id: 'task/id-sequence',
    description: 'Task ids are unique and sequential (T-001, T-002 … in document order), and the spec has at least one task.',
    defaultSeverity: 'error',
    fixable: true,
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
    let renumber: RuleFix | undefined | null = null;
    const fix = () => (renumber === null ? (renumber = renumberFix(spec)) : renumber);
    for (const task of spec.tasks) {
      const first = seen.get(task.id);
      if (first !== undefined) {
        ctx.report({
          message: `${task.id} is used twice (first at line ${first}); give each task its own id, numbered in order.`,
          loc: task.idLoc,
          key: `${task.id}:duplicate`,
          fix: fix(),
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
          fix: fix(),
        });
        expected = Math.max(expected, task.number) + 1;
        continue;
      }
      if (task.id !== canonical) {
        ctx.report({
          message: `Write ${task.id} as ${canonical}: task ids have three digits, as in T-001.`,
          loc: task.idLoc,
          key: `${task.id}:format`,
          fix: fix(),
        });
      }
      expected++;
    }
  },
});
