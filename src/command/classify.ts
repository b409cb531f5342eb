/**
 * What a program does, by name and arguments: the knowledge table of the command model. Given the words of
 * one simple command (assignments already taken off), `classifyWords` peels the wrappers that only change
 * how or where the real program runs — `env`, `sudo`, `time`, `timeout`, `nice`, `xargs`, `npx` / `pnpm
 * exec` / `yarn dlx` / `bunx`, `uv run` / `poetry run`, `python -m`, `docker compose exec|run <service>`,
 * `docker exec|run` — and the options that only say where it runs (`npm --prefix web`, `pnpm --dir web` /
 * `--filter web`, `yarn --cwd web` / `yarn workspace web`, `make -C dir`, `go -C dir`, `git -C dir`), then
 * classifies the program that does the work.
 *
 * Kinds: `test`, `build`, `lint`, `typecheck`, `status-query`, `project-script` are checks; `setup`
 * (installs, applies migrations, generates code, rewrites files) prepares but checks nothing;
 * `state-changing` destroys or publishes (rolls migrations back, deletes files or rows, pushes) and is never
 * run as a check; `helper` is plumbing (`echo`, `cat`, `tee`, `cd` …) that checks nothing by itself;
 * `unknown` is a program this table does not know (never an error by itself).
 *
 * The table is by *kind of command*, not by profile: a `pytest` in a Go project is still a test run.
 */

export type CommandKind = 'test' | 'build' | 'lint' | 'typecheck' | 'status-query' | 'project-script' | 'setup' | 'state-changing' | 'helper' | 'unknown';

/** The kinds that count as a programmatic check. */
export const CHECK_KINDS: ReadonlySet<CommandKind> = new Set(['test', 'build', 'lint', 'typecheck', 'status-query', 'project-script']);

export interface Classified {
  kind: CommandKind;
  /** Short phrase: what the command does ("runs the tests", "rolls migrations back" …). */
  what: string;
  /** The program that does the work (after wrappers). */
  program: string;
  /** Its arguments. */
  args: string[];
  /** Wrappers peeled off, outermost first (`sudo`, `npx`, `docker compose exec backend` …). */
  wrappers: string[];
  /** Directory the program runs in, relative to where the command starts (`--prefix web` …); null: unchanged. */
  dir: string | null;
  /** A package workspace named instead of a directory (`yarn workspace web`, `pnpm --filter web`). */
  workspace: string | null;
  /** `VAR=value` given through `env`. */
  env: Record<string, string>;
  /** The command runs through Docker. */
  docker: { via: string; service: string } | null;
  /** Code given to an interpreter (`sh -c CODE`, `node -e CODE` …): counts as a shell. */
  inline: { interpreter: string; code: string; shell: boolean } | null;
  /** It prints something and checks nothing unless the condition states what it must print (curl, ls …). */
  needsResult: boolean;
  /** The table knows the program (false: `unknown` because spec has never heard of it). */
  known: boolean;
}

const base = (p: string): string => p.replace(/\\/g, '/').split('/').pop() ?? p;

const r = (kind: CommandKind, what: string, extra: Partial<Classified> = {}): Partial<Classified> & { kind: CommandKind; what: string } => ({ kind, what, ...extra });

/** Package-script / make-target / task names → kind. */
export function classifyScriptName(name: string): { kind: CommandKind; what: string } {
  const n = name.toLowerCase();
  if (/(^|[:_\-.])(deploy|publish|release|destroy|drop|reset|teardown|wipe|purge|nuke|rollback|down|undeploy|uninstall)($|[:_\-.])/.test(n)) {
    return { kind: 'state-changing', what: `the script "${name}", which by its name deploys, publishes or destroys` };
  }
  if (/^(test|tests|spec|specs|e2e|unit|integration|coverage|cover|vitest|jest|playwright|cypress|ci|verify|check|checks|validate)$|^(test|tests|e2e|spec|unit|integration|coverage)[:_\-.]|[:_\-.](test|tests|e2e|spec)$/.test(n)) {
    return { kind: 'test', what: `the tests (script "${name}")` };
  }
  if (/^(lint|eslint|stylelint|lint[:_\-.].*|format[:_\-.]check|fmt[:_\-.]check|check[:_\-.](format|fmt|lint|style)|prettier[:_\-.]check|vet)$/.test(n) && !/fix/.test(n)) {
    return { kind: 'lint', what: `the linter (script "${name}")` };
  }
  if (/^(typecheck|type-check|types|tsc|check-types|check[:_\-.]types|types[:_\-.]check|typecheck[:_\-.].*|mypy|pyright)$/.test(n)) {
    return { kind: 'typecheck', what: `the type check (script "${name}")` };
  }
  if (/^(build|compile|bundle|dist|build[:_\-.].*)$/.test(n)) return { kind: 'build', what: `the build (script "${name}")` };
  if (/^(start|dev|serve|server|preview|watch|storybook|up|run)$|[:_\-.](dev|watch|serve)$/.test(n)) {
    return { kind: 'unknown', what: `the script "${name}", which starts something that keeps running` };
  }
  if (/^(install|postinstall|preinstall|prepare|clean|format|fmt|fix|lint[:_\-.]fix|generate|gen|codegen|migrate|migrate[:_\-.]up|db[:_\-.]migrate|seed|db[:_\-.]seed|bootstrap|setup|init)$/.test(n)) {
    return { kind: 'setup', what: `the script "${name}", which prepares the project` };
  }
  return { kind: 'project-script', what: `the project script "${name}"` };
}

/** A script file by its name: `./scripts/reset-db.sh` changes state, `./scripts/check.sh` is a project script. */
function scriptFile(path: string): Partial<Classified> & { kind: CommandKind; what: string } {
  const stem = base(path).replace(/\.[a-z0-9]+$/i, '');
  const byName = classifyScriptName(stem);
  if (byName.kind === 'state-changing') return r('state-changing', `the script ${path}, which by its name deploys, resets or destroys`);
  return r('project-script', `the project script ${path}`);
}

const isScriptPath = (p: string): boolean => /\//.test(p) || /\.(sh|bash|zsh|py|js|mjs|cjs|ts|mts|rb|pl)$/.test(p);

/** Skips options; `valued` take the next word (unless written `--opt=value`). Returns the index of the first operand. */
function skipOptions(args: readonly string[], start: number, valued: ReadonlySet<string>, stopAtDoubleDash = true): number {
  let i = start;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--' && stopAtDoubleDash) return i + 1;
    if (!a.startsWith('-') || a === '-') return i;
    if (valued.has(a)) i += 2;
    else i += 1;
  }
  return i;
}

function optionValue(args: readonly string[], names: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n && i + 1 < args.length) return args[i + 1]!;
      if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return null;
}

const has = (args: readonly string[], ...flags: string[]): boolean => args.some((a) => flags.includes(a) || flags.some((f) => f.startsWith('--') && a.startsWith(`${f}=`)));

// ---------------------------------------------------------------------------------------------------------

export interface ClassifyOptions {
  /** Extra check commands from config (`"just test"`, `"mytool"`): a program, optionally with leading arguments. */
  checks: readonly string[];
  /** Extra state-changing commands from config. */
  stateChanging: readonly string[];
}

function matchesConfigured(entries: readonly string[], program: string, args: readonly string[], argv: readonly string[]): string | null {
  for (const e of entries) {
    const words = e.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [head, ...rest] = words;
    const progOk = head === program || head === base(program) || head === argv[0];
    const tail = head === argv[0] ? argv.slice(1) : args;
    if (progOk && rest.every((w, i) => tail[i] === w)) return e.trim();
  }
  return null;
}

