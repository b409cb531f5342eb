/**
 * Stack profiles: what a project's done conditions may run, which migration tool it uses, and what the
 * generator tells the model about the stack.
 *
 * - `go` (default; the reference's stack): Go + PostgreSQL + goose, React + TypeScript + Vite + shadcn/ui.
 * - `python`: FastAPI + SQLAlchemy + PostgreSQL, pytest, alembic; the same frontend.
 *
 * A done-condition command is a *runnable check* when, after `VAR=value` prefixes and (with Docker on) a
 * `docker-compose exec <service>` / `docker compose exec <service>` wrapper are taken off, it is one of the
 * profile's checks (below), a frontend check, or a generic one (`test -f path`, `node script.js`, `make
 * target`, `sh scripts/x.sh`). With Docker off, a wrapped command is not a runnable check (the project has no
 * compose service to run it in); with Docker on, both the wrapped and the bare form count.
 */
import type { Command } from '../model/types.js';
import type { EffectiveConfig } from '../lint/config.js';

export type ProfileName = 'go' | 'python';

/** One kind of check: a program and, optionally, the sub-command words that must follow it. */
export interface CheckPattern {
  /** Program name (argv[0], after unwrapping). */
  tool: string;
  /**
   * Sub-command that must appear: the first non-flag argument must be one of these (`go test`), or with
   * `anywhere`, any argument (goose takes its driver and database before the sub-command).
   */
  sub?: string[];
  anywhere?: boolean;
  /** For `python -m <module>`: the modules that count. */
  module?: string[];
  /** How the generator and docs describe it. */
  example: string;
}

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
  /** Backend-specific checks. */
  checks: CheckPattern[];
}

/** Frontend checks, shared by both profiles (React + TypeScript + Vite). */
export const FRONTEND_CHECKS: CheckPattern[] = [
  { tool: 'npm', sub: ['test', 't', 'run', 'run-script'], example: 'npm run test -- src/components/InviteDialog.test.tsx' },
  { tool: 'pnpm', sub: ['test', 't', 'run', 'vitest', 'exec'], example: 'pnpm test' },
  { tool: 'yarn', sub: ['test', 'run', 'vitest', 'playwright', 'tsc'], example: 'yarn test' },
  { tool: 'npx', sub: ['vitest', 'playwright', 'tsc', 'jest', 'eslint', 'cypress'], example: 'npx vitest run src/hooks/useInvites.test.ts' },
  { tool: 'vitest', example: 'vitest run' },
  { tool: 'playwright', sub: ['test'], example: 'playwright test' },
];

/** Checks any project can run: file assertions, scripts. */
export const GENERIC_CHECKS: CheckPattern[] = [
  { tool: 'test', example: 'test -f migrations/20260216120000_create_invites.sql' },
  { tool: '[', example: '[ -f path ]' },
  { tool: 'node', example: 'node scripts/check.js' },
  { tool: 'make', example: 'make test' },
  { tool: 'sh', example: 'sh scripts/check.sh' },
  { tool: 'bash', example: 'bash scripts/check.sh' },
];

export const PROFILES: Record<ProfileName, Profile> = {
  go: {
    name: 'go',
    stack: 'Go backend with PostgreSQL, schema migrations with goose; React + TypeScript + Vite + shadcn/ui frontend',
    migrationTool: 'goose',
    migrationStatus: 'goose status',
    testCommand: 'go test ./...',
    defaultPort: 8080,
    checks: [
      { tool: 'go', sub: ['test', 'vet', 'build'], example: 'go test ./internal/invites/... -run TestCreateInvite' },
      { tool: 'goose', sub: ['status', 'validate', 'version'], anywhere: true, example: 'goose status' },
      { tool: 'golangci-lint', sub: ['run'], example: 'golangci-lint run' },
      { tool: 'gofmt', sub: ['-l', '-d'], anywhere: true, example: 'gofmt -l .' },
    ],
  },
  python: {
    name: 'python',
    stack: 'Python FastAPI backend with SQLAlchemy and PostgreSQL, schema migrations with alembic, tests with pytest; React + TypeScript + Vite + shadcn/ui frontend',
    migrationTool: 'alembic',
    migrationStatus: 'alembic current',
    testCommand: 'pytest',
    defaultPort: 8000,
    checks: [
      { tool: 'pytest', example: 'pytest tests/test_invites.py -k test_create_invite' },
      { tool: 'python', module: ['pytest', 'mypy', 'alembic', 'ruff'], example: 'python -m pytest tests/' },
      { tool: 'python3', module: ['pytest', 'mypy', 'alembic', 'ruff'], example: 'python3 -m pytest tests/' },
      { tool: 'alembic', sub: ['current', 'check', 'heads', 'history'], example: 'alembic current' },
      { tool: 'mypy', example: 'mypy app/' },
      { tool: 'ruff', sub: ['check'], example: 'ruff check app/' },
    ],
  },
};

export function getProfile(name: string | undefined): Profile {
  return PROFILES[(name ?? 'go') as ProfileName] ?? PROFILES.go;
}

