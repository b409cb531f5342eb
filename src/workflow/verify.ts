/**
 * `spec verify`: run each task's done-condition commands in the repository, in dependency order, and report
 * per task pass / fail / not runnable / refused / skipped.
 *
 * - The commands are the command model's (src/command/), the same task/done-condition and `spec tasks`
 *   read: a command verify runs is one lint counts as a check, and `spec tasks` says so.
 * - A check runs without a shell: its argv is spawned directly, `VAR=value` prefixes go to the environment,
 *   and a `cd dir && …` / `…; …` chain runs step by step in that directory. A command that needs a shell (a
 *   pipe, a redirect, `||`, `$VAR`, a glob, or code given to an interpreter: `sh -c`, `bash -c`, `node -e`,
 *   `python -c` …) runs only with `--allow-shell`, as `sh -c '<text>'`, and the plan shows exactly that.
 * - Never run: a command that changes state (`goose down`, `rm`, `git push`, `DROP` through psql …), with or
 *   without `--allow-shell`; one that is not a check; one with control characters, which is shown escaped
 *   and refused (its task is "refused", and the run exits non-zero).
 * - The environment is the caller's minus secrets (src/command/env.ts: `*_KEY`, `*_TOKEN`, `*_SECRET`,
 *   `*_PASSWORD`, `ANTHROPIC_*`, `AWS_*` …); `--pass-env NAME` passes one back.
 * - Every command has a timeout; the process group is killed when it expires (the command fails).
 * - A task's commands stop at the first failure; dependents of a task that did not pass (failed, skipped,
 *   not runnable, refused) are skipped, and the run exits non-zero.
 */
import { spawn } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { SpecModel } from '../model/types.js';
import type { EffectiveConfig } from '../lint/config.js';
import { InterruptError, UsageError } from '../errors.js';
import { buildTaskGraph } from './graph.js';
import type { Io } from './io.js';
import { confirm } from './io.js';
import { commandOptions, doneConditionCommands, escapeControl, verifyDecision, type DirectStep, type VerifyAction } from '../command/index.js';
import { commandEnvironment } from '../command/env.js';

export type TaskOutcome = 'pass' | 'fail' | 'not-runnable' | 'refused' | 'skipped';

export interface PlannedCommand {
  /** As written in the spec, control characters escaped (safe to print). */
  text: string;
  /** What is executed for a shell command (`sh`, `-c`, text), or the argv of a one-step command; [] when not run. */
  argv: string[];
  /** Environment variables from `VAR=value` prefixes (one-step commands). */
  env: Record<string, string>;
  /** Whether the command needs a shell. */
  needsShell: boolean;
  /** What verify does with it (the command model's decision). */
  action: VerifyAction;
  /** Why it is not simply run. */
  why: string;
  /** The steps run without a shell (a `cd dir && …` chain), or null. */
  steps: DirectStep[] | null;
  /** The text as written (not escaped), for `sh -c`. */
  raw: string;
}

export interface PlannedTask {
  id: string;
  title: string;
  dependencies: string[];
  commands: PlannedCommand[];
  /** Set when the task cannot be run (no check, a shell command without --allow-shell …). */
  notRunnable: string | null;
  /** Set when verify refuses the task (a command with control characters). */
  refused: string | null;
}

export interface VerifyPlan {
  spec: string;
  cwd: string;
  timeoutSeconds: number;
  tasks: PlannedTask[];
  /** The environment the commands get. */
  env: Record<string, string>;
  /** Variables withheld from it (names only). */
  withheld: string[];
}

export interface CommandResult {
  text: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Spawn failure (program not found …). */
  error: string | null;
  ms: number;
}

export interface TaskResult {
  id: string;
  title: string;
  outcome: TaskOutcome;
  /** Why it failed / was skipped / is not runnable; empty on pass. */
  detail: string;
  commands: CommandResult[];
  ms: number;
}

