/**
 * Runs `--fix` the way the CLI does (lintFiles, then fixFiles) on one spec in a temporary copy of the
 * fixture repository (tests/fixtures/repo), with every rule, and returns what it wrote and what remains.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lintFiles } from '../../src/lint/engine.js';
import { mergeConfig, type RawConfig } from '../../src/lint/config.js';
import { fixFiles } from '../../src/fix/run.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { fixtureRepo } from '../helpers/rule-tester.js';

export interface FixCaseResult {
  /** The first lint's messages. */
  before: Diagnostic[];
  /** The messages after fixing. */
  after: Diagnostic[];
  /** The file's content after `--fix` (read back from disk). */
  written: string;
  /** The result's `output` (undefined when nothing changed). */
  output: string | undefined;
}

export async function fixCase(spec: string, opts: { files?: Record<string, string | null>; config?: RawConfig; filePath?: string } = {}): Promise<FixCaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'spec-fix-'));
  try {
    cpSync(fixtureRepo, dir, { recursive: true });
    rmSync(join(dir, 'tech-specs'), { recursive: true, force: true });
    mkdirSync(join(dir, 'tech-specs', 'completed'), { recursive: true });
    for (const [rel, content] of Object.entries(opts.files ?? {})) {
      const abs = join(dir, rel);
      if (content === null) rmSync(abs, { force: true, recursive: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
    }
    const abs = join(dir, opts.filePath ?? 'tech-specs/under-test.md');
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, spec);
    const config = mergeConfig(opts.config ?? {}, dir, null);
    const run = await lintFiles({ config, files: [abs] });
    const fixed = await fixFiles(run.results, { config, repo: createRepoIndex(config.root), allFiles: [abs], write: true });
    return { before: run.results[0]!.messages, after: fixed[0]!.messages, written: readFileSync(abs, 'utf8'), output: fixed[0]!.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


/** The rule ids of messages, with their lines, for assertions. */
export const ids = (ms: Diagnostic[]) => ms.map((m) => `${m.line}: ${m.ruleId}`);
