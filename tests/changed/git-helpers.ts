/** Temporary git repositories for the --staged / --changed-since tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type EffectiveConfig } from '../../src/lint/config.js';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An environment for git that ignores the user's and the system's configuration. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.test',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.test',
    ...extra,
  };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE']) delete env[k];
  return env;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface TempRepo {
  dir: string;
  cleanup: () => void;
}

/** A git repository holding a copy of tests/fixtures/repo, everything committed on `main`. */
export function fixtureGitRepo(): TempRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'spec-git-')));
  cpSync(join(projectRoot, 'tests', 'fixtures', 'repo'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh `fixtureGitRepo()` for each test of the calling file or `describe` (removed after it), and paths
 * and reads relative to it.
 */
export function useFixtureGitRepo(): { readonly dir: string; p(rel: string): string; read(rel: string): string } {
  let repo: TempRepo | undefined;
  beforeEach(() => {
    repo = fixtureGitRepo();
  });
  afterEach(() => repo?.cleanup());
  const dir = () => {
    if (!repo) throw new Error('useFixtureGitRepo: the repository exists only inside a test');
    return repo.dir;
  };
  const p = (rel: string) => join(dir(), rel);
  return {
    get dir() {
      return dir();
    },
    p,
    read: (rel: string) => readFileSync(p(rel), 'utf8'),
  };
}

/** The effective config of the fixture repository's spec.config.json, migrations under `migrations/`. */
export function fixtureConfig(dir: string): EffectiveConfig {
  return mergeConfig({ paths: { migrations: 'migrations' } }, dir, join(dir, 'spec.config.json'));
}
