/**
 * The shell parser of the command model: a command line (a done condition's code span, or one line of a
 * shell block under it) → plain data: its simple commands, how they are joined, and what in it needs a shell.
 *
 * Parser: tree-sitter-bash (the tree-sitter project's Bash grammar, `.wasm` build) on web-tree-sitter, the
 * runtime the Go engine already loads. Compared on the forms done conditions use (`&&`/`;`/`|` chains,
 * `cd dir &&`, `VAR=x` prefixes, quoted `-run 'A|B'`, `"$DATABASE_URL"`, `2>&1`, `$(…)`, `[[ … ]]`,
 * `$'\e…'`, heredocs) and on load cost (Node 20, 2 cores, fresh process, 20 typical commands):
 *
 * | package                       | correctness                                   | import + init | first parse | per parse |
 * |-------------------------------|-----------------------------------------------|---------------|-------------|-----------|
 * | tree-sitter-bash (wasm)       | full Bash grammar, error-tolerant tree        | ~20 ms        | ~15 ms      | ~0.05 ms  |
 * | sh-syntax (mvdan/sh, Go wasm) | full Bash/POSIX/mksh                          | ~13 ms        | ~230 ms     | ~4 ms     |
 * | mvdan-sh (GopherJS)           | full, but deprecated for sh-syntax            | ~160 ms       | ~15 ms      | ~0.15 ms  |
 * | @ericcornelissen/bash-parser  | POSIX only (no `[[`, `$'…'`); babylon 6 deps  | ~40 ms        | ~30 ms      | ~0.5 ms   |
 * | shell-quote                   | a tokenizer: `2>&1` and `$(…)` come apart      | ~4 ms         | ~2 ms       | ~0.01 ms  |
 *
 * tree-sitter-bash is correct on every form, the fastest parser per command, and adds only a grammar to a
 * runtime the project already ships (same install path as tree-sitter-go). It loads lazily, on the first
 * command a rule or a command needs parsed; with `--cache` the parse results are stored like the other
 * engines' (src/code/results.ts), so a run whose done conditions did not change never loads it.
 *
 * Quote removal is done here, on the tree: a word's `value` is what the program receives; a word with an
 * expansion (`$X`, `$(…)`, `~`, a glob) is `dynamic` — only a shell knows its value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { requireExternal } from '../require-external.js';
import { loadTreeSitter } from '../code/tree-sitter.js';
import { recordResult, storedResult } from '../code/results.js';
import { onceEngine, timeEngineSync } from '../code/timing.js';

/** One word of a simple command, after quote removal. */
export interface ParsedWord {
  /** What the program receives (for a dynamic word: the text as written). */
  value: string;
  /** The text as written. */
  raw: string;
  /** Holds an expansion, a substitution, a `~` or an unquoted glob: its value is known only to a shell. */
  dynamic: boolean;
}

/** A simple command: `VAR=x … program args … [redirects]`. */
export interface ParsedCommand {
  assignments: Array<{ name: string; value: string; dynamic: boolean }>;
  words: ParsedWord[];
  /** The operator that joins it to the previous command (`null` for the first). */
  joiner: '&&' | '||' | ';' | '|' | '&' | null;
  /** `! cmd` */
  negated: boolean;
  /** Its text as written. */
  text: string;
}

export interface ParsedLine {
  commands: ParsedCommand[];
  /** What makes the line need a shell (empty: it can be run as one argv). */
  shell: string[];
  /** A syntax error (unterminated quote …), or null. */
  error: string | null;
}

/** A node of the tree, copied out of the WASM heap once (a TreeCursor walk: no per-access marshalling). */
interface TsNode {
  type: string;
  text: string;
  isNamed: boolean;
  field: string | null;
  children: TsNode[];
  namedChildren: TsNode[];
  childForFieldName(name: string): TsNode | null;
}
interface TsCursor {
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}
interface TsTree {
  rootNode: { hasError: boolean };
  walk(): TsCursor;
  delete(): void;
}
interface TsParser {
  parse(text: string): TsTree | null;
}

function childForFieldName(this: TsNode, name: string): TsNode | null {
  return this.children.find((c) => c.field === name) ?? null;
}

