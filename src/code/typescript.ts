/**
 * TypeScript blocks: parsed with the `typescript` compiler API (`createSourceFile`, no program, no type
 * checker: syntax only, fast), loaded on the first TypeScript block of the process.
 *
 * `analyzeTs` returns the syntactic diagnostics, every explicit `any` (an `AnyKeyword` type node) with
 * whether its line documents it (`// any: reason`), and the interface / type alias / enum declarations for
 * the contract check. Elisions (`...` alone on a line, `{ ... }`) are blanked first. A `ts` block that only
 * parses as TSX (it holds JSX) is accepted.
 */
import type * as TS from 'typescript';
import { blankElisions, offsetToPos, type BlockPos } from './blocks.js';
import { requireWithCodeCache } from './compile-cache.js';
import { hasFields, recordResult, storedResult } from './results.js';
import { onceEngine, timeEngineSync } from './timing.js';

type TypeScript = typeof TS;

export interface TsDiagnostic {
  message: string;
  /** TypeScript's error code (TS1005 …). */
  code: number;
  start: BlockPos;
  end: BlockPos;
}

export interface TsAny {
  start: BlockPos;
  end: BlockPos;
  /** The same line carries a `// any: reason` comment. */
  documented: boolean;
}

export type TsType =
  | { kind: 'keyword'; name: string; text: string }
  | { kind: 'literal'; base: 'string' | 'number' | 'boolean' | 'null' | 'bigint'; text: string }
  | { kind: 'template'; text: string }
  | { kind: 'array'; elem: TsType; text: string }
  | { kind: 'tuple'; text: string }
  | { kind: 'ref'; name: string; args: TsType[]; text: string }
  | { kind: 'object'; members: TsMember[]; index: TsType | null; text: string }
  | { kind: 'union'; types: TsType[]; text: string }
  | { kind: 'intersection'; types: TsType[]; text: string }
  | { kind: 'other'; text: string };

export interface TsMember {
  name: string;
  optional: boolean;
  /** Null for a property without a type annotation. */
  type: TsType | null;
  /** A method signature (not data). */
  method: boolean;
  pos: BlockPos;
}

export interface TsDecl {
  kind: 'interface' | 'alias' | 'enum';
  name: string;
  /** `extends` clauses of an interface. */
  extends: TsType[];
  /** The object type of an interface, the aliased type of an alias; for an enum, a union of its member values. */
  type: TsType;
  pos: BlockPos;
}

export interface TsAnalysis {
  diagnostics: TsDiagnostic[];
  anys: TsAny[];
  decls: TsDecl[];
}

// `typescript` is one 9 MB CommonJS file: `require` loads it several times faster than `import()`, which
// first scans the whole file for named exports; a V8 code cache (compile-cache.ts) saves most of the rest.
let saveCodeCache: (() => boolean) | null = null;
const getTs = onceEngine('typescript', async (): Promise<TypeScript> => {
  try {
    const loaded = requireWithCodeCache<TypeScript>('typescript', import.meta.url);
    saveCodeCache = loaded.save;
    return loaded.exports;
  } catch {
    throw new Error(
      'The TypeScript compiler (package `typescript`) is not installed: install it next to spec to check TypeScript blocks, or turn off code/ts-syntax, code/ts-no-any and code/contract-alignment.',
    );
  }
});

const cache = new Map<string, TsAnalysis>();
const CACHE_LIMIT = 512;

/**
 * Parses one TypeScript block (`tsx` when `jsx` is true). Cached by text for the life of the process, and
 * across runs when a run keeps code results (results.ts): then the compiler is not even loaded.
 */
export async function analyzeTs(text: string, jsx = false): Promise<TsAnalysis> {
  const key = `${jsx ? 'tsx' : 'ts'}\0${text}`;
  const variant = jsx ? 'tsx' : 'ts';
  const hit = cache.get(key);
  // a result this process has: still the run's (results.ts recordResult), or the run's cache would lose it
  if (hit) {
    recordResult('typescript', variant, text, hit);
    return hit;
  }
  const stored = storedResult<TsAnalysis>('typescript', variant, text, (v) => hasFields(v, ['diagnostics', 'anys', 'decls']));
  if (stored) return remember(key, stored);
  const ts = await getTs();
  const result = timeEngineSync('typescript', () => analyzeWith(ts, blankElisions(text), jsx));
  recordResult('typescript', variant, text, result);
  if (saveCodeCache) {
    // after the first analysis: the cache then holds the parser's functions too
    const save = saveCodeCache;
    saveCodeCache = null;
    save();
  }
  return remember(key, result);
}

