/**
 * The command model: one answer, for `task/done-condition`, `spec tasks` and `spec verify` alike, to "what
 * does this done-condition command run, where, and is it a check?".
 *
 * A command line is parsed by the shell parser (parse.ts), each simple command classified by what its
 * program does (classify.ts), and the line summed up: its steps (program, working directory, environment,
 * arguments, kind), whether it is a check, whether it changes state, what in it needs a shell, and control
 * characters that would make it show as something other than what runs.
 *
 * - `cd dir && …` gives the following steps of the chain the directory `dir`; `--prefix`, `--dir`, `--cwd`,
 *   `-C` options add theirs.
 * - A line is a check when one of its steps is (test, build, lint, typecheck, status query, project script)
 *   and none changes state; a step through Docker counts only when Docker is on (and, with `docker.service`
 *   set, in that service).
 * - What the profile says shapes only the suggestion in a message (`suggestCheck`), never the verdict.
 */
import type { CodeBlock, Loc, SpecModel, Task } from '../model/types.js';
import type { RepoIndex } from '../lint/repo.js';
import { CHECK_KINDS, classifyWords, type Classified, type ClassifyOptions, type CommandKind } from './classify.js';
import { parseCommandLine, parseCommandLines, parsedSync, type ParsedLine } from './parse.js';

export type { CommandKind } from './classify.js';
export { CHECK_KINDS } from './classify.js';

export interface CommandOptions extends ClassifyOptions {
  docker: { enabled: boolean; service?: string };
}

/** What the config says about commands (`docker`, `commands.checks`, `commands.stateChanging`). */
export function commandOptions(config: { docker: { enabled: boolean; service?: string }; commands?: { checks?: readonly string[]; stateChanging?: readonly string[] } }): CommandOptions {
  return { docker: config.docker, checks: config.commands?.checks ?? [], stateChanging: config.commands?.stateChanging ?? [] };
}

export interface CommandStep extends Classified {
  /** The simple command as written. */
  text: string;
  /** How it joins the previous step. */
  joiner: '&&' | '||' | ';' | '|' | '&' | null;
  /** The words as the program receives them (after `VAR=x` prefixes). */
  argv: string[];
  /** `VAR=x` prefixes (and `env VAR=x`). */
  env: Record<string, string>;
  /** Working directory relative to where the command starts (`cd web && …`, `--prefix web`); null: unchanged; `?`: only a shell knows. */
  cwd: string | null;
  /** Holds words only a shell can expand. */
  dynamic: boolean;
}

export interface CommandInfo {
  text: string;
  steps: CommandStep[];
  /** The line's kind: state-changing if a step is; else the first check step's kind; else setup, unknown, helper. */
  kind: CommandKind;
  /** A programmatic check (and nothing blocks it). */
  check: boolean;
  /** Why a check cannot run here (Docker off, another compose service, a syntax error), or null. */
  blocked: string | null;
  /** The step that changes state, if any. */
  stateChanging: CommandStep | null;
  /** Its check steps only print (curl, ls …): a check only with the result the condition states. */
  needsResult: boolean;
  /** What makes it need a shell (empty: it runs as argv). */
  shell: string[];
  /** The control characters in it, described (`U+001B ESC`), or null. */
  control: string | null;
  /** A shell syntax error, or null. */
  error: string | null;
  /**
   * How verify runs it without a shell: the steps in order (a chain of `&&` / `;` with `cd`), or null when
   * it needs one.
   */
  direct: DirectStep[] | null;
}

export interface DirectStep {
  /** `cd` to this directory (relative to the previous one), or null for a program. */
  cd: string | null;
  argv: string[];
  env: Record<string, string>;
  /** Directory, relative to where the command starts. */
  cwd: string | null;
  /** Run only when the previous step succeeded (`&&`). */
  afterSuccess: boolean;
}

