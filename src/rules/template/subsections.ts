/**
 * template/subsections: inside each section, the template's `###` subsections, present and in order; in
 * `## 4. API Design`, one `### METHOD /path` per endpoint followed by `### WebSocket / Real-Time Events`.
 * A subsection, or a whole section, may say `None — reason` instead of its content; a bare `None` is a
 * warning, an empty one an error. Subsections the template marks `[If applicable]` (Phase 3) may be left out;
 * extra subsections are allowed.
 */
import type { Heading } from '../../model/types.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../types.js';
import { headingFix } from '../../fix/edits.js';
import {
  API_SECTION,
  ENDPOINT_HEADING,
  SECTIONS,
  SUBSECTIONS,
  TASK_HEADING,
  WEBSOCKET_SUBSECTION,
  bodyOf,
  headingsWithin,
  isPlaceholderHeading,
  looseWords,
  matchHeadings,
  matchQuality,
  outlineOf,
  placement,
  rangeEnd,
  type SectionInfo,
} from './structure.js';

function checkBody(ctx: RuleContext, heading: Heading, endLine: number, label: string): void {
  const body = bodyOf(ctx.spec, heading.loc.line, endLine);
  if (body.kind === 'empty') {
    ctx.report({ message: `\`${label}\` is empty: write its content, or \`None — reason\` when it does not apply`, loc: heading.loc, key: `empty:${heading.text}` });
  } else if (body.kind === 'none' && !body.reason) {
    ctx.report({
      message: `\`${label}\` says "None" without a reason: write \`None — <why it does not apply>\``,
      loc: body.loc,
      key: `bare-none:${heading.text}`,
      severity: 'warning',
    });
  }
}

