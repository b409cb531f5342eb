/**
 * task/fields: every task carries the five fields the template asks for — Implements, Description, Files,
 * Done condition and Dependencies — each with a value.
 */
import { defineRule } from '../types.js';
import type { Task, TaskField } from '../../model/types.js';

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
          });
          continue;
        }
        if (isEmpty(task, f.key)) {
          ctx.report({
            message: `${task.id}'s ${f.label} field is empty; fill it in, e.g. ${f.example}.`,
            loc: field.loc,
            key: `${task.id}:${f.key}`,
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
