import { defineRule } from '../types.js';
import { findings, gooseApplies, gooseParse, migrationsOf, sqlLoc } from './shared.js';
import type { RuleContext } from '../types.js';
import type { Migration } from '../../model/types.js';
import type { RuleFix } from '../../fix/types.js';
import type { MigrationFindings } from '../engines.js';
import { fix, insertLines } from '../../fix/edits.js';
import { splitLines } from '../../sql/goose-parser.js';

/**
 * The fix: the inverse of everything Down misses (from the parse trees: the drop of what Up created, the
 * undoing of its renames and changes), in the reverse of Up's order, at the start of the Down section — or
 * at its end, when only that order is safe. Each candidate is analysed again; a fix is offered only when
 * the result reverses everything with no new ordering problem. Nothing is offered for what cannot be
 * derived (an object Up drops: re-creating it needs its definition).
 */
async function reverseFix(ctx: RuleContext, m: Migration, a: MigrationFindings, downLine: number): Promise<RuleFix | undefined> {
  const missing = a.missing.filter((f) => f.inverse);
  // an error-level miss with no inverse to derive: the fix would be partial
  if (missing.length === 0 || a.missing.some((f) => !f.inverse && !f.severity)) return undefined;
  const stmts = [...new Set([...missing].sort((x, y) => y.line - x.line || y.column - x.column).map((f) => f.inverse!))];
  const lines = splitLines(m.sql);
  let last = lines.length;
  while (last > downLine && lines[last - 1]!.trim() === '') last--;
  for (const at of [downLine + 1, last + 1]) {
    const candidate = [...lines.slice(0, at - 1), ...stmts, ...lines.slice(at - 1)].join('\n');
    const b = await findings(ctx, candidate);
    if (b.syntax.length === 0 && b.missing.every((f) => f.severity) && b.order.length <= a.order.length) {
      return fix(insertLines(m.block.contentLine + at - 1, stmts, m.block.contentLine + downLine - 1));
    }
  }
  return undefined;
}

/**
 * Down reverses Up, judged from the parse trees: every object Up creates or adds is dropped or removed by
 * Down, renames and type changes have their inverse, and Down drops things in a dependency-safe order.
 */
export default defineRule({
  meta: {
    id: 'goose/down-reverses-up',
    description:
      'Down drops every table, index, type, function, trigger, extension, column and constraint Up creates, undoes its renames and type changes, in a dependency-safe order.',
    defaultSeverity: 'error',
    fixable: true,
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    for (const m of migrationsOf(ctx.spec)) {
      const parsed = gooseParse(ctx, m.sql);
      if (parsed.errors.length > 0 || parsed.downLine === null) continue; // goose/annotations
      const a = await findings(ctx, m.sql);
      const repair = a.missing.some((f) => f.inverse) ? await reverseFix(ctx, m, a, parsed.downLine) : undefined;
      for (const f of [...a.missing, ...a.order]) {
        ctx.report({
          message: f.message,
          loc: sqlLoc(m.block, f.line, f.column),
          key: `${m.path ?? m.block.loc.line}:${f.key}`,
          ...(f.severity ? { severity: f.severity } : {}),
          ...(repair && f.inverse ? { fix: repair } : {}),
        });
      }
    }
  },
});
