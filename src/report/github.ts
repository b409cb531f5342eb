/**
 * GitHub Actions workflow commands: one `::error …::` / `::warning …::` annotation per diagnostic, then the
 * full list as plain lines (GitHub shows only about ten annotations of each type per step), then a count.
 *
 * When `GITHUB_STEP_SUMMARY` is set, formatting also appends a Markdown job summary to that file (a table per
 * file and rule, and a Mermaid traceability graph per spec): see `writeStepSummary` in ./summary.ts. The
 * formatter does it itself so that `spec lint --format github` is all a workflow needs.
 */
import type { Diagnostic, FileResult, Formatter, ReportContext } from '../lint/types.js';
import { region, repositoryPath } from './sarif.js';
import { writeStepSummary } from './summary.js';
import { visible } from './escape.js';
import { randomBytes } from 'node:crypto';

/**
 * Escapes a workflow-command message (the data after `::`), by the runner's rules: `%`, CR and LF
 * percent-encoded. Other control characters (ESC would recolour or hide the log) are spelled out.
 */
export function escapeData(s: string): string {
  return visibleExceptLines(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `visible` (escape.ts) for everything but CR and LF, which the workflow-command escaping encodes. */
function visibleExceptLines(s: string): string {
  return s
    .split(/(\r|\n)/)
    .map((part) => (part === '\r' || part === '\n' ? part : visible(part)))
    .join('');
}

/** Escapes a workflow-command property value (`file=`, `title=` …). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows about this many annotations of each type per step. */
export const ANNOTATIONS_SHOWN_PER_TYPE = 10;

export function annotation(path: string, d: Diagnostic): string {
  const r = region(d);
  const props = [
    `file=${escapeProperty(path)}`,
    `line=${r.startLine}`,
    `col=${r.startColumn}`,
    `endLine=${r.endLine}`,
    `endColumn=${r.endColumn}`,
    `title=${escapeProperty(d.ruleId)}`,
  ].join(',');
  const command = d.severity === 'error' ? 'error' : 'warning';
  return `::${command} ${props}::${escapeData(d.message)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatGithub(results: FileResult[], ctx: ReportContext): string {
  const sorted = [...results].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  const annotations: string[] = [];
  const plain: string[] = [];
  let errors = 0;
  let warnings = 0;
  let filesWithProblems = 0;
  for (const file of sorted) {
    if (file.messages.length === 0) continue;
    filesWithProblems++;
    const path = repositoryPath(file, ctx);
    const messages = [...file.messages].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const d of messages) {
      if (d.severity === 'error') errors++;
      else warnings++;
      annotations.push(annotation(path, d));
      const r = region(d);
      // one line each, whatever the name or message holds (a newline would start a line the runner reads)
      plain.push(`${path.startsWith(':') ? './' : ''}${visible(path)}:${r.startLine}:${r.startColumn}: ${d.severity}: ${visible(d.message.replace(/\s*[\r\n]+\s*/g, ' '))} (${visible(d.ruleId)})`);
    }
  }
  const out: string[] = [];
  if (annotations.length > 0) {
    // The plain list is text from the specs: between `::stop-commands::` and its (random, unguessable)
    // end token the runner reads no workflow command in it, so even a line that begins with `::` is text.
    const token = `spec-lint-${randomBytes(12).toString('hex')}`;
    out.push(...annotations, '', `::stop-commands::${token}`, ...plain, `::${token}::`, '');
  }
  const total = errors + warnings;
  if (total === 0) {
    out.push(`spec lint: no problems in ${plural(results.length, 'file')}.`);
  } else {
    let line = `spec lint: ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${filesWithProblems} of ${plural(results.length, 'file')}.`;
    if (errors > ANNOTATIONS_SHOWN_PER_TYPE || warnings > ANNOTATIONS_SHOWN_PER_TYPE) {
      line += ` GitHub shows about ${ANNOTATIONS_SHOWN_PER_TYPE} annotations of each type per step: all ${total} are listed above.`;
    }
    out.push(line);
  }
  return `${out.join('\n')}\n`;
}

export const format: Formatter = (results, ctx) => {
  const text = formatGithub(results, ctx);
  if (process.env.GITHUB_STEP_SUMMARY) writeStepSummary(results, ctx);
  return text;
};
