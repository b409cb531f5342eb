/**
 * Property-based: whatever the input — arbitrary text, markdown-shaped noise, or a valid spec mutated at
 * random (lines deleted, moved, duplicated, tables cut, fences left open) — `spec lint` never falls over
 * (no exception, no `lint/internal-error`, never exit 2) and says the same thing twice.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { internalErrors, lintDoc, runCli, tempRepo, validSpecs } from './helpers.js';

const NUM_RUNS = 30;

// ----- generators -----------------------------------------------------------------------------------------

/** Pieces of markdown and of the template, so random documents hit the extractor's paths. */
const TOKENS = [
  '\n', '\n\n', '\r\n', '# ', '## ', '### ', '#### ', '# Tech Spec: ', '## 6. Implementation Tasks', '### Phase 1: Data Model',
  '| ', ' | ', '|', '|---|---|', '|----------|--------------|', '- ', '  - ', '    - ', '> ', '> - ', '1. ', '* ', '+ ',
  '```', '```sql\n', '```go\n', '```typescript\n', '~~~', '    ', '\t', '**', '__', '_', '*', '`', '``', '~~', '\\', '[', ']', '(', ')', '<', '>',
  'T-001', 'T-002', 'US-001', 'ER-001', '**T-003:** Do it', '> **T-004**: Quoted', '_Implements:_ US-001', '_Description:_ Words.',
  '_Files:_', 'Create: `a/b.go`', 'Modify: `internal/api/router.go`', 'Delete: `x`', '_Done condition:_ `go test ./...` passes.',
  '_Dependencies:_ None', '_Dependencies:_ T-001 (schema)', '**Type:** PRD-driven', '**Type:** Engineering-initiated',
  '**PRD:** prds/workspace-invites.md', '**PRD:** ../../etc/passwd', '**PRD:** /etc/passwd', '**Author:** A', '**Last updated:** 2026-02-30',
  '#### `migrations/20260101000000_x.sql`', '-- +goose Up', '-- +goose Down', '-- +goose StatementBegin', '-- +goose NO TRANSACTION',
  'CREATE TABLE x (id int);', 'DROP TABLE x;', 'type A struct {', 'Name string `json:"name"`', '}', 'interface B {', 'name: string;', 'any',
  '<!-- spec-lint-disable -->', '<!-- spec-lint-enable -->', '<!-- spec-lint-disable-next-line task/fields -->', '<!-- unclosed',
  '[^1]', '[^1]: note', 'https://example.com/x', 'www.example.com', 'a@b.co', '&amp;', '&#50;', '&#x0;', '[ASSUMPTION]', 'TBD', '<path>',
  '[Feature Name]', 'None — nothing.', '---', '***', '***bold italic***', 'é', '😀', '\u00a0', '\u200b', '\uFEFF', '\u0000', '\ud800',
];

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((parts) => parts.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 3000 });

type Op = 'delete' | 'move' | 'duplicate' | 'cutTable' | 'dropTableRows' | 'unclose' | 'junk';
const mutation = fc.record({
  op: fc.constantFrom<Op>('delete', 'move', 'duplicate', 'cutTable', 'dropTableRows', 'unclose', 'junk'),
  a: fc.nat(),
  b: fc.nat(),
  junk: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 40 })),
});

