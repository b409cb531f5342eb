/**
 * The code engines as the rules see them: Go (tree-sitter), TypeScript (the compiler's parser), SQL
 * (libpg-query) and the goose migration analysis. By default each is imported in this thread on first use.
 * A run over worker threads supplies `run.engines` instead: the workers then ask one engine thread, which
 * loads each engine once for the whole process (a worker that loaded its own would hold its own TypeScript
 * compiler and WebAssembly memories — tens of megabytes each). The answers are the same plain data either way.
 *
 * `engineRequests` lists what the code rules will ask about a spec, so that such a run can ask ahead: the
 * engine thread then works while the worker runs the other rules.
 */
import type { GoAnalysis } from '../code/go.js';
import type { TsAnalysis } from '../code/typescript.js';
import type { SqlSyntaxError } from '../code/sql.js';
import type { MigrationAnalysis } from '../sql/analyze.js';
import type { GooseParseResult } from '../sql/goose-parser.js';
import { parseGooseMigration } from '../sql/goose-parser.js';
import { codeLanguage, isGoBlock, isTsBlock, sqlSyntaxBlocks } from '../code/blocks.js';
import type { EffectiveConfig } from '../lint/config.js';
import type { SpecModel } from '../model/types.js';
import type { RunFacts } from './types.js';

/** What the goose rules read of a migration's analysis (the findings, not the statements' parse trees). */
export type MigrationFindings = Pick<MigrationAnalysis, 'syntax' | 'missing' | 'order' | 'extra'> & {
  /** Up's parse trees (plain data), for the schema model; absent from answers built by hand. */
  upTrees?: MigrationAnalysis['upTrees'];
};

export interface CodeEngines {
  analyzeGo(text: string): Promise<GoAnalysis>;
  analyzeTs(text: string, jsx: boolean): Promise<TsAnalysis>;
  checkSql(text: string): Promise<SqlSyntaxError | null>;
  /**
   * The findings of `analyzeMigration` (src/sql/analyze.ts, by way of src/code/migration.ts). `parsed` is
   * the goose parse of `sql` when the caller has it (a thread that computes its own from the same text gets
   * the same). In this thread: the whole analysis.
   */
  migrationFindings(sql: string, parsed?: GooseParseResult): Promise<MigrationFindings>;
}

/** The whole analysis of a migration in this thread (goose/exec needs its statements). */
export async function analyzeMigrationHere(sql: string, parsed?: GooseParseResult): Promise<MigrationAnalysis> {
  // (through the results a --cache run keeps: libpg-query is not loaded when every parse is stored)
  return (await import('../code/migration.js')).analyzeMigration(sql, parsed);
}

/** The engines loaded in this thread (each imported on first call). */
export const localEngines: CodeEngines = {
  analyzeGo: async (text) => (await import('../code/go.js')).analyzeGo(text),
  analyzeTs: async (text, jsx) => (await import('../code/typescript.js')).analyzeTs(text, jsx),
  checkSql: async (text) => (await import('../code/sql.js')).checkSql(text),
  migrationFindings: analyzeMigrationHere,
};

/** The findings alone, as plain data (what another thread is sent). */
export function findingsOf(a: MigrationFindings): MigrationFindings {
  return { syntax: a.syntax, missing: a.missing, order: a.order, extra: a.extra, ...(a.upTrees ? { upTrees: a.upTrees } : {}) };
}

/** The engines of a run: the ones it supplies (a worker's), else this thread's (also for hand-built contexts). */
export function codeEngines(run: RunFacts | undefined): CodeEngines {
  return run?.engines ?? localEngines;
}

/** One engine question: the operation, the text, and for TypeScript whether it is TSX. */
export type EngineRequest = ['analyzeGo' | 'checkSql' | 'migrationFindings', string] | ['analyzeTs', string, boolean];

/** The rules that ask each engine operation (a spec's questions are listed only for rules that run). */
const ASKED_BY = {
  analyzeGo: ['code/go-syntax', 'code/contract-alignment'],
  analyzeTs: ['code/ts-syntax', 'code/ts-no-any', 'code/contract-alignment'],
  checkSql: ['code/sql-syntax'],
  migrationFindings: [
    'goose/sql-syntax',
    'goose/down-reverses-up',
    'goose/down-extra',
    'goose/schema-reference',
    'goose/no-transaction',
    'goose/backward-compatible',
    'goose/lock-safety',
    'goose/data-model',
  ],
} as const;

/**
 * What the code rules will ask the engines about `spec`, with the same block selection they make (a rule
 * may ask less — code/contract-alignment only for section-4 structs — never more). `runs(id)` tells whether
 * a rule runs on this spec.
 */
export function engineRequests(spec: SpecModel, config: EffectiveConfig, runs: (ruleId: string) => boolean): EngineRequest[] {
  const wanted = (op: keyof typeof ASKED_BY) => ASKED_BY[op].some(runs);
  const out: EngineRequest[] = [];
  if (spec.readErrors.length > 0 && spec.lineCount <= 1) return out; // only template/readable runs
  if (wanted('migrationFindings') && config.profile !== 'python') {
    for (const m of spec.migrations) {
      if (m.block.unclosed || parseGooseMigration(m.sql).errors.length > 0) continue;
      out.push(['migrationFindings', m.sql]);
    }
  }
  if (wanted('analyzeGo')) for (const b of spec.codeBlocks) if (isGoBlock(b) && !b.unclosed) out.push(['analyzeGo', b.text]);
  if (wanted('analyzeTs')) for (const b of spec.codeBlocks) if (isTsBlock(b) && !b.unclosed) out.push(['analyzeTs', b.text, codeLanguage(b.lang) === 'tsx']);
  if (wanted('checkSql')) for (const b of sqlSyntaxBlocks(spec, config.profile)) if (!b.unclosed) out.push(['checkSql', b.text]);
  return out;
}
