/**
 * `spec new`: validate input → gather context → render prompts → call the model → extract → lint and
 * repair → write. Each stage is its own module; this one wires them, reports progress and maps the outcome
 * to an exit code: 0 written and lint-clean, 1 written with errors left (printed), 2 nothing written.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import { loadConfig, type EffectiveConfig } from '../lint/config.js';
import type { FileResult } from '../lint/types.js';
import { AbortedError, createAnthropicClient, type ChatMessage, type ClientOptions, type ModelClient, type ModelRequest } from './client.js';
import { gatherContext, type GatheredContext } from './context.js';
import { extractDocument } from './extract.js';
import { readEngineeringInput, readPrdInput, slugify, type EngineeringInput, type PrdExtractor, type PrdInput } from './input.js';
import { engineLinter, type LinterFactory } from './linter.js';
import {
  addUsage,
  DEFAULT_CONTEXT_BUDGET,
  DEFAULT_MAX_REPAIRS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_TIMEOUT_SECONDS,
  describeCost,
  emptyUsage,
  estimateCost,
  estimateTokens,
  type Usage,
} from './models.js';
import { createProgress, type Progress, type ProgressStream } from './progress.js';
import { loadTemplates, renderPrompts, renderRepair, type HeaderValues, type TemplateSet } from './prompts.js';
import { insertProvenance, isoDate, provenanceComment } from './provenance.js';
import { repairLoop, type RepairOutcome } from './repair.js';
import { renderScaffold } from './scaffold.js';
import { checkOverwrite, resolveOutput, writeAtomic, type OutputTarget } from './write.js';

export interface NewOptions {
  prd?: string;
  engineering?: boolean;
  title?: string;
  brief?: string;
  out?: string;
  model?: string;
  maxTokens?: number;
  maxRepairs?: number;
  contextBudget?: number;
  dryRun?: boolean;
  scaffold?: boolean;
  force?: boolean;
  yes?: boolean;
  config?: string;
}

export interface OutStream extends ProgressStream {
  write(s: string): unknown;
}

export interface RunDeps {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutStream;
  stderr: OutStream;
  stdinIsTTY?: boolean;
  now?: () => Date;
  /** The draft linter; the real `spec lint` engine by default. */
  linter?: LinterFactory;
  /** Builds the model client; the Anthropic SDK by default. */
  client?: (opts: ClientOptions) => Promise<ModelClient>;
  prdExtractor?: PrdExtractor;
  /** Aborts the run (Ctrl-C). When absent, runNew listens for SIGINT itself. */
  signal?: AbortSignal;
  /** Asks a yes/no question on the terminal. */
  confirm?: (question: string) => Promise<boolean>;
  timeoutMs?: number;
  maxRetries?: number;
  /** Rule ids and descriptions listed in the system prompt; the registry's by default. */
  rules?: Array<{ id: string; description: string }>;
}

export interface Settings {
  model: string;
  maxTokens: number;
  maxRepairs: number;
  contextBudget: number;
  timeoutMs: number;
  maxRetries: number;
}

export async function runNew(opts: NewOptions, deps: RunDeps): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  const signal = deps.signal ?? controller.signal;
  if (!deps.signal) process.once('SIGINT', onSigint);
  const progress = createProgress(deps.stderr);
  try {
    return await run(opts, deps, signal, progress);
  } catch (err) {
    progress.done();
    if (err instanceof AbortedError || signal.aborted) {
      deps.stderr.write('spec: interrupted; nothing was written\n');
      return 2;
    }
    throw err;
  } finally {
    progress.done();
    if (!deps.signal) process.removeListener('SIGINT', onSigint);
  }
}

function checkOptions(opts: NewOptions): void {
  if (opts.prd && opts.engineering) {
    throw new UsageError('pass either --prd or --engineering, not both', 'A PRD-driven spec takes --prd <path>; an engineering-initiated one takes --engineering --title "…".');
  }
  if (!opts.prd && !opts.engineering) {
    throw new UsageError('spec new needs --prd <path> or --engineering --title "…"', 'Example: spec new --prd prds/invites.md');
  }
  if (opts.brief && !opts.engineering) throw new UsageError('--brief goes with --engineering', 'A PRD-driven spec reads its requirements from --prd.');
  if (opts.title && !opts.engineering) throw new UsageError('--title goes with --engineering', 'A PRD-driven spec takes its title from the PRD.');
  if (opts.dryRun && opts.scaffold) {
    throw new UsageError('choose one of --dry-run and --scaffold', '--dry-run prints the prompts; --scaffold writes a template to fill in.');
  }
}

