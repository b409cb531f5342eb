/** The command model's classification table: program, directory, kind, and what needs a shell. */
import { describe, expect, it } from 'vitest';
import { analyzeCommand, escapeControl, looksLikeCommand, verifyDecision, type CommandOptions } from '../../src/command/index.js';

const on: CommandOptions = { docker: { enabled: true }, checks: [], stateChanging: [] };
const off: CommandOptions = { docker: { enabled: false }, checks: [], stateChanging: [] };

/** [command, kind, program, cwd, check] */
const TABLE: Array<[string, string, string, string | null, boolean]> = [
  ['go test ./... && go vet ./...', 'test', 'go', null, true],
  ['go vet ./...', 'lint', 'go', null, true],
  ['go build ./cmd/server', 'build', 'go', null, true],
  ['go -C backend test ./...', 'test', 'go', 'backend', true],
  ['cd web && npx vitest run src/api/keys.test.ts', 'test', 'vitest', 'web', true],
  ['cd apps/web && cd .. && pnpm test', 'test', 'pnpm', 'apps', true],
  ['npm --prefix web run test -- src/api/keys.test.ts', 'test', 'npm', 'web', true],
  ['npm -C web run test', 'test', 'npm', 'web', true],
  ['npm run lint', 'lint', 'npm', null, true],
  ['npm run typecheck', 'typecheck', 'npm', null, true],
  ['npm run build', 'build', 'npm', null, true],
  ['npm run check:api', 'project-script', 'npm', null, true],
  ['npm run deploy', 'state-changing', 'npm', null, false],
  ['npm ci', 'setup', 'npm', null, false],
  ['npm publish', 'state-changing', 'npm', null, false],
  ['pnpm --dir web test', 'test', 'pnpm', 'web', true],
  ['pnpm --filter web test', 'test', 'pnpm', null, true],
  ['pnpm lint', 'lint', 'pnpm', null, true],
  ['pnpm exec vitest run', 'test', 'vitest', null, true],
  ['yarn --cwd web test', 'test', 'yarn', 'web', true],
  ['yarn workspace web test', 'test', 'yarn', null, true],
  ['yarn workspaces foreach -A run test', 'test', 'yarn', null, true],
  ['npx --prefix web vitest run', 'test', 'vitest', 'web', true],
  ['npx tsc --noEmit', 'typecheck', 'tsc', null, true],
  ['tsc --noEmit -p web', 'typecheck', 'tsc', null, true],
  ['eslint web/src', 'lint', 'eslint', null, true],
  ['golangci-lint run ./...', 'lint', 'golangci-lint', null, true],
  ['gofmt -l .', 'lint', 'gofmt', null, true],
  ['make test VAR=x', 'test', 'make', null, true],
  ['make -C backend lint', 'lint', 'make', 'backend', true],
  ['make db-reset', 'state-changing', 'make', null, false],
  ['./scripts/x.sh', 'project-script', './scripts/x.sh', null, true],
  ['bash scripts/check.sh', 'project-script', 'bash', null, true],
  ['./scripts/reset-db.sh', 'state-changing', './scripts/reset-db.sh', null, false],
  ['goose -dir db/migrations postgres "$DATABASE_URL" status', 'status-query', 'goose', null, true],
  ['goose -dir db/migrations -table goose_db_version postgres "user=x dbname=y" version', 'status-query', 'goose', null, true],
  ['goose up', 'setup', 'goose', null, false],
  ['goose down', 'state-changing', 'goose', null, false],
  ['goose down-to 20260101000000', 'state-changing', 'goose', null, false],
  ['goose reset', 'state-changing', 'goose', null, false],
  ['goose redo', 'state-changing', 'goose', null, false],
  ['alembic current', 'status-query', 'alembic', null, true],
  ['alembic downgrade -1', 'state-changing', 'alembic', null, false],
  ['pytest tests/test_x.py -k create', 'test', 'pytest', null, true],
  ['python -m pytest -q', 'test', 'pytest', null, true],
  ['uv run pytest', 'test', 'pytest', null, true],
  ['poetry run mypy app', 'typecheck', 'mypy', null, true],
  ['ruff check .', 'lint', 'ruff', null, true],
  ['curl -s localhost:8080/healthz', 'status-query', 'curl', null, true],
  ["psql -c 'SELECT count(*) FROM invites'", 'status-query', 'psql', null, true],
  ["psql \"$DATABASE_URL\" -c '\\d invites'", 'status-query', 'psql', null, true],
  ["psql -c 'DROP TABLE invites'", 'state-changing', 'psql', null, false],
  ["psql -c 'DELETE FROM invites WHERE true'", 'state-changing', 'psql', null, false],
  ["psql -c 'TRUNCATE invites'", 'state-changing', 'psql', null, false],
  ["psql -c 'WITH x AS (DELETE FROM invites RETURNING 1) SELECT count(*) FROM x'", 'state-changing', 'psql', null, false],
  ['docker compose exec backend go test ./...', 'test', 'go', null, true],
  ['docker compose -f dev.yml exec -T backend goose status', 'status-query', 'goose', null, true],
  ['docker-compose run --rm api pytest', 'test', 'pytest', null, true],
  ['docker exec -it app go test ./...', 'test', 'go', null, true],
  ['docker compose down -v', 'state-changing', 'docker', null, false],
  ['rm -rf web/dist', 'state-changing', 'rm', null, false],
  ['find . -name "*.tmp" -delete', 'state-changing', 'find', null, false],
  ['git push origin main', 'state-changing', 'git', null, false],
  ['git diff --exit-code', 'status-query', 'git', null, true],
  ['kubectl delete pod x', 'state-changing', 'kubectl', null, false],
  ['terraform destroy', 'state-changing', 'terraform', null, false],
  ['FOO=1 env BAR=2 sudo -E npm test', 'test', 'npm', null, true],
  ['timeout 60 go test ./...', 'test', 'go', null, true],
  ['test -f migrations/x.sql', 'status-query', 'test', null, true],
  ['[ -f web/dist/index.html ]', 'status-query', '[', null, true],
  ['grep -q "ok" out.txt', 'status-query', 'grep', null, true],
  ["bash -c 'cd web && npm test'", 'test', 'bash', null, true],
  ["sh -c 'rm -rf /'", 'state-changing', 'sh', null, false],
  ['node -e "process.exit(0)"', 'project-script', 'node', null, true],
  ['node scripts/check.mjs', 'project-script', 'node', null, true],
  ['go generate ./...', 'setup', 'go', null, false],
  ['npm run dev', 'unknown', 'npm', null, false],
  ['mytool check --all', 'unknown', 'mytool', null, false],
];

