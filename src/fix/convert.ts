/**
 * From a rule's fix (edits in model positions) to ESLint's `{ range, text }` on the source. The engine
 * remembers each model's source text when it loads a spec (`rememberSource`), so rules never see text: they
 * give positions, and this module resolves them, checks them against the text, and merges the edits of one
 * fix into one replacement (as ESLint merges a rule's several fixes).
 */
import type { SpecModel } from '../model/types.js';
import type { EslintFix, FixEdit, Point, RuleFix } from './types.js';
import { lineStartsOf } from '../markdown/lines.js';

export class SourceText {
  readonly text: string;
  private lineStarts: number[] | null = null;

  constructor(text: string) {
    this.text = text;
  }

  /** The file's line ending (`\r\n` when its first line ends so), for the lines a fix writes. */
  get eol(): string {
    const lf = this.text.indexOf('\n');
    return lf > 0 && this.text[lf - 1] === '\r' ? '\r\n' : '\n';
  }

  /** Line starts, computed on first use (most linted specs never need them: only fixes and the server do). */
  private get starts(): number[] {
    this.lineStarts ??= lineStartsOf(this.text);
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the start of a 1-based line (the text's length past the last line). */
  lineStart(line: number): number {
    if (line < 1) return 0;
    return line > this.starts.length ? this.text.length : this.starts[line - 1]!;
  }

  /** The line's text without its line ending. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    const next = this.starts[line] ?? this.text.length;
    return this.text.slice(this.starts[line - 1]!, next).replace(/\r?\n$|\r$/, '');
  }

  /** Offset of a 1-based line and column, or -1 when the position is not in the text. */
  offset(p: Point): number {
    if (p.line === this.starts.length + 1 && p.column === 1) return this.text.length;
    if (p.line < 1 || p.line > this.starts.length || p.column < 1) return -1;
    const start = this.starts[p.line - 1]!;
    const next = this.starts[p.line] ?? this.text.length;
    const o = start + p.column - 1;
    return o <= next ? o : -1;
  }

  /** 0-based line and UTF-16 character of an offset (the LSP's positions). */
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
}

const sources = new WeakMap<object, SourceText>();

/** Called by the engine when it extracts a model: the text its positions refer to. */
export function rememberSource(model: SpecModel, text: string): void {
  sources.set(model, new SourceText(text));
}

export function sourceOf(model: SpecModel): SourceText | undefined {
  return sources.get(model);
}

interface Piece {
  start: number;
  end: number;
  text: string;
}

const WORD = /[A-Za-z0-9_]/;

function occurrences(src: string, from: number, to: number, find: string, all: boolean): number[] {
  const out: number[] = [];
  let i = src.indexOf(find, from);
  while (i >= 0 && i + find.length <= to) {
    const before = i > 0 ? src[i - 1]! : '';
    const after = src[i + find.length] ?? '';
    if (!(WORD.test(before) || before === '-') && !WORD.test(after)) {
      out.push(i);
      if (!all) break;
    }
    i = src.indexOf(find, i + 1);
  }
  return out;
}

function resolveEdit(src: SourceText, e: FixEdit, pieces: Piece[]): boolean {
  const eol = (t: string) => (src.eol === '\n' ? t : t.replace(/\r?\n/g, src.eol));
  switch (e.kind) {
    case 'replace': {
      const start = src.offset({ line: e.loc.line, column: e.loc.column });
      const end = src.offset({ line: e.loc.endLine, column: e.loc.endColumn });
      if (start < 0 || end < start) return false;
      if (e.expect !== undefined) {
        const got = src.text.slice(start, end);
        if (typeof e.expect === 'string' ? got !== e.expect : !e.expect.test(got)) return false;
      }
      pieces.push({ start, end, text: eol(e.text) });
      return true;
    }
    case 'rename': {
      const start = src.offset({ line: e.loc.line, column: e.loc.column });
      const end = src.offset({ line: e.loc.endLine, column: e.loc.endColumn });
      if (start < 0 || end < start) return false;
      const at = occurrences(src.text, start, end, e.find, e.all === true);
      if (at.length === 0) return e.all === true; // renaming every occurrence of none is no edit
      for (const i of at) pieces.push({ start: i, end: i + e.find.length, text: e.text });
      return true;
    }
    case 'insertAfter': {
      const start = src.offset({ line: e.loc.line, column: e.loc.column });
      let end = src.offset({ line: e.loc.endLine, column: e.loc.endColumn });
      if (start < 0 || end < start) return false;
      while (end > start && /\s/.test(src.text[end - 1]!)) end--;
      pieces.push({ start: end, end, text: eol(e.text) });
      return true;
    }
    case 'insertBefore': {
      const start = src.offset({ line: e.loc.line, column: e.loc.column });
      if (start < 0) return false;
      pieces.push({ start, end: start, text: eol(e.text) });
      return true;
    }
    case 'insertLines': {
      if (e.line < 1 || e.line > src.lineCount + 1) return false;
      const at = src.lineStart(e.line);
      const indent =
        e.prefixLike !== undefined
          ? (/^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(src.lineText(e.prefixLike))?.[0] ?? null)
          : e.indentLike !== undefined
            ? (/^[ \t>]*/.exec(src.lineText(e.indentLike))?.[0] ?? '')
            : '';
      if (indent === null) return false; // no list item there to copy
      let text = e.lines.map((l) => (l === '' ? '' : indent + l) + src.eol).join('');
      // after a last line without a line ending, the new lines start on a line of their own
      if (at === src.text.length && at > 0 && !/[\r\n]$/.test(src.text)) text = src.eol + text.slice(0, -src.eol.length);
      pieces.push({ start: at, end: at, text });
      return true;
    }
    case 'deleteLines': {
      if (e.from < 1 || e.to < e.from || e.to > src.lineCount) return false;
      let start = src.lineStart(e.from);
      const end = e.to >= src.lineCount ? src.text.length : src.lineStart(e.to + 1);
      // the last line has no line ending of its own: take the one before it
      if (e.to >= src.lineCount && start > 0) start -= src.text[start - 2] === '\r' && src.text[start - 1] === '\n' ? 2 : 1;
      pieces.push({ start, end, text: '' });
      return true;
    }
  }
}

/** The source pieces of a fix, sorted, or null when an edit does not fit the text or two edits overlap. */
export function resolvePieces(src: SourceText, fix: RuleFix): Piece[] | null {
  const pieces: Piece[] = [];
  for (const e of fix.edits) if (!resolveEdit(src, e, pieces)) return null;
  pieces.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last.start === p.start && last.end === p.end && last.text === p.text) continue; // the same edit twice
    if (last && (p.start < last.end || (p.start === last.start && p.start === p.end && last.start === last.end))) return null;
    out.push(p);
  }
  return out;
}

/** A rule's fix as ESLint's single replacement; undefined when it cannot be applied to this text. */
export function toEslintFix(src: SourceText, fix: RuleFix): EslintFix | undefined {
  const pieces = resolvePieces(src, fix);
  if (!pieces || pieces.length === 0) return undefined;
  const start = pieces[0]!.start;
  const end = Math.max(...pieces.map((p) => p.end));
  let text = '';
  let at = start;
  for (const p of pieces) {
    text += src.text.slice(at, p.start) + p.text;
    at = p.end;
  }
  text += src.text.slice(at, end);
  if (text === src.text.slice(start, end)) return undefined; // a fix that changes nothing is none
  return { range: [start, end], text };
}

/** The fix of a report on `model`, or undefined (no source remembered, or the edits do not fit). */
export function fixFor(model: SpecModel, fix: RuleFix): EslintFix | undefined {
  const src = sourceOf(model);
  return src ? toEslintFix(src, fix) : undefined;
}
