/**
 * The file-access layer (src/fs/access.ts): reads only regular files inside the repository, checks the size
 * before and while reading, names the file and the reason on refusal (never the content), and writes
 * atomically without following a symlinked target.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAccessError, prepareWrite, readInside, readRegularFile, realDirInside, writeFileAtomic } from '../../src/fs/access.js';

const posix = platform() !== 'win32';
const linux = platform() === 'linux';
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dir(prefix = 'spec-fs-'): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(d);
  return d;
}

const SECRET = 'TOP-SECRET-CONTENT-4711';

function refusal(fn: () => unknown): FileAccessError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FileAccessError);
    expect(String((err as Error).message)).not.toContain(SECRET);
    return err as FileAccessError;
  }
  throw new Error('not refused');
}

describe('readInside', () => {
  it('reads a regular file inside the root, and one reached through a symlink that stays inside', () => {
    const root = dir();
    writeFileSync(join(root, 'a.md'), 'hello');
    mkdirSync(join(root, 'sub'));
    symlinkSync('../a.md', join(root, 'sub', 'link.md'));
    expect(readInside(join(root, 'a.md'), root, { maxBytes: 100 }).toString()).toBe('hello');
    expect(readInside(join(root, 'sub', 'link.md'), root, { maxBytes: 100 }).toString()).toBe('hello');
  });

  it.skipIf(!posix)('refuses a symlink to a file outside, a symlinked directory outside and `..` out of the root', () => {
    const root = dir();
    const outside = dir('spec-fs-outside-');
    writeFileSync(join(outside, 'secret.md'), SECRET);
    symlinkSync(join(outside, 'secret.md'), join(root, 'evil.md'));
    symlinkSync(outside, join(root, 'evil-dir'));
    for (const p of [join(root, 'evil.md'), join(root, 'evil-dir', 'secret.md'), join(root, '..', outside.split('/').pop()!, 'secret.md')]) {
      const e = refusal(() => readInside(p, root, { maxBytes: 1000 }));
      expect(e.problem, p).toBe('outside');
      expect(e.message).toMatch(/outside the repository/);
    }
  });

  it.skipIf(!linux)('refuses /proc/self/environ, /dev/zero and a FIFO, without blocking or reading', () => {
    const root = dir();
    symlinkSync('/proc/self/environ', join(root, 'environ.md'));
    symlinkSync('/dev/zero', join(root, 'zero.md'));
    execFileSync('mkfifo', [join(root, 'fifo.md')]);
    expect(refusal(() => readInside(join(root, 'environ.md'), root, { maxBytes: 1000 })).problem).toBe('outside');
    expect(refusal(() => readInside(join(root, 'zero.md'), root, { maxBytes: 1000 })).problem).toBe('outside');
    // a FIFO inside the repository: never opened for a blocking read
    expect(refusal(() => readInside(join(root, 'fifo.md'), root, { maxBytes: 1000 })).problem).toBe('not-regular');
    // and with the repository root at / (nothing is "outside"), the pseudo-files are still not files
    expect(['outside', 'not-regular']).toContain(refusal(() => readInside('/proc/self/environ', '/', { maxBytes: 1000 })).problem);
    expect(['outside', 'not-regular']).toContain(refusal(() => readInside('/dev/zero', '/', { maxBytes: 1000 })).problem);
    // a file the tool keeps itself (the cache) may be anywhere, but still only a regular file
    expect(refusal(() => readRegularFile('/dev/zero', { maxBytes: 1000 })).problem).toBe('not-regular');
    expect(refusal(() => readRegularFile(join(root, 'fifo.md'), { maxBytes: 1000 })).problem).toBe('not-regular');
  });

  it('checks the size on the descriptor, and while reading', () => {
    const root = dir();
    writeFileSync(join(root, 'big.md'), 'x'.repeat(101));
    writeFileSync(join(root, 'ok.md'), 'x'.repeat(100));
    const e = refusal(() => readInside(join(root, 'big.md'), root, { maxBytes: 100 }));
    expect(e.problem).toBe('too-large');
    expect(e.size).toBe(101);
    expect(readInside(join(root, 'ok.md'), root, { maxBytes: 100 }).length).toBe(100);
  });

  it('names a missing file as missing', () => {
    const root = dir();
    expect(refusal(() => readInside(join(root, 'nope.md'), root, { maxBytes: 10 })).problem).toBe('missing');
    expect(refusal(() => readInside(join(root, 'no', 'dir.md'), root, { maxBytes: 10 })).problem).toBe('missing');
  });

  it('accepts a file elsewhere in the git work tree above the root', () => {
    const top = dir();
    mkdirSync(join(top, '.git'));
    mkdirSync(join(top, 'docs'));
    mkdirSync(join(top, 'shared'));
    writeFileSync(join(top, 'shared', 'x.md'), 'shared');
    symlinkSync('../shared/x.md', join(top, 'docs', 'x.md'));
    expect(readInside(join(top, 'docs', 'x.md'), join(top, 'docs'), { maxBytes: 100 }).toString()).toBe('shared');
  });
});

describe('writeFileAtomic', () => {
  it('writes through a temporary file and leaves no temporary behind', () => {
    const root = dir();
    writeFileAtomic(join(root, 'a', 'b.md'), 'one', root);
    writeFileAtomic(join(root, 'a', 'b.md'), 'two', root);
    expect(readFileSync(join(root, 'a', 'b.md'), 'utf8')).toBe('two');
    expect(readdirSync(join(root, 'a'))).toEqual(['b.md']);
  });

  it('exclusive: never replaces an existing file', () => {
    const root = dir();
    writeFileSync(join(root, 'x.md'), 'keep');
    expect(refusal(() => writeFileAtomic(join(root, 'x.md'), 'new', root, { exclusive: true })).problem).toBe('exists');
    expect(readFileSync(join(root, 'x.md'), 'utf8')).toBe('keep');
  });

  it.skipIf(!posix)('refuses a symlinked target and a directory that leads outside, creating nothing there', () => {
    const root = dir();
    const outside = dir('spec-fs-outside-');
    writeFileSync(join(outside, 'target.md'), 'outside');
    symlinkSync(join(outside, 'target.md'), join(root, 'link.md'));
    symlinkSync(outside, join(root, 'out'));
    expect(refusal(() => writeFileAtomic(join(root, 'link.md'), 'x', root)).problem).toBe('symlink');
    expect(refusal(() => writeFileAtomic(join(root, 'out', 'new', 'f.md'), 'x', root)).problem).toBe('outside');
    expect(refusal(() => writeFileAtomic(join(root, '..', 'escape.md'), 'x', root)).problem).toBe('outside');
    expect(readFileSync(join(outside, 'target.md'), 'utf8')).toBe('outside');
    expect(readdirSync(outside)).toEqual(['target.md']);
    expect(() => realDirInside(join(root, 'out', 'deeper'), root)).toThrow(FileAccessError);
  });

  it('prepareWrite: nothing is replaced before commit, and abort leaves the target as it was', () => {
    const root = dir();
    writeFileSync(join(root, 'x.md'), 'old');
    const p = prepareWrite(join(root, 'x.md'), 'new', root);
    expect(readFileSync(join(root, 'x.md'), 'utf8')).toBe('old');
    p.abort();
    expect(readdirSync(root)).toEqual(['x.md']);
    const q = prepareWrite(join(root, 'x.md'), 'new', root);
    q.commit();
    expect(readFileSync(join(root, 'x.md'), 'utf8')).toBe('new');
    expect(existsSync(join(root, 'x.md'))).toBe(true);
    expect(readdirSync(root)).toEqual(['x.md']);
  });
});
