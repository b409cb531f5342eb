/**
 * The template's outline (the ten `##` sections and their `###` subsections, exactly as the reference's output
 * template writes them) and the matching shared by `template/sections`, `template/subsections` and
 * `template/requirement-mapping`: title normalisation, resemblance, section ranges and "None — reason" bodies.
 *
 * Matching levels, from strict to loose:
 * - exact: equal once runs of white space are collapsed (extra spaces are not a defect);
 * - loose: the same words, written differently — another case, another kind of dash (`—`, `–`, `-`), `1)`
 *   for `1.`, a trailing `.` or `:`, spaces around `/` — recognised, reported as a warning so the title is
 *   written as the template has it;
 * - similar: other words — `and` for `&`, a typo, a missing or extra word, a wrong number — recognised as
 *   that heading, reported as an error naming the expected title (the reference: "Use exactly this
 *   structure and headings").
 */
import type { Heading, Loc, SpecModel } from '../../model/types.js';

export const SECTIONS: readonly string[] = [
  '1. Overview',
  '2. Architecture & Design Decisions',
  '3. Data Model',
  '4. API Design',
  '5. Component & Module Design',
  '6. Implementation Tasks',
  '7. Testing Strategy',
  '8. Rollout & Operations',
  '9. Open Questions & Risks',
  '10. Assumptions',
];

export interface ExpectedSubsection {
  title: string;
  /** The template marks it `[If applicable]`: it may be left out. */
  optional?: boolean;
}

/** Index of section 4 (API Design), whose subsections are one per endpoint. */
export const API_SECTION = 3;
export const WEBSOCKET_SUBSECTION = 'WebSocket / Real-Time Events';

/** The `###` subsections of each section, by section index, in template order. */
export const SUBSECTIONS: readonly (readonly ExpectedSubsection[])[] = [
  [{ title: 'Summary' }, { title: 'Requirement Mapping' }],
  [{ title: 'System Context' }, { title: 'Key Decisions' }, { title: 'New Patterns or Deviations' }, { title: 'Dependencies' }],
  [{ title: 'New Tables' }, { title: 'Modified Tables' }, { title: 'Goose Migrations' }],
  // section 4: `### METHOD /path` per endpoint, then the WebSocket subsection (checked separately)
  [{ title: WEBSOCKET_SUBSECTION }],
  [
    { title: 'Backend (Go) — New Files' },
    { title: 'Backend (Go) — Modified Files' },
    { title: 'Backend Interfaces' },
    { title: 'Frontend (React/TypeScript) — New Files' },
    { title: 'Frontend (React/TypeScript) — Modified Files' },
    { title: 'shadcn/ui Components to Install' },
    { title: 'Frontend TypeScript Types' },
    { title: 'API Client / Hooks' },
    { title: 'Error Taxonomy' },
  ],
  [
    { title: 'Phase 1: Data Model' },
    { title: 'Phase 2: Backend Logic & API' },
    { title: 'Phase 3: Real-Time / Events', optional: true },
    { title: 'Phase 4: Frontend' },
    { title: 'Phase 5: Integration' },
    { title: 'Phase 6: Tests' },
  ],
  [
    { title: 'Backend Unit Tests (Go)' },
    { title: 'Backend Integration Tests (Go)' },
    { title: 'Backend Benchmarks (Go)' },
    { title: 'Frontend Unit Tests (React/TypeScript)' },
    { title: 'End-to-End Tests' },
    { title: 'Manual Testing Checklist' },
  ],
  [{ title: 'Feature Flags' }, { title: 'Monitoring & Alerts' }, { title: 'Backward Compatibility' }, { title: 'Rollback Procedure' }],
  [{ title: 'Technical Risks' }, { title: 'Open Questions' }],
  [],
];

export const STORY_MAPPING_HEADING = 'PRD-driven: Story Mapping';
export const ENGINEERING_HEADING = 'Engineering-initiated: Motivation & Requirements';

// ----- normalisation --------------------------------------------------------------------------------------

