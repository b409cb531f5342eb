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
 * Memory: the code engines (the TypeScript compiler, tree-sitter and libpg-query with their WebAssembly
 * memories — tens of megabytes each) are loaded once per process, not once per worker: a run over workers
 * starts one more thread, the engine thread, with a small heap of its own, and the workers' rules ask it
 * (`run.engines`, see rules/engines.ts) over message ports. Its answers are the plain data the engines
 * return, so the results are the same. Should the engine thread die (a block too large for its heap), the
 * workers ask this thread instead. A run that keeps code results across runs (`--cache`, code/results.ts)
 * keeps them in this thread, so there the engines run here. Each thread's heap is capped (workerLimits,
 * engineLimits) so that it stays near what it holds live.
 *
 * This module is itself the worker's entry point: started as a worker with `workerData.kind === WORKER_KIND`
 * it serves lint requests, with ENGINE_KIND engine requests. The engine is imported lazily, and so is
 * `node:worker_threads` (a run in one thread, such as the pre-commit run, never loads it): importing this
 * module costs nothing.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { LIMITS, readInside } from '../fs/access.js';
import type { EffectiveConfig } from './config.js';
import type { FileResult } from './types.js';
import type { RepoIndex } from './repo.js';
import type { SpecModel } from '../model/types.js';
import type { Rule, RunFacts } from '../rules/types.js';
import type { CodeEngines, EngineRequest as AskAhead } from '../rules/engines.js';
import { VersionIndex, versionCandidates, type VersionCandidates, type VersionUse } from './crossspec.js';
import { prdFingerprint, usesKey } from './cache.js';
import { builtPath, isBuilt } from '../package-root.js';
import { relativeFrom } from './relpath.js';

/** `node:worker_threads`, loaded on first use. */
const threads = (): typeof import('node:worker_threads') => process.getBuiltinModule('node:worker_threads');
/**
 * On the command line of every thread this module starts (Worker's `argv`), so that a thread knows what it
 * is before it loads `node:worker_threads`; the main thread, which does not have it, need not load it.
 */
const THREAD_ARG = '--spec-lint-thread';
const thread = process.argv.includes(THREAD_ARG) ? threads() : null;
const threadRole = thread && !thread.isMainThread && thread.parentPort ? (thread.workerData as { kind?: string } | null)?.kind : undefined;

const WORKER_KIND = 'spec-lint-worker/1';
const ENGINE_KIND = 'spec-engine-worker/1';

// ----- SPEC_DEBUG_MEMORY=1: each thread's peak heap on stderr at the end of a run (for memory work) --------
// read when asked, not when the module loads: a resident process (src/resident/) loads it before its run's
// environment is known
const debugMemory = (): boolean => Boolean(process.env.SPEC_DEBUG_MEMORY);
const heapPeak = { used: 0, total: 0, external: 0 };

function sampleHeap(): void {
  if (!debugMemory()) return;
  const u = process.memoryUsage();
  heapPeak.used = Math.max(heapPeak.used, u.heapUsed);
  heapPeak.total = Math.max(heapPeak.total, u.heapTotal);
  heapPeak.external = Math.max(heapPeak.external, u.external);
}

/** This thread's report line (SPEC_DEBUG_MEMORY), or '' when not debugging. */
function heapPeakLine(label: string): string {
  if (!debugMemory()) return '';
  sampleHeap();
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  const rss = !thread || thread.isMainThread ? ` | process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}` : '';
  let cpu = '';
  try {
    // this thread's CPU time (Linux)
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu = `, CPU ${((Number(f[11]) + Number(f[12])) / 100).toFixed(2)} s`;
  } catch {
    // not Linux
  }
  const elu = performance.eventLoopUtilization();
  const waited = `, waited ${(elu.idle / 1000).toFixed(2)} s of ${((elu.idle + elu.active) / 1000).toFixed(2)} s`;
  return `spec: memory: ${label}: heap used ${mb(heapPeak.used)}, heap total ${mb(heapPeak.total)}, external ${mb(heapPeak.external)} (peaks)${cpu}${waited}${rss}\n`;
}