export function resolveSettings(opts: NewOptions, config: EffectiveConfig, deps: Pick<RunDeps, 'env' | 'timeoutMs' | 'maxRetries'>): Settings {
  const g = config.generate;
  const envRetries = deps.env.SPEC_API_MAX_RETRIES;
  const maxTokens = opts.maxTokens ?? g.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (maxTokens < 256) throw new UsageError(`--max-tokens ${maxTokens} is too small for a spec`, 'Use at least 256; the default is ' + DEFAULT_MAX_TOKENS + '.');
  const maxRepairs = opts.maxRepairs ?? g.maxRepairs ?? DEFAULT_MAX_REPAIRS;
  if (maxRepairs > 10) throw new UsageError(`--max-repairs ${maxRepairs} is more than 10`, 'Use 0–10; the default is ' + DEFAULT_MAX_REPAIRS + '.');
  return {
    model: opts.model ?? g.model ?? DEFAULT_MODEL,
    maxTokens,
    maxRepairs,
    contextBudget: opts.contextBudget ?? g.contextBudget ?? DEFAULT_CONTEXT_BUDGET,
    timeoutMs: deps.timeoutMs ?? (g.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    maxRetries: deps.maxRetries ?? (envRetries && /^\d+$/.test(envRetries) ? Number(envRetries) : 4),
  };
}

function authorName(config: EffectiveConfig, env: Record<string, string | undefined>): string {
  if (config.generate.author) return config.generate.author;
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd: config.root, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').trim();
    if (name) return name;
  } catch {
    // no git identity
  }
  try {
    return env.USER || userInfo().username || 'spec new';
  } catch {
    return 'spec new';
  }
}

async function ruleList(): Promise<Array<{ id: string; description: string }>> {
  try {
    const { ruleInfos } = await import('../rules/index.js');
    return ruleInfos().map((r) => ({ id: r.id, description: r.description }));
  } catch {
    return [];
  }
}

