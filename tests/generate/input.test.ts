import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/errors.js';
import { findGaps, readEngineeringInput, readPrdInput, sha256, slugify } from '../../src/generate/input.js';
import { extractPrd } from '../../src/model/prd.js';
import { tempRepo, type TempRepo } from './setup.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('readPrdInput', () => {
  it('reads the PRD, its stories and its hash', async () => {
    repo = tempRepo();
    const prd = await readPrdInput(repo.config, 'prds/workspace-invites.md', repo.dir);
    expect(prd.relPath).toBe('prds/workspace-invites.md');
    expect(prd.model.stories.map((s) => s.id)).toEqual(['US-001', 'US-002', 'US-003']);
    expect(prd.sha256).toBe(sha256(repo.read('prds/workspace-invites.md')));
    expect(prd.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('resolves the path from the working directory', async () => {
    repo = tempRepo();
    const prd = await readPrdInput(repo.config, 'workspace-invites.md', join(repo.dir, 'prds'));
    expect(prd.relPath).toBe('prds/workspace-invites.md');
  });

  it('rejects a missing PRD, one outside the repository, and one without stories', async () => {
    repo = tempRepo();
    await expect(readPrdInput(repo.config, 'prds/nope.md', repo.dir)).rejects.toThrow(/PRD not found: prds\/nope\.md/);
    const outside = mkdtempSync(join(tmpdir(), 'spec-outside-'));
    try {
      writeFileSync(join(outside, 'x.md'), '# PRD\n\n### US-001: A\n\nAcceptance criteria: yes\n');
      await expect(readPrdInput(repo.config, join(outside, 'x.md'), repo.dir)).rejects.toThrow(/outside the repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    repo.write('prds/empty.md', '# PRD: nothing\n\nJust prose, no stories.\n');
    const err = await readPrdInput(repo.config, 'prds/empty.md', repo.dir).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/names no user stories/);
    expect(err.hint).toMatch(/--engineering/);
  });

  it('collects the gaps the model must record as open questions', async () => {
    repo = tempRepo();
    repo.write('prds/gappy.md', '# PRD: Gappy\n\n### US-001: First\n\nAcceptance criteria:\n- works\n\n### US-002: Second\n\nAs a user I want TBD.\n\n```\nTODO inside code is not a gap\n```\n');
    const prd = await readPrdInput(repo.config, 'prds/gappy.md', repo.dir);
    expect(prd.gaps.map((g) => g.message)).toEqual([expect.stringMatching(/^US-002 \(Second\) has no acceptance criteria/), expect.stringMatching(/unresolved marker: "As a user I want TBD\."/)]);
  });
});

describe('findGaps', () => {
  it('reports nothing for a complete PRD', () => {
    const text = '# PRD\n\n### US-001: A\n\n**Acceptance criteria:**\n- ok\n';
    expect(findGaps(text, extractPrd(text, 'prds/a.md'))).toEqual([]);
  });
});

describe('engineering input', () => {
  it('needs a title and reads the brief', () => {
    expect(() => readEngineeringInput(undefined, undefined, '/')).toThrow(/--engineering needs --title/);
    repo = tempRepo();
    repo.write('notes.md', 'p95 is 800ms');
    expect(readEngineeringInput(' Faster fanout ', 'notes.md', repo.dir)).toEqual({ title: 'Faster fanout', brief: { path: 'notes.md', text: 'p95 is 800ms' } });
    expect(() => readEngineeringInput('x', 'missing.md', repo.dir)).toThrow(/brief not found/);
  });

  it('slugifies titles for file names', () => {
    expect(slugify('Batch-load channel members in Message Fanout!')).toBe('batch-load-channel-members-in-message-fanout');
    expect(slugify('Crème brûlée cache')).toBe('creme-brulee-cache');
    expect(slugify('???')).toBe('tech-spec');
  });
});
