/**
 * The output template's own placeholder forms and the scanner `template/placeholder` uses on prose.
 *
 * The forms are derived from the template text — `templates/tech-spec.md.hbs` rendered without data, which is
 * byte for byte the reference's "Tech spec output template" — by `templateForms` below: every `[…]` of it
 * (`[Feature Name]`, `[path]`, `[YYYYMMDDHHMMSS]`, `[SQL statements]` …), its unfilled choices (`yes/no`,
 * `Page / Reusable / Feature`) and its placeholder ids (`T-XXX`, `T-00X`, `US-XXX`, `ER-XXX`). The lists
 * below are that derivation's result, kept here so the linter reads no file; a test derives them again from
 * the template and fails when they drift. Besides the template's forms, `TODO` / `TBD` / `FIXME` / `TBA` /
 * `XXX` are open points by convention, and a template placeholder written in angle brackets (`<path>`,
 * `<feature name>`) is one too.
 *
 * Not placeholders: anything in code (inline or fenced: `app/[id]/page.tsx`, `Map<string, T>`), words in a
 * quoted string (UI copy: `"Archived <date> by <name>"`), a generic written in prose (`Promise<Invite[]>`,
 * `Array<Path>`), URL templates (`{workspace_id}`), and angle-bracket words that are not template forms.
 */

/** Bracketed template texts, lower-cased, white space collapsed, brackets removed (see `templateForms`). */
export const TEMPLATE_PLACEHOLDERS: readonly string[] = [
  '>= 1.6',
  'additional test tasks not covered inline above',
  "behavior to verify manually and why it can't be automated",
  'benchmarkname',
  'brief description from prd',
  'button, dialog, input',
  'can the code deploy independently of schema changes? can old and new clients coexist?',
  'componentname',
  'componentprops',
  'concrete action',
  'conflict condition',
  'date',
  'errinviteexists',
  'exact steps to revert. state whether deploy rollback is sufficient or if `goose down` is needed to reverse schema changes. if goose down is required, specify which migrations to revert and confirm the down migrations have been tested.',
  'explicit boundaries.',
  'feature name',
  'fetches invite list for current workspace',
  'functionname',
  'if applicable',
  'if introducing anything that differs from established patterns in /tech-specs/completed, document it here. if none, state "no new patterns — follows existing conventions."',
  'insufficient permissions',
  'interfacename',
  'invite confirmation modal',
  'inviteconflicterror',
  'key exported functions/types',
  'list only components not already in src/components/ui/',
  'method',
  'measurable condition',
  'name',
  "need query history; ttl-only doesn't support status transitions",
  'one to two sentences: what this spec implements and why.',
  'playwright/cypress',
  'precise description of what to build',
  'precise description',
  'prior tasks',
  'question',
  'redis with ttl expiry',
  'required role or permission',
  'sql statements that cleanly reverse the up migration',
  'sql statements',
  'specific technical risk',
  'specific, falsifiable description of the technical problem.',
  'specific, testable requirement',
  'task title',
  'technical assumption that needs validation',
  'test command or verifiable assertion',
  'testname',
  'this user has already been invited',
  'us-xxx or er-xxx',
  'uuid generation for invite tokens',
  'validation failure',
  'what breaks',
  'what causes this event to fire',
  'what changes and why',
  'what this endpoint does',
  'what trigger makes this urgent — approaching limits, incidents, blocked work, etc.',
  'where this feature fits in the existing architecture. what services, databases, and systems it touches. a brief diagram in mermaid or ascii if helpful.',
  'wiring frontend to backend, connecting services',
  'yyyymmddhhmmss',
  'at-least-once / best-effort',
  'brief steps',
  'channel/topic pattern',
  'column',
  'component-name',
  'constraints',
  'dashboard name/link',
  'date or milestone',
  'deployment notes',
  'description',
  'e.g., @radix-ui/react-dialog',
  'e.g., store invites in postgresql, not redis',
  'e.g., github.com/google/uuid',
  'e.g., p95 < 50ms',
  'edge cases to cover',
  'event_name',
  'exact/path/to/file.go',
  'file path',
  'flag_name',
  'flow name',
  'installed with shadcn dialog',
  'metric name',
  'notes',
  'other_table',
  'package name',
  'package.function',
  'package',
  'path to source prd — omit for engineering-initiated specs',
  'path',
  'purpose, used for dependency injection/testing',
  'reason for index',
  'rendering, interactions, state',
  'src/components/feature/component.tsx',
  'src/hooks/useinvites.ts',
  'src/path/to/file.tsx',
  'src/types/invites.ts',
  'table',
  'table_name',
  'test db, goose migrations, seed data',
  'test description',
  'threshold',
  'timestamp',
  'type',
  'useinvites()',
  'what changes',
  'what to assert',
];

