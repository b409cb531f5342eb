/**
 * What the language server answers, as plain functions of a spec's text, its model, its PRD and the
 * repository: hover, definition, references, document symbols, completion, and the "disable this rule"
 * edit. Positions in and out are the LSP's (0-based lines, UTF-16 characters); the model's are 1-based.
 * Nothing here imports vscode-languageserver: the server (server.ts) wraps these in protocol types.
 */
import type { Loc, PrdModel, SpecModel, Task } from '../model/types.js';
import type { RepoIndex } from '../lint/repo.js';
import type { SourceText } from '../fix/convert.js';

export interface Pos {
  line: number;
  character: number;
}
export interface Range {
  start: Pos;
  end: Pos;
}

export function rangeOf(loc: Loc): Range {
  return {
    start: { line: Math.max(0, loc.line - 1), character: Math.max(0, loc.column - 1) },
    end: { line: Math.max(0, loc.endLine - 1), character: Math.max(0, loc.endColumn - 1) },
  };
}

function contains(loc: Loc, p: Pos): boolean {
  const line = p.line + 1;
  const col = p.character + 1;
  if (line < loc.line || line > loc.endLine) return false;
  if (line === loc.line && col < loc.column) return false;
  if (line === loc.endLine && col > loc.endColumn) return false;
  return true;
}

export type Target = { kind: 'id'; id: string; range: Range } | { kind: 'path'; path: string; range: Range; taskId?: string };

const ID = /(?<![\w-])(?:US|ER|T)-\d+(?!\w)/g;

/** The requirement or task id, or the spec path, under a position. */
export function targetAt(src: SourceText, model: SpecModel, p: Pos): Target | null {
  const text = src.lineText(p.line + 1);
  for (const m of text.matchAll(ID)) {
    if (p.character >= m.index && p.character <= m.index + m[0].length) {
      return { kind: 'id', id: m[0], range: { start: { line: p.line, character: m.index }, end: { line: p.line, character: m.index + m[0].length } } };
    }
  }
  for (const ref of model.paths) if (contains(ref.loc, p)) return { kind: 'path', path: ref.path, range: rangeOf(ref.loc), ...(ref.taskId ? { taskId: ref.taskId } : {}) };
  // a path in a code span elsewhere (prose, tables): `dir/file.ext`
  for (const m of text.matchAll(/`([\w.@-]+(?:\/[\w.@-]+)+\/?)`/g)) {
    if (p.character > m.index && p.character < m.index + m[0].length - 1) {
      return { kind: 'path', path: m[1]!, range: { start: { line: p.line, character: m.index + 1 }, end: { line: p.line, character: m.index + m[0].length - 1 } } };
    }
  }
  return null;
}

export interface Context {
  src: SourceText;
  model: SpecModel;
  prd: PrdModel | null;
  /** The PRD's text, for the story's own words. */
  prdText?: string | null;
  /** The PRD's path, repository-relative. */
  prdPath?: string | null;
  repo: RepoIndex;
}

function taskHover(t: Task): string {
  const lines = [`**${t.id}** — ${t.title}`];
  if (t.implements?.ids.length) lines.push(`Implements: ${t.implements.ids.map((i) => i.id).join(', ')}`);
  for (const e of t.files?.entries ?? []) lines.push(`- ${e.actionText || e.action}: \`${e.path}\`${e.note ? ` — ${e.note}` : ''}`);
  if (t.doneCondition) lines.push('', `Done condition: ${t.doneCondition.text}`);
  if (t.dependencies) lines.push(`Dependencies: ${t.dependencies.none ? 'None' : t.dependencies.refs.map((r) => r.id).join(', ')}`);
  return lines.join('\n');
}

