/**
 * task/done-condition, `spec tasks` and `spec verify` give one answer on the same done condition (issue 12:
 * lint accepted `cd web && npx vitest …` where verify said "names no command", and rejected
 * `npm --prefix web …`, which verify ran). The same markdown goes through the rule, the task graph and the
 * verify plan; each condition says only "passes", so no prose assertion can hide the command's verdict.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/task/done-condition.js';
import { lintCase, prdSpec, replace } from '../helpers/rule-tester.js';
import { mergeConfig, type RawConfig } from '../../src/lint/config.js';
import { extractSpec } from '../../src/model/extract.js';
import { buildTaskGraph } from '../../src/workflow/graph.js';
import { planVerify } from '../../src/workflow/verify.js';

const T2 = '  - _Done condition:_ `go test ./internal/workspace/... -run TestInviteService` passes with 0 failures.';

const CASES: Array<[string, boolean, RawConfig?]> = [
  ['cd web && npx vitest run src/api/keys.test.ts', true],
  ['npm --prefix web run test -- src/api/keys.test.ts', true],
  ['pnpm --dir web test', true],
  ['pnpm --filter web test', true],
  ['yarn --cwd web test', true],
  ['yarn workspace web test', true],
  ['npm -C web run test', true],
  ['npx --prefix web vitest run', true],
  ['go test ./... && go vet ./...', true],
  ['go vet ./...; go test ./...', true],
  ['go test ./... 2>&1 | tee test.log', true],
  ['golangci-lint run', true],
  ['make test GOFLAGS=-count=1', true],
  ['./scripts/check.sh', true],
  ['goose -dir db/migrations postgres "$DATABASE_URL" status', true],
  ['docker compose exec backend go test ./...', true, { docker: { enabled: true } }],
  ['docker compose exec backend go test ./...', false],
  ['docker exec app go test ./...', true, { docker: { enabled: true } }],
  ['pytest tests/test_invites.py', true],
  ['alembic current', true],
  ['tsc --noEmit', true],
  ['eslint web/src', true],
  ["psql -c 'SELECT count(*) FROM invites'", true],
  ["bash -c 'go test ./...'", true],
  ['just verify', true, { commands: { checks: ['just verify'] } }],
  ['goose down', false],
  ['goose reset', false],
  ['rm -rf web/dist', false],
  ['git push origin main', false],
  ["psql -c 'DROP TABLE invites'", false],
  ["sh -c 'rm -rf tmp'", false],
  ['go generate ./...', false],
  ['npm run dev', false],
  ['invitectl check', false],
];

describe('lint, tasks and verify agree on every command', () => {
  it.each(CASES)('%s → check: %s', async (command, isCheck, raw = {}) => {
    const spec = replace(prdSpec, T2, `  - _Done condition:_ \`${command}\` passes.`);
    // lint: the rule reports nothing on the task iff the command is a check (an unknown program is a warning)
    const messages = (await lintCase([rule], { name: command, spec, config: raw })).filter((m) => m.message.startsWith('T-002'));
    const lintAccepts = messages.length === 0;
    // tasks: the command is listed, runnable iff a check
    const config = mergeConfig(raw, '/repo');
    const model = extractSpec(spec, 'tech-specs/x.md');
    const graph = await buildTaskGraph(model, config);
    const cmds = graph.tasks.find((t) => t.id === 'T-002')!.doneCondition!.commands;
    expect(cmds).toHaveLength(1);
    // verify: plans to run it (as argv, or with --allow-shell through sh -c) iff a check
    const plan = await planVerify(model, config, { cwd: '/repo', task: 'T-002', allowShell: true, baseEnv: {} });
    const c = plan.tasks[0]!.commands[0]!;
    const verifyRuns = c.argv.length > 0 || c.steps !== null;
    expect({ lint: lintAccepts, tasks: cmds[0]!.runnable, verify: verifyRuns }, messages.map((m) => m.message).join('\n')).toEqual({ lint: isCheck, tasks: isCheck, verify: isCheck });
    expect(cmds[0]!.verify === 'run' || cmds[0]!.verify === 'shell').toBe(isCheck);
  });
});
