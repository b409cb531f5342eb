/**
 * `--exec` with bounds. PGlite runs in-process as WebAssembly and honours neither `statement_timeout` nor a
 * memory limit (measured: `SET statement_timeout = 1000; SELECT pg_sleep(3)` returns after 3 s, a PL/pgSQL
 * loop runs to its end), and a statement running inside it blocks its thread. So the executor (exec.ts) runs
 * in a worker thread of its own, which this module can terminate:
 *
 *   - each statement has a time limit (`execLimits.statementSeconds`): the worker says which statement it
 *     starts, and when one runs longer, the worker is terminated and the statement gets the finding;
 *   - the process's memory may grow by at most `execLimits.memoryMB` while PGlite works (its WebAssembly
 *     memory and in-memory files are outside any V8 heap limit, so the resident size is watched);
 *   - the whole `--exec` phase has a budget (`execLimits.totalSeconds`): once spent, the running statement
 *     gets the finding and the later specs are not executed (each says so once).
 *
 * After a termination the next spec starts a new worker (from the cached data directory). A worker that dies
 * on its own (PGlite aborting) is reported the same way, at the statement it was running.
 *
 * This module is also the worker's entry point (built: dist/sql/exec-bounded.js). Without a build (the
 * TypeScript sources under a test runner) `createBoundedExecutor` runs the executor in this thread, unbounded.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { builtPath, isBuilt } from '../package-root.js';
import type { BaselineProblem, ExecFinding, ExecutorOptions, MigrationExecutor, RunSpecOptions, SpecMigrationInput, StatementProgress } from './exec.js';

const WORKER_KIND = 'spec-exec-worker/1';

export interface ExecLimits {
  /** Longest a single statement may run, in seconds. */
  statementSeconds: number;
  /** Longest the whole --exec phase (every spec of the run, PGlite starts included) may take, in seconds. */
  totalSeconds: number;
  /** How much the process's resident memory may grow while PGlite works, in MB. */
  memoryMB: number;
}

export const DEFAULT_EXEC_LIMITS: ExecLimits = { statementSeconds: 5, totalSeconds: 300, memoryMB: 1024 };

type ToWorker =
  | { type: 'start'; options: Omit<ExecutorOptions, 'onStatement'> }
  | { type: 'run'; id: number; migrations: SpecMigrationInput[]; denied: string[] }
  | { type: 'close' };

type FromWorker =
  | { type: 'started'; baselineProblems: BaselineProblem[] }
  | { type: 'start-failed'; message: string }
  | { type: 'progress'; at: StatementProgress }
  | { type: 'done'; id: number; findings: ExecFinding[] }
  | { type: 'failed'; id: number; message: string }
  | { type: 'closed' };

/** The built worker script, or null when running from the TypeScript sources without a build. */
function workerScript(): string | null {
  const built = builtPath('sql', 'exec-bounded.js');
  return isBuilt || existsSync(built) ? built : null;
}

// ----- the worker side ------------------------------------------------------------------------------------

if (!isMainThread && parentPort && (workerData as { kind?: string } | null)?.kind === WORKER_KIND) {
  const port = parentPort;
  let executor: MigrationExecutor | null = null;
  const send = (m: FromWorker) => port.postMessage(m);
  port.on('message', (msg: ToWorker) => {
    void (async () => {
      if (msg.type === 'start') {
        try {
          const { createExecutor } = await import('./exec.js');
          executor = await createExecutor({ ...msg.options, onStatement: (at) => send({ type: 'progress', at }) });
          send({ type: 'started', baselineProblems: [...executor.baselineProblems] });
        } catch (err) {
          send({ type: 'start-failed', message: (err as Error)?.message ?? String(err) });
        }
      } else if (msg.type === 'run') {
        try {
          const denied = new Set(msg.denied);
          const findings = await executor!.runSpec(msg.migrations, { mayStub: (schema, table) => !denied.has(`${schema}.${table}`) });
          send({ type: 'done', id: msg.id, findings });
        } catch (err) {
          send({ type: 'failed', id: msg.id, message: (err as Error)?.message ?? String(err) });
        }
      } else if (msg.type === 'close') {
        await executor?.close().catch(() => undefined);
        send({ type: 'closed' });
      }
    })();
  });
}

// ----- the main side --------------------------------------------------------------------------------------

/** Why a worker was stopped: the finding for the statement it was running. */
type Stop = { reason: 'statement' | 'memory' | 'total' | 'died'; detail?: string };

