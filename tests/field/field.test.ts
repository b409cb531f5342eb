/**
 * The field corpus: correct specs written the way other teams write them, in three repository skeletons
 * (`go-repo`, `mono-repo` with Docker on, `py-repo` with the Python profile), and single-defect mutations of
 * them (tests/field/mutations.ts).
 *
 * - Every correct spec lints with 0 errors (one in-process run per skeleton, the whole rule set).
 * - Every mutation is reported as a new error of the expected rule (or category) at the changed place.
 *
 * Cases that fail today are listed in KNOWN_FALSE_ERRORS and KNOWN_MISSES below (and described in
 * tests/field/FINDINGS.md); they run as `it.fails`, so the suite is green while the rules are being fixed.
 * When a fix lands, its case starts passing, so its `it.fails` fails: delete the entry.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/lint/engine.js';
import { loadConfig, type EffectiveConfig } from '../../src/lint/config.js';
import { createRepoIndex, type RepoIndex } from '../../src/lint/repo.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { allRules } from '../../src/rules/index.js';
import { MUTATIONS, type Mutation } from './mutations.js';

const FIELD = dirname(fileURLToPath(import.meta.url));
const SKELETONS = ['go-repo', 'mono-repo', 'py-repo'].filter((s) => existsSync(join(FIELD, s, 'spec.config.json')));

/**
 * Correct specs that get false errors today: spec path under tests/field → the rules at fault and why (the
 * details are in FINDINGS.md). Each spec's "0 errors" case runs as `it.fails`, and a second case checks that
 * it has no error of any other rule (so a new false error does not hide behind a known one). Remove a rule
 * when its fix lands, and the entry when its list is empty.
 */
export const KNOWN_FALSE_ERRORS: Record<string, { rules: string[]; why: string }> = {
};

/** Mutations not caught today (mutation id → what is missed, see FINDINGS.md). Each runs as `it.fails`. */
export const KNOWN_MISSES: Record<string, string> = {
  'guard/dev-server-is-not-a-check': '`pnpm --filter web dev` alone (a server that keeps running) is a warning, not an error',
  'reminders/alembic-upgrade-is-not-a-check': '`alembic upgrade head` alone is classed as set-up (like `goose up`), which task/done-condition does not reject; it should be an error when it is all the condition rests on',
};

/** How many lines around the changed ones a mutation's error may be reported on. */
const WINDOW = 15;

const toPosix = (p: string) => p.split(sep).join('/');
const show = (ms: Diagnostic[]) => ms.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}: ${m.message}`);

function listMd(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const abs = join(dir, e);
    if (statSync(abs).isDirectory()) out.push(...listMd(abs));
    else if (e.endsWith('.md')) out.push(abs);
  }
  return out;
}

interface Skeleton {
  root: string;
  config: EffectiveConfig;
  repo: RepoIndex;
}

const skeletons = new Map<string, Promise<Skeleton>>();
function skeleton(name: string): Promise<Skeleton> {
  let s = skeletons.get(name);
  if (!s) {
    const root = join(FIELD, name);
    s = loadConfig({ cwd: root }).then((config) => ({ root, config, repo: createRepoIndex(root) }));
    skeletons.set(name, s);
  }
  return s;
}

/** The specs of a skeleton (repository-relative to tests/field), from its config's specs directory. */
function specsOf(name: string): string[] {
  const root = join(FIELD, name);
  const cfg = JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8')) as { paths?: { specs?: string } };
  return listMd(join(root, cfg.paths?.specs ?? 'tech-specs')).map((f) => toPosix(relative(FIELD, f)));
}

/** The errors of each correct spec, from one run per skeleton. */
const correctRuns = new Map<string, Promise<Map<string, Diagnostic[]>>>();
function correctRun(name: string): Promise<Map<string, Diagnostic[]>> {
  let r = correctRuns.get(name);
  if (!r) {
    r = (async () => {
      const s = await skeleton(name);
      const files = specsOf(name).map((f) => join(FIELD, f));
      const run = await lintFiles({ config: s.config, files, repo: s.repo, keepModels: false });
      return new Map(run.results.map((res) => [toPosix(relative(FIELD, res.filePath)), res.messages]));
    })();
    correctRuns.set(name, r);
  }
  return r;
}

describe('field corpus: correct specs lint with 0 errors', () => {
  for (const name of SKELETONS) {
    describe(name, () => {
      beforeAll(async () => {
        await correctRun(name);
      });
      for (const key of specsOf(name)) {
        const known = KNOWN_FALSE_ERRORS[key];
        (known ? it.fails : it)(`${key}${known ? ` (known false errors: ${known.rules.join(', ')} — ${known.why})` : ''}`, async () => {
          const messages = (await correctRun(name)).get(key);
          expect(messages, `${key} was not linted`).toBeDefined();
          expect(show(messages!.filter((m) => m.severity === 'error'))).toEqual([]);
        });
        if (known) {
          it(`${key} has no false errors besides the known ones`, async () => {
            const messages = (await correctRun(name)).get(key)!;
            expect(show(messages.filter((m) => m.severity === 'error' && !known.rules.includes(m.ruleId)))).toEqual([]);
          });
        }
      }
    });
  }
});

/** Applies a mutation; throws when its text is missing (or, without `all`, ambiguous). */
export function applyMutation(text: string, m: Mutation): { text: string; fromLine: number; toLine: number } {
  const first = text.indexOf(m.find);
  if (first < 0) throw new Error(`${m.id}: text not found: ${JSON.stringify(m.find)}`);
  if (!m.all && text.indexOf(m.find, first + 1) >= 0) throw new Error(`${m.id}: text found more than once: ${JSON.stringify(m.find)}`);
  const out = m.all ? text.split(m.find).join(m.replace) : text.slice(0, first) + m.replace + text.slice(first + m.find.length);
  const fromLine = out.slice(0, first).split('\n').length;
  const toLine = fromLine + (m.replace.replace(/\n$/, '').match(/\n/g)?.length ?? 0);
  return { text: out, fromLine, toLine };
}

/** The line (1-based) of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string, id: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${id}: anchor not found in the mutated spec: ${JSON.stringify(needle)}`);
  return text.slice(0, i).split('\n').length;
}

