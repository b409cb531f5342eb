/**
 * Go blocks: parsed with tree-sitter (`web-tree-sitter` + the `.wasm` grammar of `tree-sitter-go`, vendored),
 * loaded on the first Go block of the process and kept for the rest of it.
 *
 * A block may be a whole file (a `package` clause, imports, declarations) or a fragment. Spec fragments are
 * not files: they have no `package` clause and hold bare declarations, method signatures,
 * struct field lists or lone statements. The grammar accepts declarations and statements at the top level
 * without a package clause; when a fragment still fails, it is retried as the body of an interface, a
 * struct and a function, and counts as legal when one of those reads cleanly. Elisions (`...` alone on a
 * line, `{ ... }`) are blanked first. Otherwise the first syntax error (an unbalanced bracket, an ERROR or
 * a MISSING node) is returned with its line and column inside the block.
 *
 * `analyzeGo` also returns the type declarations (structs with their fields and json tags) for the
 * contract check. Trees are deleted before returning: only plain objects leave this module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Node as SyntaxNode, Parser as GoParser } from 'web-tree-sitter';
import { blankElisions, snippet, type BlockPos } from './blocks.js';
import { onceEngine, timeEngineSync } from './timing.js';
import { hasFields, recordResult, storedResult } from './results.js';
import { requireExternal } from '../require-external.js';
import { loadTreeSitter } from './tree-sitter.js';

export interface GoSyntaxError {
  message: string;
  start: BlockPos;
  end: BlockPos;
}

/** A Go type expression, reduced to what JSON encoding cares about. */
export type GoType =
  | { kind: 'name'; name: string; text: string }
  | { kind: 'qualified'; pkg: string; name: string; text: string }
  | { kind: 'pointer'; elem: GoType; text: string }
  | { kind: 'slice'; elem: GoType; text: string }
  | { kind: 'map'; key: GoType; value: GoType; text: string }
  | { kind: 'struct'; fields: GoField[]; text: string }
  | { kind: 'interface'; empty: boolean; text: string }
  | { kind: 'generic'; base: GoType; args: GoType[]; text: string }
  | { kind: 'other'; text: string };

export interface JsonTag {
  /** The name from the tag; empty when the tag leaves it to the field name (`json:",omitempty"`). */
  name: string;
  omitempty: boolean;
  omitzero: boolean;
  /** The `,string` option: numbers and booleans travel as strings. */
  string: boolean;
  /** `json:"-"`: never encoded. */
  skip: boolean;
}

export interface GoField {
  /** Field names; empty for an embedded field. */
  names: string[];
  embedded: boolean;
  type: GoType;
  /** The raw tag (content of the string literal), or null. */
  tag: string | null;
  json: JsonTag | null;
  pos: BlockPos;
}

export interface GoTypeDecl {
  name: string;
  /** `type A = B` */
  alias: boolean;
  typeParams: string[];
  type: GoType;
  /** Position of the type name. */
  pos: BlockPos;
}

export interface GoAnalysis {
  /** Syntax errors (at most one: the first). Empty when the block parses. */
  errors: GoSyntaxError[];
  /** How the fragment was read. */
  form: 'file' | 'interface-body' | 'struct-body' | 'function-body';
  /** Named type declarations read from error-free parts of the block, in order. */
  types: GoTypeDecl[];
}

const getParser = onceEngine('tree-sitter', async (): Promise<GoParser> => {
  let treeSitter: typeof import('web-tree-sitter');
  try {
    treeSitter = requireExternal<typeof import('web-tree-sitter')>('web-tree-sitter');
  } catch {
    throw new Error('The Go parser (package `web-tree-sitter`) is not installed: reinstall spec with its dependencies, or turn off code/go-syntax and code/contract-alignment.');
  }
  const { Parser, Language } = treeSitter;
  return loadTreeSitter(Parser, async () => {
    // the grammar is vendored (vendor/tree-sitter-go/README.md): the package would bring native builds we never load
    const wasm = join(packageRoot, 'vendor', 'tree-sitter-go', 'tree-sitter-go.wasm');
    if (!existsSync(wasm)) {
      throw new Error(`The Go grammar (${wasm}) is missing: reinstall spec, or turn off code/go-syntax and code/contract-alignment.`);
    }
    // the bytes, not the path: given a path, web-tree-sitter reads it through `import('fs/promises')`, Node's
    // ES module loader (see src/require-external.ts)
    const go = await Language.load(readFileSync(wasm));
    const parser = new Parser();
    parser.setLanguage(go);
    return parser;
  });
});