/** Applies mutations to a document's lines (indices taken modulo the current length). */
export function mutate(text: string, muts: Array<{ op: Op; a: number; b: number; junk: string }>): string {
  const lines = text.split('\n');
  const nth = (pred: (l: string) => boolean, k: number): number => {
    const idx = lines.map((l, i) => (pred(l) ? i : -1)).filter((i) => i >= 0);
    return idx.length ? idx[k % idx.length]! : -1;
  };
  for (const m of muts) {
    if (lines.length === 0) lines.push('');
    const i = m.a % lines.length;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'move': {
        const [l] = lines.splice(i, 1);
        lines.splice(m.b % (lines.length + 1), 0, l!);
        break;
      }
      case 'duplicate':
        lines.splice(i, 0, lines[i]!);
        break;
      case 'cutTable': {
        // a table row cut off in the middle
        const t = nth((l) => l.trimStart().startsWith('|'), m.a);
        if (t >= 0) lines[t] = lines[t]!.slice(0, m.b % (lines[t]!.length + 1));
        break;
      }
      case 'dropTableRows': {
        // the delimiter row or a run of rows removed
        const t = nth((l) => /^\s*\|/.test(l), m.a);
        if (t >= 0) lines.splice(t, 1 + (m.b % 4));
        break;
      }
      case 'unclose': {
        // a closing fence removed: the block swallows the rest
        const f = nth((l) => /^\s*(```|~~~)\s*$/.test(l), m.a);
        if (f >= 0) lines.splice(f, 1);
        break;
      }
      case 'junk':
        lines.splice(i, 0, m.junk);
        break;
    }
  }
  return lines.join('\n');
}

const mutatedSpec = fc
  .tuple(fc.constantFrom(...Object.values(validSpecs)), fc.array(mutation, { minLength: 1, maxLength: 10 }))
  .map(([text, muts]) => mutate(text, muts));

// ----- properties -----------------------------------------------------------------------------------------

async function neverFallsOver(doc: string): Promise<void> {
  const first = await lintDoc(doc);
  expect(internalErrors(first)).toEqual([]);
  const second = await lintDoc(doc);
  expect(second).toEqual(first);
}

describe('lint never falls over and is deterministic', () => {
  it('on arbitrary text', { timeout: 180_000 }, async () => {
    await fc.assert(fc.asyncProperty(anyText, neverFallsOver), { numRuns: NUM_RUNS, seed: 7 });
  });

  it('on markdown-shaped noise made of template pieces', { timeout: 180_000 }, async () => {
    await fc.assert(fc.asyncProperty(soup, neverFallsOver), { numRuns: NUM_RUNS, seed: 11 });
  });

  it('on valid specs mutated at random (lines deleted, moved, duplicated, tables cut, fences unclosed)', { timeout: 240_000 }, async () => {
    await fc.assert(fc.asyncProperty(mutatedSpec, neverFallsOver), { numRuns: NUM_RUNS, seed: 13 });
  });

  it('mutations are real: each one changes the document', () => {
    const base = validSpecs['workspace-invites.md']!;
    for (const op of ['delete', 'move', 'duplicate', 'cutTable', 'dropTableRows', 'unclose', 'junk'] as Op[]) {
      expect(mutate(base, [{ op, a: 7, b: 3, junk: 'JUNK' }]), op).not.toBe(base);
    }
  });
});

describe('the CLI never exits 2 and gives the same report twice', () => {
  it('over a repository of mutated specs and noise, with and without worker threads', { timeout: 300_000 }, () => {
    const repo = tempRepo();
    try {
      const docs = [
        ...fc.sample(mutatedSpec, { numRuns: 24, seed: 42 }),
        ...fc.sample(soup, { numRuns: 6, seed: 43 }),
        ...fc.sample(anyText, { numRuns: 4, seed: 44 }),
      ];
      docs.forEach((d, i) => repo.write(`tech-specs/spec-${String(i).padStart(3, '0')}.md`, d));
      // bytes that are not UTF-8 text at all
      repo.write('tech-specs/binary.md', Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe, 0x0a, 0xc3, 0x28]));
      const runs = [
        runCli(['lint', '--format', 'json'], repo.dir, { SPEC_LINT_JOBS: '2' }),
        runCli(['lint', '--format', 'json'], repo.dir, { SPEC_LINT_JOBS: '2' }),
        runCli(['lint', '--format', 'json'], repo.dir, { SPEC_LINT_JOBS: '0' }),
      ];
      for (const r of runs) {
        expect(r.stderr).not.toMatch(/internal error/);
        expect([0, 1]).toContain(r.status);
      }
      expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
      expect(runs[2]!.stdout).toBe(runs[0]!.stdout);
      const results = JSON.parse(runs[0]!.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
      expect(results).toHaveLength(docs.length + 1);
      expect(results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'lint/internal-error')).toEqual([]);
    } finally {
      repo.remove();
    }
  });
});
