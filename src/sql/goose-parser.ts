/**
 * The goose SQL migration parser, ported from pressly/goose `internal/sqlparser/parser.go` (MIT): a small
 * explicit state machine over `-- +goose …` annotations that splits a migration into its Up and Down
 * statements exactly as goose does (semicolon at the end of a line ends a statement; `StatementBegin` /
 * `StatementEnd` enclose statements that contain semicolons), with goose's error wording.
 *
 * Differences from goose, all additive:
 * - one pass yields both directions (goose parses once per direction; the statements and errors are the
 *   same), and every statement keeps the line and column where it starts so findings can point at it;
 * - errors are structured (a code, a line, a hint saying what to do) instead of a Go error string;
 * - `ENVSUB ON` is recorded on the statements it covers, but variables are not substituted (a spec has no
 *   environment).
 */

export type Direction = 'up' | 'down';

export type AnnotationKind =
  | 'up'
  | 'down'
  | 'statementBegin'
  | 'statementEnd'
  | 'noTransaction'
  | 'envsubOn'
  | 'envsubOff';

/** The annotations goose supports, matched case-insensitively, as goose spells them. */
const SUPPORTED: ReadonlyArray<[string, AnnotationKind]> = [
  ['Up', 'up'],
  ['Down', 'down'],
  ['StatementBegin', 'statementBegin'],
  ['StatementEnd', 'statementEnd'],
  ['NO TRANSACTION', 'noTransaction'],
  ['ENVSUB ON', 'envsubOn'],
  ['ENVSUB OFF', 'envsubOff'],
];

export interface Annotation {
  kind: AnnotationKind;
  /** 1-based line within the SQL text. */
  line: number;
  /** The line as written. */
  text: string;
}

export interface GooseStatement {
  direction: Direction;
  /** The statement exactly as goose hands it to the database (white space trimmed at both ends). */
  text: string;
  /** 1-based line (within the SQL text) of the statement's first character. */
  line: number;
  /** 1-based column of the statement's first character. */
  column: number;
  /** 1-based line of the statement's last character. */
  endLine: number;
  /** Whether the statement was enclosed in `StatementBegin` / `StatementEnd`. */
  block: boolean;
  /** Whether `ENVSUB ON` was in effect (goose would substitute `${VAR}` references). */
  envsub: boolean;
  /** @internal Source line number of each buffered line, and the buffered lines themselves. */
  sourceLines: number[];
  /** @internal */
  rawLines: string[];
  /** @internal Characters trimmed from the start of the buffer to form `text`. */
  leadTrim: number;
}

export type GooseErrorCode =
  | 'invalid-annotation'
  | 'duplicate-up'
  | 'must-start-with-up'
  | 'statement-begin-outside'
  | 'statement-end-without-begin'
  | 'missing-statement-end'
  | 'missing-semicolon'
  | 'statement-before-up';

export interface GooseParseError {
  code: GooseErrorCode;
  /** goose's wording (without its internal state numbers and documentation link). */
  message: string;
  /** What to do about it. */
  hint: string;
  /** 1-based line within the SQL text. */
  line: number;
  /** 1-based column, when the error points inside the line. */
  column?: number;
}

export interface GooseParseResult {
  up: GooseStatement[];
  down: GooseStatement[];
  /** `-- +goose NO TRANSACTION` is present: goose runs the migration outside a transaction. */
  noTransaction: boolean;
  annotations: Annotation[];
  /** Line of the `-- +goose Up` annotation, or null. */
  upLine: number | null;
  /** Line of the `-- +goose Down` annotation, or null. */
  downLine: number | null;
  /** Parse errors. goose stops at the first one, and so does this parser: at most one entry. */
  errors: GooseParseError[];
}

/** The parser's states, numbered as in goose. */
const enum State {
  Start = 0,
  Up = 1,
  StatementBeginUp = 2,
  StatementEndUp = 3,
  Down = 4,
  StatementBeginDown = 5,
  StatementEndDown = 6,
}

type ExtractResult = { ok: true; kind: AnnotationKind } | { ok: false; message: string; hint: string };

/** Port of goose's `extractAnnotation`: the line must be `-- +goose <annotation>` with no leading white space. */
export function extractAnnotation(line: string): ExtractResult {
  if (line.startsWith(' ') || line.startsWith('\t')) {
    return {
      ok: false,
      message: `${goQuote(line)} contains leading whitespace: invalid annotation`,
      hint: 'start the annotation at the beginning of the line',
    };
  }
  let cmd = line.split('--').join('');
  cmd = cmd.replace('+goose', '');
  if (cmd.includes('+goose')) {
    return {
      ok: false,
      message: `${goQuote(cmd)} contains multiple '+goose' annotations: invalid annotation`,
      hint: 'put each annotation on its own line',
    };
  }
  cmd = goTrimSpace(cmd);
  if (cmd === '') {
    return { ok: false, message: 'empty annotation', hint: `write one of ${supportedList()} after '-- +goose'` };
  }
  for (const [name, kind] of SUPPORTED) {
    if (name.toLowerCase() === cmd.toLowerCase()) return { ok: true, kind };
  }
  return {
    ok: false,
    message: `${goQuote(cmd)} not supported: invalid annotation`,
    hint: `use one of ${supportedList()}, or write the comment without '+goose'`,
  };
}

