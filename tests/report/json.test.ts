/**
 * `--format json` is ESLint's JSON key for key (ESLint's LintResult / LintMessage), `json-with-metadata`
 * adds ESLint's metadata, and `-f` loads formatters as ESLint does: by path, or by package
 * (`spec-formatter-<name>`, `eslint-formatter-<name>`), called as `(results, context) => string`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, formatWithMetadata, toEslintResults } from '../../src/report/json.js';
import { formatterPackages, getFormatter } from '../../src/report/index.js';
import { UsageError } from '../../src/errors.js';
import { ctx, diag, result } from './helpers.js';

const results = [
  result('tech-specs/a.md', [diag({ line: 3 }), diag({ line: 5, ruleId: 'path/placeholder', severity: 'warning', message: 'a placeholder path' })]),
  result('tech-specs/b.md', [diag({ line: 1, ruleId: 'template/readable', message: 'the file is empty' })]),
  result('tech-specs/c.md', []),
];

describe('--format json', () => {
  it("has exactly ESLint's keys, severity 2/1, and the fatal and fixable counts", () => {
    const out = JSON.parse(format(results, ctx())) as Array<Record<string, unknown>>;
    expect(Object.keys(out[0]!)).toEqual([
      'filePath',
      'messages',
      'suppressedMessages',
      'errorCount',
      'fatalErrorCount',
      'warningCount',
      'fixableErrorCount',
      'fixableWarningCount',
      'usedDeprecatedRules',
    ]);
    expect(out[0]).toMatchObject({ filePath: '/repo/tech-specs/a.md', errorCount: 1, warningCount: 1, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, suppressedMessages: [], usedDeprecatedRules: [] });
    expect(out[0]!.messages).toEqual([
      { ruleId: 'trace/story-unmapped', severity: 2, message: 'US-002 is not mapped to any task', line: 3, column: 1, endLine: 3, endColumn: 10 },
      { ruleId: 'path/placeholder', severity: 1, message: 'a placeholder path', line: 5, column: 1, endLine: 5, endColumn: 10 },
    ]);
    // a file that could not be read as a spec is ESLint's fatal (parse) error
    expect(out[1]).toMatchObject({ fatalErrorCount: 1, errorCount: 1 });
    expect((out[1]!.messages as Array<Record<string, unknown>>)[0]).toMatchObject({ fatal: true, severity: 2 });
    expect(out[2]).toMatchObject({ messages: [], errorCount: 0, warningCount: 0 });
  });

  it('is one line of JSON, as ESLint writes it', () => {
    const text = format(results, ctx());
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
  });

  it('counts a message carrying a fix as fixable, by severity', () => {
    const withFix = { ...diag({ line: 2 }), fix: { range: [4, 9] as [number, number], text: 'T-003' } };
    const [r] = toEslintResults([result('tech-specs/a.md', [withFix, diag({ line: 4, severity: 'warning' })])]);
    expect(r).toMatchObject({ fixableErrorCount: 1, fixableWarningCount: 0 });
    expect(r!.messages[0]!.fix).toEqual({ range: [4, 9], text: 'T-003' });
  });

  it("json-with-metadata carries ESLint's metadata: cwd and each rule's docs link", () => {
    const out = JSON.parse(formatWithMetadata(results, ctx())) as { results: unknown[]; metadata: { cwd: string; rulesMeta: Record<string, { type: string; docs: { url: string; description: string } }> } };
    expect(out.results).toEqual(JSON.parse(format(results, ctx())));
    expect(out.metadata.cwd).toBe(process.cwd());
    expect(out.metadata.rulesMeta['trace/story-unmapped']).toEqual({ type: 'problem', docs: { description: 'Every PRD story maps to at least one task.', url: 'https://example.test/rules/trace/story-unmapped.md' } });
  });
});

describe('-f <formatter>', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spec-formatters-'));
    const pkg = (name: string, code: string) => {
      mkdirSync(join(dir, 'node_modules', name), { recursive: true });
      writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
      writeFileSync(join(dir, 'node_modules', name, 'index.js'), code);
    };
    pkg('eslint-formatter-count', 'module.exports = (results, context) => `${results.length} ${results[0].messages[0].severity} ${context.rulesMeta["trace/story-unmapped"].docs.url} ${context.cwd === process.cwd()}`;');
    pkg('spec-formatter-count', 'module.exports = () => "spec wins";');
    pkg('eslint-formatter-only', 'module.exports = async (results) => `async ${results.length}`;');
    pkg('eslint-formatter-broken', 'module.exports = () => { throw new Error("boom"); };');
    writeFileSync(join(dir, 'local.mjs'), 'export default function (results) { return `local ${results.length}`; }\n');
    writeFileSync(join(dir, 'nothing.mjs'), 'export const x = 1;\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the packages in ESLint's convention, spec-formatter- first", () => {
    expect(formatterPackages('count')).toEqual(['spec-formatter-count', 'eslint-formatter-count', 'count']);
    expect(formatterPackages('eslint-formatter-pretty')).toEqual(['eslint-formatter-pretty']);
    expect(formatterPackages('@org/pretty')).toEqual(['@org/spec-formatter-pretty', '@org/eslint-formatter-pretty']);
    expect(formatterPackages('@org')).toEqual(['@org/spec-formatter', '@org/eslint-formatter']);
  });

  it('loads a package from the project, a spec-formatter- before an eslint-formatter-, with ESLint results and context', async () => {
    expect(await (await getFormatter('count', dir))(results, ctx())).toBe('spec wins');
    expect(await (await getFormatter('eslint-formatter-count', dir))(results, ctx())).toBe('3 2 https://example.test/rules/trace/story-unmapped.md true');
    expect(await (await getFormatter('only', dir))(results, ctx())).toBe('async 3');
  });

  it('loads a file by path; a missing one, a module without a function and a throwing formatter are usage errors', async () => {
    expect(await (await getFormatter('./local.mjs', dir))(results, ctx())).toBe('local 3');
    await expect(getFormatter('nope', dir)).rejects.toThrow(/unknown format "nope".*spec-formatter-nope.*eslint-formatter-nope/);
    await expect(getFormatter('nope', dir)).rejects.toBeInstanceOf(UsageError);
    await expect(getFormatter('./missing.js', dir)).rejects.toThrow(/no file/);
    await expect(getFormatter('./nothing.mjs', dir)).rejects.toThrow(/exports no function/);
    await expect((await getFormatter('broken', dir))(results, ctx())).rejects.toThrow(/failed: boom/);
  });
});
