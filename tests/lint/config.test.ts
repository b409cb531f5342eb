import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile, loadConfig, mergeConfig, parseJsonc, ruleSettingFor, validateConfig } from '../../src/lint/config.js';
import { ConfigError } from '../../src/errors.js';
import { globError, isIgnoredBy, matchesAny, matchesGlob } from '../../src/lint/glob.js';
import { parseDirectives, Suppressions } from '../../src/lint/directives.js';

describe('config', () => {
  it('is found walking up; its directory is the root; defaults fill the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-cfg-'));
    try {
      writeFileSync(join(dir, 'spec.config.json'), JSON.stringify({ paths: { migrations: 'db/migrations/' }, profile: 'python' }));
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      const cfg = await loadConfig({ cwd: join(dir, 'a', 'b') });
      expect(cfg.root).toBe(dir);
      expect(cfg.paths).toEqual({ prds: 'prds', specs: 'tech-specs', completed: 'tech-specs/completed', migrations: 'db/migrations' });
      expect(cfg.profile).toBe('python');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown keys, bad severities and unknown rules, naming the key', async () => {
    await expect(validateConfig({ rulez: {} }, 'spec.config.json')).rejects.toThrow(/rulez: unknown key/);
    await expect(validateConfig({ paths: { spec: 'x' } }, 'c.json')).rejects.toThrow(/paths\.spec: unknown key/);
    await expect(validateConfig({ rules: { 'template/title': 'loud' } }, 'c.json')).rejects.toThrow(/rules\.template\/title: must be "off", "warn" or "error"/);
    await expect(validateConfig({ rules: { 'nope/rule': 'off' } }, 'c.json')).rejects.toThrow(ConfigError);
    await expect(validateConfig({ profile: 'rust' }, 'c.json')).rejects.toThrow(/profile: must be one of "go", "python"/);
  });

  it('--config pointing nowhere is a config error', async () => {
    await expect(loadConfig({ cwd: tmpdir(), configPath: 'missing.json' })).rejects.toThrow(/config file not found/);
  });

  it('overrides apply by glob, later entries win, options travel with the severity', () => {
    const cfg = mergeConfig(
      {
        rules: { 'x/y': 'warn' },
        overrides: [
          { files: 'tech-specs/completed/**', rules: { 'x/y': 'off' } },
          { files: ['tech-specs/completed/keep.md'], rules: { 'x/y': ['error', { max: 3 }] } },
        ],
      },
      '/r',
    );
    expect(ruleSettingFor(cfg, 'x/y', 'tech-specs/a.md', 'error')).toEqual({ severity: 'warn', options: undefined });
    expect(ruleSettingFor(cfg, 'x/y', 'tech-specs/completed/old.md', 'error').severity).toBe('off');
    expect(ruleSettingFor(cfg, 'x/y', 'tech-specs/completed/keep.md', 'error')).toEqual({ severity: 'error', options: { max: 3 } });
    expect(ruleSettingFor(cfg, 'z/z', 'tech-specs/a.md', 'warn').severity).toBe('warn');
  });
});

describe('glob', () => {
  it('matches **, *, braces and directory prefixes', () => {
    expect(matchesGlob('tech-specs/completed/a.md', 'tech-specs/completed/**')).toBe(true);
    expect(matchesGlob('tech-specs/a.md', 'tech-specs/*.md')).toBe(true);
    expect(matchesGlob('tech-specs/x/a.md', 'tech-specs/*.md')).toBe(false);
    expect(matchesGlob('tech-specs/x/a.md', 'tech-specs/**/*.md')).toBe(true);
    expect(matchesGlob('tech-specs/a.md', 'tech-specs/**/*.md')).toBe(true);
    expect(matchesGlob('a/draft.md', 'draft.md')).toBe(true);
    expect(matchesGlob('tech-specs/legacy/a.md', 'tech-specs/legacy')).toBe(true);
    expect(matchesGlob('a.md', '{a,b}.md')).toBe(true);
  });
});

