/**
 * `--exec`: run migrations for real in an embedded PostgreSQL (PGlite, WASM, no server, works offline).
 *
 * One instance per run. It starts from a cached initialised data directory (the first run pays initdb and
 * stores the result; later runs load it), applies the repository's existing migrations once (the baseline),
 * then checks each spec in turn:
 *
 *   stub missing FK targets → snapshot → for each migration: Up → snapshot
 *   → for each migration, newest first: Down → compare with the snapshot before its Up → Up again
 *
 * Isolation between specs: a spec whose migrations all run in transactions runs inside one outer transaction
 * (each migration in a savepoint, the way goose wraps each migration in a transaction) and is rolled back.
 * A spec with a `NO TRANSACTION` migration cannot run inside a transaction: it runs the way goose runs it, and
 * the database is then put back with the spec's own Downs — or, when that does not restore the baseline
 * catalog, by reopening the instance from the cached data directory and applying the baseline again.
 *
 * Every SQL error becomes a finding at the line of the statement that failed (within the migration's SQL).
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseGooseMigration, statementPosition, type GooseParseResult, type GooseStatement } from './goose-parser.js';
import type { ParsedStatement } from './analyze.js';
import type { PgNode } from './pg.js';
import { importExternal } from '../import-external.js';

export interface ExistingMigration {
  /** Repository-relative path. */
  path: string;
  sql: string;
}

export interface SpecMigrationInput {
  /** The migration's path (for ordering by version), or null. */
  path: string | null;
  sql: string;
  /** Its goose parse (computed when absent). */
  parsed?: GooseParseResult;
  /** Its parsed Up statements (for stubbing foreign-key targets); optional. */
  upStatements?: ParsedStatement[];
}

export interface ExecFinding {
  /** Index of the migration in the input array. */
  migration: number;
  /** 1-based line and column within that migration's SQL. */
  line: number;
  column: number;
  message: string;
  key: string;
}

export interface RunSpecOptions {
  /**
   * Whether a foreign-key target that neither the database nor the spec creates may get a stand-in table
   * (the schema model's answer: only a table it marks unknown). Without it, every such target is stubbed.
   * A target refused here is left missing, and the statement that references it fails as it would in goose.
   */
  mayStub?: (schema: string, table: string) => boolean;
}

export interface BaselineProblem {
  path: string;
  message: string;
}

export interface MigrationExecutor {
  /** Existing migrations that could not be applied (reported once by the caller). */
  readonly baselineProblems: readonly BaselineProblem[];
  /** Runs one spec's migrations; calls are serialised. */
  runSpec(migrations: SpecMigrationInput[], options?: RunSpecOptions): Promise<ExecFinding[]>;
  close(): Promise<void>;
}

export interface ExecutorOptions {
  existing: ExistingMigration[];
  /** Extension names used by the migrations (CREATE EXTENSION …); the ones PGlite ships are loaded. */
  extensions?: string[];
  /** Where the initialised data directory is cached (default: `<tmp>/spec-cache-<uid>`, see defaultCacheDir). */
  cacheDir?: string;
  /** Called before each statement runs (the bounded executor's watchdog, exec-bounded.ts). */
  onStatement?: (at: StatementProgress) => void;
}

/** What the executor is about to run: a migration's statement, or its own bookkeeping (`internal`). */
export interface StatementProgress {
  phase: 'baseline' | 'up' | 'down' | 'internal';
  /** Index of the migration in the spec's input (null for the baseline and internal work). */
  migration: number | null;
  /** The existing migration's path, for the baseline. */
  path: string | null;
  /** 1-based line and column of the statement within its migration's SQL (0 for internal work). */
  line: number;
  column: number;
}

// Minimal structural types for the parts of PGlite used here (the module is imported lazily).
interface Db {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob>;
  close(): Promise<void>;
}
type PgliteCtor = { create(options: Record<string, unknown>): Promise<Db> };

/** Extensions PGlite ships as contrib modules (`CREATE EXTENSION` name → module export name). */
const CONTRIB = new Set([
  'amcheck', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn', 'earthdistance',
  'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime', 'pageinspect', 'pg_buffercache',
  'pg_freespacemap', 'pg_stat_statements', 'pg_surgery', 'pg_trgm', 'pg_visibility', 'pg_walinspect', 'pgcrypto',
  'seg', 'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid_ossp',
]);

