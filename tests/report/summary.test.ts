import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractSpec } from '../../src/model/extract.js';
import { buildStepSummary, STEP_SUMMARY_LIMIT, traceabilityGraph, writeStepSummary } from '../../src/report/summary.js';
import { ctx, diag, result } from './helpers.js';

const prdSpec = `# Tech Spec: Invites

**Type:** PRD-driven
**PRD:** prds/invites.md
**Author:** A
**Last updated:** 2026-01-01
**Status:** Draft

## 1. Overview

### Requirement Mapping

#### PRD-driven: Story Mapping

| Story ID | Story Summary | Implementing Tasks |
|----------|--------------|-------------------|
| US-001 | Invite a "colleague" by email | T-001, T-002 |
| US-002 | Accept an invite | T-009 |
| US-003 | Revoke an invite | |

## 6. Implementation Tasks

### Phase 1: Data Model

- **T-001:** Create the invites table
  - _Implements:_ US-001
  - _Description:_ Adds the table.
  - _Done condition:_ \`go test ./...\` passes
  - _Dependencies:_ None
- **T-002:** Invite endpoint
  - _Implements:_ US-001
  - _Description:_ Adds the endpoint.
  - _Done condition:_ \`go test ./...\` passes
  - _Dependencies:_ T-001
- **T-003:** Unrelated cleanup
  - _Implements:_ —
  - _Description:_ Tidies up.
  - _Done condition:_ \`go test ./...\` passes
  - _Dependencies:_ None
`;

beforeEach(() => {
  vi.stubEnv('GITHUB_SERVER_URL', '');
  vi.stubEnv('GITHUB_WORKSPACE', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('traceability graph', () => {
  it('draws requirements → tasks and highlights unmapped and undefined ids', () => {
    const model = extractSpec(prdSpec, 'tech-specs/invites.md');
    const g = traceabilityGraph(model)!;
    expect(g.mermaid.startsWith('flowchart LR')).toBe(true);
    expect(g.mermaid).toContain('n_US_001 --> n_T_001');
    expect(g.mermaid).toContain('n_US_001 --> n_T_002');
    expect(g.mermaid).toContain('n_US_002 --> n_T_009');
    expect(g.unmappedRequirements).toEqual(['US-003']);
    expect(g.unmappedTasks).toEqual(['T-003']);
    expect(g.dangling).toEqual(['T-009']);
    expect(g.mermaid).toMatch(/class n_US_003,n_T_003 unmapped/);
    expect(g.mermaid).toMatch(/class n_T_009 missing/);
    // quotes in labels cannot break the diagram
    expect(g.mermaid).toContain('#quot;colleague#quot;');
    expect(g.requirements).toBe(3);
    expect(g.tasks).toBe(3);
  });

  it('is null for a spec with neither requirements nor tasks', () => {
    expect(traceabilityGraph(extractSpec('# Tech Spec: Empty\n', 'tech-specs/e.md'))).toBeNull();
  });
});

describe('step summary', () => {
  const models = new Map([['tech-specs/invites.md', extractSpec(prdSpec, 'tech-specs/invites.md')]]);
  const results = [
    result('tech-specs/invites.md', [
      diag({ line: 17, key: 'US-003', message: 'US-003 | has no task <b>' }),
      diag({ line: 17, key: 'US-003', ruleId: 'task/dependency-unknown', severity: 'warning', message: 'x' }),
      diag({ line: 3, key: 'US-001', message: 'another' }),
    ]),
    result('tech-specs/clean.md', []),
  ];

  it('has totals, a table per file and rule, a Mermaid graph per spec and the full list', () => {
    const md = buildStepSummary(results, ctx({ models }));
    expect(md).toContain('## spec lint');
    expect(md).toContain('2 errors and 1 warning in 1 of 2 specs');
    expect(md).toContain('| File | Rule | Errors | Warnings |');
    expect(md).toContain('| `tech-specs/invites.md`:3 | [trace/story-unmapped](https://example.test/rules/trace/story-unmapped.md) | 2 | 0 |');
    expect(md).toContain('| `tech-specs/invites.md`:17 | [task/dependency-unknown](https://example.test/rules/task/dependency-unknown.md) | 0 | 1 |');
    expect(md).toContain('```mermaid\nflowchart LR');
    expect(md).toContain('unmapped requirements: US-003');
    // table cells are escaped
    expect(md).toContain('US-003 \\| has no task &lt;b&gt;');
    expect(md).toContain('<details><summary>All problems</summary>');
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('links files and lines on GitHub when the run has the repository and commit', () => {
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.example');
    vi.stubEnv('GITHUB_REPOSITORY', 'acme/app');
    vi.stubEnv('GITHUB_SHA', 'abc123');
    const md = buildStepSummary(results, ctx({ models }));
    expect(md).toContain('[`tech-specs/invites.md`:17](https://github.example/acme/app/blob/abc123/tech-specs/invites.md#L17)');
  });

  it('cuts a large summary below the limit, at a piece boundary, with a note', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => diag({ line: i + 1, key: `K-${i}`, message: `problem number ${i} ${'x'.repeat(40)}` }));
    const big = [result('tech-specs/invites.md', many)];
    const full = buildStepSummary(big, ctx({ models }), Number.MAX_SAFE_INTEGER);
    expect(Buffer.byteLength(full)).toBeGreaterThan(STEP_SUMMARY_LIMIT);

    const md = buildStepSummary(big, ctx({ models }));
    expect(Buffer.byteLength(md)).toBeLessThan(STEP_SUMMARY_LIMIT);
    expect(md).toContain("The summary was cut to stay under GitHub's 1024 KiB limit");
    expect(md).toContain('## spec lint');
    // the cut is between whole rows: every table line is complete
    for (const l of md.split('\n').filter((x) => x.startsWith('| '))) expect(l.endsWith('|')).toBe(true);

    const small = buildStepSummary(big, ctx({ models }), 4000);
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(4000);
    expect(small).toMatch(/parts? left out/);
  });

  it('appends to the file, counting what the step already wrote against the limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-summary-'));
    try {
      const file = join(dir, 'step-summary.md');
      writeFileSync(file, 'x'.repeat(STEP_SUMMARY_LIMIT - 200 * 1024));
      const many = Array.from({ length: 5000 }, (_, i) => diag({ line: i + 1, message: `problem ${i} ${'y'.repeat(60)}` }));
      expect(writeStepSummary([result('tech-specs/a.md', many)], ctx(), { GITHUB_STEP_SUMMARY: file })).toBe(true);
      expect(statSync(file).size).toBeLessThan(STEP_SUMMARY_LIMIT);
      expect(readFileSync(file, 'utf8')).toContain('The summary was cut');
      expect(writeStepSummary([], ctx(), {})).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
