import { afterEach, describe, expect, it, vi } from 'vitest';
import { format } from '../../src/report/gitlab.js';
import { ctx, diag, result } from './helpers.js';

afterEach(() => vi.unstubAllEnvs());

describe('gitlab formatter', () => {
  it('writes a Code Quality report: description, check_name, unique fingerprint, severity, location', () => {
    vi.stubEnv('CI_PROJECT_DIR', '');
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const issues = JSON.parse(
      format(
        [
          result('tech-specs/a.md', [
            diag({ line: 4, endLine: 6, key: 'US-002' }),
            diag({ line: 9, severity: 'warning', ruleId: 'path/placeholder', message: 'placeholder path' }),
            diag({ line: 12, severity: 'warning', ruleId: 'path/placeholder', message: 'placeholder path' }),
          ]),
          result('tech-specs/b.md', []),
        ],
        ctx(),
      ),
    ) as Array<Record<string, unknown> & { location: { path: string; lines: { begin: number; end: number } } }>;
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatchObject({
      type: 'issue',
      check_name: 'trace/story-unmapped',
      severity: 'major',
      description: 'US-002 is not mapped to any task (trace/story-unmapped)',
      location: { path: 'tech-specs/a.md', lines: { begin: 4, end: 6 } },
    });
    expect(issues[1]!.severity).toBe('minor');
    const fps = issues.map((i) => i.fingerprint as string);
    expect(new Set(fps).size).toBe(3);
    for (const fp of fps) expect(fp).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes an empty array when there is nothing to report', () => {
    expect(JSON.parse(format([result('tech-specs/a.md', [])], ctx()))).toEqual([]);
  });

  it('uses paths relative to CI_PROJECT_DIR', () => {
    vi.stubEnv('CI_PROJECT_DIR', '/');
    const [issue] = JSON.parse(format([result('tech-specs/a.md', [diag({ line: 1 })])], ctx())) as Array<{ location: { path: string } }>;
    expect(issue!.location.path).toBe('repo/tech-specs/a.md');
  });
});
