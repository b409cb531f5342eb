/**
 * Which fenced blocks each code engine reads, and how positions inside a block map to the markdown file.
 * No engine is imported here.
 */
import type { CodeBlock, Loc, SpecModel } from '../model/types.js';

export type CodeLanguage = 'go' | 'ts' | 'tsx' | 'sql';

const LANGS: Record<string, CodeLanguage> = {
  go: 'go',
  golang: 'go',
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  cts: 'ts',
  tsx: 'tsx',
  sql: 'sql',
  postgres: 'sql',
  postgresql: 'sql',
  pgsql: 'sql',
  psql: 'sql',
};

/** The engine language of a fence's info string (`go`, `typescript`, `tsx`, `sql` …), or null. */
export function codeLanguage(lang: string | null | undefined): CodeLanguage | null {
  if (!lang) return null;
  const key = lang.trim().toLowerCase().replace(/^\{?\.?/, '').replace(/[},].*$/, '');
  return LANGS[key] ?? null;
}

export function isGoBlock(block: CodeBlock): boolean {
  return codeLanguage(block.lang) === 'go';
}

export function isTsBlock(block: CodeBlock): boolean {
  const l = codeLanguage(block.lang);
  return l === 'ts' || l === 'tsx';
}

/** Whether a SQL block holds goose annotations (then the `goose/…` rules own it, not `code/sql-syntax`). */
export function hasGooseAnnotations(text: string): boolean {
  return /^\s*--\s*\+goose\b/im.test(text);
}

/** SQL blocks that are not migrations: neither a model migration's block nor a block with goose annotations. */
export function plainSqlBlocks(spec: SpecModel): CodeBlock[] {
  const migrationBlocks = new Set<CodeBlock>(spec.migrations.map((m) => m.block));
  const migrationLines = new Set<number>(spec.migrations.map((m) => m.block.loc.line));
  return spec.codeBlocks.filter(
    (b) =>
      codeLanguage(b.lang) === 'sql' &&
      !migrationBlocks.has(b) &&
      !migrationLines.has(b.loc.line) &&
      !hasGooseAnnotations(b.text),
  );
}

/**
 * The SQL blocks code/sql-syntax parses: the plain ones; and, with the Python profile — where no goose rule
 * reads migrations (alembic revisions are Python; the SQL a spec shows for them is plain PostgreSQL) — the
 * migration blocks too.
 */
export function sqlSyntaxBlocks(spec: SpecModel, profile: string): CodeBlock[] {
  if (profile !== 'python') return plainSqlBlocks(spec);
  return spec.codeBlocks.filter((b) => codeLanguage(b.lang) === 'sql' && !hasGooseAnnotations(b.text));
}

/** A position inside a block's text: 1-based line, 1-based column (UTF-16 code units, as markdown columns). */
export interface BlockPos {
  line: number;
  column: number;
}

/**
 * Maps a range inside a block's text to a markdown range: line L is markdown line `contentLine + L - 1`,
 * column C is `contentColumn + C - 1`.
 */
export function blockLoc(block: CodeBlock, start: BlockPos, end?: BlockPos): Loc {
  const e = end ?? { line: start.line, column: start.column + 1 };
  return {
    line: block.contentLine + start.line - 1,
    column: block.contentColumn + start.column - 1,
    endLine: block.contentLine + e.line - 1,
    endColumn: block.contentColumn + e.column - 1,
  };
}

/** 0-based offset in `text` → 1-based line and column. */
export function offsetToPos(text: string, offset: number): BlockPos {
  let line = 1;
  let lineStart = 0;
  const stop = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: stop - lineStart + 1 };
}

/** Converts an index counted in code points (as PostgreSQL counts characters) to a UTF-16 string index. */
export function codePointIndexToUtf16(text: string, cpIndex: number): number {
  let i = 0;
  let cp = 0;
  while (i < text.length && cp < cpIndex) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    cp++;
  }
  return i;
}

/**
 * Blanks elisions that specs use to leave code out: a line holding only `...` (optionally followed by a
 * comment) and `{ ... }`. The `...` becomes three spaces, so every other position stays where it was.
 */
export function blankElisions(text: string): string {
  return text
    .replace(/^([ \t]*)\.\.\.(?=[ \t]*(?:\/\/.*)?$)/gm, '$1   ')
    .replace(/\{([ \t]*)\.\.\.([ \t]*)\}/g, '{$1   $2}');
}

/** The text of line `line` (1-based) of `text`. */
export function lineText(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

/** The first line of `s`, cut to `max` characters, for quoting in a message. */
export function snippet(s: string, max = 40): string {
  const first = s.split('\n')[0]!.trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