describe('classification', () => {
  it.each(TABLE)('%s → %s (%s in %s), check %s', async (text, kind, program, cwd, check) => {
    const info = await analyzeCommand(text, on);
    const main = info.steps.find((s) => s.kind === info.kind) ?? info.steps[0]!;
    expect({ kind: info.kind, program: main.program, cwd: main.cwd, check: info.check }).toEqual({ kind, program, cwd, check });
  });

  it('a Docker-wrapped check is no check while Docker is off, and says why', async () => {
    const info = await analyzeCommand('docker compose exec backend go test ./...', off);
    expect(info.check).toBe(false);
    expect(info.blocked).toMatch(/Docker is off/);
    expect(verifyDecision(info)).toMatchObject({ action: 'skip' });
  });

  it('names extra checks and state-changing commands from config', async () => {
    const cfg: CommandOptions = { ...on, checks: ['just test', 'invitectl'], stateChanging: ['./scripts/refresh.sh'] };
    expect((await analyzeCommand('just test -v', cfg)).check).toBe(true);
    expect((await analyzeCommand('just deploy', cfg)).kind).toBe('state-changing');
    expect((await analyzeCommand('invitectl verify', cfg)).check).toBe(true);
    expect((await analyzeCommand('./scripts/refresh.sh', cfg)).kind).toBe('state-changing');
  });

  it('records environment prefixes, wrappers and the workspace', async () => {
    const a = await analyzeCommand('CGO_ENABLED=0 GOFLAGS=-count=1 go test ./...', on);
    expect(a.steps[0]!.env).toEqual({ CGO_ENABLED: '0', GOFLAGS: '-count=1' });
    expect(a.direct).toEqual([{ cd: null, argv: ['go', 'test', './...'], env: { CGO_ENABLED: '0', GOFLAGS: '-count=1' }, cwd: null, afterSuccess: false }]);
    const b = await analyzeCommand('docker compose exec -T backend go test ./...', on);
    expect(b.steps[0]).toMatchObject({ wrappers: ['docker compose exec backend'], docker: { via: 'docker compose exec', service: 'backend' } });
    expect((await analyzeCommand('pnpm --filter @acme/web test', on)).steps[0]!.workspace).toBe('@acme/web');
  });

  it('says what needs a shell, and what runs step by step without one', async () => {
    expect((await analyzeCommand('cd web && npm test', on)).direct).toEqual([
      { cd: 'web', argv: [], env: {}, cwd: null, afterSuccess: false },
      { cd: null, argv: ['npm', 'test'], env: {}, cwd: 'web', afterSuccess: true },
    ]);
    for (const [text, reason] of [
      ['go test ./... | tee x', 'a pipe'],
      ['go test ./... > x', 'a redirect'],
      ['make a || make b', 'a command chain (||)'],
      ['echo $HOME', 'a variable expansion'],
      ['ls *.sql', 'a glob'],
      ['(cd web && npm test)', 'a subshell'],
      ["bash -c 'npm test'", 'code given to an interpreter (bash -c)'],
      ['node -e "1"', 'code given to an interpreter (node'],
    ] as const) {
      const info = await analyzeCommand(text, on);
      expect(info.direct, text).toBeNull();
      expect(info.shell.join(', '), text).toContain(reason);
    }
  });

  it('finds control characters and shows them escaped', async () => {
    const info = await analyzeCommand('go test ./... \u001b[2K\rrm -rf ~', on);
    expect(info.control).toBe('U+001B ESC, U+000D CR');
    expect(info.check).toBe(false);
    expect(verifyDecision(info).action).toBe('refuse');
    expect(escapeControl(info.text)).toBe('go test ./... \\x1b[2K\\x0drm -rf ~');
    expect((await analyzeCommand('go test ./internal/\u202e/x', on)).control).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
  });

  it.each([
    ['invites', false],
    ["status = 'pending'", false],
    ['GET /api/v1/invites', false],
    ['internal/workspace/invites.go', false],
    ['web/src/App.tsx', false],
    ['SELECT count(*) FROM invites', false],
    ['ErrInviteExists', false],
    ['test', false],
    ['goose', false],
    ['go test ./...', true],
    ['cd web && npx vitest run', true],
    ['./scripts/check.sh', true],
    ['bin/check', true],
    ['mytool check --all', true],
    ['cat migrations/x.sql', true],
  ])('inline code %s is a command: %s', async (text, expected) => {
    expect(looksLikeCommand(await analyzeCommand(text, on), 'code')).toBe(expected);
  });
});
