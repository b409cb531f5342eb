/**
 * Contract alignment: the Go response structs of section 4 and the TypeScript types that mirror them.
 *
 * Which Go structs count: structs with at least one json tag, declared in a Go block under "4. API Design",
 * whose name ends in `Response`, or that stand in a block introduced by a "Response …" label (the template's
 * `**Response struct:**`) and are not used inside another struct. Structs a response uses by name are
 * compared where they are used (with the TypeScript type named there, or an inline object type).
 *
 * Each one needs a TypeScript interface (or a type alias of an object type) of the same name somewhere in
 * the spec, with the same JSON fields: json tag names (the Go name when the tag leaves it out; `json:"-"`
 * and unexported fields skipped; embedded structs flattened), `omitempty` ↔ optional, a pointer ↔ optional
 * or `| null`, and compatible types:
 * - `string`, `time.Time`, `uuid.UUID`, `[]byte` (base64) and other string-encoded types ↔ `string` or a
 *   union of string literals; numeric kinds and `time.Duration` ↔ `number`; `bool` ↔ `boolean`; the
 *   `,string` tag option makes a number or boolean a string;
 * - slices and arrays ↔ `T[]` / `Array<T>`; maps ↔ `Record<K, V>` or an index signature;
 * - a named struct ↔ the TypeScript type of the same name (compared in turn) or an inline object type;
 * - `any`, `interface{}`, `json.RawMessage` and types the spec does not declare are not checked.
 *
 * Everything here is pure: it reads analyses produced by go.ts and typescript.ts.
 */
import type { CodeBlock, Loc, SpecModel } from '../model/types.js';
import { blockLoc, type BlockPos } from './blocks.js';
import type { GoAnalysis, GoField, GoType, GoTypeDecl } from './go.js';
import type { TsAnalysis, TsDecl, TsType } from './typescript.js';

export interface GoBlockInput {
  block: CodeBlock;
  analysis: GoAnalysis;
}

export interface TsBlockInput {
  block: CodeBlock;
  analysis: TsAnalysis;
}

export interface ContractFinding {
  message: string;
  loc: Loc;
  /** `Struct.field` or `Struct`. */
  key: string;
}

/** Whether a block stands in section 4 ("4. API Design"). */
export function isApiSection(block: CodeBlock): boolean {
  return block.sectionPath.some((title) => /^\s*4\s*[.):]/.test(title) || /\bAPI\s+Design\b/i.test(title));
}

interface IntroIndex {
  /** First lines of the spec's code blocks, ascending. */
  starts: number[];
  /** furthestEnd[i]: the furthest last line among the first i + 1 blocks of `starts`. */
  furthestEnd: number[];
  /** Prose nodes by last line (a stable sort: document order among equals). */
  prose: SpecModel['prose'];
}
const introIndexes = new WeakMap<SpecModel, IntroIndex>();

function introIndex(spec: SpecModel): IntroIndex {
  let ix = introIndexes.get(spec);
  if (!ix) {
    const blocks = [...spec.codeBlocks].sort((a, b) => a.loc.line - b.loc.line);
    const furthestEnd: number[] = [];
    for (const b of blocks) furthestEnd.push(Math.max(furthestEnd[furthestEnd.length - 1] ?? 0, b.loc.endLine));
    const prose = [...spec.prose].sort((a, b) => a.loc.endLine - b.loc.endLine);
    ix = { starts: blocks.map((b) => b.loc.line), furthestEnd, prose };
    introIndexes.set(spec, ix);
  }
  return ix;
}

