/**
 * Stage 7, write: the output path must stay inside the repository, an existing file is only replaced with
 * --force, and the content lands atomically (a temporary file in the same directory, then a rename), so an
 * interrupted run never leaves a partial spec behind.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import { isInside, toRel } from './input.js';

export interface OutputTarget {
  abs: string;
  /** Repository-relative, forward slashes. */
  rel: string;
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
  return { abs, rel: toRel(root, abs) };
}

/** Refuses an existing output unless --force. */
export function checkOverwrite(target: OutputTarget, force: boolean): void {
  if (!force && existsSync(target.abs)) {
    throw new UsageError(`${target.rel} already exists; nothing was written`, 'Pass --force to replace it, or --out to write somewhere else.');
  }
}

/** Writes `content` atomically. Synchronous on purpose: no signal can land between write and rename. */
export function writeAtomic(target: OutputTarget, content: string, force: boolean): void {
  const dir = dirname(target.abs);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(target.abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    if (!force && existsSync(target.abs)) {
      throw new UsageError(`${target.rel} appeared while the spec was being generated; nothing was written`, 'Pass --force to replace it, or --out to write somewhere else.');
    }
    renameSync(tmp, target.abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot write ${target.rel}: ${(err as Error).message}`, 'Check that the directory is writable.');
  }
}
