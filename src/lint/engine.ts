/**
 * The lint engine: files → (parse once) → spec model → rules → diagnostics. Cross-file facts (the repository
 * index, PRD models, existing migrations, every spec's model) are computed once per run.
 */
import { statSync } from 'node:fs';
import { FileAccessError, LIMITS, describeProblem, readInside, referenceState, tryReadInside } from '../fs/access.js';
import { createHash } from 'node:crypto';
import { relative, resolve, sep, isAbsolute } from 'node:path';
import { decodeText, stripBom } from '../markdown/parse.js';
import { extractSpec } from '../model/extract.js';
import { extractPrd } from '../model/prd.js';
import type { SpecModel } from '../model/types.js';
import { allRules, rulesById, ruleDocsUrl } from '../rules/index.js';
import type { PrdState, Rule, RuleContext, RunFacts } from '../rules/types.js';
import type { EffectiveConfig } from './config.js';
import { ruleSettingFor } from './config.js';
import { parseDirectives, Suppressions } from './directives.js';
import { createRepoIndex, existingMigrations, type RepoIndex } from './repo.js';
import { migrationVersion } from './crossspec.js';
import type { Diagnostic, FileResult } from './types.js';
import { fixFor, rememberSource } from '../fix/convert.js';

export interface LintFilesOptions {
  config: EffectiveConfig;
  /** Absolute paths of the specs to lint. */
  files: string[];
  /** Execute migrations in an embedded PostgreSQL (`--exec`). */
  exec?: boolean;
  /** Contents to lint instead of the files on disk (e.g. the staged content), by absolute path. */
  contents?: Map<string, string>;
  /** A prepared repository index (tests, the generator). */
  repo?: RepoIndex;
  /** PRD texts to use instead of reading them (repository-relative path → text). */
  prdTexts?: Map<string, string>;
  /** Called after each file. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Keep every model in the result (inspect, summary). Default true. */
  keepModels?: boolean;
  /** Run only these rules (tests, the rule tester). Default: every rule. */
  rules?: readonly Rule[];
  /**
   * Other specs (absolute paths) whose models join `run.specs` for cross-file checks without being linted
   * or reported (`--staged`, `--changed-since`: only what changed is linted, judged against everything).
   */
  contextFiles?: string[];
}

export interface LintRun {
  results: FileResult[];
  models: Map<string, SpecModel>;
}

const toPosix = (p: string) => p.split(sep).join('/');

export function relativeTo(root: string, file: string): string {
  return toPosix(relative(root, file));
}

/**
 * The largest spec `spec lint` reads, in bytes (UTF-8). A spec that follows the template is tens of
 * kilobytes; parsing and checking grow with the size, and a 10 MB file took most of a minute and gigabytes
 * of memory. A larger file is reported on (template/readable) and not parsed.
 */
export const MAX_SPEC_BYTES = LIMITS.spec;

/** The read error of a file over MAX_SPEC_BYTES. */
export function tooLargeMessage(bytes: number): string {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `the file is too large to lint (${mb(bytes)}; the limit is ${mb(MAX_SPEC_BYTES)}): a spec covers one feature and is usually well under 100 KB; split it into one spec per feature, or move long appendices, data and generated listings into separate files and link them`;
}

/** Whether a spec file is over MAX_SPEC_BYTES, from its size on disk (no read); null when it cannot be told. */
export function specFileTooLarge(absPath: string): number | null {
  try {
    const st = statSync(absPath);
    return st.isFile() && st.size > MAX_SPEC_BYTES ? st.size : null;
  } catch {
    return null;
  }
}

