/**
 * `spec verify`: run each task's done-condition commands in the repository, in dependency order, and report
 * per task pass / fail / not runnable / skipped.
 *
 * - The commands are the ones the spec model found in the done condition (inline code that starts with a
 *   known program), not inline code that quotes values.
 * - Each command runs with `child_process.spawn` of its argv — no shell. `VAR=value` prefixes become
 *   environment variables. A command that needs a shell (a pipe, `&&`, `;`, a redirect, `$VAR`, a glob …
 *   outside quotes) is not run: its task is reported "not runnable", unless `--allow-shell` is given, in
 *   which case it runs as `sh -c '<text>'` and the plan shows exactly that before asking.
 * - Every command has a timeout; the process group is killed when it expires (the command fails).
 * - A task's commands stop at the first failure; dependents of a failed (or skipped) task are skipped.
 */
import { spawn } from 'node:child_process';
import type { SpecModel } from '../model/types.js';
import type { EffectiveConfig } from '../lint/config.js';
import { InterruptError, UsageError } from '../errors.js';
import { buildTaskGraph } from './graph.js';
import type { Io } from './io.js';
import { confirm } from './io.js';

export type TaskOutcome = 'pass' | 'fail' | 'not-runnable' | 'skipped';

export interface PlannedCommand {
  /** As written in the spec. */
  text: string;
  /** What is executed: the program and its arguments (for a shell command: `sh`, `-c`, text). */
  argv: string[];
  /** Environment variables from `VAR=value` prefixes. */
  env: Record<string, string>;
  /** Whether the command needs a shell. */
  needsShell: boolean;
}

export interface PlannedTask {
  id: string;
  title: string;
  dependencies: string[];
  commands: PlannedCommand[];
  /** Set when the task cannot be run (no command, a shell command without --allow-shell). */
  notRunnable: string | null;
}

export interface VerifyPlan {
  spec: string;
  cwd: string;
  timeoutSeconds: number;
  tasks: PlannedTask[];
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
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Whether a command line needs a shell: an operator, redirect, substitution, expansion or glob outside
 * quotes. Quoted text (`-run 'TestA|TestB'`) is an argument, not an operator.
 */
export function needsShell(text: string): boolean {
  let quote: '"' | "'" | null = null;
  let wordStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
      else if (c === '$' || c === '`') return true;
      continue;
    }
    if (c === '\\') {
      i++;
      wordStart = false;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      wordStart = false;
      continue;
    }
    if ('|&;<>`$(){}'.includes(c)) return true;
    if (c === '*' || c === '?') return true;
    if ((c === '~' || c === '#') && wordStart) return true;
    if (c === '[' && !(wordStart && (text[i + 1] === undefined || /\s/.test(text[i + 1]!)))) return true;
    wordStart = /\s/.test(c);
  }
  return false;
}

function planCommand(text: string, argv: readonly string[], allowShell: boolean): PlannedCommand {
  if (needsShell(text)) {
    return { text, argv: allowShell ? ['sh', '-c', text] : [], env: {}, needsShell: true };
  }
  const env: Record<string, string> = {};
  let i = 0;
  while (i < argv.length - 1 && ENV_ASSIGNMENT.test(argv[i]!)) {
    const eq = argv[i]!.indexOf('=');
    env[argv[i]!.slice(0, eq)] = argv[i]!.slice(eq + 1);
    i++;
  }
  return { text, argv: argv.slice(i), env, needsShell: false };
}