export interface PlanOptions {
  /** Run only this task (its dependencies are not run). */
  task?: string;
  allowShell?: boolean;
  timeoutSeconds?: number;
  cwd: string;
  /** Variables to pass although the deny-list withholds them (`--pass-env`). */
  passEnv?: string[];
  /** The environment to start from (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
}

/** The commands verify would run, in dependency order. */
export async function planVerify(model: SpecModel, config: EffectiveConfig, opts: PlanOptions): Promise<VerifyPlan> {
  const graph = await buildTaskGraph(model, config);
  const byId = new Map(model.tasks.map((t) => [t.id, t] as const));
  let order = graph.order;
  if (opts.task) {
    const want = opts.task.trim().toUpperCase();
    const id = /^T-\d+$/.test(want) ? want : /^\d+$/.test(want) ? `T-${want.padStart(3, '0')}` : want;
    if (!byId.has(id)) {
      const known = graph.order.join(', ') || 'none';
      throw new UsageError(`no task ${escapeControl(opts.task)} in ${model.filePath}`, `Pick one of its tasks: ${known}.`);
    }
    order = [id];
  }
  const deps = new Map(graph.tasks.map((t) => [t.id, t.dependencies]));
  const options = commandOptions(config);
  const allowShell = Boolean(opts.allowShell);
  const tasks: PlannedTask[] = [];
  for (const id of order) {
    const t = byId.get(id)!;
    const found = t.doneCondition ? await doneConditionCommands(model, t, options) : [];
    const commands: PlannedCommand[] = found.map((c) => {
      const d = verifyDecision(c);
      const one = c.direct && c.direct.length === 1 && c.direct[0]!.cd === null ? c.direct[0]! : null;
      const argv = d.action === 'run' ? (one ? one.argv : []) : d.action === 'shell' && allowShell ? ['sh', '-c', c.text] : [];
      return { text: escapeControl(c.text), raw: c.text, argv, env: one ? one.env : {}, needsShell: d.action === 'shell', action: d.action, why: d.why, steps: d.action === 'run' ? c.direct : null };
    });
    let notRunnable: string | null = null;
    let refused: string | null = null;
    const bad = commands.find((c) => c.action === 'refuse');
    if (bad) refused = `\`${bad.text}\` ${bad.why}: a terminal would show it as something other than what runs`;
    else if (!t.doneCondition) notRunnable = 'no done condition';
    else if (commands.length === 0) notRunnable = 'the done condition names no command';
    else {
      const runnable = commands.filter((c) => c.action === 'run' || (c.action === 'shell' && allowShell));
      const shell = commands.find((c) => c.action === 'shell' && !allowShell);
      if (shell) notRunnable = `\`${shell.text}\` ${shell.why.replace(/^it /, '')} (pass --allow-shell to run it with sh -c)`;
      else if (runnable.length === 0) notRunnable = `\`${commands[0]!.text}\` is not run: ${commands[0]!.why}`;
    }
    tasks.push({ id, title: escapeControl(t.title), dependencies: opts.task ? [] : deps.get(id) ?? [], commands, notRunnable, refused });
  }
  const { env, withheld } = commandEnvironment(opts.baseEnv ?? process.env, opts.passEnv);
  return { spec: model.filePath, cwd: opts.cwd, timeoutSeconds: opts.timeoutSeconds ?? 300, tasks, env, withheld };
}

/** Whether a command line needs a shell, by the command model (kept for callers of the old helper). */
export async function needsShell(text: string): Promise<boolean> {
  const { analyzeCommand } = await import('../command/index.js');
  const info = await analyzeCommand(text, { docker: { enabled: true }, checks: [], stateChanging: [] });
  return info.direct === null;
}

/** Quotes an argv for display the way a POSIX shell would read it back. */
export function shellQuote(argv: readonly string[]): string {
  return argv
    .map((a) => {
      if (a !== '' && /^[\w@%+=:,./-]+$/.test(a)) return a;
      if (!a.includes("'")) return `'${a}'`;
      if (!/["$`\\!]/.test(a)) return `"${a}"`;
      return `'${a.replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}

/** How one step is shown before running: exactly what will be executed (and where). */
function displayArgv(argv: readonly string[], env: Record<string, string>, cwd: string | null): string {
  const e = Object.entries(env).map(([k, v]) => `${k}=${shellQuote([v])}`);
  const where = cwd && cwd !== '.' ? `  (in ${cwd}/)` : '';
  return escapeControl([...e, shellQuote(argv)].join(' ')) + where;
}

/** How a planned command is shown before running: exactly what will be executed. */
export function displayCommand(c: PlannedCommand): string {
  if (c.steps && !(c.steps.length === 1 && c.steps[0]!.cd === null)) {
    return c.steps.map((st) => (st.cd !== null ? `cd ${shellQuote([st.cd])}` : displayArgv(st.argv, st.env, null))).join(' && ');
  }
  return displayArgv(c.argv, c.env, null);
}

/** The plan, as shown before asking. */
export function formatPlan(plan: VerifyPlan): string {
  const runnable = plan.tasks.filter((t) => !t.notRunnable && !t.refused);
  const n = runnable.reduce((s, t) => s + t.commands.filter((c) => c.argv.length > 0 || c.steps).length, 0);
  const lines = [
    `${plan.spec}: ${plan.tasks.length} task${plan.tasks.length === 1 ? '' : 's'}, ${n} command${n === 1 ? '' : 's'} to run in ${plan.cwd} (timeout ${plan.timeoutSeconds}s each, no shell unless shown):`,
  ];
  if (plan.withheld.length) {
    lines.push(`  environment: ${plan.withheld.length} variable${plan.withheld.length === 1 ? '' : 's'} withheld as secrets (${plan.withheld.map(escapeControl).join(', ')}); pass one with --pass-env NAME`);
  }
  for (const t of plan.tasks) {
    lines.push(`  ${t.id}  ${t.title}${t.dependencies.length ? `  (after ${t.dependencies.join(', ')})` : ''}`);
    if (t.refused || t.notRunnable) {
      lines.push(`        ${t.refused ? `refused: ${t.refused}` : `not runnable: ${t.notRunnable}`}`);
      for (const c of t.commands) lines.push(`        · ${c.text}`);
      continue;
    }
    for (const c of t.commands) {
      if (c.argv.length === 0 && !c.steps) {
        lines.push(`        · ${c.text}  (not run: ${c.why})`);
        continue;
      }
      lines.push(`        $ ${displayCommand(c)}`);
      if (c.needsShell) lines.push(`          ↑ runs through a shell: the text \`${c.text}\` from the spec`);
    }
  }
  return lines.join('\n') + '\n';
}

export interface RunOptions {
  io: Io;
  /** Stream each command's output (default true); otherwise print it only when the command fails. */
  showOutput?: boolean;
  /** Grace period between SIGTERM and SIGKILL on timeout. */
  killGraceMs?: number;
}

/** Runs one command without a shell; resolves when it exits (or is killed). */
export function runCommand(
  c: { text: string; argv: readonly string[]; env: Record<string, string> },
  cwd: string,
  timeoutSeconds: number,
  io: Io,
  showOutput: boolean,
  signal: { interrupted: boolean; kill?: () => void },
  killGraceMs = 2000,
  baseEnv: Record<string, string> = process.env as Record<string, string>,
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const captured: string[] = [];
    let capturedLen = 0;
    const sink = (write: (s: string) => void) => (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      if (showOutput) write(s);
      else {
        captured.push(s);
        capturedLen += s.length;
        while (capturedLen > 16_000 && captured.length > 1) capturedLen -= captured.shift()!.length;
      }
    };
    const groupKill = process.platform !== 'win32';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(c.argv[0]!, c.argv.slice(1), {
        cwd,
        env: { ...baseEnv, ...c.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: groupKill,
      });
    } catch (err) {
      resolvePromise({ text: c.text, exitCode: null, signal: null, timedOut: false, error: (err as Error).message, ms: Date.now() - started });
      return;
    }
    let timedOut = false;
    let spawnError: string | null = null;
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (groupKill && child.pid) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // already gone
      }
    };
    let hardKill: NodeJS.Timeout | undefined;
    const terminate = () => {
      kill('SIGTERM');
      hardKill = setTimeout(() => kill('SIGKILL'), killGraceMs);
      hardKill.unref();
    };
    signal.kill = terminate;
    const timer = setTimeout(() => {
      timedOut = true;
      terminate();
    }, timeoutSeconds * 1000);
    child.stdout!.on('data', sink(io.out));
    child.stderr!.on('data', sink(io.err));
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err.code === 'ENOENT' ? `${escapeControl(c.argv[0] ?? '')}: command not found` : err.message;
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      if (hardKill) clearTimeout(hardKill);
      signal.kill = undefined;
      const failed = spawnError !== null || timedOut || code !== 0;
      if (failed && !showOutput && captured.length) {
        io.out(captured.join(''));
        if (!captured[captured.length - 1]!.endsWith('\n')) io.out('\n');
      }
      resolvePromise({ text: c.text, exitCode: code, signal: sig, timedOut, error: spawnError, ms: Date.now() - started });
    });
  });
}

