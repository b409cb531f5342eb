/**
 * trace/mapping-consistent: the mapping tables (Story Mapping, Requirement-to-Task Mapping) and the tasks'
 * Implements lines agree in both directions. A task listed in a row must exist and implement that row's
 * requirement (reported at the task id in the cell); a task that implements a mapped requirement must be
 * listed in its row (reported at the id in the Implements line). Requirements missing from a table are the
 * finding of trace/story-mapped and trace/er-criteria.
 */
import type { RuleContext } from '../types.js';
import { defineRule } from '../types.js';
import { isErId, isStoryId, traceIndex, type MappingRow } from './shared.js';
import type { RuleFix } from '../../fix/types.js';
import { fix, insertAfter, insertBefore, replaceLoc } from '../../fix/edits.js';

/**
 * The fix for a row that does not list a task implementing its requirement: the task id goes into the
 * row's task cell, before the first id with a larger number (else at the end). None for a cell a person
 * wrote words in (`None — …`), code spans, or a requirement with several rows.
 */
function addTaskToRow(rows: MappingRow[], taskId: string): RuleFix | undefined {
  if (rows.length !== 1) return undefined;
  const cell = rows[0]!.row.tasksCell;
  if (!cell || cell.code.length > 0) return undefined;
  const refs = rows[0]!.tasks;
  if (refs.length === 0) return cell.text.trim() === '' ? fix(replaceLoc(cell.loc, `| ${taskId} |`, /^\|\s*\|$/)) : undefined;
  // only ids (with their notes) and separators: anything else is a person's words
  if (cell.text.replace(/T-\d+(\s*\([^)]*\))?/g, '').replace(/[\s,;]|\band\b/g, '') !== '') return undefined;
  const n = Number(taskId.slice(2));
  const next = refs.find((r) => Number(r.id.slice(2)) > n);
  if (next) return fix(insertBefore(next.loc, `${taskId}, `));
  const last = refs[refs.length - 1]!;
  return last.note === undefined ? fix(insertAfter(last.loc, `, ${taskId}`)) : undefined;
}

function checkRows(ctx: RuleContext, rows: Map<string, MappingRow[]>, tableName: string, known: (id: string) => boolean): void {
  const index = traceIndex(ctx.spec, ctx.prd);
  const swallowed = ctx.spec.codeBlocks.some((b) => b.unclosed);
  for (const [reqId, list] of rows) {
    // a row for an unknown requirement is one finding (trace/story-mapped, or below), not one per task
    if (!known(reqId)) continue;
    for (const row of list) {
      for (const ref of row.tasks) {
        const task = index.tasks.get(ref.id);
        const key = `${reqId}:${ref.id}`;
        if (!task) {
          // an unclosed fence swallowed the rest of the document, tasks included: template/readable's finding
          if (swallowed) continue;
          ctx.report({ message: `the ${tableName} maps ${reqId} to ${ref.id}, but the spec has no task ${ref.id}: fix the id or add the task`, loc: ref.loc, key });
          continue;
        }
        // a task without Implements (task/fields) or without ids (trace/task-has-requirement) is another rule's finding
        if (!task.implements || task.implements.ids.length === 0) continue;
        if (task.implements.ids.some((i) => i.id === reqId)) continue;
        const has = task.implements.ids.map((i) => i.id);
        ctx.report({
          message: `the ${tableName} maps ${reqId} to ${ref.id}, but ${ref.id} implements ${has.length ? has.join(', ') : 'nothing'}: add ${reqId} to ${ref.id}'s Implements, or remove ${ref.id} from this row`,
          loc: ref.loc,
          key,
        });
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'trace/mapping-consistent',
    description: "The mapping tables and the tasks' Implements lines agree in both directions.",
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const { spec, prd } = ctx;
    if (spec.readErrors.length > 0) return;
    const index = traceIndex(spec, prd);
    const useStories = spec.type !== 'Engineering-initiated';
    const useErs = spec.type !== 'PRD-driven';

    if (useStories) checkRows(ctx, index.storyRows, 'Story Mapping', (id) => !index.prdStories || index.prdStories.has(id));
    if (useErs) {
      const erTable = !!spec.engineering?.requirementsTable;
      checkRows(ctx, index.erMapRows, 'Requirement-to-Task Mapping', (id) => !erTable || index.erRows.has(id));
      // mapping rows for requirements the requirements table does not define
      if (spec.engineering?.requirementsTable) {
        for (const [reqId, list] of index.erMapRows) {
          if (index.erRows.has(reqId)) continue;
          for (const row of list) {
            ctx.report({
              message: `the Requirement-to-Task Mapping lists ${reqId}, which is not in the requirements table: add the requirement or remove the row`,
              loc: row.id.loc,
              key: `unknown:${reqId}`,
            });
          }
        }
      }
    }

    // the other direction: a task implementing a mapped requirement is listed in its row
    for (const task of spec.tasks) {
      const seen = new Set<string>();
      for (const ref of task.implements?.ids ?? []) {
        if (seen.has(ref.id)) continue;
        seen.add(ref.id);
        const rows = isStoryId(ref.id) && useStories ? index.storyRows.get(ref.id) : isErId(ref.id) && useErs ? index.erMapRows.get(ref.id) : undefined;
        if (!rows || rows.length === 0) continue;
        if (rows.some((r) => r.tasks.some((t) => t.id === task.id))) continue;
        const table = isStoryId(ref.id) ? 'Story Mapping' : 'Requirement-to-Task Mapping';
        ctx.report({
          message: `${task.id} implements ${ref.id}, but the ${table} row for ${ref.id} does not list ${task.id}: add ${task.id} to that row, or remove ${ref.id} from ${task.id}'s Implements`,
          loc: ref.loc,
          key: `${ref.id}:${task.id}`,
          fix: addTaskToRow(rows, task.id),
        });
      }
    }
  },
});