async function run(opts: NewOptions, deps: RunDeps, signal: AbortSignal, progress: Progress): Promise<number> {
  checkOptions(opts);
  const out = deps.stdout;
  const err = deps.stderr;
  const config = await loadConfig({ cwd: deps.cwd, configPath: opts.config });
  const settings = resolveSettings(opts, config, deps);
  const apiKey = deps.env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey && !opts.dryRun && !opts.scaffold) {
    throw new UsageError(
      'ANTHROPIC_API_KEY is not set; nothing was written',
      'Set ANTHROPIC_API_KEY to generate with Claude, or run offline: --scaffold writes the template to fill in, --dry-run prints the prompts.',
    );
  }
  const now = deps.now?.() ?? new Date();
  const header: HeaderValues = { author: authorName(config, deps.env), date: isoDate(now) };

  // 1. Validate input.
  let prd: PrdInput | undefined;
  let engineering: EngineeringInput | undefined;
  let defaultRel: string;
  if (opts.prd) {
    prd = await readPrdInput(config, opts.prd, deps.cwd, deps.prdExtractor);
    defaultRel = `${config.paths.specs}/${basename(prd.relPath)}`;
  } else {
    engineering = readEngineeringInput(opts.title, opts.brief, deps.cwd);
    defaultRel = `${config.paths.specs}/${slugify(engineering.title)}.md`;
  }
  const target = resolveOutput(config.root, deps.cwd, opts.out, defaultRel);
  if (prd && target.rel === prd.relPath) throw new UsageError(`--out ${target.rel} is the PRD itself`, 'Write the spec under tech-specs/.');
  if (!opts.dryRun) checkOverwrite(target, Boolean(opts.force));
  if (prd?.gaps.length) {
    err.write(`PRD ${prd.relPath} has ${prd.gaps.length} open question${prd.gaps.length === 1 ? '' : 's'}${opts.scaffold ? '' : ' (the model is asked to record them under Open Questions)'}:\n`);
    for (const g of prd.gaps) err.write(`  ${prd.relPath}:${g.line}  ${g.message}\n`);
  }
  const templates = await loadTemplates(config);
  const stamp = (doc: string, model?: string) =>
    insertProvenance(doc, provenanceComment({ prd: prd?.relPath, prdSha256: prd?.sha256, model, generated: header.date }));

  // --scaffold: offline.
  if (opts.scaffold) {
    const doc = stamp(renderScaffold(templates, { header, prd, engineering }));
    const result = await lintDraft(deps, config, doc, target);
    writeAtomic(target, doc, Boolean(opts.force));
    out.write(`Wrote ${target.rel} (scaffold: fill in the placeholders, then run \`spec lint ${target.rel}\`)\n`);
    return report(out, config, result, null, deps.env);
  }

  // 2. Gather context; 3. render prompts.
  progress.stage('gathering context');
  const query = prd ? prd.text : `${engineering!.title}\n${engineering!.brief?.text ?? ''}`;
  const context = gatherContext(config, { budget: settings.contextBudget, query, outRel: target.rel });
  if (context.leftOut.length) {
    progress.note(
      `context: ${context.leftOut.length} completed spec${context.leftOut.length === 1 ? '' : 's'} left out to fit --context-budget ${settings.contextBudget}: ${context.leftOut.map((s) => s.path).join(', ')}`,
    );
  }
  const prompts = renderPrompts(templates, { config, context, header, outPath: target.rel, prd, engineering, rules: deps.rules ?? (await ruleList()) });

  if (opts.dryRun) {
    progress.done();
    printDryRun(out, settings, target, templates, context, prompts);
    return 0;
  }

  // Confirmation (a terminal only, and only when there is something to decide).
  const interactive = Boolean(deps.stdinIsTTY) && !opts.yes;
  if (interactive && prd?.gaps.length && deps.confirm) {
    progress.done();
    if (!(await deps.confirm(`Generate anyway, recording the ${prd.gaps.length} open question(s) in the spec? [Y/n] `))) {
      err.write('spec: stopped; nothing was written\n');
      return 2;
    }
  }

  // 4. Call the model.
  const client = await (deps.client ?? createAnthropicClient)({
    apiKey: apiKey!,
    baseURL: deps.env.ANTHROPIC_BASE_URL?.trim() || undefined,
    maxRetries: settings.maxRetries,
    timeoutMs: settings.timeoutMs,
  });
  let usage: Usage = emptyUsage();
  const firstUser: ChatMessage = { role: 'user', text: prompts.user, cache: true };
  const call = async (stage: string, messages: ChatMessage[]): Promise<string> => {
    if (signal.aborted) throw new AbortedError();
    progress.stage(stage);
    const req: ModelRequest = { model: settings.model, maxTokens: settings.maxTokens, system: prompts.system, messages };
    const reply = await client.complete(req, { signal, onProgress: (p) => progress.tokens(p.outputTokens) });
    usage = addUsage(usage, reply.usage);
    return reply.text;
  };
  const prepare = (reply: string) => stamp(extractDocument(reply).text, settings.model);

  // 5. Extract; 6. lint and repair.
  const draft = prepare(await call('drafting', [firstUser]));
  const linter = await (deps.linter ?? engineLinter)(config);
  const outcome: RepairOutcome = await repairLoop({
    draft,
    maxRepairs: settings.maxRepairs,
    lint: async (doc) => {
      if (signal.aborted) throw new AbortedError();
      return linter.lint(doc, target.abs);
    },
    onRound: (stage, round) => {
      if (stage === 'lint') progress.stage(round === 0 ? 'linting the draft' : `linting repair ${round}`);
    },
    repair: async (doc, diagnostics, round, result) => {
      const text = renderRepair(templates, {
        round,
        maxRepairs: settings.maxRepairs,
        errorCount: result.errorCount,
        warningCount: result.warningCount,
        diagnostics: diagnostics.map((d) => ({ line: d.line, column: d.column, severity: d.severity, ruleId: d.ruleId, message: d.message })),
      });
      return prepare(await call(`repair ${round}/${settings.maxRepairs}`, [firstUser, { role: 'assistant', text: doc }, { role: 'user', text }]));
    },
  });
  if (signal.aborted) throw new AbortedError();

  // 7. Write.
  progress.stage('writing');
  writeAtomic(target, outcome.document, Boolean(opts.force));
  progress.done();
  const rounds = outcome.rounds.length;
  const why =
    outcome.stopped === 'no-progress'
      ? `; stopped early: repair ${rounds} did not reduce the error count (${outcome.rounds[rounds - 1]!.errorsBefore})`
      : '';
  out.write(`Wrote ${target.rel} (${rounds} repair round${rounds === 1 ? '' : 's'}${why})\n`);
  return report(out, config, outcome.result, { model: settings.model, usage }, deps.env);
}

