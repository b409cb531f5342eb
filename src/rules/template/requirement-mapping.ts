/**
 * template/requirement-mapping: section 1's Requirement Mapping uses the variant that matches the Type —
 * PRD-driven: `#### PRD-driven: Story Mapping` and its table; Engineering-initiated: `#### Engineering-initiated:
 * Motivation & Requirements` with Problem, Why now, Out of scope, the requirements table and the
 * Requirement-to-Task Mapping table — and the other variant, with the template's "Delete the other." line,
 * is gone. What the tables contain (ids, tasks, criteria) is for the `trace/…` rules.
 */
import type { Heading, Loc, Table } from '../../model/types.js';
import { defineRule } from '../types.js';
import { ENGINEERING_HEADING, STORY_MAPPING_HEADING, looseWords, outlineOf, sameTitle } from './structure.js';

const INSTRUCTION = /^\s*use the section that matches the spec type\.?\s*(delete the other\.?)?\s*$/i;

/** The variant heading: exact, `loose` (another case or dash: a warning) or in other words (an error). */
function findVariant(headings: readonly Heading[], title: string, fallback: RegExp): { heading: Heading; exact: boolean; otherWords: boolean } | null {
  for (const h of headings) {
    // (exact or loose only: a heading in other words is found by the fallback)
    const q = sameTitle(h.text, title);
    if (q === 'exact') return { heading: h, exact: true, otherWords: false };
    if (q === 'loose') return { heading: h, exact: false, otherWords: false };
  }
  for (const h of headings) if (fallback.test(h.text)) return { heading: h, exact: false, otherWords: true };
  return null;
}

/** The report for a variant heading not written exactly as the template writes it. */
function headingReport(found: { heading: Heading; otherWords: boolean }, title: string, key: string) {
  return found.otherWords
    ? { message: `\`#### ${found.heading.text}\` should be \`#### ${title}\`: use the template's exact heading`, loc: found.heading.loc, key }
    : { message: `write the heading as the template does: \`#### ${title}\``, loc: found.heading.loc, key, severity: 'warning' as const };
}

function hasColumns(table: Table, columns: RegExp[]): boolean {
  return columns.every((re) => table.header.some((c) => re.test(c.text.trim())));
}

