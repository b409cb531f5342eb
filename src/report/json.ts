/**
 * ESLint's JSON output, key for key (ESLint's `LintResult` and `LintMessage`), so tools written for
 * `eslint --format json` read it unchanged: severity 2 (error) / 1 (warning), `fatal` on a file that could
 * not be read as a spec (`template/readable`, `lint/internal-error`), the fatal and fixable counts,
 * `suppressedMessages` and `usedDeprecatedRules` (always empty: inline-disabled findings are not kept, no
 * rule is deprecated). `source` is left out, as ESLint leaves it out when it has not kept the text.
 * `json-with-metadata` adds ESLint's `metadata` object: the working directory and each rule's type and
 * documentation link (`rulesMeta`).
 */
import type { Diagnostic, FileResult, Formatter, ReportContext } from '../lint/types.js';

/** Rules whose finding means the file itself could not be linted: ESLint's fatal (parse) errors. */
const FATAL_RULES = new Set(['template/readable', 'lint/internal-error']);

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  fix?: { range: [number, number]; text: string };
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: Array<{ ruleId: string; replacedBy: string[] }>;
  /** The fixed text, after `--fix` / `--fix-dry-run` changed the file (ESLint's `output`). */
  output?: string;
}

type WithFix = Diagnostic & { fix?: { range: [number, number]; text: string } };

function eslintMessage(m: WithFix): EslintMessage {
  return {
    ruleId: m.ruleId,
    severity: m.severity === 'error' ? 2 : 1,
    message: m.message,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    ...(FATAL_RULES.has(m.ruleId) ? { fatal: true as const } : {}),
    ...(m.fix && Array.isArray(m.fix.range) ? { fix: { range: m.fix.range, text: m.fix.text } } : {}),
  };
}

/** The results as ESLint's `LintResult[]` (also what `-f <package>` formatters receive). */
export function toEslintResults(results: FileResult[]): EslintResult[] {
  return results.map((r) => {
    const messages = r.messages.map(eslintMessage);
    const count = (pred: (m: EslintMessage) => boolean) => messages.filter(pred).length;
    return {
      filePath: r.filePath,
      messages,
      suppressedMessages: [],
      errorCount: r.errorCount,
      fatalErrorCount: count((m) => m.fatal === true),
      warningCount: r.warningCount,
      fixableErrorCount: count((m) => m.severity === 2 && m.fix !== undefined),
      fixableWarningCount: count((m) => m.severity === 1 && m.fix !== undefined),
      usedDeprecatedRules: [],
      ...(r.output !== undefined ? { output: r.output } : {}),
    };
  });
}

/** ESLint's `rulesMeta`: each rule's type and documentation (description, link). */
export function rulesMeta(ctx: ReportContext): Record<string, { type: 'problem'; docs: { description: string; url: string } }> {
  return Object.fromEntries(ctx.rules.map((r) => [r.id, { type: 'problem' as const, docs: { description: r.description, url: r.docsUrl } }]));
}

export const format: Formatter = (results) => `${JSON.stringify(toEslintResults(results))}\n`;

export const formatWithMetadata: Formatter = (results, ctx) =>
  `${JSON.stringify({ results: toEslintResults(results), metadata: { cwd: process.cwd(), rulesMeta: rulesMeta(ctx) } })}\n`;
