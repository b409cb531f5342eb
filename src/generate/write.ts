/**
 * Stage 7, write: the output path must stay inside the repository, an existing file is only replaced with
 * --force, and the content lands atomically (a temporary file in the same directory, then a rename), so an
 * interrupted run never leaves a partial spec behind.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FileAccessError, writeFileAtomic } from '../fs/access.js';
import { UsageError } from '../errors.js';
import { isInside, toRel } from './input.js';

export interface OutputTarget {
  abs: string;
  /** Repository-relative, forward slashes. */
  rel: string;
  /** The repository root the target must stay inside (resolveOutput sets it). */
  root?: string;
}

/** Resolves `--out` (relative to cwd) or the default (relative to the root) and checks it stays inside. */
export function resolveOutput(root: string, cwd: string, outArg: string | undefined, defaultRel: string): OutputTarget {
  const abs = outArg ? resolve(cwd, outArg) : resolve(root, defaultRel);
  if (!isInside(root, abs)) {
    throw new UsageError(`--out ${outArg ?? defaultRel} is outside the repository (${root})`, 'Write the spec inside the repository, e.g. under tech-specs/.');
  }
  if (!abs.endsWith('.md')) {
    throw new UsageError(`--out ${outArg} must name a markdown file (.md)`, 'Pass a path such as tech-specs/invites.md.');
  }
  return { abs, rel: toRel(root, abs), root };
}

/** Refuses an existing output unless --force. */
export function checkOverwrite(target: OutputTarget, force: boolean): void {
  if (!force && existsSync(target.abs)) {
    throw new UsageError(`${target.rel} already exists; nothing was written`, 'Pass --force to replace it, or --out to write somewhere else.');
  }
}

/**
 * Writes `content` atomically, through the file-access layer (src/fs/access.ts): a temporary file in the
 * same directory, flushed, then renamed into place (linked, without --force, so a file that appeared
 * meanwhile is never replaced); the directory must resolve inside the repository and a symlinked target is
 * refused. Synchronous on purpose: no signal can land between write and rename.
 */
export function writeAtomic(target: OutputTarget, content: string, force: boolean): void {
  try {
    writeFileAtomic(target.abs, content, target.root ?? dirname(target.abs), { exclusive: !force, display: target.rel });
  } catch (err) {
    if (err instanceof FileAccessError && err.problem === 'exists') {
      throw new UsageError(`${target.rel} appeared while the spec was being generated; nothing was written`, 'Pass --force to replace it, or --out to write somewhere else.');
    }
    if (err instanceof FileAccessError) throw new UsageError(`cannot write ${target.rel}: ${err.reason}`, 'Check that the directory is writable and inside the repository.');
    throw new UsageError(`cannot write ${target.rel}: ${(err as Error).message}`, 'Check that the directory is writable.');
  }
}