function describeFailure(r: CommandResult, timeoutSeconds: number): string {
  if (r.error) return `\`${r.text}\`: ${r.error}`;
  if (r.timedOut) return `\`${r.text}\` timed out after ${timeoutSeconds}s`;
  if (r.signal) return `\`${r.text}\` was killed by ${r.signal}`;
  return `\`${r.text}\` exited with ${r.exitCode}`;
}

/** Whether `dir` (absolute) is inside `root`, following symbolic links. */
function insideRoot(root: string, dir: string): boolean {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(dir);
    realRoot = realpathSync(root);
  } catch {
    return true; // a missing directory: the step fails on its own
  }
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Runs one planned command: its steps without a shell (a `cd` chain step by step), or its argv. */
async function runPlanned(
  c: PlannedCommand,
  plan: VerifyPlan,
  io: Io,
  showOutput: boolean,
  signal: { interrupted: boolean; kill?: () => void },
  killGraceMs: number | undefined,
): Promise<CommandResult> {
  if (!c.steps) return runCommand({ text: c.raw, argv: c.argv, env: c.env }, plan.cwd, plan.timeoutSeconds, io, showOutput, signal, killGraceMs, plan.env);
  const started = Date.now();
  let dir = plan.cwd;
  let last: CommandResult = { text: c.raw, exitCode: 0, signal: null, timedOut: false, error: null, ms: 0 };
  for (const st of c.steps) {
    if (st.afterSuccess && (last.exitCode !== 0 || last.error || last.timedOut)) continue;
    if (st.cd !== null) {
      const next = resolve(dir, st.cd);
      if (!insideRoot(plan.cwd, next)) {
        return { text: c.raw, exitCode: null, signal: null, timedOut: false, error: `cd ${escapeControl(st.cd)}: outside the repository, not run`, ms: Date.now() - started };
      }
      if (!existsSync(next) || !statSync(next).isDirectory()) {
        last = { text: c.raw, exitCode: 1, signal: null, timedOut: false, error: `cd ${escapeControl(st.cd)}: no such directory`, ms: 0 };
        continue;
      }
      dir = next;
      last = { text: c.raw, exitCode: 0, signal: null, timedOut: false, error: null, ms: 0 };
      continue;
    }
    last = await runCommand({ text: c.raw, argv: st.argv, env: st.env }, dir, plan.timeoutSeconds, io, showOutput, signal, killGraceMs, plan.env);
    if (signal.interrupted) break;
  }
  return { ...last, text: c.raw, ms: Date.now() - started };
}

