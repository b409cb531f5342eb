/**
 * Statement analysis of a goose migration with the real PostgreSQL parser (libpg-query): syntax errors
 * mapped to lines and columns within the SQL, PL/pgSQL bodies parsed too, and "Down reverses Up" computed
 * from the parse trees.
 *
 * "Down reverses Up" is a small simulation: Up's statements build the set of objects the migration creates
 * (tables with their columns, constraints and implicit indexes — named the way PostgreSQL names them when the
 * SQL does not —, indexes, types, domains, functions, triggers, extensions, sequences, views, schemas,
 * policies) and the changes it makes to objects that existed before (columns added, renames, type changes,
 * NOT NULL and DEFAULT changes, drops). Down's statements then run against that set in order: a DROP removes
 * an object and what it owns (DROP TABLE takes its indexes, columns, constraints and triggers), fails when
 * the object is already gone (without IF EXISTS) or when another object Up created still depends on it
 * (without CASCADE). What is left, and changes without their inverse, are findings.
 *
 * Identifiers come from the parse tree, so unquoted names are already folded to lower case and quoted ones
 * keep their case, as in PostgreSQL; type names are compared in lower case.
 */
import {
  byteToCharOffsets,
  loadPgParser,
  PgParserError,
  type PgNode,
  type PgParser,
} from './pg.js';
import {
  parseGooseMigration,
  statementPosition,
  type Direction,
  type GooseParseResult,
  type GooseStatement,
} from './goose-parser.js';

/** A position within the migration's SQL text (1-based). */
export interface SqlPos {
  line: number;
  column: number;
}

export interface SqlFinding extends SqlPos {
  message: string;
  /** A line-independent identity for the finding. */
  key: string;
  /** Set when the finding is weaker than its rule's severity. */
  severity?: 'warning';
  /** For what Down misses: the statement that reverses it (goose/down-reverses-up's fix). */
  inverse?: string;
}

/** One SQL statement found inside a goose statement (a StatementBegin block may hold several). */
export interface ParsedStatement {
  goose: GooseStatement;
  direction: Direction;
  node: PgNode;
  /** The node type (`CreateStmt`, `IndexStmt` …). */
  type: string;
  /** Where the SQL statement starts (its first token). */
  pos: SqlPos;
  /** The statement's own text. */
  text: string;
}

export interface SyntaxFinding extends SqlFinding {
  direction: Direction;
  kind: 'sql' | 'plpgsql';
}

export interface MigrationAnalysis {
  goose: GooseParseResult;
  /** Statements that parsed, in order, per direction. */
  up: ParsedStatement[];
  down: ParsedStatement[];
  syntax: SyntaxFinding[];
  /** Objects or changes of Up that Down does not reverse. */
  missing: SqlFinding[];
  /** Down statements that would fail or break a dependency because of their order. */
  order: SqlFinding[];
  /** Objects Down drops that Up does not create. */
  extra: SqlFinding[];
  /** Tables referenced by foreign keys (qualified `schema.name`) with the columns referenced. */
  referencedTables: Map<string, Set<string>>;
  /** Tables the Up direction creates (qualified). */
  createdTables: Set<string>;
  /**
   * Up's parse trees as plain data, for the schema model (src/sql/schema.ts): what another thread is sent.
   * `complete` is false when a statement of Up did not parse or was not SQL yet (ENVSUB): the model then
   * marks what it cannot see as unknown.
   */
  upTrees: UpTrees;
}

/** One statement of Up: its parse tree, where it starts, and which goose statement holds it. */
export interface UpTree {
  type: string;
  node: PgNode;
  line: number;
  column: number;
  /** Index into the goose parse's `up` array (node `location`s are byte offsets into that statement's text). */
  gooseIndex: number;
}

export interface UpTrees {
  statements: UpTree[];
  complete: boolean;
  /** Down's statements the same way (`gooseIndex` into the goose parse's `down`), for checks that read both. */
  down: UpTree[];
}

/** Parses and analyses one migration's SQL. Loads libpg-query on first use. */
export async function analyzeMigration(sql: string, parsed?: GooseParseResult): Promise<MigrationAnalysis> {
  const pg = await loadPgParser();
  return analyzeWith(pg, sql, parsed);
}

