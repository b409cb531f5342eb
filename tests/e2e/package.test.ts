/**
 * The published package, as the README installs it: `npm pack` of this checkout, installed into a new
 * project with `npm install --save-dev <tarball>` (npm's real resolution, against a registry on 127.0.0.1
 * that serves package-lock.json's packages from npm's cache: tests/hooks/lock-registry.ts), then
 * `npx spec --version` and `npx spec lint`. Also the package's shape: its registry name, the `spec`
 * command, no install-time script (nor one in a runtime dependency), the vendored Go grammar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../helpers/cli.js';
import { npmEnv, runAsync, startLockRegistry, type LockRegistry } from '../hooks/lock-registry.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  engines: { node: string };
};
const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

describe('the package', () => {
  it('is spec-lint on the registry and installs the `spec` command', () => {
    expect(pkg.name).toBe('spec-lint');
    expect(pkg.bin).toEqual({ spec: 'bin/spec' });
    expect(readme).toContain(`npm install --save-dev ${pkg.name}`);
    expect(readFileSync(join(projectRoot, 'docs', 'ci.md'), 'utf8')).toContain(`npm install --save-dev ${pkg.name}`);
    expect(readFileSync(join(projectRoot, 'src', 'workflow', 'init.ts'), 'utf8')).not.toContain("'node_modules', 'spec',");
  });

  it('has no script npm runs when installing it from git (npm would run it without dev dependencies)', () => {
    // pacote prepares a git dependency that has any of these (pacote/lib/git.js)
    for (const s of ['prepare', 'prepack', 'build', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.scripts.postprepare).toBe('npm run compile');
  });

  it('no runtime dependency runs an install script; the Go and shell grammars are vendored with their licences', () => {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }> };
    const scripted = Object.entries(lock.packages).filter(([k, v]) => k && !v.dev && v.hasInstallScript).map(([k]) => k);
    expect(scripted).toEqual([]);
    expect(pkg.dependencies['tree-sitter-go']).toBeUndefined();
    expect(existsSync(join(projectRoot, 'vendor', 'tree-sitter-go', 'tree-sitter-go.wasm'))).toBe(true);
    expect(readFileSync(join(projectRoot, 'vendor', 'tree-sitter-go', 'LICENSE'), 'utf8')).toMatch(/MIT License/i);
    expect(pkg.dependencies['tree-sitter-bash']).toBeUndefined();
    expect(existsSync(join(projectRoot, 'vendor', 'tree-sitter-bash', 'tree-sitter-bash.wasm'))).toBe(true);
    expect(readFileSync(join(projectRoot, 'vendor', 'tree-sitter-bash', 'LICENSE'), 'utf8')).toMatch(/MIT License/i);
    expect(pkg.files).toContain('vendor');
  });

  it('needs Node 20.19+ or 22.12+ (require of ES modules), and says so on an older one', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
    const old = spawnSync(process.execPath, ['--no-experimental-require-module', join(projectRoot, 'bin', 'spec'), '--version'], { encoding: 'utf8' });
    expect(old.status).toBe(2);
    expect(old.stderr).toMatch(/^spec: Node\.js .* cannot `require` ES modules: spec needs Node\.js 20\.19 or later/);
    expect(readFileSync(join(projectRoot, 'src', 'cli', 'main.ts'), 'utf8')).not.toContain('preloadFullParser');
  });
});

describe('npm pack, then npm install --save-dev <tarball> in a new project', () => {
  let registry: LockRegistry;
  let work: string;
  let tarball: string;
  beforeAll(async () => {
    registry = await startLockRegistry(join(projectRoot, 'package-lock.json'));
    work = realpathSync(mkdtempSync(join(tmpdir(), 'spec-pack-')));
    const packed = await runAsync('npm', ['pack', '--pack-destination', work, '--json', '--ignore-scripts'], { cwd: projectRoot, env: npmEnv(registry.url) });
    expect(packed.status, packed.stderr).toBe(0);
    tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs with the README line, and `npx spec` is this spec', async () => {
    const app = join(work, 'app');
    cpSync(join(projectRoot, 'tests', 'fixtures', 'repo'), app, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const env = npmEnv(registry.url);
    const install = await runAsync('npm', ['install', '--save-dev', tarball], { cwd: app, env, timeout: 5 * 60_000 });
    expect(install.status, `${install.stdout}${install.stderr}\ncache misses: ${registry.misses.join(', ')}`).toBe(0);
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).devDependencies['spec-lint']).toMatch(/spec-lint-.*\.tgz$/);
    const version = await runAsync('npx', ['--no-install', 'spec', '--version'], { cwd: app, env });
    expect(version.stdout.trim(), version.stderr).toBe(pkg.version);
    // the tarball carries the build: no first-run build
    expect(version.stderr).not.toContain('building the CLI');
    const lint = await runAsync('npx', ['--no-install', 'spec', 'lint'], { cwd: app, env: { ...env, NO_COLOR: '1' } });
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
    // the schema path spec init writes
    expect(existsSync(join(app, 'node_modules', 'spec-lint', 'schemas', 'spec.config.schema.json'))).toBe(true);
  }, 6 * 60_000);
});

describe('.pre-commit-hooks.yaml', () => {
  const yaml = readFileSync(join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8');
  const files = new RegExp(/^\s*files: (.+)$/m.exec(yaml)![1]!.trim());

  it('passes every Markdown, SQL and JSON file: spec lint --staged decides by the config (db/migrations/ included)', () => {
    for (const f of ['db/migrations/20260101090000_create.sql', 'migrations/x.sql', 'docs/specs/a.md', 'prds/p.md', 'spec.config.json', 'spec.config.jsonc', 'package.json']) expect(files.test(f), f).toBe(true);
    for (const f of ['main.go', 'web/src/App.tsx', 'Makefile']) expect(files.test(f), f).toBe(false);
    expect(yaml).toMatch(/^\s*entry: spec lint --staged --cache$/m);
    expect(yaml).toMatch(/^\s*language: node$/m);
    expect(yaml).toMatch(/^\s*pass_filenames: true$/m);
  });
});

describe('rule links from package.json', () => {
  it('derive https pages from repository (URL forms and shorthands) or homepage', async () => {
    const { repositoryUrl } = await import('../../src/package-info.js');
    expect(repositoryUrl({ repository: { url: 'git+https://github.com/acme/spec.git' } })).toBe('https://github.com/acme/spec');
    expect(repositoryUrl({ repository: 'git@github.com:acme/spec.git' })).toBe('https://github.com/acme/spec');
    expect(repositoryUrl({ repository: 'github:acme/spec' })).toBe('https://github.com/acme/spec');
    expect(repositoryUrl({ repository: 'acme/spec' })).toBe('https://github.com/acme/spec');
    expect(repositoryUrl({ repository: 'gitlab:acme/spec' })).toBe('https://gitlab.com/acme/spec');
    expect(repositoryUrl({ homepage: 'https://github.com/acme/spec#readme' })).toBe('https://github.com/acme/spec');
    expect(repositoryUrl({})).toBeUndefined();
  });
});
