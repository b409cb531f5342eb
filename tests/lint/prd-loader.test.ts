import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrdLoader } from '../../src/lint/engine.js';
import { createRepoIndex } from '../../src/lint/repo.js';

describe('PrdLoader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spec-prd-'));
  mkdirSync(join(dir, 'prds'));
  writeFileSync(join(dir, 'prds', 'x.md'), '# PRD\n\n## US-001: A\n\nAcceptance criteria: yes\n');
  const outside = mkdtempSync(join(tmpdir(), 'spec-outside-'));
  writeFileSync(join(outside, 'secret.md'), '# secret\n\n## US-001: leaked\n');
  symlinkSync(join(outside, 'secret.md'), join(dir, 'prds', 'link.md'));
  const loader = new PrdLoader(createRepoIndex(dir));

  it('reads a PRD inside the repository, with its sha256', () => {
    const s = loader.load('prds/x.md');
    expect(s.status).toBe('ok');
    expect(s.model?.stories.map((x) => x.id)).toEqual(['US-001']);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads `/prds/x.md` as root-anchored (the reference writes /prds)', () => {
    expect(loader.load('/prds/x.md').status).toBe('ok');
  });

  it('never reads a path that escapes the repository, an absolute path, or a symlink pointing outside', () => {
    expect(loader.load('../../etc/passwd')).toEqual({ path: '../../etc/passwd', status: 'outside', model: null });
    expect(loader.load('/etc/passwd').status).toBe('outside');
    const link = loader.load('prds/link.md');
    expect(link.status).toBe('outside');
    expect(link.model).toBeNull();
  });

  it('a missing PRD is missing', () => {
    expect(loader.load('prds/nope.md').status).toBe('missing');
  });

  it('cleans up', () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
});