/** Control characters that change what a terminal shows: C0 (but tab and newline), DEL, C1, bidi and zero-width marks. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

const CONTROL_NAMES: Record<number, string> = { 0x1b: 'ESC', 0x0d: 'CR', 0x08: 'BS', 0x07: 'BEL', 0x00: 'NUL', 0x7f: 'DEL', 0x9b: 'CSI', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE', 0x200b: 'ZERO WIDTH SPACE', 0xfeff: 'BYTE ORDER MARK' };

function describeControl(text: string): string | null {
  const found = [...new Set(text.match(CONTROL) ?? [])];
  if (found.length === 0) return null;
  return found
    .map((c) => {
      const cp = c.codePointAt(0)!;
      const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      return CONTROL_NAMES[cp] ? `${hex} ${CONTROL_NAMES[cp]}` : hex;
    })
    .join(', ');
}

/** The text with control characters shown as escapes (`\x1b`, `\u202e`): safe to print. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const cp = c.codePointAt(0)!;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

function joinPath(a: string | null, b: string | null): string | null {
  if (b === null) return a;
  if (a === '?' || b === '?') return '?';
  if (b.startsWith('/')) return normalize(b);
  if (a === null) return normalize(b);
  return normalize(`${a}/${b}`);
}

function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

const SAFE_SHELL_REASONS = new Set(['a command chain (&&)', 'a command list (;)']);

/** Analyses one command line (parsing it first when needed). */
export async function analyzeCommand(text: string, options: CommandOptions, depth = 0): Promise<CommandInfo> {
  const parsed = await parseCommandLine(text);
  const inner = new Map<string, CommandInfo>();
  // code given to a shell (`sh -c '…'`) is a command line of its own: analyse it too
  if (depth < 3) {
    for (const c of parsed.commands) {
      const cls = classifyWords(c.words.map((w) => w.value), options);
      if (cls.inline?.shell && cls.inline.code) inner.set(cls.inline.code, await analyzeCommand(cls.inline.code, options, depth + 1));
    }
  }
  return summarize(text, parsed, options, inner);
}

/** analyzeCommand for a line already parsed in this process (tests, and callers that ran prepare first). */
function summarize(text: string, parsed: ParsedLine, options: CommandOptions, inner: Map<string, CommandInfo>): CommandInfo {
  const shell = [...parsed.shell];
  const steps: CommandStep[] = [];
  /** The `VAR=x` prefixes of each step (what verify puts in the environment; `env VAR=x` stays in argv). */
  const assigns: Array<Record<string, string>> = [];
  let cd: string | null = null;
  for (const c of parsed.commands) {
    const words = c.words.map((w) => w.value);
    const env: Record<string, string> = {};
    for (const a of c.assignments) env[a.name] = a.value;
    const cls = words.length ? classifyWords(words, options) : ({ kind: 'helper', what: 'a variable assignment', program: '', args: [], wrappers: [], dir: null, workspace: null, env: {}, docker: null, inline: null, needsResult: false, known: true } satisfies Classified);
    const dynamic = c.words.some((w) => w.dynamic) || c.assignments.some((a) => a.dynamic);
    const step: CommandStep = { ...cls, text: c.text, joiner: c.joiner, argv: words, env: { ...env, ...cls.env }, cwd: joinPath(cd, cls.dir), dynamic };
    if (cls.inline) {
      shell.push(`code given to an interpreter (${cls.inline.interpreter} ${cls.inline.shell ? '-c' : 'with code'})`);
      const sub = inner.get(cls.inline.code);
      if (sub) {
        step.kind = sub.kind === 'helper' ? 'unknown' : sub.kind;
        step.what = `${sub.stateChanging?.what ?? sub.steps.find((s) => CHECK_KINDS.has(s.kind))?.what ?? sub.steps[0]?.what ?? 'shell code'} (through ${cls.inline.interpreter} -c)`;
        step.docker ??= sub.steps.find((s) => s.docker)?.docker ?? null;
        step.needsResult = sub.needsResult;
      }
    }
    steps.push(step);
    assigns.push(env);
    // `cd dir` changes the directory of what follows it in a `&&` / `;` chain
    if (cls.program === 'cd' && cls.wrappers.length === 0) {
      const next = parsed.commands[parsed.commands.indexOf(c) + 1];
      if (!next || next.joiner === '&&' || next.joiner === ';') {
        const target = cls.args.filter((a) => !a.startsWith('-') || a === '-')[0];
        cd = target === undefined || target === '-' || target.startsWith('~') || dynamic ? '?' : joinPath(cd, target);
      }
    }
  }
  const stateChanging = steps.find((s) => s.kind === 'state-changing') ?? null;
  const checks = steps.filter((s) => CHECK_KINDS.has(s.kind));
  let kind: CommandKind;
  if (stateChanging) kind = 'state-changing';
  else if (checks.length) kind = checks[0]!.kind;
  else if (steps.some((s) => s.kind === 'setup')) kind = 'setup';
  else if (steps.some((s) => s.kind === 'unknown')) kind = 'unknown';
  else kind = 'helper';
  let blocked: string | null = null;
  if (parsed.error) blocked = `it does not parse as a shell command (${parsed.error})`;
  else {
    const d = steps.find((s) => s.docker);
    if (d?.docker && !options.docker.enabled) {
      blocked = `it runs through Docker (\`${d.docker.via} ${d.docker.service}\`) while Docker is off for this project (set \`docker.enabled\` in spec.config.json, or write the bare command)`;
    } else if (d?.docker && options.docker.service && d.docker.service !== options.docker.service && d.docker.via.includes('compose')) {
      blocked = `it runs in the Compose service "${d.docker.service}", not the configured "${options.docker.service}"`;
    }
  }
  const control = describeControl(text);
  const needsResult = checks.length > 0 && checks.every((s) => s.needsResult);
  const check = !stateChanging && checks.length > 0 && !blocked && !control;
  const uniqueShell = [...new Set(shell)];
  let direct: DirectStep[] | null = null;
  if (!parsed.error && !control && uniqueShell.every((s) => SAFE_SHELL_REASONS.has(s)) && steps.every((s) => !s.dynamic && !s.inline && s.argv.length > 0)) {
    direct = [];
    let dir: string | null = null;
    for (const s of steps) {
      const afterSuccess = s.joiner === '&&';
      if (s.program === 'cd' && s.wrappers.length === 0) {
        const target = s.args.filter((a) => !a.startsWith('-'))[0];
        if (target === undefined || target.startsWith('~') || target === '-') {
          direct = null;
          break;
        }
        direct.push({ cd: target, argv: [], env: {}, cwd: dir, afterSuccess });
        dir = joinPath(dir, target);
        continue;
      }
      direct.push({ cd: null, argv: s.argv, env: assigns[steps.indexOf(s)]!, cwd: dir, afterSuccess });
    }
  }
  return { text, steps, kind, check, blocked, stateChanging, needsResult, shell: uniqueShell, control, error: parsed.error, direct };
}

