import { describe, expect, it } from 'vitest';
import { extractSpec, commandTool, splitArgv } from '../../src/model/extract.js';
import { prdSpec, engSpec, lineOf } from '../helpers/rule-tester.js';

describe('extractSpec on the PRD-driven example', () => {
  const m = extractSpec(prdSpec, 'tech-specs/workspace-invites.md');

  it('reads the title and header fields with positions', () => {
    expect(m.title?.name).toBe('Workspace invites');
    expect(m.type).toBe('PRD-driven');
    expect(m.prdPath?.value).toBe('prds/workspace-invites.md');
    expect(m.header.byKey['last updated']?.value).toBe('2026-11-02');
    expect(m.header.byKey['status']?.valueLoc.line).toBe(lineOf(prdSpec, '**Status:**'));
  });

  it('reads the outline: ten ## sections in order', () => {
    expect(m.outline.filter((h) => h.depth === 2).map((h) => h.text)).toEqual([
      '1. Overview',
      '2. Architecture & Design Decisions',
      '3. Data Model',
      '4. API Design',
      '5. Component & Module Design',
      '6. Implementation Tasks',
      '7. Testing Strategy',
      '8. Rollout & Operations',
      '9. Open Questions & Risks',
      '10. Assumptions',
    ]);
  });

  it('reads the Story Mapping with task ids and their cell positions', () => {
    expect(m.storyMapping.map((r) => [r.storyId?.id, r.tasks.map((t) => t.id)])).toEqual([
      ['US-001', ['T-001', 'T-002', 'T-004']],
      ['US-002', ['T-001', 'T-003', 'T-004']],
      ['US-003', ['T-002', 'T-004']],
    ]);
    const t4 = m.storyMapping[2]!.tasks[1]!;
    expect(t4.loc.line).toBe(lineOf(prdSpec, '| US-003 |'));
    expect(prdSpec.split('\n')[t4.loc.line - 1]!.slice(t4.loc.column - 1, t4.loc.endColumn - 1)).toBe('T-004');
  });

  it('reads tasks in both forms, with phase, fields, files, commands and dependencies', () => {
    expect(m.tasks.map((t) => [t.id, t.form, t.phase])).toEqual([
      ['T-001', 'list', 'Phase 1: Data Model'],
      ['T-002', 'list', 'Phase 2: Backend Logic & API'],
      ['T-003', 'blockquote', 'Phase 2: Backend Logic & API'],
      ['T-004', 'list', 'Phase 4: Frontend'],
    ]);
    const t2 = m.tasks[1]!;
    expect(t2.implements?.ids.map((i) => i.id)).toEqual(['US-001', 'US-003']);
    expect(t2.files?.entries.map((e) => [e.action, e.path, e.note])).toEqual([
      ['create', 'internal/workspace/invites.go', ''],
      ['create', 'internal/workspace/invites_test.go', ''],
      ['create', 'internal/api/invites.go', ''],
      ['modify', 'internal/api/router.go', 'register the invite routes'],
    ]);
    expect(t2.doneCondition?.commands.map((c) => c.argv)).toEqual([['go', 'test', './internal/workspace/...', '-run', 'TestInviteService']]);
    expect(t2.dependencies?.refs).toEqual([expect.objectContaining({ id: 'T-001', note: 'schema migration' })]);
    expect(t2.description?.sentences).toBe(3);
    const t1 = m.tasks[0]!;
    // inline code quoting a value is not a command
    expect(t1.doneCondition?.commands.map((c) => c.text)).toEqual(['goose status', 'goose down', 'goose up']);
    expect(t1.dependencies?.none).toBe(true);
    const t3 = m.tasks[2]!;
    expect(t3.idLoc.line).toBe(lineOf(prdSpec, '> **T-003**'));
    expect(t3.files?.entries.map((e) => e.path)).toEqual(['internal/api/invites.go', 'internal/api/invites_test.go']);
  });

  it('reads migrations with the markdown line where the SQL starts, and the migration order table', () => {
    expect(m.migrations).toHaveLength(1);
    const mig = m.migrations[0]!;
    expect(mig.path).toBe('migrations/20261102120000_create_invites.sql');
    expect(mig.block.contentLine).toBe(lineOf(prdSpec, '-- +goose Up'));
    expect(mig.sql.startsWith('-- +goose Up')).toBe(true);
    expect(m.migrationOrder.map((r) => [r.path, r.backwardCompatible?.text])).toEqual([['migrations/20261102120000_create_invites.sql', 'yes']]);
  });

  it('collects code blocks with language and section, and paths from tasks and component tables', () => {
    expect(m.codeBlocks.map((b) => b.lang)).toEqual(['sql', 'go', 'go', 'typescript', 'go', 'bash', 'typescript']);
    expect(m.codeBlocks[1]!.sectionPath.at(-1)).toBe('POST /api/v1/workspaces/{workspace_id}/invites');
    const sources = new Set(m.paths.map((p) => p.source));
    expect(sources).toEqual(new Set(['migration-heading', 'migration-order', 'component-table', 'task-create', 'task-modify']));
    const router = m.paths.find((p) => p.source === 'task-modify' && p.path === 'internal/api/router.go')!;
    expect(router.taskId).toBe('T-002');
  });
});

