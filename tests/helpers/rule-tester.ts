/**
 * An ESLint-RuleTester-like harness over whole spec documents. Each case runs in a fresh temporary copy of
 * the fixture repository (tests/fixtures/repo), so rules see a real repository: a PRD, existing migrations,
 * source files. Only the rule under test runs; an invalid case lists every diagnostic it expects, by rule id
 * and line, and nothing else may be reported.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/types.js';
import { lintFiles } from '../../src/lint/engine.js';
import { mergeConfig, type RawConfig } from '../../src/lint/config.js';
import type { Diagnostic } from '../../src/lint/types.js';

export const fixtureRepo = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'repo');

/** The complete, lint-clean PRD-driven example (tests/fixtures/repo/tech-specs/workspace-invites.md). */
export const prdSpec = readFileSync(join(fixtureRepo, 'tech-specs', 'workspace-invites.md'), 'utf8');
/** The complete, lint-clean engineering-initiated example (tests/fixtures/repo/tech-specs/member-lookup-index.md). */
export const engSpec = readFileSync(join(fixtureRepo, 'tech-specs', 'member-lookup-index.md'), 'utf8');

/** Replaces exactly one occurrence of `from` (throws when it is missing or ambiguous, so tests stay honest). */
export function replace(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`replace: text not found: ${JSON.stringify(from)}`);
  if (text.indexOf(from, i + 1) >= 0) throw new Error(`replace: text found more than once: ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** 1-based line of the first occurrence of `needle` (after `after`, when given). */
export function lineOf(text: string, needle: string, after?: string): number {
  const start = after ? text.indexOf(after) : 0;
  if (start < 0) throw new Error(`lineOf: anchor not found: ${JSON.stringify(after)}`);
  const i = text.indexOf(needle, start);
  if (i < 0) throw new Error(`lineOf: text not found: ${JSON.stringify(needle)}`);
  return text.slice(0, i).split('\n').length;
}

export interface TestCase {
  name: string;
  /** The whole spec document. */
  spec: string;
  /** Where the spec lives in the repository (default tech-specs/under-test.md). */
  filePath?: string;
  /** Extra repository files (relative path → content); `null` deletes a fixture file. */
  files?: Record<string, string | null>;
  /** Other specs linted in the same run (relative path → content), for cross-spec rules. */
  otherSpecs?: Record<string, string>;
  config?: RawConfig;
  exec?: boolean;
}

export interface ExpectedError {
  ruleId: string;
  line: number;
  /** A substring or pattern the message must contain. */
  message?: string | RegExp;
  severity?: 'error' | 'warning';
}

export interface InvalidCase extends TestCase {
  errors: ExpectedError[];
}

/** Lints one case in a temporary copy of the fixture repository; returns the spec's diagnostics. */
export async function lintCase(rules: readonly Rule[], c: TestCase): Promise<Diagnostic[]> {
  const dir = mkdtempSync(join(tmpdir(), 'spec-rule-'));
  try {
    cpSync(fixtureRepo, dir, { recursive: true });
    // the fixture's own specs are examples, not part of each case
    rmSync(join(dir, 'tech-specs'), { recursive: true, force: true });
    mkdirSync(join(dir, 'tech-specs', 'completed'), { recursive: true });
    for (const [rel, content] of Object.entries(c.files ?? {})) {
      const abs = join(dir, rel);
      if (content === null) rmSync(abs, { force: true, recursive: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
    }
    const rel = c.filePath ?? 'tech-specs/under-test.md';
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, c.spec);
    const files = [abs];
    for (const [orel, content] of Object.entries(c.otherSpecs ?? {})) {
      const oabs = join(dir, orel);
      mkdirSync(dirname(oabs), { recursive: true });
      writeFileSync(oabs, content);
      files.push(oabs);
    }
    const config = mergeConfig(c.config ?? {}, dir, null);
    const run = await lintFiles({ config, files, rules, exec: c.exec ?? false });
    return run.results[0]!.messages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Declares a vitest suite for one rule: every valid case reports nothing from the rule; every invalid case
 * reports exactly the expected diagnostics (rule id and line, in line order).
 */
export function runRuleTests(rule: Rule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, async () => {
          const messages = await lintCase([rule], c);
          expect(messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, async () => {
          const messages = await lintCase([rule], c);
          const got = messages.map((m) => ({ ruleId: m.ruleId, line: m.line }));
          const want = [...c.errors].sort((a, b) => a.line - b.line).map((e) => ({ ruleId: e.ruleId, line: e.line }));
          expect(got, messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`).join('\n')).toEqual(want);
          const sorted = [...c.errors].sort((a, b) => a.line - b.line);
          sorted.forEach((e, i) => {
            const m = messages[i]!;
            if (e.message instanceof RegExp) expect(m.message).toMatch(e.message);
            else if (typeof e.message === 'string') expect(m.message).toContain(e.message);
            if (e.severity) expect(m.severity).toBe(e.severity);
          });
        });
      }
    });
  });
}
