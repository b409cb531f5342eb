import { defineRule } from '../types.js';
import { splitLines } from '../../sql/goose-parser.js';
import { gooseApplies, gooseParse, lastContentLoc, migrationsOf, sqlLoc } from './shared.js';

/**
 * A comment that looks like a goose annotation but that goose ignores (`-- goose Down`, `-- +Goose Down`):
 * goose only sees lines containing `+goose`, so the statements below it silently join the previous section.
 */
const NEAR_MISS = /^\s*--\s*\+?\s*goose\b/i;

/**
 * goose annotations parse the way goose parses them (its state machine and error wording), and the
 * template's own demands hold: `-- +goose Up` first and once, a non-empty Up, a `-- +goose Down` section
 * that is not empty, StatementBegin/StatementEnd paired, every statement ended by a semicolon.
 */
export default defineRule({
  meta: {
    id: 'goose/annotations',
    description: 'Migration annotations parse as goose parses them: Up once and first, a non-empty Down, paired StatementBegin/End, semicolons.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    if (!gooseApplies(ctx)) return;
    for (const m of migrationsOf(ctx.spec)) {
      const block = m.block;
      const key = m.path ?? `block:${block.loc.line}`;
      const lines = splitLines(m.sql);
      let nearMiss = false;
      lines.forEach((line, i) => {
        if (NEAR_MISS.test(line) && !line.includes('+goose')) {
          nearMiss = true;
          const word = /goose\s*:?\s*(.*)$/i.exec(line)?.[1]?.trim() ?? '';
          ctx.report({
            message: `\`${line.trim()}\` is not a goose annotation (goose only reads \`-- +goose …\`, with a lower-case \`+goose\`): write \`-- +goose ${word || 'Up'}\``,
            loc: sqlLoc(block, i + 1, 1),
            key: `${key}:near-miss:${i + 1}`,
          });
        }
      });
      const r = gooseParse(ctx, m.sql);
      if (r.errors.length > 0) {
        const e = r.errors[0];
        ctx.report({ message: `goose: ${e.message} — ${e.hint}`, loc: sqlLoc(block, e.line, e.column ?? 1), key: `${key}:${e.code}` });
        continue;
      }
      if (nearMiss) continue; // the sections are not what the author meant: the checks below would mislead
      if (r.up.length === 0 && r.upLine !== null) {
        ctx.report({
          message: "the '-- +goose Up' section has no statement: write the schema change below it",
          loc: sqlLoc(block, r.upLine, 1),
          key: `${key}:empty-up`,
        });
      }
      if (r.downLine === null) {
        ctx.report({
          message: "migration has no '-- +goose Down' section: the template requires one that reverses Up — add '-- +goose Down' and the statements that undo Up",
          loc: lastContentLoc(block),
          key: `${key}:no-down`,
        });
      } else if (r.down.length === 0) {
        ctx.report({
          message: "the '-- +goose Down' section is empty: write the statements that undo Up (goose down would silently do nothing)",
          loc: sqlLoc(block, r.downLine, 1),
          key: `${key}:empty-down`,
        });
      }
    }
  },
});