/** `CREATE EXTENSION` names in SQL text (a cheap scan; the parse tree is not needed). */
export function extensionsIn(sql: string): string[] {
  const out = new Set<string>();
  const re = /create\s+extension\s+(?:if\s+not\s+exists\s+)?("([^"]+)"|[A-Za-z_][\w-]*)/gi;
  for (let m = re.exec(sql); m; m = re.exec(sql)) out.add((m[2] ?? m[1]).toLowerCase());
  return [...out];
}

function pgliteVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@electric-sql/pglite');
    let dir = dirname(entry);
    for (let i = 0; i < 4; i++) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg)) {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
        if (json.name === '@electric-sql/pglite') return json.version ?? 'unknown';
      }
      dir = dirname(dir);
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

/**
 * The default cache directory for the initialised data directory: one per user under the temporary
 * directory (`spec-cache-<uid>`), used only when it is this user's and no one else can write to it (see
 * usableCacheDir): a data directory someone else planted would be loaded as this run's database.
 */
export function defaultCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  return join(tmpdir(), uid === null ? 'spec-cache' : `spec-cache-${uid}`);
}

/**
 * Creates the directory (owner-only) and checks it as the code cache does (src/code/compile-cache.ts): a real
 * directory, not a symbolic link, owned by this user, not writable by group or others.
 */
export function usableCacheDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return true;
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    return st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** A cached data directory that may be loaded: a regular file (not a link), this user's, writable only by them. */
export function trustedCacheFile(file: string): boolean {
  try {
    const st = lstatSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    return st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

async function openDatabase(extensions: string[], cacheDir: string): Promise<Db> {
  const { PGlite } = (await importExternal('@electric-sql/pglite')) as { PGlite: PgliteCtor };
  const exts: Record<string, unknown> = {};
  for (const name of extensions) {
    const mod = name.replace(/-/g, '_');
    if (!CONTRIB.has(mod)) continue;
    try {
      const m = (await importExternal(`@electric-sql/pglite/contrib/${mod}`)) as Record<string, unknown>;
      if (m[mod]) exts[mod] = m[mod];
    } catch {
      // not shipped by this PGlite version: CREATE EXTENSION will fail and be reported
    }
  }
  const cacheFile = join(cacheDir, `pglite-${pgliteVersion()}-initdb.tar.gz`);
  const usable = usableCacheDir(cacheDir);
  if (usable && trustedCacheFile(cacheFile)) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(cacheFile)]), extensions: exts });
    } catch {
      // a damaged cache: initialise again and overwrite it
    }
  }
  const db = await PGlite.create({ extensions: exts });
  if (!usable) return db; // not this user's own directory: neither read nor written
  try {
    const dump = await db.dumpDataDir('gzip');
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()), { mode: 0o600, flag: 'wx' });
    renameSync(tmp, cacheFile);
  } catch {
    // caching is an optimisation: a read-only temp dir only costs the next run an initdb
  }
  return db;
}

/** Orders migrations by the numeric version at the start of their file name (stable for the rest). */
function byVersion<T extends { path: string | null }>(items: T[]): Array<{ item: T; index: number }> {
  const version = (p: string | null) => {
    const m = p ? /(?:^|\/)(\d+)_[^/]*$/.exec(p) : null;
    return m ? BigInt(m[1]) : null;
  };
  return items
    .map((item, index) => ({ item, index, v: version(item.path) }))
    .sort((a, b) => (a.v !== null && b.v !== null ? (a.v < b.v ? -1 : a.v > b.v ? 1 : a.index - b.index) : a.index - b.index))
    .map(({ item, index }) => ({ item, index }));
}

interface PgError {
  message: string;
  position: number | null;
}