/** Classifies one simple command's words (program first). */
export function classifyWords(words: readonly string[], options: ClassifyOptions): Classified {
  const out: Classified = { kind: 'unknown', what: '', program: '', args: [], wrappers: [], dir: null, workspace: null, env: {}, docker: null, inline: null, needsResult: false, known: true };
  const joinDir = (d: string | null) => {
    if (d === null) return;
    out.dir = out.dir === null || d.startsWith('/') ? d : `${out.dir}/${d}`;
  };
  let argv = [...words];
  for (let guard = 0; guard < 12 && argv.length > 0; guard++) {
    const program = argv[0]!;
    const args = argv.slice(1);
    const name = base(program);
    out.program = program;
    out.args = args;
    // config first: a team's own check or destructive command wins over the table
    const st = matchesConfigured(options.stateChanging, program, args, argv);
    if (st) return { ...out, kind: 'state-changing', what: `"${st}", named as state-changing in spec.config.json` };
    const ck = matchesConfigured(options.checks, program, args, argv);
    if (ck) return { ...out, kind: 'project-script', what: `"${ck}", a check named in spec.config.json` };
    const peeled = peel(name, args, out, joinDir);
    if (peeled) {
      argv = peeled;
      continue;
    }
    const c = classifyProgram(name, program, args, out, joinDir);
    return { ...out, ...c };
  }
  if (argv.length === 0) return { ...out, kind: 'helper', what: 'nothing (a wrapper with no command)' };
  return { ...out, kind: 'unknown', what: 'too many nested wrappers' };
}

const SUDO_VALUED = new Set(['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout']);
const TIMEOUT_VALUED = new Set(['-s', '--signal', '-k', '--kill-after']);
const XARGS_VALUED = new Set(['-I', '-i', '-n', '-P', '-d', '-a', '-L', '-l', '-s', '-E', '-e', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--replace']);
const NPX_VALUED = new Set(['-p', '--package', '--prefix', '-C', '--cache', '--userconfig', '-w', '--workspace', '--registry']);
const COMPOSE_GLOBAL_VALUED = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--parallel', '--progress']);
const COMPOSE_EXEC_VALUED = new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '--index', '--name', '--entrypoint', '-l', '--label', '-p', '--publish', '-v', '--volume', '--env-file', '--pull', '--cap-add', '--cap-drop', '--network', '--platform']);
const DOCKER_VALUED = new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '--env-file', '--name', '--entrypoint', '-l', '--label', '-p', '--publish', '-v', '--volume', '--network', '--net', '--mount', '--platform', '-h', '--hostname', '--add-host', '--cpus', '-m', '--memory', '--pull', '--restart', '--cap-add', '--cap-drop', '--device', '--gpus', '--dns', '--ulimit', '--tmpfs', '--security-opt', '--log-driver', '--log-opt', '--stop-signal', '--health-cmd', '--detach-keys']);
const UV_VALUED = new Set(['--with', '--with-requirements', '--python', '-p', '--project', '--directory', '--package', '--extra', '--group', '--env-file', '--index', '--index-url', '-C']);

/** Takes one wrapper off; returns the inner argv, or null when `name` is not a wrapper. */
function peel(name: string, args: string[], out: Classified, joinDir: (d: string | null) => void): string[] | null {
  switch (name) {
    case 'env': {
      let i = 0;
      while (i < args.length) {
        const a = args[i]!;
        if (a === '-u' || a === '--unset' || a === '-S' || a === '--split-string') i += 2;
        else if (a === '-C' || a === '--chdir') {
          joinDir(args[i + 1] ?? null);
          i += 2;
        } else if (a.startsWith('--chdir=')) {
          joinDir(a.slice(8));
          i++;
        } else if (a.startsWith('-')) i++;
        else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
          const eq = a.indexOf('=');
          out.env[a.slice(0, eq)] = a.slice(eq + 1);
          i++;
        } else break;
      }
      if (i >= args.length) return null; // bare `env` prints the environment
      out.wrappers.push('env');
      return args.slice(i);
    }
    case 'sudo':
    case 'doas': {
      const i = skipOptions(args, 0, SUDO_VALUED);
      if (i >= args.length) return null;
      out.wrappers.push(name);
      return args.slice(i);
    }
    case 'time':
    case 'nohup':
    case 'command':
    case 'exec':
    case 'stdbuf':
    case 'ionice':
    case 'chronic':
    case 'unbuffer': {
      if (name === 'command' && (args[0] === '-v' || args[0] === '-V')) return null;
      const i = skipOptions(args, 0, new Set(['-o', '-e', '-i', '-c', '-n', '-f']));
      if (i >= args.length) return null;
      out.wrappers.push(name);
      return args.slice(i);
    }
    case 'nice': {
      const i = skipOptions(args, 0, new Set(['-n', '--adjustment']));
      if (i >= args.length) return null;
      out.wrappers.push(name);
      return args.slice(i);
    }
    case 'timeout': {
      const i = skipOptions(args, 0, TIMEOUT_VALUED);
      if (i + 1 >= args.length) return null;
      out.wrappers.push(`timeout ${args[i]}`);
      return args.slice(i + 1);
    }
    case 'xargs': {
      const i = skipOptions(args, 0, XARGS_VALUED);
      if (i >= args.length) return ['echo']; // xargs without a command runs echo
      out.wrappers.push('xargs');
      return args.slice(i);
    }
    case 'npx':
    case 'pnpx':
    case 'bunx': {
      if (has(args, '-c', '--call')) {
        const code = optionValue(args, ['-c', '--call']) ?? '';
        out.wrappers.push(name);
        return ['sh', '-c', code];
      }
      joinDir(optionValue(args, ['--prefix', '-C']));
      const ws = optionValue(args, ['-w', '--workspace']);
      if (ws) out.workspace = ws;
      const i = skipOptions(args, 0, NPX_VALUED);
      if (i >= args.length) return null;
      out.wrappers.push(name);
      return args.slice(i);
    }
    case 'uv':
    case 'poetry':
    case 'pipenv':
    case 'hatch':
    case 'pdm':
    case 'rye':
    case 'conda':
    case 'mamba':
    case 'micromamba': {
      const i0 = skipOptions(args, 0, UV_VALUED);
      if (args[i0] !== 'run') return null;
      joinDir(optionValue(args, ['--directory', '--project', '-C']));
      const i = skipOptions(args, i0 + 1, new Set([...UV_VALUED, '-n', '--name', '-e', '--env']));
      if (i >= args.length) return null;
      out.wrappers.push(`${name} run`);
      return args.slice(i);
    }
    case 'bundle':
      if (args[0] === 'exec' && args.length > 1) {
        out.wrappers.push('bundle exec');
        return args.slice(1);
      }
      return null;
    case 'dotenv':
    case 'cross-env':
    case 'env-cmd': {
      let i = 0;
      while (i < args.length && (args[i]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!))) {
        const a = args[i]!;
        if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) out.env[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
        i += a === '-e' || a === '-f' || a === '-c' ? 2 : 1;
      }
      if (args[i] === '--') i++;
      if (i >= args.length) return null;
      out.wrappers.push(name);
      return args.slice(i);
    }
    case 'docker':
    case 'podman':
    case 'docker-compose':
    case 'podman-compose': {
      let rest = args;
      let via: string = name;
      if (name === 'docker' || name === 'podman') {
        if (rest[0] === 'compose') {
          via = `${name} compose`;
          rest = rest.slice(1);
        } else {
          const verb = rest[0];
          if (verb === 'exec' || verb === 'run' || (verb === 'container' && (rest[1] === 'exec' || rest[1] === 'run'))) {
            const off = verb === 'container' ? 2 : 1;
            const v = rest[off - 1]!;
            const i = skipOptions(rest, off, DOCKER_VALUED, false);
            const target = rest[i];
            if (target === undefined || i + 1 >= rest.length) return null;
            out.docker = { via: `${name} ${v}`, service: target };
            out.wrappers.push(`${name} ${v} ${target}`);
            return rest.slice(i + 1);
          }
          return null;
        }
      }
      // compose
      let i = skipOptions(rest, 0, COMPOSE_GLOBAL_VALUED, false);
      const verb = rest[i];
      if (verb !== 'exec' && verb !== 'run') return null;
      i = skipOptions(rest, i + 1, COMPOSE_EXEC_VALUED, false);
      const service = rest[i];
      if (service === undefined || i + 1 >= rest.length) return null;
      out.docker = { via: `${via} ${verb}`, service };
      out.wrappers.push(`${via} ${verb} ${service}`);
      return rest.slice(i + 1);
    }
    case 'python':
    case 'python3':
    case 'py': {
      let i = 0;
      while (i < args.length && args[i] !== '-m' && args[i]!.startsWith('-') && args[i] !== '-c') i += args[i] === '-W' || args[i] === '-X' ? 2 : 1;
      if (args[i] === '-m' && args[i + 1]) {
        out.wrappers.push(`${name} -m`);
        return args.slice(i + 1);
      }
      return null;
    }
    default:
      return null;
  }
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'busybox']);
/** Interpreters and the options after which their next word is code. */
const CODE_FLAGS: Record<string, string[]> = {
  node: ['-e', '--eval', '-p', '--print'],
  nodejs: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'],
  bun: ['-e', '--eval', '-p', '--print'],
  python: ['-c'],
  python3: ['-c'],
  py: ['-c'],
  pypy: ['-c'],
  pypy3: ['-c'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  php: ['-r'],
  lua: ['-e'],
  Rscript: ['-e'],
  pwsh: ['-c', '-Command', '-command'],
  powershell: ['-c', '-Command', '-command'],
  osascript: ['-e'],
  tclsh: [],
  awk: [],
};

function inlineCode(name: string, args: readonly string[]): { code: string; shell: boolean } | null {
  if (SHELLS.has(name)) {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith('-')) return null;
      // -c, -ec, -xc, -lc …: the first operand after the options is the code
      if (/^-[a-z]*c[a-z]*$/.test(a)) {
        const j = skipOptions(args, i + 1, new Set(['-o']));
        return { code: args[j] ?? '', shell: true };
      }
    }
    return null;
  }
  const flags = CODE_FLAGS[name];
  if (!flags) return null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (flags.includes(a)) return { code: args[i + 1] ?? '', shell: false };
    const eq = flags.find((f) => f.startsWith('--') && a.startsWith(`${f}=`));
    if (eq) return { code: a.slice(eq.length + 1), shell: false };
    if (name === 'deno' || (!a.startsWith('-') && i === 0)) break;
  }
  return null;
}

