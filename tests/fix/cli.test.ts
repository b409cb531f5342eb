/** `spec lint --fix` / `--fix-dry-run` through the built CLI, on a copy of the fixture repository. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempFixtureRepo } from '../helpers/cli.js';

let repo: { dir: string; cleanup: () => void };
let spec: string;
let clean: string;
beforeEach(() => {
  repo = tempFixtureRepo();
  spec = join(repo.dir, 'tech-specs', 'workspace-invites.md');
  clean = readFileSync(spec, 'utf8');
  // two fixable defects: a task missing from its story's row, and a gap in the task numbers
  writeFileSync(spec, clean.replace('| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | T-002 |').replaceAll('T-004', 'T-009'));
});
afterEach(() => repo.cleanup());

describe('spec lint --fix-dry-run', () => {
  it('writes nothing and reports the fixed text as `output`, with what remains', () => {
    const before = readFileSync(spec, 'utf8');
    const r = runCli(['lint', 'tech-specs/workspace-invites.md', '--fix-dry-run', '--format', 'json'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [result] = JSON.parse(r.stdout);
    expect(result.output).toBe(clean);
    expect(result.messages).toEqual([]);
    expect(result.fixableErrorCount).toBe(0);
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });
});

describe('spec lint (no fixing): fixes are data in every report', () => {
  it('JSON messages carry ESLint fix objects and the fixable counts', () => {
    const r = runCli(['lint', 'tech-specs/workspace-invites.md', '--format', 'json'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    const [result] = JSON.parse(r.stdout);
    const fixable = result.messages.filter((m: { fix?: unknown }) => m.fix);
    expect(fixable.length).toBeGreaterThan(0);
    expect(result.fixableErrorCount).toBe(fixable.filter((m: { severity: number }) => m.severity === 2).length);
    for (const m of fixable) {
      expect(m.fix.range).toHaveLength(2);
      expect(typeof m.fix.text).toBe('string');
    }
    expect(result.output).toBeUndefined();
  });
  it('SARIF results carry fixes with artifact changes', () => {
    const r = runCli(['lint', 'tech-specs/workspace-invites.md', '--format', 'sarif'], { cwd: repo.dir });
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ deletedRegion: { charOffset: number } }> }> }> }>;
    const withFix = results.filter((x) => x.fixes);
    expect(withFix.length).toBeGreaterThan(0);
    expect(typeof withFix[0]!.fixes![0]!.artifactChanges[0]!.replacements[0]!.deletedRegion.charOffset).toBe('number');
  });
  it('stylish says how many are potentially fixable', () => {
    const r = runCli(['lint', 'tech-specs/workspace-invites.md'], { cwd: repo.dir });
    expect(r.stdout).toMatch(/\d+ errors? and 0 warnings potentially fixable with the `--fix` option/);
  });
});

describe('spec lint --fix', () => {
  it('writes the fixed file atomically (no temporary file left, mode kept) and exits 0 when nothing remains', () => {
    const mode = statSync(spec).mode;
    const r = runCli(['lint', 'tech-specs/workspace-invites.md', '--fix'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(spec, 'utf8')).toBe(clean);
    expect(statSync(spec).mode).toBe(mode);
    expect(readdirSync(join(repo.dir, 'tech-specs')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('--fix with --fix-dry-run, or with --staged, is a usage error', () => {
    expect(runCli(['lint', '--fix', '--fix-dry-run'], { cwd: repo.dir }).status).toBe(2);
    const staged = runCli(['lint', '--fix', '--staged'], { cwd: repo.dir });
    expect(staged.status).toBe(2);
    expect(staged.stderr).toMatch(/--staged/);
  });
});
