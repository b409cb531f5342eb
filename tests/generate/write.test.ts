import { existsSync, readdirSync, symlinkSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOverwrite, resolveOutput, writeAtomic } from '../../src/generate/write.js';
import { tempRepo, type TempRepo } from './setup.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('output', () => {
  it('resolves the default and --out, and refuses paths outside the repository', () => {
    repo = tempRepo();
    expect(resolveOutput(repo.dir, repo.dir, undefined, 'tech-specs/a.md').rel).toBe('tech-specs/a.md');
    expect(resolveOutput(repo.dir, join(repo.dir, 'prds'), '../tech-specs/b.md', 'x.md').rel).toBe('tech-specs/b.md');
    expect(() => resolveOutput(repo.dir, repo.dir, '../escape.md', 'x.md')).toThrow(/outside the repository/);
    expect(() => resolveOutput(repo.dir, repo.dir, 'tech-specs/a.txt', 'x.md')).toThrow(/markdown file/);
    const outside = mkdtempSync(join(tmpdir(), 'spec-out-'));
    try {
      symlinkSync(outside, join(repo.dir, 'link'));
      expect(() => resolveOutput(repo.dir, repo.dir, 'link/a.md', 'x.md')).toThrow(/outside the repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never overwrites without --force', () => {
    repo = tempRepo();
    const target = resolveOutput(repo.dir, repo.dir, 'tech-specs/member-lookup-index.md', 'x.md');
    expect(() => checkOverwrite(target, false)).toThrow(/already exists; nothing was written/);
    expect(() => checkOverwrite(target, true)).not.toThrow();
    expect(() => writeAtomic(target, 'new', false)).toThrow(/appeared while the spec was being generated/);
    expect(repo.read('tech-specs/member-lookup-index.md')).not.toBe('new');
    writeAtomic(target, 'new', true);
    expect(repo.read('tech-specs/member-lookup-index.md')).toBe('new');
  });

  it('writes through a temporary file and leaves nothing else behind', () => {
    repo = tempRepo();
    const target = resolveOutput(repo.dir, repo.dir, 'tech-specs/deep/new/spec.md', 'x.md');
    writeAtomic(target, 'content', false);
    expect(repo.read('tech-specs/deep/new/spec.md')).toBe('content');
    expect(readdirSync(join(repo.dir, 'tech-specs', 'deep', 'new'))).toEqual(['spec.md']);
    expect(existsSync(target.abs)).toBe(true);
  });
});
