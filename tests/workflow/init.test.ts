import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/lint/config.js';
import { composeServices, detectDefaults, goModuleName, pyprojectName, runInit, schemaReference } from '../../src/workflow/init.js';
import { cleanup, git, runCli, scriptedIo, tempDir, tempRepo } from './helpers.js';

afterEach(cleanup);

describe('spec init --yes --profile go', () => {
  it('scaffolds the folders, a valid config and a fully rendered workflow', async () => {
    const root = tempRepo('trunk');
    writeFileSync(join(root, 'go.mod'), 'module github.com/acme/widgets/v2\n\ngo 1.23\n');
    const r = await runCli(root, ['init', '--yes', '--profile', 'go']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const d of ['prds', 'tech-specs', 'tech-specs/completed']) expect(existsSync(join(root, d))).toBe(true);
    expect(existsSync(join(root, 'prds', '.gitkeep'))).toBe(true);
    const config = JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8'));
    await expect(validateConfig(config, 'spec.config.json')).resolves.toBeTruthy();
    expect(config).toMatchObject({ profile: 'go', docker: { enabled: false }, paths: { workflow: 'docs/workflow.md', completed: 'tech-specs/completed' } });
    expect(config.$schema).toMatch(/schemas\/spec\.config\.schema\.json$/);
    expect(existsSync(join(root, config.$schema))).toBe(true);
    const workflow = readFileSync(join(root, 'docs', 'workflow.md'), 'utf8');
    expect(workflow).not.toContain('{{');
    expect(workflow).toContain('# Backend Go Workflow - widgets');
    expect(workflow).toContain('Merge to trunk');
    expect(workflow).not.toContain('docker-compose exec');
    // the Go template's golang-migrate steps come out in goose, the mandate's tool, in the detected directory
    expect(workflow).toContain(`goose -dir ${config.paths.migrations} create add_users_table sql`);
    expect(workflow).not.toMatch(/golang-migrate|migrate create|GORM|sqlx/);
    expect(r.stdout).toMatch(/created\s+spec\.config\.json/);
    // the config loads as the repository's configuration
    const loaded = await loadConfig({ cwd: root });
    expect(loaded.paths.workflow).toBe('docs/workflow.md');
  });

  it('is safe to run again: existing files are kept, --force overwrites', async () => {
    const root = tempRepo();
    await runCli(root, ['init', '--yes', '--profile', 'go', '--project-name', 'first']);
    writeFileSync(join(root, 'docs', 'workflow.md'), 'edited by hand\n');
    const again = await runCli(root, ['init', '--yes', '--profile', 'go', '--project-name', 'second']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/exists, kept\s+spec\.config\.json/);
    expect(again.stdout).toMatch(/exists, kept\s+docs\/workflow\.md/);
    expect(again.stdout).toMatch(/exists, kept\s+prds\//);
    expect(readFileSync(join(root, 'docs', 'workflow.md'), 'utf8')).toBe('edited by hand\n');
    const forced = await runCli(root, ['init', '--yes', '--profile', 'go', '--project-name', 'second', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/overwritten\s+docs\/workflow\.md/);
    expect(readFileSync(join(root, 'docs', 'workflow.md'), 'utf8')).toContain('Backend Go Workflow - second');
  });

  it('renders the python workflow with Docker and the given values', async () => {
    const root = tempRepo();
    const r = await runCli(root, ['init', '--yes', '--profile', 'python', '--docker', '--project-name', 'api', '--backend-folder', 'src/api', '--port', '9000']);
    expect(r.code).toBe(0);
    const w = readFileSync(join(root, 'docs', 'workflow.md'), 'utf8');
    expect(w).not.toContain('{{');
    expect(w).toContain('docker-compose exec backend pytest --cov=src/api');
    expect(w).toContain('http://localhost:9000/health');
    expect(JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8'))).toMatchObject({ profile: 'python', docker: { enabled: true, service: 'backend' } });
  });

  it('needs --yes when it cannot ask, and rejects bad flag values', async () => {
    const root = tempDir();
    const r = await runCli(root, ['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(existsSync(join(root, 'spec.config.json'))).toBe(false);
    const port = await runCli(root, ['init', '--yes', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('invalid port "eighty"');
    const profile = await runCli(root, ['init', '--yes', '--profile', 'rust']);
    expect(profile.code).toBe(2);
  });

  it('refuses to use an invalid existing config unless --force', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'spec.config.json'), '{"profile": "cobol"}');
    const r = await runCli(root, ['init', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    expect((await runCli(root, ['init', '--yes', '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8')).profile).toBe('go');
  });
});

describe('interactive init', () => {
  it('asks with defaults read from the repository; empty answers take them', async () => {
    const root = tempRepo('develop');
    writeFileSync(join(root, 'pyproject.toml'), '[project]\nname = "billing-service"\n');
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'docker-compose.yml'), 'services:\n  db:\n    image: postgres\n  backend:\n    build: .\n    ports:\n      - "8001:8000"\n');
    const io = scriptedIo(['', '', '', '', '', '', '']);
    const report = await runInit({ cwd: root, io, today: '2026-02-03' });
    expect(io.questions).toEqual([
      'Stack profile (go or python), found Python project files [python]: ',
      'Project name [billing-service]: ',
      'Main branch [develop]: ',
      'Backend folder [app]: ',
      'Backend port [8001]: ',
      'Run commands through Docker Compose (found docker-compose.yml)? [Y/n] ',
      'Docker Compose service the backend runs in [backend]: ',
    ]);
    expect(report.values).toMatchObject({ PROJECT_NAME: 'billing-service', MAIN_BRANCH: 'develop', USES_DOCKER: true, BACKEND_FOLDER: 'app', BACKEND_PORT: 8001, profile: 'python' });
    const w = readFileSync(join(root, 'docs', 'workflow.md'), 'utf8');
    expect(w).toContain('**Date**: 2026-02-03');
    expect(w).toContain('http://localhost:8001/health');
  });

  it('re-asks after an invalid answer', async () => {
    const root = tempDir();
    const io = scriptedIo(['go', 'x', 'main', '.', '99999', '8081', 'n']);
    const report = await runInit({ cwd: root, io });
    expect(report.values.BACKEND_PORT).toBe(8081);
    expect(io.text()).toContain('invalid port "99999"');
  });
});

describe('detection', () => {
  it('reads the default branch from origin/HEAD', () => {
    const root = tempRepo('feature');
    git(root, 'commit', '-q', '--allow-empty', '-m', 'x');
    git(root, 'update-ref', 'refs/remotes/origin/release', 'HEAD');
    git(root, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/release');
    expect(detectDefaults(root).mainBranch).toBe('release');
  });

  it('falls back to main outside a repository', () => {
    const d = detectDefaults(tempDir());
    expect(d.mainBranch).toBe('main');
    expect(d.profile).toBe('go');
    expect(d.docker).toBe(false);
    expect(d.port).toBe(8080);
  });

  it('parses go.mod, pyproject.toml and compose files', () => {
    expect(goModuleName('module example.com/acme/widgets\n')).toBe('widgets');
    expect(goModuleName('module "example.com/x/v3"')).toBe('x');
    expect(pyprojectName('[tool.black]\nname = "no"\n[tool.poetry]\nname = "svc"\n')).toBe('svc');
    expect(composeServices('version: "3"\nservices:\n  api:\n    ports:\n      - 127.0.0.1:9000:8000\n  web:\n    image: x\n')).toEqual([
      { name: 'api', port: 9000 },
      { name: 'web', port: null },
    ]);
  });
});

describe('schemaReference', () => {
  it('points into node_modules when spec is installed as a dependency, else at this package', () => {
    const root = tempDir();
    expect(existsSync(join(root, schemaReference(root)))).toBe(true);
    mkdirSync(join(root, 'node_modules', 'spec-lint', 'schemas'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'spec-lint', 'schemas', 'spec.config.schema.json'), '{}');
    expect(schemaReference(root)).toBe('./node_modules/spec-lint/schemas/spec.config.schema.json');
  });
});
