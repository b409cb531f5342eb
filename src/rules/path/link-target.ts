/**
 * path/link-target: a path written as a markdown link names one file. The link's text, when it reads as a
 * path (`[prds/x.md](…)`), and its target, resolved relative to the spec file as every markdown renderer
 * resolves it (`../prds/x.md` from `tech-specs/`; `/prds/x.md` from the repository root), are the same
 * repository path. Covers every path the model holds — task Files, component tables, the migration order
 * table — and the `**PRD:**` header. Only the text is compared; nothing is read.
 */
import { posix } from 'node:path';
import type { LinkPath, Loc } from '../../model/types.js';
import { defineRule } from '../types.js';
import { normalizePath } from './classify.js';

function where(source: string, taskId: string | undefined, context: string | undefined): string {
  if (taskId) return `${taskId}'s Files`;
  if (source === 'component-table') return context ? `the "${context}" table` : 'a component table';
  if (source === 'migration-order') return 'the migration order table';
  return 'the migration heading';
}

export default defineRule({
  meta: {
    id: 'path/link-target',
    description: "A path written as a link names one file: its text and its target (relative to the spec file) agree.",
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    const links: Array<{ link: LinkPath; loc: Loc; where: string; key: string }> = [];
    const prd = spec.prdPath;
    // an Engineering-initiated spec has no PRD line at all: template/header reports it
    if (prd?.link && spec.type !== 'Engineering-initiated') links.push({ link: prd.link, loc: prd.loc, where: 'the `**PRD:**` header', key: 'prd' });
    for (const ref of spec.paths) {
      if (ref.link) links.push({ link: ref.link, loc: ref.loc, where: where(ref.source, ref.taskId, ref.context), key: `${ref.taskId ?? ref.source}:${ref.path}` });
    }
    const specDir = posix.dirname(spec.filePath);
    for (const { link, loc, where: at, key } of links) {
      if (link.text === null || link.resolved === null) continue;
      const text = normalizePath(link.text);
      if (text === link.resolved) continue;
      const relative = posix.relative(specDir, text) || '.';
      const textExists = ctx.repo.exists(text);
      const targetExists = !link.resolved.startsWith('../') && ctx.repo.exists(link.resolved);
      const fix =
        textExists && !targetExists
          ? `write the target as \`${relative}\``
          : targetExists && !textExists
            ? `write the text as \`${link.resolved}\``
            : `make them agree (from this spec, \`${text}\` is \`${relative}\`)`;
      ctx.report({
        message: `the link \`[${link.text}](${link.target})\` in ${at} names two paths: its text \`${text}\`, and its target, which resolves relative to the spec file to \`${link.resolved}\`; ${fix}`,
        loc,
        key,
      });
    }
  },
});
