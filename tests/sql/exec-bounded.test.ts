/**
 * `--exec` with bounds (src/sql/exec-bounded.ts): PGlite runs in a worker thread that is stopped when a
 * statement runs too long, memory grows too much or the phase's budget is spent, and each is a finding on
 * its statement. Uses the built worker (dist/sql/exec-bounded.js: `npm run build` first, as `npm test` does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBoundedExecutor, type ExecLimits } from '../../src/sql/exec-bounded.js';
import type { MigrationExecutor, SpecMigrationInput } from '../../src/sql/exec.js';
import { analyzeMigration } from '../../src/sql/analyze.js';

const built = existsSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'sql', 'exec-bounded.js'));
const sql = (...lines: string[]) => lines.join('\n') + '\n';

async function input(path: string, text: string): Promise<SpecMigrationInput> {
  const a = await analyzeMigration(text);
  return { path, sql: text, parsed: a.goose, upStatements: a.up };
}

const migration = (...up: string[]) => input('migrations/20260101000000_m.sql', sql('-- +goose Up', 'CREATE TABLE t (id int);', ...up, '-- +goose Down', 'DROP TABLE t;'));

describe.skipIf(!built)('bounded --exec', () => {
  const limits: ExecLimits = { statementSeconds: 2, totalSeconds: 3600, memoryMB: 256 };
  let ex: MigrationExecutor;
  let t0 = 0;
  beforeAll(async () => {
    t0 = Date.now();
    ex = await createBoundedExecutor(
      { existing: [{ path: 'migrations/20250101000000_users.sql', sql: sql('-- +goose Up', 'CREATE TABLE users (id bigint PRIMARY KEY);', '-- +goose Down', 'DROP TABLE users;') }] },
      limits,
    );
  }, 180_000);
  afterAll(async () => {
    await ex?.close();
  });

  it('runs a spec as before (the baseline, Up, Down, Up again)', async () => {
    expect(await ex.runSpec([await input('migrations/20260101000000_a.sql', sql('-- +goose Up', 'CREATE TABLE a (user_id bigint REFERENCES users(id));', '-- +goose Down', 'DROP TABLE a;'))])).toEqual([]);
  }, 120_000);

  it('stops a loop that never ends, at its statement, and the next spec runs on a new instance', async () => {
    const f = await ex.runSpec([await migration('DO $$ BEGIN LOOP END LOOP; END $$;')]);
    expect(f).toEqual([expect.objectContaining({ migration: 0, line: 3, message: expect.stringContaining('did not finish within 2 s (execLimits.statementSeconds') })]);
    expect(await ex.runSpec([await input('migrations/20260101000000_b.sql', sql('-- +goose Up', 'CREATE TABLE b (user_id bigint REFERENCES users(id));', '-- +goose Down', 'DROP TABLE b;'))])).toEqual([]);
  }, 180_000);

  it('stops pg_sleep', async () => {
    const f = await ex.runSpec([await migration('SELECT pg_sleep(100000);')]);
    expect(f).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('Up stopped in embedded PostgreSQL') })]);
  }, 180_000);

  it('stops a statement that makes memory grow past execLimits.memoryMB', async () => {
    limits.statementSeconds = 120;
    try {
      const f = await ex.runSpec([await migration("CREATE TABLE big AS SELECT g, repeat('x', 2000) AS pad FROM generate_series(1, 100000000) g;")]);
      expect(f).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('memory grew by more than 256 MB (execLimits.memoryMB') })]);
    } finally {
      limits.statementSeconds = 2;
    }
  }, 240_000);

  it('COPY … FROM PROGRAM is a finding on its statement, not run (PGlite breaks on it), and the next spec runs', async () => {
    const f = await ex.runSpec([await migration("COPY t FROM PROGRAM 'id';")]);
    expect(f).toEqual([expect.objectContaining({ migration: 0, line: 3, message: expect.stringContaining('COPY … PROGRAM runs a shell command on the database server') })]);
    expect(await ex.runSpec([await migration('SELECT 1;')])).toEqual([]);
  }, 180_000);

  it('once the phase budget is spent, the running statement is stopped and later specs are not executed', async () => {
    limits.statementSeconds = 600;
    expect(await ex.runSpec([await migration('SELECT 1;')])).toEqual([]); // a started instance
    limits.totalSeconds = (Date.now() - t0) / 1000 + 3;
    const f = await ex.runSpec([await migration('SELECT pg_sleep(100000);')]);
    expect(f).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('used its whole budget') })]);
    const later = await ex.runSpec([await migration('SELECT 1;')]);
    expect(later).toEqual([expect.objectContaining({ migration: 0, message: expect.stringContaining('not executed: the --exec phase already used its whole budget') })]);
  }, 180_000);
});

describe('the shared PGlite data directory under the temporary directory', () => {
  it('is one per user, and is used only when it is this user\'s and not writable by others', async () => {
    const { defaultCacheDir, usableCacheDir, trustedCacheFile } = await import('../../src/sql/exec.js');
    const { mkdtempSync, chmodSync, symlinkSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    if (typeof process.getuid === 'function') expect(defaultCacheDir()).toMatch(new RegExp(`spec-cache-${process.getuid()}$`));
    const base = mkdtempSync(join(tmpdir(), 'spec-pglite-dir-'));
    try {
      const own = join(base, 'own');
      expect(usableCacheDir(own)).toBe(true); // created owner-only
      const open = join(base, 'open');
      expect(usableCacheDir(open)).toBe(true);
      chmodSync(open, 0o777);
      expect(usableCacheDir(open)).toBe(false); // anyone could plant a data directory there
      const link = join(base, 'link');
      symlinkSync(own, link);
      expect(usableCacheDir(link)).toBe(false);
      const file = join(own, 'pglite-x-initdb.tar.gz');
      writeFileSync(file, 'x', { mode: 0o600 });
      expect(trustedCacheFile(file)).toBe(true);
      chmodSync(file, 0o666);
      expect(trustedCacheFile(file)).toBe(false);
      const fileLink = join(own, 'link.tar.gz');
      symlinkSync(file, fileLink);
      expect(trustedCacheFile(fileLink)).toBe(false);
      if (process.getuid?.() === 0) {
        const { chownSync } = await import('node:fs');
        chmodSync(file, 0o600);
        chownSync(file, 12345, 12345);
        expect(trustedCacheFile(file)).toBe(false); // someone else's
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('execLimits in spec.config.json', () => {
  it('is validated: a bad value is one clear line naming the key', async () => {
    const { validateConfig } = await import('../../src/lint/config.js');
    await expect(validateConfig({ execLimits: { statementSeconds: 2, totalSeconds: 60, memoryMB: 512 } }, 'spec.config.json')).resolves.toMatchObject({ execLimits: { statementSeconds: 2 } });
    await expect(validateConfig({ execLimits: { statementSeconds: -1 } }, 'spec.config.json')).rejects.toThrow(/statementSeconds/);
    await expect(validateConfig({ execLimits: { timeout: 3 } }, 'spec.config.json')).rejects.toThrow(/timeout/);
  });
});
