/** Robustness: whatever a block holds, the analyzers return (never throw) and point inside the block. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGo } from '../../src/code/go.js';
import { analyzeTs } from '../../src/code/typescript.js';
import { checkSql } from '../../src/code/sql.js';
import { blankElisions } from '../../src/code/blocks.js';

const pieces = ['type ', 'func ', 'struct', 'interface', '{', '}', '(', ')', '[', ']', ' ', '\n', '"', '`', "'", 'x', 'int', ':', ';', '=', ',', '...', '// c', '/*', '*/', 'é', '😀', 'any', 'SELECT', '$$', '<', '>'];
const blockText = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

function inside(text: string, pos: { line: number; column: number }): boolean {
  const lines = text.split('\n');
  return pos.line >= 1 && pos.line <= Math.max(1, lines.length) && pos.column >= 1 && pos.column <= (lines[pos.line - 1]?.length ?? 0) + 2;
}

describe('analyzers on arbitrary text', () => {
  it('Go: errors point inside the block', async () => {
    await fc.assert(
      fc.asyncProperty(blockText, async (text) => {
        const { errors } = await analyzeGo(text);
        for (const e of errors) expect(inside(text, e.start), JSON.stringify({ text, e })).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('TypeScript: diagnostics and anys point inside the block', async () => {
    await fc.assert(
      fc.asyncProperty(blockText, async (text) => {
        const { diagnostics, anys } = await analyzeTs(text);
        for (const d of [...diagnostics, ...anys]) expect(inside(text, d.start), JSON.stringify({ text, d })).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('SQL: errors point inside the block', async () => {
    await fc.assert(
      fc.asyncProperty(blockText, async (text) => {
        const e = await checkSql(text);
        if (e) expect(inside(text, e.start), JSON.stringify({ text, e })).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('blanking elisions keeps every position', () => {
    fc.assert(
      fc.property(blockText, (text) => {
        const out = blankElisions(text);
        expect(out.length).toBe(text.length);
        expect(out.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
      }),
    );
  });
});
