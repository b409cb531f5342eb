/**
 * Stage 6, lint and repair: lint a draft with the same rules and config as `spec lint`; while errors remain,
 * send the findings back and take the corrected document, at most `maxRepairs` rounds, stopping early when
 * the draft is clean or a round does not reduce the error count (then the better draft is kept).
 */
import type { Diagnostic, FileResult } from '../lint/types.js';

export interface LintOutcome {
  result: FileResult;
}

export type LintFn = (document: string) => Promise<LintOutcome>;

export interface RepairRound {
  round: number;
  errorsBefore: number;
  errorsAfter: number;
  kept: boolean;
}

export interface RepairOutcome {
  document: string;
  result: FileResult;
  rounds: RepairRound[];
  stopped: 'clean' | 'max-repairs' | 'no-progress';
}

export interface RepairLoopOptions {
  /** The first draft, already extracted and stamped with provenance. */
  draft: string;
  lint: LintFn;
  /** Asks the model for a corrected document; returns it extracted and stamped. */
  repair: (draft: string, diagnostics: Diagnostic[], round: number, result: FileResult) => Promise<string>;
  maxRepairs: number;
  onRound?: (stage: 'lint' | 'repair', round: number) => void;
}

export async function repairLoop(opts: RepairLoopOptions): Promise<RepairOutcome> {
  let document = opts.draft;
  opts.onRound?.('lint', 0);
  let { result } = await opts.lint(document);
  const rounds: RepairRound[] = [];
  let stopped: RepairOutcome['stopped'] = result.errorCount === 0 ? 'clean' : 'max-repairs';
  for (let round = 1; result.errorCount > 0 && round <= opts.maxRepairs; round++) {
    opts.onRound?.('repair', round);
    const candidate = await opts.repair(document, diagnosticsForRepair(result), round, result);
    opts.onRound?.('lint', round);
    const next = (await opts.lint(candidate)).result;
    const kept = next.errorCount < result.errorCount;
    rounds.push({ round, errorsBefore: result.errorCount, errorsAfter: next.errorCount, kept });
    if (!kept) {
      stopped = 'no-progress';
      break;
    }
    document = candidate;
    result = next;
    if (result.errorCount === 0) stopped = 'clean';
  }
  return { document, result, rounds, stopped };
}

/** Errors first, then warnings, each in line order; capped so a broken draft does not flood the prompt. */
export function diagnosticsForRepair(result: FileResult, cap = 150): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...result.messages].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column).slice(0, cap);
}
