/**
 * The pre-commit hook runs `spec lint --staged --cache`: its cache lives in the git directory (nothing in the
 * work tree, nothing for git to list), and a commit after a prose-only edit gives the report a run without
 * the cache gives. Needs the built CLI.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, projectRoot, useFixtureGitRepo } from '../changed/git-helpers.js';
import { mergeConfig } from '../../src/lint/config.js';
import { stagedCacheFile } from '../../src/lint/changed.js';

const INVITES = 'tech-specs/workspace-invites.md';
const BAD_DEP = '  - _Dependencies:_ T-002, T-009';
const GOOD_DEP = '  - _Dependencies:_ T-002, T-003';

const repo = useFixtureGitRepo();
const { p, read } = repo;
const lint = (...args: string[]) => runCli(['lint', '--format', 'json', ...args], { cwd: repo.dir, env: { ...gitEnv(), SPEC_CACHE_DIR: join(repo.dir, '.git', 'v8-test') } });

describe('the pre-commit hook definition', () => {
  it('runs spec lint --staged --cache, and says why the cache is where it is', () => {
    const yaml = readFileSync(join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8');
    expect(yaml).toMatch(/^\s*entry: spec lint --staged --cache\s*$/m);
    expect(yaml).toContain('git rev-parse --git-path spec-cache');
  });
});

describe('spec lint --staged --cache', () => {
  it('keeps its cache in the git directory: the work tree stays clean', () => {
    writeFileSync(p(INVITES), read(INVITES) + '\nA prose edit.\n');
    git(repo.dir, 'add', INVITES);
    const r = lint('--staged', '--cache');
    expect(r.status).toBeLessThan(2);
    expect(existsSync(join(repo.dir, '.git', 'spec-cache', 'lint.json'))).toBe(true);
    expect(existsSync(p('.spec-cache'))).toBe(false);
    expect(git(repo.dir, 'status', '--porcelain', '--untracked-files=all')).toBe(`M  ${INVITES}\n`);
    expect(stagedCacheFile(mergeConfig({}, repo.dir, null))).toBe(join(repo.dir, '.git', 'spec-cache', 'lint.json'));
  });

  it('--cache-location still wins', () => {
    writeFileSync(p(INVITES), read(INVITES) + '\nA prose edit.\n');
    git(repo.dir, 'add', INVITES);
    lint('--staged', '--cache', '--cache-location', 'elsewhere/');
    expect(existsSync(p('elsewhere/lint.json'))).toBe(true);
    expect(existsSync(join(repo.dir, '.git', 'spec-cache'))).toBe(false);
  });

  it('prose-only edits, one after another: the same reports as without the cache', () => {
    // a finding to carry through the cached runs
    writeFileSync(p(INVITES), read(INVITES).replace(GOOD_DEP, BAD_DEP));
    git(repo.dir, 'add', INVITES);
    git(repo.dir, 'commit', '-q', '--no-verify', '-m', 'broken dependency');
    for (let i = 0; i < 3; i++) {
      writeFileSync(p(INVITES), read(INVITES) + `\nProse edit ${i}.\n`);
      git(repo.dir, 'add', INVITES);
      const cached = lint('--staged', '--cache');
      const plain = lint('--staged');
      expect(cached.stdout).toBe(plain.stdout);
      expect(cached.status).toBe(1);
      expect(cached.stdout).toContain('T-009');
    }
    // a spec named as pre-commit names them
    const named = lint('--staged', '--cache', INVITES);
    expect(named.stdout).toBe(lint('--staged', INVITES).stdout);
    expect(readdirSync(join(repo.dir, '.git', 'spec-cache'))).toEqual(['lint.json']);
  });
});
