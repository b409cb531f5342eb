/**
 * The schema model: what the database looks like after the repository's migrations (their Up sections, in
 * version order) and then a spec's migrations, built from libpg-query's parse trees without a database.
 *
 * It knows tables (columns with their types, NOT NULL and defaults; primary keys, unique and check
 * constraints, foreign keys), indexes, views, sequences, enum and other user types, functions, triggers,
 * extensions and schemas; ALTER, RENAME and DROP are applied. Whatever it does not model makes what it could
 * affect unknown: a `DO` block or a function call that may run DDL, an extension (its types and functions),
 * `SET search_path`, a statement type it does not know, a migration that did not parse. Unknown never
 * becomes a finding: the checks (schema-check.ts) report only what the model knows for sure.
 *
 * "Closed world": a name the model has never seen is missing only when the repository's migrations are
 * the whole story — there are some, every one of them parsed, none is a Go migration — and nothing opaque
 * ran; otherwise it is unknown. Non-public schemas the migrations do not create are always unknown
 * (`auth.users` on Supabase), as are the system catalogs.
 */
import type { PgNode } from './pg.js';
import type { UpTree } from './analyze.js';
import { isBuiltinType, showType, typeRefOf, type TypeRef } from './schema-types.js';
import { makeObjectName } from './analyze.js';

export type Origin = 'repo' | 'spec';

export interface ColumnInfo {
  name: string;
  type: TypeRef | null;
  notNull: boolean;
  hasDefault: boolean;
  origin: Origin;
}

export interface CheckInfo {
  name: string;
  /** The column of a `CHECK (col IS NOT NULL)` constraint. */
  notNullOf: string | null;
  valid: boolean;
}

export type RelKind = 'table' | 'view' | 'materialized view' | 'sequence' | 'foreign table';

export interface RelationInfo {
  kind: RelKind;
  schema: string;
  name: string;
  /** Columns, when known (tables created by a modelled CREATE TABLE). */
  columns: Map<string, ColumnInfo>;
  columnsKnown: boolean;
  origin: Origin;
  /** Index of the migration that created it in the model's sequence (repository migrations first). */
  createdIn: number;
  checks: Map<string, CheckInfo>;
  /** Constraint names (any kind). */
  constraints: Set<string>;
}

export interface IndexInfo {
  schema: string;
  name: string;
  table: string;
  cols: string[];
  origin: Origin;
}

export interface TypeInfo {
  kind: 'enum' | 'domain' | 'composite' | 'range' | 'base';
  origin: Origin;
}

export type Status = 'exists' | 'missing' | 'unknown';

/** Built-in trigger functions (pg_catalog), which migrations name without creating. */
const BUILTIN_TRIGGER_FUNCTIONS = new Set([
  'suppress_redundant_updates_trigger',
  'tsvector_update_trigger',
  'tsvector_update_trigger_column',
  'ri_fkey_check_ins',
  'unique_key_recheck',
]);

/** Extensions that create no table or view in the schema they are installed in. */
const TABLELESS_EXTENSIONS = new Set([
  'pgcrypto', 'uuid-ossp', 'citext', 'pg_trgm', 'btree_gin', 'btree_gist', 'hstore', 'ltree', 'unaccent',
  'fuzzystrmatch', 'intarray', 'cube', 'earthdistance', 'isn', 'tablefunc', 'vector', 'moddatetime', 'plpgsql',
  'seg', 'lo', 'bloom', 'dict_int', 'dict_xsyn', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'pg_visibility',
  'amcheck', 'pageinspect', 'pg_freespacemap', 'pg_surgery',
]);

/** Statement types that change no schema object the model follows. */
const INERT = new Set([
  'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CommentStmt', 'GrantStmt', 'GrantRoleStmt', 'CreateRoleStmt',
  'AlterRoleStmt', 'AlterRoleSetStmt', 'DropRoleStmt', 'CreatePolicyStmt', 'AlterPolicyStmt', 'RuleStmt', 'AlterOwnerStmt',
  'AlterDefaultPrivilegesStmt', 'VacuumStmt', 'ClusterStmt', 'ReindexStmt', 'RefreshMatViewStmt', 'CreateStatsStmt',
  'AlterStatsStmt', 'LockStmt', 'TransactionStmt', 'NotifyStmt', 'TruncateStmt', 'CopyStmt', 'ExplainStmt', 'AlterSeqStmt',
  'CreateCastStmt', 'CreateOpClassStmt', 'CreateOpFamilyStmt', 'AlterOpFamilyStmt', 'AlterFunctionStmt', 'AlterDomainStmt',
  'CreatePublicationStmt', 'AlterPublicationStmt', 'CreateSubscriptionStmt', 'AlterSubscriptionStmt', 'DropSubscriptionStmt',
  'CreatedbStmt', 'DropdbStmt', 'AlterDatabaseStmt', 'AlterDatabaseSetStmt', 'AlterDatabaseRefreshCollStmt', 'AlterSystemStmt',
  'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'AlterTableSpaceOptionsStmt', 'CheckPointStmt', 'DiscardStmt', 'ListenStmt',
  'UnlistenStmt', 'SecLabelStmt', 'AlterCollationStmt', 'CreateConversionStmt', 'DeallocateStmt', 'PrepareStmt',
  'AlterOperatorStmt', 'AlterTypeStmt', 'CreateTransformStmt', 'CreateAmStmt', 'CreateEventTrigStmt', 'AlterEventTrigStmt',
  'CreatePLangStmt', 'CreateFdwStmt', 'AlterFdwStmt', 'CreateForeignServerStmt', 'AlterForeignServerStmt',
  'CreateUserMappingStmt', 'AlterUserMappingStmt', 'DropUserMappingStmt', 'DropOwnedStmt', 'ReassignOwnedStmt',
  'AlterTSDictionaryStmt', 'AlterTSConfigurationStmt', 'ConstraintsSetStmt', 'VariableShowStmt', 'AlterObjectDependsStmt',
]);

/** A finding of a check made while a spec statement is applied (see schema-check.ts for the families). */
export interface SchemaFinding {
  family: 'reference' | 'compat' | 'safety';
  message: string;
  /** Byte offset within the goose statement's text (a node's `location`), when more precise than the statement. */
  location?: number;
  key: string;
}

