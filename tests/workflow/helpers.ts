/** Shared helpers of the workflow tests: temporary repositories and running the CLI through main(). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/workflow/io.js';

export const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'workflow');

const made: string[] = [];

/** A fresh temporary directory (real path, so git and process.cwd agree). */
export function tempDir(prefix = 'spec-wf-'): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).toString('utf8');
}

/** A temporary git repository on branch `main`. */
export function tempRepo(branch = 'main'): string {
  const d = tempDir();
  git(d, 'init', '-q', '-b', branch);
  git(d, 'config', 'commit.gpgsign', 'false');
  return d;
}

/** Runs `spec <args>` through main() with `cwd` as the working directory; captures output. */
export async function runCli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err.push(String(s));
    return true;
  });
  const before = process.cwd();
  process.chdir(cwd);
  try {
    process.exitCode = undefined;
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.exitCode = undefined;
    process.chdir(before);
    o.mockRestore();
    e.mockRestore();
  }
}

/** An Io that records output and answers questions from a list. */
export function scriptedIo(answers: string[] = [], interactive = answers.length > 0): Io & { text: () => string; questions: string[] } {
  const chunks: string[] = [];
  const questions: string[] = [];
  return {
    out: (s) => void chunks.push(s),
    err: (s) => void chunks.push(s),
    interactive,
    async ask(q) {
      questions.push(q);
      if (answers.length === 0) throw new Error(`unexpected question: ${q}`);
      return answers.shift()!;
    },
    text: () => chunks.join(''),
    questions,
  };
}
