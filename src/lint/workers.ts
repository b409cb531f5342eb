/**
 * Linting many specs: streaming (each spec is read, parsed, linted and released — memory does not grow with
 * the number of specs) and, for large runs, spread over worker threads, one per core. The results are the
 * ones `engine.lintFiles` gives, in the same order: each worker runs the same per-file code (`loadSpec`,
 * `PrdLoader`, `lintModel`) over the same cross-file facts.
 *
 * Cross-spec facts come from a `VersionIndex` (see crossspec.ts) instead of every spec's model: the run
 * reads each spec's text once up front to note the migration versions it could carry, and a spec is parsed
 * a second time only when another spec asks about a version it could hold. A rule that still reads
 * `ctx.run.specs` gets every model, built on first access (correct, but as slow and as large as before).
 *
 * Each result can also record what it depended on (`recordDeps`), for the cache: the PRD it named, the
 * repository paths it asked about, whether it listed the repository, the versions it asked about.
 *
 * This module is itself the worker's entry point: started as a worker with `workerData.kind === WORKER_KIND`
 * it serves lint requests. The engine is imported lazily, so importing this module costs nothing.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, sep } from 'node:path';
import type { EffectiveConfig } from './config.js';
import type { FileResult } from './types.js';
import type { RepoIndex } from './repo.js';
import type { SpecModel } from '../model/types.js';
import type { Rule, RunFacts } from '../rules/types.js';
import { VersionIndex, versionCandidates, type VersionCandidates, type VersionUse } from './crossspec.js';
import { prdFingerprint } from './cache.js';

const WORKER_KIND = 'spec-lint-worker/1';

/** What a result depended on besides its own text, config and the tool (see cache.ts). */
export interface FileDeps {
  /** The PRD path the spec names and its fingerprint (cache.prdFingerprint, taken before it was read); null: none. */
  prd: [string, string] | null;
  /** Repository paths asked about with `repo.exists`, and the answers. */
  exists: Array<[string, boolean]>;
  /** Whether a rule listed every repository file (`repo.files()`). */
  files: boolean;
  /** Migration versions asked about, with the uses the run answered. */
  versions: Array<[string, VersionUse[]]>;
  /** Whether a rule read `run.specs` (every spec of the run). */
  allSpecs: boolean;
}

export interface FileOutcome {
  result: FileResult;
  /** The spec's migration paths (document order), for other specs' version questions. */
  migrationPaths: string[];
  deps?: FileDeps;
  model?: SpecModel;
}

export interface SpecSource {
  /** Absolute path. */
  abs: string;
  /** Repository-relative path, forward slashes. */
  rel: string;
  /** Content to lint instead of the file (staged content). */
  override?: string;
}

/** Everything a worker needs to lint its share of a run; plain data (it is cloned into each worker). */
export interface RunPlan {
  config: EffectiveConfig;
  /** Every spec of the run: the ones to lint first, then the context specs (seen by cross-spec checks only). */
  specs: SpecSource[];
  linted: number;
  candidates: VersionCandidates[];
  repoFiles: string[];
  prdTexts?: Array<[string, string]>;
  exec: boolean;
  keepModels: boolean;
  recordDeps: boolean;
  /** Rule ids to run (default every rule). */
  ruleIds?: string[];
}

export interface LintManyOptions {
  config: EffectiveConfig;
  /** Absolute paths of the specs to lint. */
  files: string[];
  /** Other specs (absolute) seen by cross-spec checks but not linted. */
  contextFiles?: string[];
  contents?: Map<string, string>;
  prdTexts?: Map<string, string>;
  repo: RepoIndex;
  exec?: boolean;
  keepModels?: boolean;
  recordDeps?: boolean;
  /** Run only these rules (in-process only when they are not registered rules). */
  rules?: readonly Rule[];
  /** Worker threads: 0 or 1 lints in this thread; default: one per core for large runs. */
  jobs?: number;
  /** Version candidates per spec (run order: files, then context) when the caller already computed them. */
  candidates?: VersionCandidates[];
  /** Lint only these indices of `files` (the cache's misses); default all. Outcomes of the others are null. */
  only?: number[];
  onProgress?: (done: number, total: number, file: string) => void;
}

/** Entries kept in per-run caches (PRD states; each cache rules keep in `run.shared`) before the oldest go. */
const MAX_KEPT = 64;

/** A deep copy made of fresh strings (structured clone). */
function detach<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Rules keep caches in `run.shared` (goose: parse and analysis per SQL text). A cache that has grown past
 * MAX_KEPT entries is emptied, so memory does not grow with the number of specs; only plain Maps are
 * touched (engine holders with `close()` stay). `run.shared` is scratch space for caches (with workers each
 * thread has its own), so emptying one changes no result.
 */
