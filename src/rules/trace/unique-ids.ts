/**
 * trace/unique-ids: each requirement id appears once — one Story Mapping row per story, one requirements
 * table row per ER, one Requirement-to-Task Mapping row per ER. (Unique task ids are task/id-sequence's.)
 */
import type { IdRef } from '../../model/types.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../types.js';

function reportDuplicates(ctx: RuleContext, ids: Array<IdRef | null>, where: string, fix: string): void {
  const first = new Map<string, IdRef>();
  for (const ref of ids) {
    if (!ref) continue;
    const earlier = first.get(ref.id);
    if (!earlier) {
      first.set(ref.id, ref);
      continue;
    }
    ctx.report({
      message: `${ref.id} appears twice in the ${where} (first on line ${earlier.loc.line}): ${fix}`,
      loc: ref.loc,
      key: `${where}:${ref.id}`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'trace/unique-ids',
    description: 'Requirement ids are unique: one Story Mapping row per story, one row per ER in each requirements table.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    reportDuplicates(ctx, spec.storyMapping.map((r) => r.storyId), 'Story Mapping', 'merge the rows into one and list all its tasks there');
    const eng = spec.engineering;
    if (eng) {
      reportDuplicates(ctx, eng.requirements.map((r) => r.id), 'requirements table', 'give each requirement its own id (ER-001, ER-002 …)');
      reportDuplicates(ctx, eng.mapping.map((r) => r.reqId), 'Requirement-to-Task Mapping', 'merge the rows into one and list all its tasks there');
    }
  },
});
