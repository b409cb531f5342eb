/**
 * Every kind of path the tool reads, pointed out of the repository (a symlink to an outside file, to
 * /proc/self/environ, to /dev/zero, a FIFO, `..` in config paths): the file is refused by name, the run ends
 * promptly, and its content appears in no output — not in any report format, not on stderr, not in
 * `spec inspect`, not in what `spec new --dry-run` would send to the model. Through the built CLI, with a
 * secret in the environment and in an outside file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempRepo, validSpecs } from './helpers.js';

const linux = platform() === 'linux';
const SECRET = 'sk-ant-SECRET-never-printed-0451';
const env = { LEAKED_SECRET: SECRET, ANTHROPIC_API_KEY: '' };

let outside: string;
beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'spec-outside-'));
  writeFileSync(join(outside, 'secret.md'), `# Tech Spec: ${SECRET}\n\n## 1. ${SECRET}\n`);
  writeFileSync(join(outside, 'secret.sql'), `-- +goose Up\nSELECT '${SECRET}';\n-- +goose Down\nSELECT 1;\n`);
  mkdirSync(join(outside, 'prompts'));
  writeFileSync(join(outside, 'prompts', 'system.hbs'), SECRET);
});
afterAll(() => rmSync(outside, { recursive: true, force: true }));

function noSecret(r: { stdout: string; stderr: string }, what: string): void {
  expect(r.stdout, `${what}: stdout`).not.toContain(SECRET);
  expect(r.stderr, `${what}: stderr`).not.toContain(SECRET);
}

describe.skipIf(!linux)('reads outside the repository', () => {
  it('specs linked to an outside file, /proc/self/environ, /dev/zero, and a FIFO: reported, never read, in every format', { timeout: 240_000 }, () => {
    const repo = tempRepo();
    try {
      repo.write('tech-specs/good.md', validSpecs['workspace-invites.md']!);
      symlinkSync(join(outside, 'secret.md'), join(repo.dir, 'tech-specs', 'outside.md'));
      symlinkSync('/proc/self/environ', join(repo.dir, 'tech-specs', 'environ.md'));
      symlinkSync('/dev/zero', join(repo.dir, 'tech-specs', 'zero.md'));
      execFileSync('mkfifo', [join(repo.dir, 'tech-specs', 'fifo.md')]);
      for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab']) {
        const started = Date.now();
        const r = runCli(['lint', 'tech-specs/good.md', 'tech-specs/outside.md', 'tech-specs/environ.md', 'tech-specs/zero.md', 'tech-specs/fifo.md', '--format', format], repo.dir, env);
        expect(Date.now() - started, format).toBeLessThan(60_000);
        noSecret(r, format);
        expect(r.status, `${format}: ${r.stderr}`).toBe(1);
        for (const name of ['outside.md', 'environ.md', 'zero.md', 'fifo.md']) expect(r.stdout, `${format} names ${name}`).toContain(name);
      }
      const json = JSON.parse(runCli(['lint', 'tech-specs/', '--format', 'json'], repo.dir, env).stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
      const byName = (n: string) => json.find((f) => f.filePath.endsWith(n))?.messages.map((m) => `${m.ruleId}: ${m.message}`) ?? [];
      expect(byName('outside.md')).toEqual([expect.stringMatching(/^template\/readable: cannot read the file: .*outside the repository/)]);
      expect(byName('environ.md')).toEqual([expect.stringMatching(/^template\/readable: cannot read the file: .*outside the repository/)]);
      expect(byName('zero.md')).toEqual([expect.stringMatching(/^template\/readable: cannot read the file: .*outside the repository/)]);
      // a FIFO is not listed by git: named, it is a diagnostic, not skipped
      const fifo = JSON.parse(runCli(['lint', 'tech-specs/fifo.md', '--format', 'json'], repo.dir, env).stdout) as typeof json;
      expect(fifo.map((f) => f.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([[expect.stringMatching(/^template\/readable: cannot read the file: it is not a regular file/)]]);
      // --cache reads the same way
      const cached = runCli(['lint', 'tech-specs/outside.md', 'tech-specs/zero.md', '--cache'], repo.dir, env);
      noSecret(cached, '--cache');
      expect(cached.status).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('spec inspect refuses a spec or PRD linked out of the repository, and prints nothing of it', () => {
    const repo = tempRepo();
    try {
      symlinkSync(join(outside, 'secret.md'), join(repo.dir, 'tech-specs', 'outside.md'));
      symlinkSync('/proc/self/environ', join(repo.dir, 'prds', 'environ.md'));
      for (const args of [['inspect', 'tech-specs/outside.md'], ['inspect', '--prd', 'prds/environ.md'], ['inspect', join(outside, 'secret.md')]]) {
        const r = runCli(args, repo.dir, env);
        noSecret(r, args.join(' '));
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/cannot inspect .*: it resolves .* outside the repository/);
      }
    } finally {
      repo.remove();
    }
  });

  it('a PRD linked to /proc/self/environ is outside; a spec naming it gets trace/prd-exists', () => {
    const repo = tempRepo();
    try {
      symlinkSync('/proc/self/environ', join(repo.dir, 'prds', 'environ.md'));
      repo.write('tech-specs/x.md', validSpecs['workspace-invites.md']!.replace('**PRD:** prds/workspace-invites.md', '**PRD:** prds/environ.md'));
      const r = runCli(['lint', 'tech-specs/x.md', '--format', 'json'], repo.dir, env);
      noSecret(r, 'prd');
      expect(r.stdout).toContain('trace/prd-exists');
    } finally {
      repo.remove();
    }
  });

  it('--exec: an existing migration linked to /proc/self/environ or an outside file is not read; a warning names it', { timeout: 240_000 }, () => {
    const repo = tempRepo();
    try {
      symlinkSync('/proc/self/environ', join(repo.dir, 'migrations', '20260101000000_environ.sql'));
      symlinkSync(join(outside, 'secret.sql'), join(repo.dir, 'migrations', '20260101000001_secret.sql'));
      repo.write('tech-specs/x.md', validSpecs['member-lookup-index.md']!);
      // a pull request can turn --exec on in the config
      repo.write('spec.config.json', JSON.stringify({ paths: { migrations: 'migrations' }, exec: true }));
      for (const format of ['github']) {
        const r = runCli(['lint', 'tech-specs/x.md', '--format', format], repo.dir, env);
        noSecret(r, format);
        expect(r.status, r.stderr).not.toBe(2);
      }
      const r = runCli(['lint', 'tech-specs/x.md', '--format', 'json'], repo.dir, env);
      const messages = (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>)[0]!.messages;
      const refused = messages.filter((m) => m.ruleId === 'goose/exec' && /was not read/.test(m.message)).map((m) => m.message);
      expect(refused).toEqual([expect.stringContaining('20260101000000_environ.sql'), expect.stringContaining('20260101000001_secret.sql')]);
    } finally {
      repo.remove();
    }
  });

  it('spec new --dry-run: paths.workflow with `..` or linked to /proc/self/environ, completed specs and templates outside never reach the prompt', () => {
    const repo = tempRepo();
    try {
      const depth = repo.dir.split('/').filter(Boolean).length;
      const cases: Array<Record<string, unknown>> = [
        { paths: { migrations: 'migrations', workflow: `${'../'.repeat(depth)}proc/self/environ` } },
        { paths: { migrations: 'migrations', workflow: `${'../'.repeat(depth)}${outside.slice(1)}/secret.md` } },
        { paths: { migrations: 'migrations', workflow: 'docs/workflow.md' } },
        { paths: { migrations: 'migrations', completed: `${'../'.repeat(depth)}${outside.slice(1)}` } },
      ];
      mkdirSync(join(repo.dir, 'docs'));
      symlinkSync('/proc/self/environ', join(repo.dir, 'docs', 'workflow.md'));
      symlinkSync(join(outside, 'secret.md'), join(repo.dir, 'tech-specs', 'completed', 'linked.md'));
      for (const config of cases) {
        repo.write('spec.config.json', JSON.stringify(config));
        const r = runCli(['new', '--prd', 'prds/workspace-invites.md', '--dry-run'], repo.dir, env);
        noSecret(r, JSON.stringify(config));
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).not.toMatch(/PATH=|HOME=/);
      }
      // prompt templates from outside the repository: an error naming the file, not its text
      repo.write('spec.config.json', JSON.stringify({ paths: { migrations: 'migrations' }, generate: { templates: `${'../'.repeat(depth)}${outside.slice(1)}/prompts` } }));
      const t = runCli(['new', '--prd', 'prds/workspace-invites.md', '--dry-run'], repo.dir, env);
      noSecret(t, 'templates');
      expect(t.status).toBe(2);
      expect(t.stderr).toMatch(/cannot read prompt template .*system\.hbs: it resolves .* outside the repository/);
    } finally {
      repo.remove();
    }
  });

  it('spec complete refuses a symlinked spec and a paths.completed outside the repository; nothing outside is written', () => {
    const repo = tempRepo();
    try {
      const target = join(repo.dir, 'real.md');
      writeFileSync(target, validSpecs['workspace-invites.md']!);
      symlinkSync(target, join(repo.dir, 'tech-specs', 'linked.md'));
      const a = runCli(['complete', 'tech-specs/linked.md', '--force'], repo.dir, env);
      expect(a.status).toBe(2);
      expect(a.stderr).toContain('is a symbolic link');
      expect(readFileSync(target, 'utf8')).toBe(validSpecs['workspace-invites.md']);
      repo.write('tech-specs/plain.md', validSpecs['workspace-invites.md']!);
      const depth = repo.dir.split('/').filter(Boolean).length;
      repo.write('spec.config.json', JSON.stringify({ paths: { migrations: 'migrations', completed: `${'../'.repeat(depth)}${outside.slice(1)}/done` } }));
      const b = runCli(['complete', 'tech-specs/plain.md', '--force'], repo.dir, env);
      expect(b.status).toBe(2);
      expect(b.stderr).toMatch(/paths\.completed .* outside the repository/);
      expect(existsSync(join(outside, 'done'))).toBe(false);
      expect(existsSync(join(repo.dir, 'tech-specs', 'plain.md'))).toBe(true);
      // a completed directory that is a symlink out of the repository
      symlinkSync(outside, join(repo.dir, 'elsewhere'));
      repo.write('spec.config.json', JSON.stringify({ paths: { migrations: 'migrations', completed: 'elsewhere/done' } }));
      const c = runCli(['complete', 'tech-specs/plain.md', '--force'], repo.dir, env);
      expect(c.status).toBe(2);
      expect(existsSync(join(outside, 'done'))).toBe(false);
    } finally {
      repo.remove();
    }
  });
});
