/**
 * The GitHub job summary (`GITHUB_STEP_SUMMARY`): totals, a table of problems per file and rule, a Mermaid
 * traceability graph per spec (requirements → tasks, unmapped and dangling ids highlighted) and the full
 * list of problems, kept under GitHub's 1 MiB limit for one step's summary (cut with a note when larger).
 */
import { appendFileSync, statSync } from 'node:fs';
import type { FileResult, ReportContext } from '../lint/types.js';
import type { SpecModel } from '../model/types.js';
import { region, repositoryPath } from './sarif.js';

/** GitHub refuses a step summary larger than 1 MiB. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;
/** Room kept free below the limit (for the truncation note and other steps' appends). */
const HEADROOM = 8 * 1024;
/** Mermaid refuses diagrams over 50 000 characters or 500 edges by default. */
const MAX_GRAPH_EDGES = 300;
const MAX_GRAPH_NODES = 250;

export function escapeCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A link to the file (and line) on GitHub when the run has the repository and commit, else the path in code. */
function fileLink(path: string, line: number | undefined, env: NodeJS.ProcessEnv): string {
  const server = env.GITHUB_SERVER_URL;
  const repo = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  const label = `\`${path.replace(/`/g, "'")}\``;
  if (!server || !repo || !sha) return line ? `${label}:${line}` : label;
  const url = `${server}/${repo}/blob/${sha}/${path.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`;
  return `[${label}${line ? `:${line}` : ''}](${url})`;
}

// ---------------------------------------------------------------------------------------------------------
// Traceability graph

interface GraphNode {
  id: string;
  kind: 'requirement' | 'task';
  label: string;
  defined: boolean;
}

const idRe = /^(?:US|ER|T)-\d+$/;

