/**
 * `spec complete`: move an implemented spec into the completed-specs directory, where it becomes context for
 * the next specs.
 *
 * - The spec must lint without errors (the same engine, config and cross-spec facts as `spec lint`, never
 *   `--exec`), unless `--no-lint`: a completed spec is context for every later `spec new`, and CI lints it.
 * - The spec's tasks must all verify (every task `pass` under `spec verify`), unless `--force`.
 * - Its `**Status:**` header is set to `Approved`, the template's final value (the template allows only
 *   Draft | In Review | Approved: "completed" is where the file lives, not a status); `**Last updated:**`, when
 *   present, is set to today's date.
 * - In a git work tree a tracked spec is moved with `git mv` and the edited file staged (nothing is
 *   committed), so history follows the file; otherwise it is a plain rename.
 * - An existing file at the destination is never overwritten.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, unlinkSync } from 'node:fs';
import { FileAccessError, LIMITS, kindOf, mkdirInside, prepareWrite, readInside, realDirInside, type PreparedWrite } from '../fs/access.js';
import { decodeText } from '../markdown/parse.js';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { SpecModel } from '../model/types.js';
import type { EffectiveConfig } from '../lint/config.js';
import { UsageError } from '../errors.js';
import type { LoadedSpec } from './load.js';
import type { Io } from './io.js';
import { formatSummary, verifySpec, type TaskResult } from './verify.js';

/** The status a completed spec carries. */
export const COMPLETED_STATUS = 'Approved';

const FIELD_LINE = (key: string) => new RegExp(`^(\\s*(?:\\*\\*|__)${key}(?::(?:\\*\\*|__)|(?:\\*\\*|__):)[ \\t]*)(.*?)([ \\t]*\\r?)$`, 'i');

