/** `spec rules`: every rule with its default severity, description and documentation. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { action } from './shared.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function register(program: Command): void {
  program
    .command('rules')
    .description('list every rule: id, default severity, what it checks, and its documentation')
    .argument('[id]', 'show the documentation of one rule')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(
      action(async (id: string | undefined, opts: { format: string }) => {
        const { ruleInfos, packageRoot } = await import('../rules/index.js');
        const infos = ruleInfos();
        if (id) {
          const info = infos.find((r) => r.id === id);
          if (!info) {
            const { UsageError } = await import('../errors.js');
            throw new UsageError(`unknown rule "${id}"`, 'Run `spec rules` for the list of rule ids.');
          }
          try {
            process.stdout.write(readFileSync(join(packageRoot, 'docs', 'rules', `${id}.md`), 'utf8'));
          } catch {
            process.stdout.write(`${info.id} (${info.defaultSeverity}): ${info.description}\n`);
          }
          return 0;
        }
        if (opts.format === 'json') {
          process.stdout.write(JSON.stringify(infos, null, 2) + '\n');
          return 0;
        }
        if (opts.format === 'markdown') {
          let out = '| Rule | Default | Fixable | What it checks |\n|---|---|---|---|\n';
          for (const r of infos) out += `| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${r.description.replace(/\|/g, '\\|')} |\n`;
          process.stdout.write(out);
          return 0;
        }
        const w = Math.max(...infos.map((r) => r.id.length));
        // the `fix` column: the rule's findings can carry a fix (`spec lint --fix`)
        for (const r of infos) process.stdout.write(`${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(5)}  ${r.fixable ? 'fix' : '   '}  ${r.description}\n`);
        const fixable = infos.filter((r) => r.fixable).length;
        process.stdout.write(`\n${infos.length} rules (${fixable} fixable with \`spec lint --fix\`). \`spec rules <id>\` shows one rule's documentation.\n`);
        return 0;
      }),
    );
}
