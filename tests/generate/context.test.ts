import { afterEach, describe, expect, it } from 'vitest';
import { compareVersions, gatherContext, rankSpecs } from '../../src/generate/context.js';
import { mergeConfig } from '../../src/lint/config.js';
import { tempRepo, type TempRepo } from './setup.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const spec = (topic: string, words: number) => `# Tech Spec: ${topic}\n\n${Array.from({ length: words }, (_, i) => `${topic} detail${i % 7}`).join(' ')}\n`;

describe('rankSpecs', () => {
  it('ranks the spec that shares the PRD\'s rarer terms first, deterministically', () => {
    const docs = [
      { path: 'c/billing.md', text: 'billing invoices payments stripe workspace' },
      { path: 'c/invites.md', text: 'invites email token expiry workspace admin' },
      { path: 'c/search.md', text: 'search index workspace' },
    ];
    const ranked = rankSpecs(docs, 'Admins send invites by email; the invite token has an expiry. Workspace.');
    expect(ranked[0]!.path).toBe('c/invites.md');
    expect(rankSpecs(docs, 'nothing in common here').map((d) => d.path)).toEqual(['c/billing.md', 'c/invites.md', 'c/search.md']);
  });
});

describe('gatherContext', () => {
  it('includes completed specs by relevance within the budget and names the ones left out', () => {
    repo = tempRepo();
    repo.write('tech-specs/completed/invites.md', spec('invites', 400));
    repo.write('tech-specs/completed/billing.md', spec('billing', 400));
    repo.write('tech-specs/completed/huge-search.md', spec('search', 20000));
    const ctx = gatherContext(repo.config, { budget: 20_000, query: 'invites invites email' });
    expect(ctx.completed.map((c) => c.path)).toEqual(['tech-specs/completed/invites.md', 'tech-specs/completed/billing.md']);
    expect(ctx.leftOut.map((c) => c.path)).toEqual(['tech-specs/completed/huge-search.md']);
    expect(ctx.tokens).toBeLessThanOrEqual(20_000);
  });

  it('finds the newest migration version, existing or claimed by a spec in progress', () => {
    repo = tempRepo();
    repo.write('tech-specs/member-lookup-index.md', '# Tech Spec: no migrations here\n');
    let ctx = gatherContext(repo.config, { budget: 50_000, query: '' });
    expect(ctx.migrations.files).toEqual(['migrations/20260101090000_create_workspaces.sql', 'migrations/20260101090500_create_workspace_members.sql']);
    expect(ctx.migrations.newestVersion).toBe('20260101090500');
    repo.write('tech-specs/other.md', '#### `migrations/20260301120000_add_things.sql`\n');
    ctx = gatherContext(repo.config, { budget: 50_000, query: '' });
    expect(ctx.migrations.claimed).toEqual(['20260301120000_add_things.sql']);
    expect(ctx.migrations.newestVersion).toBe('20260301120000');
    // the spec being regenerated does not claim its own versions
    ctx = gatherContext(repo.config, { budget: 50_000, query: '', outRel: 'tech-specs/other.md' });
    expect(ctx.migrations.newestVersion).toBe('20260101090500');
  });

  it('caps the file list and reports the total', () => {
    repo = tempRepo();
    const files = Array.from({ length: 50 }, (_, i) => `src/file${String(i).padStart(2, '0')}.go`);
    const ctx = gatherContext(repo.config, { budget: 50_000, query: '', files, maxFiles: 10 });
    expect(ctx.files).toEqual({ list: files.slice(0, 10), total: 50, truncated: true });
    const all = gatherContext(repo.config, { budget: 50_000, query: '' });
    expect(all.files.list).toContain('internal/api/router.go');
  });

  it('reads the workflow document when config names one', () => {
    repo = tempRepo({ paths: { workflow: 'docs/WORKFLOW.md' } });
    repo.write('docs/WORKFLOW.md', '# Workflow\n\nRun `go test -cover ./...`.\n');
    const ctx = gatherContext(mergeConfig({ paths: { workflow: 'docs/WORKFLOW.md' } }, repo.dir), { budget: 50_000, query: '' });
    expect(ctx.workflow).toEqual({ path: 'docs/WORKFLOW.md', text: '# Workflow\n\nRun `go test -cover ./...`.\n', truncated: false });
  });

  it('compares versions numerically', () => {
    expect(compareVersions('9', '10')).toBeLessThan(0);
    expect(compareVersions('20260101090500', '20260101090000')).toBeGreaterThan(0);
    expect(compareVersions('001', '1')).toBe(0);
  });
});
