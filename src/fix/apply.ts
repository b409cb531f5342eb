/**
 * Applying fixes, as ESLint's SourceCodeFixer does: the messages' fixes sorted by range, each applied unless
 * it overlaps (or touches) the previous one applied; the ones left over wait for the next pass.
 */
import type { Diagnostic } from '../lint/types.js';

export interface AppliedFixes {
  output: string;
  /** Whether any fix was applied. */
  fixed: boolean;
  /** How many fixes were applied. */
  applied: number;
  /** The messages that were not fixed (no fix, not selected, or overlapping another). */
  remaining: Diagnostic[];
}

export function applyFixes(text: string, messages: readonly Diagnostic[], shouldFix: (m: Diagnostic) => boolean = () => true): AppliedFixes {
  const fixable = messages.filter((m) => m.fix && shouldFix(m));
  const remaining = messages.filter((m) => !(m.fix && shouldFix(m)));
  if (fixable.length === 0) return { output: text, fixed: false, applied: 0, remaining };
  fixable.sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  let output = '';
  let lastPos = -Infinity;
  let applied = 0;
  for (const m of fixable) {
    const [start, end] = m.fix!.range;
    if (lastPos >= start || start > end || start < 0 || end > text.length) {
      remaining.push(m);
      continue;
    }
    output += text.slice(Math.max(0, lastPos), start) + m.fix!.text;
    lastPos = end;
    applied++;
  }
  output += text.slice(Math.max(0, lastPos));
  remaining.sort((a, b) => a.line - b.line || a.column - b.column);
  return { output, fixed: applied > 0, applied, remaining };
}
