import { describe, expect, it } from 'vitest';
import { mergeConfig, type RawConfig } from '../../src/lint/config.js';
import { splitArgv } from '../../src/model/extract.js';
import type { Command } from '../../src/model/types.js';
import { isRunnableCheck, profileSummary, unwrapCommand } from '../../src/workflow/profiles.js';

const loc = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const cmd = (text: string): Command => ({ text, tool: splitArgv(text)[0] ?? '', argv: splitArgv(text), loc });
const cfg = (raw: RawConfig) => mergeConfig(raw, '/repo');

describe('unwrapCommand', () => {
  it('takes env prefixes and docker compose wrappers apart', () => {
    expect(unwrapCommand(['CGO_ENABLED=0', 'go', 'test', './...'])).toEqual({ env: { CGO_ENABLED: '0' }, argv: ['go', 'test', './...'], docker: null });
    const u = unwrapCommand(['docker-compose', 'exec', '-T', '--user', 'app', 'backend', 'go', 'test', './...']);
    expect(u.argv).toEqual(['go', 'test', './...']);
    expect(u.docker).toMatchObject({ compose: 'docker-compose', verb: 'exec', service: 'backend' });
    expect(unwrapCommand(['docker', 'compose', '-f', 'dev.yml', 'exec', 'api', 'pytest']).docker).toMatchObject({ compose: 'docker compose', service: 'api' });
    expect(unwrapCommand(['docker', 'compose', 'up']).docker).toBeNull();
  });
});

describe('isRunnableCheck', () => {
  const go = cfg({});
  const py = cfg({ profile: 'python' });
  const goDocker = cfg({ docker: { enabled: true } });
  const goDockerApi = cfg({ docker: { enabled: true, service: 'api' } });

  it.each([
    ['go test ./internal/... -run TestX', true],
    ['go vet ./...', true],
    ['go run ./cmd/server', false],
    ['goose status', true],
    ['goose -dir migrations postgres "$DB" status', true],
    ['goose up', false],
    ['npm run test -- web/src/x.test.tsx', true],
    ['npm test', true],
    ['npm run dev', false],
    ['npx vitest run src', true],
    ['test -f migrations/x.sql', true],
    ['node -e "process.exit(0)"', true],
    ['make test', true],
    ['pytest tests/', false],
    ['curl http://localhost:8080/health', false],
    ['CGO_ENABLED=0 go test ./...', true],
  ])('go profile: %s → %s', (text, expected) => {
    expect(isRunnableCheck(cmd(text), go)).toBe(expected);
  });

  it.each([
    ['pytest tests/test_x.py -k create', true],
    ['python -m pytest', true],
    ['uv run pytest -q', true],
    ['poetry run alembic current', true],
    ['alembic current', true],
    ['alembic upgrade head', false],
    ['go test ./...', false],
    ['npm run test', true],
  ])('python profile: %s → %s', (text, expected) => {
    expect(isRunnableCheck(cmd(text), py)).toBe(expected);
  });

  it('accepts both docker compose spellings and bare commands with Docker on', () => {
    expect(isRunnableCheck(cmd('docker-compose exec backend go test ./...'), goDocker)).toBe(true);
    expect(isRunnableCheck(cmd('docker compose exec -T backend goose status'), goDocker)).toBe(true);
    expect(isRunnableCheck(cmd('go test ./...'), goDocker)).toBe(true);
    expect(isRunnableCheck(cmd('docker-compose exec backend go run .'), goDocker)).toBe(false);
  });

  it('refuses a wrapped command with Docker off, or for another service than the configured one', () => {
    expect(isRunnableCheck(cmd('docker-compose exec backend go test ./...'), go)).toBe(false);
    expect(isRunnableCheck(cmd('docker-compose exec backend go test ./...'), goDockerApi)).toBe(false);
    expect(isRunnableCheck(cmd('docker-compose exec api go test ./...'), goDockerApi)).toBe(true);
  });
});

describe('profileSummary', () => {
  it('names the stack, migration tool and commands; wraps them for Docker', () => {
    const s = profileSummary(cfg({}));
    expect(s).toContain('goose');
    expect(s).toContain('`go test');
    expect(s).not.toContain('docker-compose');
    const d = profileSummary(cfg({ profile: 'python', docker: { enabled: true, service: 'api' } }));
    expect(d).toContain('alembic current');
    expect(d).toContain('`docker-compose exec api pytest');
  });
});