/**
 * Runs the plan; dependents of a task that did not pass are skipped. Ctrl-C stops the command and throws.
 */
export async function runPlan(plan: VerifyPlan, opts: RunOptions): Promise<TaskResult[]> {
  const { io } = opts;
  const showOutput = opts.showOutput ?? true;
  const outcome = new Map<string, TaskOutcome>();
  const results: TaskResult[] = [];
  const signal: { interrupted: boolean; kill?: () => void } = { interrupted: false };
  const onSigint = () => {
    signal.interrupted = true;
    signal.kill?.();
  };
  const WHY: Record<TaskOutcome, string> = { pass: 'passed', fail: 'failed', skipped: 'was skipped', 'not-runnable': 'is not runnable', refused: 'was refused' };
  process.on('SIGINT', onSigint);
  try {
    for (const t of plan.tasks) {
      const blocked = t.dependencies.find((d) => outcome.has(d) && outcome.get(d) !== 'pass');
      if (blocked) {
        outcome.set(t.id, 'skipped');
        results.push({ id: t.id, title: t.title, outcome: 'skipped', detail: `depends on ${blocked}, which ${WHY[outcome.get(blocked)!]}`, commands: [], ms: 0 });
        continue;
      }
      if (t.refused) {
        outcome.set(t.id, 'refused');
        results.push({ id: t.id, title: t.title, outcome: 'refused', detail: t.refused, commands: [], ms: 0 });
        continue;
      }
      if (t.notRunnable) {
        outcome.set(t.id, 'not-runnable');
        results.push({ id: t.id, title: t.title, outcome: 'not-runnable', detail: t.notRunnable, commands: [], ms: 0 });
        continue;
      }
      const commands: CommandResult[] = [];
      let detail = '';
      for (const c of t.commands) {
        if (c.argv.length === 0 && !c.steps) continue; // not a check: shown in the plan, never run
        io.out(`▶ ${t.id}  $ ${displayCommand(c)}\n`);
        const r = await runPlanned(c, plan, io, showOutput, signal, opts.killGraceMs);
        commands.push(r);
        if (signal.interrupted) throw new InterruptError(`interrupted while running \`${c.text}\` (${t.id})`);
        if (r.error || r.timedOut || r.exitCode !== 0) {
          detail = describeFailure({ ...r, text: c.text }, plan.timeoutSeconds);
          break;
        }
      }
      const o: TaskOutcome = detail ? 'fail' : 'pass';
      outcome.set(t.id, o);
      results.push({ id: t.id, title: t.title, outcome: o, detail, commands, ms: commands.reduce((s, r) => s + r.ms, 0) });
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  return results;
}

const LABEL: Record<TaskOutcome, string> = { pass: 'pass', fail: 'FAIL', 'not-runnable': 'not runnable', refused: 'REFUSED', skipped: 'skipped' };

/** The summary table (a detail line under each task that did not pass) and the counts. */
export function formatSummary(results: readonly TaskResult[]): string {
  const rows = results.map((r) => [r.id, LABEL[r.outcome], r.outcome === 'pass' || r.outcome === 'fail' ? `${(r.ms / 1000).toFixed(1)}s` : '', r.title]);
  const head = ['Task', 'Result', 'Time', 'Title'];
  const widths = [0, 1, 2].map((i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
  const indent = ' '.repeat(widths[0]! + widths[1]! + widths[2]! + 6);
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)).concat('-----'))];
  results.forEach((r, i) => {
    out.push(line(rows[i]!));
    if (r.detail) out.push(`${indent}${r.detail}`);
  });
  const count = (o: TaskOutcome) => results.filter((r) => r.outcome === o).length;
  const parts = [`${count('pass')} passed`, `${count('fail')} failed`];
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  if (count('not-runnable')) parts.push(`${count('not-runnable')} not runnable`);
  if (count('refused')) parts.push(`${count('refused')} refused`);
  out.push('', parts.join(', '));
  return out.join('\n') + '\n';
}

