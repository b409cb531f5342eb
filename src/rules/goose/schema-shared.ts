/**
 * The schema model for the goose rules (src/sql/schema.ts): the repository's migrations (Up, version order)
 * give the base schema, built once per run and kept in `ctx.run.shared`; each spec's migrations are then
 * applied in version order on a copy, and what the checks find on the way is kept per spec (the four schema
 * rules read the same result). Parse trees come from the migration analysis the other goose rules use
 * (`findings`: this thread's engine, or the run's engine thread), so a `--cache` run reuses stored parses.
 */
import type { Migration } from '../../model/types.js';
import type { RuleContext } from '../types.js';
import type { UpTree } from '../../sql/analyze.js';
import type { Schema, SchemaFinding } from '../../sql/schema.js';
import { statementPosition } from '../../sql/goose-parser.js';
import { byteToCharOffsets } from '../../sql/pg.js';
import { findings, gooseParse, migrationsOf, sqlLoc, versionOf } from './shared.js';

export interface PlacedFinding extends SchemaFinding {
  line: number;
  column: number;
}

export interface MigrationResult {
  migration: Migration;
  findings: PlacedFinding[];
  trees: UpTree[];
  noTransaction: boolean;
}

export interface SpecSchema {
  /** The spec's migrations in the order goose runs them (version order), with what the checks found. */
  migrations: MigrationResult[];
  /** The schema after every migration of the spec. */
  final: Schema;
  /** Whether every spec migration was modelled (parsed whole). */
  complete: boolean;
}

type Module = typeof import('../../sql/schema.js');

class SchemaHolder {
  /** Base schemas by cut (which repository migrations they include). */
  readonly bases = new Map<string, Promise<Schema>>();
  readonly specs = new WeakMap<object, Promise<SpecSchema | null>>();
}

function holder(ctx: RuleContext): SchemaHolder {
  let h = ctx.run.shared.get('goose:schema') as SchemaHolder | undefined;
  if (!h) {
    h = new SchemaHolder();
    ctx.run.shared.set('goose:schema', h);
  }
  return h;
}

/** Where a finding stands in the migration's SQL: its node's location, else the statement's start. */
function place(ctx: RuleContext, sql: string, tree: UpTree, f: SchemaFinding): PlacedFinding {
  if (f.location !== undefined) {
    const g = gooseParse(ctx, sql).up[tree.gooseIndex];
    if (g) {
      const at = statementPosition(g, byteToCharOffsets(g.text)(f.location));
      return { ...f, line: at.line, column: at.column };
    }
  }
  return { ...f, line: tree.line, column: tree.column };
}

