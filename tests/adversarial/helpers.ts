/**
 * Shared by the adversarial tests: the two valid example specs, a temporary copy of the fixture repository,
 * lint in this process (every rule, as `spec lint` runs them) and through the built CLI.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { lintText } from '../../src/lint/engine.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import type { Diagnostic } from '../../src/lint/types.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixtureRepo = join(repoRoot, 'tests', 'fixtures', 'repo');
export const cli = join(repoRoot, 'bin', 'spec');

export const validSpecs: Record<string, string> = {
  'workspace-invites.md': readFileSync(join(fixtureRepo, 'tech-specs', 'workspace-invites.md'), 'utf8'),
  'member-lookup-index.md': readFileSync(join(fixtureRepo, 'tech-specs', 'member-lookup-index.md'), 'utf8'),
};

const config = mergeConfig({}, fixtureRepo, null);
const repo = createRepoIndex(fixtureRepo);

/** Lints a document in this process, as if written at tech-specs/under-test.md of the fixture repository. */
export async function lintDoc(text: string): Promise<Diagnostic[]> {
  const { result } = await lintText(text, { filePath: 'tech-specs/under-test.md', config, repo });
  return result.messages;
}

/** A temporary copy of the fixture repository (without its specs); removed by the returned function. */
export function tempRepo(): { dir: string; write(rel: string, content: string | Buffer): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'spec-adv-'));
  cpSync(fixtureRepo, dir, { recursive: true });
  rmSync(join(dir, 'tech-specs'), { recursive: true, force: true });
  mkdirSync(join(dir, 'tech-specs', 'completed'), { recursive: true });
  return {
    dir,
    write(rel, content) {
      const abs = join(dir, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      return abs;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs the built CLI; the test suite builds first (`npm test`). */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The diagnostics that mean a rule or the engine fell over. */
export function internalErrors(messages: Diagnostic[]): string[] {
  return messages.filter((m) => m.ruleId === 'lint/internal-error').map((m) => `${m.line}: ${m.message}`);
}