/**
 * Exit code of a verify run: 1 when a task failed, was refused, or was skipped (a dependency did not pass);
 * a task that is not runnable by itself (a manual check, no command) does not fail the run.
 */
export function verifyExitCode(results: readonly TaskResult[]): number {
  return results.some((r) => r.outcome === 'fail' || r.outcome === 'skipped' || r.outcome === 'refused') ? 1 : 0;
}

export interface VerifyOptions extends PlanOptions {
  io: Io;
  /** Run without asking. */
  yes?: boolean;
  showOutput?: boolean;
  killGraceMs?: number;
}

/**
 * Shows the plan, asks (unless `yes`), runs it. A non-interactive session without `yes` is a usage error;
 * a refusal at the prompt resolves to null.
 */
export async function verifySpec(model: SpecModel, config: EffectiveConfig, opts: VerifyOptions): Promise<TaskResult[] | null> {
  const plan = await planVerify(model, config, opts);
  if (plan.tasks.length === 0) return [];
  const toRun = plan.tasks.filter((t) => !t.notRunnable && !t.refused).reduce((s, t) => s + t.commands.filter((c) => c.argv.length > 0 || c.steps).length, 0);
  opts.io.out(formatPlan(plan));
  if (toRun > 0 && !opts.yes) {
    if (!opts.io.interactive) {
      throw new UsageError(
        'this session is not interactive, so nobody can approve the commands shown above: pass --yes to run them',
        'Read the commands first; --yes runs them without asking (e.g. on CI).',
      );
    }
    if (!(await confirm(opts.io, 'Run these commands?'))) return null;
  }
  opts.io.out('\n');
  return runPlan(plan, { io: opts.io, showOutput: opts.showOutput, killGraceMs: opts.killGraceMs });
}