const WRAPS: Array<{ form: GoAnalysis['form']; before: string; after: string }> = [
  { form: 'interface-body', before: 'type _ interface {\n', after: '\n}\n' },
  { form: 'struct-body', before: 'type _ struct {\n', after: '\n}\n' },
  { form: 'function-body', before: 'func _() {\n', after: '\n}\n' },
];

const cache = new Map<string, GoAnalysis>();
const CACHE_LIMIT = 512;

/**
 * Parses one Go block's text. Results are cached by text for the life of the process, and across runs when
 * a run keeps code results (results.ts): then tree-sitter is not even loaded.
 */
export async function analyzeGo(text: string): Promise<GoAnalysis> {
  const hit = cache.get(text);
  // a result this process has: still the run's (results.ts recordResult), or the run's cache would lose it
  if (hit) {
    recordResult('tree-sitter', 'go', text, hit);
    return hit;
  }
  let result = storedResult<GoAnalysis>('tree-sitter', 'go', text, (v) => hasFields(v, ['errors', 'types'], ['form']));
  if (!result) {
    const parser = await getParser();
    result = timeEngineSync('tree-sitter', () => analyzeWith(parser, text));
    recordResult('tree-sitter', 'go', text, result);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, result);
  return result;
}

function analyzeWith(parser: GoParser, original: string): GoAnalysis {
  // A fenced block's text has no final line break, but the grammar ends every top-level declaration with a
  // terminator (a new line or `;`): a whole file (`package api`, imports, `type … struct { … }`) read
  // without one fails on its last declaration. Go itself takes a file without the final new line.
  const blanked = blankElisions(original);
  const text = blanked.endsWith('\n') ? blanked : `${blanked}\n`;
  const plain = parseWith(parser, text, 0);
  if (!plain.hasError) return { errors: [], form: 'file', types: plain.types };
  for (const wrap of WRAPS) {
    const wrapped = parseWith(parser, wrap.before + text + wrap.after, 1);
    if (!wrapped.hasError) return { errors: [], form: wrap.form, types: wrapped.types };
  }
  // A MISSING node is precise; otherwise an unbalanced bracket says more than an ERROR node spanning a
  // whole declaration.
  const first = plain.firstError;
  const error = (first?.missing ? first : null) ?? scanBrackets(text) ?? first ?? {
    message: 'syntax error',
    start: { line: 1, column: 1 },
    end: { line: 1, column: 2 },
  };
  return { errors: [{ message: error.message, start: error.start, end: error.end }], form: 'file', types: plain.types };
}

interface ParseOutcome {
  hasError: boolean;
  firstError: (GoSyntaxError & { missing: boolean }) | null;
  types: GoTypeDecl[];
}

function parseWith(parser: GoParser, source: string, lineOffset: number): ParseOutcome {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree for a Go block');
  try {
    const root = tree.rootNode;
    const pos = (p: { row: number; column: number }): BlockPos => ({
      line: p.row + 1 - lineOffset,
      column: p.column + 1,
    });
    const types: GoTypeDecl[] = [];
    collectTypes(root, types, pos);
    return { hasError: root.hasError, firstError: root.hasError ? firstError(root, pos) : null, types };
  } finally {
    tree.delete();
  }
}

type PosFn = (p: { row: number; column: number }) => BlockPos;

