/**
 * Cross-spec facts without holding every spec's model: which other specs of a run carry a goose migration of
 * a given version. The only cross-spec question the rules ask (goose/version-unique) is "who else uses
 * version V?", and a spec can only answer "me" if its text holds the digits of V right before an `_` (the
 * goose file-name form `<version>_<name>.sql`), not right after a letter or digit, nor after an `_` that
 * follows one. A migration path is taken whole from an inline code span or from a heading's
 * `[\w./[\]-]*\.sql` run, so a version, the start of a file name, never follows a letter there; and an `_`
 * between a letter and a digit cannot be an emphasis delimiter (CommonMark), so it stays in the text and
 * in the path, before the digits. So the run keeps, per spec, the few digit runs that could be
 * versions (its *candidates*), and parses a spec only when it is a candidate for a version someone asks
 * about — in a run without clashes, never. Exact by construction: a spec whose text could spell a version
 * in a way the scan misses (a character reference such as `&#50;`) is a candidate for every version.
 *
 * This module is light (no markdown parser): the cache uses it on warm runs.
 */

/**
 * What a spec's text could name as migration versions: the digit runs followed by `_` (or `\_`) and not
 * preceded by an ASCII letter or digit, nor by `_` after one (afterFileNameChar), or null = any.
 */
export type VersionCandidates = string[] | null;

const DIGITS_BEFORE_UNDERSCORE = /(\d+)\\?_/g;
const CHARACTER_REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Whether digits preceded by `prev` (and `prev2` before it; -1 at the start) sit inside a name, so that no
 * migration file name starts with them: `prev` is an ASCII letter or digit, or an `_` after one.
 */
export function afterFileNameChar(prev: number, prev2: number): boolean {
  return isAsciiAlnum(prev) || (prev === 95 && isAsciiAlnum(prev2));
}

/** The versions a spec's text could carry in a migration path (see the module comment). */
export function versionCandidates(text: string): VersionCandidates {
  if (CHARACTER_REFERENCE.test(text)) return null;
  const out = new Set<string>();
  DIGITS_BEFORE_UNDERSCORE.lastIndex = 0;
  for (let m = DIGITS_BEFORE_UNDERSCORE.exec(text); m; m = DIGITS_BEFORE_UNDERSCORE.exec(text)) {
    // only maximal runs (a run preceded by a digit is a suffix of a longer one, already counted), and none
    // inside a name (`p2_x.sql`, `task_1_test.go` are no file names starting with 2 or 1)
    const start = m.index;
    if (afterFileNameChar(start > 0 ? text.charCodeAt(start - 1) : -1, start > 1 ? text.charCodeAt(start - 2) : -1)) continue;
    out.add(m[1]!);
  }
  // fresh strings: a regex match is a slice that would keep the whole text alive
  return structuredClone([...out].sort());
}

/** The goose version of a migration path: the digits before the first `_` of the file name (goose's rule). */
export function migrationVersion(path: string): string | null {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const i = p.lastIndexOf('/');
  const base = i >= 0 ? p.slice(i + 1) : p;
  const m = /^(\d+)_(.*?)(\.sql)?$/i.exec(base);
  return m ? m[1]! : null;
}

/** One migration of another spec that carries the version asked about. */
export interface VersionUse {
  /** Repository-relative path of the spec. */
  filePath: string;
  /** The migration path as the spec writes it. */
  path: string;
}

/** The migration paths of one spec, in document order (null paths left out). */
export type MigrationPaths = readonly string[];

/**
 * Answers "which specs of the run use migration version V" from candidates, loading (parsing) only the
 * specs that could. `load(i)` returns the migration paths of spec `i` (run order).
 */
export class VersionIndex {
  private readonly byVersion = new Map<string, number[]>();
  private readonly wildcard: number[] = [];
  /** Migration paths of specs another spec may ask about (see `remember`). */
  private readonly known = new Map<number, MigrationPaths>();
  /**
   * Per spec: 1 when another spec may ask about it: it shares a candidate, or has none (it may hold any
   * version). (A spec without candidates may also ask about any spec: one not kept is then parsed again.)
   */
  private readonly shared: Uint8Array;
  /** The spec being linted, remembered whether or not it is shared. */
  private current: { index: number; paths: MigrationPaths } | null = null;

  constructor(
    /** Repository-relative paths of every spec of the run, in run order (linted first, then context). */
    private readonly relPaths: readonly string[],
    candidates: readonly VersionCandidates[],
    private readonly load: (index: number) => MigrationPaths,
  ) {
    candidates.forEach((c, i) => {
      if (c === null) {
        this.wildcard.push(i);
        return;
      }
      for (const v of c) {
        let list = this.byVersion.get(v);
        if (!list) this.byVersion.set(v, (list = []));
        list.push(i);
      }
    });
    this.shared = new Uint8Array(candidates.length);
    candidates.forEach((c, i) => {
      if (c === null || c.some((v) => this.byVersion.get(v)!.length > 1)) this.shared[i] = 1;
    });
  }

  /**
   * Records the migration paths of a spec already extracted (the one being linted). They are kept for the
   * rest of the run only when another spec may ask about them: most specs' versions are their own, and
   * keeping every spec's paths made a long run's memory grow with the number of specs.
   */
  remember(index: number, paths: MigrationPaths): void {
    this.current = { index, paths };
    if (this.shared[index] === 1) this.known.set(index, paths);
  }

  /** Every migration of every spec of the run whose version is `version`, in run order then document order. */
  uses(version: string): VersionUse[] {
    const idx = [...(this.byVersion.get(version) ?? []), ...this.wildcard].sort((a, b) => a - b);
    const out: VersionUse[] = [];
    let last = -1;
    for (const i of idx) {
      if (i === last) continue;
      last = i;
      let paths = this.current?.index === i ? this.current.paths : this.known.get(i);
      if (!paths) {
        paths = this.load(i);
        this.known.set(i, paths);
      }
      for (const p of paths) if (migrationVersion(p) === version) out.push({ filePath: this.relPaths[i]!, path: p });
      // (answers are not memoised: keyed by the asker's strings, a memo would keep every asker's text alive)
    }
    return out;
  }
}