export function analyzeWith(pg: PgParser, sql: string, parsed = parseGooseMigration(sql)): MigrationAnalysis {
  const syntax: SyntaxFinding[] = [];
  const up = parseDirection(pg, parsed.up, 'up', syntax);
  const down = parseDirection(pg, parsed.down, 'down', syntax);
  const result: MigrationAnalysis = {
    goose: parsed,
    up,
    down,
    syntax,
    missing: [],
    order: [],
    extra: [],
    referencedTables: new Map(),
    createdTables: new Set(),
    upTrees: {
      statements: up.map((u) => ({ type: u.type, node: u.node, line: u.pos.line, column: u.pos.column, gooseIndex: parsed.up.indexOf(u.goose) })),
      complete:
        parsed.errors.length === 0 &&
        !syntax.some((x) => x.direction === 'up' && x.kind === 'sql') &&
        !parsed.up.some((g) => g.envsub && g.text.includes('${')),
      down: down.map((u) => ({ type: u.type, node: u.node, line: u.pos.line, column: u.pos.column, gooseIndex: parsed.down.indexOf(u.goose) })),
    },
  };
  // The reversal check is meaningless when a direction failed to parse (statements would be missing).
  const upComplete = !syntax.some((s) => s.direction === 'up' && s.kind === 'sql');
  const downComplete = !syntax.some((s) => s.direction === 'down' && s.kind === 'sql');
  const sim = new Simulation();
  for (const s of up) sim.applyUp(s);
  for (const t of sim.createdTables) result.createdTables.add(t);
  result.referencedTables = sim.referenced;
  if (upComplete && downComplete && parsed.errors.length === 0) {
    for (const s of down) sim.applyDown(s);
    sim.finish();
    result.missing = sim.missing;
    result.order = sim.order;
    result.extra = sim.extra;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Syntax

function parseDirection(pg: PgParser, stmts: GooseStatement[], direction: Direction, out: SyntaxFinding[]): ParsedStatement[] {
  const parsed: ParsedStatement[] = [];
  for (const g of stmts) {
    if (g.text.trim() === '') continue;
    if (g.envsub && g.text.includes('${')) continue; // goose substitutes variables first: the text is not SQL yet
    let tree;
    try {
      tree = pg.parse(g.text);
    } catch (err) {
      const e = err as PgParserError;
      const at = statementPosition(g, e.position ?? 0);
      out.push({
        direction,
        kind: 'sql',
        message: `SQL syntax error: ${e.message}`,
        line: at.line,
        column: at.column,
        key: `syntax:${direction}:${e.message}`,
      });
      continue;
    }
    const toChar = byteToCharOffsets(g.text);
    for (const raw of tree.stmts ?? []) {
      const startByte = raw.stmt_location ?? 0;
      const start = toChar(startByte);
      const end = raw.stmt_len ? toChar(startByte + raw.stmt_len) : g.text.length;
      const first = skipTrivia(g.text, start, end);
      const type = Object.keys(raw.stmt)[0];
      const node = raw.stmt[type] as PgNode;
      const ps: ParsedStatement = {
        goose: g,
        direction,
        node,
        type,
        pos: statementPosition(g, first),
        text: g.text.slice(first, end),
      };
      parsed.push(ps);
      checkPlpgsql(pg, ps, first, out);
    }
  }
  return parsed;
}

/** Skips white space and comments from `i`. */
function skipTrivia(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else break;
  }
  return Math.min(i, end);
}

function defElem(list: PgNode[] | undefined, name: string): PgNode | undefined {
  return (list ?? []).map((d) => d.DefElem as PgNode).find((d) => d && d.defname === name);
}

function str(n: PgNode | undefined): string | undefined {
  return n && n.String ? (n.String.sval as string) : undefined;
}

/** Parses PL/pgSQL bodies (CREATE FUNCTION … LANGUAGE plpgsql, DO blocks); errors point into the body. */
function checkPlpgsql(pg: PgParser, ps: ParsedStatement, offset: number, out: SyntaxFinding[]): void {
  let source: string | null = null;
  let body: string | undefined;
  if (ps.type === 'CreateFunctionStmt') {
    const lang = str(defElem(ps.node.options, 'language')?.arg);
    if (!lang || lang.toLowerCase() !== 'plpgsql') return;
    const as = defElem(ps.node.options, 'as')?.arg;
    body = as?.List ? str(as.List.items?.[0]) : str(as);
    if (body === undefined) return;
    source = ps.text;
  } else if (ps.type === 'DoStmt') {
    const lang = str(defElem(ps.node.args, 'language')?.arg);
    if (lang && lang.toLowerCase() !== 'plpgsql') return;
    body = str(defElem(ps.node.args, 'as')?.arg);
    if (body === undefined) return;
    let tag = '$__spec__$';
    while (body.includes(tag)) tag = tag.replace('$__', '$__x');
    source = `CREATE FUNCTION spec_do_block() RETURNS void AS ${tag}${body}${tag} LANGUAGE plpgsql;`;
  } else return;
  try {
    pg.parsePlPgSQL(source);
  } catch (err) {
    const message = (err as Error).message;
    const local = locatePlpgsqlError(ps.text, body, message);
    const at = statementPosition(ps.goose, offset + local);
    out.push({
      direction: ps.direction,
      kind: 'plpgsql',
      message: `PL/pgSQL syntax error: ${message}`,
      line: at.line,
      column: at.column,
      key: `plpgsql:${ps.direction}:${message}`,
    });
  }
}

/**
 * libpg-query reports PL/pgSQL errors without a position: find the token the message names inside the body
 * (preferring an occurrence not right after a `;`, the usual shape of a missing semicolon), else the body.
 */
export function locatePlpgsqlError(stmtText: string, body: string, message: string): number {
  let bodyStart = stmtText.indexOf(body);
  if (bodyStart < 0) {
    const m = /\bAS\b/i.exec(stmtText);
    bodyStart = m ? m.index : 0;
  }
  const scope = bodyStart >= 0 && stmtText.indexOf(body) >= 0 ? body : stmtText.slice(bodyStart);
  const near = /at or near "([^"]*)"/.exec(message);
  if (near && near[1] !== '') {
    const token = near[1];
    const re = new RegExp(`(^|[^A-Za-z0-9_])(${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![A-Za-z0-9_])`, 'gi');
    const hits: number[] = [];
    for (let m = re.exec(scope); m; m = re.exec(scope)) hits.push(m.index + m[1].length);
    const afterNonSemicolon = hits.find((h) => !/;\s*$/.test(scope.slice(0, h).replace(/--[^\n]*$/gm, '')));
    const hit = afterNonSemicolon ?? hits[0];
    if (hit !== undefined) return bodyStart + hit;
  }
  if (/end of (input|function)/.test(message)) return bodyStart + Math.max(0, scope.trimEnd().length - 1);
  return bodyStart + (scope.length - scope.trimStart().length);
}

// ---------------------------------------------------------------------------------------------------------
// Names

const NAMEDATALEN = 64;

/** PostgreSQL's makeObjectName: `name1[_name2][_label]` truncated to 63 bytes, shortening the longer part first. */
export function makeObjectName(name1: string, name2: string | null, label: string | null): string {
  let overhead = 0;
  if (name2) overhead++; // the separating underscore
  if (label) overhead += label.length + 1;
  const avail = NAMEDATALEN - 1 - overhead;
  let n1 = name1.length;
  let n2 = name2 ? name2.length : 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  let out = name1.slice(0, n1);
  if (name2) out += '_' + name2.slice(0, n2);
  if (label) out += '_' + label;
  return out;
}

/** The column part of generated index / constraint names (ChooseIndexNameAddition). */
function nameAddition(cols: string[]): string {
  let out = '';
  for (const c of cols) {
    if (out) out += '_';
    out += c;
    if (out.length >= NAMEDATALEN) break;
  }
  return out.slice(0, NAMEDATALEN - 1);
}

interface RelName {
  schema: string;
  name: string;
}

function rel(n: PgNode | undefined): RelName {
  return { schema: (n?.schemaname as string) ?? 'public', name: (n?.relname as string) ?? '?' };
}

function listNames(items: PgNode[] | undefined): string[] {
  return (items ?? []).map((i) => str(i) ?? '').filter((s) => s !== '');
}

/** A qualified name from a list of String nodes (`[schema, name]` or `[name]`). */
function qualified(names: string[]): RelName {
  return names.length >= 2 ? { schema: names[names.length - 2], name: names[names.length - 1] } : { schema: 'public', name: names[0] ?? '?' };
}

const q = (r: RelName) => `${r.schema}.${r.name}`;
const shown = (r: RelName) => (r.schema === 'public' ? r.name : `${r.schema}.${r.name}`);

