/**
 * The statement analysis of a goose migration (src/sql/analyze.ts) for the rules, through the results kept
 * across runs (results.ts): when every PostgreSQL parse the analysis asks for is stored, it runs on the
 * stored answers and libpg-query is not loaded; otherwise it runs again on the real parser (which records
 * its answers for the next run). The analysis is a function of the parser's answers, so both give the same.
 */
import type { MigrationAnalysis } from '../sql/analyze.js';
import type { GooseParseResult } from '../sql/goose-parser.js';
import { storedPgParser } from '../sql/pg.js';

/** `analyzeMigration` of src/sql/analyze.ts, without loading libpg-query when a run has every answer stored. */
export async function analyzeMigration(sql: string, parsed?: GooseParseResult): Promise<MigrationAnalysis> {
  const analyze = await import('../sql/analyze.js');
  const stored = storedPgParser();
  if (stored) {
    const result = analyze.analyzeWith(stored, sql, parsed);
    if (!stored.missed) return result;
  }
  return analyze.analyzeMigration(sql, parsed);
}