export interface ApplyContext {
  origin: Origin;
  /** Index of the migration in the model's sequence. */
  migration: number;
  /** Whether the migration runs outside a transaction (`-- +goose NO TRANSACTION`). */
  noTransaction: boolean;
  /** Receives the findings of a spec statement; absent for repository migrations. */
  report?: (f: SchemaFinding) => void;
}

const str = (n: PgNode | undefined): string | undefined => (n && n.String ? (n.String.sval as string) : undefined);
const names = (items: PgNode[] | undefined): string[] => (items ?? []).map((i) => str(i) ?? '').filter((s) => s !== '');
const qual = (schema: string, name: string) => `${schema}.${name}`;
export const shownName = (schema: string, name: string) => (schema === 'public' ? name : `${schema}.${name}`);

function relOf(n: PgNode | undefined): { schema: string; name: string } {
  return { schema: (n?.schemaname as string) ?? 'public', name: (n?.relname as string) ?? '?' };
}

function qualifiedList(list: string[]): { schema: string; name: string } {
  return list.length >= 2 ? { schema: list[list.length - 2], name: list[list.length - 1] } : { schema: 'public', name: list[0] ?? '?' };
}

/** Single-field column references in an expression (`col`, not `t.col` or `NEW.col`). */
function columnRefs(expr: unknown, out: Array<{ name: string; location?: number }> = []): Array<{ name: string; location?: number }> {
  const visit = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const node = n as PgNode;
      if (node.ColumnRef) {
        const f = node.ColumnRef.fields as PgNode[] | undefined;
        if (f && f.length === 1 && str(f[0])) out.push({ name: str(f[0])!, location: node.ColumnRef.location });
        return;
      }
      if (node.SubLink) return; // a sub-query has its own scope
      for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v);
    }
  };
  visit(expr);
  return out;
}

/** Function names called in an expression. */
function funcCalls(expr: unknown): string[][] {
  const out: string[][] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const node = n as PgNode;
      if (node.FuncCall) out.push(names(node.FuncCall.funcname));
      for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v);
    }
  };
  visit(expr);
  return out;
}

