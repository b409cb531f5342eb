/**
 * Stage 2, gather context within a token budget, most useful first: the newest migration version (so new
 * goose versions come after it), the project's stack and rendered workflow document, the completed specs
 * ranked by relevance to the PRD (the ones that did not fit are named), and the git-tracked file list
 * (capped) so `Modify:` paths in the draft are real.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { LIMITS, realDirInside, tryReadInside } from '../fs/access.js';
import { join } from 'node:path';
import type { EffectiveConfig } from '../lint/config.js';
import { listRepositoryFiles } from '../lint/repo.js';
import { estimateTokens } from './models.js';

export interface CompletedSpec {
  path: string;
  text: string;
  tokens: number;
  score: number;
}

export interface LeftOutSpec {
  path: string;
  tokens: number;
  score: number;
}

export interface GatheredContext {
  budget: number;
  /** Estimated tokens of everything included. */
  tokens: number;
  profile: EffectiveConfig['profile'];
  docker: EffectiveConfig['docker'];
  workflow: { path: string; text: string; truncated: boolean } | null;
  completed: CompletedSpec[];
  /** Completed specs that did not fit the budget, most relevant first. */
  leftOut: LeftOutSpec[];
  files: { list: string[]; total: number; truncated: boolean };
  migrations: {
    dir: string;
    /** Existing migration files (repository-relative), oldest first. */
    files: string[];
    /** Migration files that other in-progress specs already claim. */
    claimed: string[];
    /** The highest version among existing and claimed migrations, or null. */
    newestVersion: string | null;
  };
  /** Files the file-access layer refused (outside the repository, not a regular file, too large): named, never read. */
  skipped: Array<{ path: string; reason: string }>;
}

export interface GatherOptions {
  budget: number;
  /** Text the completed specs are ranked against (the PRD, or the engineering title and brief). */
  query: string;
  /** The output path, left out of the "claimed migrations" scan when it already exists (--force). */
  outRel?: string;
  /** The file list; by default `git ls-files` (or a directory walk outside git). */
  files?: string[];
  maxFiles?: number;
}

