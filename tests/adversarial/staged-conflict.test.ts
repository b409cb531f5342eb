/**
 * `spec lint --staged` during an unmerged conflict: the conflicted spec has no staged content, so linting
 * "what is staged" would silently skip it (`[]`, exit 0). It is an error instead (exit 2) that says to
 * resolve the conflict first.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempRepo, validSpecs } from './helpers.js';

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');

describe('spec lint --staged with an unmerged index', () => {
  it('exits 2 and says to resolve the conflict, with and without --cache and file names', { timeout: 120_000 }, () => {
    const repo = tempRepo();
    try {
      const spec = validSpecs['workspace-invites.md']!;
      repo.write('tech-specs/invites.md', spec);
      git(repo.dir, 'init', '-q', '-b', 'main');
      git(repo.dir, 'config', 'commit.gpgsign', 'false');
      git(repo.dir, 'add', '.');
      git(repo.dir, 'commit', '-q', '-m', 'base');
      git(repo.dir, 'checkout', '-q', '-b', 'other');
      writeFileSync(join(repo.dir, 'tech-specs', 'invites.md'), spec.replace('# Tech Spec:', '# Tech Spec: (other)'));
      git(repo.dir, 'commit', '-q', '-am', 'other');
      git(repo.dir, 'checkout', '-q', 'main');
      writeFileSync(join(repo.dir, 'tech-specs', 'invites.md'), spec.replace('# Tech Spec:', '# Tech Spec: (main)'));
      git(repo.dir, 'commit', '-q', '-am', 'main');
      expect(() => git(repo.dir, 'merge', '-q', 'other')).toThrow();
      expect(git(repo.dir, 'ls-files', '-u')).toContain('tech-specs/invites.md');
      for (const args of [['lint', '--staged'], ['lint', '--staged', '--cache'], ['lint', '--staged', 'tech-specs/invites.md'], ['lint', '--staged', '--format', 'json']]) {
        const r = runCli(args, repo.dir);
        expect(r.status, `${args.join(' ')}: ${r.stdout}`).toBe(2);
        expect(r.stderr).toContain('unmerged paths (tech-specs/invites.md)');
        expect(r.stderr).toMatch(/resolve the conflict/i);
        expect(r.stdout).toBe('');
      }
      // resolved and staged: linted again
      writeFileSync(join(repo.dir, 'tech-specs', 'invites.md'), spec);
      git(repo.dir, 'add', 'tech-specs/invites.md');
      expect(runCli(['lint', '--staged'], repo.dir).status).not.toBe(2);
    } finally {
      repo.remove();
    }
  });
});