function boundShared(shared: Map<string, unknown>): void {
  for (const value of shared.values()) if (value instanceof Map && value.size > MAX_KEPT) value.clear();
}

/**
 * Each worker's heap. The young generation (three semi-spaces): parsing allocates many short-lived
 * objects, and 32 MB semi-spaces (twice the default) cut garbage-collection time by about a tenth on the
 * bench corpus. The old generation is capped so that workers stay small (V8 otherwise lets a busy heap
 * grow to several times what is live); a spec too large for it (megabytes of markdown) runs out of memory
 * in the worker and is linted again in the main thread, which has no cap.
 */
const WORKER_LIMITS = {
  maxYoungGenerationSizeMb: envNumber('SPEC_LINT_YOUNG_MB') ?? 96,
  maxOldGenerationSizeMb: envNumber('SPEC_LINT_OLD_MB') ?? 160,
};

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Specs per worker below which a worker costs more (its start-up) than it saves. */
const MIN_SPECS_PER_WORKER = 12;

const toPosix = (p: string) => p.split(sep).join('/');

/** How many workers a run of `count` specs uses when not told. */
export function defaultJobs(count: number): number {
  const env = process.env.SPEC_LINT_JOBS;
  const cores = env && /^\d+$/.test(env) ? Number(env) : Math.min(availableParallelism(), 8);
  return Math.max(0, Math.min(cores, Math.floor(count / MIN_SPECS_PER_WORKER)));
}

/** Reads a spec's text for the version scan (ASCII-exact latin1; a missing file has no candidates). */
export function candidatesOf(source: SpecSource): VersionCandidates {
  if (source.override !== undefined) return versionCandidates(source.override);
  try {
    return versionCandidates(readFileSync(source.abs, 'latin1'));
  } catch {
    return [];
  }
}

// ----- one session: the per-file loop, in a worker or in this thread ---------------------------------------

interface Session {
  lint(index: number): Promise<FileOutcome>;
  close(): Promise<void>;
}

async function createSession(plan: RunPlan, repoIn?: RepoIndex, rulesIn?: readonly Rule[]): Promise<Session> {
  const engine = await import('./engine.js');
  const { createRepoIndex } = await import('./repo.js');
  const { config } = plan;
  const repo = repoIn ?? createRepoIndex(config.root, plan.repoFiles);
  let rules: readonly Rule[] | undefined = rulesIn;
  if (!rules && plan.ruleIds) {
    const { rulesById } = await import('../rules/index.js');
    rules = plan.ruleIds.map((id) => rulesById.get(id)).filter((r): r is Rule => r !== undefined);
  }
  const prdTexts = plan.prdTexts ? new Map(plan.prdTexts) : undefined;
  // PRD states and fingerprints, a bounded number at a time (a run of 10,000 specs does not keep 10,000 PRD
  // models), keyed by copies of the paths (a slice would keep the spec's whole text alive)
  type PrdState = ReturnType<InstanceType<typeof engine.PrdLoader>['load']>;
  const prdKept = new Map<string, { state?: PrdState; print?: string }>();
  const prdSlot = (p: string) => {
    let slot = prdKept.get(p);
    if (slot) {
      prdKept.delete(p);
    } else {
      slot = {};
      if (prdKept.size >= MAX_KEPT) prdKept.delete(prdKept.keys().next().value as string);
      p = detach(p);
    }
    prdKept.set(p, slot);
    return slot;
  };
  const loadPrd = (p: string | null): PrdState => {
    if (p === null) return new engine.PrdLoader(repo, prdTexts).load(null);
    const slot = prdSlot(p);
    return (slot.state ??= new engine.PrdLoader(repo, prdTexts).load(detach(p)));
  };
  const prdPrint = (p: string): string => {
    const slot = prdSlot(p);
    return (slot.print ??= prdFingerprint(repo, p, prdTexts));
  };
  const load = (i: number): SpecModel => {
    const s = plan.specs[i]!;
    return engine.loadSpec(s.abs, s.rel, s.override);
  };
  // copies, not slices of the spec's text: a kept substring would keep the whole text alive
  const pathsOf = (m: SpecModel): string[] => detach(m.migrations.map((x) => x.path).filter((p): p is string => p !== null));
  const index = new VersionIndex(
    plan.specs.map((s) => s.rel),
    plan.candidates,
    (i) => pathsOf(load(i)),
  );
  let current: FileDeps | undefined;
  let allModels: SpecModel[] | undefined;
  let currentModel: { index: number; model: SpecModel } | undefined;
  // the engine's facts (existing migrations and their sources for --exec, scratch space), with `specs`
  // built lazily and version questions answered by the index
  const run: RunFacts = Object.defineProperty(
    {
      ...engine.runFacts(repo, config, [], plan.exec),
      migrationsWithVersion(version: string) {
        const uses = index.uses(version);
        if (current) current.versions.push([version, uses]);
        return uses;
      },
    },
    'specs',
    {
      enumerable: true,
      get(): readonly SpecModel[] {
        if (current) current.allSpecs = true;
        // Built once, on first access: the models of every spec of the run (the one being linted is the
        // same object as ctx.spec, as in engine.lintFiles).
        if (!allModels) allModels = plan.specs.map((_, i) => (currentModel?.index === i ? currentModel.model : load(i)));
        else if (currentModel) allModels[currentModel.index] = currentModel.model;
        return allModels;
      },
    },
  ) as RunFacts;

  const recordingRepo = (deps: FileDeps): RepoIndex => ({
    root: repo.root,
    contains: (p) => repo.contains(p),
    exists(p) {
      const answer = repo.exists(p);
      deps.exists.push([p, answer]);
      return answer;
    },
    files() {
      deps.files = true;
      return repo.files();
    },
  });

  return {
    async lint(i: number): Promise<FileOutcome> {
      const src = plan.specs[i]!;
      const model = load(i);
      const migrationPaths = pathsOf(model);
      index.remember(i, migrationPaths);
      currentModel = { index: i, model };
      const prdPath = model.prdPath?.value ?? null;
      // the PRD's fingerprint is taken before the loader reads it: if it changes in between, the entry is
      // older than the result and the next run lints again (never the other way round)
      const deps: FileDeps | undefined = plan.recordDeps ? { prd: prdPath === null ? null : [prdPath, prdPrint(prdPath)], exists: [], files: false, versions: [], allSpecs: false } : undefined;
      current = deps;
      try {
        const prd = loadPrd(prdPath);
        const messages = await engine.lintModel(model, prd, deps ? recordingRepo(deps) : repo, config, run, rules);
        // a copy: messages and recorded paths are often slices of the spec's text
        const kept = detach({ result: engine.toResult(src.abs, model.filePath, messages), ...(deps ? { deps } : {}) });
        return { ...kept, migrationPaths, ...(plan.keepModels ? { model } : {}) };
      } finally {
        current = undefined;
        currentModel = undefined;
        boundShared(run.shared);
      }
    },
    close: () => engine.disposeShared(run),
  };
}

