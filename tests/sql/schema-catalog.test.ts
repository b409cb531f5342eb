/**
 * The schema model (src/sql/schema.ts) against the real catalog: the same migrations' Up sections run in an
 * embedded PostgreSQL (PGlite), and every table, column, column type, NOT NULL, index and enum the model
 * knows must be what PostgreSQL made — a difference is a bug of the model. Also the model's own unit facts:
 * what it marks unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMigration } from '../../src/sql/analyze.js';
import { applyMigration, Schema } from '../../src/sql/schema.js';
import { parseGooseMigration } from '../../src/sql/goose-parser.js';

const here = dirname(fileURLToPath(import.meta.url));
const conformance = (...p: string[]) => readFileSync(join(here, '..', 'fixtures', 'goose-conformance', ...p), 'utf8');
const fixture = (f: string) => readFileSync(join(here, '..', 'fixtures', 'repo', 'migrations', f), 'utf8');
const sql = (...lines: string[]) => lines.join('\n') + '\n';

const MIGRATIONS = [
  fixture('20260101090000_create_workspaces.sql'),
  fixture('20260101090500_create_workspace_members.sql'),
  conformance('postgres', '00001_table.sql'),
  conformance('postgres', '00003_alter.sql'),
  conformance('postgres', '00006_complex.sql'),
  sql(
    '-- +goose Up',
    "CREATE TYPE invite_status AS ENUM ('pending', 'accepted');",
    'CREATE TABLE invites (',
    '  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),',
    '  workspace_id uuid NOT NULL REFERENCES workspaces(id),',
    '  email varchar(320) NOT NULL,',
    "  status invite_status NOT NULL DEFAULT 'pending',",
    '  tags text[],',
    '  score numeric(10, 2),',
    '  n serial,',
    '  created_at timestamp with time zone NOT NULL DEFAULT now(),',
    '  UNIQUE (workspace_id, email)',
    ');',
    'CREATE INDEX idx_invites_created ON invites (created_at DESC);',
    'CREATE UNIQUE INDEX ON invites (lower(email));',
    'ALTER TABLE invites ADD COLUMN note text, ALTER COLUMN score TYPE numeric(12, 2), ALTER COLUMN tags SET NOT NULL;',
    'ALTER TABLE invites RENAME COLUMN note TO remark;',
    'ALTER TABLE workspace_members DROP COLUMN role;',
    'ALTER TABLE workspaces RENAME TO teams;',
    'CREATE TABLE invite_copies (LIKE invites);',
    'CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz DEFAULT now()) ;',
    'ALTER TABLE audit ADD CONSTRAINT audit_at_nn CHECK (at IS NOT NULL) NOT VALID;',
    '-- +goose Down',
    'SELECT 1;',
  ),
];

type Db = { exec(sql: string): Promise<unknown>; query<T>(sql: string): Promise<{ rows: T[] }>; close(): Promise<void> };
let db: Db;
const model = new Schema();

beforeAll(async () => {
  const { PGlite } = (await import('@electric-sql/pglite')) as unknown as { PGlite: { create(): Promise<Db> } };
  db = await PGlite.create();
  for (const text of MIGRATIONS) {
    const a = await analyzeMigration(text);
    expect(a.syntax).toEqual([]);
    applyMigration(model, a.upTrees.statements, a.upTrees.complete, { origin: 'repo', noTransaction: parseGooseMigration(text).noTransaction });
    for (const g of a.goose.up) await db.exec(g.text);
  }
}, 180_000);

afterAll(async () => {
  await db?.close();
});

describe('the schema model agrees with the catalog after Up', () => {
  it('tables and their columns: names, types, NOT NULL', async () => {
    const { rows } = await db.query<{ t: string; c: string; type: string; dims: number; nn: boolean; mods: string | null }>(`
      SELECT c.relname AS t, a.attname AS c, ty.typname AS type, a.attndims AS dims, a.attnotnull AS nn,
             substring(format_type(a.atttypid, a.atttypmod) from '\\(([0-9, ]+)\\)') AS mods
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type ty ON ty.oid = a.atttypid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, a.attnum`);
    const catalog = new Map<string, string[]>();
    for (const r of rows) {
      const base = r.type.startsWith('_') ? r.type.slice(1) : r.type;
      const array = r.type.startsWith('_') ? '[]' : '';
      const mods = r.mods ? `(${r.mods.replace(/\s+/g, '')})` : '';
      catalog.set(r.t, [...(catalog.get(r.t) ?? []), `${r.c} ${base}${mods}${array}${r.nn ? ' not null' : ''}`]);
    }
    const known = new Map<string, string[]>();
    for (const t of model.relations.values()) {
      if (t.kind !== 'table' || t.schema !== 'public') continue;
      expect(t.columnsKnown, t.name).toBe(true);
      known.set(
        t.name,
        [...t.columns.values()].map((c) => `${c.name} ${c.type!.base}${c.type!.mods.length ? `(${c.type!.mods.join(',')})` : ''}${'[]'.repeat(c.type!.array)}${c.notNull ? ' not null' : ''}`),
      );
    }
    expect([...known.keys()].sort()).toEqual(expect.arrayContaining(['audit', 'invite_copies', 'invites', 'owners', 'repos', 'teams', 'workspace_members']));
    expect(Object.fromEntries([...known].map(([k, v]) => [k, [...v].sort()]))).toEqual(Object.fromEntries([...catalog].map(([k, v]) => [k, [...v].sort()])));
  });

  it('indexes by name (explicit, and the names PostgreSQL gives constraints and unnamed indexes)', async () => {
    const { rows } = await db.query<{ i: string }>(`SELECT indexname AS i FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
    const fromModel = [...model.indexes.values()].filter((i) => i.schema === 'public').map((i) => i.name);
    // an index on an expression without a name is named after the expression (invites_lower_idx): the model
    // names it `…_expr_idx` and no rule relies on that name; every other index must match
    const catalog = rows.map((r) => r.i).filter((i) => i !== 'invites_lower_idx');
    expect(fromModel.filter((i) => !i.includes('_expr_')).sort()).toEqual(catalog.sort());
  });

  it('user types', async () => {
    const { rows } = await db.query<{ t: string }>(`SELECT t.typname AS t FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1`);
    for (const r of rows) expect(model.types.has(`public.${r.t}`), r.t).toBe(true);
  });
});

describe('what the model marks unknown', () => {
  const build = async (texts: string[], closed = true) => {
    const s = new Schema();
    for (const t of texts) {
      const a = await analyzeMigration(t);
      applyMigration(s, a.upTrees.statements, a.upTrees.complete, { origin: 'repo', noTransaction: false });
    }
    s.closed = closed;
    return s;
  };
  const up = (...l: string[]) => sql('-- +goose Up', ...l, '-- +goose Down', 'SELECT 1;');

  it('a name never seen is missing only in a closed world, in a schema the migrations know', async () => {
    const s = await build([up('CREATE TABLE a (id int);')]);
    expect(s.relationStatus('public', 'a')).toBe('exists');
    expect(s.relationStatus('public', 'b')).toBe('missing');
    expect(s.relationStatus('auth', 'users')).toBe('unknown');
    expect(s.relationStatus('pg_catalog', 'pg_class')).toBe('unknown');
    expect((await build([up('CREATE TABLE a (id int);')], false)).relationStatus('public', 'b')).toBe('unknown');
  });

  it('DO blocks with DDL, function calls, search_path, unknown statements, unparsed SQL, table-creating extensions', async () => {
    for (const text of [
      up('-- +goose StatementBegin', "DO $$ BEGIN EXECUTE 'CREATE TABLE b (id int)'; END $$;", '-- +goose StatementEnd'),
      up("SELECT partman.create_parent('public.a', 'id');"),
      up('SET search_path TO app;'),
      up('IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO public;'),
      up('CREATE TABEL b (id int);'),
      up('CREATE EXTENSION postgis;'),
    ]) {
      expect((await build([up('CREATE TABLE a (id int);'), text])).relationStatus('public', 'b'), text).toBe('unknown');
    }
    // a DO block that only moves data changes nothing the model follows
    expect((await build([up('-- +goose StatementBegin', "DO $$ BEGIN UPDATE a SET id = 1; END $$;", '-- +goose StatementEnd')])).relationStatus('public', 'b')).toBe('missing');
  });

  it('columns of a table created from a query or a type are unknown; types and functions after an extension', async () => {
    const s = await build([up('CREATE TABLE a (id int);', 'CREATE TABLE c AS SELECT * FROM a;', 'CREATE VIEW v AS SELECT id FROM a;', 'CREATE EXTENSION citext;')]);
    expect(s.columnStatus('public', 'a', 'nope')).toBe('missing');
    expect(s.columnStatus('public', 'c', 'nope')).toBe('unknown');
    expect(s.columnStatus('public', 'v', 'nope')).toBe('unknown');
    expect(s.typeStatus({ base: 'citext', mods: [], array: 0, schema: null, name: 'citext' })).toBe('unknown');
    expect(s.functionStatus(['my_trigger_fn'])).toBe('unknown');
  });
});
