import { defineRule, type RuleContext } from '../types.js';
import { fileName, gooseApplies, migrationsOf, pathLoc } from './shared.js';

/**
 * Every migration of the run's specs with this version (run order): from the engine's version index, which
 * reads only the specs that could hold it, or — facts built by hand — from every model.
 */
function usesOf(ctx: RuleContext, version: string): ReadonlyArray<{ filePath: string; path: string }> {
  if (ctx.run.migrationsWithVersion) return ctx.run.migrationsWithVersion(version);
  const out: Array<{ filePath: string; path: string }> = [];
  for (const s of ctx.run.specs) for (const m of s.migrations) if (m.path && fileName(m.path).version === version) out.push({ filePath: s.filePath, path: m.path });
  return out;
}

/**
 * Migration versions are unique: within the spec, across the specs linted in the same run, and against the
 * migration files already in the repository.
 */
export default defineRule({
  meta: {
    id: 'goose/version-unique',
    description: 'Migration versions are unique within the spec, across the specs of the run, and against existing migration files.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    if (!gooseApplies(ctx)) return;
    const own = migrationsOf(ctx.spec).filter((m) => m.path && fileName(m.path).version);
    if (own.length === 0) return;
    const seen = new Map<string, string>();
    for (const m of own) {
      const path = m.path!;
      const version = fileName(path).version!;
      const loc = pathLoc(m);
      const first = seen.get(version);
      if (first !== undefined) {
        ctx.report({
          message: `migration version ${version} is used twice in this spec (\`${first}\` and \`${path}\`): goose refuses duplicate versions — give this migration a later timestamp`,
          loc,
          key: `spec:${version}`,
        });
        continue;
      }
      seen.set(version, path);

      // other specs of the run: the first migration of each other spec that carries this version, in run order
      const firstUse = new Map<string, string>();
      for (const u of usesOf(ctx, version)) if (!firstUse.has(u.filePath)) firstUse.set(u.filePath, u.path);
      for (const [otherPath, clashPath] of firstUse) {
        if (otherPath === ctx.spec.filePath) continue;
        // a migration already in the repository is reported below, once
        if (!(clashPath !== path && ctx.run.existingMigrations.includes(clashPath))) {
          ctx.report({
            message: `migration version ${version} is also used by \`${clashPath}\` in ${otherPath}: two specs cannot ship the same goose version — give one of them a different timestamp`,
            loc,
            key: `run:${version}:${otherPath}`,
          });
          break;
        }
      }

      // files already in the repository (the same path is this migration, already written)
      const existing = ctx.run.existingMigrations.find((e) => fileName(e).version === version && e !== path);
      if (existing) {
        ctx.report({
          message: `migration version ${version} is already taken by \`${existing}\` in the repository: give this migration a timestamp later than the newest existing migration`,
          loc,
          key: `repo:${version}`,
        });
      }
    }
  },
});