/** The lines of the PRD that tell a story: from its line to the next story or heading of its level (at most 15). */
function storyText(ctx: Context, id: string): string | null {
  const story = ctx.prd?.stories.find((s) => s.id === id);
  if (!story) return null;
  if (!ctx.prdText) return story.title;
  const lines = ctx.prdText.split(/\r?\n/);
  const next = ctx.prd!.stories.find((s) => s.loc.line > story.loc.line);
  const end = Math.min(lines.length, story.loc.line - 1 + 15, next ? next.loc.line - 1 : lines.length);
  const out = lines.slice(story.loc.line - 1, Math.max(end, story.loc.endLine)).join('\n').trim();
  return out || story.title;
}

export function hover(ctx: Context, p: Pos): { contents: string; range: Range } | null {
  const t = targetAt(ctx.src, ctx.model, p);
  if (!t) return null;
  if (t.kind === 'path') {
    const exists = ctx.repo.exists(t.path.replace(/^\.\//, ''));
    const creators = ctx.model.paths.filter((r) => r.path === t.path && r.source === 'task-create' && r.taskId).map((r) => r.taskId!);
    const modifiers = ctx.model.paths.filter((r) => r.path === t.path && r.source === 'task-modify' && r.taskId).map((r) => r.taskId!);
    const parts = [`\`${t.path}\``, exists ? 'exists in the repository' : 'is not in the repository'];
    if (creators.length) parts.push(`— to be created by ${[...new Set(creators)].join(', ')}`);
    if (modifiers.length) parts.push(`— modified by ${[...new Set(modifiers)].join(', ')}`);
    return { contents: parts.join(' '), range: t.range };
  }
  const id = t.id;
  if (id.startsWith('T-')) {
    const task = ctx.model.tasks.find((x) => x.id === id);
    return { contents: task ? taskHover(task) : `**${id}**: no task has this id in this spec`, range: t.range };
  }
  if (id.startsWith('ER-')) {
    const er = ctx.model.engineering?.requirements.find((r) => r.id?.id === id);
    if (!er) return { contents: `**${id}**: not in the requirements table`, range: t.range };
    const lines = [`**${id}** — ${er.requirement?.text ?? ''}`];
    if (er.successCriteria) lines.push('', `Success criteria: ${er.successCriteria.text}`);
    if (er.priority) lines.push(`Priority: ${er.priority.text}`);
    return { contents: lines.join('\n'), range: t.range };
  }
  const story = storyText(ctx, id);
  if (story) return { contents: `**${id}** (${ctx.prdPath ?? 'PRD'})\n\n${story}`, range: t.range };
  const row = ctx.model.storyMapping.find((r) => r.storyId?.id === id);
  return { contents: row ? `**${id}** — ${row.summary?.text ?? ''}` : `**${id}**: not a story of the PRD`, range: t.range };
}

export interface Place {
  /** Repository-relative file (the spec itself: its own filePath). */
  file: string;
  range: Range;
}

export function definition(ctx: Context, p: Pos): Place[] {
  const t = targetAt(ctx.src, ctx.model, p);
  if (!t) return [];
  const here = ctx.model.filePath;
  if (t.kind === 'path') {
    const path = t.path.replace(/^\.\//, '');
    if (ctx.repo.exists(path)) return [{ file: path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    const mig = ctx.model.migrations.find((m) => m.path === t.path);
    return mig ? [{ file: here, range: rangeOf(mig.block.loc) }] : [];
  }
  const id = t.id;
  if (id.startsWith('T-')) return ctx.model.tasks.filter((x) => x.id === id).map((x) => ({ file: here, range: rangeOf(x.idLoc) }));
  if (id.startsWith('ER-')) return (ctx.model.engineering?.requirements ?? []).filter((r) => r.id?.id === id).map((r) => ({ file: here, range: rangeOf(r.loc) }));
  const story = ctx.prd?.stories.find((s) => s.id === id);
  if (story && ctx.prdPath) return [{ file: ctx.prdPath, range: rangeOf(story.loc) }];
  return ctx.model.storyMapping.filter((r) => r.storyId?.id === id).map((r) => ({ file: here, range: rangeOf(r.loc) }));
}

/** Every whole-word occurrence of the id under the position in the spec (and its PRD story). */
export function references(ctx: Context, p: Pos, includeDeclaration = true): Place[] {
  const t = targetAt(ctx.src, ctx.model, p);
  if (!t) return [];
  const needle = t.kind === 'id' ? t.id : t.path;
  const out: Place[] = [];
  const text = ctx.src.text;
  let i = text.indexOf(needle);
  while (i >= 0) {
    const before = i > 0 ? text[i - 1]! : '';
    const after = text[i + needle.length] ?? '';
    if (!/[\w-]/.test(before) && !/\w/.test(after)) out.push({ file: ctx.model.filePath, range: { start: ctx.src.position(i), end: ctx.src.position(i + needle.length) } });
    i = text.indexOf(needle, i + 1);
  }
  if (includeDeclaration && t.kind === 'id' && t.id.startsWith('US-')) {
    const story = ctx.prd?.stories.find((s) => s.id === t.id);
    if (story && ctx.prdPath) out.push({ file: ctx.prdPath, range: rangeOf(story.loc) });
  }
  return out;
}

export interface Symbol {
  name: string;
  detail?: string;
  kind: 'file' | 'module' | 'namespace' | 'package' | 'task';
  range: Range;
  selectionRange: Range;
  children: Symbol[];
}

/** The headings as a tree (sections, subsections …), with each task under the heading it stands in. */
export function documentSymbols(model: SpecModel): Symbol[] {
  const kinds: Symbol['kind'][] = ['file', 'file', 'module', 'namespace', 'package', 'package', 'package'];
  const roots: Symbol[] = [];
  const stack: Array<{ depth: number; sym: Symbol; loc: Loc }> = [];
  const lastLine = model.lineCount;
  const headings = model.outline.filter((h) => !/^T-\d+\b/.test(h.text));
  headings.forEach((h, i) => {
    // a heading's range runs to the line before the next heading of its depth or less
    const next = headings.slice(i + 1).find((x) => x.depth <= h.depth);
    const endLine = next ? next.loc.line - 1 : lastLine;
    const loc: Loc = { line: h.loc.line, column: 1, endLine: Math.max(h.loc.line, endLine), endColumn: 1 };
    const sym: Symbol = { name: h.text, kind: kinds[h.depth] ?? 'package', range: rangeOf(loc), selectionRange: rangeOf(h.loc), children: [] };
    while (stack.length && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    (stack.length ? stack[stack.length - 1]!.sym.children : roots).push(sym);
    stack.push({ depth: h.depth, sym, loc });
  });
  const all: Array<{ sym: Symbol; loc: Loc; depth: number }> = [];
  const collect = (syms: Symbol[], depth: number) => {
    for (const s of syms) {
      all.push({ sym: s, loc: { line: s.range.start.line + 1, column: 1, endLine: s.range.end.line + 1, endColumn: 1 }, depth });
      collect(s.children, depth + 1);
    }
  };
  collect(roots, 0);
  for (const t of model.tasks) {
    const sym: Symbol = { name: t.id, detail: t.title, kind: 'task', range: rangeOf(t.loc), selectionRange: rangeOf(t.idLoc), children: [] };
    // the innermost heading whose range holds the task
    let owner: Symbol | null = null;
    let best = -1;
    for (const a of all) if (a.loc.line <= t.loc.line && a.loc.endLine >= t.loc.line && a.depth > best) [owner, best] = [a.sym, a.depth];
    (owner ? owner.children : roots).push(sym);
  }
  return roots;
}

export interface Completion {
  label: string;
  detail?: string;
  kind: 'reference' | 'file';
  /** The range the label replaces (what was typed of it). */
  range: Range;
}

const MAX_PATHS = 200;

/** Completion in `_Implements:_` (requirement ids), `_Dependencies:_` (earlier tasks) and `_Files:_` (paths). */
export function completions(ctx: Context, p: Pos): Completion[] {
  const line = ctx.src.lineText(p.line + 1);
  const before = line.slice(0, p.character);
  const word = /[\w./@-]*$/.exec(before)![0];
  const range: Range = { start: { line: p.line, character: p.character - word.length }, end: p };
  if (/_Implements:?_?:?/i.test(before) || /\*\*Implements:?\*\*/i.test(before)) {
    const out = new Map<string, string>();
    for (const s of ctx.prd?.stories ?? []) out.set(s.id, s.title);
    for (const r of ctx.model.storyMapping) if (r.storyId && !out.has(r.storyId.id)) out.set(r.storyId.id, r.summary?.text ?? '');
    for (const r of ctx.model.engineering?.requirements ?? []) if (r.id) out.set(r.id.id, r.requirement?.text ?? '');
    return [...out].filter(([id]) => id.startsWith(word.toUpperCase())).map(([label, detail]) => ({ label, detail, kind: 'reference', range }));
  }
  if (/_Dependencies:?_?:?/i.test(before)) {
    const here = ctx.model.tasks.find((t) => t.loc.line <= p.line + 1 && t.loc.endLine >= p.line + 1);
    return ctx.model.tasks
      .filter((t) => t !== here && (!here || t.loc.line < here.loc.line) && t.id.startsWith(word.toUpperCase()))
      .map((t) => ({ label: t.id, detail: t.title, kind: 'reference' as const, range }));
  }
  if (inFiles(ctx, p) && /(?:^|[\s`])[\w./@-]*$/.test(before)) {
    const prefix = word.replace(/^`/, '').replace(/^\.\//, '');
    const seen = new Set<string>();
    const out: Completion[] = [];
    // a directory level at a time past the prefix, then the files themselves
    for (const f of ctx.repo.files()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf('/');
      const label = slash >= 0 ? f.slice(0, prefix.length + slash + 1) : f;
      if (seen.has(label)) continue;
      seen.add(label);
      out.push({ label, kind: 'file', range });
      if (out.length >= MAX_PATHS) break;
    }
    return out;
  }
  return [];
}

/** Whether the position is on a `_Files:_` line or one of its entries. */
function inFiles(ctx: Context, p: Pos): boolean {
  const line = p.line + 1;
  const text = ctx.src.lineText(line);
  if (/_Files:?_/i.test(text) || /^\s*(?:>\s*)*[-*+]\s+(Create|Modify|Delete|Rename|Move)\b/i.test(text)) return true;
  return ctx.model.tasks.some((t) => t.files && t.files.loc.line <= line && t.files.loc.endLine >= line);
}

/**
 * The edit that disables a rule for one line: `<!-- spec-lint-disable-next-line <id> -- reason -->` above
 * it, indented like it. Inside a table or a fenced code block (where a comment line would break the table
 * or change the code) the comment pair `spec-lint-disable` / `spec-lint-enable` goes around it instead.
 */
export function disableEdits(src: SourceText, model: SpecModel, ruleId: string, line: number): Array<{ offset: number; text: string }> {
  const eol = src.eol;
  const reason = 'reason';
  const block = model.codeBlocks.find((b) => b.loc.line <= line && b.loc.endLine >= line);
  const table = model.tables.find((t) => t.loc.line <= line && t.loc.endLine >= line);
  const around = block?.loc ?? table?.loc;
  if (around && around.line !== line) {
    const indent = /^[ \t>]*/.exec(src.lineText(around.line))![0];
    const endLine = around.endLine;
    return [
      { offset: src.lineStart(around.line), text: `${indent}<!-- spec-lint-disable ${ruleId} -- ${reason} -->${eol}` },
      { offset: endLine >= src.lineCount ? src.text.length : src.lineStart(endLine + 1), text: `${endLine >= src.lineCount && !/[\r\n]$/.test(src.text) ? eol : ''}${indent}<!-- spec-lint-enable ${ruleId} -->${eol}` },
    ];
  }
  const indent = /^[ \t>]*/.exec(src.lineText(line))![0];
  return [{ offset: src.lineStart(line), text: `${indent}<!-- spec-lint-disable-next-line ${ruleId} -- ${reason} -->${eol}` }];
}