describe('field corpus: every single-defect mutation is an error of the expected rule', () => {
  it('has at least 80 mutations, covering every rule category, and the expected-failure lists name real cases', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(80);
    const categories = new Set(MUTATIONS.map((m) => m.rule.split('/')[0]));
    expect([...categories].sort()).toEqual(['code', 'goose', 'path', 'task', 'template', 'trace']);
    expect(new Set(MUTATIONS.map((m) => m.id)).size).toBe(MUTATIONS.length);
    for (const id of Object.keys(KNOWN_MISSES)) expect(MUTATIONS.some((m) => m.id === id), `KNOWN_MISSES names no mutation ${id}`).toBe(true);
    const specs = new Set(SKELETONS.flatMap(specsOf));
    for (const key of Object.keys(KNOWN_FALSE_ERRORS)) expect(specs.has(key), `KNOWN_FALSE_ERRORS names no spec ${key}`).toBe(true);
  });

  for (const m of MUTATIONS) {
    const fails = m.id in KNOWN_MISSES;
    (fails ? it.fails : it)(`${m.id}: ${m.rule}${fails ? ` (known miss: ${KNOWN_MISSES[m.id]})` : ''}`, async () => {
      const name = m.spec.split('/')[0]!;
      const s = await skeleton(name);
      const abs = resolve(FIELD, m.spec);
      const original = readFileSync(abs, 'utf8');
      const mutated = applyMutation(original, m);
      expect(mutated.text).not.toBe(original);
      // only the rules that could give the expected error run (the whole set ran once on the correct spec)
      const rules = allRules.filter((r) => (m.rule.includes('/') ? r.meta.id === m.rule : r.meta.id.startsWith(`${m.rule}/`)));
      expect(rules.length, `no rule ${m.rule}`).toBeGreaterThan(0);
      const run = await lintFiles({ config: s.config, files: [abs], contents: new Map([[abs, mutated.text]]), repo: s.repo, keepModels: false, rules });
      const messages = run.results[0]!.messages;
      // the errors the correct spec already has (false errors today) do not count
      const before = new Set(((await correctRun(name)).get(m.spec) ?? []).map((d) => `${d.ruleId} ${d.message}`));
      const ruleMatches = (d: Diagnostic) => (m.rule.includes('/') ? d.ruleId === m.rule : d.ruleId.startsWith(`${m.rule}/`));
      // near the changed lines, or near `at` (where a rule rightly reports a defect made elsewhere)
      const anchor = m.at === undefined ? null : lineOf(mutated.text, m.at, m.id);
      const near = (line: number) =>
        (line >= mutated.fromLine - WINDOW && line <= mutated.toLine + WINDOW) || (anchor !== null && Math.abs(line - anchor) <= 3);
      const hit = messages.find((d) => d.severity === 'error' && ruleMatches(d) && !m.not?.includes(d.ruleId) && (!m.message || m.message.test(d.message)) && near(d.line) && !before.has(`${d.ruleId} ${d.message}`));
      expect(hit, `expected a new error of ${m.rule} near line ${mutated.fromLine}${m.at ? ` or near "${m.at}"` : ''}; got:\n${show(messages).join('\n')}`).toBeDefined();
    });
  }
});