export default defineRule({
  meta: {
    id: 'template/requirement-mapping',
    description: 'The Requirement Mapping uses the variant that matches the Type (Story Mapping or Motivation & Requirements) and the other one is deleted.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    for (const p of spec.prose) {
      if (INSTRUCTION.test(p.text)) {
        ctx.report({
          message: 'the template\'s instruction "Use the section that matches the spec type. Delete the other." is still here: delete the line',
          loc: p.loc,
          key: 'instruction',
        });
      }
    }
    if (spec.type === null) return; // template/header reports the Type
    const deep = spec.outline.filter((h) => h.depth >= 3);
    const story = findVariant(deep, STORY_MAPPING_HEADING, /story\s+mapping/i);
    const eng = findVariant(deep, ENGINEERING_HEADING, /motivation\s*(&|and)\s*requirements/i);
    const mappingHeading = deep.find((h) => h.depth === 3 && looseWords(h.text) === looseWords('Requirement Mapping'));
    const overview = outlineOf(spec).byIndex.get(0)?.heading;
    const anchor: Loc = mappingHeading?.loc ?? overview?.loc ?? spec.header.byKey['type']?.loc ?? spec.title?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    // an unclosed fence that swallowed section 1's end (no later section survives): template/readable's finding
    const o = outlineOf(spec);
    const swallowed = o.unclosedFrom !== null && ![...o.byIndex.keys()].some((i) => i >= 1);

    const e = spec.engineering;
    if (spec.type === 'PRD-driven') {
      if (eng) {
        ctx.report({ message: 'a PRD-driven spec maps user stories: delete the `Engineering-initiated: Motivation & Requirements` variant', loc: eng.heading.loc, key: 'other-variant' });
      } else if (e && (e.problem || e.whyNow || e.outOfScope || e.requirementsTable || e.mappingTable)) {
        const locs = [e.problem?.loc, e.whyNow?.loc, e.outOfScope?.loc, e.requirementsTable?.loc, e.mappingTable?.loc].filter((l): l is Loc => !!l);
        locs.sort((a, b) => a.line - b.line);
        ctx.report({ message: 'a PRD-driven spec maps user stories: delete the engineering requirements (Problem, Why now, ER table) of the other variant', loc: locs[0]!, key: 'other-variant' });
      }
      const table = spec.storyMappingTable;
      if (!story && !table) {
        if (!swallowed) {
          ctx.report({
            message: 'missing Story Mapping: add `#### PRD-driven: Story Mapping` under `### Requirement Mapping` with a `| Story ID | Story Summary | Implementing Tasks |` table',
            loc: anchor,
            key: 'story-mapping',
          });
        }
      } else if (!story && table) {
        ctx.report({ message: 'add the heading `#### PRD-driven: Story Mapping` above the Story Mapping table', loc: table.loc, key: 'story-mapping-heading' });
      } else if (story && !table) {
        ctx.report({ message: 'the Story Mapping has no table: add `| Story ID | Story Summary | Implementing Tasks |` with one row per PRD story', loc: story.heading.loc, key: 'story-mapping' });
      } else if (story && !story.exact) {
        ctx.report(headingReport(story, STORY_MAPPING_HEADING, 'story-mapping-heading'));
      }
      if (table && !hasColumns(table, [/^story\s*id$/i, /task/i])) {
        ctx.report({ message: 'the Story Mapping table needs the columns `Story ID | Story Summary | Implementing Tasks`', loc: table.loc, key: 'story-mapping-columns' });
      }
      return;
    }

    // Engineering-initiated
    if (story) {
      ctx.report({ message: 'an Engineering-initiated spec has no user stories: delete the `PRD-driven: Story Mapping` variant', loc: story.heading.loc, key: 'other-variant' });
    } else if (spec.storyMappingTable) {
      ctx.report({ message: 'an Engineering-initiated spec has no user stories: delete the Story Mapping table', loc: spec.storyMappingTable.loc, key: 'other-variant' });
    }
    const hasContent = !!e && !!(e.problem || e.whyNow || e.outOfScope || e.requirementsTable || e.mappingTable);
    if (!eng && !hasContent) {
      if (!swallowed) {
        ctx.report({
          message: 'missing engineering requirements: add `#### Engineering-initiated: Motivation & Requirements` under `### Requirement Mapping` with Problem, Why now, Out of scope, the ER table and the Requirement-to-Task Mapping',
          loc: anchor,
          key: 'engineering',
        });
      }
      return;
    }
    const first = [e?.problem?.loc, e?.whyNow?.loc, e?.outOfScope?.loc, e?.requirementsTable?.loc].filter((l): l is Loc => !!l).sort((a, b) => a.line - b.line)[0];
    if (!eng) {
      ctx.report({ message: `add the heading \`#### ${ENGINEERING_HEADING}\` above the motivation and requirements`, loc: first ?? anchor, key: 'engineering-heading' });
    } else if (!eng.exact) {
      ctx.report(headingReport(eng, ENGINEERING_HEADING, 'engineering-heading'));
    }
    const at = eng?.heading.loc ?? first ?? anchor;
    const fields: Array<[keyof NonNullable<typeof e>, string, string]> = [
      ['problem', 'Problem', 'the specific, falsifiable technical problem'],
      ['whyNow', 'Why now', 'the trigger that makes it urgent'],
      ['outOfScope', 'Out of scope', 'the explicit boundaries'],
    ];
    for (const [key, label, what] of fields) {
      const v = e?.[key] as { value: string; loc: Loc } | null | undefined;
      if (!v) ctx.report({ message: `missing \`**${label}:**\`: state ${what}`, loc: at, key: `engineering:${label}` });
      else if (v.value.trim() === '') ctx.report({ message: `\`**${label}:**\` is empty: state ${what}`, loc: v.loc, key: `engineering:${label}` });
    }
    if (!e?.requirementsTable) {
      ctx.report({ message: 'missing the requirements table: add `| Req ID | Requirement | Success Criteria | Priority |` with one ER-NNN row per requirement', loc: at, key: 'engineering:requirements' });
    } else if (!hasColumns(e.requirementsTable, [/success/i, /priority/i])) {
      ctx.report({ message: 'the requirements table needs the columns `Req ID | Requirement | Success Criteria | Priority`', loc: e.requirementsTable.loc, key: 'engineering:requirements-columns' });
    }
    if (!e?.mappingTable) {
      ctx.report({ message: 'missing the Requirement-to-Task Mapping: add `**Requirement-to-Task Mapping:**` and a `| Req ID | Implementing Tasks |` table', loc: e?.requirementsTable?.loc ?? at, key: 'engineering:mapping' });
    }
  },
});