// ----- the worker side ------------------------------------------------------------------------------------

type ToWorker = { type: 'lint'; indices: number[] } | { type: 'close' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'outcome'; index: number; outcome: FileOutcome }
  | { type: 'idle' }
  | { type: 'closed' }
  | { type: 'error'; message: string; stack?: string };

if (!isMainThread && parentPort && (workerData as { kind?: string } | null)?.kind === WORKER_KIND) {
  const port = parentPort;
  const plan = (workerData as { plan: RunPlan }).plan;
  const post = (m: FromWorker) => port.postMessage(m);
  createSession(plan).then(
    (session) => {
      port.on('message', (msg: ToWorker) => {
        void (async () => {
          try {
            if (msg.type === 'close') {
              await session.close();
              post({ type: 'closed' });
              return;
            }
            for (const i of msg.indices) post({ type: 'outcome', index: i, outcome: await session.lint(i) });
            post({ type: 'idle' });
          } catch (err) {
            post({ type: 'error', message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack });
          }
        })();
      });
      post({ type: 'ready' });
    },
    (err) => post({ type: 'error', message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack }),
  );
}

/** The compiled module a worker runs (under the TypeScript sources, the built copy in dist/, if any). */
function workerScript(): string | null {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) return self;
  const built = join(dirname(dirname(dirname(self))), 'dist', 'lint', 'workers.js');
  return existsSync(built) ? built : null;
}

// ----- the main side --------------------------------------------------------------------------------------

export interface LintManyResult {
  /** One outcome per linted file, in `files` order (null for indices left out by `only`). */
  outcomes: Array<FileOutcome | null>;
  /** The candidates of every spec of the run (files, then context), for the cache. */
  candidates: VersionCandidates[];
  /** Every spec of the run, in run order. */
  specs: SpecSource[];
}

