/**
 * task/done-condition: a done condition a coding agent can check by itself — a command in back-ticks (or in
 * a shell block under the field) that runs a check, or a concrete assertion (a status code, a file that
 * exists, a migration listed as applied, a number with a bound) — and no vague wording ("it works", "looks
 * good", "as expected", "TBD").
 *
 * Commands are read by the command model (src/command/): any command that runs tests, a build, a linter,
 * a type check, a status query or a project script is a check, whatever the stack profile; the profile and
 * the repository only shape the suggestion in the message. A command that changes state (`goose down`,
 * `rm`, `git push`, `DROP …` through `psql`) is not a check; a program the model does not know is a
 * warning at most (`commands.checks` in spec.config.json names more); control characters in a command are
 * an error (they make a terminal show something other than what runs).
 */
import { defineRule } from '../types.js';
import type { SpecModel, Task } from '../../model/types.js';
import type { EffectiveConfig } from '../../lint/config.js';
import type { RepoIndex } from '../../lint/repo.js';
import { commandOptions, doneConditionCommands, prepareDoneConditions, suggestCheck, escapeControl, type DoneCommand } from '../../command/index.js';

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
  /** The first command that is a check (and, for one that only prints, with its result stated). */
  runnable: DoneCommand | null;
  /** The first concrete assertion found, if any (for documentation and tests). */
  assertion: string | null;
  /** Every command of the done condition, as the command model reads it. */
  commands: DoneCommand[];
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

/** Verdicts by done condition (template/placeholder asks too), judged once per config. */
const verdicts = new WeakMap<NonNullable<Task['doneCondition']>, { config: EffectiveConfig; verdict: DoneConditionVerdict }>();

/** The verdict on a task's done condition (its commands parsed by the command model). */
export async function judgeDoneCondition(spec: Pick<SpecModel, 'codeBlocks' | 'tasks'>, task: Task, config: EffectiveConfig): Promise<DoneConditionVerdict | null> {
  const done = task.doneCondition;
  if (!done) return null;
  const known = verdicts.get(done);
  if (known && known.config === config) return known.verdict;
  const commands = await doneConditionCommands(spec, task, commandOptions(config));
  const verdict = judge(done, commands);
  verdicts.set(done, { config, verdict });
  return verdict;
}

