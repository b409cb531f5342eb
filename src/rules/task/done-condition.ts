/**
 * task/done-condition: a done condition a coding agent can check by itself — a command in back-ticks that
 * the project's stack profile runs (`go test ./… -run X`, `npm run test -- path`, `goose status` …) or a
 * concrete assertion (a status code, a file that exists, a migration listed as applied, a number with a
 * bound) — and no vague wording ("it works", "looks good", "as expected", "TBD").
 */
import { defineRule } from '../types.js';
import type { Command, Task } from '../../model/types.js';
import type { EffectiveConfig } from '../../lint/config.js';
import { getProfile, isRunnableCheck, unwrapCommand } from '../../workflow/profiles.js';

/** Wording that no one can check, wherever it appears in the done condition. */
const VAGUE: Array<[RegExp, string]> = [
  [/\b(?:it|everything|all|this|that|feature|page|app|endpoint|code)\s+(?:just\s+)?works?\b/i, 'it works'],
  [/\b(?:works?|working|renders?|displays?|behaves?|functions?|runs?|looks?)\s+(?:correctly|properly|fine|well|right|ok|okay|good|as expected|as intended)\b/i, 'works correctly'],
  [/\bas (?:expected|intended|designed|specified)\b/i, 'as expected'],
  [/\blooks? (?:good|fine|right|correct|ok|okay|nice|great)\b/i, 'looks good'],
  [/\b(?:seems?|appears?) to work\b/i, 'seems to work'],
  [/\bshould (?:work|be fine|be ok)\b/i, 'should work'],
  [/\b(?:verified|checked|tested|confirmed) (?:manually|by hand|visually)\b|\bmanually (?:verified|checked|tested|confirmed)\b|\b(?:verify|check|test|confirm) (?:it )?(?:manually|by hand|visually)\b/i, 'verified manually'],
  [/\b(?:TBD|TODO|FIXME|LGTM)\b|\?\?/, 'TBD'],
  [/\bno (?:issues|problems|bugs)\b/i, 'no issues'],
];