/** Sets (or inserts) a `**Key:** value` header field; returns the new text. */
export function setHeaderField(text: string, model: SpecModel, key: string, value: string, insert = true): string {
  const lines = text.split('\n');
  const field = model.header.byKey[key.toLowerCase()];
  if (field) {
    const i = field.loc.line - 1;
    const re = FIELD_LINE(field.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const m = re.exec(lines[i] ?? '');
    if (m) {
      lines[i] = `${m[1]}${value}${m[3]}`;
      return lines.join('\n');
    }
    // an unusual layout: splice the value range
    const v = field.valueLoc;
    if (v.line === v.endLine) {
      const l = lines[v.line - 1]!;
      lines[v.line - 1] = l.slice(0, v.column - 1) + value + l.slice(v.endColumn - 1);
      return lines.join('\n');
    }
  }
  if (!insert) return text;
  const after = model.header.fields.length
    ? Math.max(...model.header.fields.map((f) => f.loc.endLine))
    : (model.title?.loc.endLine ?? 0);
  const eol = lines[0]?.endsWith('\r') ? '\r' : '';
  const newLine = `**${key}:** ${value}${eol}`;
  if (model.header.fields.length) lines.splice(after, 0, newLine);
  else lines.splice(after, 0, eol, newLine);
  return lines.join('\n');
}

function localDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The spec's text with Status set to Approved and Last updated set to `today` (when present). */
export function completedText(text: string, model: SpecModel, today = localDate()): string {
  // Last updated first: replacing a value keeps line numbers, so the model's locations still hold for Status
  const out = setHeaderField(text, model, 'Last updated', today, false);
  return setHeaderField(out, model, 'Status', COMPLETED_STATUS);
}

/** Refuses when the spec on disk is no longer the text that was read (and verified): edits would be lost. */
function assertUnchanged(spec: LoadedSpec, config: EffectiveConfig): void {
  let now: string | null = null;
  try {
    now = decodeText(readInside(spec.absPath, config.root, { maxBytes: LIMITS.spec, display: spec.relPath })).text;
  } catch {
    now = null;
  }
  if (now !== spec.text) {
    throw new UsageError(
      `${spec.relPath} changed on disk since spec complete read it; not moved, so that no edit is lost`,
      'Run spec complete again once the spec is as you want it (it verifies and moves the text on disk then).',
    );
  }
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

function isTracked(absPath: string, root: string): boolean {
  try {
    git(['rev-parse', '--is-inside-work-tree'], root);
    git(['ls-files', '--error-unmatch', '--', absPath], root);
    return true;
  } catch {
    return false;
  }
}

export interface CompleteOptions {
  io: Io;
  cwd: string;
  force?: boolean;
  yes?: boolean;
  timeoutSeconds?: number;
  allowShell?: boolean;
  showOutput?: boolean;
  today?: string;
  /** Skip the lint gate (`--no-lint`). */
  noLint?: boolean;
  /** Colours in the lint report. */
  color?: boolean;
}

export interface CompleteResult {
  moved: boolean;
  /** Repository-relative destination. */
  destination: string;
  method: 'git mv' | 'rename' | null;
  results: TaskResult[] | null;
  /** Errors and warnings the lint gate found (null when it did not run). */
  lint: { errors: number; warnings: number } | null;
}

const rel = (root: string, p: string) => relative(root, p).split(sep).join('/');

/** The completed directory's real path, checked to lie inside the repository; a usage error otherwise. */
function completedDirInside(config: EffectiveConfig): string {
  try {
    return realDirInside(join(config.root, config.paths.completed), config.root, config.paths.completed);
  } catch (err) {
    if (!(err instanceof FileAccessError)) throw err;
    throw new UsageError(`paths.completed (${config.paths.completed}) cannot be used: ${err.reason}`, 'Set paths.completed in spec.config.json to a directory inside the repository.');
  }
}

/**
 * Lints the spec as `spec lint <spec>` would (every other spec of the repository as cross-spec context, the
 * text already read, no `--exec`), prints the report when there is anything to say, and counts.
 */
async function lintGate(spec: LoadedSpec, config: EffectiveConfig, opts: CompleteOptions): Promise<{ errors: number; warnings: number }> {
  const [{ lintFiles }, { createRepoIndex }, { discoverSpecs }, { getFormatter }, { ruleInfos }, { version }] = await Promise.all([
    import('../lint/engine.js'),
    import('../lint/repo.js'),
    import('../lint/discover.js'),
    import('../report/index.js'),
    import('../rules/index.js'),
    import('../package-info.js').then((m) => ({ version: m.packageVersion })),
  ]);
  const repo = createRepoIndex(config.root);
  let contextFiles: string[] = [];
  try {
    contextFiles = discoverSpecs(config, repo, [], { cwd: config.root, lenient: true }).filter((f) => f !== spec.absPath);
  } catch {
    // no specs directory: the spec is linted alone
  }
  const run = await lintFiles({ config, repo, files: [spec.absPath], contextFiles, contents: new Map([[spec.absPath, spec.text]]), exec: false, keepModels: false });
  const errors = run.results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = run.results.reduce((n, r) => n + r.warningCount, 0);
  if (errors + warnings > 0) {
    const stylish = await getFormatter('stylish');
    opts.io.err(stylish(run.results, { root: config.root, rules: ruleInfos(), toolName: 'spec', toolVersion: version(), color: opts.color ?? false }));
  }
  return { errors, warnings };
}

/** Lints and verifies (unless told not to) and moves a spec into the completed directory. */
export async function completeSpec(spec: LoadedSpec, config: EffectiveConfig, opts: CompleteOptions): Promise<CompleteResult> {
  const completedDir = join(config.root, config.paths.completed);
  const destination = join(completedDir, basename(spec.absPath));
  const destRel = rel(config.root, destination);
  if (dirname(spec.absPath) === completedDir) {
    throw new UsageError(`${spec.relPath} is already in ${config.paths.completed}/`, 'Nothing to do; completed specs stay where they are.');
  }
  // a symlinked spec: moving it would move the link and rewrite whatever it points to
  if (kindOf(spec.absPath) === 'symlink') {
    throw new UsageError(`${spec.relPath} is a symbolic link; spec complete moves and rewrites only regular files`, 'Complete the file it points to, or replace the link with the file itself.');
  }
  completedDirInside(config);
  if (existsSync(destination) || kindOf(destination) !== null) {
    throw new UsageError(`${destRel} already exists; spec complete never overwrites it`, `Rename ${spec.relPath} (or the completed spec) so the names differ, then run spec complete again.`);
  }
  let lint: CompleteResult['lint'] = null;
  if (!opts.noLint) {
    lint = await lintGate(spec, config, opts);
    if (lint.errors > 0) {
      opts.io.err(
        `spec: not moved: ${spec.relPath} has ${lint.errors} lint error${lint.errors === 1 ? '' : 's'}\n` +
          `  Fix them (spec lint ${spec.relPath}) and run spec complete again, or pass --no-lint to move it anyway.\n`,
      );
      return { moved: false, destination: destRel, method: null, results: null, lint };
    }
  }
  let results: TaskResult[] | null = null;
  if (!opts.force) {
    if (spec.model.tasks.length === 0) {
      throw new UsageError(`${spec.relPath} has no implementation tasks, so nothing shows it is done`, 'Pass --force to move it anyway.');
    }
    results = await verifySpec(spec.model, config, {
      io: opts.io,
      cwd: config.root,
      yes: opts.yes,
      timeoutSeconds: opts.timeoutSeconds,
      allowShell: opts.allowShell,
      showOutput: opts.showOutput,
    });
    if (results === null) {
      opts.io.err(`spec: not moved: verification was declined\n`);
      return { moved: false, destination: destRel, method: null, results, lint };
    }
    opts.io.out('\n' + formatSummary(results));
    const notPassed = results.filter((r) => r.outcome !== 'pass');
    if (notPassed.length) {
      opts.io.err(
        `spec: not moved: ${notPassed.map((r) => `${r.id} ${r.outcome === 'not-runnable' ? 'not runnable' : r.outcome === 'fail' ? 'failed' : 'skipped'}`).join(', ')}\n` +
          `  Fix the tasks (or their done conditions) until spec verify passes, or pass --force to move it anyway.\n`,
      );
      return { moved: false, destination: destRel, method: null, results, lint };
    }
  }

  const text = completedText(spec.text, spec.model, opts.today);
  // Write first, move after: the new text goes to a temporary file in the completed directory (flushed to
  // disk) before anything moves, so a full disk or a size limit leaves the spec where it was, untouched.
  mkdirInside(completedDir, config.root, config.paths.completed);
  const tracked = isTracked(spec.absPath, config.root);
  let prepared: PreparedWrite;
  try {
    prepared = prepareWrite(destination, text, config.root, { exclusive: !tracked, mkdir: false, display: destRel });
  } catch (err) {
    if (!(err instanceof FileAccessError)) throw err;
    throw new UsageError(`cannot write ${destRel}: ${err.reason}; nothing was moved, ${spec.relPath} is unchanged`, 'Free some disk space (or fix the permissions), then run spec complete again.');
  }
  let method: 'git mv' | 'rename';
  try {
    // edits made since the spec was read (during verify) would be lost by writing the text read then
    assertUnchanged(spec, config);
    if (tracked) {
      try {
        git(['mv', '--', spec.absPath, destination], config.root);
      } catch (err) {
        const stderr = (err as { stderr?: Buffer }).stderr?.toString('utf8').trim();
        throw new UsageError(`git mv ${spec.relPath} ${destRel} failed: ${stderr || (err as Error).message}`, 'Resolve the git problem shown, then run spec complete again.');
      }
      try {
        prepared.commit(); // renamed over the moved file: it holds the original until this instant
      } catch (err) {
        throw new UsageError(
          `moved ${spec.relPath} → ${destRel} (git mv), but could not set its Status: ${(err as Error).message}; the file is intact`,
          `Set **Status:** ${COMPLETED_STATUS} in ${destRel} by hand, or move it back with git mv.`,
        );
      }
      git(['add', '--', destination], config.root);
      method = 'git mv';
    } else {
      try {
        prepared.commit(); // linked into place: fails, replacing nothing, when the destination appeared meanwhile
      } catch (err) {
        if (err instanceof FileAccessError && err.problem === 'exists') {
          throw new UsageError(`${destRel} already exists; spec complete never overwrites it`, `Rename ${spec.relPath} (or the completed spec) so the names differ, then run spec complete again.`);
        }
        throw new UsageError(`cannot write ${destRel}: ${(err as Error).message}; ${spec.relPath} is unchanged`);
      }
      unlinkSync(spec.absPath);
      method = 'rename';
    }
  } finally {
    prepared.abort(); // removes the temporary file unless it was put in place
  }
  opts.io.out(
    `moved ${spec.relPath} → ${destRel} (${method === 'git mv' ? 'git mv; staged, not committed' : 'renamed'}), Status: ${COMPLETED_STATUS}\n`,
  );
  return { moved: true, destination: destRel, method, results, lint };
}