/** A type name for comparison: lower case, without pg_catalog, with array brackets. */
export function typeKey(t: PgNode | undefined): string {
  if (!t) return '?';
  const names = listNames(t.names).map((s) => s.toLowerCase());
  const parts = names[0] === 'pg_catalog' ? names.slice(1) : names;
  let out = parts.join('.');
  if (Array.isArray(t.arrayBounds)) out += '[]'.repeat(t.arrayBounds.length);
  if (t.setof) out = 'setof ' + out;
  return out;
}

/** The user-type key a type name may refer to, or null for built-in (pg_catalog) types. */
function userTypeKey(t: PgNode | undefined): string | null {
  if (!t) return null;
  const names = listNames(t.names);
  if (names.length === 0 || names[0] === 'pg_catalog') return null;
  return `type:${q(qualified(names.map((n) => n.toLowerCase())))}`;
}

// ---------------------------------------------------------------------------------------------------------
// Simulation

type ObjKind =
  | 'table'
  | 'view'
  | 'materialized view'
  | 'index'
  | 'column'
  | 'constraint'
  | 'type'
  | 'domain'
  | 'function'
  | 'procedure'
  | 'trigger'
  | 'extension'
  | 'sequence'
  | 'schema'
  | 'policy';

interface Obj {
  kind: ObjKind;
  key: string;
  /** Another key the object answers to (a function without its argument list). */
  alias?: string;
  /** Human description: `table invites`, `index idx_x on invites`. */
  label: string;
  /** SQL that drops it, suggested in messages. */
  dropSql: string;
  owner?: string;
  deps: string[];
  /** Columns an index or constraint covers (for DROP COLUMN). */
  cols?: string[];
  /** For tables, the qualified name. */
  table?: string;
  /** Created with CREATE OR REPLACE: Down may restore the previous definition instead of dropping it. */
  replaced?: boolean;
  pos: SqlPos;
}

interface Change {
  kind: 'rename' | 'alter-type' | 'not-null' | 'default' | 'row-security' | 'drop';
  /** The key Down must touch to reverse it. */
  target: string;
  /** For renames: the key Down's rename must restore. */
  restore?: string;
  label: string;
  fix: string;
  pos: SqlPos;
  reversed: boolean;
}

interface Gone {
  label: string;
  by: string;
  pos: SqlPos;
}

class Simulation {
  readonly alive = new Map<string, Obj>();
  readonly changes: Change[] = [];
  readonly createdTables = new Set<string>();
  readonly referenced = new Map<string, Set<string>>();
  readonly missing: SqlFinding[] = [];
  readonly order: SqlFinding[] = [];
  readonly extra: SqlFinding[] = [];
  /** Objects Down removed, with the statement that removed them. */
  private readonly gone = new Map<string, Gone>();

  // -- Up ---------------------------------------------------------------------------------------------

  private add(o: Obj): void {
    this.alive.set(o.key, o);
    if (o.kind === 'table') this.createdTables.add(o.table!);
  }

  private reference(table: RelName, cols: string[]): void {
    const k = q(table);
    const set = this.referenced.get(k) ?? new Set<string>();
    for (const c of cols) set.add(c);
    this.referenced.set(k, set);
  }

  applyUp(s: ParsedStatement): void {
    const n = s.node;
    switch (s.type) {
      case 'CreateStmt':
        this.createTable(n, s.pos);
        break;
      case 'CreateTableAsStmt': {
        const r = rel(n.into?.rel);
        const matview = n.objtype === 'OBJECT_MATVIEW';
        this.addRelation(matview ? 'materialized view' : 'table', r, s.pos, []);
        break;
      }
      case 'ViewStmt': {
        const r = rel(n.view);
        const deps: string[] = [];
        walk(n.query, (node) => {
          if (node.RangeVar) {
            const t = q(rel(node.RangeVar));
            deps.push(`table:${t}`, `view:${t}`, `materialized view:${t}`);
          }
        });
        this.addRelation('view', r, s.pos, deps);
        if (n.replace) this.alive.get(`view:${q(r)}`)!.replaced = true;
        break;
      }
      case 'CreateSeqStmt':
        this.addRelation('sequence', rel(n.sequence), s.pos, []);
        break;
      case 'IndexStmt':
        this.createIndex(n, s.pos);
        break;
      case 'CreateEnumStmt':
      case 'CreateRangeStmt': {
        const r = qualified(listNames(n.typeName));
        this.addType('type', r, s.pos);
        break;
      }
      case 'CompositeTypeStmt':
        this.addType('type', rel(n.typevar), s.pos);
        break;
      case 'CreateDomainStmt':
        this.addType('domain', qualified(listNames(n.domainname)), s.pos, userTypeKey(n.typeName));
        break;
      case 'CreateFunctionStmt':
        this.createFunction(n, s.pos);
        break;
      case 'CreateTrigStmt': {
        const t = rel(n.relation);
        const fn = qualified(listNames(n.funcname));
        const key = `trigger:${q(t)}.${n.trigname}`;
        this.add({
          kind: 'trigger',
          key,
          label: `trigger ${n.trigname} on ${shown(t)}`,
          dropSql: `DROP TRIGGER ${n.trigname} ON ${shown(t)};`,
          owner: `table:${q(t)}`,
          deps: [`function:${q(fn)}`],
          pos: s.pos,
        });
        break;
      }
      case 'CreateExtensionStmt':
        this.add({
          kind: 'extension',
          key: `extension:${n.extname}`,
          label: `extension ${n.extname}`,
          dropSql: `DROP EXTENSION ${quoteIdent(n.extname)};`,
          deps: [],
          pos: s.pos,
        });
        break;
      case 'CreateSchemaStmt':
        this.add({
          kind: 'schema',
          key: `schema:${n.schemaname}`,
          label: `schema ${n.schemaname}`,
          dropSql: `DROP SCHEMA ${n.schemaname};`,
          deps: [],
          pos: s.pos,
        });
        for (const elt of n.schemaElts ?? []) {
          const type = Object.keys(elt)[0];
          this.applyUp({ ...s, node: elt[type], type });
        }
        break;
      case 'CreatePolicyStmt': {
        const t = rel(n.table);
        this.add({
          kind: 'policy',
          key: `policy:${q(t)}.${n.policy_name}`,
          label: `policy ${n.policy_name} on ${shown(t)}`,
          dropSql: `DROP POLICY ${n.policy_name} ON ${shown(t)};`,
          owner: `table:${q(t)}`,
          deps: [],
          pos: s.pos,
        });
        break;
      }
      case 'AlterTableStmt':
        if (n.objtype === 'OBJECT_TABLE' || n.objtype === undefined) this.alterTableUp(n, s.pos);
        break;
      case 'RenameStmt':
        this.renameUp(n, s.pos);
        break;
      case 'DropStmt':
        this.dropUp(n, s.pos);
        break;
      default:
        break;
    }
  }

