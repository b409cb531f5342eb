/** Offsets ↔ line/column over one source text, and ranges of mdast nodes as `Loc`. */
import type { Node } from 'unist';
import type { Loc } from './types.js';
import { lineIndex, lineStartsOf } from '../markdown/lines.js';

export class Source {
  readonly text: string;
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column of an offset. */
  point(offset: number): { line: number; column: number } {
    const line = lineIndex(this.lineStarts, offset);
    return { line: line + 1, column: offset - this.lineStarts[line]! + 1 };
  }

  /** Offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
    return start + column - 1;
  }

  range(start: number, end: number): Loc {
    const a = this.point(start);
    const b = this.point(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** The text of line `line` (1-based) without its line ending. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  slice(node: Node): string {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return '';
    return this.text.slice(p.start.offset, p.end.offset);
  }
}

export const NO_LOC: Loc = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export function locOf(node: Node | undefined): Loc {
  const p = node?.position;
  if (!p) return NO_LOC;
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/** Start offset of a node (0 when unknown). */
export function startOf(node: Node): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: Node): number {
  return node.position?.end.offset ?? 0;
}