function pgError(err: unknown): PgError {
  const e = err as { message?: string; position?: string | number };
  const pos = e.position !== undefined && e.position !== null && e.position !== '' ? Number(e.position) : NaN;
  return { message: e.message ?? String(err), position: Number.isFinite(pos) && pos > 0 ? pos - 1 : null };
}

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/** One query that lists the user-visible schema as comparable strings. */
const CATALOG_SQL = `
SELECT 'schema ' || n.nspname AS o FROM pg_namespace n WHERE ${USER_NS}
UNION ALL
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
  WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'c' THEN 'type' WHEN 'f' THEN 'foreign table'
  ELSE 'relation' END || ' ' || n.nspname || '.' || c.relname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS} AND c.relkind <> 't'
UNION ALL
SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
  || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE ${USER_NS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || co.conname || ' ' || pg_get_constraintdef(co.oid)
  FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS}
UNION ALL
SELECT 'index definition ' || n.nspname || '.' || ic.relname || ' ' || pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE ${USER_NS}
UNION ALL
SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type'
  ELSE 'type' END || ' ' || n.nspname || '.' || t.typname
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE ${USER_NS} AND t.typtype IN ('e', 'd', 'r', 'm', 'b') AND t.typcategory <> 'A'
UNION ALL
SELECT 'enum value ' || n.nspname || '.' || t.typname || ' ' || e.enumlabel
  FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${USER_NS}
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END || ' ' || n.nspname || '.'
  || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS}
UNION ALL
SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || tg.tgname
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NS} AND NOT tg.tgisinternal
UNION ALL
SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
UNION ALL
SELECT 'policy ' || schemaname || '.' || tablename || '.' || policyname FROM pg_policies
UNION ALL
SELECT 'row level security on ' || n.nspname || '.' || c.relname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS} AND c.relrowsecurity
`;

async function snapshot(db: Db): Promise<Set<string>> {
  const { rows } = await db.query<{ o: string }>(CATALOG_SQL);
  return new Set(rows.map((r) => r.o));
}

function describeDiff(before: Set<string>, after: Set<string>): string | null {
  const left = [...after].filter((o) => !before.has(o)).sort();
  const lost = [...before].filter((o) => !after.has(o)).sort();
  if (left.length === 0 && lost.length === 0) return null;
  const show = (xs: string[]) => xs.slice(0, 4).join('; ') + (xs.length > 4 ? `; … ${xs.length - 4} more` : '');
  const parts: string[] = [];
  if (left.length) parts.push(`still present: ${show(left)}`);
  if (lost.length) parts.push(`missing: ${show(lost)}`);
  return parts.join(' — ');
}

// ---------------------------------------------------------------------------------------------------------
// Foreign-key targets that nothing creates: stubbed so that a spec can be executed on its own.

interface FkTarget {
  schema: string;
  table: string;
  columns: Array<{ name: string; type: string }>;
}