/**
 * Writes this thread's report. A worker sends its line to the main thread instead, which writes it: what a
 * worker writes to its own stderr reaches the process's asynchronously, and was lost when the thread was
 * terminated or the process exited first.
 */
function writeHeapPeak(label: string): void {
  if (debugMemory()) process.stderr.write(heapPeakLine(label));
}

/** Asks the engine thread for its report (SPEC_DEBUG_MEMORY), then resolves; at once when not debugging. */
function memoryReport(thread: Worker): Promise<void> {
  if (!debugMemory()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (msg?: { line?: string }) => {
      if (msg?.line) process.stderr.write(msg.line);
      resolve();
    };
    thread.once('message', done);
    thread.once('exit', () => done());
    thread.postMessage({ type: 'report' });
  });
}

/** What a result depended on besides its own text, config and the tool (see cache.ts). */
export interface FileDeps {
  /** The PRD path the spec names and its fingerprint (cache.prdFingerprint, taken before it was read); null: none. */
  prd: [string, string] | null;
  /** Repository paths asked about with `repo.exists`, and the answers. */
  exists: Array<[string, boolean]>;
  /** Whether a rule listed every repository file (`repo.files()`). */
  files: boolean;
  /** Directories a rule listed (`repo.filesUnder`), each once. */
  under: string[];
  /** Migration versions asked about, with the key of the uses the run answered (cache.ts usesKey). */
  versions: Array<[string, string]>;
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
/** Answers to "which specs use version V" kept for reuse (each is cheap to compute again from the index). */
const MAX_ANSWERS = 1024;

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
 * Each worker's heap. A worker holds little beyond the spec in hand (the markdown parser, the model, the
 * rules: ~12 MB live on the bench corpus), so its young generation is small: 16 MB (the former 96 MB cost
 * ~50 MB more resident memory per worker, for no measurable speed once the engines left the workers). The
 * old generation is capped at 128 MB, room for a spec at the size limit (2 MB); on ordinary specs V8 keeps
 * it near what is live whatever the cap. A spec too large for it runs out of memory in the worker and is
 * linted again in the main thread, which has no cap. `SPEC_LINT_YOUNG_MB` / `SPEC_LINT_OLD_MB` override.
 */
const workerLimits = () => ({
  maxYoungGenerationSizeMb: envNumber('SPEC_LINT_YOUNG_MB') ?? 16,
  maxOldGenerationSizeMb: envNumber('SPEC_LINT_OLD_MB') ?? 128,
});

/**
 * The engine thread's heap: the TypeScript compiler (~22 MB live) and bounded result caches; each request
 * leaves only garbage. A request too large for it ends the thread, and the workers ask the main thread.
 * `SPEC_ENGINE_YOUNG_MB` / `SPEC_ENGINE_OLD_MB` override.
 */
const engineLimits = () => ({
  maxYoungGenerationSizeMb: envNumber('SPEC_ENGINE_YOUNG_MB') ?? 8,
  maxOldGenerationSizeMb: envNumber('SPEC_ENGINE_OLD_MB') ?? 64,
});

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Specs per worker below which a worker costs more (its start-up) than it saves. */
const MIN_SPECS_PER_WORKER = 12;

/**
 * How many workers a run of `count` specs uses when not told (SPEC_LINT_JOBS): one per core but one, at
 * most 7, at least 1. The code engines' thread is as busy as a worker and the main thread has its share: on
 * two cores, one worker lints the bench's 1,000 specs in 8.7–9.8 s against 7.9–8.7 s for two (five runs
 * each), with less CPU (13–14 s against 15 s) and some 60 MB less memory (227–249 MB against 284–324 MB).
 */
export function defaultJobs(count: number): number {
  const env = process.env.SPEC_LINT_JOBS;
  const cores = env && /^\d+$/.test(env) ? Number(env) : Math.max(1, Math.min(availableParallelism(), 8) - 1);
  return Math.max(0, Math.min(cores, Math.floor(count / MIN_SPECS_PER_WORKER)));
}

/**
 * Reads a spec's text for the version scan (ASCII-exact latin1; a missing or refused file has no
 * candidates). `root`: the repository root (default: derived from the source's two paths).
 */