const SET = new Set(TEMPLATE_PLACEHOLDERS);
/** Multi-word placeholders: a bracket that starts with one (`[Task title for US-001]`) is still unfilled. */
const PREFIXES = TEMPLATE_PLACEHOLDERS.filter((p) => p.includes(' ') && !p.startsWith('e.g.'));

/** Placeholders that stand for a path segment: flagged even inside a path (`migrations/[timestamp]_x.sql`). */
const PATH_SEGMENT_PLACEHOLDERS = new Set([
  'path', 'file path', 'timestamp', 'description', 'yyyymmddhhmmss', 'table', 'table_name', 'column', 'package',
  'feature name', 'component-name', 'name of file', 'exact/path/to/file.go', 'src/path/to/file.tsx',
]);

/**
 * Template choices left unfilled, as a whole table cell or text (see `templateForms`; the ER table's
 * `must/should/may` is trace/er-criteria's, which reports an unfilled priority itself).
 */
export const UNFILLED_CHOICES: ReadonlySet<string> = new Set(['yes/no', 'page / reusable / feature', 'at-least-once / best-effort', 'playwright/cypress']);

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Bracket contents the filled template keeps as they are: the `[ASSUMPTION]` tag and the `[ ]` checkbox. */
const KEPT_MARKUP = new Set(['', 'assumption', 'x']);

/**
 * The placeholder forms of a template text: its bracketed texts (normalised as `TEMPLATE_PLACEHOLDERS`), its
 * unfilled choices (a table body cell, or a bracket, made only of words separated by `/`) and its
 * placeholder ids. What the lists of this module are derived from.
 */
export function templateForms(template: string): { brackets: string[]; choices: string[]; ids: string[] } {
  const brackets = new Set<string>();
  const choices = new Set<string>();
  const choice = (t: string) => /^[A-Za-z][A-Za-z-]*(?:\s*\/\s*[A-Za-z][A-Za-z-]*)+$/.test(t.trim());
  for (const m of template.matchAll(/\[([^[\]\n]*)\]/g)) {
    const c = norm(m[1]!);
    if (KEPT_MARKUP.has(c)) continue;
    brackets.add(c);
    if (choice(c)) choices.add(c);
  }
  let row = 0;
  for (const line of template.split('\n')) {
    if (!/^\s*\|/.test(line)) {
      row = 0;
      continue;
    }
    if (++row <= 2) continue; // the header and the delimiter row
    for (const cell of line.split('|').slice(1, -1)) if (choice(cell)) choices.add(norm(cell));
  }
  const ids = [...new Set([...template.matchAll(/\b(?:T|US|ER)-\d*X+\d*\b/g)].map((m) => m[0]))];
  return { brackets: [...brackets].sort(), choices: [...choices].sort(), ids: ids.sort() };
}

/** A template placeholder text, however its words are joined (`feature-name`, `table_name`, `file path`). */
const JOINED = new Set(TEMPLATE_PLACEHOLDERS.map((p) => p.replace(/[\s_-]+/g, ' ')));

/** Whether a whole value (a header field, a cell) is a bracketed template placeholder such as `[date]`. */
export function isBracketPlaceholder(value: string): boolean {
  const m = /^\s*\[([^\]]*)\]\s*$/.exec(value);
  return m !== null && isPlaceholderText(m[1]!, false);
}

