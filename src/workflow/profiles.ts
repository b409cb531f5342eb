/**
 * Stack profiles: what a project's done conditions may run, which migration tool it uses, and what the
 * generator tells the model about the stack.
 *
 * - `go` (default; the reference's stack): Go + PostgreSQL + goose, React + TypeScript + Vite + shadcn/ui.
 * - `python`: FastAPI + SQLAlchemy + PostgreSQL, pytest, alembic; the same frontend.
 *
 * Whether a done-condition command is a check is not the profile's to say: the command model
 * (src/command/) answers that for every stack alike (a `pytest` in a Go project is still a test run). The
 * profile shapes what the generator asks for and the example a lint message suggests.
 */
import type { EffectiveConfig } from '../lint/config.js';

export type ProfileName = 'go' | 'python';

export interface Profile {
  name: ProfileName;
  /** One line naming the stack. */
  stack: string;
  migrationTool: 'goose' | 'alembic';
  /** The command that shows migrations applied. */
  migrationStatus: string;
  /** The backend test command. */
  testCommand: string;
  /** Default port of the backend API (the workflow templates' non-Docker value). */
  defaultPort: number;
}

export const PROFILES: Record<ProfileName, Profile> = {
  go: {
    name: 'go',
    stack: 'Go backend with PostgreSQL, schema migrations with goose; React + TypeScript + Vite + shadcn/ui frontend',
    migrationTool: 'goose',
    migrationStatus: 'goose status',
    testCommand: 'go test ./...',
    defaultPort: 8080,
  },
  python: {
    name: 'python',
    stack: 'Python FastAPI backend with SQLAlchemy and PostgreSQL, schema migrations with alembic, tests with pytest; React + TypeScript + Vite + shadcn/ui frontend',
    migrationTool: 'alembic',
    migrationStatus: 'alembic current',
    testCommand: 'pytest',
    defaultPort: 8000,
  },
};

export function getProfile(name: string | undefined): Profile {
  return PROFILES[(name ?? 'go') as ProfileName] ?? PROFILES.go;
}

/** The service commands run in when Docker is on (the workflow documents use `backend`). */
export function dockerService(config: Pick<EffectiveConfig, 'docker'>): string {
  return config.docker.service ?? 'backend';
}

/** Wraps a bare command the way the workflow documents write it when Docker is on. */
export function dockerize(command: string, config: Pick<EffectiveConfig, 'docker'>): string {
  return config.docker.enabled ? `docker-compose exec ${dockerService(config)} ${command}` : command;
}

/**
 * What the generator tells the model about the stack: the profile, the migration tool, and the exact
 * commands done conditions should use (wrapped for Docker when it is on).
 */
export function profileSummary(config: Pick<EffectiveConfig, 'profile' | 'docker' | 'paths'>): string {
  const p = getProfile(config.profile);
  const d = (c: string) => `\`${dockerize(c, config)}\``;
  const lines: string[] = [];
  lines.push(`Stack profile: ${p.name} — ${p.stack}.`);
  if (p.migrationTool === 'goose') {
    lines.push(
      `Schema changes are goose migrations in \`${config.paths.migrations}/\` named \`YYYYMMDDHHMMSS_description.sql\`, each with \`-- +goose Up\` and \`-- +goose Down\` sections.`,
    );
  } else {
    lines.push(
      `Schema changes are alembic revisions (\`alembic revision --autogenerate -m "…"\`) applied with \`alembic upgrade head\`; the spec's migration SQL states what each revision does.`,
    );
  }
  lines.push('Every task’s done condition names at least one command a coding agent can run, written in back-ticks:');
  if (p.name === 'go') {
    lines.push(`- backend tests: ${d('go test ./path/to/package/... -run TestName')} (the workflow gate is ${d('go test -v -cover ./...')} with coverage ≥ 80%);`);
    lines.push(`- migrations: ${d('goose status')} shows the migration applied;`);
  } else {
    lines.push(`- backend tests: ${d('pytest tests/test_module.py -k test_name')} (the workflow gate is ${d('pytest --cov')} with coverage ≥ 80%);`);
    lines.push(`- migrations: ${d('alembic current')} shows the revision applied;`);
  }
  lines.push('- frontend tests: `npm run test -- src/path/to/Component.test.tsx` or `npx vitest run src/path`;');
  lines.push('- file assertions: `test -f path/to/file`.');
  if (config.docker.enabled) {
    lines.push(
      `Backend commands run inside the Docker Compose service \`${dockerService(config)}\`: write them as \`docker-compose exec ${dockerService(config)} <command>\`, as the project's workflow document does.`,
    );
  }
  return lines.join('\n');
}
