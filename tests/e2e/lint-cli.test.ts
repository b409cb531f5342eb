import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempFixtureRepo } from '../helpers/cli.js';

let repo: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = tempFixtureRepo();
});
afterEach(() => repo.cleanup());

const brokenSpec = (dir: string) => {
  const p = join(dir, 'tech-specs', 'workspace-invites.md');
  const text = readFileSync(p, 'utf8').replace('  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ T-002, T-009');
  writeFileSync(p, text);
  return text;
};

describe('spec lint as a process', () => {
  it('passes the clean fixture specs with exit 0 and an empty JSON report', () => {
    const r = runCli(['lint', '--format', 'json'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Array<{ filePath: string; messages: unknown[]; errorCount: number; warningCount: number }>;
    expect(report.map((f) => f.filePath.slice(repo.dir.length + 1)).sort()).toEqual([
      'tech-specs/member-lookup-index.md',
      'tech-specs/workspace-invites.md',
    ]);
    for (const f of report) expect(f.messages).toEqual([]);
  });

  it('works from a subdirectory: the root is where spec.config.json is', () => {
    const r = runCli(['lint', '--format', 'json', '.'], { cwd: join(repo.dir, 'tech-specs') });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });

  it('reports a defect with rule id and line, in the ESLint JSON shape, exit 1', () => {
    const text = brokenSpec(repo.dir);
    const r = runCli(['lint', '--format', 'json', 'tech-specs/workspace-invites.md'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    const [file] = JSON.parse(r.stdout) as Array<{ messages: Array<Record<string, unknown>>; errorCount: number }>;
    const line = text.split('\n').findIndex((l) => l.includes('T-002, T-009')) + 1;
    const dep = file!.messages.find((m) => String(m.ruleId).startsWith('task/') && m.line === line);
    expect(dep, JSON.stringify(file!.messages, null, 1)).toBeDefined();
    expect(Object.keys(dep!).sort()).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']));
    expect(dep!.severity).toBe(2);
    expect(file!.errorCount).toBeGreaterThan(0);
  });

  it('prints stylish output without colours when not on a TTY', () => {
    brokenSpec(repo.dir);
    const r = runCli(['lint'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('tech-specs/workspace-invites.md');
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--quiet, --max-warnings and --output-file', () => {
    const out = join(repo.dir, 'reports', 'lint.json');
    const r = runCli(['lint', '-f', 'json', '-o', out, '--max-warnings', '0'], { cwd: repo.dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(2);
  });

  it('exit 2 with one line for a missing path, never a stack trace', () => {
    const r = runCli(['lint', 'nope/'], { cwd: repo.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^spec: no such file or directory: nope\//);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for a directory with no specs', () => {
    mkdirSync(join(repo.dir, 'empty'));
    writeFileSync(join(repo.dir, 'empty', 'notes.txt'), 'x');
    const r = runCli(['lint', 'empty'], { cwd: repo.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no specs');
  });

  it('exit 2 naming the key for an invalid config', () => {
    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ rules: { 'task/fields': 'loud' } }));
    const r = runCli(['lint'], { cwd: repo.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('task/fields');
    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ pathz: {} }));
    const r2 = runCli(['lint'], { cwd: repo.dir });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('pathz');
    writeFileSync(join(repo.dir, 'spec.config.json'), '{ "rules": ');
    const r3 = runCli(['lint'], { cwd: repo.dir });
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain('invalid JSON');
  });

  it('a binary file is a diagnostic on that file, and the other files are still linted', () => {
    writeFileSync(join(repo.dir, 'tech-specs', 'blob.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    writeFileSync(join(repo.dir, 'tech-specs', 'empty.md'), '');
    const r = runCli(['lint', '-f', 'json'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
    expect(report).toHaveLength(4);
    const blob = report.find((f) => f.filePath.endsWith('blob.md'))!;
    expect(blob.messages.map((m) => m.ruleId)).toEqual(['template/readable']);
    const empty = report.find((f) => f.filePath.endsWith('empty.md'))!;
    expect(empty.messages.map((m) => m.ruleId)).toEqual(['template/readable']);
  });

  it('config severities and overrides apply; rule off silences it', () => {
    brokenSpec(repo.dir);
    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ rules: { 'task/dependencies': 'off' } }));
    const r = runCli(['lint', '-f', 'json'], { cwd: repo.dir });
    const msgs = (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((f) => f.messages);
    expect(msgs.filter((m) => m.ruleId === 'task/dependencies')).toEqual([]);
  });

  it('--print-config shows the effective config for a file', () => {
    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ rules: { 'task/size': 'error' }, overrides: [{ files: 'tech-specs/completed/**', rules: { 'task/size': 'off' } }] }));
    const r = runCli(['lint', '--print-config', 'tech-specs/completed/old.md'], { cwd: repo.dir });
    expect(r.status).toBe(0);
    const cfg = JSON.parse(r.stdout) as { rules: Record<string, unknown>; paths: Record<string, string> };
    expect(cfg.paths.migrations).toBe('migrations');
    if ('task/size' in cfg.rules) expect(cfg.rules['task/size']).toBe('off');
  });

  it('an inline disable comment silences the next line; an unknown rule id in a comment is a warning', () => {
    const p = join(repo.dir, 'tech-specs', 'workspace-invites.md');
    const text = brokenSpec(repo.dir).replace(
      '  - _Dependencies:_ T-002, T-009',
      '  <!-- spec-lint-disable-next-line task/dependencies, no/such-rule -- being split -->\n  - _Dependencies:_ T-002, T-009',
    );
    writeFileSync(p, text);
    const r = runCli(['lint', '-f', 'json', 'tech-specs/workspace-invites.md'], { cwd: repo.dir });
    const [file] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; severity: number; line: number }> }>;
    expect(file!.messages.filter((m) => m.ruleId === 'task/dependencies')).toEqual([]);
    expect(file!.messages.filter((m) => m.ruleId === 'lint/unknown-rule').map((m) => m.severity)).toEqual([1]);
  });
});
