import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMigration, makeObjectName } from '../../src/sql/analyze.js';

const conformance = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'goose-conformance');
const sql = (...lines: string[]) => lines.join('\n') + '\n';
const brief = (fs: Array<{ line: number; message: string }>) => fs.map((f) => [f.line, f.message]);

describe('syntax', () => {
  it('maps a syntax error to its line and column in the SQL', async () => {
    const a = await analyzeMigration(sql('-- +goose Up', 'CREATE TABLE t (', '  id int,', '  name txt text', ');', '-- +goose Down', 'DROP TABLE t;'));
    expect(a.syntax).toHaveLength(1);
    expect(a.syntax[0]).toMatchObject({ line: 4, column: 12, kind: 'sql', direction: 'up' });
    expect(a.syntax[0].message).toMatch(/syntax error at or near "text"/);
  });

  it('finds errors in the Down section too', async () => {
    const a = await analyzeMigration(sql('-- +goose Up', 'CREATE TABLE t (id int);', '-- +goose Down', 'DROP TABEL t;'));
    expect(a.syntax[0]).toMatchObject({ line: 4, column: 6, direction: 'down' });
  });

  it('parses a trigger function inside StatementBegin/StatementEnd, and points at a PL/pgSQL error', async () => {
    const ok = await analyzeMigration(readFileSync(join(conformance, 'valid-up', 'test01', 'input.sql'), 'utf8'));
    expect(ok.syntax).toEqual([]);
    const bad = await analyzeMigration(
      sql(
        '-- +goose Up',
        'CREATE TABLE emp (name text, stamp timestamptz);',
        '-- +goose StatementBegin',
        'CREATE FUNCTION emp_stamp() RETURNS trigger AS $$',
        'BEGIN',
        '  IF NEW.name IS NULL THEN',
        "    RAISE EXCEPTION 'name cannot be null';",
        '  END IF',
        '  NEW.stamp := now();',
        '  RETURN NEW;',
        'END;',
        '$$ LANGUAGE plpgsql;',
        '-- +goose StatementEnd',
        'CREATE TRIGGER emp_stamp BEFORE INSERT ON emp FOR EACH ROW EXECUTE FUNCTION emp_stamp();',
        '-- +goose Down',
        'DROP TABLE emp;',
        'DROP FUNCTION emp_stamp();',
      ),
    );
    expect(bad.syntax).toHaveLength(1);
    expect(bad.syntax[0]).toMatchObject({ kind: 'plpgsql', line: 9 });
    expect(bad.missing).toEqual([]);
    expect(bad.order).toEqual([]);
  });
});