class BoundedExecutor implements MigrationExecutor {
  baselineProblems: BaselineProblem[] = [];
  private worker: Worker | null = null;
  private started: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** When the phase began (its budget is read from `limits` at each check). */
  private readonly begun = Date.now();
  private spent = false;
  private closed = false;
  private baselineKnown = false;

  constructor(
    private readonly script: string,
    private readonly options: Omit<ExecutorOptions, 'onStatement'>,
    private readonly limits: ExecLimits,
  ) {}

  private get deadline(): number {
    return this.begun + this.limits.totalSeconds * 1000;
  }

  /** Starts a worker and waits for its baseline; rejects when it cannot start (or a bound stops it). */
  start(): Promise<void> {
    this.started ??= this.spawn().catch((err) => {
      this.started = null;
      throw err;
    });
    return this.started;
  }

  private spawn(): Promise<void> {
    const worker = new Worker(this.script, { workerData: { kind: WORKER_KIND }, stdout: false, stderr: false });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let last: StatementProgress | null = null;
      // (loading PGlite itself takes a few hundred MB: the memory bound starts with the spec's statements)
      const watch = this.watchdog(worker, (stop) => reject(new Error(this.describe(stop, last))), false);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'progress') {
          last = m.at;
          watch.statement(m.at);
        } else if (m.type === 'started') {
          watch.stop();
          if (!this.baselineKnown) this.baselineProblems = m.baselineProblems;
          this.baselineKnown = true;
          resolve();
        } else if (m.type === 'start-failed') {
          watch.stop();
          void worker.terminate();
          reject(new Error(m.message));
        }
      });
      worker.postMessage({ type: 'start', options: this.options } satisfies ToWorker);
    });
  }

  /**
   * Watches a worker: the current statement's time, the process's memory, the phase's deadline, the
   * worker's exit. `onStop` is called once, after the worker is terminated.
   */
  private watchdog(worker: Worker, onStop: (s: Stop) => void, watchMemory = true) {
    const baseRss = process.memoryUsage.rss();
    // armed while a migration statement runs (the database's start and its own queries have the phase's bound)
    let statementStart: number | null = null;
    let stopped = false;
    const onError = (err: Error) => stop({ reason: 'died', detail: err.message });
    const onExit = (code: number) => stop({ reason: 'died', detail: `exit code ${code}` });
    const release = () => {
      stopped = true;
      clearInterval(timer);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const stop = (s: Stop) => {
      if (stopped) return;
      release();
      if (s.reason === 'total') this.spent = true;
      if (this.worker === worker) {
        this.worker = null;
        this.started = null;
      }
      void worker.terminate().finally(() => onStop(s));
    };
    const timer = setInterval(() => {
      const now = Date.now();
      if (now > this.deadline) stop({ reason: 'total' });
      else if (statementStart !== null && now - statementStart > this.limits.statementSeconds * 1000) stop({ reason: 'statement' });
      else if (watchMemory && process.memoryUsage.rss() - baseRss > this.limits.memoryMB * 2 ** 20) stop({ reason: 'memory' });
    }, 50);
    timer.unref?.();
    worker.on('error', onError);
    worker.on('exit', onExit);
    return {
      statement: (at: StatementProgress) => {
        statementStart = at.phase === 'internal' ? null : Date.now();
      },
      stop: release,
    };
  }

  private describe(stop: Stop, at: StatementProgress | null): string {
    const what =
      at && at.phase === 'baseline' && at.path
        ? `a statement of the existing migration \`${at.path}\``
        : at && at.phase !== 'internal'
          ? 'this statement'
          : "the embedded PostgreSQL's own work (its start, or a catalog query)";
    switch (stop.reason) {
      case 'statement':
        return `${what} did not finish within ${this.limits.statementSeconds} s (execLimits.statementSeconds in spec.config.json) and was stopped — a loop that never ends, pg_sleep, or a very large query?`;
      case 'memory':
        return `while ${what} ran, memory grew by more than ${this.limits.memoryMB} MB (execLimits.memoryMB in spec.config.json) and it was stopped — a very large CREATE TABLE … AS or INSERT?`;
      case 'total':
        return `the --exec phase used its whole budget of ${this.limits.totalSeconds} s (execLimits.totalSeconds in spec.config.json) while ${what} ran, and it was stopped`;
      default:
        return `the embedded PostgreSQL stopped while ${what} ran (${stop.detail ?? 'it exited'})`;
    }
  }

  runSpec(migrations: SpecMigrationInput[], options: RunSpecOptions = {}): Promise<ExecFinding[]> {
    const run = this.queue.then(() => this.runSpecNow(migrations, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private nextId = 0;

  private async runSpecNow(migrations: SpecMigrationInput[], options: RunSpecOptions): Promise<ExecFinding[]> {
    if (this.closed) throw new Error('the embedded PostgreSQL instance is closed');
    const budget = (index: number): ExecFinding[] => [
      {
        migration: index,
        line: 1,
        column: 1,
        message: `not executed: the --exec phase already used its whole budget of ${this.limits.totalSeconds} s (execLimits.totalSeconds in spec.config.json)`,
        key: 'exec:budget',
      },
    ];
    if (migrations.length === 0) return [];
    if (this.spent || Date.now() > this.deadline) {
      this.spent = true;
      return budget(0);
    }
    try {
      await this.start();
    } catch (err) {
      if (this.spent) return budget(0);
      throw err;
    }
    const worker = this.worker!;
    // the stand-ins the schema model refuses travel as names (a function cannot cross threads)
    const denied: string[] = [];
    if (options.mayStub) {
      const { foreignKeyTargets } = await import('./exec.js');
      for (const t of foreignKeyTargets(migrations.flatMap((m) => m.upStatements ?? [])).targets) if (!options.mayStub(t.schema, t.table)) denied.push(`${t.schema}.${t.table}`);
    }
    const id = ++this.nextId;
    return new Promise<ExecFinding[]>((resolve, reject) => {
      // the statement running, else the last one that ran (a failure in the bookkeeping after it is its doing)
      let last: StatementProgress | null = null;
      const onMessage = (m: FromWorker) => {
        if (m.type === 'progress') {
          if (m.at.phase !== 'internal' || last === null || last.phase === 'internal') last = m.at;
          watch.statement(m.at);
        } else if (m.type === 'done' && m.id === id) {
          finish();
          resolve(m.findings);
        } else if (m.type === 'failed' && m.id === id) {
          // PGlite itself failed (not an SQL error: e.g. `ERRORDATA_STACK_SIZE exceeded` after COPY … FROM
          // PROGRAM): its instance is not usable any more, so the worker goes and the next spec gets a new one
          finish();
          if (this.worker === worker) {
            this.worker = null;
            this.started = null;
          }
          void worker.terminate();
          const at = last;
          if (at && at.migration !== null && at.phase !== 'internal') {
            resolve([{ migration: at.migration, line: at.line, column: at.column, message: `${at.phase === 'up' ? 'Up' : 'Down'} fails in embedded PostgreSQL: the database broke down when it ran this statement (${m.message})`, key: 'exec:crash' }]);
          } else {
            resolve([{ migration: 0, line: 1, column: 1, message: `the embedded PostgreSQL failed while running this spec's migrations (${m.message})`, key: 'exec:crash' }]);
          }
        }
      };
      const finish = () => {
        watch.stop();
        worker.off('message', onMessage);
      };
      const watch = this.watchdog(worker, (stop) => {
        worker.off('message', onMessage);
        const at = last;
        const message = this.describe(stop, at);
        if (at && at.migration !== null && at.phase !== 'internal') {
          const dir = at.phase === 'up' ? 'Up' : 'Down';
          resolve([{ migration: at.migration, line: at.line, column: at.column, message: `${dir} stopped in embedded PostgreSQL: ${message}`, key: `exec:bound:${stop.reason}` }]);
        } else {
          resolve([{ migration: 0, line: 1, column: 1, message, key: `exec:bound:${stop.reason}` }]);
        }
      });
      worker.on('message', onMessage);
      worker.postMessage({ type: 'run', id, migrations, denied } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => void w.terminate().finally(resolve), 5000);
      t.unref?.();
      w.on('message', (m: FromWorker) => {
        if (m.type === 'closed') {
          clearTimeout(t);
          void w.terminate().finally(resolve);
        }
      });
      w.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
      w.postMessage({ type: 'close' } satisfies ToWorker);
    });
  }
}

/**
 * The executor for `--exec`: in a worker thread with the bounds above when the code is built, else (the
 * TypeScript sources) in this thread without them. Rejects when the database cannot start.
 */
export async function createBoundedExecutor(options: Omit<ExecutorOptions, 'onStatement'>, limits: ExecLimits = DEFAULT_EXEC_LIMITS): Promise<MigrationExecutor> {
  const script = workerScript();
  if (!script || process.env.SPEC_EXEC_IN_THREAD === '1') {
    const { createExecutor } = await import('./exec.js');
    return createExecutor(options);
  }
  const ex = new BoundedExecutor(script, options, limits);
  try {
    await ex.start();
  } catch (err) {
    await ex.close();
    throw err;
  }
  return ex;
}
