/** Hand-built diagnostics, results and report contexts for formatter tests. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { Diagnostic, FileResult, ReportContext, RuleInfo } from '../../src/lint/types.js';

export const ROOT = '/repo';

export const RULES: RuleInfo[] = [
  { id: 'trace/story-unmapped', description: 'Every PRD story maps to at least one task.', docsUrl: 'https://example.test/rules/trace/story-unmapped.md', defaultSeverity: 'error' },
  { id: 'task/dependency-unknown', description: 'Task dependencies name tasks that exist.', docsUrl: 'https://example.test/rules/task/dependency-unknown.md', defaultSeverity: 'error' },
  { id: 'path/placeholder', description: 'File paths are exact.', docsUrl: 'file:///opt/spec/docs/rules/path/placeholder.md', defaultSeverity: 'warn' },
  { id: 'code/ts-no-any', description: 'No `any` in TypeScript blocks.', docsUrl: 'https://example.test/rules/code/ts-no-any.md', defaultSeverity: 'off' },
];

export function diag(partial: Partial<Diagnostic> & { line: number }): Diagnostic {
  return {
    ruleId: 'trace/story-unmapped',
    severity: 'error',
    message: 'US-002 is not mapped to any task',
    column: 1,
    endLine: partial.line,
    endColumn: 10,
    ...partial,
  };
}

export function result(relativePath: string, messages: Diagnostic[]): FileResult {
  return {
    filePath: join(ROOT, relativePath),
    relativePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 'error').length,
    warningCount: messages.filter((m) => m.severity === 'warning').length,
  };
}

export function ctx(extra: Partial<ReportContext> = {}): ReportContext {
  return { root: ROOT, rules: RULES, toolName: 'spec', toolVersion: '0.1.0', color: false, ...extra };
}

const schemaPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

/** A validator for the official SARIF 2.1.0 schema (draft-07), with the formats it uses checked. */
export function sarifValidator(): ((data: unknown) => boolean) & { errors?: unknown } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const isUri = (s: string) => {
    try {
      new URL(s);
      return /^[a-z][a-z0-9+.-]*:/i.test(s);
    } catch {
      return false;
    }
  };
  ajv.addFormat('uri', isUri);
  // a relative reference must not contain characters that need escaping
  ajv.addFormat('uri-reference', (s: string) => isUri(s) || /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%?#]*$/.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}
