/**
 * The one file-access layer: every file `spec` reads from, or writes into, a repository goes through here.
 *
 * A read succeeds only for a regular file whose real path (after every symbolic link) lies inside the
 * repository: the config root, or the git work tree's top level above it. FIFOs, devices, sockets,
 * directories and anything under /proc, /sys or /dev are refused without reading a byte, and the size limit
 * is checked twice: on the opened descriptor (fstat) and while reading (at most limit + 1 bytes are read),
 * so neither /dev/zero nor a file that grows during the read can get past it. A refusal is a typed error
 * (FileAccessError) naming the file and the reason, never its content.
 *
 * Cost: the common case (a plain file in a directory without symbolic links) takes what `readFileSync`
 * takes (open, fstat, read, close). The directory's real path is resolved once per directory and kept; the
 * final component is opened with O_NOFOLLOW, so only a file that is itself a symbolic link costs a
 * realpath. Opening uses O_NONBLOCK, so a FIFO never blocks the open.
 *
 * A write (writeFileAtomic) goes to a temporary file in the target's directory, is flushed to disk (fsync)
 * and renamed over the target, so a crash, a full disk or a size limit (`ulimit -f`) leaves either the old
 * file or the new one, never a truncated one. The directory must resolve inside the repository, and a
 * target that is a symbolic link is refused rather than followed or replaced.
 */