/** A command with its environment prefixes and Docker wrapper taken apart. */
export interface UnwrappedCommand {
  /** `VAR=value` prefixes, in order. */
  env: Record<string, string>;
  /** The program and its arguments, inside any Docker wrapper. */
  argv: string[];
  /** Set when the command runs through `docker-compose exec` / `docker compose exec` (or `run`). */
  docker: { compose: 'docker-compose' | 'docker compose'; verb: 'exec' | 'run'; service: string; prefix: string[] } | null;
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Compose `exec`/`run` options that take a value (the value is the next word unless written `--opt=value`). */
const COMPOSE_VALUE_OPTIONS = new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '--index', '--name', '--entrypoint', '-l', '--label', '-p', '--publish', '-v', '--volume', '--project-name', '-f', '--file', '--env-file', '--profile', '--project-directory']);

/** Splits `VAR=value` prefixes and a Docker Compose wrapper off an argv. */
export function unwrapCommand(argv: readonly string[]): UnwrappedCommand {
  let i = 0;
  const env: Record<string, string> = {};
  while (i < argv.length && ENV_ASSIGNMENT.test(argv[i]) && i < argv.length - 1) {
    const eq = argv[i].indexOf('=');
    env[argv[i].slice(0, eq)] = argv[i].slice(eq + 1);
    i++;
  }
  const rest = argv.slice(i);
  let compose: 'docker-compose' | 'docker compose' | null = null;
  let j = 0;
  if (rest[0] === 'docker-compose') {
    compose = 'docker-compose';
    j = 1;
  } else if (rest[0] === 'docker' && rest[1] === 'compose') {
    compose = 'docker compose';
    j = 2;
  }
  if (compose) {
    // global compose options (`-f file`, `-p name`) before the verb
    while (j < rest.length && rest[j].startsWith('-')) {
      j += COMPOSE_VALUE_OPTIONS.has(rest[j]) ? 2 : 1;
    }
    const verb = rest[j];
    if (verb === 'exec' || verb === 'run') {
      j++;
      while (j < rest.length && rest[j].startsWith('-')) {
        j += COMPOSE_VALUE_OPTIONS.has(rest[j]) ? 2 : 1;
      }
      const service = rest[j];
      if (service !== undefined && j + 1 < rest.length) {
        return { env, argv: rest.slice(j + 1), docker: { compose, verb, service, prefix: rest.slice(0, j + 1) } };
      }
    }
  }
  return { env, argv: rest, docker: null };
}

function firstOperand(args: readonly string[]): string | undefined {
  return args.find((a) => !a.startsWith('-'));
}

/** Package-script names that are checks (`npm run test`, `npm run lint`, `npm run test:unit` …). */
const CHECK_SCRIPT = /^(test|tests|lint|typecheck|type-check|check|build|e2e|vitest|playwright)([:-].*)?$/;

function basename(program: string): string {
  return program.split('/').pop() ?? program;
}

function matches(pattern: CheckPattern, argv: readonly string[]): boolean {
  if (argv.length === 0 || basename(argv[0]) !== pattern.tool) return false;
  const args = argv.slice(1);
  if (pattern.module) return args[0] === '-m' && args[1] !== undefined && pattern.module.includes(args[1]);
  if (!pattern.sub) return true;
  if (pattern.anywhere) return args.some((a) => pattern.sub!.includes(a));
  const op = firstOperand(args);
  if (op === undefined || !pattern.sub.includes(op)) return false;
  if (op === 'run' || op === 'run-script') {
    const script = firstOperand(args.slice(args.indexOf(op) + 1));
    return script !== undefined && CHECK_SCRIPT.test(script);
  }
  return true;
}

/** Runners that prefix a Python command (`uv run pytest`, `poetry run pytest`). */
const PY_RUNNERS = new Set(['uv', 'poetry', 'pipenv', 'hatch', 'pdm']);

function stripRunner(argv: readonly string[]): readonly string[] {
  if (argv.length > 2 && PY_RUNNERS.has(basename(argv[0])) && argv[1] === 'run') return argv.slice(2);
  return argv;
}

/** The checks a profile accepts, backend first. */
export function profileChecks(profile: ProfileName): CheckPattern[] {
  return [...getProfile(profile).checks, ...FRONTEND_CHECKS, ...GENERIC_CHECKS];
}

/**
 * Whether a done-condition command counts as a runnable check under the project's profile and Docker
 * setting. With Docker on, `docker-compose exec <service> …` and `docker compose exec <service> …` wrappers
 * are accepted around any check (and, when `docker.service` is configured, only for that service); bare
 * commands are accepted too. With Docker off, a wrapped command is not a runnable check.
 */
export function isRunnableCheck(command: Command, config: EffectiveConfig): boolean {
  const argv = command.argv.length > 0 ? command.argv : command.text.trim().split(/\s+/).filter(Boolean);
  const u = unwrapCommand(argv);
  if (u.docker) {
    if (!config.docker.enabled) return false;
    if (config.docker.service && u.docker.service !== config.docker.service) return false;
  }
  const inner = stripRunner(u.argv);
  return profileChecks(config.profile).some((p) => matches(p, inner));
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
