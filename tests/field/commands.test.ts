/**
 * The field corpus's done-condition commands, as `spec tasks` / `spec verify` see them (the task graph of
 * src/workflow/graph.ts): every command written in a correct spec's done condition must be recognised as a
 * command and counted as a runnable check — one command model for lint, tasks and verify (issue 12, item 1)
 * — except the state-changing ones, which must never be (item 2).
 *
 * A command is any inline code of a done condition that starts like one (a program the corpus uses, `./…`,
 * `cd dir &&`, `VAR=value`). Those not recognised today are listed in KNOWN_NOT_RUNNABLE and run as
 * `it.fails`; delete an entry when its case passes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lint/config.js';
import { loadSpec } from '../../src/lint/engine.js';
import { buildTaskGraph } from '../../src/workflow/graph.js';

const FIELD = dirname(fileURLToPath(import.meta.url));

/** The correct specs, by skeleton. */
const SPECS: Record<string, string[]> = {
  'go-repo': [
    'tech-specs/api-keys.md',
    'tech-specs/audit-retention.md',
    'tech-specs/outgoing-webhooks.md',
    'tech-specs/project-archiving.md',
    'tech-specs/saved-views.md',
    'tech-specs/task-search-performance.md',
    'tech-specs/completed/audit-event-log.md',
  ],
  'mono-repo': ['docs/specs/idempotent-shipment-booking.md', 'docs/specs/notifications-inbox.md'],
  'py-repo': ['tech-specs/appointment-reminders.md', 'tech-specs/calendar-latency.md'],
};

const COMMAND_START =
  /^(?:[A-Z_][A-Z0-9_]*=\S+\s+)*(?:cd\s+\S+\s*&&\s*)?(?:go|goose|make|npm|npx|pnpm|yarn|docker|docker-compose|curl|pytest|python3?|uv|alembic|ruff|mypy|psql|git|rm)\s|^\.\/\S+/;

/**
 * Commands of the corpus that change state: never runnable checks (issue 12, item 2), also when a check is
 * chained after them (verify must not run them).
 */
// `alembic upgrade head && alembic current` is set-up then a status query (like `goose up && goose status`): a check
const STATE_CHANGING = new Set(['alembic upgrade head']);

/** `spec::task::command` that the task graph does not count as a runnable check today. */
export const KNOWN_NOT_RUNNABLE = new Set<string>([
  // a binary the chain itself builds outside the repository is an unknown program to the command model
  'go-repo/tech-specs/audit-retention.md::T-003::go build -o /tmp/audit-purge ./cmd/audit-purge; /tmp/audit-purge -dry-run -database-url "$DATABASE_URL"',
]);

interface Case {
  key: string;
  spec: string;
  task: string;
  command: string;
  runnable: boolean | null;
  stateChanging: boolean;
}

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const [skeleton, specs] of Object.entries(SPECS)) {
    const root = join(FIELD, skeleton);
    const config = await loadConfig({ cwd: root });
    for (const rel of specs) {
      const abs = join(root, rel);
      const model = loadSpec(abs, rel, readFileSync(abs, 'utf8'));
      const graph = await buildTaskGraph(model, config);
      for (const task of model.tasks) {
        const seen = graph.tasks.find((t) => t.id === task.id)?.doneCondition?.commands ?? [];
        for (const code of task.doneCondition?.code ?? []) {
          const command = code.value.trim();
          if (!COMMAND_START.test(command)) continue;
          const spec = `${skeleton}/${rel}`;
          const hit = seen.find((c) => c.text.trim() === command);
          out.push({ key: `${spec}::${task.id}::${command}`, spec, task: task.id, command, runnable: hit ? hit.runnable : null, stateChanging: STATE_CHANGING.has(command) });
        }
      }
    }
  }
  return out;
}

const all = await cases();

describe('field corpus: done-condition commands in the task graph', () => {
  it('finds the corpus commands, and the expected-failure list names real ones', () => {
    expect(all.length).toBeGreaterThan(50);
    const keys = new Set(all.map((c) => c.key));
    for (const k of KNOWN_NOT_RUNNABLE) expect(keys.has(k), `KNOWN_NOT_RUNNABLE names no corpus command: ${k}`).toBe(true);
  });

  for (const c of all) {
    if (c.stateChanging) {
      it(`${c.key} is not a runnable check (it changes state)`, () => {
        expect(c.runnable).not.toBe(true);
      });
      continue;
    }
    const fails = KNOWN_NOT_RUNNABLE.has(c.key);
    (fails ? it.fails : it)(`${c.key} is a command and a runnable check${fails ? ' (known: not today)' : ''}`, () => {
      expect(c.runnable, c.runnable === null ? 'not seen as a command at all' : 'seen, but not counted as a runnable check').toBe(true);
    });
  }
});