import { closeSync, constants, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Why a file was not read or written. */
export type AccessProblem = 'missing' | 'outside' | 'not-regular' | 'too-large' | 'symlink' | 'unreadable' | 'unwritable' | 'exists';

/** A file the layer refused, or could not read or write. The message names the file and the reason only. */
export class FileAccessError extends Error {
  constructor(
    readonly problem: AccessProblem,
    /** The path as the caller named it (repository-relative when it could be made so). */
    readonly file: string,
    /** The reason in words (see describeProblem), without the file name. */
    readonly reason: string,
    /** The size seen, for `too-large` (at least limit + 1 when the file grew or reports no size). */
    readonly size?: number,
    /** The errno code, for `unreadable` / `unwritable`. */
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FileAccessError';
  }
}

/** The limits the tool reads with, in bytes (UTF-8 text). */
export const LIMITS = {
  /** A spec (engine.ts MAX_SPEC_BYTES is this one). */
  spec: 2 * 1024 * 1024,
  /** A PRD, an engineering brief, the workflow document, a prompt template, a completed spec. */
  document: 8 * 1024 * 1024,
  /** An existing goose migration (`--exec` runs the repository's migrations first). */
  migration: 16 * 1024 * 1024,
  /** The `--cache` file. */
  cache: 512 * 1024 * 1024,
} as const;

/**
 * A refused file as the three states a referenced document can be in (the PRD a spec names): outside the
 * repository, missing (nothing there, or nothing that is a file), or unreadable (too large, an I/O error).
 */
export function referenceState(err: FileAccessError): 'outside' | 'missing' | 'unreadable' {
  return err.problem === 'outside' ? 'outside' : err.problem === 'missing' || err.problem === 'not-regular' ? 'missing' : 'unreadable';
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/** Words for a problem, for messages built by callers. */
export function describeProblem(problem: AccessProblem, detail: { size?: number; limit?: number; code?: string } = {}): string {
  switch (problem) {
    case 'missing':
      return 'no such file';
    case 'outside':
      return 'it resolves (through `..` or a symbolic link) to a place outside the repository, and spec reads and writes only files inside the repository';
    case 'not-regular':
      return 'it is not a regular file (a FIFO, device, socket, directory or a file under /proc, /sys or /dev), and spec reads only regular files';
    case 'too-large': {
      const limit = detail.limit ?? 0;
      const seen = detail.size === undefined || detail.size <= limit + 1 ? `over ${mb(limit)}` : mb(detail.size);
      return `it is too large (${seen}; the limit is ${mb(limit)})`;
    }
    case 'symlink':
      return 'it is a symbolic link, and spec does not replace or move symbolic links';
    case 'exists':
      return 'it already exists';
    case 'unwritable':
      return `it cannot be written (${detail.code ?? 'error'})`;
    default:
      return `it cannot be read (${detail.code ?? 'error'})`;
  }
}

function fail(problem: AccessProblem, file: string, detail: { size?: number; limit?: number; code?: string } = {}): never {
  throw new FileAccessError(problem, file, describeProblem(problem, detail), detail.size, detail.code);
}

const isInsideDir = (dir: string, p: string) => {
  if (p === dir) return true;
  const rel = relative(dir, p);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
};

/** Kernel pseudo-file systems: never content of a repository, whatever the root. */
const PSEUDO = process.platform === 'linux' || process.platform === 'android' ? ['/proc', '/sys', '/dev'] : process.platform === 'win32' ? [] : ['/dev'];
const isPseudo = (real: string) => PSEUDO.some((d) => real === d || real.startsWith(d + '/'));

/**
 * The repository as the layer sees it: the real paths of the roots a file may live in (the config root,
 * and the git top level above it, found on first need by looking for `.git`), and the real paths of the
 * directories met so far.
 */
export class Repository {
  readonly root: string;
  private realRoot: string | undefined;
  private topLevel: string | null | undefined;
  private readonly dirs = new Map<string, string | null>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The root's real path. */
  real(): string {
    if (this.realRoot === undefined) {
      try {
        this.realRoot = realpathSync.native(this.root);
      } catch {
        this.realRoot = this.root;
      }
    }
    return this.realRoot;
  }

  /** The git work tree's top level at or above the root (a directory holding `.git`), or null. */
  private top(): string | null {
    if (this.topLevel === undefined) {
      this.topLevel = null;
      let d = this.real();
      for (;;) {
        try {
          lstatSync(join(d, '.git'));
          this.topLevel = d;
          break;
        } catch {
          const up = dirname(d);
          if (up === d) break;
          d = up;
        }
      }
    }
    return this.topLevel;
  }

  /** Whether a real path lies inside the repository (the root, else the git top level above it). */
  containsReal(real: string): boolean {
    if (isPseudo(real)) return false;
    if (isInsideDir(this.real(), real)) return true;
    const top = this.top();
    return top !== null && isInsideDir(top, real);
  }

  /** A directory's real path (kept per directory); null when it does not exist. */
  realDir(dir: string): string | null {
    let r = this.dirs.get(dir);
    if (r === undefined) {
      try {
        r = realpathSync.native(dir);
      } catch {
        r = null;
      }
      this.dirs.set(dir, r);
    }
    return r;
  }

  /** How a path is named in messages: repository-relative when inside the root, else as given. */
  display(abs: string): string {
    const rel = relative(this.root, abs);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
  }
}

const repositories = new Map<string, Repository>();

/** The Repository for a root (one per root per process: directory real paths are kept across calls). */
export function repository(root: string | Repository): Repository {
  if (typeof root !== 'string') return root;
  const key = resolve(root);
  let r = repositories.get(key);
  if (!r) {
    if (repositories.size > 64) repositories.clear();
    repositories.set(key, (r = new Repository(key)));
  }
  return r;
}

/** Forgets the kept directory real paths (tests that move directories around). */
export function forgetRepositories(): void {
  repositories.clear();
}

const NOFOLLOW = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;
const NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;
const READ_FLAGS = constants.O_RDONLY | NOFOLLOW | NONBLOCK;

/** An opened, checked file: a regular file inside the repository. Close it with closeSync(fd). */
export interface OpenedFile {
  fd: number;
  /** Its real path. */
  real: string;
  stat: Stats;
}

export interface ReadOptions {
  /** The largest size read, in bytes. */
  maxBytes: number;
  /** The name used in errors (default: repository-relative, else the path). */
  display?: string;
}

/**
 * Opens `abs` for reading after the checks (inside the repository, a regular file, not over `maxBytes` by
 * its size). Throws FileAccessError.
 */
export function openInside(abs: string, root: string | Repository, options: ReadOptions): OpenedFile {
  const repo = repository(root);
  const path = resolve(abs);
  const name = options.display ?? repo.display(path);
  let real: string;
  let fd: number;
  if (NOFOLLOW !== 0) {
    const dir = repo.realDir(dirname(path));
    if (dir === null) return fail('missing', name);
    if (!repo.containsReal(dir)) return fail('outside', name);
    real = join(dir, basename(path));
    try {
      fd = openSync(real, READ_FLAGS);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ELOOP' && code !== 'EMLINK' && code !== 'EFTYPE') return openFailed(err, name);
      // the file itself is a symbolic link: where does it lead?
      ({ real, fd } = openResolved(path, repo, name));
    }
  } else {
    ({ real, fd } = openResolved(path, repo, name));
  }
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch (err) {
    closeSync(fd);
    return openFailed(err, name);
  }
  if (!stat.isFile() || isPseudo(real)) {
    closeSync(fd);
    return fail('not-regular', name);
  }
  if (stat.size > options.maxBytes) {
    closeSync(fd);
    return fail('too-large', name, { size: stat.size, limit: options.maxBytes });
  }
  return { fd, real, stat };
}

function openResolved(path: string, repo: Repository, name: string): { real: string; fd: number } {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (err) {
    return openFailed(err, name);
  }
  if (!repo.containsReal(real)) return fail('outside', name);
  try {
    return { real, fd: openSync(real, READ_FLAGS) };
  } catch (err) {
    return openFailed(err, name);
  }
}

function openFailed(err: unknown, name: string): never {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return fail('missing', name);
  if (code === 'ELOOP') return fail('outside', name); // a link cycle, or a link swapped in after the check
  if (code === 'ENXIO' || code === 'EISDIR') return fail('not-regular', name); // a socket; a directory (Windows)
  return fail('unreadable', name, { code: code ?? 'error' });
}

/** Reads from an opened file to its end, at most `maxBytes` (one more byte read means too large). */
export function readOpened(file: OpenedFile, options: ReadOptions & { name: string }, scratch?: Buffer): Buffer {
  const limit = options.maxBytes;
  let buf = scratch && scratch.length > Math.min(file.stat.size, limit) ? scratch : Buffer.allocUnsafe(Math.min(file.stat.size, limit) + 1);
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n > limit) break;
      const next = Buffer.allocUnsafe(Math.min(Math.max(buf.length * 2, 4096), limit + 1));
      buf.copy(next, 0, 0, n);
      buf = next;
    }
    let got: number;
    try {
      got = readSync(file.fd, buf, n, buf.length - n, null);
    } catch (err) {
      return fail('unreadable', options.name, { code: (err as NodeJS.ErrnoException).code ?? 'error' });
    }
    if (got === 0) break;
    n += got;
  }
  if (n > limit) return fail('too-large', options.name, { size: Math.max(n, file.stat.size), limit });
  return buf === scratch ? buf.subarray(0, n) : n === buf.length ? buf : buf.subarray(0, n);
}

