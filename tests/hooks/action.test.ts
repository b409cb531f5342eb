/**
 * action.yml: its steps' shell scripts run here the way a GitHub runner runs them (bash -eo pipefail, inputs
 * through env), against a real repository with a broken spec: annotations, the job summary and a SARIF file
 * valid against the SARIF 2.1.0 schema, for the same defect (needs the built CLI).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specBin } from '../helpers/cli.js';
import { sarifValidator } from '../report/helpers.js';
import { fixtureGitRepo, gitEnv, projectRoot, type TempRepo } from '../changed/git-helpers.js';

const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Step {
  name: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = load(readFileSync(join(projectRoot, 'action.yml'), 'utf8')) as Action;

const INVITES = 'tech-specs/workspace-invites.md';
const GOOD_DEP = '  - _Dependencies:_ T-002, T-003';
const BAD_DEP = '  - _Dependencies:_ T-002, T-009';

let repo: TempRepo;
let scratch: string;
beforeEach(() => {
  repo = fixtureGitRepo();
  scratch = mkdtempSync(join(tmpdir(), 'spec-action-'));
  // the project installed spec with `npm ci`
  mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(specBin, join(repo.dir, 'node_modules', '.bin', 'spec'));
});
afterEach(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

function breakSpec(): number {
  const p = join(repo.dir, INVITES);
  const text = readFileSync(p, 'utf8');
  writeFileSync(p, text.replace(GOOD_DEP, BAD_DEP));
  return text.split('\n').indexOf(GOOD_DEP) + 1;
}

function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Runs the action's shell steps with these inputs, as the runner would. */
function runAction(given: Record<string, string>): { status: number; stdout: string; stderr: string; outputs: Record<string, Record<string, string>>; summary: string } {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = v.default ?? '';
  Object.assign(inputs, given);
  const outputs: Record<string, Record<string, string>> = {};
  const summaryFile = join(scratch, 'step-summary.md');
  const evaluate = (s: string) =>
    s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      let m = /^inputs\.([\w-]+)$/.exec(expr);
      if (m) return inputs[m[1]!] ?? '';
      m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (m) return outputs[m[1]!]?.[m[2]!] ?? '';
      if (expr === 'github.action_path') return projectRoot;
      throw new Error(`the test does not know the expression ${expr}`);
    });
  let last = { status: 0, stdout: '', stderr: '' };
  for (const step of action.runs.steps) {
    if (!step.run) continue; // `uses:` steps (actions/setup-node) are the runner's business
    const outFile = join(scratch, `${step.id ?? 'step'}.out`);
    writeFileSync(outFile, '');
    const env: Record<string, string | undefined> = {
      ...gitEnv(),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_OUTPUT: outFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      NO_COLOR: '1',
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = evaluate(v);
    const script = join(scratch, `${step.id ?? 'step'}.sh`);
    writeFileSync(script, evaluate(step.run));
    expect(step.shell).toBe('bash');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: join(repo.dir, evaluate(step['working-directory'] ?? '.')),
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 120_000,
    });
    last = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    if (step.id) outputs[step.id] = readOutputs(outFile);
    if (last.status !== 0) break;
  }
  return { ...last, outputs, summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '' };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    for (const name of ['paths', 'config', 'exec', 'sarif', 'fail-on']) expect(action.inputs[name]?.description).toBeTruthy();
    expect(action.inputs['fail-on']!.default).toBe('error');
    expect(action.outputs.sarif!.value).toContain('steps.lint.outputs.sarif');
  });

  it('annotates the defect, writes the job summary and a valid SARIF report for the same defect, and fails the step', () => {
    const line = breakSpec();
    const r = runAction({ sarif: 'reports/spec.sarif' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.outputs.install!.bin).toBe(join(repo.dir, 'node_modules/.bin/spec'));
    expect(r.outputs.lint!.sarif).toBe('reports/spec.sarif');

    const annotation = r.stdout.split('\n').find((l) => l.startsWith('::error '));
    expect(annotation).toMatch(new RegExp(`^::error file=${INVITES},line=${line},col=\\d+,endLine=${line},endColumn=\\d+,title=task/dependencies::T-004 depends on T-009`));
    expect(r.stdout).toContain(`${INVITES}:${line}:`);
    expect(r.stdout).toMatch(/spec lint: 1 problem \(1 error, 0 warnings\) in 1 of 2 files\./);

    const log = JSON.parse(readFileSync(join(repo.dir, 'reports/spec.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results).toHaveLength(1);
    const [res] = log.runs[0]!.results;
    expect(res!.ruleId).toBe('task/dependencies');
    expect(res!.level).toBe('error');
    expect(res!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(INVITES);
    expect(res!.locations[0]!.physicalLocation.region.startLine).toBe(line);

    expect(r.summary).toContain('## spec lint');
    expect(r.summary).toContain('`task/dependencies`');
  });

  it('passes on clean specs, and lints only the paths given', () => {
    const clean = runAction({});
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('spec lint: no problems in 2 files.');
    expect(existsSync(join(repo.dir, 'spec-lint.sarif'))).toBe(true);

    breakSpec();
    const other = runAction({ paths: 'tech-specs/member-lookup-index.md\n', sarif: '' });
    expect(other.status, other.stderr).toBe(0);
    expect(other.stdout).toContain('no problems in 1 file');
    expect(other.outputs.lint!.sarif).toBe('');
  });

  it("fail-on: 'warning' also fails on warnings; anything else is refused", () => {
    breakSpec();
    writeFileSync(join(repo.dir, 'spec.config.json'), JSON.stringify({ paths: { migrations: 'migrations' }, rules: { 'task/dependencies': 'warn' } }));
    const lenient = runAction({});
    expect(lenient.status, lenient.stdout).toBe(0);
    expect(lenient.stdout).toMatch(/^::warning file=/m);
    const strict = runAction({ 'fail-on': 'warning' });
    expect(strict.status).toBe(1);
    const bad = runAction({ 'fail-on': 'sometimes' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain("::error title=spec lint::fail-on must be 'error' or 'warning'");
  });
});
