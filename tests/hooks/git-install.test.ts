/**
 * Installing spec from a git revision, as the pre-commit framework 4.x does for the `spec-lint` hook
 * (`npm install --allow-git=root --install-links -g git+file://<clone>`, into its own prefix) and as a
 * project does with `npm install git+https://…#v0.1.0`: the package has no install-time build (npm would
 * run it without dev dependencies), carries its sources, and builds itself on its first run (bin/spec,
 * scripts/build-installed.mjs). Never skipped: it needs npm and git only. npm runs against a registry on
 * 127.0.0.1 that serves package-lock.json's packages, its tarballs from npm's cache (tests/hooks/lock-registry.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../changed/git-helpers.js';
import { tempFixtureRepo } from '../helpers/cli.js';
import { snapshotCheckout } from './snapshot.js';
import { npmEnv, runAsync as run, startLockRegistry, type LockRegistry } from './lock-registry.js';

const INSTALL_TIMEOUT = 5 * 60_000;

describe('installing spec from a git revision (pre-commit 4.x, npm install git+…)', () => {
  let registry: LockRegistry;
  let prefix: string;
  let clone: string;
  let installed: { status: number; stdout: string; stderr: string };

  beforeAll(async () => {
    registry = await startLockRegistry(join(projectRoot, 'package-lock.json'));
    clone = snapshotCheckout(join(tmpdir(), 'spec-git-install-checkout')).dir;
    prefix = realpathSync(mkdtempSync(join(tmpdir(), 'spec-git-install-prefix-')));
    // pre-commit 4.x's command (pre_commit/languages/node.py), with the environment as its prefix
    installed = await run('npm', ['install', '--allow-git=root', '--install-links', '-g', `git+file://${clone}`, '--prefix', prefix], {
      cwd: prefix,
      env: npmEnv(registry.url, { npm_config_prefix: prefix }),
    });
  }, INSTALL_TIMEOUT + 30_000);
  afterAll(async () => {
    await registry?.close();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  it('installs with no build script run, and the installed spec builds itself once and lints', async () => {
    expect(installed.status, `${installed.stdout}\n${installed.stderr}\ncache misses: ${registry.misses.join(', ')}`).toBe(0);
    const pkg = join(prefix, 'lib', 'node_modules', 'spec-lint');
    expect(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).name).toBe('spec-lint');
    // no build at install time: no dist/, no dev dependencies
    expect(existsSync(join(pkg, 'dist'))).toBe(false);
    expect(existsSync(join(pkg, 'node_modules', 'vitest'))).toBe(false);
    const bin = join(prefix, 'bin', 'spec');
    expect(existsSync(bin)).toBe(true);

    const version = await run(bin, ['--version'], { cwd: prefix });
    expect(version.stderr).toContain('first run of this install: building the CLI');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
    expect(version.status).toBe(0);
    expect(existsSync(join(pkg, 'dist', 'build-id.txt'))).toBe(true);

    // the second run does not build again, and lints a repository: a broken spec is exit 1, naming the rule
    const repo = tempFixtureRepo();
    try {
      const spec = join(repo.dir, 'tech-specs', 'workspace-invites.md');
      writeFileSync(spec, readFileSync(spec, 'utf8').replace('  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ T-002, T-009'));
      const lint = await run(bin, ['lint', 'tech-specs/workspace-invites.md'], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
      expect(lint.stderr).not.toContain('building the CLI');
      expect(lint.stdout).toContain('task/dependencies');
      expect(lint.status).toBe(1);
    } finally {
      repo.cleanup();
    }
  }, INSTALL_TIMEOUT);
});
