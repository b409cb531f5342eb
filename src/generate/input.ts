/**
 * Stage 1, validate input: the PRD exists inside the repository and names user stories (US-001 …); gaps the
 * reference calls blocking questions (stories without acceptance criteria, TBD markers) are collected so the
 * CLI can print them and the prompt can hand them to the model for the Open Questions table. For an
 * engineering-initiated spec: a title and an optional brief.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { FileAccessError, LIMITS, readInside, readRegularFile } from '../fs/access.js';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import type { EffectiveConfig } from '../lint/config.js';
import type { PrdModel } from '../model/types.js';
import { extractPrd } from '../model/prd.js';

export type PrdExtractor = (text: string, relPath: string) => PrdModel;

/** A gap in the PRD that the spec must record under Open Questions rather than guess. */
export interface PrdGap {
  line: number;
  message: string;
}

export interface PrdInput {
  /** Repository-relative path, forward slashes. */
  relPath: string;
  absPath: string;
  text: string;
  sha256: string;
  model: PrdModel;
  gaps: PrdGap[];
}

export interface EngineeringInput {
  title: string;
  brief: { path: string; text: string } | null;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Whether `abs` lies inside `root` (after resolving symbolic links of the parts that exist). */
export function isInside(root: string, abs: string): boolean {
  const realRoot = safeRealpath(root);
  const target = realpathOfExistingPrefix(abs);
  const rel = relative(realRoot, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** realpath of the longest existing prefix of `abs`, with the missing rest appended. */
export function realpathOfExistingPrefix(abs: string): string {
  let cur = resolve(abs);
  const rest: string[] = [];
  for (;;) {
    if (existsSync(cur)) {
      return rest.length ? resolve(safeRealpath(cur), ...rest.reverse()) : safeRealpath(cur);
    }
    const parent = resolve(cur, '..');
    if (parent === cur) return resolve(abs);
    rest.push(cur.slice(parent.length).replace(/^[\\/]+/, ''));
    cur = parent;
  }
}

export function toRel(root: string, abs: string): string {
  return relative(safeRealpath(root), realpathOfExistingPrefix(abs)).split(sep).join('/');
}

/** Reads and validates the PRD named on the command line (`prdArg` is relative to `cwd`). */
export async function readPrdInput(
  config: EffectiveConfig,
  prdArg: string,
  cwd: string,
  extract?: PrdExtractor,
): Promise<PrdInput> {
  const absPath = resolve(cwd, prdArg);
  if (!existsSync(absPath)) {
    throw new UsageError(`PRD not found: ${prdArg}`, `Check the path; PRDs normally live in ${config.paths.prds}/.`);
  }
  if (!isInside(config.root, absPath)) {
    throw new UsageError(
      `PRD ${prdArg} is outside the repository (${config.root})`,
      'Move the PRD into the repository (normally under ' + config.paths.prds + '/) so the spec can reference it by a repository path.',
    );
  }
  if (!statSync(absPath).isFile()) {
    throw new UsageError(`PRD ${prdArg} is not a file`, 'Pass the path of the PRD markdown file.');
  }
  let bytes: Buffer;
  try {
    bytes = readInside(absPath, config.root, { maxBytes: LIMITS.document, display: prdArg });
  } catch (err) {
    if (err instanceof FileAccessError) throw new UsageError(`cannot read the PRD ${prdArg}: ${err.reason}`, 'Pass the path of the PRD markdown file, inside the repository.');
    throw err;
  }
  const text = bytes.toString('utf8');
  const relPath = toRel(config.root, absPath);
  const model = (extract ?? extractPrd)(text, relPath);
  if (model.stories.length === 0) {
    throw new UsageError(
      `PRD ${relPath} names no user stories (US-001, US-002 …)`,
      'Add user stories with ids US-001… and acceptance criteria to the PRD, or use --engineering --title "…" for work without a PRD.',
    );
  }
  return { relPath, absPath, text, sha256: sha256(bytes), model, gaps: findGaps(text, model) };
}

/** Blocking questions a program can see: stories without acceptance criteria, duplicate ids, TBD markers. */
export function findGaps(text: string, model: PrdModel): PrdGap[] {
  const gaps: PrdGap[] = [];
  const seen = new Map<string, number>();
  for (const s of model.stories) {
    const first = seen.get(s.id);
    if (first !== undefined) {
      gaps.push({ line: s.loc.line, message: `${s.id} is defined twice (lines ${first} and ${s.loc.line}); which one is meant?` });
      continue;
    }
    seen.set(s.id, s.loc.line);
    if (!s.hasAcceptanceCriteria) {
      gaps.push({ line: s.loc.line, message: `${s.id}${s.title ? ` (${s.title})` : ''} has no acceptance criteria` });
    }
  }
  const lines = text.split(/\r\n|\r|\n/);
  let fence: string | null = null;
  lines.forEach((l, i) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = null;
      return;
    }
    if (fence !== null) return;
    if (/\b(TBD|TBC|TODO|FIXME)\b|\?\?\?/.test(l)) {
      gaps.push({ line: i + 1, message: `unresolved marker: "${l.trim().slice(0, 120)}"` });
    }
  });
  return gaps.sort((a, b) => a.line - b.line);
}

/** Reads the engineering brief (any readable file) and checks the title. */
export function readEngineeringInput(title: string | undefined, briefArg: string | undefined, cwd: string): EngineeringInput {
  const t = (title ?? '').trim();
  if (!t) {
    throw new UsageError('--engineering needs --title "…"', 'Name the initiative, e.g. --title "Batch-load channel members in message fanout".');
  }
  if (!briefArg) return { title: t, brief: null };
  const abs = resolve(cwd, briefArg);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new UsageError(`brief not found: ${briefArg}`, 'Pass a readable notes file to --brief, or leave it out.');
  }
  // the brief is the user's own file, wherever it is: a regular file, bounded in size
  let text: string;
  try {
    text = readRegularFile(abs, { maxBytes: LIMITS.document, display: briefArg }).toString('utf8');
  } catch (err) {
    if (err instanceof FileAccessError) throw new UsageError(`cannot read the brief ${briefArg}: ${err.reason}`, 'Pass a readable notes file to --brief, or leave it out.');
    throw err;
  }
  return { title: t, brief: { path: briefArg, text } };
}

/** A file-name slug for a title: lower case, ASCII letters and digits joined by single hyphens. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'tech-spec';
}
