/**
 * The pre-commit framework (https://pre-commit.com) installs the `spec-lint` hook of .pre-commit-hooks.yaml
 * from a local checkout into a temporary repository, and a commit of a broken spec is rejected while a good
 * one is accepted. pre-commit is a Python tool: the test runs when the `pre-commit` binary is on PATH (Debian:
 * `apt-get install pre-commit`) and is skipped, saying so, otherwise.
 *
 * Installing a `language: node` hook: pre-commit 3.x (Debian's) runs `npm install` in its clone (which builds
 * dist/ through `postprepare`), `npm pack` and a global install of the tarball; pre-commit 4.x runs one
 * global install from git (tests/hooks/git-install.test.ts reproduces it, never skipped). npm asks a
 * registry on 127.0.0.1 that serves package-lock.json's packages from npm's cache: never the network.
 * PRE_COMMIT_HOME and the checkout snapshot live at fixed temporary paths and the snapshot commit is
 * deterministic, so an unchanged checkout reuses the hook environment instead of installing it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureGitRepo, git, gitEnv, projectRoot, type TempRepo } from '../changed/git-helpers.js';
import { snapshotCheckout } from './snapshot.js';
import { npmEnv, runAsync, startLockRegistry, type LockRegistry } from './lock-registry.js';

const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!havePreCommit) {
  process.stderr.write('tests/hooks/pre-commit.test.ts: SKIPPED — the pre-commit binary is not installed (Debian: apt-get install pre-commit).\n');
}

const INVITES = 'tech-specs/workspace-invites.md';
const GOOD_DEP = '  - _Dependencies:_ T-002, T-003';
const BAD_DEP = '  - _Dependencies:_ T-002, T-009';
const INSTALL_TIMEOUT = 14 * 60_000;

describe.skipIf(!havePreCommit)(`pre-commit framework${havePreCommit ? '' : ' (skipped: pre-commit is not installed)'}`, () => {
  let repo: TempRepo;
  let registry: LockRegistry;
  const home = join(tmpdir(), 'spec-pre-commit-home');
  const snapshotBase = join(tmpdir(), 'spec-pre-commit-checkout');
  let env: NodeJS.ProcessEnv;
  const p = (rel: string) => join(repo.dir, rel);
  // asynchronous: npm, under pre-commit, asks the registry this process serves
  const run = async (cmd: string, args: string[], timeout = 120_000) => {
    const r = await runAsync(cmd, args, { cwd: repo.dir, env, timeout });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };

  beforeAll(async () => {
    registry = await startLockRegistry(join(projectRoot, 'package-lock.json'));
    env = { ...gitEnv(), ...npmEnv(registry.url, { PRE_COMMIT_HOME: home }) };
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
  afterAll(async () => {
    repo?.cleanup();
    await registry?.close();
    // drop snapshots of earlier checkouts left for a day (this run's stays, with its hook environment, for the next run)
    for (const name of readdirSync(tmpdir())) {
      const old = join(tmpdir(), name);
      if (name.startsWith('spec-pre-commit-checkout-') && Date.now() - statSync(old).mtimeMs > 86_400_000) rmSync(old, { recursive: true, force: true });
    }
  }, 120_000);

  it(
    'installs spec-lint from a pinned revision; a broken spec or a colliding migration is rejected at commit, a good one accepted',
    async () => {
      const install = await run('pre-commit', ['install']);
      expect(install.status, install.output).toBe(0);
      const envs = await run('pre-commit', ['install-hooks'], INSTALL_TIMEOUT);
      expect(envs.status, `${envs.output}\n${existsSync(join(home, 'pre-commit.log')) ? readFileSync(join(home, 'pre-commit.log'), 'utf8') : ''}\ncache misses: ${registry.misses.join(', ')}`).toBe(0);

      const good = readFileSync(p(INVITES), 'utf8');
      writeFileSync(p(INVITES), good.replace(GOOD_DEP, BAD_DEP));
      git(repo.dir, 'add', INVITES);
      const bad = await run('git', ['commit', '-m', 'a broken spec'], INSTALL_TIMEOUT);
      expect(bad.status, bad.output).not.toBe(0);
      expect(bad.output).toContain('spec-lint');
      expect(bad.output).toContain('task/dependencies');
      expect(git(repo.dir, 'log', '--format=%s')).not.toContain('a broken spec');

      writeFileSync(p(INVITES), `${good}\n`);
      git(repo.dir, 'add', INVITES);
      const ok = await run('git', ['commit', '-m', 'a good spec'], INSTALL_TIMEOUT);
      expect(ok.status, ok.output).toBe(0);
      expect(git(repo.dir, 'log', '-1', '--format=%s').trim()).toBe('a good spec');

      // the hook follows the config, not a fixed pattern: with the migrations moved to db/migrations, a staged
      // migration there whose version a spec's migration already takes is caught
      mkdirSync(p('db'));
      git(repo.dir, 'mv', 'migrations', 'db/migrations');
      writeFileSync(p('spec.config.json'), '{ "paths": { "migrations": "db/migrations" } }\n');
      for (const spec of ['tech-specs/workspace-invites.md', 'tech-specs/member-lookup-index.md']) writeFileSync(p(spec), readFileSync(p(spec), 'utf8').replaceAll('`migrations/', '`db/migrations/'));
      git(repo.dir, 'add', '-A');
      const moved = await run('git', ['commit', '-m', 'migrations move']);
      expect(moved.status, moved.output).toBe(0);
      const migration = 'db/migrations/20261102120000_other.sql';
      writeFileSync(p(migration), '-- +goose Up\nCREATE TABLE other (id bigint);\n-- +goose Down\nDROP TABLE other;\n');
      git(repo.dir, 'add', migration);
      const collide = await run('git', ['commit', '-m', 'a colliding migration']);
      expect(collide.status, collide.output).not.toBe(0);
      expect(collide.output).toContain('goose/version-unique');
      git(repo.dir, 'rm', '-q', '--cached', migration);
      rmSync(p(migration));

      // a commit that touches no spec, PRD, migration or config lints nothing and passes
      writeFileSync(p('README.md'), '# app\n');
      git(repo.dir, 'add', 'README.md');
      const other = await run('git', ['commit', '-m', 'readme']);
      expect(other.status, other.output).toBe(0);
      writeFileSync(p('main.go'), 'package main\n');
      git(repo.dir, 'add', 'main.go');
      const code = await run('git', ['commit', '-m', 'code']);
      expect(code.status, code.output).toBe(0);
      expect(code.output).toMatch(/spec lint\.+\(no files to check\)Skipped/);
    },
    INSTALL_TIMEOUT * 2,
  );
});