/** White space collapsed: the "exact" form. */
export function collapse(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Case, dash kind, numbering punctuation, spaces around `/` and `&`, and a trailing `.`/`:` ignored. */
export function loose(text: string): string {
  return collapse(text)
    .toLowerCase()
    .replace(/\s+[-‐‑‒–—―]+\s+/g, ' — ')
    .replace(/[‐‑‒–―]/g, '-')
    .replace(/\s*&\s*/g, ' & ')
    .replace(/^(\d+)\s*[.)]?\s+/, '$1. ')
    .replace(/\s*\/\s*/g, ' / ')
    .replace(/[.:]+$/, '')
    .trim();
}

/**
 * `loose`, and `and` taken for `&`: for asking whether a heading is a template title at all (written at
 * another level, say), where the wording is not what is judged.
 */
export function looseWords(text: string): string {
  return loose(text).replace(/\s+and\s+/g, ' & ');
}

/** The resemblance from which a heading counts as a title written in other words. */
export const SIMILAR = 0.5;

/** Words only, without the section number: for resemblance. */
function bare(text: string): string {
  return loose(text)
    .replace(/^\d+\.\s*/, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sectionNumber(text: string): string | null {
  const m = /^\s*(\d+)\s*[.)]?\s/.exec(text);
  return m ? m[1]! : null;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // two rows of the table, reused (headings are short: this runs for every unmatched heading and title)
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

const STOPWORDS = new Set(['and', 'or', 'the', 'a', 'an', 'of', 'to', 'for', 'in', 'on']);

/** `bare` of a title (the template's own, or a heading's), computed once per text. */
const bareCache = new Map<string, string>();
function bareOf(text: string): string {
  let b = bareCache.get(text);
  if (b === undefined) {
    b = bare(text);
    if (bareCache.size < 1024) bareCache.set(text, b);
  }
  return b;
}

/**
 * 0 … 1: how much `written` resembles `expected` (1 = same words). Exact from SIMILAR up, which is all the
 * callers compare; below it, a score that is only known to be below SIMILAR (the edit distance is skipped when
 * the lengths alone keep it from reaching SIMILAR or the word overlap: most headings meet most titles so).
 */
export function resemblance(written: string, expected: string): number {
  const a = bareOf(written);
  const b = bareOf(expected);
  if (!a || !b) return 0;
  if (a === b) return 1;
  const words = (t: string) => new Set(t.split(' ').filter((w) => !STOPWORDS.has(w)));
  const wa = words(a);
  const wb = words(b);
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  const jaccard = wa.size + wb.size - common > 0 ? common / (wa.size + wb.size - common) : 0;
  // the edit distance is at least the difference in length
  const longest = Math.max(a.length, b.length);
  const levAtMost = 1 - Math.abs(a.length - b.length) / longest;
  const lev = levAtMost >= Math.max(SIMILAR, jaccard) ? 1 - levenshtein(a, b) / longest : 0;
  let score = Math.max(lev, jaccard);
  const na = sectionNumber(written);
  const nb = sectionNumber(expected);
  if (na !== null && na === nb && common > 0) score = Math.max(score, 0.6);
  return score;
}

export type MatchQuality = 'exact' | 'loose' | 'similar';

/** Whether `written` is `expected` as the template writes it ('exact') or in another case or dash ('loose'). */
export function sameTitle(written: string, expected: string): 'exact' | 'loose' | null {
  if (collapse(written) === collapse(expected)) return 'exact';
  if (loose(written) === loose(expected)) return 'loose';
  return null;
}

export function matchQuality(written: string, expected: string): MatchQuality | null {
  return sameTitle(written, expected) ?? (resemblance(written, expected) >= SIMILAR ? 'similar' : null);
}

// ----- matching a list of headings against a list of expected titles ---------------------------------------

export interface Hit {
  heading: Heading;
  /** Index into the expected list. */
  index: number;
  quality: MatchQuality;
  /** The same expected title was already matched by an earlier heading. */
  duplicate: boolean;
  /** Not part of the longest in-order run: the heading stands out of the template's order. */
  outOfOrder: boolean;
}

export interface MatchResult {
  hits: Hit[];
  /** Headings that resemble no expected title. */
  unknown: Heading[];
  /** Expected indices matched by no heading. */
  missing: number[];
  /** Hits in document order that are in order (the longest increasing run), for placing reports. */
  ordered: Hit[];
}

const formCache = new WeakMap<readonly string[], { collapsed: string[]; loose: string[] }>();
function formsOf(expected: readonly string[]): { collapsed: string[]; loose: string[] } {
  let f = formCache.get(expected);
  if (!f) {
    f = { collapsed: expected.map(collapse), loose: expected.map(loose) };
    formCache.set(expected, f);
  }
  return f;
}

/**
 * Matches headings (document order) to expected titles: exact and loose matches first, then the closest
 * similar title still free. Marks duplicates and out-of-order hits (outside the longest increasing run).
 */
export function matchHeadings(headings: readonly Heading[], expected: readonly string[]): MatchResult {
  const taken = new Map<number, Hit>();
  const hitOf = new Map<Heading, Hit>();
  const hits: Hit[] = [];
  // pass 1: exact / loose (the expected titles' forms computed once)
  const forms = formsOf(expected);
  for (const h of headings) {
    const c = collapse(h.text);
    const l = loose(h.text);
    for (let i = 0; i < expected.length; i++) {
      const q: MatchQuality | null = forms.collapsed[i] === c ? 'exact' : forms.loose[i] === l ? 'loose' : null;
      if (q !== null) {
        const hit: Hit = { heading: h, index: i, quality: q, duplicate: taken.has(i), outOfOrder: false };
        if (!taken.has(i)) taken.set(i, hit);
        hitOf.set(h, hit);
        break;
      }
    }
  }
  // pass 2: similar, best free candidate
  for (const h of headings) {
    if (hitOf.has(h)) continue;
    const scored: Array<{ i: number; s: number }> = [];
    for (let i = 0; i < expected.length; i++) {
      if (taken.has(i)) continue; // (before scoring: most titles are taken by pass 1)
      const s = resemblance(h.text, expected[i]!);
      if (s >= SIMILAR) scored.push({ i, s });
    }
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    const best = scored[0];
    if (!best) continue;
    const hit: Hit = { heading: h, index: best.i, quality: 'similar', duplicate: false, outOfOrder: false };
    taken.set(best.i, hit);
    hitOf.set(h, hit);
  }
  const unknown: Heading[] = [];
  for (const h of headings) {
    const hit = hitOf.get(h);
    if (hit) hits.push(hit);
    else unknown.push(h);
  }
  // longest strictly increasing run of expected indices among the first hits
  const firsts = hits.filter((h) => !h.duplicate);
  const n = firsts.length;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (firsts[j]!.index < firsts[i]!.index && len[j]! + 1 > len[i]!) {
        len[i] = len[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < n; i++) if (end < 0 || len[i]! > len[end]!) end = i;
  const inRun = new Set<Hit>();
  for (let i = end; i >= 0; i = prev[i]!) inRun.add(firsts[i]!);
  for (const h of firsts) if (!inRun.has(h)) h.outOfOrder = true;
  const missing: number[] = [];
  for (let i = 0; i < expected.length; i++) if (!taken.has(i)) missing.push(i);
  return { hits, unknown, missing, ordered: firsts.filter((h) => inRun.has(h)) };
}

/** Where a missing or misplaced expected item belongs: before the next in-order hit, else after the previous one. */
export function placement(ordered: readonly Hit[], index: number, expected: readonly string[], prefix: string): { loc: Loc; where: string } | null {
  const next = ordered.find((h) => h.index > index);
  if (next) return { loc: next.heading.loc, where: `before \`${prefix} ${expected[next.index]}\`` };
  const prev = [...ordered].reverse().find((h) => h.index < index);
  if (prev) return { loc: prev.heading.loc, where: `after \`${prefix} ${expected[prev.index]}\`` };
  return null;
}

// ----- the document's sections ------------------------------------------------------------------------------

export interface SectionInfo {
  /** Index into SECTIONS. */
  index: number;
  heading: Heading;
  /** Last line of the section (the line before the next `#`/`##` heading, or the last line). */
  endLine: number;
  quality: MatchQuality;
}

export interface Outline {
  sections: MatchResult;
  /** The first heading matched to each section, with its range. */
  byIndex: Map<number, SectionInfo>;
  /** The line of the first unclosed code fence (everything after it was swallowed), or null. */
  unclosedFrom: number | null;
}

const outlines = new WeakMap<SpecModel, Outline>();

/** The `##` headings matched to the template's sections, cached per model. */
export function outlineOf(spec: SpecModel): Outline {
  const cached = outlines.get(spec);
  if (cached) return cached;
  const h2 = spec.outline.filter((h) => h.depth === 2);
  const sections = matchHeadings(h2, SECTIONS);
  const byIndex = new Map<number, SectionInfo>();
  for (const hit of sections.hits) {
    if (hit.duplicate || byIndex.has(hit.index)) continue;
    byIndex.set(hit.index, { index: hit.index, heading: hit.heading, endLine: rangeEnd(spec, hit.heading, 2), quality: hit.quality });
  }
  const unclosed = spec.codeBlocks.filter((b) => b.unclosed).map((b) => b.loc.line);
  const outline: Outline = { sections, byIndex, unclosedFrom: unclosed.length ? Math.min(...unclosed) : null };
  outlines.set(spec, outline);
  return outline;
}

/** Last line that belongs to `heading`: the line before the next heading of depth ≤ `depth`. */
export function rangeEnd(spec: SpecModel, heading: Heading, depth: number): number {
  const i = spec.outline.indexOf(heading);
  for (let j = i + 1; j < spec.outline.length; j++) {
    const h = spec.outline[j]!;
    if (h.depth <= depth) return h.loc.line - 1;
  }
  return Math.max(spec.lineCount, heading.loc.endLine);
}

/** Headings strictly inside the lines (from, to]. */
export function headingsWithin(spec: SpecModel, from: number, to: number): Heading[] {
  return spec.outline.filter((h) => h.loc.line > from && h.loc.line <= to);
}

// ----- bodies: empty, "None — reason", content -------------------------------------------------------------

export type Body =
  | { kind: 'empty' }
  | { kind: 'none'; reason: boolean; loc: Loc }
  | { kind: 'content'; loc: Loc };

const NONE = /^\s*(none|n\/a|not applicable)\b/i;

/**
 * What stands between a heading's line and `endLine` (inclusive): nothing, a "None — reason" statement, or
 * content (text, tables, code, tasks, deeper headings).
 */
export function bodyOf(spec: SpecModel, headingLine: number, endLine: number): Body {
  type Item = { loc: Loc; prose?: string };
  const inRange = (loc: Loc) => loc.line > headingLine && loc.line <= endLine;
  const items: Item[] = [];
  for (const h of spec.outline) if (inRange(h.loc)) items.push({ loc: h.loc });
  for (const t of spec.tables) if (inRange(t.loc)) items.push({ loc: t.loc });
  for (const c of spec.codeBlocks) if (inRange(c.loc)) items.push({ loc: c.loc });
  for (const t of spec.tasks) if (inRange(t.loc)) items.push({ loc: t.loc });
  for (const p of spec.prose) if (inRange(p.loc) && p.text.trim() !== '') items.push({ loc: p.loc, prose: p.text });
  if (items.length === 0) return { kind: 'empty' };
  items.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  const first = items[0]!;
  const firstLine = items.filter((i) => i.loc.line === first.loc.line);
  if (first.prose !== undefined && firstLine.every((i) => i.prose !== undefined) && NONE.test(first.prose)) {
    const rest = first.prose.replace(NONE, '').replace(/^[\s.:;,!—–-]*/, '');
    // text that ends in white space is followed by inline content (code, a link) on the same paragraph
    const reason = rest.trim() !== '' || firstLine.length > 1 || (/\s$/.test(first.prose) && /[—–:-]\s*$/.test(first.prose));
    return { kind: 'none', reason, loc: first.loc };
  }
  return { kind: 'content', loc: first.loc };
}

/** Whether a heading text has the `### METHOD /path` form of an endpoint subsection. */
export const ENDPOINT_HEADING = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/\S*/i;

/** Whether a heading is a task written in the heading form (`### T-004: Title`). */
export const TASK_HEADING = /^T-\d+\b/;

/** A heading that is itself an unfilled template placeholder (`### [METHOD] [path]`, `#### [table_name]`): template/placeholder reports it. */
export function isPlaceholderHeading(text: string): boolean {
  return /^\s*\[[^\]]+\]/.test(text);
}
