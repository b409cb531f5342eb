import rule from '../../../src/rules/task/done-condition.js';
import { lineOf, prdSpec, replace, runRuleTests, type InvalidCase, type TestCase } from '../../helpers/rule-tester.js';
import { crlf, standardValid } from './variants.js';

const id = 'task/done-condition';
const T2 = '  - _Done condition:_ `go test ./internal/workspace/... -run TestInviteService` passes with 0 failures.';

/** The PRD example with T-002's done condition replaced. */
const withDone = (value: string): string => replace(prdSpec, T2, `  - _Done condition:_ ${value}`);
/** For the python profile: T-003's `go test` done condition becomes a pytest one too. */
const PY = '> - _Done condition:_ `go test ./internal/api/... -run TestAcceptInvite` passes.';
const python = (spec: string): string => replace(spec, PY, '> - _Done condition:_ `pytest tests/test_accept.py` passes.');
const valid = (name: string, value: string, extra: Partial<TestCase> = {}): TestCase => ({ name, spec: withDone(value), ...extra });
const docker = { config: { docker: { enabled: true } } };
/** An invalid case whose diagnostic stands on the line of `needle` (a block line under the field …). */
const invalidAt = (name: string, value: string, needle: string, message: string | RegExp, extra: Partial<InvalidCase> = {}): InvalidCase => {
  const spec = withDone(value);
  return { name, spec, errors: [{ ruleId: id, line: lineOf(spec, needle, '  - _Done condition:_ '), message }], ...extra };
};
/** T-004 (a frontend task: files under web/, .tsx) with its done condition replaced. */
const T4 = '  - _Done condition:_ `npm run test -- web/src/components/invites/InviteDialog.test.tsx` passes.';
const frontDone = (value: string): string => replace(prdSpec, T4, `  - _Done condition:_ ${value}`);
const frontInvalid = (name: string, value: string, message: string | RegExp, extra: Partial<InvalidCase> = {}): InvalidCase => {
  const spec = frontDone(value);
  return { name, spec, errors: [{ ruleId: id, line: lineOf(spec, `  - _Done condition:_ ${value}`), message }], ...extra };
};
const invalid = (name: string, value: string, message: string | RegExp, extra: Partial<InvalidCase> = {}): InvalidCase => {
  const spec = withDone(value);
  return { name, spec, errors: [{ ruleId: id, line: lineOf(spec, `  - _Done condition:_ ${value.split('\n')[0]}`), message }], ...extra };
};

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    valid('a go test command', '`go test ./internal/workspace/...` passes.'),
    valid('npm run test with a path', '`npm run test -- web/src/components/invites/InviteDialog.test.tsx` passes.'),
    valid('goose status, as the reference asks for migrations', '`goose status` shows the migration applied.'),
    valid('an environment prefix', '`CGO_ENABLED=0 go test ./internal/...` passes.'),
    valid('a status code and method, no command', 'Manual test: POST request with a valid admin token returns 201 with the invite object; a duplicate email returns 409.'),
    valid('"returns 409" in prose', 'Inviting an existing member returns 409 and creates no row.'),
    valid('a file that exists', '`internal/workspace/invites.go` exists and exports `InviteService`.'),
    valid('a bounded number', '`BenchmarkMessageFanout` with 50 members shows ≤ 2 SQL queries (verified via query counter in test harness). p95 latency < 50ms.'),
    valid('lists … as applied', 'The migration tool lists `20261102120000_create_invites.sql` as applied.'),
    valid('a named test passes', '`TestInviteService` passes.'),
    valid('the tests of a named test file pass', 'The tests in `internal/workspace/invites_test.go` pass.'),
    valid('a code-level assertion', '`internal/api/router.go` registers `POST /api/v1/workspaces/{workspace_id}/invites`.'),
    valid('a command the profile does not run, with a result to look for', '`curl -s localhost:8080/healthz` returns `ok`.'),
    valid('the reference example (go test plus a manual status check)', '`go test ./src/api/handlers/... -run TestCreateInvite` passes. Manual test: POST request with valid admin token returns 201 with invite object; POST with duplicate email returns 409; POST without admin role returns 403.'),
    { name: 'pytest under the python profile', spec: python(withDone('`pytest tests/test_invites.py -k test_create` passes.')), config: { profile: 'python' } },
    { name: 'uv run pytest under the python profile', spec: python(withDone('`uv run pytest tests/` passes.')), config: { profile: 'python' } },
    valid('docker-compose exec with Docker on', '`docker-compose exec backend go test ./internal/workspace/...` passes.', { config: { docker: { enabled: true } } }),
    valid('a file test command', '`test -f internal/workspace/invites.go` succeeds.'),
    { name: 'CRLF', spec: crlf(withDone('`go test ./internal/workspace/...` passes.')) },
    // --- the command model: any command that runs a check, whatever the profile (issue 12)
    valid('an && chain', '`go test ./internal/workspace/... && go vet ./...` passes.'),
    valid('a ; chain', '`go vet ./...; go test ./internal/workspace/...` passes.'),
    valid('a | pipe', '`go test ./internal/workspace/... 2>&1 | tee test.log` passes.'),
    valid('cd web && npx vitest run', '`cd web && npx vitest run src/api/keys.test.ts` passes.'),
    valid('npm --prefix web run test -- file', '`npm --prefix web run test -- src/api/keys.test.ts` passes.'),
    valid('pnpm --dir web test', '`pnpm --dir web test` passes.'),
    valid('pnpm --filter web test', '`pnpm --filter web test` passes.'),
    valid('yarn --cwd web test', '`yarn --cwd web test` passes.'),
    valid('yarn workspace web test', '`yarn workspace web test` passes.'),
    valid('npm -C web run test', '`npm -C web run test` passes.'),
    valid('npx --prefix web vitest run', '`npx --prefix web vitest run` passes.'),
    valid('go test ./...', '`go test ./...` passes.'),
    valid('go vet', '`go vet ./...` reports nothing.'),
    valid('golangci-lint run', '`golangci-lint run` passes.'),
    valid('make test VAR=x', '`make test GOFLAGS=-count=1` passes.'),
    valid('a project script', '`./scripts/check-invites.sh` passes.'),
    valid('goose with -dir, driver and dbstring', '`goose -dir db/migrations postgres "$DATABASE_URL" status` shows the migration.'),
    valid('curl with its printed result stated', '`curl -s -o /dev/null -w "%{http_code}" localhost:8080/api/v1/invites` prints `201`.'),
    valid('docker compose exec with Docker on', '`docker compose exec backend go test ./internal/workspace/...` passes.', docker),
    valid('docker compose run with Docker on', '`docker compose run --rm backend go test ./...` passes.', docker),
    valid('docker exec with Docker on', '`docker exec -i app go test ./...` passes.', docker),
    valid('pytest in a Go project (the profile only shapes suggestions)', '`pytest tests/test_invites.py` passes.'),
    valid('a named pytest test in a Go project', '`pytest -k test_create_invite` passes.'),
    valid('alembic current', '`alembic current` passes.'),
    valid('tsc --noEmit', '`npx tsc --noEmit -p web` passes.'),
    valid('eslint', '`eslint web/src` passes.'),
    valid("psql -c 'SELECT …'", "`psql \"$DATABASE_URL\" -c 'SELECT count(*) FROM invites'` passes."),
    valid('VAR=x, env and sudo before the program', '`CI=1 env TZ=UTC sudo -E npm test` passes.'),
    valid('a check named in config', '`just verify-invites` passes.', { config: { commands: { checks: ['just verify-invites'] } } }),
    valid('an unknown program with a result to look for', '`invitectl check --all` prints `0 problems`.'),
    valid('bash -c around a check (a shell, but a check)', "`bash -c 'cd web && npm test'` passes."),
    valid('go test under the python profile', '`go test ./internal/workspace/...` passes.', { config: { profile: 'python' } }),
    valid('a state-changing command next to a check', '`goose status` lists the migration as applied; `goose down` then `goose up` completes.'),
    valid('a shell block under the field', 'these pass:\n\n    ```bash\n    cd web\n    npm test -- src/api/keys.test.ts\n    ```'),
  ],
  invalid: [
    invalid('"it works"', 'It works.', 'says "It works"'),
    invalid('"works as expected"', 'The endpoint works as expected.', 'which no one can verify'),
    invalid('"looks good"', 'The dialog looks good.', 'says "looks good"'),
    invalid('TBD', 'TBD', 'says "TBD"'),
    invalid('"Done"', 'Done.', 'says "Done."'),
    invalid('"verified manually"', 'Invites verified manually in staging.', 'says "verified manually"'),
    invalid('a vague phrase next to a command', '`go test ./internal/workspace/...` passes and everything works as expected.', 'everything works'),
    invalid('no command and no assertion', 'The invite service is implemented and tested.', 'not objectively verifiable'),
    invalid('"tests pass" without a command', 'All tests pass.', 'which no one can verify'),
    invalid('a behaviour with nothing to check it by', 'The dialog closes after a successful submit.', 'not objectively verifiable'),
    invalid('"CI is green"', 'CI is green.', 'not objectively verifiable'),
    invalid('docker-compose exec while Docker is off', '`docker-compose exec backend go test ./internal/workspace/...` passes.', 'Docker is off'),
    invalid('docker compose exec while Docker is off', '`docker compose exec backend go test ./...` passes.', 'Docker is off'),
    // --- commands that change state are not checks (issue 12)
    invalid('goose down', '`goose down` succeeds.', 'goose down, which rolls migrations back'),
    invalid('goose reset with -dir and a database', '`goose -dir db/migrations postgres "$DATABASE_URL" reset` succeeds.', 'goose reset'),
    invalid('goose redo', '`goose redo` succeeds.', 'goose redo'),
    invalid('rm', '`rm -rf web/dist` succeeds.', 'deletes or overwrites data'),
    invalid('git push', '`git push origin main` succeeds.', 'git push'),
    invalid('DROP through psql', "`psql -c 'DROP TABLE invites'` succeeds.", 'DROP'),
    invalid('DELETE through psql', "`psql \"$DATABASE_URL\" -c 'DELETE FROM invites'` succeeds.", 'DELETE'),
    invalid('TRUNCATE through psql', "`psql -c 'TRUNCATE invites'` succeeds.", 'TRUNCATE'),
    invalid('rm through sh -c', "`sh -c 'rm -rf tmp'` succeeds.", 'through sh -c'),
    invalid('a command config names as state-changing', '`./scripts/refresh.sh` succeeds.', 'named as state-changing in spec.config.json', { config: { commands: { stateChanging: ['./scripts/refresh.sh'] } } }),
    invalid('a state-changing make target', '`make db-reset` succeeds.', 'not a check'),
    // --- an unknown program is a warning at most; a printing command needs its result
    invalid('an unknown program, no result stated', '`invitectl check --all` passes.', 'commands.checks', {
      errors: [{ ruleId: id, line: lineOf(withDone('`invitectl check --all` passes.'), '  - _Done condition:_ `invitectl'), severity: 'warning', message: 'a program spec does not know' }],
    }),
    invalid('curl with no result stated', '`curl -s localhost:8080/api/v1/invites` works.', /works|prints a result/),
    invalid('curl, nothing said about its output', '`curl -s localhost:8080/healthz`.', 'does not say what it must show'),
    invalid('setup only', '`go generate ./...` has run.', 'checks nothing by itself'),
    // --- control characters (issue 14)
    invalid('an escape sequence in a command', '`go test ./internal/workspace/... \u001b[2K\rrm -rf ~` passes.', 'U+001B ESC'),
    invalid('a right-to-left override in a command', '`go test ./internal/\u202e.../workspace` passes.', 'U+202E'),
    invalidAt('a state-changing line of a shell block', 'runs:\n\n    ```bash\n    goose reset\n    ```', 'goose reset', 'goose reset'),
    // --- the suggestion fits the task and the repository
    frontInvalid('a frontend task gets a frontend command', 'The dialog looks good.', /`cd web && npm test`/, { files: { 'web/package.json': '{}\n' } }),
    frontInvalid('a frontend task in a pnpm repository', 'The dialog looks good.', /`cd web && pnpm test`/, { files: { 'web/package.json': '{}\n', 'pnpm-lock.yaml': '' } }),
    invalid('a Go task gets go test on its packages', 'It works.', /`go test \.\/internal\/workspace\/\.\.\.`/),
    invalid('no go test suggested without a go.mod', 'It works.', /^(?![\s\S]*go test)/, { files: { 'go.mod': null } }),
    invalid('docker-compose exec in another service', '`docker-compose exec worker go test ./internal/workspace/...` passes.', 'not the configured "backend"', {
      config: { docker: { enabled: true, service: 'backend' } },
    }),
  ],
});
