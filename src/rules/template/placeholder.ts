/**
 * template/placeholder: unfilled template text outside code — the template's bracketed placeholders
 * (`[Feature Name]`, `[path]`, `[Test command or verifiable assertion]` …), `TBD` / `TODO` / `FIXME`,
 * placeholder ids (`T-XXX`, `T-00X`), unfilled choices (`yes/no`) and angle-bracket placeholders (`<path>`).
 */
import type { Loc } from '../../model/types.js';
import { matchesGlob } from '../../lint/glob.js';
import { judgeDoneCondition } from '../task/done-condition.js';
import { defineRule, type RuleContext } from '../types.js';
import type { ProseNode } from '../../model/types.js';
import { genericBefore, insideQuotes, isAnglePlaceholder, scanText, type Found } from './placeholders.js';

/** Where each line break of a text starts (`\r\n`, `\r` or `\n`), and whether it is `\r\n`. */
interface Breaks {
  text: string;
  starts: number[];
  crlf: boolean[];
}

let lastBreaks: Breaks | undefined;

function breaksOf(text: string): Breaks {
  if (lastBreaks?.text === text) return lastBreaks;
  const starts: number[] = [];
  const crlf: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      starts.push(i);
      const pair = text.charCodeAt(i + 1) === 10;
      crlf.push(pair);
      if (pair) i++;
    } else if (c === 10) {
      starts.push(i);
      crlf.push(false);
    }
  }
  return (lastBreaks = { text, starts, crlf });
}

/**
 * Where offsets [start, end) of a text node's value stand in the file (lines exact, columns best effort).
 * A line break counts once (`\r\n` too); the column counts from the last break character before the offset.
 * The breaks of the last text asked about are kept, so many offsets in one long text cost one pass over it.
 */
