import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/lint/config.js';
import { extractSpec } from '../../src/model/extract.js';
import { formatPlan, formatSummary, needsShell, planVerify, runPlan, verifyExitCode, verifySpec } from '../../src/workflow/verify.js';
import { isSecretName } from '../../src/command/env.js';
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

describe('needsShell (the command model)', () => {
  it.each([
    ['go test ./... -run TestX', false],
    ["go test ./... -run 'TestA|TestB'", false],
    ['node -e "process.exit(require(\'fs\').existsSync(\'x\') ? 0 : 1)"', true],
    ["bash -c 'go test ./...'", true],
    ["python3 -c 'import sys; sys.exit(0)'", true],
    ['test -f a.txt', false],
    ['CGO_ENABLED=0 go test ./...', false],
    ['cd web && npm test', false],
    ['go vet ./...; go test ./...', false],
    ['go test ./... | tee out.txt', true],
    ['make build || make test', true],
    ['go test ./... > out.txt', true],
    ['echo $HOME', true],
    ['echo "$HOME"', true],
    ["echo '$HOME'", false],
    ['ls migrations/*.sql', true],
    ['cat ~/x', true],
    ['go test ./... # all', true],
  ])('%s → %s', async (text, expected) => {
    expect(await needsShell(text)).toBe(expected);
  });
});

