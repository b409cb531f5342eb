/** `spec lint --staged` / `--changed-since` as a process, in real git repositories (needs the built CLI). */
import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { allRules } from '../../src/rules/index.js';
import { sarifValidator } from '../report/helpers.js';
import { git, gitEnv, useFixtureGitRepo } from './git-helpers.js';

const INVITES = 'tech-specs/workspace-invites.md';
const LOOKUP = 'tech-specs/member-lookup-index.md';
const PRD = 'prds/workspace-invites.md';
const GOOD_DEP = '  - _Dependencies:_ T-002, T-003';
const BAD_DEP = '  - _Dependencies:_ T-002, T-009';

const repo = useFixtureGitRepo();
const { p, read } = repo;
const write = (rel: string, text: string) => writeFileSync(p(rel), text);
const lint = (args: string[], env: Record<string, string | undefined> = {}) => runCli(['lint', ...args], { cwd: repo.dir, env: { ...gitEnv(), GITHUB_ACTIONS: undefined, GITHUB_WORKSPACE: undefined, ...env } });
const badLine = () => read(INVITES).split('\n').indexOf(GOOD_DEP) + 1;

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; severity: number }>;
}
const linted = (stdout: string) => (JSON.parse(stdout) as JsonResult[]).map((r) => r.filePath.slice(repo.dir.length + 1));

describe('spec lint --staged', () => {
  it('judges the staged content: a broken spec staged and fixed only in the working tree is rejected', () => {
    const good = read(INVITES);
    const line = badLine();
    write(INVITES, good.replace(GOOD_DEP, BAD_DEP));
    git(repo.dir, 'add', INVITES);
    write(INVITES, good);
    const r = lint(['--staged', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const [file] = JSON.parse(r.stdout) as JsonResult[];
    expect(file!.messages.some((m) => m.ruleId === 'task/dependencies' && m.line === line)).toBe(true);
    // and the working tree alone is clean
    expect(lint([INVITES]).status).toBe(0);
  });

  it('judges the staged content: a good spec staged and broken only in the working tree passes', () => {
    const good = read(INVITES);
    write(INVITES, good + '\n');
    git(repo.dir, 'add', INVITES);
    write(INVITES, good.replace(GOOD_DEP, BAD_DEP));
    const r = lint(['--staged', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(linted(r.stdout)).toEqual([INVITES]);
  });

  it('lints nothing and succeeds when only other files are staged, or names passed are not specs', () => {
    write('README.md', '# app\n');
    git(repo.dir, 'add', 'README.md');
    const r = lint(['--staged', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const named = lint(['--staged', '--format', 'json', 'README.md', 'go.mod', 'web/src/App.tsx']);
    expect(named.stderr).toBe('');
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual([]);
  });

  it('lints a staged rename under the new name', () => {
    git(repo.dir, 'mv', INVITES, 'tech-specs/invites.md');
    const r = lint(['--staged', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(linted(r.stdout)).toEqual(['tech-specs/invites.md']);
  });

  it('from a subdirectory, and with diff.relative set, still finds what is staged (paths from the top level)', () => {
    const good = read(INVITES);
    write(INVITES, good.replace(GOOD_DEP, BAD_DEP));
    git(repo.dir, 'add', INVITES);
    write(PRD, `${read(PRD)}\n`);
    git(repo.dir, 'add', PRD);
    git(repo.dir, 'config', 'diff.relative', 'true');
    for (const cwd of [join(repo.dir, 'tech-specs'), join(repo.dir, 'prds'), repo.dir]) {
      const r = runCli(['lint', '--staged', '--format', 'json'], { cwd, env: { ...gitEnv(), GITHUB_ACTIONS: undefined } });
      expect(r.stderr, cwd).toBe('');
      expect(r.status, cwd).toBe(1);
      expect(linted(r.stdout), cwd).toEqual([INVITES]);
    }
  });

  it('says what to do outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-nogit-'));
    try {
      writeFileSync(join(dir, 'spec.config.json'), '{}');
      const r = runCli(['lint', '--staged'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^spec: --staged needs a git repository/);
      expect(r.stderr).not.toMatch(/at .*\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('spec lint --changed-since', () => {
  beforeEach(() => git(repo.dir, 'checkout', '-q', '-b', 'feature'));

  it('lints only what changed since the ref, and the GitHub command lines give annotations and valid SARIF for the defect', () => {
    const line = badLine();
    write(INVITES, read(INVITES).replace(GOOD_DEP, BAD_DEP));
    git(repo.dir, 'commit', '-q', '-am', 'break a dependency');
    const json = lint(['--changed-since', 'main', '--format', 'json']);
    expect(json.status).toBe(1);
    expect(linted(json.stdout)).toEqual([INVITES]);

    // what action.yml runs: SARIF to a file, then the github format (default under GITHUB_ACTIONS)
    const summary = p('summary.md');
    const sarif = lint(['--changed-since', 'main', '--format', 'sarif', '--output-file', 'out/spec.sarif']);
    expect(sarif.status).toBe(1);
    const log = JSON.parse(read('out/spec.sarif')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const hit = log.runs[0]!.results.find((r) => r.ruleId === 'task/dependencies')!;
    expect(hit.locations[0]!.physicalLocation.artifactLocation.uri).toBe(INVITES);
    expect(hit.locations[0]!.physicalLocation.region.startLine).toBe(line);

    const gh = lint(['--changed-since', 'main'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: repo.dir });
    expect(gh.status).toBe(1);
    expect(gh.stdout).toMatch(new RegExp(`^::error file=${INVITES},line=${line},col=\\d+,endLine=${line},endColumn=\\d+,title=task/dependencies::T-004 depends on T-009`, 'm'));
    expect(gh.stdout).toMatch(/^spec lint: 1 problem \(1 error, 0 warnings\) in 1 of 1 file\.$/m);
    const md = read('summary.md');
    expect(md).toContain('## spec lint');
    expect(md).toContain('`task/dependencies`');
    expect(md).toContain('```mermaid');
  });

  it('re-lints a spec whose PRD changed, though the spec itself did not', () => {
    write(PRD, read(PRD) + '\n### US-004: Export the invite list\n\n**Acceptance criteria:**\n- An admin can download the invites as CSV.\n');
    git(repo.dir, 'commit', '-q', '-am', 'prd: new story');
    const r = lint(['--changed-since', 'main', '--format', 'json']);
    expect(linted(r.stdout)).toEqual([INVITES]);
    expect(linted(r.stdout)).not.toContain(LOOKUP);
  });

  it.runIf(allRules.some((rule) => rule.meta.id.startsWith('trace/')))('fails a spec that a PRD edit broke, though the spec was not touched', () => {
    write(PRD, read(PRD) + '\n### US-004: Export the invite list\n\n**Acceptance criteria:**\n- An admin can download the invites as CSV.\n');
    git(repo.dir, 'commit', '-q', '-am', 'prd: new story');
    const r = lint(['--changed-since', 'main', '--format', 'json']);
    expect(r.status).toBe(1);
    const [file] = JSON.parse(r.stdout) as JsonResult[];
    expect(file!.messages.some((m) => m.ruleId.startsWith('trace/') && m.severity === 2)).toBe(true);
  });

  it('fails with a usage error naming an unknown ref', () => {
    const r = lint(['--changed-since', 'origin/does-not-exist']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown git ref "origin/does-not-exist"');
    expect(r.stderr).toContain('fetch-depth: 0');
  });
});
