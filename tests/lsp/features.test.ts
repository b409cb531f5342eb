/** The language server's answers as plain functions (src/lsp/features.ts), on the fixture's specs. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadSpec } from '../../src/lint/engine.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import { SourceText } from '../../src/fix/convert.js';
import * as f from '../../src/lsp/features.js';
import { engSpec, fixtureRepo, prdSpec } from '../helpers/rule-tester.js';

const repo = createRepoIndex(fixtureRepo);
function ctx(text: string) {
  const model = loadSpec(join(fixtureRepo, 'tech-specs', 'x.md'), 'tech-specs/x.md', text);
  return { src: new SourceText(text), model, prd: null, repo };
}
const at = (text: string, needle: string, delta = 1) => {
  const src = new SourceText(text);
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(needle);
  return src.position(i + delta);
};

describe('document symbols', () => {
  it('nest the sections, their subsections and the tasks under their phase', () => {
    const syms = f.documentSymbols(ctx(prdSpec).model);
    expect(syms).toHaveLength(1); // the title holds the rest
    const sections = syms[0]!.children.map((s) => s.name);
    expect(sections.slice(0, 3)).toEqual(['1. Overview', '2. Architecture & Design Decisions', '3. Data Model']);
    const tasks = syms[0]!.children.find((s) => s.name === '6. Implementation Tasks')!;
    const phase1 = tasks.children.find((s) => s.name === 'Phase 1: Data Model')!;
    expect(phase1.children.map((s) => [s.name, s.kind, s.detail])).toEqual([['T-001', 'task', 'Create the invites table']]);
  });
});

describe('hover and definition', () => {
  it('an ER id shows the requirement and its success criteria; definition is its row', () => {
    const c = ctx(engSpec);
    const p = at(engSpec, 'ER-001', 1);
    const h = f.hover(c, p)!;
    expect(h.contents).toContain('ER-001');
    expect(h.contents).toContain('Success criteria');
    const d = f.definition(c, p);
    expect(d).toHaveLength(1);
    expect(engSpec.split('\n')[d[0]!.range.start.line]).toMatch(/^\| ER-001 \|/);
  });
  it('a path says whether it exists and which task creates it', () => {
    const c = ctx(prdSpec);
    const h = f.hover(c, at(prdSpec, 'Create: `web/src/components/invites/InviteDialog.tsx`', 10))!;
    expect(h.contents).toContain('is not in the repository');
    expect(h.contents).toContain('to be created by T-004');
    const e = f.hover(c, at(prdSpec, 'Modify: `internal/api/router.go`', 10))!;
    expect(e.contents).toContain('exists in the repository');
    expect(e.contents).toContain('modified by T-002');
    expect(f.definition(c, at(prdSpec, 'Modify: `internal/api/router.go`', 10))).toEqual([{ file: 'internal/api/router.go', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });
  it('an unknown task id says so, and nothing is under plain prose', () => {
    const text = prdSpec.replace('No new patterns — follows existing conventions.', 'See T-099 for later.');
    expect(f.hover(ctx(text), at(text, 'T-099'))!.contents).toContain('no task has this id');
    expect(f.hover(ctx(prdSpec), at(prdSpec, 'Lets workspace admins'))).toBeNull();
  });
});

describe('completion', () => {
  it('offers earlier tasks in Dependencies, not the task itself or later ones', () => {
    const c = ctx(prdSpec);
    const p = at(prdSpec, '> - _Dependencies:_ T-002', '> - _Dependencies:_ '.length);
    expect(f.completions(c, p).map((x) => x.label)).toEqual(['T-001', 'T-002']);
  });
});

describe('disable edits', () => {
  it('put a disable-next-line comment above the line, indented like it', () => {
    const text = prdSpec;
    const line = text.split('\n').findIndex((l) => l.startsWith('  - _Done condition:_')) + 1;
    const edits = f.disableEdits(new SourceText(text), ctx(text).model, 'task/done-condition', line);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.text).toBe('  <!-- spec-lint-disable-next-line task/done-condition -- reason -->\n');
  });
  it('wrap a code block in disable / enable instead of writing into the code', () => {
    const text = prdSpec;
    const line = text.split('\n').findIndex((l) => l.startsWith('DROP TABLE IF EXISTS invites;')) + 1;
    const edits = f.disableEdits(new SourceText(text), ctx(text).model, 'goose/down-reverses-up', line);
    expect(edits.map((e) => e.text.trim())).toEqual(['<!-- spec-lint-disable goose/down-reverses-up -- reason -->', '<!-- spec-lint-enable goose/down-reverses-up -->']);
    expect(text.slice(edits[0]!.offset).startsWith('```sql')).toBe(true);
  });
});
