/**
 * What the last `spec lint` of this process linted, for the next spare's warm-up (src/resident/spare.ts):
 * a spare warms up best on specs like the ones it will be asked about, with their configuration, and with
 * the code-engine results the run's cache holds (so that no engine loads). Set by the lint command; read by
 * bin/spec and the spare when they start the next spare. Paths only: nothing is read here.
 */
export interface WarmUpHint {
  /** The repository root. */
  root: string;
  /** Absolute paths of a few of the specs linted (at most MAX_HINT_SPECS). */
  specs: string[];
  /** Absolute paths of the PRDs those specs name (as far as the run read them). */
  prds: string[];
  /** The run's cache file (`--cache`), or null. */
  cacheFile: string | null;
  /** The configuration file, or null for the defaults. */
  configPath: string | null;
}

export const MAX_HINT_SPECS = 2;

let hint: WarmUpHint | null = null;

export function setWarmUpHint(next: WarmUpHint | null): void {
  hint = next && next.specs.length > 0 ? { ...next, specs: next.specs.slice(0, MAX_HINT_SPECS), prds: next.prds.slice(0, MAX_HINT_SPECS) } : hint;
}

/**
 * Puts back the hint a spare was started with once its warm-up is over: the warm-up's own runs set the
 * temporary directory's copies, which a served run that lints nothing would otherwise hand to the next spare.
 */
export function restoreWarmUpHint(previous: WarmUpHint | null): void {
  hint = previous;
}

export function warmUpHint(): WarmUpHint | null {
  return hint;
}

/** A hint as a spare receives it (a JSON argument), or null when it is not one. */
export function parseWarmUpHint(text: string | undefined): WarmUpHint | null {
  if (!text) return null;
  try {
    const h = JSON.parse(text) as WarmUpHint;
    const str = (v: unknown) => typeof v === 'string' && v.length > 0;
    if (!h || typeof h !== 'object' || !str(h.root) || !Array.isArray(h.specs) || !h.specs.every(str) || !Array.isArray(h.prds) || !h.prds.every(str)) return null;
    if (h.cacheFile !== null && !str(h.cacheFile)) return null;
    if (h.configPath !== null && !str(h.configPath)) return null;
    return { root: h.root, specs: h.specs.slice(0, MAX_HINT_SPECS), prds: h.prds.slice(0, MAX_HINT_SPECS), cacheFile: h.cacheFile, configPath: h.configPath };
  } catch {
    return null;
  }
}