function isPlaceholderText(content: string, embedded: boolean): boolean {
  const c = norm(content);
  if (c === '' || c === 'x' || c === 'assumption' || c.startsWith('!') || c.startsWith('^')) return false;
  if (embedded) return PATH_SEGMENT_PLACEHOLDERS.has(c) || /\s/.test(c) || /XXX|YYYY/.test(content);
  if (SET.has(c)) return true;
  if (/X{3}|Y{4}/.test(content)) return true;
  if (/^e\.g\.,?\s/.test(c)) return true;
  return PREFIXES.some((p) => c.startsWith(p + ' ') || c.startsWith(p + ':') || c.startsWith(p + ','));
}

export interface Found {
  /** Offsets in the scanned text. */
  start: number;
  end: number;
  /** The placeholder as written. */
  text: string;
  kind: 'bracket' | 'marker' | 'choice' | 'angle';
}

const MARKER = /\b(?:T|US|ER)-(?:\d*X+\d*)\b|\b(?:TBD|TODO|FIXME|TBA)\b|(?<![\w-])XXX(?![\w-])|(?<![A-Za-z0-9])YYYYMMDD(?:HHMMSS)?(?![A-Za-z0-9])/g;

/** Placeholders in one prose text node. */
export function scanText(text: string): Found[] {
  const found: Found[] = [];
  const choice = norm(text);
  if (UNFILLED_CHOICES.has(choice)) return [{ start: 0, end: text.length, text: text.trim(), kind: 'choice' }];

  const rx = /\[([^[\]\n]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = rx.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const next = text[end] ?? '';
    if (next === '(') continue; // a link whose target did not parse
    const prev = text[start - 1] ?? '';
    const embedded = /[\w/]/.test(prev) || next === '/' || (next === '.' && /^\.[A-Za-z]/.test(text.slice(end, end + 2)));
    if (isPlaceholderText(m[1]!, embedded)) found.push({ start, end, text: m[0], kind: 'bracket' });
  }

  // a bracket that opens here and closes after inline code: `[Exact steps to revert … \`goose down\` …]`
  const open = text.lastIndexOf('[');
  if (open >= 0 && text.indexOf(']', open) < 0) {
    const rest = norm(text.slice(open + 1));
    if (rest.length >= 12 && TEMPLATE_PLACEHOLDERS.some((p) => p.startsWith(rest))) {
      found.push({ start: open, end: text.length, text: text.slice(open).trim(), kind: 'bracket' });
    }
  }

  const footer = /traceability verified/i.test(text);
  // the brackets found so far are in order and do not overlap: the one that could hold a marker is the last
  // that starts at or before it (markers come in order too, so one pass)
  const brackets = found.slice();
  let k = -1;
  MARKER.lastIndex = 0;
  while ((m = MARKER.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    while (k + 1 < brackets.length && brackets[k + 1]!.start <= start) k++;
    if (k >= 0 && end <= brackets[k]!.end) continue;
    if (footer && /^(US|ER)-/.test(m[0])) continue; // the template's closing "Traceability verified" line names US-XXX / ER-XXX generically
    found.push({ start, end, text: m[0], kind: 'marker' });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether an inline HTML node is a template placeholder written in angle brackets (`<path>`, `<feature
 * name>`, `<table_name>`) or an open point (`<TODO>`). Other tags (`<br>`, `<details>`, `<string>`) are not.
 */
export function isAnglePlaceholder(html: string): boolean {
  const m = /^<\s*([A-Za-z][\w\s-]*?)\s*>$/.exec(html.trim());
  if (!m) return false;
  const words = m[1]!.toLowerCase().replace(/[\s_-]+/g, ' ');
  return JOINED.has(words) || /^(todo|tbd|fixme|tba)$/.test(words);
}

/**
 * Whether offset `at` of a line stands inside a double-quoted string (UI copy, a message): `prefix` is the
 * line's text before it. Straight quotes pair up; curly ones open and close.
 */
export function insideQuotes(prefix: string): boolean {
  const straight = (prefix.match(/"/g) ?? []).length;
  const open = (prefix.match(/“/g) ?? []).length;
  const close = (prefix.match(/”/g) ?? []).length;
  return straight % 2 === 1 || open > close;
}

/** Whether an angle bracket at the end of `prefix` is a generic's (`Array<Path>`, `Map<K, V>`): a name right before it. */
export function genericBefore(prefix: string): boolean {
  return /[\w$]$/.test(prefix);
}
