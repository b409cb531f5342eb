import { defineRule, type RuleContext } from '../types.js';
import type { MigrationExecutor, SpecMigrationInput } from '../../sql/exec.js';
import { timeEngine } from '../../code/timing.js';
import { analysis, gooseApplies, gooseParse, migrationsOf, pathLoc, sqlLoc } from './shared.js';
import { specSchema } from './schema-shared.js';

/**
 * The embedded PostgreSQL shared by every spec of a run. It lives in `ctx.run.shared` and has a `close()`:
 * the engine closes it when the run ends.
 */
class SharedExecutor {
  private started: Promise<MigrationExecutor> | null = null;
  baselineReported = false;
  refusedReported = false;

  get(ctx: RuleContext): Promise<MigrationExecutor> {
    this.started ??= timeEngine('pglite', () => start(ctx));
    return this.started;
  }

  async close(): Promise<void> {
    if (!this.started) return;
    const ex = await this.started.catch(() => null);
    await ex?.close();
  }
}

async function start(ctx: RuleContext): Promise<MigrationExecutor> {
  const { extensionsIn } = await import('../../sql/exec.js');
  const { createBoundedExecutor, DEFAULT_EXEC_LIMITS } = await import('../../sql/exec-bounded.js');
  // The repository's own migrations run first; the engine reads them for the run.
  const existing = [...((await ctx.run.existingMigrationSources?.()) ?? [])];
  const extensions = new Set<string>();
  for (const spec of ctx.run.specs) for (const m of spec.migrations) for (const e of extensionsIn(m.sql)) extensions.add(e);
  // each statement, the phase and the memory are bounded (a worker thread that can be stopped)
  return createBoundedExecutor({ existing, extensions: [...extensions] }, { ...DEFAULT_EXEC_LIMITS, ...(ctx.config.execLimits ?? {}) });
}

/**
 * `--exec`: every migration runs for real in an embedded PostgreSQL, after the repository's existing
 * migrations: Up, Down (compared with the catalog before Up), Up again. Any SQL error is reported at the
 * statement that failed.
 */
export default defineRule({
  meta: {
    id: 'goose/exec',
    description: 'Under --exec, migrations apply, reverse and re-apply in an embedded PostgreSQL after the existing migrations.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!ctx.run.exec || !gooseApplies(ctx)) return;
    const migrations = migrationsOf(ctx.spec);
    if (migrations.length === 0) return;
    const inputs: SpecMigrationInput[] = [];
    for (const m of migrations) {
      // Migrations that goose cannot split or PostgreSQL cannot parse are reported by goose/annotations and
      // goose/sql-syntax; executing the spec would only repeat those errors.
      if (gooseParse(ctx, m.sql).errors.length > 0) return;
      const a = await analysis(ctx, m.sql);
      if (a.syntax.some((s) => s.kind === 'sql')) return;
      inputs.push({ path: m.path, sql: m.sql, parsed: a.goose, upStatements: a.up });
    }
    let holder = ctx.run.shared.get('goose:exec') as SharedExecutor | undefined;
    if (!holder) {
      holder = new SharedExecutor();
      ctx.run.shared.set('goose:exec', holder);
    }
    let ex: MigrationExecutor;
    try {
      ex = await holder.get(ctx);
    } catch (err) {
      ctx.report({
        message: `could not start the embedded PostgreSQL (PGlite) to execute migrations: ${(err as Error).message} — run without --exec, or check that @electric-sql/pglite is installed`,
        loc: pathLoc(migrations[0]),
        key: 'exec:start',
      });
      return;
    }
    if (!holder.baselineReported) {
      holder.baselineReported = true;
      for (const p of ex.baselineProblems) {
        ctx.report({
          message: `existing migration \`${p.path}\` could not be applied before this spec's: ${p.message} — migrations that depend on it may fail below`,
          loc: pathLoc(migrations[0]),
          key: `exec:baseline:${p.path}`,
          severity: 'warning',
        });
      }
    }
    if (!holder.refusedReported) {
      holder.refusedReported = true;
      // existing migrations the file-access layer refused (a symlink out of the repository, a FIFO, too large)
      const sources = (await ctx.run.existingMigrationSources?.()) as { refused?: ReadonlyArray<{ path: string; message: string }> } | undefined;
      for (const r of sources?.refused ?? []) {
        ctx.report({
          message: `existing migration \`${r.path}\` was not read: ${r.message} — migrations that depend on it may fail below`,
          loc: pathLoc(migrations[0]),
          key: `exec:refused:${r.path}`,
          severity: 'warning',
        });
      }
    }
    // stand-ins only for foreign-key targets the schema model cannot see; a table it knows is missing stays
    // missing, and the statement naming it fails here as in goose (goose/schema-reference names it statically)
    const model = await specSchema(ctx).catch(() => null);
    const mayStub = model ? (schema: string, table: string) => model.final.relationStatus(schema, table) !== 'missing' : undefined;
    const findings = await timeEngine('pglite', () => ex.runSpec(inputs, { mayStub }));
    for (const f of findings) {
      const m = migrations[f.migration];
      ctx.report({
        message: `${f.message} — fix the migration so that \`goose up\`, \`goose down\`, \`goose up\` all succeed`,
        loc: sqlLoc(m.block, f.line, f.column),
        key: `${m.path ?? m.block.loc.line}:${f.key}`,
      });
    }
  },
});