describe('inline directives', () => {
  const loc = (line: number) => ({ line, column: 1, endLine: line, endColumn: 10 });
  it('disable-next-line, ranges, file-wide, all rules', () => {
    const d = parseDirectives([
      { value: 'spec-lint-disable-next-line a/b, c/d -- reason here', loc: loc(3) },
      { value: 'spec-lint-disable e/f', loc: loc(10) },
      { value: 'spec-lint-enable e/f', loc: loc(20) },
      { value: 'spec-lint-disable-file g/h', loc: loc(30) },
      { value: 'just a comment', loc: loc(40) },
    ]);
    expect(d.map((x) => [x.kind, x.rules])).toEqual([
      ['disable-next-line', ['a/b', 'c/d']],
      ['disable', ['e/f']],
      ['enable', ['e/f']],
      ['disable-file', ['g/h']],
    ]);
    const s = new Suppressions(d);
    expect(s.isSuppressed('a/b', 4)).toBe(true);
    expect(s.isSuppressed('a/b', 5)).toBe(false);
    expect(s.isSuppressed('x/y', 4)).toBe(false);
    expect(s.isSuppressed('e/f', 15)).toBe(true);
    expect(s.isSuppressed('e/f', 20)).toBe(false);
    expect(s.isSuppressed('g/h', 1)).toBe(true);
    const all = new Suppressions(parseDirectives([{ value: 'spec-lint-disable', loc: loc(5) }]));
    expect(all.isSuppressed('any/rule', 100)).toBe(true);
    expect(all.isSuppressed('any/rule', 4)).toBe(false);
  });
});

describe('config files: spec.config.jsonc and package.json "spec"', () => {
  const withDir = async (files: Record<string, string>, fn: (dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-cfg-'));
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads spec.config.jsonc with comments and trailing commas', async () => {
    await withDir({ 'spec.config.jsonc': '{\n  // where goose reads\n  "paths": { "migrations": "db/migrations", /* the team\'s */ },\n  "ignores": ["a//b", "c/*d"],\n}\n' }, async (dir) => {
      const cfg = await loadConfig({ cwd: dir });
      expect(cfg.configPath).toBe(join(dir, 'spec.config.jsonc'));
      expect(cfg.paths.migrations).toBe('db/migrations');
      // comment markers inside strings are text
      expect(cfg.ignores).toEqual(['a//b', 'c/*d']);
    });
    expect(parseJsonc('[1, 2, ]')).toEqual([1, 2]);
    expect(parseJsonc('{"a": "x, }"}')).toEqual({ a: 'x, }' });
    expect(() => parseJsonc('{"a": }')).toThrow();
  });

  it('comments in spec.config.json are still a JSON error saying where they are allowed', async () => {
    await withDir({ 'spec.config.json': '{ // no\n}' }, async (dir) => {
      await expect(loadConfig({ cwd: dir })).rejects.toMatchObject({ hint: expect.stringMatching(/spec\.config\.jsonc/) });
    });
  });

  it('reads the "spec" key of package.json, the root being its directory; a package.json without it is skipped', async () => {
    await withDir({ 'package.json': JSON.stringify({ name: 'app', spec: { paths: { specs: 'docs/specs' } } }) }, async (dir) => {
      mkdirSync(join(dir, 'sub'));
      const cfg = await loadConfig({ cwd: join(dir, 'sub') });
      expect(cfg.root).toBe(dir);
      expect(cfg.configPath).toBe(join(dir, 'package.json'));
      expect(cfg.paths.specs).toBe('docs/specs');
      expect(findConfigFile(join(dir, 'sub'))).toBe(join(dir, 'package.json'));
    });
    await withDir({ 'package.json': JSON.stringify({ name: 'app', description: 'no spec here' }) }, async (dir) => {
      expect(findConfigFile(dir)).not.toBe(join(dir, 'package.json'));
    });
    await withDir({ 'package.json': JSON.stringify({ name: 'app', spec: { rulez: 1 } }) }, async (dir) => {
      await expect(loadConfig({ cwd: dir })).rejects.toThrow(/package\.json \(key "spec"\): rulez: unknown key/);
    });
  });

  it('spec.config.json comes before spec.config.jsonc and package.json in the same directory', async () => {
    await withDir({ 'spec.config.json': '{}', 'spec.config.jsonc': '{}', 'package.json': '{"spec": {}}' }, async (dir) => {
      expect(findConfigFile(dir)).toBe(join(dir, 'spec.config.json'));
    });
  });
});