function remember(key: string, result: TsAnalysis): TsAnalysis {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

function parse(ts: TypeScript, text: string, jsx: boolean): { sf: TS.SourceFile; diagnostics: readonly TS.Diagnostic[] } {
  const sf = ts.createSourceFile(
    jsx ? 'block.tsx' : 'block.ts',
    text,
    ts.ScriptTarget.Latest,
    false,
    jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  // The parser's own diagnostics: what `tsc` reports as syntax errors, without building a program.
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
  return { sf, diagnostics };
}

function analyzeWith(ts: TypeScript, text: string, jsx: boolean): TsAnalysis {
  let { sf, diagnostics } = parse(ts, text, jsx);
  if (diagnostics.length > 0 && !jsx) {
    const asTsx = parse(ts, text, true);
    if (asTsx.diagnostics.length === 0) ({ sf, diagnostics } = asTsx);
  }
  const pos = (offset: number): BlockPos => offsetToPos(text, offset);
  const out: TsAnalysis = {
    diagnostics: diagnostics.map((d) => {
      const start = d.start ?? 0;
      return {
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
        code: d.code,
        start: pos(start),
        end: pos(start + Math.max(1, d.length ?? 1)),
      };
    }),
    anys: [],
    decls: [],
  };
  const lines = text.split('\n');
  const visit = (node: TS.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const start = pos(node.getStart(sf));
      out.anys.push({ start, end: pos(node.end), documented: documentsAny(lines[start.line - 1] ?? '') });
    } else if (ts.isInterfaceDeclaration(node)) {
      out.decls.push({
        kind: 'interface',
        name: node.name.text,
        extends: (node.heritageClauses ?? [])
          .filter((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
          .flatMap((h) => h.types.map((t) => heritageType(ts, sf, t))),
        type: objectType(ts, sf, node.members, text.slice(node.members.pos, node.members.end), pos),
        pos: pos(node.name.getStart(sf)),
      });
    } else if (ts.isTypeAliasDeclaration(node)) {
      out.decls.push({ kind: 'alias', name: node.name.text, extends: [], type: toTsType(ts, sf, node.type, pos), pos: pos(node.name.getStart(sf)) });
    } else if (ts.isEnumDeclaration(node)) {
      const types: TsType[] = node.members.map((m) => {
        const init = m.initializer;
        if (init && ts.isStringLiteralLike(init)) return { kind: 'literal', base: 'string', text: init.getText(sf) };
        return { kind: 'literal', base: 'number', text: init ? init.getText(sf) : m.name.getText(sf) };
      });
      out.decls.push({ kind: 'enum', name: node.name.text, extends: [], type: { kind: 'union', types, text: node.name.text }, pos: pos(node.name.getStart(sf)) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Whether a line documents its `any`: a `// any: reason` (or `/* any: reason *\/`) comment with a reason. */
export function documentsAny(line: string): boolean {
  return /\/\/\s*any\s*:\s*\S|\/\*+\s*any\s*:\s*[^\s*]/i.test(line);
}

function heritageType(ts: TypeScript, sf: TS.SourceFile, t: TS.ExpressionWithTypeArguments): TsType {
  const text = t.getText(sf);
  const name = ts.isIdentifier(t.expression) ? t.expression.text : t.expression.getText(sf);
  return { kind: 'ref', name, args: [], text };
}

function memberName(ts: TypeScript, sf: TS.SourceFile, name: TS.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return name.getText(sf);
}

function objectType(
  ts: TypeScript,
  sf: TS.SourceFile,
  members: TS.NodeArray<TS.TypeElement>,
  text: string,
  pos: (offset: number) => BlockPos,
): TsType {
  const out: TsMember[] = [];
  let index: TsType | null = null;
  for (const m of members) {
    if (ts.isPropertySignature(m)) {
      out.push({
        name: memberName(ts, sf, m.name),
        optional: m.questionToken !== undefined,
        type: m.type ? toTsType(ts, sf, m.type, pos) : null,
        method: false,
        pos: pos(m.getStart(sf)),
      });
    } else if (ts.isMethodSignature(m)) {
      out.push({ name: memberName(ts, sf, m.name), optional: m.questionToken !== undefined, type: null, method: true, pos: pos(m.getStart(sf)) });
    } else if (ts.isIndexSignatureDeclaration(m) && m.type) {
      index = toTsType(ts, sf, m.type, pos);
    }
  }
  return { kind: 'object', members: out, index, text };
}

function toTsType(ts: TypeScript, sf: TS.SourceFile, node: TS.TypeNode, pos: (offset: number) => BlockPos): TsType {
  const text = node.getText(sf);
  const K = ts.SyntaxKind;
  switch (node.kind) {
    case K.StringKeyword:
    case K.NumberKeyword:
    case K.BooleanKeyword:
    case K.UndefinedKeyword:
    case K.UnknownKeyword:
    case K.AnyKeyword:
    case K.ObjectKeyword:
    case K.NeverKeyword:
    case K.BigIntKeyword:
    case K.VoidKeyword:
    case K.SymbolKeyword:
      return { kind: 'keyword', name: text, text };
  }
  if (ts.isLiteralTypeNode(node)) {
    const lit = node.literal;
    if (lit.kind === K.NullKeyword) return { kind: 'literal', base: 'null', text };
    if (lit.kind === K.TrueKeyword || lit.kind === K.FalseKeyword) return { kind: 'literal', base: 'boolean', text };
    if (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) return { kind: 'literal', base: 'string', text };
    if (ts.isBigIntLiteral(lit)) return { kind: 'literal', base: 'bigint', text };
    return { kind: 'literal', base: 'number', text };
  }
  if (ts.isTemplateLiteralTypeNode(node)) return { kind: 'template', text };
  if (ts.isParenthesizedTypeNode(node)) return toTsType(ts, sf, node.type, pos);
  if (ts.isTypeOperatorNode(node) && node.operator === K.ReadonlyKeyword) return toTsType(ts, sf, node.type, pos);
  if (ts.isArrayTypeNode(node)) return { kind: 'array', elem: toTsType(ts, sf, node.elementType, pos), text };
  if (ts.isTupleTypeNode(node)) return { kind: 'tuple', text };
  if (ts.isUnionTypeNode(node)) return { kind: 'union', types: node.types.map((t) => toTsType(ts, sf, t, pos)), text };
  if (ts.isIntersectionTypeNode(node)) return { kind: 'intersection', types: node.types.map((t) => toTsType(ts, sf, t, pos)), text };
  if (ts.isTypeLiteralNode(node)) return objectType(ts, sf, node.members, text, pos);
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.getText(sf);
    return { kind: 'ref', name, args: (node.typeArguments ?? []).map((t) => toTsType(ts, sf, t, pos)), text };
  }
  return { kind: 'other', text };
}
