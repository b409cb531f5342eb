import { onceEngine, timeEngineSync } from '../code/timing.js';
import { codeResultsOpen, recordResult, storedResult } from '../code/results.js';
import { requireExternal } from '../require-external.js';

/**
 * The PostgreSQL parser (libpg-query, WASM), loaded lazily on first use and shared by every caller in the
 * process. Nothing here runs at import time: importing this module costs nothing until `loadPgParser()`.
 */

/** A node of libpg-query's JSON parse tree (shapes follow PostgreSQL's parse nodes). */
// The parse tree is untyped JSON produced by the WASM parser; a loose record keeps the walkers readable.
export type PgNode = Record<string, any>; // any: JSON parse tree from libpg-query, walked by key

export interface PgRawStatement {
  stmt: PgNode;
  /** Byte offset of the statement in the input (0 when absent). */
  stmt_location?: number;
  /** Byte length (0 or absent: to the end). */
  stmt_len?: number;
}

export interface PgParseResult {
  version: number;
  stmts?: PgRawStatement[];
}

export interface PgSyntaxError {
  message: string;
  /** 0-based character offset of the error in the input, when the parser gave one. */
  position: number | null;
}

export interface PgParser {
  /** Parses SQL; throws a PgParserError on a syntax error. */
  parse(sql: string): PgParseResult;
  /** Parses the PL/pgSQL bodies of the CREATE FUNCTION statements in `sql`; throws a PgParserError. */
  parsePlPgSQL(sql: string): unknown;
}

export class PgParserError extends Error {
  readonly position: number | null;
  constructor(message: string, position: number | null) {
    super(message);
    this.name = 'PgParserError';
    this.position = position;
  }
}

/** Loads libpg-query's WASM module once per process (timed as the `libpg-query` engine). */
export const loadPgParser: () => Promise<PgParser> = onceEngine('libpg-query', async () => {
  {
    const mod = requireExternal<typeof import('libpg-query')>('libpg-query');
    await mod.loadModule();
    const wrap = <T>(fn: () => T): T => {
      try {
        return fn();
      } catch (err) {
        const e = err as Error & { sqlDetails?: { cursorPosition?: number } };
        const pos = e.sqlDetails && typeof e.sqlDetails.cursorPosition === 'number' ? e.sqlDetails.cursorPosition : null;
        throw new PgParserError(e.message, pos);
      }
    };
    return {
      parse: (sql: string) => recorded('parse', sql, () => timeEngineSync('libpg-query', () => wrap(() => mod.parseSync(sql) as unknown as PgParseResult))),
      parsePlPgSQL: (sql: string) => recorded('plpgsql', sql, () => timeEngineSync('libpg-query', () => wrap(() => mod.parsePlPgSQLSync(sql)))),
    };
  }
});

/**
 * A parser's answer as kept across runs (results.ts): the result as JSON text (each read gets a fresh
 * copy, as each call of the real parser does), or the error.
 */
type StoredPg = { json: string } | { error: string; position: number | null };

/** Runs `parse` and, when a run keeps code results, records what it answered. */
function recorded<T>(variant: 'parse' | 'plpgsql', sql: string, parse: () => T): T {
  if (!codeResultsOpen()) return parse();
  let value: T;
  try {
    value = parse();
  } catch (err) {
    if (err instanceof PgParserError) recordResult('libpg-query', variant, sql, { error: err.message, position: err.position } satisfies StoredPg);
    throw err;
  }
  const json = JSON.stringify(value);
  if (json !== undefined) recordResult('libpg-query', variant, sql, { json } satisfies StoredPg);
  return value;
}

/**
 * A parser that answers from the results kept by earlier runs (results.ts) without loading libpg-query;
 * null when no run keeps results. A question it cannot answer throws a PgParserError and sets `missed`:
 * whatever was computed with it must then be computed again with `loadPgParser()`.
 */
export function storedPgParser(): (PgParser & { readonly missed: boolean }) | null {
  if (!codeResultsOpen()) return null;
  let missed = false;
  const answer = (variant: 'parse' | 'plpgsql', sql: string): unknown => {
    const stored = storedResult<StoredPg>('libpg-query', variant, sql, (v) => {
      const x = v as Record<string, unknown> | null;
      return !!x && typeof x === 'object' && (typeof x.json === 'string' || (typeof x.error === 'string' && (x.position === null || typeof x.position === 'number')));
    });
    if (!stored) {
      missed = true;
      throw new PgParserError('(no stored result)', null);
    }
    if ('error' in stored) throw new PgParserError(stored.error, stored.position);
    try {
      return JSON.parse(stored.json) as unknown;
    } catch {
      missed = true; // damaged: ask the real parser
      throw new PgParserError('(damaged stored result)', null);
    }
  };
  return {
    parse: (sql: string) => answer('parse', sql) as PgParseResult,
    parsePlPgSQL: (sql: string) => answer('plpgsql', sql),
    get missed() {
      return missed;
    },
  };
}

/** Converts UTF-8 byte offsets (libpg-query node locations) into string (UTF-16) offsets. */
export function byteToCharOffsets(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const map: number[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const len = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < len; k++) map[bytes + k] = i;
    bytes += len;
    if (code >= 0x10000) i++; // surrogate pair
  }
  map[bytes] = text.length;
  return (b) => (b <= 0 ? 0 : b >= bytes ? text.length : map[b]);
}