export function locWithin(node: Loc, text: string, start: number, end: number): Loc {
  const { starts, crlf } = breaksOf(text);
  const at = (offset: number) => {
    // breaks that start before the offset (a `\r\n` cut after its `\r` still counts once)
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return { line: node.line, column: node.column + offset };
    const k = lo - 1;
    const lastBreak = crlf[k] && starts[k]! + 1 < offset ? starts[k]! + 1 : starts[k]!;
    return { line: node.line + lo, column: offset - lastBreak };
  };
  const a = at(start);
  const b = at(end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

function message(f: Found): string {
  switch (f.kind) {
    case 'marker':
      if (/^YYYY/.test(f.text)) return `timestamp placeholder \`${f.text}\`: write the real timestamp (e.g. \`20261102120000\`)`;
      return /^(T|US|ER)-/.test(f.text)
        ? `placeholder id \`${f.text}\`: write the real id (tasks are T-001, T-002 …; requirements US-001 / ER-001 …)`
        : `\`${f.text}\` left in the spec: resolve it, or move the open point to "Open Questions & Risks"`;
    case 'choice':
      return `unfilled template choice \`${f.text}\`: keep the one value that applies`;
    case 'angle':
      return `placeholder \`${f.text}\`: replace it with the real value`;
    default:
      return `unfilled template placeholder \`${f.text}\`: replace it with the real content`;
  }
}

/** (line, column) order. */
const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);

/**
 * "Does any of these ranges contain this one?" in logarithmic time: `outers.some((o) => within(loc, o))`
 * without the scan. The ranges sorted by start, with the furthest end among each prefix: some range
 * contains `loc` exactly when the furthest end among those that start at or before `loc` reaches its end.
 */
export function containment(outers: readonly Loc[]): (loc: Loc) => boolean {
  if (outers.length === 0) return () => false;
  const sorted = [...outers].sort((a, b) => a.line - b.line || a.column - b.column);
  const furthest: Loc[] = [];
  for (const o of sorted) {
    const prev = furthest[furthest.length - 1];
    furthest.push(prev && before(o.endLine, o.endColumn, prev.endLine, prev.endColumn) ? prev : o);
  }
  return (loc) => {
    // the last range that starts at or before loc
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const o = sorted[mid]!;
      if (before(o.line, o.column, loc.line, loc.column)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return false;
    const end = furthest[lo - 1]!;
    return before(loc.endLine, loc.endColumn, end.endLine, end.endColumn);
  };
}

/** Whether the config turns a rule off for this file (lint/config's ruleSettingFor, which this module cannot import: it imports the registry). */
function isOff(ctx: RuleContext, ruleId: string): boolean {
  const off = (v: unknown) => v === 'off' || v === 0 || (Array.isArray(v) && (v[0] === 'off' || v[0] === 0));
  let setting: unknown = ctx.config.rules[ruleId];
  for (const o of ctx.config.overrides) {
    if (o.rules[ruleId] !== undefined && o.files.some((g) => matchesGlob(ctx.spec.filePath, g))) setting = o.rules[ruleId];
  }
  return off(setting);
}

/**
 * Done conditions that task/done-condition reports as a whole (`TBD`, `[Test command or verifiable assertion]`):
 * one defect, one diagnostic — unless that rule is off for this file.
 */
async function doneConditionsReported(ctx: RuleContext): Promise<Loc[]> {
  if (isOff(ctx, 'task/done-condition')) return [];
  const out: Loc[] = [];
  for (const task of ctx.spec.tasks) {
    const done = task.doneCondition;
    if (!done || done.text.replace(/[\s*_`]/g, '') === '') continue;
    const v = (await judgeDoneCondition(ctx.spec, task, ctx.config))!;
    if (v.vague || (!v.runnable && !v.assertion)) out.push(done.valueLoc);
  }
  return out;
}

/**
 * The text of a line before a prose node (the other prose nodes that start earlier on its first line, once
 * each: code spans are not prose, but the quotes around them are).
 */
function linePrefixes(prose: readonly ProseNode[]): (node: ProseNode) => string {
  const byLine = new Map<number, ProseNode[]>();
  const seen = new Set<string>();
  for (const p of prose) {
    const id = `${p.loc.line}:${p.loc.column}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const list = byLine.get(p.loc.line);
    if (list) list.push(p);
    else byLine.set(p.loc.line, [p]);
  }
  for (const list of byLine.values()) list.sort((a, b) => a.loc.column - b.loc.column);
  return (node) => {
    let out = '';
    for (const p of byLine.get(node.loc.line) ?? []) {
      if (p.loc.column >= node.loc.column) break;
      // an earlier node that runs onto later lines ends before this one's line: only its last line counts
      out += p.loc.endLine > p.loc.line ? '' : p.text;
    }
    return out;
  };
}

/** The text of the line before offset `at` of a prose node. */
function prefixAt(node: ProseNode, at: number, before: (node: ProseNode) => string): string {
  const nl = node.text.lastIndexOf('\n', at - 1);
  return nl >= 0 ? node.text.slice(nl + 1, at) : before(node) + node.text.slice(0, at);
}

export default defineRule({
  meta: {
    id: 'template/placeholder',
    description: 'No unfilled template placeholders outside code: `[Feature Name]`, `[path]`, `TBD`, `TODO`, `T-XXX` ….',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    // a path written in a component table is path/placeholder's (`[exact/path/to/file.go]`): report it once
    const inPath = containment(spec.paths.map((p) => p.loc));
    const inJudged = containment(await doneConditionsReported(ctx));
    const seen = new Set<string>();
    const before = linePrefixes(spec.prose);
    for (const node of spec.prose) {
      if (inPath(node.loc)) continue;
      // the same text can be collected twice (fields of a blockquote task): report it once
      const id = `${node.loc.line}:${node.loc.column}:${node.text}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (node.kind === 'html') {
        if (!isAnglePlaceholder(node.text) || inJudged(node.loc)) continue;
        // quoted UI copy (`"Archived <date> by <name>"`) and a generic in prose (`Array<Path>`) are not placeholders
        const prefix = before(node);
        if (!insideQuotes(prefix) && !genericBefore(prefix)) {
          ctx.report({ message: message({ start: 0, end: node.text.length, text: node.text.trim(), kind: 'angle' }), loc: node.loc, key: node.text.trim() });
        }
        continue;
      }
      for (const f of scanText(node.text)) {
        const loc = locWithin(node.loc, node.text, f.start, f.end);
        if (inJudged(loc)) continue;
        // a template form inside quoted copy (`"Invited by [name]"`) is the copy's variable, not an unfilled slot
        if (f.kind === 'bracket' && insideQuotes(prefixAt(node, f.start, before))) continue;
        ctx.report({ message: message(f), loc, key: f.text });
      }
    }
  },
});