/** Reads a file inside the repository (see the module comment). Throws FileAccessError. */
export function readInside(abs: string, root: string | Repository, options: ReadOptions, scratch?: Buffer): Buffer {
  const repo = repository(root);
  const name = options.display ?? repo.display(resolve(abs));
  const file = openInside(abs, repo, { ...options, display: name });
  try {
    return readOpened(file, { ...options, name }, scratch);
  } finally {
    closeSync(file.fd);
  }
}

/**
 * Reads a file the tool itself keeps (its cache), wherever it is: no repository check, but a regular file
 * and the size limit, as for readInside. Throws FileAccessError.
 */
export function readRegularFile(abs: string, options: ReadOptions): Buffer {
  const name = options.display ?? abs;
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | NONBLOCK);
  } catch (err) {
    return openFailed(err, name);
  }
  try {
    let stat: Stats;
    try {
      stat = fstatSync(fd);
    } catch (err) {
      return openFailed(err, name);
    }
    if (!stat.isFile()) return fail('not-regular', name);
    if (stat.size > options.maxBytes) return fail('too-large', name, { size: stat.size, limit: options.maxBytes });
    return readOpened({ fd, real: abs, stat }, { ...options, name });
  } finally {
    closeSync(fd);
  }
}

/** readInside, as a result instead of an exception. */
export function tryReadInside(abs: string, root: string | Repository, options: ReadOptions): { bytes: Buffer; error?: undefined } | { bytes?: undefined; error: FileAccessError } {
  try {
    return { bytes: readInside(abs, root, options) };
  } catch (err) {
    if (err instanceof FileAccessError) return { error: err };
    throw err;
  }
}

/** readInside as UTF-8 text (a BOM is kept: callers that care strip it). */
export function readTextInside(abs: string, root: string | Repository, options: ReadOptions): string {
  return readInside(abs, root, options).toString('utf8');
}

/**
 * What is at `abs` without following a final symbolic link: 'file', 'directory', 'symlink', 'other', or
 * null when nothing is there.
 */
export function kindOf(abs: string): 'file' | 'directory' | 'symlink' | 'other' | null {
  try {
    const st = lstatSync(abs);
    return st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  } catch {
    return null;
  }
}

/**
 * Checks that a directory (existing or not) resolves inside the repository: the real path of its longest
 * existing prefix, with the missing rest appended. Returns that real path; throws FileAccessError.
 */
export function realDirInside(dir: string, root: string | Repository, display?: string): string {
  const repo = repository(root);
  const path = resolve(dir);
  const name = display ?? repo.display(path);
  const rest: string[] = [];
  let cur = path;
  for (;;) {
    let real: string | null = null;
    try {
      real = realpathSync.native(cur);
    } catch {
      real = null;
    }
    if (real !== null) {
      if (rest.length > 0) {
        try {
          if (!statSync(real).isDirectory()) return fail('not-regular', name);
        } catch {
          return fail('missing', name);
        }
      }
      const full = rest.length ? join(real, ...rest.reverse()) : real;
      if (!repo.containsReal(full)) return fail('outside', name);
      return full;
    }
    const up = dirname(cur);
    if (up === cur) return fail('missing', name);
    rest.push(basename(cur));
    cur = up;
  }
}

