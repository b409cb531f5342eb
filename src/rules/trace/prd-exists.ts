/**
 * trace/prd-exists: the PRD a PRD-driven spec names is a file inside the repository that can be read. A
 * path that leaves the repository (`../…`, absolute, a symlink pointing out) is an error and is never read.
 * A PRD written as a link is the link's text when that reads as a path, else its target resolved relative
 * to the spec file (the model's `prdPath`); a link whose text and target name different files is reported
 * here too.
 */
import { posix } from 'node:path';
import { defineRule } from '../types.js';
import { linkDisagreement } from '../path/link-target.js';

export default defineRule({
  meta: {
    id: 'trace/prd-exists',
    description: 'The PRD named in the header of a PRD-driven spec exists inside the repository and is readable.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec, prd } = ctx;
    if (spec.readErrors.length > 0 || spec.type === 'Engineering-initiated' || !spec.prdPath) return;
    const path = spec.prdPath.value;
    // `[path to source PRD — …]` is an unfilled placeholder: template/placeholder reports it
    if (/^\[[^\]]*\]$/.test(path.trim())) return;
    const loc = spec.prdPath.loc;
    const prdsDir = ctx.config.paths.prds;
    const link = spec.prdPath.link;
    const disagree = link ? linkDisagreement(link, spec.filePath, ctx.repo) : null;
    if (link && disagree) {
      ctx.report({ message: `the PRD link \`[${link.text}](${link.target})\` names two paths: ${disagree.text}; ${disagree.fix}`, loc, key: path });
      return;
    }
    // a link whose text is not a path: the path is its target, resolved from the spec's directory
    const viaTarget = link && link.text === null && link.resolved !== null ? link : null;
    switch (prd.status) {
      case 'outside': {
        if (viaTarget) {
          ctx.report({
            message: `the PRD link's target \`${viaTarget.target}\` resolves, relative to the spec file, to \`${path}\`, outside the repository, and is not read: link the PRD inside the repository (\`${prdsDir}/\`)`,
            loc,
            key: path,
          });
          break;
        }
        const hint = path.startsWith('/')
          ? `write it relative to the repository root, e.g. \`${path.replace(/^\/+/, '')}\``
          : `PRDs live in the repository (\`${prdsDir}/\`); write the path relative to the repository root`;
        ctx.report({ message: `the PRD path \`${path}\` escapes the repository and is not read: ${hint}`, loc, key: path });
        break;
      }
      case 'missing': {
        const asWritten = viaTarget ? posix.normalize(viaTarget.target.replace(/^<|>$/g, '').replace(/[?#].*$/, '').replace(/^\/+/, '')) : null;
        if (viaTarget && asWritten && asWritten !== path && ctx.repo.exists(asWritten)) {
          const fix = posix.relative(posix.dirname(spec.filePath), asWritten);
          ctx.report({
            message: `the PRD link's target \`${viaTarget.target}\` resolves relative to the spec file, to \`${path}\`, which does not exist: write it as \`${fix}\` (links resolve from the spec's directory)`,
            loc,
            key: path,
          });
          break;
        }
        ctx.report({
          message: `the PRD \`${path}\` does not exist: fix the path (relative to the repository root, e.g. \`${prdsDir}/<feature>.md\`) or add the PRD`,
          loc,
          key: path,
        });
        break;
      }
      case 'unreadable':
        ctx.report({ message: `the PRD \`${path}\` cannot be read as UTF-8 markdown: check the file (binary, wrong encoding or permissions)`, loc, key: path });
        break;
      default:
        break;
    }
  },
});