function sqlIdent(s: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

/** SQL for a TypeName node (serial types become their integer type). */
function typeSql(t: PgNode | undefined): string | null {
  if (!t) return null;
  const names = (t.names ?? []).map((n: PgNode) => n.String?.sval as string).filter(Boolean) as string[];
  if (names.length === 0) return null;
  const last = names[names.length - 1].toLowerCase();
  const serial: Record<string, string> = { serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint' };
  if (names.length === 1 && serial[last]) return serial[last];
  let out = names.map(sqlIdent).join('.');
  const mods = (t.typmods ?? []).map((m: PgNode) => m.A_Const?.ival?.ival).filter((v: unknown) => typeof v === 'number');
  if (mods.length) out += `(${mods.join(', ')})`;
  if (Array.isArray(t.arrayBounds)) out += '[]'.repeat(t.arrayBounds.length);
  return out;
}

function relOf(n: PgNode | undefined): { schema: string; table: string } {
  return { schema: (n?.schemaname as string) ?? 'public', table: (n?.relname as string) ?? '?' };
}

/** Foreign keys in Up statements: the referenced table and columns, typed like the referencing columns. */
export function foreignKeyTargets(stmts: ParsedStatement[]): { targets: FkTarget[]; created: Set<string> } {
  const targets: FkTarget[] = [];
  const created = new Set<string>();
  const addTarget = (c: PgNode, fkTypes: Array<string | null>) => {
    const r = relOf(c.pktable);
    const cols = ((c.pk_attrs ?? []) as PgNode[]).map((a) => a.String?.sval as string);
    const names = cols.length ? cols : ['id'];
    targets.push({ ...r, columns: names.map((name, i) => ({ name, type: fkTypes[i] ?? fkTypes[0] ?? 'text' })) });
  };
  for (const s of stmts) {
    if (s.type === 'CreateStmt' || s.type === 'AlterTableStmt') {
      const r = relOf(s.node.relation);
      if (s.type === 'CreateStmt') created.add(`${r.schema}.${r.table}`);
      const colTypes = new Map<string, string | null>();
      const columns: PgNode[] = [];
      if (s.type === 'CreateStmt') for (const e of s.node.tableElts ?? []) if (e.ColumnDef) columns.push(e.ColumnDef);
      for (const c of s.node.cmds ?? []) if (c.AlterTableCmd?.def?.ColumnDef && c.AlterTableCmd.subtype === 'AT_AddColumn') columns.push(c.AlterTableCmd.def.ColumnDef);
      for (const col of columns) colTypes.set(col.colname, typeSql(col.typeName));
      for (const col of columns) {
        for (const k of col.constraints ?? []) if (k.Constraint?.contype === 'CONSTR_FOREIGN') addTarget(k.Constraint, [colTypes.get(col.colname) ?? null]);
      }
      const tableConstraints: PgNode[] = [];
      if (s.type === 'CreateStmt') for (const e of s.node.tableElts ?? []) if (e.Constraint) tableConstraints.push(e.Constraint);
      for (const c of s.node.cmds ?? []) if (c.AlterTableCmd?.subtype === 'AT_AddConstraint' && c.AlterTableCmd.def?.Constraint) tableConstraints.push(c.AlterTableCmd.def.Constraint);
      for (const k of tableConstraints) {
        if (k.contype !== 'CONSTR_FOREIGN') continue;
        const fk = ((k.fk_attrs ?? []) as PgNode[]).map((a) => colTypes.get(a.String?.sval as string) ?? null);
        addTarget(k, fk);
      }
    } else if (s.type === 'CreateTableAsStmt') {
      const r = relOf(s.node.into?.rel);
      created.add(`${r.schema}.${r.table}`);
    }
  }
  return { targets, created };
}

// ---------------------------------------------------------------------------------------------------------

class Executor implements MigrationExecutor {
  baselineProblems: BaselineProblem[] = [];
  private db!: Db;
  private existing: ExistingMigration[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly extensions: string[],
    private readonly cacheDir: string,
    private readonly onStatement?: (at: StatementProgress) => void,
  ) {}

  /** Where the statements run next belong (set before each migration direction). */
  private at: Omit<StatementProgress, 'line' | 'column'> = { phase: 'internal', migration: null, path: null };

  private progress(stmt: GooseStatement | null): void {
    this.onStatement?.({ ...this.at, line: stmt?.line ?? 0, column: stmt?.column ?? 0 });
  }

  private internal(): void {
    this.at = { phase: 'internal', migration: null, path: null };
    this.progress(null);
  }

  async start(existing: ExistingMigration[]): Promise<void> {
    this.existing = existing;
    this.db = await openDatabase(this.extensions, this.cacheDir);
    await this.applyBaseline(true);
  }

  private async applyBaseline(record: boolean): Promise<void> {
    for (const { item } of byVersion(this.existing)) {
      const parsed = parseGooseMigration(item.sql);
      if (parsed.errors.length > 0) {
        if (record) this.baselineProblems.push({ path: item.path, message: `goose cannot parse it: ${parsed.errors[0].message}` });
        continue;
      }
      this.at = { phase: 'baseline', migration: null, path: item.path };
      const err = await this.applyStandalone(parsed.up, parsed.noTransaction);
      if (err && record) this.baselineProblems.push({ path: item.path, message: `its Up fails in embedded PostgreSQL: ${err.error.message}` });
    }
    this.internal();
    if (record) this.baselineSnapshot = await snapshot(this.db);
  }

  /** Runs statements the way goose does outside any outer transaction; returns the first error. */
  private async applyStandalone(stmts: GooseStatement[], noTransaction: boolean): Promise<{ stmt: GooseStatement; error: PgError } | null> {
    if (!noTransaction) await this.db.exec('BEGIN');
    for (const stmt of stmts) {
      if (stmt.text.trim() === '') continue;
      this.progress(stmt);
      try {
        await this.db.exec(stmt.text);
      } catch (err) {
        if (!noTransaction) await this.db.exec('ROLLBACK').catch(() => undefined);
        return { stmt, error: pgError(err) };
      }
    }
    if (!noTransaction) await this.db.exec('COMMIT');
    return null;
  }

  /** Runs one migration direction inside the spec's outer transaction, in a savepoint. */
  private async applyInSavepoint(stmts: GooseStatement[]): Promise<{ stmt: GooseStatement; error: PgError } | null> {
    await this.db.exec('SAVEPOINT spec_migration');
    for (const stmt of stmts) {
      if (stmt.text.trim() === '') continue;
      this.progress(stmt);
      try {
        await this.db.exec(stmt.text);
      } catch (err) {
        await this.db.exec('ROLLBACK TO SAVEPOINT spec_migration');
        await this.db.exec('RELEASE SAVEPOINT spec_migration');
        return { stmt, error: pgError(err) };
      }
    }
    await this.db.exec('RELEASE SAVEPOINT spec_migration');
    return null;
  }

  runSpec(migrations: SpecMigrationInput[], options: RunSpecOptions = {}): Promise<ExecFinding[]> {
    const run = this.queue.then(() => this.runSpecNow(migrations, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runSpecNow(input: SpecMigrationInput[], options: RunSpecOptions): Promise<ExecFinding[]> {
    if (this.closed) throw new Error('the embedded PostgreSQL instance is closed');
    const findings: ExecFinding[] = [];
    const ordered = byVersion(input)
      .map(({ item, index }) => ({ index, parsed: item.parsed ?? parseGooseMigration(item.sql), up: item.upStatements ?? [] }))
      .filter((m) => m.parsed.errors.length === 0); // goose/annotations reports those
    if (ordered.length === 0) return findings;
    // COPY … PROGRAM runs a shell command on the database server: never here (PGlite cannot, and breaks on it)
    for (const m of ordered) {
      const program = (where: string, line: number, column: number) =>
        findings.push({
          migration: m.index,
          line,
          column,
          message: `${where}: COPY … PROGRAM runs a shell command on the database server; --exec does not run it (nor the rest of this spec's migrations) — goose would run it on your server as the database's operating-system user`,
          key: `exec:copy-program:${where}:${line}`,
        });
      for (const s of m.up) if (s.type === 'CopyStmt' && s.node.is_program) program('Up', s.pos.line, s.pos.column);
      for (const g of m.parsed.down) if (/\bcopy\b[\s\S]*\bprogram\b/i.test(g.text)) program('Down', g.line, g.column);
    }
    if (findings.length > 0) return findings;
    const outerTx = ordered.every((m) => !m.parsed.noTransaction);

    const report = (index: number, stmt: GooseStatement | null, fallbackLine: number, what: string, error: PgError | string) => {
      const e = typeof error === 'string' ? { message: error, position: null } : error;
      const at = stmt ? statementPosition(stmt, e.position ?? 0) : { line: fallbackLine, column: 1 };
      findings.push({ migration: index, line: at.line, column: at.column, message: `${what}: ${e.message}`, key: `exec:${what}:${e.message}` });
    };

    const run = async (m: (typeof ordered)[number], dir: 'up' | 'down') => {
      this.at = { phase: dir, migration: m.index, path: null };
      const r = await (outerTx ? this.applyInSavepoint(m.parsed[dir]) : this.applyStandalone(m.parsed[dir], m.parsed.noTransaction));
      this.internal();
      return r;
    };

    this.internal();
    if (outerTx) await this.db.exec('BEGIN');
    let stubs: string[] = [];
    try {
      stubs = await this.createStubs(ordered.flatMap((m) => m.up), outerTx, options.mayStub);
      const before: Array<Set<string>> = [];
      let applied = 0;
      for (const m of ordered) {
        before.push(await snapshot(this.db));
        const err = await run(m, 'up');
        if (err) {
          report(m.index, err.stmt, m.parsed.upLine ?? 1, 'Up fails in embedded PostgreSQL', err.error);
          break;
        }
        applied++;
      }
      // Down, newest first, each compared with the catalog before its Up.
      let reversed = applied;
      for (let i = applied - 1; i >= 0; i--) {
        const m = ordered[i];
        const err = await run(m, 'down');
        if (err) {
          report(m.index, err.stmt, m.parsed.downLine ?? 1, 'Down fails in embedded PostgreSQL', err.error);
          break;
        }
        const diff = describeDiff(before[i], await snapshot(this.db));
        if (diff) {
          const firstDown = m.parsed.down[0];
          report(m.index, null, m.parsed.downLine ?? firstDown?.line ?? 1, 'after Down the schema differs from before Up', diff);
          break;
        }
        reversed = i;
      }
      // Up again, when everything reversed cleanly.
      if (reversed === 0 && applied === ordered.length) {
        for (const m of ordered) {
          const err = await run(m, 'up');
          if (err) {
            report(m.index, err.stmt, m.parsed.upLine ?? 1, 'Up fails when applied again after Down', err.error);
            break;
          }
        }
        if (!outerTx) {
          // Put the database back for the next spec with the spec's own Downs.
          for (let i = ordered.length - 1; i >= 0; i--) if (await run(ordered[i], 'down')) break;
        }
      }
    } finally {
      if (outerTx) await this.db.exec('ROLLBACK').catch(() => undefined);
      else await this.restore(stubs);
    }
    return findings;
  }

  /**
   * Creates stub tables for foreign-key targets that neither the database nor the spec creates, when
   * `mayStub` allows (a table the schema model knows to be missing is not papered over).
   */
  private async createStubs(ups: ParsedStatement[], inTx: boolean, mayStub?: (schema: string, table: string) => boolean): Promise<string[]> {
    const { targets, created } = foreignKeyTargets(ups);
    const made: string[] = [];
    const seen = new Set<string>();
    for (const t of targets) {
      const key = `${t.schema}.${t.table}`;
      if (created.has(key) || seen.has(key)) continue;
      seen.add(key);
      if (mayStub && !mayStub(t.schema, t.table)) continue;
      const { rows } = await this.db.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [`${sqlIdent(t.schema)}.${sqlIdent(t.table)}`]);
      if (rows[0]?.r) continue;
      const cols = t.columns.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(', ');
      const pk = t.columns.map((c) => sqlIdent(c.name)).join(', ');
      const name = `${sqlIdent(t.schema)}.${sqlIdent(t.table)}`;
      const sql = `CREATE SCHEMA IF NOT EXISTS ${sqlIdent(t.schema)}; CREATE TABLE ${name} (${cols}, PRIMARY KEY (${pk}))`;
      try {
        if (inTx) await this.db.exec('SAVEPOINT spec_stub');
        await this.db.exec(sql);
        if (inTx) await this.db.exec('RELEASE SAVEPOINT spec_stub');
        made.push(name);
      } catch {
        if (inTx) await this.db.exec('ROLLBACK TO SAVEPOINT spec_stub; RELEASE SAVEPOINT spec_stub').catch(() => undefined);
      }
    }
    return made;
  }

  /** After a spec that ran outside a transaction: back to the baseline, by the cheapest route that works. */
  private async restore(stubs: string[]): Promise<void> {
    for (const s of stubs.reverse()) await this.db.exec(`DROP TABLE IF EXISTS ${s} CASCADE`).catch(() => undefined);
    const now = await snapshot(this.db).catch(() => null);
    if (now && this.baselineSnapshot && describeDiff(this.baselineSnapshot, now) === null) return;
    await this.db.close().catch(() => undefined);
    this.db = await openDatabase(this.extensions, this.cacheDir);
    await this.applyBaseline(false);
  }

  private baselineSnapshot: Set<string> | null = null;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.db?.close().catch(() => undefined);
  }
}

/**
 * Starts the embedded database and applies the existing migrations. The caller must `close()` it
 * (see the goose/exec rule: the instance lives in `ctx.run.shared` and has a `close()`).
 */
export async function createExecutor(opts: ExecutorOptions): Promise<MigrationExecutor> {
  const exts = new Set(opts.extensions ?? []);
  for (const m of opts.existing) for (const e of extensionsIn(m.sql)) exts.add(e);
  const ex = new Executor([...exts], opts.cacheDir ?? defaultCacheDir(), opts.onStatement);
  try {
    await ex.start(opts.existing);
  } catch (err) {
    await ex.close();
    throw err;
  }
  return ex;
}

/** Removes the cached data directory (for tests and `spec` maintenance). */
export function clearCache(cacheDir = defaultCacheDir()): void {
  const f = join(cacheDir, `pglite-${pgliteVersion()}-initdb.tar.gz`);
  if (existsSync(f)) unlinkSync(f);
}
