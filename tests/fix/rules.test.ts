/**
 * A test per fix: `--fix` on the defect leaves a file that lints clean of it — and, where the defect is the
 * exact inverse of an edit to a clean spec, the very text of that clean spec.
 */
import { describe, expect, it } from 'vitest';
import { engSpec, prdSpec, replace } from '../helpers/rule-tester.js';
import { fixCase, ids } from './helpers.js';

const only = <T extends { ruleId: string }>(ms: T[], id: string): T[] => ms.filter((m) => m.ruleId === id);

describe('--fix: trace/mapping-consistent', () => {
  it('adds a task whose Implements names the story to the Story Mapping row, in number order', async () => {
    const broken = replace(prdSpec, '| US-001 | Invite a colleague by email | T-001, T-002, T-004 |', '| US-001 | Invite a colleague by email | T-001, T-004 |');
    const r = await fixCase(broken);
    expect(only(r.before, 'trace/mapping-consistent')).toHaveLength(1);
    expect(r.before.find((m) => m.ruleId === 'trace/mapping-consistent')!.fix).toBeDefined();
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('appends at the end when the task has the largest number, and fills an empty cell', async () => {
    const broken = replace(prdSpec, '| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | T-002 |');
    expect((await fixCase(broken)).written).toBe(prdSpec);
    const empty = replace(prdSpec, '| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite |  |');
    const r = await fixCase(empty);
    expect(ids(only(r.after, 'trace/mapping-consistent'))).toEqual([]);
    expect(r.written).toContain('| US-003 | Revoke a pending invite | T-002, T-004 |');
  });
  it('never rewrites a cell a person wrote words in', async () => {
    const words = replace(prdSpec, '| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | None — see T-002 |');
    const r = await fixCase(words);
    expect(r.written).toBe(words);
    expect(only(r.after, 'trace/mapping-consistent').length).toBeGreaterThan(0);
  });
});

describe('--fix: task/id-sequence', () => {
  it('renumbers a task after a gap, with every reference (tables, Dependencies, headings)', async () => {
    const broken = prdSpec.replaceAll('T-004', 'T-007');
    const r = await fixCase(broken);
    expect(only(r.before, 'task/id-sequence')).toHaveLength(1);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('renumbers tasks written out of order, and three-digit forms', async () => {
    const broken = prdSpec.replaceAll('T-003', 'T-3');
    const r = await fixCase(broken);
    expect(ids(only(r.after, 'task/id-sequence'))).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('does not renumber onto an id that something still references (a deleted task)', async () => {
    // T-003 is gone from the tasks but still named in the Story Mapping: renaming T-004 to T-003 would guess
    const broken = replace(prdSpec, '> **T-003**: Accept endpoint', '> **T-005**: Accept endpoint');
    const r = await fixCase(broken.replaceAll('T-004', 'T-006'));
    expect(only(r.before, 'task/id-sequence').every((m) => m.fix === undefined)).toBe(true);
  });
});

describe('--fix: goose/status-check', () => {
  it('appends the goose status check to a migration task\'s done condition', async () => {
    const broken = replace(
      prdSpec,
      '_Done condition:_ `goose status` lists `20261102120000_create_invites.sql` as applied, and `goose down` then `goose up` completes without errors.',
      '_Done condition:_ `goose down` then `goose up` completes without errors.',
    );
    const r = await fixCase(broken);
    expect(only(r.before, 'goose/status-check')).toHaveLength(1);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toContain('_Done condition:_ `goose down` then `goose up` completes without errors. Then `goose status` lists `20261102120000_create_invites.sql` as applied.');
  });
});

describe('--fix: template/sections and template/subsections', () => {
  it('rewrites a section heading in other words as the template\'s exact heading', async () => {
    const broken = replace(prdSpec, '## 2. Architecture & Design Decisions', '## 2. Architecture and design decisions:');
    const r = await fixCase(broken);
    expect(only(r.before, 'template/sections')).toHaveLength(1);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('rewrites a misspelt section and a subsection written at the wrong level', async () => {
    const broken = replace(replace(prdSpec, '## 7. Testing Strategy', '## 7. Testng Strategy'), '### Key Decisions', '#### Key Decisions');
    const r = await fixCase(broken);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('rewrites a subsection title and an endpoint method in lower case', async () => {
    const broken = replace(replace(prdSpec, '### System Context', '### System context.'), '### POST /api/v1/workspaces/{workspace_id}/invites', '### post /api/v1/workspaces/{workspace_id}/invites');
    const r = await fixCase(broken);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
});

describe('--fix: template/header', () => {
  it('writes the Type and the Status exactly', async () => {
    const broken = replace(replace(prdSpec, '**Type:** PRD-driven', '**Type:** prd driven'), '**Status:** Draft', '**Status:** draft');
    const r = await fixCase(broken);
    expect(only(r.before, 'template/header')).toHaveLength(2);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('removes a PRD line from an Engineering-initiated spec', async () => {
    const broken = replace(engSpec, '**Type:** Engineering-initiated\n', '**Type:** Engineering-initiated\n**PRD:** prds/workspace-invites.md\n');
    const r = await fixCase(broken, { filePath: 'tech-specs/member-lookup-index.md' });
    expect(only(r.before, 'template/header')).toHaveLength(1);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(engSpec);
  });
  it('sets the Type from the requirement section when only the other variant is there', async () => {
    const broken = replace(engSpec, '**Type:** Engineering-initiated', '**Type:** PRD-driven');
    const r = await fixCase(broken, { filePath: 'tech-specs/member-lookup-index.md' });
    // (the missing PRD line is the other finding: no fix guesses a PRD)
    expect(only(r.before, 'template/header').filter((m) => m.fix).map((m) => m.message)).toEqual([expect.stringContaining('write `**Type:** Engineering-initiated`')]);
    expect(ids(only(r.after, 'template/header'))).toEqual([]);
    expect(ids(only(r.after, 'template/requirement-mapping'))).toEqual([]);
    expect(r.written).toBe(engSpec);
  });
});

describe('--fix: goose/down-reverses-up', () => {
  it('adds the inverse of what Down misses, in reverse order, and the migration then reverses', async () => {
    const broken = replace(prdSpec, 'DROP INDEX IF EXISTS idx_invites_token;\nDROP INDEX IF EXISTS idx_invites_workspace_id;\nDROP TABLE IF EXISTS invites;\n', 'DROP INDEX IF EXISTS idx_invites_token;\n');
    const r = await fixCase(broken);
    expect(only(r.before, 'goose/down-reverses-up').length).toBeGreaterThan(0);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toContain('-- +goose Down\nDROP TABLE invites;\nDROP INDEX IF EXISTS idx_invites_token;\n');
  });
});

describe('--fix: task/fields (the mapping tables as the only source of a task\'s requirements)', () => {
  it('adds the Implements item a task lacks, from the rows that list it (list and block-quote forms)', async () => {
    const broken = replace(replace(prdSpec, '  - _Implements:_ US-001, US-002, US-003\n', ''), '> - _Implements:_ US-002\n', '');
    const r = await fixCase(broken);
    expect(only(r.before, 'task/fields').filter((m) => m.fix)).toHaveLength(2);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('fills an empty Implements field', async () => {
    const broken = replace(prdSpec, '  - _Implements:_ US-001, US-002, US-003\n', '  - _Implements:_\n');
    const r = await fixCase(broken);
    expect(ids(r.after)).toEqual([]);
    expect(r.written).toBe(prdSpec);
  });
  it('guesses nothing when no row lists the task', async () => {
    const broken = replace(replace(prdSpec, '  - _Implements:_ US-001, US-002, US-003\n', ''), '| US-001 | Invite a colleague by email | T-001, T-002, T-004 |', '| US-001 | Invite a colleague by email | T-001, T-002 |')
      .replace('| US-002 | Accept an invite | T-001, T-003, T-004 |', '| US-002 | Accept an invite | T-001, T-003 |')
      .replace('| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | T-002 |');
    const r = await fixCase(broken);
    expect(only(r.after, 'task/fields')).toHaveLength(1);
    expect(r.written).toBe(broken);
  });
});