describe('extractSpec on the engineering-initiated example', () => {
  const m = extractSpec(engSpec, 'tech-specs/member-lookup-index.md');
  it('reads the problem, the ER table and the requirement-to-task mapping', () => {
    expect(m.type).toBe('Engineering-initiated');
    expect(m.prdPath).toBeNull();
    const e = m.engineering!;
    expect(e.problem?.value).toMatch(/^MemberStore loads each member/);
    expect(e.whyNow?.loc.line).toBe(lineOf(engSpec, '**Why now:**'));
    expect(e.requirements.map((r) => [r.id?.id, r.priority?.text])).toEqual([
      ['ER-001', 'must'],
      ['ER-002', 'should'],
    ]);
    expect(e.mapping.map((r) => [r.reqId?.id, r.tasks.map((t) => t.id)])).toEqual([
      ['ER-001', ['T-002']],
      ['ER-002', ['T-001']],
    ]);
    expect(m.storyMapping).toEqual([]);
  });
});

describe('unusual but legal forms', () => {
  it('CRLF line endings and escaped pipes in cells', () => {
    const text = prdSpec.replace('| US-003 | Revoke a pending invite |', '| US-003 | Revoke a pending \\| cancelled invite |').replace(/\n/g, '\r\n');
    const m = extractSpec(text, 'x.md');
    expect(m.storyMapping[2]!.summary?.text).toBe('Revoke a pending | cancelled invite');
    expect(m.tasks).toHaveLength(4);
    expect(m.tasks[3]!.idLoc.line).toBe(lineOf(prdSpec, '- **T-004:**'));
    expect(m.header.byKey['status']?.value).toBe('Draft');
  });

  it('a colon outside the bold id, unquoted paths, heading-free specs', () => {
    const m = extractSpec(
      ['- **T-001**: Do it', '  - _Implements:_ ER-001', '  - _Files:_', '    - Create: internal/x/y.go — new file', '    - Modify: web/src/routes/[token].tsx', '  - _Done condition:_ `go test ./internal/x/...` passes', '  - _Dependencies:_ None', ''].join('\n'),
      'x.md',
    );
    const t = m.tasks[0]!;
    expect(t.id).toBe('T-001');
    expect(t.title).toBe('Do it');
    expect(t.files?.entries.map((e) => [e.action, e.path, e.quoted, e.note])).toEqual([
      ['create', 'internal/x/y.go', false, 'new file'],
      ['modify', 'web/src/routes/[token].tsx', false, ''],
    ]);
    expect(t.files?.entries[0]!.loc).toEqual({ line: 4, column: 15, endLine: 4, endColumn: 30 });
  });

  it('reads provenance comments', () => {
    const sha = 'a'.repeat(64);
    const m = extractSpec(`# Tech Spec: X\n\n<!-- spec:provenance prd=prds/x.md prd-sha256=${sha} model=claude-x generated=2026-11-21 -->\n`, 'x.md');
    expect(m.provenance).toEqual(expect.objectContaining({ prd: 'prds/x.md', prdSha256: sha, model: 'claude-x', generated: '2026-11-21' }));
  });

  it('marks an unclosed fence', () => {
    const m = extractSpec('# Tech Spec: X\n\n```sql\nSELECT 1;\n', 'x.md');
    expect(m.codeBlocks[0]!.unclosed).toBe(true);
    const ok = extractSpec('# Tech Spec: X\n\n```sql\nSELECT 1;\n```\n', 'x.md');
    expect(ok.codeBlocks[0]!.unclosed).toBe(false);
  });
});

describe('commands in done conditions', () => {
  it('recognises tools after VAR=value prefixes and splits quoted argv', () => {
    expect(commandTool('go test ./... -run X')).toBe('go');
    expect(commandTool('CGO_ENABLED=0 go build ./...')).toBe('go');
    expect(commandTool('q=a')).toBeNull();
    expect(commandTool('BenchmarkMessageFanout')).toBeNull();
    expect(commandTool('docker-compose exec api go test ./...')).toBe('docker-compose');
    expect(splitArgv(`node -e "process.exit(require('fs').existsSync('a b') ? 0 : 1)"`)).toEqual(['node', '-e', "process.exit(require('fs').existsSync('a b') ? 0 : 1)"]);
  });
});

describe('heading-form tasks', () => {
  it('`#### T-001: Title` followed by its field list is a task', () => {
    const text = [
      '## 6. Implementation Tasks',
      '',
      '### Phase 2: Backend Logic & API',
      '',
      '#### T-001: Batch lookup',
      '',
      '- _Implements:_ ER-001',
      '- _Description:_ Add the query.',
      '- _Files:_',
      '  - Modify: `internal/x.go` — use it',
      '- _Done condition:_ `go test ./internal/...` passes',
      '- _Dependencies:_ None',
      '',
      '#### Notes',
      '',
      '- _Implements:_ not a task field here',
      '',
    ].join('\n');
    const m = extractSpec(text, 'x.md');
    expect(m.tasks.map((t) => [t.id, t.form, t.title, t.phase])).toEqual([['T-001', 'heading', 'Batch lookup', 'Phase 2: Backend Logic & API']]);
    const t = m.tasks[0]!;
    expect(t.idLoc).toEqual({ line: 5, column: 6, endLine: 5, endColumn: 11 });
    expect(t.implements?.ids.map((i) => i.id)).toEqual(['ER-001']);
    expect(t.files?.entries.map((e) => e.path)).toEqual(['internal/x.go']);
    expect(t.dependencies?.none).toBe(true);
    expect(t.loc.endLine).toBe(12);
  });
});
