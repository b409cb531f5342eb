/**
 * path/link-target: a path written as a markdown link names one file. The link's text, when it reads as a
 * path (`[prds/x.md](…)`), and its target, resolved relative to the spec file as every markdown renderer
 * resolves it (`../prds/x.md` from `tech-specs/`; `/prds/x.md` from the repository root), are the same
 * repository path. Covers every path the model holds — task Files, component tables, the migration order
 * table; the `**PRD:**` header's link is trace/prd-exists' (with `linkDisagreement`). Only the text is
 * compared; nothing is read.
 */
import { posix } from 'node:path';
import type { LinkPath } from '../../model/types.js';
import type { RepoIndex } from '../../lint/repo.js';
import { defineRule } from '../types.js';
import { normalizePath } from './classify.js';

function where(source: string, taskId: string | undefined, context: string | undefined): string {
  if (taskId) return `${taskId}'s Files`;
  if (source === 'component-table') return context ? `the "${context}" table` : 'a component table';
  if (source === 'migration-order') return 'the migration order table';
  return 'the migration heading';
}

/**
 * When a link's text reads as a path and its resolved target is another one: the message's two parts (what
 * disagrees, and how to fix it, saying which of the two exists). Null when they agree or cannot be compared.
 */
export function linkDisagreement(link: LinkPath, specPath: string, repo: RepoIndex): { text: string; fix: string } | null {
  if (link.text === null || link.resolved === null) return null;
  const text = normalizePath(link.text);
  if (text === link.resolved) return null;
  const relative = posix.relative(posix.dirname(specPath), text) || '.';
  const textExists = repo.exists(text);
  const targetExists = !link.resolved.startsWith('../') && repo.exists(link.resolved);
  const fix =
    textExists && !targetExists
      ? `write the target as \`${relative}\``
      : targetExists && !textExists
        ? `write the text as \`${link.resolved}\``
        : `make them agree (from this spec, \`${text}\` is \`${relative}\`)`;
  const where = link.resolved.startsWith('../') ? `\`${link.resolved}\`, outside the repository` : `\`${link.resolved}\``;
  return { text: `its text \`${text}\`, and its target, which resolves relative to the spec file to ${where}`, fix };
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
    // (the `**PRD:**` header's link is trace/prd-exists': the PRD is what that rule checks)
    for (const ref of spec.paths) {
      if (!ref.link) continue;
      const d = linkDisagreement(ref.link, spec.filePath, ctx.repo);
      if (!d) continue;
      ctx.report({
        message: `the link \`[${ref.link.text}](${ref.link.target})\` in ${where(ref.source, ref.taskId, ref.context)} names two paths: ${d.text}; ${d.fix}`,
        loc: ref.loc,
        key: `${ref.taskId ?? ref.source}:${ref.path}`,
      });
    }
  },
});