const GOOSE_VALUED = new Set(['-dir', '--dir', '-table', '--table', '-certfile', '--certfile', '-ssl-cert', '--ssl-cert', '-ssl-key', '--ssl-key', '-env', '--env', '-timeout', '--timeout']);
const GOOSE_QUERY = new Set(['status', 'version', 'validate']);
const GOOSE_SETUP = new Set(['up', 'up-by-one', 'up-to', 'create', 'fix', 'env']);
const GOOSE_DESTRUCTIVE = new Set(['down', 'down-to', 'reset', 'redo']);

const NPM_VALUED = new Set(['--prefix', '-C', '-w', '--workspace', '--loglevel', '--registry', '--userconfig', '--cache', '--tag', '--otp', '--scope', '--include', '--omit']);
const PNPM_VALUED = new Set(['--dir', '-C', '--filter', '-F', '--loglevel', '--reporter', '--workspace-concurrency', '--config', '--test-pattern', '--changed-files-ignore-pattern']);
const YARN_VALUED = new Set(['--cwd', '--mutex', '--network-timeout', '--cache-folder', '--modules-folder', '--registry']);

function runScript(pm: string, script: string | undefined, rest: string[]): Partial<Classified> & { kind: CommandKind; what: string } {
  if (!script) return r('status-query', `lists the package scripts (${pm} run)`);
  const c = classifyScriptName(script);
  return { ...c, args: rest };
}

