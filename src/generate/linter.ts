/**
 * The bridge to `spec lint`: drafts are linted by the same engine, rules, repository root and config as
 * `spec lint` would use on the written file.
 */
import type { EffectiveConfig } from '../lint/config.js';
import type { LintOutcome } from './repair.js';

export interface DraftLinter {
  /** Lints `text` as if it were the file at `absPath`. */
  lint(text: string, absPath: string): Promise<LintOutcome>;
}

/**
 * Makes the linter for one run. The PRD is read from disk by the engine, exactly as `spec lint` reads it, so
 * the hash `trace/prd-changed` compares is the same in both tools.
 */
export type LinterFactory = (config: EffectiveConfig) => Promise<DraftLinter>;

/** The real engine (src/lint/engine.ts), with one repository index shared by every round. */
export const engineLinter: LinterFactory = async (config) => {
  const engine = await import('../lint/engine.js');
  const { createRepoIndex } = await import('../lint/repo.js');
  const repo = createRepoIndex(config.root);
  return {
    async lint(text, absPath) {
      const { result } = await engine.lintText(text, { filePath: absPath, config, repo, exec: false });
      return { result };
    },
  };
};
