/**
 * SQL blocks outside migrations: parsed with the real PostgreSQL parser (`libpg-query`, WASM), loaded on
 * the first SQL block of the process. PL/pgSQL function bodies (`CREATE FUNCTION … LANGUAGE plpgsql`, `DO`
 * blocks) are parsed too. Returns the first error with its position inside the block, or null.
 *
 * (Migrations are analysed by src/sql/ for the `goose/…` rules; this module stays small on purpose.)
 */
import { codePointIndexToUtf16, offsetToPos, type BlockPos } from './blocks.js';
import { onceEngine, timeEngine } from './timing.js';

export interface SqlSyntaxError {
  message: string;
  start: BlockPos;
  end: BlockPos;
}

type PgQuery = typeof import('libpg-query');

const getPg = onceEngine('libpg-query', async (): Promise<PgQuery> => {
  const pg = await import('libpg-query');
  await pg.loadModule();
  return pg;
});

const cache = new Map<string, SqlSyntaxError | null>();
const CACHE_LIMIT = 512;

/** Parses one SQL block's text. Null when it parses (an empty or comment-only block parses). */
export async function checkSql(text: string): Promise<SqlSyntaxError | null> {
  if (cache.has(text)) return cache.get(text)!;
  const pg = await getPg();
  const result = await timeEngine('libpg-query', () => checkWith(pg, text));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, result);
  return result;
}

interface RawStmt {
  stmt?: Record<string, unknown>;
  stmt_location?: number;
  stmt_len?: number;
}

async function checkWith(pg: PgQuery, text: string): Promise<SqlSyntaxError | null> {
  if (text.trim() === '') return null;
  let stmts: RawStmt[];
  try {
    const tree = (await pg.parse(text)) as { stmts?: RawStmt[] };
    stmts = tree.stmts ?? [];
  } catch (error) {
    return fromParseError(pg, text, error);
  }
  const bytes = Buffer.from(text, 'utf8');
  for (const raw of stmts) {
    if (!raw.stmt || !isPlpgsql(raw.stmt)) continue;
    const from = raw.stmt_location ?? 0;
    const to = raw.stmt_len ? from + raw.stmt_len : bytes.length;
    const startIndex = bytes.subarray(0, from).toString('utf8').length;
    const stmtText = bytes.subarray(from, to).toString('utf8');
    const err = await plpgsqlError(pg, stmtText, raw.stmt);
    if (err) {
      const leading = stmtText.length - stmtText.trimStart().length;
      const near = /at or near "([^"]+)"/.exec(err)?.[1];
      let offset = startIndex + leading;
      if (near) {
        const body = stmtText.indexOf('$');
        const at = stmtText.indexOf(near, body >= 0 ? body : 0);
        if (at >= 0) offset = startIndex + at;
      }
      const start = offsetToPos(text, offset);
      return { message: `PL/pgSQL ${err}`, start, end: { line: start.line, column: start.column + (near?.length ?? 1) } };
    }
  }
  return null;
}

function fromParseError(pg: PgQuery, text: string, error: unknown): SqlSyntaxError {
  const message = error instanceof Error ? error.message : String(error);
  const details = pg.hasSqlDetails(error) ? error.sqlDetails : undefined;
  const offset = details ? codePointIndexToUtf16(text, details.cursorPosition) : 0;
  const start = offsetToPos(text, offset);
  const near = /at or near "([^"]+)"/.exec(message)?.[1];
  return { message, start, end: { line: start.line, column: start.column + Math.max(1, near?.length ?? 1) } };
}

/** A `CREATE FUNCTION/PROCEDURE … LANGUAGE plpgsql` or a `DO` block (plpgsql is DO's default language). */
function isPlpgsql(stmt: Record<string, unknown>): boolean {
  const fn = stmt.CreateFunctionStmt as { options?: unknown[] } | undefined;
  const doStmt = stmt.DoStmt as { args?: unknown[] } | undefined;
  const options = fn?.options ?? doStmt?.args;
  if (!options) return false;
  let language: string | null = null;
  for (const o of options) {
    const def = (o as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }).DefElem;
    if (def?.defname === 'language') language = def.arg?.String?.sval?.toLowerCase() ?? null;
  }
  return language === 'plpgsql' || (doStmt !== undefined && language === null);
}

async function plpgsqlError(pg: PgQuery, stmtText: string, stmt: Record<string, unknown>): Promise<string | null> {
  // parsePlPgSQL reads CREATE FUNCTION statements; a DO block is checked as an equivalent anonymous function.
  let source = stmtText;
  if (stmt.DoStmt) {
    const body = /\$([A-Za-z_]*)\$[\s\S]*\$\1\$/.exec(stmtText)?.[0];
    if (!body) return null;
    source = `CREATE FUNCTION pg_temp.do_block() RETURNS void LANGUAGE plpgsql AS ${body}`;
  }
  try {
    await pg.parsePlPgSQL(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
