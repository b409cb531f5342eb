/** `spec lint [paths…]`: lint specs; exit 0 clean, 1 lint errors (or too many warnings), 2 usage/config/internal. */
import type { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { action, intOption } from './shared.js';
import { ConfigError, UsageError } from '../errors.js';
import { setWarmUpHint } from '../resident/hint.js';
import type { EffectiveConfig, RuleSetting } from '../lint/config.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Whether to colour: --color / --no-color, then FORCE_COLOR (0/false: never), NO_COLOR, then a terminal not redirected to a file. */
export function useColor(opts: { color?: boolean; outputFile?: string }, env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (opts.color === false) return false;
  if (opts.color === true) return true;
  if ('FORCE_COLOR' in env) {
    const v = (env.FORCE_COLOR ?? '').toLowerCase();
    return v !== '0' && v !== 'false';
  }
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  return !opts.outputFile && isTTY;
}

/**
 * One `--rule` value, as ESLint takes it: `id: severity` or `id: [severity, {options}]` (JSON, or with the
 * severity unquoted). Several may be separated by commas when each is a bare severity.
 */
export function parseRuleOption(value: string): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  const bad = (why: string) => new UsageError(`--rule ${JSON.stringify(value)}: ${why}`, "Write --rule 'category/name: off|warn|error' or --rule 'category/name: [warn, {\"option\": 1}]'.");
  const text = value.trim().replace(/^\{([\s\S]*)\}$/, '$1');
  const parts = /:\s*\[/.test(text) ? [text] : text.split(/,(?=\s*[\w@-]+\/[\w-]+\s*:)/);
  for (const part of parts) {
    const m = /^\s*["']?([^"':\s]+)["']?\s*:\s*([\s\S]+?)\s*$/.exec(part);
    if (!m) throw bad('expected `rule-id: severity`');
    const id = m[1]!;
    let raw = m[2]!;
    let setting: unknown;
    if (raw.startsWith('[')) {
      // [warn, {…}] → ["warn", {…}]
      raw = raw.replace(/^\[\s*([A-Za-z]+)\s*(?=[,\]])/, '["$1"');
      try {
        setting = JSON.parse(raw);
      } catch (err) {
        throw bad(`the value is not valid JSON (${(err as Error).message})`);
      }
    } else setting = /^\d+$/.test(raw) ? Number(raw) : raw.replace(/^["']|["']$/g, '');
    out[id] = setting as RuleSetting;
  }
  return out;
}

/** Applies the command-line options that change the configuration: --rule, --ignore-pattern, inline comments. */
async function applyCliConfig(config: EffectiveConfig, opts: LintCliOptions, cwd: string): Promise<void> {
  if (opts.rule && opts.rule.length > 0) {
    const rules: Record<string, RuleSetting> = {};
    for (const v of opts.rule) Object.assign(rules, parseRuleOption(v));
    const { validateConfig } = await import('../lint/config.js');
    try {
      await validateConfig({ rules }, '--rule');
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message.replace(/^invalid config --rule: rules\./, '--rule '), err.hint);
      throw err;
    }
    // the command line wins over the config and its overrides, as in ESLint
    config.rules = { ...config.rules, ...rules };
    config.overrides = config.overrides.map((o) => ({ ...o, rules: Object.fromEntries(Object.entries(o.rules).filter(([id]) => !(id in rules))) }));
  }
  if (opts.ignorePattern && opts.ignorePattern.length > 0) {
    const { globError } = await import('../lint/glob.js');
    const prefix = relative(config.root, cwd).split(sep).join('/');
    for (const pattern of opts.ignorePattern) {
      const why = globError(pattern);
      if (why) throw new UsageError(`--ignore-pattern ${JSON.stringify(pattern)}: invalid glob: ${why}`, 'Globs are picomatch patterns: escape a literal { } [ ] ( ) with a backslash.');
      const neg = pattern.startsWith('!') ? '!' : '';
      const body = pattern.slice(neg.length).replace(/^\.\//, '');
      // relative to the working directory, as ESLint takes it; the config's ignores are relative to the root
      const rooted = body.startsWith('/') ? body.slice(1) : prefix && !prefix.startsWith('..') ? `${prefix}/${body}` : body;
      config.ignores = [...config.ignores, `${neg}${rooted}`];
    }
  }
  if (opts.inlineConfig === false) config.linterOptions = { ...config.linterOptions, noInlineConfig: true };
  const unused = opts.reportUnusedDisableDirectivesSeverity ?? (opts.reportUnusedDisableDirectives ? 'error' : undefined);
  if (unused !== undefined) {
    const level = ({ off: 'off', warn: 'warn', error: 'error', '0': 'off', '1': 'warn', '2': 'error' } as const)[unused as 'off'];
    if (!level) throw new UsageError(`--report-unused-disable-directives-severity takes off, warn or error, not "${unused}"`);
    config.linterOptions = { ...config.linterOptions, reportUnusedDisableDirectives: level };
  }
}

export interface LintCliOptions {
  config?: string;
  format?: string;
  outputFile?: string;
  quiet?: boolean;
  maxWarnings?: string;
  exec?: boolean;
  printConfig?: string;
  color?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  rule?: string[];
  inlineConfig?: boolean;
  reportUnusedDisableDirectives?: boolean;
  reportUnusedDisableDirectivesSeverity?: string;
  ignorePattern?: string[];
  staged?: boolean;
  changedSince?: string;
  cache?: boolean;
  cacheLocation?: string;
  fix?: boolean;
  fixDryRun?: boolean;
}

export function register(program: Command): void {
  program
    .command('lint')
    .description('lint tech specs against the template, traceability, task, path, migration and code rules')
    .argument('[paths...]', 'spec files, directories or globs (default: the specs directory from config)')
    .option('-c, --config <file>', 'use this config file (spec.config.json, spec.config.jsonc, or a package.json with a "spec" key) instead of the one found from the current directory')
    .option('-f, --format <name>', 'output format: stylish, json, json-with-metadata, sarif, github, gitlab, or a formatter package (spec-formatter-<name>, eslint-formatter-<name>) or file (./formatter.js)')
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--exec', 'also execute every migration in an embedded PostgreSQL')
    .option('--print-config <file>', 'print the effective configuration for a file and exit')
    .option('--color', 'colour the output even when it is not a terminal (FORCE_COLOR=1 does the same)')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR=0 do the same)')
    .option('--stdin', 'lint the text on standard input (as the file --stdin-filename names)')
    .option('--stdin-filename <path>', 'the path standard input is linted as, for the rules that depend on where a spec is (default: stdin.md in the specs directory)')
    .option('--rule <setting>', "a rule setting that wins over the config, in ESLint's form: 'task/size: off', 'trace/er-criteria: [warn, {}]' (repeatable)", collect, [])
    .option('--no-inline-config', 'ignore spec-lint-disable/enable comments in the specs')
    .option('--report-unused-disable-directives', 'report spec-lint-disable comments that suppress nothing, as errors')
    .option('--report-unused-disable-directives-severity <level>', 'the same, with this severity: off, warn or error')
    .option('--ignore-pattern <pattern>', 'do not lint files matching this glob, relative to the current directory, in addition to config ignores (repeatable; !pattern un-ignores)', collect, [])
    .option('--staged', 'lint the staged (index) content of the specs the staged changes touch; file names given are taken as the changed files (pre-commit, lint-staged)')
    .option('--changed-since <ref>', 'lint only the specs changed since this git ref (merge base with HEAD), and the specs that depend on changed PRDs, migrations or config')
    .option('--cache', 'reuse the results of specs whose inputs (text, PRD, repository paths, migrations, config) did not change')
    .option('--cache-location <path>', 'the cache file, or a directory for it (default: spec-cache/ in the git directory, so nothing appears in the work tree; outside git, .spec-cache/ under the repository root)')
    // fixes (src/fix/run.ts)
    .option('--fix', 'apply the fixes of mechanical findings to the files (atomic writes), then report what remains')
    .option('--fix-dry-run', 'compute the fixes without writing; the JSON report carries each fixed text as `output`')
    .action(action(async (paths: string[], opts: LintCliOptions) => runLint(paths, opts)));
}

/**
 * Version candidates in the runner's order (the linted files, then the context files that are not linted;
 * workers.ts `lintMany`), or undefined when one is missing (the runner then reads them itself).
 */
function runOrder(files: string[], contextFiles: string[], known: Map<string, import('../lint/crossspec.js').VersionCandidates>) {
  const linted = new Set(files);
  const order = [...files, ...contextFiles.filter((f) => !linted.has(f))];
  const out = order.map((f) => known.get(f));
  return out.every((c) => c !== undefined) ? (out as import('../lint/crossspec.js').VersionCandidates[]) : undefined;
}

export async function runLint(paths: string[], opts: LintCliOptions): Promise<number> {
  const maxWarnings = intOption('--max-warnings', opts.maxWarnings);
  // ----- fixes: the combinations that make no sense (src/fix/run.ts) -----
  if (opts.fix && opts.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined', 'Use --fix to write the fixes, or --fix-dry-run to see them.');
  if (opts.fix && opts.staged) throw new UsageError('--fix cannot be combined with --staged: the staged content is not the file on disk', 'Run `spec lint --fix <files>` on the work tree, then stage the result (or use --fix-dry-run).');
  const cwd = process.cwd();
  // --staged: git lists the repository's paths and the staged changes while the config loads
  const prefetched = opts.staged && opts.changedSince === undefined ? (await import('../lint/changed.js')).prefetchStaged(cwd, { diff: paths.length === 0 }) : null;
  const { loadConfig, ruleSettingFor, findConfigFile } = await import('../lint/config.js');
  // The nearest spec.config.json to what is linted decides the root (a repository inside another, a
  // fixture repository): search from the first path argument, else from the working directory.
  let searchFrom = cwd;
  if (!opts.config && paths.length > 0) {
    const first = resolve(cwd, paths[0]!);
    if (existsSync(first)) {
      const dir = statSync(first).isDirectory() ? first : dirname(first);
      if (findConfigFile(dir)) searchFrom = dir;
    }
  }
  const configPath = opts.config ?? (searchFrom !== cwd ? (findConfigFile(searchFrom) ?? undefined) : undefined);
  const config = await loadConfig({ cwd, configPath });
  await applyCliConfig(config, opts, cwd);
  if (opts.stdinFilename !== undefined && !opts.stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (opts.stdin && (paths.length > 0 || opts.staged || opts.changedSince !== undefined)) {
    throw new UsageError('--stdin lints standard input only: drop the paths, --staged and --changed-since');
  }

  if (opts.printConfig) {
    const { relativeTo } = await import('../lint/engine.js');
    const { allRules } = await import('../rules/index.js');
    const rel = relativeTo(config.root, resolve(cwd, opts.printConfig));
    const rules: Record<string, unknown> = {};
    for (const r of allRules) {
      const s = ruleSettingFor(config, r.meta.id, rel, r.meta.defaultSeverity);
      rules[r.meta.id] = s.options ? [s.severity, s.options] : s.severity;
    }
    const { rules: _r, overrides: _o, ...rest } = config;
    process.stdout.write(JSON.stringify({ file: rel, ...rest, rules }, null, 2) + '\n');
    return 0;
  }

  const formatName = opts.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
  const { getFormatter } = await import('../report/index.js');
  const formatter = await getFormatter(formatName, cwd);

  const { createRepoIndex } = await import('../lint/repo.js');
  const { discoverSpecs } = await import('../lint/discover.js');
  // with --staged, whether a path is tracked comes from the selection's read of the index (no other git call)
  let trackedPaths: (() => string[] | null) | undefined;
  const repo = createRepoIndex(config.root, undefined, { tracked: () => trackedPaths?.() });
  const exec = Boolean(opts.exec || config.exec);
  let selection: import('../lint/changed.js').LintSelection;
  await prefetched;
  // --staged --cache keeps its cache in the git directory unless told otherwise (changed.ts stagedCacheFile)
  let cacheFile: string | undefined;
  // --cache keeps its cache in the git directory unless told otherwise (changed.ts stagedCacheFile): like
  // the hook's, it never shows in the work tree and needs no .gitignore entry; outside git, .spec-cache/
  if (opts.cache && !opts.stdin) {
    const inGit = !opts.cacheLocation ? (await import('../lint/changed.js')).stagedCacheFile(config) : null;
    cacheFile = inGit ?? (await import('../lint/cache.js')).cacheFilePath(config, cwd, opts.cacheLocation);
  }
  let stdinPath: string | undefined;
  if (opts.stdin) {
    let text: string;
    try {
      text = readFileSync(0, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read standard input: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const abs = resolve(cwd, opts.stdinFilename ?? resolve(config.root, config.paths.specs, 'stdin.md'));
    const { relativeTo } = await import('../lint/engine.js');
    const rel = relativeTo(config.root, abs);
    if (rel.startsWith('..')) throw new UsageError(`--stdin-filename ${opts.stdinFilename} is outside the repository root ${config.root}`);
    stdinPath = opts.stdinFilename === undefined ? '<stdin>' : abs;
    selection = { files: [abs], contextFiles: [], contents: new Map([[abs, text]]) };
  } else if (opts.staged || opts.changedSince !== undefined) {
    const { selectChanged } = await import('../lint/changed.js');
    // --staged --cache: the cache knows the version candidates of the staged specs it has seen
    const known = cacheFile && opts.staged && !exec ? (await import('../lint/cache.js')).readStagedFacts(cacheFile) : undefined;
    selection = selectChanged(config, {
      staged: opts.staged,
      changedSince: opts.changedSince,
      paths,
      cwd,
      narrow: (p) => discoverSpecs(config, repo, [...p], { cwd, lenient: true }),
      // --exec reads every spec's model (its extensions): every staged spec then
      readAll: exec,
      ...(known ? { knownCandidates: known.candidates, worktreeStamps: known.stamps } : {}),
    });
  } else {
    selection = { files: discoverSpecs(config, repo, paths, { cwd }), contextFiles: [] };
  }
  const { files, contents } = selection;
  trackedPaths = selection.trackedPaths;
  const candidates = selection.candidates ? runOrder(files, selection.contextFiles, selection.candidates) : undefined;

  const progress = process.stderr.isTTY && files.length >= 20 && !process.env.CI;
  const lintOptions = {
    config,
    files,
    repo,
    exec,
    // only the GitHub summary draws from the models; other formats let each spec go once linted
    keepModels: formatName === 'github',
    ...(contents ? { contents } : {}),
    ...(selection.prdTexts ? { prdTexts: selection.prdTexts } : {}),
    ...(selection.contextFiles.length > 0 ? { contextFiles: selection.contextFiles } : {}),
    ...(candidates ? { candidates } : {}),
    ...(progress
      ? {
          onProgress: (done: number, total: number) => {
            if (done === total || done % 10 === 0) process.stderr.write(`\rspec lint: ${done}/${total} files`);
            if (done === total) process.stderr.write('\r\u001b[K');
          },
        }
      : {}),
  };
  let run: Awaited<ReturnType<typeof import('../lint/workers.js').lintRun>>;
  if (cacheFile) {
    const { lintCached } = await import('../lint/cache.js');
    run = await lintCached({
      ...lintOptions,
      cacheFile,
      onWarning: (m) => process.stderr.write(`spec: ${m}\n`),
      ...(selection.blobs ? { blobs: selection.blobs } : {}),
    });
  } else {
    const { lintRun } = await import('../lint/workers.js');
    run = await lintRun(lintOptions);
  }
  // ----- --fix / --fix-dry-run: passes of fixes, then the remaining findings (src/fix/run.ts) -----
  if (opts.fix || opts.fixDryRun) {
    const { fixFiles } = await import('../fix/run.js');
    const fixedResults = await fixFiles(run.results, {
      config,
      repo,
      exec,
      allFiles: [...files, ...selection.contextFiles],
      write: Boolean(opts.fix),
      ...(contents ? { contents } : {}),
      ...(selection.prdTexts ? { prdTexts: selection.prdTexts } : {}),
      // --quiet: only the errors' fixes, as ESLint does
      ...(opts.quiet ? { shouldFix: (m: import('../lint/types.js').Diagnostic) => m.severity === 'error' } : {}),
      onWriteError: (file, message) => process.stderr.write(`spec: cannot write the fixes to ${file}: ${message}\n`),
    });
    run = { ...run, results: fixedResults };
  }
  let results = run.results;
  if (opts.quiet) {
    results = results.map((r) => {
      const messages = r.messages.filter((m) => m.severity === 'error');
      return { ...r, messages, warningCount: 0 };
    });
  }
  const { ruleInfos } = await import('../rules/index.js');
  const { version } = await import('./main.js');
  const color = useColor(opts);
  if (stdinPath === '<stdin>') results = results.map((r) => ({ ...r, filePath: '<stdin>' }));
  const output = await formatter(results, {
    root: config.root,
    rules: ruleInfos(),
    toolName: 'spec',
    toolVersion: version(),
    color,
    models: run.models,
  });
  if (opts.outputFile) {
    const out = resolve(cwd, opts.outputFile);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, output);
    } catch (err) {
      throw new UsageError(`cannot write ${opts.outputFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  } else if (output) {
    process.stdout.write(output);
  }
  setWarmUpHint({ root: config.root, specs: files, prds: [...(selection.prdTexts?.keys() ?? [])].map((p) => resolve(config.root, p)), cacheFile: cacheFile ?? null, configPath: config.configPath });
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = run.results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`spec: too many warnings (${warnings}); the maximum is ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
