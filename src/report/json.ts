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
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
    })),
    null,
    2,
  ) + '\n';
