/**
 * The repository index lists the work tree only when it must (src/lint/repo.ts): `exists` answers from the
 * git index and the disk, `filesUnder` lists one directory. Every answer must be the one the full list
 * (tracked + untracked, not ignored) gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRepoIndex, listRepositoryFiles } from '../../src/lint/repo.js';
import { readIndexListing } from '../../src/lint/changed.js';
import { git } from '../changed/git-helpers.js';

let dir: string;
let plain: string;

function write(root: string, rel: string, text = 'x\n'): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'spec-repo-lazy-')));
  git(dir, 'init', '-q', '-b', 'main');
  for (const f of ['tech-specs/a.md', 'tech-specs/completed/b.md', 'migrations/001_a.sql', 'migrations/002_b.sql', 'internal/api/x.go', 'web/src/deep/y.tsx', 'gone.txt', 'docs/[x]/glob.md']) write(dir, f);
  write(dir, '.gitignore', 'ignored/\n*.log\nmigrations/003_ignored.sql\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  unlinkSync(join(dir, 'gone.txt')); // tracked, deleted from the work tree (still listed by ls-files --cached)
  for (const f of ['untracked.md', 'newdir/only-untracked.go', 'migrations/0015_new.sql', 'migrations/003_ignored.sql', 'ignored/z.md', 'debug.log', 'internal/api/new.go']) write(dir, f);
  mkdirSync(join(dir, 'emptydir'));
  symlinkSync(join(dir, 'internal'), join(dir, 'linked'));
  plain = realpathSync(mkdtempSync(join(tmpdir(), 'spec-repo-plain-')));
  for (const f of ['tech-specs/a.md', 'migrations/001_a.sql', 'ignored/q.md']) write(plain, f);
  write(plain, '.gitignore', 'ignored/\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(plain, { recursive: true, force: true });
});

const PATHS = [
  'tech-specs/a.md', 'tech-specs', 'tech-specs/', './tech-specs/a.md', 'tech-specs/completed', 'tech-specs/missing.md',
  'migrations/001_a.sql', 'migrations/0015_new.sql', 'migrations/003_ignored.sql', 'migrations/004_none.sql',
  'internal/api/x.go', 'internal/api/new.go', 'internal/api', 'internal', 'internal/nope/z.go',
  'web/src/deep', 'web/src/deep/y.tsx', 'web/src/deep/none.tsx', 'gone.txt', 'untracked.md', 'newdir', 'newdir/only-untracked.go',
  'ignored', 'ignored/z.md', 'debug.log', 'emptydir', 'linked', 'linked/api/x.go', '../outside', '/etc/passwd', '', '.',
  'docs/[x]/glob.md', 'docs/[x]', 'docs/x', 'TECH-SPECS/A.md', 'tech-specs//a.md', 'tech-specs\\a.md', '.gitignore', '.git', '.git/HEAD',
];

describe('the lazy repository index', () => {
  it('answers exists() as the full file list does, for every kind of path', () => {
    const full = createRepoIndex(dir, listRepositoryFiles(dir));
    for (const p of PATHS) expect(createRepoIndex(dir).exists(p), p).toBe(full.exists(p));
    const shared = createRepoIndex(dir); // one index asked everything in turn
    for (const p of PATHS) expect(shared.exists(p), p).toBe(full.exists(p));
  });

  it('with the index listing of --staged (readIndexListing) instead of its own git call: the same answers', () => {
    const full = createRepoIndex(dir, listRepositoryFiles(dir));
    const { paths } = readIndexListing(dir);
    expect(paths).toContain('gone.txt');
    const fromSelection = createRepoIndex(dir, undefined, { tracked: () => paths });
    for (const p of PATHS) expect(fromSelection.exists(p), p).toBe(full.exists(p));
  });

  it('filesUnder(dir) is files() filtered to the directory, in the same order', () => {
    const full = createRepoIndex(dir, listRepositoryFiles(dir));
    for (const d of ['migrations', 'migrations/', 'tech-specs', 'internal/api/', 'docs/[x]', 'nope', '', '/', '../x']) {
      const prefix = d.endsWith('/') ? d : `${d}/`;
      const expected = full.files().filter((f) => f.startsWith(prefix));
      expect(createRepoIndex(dir).filesUnder(d), d).toEqual(expected);
    }
    // a directory whose files on disk are all tracked comes from the index alone: the same list
    for (const d of ['tech-specs', 'internal/api', 'web/src', 'docs/[x]', 'emptydir', 'gone-dir']) {
      expect(createRepoIndex(dir).filesUnder(d), d).toEqual(full.files().filter((f) => f.startsWith(`${d}/`)));
    }
    expect(createRepoIndex(dir).filesUnder('migrations')).toContain('migrations/0015_new.sql');
    expect(createRepoIndex(dir).filesUnder('migrations')).not.toContain('migrations/003_ignored.sql');
  });

  it('outside git (the directory walk): the same answers', () => {
    const full = createRepoIndex(plain, listRepositoryFiles(plain));
    expect(full.files()).toContain('tech-specs/a.md');
    for (const p of ['tech-specs/a.md', 'tech-specs', 'migrations/001_a.sql', 'ignored/q.md', 'nope.md']) expect(createRepoIndex(plain).exists(p), p).toBe(full.exists(p));
    expect(createRepoIndex(plain).filesUnder('migrations')).toEqual(['migrations/001_a.sql']);
  });

  it('an empty index (a new repository): falls back to the full list', () => {
    const fresh = realpathSync(mkdtempSync(join(tmpdir(), 'spec-repo-fresh-')));
    try {
      git(fresh, 'init', '-q');
      write(fresh, 'tech-specs/a.md');
      const full = createRepoIndex(fresh, listRepositoryFiles(fresh));
      for (const p of ['tech-specs/a.md', 'tech-specs', 'x.md']) expect(createRepoIndex(fresh).exists(p), p).toBe(full.exists(p));
      expect(createRepoIndex(fresh).filesUnder('tech-specs')).toEqual(['tech-specs/a.md']);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