/** The commands verify would run, in dependency order. */
export function planVerify(model: SpecModel, config: EffectiveConfig, opts: PlanOptions): VerifyPlan {
  const graph = buildTaskGraph(model, config);
  const byId = new Map(model.tasks.map((t) => [t.id, t] as const));
  let order = graph.order;
  if (opts.task) {
    const want = opts.task.trim().toUpperCase();
    const id = /^T-\d+$/.test(want) ? want : /^\d+$/.test(want) ? `T-${want.padStart(3, '0')}` : want;
    if (!byId.has(id)) {
      const known = graph.order.join(', ') || 'none';
      throw new UsageError(`no task ${opts.task} in ${model.filePath}`, `Pick one of its tasks: ${known}.`);
    }
    order = [id];
  }
  const deps = new Map(graph.tasks.map((t) => [t.id, t.dependencies]));
  const tasks: PlannedTask[] = order.map((id) => {
    const t = byId.get(id)!;
    const commands = (t.doneCondition?.commands ?? []).map((c) => planCommand(c.text, c.argv, Boolean(opts.allowShell)));
    let notRunnable: string | null = null;
    if (!t.doneCondition) notRunnable = 'no done condition';
    else if (commands.length === 0) notRunnable = 'the done condition names no command';
    else {
      const shell = commands.find((c) => c.needsShell && c.argv.length === 0);
      if (shell) notRunnable = `\`${shell.text}\` needs a shell (pass --allow-shell to run it with sh -c)`;
    }
    return { id, title: t.title, dependencies: opts.task ? [] : deps.get(id) ?? [], commands, notRunnable };
  });
  return { spec: model.filePath, cwd: opts.cwd, timeoutSeconds: opts.timeoutSeconds ?? 300, tasks };
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

/** How a planned command is shown before running: exactly what will be executed. */
export function displayCommand(c: PlannedCommand): string {
  const env = Object.entries(c.env).map(([k, v]) => `${k}=${shellQuote([v])}`);
  return [...env, shellQuote(c.argv)].join(' ');
}

/** The plan, as shown before asking. */
export function formatPlan(plan: VerifyPlan): string {
  const runnable = plan.tasks.filter((t) => !t.notRunnable);
  const n = runnable.reduce((s, t) => s + t.commands.length, 0);
  const lines = [
    `${plan.spec}: ${plan.tasks.length} task${plan.tasks.length === 1 ? '' : 's'}, ${n} command${n === 1 ? '' : 's'} to run in ${plan.cwd} (timeout ${plan.timeoutSeconds}s each, no shell):`,
  ];
  for (const t of plan.tasks) {
    lines.push(`  ${t.id}  ${t.title}${t.dependencies.length ? `  (after ${t.dependencies.join(', ')})` : ''}`);
    if (t.notRunnable) {
      lines.push(`        not runnable: ${t.notRunnable}`);
      for (const c of t.commands) lines.push(`        · ${c.text}`);
      continue;
    }
    for (const c of t.commands) {
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
  c: PlannedCommand,
  cwd: string,
  timeoutSeconds: number,
  io: Io,
  showOutput: boolean,
  signal: { interrupted: boolean; kill?: () => void },
  killGraceMs = 2000,
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
        env: { ...process.env, ...c.env },
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
      spawnError = err.code === 'ENOENT' ? `${c.argv[0]}: command not found` : err.message;
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

/** Runs the plan; dependents of failed or skipped tasks are skipped. Ctrl-C stops the command and throws. */
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
  process.on('SIGINT', onSigint);
  try {
    for (const t of plan.tasks) {
      const blocked = t.dependencies.find((d) => outcome.get(d) === 'fail' || outcome.get(d) === 'skipped');
      if (blocked) {
        const why = outcome.get(blocked) === 'fail' ? 'failed' : 'was skipped';
        outcome.set(t.id, 'skipped');
        results.push({ id: t.id, title: t.title, outcome: 'skipped', detail: `depends on ${blocked}, which ${why}`, commands: [], ms: 0 });
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
        io.out(`▶ ${t.id}  $ ${displayCommand(c)}\n`);
        const r = await runCommand(c, plan.cwd, plan.timeoutSeconds, io, showOutput, signal, opts.killGraceMs);
        commands.push(r);
        if (signal.interrupted) throw new InterruptError(`interrupted while running \`${c.text}\` (${t.id})`);
        if (r.error || r.timedOut || r.exitCode !== 0) {
          detail = describeFailure(r, plan.timeoutSeconds);
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

const LABEL: Record<TaskOutcome, string> = { pass: 'pass', fail: 'FAIL', 'not-runnable': 'not runnable', skipped: 'skipped' };

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
  out.push('', parts.join(', '));
  return out.join('\n') + '\n';
}

/** Exit code of a verify run: 0 when nothing failed, 1 otherwise. */
export function verifyExitCode(results: readonly TaskResult[]): number {
  return results.some((r) => r.outcome === 'fail' || r.outcome === 'skipped') ? 1 : 0;
}

export interface VerifyOptions extends PlanOptions {
  io: Io;
  /** Run without asking. */
  yes?: boolean;
  showOutput?: boolean;
}

/**
 * Shows the plan, asks (unless `yes`), runs it. A non-interactive session without `yes` is a usage error;
 * a refusal at the prompt resolves to null.
 */
export async function verifySpec(model: SpecModel, config: EffectiveConfig, opts: VerifyOptions): Promise<TaskResult[] | null> {
  const plan = planVerify(model, config, opts);
  if (plan.tasks.length === 0) return [];
  const toRun = plan.tasks.filter((t) => !t.notRunnable).reduce((s, t) => s + t.commands.length, 0);
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
  return runPlan(plan, { io: opts.io, showOutput: opts.showOutput });
}
