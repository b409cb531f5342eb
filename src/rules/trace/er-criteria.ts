/**
 * trace/er-criteria: every engineering requirement (ER-…) has measurable success criteria, a priority of
 * must / should / may, and maps to at least one task. "Measurable" is a heuristic (see the rule's doc): a
 * number, a threshold or comparison, a command or test/benchmark name in back-ticks, or a concrete observable
 * outcome. Criteria that show none of these are a warning, not an error.
 */
import type { Cell } from '../../model/types.js';
import { defineRule } from '../types.js';
import { explainedNone, traceIndex } from './shared.js';

const PRIORITIES = ['must', 'should', 'may'];

/** Signals that make a criterion checkable on their own. */
const STRONG = /\d|[<>≤≥=%±]|\b(zero|none|no more than|at (most|least)|fewer than|less than|more than|under|within|below|above|exactly)\b/i;
/** Observable outcomes: something a test, a query or an operator can see happen. */
const OBSERVABLE =
  /\b(pass(es|ed)?|fail(s|ed)?|returns?|responds?|shows?|reports?|emits?|logs?|logged|rejects?|rejected|accepts?|accepted|completes?|succeeds?|exits?|lists?|contains?|matches|appears?|produces?|raises?|throws?|compiles?|renders?|queryable|visible|absent|removed|deleted|unchanged|identical|every|all|never|always)\b/i;
/** Words that promise without measuring. */
const VAGUE =
  /\b(faster|slower|better|improved?|improves|cleaner|simpler|easier|nicer|more (maintainable|readable|robust|reliable|efficient|performant|scalable|stable)|as expected|works( well| fine| correctly)?|good|reasonable|acceptable|appropriate(ly)?|properly|correctly|optimi[sz]ed|scalable|robust|seamless(ly)?|user[- ]friendly|high quality)\b/i;

/** Why a success criterion is not measurable, or null when it looks measurable. */
export function unmeasurable(cell: Cell): string | null {
  const text = cell.text.trim();
  if (cell.code.length > 0 || STRONG.test(text)) return null;
  const vague = VAGUE.exec(text);
  if (vague) return `"${vague[0]}" is not measurable`;
  if (OBSERVABLE.test(text)) return null;
  return 'it names no number, threshold, command or observable outcome';
}

export default defineRule({
  meta: {
    id: 'trace/er-criteria',
    description: 'Every ER has measurable success criteria, a must/should/may priority, and maps to at least one task.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec, prd } = ctx;
    if (spec.readErrors.length > 0 || spec.type === 'PRD-driven' || !spec.engineering) return;
    const eng = spec.engineering;
    const index = traceIndex(spec, prd);

    for (const er of eng.requirements) {
      if (!er.id) {
        const t = er.idCell.text.trim();
        if (t === '') ctx.report({ message: 'a requirement row has no id: write ER-001, ER-002 … in the first column', loc: er.idCell.loc, key: `row:${er.loc.line}` });
        else if (!/^\[.*\]$/.test(t)) ctx.report({ message: `\`${t}\` is not an engineering requirement id: write ER-001, ER-002 …`, loc: er.idCell.loc, key: `row:${t}` });
        continue;
      }
      const id = er.id.id;

      // success criteria
      const sc = er.successCriteria;
      if (sc) {
        const t = sc.text.trim();
        if (t === '' || /^[-—–]+$/.test(t)) {
          ctx.report({ message: `${id} has no success criteria: state the measurable condition that proves it met (a benchmark result, a test passing, a metric threshold)`, loc: sc.loc, key: `${id}:criteria` });
        } else if (/^\[[^\]]*\]$/.test(t)) {
          // an unfilled `[Measurable condition]`: template/placeholder reports it
        } else {
          const why = unmeasurable(sc);
          if (why) {
            ctx.report({
              message: `${id}'s success criteria may not be measurable (${why}): add a number or threshold, a command or test in back-ticks, or an observable outcome`,
              loc: sc.loc,
              key: `${id}:criteria`,
              severity: 'warning',
            });
          }
        }
      }

      // priority
      const pr = er.priority;
      if (pr) {
        const t = pr.text.trim().replace(/[*_`]/g, '');
        if (t === '') ctx.report({ message: `${id} has no priority: write must, should or may`, loc: pr.loc, key: `${id}:priority` });
        else if (/\//.test(t) && PRIORITIES.every((p) => t.toLowerCase().includes(p))) {
          ctx.report({ message: `${id}'s priority is the template's unfilled choice \`${t}\`: keep one of must, should, may`, loc: pr.loc, key: `${id}:priority` });
        } else if (!PRIORITIES.includes(t.toLowerCase())) {
          ctx.report({ message: `${id}'s priority \`${t}\` is not one of must, should, may`, loc: pr.loc, key: `${id}:priority` });
        }
      }

      // maps to at least one task
      const implementers = index.implementers.get(id) ?? [];
      const rows = index.erMapRows.get(id) ?? [];
      if (eng.mappingTable) {
        if (rows.length === 0) {
          ctx.report({
            message: `${id} is not in the Requirement-to-Task Mapping${implementers.length ? ` (implemented by ${implementers.map((t) => t.id).join(', ')})` : ' and no task implements it'}: add a row with its tasks`,
            loc: er.id.loc,
            key: `${id}:mapping`,
          });
        } else if (implementers.length === 0 && rows.every((r) => r.tasks.length === 0)) {
          const cell = rows[0]!.row.tasksCell;
          if (!(cell && explainedNone(cell.text))) {
            ctx.report({ message: `${id} maps to no task: every engineering requirement needs at least one implementing task`, loc: cell?.loc ?? rows[0]!.row.loc, key: `${id}:mapping` });
          }
        }
      } else if (implementers.length === 0) {
        ctx.report({ message: `no task implements ${id}: every engineering requirement needs at least one implementing task`, loc: er.id.loc, key: `${id}:mapping` });
      }
    }
  },
});