async function buildBase(ctx: RuleContext, mod: Module, exclude: Set<string>, before: bigint | null): Promise<Schema> {
  const schema = new mod.Schema();
  const existing = ctx.run.existingMigrations;
  const sources = (await ctx.run.existingMigrationSources?.()) ?? null;
  const dir = ctx.config.paths.migrations.replace(/\/+$/, '') + '/';
  const goMigrations = ctx.repo.filesUnder(dir).some((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  // the world is known only when the repository's migrations are all there, all SQL, all readable
  let closed = existing.length > 0 && sources !== null && sources.length === existing.length && !goMigrations;
  const ordered = [...(sources ?? [])]
    .filter((s) => !exclude.has(s.path))
    .map((s, i) => ({ ...s, i, v: versionOf(s.path) }))
    .filter((s) => before === null || (s.v !== null && s.v < before))
    .sort((a, b) => (a.v !== null && b.v !== null && a.v !== b.v ? (a.v < b.v ? -1 : 1) : a.i - b.i));
  for (const s of ordered) {
    const parsed = gooseParse(ctx, s.sql);
    if (parsed.errors.length > 0) {
      closed = false;
      continue;
    }
    let f;
    try {
      f = await findings(ctx, s.sql);
    } catch {
      closed = false;
      continue;
    }
    if (!f.upTrees) {
      closed = false;
      continue;
    }
    mod.applyMigration(schema, f.upTrees.statements, f.upTrees.complete, { origin: 'repo', noTransaction: parsed.noTransaction });
  }
  schema.closed = closed;
  return schema;
}

/**
 * The spec's schema result: null when the spec has no migration the model can read (none, or goose cannot
 * split one: goose/annotations reports that).
 */
export function specSchema(ctx: RuleContext): Promise<SpecSchema | null> {
  const h = holder(ctx);
  let p = h.specs.get(ctx.spec);
  if (!p) {
    p = computeSpecSchema(ctx, h);
    h.specs.set(ctx.spec, p);
  }
  return p;
}

async function computeSpecSchema(ctx: RuleContext, h: SchemaHolder): Promise<SpecSchema | null> {
  const migrations = migrationsOf(ctx.spec);
  if (migrations.length === 0) return null;
  const mod = await import('../../sql/schema.js');
  // the spec's own migrations already written to the repository are the spec's, not the base's
  const own = new Set(migrations.map((m) => m.path).filter((p): p is string => !!p));
  const versions = migrations.map((m) => versionOf(m.path)).filter((v): v is bigint => v !== null);
  // a completed spec ran before the repository's later migrations: its base stops at its first version
  const before = ctx.isCompleted && versions.length > 0 ? versions.reduce((a, b) => (b < a ? b : a)) : null;
  const ownInRepo = [...own].filter((p) => ctx.run.existingMigrations.includes(p)).sort();
  const cut = `${before ?? ''}|${ownInRepo.join('|')}`;
  let base = h.bases.get(cut);
  if (!base) {
    base = buildBase(ctx, mod, new Set(ownInRepo), before);
    h.bases.set(cut, base);
  }
  const schema = (await base).clone();
  const ordered = migrations
    .map((m, i) => ({ m, i, v: versionOf(m.path) }))
    .sort((a, b) => (a.v !== null && b.v !== null && a.v !== b.v ? (a.v < b.v ? -1 : 1) : a.i - b.i));
  const out: MigrationResult[] = [];
  let complete = true;
  for (const { m } of ordered) {
    const parsed = gooseParse(ctx, m.sql);
    if (parsed.errors.length > 0) {
      complete = false;
      schema.markOpaque();
      continue;
    }
    const f = await findings(ctx, m.sql);
    const trees = f.upTrees;
    if (!trees) {
      complete = false;
      schema.markOpaque();
      continue;
    }
    const result: MigrationResult = { migration: m, findings: [], trees: trees.statements, noTransaction: parsed.noTransaction };
    const ctxApply = { origin: 'spec' as const, noTransaction: parsed.noTransaction, migration: schema.migrations };
    for (const tree of trees.statements) {
      mod.applyStatement(schema, tree.type, tree.node, { ...ctxApply, report: (x) => result.findings.push(place(ctx, m.sql, tree, x)) });
    }
    schema.migrations++;
    if (!trees.complete) {
      complete = false;
      schema.markOpaque();
    }
    out.push(result);
  }
  return { migrations: out, final: schema, complete };
}

/**
 * Reports each finding of one family on the spec's migrations at its statement (the schema rules differ only
 * in the family they read and how they word it): `message` rewords a finding, or returns null to leave it out.
 */
export async function reportSchemaFindings(
  ctx: RuleContext,
  family: SchemaFinding['family'],
  message: (f: PlacedFinding, r: MigrationResult) => string | null = (f) => f.message,
): Promise<void> {
  const result = await specSchema(ctx);
  if (!result) return;
  for (const r of result.migrations) {
    for (const f of r.findings) {
      if (f.family !== family) continue;
      const text = message(f, r);
      if (text === null) continue;
      ctx.report({ message: text, loc: sqlLoc(r.migration.block, f.line, f.column), key: `${r.migration.path ?? r.migration.block.loc.line}:${f.key}` });
    }
  }
}
