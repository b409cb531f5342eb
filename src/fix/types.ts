/**
 * Fixes are data. A rule describes the text edits that repair what it reports, in the model's positions
 * (1-based lines and columns, as every `Loc` carries); the engine turns them into ESLint's
 * `fix: { range: [start, end], text }` on the source (src/fix/convert.ts), and `--fix`, `--fix-dry-run`,
 * SARIF `fixes` and the language server's quick fixes all apply those same edits.
 *
 * Each edit is checked against the source when it is converted: an edit whose `find` text is not where the
 * model says, or whose `expect` does not match, drops the whole fix (the finding is still reported). A fix
 * never guesses what a person must write: it only moves, renames, copies or inserts text the spec already
 * determines.
 */
import type { Loc } from '../model/types.js';

/** A 1-based position, as in `Loc`. */
export interface Point {
  line: number;
  column: number;
}

export type FixEdit =
  /** Replace the range of `loc` (end exclusive) with `text`; with `expect`, only when the range holds it. */
  | { kind: 'replace'; loc: Loc; text: string; expect?: string | RegExp }
  /** Replace `find` inside the range of `loc` (its first whole-word occurrence, or every one with `all`). */
  | { kind: 'rename'; loc: Loc; find: string; text: string; all?: boolean }
  /** Insert `text` at the end of `loc`'s range, before any trailing white space the range ends with. */
  | { kind: 'insertAfter'; loc: Loc; text: string }
  /** Insert `text` at the start of `loc`'s range. */
  | { kind: 'insertBefore'; loc: Loc; text: string }
  /**
   * Insert whole lines before line `line` (lineCount + 1: at the end). `lines` are written without line
   * endings; each gets the file's line ending, and the leading white space of line `indentLike` when given
   * (`prefixLike`: its list-item prefix too, e.g. `  - ` or `> * `).
   */
  | { kind: 'insertLines'; line: number; lines: string[]; indentLike?: number; prefixLike?: number }
  /** Delete the whole lines `from` … `to` (inclusive), line endings included. */
  | { kind: 'deleteLines'; from: number; to: number };

/** What a rule attaches to a report: the edits of one fix, applied together or not at all. */
export interface RuleFix {
  edits: FixEdit[];
}

/** ESLint's fix: one replacement of the source range [start, end) (UTF-16 offsets, BOM excluded). */
export interface EslintFix {
  range: [number, number];
  text: string;
}