// ---------------------------------------------------------------------------------------------------------
// Done conditions

export interface DoneCommand extends CommandInfo {
  loc: Loc;
  /** Inline code in the field, or a line of a shell block under it. */
  source: 'code' | 'block';
}

const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh', 'shell-session', 'shellsession', 'terminal', 'cmd']);

/** Lines of a shell block under a done condition: prompts taken off, continuations joined, comments and output left out. */
function blockLines(block: CodeBlock): Array<{ text: string; loc: Loc }> {
  const lang = (block.lang ?? '').toLowerCase();
  if (!SHELL_LANGS.has(lang)) return [];
  const prompted = lang === 'console' || lang === 'shell-session' || lang === 'shellsession' || lang === 'terminal' || /^\s*\$ /m.test(block.text);
  const lines = block.text.split(/\r?\n/);
  const out: Array<{ text: string; loc: Loc }> = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const first = i;
    if (prompted) {
      const m = /^\s*[$%#>] (.*)$/.exec(line);
      if (!m) continue; // output
      line = m[1]!;
    }
    while (/\\$/.test(line) && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i]!.replace(/^\s*(?:> )?/, '')}`;
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const lineNo = block.contentLine + first;
    out.push({ text, loc: { line: lineNo, column: block.contentColumn, endLine: block.contentLine + i, endColumn: block.contentColumn + lines[i]!.length } });
  }
  return out;
}

function within(inner: Loc, outer: Loc): boolean {
  return inner.line >= outer.line && inner.endLine <= outer.endLine && !(inner.line === outer.line && inner.column < outer.column);
}

/** The candidate command texts of a task's done condition, with where they stand. */
export function doneConditionCandidates(spec: Pick<SpecModel, 'codeBlocks'>, task: Task): Array<{ text: string; loc: Loc; source: 'code' | 'block' }> {
  const done = task.doneCondition;
  if (!done) return [];
  const out: Array<{ text: string; loc: Loc; source: 'code' | 'block' }> = done.code.map((c) => ({ text: c.value.trim(), loc: c.loc, source: 'code' as const }));
  for (const b of spec.codeBlocks) {
    if (!within(b.loc, done.loc)) continue;
    for (const l of blockLines(b)) out.push({ ...l, source: 'block' });
  }
  return out.filter((c) => c.text !== '');
}

const PLAUSIBLE_PROGRAM = /^(?:[a-z][a-z0-9_.+-]*|\.{1,2}\/[\w./-]+|(?:bin|scripts?|tools|hack|ci)\/[\w./-]+)$/;
const NOT_A_COMMAND_ALONE = new Set(['test', 'true', 'false', 'cd', 'echo', 'exit', '[', 'set', 'export', 'source', 'time', 'env', 'go', 'npm', 'yarn', 'pnpm', 'git', 'docker', 'docker-compose', 'sh', 'bash', 'node', 'python', 'python3', 'goose', 'alembic', 'psql', 'kubectl', 'helm', 'terraform', 'curl', 'wget', 'bun', 'deno', 'npx', 'uv', 'poetry', 'sudo', 'spec']);

/**
 * Whether inline code is a command (rather than a quoted value: a column, a path, a status, SQL): a program
 * the model knows with its arguments, a script path, a chain, or — for a program it does not know — the
 * shape of a command (`tool sub --flag`).
 */
export function looksLikeCommand(info: CommandInfo, source: 'code' | 'block'): boolean {
  if (source === 'block') return info.steps.length > 0;
  if (info.error && !info.control) return false;
  const first = info.steps[0];
  if (!first || first.argv.length === 0) return false;
  const prog = first.argv[0]!;
  if (!PLAUSIBLE_PROGRAM.test(prog) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(first.text) && !first.wrappers.length) return false;
  const words = info.steps.reduce((n, s) => n + s.argv.length, 0);
  if (words === 1 && NOT_A_COMMAND_ALONE.has(prog)) return false;
  if (info.steps.some((s) => s.kind !== 'helper' && (s.kind !== 'unknown' || s.known))) return true;
  if (/^(?:\.{1,2}\/|(?:bin|scripts?|tools|hack|ci)\/)/.test(prog)) return true;
  if (info.steps.length > 1 && info.steps.some((s) => s.program === 'cd' || s.kind === 'helper')) return info.steps.some((s) => PLAUSIBLE_PROGRAM.test(s.argv[0] ?? ''));
  if (first.kind === 'helper') return first.argv.length > 1 && first.program !== 'cd';
  // a program spec does not know: the shape of a command, `tool sub`, `tool --flag`, `tool path`
  const second = first.args[0];
  if (words >= 2 && second !== undefined && /^(?:-{1,2}[a-z][\w-]*(?:=\S+)?|[a-z][\w:-]*|\.{0,2}\/\S+)$/.test(second) && !first.args.some((a) => /^(?:=|==|!=|<|>|<=|>=|\||&&|AND|OR)$/.test(a))) {
    return true;
  }
  return false;
}

/** Parses every candidate of the tasks' done conditions (at most one parser load). */
export async function prepareDoneConditions(spec: Pick<SpecModel, 'codeBlocks' | 'tasks'>): Promise<void> {
  const texts = new Set<string>();
  for (const t of spec.tasks) for (const c of doneConditionCandidates(spec, t)) texts.add(c.text);
  await parseCommandLines(texts);
}

/** The commands of a task's done condition, analysed. */
export async function doneConditionCommands(spec: Pick<SpecModel, 'codeBlocks'>, task: Task, options: CommandOptions): Promise<DoneCommand[]> {
  const out: DoneCommand[] = [];
  for (const c of doneConditionCandidates(spec, task)) {
    const info = await analyzeCommand(c.text, options);
    if (looksLikeCommand(info, c.source)) out.push({ ...info, loc: c.loc, source: c.source });
  }
  return out;
}

/** Whether the parse of `text` is at hand in this process. */
export function hasParsed(text: string): boolean {
  return parsedSync(text) !== undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Suggestions

export interface SuggestContext {
  profile: 'go' | 'python' | string;
  docker: { enabled: boolean; service?: string };
  migrations: string;
}

const FRONTEND_FILE = /\.(tsx|jsx|ts|js|mjs|vue|svelte|css|scss|html)$/;

function nearest(repo: RepoIndex | null, file: string, names: readonly string[]): string | null {
  if (!repo) return null;
  const parts = file.replace(/^\.\//, '').split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const dir = parts.slice(0, i).join('/');
    for (const n of names) if (repo.exists(dir ? `${dir}/${n}` : n)) return dir;
  }
  return null;
}

function packageManager(repo: RepoIndex | null, dir: string): 'npm' | 'pnpm' | 'yarn' | 'bun' {
  const at = (f: string) => repo?.exists(dir ? `${dir}/${f}` : f) || repo?.exists(f);
  if (at('pnpm-lock.yaml')) return 'pnpm';
  if (at('yarn.lock')) return 'yarn';
  if (at('bun.lockb') || at('bun.lock')) return 'bun';
  return 'npm';
}

/**
 * A check that fits the task, for a message: a frontend task (its files under a package.json, `.tsx` …)
 * gets the package's test command, a Go task `go test` on its packages, a Python task pytest, a migration
 * task the migration tool's status. Never a tool the repository does not have: with a repository index
 * that holds files, the manifest (package.json, go.mod, pyproject.toml …) must be there. Null when
 * nothing fits (the caller then asks for a concrete assertion).
 */
export function suggestCheck(task: Task, repo: RepoIndex | null, ctx: SuggestContext): string | null {
  const files = (task.files?.entries ?? []).map((e) => e.path.replace(/^\.\//, '')).filter(Boolean);
  const known = repo !== null && repo.files().length > 0;
  const dockerize = (c: string) => (ctx.docker.enabled ? `docker compose exec ${ctx.docker.service ?? 'backend'} ${c}` : c);
  const inDir = (dir: string, c: string) => (dir ? `cd ${dir} && ${c}` : c);
  const migrations = ctx.migrations.replace(/\/+$/, '');
  if (files.some((f) => f.startsWith(`${migrations}/`) && f.endsWith('.sql'))) return dockerize('goose status');
  const front = files.find((f) => FRONTEND_FILE.test(f) && !f.endsWith('.go') && (!known || nearest(repo, f, ['package.json']) !== null));
  const goFile = files.find((f) => f.endsWith('.go'));
  const pyFile = files.find((f) => f.endsWith('.py'));
  const preferFront = front && (!goFile || /\.(tsx|jsx|vue|svelte)$/.test(front) || files.filter((f) => FRONTEND_FILE.test(f)).length > files.filter((f) => f.endsWith('.go') || f.endsWith('.py')).length);
  if (front && preferFront) {
    const dir = known ? nearest(repo, front, ['package.json']) ?? '' : /^(web|frontend|client|ui|app)\//.test(front) ? front.split('/')[0]! : '';
    const test = files.find((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f)) ?? null;
    const rel = (f: string) => (dir && f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : f);
    const pm = packageManager(repo, dir);
    const run = pm === 'npm' ? 'npm test --' : `${pm} test`;
    return inDir(dir, test ? `${run} ${rel(test)}` : pm === 'npm' ? 'npm test' : `${pm} test`);
  }
  if (goFile && (!known || nearest(repo, goFile, ['go.mod']) !== null)) {
    const mod = known ? nearest(repo, goFile, ['go.mod']) ?? '' : '';
    const dir = goFile.split('/').slice(0, -1).join('/');
    const rel = mod && dir.startsWith(`${mod}/`) ? dir.slice(mod.length + 1) : mod === dir ? '' : dir;
    return inDir(mod, dockerize(`go test ./${rel ? `${rel}/` : ''}...`));
  }
  if (pyFile && (!known || nearest(repo, pyFile, ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'pytest.ini', 'tox.ini']) !== null)) {
    const test = files.find((f) => /(^|\/)test_[^/]*\.py$|_test\.py$/.test(f));
    return dockerize(test ? `pytest ${test}` : 'pytest');
  }
  // nothing in the task's files says which: the profile's stack, if the repository has it
  if (!known) return ctx.profile === 'python' ? dockerize('pytest tests/') : dockerize('go test ./...');
  if (ctx.profile !== 'python' && repo!.files().some((f) => f === 'go.mod' || f.endsWith('/go.mod'))) return dockerize('go test ./...');
  if (ctx.profile === 'python' && repo!.files().some((f) => /(^|\/)(pyproject\.toml|setup\.py|requirements\.txt)$/.test(f))) return dockerize('pytest');
  const pkg = repo!.files().find((f) => f === 'package.json' || /^[^/]+\/package\.json$/.test(f));
  if (pkg) return inDir(pkg.includes('/') ? pkg.split('/')[0]! : '', 'npm test');
  if (repo!.exists('Makefile')) return 'make test';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// What spec verify does with a command (spec tasks prints the same)

export type VerifyAction = 'run' | 'shell' | 'refuse' | 'skip';

export interface VerifyDecision {
  /** `run`: as argv, no shell; `shell`: only with --allow-shell (sh -c); `refuse`: never (control characters); `skip`: not a check. */
  action: VerifyAction;
  /** Why, for anything but `run`. */
  why: string;
}

/** The one decision on a command: lint's "is it a check", tasks' "runnable", verify's "runs it". */
export function verifyDecision(info: CommandInfo): VerifyDecision {
  if (info.control) return { action: 'refuse', why: `it holds control characters (${info.control})` };
  if (info.stateChanging) return { action: 'skip', why: `it changes state (${info.stateChanging.what}): never run as a check` };
  if (info.blocked) return { action: 'skip', why: info.blocked };
  if (!info.check) {
    const s = info.steps.find((x) => x.kind === info.kind) ?? info.steps[0];
    return { action: 'skip', why: info.kind === 'unknown' ? `${s?.what ?? 'a program spec does not know'}: not a known check (name it in commands.checks to run it)` : `${s?.what ?? 'it'}: checks nothing by itself` };
  }
  if (!info.direct) return { action: 'shell', why: `it needs a shell (${info.shell.join(', ') || 'shell syntax'})` };
  return { action: 'run', why: '' };
}