/** Functions whose value changes per row (a DEFAULT calling them rewrites the table on ADD COLUMN). */
const VOLATILE = new Set(['random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'gen_random_bytes', 'uuidv7', 'uuidv4', 'setseed']);

export function isVolatileDefault(expr: unknown): string | null {
  for (const f of funcCalls(expr)) {
    const last = f[f.length - 1]?.toLowerCase();
    if (last && VOLATILE.has(last)) return last;
  }
  return null;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = distance(name.toLowerCase(), c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(name.length, c.length) / 4)));
    if (dist <= limit && dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}

export class Schema {
  relations = new Map<string, RelationInfo>();
  indexes = new Map<string, IndexInfo>();
  types = new Map<string, TypeInfo>();
  functions = new Map<string, number>();
  triggers = new Set<string>();
  extensions = new Set<string>();
  schemas = new Set<string>(['public']);
  /** Relations a modelled DROP or RENAME removed (known to be gone). */
  gone = new Set<string>();
  /** The world is complete: a name never seen is missing (see the module comment). */
  closed = false;
  /** Something unmodelled may have created or removed any relation, type or function. */
  opaque = false;
  /** Types and functions may come from an extension. */
  openTypes = false;
  openFunctions = false;
  /** Tables (qualified) created by the spec's migrations, in order. */
  createdBySpec = new Set<string>();
  /** Number of migrations applied (the next migration's index). */
  migrations = 0;

  clone(): Schema {
    const s = new Schema();
    for (const [k, r] of this.relations) {
      const cols = new Map<string, ColumnInfo>();
      for (const [ck, c] of r.columns) cols.set(ck, { ...c });
      const checks = new Map<string, CheckInfo>();
      for (const [ck, c] of r.checks) checks.set(ck, { ...c });
      s.relations.set(k, { ...r, columns: cols, checks, constraints: new Set(r.constraints) });
    }
    for (const [k, i] of this.indexes) s.indexes.set(k, { ...i, cols: [...i.cols] });
    for (const [k, t] of this.types) s.types.set(k, { ...t });
    s.functions = new Map(this.functions);
    s.triggers = new Set(this.triggers);
    s.extensions = new Set(this.extensions);
    s.schemas = new Set(this.schemas);
    s.gone = new Set(this.gone);
    s.closed = this.closed;
    s.opaque = this.opaque;
    s.openTypes = this.openTypes;
    s.openFunctions = this.openFunctions;
    s.createdBySpec = new Set(this.createdBySpec);
    s.migrations = this.migrations;
    return s;
  }

  /** Whether a relation exists, is known to be missing, or is unknown. */
  relationStatus(schema: string, name: string): Status {
    const key = qual(schema, name);
    if (this.relations.has(key)) return 'exists';
    if (this.opaque) return 'unknown';
    if (schema === 'pg_catalog' || schema === 'information_schema' || schema.startsWith('pg_')) return 'unknown';
    if (this.gone.has(key)) return 'missing';
    if (!this.closed) return 'unknown';
    if (!this.schemas.has(schema)) return 'unknown';
    if (this.openRelationsIn(schema)) return 'unknown';
    return 'missing';
  }

  /** An extension that may create tables was installed (its tables are not modelled). */
  private openRelationsIn(_schema: string): boolean {
    for (const e of this.extensions) if (!TABLELESS_EXTENSIONS.has(e)) return true;
    return false;
  }

  relation(schema: string, name: string): RelationInfo | undefined {
    return this.relations.get(qual(schema, name));
  }

  /** Whether a table has a column (unknown when its columns are not known). */
  columnStatus(schema: string, table: string, column: string): Status {
    const r = this.relation(schema, table);
    if (!r) return this.relationStatus(schema, table) === 'missing' ? 'missing' : 'unknown';
    if (!r.columnsKnown || this.opaque) return 'unknown';
    if (column === 'ctid' || column === 'oid' || column === 'xmin' || column === 'xmax' || column === 'tableoid' || column === 'cmin' || column === 'cmax') return 'exists';
    return r.columns.has(column) ? 'exists' : 'missing';
  }

  typeStatus(t: TypeRef): Status {
    if (!t.schema || t.schema === 'pg_catalog') {
      if (isBuiltinType(t.name)) return 'exists';
    }
    const schema = t.schema ?? 'public';
    if (this.types.has(qual(schema, t.name)) || this.relations.has(qual(schema, t.name))) return 'exists';
    if (this.opaque || this.openTypes || !this.closed) return 'unknown';
    if (!this.schemas.has(schema)) return 'unknown';
    return 'missing';
  }

  functionStatus(list: string[]): Status {
    const r = qualifiedList(list);
    if (list.length === 1 || r.schema === 'pg_catalog') {
      if (BUILTIN_TRIGGER_FUNCTIONS.has(r.name)) return 'exists';
    }
    if ((this.functions.get(qual(r.schema, r.name)) ?? 0) > 0) return 'exists';
    if (this.opaque || this.openFunctions || !this.closed || r.schema === 'pg_catalog') return 'unknown';
    if (!this.schemas.has(r.schema)) return 'unknown';
    return 'missing';
  }

  /** Tables and views that exist (public ones by bare name), for "did you mean". */
  relationNames(schema: string): string[] {
    const out: string[] = [];
    for (const r of this.relations.values()) if (r.schema === schema) out.push(r.name);
    return out;
  }

  /** Marks everything unknown from here on (a statement the model cannot follow). */
  markOpaque(): void {
    this.opaque = true;
  }
}

/** Applies statements of one migration (Up) to the model; spec statements are checked first (`ctx.report`). */
export function applyMigration(schema: Schema, statements: readonly UpTree[], complete: boolean, ctx: Omit<ApplyContext, 'migration'>): void {
  const full: ApplyContext = { ...ctx, migration: schema.migrations };
  for (const s of statements) applyStatement(schema, s.type, s.node, full);
  if (!complete) schema.markOpaque();
  schema.migrations++;
}

export function applyStatement(schema: Schema, type: string, n: PgNode, ctx: ApplyContext): void {
  new Applier(schema, ctx).apply(type, n);
}

class Applier {
  constructor(
    private readonly s: Schema,
    private readonly ctx: ApplyContext,
  ) {}

  private report(family: SchemaFinding['family'], message: string, key: string, location?: number): void {
    this.ctx.report?.({ family, message, key, ...(typeof location === 'number' && location >= 0 ? { location } : {}) });
  }

  private get checking(): boolean {
    return this.ctx.report !== undefined;
  }

  /** An existing table in the issue's sense: created by a repository migration. */
  private existing(r: RelationInfo | undefined): boolean {
    return !!r && r.origin === 'repo' && !this.s.opaque;
  }

  /** A table that existed before the spec: created by a repository migration, or not created by the spec at all. */
  private preexisting(schema: string, name: string): boolean {
    const r = this.s.relation(schema, name);
    if (r) return r.origin === 'repo';
    return !this.s.createdBySpec.has(qual(schema, name)) && this.s.relationStatus(schema, name) !== 'missing';
  }

  private missingRelation(schema: string, name: string, what: string, location: number | undefined, keyPart: string): void {
    const near = closest(name, this.s.relationNames(schema));
    const where = this.s.gone.has(qual(schema, name)) ? 'it was dropped or renamed by an earlier statement' : 'no migration creates it';
    this.report(
      'reference',
      `${what} \`${shownName(schema, name)}\`, but there is no such table: ${where}${near ? ` — did you mean \`${shownName(schema, near)}\`?` : ''}`,
      `missing-table:${keyPart}:${qual(schema, name)}`,
      location,
    );
  }

  private missingColumn(r: RelationInfo, column: string, what: string, location: number | undefined, keyPart: string): void {
    const cols = [...r.columns.keys()];
    const near = closest(column, cols);
    this.report(
      'reference',
      `${what} column \`${column}\`, but table \`${shownName(r.schema, r.name)}\` has no such column${near ? ` — did you mean \`${near}\`?` : ` (its columns: ${cols.slice(0, 8).join(', ')}${cols.length > 8 ? ', …' : ''})`}`,
      `missing-column:${keyPart}:${qual(r.schema, r.name)}.${column}`,
      location,
    );
  }

  /** Checks that a table exists (reporting a known-missing one); returns it when modelled. */
  private needTable(rv: PgNode | undefined, what: string, keyPart: string, missingOk = false): RelationInfo | undefined {
    const { schema, name } = relOf(rv);
    const r = this.s.relation(schema, name);
    if (!r && this.checking && !missingOk && this.s.relationStatus(schema, name) === 'missing') this.missingRelation(schema, name, what, rv?.location, keyPart);
    return r;
  }

  /** Checks the columns of a known table. */
  private needColumns(r: RelationInfo | undefined, cols: Array<{ name: string; location?: number }>, what: string, keyPart: string): void {
    if (!r || !this.checking || !r.columnsKnown || this.s.opaque) return;
    for (const c of cols) if (this.s.columnStatus(r.schema, r.name, c.name) === 'missing') this.missingColumn(r, c.name, what, c.location, keyPart);
  }

  apply(type: string, n: PgNode): void {
    switch (type) {
      case 'CreateStmt':
        return this.createTable(n);
      case 'CreateForeignTableStmt':
        void this.addRelation('foreign table', relOf(n.base?.relation), false);
        return;
      case 'CreateTableAsStmt':
        void this.addRelation(n.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table', relOf(n.into?.rel), false);
        return;
      case 'ViewStmt':
        void this.addRelation('view', relOf(n.view), false, true);
        return;
      case 'CreateSeqStmt':
        void this.addRelation('sequence', relOf(n.sequence), false, n.if_not_exists === true);
        return;
      case 'IndexStmt':
        return this.createIndex(n);
      case 'AlterTableStmt':
        return this.alterTable(n);
      case 'RenameStmt':
        return this.rename(n);
      case 'DropStmt':
        return this.drop(n);
      case 'CreateEnumStmt':
        return this.addType(qualifiedList(names(n.typeName)), 'enum');
      case 'CreateRangeStmt':
        return this.addType(qualifiedList(names(n.typeName)), 'range');
      case 'CompositeTypeStmt':
        return this.addType(relOf(n.typevar), 'composite');
      case 'CreateDomainStmt':
        this.checkType(n.typeName, 'CREATE DOMAIN uses type');
        return this.addType(qualifiedList(names(n.domainname)), 'domain');
      case 'DefineStmt':
        if (n.kind === 'OBJECT_TYPE') this.addType(qualifiedList(names(n.defnames)), 'base');
        return;
      case 'AlterEnumStmt':
        return;
      case 'CreateFunctionStmt': {
        const r = qualifiedList(names(n.funcname));
        const k = qual(r.schema, r.name);
        this.s.functions.set(k, (this.s.functions.get(k) ?? 0) + 1);
        return;
      }
      case 'CreateTrigStmt': {
        this.needTable(n.relation, 'CREATE TRIGGER is on table', 'trigger', false);
        const fn = names(n.funcname);
        if (this.checking && this.s.functionStatus(fn) === 'missing') {
          this.report('reference', `CREATE TRIGGER ${n.trigname} executes function \`${fn.join('.')}()\`, but no migration creates it: create the function first (in this migration or an earlier one)`, `missing-function:${fn.join('.')}`);
        }
        const rel = relOf(n.relation);
        this.s.triggers.add(`${qual(rel.schema, rel.name)}.${n.trigname}`);
        return;
      }
      case 'CreateExtensionStmt': {
        const name = String(n.extname).toLowerCase();
        this.s.extensions.add(name);
        if (name !== 'plpgsql') {
          this.s.openTypes = true;
          this.s.openFunctions = true;
        }
        return;
      }
      case 'AlterExtensionStmt':
      case 'AlterExtensionContentsStmt':
        this.s.openTypes = true;
        this.s.openFunctions = true;
        return;
      case 'CreateSchemaStmt':
        this.s.schemas.add(n.schemaname as string);
        if ((n.schemaElts ?? []).length > 0) this.s.markOpaque(); // elements default to the new schema: not followed
        return;
      case 'AlterObjectSchemaStmt':
        return this.setSchema(n);
      case 'DoStmt': {
        const body = ((n.args ?? []) as PgNode[]).map((a) => str(a.DefElem?.arg) ?? '').join('\n');
        if (/\b(create|alter|drop|execute|rename|perform)\b/i.test(body)) this.s.markOpaque();
        return;
      }
      case 'VariableSetStmt':
        if (String(n.name ?? '').toLowerCase() === 'search_path') this.s.markOpaque();
        return;
      case 'SelectStmt': {
        // a function call may run DDL (partition managers, hypertables …); built-in calls do not
        for (const f of funcCalls(n)) {
          const fr = qualifiedList(f);
          if ((f.length > 1 && fr.schema !== 'pg_catalog') || this.s.functions.has(qual(fr.schema, fr.name))) this.s.markOpaque();
        }
        return;
      }
      case 'CallStmt':
      case 'ExecuteStmt':
      case 'ImportForeignSchemaStmt':
        this.s.markOpaque();
        return;
      default:
        if (!INERT.has(type)) this.s.markOpaque();
    }
  }

  private addRelation(kind: RelKind, r: { schema: string; name: string }, columnsKnown: boolean, replace = false): RelationInfo {
    const key = qual(r.schema, r.name);
    const existing = this.s.relations.get(key);
    if (existing && replace) return existing;
    const info: RelationInfo = {
      kind,
      schema: r.schema,
      name: r.name,
      columns: new Map(),
      columnsKnown,
      origin: this.ctx.origin,
      createdIn: this.ctx.migration,
      checks: new Map(),
      constraints: new Set(),
    };
    this.s.relations.set(key, info);
    this.s.gone.delete(key);
    if (this.ctx.origin === 'spec' && kind === 'table') this.s.createdBySpec.add(key);
    return info;
  }

  private addType(r: { schema: string; name: string }, kind: TypeInfo['kind']): void {
    this.s.types.set(qual(r.schema, r.name.toLowerCase()), { kind, origin: this.ctx.origin });
    this.s.types.set(qual(r.schema, r.name), { kind, origin: this.ctx.origin });
  }

  private checkType(t: PgNode | undefined, what: string): TypeRef | null {
    const ref = typeRefOf(t);
    if (ref && this.checking && this.s.typeStatus(ref) === 'missing') {
      const candidates = [...this.s.types.keys()].filter((k) => k.startsWith(`${ref.schema ?? 'public'}.`)).map((k) => k.slice(k.indexOf('.') + 1));
      const near = closest(ref.name, candidates);
      this.report('reference', `${what} \`${ref.schema ? `${ref.schema}.` : ''}${ref.name}\`, but no such type exists: no migration creates it and it is not a PostgreSQL type${near ? ` — did you mean \`${near}\`?` : ''}`, `missing-type:${ref.name}`, t?.location);
    }
    return ref;
  }

  private createTable(n: PgNode): void {
    const r = relOf(n.relation);
    const key = qual(r.schema, r.name);
    const before = this.s.relations.get(key);
    if (before) {
      if (n.if_not_exists) return;
      if (this.checking && !this.s.opaque) {
        this.report('reference', `CREATE TABLE \`${shownName(r.schema, r.name)}\`, but that ${before.kind} already exists (${before.origin === 'repo' ? 'created by an existing migration' : 'created earlier in this spec'}): use another name, or ALTER TABLE the existing one`, `exists-table:${key}`, n.relation?.location);
      }
    }
    const t = this.addRelation('table', r, true);
    for (const inh of (n.inhRelations ?? []) as PgNode[]) {
      const parent = this.needTable(inh.RangeVar, n.partbound ? 'PARTITION OF' : 'INHERITS', 'inherits');
      if (parent && parent.columnsKnown) for (const [k, c] of parent.columns) t.columns.set(k, { ...c, origin: this.ctx.origin });
      else t.columnsKnown = false;
    }
    if (n.ofTypename) t.columnsKnown = false;
    const elts = (n.tableElts ?? []) as PgNode[];
    for (const e of elts) {
      if (e.ColumnDef) this.addColumnDef(t, e.ColumnDef, false);
      else if (e.TableLikeClause) {
        const src = this.needTable(e.TableLikeClause.relation, 'LIKE', 'like');
        if (src && src.columnsKnown) for (const [k, c] of src.columns) t.columns.set(k, { ...c, origin: this.ctx.origin });
        else t.columnsKnown = false;
      }
    }
    for (const e of elts) if (e.Constraint) this.addConstraint(t, e.Constraint, null, false);
    for (const e of elts) if (e.ColumnDef) for (const c of (e.ColumnDef.constraints ?? []) as PgNode[]) if (c.Constraint) this.addConstraint(t, c.Constraint, e.ColumnDef.colname, false);
  }

  private addColumnDef(t: RelationInfo, col: PgNode, adding: boolean): ColumnInfo {
    const type = this.checkType(col.typeName, `column ${col.colname} has type`);
    let notNull = false;
    let hasDefault = false;
    let defaultExpr: unknown = undefined;
    for (const c of (col.constraints ?? []) as PgNode[]) {
      const k = c.Constraint as PgNode | undefined;
      if (!k) continue;
      if (k.contype === 'CONSTR_NOTNULL' || k.contype === 'CONSTR_PRIMARY') notNull = true;
      if (k.contype === 'CONSTR_DEFAULT') {
        hasDefault = true;
        defaultExpr = k.raw_expr;
      }
      if (k.contype === 'CONSTR_IDENTITY' || k.contype === 'CONSTR_GENERATED') hasDefault = true;
    }
    if (type && /^(small|big)?serial[248]?$/.test(type.name)) {
      hasDefault = true;
      notNull = true;
    }
    const info: ColumnInfo = { name: col.colname as string, type, notNull, hasDefault, origin: this.ctx.origin };
    if (adding && this.checking) this.checkAddColumn(t, info, defaultExpr, col);
    t.columns.set(info.name, info);
    return info;
  }

  private checkAddColumn(t: RelationInfo, c: ColumnInfo, defaultExpr: unknown, col: PgNode): void {
    const shown = shownName(t.schema, t.name);
    if (c.notNull && !c.hasDefault && t.origin === 'repo') {
      this.report('compat', `adds NOT NULL column ${c.name} without a default to the existing table ${shown} (old code's INSERTs that do not set it fail)`, `compat:add-not-null:${t.name}.${c.name}`, col.location);
    }
    if (!this.existing(t)) return;
    if (c.notNull && !c.hasDefault) {
      this.report('safety', `ADD COLUMN ${c.name} … NOT NULL without a DEFAULT on the existing table ${shown} fails as soon as the table has rows: add it nullable (or with a constant DEFAULT), backfill, then SET NOT NULL in a later migration`, `safety:add-not-null:${t.name}.${c.name}`, col.location);
    }
    const volatile = isVolatileDefault(defaultExpr);
    if (volatile) {
      this.report('safety', `ADD COLUMN ${c.name} with the volatile DEFAULT ${volatile}() rewrites the whole existing table ${shown} under an ACCESS EXCLUSIVE lock: add the column without a default, SET DEFAULT in a second statement, and backfill existing rows in batches`, `safety:volatile-default:${t.name}.${c.name}`, col.location);
    }
  }

  private constraintName(t: RelationInfo, c: PgNode, cols: string[]): string {
    if (c.conname) return c.conname as string;
    switch (c.contype) {
      case 'CONSTR_PRIMARY':
        return makeObjectName(t.name, null, 'pkey');
      case 'CONSTR_UNIQUE':
        return makeObjectName(t.name, cols.join('_'), 'key');
      case 'CONSTR_FOREIGN':
        return makeObjectName(t.name, cols.join('_'), 'fkey');
      case 'CONSTR_CHECK':
        return makeObjectName(t.name, cols.length === 1 ? cols[0] : null, 'check');
      case 'CONSTR_EXCLUSION':
        return makeObjectName(t.name, cols.join('_'), 'excl');
      default:
        return '';
    }
  }

  /** A table or column constraint. `column` is set for a column constraint; `altering` for ALTER TABLE ADD. */
  private addConstraint(t: RelationInfo, c: PgNode, column: string | null, altering: boolean): void {
    const shown = shownName(t.schema, t.name);
    switch (c.contype) {
      case 'CONSTR_PRIMARY':
      case 'CONSTR_UNIQUE': {
        const keys = column ? [column] : names(c.keys);
        if (!column && !c.indexname) this.needColumns(t, keys.map((k) => ({ name: k, location: c.location })), c.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY names' : 'UNIQUE names', 'key');
        const name = this.constraintName(t, c, keys);
        t.constraints.add(name);
        if (c.contype === 'CONSTR_PRIMARY') for (const k of keys) { const col = t.columns.get(k); if (col) col.notNull = true; }
        const idx = (c.indexname as string | undefined) ?? name;
        this.s.indexes.set(qual(t.schema, idx), { schema: t.schema, name: idx, table: qual(t.schema, t.name), cols: keys, origin: this.ctx.origin });
        return;
      }
      case 'CONSTR_FOREIGN': {
        const fkCols = column ? [column] : names(c.fk_attrs);
        if (!column) this.needColumns(t, fkCols.map((k) => ({ name: k, location: c.location })), 'FOREIGN KEY names', 'fk');
        this.checkReferences(c);
        t.constraints.add(this.constraintName(t, c, fkCols));
        if (altering && this.checking && this.existing(t) && !c.skip_validation) {
          this.report(
            'safety',
            `adding a FOREIGN KEY to the existing table ${shown} without NOT VALID scans the table while holding a lock that blocks writes on it and on the referenced table: add the constraint with NOT VALID, then VALIDATE CONSTRAINT in a later migration`,
            `safety:fk:${t.name}:${fkCols.join(',')}`,
            c.location,
          );
        }
        return;
      }
      case 'CONSTR_CHECK': {
        const refs = columnRefs(c.raw_expr);
        const cols = column ? [column] : [...new Set(refs.map((r) => r.name))];
        const name = this.constraintName(t, c, cols);
        let notNullOf: string | null = null;
        const e = c.raw_expr?.NullTest as PgNode | undefined;
        if (e && e.nulltesttype === 'IS_NOT_NULL') {
          const f = e.arg?.ColumnRef?.fields as PgNode[] | undefined;
          if (f && f.length === 1) notNullOf = str(f[0]) ?? null;
        }
        t.checks.set(name, { name, notNullOf, valid: !c.skip_validation });
        t.constraints.add(name);
        return;
      }
      case 'CONSTR_EXCLUSION':
        t.constraints.add(this.constraintName(t, c, []));
        return;
      default:
        return;
    }
  }

  /** REFERENCES t(cols): the table and its columns exist. */
  private checkReferences(c: PgNode): void {
    if (!this.checking) return;
    const { schema, name } = relOf(c.pktable);
    const cols = names(c.pk_attrs);
    const shownRef = `REFERENCES ${shownName(schema, name)}${cols.length ? `(${cols.join(', ')})` : ''}`;
    const r = this.s.relation(schema, name);
    if (!r) {
      if (this.s.relationStatus(schema, name) === 'missing') this.missingRelation(schema, name, `${shownRef} names table`, c.pktable?.location, 'fk');
      return;
    }
    this.needColumns(r, cols.map((k) => ({ name: k, location: c.pktable?.location })), `${shownRef} names`, 'fk');
  }

  private createIndex(n: PgNode): void {
    const r = relOf(n.relation);
    const shown = shownName(r.schema, r.name);
    const t = this.needTable(n.relation, 'CREATE INDEX is on table', 'index');
    const cols: Array<{ name: string; location?: number }> = [];
    const nameCols: string[] = [];
    for (const p of [...((n.indexParams ?? []) as PgNode[]), ...((n.indexIncludingParams ?? []) as PgNode[])]) {
      const e = p.IndexElem as PgNode;
      if (!e) continue;
      if (e.name) {
        cols.push({ name: e.name, location: n.relation?.location });
        nameCols.push(e.name);
      } else {
        cols.push(...columnRefs(e.expr));
        nameCols.push('expr');
      }
    }
    if (t && t.kind === 'table') this.needColumns(t, cols, `CREATE INDEX on ${shown} names`, 'index');
    if (this.checking && !n.concurrent && this.existing(t) && t!.kind === 'table') {
      this.report(
        'safety',
        `CREATE INDEX on the existing table ${shown} without CONCURRENTLY blocks every write to it while the index builds: use CREATE INDEX CONCURRENTLY, in a migration of its own marked \`-- +goose NO TRANSACTION\``,
        `safety:index:${n.idxname ?? r.name}`,
      );
    }
    const name = (n.idxname as string | undefined) ?? makeObjectName(r.name, nameCols.join('_'), n.unique ? 'key' : 'idx');
    const key = qual(r.schema, name);
    if (this.s.indexes.has(key) && n.if_not_exists) return;
    this.s.indexes.set(key, { schema: r.schema, name, table: qual(r.schema, r.name), cols: cols.map((c) => c.name), origin: this.ctx.origin });
  }

  private alterTable(n: PgNode): void {
    if (n.objtype && n.objtype !== 'OBJECT_TABLE') {
      // ALTER INDEX / VIEW / SEQUENCE …: nothing the model follows, except partitions below
      return;
    }
    const r = relOf(n.relation);
    const shown = shownName(r.schema, r.name);
    const t = this.needTable(n.relation, 'ALTER TABLE names table', 'alter', n.missing_ok === true);
    for (const item of (n.cmds ?? []) as PgNode[]) {
      const cmd = item.AlterTableCmd as PgNode | undefined;
      if (!cmd) continue;
      const col = typeof cmd.name === 'string' ? (cmd.name as string) : null;
      const colMissing = () => !!t && !!col && this.checking && this.s.columnStatus(r.schema, r.name, col) === 'missing' && !cmd.missing_ok;
      const reportMissing = (what: string) => {
        if (colMissing()) this.missingColumn(t!, col!, what, n.relation?.location, 'alter');
      };
      const column = col && t ? t.columns.get(col) : undefined;
      const preexistingColumn = () => this.preexisting(r.schema, r.name) && (!column || column.origin === 'repo');
      switch (cmd.subtype) {
        case 'AT_AddColumn': {
          const def = cmd.def?.ColumnDef as PgNode | undefined;
          if (!def) break;
          if (t && t.columnsKnown && t.columns.has(def.colname) && !cmd.missing_ok && this.checking && !this.s.opaque) {
            this.report('reference', `ALTER TABLE ${shown} ADD COLUMN ${def.colname}, but the table already has a column ${def.colname}: use another name, or ADD COLUMN IF NOT EXISTS`, `exists-column:${r.name}.${def.colname}`, def.location);
          }
          if (t) {
            this.addColumnDef(t, def, true);
            for (const c of (def.constraints ?? []) as PgNode[]) if (c.Constraint) this.addConstraint(t, c.Constraint, def.colname, true);
          } else {
            this.checkType(def.typeName, `column ${def.colname} has type`);
            for (const c of (def.constraints ?? []) as PgNode[]) if (c.Constraint?.contype === 'CONSTR_FOREIGN') this.checkReferences(c.Constraint);
            if (this.checking && this.preexisting(r.schema, r.name)) {
              const notNull = (def.constraints ?? []).some((c: PgNode) => c.Constraint?.contype === 'CONSTR_NOTNULL' || c.Constraint?.contype === 'CONSTR_PRIMARY');
              const hasDefault = (def.constraints ?? []).some((c: PgNode) => ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'].includes(c.Constraint?.contype));
              const serial = /serial/i.test(typeRefOf(def.typeName)?.name ?? '');
              if (notNull && !hasDefault && !serial && this.s.relationStatus(r.schema, r.name) !== 'missing') {
                this.report('compat', `adds NOT NULL column ${def.colname} without a default to the existing table ${shown} (old code's INSERTs that do not set it fail)`, `compat:add-not-null:${r.name}.${def.colname}`, def.location);
              }
            }
          }
          break;
        }
        case 'AT_DropColumn':
          reportMissing('ALTER TABLE … DROP COLUMN names');
          if (this.checking && col && preexistingColumn() && this.s.relationStatus(r.schema, r.name) !== 'missing' && !colMissing()) {
            this.report('compat', `drops column ${col} of ${shown} (old code that reads or writes it fails)`, `compat:drop-column:${r.name}.${col}`, n.relation?.location);
          }
          if (t && col) {
            t.columns.delete(col);
            for (const [k, i] of this.s.indexes) if (i.table === qual(r.schema, r.name) && i.cols.includes(col)) this.s.indexes.delete(k);
          }
          break;
        case 'AT_AlterColumnType': {
          reportMissing('ALTER TABLE … ALTER COLUMN … TYPE names');
          const to = this.checkType(cmd.def?.ColumnDef?.typeName, `ALTER COLUMN ${col} TYPE uses type`);
          const from = column?.type ?? null;
          // (an unknown previous type: only a change to text or an unconstrained varchar may be metadata-only)
          const cheap = !!to && (from ? isMetadataOnlyTypeChange(from, to) : to.base === 'text' || (to.base === 'varchar' && to.mods.length === 0) ? !column : false);
          if (this.checking && col && !cheap && !colMissing()) {
            if (preexistingColumn() && this.s.relationStatus(r.schema, r.name) !== 'missing') {
              this.report('compat', `changes the type of column ${col} of ${shown}${to ? ` to ${showType(to)}` : ''} (old code reading or writing the old type may fail)`, `compat:alter-type:${r.name}.${col}`, n.relation?.location);
            }
            if (this.existing(t)) {
              this.report(
                'safety',
                `ALTER COLUMN ${col} TYPE on the existing table ${shown} rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock: add a new column of the new type, backfill it in batches, switch the code to it, then drop the old column`,
                `safety:alter-type:${r.name}.${col}`,
                n.relation?.location,
              );
            }
          }
          if (column) column.type = to;
          break;
        }
        case 'AT_SetNotNull':
          reportMissing('ALTER TABLE … SET NOT NULL names');
          if (this.checking && col && this.existing(t) && !colMissing()) {
            const hasCheck = [...t!.checks.values()].some((c) => c.notNullOf === col && c.valid);
            if (!hasCheck && !column?.notNull) {
              this.report(
                'safety',
                `SET NOT NULL on ${col} of the existing table ${shown} scans the whole table under an ACCESS EXCLUSIVE lock: first ADD CONSTRAINT … CHECK (${col} IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check`,
                `safety:set-not-null:${r.name}.${col}`,
                n.relation?.location,
              );
            }
          }
          if (column) column.notNull = true;
          break;
        case 'AT_DropNotNull':
          reportMissing('ALTER TABLE … DROP NOT NULL names');
          if (column) column.notNull = false;
          break;
        case 'AT_ColumnDefault':
          reportMissing('ALTER TABLE … ALTER COLUMN … DEFAULT names');
          if (column) column.hasDefault = !!cmd.def;
          break;
        case 'AT_SetStatistics':
        case 'AT_SetStorage':
        case 'AT_SetCompression':
        case 'AT_SetOptions':
        case 'AT_ResetOptions':
        case 'AT_AddIdentity':
        case 'AT_SetIdentity':
        case 'AT_DropIdentity':
        case 'AT_DropExpression':
          reportMissing('ALTER TABLE … ALTER COLUMN names');
          if (column && cmd.subtype === 'AT_AddIdentity') column.hasDefault = true;
          break;
        case 'AT_AddConstraint':
          if (t && cmd.def?.Constraint) this.addConstraint(t, cmd.def.Constraint, null, true);
          else if (cmd.def?.Constraint?.contype === 'CONSTR_FOREIGN') this.checkReferences(cmd.def.Constraint);
          break;
        case 'AT_ValidateConstraint':
          if (t && col) {
            const c = t.checks.get(col);
            if (c) c.valid = true;
          }
          break;
        case 'AT_DropConstraint':
          if (t && col) {
            t.checks.delete(col);
            t.constraints.delete(col);
          }
          break;
        default:
          break;
      }
    }
  }

  private rename(n: PgNode): void {
    const newName = n.newname as string;
    switch (n.renameType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
      case 'OBJECT_SEQUENCE':
      case 'OBJECT_FOREIGN_TABLE': {
        const r = relOf(n.relation);
        const shown = shownName(r.schema, r.name);
        const t = this.needTable(n.relation, 'RENAME names table', 'rename', n.missing_ok === true);
        if (this.checking && n.renameType === 'OBJECT_TABLE' && this.preexisting(r.schema, r.name) && this.s.relationStatus(r.schema, r.name) !== 'missing') {
          this.report('compat', `renames table ${shown} to ${newName} (old code still uses the old name)`, `compat:rename-table:${r.name}`, n.relation?.location);
          if (this.existing(t)) {
            this.report('safety', `renaming the existing table ${shown} breaks the running code that still uses the old name: create the new table (or a view named ${newName}), move the code over, and drop the old name in a later migration`, `safety:rename-table:${r.name}`, n.relation?.location);
          }
        }
        if (t) {
          const from = qual(r.schema, r.name);
          const to = qual(r.schema, newName);
          this.s.relations.delete(from);
          this.s.gone.add(from);
          this.s.gone.delete(to);
          t.name = newName;
          this.s.relations.set(to, t);
          for (const i of this.s.indexes.values()) if (i.table === from) i.table = to;
          if (this.s.createdBySpec.delete(from)) this.s.createdBySpec.add(to);
        }
        return;
      }
      case 'OBJECT_COLUMN': {
        const r = relOf(n.relation);
        const shown = shownName(r.schema, r.name);
        const t = this.needTable(n.relation, 'RENAME COLUMN names table', 'rename', n.missing_ok === true);
        const col = n.subname as string;
        if (t && this.checking && this.s.columnStatus(r.schema, r.name, col) === 'missing') this.missingColumn(t, col, 'RENAME COLUMN names', n.relation?.location, 'rename');
        const column = t?.columns.get(col);
        if (this.checking && this.preexisting(r.schema, r.name) && (!column || column.origin === 'repo') && this.s.relationStatus(r.schema, r.name) !== 'missing' && !(t && this.s.columnStatus(r.schema, r.name, col) === 'missing')) {
          this.report('compat', `renames column ${col} of ${shown} to ${newName} (old code still reads ${col})`, `compat:rename-column:${r.name}.${col}`, n.relation?.location);
          if (this.existing(t)) {
            this.report('safety', `renaming column ${col} of the existing table ${shown} breaks the running code that reads it: add ${newName}, write both columns, backfill, move the reads, then drop ${col} in a later migration`, `safety:rename-column:${r.name}.${col}`, n.relation?.location);
          }
        }
        if (t && column) {
          t.columns.delete(col);
          column.name = newName;
          t.columns.set(newName, column);
          for (const i of this.s.indexes.values()) if (i.table === qual(r.schema, r.name)) i.cols = i.cols.map((c) => (c === col ? newName : c));
        }
        return;
      }
      case 'OBJECT_INDEX': {
        const r = relOf(n.relation);
        const i = this.s.indexes.get(qual(r.schema, r.name));
        if (i) {
          this.s.indexes.delete(qual(r.schema, r.name));
          i.name = newName;
          this.s.indexes.set(qual(r.schema, newName), i);
        }
        return;
      }
      case 'OBJECT_TABCONSTRAINT': {
        const r = relOf(n.relation);
        const t = this.s.relation(r.schema, r.name);
        if (t) {
          t.constraints.delete(n.subname);
          t.constraints.add(newName);
          const c = t.checks.get(n.subname);
          if (c) {
            t.checks.delete(n.subname);
            t.checks.set(newName, { ...c, name: newName });
          }
        }
        return;
      }
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN': {
        const list = names(n.object?.List?.items ?? n.object?.TypeName?.names);
        const r = qualifiedList(list);
        const t = this.s.types.get(qual(r.schema, r.name));
        if (t) {
          this.s.types.delete(qual(r.schema, r.name));
          this.s.types.set(qual(r.schema, newName), t);
        }
        return;
      }
      case 'OBJECT_SCHEMA':
        this.s.markOpaque();
        return;
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
      case 'OBJECT_ROUTINE':
        this.s.openFunctions = true;
        return;
      default:
        return;
    }
  }

  private setSchema(n: PgNode): void {
    if (n.objectType === 'OBJECT_TABLE' && n.relation) {
      const r = relOf(n.relation);
      const t = this.s.relation(r.schema, r.name);
      if (t) {
        this.s.relations.delete(qual(r.schema, r.name));
        this.s.gone.add(qual(r.schema, r.name));
        t.schema = n.newschema as string;
        this.s.relations.set(qual(t.schema, t.name), t);
      }
      return;
    }
    this.s.openTypes = true;
    this.s.openFunctions = true;
  }

  private drop(n: PgNode): void {
    const missingOk = n.missing_ok === true;
    for (const obj of (n.objects ?? []) as PgNode[]) {
      switch (n.removeType) {
        case 'OBJECT_TABLE':
        case 'OBJECT_VIEW':
        case 'OBJECT_MATVIEW':
        case 'OBJECT_SEQUENCE':
        case 'OBJECT_FOREIGN_TABLE': {
          const r = qualifiedList(names(obj.List?.items));
          const key = qual(r.schema, r.name);
          const status = this.s.relationStatus(r.schema, r.name);
          if (this.checking && status === 'missing' && !missingOk) {
            this.missingRelation(r.schema, r.name, 'DROP names', undefined, 'drop');
          }
          if (this.checking && n.removeType === 'OBJECT_TABLE' && this.preexisting(r.schema, r.name) && status !== 'missing') {
            this.report('compat', `drops table ${shownName(r.schema, r.name)} (old code that uses it fails)`, `compat:drop-table:${r.name}`);
          }
          if (this.s.relations.delete(key)) {
            this.s.gone.add(key);
            for (const [k, i] of this.s.indexes) if (i.table === key) this.s.indexes.delete(k);
            for (const tr of [...this.s.triggers]) if (tr.startsWith(key + '.')) this.s.triggers.delete(tr);
            this.s.createdBySpec.delete(key);
          }
          break;
        }
        case 'OBJECT_INDEX': {
          const r = qualifiedList(names(obj.List?.items));
          this.s.indexes.delete(qual(r.schema, r.name));
          break;
        }
        case 'OBJECT_TYPE':
        case 'OBJECT_DOMAIN': {
          const r = qualifiedList(names(obj.TypeName?.names));
          this.s.types.delete(qual(r.schema, r.name));
          if (n.behavior === 'DROP_CASCADE') this.s.markOpaque(); // columns of that type go too
          break;
        }
        case 'OBJECT_FUNCTION':
        case 'OBJECT_PROCEDURE':
        case 'OBJECT_ROUTINE': {
          const r = qualifiedList(names(obj.ObjectWithArgs?.objname));
          const k = qual(r.schema, r.name);
          const count = this.s.functions.get(k) ?? 0;
          if (count > 1) this.s.functions.set(k, count - 1);
          else this.s.functions.delete(k);
          break;
        }
        case 'OBJECT_TRIGGER': {
          const items = names(obj.List?.items);
          const t = qualifiedList(items.slice(0, -1));
          this.s.triggers.delete(`${qual(t.schema, t.name)}.${items[items.length - 1]}`);
          break;
        }
        case 'OBJECT_SCHEMA': {
          const name = str(obj);
          if (name) {
            this.s.schemas.delete(name);
            for (const [k, r] of this.s.relations) if (r.schema === name) this.s.relations.delete(k);
          }
          break;
        }
        case 'OBJECT_EXTENSION': {
          const name = str(obj);
          if (name) this.s.extensions.delete(name.toLowerCase());
          break;
        }
        default:
          break;
      }
    }
  }
}

/** `varchar(n)` → a longer varchar or text, `numeric(p,s)` → unconstrained numeric: no rewrite. */
function isMetadataOnlyTypeChange(from: TypeRef, to: TypeRef): boolean {
  if (from.array !== to.array) return false;
  if (from.base === to.base && (to.mods.length === 0 || (from.mods.length > 0 && to.mods[0] >= from.mods[0] && (from.base === 'varchar' || from.base === 'varbit')))) return true;
  if ((from.base === 'varchar' || from.base === 'text') && to.base === 'text') return true;
  if (from.base === 'varchar' && to.base === 'varchar' && to.mods.length === 0) return true;
  return false;
}
