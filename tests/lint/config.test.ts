import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, mergeConfig, ruleSettingFor, validateConfig } from '../../src/lint/config.js';
import { ConfigError } from '../../src/errors.js';
import { matchesGlob } from '../../src/lint/glob.js';
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
