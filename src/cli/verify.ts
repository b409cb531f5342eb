/** `spec verify <spec>`: run the tasks' done-condition commands and report pass / fail / not runnable. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { action, intOption } from './shared.js';

interface VerifyFlags {
  task?: string;
  yes?: boolean;
  timeout?: string;
  allowShell?: boolean;
  passEnv?: string[];
  quiet?: boolean;
  format: 'text' | 'json';
  config?: string;
}

export function register(program: Command): void {
  program
    .command('verify')
    .description("run each task's done-condition commands in the repository, in dependency order, and report per task")
    .argument('<spec>', 'a tech spec (markdown file)')
    .option('-t, --task <id>', 'verify one task (e.g. T-003); its dependencies are not run')
    .option('-y, --yes', 'run the commands without asking (required when not on a terminal)')
    .option('--timeout <seconds>', 'time limit of each command', '300')
    .option('--allow-shell', 'run commands that need a shell (pipes, redirects, $VAR, sh -c / node -e code …) with sh -c instead of refusing them')
    .option('--pass-env <name>', 'pass this environment variable to the commands although its name marks it as a secret (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-q, --quiet', "hide the commands' output unless they fail")
    .addOption(new Option('-f, --format <name>', 'summary format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file (decides the repository root)')
    .action(
      action(async (spec: string, opts: VerifyFlags) => {
        const timeoutSeconds = intOption('--timeout', opts.timeout);
        const { UsageError } = await import('../errors.js');
        if (!timeoutSeconds) throw new UsageError('--timeout must be at least 1 second');
        const { loadConfig } = await import('../lint/config.js');
        const config = await loadConfig({ cwd: process.cwd(), configPath: opts.config });
        const { loadSpec } = await import('../workflow/load.js');
        const { verifySpec, formatSummary, verifyExitCode } = await import('../workflow/verify.js');
        const { processIo } = await import('../workflow/io.js');
        const base = processIo();
        // with --format json, stdout carries only the JSON: progress and command output go to stderr
        const io = opts.format === 'json' ? { ...base, out: base.err } : base;
        const loaded = await loadSpec(config, process.cwd(), spec);
        let results;
        try {
          results = await verifySpec(loaded.model, config, {
            io,
            cwd: config.root,
            task: opts.task,
            yes: opts.yes,
            timeoutSeconds,
            allowShell: opts.allowShell,
            passEnv: opts.passEnv,
            showOutput: !opts.quiet,
          });
        } finally {
          base.close();
        }
        if (results === null) {
          io.err('spec: nothing was run\n');
          return 1;
        }
        if (opts.format === 'json') base.out(JSON.stringify({ spec: loaded.relPath, results }, null, 2) + '\n');
        else if (results.length === 0) io.out(`${loaded.relPath} has no implementation tasks.\n`);
        else io.out('\n' + formatSummary(results));
        return verifyExitCode(results);
      }),
    );
}
