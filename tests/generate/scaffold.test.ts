import { afterEach, describe, expect, it } from 'vitest';
import { readPrdInput } from '../../src/generate/input.js';
import { loadTemplates } from '../../src/generate/prompts.js';
import { cell, renderScaffold } from '../../src/generate/scaffold.js';
import { extractSpec } from '../../src/model/extract.js';
import { tempRepo, type TempRepo } from './setup.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());
const header = { author: 'Ada', date: '2026-03-01' };

describe('scaffold', () => {
  it('fills the header, maps every story and adds a placeholder task per story', async () => {
    repo = tempRepo();
    const prd = await readPrdInput(repo.config, 'prds/workspace-invites.md', repo.dir);
    const doc = renderScaffold(await loadTemplates(repo.config), { header, prd });
    const model = extractSpec(doc, 'tech-specs/workspace-invites.md');
    expect(model.title?.name).toBe('Workspace invites');
    expect(model.type).toBe('PRD-driven');
    expect(model.header.byKey['prd']?.value).toBe('prds/workspace-invites.md');
    expect(model.header.byKey['author']?.value).toBe('Ada');
    expect(model.header.byKey['last updated']?.value).toBe('2026-03-01');
    expect(model.header.byKey['status']?.value).toBe('Draft');
    expect(model.storyMapping.map((r) => [r.storyId?.id, r.tasks.map((t) => t.id)])).toEqual([
      ['US-001', ['T-001']],
      ['US-002', ['T-002']],
      ['US-003', ['T-003']],
    ]);
    expect(model.tasks.map((t) => [t.id, t.implements?.ids.map((i) => i.id)])).toEqual([
      ['T-001', ['US-001']],
      ['T-002', ['US-002']],
      ['T-003', ['US-003']],
    ]);
    expect(doc).not.toContain('Engineering-initiated: Motivation');
    expect(doc).toContain('[Task title for US-001]');
  });

  it('writes an engineering-initiated scaffold without a PRD line', async () => {
    repo = tempRepo();
    const doc = renderScaffold(await loadTemplates(repo.config), { header, engineering: { title: 'Faster fanout', brief: null } });
    const model = extractSpec(doc, 'tech-specs/faster-fanout.md');
    expect(model.type).toBe('Engineering-initiated');
    expect(model.header.byKey['prd']).toBeUndefined();
    expect(model.engineering?.requirements.map((r) => r.id?.id)).toEqual(['ER-001']);
    expect(model.tasks.map((t) => t.id)).toEqual(['T-001']);
  });

  it('escapes table cells', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
  });
});