function nodeName(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function mermaidLabel(s: string): string {
  const clipped = s.length > 48 ? `${s.slice(0, 47)}…` : s;
  return clipped.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}

export interface TraceGraph {
  mermaid: string;
  requirements: number;
  tasks: number;
  unmappedRequirements: string[];
  unmappedTasks: string[];
  dangling: string[];
  truncated: boolean;
}

/** Builds the requirements → tasks graph of one spec; null when the spec has neither. */
export function traceabilityGraph(model: SpecModel): TraceGraph | null {
  const nodes = new Map<string, GraphNode>();
  const edges = new Set<string>();
  const addNode = (id: string, kind: GraphNode['kind'], label: string, defined: boolean) => {
    const old = nodes.get(id);
    if (old) {
      if (defined && !old.defined) nodes.set(id, { id, kind, label, defined });
      return;
    }
    nodes.set(id, { id, kind, label, defined });
  };
  const kindOf = (id: string): GraphNode['kind'] => (id.startsWith('T-') ? 'task' : 'requirement');

  for (const row of model.storyMapping) {
    if (!row.storyId) continue;
    const summary = row.summary?.text.trim();
    addNode(row.storyId.id, 'requirement', summary ? `${row.storyId.id}: ${summary}` : row.storyId.id, true);
  }
  for (const req of model.engineering?.requirements ?? []) {
    if (!req.id) continue;
    const text = req.requirement?.text.trim();
    addNode(req.id.id, 'requirement', text ? `${req.id.id}: ${text}` : req.id.id, true);
  }
  for (const row of model.engineering?.mapping ?? []) {
    if (row.reqId) addNode(row.reqId.id, 'requirement', row.reqId.id, true);
  }
  for (const task of model.tasks) {
    addNode(task.id, 'task', task.title ? `${task.id}: ${task.title}` : task.id, true);
  }
  // edges from the mapping tables
  const mappingRows: Array<{ req: string; tasks: string[] }> = [
    ...model.storyMapping.filter((r) => r.storyId).map((r) => ({ req: r.storyId!.id, tasks: r.tasks.map((t) => t.id) })),
    ...(model.engineering?.mapping ?? []).filter((r) => r.reqId).map((r) => ({ req: r.reqId!.id, tasks: r.tasks.map((t) => t.id) })),
  ];
  for (const { req, tasks } of mappingRows) {
    for (const t of tasks) {
      if (!idRe.test(t)) continue;
      addNode(t, kindOf(t), t, false);
      edges.add(`${req}\0${t}`);
    }
  }
  // edges from the tasks' Implements fields
  for (const task of model.tasks) {
    for (const ref of task.implements?.ids ?? []) {
      if (!idRe.test(ref.id) || ref.id.startsWith('T-')) continue;
      addNode(ref.id, 'requirement', ref.id, false);
      edges.add(`${ref.id}\0${task.id}`);
    }
  }
  if (nodes.size === 0) return null;

  const connected = new Set<string>();
  for (const e of edges) {
    const [a, b] = e.split('\0') as [string, string];
    connected.add(a);
    connected.add(b);
  }
  const all = [...nodes.values()];
  const reqs = all.filter((n) => n.kind === 'requirement');
  const tasks = all.filter((n) => n.kind === 'task');
  const unmappedRequirements = reqs.filter((n) => n.defined && !connected.has(n.id)).map((n) => n.id);
  const unmappedTasks = tasks.filter((n) => n.defined && !connected.has(n.id)).map((n) => n.id);
  const dangling = all.filter((n) => !n.defined).map((n) => n.id);

  // Cap the diagram: keep the first nodes (requirements first, then tasks) and the edges between them.
  let truncated = false;
  let shown = [...reqs, ...tasks];
  if (shown.length > MAX_GRAPH_NODES) {
    shown = shown.slice(0, MAX_GRAPH_NODES);
    truncated = true;
  }
  const shownIds = new Set(shown.map((n) => n.id));
  let shownEdges = [...edges].filter((e) => {
    const [a, b] = e.split('\0') as [string, string];
    return shownIds.has(a) && shownIds.has(b);
  });
  if (shownEdges.length > MAX_GRAPH_EDGES) {
    shownEdges = shownEdges.slice(0, MAX_GRAPH_EDGES);
    truncated = true;
  }
  if (shownEdges.length < edges.size) truncated = true;

  const lines = ['flowchart LR'];
  const unmapped = new Set([...unmappedRequirements, ...unmappedTasks]);
  const missing = new Set(dangling);
  for (const n of shown) {
    const shape = n.kind === 'requirement' ? ['([', '])'] : ['[', ']'];
    lines.push(`  ${nodeName(n.id)}${shape[0]}"${mermaidLabel(n.label)}"${shape[1]}`);
  }
  for (const e of shownEdges) {
    const [a, b] = e.split('\0') as [string, string];
    lines.push(`  ${nodeName(a)} --> ${nodeName(b)}`);
  }
  if (truncated) lines.push(`  more["… ${nodes.size - shown.length} more nodes, ${edges.size - shownEdges.length} more links not drawn"]`);
  lines.push('  classDef unmapped fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-width:2px');
  lines.push('  classDef missing fill:#fff8c5,stroke:#9a6700,color:#4d2d00,stroke-dasharray:5 5');
  const unmappedShown = shown.filter((n) => unmapped.has(n.id)).map((n) => nodeName(n.id));
  const missingShown = shown.filter((n) => missing.has(n.id)).map((n) => nodeName(n.id));
  if (unmappedShown.length) lines.push(`  class ${unmappedShown.join(',')} unmapped`);
  if (missingShown.length) lines.push(`  class ${missingShown.join(',')} missing`);

  return {
    mermaid: lines.join('\n'),
    requirements: reqs.filter((n) => n.defined).length,
    tasks: tasks.filter((n) => n.defined).length,
    unmappedRequirements,
    unmappedTasks,
    dangling,
    truncated,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The summary

/**
 * The Markdown summary as atomic pieces in order; `buildStepSummary` keeps as many as fit. A piece is never
 * split (a table row, a whole diagram), so a cut summary is still valid Markdown.
 */
function summaryPieces(results: FileResult[], ctx: ReportContext, env: NodeJS.ProcessEnv): string[] {
  const pieces: string[] = [];
  const sorted = [...results].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  let errors = 0;
  let warnings = 0;
  for (const f of sorted) for (const d of f.messages) d.severity === 'error' ? errors++ : warnings++;
  const withProblems = sorted.filter((f) => f.messages.length > 0);
  const docs = new Map(ctx.rules.map((r) => [r.id, r.docsUrl]));

  pieces.push('## spec lint\n\n');
  if (errors + warnings === 0) {
    pieces.push(`✅ No problems in ${plural(results.length, 'spec')}.\n\n`);
  } else {
    const icon = errors > 0 ? '❌' : '⚠️';
    pieces.push(`${icon} ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${withProblems.length} of ${plural(results.length, 'spec')}.\n\n`);
    pieces.push('| File | Rule | Errors | Warnings |\n|---|---|---:|---:|\n');
    for (const f of withProblems) {
      const path = repositoryPath(f, ctx, env);
      const byRule = new Map<string, { e: number; w: number; line: number }>();
      for (const d of f.messages) {
        const c = byRule.get(d.ruleId) ?? { e: 0, w: 0, line: region(d).startLine };
        if (d.severity === 'error') c.e++;
        else c.w++;
        c.line = Math.min(c.line, region(d).startLine);
        byRule.set(d.ruleId, c);
      }
      for (const [rule, c] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
        const url = docs.get(rule);
        const ruleCell = url && /^https?:/.test(url) ? `[${escapeCell(rule)}](${url})` : `\`${rule}\``;
        pieces.push(`| ${fileLink(path, c.line, env)} | ${ruleCell} | ${c.e} | ${c.w} |\n`);
      }
    }
    pieces.push('\n');
  }

  const models = ctx.models ? [...ctx.models.entries()].sort((a, b) => a[0].localeCompare(b[0])) : [];
  const graphs = models.map(([path, m]) => [path, traceabilityGraph(m)] as const).filter((g) => g[1] !== null);
  if (graphs.length > 0) {
    pieces.push('### Traceability\n\nRequirements (rounded) → implementing tasks. Red: mapped to nothing. Yellow, dashed: named but not defined in the spec.\n\n');
    for (const [path, g] of graphs) {
      const notes: string[] = [`${plural(g!.requirements, 'requirement')}, ${plural(g!.tasks, 'task')}`];
      if (g!.unmappedRequirements.length) notes.push(`unmapped requirements: ${g!.unmappedRequirements.join(', ')}`);
      if (g!.unmappedTasks.length) notes.push(`tasks implementing nothing: ${g!.unmappedTasks.join(', ')}`);
      if (g!.dangling.length) notes.push(`undefined ids: ${g!.dangling.join(', ')}`);
      if (g!.truncated) notes.push('diagram cut to stay within Mermaid limits');
      pieces.push(`#### ${fileLink(path, undefined, env)}\n\n${escapeCell(notes.join('; '))}.\n\n\`\`\`mermaid\n${g!.mermaid}\n\`\`\`\n\n`);
    }
  }

  if (withProblems.length > 0) {
    pieces.push('<details><summary>All problems</summary>\n\n| Location | Severity | Rule | Message |\n|---|---|---|---|\n');
    for (const f of withProblems) {
      const path = repositoryPath(f, ctx, env);
      for (const d of [...f.messages].sort((a, b) => a.line - b.line || a.column - b.column)) {
        const r = region(d);
        pieces.push(`| ${fileLink(path, r.startLine, env)} | ${d.severity} | \`${d.ruleId}\` | ${escapeCell(d.message)} |\n`);
      }
    }
    pieces.push('\n</details>\n\n');
  }
  return pieces;
}

/** The Markdown job summary, at most `limit` bytes (UTF-8); when cut, it ends with a note saying so. */
export function buildStepSummary(
  results: FileResult[],
  ctx: ReportContext,
  limit = STEP_SUMMARY_LIMIT - HEADROOM,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const pieces = summaryPieces(results, ctx, env);
  const note = (n: number) =>
    `\n\n> [!NOTE]\n> The summary was cut to stay under GitHub's ${Math.floor(STEP_SUMMARY_LIMIT / 1024)} KiB limit (${plural(n, 'part')} left out). The job log lists every problem.\n`;
  const total = pieces.reduce((s, p) => s + bytes(p), 0);
  if (total <= limit) return pieces.join('');
  const reserve = bytes(note(pieces.length));
  let out = '';
  let used = 0;
  let i = 0;
  let inDetails = false;
  for (; i < pieces.length; i++) {
    const b = bytes(pieces[i]!);
    if (used + b + reserve + 20 > limit) break;
    out += pieces[i];
    used += b;
    if (pieces[i]!.startsWith('<details>')) inDetails = true;
    if (pieces[i]!.includes('</details>')) inDetails = false;
  }
  if (inDetails) out += '\n</details>\n';
  return out + note(pieces.length - i);
}

/**
 * Appends the summary to the file named by `GITHUB_STEP_SUMMARY` (no-op when unset). What the file already
 * holds from this step counts against the 1 MiB limit. Returns whether something was written. Never throws:
 * a summary that cannot be written must not fail the lint.
 */
export function writeStepSummary(results: FileResult[], ctx: ReportContext, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  try {
    let existing = 0;
    try {
      existing = statSync(file).size;
    } catch {
      // the file does not exist yet
    }
    const limit = STEP_SUMMARY_LIMIT - HEADROOM - existing;
    if (limit < 1024) return false;
    appendFileSync(file, buildStepSummary(results, ctx, limit, env));
    return true;
  } catch (err) {
    process.stderr.write(`spec: could not write the job summary to ${file}: ${(err as Error).message}\n`);
    return false;
  }
}
