/**
 * template/title: the document opens with `# Tech Spec: <name>` — the first heading, level 1, the exact
 * prefix, a non-empty name — and has no second level-1 heading.
 */
import { defineRule } from '../types.js';

const EXACT = /^Tech Spec: \S/;

export default defineRule({
  meta: {
    id: 'template/title',
    description: 'The spec starts with a `# Tech Spec: <name>` title with a non-empty name.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    const first = spec.outline[0];
    const h1s = spec.outline.filter((h) => h.depth === 1);
    const title = h1s[0];
    if (!title) {
      ctx.report({
        message: 'missing title: start the spec with `# Tech Spec: <feature or initiative name>`',
        loc: first?.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
        key: 'title',
      });
      return;
    }
    if (first && first !== title) {
      ctx.report({
        message: `the title must be the first heading: move \`# ${title.text}\` above \`${'#'.repeat(first.depth)} ${first.text}\``,
        loc: title.loc,
        key: 'title-position',
      });
    }
    const text = title.text.replace(/\s+/g, ' ').trim();
    const m = /^tech\s*spec\b\s*[:—–-]?\s*(.*)$/i.exec(text);
    if (!m) {
      ctx.report({
        message: `the title must read \`# Tech Spec: <name>\`, not \`# ${text}\``,
        loc: title.loc,
        key: 'title',
      });
    } else if (m[1]!.trim() === '') {
      ctx.report({ message: 'the title has no name: write `# Tech Spec: <feature or initiative name>`', loc: title.loc, key: 'title' });
    } else if (!EXACT.test(text)) {
      ctx.report({
        message: `write the title as the template does: \`# Tech Spec: ${m[1]!.trim()}\``,
        loc: title.loc,
        key: 'title',
        severity: 'warning',
      });
    }
    for (const extra of h1s.slice(1)) {
      ctx.report({
        message: `a spec has one \`#\` title; \`# ${extra.text}\` should be a \`##\` section or a \`###\` subsection`,
        loc: extra.loc,
        key: `extra-title:${extra.text}`,
      });
    }
  },
});
