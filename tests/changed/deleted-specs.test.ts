/**
 * A spec deleted from the work tree — deleted and not staged, staged as deleted (`git rm`), or deleted in a
 * commit of the branch — is not linted: not by a directory or glob run (git still lists a tracked file until
 * the deletion is committed), not by `--staged`, not by `--changed-since` (needs the built CLI).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { discoverSpecs } from '../../src/lint/discover.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import { fixtureConfig, git, gitEnv, useFixtureGitRepo } from './git-helpers.js';

const INVITES = 'tech-specs/workspace-invites.md';
const LOOKUP = 'tech-specs/member-lookup-index.md';

const repo = useFixtureGitRepo();
const lint = (args: string[]) => runCli(['lint', ...args, '--format', 'json'], { cwd: repo.dir, env: { ...gitEnv(), GITHUB_ACTIONS: undefined, GITHUB_WORKSPACE: undefined } });
const linted = (stdout: string) => (JSON.parse(stdout) as Array<{ filePath: string }>).map((r) => r.filePath.slice(repo.dir.length + 1)).sort();

describe('a spec deleted from the work tree is not linted', () => {
  it('discoverSpecs leaves out a tracked spec deleted from disk (directory, glob, default)', () => {
    rmSync(repo.p(LOOKUP));
    const config = fixtureConfig(repo.dir);
    const rel = (files: string[]) => files.map((f) => f.slice(repo.dir.length + 1));
    for (const patterns of [['tech-specs'], ['tech-specs/*.md'], []]) {
      expect(rel(discoverSpecs(config, createRepoIndex(repo.dir), patterns, { cwd: repo.dir })), patterns.join(' ')).not.toContain(LOOKUP);
    }
    expect(rel(discoverSpecs(config, createRepoIndex(repo.dir), ['tech-specs'], { cwd: repo.dir }))).toContain(INVITES);
  });

  it('a directory run: deleted, not staged', () => {
    rmSync(repo.p(LOOKUP));
    const r = lint(['tech-specs/']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(linted(r.stdout)).not.toContain(LOOKUP);
    expect(linted(r.stdout)).toContain(INVITES);
  });

  it('a directory run and a glob run: staged as deleted', () => {
    git(repo.dir, 'rm', '-q', LOOKUP);
    for (const args of [['tech-specs/'], ['tech-specs/*.md'], []]) {
      const r = lint(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(linted(r.stdout)).not.toContain(LOOKUP);
    }
  });

  it('--staged: a staged deletion is not linted, the other staged specs are', () => {
    git(repo.dir, 'rm', '-q', LOOKUP);
    writeFileSync(repo.p(INVITES), repo.read(INVITES) + '\n');
    git(repo.dir, 'add', INVITES);
    const r = lint(['--staged']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(linted(r.stdout)).toEqual([INVITES]);
  });

  it('--changed-since: deleted in the work tree, or in a commit of the branch', () => {
    git(repo.dir, 'checkout', '-q', '-b', 'feature');
    rmSync(repo.p(LOOKUP));
    let r = lint(['--changed-since', 'main']);
    expect(r.status).toBe(0);
    expect(linted(r.stdout)).toEqual([]);
    git(repo.dir, 'rm', '-q', LOOKUP);
    git(repo.dir, 'commit', '-q', '-m', 'drop the lookup spec');
    r = lint(['--changed-since', 'main']);
    expect(r.status).toBe(0);
    expect(linted(r.stdout)).toEqual([]);
  });
});