function firstError(root: SyntaxNode, pos: PosFn): (GoSyntaxError & { missing: boolean }) | null {
  let found: SyntaxNode | null = null;
  const visit = (node: SyntaxNode): boolean => {
    if (node.isMissing || node.type === 'ERROR') {
      found = node;
      return true;
    }
    if (!node.hasError) return false;
    for (const child of node.children) if (child && visit(child)) return true;
    return false;
  };
  visit(root);
  const node = found as SyntaxNode | null;
  if (!node) return null;
  const start = pos(node.startPosition);
  let end = pos(node.endPosition);
  if (end.line !== start.line || end.column <= start.column) end = { line: start.line, column: start.column + 1 };
  if (node.isMissing) {
    const what = node.isNamed ? node.type.replace(/_/g, ' ') : `\`${node.type}\``;
    return { message: `syntax error: missing ${what}`, start, end, missing: true };
  }
  const text = node.text.trim();
  const single = node.childCount <= 1 && !/\s/.test(text);
  const message = single
    ? `syntax error: unexpected \`${snippet(text)}\``
    : `syntax error: cannot parse \`${snippet(text)}\``;
  return { message, start, end, missing: false };
}

/**
 * Finds an unterminated string, raw string or rune literal, or an unbalanced bracket (skipping comments and
 * literals): a closer with no opener, a closer that does not match its opener, or an opener never closed.
 * Null when everything balances.
 */
export function scanBrackets(text: string): GoSyntaxError | null {
  const stack: Array<{ ch: string; line: number; column: number }> = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let line = 1;
  let col = 1;
  let i = 0;
  const advance = (n = 1) => {
    for (let k = 0; k < n && i < text.length; k++, i++) {
      if (text[i] === '\n') {
        line++;
        col = 1;
      } else col++;
    }
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') advance();
    } else if (c === '/' && next === '*') {
      advance(2);
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) advance();
      advance(2);
    } else if (c === '"' || c === "'") {
      const at = { line, column: col };
      advance();
      while (i < text.length && text[i] !== c && text[i] !== '\n') advance(text[i] === '\\' ? 2 : 1);
      if (text[i] !== c) {
        const what = c === '"' ? 'string' : 'rune';
        return { message: `syntax error: ${what} literal not terminated`, start: at, end: { line: at.line, column: at.column + 1 } };
      }
      advance();
    } else if (c === '`') {
      const at = { line, column: col };
      advance();
      while (i < text.length && text[i] !== '`') advance();
      if (i >= text.length) {
        return { message: 'syntax error: raw string literal not terminated', start: at, end: { line: at.line, column: at.column + 1 } };
      }
      advance();
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ ch: c, line, column: col });
      advance();
    } else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (!open) {
        return {
          message: `syntax error: unexpected \`${c}\` with no matching \`${pairs[c]}\``,
          start: { line, column: col },
          end: { line, column: col + 1 },
        };
      }
      if (open.ch !== pairs[c]) {
        return {
          message: `syntax error: unexpected \`${c}\`; the \`${open.ch}\` on line ${open.line} is not closed`,
          start: { line, column: col },
          end: { line, column: col + 1 },
        };
      }
      advance();
    } else advance();
  }
  const open = stack.pop();
  if (!open) return null;
  const lines = text.replace(/\s+$/, '').split('\n');
  const lastLine = Math.max(1, lines.length);
  const lastCol = (lines[lastLine - 1] ?? '').length + 1;
  const closer = { '(': ')', '[': ']', '{': '}' }[open.ch as '(' | '[' | '{'];
  return {
    message: `syntax error: unexpected end of block, expected \`${closer}\` (the \`${open.ch}\` on line ${open.line} is never closed)`,
    start: { line: lastLine, column: lastCol },
    end: { line: lastLine, column: lastCol + 1 },
  };
}

function collectTypes(node: SyntaxNode, out: GoTypeDecl[], pos: PosFn): void {
  if (node.type === 'type_spec' || node.type === 'type_alias') {
    if (node.hasError) return;
    const name = node.childForFieldName('name');
    const type = node.childForFieldName('type');
    if (name && type && name.text !== '_') {
      const params = node.childForFieldName('type_parameters');
      const typeParams: string[] = [];
      if (params) {
        for (const decl of params.namedChildren) {
          if (!decl) continue;
          for (const n of decl.childrenForFieldName('name')) if (n) typeParams.push(n.text);
        }
      }
      out.push({
        name: name.text,
        alias: node.type === 'type_alias',
        typeParams,
        type: toGoType(type, pos),
        pos: pos(name.startPosition),
      });
    }
    return;
  }
  // Type declarations stand at the top level, or in a function body (the function-body wrap): expressions
  // and the rest are not walked, which keeps the walk cheap (every node access crosses into WebAssembly).
  if (!DECL_CONTAINERS.has(node.type)) return;
  for (const child of node.namedChildren) if (child) collectTypes(child, out, pos);
}