function supportedList(): string {
  return SUPPORTED.map(([n]) => n).join(', ');
}

/** Port of goose's `endsWithSemicolon`: the last white-space separated word before a `--` word ends with `;`. */
export function endsWithSemicolon(line: string): boolean {
  let prev = '';
  for (const word of line.split(/\s+/)) {
    if (word === '') continue;
    if (word.startsWith('--')) break;
    prev = word;
  }
  return prev.endsWith(';');
}

/** Go's strings.TrimSpace (ASCII and Unicode white space). */
function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');
}

/** A Go `%q`-like rendering, close enough for messages. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

function isUpState(s: State): boolean {
  return s === State.Up || s === State.StatementBeginUp || s === State.StatementEndUp;
}

/**
 * Parses a goose SQL migration. Lines are split on `\n` (a trailing `\r` is dropped, as Go's line scanner
 * does); line numbers are 1-based within `sql`.
 */
export function parseGooseMigration(sql: string): GooseParseResult {
  const result: GooseParseResult = {
    up: [],
    down: [],
    noTransaction: false,
    annotations: [],
    upLine: null,
    downLine: null,
    errors: [],
  };
  const lines = splitLines(sql);
  let state: State = State.Start;
  let envsub = false;
  // The statement buffer: its lines and where each came from.
  let buf: string[] = [];
  let bufLines: number[] = [];

  const fail = (e: GooseParseError): GooseParseResult => {
    result.errors.push(e);
    return result;
  };

  const bufferText = () => buf.map((l) => l + '\n').join('');

  const store = (direction: Direction, block: boolean) => {
    const raw = bufferText();
    const text = goTrimSpace(raw);
    const leadTrim = raw.length - raw.replace(/^[\s\u0085]+/, '').length;
    const stmt: GooseStatement = {
      direction,
      text,
      line: 0,
      column: 0,
      endLine: 0,
      block,
      envsub,
      sourceLines: bufLines,
      rawLines: buf,
      leadTrim,
    };
    const start = statementPosition(stmt, 0);
    const end = statementPosition(stmt, Math.max(0, text.length - 1));
    stmt.line = start.line;
    stmt.column = start.column;
    stmt.endLine = end.line;
    (direction === 'up' ? result.up : result.down).push(stmt);
    buf = [];
    bufLines = [];
  };

  /** The error for a statement left without its semicolon, pointing at its last non-blank line. */
  const missingSemicolon = (direction: Direction): GooseParseError => {
    const remaining = goTrimSpace(bufferText());
    let at = bufLines[bufLines.length - 1] ?? 1;
    let column: number | undefined;
    for (let i = buf.length - 1; i >= 0; i--) {
      if (goTrimSpace(buf[i]) !== '') {
        at = bufLines[i];
        column = buf[i].replace(/[\s\u0085]+$/, '').length + 1;
        break;
      }
    }
    return {
      code: 'missing-semicolon',
      message: `failed to parse migration: direction: ${direction}: unexpected unfinished SQL query: ${goQuote(truncate(remaining))}: missing semicolon?`,
      hint: `end the statement with ';' (or enclose it in '-- +goose StatementBegin' / '-- +goose StatementEnd')`,
      line: at,
      column,
    };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (state === State.Start && goTrimSpace(line) === '') continue;

    // Annotations: every line that is a `--` comment and mentions +goose.
    if (goTrimSpace(line).startsWith('--') && line.includes('+goose')) {
      const ann = extractAnnotation(line);
      if (!ann.ok) {
        return fail({
          code: 'invalid-annotation',
          message: `failed to parse annotation line ${goQuote(line)}: ${ann.message}`,
          hint: ann.hint,
          line: lineNo,
          column: 1,
        });
      }
      result.annotations.push({ kind: ann.kind, line: lineNo, text: line });
      let fallThrough = false;
      switch (ann.kind) {
        case 'up':
          if (state !== State.Start) {
            return fail({
              code: 'duplicate-up',
              message: "duplicate '-- +goose Up' annotations",
              hint: "keep a single '-- +goose Up', before every statement",
              line: lineNo,
              column: 1,
            });
          }
          state = State.Up;
          result.upLine = lineNo;
          break;
        case 'down':
          if (state === State.Up || state === State.StatementEndUp) {
            if (goTrimSpace(bufferText()) !== '') return fail(missingSemicolon('up'));
            state = State.Down;
            result.downLine = lineNo;
          } else {
            const inBlock = state === State.StatementBeginUp || state === State.StatementBeginDown;
            const duplicate = state === State.Down || state === State.StatementEndDown;
            return fail({
              code: 'must-start-with-up',
              message: "must start with '-- +goose Up' annotation",
              hint: inBlock
                ? "close the open block with '-- +goose StatementEnd' before '-- +goose Down'"
                : duplicate
                  ? "keep a single '-- +goose Down'"
                  : "put '-- +goose Up' and the Up statements before '-- +goose Down'",
              line: lineNo,
              column: 1,
            });
          }
          break;
        case 'statementBegin':
          if (state === State.Up || state === State.StatementEndUp) state = State.StatementBeginUp;
          else if (state === State.Down || state === State.StatementEndDown) state = State.StatementBeginDown;
          else {
            const nested = state === State.StatementBeginUp || state === State.StatementBeginDown;
            return fail({
              code: 'statement-begin-outside',
              message: "'-- +goose StatementBegin' must be defined after '-- +goose Up' or '-- +goose Down' annotation",
              hint: nested
                ? "close the previous block with '-- +goose StatementEnd' first (blocks do not nest)"
                : "move the block below '-- +goose Up' (or '-- +goose Down')",
              line: lineNo,
              column: 1,
            });
          }
          break;
        case 'statementEnd':
          if (state === State.StatementBeginUp) state = State.StatementEndUp;
          else if (state === State.StatementBeginDown) state = State.StatementEndDown;
          else {
            return fail({
              code: 'statement-end-without-begin',
              message: "'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'",
              hint: "add the matching '-- +goose StatementBegin' above, or remove this line",
              line: lineNo,
              column: 1,
            });
          }
          // goose does not `continue` here: the line goes on to store the block's statement.
          fallThrough = true;
          break;
        case 'noTransaction':
          result.noTransaction = true;
          break;
        case 'envsubOn':
          envsub = true;
          break;
        case 'envsubOff':
          envsub = false;
          break;
      }
      if (!fallThrough) continue;
    }

    // Leading comments and empty lines before a statement are ignored; once a statement has started,
    // every line is kept until it ends.
    if (buf.length === 0) {
      if (goTrimSpace(line).startsWith('--') || line === '') continue;
    }
    if (state !== State.StatementEndUp && state !== State.StatementEndDown) {
      buf.push(line);
      bufLines.push(lineNo);
    }
    if (state === State.Start) {
      return fail({
        code: 'statement-before-up',
        message: `failed to parse migration: unexpected state 0 on line ${goQuote(line)}`,
        hint: "put '-- +goose Up' above the first statement",
        line: lineNo,
        column: 1,
      });
    }
    switch (state) {
      case State.Up:
        if (endsWithSemicolon(line)) store('up', false);
        break;
      case State.Down:
        if (endsWithSemicolon(line)) store('down', false);
        break;
      case State.StatementEndUp:
        store('up', true);
        state = State.Up;
        break;
      case State.StatementEndDown:
        store('down', true);
        state = State.Down;
        break;
      default:
        break;
    }
  }

  // EOF
  if (state === State.Start) {
    return fail({
      code: 'must-start-with-up',
      message: "failed to parse migration: must start with '-- +goose Up' annotation",
      hint: "add '-- +goose Up' above the Up statements",
      line: 1,
      column: 1,
    });
  }
  if (state === State.StatementBeginUp || state === State.StatementBeginDown) {
    const begin = [...result.annotations].reverse().find((a) => a.kind === 'statementBegin');
    return fail({
      code: 'missing-statement-end',
      message: "failed to parse migration: missing '-- +goose StatementEnd' annotation",
      hint: "close the block with '-- +goose StatementEnd'",
      line: begin?.line ?? lines.length,
      column: 1,
    });
  }
  if (goTrimSpace(bufferText()) !== '') return fail(missingSemicolon(isUpState(state) ? 'up' : 'down'));
  return result;
}

function truncate(s: string, max = 80): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** Splits like Go's bufio.ScanLines: on `\n`, dropping one trailing `\r`, no empty final line after a final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Where a 0-based character offset inside `stmt.text` stands in the SQL text (1-based line and column).
 * Offsets past the end clamp to the statement's last character.
 */
export function statementPosition(stmt: GooseStatement, offset: number): { line: number; column: number } {
  let abs = stmt.leadTrim + Math.max(0, offset);
  for (let i = 0; i < stmt.rawLines.length; i++) {
    const len = stmt.rawLines[i].length + 1; // the line and its newline
    if (abs < len) return { line: stmt.sourceLines[i], column: abs + 1 };
    abs -= len;
  }
  const last = stmt.rawLines.length - 1;
  if (last < 0) return { line: 1, column: 1 };
  return { line: stmt.sourceLines[last], column: stmt.rawLines[last].length + 1 };
}

/** Goose's statement splitting for one direction (the conformance view). */
export function statementsFor(result: GooseParseResult, direction: Direction): string[] {
  return (direction === 'up' ? result.up : result.down).map((s) => s.text);
}
