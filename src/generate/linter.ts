/**
 * The bridge to `spec lint`: drafts are linted by the same engine, rules, repository root and config as
 * `spec lint` would use on the written file.
 */
import type { EffectiveConfig } from '../lint/config.js';
import type { FileResult } from '../lint/types.js';
import type { LintOutcome } from './repair.js';

export interface DraftLinter {
  /** Lints `text` as if it were the file at `absPath`. */
  lint(text: string, absPath: string): Promise<LintOutcome>;
}

export type LinterFactory = (config: EffectiveConfig, opts: { prdText?: string }) => Promise<DraftLinter>;

type LintTextFn = (
  text: string,
  opts: { filePath: string; config: EffectiveConfig; repo?: unknown; prdText?: string; exec?: boolean },
) => Promise<{ result: FileResult }>;

/** The real engine (src/lint/engine.ts), with one repository index shared by every round. */
export const engineLinter: LinterFactory = async (config, opts) => {
  const specifier = '../lint/engine.js';
  const engine = (await import(specifier)) as { lintText: LintTextFn };
  const { createRepoIndex } = await import('../lint/repo.js');
  const repo = createRepoIndex(config.root);
  return {
    async lint(text, absPath) {
      const { result } = await engine.lintText(text, { filePath: absPath, config, repo, prdText: opts.prdText, exec: false });
      return { result };
    },
  };
};