/** Lints `files` (or the `only` subset of them); see the module comment. */
export async function lintMany(options: LintManyOptions): Promise<LintManyResult> {
  const { config } = options;
  const linted = new Set(options.files);
  const context = (options.contextFiles ?? []).filter((f) => !linted.has(f));
  const specs: SpecSource[] = [...options.files, ...context].map((abs) => {
    const override = options.contents?.get(abs);
    return { abs, rel: toPosix(relative(config.root, abs)), ...(override !== undefined ? { override } : {}) };
  });
  const candidates = options.candidates ?? specs.map(candidatesOf);
  const todo = options.only ?? options.files.map((_, i) => i);
  const outcomes: Array<FileOutcome | null> = options.files.map(() => null);
  const registered = options.rules ? await allRegistered(options.rules) : true;
  const plan: RunPlan = {
    config,
    specs,
    linted: options.files.length,
    candidates,
    repoFiles: [],
    ...(options.prdTexts ? { prdTexts: [...options.prdTexts] } : {}),
    exec: options.exec ?? config.exec,
    keepModels: options.keepModels ?? false,
    recordDeps: options.recordDeps ?? false,
    ...(options.rules ? { ruleIds: options.rules.map((r) => r.meta.id) } : {}),
  };
  let jobs = options.jobs ?? defaultJobs(todo.length);
  const script = workerScript();
  if (plan.exec || !registered || !script) jobs = 0;
  jobs = Math.min(jobs, Math.ceil(todo.length / MIN_SPECS_PER_WORKER));

  let done = 0;
  const progress = (i: number) => {
    done++;
    options.onProgress?.(done, todo.length, specs[i]!.rel);
  };

  if (jobs < 1) {
    const session = await createSession(plan, options.repo, options.rules);
    try {
      for (const i of todo) {
        outcomes[i] = await session.lint(i);
        progress(i);
      }
    } finally {
      await session.close();
    }
    return { outcomes, candidates, specs };
  }

  plan.repoFiles = [...options.repo.files()];
  const left = await runWorkers(script!, plan, todo, jobs, (i, outcome) => {
    outcomes[i] = outcome;
    progress(i);
  });
  if (left.length > 0) {
    // what a failed worker did not finish is linted here, in order
    const session = await createSession(plan, options.repo, options.rules);
    try {
      for (const i of left) {
        outcomes[i] = await session.lint(i);
        progress(i);
      }
    } finally {
      await session.close();
    }
  }
  return { outcomes, candidates, specs };
}

async function allRegistered(rules: readonly Rule[]): Promise<boolean> {
  const { rulesById } = await import('../rules/index.js');
  return rules.every((r) => rulesById.get(r.meta.id) === r);
}

/**
 * Runs the plan over `jobs` workers. Resolves to the indices no worker finished: those of a worker that
 * failed (out of memory on a pathological spec, a crash) — the caller lints them in this thread, where an
 * error surfaces as it would without workers. A failed worker takes no more work; the others go on.
 */
function runWorkers(script: string, plan: RunPlan, todo: number[], jobs: number, onOutcome: (i: number, o: FileOutcome) => void): Promise<number[]> {
  return new Promise<number[]>((resolvePromise) => {
    // small chunks at the end keep the workers busy together; larger ones at the start cut messages
    const queue = todo.slice();
    const chunk = () => Math.max(1, Math.min(8, Math.floor(queue.length / (jobs * 4))));
    const left: number[] = [];
    let open = jobs;
    const settle = () => {
      if (--open === 0) resolvePromise(left.sort((a, b) => a - b));
    };
    for (let k = 0; k < jobs; k++) {
      let ended = false;
      const pending = new Set<number>();
      const worker = new Worker(script, {
        workerData: { kind: WORKER_KIND, plan },
        resourceLimits: WORKER_LIMITS,
        stdout: false,
        stderr: false,
      });
      const end = (failed: boolean) => {
        if (ended) return;
        ended = true;
        if (failed) {
          left.push(...pending);
          pending.clear();
          // a failed worker's share goes back to the others while they run, else to the caller
          if (open === 1) left.push(...queue.splice(0));
          void worker.terminate();
        }
        settle();
      };
      const feed = () => {
        if (queue.length === 0) {
          worker.postMessage({ type: 'close' } satisfies ToWorker);
          return;
        }
        const indices = queue.splice(0, chunk());
        for (const i of indices) pending.add(i);
        worker.postMessage({ type: 'lint', indices } satisfies ToWorker);
      };
      worker.on('message', (msg: FromWorker) => {
        if (ended) return;
        switch (msg.type) {
          case 'ready':
          case 'idle':
            feed();
            break;
          case 'outcome':
            pending.delete(msg.index);
            onOutcome(msg.index, msg.outcome);
            break;
          case 'closed':
            void worker.terminate();
            end(false);
            break;
          case 'error':
            end(true);
            break;
        }
      });
      worker.on('error', () => end(true));
      worker.on('exit', () => end(true));
    }
  });
}

/** `lintMany` shaped like `engine.lintFiles`' result: results in `files` order, and the models when kept. */
export async function lintRun(options: LintManyOptions): Promise<{ results: FileResult[]; models: Map<string, SpecModel> }> {
  const run = await lintMany(options);
  const models = new Map<string, SpecModel>();
  const results = run.outcomes.map((o) => {
    if (o!.model) models.set(o!.model.filePath, o!.model);
    return o!.result;
  });
  return { results, models };
}
