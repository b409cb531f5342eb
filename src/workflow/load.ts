/** Reading one spec for the lifecycle commands: resolve the path, read it, build its model. */
import { existsSync, statSync } from 'node:fs';
import { FileAccessError, LIMITS, readInside } from '../fs/access.js';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import type { EffectiveConfig } from '../lint/config.js';
import type { SpecModel } from '../model/types.js';

export interface LoadedSpec {
  /** Absolute path. */
  absPath: string;
  /** Repository-relative path, forward slashes. */
  relPath: string;
  text: string;
  model: SpecModel;
}

/** Resolves a spec argument (relative to `cwd`), reads it and extracts its model. */
export async function loadSpec(config: EffectiveConfig, cwd: string, spec: string): Promise<LoadedSpec> {
  const absPath = isAbsolute(spec) ? spec : resolve(cwd, spec);
  if (!existsSync(absPath)) throw new UsageError(`spec not found: ${spec}`, `Give the path of a tech spec, e.g. ${config.paths.specs}/my-feature.md.`);
  if (!statSync(absPath).isFile()) throw new UsageError(`not a file: ${spec}`, 'Give the path of one tech spec (a Markdown file).');
  let bytes: Buffer;
  try {
    // through the file-access layer: inside the repository, a regular file, at most the spec limit
    bytes = readInside(absPath, config.root, { maxBytes: LIMITS.spec, display: spec });
  } catch (err) {
    if (err instanceof FileAccessError) throw new UsageError(`cannot read ${spec}: ${err.reason}`, 'Give the path of a tech spec inside the repository (the directory of spec.config.json, or the git work tree).');
    throw err;
  }
  const { decodeText } = await import('../markdown/parse.js');
  const decoded = decodeText(bytes);
  if (decoded.problem) throw new UsageError(`${spec}: ${decoded.problem}`, 'Run spec lint on it, fix the file, then try again.');
  const text = decoded.text;
  const rel = relative(config.root, absPath);
  const relPath = (rel.startsWith('..') || isAbsolute(rel) ? absPath : rel).split(sep).join('/');
  const { extractSpec } = await import('../model/extract.js');
  return { absPath, relPath, text, model: extractSpec(text, relPath) };
}
