/**
 * A git repository holding the checkout's files (tracked and untracked, not ignored) in one deterministic
 * commit, at a path named after their content: what the hook-install tests install from, as pre-commit and
 * `npm install git+…` would from this repository at that commit. An unchanged checkout gives the same path
 * and commit (pre-commit then reuses its hook environment), and concurrent runs never write into each
 * other's snapshot.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitEnv, projectRoot } from '../changed/git-helpers.js';

export function snapshotCheckout(base: string): { dir: string; rev: string } {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot })
    .toString('utf8')
    .split('\0')
    .filter((f) => f && existsSync(join(projectRoot, f)) && lstatSync(join(projectRoot, f)).isFile())
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(projectRoot, f))).update('\0');
  const dir = `${base}-${hash.digest('hex').slice(0, 16)}`;
  const env = gitEnv({ GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' });
  const gitIn = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
  if (existsSync(join(dir, '.git'))) {
    try {
      return { dir, rev: gitIn(dir, 'rev-parse', 'HEAD') };
    } catch {
      // a half-made snapshot: make it again below
    }
  }
  const staging = mkdtempSync(`${base}-staging-`);
  for (const f of files) {
    mkdirSync(dirname(join(staging, f)), { recursive: true });
    copyFileSync(join(projectRoot, f), join(staging, f));
  }
  gitIn(staging, 'init', '-q', '-b', 'main');
  gitIn(staging, 'add', '-A');
  gitIn(staging, 'commit', '-q', '--no-verify', '-m', 'checkout snapshot');
  try {
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch {
    // another run put the same snapshot in place first
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir, rev: gitIn(dir, 'rev-parse', 'HEAD') };
}
