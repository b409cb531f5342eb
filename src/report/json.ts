/** ESLint-compatible JSON: an array of { filePath, messages, errorCount, warningCount }. */
import type { Formatter } from '../lint/types.js';

export const format: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.url ? { url: m.url } : {}),
        ...(m.fix ? { fix: m.fix } : {}), // fixes (src/fix)
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      // ----- fixes (src/fix): ESLint's fixable counts, and the fixed text after --fix / --fix-dry-run -----
      fixableErrorCount: r.messages.filter((m) => m.fix && m.severity === 'error').length,
      fixableWarningCount: r.messages.filter((m) => m.fix && m.severity === 'warning').length,
      ...(r.output !== undefined ? { output: r.output } : {}),
    })),
    null,
    2,
  ) + '\n';
