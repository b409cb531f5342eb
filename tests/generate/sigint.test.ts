/**
 * Ctrl-C during streaming, on the built CLI (`./bin/spec`, run `npm run compile` first) as a real child
 * process pointed at the fake Messages API with ANTHROPIC_BASE_URL: the stream is aborted, the process
 * exits 2, and nothing is left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { cleanSpec, projectRoot, tempRepo, type TempRepo } from './setup.js';

const built = existsSync(join(projectRoot, 'dist', 'cli', 'main.js'));
let fake: FakeAnthropic;
let repo: TempRepo;

beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey: 'sk-ant-sigint' });
  repo = tempRepo();
});
afterEach(async () => {
  await fake.close();
  repo.cleanup();
});

describe.skipIf(!built)('spec new and SIGINT', () => {
  it('aborts the stream and leaves nothing behind', async () => {
    fake.enqueue({ kind: 'hang', text: cleanSpec, after: 1000 });
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'spec'), 'new', '--prd', 'prds/workspace-invites.md'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ANTHROPIC_API_KEY: 'sk-ant-sigint', ANTHROPIC_BASE_URL: fake.url, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await fake.waitForStreaming();
    child.kill('SIGINT');
    const code = await exited;
    expect(stderr).toContain('spec: interrupted; nothing was written');
    expect(code).toBe(2);
    expect(stdout).not.toContain('Wrote');
    expect(readdirSync(join(repo.dir, 'tech-specs')).sort()).toEqual(['completed', 'member-lookup-index.md']);
    expect(stderr).not.toContain('sk-ant-sigint');
  });
});
