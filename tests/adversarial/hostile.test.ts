/**
 * Hostile repositories: a PRD path or a `Modify:` path that leaves the repository (`../../etc/passwd`, an
 * absolute path, a symlink pointing outside) is reported and never read; a directory symlink loop does not
 * hang the file listing or discovery, in a git repository or not.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, platform } from 'node:os';
import { join } from 'node:path';
import { lintMany } from '../../src/lint/workers.js';
import { PrdLoader } from '../../src/lint/engine.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex, listRepositoryFiles } from '../../src/lint/repo.js';
import { discoverSpecs } from '../../src/lint/discover.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { internalErrors, runCli, tempRepo, validSpecs } from './helpers.js';

const spec = validSpecs['workspace-invites.md']!;
const posix = platform() !== 'win32';

function withPrd(prd: string): string {
  return spec.replace('**PRD:** prds/workspace-invites.md', `**PRD:** ${prd}`);
}

function withModify(path: string): string {
  return spec.replace('    - Modify: `internal/api/router.go` — register the invite routes', `    - Modify: \`${path}\` — register the invite routes`);
}

async function lintIn(dir: string, rel: string): Promise<Diagnostic[]> {
  const config = mergeConfig({}, dir, null);
  const run = await lintMany({ config, files: [join(dir, rel)], repo: createRepoIndex(dir), jobs: 0 });
  const messages = run.outcomes[0]!.result.messages;
  expect(internalErrors(messages)).toEqual([]);
  return messages;
}

/** A place outside the repository whose content would show if it were read: a FIFO blocks any reader. */
function outsideTrap(): { dir: string; fifo: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'spec-outside-'));
  const fifo = join(dir, 'secret.md');
  execFileSync('mkfifo', [fifo]);
  return { dir, fifo, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describe.skipIf(!posix)('paths that leave the repository are reported, never read', () => {
  it('PRD paths: ../../etc/passwd, an absolute path, a symlink to a file outside', { timeout: 60_000 }, async () => {
    const repo = tempRepo();
    const trap = outsideTrap();
    try {
      symlinkSync(trap.fifo, join(repo.dir, 'prds', 'evil.md'));
      symlinkSync(trap.dir, join(repo.dir, 'prds', 'outside-dir'));
      const cases = ['../../etc/passwd', trap.fifo, '/etc/passwd', 'prds/evil.md', 'prds/outside-dir/secret.md'];
      for (const [i, prd] of cases.entries()) {
        const rel = `tech-specs/hostile-prd-${i}.md`;
        repo.write(rel, withPrd(prd));
        // a read of the FIFO would block this test until its timeout
        const messages = await lintIn(repo.dir, rel);
        const prdMessages = messages.filter((m) => m.ruleId === 'trace/prd-exists');
        expect(prdMessages.map((m) => m.message).join('\n'), prd).toMatch(/escapes the repository|does not exist/);
        expect(prdMessages[0]!.line).toBe(4);
      }
      // the loader itself: outside, no model, without opening the file
      const loader = new PrdLoader(createRepoIndex(repo.dir));
      for (const p of ['../../etc/passwd', '/etc/passwd', 'prds/evil.md', 'prds/outside-dir/secret.md']) {
        const st = loader.load(p);
        expect(st.model, p).toBeNull();
        expect(['outside', 'missing'], p).toContain(st.status);
      }
      expect(loader.load('prds/evil.md').status).toBe('outside');
    } finally {
      trap.remove();
      repo.remove();
    }
  });

  it('Modify: paths: ../../etc/passwd, an absolute path, a path through a symlink to outside', { timeout: 60_000 }, async () => {
    const repo = tempRepo();
    const trap = outsideTrap();
    try {
      symlinkSync(trap.dir, join(repo.dir, 'internal', 'outside'));
      const cases: Array<[string, RegExp]> = [
        ['../../etc/passwd', /escapes the repository/],
        ['/etc/passwd', /absolute/],
        ['internal/outside/secret.md', /does not exist/],
      ];
      for (const [i, [path, expected]] of cases.entries()) {
        const rel = `tech-specs/hostile-modify-${i}.md`;
        repo.write(rel, withModify(path));
        const messages = await lintIn(repo.dir, rel);
        const onLine = messages.filter((m) => m.line === 258 && m.ruleId.startsWith('path/'));
        expect(onLine.map((m) => `${m.ruleId}: ${m.message}`).join('\n'), path).toMatch(expected);
      }
    } finally {
      trap.remove();
      repo.remove();
    }
  });

  it('the CLI on such a repository exits 1 with findings, not 2', { timeout: 120_000 }, () => {
    const repo = tempRepo();
    const trap = outsideTrap();
    try {
      symlinkSync(trap.fifo, join(repo.dir, 'prds', 'evil.md'));
      repo.write('tech-specs/a.md', withPrd('prds/evil.md'));
      repo.write('tech-specs/b.md', withModify('../../etc/passwd'));
      const r = runCli(['lint', '--format', 'json'], repo.dir);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.status).toBe(1);
    } finally {
      trap.remove();
      repo.remove();
    }
  });
});

describe.skipIf(!posix)('directory symlink loops do not hang listing or discovery', () => {
  function loopRepo(git: boolean): { dir: string; remove(): void } {
    const dir = mkdtempSync(join(tmpdir(), `spec-loop-${git ? 'git' : 'plain'}-`));
    mkdirSync(join(dir, 'tech-specs', 'nested', 'deeper'), { recursive: true });
    mkdirSync(join(dir, 'prds'), { recursive: true });
    writeFileSync(join(dir, 'tech-specs', 'a.md'), spec);
    writeFileSync(join(dir, 'tech-specs', 'nested', 'deeper', 'b.md'), spec);
    // loops: to the root, to a parent, to itself, and two links pointing at each other's directories
    symlinkSync(dir, join(dir, 'tech-specs', 'nested', 'deeper', 'root-loop'));
    symlinkSync('..', join(dir, 'tech-specs', 'nested', 'parent-loop'));
    symlinkSync('.', join(dir, 'tech-specs', 'self-loop'));
    mkdirSync(join(dir, 'x'));
    mkdirSync(join(dir, 'y'));
    symlinkSync(join(dir, 'y'), join(dir, 'x', 'to-y'));
    symlinkSync(join(dir, 'x'), join(dir, 'y', 'to-x'));
    if (git) {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      execFileSync('git', ['add', '-A'], { cwd: dir });
    }
    return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }

  for (const git of [false, true]) {
    it(`${git ? 'in a git repository' : 'without git'}`, { timeout: 60_000 }, () => {
      const repo = loopRepo(git);
      try {
        const files = listRepositoryFiles(repo.dir);
        expect(files.filter((f) => f.endsWith('.md')).sort()).toEqual(['tech-specs/a.md', 'tech-specs/nested/deeper/b.md']);
        const config = mergeConfig({}, repo.dir, null);
        const found = discoverSpecs(config, createRepoIndex(repo.dir), [], { cwd: repo.dir });
        expect(found.map((f) => f.slice(repo.dir.length + 1))).toEqual(['tech-specs/a.md', 'tech-specs/nested/deeper/b.md']);
        const r = runCli(['lint', '--format', 'json'], repo.dir);
        expect([0, 1]).toContain(r.status);
        expect(JSON.parse(r.stdout)).toHaveLength(2);
      } finally {
        repo.remove();
      }
    });
  }
});