  private addRelation(kind: ObjKind, r: RelName, pos: SqlPos, deps: string[]): void {
    const word = kind === 'materialized view' ? 'MATERIALIZED VIEW' : kind.toUpperCase();
    this.add({
      kind,
      key: `${kind}:${q(r)}`,
      label: `${kind} ${shown(r)}`,
      dropSql: `DROP ${word} ${shown(r)};`,
      owner: `schema:${r.schema}`,
      deps,
      table: kind === 'table' ? q(r) : undefined,
      pos,
    });
  }

  private addType(kind: 'type' | 'domain', r: RelName, pos: SqlPos, dep?: string | null): void {
    this.add({
      kind,
      key: `type:${q(r)}`,
      label: `${kind} ${shown(r)}`,
      dropSql: `DROP ${kind.toUpperCase()} ${shown(r)};`,
      owner: `schema:${r.schema}`,
      deps: dep ? [dep] : [],
      pos,
    });
  }

  private createTable(n: PgNode, pos: SqlPos): void {
    const t = rel(n.relation);
    const deps: string[] = [];
    for (const inh of n.inhRelations ?? []) if (inh.RangeVar) deps.push(`table:${q(rel(inh.RangeVar))}`);
    this.addRelation('table', t, pos, deps);
    const tableKey = `table:${q(t)}`;
    for (const elt of n.tableElts ?? []) {
      if (elt.ColumnDef) this.addColumn(t, elt.ColumnDef, pos, tableKey);
      else if (elt.Constraint) this.addConstraint(t, elt.Constraint, pos, []);
    }
  }

  private addColumn(t: RelName, col: PgNode, pos: SqlPos, owner: string): void {
    const name = col.colname as string;
    const deps: string[] = [];
    const ut = userTypeKey(col.typeName);
    if (ut) deps.push(ut);
    this.add({
      kind: 'column',
      key: `column:${q(t)}.${name}`,
      label: `column ${name} of ${shown(t)}`,
      dropSql: `ALTER TABLE ${shown(t)} DROP COLUMN ${name};`,
      owner,
      deps,
      pos,
    });
    for (const c of col.constraints ?? []) if (c.Constraint) this.addConstraint(t, c.Constraint, pos, [name]);
  }

  /** A table constraint (named, or named the way PostgreSQL names it) and its implicit index. */
  private addConstraint(t: RelName, c: PgNode, pos: SqlPos, columnOf: string[]): void {
    const type = c.contype as string;
    let cols: string[] = columnOf;
    let label: string | null = null;
    const deps: string[] = [];
    switch (type) {
      case 'CONSTR_PRIMARY':
        cols = columnOf.length ? columnOf : listNames(c.keys);
        label = 'pkey';
        break;
      case 'CONSTR_UNIQUE':
        cols = columnOf.length ? columnOf : listNames(c.keys);
        label = 'key';
        break;
      case 'CONSTR_EXCLUSION':
        cols = (c.exclusions ?? []).map((e: PgNode) => e.List?.items?.[0]?.IndexElem?.name).filter(Boolean);
        label = 'excl';
        break;
      case 'CONSTR_FOREIGN': {
        cols = columnOf.length ? columnOf : listNames(c.fk_attrs);
        label = 'fkey';
        const pk = rel(c.pktable);
        deps.push(`table:${q(pk)}`);
        this.reference(pk, listNames(c.pk_attrs));
        break;
      }
      case 'CONSTR_CHECK': {
        const refs = new Set<string>();
        walk(c.raw_expr, (node) => {
          if (node.ColumnRef) {
            const f = listNames(node.ColumnRef.fields);
            if (f.length) refs.add(f[f.length - 1]);
          }
        });
        cols = columnOf.length ? columnOf : [...refs];
        label = 'check';
        break;
      }
      default:
        return; // NOT NULL, DEFAULT, GENERATED …: column properties, not objects
    }
    let name = c.conname as string | undefined;
    if (!name) {
      if (type === 'CONSTR_PRIMARY') name = makeObjectName(t.name, null, 'pkey');
      else if (type === 'CONSTR_CHECK') name = makeObjectName(t.name, cols.length === 1 ? cols[0] : null, 'check');
      else name = makeObjectName(t.name, nameAddition(cols), label);
    }
    const owner = `table:${q(t)}`;
    this.add({
      kind: 'constraint',
      key: `constraint:${q(t)}.${name}`,
      label: `constraint ${name} on ${shown(t)}`,
      dropSql: `ALTER TABLE ${shown(t)} DROP CONSTRAINT ${name};`,
      owner,
      deps,
      cols,
      pos,
    });
    if (type === 'CONSTR_PRIMARY' || type === 'CONSTR_UNIQUE' || type === 'CONSTR_EXCLUSION') {
      const idx: RelName = { schema: t.schema, name: (c.indexname as string) || name };
      this.add({
        kind: 'index',
        key: `index:${q(idx)}`,
        label: `index ${idx.name} on ${shown(t)}`,
        dropSql: `ALTER TABLE ${shown(t)} DROP CONSTRAINT ${name};`,
        owner: `constraint:${q(t)}.${name}`,
        deps: [],
        cols,
        pos,
      });
    }
  }

  private createIndex(n: PgNode, pos: SqlPos): void {
    const t = rel(n.relation);
    const cols: string[] = [];
    const nameCols: string[] = [];
    for (const p of n.indexParams ?? []) {
      const e = p.IndexElem as PgNode;
      if (e.name) {
        cols.push(e.name);
        nameCols.push(e.indexcolname ?? e.name);
      } else {
        walk(e.expr, (node) => {
          if (node.ColumnRef) {
            const f = listNames(node.ColumnRef.fields);
            if (f.length) cols.push(f[f.length - 1]);
          }
        });
        nameCols.push(e.indexcolname ?? figureColname(e.expr));
      }
    }
    for (const p of n.indexIncludingParams ?? []) {
      const e = p.IndexElem as PgNode;
      if (e.name) cols.push(e.name);
    }
    const name =
      (n.idxname as string | undefined) ??
      (n.primary ? makeObjectName(t.name, null, 'pkey') : makeObjectName(t.name, nameAddition(nameCols), n.isconstraint ? 'key' : 'idx'));
    const idx: RelName = { schema: t.schema, name };
    this.add({
      kind: 'index',
      key: `index:${q(idx)}`,
      label: `index ${name} on ${shown(t)}`,
      dropSql: `DROP INDEX ${n.concurrent ? 'CONCURRENTLY ' : ''}${idx.schema === 'public' ? name : q(idx)};`,
      owner: `table:${q(t)}`,
      deps: [],
      cols,
      pos,
    });
  }

