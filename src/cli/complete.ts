/** `spec complete <spec>`: move a verified spec into the completed-specs directory and mark it Approved. */
import type { Command } from 'commander';
import { action, intOption } from './shared.js';

interface CompleteFlags {
  force?: boolean;
  lint?: boolean;
  yes?: boolean;
  timeout?: string;
  allowShell?: boolean;
  quiet?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('complete')
    .description('lint a spec and verify its tasks, then move it into the completed-specs directory (git mv) with Status: Approved')
    .argument('<spec>', 'a tech spec (markdown file)')
    .option('--force', 'move it without running verify')
    .option('--no-lint', 'move it even when it has lint errors (it is linted first otherwise, and not moved on an error)')
    .option('-y, --yes', 'run the verify commands without asking (required when not on a terminal)')
    .option('--timeout <seconds>', 'time limit of each verify command', '300')
    .option('--allow-shell', 'run done-condition commands that need a shell with sh -c')
    .option('-q, --quiet', "hide the commands' output unless they fail")
    .option('-c, --config <file>', 'config file (decides the repository root and the completed directory)')
    .action(
      action(async (spec: string, opts: CompleteFlags) => {
        const timeoutSeconds = intOption('--timeout', opts.timeout);
        const { UsageError } = await import('../errors.js');
        if (!timeoutSeconds) throw new UsageError('--timeout must be at least 1 second');
        const { loadConfig } = await import('../lint/config.js');
        const config = await loadConfig({ cwd: process.cwd(), configPath: opts.config });
        const { loadSpec } = await import('../workflow/load.js');
        const { completeSpec } = await import('../workflow/complete.js');
        const { processIo } = await import('../workflow/io.js');
        const { useColor } = await import('./lint.js');
        const loaded = await loadSpec(config, process.cwd(), spec);
        const io = processIo();
        try {
          const r = await completeSpec(loaded, config, {
            io,
            cwd: process.cwd(),
            force: opts.force,
            yes: opts.yes,
            timeoutSeconds,
            allowShell: opts.allowShell,
            showOutput: !opts.quiet,
            noLint: opts.lint === false,
            color: useColor({}, process.env, Boolean(process.stderr.isTTY)),
          });
          return r.moved ? 0 : 1;
        } finally {
          io.close();
        }
      }),
    );
}
