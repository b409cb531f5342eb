/**
 * Per-engine bookkeeping for the code engines (tree-sitter, typescript, libpg-query): which engines this
 * process has loaded, and the cumulative wall time spent in each (loading included). `npm run bench` reads
 * `engineTimes()` to report time per engine; tests read `loadedEngines()` to prove that a spec without code
 * pays nothing.
 *
 * This module is tiny and imports nothing heavy: any module may import it statically.
 */

export type EngineName = 'tree-sitter' | 'typescript' | 'libpg-query' | (string & {});

export interface EngineTime {
  /** Cumulative milliseconds spent in the engine, its first load included. */
  ms: number;
  /** Milliseconds of that total spent loading and initialising it. */
  loadMs: number;
  /** How many timed calls were made. */
  calls: number;
}

const times = new Map<string, EngineTime>();
const loaded = new Set<string>();

function entry(engine: string): EngineTime {
  let e = times.get(engine);
  if (!e) {
    e = { ms: 0, loadMs: 0, calls: 0 };
    times.set(engine, e);
  }
  return e;
}

/** Runs `fn` and adds its duration to `engine`'s total. */
export async function timeEngine<T>(engine: EngineName, fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    const e = entry(engine);
    e.ms += performance.now() - start;
    e.calls += 1;
  }
}

/** Synchronous variant of {@link timeEngine}. */
export function timeEngineSync<T>(engine: EngineName, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    const e = entry(engine);
    e.ms += performance.now() - start;
    e.calls += 1;
  }
}

/**
 * Loads an engine once: `load` runs on the first call only, is timed as load time, and marks the engine as
 * loaded. Concurrent callers share the same promise. A failed load is not cached, so a later call retries.
 */
export function onceEngine<T>(engine: EngineName, load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (blocked !== null) return Promise.reject(new Error(`${engine} is not loaded here: ${blocked}`));
    if (!pending) {
      const start = performance.now();
      pending = load().then(
        (value) => {
          const e = entry(engine);
          const ms = performance.now() - start;
          e.ms += ms;
          e.loadMs += ms;
          loaded.add(engine);
          return value;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
    }
    return pending;
  };
}

let blocked: string | null = null;

/**
 * Refuses every engine load until called with null (a resident spare's warm-up, src/resident/spare.ts:
 * a spare holds no engine). A refused load fails as an engine that cannot load does; it is not remembered.
 */
export function blockEngineLoads(reason: string | null): void {
  blocked = reason;
}

/** Engines this process has loaded so far, in load order. */
export function loadedEngines(): string[] {
  return [...loaded];
}

/** A snapshot of the cumulative time per engine. */
export function engineTimes(): Record<string, EngineTime> {
  const out: Record<string, EngineTime> = {};
  for (const [name, e] of times) out[name] = { ...e };
  return out;
}

/** Zeroes the timers (not the loaded set: a loaded engine stays loaded). For per-spec measurements. */
export function resetEngineTimes(): void {
  times.clear();
}