/** Classifies the program that does the work. */
function classifyProgram(name: string, program: string, args: string[], out: Classified, joinDir: (d: string | null) => void): Partial<Classified> & { kind: CommandKind; what: string } {
  const inl = inlineCode(name, args);
  if (inl) {
    out.inline = { interpreter: name, code: inl.code, shell: inl.shell };
    return r('project-script', `code given to ${name} on its command line`);
  }
  if (/(^|\/)node_modules\/\.bin\/|(^|\/)\.venv\/bin\/|(^|\/)venv\/bin\//.test(program)) return classifyProgram(name, name, args, out, joinDir);
  if (/^(?:\.{1,2}\/|\/|(?:bin|scripts?|tools|hack|ci)\/)/.test(program) || (/\.(sh|bash)$/.test(program) && !SHELLS.has(name))) return scriptFile(program);
  if (program.includes('/')) return r('unknown', `${program}, a path that is not a script`, { known: false });
  const op = (i = 0) => args.filter((a) => !a.startsWith('-'))[i];
  switch (name) {
    // --- Go
    case 'go': {
      let a = args;
      const d = optionValue(a, ['-C']);
      if (d) {
        joinDir(d);
        a = a.slice(a.indexOf('-C') + 2);
      }
      const sub = a[0];
      const tail = a.slice(1);
      out.args = a;
      if (sub === 'test') return r('test', 'runs the Go tests (go test)');
      if (sub === 'vet') return r('lint', 'runs go vet');
      if (sub === 'build') return r('build', 'builds the Go packages (go build)');
      if (sub === 'run') return r('project-script', 'runs a Go program (go run)');
      if (sub === 'generate' || sub === 'install' || sub === 'fmt' || sub === 'get' || sub === 'clean' || sub === 'work') return r('setup', `go ${sub}, which changes files or the module`);
      if (sub === 'mod') return tail[0] === 'verify' || tail[0] === 'graph' || tail[0] === 'why' ? r('status-query', `go mod ${tail[0]}`) : r('setup', `go mod ${tail[0] ?? ''}, which changes the module`.trim());
      if (sub === 'list' || sub === 'version' || sub === 'env' || sub === 'doc') return r('status-query', `go ${sub}`);
      if (sub === 'tool') return r('project-script', `go tool ${tail[0] ?? ''}`.trim());
      return r('unknown', `go ${sub ?? ''}`.trim());
    }
    case 'gofmt':
    case 'goimports':
    case 'gofumpt':
      if (has(args, '-w')) return r('setup', `${name} -w, which rewrites files`);
      if (has(args, '-l', '-d')) return r('lint', `${name} lists unformatted files`);
      return r('helper', `${name} prints formatted source`, { needsResult: true });
    case 'golangci-lint':
      return op() === 'run' || op() === undefined ? r('lint', 'runs golangci-lint') : r('status-query', `golangci-lint ${op()}`);
    case 'staticcheck':
    case 'govulncheck':
    case 'revive':
    case 'errcheck':
    case 'ineffassign':
    case 'gosec':
    case 'deadcode':
    case 'nilaway':
    case 'shellcheck':
    case 'hadolint':
    case 'actionlint':
    case 'yamllint':
    case 'tflint':
    case 'checkov':
    case 'markdownlint':
    case 'markdownlint-cli2':
    case 'flake8':
    case 'pylint':
    case 'bandit':
    case 'pyflakes':
    case 'pycodestyle':
    case 'pydocstyle':
    case 'vulture':
    case 'stylelint':
    case 'oxlint':
    case 'knip':
    case 'depcheck':
    case 'commitlint':
    case 'editorconfig-checker':
    case 'codespell':
      return r('lint', `runs ${name}`);
    case 'sqlc':
      return op() === 'generate' ? r('setup', 'sqlc generate, which writes code') : r('lint', `sqlc ${op() ?? ''}`.trim());
    case 'buf':
      return op() === 'generate' ? r('setup', 'buf generate, which writes code') : op() === 'build' ? r('build', 'buf build') : op() === 'push' ? r('state-changing', 'buf push, which publishes') : r('lint', `buf ${op() ?? ''}`.trim());
    case 'templ':
    case 'mockgen':
    case 'wire':
    case 'protoc':
    case 'oapi-codegen':
      return r('setup', `${name}, which writes code`);
    case 'gotestsum':
    case 'ginkgo':
    case 'richgo':
      return r('test', `runs the Go tests (${name})`);
    // --- migrations
    case 'goose': {
      const i = args.findIndex((a, k) => !a.startsWith('-') && !(k > 0 && GOOSE_VALUED.has(args[k - 1]!)) && (GOOSE_QUERY.has(a) || GOOSE_SETUP.has(a) || GOOSE_DESTRUCTIVE.has(a)));
      const sub = i >= 0 ? args[i]! : undefined;
      if (sub && GOOSE_QUERY.has(sub)) return r('status-query', `goose ${sub}, which shows the migrations' state`);
      if (sub && GOOSE_DESTRUCTIVE.has(sub)) return r('state-changing', `goose ${sub}, which rolls migrations back${sub === 'redo' ? ' and re-applies the last' : ''}`);
      if (sub) return r('setup', `goose ${sub}, which ${sub.startsWith('up') ? 'applies migrations' : 'writes migration files'}`);
      return r('unknown', 'goose without a command');
    }
    case 'alembic': {
      const sub = args[skipOptions(args, 0, new Set(['-c', '--config', '-n', '--name', '-x']))];
      if (sub && ['current', 'heads', 'history', 'check', 'show', 'branches'].includes(sub)) return r('status-query', `alembic ${sub}`);
      if (sub === 'downgrade' || sub === 'stamp') return r('state-changing', `alembic ${sub}, which rolls migrations back or rewrites their record`);
      if (sub) return r('setup', `alembic ${sub}`);
      return r('unknown', 'alembic without a command');
    }
    case 'migrate':
    case 'dbmate':
    case 'tern':
    case 'atlas':
    case 'flyway':
    case 'liquibase': {
      const words = args.filter((a) => !a.startsWith('-'));
      if (words.some((w) => ['status', 'version', 'validate', 'info', 'lint', 'inspect', 'diff'].includes(w))) return r('status-query', `${name} ${words.join(' ')}`.trim());
      if (words.some((w) => ['down', 'drop', 'force', 'goto', 'rollback', 'clean', 'reset', 'repair', 'undo'].includes(w)) || (name === 'atlas' && words.includes('apply'))) return r('state-changing', `${name} ${words.slice(0, 2).join(' ')}, which rolls back or rewrites the schema`);
      return r('setup', `${name} ${words.slice(0, 2).join(' ')}`.trim());
    }
    // --- JavaScript package managers
    case 'npm': {
      joinDir(optionValue(args, ['--prefix', '-C']));
      const ws = optionValue(args, ['-w', '--workspace']);
      if (ws) out.workspace = ws;
      const i = skipOptions(args, 0, NPM_VALUED);
      const sub = args[i];
      const rest = args.slice(i + 1);
      out.args = args.slice(i);
      if (sub === undefined) return r('unknown', 'npm without a command');
      if (['test', 't', 'tst'].includes(sub)) return r('test', 'runs the tests (npm test)');
      if (['run', 'run-script', 'rum', 'urn'].includes(sub)) {
        const j = skipOptions(rest, 0, NPM_VALUED);
        return runScript('npm', rest[j], rest.slice(j + 1));
      }
      if (['start', 'restart', 'stop'].includes(sub)) return runScript('npm', sub, rest);
      if (['ci', 'install', 'i', 'add', 'uninstall', 'remove', 'rm', 'update', 'up', 'rebuild', 'dedupe', 'prune', 'link', 'init', 'create'].includes(sub)) return r('setup', `npm ${sub}, which changes the installed packages`);
      if (['publish', 'unpublish', 'deprecate', 'dist-tag', 'owner', 'access', 'version', 'login', 'logout', 'adduser', 'token', 'star'].includes(sub)) return r('state-changing', `npm ${sub}, which publishes or changes the package`);
      if (sub === 'audit') return has(rest, 'fix') ? r('setup', 'npm audit fix') : r('lint', 'npm audit');
      if (['ls', 'list', 'outdated', 'view', 'info', 'show', 'doctor', 'why', 'explain', 'query', 'pkg', 'config', 'search', 'bin', 'root', 'prefix'].includes(sub)) return r('status-query', `npm ${sub}`);
      if (sub === 'pack') return r('build', 'npm pack');
      if (sub === 'exec' || sub === 'x') return r('unknown', 'npm exec');
      return r('unknown', `npm ${sub}`);
    }
    case 'pnpm': {
      joinDir(optionValue(args, ['--dir', '-C']));
      const f = optionValue(args, ['--filter', '-F']);
      if (f) out.workspace = f;
      const i = skipOptions(args, 0, PNPM_VALUED);
      const sub = args[i];
      const rest = args.slice(i + 1);
      out.args = args.slice(i);
      if (sub === undefined) return r('unknown', 'pnpm without a command');
      if (sub === 'test' || sub === 't' || sub === 'tst') return r('test', 'runs the tests (pnpm test)');
      if (sub === 'run' || sub === 'run-script') {
        const j = skipOptions(rest, 0, PNPM_VALUED);
        return runScript('pnpm', rest[j], rest.slice(j + 1));
      }
      if (['add', 'install', 'i', 'update', 'up', 'upgrade', 'remove', 'rm', 'uninstall', 'un', 'link', 'ln', 'unlink', 'import', 'rebuild', 'rb', 'prune', 'fetch', 'patch', 'patch-commit', 'dedupe', 'store', 'init', 'setup', 'env', 'deploy'].includes(sub)) return r('setup', `pnpm ${sub}, which changes the installed packages`);
      if (['publish', 'version'].includes(sub)) return r('state-changing', `pnpm ${sub}, which publishes or changes the package`);
      if (['list', 'ls', 'll', 'la', 'why', 'outdated', 'licenses', 'root', 'bin', 'config', 'view', 'info'].includes(sub)) return r('status-query', `pnpm ${sub}`);
      if (sub === 'audit') return r('lint', 'pnpm audit');
      if (sub === 'exec' || sub === 'dlx' || sub === 'create') {
        const j = skipOptions(rest, 0, PNPM_VALUED);
        if (j < rest.length) return classifyInner(`pnpm ${sub}`, rest.slice(j), out, joinDir);
        return r('unknown', `pnpm ${sub}`);
      }
      // pnpm runs a package script by its name
      return runScript('pnpm', sub, rest);
    }
    case 'yarn': {
      joinDir(optionValue(args, ['--cwd']));
      let i = skipOptions(args, 0, YARN_VALUED);
      let sub = args[i];
      if (sub === 'workspace' && args[i + 1]) {
        out.workspace = args[i + 1]!;
        i += 2;
        sub = args[i];
      } else if (sub === 'workspaces') {
        // yarn workspaces foreach [opts] run <script> / yarn workspaces run <script> (v1)
        out.workspace = '*';
        const k = args.indexOf('run', i);
        if (k >= 0) return runScript('yarn', args[k + 1], args.slice(k + 2));
        return r('status-query', `yarn workspaces ${args[i + 1] ?? ''}`.trim());
      }
      const rest = args.slice(i + 1);
      out.args = args.slice(i);
      if (sub === undefined) return r('setup', 'yarn, which installs the packages');
      if (sub === 'test') return r('test', 'runs the tests (yarn test)');
      if (sub === 'run') return runScript('yarn', rest[skipOptions(rest, 0, YARN_VALUED)], rest.slice(skipOptions(rest, 0, YARN_VALUED) + 1));
      if (['add', 'install', 'remove', 'upgrade', 'up', 'link', 'unlink', 'import', 'init', 'set', 'plugin', 'rebuild', 'dedupe'].includes(sub)) return r('setup', `yarn ${sub}, which changes the installed packages`);
      if (['publish', 'version', 'npm'].includes(sub)) return r('state-changing', `yarn ${sub}, which publishes or changes the package`);
      if (['why', 'info', 'list', 'outdated', 'config', 'bin', 'constraints'].includes(sub)) return r('status-query', `yarn ${sub}`);
      if (sub === 'audit' || sub === 'npm') return r('lint', 'yarn audit');
      if (sub === 'dlx' || sub === 'exec' || sub === 'create') return rest.length ? classifyInner(`yarn ${sub}`, rest, out, joinDir) : r('unknown', `yarn ${sub}`);
      return runScript('yarn', sub, rest);
    }
    case 'bun': {
      const sub = args[0];
      if (sub === 'test') return r('test', 'runs the tests (bun test)');
      if (sub === 'run') return args[1] && isScriptPath(args[1]) ? scriptFile(args[1]) : runScript('bun', args[1], args.slice(2));
      if (sub === 'x') return args.length > 1 ? classifyInner('bun x', args.slice(1), out, joinDir) : r('unknown', 'bun x');
      if (['install', 'i', 'add', 'remove', 'rm', 'update', 'link', 'init', 'create'].includes(sub ?? '')) return r('setup', `bun ${sub}`);
      if (sub === 'build') return r('build', 'bun build');
      if (sub === 'publish') return r('state-changing', 'bun publish');
      if (sub && isScriptPath(sub)) return scriptFile(sub);
      return sub ? runScript('bun', sub, args.slice(1)) : r('unknown', 'bun');
    }
    case 'deno': {
      const sub = args[0];
      if (sub === 'test' || sub === 'bench') return r('test', `deno ${sub}`);
      if (sub === 'lint') return r('lint', 'deno lint');
      if (sub === 'check') return r('typecheck', 'deno check');
      if (sub === 'fmt') return has(args, '--check') ? r('lint', 'deno fmt --check') : r('setup', 'deno fmt, which rewrites files');
      if (sub === 'task') return runScript('deno task', args[1], args.slice(2));
      if (sub === 'run') return r('project-script', `deno run ${args.filter((a) => !a.startsWith('-'))[1] ?? ''}`.trim());
      return r('unknown', `deno ${sub ?? ''}`.trim());
    }
    case 'turbo':
    case 'nx':
    case 'lerna':
    case 'wireit': {
      const words = args.filter((a) => !a.startsWith('-'));
      if (name === 'nx' && words[0] === 'run' && words[1]) return runScript(name, words[1].split(':').pop(), []);
      if (name === 'nx' && words[0] === 'affected') return runScript(name, optionValue(args, ['-t', '--target', '--targets']) ?? 'test', []);
      const target = words[0] === 'run' || words[0] === 'run-many' ? words[1] ?? optionValue(args, ['-t', '--target']) ?? undefined : words[0];
      return runScript(name, target, []);
    }
    // --- JavaScript tools
    case 'vitest': {
      const sub = op();
      if (sub === 'bench') return r('test', 'runs the benchmarks (vitest bench)');
      if (has(args, '--watch', '-w') || sub === 'watch' || sub === 'dev') return r('unknown', 'vitest in watch mode, which keeps running');
      return r('test', 'runs the tests (vitest)');
    }
    case 'jest':
    case 'mocha':
    case 'ava':
    case 'tap':
    case 'karma':
    case 'jasmine':
    case 'uvu':
    case 'test-storybook':
    case 'wdio':
      return has(args, '--watch', '--watchAll') ? r('unknown', `${name} in watch mode, which keeps running`) : r('test', `runs the tests (${name})`);
    case 'playwright':
      if (op() === 'test') return r('test', 'runs the Playwright tests');
      if (op() === 'install') return r('setup', 'playwright install');
      return r('unknown', `playwright ${op() ?? ''}`.trim());
    case 'cypress':
      return op() === 'run' ? r('test', 'runs the Cypress tests') : r('unknown', `cypress ${op() ?? ''}, which opens a window`.trim());
    case 'eslint':
    case 'biome':
    case 'prettier':
    case 'dprint':
    case 'standard':
    case 'xo': {
      if (has(args, '--write', '-w', '--apply', '--apply-unsafe') || (name === 'biome' && op() === 'format' && !has(args, '--check'))) return r('setup', `${name}, which rewrites files`);
      if (name === 'prettier' && !has(args, '--check', '-c', '--list-different', '-l')) return r('helper', 'prettier prints formatted source', { needsResult: true });
      return r('lint', `runs ${name}`);
    }
    case 'tsc':
    case 'vue-tsc':
    case 'svelte-check':
    case 'tsgo':
      if (name === 'svelte-check' || has(args, '--noEmit', '-noEmit') || name === 'vue-tsc') return r('typecheck', `type-checks the TypeScript (${name})`);
      if (has(args, '--build', '-b', '-p', '--project') || args.length === 0) return r('build', `compiles the TypeScript (${name})`);
      return r('build', `compiles the TypeScript (${name})`);
    case 'vite':
    case 'next':
    case 'nuxt':
    case 'astro':
    case 'webpack':
    case 'rollup':
    case 'esbuild':
    case 'tsup':
    case 'parcel': {
      const sub = op();
      if (sub === 'build' || ['webpack', 'rollup', 'esbuild', 'tsup'].includes(name)) return has(args, '--watch', '-w') ? r('unknown', `${name} in watch mode`) : r('build', `builds with ${name}`);
      if (sub === 'lint') return r('lint', `${name} lint`);
      return r('unknown', `${name} ${sub ?? 'dev'}, which starts a server that keeps running`);
    }
    case 'node':
    case 'nodejs':
    case 'tsx':
    case 'ts-node':
    case 'vite-node': {
      if (has(args, '--test')) return r('test', 'runs the tests (node --test)');
      const script = args.find((a) => !a.startsWith('-'));
      if (script) return scriptFile(script);
      return r('unknown', `${name} without a script`);
    }
    // --- Python
    case 'pytest':
    case 'py.test':
    case 'unittest':
    case 'tox':
    case 'nox':
    case 'behave':
    case 'nose2':
    case 'ward':
      return r('test', `runs the tests (${name})`);
    case 'coverage':
      return op() === 'run' ? r('test', 'runs the tests under coverage') : r('status-query', `coverage ${op() ?? ''}`.trim());
    case 'mypy':
    case 'pyright':
    case 'pytype':
    case 'pyre':
    case 'basedpyright':
      return r('typecheck', `type-checks the Python (${name})`);
    case 'ruff':
      if (op() === 'format') return has(args, '--check', '--diff') ? r('lint', 'ruff format --check') : r('setup', 'ruff format, which rewrites files');
      return r('lint', 'runs ruff');
    case 'black':
    case 'isort':
    case 'autopep8':
    case 'yapf':
      return has(args, '--check', '--check-only', '--diff') ? r('lint', `${name} --check`) : r('setup', `${name}, which rewrites files`);
    case 'pip':
    case 'pip3':
    case 'pipx':
      return ['list', 'show', 'freeze', 'check', 'inspect'].includes(op() ?? '') ? r('status-query', `${name} ${op()}`) : r('setup', `${name} ${op() ?? ''}, which changes the installed packages`.trim());
    case 'manage.py':
    case 'django-admin': {
      const sub = op();
      if (sub === 'test') return r('test', 'runs the Django tests');
      if (sub === 'check' || sub === 'makemigrations' && has(args, '--check')) return r('lint', `django ${sub}`);
      if (sub === 'showmigrations') return r('status-query', 'django showmigrations');
      if (sub === 'flush' || sub === 'reset_db' || sub === 'sqlflush') return r('state-changing', `django ${sub}, which deletes data`);
      if (sub === 'runserver') return r('unknown', 'django runserver, which keeps running');
      return r('setup', `django ${sub ?? ''}`.trim());
    }
    case 'uvicorn':
    case 'gunicorn':
    case 'flask':
    case 'fastapi':
    case 'air':
    case 'nodemon':
      return r('unknown', `${name}, which starts a server that keeps running`);
    // --- build tools and task runners
    case 'make':
    case 'gmake':
    case 'just':
    case 'task':
    case 'mage':
    case 'rake':
    case 'invoke': {
      if (name === 'make' || name === 'gmake') joinDir(optionValue(args, ['-C', '--directory']));
      const valued = new Set(['-C', '--directory', '-f', '--file', '--makefile', '-j', '--jobs', '-l', '-I', '-o', '-W', '-d', '--justfile', '--working-directory', '-t', '--taskfile', '--dir']);
      const targets: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (valued.has(a)) i++;
        else if (a.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) continue;
        else targets.push(a);
      }
      if (has(args, '-n', '--dry-run', '--just-print', '--list', '-l', '--summary')) return r('status-query', `${name} --dry-run`);
      if (targets.length === 0) return r('project-script', `the default ${name} target`);
      const kinds = targets.map((t) => classifyScriptName(t));
      const bad = kinds.find((k) => k.kind === 'state-changing');
      if (bad) return r('state-changing', `the ${name} target ${targets[kinds.indexOf(bad)]}, which by its name deploys, resets or destroys`);
      const check = kinds.find((k) => CHECK_KINDS.has(k.kind));
      const k = check ?? kinds[0]!;
      return r(k.kind, `the ${name} target ${targets[kinds.indexOf(k)]}`);
    }
    case 'cargo': {
      const sub = op();
      if (sub === 'test' || sub === 'nextest' || sub === 'bench') return r('test', `cargo ${sub}`);
      if (sub === 'clippy' || sub === 'audit' || sub === 'deny') return r('lint', `cargo ${sub}`);
      if (sub === 'check') return r('typecheck', 'cargo check');
      if (sub === 'build' || sub === 'doc') return r('build', `cargo ${sub}`);
      if (sub === 'fmt') return has(args, '--check') ? r('lint', 'cargo fmt --check') : r('setup', 'cargo fmt, which rewrites files');
      if (sub === 'publish' || sub === 'yank') return r('state-changing', `cargo ${sub}`);
      if (sub === 'run') return r('project-script', 'cargo run');
      return r('setup', `cargo ${sub ?? ''}`.trim());
    }
    case 'mvn':
    case 'mvnw':
    case './mvnw':
    case 'gradle':
    case 'gradlew':
    case 'dotnet':
    case 'swift':
    case 'mix':
    case 'sbt':
    case 'lein':
    case 'ctest':
    case 'phpunit':
    case 'rspec':
    case 'composer': {
      const words = args.filter((a) => !a.startsWith('-'));
      if (words.some((w) => /^(test|verify|check|spec)$/.test(w)) || ['ctest', 'phpunit', 'rspec'].includes(name)) return r('test', `runs the tests (${name})`);
      if (words.some((w) => /^(deploy|publish|release)$/.test(w))) return r('state-changing', `${name} ${words[0]}`);
      if (words.some((w) => /^(build|package|compile|assemble|install)$/.test(w))) return r('build', `builds with ${name}`);
      if (words.some((w) => /^(lint|format|spotless:check|checkstyle:check)$/.test(w))) return r('lint', `${name} lint`);
      return r('unknown', `${name} ${words[0] ?? ''}`.trim());
    }
    // --- databases
    case 'psql':
      return psql(args);
    case 'sqlite3':
    case 'mysql':
    case 'mariadb':
    case 'duckdb':
    case 'clickhouse-client': {
      const sql = optionValue(args, ['-e', '--execute', '-c', '--query', '-q']) ?? (name === 'sqlite3' || name === 'duckdb' ? args.filter((a) => !a.startsWith('-'))[1] : undefined);
      if (sql) return classifySql(name, sql);
      return r('unknown', `${name} without a statement`);
    }
    case 'redis-cli': {
      const i = skipOptions(args, 0, new Set(['-h', '-p', '-a', '-n', '-u', '-s', '--user', '--pass']));
      const c = (args[i] ?? '').toUpperCase();
      if (['FLUSHALL', 'FLUSHDB', 'DEL', 'UNLINK', 'SET', 'HSET', 'LPUSH', 'RPUSH', 'EXPIRE', 'RENAME', 'SHUTDOWN', 'CONFIG', 'DEBUG', 'EVAL', 'SCRIPT', 'INCR', 'DECR', 'SADD', 'SREM', 'ZADD', 'ZREM', 'XADD', 'PUBLISH'].includes(c)) return r('state-changing', `redis-cli ${c}, which changes data`);
      if (c) return r('status-query', `redis-cli ${c}`, { needsResult: true });
      return r('unknown', 'redis-cli without a command');
    }
    // --- HTTP
    case 'curl':
    case 'wget':
    case 'http':
    case 'https':
    case 'xh':
    case 'httpie':
    case 'grpcurl':
    case 'websocat': {
      const method = (optionValue(args, ['-X', '--request']) ?? (has(args, '-d', '--data', '--data-raw', '--data-binary', '--json', '-F', '--form') ? 'POST' : 'GET')).toUpperCase();
      return r('status-query', `sends an HTTP ${method} request (${name})`, { needsResult: true });
    }
    case 'hey':
    case 'ab':
    case 'wrk':
    case 'k6':
    case 'vegeta':
    case 'artillery':
      return r('test', `runs a load test (${name})`);
    // --- containers, clusters, infrastructure
    case 'docker':
    case 'podman':
    case 'docker-compose':
    case 'podman-compose':
      return containerCommand(name, args);
    case 'kubectl':
    case 'oc': {
      const sub = op();
      if (['get', 'describe', 'logs', 'top', 'version', 'diff', 'explain', 'api-resources', 'cluster-info', 'events', 'wait'].includes(sub ?? '') || (sub === 'auth' && op(1) === 'can-i') || (sub === 'rollout' && op(1) === 'status')) return r('status-query', `${name} ${sub}`);
      return r('state-changing', `${name} ${sub ?? ''}, which changes the cluster`.trim());
    }
    case 'helm': {
      const sub = op();
      if (['lint', 'template'].includes(sub ?? '')) return r('lint', `helm ${sub}`);
      if (['list', 'ls', 'status', 'get', 'show', 'version', 'diff', 'history', 'search'].includes(sub ?? '')) return r('status-query', `helm ${sub}`);
      return r('state-changing', `helm ${sub ?? ''}, which changes the cluster`.trim());
    }
    case 'terraform':
    case 'tofu':
    case 'pulumi': {
      const sub = op();
      if (sub === 'validate' || (sub === 'fmt' && has(args, '-check', '--check'))) return r('lint', `${name} ${sub}`);
      if (['plan', 'show', 'output', 'version', 'providers', 'graph', 'preview'].includes(sub ?? '') || (sub === 'state' && op(1) === 'list')) return r('status-query', `${name} ${sub}`);
      if (sub === 'init' || sub === 'fmt' || sub === 'get') return r('setup', `${name} ${sub}`);
      return r('state-changing', `${name} ${sub ?? ''}, which changes infrastructure`.trim());
    }
    // --- version control
    case 'git': {
      let a = args;
      while (a[0] === '-C' || a[0] === '-c' || a[0] === '--git-dir' || a[0] === '--work-tree') {
        if (a[0] === '-C') joinDir(a[1] ?? null);
        a = a.slice(2);
      }
      const sub = a[0];
      out.args = a;
      const rest = a.slice(1);
      if (['status', 'diff', 'log', 'show', 'ls-files', 'ls-tree', 'grep', 'rev-parse', 'describe', 'blame', 'cat-file', 'shortlog', 'rev-list', 'merge-base', 'check-ignore', 'check-attr', 'whatchanged', 'reflog', 'count-objects', 'fsck', 'verify-commit', 'verify-tag', 'name-rev', 'for-each-ref', 'show-ref', 'ls-remote', 'version', 'help'].includes(sub ?? '')) return r('status-query', `git ${sub}`);
      if (sub === 'branch' && !has(rest, '-d', '-D', '--delete', '-m', '-M', '--move', '-c', '-C', '-f', '--force', '-u', '--set-upstream-to') && rest.filter((x) => !x.startsWith('-')).length === 0) return r('status-query', 'git branch');
      if (sub === 'tag' && (rest.length === 0 || has(rest, '-l', '--list'))) return r('status-query', 'git tag --list');
      if (sub === 'remote' && (rest.length === 0 || rest[0] === '-v' || rest[0] === 'show' || rest[0] === 'get-url')) return r('status-query', 'git remote');
      if (sub === 'config' && has(rest, '--get', '--list', '-l', '--get-all')) return r('status-query', 'git config --get');
      if (sub === 'stash' && (rest[0] === 'list' || rest[0] === 'show')) return r('status-query', `git stash ${rest[0]}`);
      return r('state-changing', `git ${sub ?? ''}, which changes the repository${sub === 'push' ? ' and the remote' : ''}`.replace(' ,', ','));
    }
    case 'gh':
    case 'glab': {
      const words = args.filter((a) => !a.startsWith('-'));
      if (['view', 'list', 'status', 'checks', 'diff', 'watch'].includes(words[1] ?? '') || words[0] === 'api' && !has(args, '-X', '--method')) return r('status-query', `${name} ${words.slice(0, 2).join(' ')}`);
      return r('state-changing', `${name} ${words.slice(0, 2).join(' ')}, which changes the hosted repository`.trim());
    }
    // --- files and processes
    case 'rm':
    case 'rmdir':
    case 'shred':
    case 'unlink':
    case 'dd':
    case 'mkfs':
    case 'truncate':
    case 'mv':
    case 'chmod':
    case 'chown':
    case 'chgrp':
    case 'kill':
    case 'pkill':
    case 'killall':
    case 'shutdown':
    case 'reboot':
    case 'halt':
    case 'poweroff':
    case 'systemctl':
    case 'service':
    case 'crontab':
    case 'wipefs':
    case 'fdisk':
    case 'parted':
    case 'iptables':
    case 'userdel':
    case 'useradd':
    case 'passwd':
      if ((name === 'systemctl' || name === 'service') && ['status', 'is-active', 'is-enabled', 'list-units', 'show'].includes(op() ?? '')) return r('status-query', `${name} ${op()}`);
      if (name === 'crontab' && has(args, '-l')) return r('status-query', 'crontab -l');
      return r('state-changing', `${name}, which ${['rm', 'rmdir', 'shred', 'unlink', 'dd', 'mkfs', 'truncate', 'wipefs'].includes(name) ? 'deletes or overwrites data' : name === 'mv' ? 'moves files' : 'changes the system'}`);
    case 'find':
      if (has(args, '-delete') || args.some((a, i) => (a === '-exec' || a === '-execdir' || a === '-ok') && ['rm', 'mv', 'shred', 'chmod', 'chown'].includes(base(args[i + 1] ?? '')))) return r('state-changing', 'find … -delete / -exec rm, which deletes files');
      return r('helper', 'find lists files', { needsResult: true });
    case 'sed':
    case 'perl':
      if (args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'))) return r('setup', `${name} -i, which rewrites files`);
      return r('helper', `${name} filters text`);
    case 'cp':
    case 'mkdir':
    case 'touch':
    case 'ln':
    case 'install':
    case 'tar':
    case 'unzip':
    case 'gzip':
    case 'gunzip':
    case 'rsync':
    case 'patch':
      return r('setup', `${name}, which writes files`);
    case 'test':
    case '[':
    case '[[':
      return r('status-query', 'tests a file or a value (test)');
    case 'grep':
    case 'egrep':
    case 'fgrep':
    case 'rg':
    case 'ag':
    case 'ack':
    case 'diff':
    case 'cmp':
    case 'comm':
    case 'sha256sum':
    case 'shasum':
    case 'md5sum':
      return r('status-query', `${name}, which exits non-zero when it finds no match or a difference`);
    case 'jq':
    case 'yq':
      return has(args, '-e', '--exit-status') ? r('status-query', `${name} -e`) : r('helper', `${name} filters JSON`, { needsResult: true });
    case 'ls':
    case 'cat':
    case 'head':
    case 'tail':
    case 'wc':
    case 'stat':
    case 'file':
    case 'tree':
    case 'du':
    case 'df':
    case 'ps':
    case 'pgrep':
    case 'lsof':
    case 'ss':
    case 'netstat':
    case 'nc':
    case 'dig':
    case 'nslookup':
    case 'ping':
    case 'openssl':
    case 'which':
    case 'type':
    case 'whoami':
    case 'id':
    case 'date':
    case 'pwd':
    case 'realpath':
    case 'readlink':
    case 'basename':
    case 'dirname':
    case 'uname':
    case 'hostname':
    case 'printenv':
    case 'hexdump':
    case 'xxd':
    case 'od':
    case 'strings':
    case 'less':
    case 'more':
      return r('helper', `${name} prints`, { needsResult: true });
    case 'echo':
    case 'printf':
    case 'true':
    case 'false':
    case ':':
    case 'sleep':
    case 'exit':
    case 'tee':
    case 'sort':
    case 'uniq':
    case 'cut':
    case 'tr':
    case 'awk':
    case 'gawk':
    case 'column':
    case 'paste':
    case 'join':
    case 'fold':
    case 'rev':
    case 'nl':
    case 'cd':
    case 'pushd':
    case 'popd':
    case 'export':
    case 'set':
    case 'unset':
    case 'source':
    case '.':
    case 'local':
    case 'declare':
    case 'readonly':
    case 'eval':
    case 'wait':
    case 'trap':
    case 'shift':
    case 'read':
    case 'return':
    case 'watch':
    case 'yes':
    case 'seq':
    case 'envsubst':
    case 'base64':
      if (name === 'eval' || name === 'source' || name === '.') return r('project-script', `${name}, which runs shell code`);
      return r('helper', name === 'cd' ? 'changes the directory' : `${name} (plumbing)`);
    case 'spec': {
      const sub = op();
      if (sub === 'lint') return r('lint', 'spec lint');
      if (sub === 'verify') return r('test', 'spec verify');
      if (sub === 'tasks' || sub === 'inspect' || sub === 'rules') return r('status-query', `spec ${sub}`);
      return r('setup', `spec ${sub ?? ''}`.trim());
    }
    default:
      if (SHELLS.has(name)) {
        const script = args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
        if (script) return scriptFile(script);
        return r('unknown', `${name} without a script`);
      }
      if (/^python[0-9.]*$|^pypy[0-9.]*$|^ruby$|^php$|^Rscript$|^lua$|^pwsh$|^powershell$/.test(name)) {
        const script = args.find((a) => !a.startsWith('-'));
        if (script === 'manage.py' || script?.endsWith('/manage.py')) return classifyProgram('manage.py', 'manage.py', args.slice(args.indexOf(script) + 1), out, joinDir);
        if (script) return scriptFile(script);
        return r('unknown', `${name} without a script`);
      }
      return r('unknown', `${program}, a program spec does not know`, { known: false });
  }
}

function classifyInner(via: string, argv: string[], out: Classified, joinDir: (d: string | null) => void): Partial<Classified> & { kind: CommandKind; what: string } {
  out.wrappers.push(via);
  out.program = argv[0]!;
  out.args = argv.slice(1);
  return classifyProgram(base(argv[0]!), argv[0]!, argv.slice(1), out, joinDir);
}

function containerCommand(name: string, args: string[]): Partial<Classified> & { kind: CommandKind; what: string } {
  const compose = name.endsWith('compose') || args[0] === 'compose';
  const a = name.endsWith('compose') ? args : args[0] === 'compose' ? args.slice(1) : args;
  const i = compose ? skipOptions(a, 0, COMPOSE_GLOBAL_VALUED, false) : 0;
  const sub = a[i];
  const rest = a.slice(i + 1);
  const label = compose ? `${name === 'docker' || name === 'podman' ? `${name} compose` : name} ${sub ?? ''}`.trim() : `${name} ${sub ?? ''}`.trim();
  if (['ps', 'logs', 'config', 'ls', 'top', 'images', 'version', 'info', 'inspect', 'port', 'events', 'stats', 'history', 'search'].includes(sub ?? '')) return r('status-query', label);
  if (sub === 'build' || sub === 'buildx') return r('build', label);
  if (['up', 'start', 'pull', 'create', 'restart', 'tag', 'cp', 'wait', 'load', 'import'].includes(sub ?? '')) return r('setup', `${label}, which starts or prepares containers`);
  if (['down', 'rm', 'rmi', 'kill', 'stop', 'prune', 'system', 'volume', 'network', 'image', 'container', 'push', 'login', 'logout', 'pause'].includes(sub ?? '')) {
    if ((sub === 'volume' || sub === 'network' || sub === 'image' || sub === 'container') && ['ls', 'list', 'inspect'].includes(rest[0] ?? '')) return r('status-query', `${label} ${rest[0]}`);
    return r('state-changing', `${label}, which ${sub === 'push' ? 'publishes an image' : 'removes or stops containers, images or volumes'}`);
  }
  return r('unknown', label);
}

function psql(args: string[]): Partial<Classified> & { kind: CommandKind; what: string } {
  const sql: string[] = [];
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === '-c' || a === '--command') && i + 1 < args.length) sql.push(args[++i]!);
    else if (a.startsWith('--command=')) sql.push(a.slice(10));
    else if (/^-c./.test(a)) sql.push(a.slice(2));
    else if ((a === '-f' || a === '--file') && i + 1 < args.length) file = args[++i]!;
    else if (a.startsWith('--file=')) file = a.slice(7);
  }
  if (sql.length) {
    const kinds = sql.map((s) => classifySql('psql', s));
    return kinds.find((k) => k.kind === 'state-changing') ?? kinds[0]!;
  }
  if (file) return file === '-' ? r('unknown', 'psql reading SQL from its input') : { ...scriptFile(file), what: `runs the SQL file ${file} (psql -f)` };
  return r('unknown', 'psql without -c or -f (an interactive session)');
}

