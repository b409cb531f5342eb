import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gatherContext } from '../../src/generate/context.js';
import { readEngineeringInput, readPrdInput } from '../../src/generate/input.js';
import { loadTemplates, renderPrompts, renderRepair } from '../../src/generate/prompts.js';
import { NASTY, projectRoot, tempRepo, type TempRepo } from './setup.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const reference = readFileSync(join(projectRoot, 'tests', 'fixtures', 'generate', 'reference-template.md'), 'utf8');
const header = { author: 'Ada', date: '2026-03-01' };


describe('templates', () => {
  it('the skeleton rendered without data is the reference output template, byte for byte', async () => {
    const t = await loadTemplates(null);
    expect(t.render('tech-spec', {})).toBe(reference);
  });

  it('the system prompt carries the skill\'s rules, the exact template, the rules list and the project', async () => {
    repo = tempRepo();
    repo.write('tech-specs/member-lookup-index.md', '# Tech Spec: Member lookup\n');
    repo.write('tech-specs/completed/auth.md', '# Tech Spec: Auth\n\nSessions use cookies.\n');
    const t = await loadTemplates(repo.config);
    const prd = await readPrdInput(repo.config, 'prds/workspace-invites.md', repo.dir);
    const context = gatherContext(repo.config, { budget: 50_000, query: prd.text });
    const p = renderPrompts(t, { config: repo.config, context, header, outPath: 'tech-specs/workspace-invites.md', prd, rules: [{ id: 'trace/story-coverage', description: 'Every story is mapped.' }] });
    expect(p.system).toContain(`<output_template>\n${reference}</output_template>`);
    for (const rule of [
      'Every schema change has a corresponding goose migration file',
      'Use exactly this structure and headings',
      'File naming: `YYYYMMDDHHMMSS_description.sql`',
      'shadcn-first',
      'Tasks are ordered so no task references code, schema, or infrastructure created by a later task.',
      'When referencing requirements, use the exact ID',
    ]) {
      expect(p.system).toContain(rule);
    }
    expect(p.system).toContain('- `trace/story-coverage`: Every story is mapped.');
    expect(p.system).toContain('<completed_spec path="tech-specs/completed/auth.md">\n# Tech Spec: Auth\n\nSessions use cookies.\n\n</completed_spec>');
    expect(p.user).toContain('- **PRD:** prds/workspace-invites.md');
    expect(p.user).toContain('- US-002: Accept an invite');
    expect(p.user).toContain('Every new migration version must be later than 20260101090500.');
    expect(p.user).toContain('internal/api/router.go');
    expect(p.estimatedTokens).toBeGreaterThan(1000);
  });

  it('passes PRD text as data: {{, <, & and back-ticks reach the prompt byte for byte', async () => {
    repo = tempRepo();
    repo.write('prds/nasty.md', NASTY);
    const t = await loadTemplates(repo.config);
    const prd = await readPrdInput(repo.config, 'prds/nasty.md', repo.dir);
    const context = gatherContext(repo.config, { budget: 50_000, query: prd.text });
    const p = renderPrompts(t, { config: repo.config, context, header, outPath: 'tech-specs/nasty.md', prd });
    expect(p.user).toContain(`<prd path="prds/nasty.md">\n${NASTY}\n</prd>`);
    expect(p.user).toContain('- US-001: Render {{name}} safely');
  });

  it('renders the engineering prompt with the brief as data', async () => {
    repo = tempRepo();
    repo.write('notes.md', 'p95 {{latency}} is 800ms & <rising>');
    const t = await loadTemplates(repo.config);
    const engineering = readEngineeringInput('Faster fanout', 'notes.md', repo.dir);
    const context = gatherContext(repo.config, { budget: 50_000, query: 'fanout' });
    const p = renderPrompts(t, { config: repo.config, context, header, outPath: 'tech-specs/faster-fanout.md', engineering });
    expect(p.user).toContain('Initiative: Faster fanout');
    expect(p.user).toContain('<brief path="notes.md">\np95 {{latency}} is 800ms & <rising>\n</brief>');
    expect(p.user).toContain('- **Type:** Engineering-initiated');
    expect(p.user).not.toContain('- **PRD:**');
  });

  it('renders the repair turn with every diagnostic', async () => {
    const t = await loadTemplates(null);
    const text = renderRepair(t, {
      round: 1,
      maxRepairs: 2,
      errorCount: 1,
      warningCount: 1,
      diagnostics: [
        { line: 12, column: 1, severity: 'error', ruleId: 'task/done-condition', message: 'T-002 has no `done` <command> & more' },
        { line: 30, column: 3, severity: 'warning', ruleId: 'path/exists', message: 'x' },
      ],
    });
    expect(text).toContain('found 1 error and 1 warning');
    expect(text).toContain('- line 12: error [task/done-condition] T-002 has no `done` <command> & more');
    expect(text).toContain('- line 30: warning [path/exists] x');
    expect(text).toContain('whole corrected document');
  });

  it('lets a repository override a template', async () => {
    repo = tempRepo();
    repo.write('templates/prompts/repair.hbs', 'Fix {{errorCount}} things.');
    const t = await loadTemplates(repo.config);
    expect(t.render('repair', { errorCount: 3 })).toBe('Fix 3 things.');
    expect(t.sources.repair).toBe(join(repo.dir, 'templates', 'prompts', 'repair.hbs'));
    expect(t.sources.system).toBe(join(projectRoot, 'templates', 'prompts', 'system.hbs'));
    repo.write('my-prompts/system.hbs', 'SYSTEM');
    const t2 = await loadTemplates({ ...repo.config, generate: { templates: 'my-prompts' } });
    expect(t2.render('system', {})).toBe('SYSTEM');
    repo.write('my-prompts/prd.hbs', '{{#if x}} never closed');
    await expect(loadTemplates({ ...repo.config, generate: { templates: 'my-prompts' } })).rejects.toThrow(/invalid prompt template .*prd\.hbs/);
  });
});