export function candidatesOf(source: SpecSource, root?: string): VersionCandidates {
  if (source.override !== undefined) return versionCandidates(source.override);
  const base = root ?? rootFromPaths(source.abs, source.rel);
  if (base === null) return [];
  try {
    return versionCandidates(readInside(source.abs, base, { maxBytes: LIMITS.spec, display: source.rel }).toString('latin1'));
  } catch {
    return [];
  }
}

/** The root a source's absolute path and relative path imply (engine.ts does the same); null when they do not fit. */
function rootFromPaths(abs: string, rel: string): string | null {
  const tail = rel.split('/').join(sep);
  const a = resolve(abs);
  if (rel.startsWith('..') || isAbsolute(rel) || !a.endsWith(sep + tail)) return null;
  return a.slice(0, a.length - tail.length - 1) || sep;
}

/**
 * The candidates of every spec of a run, as `candidatesOf` gives them, read into one reused buffer and
 * scanned as bytes (changed.ts `candidatesAmong`, the same answer): a run of 10,000 specs reads ~200 MB,
 * which as strings would leave this thread's heap tens of megabytes larger for the rest of the run. Read
 * through the file-access layer (inside the repository, a regular file, at most the spec limit): a spec
 * the engine will refuse has no candidates.
 */
async function candidatesOfAll(specs: readonly SpecSource[], root: string): Promise<VersionCandidates[]> {
  const { candidatesAmong } = await import('./changed.js');
  let buf = Buffer.allocUnsafe(256 * 1024);
  return specs.map((s) => {
    if (s.override !== undefined) return versionCandidates(s.override);
    try {
      const bytes = readInside(s.abs, root, { maxBytes: LIMITS.spec, display: s.rel }, buf);
      if (bytes.buffer !== buf.buffer && bytes.length > buf.length) buf = Buffer.allocUnsafe(bytes.length + 1);
      return candidatesAmong(bytes);
    } catch {
      return [];
    }
  });
}

// ----- one session: the per-file loop, in a worker or in this thread ---------------------------------------

interface Session {
  lint(index: number): Promise<FileOutcome>;
  close(): Promise<void>;
}

async function createSession(plan: RunPlan, repoIn?: RepoIndex, rulesIn?: readonly Rule[], remote?: RemoteEngines): Promise<Session> {
  const engine = await import('./engine.js');
  const { createRepoIndex } = await import('./repo.js');
  const { config } = plan;
  const engines = remote?.engines;
  // which rules run on a spec, for the engine questions asked ahead
  let asksAhead: ((model: SpecModel) => void) | undefined;
  if (remote) {
    const [{ engineRequests }, { rulesById }, { ruleSettingFor }] = await Promise.all([import('../rules/engines.js'), import('../rules/index.js'), import('./config.js')]);
    const ids = new Set(plan.ruleIds ?? rulesById.keys());
    asksAhead = (model) => {
      const runs = (id: string) => {
        const rule = rulesById.get(id);
        return rule !== undefined && ids.has(id) && ruleSettingFor(config, id, model.filePath, rule.meta.defaultSeverity).severity !== 'off';
      };
      remote.askAhead(engineRequests(model, config, runs));
    };
  }
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
    return engine.loadSpec(s.abs, s.rel, s.override, config.root);
  };
  // copies, not slices of the spec's text: a kept substring would keep the whole text alive
  const pathsOf = (m: SpecModel): string[] => detach(m.migrations.map((x) => x.path).filter((p): p is string => p !== null));
  const index = new VersionIndex(
    plan.specs.map((s) => s.rel),
    plan.candidates,
    (i) => pathsOf(load(i)),
  );
  let current: FileDeps | undefined;
  const answers = new Map<string, { uses: VersionUse[]; key: string }>();
  let allModels: SpecModel[] | undefined;
  let currentModel: { index: number; model: SpecModel } | undefined;
  // the engine's facts (existing migrations and their sources for --exec, scratch space), with `specs`
  // built lazily and version questions answered by the index
  const run: RunFacts = Object.defineProperty(
    {
      ...engine.runFacts(repo, config, [], plan.exec),
      ...(engines ? { engines } : {}),
      migrationsWithVersion(version: string) {
        // the answer for a version is the same for every spec of the run: computed once, and recorded by
        // its key (cache.ts usesKey), not as the list: with many specs sharing a version (a copy-paste
        // accident) a list per spec made the outcomes, and the cache file, grow with the square of the count
        let answer = answers.get(version);
        if (!answer) {
          const uses = index.uses(version);
          // (a bounded memo: most versions are asked about by one spec only, and a memo of them all grew
          // with the number of specs)
          if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
          answers.set(detach(version), (answer = { uses, key: usesKey(uses) }));
        }
        if (current) current.versions.push([detach(version), answer.key]);
        return answer.uses;
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
    filesUnder(dir) {
      if (!deps.under.includes(dir)) deps.under.push(dir);
      return repo.filesUnder(dir);
    },
  });

  return {
    async lint(i: number): Promise<FileOutcome> {
      const src = plan.specs[i]!;
      const model = load(i);
      asksAhead?.(model);
      const migrationPaths = pathsOf(model);
      index.remember(i, migrationPaths);
      currentModel = { index: i, model };
      const prdPath = model.prdPath?.value ?? null;
      // the PRD's fingerprint is taken before the loader reads it: if it changes in between, the entry is
      // older than the result and the next run lints again (never the other way round)
      const deps: FileDeps | undefined = plan.recordDeps ? { prd: prdPath === null ? null : [prdPath, prdPrint(prdPath)], exists: [], files: false, under: [], versions: [], allSpecs: false } : undefined;
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
        remote?.forget();
        boundShared(run.shared);
        sampleHeap();
      }
    },
    close: () => engine.disposeShared(run),
  };
}

