import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/lint/config.js';
import { extractSpec } from '../../src/model/extract.js';
import { formatSummary, needsShell, planVerify, runPlan, verifyExitCode, verifySpec } from '../../src/workflow/verify.js';
import { cleanup, fixtures, runCli, scriptedIo, tempDir } from './helpers.js';

const checks = readFileSync(join(fixtures, 'checks.md'), 'utf8');

/** A repository holding the fixture spec; `files` are created relative to the root. */
function repo(files: Record<string, string> = {}): string {
  const root = tempDir();
  mkdirSync(join(root, 'data'));
  mkdirSync(join(root, 'tech-specs'));
  copyFileSync(join(fixtures, 'checks.md'), join(root, 'tech-specs', 'checks.md'));
  writeFileSync(join(root, 'spec.config.json'), '{}\n');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

afterEach(cleanup);

describe('needsShell', () => {
  it.each([
    ['go test ./... -run TestX', false],
    ["go test ./... -run 'TestA|TestB'", false],
    ['node -e "process.exit(require(\'fs\').existsSync(\'x\') ? 0 : 1)"', false],
    ['test -f a.txt', false],
    ['CGO_ENABLED=0 go test ./...', false],
    ['go test ./... | tee out.txt', true],
    ['make build && make test', true],
    ['go test ./... > out.txt', true],
    ['echo $HOME', true],
    ['echo "$HOME"', true],
    ["echo '$HOME'", false],
    ['ls migrations/*.sql', true],
    ['cat ~/x', true],
    ['go test ./... # all', true],
  ])('%s → %s', (text, expected) => {
    expect(needsShell(text)).toBe(expected);
  });
});

describe('planVerify / runPlan', () => {
  it('runs in dependency order, stops at the first failure, skips dependents, reports not runnable', async () => {
    const root = repo({ 'data/a.txt': 'not yet\n', 'data/b.txt': 'b\n' });
    const model = extractSpec(checks, 'tech-specs/checks.md');
    const plan = planVerify(model, mergeConfig({}, root), { cwd: root, timeoutSeconds: 30 });
    expect(plan.tasks.map((t) => t.id)).toEqual(['T-001', 'T-002', 'T-006', 'T-003', 'T-005', 'T-004']);
    const io = scriptedIo();
    const results = await runPlan(plan, { io, showOutput: false });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['T-001']!.outcome).toBe('pass');
    expect(by['T-002']!.outcome).toBe('pass');
    expect(by['T-006']!.outcome).toBe('pass');
    expect(by['T-003']!.outcome).toBe('fail');
    expect(by['T-003']!.commands.map((c) => c.exitCode)).toEqual([0, 3]);
    expect(by['T-003']!.detail).toMatch(/exited with 3$/);
    expect(by['T-004']).toMatchObject({ outcome: 'skipped', detail: 'depends on T-003, which failed', commands: [] });
    expect(by['T-005']).toMatchObject({ outcome: 'not-runnable', detail: 'the done condition names no command' });
    expect(verifyExitCode(results)).toBe(1);
    const summary = formatSummary(results);
    expect(summary).toMatch(/T-003\s+FAIL/);
    expect(summary).toContain('3 passed, 1 failed, 1 skipped, 1 not runnable');
  });

  it('passes when the work is done', async () => {
    const root = repo({ 'data/a.txt': 'done\n', 'data/b.txt': 'b\n' });
    const results = await runPlan(planVerify(extractSpec(checks, 'x.md'), mergeConfig({}, root), { cwd: root }), { io: scriptedIo(), showOutput: false });
    expect(results.filter((r) => r.outcome === 'pass').map((r) => r.id)).toEqual(['T-001', 'T-002', 'T-006', 'T-003', 'T-004']);
    expect(verifyExitCode(results)).toBe(0);
  });

  it('stops a task at its first failing command (the second is not run)', async () => {
    const root = repo({ 'data/b.txt': 'b\n' });
    const plan = planVerify(extractSpec(checks, 'x.md'), mergeConfig({}, root), { cwd: root, task: 'T-003' });
    const [r] = await runPlan(plan, { io: scriptedIo(), showOutput: false });
    expect(r).toMatchObject({ id: 'T-003', outcome: 'fail', detail: '`test -f data/a.txt` exited with 1' });
    expect(r!.commands).toHaveLength(1);
  });

  it('reports a missing program, a timeout, and refuses shell commands unless allowed', async () => {
    const root = repo();
    const spec = checks
      .replace('`test -f data/a.txt` succeeds.\n  - _Dependencies:_ None', '`node -e "setTimeout(() => {}, 60000)"` ends.\n  - _Dependencies:_ None')
      .replace('`test -f data/b.txt` succeeds.', '`test -f data/b.txt || test -f data/a.txt` succeeds.')
      .replace('`node -e "process.exit(require(\'fs\').existsSync(\'data/b.txt\') ? 0 : 1)"` exits 0.', '`./bin/no-such-program --check` exits 0.');
    const model = extractSpec(spec, 'x.md');
    const config = mergeConfig({}, root);
    const plan = planVerify(model, config, { cwd: root, timeoutSeconds: 1 });
    const byPlan = Object.fromEntries(plan.tasks.map((t) => [t.id, t]));
    expect(byPlan['T-002']!.notRunnable).toMatch(/needs a shell/);
    const results = await runPlan(plan, { io: scriptedIo(), showOutput: false, killGraceMs: 100 });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['T-001']).toMatchObject({ outcome: 'fail' });
    expect(by['T-001']!.commands[0]!.timedOut).toBe(true);
    expect(by['T-001']!.detail).toContain('timed out after 1s');
    expect(by['T-002']!.outcome).toBe('not-runnable');
    expect(by['T-006']!.outcome).toBe('fail');
    expect(by['T-006']!.detail).toContain('command not found');

    // --allow-shell runs it through sh -c, shown as such
    const shellPlan = planVerify(model, config, { cwd: root, task: 'T-002', allowShell: true });
    expect(shellPlan.tasks[0]!.commands[0]!.argv).toEqual(['sh', '-c', 'test -f data/b.txt || test -f data/a.txt']);
    const [shell] = await runPlan(shellPlan, { io: scriptedIo(), showOutput: false });
    expect(shell!.outcome).toBe('fail');
    writeFileSync(join(root, 'data', 'a.txt'), '', { flag: 'w' });
    const [again] = await runPlan(shellPlan, { io: scriptedIo(), showOutput: false });
    expect(again!.outcome).toBe('pass');
  });

  it('rejects an unknown --task and accepts a bare number', () => {
    const model = extractSpec(checks, 'x.md');
    expect(() => planVerify(model, mergeConfig({}, '/r'), { cwd: '/r', task: 'T-042' })).toThrow(/no task T-042.*/);
    expect(planVerify(model, mergeConfig({}, '/r'), { cwd: '/r', task: '3' }).tasks.map((t) => t.id)).toEqual(['T-003']);
  });
});

