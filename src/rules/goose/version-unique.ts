import { defineRule } from '../types.js';
import { fileName, gooseApplies, migrationsOf, pathLoc } from './shared.js';

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

      // other specs of the run
      for (const other of ctx.run.specs) {
        if (other === ctx.spec || other.filePath === ctx.spec.filePath) continue;
        const clash = other.migrations.find((o) => o.path && fileName(o.path).version === version);
        // a migration already in the repository is reported below, once
        if (clash && !(clash.path !== path && ctx.run.existingMigrations.includes(clash.path!))) {
          ctx.report({
            message: `migration version ${version} is also used by \`${clash.path}\` in ${other.filePath}: two specs cannot ship the same goose version — give one of them a different timestamp`,
            loc,
            key: `run:${version}:${other.filePath}`,
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