/** A whole done condition that only says the task is finished. */
const BARE = /^(?:it'?s\s+)?(?:done|complete|completed|finished|implemented|works|working|ok|okay|yes|n\/a|none|-|tests? pass(?:es)?|all tests pass)\.?$/i;

const HTTP_METHOD = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;
const STATUS_CODE = /\b[1-5]\d\d\b/;
/** `returns 409`, `responds with 201`, `status 200`, `HTTP 404`. */
const STATUS_PHRASE = /\b(?:returns?|returned|responds?(?:\s+with)?|status(?:\s+code)?|HTTP)\s*:?\s*(?:an?\s+)?(?:HTTP\s+)?`?[1-5]\d\d\b/i;
/** `<, ≤, at most 2, under 90 seconds, exactly 3, 0 failures`. */
const BOUND = /(?:<=?|>=?|≤|≥|==)\s*`?\d|\b(?:at most|at least|under|below|above|over|fewer than|less than|more than|no more than|exactly|within|equals?|is|are|of)\s+`?\d|\b0\s+(?:failures|errors|warnings|rows|queries)\b/i;
/** A migration listed or shown as applied. */
const APPLIED = /\b(?:lists?|listed|shows?|shown|reports?|prints?|marks?)\b[^.;]*\b(?:applied|pending|up to date|current|head)\b/i;
const EXISTS = /\b(?:exists?|is created|is present|is absent|is removed|is deleted|no longer exists|does not exist)\b/i;
const OBSERVE = /\b(?:returns?|prints?|outputs?|contains?|shows?|lists?|reports?|equals?|matches|emits?|logs?|renders?|displays?|responds?|redirects?|rejects?|accepts?|fails? with|raises?|throws?|registers?|exports?|defines?|declares?|includes?)\b/i;
/** Tests in a named test file pass: "the tests in `internal/x/y_test.go` pass". */
const TEST_FILE_PASSES = /[\w./-]*(?:_test\.go|\.(?:test|spec)\.[cm]?[jt]sx?|\/test_\w+\.py|_test\.py)\b[^.;]*?\bpass(?:es|ed)?\b/;
const NAMED_TEST = /\b(?:(?:Test|Benchmark|Example|Fuzz)[A-Z0-9_]\w*|test_\w+)\b[^.;]*\b(?:pass(?:es|ed)?|succeeds?)\b/;
const EXIT = /\bexit(?:s|ed)?\s+(?:with\s+)?(?:code\s+|status\s+)?\d|\bsucceeds?\b|\bexits?\s+(?:cleanly|successfully)\b/i;

export interface DoneConditionVerdict {
  /** The vague phrase found, if any. */
  vague: string | null;
  /** A command the profile accepts as a runnable check. */
  runnable: Command | null;
  /** The first concrete assertion found, if any (for documentation and tests). */
  assertion: string | null;
}

/** Text of the done condition outside inline code. */
function proseOf(done: NonNullable<Task['doneCondition']>): string {
  let text = done.text;
  for (const c of done.code) {
    const i = text.indexOf(c.value);
    if (i >= 0) text = `${text.slice(0, i)} \u0000 ${text.slice(i + c.value.length)}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Verdicts by done condition (template/placeholder asks too): a dozen regular expressions each, judged once. */
const verdicts = new WeakMap<NonNullable<Task['doneCondition']>, { config: EffectiveConfig; verdict: DoneConditionVerdict }>();

export function judgeDoneCondition(done: NonNullable<Task['doneCondition']>, config: EffectiveConfig): DoneConditionVerdict {
  const known = verdicts.get(done);
  if (known && known.config === config) return known.verdict;
  const verdict = judge(done, config);
  verdicts.set(done, { config, verdict });
  return verdict;
}

function judge(done: NonNullable<Task['doneCondition']>, config: EffectiveConfig): DoneConditionVerdict {
  const prose = proseOf(done);
  const bareText = prose.replace(/\u0000/g, '').replace(/[*_]/g, '').trim();
  let vague: string | null = null;
  if (done.code.length === 0 && BARE.test(bareText)) vague = bareText;
  else {
    for (const [re] of VAGUE) {
      const m = re.exec(prose);
      if (m) {
        vague = m[0].trim();
        break;
      }
    }
  }
  const runnable = done.commands.find((c) => isRunnableCheck(c, config)) ?? null;
  const hasCode = done.code.some((c) => !done.commands.some((cmd) => cmd.loc === c.loc));
  const hasCommand = done.commands.length > 0;
  const hasPath = /(?:^|\s)[\w.-]+\/[\w./[\]-]+|\b[\w-]+\.[a-z]{1,5}\b/.test(prose);
  let assertion: string | null = null;
  const full = done.text;
  if (STATUS_PHRASE.test(full) || (HTTP_METHOD.test(full) && STATUS_CODE.test(prose))) assertion = 'status code';
  else if (APPLIED.test(prose)) assertion = 'listed as applied';
  else if (BOUND.test(prose)) assertion = 'bound';
  else if ((hasCode || hasCommand || hasPath) && EXISTS.test(prose)) assertion = 'exists';
  // a named test or test file, when no command says how to run it (a command the profile does not run
  // does not become a check by naming its test)
  else if (!hasCommand && (NAMED_TEST.test(full) || TEST_FILE_PASSES.test(full))) assertion = 'named test passes';
  else if ((hasCode || hasCommand) && OBSERVE.test(prose)) assertion = 'observable output';
  else if (hasCommand && EXIT.test(prose)) assertion = 'exit status';
  return { vague, runnable, assertion };
}

export default defineRule({
  meta: {
    id: 'task/done-condition',
    description: 'A done condition is objectively verifiable (a runnable command in back-ticks or a concrete assertion) and not vague.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const profile = getProfile(ctx.config.profile);
    const example = `\`${profile.checks[0]!.example}\``;
    for (const task of ctx.spec.tasks) {
      const done = task.doneCondition;
      if (!done || done.text.replace(/[\s*_`]/g, '') === '') continue; // task/fields reports it
      const v = judgeDoneCondition(done, ctx.config);
      if (v.vague) {
        ctx.report({
          message: `${task.id}'s done condition says "${v.vague}", which no one can verify; state the check itself: a command in back-ticks (e.g. ${example}) or a concrete result (a status code, a file, a count).`,
          loc: done.valueLoc,
          key: `${task.id}:vague`,
        });
        continue;
      }
      if (v.runnable || v.assertion) continue;
      if (done.commands.length > 0) {
        ctx.report({
          message: `${task.id}'s done condition runs ${done.commands.map((c) => `\`${c.text}\``).join(', ')}, ${whyNotRunnable(done.commands[0]!, ctx.config)}; use a check such as ${example}, or state the concrete result the command must show.`,
          loc: done.commands[0]!.loc,
          key: `${task.id}:not-runnable`,
        });
        continue;
      }
      ctx.report({
        message: `${task.id}'s done condition is not objectively verifiable; name a command in back-ticks (e.g. ${example}) or a concrete assertion (e.g. "POST /api/v1/invites returns 201").`,
        loc: done.valueLoc,
        key: `${task.id}:unverifiable`,
      });
    }
  },
});

function whyNotRunnable(command: Command, config: EffectiveConfig): string {
  const argv = command.argv.length > 0 ? command.argv : command.text.trim().split(/\s+/);
  const u = unwrapCommand(argv);
  if (u.docker && !config.docker.enabled) {
    return 'which runs through Docker Compose while Docker is off for this project (set `docker.enabled` in spec.config.json, or write the bare command)';
  }
  if (u.docker && config.docker.service && u.docker.service !== config.docker.service) {
    return `which runs in the Compose service "${u.docker.service}", not the configured "${config.docker.service}"`;
  }
  return `which is not a check the ${config.profile} profile runs and states no result to look for`;
}