// ----- the code engines, served to the workers ------------------------------------------------------------

type EngineOp = keyof CodeEngines;
type EngineRequest = { type: 'engine'; id: number; op: EngineOp; args: [string, boolean?] };
type EngineReply = { type: 'engine-result'; id: number; ok: true; value: unknown } | { type: 'engine-result'; id: number; ok: false; message: string };

/** Answers one engine request with this thread's engines (loaded here on first use). */
async function serveEngine(req: EngineRequest): Promise<EngineReply> {
  const { localEngines, findingsOf } = await import('../rules/engines.js');
  const [text, jsx] = req.args;
  try {
    let value: unknown;
    switch (req.op) {
      case 'analyzeGo':
        value = await localEngines.analyzeGo(text);
        break;
      case 'analyzeTs':
        value = await localEngines.analyzeTs(text, jsx ?? false);
        break;
      case 'checkSql':
        value = await localEngines.checkSql(text);
        break;
      case 'migrationFindings':
        // (the goose parse of the text, computed here: the same as the asker's; the findings alone travel)
        value = findingsOf(await localEngines.migrationFindings(text));
        break;
    }
    sampleHeap();
    return { type: 'engine-result', id: req.id, ok: true, value };
  } catch (err) {
    // the rule reports the message, as it would have in its own thread
    return { type: 'engine-result', id: req.id, ok: false, message: (err as Error)?.message ?? String(err) };
  }
}

/** Serves engine requests arriving on a port (the engine thread's side, or this thread's). */
function serveOn(port: MessagePort | Worker, alive: () => boolean = () => true): void {
  port.on('message', (msg: EngineRequest | { type: string }) => {
    if (msg.type !== 'engine') return;
    void serveEngine(msg as EngineRequest).then((reply) => {
      if (alive()) port.postMessage(reply);
    });
  });
}

interface RemoteEngines {
  engines: CodeEngines;
  onReply(msg: EngineReply): void;
  /** The engine thread is gone: from now on (and for the questions still waiting) ask the main thread. */
  useFallback(): void;
  /** Asks these questions now; the rules' own calls with the same arguments get these answers. */
  askAhead(requests: readonly AskAhead[]): void;
  /** Drops the answers asked ahead (at the end of each spec). */
  forget(): void;
}

/**
 * A worker's engines: each call is a request to the engine thread (its port), answered with the engines'
 * plain data. When that port closes (the engine thread died, or there is none), requests — the ones still
 * waiting included — go to the main thread (`fallback`), which answers them the same way.
 *
 * Questions asked ahead (a spec's blocks, as soon as it is parsed) are answered while the worker runs the
 * other rules, and the worker waits at most once per spec. The same question asked twice within a spec
 * (ts-syntax and ts-no-any on one block) gets the same answer object, as from the engines' own caches.
 */
