/**
 * template/header: the header block under the title — `**Type:**`, `**PRD:**` (PRD-driven specs),
 * `**Author:**`, `**Last updated:**`, `**Status:**` — present and filled with legal values.
 */
import type { HeaderField, Loc } from '../../model/types.js';
import { defineRule } from '../types.js';
import { isBracketPlaceholder } from './placeholders.js';
import { ENGINEERING_HEADING, STORY_MAPPING_HEADING, loose } from './structure.js';
import { deleteLines, fix, replaceLoc } from '../../fix/edits.js';

const TYPES = ['PRD-driven', 'Engineering-initiated'];
const STATUSES = ['Draft', 'In Review', 'Approved'];
const NO_PRD = /^(—|–|-|n\/a|none|not applicable)\.?$/i;

/** The value without markdown emphasis or code marks. */
function plain(value: string): string {
  return value.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export default defineRule({
  meta: {
    id: 'template/header',
    description: 'The header has Type, PRD (PRD-driven), Author, Last updated (YYYY-MM-DD) and Status (Draft / In Review / Approved).',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    const byKey = spec.header.byKey;
    const anchor: Loc = spec.title?.loc ?? spec.header.fields[0]?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const missing = (label: string, hint: string) =>
      ctx.report({ message: `missing header field \`**${label}:**\`: add it under the title (${hint})`, loc: anchor, key: `header:${label}` });
    const empty = (f: HeaderField, hint: string) =>
      ctx.report({ message: `the \`**${f.key}:**\` header field is empty: ${hint}`, loc: f.loc, key: `header:${f.key}` });

    // duplicates
    const seen = new Set<string>();
    for (const f of spec.header.fields) {
      const k = f.key.toLowerCase();
      if (seen.has(k)) ctx.report({ message: `the \`**${f.key}:**\` header field appears twice: keep one`, loc: f.loc, key: `header-duplicate:${f.key}` });
      seen.add(k);
    }

    // Type
    const type = byKey['type'];
    let declared: string | null = null;
    if (!type) missing('Type', '`PRD-driven` or `Engineering-initiated`');
    else {
      const v = plain(type.value);
      if (v === '') empty(type, 'write `PRD-driven` or `Engineering-initiated`');
      else if (isBracketPlaceholder(v)) {
        // template/placeholder reports it
      } else if (/\|/.test(v) && TYPES.every((t) => v.toLowerCase().includes(t.toLowerCase()))) {
        ctx.report({ message: 'the Type is the template\'s unfilled choice `PRD-driven | Engineering-initiated`: keep the one that applies', loc: type.valueLoc, key: 'header:Type' });
      } else {
        const exact = TYPES.find((t) => t === v);
        const near = TYPES.find((t) => t.toLowerCase().replace(/[- ]/g, '') === v.toLowerCase().replace(/[- ]/g, ''));
        if (exact) declared = exact;
        else if (near) {
          declared = near;
          ctx.report({ message: `write the Type exactly as \`${near}\``, loc: type.valueLoc, key: 'header:Type', severity: 'warning', fix: fix(replaceLoc(type.valueLoc, near)) });
        } else {
          ctx.report({ message: `unknown Type \`${v}\`: write \`PRD-driven\` (implements a PRD) or \`Engineering-initiated\` (refactor, performance, infrastructure, tooling …)`, loc: type.valueLoc, key: 'header:Type' });
        }
      }
    }

    // PRD
    const prd = byKey['prd'];
    if (declared === 'PRD-driven') {
      if (!prd) missing('PRD', 'the repository-relative path of the PRD this spec implements, e.g. `prds/feature.md`');
      else {
        const v = plain(prd.value);
        if (v === '' || NO_PRD.test(v)) {
          ctx.report({ message: 'a PRD-driven spec names its PRD: write the repository-relative path, e.g. `**PRD:** prds/feature.md`', loc: prd.loc, key: 'header:PRD' });
        }
      }
    } else if (declared === 'Engineering-initiated' && prd) {
      const v = plain(prd.value);
      if (v !== '' && !NO_PRD.test(v) && !isBracketPlaceholder(v)) {
        // the template: "omit for engineering-initiated specs"
        ctx.report({
          message: 'an Engineering-initiated spec has no PRD ("omit for engineering-initiated specs"): remove the `**PRD:**` line, or change the Type to `PRD-driven`',
          loc: prd.loc,
          key: 'header:PRD',
          // the fix: the line goes (when it holds that field alone)
          ...(spec.header.fields.filter((f) => f.loc.line <= prd.loc.endLine && f.loc.endLine >= prd.loc.line).length === 1 ? { fix: fix(deleteLines(prd.loc.line, prd.loc.endLine)) } : {}),
        });
      }
    }

    // Author
    const author = byKey['author'];
    if (!author) missing('Author', 'who wrote the spec');
    else if (plain(author.value) === '') empty(author, 'write who wrote the spec');

    // Last updated
    const updated = byKey['last updated'];
    if (!updated) missing('Last updated', 'a `YYYY-MM-DD` date');
    else {
      const v = plain(updated.value);
      if (v === '') empty(updated, 'write the date as `YYYY-MM-DD`');
      else if (isBracketPlaceholder(v)) {
        // template/placeholder reports it
      } else if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        ctx.report({ message: `\`${v}\` is not a \`YYYY-MM-DD\` date: write the date the spec last changed, e.g. \`2026-03-14\``, loc: updated.valueLoc, key: 'header:Last updated' });
      } else if (!isRealDate(v)) {
        ctx.report({ message: `\`${v}\` is not a real date: check the month and the day`, loc: updated.valueLoc, key: 'header:Last updated' });
      }
    }

    // Status
    const status = byKey['status'];
    if (!status) missing('Status', '`Draft`, `In Review` or `Approved`');
    else {
      const v = plain(status.value);
      if (v === '') empty(status, 'write `Draft`, `In Review` or `Approved`');
      else if (isBracketPlaceholder(v)) {
        // template/placeholder reports it
      } else if (/\|/.test(v)) {
        ctx.report({ message: 'the Status is the template\'s unfilled choice `Draft | In Review | Approved`: keep the one that applies', loc: status.valueLoc, key: 'header:Status' });
      } else if (!STATUSES.includes(v)) {
        const near = STATUSES.find((s) => s.toLowerCase().replace(/[\s-]/g, '') === v.toLowerCase().replace(/[\s-]/g, ''));
        if (near) ctx.report({ message: `write the Status exactly as \`${near}\``, loc: status.valueLoc, key: 'header:Status', severity: 'warning', fix: fix(replaceLoc(status.valueLoc, near)) });
        else ctx.report({ message: `unknown Status \`${v}\`: write \`Draft\`, \`In Review\` or \`Approved\``, loc: status.valueLoc, key: 'header:Status' });
      }
    }

    // ----- the Type against the requirement section (fixable) -----
    // Only section 1's other variant is there: the Type is what is wrong, when nothing says otherwise (a
    // PRD-driven spec that names a PRD may rather have the wrong section: no fix then, only
    // template/requirement-mapping's finding).
    if (type && declared) {
      const story = spec.storyMappingTable !== null || spec.outline.some((h) => h.depth >= 3 && loose(h.text) === loose(STORY_MAPPING_HEADING));
      const e = spec.engineering;
      const eng = !!(e && (e.problem || e.whyNow || e.outOfScope || e.requirementsTable || e.mappingTable)) || spec.outline.some((h) => h.depth >= 3 && loose(h.text) === loose(ENGINEERING_HEADING));
      const prdValue = prd ? plain(prd.value) : '';
      const namesPrd = prdValue !== '' && !NO_PRD.test(prdValue) && !isBracketPlaceholder(prdValue);
      const other = declared === 'PRD-driven' && eng && !story && !namesPrd ? 'Engineering-initiated' : declared === 'Engineering-initiated' && story && !eng ? 'PRD-driven' : null;
      if (other) {
        ctx.report({
          message: `the Type is \`${declared}\`, but section 1 maps ${other === 'PRD-driven' ? 'user stories (a Story Mapping)' : 'engineering requirements (Motivation & Requirements) and names no PRD'}: write \`**Type:** ${other}\``,
          loc: type.valueLoc,
          key: 'header:Type-variant',
          fix: fix(replaceLoc(type.valueLoc, other)),
        });
      }
    }
  },
});