/** Whether the prose states what a printing command (curl, ls …) must show. */
const STATED_RESULT = /\b(?:returns?|prints?|outputs?|contains?|shows?|lists?|reports?|equals?|matches|responds?|includes?|gives?|yields?|emits?|answers?|with (?:status|body|code))\b|\b[1-5]\d\d\b|[`"'][^`"']+[`"']\s*$/i;

function judge(done: NonNullable<Task['doneCondition']>, commands: DoneCommand[]): DoneConditionVerdict {
  const prose = proseOf(done);
  const bareText = prose.replace(/\u0000/g, '').replace(/[*_]/g, '').trim();
  let vague: string | null = null;
  if (done.code.length === 0 && commands.length === 0 && BARE.test(bareText)) vague = bareText;
  else {
    for (const [re] of VAGUE) {
      const m = re.exec(prose);
      if (m) {
        vague = m[0].trim();
        break;
      }
    }
  }
  const stated = STATED_RESULT.test(prose);
  const runnable = commands.find((c) => c.check && (!c.needsResult || stated)) ?? null;
  // a command that changes state checks nothing: it neither counts as a command nor makes an exit status an assertion
  const usable = commands.filter((c) => c.kind !== 'state-changing' && !c.control);
  const commandLocs = new Set(commands.map((c) => `${c.loc.line}:${c.loc.column}`));
  const hasCode = done.code.some((c) => !commandLocs.has(`${c.loc.line}:${c.loc.column}`));
  const hasCommand = usable.length > 0;
  const hasPath = /(?:^|\s)[\w.-]+\/[\w./[\]-]+|\b[\w-]+\.[a-z]{1,5}\b/.test(prose);
  let assertion: string | null = null;
  const full = done.text;
  if (STATUS_PHRASE.test(full) || (HTTP_METHOD.test(full) && STATUS_CODE.test(prose))) assertion = 'status code';
  else if (APPLIED.test(prose)) assertion = 'listed as applied';
  else if (BOUND.test(prose)) assertion = 'bound';
  else if ((hasCode || hasCommand || hasPath) && EXISTS.test(prose)) assertion = 'exists';
  // a named test or test file, when no command says how to run it
  else if (commands.length === 0 && (NAMED_TEST.test(full) || TEST_FILE_PASSES.test(full))) assertion = 'named test passes';
  else if ((hasCode || hasCommand) && OBSERVE.test(prose)) assertion = 'observable output';
  else if (hasCommand && usable.some((c) => c.kind !== 'unknown' || c.check) && EXIT.test(prose)) assertion = 'exit status';
  return { vague, runnable, assertion, commands };
}

/** The example a message offers: a check that fits the task and the repository, or a concrete result. */
function example(task: Task, repo: RepoIndex | null, config: EffectiveConfig): string {
  const s = suggestCheck(task, repo, { profile: config.profile, docker: config.docker, migrations: config.paths.migrations });
  return s ? `a command in back-ticks (e.g. \`${s}\`)` : 'a command in back-ticks that runs the tests';
}

const show = (c: DoneCommand) => `\`${escapeControl(c.text)}\``;

export default defineRule({
  meta: {
    id: 'task/done-condition',
    description: 'A done condition is objectively verifiable (a command in back-ticks that runs a check, or a concrete assertion) and not vague.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    await prepareDoneConditions(ctx.spec);
    for (const task of ctx.spec.tasks) {
      const done = task.doneCondition;
      if (!done || done.text.replace(/[\s*_`]/g, '') === '') continue; // task/fields reports it
      const v = (await judgeDoneCondition(ctx.spec, task, ctx.config))!;
      v.commands.forEach((c, i) => {
        if (!c.control) return;
        ctx.report({
          message: `${task.id}'s done condition has a command with control characters (${c.control}): ${show(c)}. A terminal shows such a command as something other than what runs; remove them (spec verify refuses to run it).`,
          loc: c.loc,
          key: `${task.id}:control:${i}`,
        });
      });
      if (v.vague) {
        ctx.report({
          message: `${task.id}'s done condition says "${v.vague}", which no one can verify; state the check itself: ${example(task, ctx.repo, ctx.config)} or a concrete result (a status code, a file, a count).`,
          loc: done.valueLoc,
          key: `${task.id}:vague`,
        });
        continue;
      }
      if (v.runnable || v.assertion) continue;
      const sc = v.commands.find((c) => c.kind === 'state-changing' && !c.control);
      if (sc) {
        ctx.report({
          message: `${task.id}'s done condition runs ${show(sc)} (${sc.stateChanging!.what}): a command that changes state is not a check, and spec verify never runs it; use ${example(task, ctx.repo, ctx.config)}, or state the result to look for.`,
          loc: sc.loc,
          key: `${task.id}:state-changing`,
        });
        continue;
      }
      const blocked = v.commands.find((c) => c.blocked && !c.control);
      if (blocked) {
        ctx.report({
          message: `${task.id}'s done condition runs ${show(blocked)}, but ${blocked.blocked}; use ${example(task, ctx.repo, ctx.config)}, or state the concrete result the command must show.`,
          loc: blocked.loc,
          key: `${task.id}:not-runnable`,
        });
        continue;
      }
      const printing = v.commands.find((c) => c.check && c.needsResult);
      if (printing) {
        ctx.report({
          message: `${task.id}'s done condition runs ${show(printing)}, which prints a result but the condition does not say what it must show; state it (e.g. "returns 200 with \`{"status":"ok"}\`"), or use ${example(task, ctx.repo, ctx.config)}.`,
          loc: printing.loc,
          key: `${task.id}:no-result`,
        });
        continue;
      }
      const unknown = v.commands.find((c) => c.kind === 'unknown' && !c.control);
      if (unknown) {
        const what = unknown.steps.find((s) => s.kind === 'unknown')?.what ?? 'a program spec does not know';
        ctx.report({
          message: `${task.id}'s done condition runs ${show(unknown)} (${what}), and states no result to look for; if it is a check, name it in \`commands.checks\` in spec.config.json, or state the result it must show.`,
          loc: unknown.loc,
          key: `${task.id}:unknown`,
          severity: 'warning',
        });
        continue;
      }
      const other = v.commands.find((c) => !c.control);
      if (other) {
        const what = other.steps.find((s) => s.kind === 'setup')?.what ?? other.steps[0]?.what ?? 'which checks nothing';
        ctx.report({
          message: `${task.id}'s done condition runs ${show(other)} (${what}), which checks nothing by itself; use ${example(task, ctx.repo, ctx.config)}, or state the concrete result the command must show.`,
          loc: other.loc,
          key: `${task.id}:not-runnable`,
        });
        continue;
      }
      if (v.commands.length > 0) continue; // only commands with control characters: reported above
      ctx.report({
        message: `${task.id}'s done condition is not objectively verifiable; name ${example(task, ctx.repo, ctx.config)} or a concrete assertion (e.g. "POST /api/v1/invites returns 201").`,
        loc: done.valueLoc,
        key: `${task.id}:unverifiable`,
      });
    }
  },
});