async function lintDraft(deps: RunDeps, config: EffectiveConfig, doc: string, target: OutputTarget): Promise<FileResult> {
  const linter = await (deps.linter ?? engineLinter)(config);
  return (await linter.lint(doc, target.abs)).result;
}

async function report(
  out: OutStream,
  config: EffectiveConfig,
  result: FileResult,
  cost: { model: string; usage: Usage } | null,
  env: Record<string, string | undefined>,
): Promise<number> {
  const color = Boolean(out.isTTY) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  if (result.messages.length) out.write(await formatStylish(result, config, color));
  out.write(
    result.errorCount === 0
      ? `lint: clean${result.warningCount ? ` (${result.warningCount} warning${result.warningCount === 1 ? '' : 's'})` : ''}\n`
      : `lint: ${result.errorCount} error${result.errorCount === 1 ? '' : 's'} and ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'} remain; fix them, then run \`spec lint ${result.relativePath}\`\n`,
  );
  if (cost) {
    const u = cost.usage;
    const n = (x: number) => x.toLocaleString('en-US');
    out.write(`tokens: input ${n(u.inputTokens)} · output ${n(u.outputTokens)} · cache read ${n(u.cacheReadTokens)} · cache write ${n(u.cacheWriteTokens)}\n`);
    out.write(`${describeCost(cost.model, u)}\n`);
  }
  return result.errorCount === 0 ? 0 : 1;
}

async function formatStylish(result: FileResult, config: EffectiveConfig, color: boolean): Promise<string> {
  try {
    const { getFormatter } = await import('../report/index.js');
    const format = await getFormatter('stylish');
    const { ruleInfos } = await import('../rules/index.js');
    return format([result], { root: config.root, rules: ruleInfos(), toolName: 'spec', toolVersion: '', color });
  } catch {
    const lines = [result.relativePath];
    for (const m of result.messages) lines.push(`  ${m.line}:${m.column}  ${m.severity}  ${m.message}  ${m.ruleId}`);
    return lines.join('\n') + '\n\n';
  }
}

function printDryRun(
  out: OutStream,
  settings: Settings,
  target: OutputTarget,
  templates: TemplateSet,
  context: GatheredContext,
  prompts: { system: string; user: string; estimatedTokens: number },
): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const sys = estimateTokens(prompts.system);
  const usr = estimateTokens(prompts.user);
  out.write(`spec new --dry-run: nothing is sent and nothing is written.\n`);
  out.write(`model: ${settings.model} · max tokens ${n(settings.maxTokens)} · max repairs ${settings.maxRepairs} · output ${target.rel}\n`);
  out.write(`templates: ${[...new Set(Object.values(templates.sources))].join(', ')}\n`);
  out.write(
    `context (budget ${n(context.budget)} tokens, ${n(context.tokens)} used): ${context.completed.length} completed spec(s) included` +
      (context.leftOut.length ? `, left out: ${context.leftOut.map((s) => s.path).join(', ')}` : '') +
      `; files ${context.files.list.length} of ${context.files.total}` +
      `; newest migration ${context.migrations.newestVersion ?? 'none'}\n`,
  );
  out.write(`\n===== system prompt (cached prefix, ≈${n(sys)} tokens) =====\n${prompts.system}\n`);
  out.write(`\n===== user prompt (≈${n(usr)} tokens) =====\n${prompts.user}\n`);
  const cost = estimateCost(settings.model, { inputTokens: usr, cacheWriteTokens: sys, cacheReadTokens: 0, outputTokens: 0 });
  out.write(
    `\n===== estimate =====\nfirst request ≈ ${n(sys + usr)} input tokens (a rough estimate: ~3.5 characters per token)` +
      (cost === null ? '\n' : `; its input ≈ $${cost.toFixed(4)} at ${settings.model} list prices, before output tokens (an estimate)\n`),
  );
}

