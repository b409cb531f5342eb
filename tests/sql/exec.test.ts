/**
 * `--exec` in embedded PostgreSQL. PGlite starts take seconds: one instance for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor, defaultCacheDir, extensionsIn, type MigrationExecutor, type SpecMigrationInput } from '../../src/sql/exec.js';
import { analyzeMigration } from '../../src/sql/analyze.js';

const conformance = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'goose-conformance');
const sql = (...lines: string[]) => lines.join('\n') + '\n';

async function input(path: string, text: string): Promise<SpecMigrationInput> {
  const a = await analyzeMigration(text);
  return { path, sql: text, parsed: a.goose, upStatements: a.up };
}

let ex: MigrationExecutor;

beforeAll(async () => {
  ex = await createExecutor({
    existing: [
      { path: 'migrations/20250101000000_users.sql', sql: sql('-- +goose Up', 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', '-- +goose Down', 'DROP TABLE users;') },
      { path: 'migrations/20250102000000_broken.sql', sql: sql('-- +goose Up', 'ALTER TABLE nowhere ADD COLUMN x int;', '-- +goose Down', 'SELECT 1;') },
    ],
  });
}, 120_000);

afterAll(async () => {
  await ex?.close();
});

describe('createExecutor', () => {
  it('caches the initialised data directory and reports existing migrations that fail', () => {
    expect(readdirSync(defaultCacheDir()).some((f) => /^pglite-.*-initdb\.tar\.gz$/.test(f))).toBe(true);
    expect(ex.baselineProblems).toEqual([{ path: 'migrations/20250102000000_broken.sql', message: expect.stringContaining('relation "nowhere" does not exist') }]);
  });
});

describe('runSpec', () => {
  it("applies, reverses and re-applies goose's Postgres sequence 00001 → 00003 → 00005 → 00006", async () => {
    const files = ['00001_table.sql', '00003_alter.sql', '00005_no_tx.sql', '00006_complex.sql'];
    const migrations = await Promise.all(files.map((f) => input(`migrations/${f}`, readFileSync(join(conformance, 'postgres', f), 'utf8'))));
    expect(await ex.runSpec(migrations)).toEqual([]);
    // Isolation: nothing of that spec is left for the next one.
    expect(await ex.runSpec([await input('migrations/20260101000000_owners.sql', sql('-- +goose Up', 'CREATE TABLE owners (id int);', '-- +goose Down', 'DROP TABLE owners;'))])).toEqual([]);
  });

  it('catches an Up that fails only at execution (a foreign key to a column that does not exist)', async () => {
    const m = await input(
      'migrations/20260101000000_invites.sql',
      sql('-- +goose Up', 'CREATE TABLE invites (', '  id bigint PRIMARY KEY,', '  user_id bigint REFERENCES users(uid)', ');', '-- +goose Down', 'DROP TABLE invites;'),
    );
    const findings = await ex.runSpec([m]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ migration: 0, line: 2 });
    expect(findings[0].message).toMatch(/^Up fails in embedded PostgreSQL: column "uid" referenced in foreign key constraint does not exist/);
  });

  it('stubs foreign-key targets that nothing creates', async () => {
    const m = await input(
      'migrations/20260101000000_invites.sql',
      sql('-- +goose Up', 'CREATE TABLE invites (', '  id uuid PRIMARY KEY,', '  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE', ');', '-- +goose Down', 'DROP TABLE invites;'),
    );
    expect(await ex.runSpec([m])).toEqual([]);
  });

  it('does not stub a foreign-key target the schema model knows is missing (mayStub): the Up fails as in goose', async () => {
    const m = await input(
      'migrations/20260101000000_invites.sql',
      sql('-- +goose Up', 'CREATE TABLE invites (', '  id uuid PRIMARY KEY,', '  workspace_id uuid NOT NULL REFERENCES workspace(id)', ');', '-- +goose Down', 'DROP TABLE invites;'),
    );
    const asked: string[] = [];
    const findings = await ex.runSpec([m], { mayStub: (schema, table) => (asked.push(`${schema}.${table}`), false) });
    expect(asked).toEqual(['public.workspace']);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('relation "workspace" does not exist');
    // an unknown target is still stubbed
    expect(await ex.runSpec([m], { mayStub: () => true })).toEqual([]);
  });

  it('reports a Down that leaves the schema changed, at the Down annotation', async () => {
    const m = await input(
      'migrations/20260101000000_idx.sql',
      sql('-- +goose Up', 'CREATE INDEX users_email_idx ON users (email);', '', '-- +goose Down', 'SELECT 1;'),
    );
    const findings = await ex.runSpec([m]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 4 });
    expect(findings[0].message).toContain('after Down the schema differs from before Up: still present: index definition public.users_email_idx');
  });

  it('a CREATE INDEX CONCURRENTLY needs NO TRANSACTION, as in goose', async () => {
    const withoutNoTx = await input('migrations/20260101000000_c.sql', sql('-- +goose Up', 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);', '-- +goose Down', 'DROP INDEX CONCURRENTLY users_email_idx;'));
    const f = await ex.runSpec([withoutNoTx]);
    expect(f[0]).toMatchObject({ line: 2 });
    expect(f[0].message).toContain('cannot run inside a transaction block');
    const withNoTx = await input('migrations/20260101000000_c.sql', sql('-- +goose NO TRANSACTION', '-- +goose Up', 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);', '-- +goose Down', 'DROP INDEX CONCURRENTLY users_email_idx;'));
    expect(await ex.runSpec([withNoTx])).toEqual([]);
  });

  it('restores the baseline after a NO TRANSACTION spec whose Down leaves something behind', async () => {
    const leaky = await input('migrations/20260101000000_l.sql', sql('-- +goose NO TRANSACTION', '-- +goose Up', 'CREATE INDEX CONCURRENTLY leak_idx ON users (email);', '-- +goose Down', 'SELECT 1;'));
    const f = await ex.runSpec([leaky]);
    expect(f).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('still present: index definition public.leak_idx') })]);
    // the next spec starts from the baseline again: the index is gone, the existing table is there
    const next = await input('migrations/20260101000001_n.sql', sql('-- +goose Up', 'CREATE INDEX leak_idx ON users (email);', '-- +goose Down', 'DROP INDEX leak_idx;'));
    expect(await ex.runSpec([next])).toEqual([]);
  });

  it('reports a Down that fails, at its statement', async () => {
    const m = await input('migrations/20260101000000_t.sql', sql('-- +goose Up', 'CREATE TABLE t1 (id int);', '-- +goose Down', 'DROP TABLE t2;'));
    const f = await ex.runSpec([m]);
    expect(f).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('Down fails in embedded PostgreSQL: table "t2" does not exist') })]);
  });
});

describe('extensionsIn', () => {
  it('finds CREATE EXTENSION names', () => {
    expect(extensionsIn('create extension if not exists "uuid-ossp"; CREATE EXTENSION pgcrypto;')).toEqual(['uuid-ossp', 'pgcrypto']);
    expect(existsSync(defaultCacheDir())).toBe(true);
  });
});
