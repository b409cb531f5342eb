/**
 * What the goose rules share: whether they apply, the goose parse and the statement analysis of each
 * migration (computed once per run and kept in `ctx.run.shared`), file-name versions, and positions: SQL line
 * L, column C of a migration block map to markdown line `block.contentLine + L - 1`, column
 * `block.contentColumn + C - 1`.
 *
 * The analysis module (and through it libpg-query) is imported lazily, only for specs with migrations.
 */
import type { CodeBlock, Loc, Migration, SpecModel } from '../../model/types.js';
import type { RuleContext } from '../types.js';
import { parseGooseMigration, splitLines, type GooseParseResult } from '../../sql/goose-parser.js';
import type { MigrationAnalysis } from '../../sql/analyze.js';
import { analyzeMigrationHere, type MigrationFindings } from '../engines.js';

/** goose rules apply to the Go profile (the Python profile uses alembic). */
export function gooseApplies(ctx: RuleContext): boolean {
  return ctx.config.profile !== 'python';
}

/** The migrations the goose rules check: every migration block that is not left unclosed. */
export function migrationsOf(spec: SpecModel): Migration[] {
  return spec.migrations.filter((m) => !m.block.unclosed);
}

function sharedMap<V>(ctx: RuleContext, key: string): Map<string, V> {
  let m = ctx.run.shared.get(key) as Map<string, V> | undefined;
  if (!m) {
    m = new Map<string, V>();
    ctx.run.shared.set(key, m);
  }
  return m;
}

/** The goose parse of a migration's SQL (once per run per distinct text). */
export function gooseParse(ctx: RuleContext, sql: string): GooseParseResult {
  const cache = sharedMap<GooseParseResult>(ctx, 'goose:parse');
  let r = cache.get(sql);
  if (!r) {
    r = parseGooseMigration(sql);
    cache.set(sql, r);
  }
  return r;
}

/** The statement analysis of a migration's SQL, in this thread (once per run per distinct text). Loads libpg-query. */
export function analysis(ctx: RuleContext, sql: string): Promise<MigrationAnalysis> {
  const cache = sharedMap<Promise<MigrationAnalysis>>(ctx, 'goose:analysis');
  let p = cache.get(sql);
  if (!p) {
    p = analyzeMigrationHere(sql, gooseParse(ctx, sql));
    cache.set(sql, p);
  }
  return p;
}

/**
 * The findings of a migration's analysis: from the run's engines when it supplies them (a worker's, see
 * rules/engines.ts; once per run per distinct text), else from the analysis in this thread.
 */
export function findings(ctx: RuleContext, sql: string): Promise<MigrationFindings> {
  const engines = ctx.run?.engines;
  if (!engines) return analysis(ctx, sql);
  const cache = sharedMap<Promise<MigrationFindings>>(ctx, 'goose:findings');
  let p = cache.get(sql);
  if (!p) {
    p = engines.migrationFindings(sql, gooseParse(ctx, sql));
    cache.set(sql, p);
  }
  return p;
}

/** A markdown range for SQL line/column inside a block: from the column to the end of that SQL line. */
export function sqlLoc(block: CodeBlock, line: number, column = 1): Loc {
  const lines = splitLines(block.text);
  const text = lines[line - 1] ?? '';
  const mdLine = block.contentLine + line - 1;
  const start = block.contentColumn + Math.max(1, column) - 1;
  const end = Math.max(start + 1, block.contentColumn + text.length);
  return { line: mdLine, column: start, endLine: mdLine, endColumn: end };
}

/** Where a migration's file name is reported: its heading's path, else the block's opening fence. */
export function pathLoc(m: Migration): Loc {
  return m.pathLoc ?? { line: m.block.loc.line, column: m.block.loc.column, endLine: m.block.loc.line, endColumn: m.block.loc.column + 3 };
}

export interface MigrationFileName {
  /** The directory part (without trailing slash), '' when none. */
  dir: string;
  base: string;
  /** The leading digits of the file name (goose's version), or null. */
  version: string | null;
  /** The part after `<version>_` without `.sql`. */
  description: string | null;
}

export function fileName(path: string): MigrationFileName {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const i = p.lastIndexOf('/');
  const dir = i >= 0 ? p.slice(0, i) : '';
  const base = i >= 0 ? p.slice(i + 1) : p;
  const m = /^(\d+)_(.*?)(\.sql)?$/i.exec(base);
  return { dir, base, version: m ? m[1] : null, description: m ? m[2] : null };
}

/** The numeric version of a migration path (goose: the digits before the first `_`), or null. */
export function versionOf(path: string | null): bigint | null {
  if (!path) return null;
  const v = fileName(path).version;
  return v ? BigInt(v) : null;
}

/** The markdown location of the last content line of a block (where a missing section belongs). */
export function lastContentLoc(block: CodeBlock): Loc {
  const lines = splitLines(block.text);
  const n = Math.max(1, lines.length);
  return sqlLoc(block, n, 1);
}
