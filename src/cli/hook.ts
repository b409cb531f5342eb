/** `spec hook install|uninstall [--force]`: a git pre-commit hook running `spec lint --staged`. */
import type { Command } from 'commander';
import { action } from './shared.js';

export function register(program: Command): void {
  const hook = program
    .command('hook')
    .description('install or remove a git pre-commit hook that runs `spec lint --staged` (husky-aware)');
  hook
    .command('install')
    .description('write the pre-commit hook (.git/hooks/pre-commit, or a step in .husky/pre-commit when husky is in use)')
    .option('--force', 'replace a pre-commit hook spec did not write (it is backed up, and `spec hook uninstall` restores it)')
    .action(
      action(async (opts: { force?: boolean }) => {
        const { installHook } = await import('../workflow/hook.js');
        const outcome = installHook({ cwd: process.cwd(), force: opts.force });
        process.stdout.write(`spec: ${outcome.message}\n`);
        return 0;
      }),
    );
  hook
    .command('uninstall')
    .description("remove spec's pre-commit hook and restore the hook it replaced, if any")
    .action(
      action(async () => {
        const { uninstallHook } = await import('../workflow/hook.js');
        const outcome = uninstallHook({ cwd: process.cwd() });
        process.stdout.write(`spec: ${outcome.message}\n`);
        return 0;
      }),
    );
}
