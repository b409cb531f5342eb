import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/apply.js';
import { SourceText, toEslintFix } from '../../src/fix/convert.js';
import { deleteLines, fix, insertAfter, insertBefore, insertLines, renameIn, replaceLoc, wholeDocument } from '../../src/fix/edits.js';
import type { Diagnostic } from '../../src/lint/types.js';

const msg = (range: [number, number], text: string, line = 1): Diagnostic => ({ ruleId: 'x/y', severity: 'error', message: 'm', line, column: 1, endLine: line, endColumn: 1, fix: { range, text } });

describe('applyFixes (ESLint semantics)', () => {
  it('applies non-overlapping fixes in range order and keeps the rest for the next pass', () => {
    const r = applyFixes('abcdef', [msg([4, 5], 'E'), msg([0, 1], 'A'), msg([0, 2], 'zz')]);
    expect(r.output).toBe('Abcdef'.slice(0, 4) + 'Ef');
    expect(r.applied).toBe(2);
    expect(r.remaining.map((m) => m.fix!.text)).toEqual(['zz']);
  });
  it('treats a fix that starts where the previous one ended as overlapping, as ESLint does', () => {
    const r = applyFixes('abcd', [msg([0, 2], 'X'), msg([2, 3], 'Y')]);
    expect(r.output).toBe('Xcd');
    expect(r.remaining).toHaveLength(1);
  });
  it('leaves messages without a fix, or not selected, untouched', () => {
    const plain: Diagnostic = { ruleId: 'a/b', severity: 'warning', message: 'w', line: 1, column: 1, endLine: 1, endColumn: 1 };
    const r = applyFixes('abc', [plain, msg([0, 1], 'Z')], (m) => m.severity === 'warning');
    expect(r.fixed).toBe(false);
    expect(r.output).toBe('abc');
  });
});

describe('toEslintFix: model positions to one replacement', () => {
  const text = '# T\n\n- **T-002:** one\n  - _Dependencies:_ T-002\n';
  const src = new SourceText(text);
  it('renames every whole-word occurrence in a range, not T-0021', () => {
    const f = toEslintFix(new SourceText('T-002 T-0021 xT-002 T-002.'), fix(renameIn(wholeDocument(1), 'T-002', 'T-001', true)))!;
    expect(f.text).toBe('T-001 T-0021 xT-002 T-001');
  });
  it('merges several edits into one range, keeping the text between them', () => {
    const f = toEslintFix(src, fix(renameIn({ line: 3, column: 3, endLine: 3, endColumn: 14 }, 'T-002', 'T-001'), renameIn({ line: 4, column: 1, endLine: 5, endColumn: 1 }, 'T-002', 'T-001', true)))!;
    expect(text.slice(0, f.range[0]) + f.text + text.slice(f.range[1])).toBe('# T\n\n- **T-001:** one\n  - _Dependencies:_ T-001\n');
  });
  it('drops the whole fix when an expectation does not hold or a find is absent', () => {
    expect(toEslintFix(src, fix(replaceLoc({ line: 1, column: 1, endLine: 1, endColumn: 4 }, 'x', '# U')))).toBeUndefined();
    expect(toEslintFix(src, fix(renameIn({ line: 1, column: 1, endLine: 1, endColumn: 4 }, 'T-009', 'T-001')))).toBeUndefined();
  });
  it('inserts lines with the indentation of another line and the file\'s line endings', () => {
    const crlf = new SourceText('a\r\n  b\r\n');
    const f = toEslintFix(crlf, fix(insertLines(2, ['c', 'd'], 2)))!;
    expect(f).toEqual({ range: [3, 3], text: '  c\r\n  d\r\n' });
  });
  it('inserts after the content of a range (not after its trailing white space) and before it', () => {
    const s = new SourceText('| a | b   |\n');
    expect(toEslintFix(s, fix(insertAfter({ line: 1, column: 6, endLine: 1, endColumn: 11 }, ', c')))).toEqual({ range: [7, 7], text: ', c' });
    expect(toEslintFix(s, fix(insertBefore({ line: 1, column: 3, endLine: 1, endColumn: 4 }, 'z')))).toEqual({ range: [2, 2], text: 'z' });
  });
  it('deletes whole lines, the last one with the line ending before it', () => {
    expect(toEslintFix(new SourceText('a\nb\nc'), fix(deleteLines(2)))).toEqual({ range: [2, 4], text: '' });
    expect(toEslintFix(new SourceText('a\nb'), fix(deleteLines(2)))).toEqual({ range: [1, 3], text: '' });
  });
  it('refuses two different edits of the same range', () => {
    expect(toEslintFix(src, fix(insertBefore({ line: 1, column: 1, endLine: 1, endColumn: 1 }, 'a'), insertBefore({ line: 1, column: 1, endLine: 1, endColumn: 1 }, 'b')))).toBeUndefined();
  });
});
