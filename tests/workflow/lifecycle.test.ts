/**
 * The "done when", end to end in one fresh temporary repository: init, tasks, verify, complete.
 */
import Ajv from 'ajv';
import { copyFileSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { packageRoot } from '../../src/rules/index.js';
import { cleanup, fixtures, git, runCli, tempRepo } from './helpers.js';

afterEach(cleanup);

it('init → tasks → verify → complete in a fresh repository', async () => {
  const root = tempRepo();
  git(root, 'commit', '-q', '--allow-empty', '-m', 'start');

  const init = await runCli(root, ['init', '--yes', '--profile', 'go']);
  expect(init.code).toBe(0);
  expect(readFileSync(join(root, 'docs', 'workflow.md'), 'utf8')).not.toContain('{{');

  copyFileSync(join(fixtures, 'checks.md'), join(root, 'tech-specs', 'checks.md'));
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'spec');

  const tasks = await runCli(root, ['tasks', 'tech-specs/checks.md', '--format', 'json']);
  expect(tasks.code).toBe(0);
  const graph = JSON.parse(tasks.stdout);
  const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'task-graph.schema.json'), 'utf8'));
  const validate = new (Ajv as unknown as new (o: object) => { compile(s: object): (d: unknown) => boolean })({ allErrors: true }).compile(schema);
  expect(validate(graph)).toBe(true);
  expect(graph.batches[0].tasks).toEqual(['T-001', 'T-002']);

  // nothing built yet: the first tasks fail
  const before = await runCli(root, ['verify', 'tech-specs/checks.md', '--yes', '--quiet']);
  expect(before.code).toBe(1);
  expect(before.stdout).toMatch(/T-001\s+FAIL/);

  // do the work
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'a.txt'), 'done\n');
  writeFileSync(join(root, 'data', 'b.txt'), 'header\n');
  const after = await runCli(root, ['verify', 'tech-specs/checks.md', '--yes', '--quiet']);
  expect(after.code).toBe(0);
  expect(after.stdout).toContain('5 passed, 0 failed, 1 not runnable');

  // T-005 (a reviewer's sign-off) is not runnable, so complete needs --force
  const refused = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--yes', '--quiet']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('T-005 not runnable');
  const done = await runCli(root, ['complete', 'tech-specs/checks.md', '--no-lint', '--force']);
  expect(done.code).toBe(0);
  expect(existsSync(join(root, 'tech-specs', 'completed', 'checks.md'))).toBe(true);
  expect(git(root, 'status', '--porcelain')).toContain('R  tech-specs/checks.md -> tech-specs/completed/checks.md');
});
