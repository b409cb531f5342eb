import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRepoIndex } from '../../src/lint/repo.js';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spec-repo-'));
  mkdirSync(join(dir, 'src', 'a'), { recursive: true });
  mkdirSync(join(dir, 'build'), { recursive: true });
  writeFileSync(join(dir, 'src', 'a', 'x.go'), '');
  writeFileSync(join(dir, 'build', 'out.js'), '');
  writeFileSync(join(dir, 'notes.tmp'), '');
  writeFileSync(join(dir, '.gitignore'), 'build/\n*.tmp\n');
  return dir;
}

describe('repository index', () => {
  it('honours .gitignore without git, and knows directories', () => {
    const dir = tree();
    try {
      const repo = createRepoIndex(dir);
      expect([...repo.files()].sort()).toEqual(['.gitignore', 'src/a/x.go']);
      expect(repo.exists('src/a')).toBe(true);
      expect(repo.exists('src/a/x.go')).toBe(true);
      expect(repo.exists('./src/a/x.go')).toBe(true);
      expect(repo.exists('build/out.js')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses git when the root is a work tree (tracked and untracked, not ignored)', () => {
    const dir = tree();
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const repo = createRepoIndex(dir);
      expect([...repo.files()].sort()).toEqual(['.gitignore', 'src/a/x.go']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('contains() rejects absolute paths and .. escapes without touching the disk', () => {
    const repo = createRepoIndex('/nonexistent-root', []);
    expect(repo.contains('src/x.go')).toBe(true);
    expect(repo.contains('../../etc/passwd')).toBe(false);
    expect(repo.contains('/etc/passwd')).toBe(false);
    expect(repo.contains('C:\\Windows')).toBe(false);
    expect(repo.contains('a/../../b')).toBe(false);
  });

  it('a directory symlink loop does not hang the walk', () => {
    const dir = tree();
    try {
      symlinkSync(dir, join(dir, 'src', 'loop'));
      const repo = createRepoIndex(dir);
      expect(repo.files()).toContain('src/a/x.go');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('contains() and dotted names', () => {
  it('a name that starts with two dots is not an escape', () => {
    const repo = createRepoIndex('/r', []);
    expect(repo.contains('...')).toBe(true);
    expect(repo.contains('..hidden/x')).toBe(true);
    expect(repo.contains('..')).toBe(false);
  });
});