  private createFunction(n: PgNode, pos: SqlPos): void {
    const r = qualified(listNames(n.funcname));
    const args: string[] = [];
    const deps: string[] = [];
    for (const p of n.parameters ?? []) {
      const fp = p.FunctionParameter as PgNode;
      const dep = userTypeKey(fp.argType);
      if (dep) deps.push(dep);
      if (fp.mode === 'FUNC_PARAM_OUT' || fp.mode === 'FUNC_PARAM_TABLE') continue;
      args.push(typeKey(fp.argType));
    }
    const ret = userTypeKey(n.returnType);
    if (ret) deps.push(ret);
    const kind: ObjKind = n.is_procedure ? 'procedure' : 'function';
    const sig = `${shown(r)}(${args.join(', ')})`;
    this.alive.delete(`function:${q(r)}(${args.join(',')})`); // CREATE OR REPLACE
    this.add({
      replaced: n.replace === true,
      kind,
      key: `function:${q(r)}(${args.join(',')})`,
      alias: `function:${q(r)}`,
      label: `${kind} ${sig}`,
      dropSql: `DROP ${kind.toUpperCase()} ${sig};`,
      owner: `schema:${r.schema}`,
      deps,
      pos,
    });
  }

  private alterTableUp(n: PgNode, pos: SqlPos): void {
    const t = rel(n.relation);
    const tableKey = `table:${q(t)}`;
    for (const c of n.cmds ?? []) {
      const cmd = c.AlterTableCmd as PgNode;
      const col = cmd.name as string | undefined;
      const colKey = `column:${q(t)}.${col}`;
      switch (cmd.subtype) {
        case 'AT_AddColumn':
          this.addColumn(t, cmd.def.ColumnDef, pos, tableKey);
          break;
        case 'AT_AddConstraint':
          this.addConstraint(t, cmd.def.Constraint, pos, []);
          break;
        case 'AT_AlterColumnType':
          if (!this.alive.has(colKey))
            this.change('alter-type', colKey, `the type change of column ${col} of ${shown(t)}`, `ALTER TABLE ${shown(t)} ALTER COLUMN ${col} TYPE <previous type>;`, pos);
          break;
        case 'AT_SetNotNull':
        case 'AT_DropNotNull':
          if (!this.alive.has(colKey)) {
            const set = cmd.subtype === 'AT_SetNotNull';
            this.change('not-null', colKey, `${set ? 'SET' : 'DROP'} NOT NULL on column ${col} of ${shown(t)}`, `ALTER TABLE ${shown(t)} ALTER COLUMN ${col} ${set ? 'DROP' : 'SET'} NOT NULL;`, pos);
          }
          break;
        case 'AT_ColumnDefault':
          if (!this.alive.has(colKey))
            this.change('default', colKey, `the DEFAULT change on column ${col} of ${shown(t)}`, `ALTER TABLE ${shown(t)} ALTER COLUMN ${col} ${cmd.def ? 'DROP DEFAULT' : 'SET DEFAULT <previous default>'};`, pos);
          break;
        case 'AT_EnableRowSecurity':
        case 'AT_DisableRowSecurity':
          if (!this.alive.has(tableKey)) {
            const on = cmd.subtype === 'AT_EnableRowSecurity';
            this.change('row-security', `rls:${q(t)}`, `${on ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY on ${shown(t)}`, `ALTER TABLE ${shown(t)} ${on ? 'DISABLE' : 'ENABLE'} ROW LEVEL SECURITY;`, pos);
          }
          break;
        case 'AT_DropColumn':
          this.dropInUp(colKey, `column ${col} of ${shown(t)}`, `ALTER TABLE ${shown(t)} ADD COLUMN ${col} <type>;`, pos);
          break;
        case 'AT_DropConstraint':
          this.dropInUp(`constraint:${q(t)}.${col}`, `constraint ${col} on ${shown(t)}`, `ALTER TABLE ${shown(t)} ADD CONSTRAINT ${col} …;`, pos);
          break;
        default:
          break;
      }
    }
  }

  private change(kind: Change['kind'], target: string, label: string, fix: string, pos: SqlPos, restore?: string): void {
    this.changes.push({ kind, target, label, fix, pos, reversed: false, restore });
  }

  /** Up drops something: if Up created it, it is simply gone; otherwise Down should put it back. */
  private dropInUp(key: string, label: string, fix: string, pos: SqlPos): void {
    if (this.alive.has(key) || this.findAlias(key)) {
      this.removeTree(this.alive.get(key) ?? this.findAlias(key)!, null);
      return;
    }
    this.change('drop', key, label, fix, pos);
  }

  private findAlias(key: string): Obj | undefined {
    for (const o of this.alive.values()) if (o.alias === key) return o;
    return undefined;
  }

  private renameUp(n: PgNode, pos: SqlPos): void {
    const r = renameTarget(n);
    if (!r) return;
    if (this.alive.has(r.from)) {
      this.rekey(r.from, r.to, r.newLabel);
      return;
    }
    this.change('rename', r.to, `the rename of ${r.oldLabel} to ${r.newName}`, r.inverseSql, pos, r.from);
  }

  private dropUp(n: PgNode, pos: SqlPos): void {
    for (const target of dropTargets(n)) {
      const o = this.resolve(target.key, target.prefix);
      if (o) this.removeTree(o, null);
      else this.change('drop', target.key, target.label, `re-create ${target.label}`, pos);
    }
  }

  // -- Down -------------------------------------------------------------------------------------------