function checkSection(ctx: RuleContext, section: SectionInfo, unclosedFrom: number | null): void {
  const { spec } = ctx;
  const start = section.heading.loc.line;
  const end = section.endLine;
  const inside = headingsWithin(spec, start, end);
  const h3 = inside.filter((h) => h.depth === 3 && !TASK_HEADING.test(h.text) && !isPlaceholderHeading(h.text));
  const expected = SUBSECTIONS[section.index]!;
  const sectionLabel = `## ${SECTIONS[section.index]}`;

  if (inside.filter((h) => h.depth === 3).length === 0) {
    const body = bodyOf(spec, start, end);
    if (body.kind === 'none') {
      if (!body.reason) checkBody(ctx, section.heading, end, sectionLabel);
      return;
    }
    if (expected.length === 0 || section.index === API_SECTION) {
      if (body.kind === 'empty') checkBody(ctx, section.heading, end, sectionLabel);
      else if (section.index === API_SECTION) {
        ctx.report({
          message: `\`${sectionLabel}\` has no endpoint subsection: add one \`### METHOD /path\` per endpoint and \`### ${WEBSOCKET_SUBSECTION}\`, or write \`None — reason\` under the section`,
          loc: section.heading.loc,
          key: `subsections:${SECTIONS[section.index]}`,
        });
      }
      return;
    }
    if (unclosedFrom !== null && unclosedFrom <= end) return;
    const required = expected.filter((e) => !e.optional).map((e) => `\`### ${e.title}\``);
    ctx.report({
      message: `\`${sectionLabel}\` has none of its subsections: add ${required.join(', ')}, or write \`None — reason\` under the section when none applies`,
      loc: section.heading.loc,
      key: `subsections:${SECTIONS[section.index]}`,
    });
    return;
  }

  const bodyEnd = (h: Heading) => Math.min(rangeEnd(spec, h, 3), end);

  if (section.index === API_SECTION) {
    let ws: Heading | null = null;
    let lastEndpoint: Heading | null = null;
    for (const h of h3) {
      const endpoint = ENDPOINT_HEADING.test(h.text);
      const q = endpoint ? null : matchQuality(h.text, WEBSOCKET_SUBSECTION);
      if (q) {
        if (ws) {
          ctx.report({ message: `\`### ${WEBSOCKET_SUBSECTION}\` appears twice: merge the two`, loc: h.loc, key: 'subsection-duplicate:websocket' });
          continue;
        }
        ws = h;
        if (q === 'loose') ctx.report({ message: `write the subsection title exactly as the template does: \`### ${WEBSOCKET_SUBSECTION}\``, loc: h.loc, key: 'subsection-title:websocket', severity: 'warning', fix: headingFix(h.loc, 3, WEBSOCKET_SUBSECTION) });
        else if (q === 'similar') ctx.report({ message: `\`### ${h.text}\` should be \`### ${WEBSOCKET_SUBSECTION}\``, loc: h.loc, key: 'subsection-title:websocket', fix: headingFix(h.loc, 3, WEBSOCKET_SUBSECTION) });
      } else if (endpoint) {
        const method = /^\S+/.exec(h.text)![0];
        if (method !== method.toUpperCase()) {
          ctx.report({ message: `write the HTTP method in capitals: \`### ${method.toUpperCase()}${h.text.slice(method.length)}\``, loc: h.loc, key: `endpoint:${h.text}`, severity: 'warning', fix: headingFix(h.loc, 3, `${method.toUpperCase()}${h.text.slice(method.length)}`) });
        }
        if (ws) {
          ctx.report({ message: `endpoint \`### ${h.text}\` comes after \`### ${WEBSOCKET_SUBSECTION}\`: move it above, with the other endpoints`, loc: h.loc, key: `endpoint-order:${h.text}` });
        }
        lastEndpoint = h;
      } else {
        ctx.report({
          message: `\`### ${h.text}\` is not an endpoint heading: \`## 4. API Design\` has one \`### METHOD /path\` subsection per endpoint (e.g. \`### POST /api/v1/workspaces/{workspace_id}/invites\`) and \`### ${WEBSOCKET_SUBSECTION}\``,
          loc: h.loc,
          key: `endpoint:${h.text}`,
        });
      }
      checkBody(ctx, h, bodyEnd(h), `### ${h.text}`);
    }
    if (!ws && !(unclosedFrom !== null && unclosedFrom <= end)) {
      const at = lastEndpoint ?? section.heading;
      ctx.report({
        message: `missing subsection \`### ${WEBSOCKET_SUBSECTION}\`: add it after the endpoints (\`None — reason\` when there are no real-time events)`,
        loc: at.loc,
        key: 'subsection-missing:websocket',
      });
    }
    return;
  }

  const titles = expected.map((e) => e.title);
  const { hits, unknown, missing, ordered } = matchHeadings(h3, titles);
  for (const hit of hits) {
    const title = titles[hit.index]!;
    if (hit.duplicate) {
      ctx.report({ message: `\`### ${title}\` appears twice in \`${sectionLabel}\`: merge the two`, loc: hit.heading.loc, key: `subsection-duplicate:${title}` });
      continue;
    }
    if (hit.quality === 'loose') {
      ctx.report({ message: `write the subsection title exactly as the template does: \`### ${title}\``, loc: hit.heading.loc, key: `subsection-title:${title}`, severity: 'warning', fix: headingFix(hit.heading.loc, 3, title) });
    } else if (hit.quality === 'similar') {
      ctx.report({ message: `\`### ${hit.heading.text}\` should be \`### ${title}\`: use the template's exact subsection title`, loc: hit.heading.loc, key: `subsection-title:${title}`, fix: headingFix(hit.heading.loc, 3, title) });
    }
    if (hit.outOfOrder) {
      const where = placement(ordered, hit.index, titles, '###');
      ctx.report({ message: `\`### ${title}\` is out of order${where ? `: move it ${where.where}` : ''}`, loc: hit.heading.loc, key: `subsection-order:${title}` });
    }
  }
  for (const h of [...hits.map((x) => x.heading), ...unknown]) checkBody(ctx, h, bodyEnd(h), `### ${h.text}`);

  for (const index of missing) {
    const e = expected[index]!;
    if (e.optional) continue;
    const deeper = inside.find((h) => h.depth > 3 && looseWords(h.text) === looseWords(e.title));
    if (deeper) {
      ctx.report({ message: `\`${'#'.repeat(deeper.depth)} ${deeper.text}\` is a subsection: write it as \`### ${e.title}\``, loc: deeper.loc, key: `subsection-level:${e.title}`, fix: headingFix(deeper.loc, 3, e.title) });
      continue;
    }
    // `## Summary` one level too high: template/sections reports it
    if (spec.outline.some((h) => h.depth <= 2 && looseWords(h.text) === looseWords(e.title))) continue;
    if (unclosedFrom !== null && unclosedFrom <= end && !ordered.some((h) => h.index > index)) continue;
    const where = placement(ordered, index, titles, '###');
    ctx.report({
      message: `missing subsection \`### ${e.title}\` in \`${sectionLabel}\`${where ? `: add it ${where.where}` : ''} (\`None — reason\` when it does not apply)`,
      loc: where?.loc ?? section.heading.loc,
      key: `subsection-missing:${e.title}`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'template/subsections',
    description: "Each section has the template's `###` subsections in order (or `None — reason`); API Design has `### METHOD /path` endpoints.",
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    const outline = outlineOf(spec);
    for (const section of [...outline.byIndex.values()].sort((a, b) => a.heading.loc.line - b.heading.loc.line)) {
      checkSection(ctx, section, outline.unclosedFrom);
    }
  },
});