/** The first index in [0, n) for which `below` is false (`below` true on a prefix). */
function partition(n: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The prose line that introduces a block: the text on the last line of prose that ends before the fence
 * and after the previous code block (e.g. `Response struct:`). Empty when there is none. Binary searches over
 * a per-model index: a spec of many blocks costs n log n, not n².
 */
export function introText(spec: SpecModel, block: CodeBlock): string {
  const { starts, furthestEnd, prose } = introIndex(spec);
  const line = block.loc.line;
  const k = partition(starts.length, (i) => starts[i]! < line);
  const previousEnd = k > 0 ? furthestEnd[k - 1]! : 0;
  let lastLine = -1;
  for (let j = partition(prose.length, (i) => prose[i]!.loc.endLine < line) - 1; j >= 0; j--) {
    const p = prose[j]!;
    if (p.loc.endLine <= previousEnd) break;
    if (p.loc.line <= previousEnd || p.text.trim() === '') continue;
    lastLine = p.loc.endLine;
    break;
  }
  if (lastLine < 0) return '';
  const parts: string[] = [];
  for (let j = partition(prose.length, (i) => prose[i]!.loc.endLine < lastLine); j < prose.length && prose[j]!.loc.endLine === lastLine; j++) {
    if (prose[j]!.loc.line > previousEnd) parts.push(prose[j]!.text);
  }
  return parts.join(' ').trim();
}

/** Whether a block is introduced as a response (`**Response struct:**`, `Response (200):` …). */
export function isResponseBlock(spec: SpecModel, block: CodeBlock): boolean {
  const intro = introText(spec, block);
  return /\bresponse\b/i.test(intro) && !/\brequest\b/i.test(intro);
}

interface GoEntry {
  decl: GoTypeDecl;
  block: CodeBlock;
}

interface TsEntry {
  decl: TsDecl;
  block: CodeBlock;
}

/** One JSON field of a Go struct. */
interface JsonField {
  name: string;
  goName: string;
  type: GoType;
  omitempty: boolean;
  omitzero: boolean;
  stringOpt: boolean;
  pos: BlockPos;
  block: CodeBlock;
}

interface GoShape {
  fields: JsonField[];
  /** An embedded type the spec does not declare: TypeScript may hold fields we cannot see. */
  open: boolean;
}

interface TsField {
  name: string;
  optional: boolean;
  type: TsType | null;
  pos: BlockPos;
  block: CodeBlock;
}

interface TsShape {
  members: TsField[];
  /** Extends or intersects a type the spec does not declare, or has an index signature. */
  open: boolean;
}

const STRING_QUALIFIED = new Set([
  'time.Time',
  'uuid.UUID',
  'uuid.NullUUID',
  'ulid.ULID',
  'netip.Addr',
  'netip.Prefix',
  'netip.AddrPort',
  'civil.Date',
  'civil.DateTime',
  'civil.Time',
  'pgtype.UUID',
  'pgtype.Text',
  'pgtype.Timestamptz',
  'pgtype.Timestamp',
  'pgtype.Date',
]);
const NUMBER_QUALIFIED = new Set(['time.Duration', 'time.Month', 'time.Weekday', 'big.Int', 'big.Float']);
const STRING_OR_NUMBER_QUALIFIED = new Set(['json.Number', 'decimal.Decimal', 'decimal.NullDecimal']);
const ANY_QUALIFIED = new Set(['json.RawMessage', 'pgtype.JSONB', 'pgtype.JSON', 'datatypes.JSON']);
/** Struct-valued qualified types: `omitempty` never omits them. */
const NEVER_EMPTY_QUALIFIED = new Set(['time.Time', 'uuid.UUID', 'ulid.ULID', 'civil.Date', 'civil.DateTime', 'civil.Time']);
/**
 * Every exported type of a few standard-library packages response fields name, to catch a misspelled one
 * (`time.Tmie`): another name of these packages is not a type at all. Packages not listed are not checked.
 */
const PACKAGE_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  time: new Set(['Duration', 'Location', 'Month', 'ParseError', 'Ticker', 'Time', 'Timer', 'Weekday']),
  json: new Set([
    'Decoder', 'Delim', 'Encoder', 'InvalidUTF8Error', 'InvalidUnmarshalError', 'Marshaler', 'MarshalerError', 'Number', 'RawMessage',
    'SyntaxError', 'Token', 'UnmarshalFieldError', 'UnmarshalTypeError', 'Unmarshaler', 'UnsupportedTypeError', 'UnsupportedValueError',
  ]),
  netip: new Set(['Addr', 'AddrPort', 'Prefix']),
  url: new Set(['Error', 'EscapeError', 'InvalidHostError', 'URL', 'Userinfo', 'Values']),
};

