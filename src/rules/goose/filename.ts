import { defineRule } from '../types.js';
import { fileName, gooseApplies, migrationsOf, pathLoc } from './shared.js';

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why a 14-digit goose timestamp is not a real date and time, or null when it is one. */
export function timestampProblem(v: string): string | null {
  const year = Number(v.slice(0, 4));
  const month = Number(v.slice(4, 6));
  const day = Number(v.slice(6, 8));
  const hour = Number(v.slice(8, 10));
  const minute = Number(v.slice(10, 12));
  const second = Number(v.slice(12, 14));
  if (year < 1970) return `year ${year} is before 1970`;
  if (month < 1 || month > 12) return `month ${v.slice(4, 6)} does not exist`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : DAYS[month - 1];
  if (day < 1 || day > days) return `day ${v.slice(6, 8)} does not exist in month ${v.slice(4, 6)} of ${year}`;
  if (hour > 23) return `hour ${v.slice(8, 10)} does not exist`;
  if (minute > 59) return `minute ${v.slice(10, 12)} does not exist`;
  if (second > 59) return `second ${v.slice(12, 14)} does not exist`;
  return null;
}

/**
 * Migration file names follow goose's timestamp format: `<migrations dir>/YYYYMMDDHHMMSS_snake_case.sql`,
 * with a real date and time.
 */
export default defineRule({
  meta: {
    id: 'goose/filename',
    description: 'Each migration is named `<migrations dir>/YYYYMMDDHHMMSS_snake_case_description.sql` with a real date and time.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    if (!gooseApplies(ctx)) return;
    const dir = ctx.config.paths.migrations;
    const example = `${dir}/20260216120000_create_invites.sql`;
    for (const m of migrationsOf(ctx.spec)) {
      const loc = pathLoc(m);
      if (!m.path) {
        ctx.report({
          message: `migration block has no file name: put a heading with the path above it, e.g. \`#### \\\`${example}\\\`\``,
          loc,
          key: `no-path:${m.block.loc.line}`,
        });
        continue;
      }
      const f = fileName(m.path);
      const key = m.path;
      if (f.dir !== dir) {
        ctx.report({
          message: `migration \`${m.path}\` is not in the migrations directory \`${dir}/\` (paths.migrations in spec.config.json): write \`${dir}/${f.base}\``,
          loc,
          key,
        });
      }
      if (!/\.sql$/.test(f.base)) {
        ctx.report({ message: `migration \`${m.path}\` must end in \`.sql\` (goose only runs .sql and .go files)`, loc, key });
        continue;
      }
      if (f.version === null) {
        ctx.report({
          message: `migration file \`${f.base}\` does not start with a version: name it \`YYYYMMDDHHMMSS_description.sql\`, e.g. \`${example.slice(dir.length + 1)}\``,
          loc,
          key,
        });
        continue;
      }
      if (f.version.length !== 14) {
        ctx.report({
          message: `migration version \`${f.version}\` is not a goose timestamp (YYYYMMDDHHMMSS, 14 digits): use the date and time the migration is written, e.g. \`20260216120000\``,
          loc,
          key,
        });
      } else {
        const problem = timestampProblem(f.version);
        if (problem) {
          ctx.report({ message: `migration version \`${f.version}\` is not a real date and time (${problem}): use YYYYMMDDHHMMSS`, loc, key });
        }
      }
      if (!/^[a-z0-9]+(?:_[a-z0-9]+)*$/.test(f.description ?? '')) {
        const suggestion = (f.description ?? '')
          .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_+|_+$/g, '');
        ctx.report({
          message: `migration description \`${f.description}\` is not snake_case: use lower-case words joined by \`_\`${suggestion ? `, e.g. \`${suggestion}\`` : ''}`,
          loc,
          key,
        });
      }
    }
  },
});