function unreadable(relPath: string, message: string): SpecModel {
  const model = extractSpec('', relPath);
  model.readErrors.push({ message, loc: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
  return model;
}

/**
 * The repository root a spec is read from: given, or the part of `absPath` before `relPath` (which the
 * callers compute as `relative(root, absPath)`); null when the two do not fit (a path outside the root).
 */
function rootOf(absPath: string, relPath: string): string | null {
  const abs = resolve(absPath);
  const tail = relPath.split('/').join(sep);
  if (relPath.startsWith('..') || isAbsolute(relPath) || !abs.endsWith(sep + tail)) return null;
  return abs.slice(0, abs.length - tail.length - 1) || sep;
}

/** The read error of a spec the file-access layer refused (src/fs/access.ts): the reason, never the content. */
export function accessMessage(err: FileAccessError): string {
  if (err.problem === 'too-large') return tooLargeMessage(err.size ?? MAX_SPEC_BYTES + 1);
  return `cannot read the file: ${err.reason}`;
}

/**
 * Reads and extracts one spec. Never throws for content problems: they become `readErrors`. The file is
 * read through the file-access layer: inside the repository `root` (default: derived from the two paths),
 * a regular file, at most MAX_SPEC_BYTES.
 */
export function loadSpec(absPath: string, relPath: string, override?: string, root?: string): SpecModel {
  let text: string;
  let problem: string | undefined;
  if (override !== undefined) {
    const size = Buffer.byteLength(override, 'utf8');
    if (size > MAX_SPEC_BYTES) return unreadable(relPath, tooLargeMessage(size));
    text = stripBom(override);
  } else {
    const base = root ?? rootOf(absPath, relPath);
    if (base === null) return unreadable(relPath, `cannot read the file: ${describeProblem('outside')}`);
    let bytes: Buffer;
    try {
      bytes = readInside(absPath, base, { maxBytes: MAX_SPEC_BYTES, display: relPath });
    } catch (err) {
      if (err instanceof FileAccessError) return unreadable(relPath, accessMessage(err));
      return unreadable(relPath, `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const decoded = decodeText(bytes);
    text = decoded.text;
    problem = decoded.problem;
  }
  if (problem) return unreadable(relPath, problem);
  let model: SpecModel;
  try {
    model = extractSpec(text, relPath);
    rememberSource(model, text); // fixes: the text the model's positions refer to (src/fix/convert.ts)
  } catch (err) {
    // blocks nested thousands deep (`> > > …`) exhaust the stack: a content problem, reported on the file
    if (!(err instanceof RangeError)) throw err;
    model = extractSpec('', relPath);
    model.readErrors.push({ message: 'the file nests blocks too deeply to be read (thousands of levels of quotes or lists): flatten it', loc: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    return model;
  }
  if (text.trim() === '') model.readErrors.push({ message: 'the file is empty: a spec starts with `# Tech Spec: <name>` and follows the template', loc: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
  return model;
}

/** The largest PRD read. */
export const MAX_PRD_BYTES = LIMITS.document;

export class PrdLoader {
  private readonly cache = new Map<string, PrdState>();
  constructor(
    private readonly repo: RepoIndex,
    private readonly texts?: Map<string, string>,
  ) {}

  load(path: string | null): PrdState {
    if (!path) return { path: null, status: 'none', model: null };
    const cached = this.cache.get(path);
    if (cached) return cached;
    const state = this.read(path);
    this.cache.set(path, state);
    return state;
  }

  private read(given: string): PrdState {
    const root = this.repo.root;
    // `/prds/x.md`: the reference writes repository directories root-anchored (`/prds`, `/tech-specs`); a
    // leading slash before a top-level directory of the repository means the repository root, not the disk's
    const seg = /^\/([^/\\]+)\//.exec(given);
    const path = seg && !given.startsWith('//') && this.repo.exists(seg[1]!) ? given.slice(1) : given;
    if (!this.repo.contains(path)) return { path: given, status: 'outside', model: null };
    const rel = toPosix(relative(root, resolve(root, path)));
    const supplied = this.texts?.get(rel);
    if (supplied !== undefined) return this.parse(path, rel, Buffer.from(supplied, "utf8"));
    const abs = resolve(root, path);
    // through the file-access layer: a symlink that points outside the repository is outside, and is never
    // read; a FIFO or device is not a file; a PRD over the limit is unreadable
    const read = tryReadInside(abs, root, { maxBytes: MAX_PRD_BYTES, display: rel });
    if (read.error) return { path, status: referenceState(read.error), model: null };
    return this.parse(path, rel, read.bytes);
  }

  private parse(path: string, rel: string, bytes: Buffer): PrdState {
    const decoded = decodeText(bytes);
    if (decoded.problem) return { path, status: 'unreadable', model: null };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { path, status: 'ok', model: extractPrd(decoded.text, rel), sha256 };
  }
}

export { existingMigrations };

/** Builds the run's facts: cross-file inputs computed once. */
export function runFacts(repo: RepoIndex, config: EffectiveConfig, specs: readonly SpecModel[], exec: boolean): RunFacts {
  const existing = existingMigrations(repo, config);
  let sources: ReturnType<NonNullable<RunFacts['existingMigrationSources']>> | undefined;
  return {
    specs,
    existingMigrations: existing,
    shared: new Map(),
    exec,
    existingMigrationSources() {
      sources ??= (async () => {
        const out: Array<{ path: string; sql: string }> = [];
        const refused: Array<{ path: string; message: string }> = [];
        for (const path of [...existing].sort()) {
          // through the file-access layer: a migration committed as a symlink to /proc/self/environ, a
          // FIFO or a huge file is never read (its text would reach a diagnostic); left out, and the specs
          // that need it fail and say why. (node:fs/promises would load streams and readline.)
          const read = tryReadInside(resolve(repo.root, path), repo.root, { maxBytes: LIMITS.migration, display: path });
          if (read.bytes) out.push({ path, sql: read.bytes.toString('utf8') });
          else refused.push({ path, message: read.error.reason });
        }
        return refused.length > 0 ? Object.assign(out, { refused }) : out;
      })();
      return sources;
    },
  };
}

function isUnder(rel: string, dir: string): boolean {
  return rel === dir || rel.startsWith(dir.replace(/\/+$/, '') + '/');
}

/** Runs every enabled rule on one model; returns sorted diagnostics. */
export async function lintModel(
  model: SpecModel,
  prd: PrdState,
  repo: RepoIndex,
  config: EffectiveConfig,
  run: RunFacts,
  rules: readonly Rule[] = allRules,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const rel = model.filePath;
  // --no-inline-config / linterOptions.noInlineConfig: the comments are not directives at all
  const directives = config.linterOptions?.noInlineConfig ? [] : parseDirectives(model.comments);
  const suppressions = new Suppressions(directives);
  const isCompleted = isUnder(rel, config.paths.completed);
  const fatal = model.readErrors.length > 0 && model.lineCount <= 1;

  for (const rule of rules) {
    const { severity, options } = ruleSettingFor(config, rule.meta.id, rel, rule.meta.defaultSeverity);
    if (severity === 'off') continue;
    if (fatal && rule.meta.id !== 'template/readable') continue;
    const ctx: RuleContext = {
      spec: model,
      prd,
      repo,
      config,
      run,
      isCompleted,
      options,
      report(r) {
        if (suppressions.isSuppressed(rule.meta.id, r.loc.line)) return;
        // fixes: the rule's edits become ESLint's { range, text } on the source (src/fix/convert.ts)
        const fix = r.fix ? fixFor(model, r.fix) : undefined;
        diagnostics.push({
          ruleId: rule.meta.id,
          severity: r.severity ?? (severity === 'warn' ? 'warning' : 'error'),
          message: r.message,
          line: r.loc.line,
          column: r.loc.column,
          endLine: r.loc.endLine,
          endColumn: r.loc.endColumn,
          url: rule.meta.docsUrl,
          ...(r.key !== undefined ? { key: r.key } : {}),
          ...(fix ? { fix } : {}),
        });
      },
    };
    try {
      await rule.check(ctx);
    } catch (err) {
      diagnostics.push({
        ruleId: 'lint/internal-error',
        severity: 'error',
        message: `rule ${rule.meta.id} failed on this file: ${(err as Error).message ?? String(err)}`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        url: ruleDocsUrl('lint/internal-error'),
        key: rule.meta.id,
      });
    }
  }

  // unknown rule ids in directives
  const unknown = ruleSettingFor(config, 'lint/unknown-rule', rel, 'warn').severity;
  if (unknown !== 'off') {
    for (const d of directives) {
      for (const id of d.rules) {
        if (!rulesById.has(id) && !id.startsWith('lint/')) {
          diagnostics.push({
            ruleId: 'lint/unknown-rule',
            severity: unknown === 'error' ? 'error' : 'warning',
            message: `unknown rule "${id}" in a spec-lint comment; run \`spec rules\` for the list of rule ids`,
            line: d.loc.line,
            column: d.loc.column,
            endLine: d.loc.endLine,
            endColumn: d.loc.endColumn,
            url: ruleDocsUrl('lint/unknown-rule'),
            key: id,
          });
        }
      }
    }
  }

  // --report-unused-disable-directives / linterOptions.reportUnusedDisableDirectives
  const unused = config.linterOptions?.reportUnusedDisableDirectives ?? 'off';
  if (unused !== 'off' && !fatal) {
    for (const u of suppressions.unused()) {
      diagnostics.push({
        ruleId: 'lint/unused-disable-directive',
        severity: unused === 'error' ? 'error' : 'warning',
        message: u.rule
          ? `unused spec-lint-${u.directive.kind} comment (no problem from ${u.rule} was reported here): remove it, or the rule from it`
          : `unused spec-lint-${u.directive.kind} comment (no problem was reported here): remove it`,
        line: u.directive.loc.line,
        column: u.directive.loc.column,
        endLine: u.directive.loc.endLine,
        endColumn: u.directive.loc.endColumn,
        url: ruleDocsUrl('lint/unused-disable-directive'),
        key: `${u.directive.kind}:${u.rule ?? '*'}`,
      });
    }
  }

  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return diagnostics;
}

export function toResult(filePath: string, relativePath: string, messages: Diagnostic[]): FileResult {
  let errorCount = 0;
  let warningCount = 0;
  for (const m of messages) {
    if (m.severity === 'error') errorCount++;
    else warningCount++;
  }
  return { filePath, relativePath, messages, errorCount, warningCount };
}

/** Closes whatever rules parked in the run's shared space (engine instances). */
export async function disposeShared(run: RunFacts): Promise<void> {
  for (const value of run.shared.values()) {
    const v = value as { close?: () => unknown; dispose?: () => unknown } | null;
    try {
      if (v && typeof v.close === 'function') await v.close();
      else if (v && typeof v.dispose === 'function') await v.dispose();
    } catch {
      // closing is best effort
    }
  }
  run.shared.clear();
}

/** `RunFacts.migrationsWithVersion` over models already extracted. */
export function migrationsWithVersionOf(specs: readonly SpecModel[]): NonNullable<RunFacts['migrationsWithVersion']> {
  return (version) => {
    const out: Array<{ filePath: string; path: string }> = [];
    for (const s of specs) for (const m of s.migrations) if (m.path && migrationVersion(m.path) === version) out.push({ filePath: s.filePath, path: m.path });
    return out;
  };
}

export async function lintFiles(options: LintFilesOptions): Promise<LintRun> {
  const { config } = options;
  const repo = options.repo ?? createRepoIndex(config.root);
  const prds = new PrdLoader(repo, options.prdTexts);
  const files = options.files;
  const models: SpecModel[] = files.map((abs) => loadSpec(abs, relativeTo(config.root, abs), options.contents?.get(abs), config.root));
  const linted = new Set(files);
  const context = (options.contextFiles ?? [])
    .filter((abs) => !linted.has(abs))
    .map((abs) => loadSpec(abs, relativeTo(config.root, abs), options.contents?.get(abs), config.root));
  const specs = context.length ? [...models, ...context] : models;
  const run: RunFacts = { ...runFacts(repo, config, specs, options.exec ?? config.exec), migrationsWithVersion: migrationsWithVersionOf(specs) };
  const results: FileResult[] = [];
  const keep = new Map<string, SpecModel>();
  try {
    for (let i = 0; i < files.length; i++) {
      const model = models[i]!;
      const prd = prds.load(model.prdPath?.value ?? null);
      const messages = await lintModel(model, prd, repo, config, run, options.rules);
      results.push(toResult(files[i]!, model.filePath, messages));
      if (options.keepModels !== false) keep.set(model.filePath, model);
      options.onProgress?.(i + 1, files.length, model.filePath);
    }
  } finally {
    await disposeShared(run);
  }
  return { results, models: keep };
}

export interface LintTextOptions {
  /** Where the spec is (or will be) written: absolute, or relative to the config root. */
  filePath: string;
  config: EffectiveConfig;
  repo?: RepoIndex;
  /** The PRD's text, when the caller already has it (the generator). */
  prdText?: string;
  exec?: boolean;
}

/** Lints a document that may not be on disk yet (the generator's drafts). */
export async function lintText(text: string, options: LintTextOptions): Promise<{ result: FileResult; model: SpecModel }> {
  const { config } = options;
  const abs = resolve(config.root, options.filePath);
  const rel = relativeTo(config.root, abs);
  const repo = options.repo ?? createRepoIndex(config.root);
  const model = loadSpec(abs, rel, text);
  let prdTexts: Map<string, string> | undefined;
  if (options.prdText !== undefined && model.prdPath && repo.contains(model.prdPath.value)) {
    prdTexts = new Map([[relativeTo(config.root, resolve(config.root, model.prdPath.value)), options.prdText]]);
  }
  const prd = new PrdLoader(repo, prdTexts).load(model.prdPath?.value ?? null);
  const run: RunFacts = { ...runFacts(repo, config, [model], options.exec ?? false), migrationsWithVersion: migrationsWithVersionOf([model]) };
  try {
    const messages = await lintModel(model, prd, repo, config, run);
    return { result: toResult(abs, rel, messages), model };
  } finally {
    await disposeShared(run);
  }
}
