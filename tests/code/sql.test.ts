import { describe, expect, it } from 'vitest';
import { checkSql } from '../../src/code/sql.js';

describe('checkSql', () => {
  it('accepts queries with parameters, DDL and comments', async () => {
    expect(await checkSql('-- list pending invites\nSELECT id, email FROM invites WHERE workspace_id = $1 AND status = \'pending\';\n')).toBeNull();
    expect(await checkSql('CREATE INDEX CONCURRENTLY idx_a ON a (b);')).toBeNull();
    expect(await checkSql('')).toBeNull();
    expect(await checkSql('-- nothing\n')).toBeNull();
  });

  it('reports a syntax error at its line and column', async () => {
    const e = await checkSql('SELECT 1;\nSELEC 2;\n');
    expect(e).toMatchObject({ start: { line: 2, column: 1 } });
    expect(e!.message).toContain('syntax error at or near "SELEC"');
  });

  it('counts columns in characters, not bytes', async () => {
    const e = await checkSql("SELECT 'ééé' AS x FRM t;");
    expect(e!.message).toContain('"FRM"');
    expect(e!.start).toEqual({ line: 1, column: 19 });
  });

  it('reports an error at the end of input', async () => {
    const e = await checkSql('CREATE TABLE t (\n  a int\n');
    expect(e!.message).toContain('end of input');
    expect(e!.start.line).toBe(3);
  });

  it('parses PL/pgSQL bodies', async () => {
    const ok = 'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;';
    expect(await checkSql(ok)).toBeNull();
    const bad = 'SELECT 1;\nCREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now()\n  RETURN NEW;\nEND;\n$$;';
    const e = await checkSql(bad);
    expect(e?.message).toMatch(/^PL\/pgSQL /);
    expect(e!.start.line).toBeGreaterThanOrEqual(2);
  });

  it('parses DO blocks as PL/pgSQL', async () => {
    expect(await checkSql("DO $$ BEGIN RAISE NOTICE 'x'; END $$;")).toBeNull();
    expect(await checkSql("DO $$ BEGIN RAISE NOTICE 'x' END $$;")).not.toBeNull();
  });

  it('leaves SQL functions alone', async () => {
    expect(await checkSql('CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;')).toBeNull();
  });
});
