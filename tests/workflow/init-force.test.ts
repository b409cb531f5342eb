/**
 * `spec init --force` rewrites the settings init owns and keeps the rest of an existing config (rules,
 * ignores, overrides, generate, exec …); its writes are atomic, so a failed write (a file size limit,
 * `ulimit -f`, in a spawned shell) leaves each file as it was.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/lint/config.js';
import { cleanup, runCli, tempRepo } from './helpers.js';

afterEach(cleanup);

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'spec');

const custom = {
  paths: { specs: 'docs/specs', migrations: 'db/migrations' },
  profile: 'go',
  rules: { 'task/size': 'off', 'trace/er-criteria': ['warn', {}] },
  overrides: [{ files: ['docs/specs/legacy/**'], rules: { 'path/modify-exists': 'off' } }],
  ignores: ['docs/specs/drafts/**'],
  generate: { model: 'claude-sonnet-4-5', maxRepairs: 1 },
  exec: false,
};

describe('spec init --force', () => {
  it('keeps rules, ignores, overrides, generate and the other keys of an existing config', async () => {
    const root = tempRepo();
    writeFileSync(join(root, 'spec.config.json'), JSON.stringify(custom, null, 2));
    const r = await runCli(root, ['init', '--yes', '--force', '--profile', 'python', '--project-name', 'p']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8'));
    await expect(validateConfig(written, 'spec.config.json')).resolves.toBeTruthy();
    expect(written).toMatchObject({
      profile: 'python',
      rules: custom.rules,
      overrides: custom.overrides,
      ignores: custom.ignores,
      generate: custom.generate,
      exec: false,
      paths: { specs: 'docs/specs', migrations: 'db/migrations', completed: 'docs/specs/completed' },
    });
    expect(r.stdout).toMatch(/overwritten\s+spec\.config\.json/);
  });

  it('replaces an invalid config, keeping its text beside it', async () => {
    const root = tempRepo();
    writeFileSync(join(root, 'spec.config.json'), '{ "rules": { broken');
    const r = await runCli(root, ['init', '--yes', '--force', '--profile', 'go']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'spec.config.json.bak'), 'utf8')).toBe('{ "rules": { broken');
    expect(JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8'))).toMatchObject({ profile: 'go' });
  });

  it.skipIf(platform() === 'win32')('a failed write leaves the existing files whole', async () => {
    const root = tempRepo();
    writeFileSync(join(root, 'spec.config.json'), JSON.stringify(custom, null, 2));
    expect((await runCli(root, ['init', '--yes', '--force', '--profile', 'go'])).code).toBe(0);
    const config = readFileSync(join(root, 'spec.config.json'), 'utf8');
    const workflow = readFileSync(join(root, 'docs', 'workflow.md'), 'utf8');
    expect(Buffer.byteLength(workflow)).toBeGreaterThan(4096);
    // the workflow document is larger than the limit: its write fails, and the old one stays
    const r = spawnSync('sh', ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, cli, 'init', '--yes', '--force', '--profile', 'python'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write docs\/workflow\.md: it cannot be written \(EFBIG\)/);
    expect(readFileSync(join(root, 'docs', 'workflow.md'), 'utf8')).toBe(workflow);
    // the config, small enough, was replaced whole (never truncated): still valid JSON, every key kept
    const after = JSON.parse(readFileSync(join(root, 'spec.config.json'), 'utf8'));
    expect(after.rules).toEqual(custom.rules);
    expect(config.length).toBeGreaterThan(0);
    expect(readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