const DECL_CONTAINERS = new Set(['source_file', 'type_declaration', 'function_declaration', 'block', 'statement_list']);

function toGoType(node: SyntaxNode, pos: PosFn): GoType {
  const text = node.text;
  switch (node.type) {
    case 'type_identifier':
      return { kind: 'name', name: text, text };
    case 'qualified_type': {
      const pkg = node.childForFieldName('package')?.text ?? '';
      const name = node.childForFieldName('name')?.text ?? text;
      return { kind: 'qualified', pkg, name, text };
    }
    case 'pointer_type': {
      const inner = node.namedChildren.find((c) => c !== null);
      return { kind: 'pointer', elem: inner ? toGoType(inner, pos) : { kind: 'other', text }, text };
    }
    case 'slice_type':
    case 'array_type': {
      const elem = node.childForFieldName('element');
      return { kind: 'slice', elem: elem ? toGoType(elem, pos) : { kind: 'other', text }, text };
    }
    case 'map_type': {
      const key = node.childForFieldName('key');
      const value = node.childForFieldName('value');
      return {
        kind: 'map',
        key: key ? toGoType(key, pos) : { kind: 'other', text },
        value: value ? toGoType(value, pos) : { kind: 'other', text },
        text,
      };
    }
    case 'struct_type':
      return { kind: 'struct', fields: structFields(node, pos), text };
    case 'interface_type':
      return { kind: 'interface', empty: node.namedChildCount === 0, text };
    case 'generic_type': {
      const base = node.childForFieldName('type');
      const args = node.childForFieldName('type_arguments');
      return {
        kind: 'generic',
        base: base ? toGoType(base, pos) : { kind: 'other', text },
        args: args
          ? args.namedChildren
              .filter((c): c is SyntaxNode => c !== null)
              .map((c) => (c.type === 'type_elem' && c.namedChild(0) ? toGoType(c.namedChild(0)!, pos) : toGoType(c, pos)))
          : [],
        text,
      };
    }
    case 'parenthesized_type':
    case 'type_elem': {
      const inner = node.namedChild(0);
      return inner ? toGoType(inner, pos) : { kind: 'other', text };
    }
    default:
      return { kind: 'other', text };
  }
}

function structFields(struct: SyntaxNode, pos: PosFn): GoField[] {
  const list = struct.namedChildren.find((c) => c?.type === 'field_declaration_list');
  if (!list) return [];
  const fields: GoField[] = [];
  for (const decl of list.namedChildren) {
    if (!decl || decl.type !== 'field_declaration') continue;
    const typeNode = decl.childForFieldName('type');
    if (!typeNode) continue;
    const names = decl.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null).map((n) => n.text);
    const tagNode = decl.childForFieldName('tag');
    const tag = tagNode ? tagContent(tagNode.text) : null;
    let type = toGoType(typeNode, pos);
    const embedded = names.length === 0;
    // An embedded `*T` keeps its star as an anonymous token before the type.
    if (embedded && decl.children.some((c) => c?.type === '*')) type = { kind: 'pointer', elem: type, text: `*${type.text}` };
    fields.push({
      names,
      embedded,
      type,
      tag,
      json: tag === null ? null : parseJsonTag(tag),
      pos: pos(decl.startPosition),
    });
  }
  return fields;
}

function tagContent(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : literal.slice(1, -1);
  } catch {
    return literal.slice(1, -1);
  }
}

/** Reads the `json:"…"` key of a struct tag (Go's `reflect.StructTag` conventions), or null when absent. */
export function parseJsonTag(tag: string): JsonTag | null {
  const re = /([^\s:"]+):"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    if (m[1] !== 'json') continue;
    const value = m[2]!;
    if (value === '-') return { name: '', omitempty: false, omitzero: false, string: false, skip: true };
    const [name = '', ...opts] = value.split(',');
    return {
      name,
      omitempty: opts.includes('omitempty'),
      omitzero: opts.includes('omitzero'),
      string: opts.includes('string'),
      skip: false,
    };
  }
  return null;
}
