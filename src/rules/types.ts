/**
 * The rule contract, after ESLint's rule modules: `meta` describes the rule, `check(ctx)` reads the models
 * in `ctx` and calls `ctx.report`. A rule never reads files and never parses markdown; heavy engines (SQL
 * parser, tree-sitter, TypeScript) are loaded with `await import()` inside `check`, only when the spec has a
 * block that needs them.
 */
import type { Loc, PrdModel, SpecModel } from '../model/types.js';
import type { RepoIndex } from '../lint/repo.js';
import type { Severity, SeveritySetting } from '../lint/types.js';
import type { EffectiveConfig } from '../lint/config.js';
import type { CodeEngines } from './engines.js';
import type { RuleFix } from '../fix/types.js';

export interface RuleMeta {
  /** `<category>/<name>`, stable forever. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  defaultSeverity: SeveritySetting;
  /** Set by the registry from the id; rules leave it out. */
  docsUrl?: string;
  /** Some findings carry a fix (`spec lint --fix`); the rule's doc page says "Fixable: yes". */
  fixable?: boolean;
}

export interface Report {
  message: string;
  loc: Loc;
  /** A line-independent key for the finding (task id, requirement id, path …). */
  key?: string;
  /** Lower the severity of this one finding (e.g. a warning inside an error rule). */
  severity?: Severity;
  /** The edits that repair this finding, in model positions (src/fix/types.ts). Only mechanical ones. */
  fix?: RuleFix;
}

/** What the run knows about the PRD a spec names. */
export interface PrdState {
  /** The path written in the header, or null when there is none. */
  path: string | null;
  status: 'none' | 'ok' | 'missing' | 'outside' | 'unreadable';
  model: PrdModel | null;
  /** sha256 of the PRD's bytes, when it was read. */
  sha256?: string;
}

/** Cross-file facts computed once per run and shared by every spec's rules. */
export interface RunFacts {
  /** Every spec linted in this run (its model), for cross-spec checks such as duplicate migration versions. */
  specs: readonly SpecModel[];
  /** Existing migration files in the repository's migrations directory (repository-relative). */
  existingMigrations: readonly string[];
  /** Per-run scratch space for rules that share expensive work across specs (an engine instance …). */
  shared: Map<string, unknown>;
  /** Whether `--exec` (or config `exec: true`) asked for migrations to be executed. */
  exec: boolean;
  /**
   * Every migration of the run's specs (the current one included) whose goose version (the digits before
   * the first `_` of the file name) is `version`: the spec's repository-relative path and the migration
   * path, in run order then document order. Cheap: only specs whose text could hold that version are read,
   * so prefer it to scanning `specs` (which a large run builds lazily, by extracting every spec). Always set
   * by the engine; optional so hand-built facts in tests stay valid.
   */
  migrationsWithVersion?(version: string): ReadonlyArray<{ filePath: string; path: string }>;
  /**
   * The SQL of the existing migrations, in version order, read by the engine on first call (only `--exec`
   * needs it; rules never read files themselves). Files the file-access layer refuses (src/fs/access.ts) are
   * left out and listed in `refused` with the reason. Always set by the engine.
   */
  existingMigrationSources?(): Promise<ReadonlyArray<{ path: string; sql: string }> & { refused?: ReadonlyArray<{ path: string; message: string }> }>;
  /**
   * The code engines (Go, TypeScript, SQL, migration analysis) when the run supplies them — a worker
   * thread's run asks the main thread's — else each rule loads them in its own thread (see engines.ts).
   */
  engines?: CodeEngines;
}

export interface RuleContext {
  spec: SpecModel;
  prd: PrdState;
  repo: RepoIndex;
  config: EffectiveConfig;
  run: RunFacts;
  /** Whether the spec lives under the completed-specs directory. */
  isCompleted: boolean;
  /** Rule options from config (`["error", { … }]`), or undefined. */
  options: Record<string, unknown> | undefined;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void | Promise<void>;
}

/** Identity helper that keeps rule modules typed. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
