/** `spec hook install|uninstall` in real git repositories, and commits going through the hook (needs the built CLI). */
import { beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { runCli, specBin } from '../helpers/cli.js';
import { git, gitEnv, useFixtureGitRepo } from '../changed/git-helpers.js';
import { gitHookScript, HOOK_MARKER } from '../../src/workflow/hook.js';

const INVITES = 'tech-specs/workspace-invites.md';
const GOOD_DEP = '  - _Dependencies:_ T-002, T-003';
const BAD_DEP = '  - _Dependencies:_ T-002, T-009';

const repo = useFixtureGitRepo();
const { p, read } = repo;
const hookCli = (...args: string[]) => runCli(['hook', ...args], { cwd: repo.dir, env: gitEnv() });

/** `git commit` as a user would run it, hooks included. */
function commit(message: string): { status: number; output: string } {
  const r = spawnSync('git', ['commit', '-m', message], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

function breakSpec(): void {
  writeFileSync(p(INVITES), read(INVITES).replace(GOOD_DEP, BAD_DEP));
  git(repo.dir, 'add', INVITES);
}
function fixSpec(): void {
  writeFileSync(p(INVITES), read(INVITES).replace(BAD_DEP, GOOD_DEP) + '\n');
  git(repo.dir, 'add', INVITES);
}

describe('spec hook install (plain git)', () => {
  it('writes an executable pre-commit hook that blocks a broken spec and lets a good one through', () => {
    const r = hookCli('install');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('spec: installed the pre-commit hook at .git/hooks/pre-commit: commits now run `spec lint --staged --cache`\n');
    const hook = p('.git/hooks/pre-commit');
    expect(read('.git/hooks/pre-commit')).toContain(HOOK_MARKER);
    expect(statSync(hook).mode & 0o111).not.toBe(0);

    breakSpec();
    const bad = commit('a broken spec');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('task/dependencies');
    expect(bad.output).toContain('T-009');
    expect(git(repo.dir, 'log', '--format=%s')).not.toContain('a broken spec');

    fixSpec();
    const good = commit('a good spec');
    expect(good.output).not.toContain('error');
    expect(good.status).toBe(0);
    expect(git(repo.dir, 'log', '-1', '--format=%s').trim()).toBe('a good spec');
  });

  it('is idempotent, and uninstall removes it', () => {
    expect(hookCli('install').status).toBe(0);
    const again = hookCli('install');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already installed');
    const un = hookCli('uninstall');
    expect(un.status).toBe(0);
    expect(un.stdout).toContain('removed the pre-commit hook');
    expect(existsSync(p('.git/hooks/pre-commit'))).toBe(false);
    expect(hookCli('uninstall').stdout).toContain('nothing to do');
  });

  it('refuses to overwrite a foreign hook without --force; --force backs it up and uninstall restores it', () => {
    const foreign = '#!/bin/sh\necho "team hook"\nexit 0\n';
    writeFileSync(p('.git/hooks/pre-commit'), foreign, { mode: 0o755 });

    const refused = hookCli('install');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('spec: a pre-commit hook that spec did not write already exists at .git/hooks/pre-commit');
    expect(refused.stderr).toContain('--force');
    expect(read('.git/hooks/pre-commit')).toBe(foreign);

    const forced = hookCli('install', '--force');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('.git/hooks/pre-commit.spec-backup');
    expect(read('.git/hooks/pre-commit.spec-backup')).toBe(foreign);
    expect(read('.git/hooks/pre-commit')).toContain(HOOK_MARKER);

    // uninstall leaves a foreign hook alone…
    const un = hookCli('uninstall');
    expect(un.status).toBe(0);
    expect(un.stdout).toContain('restored the previous one');
    expect(read('.git/hooks/pre-commit')).toBe(foreign);
    expect(statSync(p('.git/hooks/pre-commit')).mode & 0o111).not.toBe(0);
    expect(existsSync(p('.git/hooks/pre-commit.spec-backup'))).toBe(false);
    // …including when asked again
    expect(hookCli('uninstall').stdout).toContain('not written by spec; left it alone');
    expect(read('.git/hooks/pre-commit')).toBe(foreign);
  });

  it('follows core.hooksPath', () => {
    git(repo.dir, 'config', 'core.hooksPath', 'tools/hooks');
    expect(hookCli('install').status).toBe(0);
    expect(read('tools/hooks/pre-commit')).toContain(HOOK_MARKER);
    breakSpec();
    expect(commit('broken').status).not.toBe(0);
  });

  it('says what to do outside a git repository', () => {
    const r = runCli(['hook', 'install'], { cwd: '/', env: gitEnv({ GIT_CEILING_DIRECTORIES: '/' }) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not inside a git work tree/);
  });

  it('runs spec from the directory it was installed in (config in a subdirectory)', () => {
    const script = gitHookScript({ top: '/r', kind: 'git', file: '/r/.git/hooks/pre-commit', subdir: "docs/it's" }, specBin);
    expect(script).toContain(`cd 'docs/it'\\''s' || exit 1`);
    expect(script).toContain(`exec node '${specBin}' lint --staged`);
    expect(script).toContain('exec npx --no-install spec lint --staged --cache');
    const r = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
    expect(r.status).toBe(0);
  });
});

describe('spec hook install (husky)', () => {
  const original = '#!/usr/bin/env sh\nnpx lint-staged\n';
  beforeEach(() => {
    writeFileSync(p('package.json'), JSON.stringify({ name: 'app', private: true, devDependencies: { husky: '^9.0.0' } }, null, 2));
    mkdirSync(p('.husky'), { recursive: true });
    writeFileSync(p('.husky/pre-commit'), original, { mode: 0o755 });
    // the project depends on spec: its launcher is in node_modules/.bin
    mkdirSync(p('node_modules/.bin'), { recursive: true });
    symlinkSync(specBin, p('node_modules/.bin/spec'));
    writeFileSync(p('.gitignore'), 'node_modules/\n');
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-q', '-m', 'husky');
  });

  it('adds a marked step to .husky/pre-commit, keeps what was there, and uninstall takes only its step out', () => {
    const r = hookCli('install');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('.husky/pre-commit (husky)');
    const text = read('.husky/pre-commit');
    expect(text.startsWith(original)).toBe(true);
    expect(text).toContain('npx --no-install spec lint --staged --cache || exit 1');
    expect(existsSync(p('.git/hooks/pre-commit'))).toBe(false);
    expect(hookCli('install').stdout).toContain('already in .husky/pre-commit');
    expect(read('.husky/pre-commit')).toBe(text);

    expect(hookCli('uninstall').status).toBe(0);
    expect(read('.husky/pre-commit')).toBe(original);
  });

  it('creates .husky/pre-commit when there is none, and removes it again', () => {
    git(repo.dir, 'rm', '-q', '.husky/pre-commit');
    mkdirSync(p('.husky/_'), { recursive: true });
    expect(hookCli('install').status).toBe(0);
    expect(read('.husky/pre-commit').startsWith('#!/usr/bin/env sh\n')).toBe(true);
    expect(hookCli('uninstall').stdout).toContain('removed .husky/pre-commit');
    expect(existsSync(p('.husky/pre-commit'))).toBe(false);
  });

  it('blocks a broken spec when git runs the husky hooks', () => {
    writeFileSync(p('.husky/pre-commit'), '#!/usr/bin/env sh\necho husky-ran\n', { mode: 0o755 });
    git(repo.dir, 'add', '.husky/pre-commit');
    git(repo.dir, 'commit', '-q', '-m', 'simpler husky hook');
    // husky 4–8 point core.hooksPath at .husky (husky 9 at .husky/_, whose stubs run .husky/pre-commit)
    git(repo.dir, 'config', 'core.hooksPath', '.husky');
    expect(hookCli('install').status).toBe(0);
    breakSpec();
    const bad = commit('broken');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('husky-ran');
    expect(bad.output).toContain('task/dependencies');
    fixSpec();
    git(repo.dir, 'add', '.husky/pre-commit');
    const good = commit('fixed');
    expect(good.status, good.output).toBe(0);
  });
});