  applyDown(s: ParsedStatement): void {
    const n = s.node;
    const by = `${s.text.split('\n')[0].trim().slice(0, 60)}`;
    switch (s.type) {
      case 'DropStmt':
      {
        // One DROP of several objects drops them together: they may depend on each other.
        const targets = dropTargets(n);
        const together = new Set(targets.map((t) => this.resolve(t.key, t.prefix)?.key).filter((k): k is string => !!k));
        for (const target of targets) this.dropDown(target, n.missing_ok === true, n.behavior === 'DROP_CASCADE', s.pos, by, together);
      }
        break;
      case 'AlterTableStmt': {
        const t = rel(n.relation);
        for (const c of n.cmds ?? []) {
          const cmd = c.AlterTableCmd as PgNode;
          const col = cmd.name as string | undefined;
          const colKey = `column:${q(t)}.${col}`;
          switch (cmd.subtype) {
            case 'AT_DropColumn':
              this.dropDown(
                { key: colKey, label: `column ${col} of ${shown(t)}`, kind: 'column' },
                cmd.missing_ok === true || n.missing_ok === true,
                cmd.behavior === 'DROP_CASCADE',
                s.pos,
                by,
              );
              break;
            case 'AT_DropConstraint':
              this.dropDown(
                { key: `constraint:${q(t)}.${col}`, label: `constraint ${col} on ${shown(t)}`, kind: 'constraint' },
                cmd.missing_ok === true || n.missing_ok === true,
                cmd.behavior === 'DROP_CASCADE',
                s.pos,
                by,
              );
              break;
            case 'AT_AlterColumnType':
              this.reverse('alter-type', colKey);
              break;
            case 'AT_SetNotNull':
            case 'AT_DropNotNull':
              this.reverse('not-null', colKey);
              break;
            case 'AT_ColumnDefault':
              this.reverse('default', colKey);
              break;
            case 'AT_EnableRowSecurity':
            case 'AT_DisableRowSecurity':
              this.reverse('row-security', `rls:${q(t)}`);
              break;
            case 'AT_AddColumn':
              this.reverse('drop', `column:${q(t)}.${cmd.def?.ColumnDef?.colname}`);
              break;
            case 'AT_AddConstraint': {
              const name = cmd.def?.Constraint?.conname;
              if (name) this.reverse('drop', `constraint:${q(t)}.${name}`);
              break;
            }
            default:
              break;
          }
        }
        break;
      }
      case 'RenameStmt': {
        const r = renameTarget(n);
        if (!r) break;
        // Down renames `to` back to `from`: it reverses an Up rename whose new name is Down's old name.
        const ch = this.changes.find((c) => c.kind === 'rename' && !c.reversed && c.target === r.from && c.restore === r.to);
        if (ch) ch.reversed = true;
        if (this.alive.has(r.from)) this.rekey(r.from, r.to, r.newLabel);
        break;
      }
      case 'CreateStmt':
        this.reverse('drop', `table:${q(rel(n.relation))}`);
        break;
      case 'IndexStmt':
        if (n.idxname) this.reverse('drop', `index:${q({ schema: rel(n.relation).schema, name: n.idxname })}`);
        break;
      case 'CreateEnumStmt':
      case 'CreateDomainStmt':
        this.reverse('drop', `type:${q(qualified(listNames(n.typeName ?? n.domainname)))}`);
        break;
      case 'CreateFunctionStmt': {
        this.reverse('drop', `function:${q(qualified(listNames(n.funcname)))}`, true);
        // Up replaced an existing function (CREATE OR REPLACE) and Down puts the previous body back.
        const key = functionKey(n);
        if (n.replace && this.alive.get(key)?.replaced) this.alive.delete(key);
        break;
      }
      case 'ViewStmt': {
        const key = `view:${q(rel(n.view))}`;
        this.reverse('drop', key);
        if (n.replace && this.alive.get(key)?.replaced) this.alive.delete(key);
        break;
      }
      case 'CreateExtensionStmt':
        this.reverse('drop', `extension:${n.extname}`);
        break;
      default:
        break;
    }
  }

  private reverse(kind: Change['kind'], target: string, prefix = false): void {
    const ch = this.changes.find((c) => c.kind === kind && !c.reversed && (c.target === target || (prefix && c.target.startsWith(target + '('))));
    if (ch) ch.reversed = true;
  }

  /** The alive object a drop names (functions without an argument list match by name). */
  private resolve(key: string, prefix?: string): Obj | undefined {
    const direct = this.alive.get(key);
    if (direct) return direct;
    if (prefix) {
      const matches = [...this.alive.values()].filter((o) => o.alias === prefix);
      if (matches.length === 1 && key === prefix) return matches[0];
    }
    return undefined;
  }

  private dropDown(target: DropTarget, ifExists: boolean, cascade: boolean, pos: SqlPos, by: string, together: Set<string> = new Set()): void {
    const o = this.resolve(target.key, target.prefix);
    if (!o && target.prefix && target.key === target.prefix) {
      const overloads = [...this.alive.values()].filter((a) => a.alias === target.prefix);
      if (overloads.length > 1) {
        this.order.push({
          message: `Down drops ${target.label} without an argument list, but Up creates ${overloads.length} functions of that name: name the argument types`,
          line: pos.line,
          column: pos.column,
          key: `order:ambiguous:${target.key}`,
        });
        return;
      }
    }
    if (!o) {
      const gone = this.gone.get(target.key) ?? (target.prefix ? this.goneByAlias(target.prefix) : undefined);
      if (gone) {
        if (!ifExists) {
          this.order.push({
            message: `Down drops ${target.label} after it was already removed by \`${gone.by}\` (line ${gone.pos.line}): this statement fails. Remove it, or drop ${target.label} before`,
            line: pos.line,
            column: pos.column,
            key: `order:already-gone:${target.key}`,
          });
        }
        return;
      }
      if (target.prefix && target.key !== target.prefix) {
        const sameName = [...this.alive.values()].filter((a) => a.alias === target.prefix);
        if (sameName.length > 0) {
          this.extra.push({
            message: `Down drops ${target.label}, but Up creates ${sameName.map((a) => a.label).join(', ')}: the argument types differ, so the DROP does not match`,
            line: pos.line,
            column: pos.column,
            key: `extra:${target.key}`,
          });
          return;
        }
      }
      // Not created by Up: dropping it destroys something that existed before this migration.
      this.extra.push({
        message: `Down drops ${target.label}, which Up does not create: rolling back would destroy an object that existed before this migration`,
        line: pos.line,
        column: pos.column,
        key: `extra:${target.key}`,
      });
      this.reverse('drop', target.key);
      // Whatever Up created inside it goes with it.
      for (const child of [...this.alive.values()]) if (child.owner === target.key) this.removeTree(child, { by, pos });
      return;
    }
    if (!cascade) {
      const dependants = this.dependantsOf(o).filter((d) => !together.has(d.key));
      if (dependants.length > 0) {
        const d = dependants[0];
        this.order.push({
          message: `Down drops ${o.label} while ${d.label} (created by Up) still depends on it: drop ${d.label} first, or add CASCADE`,
          line: pos.line,
          column: pos.column,
          key: `order:dependant:${o.key}`,
        });
      }
    }
    this.removeTree(o, { by, pos }, cascade);
    if (o.kind === 'column') {
      // DROP COLUMN also drops the indexes and constraints involving the column.
      const [, tableAndCol] = o.key.split(/:(.*)/s);
      const col = tableAndCol.slice(tableAndCol.lastIndexOf('.') + 1);
      const table = `table:${tableAndCol.slice(0, tableAndCol.lastIndexOf('.'))}`;
      for (const other of [...this.alive.values()]) {
        if ((other.kind === 'index' || other.kind === 'constraint') && other.cols?.includes(col) && this.ownerTable(other) === table) {
          this.removeTree(other, { by, pos });
        }
      }
    }
  }

