/**
 * The pre-commit framework (https://pre-commit.com) installs the `spec-lint` hook of .pre-commit-hooks.yaml
 * from a local checkout into a temporary repository, and a commit of a broken spec is rejected while a good
 * one is accepted. pre-commit is a Python tool: the test runs when the `pre-commit` binary is on PATH (Debian:
 * `apt-get install pre-commit`) and is skipped, saying so, otherwise.
 *
 * Installing a `language: node` hook runs `npm install`, `npm pack` (which builds dist/) and a global install
 * of the packed tarball: the test runs npm offline (from the npm cache `npm ci` filled), never the network.
 * PRE_COMMIT_HOME and the checkout snapshot live at fixed temporary paths and the snapshot commit is
 * deterministic, so an unchanged checkout reuses the hook environment instead of installing it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixtureGitRepo, git, gitEnv, projectRoot, type TempRepo } from '../changed/git-helpers.js';

const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!havePreCommit) {
  process.stderr.write('tests/hooks/pre-commit.test.ts: SKIPPED — the pre-commit binary is not installed (Debian: apt-get install pre-commit).\n');
}

const INVITES = 'tech-specs/workspace-invites.md';
const GOOD_DEP = '  - _Dependencies:_ T-002, T-003';
const BAD_DEP = '  - _Dependencies:_ T-002, T-009';
const INSTALL_TIMEOUT = 14 * 60_000;

/**
 * Copies the checkout's files (tracked and untracked, not ignored) into a repository with one deterministic
 * commit, at a path named after their content: an unchanged checkout gives the same path and commit, so
 * pre-commit reuses its hook environment, and concurrent runs never write into each other's snapshot.
 */
function snapshotCheckout(base: string): { dir: string; rev: string } {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot })
    .toString('utf8')
    .split('\0')
    .filter((f) => f && existsSync(join(projectRoot, f)) && lstatSync(join(projectRoot, f)).isFile())
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(projectRoot, f))).update('\0');
  const dir = `${base}-${hash.digest('hex').slice(0, 16)}`;
  const env = gitEnv({ GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' });
  const gitIn = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
  if (existsSync(join(dir, '.git'))) {
    try {
      return { dir, rev: gitIn(dir, 'rev-parse', 'HEAD') };
    } catch {
      // a half-made snapshot: make it again below
    }
  }
  const staging = mkdtempSync(`${base}-staging-`);
  for (const f of files) {
    mkdirSync(dirname(join(staging, f)), { recursive: true });
    copyFileSync(join(projectRoot, f), join(staging, f));
  }
  gitIn(staging, 'init', '-q', '-b', 'main');
  gitIn(staging, 'add', '-A');
  gitIn(staging, 'commit', '-q', '--no-verify', '-m', 'checkout snapshot');
  try {
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch {
    // another run put the same snapshot in place first
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir, rev: gitIn(dir, 'rev-parse', 'HEAD') };
}

describe.skipIf(!havePreCommit)(`pre-commit framework${havePreCommit ? '' : ' (skipped: pre-commit is not installed)'}`, () => {
  let repo: TempRepo;
  const home = join(tmpdir(), 'spec-pre-commit-home');
  const snapshotBase = join(tmpdir(), 'spec-pre-commit-checkout');
  const env = gitEnv({ PRE_COMMIT_HOME: home, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_COLOR: '1' });
  const p = (rel: string) => join(repo.dir, rel);
  const run = (cmd: string, args: string[], timeout = 120_000) => {
    const r = spawnSync(cmd, args, { cwd: repo.dir, env, encoding: 'utf8', timeout });
    return { status: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  };

  beforeAll(() => {
    // each hook environment takes about 100 MB: start afresh when earlier checkouts left several
    if (existsSync(home) && readdirSync(home).filter((n) => n.startsWith('repo')).length > 3) {
      spawnSync('pre-commit', ['clean'], { env, encoding: 'utf8', timeout: 120_000 });
    }
    const { dir: src, rev } = snapshotCheckout(snapshotBase);
    repo = fixtureGitRepo();
    writeFileSync(p('.pre-commit-config.yaml'), `repos:\n  - repo: ${src}\n    rev: ${rev}\n    hooks:\n      - id: spec-lint\n`);
    git(repo.dir, 'add', '.pre-commit-config.yaml');
    git(repo.dir, 'commit', '-q', '-m', 'use the spec-lint hook');
  }, 300_000);
  afterAll(() => {
    repo?.cleanup();
    // drop snapshots of earlier checkouts left for a day (this run's stays, with its hook environment, for the next run)
    for (const name of readdirSync(tmpdir())) {
      const old = join(tmpdir(), name);
      if (name.startsWith('spec-pre-commit-checkout-') && Date.now() - statSync(old).mtimeMs > 86_400_000) rmSync(old, { recursive: true, force: true });
    }
  }, 120_000);

  it(
    'installs spec-lint from a local checkout; a broken spec is rejected at commit, a good one accepted',
    (ctx) => {
      const install = run('pre-commit', ['install']);
      expect(install.status, install.output).toBe(0);
      const envs = run('pre-commit', ['install-hooks'], INSTALL_TIMEOUT);
      if (envs.status !== 0 && /ENOTCACHED/.test(envs.output)) {
        process.stderr.write('tests/hooks/pre-commit.test.ts: SKIPPED — npm runs offline here and its cache lacks packages the hook needs; run `npm ci` (or `npm install`) once with network access.\n');
        ctx.skip();
      }
      expect(envs.status, `${envs.output}\n${existsSync(join(home, 'pre-commit.log')) ? readFileSync(join(home, 'pre-commit.log'), 'utf8') : ''}`).toBe(0);

      const good = readFileSync(p(INVITES), 'utf8');
      writeFileSync(p(INVITES), good.replace(GOOD_DEP, BAD_DEP));
      git(repo.dir, 'add', INVITES);
      const bad = run('git', ['commit', '-m', 'a broken spec'], INSTALL_TIMEOUT);
      expect(bad.status, bad.output).not.toBe(0);
      expect(bad.output).toContain('spec-lint');
      expect(bad.output).toContain('task/dependencies');
      expect(git(repo.dir, 'log', '--format=%s')).not.toContain('a broken spec');

      writeFileSync(p(INVITES), `${good}\n`);
      git(repo.dir, 'add', INVITES);
      const ok = run('git', ['commit', '-m', 'a good spec'], INSTALL_TIMEOUT);
      expect(ok.status, ok.output).toBe(0);
      expect(git(repo.dir, 'log', '-1', '--format=%s').trim()).toBe('a good spec');

      // a commit that touches no spec, PRD or migration does not run the hook at all
      writeFileSync(p('README.md'), '# app\n');
      git(repo.dir, 'add', 'README.md');
      const other = run('git', ['commit', '-m', 'readme']);
      expect(other.status, other.output).toBe(0);
      expect(other.output).toMatch(/spec lint\.+\(no files to check\)Skipped/);
    },
    INSTALL_TIMEOUT * 2,
  );
});
