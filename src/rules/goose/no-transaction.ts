import { defineRule } from '../types.js';
import type { PgNode } from '../../sql/pg.js';
import type { UpTree } from '../../sql/analyze.js';
import { findings, gooseApplies, gooseParse, migrationsOf, sqlLoc } from './shared.js';

/** Why PostgreSQL refuses a statement inside a transaction block, or null. */
export function refusedInTransaction(type: string, n: PgNode): string | null {
  const defs = (list: PgNode[] | undefined) => (list ?? []).map((d) => d.DefElem as PgNode).filter(Boolean);
  switch (type) {
    case 'IndexStmt':
      return n.concurrent ? 'CREATE INDEX CONCURRENTLY' : null;
    case 'DropStmt':
      return n.concurrent ? 'DROP INDEX CONCURRENTLY' : null;
    case 'ReindexStmt':
      return defs(n.params).some((d) => d.defname === 'concurrently') ? 'REINDEX … CONCURRENTLY' : null;
    case 'VacuumStmt':
      return n.is_vacuumcmd ? 'VACUUM' : null;
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'ClusterStmt':
      return n.relation ? null : 'CLUSTER without a table';
    case 'CreateSubscriptionStmt': {
      const off = defs(n.options).some((d) => (d.defname === 'create_slot' || d.defname === 'connect') && /^(false|off|0)$/i.test(String(d.arg?.String?.sval ?? d.arg?.Boolean?.boolval ?? '')));
      return off ? null : 'CREATE SUBSCRIPTION (with create_slot)';
    }
    case 'AlterTableStmt':
      for (const c of (n.cmds ?? []) as PgNode[]) if (c.AlterTableCmd?.subtype === 'AT_DetachPartition' && c.AlterTableCmd.def?.PartitionCmd?.concurrent) return 'DETACH PARTITION … CONCURRENTLY';
      return null;
    default:
      return null;
  }
}

/**
 * goose runs each migration in a transaction unless it says `-- +goose NO TRANSACTION`; the statements
 * PostgreSQL refuses in a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, CREATE DATABASE …) then fail.
 */
export default defineRule({
  meta: {
    id: 'goose/no-transaction',
    description: 'Statements PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, CREATE DATABASE …) appear only in `-- +goose NO TRANSACTION` migrations.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    for (const m of migrationsOf(ctx.spec)) {
      const parsed = gooseParse(ctx, m.sql);
      if (parsed.errors.length > 0 || parsed.noTransaction) continue;
      const a = await findings(ctx, m.sql);
      if (!a.upTrees) continue;
      const check = (trees: UpTree[], where: string) => {
        for (const t of trees) {
          const what = refusedInTransaction(t.type, t.node);
          if (!what) continue;
          ctx.report({
            message: `${what} cannot run inside a transaction block, and goose runs this migration in one (${where}): add \`-- +goose NO TRANSACTION\` at the top of the file, and keep the statements that need a transaction in another migration`,
            loc: sqlLoc(m.block, t.line, t.column),
            key: `${m.path ?? m.block.loc.line}:tx:${where}:${what}:${t.line - (where === 'Up' ? parsed.upLine ?? 0 : parsed.downLine ?? 0)}`,
          });
        }
      };
      check(a.upTrees.statements, 'Up');
      check(a.upTrees.down, 'Down');
    }
  },
});