  private goneByAlias(prefix: string): Gone | undefined {
    for (const [k, g] of this.gone) if (k.startsWith(prefix + '(')) return g;
    return undefined;
  }

  /** The table an index or constraint belongs to (an implicit index belongs to its constraint's table). */
  private ownerTable(o: Obj): string | undefined {
    let owner = o.owner;
    while (owner && !owner.startsWith('table:')) owner = this.alive.get(owner)?.owner ?? this.ownerFromKey(owner);
    return owner;
  }

  private ownerFromKey(key: string): string | undefined {
    const m = /^constraint:(.*)\.[^.]+$/.exec(key);
    return m ? `table:${m[1]}` : undefined;
  }

  /** Alive objects outside `o`'s ownership tree that depend on `o` or on something it owns. */
  private dependantsOf(o: Obj): Obj[] {
    const tree = new Set(this.treeOf(o).map((x) => x.key));
    const names = new Set<string>();
    for (const k of tree) {
      names.add(k);
      const a = this.alive.get(k)?.alias;
      if (a) names.add(a);
    }
    const out: Obj[] = [];
    for (const other of this.alive.values()) {
      if (tree.has(other.key)) continue;
      if (other.deps.some((d) => names.has(d))) out.push(this.topOf(other));
    }
    return out;
  }

  /** The outermost alive owner of an object (a constraint → its table), for messages. */
  private topOf(o: Obj): Obj {
    let cur = o;
    while (cur.owner && this.alive.has(cur.owner) && !cur.owner.startsWith('schema:')) cur = this.alive.get(cur.owner)!;
    return cur;
  }

  private treeOf(o: Obj): Obj[] {
    const out = [o];
    for (let i = 0; i < out.length; i++) {
      for (const child of this.alive.values()) if (child.owner === out[i].key && !out.includes(child)) out.push(child);
    }
    return out;
  }

  private removeTree(o: Obj, by: { by: string; pos: SqlPos } | null, cascade = false): void {
    const removed = this.treeOf(o);
    if (cascade) {
      // CASCADE also removes dependants (a FK constraint referencing a dropped table, a column of a dropped type …).
      for (let i = 0; i < removed.length; i++) {
        const names = new Set([removed[i].key, removed[i].alias].filter(Boolean) as string[]);
        for (const other of this.alive.values()) {
          if (removed.includes(other)) continue;
          if (other.deps.some((d) => names.has(d))) for (const x of this.treeOf(other)) if (!removed.includes(x)) removed.push(x);
        }
      }
    }
    for (const x of removed) {
      this.alive.delete(x.key);
      if (by) this.gone.set(x.key, { label: x.label, by: by.by, pos: by.pos });
    }
  }

  /** Renames an alive object (and re-keys what it owns). */
  private rekey(from: string, to: string, label: string): void {
    const o = this.alive.get(from);
    if (!o) return;
    const fromName = from.slice(from.indexOf(':') + 1);
    const toName = to.slice(to.indexOf(':') + 1);
    const moved = [...this.alive.values()];
    this.alive.clear();
    for (const x of moved) {
      const rewrite = (k: string | undefined) => {
        if (!k) return k;
        if (k === from) return to;
        const i = k.indexOf(':');
        const rest = k.slice(i + 1);
        if (o.kind === 'table' && rest.startsWith(fromName + '.')) return k.slice(0, i + 1) + toName + rest.slice(fromName.length);
        return k;
      };
      const nx: Obj = { ...x, key: rewrite(x.key)!, owner: rewrite(x.owner), deps: x.deps.map((d) => rewrite(d)!) };
      if (x === o) {
        nx.label = label;
        if (x.table) nx.table = toName;
      }
      this.alive.set(nx.key, nx);
    }
  }

  finish(): void {
    for (const o of this.alive.values()) {
      // Report only the outermost object: a table left in place carries its columns and indexes with it.
      if (o.owner && this.alive.has(o.owner)) continue;
      if (o.kind === 'index' && o.owner?.startsWith('constraint:')) continue;
      if (o.kind === 'schema' && o.key === 'schema:public') continue;
      // A constraint or index on a column Up adds goes with the column.
      if ((o.kind === 'constraint' || o.kind === 'index') && o.cols?.some((c) => this.alive.has(`column:${this.ownerTable(o)?.slice(6)}.${c}`))) continue;
      this.missing.push({
        message: `Up creates ${o.label}, but Down does not remove it: add \`${o.dropSql}\` to the Down section`,
        line: o.pos.line,
        column: o.pos.column,
        key: `missing:${o.key}`,
        inverse: o.dropSql,
      });
    }
    for (const c of this.changes) {
      if (c.reversed) continue;
      // A change to an object that Down drops altogether is reversed by the drop (e.g. a column whose table goes).
      if (this.gone.has(c.target) || (c.kind !== 'rename' && this.ownerGone(c.target))) continue;
      if (c.kind === 'drop') {
        this.missing.push({
          message: `Up drops ${c.label}, but Down does not re-create it: re-create it in the Down section so that rolling back restores the schema`,
          line: c.pos.line,
          column: c.pos.column,
          key: `missing:${c.kind}:${c.target}`,
          severity: 'warning',
        });
        continue;
      }
      this.missing.push({
        message: `Down does not reverse ${c.label}: add \`${c.fix}\` to the Down section`,
        line: c.pos.line,
        column: c.pos.column,
        key: `missing:${c.kind}:${c.target}`,
        inverse: c.fix,
      });
    }
  }

  private ownerGone(key: string): boolean {
    const m = /^column:(.*)\.[^.]+$/.exec(key);
    if (m && this.gone.has(`table:${m[1]}`)) return true;
    const r = /^rls:(.*)$/.exec(key);
    return !!(r && this.gone.has(`table:${r[1]}`));
  }
}