const MIGRATION_FILE = /^(\d+)_[^/]*\.sql$/;
const MIGRATION_IN_TEXT = /(?:^|[\s`(/])((\d{14})_[A-Za-z0-9_]+\.sql)\b/g;

export function gatherContext(config: EffectiveConfig, opts: GatherOptions): GatheredContext {
  const budget = Math.max(0, opts.budget);
  let remaining = budget;
  const root = config.root;
  const skipped: Array<{ path: string; reason: string }> = [];

  // Migrations: names only, always included (small and essential for versions).
  const migDir = config.paths.migrations;
  const migFiles = listMigrations(root, migDir);
  const claimed = claimedMigrations(config, opts.outRel, skipped);
  const versions = [...migFiles, ...claimed]
    .map((f) => MIGRATION_FILE.exec(f.split('/').pop() ?? '')?.[1])
    .filter((v): v is string => Boolean(v));
  const newestVersion = versions.length ? versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b)) : null;
  const shownMigrations = migFiles.slice(-200);
  remaining -= estimateTokens(shownMigrations.join('\n') + claimed.join('\n'));

  // Workflow document: up to 15% of the budget.
  let workflow: GatheredContext['workflow'] = null;
  if (config.paths.workflow) {
    const abs = join(root, config.paths.workflow);
    // through the file-access layer: `paths.workflow` naming `../../proc/self/environ`, or a symlink out of
    // the repository, is refused; nothing outside the repository reaches the model or --dry-run
    const read = existsSync(abs) ? tryReadInside(abs, root, { maxBytes: LIMITS.document, display: config.paths.workflow }) : null;
    if (read?.error && read.error.problem !== 'missing') skipped.push({ path: config.paths.workflow, reason: read.error.reason });
    if (read?.bytes) {
      let text = read.bytes.toString('utf8');
      const cap = Math.floor(budget * 0.15);
      let truncated = false;
      if (estimateTokens(text) > cap) {
        text = text.slice(0, Math.floor(cap * 3.5));
        truncated = true;
      }
      workflow = { path: config.paths.workflow, text, truncated };
      remaining -= estimateTokens(text);
    }
  }

  // File list: up to 20% of the budget, capped in count.
  const all = (opts.files ?? trackedFiles(root)).filter((f) => !/(^|\/)(node_modules|\.git|dist|vendor)\//.test(f));
  const maxFiles = opts.maxFiles ?? 2000;
  const fileCap = Math.floor(budget * 0.2);
  const list: string[] = [];
  let fileTokens = 0;
  for (const f of all) {
    const t = estimateTokens(f) + 1;
    if (list.length >= maxFiles || fileTokens + t > fileCap) break;
    list.push(f);
    fileTokens += t;
  }
  remaining -= fileTokens;

  // Completed specs: ranked by relevance, added while they fit.
  const ranked = rankSpecs(readCompleted(root, config.paths.completed, skipped), opts.query);
  const completed: CompletedSpec[] = [];
  const leftOut: LeftOutSpec[] = [];
  for (const s of ranked) {
    if (s.tokens <= remaining) {
      completed.push(s);
      remaining -= s.tokens;
    } else {
      leftOut.push({ path: s.path, tokens: s.tokens, score: s.score });
    }
  }

  return {
    budget,
    tokens: budget - remaining,
    profile: config.profile,
    docker: config.docker,
    workflow,
    completed,
    leftOut,
    files: { list, total: all.length, truncated: list.length < all.length },
    migrations: { dir: migDir, files: shownMigrations, claimed, newestVersion },
    skipped,
  };
}

/** Numeric comparison of two digit strings of possibly different lengths. */
export function compareVersions(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function trackedFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
    const files = out.toString('utf8').split('\0').filter(Boolean);
    if (files.length) return files.sort();
  } catch {
    // not a git work tree
  }
  return listRepositoryFiles(root);
}

function listMigrations(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  let names: string[];
  try {
    // a migrations directory that leads out of the repository is not listed (its names would reach the model)
    names = readdirSync(realDirInside(abs, root));
  } catch {
    return [];
  }
  return names
    .filter((n) => MIGRATION_FILE.test(n))
    .sort((a, b) => compareVersions(MIGRATION_FILE.exec(a)![1]!, MIGRATION_FILE.exec(b)![1]!) || a.localeCompare(b))
    .map((n) => `${dir}/${n}`);
}

function markdownFiles(absDir: string, relDir: string, skipDir?: string, root?: string): string[] {
  if (!existsSync(absDir)) return [];
  if (root !== undefined) {
    try {
      realDirInside(absDir, root);
    } catch {
      return []; // leads out of the repository: not listed
    }
  }
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (r !== skipDir) walk(join(abs, e.name), r);
      } else if (e.isFile() && e.name.endsWith('.md')) out.push(r);
    }
  };
  walk(absDir, relDir);
  return out.sort();
}

/** Migration files named by specs that are not completed yet (they will claim those versions). */
function claimedMigrations(config: EffectiveConfig, outRel: string | undefined, skipped: GatheredContext['skipped']): string[] {
  const specs = markdownFiles(join(config.root, config.paths.specs), config.paths.specs, config.paths.completed, config.root);
  const found = new Set<string>();
  for (const rel of specs) {
    if (rel === outRel) continue;
    const read = tryReadInside(join(config.root, rel), config.root, { maxBytes: LIMITS.spec, display: rel });
    if (read.error) {
      skipped.push({ path: rel, reason: read.error.reason });
      continue;
    }
    const text = read.bytes.toString('utf8');
    for (const m of text.matchAll(MIGRATION_IN_TEXT)) found.add(m[1]!);
  }
  return [...found].sort();
}

function readCompleted(root: string, dir: string, skipped: GatheredContext['skipped']): Array<{ path: string; text: string }> {
  return markdownFiles(join(root, dir), dir, undefined, root).flatMap((path) => {
    // through the file-access layer: a completed directory that leads out of the repository is not read
    const read = tryReadInside(join(root, path), root, { maxBytes: LIMITS.document, display: path });
    if (read.error) {
      skipped.push({ path, reason: read.error.reason });
      return [];
    }
    return [{ path, text: read.bytes.toString('utf8') }];
  });
}

const STOP = new Set(
  'the and for with that this from are was were will have has had not but all any can each into its our out their them then there these they use used using when where which who why how what also must should may per via than more most such only other some both same own just over under about after before between through while does did been being very upon onto off'.split(
    ' ',
  ),
);

/** Lower-cased word terms of a text (3+ letters, no stop words). */
export function terms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9_]{2,}/g) ?? []) {
    if (STOP.has(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/**
 * Ranks documents by relevance to a query: the inverse-document-frequency weight of the terms they share
 * with the query, normalised by document length so a long spec does not win by size alone. Ties keep path
 * order, so the ranking is deterministic.
 */
export function rankSpecs(docs: Array<{ path: string; text: string }>, query: string): CompletedSpec[] {
  const q = terms(query);
  const docTerms = docs.map((d) => terms(d.text));
  const df = new Map<string, number>();
  for (const t of docTerms) for (const k of t.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = docs.length;
  return docs
    .map((d, i) => {
      const t = docTerms[i]!;
      let score = 0;
      for (const [term, qCount] of q) {
        const c = t.get(term);
        if (!c) continue;
        const idf = Math.log(1 + n / (df.get(term) ?? 1));
        score += idf * Math.min(qCount, 3) * (1 + Math.log(c));
      }
      const len = [...t.values()].reduce((a, b) => a + b, 0);
      return { path: d.path, text: d.text, tokens: estimateTokens(d.text), score: len ? score / Math.sqrt(len) : 0 };
    })
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
}
