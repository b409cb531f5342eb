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
const invalid = (name: string, value: string, message: string, extra: Partial<InvalidCase> = {}): InvalidCase => {
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
    invalid('a command the go profile does not run', '`pytest tests/test_invites.py` passes.', 'not a check the go profile runs'),
    invalid('docker-compose exec while Docker is off', '`docker-compose exec backend go test ./internal/workspace/...` passes.', 'Docker is off'),
    invalid('docker-compose exec in another service', '`docker-compose exec worker go test ./internal/workspace/...` passes.', 'not the configured "backend"', {
      config: { docker: { enabled: true, service: 'backend' } },
    }),
    (() => {
      const c = invalid('go test under the python profile', '`go test ./internal/workspace/...` passes.', 'python profile', { config: { profile: 'python' } });
      return { ...c, spec: python(c.spec) };
    })(),
    invalid('a named test does not make a command the profile does not run a check', '`pytest -k test_create_invite` passes.', 'not a check the go profile runs'),
  ],
});