interface DropTarget {
  key: string;
  label: string;
  kind: string;
  /** For functions: the key without arguments (DROP FUNCTION f matches f(any args) when unique). */
  prefix?: string;
}

const DROP_KINDS: Record<string, ObjKind> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'procedure',
  OBJECT_ROUTINE: 'function',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_EXTENSION: 'extension',
  OBJECT_SCHEMA: 'schema',
  OBJECT_POLICY: 'policy',
};

function dropTargets(n: PgNode): DropTarget[] {
  const kind = DROP_KINDS[n.removeType as string];
  if (!kind) return [];
  const out: DropTarget[] = [];
  for (const obj of n.objects ?? []) {
    switch (kind) {
      case 'table':
      case 'view':
      case 'materialized view':
      case 'index':
      case 'sequence': {
        const r = qualified(listNames(obj.List?.items));
        out.push({ key: `${kind}:${q(r)}`, label: `${kind} ${shown(r)}`, kind });
        break;
      }
      case 'type':
      case 'domain': {
        const r = qualified(listNames(obj.TypeName?.names).map((s) => s.toLowerCase()));
        out.push({ key: `type:${q(r)}`, label: `${kind} ${shown(r)}`, kind });
        break;
      }
      case 'function':
      case 'procedure': {
        const o = obj.ObjectWithArgs as PgNode;
        const r = qualified(listNames(o?.objname));
        const prefix = `function:${q(r)}`;
        if (o?.args_unspecified || !o?.objargs) {
          out.push({ key: prefix, prefix, label: `${kind} ${shown(r)}`, kind });
        } else {
          const args = (o.objargs as PgNode[]).map((a) => typeKey(a.TypeName));
          out.push({ key: `${prefix}(${args.join(',')})`, prefix, label: `${kind} ${shown(r)}(${args.join(', ')})`, kind });
        }
        break;
      }
      case 'trigger':
      case 'policy': {
        const items = listNames(obj.List?.items);
        const name = items[items.length - 1];
        const t = qualified(items.slice(0, -1));
        out.push({ key: `${kind}:${q(t)}.${name}`, label: `${kind} ${name} on ${shown(t)}`, kind });
        break;
      }
      case 'extension':
      case 'schema': {
        const name = str(obj) ?? '?';
        out.push({ key: `${kind}:${name}`, label: `${kind} ${name}`, kind });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

interface RenameInfo {
  from: string;
  to: string;
  oldLabel: string;
  newLabel: string;
  newName: string;
  inverseSql: string;
}

function renameTarget(n: PgNode): RenameInfo | null {
  const newName = n.newname as string;
  switch (n.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE':
    case 'OBJECT_INDEX': {
      const kind = DROP_KINDS[n.renameType as string];
      const r = rel(n.relation);
      const to: RelName = { schema: r.schema, name: newName };
      const word = kind === 'materialized view' ? 'MATERIALIZED VIEW' : kind.toUpperCase();
      return {
        from: `${kind}:${q(r)}`,
        to: `${kind}:${q(to)}`,
        oldLabel: `${kind} ${shown(r)}`,
        newLabel: `${kind} ${shown(to)}`,
        newName,
        inverseSql: `ALTER ${word} ${shown(to)} RENAME TO ${r.name};`,
      };
    }
    case 'OBJECT_COLUMN': {
      const r = rel(n.relation);
      return {
        from: `column:${q(r)}.${n.subname}`,
        to: `column:${q(r)}.${newName}`,
        oldLabel: `column ${n.subname} of ${shown(r)}`,
        newLabel: `column ${newName} of ${shown(r)}`,
        newName,
        inverseSql: `ALTER TABLE ${shown(r)} RENAME COLUMN ${newName} TO ${n.subname};`,
      };
    }
    case 'OBJECT_TABCONSTRAINT': {
      const r = rel(n.relation);
      return {
        from: `constraint:${q(r)}.${n.subname}`,
        to: `constraint:${q(r)}.${newName}`,
        oldLabel: `constraint ${n.subname} on ${shown(r)}`,
        newLabel: `constraint ${newName} on ${shown(r)}`,
        newName,
        inverseSql: `ALTER TABLE ${shown(r)} RENAME CONSTRAINT ${newName} TO ${n.subname};`,
      };
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const r = qualified(listNames(n.object?.List?.items ?? (n.object?.TypeName ? n.object.TypeName.names : undefined)));
      const to: RelName = { schema: r.schema, name: newName };
      const word = n.renameType === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN';
      return {
        from: `type:${q(r)}`,
        to: `type:${q(to)}`,
        oldLabel: `${word.toLowerCase()} ${shown(r)}`,
        newLabel: `${word.toLowerCase()} ${shown(to)}`,
        newName,
        inverseSql: `ALTER ${word} ${shown(to)} RENAME TO ${r.name};`,
      };
    }
    default:
      return null;
  }
}

/** PostgreSQL's FigureColname, enough for index names: a function call is named after the function. */
function figureColname(expr: PgNode | undefined): string {
  if (!expr) return 'expr';
  if (expr.FuncCall) {
    const f = listNames(expr.FuncCall.funcname);
    return f[f.length - 1] ?? 'expr';
  }
  if (expr.TypeCast) return figureColname(expr.TypeCast.arg) === 'expr' ? typeKey(expr.TypeCast.typeName).split('.').pop()! : figureColname(expr.TypeCast.arg);
  if (expr.ColumnRef) {
    const f = listNames(expr.ColumnRef.fields);
    return f[f.length - 1] ?? 'expr';
  }
  return 'expr';
}

/** The identity key of a CREATE FUNCTION statement: name and IN argument types. */
function functionKey(n: PgNode): string {
  const r = qualified(listNames(n.funcname));
  const args = ((n.parameters ?? []) as PgNode[])
    .map((p) => p.FunctionParameter as PgNode)
    .filter((fp) => fp.mode !== 'FUNC_PARAM_OUT' && fp.mode !== 'FUNC_PARAM_TABLE')
    .map((fp) => typeKey(fp.argType));
  return `function:${q(r)}(${args.join(',')})`;
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Visits every object node under `n` (depth first). */
export function walk(n: unknown, visit: (node: PgNode) => void): void {
  if (Array.isArray(n)) {
    for (const x of n) walk(x, visit);
  } else if (n && typeof n === 'object') {
    visit(n as PgNode);
    for (const v of Object.values(n as PgNode)) if (v && typeof v === 'object') walk(v, visit);
  }
}