describe('Down reverses Up', () => {
  it('the conformance migrations reverse cleanly (generated index name, type names in any case)', async () => {
    for (const f of ['00001_table.sql', '00002_insert.sql', '00003_alter.sql', '00005_no_tx.sql', '00006_complex.sql']) {
      const a = await analyzeMigration(readFileSync(join(conformance, 'postgres', f), 'utf8'));
      expect([f, a.syntax, a.missing, a.order, a.extra]).toEqual([f, [], [], [], []]);
    }
  });

  it('reports an index Down forgets', async () => {
    const a = await analyzeMigration(
      sql(
        '-- +goose Up',
        'CREATE TABLE invites (id uuid PRIMARY KEY, email text NOT NULL);',
        'CREATE INDEX idx_members_email ON members (email);',
        '-- +goose Down',
        'DROP TABLE invites;',
      ),
    );
    expect(brief(a.missing)).toEqual([[3, expect.stringContaining('Up creates index idx_members_email on members, but Down does not remove it: add `DROP INDEX idx_members_email;`')]]);
    expect(a.extra).toEqual([]);
  });

  it('reports a Down that drops the wrong table', async () => {
    const a = await analyzeMigration(sql('-- +goose Up', 'CREATE TABLE invites (id int);', '-- +goose Down', 'DROP TABLE invitations;'));
    expect(brief(a.missing)).toEqual([[2, expect.stringContaining('table invites')]]);
    expect(brief(a.extra)).toEqual([[4, expect.stringContaining('Down drops table invitations, which Up does not create')]]);
  });

  it('compares unquoted names case-insensitively and quoted ones exactly', async () => {
    const ok = await analyzeMigration(sql('-- +goose Up', 'CREATE TABLE Users (id int);', '-- +goose Down', 'DROP TABLE USERS;'));
    expect([ok.missing, ok.extra]).toEqual([[], []]);
    const bad = await analyzeMigration(sql('-- +goose Up', 'CREATE TABLE "Users" (id int);', '-- +goose Down', 'DROP TABLE users;'));
    expect(bad.missing).toHaveLength(1);
    expect(bad.extra).toHaveLength(1);
  });

  it('checks the order of drops: dependants first, unless CASCADE', async () => {
    const up = ['-- +goose Up', "CREATE TYPE kind AS ENUM ('a');", 'CREATE TABLE owners (id int PRIMARY KEY, k kind);', 'CREATE TABLE repos (id int, owner_id int REFERENCES owners(id));', 'CREATE INDEX repos_owner ON repos (owner_id);', '-- +goose Down'];
    const wrong = await analyzeMigration(sql(...up, 'DROP TABLE owners;', 'DROP TABLE repos;', 'DROP INDEX repos_owner;', 'DROP TYPE kind;'));
    expect(brief(wrong.order)).toEqual([
      [7, expect.stringContaining('Down drops table owners while table repos (created by Up) still depends on it')],
      [9, expect.stringContaining('Down drops index repos_owner after it was already removed by `DROP TABLE repos` (line 8): this statement fails')],
    ]);
    expect(wrong.missing).toEqual([]);
    const typeFirst = await analyzeMigration(sql(...up, 'DROP TYPE kind;', 'DROP TABLE repos;', 'DROP TABLE owners;'));
    expect(brief(typeFirst.order)).toEqual([[7, expect.stringContaining('Down drops type kind while table owners')]]);
    const cascade = await analyzeMigration(sql(...up, 'DROP TABLE owners CASCADE;', 'DROP INDEX IF EXISTS repos_owner;', 'DROP TABLE repos;', 'DROP TYPE kind;'));
    expect([cascade.order, cascade.missing, cascade.extra]).toEqual([[], [], []]);
  });

  it('knows the names PostgreSQL generates for unnamed indexes and constraints', async () => {
    expect(makeObjectName('owners', 'owner_name', 'idx')).toBe('owners_owner_name_idx');
    expect(makeObjectName('a'.repeat(40), 'b'.repeat(40), 'idx')).toHaveLength(63);
    const ok = await analyzeMigration(
      sql(
        '-- +goose Up',
        'ALTER TABLE members ADD CONSTRAINT members_email_fmt CHECK (email <> \'\'), ADD UNIQUE (workspace_id, email);',
        'CREATE INDEX ON members (lower(email));',
        '-- +goose Down',
        'DROP INDEX members_lower_idx;',
        'ALTER TABLE members DROP CONSTRAINT members_workspace_id_email_key, DROP CONSTRAINT members_email_fmt;',
      ),
    );
    expect([ok.missing, ok.extra, ok.order]).toEqual([[], [], []]);
    const wrongName = await analyzeMigration(sql('-- +goose Up', 'CREATE INDEX ON owners (owner_name);', '-- +goose Down', 'DROP INDEX owners_name_idx;'));
    expect(wrongName.missing[0].message).toContain('owners_owner_name_idx');
    expect(wrongName.extra[0].message).toContain('owners_name_idx');
  });

  it('columns added to an existing table: Down drops them (their constraints go with them)', async () => {
    const ok = await analyzeMigration(sql('-- +goose Up', 'ALTER TABLE repos ADD COLUMN owner_id int REFERENCES owners(id);', '-- +goose Down', 'ALTER TABLE repos DROP COLUMN owner_id;'));
    expect([ok.missing, ok.extra, ok.order]).toEqual([[], [], []]);
    expect(ok.referencedTables.get('public.owners')).toEqual(new Set(['id']));
    const bad = await analyzeMigration(sql('-- +goose Up', 'ALTER TABLE repos ADD COLUMN owner_id int;', '-- +goose Down', 'SELECT 1;'));
    expect(brief(bad.missing)).toEqual([[2, expect.stringContaining('ALTER TABLE repos DROP COLUMN owner_id;')]]);
  });

  it('needs the inverse of a rename and of a type change', async () => {
    const bad = await analyzeMigration(
      sql('-- +goose Up', 'ALTER TABLE users RENAME COLUMN name TO full_name;', 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', '-- +goose Down', 'ALTER TABLE users RENAME COLUMN name TO full_name;'),
    );
    expect(brief(bad.missing)).toEqual([
      [2, expect.stringContaining('ALTER TABLE users RENAME COLUMN full_name TO name;')],
      [3, expect.stringContaining('Down does not reverse the type change of column age of users')],
    ]);
    const ok = await analyzeMigration(
      sql('-- +goose Up', 'ALTER TABLE users RENAME COLUMN name TO full_name;', 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', '-- +goose Down', 'ALTER TABLE users ALTER COLUMN age TYPE integer;', 'ALTER TABLE users RENAME COLUMN full_name TO name;'),
    );
    expect(ok.missing).toEqual([]);
  });

  it('matches functions by argument types, case-insensitively', async () => {
    const bad = await analyzeMigration(sql('-- +goose Up', 'CREATE FUNCTION f(a text) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', '-- +goose Down', 'DROP FUNCTION f(int);'));
    expect(bad.missing).toHaveLength(1);
    expect(bad.extra[0].message).toContain('argument types differ');
    const ok = await analyzeMigration(sql('-- +goose Up', 'CREATE FUNCTION f(a TEXT, b INTEGER) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', '-- +goose Down', 'DROP FUNCTION f(text, int4);'));
    expect([ok.missing, ok.extra]).toEqual([[], []]);
  });

  it('warns when Up drops something Down does not re-create', async () => {
    const a = await analyzeMigration(sql('-- +goose Up', 'ALTER TABLE users DROP COLUMN legacy;', '-- +goose Down', 'SELECT 1;'));
    expect(a.missing).toHaveLength(1);
    expect(a.missing[0]).toMatchObject({ line: 2, severity: 'warning' });
    const ok = await analyzeMigration(sql('-- +goose Up', 'ALTER TABLE users DROP COLUMN legacy;', '-- +goose Down', 'ALTER TABLE users ADD COLUMN legacy text;'));
    expect(ok.missing).toEqual([]);
  });

  it('skips the reversal check when a direction does not parse', async () => {
    const a = await analyzeMigration(sql('-- +goose Up', 'CREATE TABLE t (id int);', '-- +goose Down', 'DROP TABEL t;'));
    expect(a.missing).toEqual([]);
  });
});

describe('CREATE OR REPLACE', () => {
  it('a Down that restores the previous view or function definition reverses a replacement', async () => {
    const a = await analyzeMigration(
      sql(
        '-- +goose Up',
        'CREATE OR REPLACE VIEW active_users AS SELECT id FROM users WHERE active;',
        'CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a + 1 $$;',
        '-- +goose Down',
        'CREATE OR REPLACE VIEW active_users AS SELECT id FROM users;',
        'CREATE OR REPLACE FUNCTION f(a integer) RETURNS int LANGUAGE sql AS $$ SELECT a $$;',
      ),
    );
    expect([a.missing, a.extra, a.order]).toEqual([[], [], []]);
    const plain = await analyzeMigration(sql('-- +goose Up', 'CREATE VIEW v AS SELECT 1;', '-- +goose Down', 'CREATE OR REPLACE VIEW v AS SELECT 2;'));
    expect(plain.missing).toHaveLength(1);
  });
});

describe('one DROP of several objects', () => {
  it('drops them together, whatever their dependencies', async () => {
    const a = await analyzeMigration(
      sql('-- +goose Up', 'CREATE TABLE owners (id int PRIMARY KEY);', 'CREATE TABLE repos (owner_id int REFERENCES owners(id));', '-- +goose Down', 'DROP TABLE owners, repos;'),
    );
    expect([a.missing, a.extra, a.order]).toEqual([[], [], []]);
  });
});