const READ_SQL = /^(select|show|explain|table|values|with|\\d\S*|\\l\S*|\\dt\S*|\\x|\\conninfo|\\echo|\\timing|\\pset|begin|commit|rollback|end|start|set|reset|listen|fetch|declare|close|prepare|execute|discard|deallocate)$/i;

/** A statement's effect by its first keyword: reads are status queries, everything else changes state. */
export function classifySql(via: string, text: string): Partial<Classified> & { kind: CommandKind; what: string } {
  const stripped = text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, "''");
  const statements = stripped
    .split(/;|\\\\/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of statements) {
    const words = s.split(/\s+/);
    const first = words[0]!.replace(/\(+/, '');
    const upper = s.toUpperCase();
    const writes = /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|DROP|ALTER|CREATE|GRANT|REVOKE)\b/.exec(upper);
    if (/^explain$/i.test(first) && /\bANALY[SZ]E\b/.test(upper) && writes) return r('state-changing', `${via} runs ${writes[1]} (EXPLAIN ANALYZE executes it)`);
    if (/^with$/i.test(first) && writes && writes[1] !== 'CREATE') return r('state-changing', `${via} runs ${writes[1]} inside WITH, which changes data`);
    if (first.startsWith('\\')) {
      if (/^\\(copy|i|ir|include|o|out|!|gexec|g)$/i.test(first)) return r(first === '\\copy' && /\bfrom\b/i.test(s) ? 'state-changing' : 'project-script', `${via} ${first}`);
      continue;
    }
    if (/^select$/i.test(first) && /\bINTO\b\s+(?!STRICT)/.test(upper) && !/\bINTO\s+@/.test(upper)) return r('state-changing', `${via} runs SELECT … INTO, which creates a table`);
    if (!READ_SQL.test(first)) return r('state-changing', `${via} runs ${first.toUpperCase()}, which changes the database`);
  }
  return r('status-query', `${via} queries the database`, { needsResult: false });
}