/** Copies the tree into plain objects with one cursor walk. */
function plainTree(tree: TsTree, source: string): TsNode {
  const cursor = tree.walk();
  const build = (): TsNode => {
    const children: TsNode[] = [];
    const node: TsNode = {
      type: cursor.nodeType,
      text: source.slice(cursor.startIndex, cursor.endIndex),
      isNamed: cursor.nodeIsNamed,
      field: cursor.currentFieldName,
      children,
      namedChildren: [],
      childForFieldName,
    };
    if (cursor.gotoFirstChild()) {
      do children.push(build());
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    node.namedChildren = children.filter((c) => c.isNamed);
    return node;
  };
  try {
    return build();
  } finally {
    cursor.delete();
  }
}

const ENGINE = 'tree-sitter-bash';

const getParser = onceEngine(ENGINE, async (): Promise<TsParser> => {
  let treeSitter: typeof import('web-tree-sitter');
  try {
    treeSitter = requireExternal<typeof import('web-tree-sitter')>('web-tree-sitter');
  } catch {
    throw new Error('The shell parser (package `web-tree-sitter`) is not installed: reinstall spec with its dependencies.');
  }
  const { Parser, Language } = treeSitter;
  return loadTreeSitter(Parser, async () => {
    // the grammar is vendored (vendor/tree-sitter-bash/README.md): the package would bring native builds we never load
    const wasm = join(packageRoot, 'vendor', 'tree-sitter-bash', 'tree-sitter-bash.wasm');
    if (!existsSync(wasm)) {
      throw new Error(`The shell grammar (${wasm}) is missing: reinstall spec.`);
    }
    const bash = await Language.load(readFileSync(wasm)); // the bytes: see src/code/go.ts
    const parser = new Parser();
    parser.setLanguage(bash);
    return parser as unknown as TsParser;
  });
});

const cache = new Map<string, ParsedLine>();
const CACHE_LIMIT = 2048;

function validParsed(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const p = v as Partial<ParsedLine>;
  return Array.isArray(p.commands) && Array.isArray(p.shell) && (p.error === null || typeof p.error === 'string');
}

/** Whether `text` is already parsed in this process (no parser load needed). */
export function isParsed(text: string): boolean {
  return cache.has(text);
}

/** The parse of `text`, if this process has it (parseCommandLine fills it). */
export function parsedSync(text: string): ParsedLine | undefined {
  return cache.get(text);
}

/** Parses one command line (cached by text; stored across runs with `--cache`). */
export async function parseCommandLine(text: string): Promise<ParsedLine> {
  const hit = cache.get(text);
  // a result this process has: still the run's (results.ts recordResult), or the run's cache would lose it
  if (hit) {
    recordResult(ENGINE, 'line', text, hit);
    return hit;
  }
  let result = storedResult<ParsedLine>(ENGINE, 'line', text, validParsed);
  if (!result) {
    const parser = await getParser();
    result = timeEngineSync(ENGINE, () => parseWith(parser, text));
    recordResult(ENGINE, 'line', text, result);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, result);
  return result;
}

/** Parses many lines (the parser loads at most once, and only when one of them is new). */
export async function parseCommandLines(texts: Iterable<string>): Promise<void> {
  for (const t of texts) await parseCommandLine(t);
}

function parseWith(parser: TsParser, text: string): ParsedLine {
  const tree = parser.parse(text);
  if (!tree) return { commands: [], shell: [], error: 'the shell parser gave no tree' };
  try {
    const w = new Walker();
    w.statements(plainTree(tree, text), null);
    const error = tree.rootNode.hasError ? describeError(text) : null;
    return { commands: w.commands, shell: [...w.shell], error };
  } finally {
    tree.delete();
  }
}

function describeError(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  if (quote) return `an unterminated ${quote === '`' ? 'back-quote' : 'quote'} (${quote})`;
  return 'a shell syntax error';
}

type Joiner = ParsedCommand['joiner'];

const COMPOUND: Record<string, string> = {
  subshell: 'a subshell ( … )',
  compound_statement: 'a command group { … }',
  if_statement: 'an if statement',
  for_statement: 'a for loop',
  c_style_for_statement: 'a for loop',
  while_statement: 'a while loop',
  case_statement: 'a case statement',
  function_definition: 'a function definition',
};

class Walker {
  commands: ParsedCommand[] = [];
  shell = new Set<string>();

  /** A node holding statements separated by `;`, `&`, newlines (program, do_group, bodies …). */
  statements(node: TsNode, first: Joiner): void {
    let joiner: Joiner = first;
    let count = 0;
    for (const c of node.children) {
      if (!c.isNamed) {
        if (c.type === ';' || c.type === '&' || c.type === ';;') {
          joiner = c.type === '&' ? '&' : ';';
          this.shell.add(c.type === '&' ? 'a background job (&)' : 'a command list (;)');
        }
        continue;
      }
      if (c.type === 'comment') {
        this.shell.add('a comment (#)');
        continue;
      }
      if (++count === 2) this.shell.add('a command list (;)');
      this.statement(c, joiner);
      joiner = ';';
    }
  }

  statement(node: TsNode, joiner: Joiner, negated = false): void {
    switch (node.type) {
      case 'command':
        this.command(node, joiner, negated);
        return;
      case 'list': {
        // left op right, left-nested
        let j = joiner;
        for (const c of node.children) {
          if (!c.isNamed) {
            if (c.type === '&&' || c.type === '||') {
              j = c.type;
              this.shell.add(`a command chain (${c.type})`);
            }
            continue;
          }
          if (c.type === 'comment') continue;
          this.statement(c, j);
        }
        return;
      }
      case 'pipeline': {
        let j = joiner;
        for (const c of node.children) {
          if (!c.isNamed) {
            if (c.type === '|' || c.type === '|&') {
              j = '|';
              this.shell.add('a pipe (|)');
            }
            continue;
          }
          this.statement(c, j);
        }
        return;
      }
      case 'negated_command': {
        this.shell.add('a negation (!)');
        for (const c of node.namedChildren) this.statement(c, joiner, true);
        return;
      }
      case 'redirected_statement': {
        const body = node.childForFieldName('body');
        for (const c of node.namedChildren) {
          if (c !== body && /redirect/.test(c.type)) this.shell.add(c.type === 'heredoc_redirect' ? 'a here-document (<<)' : 'a redirect (>, <, 2>&1 …)');
        }
        if (body) this.statement(body, joiner, negated);
        return;
      }
      case 'test_command': {
        // [ … ] and [[ … ]]: a command named [ / [[ (a shell builtin; `[` is also /usr/bin/[)
        const t = node.text;
        const double = t.startsWith('[[');
        if (double) this.shell.add('a [[ … ]] test');
        const inner = t.slice(double ? 2 : 1, t.length - (double ? 2 : 1)).trim();
        const words: ParsedWord[] = [{ value: double ? '[[' : '[', raw: double ? '[[' : '[', dynamic: false }];
        for (const w of splitPlain(inner)) words.push({ value: w, raw: w, dynamic: /[$`]/.test(w) });
        if (!double) words.push({ value: ']', raw: ']', dynamic: false });
        this.push({ assignments: [], words, joiner, negated, text: t });
        return;
      }
      case 'variable_assignment':
      case 'variable_assignments': {
        this.shell.add('a variable assignment');
        const assignments = (node.type === 'variable_assignment' ? [node] : node.namedChildren.filter((c) => c.type === 'variable_assignment')).map(assignment);
        this.push({ assignments, words: [], joiner, negated, text: node.text });
        return;
      }
      case 'declaration_command':
      case 'unset_command': {
        // export A=1 / local / declare / unset: a shell builtin
        this.shell.add(`the shell builtin ${node.children[0]?.text ?? node.type}`);
        const words = [{ value: node.children[0]?.text ?? '', raw: node.children[0]?.text ?? '', dynamic: false }, ...node.namedChildren.map((c) => word(c))];
        this.push({ assignments: [], words, joiner, negated, text: node.text });
        return;
      }
      default: {
        const what = COMPOUND[node.type];
        this.shell.add(what ?? `shell syntax (${node.type})`);
        // the commands inside still count (a `for` over psql runs psql)
        let j: Joiner = joiner;
        for (const c of node.namedChildren) {
          if (c.type === 'command' || c.type === 'list' || c.type === 'pipeline' || c.type === 'redirected_statement' || c.type === 'negated_command' || COMPOUND[c.type] || c.type === 'test_command') {
            this.statement(c, j);
            j = ';';
          } else if (c.type === 'do_group' || c.type === 'else_clause' || c.type === 'elif_clause' || c.type === 'case_item') {
            this.statements(c, j);
            j = ';';
          }
        }
      }
    }
  }

  command(node: TsNode, joiner: Joiner, negated: boolean): void {
    const assignments: ParsedCommand['assignments'] = [];
    const words: ParsedWord[] = [];
    for (const c of node.namedChildren) {
      if (c.type === 'variable_assignment') {
        const a = assignment(c);
        if (a.dynamic) this.shell.add('an expansion ($…) in an assignment');
        assignments.push(a);
      } else if (c.type === 'command_name') {
        const w = word(c.namedChildren[0] ?? c);
        words.push(w);
      } else if (/redirect/.test(c.type)) {
        this.shell.add(c.type === 'herestring_redirect' ? 'a here-string (<<<)' : 'a redirect (>, <, 2>&1 …)');
      } else if (c.type === 'comment') {
        this.shell.add('a comment (#)');
      } else {
        const w = word(c);
        words.push(w);
      }
    }
    for (const w of words) if (w.dynamic) this.shell.add(expansionKind(w.raw));
    this.push({ assignments, words, joiner, negated, text: node.text });
  }

  push(c: ParsedCommand): void {
    this.commands.push(c);
  }
}

function expansionKind(raw: string): string {
  if (/\$\(|`/.test(raw)) return 'a command substitution ($(…))';
  if (/\$/.test(raw)) return 'a variable expansion ($…)';
  if (/^~/.test(raw)) return 'a home-directory expansion (~)';
  if (/\{[^}]*,[^}]*\}/.test(raw)) return 'a brace expansion ({a,b})';
  return 'a glob (*, ?, [ … ])';
}

function assignment(node: TsNode): { name: string; value: string; dynamic: boolean } {
  const name = node.childForFieldName('name')?.text ?? node.text.split('=')[0]!;
  const v = node.childForFieldName('value');
  if (!v) return { name, value: '', dynamic: false };
  const w = word(v);
  return { name, value: w.value, dynamic: w.dynamic };
}

/** Quote removal of one argument node. */
function word(node: TsNode): ParsedWord {
  const raw = node.text;
  const parts = wordParts(node);
  return { value: parts.value, raw, dynamic: parts.dynamic };
}

function wordParts(node: TsNode): { value: string; dynamic: boolean } {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'command_name':
    case 'variable_name':
    case 'test_operator':
    case 'special_variable_name':
      if (node.type === 'command_name' && node.namedChildren.length) return wordParts(node.namedChildren[0]!);
      return unquotedWord(node.text);
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'string':
    case 'translated_string':
      return doubleQuoted(node.type === 'translated_string' ? node.text.slice(1) : node.text);
    case 'ansi_c_string':
      return { value: ansiC(node.text.slice(2, -1)), dynamic: false };
    case 'concatenation': {
      let value = '';
      let dynamic = false;
      for (const c of node.children) {
        const p = wordParts(c);
        value += p.value;
        dynamic ||= p.dynamic;
      }
      return { value, dynamic };
    }
    default:
      // expansions, substitutions, arithmetic, brace expressions …
      return { value: node.text, dynamic: true };
  }
}

/** An unquoted word: backslash escapes removed; a glob character, a leading `~` or a `$` makes it dynamic. */
function unquotedWord(text: string): { value: string; dynamic: boolean } {
  let value = '';
  let dynamic = /^~/.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (i + 1 < text.length) {
        if (text[i + 1] !== '\n') value += text[i + 1];
        i++;
      }
      continue;
    }
    if (c === '*' || c === '?' || c === '$' || c === '`') dynamic = true;
    if (c === '[' && text.indexOf(']', i + 1) > i + 1) dynamic = true;
    value += c;
  }
  return { value, dynamic };
}

function doubleQuoted(text: string): { value: string; dynamic: boolean } {
  const inner = text.startsWith('"') ? text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined) : text;
  let value = '';
  let dynamic = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length && '$`"\\\n'.includes(inner[i + 1]!)) {
      if (inner[i + 1] !== '\n') value += inner[i + 1];
      i++;
      continue;
    }
    if (c === '$' || c === '`') dynamic = true;
    value += c;
  }
  return { value, dynamic };
}

function ansiC(body: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/g, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === 'c') return String.fromCharCode(e.charCodeAt(1) & 31);
    return simple[e] ?? `\\${e}`;
  });
}

/** White-space split honouring quotes (the inside of a `[ … ]` test, which the grammar does not split into words). */
function splitPlain(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}
