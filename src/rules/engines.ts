/**
 * The code engines as the rules see them: Go (tree-sitter), TypeScript (the compiler's parser), SQL
 * (libpg-query) and the goose migration analysis. By default each is imported in this thread on first use.
 * A run over worker threads supplies `run.engines` instead: the workers then ask the main thread, which
 * loads each engine once for the whole process (a worker that loaded its own would hold its own TypeScript
 * compiler and WebAssembly memories — tens of megabytes each). The answers are the same plain data either way.
 */
import type { GoAnalysis } from '../code/go.js';
import type { TsAnalysis } from '../code/typescript.js';
import type { SqlSyntaxError } from '../code/sql.js';
import type { MigrationAnalysis } from '../sql/analyze.js';
import type { GooseParseResult } from '../sql/goose-parser.js';
import type { RunFacts } from './types.js';

export interface CodeEngines {
  analyzeGo(text: string): Promise<GoAnalysis>;
  analyzeTs(text: string, jsx: boolean): Promise<TsAnalysis>;
  checkSql(text: string): Promise<SqlSyntaxError | null>;
  /**
   * `analyzeMigration` of src/sql/analyze.ts. `parsed` is the goose parse of `sql` when the caller has it
   * (a thread that computes its own from the same text gets the same).
   */
  analyzeMigration(sql: string, parsed?: GooseParseResult): Promise<MigrationAnalysis>;
}

/** The engines loaded in this thread (each imported on first call). */
export const localEngines: CodeEngines = {
  analyzeGo: async (text) => (await import('../code/go.js')).analyzeGo(text),
  analyzeTs: async (text, jsx) => (await import('../code/typescript.js')).analyzeTs(text, jsx),
  checkSql: async (text) => (await import('../code/sql.js')).checkSql(text),
  analyzeMigration: async (sql, parsed) => (await import('../sql/analyze.js')).analyzeMigration(sql, parsed),
};

/** The engines of a run: the ones it supplies (a worker's), else this thread's (also for hand-built contexts). */
export function codeEngines(run: RunFacts | undefined): CodeEngines {
  return run?.engines ?? localEngines;
}