describe('planVerify / runPlan', () => {
  it('runs in dependency order, stops at the first failure, skips dependents, reports not runnable', async () => {
    const root = repo({ 'data/a.txt': 'not yet\n', 'data/b.txt': 'b\n' });
    const model = extractSpec(checks, 'tech-specs/checks.md');
    const plan = await planVerify(model, mergeConfig({}, root), { cwd: root, timeoutSeconds: 30 });
    expect(plan.tasks.map((t) => t.id)).toEqual(['T-001', 'T-002', 'T-006', 'T-003', 'T-005', 'T-004']);
    const io = scriptedIo();
    const results = await runPlan(plan, { io, showOutput: false });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['T-001']!.outcome).toBe('pass');
    expect(by['T-002']!.outcome).toBe('pass');
    expect(by['T-006']!.outcome).toBe('pass');
    expect(by['T-003']!.outcome).toBe('fail');
    expect(by['T-003']!.commands.map((c) => c.exitCode)).toEqual([0, 1]);
    expect(by['T-003']!.detail).toMatch(/exited with 1$/);
    expect(by['T-004']).toMatchObject({ outcome: 'skipped', detail: 'depends on T-003, which failed', commands: [] });
    expect(by['T-005']).toMatchObject({ outcome: 'not-runnable', detail: 'the done condition names no command' });
    expect(verifyExitCode(results)).toBe(1);
    const summary = formatSummary(results);
    expect(summary).toMatch(/T-003\s+FAIL/);
    expect(summary).toContain('3 passed, 1 failed, 1 skipped, 1 not runnable');
  });

  it('passes when the work is done', async () => {
    const root = repo({ 'data/a.txt': 'done\n', 'data/b.txt': 'b\n' });
    const results = await runPlan(await planVerify(extractSpec(checks, 'x.md'), mergeConfig({}, root), { cwd: root }), { io: scriptedIo(), showOutput: false });
    expect(results.filter((r) => r.outcome === 'pass').map((r) => r.id)).toEqual(['T-001', 'T-002', 'T-006', 'T-003', 'T-004']);
    expect(verifyExitCode(results)).toBe(0);
  });

  it('stops a task at its first failing command (the second is not run)', async () => {
    const root = repo({ 'data/b.txt': 'b\n' });
    const plan = await planVerify(extractSpec(checks, 'x.md'), mergeConfig({}, root), { cwd: root, task: 'T-003' });
    const [r] = await runPlan(plan, { io: scriptedIo(), showOutput: false });
    expect(r).toMatchObject({ id: 'T-003', outcome: 'fail', detail: '`test -f data/a.txt` exited with 1' });
    expect(r!.commands).toHaveLength(1);
  });

  it('reports a missing program, a timeout, and refuses shell commands unless allowed', async () => {
    const root = repo({ 'bin/slow.sh': '#!/bin/sh\nsleep 60\n' });
    chmodSync(join(root, 'bin', 'slow.sh'), 0o755);
    const spec = checks
      .replace('`test -f data/a.txt` succeeds.\n  - _Dependencies:_ None', '`./bin/slow.sh` ends.\n  - _Dependencies:_ None')
      .replace('`test -f data/b.txt` succeeds.', '`test -f data/b.txt || test -f data/a.txt` succeeds.')
      .replace('`test -s data/b.txt` exits 0.', '`./bin/no-such-program --check` exits 0.');
    const model = extractSpec(spec, 'x.md');
    const config = mergeConfig({}, root);
    const plan = await planVerify(model, config, { cwd: root, timeoutSeconds: 1 });
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
    const shellPlan = await planVerify(model, config, { cwd: root, task: 'T-002', allowShell: true });
    expect(shellPlan.tasks[0]!.commands[0]!.argv).toEqual(['sh', '-c', 'test -f data/b.txt || test -f data/a.txt']);
    const [shell] = await runPlan(shellPlan, { io: scriptedIo(), showOutput: false });
    expect(shell!.outcome).toBe('fail');
    writeFileSync(join(root, 'data', 'a.txt'), '', { flag: 'w' });
    const [again] = await runPlan(shellPlan, { io: scriptedIo(), showOutput: false });
    expect(again!.outcome).toBe('pass');
  });

  it('rejects an unknown --task and accepts a bare number', async () => {
    const model = extractSpec(checks, 'x.md');
    await expect(planVerify(model, mergeConfig({}, '/r'), { cwd: '/r', task: 'T-042' })).rejects.toThrow(/no task T-042.*/);
    expect((await planVerify(model, mergeConfig({}, '/r'), { cwd: '/r', task: '3' })).tasks.map((t) => t.id)).toEqual(['T-003']);
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
    expect(io.text()).toContain('$ test -d data');
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

/** The fixture spec with one task's done condition replaced (T-001's by default). */
function withDone(value: string, from = '`test -f data/a.txt` succeeds.\n  - _Dependencies:_ None'): string {
  if (!checks.includes(from)) throw new Error(`not in the fixture: ${from}`);
  return checks.replace(from, `${value}\n  - _Dependencies:_ None`);
}

describe('what verify runs (issue 14)', () => {
  it('refuses a command with control characters, shows it escaped, and exits non-zero', async () => {
    const root = repo({ 'data/a.txt': 'done\n', 'data/b.txt': 'b\n' });
    const evil = '`test -f data/a.txt \u001b[2K\rrm -rf data` succeeds.';
    const model = extractSpec(withDone(evil), 'x.md');
    const plan = await planVerify(model, mergeConfig({}, root), { cwd: root, allowShell: true });
    const t1 = plan.tasks.find((t) => t.id === 'T-001')!;
    expect(t1.refused).toMatch(/control characters \(U\+001B ESC, U\+000D CR\)/);
    const io = scriptedIo();
    const results = await runPlan(plan, { io, showOutput: false });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['T-001']).toMatchObject({ outcome: 'refused', commands: [] });
    expect(by['T-003']).toMatchObject({ outcome: 'skipped', detail: 'depends on T-001, which was refused' });
    expect(existsSync(join(root, 'data', 'a.txt'))).toBe(true);
    const shown = formatPlan(plan) + formatSummary(results);
    expect(shown).not.toMatch(/[\u001b\r]/);
    expect(shown).toContain('\\x1b[2K\\x0drm -rf data');
    expect(verifyExitCode(results)).toBe(1);
  });

  it.each([
    ["`node -e \"process.exit(0)\"` exits 0.", 'node'],
    ["`bash -c 'test -f data/a.txt'` exits 0.", 'bash -c'],
    ["`sh -c 'test -f data/a.txt'` exits 0.", 'sh -c'],
    ["`zsh -c 'test -f data/a.txt'` exits 0.", 'zsh -c'],
    ["`python3 -c 'import sys; sys.exit(0)'` exits 0.", 'python3'],
  ])('an interpreter given code counts as a shell: %s', async (done, interpreter) => {
    const root = repo({ 'data/a.txt': 'x\n' });
    const model = extractSpec(withDone(done), 'x.md');
    const plan = await planVerify(model, mergeConfig({}, root), { cwd: root, task: 'T-001' });
    expect(plan.tasks[0]!.notRunnable).toMatch(new RegExp(`code given to an interpreter \\(${interpreter.split(' ')[0]}.*--allow-shell`));
    expect(plan.tasks[0]!.commands[0]!.argv).toEqual([]);
    const allowed = await planVerify(model, mergeConfig({}, root), { cwd: root, task: 'T-001', allowShell: true });
    expect(allowed.tasks[0]!.notRunnable).toBeNull();
    expect(allowed.tasks[0]!.commands[0]!.argv[0]).toBe('sh');
  });

  it('never runs a state-changing command, --allow-shell or not', async () => {
    for (const done of ['`rm -rf data` succeeds.', "`sh -c 'rm -rf data'` succeeds.", '`git push origin main` succeeds.', "`psql -c 'DROP TABLE invites'` succeeds.", '`goose -dir db postgres x reset` succeeds.']) {
      const root = repo({ 'data/a.txt': 'x\n', 'data/b.txt': 'b\n' });
      for (const allowShell of [false, true]) {
        const plan = await planVerify(extractSpec(withDone(done), 'x.md'), mergeConfig({}, root), { cwd: root, task: 'T-001', allowShell });
        const [t] = plan.tasks;
        expect(t!.commands[0]).toMatchObject({ action: 'skip', argv: [], steps: null });
        expect(t!.notRunnable, done).toMatch(/changes state/);
        const [r] = await runPlan(plan, { io: scriptedIo(), showOutput: false });
        expect(r!.outcome).toBe('not-runnable');
        expect(existsSync(join(root, 'data', 'a.txt'))).toBe(true);
      }
    }
  });

  it('gives the commands the environment minus secrets; --pass-env passes one', async () => {
    const root = repo({ 'bin/no-secret.sh': '#!/bin/sh\n[ -z "$ANTHROPIC_API_KEY$GITHUB_TOKEN$DB_PASSWORD$AWS_SECRET_ACCESS_KEY" ] && [ "$KEEP_ME" = yes ]\n' });
    chmodSync(join(root, 'bin', 'no-secret.sh'), 0o755);
    const model = extractSpec(withDone('`./bin/no-secret.sh` exits 0.'), 'x.md');
    const baseEnv = { ...process.env, ANTHROPIC_API_KEY: 'sk-1', GITHUB_TOKEN: 'ghp', DB_PASSWORD: 'pw', AWS_SECRET_ACCESS_KEY: 'a', KEEP_ME: 'yes' };
    const plan = await planVerify(model, mergeConfig({}, root), { cwd: root, task: 'T-001', baseEnv });
    expect(plan.withheld).toEqual(expect.arrayContaining(['ANTHROPIC_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'GITHUB_TOKEN']));
    expect(plan.env['KEEP_ME']).toBe('yes');
    expect(formatPlan(plan)).toContain('withheld as secrets');
    expect(formatPlan(plan)).not.toContain('sk-1');
    const [r] = await runPlan(plan, { io: scriptedIo(), showOutput: false });
    expect(r!.outcome).toBe('pass');
    const passed = await planVerify(model, mergeConfig({}, root), { cwd: root, task: 'T-001', baseEnv, passEnv: ['GITHUB_TOKEN'] });
    expect(passed.env['GITHUB_TOKEN']).toBe('ghp');
    const [r2] = await runPlan(passed, { io: scriptedIo(), showOutput: false });
    expect(r2!.outcome).toBe('fail');
  });

  it.each([
    ['ANTHROPIC_API_KEY', true], ['ANTHROPIC_BASE_URL', true], ['OPENAI_API_KEY', true], ['AWS_ACCESS_KEY_ID', true], ['GITHUB_TOKEN', true],
    ['NPM_TOKEN', true], ['DB_PASSWORD', true], ['PGPASSWORD', true], ['STRIPE_SECRET', true], ['SSH_AUTH_SOCK', true], ['ACTIONS_ID_TOKEN_REQUEST_URL', true],
    ['PATH', false], ['HOME', false], ['DATABASE_URL', false], ['PWD', false], ['GOFLAGS', false], ['CI', false], ['NODE_ENV', false],
  ])('secret name %s → %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it('skips the dependents of a task that is not runnable, and exits non-zero', async () => {
    const root = repo({ 'data/a.txt': 'done\n', 'data/b.txt': 'b\n' });
    // T-004 depends on T-005 (a manual review: not runnable) instead of T-003
    const spec = checks.replace('`test -d data` exits 0.\n  - _Dependencies:_ T-003', '`test -d data` exits 0.\n  - _Dependencies:_ T-005');
    const results = await runPlan(await planVerify(extractSpec(spec, 'x.md'), mergeConfig({}, root), { cwd: root }), { io: scriptedIo(), showOutput: false });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['T-005']!.outcome).toBe('not-runnable');
    expect(by['T-004']).toMatchObject({ outcome: 'skipped', detail: 'depends on T-005, which is not runnable', commands: [] });
    expect(verifyExitCode(results)).toBe(1);
  });

  it('runs `cd dir && …` without a shell, in that directory, and never outside the repository', async () => {
    const root = repo({ 'web/marker.txt': 'x\n' });
    const ok = await planVerify(extractSpec(withDone('`cd web && test -f marker.txt` succeeds.'), 'x.md'), mergeConfig({}, root), { cwd: root, task: 'T-001' });
    expect(ok.tasks[0]!.commands[0]).toMatchObject({ action: 'run', needsShell: false });
    expect(formatPlan(ok)).toContain('$ cd web && test -f marker.txt');
    expect((await runPlan(ok, { io: scriptedIo(), showOutput: false }))[0]!.outcome).toBe('pass');
    const out = await planVerify(extractSpec(withDone('`cd .. && test -d .` succeeds.'), 'x.md'), mergeConfig({}, root), { cwd: root, task: 'T-001' });
    const [r] = await runPlan(out, { io: scriptedIo(), showOutput: false });
    expect(r).toMatchObject({ outcome: 'fail' });
    expect(r!.detail).toContain('outside the repository');
  });
});
