/**
 * `spec complete` never loses work: it writes the new text first (a temporary file, flushed) and moves
 * after, so a write that fails — a full disk, here a file size limit (`ulimit -f`) in a spawned shell —
 * leaves the spec where it was, byte for byte; and it refuses when the spec changed on disk since it was
 * read (edits made while verify ran would be overwritten).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/lint/config.js';
import { completeSpec } from '../../src/workflow/complete.js';
import { loadSpec } from '../../src/workflow/load.js';
import { cleanup, fixtures, git, scriptedIo, tempDir, tempRepo } from './helpers.js';

afterEach(cleanup);

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'spec');
const posix = platform() !== 'win32';
const original = readFileSync(join(fixtures, 'checks.md'), 'utf8');

/** `spec <args>` in `cwd` with the file size limit at 1 KB (the spec is larger), as a full disk would fail it. */
function completeUnderLimit(cwd: string, rel: string): { status: number | null; stderr: string } {
  const r = spawnSync('sh', ['-c', `ulimit -f 2 && exec "$0" "$@"`, process.execPath, cli, 'complete', rel, '--force', '--no-lint'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { status: r.status, stderr: r.stderr };
}

function specRepo(inGit: boolean): string {
  const root = inGit ? tempRepo() : tempDir();
  mkdirSync(join(root, 'tech-specs'));
  copyFileSync(join(fixtures, 'checks.md'), join(root, 'tech-specs', 'checks.md'));
  writeFileSync(join(root, 'spec.config.json'), '{}\n');
  if (inGit) {
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'spec');
  }
  return root;
}

describe.skipIf(!posix)('spec complete when the write fails', () => {
  it('a tracked spec stays where it was, unchanged and still tracked there, with unstaged edits kept', () => {
    expect(Buffer.byteLength(original)).toBeGreaterThan(2048);
    const root = specRepo(true);
    // an unstaged edit the user has not committed yet
    const edited = original.replace('# Tech Spec:', '# Tech Spec: (edited)');
    writeFileSync(join(root, 'tech-specs', 'checks.md'), edited);
    const r = completeUnderLimit(root, 'tech-specs/checks.md');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write tech-specs\/completed\/checks\.md: .*nothing was moved, tech-specs\/checks\.md is unchanged/);
    expect(readFileSync(join(root, 'tech-specs', 'checks.md'), 'utf8')).toBe(edited);
    expect(git(root, 'ls-files', 'tech-specs').trim()).toBe('tech-specs/checks.md');
    // no half-written file or temporary left behind
    expect(existsSync(join(root, 'tech-specs', 'completed', 'checks.md'))).toBe(false);
    expect(readdirSync(join(root, 'tech-specs', 'completed'))).toEqual([]);
  });

  it('an untracked spec (no git) stays where it was, unchanged', () => {
    const root = specRepo(false);
    const r = completeUnderLimit(root, 'tech-specs/checks.md');
    expect(r.status, r.stderr).toBe(2);
    expect(readFileSync(join(root, 'tech-specs', 'checks.md'), 'utf8')).toBe(original);
    expect(readdirSync(join(root, 'tech-specs', 'completed'))).toEqual([]);
  });

  it('without the limit the same run moves it (the limit is what failed)', () => {
    const root = specRepo(true);
    const r = spawnSync(process.execPath, [cli, 'complete', 'tech-specs/checks.md', '--force', '--no-lint'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'tech-specs', 'completed', 'checks.md'), 'utf8')).toContain('**Status:** Approved');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: root }).toString()).toContain('R  tech-specs/checks.md -> tech-specs/completed/checks.md');
  });
});

describe('spec complete and edits made since the spec was read', () => {
  it('refuses to move a spec that changed on disk since it was read, and keeps the edit', async () => {
    const root = specRepo(true);
    const config = mergeConfig({}, root, null);
    const loaded = await loadSpec(config, root, 'tech-specs/checks.md');
    // edited while verify was running
    writeFileSync(join(root, 'tech-specs', 'checks.md'), original + '\nA late note.\n');
    const io = scriptedIo();
    await expect(completeSpec(loaded, config, { io, cwd: root, force: true, noLint: true })).rejects.toThrow(/changed on disk since spec complete read it; not moved/);
    expect(readFileSync(join(root, 'tech-specs', 'checks.md'), 'utf8')).toBe(original + '\nA late note.\n');
    expect(existsSync(join(root, 'tech-specs', 'completed', 'checks.md'))).toBe(false);
    expect(readdirSync(join(root, 'tech-specs', 'completed'))).toEqual([]);
  });
});
