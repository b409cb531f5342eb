import { defineRule } from '../types.js';
import { blockLoc, sqlSyntaxBlocks } from '../../code/blocks.js';
import { codeEngines } from '../engines.js';

/**
 * SQL blocks that are not goose migrations parse with the PostgreSQL parser (goose/sql-syntax parses the
 * migrations). With the Python profile no goose rule runs, so migration blocks are parsed here too.
 */
export default defineRule({
  meta: {
    id: 'code/sql-syntax',
    description: 'SQL code blocks outside migrations (all of them with the Python profile) parse with the real PostgreSQL parser (PL/pgSQL bodies included).',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    const blocks = sqlSyntaxBlocks(ctx.spec, ctx.config?.profile ?? 'go').filter((b) => !b.unclosed);
    if (blocks.length === 0) return;
    const { checkSql } = codeEngines(ctx.run);
    for (const block of blocks) {
      const e = await checkSql(block.text);
      if (e) ctx.report({ message: `SQL ${e.message}`, loc: blockLoc(block, e.start, e.end) });
    }
  },
});