describe('globs (picomatch)', () => {
  it('a bad pattern is a config error naming the key', async () => {
    await expect(validateConfig({ ignores: ['tech-specs/{drafts'] }, 'spec.config.json')).rejects.toThrow(/ignores\[0\]: invalid glob "tech-specs\/\{drafts": Missing closing: "\}"/);
    await expect(validateConfig({ ignores: ['ok/**', 'x/[abc'] }, 'c.json')).rejects.toThrow(/ignores\[1\]: invalid glob/);
    await expect(validateConfig({ overrides: [{ files: ['a/**', 'b/(c'], rules: {} }] }, 'c.json')).rejects.toThrow(/overrides\[0\]\.files\[1\]: invalid glob/);
    await expect(validateConfig({ overrides: [{ files: 'z/[z-a]', rules: {} }] }, 'c.json')).rejects.toThrow(/overrides\[0\]\.files: invalid glob/);
    expect(globError('tech-specs/drafts/**')).toBeNull();
  });

  it('* and ** do not match dot files unless the pattern spells the dot', () => {
    expect(matchesGlob('tech-specs/.hidden.md', 'tech-specs/*.md')).toBe(false);
    expect(matchesGlob('tech-specs/.drafts/a.md', 'tech-specs/**')).toBe(false);
    expect(matchesGlob('tech-specs/.drafts/a.md', 'tech-specs/.drafts/**')).toBe(true);
    expect(matchesGlob('tech-specs/drafts/a.md', 'tech-specs/**')).toBe(true);
    expect(matchesGlob('tech-specs/a.md', 'tech-specs/{a,b}.md')).toBe(true);
  });

  it('ignores: the last matching pattern decides, ! takes back', () => {
    const ignores = ['tech-specs/drafts/**', '!tech-specs/drafts/keep.md'];
    expect(isIgnoredBy('tech-specs/drafts/x.md', ignores)).toBe(true);
    expect(isIgnoredBy('tech-specs/drafts/keep.md', ignores)).toBe(false);
    expect(isIgnoredBy('tech-specs/a.md', ignores)).toBe(false);
    expect(isIgnoredBy('tech-specs/drafts/keep.md', [...ignores, 'tech-specs/**/keep.md'])).toBe(true);
  });

  it('overrides: a !pattern in files excludes what the others matched', () => {
    const cfg = mergeConfig({ overrides: [{ files: ['tech-specs/**', '!tech-specs/completed/**'], rules: { 'task/size': 'off' } }] }, '/r');
    expect(ruleSettingFor(cfg, 'task/size', 'tech-specs/a.md', 'warn').severity).toBe('off');
    expect(ruleSettingFor(cfg, 'task/size', 'tech-specs/completed/a.md', 'warn').severity).toBe('warn');
    expect(matchesAny('x.md', ['!x.md'])).toBe(false);
  });
});

describe('linterOptions and unused disable comments', () => {
  it('defaults: inline comments on, unused ones not reported; true means warn', () => {
    expect(mergeConfig({}, '/r').linterOptions).toEqual({ noInlineConfig: false, reportUnusedDisableDirectives: 'off' });
    expect(mergeConfig({ linterOptions: { reportUnusedDisableDirectives: true } }, '/r').linterOptions.reportUnusedDisableDirectives).toBe('warn');
    expect(mergeConfig({ linterOptions: { reportUnusedDisableDirectives: 2, noInlineConfig: true } }, '/r').linterOptions).toEqual({ noInlineConfig: true, reportUnusedDisableDirectives: 'error' });
  });

  it('Suppressions tells which comments and which of their rules suppressed nothing', () => {
    const c = (line: number, value: string) => ({ value, loc: { line, column: 1, endLine: line, endColumn: 10 } });
    const s = new Suppressions(
      parseDirectives([
        c(1, 'spec-lint-disable-next-line task/size, task/order -- why'),
        c(5, 'spec-lint-disable trace/story-mapped'),
        c(9, 'spec-lint-enable trace/story-mapped'),
        c(12, 'spec-lint-disable-file'),
      ] as never),
    );
    expect(s.isSuppressed('task/size', 2)).toBe(true);
    // the file-wide comment suppressed that finding too
    expect(s.unused().map((u) => [u.directive.loc.line, u.rule])).toEqual([
      [1, 'task/order'],
      [5, 'trace/story-mapped'],
    ]);
    const none = new Suppressions(parseDirectives([c(3, 'spec-lint-disable-file')] as never));
    expect(none.unused().map((u) => [u.directive.loc.line, u.rule])).toEqual([[3, undefined]]);
  });
});
