/**
 * SQL blocks outside migrations: parsed with the real PostgreSQL parser (`libpg-query`, WASM), loaded on
 * the first SQL block of the process. PL/pgSQL function bodies (`CREATE FUNCTION … LANGUAGE plpgsql`, `DO`
 * blocks) are parsed too. Returns the first error with its position inside the block, or null.
 *
 * (Migrations are analysed by src/sql/ for the `goose/…` rules; this module stays small on purpose.)
 */
import { codePointIndexToUtf16, offsetToPos, type BlockPos } from './blocks.js';
import { onceEngine, timeEngine } from './timing.js';
import { hasFields, recordResult, storedResult } from './results.js';
import { requireExternal } from '../require-external.js';

export interface SqlSyntaxError {
  message: string;
  start: BlockPos;
  end: BlockPos;
}

type PgQuery = typeof import('libpg-query');

const getPg = onceEngine('libpg-query', async (): Promise<PgQuery> => {
  let pg: PgQuery;
  try {
    pg = requireExternal<typeof import('libpg-query')>('libpg-query');
  } catch {
    throw new Error('The PostgreSQL parser (package `libpg-query`) is not installed: reinstall spec with its dependencies, or turn off code/sql-syntax.');
  }
  await pg.loadModule();
  return pg;
});

const cache = new Map<string, SqlSyntaxError | null>();
const CACHE_LIMIT = 512;

/**
 * Parses one SQL block's text. Null when it parses (an empty or comment-only block parses). Cached by text
 * for the life of the process, and across runs when a run keeps code results (results.ts): then
 * libpg-query is not even loaded.
 */
export async function checkSql(text: string): Promise<SqlSyntaxError | null> {
  if (cache.has(text)) {
    // a result this process has: still the run's (results.ts recordResult), or the run's cache would lose it
    const known = cache.get(text)!;
    recordResult('libpg-query', 'check', text, { error: known });
    return known;
  }
  const stored = storedResult<{ error: SqlSyntaxError | null }>('libpg-query', 'check', text, (v) => {
    const e = (v as { error?: unknown } | null)?.error;
    return e === null || hasFields(e, [], ['message']);
  });
  if (stored) return remember(text, stored.error);
  const pg = await getPg();
  const result = await timeEngine('libpg-query', () => checkWith(pg, text));
  recordResult('libpg-query', 'check', text, { error: result });
  return remember(text, result);
}

function remember(text: string, result: SqlSyntaxError | null): SqlSyntaxError | null {
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
      const near = /at or near "([^"]+)"/.exec(err)?.[1];
      const start = offsetToPos(text, startIndex + locatePlpgsqlError(stmtText, err));
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

/**
 * libpg-query reports PL/pgSQL errors without a position. Finds the token the message names inside the
 * dollar-quoted body, preferring an occurrence on a line that follows a line not closed by `;` (or by
 * BEGIN, THEN, ELSE, LOOP, DECLARE): the usual shape of a missing semicolon. `end of input` points at the
 * end of the body. Returns an offset into `stmtText`.
 */
export function locatePlpgsqlError(stmtText: string, message: string): number {
  const open = /\$([A-Za-z_]*)\$/.exec(stmtText);
  const bodyStart = open ? open.index + open[0].length : stmtText.length - stmtText.trimStart().length;
  const close = open ? stmtText.indexOf(open[0], bodyStart) : -1;
  const bodyEnd = close >= 0 ? close : stmtText.length;
  const body = stmtText.slice(bodyStart, bodyEnd);
  const near = /at or near "([^"]+)"/.exec(message)?.[1];
  if (near) {
    const escaped = near.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, 'gi');
    const hits: number[] = [];
    for (let m = re.exec(body); m; m = re.exec(body)) hits.push(m.index);
    const afterOpenLine = hits.find((h) => {
      const before = body.slice(0, h).split('\n');
      before.pop(); // the hit's own line
      const previous = before.map((l) => l.replace(/--.*$/, '').trim()).filter((l) => l !== '').pop();
      return previous !== undefined && !/(;|\bBEGIN|\bTHEN|\bELSE|\bLOOP|\bDECLARE)$/i.test(previous);
    });
    const hit = afterOpenLine ?? hits[0];
    if (hit !== undefined) return bodyStart + hit;
  }
  if (/end of (input|function)/.test(message)) return bodyStart + Math.max(0, body.trimEnd().length - 1);
  return bodyStart + (body.length - body.trimStart().length);
}
