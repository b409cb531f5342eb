/**
 * trace/story-mapped: every user story of the PRD appears in the Story Mapping, every mapped story exists in
 * the PRD, and every mapped story is implemented by at least one task (or its row says `None — reason`).
 */
import { defineRule } from '../types.js';
import { explainedNone, listIds, traceIndex } from './shared.js';

export default defineRule({
  meta: {
    id: 'trace/story-mapped',
    description: 'Every PRD story is in the Story Mapping, every mapped story is in the PRD, and each has implementing tasks.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec, prd } = ctx;
    if (spec.readErrors.length > 0 || spec.type !== 'PRD-driven') return;
    const index = traceIndex(spec, prd);
    const prdPath = prd.path ?? spec.prdPath?.value ?? 'the PRD';

    // rows: a story id, known to the PRD, with tasks
    for (const row of spec.storyMapping) {
      if (!row.storyId) {
        if (row.idCell.text.trim() === '') {
          ctx.report({ message: 'a Story Mapping row has no story id: write the PRD story id (US-001 …) in the first column', loc: row.idCell.loc, key: `row:${row.loc.line}` });
        } else if (!/^\[.*\]$/.test(row.idCell.text.trim())) {
          ctx.report({ message: `\`${row.idCell.text}\` is not a story id: write the PRD's id (US-001 …)`, loc: row.idCell.loc, key: `row:${row.idCell.text}` });
        }
        continue;
      }
      const id = row.storyId.id;
      if (index.prdStories && !index.prdStories.has(id)) {
        ctx.report({
          message: `${id} is not a story of ${prdPath} (its stories: ${listIds(index.prdStories)}): fix the id or remove the row`,
          loc: row.storyId.loc,
          key: id,
        });
      }
      if (row.tasks.length === 0 && !(index.implementers.get(id)?.length)) {
        const cell = row.tasksCell;
        if (cell && explainedNone(cell.text)) continue;
        ctx.report({
          message: `${id} has no implementing tasks: list the tasks that implement it (T-001, …), or write \`None — reason\` when the story needs no technical work`,
          loc: cell?.loc ?? row.loc,
          key: id,
        });
      }
    }

    // every PRD story is mapped
    if (prd.status !== 'ok' || !prd.model) return;
    const table = spec.storyMappingTable;
    for (const story of prd.model.stories) {
      if (index.storyRows.has(story.id)) continue;
      const title = story.title ? ` (${story.title})` : '';
      if (table) {
        ctx.report({
          message: `${story.id}${title} from ${prdPath} is not in the Story Mapping: add a row with the tasks that implement it`,
          loc: { line: table.loc.line, column: table.loc.column, endLine: table.loc.line, endColumn: table.header.at(-1)?.loc.endColumn ?? table.loc.column },
          key: story.id,
        });
      } else {
        const at = spec.header.byKey['prd']?.loc ?? spec.prdPath?.loc ?? spec.title?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
        ctx.report({ message: `${story.id}${title} from ${prdPath} is not mapped: the spec has no Story Mapping table`, loc: at, key: story.id });
      }
    }
  },
});
