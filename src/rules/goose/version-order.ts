import { defineRule } from '../types.js';
import { fileName, gooseApplies, migrationsOf, pathLoc, versionOf } from './shared.js';

/**
 * New migrations are later than every migration already in the repository: goose applies versions in order
 * and, by default, refuses a version older than the newest one applied.
 */
export default defineRule({
  meta: {
    id: 'goose/version-order',
    description: 'Each new migration version is later than the newest migration already in the migrations directory.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    if (!gooseApplies(ctx) || ctx.isCompleted) return;
    const own = migrationsOf(ctx.spec).filter((m) => versionOf(m.path) !== null);
    if (own.length === 0) return;
    const ownPaths = new Set(own.map((m) => m.path));
    let newest: { path: string; version: bigint } | null = null;
    for (const e of ctx.run.existingMigrations) {
      if (ownPaths.has(e)) continue; // this spec's own migration, already written
      const v = versionOf(e);
      if (v !== null && (!newest || v > newest.version)) newest = { path: e, version: v };
    }
    if (!newest) return;
    for (const m of own) {
      const v = versionOf(m.path)!;
      if (v > newest.version) continue;
      if (ctx.run.existingMigrations.includes(m.path!)) continue;
      const f = fileName(m.path!);
      ctx.report({
        message: `migration version ${f.version} is not later than the newest existing migration \`${newest.path}\`: goose would refuse it as out of order — use a timestamp after ${fileName(newest.path).version}`,
        loc: pathLoc(m),
        key: m.path!,
      });
    }
  },
});
