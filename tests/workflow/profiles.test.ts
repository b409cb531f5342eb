import { describe, expect, it } from 'vitest';
import { mergeConfig, type RawConfig } from '../../src/lint/config.js';
import { analyzeCommand, commandOptions } from '../../src/command/index.js';
import { profileSummary } from '../../src/workflow/profiles.js';

const cfg = (raw: RawConfig) => mergeConfig(raw, '/repo');

describe('the profile does not decide what a check is (the command model does)', () => {
  const go = cfg({});
  const py = cfg({ profile: 'python' });
  const goDocker = cfg({ docker: { enabled: true } });
  const goDockerApi = cfg({ docker: { enabled: true, service: 'api' } });
  const check = async (text: string, config = go) => (await analyzeCommand(text, commandOptions(config))).check;

  it.each([
    ['go test ./internal/... -run TestX', true],
    ['go vet ./...', true],
    ['go run ./cmd/check', true],
    ['goose status', true],
    ['goose -dir migrations postgres "$DB" status', true],
    ['goose up', false],
    ['npm run test -- web/src/x.test.tsx', true],
    ['npm test', true],
    ['npm run dev', false],
    ['npx vitest run src', true],
    ['test -f migrations/x.sql', true],
    ['make test', true],
    ['pytest tests/', true],
    ['alembic upgrade head', false],
    ['CGO_ENABLED=0 go test ./...', true],
  ])('%s → %s, under either profile', async (text, expected) => {
    expect(await check(text, go)).toBe(expected);
    expect(await check(text, py)).toBe(expected);
  });

  it('accepts both docker compose spellings with Docker on, and a bare command either way', async () => {
    expect(await check('docker-compose exec backend go test ./...', goDocker)).toBe(true);
    expect(await check('docker compose exec -T backend goose status', goDocker)).toBe(true);
    expect(await check('go test ./...', goDocker)).toBe(true);
    expect(await check('docker-compose exec backend go generate ./...', goDocker)).toBe(false);
  });

  it('refuses a wrapped command with Docker off, or for another service than the configured one', async () => {
    expect(await check('docker-compose exec backend go test ./...', go)).toBe(false);
    expect(await check('docker-compose exec backend go test ./...', goDockerApi)).toBe(false);
    expect(await check('docker-compose exec api go test ./...', goDockerApi)).toBe(true);
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