function remoteEngines(enginePort: MessagePort | undefined, fallback: MessagePort): RemoteEngines {
  const waiting = new Map<number, { req: EngineRequest; resolve: (v: never) => void; reject: (e: Error) => void }>();
  let lastId = 0;
  let target: MessagePort = enginePort ?? fallback;
  const onReply = (msg: EngineReply) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.value as never);
    else w.reject(new Error(msg.message));
  };
  const useFallback = () => {
    if (target === fallback) return;
    target = fallback;
    for (const { req } of waiting.values()) fallback.postMessage(req);
  };
  if (enginePort) {
    enginePort.on('message', onReply);
    // (the main thread also says so when the engine thread exits: a port handed to a thread that died
    // before taking it may never report its close)
    enginePort.on('close', useFallback);
  }
  const send = (op: EngineOp, args: [string, boolean?]) =>
    new Promise<unknown>((resolve, reject) => {
      const req: EngineRequest = { type: 'engine', id: ++lastId, op, args };
      waiting.set(req.id, { req, resolve: resolve as (v: never) => void, reject });
      target.postMessage(req);
    });
  let ahead = new Map<string, Promise<unknown>>();
  const keyOf = (op: EngineOp, args: [string, boolean?]) => `${op}\u0000${args[1] ? 1 : 0}\u0000${args[0]}`;
  const call = <T>(op: EngineOp, args: [string, boolean?]): Promise<T> => {
    const key = keyOf(op, args);
    let p = ahead.get(key);
    if (!p) {
      p = send(op, args);
      ahead.set(key, p);
    }
    return p as Promise<T>;
  };
  return {
    engines: {
      analyzeGo: (text) => call('analyzeGo', [text]),
      analyzeTs: (text, jsx) => call('analyzeTs', [text, jsx]),
      checkSql: (text) => call('checkSql', [text]),
      migrationFindings: (sql) => call('migrationFindings', [sql]),
    },
    onReply,
    useFallback,
    askAhead(requests) {
      for (const [op, text, jsx] of requests) {
        const args: [string, boolean?] = op === 'analyzeTs' ? [text, jsx] : [text];
        const key = keyOf(op, args);
        if (ahead.has(key)) continue;
        const p = send(op, args);
        // a question no rule ends up asking must not fail the worker (the rules handle their own)
        p.catch(() => undefined);
        ahead.set(key, p);
      }
    },
    forget() {
      ahead = new Map();
    },
  };
}

if (thread && threadRole === ENGINE_KIND) {
  // the engine thread: serves every port the main thread connects (one per worker)
  const host = thread.parentPort!;
  host.on('message', (msg: { type: 'connect'; port: MessagePort } | { type: 'report' }) => {
    if (msg.type === 'connect') serveOn(msg.port);
    else if (msg.type === 'report') {
      host.postMessage({ type: 'reported', line: heapPeakLine('engine thread') });
    }
  });
}

// ----- the worker side ------------------------------------------------------------------------------------

type ToWorker = { type: 'lint'; indices: number[] } | { type: 'close' } | { type: 'engines-gone' } | EngineReply;
type FromWorker =
  | EngineRequest
  | { type: 'ready' }
  | { type: 'outcome'; index: number; outcome: FileOutcome }
  | { type: 'idle' }
  | { type: 'closed'; report: string }
  | { type: 'error'; message: string; stack?: string };

