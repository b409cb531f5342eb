import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractSpec } from '../../src/model/extract.js';
import { completedText, setHeaderField } from '../../src/workflow/complete.js';
import { cleanup, fixtures, git, runCli, tempDir, tempRepo } from './helpers.js';

afterEach(cleanup);

const checks = readFileSync(join(fixtures, 'checks.md'), 'utf8');

/** A git repository with the fixture spec committed; `done` decides whether its tasks verify. */
function repo(done: boolean, inGit = true): string {
  const root = inGit ? tempRepo() : tempDir();
  mkdirSync(join(root, 'tech-specs'));
  mkdirSync(join(root, 'data'));
  // T-005 has no command; drop it so that every task can verify
  const spec = checks.slice(0, checks.indexOf('- **T-005:**')).trimEnd() + '\n';
  writeFileSync(join(root, 'tech-specs', 'checks.md'), spec);
  writeFileSync(join(root, 'spec.config.json'), '{}\n');
  writeFileSync(join(root, 'data', 'a.txt'), done ? 'done\n' : 'todo\n');
  writeFileSync(join(root, 'data', 'b.txt'), 'b\n');
  if (inGit) {
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'spec');
  }
  return root;
}

describe('completedText', () => {
  it('sets Status to Approved and Last updated to today, nothing else', () => {
    const out = completedText(checks, extractSpec(checks, 'x.md'), '2026-09-09');
    expect(out).toContain('**Status:** Approved\n');
    expect(out).toContain('**Last updated:** 2026-09-09\n');
    expect(out.replace('Approved', 'In Review').replace('2026-09-09', '2026-01-05')).toBe(checks);
  });

  it('inserts a Status line when the header has none', () => {
    const text = '# Tech Spec: X\n\n**Type:** Engineering-initiated\n**Author:** A\n\n## 1. Overview\n';
    expect(setHeaderField(text, extractSpec(text, 'x.md'), 'Status', 'Approved')).toBe(
      '# Tech Spec: X\n\n**Type:** Engineering-initiated\n**Author:** A\n**Status:** Approved\n\n## 1. Overview\n',
    );
  });
});

describe('spec complete', () => {
  it('moves a verified spec with git mv, keeping its history', async () => {
    const root = repo(true);
    const r = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--yes', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('moved tech-specs/checks.md → tech-specs/completed/checks.md (git mv');
    expect(existsSync(join(root, 'tech-specs', 'checks.md'))).toBe(false);
    const moved = readFileSync(join(root, 'tech-specs', 'completed', 'checks.md'), 'utf8');
    expect(moved).toContain('**Status:** Approved');
    // staged as a rename: git sees the history
    expect(git(root, 'status', '--porcelain')).toContain('R  tech-specs/checks.md -> tech-specs/completed/checks.md');
    git(root, 'commit', '-q', '-m', 'complete');
    expect(git(root, 'log', '--follow', '--format=%s', '--', 'tech-specs/completed/checks.md').trim().split('\n')).toEqual(['complete', 'spec']);
  });

  it('does not move a spec whose tasks fail, unless --force', async () => {
    const root = repo(false);
    const r = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--yes', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not moved: T-003 failed, T-004 skipped');
    expect(existsSync(join(root, 'tech-specs', 'checks.md'))).toBe(true);
    const forced = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(join(root, 'tech-specs', 'completed', 'checks.md'))).toBe(true);
  });

  it('lints first: a spec with lint errors is not moved, even with --force; --no-lint moves it', async () => {
    const root = repo(true);
    const path = join(root, 'tech-specs', 'checks.md');
    // a task that implements a requirement the spec does not have: an error
    writeFileSync(path, readFileSync(path, 'utf8').replace('  - _Implements:_ ER-001\n  - _Description:_ Create `data/a.txt`.', '  - _Implements:_ ER-999\n  - _Description:_ Create `data/a.txt`.'));
    for (const flags of [['--yes', '--quiet'], ['--force']]) {
      const r = await runCli(root, ['complete', 'tech-specs/checks.md', ...flags]);
      expect(r.code, flags.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/ER-999/);
      expect(r.stderr).toMatch(/spec: not moved: tech-specs\/checks\.md has \d+ lint errors?\n {2}Fix them \(spec lint tech-specs\/checks\.md\)/);
      expect(existsSync(path)).toBe(true);
      expect(existsSync(join(root, 'tech-specs', 'completed'))).toBe(false);
    }
    const moved = await runCli(root, ['complete', 'tech-specs/checks.md', '--force', '--no-lint']);
    expect(moved.code).toBe(0);
    expect(existsSync(join(root, 'tech-specs', 'completed', 'checks.md'))).toBe(true);
  });

  it('never overwrites an existing completed spec', async () => {
    const root = repo(true);
    mkdirSync(join(root, 'tech-specs', 'completed'));
    writeFileSync(join(root, 'tech-specs', 'completed', 'checks.md'), 'older\n');
    const r = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tech-specs/completed/checks.md already exists');
    expect(readFileSync(join(root, 'tech-specs', 'completed', 'checks.md'), 'utf8')).toBe('older\n');
  });

  it('renames outside a git repository and honours paths.completed', async () => {
    const root = repo(true, false);
    writeFileSync(join(root, 'spec.config.json'), JSON.stringify({ paths: { completed: 'done-specs' } }));
    const r = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--yes', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(renamed)');
    expect(readFileSync(join(root, 'done-specs', 'checks.md'), 'utf8')).toContain('**Status:** Approved');
    const again = await runCli(root, ['complete', 'done-specs/checks.md', '--no-lint', '--force']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already in done-specs/');
  });

  it('moves an untracked spec in a repository with a plain rename', async () => {
    const root = tempRepo();
    mkdirSync(join(root, 'tech-specs'));
    copyFileSync(join(fixtures, 'checks.md'), join(root, 'tech-specs', 'new.md'));
    const r = await runCli(root, ['complete', 'tech-specs/new.md', '--no-lint', '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(renamed)');
  });
});