/** The qualified types a Go type names (through pointers, slices, maps and type arguments). */
function qualifiedIn(t: GoType, out: Array<{ pkg: string; name: string }> = []): Array<{ pkg: string; name: string }> {
  switch (t.kind) {
    case 'qualified':
      out.push({ pkg: t.pkg, name: t.name });
      break;
    case 'pointer':
    case 'slice':
      qualifiedIn(t.elem, out);
      break;
    case 'map':
      qualifiedIn(t.key, out);
      qualifiedIn(t.value, out);
      break;
    case 'generic':
      qualifiedIn(t.base, out);
      for (const a of t.args) qualifiedIn(a, out);
      break;
    default:
      break;
  }
  return out;
}

/** The closest name of a set (at most two edits away), for "did you mean". */
function closest(name: string, names: ReadonlySet<string>): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const n of names) {
    const d = editDistance(name.toLowerCase(), n.toLowerCase());
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      // a swap of two neighbours (`Tmie`) counts as one edit
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  const d = row[b.length]!;
  const swapped = a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 2 && [...a].sort().join('') === [...b].sort().join('');
  return swapped ? Math.min(d, 1) : d;
}

const NUMERIC = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'float32',
  'float64',
  'byte',
  'rune',
]);
const TS_ARRAY_REFS = new Set(['Array', 'ReadonlyArray']);
const TS_RECORD_REFS = new Set(['Record', 'Partial', 'Readonly']);

/** What Go encodes a type as, written as the TypeScript type that mirrors it. */
function goAsTs(t: GoType, go: Map<string, GoEntry>, depth = 0): string {
  if (depth > 8) return 'unknown';
  switch (t.kind) {
    case 'pointer':
      return `${goAsTs(t.elem, go, depth + 1)} | null`;
    case 'slice':
      if (isByte(t.elem)) return 'string';
      return `${wrapUnion(goAsTs(t.elem, go, depth + 1))}[]`;
    case 'map':
      return `Record<string, ${goAsTs(t.value, go, depth + 1)}>`;
    case 'struct':
      return '{ … }';
    case 'interface':
      return 'unknown';
    case 'generic':
      return t.text.replace(/\[/g, '<').replace(/\]/g, '>');
    case 'qualified': {
      const q = `${t.pkg}.${t.name}`;
      if (STRING_QUALIFIED.has(q)) return 'string';
      if (NUMBER_QUALIFIED.has(q)) return 'number';
      if (STRING_OR_NUMBER_QUALIFIED.has(q)) return 'string | number';
      return 'unknown';
    }
    case 'name': {
      if (t.name === 'string') return 'string';
      if (t.name === 'bool') return 'boolean';
      if (NUMERIC.has(t.name)) return 'number';
      const entry = go.get(t.name);
      if (entry && entry.decl.type.kind !== 'struct') return goAsTs(entry.decl.type, go, depth + 1);
      return t.name;
    }
    default:
      return 'unknown';
  }
}

function wrapUnion(s: string): string {
  return s.includes('|') ? `(${s})` : s;
}

function isByte(t: GoType): boolean {
  return t.kind === 'name' && (t.name === 'byte' || t.name === 'uint8');
}

function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

function stripPointer(t: GoType): GoType {
  return t.kind === 'pointer' ? stripPointer(t.elem) : t;
}

/** The declared name of a (pointer to a) named type, or null. */
function goTypeName(t: GoType): string | null {
  const s = stripPointer(t);
  if (s.kind === 'name') return s.name;
  if (s.kind === 'qualified') return s.name;
  if (s.kind === 'generic') return goTypeName(s.base);
  return null;
}