if (thread && threadRole === WORKER_KIND) {
  const port = thread.parentPort!;
  const { plan, enginePort } = thread.workerData as { plan: RunPlan; enginePort?: MessagePort };
  const post = (m: FromWorker) => port.postMessage(m);
  const remote = remoteEngines(enginePort, port);
  createSession(plan, undefined, undefined, remote).then(
    (session) => {
      port.on('message', (msg: ToWorker) => {
        if (msg.type === 'engine-result') {
          remote.onReply(msg);
          return;
        }
        if (msg.type === 'engines-gone') {
          remote.useFallback();
          return;
        }
        void (async () => {
          try {
            if (msg.type === 'close') {
              await session.close();
              enginePort?.close();
              post({ type: 'closed', report: heapPeakLine(`lint worker ${thread.threadId}`) });
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
  const built = builtPath('lint', 'workers.js');
  return isBuilt || existsSync(built) ? built : null;
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
  const rel = relativeFrom(config.root);
  const specs: SpecSource[] = [...options.files, ...context].map((abs) => {
    const override = options.contents?.get(abs);
    return { abs, rel: rel(abs), ...(override !== undefined ? { override } : {}) };
  });
  const candidates = options.candidates ?? (await candidatesOfAll(specs, config.root));
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
    sampleHeap();
    options.onProgress?.(done, todo.length, specs[i]!.rel);
  };

  /** Lints `indices` in this thread, in order. */
  const lintHere = async (indices: readonly number[]) => {
    const session = await createSession(plan, options.repo, options.rules);
    try {
      for (const i of indices) {
        outcomes[i] = await session.lint(i);
        progress(i);
      }
    } finally {
      await session.close();
    }
  };

  if (jobs < 1) {
    await lintHere(todo);
    writeHeapPeak('main thread (no workers)');
    return { outcomes, candidates, specs };
  }

  plan.repoFiles = [...options.repo.files()];
  // the engines in a thread of their own, unless this thread keeps code results for the cache
  const { codeResultsOpen } = await import('../code/results.js');
  const left = await runWorkers(script!, plan, todo, jobs, codeResultsOpen() ? 'main' : 'thread', (i, outcome) => {
    outcomes[i] = outcome;
    progress(i);
  });
  // what a failed worker did not finish is linted here, in order
  if (left.length > 0) await lintHere(left);
  writeHeapPeak('main thread');
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
function runWorkers(
  script: string,
  plan: RunPlan,
  todo: number[],
  jobs: number,
  engines: 'thread' | 'main',
  onOutcome: (i: number, o: FileOutcome) => void,
): Promise<number[]> {
  return new Promise<number[]>((resolvePromise) => {
    // small chunks at the end keep the workers busy together; larger ones at the start cut messages
    const queue = todo.slice();
    const chunk = () => Math.max(1, Math.min(8, Math.floor(queue.length / (jobs * 4))));
    const left: number[] = [];
    let open = jobs;
    const { Worker, MessageChannel } = threads();
    const engineThread = engines === 'thread' ? new Worker(script, { argv: [THREAD_ARG], workerData: { kind: ENGINE_KIND }, resourceLimits: engineLimits(), stdout: false, stderr: false }) : undefined;
    // its death (out of memory on a huge block): the workers ask this thread instead
    const live = new Set<Worker>();
    let finished = false;
    engineThread?.on('error', () => undefined);
    engineThread?.on('exit', () => {
      if (!finished) for (const w of live) w.postMessage({ type: 'engines-gone' } satisfies ToWorker);
    });
    const settle = () => {
      if (--open === 0) {
        finished = true;
        const done = () => resolvePromise(left.sort((a, b) => a - b));
        // (the engine thread's report, when debugging, before the main thread's)
        if (engineThread)
          void memoryReport(engineThread).then(() => {
            void engineThread.terminate();
            done();
          });
        else done();
      }
    };
    for (let k = 0; k < jobs; k++) {
      let ended = false;
      const pending = new Set<number>();
      let enginePort: MessagePort | undefined;
      if (engineThread) {
        const channel = new MessageChannel();
        engineThread.postMessage({ type: 'connect', port: channel.port2 }, [channel.port2]);
        enginePort = channel.port1;
      }
      const worker = new Worker(script, {
        argv: [THREAD_ARG],
        workerData: { kind: WORKER_KIND, plan, ...(enginePort ? { enginePort } : {}) },
        ...(enginePort ? { transferList: [enginePort] } : {}),
        resourceLimits: workerLimits(),
        stdout: false,
        stderr: false,
      });
      // engine requests from this worker when it has no engine thread (any more)
      serveOn(worker, () => !ended);
      live.add(worker);
      const end = (failed: boolean) => {
        if (ended) return;
        ended = true;
        live.delete(worker);
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
            if (msg.report) process.stderr.write(msg.report);
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
