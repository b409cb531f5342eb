import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotation, escapeData, escapeProperty, format } from '../../src/report/github.js';
import { ctx, diag, result } from './helpers.js';

/** Parses a workflow command the way the Actions runner does (split on the first `::` after the command). */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+) (.*?)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProp = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const props: Record<string, string> = {};
  for (const kv of m[2]!.split(',')) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = unescapeProp(kv.slice(i + 1));
  }
  return { command: m[1]!, props, message: unescapeData(m[3]!) };
}

beforeEach(() => {
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
  vi.stubEnv('GITHUB_WORKSPACE', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('github formatter', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // %25 first: an already-escaped-looking sequence survives a round trip
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one annotation per diagnostic that round-trips through the runner’s parsing', () => {
    const message = 'Coverage 100% of US-001, US-002:\nmissing T-009,\r\nsee %0A literally';
    const d = diag({ line: 12, column: 3, endLine: 14, endColumn: 7, message, ruleId: 'trace/story-unmapped' });
    const line = annotation('tech-specs/a,b:c.md', d);
    expect(line).not.toMatch(/[\r\n]/);
    const parsed = parseCommand(line);
    expect(parsed.command).toBe('error');
    expect(parsed.props).toEqual({ file: 'tech-specs/a,b:c.md', line: '12', col: '3', endLine: '14', endColumn: '7', title: 'trace/story-unmapped' });
    expect(parsed.message).toBe(message);
    expect(parseCommand(annotation('x.md', diag({ line: 1, severity: 'warning' }))).command).toBe('warning');
  });

  it('prints the annotations, then every problem as a plain line, then the count', () => {
    const out = format(
      [
        result('tech-specs/b.md', [diag({ line: 9, message: 'second\nline', severity: 'warning', ruleId: 'path/placeholder' })]),
        result('tech-specs/a.md', [diag({ line: 5, key: 'US-002' }), diag({ line: 2, ruleId: 'task/dependency-unknown', message: 'T-004 needs T-009' })]),
        result('tech-specs/clean.md', []),
      ],
      ctx(),
    );
    const lines = out.trimEnd().split('\n');
    const annotations = lines.filter((l) => /^::(error|warning) /.test(l));
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toContain('file=tech-specs/a.md,line=2,');
    expect(lines).toContain('tech-specs/a.md:2:1: error: T-004 needs T-009 (task/dependency-unknown)');
    expect(lines).toContain('tech-specs/b.md:9:1: warning: second line (path/placeholder)');
    expect(lines.at(-1)).toBe('spec lint: 3 problems (2 errors, 1 warning) in 2 of 3 files.');
  });

  it('says that GitHub shows only about ten annotations per type when there are more', () => {
    const many = Array.from({ length: 12 }, (_, i) => diag({ line: i + 1, key: `US-${i}` }));
    const out = format([result('tech-specs/a.md', many)], ctx());
    expect(out.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(12);
    expect(out.split('\n').filter((l) => l.startsWith('tech-specs/a.md:'))).toHaveLength(12);
    expect(out).toMatch(/12 problems \(12 errors, 0 warnings\).*about 10 annotations of each type per step: all 12 are listed above\./);
  });

  it('says so when there is nothing to report', () => {
    expect(format([result('tech-specs/a.md', [])], ctx())).toBe('spec lint: no problems in 1 file.\n');
  });

  it('appends the job summary when GITHUB_STEP_SUMMARY is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-gh-'));
    try {
      const file = join(dir, 'summary.md');
      writeFileSync(file, '# earlier step output\n');
      vi.stubEnv('GITHUB_STEP_SUMMARY', file);
      const out = format([result('tech-specs/a.md', [diag({ line: 5 })])], ctx());
      expect(out).toContain('::error ');
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('# earlier step output\n')).toBe(true);
      expect(text).toContain('## spec lint');
      expect(text).toContain('`trace/story-unmapped`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
