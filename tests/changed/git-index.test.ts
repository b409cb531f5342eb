/**
 * The index file reader (src/lint/git-index.ts) against `git ls-files -s` itself, on every kind of index a
 * repository can have: versions 2, 3 (intent-to-add) and 4 (prefix-compressed), conflicts, submodules,
 * symlinks, long and non-ASCII names, SHA-256 repositories; and null (git asked instead) for split and
 * sparse indexes and damaged files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { indexEntryList, readGitIndex as readIndexFile } from '../../src/lint/git-index.js';

const readGitIndex = (file: string) => {
  const index = readIndexFile(file);
  return index ? indexEntryList(index) : null;
};
import { readIndexListing } from '../../src/lint/changed.js';
import { git, gitEnv } from './git-helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(initArgs: string[] = []): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'spec-gitindex-')));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main', ...initArgs);
  return dir;
}

function write(dir: string, rel: string, text = `${rel}\n`): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

/** `git ls-files -s -z` as entries. */
function lsFiles(dir: string, env: NodeJS.ProcessEnv = gitEnv()): Array<{ path: string; oid: string; stage: number; mode: number }> {
  const raw = execFileSync('git', ['ls-files', '-s', '-z'], { cwd: dir, env }).toString('utf8');
  return raw
    .split('\0')
    .filter(Boolean)
    .map((rec) => {
      const tab = rec.indexOf('\t');
      const [mode, oid, stage] = rec.slice(0, tab).split(' ');
      return { path: rec.slice(tab + 1), oid: oid!, stage: Number(stage), mode: parseInt(mode!, 8) };
    });
}

function populate(dir: string): void {
  for (const f of ['tech-specs/a.md', 'tech-specs/b.md', 'prds/a.md', 'migrations/001_init.sql', 'internal/api/x.go', 'Ünïcødé/spec é.md', 'sp ace/tab\tname.md']) write(dir, f);
  // a name longer than the entry's 12-bit length field (0xfff): in the index only (too long for a file system)
  const long = `deep/${Array.from({ length: 21 }, (_, i) => String.fromCharCode(97 + i).repeat(200)).join('/')}.md`;
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, env: gitEnv(), input: 'long\n' }).toString().trim();
  symlinkSync('tech-specs/a.md', join(dir, 'link.md'));
  git(dir, 'add', '-A');
  git(dir, 'update-index', '--add', '--cacheinfo', `100644,${blob},${long}`);
  git(dir, 'commit', '-q', '-m', 'init');
}

describe('readGitIndex', () => {
  it('reads what git ls-files -s lists: version 2, long and non-ASCII names, a symlink', () => {
    const dir = repo();
    populate(dir);
    const entries = readGitIndex(join(dir, '.git', 'index'));
    expect(entries).toEqual(lsFiles(dir));
    expect(entries!.some((e) => e.path.length > 0xfff)).toBe(true);
    expect(entries!.find((e) => e.path === 'link.md')!.mode).toBe(0o120000);
  });

  it('version 4 (prefix-compressed paths) and version 3 (intent-to-add entries)', () => {
    const dir = repo();
    populate(dir);
    write(dir, 'tech-specs/new.md');
    git(dir, 'add', '-N', 'tech-specs/new.md'); // extended flags: version 3
    expect(readFileSync(join(dir, '.git', 'index')).readUInt32BE(4)).toBe(3);
    expect(readGitIndex(join(dir, '.git', 'index'))).toEqual(lsFiles(dir));
    git(dir, 'update-index', '--index-version', '4');
    expect(readFileSync(join(dir, '.git', 'index')).readUInt32BE(4)).toBe(4);
    expect(readGitIndex(join(dir, '.git', 'index'))).toEqual(lsFiles(dir));
  });

  it('a conflict (stages 1 to 3) and a submodule entry', () => {
    const dir = repo();
    populate(dir);
    git(dir, 'checkout', '-q', '-b', 'side');
    write(dir, 'tech-specs/a.md', 'side\n');
    git(dir, 'commit', '-q', '-am', 'side');
    git(dir, 'checkout', '-q', 'main');
    write(dir, 'tech-specs/a.md', 'main\n');
    git(dir, 'commit', '-q', '-am', 'main');
    try {
      git(dir, 'merge', '-q', 'side');
    } catch {
      // the conflict is the point
    }
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'update-index', '--add', '--cacheinfo', `160000,${head},vendor/sub`);
    const entries = readGitIndex(join(dir, '.git', 'index'));
    expect(entries).toEqual(lsFiles(dir));
    expect(entries!.filter((e) => e.path === 'tech-specs/a.md').map((e) => e.stage)).toEqual([1, 2, 3]);
    // readIndexListing: stage-0 entries without the submodule; every path once
    const listing = readIndexListing(dir);
    expect(listing.entries.has('tech-specs/a.md')).toBe(false);
    expect(listing.entries.has('vendor/sub')).toBe(false);
    expect(listing.entries.get('tech-specs/b.md')).toBe(lsFiles(dir).find((e) => e.path === 'tech-specs/b.md')!.oid);
    expect(listing.paths!.filter((p) => p === 'tech-specs/a.md')).toHaveLength(1);
    expect(listing.paths).toContain('vendor/sub');
  });

  it('a SHA-256 repository', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'spec-gitindex-')));
    dirs.push(dir);
    try {
      git(dir, 'init', '-q', '--object-format=sha256');
    } catch {
      return; // this git cannot make one
    }
    populate(dir);
    const entries = readGitIndex(join(dir, '.git', 'index'));
    expect(entries).toEqual(lsFiles(dir));
    expect(entries![0]!.oid).toHaveLength(64);
  });

  it('a split index or a damaged file: null, and readIndexListing asks git', () => {
    const dir = repo();
    populate(dir);
    const index = join(dir, '.git', 'index');
    const good = readFileSync(index);
    for (const bad of [good.subarray(0, 100), good.subarray(0, good.length - 30), Buffer.from('not an index'), Buffer.alloc(0)]) {
      writeFileSync(index, bad);
      expect(readGitIndex(index)).toBeNull();
    }
    writeFileSync(index, good);
    git(dir, 'update-index', '--split-index');
    expect(readGitIndex(index)).toBeNull();
    const listing = readIndexListing(dir);
    expect([...listing.entries.keys()].sort()).toEqual(lsFiles(dir).map((e) => e.path).sort());
  });

  it('GIT_INDEX_FILE (a hook of `git commit <paths>`) is the index read', () => {
    const dir = repo();
    populate(dir);
    const other = join(dir, '.git', 'other-index');
    const withIndex = { ...gitEnv(), GIT_INDEX_FILE: other }; // (gitEnv drops GIT_INDEX_FILE)
    execFileSync('git', ['read-tree', 'HEAD'], { cwd: dir, env: withIndex });
    write(dir, 'tech-specs/c.md');
    execFileSync('git', ['add', 'tech-specs/c.md'], { cwd: dir, env: withIndex });
    expect(readGitIndex(other)).toEqual(lsFiles(dir, withIndex));
    expect(readGitIndex(join(dir, '.git', 'index'))!.some((e) => e.path === 'tech-specs/c.md')).toBe(false);
    // readIndexListing finds it through `git rev-parse --git-path index`, as a hook's git would
    const saved = process.env.GIT_INDEX_FILE;
    process.env.GIT_INDEX_FILE = other;
    try {
      expect(readIndexListing(dir).entries.has('tech-specs/c.md')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved;
    }
  });
});
