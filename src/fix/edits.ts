/** Small constructors for the edits of a rule's fix (see types.ts). Rules import only this and the types. */
import type { Loc } from '../model/types.js';
import type { FixEdit, RuleFix } from './types.js';

export function fix(...edits: FixEdit[]): RuleFix {
  return { edits };
}

export function replaceLoc(loc: Loc, text: string, expect?: string | RegExp): FixEdit {
  return expect === undefined ? { kind: 'replace', loc, text } : { kind: 'replace', loc, text, expect };
}

export function renameIn(loc: Loc, find: string, text: string, all = false): FixEdit {
  return { kind: 'rename', loc, find, text, all };
}

export function insertAfter(loc: Loc, text: string): FixEdit {
  return { kind: 'insertAfter', loc, text };
}

export function insertBefore(loc: Loc, text: string): FixEdit {
  return { kind: 'insertBefore', loc, text };
}

export function insertLines(line: number, lines: string[], indentLike?: number): FixEdit {
  return indentLike === undefined ? { kind: 'insertLines', line, lines } : { kind: 'insertLines', line, lines, indentLike };
}

export function deleteLines(from: number, to = from): FixEdit {
  return { kind: 'deleteLines', from, to };
}

/** The whole document as one range (for renames across it). */
export function wholeDocument(lineCount: number): Loc {
  return { line: 1, column: 1, endLine: lineCount + 1, endColumn: 1 };
}

/** Lines inserted before line `line`, each with the list-item prefix of line `like` (`  - `, `> * ` …). */
export function insertItemLines(line: number, lines: string[], like: number): FixEdit {
  return { kind: 'insertLines', line, lines, prefixLike: like };
}

/** A heading rewritten as the template writes it: `## <title>` (ATX, at the given depth). */
export function headingFix(loc: Loc, depth: number, title: string): RuleFix {
  return fix(replaceLoc(loc, `${'#'.repeat(depth)} ${title}`));
}
