/**
 * Type names for the schema model: PostgreSQL's built-in type names, and one spelling per type so that a
 * data-model table's `TIMESTAMPTZ` and a migration's `timestamp with time zone` compare equal.
 */
import type { PgNode } from './pg.js';

/** Alias → canonical name (PostgreSQL's internal names). */
const ALIASES: Record<string, string> = {
  int: 'int4',
  integer: 'int4',
  int4: 'int4',
  smallint: 'int2',
  int2: 'int2',
  bigint: 'int8',
  int8: 'int8',
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
  bool: 'bool',
  boolean: 'bool',
  real: 'float4',
  float4: 'float4',
  float: 'float8',
  float8: 'float8',
  'double precision': 'float8',
  double: 'float8',
  varchar: 'varchar',
  'character varying': 'varchar',
  char: 'bpchar',
  character: 'bpchar',
  bpchar: 'bpchar',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timetz: 'timetz',
  'time with time zone': 'timetz',
  time: 'time',
  'time without time zone': 'time',
  decimal: 'numeric',
  numeric: 'numeric',
  'bit varying': 'varbit',
  varbit: 'varbit',
};

/** Built-in type names (canonical or as written without `pg_catalog`), for "does this type exist". */
const BUILTIN = new Set([
  ...Object.keys(ALIASES),
  ...Object.values(ALIASES),
  'text', 'uuid', 'json', 'jsonb', 'jsonpath', 'bytea', 'date', 'interval', 'money', 'inet', 'cidr', 'macaddr',
  'macaddr8', 'tsvector', 'tsquery', 'xml', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'bit',
  'oid', 'regclass', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regtype', 'regconfig', 'regdictionary',
  'regnamespace', 'regrole', 'regcollation', 'name', 'xid', 'xid8', 'cid', 'tid', 'aclitem', 'int2vector',
  'oidvector', 'refcursor', 'pg_lsn', 'pg_snapshot', 'txid_snapshot', 'int4range', 'int8range', 'numrange',
  'tsrange', 'tstzrange', 'daterange', 'int4multirange', 'int8multirange', 'nummultirange', 'tsmultirange',
  'tstzmultirange', 'datemultirange', 'record', 'void', 'trigger', 'event_trigger', 'anyelement', 'anyarray',
  'anynonarray', 'anyenum', 'anyrange', 'anymultirange', 'anycompatible', 'anycompatiblearray',
  'anycompatiblenonarray', 'anycompatiblerange', 'anycompatiblemultirange', 'cstring', 'internal', 'unknown',
  'language_handler', 'fdw_handler', 'index_am_handler', 'tsm_handler', 'table_am_handler', 'pg_node_tree',
  'pg_ndistinct', 'pg_dependencies', 'pg_mcv_list', 'pg_ddl_command', 'gtsvector', 'smgr', 'abstime', 'reltime',
  'tinterval', 'char', '"char"',
]);

export interface TypeRef {
  /** Canonical name (schema-qualified for non-public user types), without modifiers or array brackets. */
  base: string;
  /** The type modifiers written (`varchar(20)` → [20]), empty when none. */
  mods: number[];
  /** Array dimensions. */
  array: number;
  /** The schema written, when the name was qualified by a schema other than pg_catalog. */
  schema: string | null;
  /** The name as written (last part, lower case). */
  name: string;
}

/** A TypeName node as a TypeRef. */
export function typeRefOf(t: PgNode | undefined): TypeRef | null {
  if (!t || !Array.isArray(t.names)) return null;
  const names = (t.names as PgNode[]).map((n) => (n.String?.sval as string | undefined) ?? '').filter((s) => s !== '');
  if (names.length === 0) return null;
  const catalog = names[0] === 'pg_catalog';
  const parts = catalog ? names.slice(1) : names;
  const name = parts[parts.length - 1].toLowerCase();
  const schema = !catalog && parts.length >= 2 ? parts[parts.length - 2] : null;
  const mods = ((t.typmods ?? []) as PgNode[]).map((m) => m.A_Const?.ival?.ival).filter((v): v is number => typeof v === 'number');
  const array = Array.isArray(t.arrayBounds) ? t.arrayBounds.length : 0;
  const base = schema && schema !== 'public' ? `${schema}.${name}` : canonicalType(name);
  return { base, mods, array, schema, name };
}

/** The canonical name of a (lower-case, unqualified) type name. */
export function canonicalType(name: string): string {
  const n = name.toLowerCase().replace(/\s+/g, ' ').trim();
  return ALIASES[n] ?? n;
}

/** Whether a type name (unqualified, as written) is one of PostgreSQL's own. */
export function isBuiltinType(name: string): boolean {
  return BUILTIN.has(name.toLowerCase());
}

/** `varchar(20)[]` for messages. */
export function showType(t: TypeRef): string {
  return `${t.base}${t.mods.length ? `(${t.mods.join(',')})` : ''}${'[]'.repeat(t.array)}`;
}

/**
 * A type as a data-model table writes it (`UUID`, `TIMESTAMPTZ`, `VARCHAR(255)`, `TEXT[]`, `timestamp with
 * time zone`), or null when the cell is not a plain type name (`'a' | 'b'`, `UUID (FK)`, `enum`, prose).
 */
export function parseDocType(cell: string): TypeRef | null {
  let s = cell.trim().replace(/^`+|`+$/g, '').trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^([a-z_][a-z0-9_]*(?: [a-z_][a-z0-9_]*){0,3})(?: ?\((\d+)(?: ?, ?(\d+))?\))?((?: ?\[\])*)$/.exec(s);
  if (!m) return null;
  s = m[1];
  if (!isBuiltinType(s)) return null;
  const mods = [m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  const array = (m[4].match(/\[\]/g) ?? []).length;
  return { base: canonicalType(s), mods, array, schema: null, name: s };
}

/** Whether a data-model type and a created type are the same type (a type without modifiers matches any). */
export function sameType(doc: TypeRef, created: TypeRef): boolean {
  if (doc.base !== created.base || doc.array !== created.array) return false;
  if (doc.mods.length === 0 || created.mods.length === 0) return true;
  return doc.mods.join(',') === created.mods.join(',');
}