export function checkContracts(spec: SpecModel, goBlocks: GoBlockInput[], tsBlocks: TsBlockInput[]): ContractFinding[] {
  const go = new Map<string, GoEntry>();
  for (const { block, analysis } of goBlocks) {
    for (const decl of analysis.types) if (!go.has(decl.name)) go.set(decl.name, { decl, block });
  }
  const ts = new Map<string, TsEntry[]>();
  for (const { block, analysis } of tsBlocks) {
    for (const decl of analysis.decls) {
      const list = ts.get(decl.name) ?? [];
      list.push({ decl, block });
      ts.set(decl.name, list);
    }
  }

  const findings: ContractFinding[] = [];
  const seen = new Set<string>();
  const report = (key: string, message: string, loc: Loc) => {
    const id = `${key}\0${loc.line}:${loc.column}\0${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    findings.push({ key, message, loc });
  };

  // Struct names used as a field type or embedded by another struct: in a response block, those are parts
  // of a response, compared where they are used, not responses of their own.
  const referenced = new Set<string>();
  const collectRefs = (t: GoType): void => {
    switch (t.kind) {
      case 'name':
        referenced.add(t.name);
        break;
      case 'pointer':
      case 'slice':
        collectRefs(t.elem);
        break;
      case 'map':
        collectRefs(t.value);
        break;
      case 'generic':
        collectRefs(t.base);
        t.args.forEach(collectRefs);
        break;
      case 'struct':
        for (const f of t.fields) collectRefs(f.type);
        break;
    }
  };
  for (const { analysis } of goBlocks) for (const decl of analysis.types) if (decl.type.kind === 'struct') collectRefs(decl.type);

  // Response structs of section 4.
  const targets: GoEntry[] = [];
  const targetNames = new Set<string>();
  for (const { block, analysis } of goBlocks) {
    if (!isApiSection(block)) continue;
    const responseBlock = isResponseBlock(spec, block);
    for (const decl of analysis.types) {
      if (decl.type.kind !== 'struct' || decl.alias || targetNames.has(decl.name)) continue;
      if (!decl.type.fields.some((f) => f.json !== null)) continue;
      const isResponse =
        /Response$/.test(decl.name) || (responseBlock && !/Request$/.test(decl.name) && !referenced.has(decl.name));
      if (!isResponse) continue;
      targets.push({ decl, block });
      targetNames.add(decl.name);
    }
  }

  const compared = new Set<string>();

  const goShape = (fields: GoField[], block: CodeBlock, visiting: Set<string>): GoShape => {
    const out: JsonField[] = [];
    let open = false;
    for (const f of fields) {
      if (f.json?.skip) continue;
      if (f.embedded) {
        const name = goTypeName(f.type);
        if (f.json?.name) {
          out.push(field(f.json.name, name ?? f.type.text, f, block));
          continue;
        }
        const entry = name ? go.get(name) : undefined;
        if (entry && entry.decl.type.kind === 'struct' && !visiting.has(name!)) {
          const inner = goShape(entry.decl.type.fields, entry.block, new Set([...visiting, name!]));
          open ||= inner.open;
          for (const g of inner.fields) if (!out.some((o) => o.name === g.name)) out.push(g);
        } else if (entry && entry.decl.type.kind !== 'struct' && name && isExported(name)) {
          out.push(field(name, name, f, block));
        } else {
          open = true;
        }
        continue;
      }
      for (const goName of f.names) {
        if (!isExported(goName)) continue;
        out.push(field(f.json?.name || goName, goName, f, block));
      }
    }
    return { fields: out, open };
  };

  const field = (name: string, goName: string, f: GoField, block: CodeBlock): JsonField => ({
    name,
    goName,
    type: f.type,
    omitempty: f.json?.omitempty ?? false,
    omitzero: f.json?.omitzero ?? false,
    stringOpt: f.json?.string ?? false,
    pos: f.pos,
    block,
  });

  /** The members of a TypeScript declaration, following `extends`, intersections and aliases. Null: not an object type. */
  const tsShapeOfType = (t: TsType, block: CodeBlock, visiting: Set<string>): TsShape | null => {
    if (t.kind === 'object') {
      return {
        members: t.members.filter((m) => !m.method).map((m) => ({ name: m.name, optional: m.optional, type: m.type, pos: m.pos, block })),
        open: t.index !== null,
      };
    }
    if (t.kind === 'intersection') {
      const shape: TsShape = { members: [], open: false };
      for (const part of t.types) {
        const s = tsShapeOfType(part, block, visiting);
        if (!s) {
          shape.open = true;
          continue;
        }
        merge(shape, s);
      }
      return shape;
    }
    if (t.kind === 'ref') {
      const entry = ts.get(t.name)?.[0];
      if (!entry || visiting.has(t.name) || entry.decl.kind === 'enum') return { members: [], open: true };
      return tsShapeOfDecl(entry, new Set([...visiting, t.name]));
    }
    return null;
  };

  const tsShapeOfDecl = (entry: TsEntry, visiting: Set<string>): TsShape | null => {
    const { decl, block } = entry;
    if (decl.kind === 'enum') return null;
    if (decl.kind === 'alias') return tsShapeOfType(decl.type, block, visiting);
    const shape: TsShape = { members: [], open: false };
    for (const base of decl.extends) {
      const s = tsShapeOfType(base, block, visiting);
      if (s) merge(shape, s);
      else shape.open = true;
    }
    const own = tsShapeOfType(decl.type, block, visiting);
    if (own) merge(shape, own);
    return shape;
  };

  const merge = (into: TsShape, from: TsShape) => {
    into.open ||= from.open;
    for (const m of from.members) {
      const i = into.members.findIndex((x) => x.name === m.name);
      if (i >= 0) into.members[i] = m;
      else into.members.push(m);
    }
  };

  const resolveTs = (t: TsType, depth = 0): TsType => {
    if (t.kind !== 'ref' || depth > 8) return t;
    const entry = ts.get(t.name)?.[0];
    if (!entry) return t;
    if (entry.decl.kind === 'alias' || entry.decl.kind === 'enum') return resolveTs(entry.decl.type, depth + 1);
    return t;
  };

  /** Splits off `null` / `undefined` members of a union. */
  const nonNullish = (t: TsType): { types: TsType[]; hasNull: boolean; hasUndefined: boolean } => {
    const r = resolveTs(t);
    if (r.kind === 'union') {
      const out = { types: [] as TsType[], hasNull: false, hasUndefined: false };
      for (const m of r.types) {
        const sub = nonNullish(m);
        out.types.push(...sub.types);
        out.hasNull ||= sub.hasNull;
        out.hasUndefined ||= sub.hasUndefined;
      }
      return out;
    }
    if (r.kind === 'literal' && r.base === 'null') return { types: [], hasNull: true, hasUndefined: false };
    if (r.kind === 'keyword' && (r.name === 'undefined' || r.name === 'void')) return { types: [], hasNull: false, hasUndefined: true };
    return { types: [r], hasNull: false, hasUndefined: false };
  };

  type Want = 'string' | 'number' | 'boolean' | 'string|number';

  const scalarOk = (t: TsType, want: Want): boolean => {
    if (t.kind === 'keyword') {
      if (t.name === 'any') return true;
      if (want === 'string|number') return t.name === 'string' || t.name === 'number';
      return t.name === want;
    }
    if (t.kind === 'literal') return want === 'string|number' ? t.base === 'string' || t.base === 'number' : t.base === want;
    if (t.kind === 'template') return want === 'string' || want === 'string|number';
    if (t.kind === 'ref') {
      // A type the spec does not declare (imported from elsewhere) cannot be checked; `Date` is never JSON.
      return t.name !== 'Date' && !ts.has(t.name) && !TS_ARRAY_REFS.has(t.name) && !TS_RECORD_REFS.has(t.name) && t.name !== 'Map' && t.name !== 'Set';
    }
    return false;
  };

  /**
   * Whether a TypeScript type (standing in `tsBlock`) can mirror a Go type (standing in `goBlock`). `owner`
   * names the field for nested findings. Returns false on a mismatch at this level; nested struct
   * comparisons report their own findings.
   */
  const compatible = (
    goT: GoType,
    goBlock: CodeBlock,
    tsT: TsType,
    tsBlock: CodeBlock,
    owner: string,
    stringOpt: boolean,
    depth: number,
  ): boolean => {
    if (depth > 12) return true;
    const parts = nonNullish(tsT);
    if (parts.types.length === 0) return false;
    if (parts.types.length > 1) {
      // A union of string literals (an enum) is a string; otherwise every member must fit.
      return parts.types.every((p) => compatible(goT, goBlock, p, tsBlock, owner, stringOpt, depth + 1));
    }
    const t = parts.types[0]!;
    if (t.kind === 'keyword' && t.name === 'any') return true; // reported by code/ts-no-any
    const g = stripPointer(goT);

    // Same declared name on both sides: `status: InviteStatus` for `Status InviteStatus`.
    const goName = g.kind === 'name' ? g.name : g.kind === 'generic' ? goTypeName(g.base) : null;
    if (goName && tsRefName(tsT) === goName) {
      const entry = go.get(goName);
      if (!entry || entry.decl.type.kind === 'struct') {
        compareNamed(goName, owner);
        return true;
      }
      // A named non-struct type (`type InviteStatus string`): compare what both names stand for.
    }

    switch (g.kind) {
      case 'interface':
      case 'other':
        return true;
      case 'generic':
        return t.kind !== 'keyword' && t.kind !== 'literal' && t.kind !== 'template';
      case 'qualified': {
        const q = `${g.pkg}.${g.name}`;
        if (STRING_QUALIFIED.has(q)) return scalarOk(t, 'string');
        if (NUMBER_QUALIFIED.has(q)) return scalarOk(t, stringOpt ? 'string' : 'number');
        if (STRING_OR_NUMBER_QUALIFIED.has(q)) return scalarOk(t, 'string|number');
        return true; // json.RawMessage and the like, and types we do not know
      }
      case 'slice': {
        if (isByte(g.elem)) return scalarOk(t, 'string');
        if (t.kind === 'array') return compatible(g.elem, goBlock, t.elem, tsBlock, owner, false, depth + 1);
        if (t.kind === 'ref' && TS_ARRAY_REFS.has(t.name)) {
          return t.args[0] ? compatible(g.elem, goBlock, t.args[0], tsBlock, owner, false, depth + 1) : true;
        }
        if (t.kind === 'tuple') return true;
        return isUndeclaredRef(t);
      }
      case 'map': {
        if (t.kind === 'ref' && t.name === 'Record') {
          return t.args[1] ? compatible(g.value, goBlock, t.args[1], tsBlock, owner, false, depth + 1) : true;
        }
        if (t.kind === 'ref' && (t.name === 'Partial' || t.name === 'Readonly') && t.args[0]) {
          return compatible(g, goBlock, t.args[0], tsBlock, owner, false, depth + 1);
        }
        if (t.kind === 'object') {
          return t.index ? compatible(g.value, goBlock, t.index, tsBlock, owner, false, depth + 1) : t.members.length === 0;
        }
        if (t.kind === 'keyword') return t.name === 'object';
        return isUndeclaredRef(t);
      }
      case 'struct':
        return structAgainst(goShape(g.fields, goBlock, new Set()), null, t, tsBlock, owner);
      case 'name': {
        if (g.name === 'string') return scalarOk(t, 'string');
        if (g.name === 'bool') return scalarOk(t, stringOpt ? 'string' : 'boolean');
        if (NUMERIC.has(g.name)) return scalarOk(t, stringOpt ? 'string' : 'number');
        if (g.name === 'any' || g.name === 'error') return true;
        const entry = go.get(g.name);
        if (!entry) return true; // declared outside the spec: cannot check
        if (entry.decl.type.kind !== 'struct') {
          return compatible(entry.decl.type, entry.block, tsT, tsBlock, owner, stringOpt, depth + 1);
        }
        return structAgainst(goShape(entry.decl.type.fields, entry.block, new Set([g.name])), g.name, t, tsBlock, owner);
      }
      default:
        return true;
    }
  };

  /**
   * A Go struct (named `goName`, or inline when null) against a TypeScript type: an inline object type or a
   * type the spec declares is compared field by field; an undeclared name cannot be checked.
   */
  const structAgainst = (shape: GoShape, goName: string | null, t: TsType, tsBlock: CodeBlock, owner: string): boolean => {
    if (t.kind === 'object') {
      compareShapes(shape, tsShapeOfType(t, tsBlock, new Set())!, owner, null);
      return true;
    }
    if (t.kind === 'ref') {
      if (t.name === 'Date' || t.name === 'Map' || t.name === 'Set' || TS_ARRAY_REFS.has(t.name)) return false;
      const entry = ts.get(t.name)?.[0];
      if (!entry) return true;
      const pair = `${goName ?? owner}\0${t.name}`;
      if (compared.has(pair)) return true;
      compared.add(pair);
      const tsShape = tsShapeOfDecl(entry, new Set([t.name]));
      if (!tsShape) return false;
      compareShapes(shape, tsShape, goName ?? owner, entry);
      return true;
    }
    if (t.kind === 'intersection') {
      const tsShape = tsShapeOfType(t, tsBlock, new Set());
      if (tsShape) compareShapes(shape, tsShape, owner, null);
      return true;
    }
    return t.kind === 'keyword' && t.name === 'object';
  };

  /** A reference to a type the spec does not declare and that is not a built-in collection. */
  const isUndeclaredRef = (t: TsType): boolean =>
    t.kind === 'ref' && !ts.has(t.name) && !TS_ARRAY_REFS.has(t.name) && !TS_RECORD_REFS.has(t.name) && !['Map', 'Set', 'Date'].includes(t.name);

  const tsRefName = (t: TsType): string | null => {
    const parts = nonNullishShallow(t);
    return parts.length === 1 && parts[0]!.kind === 'ref' ? (parts[0] as { name: string }).name : null;
  };

  const nonNullishShallow = (t: TsType): TsType[] =>
    t.kind === 'union'
      ? t.types.filter((m) => !(m.kind === 'literal' && m.base === 'null') && !(m.kind === 'keyword' && m.name === 'undefined'))
      : [t];

  /** Compares a Go struct with the TypeScript type of the same name (once per name). */
  const compareNamed = (name: string, owner: string) => {
    const entry = go.get(name);
    if (!entry || entry.decl.type.kind !== 'struct' || compared.has(name)) return;
    compared.add(name);
    const tsEntries = ts.get(name) ?? [];
    if (tsEntries.length === 0) {
      if (!targetNames.has(name)) {
        report(
          name,
          `\`${owner}\` refers to \`${name}\`, but no TypeScript block declares \`${name}\`; add an interface that mirrors the Go struct \`${name}\``,
          blockLoc(entry.block, entry.decl.pos, { line: entry.decl.pos.line, column: entry.decl.pos.column + name.length }),
        );
      }
      return;
    }
    compareStruct(entry, tsEntries);
  };

  const compareStruct = (entry: GoEntry, tsEntries: TsEntry[]) => {
    const name = entry.decl.name;
    if (entry.decl.type.kind !== 'struct') return;
    for (const tsEntry of tsEntries) {
      const shape = tsShapeOfDecl(tsEntry, new Set([name]));
      if (!shape) {
        report(
          name,
          `TypeScript \`${name}\` is not an object type, but Go \`${name}\` is a struct; declare \`interface ${name} { … }\` with its json fields`,
          blockLoc(tsEntry.block, tsEntry.decl.pos, { line: tsEntry.decl.pos.line, column: tsEntry.decl.pos.column + name.length }),
        );
      } else {
        compareShapes(goShape(entry.decl.type.fields, entry.block, new Set([name])), shape, name, tsEntry);
      }
    }
  };

  const compareShapes = (goS: GoShape, tsS: TsShape, owner: string, tsEntry: TsEntry | null) => {
    const tsName = tsEntry ? `TypeScript \`${tsEntry.decl.name}\`` : `the TypeScript type of \`${owner}\``;
    for (const f of goS.fields) {
      const key = `${owner}.${f.name}`;
      for (const q of qualifiedIn(f.type)) {
        const known = PACKAGE_TYPES[q.pkg];
        if (!known || known.has(q.name)) continue;
        const guess = closest(q.name, known);
        report(
          `${key}:type`,
          `\`${q.pkg}.${q.name}\` (Go \`${f.goName}\` in \`${owner}\`) is not a type of package \`${q.pkg}\`${guess ? `; did you mean \`${q.pkg}.${guess}\`?` : ''}`,
          blockLoc(f.block, f.pos, { line: f.pos.line, column: f.pos.column + f.goName.length }),
        );
      }
      const m = tsS.members.find((x) => x.name === f.name);
      // The declaration that mirrors the Go field, in one step: the JSON type of what the pointer points to,
      // `| null` when Go sends a nil pointer as null, `?:` when Go leaves the field out.
      const omittable = optionalFor(f);
      const pointer = f.type.kind === 'pointer';
      const base = f.stringOpt && isStringOptTarget(f.type) ? 'string' : goAsTs(stripPointer(f.type), go);
      const nullable = pointer && omittable !== 'yes';
      const wantType = nullable ? `${base} | null` : base;
      const wantDecl = `${f.name}${omittable === 'yes' ? '?' : ''}: ${wantType}`;
      if (!m) {
        if (tsS.open) continue;
        report(
          key,
          `${tsName} lacks field \`${f.name}\` (Go \`${f.goName} ${f.type.text}\` in \`${owner}\`); add \`${wantDecl}\``,
          blockLoc(f.block, f.pos, { line: f.pos.line, column: f.pos.column + f.goName.length }),
        );
        continue;
      }
      const loc = blockLoc(m.block, m.pos, { line: m.pos.line, column: m.pos.column + m.name.length });
      if (!m.type) {
        report(key, `\`${key}\` has no type in TypeScript; declare it \`${wantDecl}\``, loc);
        continue;
      }
      if (!compatible(f.type, f.block, m.type, m.block, key, f.stringOpt, 0)) {
        // one report with the whole declaration, nullability and optionality included
        report(key, `\`${key}\`: TypeScript declares \`${m.type.text}\`, but Go's \`${f.type.text}\` is \`${wantType}\` in JSON; declare it \`${wantDecl}\``, loc);
        continue;
      }
      const nn = nonNullish(m.type);
      const tsOptional = m.optional || nn.hasUndefined;
      if (omittable === 'yes' && !tsOptional) {
        report(
          key,
          `\`${key}\` is \`${f.omitzero ? 'omitzero' : 'omitempty'}\` in Go, so it may be absent; declare it optional in TypeScript: \`${wantDecl}\``,
          loc,
        );
      } else if (omittable === 'no' && pointer && !tsOptional && !nn.hasNull) {
        report(key, `\`${key}\` is a pointer in Go (\`${f.type.text}\`) and may be null; declare it \`${wantDecl}\` in TypeScript`, loc);
      } else if (omittable === 'no' && !pointer && tsOptional) {
        report(
          key,
          `\`${key}\` is always sent by Go (\`${f.goName} ${f.type.text}\` has no \`omitempty\`), but TypeScript marks it optional; declare it \`${wantDecl}\`, or add \`omitempty\` to the tag`,
          loc,
        );
      }
    }
    if (goS.open) return;
    for (const m of tsS.members) {
      if (goS.fields.some((f) => f.name === m.name)) continue;
      report(
        `${owner}.${m.name}`,
        `${tsName} declares \`${m.name}\`, which Go \`${owner}\` does not send (no field with json name \`${m.name}\`); remove it or add it to the Go struct`,
        blockLoc(m.block, m.pos, { line: m.pos.line, column: m.pos.column + m.name.length }),
      );
    }
  };

  const isStringOptTarget = (t: GoType): boolean => {
    const s = stripPointer(t);
    return s.kind === 'name' && (NUMERIC.has(s.name) || s.name === 'bool' || s.name === 'string');
  };

  /** Whether Go may leave the field out: `yes` (omitempty/omitzero on an omittable type), `no`, or `unknown`. */
  const optionalFor = (f: JsonField): 'yes' | 'no' | 'unknown' => {
    if (f.omitzero) return 'yes';
    if (!f.omitempty) return 'no';
    return canBeEmpty(f.type, 0);
  };

  const canBeEmpty = (t: GoType, depth: number): 'yes' | 'no' | 'unknown' => {
    if (depth > 8) return 'unknown';
    switch (t.kind) {
      case 'pointer':
      case 'slice':
      case 'map':
      case 'interface':
        return t.kind === 'slice' && /^\[\d/.test(t.text) ? (/^\[0\]/.test(t.text) ? 'yes' : 'no') : 'yes';
      case 'struct':
        return 'no';
      case 'qualified': {
        const q = `${t.pkg}.${t.name}`;
        if (NEVER_EMPTY_QUALIFIED.has(q)) return 'no';
        if (NUMBER_QUALIFIED.has(q) || ANY_QUALIFIED.has(q)) return 'yes';
        return 'unknown';
      }
      case 'name': {
        if (t.name === 'string' || t.name === 'bool' || NUMERIC.has(t.name) || t.name === 'any' || t.name === 'error') return 'yes';
        const entry = go.get(t.name);
        return entry ? canBeEmpty(entry.decl.type, depth + 1) : 'unknown';
      }
      default:
        return 'unknown';
    }
  };

  for (const target of targets) {
    const name = target.decl.name;
    const tsEntries = ts.get(name) ?? [];
    if (tsEntries.length === 0) {
      report(
        name,
        `Go response struct \`${name}\` has no TypeScript interface \`${name}\` in the spec; declare \`interface ${name} { … }\` with the same json fields`,
        blockLoc(target.block, target.decl.pos, { line: target.decl.pos.line, column: target.decl.pos.column + name.length }),
      );
      compared.add(name);
      continue;
    }
    if (compared.has(name)) continue;
    compared.add(name);
    compareStruct(target, tsEntries);
  }
  return findings.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
}