describe('verifySpec asks first', () => {
  it('is a usage error without --yes when nobody can answer', async () => {
    const root = repo();
    await expect(verifySpec(extractSpec(checks, 'x.md'), mergeConfig({}, root), { cwd: root, io: scriptedIo([], false) })).rejects.toThrow(/pass --yes/);
  });

  it('shows the commands and runs nothing when the answer is no', async () => {
    const root = repo();
    const io = scriptedIo(['n']);
    const r = await verifySpec(extractSpec(checks, 'x.md'), mergeConfig({}, root), { cwd: root, io });
    expect(r).toBeNull();
    expect(io.text()).toContain('$ test -f data/a.txt');
    expect(io.text()).toContain("$ node -e 'process.exit(0)'");
    expect(io.questions).toEqual(['Run these commands? [y/N] ']);
  });
});

describe('spec verify (CLI)', () => {
  it('reports pass / fail per task with exit code 1 on a failure', async () => {
    const root = repo({ 'data/a.txt': 'nope\n', 'data/b.txt': 'b\n' });
    const r = await runCli(root, ['verify', 'tech-specs/checks.md', '--yes', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/T-001\s+pass/);
    expect(r.stdout).toMatch(/T-003\s+FAIL/);
    expect(r.stdout).toMatch(/T-004\s+skipped/);
    expect(r.stdout).toMatch(/T-005\s+not runnable/);
  });

  it('exits 0 when every runnable task passes, and --task runs one', async () => {
    const root = repo({ 'data/a.txt': 'done\n', 'data/b.txt': 'b\n' });
    const all = await runCli(root, ['verify', 'tech-specs/checks.md', '--yes']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('5 passed, 0 failed, 1 not runnable');
    const one = await runCli(root, ['verify', 'tech-specs/checks.md', '--yes', '--task', 'T-003', '--format', 'json']);
    expect(one.code).toBe(0);
    const json = JSON.parse(one.stdout);
    expect(json.results.map((x: { id: string; outcome: string }) => `${x.id}:${x.outcome}`)).toEqual(['T-003:pass']);
  });

  it('is a usage error (exit 2) without --yes off a terminal', async () => {
    const root = repo();
    const r = await runCli(root, ['verify', 'tech-specs/checks.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass --yes');
  });
});
