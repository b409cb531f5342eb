/**
 * The `spec lint` options teams know from ESLint: --stdin / --stdin-filename, --rule, --no-inline-config,
 * --report-unused-disable-directives, --ignore-pattern, --color / --no-color / FORCE_COLOR, -f with a
 * formatter package; rule links into the public repository; --cache leaving nothing in the work tree.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, runCli, tempFixtureRepo } from '../helpers/cli.js';

let repo: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = tempFixtureRepo();
});
afterEach(() => repo.cleanup());

const INVITES = 'tech-specs/workspace-invites.md';
const read = () => readFileSync(join(repo.dir, INVITES), 'utf8');
const broken = () => read().replace('  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ T-002, T-009');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
type Json = Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; line: number }>; errorCount: number }>;

describe('spec lint --stdin', () => {
  it('lints standard input as the file --stdin-filename names, and as <stdin> without one', () => {
    const r = runCli(['lint', '--stdin', '--stdin-filename', INVITES, '-f', 'json'], { cwd: repo.dir, input: broken() });
    expect(r.status, r.stderr).toBe(1);
    const [file] = JSON.parse(r.stdout) as Json;
    expect(file!.filePath).toBe(join(repo.dir, INVITES));
    expect(file!.messages.find((m) => m.ruleId === 'task/dependencies')?.line).toBe(lineOf(broken(), 'T-002, T-009'));
    // the file on disk is untouched and clean: what was linted is the input
    expect(runCli(['lint', INVITES], { cwd: repo.dir }).status).toBe(0);

    const anon = runCli(['lint', '--stdin', '-f', 'json'], { cwd: repo.dir, input: read() });
    expect(anon.status, anon.stderr).toBe(0);
    expect((JSON.parse(anon.stdout) as Json)[0]!.filePath).toBe('<stdin>');
  });

  it('refuses paths with --stdin, and --stdin-filename without --stdin (exit 2)', () => {
    expect(runCli(['lint', '--stdin', INVITES], { cwd: repo.dir, input: '' }).status).toBe(2);
    const r = runCli(['lint', '--stdin-filename', INVITES], { cwd: repo.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--stdin-filename goes with --stdin');
  });
});

describe('spec lint --rule', () => {
  it('wins over the config and its overrides; takes ESLint forms; a bad one is exit 2 naming it', () => {
    writeFileSync(join(repo.dir, INVITES), broken());
    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ overrides: [{ files: ['tech-specs/**'], rules: { 'task/dependencies': 'error' } }] }));
    expect(runCli(['lint', INVITES, '--rule', 'task/dependencies: off'], { cwd: repo.dir }).status).toBe(0);
    const warn = runCli(['lint', INVITES, '-f', 'json', '--rule', 'task/dependencies: [warn, {}]'], { cwd: repo.dir });
    expect(warn.status).toBe(0);
    expect((JSON.parse(warn.stdout) as Json)[0]!.messages.find((m) => m.ruleId === 'task/dependencies')?.severity).toBe(1);
    expect(runCli(['lint', INVITES, '--rule', 'task/dependencies: 0'], { cwd: repo.dir }).status).toBe(0);
    const unknown = runCli(['lint', INVITES, '--rule', 'task/nope: off'], { cwd: repo.dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^spec: --rule task\/nope: no such rule/);
    const bad = runCli(['lint', INVITES, '--rule', 'task/dependencies'], { cwd: repo.dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--rule "task/dependencies": expected `rule-id: severity`');
  });
});

describe('inline comments: --no-inline-config, --report-unused-disable-directives', () => {
  const withComment = (text: string) =>
    text.replace('  - _Dependencies:_ T-002, T-009', '  <!-- spec-lint-disable-next-line task/dependencies -- being split -->\n  - _Dependencies:_ T-002, T-009');

  it('--no-inline-config makes disable comments inert', () => {
    writeFileSync(join(repo.dir, INVITES), withComment(broken()));
    expect(runCli(['lint', INVITES], { cwd: repo.dir }).status).toBe(0);
    const r = runCli(['lint', INVITES, '--no-inline-config'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('task/dependencies');
  });

  it('reports a disable comment that suppresses nothing, as an error (or the severity given)', () => {
    const bad = withComment(broken());
    const fixed = bad.replace('  - _Dependencies:_ T-002, T-009', '  - _Dependencies:_ T-002, T-003');
    writeFileSync(join(repo.dir, INVITES), fixed);
    expect(runCli(['lint', INVITES], { cwd: repo.dir }).status).toBe(0);
    const r = runCli(['lint', INVITES, '-f', 'json', '--report-unused-disable-directives'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    const unused = (JSON.parse(r.stdout) as Json)[0]!.messages.filter((m) => m.ruleId === 'lint/unused-disable-directive');
    expect(unused).toEqual([expect.objectContaining({ severity: 2, line: lineOf(fixed, 'spec-lint-disable-next-line') })]);
    const warn = runCli(['lint', INVITES, '--report-unused-disable-directives-severity', 'warn'], { cwd: repo.dir });
    expect(warn.status).toBe(0);
    expect(warn.stdout).toContain('lint/unused-disable-directive');
    // a comment that does suppress a finding is not reported
    writeFileSync(join(repo.dir, INVITES), bad);
    expect(runCli(['lint', INVITES, '--report-unused-disable-directives'], { cwd: repo.dir }).status).toBe(0);
  });
});

describe('spec lint --ignore-pattern and config ignores', () => {
  it('adds globs relative to the working directory; ! takes back; a bad glob is exit 2 naming it', () => {
    const json = (args: string[], cwd = repo.dir) => (JSON.parse(runCli(['lint', '-f', 'json', ...args], { cwd }).stdout) as Json).map((f) => f.filePath.slice(repo.dir.length + 1));
    expect(json(['--ignore-pattern', 'tech-specs/member-*'])).toEqual([INVITES]);
    expect(json(['.', '--ignore-pattern', 'member-*'], join(repo.dir, 'tech-specs'))).toEqual([INVITES]);
    expect(json(['--ignore-pattern', 'tech-specs/*', '--ignore-pattern', '!tech-specs/workspace-*'])).toEqual([INVITES]);
    const bad = runCli(['lint', '--ignore-pattern', 'tech-specs/{x'], { cwd: repo.dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--ignore-pattern "tech-specs/{x": invalid glob');

    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ ignores: ['tech-specs/{drafts'] }));
    const cfg = runCli(['lint'], { cwd: repo.dir });
    expect(cfg.status).toBe(2);
    expect(cfg.stderr).toMatch(/^spec: invalid config spec\.config\.json: ignores\[0\]: invalid glob "tech-specs\/\{drafts"/);
    expect(cfg.stderr).not.toMatch(/internal error|Invalid regular expression/);
  });

  it('reads spec.config.jsonc and the "spec" key of package.json', () => {
    writeFileSync(join(repo.dir, 'spec.config.json'), '');
    execFileSync('rm', [join(repo.dir, 'spec.config.json')]);
    writeFileSync(join(repo.dir, 'spec.config.jsonc'), '{\n  // drafts are not linted\n  "ignores": ["tech-specs/member-*",],\n}\n');
    expect((JSON.parse(runCli(['lint', '-f', 'json'], { cwd: repo.dir }).stdout) as Json).map((f) => f.filePath)).toEqual([join(repo.dir, INVITES)]);
    execFileSync('rm', [join(repo.dir, 'spec.config.jsonc')]);
    writeFileSync(join(repo.dir, 'package.json'), JSON.stringify({ name: 'app', spec: { ignores: ['tech-specs/workspace-*'] } }));
    expect((JSON.parse(runCli(['lint', '-f', 'json'], { cwd: repo.dir }).stdout) as Json).map((f) => f.filePath)).toEqual([join(repo.dir, 'tech-specs/member-lookup-index.md')]);
  });
});

describe('colour, formatters and links', () => {
  it('--color and FORCE_COLOR colour a piped report; --no-color and FORCE_COLOR=0 do not', () => {
    writeFileSync(join(repo.dir, INVITES), broken());
    const esc = '\u001b[';
    expect(runCli(['lint', INVITES], { cwd: repo.dir }).stdout).not.toContain(esc);
    expect(runCli(['lint', INVITES, '--color'], { cwd: repo.dir }).stdout).toContain(esc);
    expect(runCli(['lint', INVITES], { cwd: repo.dir, env: { FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(runCli(['lint', INVITES, '--no-color'], { cwd: repo.dir, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
    expect(runCli(['lint', INVITES], { cwd: repo.dir, env: { FORCE_COLOR: '0' } }).stdout).not.toContain(esc);
  });

  it('-f loads an eslint-formatter- package installed in the project', () => {
    writeFileSync(join(repo.dir, INVITES), broken());
    const dir = join(repo.dir, 'node_modules', 'eslint-formatter-lines');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'eslint-formatter-lines', main: 'index.js' }));
    writeFileSync(join(dir, 'index.js'), 'module.exports = (results) => results.flatMap((r) => r.messages.map((m) => `${m.severity}:${m.ruleId}:${m.line}`)).join("\\n") + "\\n";');
    const r = runCli(['lint', INVITES, '-f', 'lines'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`2:task/dependencies:${lineOf(broken(), 'T-002, T-009')}\n`);
  });

  it("links rules to the project repository's pages, never to files of the install", () => {
    writeFileSync(join(repo.dir, INVITES), broken());
    const repoUrl = 'https://github.com/spec-lint/spec-lint';
    const meta = JSON.parse(runCli(['lint', INVITES, '-f', 'json-with-metadata'], { cwd: repo.dir }).stdout) as { metadata: { rulesMeta: Record<string, { docs: { url: string } }> } };
    expect(meta.metadata.rulesMeta['task/dependencies']!.docs.url).toBe(`${repoUrl}/blob/main/docs/rules/task/dependencies.md`);
    const sarif = runCli(['lint', INVITES, '-f', 'sarif'], { cwd: repo.dir }).stdout;
    expect(sarif).toContain(`"helpUri": "${repoUrl}/blob/main/docs/rules/task/dependencies.md"`);
    expect(sarif).not.toContain('file://');
    const rules = JSON.parse(runCli(['rules', '--format', 'json'], { cwd: repo.dir }).stdout) as Array<{ id: string; docsUrl: string }>;
    expect(rules.every((r) => r.docsUrl === `${repoUrl}/blob/main/docs/rules/${r.id}.md`)).toBe(true);
    // and every page linked exists in the repository
    for (const r of rules) expect(existsSync(join(projectRoot, 'docs', 'rules', `${r.id}.md`)), r.id).toBe(true);
  });
});

describe('spec lint --cache', () => {
  it('keeps its cache in the git directory: nothing new in the work tree', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'i');
    const r = runCli(['lint', '--cache'], { cwd: repo.dir });
    expect(r.status, r.stderr).toBe(0);
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(existsSync(join(repo.dir, '.spec-cache'))).toBe(false);
    expect(existsSync(join(repo.dir, '.git', 'spec-cache', 'lint.json'))).toBe(true);
    // outside git, .spec-cache/ under the root, as before
    const plain = tempFixtureRepo();
    try {
      expect(runCli(['lint', '--cache'], { cwd: plain.dir }).status).toBe(0);
      expect(existsSync(join(plain.dir, '.spec-cache', 'lint.json'))).toBe(true);
    } finally {
      plain.cleanup();
    }
  });
});
