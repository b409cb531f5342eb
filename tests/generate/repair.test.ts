import { describe, expect, it } from 'vitest';
import { diagnosticsForRepair, repairLoop } from '../../src/generate/repair.js';
import type { Diagnostic, FileResult } from '../../src/lint/types.js';

/** A linter that reports one error per line containing "BAD". */
const lint = async (doc: string) => {
  const messages: Diagnostic[] = doc.split('\n').flatMap((l, i) =>
    l.includes('BAD') ? [{ ruleId: 'test/bad', severity: 'error' as const, message: 'bad line', line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }] : [],
  );
  const result: FileResult = { filePath: '/x.md', relativePath: 'x.md', messages, errorCount: messages.length, warningCount: 0 };
  return { result };
};

describe('repairLoop', () => {
  it('does not call the model for a clean draft', async () => {
    let calls = 0;
    const r = await repairLoop({ draft: 'ok', lint, maxRepairs: 2, repair: async () => (calls++, 'x') });
    expect(r).toMatchObject({ document: 'ok', stopped: 'clean', rounds: [] });
    expect(calls).toBe(0);
  });

  it('repairs until clean and hands the diagnostics over', async () => {
    const seen: Diagnostic[][] = [];
    const replies = ['BAD\nok', 'ok'];
    const r = await repairLoop({
      draft: 'BAD\nBAD',
      lint,
      maxRepairs: 3,
      repair: async (_doc, diags) => (seen.push(diags), replies.shift()!),
    });
    expect(r.document).toBe('ok');
    expect(r.stopped).toBe('clean');
    expect(r.rounds).toEqual([
      { round: 1, errorsBefore: 2, errorsAfter: 1, kept: true },
      { round: 2, errorsBefore: 1, errorsAfter: 0, kept: true },
    ]);
    expect(seen[0]!.map((d) => d.line)).toEqual([1, 2]);
  });

  it('stops when a round does not reduce the error count, keeping the better draft', async () => {
    const r = await repairLoop({ draft: 'BAD', lint, maxRepairs: 5, repair: async () => 'BAD\nBAD' });
    expect(r).toMatchObject({ document: 'BAD', stopped: 'no-progress', rounds: [{ round: 1, errorsBefore: 1, errorsAfter: 2, kept: false }] });
  });

  it('stops at --max-repairs', async () => {
    let n = 5;
    const r = await repairLoop({ draft: 'BAD\n'.repeat(n), lint, maxRepairs: 2, repair: async () => 'BAD\n'.repeat(--n) });
    expect(r.rounds).toHaveLength(2);
    expect(r.stopped).toBe('max-repairs');
    expect(r.result.errorCount).toBe(3);
    const none = await repairLoop({ draft: 'BAD', lint, maxRepairs: 0, repair: async () => 'ok' });
    expect(none).toMatchObject({ document: 'BAD', rounds: [], stopped: 'max-repairs' });
  });

  it('orders errors before warnings', () => {
    const d = (line: number, severity: 'error' | 'warning'): Diagnostic => ({ ruleId: 'r', severity, message: 'm', line, column: 1, endLine: line, endColumn: 1 });
    const result: FileResult = { filePath: '', relativePath: '', messages: [d(1, 'warning'), d(5, 'error'), d(2, 'error')], errorCount: 2, warningCount: 1 };
    expect(diagnosticsForRepair(result).map((x) => `${x.severity}${x.line}`)).toEqual(['error2', 'error5', 'warning1']);
  });
});
