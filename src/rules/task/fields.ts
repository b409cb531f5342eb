/**
 * task/fields: every task carries the five fields the template asks for — Implements, Description, Files,
 * Done condition and Dependencies — each with a value.
 */
import { defineRule } from '../types.js';
import type { SpecModel, Task, TaskField } from '../../model/types.js';
import type { RuleFix } from '../../fix/types.js';
import { fix, insertAfter, insertItemLines } from '../../fix/edits.js';

/**
 * The fix for a task without requirement ids when the mapping tables are the only source: the ids of the
 * rows that list the task (Story Mapping for a PRD-driven spec, the Requirement-to-Task Mapping for an
 * Engineering-initiated one), in table order — into the empty field, or as a new `_Implements:_` item
 * before the task's first field.
 */
function implementsFromTables(spec: SpecModel, task: Task): RuleFix | undefined {
  const rows = spec.type === 'PRD-driven' ? spec.storyMapping.map((r) => ({ id: r.storyId, tasks: r.tasks })) : spec.type === 'Engineering-initiated' ? (spec.engineering?.mapping ?? []).map((r) => ({ id: r.reqId, tasks: r.tasks })) : [];
  if (spec.tasks.filter((t) => t.id === task.id).length > 1) return undefined; // which task do the rows mean?
  const ids = [...new Set(rows.filter((r) => r.id && r.tasks.some((t) => t.id === task.id)).map((r) => r.id!.id))];
  if (ids.length === 0) return undefined;
  if (task.implements) return fix(insertAfter(task.implements.loc, ` ${ids.join(', ')}`));
  const first = [...task.fields].sort((a, b) => a.loc.line - b.loc.line)[0];
  if (!first || (task.form !== 'list' && task.form !== 'blockquote')) return undefined;
  return fix(insertItemLines(first.loc.line, [`_Implements:_ ${ids.join(', ')}`], first.loc.line));
}

const FIELDS: Array<{ key: 'implements' | 'description' | 'files' | 'doneCondition' | 'dependencies'; label: string; example: string }> = [
  { key: 'implements', label: 'Implements', example: '`- _Implements:_ US-001`' },
  { key: 'description', label: 'Description', example: '`- _Description:_ Create `POST /api/v1/invites` …`' },
  { key: 'files', label: 'Files', example: 'a `- _Files:_` item with `- Create: path` / `- Modify: path — what changes` entries' },
  { key: 'doneCondition', label: 'Done condition', example: '`- _Done condition:_ `go test ./… -run TestX` passes`' },
  { key: 'dependencies', label: 'Dependencies', example: '`- _Dependencies:_ T-001` (or `None`)' },
];

export default defineRule({
  meta: {
    id: 'task/fields',
    description: 'Every task has Implements, Description, Files, Done condition and Dependencies, each with a value.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    for (const task of ctx.spec.tasks) {
      for (const f of FIELDS) {
        const field = task[f.key] as (TaskField & { entries?: unknown[] }) | null;
        if (!field) {
          ctx.report({
            message: `${task.id} has no ${f.label} field; add ${f.example}.`,
            loc: task.idLoc,
            key: `${task.id}:${f.key}`,
            ...(f.key === 'implements' ? { fix: implementsFromTables(ctx.spec, task) } : {}),
          });
          continue;
        }
        if (isEmpty(task, f.key)) {
          ctx.report({
            message: `${task.id}'s ${f.label} field is empty; fill it in, e.g. ${f.example}.`,
            loc: field.loc,
            key: `${task.id}:${f.key}`,
            ...(f.key === 'implements' ? { fix: implementsFromTables(ctx.spec, task) } : {}),
          });
        } else if (f.key === 'files' && task.files!.entries.length === 0) {
          ctx.report({
            message: `${task.id}'s Files field names no file ("${clip(task.files!.text)}"); list each file as \`- Create: path\` or \`- Modify: path — what changes\`.`,
            loc: field.loc,
            key: `${task.id}:${f.key}`,
          });
        }
      }
    }
  },
});

function isEmpty(task: Task, key: (typeof FIELDS)[number]['key']): boolean {
  const field = task[key];
  if (!field) return true;
  if (key === 'files') {
    const files = task.files!;
    return files.entries.length === 0 && files.text.replace(/[\s*_`]/g, '') === '';
  }
  if (key === 'dependencies' && task.dependencies!.none) return false;
  return field.text.replace(/[\s*_`]/g, '') === '';
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}