export interface WriteOptions {
  /** Fail when the target exists (`exists`), atomically (the temporary file is linked, not renamed, into place). */
  exclusive?: boolean;
  /** Create missing directories (inside the repository only). Default true. */
  mkdir?: boolean;
  /** The name used in errors. */
  display?: string;
  /** File mode of a new file. */
  mode?: number;
  /**
   * Flush the data to disk before the rename (default true). A file that is only a speed-up (the cache)
   * skips it: after a crash it may be empty or old, and is then ignored.
   */
  durable?: boolean;
}

/** A write made but not yet in place (prepareWrite): the data is on disk in a temporary file beside the target. */
export interface PreparedWrite {
  /** The target's real path. */
  readonly target: string;
  /** Puts the data in place: a rename over the target (or, `exclusive`, a link that fails when it exists). */
  commit(): void;
  /** Removes the temporary file; the target is as it was. */
  abort(): void;
}

/**
 * The first half of writeFileAtomic: checks the target (its directory resolves inside the repository; it
 * is not a symbolic link, nor anything but a regular file; with `exclusive`, it does not exist), creates
 * missing directories, and writes `data` to a temporary file in the target's directory, flushed to disk.
 * Nothing is replaced until `commit()`. Throws FileAccessError (the temporary file removed).
 */
export function prepareWrite(abs: string, data: string | Uint8Array, root: string | Repository, options: WriteOptions = {}): PreparedWrite {
  const repo = repository(root);
  const path = resolve(abs);
  const name = options.display ?? repo.display(path);
  const dir = realDirInside(dirname(path), repo, name);
  const target = join(dir, basename(path));
  const kind = kindOf(target);
  if (kind === 'symlink') return fail('symlink', name);
  if (kind !== null && kind !== 'file') return fail('not-regular', name);
  if (kind !== null && options.exclusive) return fail('exists', name);
  if (options.mkdir !== false) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      return fail('unwritable', name, { code: (err as NodeJS.ErrnoException).code ?? 'error' });
    }
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const durable = options.durable !== false;
  const remove = () => {
    try {
      unlinkSync(tmp);
    } catch {
      // not created, or already gone
    }
  };
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, options.mode ?? 0o666);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    remove();
    return fail('unwritable', name, { code: (err as NodeJS.ErrnoException).code ?? 'error' });
  }
  let done = false;
  return {
    target,
    commit() {
      if (done) return;
      try {
        if (options.exclusive) {
          try {
            linkSync(tmp, target); // EEXIST when the target appeared meanwhile
            remove();
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            // a file system without hard links: check, then rename (no longer atomic against a racing writer)
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
            if (kindOf(target) !== null) return fail('exists', name);
            renameSync(tmp, target);
          }
        } else {
          if (kindOf(target) === 'symlink') return fail('symlink', name); // swapped in since the check
          renameSync(tmp, target);
        }
      } catch (err) {
        remove();
        done = true;
        if (err instanceof FileAccessError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' && options.exclusive) return fail('exists', name);
        return fail('unwritable', name, { code: code ?? 'error' });
      }
      done = true;
      if (durable) syncDir(dir);
    },
    abort() {
      if (done) return;
      done = true;
      remove();
    },
  };
}

/**
 * Writes `data` to `abs` atomically: a temporary file in the same directory, fsync, then a rename over the
 * target (or, `exclusive`, a hard link that fails when the target exists). The directory must resolve
 * inside the repository; a target that is a symbolic link or not a regular file is refused. On any failure
 * the temporary file is removed and the target is as it was. Throws FileAccessError.
 */
export function writeFileAtomic(abs: string, data: string | Uint8Array, root: string | Repository, options: WriteOptions = {}): void {
  prepareWrite(abs, data, root, options).commit();
}

/** Flushes a directory entry change to disk (best effort: not every platform can open a directory). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Creates a directory (and its parents) after checking that it resolves inside the repository. */
export function mkdirInside(dir: string, root: string | Repository, display?: string): string {
  const real = realDirInside(dir, root, display);
  try {
    mkdirSync(real, { recursive: true });
  } catch (err) {
    return fail('unwritable', display ?? repository(root).display(resolve(dir)), { code: (err as NodeJS.ErrnoException).code ?? 'error' });
  }
  return real;
}
