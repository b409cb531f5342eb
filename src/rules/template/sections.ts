/**
 * template/sections: the ten `##` sections of the template, with their exact titles, in order. Reports a
 * missing section where it belongs, a misspelled one with the title it resembles, a duplicate, one out of
 * order, one written at the wrong heading level, and (as a warning) a `##` heading the template does not have.
 */
import { defineRule } from '../types.js';
import { headingFix } from '../../fix/edits.js';
import { ENGINEERING_HEADING, SECTIONS, STORY_MAPPING_HEADING, SUBSECTIONS, looseWords, outlineOf, placement } from './structure.js';

/** The section a subsection title belongs to, when `text` is one (for `## Summary` written one level too high). */
function subsectionOwner(text: string): { section: string; title: string; depth: number } | null {
  for (let i = 0; i < SUBSECTIONS.length; i++) {
    for (const s of SUBSECTIONS[i]!) if (looseWords(s.title) === looseWords(text)) return { section: SECTIONS[i]!, title: s.title, depth: 3 };
  }
  for (const t of [STORY_MAPPING_HEADING, ENGINEERING_HEADING]) if (looseWords(t) === looseWords(text)) return { section: SECTIONS[0]!, title: t, depth: 4 };
  return null;
}

export default defineRule({
  meta: {
    id: 'template/sections',
    description: 'The ten `##` sections of the template are present, with their exact titles, in order.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    const outline = outlineOf(spec);
    const { hits, unknown, missing, ordered } = outline.sections;

    for (const h of unknown) {
      const owner = subsectionOwner(h.text);
      if (owner) {
        ctx.report({
          message: `\`## ${h.text}\` is a subsection of \`## ${owner.section}\`: write it as \`${'#'.repeat(owner.depth)} ${owner.title}\` under that section`,
          loc: h.loc,
          key: `section-level:${owner.title}`,
        });
      } else {
        ctx.report({
          message: `\`## ${h.text}\` is not one of the template's ten sections: move its content into the section it belongs to (as a \`###\` subsection if needed)`,
          loc: h.loc,
          key: `section-unknown:${h.text}`,
          severity: 'warning',
        });
      }
    }

    if (hits.length === 0) {
      if (spec.outline.some((h) => h.depth !== 1 && SECTIONS.some((s) => looseWords(s) === looseWords(h.text)))) {
        // sections written at another level: reported one by one below
      } else {
        ctx.report({
          message: `none of the template's ten \`##\` sections was found: the spec must have ${SECTIONS.map((s) => `\`## ${s}\``).join(', ')}`,
          loc: spec.title?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
          key: 'sections',
        });
        return;
      }
    }

    for (const hit of hits) {
      const expected = SECTIONS[hit.index]!;
      const written = hit.heading.text;
      if (hit.duplicate) {
        ctx.report({ message: `\`## ${expected}\` appears twice: merge the two into one section`, loc: hit.heading.loc, key: `section-duplicate:${expected}` });
        continue;
      }
      if (hit.quality === 'loose') {
        ctx.report({ message: `write the section title exactly as the template does: \`## ${expected}\``, loc: hit.heading.loc, key: `section-title:${expected}`, severity: 'warning', fix: headingFix(hit.heading.loc, 2, expected) });
      } else if (hit.quality === 'similar') {
        ctx.report({ message: `\`## ${written}\` should be \`## ${expected}\`: use the template's exact section title`, loc: hit.heading.loc, key: `section-title:${expected}`, fix: headingFix(hit.heading.loc, 2, expected) });
      }
      if (hit.outOfOrder) {
        const where = placement(ordered, hit.index, SECTIONS, '##');
        ctx.report({
          message: `\`## ${expected}\` is out of order${where ? `: move it ${where.where}` : ''} (the sections follow the template's numbering)`,
          loc: hit.heading.loc,
          key: `section-order:${expected}`,
        });
      }
    }

    for (const index of missing) {
      const expected = SECTIONS[index]!;
      const misplaced = spec.outline.find((h) => h.depth !== 2 && looseWords(h.text) === looseWords(expected));
      if (misplaced) {
        ctx.report({ message: `\`${'#'.repeat(misplaced.depth)} ${misplaced.text}\` is a section: write it as \`## ${expected}\``, loc: misplaced.loc, key: `section-level:${expected}`, fix: headingFix(misplaced.loc, 2, expected) });
        continue;
      }
      // an unclosed fence swallowed the end of the document: template/readable says so
      if (outline.unclosedFrom !== null && !ordered.some((h) => h.index > index)) continue;
      const where = placement(ordered, index, SECTIONS, '##');
      ctx.report({
        message: `missing section \`## ${expected}\`${where ? `: add it ${where.where}` : ''} (a section that does not apply says \`None — reason\`)`,
        loc: where?.loc ?? spec.title?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
        key: `section-missing:${expected}`,
      });
    }
  },
});
